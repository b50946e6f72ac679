//! The forward view: every stored record unpacked, and the word at every
//! position of every document, turned round from the postings.
//!
//! Stored fields are templates that leave the words out (see
//! [`super::template`]), so putting a document's text back needs the word
//! at each of its positions. Only the postings know that, term by term; the
//! forward view inverts them once, on the first search or read of stored
//! text, and keeps the records plain so no hit pays for decompression
//! again.
//!
//! It also holds what the index leaves the reader to work out: where each
//! term's postings list starts (the lists lie back to back, so reading
//! each one finds the next) and each document's field lengths (its
//! templates count the words). Searches need both, so the forward view is
//! built before the first one.
//!
//! On Reuters-21578 it holds about 2.8 million positions (4 bytes each)
//! and 6 MB of plain records; building it is one pass over the postings
//! and one over the compressed records.

use fst::Streamer;

use std::collections::HashMap;

use crate::analyze::{fold_into, Analyzer};

use super::bits::{put_str, put_varint, Reader};
use super::format::FIELD_GAP;
use super::{template, Index, Posting};

/// A word of a document's text as [`Forward::head`] lists it:
/// its byte range and folded form (`None` when it was written out).
pub(crate) type TextWord<'s> = (usize, usize, Option<&'s str>);

/// A position no positioned word fills (a stop word's, or the gap between
/// title and body).
pub(crate) const HOLE: u32 = u32::MAX;

/// Plain records and the words at their positions.
#[derive(Debug, Default)]
pub(crate) struct Forward {
    /// Every record, plain, one after another.
    records: Vec<u8>,
    /// Where record `d` starts in `records` (`doc_count + 1` entries).
    record_starts: Vec<u32>,
    /// The folded forms of the terms, in dictionary order (checked as
    /// UTF-8 once, here, rather than on every word a hit puts back).
    words: String,
    /// Where word `w` starts in `words` (`terms + 1` entries).
    word_starts: Vec<u32>,
    /// Where term `w`'s list starts in POSTINGS: the lists lie back to
    /// back in dictionary order, so reading each one finds the next. A
    /// list that cannot be read ends this table early.
    list_starts: Vec<u32>,
    /// The word at each position, document after document.
    slots: Vec<u32>,
    /// Where document `d`'s positions start in `slots` (`doc_count + 1`).
    slot_starts: Vec<u32>,
    /// Each document's title and body length in words, from its templates
    /// (the index stores no lengths: positions and ranking read these).
    field_lengths: Vec<(u32, u32)>,
}

impl Forward {
    /// Unpacks the records and inverts the postings of `index`.
    pub(crate) fn build(index: &Index<'_>) -> Forward {
        let mut forward = Forward::default();
        forward.unpack_records(index);
        forward.place_slots(index);
        forward.invert(index);
        forward
    }

    fn unpack_records(&mut self, index: &Index<'_>) {
        let doc_count = index.doc_count();
        self.record_starts.reserve(doc_count as usize + 1);
        let mut block_start = 0u32;
        while block_start < doc_count {
            let (plain, count) = index.stored_block(block_start);
            match super::codec::Codec::records(&plain, count as usize) {
                Some(records) => {
                    for record in records {
                        self.record_starts.push(self.records.len() as u32);
                        self.records.extend_from_slice(&record);
                    }
                }
                // A block that cannot be read leaves its documents empty.
                None => self.record_starts.extend(std::iter::repeat_n(self.records.len() as u32, count as usize)),
            }
            block_start += count.max(1);
        }
        self.record_starts.truncate(doc_count as usize);
        self.record_starts.resize(doc_count as usize, self.records.len() as u32);
        self.record_starts.push(self.records.len() as u32);
    }

    /// One slot per position: the title's words, the gap, then the body's,
    /// with the word counts the templates carry (which are also the field
    /// lengths that decoding positions and ranking need).
    fn place_slots(&mut self, index: &Index<'_>) {
        let doc_count = index.doc_count() as usize;
        self.slot_starts.reserve(doc_count + 1);
        self.field_lengths.reserve(doc_count);
        let mut total = 0u64;
        for d in 0..doc_count {
            self.slot_starts.push(total.min(u32::MAX as u64) as u32);
            let (title, body) = self.field_words(d as u32);
            self.field_lengths.push((title, body));
            total += title as u64 + FIELD_GAP as u64 + body as u64;
        }
        self.slot_starts.push(total.min(u32::MAX as u64) as u32);
        self.slots = vec![HOLE; total.min(u32::MAX as u64) as usize];
    }

