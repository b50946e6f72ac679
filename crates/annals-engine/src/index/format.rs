//! The index's byte layout, shared by the writer and the reader: constants,
//! section ids, varints and the checksum.
//!
//! The whole index is one blob, little endian, with no alignment assumed
//! anywhere (the app embeds it with `include_bytes!`, whose alignment is 1):
//!
//! ```text
//! index        := header section_table section*
//! header       := magic:b"ANNALSIX" version:u32 section_count:u32
//!                 table_checksum:u32 body_checksum:u32 total_len:u32
//! section_table:= (offset:u32 len:u32){section_count}     offsets from byte 0
//! table_checksum = fnv1a32(header[0..16] ++ section_table ++ TERMS ++ FACETS)
//! body_checksum  = fnv1a32(every byte after the section table)
//! ```
//!
//! Sections, by position in the table ([`Section`]):
//!
//! ```text
//! META         := string(title) string(description) string(language)
//!                 varint(n_facets) (string(name) u8(kind))*
//!                 u32(doc_count) f32(avg_title_len) f32(avg_body_len)
//! TERMS        := fst::Set  of exact forms (every form but the analyser's
//!                 stop words)
//! POSTINGS     := bits(list*) padded to a byte: one list per form of
//!                 TERMS, in its order, back to back at bit granularity:
//!                 the first starts at bit 0, each next one at the bit
//!                 where the one before ends (a list's handle is its bit
//!                 offset; the reader finds them by reading every list)
//! list         := gamma(df) bit(titles)
//!                 [bits5(k_doc) bit(tf_unary) [bit(title_gaps)]]
//!                                            absent when df = 1; the
//!                                            title_gaps bit only with titles
//!                 [gamma(n_title) rice(t_0, k_t)]   only when title_gaps
//!                 posting{df} positions{df}
//!                 titles: some posting is in a title; otherwise postings
//!                 carry no title information
//!                 title_gaps: the n_title postings in a title are located
//!                 by index: t_0 is the index of the first, and each title
//!                 posting is followed by rice(t_next - t - 1, k_t) unless it
//!                 is the last, k_t = position_parameter(df, n_title)
//! posting      := doc                        rice(doc - next, k_doc), next =
//!                                            previous doc + 1 (first: 0); in
//!                                            a one-document list (no k_doc),
//!                                            truncated(doc, doc_count)
//!                 tf                         title + body occurrences:
//!                                            gamma(tf), or unary(tf - 1)
//!                                            when tf_unary
//!                 title                      nothing without titles;
//!                                            with title_gaps, gamma(tf_title)
//!                                            [rice(t_next - t - 1, k_t)] in
//!                                            a title posting only; else
//!                                            bit(in title) [gamma(tf_title)]
//! positions    := the posting's tf positions, right after the list's
//!                 postings: its tf_title title positions, then its body
//!                 positions. Title words are numbered from 0, body words
//!                 from the real title length + 2 (so no phrase spans the
//!                 two fields). With title_len and body_len the word
//!                 counts of the document's stored templates (see
//!                 field_ranges):
//!                   interpolative(title positions, 0, title_len)
//!                   interpolative(body positions, title_len + 2,
//!                                 title_len + 2 + body_len)
//!                 position_parameter(len, tf) = floor(log2 of
//!                 len / (tf + 1)), 0 below 2
//! interpolative(v{n}, lo, hi) := nothing when n = 0 or hi - lo = n; else,
//!                 m = floor(n / 2): truncated(v_m - lo - m, hi - lo - n + 1)
//!                 interpolative(v{0..m}, lo, v_m)
//!                 interpolative(v{m+1..n}, v_m + 1, hi)
//!                 (ascending distinct values in [lo, hi); n is known)
//! truncated(v, r) := nothing when r <= 1; else with b = floor(log2 r) and
//!                 u = 2^(b+1) - r: the b bits of v when v < u, else the b
//!                 high bits of v + u then its lowest bit
//! bits         := least significant bit first; rice(v, k) = unary(v >> k)
//!                 then the k low bits of v, where unary(q) is q zeros and a
//!                 one, and a quotient of 40 or more escapes to unary(40) and
//!                 40 raw bits; gamma(v) = unary(n) then the n low bits of v,
//!                 n = floor(log2 v). k_doc is the parameter that codes the
//!                 list's gaps in the fewest bits.
//! STORED_BLOCKS:= u32(offset in STORED){block_count}
//!                 block b holds documents [b * n, (b + 1) * n), n =
//!                 docs_per_block (from STORED_DICT); it spans
//!                 [offset(b), offset(b + 1)) (the last: to the end)
//! DOCS         := day{doc_count}     fixed 3-byte records, by doc ordinal
//! day          := i24: days from 1970-01-01, -2^23 when undated
//!                 (documents' field lengths are not stored: the stored
//!                 templates count their words)
//! STORED       := block{block_count}, compressed as STORED_DICT says and
//!                 laid out as codec.rs describes; each document's record
//!                 (store.rs) keeps its title and text as templates
//!                 (template.rs): the text between the words and how each
//!                 word is spelled, the words themselves being the ones
//!                 POSTINGS places at the document's positions
//! STORED_DICT  := u8(codec) varint(docs_per_block)
//!                 codec 0: blocks are plain; codec 1: zstd frames
//! FACETS       := fst::Map  field \x00 value → byte offset in FACET_DOCS
//! FACET_DOCS   := (varint(n) u8(k) bits(rice(doc - next, k){n}) padded)*
//!                 next = previous doc + 1 (first: 0), k the cheapest
//! string       := varint(byte length) utf8-bytes
//! ```
//!
//! **What is not stored.** Five things the reader needs are derived from
//! what is, on first use, because shipping them would cost more than
//! computing them: where each form's list starts (the forward view reads
//! every list in turn anyway), each document's title and body length (its
//! templates count the words), which forms share a stem (the analyser stems
//! every form in TERMS), the stop words' documents and counts (read from
//! the stored templates, which spell stop words out), and the map from
//! document id to ordinal (read from the stored records). On Reuters-21578
//! they took 627 KB, about a seventh of the term index, when they were
//! stored (the list offsets were fst outputs: 155 KB, 115 KB of it after
//! gzip; the lengths 65 KB).
//!
//! **Checksums.** [`crate::Index::open`] checks the magic, the version, the
//! total length, that every section lies inside the blob, and the table
//! checksum, which also covers the two `fst` dictionaries: `fst` trusts the
//! bytes it walks and a damaged node can panic it, which would kill the
//! page (on Reuters-21578 that is 310 KB, well under a millisecond to hash).
//! The body checksum covers everything; [`crate::Index::verify`] checks it
//! (the builder's tests and the CLI do), because hashing megabytes on every
//! page load would cost the user milliseconds for a blob the browser already
//! received intact. The reader of the other sections never panics on bytes
//! no writer wrote: it gives wrong answers instead (a test damages random
//! bytes and runs every kind of request).

