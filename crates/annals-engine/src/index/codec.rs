//! Compression of stored records, in blocks of consecutive documents. The
//! writer (feature `build`) compresses with C zstd at level 19 (15 against
//! a dictionary); the reader
//! decodes in pure Rust (`ruzstd`), so the browser bundle carries no C.
//!
//! ```text
//! STORED_DICT := u8(0) varint(docs_per_block)     blocks are plain
//!              | u8(1) varint(docs_per_block)     blocks are zstd frames
//!              | u8(2) varint(docs_per_block) varint(dictionary)
//!                                                 zstd frames against a
//!                                                 zstd dictionary kept
//!                                                 where `dictionary` says
//!                                                 (the split layout: a piece)
//! block (codec 1, 2) := varint(plain length) zstd-frame
//! plain block := (varint(head length) varint(tail length)){n}
//!                head{n} tail{n}                          n documents
//!                (a record is its head then its tail, see store.rs)
//! ```
//!
//! A frame leaves out the checksum, the dictionary id and the content size
//! (the varint carries the size).
//!
//! Why large blocks: the records are templates (see [`super::template`])
//! whose words live in the postings, so the reader can only show a document
//! after inverting the postings once ([`super::forward`]); it unpacks every
//! block then and keeps them plain. Nothing is gained by small blocks, and
//! a template compressed alone cannot refer to its neighbours. Measured on
//! Reuters-21578 (9.4 MB of plain records; index build time on two cores):
//! blocks of 1 MiB take 1.89 MB (2.9 s), 2 MiB 1.83 MB (3.7 s), two equal
//! blocks of 4.7 MB 1.76 MB (3.9 s), one stream with two zstd workers
//! 1.72 MB (5.5 s). Level 19 is most of the build's time and blocks are
//! compressed in parallel, so blocks up to 5 MiB, split evenly, are where
//! size stops paying for time.

use std::borrow::Cow;

use ruzstd::decoding::{BlockDecodingStrategy, FrameDecoder};

use super::bits::Reader;

/// Blocks larger than this are not decoded (a corrupt length must not make
/// the page allocate gigabytes).
const MAX_BLOCK: usize = 1 << 30;

#[cfg(feature = "build")]
/// The most plain bytes a block of stored records holds (about).
pub const BLOCK_BYTES: usize = 5 << 20;

#[cfg(feature = "build")]
/// The zstd level of blocks compressed against a dictionary (the split
/// layout's record pieces of a few KB). Measured on Reuters x10 (a split
/// build's records written out, the dictionary trained and the pieces
/// compressed, two cores): 17.0 s at level 19, 12.6 s at 15 for 0.17 %
/// more bytes in all pieces, 7.3 s at 12 for 1.8 % more.
const DICTIONARY_LEVEL: i32 = 15;

#[cfg(feature = "build")]
/// How many records of these sizes go in each block: as few blocks as
/// `block_bytes` allows, of equal size (so that cores compressing them in
/// parallel finish together; the count does not depend on the cores, so
/// the bytes do not either).
pub fn docs_per_block(record_lengths: impl ExactSizeIterator<Item = usize>, block_bytes: usize) -> usize {
    let n = record_lengths.len().max(1);
    let total: usize = record_lengths.sum();
    let blocks = total.div_ceil(block_bytes.max(1)).max(1);
    n.div_ceil(blocks).clamp(1, 1 << 20)
}

#[cfg(feature = "build")]
/// One record cut in two: its bytes, of which the first `usize` are its
/// head (id, title, text) and the rest its tail (date, facets, metadata,
/// origin).
pub type SplitRecord<'r> = (&'r [u8], usize);

