//! Writes the split layout ([`super::split`], feature `build`) from a
//! single-layout index: the single index is written first and read back,
//! so both layouts hold the same terms, lists, lengths, records and facets
//! by construction, and the single writer stays the one place that
//! analyses documents. What the single layout derives (list starts, field
//! lengths, the stem map, the stop words' lists, the id map, the
//! mentioned periods) is derived here once and stored.

use std::collections::BTreeMap;

use crate::error::{Error, ErrorKind};

use super::bits::{put_str, put_varint, BitReader, BitWriter};
use super::format::{best_rice_parameter, fnv1a32, Section, UNDATED};
use super::split::{
    mix, piece_check, piece_hash, piece_name, zigzag, CoreSection, CORE_SECTIONS, FREQUENT_WORDS_KEPT, SPLIT_HEADER_LEN, SPLIT_MAGIC, SPLIT_VERSION,
};
use super::{codec, BuildPhase, Index, IndexBuilder};

/// About how many bytes a piece of a stream (postings, positions, facet
/// lists) holds; a larger item is a piece of its own. A small list costs
/// its whole piece, and each piece costs the core 8 bytes: at Reuters x10
/// the 15 queries of queries.txt, each on a cold store, fetched 7.10 MB
/// with 32 KB stream and 24 KB dictionary pieces, 5.33 MB with 16 and 12
/// KB (core 27 -> 40 KB gzipped), 4.58 MB with 8 and 8 KB (core 58 KB).
const STREAM_PIECE: usize = 16 << 10;
/// About how many bytes of keys a dictionary piece holds (before `fst`
/// shares their prefixes).
const DICTIONARY_PIECE: usize = 12 << 10;
/// About how many plain bytes of records a record piece holds. A page of
/// hits reads one piece per hit, wherever the hits lie, so pieces are
/// small; their shared zstd dictionary ([`DICTIONARY_BYTES`], one piece
/// fetched once) lets each compress nearly as well as a large block.
const RECORD_PIECE: usize = 8 << 10;
/// The size of the record pieces' zstd dictionary. A fresh page's first
/// query fetches it whole, every query fetches record pieces: on
/// Reuters-21578 the 15 queries of queries.txt, each first on a fresh
/// page, fetched 6.45 MB with 64 KB, 5.99 MB with 32 KB and 5.77 MB with
/// 16 KB, while all record pieces grew by 2.8 % and 5.7 % (about 1.6 and
/// 3.3 KB more for each later query's ten hits).
const DICTIONARY_BYTES: usize = 32 << 10;
/// Documents per doc piece (day and field lengths: about 5 bytes each).
const DOCS_PER_DOC_PIECE: u32 = 4096;
/// Mentioned periods per period piece.
const PERIODS_PER_PIECE: usize = 4096;

/// A split index: its core and its pieces, named by the build and their
/// number (see [`super::split`]): write the core as [`super::CORE_FILE`] and each piece
/// as `pieces/NAME.bin`.
#[derive(Debug)]
pub struct SplitIndex {
    /// The core.
    pub core: Vec<u8>,
    /// The pieces' names and files, by number.
    pub pieces: Vec<(String, Vec<u8>)>,
}

impl IndexBuilder {
    /// Writes the index in the split layout.
    pub fn finish_split(self) -> Result<SplitIndex, Error> {
        self.finish_split_with_progress(|_| {})
    }

    /// [`IndexBuilder::finish_split`], saying which phase it is in as it
    /// enters each. The single index it starts from keeps its stored text
    /// plain: the split layout compresses the records again in small
    /// pieces against a dictionary, so compressing them first in large
    /// blocks would be wasted (on Reuters x10 it was 25 s of a 59 s build).
    pub fn finish_split_with_progress(self, mut progress: impl FnMut(BuildPhase)) -> Result<SplitIndex, Error> {
        let compress = self.compresses_text();
        let single = self.compress_text(false).finish_with_progress(&mut progress)?;
        progress(BuildPhase::Splitting);
        SplitIndex::from_single_compressing(&single, compress)
    }
}

fn format_error(message: impl Into<String>) -> Error {
    Error::new(ErrorKind::Format, message)
}

/// The pieces written so far, by number.
#[derive(Default)]
struct Pieces {
    written: Vec<Vec<u8>>,
}

impl Pieces {
    fn add(&mut self, bytes: Vec<u8>) -> u32 {
        self.written.push(bytes);
        self.written.len() as u32 - 1
    }

    /// The number the next piece added will have.
    fn next_number(&self) -> u32 {
        self.written.len() as u32
    }

