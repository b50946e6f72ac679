//! The index: its binary format, its writer ([`IndexBuilder`], feature
//! `build`) and its zero-copy reader ([`Index`]).
//!
//! PLACEHOLDER CONTRACT — the signatures below are what the app, the CLI and
//! build.rs call; the bodies are to be written.

use crate::document::{CorpusMeta, Document};
use crate::error::Error;
use crate::search::{SearchRequest, SearchResults};

/// Counts for the corpus overview.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Overview {
    /// Documents in the index.
    pub documents: usize,
    /// Documents without a date.
    pub undated: usize,
    /// Earliest document day, if any document is dated.
    pub first_day: Option<i32>,
    /// Latest document day, if any document is dated.
    pub last_day: Option<i32>,
}

/// A read-only index over bytes written by [`IndexBuilder`].
pub struct Index<'a> {
    bytes: &'a [u8],
}

impl<'a> Index<'a> {
    /// Opens an index without copying it: checks the header and locates the
    /// sections; nothing proportional to the corpus is parsed.
    pub fn open(bytes: &'a [u8]) -> Result<Index<'a>, Error> {
        let _ = bytes;
        todo!("Index::open")
    }

    /// What the corpus says about itself.
    pub fn meta(&self) -> CorpusMeta {
        todo!("Index::meta {}", self.bytes.len())
    }

    /// Document count, date span and undated count.
    pub fn overview(&self) -> Overview {
        todo!()
    }

    /// Runs one search. Never panics, whatever the query text.
    pub fn search(&self, request: &SearchRequest) -> SearchResults {
        let _ = request;
        todo!()
    }

    /// The stored document with this id.
    pub fn document(&self, id: &str) -> Option<Document> {
        let _ = id;
        todo!()
    }
}

/// Writes an index from documents.
#[cfg(feature = "build")]
pub struct IndexBuilder {
    meta: CorpusMeta,
    documents: Vec<Document>,
}

#[cfg(feature = "build")]
impl IndexBuilder {
    /// A builder for a corpus described by `meta`.
    pub fn new(meta: CorpusMeta) -> IndexBuilder {
        IndexBuilder { meta, documents: Vec::new() }
    }

    /// Adds one document. Fails on a duplicate id.
    pub fn add(&mut self, document: Document) -> Result<(), Error> {
        self.documents.push(document);
        Ok(())
    }

    /// Writes the index and returns its bytes.
    pub fn finish(self) -> Result<Vec<u8>, Error> {
        let _ = (&self.meta, &self.documents);
        todo!()
    }
}
