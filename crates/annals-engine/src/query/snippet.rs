//! Snippets: the best passage of a hit with every matching word marked.
//!
//! The passage is a byte-exact substring of the stored text (with `…` where
//! it was cut), and marks are byte ranges into the returned text, so the
//! page can wrap them without searching again. A word is marked when its
//! exact form was asked for (exact, prefix and fuzzy words expand to exact
//! forms) or when its stem is the stem of a query word.

use std::collections::HashMap;

use crate::analyze::{fold_into, Analyzer};
use crate::search::Snippet;

/// Target length of a passage in bytes.
pub const PASSAGE_BYTES: usize = 240;

/// What to mark: exact forms and stems, each with the query word it stands
/// for (so a passage with more distinct query words wins).
#[derive(Debug, Default, Clone)]
pub struct Highlight {
    exact: HashMap<String, usize>,
    stems: HashMap<String, usize>,
    groups: usize,
}

impl Highlight {
    /// Marks this exact form.
    pub fn add_exact(&mut self, form: &str) {
        let g = self.groups;
        self.groups += 1;
        self.exact.entry(form.to_string()).or_insert(g);
    }

    /// Marks every form with this stem.
    pub fn add_stem(&mut self, stem: &str) {
        let g = self.groups;
        self.groups += 1;
        self.stems.entry(stem.to_string()).or_insert(g);
    }

    /// Whether a word could have one of the stems (a cheap test).
    fn could_have_stem(&self, word: &str) -> bool {
        let w = word.as_bytes();
        self.stems.keys().any(|s| {
            let s = s.as_bytes();
            let n = s.len().min(2);
            w.len() >= n && w[..n] == s[..n]
        })
    }

    /// Whether a word (its exact form) is one to mark, stemming it only
    /// when it could have a wanted stem.
    pub fn marks(&self, analyzer: &Analyzer, exact: &str) -> bool {
        self.exact.contains_key(exact)
            || (!self.stems.is_empty() && self.could_have_stem(exact) && self.stems.contains_key(analyzer.stem(exact).as_ref()))
    }

    /// Whether nothing is to be marked.
    pub fn is_empty(&self) -> bool {
        self.exact.is_empty() && self.stems.is_empty()
    }
}

/// The best passage of `text` for `highlight`, from the words of `text` as the stored text's template gave
/// them back (byte range, folded form or `None` for a word written out),
/// which saves segmenting and folding the text again: the same snippet.
pub fn make_from_words(analyzer: &Analyzer, text: &str, words: &[(usize, usize, Option<&str>)], highlight: &Highlight) -> Snippet {
    make_with(analyzer, text, highlight, &mut |visit| {
        let mut folded = String::new();
        for &(start, end, form) in words {
            match form {
                Some(form) => visit(start, end, form),
                None => {
                    fold_into(text.get(start..end).unwrap_or(""), &mut folded);
                    visit(start, end, &folded);
                }
            }
        }
    })
}

/// A source of a text's words: it calls its argument with each word's
/// byte range and exact form.
type Words<'a> = dyn FnMut(&mut dyn FnMut(usize, usize, &str)) + 'a;