    /// Every term's list, read in turn (which finds where each starts),
    /// each position written into its slot.
    fn invert(&mut self, index: &Index<'_>) {
        let mut stream = index.terms().stream();
        let mut postings: Vec<Posting> = Vec::new();
        let mut term = 0u32;
        let mut list = Some(0u64);
        self.word_starts.push(0);
        while let Some(word) = stream.next() {
            self.words.push_str(&String::from_utf8_lossy(word));
            self.word_starts.push(self.words.len() as u32);
            if let Some(start) = list.filter(|&start| start <= u32::MAX as u64) {
                let (slots, slot_starts) = (&mut self.slots, &self.slot_starts);
                list = index.for_each_position(start, &self.field_lengths, &mut postings, |doc, pos| {
                    let range = span(slot_starts, doc as usize);
                    if let Some(slot) = slots.get_mut(range).and_then(|doc_slots| doc_slots.get_mut(pos as usize)) {
                        *slot = term;
                    }
                });
                if list.is_some() {
                    self.list_starts.push(start as u32);
                }
            }
            term += 1;
        }
    }

    /// A document's slots, title then body: the term at each position.
    pub(crate) fn slots_of(&self, doc: u32) -> &[u32] {
        self.slots.get(span(&self.slot_starts, doc as usize)).unwrap_or(&[])
    }

    /// A document's title and body length in words.
    #[inline]
    pub(crate) fn lengths(&self, doc: u32) -> (u32, u32) {
        self.field_lengths.get(doc as usize).copied().unwrap_or_default()
    }

    /// The terms at a document's body positions, in order; [`HOLE`] where
    /// a stop word stands.
    pub(crate) fn body_slots(&self, doc: u32) -> &[u32] {
        let (title, _) = self.lengths(doc);
        self.slots_of(doc).get(title as usize + FIELD_GAP as usize..).unwrap_or(&[])
    }

    /// How many terms the dictionary has.
    pub(crate) fn term_count(&self) -> usize {
        self.word_starts.len().saturating_sub(1)
    }

    /// The terms (by number, see [`Forward::word`]) at a document's
    /// positions, title then body; stop words' positions are left out.
    pub(crate) fn terms_of(&self, doc: u32) -> impl Iterator<Item = u32> + '_ {
        self.slots_of(doc).iter().copied().filter(|&t| t != HOLE)
    }

    /// The folded form of term number `term` (dictionary order).
    pub(crate) fn word(&self, term: u32) -> Option<&str> {
        self.words.get(span(&self.word_starts, term as usize))
    }

    /// The postings list of term number `term`.
    pub(crate) fn list(&self, term: u32) -> Option<u64> {
        self.list_starts.get(term as usize).map(|&start| start as u64)
    }

    /// The term number of the list starting at bit `start` (the lists lie
    /// in term order, so their starts ascend).
    pub(crate) fn term_of_list(&self, start: u64) -> Option<u32> {
        let start = u32::try_from(start).ok()?;
        self.list_starts.binary_search(&start).ok().map(|t| t as u32)
    }

    /// The postings list of a form of the dictionary (binary search: the
    /// words are in the dictionary's byte order).
    pub(crate) fn list_of(&self, form: &[u8]) -> Option<u64> {
        let (mut lo, mut hi) = (0, self.term_count());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.words.as_bytes().get(span(&self.word_starts, mid))?.cmp(form) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return self.list(mid as u32),
            }
        }
        None
    }

    /// The stored (template) record of a document.
    fn stored_record(&self, doc: u32) -> &[u8] {
        self.records.get(span(&self.record_starts, doc as usize)).unwrap_or(&[])
    }

    /// What a document's record keeps after its text: date, facets,
    /// metadata, origin and mentions (see [`super::store`]).
    pub(crate) fn tail(&self, doc: u32) -> &[u8] {
        let stored = self.stored_record(doc);
        let mut r = self.templates(doc);
        template::skip(&mut r);
        template::skip(&mut r);
        stored.get(r.pos()..).unwrap_or(&[])
    }

    /// A document's stored record, read past its id to its two templates.
    fn templates(&self, doc: u32) -> Reader<'_> {
        let mut r = Reader::new(self.stored_record(doc));
        let id_len = r.varint() as usize;
        r.bytes(id_len);
        r
    }

    /// The word counts of a document's title and body, from its templates.
    fn field_words(&self, doc: u32) -> (u32, u32) {
        let mut r = self.templates(doc);
        let title = template::skip(&mut r);
        let body = template::skip(&mut r);
        (title, body)
    }

    /// A document's record in the plain layout of [`super::store`], its
    /// title and text put back from their templates.
    pub(crate) fn record(&self, doc: u32) -> Vec<u8> {
        let (id, title, text, rest) = self.head(doc, None);
        let mut out = Vec::with_capacity(id.len() + title.len() + text.len() + rest.len() + 12);
        put_varint(&mut out, id.len() as u64);
        out.extend_from_slice(id);
        put_str(&mut out, &title);
        put_str(&mut out, &text);
        out.extend_from_slice(rest);
        out
    }

    /// A document's id (as stored), title and text put back from their
    /// templates, and the rest of its record (date onward, see
    /// [`super::store`]), with the words of the text listed in `words` when
    /// asked. A hit reads these directly: re-encoding a whole record only to
    /// decode it again cost about as much as its snippet.
    pub(crate) fn head<'s>(&'s self, doc: u32, mut words: Option<&mut Vec<TextWord<'s>>>) -> (&'s [u8], String, String, &'s [u8]) {
        let stored = self.stored_record(doc);
        let (title_slots, body_slots) = (self.slots_of(doc), self.body_slots(doc));
        let mut r = Reader::new(stored);
        let id_len = r.varint() as usize;
        let id = r.bytes(id_len);
        let mut title = String::new();
        template::decode(&mut r, |i| title_slots.get(i as usize).and_then(|&t| self.word(t)), &mut title);
        let mut text = String::new();
        let body_word = |i: u32| body_slots.get(i as usize).and_then(|&t| self.word(t));
        if let Some(words) = words.as_mut() {
            words.clear();
        }
        template::decode_with_words(&mut r, body_word, &mut text, |start, end, folded| {
            if let Some(words) = words.as_mut() {
                words.push((start, end, folded));
            }
        });
        (id, title, text, stored.get(r.pos()..).unwrap_or(&[]))
    }

    /// Every stop word's postings (documents and counts, no positions), by
    /// its number in the analyser's list: the index keeps no list for them,
    /// and the templates spell every one of them out.
    pub(crate) fn stop_word_postings(&self, analyzer: &Analyzer) -> Vec<Vec<Posting>> {
        let words = analyzer.stopwords();
        let mut lists: Vec<Vec<Posting>> = vec![Vec::new(); words.len()];
        if words.is_empty() {
            return lists;
        }
        // (title, body) counts in the document being read, and which are set.
        let mut counts = vec![(0u32, 0u32); words.len()];
        let mut seen: Vec<usize> = Vec::new();
        let mut folded = String::new();
        for doc in 0..self.record_starts.len().saturating_sub(1) as u32 {
            let mut r = self.templates(doc);
            for in_title in [true, false] {
                template::for_each_literal(&mut r, |bytes| {
                    // A literal was cut from the text, so it is UTF-8.
                    fold_into(std::str::from_utf8(bytes).unwrap_or(""), &mut folded);
                    if let Some(k) = analyzer.stopword_number(&folded) {
                        if counts[k] == (0, 0) {
                            seen.push(k);
                        }
                        if in_title {
                            counts[k].0 += 1;
                        } else {
                            counts[k].1 += 1;
                        }
                    }
                });
            }
            for &k in &seen {
                let (tf_title, tf_body) = counts[k];
                lists[k].push(Posting { doc, tf_title, tf_body });
                counts[k] = (0, 0);
            }
            seen.clear();
        }
        lists
    }

    /// Document id → ordinal, from the records (the index stores no map).
    pub(crate) fn id_map(&self) -> HashMap<String, u32> {
        let docs = self.record_starts.len().saturating_sub(1) as u32;
        let mut ids = HashMap::with_capacity(docs as usize);
        for doc in 0..docs {
            let mut r = Reader::new(self.stored_record(doc));
            let id = r.string();
            if !r.bad {
                ids.entry(id).or_insert(doc);
            }
        }
        ids
    }
}

