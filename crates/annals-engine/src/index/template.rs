//! Stored text as a template over the positional index.
//!
//! The postings already say which word stands at every position of every
//! document (except stop words, whose lists keep no positions). Storing the
//! text again beside them would pay for every word twice, so a stored field
//! keeps only what the postings cannot give back: the text between words,
//! how each word was spelled (its case, a possessive ending, or the whole
//! word when its folded form does not lead back to it), and the stop words.
//! The reader puts the words back from its forward view of the postings
//! ([`super::forward::Forward`]); the result is the original field, byte for
//! byte, which the writer checks for every word it leaves out.
//!
//! ```text
//! template := varint(n_words) varint(byte_len) body      body is byte_len bytes
//! body     := gap (op gap?){n_words}                     word i is at position i
//! gap      := varint(len) bytes                          text between words
//! op       := u8: bits 0-1 spelling, bits 2-3 ending, bit 6 a line break
//!             follows, bit 7 one space follows (with either, the op's gap
//!             is absent; wrapped lines, as in newswire, are common)
//! spelling := 0 the folded form as it is        e.g. `oil`
//!           | 1 its first letter upper case     `Oil`
//!           | 2 all upper case                  `OIL`
//!           | 3 literal: varint(len) bytes follow the op (stop words, and
//!             words whose folded form does not spell them)
//! ending   := 0 none | 1 `'s` | 2 `’s` | 3 `'S`  (folding drops possessives)
//! ```
//!
//! Measured on Reuters-21578 (16.8 MB of text): the stored records, with
//! templates for titles and bodies, take 1.83 MB compressed, where the same
//! records with the text written out took 6.73 MB (and the text alone is
//! 4.1 MB with zstd -19 as one stream).

#[cfg(feature = "build")]
use super::bits::put_varint;
use super::bits::Reader;

const SPELLING: u8 = 0b11;
const LITERAL: u8 = 3;
const ENDING_SHIFT: u8 = 2;
const SPACE_FOLLOWS: u8 = 0x80;
const NEWLINE_FOLLOWS: u8 = 0x40;
const ENDINGS: [&str; 4] = ["", "'s", "\u{2019}s", "'S"];

/// The word a non-literal op spells from its folded form.
fn spell(folded: &str, spelling: u8, ending: u8, out: &mut String) {
    match spelling {
        1 => {
            let mut chars = folded.chars();
            if let Some(first) = chars.next() {
                out.extend(first.to_uppercase());
                out.push_str(chars.as_str());
            }
        }
        2 => out.extend(folded.chars().flat_map(char::to_uppercase)),
        _ => out.push_str(folded),
    }
    out.push_str(ENDINGS[ending as usize & 3]);
}

/// Writes the template of one field. `words` are the analyser's tokens of
/// `text` in order: byte range, folded form and whether the index keeps the
/// word's position (stop words' positions are not kept, so they are
/// written out).
#[cfg(feature = "build")]
pub fn encode<'w>(text: &str, words: impl Iterator<Item = (usize, usize, &'w str, bool)>, out: &mut Vec<u8>) {
    let mut body = Vec::with_capacity(text.len() / 2 + 8);
    let mut n_words = 0u64;
    let mut last = 0usize;
    let mut pending_op: Option<usize> = None;
    let mut scratch = String::new();
    for (start, end, folded, positioned) in words {
        let gap = &text[last..start];
        put_gap(&mut body, pending_op, gap);
        let word = &text[start..end];
        let op = body.len();
        let spelled = positioned.then(|| spelling_of(word, folded, &mut scratch)).flatten();
        match spelled {
            Some((spelling, ending)) => body.push(spelling | ending << ENDING_SHIFT),
            None => {
                body.push(LITERAL);
                put_varint(&mut body, word.len() as u64);
                body.extend_from_slice(word.as_bytes());
            }
        }
        pending_op = Some(op);
        n_words += 1;
        last = end;
    }
    put_gap(&mut body, pending_op, &text[last..]);
    put_varint(out, n_words);
    put_varint(out, body.len() as u64);
    out.extend_from_slice(&body);
}

/// Writes the gap after the op at `op` (the field's leading gap when none):
/// a flag on the op for one space or one line break, else its bytes.
#[cfg(feature = "build")]
fn put_gap(body: &mut Vec<u8>, op: Option<usize>, gap: &str) {
    match (op, gap) {
        (Some(op), " ") => body[op] |= SPACE_FOLLOWS,
        (Some(op), "\n") => body[op] |= NEWLINE_FOLLOWS,
        _ => {
            put_varint(body, gap.len() as u64);
            body.extend_from_slice(gap.as_bytes());
        }
    }
}

