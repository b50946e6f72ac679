//! The Annals engine: everything between a folder of documents and a ranked,
//! marked list of hits, and the analyses of a corpus over time.
//!
//! One crate owns the index format, its writer and its reader, so the two
//! can never drift apart. Three layers, each depending only on those below:
//!
//! ```text
//! corpus/ ──ingest──► Vec<Document> ──IndexBuilder──► index bytes (one blob)
//!                                                           │ include_bytes! / fs::read
//!                                                           ▼
//!   the page, annals.js, the CLI ──► Corpus ──► query, analytics ──► Index (zero-copy reader)
//! ```
//!
//! - [`index`] is the leaf: the binary format, its writer [`IndexBuilder`]
//!   (feature `build`) and its reader [`Index`], which knows bytes and
//!   nothing else (it depends only on the analyzer and the shared
//!   vocabulary: [`document`], [`date`], [`search`], [`error`]).
//! - [`query`] parses, evaluates and ranks a query, filters it and pages
//!   its hits; [`analytics`] answers the workbench's views (facet counts,
//!   timeline and trends, keyword in context, term statistics).
//! - [`Corpus`] is the one door above them: every question the page, the
//!   JS API and the command line ask takes one [`Selection`] (query, facet
//!   filters, date range), and a [`SearchRequest`] is a selection plus
//!   order and paging. [`limits`] holds every bound a request meets.
//! - [`ingest`] (feature `build`) reads a corpus folder or `corpus.toml`
//!   into [`Document`]s and a build report.
//!
//! Build two documents, open them and search:
//!
//! ```
//! # #[cfg(feature = "build")]
//! # fn main() -> Result<(), annals_engine::Error> {
//! use annals_engine::{CorpusMeta, Corpus, Document, IndexBuilder, SearchRequest};
//!
//! let mut builder = IndexBuilder::new(CorpusMeta::default());
//! for (id, text) in [("a", "NATO and Russia met in Brussels."), ("b", "Oil prices rose.")] {
//!     let document = Document {
//!         id: id.into(),
//!         title: String::new(),
//!         text: text.into(),
//!         date: None,
//!         facets: Vec::new(),
//!         metadata: Vec::new(),
//!         origin: String::new(),
//!         mentions: Vec::new(),
//!     };
//!     builder.add(document)?;
//! }
//! let bytes = builder.finish()?;
//! let corpus = Corpus::open(&bytes)?;
//! let results = corpus.search(&SearchRequest::new("russia", 10));
//! assert_eq!(results.total, 1);
//! assert_eq!(results.hits[0].id, "a");
//! assert_eq!(results.hits[0].snippet.text, "NATO and Russia met in Brussels.");
//! # Ok(())
//! # }
//! # #[cfg(not(feature = "build"))]
//! # fn main() {}
//! ```
//!
//! The feature `build` pulls in parsers and compressors; the WASM app leaves
//! it off so they never reach the browser.
#![deny(missing_docs)]

pub mod analytics;
pub mod analyze;
mod corpus;
pub mod date;
pub mod document;
pub mod error;
pub mod index;
pub mod limits;
pub mod mention;
pub mod query;
pub mod search;
pub mod sort;

#[cfg(feature = "build")]
pub mod cargo_lines;
#[cfg(feature = "build")]
pub mod ingest;

pub use corpus::Corpus;
pub use date::{DatePrecision, DateSource, DocDate};
pub use document::{CorpusMeta, Document, FacetField, FacetKind};
pub use error::{Error, ErrorKind};
pub use index::Index;
pub use mention::{Mention, TimexKind};
#[cfg(feature = "build")]
pub use index::{BuildPhase, IndexBuilder, SplitIndex};
pub use index::{piece_hash, piece_name, Layout, CORE_FILE};
pub use search::{FacetFilter, Hit, SearchRequest, SearchResults, Selection, Snippet, Sort};
