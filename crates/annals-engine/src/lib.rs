//! The Annals engine: everything between a folder of documents and a ranked,
//! marked list of hits.
//!
//! One crate owns the index format, its writer and its reader, so the two
//! can never drift apart:
//!
//! ```text
//! corpus/ ──ingest──► Vec<Document> ──IndexBuilder──► index bytes (one blob)
//!                                                          │ include_bytes! / fs::read
//!                                                          ▼
//!                        SearchResults ◄──search── Index<'a> (zero-copy over the bytes)
//! ```
//!
//! - [`ingest`] (feature `build`) reads a corpus folder or `corpus.toml` into
//!   [`Document`]s and a [`BuildReport`](ingest::BuildReport).
//! - [`IndexBuilder`] (feature `build`) writes the index; [`Index`] reads it
//!   without copying or parsing anything proportional to the corpus.
//! - [`Index::search`] answers a [`SearchRequest`] with [`SearchResults`].
//! - [`explore`] answers the workbench's views over the same selection:
//!   facet counts, timeline, trends, concordance, term statistics.
//!
//! The feature `build` pulls in parsers and compressors; the WASM app leaves
//! it off so they never reach the browser.
#![deny(missing_docs)]

pub mod analyze;
pub mod date;
pub mod document;
pub mod error;
pub mod explore;
pub mod index;
pub mod mention;
pub mod query;
pub mod search;

#[cfg(feature = "build")]
pub mod ingest;

pub use date::{DatePrecision, DateSource, DocDate};
pub use document::{CorpusMeta, Document, FacetField, FacetKind};
pub use error::{Error, ErrorKind};
pub use index::Index;
pub use mention::{Granularity, Mention, TimexKind};
#[cfg(feature = "build")]
pub use index::IndexBuilder;
pub use search::{FacetFilter, Hit, SearchRequest, SearchResults, Snippet, Sort};
