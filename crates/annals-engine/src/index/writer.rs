//! The index writer ([`IndexBuilder`], feature `build`): analyses each
//! document as it is added and lays the sections out as [`super::format`]
//! describes.
//!
//! A build holds no document once it is analysed: documents are analysed
//! in batches on every core (words, templates, records), each batch while
//! what the one before it left is filed, and what is kept
//! of each is its stored record (plain bytes, one buffer for all), its
//! field lengths, its day and, for every term it has, a few bytes appended
//! to that term's list (varint gaps, frequencies and positions). Stop
//! words keep no list at all. The lists are coded into the POSTINGS bit
//! stream at the end, in dictionary order, while other threads compress
//! the stored blocks; the bytes are those a build holding everything in
//! memory would write.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;
use std::thread::JoinHandle;

use crate::analyze::Analyzer;
use crate::document::{CorpusMeta, Document, FacetKind};
use crate::error::{Error, ErrorKind};

use super::bits::{put_str, put_varint, BitWriter, Reader};
use super::format::*;
use super::{codec, facet_key, store, template};

/// Documents analysed together, one share per core.
const BATCH_DOCS: usize = 2048;
/// Or fewer, when their text passes this many bytes.
const BATCH_BYTES: usize = 16 << 20;

/// Writes an index from documents.
pub struct IndexBuilder {
    meta: CorpusMeta,
    analyzer: Arc<Analyzer>,
    facet_names: Arc<[String]>,
    ids: HashSet<String>,
    compression: bool,
    block_bytes: usize,
    /// Documents added but not yet analysed, and their text's bytes.
    pending: Vec<Document>,
    pending_bytes: usize,
    /// The batch being analysed while the one before it is filed, a
    /// share on each thread, and how many documents it holds.
    in_flight: Vec<JoinHandle<Vec<Analysed>>>,
    in_flight_docs: usize,
    /// Documents analysed and filed.
    count: usize,
    term_ids: HashMap<String, u32>,
    terms: Vec<TermList>,
    /// Every stored record, back to back, and where each ends with the
    /// length of its head.
    records: Vec<u8>,
    record_ends: Vec<(usize, usize)>,
    lengths: Vec<(u32, u32)>,
    doc_table: Vec<u8>,
    facet_docs: BTreeMap<Vec<u8>, Vec<u32>>,
    /// The first document whose words or date the format cannot hold; the
    /// build fails with it when it finishes.
    frequency_error: Option<Error>,
    date_error: Option<Error>,
}

/// One term's postings while building, in document order:
/// `varint(doc - next) varint(tf_title) varint(tf) varint(position gap){tf}`
/// per document, `next` the previous document + 1, each position less
/// the one before it (the first less 0).
#[derive(Default)]
struct TermList {
    bytes: Vec<u8>,
    next: u32,
}

/// What a document leaves once analysed.
struct Analysed {
    record: Vec<u8>,
    head: usize,
    title_len: u32,
    body_len: u32,
    /// Each of its terms but the stop words, in no order: its exact form,
    /// title occurrences and the range of its positions in `positions`.
    terms: Vec<(String, u32, std::ops::Range<usize>)>,
    positions: Vec<u32>,
    frequency_error: Option<Error>,
    day: Result<i32, Error>,
    facets: Vec<(String, Vec<String>)>,
}

fn format_error(message: impl Into<String>) -> Error {
    Error::new(ErrorKind::Format, message)
}

/// What [`IndexBuilder::finish_with_progress`] is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BuildPhase {
    /// Analysing the documents still waiting.
    Analysing,
    /// Coding the postings lists and compressing the stored text.
    Writing,
    /// Laying the index out in pieces and compressing its records (the
    /// split layout only).
    Splitting,
}

impl IndexBuilder {
    /// A builder for a corpus described by `meta`.
    pub fn new(meta: CorpusMeta) -> IndexBuilder {
        let analyzer = Arc::new(Analyzer::new(&meta.language));
        let facet_names = meta.facets.iter().map(|f| f.name.clone()).collect();
        IndexBuilder {
            meta,
            analyzer,
            facet_names,
            ids: HashSet::new(),
            compression: true,
            block_bytes: codec::BLOCK_BYTES,
            pending: Vec::new(),
            pending_bytes: 0,
            in_flight: Vec::new(),
            in_flight_docs: 0,
            count: 0,
            term_ids: HashMap::new(),
            terms: Vec::new(),
            records: Vec::new(),
            record_ends: Vec::new(),
            lengths: Vec::new(),
            doc_table: Vec::new(),
            facet_docs: BTreeMap::new(),
            frequency_error: None,
            date_error: None,
        }
    }