/// The (spelling, ending) that turns `folded` back into `word`, if any.
#[cfg(feature = "build")]
fn spelling_of(word: &str, folded: &str, scratch: &mut String) -> Option<(u8, u8)> {
    for ending in 0..ENDINGS.len() as u8 {
        if !word.ends_with(ENDINGS[ending as usize]) {
            continue;
        }
        for spelling in 0..LITERAL {
            scratch.clear();
            spell(folded, spelling, ending, scratch);
            if scratch == word {
                return Some((spelling, ending));
            }
        }
    }
    None
}

/// The word count of a template and where it ends, without decoding it.
pub fn skip(r: &mut Reader<'_>) -> u32 {
    let n = r.varint();
    let len = r.varint() as usize;
    let body = r.bytes(len);
    // Each word takes at least its op byte: a damaged count cannot claim
    // more words than the bytes hold (the forward view allocates a slot per
    // word).
    n.min(body.len() as u64).min(u32::MAX as u64) as u32
}

/// Decodes one template onto `out`; `word_at(i)` is the folded form at the
/// field's position `i` (`None` for a position the postings do not know).
/// Corrupt bytes give a wrong text, never a panic.
pub fn decode<'f>(r: &mut Reader<'_>, word_at: impl Fn(u32) -> Option<&'f str>, out: &mut String) {
    decode_with_words(r, word_at, out, |_, _, _| {});
}

/// [`decode`], also telling `on_word(start, end, folded)` where each word
/// landed in `out` (byte offsets) and its folded form when the postings
/// gave it (`None` for a word written out, such as a stop word): the
/// analyser's tokens of the field, without segmenting it again.
///
/// This is most of what a search hit costs, so it is written as one loop
/// over the body that appends bytes and checks them as text once at the
/// end, not piece by piece: the pieces are a few bytes each.
pub fn decode_with_words<'f>(
    r: &mut Reader<'_>,
    word_at: impl Fn(u32) -> Option<&'f str>,
    out: &mut String,
    mut on_word: impl FnMut(usize, usize, Option<&'f str>),
) {
    let n = r.varint();
    let len = r.varint() as usize;
    let mut body = Reader::new(r.bytes(len));
    let mut text = std::mem::take(out).into_bytes();
    // Each word spelled from its folded form takes one op byte and about
    // seven bytes of text: room for them all at once.
    text.reserve(len + 7 * n.min(len as u64) as usize);
    let gap_len = body.varint() as usize;
    text.extend_from_slice(body.bytes(gap_len));
    let mut spelled = String::new();
    for i in 0..n.min(len as u64) {
        let op = body.u8();
        let start = text.len();
        if op & SPELLING == LITERAL {
            let n = body.varint() as usize;
            text.extend_from_slice(body.bytes(n));
            on_word(start, text.len(), None);
        } else if let Some(folded) = word_at(i as u32) {
            match (op & SPELLING, (op >> ENDING_SHIFT) & 3) {
                (0, 0) => text.extend_from_slice(folded.as_bytes()),
                (spelling, ending) => {
                    spelled.clear();
                    spell(folded, spelling, ending, &mut spelled);
                    text.extend_from_slice(spelled.as_bytes());
                }
            }
            on_word(start, text.len(), Some(folded));
        }
        if op & SPACE_FOLLOWS != 0 {
            text.push(b' ');
        } else if op & NEWLINE_FOLLOWS != 0 {
            text.push(b'\n');
        } else {
            let gap_len = body.varint() as usize;
            text.extend_from_slice(body.bytes(gap_len));
        }
        if body.bad {
            break;
        }
    }
    *out = into_text(text);
}

/// Bytes as text, each byte of an invalid sequence (which no writer
/// wrote) replaced by `?`: one byte for one, so the offsets of the words
/// already reported stay true.
fn into_text(bytes: Vec<u8>) -> String {
    match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let mut bytes = error.into_bytes();
            let mut from = 0;
            while let Err(error) = std::str::from_utf8(&bytes[from..]) {
                let bad = from + error.valid_up_to();
                let end = error.error_len().map_or(bytes.len(), |n| bad + n);
                bytes[bad..end].fill(b'?');
                from = end;
            }
            String::from_utf8(bytes).unwrap_or_default()
        }
    }
}