/// The first eight bytes of every index.
pub const MAGIC: &[u8; 8] = b"ANNALSIX";
/// The format version this code writes and reads.
pub const VERSION: u32 = 4;
/// Bytes before the section table.
pub const HEADER_LEN: usize = 28;
/// Bytes of one doc record in [`Section::Docs`].
pub const DOC_RECORD_LEN: usize = 3;
/// The `day` of an undated document.
pub const UNDATED: i32 = -(1 << 23);
/// The latest day the document table holds (a 24-bit day reaches about
/// 22,967 years either side of 1970).
pub const MAX_DAY: i32 = (1 << 23) - 1;
/// Gap between a document's last title position and its first body position.
pub const FIELD_GAP: u32 = 2;

/// The `positions` offset of a posting whose positions are not known (stop
/// words, or postings decoded without positions).
pub const NO_POSITIONS: u32 = u32::MAX;

/// How many bits a list's `k_doc` takes.
pub const LIST_K_DOC_BITS: u32 = 5;

/// Bits of the Rice code of `v` with parameter `k`.
pub fn rice_len(v: u64, k: u32) -> u64 {
    let q = v >> k;
    if q >= RICE_ESCAPE {
        RICE_ESCAPE + 41
    } else {
        q + 1 + k as u64
    }
}

/// Bits of the gamma code of `v` ≥ 1.
pub fn gamma_len(v: u64) -> u64 {
    2 * (63 - v.max(1).leading_zeros() as u64) + 1
}

/// The ranges of a document's title and body positions, `(base, len)`:
/// the title's words are `[0, title_len)`, the body's start `FIELD_GAP`
/// after the title's end. The reader knows both lengths before it reads a
/// position (the stored templates count the words), so the positions are
/// interpolative codes within them.
#[inline]
pub fn field_ranges(title_len: u32, body_len: u32) -> [(u32, u32); 2] {
    [(0, title_len), (title_len.saturating_add(FIELD_GAP), body_len)]
}

