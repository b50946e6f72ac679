//! Word statistics of a selection: its most frequent and most distinctive
//! words, the words found near a word (collocates), and documents similar
//! to one.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::index::{Index, NO_TERM};
use crate::sort::sort_by;
use crate::search::{Hit, SearchRequest, Selection, Sort};

use super::{is_content_word, log_likelihood, select, SIGNIFICANT_G2};

/// Most frequent words of a selection weighed for distinctiveness (each
/// costs one postings list).
pub const MAX_DISTINCTIVE_CANDIDATES: usize = 400;
/// Most frequent words of a split index's selection weighed for
/// distinctiveness: each costs the dictionary piece its word lies in,
/// fetched.
pub const MAX_SAMPLED_DISTINCTIVE_CANDIDATES: usize = 100;
/// Words a "similar documents" query is made of.
pub const SIMILAR_WORDS: usize = 12;

/// A word with a count and a score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TermScore {
    /// The word's exact (folded) form.
    pub term: String,
    /// Occurrences in the texts read (near the word, for collocates).
    pub count: usize,
    /// Log-likelihood (distinctive terms, collocates) or the count.
    pub score: f64,
}

/// Words found near a word, and how many documents were read for them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Collocates {
    /// The words, most strongly associated first.
    pub words: Vec<TermScore>,
    /// How many documents were read (those with the word, or a sample).
    pub documents_read: usize,
    /// How many selected documents have the word.
    pub documents: usize,
}

/// Word statistics of a selection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TermStats {
    /// Most frequent words (stop words, numbers and words under three
    /// letters left out).
    pub frequent: Vec<TermScore>,
    /// Words whose share of the words read most exceeds their share of the
    /// whole corpus's words (log-likelihood, at least
    /// [`SIGNIFICANT_G2`]: empty when nothing stands out).
    pub distinctive: Vec<TermScore>,
    /// How many documents were read.
    pub documents_read: usize,
    /// How many documents the selection has.
    pub documents: usize,
}


/// The most frequent and most distinctive words of the selection (at
/// most `limit` each), counted over the documents it reads (every
/// selected document, or in a split index a sample: see
/// [`Index::documents_to_read`]). Distinctive words are those whose share
/// of the words read most exceeds their share of all the corpus's words
/// (log-likelihood, significant at p < 0.05); the most frequent ([`MAX_DISTINCTIVE_CANDIDATES`], or
/// in a split index [`MAX_SAMPLED_DISTINCTIVE_CANDIDATES`]) are weighed.
pub(crate) fn term_stats(index: &Index<'_>, selection: &Selection, limit: usize) -> TermStats {
    if index.is_split() && selection.is_whole_corpus() {
        // The core lists them: the overview reads no piece.
        let mut frequent: Vec<TermScore> = index
            .frequent_words()
            .into_iter()
            .filter(|(word, _)| is_content_word(index, word))
            .map(|(term, occurrences)| TermScore { term, count: occurrences as usize, score: occurrences as f64 })
            .collect();
        frequent.truncate(limit);
        return TermStats { frequent, distinctive: Vec::new(), documents_read: index.len(), documents: index.len() };
    }
    let docs = select(index, selection).docs;
    let read = index.documents_to_read(&docs);
    let words = WordsRead::of(index, &read);
    let mut by_term = vec![0u32; words.term_count()];
    let mut words_read = 0u64;
    for &d in &read {
        words_read += words.length(d);
        words.for_each_term(d, |term| {
            if let Some(c) = by_term.get_mut(term as usize) {
                *c += 1;
            }
        });
    }
    let counts = by_term.iter().enumerate().filter(|(_, &c)| c > 0).filter_map(|(term, &c)| {
        let word = words.form(term as u32)?;
        is_content_word(index, word).then_some((word, c as usize))
    });
    let mut frequent: Vec<TermScore> =
        counts.map(|(t, c)| TermScore { term: t.to_string(), count: c, score: c as f64 }).collect();
    sort_by(&mut frequent, |a, b| b.count.cmp(&a.count).then_with(|| a.term.cmp(&b.term)));
    let corpus_words = index.word_count();
    // Nothing stands out of the whole corpus against itself.
    let candidates = match (selection.is_whole_corpus(), index.is_split()) {
        (true, _) => 0,
        (false, true) => MAX_SAMPLED_DISTINCTIVE_CANDIDATES,
        (false, false) => MAX_DISTINCTIVE_CANDIDATES,
    };
    let mut distinctive: Vec<TermScore> = Vec::new();
    for candidate in frequent.iter().take(candidates) {
        let Some(list) = index.exact_list(&candidate.term) else { continue };
        let p = index.occurrences(list) as f64 / corpus_words.max(1) as f64;
        let score = log_likelihood(candidate.count as f64, words_read as f64, p);
        if score >= SIGNIFICANT_G2 {
            distinctive.push(TermScore { term: candidate.term.clone(), count: candidate.count, score });
        }
    }
    sort_by(&mut distinctive, |a, b| b.score.total_cmp(&a.score).then_with(|| a.term.cmp(&b.term)));
    distinctive.truncate(limit);
    frequent.truncate(limit);
    TermStats { frequent, distinctive, documents_read: read.len(), documents: docs.len() }
}