/// How long a word spelled from its folded form is, as the reader can
/// tell without the form itself (see [`spans`]).
pub enum FormLength<'f> {
    /// An ASCII form of this many bytes: any spelling keeps the length.
    Ascii(usize),
    /// Any other form, which spelling may lengthen (`ß` → `SS`).
    Form(&'f str),
}

/// Where one word of a template lands in the text it writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span<'b> {
    pub start: usize,
    pub end: usize,
    /// The word's position in the field; `None` for a word the template
    /// writes out, whose bytes are `written`.
    pub position: Option<u32>,
    pub written: &'b [u8],
}

/// Walks a template for where each word lands in its text (`on_word`) and
/// returns the text's length, without writing the text or looking up the
/// words themselves: `length_at(i)` says how long the form at position `i`
/// is (`None` for a position the postings do not know, which [`decode`]
/// leaves out too). A hit's snippet needs only a passage of its text, and
/// looking up every word's form, at random in the dictionary, was most of
/// what putting a whole text back cost.
pub fn spans<'b, 'f>(r: &mut Reader<'b>, length_at: impl Fn(u32) -> Option<FormLength<'f>>, mut on_word: impl FnMut(Span<'b>)) -> usize {
    let mut at = 0usize;
    walk_lengths(r, length_at, |piece| {
        let (position, written, len) = match piece {
            Walked::Gap(bytes) => {
                at += bytes.len();
                return;
            }
            Walked::Written(bytes) => (None, bytes, bytes.len()),
            Walked::Spelled { position, len, .. } => (Some(position), &[][..], len),
        };
        on_word(Span { start: at, end: at + len, position, written });
        at += len;
    });
    at
}

/// The part of the text a template writes that covers the bytes `range`,
/// and where that part starts in the text: whole words and gaps, so never
/// cut inside a character. Only the words in it are looked up (`word_at`,
/// as for [`decode`]; `length_at`, as for [`spans`]).
pub fn decode_range<'f>(
    r: &mut Reader<'_>,
    word_at: impl Fn(u32) -> Option<&'f str>,
    length_at: impl Fn(u32) -> Option<FormLength<'f>>,
    range: std::ops::Range<usize>,
) -> (String, usize) {
    let mut text = Vec::with_capacity(range.len().min(1 << 16) + 64);
    let (mut at, mut first) = (0usize, None);
    let mut spelled = String::new();
    walk_lengths(r, length_at, |piece| {
        let len = match &piece {
            Walked::Gap(bytes) | Walked::Written(bytes) => bytes.len(),
            Walked::Spelled { len, .. } => *len,
        };
        if at < range.end && at + len > range.start {
            first.get_or_insert(at);
            match piece {
                Walked::Gap(bytes) | Walked::Written(bytes) => text.extend_from_slice(bytes),
                Walked::Spelled { position, spelling, ending, .. } => {
                    let from = text.len();
                    match (word_at(position), spelling, ending) {
                        (Some(folded), 0, 0) => text.extend_from_slice(folded.as_bytes()),
                        (Some(folded), _, _) => {
                            spelled.clear();
                            spell(folded, spelling, ending, &mut spelled);
                            text.extend_from_slice(spelled.as_bytes());
                        }
                        (None, _, _) => {}
                    }
                    // The length the walk counted, whatever the form says
                    // (a damaged index): the offsets must hold.
                    text.resize(from + len, b'?');
                }
            }
        }
        at += len;
    });
    (into_text(text), first.unwrap_or(at.min(range.start)))
}