/// The Rice parameter of `tf` positions spread over `span`: they leave gaps
/// of about `span / (tf + 1)`, and a Rice code is cheapest at about half
/// the mean.
#[inline]
pub fn position_parameter(span: u32, tf: u32) -> u32 {
    let mean = span / (tf.max(1) + 1);
    if mean <= 1 {
        0
    } else {
        (31 - mean.leading_zeros()).min(24)
    }
}

/// The Rice parameter that codes `values` in the fewest bits.
pub fn best_rice_parameter(values: &[u64]) -> u32 {
    let mut best = (u64::MAX, 0);
    for k in 0..=24u32 {
        let cost: u64 = values.iter().map(|&v| rice_len(v, k)).sum();
        if cost < best.0 {
            best = (cost, k);
        }
        if values.iter().all(|&v| v >> k == 0) {
            break;
        }
    }
    best.1
}

/// The sections, in table order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(usize)]
pub enum Section {
    /// Corpus metadata and collection statistics.
    Meta,
    /// Exact form → postings list.
    Terms,
    /// Postings lists.
    Postings,
    /// Where each block of stored records starts.
    StoredBlocks,
    /// Fixed-width document table.
    Docs,
    /// Stored document records.
    Stored,
    /// The codec of stored records and its dictionary.
    StoredDict,
    /// Facet field and value → document list.
    Facets,
    /// Facet document lists.
    FacetDocs,
}

/// The sections the table checksum covers besides the header and the
/// table: the `fst` dictionaries, which `fst` reads trusting their bytes (a
/// damaged node can panic it), so [`crate::Index::open`] checks them.
pub const CHECKED_AT_OPEN: [Section; 2] = [Section::Terms, Section::Facets];

/// How many sections an index has.
pub const SECTION_COUNT: usize = 9;

/// FNV-1a, 32 bits: tiny, dependency-free, good enough to catch truncation
/// and stale or foreign bytes (it is not a defence against tampering).
pub fn fnv1a32(bytes: &[u8]) -> u32 {
    fnv1a32_continue(0x811c_9dc5, bytes)
}

/// Continues an FNV-1a hash over more bytes.
pub fn fnv1a32_continue(mut hash: u32, bytes: &[u8]) -> u32 {
    for &b in bytes {
        hash ^= b as u32;
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash
}

/// Appends `v` as a LEB128 varint.
pub fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Appends a varint length and the bytes of `s`.
pub fn put_str(out: &mut Vec<u8>, s: &str) {
    put_varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// A cursor over bytes that never panics: reads past the end yield zeros and
/// set `bad`, so a corrupt index gives wrong answers, never a dead page.
#[derive(Debug, Clone)]
pub struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    /// Set when a read ran past the end.
    pub bad: bool,
}

impl<'a> Reader<'a> {
    /// A cursor at the start of `bytes`.
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, pos: 0, bad: false }
    }

    /// A cursor at `pos` within `bytes`.
    pub fn at(bytes: &'a [u8], pos: usize) -> Reader<'a> {
        Reader { bytes, pos, bad: pos > bytes.len() }
    }

    /// The byte offset of the cursor.
    pub fn pos(&self) -> usize {
        self.pos
    }

    /// Whether every byte was read.
    pub fn is_empty(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    /// One varint.
    #[inline]
    pub fn varint(&mut self) -> u64 {
        let mut v: u64 = 0;
        let mut shift = 0u32;
        loop {
            let Some(&b) = self.bytes.get(self.pos) else {
                self.bad = true;
                return v;
            };
            self.pos += 1;
            if shift < 64 {
                v |= ((b & 0x7f) as u64) << shift;
            }
            if b < 0x80 {
                return v;
            }
            shift += 7;
        }
    }

    /// Skips `n` varints without decoding them.
    #[inline]
    pub fn skip_varints(&mut self, mut n: u64) {
        while n > 0 {
            match self.bytes.get(self.pos) {
                Some(&b) => {
                    self.pos += 1;
                    if b < 0x80 {
                        n -= 1;
                    }
                }
                None => {
                    self.bad = true;
                    return;
                }
            }
        }
    }

    /// `n` raw bytes (fewer at the end).
    pub fn bytes(&mut self, n: usize) -> &'a [u8] {
        let start = self.pos.min(self.bytes.len());
        let end = start.saturating_add(n).min(self.bytes.len());
        if end - start < n {
            self.bad = true;
        }
        self.pos = end;
        &self.bytes[start..end]
    }

    /// A varint-length string (lossy on invalid UTF-8).
    pub fn string(&mut self) -> String {
        let n = self.varint() as usize;
        let bytes = self.bytes(n);
        // The strict check is the fast one; the lossy one only for bad bytes.
        match std::str::from_utf8(bytes) {
            Ok(s) => s.to_owned(),
            Err(_) => String::from_utf8_lossy(bytes).into_owned(),
        }
    }

    /// One byte.
    pub fn u8(&mut self) -> u8 {
        self.bytes(1).first().copied().unwrap_or(0)
    }

    /// A little-endian u32.
    pub fn u32(&mut self) -> u32 {
        let b = self.bytes(4);
        let mut a = [0u8; 4];
        a[..b.len()].copy_from_slice(b);
        u32::from_le_bytes(a)
    }

    /// A little-endian f32.
    pub fn f32(&mut self) -> f32 {
        f32::from_bits(self.u32())
    }
}

