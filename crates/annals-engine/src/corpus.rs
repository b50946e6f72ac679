//! The one façade every caller asks: an opened index and everything built
//! from it on first use, answering each question the page, the JS API and
//! the command line ask about one [`Selection`].
//!
//! The page, `annals.js`, the CLI, the benches and the tests all go through
//! [`Corpus`], so the same selection gives the same documents everywhere by
//! construction. The index below it ([`Index`]) only reads bytes; queries
//! ([`crate::query`]) and analytics ([`crate::analytics`]) sit between.

use crate::analytics::concordance::{self, Concordance};
use crate::analytics::facets::{self, FacetCounts};
use crate::analytics::mentions::{self, Chronology};
use crate::analytics::terms::{self, Collocates, TermStats};
use crate::analytics::timeline::{self, Granularity, Timeline, Trends};
use crate::analytics::{self, Selected};
use crate::analyze::Analyzer;
use crate::document::{CorpusMeta, Document};
use crate::error::Error;
use crate::index::{Index, Overview};
use crate::search::{Hit, SearchRequest, SearchResults, Selection};

/// An opened corpus: the index over its bytes (borrowed, never copied) and
/// the caches built from it on first use.
#[derive(Debug)]
pub struct Corpus<'a> {
    index: Index<'a>,
}