fn make_with(analyzer: &Analyzer, text: &str, highlight: &Highlight, words: &mut Words<'_>) -> Snippet {
    // Every matching word: (start, end, group).
    let mut found: Vec<(usize, usize, usize)> = Vec::new();
    if !highlight.is_empty() {
        let mut stem_cache: HashMap<String, Option<usize>> = HashMap::new();
        words(&mut |start, end, exact| {
            let group = match highlight.exact.get(exact) {
                Some(&g) => Some(g),
                None if highlight.stems.is_empty() => None,
                // Stemming is the costly step, so only words that could have
                // a wanted stem are stemmed: Snowball stems keep the word's
                // first letters, so a word must share a stem's first two.
                None if !highlight.could_have_stem(exact) => None,
                None => match stem_cache.get(exact) {
                    Some(&g) => g,
                    None => {
                        let g = highlight.stems.get(analyzer.stem(exact).as_ref()).copied();
                        stem_cache.insert(exact.to_string(), g);
                        g
                    }
                },
            };
            if let Some(g) = group {
                found.push((start, end, g));
            }
        });
    }

    // The window of matches within PASSAGE_BYTES with the most distinct
    // query words, then the most matches; the earliest wins ties.
    let (mut best, mut best_score) = ((0usize, 0usize), (0usize, 0usize));
    let mut counts: HashMap<usize, usize> = HashMap::new();
    let mut left = 0;
    for right in 0..found.len() {
        *counts.entry(found[right].2).or_insert(0) += 1;
        while found[right].1 - found[left].0 > PASSAGE_BYTES {
            let g = found[left].2;
            if let Some(c) = counts.get_mut(&g) {
                *c -= 1;
                if *c == 0 {
                    counts.remove(&g);
                }
            }
            left += 1;
        }
        let score = (counts.len(), right + 1 - left);
        if score > best_score {
            best_score = score;
            best = (left, right);
        }
    }

    let (start, end) = if found.is_empty() {
        (0, cut_end(text, 0, PASSAGE_BYTES))
    } else {
        let (ws, we) = (found[best.0].0, found[best.1].1);
        let slack = PASSAGE_BYTES.saturating_sub(we - ws);
        let start = passage_start(text, ws, slack / 3);
        let end = cut_end(text, start, PASSAGE_BYTES.max(we - start)).max(we);
        (start, end)
    };

    let mut out = String::with_capacity(end - start + 8);
    let lead = if start > 0 { "…" } else { "" };
    out.push_str(lead);
    out.push_str(text.get(start..end).unwrap_or(""));
    if end < text.len() {
        out.push('…');
    }
    let shift = lead.len();
    let marks = found
        .iter()
        .filter(|(s, e, _)| *s >= start && *e <= end)
        .map(|(s, e, _)| ((s - start + shift) as u32, (e - start + shift) as u32))
        .collect();
    Snippet { text: out, marks }
}

/// Where a passage around a match at `at` starts: up to `before` bytes
/// earlier, at a sentence or word start, never inside a character.
fn passage_start(text: &str, at: usize, before: usize) -> usize {
    if at <= before {
        return 0;
    }
    let mut s = at - before;
    while s > 0 && !text.is_char_boundary(s) {
        s -= 1;
    }
    let bytes = text.as_bytes();
    // A sentence start shortly before the window reads best.
    let lookback = s.saturating_sub(40);
    if let Some(i) = (lookback..at).rev().find(|&i| i + 1 < bytes.len() && matches!(bytes[i], b'.' | b'\n') && bytes[i + 1] == b' ' || bytes.get(i) == Some(&b'\n')) {
        let mut j = i + 1;
        while j < at && bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        if j <= at && text.is_char_boundary(j) && at - j <= before + 40 {
            return j;
        }
    }
    // Otherwise the next word start.
    while s < at && !bytes[s].is_ascii_whitespace() {
        s += 1;
    }
    while s < at && bytes[s].is_ascii_whitespace() {
        s += 1;
    }
    while s > 0 && !text.is_char_boundary(s) {
        s -= 1;
    }
    s
}

/// The end of a passage of about `len` bytes from `start`: at a word end,
/// never inside a character.
fn cut_end(text: &str, start: usize, len: usize) -> usize {
    let mut e = start.saturating_add(len);
    if e >= text.len() {
        return text.len();
    }
    while e > start && !text.is_char_boundary(e) {
        e -= 1;
    }
    let bytes = text.as_bytes();
    let mut w = e;
    while w > start && !bytes[w - 1].is_ascii_whitespace() {
        w -= 1;
    }
    if w > start + len / 2 {
        // Trim the whitespace before the cut.
        while w > start && bytes[w - 1].is_ascii_whitespace() {
            w -= 1;
        }
        return w;
    }
    e
}
