//! Best match, for a question typed as a sentence: when no document, or
//! very few, has every word of a plain query, the documents with the most
//! of its words are found instead, ranked by BM25 with a coordination
//! bonus (a document's score times the share of the words it has), so
//! those with every word still come first. The user is told, and told
//! which words no document has. A query that joins its words with an
//! explicit `AND` insists on every one and is never answered so.

use super::evaluate::Eval;
use crate::analyze::Analyzer;
use super::matches::Matches;
use super::{Node, Term, TermKind};

/// Fewer documents than this with every word, and a query of
/// [`MIN_WORDS_FOR_FEW`] words or more is answered by best match (a query
/// of two words only when nothing has both).
pub const FEW_HITS: usize = 3;
/// Words a query needs before a few hits, rather than none, call for
/// best match.
pub const MIN_WORDS_FOR_FEW: usize = 3;

/// A query that is a conjunction of words: its parts, each of which best
/// match may do without, and the rest (exclusions, fields, dates), which
/// stay required.
pub(crate) struct Conjunction {
    /// The words, phrases (a dash-joined word is one) and alternatives, in
    /// query order.
    pub words: Vec<Node>,
    /// Everything else the query asks for.
    pub required: Vec<Node>,
}

impl Conjunction {
    /// The conjunction a query tree is, if it has two parts or more.
    pub(crate) fn of(root: &Node) -> Option<Conjunction> {
        let Node::And(children) = root else { return None };
        // A group in parentheses within a question is an aside: its words
        // count one by one like the others.
        let mut flat = Vec::with_capacity(children.len());
        flatten_and(children, &mut flat);
        let (words, required): (Vec<Node>, Vec<Node>) =
            flat.into_iter().partition(|c| matches!(c, Node::Term(_) | Node::Phrase { .. } | Node::Or(_)));
        (words.len() >= 2).then_some(Conjunction { words, required })
    }

    /// The parts in the query's own form, for notices (a phrase by its
    /// first word, an alternative by its first).
    pub(crate) fn word_texts(&self) -> Vec<&str> {
        self.words.iter().filter_map(first_word).collect()
    }
}

/// The children of nested conjunctions, in order.
fn flatten_and(children: &[Node], out: &mut Vec<Node>) {
    for child in children {
        match child {
            Node::And(inner) => flatten_and(inner, out),
            other => out.push(other.clone()),
        }
    }
}

/// The first word of a query part, for naming it.
fn first_word(node: &Node) -> Option<&str> {
    match node {
        Node::Term(t) => Some(t.word.as_str()),
        Node::Phrase { words, .. } => words.first().map(String::as_str),
        Node::Or(children) => children.iter().find_map(first_word),
        _ => None,
    }
}

/// What best match scores: each word on its own (a phrase's words one by
/// one, as a sentence's `heat-transfer` is about heat and transfer), less
/// the commonest function words (*the*, *of*), which every text has.
fn loose_words(part: &Node, analyzer: &Analyzer) -> Vec<Node> {
    match part {
        Node::Term(t) if analyzer.is_stopword(&t.word) => Vec::new(),
        Node::Phrase { words, slop: None, field, .. } => words
            .iter()
            .filter(|w| !analyzer.is_stopword(w))
            .map(|w| Node::Term(Term { word: w.clone(), kind: TermKind::Stem, field: *field }))
            .collect(),
        other => vec![other.clone()],
    }
}

/// How best match scores one part of the conjunction.
enum Loose {
    /// As the query reads it (a word, a fuzzy or prefix term, an OR).
    AsIs,
    /// Word by word: a phrase's words, evaluated only if best match answers.
    Words(Vec<Node>),
    /// Not at all: a stop word.
    Skipped,
}

/// Each part's matches as the query reads them, and how best match would
/// score each; what only best match needs is evaluated only when it answers.
pub(crate) struct Parts {
    /// One per part of the conjunction, in query order.
    strict: Vec<Matches>,
    /// Parallel to `strict` (see [`loose_words`]).
    loose: Vec<Loose>,
    /// The required rest of the query, when there is one.
    required: Option<Matches>,
}

impl Parts {
    /// Evaluates every part of `conjunction` as the query reads it.
    pub(crate) fn evaluate(eval: &mut Eval<'_, '_>, conjunction: &Conjunction, analyzer: &Analyzer) -> Parts {
        let mut strict = Vec::with_capacity(conjunction.words.len());
        let mut loose = Vec::with_capacity(conjunction.words.len());
        for part in &conjunction.words {
            strict.push(eval.eval(part, true));
            loose.push(match part {
                Node::Phrase { slop: None, .. } => Loose::Words(loose_words(part, analyzer)),
                Node::Term(t) if analyzer.is_stopword(&t.word) => Loose::Skipped,
                _ => Loose::AsIs,
            });
        }
        let required = match conjunction.required.len() {
            0 => None,
            1 => Some(eval.eval(&conjunction.required[0], true)),
            _ => Some(eval.eval(&Node::And(conjunction.required.clone()), true)),
        };
        Parts { strict, loose, required }
    }

