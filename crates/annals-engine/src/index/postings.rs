//! Reading terms and their postings: the typed door through which queries
//! and analytics reach the postings section. A list is named by a
//! [`ListHandle`] that only this module makes and reads; a term's facts are a
//! [`TermInfo`].

use std::collections::HashMap;

use super::bits::BitReader;
use super::format::{field_ranges, position_parameter, Section, LIST_K_DOC_BITS};
use super::split::POSITION_SKIP;
use super::Index;

/// One posting: a document and how often a term occurs in its fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting {
    /// Document ordinal.
    pub doc: u32,
    /// Occurrences in the title.
    pub tf_title: u32,
    /// Occurrences in the body.
    pub tf_body: u32,
}

/// A postings list of the index. Lists of dictionary forms are bit offsets
/// into the postings section; a stop word's list (counted from the stored
/// text, not stored) is its number in the analyser's list with the top bit
/// set. Only this module looks inside.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ListHandle(u64);

/// The top bit of a stop word's [`ListHandle`].
const STOP_LIST: u64 = 1 << 63;

impl ListHandle {
    /// Whether the list stores positions (every list of the postings
    /// section does; stop words' lists, counted from the stored text, do not).
    pub fn has_positions(self) -> bool {
        self.0 & STOP_LIST == 0
    }

    /// Where the list starts in its postings stream (in bits).
    pub(super) fn bit(self) -> u64 {
        self.0
    }

    /// A stop word's number in the analyser's list, for a stop word's list.
    fn stop_number(self) -> Option<usize> {
        (!self.has_positions()).then_some((self.0 & !STOP_LIST) as usize)
    }
}

/// A list's postings and where their positions start, with where each
/// block of [`POSITION_SKIP`] of them starts where the index says (see
/// [`Index::skipping_list`]).
#[derive(Debug, Clone)]
pub(crate) struct SkippingList {
    /// Its postings, in document order, without their positions.
    pub(crate) postings: Vec<Posting>,
    /// The bit where the list's positions start: of the positions stream
    /// in the split layout, of the postings section in the single one.
    positions: u64,
    /// Where block `b`'s positions start, in bits from `positions` (the
    /// split layout's skips; empty in the single layout).
    block_starts: Vec<u64>,
}

/// Where a positioned list's parts lie (see [`Index::list_layout`]).
#[cfg(feature = "build")]
pub(super) struct ListLayout {
    /// The bit where its positions start (its postings end).
    pub(super) positions: u64,
    /// Where each block of [`POSITION_SKIP`] postings' positions starts,
    /// in bits from `positions`.
    pub(super) block_starts: Vec<u64>,
    /// The bit where the list ends.
    pub(super) end: u64,
}

/// Where a reader of a [`SkippingList`]'s positions stands: the next
/// posting and the bit (from the list's first position) where its
/// positions start.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct PositionCursor {
    next: usize,
    bit: u64,
}

/// What the index knows of one exact form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TermInfo {
    /// Its postings list.
    pub list: ListHandle,
    /// How many documents hold it.
    pub document_frequency: u32,
    /// Whether its positions are stored (phrases and proximity need them).
    pub has_positions: bool,
}

impl<'a> Index<'a> {
    /// The postings list of an exact form (a stop word's is counted from
    /// the stored text on first use). TERMS says which forms exist, the
    /// forward view where their lists start.
    pub(crate) fn exact_list(&self, exact: &str) -> Option<ListHandle> {
        match self.analyzer.stopword_number(exact) {
            Some(k) => Some(ListHandle(STOP_LIST | k as u64)),
            None => match &self.split {
                Some(split) => split.term_number(exact.as_bytes()).map(ListHandle),
                None => self.forward_view().list_of(exact.as_bytes()).map(ListHandle),
            },
        }
    }

    /// The postings lists of every form sharing `stem`, in list order.
    pub(crate) fn stem_lists(&self, stem: &str) -> Vec<ListHandle> {
        if let Some(split) = &self.split {
            let forms = split.stem_terms(stem).into_iter().map(ListHandle);
            let stops = super::split::stop_handles_of(&self.analyzer, stem).map(|k| ListHandle(STOP_LIST | k as u64));
            return forms.chain(stops).collect();
        }
        self.stem_map().get(stem).cloned().unwrap_or_default()
    }

