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

pub mod codec;
pub mod format;
pub(crate) mod forward;
pub mod store;
pub mod template;
#[cfg(feature = "build")]
mod writer;

#[cfg(feature = "build")]
pub use writer::IndexBuilder;

/// In the forward view's words at each position, a position no term of the
/// dictionary fills (a stop word's, or the gap between title and body).
pub(crate) use forward::HOLE as NO_TERM;

use std::collections::HashMap;

use fst::{Map, Set};

use crate::analyze::Analyzer;
use crate::document::{CorpusMeta, Document, FacetField, FacetKind};
use crate::error::{Error, ErrorKind};
use crate::search::{SearchRequest, SearchResults};

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

/// One posting: a document and how often a term occurs in its fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting {
    /// Document ordinal.
    pub doc: u32,
    /// Occurrences in the title.
    pub tf_title: u32,
    /// Occurrences in the body.
    pub tf_body: u32,
    /// Bit offset of this posting's positions in the postings section, or
    /// [`NO_POSITIONS`] when they were not decoded or the list has none.
    pub positions: u32,
}

/// The list handle of a stop word's postings (ORed with its number in the
/// analyser's list): they are counted from the stored text, not stored.
const STOP_LIST: u64 = 1 << 63;

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
    stem_map: std::sync::OnceLock<HashMap<String, Vec<u64>>>,
    /// The stop words' postings, counted from the stored text when a query
    /// first asks for one.
    stop_lists: std::sync::OnceLock<Vec<Vec<Posting>>>,
    /// Document id → ordinal, read from the stored records on first use.
    id_map: std::sync::OnceLock<HashMap<String, u32>>,
    doc_count: u32,
    avg_title: f32,
    avg_body: f32,
    pub(crate) analyzer: Analyzer,
    /// Every facet value with its label and documents, read on first use
    /// (not at open: opening stays constant-time).
    pub(crate) facet_catalog: std::sync::OnceLock<crate::explore::FacetCatalog>,
}

impl std::fmt::Debug for Index<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Index({} documents, {} bytes)", self.doc_count, self.bytes.len())
    }
}

fn bad(message: &str) -> Error {
    Error::new(ErrorKind::Format, format!("not a readable Annals index: {message}"))
}