/// One plain block of records: the lengths of their heads and tails, then
/// every head, then every tail (like with like compresses better: 8 %
/// smaller on Reuters-21578 than record after record).
#[cfg(feature = "build")]
fn block(chunk: &[SplitRecord<'_>]) -> Vec<u8> {
    use super::bits::put_varint;
    let mut block = Vec::with_capacity(chunk.iter().map(|r| r.0.len() + 6).sum());
    for (record, head) in chunk {
        put_varint(&mut block, *head as u64);
        put_varint(&mut block, (record.len() - head) as u64);
    }
    for (record, head) in chunk {
        block.extend_from_slice(&record[..*head]);
    }
    for (record, head) in chunk {
        block.extend_from_slice(&record[*head..]);
    }
    block
}

/// Compresses every record in blocks of `docs_per_block`; returns the
/// STORED_DICT section and the blocks. Each plain block is laid out only
/// when its turn to be compressed comes, so at most one per core exists at
/// a time beside the records.
#[cfg(feature = "build")]
pub fn compress(records: &[SplitRecord<'_>], on: bool, block_bytes: usize) -> Result<(Vec<u8>, Vec<Vec<u8>>), crate::error::Error> {
    use super::bits::put_varint;
    let docs_per_block = docs_per_block(records.iter().map(|r| r.0.len()), block_bytes);
    let mut section = vec![0];
    put_varint(&mut section, docs_per_block as u64);
    if !on || records.is_empty() {
        return Ok((section, records.chunks(docs_per_block).map(block).collect()));
    }
    let plain_len = |chunk: &[SplitRecord<'_>]| chunk.iter().map(|r| r.0.len() + varint_len(r.1) + varint_len(r.0.len() - r.1)).sum::<usize>();
    let chunks: Vec<&[SplitRecord<'_>]> = records.chunks(docs_per_block).collect();
    if let Some(len) = chunks.iter().map(|c| plain_len(c)).find(|&len| len > MAX_BLOCK) {
        return Err(block_too_large(len));
    }
    let out = compress_blocks(chunks.len(), |i| Cow::Owned(block(chunks[i])), &[])?;
    section[0] = 1;
    Ok((section, out))
}

#[cfg(feature = "build")]
/// [`compress`] for small blocks read one at a time (the split layout's
/// record pieces): a block of a few KB compressed alone cannot refer to its
/// neighbours, so every block is compressed against one zstd dictionary of
/// `dictionary_bytes` trained on the blocks, which a reader fetches once.
/// Gives the STORED_DICT section (naming the dictionary `dictionary`), the
/// dictionary and the blocks; plain blocks and no dictionary when there is
/// too little text to train on.
///
/// Takes the records whole and lets each go once it is in its block, so
/// the plain text is held once, not twice.
pub fn compress_with_dictionary(
    records: Vec<Vec<u8>>,
    block_bytes: usize,
    dictionary_bytes: usize,
    dictionary: u64,
) -> Result<(Vec<u8>, Vec<u8>, Vec<Vec<u8>>), crate::error::Error> {
    use super::bits::put_varint;
    use crate::error::{Error, ErrorKind};
    let docs_per_block = docs_per_block(records.iter().map(Vec::len), block_bytes);
    let mut plain: Vec<Vec<u8>> = Vec::with_capacity(records.len().div_ceil(docs_per_block));
    let mut records = records.into_iter();
    loop {
        let chunk: Vec<Vec<u8>> = records.by_ref().take(docs_per_block).collect();
        if chunk.is_empty() {
            break;
        }
        let split: Vec<SplitRecord<'_>> = chunk.iter().map(|r| (r.as_slice(), head_len(r))).collect();
        plain.push(block(&split));
    }
    let total: usize = plain.iter().map(Vec::len).sum();
    if let Some(len) = plain.iter().map(Vec::len).find(|&len| len > MAX_BLOCK) {
        return Err(block_too_large(len));
    }
    let mut section = vec![0];
    put_varint(&mut section, docs_per_block as u64);
    // zstd's trainer wants a hundred samples or more and about a hundred
    // times the dictionary's size in them; it reads at most 16 MB of
    // blocks, spread over the corpus, so a large corpus trains no longer.
    if plain.len() < 100 || total < dictionary_bytes * 10 {
        return Ok((section, Vec::new(), plain));
    }
    let io = |e: std::io::Error| Error::new(ErrorKind::Io, format!("compressing stored text: {e}"));
    let step = total.div_ceil(16 << 20).max(1);
    let samples: Vec<&[u8]> = plain.iter().step_by(step).map(Vec::as_slice).collect();
    let trained = zstd::dict::from_samples(&samples, dictionary_bytes).map_err(io)?;
    let out = compress_blocks(plain.len(), |i| Cow::Borrowed(plain[i].as_slice()), &trained)?;
    section[0] = 2;
    put_varint(&mut section, dictionary);
    Ok((section, trained, out))
}

#[cfg(feature = "build")]
/// Each of `plain` compressed alone at level 19, as a block of codec 1
/// (`varint(plain length) frame`), which [`Codec::zstd_blocks`] decodes.
pub fn compress_each(plain: &[Vec<u8>]) -> Result<Vec<Vec<u8>>, crate::error::Error> {
    compress_blocks(plain.len(), |i| Cow::Borrowed(plain[i].as_slice()), &[])
}

#[cfg(feature = "build")]
/// Blocks `0..count`, each `plain_of(i)` compressed as `varint(plain
/// length) frame`: at level 19, or against `dictionary` unless it is empty
/// at [`DICTIONARY_LEVEL`].
fn compress_blocks<'p>(count: usize, plain_of: impl Fn(usize) -> Cow<'p, [u8]> + Sync, dictionary: &[u8]) -> Result<Vec<Vec<u8>>, crate::error::Error> {
    use super::bits::put_varint;
    use crate::error::{Error, ErrorKind};
    let io = |e: std::io::Error| Error::new(ErrorKind::Io, format!("compressing stored text: {e}"));
    // Level 19 is most of the build's time; blocks are independent, so
    // each core compresses blocks, taking the next one free as it finishes
    // one (the bytes are the same either way): a core slowed by other work
    // on the machine takes fewer, where fixed shares would leave the other
    // idle at the end waiting for it.
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8).min(count);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let compress_some = || -> Result<Vec<(usize, Vec<u8>)>, Error> {
        let mut compressor =
            if dictionary.is_empty() { zstd::bulk::Compressor::new(19) } else { zstd::bulk::Compressor::with_dictionary(DICTIONARY_LEVEL, dictionary) }.map_err(io)?;
        compressor.include_checksum(false).map_err(io)?;
        compressor.include_dictid(false).map_err(io)?;
        compressor.include_contentsize(false).map_err(io)?;
        let mut out = Vec::new();
        loop {
            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            if i >= count {
                return Ok(out);
            }
            let plain = plain_of(i);
            let mut rec = Vec::with_capacity(plain.len() / 3 + 8);
            put_varint(&mut rec, plain.len() as u64);
            rec.extend_from_slice(&compressor.compress(&plain).map_err(io)?);
            out.push((i, rec));
        }
    };
    let done: Vec<Result<Vec<(usize, Vec<u8>)>, Error>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads).map(|_| scope.spawn(compress_some)).collect();
        handles.into_iter().map(|h| h.join().unwrap_or_else(|_| Err(Error::new(ErrorKind::Io, "compressing stored text failed")))).collect()
    });
    let mut out = vec![Vec::new(); count];
    for blocks in done {
        for (i, rec) in blocks? {
            out[i] = rec;
        }
    }
    Ok(out)
}

