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
use super::template::{self, FormLength};
use super::{Index, Posting};

/// A word of a document's text as [`Forward::head`] lists it:
/// its byte range and folded form (`None` when it was written out).
pub(crate) type TextWord<'s> = (usize, usize, Option<&'s str>);

/// A word of a document's text before the text is put back (see
/// [`Forward::passage`]): where it lands in the text, and what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PassageWord<'t> {
    pub start: usize,
    pub end: usize,
    pub word: WordAt<'t>,
}

/// What stands at a word of a text: a term of the dictionary (by number),
/// or a word as the text writes it (a stop word, or any word of a split
/// index's record).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WordAt<'t> {
    Term(u32),
    Written(&'t str),
}

/// Part of a text: its bytes from `start`, in a text of `total` bytes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Passage {
    pub text: String,
    pub start: usize,
    pub total: usize,
}

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
    /// The folded forms of the terms, in dictionary order.
    forms: Forms,
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
        while let Some(word) = stream.next() {
            self.forms.push(&String::from_utf8_lossy(word));
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
        self.forms.len()
    }

    /// The terms (by number, see [`Forward::word`]) at a document's
    /// positions, title then body; stop words' positions are left out.
    pub(crate) fn terms_of(&self, doc: u32) -> impl Iterator<Item = u32> + '_ {
        self.slots_of(doc).iter().copied().filter(|&t| t != HOLE)
    }

    /// The folded form of term number `term` (dictionary order).
    pub(crate) fn word(&self, term: u32) -> Option<&str> {
        self.forms.get(term)
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
            match self.forms.get(mid as u32)?.as_bytes().cmp(form) {
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

    /// A document's stored record, a reader of it at its text's template,
    /// its id (as stored) and its title put back.
    fn id_and_title(&self, doc: u32) -> (&[u8], Reader<'_>, &[u8], String) {
        let stored = self.stored_record(doc);
        let title_slots = self.slots_of(doc);
        let mut r = Reader::new(stored);
        let id_len = r.varint() as usize;
        let id = r.bytes(id_len);
        let mut title = String::new();
        template::decode(&mut r, |i| title_slots.get(i as usize).and_then(|&t| self.word(t)), &mut title);
        (stored, r, id, title)
    }

    /// A document's id (as stored), title and text put back from their
    /// templates, and the rest of its record (date onward, see
    /// [`super::store`]), with the words of the text listed in `words` when
    /// asked. A hit reads these directly: re-encoding a whole record only to
    /// decode it again cost about as much as its snippet.
    pub(crate) fn head<'s>(&'s self, doc: u32, mut words: Option<&mut Vec<TextWord<'s>>>) -> (&'s [u8], String, String, &'s [u8]) {
        let (stored, mut r, id, title) = self.id_and_title(doc);
        let body_slots = self.body_slots(doc);
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

    /// A document's id, title, the part of its text that covers the bytes
    /// `choose` asks for (whole words; see [`template::decode_range`]),
    /// where that part starts, the text's length, and the rest of its
    /// record. `choose` sees where each word of the text lands and which
    /// term it is (or how it is written, for a word written out) before
    /// any form is read: a snippet needs only its passage's.
    pub(crate) fn passage<'s>(
        &'s self,
        doc: u32,
        choose: impl FnOnce(&[PassageWord<'_>], usize) -> std::ops::Range<usize>,
    ) -> (&'s [u8], String, Passage, &'s [u8]) {
        let (stored, mut r, id, title) = self.id_and_title(doc);
        let body_slots = self.body_slots(doc);
        let term_at = |i: u32| body_slots.get(i as usize).copied().filter(|&t| t != HOLE);
        let length_at = |i: u32| self.forms.length(term_at(i)?);
        let body = r.clone();
        let mut words = Vec::with_capacity(body_slots.len());
        let total = template::spans(&mut r, length_at, |span| {
            let word = match span.position {
                Some(i) => term_at(i).map(WordAt::Term),
                // A word written out was cut from the text, so it is UTF-8.
                None => Some(WordAt::Written(std::str::from_utf8(span.written).unwrap_or(""))),
            };
            if let Some(word) = word {
                words.push(PassageWord { start: span.start, end: span.end, word });
            }
        });
        let range = choose(&words, total);
        let (text, start) = template::decode_range(&mut body.clone(), |i| self.word(term_at(i)?), length_at, range);
        (id, title, Passage { text, start, total }, stored.get(r.pos()..).unwrap_or(&[]))
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

/// The folded forms of the terms, by term number, each in one entry of a
/// cache line's quarter. Putting a hit's passage back looks up the form at
/// each of its positions, in no order, and in a browser tab among others
/// many of those lookups miss the cache: an entry that holds the form
/// itself (most are shorter than 16 bytes) costs one miss where a table of
/// starts into one string cost two.
#[derive(Debug, Default)]
struct Forms {
    entries: Vec<FormEntry>,
    /// The forms too long for an entry, one after another.
    long: String,
    /// Each form's length in bytes when it is ASCII and shorter than
    /// [`NOT_ASCII`], else that: a byte a term, so that the words before a
    /// snippet's passage are measured without reading their forms.
    lengths: Vec<u8>,
}

const NOT_ASCII: u8 = u8::MAX;

/// A form's length then its bytes; or [`LONG_FORM`], then where it starts
/// in [`Forms::long`] and its length (little-endian u32s).
#[derive(Debug, Clone, Copy)]
#[repr(align(16))]
struct FormEntry([u8; 16]);

const INLINE_FORM: usize = 15;
const LONG_FORM: u8 = 0xFF;

impl Forms {
    fn push(&mut self, form: &str) {
        let mut entry = [0u8; 16];
        if form.len() <= INLINE_FORM {
            entry[0] = form.len() as u8;
            entry[1..1 + form.len()].copy_from_slice(form.as_bytes());
        } else {
            entry[0] = LONG_FORM;
            entry[1..5].copy_from_slice(&(self.long.len() as u32).to_le_bytes());
            entry[5..9].copy_from_slice(&(form.len() as u32).to_le_bytes());
            self.long.push_str(form);
        }
        self.entries.push(FormEntry(entry));
        self.lengths.push(if form.is_ascii() && form.len() < NOT_ASCII as usize { form.len() as u8 } else { NOT_ASCII });
    }

    fn length(&self, term: u32) -> Option<FormLength<'_>> {
        match *self.lengths.get(term as usize)? {
            NOT_ASCII => self.get(term).map(FormLength::Form),
            len => Some(FormLength::Ascii(len as usize)),
        }
    }

    fn get(&self, term: u32) -> Option<&str> {
        let FormEntry(entry) = self.entries.get(term as usize)?;
        match entry[0] as usize {
            len @ 0..=INLINE_FORM => std::str::from_utf8(&entry[1..1 + len]).ok(),
            _ => {
                let start = u32::from_le_bytes([entry[1], entry[2], entry[3], entry[4]]) as usize;
                let len = u32::from_le_bytes([entry[5], entry[6], entry[7], entry[8]]) as usize;
                self.long.get(start..start.checked_add(len)?)
            }
        }
    }

    fn len(&self) -> usize {
        self.entries.len()
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