    /// Whether stored text is compressed (on by default). Tests turn it off
    /// to compare sizes and speeds.
    pub fn compress_text(mut self, on: bool) -> IndexBuilder {
        self.compression = on;
        self
    }

    /// Whether stored text will be compressed.
    pub fn compresses_text(&self) -> bool {
        self.compression
    }

    /// The plain size of a compressed block of stored records (default
    /// [`codec::BLOCK_BYTES`]): larger blocks compress better; the reader
    /// unpacks them all once either way. Tests make them small to cover
    /// documents split across many blocks.
    pub fn block_bytes(mut self, n: usize) -> IndexBuilder {
        self.block_bytes = n.max(1);
        self
    }

    /// Adds one document. Fails on a duplicate id. Documents keep the order
    /// they are added in: it is the order of ties in the results. The
    /// document is analysed with the next batch and dropped then.
    pub fn add(&mut self, document: Document) -> Result<(), Error> {
        if !self.ids.insert(document.id.clone()) {
            let e = Error::new(ErrorKind::DuplicateId, format!("document id {:?} is used twice", document.id));
            return Err(if document.origin.is_empty() { e } else { e.at_path(document.origin.clone()) });
        }
        self.pending_bytes += document.text.len() + document.title.len();
        self.pending.push(document);
        if self.pending.len() >= BATCH_DOCS || self.pending_bytes >= BATCH_BYTES {
            self.analyse_pending();
        }
        Ok(())
    }

    /// How many documents were added.
    pub fn len(&self) -> usize {
        self.count + self.in_flight_docs + self.pending.len()
    }