/// A little-endian u32 at `pos`, 0 past the end.
#[inline]
pub fn u32_at(bytes: &[u8], pos: usize) -> u32 {
    match bytes.get(pos..pos + 4) {
        Some(b) => u32::from_le_bytes([b[0], b[1], b[2], b[3]]),
        None => 0,
    }
}

/// Largest unary quotient of a Rice code; a larger one escapes to a raw
/// 40-bit value, so one outlier gap cannot cost thousands of bits.
pub(crate) const RICE_ESCAPE: u64 = 40;

/// Writes bits least-significant first.
#[derive(Debug, Default)]
pub struct BitWriter {
    /// The bytes written so far (the last one may be partial).
    pub bytes: Vec<u8>,
    acc: u64,
    n: u32,
}

impl BitWriter {
    /// How many bits were written.
    pub fn bit_len(&self) -> u64 {
        self.bytes.len() as u64 * 8 + self.n as u64
    }

    /// Appends the low `n` bits of `v` (`n` ≤ 32).
    pub fn bits(&mut self, v: u64, n: u32) {
        debug_assert!(n <= 32);
        if n == 0 {
            return;
        }
        self.acc |= (v & ((1u64 << n) - 1)) << self.n;
        self.n += n;
        while self.n >= 8 {
            self.bytes.push(self.acc as u8);
            self.acc >>= 8;
            self.n -= 8;
        }
    }

    /// `q` zeros, then a one.
    pub fn unary(&mut self, mut q: u64) {
        while q >= 32 {
            self.bits(0, 32);
            q -= 32;
        }
        self.bits(1 << q, q as u32 + 1);
    }

    /// Rice code of `v` with parameter `k` (`k` ≤ 24).
    pub fn rice(&mut self, v: u64, k: u32) {
        let q = v >> k;
        if q >= RICE_ESCAPE {
            self.unary(RICE_ESCAPE);
            self.bits(v & 0xFFFF_FFFF, 32);
            self.bits(v >> 32, 8);
            return;
        }
        self.unary(q);
        self.bits(v, k);
    }

    /// Truncated binary code of `v` < `r` (`r` ≤ 2^32): the `u` smallest
    /// values take `floor(log2 r)` bits, the others one more, where
    /// `u = 2^(floor(log2 r) + 1) - r`. Nothing when `r` ≤ 1.
    pub fn truncated(&mut self, v: u64, r: u64) {
        if r <= 1 {
            return;
        }
        let k = 63 - r.leading_zeros();
        let u = (2u64 << k) - r;
        if v < u {
            self.bits(v, k);
        } else {
            // The long code word's high k bits come first: they are at
            // least `u`, which is how the reader tells the two apart.
            let c = v + u;
            self.bits(c >> 1, k);
            self.bits(c & 1, 1);
        }
    }

    /// Binary interpolative code of `values`, ascending and distinct, all in
    /// `[lo, hi)`: the middle value, truncated-binary coded within the range
    /// its rank leaves it, then the values below it, then those above.
    /// Values the range fixes (as many as the range's size) cost nothing.
    pub fn interpolative(&mut self, values: &[u32], lo: u32, hi: u32) {
        let n = values.len() as u32;
        if n == 0 || hi - lo == n {
            return;
        }
        let m = n / 2;
        let v = values[m as usize];
        self.truncated((v - lo - m) as u64, (hi - lo - n + 1) as u64);
        self.interpolative(&values[..m as usize], lo, v);
        self.interpolative(&values[m as usize + 1..], v + 1, hi);
    }