    /// Every form of TERMS, and every stop word, under its stem (built on
    /// first use).
    pub(super) fn stem_map(&self) -> &HashMap<String, Vec<ListHandle>> {
        self.stem_map.get_or_init(|| self.build_stem_map())
    }

    fn build_stem_map(&self) -> HashMap<String, Vec<ListHandle>> {
        let forward = self.forward_view();
        let mut map: HashMap<String, Vec<ListHandle>> = HashMap::with_capacity(forward.term_count());
        for term in 0..forward.term_count() as u32 {
            let (Some(form), Some(list)) = (forward.word(term), forward.list(term)) else { continue };
            map.entry(self.analyzer.stem(form).into_owned()).or_default().push(ListHandle(list));
        }
        for (k, stem) in self.analyzer.stopword_stems().iter().enumerate() {
            map.entry(stem.clone()).or_default().push(ListHandle(STOP_LIST | k as u64));
        }
        map
    }

    /// Every form an automaton accepts with its list, the stop words
    /// (which TERMS lacks) first, then at most `limit` forms of TERMS in
    /// dictionary order.
    pub(crate) fn forms_matching<A: fst::Automaton>(&self, automaton: A, limit: usize) -> Vec<(String, ListHandle)> {
        use fst::{IntoStreamer, Streamer};
        let mut forms = Vec::new();
        for (k, word) in self.analyzer.stopwords().iter().enumerate() {
            if accepts(&automaton, word.as_bytes()) {
                forms.push((word.to_string(), ListHandle(STOP_LIST | k as u64)));
            }
        }
        let mut taken = 0;
        if let Some(split) = &self.split {
            split.walk_terms(&automaton, |form, term| {
                if taken == limit {
                    return false;
                }
                forms.push((String::from_utf8_lossy(form).into_owned(), ListHandle(term)));
                taken += 1;
                true
            });
            return forms;
        }
        let forward = self.forward_view();
        let mut stream = self.terms.search(&automaton).into_stream();
        while let Some(form) = stream.next() {
            if taken == limit {
                break;
            }
            let Some(list) = forward.list_of(form) else { continue };
            forms.push((String::from_utf8_lossy(form).into_owned(), ListHandle(list)));
            taken += 1;
        }
        forms
    }

    /// The forms of the dictionary (never a stop word: the dictionary lacks
    /// them) that an automaton accepts, with their lists, in dictionary
    /// order; at most `walked` forms are looked at.
    pub(crate) fn dictionary_forms<A: fst::Automaton>(&self, automaton: A, walked: usize) -> Vec<(String, ListHandle)> {
        use fst::{IntoStreamer, Streamer};
        let mut forms = Vec::new();
        let mut seen = 0;
        if let Some(split) = &self.split {
            split.walk_terms(&automaton, |form, term| {
                seen += 1;
                if seen > walked {
                    return false;
                }
                forms.push((String::from_utf8_lossy(form).into_owned(), ListHandle(term)));
                true
            });
            return forms;
        }
        let forward = self.forward_view();
        let mut stream = self.terms.search(automaton).into_stream();
        while let Some(form) = stream.next() {
            seen += 1;
            if seen > walked {
                break;
            }
            if let Some(list) = forward.list_of(form) {
                forms.push((String::from_utf8_lossy(form).into_owned(), ListHandle(list)));
            }
        }
        forms
    }

    /// A stop word's postings (from the stored text, counted once).
    fn stop_list(&self, list: ListHandle) -> Option<&[Posting]> {
        if list.has_positions() {
            return None;
        }
        let lists = self.stop_lists.get_or_init(|| self.forward_view().stop_word_postings(&self.analyzer));
        Some(lists.get((list.0 & !STOP_LIST) as usize).map_or(&[], Vec::as_slice))
    }

    /// What the index knows of an exact form: its list, how many
    /// documents hold it and whether its positions are stored.
    pub(crate) fn term(&self, exact: &str) -> Option<TermInfo> {
        let list = self.exact_list(exact)?;
        Some(TermInfo { list, document_frequency: self.document_frequency(list), has_positions: list.has_positions() })
    }