    /// Whether no document was added.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Starts analysing the waiting documents, a share on each core, and
    /// meanwhile files what the batch before them left, in document order.
    fn analyse_pending(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        self.pending_bytes = 0;
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8);
        let share = pending.len().div_ceil(threads).max(1);
        let docs = pending.len();
        let mut shares: Vec<Vec<Document>> = Vec::new();
        let mut rest = pending;
        while rest.len() > share {
            let tail = rest.split_off(share);
            shares.push(rest);
            rest = tail;
        }
        if !rest.is_empty() {
            shares.push(rest);
        }
        let handles = shares
            .into_iter()
            .map(|documents| {
                let (analyzer, facet_names) = (Arc::clone(&self.analyzer), Arc::clone(&self.facet_names));
                std::thread::spawn(move || documents.into_iter().map(|d| analyse(&analyzer, &facet_names, d)).collect::<Vec<_>>())
            })
            .collect();
        let previous = std::mem::replace(&mut self.in_flight, handles);
        self.in_flight_docs = docs;
        self.file_all(previous);
    }

    /// Analyses whatever is waiting and files everything.
    fn drain(&mut self) {
        self.analyse_pending();
        let last = std::mem::take(&mut self.in_flight);
        self.in_flight_docs = 0;
        self.file_all(last);
    }

    /// Files what a batch's threads left, share by share.
    fn file_all(&mut self, handles: Vec<JoinHandle<Vec<Analysed>>>) {
        for handle in handles {
            for document in handle.join().expect("analysing documents") {
                self.file(document);
            }
        }
    }

    /// Keeps what an analysed document leaves.
    fn file(&mut self, a: Analysed) {
        let ordinal = self.count as u32;
        self.count += 1;
        self.records.extend_from_slice(&a.record);
        self.record_ends.push((self.records.len(), a.head));
        self.lengths.push((a.title_len, a.body_len));
        if self.frequency_error.is_none() {
            self.frequency_error = a.frequency_error;
        }
        let day = match a.day {
            Ok(day) => day,
            Err(e) => {
                self.date_error.get_or_insert(e);
                UNDATED
            }
        };
        self.doc_table.extend_from_slice(&day.to_le_bytes()[..3]);
        for (form, tf_title, range) in a.terms {
            let id = match self.term_ids.get(form.as_str()) {
                Some(&id) => id,
                None => {
                    let id = self.terms.len() as u32;
                    self.terms.push(TermList::default());
                    self.term_ids.insert(form, id);
                    id
                }
            };
            let list = &mut self.terms[id as usize];
            let positions = &a.positions[range];
            put_varint(&mut list.bytes, (ordinal - list.next) as u64);
            put_varint(&mut list.bytes, tf_title as u64);
            put_varint(&mut list.bytes, positions.len() as u64);
            let mut previous = 0;
            for &p in positions {
                put_varint(&mut list.bytes, (p - previous) as u64);
                previous = p;
            }
            list.next = ordinal + 1;
        }
        for (field, values) in &a.facets {
            for value in values {
                let list = self.facet_docs.entry(facet_key(field, value)).or_default();
                if list.last() != Some(&ordinal) {
                    list.push(ordinal);
                }
            }
        }
    }

    /// Writes the index and returns its bytes.
    pub fn finish(self) -> Result<Vec<u8>, Error> {
        self.finish_with_progress(|_| {})
    }

    /// Writes the index and returns its bytes, saying which phase it is in
    /// as it enters each (for progress on long builds).
    pub fn finish_with_progress(mut self, mut progress: impl FnMut(BuildPhase)) -> Result<Vec<u8>, Error> {
        if self.len() >= u32::MAX as usize / 2 {
            return Err(format_error("too many documents for one index"));
        }
        if !self.pending.is_empty() || !self.in_flight.is_empty() {
            progress(BuildPhase::Analysing);
            self.drain();
        }
        if let Some(e) = self.frequency_error.take().or(self.date_error.take()) {
            return Err(e);
        }
        progress(BuildPhase::Writing);
        let doc_count = self.count;

        // Stored records in blocks, compressed on other threads while this
        // one codes the postings.
        check_stored_text(self.records.len() as u64)?;
        let mut split: Vec<codec::SplitRecord<'_>> = Vec::with_capacity(self.record_ends.len());
        let mut start = 0;
        for &(end, head) in &self.record_ends {
            split.push((&self.records[start..end], head));
            start = end;
        }
        let (compression, block_bytes) = (self.compression, self.block_bytes);
        let mut sorted: Vec<(&str, u32)> = self.term_ids.iter().map(|(k, &v)| (k.as_str(), v)).collect();
        sorted.sort_unstable();
        let (stored_result, postings_result) = std::thread::scope(|scope| {
            let stored = scope.spawn(|| codec::compress(&split, compression, block_bytes));
            let postings = write_postings(&sorted, &mut self.terms, &self.lengths, doc_count);
            (stored.join().unwrap_or_else(|_| Err(format_error("compressing stored text failed"))), postings)
        });
        let (postings, terms_fst) = postings_result?;
        let (dict_section, blocks) = stored_result?;
        drop(split);
        drop(sorted);
        self.records = Vec::new();
        self.terms = Vec::new();
        self.term_ids = HashMap::new();
        let mut stored = Vec::new();
        let mut block_offsets = Vec::with_capacity(blocks.len() * 4);
        for block in &blocks {
            block_offsets.extend_from_slice(&(stored.len() as u32).to_le_bytes());
            stored.extend_from_slice(block);
            if stored.len() > u32::MAX as usize {
                return Err(format_error("stored text exceeds 4 GiB"));
            }
        }
        drop(blocks);
        let doc_table = std::mem::take(&mut self.doc_table);
        let lengths = &self.lengths;
        let docs_len = doc_count;

        // Facets: every declared field (and any the documents carry).
        let facet_docs = std::mem::take(&mut self.facet_docs);
        let mut facets_fst = fst::MapBuilder::memory();
        let mut facet_lists = Vec::new();
        for (key, list) in facet_docs {
            facets_fst.insert(&key, facet_lists.len() as u64).map_err(|e| format_error(e.to_string()))?;
            // Like a postings list's documents: Rice-coded gaps with the
            // list's cheapest parameter (a value on every other document, as
            // a train/test split is, costs two bits a document, not a byte).
            let gaps = doc_gaps(list.iter().copied());
            let k = best_rice_parameter(&gaps);
            put_varint(&mut facet_lists, list.len() as u64);
            facet_lists.push(k as u8);
            let mut bits = BitWriter::default();
            for g in gaps {
                bits.rice(g, k);
            }
            facet_lists.extend_from_slice(&bits.finish());
        }
        let facets_fst = facets_fst.into_inner().map_err(|e| format_error(e.to_string()))?;

        // Meta and collection statistics.
        let mut meta = Vec::new();
        put_str(&mut meta, &self.meta.title);
        put_str(&mut meta, &self.meta.description);
        put_str(&mut meta, &self.meta.language);
        put_varint(&mut meta, self.meta.facets.len() as u64);
        for f in &self.meta.facets {
            put_str(&mut meta, &f.name);
            meta.push(match f.kind {
                FacetKind::Keyword => 0,
                FacetKind::Tags => 1,
                FacetKind::Number => 2,
                FacetKind::Date => 3,
            });
        }
        let n = docs_len.max(1) as f64;
        let avg_title = lengths.iter().map(|l| l.0 as f64).sum::<f64>() / n;
        let avg_body = lengths.iter().map(|l| l.1 as f64).sum::<f64>() / n;
        meta.extend_from_slice(&(docs_len as u32).to_le_bytes());
        meta.extend_from_slice(&(avg_title as f32).to_le_bytes());
        meta.extend_from_slice(&(avg_body as f32).to_le_bytes());

        let sections: [&[u8]; SECTION_COUNT] = [
            &meta,
            &terms_fst,
            &postings,
            &block_offsets,
            &doc_table,
            &stored,
            &dict_section,
            &facets_fst,
            &facet_lists,
        ];
        assemble(&sections)
    }
}