/// Words occurring within `window` words of `term` (matched by stem) in
/// the texts of the selected documents that contain it (those an analysis
/// reads: every one, or in a split index a sample), ranked by
/// log-likelihood against their frequency in those texts overall. Stop
/// words fill positions but are never collocates.
pub(crate) fn collocates(index: &Index<'_>, selection: &Selection, term: &str, window: usize, limit: usize) -> Collocates {
    const UNSEEN: u8 = 0;
    const TARGET: u8 = 1;
    const CONTENT: u8 = 2;
    const OTHER: u8 = 3;
    let window = window.clamp(1, 20);
    let Some(word) = index.analyzer().words(term).into_iter().next() else { return Collocates::default() };
    let stem = index.analyzer().stem(&word).into_owned();
    let with_term = Selection { query: format!("{} {}", selection.query, word), ..selection.clone() };
    let docs = select(index, &with_term).docs;
    let read = index.documents_to_read(&docs);
    let words = WordsRead::of(index, &read);
    let terms = words.term_count();
    // What each term is, found when first met: stemming is the costly
    // step, and most of the dictionary never shows up.
    let mut kinds = vec![UNSEEN; terms];
    let mut kind_of = |t: u32| -> u8 {
        let Some(kind) = kinds.get_mut(t as usize) else { return OTHER };
        if *kind == UNSEEN {
            let form = words.form(t).unwrap_or("");
            *kind = if index.analyzer().stem(form) == stem {
                TARGET
            } else if is_content_word(index, form) {
                CONTENT
            } else {
                OTHER
            };
        }
        *kind
    };
    let (mut near, mut overall) = (vec![0u32; terms], vec![0u32; terms]);
    let (mut near_total, mut total) = (0u64, 0u64);
    let mut close: Vec<bool> = Vec::new();
    for &d in &read {
        let body = words.body(d);
        close.clear();
        close.resize(body.len(), false);
        for (i, &t) in body.iter().enumerate() {
            if t != NO_TERM && kind_of(t) == TARGET {
                let to = (i + window).min(body.len() - 1);
                close[i.saturating_sub(window)..=to].fill(true);
            }
        }
        for (&t, &is_close) in body.iter().zip(&close) {
            if t == NO_TERM || kind_of(t) != CONTENT {
                continue;
            }
            total += 1;
            overall[t as usize] += 1;
            if is_close {
                near_total += 1;
                near[t as usize] += 1;
            }
        }
    }
    let mut out: Vec<TermScore> = near
        .iter()
        .enumerate()
        .filter(|&(_, &c)| c >= 2 || (c > 0 && read.len() < 5))
        .filter_map(|(t, &c)| {
            let p = overall[t] as f64 / total.max(1) as f64;
            let score = log_likelihood(c as f64, near_total as f64, p);
            (score >= SIGNIFICANT_G2).then(|| TermScore { term: words.form(t as u32).unwrap_or("").to_string(), count: c as usize, score })
        })
        .collect();
    sort_by(&mut out, |a, b| b.score.total_cmp(&a.score).then_with(|| a.term.cmp(&b.term)));
    out.truncate(limit);
    Collocates { words: out, documents_read: read.len(), documents: docs.len() }
}

/// The words of the documents an analysis reads, by number. The single
/// layout has every document's words in its forward view, numbered as
/// its dictionary: they are read from there. A split index's page has no
/// forward view, and its dictionary lies in pieces: each document's
/// stored text is put through the analyser, and its words numbered as
/// they are first met.
enum WordsRead<'i, 'a> {
    Index(&'i Index<'a>),
    Texts {
        /// Each number's form.
        forms: Vec<String>,
        /// Each read document's words, title then body, [`NO_TERM`] where
        /// a stop word stands, and its title's length.
        slots: HashMap<u32, (Vec<u32>, usize)>,
    },
}