/// The length of a stored record's head (see [`SplitRecord`]).
#[cfg(feature = "build")]
pub fn head_len(record: &[u8]) -> usize {
    record.len() - super::store::record_tail(record).len()
}

/// Bytes of the varint of `v`.
#[cfg(feature = "build")]
fn varint_len(v: usize) -> usize {
    (64 - (v as u64 | 1).leading_zeros() as usize).div_ceil(7)
}

#[cfg(feature = "build")]
fn block_too_large(len: usize) -> crate::error::Error {
    crate::error::Error::new(
        crate::error::ErrorKind::Format,
        format!("a block of stored text takes {len} bytes, more than the reader's limit of {MAX_BLOCK} bytes (1 GiB); a document that large cannot be indexed"),
    )
}

/// The reader's view of the STORED_DICT section.
#[derive(Debug)]
pub struct Codec {
    kind: u8,
    docs_per_block: u32,
    dictionary: Option<u64>,
}

impl Codec {
    /// Reads the section; unknown codecs decode nothing.
    pub fn new(section: &[u8]) -> Codec {
        let mut r = Reader::new(section);
        let kind = r.u8();
        let docs_per_block = r.varint().clamp(1, u32::MAX as u64) as u32;
        let dictionary = (kind == 2).then(|| r.varint());
        Codec { kind, docs_per_block, dictionary }
    }