/// Analyses one document: its record with the title and text as
/// templates, its field lengths, and the positions of each of its terms.
fn analyse(analyzer: &Analyzer, facet_names: &[String], doc: Document) -> Analysed {
    let title_tokens: Vec<_> = analyzer.tokens(&doc.title).collect();
    let body_tokens: Vec<_> = analyzer.tokens(&doc.text).collect();
    let mut head = 0;
    let record = store::encode_with(&doc, facet_names, |field, text, out| {
        let tokens = if field == store::Field::Title { &title_tokens } else { &body_tokens };
        let words = tokens.iter().map(|t| (t.start, t.end, t.exact.as_str(), !analyzer.is_stopword(&t.exact)));
        template::encode(text, words, out);
        head = out.len();
    });
    let title_len = title_tokens.len() as u32;
    let body_start = title_len + FIELD_GAP;
    let body_len = body_tokens.len() as u32;
    let mut occurrences: Vec<(String, u32)> = Vec::with_capacity(title_tokens.len() + body_tokens.len());
    occurrences.extend(title_tokens.into_iter().enumerate().map(|(i, t)| (t.exact, i as u32)));
    occurrences.extend(body_tokens.into_iter().enumerate().map(|(i, t)| (t.exact, body_start + i as u32)));
    occurrences.sort_unstable();
    let mut terms = Vec::new();
    let mut positions = Vec::with_capacity(occurrences.len());
    let mut frequency_error = None;
    let mut occurrences = occurrences.into_iter().peekable();
    while let Some((form, p)) = occurrences.next() {
        let start = positions.len();
        positions.push(p);
        while let Some((_, p)) = occurrences.next_if(|o| o.0 == form) {
            positions.push(p);
        }
        if frequency_error.is_none() {
            frequency_error = check_term_frequency((positions.len() - start) as u64, &doc.id).err();
        }
        // Stop words have no list (see `write_postings`).
        if analyzer.is_stopword(&form) {
            positions.truncate(start);
            continue;
        }
        let tf_title = positions[start..].iter().take_while(|&&p| p < title_len).count() as u32;
        terms.push((form, tf_title, start..positions.len()));
    }
    let day = match doc.date {
        None => Ok(UNDATED),
        Some(d) if d.day > UNDATED && d.day <= MAX_DAY => Ok(d.day),
        Some(_) => Err(format_error(format!("document {:?} is dated more than 22,000 years from 1970", doc.id))),
    };
    Analysed { record, head, title_len, body_len, terms, positions, frequency_error, day, facets: doc.facets }
}