impl<'a> Corpus<'a> {
    /// Opens the index in `bytes` (see [`Index::open`]: nothing proportional
    /// to the corpus is read).
    pub fn open(bytes: &'a [u8]) -> Result<Corpus<'a>, Error> {
        Index::open(bytes).map(Corpus::from)
    }

    /// [`Corpus::open`] with the corpus language's analyzer made by the
    /// caller (see [`Index::open_with_analyzer`]).
    pub fn open_with_analyzer(bytes: &'a [u8], analyzer: Analyzer) -> Result<Corpus<'a>, Error> {
        Index::open_with_analyzer(bytes, analyzer).map(Corpus::from)
    }

    /// Opens the core of a split index (see [`Index::open_split`]): its
    /// pieces are read as requests need them. A request that reads an
    /// absent piece answers as if its data were empty and the piece is
    /// listed by [`Corpus::missing_pieces`]; supply it with
    /// [`Corpus::add_piece`] and ask again, until nothing is missing.
    pub fn open_split(core: &'a [u8]) -> Result<Corpus<'a>, Error> {
        Index::open_split(core).map(Corpus::from)
    }

    /// [`Corpus::open_split`] with the corpus language's analyzer made by
    /// the caller.
    pub fn open_split_with_analyzer(core: &'a [u8], analyzer: Analyzer) -> Result<Corpus<'a>, Error> {
        Index::open_split_with_analyzer(core, analyzer).map(Corpus::from)
    }

    /// Whether this index is one blob or a core with pieces.
    pub fn layout(&self) -> crate::Layout {
        if self.index.is_split() {
            crate::Layout::Split
        } else {
            crate::Layout::Single
        }
    }

    /// The names of the pieces the requests so far found absent (empty for
    /// a single-file index, and once every piece they read is here).
    pub fn missing_pieces(&self) -> Vec<String> {
        self.index.missing_pieces()
    }

    /// Supplies a piece's bytes, checked against its name.
    pub fn add_piece(&self, name: &str, bytes: &[u8]) -> Result<(), Error> {
        self.index.add_piece(name, bytes)
    }

    /// The index below, for what only it knows (sizes, checksums).
    pub fn index(&self) -> &Index<'a> {
        &self.index
    }

    /// Checks the checksum of every byte of the index (linear in its size:
    /// the CLI and the tests call it, the page does not).
    pub fn verify(&self) -> Result<(), Error> {
        self.index.verify()
    }

    /// What the corpus says about itself.
    pub fn meta(&self) -> CorpusMeta {
        self.index.meta()
    }

    /// Document count, date span and undated count.
    pub fn overview(&self) -> Overview {
        self.index.overview()
    }

    /// The number of documents.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// Whether the corpus has no documents.
    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// Builds now what the first search would otherwise wait for (see
    /// [`Index::prepare`]).
    pub fn prepare(&self) {
        self.index.prepare();
    }

    /// The stored document with this id.
    pub fn document(&self, id: &str) -> Option<Document> {
        self.index.document(id)
    }

    /// The stored document at an ordinal (0-based, in build order).
    pub fn document_at(&self, ordinal: u32) -> Option<Document> {
        self.index.document_at(ordinal)
    }

    /// One page of the hits of a selection, in the request's order, with
    /// the total, the notices and a better spelling when it finds little.
    /// Never panics, whatever the query text.
    pub fn search(&self, request: &SearchRequest) -> SearchResults {
        crate::query::search(&self.index, request)
    }

    /// The documents a selection selects (ascending ordinals) and the
    /// notices of its query.
    pub fn select(&self, selection: &Selection) -> Selected {
        analytics::select(&self.index, selection)
    }

    /// For every facet field, how many selected documents carry each value.
    /// A field's own `any_of` filter is left out of its counts (choosing a
    /// second value widens the selection, and the counts say by how much);
    /// every other filter, its `none_of` and the date range apply.
    pub fn facet_counts(&self, selection: &Selection) -> Vec<FacetCounts> {
        facets::facet_counts(&self.index, selection)
    }

    /// Selected documents per bin, plus the undated ones. Without a
    /// granularity one is chosen from the span ([`Granularity::for_span`]).
    pub fn timeline(&self, selection: &Selection, granularity: Option<Granularity>) -> Timeline {
        timeline::timeline(&self.index, selection, granularity)
    }

    /// For each of up to [`MAX_TREND_TERMS`](crate::limits::MAX_TREND_TERMS)
    /// terms (any query text), per bin: the documents matching it and its
    /// occurrences per 10,000 words of all the documents the selection's
    /// filters and date range keep in that bin (its query is not used).
    pub fn trends(&self, terms: &[String], selection: &Selection, granularity: Option<Granularity>) -> Trends {
        timeline::trends(&self.index, terms, selection, granularity)
    }

    /// How many of the dates the selected documents mention fall in each
    /// period: a timeline of what the selection talks about, beside
    /// [`Corpus::timeline`], which is when it was written.
    pub fn mention_timeline(&self, selection: &Selection, granularity: Option<Granularity>) -> Timeline {
        mentions::mention_timeline(&self.index, selection, granularity)
    }

    /// The selected documents' mentions of a period, in the order of the
    /// dates they refer to, each with its sentence: `limit` of them (at most
    /// [`MAX_CHRONOLOGY_ENTRIES`](crate::limits::MAX_CHRONOLOGY_ENTRIES))
    /// after the first `offset`, with the total.
    pub fn chronology(&self, selection: &Selection, offset: usize, limit: usize) -> Chronology {
        mentions::chronology(&self.index, selection, offset, limit)
    }

    /// Every occurrence of the query's positive words and exact phrases in
    /// the text of the selected documents, with up to `width` characters of
    /// context each side; at most `limit` lines are returned, `total`
    /// counts them all.
    pub fn concordance(&self, selection: &Selection, width: usize, limit: usize) -> Concordance {
        concordance::concordance(&self.index, selection, width, limit)
    }

    /// Byte ranges in `text` of every occurrence of the query's positive
    /// words and exact phrases, in order: what a reader marks.
    pub fn hit_ranges(&self, query: &str, text: &str) -> Vec<(usize, usize)> {
        concordance::hit_ranges(&self.index, query, text)
    }

    /// The most frequent and most distinctive words of the selection (at
    /// most `limit` each), counted over every selected document (in the
    /// split layout, over a sample the answer says the size of).
    pub fn term_stats(&self, selection: &Selection, limit: usize) -> TermStats {
        terms::term_stats(&self.index, selection, limit)
    }

    /// Words occurring within `window` words of `term` in the selected
    /// documents that contain it (in the split layout, a sample of them),
    /// ranked by log-likelihood.
    pub fn collocates(&self, selection: &Selection, term: &str, window: usize, limit: usize) -> Collocates {
        terms::collocates(&self.index, selection, term, window, limit)
    }

    /// Documents most like the one with this id (itself left out).
    pub fn similar(&self, id: &str, limit: usize) -> Vec<Hit> {
        terms::similar(&self.index, id, limit)
    }
}

impl<'a> From<Index<'a>> for Corpus<'a> {
    fn from(index: Index<'a>) -> Corpus<'a> {
        Corpus { index }
    }
}