    /// Elias gamma code of `v` ≥ 1.
    pub fn gamma(&mut self, v: u64) {
        let v = v.max(1);
        let n = 63 - v.leading_zeros();
        self.unary(n as u64);
        self.bits(v & ((1u64 << n) - 1), n);
    }

    /// Pads to a whole byte and returns the bytes.
    pub fn finish(mut self) -> Vec<u8> {
        if self.n > 0 {
            self.bytes.push(self.acc as u8);
        }
        self.bytes
    }
}

/// Reads what [`BitWriter`] wrote; past the end it reads zeros and sets `bad`.
#[derive(Debug, Clone)]
pub struct BitReader<'a> {
    bytes: &'a [u8],
    /// Bit offset of the next read.
    pub pos: u64,
    /// Set when a read ran past the end.
    pub bad: bool,
}

impl<'a> BitReader<'a> {
    /// A reader at bit `pos` of `bytes`.
    pub fn new(bytes: &'a [u8], pos: u64) -> BitReader<'a> {
        BitReader { bytes, pos, bad: false }
    }

    /// The next 57 or more bits, without consuming them.
    #[inline]
    fn peek(&mut self) -> u64 {
        let byte = (self.pos / 8) as usize;
        let word = match self.bytes.get(byte..byte + 8) {
            Some(b) => u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]),
            None => {
                let mut a = [0u8; 8];
                let rest = self.bytes.get(byte..).unwrap_or(&[]);
                a[..rest.len()].copy_from_slice(rest);
                if rest.is_empty() {
                    self.bad = true;
                }
                u64::from_le_bytes(a)
            }
        };
        word >> (self.pos % 8)
    }

    /// `n` bits (`n` ≤ 32).
    #[inline]
    pub fn bits(&mut self, n: u32) -> u64 {
        if n == 0 {
            return 0;
        }
        let v = self.peek() & ((1u64 << n) - 1);
        self.pos += n as u64;
        v
    }

    /// A unary count (zeros before a one), at most `limit`.
    #[inline]
    fn unary(&mut self, limit: u64) -> u64 {
        let mut count = 0;
        loop {
            let w = self.peek();
            let tz = w.trailing_zeros() as u64;
            if tz < 56 {
                self.pos += tz + 1;
                return count + tz;
            }
            self.pos += 56;
            count += 56;
            if count >= limit || self.bad {
                self.bad = true;
                return limit;
            }
        }
    }

    /// A Rice-coded value.
    #[inline]
    pub fn rice(&mut self, k: u32) -> u64 {
        // Fast path: quotient and remainder in one 57-bit window.
        let w = self.peek();
        let tz = w.trailing_zeros();
        if (tz as u64) < RICE_ESCAPE && tz + 1 + k <= 57 {
            self.pos += (tz + 1 + k) as u64;
            return ((tz as u64) << k) | ((w >> (tz + 1)) & ((1u64 << k) - 1));
        }
        let q = self.unary(RICE_ESCAPE);
        if q >= RICE_ESCAPE {
            let lo = self.bits(32);
            let hi = self.bits(8);
            return lo | hi << 32;
        }
        (q << k) | self.bits(k)
    }

    /// A truncated-binary-coded value below `r` (see
    /// [`BitWriter::truncated`]); always below `r`, whatever the bits.
    #[inline]
    pub fn truncated(&mut self, r: u64) -> u64 {
        if r <= 1 {
            return 0;
        }
        let r = r.min(1 << 32);
        let k = 63 - r.leading_zeros();
        let u = (2u64 << k) - r;
        let w = self.peek();
        let x = w & ((1u64 << k) - 1);
        // Which code word length is as likely as not: a select, not a
        // branch the processor would mispredict half the time.
        let long = x >= u;
        let y = ((x << 1) | ((w >> k) & 1)).wrapping_sub(u);
        self.pos += k as u64 + long as u64;
        if long {
            y
        } else {
            x
        }
    }

    /// `n` interpolative-coded values in `[lo, hi)` (see
    /// [`BitWriter::interpolative`]), passed to `emit` in ascending order.
    /// Returns false, having emitted nothing, when `n` values cannot fit
    /// the range (corrupt bytes). Every value decoded lies in its range, so
    /// the recursion is at most log2(n) + 1 deep and emits exactly `n`.
    #[inline]
    pub fn interpolative(&mut self, n: u32, lo: u32, hi: u32, emit: &mut impl FnMut(u32)) -> bool {
        if hi < lo || n > hi - lo {
            return false;
        }
        self.interpolative_in(n, lo, hi, emit);
        true
    }

    #[inline]
    fn interpolative_in(&mut self, n: u32, lo: u32, hi: u32, emit: &mut impl FnMut(u32)) {
        // Most postings have one position in a field, or none: no recursion.
        if n <= 1 {
            if n == 1 {
                emit(lo + self.truncated((hi - lo) as u64) as u32);
            }
            return;
        }
        self.interpolative_many(n, lo, hi, emit);
    }

    fn interpolative_many(&mut self, n: u32, lo: u32, hi: u32, emit: &mut impl FnMut(u32)) {
        if hi - lo == n {
            for v in lo..hi {
                emit(v);
            }
            return;
        }
        let m = n / 2;
        let v = lo + m + self.truncated((hi - lo - n + 1) as u64) as u32;
        self.interpolative_in(m, lo, v, emit);
        emit(v);
        self.interpolative_in(n - m - 1, v + 1, hi, emit);
    }

    /// A gamma-coded value.
    #[inline]
    pub fn gamma(&mut self) -> u64 {
        let w = self.peek();
        let n = w.trailing_zeros();
        if 2 * n < 57 {
            self.pos += (2 * n + 1) as u64;
            return (1u64 << n) | ((w >> (n + 1)) & ((1u64 << n) - 1));
        }
        let n = self.unary(33).min(32) as u32;
        (1u64 << n) | self.bits(n)
    }
}


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bit_codes_round_trip() {
        let values: Vec<u64> = (0..2000u64).map(|i| (i * 7919) % 5000).chain([0, 1, 1 << 30, u32::MAX as u64]).collect();
        for k in [0, 1, 3, 7, 12, 24] {
            let mut w = BitWriter::default();
            for &v in &values {
                w.rice(v, k);
                w.gamma(v + 1);
                w.bits(v & 1, 1);
            }
            let bytes = w.finish();
            let mut r = BitReader::new(&bytes, 0);
            for &v in &values {
                assert_eq!(r.rice(k), v, "rice k={k}");
                assert_eq!(r.gamma(), v + 1, "gamma");
                assert_eq!(r.bits(1), v & 1);
            }
            assert!(!r.bad);
        }
    }

    #[test]
    fn interpolative_round_trips_and_survives_garbage() {
        let sets: Vec<(Vec<u32>, u32, u32)> = vec![
            (vec![], 5, 5),
            (vec![7], 3, 20),
            (vec![3, 4, 5, 6], 3, 7),
            (vec![0, 2, 3, 9, 10, 40, 41, 42, 99], 0, 100),
            ((10..500).step_by(7).collect(), 10, 600),
            (vec![65_000, 65_534], 2, 65_537),
        ];
        let mut w = BitWriter::default();
        for (values, lo, hi) in &sets {
            w.interpolative(values, *lo, *hi);
            w.truncated(5, 6);
        }
        let bytes = w.finish();
        let mut r = BitReader::new(&bytes, 0);
        for (values, lo, hi) in &sets {
            let mut got = Vec::new();
            assert!(r.interpolative(values.len() as u32, *lo, *hi, &mut |v| got.push(v)));
            assert_eq!(&got, values);
            assert_eq!(r.truncated(6), 5);
        }
        assert!(!r.bad);
        // Garbage decodes to the asked count of in-range values, or nothing.
        let junk: Vec<u8> = (0..64u32).map(|i| (i * 151 + 7) as u8).collect();
        for (n, lo, hi) in [(5, 0, 9), (30, 100, 131), (1000, 0, 70_000), (4, 9, 3), (8, 0, 7)] {
            let mut got = Vec::new();
            let ok = BitReader::new(&junk, 3).interpolative(n, lo, hi, &mut |v| got.push(v));
            assert_eq!(ok, hi >= lo && n <= hi - lo);
            assert_eq!(got.len(), if ok { n as usize } else { 0 });
            assert!(got.windows(2).all(|p| p[0] < p[1]) && got.iter().all(|&v| v >= lo && v < hi));
        }
    }
}