/// Codes every list into the POSTINGS bit stream, terms in dictionary
/// order, and builds the TERMS dictionary; each list's building bytes are
/// freed once coded.
fn write_postings(sorted: &[(&str, u32)], terms: &mut [TermList], lengths: &[(u32, u32)], doc_count: usize) -> Result<(Vec<u8>, Vec<u8>), Error> {
    // One bit stream: each list starts at the bit where the one before
    // it (in the dictionary's order) ends, so the dictionary is a set
    // and the reader finds the lists by reading them.
    let mut bits = BitWriter::default();
    let mut terms_fst = fst::SetBuilder::memory();
    // One list, decoded: (doc, tf_title, its positions' range).
    let mut docs: Vec<(u32, u32, std::ops::Range<usize>)> = Vec::new();
    let mut positions: Vec<u32> = Vec::new();
    for (form, id) in sorted {
        // Stop words have no list: the stored templates spell them out,
        // and the reader counts them there when a query asks (see
        // `forward::Forward::stop_word_postings`). `analyse` keeps none.
        let bytes = std::mem::take(&mut terms[*id as usize].bytes);
        docs.clear();
        positions.clear();
        let mut r = Reader::new(&bytes);
        let mut next = 0u32;
        while r.pos() < bytes.len() {
            let doc = next + r.varint() as u32;
            let tf_title = r.varint() as u32;
            let tf = r.varint() as usize;
            let start = positions.len();
            let mut p = 0u32;
            for _ in 0..tf {
                p += r.varint() as u32;
                positions.push(p);
            }
            docs.push((doc, tf_title, start..positions.len()));
            next = doc + 1;
        }
        drop(bytes);
        let tf_of = |d: &(u32, u32, std::ops::Range<usize>)| d.2.len() as u64;
        // The Rice parameter of document gaps: the cheapest for this
        // list's actual gaps (a mean hides skewed lists).
        let gaps = doc_gaps(docs.iter().map(|d| d.0));
        let df = docs.len() as u64;
        let k_doc = best_rice_parameter(&gaps);
        let titled: Vec<u64> = docs.iter().enumerate().filter(|d| d.1 .1 > 0).map(|d| d.0 as u64).collect();
        let any_title = !titled.is_empty();
        // Few postings of a list are in titles: coding where they are
        // (gaps between their indices) beats a bit on every posting.
        let n_title = titled.len() as u64;
        let k_title = position_parameter(df as u32, n_title as u32);
        let mut title_gaps = Vec::with_capacity(titled.len());
        for (j, &i) in titled.iter().enumerate() {
            title_gaps.push(if j == 0 { i } else { i - titled[j - 1] - 1 });
        }
        let gap_cost: u64 = gamma_len(n_title) + title_gaps.iter().map(|&g| rice_len(g, k_title)).sum::<u64>();
        let by_gaps = df > 1 && any_title && gap_cost < df;
        let gamma_bits: u64 = docs.iter().map(|d| gamma_len(tf_of(d))).sum();
        let unary_bits: u64 = docs.iter().map(|d| rice_len(tf_of(d) - 1, 0)).sum();
        let tf_unary = df > 1 && unary_bits < gamma_bits;
        bits.gamma(df);
        bits.bits(any_title as u64, 1);
        if df > 1 {
            bits.bits(k_doc as u64, LIST_K_DOC_BITS);
            bits.bits(tf_unary as u64, 1);
            if any_title {
                bits.bits(by_gaps as u64, 1);
            }
        }
        if by_gaps {
            bits.gamma(n_title);
            bits.rice(title_gaps[0], k_title);
        }
        let mut next_title = 1;
        for (d, gap) in docs.iter().zip(&gaps) {
            let tf_title = d.1;
            if df == 1 {
                // A lone document is anywhere: a truncated binary code
                // costs log2 of the document count, less than any Rice.
                bits.truncated(*gap, doc_count as u64);
            } else {
                bits.rice(*gap, k_doc);
            }
            if tf_unary {
                bits.rice(tf_of(d) - 1, 0);
            } else {
                bits.gamma(tf_of(d));
            }
            if !any_title {
                continue;
            }
            if by_gaps {
                if tf_title > 0 {
                    bits.gamma(tf_title as u64);
                    if let Some(&g) = title_gaps.get(next_title) {
                        bits.rice(g, k_title);
                    }
                    next_title += 1;
                }
            } else if tf_title == 0 {
                bits.bits(0, 1);
            } else {
                bits.bits(1, 1);
                bits.gamma(tf_title as u64);
            }
        }
        // Positions follow the postings, posting by posting.
        for (doc, tf_title, range) in &docs {
            let (title_len, body_len) = lengths[*doc as usize];
            let pos = &positions[range.clone()];
            let tf_title = *tf_title as usize;
            for (field, (base, len)) in [&pos[..tf_title], &pos[tf_title..]].into_iter().zip(field_ranges(title_len, body_len)) {
                bits.interpolative(field, base, base + len);
            }
        }
        terms_fst.insert(form.as_bytes()).map_err(|e| format_error(e.to_string()))?;
    }
    // The reader keeps list starts and positions as 32-bit bit offsets
    // (u32::MAX stands for "no positions").
    if bits.bit_len() >= u32::MAX as u64 {
        return Err(format_error("the postings exceed 512 MiB"));
    }
    let terms_fst = terms_fst.into_inner().map_err(|e| format_error(e.to_string()))?;
    Ok((bits.finish(), terms_fst))
}