/// The lower-cased key of a facet value in the FACETS map.
pub(crate) fn facet_key(field: &str, value: &str) -> Vec<u8> {
    let mut key = field.trim().to_lowercase().into_bytes();
    key.push(0);
    key.extend_from_slice(value.trim().to_lowercase().as_bytes());
    key
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
        Index::open_with(bytes, |language| {
            let wanted = crate::analyze::algorithm_for(language);
            if wanted == analyzer.algorithm() {
                Ok(analyzer)
            } else {
                Err(bad(&format!("it was written for {wanted:?} text, this reader stems {:?}", analyzer.algorithm())))
            }
        })
    }

    fn open_with(bytes: &'a [u8], analyzer_for: impl FnOnce(&str) -> Result<Analyzer, Error>) -> Result<Index<'a>, Error> {
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

        // The tail of META: three fixed fields after the variable part.
        let meta = sections[Section::Meta as usize];
        let mut r = Reader::new(meta);
        let parsed = read_meta(&mut r);
        let doc_count = r.u32();
        let avg_title = r.f32();
        let avg_body = r.f32();
        if r.bad {
            return Err(bad("corrupt metadata"));
        }
        if sections[Section::Docs as usize].len() != doc_count as usize * DOC_RECORD_LEN {
            return Err(bad("document table size mismatch"));
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
            doc_count,
            avg_title,
            avg_body,
            analyzer: analyzer_for(&parsed.language)?,
            facet_catalog: std::sync::OnceLock::new(),
        })
    }

    /// Checks the body checksum over every section: linear in the index
    /// size, so the builder's tests and the CLI call it, not the page.
    pub fn verify(&self) -> Result<(), Error> {
        let start = HEADER_LEN + SECTION_COUNT * 8;
        if fnv1a32(self.bytes.get(start..).unwrap_or(&[])) != u32_at(self.bytes, 20) {
            return Err(bad("body checksum mismatch"));
        }
        Ok(())
    }

    /// The size of the index in bytes, per section name.
    pub fn section_sizes(&self) -> Vec<(&'static str, usize)> {
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

    /// Runs one search. Never panics, whatever the query text.
    pub fn search(&self, request: &SearchRequest) -> SearchResults {
        crate::query::eval::search(self, request)
    }

    /// The stored document with this id.
    pub fn document(&self, id: &str) -> Option<Document> {
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

    // ----- crate-internal access for queries, ranking and snippets -----

    /// A document's record in the plain layout of [`store`]. The first
    /// call unpacks all stored text and inverts the postings (see
    /// [`forward`]); later calls only put one document's words back.
    pub(crate) fn record(&self, ordinal: u32) -> Option<std::borrow::Cow<'a, [u8]>> {
        if ordinal >= self.doc_count {
            return None;
        }
        Some(std::borrow::Cow::Owned(self.forward_view().record(ordinal)))
    }

    /// [`Index::record`] with the words of its text (see
    /// [`forward::Forward::record_with_words`]).
    pub(crate) fn record_with_words<'s>(&'s self, ordinal: u32, words: &mut Vec<forward::TextWord<'s>>) -> Option<Vec<u8>> {
        if ordinal >= self.doc_count {
            return None;
        }
        Some(self.forward_view().record_with_words(ordinal, words))
    }

    /// Builds now what the first search would otherwise build: the forward
    /// view (stored text unpacked, postings turned round) and the stem map
    /// (the page calls this while nobody waits). The stop words' lists and
    /// the id map stay lazy: few queries need them.
    pub fn prepare(&self) {
        self.forward_view();
        self.stem_map();
    }

    /// The forward view, built on first use.
    pub(crate) fn forward_view(&self) -> &forward::Forward {
        self.forward.get_or_init(|| forward::Forward::build(self))
    }

    /// The plain bytes of the stored block holding `first_doc` (its first
    /// document) and how many documents it holds; empty bytes when the
    /// block cannot be read.
    pub(crate) fn stored_block(&self, first_doc: u32) -> (std::borrow::Cow<'a, [u8]>, u32) {
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
        let docs = self.sections[Section::Docs as usize];
        let at = ordinal as usize * DOC_RECORD_LEN;
        let Some(&[a, b, c]) = docs.get(at..at + 3) else { return None };
        // Sign-extend the 24-bit day.
        let d = i32::from_le_bytes([0, a, b, c]) >> 8;
        (d != UNDATED).then_some(d)
    }

    /// (title length, body length) in words, counted from the stored
    /// templates when the forward view is built.
    #[inline]
    pub(crate) fn lengths(&self, ordinal: u32) -> (u32, u32) {
        self.forward_view().lengths(ordinal)
    }
    pub(crate) fn avg_lengths(&self) -> (f32, f32) {
        (self.avg_title, self.avg_body)
    }

    pub(crate) fn doc_count(&self) -> u32 {
        self.doc_count
    }

    pub(crate) fn terms(&self) -> &Set<&'a [u8]> {
        &self.terms
    }

    /// The postings list of an exact form (a stop word's is counted from
    /// the stored text on first use). TERMS says which forms exist, the
    /// forward view where their lists start.
    pub(crate) fn exact_list(&self, exact: &str) -> Option<u64> {
        match self.analyzer.stopword_number(exact) {
            Some(k) => Some(STOP_LIST | k as u64),
            None => self.forward_view().list_of(exact.as_bytes()),
        }
    }

    /// The postings lists of every form sharing `stem`, in list order.
    pub(crate) fn stem_lists(&self, stem: &str) -> Vec<u64> {
        self.stem_map().get(stem).cloned().unwrap_or_default()
    }

    /// Every form of TERMS, and every stop word, under its stem (built on
    /// first use).
    fn stem_map(&self) -> &HashMap<String, Vec<u64>> {
        self.stem_map.get_or_init(|| self.build_stem_map())
    }

    fn build_stem_map(&self) -> HashMap<String, Vec<u64>> {
        let forward = self.forward_view();
        let mut map: HashMap<String, Vec<u64>> = HashMap::with_capacity(forward.term_count());
        for term in 0..forward.term_count() as u32 {
            let (Some(form), Some(list)) = (forward.word(term), forward.list(term)) else { continue };
            map.entry(self.analyzer.stem(form).into_owned()).or_default().push(list);
        }
        for (k, word) in self.analyzer.stopwords().iter().enumerate() {
            map.entry(self.analyzer.stem(word).into_owned()).or_default().push(STOP_LIST | k as u64);
        }
        map
    }

    /// Every form an automaton accepts with its list, the stop words
    /// (which TERMS lacks) first, then at most `limit` forms of TERMS in
    /// dictionary order.
    pub(crate) fn forms_matching<A: fst::Automaton>(&self, automaton: A, limit: usize) -> Vec<(String, u64)> {
        use fst::{IntoStreamer, Streamer};
        let mut forms = Vec::new();
        for (k, word) in self.analyzer.stopwords().iter().enumerate() {
            if accepts(&automaton, word.as_bytes()) {
                forms.push((word.to_string(), STOP_LIST | k as u64));
            }
        }
        let mut taken = 0;
        let forward = self.forward_view();
        let mut stream = self.terms.search(&automaton).into_stream();
        while let Some(form) = stream.next() {
            if taken == limit {
                break;
            }
            let Some(list) = forward.list_of(form) else { continue };
            forms.push((String::from_utf8_lossy(form).into_owned(), list));
            taken += 1;
        }
        forms
    }

    /// A stop word's postings (from the stored text, counted once).
    fn stop_list(&self, list: u64) -> Option<&[Posting]> {
        if list & STOP_LIST == 0 {
            return None;
        }
        let lists = self.stop_lists.get_or_init(|| self.forward_view().stop_word_postings(&self.analyzer));
        Some(lists.get((list & !STOP_LIST) as usize).map_or(&[], Vec::as_slice))
    }

    /// Whether a postings list stores positions (every list of POSTINGS
    /// does; stop words' lists, counted from the stored text, do not).
    pub(crate) fn list_has_positions(&self, list: u64) -> bool {
        list & STOP_LIST == 0
    }

    /// How many documents a postings list has.
    pub(crate) fn list_df(&self, list: u64) -> u32 {
        if let Some(stop) = self.stop_list(list) {
            return stop.len() as u32;
        }
        let df = BitReader::new(self.sections[Section::Postings as usize], list).gamma();
        df.min(self.doc_count as u64) as u32
    }

    /// Decodes a postings list. With `positions` the offset of each
    /// posting's positions is computed too (which walks the positions).
    pub(crate) fn postings(&self, list: u64, positions: bool, out: &mut Vec<Posting>) {
        if let Some(stop) = self.stop_list(list) {
            out.extend_from_slice(stop);
            return;
        }
        let start = out.len();
        let Some(mut bits) = self.decode_postings(list, out) else { return };
        if !positions {
            return;
        }
        // Positions follow the list's postings, posting by posting: finding
        // where each posting's start means decoding the ones before.
        for p in &mut out[start..] {
            if bits.pos >= NO_POSITIONS as u64 {
                break;
            }
            let at = bits.pos as u32;
            if !Index::read_positions(&mut bits, p, self.lengths(p.doc), &mut |_| {}) || bits.bad {
                break;
            }
            p.positions = at;
        }
    }

    /// Decodes a positioned list's postings into `out` (cleared first) and
    /// passes every position of every posting to `emit(doc, position)` in
    /// one pass over the list (the forward view reads every list this way,
    /// while it is being built: hence the documents' field `lengths` as an
    /// argument). Returns where the list ends, which is where the next one
    /// starts; `None` when the list cannot be read to its end.
    pub(crate) fn for_each_position(&self, list: u64, lengths: &[(u32, u32)], out: &mut Vec<Posting>, mut emit: impl FnMut(u32, u32)) -> Option<u64> {
        out.clear();
        if list & STOP_LIST != 0 {
            return None;
        }
        let mut bits = self.decode_postings(list, out)?;
        for p in out.iter() {
            let doc_lengths = lengths.get(p.doc as usize).copied().unwrap_or_default();
            if !Index::read_positions(&mut bits, p, doc_lengths, &mut |pos| emit(p.doc, pos)) || bits.bad {
                return None;
            }
        }
        Some(bits.pos)
    }

    /// Appends the postings (without their positions) of the list at bit
    /// `list` of POSTINGS to `out`; the bits then stand at the list's
    /// positions, returned when every posting was read.
    fn decode_postings(&self, list: u64, out: &mut Vec<Posting>) -> Option<BitReader<'a>> {
        let section = self.sections[Section::Postings as usize];
        let mut bits = BitReader::new(section, list);
        let df = bits.gamma().min(self.doc_count as u64);
        let titles = bits.bits(1) == 1;
        let (k_doc, tf_unary, by_gaps) = if df == 1 {
            (0, false, false)
        } else {
            let k_doc = (bits.bits(LIST_K_DOC_BITS) as u32).min(24);
            (k_doc, bits.bits(1) == 1, titles && bits.bits(1) == 1)
        };
        let titles_left = if by_gaps { bits.gamma().min(df) } else { 0 };
        if bits.bad {
            return None;
        }
        let mut doc = 0u64;
        out.reserve(df as usize);
        let start = out.len();
        // With title gaps: the index of the next posting in a title.
        let k_title = position_parameter(df as u32, titles_left as u32);
        let mut titles_left = titles_left;
        let mut next_title = if titles_left > 0 { bits.rice(k_title) } else { u64::MAX };
        for i in 0..df {
            doc += if df == 1 { bits.truncated(self.doc_count as u64) } else { bits.rice(k_doc) };
            let tf = if tf_unary { bits.rice(0) + 1 } else { bits.gamma() }.min(1 << 24);
            let tf_title = if by_gaps {
                if i == next_title {
                    titles_left -= 1;
                    let t = bits.gamma().min(tf);
                    next_title = if titles_left > 0 { i + 1 + bits.rice(k_title) } else { u64::MAX };
                    t
                } else {
                    0
                }
            } else if titles && bits.bits(1) == 1 {
                bits.gamma().min(tf)
            } else {
                0
            };
            if bits.bad || doc >= self.doc_count as u64 {
                break;
            }
            out.push(Posting {
                doc: doc as u32,
                tf_title: tf_title as u32,
                tf_body: (tf - tf_title) as u32,
                positions: NO_POSITIONS,
            });
            doc += 1;
        }
        (out.len() - start == df as usize).then_some(bits)
    }

    /// Decodes a posting's positions from `bits`, passing them to `emit` in
    /// ascending order; `lengths` are its document's field lengths. False
    /// on bytes no writer wrote.
    #[inline]
    fn read_positions(bits: &mut BitReader<'_>, p: &Posting, (title_len, body_len): (u32, u32), emit: &mut impl FnMut(u32)) -> bool {
        let ranges = field_ranges(title_len, body_len);
        for (n, (base, len)) in [p.tf_title, p.tf_body].into_iter().zip(ranges) {
            if !bits.interpolative(n, base, base.saturating_add(len), emit) {
                return false;
            }
        }
        true
    }

    /// The positions of one posting, ascending.
    pub(crate) fn positions(&self, posting: &Posting, out: &mut Vec<u32>) {
        if posting.positions == NO_POSITIONS {
            return;
        }
        let mut bits = BitReader::new(self.sections[Section::Postings as usize], posting.positions as u64);
        Index::read_positions(&mut bits, posting, self.lengths(posting.doc), &mut |v| out.push(v));
    }

    /// Every `(field \0 value, offset)` entry of the facet map, in key order.
    pub(crate) fn facet_entries(&self) -> Vec<(Vec<u8>, u64)> {
        use fst::Streamer;
        let mut out = Vec::new();
        let mut stream = self.facets.stream();
        while let Some((k, v)) = stream.next() {
            out.push((k.to_vec(), v));
        }
        out
    }

    /// The documents of the facet list at `at` in FACET_DOCS, ascending.
    pub(crate) fn facet_list(&self, at: u64) -> Vec<u32> {
        let lists = self.sections[Section::FacetDocs as usize];
        let mut r = Reader::at(lists, at as usize);
        let n = r.varint().min(self.doc_count as u64);
        let k = (r.u8() as u32).min(24);
        if r.bad {
            return Vec::new();
        }
        let mut bits = BitReader::new(lists, r.pos() as u64 * 8);
        let mut out = Vec::with_capacity(n as usize);
        let mut doc = 0u64;
        for _ in 0..n {
            doc += bits.rice(k);
            if bits.bad || doc >= self.doc_count as u64 {
                break;
            }
            out.push(doc as u32);
            doc += 1;
        }
        out
    }

    /// The documents carrying a facet value (case-insensitive), ascending.
    pub(crate) fn facet_docs(&self, field: &str, value: &str) -> Option<Vec<u32>> {
        self.facets.get(facet_key(field, value)).map(|at| self.facet_list(at))
    }
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
mod tests {
    use super::*;

