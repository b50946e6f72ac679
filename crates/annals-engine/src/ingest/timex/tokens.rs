//! Splitting text into the tokens the rules match on.
//!
//! The rules look at a handful of tokens around each candidate, so the
//! scanner does one pass over the bytes and keeps, per token, its byte
//! span, whether whitespace came before it (so `1990s`, `28th`, `mid-1996`
//! and `10:35` are seen as glued pieces) and, for short ASCII words, a
//! lowercased copy in place. Nothing is allocated per token: the tagger runs
//! on every document at build time.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// A run of ASCII letters.
    Word,
    /// A run of ASCII digits.
    Number,
    /// One punctuation or symbol character (ASCII or not).
    Punct(char),
    /// A run of other letters (accented words, other scripts): never part of
    /// an expression, but it separates them.
    Other,
}

/// Longest word kept lowercased; longer words are never in the lexicon.
const KEY_LEN: usize = 15;

/// One token of the text.
#[derive(Debug, Clone, Copy)]
pub(super) struct Token {
    /// Byte offset where it starts.
    pub start: usize,
    /// Byte offset just past it.
    pub end: usize,
    /// What it is.
    pub kind: Kind,
    /// No whitespace between this token and the one before.
    pub glued: bool,
    /// A line break lies between this token and the one before.
    pub new_line: bool,
    /// Starts with an upper-case letter.
    pub capital: bool,
    /// Numeric value of a number token (saturating), 0 otherwise.
    pub number: u32,
    key: [u8; KEY_LEN],
    key_len: u8,
}

impl Token {
    /// The lowercased word, or `""` for anything else or a very long word.
    pub fn key(&self) -> &str {
        // Only ASCII letters are ever stored, so this cannot fail.
        std::str::from_utf8(&self.key[..self.key_len as usize]).unwrap_or("")
    }

    /// Number of digits of a number token.
    pub fn digits(&self) -> usize {
        if self.kind == Kind::Number {
            self.end - self.start
        } else {
            0
        }
    }

    /// Whether this is the punctuation character `c`.
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }
}

/// Splits `text` into tokens, in order.
pub(super) fn tokenize(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut at = 0;
    let mut glued = false;
    let mut new_line = false;
    while at < bytes.len() {
        let byte = bytes[at];
        if byte.is_ascii_whitespace() {
            new_line |= byte == b'\n';
            glued = false;
            at += 1;
            continue;
        }
        let start = at;
        let mut token = Token {
            start,
            end: start,
            kind: Kind::Other,
            glued: glued && !tokens.is_empty(),
            new_line,
            capital: false,
            number: 0,
            key: [0; KEY_LEN],
            key_len: 0,
        };
        if byte.is_ascii_alphabetic() {
            while at < bytes.len() && bytes[at].is_ascii_alphabetic() {
                at += 1;
            }
            token.kind = Kind::Word;
            token.capital = byte.is_ascii_uppercase();
            if at - start <= KEY_LEN {
                for (slot, letter) in token.key.iter_mut().zip(&bytes[start..at]) {
                    *slot = letter.to_ascii_lowercase();
                }
                token.key_len = (at - start) as u8;
            }
        } else if byte.is_ascii_digit() {
            let mut value: u32 = 0;
            while at < bytes.len() && bytes[at].is_ascii_digit() {
                value = value.saturating_mul(10).saturating_add(u32::from(bytes[at] - b'0'));
                at += 1;
            }
            token.kind = Kind::Number;
            token.number = value;
        } else {
            // One character; the slice starts on a boundary because every
            // branch above stops at an ASCII byte or the end.
            let c = text[start..].chars().next().unwrap_or(' ');
            if c.is_alphanumeric() {
                at += c.len_utf8();
                while at < bytes.len() {
                    let Some(next) = text[at..].chars().next() else { break };
                    if !next.is_alphanumeric() {
                        break;
                    }
                    at += next.len_utf8();
                }
                token.kind = Kind::Other;
            } else if c.is_whitespace() {
                // Non-ASCII spaces (no-break space) separate like spaces.
                at += c.len_utf8();
                glued = false;
                continue;
            } else {
                at += c.len_utf8();
                token.kind = Kind::Punct(c);
            }
        }
        token.end = at;
        tokens.push(token);
        glued = true;
        new_line = false;
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_keep_their_glue() {
        let text = "In the 1990s, mid-1996 at 10:35 a.m. Ñandú’s 28th";
        let tokens = tokenize(text);
        let shown: Vec<(&str, bool)> = tokens.iter().map(|t| (&text[t.start..t.end], t.glued)).collect();
        assert_eq!(
            shown,
            vec![
                ("In", false),
                ("the", false),
                ("1990", false),
                ("s", true),
                (",", true),
                ("mid", false),
                ("-", true),
                ("1996", true),
                ("at", false),
                ("10", false),
                (":", true),
                ("35", true),
                ("a", false),
                (".", true),
                ("m", true),
                (".", true),
                ("Ñandú", false),
                ("’", true),
                ("s", true),
                ("28", false),
                ("th", true),
            ]
        );
        assert_eq!(tokens[0].key(), "in");
        assert!(tokens[0].capital);
        assert_eq!(tokens[2].number, 1990);
        assert_eq!(tokens[2].digits(), 4);
        assert_eq!(tokens[16].kind, Kind::Other);
    }

    #[test]
    fn line_breaks_are_noted() {
        let tokens = tokenize("a\n\nb c");
        assert!(!tokens[0].new_line);
        assert!(tokens[1].new_line);
        assert!(!tokens[2].new_line);
    }
}