    /// The codec of blocks compressed alone (codec 1).
    pub fn zstd_blocks() -> Codec {
        Codec { kind: 1, docs_per_block: 1, dictionary: None }
    }

    /// Where the blocks' zstd dictionary is, for a codec that has one (its
    /// container says what the number names).
    pub fn dictionary(&self) -> Option<u64> {
        self.dictionary
    }

    /// How many documents each block holds.
    pub fn docs_per_block(&self) -> u32 {
        self.docs_per_block
    }

    /// The `count` records of a plain block, each put back together from
    /// its head and tail; `None` when the block is corrupt.
    pub fn records(block: &[u8], count: usize) -> Option<Vec<Vec<u8>>> {
        let mut r = Reader::new(block);
        let lengths: Vec<(usize, usize)> =
            (0..count.min(block.len())).map(|_| (r.varint() as usize, r.varint() as usize)).collect();
        if r.bad || lengths.len() != count {
            return None;
        }
        let heads_start = r.pos();
        let heads_len = lengths.iter().try_fold(0usize, |sum, &(h, _)| sum.checked_add(h))?;
        let mut heads = Reader::at(block, heads_start);
        let mut tails = Reader::at(block, heads_start.checked_add(heads_len)?);
        let records = lengths.iter().map(|&(h, t)| {
            let mut record = Vec::with_capacity(h.saturating_add(t).min(block.len()));
            record.extend_from_slice(heads.bytes(h));
            record.extend_from_slice(tails.bytes(t));
            record
        });
        let records: Vec<Vec<u8>> = records.collect();
        (!heads.bad && !tails.bad).then_some(records)
    }

    /// The plain bytes of one block, `None` if they cannot be decoded.
    pub fn decode<'r>(&self, block: &'r [u8]) -> Option<Cow<'r, [u8]>> {
        self.decode_with(block, None)
    }

    /// [`Codec::decode`] given the bytes of the codec's dictionary, which
    /// a block of codec 2 needs.
    pub fn decode_with<'r>(&self, block: &'r [u8], dictionary: Option<&[u8]>) -> Option<Cow<'r, [u8]>> {
        match self.kind {
            0 => Some(Cow::Borrowed(block)),
            1 | 2 => {
                let mut r = Reader::new(block);
                let len = r.varint() as usize;
                if r.bad || len > MAX_BLOCK {
                    return None;
                }
                let dictionary = match self.kind {
                    2 => Some(ruzstd::decoding::Dictionary::decode_dict(dictionary?).ok()?),
                    _ => None,
                };
                decode_frame(block.get(r.pos()..)?, len, dictionary).map(Cow::Owned)
            }
            _ => None,
        }
    }
}

/// Decodes a frame that should give `len` bytes. The output grows with
/// what the frame really yields, a little at a time, and stops once it
/// passes `len`: a damaged length does not make the reader allocate it up
/// front, nor a damaged frame yield more than it promised.
fn decode_frame(mut frame: &[u8], len: usize, dictionary: Option<ruzstd::decoding::Dictionary>) -> Option<Vec<u8>> {
    let mut decoder = FrameDecoder::new();
    // The frames leave out the dictionary's id, so it is named here.
    let id = dictionary.as_ref().map(|d| d.id);
    if let Some(dictionary) = dictionary {
        decoder.add_dict(dictionary).ok()?;
    }
    decoder.reset(&mut frame).ok()?;
    if let Some(id) = id {
        decoder.force_dict(id).ok()?;
    }
    let mut out = Vec::new();
    let mut chunk = vec![0u8; 64 << 10];
    loop {
        let finished = decoder.is_finished();
        if !finished {
            decoder.decode_blocks(&mut frame, BlockDecodingStrategy::UptoBytes(1 << 20)).ok()?;
        }
        loop {
            let n = std::io::Read::read(&mut decoder, &mut chunk).ok()?;
            if n == 0 {
                break;
            }
            if out.len() + n > len {
                return None;
            }
            out.extend_from_slice(&chunk[..n]);
        }
        if finished {
            break;
        }
    }
    (out.len() == len).then_some(out)
}
