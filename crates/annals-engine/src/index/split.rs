//! The split layout: a small core and content-addressed pieces beside it,
//! for corpora too large to send whole. The reader needs nothing but the
//! core to open, and fetches a piece only when a request reads it.
//!
//! The single layout ([`super::format`]) derives on first use what it does
//! not store (where each list starts, the field lengths, the stem map, the
//! stop words' lists, the id map), by reading every list and every record:
//! work and bytes proportional to the corpus before the first answer. The
//! split layout stores each of them instead, cut into pieces, so a request
//! reads only the pieces its terms, documents and hits lie in.
//!
//! ```text
//! core         := magic:b"ANNALSSP" version:u32 checksum:u32
//!                 (varint(len) bytes){CORE_SECTIONS}       in CoreSection order
//!                 checksum = fnv1a32(every byte after it)
//! META         := as in the single layout (format.rs), byte for byte
//! PIECES       := u64(build) varint(piece_count)   pieces are numbered
//!                 0..piece_count; piece n is named BUILD-N (`build` in 16
//!                 lower-case hex digits, n in decimal), its file
//!                 pieces/NAME.bin; `build` mixes the hash of every piece,
//!                 so a piece's name changes whenever any piece does
//! piece file   := piece u64(check)   check = piece_check(build, n, piece)
//! PARAMS       := varint(docs_per_doc_piece) STORED_DICT (format.rs: the
//!                 codec of record pieces and how many records each holds)
//! OVERVIEW     := u32(undated) i32(first day) i32(last day)   UNDATED when
//!                 no document is dated
//! POSTINGS_MAP, POSITIONS_MAP, FACET_MAP, PERIOD_MAP
//!              := (u32(piece) u32(start))*   a stream cut into pieces: the
//!                 piece holds the stream's bytes from `start` (ascending)
//!                 to the next entry's start; nothing straddles two pieces
//! TERM_BLOCKS, STEM_BLOCKS, ID_BLOCKS
//!              := (string(first key) varint(piece) varint(first value))*
//!                 a dictionary cut into pieces by key: block b holds the
//!                 keys from its first up to the next block's first
//! RECORD_PIECES:= varint(first piece)   record piece p is piece first + p,
//!                 ceil(doc_count / records_per_piece) of them
//! DOC_PIECES   := varint(first piece)   likewise, by docs_per_doc_piece
//! STOPS        := (varint(df) varint(1 + byte in the postings stream) | 0)
//!                 one per stop word of the analyser, in its order
//! FACETS       := fst::Map  field \x00 value → byte offset in FACET_ENTRIES
//! FACET_ENTRIES:= (varint(byte in the facet stream) varint(documents)
//!                 string(label))*   label: the value as the corpus
//!                 spells it; documents: how many carry it (the whole
//!                 corpus's facet counts without a piece)
//! FREQUENT_WORDS := (string(form) varint(occurrences))*   the
//!                 FREQUENT_WORDS_KEPT forms occurring most often (stop
//!                 words, numbers and words under three letters left
//!                 out), most first: the whole corpus's frequent words
//!                 without reading a piece
//! DAY_COUNTS   := varint(piece) | nothing when no document is dated
//! ```
//!
//! Pieces (each about 16 to 64 KB; a list larger than that is a piece of
//! its own):
//!
//! ```text
//! term block   := varint(fst length) fst::Map(form → term number)
//!                 varint(postings byte) varint(positions byte)
//!                 (varint(df) varint(postings bytes) varint(positions bytes)
//!                 varint(occurrences - df))*
//!                 one entry per form of the block, in order: a term's
//!                 postings start where the one before ends (likewise its
//!                 positions); term numbers are dictionary order;
//!                 occurrences (title and body, every document) weigh the
//!                 distinctive words of a sample without its lists
//! stem block   := varint(fst length) fst::Map(stem → v) extra
//!                 v = term << 1 | 1 when one form has the stem; else
//!                 offset << 1, where extra holds varint(n) varint(term
//!                 - previous term){n} (first: from 0)
//! id block     := varint(fst length) fst::Map(id → ordinal)
//! postings     := a list's postings, each starting at a byte: the single
//!                 layout's `list` without its positions (the same code),
//!                 then from the next byte (varint(title length)
//!                 varint(body length)) per posting, of its document,
//!                 then varint(bits of the positions of postings
//!                 [(b - 1) * POSITION_SKIP, b * POSITION_SKIP)) for each
//!                 b from 1 while b * POSITION_SKIP < df (where each
//!                 block of POSITION_SKIP postings' positions starts);
//!                 a stop word's list is gamma(df) bits5(k) then per
//!                 posting rice(doc - next, k) gamma(tf_title + 1)
//!                 gamma(tf_body + 1), next = previous doc + 1, and no
//!                 lengths
//! positions    := a list's positions, each starting at a byte, as the
//!                 single layout codes them after its postings (the
//!                 postings item's skips say where each block's start)
//! record piece := a stored block (codec.rs) of records_per_piece plain
//!                 records (store.rs, title and text written out): a record
//!                 needs no postings; with codec 2 (a corpus with enough
//!                 text to train on) a zstd frame against the dictionary
//!                 piece STORED_DICT names
//! dictionary   := a zstd dictionary (zstd's own format)
//! doc piece    := a block of codec 1 (codec.rs: varint(plain length) and
//!                 a zstd frame) of (varint(zigzag(day - previous day))
//!                 varint(title length) varint(body length))
//!                 {docs_per_doc_piece}  by ordinal, the first day less 0,
//!                 UNDATED for an undated document
//! facet piece  := facet lists as FACET_DOCS codes them
//! day piece    := (varint(zigzag(day - previous day)) varint(documents))*
//!                 every day a document was written on, ascending (the
//!                 first less 0): the whole corpus's timeline
//! period piece := varint(n) (varint(doc - previous doc) varint(number)
//!                 varint(zigzag(first)) varint(last - first)){n}
//!                 every mentioned period, by document then text order
//! ```
//!
//! **Why each posting carries its document's exact lengths.** Ranking
//! needs the field lengths of every document a query's lists hold. Kept
//! only in doc pieces, a common word's documents touch all of them: at
//! Reuters x10 a first search for `oil` fetched 53 doc pieces (0.42 MB)
//! before it could answer, at x50 274. Written after each list's postings
//! (two varints, 2 to 3 bytes a posting), they come with the list: that
//! search now reads 15 pieces, 0.23 MB, and no doc piece. The cost is
//! bytes at rest (the x10 pieces grew from 115 to 152 MB) and a little
//! more for a query's lists; the lengths are exact, not a quantised norm,
//! because the same corpus must give the same answers whichever way it is
//! sent. Doc pieces still hold each document's day (date filters, date
//! order, timelines) and the lengths of documents reached by no list read
//! (stop words' lists carry none: they list nearly every document).
//!
//! **Why position skips.** The proximity bonus reads the positions of a
//! query's words in its hundred best documents. Interpolative codes have
//! no length of their own, so reaching one posting's positions meant
//! decoding every position before it in the list: for `bank rates` at
//! Reuters x10 most of the query's time. With where each block of
//! [`POSITION_SKIP`] postings' positions starts, a posting's are at most
//! that many postings' away, for 2 to 3 bytes a block.
//!
//! **The core has a fixed name** (`core.bin`): it is the one file that
//! changes when the corpus does. Every piece's name carries the build's
//! hash, so a name never stands for other bytes: pieces can be cached for
//! ever and the core revalidated.
//!
//! **Why names by number, not a hash per piece.** A table of each piece's
//! own hash is 8 bytes a piece that nothing compresses, in the core every
//! reader downloads first: 186 KB of a 261 KB core at Reuters x10 (23,220
//! pieces), 916 KB at x50. Numbered names under one build hash make the
//! core's size independent of the number of pieces; the check at each
//! piece's end still refuses bytes that are not that piece of this build
//! (a host's error page, a truncated file, a piece of another build). What
//! is lost is sharing an unchanged piece between two builds, which a
//! rebuild rarely allows anyway: lists are laid out in term order, so
//! adding documents moves nearly every piece's bytes.
//!
//! **Measured** (release CLI, `annals search DIR QUERY` on a cold store,
//! the queries of reuters21578/queries.txt, ten hits each). Reuters x10
//! (`annals index --layout split`, 33 s): core 55 KB (40 KB gzipped);
//! 26,371 pieces, 152 MB; a first query fetches 14 to 52 pieces, 0.13 to
//! 0.71 MB, in 4 to 8 rounds, answered in 3 to 22 ms natively. Where a
//! query's bytes go: the records of its ten hits (one record piece each: 8
//! KB of plain records against the records' 32 KB zstd dictionary, itself
//! fetched once), a dictionary piece per word and its stem's (about 10 KB
//! each), its lists with their documents' lengths, and the positions of
//! every plain word of a query of several (the proximity bonus reads them).
//!
//! **Fetching.** The reader never blocks. A read of an absent piece
//! records its number and answers as if the data were empty; the caller
//! asks [`Index::missing_pieces`], supplies their bytes with
//! [`Index::add_piece`] (checked against the name, so `fst` can trust a
//! dictionary piece as it trusts the core's), and runs the request again
//! until nothing is missing. A piece once set stays, so slices borrowed
//! from it stay valid. Nothing derived from pieces is cached until every
//! piece it needs is there.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};