    /// How many documents a postings list has.
    pub(crate) fn document_frequency(&self, list: ListHandle) -> u32 {
        if let Some(split) = &self.split {
            let df = match list.stop_number() {
                Some(k) => split.stop_df(k),
                None => split.term_entry(list.0).map_or(0, |e| e.df),
            };
            return df.min(self.doc_count);
        }
        if let Some(stop) = self.stop_list(list) {
            return stop.len() as u32;
        }
        let df = BitReader::new(self.sections[Section::Postings as usize], list.0).gamma();
        df.min(self.doc_count as u64) as u32
    }

    /// How often a list's word occurs in all, title and body of every
    /// document: the split layout's dictionary says; the single layout's
    /// list is decoded and summed.
    pub(crate) fn occurrences(&self, list: ListHandle) -> u64 {
        if let (Some(split), None) = (&self.split, list.stop_number()) {
            return split.term_entry(list.0).map_or(0, |e| e.occurrences);
        }
        let mut postings = Vec::new();
        self.postings(list, &mut postings);
        postings.iter().map(|p| p.tf_title as u64 + p.tf_body as u64).sum()
    }

    /// Decodes a postings list, without positions (a
    /// [`SkippingList`] reads those: [`Index::skipping_list`]).
    pub(crate) fn postings(&self, list: ListHandle, out: &mut Vec<Posting>) {
        if let Some(split) = &self.split {
            return match list.stop_number() {
                Some(k) => split.stop_postings(k, self.doc_count, out),
                None => {
                    if let Some(entry) = split.term_entry(list.0) {
                        split.term_postings(entry.postings, self.doc_count, out, None);
                    }
                }
            };
        }
        if let Some(stop) = self.stop_list(list) {
            out.extend_from_slice(stop);
            return;
        }
        self.decode_postings(list.0, out);
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

    /// A positioned list read once, for the split writer: its postings
    /// into `out`, and the bits where its positions start, where each
    /// block of [`POSITION_SKIP`] postings' positions starts (from
    /// there: the split layout's skips) and where the list ends; `None`
    /// when the list cannot be read to its end.
    #[cfg(feature = "build")]
    pub(super) fn list_layout(&self, list: u64, lengths: &[(u32, u32)], out: &mut Vec<Posting>) -> Option<ListLayout> {
        let start = out.len();
        let mut bits = self.decode_postings(list, out)?;
        let positions = bits.pos;
        let mut block_starts = Vec::with_capacity((out.len() - start).div_ceil(POSITION_SKIP));
        for (i, p) in out[start..].iter().enumerate() {
            if i % POSITION_SKIP == 0 {
                block_starts.push(bits.pos - positions);
            }
            let doc_lengths = lengths.get(p.doc as usize).copied().unwrap_or_default();
            if !Index::read_positions(&mut bits, p, doc_lengths, &mut |_| {}) || bits.bad {
                return None;
            }
        }
        Some(ListLayout { positions, block_starts, end: bits.pos })
    }

    /// Appends the postings (without their positions) of the list at bit
    /// `list` of POSTINGS to `out`; the bits then stand at the list's
    /// positions, returned when every posting was read.
    pub(super) fn decode_postings(&self, list: u64, out: &mut Vec<Posting>) -> Option<BitReader<'a>> {
        decode_list(BitReader::new(self.sections[Section::Postings as usize], list), self.doc_count, out)
    }
}

/// Appends the postings (without their positions) of the list `bits`
/// stand at to `out`; the bits then stand at the list's positions (in the
/// single layout), returned when every posting was read.
pub(super) fn decode_list<'b>(mut bits: BitReader<'b>, doc_count: u32, out: &mut Vec<Posting>) -> Option<BitReader<'b>> {
    let df = bits.gamma().min(doc_count as u64);
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
        doc += if df == 1 { bits.truncated(doc_count as u64) } else { bits.rice(k_doc) };
        let tf = if tf_unary { bits.rice(0) + 1 } else { bits.gamma() }.min(super::format::MAX_TERM_FREQUENCY);
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
        if bits.bad || doc >= doc_count as u64 {
            break;
        }
        out.push(Posting {
            doc: doc as u32,
            tf_title: tf_title as u32,
            tf_body: (tf - tf_title) as u32,
        });
        doc += 1;
    }
    (out.len() - start == df as usize).then_some(bits)
}