    /// Lists long enough for every coding choice (title gaps, unary
    /// frequencies, per-field position parameters, blocks) decode to what
    /// was written.
    #[test]
    fn long_lists_round_trip() {
        let mut builder = IndexBuilder::new(CorpusMeta::default()).block_bytes(100);
        let n = 601u32;
        for i in 0..n {
            let title = if i % 37 == 0 { "alpha report alpha".to_string() } else { format!("other {i}") };
            let text = "gamma alpha beta ".repeat(1 + (i % 3) as usize) + if i % 5 == 0 { "delta" } else { "" };
            let doc = Document {
                id: format!("d{i}"),
                title,
                text,
                date: None,
                facets: vec![("n".to_string(), vec![(i % 7).to_string()])],
                metadata: Vec::new(),
                origin: String::new(),
            };
            builder.add(doc).unwrap();
        }
        let bytes = builder.finish().unwrap();
        let index = Index::open(&bytes).unwrap();
        for (word, title_every) in [("alpha", 37), ("delta", 0), ("beta", 0)] {
            let list = index.exact_list(word).unwrap();
            let mut postings = Vec::new();
            index.postings(list, true, &mut postings);
            let expected: Vec<u32> = (0..n).filter(|i| word != "delta" || i % 5 == 0).collect();
            assert_eq!(postings.iter().map(|p| p.doc).collect::<Vec<_>>(), expected, "{word}");
            for p in &postings {
                let reps = 1 + p.doc % 3;
                let in_title = title_every > 0 && p.doc % title_every == 0;
                assert_eq!(p.tf_title, if in_title { 2 } else { 0 }, "{word} {}", p.doc);
                let (title_len, _) = index.lengths(p.doc);
                let mut want: Vec<u32> = if in_title { vec![0, 2] } else { Vec::new() };
                let body = title_len + FIELD_GAP;
                match word {
                    "alpha" => want.extend((0..reps).map(|r| body + 3 * r + 1)),
                    "beta" => want.extend((0..reps).map(|r| body + 3 * r + 2)),
                    _ => want.push(body + 3 * reps),
                }
                let mut got = Vec::new();
                index.positions(p, &mut got);
                assert_eq!(got, want, "{word} {}", p.doc);
            }
        }
        for i in [0, 1, 2, 3, 299, n - 2, n - 1] {
            let doc = index.document_at(i).unwrap();
            assert_eq!(doc.id, format!("d{i}"));
            assert_eq!(doc.facets[0].1, vec![(i % 7).to_string()]);
        }
        assert!(index.document_at(n).is_none());
    }