use fst::{Automaton, IntoStreamer, Map, Streamer};

use crate::analyze::Analyzer;
use crate::error::Error;

use super::bits::{u32_at, BitReader, Reader};
use super::codec::Codec;
use super::format::{fnv1a32, UNDATED};
use super::{bad, MentionedPeriod, Overview, Posting};

/// How a site carries its index: inside the page's WebAssembly module, or
/// as a small core there and pieces beside the page fetched on demand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Layout {
    /// The whole index in the module: one download, then no request at
    /// all (and `annals.html` works from disk).
    Single,
    /// The core in the module, everything else in content-addressed
    /// pieces under `pieces/`, fetched as questions need them.
    Split,
}

impl Layout {
    /// Above this many bytes of single index a site is split unless asked
    /// otherwise: past it the download before the first answer, and the
    /// first search's unpacking of every stored text, grow past what a
    /// reader waits for (Reuters-21578, 21,578 stories, is 6 MB and about
    /// half a second to a first answer in the single layout).
    pub const SPLIT_ABOVE_BYTES: usize = 8 << 20;

    /// The layout for a single index of `single_bytes` bytes when neither
    /// the builder nor `corpus.toml` chose one.
    pub fn for_size(single_bytes: usize) -> Layout {
        if single_bytes > Layout::SPLIT_ABOVE_BYTES {
            Layout::Split
        } else {
            Layout::Single
        }
    }

