//! Word statistics of a selection: its most frequent and most distinctive
//! words, the words found near a word (collocates), and documents similar
//! to one.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::index::{Index, NO_TERM};
use crate::sort::sort_by;
use crate::search::{Hit, SearchRequest, Selection, Sort};

use super::{is_content_word, log_likelihood, select};

/// Most frequent words of a selection weighed for distinctiveness (each
/// costs one postings list).
pub const MAX_DISTINCTIVE_CANDIDATES: usize = 400;
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

/// Word statistics of a selection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TermStats {
    /// Most frequent words (stop words, numbers and words under three
    /// letters left out).
    pub frequent: Vec<TermScore>,
    /// Words whose share of the words read most exceeds their share of the
    /// whole corpus's words (log-likelihood).
    pub distinctive: Vec<TermScore>,
    /// How many documents were read.
    pub documents_read: usize,
    /// How many documents the selection has.
    pub documents: usize,
}


/// The most frequent and most distinctive words of the selection (at
/// most `limit` each), counted over every selected document. Distinctive
/// words are those whose share of the selection's words most exceeds
/// their share of all the corpus's words (log-likelihood); the
/// [`MAX_DISTINCTIVE_CANDIDATES`] most frequent are weighed.
pub(crate) fn term_stats(index: &Index<'_>, selection: &Selection, limit: usize) -> TermStats {
    let docs = select(index, selection).docs;
    let mut by_term = vec![0u32; index.term_count()];
    let mut words_read = 0u64;
    for &d in &docs {
        let (title, body) = index.lengths(d);
        words_read += title as u64 + body as u64;
        for term in index.document_terms(d) {
            if let Some(c) = by_term.get_mut(term as usize) {
                *c += 1;
            }
        }
    }
    let counts = by_term.iter().enumerate().filter(|(_, &c)| c > 0).filter_map(|(term, &c)| {
        let word = index.term_form(term as u32)?;
        is_content_word(index, word).then_some((word, c as usize))
    });
    let mut frequent: Vec<TermScore> =
        counts.map(|(t, c)| TermScore { term: t.to_string(), count: c, score: c as f64 }).collect();
    sort_by(&mut frequent, |a, b| b.count.cmp(&a.count).then_with(|| a.term.cmp(&b.term)));
    let corpus_words: u64 = (0..index.doc_count()).map(|d| {
        let (t, b) = index.lengths(d);
        (t + b) as u64
    }).sum();
    let mut distinctive: Vec<TermScore> = Vec::new();
    let mut postings = Vec::new();
    for candidate in frequent.iter().take(MAX_DISTINCTIVE_CANDIDATES) {
        let Some(list) = index.exact_list(&candidate.term) else { continue };
        postings.clear();
        index.postings(list, false, &mut postings);
        let in_corpus: u64 = postings.iter().map(|p| (p.tf_title + p.tf_body) as u64).sum();
        let p = in_corpus as f64 / corpus_words.max(1) as f64;
        let score = log_likelihood(candidate.count as f64, words_read as f64, p);
        if score > 0.0 {
            distinctive.push(TermScore { term: candidate.term.clone(), count: candidate.count, score });
        }
    }
    sort_by(&mut distinctive, |a, b| b.score.total_cmp(&a.score).then_with(|| a.term.cmp(&b.term)));
    distinctive.truncate(limit);
    frequent.truncate(limit);
    TermStats { frequent, distinctive, documents_read: docs.len(), documents: docs.len() }
}

/// Words occurring within `window` words of `term` (matched by stem) in
/// the texts of the selected documents that contain it, ranked by
/// log-likelihood against their frequency in those texts overall. Every
/// such document is read, from the forward view's words at each
/// position (stop words fill positions but are never collocates).
pub(crate) fn collocates(index: &Index<'_>, selection: &Selection, term: &str, window: usize, limit: usize) -> Vec<TermScore> {
    const UNSEEN: u8 = 0;
    const TARGET: u8 = 1;
    const CONTENT: u8 = 2;
    const OTHER: u8 = 3;
    let window = window.clamp(1, 20);
    let Some(word) = index.analyzer().words(term).into_iter().next() else { return Vec::new() };
    let stem = index.analyzer().stem(&word).into_owned();
    let with_term = Selection { query: format!("{} {}", selection.query, word), ..selection.clone() };
    let docs = select(index, &with_term).docs;
    let terms = index.term_count();
    // What each term is, found when first met: stemming is the costly
    // step, and most of the dictionary never shows up.
    let mut kinds = vec![UNSEEN; terms];
    let mut kind_of = |t: u32| -> u8 {
        let Some(kind) = kinds.get_mut(t as usize) else { return OTHER };
        if *kind == UNSEEN {
            let form = index.term_form(t).unwrap_or("");
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
    for &d in &docs {
        let words = index.body_terms(d);
        close.clear();
        close.resize(words.len(), false);
        for (i, &t) in words.iter().enumerate() {
            if t != NO_TERM && kind_of(t) == TARGET {
                let to = (i + window).min(words.len() - 1);
                close[i.saturating_sub(window)..=to].fill(true);
            }
        }
        for (&t, &is_close) in words.iter().zip(&close) {
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
        .filter(|&(_, &c)| c >= 2 || (c > 0 && docs.len() < 5))
        .filter_map(|(t, &c)| {
            let p = overall[t] as f64 / total.max(1) as f64;
            let score = log_likelihood(c as f64, near_total as f64, p);
            (score > 0.0).then(|| TermScore { term: index.term_form(t as u32).unwrap_or("").to_string(), count: c as usize, score })
        })
        .collect();
    sort_by(&mut out, |a, b| b.score.total_cmp(&a.score).then_with(|| a.term.cmp(&b.term)));
    out.truncate(limit);
    out
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
