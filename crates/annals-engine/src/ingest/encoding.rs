//! Bytes → text: how a corpus file's bytes become the `String` every format
//! parser reads.
//!
//! Real folders hold UTF-8 with and without a byte-order mark, Windows line
//! ends, the odd Windows-1252 file and files that are not text at all. This
//! module decides which is which once, so the format parsers only ever see
//! clean UTF-8 with `\n` line ends.

use std::borrow::Cow;

/// What the bytes of a file turned out to be.
pub(crate) enum Decoded {
    /// Text, with `\n` line ends and no byte-order mark.
    Text {
        /// The decoded text.
        text: String,
        /// Set when the bytes were not UTF-8 and were read as Windows-1252:
        /// the 1-based line of the first byte that was not UTF-8.
        legacy_line: Option<usize>,
        /// Set when UTF-8 text held a few invalid bytes, each replaced by
        /// U+FFFD: the 1-based line of the first and how many.
        replaced: Option<(usize, usize)>,
    },
    /// Not to be indexed; the reason is shown in the build report.
    Skip(&'static str),
}

/// Decodes a file's bytes, or says why it is skipped.
pub(crate) fn decode(bytes: Vec<u8>) -> Decoded {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Decoded::Skip("empty file");
    }
    // UTF-16 is text even though half its bytes are NUL; its BOM says so.
    if let Some((encoding, bom_length)) = encoding_rs::Encoding::for_bom(&bytes) {
        if encoding != encoding_rs::UTF_8 {
            let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_length..]);
            return finish(text.into_owned(), None, None);
        }
    }
    if looks_binary(&bytes) {
        return Decoded::Skip("binary file (not text)");
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").map_or(0, |_| 3);
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            text.drain(..body);
            finish(text, None, None)
        }
        Err(error) => {
            let bytes = error.into_bytes();
            let bytes = &bytes[body..];
            let valid_up_to = std::str::from_utf8(bytes).map_err(|e| e.valid_up_to()).err().unwrap_or(0);
            let line = 1 + bytes[..valid_up_to].iter().filter(|&&b| b == b'\n').count();
            // A UTF-8 file with a stray byte (a truncated copy, one pasted
            // Latin-1 character) keeps its accents: only the bad bytes are
            // replaced. Windows-1252 is for files whose multi-byte
            // characters are mostly not UTF-8.
            let (valid, invalid) = utf8_sequences(bytes);
            if valid > invalid {
                let text = String::from_utf8_lossy(bytes).into_owned();
                return finish(text, None, Some((line, invalid)));
            }
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            finish(text.into_owned(), Some(line), None)
        }
    }
}

/// How many multi-byte UTF-8 characters the bytes hold, and how many
/// invalid sequences.
fn utf8_sequences(mut bytes: &[u8]) -> (usize, usize) {
    let (mut valid, mut invalid) = (0, 0);
    loop {
        match std::str::from_utf8(bytes) {
            Ok(text) => {
                valid += text.chars().filter(|c| !c.is_ascii()).count();
                return (valid, invalid);
            }
            Err(error) => {
                let (good, rest) = bytes.split_at(error.valid_up_to());
                valid += good.iter().filter(|&&b| b >= 0xC0).count();
                invalid += 1;
                let skip = error.error_len().unwrap_or(rest.len()).max(1);
                bytes = &rest[skip.min(rest.len())..];
            }
        }
    }
}

fn finish(text: String, legacy_line: Option<usize>, replaced: Option<(usize, usize)>) -> Decoded {
    if text.trim().is_empty() {
        return Decoded::Skip("empty file");
    }
    let text = match normalize_line_ends(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(fixed) => fixed,
    };
    Decoded::Text { text, legacy_line, replaced }
}

/// `\r\n` and lone `\r` → `\n`, copying only when there is something to fix.
pub(crate) fn normalize_line_ends(text: &str) -> Cow<'_, str> {
    if !text.contains('\r') {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
}

/// A NUL byte, or many control bytes early on, means this is not a text file
/// (an image, a PDF, a zip): indexing it would only fill the index with noise.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let controls = head.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C)).count();
    controls * 10 > head.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: &[u8]) -> (String, Option<usize>) {
        match decode(bytes.to_vec()) {
            Decoded::Text { text, legacy_line, .. } => (text, legacy_line),
            Decoded::Skip(reason) => panic!("skipped: {reason}"),
        }
    }

    #[test]
    fn bom_crlf_and_windows_1252() {
        assert_eq!(text(b"\xEF\xBB\xBFa\r\nb\rc"), ("a\nb\nc".to_string(), None));
        assert_eq!(text(b"caf\xE9\nna\xEFve\n"), ("café\nnaïve\n".to_string(), Some(1)));
        assert_eq!(text(b"ok\nok\n\x93quoted\x94"), ("ok\nok\n\u{201C}quoted\u{201D}".to_string(), Some(3)));
        assert_eq!(text(b"\xFF\xFEh\x00i\x00\r\x00\n\x00"), ("hi\n".to_string(), None));
    }

    /// One bad byte in a UTF-8 file must not turn every accent into
    /// mojibake (`Ã©`): it is replaced, and the place is told.
    #[test]
    fn a_few_bad_bytes_in_utf8_are_replaced() {
        let mut raw = b"caf\xC3\xA9 na\xC3\xAFve\nr\xC3\xA9sum\xC3\xA9 ".to_vec();
        raw.push(0xFF);
        raw.extend_from_slice(b" d\xC3\xA9j\xC3\xA0\n");
        match decode(raw) {
            Decoded::Text { text, legacy_line, replaced } => {
                assert_eq!(text, "café naïve\nrésumé \u{FFFD} déjà\n");
                assert_eq!(legacy_line, None);
                assert_eq!(replaced, Some((2, 1)));
            }
            Decoded::Skip(reason) => panic!("skipped: {reason}"),
        }
    }

    #[test]
    fn empty_and_binary_are_skipped() {
        assert!(matches!(decode(Vec::new()), Decoded::Skip("empty file")));
        assert!(matches!(decode(b" \n\r\n".to_vec()), Decoded::Skip("empty file")));
        assert!(matches!(decode(b"\xEF\xBB\xBF".to_vec()), Decoded::Skip("empty file")));
        assert!(matches!(decode(b"PK\x03\x04\x00\x00".to_vec()), Decoded::Skip("binary file (not text)")));
    }
}
