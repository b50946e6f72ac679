//! The index: its binary format ([`format`], documented there as a grammar),
//! its writer ([`IndexBuilder`], feature `build`) and its zero-copy reader
//! ([`Index`]).
//!
//! The reader borrows the bytes it is given and never copies or parses
//! anything proportional to the corpus when it opens: the term dictionary
//! (an `fst` set) and the facet map are read in place. What the index does
//! not store (where each list starts, the stem map, the stop words' lists)
//! is derived once, on first use, in the forward view and beside it; then
//! postings are decoded only for the terms a query asks for.

mod bits;
mod codec;
mod facets;
mod format;
mod forward;
mod postings;
mod split;
#[cfg(feature = "build")]
mod split_writer;
mod store;
mod template;
#[cfg(feature = "build")]
mod writer;

#[cfg(feature = "build")]
pub use writer::{BuildPhase, IndexBuilder};
#[cfg(feature = "build")]
pub use split_writer::SplitIndex;
pub use split::{piece_hash, piece_name, Layout, CORE_FILE};

pub use facets::{CatalogField, FacetCatalog, FacetValue};
pub use postings::{ListHandle, Posting, TermInfo};
pub(crate) use postings::{PositionCursor, SkippingList};

/// In a document's words at each position ([`Index::body_terms`]), a
/// position no term of the dictionary fills (a stop word's, or the gap
/// between title and body).
pub const NO_TERM: u32 = forward::HOLE;

#[cfg(feature = "build")]
use facets::facet_key;

use std::collections::HashMap;

use fst::{Map, Set};

use crate::analyze::Analyzer;
use crate::date::DocDate;
use crate::document::{CorpusMeta, Document, FacetField, FacetKind};
use crate::error::{Error, ErrorKind};
use crate::limits::cut_at_char_boundary;
use crate::mention::Mention;

use bits::{u32_at, Reader};
use format::*;

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
    sections: [&'a [u8]; SECTION_COUNT],
    terms: Set<&'a [u8]>,
    facets: Map<&'a [u8]>,
    codec: codec::Codec,
    /// Plain records and the word at every position, built on the first
    /// read of stored text (see [`forward`]).
    forward: std::sync::OnceLock<forward::Forward>,
    /// Stem → the lists of its forms, from stemming every form in TERMS on
    /// the first query (see the format's "What is not stored").
    stem_map: std::sync::OnceLock<HashMap<String, Vec<ListHandle>>>,
    /// The stop words' postings, counted from the stored text when a query
    /// first asks for one.
    stop_lists: std::sync::OnceLock<Vec<Vec<Posting>>>,
    /// Every mentioned period of every document, read from the stored
    /// records on first use.
    mentioned: std::sync::OnceLock<Vec<MentionedPeriod>>,
    /// Document id → ordinal, read from the stored records on first use.
    id_map: std::sync::OnceLock<HashMap<String, u32>>,
    doc_count: u32,
    avg_title: f32,
    avg_body: f32,
    analyzer: Analyzer,
    /// Every facet value with its label and documents, read on first use
    /// (not at open: opening stays constant-time).
    facet_catalog: std::sync::OnceLock<FacetCatalog>,
    /// The split layout's tables and pieces (see [`split`]); `None` for
    /// the single layout.
    split: Option<Box<split::Split<'a>>>,
}

impl std::fmt::Debug for Index<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Index({} documents, {} bytes)", self.doc_count, self.bytes.len())
    }
}

/// The caller's analyzer, when it stems the corpus's language.
fn check_language(language: &str, analyzer: Analyzer) -> Result<Analyzer, Error> {
    let wanted = crate::analyze::algorithm_for(language);
    if wanted == analyzer.algorithm() {
        Ok(analyzer)
    } else {
        Err(bad(&format!("it was written for {wanted:?} text, this reader stems {:?}", analyzer.algorithm())))
    }
}

/// The bytes of an empty `fst` set: the split layout's stand-in for the
/// single layout's dictionary, which it keeps in pieces.
fn empty_set() -> &'static [u8] {
    static EMPTY: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    EMPTY.get_or_init(|| fst::SetBuilder::memory().into_inner().unwrap_or_default())
}

/// At most `most` of `items`, spread evenly (all of them when there are
/// no more), in their order.
fn evenly(items: &[u32], most: usize) -> Vec<u32> {
    if items.len() <= most {
        return items.to_vec();
    }
    (0..most).map(|i| items[i * items.len() / most]).collect()
}