    /// `single` or `split`, as `corpus.toml` and `ANNALS_LAYOUT` spell it.
    pub fn parse(name: &str) -> Option<Layout> {
        match name {
            "single" => Some(Layout::Single),
            "split" => Some(Layout::Split),
            _ => None,
        }
    }
}

/// The first eight bytes of a split core.
pub(crate) const SPLIT_MAGIC: &[u8; 8] = b"ANNALSSP";
/// The split format version this code writes and reads.
pub(crate) const SPLIT_VERSION: u32 = 7;
/// How many postings of a list share one entry of its position skips.
pub(crate) const POSITION_SKIP: usize = 64;
/// Bytes before the core's sections.
pub(crate) const SPLIT_HEADER_LEN: usize = 16;
/// The core file's name in a split directory.
pub const CORE_FILE: &str = "core.bin";

/// The core's sections, in order.
#[derive(Debug, Clone, Copy)]
#[repr(usize)]
pub(crate) enum CoreSection {
    Meta,
    Pieces,
    Params,
    Overview,
    PostingsMap,
    PositionsMap,
    FacetMap,
    PeriodMap,
    TermBlocks,
    StemBlocks,
    IdBlocks,
    RecordPieces,
    DocPieces,
    Stops,
    Facets,
    FacetEntries,
    FrequentWords,
    DayCounts,
}

/// How many sections a core has.
pub(crate) const CORE_SECTIONS: usize = 18;

/// How many of the corpus's most frequent words the core lists (enough
/// for a hundred once English function words are left out).
#[cfg(feature = "build")]
pub(crate) const FREQUENT_WORDS_KEPT: usize = 200;

/// The hash of a piece's bytes: FNV-1a over 64 bits, then the mix that
/// ends splitmix64 (FNV's low bits alone spread poorly). Dependency-free
/// and fast in WASM; it checks pieces, it is no defence against tampering.
pub fn piece_hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    mix(h)
}

/// splitmix64's finaliser.
pub(crate) fn mix(mut h: u64) -> u64 {
    h ^= h >> 30;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

/// The check that ends piece `n` of build `build`: its bytes' hash mixed
/// with both, so the same bytes under another number or build fail it.
pub(crate) fn piece_check(build: u64, n: u32, piece: &[u8]) -> u64 {
    mix(piece_hash(piece) ^ mix(build ^ n as u64))
}

/// Piece `n`'s name in build `build`.
pub fn piece_name(build: u64, n: u32) -> String {
    format!("{build:016x}-{n}")
}

/// The core's sections, read from its bytes (nothing is copied).
pub(crate) fn core_sections(core: &[u8]) -> Result<[&[u8]; CORE_SECTIONS], Error> {
    if core.len() < SPLIT_HEADER_LEN || &core[..8] != SPLIT_MAGIC {
        return Err(bad("the magic bytes of a split core are missing"));
    }
    let version = u32_at(core, 8);
    if version != SPLIT_VERSION {
        return Err(bad(&format!("split format version {version}, this reader reads version {SPLIT_VERSION}")));
    }
    if fnv1a32(&core[SPLIT_HEADER_LEN..]) != u32_at(core, 12) {
        return Err(bad("core checksum mismatch"));
    }
    let mut r = Reader::at(core, SPLIT_HEADER_LEN);
    let mut sections: [&[u8]; CORE_SECTIONS] = [&[]; CORE_SECTIONS];
    for s in sections.iter_mut() {
        let len = r.varint() as usize;
        *s = r.bytes(len);
    }
    if r.bad {
        return Err(bad("truncated core"));
    }
    Ok(sections)
}

/// One block of a dictionary cut into pieces.
#[derive(Debug, Clone, Copy)]
struct Block<'a> {
    first: &'a [u8],
    piece: u32,
    first_value: u64,
}

