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
//! table_checksum = fnv1a32(header[0..16] ++ section_table)
//! body_checksum  = fnv1a32(every byte after the section table)
//! ```
//!
//! Sections, by position in the table ([`Section`]):
//!
//! ```text
//! META         := string(title) string(description) string(language)
//!                 varint(n_facets) (string(name) u8(kind))*
//!                 u32(doc_count) f32(avg_title_len) f32(avg_body_len)
//! TERMS        := fst::Map  exact form → byte offset of its list in POSTINGS
//! STEMS        := fst::Map  stem → (offset << 1) | 0 when one form has it
//!                                  (offset of that form's list in POSTINGS)
//!                           stem → (offset << 1) | 1 otherwise
//!                                  (offset of its member list in STEM_MEMBERS)
//! STEM_MEMBERS := (varint(n) varint(postings offset delta){n})*
//! POSTINGS     := list*
//! list         := varint(df) varint(offset of its positions in POSITIONS)
//!                 posting{df}
//! posting      := varint(doc_delta << 2 | code) tfs     doc_delta from the
//!                 previous doc id of the list (the first from 0)
//!   code 0: tf_title 0, tf_body 1      (no tfs)
//!   code 1: tf_title 0, tfs = varint(tf_body)
//!   code 2: tfs = varint(tf_title) varint(tf_body)
//! POSITIONS    := (varint(first) varint(delta){tf-1}){df}  per list, per posting
//!                 title words are numbered from 0, body words from
//!                 title_len + 2 (so no phrase spans the two fields); a
//!                 posting's title positions are its first tf_title ones
//! DOCS         := doc{doc_count}     fixed 11-byte records, by doc ordinal
//! doc          := day:i32 (i32::MIN when undated) stored_offset:u32
//!                 body_len:u16 (saturating) title_len:u8 (saturating)
//! STORED       := record{doc_count}  record i spans [stored_offset(i), stored_offset(i+1))
//!                 each record is compressed as STORED_DICT says (see store.rs)
//! STORED_DICT  := u8(codec) bytes       codec 0: records are plain;
//!                 codec 1: zstd frames, bytes is the zstd dictionary
//! IDS          := fst::Map  document id → doc ordinal
//! FACETS       := fst::Map  field \x00 value → byte offset in FACET_DOCS
//! FACET_DOCS   := (varint(n) varint(doc_delta){n})*
//! string       := varint(byte length) utf8-bytes
//! ```
//!
//! **Checksums.** [`crate::Index::open`] checks the magic, the version, the
//! total length, the table checksum and that every section lies inside the
//! blob: constant work, so opening is instant whatever the corpus size. The
//! body checksum covers everything else; [`crate::Index::verify`] checks it
//! (the builder's tests and the CLI do), because hashing megabytes on every
//! page load would cost the user milliseconds for a blob the browser already
//! received intact.

/// The first eight bytes of every index.
pub const MAGIC: &[u8; 8] = b"ANNALSIX";
/// The format version this code writes and reads.
pub const VERSION: u32 = 1;
/// Bytes before the section table.
pub const HEADER_LEN: usize = 28;
/// Bytes of one doc record in [`Section::Docs`].
pub const DOC_RECORD_LEN: usize = 11;
/// The `day` of an undated document.
pub const UNDATED: i32 = i32::MIN;
/// Gap between a document's last title position and its first body position.
pub const FIELD_GAP: u32 = 2;

/// The sections, in table order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(usize)]
pub enum Section {
    /// Corpus metadata and collection statistics.
    Meta,
    /// Exact form → postings list.
    Terms,
    /// Stem → postings list or member list.
    Stems,
    /// Lists of postings offsets sharing a stem.
    StemMembers,
    /// Postings lists.
    Postings,
    /// Positions.
    Positions,
    /// Fixed-width document table.
    Docs,
    /// Stored document records.
    Stored,
    /// The codec of stored records and its dictionary.
    StoredDict,
    /// Document id → ordinal.
    Ids,
    /// Facet field and value → document list.
    Facets,
    /// Facet document lists.
    FacetDocs,
}

/// How many sections an index has.
pub const SECTION_COUNT: usize = 12;

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
        String::from_utf8_lossy(self.bytes(n)).into_owned()
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

/// A little-endian u16 at `pos`, 0 past the end.
#[inline]
pub fn u16_at(bytes: &[u8], pos: usize) -> u16 {
    match bytes.get(pos..pos + 2) {
        Some(b) => u16::from_le_bytes([b[0], b[1]]),
        None => 0,
    }
}