    /// The PIECES section and every piece's name and file (the piece and
    /// its check): the build's hash mixes every piece's, in order.
    fn finish(self) -> (Vec<u8>, Vec<(String, Vec<u8>)>) {
        let build = self.written.iter().fold(mix(self.written.len() as u64), |build, piece| mix(build ^ piece_hash(piece)));
        let mut section = build.to_le_bytes().to_vec();
        put_varint(&mut section, self.written.len() as u64);
        let files = self
            .written
            .into_iter()
            .enumerate()
            .map(|(n, mut piece)| {
                let check = piece_check(build, n as u32, &piece);
                piece.extend_from_slice(&check.to_le_bytes());
                (piece_name(build, n as u32), piece)
            })
            .collect();
        (section, files)
    }
}

/// A stream cut into pieces between its items.
#[derive(Default)]
struct Stream {
    current: Vec<u8>,
    start: u64,
    total: u64,
    /// (u32 piece, u32 start)*.
    map: Vec<u8>,
}

impl Stream {
    /// Appends an item; returns its byte in the stream.
    fn push(&mut self, item: &[u8], pieces: &mut Pieces) -> u64 {
        if !self.current.is_empty() && self.current.len() + item.len() > STREAM_PIECE {
            self.flush(pieces);
        }
        let at = self.total;
        self.current.extend_from_slice(item);
        self.total += item.len() as u64;
        at
    }

    fn flush(&mut self, pieces: &mut Pieces) {
        if self.current.is_empty() {
            return;
        }
        let n = pieces.add(std::mem::take(&mut self.current));
        self.map.extend_from_slice(&n.to_le_bytes());
        self.map.extend_from_slice(&(self.start as u32).to_le_bytes());
        self.start = self.total;
    }

    fn finish(mut self, pieces: &mut Pieces, what: &str) -> Result<Vec<u8>, Error> {
        self.flush(pieces);
        if self.total >= (u32::MAX / 8) as u64 {
            return Err(format_error(format!("the {what} exceed 512 MiB")));
        }
        Ok(self.map)
    }
}

/// The bits `[from, to)` of `bytes`, from a byte's first bit, padded.
fn copy_bits(bytes: &[u8], from: u64, to: u64) -> Vec<u8> {
    let mut r = BitReader::new(bytes, from);
    let mut w = BitWriter::default();
    let mut left = to.saturating_sub(from);
    while left > 0 {
        let n = left.min(32) as u32;
        w.bits(r.bits(n), n);
        left -= n as u64;
    }
    w.finish()
}

/// Cuts sorted keys into dictionary pieces of about [`DICTIONARY_PIECE`]
/// bytes: `encode` gives a block's values and the bytes after its `fst`.
/// Returns the directory (TERM_BLOCKS and its kind).
fn write_blocks<T>(
    keys: &[(Vec<u8>, T)],
    pieces: &mut Pieces,
    mut encode: impl FnMut(&[(Vec<u8>, T)]) -> (Vec<u64>, Vec<u8>),
) -> Result<Vec<u8>, Error> {
    let mut directory = Vec::new();
    let mut start = 0;
    while start < keys.len() {
        let mut end = start;
        let mut size = 0;
        while end < keys.len() && (end == start || size + keys[end].0.len() + 4 <= DICTIONARY_PIECE) {
            size += keys[end].0.len() + 4;
            end += 1;
        }
        let block = &keys[start..end];
        let (values, extra) = encode(block);
        let mut map = fst::MapBuilder::memory();
        for ((key, _), value) in block.iter().zip(&values) {
            map.insert(key, *value).map_err(|e| format_error(e.to_string()))?;
        }
        let map = map.into_inner().map_err(|e| format_error(e.to_string()))?;
        let mut piece = Vec::with_capacity(map.len() + extra.len() + 4);
        put_varint(&mut piece, map.len() as u64);
        piece.extend_from_slice(&map);
        piece.extend_from_slice(&extra);
        let n = pieces.add(piece);
        put_varint(&mut directory, block[0].0.len() as u64);
        directory.extend_from_slice(&block[0].0);
        put_varint(&mut directory, n as u64);
        put_varint(&mut directory, values[0]);
        start = end;
    }
    Ok(directory)
}

/// A term's facts while writing: df, occurrences, and its items' lengths
/// and starts.
struct TermItems {
    df: u64,
    occurrences: u64,
    postings: (u64, u64),
    positions: (u64, u64),
}

impl SplitIndex {
    /// The split layout of the single-layout index `single`, its records
    /// compressed if the single index's are.
    pub fn from_single(single: &[u8]) -> Result<SplitIndex, Error> {
        let compressed = Index::open(single)?.sections[Section::StoredDict as usize].first() == Some(&1);
        SplitIndex::from_single_compressing(single, compressed)
    }