    /// The documents with every part and the required rest (as the query
    /// reads), scores added.
    pub(crate) fn all_words(&self) -> Matches {
        let mut by_size: Vec<&Matches> = self.strict.iter().collect();
        crate::sort::sort_by_key(&mut by_size, |m| m.docs.len());
        let mut acc = by_size.first().map(|m| (*m).clone()).unwrap_or_default();
        for m in by_size.iter().skip(1) {
            if acc.docs.is_empty() {
                break;
            }
            acc = acc.and(m);
        }
        match &self.required {
            Some(required) => acc.and(required),
            None => acc,
        }
    }

    /// The documents with at least one word (and the required rest), each
    /// scored by its words' BM25 scores with a coordination bonus: times
    /// [`COORDINATION`] plus the rest of one in the share of the words it has.
    pub(crate) fn most_words(&self, eval: &mut Eval<'_, '_>) -> Matches {
        let words_of_phrases: Vec<Vec<Matches>> = self
            .loose
            .iter()
            .map(|loose| match loose {
                Loose::Words(words) => words.iter().map(|word| eval.eval(word, true)).collect(),
                _ => Vec::new(),
            })
            .collect();
        // In query order, so that scores add up the same way every time.
        let mut scored: Vec<&Matches> = Vec::new();
        for ((matches, loose), words) in self.strict.iter().zip(&self.loose).zip(&words_of_phrases) {
            match loose {
                Loose::AsIs => scored.push(matches),
                Loose::Words(_) => scored.extend(words),
                Loose::Skipped => {}
            }
        }
        let n = scored.len().max(1) as f32;
        let mut all: Vec<(u32, f32)> = scored.iter().flat_map(|m| m.docs.iter().copied().zip(m.scores.iter().copied())).collect();
        all.sort_unstable_by_key(|&(doc, _)| doc);
        let mut out = Matches::default();
        let mut i = 0;
        while i < all.len() {
            let doc = all[i].0;
            let (mut score, mut words) = (0.0f32, 0u32);
            while i < all.len() && all[i].0 == doc {
                score += all[i].1;
                words += 1;
                i += 1;
            }
            let share = words as f32 / n;
            out.docs.push(doc);
            out.scores.push(score * (1.0 - COORDINATION + COORDINATION * share));
        }
        match &self.required {
            Some(required) => out.and(required),
            None => out,
        }
    }

    /// The parts no document has.
    pub(crate) fn missing<'c>(&self, conjunction: &'c Conjunction) -> Vec<&'c str> {
        conjunction.words.iter().zip(&self.strict).filter(|(_, m)| m.docs.is_empty()).filter_map(|(w, _)| first_word(w)).collect()
    }
}

/// How much the share of the words a document has weighs on its best-match
/// score: 0 is plain BM25 over the words, 1 multiplies by the share. Tuned
/// on Cranfield through `annals eval` (nDCG@10 0.3994 at 0, 0.4010 at 0.2,
/// 0.38 at 0.5): a light bonus, enough to put the documents with more of
/// the words first among near equals.
pub const COORDINATION: f32 = 0.2;

/// Whether `total` documents with every one of `words` parts are too few.
pub(crate) fn too_few(total: usize, words: usize) -> bool {
    total == 0 || (total < FEW_HITS && words >= MIN_WORDS_FOR_FEW)
}

/// Most words a best-match notice lists.
const NAMED_WORDS: usize = 12;

/// What the user is told when best match answers.
pub(crate) fn notice(analyzer: &Analyzer, total_with_all: usize, conjunction: &Conjunction, missing: &[&str]) -> String {
    let named: Vec<&str> = conjunction.word_texts().into_iter().filter(|w| !analyzer.is_stopword(w)).collect();
    // A long question would make a notice longer than the results; the
    // words no document has are named in full below.
    let words = match named.len() {
        n if n > NAMED_WORDS => format!("{} and {} more", named[..NAMED_WORDS].join(", "), n - NAMED_WORDS),
        _ => named.join(", "),
    };
    let mut text = match total_with_all {
        0 => format!("no document has all of these words: {words}; showing the documents with the most of them, best first"),
        1 => format!("only 1 document has all of these words: {words}; documents with most of them follow"),
        n => format!("only {n} documents have all of these words: {words}; documents with most of them follow"),
    };
    if !missing.is_empty() {
        text.push_str(&format!(" (in no document: {})", missing.join(", ")));
    }
    text
}