fn read_blocks(section: &[u8]) -> Vec<Block<'_>> {
    let mut r = Reader::new(section);
    let mut blocks = Vec::new();
    while r.pos() < section.len() {
        let len = r.varint() as usize;
        let first = r.bytes(len);
        let piece = r.varint().min(u32::MAX as u64) as u32;
        let first_value = r.varint();
        if r.bad {
            break;
        }
        blocks.push(Block { first, piece, first_value });
    }
    blocks
}

/// The reader's side of a split index: the core's tables and the pieces
/// supplied so far.
pub(crate) struct Split<'a> {
    sections: [&'a [u8]; CORE_SECTIONS],
    /// The build's hash, in every piece's name and check.
    build: u64,
    pieces: Vec<OnceLock<Box<[u8]>>>,
    /// Pieces read while absent, by number.
    missing: Mutex<BTreeSet<u32>>,
    /// How many reads found their piece absent (a result built across a
    /// read that did is not kept).
    misses: AtomicU64,
    terms: Vec<Block<'a>>,
    stems: Vec<Block<'a>>,
    ids: Vec<Block<'a>>,
    docs_per_doc_piece: u32,
    records: Codec,
    overview: Overview,
    /// Records of each record piece, unpacked on first read.
    plain_records: Vec<OnceLock<Vec<Vec<u8>>>>,
    /// (day, title length, body length) of each doc piece's documents.
    doc_tables: Vec<OnceLock<Vec<(i32, u32, u32)>>>,
    /// Field lengths read from postings, by doc piece: a query's lists
    /// give the lengths of every document they hold, so ranking needs no
    /// doc piece (see [`KNOWN`]).
    known_lengths: Vec<OnceLock<Box<[AtomicU64]>>>,
}

/// Marks a slot of `known_lengths` as holding `title << 32 | body`.
const KNOWN: u64 = 1 << 63;

/// A facet value's FACET_ENTRIES entry.
pub(crate) struct FacetEntry {
    /// Its list's first byte in the facet stream.
    pub list: u64,
    /// How many documents carry the value.
    pub documents: usize,
    /// The value as the corpus spells it.
    pub label: String,
}

/// A term's entry in its dictionary block.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct TermEntry {
    pub df: u32,
    /// Byte of its postings in the postings stream.
    pub postings: u64,
    /// Byte of its positions in the positions stream.
    pub positions: u64,
    /// How often it occurs in all (title and body of every document).
    pub occurrences: u64,
}