/// Refuses a document in which one term occurs more often than the format
/// carries ([`MAX_TERM_FREQUENCY`]).
fn check_term_frequency(tf: u64, doc_id: &str) -> Result<(), Error> {
    if tf > MAX_TERM_FREQUENCY {
        return Err(format_error(format!(
            "document {doc_id:?}: one word occurs {tf} times in it, more than the index format's limit of {MAX_TERM_FREQUENCY} (2^24) occurrences of a word in one document; split the document"
        )));
    }
    Ok(())
}

/// Refuses stored text past [`MAX_STORED_TEXT`] (4 GiB of plain records).
fn check_stored_text(plain_bytes: u64) -> Result<(), Error> {
    if plain_bytes > MAX_STORED_TEXT {
        return Err(format_error(format!(
            "the stored text takes {plain_bytes} bytes, more than the index format's limit of {MAX_STORED_TEXT} bytes (4 GiB); split the corpus"
        )));
    }
    Ok(())
}

/// The gaps a list of ascending documents is coded by: each document less
/// the one after its predecessor (the first: less 0).
fn doc_gaps(docs: impl Iterator<Item = u32>) -> Vec<u64> {
    let mut next = 0u32;
    docs.map(|doc| {
        let gap = (doc - next) as u64;
        next = doc + 1;
        gap
    })
    .collect()
}

/// Header, section table and sections, with both checksums.
fn assemble(sections: &[&[u8]]) -> Result<Vec<u8>, Error> {
    let table_len = sections.len() * 8;
    let total: usize = HEADER_LEN + table_len + sections.iter().map(|s| s.len()).sum::<usize>();
    if total > u32::MAX as usize {
        return Err(format_error("the index would exceed 4 GiB"));
    }
    let mut table = Vec::with_capacity(table_len);
    let mut offset = HEADER_LEN + table_len;
    for s in sections {
        table.extend_from_slice(&(offset as u32).to_le_bytes());
        table.extend_from_slice(&(s.len() as u32).to_le_bytes());
        offset += s.len();
    }
    let mut out = Vec::with_capacity(total);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&(sections.len() as u32).to_le_bytes());
    let table_checksum = CHECKED_AT_OPEN.iter().fold(fnv1a32_continue(fnv1a32(&out), &table), |h, &s| fnv1a32_continue(h, sections[s as usize]));
    let body_checksum = sections.iter().fold(fnv1a32(&[]), |h, s| fnv1a32_continue(h, s));
    out.extend_from_slice(&table_checksum.to_le_bytes());
    out.extend_from_slice(&body_checksum.to_le_bytes());
    out.extend_from_slice(&(total as u64).to_le_bytes()[..4]);
    debug_assert_eq!(out.len(), HEADER_LEN);
    out.extend_from_slice(&table);
    for s in sections {
        out.extend_from_slice(s);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_term_frequency_past_the_format_is_refused() {
        assert!(check_term_frequency(MAX_TERM_FREQUENCY, "a").is_ok());
        let error = check_term_frequency(MAX_TERM_FREQUENCY + 1, "big.txt").unwrap_err().to_string();
        assert!(error.contains("big.txt") && error.contains("16777216"), "{error}");
    }

    #[test]
    fn stored_text_past_4_gib_is_refused() {
        assert!(check_stored_text(u32::MAX as u64).is_ok());
        let error = check_stored_text(u32::MAX as u64 + 1).unwrap_err().to_string();
        assert!(error.contains("4 GiB"), "{error}");
    }
}
