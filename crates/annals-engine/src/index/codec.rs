//! Compression of stored records, in blocks of a few consecutive
//! documents. The writer (feature `build`) compresses with C zstd at a high
//! level and a dictionary trained on the corpus; the reader decodes one
//! block at a time in pure Rust (`ruzstd`), so the browser bundle carries
//! no C and reading one document touches only its block.
//!
//! ```text
//! STORED_DICT := u8(0) varint(docs_per_block)             blocks are plain
//!              | u8(1) varint(docs_per_block) dictionary  blocks are zstd
//!                                       frames; the dictionary is empty
//!                                       when the corpus was too small to
//!                                       train one
//! block (codec 1) := varint(plain length) zstd-frame
//! ```
//!
//! A frame leaves out the checksum, the dictionary id and the content size
//! (the varint carries the size): on 20,000 short stories those headers
//! would cost more than a tenth of the compressed text.
//!
//! Why blocks: a short document compressed alone cannot refer to its
//! neighbours, and each frame pays for its own start. Why one document per
//! block by default: the reader decodes a whole block for one hit, ruzstd
//! decodes at a few hundred MB/s natively (slower in the browser), and ten
//! hits a query add up. Measured on Reuters (stored text, decode of one
//! document, query set p50 with ten snippets): 1 per block 6.73 MB, 7.5 µs,
//! 0.19 ms; 2 per block 6.44 MB, 11.9 µs, 0.23 ms; 4 per block 6.31 MB,
//! 31 µs, 0.37 ms (that last on a busier machine). Where size matters more
//! than speed, `IndexBuilder::docs_per_block` asks for larger blocks.

use std::borrow::Cow;
use std::sync::Mutex;

use ruzstd::decoding::{BlockDecodingStrategy, Dictionary, FrameDecoder};

use super::format::Reader;

/// Records larger than this are not decoded (a corrupt length must not make
/// the page allocate gigabytes).
const MAX_RECORD: usize = 64 << 20;

/// Documents per block of stored records.
pub const DOCS_PER_BLOCK: usize = 1;

/// Groups records into plain blocks of `n`: their lengths, then their bytes.
#[cfg(feature = "build")]
fn blocks(records: &[Vec<u8>], n: usize) -> Vec<Vec<u8>> {
    use super::format::put_varint;
    records
        .chunks(n)
        .map(|chunk| {
            if chunk.len() == 1 {
                return chunk[0].clone();
            }
            let mut block = Vec::with_capacity(chunk.iter().map(|r| r.len() + 3).sum());
            for r in chunk {
                put_varint(&mut block, r.len() as u64);
            }
            for r in chunk {
                block.extend_from_slice(r);
            }
            block
        })
        .collect()
}

/// Compresses every record in blocks of `docs_per_block`; returns the
/// STORED_DICT section and the blocks.
#[cfg(feature = "build")]
pub fn compress(records: &[Vec<u8>], on: bool, docs_per_block: usize) -> Result<(Vec<u8>, Vec<Vec<u8>>), crate::error::Error> {
    use super::format::put_varint;
    use crate::error::{Error, ErrorKind};
    let docs_per_block = docs_per_block.max(1);
    let mut section = vec![0];
    put_varint(&mut section, docs_per_block as u64);
    if !on || records.is_empty() {
        return Ok((section, blocks(records, docs_per_block)));
    }
    let total: usize = records.iter().map(Vec::len).sum();
    // A dictionary pays off from a few hundred documents on; below that, or
    // when training fails, frames go without one.
    let dict = if records.len() >= 200 {
        let step = (total / (8 << 20)).max(1);
        let samples: Vec<&[u8]> = records.iter().step_by(step).map(|r| r.as_slice()).collect();
        let size = (total / 100).clamp(16 << 10, 1 << 20);
        zstd::dict::from_samples(&samples, size).unwrap_or_default()
    } else {
        Vec::new()
    };
    let io = |e: std::io::Error| Error::new(ErrorKind::Io, format!("compressing stored text: {e}"));
    let plain = blocks(records, docs_per_block);
    // Level 19 is most of the build's time; blocks are independent, so
    // each core compresses a share (the bytes are the same either way).
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8);
    let share = plain.len().div_ceil(threads).max(1);
    let compress_share = |share: &[Vec<u8>]| -> Result<Vec<Vec<u8>>, Error> {
        let mut compressor = zstd::bulk::Compressor::with_dictionary(19, &dict).map_err(io)?;
        compressor.include_checksum(false).map_err(io)?;
        compressor.include_dictid(false).map_err(io)?;
        compressor.include_contentsize(false).map_err(io)?;
        let mut out = Vec::with_capacity(share.len());
        for r in share {
            let mut rec = Vec::with_capacity(r.len() / 3 + 8);
            put_varint(&mut rec, r.len() as u64);
            rec.extend_from_slice(&compressor.compress(r).map_err(io)?);
            out.push(rec);
        }
        Ok(out)
    };
    let shares: Vec<Result<Vec<Vec<u8>>, Error>> = std::thread::scope(|scope| {
        let handles: Vec<_> = plain.chunks(share).map(|c| scope.spawn(move || compress_share(c))).collect();
        handles.into_iter().map(|h| h.join().unwrap_or_else(|_| Err(Error::new(ErrorKind::Io, "compressing stored text failed")))).collect()
    });
    let mut out = Vec::with_capacity(plain.len());
    for s in shares {
        out.extend(s?);
    }
    section[0] = 1;
    section.extend_from_slice(&dict);
    Ok((section, out))
}