/// The range `starts[i]..starts[i + 1]`, empty past the end.
fn span(starts: &[u32], i: usize) -> std::ops::Range<usize> {
    match (starts.get(i), starts.get(i + 1)) {
        (Some(&start), Some(&end)) => start as usize..end as usize,
        _ => 0..0,
    }
}

#[cfg(all(test, feature = "build"))]
mod tests {
    use proptest::prelude::*;

    use crate::analyze::{fold, Analyzer};
    use crate::document::{CorpusMeta, Document};
    use crate::index::{Index, IndexBuilder};

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// The words a record's template reports are the analyser's tokens
        /// of the text, range for range and form for form, so a snippet
        /// made from them is the snippet made by segmenting the text.
        #[test]
        fn template_words_are_the_analysers_tokens(
            texts in proptest::collection::vec(
                "(\\PC|[ \t\n\r.:]|NATO’s|Robertson's|the|The|U.S.|spending.The|e.g.|don't|Élysée|x{70}|1,000.5){0,60}",
                1..6,
            ),
        ) {
            let analyzer = Analyzer::new("english");
            let mut builder = IndexBuilder::new(CorpusMeta::default());
            for (i, text) in texts.iter().enumerate() {
                let doc = Document { id: format!("d{i}"), title: "t".into(), text: text.clone(), date: None, facets: Vec::new(), metadata: Vec::new(), origin: String::new(), mentions: Vec::new() };
                builder.add(doc).unwrap();
            }
            let bytes = builder.finish().unwrap();
            let index = Index::open(&bytes).unwrap();
            let mut words = Vec::new();
            for (i, text) in texts.iter().enumerate() {
                index.stored_head_with_words(i as u32, &mut words).unwrap();
                let got: Vec<(usize, usize, String)> = words
                    .iter()
                    .map(|&(start, end, form)| (start, end, form.map_or_else(|| fold(&text[start..end]), str::to_string)))
                    .collect();
                let want: Vec<(usize, usize, String)> = analyzer.tokens(text).map(|t| (t.start, t.end, t.exact)).collect();
                prop_assert_eq!(got, want);
            }
        }
    }
}