fn bad(message: &str) -> Error {
    Error::new(ErrorKind::Format, format!("not a readable Annals index: {message}"))
}

impl<'a> Index<'a> {
    /// Opens an index without copying it: checks the header, locates the
    /// sections and checksums the term and facet dictionaries (which `fst`
    /// must be able to trust); nothing else proportional to the corpus is
    /// read. The checksum of the other sections' bytes is left to
    /// [`Index::verify`] (see [`format`] for why).
    pub fn open(bytes: &'a [u8]) -> Result<Index<'a>, Error> {
        Index::open_with(bytes, |language| Ok(Analyzer::new(language)))
    }

    /// [`Index::open`] with the analyzer of the corpus language made by the
    /// caller: an error when the index was written for another language.
    /// The web app opens its embedded index this way, naming the algorithm
    /// as a constant, so only that language's stemmer is compiled in.
    pub fn open_with_analyzer(bytes: &'a [u8], analyzer: Analyzer) -> Result<Index<'a>, Error> {
        Index::open_with(bytes, |language| check_language(language, analyzer))
    }

    fn open_with(bytes: &'a [u8], analyzer_for: impl FnOnce(&str) -> Result<Analyzer, Error>) -> Result<Index<'a>, Error> {
        // A split core opens the same way: a page built either way calls
        // one open.
        if bytes.starts_with(split::SPLIT_MAGIC) {
            return Index::open_split_with(bytes, analyzer_for);
        }
        if bytes.len() < HEADER_LEN || &bytes[..8] != MAGIC {
            return Err(bad("the magic bytes are missing"));
        }
        let version = u32_at(bytes, 8);
        if version != VERSION {
            return Err(bad(&format!("format version {version}, this reader reads version {VERSION}")));
        }
        let count = u32_at(bytes, 12) as usize;
        if count != SECTION_COUNT {
            return Err(bad("unexpected section count"));
        }
        let table_end = HEADER_LEN + count * 8;
        let Some(table) = bytes.get(HEADER_LEN..table_end) else {
            return Err(bad("truncated section table"));
        };
        if u32_at(bytes, 24) as usize != bytes.len() {
            return Err(bad("truncated or padded (length differs from the header)"));
        }
        let mut sections: [&'a [u8]; SECTION_COUNT] = [&[]; SECTION_COUNT];
        for (i, s) in sections.iter_mut().enumerate() {
            let off = u32_at(table, i * 8) as usize;
            let len = u32_at(table, i * 8 + 4) as usize;
            *s = bytes.get(off..off.saturating_add(len)).ok_or_else(|| bad("a section lies outside the index"))?;
        }
        let checksum = CHECKED_AT_OPEN.iter().fold(fnv1a32_continue(fnv1a32(&bytes[..16]), table), |h, &s| fnv1a32_continue(h, sections[s as usize]));
        if checksum != u32_at(bytes, 16) {
            return Err(bad("header checksum mismatch (the header, the section table or a dictionary is damaged)"));
        }
        let terms = Set::new(sections[Section::Terms as usize]).map_err(|e| bad(&e.to_string()))?;
        let facets = Map::new(sections[Section::Facets as usize]).map_err(|e| bad(&e.to_string()))?;

        let index = Index::from_parts(bytes, sections, terms, facets, analyzer_for)?;
        if sections[Section::Docs as usize].len() != index.doc_count as usize * DOC_RECORD_LEN {
            return Err(bad("document table size mismatch"));
        }
        Ok(index)
    }

    /// The reader over located sections, with the metadata read from META
    /// (three fixed fields after its variable part).
    fn from_parts(
        bytes: &'a [u8],
        sections: [&'a [u8]; SECTION_COUNT],
        terms: Set<&'a [u8]>,
        facets: Map<&'a [u8]>,
        analyzer_for: impl FnOnce(&str) -> Result<Analyzer, Error>,
    ) -> Result<Index<'a>, Error> {
        let mut r = Reader::new(sections[Section::Meta as usize]);
        let parsed = read_meta(&mut r);
        let doc_count = r.u32();
        let avg_title = r.f32();
        let avg_body = r.f32();
        if r.bad {
            return Err(bad("corrupt metadata"));
        }
        Ok(Index {
            bytes,
            sections,
            terms,
            facets,
            codec: codec::Codec::new(sections[Section::StoredDict as usize]),
            forward: std::sync::OnceLock::new(),
            stem_map: std::sync::OnceLock::new(),
            stop_lists: std::sync::OnceLock::new(),
            id_map: std::sync::OnceLock::new(),
            mentioned: std::sync::OnceLock::new(),
            doc_count,
            avg_title,
            avg_body,
            analyzer: analyzer_for(&parsed.language)?,
            facet_catalog: std::sync::OnceLock::new(),
            split: None,
        })
    }

    /// Opens the core of a split index (see [`split`]): checks it whole
    /// (it is small) and reads nothing else; the pieces come later, by
    /// [`Index::add_piece`], as requests name them.
    pub fn open_split(core: &'a [u8]) -> Result<Index<'a>, Error> {
        Index::open_split_with(core, |language| Ok(Analyzer::new(language)))
    }

    /// [`Index::open_split`] with the corpus language's analyzer made by
    /// the caller (see [`Index::open_with_analyzer`]).
    pub fn open_split_with_analyzer(core: &'a [u8], analyzer: Analyzer) -> Result<Index<'a>, Error> {
        Index::open_split_with(core, |language| check_language(language, analyzer))
    }

    fn open_split_with(core: &'a [u8], analyzer_for: impl FnOnce(&str) -> Result<Analyzer, Error>) -> Result<Index<'a>, Error> {
        let core_sections = split::core_sections(core)?;
        let meta = core_sections[split::CoreSection::Meta as usize];
        let facets = Map::new(core_sections[split::CoreSection::Facets as usize]).map_err(|e| bad(&e.to_string()))?;
        let mut sections: [&'a [u8]; SECTION_COUNT] = [&[]; SECTION_COUNT];
        sections[Section::Meta as usize] = meta;
        let terms = Set::new(empty_set()).map_err(|e| bad(&e.to_string()))?;
        let mut index = Index::from_parts(core, sections, terms, facets, analyzer_for)?;
        index.split = Some(Box::new(split::Split::new(core_sections, index.doc_count)));
        Ok(index)
    }

    /// Whether this index is a split one, read piece by piece.
    pub fn is_split(&self) -> bool {
        self.split.is_some()
    }

    /// The names of the pieces requests have read since they were last
    /// supplied and found absent (none for the single layout): fetch them,
    /// give them to [`Index::add_piece`] and run the requests again.
    pub fn missing_pieces(&self) -> Vec<String> {
        self.split.as_ref().map_or_else(Vec::new, |s| s.missing_pieces())
    }

    /// Whether a read found a piece absent that is still absent: the
    /// answers given since are not the corpus's and will be asked again.
    pub(crate) fn incomplete(&self) -> bool {
        self.split.as_ref().is_some_and(|s| s.incomplete())
    }

    /// Supplies the bytes of the piece named `name`; an error when no
    /// piece has that name or the bytes are not the ones it names.
    pub fn add_piece(&self, name: &str, bytes: &[u8]) -> Result<(), Error> {
        match &self.split {
            Some(split) if split.add_piece(name, bytes) => Ok(()),
            Some(_) => Err(bad(&format!("piece {name:?} is not one of this index's, or its bytes are damaged"))),
            None => Err(bad("a single-file index has no pieces")),
        }
    }

    /// Checks the body checksum over every section: linear in the index
    /// size, so the builder's tests and the CLI call it, not the page.
    pub fn verify(&self) -> Result<(), Error> {
        if self.split.is_some() {
            return split::Split::verify(self.bytes);
        }
        let start = HEADER_LEN + SECTION_COUNT * 8;
        if fnv1a32(self.bytes.get(start..).unwrap_or(&[])) != u32_at(self.bytes, 20) {
            return Err(bad("body checksum mismatch"));
        }
        Ok(())
    }

    /// The size of the index in bytes, per section name.
    pub fn section_sizes(&self) -> Vec<(&'static str, usize)> {
        if let Some(split) = &self.split {
            return split.section_sizes();
        }
        const NAMES: [&str; SECTION_COUNT] = [
            "meta",
            "terms",
            "postings",
            "stored_blocks",
            "docs",
            "stored",
            "stored_dict",
            "facets",
            "facet_docs",
        ];
        NAMES.iter().zip(self.sections.iter()).map(|(n, s)| (*n, s.len())).collect()
    }

    /// What the corpus says about itself.
    pub fn meta(&self) -> CorpusMeta {
        read_meta(&mut Reader::new(self.sections[Section::Meta as usize]))
    }

    /// Document count, date span and undated count.
    pub fn overview(&self) -> Overview {
        if let Some(split) = &self.split {
            return split.overview();
        }
        let mut undated = 0;
        let mut first = None::<i32>;
        let mut last = None::<i32>;
        for doc in 0..self.doc_count {
            match self.day(doc) {
                None => undated += 1,
                Some(d) => {
                    first = Some(first.map_or(d, |f| f.min(d)));
                    last = Some(last.map_or(d, |l| l.max(d)));
                }
            }
        }
        Overview { documents: self.doc_count as usize, undated, first_day: first, last_day: last }
    }

    /// The stored document with this id.
    pub fn document(&self, id: &str) -> Option<Document> {
        if let Some(split) = &self.split {
            return self.document_at(split.ordinal(id)?);
        }
        let ordinal = *self.id_map.get_or_init(|| self.forward_view().id_map()).get(id)?;
        self.document_at(ordinal)
    }

    /// The stored document at an ordinal (0-based, in build order).
    pub fn document_at(&self, ordinal: u32) -> Option<Document> {
        let record = self.record(ordinal)?;
        let names: Vec<String> = self.meta().facets.into_iter().map(|f| f.name).collect();
        Some(store::decode_with(&record, &names))
    }

    /// The number of documents.
    pub fn len(&self) -> usize {
        self.doc_count as usize
    }

    /// Whether the index holds no documents.
    pub fn is_empty(&self) -> bool {
        self.doc_count == 0
    }

    /// The analyzer of the corpus language, as indexing used it.
    pub fn analyzer(&self) -> &Analyzer {
        &self.analyzer
    }

    // ----- for queries, ranking, snippets and analytics (crate-internal) -----

    /// A document's id, title and text (the first read of stored text
    /// unpacks it all and inverts the postings: see [`forward`]; later
    /// reads only put one document's words back).
    pub(crate) fn stored_head(&self, ordinal: u32) -> Option<StoredHead> {
        let (id, title, text, _) = self.head(ordinal, None)?;
        Some(StoredHead { id, title, text })
    }

    /// [`Index::stored_head`] with the words of its text: `(start, end,
    /// folded form)` of each, as the template gave them back (a form is
    /// `None` where the text spells it out as it stands), which spares
    /// segmenting the text again.
    pub(crate) fn stored_head_with_words<'s>(&'s self, ordinal: u32, words: &mut Vec<TextWord<'s>>) -> Option<StoredHead> {
        let (id, title, text, _) = self.head(ordinal, Some(words))?;
        Some(StoredHead { id, title, text })
    }

    /// A document's id, title and text, put back without re-encoding its
    /// record, and the rest of the record (date onward, see [`store`]);
    /// the words of the text go to `words` when asked.
    fn head<'s>(&'s self, ordinal: u32, words: Option<&mut Vec<TextWord<'s>>>) -> Option<(String, String, String, &'s [u8])> {
        if ordinal >= self.doc_count {
            return None;
        }
        if let Some(split) = &self.split {
            return Some(split_head(split.record(ordinal)?, &self.analyzer, words));
        }
        let (id, title, text, rest) = self.forward_view().head(ordinal, words);
        Some((String::from_utf8_lossy(id).into_owned(), title, text, rest))
    }

    /// The dates a document's text mentions, in text order.
    pub(crate) fn mentions_of(&self, ordinal: u32) -> Vec<Mention> {
        if ordinal >= self.doc_count {
            return Vec::new();
        }
        if let Some(split) = &self.split {
            return split.record(ordinal).map(|record| store::tail_mentions(store::record_tail(record))).unwrap_or_default();
        }
        store::tail_mentions(self.forward_view().tail(ordinal))
    }

    /// Every mention that names a period of days, as `(document, first day,
    /// last day, its number among the document's mentions)`, by document
    /// then text order: built once, from the stored records, for
    /// `mentions:` queries, the mentioned-dates timeline and the chronology.
    pub(crate) fn mentioned_periods(&self) -> &[MentionedPeriod] {
        if let Some(split) = &self.split {
            if let Some(done) = self.mentioned.get() {
                return done;
            }
            // Kept only once every piece was there.
            return match split.mentioned_periods() {
                Some(periods) => self.mentioned.get_or_init(|| periods),
                None => &[],
            };
        }
        self.mentioned.get_or_init(|| {
            let mut out = Vec::new();
            for doc in 0..self.doc_count {
                for (number, mention) in self.mentions_of(doc).into_iter().enumerate() {
                    if let (Some(first), Some(last)) = (mention.first_day, mention.last_day) {
                        out.push(MentionedPeriod { doc, first, last, number: number as u32 });
                    }
                }
            }
            out
        })
    }

    /// What a search hit shows of the document at `ordinal` (id, title,
    /// date and facet values) and the part of its text that covers the
    /// bytes `choose` asks for, having seen where each word of the text
    /// lands and what it is (see [`forward::Forward::passage`]): in the
    /// single layout, the forms of the words outside it are never read.
    pub(crate) fn hit_passage(
        &self,
        ordinal: u32,
        choose: impl FnOnce(&[PassageWord<'_>], usize) -> std::ops::Range<usize>,
    ) -> Option<(HitRecord, Passage)> {
        if ordinal >= self.doc_count {
            return None;
        }
        let (id, title, passage, tail) = match &self.split {
            Some(split) => {
                let record = split.record(ordinal)?;
                let (id, title, text, tail) = split_head(record, &self.analyzer, None);
                let mut words = Vec::new();
                self.analyzer.for_each_word_range(&text, |start, end| {
                    words.push(PassageWord { start, end, word: WordAt::Written(&text[start..end]) })
                });
                let range = choose(&words, text.len());
                let start = cut_at_char_boundary(&text, range.start).len();
                let end = cut_at_char_boundary(&text, range.end).len().max(start);
                let passage = Passage { text: text[start..end].to_string(), start, total: text.len() };
                (id, title, passage, tail)
            }
            None => {
                let (id, title, passage, tail) = self.forward_view().passage(ordinal, choose);
                (String::from_utf8_lossy(id).into_owned(), title, passage, tail)
            }
        };
        let (date, facets) = store::tail_date_and_facets(tail);
        Some((HitRecord { id, title, date, facets }, passage))
    }

    fn record(&self, ordinal: u32) -> Option<Vec<u8>> {
        if ordinal >= self.doc_count {
            return None;
        }
        if let Some(split) = &self.split {
            return split.record(ordinal).map(<[u8]>::to_vec);
        }
        Some(self.forward_view().record(ordinal))
    }

    /// Builds now what the first search would otherwise build: the forward
    /// view (stored text unpacked, postings turned round) and the stem map
    /// (the page calls this while nobody waits). The stop words' lists and
    /// the id map stay lazy: few queries need them.
    pub fn prepare(&self) {
        if self.split.is_some() {
            return;
        }
        self.forward_view();
        self.stem_map();
    }

    /// The forward view, built on first use.
    fn forward_view(&self) -> &forward::Forward {
        self.forward.get_or_init(|| forward::Forward::build(self))
    }

    /// The plain bytes of the stored block holding `first_doc` (its first
    /// document) and how many documents it holds; empty bytes when the
    /// block cannot be read.
    fn stored_block(&self, first_doc: u32) -> (std::borrow::Cow<'a, [u8]>, u32) {
        let n = self.codec.docs_per_block();
        let block = (first_doc / n) as usize;
        let count = self.doc_count.saturating_sub(block as u32 * n).min(n);
        let offsets = self.sections[Section::StoredBlocks as usize];
        let stored = self.sections[Section::Stored as usize];
        let start = u32_at(offsets, block * 4) as usize;
        let end = if (block + 1) * 4 < offsets.len() { u32_at(offsets, (block + 1) * 4) as usize } else { stored.len() };
        let plain = stored.get(start..end).and_then(|raw| self.codec.decode(raw));
        (plain.unwrap_or_default(), count)
    }

    pub(crate) fn day(&self, ordinal: u32) -> Option<i32> {
        if let Some(split) = &self.split {
            return split.doc_row(ordinal).map(|r| r.0).filter(|&d| d != UNDATED);
        }
        let docs = self.sections[Section::Docs as usize];
        let at = ordinal as usize * DOC_RECORD_LEN;
        let Some(&[a, b, c]) = docs.get(at..at + 3) else { return None };
        // Sign-extend the 24-bit day.
        let d = i32::from_le_bytes([0, a, b, c]) >> 8;
        (d != UNDATED).then_some(d)
    }

    /// (title length, body length) in words, counted from the stored
    /// templates when the forward view is built (the split layout reads
    /// them with each postings list).
    #[inline]
    pub(crate) fn lengths(&self, ordinal: u32) -> (u32, u32) {
        if let Some(split) = &self.split {
            return split.lengths(ordinal).unwrap_or_default();
        }
        self.forward_view().lengths(ordinal)
    }
    /// How many words the corpus has, titles and bodies (stop words
    /// counted): the single layout counts them, the split layout works it
    /// out from the mean lengths its header keeps, which would otherwise
    /// mean reading every doc piece.
    pub(crate) fn word_count(&self) -> u64 {
        if self.split.is_some() {
            return ((self.avg_title as f64 + self.avg_body as f64) * self.doc_count as f64).round() as u64;
        }
        (0..self.doc_count).map(|d| {
            let (title, body) = self.lengths(d);
            title as u64 + body as u64
        }).sum()
    }

    /// How many documents were written on each day, ascending by day, as
    /// a split index's day piece lists them: the whole corpus's timeline
    /// without a doc piece. Empty in the single layout (which reads its
    /// doc table) and while the piece is on its way.
    pub(crate) fn day_counts(&self) -> Vec<(i32, usize)> {
        self.split.as_ref().and_then(|split| split.day_counts()).unwrap_or_default()
    }

    /// The whole corpus's most frequent words with their occurrences, most
    /// first, as the split layout's core lists them (none in the single
    /// layout, which counts them from its forward view).
    pub(crate) fn frequent_words(&self) -> Vec<(String, u64)> {
        self.split.as_ref().map(|split| split.frequent_words()).unwrap_or_default()
    }

    /// Which of `docs` (ascending) an analysis that reads every word of
    /// them reads. The single layout's forward view holds every word: all
    /// of them. The split layout's words come with the records, a piece of
    /// them at a time, so it reads the selected documents of at most
    /// [`MAX_SAMPLED_RECORD_PIECES`](crate::limits::MAX_SAMPLED_RECORD_PIECES)
    /// pieces (all of them when the selection lies in no more): the
    /// selection's pieces are cut into that many runs, and of each run the
    /// piece holding the most selected documents is read, so the sample is
    /// spread over the whole selection and each fetch brings as many of its
    /// documents as it can. At most
    /// [`MAX_SAMPLED_DOCUMENTS`](crate::limits::MAX_SAMPLED_DOCUMENTS) of
    /// those, spread evenly again.
    pub(crate) fn documents_to_read(&self, docs: &[u32]) -> Vec<u32> {
        use crate::limits::{MAX_SAMPLED_DOCUMENTS, MAX_SAMPLED_RECORD_PIECES};
        let Some(split) = &self.split else { return docs.to_vec() };
        let per_piece = split.records_per_piece().max(1);
        // The selection's pieces, ascending, with how many of its documents each holds.
        let mut pieces: Vec<(u32, usize)> = Vec::new();
        for d in docs {
            match pieces.last_mut() {
                Some((piece, n)) if *piece == d / per_piece => *n += 1,
                _ => pieces.push((d / per_piece, 1)),
            }
        }
        let runs = MAX_SAMPLED_RECORD_PIECES.min(pieces.len());
        let chosen: Vec<u32> = (0..runs)
            .filter_map(|i| {
                let run = &pieces[i * pieces.len() / runs..(i + 1) * pieces.len() / runs];
                run.iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0))).map(|&(piece, _)| piece)
            })
            .collect();
        let read: Vec<u32> = docs.iter().copied().filter(|d| chosen.binary_search(&(d / per_piece)).is_ok()).collect();
        evenly(&read, MAX_SAMPLED_DOCUMENTS)
    }

    pub(crate) fn avg_lengths(&self) -> (f32, f32) {
        (self.avg_title, self.avg_body)
    }

    pub(crate) fn doc_count(&self) -> u32 {
        self.doc_count
    }

    /// The dictionary of exact forms (the forward view walks it).
    fn terms(&self) -> &Set<&'a [u8]> {
        &self.terms
    }

    /// How many distinct forms the dictionary has: the bound of the term
    /// numbers [`Index::document_terms`] and [`Index::body_terms`] give.
    pub(crate) fn term_count(&self) -> usize {
        if self.split.is_some() {
            return 0;
        }
        self.forward_view().term_count()
    }

    /// The term numbers of every dictionary word of a document, one per
    /// position (title and body; stop words are not among them).
    pub(crate) fn document_terms(&self, ordinal: u32) -> impl Iterator<Item = u32> + '_ {
        let forward = if self.split.is_some() { None } else { Some(self.forward_view()) };
        forward.into_iter().flat_map(move |f| f.terms_of(ordinal))
    }

    /// The term at each body position of a document, in order; [`NO_TERM`]
    /// where a stop word stands.
    pub(crate) fn body_terms(&self, ordinal: u32) -> &[u32] {
        if self.split.is_some() {
            return &[];
        }
        self.forward_view().body_slots(ordinal)
    }

    /// The term number of a list (see [`Index::position_terms`]); `None`
    /// in the split layout and for a stop word's list, which have none.
    pub(crate) fn list_term(&self, list: ListHandle) -> Option<u32> {
        if self.split.is_some() || !list.has_positions() {
            return None;
        }
        self.forward_view().term_of_list(list.bit())
    }

    /// The term at each position of a document, title then body (what
    /// positions number), [`NO_TERM`] where none stands; `None` in the
    /// split layout, which keeps no forward view. With it, the positions
    /// of a few words in a few documents are read without decoding whole
    /// lists of positions to reach them.
    pub(crate) fn position_terms(&self, ordinal: u32) -> Option<&[u32]> {
        if self.split.is_some() {
            return None;
        }
        Some(self.forward_view().slots_of(ordinal))
    }

    /// The exact form of a term number.
    pub(crate) fn term_form(&self, term: u32) -> Option<&str> {
        if self.split.is_some() {
            return None;
        }
        self.forward_view().word(term)
    }
}

/// A period of days one document's text mentions (see
/// [`Index::mentioned_periods`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MentionedPeriod {
    /// The document.
    pub doc: u32,
    /// The first day of the period.
    pub first: i32,
    /// Its last day (inclusive).
    pub last: i32,
    /// The mention's number among the document's mentions, in text order.
    pub number: u32,
}

/// A document's id, title and text, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredHead {
    /// The document's stable id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its text.
    pub text: String,
}

/// What a search hit shows of a document besides its snippet (see
/// [`Index::hit_passage`]).
#[derive(Debug, Clone)]
pub(crate) struct HitRecord {
    pub id: String,
    pub title: String,
    pub date: Option<DocDate>,
    pub facets: Vec<(String, Vec<String>)>,
}

/// One word of a stored text: `(start, end, folded form)`, byte offsets into
/// the text (see [`Index::stored_head_with_words`]).
pub(crate) type TextWord<'s> = forward::TextWord<'s>;
pub(crate) use forward::{Passage, PassageWord, WordAt};

/// A split record's id, title, text and tail, with the words of its text
/// (written out, so each is folded where it stands, as the template's
/// written-out words are).
fn split_head<'r>(record: &'r [u8], analyzer: &Analyzer, words: Option<&mut Vec<TextWord<'_>>>) -> (String, String, String, &'r [u8]) {
    let mut r = Reader::new(record);
    let id = r.string();
    let title = r.string();
    let text = r.string();
    if let Some(words) = words {
        words.clear();
        // Only where the words are: the snippet folds those it looks at.
        analyzer.for_each_word_range(&text, |start, end| words.push((start, end, None)));
    }
    (id, title, text, record.get(r.pos()..).unwrap_or(&[]))
}

fn read_meta(r: &mut Reader<'_>) -> CorpusMeta {
    let title = r.string();
    let description = r.string();
    let language = r.string();
    let n = r.varint().min(1024);
    let mut facets = Vec::new();
    for _ in 0..n {
        let name = r.string();
        let kind = match r.u8() {
            0 => FacetKind::Keyword,
            2 => FacetKind::Number,
            3 => FacetKind::Date,
            _ => FacetKind::Tags,
        };
        facets.push(FacetField { name, kind });
        if r.bad {
            break;
        }
    }
    CorpusMeta { title, description, language, facets }
}

#[cfg(all(test, feature = "build"))]
mod tests;
