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

use std::ops::Range;

use crate::analyze::{folded, Analyzer};
use crate::index::{Index, Passage, PassageWord, WordAt};
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
    /// The same marks by term number, where the index gave the terms of
    /// the forms and stems (its single layout): a hit's words are then
    /// matched by number, without reading their forms.
    exact_terms: HashMap<u32, usize>,
    stem_terms: HashMap<u32, usize>,
    /// Each phrase's words' terms, sorted (empty for a stop word).
    phrase_terms: Vec<Vec<Vec<u32>>>,
    /// Whether a mark came without its terms: then words are matched by
    /// their forms only.
    terms_missing: bool,
}

/// A word as [`Highlight::find`] reads it.
pub trait Token {
    fn start(&self) -> usize;
    fn end(&self) -> usize;
    /// Its term number, where the dictionary spelled it.
    fn term(&self) -> Option<u32>;
    /// Its folded form (empty where only its term number is known).
    fn exact(&self) -> Cow<'_, str>;
}

impl Token for TextToken<'_> {
    fn start(&self) -> usize {
        self.start
    }
    fn end(&self) -> usize {
        self.end
    }
    fn term(&self) -> Option<u32> {
        None
    }
    fn exact(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.exact)
    }
}

/// A hit's word before its text is put back: a term is matched by its
/// number (see [`find_in_words`]), a word written out by its form, folded
/// when asked (most are in lower-case ASCII, their own folded form).
impl Token for PassageWord<'_> {
    fn start(&self) -> usize {
        self.start
    }
    fn end(&self) -> usize {
        self.end
    }
    fn term(&self) -> Option<u32> {
        match self.word {
            WordAt::Term(term) => Some(term),
            WordAt::Written(_) => None,
        }
    }
    fn exact(&self) -> Cow<'_, str> {
        match self.word {
            WordAt::Term(_) => Cow::Borrowed(""),
            WordAt::Written(written) => folded(written),
        }
    }
}

/// A word of a text: its byte range and its exact (folded) form, by
/// which it is matched.
#[derive(Debug, Clone)]
pub struct TextToken<'t> {
    pub start: usize,
    pub end: usize,
    pub exact: Cow<'t, str>,
}

impl Highlight {
    /// Marks this exact form, with its term number where the index knows
    /// it (`terms`); `stop_word` when the query typed a stop word.
    pub fn add_exact(&mut self, form: &str, stop_word: bool, terms: Option<Vec<u32>>) {
        let g = self.new_group(stop_word);
        self.exact.entry(form.to_string()).or_insert(g);
        self.add_terms(terms, g, stop_word, true);
    }

    /// Marks every form with this stem, with their term numbers where the
    /// index knows them (`terms`); `stop_word` when the query typed a stop
    /// word.
    pub fn add_stem(&mut self, stem: &str, stop_word: bool, terms: Option<Vec<u32>>) {
        let g = self.new_group(stop_word);
        self.stems.entry(stem.to_string()).or_insert(g);
        self.add_terms(terms, g, stop_word, false);
    }

    fn add_terms(&mut self, terms: Option<Vec<u32>>, group: usize, stop_word: bool, exact: bool) {
        let map = if exact { &mut self.exact_terms } else { &mut self.stem_terms };
        match terms {
            Some(terms) => {
                for t in terms {
                    map.entry(t).or_insert(group);
                }
            }
            // A stop word stands written out in the text, where its form
            // is at hand: it needs no terms.
            None if stop_word => {}
            None => self.terms_missing = true,
        }
    }