    /// The app names its corpus's stemmer: the right one opens the index
    /// and stems as `open` would; another language is refused, not used.
    #[test]
    fn open_with_analyzer_checks_the_language() {
        let meta = CorpusMeta { language: "french".into(), ..CorpusMeta::default() };
        let mut builder = IndexBuilder::new(meta);
        let doc = Document { id: "a".into(), title: "Les nations".into(), text: "nationales".into(), date: None, facets: Vec::new(), metadata: Vec::new(), origin: String::new() };
        builder.add(doc).unwrap();
        let bytes = builder.finish().unwrap();
        let french = Index::open_with_analyzer(&bytes, Analyzer::with_algorithm(crate::analyze::Algorithm::French)).unwrap();
        assert_eq!(french.analyzer().stem("nationales"), Index::open(&bytes).unwrap().analyzer().stem("nationales"));
        let error = Index::open_with_analyzer(&bytes, Analyzer::with_algorithm(crate::analyze::Algorithm::English)).unwrap_err();
        assert!(error.to_string().contains("French"), "{error}");
    }

    /// Long fields (a 300-word title, a 70,000-word body) decode exactly,
    /// and so do the positions of the next, short, document.
    #[test]
    fn long_fields_round_trip() {
        let mut builder = IndexBuilder::new(CorpusMeta::default());
        let title: Vec<String> = (0..300).map(|i| if i % 100 == 0 { "alpha".to_string() } else { format!("w{i}") }).collect();
        let body: Vec<String> = (0..70_000)
            .map(|i| match i {
                69_999 => "omega".to_string(),
                _ if i % 10_000 == 0 => "alpha".to_string(),
                _ => format!("x{}", i % 50),
            })
            .collect();
        for (id, title, text) in [("long", title.join(" "), body.join(" ")), ("short", "alpha".into(), "omega x7 alpha".into())] {
            let doc = Document { id: id.into(), title, text, date: None, facets: Vec::new(), metadata: Vec::new(), origin: String::new() };
            builder.add(doc).unwrap();
        }
        let bytes = builder.finish().unwrap();
        let index = Index::open(&bytes).unwrap();
        let base = 300 + FIELD_GAP;
        let x7: Vec<u32> = (0..70_000).filter(|i| i % 50 == 7).map(|i| base + i).collect();
        let cases: [(&str, Vec<u32>, Vec<u32>); 3] = [
            ("alpha", [0, 100, 200].into_iter().chain((0..7).map(|i| base + 10_000 * i)).collect(), vec![0, 1 + FIELD_GAP + 2]),
            ("omega", vec![base + 69_999], vec![1 + FIELD_GAP]),
            ("x7", x7, vec![1 + FIELD_GAP + 1]),
        ];
        for (word, long, short) in cases {
            let mut postings = Vec::new();
            index.postings(index.exact_list(word).unwrap(), true, &mut postings);
            assert_eq!(postings.len(), 2, "{word}");
            for (p, want) in postings.iter().zip([long, short]) {
                let mut got = Vec::new();
                index.positions(p, &mut got);
                assert_eq!(got, want, "{word} in {}", p.doc);
            }
        }
    }
}

/// Whether an automaton accepts these bytes.
fn accepts<A: fst::Automaton>(automaton: &A, bytes: &[u8]) -> bool {
    let mut state = automaton.start();
    for &b in bytes {
        if !automaton.can_match(&state) {
            return false;
        }
        state = automaton.accept(&state, b);
    }
    automaton.is_match(&state)
}