impl Index<'_> {

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

    /// A list's postings, without their positions, and where their
    /// positions start, to be read posting by posting in document order
    /// with a [`PositionCursor`] ([`Index::positions_at`]): nothing is
    /// decoded twice, and nothing past the last posting asked for. In the
    /// split layout the list also says where each block of
    /// [`POSITION_SKIP`] postings' positions starts, so the cursor jumps
    /// over the blocks of postings not asked for. `None` for a stop word's
    /// list, which has no positions.
    pub(crate) fn skipping_list(&self, list: ListHandle) -> Option<SkippingList> {
        list.stop_number().is_none().then_some(())?;
        let mut skipping = SkippingList { postings: Vec::new(), positions: 0, block_starts: Vec::new() };
        if let Some(split) = &self.split {
            let Some(entry) = split.term_entry(list.0) else { return Some(skipping) };
            skipping.positions = entry.positions.saturating_mul(8);
            if !split.term_postings(entry.postings, self.doc_count, &mut skipping.postings, Some(&mut skipping.block_starts)) {
                skipping.postings.clear();
            }
        } else {
            // The positions follow the list's postings.
            match self.decode_postings(list.0, &mut skipping.postings) {
                Some(bits) => skipping.positions = bits.pos,
                None => skipping.postings.clear(),
            }
        }
        Some(skipping)
    }

    /// The positions of document `doc` in a [`SkippingList`], ascending,
    /// appended to `out` (nothing when the list lacks it). Asked in
    /// ascending order of documents, the cursor finds each posting from
    /// the last one read and its positions from where those ended.
    pub(crate) fn positions_in(&self, list: &SkippingList, cursor: &mut PositionCursor, doc: u32, out: &mut Vec<u32>) {
        let from = match cursor.next.checked_sub(1).and_then(|last| list.postings.get(last)) {
            Some(p) if p.doc < doc => cursor.next,
            _ => 0,
        };
        let i = from + list.postings[from..].partition_point(|p| p.doc < doc);
        if list.postings.get(i).is_some_and(|p| p.doc == doc) {
            self.positions_at(list, cursor, i, out);
        }
    }

    /// The positions of posting `i` of a [`SkippingList`], ascending,
    /// appended to `out`. The cursor (new for each list) remembers where
    /// the last read ended: asked in ascending `i`, each position is
    /// decoded at most once, and blocks with a skip are jumped over.
    pub(crate) fn positions_at(&self, list: &SkippingList, cursor: &mut PositionCursor, i: usize, out: &mut Vec<u32>) {
        let Some(posting) = list.postings.get(i) else { return };
        let block = i / POSITION_SKIP;
        if let Some(&offset) = list.block_starts.get(block) {
            // Jump to the start of the posting's block when the cursor
            // stands before it (or past the posting).
            let first = block * POSITION_SKIP;
            if cursor.next > i || cursor.next < first {
                *cursor = PositionCursor { next: first, bit: offset };
            }
        } else if cursor.next > i {
            // No skips (the single layout): back to the list's start.
            *cursor = PositionCursor::default();
        }
        let at = list.positions.saturating_add(cursor.bit);
        let mut bits = match &self.split {
            Some(split) => {
                let Some(bits) = split.positions_bits(at) else { return };
                bits
            }
            None => BitReader::new(self.sections[Section::Postings as usize], at),
        };
        let from = bits.pos;
        for p in &list.postings[cursor.next..i] {
            if !Index::read_positions(&mut bits, p, self.lengths(p.doc), &mut |_| {}) || bits.bad {
                return;
            }
        }
        let start = out.len();
        if !Index::read_positions(&mut bits, posting, self.lengths(posting.doc), &mut |v| out.push(v)) || bits.bad {
            out.truncate(start);
            return;
        }
        *cursor = PositionCursor { next: i + 1, bit: cursor.bit + (bits.pos - from) };
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

