//! Compounds written three ways. "lifeboat", "life-boat" and "life boat" are
//! one word to a reader, and an archive that spans a century or two spells
//! them every way (the analyser splits "life-boat" into two words, so it
//! indexes like "life boat"). A query word that splits into two words of the
//! corpus also finds the two written apart, and a word typed with a dash
//! whose halves written together are a word of the corpus also finds that
//! word. A quoted phrase keeps to its words: `"life boat"` asks for those
//! two and does not find *lifeboat*.

use super::evaluate::Eval;
use super::{Field, Node, Term, TermKind};
use crate::index::Index;

/// The shortest part a word is split into: shorter parts ("a", "to") would
/// make phrases of almost any long word.
const MIN_PART_CHARS: usize = 3;

/// The most ways one word is split.
const MAX_SPLITS: usize = 2;

/// `node` with each compound's other spellings as alternatives.
pub(crate) fn with_compounds(node: Node, index: &Index<'_>) -> Node {
    match node {
        Node::Term(term) if term.kind == TermKind::Stem => {
            let apart = splits(&term.word, index);
            if apart.is_empty() {
                return Node::Term(term);
            }
            let field = term.field;
            let phrases: Vec<Node> = apart.into_iter().map(|(a, b)| Node::Phrase { words: vec![a, b], slop: None, field, dashed: false }).collect();
            // A word the corpus never writes joined would only add a
            // "searched for similar words" guess beside the real answer.
            if !is_content_word(&term.word, index) {
                return match phrases.len() {
                    1 => phrases.into_iter().next().unwrap_or(Node::All),
                    _ => Node::Or(phrases),
                };
            }
            spellings(Node::Term(term), Node::Or(phrases))
        }
        Node::Phrase { words, slop: None, field, dashed: true } if words.len() == 2 => {
            let joined = format!("{}{}", words[0], words[1]);
            let phrase = Node::Phrase { words, slop: None, field, dashed: true };
            if is_content_word(&joined, index) {
                spellings(phrase, Node::Term(Term { word: joined, kind: TermKind::Stem, field }))
            } else {
                phrase
            }
        }
        Node::And(children) => Node::And(children.into_iter().map(|c| with_compounds(c, index)).collect()),
        Node::Or(children) => Node::Or(children.into_iter().map(|c| with_compounds(c, index)).collect()),
        Node::Not(inner) => Node::Not(Box::new(with_compounds(*inner, index))),
        other => other,
    }
}

/// One word written two ways, scored once: a document with the spelling
/// the query used is scored by it; the other spelling adds only the
/// documents that have no such one (an OR would add both scores up, and
/// rank a text that spells a word both ways above one that uses it more).
fn spellings(as_typed: Node, other: Node) -> Node {
    let only_other = Node::And(vec![other, Node::Not(Box::new(as_typed.clone()))]);
    Node::Or(vec![as_typed, only_other])
}

/// The ways `word` splits into two words of the corpus, left part longest
/// first.
fn splits(word: &str, index: &Index<'_>) -> Vec<(String, String)> {
    if !word.chars().all(char::is_alphabetic) || word.chars().count() < 2 * MIN_PART_CHARS {
        return Vec::new();
    }
    let mut found = Vec::new();
    let cuts: Vec<usize> = word.char_indices().map(|(i, _)| i).skip(MIN_PART_CHARS).collect();
    for &cut in cuts.iter().rev() {
        let (a, b) = word.split_at(cut);
        if b.chars().count() >= MIN_PART_CHARS
            && is_content_word(a, index)
            && is_content_word(b, index)
            && written_apart(a, b, index)
        {
            found.push((a.to_string(), b.to_string()));
            if found.len() == MAX_SPLITS {
                break;
            }
        }
    }
    found
}

/// Whether some document has `a b` as a phrase. Only then is the word
/// given the alternative: wrapping it in an OR for nothing would cost the
/// word its proximity bonus ("airfoil" is not "air foil" anywhere).
fn written_apart(a: &str, b: &str, index: &Index<'_>) -> bool {
    let phrase = Node::Phrase { words: vec![a.to_string(), b.to_string()], slop: None, field: Field::Any, dashed: false };
    !Eval::new(index).eval(&phrase, false).docs.is_empty()
}

/// Whether the corpus has a word with `word`'s stem ("boats" finds "boat",
/// as the phrase will) that is not a stop word.
fn is_content_word(word: &str, index: &Index<'_>) -> bool {
    !index.analyzer().is_stopword(word) && !index.stem_lists(&index.analyzer().stem(word)).is_empty()
}
