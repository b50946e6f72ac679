//! Snippets: the best passage of a hit with every matching word marked.
//!
//! The passage is a byte-exact substring of the stored text (with `…` where
//! it was cut), and marks are byte ranges into the returned text, so the
//! page can wrap them without searching again. A word is marked when its
//! exact form was asked for (exact, prefix and fuzzy words expand to exact
//! forms) or when its stem is the stem of a query word; a quoted phrase is
//! marked where its words stand together, as one mark, and not word by word
//! elsewhere. [`Highlight::find`] is the one place that decides this, for
//! snippets, keyword in context and the reader alike.

use std::borrow::Cow;
use std::cell::RefCell;
use rustc_hash::FxHashMap as HashMap;

use crate::analyze::{folded, Analyzer};
use crate::search::Snippet;

/// Target length of a passage in bytes.
pub const PASSAGE_BYTES: usize = 240;

/// What to mark: exact forms, stems and exact phrases, each with the query
/// word or phrase it stands for (so a passage with more distinct query words
/// wins).
#[derive(Debug, Default, Clone)]
pub struct Highlight {
    exact: HashMap<String, usize>,
    stems: HashMap<String, usize>,
    /// Each phrase's words as stems, `None` for a stop word (which a
    /// phrase reads as any word), with its group.
    phrases: Vec<(Vec<Option<String>>, usize)>,
    groups: usize,
    /// The groups of words typed as stop words ("the", "in" of a question
    /// answered by best match): marked only when nothing else is asked for.
    stop_groups: Vec<usize>,
    /// Each word form met so far and the group it marks, if any: the ten
    /// hits of a page (or a concordance's lines) share most of their words,
    /// and stemming them is the costly step.
    word_groups: RefCell<HashMap<String, Option<usize>>>,
}

/// A word of a text: its byte range and its exact (folded) form.
pub type TextToken<'t> = (usize, usize, Cow<'t, str>);

impl Highlight {
    /// Marks this exact form; `stop_word` when the query typed a stop word.
    pub fn add_exact(&mut self, form: &str, stop_word: bool) {
        let g = self.new_group(stop_word);
        self.exact.entry(form.to_string()).or_insert(g);
    }

    /// Marks every form with this stem; `stop_word` when the query typed a
    /// stop word.
    pub fn add_stem(&mut self, stem: &str, stop_word: bool) {
        let g = self.new_group(stop_word);
        self.stems.entry(stem.to_string()).or_insert(g);
    }

    fn new_group(&mut self, stop_word: bool) -> usize {
        // A word met before may mark this group now.
        self.word_groups.get_mut().clear();
        let g = self.groups;
        self.groups += 1;
        if stop_word {
            self.stop_groups.push(g);
        }
        g
    }

    /// Marks this phrase where its words stand together: `words` are
    /// their stems, `None` for a stop word (any word will do there).
    pub fn add_phrase(&mut self, words: Vec<Option<String>>) {
        if words.iter().all(Option::is_none) {
            return;
        }
        let g = self.groups;
        self.groups += 1;
        self.phrases.push((words, g));
    }

    /// Every match among a text's words, in order and not overlapping, as
    /// `(start, end, group)`: at each word a phrase starting there wins
    /// over the word alone.
    pub fn find(&self, analyzer: &Analyzer, tokens: &[TextToken<'_>]) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        if self.is_empty() {
            return out;
        }
        // Stems of the text's words, computed only when a phrase asks.
        let mut stems: Vec<Option<String>> = if self.phrases.is_empty() { Vec::new() } else { vec![None; tokens.len()] };
        let mut word_groups = self.word_groups.borrow_mut();
        // Stop words are marked only in a query of nothing else: in a
        // sentence, "the" marked at every turn hides the words that count.
        let only_stop_words = self.phrases.is_empty() && self.stop_groups.len() == self.groups;
        let marked = |g: usize| only_stop_words || !self.stop_groups.contains(&g);
        let mut i = 0;
        while i < tokens.len() {
            let mut matched = None;
            for (phrase, group) in &self.phrases {
                if i + phrase.len() > tokens.len() {
                    continue;
                }
                let together = phrase.iter().enumerate().all(|(j, word)| match word {
                    None => true,
                    Some(stem) => {
                        let exact = &tokens[i + j].2;
                        // Snowball stems keep a word's first letters: a cheap
                        // test spares stemming most words.
                        shares_start(exact, stem) && stems[i + j].get_or_insert_with(|| analyzer.stem(exact).into_owned()) == stem
                    }
                });
                if together {
                    matched = Some((phrase.len(), *group));
                    break;
                }
            }
            if matched.is_none() {
                matched = self.word_group(analyzer, &tokens[i].2, &mut *word_groups).filter(|&g| marked(g)).map(|g| (1, g));
            }
            match matched {
                Some((len, group)) => {
                    out.push((tokens[i].0, tokens[i + len - 1].1, group));
                    i += len;
                }
                None => i += 1,
            }
        }
        out
    }

