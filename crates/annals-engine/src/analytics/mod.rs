//! Analytics over a selection of documents: the answers the workbench's
//! linked views draw from one [`Selection`] (query, facet filters, date
//! range), reached through [`crate::Corpus`].
//!
//! - [`facets`]: how many selected documents carry each value of each facet.
//! - [`timeline`]: selected documents per day, week, month or year, and
//!   trends: for a few terms, matching documents and occurrences per 10,000
//!   words, per bin.
//! - [`concordance`]: every occurrence of the query's words or phrases in
//!   context (keyword in context), and what a reader marks.
//! - [`mentions`]: the dates the selection's texts talk about, over time
//!   and as a chronology of its mentions with their sentences.
//! - [`terms`]: frequent and distinctive words of the selection, the words
//!   found near a word, and documents similar to one.
//!
//! Every answer is bounded: word counts read the words at each position
//! of the selected documents from the single layout's forward view (no
//! text is tokenised again, so the whole selection is read, and so are
//! collocates), or in the split layout the stored texts of a sample
//! bounded by [`MAX_SAMPLED_RECORD_PIECES`](crate::limits::MAX_SAMPLED_RECORD_PIECES)
//! and [`MAX_SAMPLED_DOCUMENTS`](crate::limits::MAX_SAMPLED_DOCUMENTS), whose
//! size the answer gives; a concordance reads at most
//! [`MAX_CONCORDANCE_DOCS`](crate::limits::MAX_CONCORDANCE_DOCS) stored texts
//! and says when it stopped early.

pub mod concordance;
pub mod facets;
pub mod mentions;
pub mod terms;
pub mod timeline;

use crate::index::Index;
use crate::search::Selection;

/// The documents a selection selects, ascending by ordinal.
#[derive(Debug, Clone, Default)]
pub struct Selected {
    /// Document ordinals, ascending.
    pub docs: Vec<u32>,
    /// What the query parser, its evaluation or the bounds had to ignore or cap.
    pub notices: Vec<String>,
}

/// The documents `selection` selects: its query (empty: every document),
/// facet filters and date range.
pub(crate) fn select(index: &Index<'_>, selection: &Selection) -> Selected {
    let (docs, notices) = crate::query::selection_matches(index, selection);
    Selected { docs, notices }
}

/// English function words beyond the index's stop words, left out of word
/// lists (they are still searched): a list of "most frequent words" full
/// of *which* and *would* says nothing about a corpus. Sorted.
const ENGLISH_FUNCTION_WORDS: [&str; 96] = [
    "about", "above", "after", "again", "against", "all", "also", "am", "any", "because", "been", "before",
    "being", "below", "between", "both", "can", "could", "did", "does", "doing", "down", "during", "each",
    "few", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him",
    "himself", "his", "how", "its", "itself", "just", "may", "me", "might", "more", "most", "must", "my",
    "myself", "nor", "now", "off", "once", "only", "other", "our", "ours", "out", "over", "own", "said", "same",
    "says", "shall", "she", "should", "since", "so", "some", "than", "them", "themselves", "those", "through",
    "too", "under", "until", "up", "very", "we", "were", "what", "when", "where", "which", "while", "who",
    "whom", "why", "would", "you", "your", "yours", "yourself",
];

/// Whether a word is worth listing: not a function word, not a number,
/// three letters or more.
pub(crate) fn is_content_word(index: &Index<'_>, exact: &str) -> bool {
    // The index's stop words are English only; so is the longer list.
    let english_function_word = index.analyzer().is_stopword("the") && ENGLISH_FUNCTION_WORDS.binary_search(&exact).is_ok();
    exact.chars().count() >= 3
        && !index.analyzer().is_stopword(exact)
        && !exact.bytes().any(|b| b.is_ascii_digit())
        && !english_function_word
}

/// The smallest G² a word needs to count as distinctive or as a
/// collocate: the chi-square critical value at p < 0.05 with one degree of
/// freedom, the usual keyness cut-off (AntConc, Rayson's log-likelihood
/// wizard). Below it a word's excess is within chance; and a selection that
/// is the whole corpus, not asked as such, would otherwise list words whose
/// score is rounding noise just above zero.
pub const SIGNIFICANT_G2: f64 = 3.84;

/// Dunning's log-likelihood (G²) that `k` of `n` observations against an
/// expected share `p` is not chance; signed negative when below it.
pub(crate) fn log_likelihood(k: f64, n: f64, p: f64) -> f64 {
    if n <= 0.0 || p <= 0.0 || p >= 1.0 {
        return 0.0;
    }
    let expected = n * p;
    let term = |o: f64, e: f64| if o > 0.0 && e > 0.0 { o * (o / e).ln() } else { 0.0 };
    let g2 = 2.0 * (term(k, expected) + term(n - k, n - expected));
    if k < expected {
        -g2
    } else {
        g2
    }
}


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_word_list_is_sorted() {
        assert!(ENGLISH_FUNCTION_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn log_likelihood_is_signed_and_zero_at_expectation() {
        assert!(log_likelihood(50.0, 100.0, 0.1) > 10.0);
        assert!(log_likelihood(1.0, 100.0, 0.5) < 0.0);
        assert!(log_likelihood(10.0, 100.0, 0.1).abs() < 1e-9);
    }

}
