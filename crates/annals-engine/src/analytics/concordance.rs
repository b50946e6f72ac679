//! Keyword in context: every occurrence of the query's words and phrases in
//! the selected documents' text, and the ranges a reader marks.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::index::{Index, StoredHead};
use crate::limits::{MAX_CONCORDANCE_DOCS, MAX_CONCORDANCE_LINES, MAX_CONCORDANCE_WIDTH};
use crate::query::{parse_query, template_tokens, Eval, Field, Highlight, Node, Term, TermKind, TextToken};
use crate::search::Selection;

use super::select;

/// One keyword-in-context line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KwicLine {
    /// The document's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its day, if dated.
    pub day: Option<i32>,
    /// Up to `width` characters before the keyword (line breaks as spaces).
    pub left: String,
    /// The keyword as written in the text.
    pub keyword: String,
    /// Up to `width` characters after it.
    pub right: String,
    /// Byte offset of the keyword in the document's text.
    pub offset: usize,
}

/// A concordance: every occurrence of the query's words and phrases.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Concordance {
    /// Occurrences found in the documents read.
    pub total: usize,
    /// The first `limit` of them, by document order then position.
    pub lines: Vec<KwicLine>,
    /// False when the selection had more documents than were read.
    pub complete: bool,
}


/// Every occurrence of the query's positive words and exact phrases in
/// the text of the selected documents, with up to `width` characters of
/// context each side; at most `limit` lines are returned (and
/// [`MAX_CONCORDANCE_DOCS`] documents read), `total` counts them all.
pub(crate) fn concordance(index: &Index<'_>, selection: &Selection, width: usize, limit: usize) -> Concordance {
    let width = width.min(MAX_CONCORDANCE_WIDTH);
    let limit = limit.min(MAX_CONCORDANCE_LINES);
    let docs = select(index, selection).docs;
    let targets = kwic_targets(index, &selection.query);
    let mut out = Concordance { total: 0, lines: Vec::new(), complete: docs.len() <= MAX_CONCORDANCE_DOCS };
    if targets.is_empty() {
        return out;
    }
    let mut words = Vec::new();
    for &d in docs.iter().take(MAX_CONCORDANCE_DOCS) {
        let Some(StoredHead { id, title, text }) = index.stored_head_with_words(d, &mut words) else { continue };
        let found = ranges(&targets, index, &template_tokens(&text, &words));
        out.total += found.len();
        for (start, end) in found {
            if out.lines.len() >= limit {
                break;
            }
            out.lines.push(KwicLine {
                id: id.clone(),
                title: title.clone(),
                day: index.day(d),
                left: context_before(&text, start, width),
                keyword: text.get(start..end).unwrap_or("").to_string(),
                right: context_after(&text, end, width),
                offset: start,
            });
        }
    }
    out
}

/// Byte ranges in `text` of every occurrence of the query's positive
/// words and exact phrases, in order: what a reader marks.
pub(crate) fn hit_ranges(index: &Index<'_>, query: &str, text: &str) -> Vec<(usize, usize)> {
    let targets = kwic_targets(index, query);
    if targets.is_empty() {
        return Vec::new();
    }
    find(&targets, index, text)
}

/// What a concordance looks for: the query's positive words (with their
/// prefix and typo expansions) and its exact phrases.
fn kwic_targets(index: &Index<'_>, query: &str) -> Highlight {
    let parsed = parse_query(index, query);
    let mut words = Vec::new();
    let mut phrases = Vec::new();
    if let Some(root) = &parsed.root {
        collect_targets(root, true, &mut words, &mut phrases);
    }
    // The words' expansions are what a search of them would mark.
    let mut eval = Eval::new(index);
    if !words.is_empty() {
        eval.eval(&Node::Or(words), true);
    }
    let analyzer = index.analyzer();
    for phrase in phrases {
        eval.highlight.add_phrase(phrase.iter().map(|w| (!analyzer.is_stopword(w)).then(|| analyzer.stem(w).into_owned())).collect(), None);
    }
    eval.highlight
}

/// Positive words (outside phrases) and exact phrases of a query tree.
fn collect_targets(node: &Node, positive: bool, words: &mut Vec<Node>, phrases: &mut Vec<Vec<String>>) {
    match node {
        Node::Term(t) if positive && t.field == Field::Any => words.push(node.clone()),
        Node::Phrase { words: ws, slop: None, field: Field::Any, .. } if positive => phrases.push(ws.clone()),
        Node::Phrase { words: ws, slop: Some(_), field: Field::Any, .. } if positive => {
            // A proximity phrase's words are found one by one.
            for w in ws {
                words.push(Node::Term(Term {
                    word: w.clone(),
                    kind: TermKind::Stem,
                    field: Field::Any,
                }));
            }
        }
        Node::And(c) | Node::Or(c) => c.iter().for_each(|n| collect_targets(n, positive, words, phrases)),
        Node::Not(n) => collect_targets(n, !positive, words, phrases),
        _ => {}
    }
}

/// Byte ranges of every occurrence of `targets` in `text`, in order, not
/// overlapping (a phrase wins over a word it starts with).
fn find(targets: &Highlight, index: &Index<'_>, text: &str) -> Vec<(usize, usize)> {
    let mut tokens: Vec<TextToken<'_>> = Vec::new();
    index.analyzer().for_each_token(text, |s, e, exact| tokens.push(TextToken { start: s, end: e, exact: Cow::Owned(exact.to_string()) }));
    ranges(targets, index, &tokens)
}

/// The byte ranges of [`Highlight::find`]'s matches among a text's words.
fn ranges(targets: &Highlight, index: &Index<'_>, tokens: &[TextToken<'_>]) -> Vec<(usize, usize)> {
    targets.find(index.analyzer(), tokens).into_iter().map(|(s, e, _)| (s, e)).collect()
}

/// Up to `width` characters of `text` before byte `at`, line breaks as spaces.
fn context_before(text: &str, at: usize, width: usize) -> String {
    let before = text.get(..at).unwrap_or("");
    let mut chars: Vec<char> = before.chars().rev().take(width).collect();
    chars.reverse();
    chars.into_iter().map(|c| if c.is_whitespace() { ' ' } else { c }).collect()
}

/// Up to `width` characters of `text` from byte `at`, line breaks as spaces.
fn context_after(text: &str, at: usize, width: usize) -> String {
    text.get(at..).unwrap_or("").chars().take(width).map(|c| if c.is_whitespace() { ' ' } else { c }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_is_cut_by_characters() {
        let text = "Élysée\nsaid — NATO";
        let at = text.find("NATO").unwrap();
        assert_eq!(context_before(text, at, 7), "said — ");
        assert_eq!(context_after(text, 0, 7), "Élysée ");
    }
}