    /// The group of a single word to mark, if it is one: its exact form, or
    /// its stem (stemmed only when it could have a wanted stem, and once per
    /// form in `cache`).
    fn word_group(&self, analyzer: &Analyzer, exact: &str, cache: &mut HashMap<String, Option<usize>>) -> Option<usize> {
        if let Some(&g) = self.exact.get(exact) {
            return Some(g);
        }
        if self.stems.is_empty() || !self.could_have_stem(exact) {
            return None;
        }
        if let Some(&g) = cache.get(exact) {
            return g;
        }
        let g = self.stems.get(analyzer.stem(exact).as_ref()).copied();
        cache.insert(exact.to_string(), g);
        g
    }

    /// Whether a word could have one of the stems (a cheap test).
    fn could_have_stem(&self, word: &str) -> bool {
        self.stems.keys().any(|stem| shares_start(word, stem))
    }

    /// Whether nothing is to be marked.
    pub fn is_empty(&self) -> bool {
        self.exact.is_empty() && self.stems.is_empty() && self.phrases.is_empty()
    }
}

/// Whether a word starts like a stem (its first two bytes), which every
/// form with that stem does. Asked at every word of every hit, so the
/// bytes are compared one by one: a slice comparison calls `memcmp`.
#[inline]
fn shares_start(word: &str, stem: &str) -> bool {
    let (w, s) = (word.as_bytes(), stem.as_bytes());
    match s.len() {
        0 => true,
        1 => w.first() == s.first(),
        _ => w.len() >= 2 && w[0] == s[0] && w[1] == s[1],
    }
}

/// The best passage of `text` for `highlight`, from the words of `text` as
/// the stored text's template gave them back (byte range, folded form or
/// `None` for a word written out), which saves segmenting and folding the
/// text again: the same snippet.
pub fn make_from_words(analyzer: &Analyzer, text: &str, words: &[(usize, usize, Option<&str>)], highlight: &Highlight) -> Snippet {
    let tokens = template_tokens(text, words);
    make_with(text, &highlight.find(analyzer, &tokens))
}

/// A text's words as its record gave them back, each with its folded
/// form: the dictionary's for a word a template spells, folded here for
/// one written out (a template's stop words, every word of a split
/// index's record).
pub fn template_tokens<'t>(text: &'t str, words: &[(usize, usize, Option<&'t str>)]) -> Vec<TextToken<'t>> {
    words
        .iter()
        .map(|&(start, end, form)| {
            let exact = match form {
                Some(form) => Cow::Borrowed(form),
                // Most such words are in lower-case ASCII, their own
                // folded form: no copy for them.
                None => folded(text.get(start..end).unwrap_or("")),
            };
            (start, end, exact)
        })
        .collect()
}

/// The passage of `text` around the best window of `found`, the matches
/// `(start, end, group)` in text order.
fn make_with(text: &str, found: &[(usize, usize, usize)]) -> Snippet {
    // The window of matches within PASSAGE_BYTES with the most distinct
    // query words, then the most matches; the earliest wins ties.
    let (mut best, mut best_score) = ((0usize, 0usize), (0usize, 0usize));
    let mut counts: HashMap<usize, usize> = HashMap::default();
    let mut left = 0;
    for right in 0..found.len() {
        *counts.entry(found[right].2).or_insert(0) += 1;
        while left < right && found[right].1 - found[left].0 > PASSAGE_BYTES {
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