    /// The split layout of `single`, its record pieces compressed against
    /// a dictionary if `compress`.
    fn from_single_compressing(single: &[u8], compress: bool) -> Result<SplitIndex, Error> {
        let index = Index::open(single)?;
        index.verify()?;
        let doc_count = index.doc_count();
        // Owned, not the index's cached view, so it can go once the
        // records are written out.
        let forward = super::forward::Forward::build(&index);
        let mut pieces = Pieces::default();
        let mut sections: Vec<Vec<u8>> = vec![Vec::new(); CORE_SECTIONS];
        sections[CoreSection::Meta as usize] = index.sections[Section::Meta as usize].to_vec();

        // Postings and positions, term by term in dictionary order.
        let lengths: Vec<(u32, u32)> = (0..doc_count).map(|d| index.lengths(d)).collect();
        let section = index.sections[Section::Postings as usize];
        let (mut postings, mut positions) = (Stream::default(), Stream::default());
        let mut terms: Vec<(Vec<u8>, TermItems)> = Vec::with_capacity(forward.term_count());
        let mut scratch = Vec::new();
        for term in 0..forward.term_count() as u32 {
            let (Some(form), Some(start)) = (forward.word(term), forward.list(term)) else {
                return Err(format_error("a postings list of the index cannot be read"));
            };
            scratch.clear();
            let Some(layout) = index.list_layout(start, &lengths, &mut scratch) else {
                return Err(format_error("a postings list of the index cannot be read"));
            };
            let df = scratch.len() as u64;
            let occurrences = scratch.iter().map(|p| p.tf_title as u64 + p.tf_body as u64).sum();
            let mut p = copy_bits(section, start, layout.positions);
            // Each posting's document's field lengths, from the next byte:
            // ranking needs them, and they come with the list instead of
            // from the doc pieces of every document it holds.
            for posting in &scratch {
                let (title, body) = lengths[posting.doc as usize];
                put_varint(&mut p, title as u64);
                put_varint(&mut p, body as u64);
            }
            // Where each block of POSITION_SKIP postings' positions starts.
            for pair in layout.block_starts.windows(2) {
                put_varint(&mut p, pair[1] - pair[0]);
            }
            let q = copy_bits(section, layout.positions, layout.end);
            let items = TermItems {
                df,
                occurrences,
                postings: (postings.push(&p, &mut pieces), p.len() as u64),
                positions: (positions.push(&q, &mut pieces), q.len() as u64),
            };
            terms.push((form.as_bytes().to_vec(), items));
        }

        // The stop words' lists, in the postings stream, without positions.
        let mut stops = Vec::new();
        for word in index.analyzer().stopwords() {
            let mut list = Vec::new();
            if let Some(handle) = index.exact_list(word) {
                index.postings(handle, &mut list);
            }
            if list.is_empty() {
                put_varint(&mut stops, 0);
                continue;
            }
            let mut next = 0u32;
            let gaps: Vec<u64> = list
                .iter()
                .map(|p| {
                    let gap = (p.doc - next) as u64;
                    next = p.doc + 1;
                    gap
                })
                .collect();
            let k = best_rice_parameter(&gaps);
            let mut bits = BitWriter::default();
            bits.gamma(list.len() as u64);
            bits.bits(k as u64, 5);
            for (p, gap) in list.iter().zip(gaps) {
                bits.rice(gap, k);
                bits.gamma(p.tf_title as u64 + 1);
                bits.gamma(p.tf_body as u64 + 1);
            }
            let at = postings.push(&bits.finish(), &mut pieces);
            put_varint(&mut stops, list.len() as u64);
            put_varint(&mut stops, at + 1);
        }
        sections[CoreSection::Stops as usize] = stops;
        sections[CoreSection::PostingsMap as usize] = postings.finish(&mut pieces, "postings")?;
        sections[CoreSection::PositionsMap as usize] = positions.finish(&mut pieces, "positions")?;

        // The term dictionary, each block with its terms' entries.
        let mut first_term = 0u64;
        sections[CoreSection::TermBlocks as usize] = write_blocks(&terms, &mut pieces, |block| {
            let values: Vec<u64> = (first_term..first_term + block.len() as u64).collect();
            first_term += block.len() as u64;
            let mut extra = Vec::new();
            put_varint(&mut extra, block[0].1.postings.0);
            put_varint(&mut extra, block[0].1.positions.0);
            for (_, items) in block {
                put_varint(&mut extra, items.df);
                put_varint(&mut extra, items.postings.1);
                put_varint(&mut extra, items.positions.1);
                put_varint(&mut extra, items.occurrences.saturating_sub(items.df));
            }
            (values, extra)
        })?;

        // The whole corpus's most frequent words, for its overview.
        let mut frequent: Vec<(&[u8], u64)> = terms
            .iter()
            .filter(|(form, _)| {
                let form = String::from_utf8_lossy(form);
                !index.analyzer().is_stopword(&form) && form.chars().count() >= 3 && !form.bytes().any(|b| b.is_ascii_digit())
            })
            .map(|(form, items)| (form.as_slice(), items.occurrences))
            .collect();
        frequent.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        for (form, occurrences) in frequent.into_iter().take(FREQUENT_WORDS_KEPT) {
            put_str(&mut sections[CoreSection::FrequentWords as usize], &String::from_utf8_lossy(form));
            put_varint(&mut sections[CoreSection::FrequentWords as usize], occurrences);
        }

        // Stem → its forms' term numbers.
        let mut stems: BTreeMap<Vec<u8>, Vec<u64>> = BTreeMap::new();
        for (term, (form, _)) in terms.iter().enumerate() {
            let form = String::from_utf8_lossy(form);
            stems.entry(index.analyzer().stem(&form).as_bytes().to_vec()).or_default().push(term as u64);
        }
        let stems: Vec<(Vec<u8>, Vec<u64>)> = stems.into_iter().collect();
        sections[CoreSection::StemBlocks as usize] = write_blocks(&stems, &mut pieces, |block| {
            let mut extra = Vec::new();
            let values = block
                .iter()
                .map(|(_, forms)| match forms[..] {
                    [one] => one << 1 | 1,
                    _ => {
                        let at = extra.len() as u64;
                        put_varint(&mut extra, forms.len() as u64);
                        let mut previous = 0;
                        for &term in forms {
                            put_varint(&mut extra, term - previous);
                            previous = term;
                        }
                        at << 1
                    }
                })
                .collect();
            (values, extra)
        })?;

        // Id → ordinal.
        let ids: BTreeMap<String, u32> = forward.id_map().into_iter().collect();
        let ids: Vec<(Vec<u8>, u32)> = ids.into_iter().map(|(id, d)| (id.into_bytes(), d)).collect();
        sections[CoreSection::IdBlocks as usize] =
            write_blocks(&ids, &mut pieces, |block| (block.iter().map(|(_, d)| *d as u64).collect(), Vec::new()))?;

        // Records, plain (title and text written out), in compressed blocks.
        let plain: Vec<Vec<u8>> = (0..doc_count).map(|d| forward.record(d)).collect();
        drop(forward);
        // The dictionary's piece comes first, so its number is known
        // before the section that names it is written.
        let (dict, blocks) = if compress {
            let (section, trained, blocks) = codec::compress_with_dictionary(plain, RECORD_PIECE, DICTIONARY_BYTES, pieces.next_number() as u64)?;
            if !trained.is_empty() {
                pieces.add(trained);
            }
            (section, blocks)
        } else {
            let records: Vec<codec::SplitRecord> = plain.iter().map(|record| (record.as_slice(), codec::head_len(record))).collect();
            codec::compress(&records, false, RECORD_PIECE)?
        };
        let mut params = Vec::new();
        put_varint(&mut params, DOCS_PER_DOC_PIECE as u64);
        params.extend_from_slice(&dict);
        sections[CoreSection::Params as usize] = params;
        let mut record_pieces = Vec::new();
        put_varint(&mut record_pieces, pieces.next_number() as u64);
        for block in blocks {
            pieces.add(block);
        }
        sections[CoreSection::RecordPieces as usize] = record_pieces;

        // Days and field lengths.
        // Compressed: a ranked query reads the lengths of every document
        // its words are in, so a common word reads every doc piece; days
        // as differences (documents come mostly in date order) and zstd
        // take Reuters x10's from 1.14 MB to about a third.
        let mut doc_pieces = Vec::new();
        put_varint(&mut doc_pieces, pieces.next_number() as u64);
        let plain: Vec<Vec<u8>> = (0..doc_count)
            .step_by(DOCS_PER_DOC_PIECE as usize)
            .map(|first| {
                let mut piece = Vec::new();
                let mut previous = 0i32;
                for d in first..doc_count.min(first + DOCS_PER_DOC_PIECE) {
                    let day = index.day(d).unwrap_or(UNDATED);
                    put_varint(&mut piece, zigzag(day.wrapping_sub(previous)));
                    previous = day;
                    put_varint(&mut piece, lengths[d as usize].0 as u64);
                    put_varint(&mut piece, lengths[d as usize].1 as u64);
                }
                piece
            })
            .collect();
        for piece in codec::compress_each(&plain)? {
            pieces.add(piece);
        }
        sections[CoreSection::DocPieces as usize] = doc_pieces;
        let overview = index.overview();
        let mut o = Vec::new();
        o.extend_from_slice(&(overview.undated as u32).to_le_bytes());
        o.extend_from_slice(&overview.first_day.unwrap_or(UNDATED).to_le_bytes());
        o.extend_from_slice(&overview.last_day.unwrap_or(UNDATED).to_le_bytes());
        sections[CoreSection::Overview as usize] = o;

        // Facet lists as the single layout codes them, and their labels.
        let lists = index.sections[Section::FacetDocs as usize];
        let entries = index.facet_entries();
        let mut starts: Vec<usize> = entries.iter().map(|&(_, at)| at as usize).collect();
        starts.sort_unstable();
        let mut facet_stream = Stream::default();
        let mut facet_entries = Vec::new();
        let mut facets = fst::MapBuilder::memory();
        for (key, at) in &entries {
            let at = *at as usize;
            let end = starts.iter().find(|&&s| s > at).copied().unwrap_or(lists.len());
            let list = lists.get(at..end).unwrap_or(&[]);
            let split = key.iter().position(|&b| b == 0).unwrap_or(key.len());
            let field = String::from_utf8_lossy(&key[..split]);
            let folded = String::from_utf8_lossy(key.get(split + 1..).unwrap_or(&[]));
            let documents = index.facet_list(at as u64);
            let label = index.facet_label(&field, &folded, &documents, at as u64);
            facets.insert(key, facet_entries.len() as u64).map_err(|e| format_error(e.to_string()))?;
            put_varint(&mut facet_entries, facet_stream.push(list, &mut pieces));
            put_varint(&mut facet_entries, documents.len() as u64);
            put_str(&mut facet_entries, &label);
        }
        sections[CoreSection::Facets as usize] = facets.into_inner().map_err(|e| format_error(e.to_string()))?;
        sections[CoreSection::FacetEntries as usize] = facet_entries;
        sections[CoreSection::FacetMap as usize] = facet_stream.finish(&mut pieces, "facet lists")?;

        // Every mentioned period.
        let mut period_map = Vec::new();
        for (i, chunk) in index.mentioned_periods().chunks(PERIODS_PER_PIECE).enumerate() {
            let mut piece = Vec::new();
            put_varint(&mut piece, chunk.len() as u64);
            let mut previous = 0;
            for p in chunk {
                put_varint(&mut piece, (p.doc - previous) as u64);
                previous = p.doc;
                put_varint(&mut piece, p.number as u64);
                put_varint(&mut piece, zigzag(p.first));
                put_varint(&mut piece, p.last.saturating_sub(p.first).max(0) as u64);
            }
            period_map.extend_from_slice(&pieces.add(piece).to_le_bytes());
            period_map.extend_from_slice(&((i * PERIODS_PER_PIECE) as u32).to_le_bytes());
        }
        sections[CoreSection::PeriodMap as usize] = period_map;

        // How many documents were written on each day: the whole corpus's
        // timeline without a doc piece.
        let mut per_day: BTreeMap<i32, u64> = BTreeMap::new();
        for d in 0..doc_count {
            if let Some(day) = index.day(d) {
                *per_day.entry(day).or_insert(0) += 1;
            }
        }
        if !per_day.is_empty() {
            let mut piece = Vec::new();
            let mut previous = 0i32;
            for (&day, &count) in &per_day {
                put_varint(&mut piece, zigzag(day.wrapping_sub(previous)));
                put_varint(&mut piece, count);
                previous = day;
            }
            put_varint(&mut sections[CoreSection::DayCounts as usize], pieces.add(piece) as u64);
        }

        let (table, files) = pieces.finish();
        sections[CoreSection::Pieces as usize] = table;
        let mut body = Vec::new();
        for s in &sections {
            put_varint(&mut body, s.len() as u64);
            body.extend_from_slice(s);
        }
        let mut core = Vec::with_capacity(SPLIT_HEADER_LEN + body.len());
        core.extend_from_slice(SPLIT_MAGIC);
        core.extend_from_slice(&SPLIT_VERSION.to_le_bytes());
        core.extend_from_slice(&fnv1a32(&body).to_le_bytes());
        core.extend_from_slice(&body);
        Ok(SplitIndex { core, pieces: files })
    }
}
