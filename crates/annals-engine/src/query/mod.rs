//! The query language: parsing user text into a query tree ([`Node`]).
//!
//! Parsing never fails. Whatever cannot be read is dropped and described in
//! [`Parsed::notices`], so a half-typed query still searches. The grammar
//! (README, "Query language"):
//!
//! ```text
//! query    := and*                          implicit AND
//! and      := unary (("OR" | "|") unary)*   OR binds tighter than AND
//! unary    := ("NOT" | "-") unary | atom
//! atom     := "(" query ")" | field ":" atom | "\"" words "\"" ("~" n)? | word
//! word     := "="? text ("*" | "~" n?)?    exact / prefix / fuzzy
//! field    := "title" | "date" | "mentions" | a facet field of the corpus
//! ```
//!
//! Work is bounded here: the text is cut at
//! [`MAX_QUERY_BYTES`](crate::limits::MAX_QUERY_BYTES), at most
//! [`MAX_QUERY_WORDS`](crate::limits::MAX_QUERY_WORDS) words are kept and
//! parentheses nest at most [`MAX_QUERY_DEPTH`](crate::limits::MAX_QUERY_DEPTH)
//! deep.
//!
//! The modules below follow a query through the engine: [`parse`] reads
//! the text into a tree; `compounds` lets "lifeboat", "life-boat" and
//! "life boat" find one another; `expand` finds the postings lists each word stands
//! for; `evaluate` turns the tree into scored [`Matches`] (set algebra in
//! `matches`); `rank` holds BM25F, the proximity bonus and
//! pseudo-relevance feedback; `filter` applies facet filters and the date
//! range (for analytics too); `search` is the whole pipeline up to a page of
//! hits with snippets (`snippet`); `suggest` proposes a better spelling.

mod best_match;
mod compounds;
mod evaluate;
mod expand;
mod filter;
mod fuzzy;
mod matches;
mod parse;
mod rank;
mod search;
mod snippet;
mod suggest;

pub use expand::auto_distance;
pub use parse::{parse, parse_date_range};

pub(crate) use evaluate::Eval;
pub(crate) use filter::{day_in_range, filter_mask};
pub(crate) use search::{query_matches, search, selection_matches, parse_query};
pub(crate) use snippet::{template_tokens, Highlight, TextToken};

/// Which text field a word must occur in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// Title or body.
    Any,
    /// The title only (`title:`).
    Title,
}

/// How a word matches the dictionary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermKind {
    /// Any form with the same stem (the default); a word that is not in the
    /// dictionary falls back to a fuzzy match.
    Stem,
    /// Only this exact (folded) form: `=word` or `"word"`.
    Exact,
    /// Every form starting with the word: `word*`.
    Prefix,
    /// Forms within an edit distance: `word~` (distance by length) or `word~N`.
    Fuzzy(Option<u8>),
}

/// A query word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The folded exact form of the word.
    pub word: String,
    /// How it matches.
    pub kind: TermKind,
    /// Where it must occur.
    pub field: Field,
}

/// A query tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// One word.
    Term(Term),
    /// Words in order, adjacent (`slop` None) or all within a window of
    /// `words + slop` positions in any order (`"a b"~slop`).
    Phrase {
        /// The folded words.
        words: Vec<String>,
        /// Extra positions allowed between the words.
        slop: Option<u32>,
        /// Where the phrase must occur.
        field: Field,
        /// Typed as one word joined by dashes or slashes (`life-boat`), not
        /// quoted: such a word is also found written as one (`lifeboat`),
        /// while a quoted phrase keeps to its words.
        dashed: bool,
    },
    /// Documents with a facet value (`topics:crude`).
    Facet {
        /// The field.
        field: String,
        /// The value (matched case-insensitively).
        value: String,
    },
    /// Documents dated within an inclusive range of days (`date:1999..2000-06`).
    Date {
        /// First day.
        from: i32,
        /// Last day.
        to: i32,
    },
    /// Documents whose text mentions a period that lies inside an
    /// inclusive range of days (`mentions:1999..2000-06`: "May 2000" is
    /// inside, "2000" is not).
    Mentions {
        /// First day.
        from: i32,
        /// Last day.
        to: i32,
    },
    /// Every document.
    All,
    /// All children match.
    And(Vec<Node>),
    /// At least one child matches.
    Or(Vec<Node>),
    /// The child does not match.
    Not(Box<Node>),
}

/// A parsed query: its tree (None when nothing searchable was left) and
/// what was ignored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    /// The query tree.
    pub root: Option<Node>,
    /// Sentences for the user about what was ignored or changed.
    pub notices: Vec<String>,
    /// Whether the query asks for every part explicitly (`AND`): then no
    /// best match stands in when few documents have every word.
    pub strict: bool,
}
