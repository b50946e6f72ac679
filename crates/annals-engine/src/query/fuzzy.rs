//! A lazy edit-distance automaton for typo tolerance.
//!
//! `fst::automaton::Levenshtein` builds a whole DFA before the search
//! starts; for a nine-letter word at distance 2 that alone takes over a
//! millisecond. This automaton instead carries one row of the classic
//! dynamic-programming table as its state and computes the next row per
//! byte, so the work is proportional to the part of the dictionary the
//! search actually visits. It compares bytes, so it is used for ASCII words
//! (after folding almost every word is); others go to `fst`'s automaton.

use fst::Automaton;

/// Longest word the automaton takes, in bytes.
pub const MAX_BYTES: usize = 24;

/// Words within `max` edits (insertions, deletions, substitutions) of `word`.
#[derive(Debug, Clone)]
pub struct EditDistance {
    word: [u8; MAX_BYTES],
    len: usize,
    max: u8,
}

/// One row of the table: distance of each prefix of the word to the input
/// read so far, saturated at `max + 1`. `None` once no match is possible.
pub type Row = Option<[u8; MAX_BYTES + 1]>;

impl EditDistance {
    /// The automaton, or `None` for a word it cannot take (not ASCII, or
    /// longer than [`MAX_BYTES`]).
    pub fn new(word: &str, max: u32) -> Option<EditDistance> {
        if !word.is_ascii() || word.len() > MAX_BYTES {
            return None;
        }
        let mut w = [0u8; MAX_BYTES];
        w[..word.len()].copy_from_slice(word.as_bytes());
        Some(EditDistance { word: w, len: word.len(), max: max.min(3) as u8 })
    }
}

impl Automaton for EditDistance {
    type State = Row;

    fn start(&self) -> Row {
        let mut row = [0u8; MAX_BYTES + 1];
        for (i, cell) in row.iter_mut().enumerate().take(self.len + 1) {
            *cell = (i as u8).min(self.max + 1);
        }
        Some(row)
    }

    fn is_match(&self, state: &Row) -> bool {
        matches!(state, Some(row) if row[self.len] <= self.max)
    }

    fn can_match(&self, state: &Row) -> bool {
        state.is_some()
    }

    fn accept(&self, state: &Row, byte: u8) -> Row {
        let old = state.as_ref()?;
        let cap = self.max + 1;
        let mut new = [0u8; MAX_BYTES + 1];
        new[0] = (old[0] + 1).min(cap);
        let mut best = new[0];
        for i in 1..=self.len {
            let substitute = old[i - 1] + u8::from(self.word[i - 1] != byte);
            let v = substitute.min(old[i] + 1).min(new[i - 1] + 1).min(cap);
            new[i] = v;
            best = best.min(v);
        }
        (best <= self.max).then_some(new)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fst::{IntoStreamer, Set, Streamer};

    #[test]
    fn finds_words_within_the_distance() {
        let set = Set::from_iter(["petrol", "petroleum", "serge", "sergeev", "sergeyev"]).unwrap();
        let run = |w: &str, d: u32| {
            let mut out = Vec::new();
            let mut s = set.search(EditDistance::new(w, d).unwrap()).into_stream();
            while let Some(k) = s.next() {
                out.push(String::from_utf8_lossy(k).into_owned());
            }
            out
        };
        assert_eq!(run("petrolium", 2), ["petroleum"]);
        assert_eq!(run("sergeyev", 1), ["sergeev", "sergeyev"]);
        assert_eq!(run("sergeyev", 0), ["sergeyev"]);
    }
}