impl<'i, 'a> WordsRead<'i, 'a> {
    /// The words of `docs`.
    fn of(index: &'i Index<'a>, docs: &[u32]) -> WordsRead<'i, 'a> {
        if !index.is_split() {
            return WordsRead::Index(index);
        }
        let analyzer = index.analyzer();
        let mut forms: Vec<String> = Vec::new();
        let mut numbers: HashMap<String, u32> = HashMap::new();
        let mut slots = HashMap::with_capacity(docs.len());
        for &d in docs {
            // Asked for each before any is used, so that a split index's
            // missing records are fetched in one round.
            let Some(head) = index.stored_head(d) else { continue };
            let mut words = Vec::new();
            let mut title_len = 0;
            for (part, text) in [&head.title, &head.text].into_iter().enumerate() {
                analyzer.for_each_token(text, |_, _, exact| {
                    let number = if analyzer.is_stopword(exact) {
                        NO_TERM
                    } else if let Some(&n) = numbers.get(exact) {
                        n
                    } else {
                        let n = forms.len() as u32;
                        forms.push(exact.to_string());
                        numbers.insert(exact.to_string(), n);
                        n
                    };
                    words.push(number);
                });
                if part == 0 {
                    title_len = words.len();
                }
            }
            slots.insert(d, (words, title_len));
        }
        WordsRead::Texts { forms, slots }
    }

    /// How many numbers there are.
    fn term_count(&self) -> usize {
        match self {
            WordsRead::Index(index) => index.term_count(),
            WordsRead::Texts { forms, .. } => forms.len(),
        }
    }

    /// The form of a number.
    fn form(&self, term: u32) -> Option<&str> {
        match self {
            WordsRead::Index(index) => index.term_form(term),
            WordsRead::Texts { forms, .. } => forms.get(term as usize).map(String::as_str),
        }
    }

    /// How many words a document has, stop words counted.
    fn length(&self, doc: u32) -> u64 {
        match self {
            WordsRead::Index(index) => {
                let (title, body) = index.lengths(doc);
                title as u64 + body as u64
            }
            WordsRead::Texts { slots, .. } => slots.get(&doc).map_or(0, |(words, _)| words.len() as u64),
        }
    }

    /// Every word of a document but its stop words, title then body.
    fn for_each_term(&self, doc: u32, mut each: impl FnMut(u32)) {
        match self {
            WordsRead::Index(index) => index.document_terms(doc).for_each(each),
            WordsRead::Texts { slots, .. } => {
                slots.get(&doc).into_iter().flat_map(|(words, _)| words).filter(|&&t| t != NO_TERM).for_each(|&t| each(t))
            }
        }
    }

    /// A document's body words in order, [`NO_TERM`] where a stop word
    /// stands.
    fn body(&self, doc: u32) -> &[u32] {
        match self {
            WordsRead::Index(index) => index.body_terms(doc),
            WordsRead::Texts { slots, .. } => slots.get(&doc).map_or(&[], |(words, title_len)| &words[*title_len..]),
        }
    }
}

/// Documents most like the one with this id: its [`SIMILAR_WORDS`] most
/// typical words (frequency in it times rarity in the corpus) searched
/// as alternatives, the document itself left out.
pub(crate) fn similar(index: &Index<'_>, id: &str, limit: usize) -> Vec<Hit> {
    let Some(doc) = index.document(id) else { return Vec::new() };
    let mut tf: HashMap<String, u32> = HashMap::new();
    for part in [&doc.title, &doc.text] {
        index.analyzer().for_each_token(part, |_, _, exact| {
            if is_content_word(index, exact) {
                *tf.entry(exact.to_string()).or_insert(0) += 1;
            }
        });
    }
    let n = index.len() as f64;
    let mut weighted: Vec<(f64, String)> = tf
        .into_iter()
        .map(|(t, c)| {
            let df = index.term(&t).map_or(1, |info| info.document_frequency).max(1) as f64;
            ((1.0 + (c as f64).ln()) * (n / df).ln(), t)
        })
        .filter(|(w, _)| *w > 0.0)
        .collect();
    sort_by(&mut weighted, |a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let words: Vec<String> = weighted.into_iter().take(SIMILAR_WORDS).map(|(_, t)| format!("={t}")).collect();
    if words.is_empty() {
        return Vec::new();
    }
    let request =
        SearchRequest::of(Selection::of_query(words.join(" OR ")), Sort::Relevance, limit.saturating_add(1));
    crate::query::search(index, &request).hits.into_iter().filter(|h| h.id != doc.id).take(limit).collect()
}