impl<'a> Split<'a> {
    pub(crate) fn new(sections: [&'a [u8]; CORE_SECTIONS], doc_count: u32) -> Split<'a> {
        let table = sections[CoreSection::Pieces as usize];
        let build = table.get(..8).map_or(0, |b| u64::from_le_bytes(b.try_into().unwrap_or([0; 8])));
        let piece_count = Reader::at(table, 8).varint().min(u32::MAX as u64) as usize;
        let mut params = Reader::new(sections[CoreSection::Params as usize]);
        let docs_per_doc_piece = params.varint().clamp(1, u32::MAX as u64) as u32;
        let records = Codec::new(params.bytes(usize::MAX));
        let record_pieces = doc_count.div_ceil(records.docs_per_block()) as usize;
        let doc_pieces = doc_count.div_ceil(docs_per_doc_piece) as usize;
        let o = sections[CoreSection::Overview as usize];
        let day = |d: i32| (d != UNDATED).then_some(d);
        let overview = Overview {
            documents: doc_count as usize,
            undated: u32_at(o, 0) as usize,
            first_day: day(u32_at(o, 4) as i32),
            last_day: day(u32_at(o, 8) as i32),
        };
        Split {
            terms: read_blocks(sections[CoreSection::TermBlocks as usize]),
            stems: read_blocks(sections[CoreSection::StemBlocks as usize]),
            ids: read_blocks(sections[CoreSection::IdBlocks as usize]),
            sections,
            build,
            pieces: (0..piece_count).map(|_| OnceLock::new()).collect(),
            missing: Mutex::new(BTreeSet::new()),
            misses: AtomicU64::new(0),
            docs_per_doc_piece,
            records,
            overview,
            plain_records: (0..record_pieces).map(|_| OnceLock::new()).collect(),
            doc_tables: (0..doc_pieces).map(|_| OnceLock::new()).collect(),
            known_lengths: (0..doc_pieces).map(|_| OnceLock::new()).collect(),
        }
    }

    pub(crate) fn overview(&self) -> Overview {
        self.overview.clone()
    }

    pub(crate) fn section_sizes(&self) -> Vec<(&'static str, usize)> {
        const NAMES: [&str; CORE_SECTIONS] = [
            "meta",
            "pieces",
            "params",
            "overview",
            "postings_map",
            "positions_map",
            "facet_map",
            "period_map",
            "term_blocks",
            "stem_blocks",
            "id_blocks",
            "record_pieces",
            "doc_pieces",
            "stops",
            "facets",
            "facet_entries",
            "frequent_words",
            "day_counts",
        ];
        NAMES.iter().zip(self.sections.iter()).map(|(n, s)| (*n, s.len())).collect()
    }

    /// The bytes of a piece, or `None` (and the piece noted as missing).
    fn piece(&self, n: u32) -> Option<&[u8]> {
        let slot = self.pieces.get(n as usize)?;
        match slot.get() {
            Some(bytes) => Some(bytes),
            None => {
                self.misses.fetch_add(1, Ordering::Relaxed);
                if let Ok(mut missing) = self.missing.lock() {
                    missing.insert(n);
                }
                None
            }
        }
    }

    /// The names of the pieces read while absent and still absent.
    pub(crate) fn missing_pieces(&self) -> Vec<String> {
        let Ok(missing) = self.missing.lock() else {
            return Vec::new();
        };
        missing.iter().map(|&n| piece_name(self.build, n)).collect()
    }

    /// How many reads have found their piece absent so far.
    pub(crate) fn misses(&self) -> u64 {
        self.misses.load(Ordering::Relaxed)
    }

    /// Whether some read since the last piece was added found its piece absent.
    pub(crate) fn incomplete(&self) -> bool {
        self.missing.lock().map_or(false, |m| !m.is_empty())
    }

    /// Supplies the file of the piece named `name`: false when no piece
    /// has that name or the bytes are not the named piece's.
    pub(crate) fn add_piece(&self, name: &str, file: &[u8]) -> bool {
        let Some((build, n)) = name.split_once('-') else {
            return false;
        };
        let (Ok(build), Ok(n)) = (u64::from_str_radix(build, 16), n.parse::<u32>()) else {
            return false;
        };
        if build != self.build || n as usize >= self.pieces.len() || file.len() < 8 {
            return false;
        }
        let (piece, check) = file.split_at(file.len() - 8);
        if u64::from_le_bytes(check.try_into().unwrap_or([0; 8])) != piece_check(build, n, piece) {
            return false;
        }
        let _ = self.pieces[n as usize].set(piece.into());
        if let Ok(mut missing) = self.missing.lock() {
            missing.remove(&n);
        }
        true
    }

    /// The piece holding byte `at` of a stream and where `at` lies in it.
    fn stream_at(&self, map: CoreSection, at: u64) -> Option<(&[u8], u64)> {
        let table = self.sections[map as usize];
        let n = table.len() / 8;
        let start_of = |i: usize| u32_at(table, i * 8 + 4) as u64;
        let i = partition(n, |i| start_of(i) <= at).checked_sub(1)?;
        let piece = self.piece(u32_at(table, i * 8))?;
        Some((piece, at - start_of(i)))
    }

    /// The fst and the bytes after it of dictionary block `b`.
    fn block(&self, blocks: &[Block<'a>], b: usize) -> Option<(Map<&[u8]>, &[u8])> {
        let bytes = self.piece(blocks.get(b)?.piece)?;
        let mut r = Reader::new(bytes);
        let len = r.varint() as usize;
        let fst = r.bytes(len);
        if r.bad {
            return None;
        }
        Some((Map::new(fst).ok()?, &bytes[r.pos()..]))
    }

    /// The block that would hold `key`.
    fn block_of(blocks: &[Block<'a>], key: &[u8]) -> Option<usize> {
        partition(blocks.len(), |i| blocks[i].first <= key).checked_sub(1)
    }

    fn lookup(&self, blocks: &[Block<'a>], key: &[u8]) -> Option<(u64, &[u8])> {
        let (map, extra) = self.block(blocks, Self::block_of(blocks, key)?)?;
        map.get(key).map(|v| (v, extra))
    }

    /// Calls `each(key, value)` for the keys `automaton` accepts, block by
    /// block in key order, until it returns false. A block is fetched only
    /// when the automaton can accept some key in its range (the keys of a
    /// block share the prefix its first key shares with the next block's).
    fn walk<A: Automaton>(&self, blocks: &[Block<'a>], automaton: &A, mut each: impl FnMut(&[u8], u64) -> bool) {
        for b in 0..blocks.len() {
            let next = blocks.get(b + 1).map_or(&[][..], |n| n.first);
            let common = if next.is_empty() { 0 } else { blocks[b].first.iter().zip(next).take_while(|(x, y)| x == y).count() };
            let mut state = automaton.start();
            let mut live = automaton.can_match(&state);
            for &byte in &blocks[b].first[..common] {
                if !live {
                    break;
                }
                state = automaton.accept(&state, byte);
                live = automaton.can_match(&state);
            }
            if !live {
                continue;
            }
            let Some((map, _)) = self.block(blocks, b) else {
                continue;
            };
            let mut stream = map.search(automaton).into_stream();
            while let Some((key, value)) = stream.next() {
                if !each(key, value) {
                    return;
                }
            }
        }
    }

    /// The term number of a dictionary form.
    pub(crate) fn term_number(&self, form: &[u8]) -> Option<u64> {
        self.lookup(&self.terms, form).map(|(v, _)| v)
    }

    /// Every dictionary form `automaton` accepts, with its term number, in
    /// order, while `each` returns true.
    pub(crate) fn walk_terms<A: Automaton>(&self, automaton: &A, each: impl FnMut(&[u8], u64) -> bool) {
        self.walk(&self.terms, automaton, each);
    }

    /// The term numbers of the forms with this stem, ascending.
    pub(crate) fn stem_terms(&self, stem: &str) -> Vec<u64> {
        let Some((v, extra)) = self.lookup(&self.stems, stem.as_bytes()) else {
            return Vec::new();
        };
        if v & 1 == 1 {
            return vec![v >> 1];
        }
        let mut r = Reader::at(extra, (v >> 1) as usize);
        let n = r.varint().min(extra.len() as u64);
        let mut term = 0u64;
        let mut out = Vec::with_capacity(n as usize);
        for _ in 0..n {
            term = term.saturating_add(r.varint());
            if r.bad {
                break;
            }
            out.push(term);
        }
        out
    }

    /// The ordinal of a document id.
    pub(crate) fn ordinal(&self, id: &str) -> Option<u32> {
        self.lookup(&self.ids, id.as_bytes()).map(|(v, _)| v.min(u32::MAX as u64) as u32)
    }

    /// A term's entry: its df and where its postings and positions are.
    pub(crate) fn term_entry(&self, term: u64) -> Option<TermEntry> {
        let blocks = &self.terms;
        let b = partition(blocks.len(), |i| blocks[i].first_value <= term).checked_sub(1)?;
        let (_, extra) = self.block(blocks, b)?;
        let mut r = Reader::new(extra);
        let mut entry = TermEntry { df: 0, postings: r.varint(), positions: r.varint(), occurrences: 0 };
        for _ in blocks[b].first_value..term {
            r.varint();
            entry.postings += r.varint();
            entry.positions += r.varint();
            r.varint();
        }
        let df = r.varint();
        // Its own postings and positions lengths, not needed here.
        r.varint();
        r.varint();
        entry.df = df.min(u32::MAX as u64) as u32;
        entry.occurrences = df.saturating_add(r.varint());
        (!r.bad).then_some(entry)
    }

    /// The bits of the postings stream from byte `at`.
    fn postings_bits(&self, at: u64) -> Option<BitReader<'_>> {
        let (piece, local) = self.stream_at(CoreSection::PostingsMap, at)?;
        Some(BitReader::new(piece, local * 8))
    }

    /// A term's postings, from their first byte, into `out`; then the
    /// field lengths written after them are noted for [`Split::lengths`],
    /// and with `skips` where each block of [`POSITION_SKIP`] postings'
    /// positions starts (bits from the list's first) goes there. False
    /// when the list cannot be read.
    pub(crate) fn term_postings(&self, at: u64, doc_count: u32, out: &mut Vec<Posting>, skips: Option<&mut Vec<u64>>) -> bool {
        let Some(bits) = self.postings_bits(at) else { return false };
        let piece = bits.bytes();
        let start = out.len();
        let Some(bits) = super::postings::decode_list(bits, doc_count, out) else { return false };
        let mut r = Reader::at(piece, bits.pos.div_ceil(8) as usize);
        for p in &out[start..] {
            let (title, body) = (r.varint(), r.varint());
            if r.bad || title >= 1 << 31 || body > u32::MAX as u64 {
                return false;
            }
            self.note_lengths(p.doc, title << 32 | body);
        }
        if let Some(skips) = skips {
            skips.clear();
            let mut bit = 0u64;
            skips.push(bit);
            for _ in 1..(out.len() - start).div_ceil(POSITION_SKIP) {
                bit = bit.saturating_add(r.varint());
                skips.push(bit);
            }
            if r.bad {
                return false;
            }
        }
        true
    }

    fn note_lengths(&self, doc: u32, packed: u64) {
        let (piece, at) = self.doc_place(doc);
        let Some(slot) = self.known_lengths.get(piece) else { return };
        let table = slot.get_or_init(|| (0..self.docs_per_doc_piece).map(|_| AtomicU64::new(0)).collect());
        if let Some(known) = table.get(at) {
            known.store(KNOWN | packed, Ordering::Relaxed);
        }
    }

    /// Which doc piece holds a document, and where in it. The writer makes
    /// pieces of a power of two documents: a shift and a mask then, not the
    /// two divisions per posting that showed in profiles of long lists.
    #[inline]
    fn doc_place(&self, doc: u32) -> (usize, usize) {
        let per_piece = self.docs_per_doc_piece;
        if per_piece.is_power_of_two() {
            let shift = per_piece.trailing_zeros();
            ((doc >> shift) as usize, (doc & (per_piece - 1)) as usize)
        } else {
            ((doc / per_piece) as usize, (doc % per_piece) as usize)
        }
    }

    /// (title length, body length) of a document: from the postings read
    /// so far, else from its doc piece.
    #[inline]
    pub(crate) fn lengths(&self, doc: u32) -> Option<(u32, u32)> {
        let (piece, at) = self.doc_place(doc);
        let slot = self.known_lengths.get(piece)?;
        if let Some(known) = slot.get().and_then(|table| table.get(at)) {
            let packed = known.load(Ordering::Relaxed);
            if packed & KNOWN != 0 {
                return Some(((packed >> 32) as u32 & 0x7fff_ffff, packed as u32));
            }
        }
        self.doc_row(doc).map(|r| (r.1, r.2))
    }

    /// The bits of the positions stream at bit `at` (the reader stands at
    /// `at`, in the piece that holds it).
    pub(crate) fn positions_bits(&self, at: u64) -> Option<BitReader<'_>> {
        let (piece, local) = self.stream_at(CoreSection::PositionsMap, at / 8)?;
        let piece_start = (at / 8 - local) * 8;
        Some(BitReader::new(piece, at - piece_start))
    }

    /// A stop word's df and postings byte (by its number).
    fn stop_entry(&self, k: usize) -> (u32, Option<u64>) {
        let mut r = Reader::new(self.sections[CoreSection::Stops as usize]);
        for _ in 0..k {
            if r.varint() != 0 {
                r.varint();
            }
        }
        let df = r.varint();
        let at = if df == 0 { None } else { r.varint().checked_sub(1) };
        if r.bad {
            return (0, None);
        }
        (df.min(u32::MAX as u64) as u32, at)
    }

    pub(crate) fn stop_df(&self, k: usize) -> u32 {
        self.stop_entry(k).0
    }

    /// A stop word's postings (no positions), appended to `out`.
    pub(crate) fn stop_postings(&self, k: usize, doc_count: u32, out: &mut Vec<Posting>) {
        let (df, Some(at)) = self.stop_entry(k) else {
            return;
        };
        let Some(mut bits) = self.postings_bits(at) else {
            return;
        };
        let n = bits.gamma().min(df as u64).min(doc_count as u64);
        let k = (bits.bits(5) as u32).min(24);
        let mut doc = 0u64;
        for _ in 0..n {
            doc += bits.rice(k);
            let tf_title = bits.gamma().saturating_sub(1).min(u32::MAX as u64) as u32;
            let tf_body = bits.gamma().saturating_sub(1).min(u32::MAX as u64) as u32;
            if bits.bad || doc >= doc_count as u64 {
                break;
            }
            out.push(Posting { doc: doc as u32, tf_title, tf_body });
            doc += 1;
        }
    }

    /// (day, title length, body length) of a document.
    pub(crate) fn doc_row(&self, ordinal: u32) -> Option<(i32, u32, u32)> {
        let (p, at) = self.doc_place(ordinal);
        let slot = self.doc_tables.get(p)?;
        let table = match slot.get() {
            Some(table) => table,
            None => {
                let piece = self.piece(first_piece(self.sections[CoreSection::DocPieces as usize])?.checked_add(p as u32)?)?;
                slot.get_or_init(|| {
                    let plain = Codec::zstd_blocks().decode(piece).unwrap_or_default();
                    let mut r = Reader::new(&plain);
                    let mut rows = Vec::with_capacity(self.docs_per_doc_piece as usize);
                    let mut day = 0i32;
                    while r.pos() < plain.len() && rows.len() < self.docs_per_doc_piece as usize {
                        day = day.wrapping_add(unzigzag(r.varint()));
                        let title = r.varint().min(u32::MAX as u64) as u32;
                        let body = r.varint().min(u32::MAX as u64) as u32;
                        if r.bad {
                            break;
                        }
                        rows.push((day, title, body));
                    }
                    rows
                })
            }
        };
        table.get(at).copied()
    }

    /// The corpus's most frequent words with their occurrences, most
    /// first (FREQUENT_WORDS).
    pub(crate) fn frequent_words(&self) -> Vec<(String, u64)> {
        let section = self.sections[CoreSection::FrequentWords as usize];
        let mut r = Reader::new(section);
        let mut out = Vec::new();
        while r.pos() < section.len() {
            let (form, occurrences) = (r.string(), r.varint());
            if r.bad {
                break;
            }
            out.push((form, occurrences));
        }
        out
    }

    /// How many documents' records each record piece holds.
    pub(crate) fn records_per_piece(&self) -> u32 {
        self.records.docs_per_block()
    }

    /// A document's plain record (store.rs layout).
    pub(crate) fn record(&self, ordinal: u32) -> Option<&[u8]> {
        let n = self.records.docs_per_block();
        let p = (ordinal / n) as usize;
        let slot = self.plain_records.get(p)?;
        let records = match slot.get() {
            Some(records) => records,
            None => {
                let piece = self.piece(first_piece(self.sections[CoreSection::RecordPieces as usize])?.checked_add(p as u32)?);
                // Both asked for before either is missed, so that they
                // arrive in one round.
                let dictionary = match self.records.dictionary() {
                    Some(n) => Some(self.piece(u32::try_from(n).ok()?)?),
                    None => None,
                };
                let plain = self.records.decode_with(piece?, dictionary).unwrap_or_default();
                let doc_count = self.overview.documents as u32;
                let count = doc_count.saturating_sub(p as u32 * n).min(n) as usize;
                slot.get_or_init(|| Codec::records(&plain, count).unwrap_or_default())
            }
        };
        records.get((ordinal % n) as usize).map(Vec::as_slice)
    }

    /// The facet list at byte `at` of the facet stream: the piece and
    /// where the list starts in it.
    pub(crate) fn facet_list_bytes(&self, at: u64) -> Option<(&[u8], usize)> {
        self.stream_at(CoreSection::FacetMap, at).map(|(piece, local)| (piece, local as usize))
    }

    /// A FACET_ENTRIES entry: the list's byte in the facet stream and the label.
    pub(crate) fn facet_entry(&self, at: u64) -> FacetEntry {
        let mut r = Reader::at(self.sections[CoreSection::FacetEntries as usize], at as usize);
        let list = r.varint();
        let documents = r.varint().min(u32::MAX as u64) as usize;
        FacetEntry { list, documents, label: r.string() }
    }

    /// How many documents were written on each day, ascending by day,
    /// when the day piece is here (none when no document is dated).
    pub(crate) fn day_counts(&self) -> Option<Vec<(i32, usize)>> {
        let section = self.sections[CoreSection::DayCounts as usize];
        if section.is_empty() {
            return Some(Vec::new());
        }
        let piece = self.piece(u32::try_from(Reader::new(section).varint()).ok()?)?;
        let mut r = Reader::new(piece);
        let (mut out, mut day) = (Vec::new(), 0i32);
        while r.pos() < piece.len() {
            day = day.wrapping_add(unzigzag(r.varint()));
            let documents = r.varint().min(u32::MAX as u64) as usize;
            if r.bad {
                break;
            }
            out.push((day, documents));
        }
        Some(out)
    }

    /// Every mentioned period, when every period piece is here.
    pub(crate) fn mentioned_periods(&self) -> Option<Vec<MentionedPeriod>> {
        let table = self.sections[CoreSection::PeriodMap as usize];
        let mut out = Vec::new();
        let mut complete = true;
        for i in 0..table.len() / 8 {
            let Some(piece) = self.piece(u32_at(table, i * 8)) else {
                complete = false;
                continue;
            };
            let mut r = Reader::new(piece);
            let n = r.varint().min(piece.len() as u64);
            let mut doc = 0u32;
            for _ in 0..n {
                doc = doc.saturating_add(r.varint().min(u32::MAX as u64) as u32);
                let number = r.varint().min(u32::MAX as u64) as u32;
                let first = unzigzag(r.varint());
                let last = first.saturating_add(r.varint().min(i32::MAX as u64) as i32);
                if r.bad {
                    break;
                }
                out.push(MentionedPeriod { doc, first, last, number });
            }
        }
        complete.then_some(out)
    }

    /// Checks the core again (pieces are checked as they are added).
    pub(crate) fn verify(core: &[u8]) -> Result<(), Error> {
        core_sections(core).map(|_| ())
    }
}

/// The stop words' term numbers after those of a stem's forms: their
/// handles, for the stop words whose stem is `stem`.
pub(crate) fn stop_handles_of<'s>(analyzer: &Analyzer, stem: &'s str) -> impl Iterator<Item = usize> + 's {
    analyzer.stopword_stems().iter().enumerate().filter(move |(_, s)| *s == stem).map(|(k, _)| k)
}

/// The number of `0..n` for which `pred` holds, `pred` true then false.
fn partition(n: usize, pred: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if pred(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// The first piece of a run of consecutive pieces (RECORD_PIECES, DOC_PIECES).
fn first_piece(section: &[u8]) -> Option<u32> {
    let mut r = Reader::new(section);
    let v = r.varint();
    (!r.bad).then_some(v.min(u32::MAX as u64) as u32)
}

/// `v` with its sign in the lowest bit, so small values of either sign
/// make short varints.
#[cfg(feature = "build")]
pub(crate) fn zigzag(v: i32) -> u64 {
    ((v << 1) ^ (v >> 31)) as u32 as u64
}

fn unzigzag(v: u64) -> i32 {
    let v = v as u32;
    ((v >> 1) as i32) ^ -((v & 1) as i32)
}
