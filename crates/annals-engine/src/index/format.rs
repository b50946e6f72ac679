//! The index's byte layout, shared by the writer and the reader: the
//! grammar of every section, its constants, the section ids and the
//! checksum. The codes the grammar names (varints, Rice, gamma, binary
//! interpolative) are read and written by [`super::bits`].
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
pub const VERSION: u32 = 5;
/// Bytes before the section table.
pub const HEADER_LEN: usize = 28;
/// Bytes of one doc record in [`Section::Docs`].
pub const DOC_RECORD_LEN: usize = 3;
/// The `day` of an undated document.
pub const UNDATED: i32 = -(1 << 23);
#[cfg(feature = "build")]
/// The latest day the document table holds (a 24-bit day reaches about
/// 22,967 years either side of 1970).
pub const MAX_DAY: i32 = (1 << 23) - 1;
/// Gap between a document's last title position and its first body position.
pub const FIELD_GAP: u32 = 2;

/// How many bits a list's `k_doc` takes.
pub const LIST_K_DOC_BITS: u32 = 5;
/// The most times one term may occur in one document: the reader reads no
/// larger frequency (a damaged one must not make it decode billions of
/// positions), so the writer refuses a document past it rather than write a
/// list the reader would read out of step.
pub const MAX_TERM_FREQUENCY: u64 = 1 << 24;
/// The most plain bytes of stored records in one index: the reader keeps
/// where each record starts as a 32-bit offset into them.
#[cfg(feature = "build")]
pub const MAX_STORED_TEXT: u64 = u32::MAX as u64;

#[cfg(feature = "build")]
/// Bits of the Rice code of `v` with parameter `k`.
pub fn rice_len(v: u64, k: u32) -> u64 {
    let q = v >> k;
    if q >= RICE_ESCAPE {
        RICE_ESCAPE + 41
    } else {
        q + 1 + k as u64
    }
}

#[cfg(feature = "build")]
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

#[cfg(feature = "build")]
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


#[cfg(feature = "build")]
use super::bits::RICE_ESCAPE;