/// One piece of a template as [`walk_lengths`] reads it.
enum Walked<'b> {
    /// Text between words.
    Gap(&'b [u8]),
    /// A word written out.
    Written(&'b [u8]),
    /// The word at the field's `position`, spelled from its folded form,
    /// `len` bytes once spelled.
    Spelled { position: u32, spelling: u8, ending: u8, len: usize },
}

/// Reads one template, passing its pieces to `visit` in order, each
/// spelled word with its length from `length_at` (a word it does not know
/// is left out, as [`decode`] leaves it). Corrupt bytes end the walk
/// early, never panic.
fn walk_lengths<'b, 'f>(r: &mut Reader<'b>, length_at: impl Fn(u32) -> Option<FormLength<'f>>, mut visit: impl FnMut(Walked<'b>)) {
    let n = r.varint();
    let len = r.varint() as usize;
    let mut body = Reader::new(r.bytes(len));
    let gap_len = body.varint() as usize;
    visit(Walked::Gap(body.bytes(gap_len)));
    let mut scratch = String::new();
    for i in 0..n.min(len as u64) {
        let op = body.u8();
        if op & SPELLING == LITERAL {
            let n = body.varint() as usize;
            visit(Walked::Written(body.bytes(n)));
        } else {
            let (spelling, ending) = (op & SPELLING, (op >> ENDING_SHIFT) & 3);
            let len = match length_at(i as u32) {
                Some(FormLength::Ascii(n)) => Some(n + ENDINGS[ending as usize].len()),
                Some(FormLength::Form(folded)) => {
                    scratch.clear();
                    spell(folded, spelling, ending, &mut scratch);
                    Some(scratch.len())
                }
                None => None,
            };
            if let Some(len) = len {
                visit(Walked::Spelled { position: i as u32, spelling, ending, len });
            }
        }
        if op & SPACE_FOLLOWS != 0 {
            visit(Walked::Gap(b" "));
        } else if op & NEWLINE_FOLLOWS != 0 {
            visit(Walked::Gap(b"\n"));
        } else {
            let gap_len = body.varint() as usize;
            visit(Walked::Gap(body.bytes(gap_len)));
        }
        if body.bad {
            break;
        }
    }
}

/// Passes every word a template writes out (stop words, and words their
/// folded form does not spell) to `literal`. Corrupt bytes end the walk
/// early, never panic.
pub fn for_each_literal(r: &mut Reader<'_>, mut literal: impl FnMut(&[u8])) {
    // No spelled word is measured: only the written ones are wanted.
    walk_lengths(r, |_| None, |piece| {
        if let Walked::Written(bytes) = piece {
            literal(bytes);
        }
    });
}

#[cfg(all(test, feature = "build"))]
mod tests {
    use super::*;
    use crate::analyze::Analyzer;

    fn round_trip(text: &str) {
        let analyzer = Analyzer::new("english");
        let tokens: Vec<_> = analyzer.tokens(text).collect();
        let mut bytes = Vec::new();
        encode(text, tokens.iter().map(|t| (t.start, t.end, t.exact.as_str(), !analyzer.is_stopword(&t.exact))), &mut bytes);
        let mut out = String::new();
        decode(&mut Reader::new(&bytes), |i| tokens.get(i as usize).map(|t| t.exact.as_str()), &mut out);
        assert_eq!(out, text);
    }

    #[test]
    fn fields_come_back_byte_for_byte() {
        for text in [
            "",
            " ",
            "  leading and trailing  ",
            "NATO's Secretary General, Lord Robertson’s visit—the first; U.S. OIL's 1,000.5 mln dlrs",
            "Élysée GROẞE Straße Łódź İstanbul don't O'Neill ALLIES'S",
            "<script>alert(1)</script>\n\n\tTabs\r\nand CRLF",
            "ﬁne ligatures and ᾯ and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 and ½",
        ] {
            round_trip(text);
        }
    }

    #[test]
    fn bytes_that_are_not_text_read_as_question_marks_in_place() {
        // One word, `oil`, after a gap holding a byte no writer writes and
        // a cut-off three-byte sequence: each bad byte becomes one `?`, so
        // the word is where its offsets say.
        let body = [4u8, 0xFF, 0xE2, 0x80, b' ', 0, 0];
        let bytes = [&[1u8, body.len() as u8][..], &body].concat();
        let mut out = String::new();
        let mut words = Vec::new();
        decode_with_words(&mut Reader::new(&bytes), |_| Some("oil"), &mut out, |s, e, w| words.push((s, e, w)));
        assert_eq!(out, "??? oil");
        assert_eq!(words, [(4, 7, Some("oil"))]);
        assert_eq!(&out[4..7], "oil");
    }

    #[test]
    fn spelled_words_cost_one_byte() {
        let analyzer = Analyzer::new("english");
        let text = "Oil prices ROSE";
        let tokens: Vec<_> = analyzer.tokens(text).collect();
        let mut bytes = Vec::new();
        encode(text, tokens.iter().map(|t| (t.start, t.end, t.exact.as_str(), true)), &mut bytes);
        // n_words, byte_len, empty leading gap, three ops, empty final gap.
        assert_eq!(bytes.len(), 2 + 1 + 3 + 1);
    }
}