/// The reader's view of the STORED_DICT section.
pub struct Codec<'a> {
    kind: u8,
    docs_per_block: u32,
    dict: &'a [u8],
    /// A decoder with the dictionary loaded, reused across records (loading
    /// the dictionary's tables costs more than decoding a short record).
    decoder: Mutex<Option<(FrameDecoder, Option<u32>)>>,
}

impl std::fmt::Debug for Codec<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Codec({}, {} byte dictionary)", self.kind, self.dict.len())
    }
}

impl<'a> Codec<'a> {
    /// Reads the section; unknown codecs decode nothing.
    pub fn new(section: &'a [u8]) -> Codec<'a> {
        let mut r = Reader::new(section);
        let kind = r.u8();
        let docs_per_block = r.varint().clamp(1, u32::MAX as u64) as u32;
        let dict = section.get(r.pos()..).unwrap_or(&[]);
        Codec { kind, docs_per_block, dict, decoder: Mutex::new(None) }
    }

    /// How many documents each block holds.
    pub fn docs_per_block(&self) -> u32 {
        self.docs_per_block
    }

    /// Record `i` of the plain bytes of a block of `count` records.
    pub fn record_of(block: &[u8], count: usize, i: usize) -> Option<&[u8]> {
        if count == 1 {
            return (i == 0).then_some(block);
        }
        let mut r = Reader::new(block);
        let (mut start, mut len) = (0usize, 0usize);
        for k in 0..count.min(block.len()) {
            let l = r.varint() as usize;
            if k < i {
                start = start.checked_add(l)?;
            } else if k == i {
                len = l;
            }
        }
        if r.bad {
            return None;
        }
        let at = r.pos().checked_add(start)?;
        block.get(at..at.checked_add(len)?)
    }

    /// The plain bytes of one block, `None` if they cannot be decoded.
    pub fn decode<'r>(&self, record: &'r [u8]) -> Option<Cow<'r, [u8]>> {
        match self.kind {
            0 => Some(Cow::Borrowed(record)),
            1 => {
                let mut r = Reader::new(record);
                let len = r.varint() as usize;
                if r.bad || len > MAX_RECORD {
                    return None;
                }
                let frame = record.get(r.pos()..)?;
                // A decoder busy elsewhere (never, single-threaded) is not
                // waited for: a fresh one is made instead.
                let mut guard = self.decoder.try_lock().ok();
                let mut fresh = None;
                let slot = match guard.as_deref_mut() {
                    Some(slot) => slot,
                    None => &mut fresh,
                };
                if slot.is_none() {
                    *slot = Some(self.new_decoder()?);
                }
                let (decoder, dict_id) = slot.as_mut()?;
                let out = decode_frame(decoder, *dict_id, frame, len);
                if out.is_none() {
                    // A failed decode may leave state behind; start afresh.
                    *slot = None;
                }
                out.map(Cow::Owned)
            }
            _ => None,
        }
    }

    fn new_decoder(&self) -> Option<(FrameDecoder, Option<u32>)> {
        let mut decoder = FrameDecoder::new();
        if self.dict.is_empty() {
            return Some((decoder, None));
        }
        let dict = Dictionary::decode_dict(self.dict).ok()?;
        let id = dict.id;
        decoder.add_dict(dict).ok()?;
        Some((decoder, Some(id)))
    }
}

fn decode_frame(decoder: &mut FrameDecoder, dict_id: Option<u32>, mut frame: &[u8], len: usize) -> Option<Vec<u8>> {
    decoder.reset(&mut frame).ok()?;
    if let Some(id) = dict_id {
        decoder.force_dict(id).ok()?;
    }
    decoder.decode_blocks(&mut frame, BlockDecodingStrategy::All).ok()?;
    let mut out = vec![0u8; len];
    let mut filled = 0;
    while filled < len {
        let n = std::io::Read::read(decoder, &mut out[filled..]).ok()?;
        if n == 0 {
            break;
        }
        filled += n;
    }
    (filled == len).then_some(out)
}