    /// Whether every mark came with its terms, so that words carrying a
    /// term number can be matched by it alone.
    pub fn by_terms(&self) -> bool {
        !self.terms_missing
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
    /// their stems, `None` for a stop word (any word will do there), and
    /// `terms` each word's term numbers where the index knows them.
    pub fn add_phrase(&mut self, words: Vec<Option<String>>, terms: Option<Vec<Vec<u32>>>) {
        if words.iter().all(Option::is_none) {
            return;
        }
        let g = self.groups;
        self.groups += 1;
        self.phrases.push((words, g));
        match terms {
            Some(mut terms) => {
                terms.iter_mut().for_each(|t| t.sort_unstable());
                self.phrase_terms.push(terms);
            }
            None => {
                self.terms_missing = true;
                self.phrase_terms.push(Vec::new());
            }
        }
    }

    /// Every match among a text's words, in order and not overlapping, as
    /// `(start, end, group)`: at each word a phrase starting there wins
    /// over the word alone.
    pub fn find<T: Token>(&self, analyzer: &Analyzer, tokens: &[T]) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        if self.is_empty() {
            return out;
        }
        // Stems of the text's words, computed only when a phrase asks.
        let mut stems: Vec<Option<String>> = if self.phrases.is_empty() { Vec::new() } else { vec![None; tokens.len()] };
        let mut word_groups = self.word_groups.borrow_mut();
        // A word with a term number is matched by it when every mark has
        // its terms; else (and for words written out) by its form.
        let by_terms = self.by_terms();
        // Stop words are marked only in a query of nothing else: in a
        // sentence, "the" marked at every turn hides the words that count.
        let only_stop_words = self.phrases.is_empty() && self.stop_groups.len() == self.groups;
        let marked = |g: usize| only_stop_words || !self.stop_groups.contains(&g);
        let mut i = 0;
        while i < tokens.len() {
            let mut matched = None;
            for ((phrase, group), terms) in self.phrases.iter().zip(&self.phrase_terms) {
                if i + phrase.len() > tokens.len() {
                    continue;
                }
                let together = phrase.iter().enumerate().all(|(j, word)| match (word, tokens[i + j].term()) {
                    (None, _) => true,
                    (Some(_), Some(term)) if by_terms => terms.get(j).is_some_and(|t| t.binary_search(&term).is_ok()),
                    (Some(stem), _) => {
                        let exact = tokens[i + j].exact();
                        // Snowball stems keep a word's first letters: a cheap
                        // test spares stemming most words.
                        shares_start(&exact, stem) && stems[i + j].get_or_insert_with(|| analyzer.stem(&exact).into_owned()) == stem
                    }
                });
                if together {
                    matched = Some((phrase.len(), *group));
                    break;
                }
            }
            if matched.is_none() {
                let group = match tokens[i].term() {
                    Some(term) if by_terms => self.exact_terms.get(&term).or_else(|| self.stem_terms.get(&term)).copied(),
                    _ => self.word_group(analyzer, &tokens[i].exact(), &mut word_groups),
                };
                matched = group.filter(|&g| marked(g)).map(|g| (1, g));
            }
            match matched {
                Some((len, group)) => {
                    out.push((tokens[i].start(), tokens[i + len - 1].end(), group));
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

/// The matches of `highlight` among a hit's words, before its text is
/// put back (see [`Index::hit_passage`]): by term number where the
/// highlight has every mark's terms, else by the words' forms.
pub fn find_in_words(index: &Index<'_>, highlight: &Highlight, words: &[PassageWord<'_>]) -> Vec<(usize, usize, usize)> {
    if highlight.by_terms() {
        return highlight.find(index.analyzer(), words);
    }
    // A mark without its terms (the split layout has none): every word
    // by its form.
    let tokens: Vec<TextToken<'_>> = words
        .iter()
        .map(|&PassageWord { start, end, word }| match word {
            WordAt::Term(term) => TextToken { start, end, exact: Cow::Borrowed(index.term_form(term).unwrap_or("")) },
            WordAt::Written(written) => TextToken { start, end, exact: folded(written) },
        })
        .collect();
    highlight.find(index.analyzer(), &tokens)
}

/// The bytes of a text of `total` bytes that the snippet of `found` (its
/// matches, as [`find_in_words`] gives them) is cut from, with room for
/// [`cut`] to look for a sentence start before the passage and a word end
/// after it.
pub fn passage_range(found: &[(usize, usize, usize)], total: usize) -> Range<usize> {
    match best_window(found) {
        None => 0..(PASSAGE_BYTES + 1).min(total),
        Some((start, end)) => start.saturating_sub(PASSAGE_BYTES)..end.saturating_add(PASSAGE_BYTES + 1).min(total),
    }
}

/// The snippet of `found` from the part of the text [`passage_range`]
/// asked for: the same as [`make_from_words`] cuts from the whole text.
pub fn cut(passage: &Passage, found: &[(usize, usize, usize)]) -> Snippet {
    make_with(&passage.text, passage.start, passage.total, found)
}

/// The best passage of `text` for `highlight`, from the words of `text` as
/// the stored text's template gave them back (byte range, folded form or
/// `None` for a word written out): what [`find_in_words`], [`passage_range`]
/// and [`cut`] give from part of the text, which the tests compare.
#[cfg(test)]
pub fn make_from_words(analyzer: &Analyzer, text: &str, words: &[(usize, usize, Option<&str>)], highlight: &Highlight) -> Snippet {
    let tokens = template_tokens(text, words);
    make_with(text, 0, text.len(), &highlight.find(analyzer, &tokens))
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
            TextToken { start, end, exact }
        })
        .collect()
}

/// The window of matches (first and last, as byte offsets) within
/// PASSAGE_BYTES with the most distinct query words, then the most
/// matches; the earliest wins ties. `None` without matches.
fn best_window(found: &[(usize, usize, usize)]) -> Option<(usize, usize)> {
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
    (!found.is_empty()).then(|| (found[best.0].0, found[best.1].1))
}

/// The passage around the best window of `found`, the matches `(start,
/// end, group)` in text order, from `text`: the bytes of a text of
/// `total` bytes from `base` on, which hold what [`passage_range`] asks
/// for (all of it when `base` is 0 and `text` is the whole text).
fn make_with(text: &str, base: usize, total: usize, found: &[(usize, usize, usize)]) -> Snippet {
    let (start, end) = match best_window(found) {
        None => (0, cut_end(text, 0, PASSAGE_BYTES)),
        Some((ws, we)) => {
            // Within the part whatever the offsets say (a damaged index).
            let (ws, we) = (ws.saturating_sub(base).min(text.len()), we.saturating_sub(base).min(text.len()));
            let slack = PASSAGE_BYTES.saturating_sub(we - ws);
            let start = passage_start(text, ws, slack / 3);
            let end = cut_end(text, start, PASSAGE_BYTES.max(we - start)).max(we).min(text.len());
            (start, end)
        }
    };

    let mut out = String::with_capacity(end - start + 8);
    let lead = if base + start > 0 { "…" } else { "" };
    out.push_str(lead);
    out.push_str(text.get(start..end).unwrap_or(""));
    if base + end < total {
        out.push('…');
    }
    let shift = lead.len();
    let (start, end) = (base + start, base + end);
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

#[cfg(all(test, feature = "build"))]
mod tests {
    use super::*;
    use crate::document::{CorpusMeta, Document};
    use crate::index::{IndexBuilder, SplitIndex};
    use crate::query::search::query_matches;
    use crate::search::Selection;

    /// A hit's snippet cut from the passage its words ask for is the one
    /// cut from its whole text: long texts (the passage from the middle),
    /// short ones, stop words, possessives, capitals and letters outside
    /// ASCII that spelling lengthens, phrases, prefixes; both layouts.
    #[test]
    fn a_snippet_from_its_passage_is_the_snippet_from_the_whole_text() {
        let filler = "The committee met again on Tuesday and talked about many other things at length. ";
        let texts = [
            format!("{}Oil prices ROSE sharply; OPEC's ministers met in Vienna. {}", filler.repeat(12), filler.repeat(9)),
            "Oil.".to_string(),
            format!("Straße and STRASSE: the ÉLYSÉE's view of oil markets. {}", filler.repeat(5)),
            format!("{}the oil-price war; Oil, oils and oiled machines.\n\nNew paragraph on prices, price and pricing.", filler.repeat(4)),
            format!("{}{}", filler.repeat(30), "Crude oil prices rose at the end."),
            "Nothing to see here but words.".to_string(),
        ];
        let mut builder = IndexBuilder::new(CorpusMeta::default());
        for (i, text) in texts.iter().enumerate() {
            let doc = Document {
                id: format!("d{i}"),
                title: format!("Title {i} about oil"),
                text: text.clone(),
                date: None,
                facets: Vec::new(),
                metadata: Vec::new(),
                origin: String::new(),
                mentions: Vec::new(),
            };
            builder.add(doc).unwrap();
        }
        let bytes = builder.finish().unwrap();
        let split = SplitIndex::from_single(&bytes).unwrap();
        let single = Index::open(&bytes).unwrap();
        let split_index = Index::open_split(&split.core).unwrap();
        for (name, piece) in &split.pieces {
            split_index.add_piece(name, piece).unwrap();
        }
        let queries = ["oil", "prices", "\"oil prices\"", "\"the oil\"", "oil~", "pric*", "strasse", "élysée", "opec vienna", "the", "committee -oil", "\"prices rose\"~3"];
        for index in [&single, &split_index] {
            for query in queries {
                let (_, eval) = query_matches(index, &Selection { query: query.into(), ..Selection::default() }, false);
                for doc in 0..texts.len() as u32 {
                    let mut words = Vec::new();
                    let head = index.stored_head_with_words(doc, &mut words).unwrap();
                    let whole = make_from_words(index.analyzer(), &head.text, &words, &eval.highlight);
                    let mut found = Vec::new();
                    let (_, passage) = index
                        .hit_passage(doc, |words, total| {
                            found = find_in_words(index, &eval.highlight, words);
                            passage_range(&found, total)
                        })
                        .unwrap();
                    assert_eq!(cut(&passage, &found), whole, "{query:?} in d{doc}");
                    assert!(passage.text.len() < head.text.len() || head.text.len() < 4 * PASSAGE_BYTES, "{query:?} in d{doc}: the whole text was read");
                }
            }
        }
    }
}
