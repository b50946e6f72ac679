//! Which postings lists a query word stands for: its stem's forms, an
//! exact form, every form with a prefix, or the forms within a few edits
//! (asked with `~`, or tried automatically for a word the corpus lacks).
//! Every expansion is capped ([`MAX_EXPANSIONS`] forms a word, the most
//! frequent first, and the per-query bounds of [`crate::limits`]), with a
//! notice.

use fst::automaton::{Levenshtein, Str};
use fst::Automaton;

use super::evaluate::Eval;
use super::{Term, TermKind};
use crate::index::{Index, ListHandle};
use crate::limits::{MAX_EXPANSIONS, MAX_FUZZY_CHARS};

impl Eval<'_, '_> {
    /// The postings lists a word stands for, and whether they came from an
    /// automatic fuzzy fallback.
    pub(crate) fn lists(&mut self, term: &Term, positive: bool) -> Vec<ListHandle> {
        let index = self.index;
        match term.kind {
            TermKind::Exact => {
                let list = index.exact_list(&term.word);
                if positive {
                    self.highlight.add_exact(&term.word, index.analyzer().is_stopword(&term.word), terms_of(index, list.as_slice()));
                }
                list.into_iter().collect()
            }
            TermKind::Stem => {
                let stem = index.analyzer().stem(&term.word).into_owned();
                let lists = index.stem_lists(&stem);
                if !lists.is_empty() {
                    if positive {
                        self.highlight.add_stem(&stem, index.analyzer().is_stopword(&term.word), terms_of(index, &lists));
                    }
                    return lists;
                }
                // Not in the dictionary: try close spellings (unless a
                // piece of a split index was absent: the word may be there).
                let distance = auto_distance(&term.word);
                if distance == 0 || index.incomplete() {
                    return Vec::new();
                }
                let forms = self.expand_fuzzy(&term.word, distance, positive, true);
                if let Some((best, _)) = forms.iter().max_by_key(|(_, l)| index.document_frequency(*l)) {
                    self.corrections.push((term.word.clone(), best.clone()));
                    // The most frequent close spellings are the likely meant ones.
                    let mut by_df: Vec<(u32, &str)> = forms.iter().map(|(f, l)| (index.document_frequency(*l), f.as_str())).collect();
                    crate::sort::sort_by(&mut by_df, |a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
                    let shown: Vec<&str> = by_df.iter().take(5).map(|(_, f)| *f).collect();
                    self.notices.push(format!(
                        "\"{}\" is not in the corpus; searched for similar words: {}{}",
                        term.word,
                        shown.join(", "),
                        if forms.len() > 5 { ", …" } else { "" }
                    ));
                }
                forms.into_iter().map(|(_, l)| l).collect()
            }
            TermKind::Prefix if self.expansions_left == 0 || self.walks_left == 0 => {
                self.notices.push(format!("{}* was not expanded: the query's expansions are used up", term.word));
                Vec::new()
            }
            TermKind::Prefix => {
                self.walks_left -= 1;
                let forms = index.forms_matching(Str::new(&term.word).starts_with(), usize::MAX);
                let forms = self.cap(forms, &format!("{}*", term.word));
                if positive {
                    for (f, l) in &forms {
                        self.highlight.add_exact(f, false, terms_of(index, &[*l]));
                    }
                }
                forms.into_iter().map(|(_, l)| l).collect()
            }
            TermKind::Fuzzy(d) => {
                let distance = d.map(u32::from).unwrap_or_else(|| auto_distance(&term.word).max(1));
                self.expand_fuzzy(&term.word, distance, positive, false).into_iter().map(|(_, l)| l).collect()
            }
        }
    }

    /// Forms within `distance` edits of `word` (the word itself included).
    /// With `same_first`, only forms with the word's first letter: the
    /// automatic fallback assumes people get the first letter right, which
    /// lets the search skip most of the dictionary.
    fn expand_fuzzy(&mut self, word: &str, distance: u32, positive: bool, same_first: bool) -> Vec<(String, ListHandle)> {
        if word.chars().count() > MAX_FUZZY_CHARS {
            self.notices.push(format!("\"{}…\" is too long for a fuzzy match", word.chars().take(12).collect::<String>()));
            return self.index.exact_list(word).map(|l| vec![(word.to_string(), l)]).unwrap_or_default();
        }
        if self.expansions_left == 0 || self.walks_left == 0 {
            self.notices.push(format!("{word}~ was not expanded: the query's expansions are used up"));
            return self.index.exact_list(word).map(|l| vec![(word.to_string(), l)]).unwrap_or_default();
        }
        self.walks_left -= 1;
        let distance = distance.min(2);
        let first: String = word.chars().take(1).collect();
        let forms = match (super::fuzzy::EditDistance::new(word, distance), same_first) {
            (Some(automaton), true) => self.collect_forms(Str::new(&first).starts_with().intersection(automaton)),
            (Some(automaton), false) => self.collect_forms(automaton),
            (None, _) => self.levenshtein_forms(word, distance),
        };
        let forms = self.cap(forms, &format!("{word}~"));
        if positive {
            for (f, l) in &forms {
                self.highlight.add_exact(f, false, terms_of(self.index, &[*l]));
            }
        }
        forms
    }

    /// Every dictionary form an automaton accepts (at most 20 times the cap).
    fn collect_forms<A: Automaton>(&self, automaton: A) -> Vec<(String, ListHandle)> {
        self.index.forms_matching(automaton, 20 * MAX_EXPANSIONS + 1)
    }

    /// Forms within `distance` by `fst`'s Levenshtein automaton (for words
    /// that are not ASCII), which can refuse a large automaton: then the
    /// distance is lowered, with a notice.
    fn levenshtein_forms(&mut self, word: &str, mut distance: u32) -> Vec<(String, ListHandle)> {
        loop {
            match Levenshtein::new(word, distance) {
                Ok(a) => return self.collect_forms(a),
                Err(_) if distance > 1 => {
                    distance -= 1;
                    self.notices.push(format!("\"{word}~\" was matched with at most {distance} edit"));
                }
                Err(_) => return Vec::new(),
            }
        }
    }

    /// Keeps the [`MAX_EXPANSIONS`] most frequent forms, with a notice, and
    /// at most what is left of the query's [`MAX_QUERY_EXPANSIONS`] forms
    /// and [`MAX_EXPANSION_POSTINGS`] postings.
    fn cap(&mut self, mut forms: Vec<(String, ListHandle)>, what: &str) -> Vec<(String, ListHandle)> {
        let index = self.index;
        let mut with_df: Vec<(u32, String, ListHandle)> = forms.drain(..).map(|(f, l)| (index.document_frequency(l), f, l)).collect();
        crate::sort::sort_by(&mut with_df, |a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        let allowed = MAX_EXPANSIONS.min(self.expansions_left);
        let mut kept = Vec::with_capacity(with_df.len().min(allowed));
        let mut postings = 0usize;
        let mut cut_by_postings = false;
        for (df, f, l) in with_df.iter() {
            if kept.len() >= allowed {
                break;
            }
            if postings + *df as usize > self.postings_left && !kept.is_empty() {
                cut_by_postings = true;
                break;
            }
            postings += *df as usize;
            kept.push((f.clone(), *l));
        }
        if kept.len() < with_df.len() {
            self.notices.push(if cut_by_postings || allowed < MAX_EXPANSIONS {
                format!("{what} matched too many words for one search; using the {} most frequent", kept.len())
            } else {
                format!("{what} matched more than {MAX_EXPANSIONS} words; using the {MAX_EXPANSIONS} most frequent")
            });
        }
        self.expansions_left -= kept.len();
        self.postings_left = self.postings_left.saturating_sub(postings);
        kept
    }

}

/// The edit distance typo tolerance allows for a word of this length.
pub fn auto_distance(word: &str) -> u32 {
    match word.chars().count() {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// The term numbers of lists, for marking their words by number; `None`
/// where the index cannot tell them (its split layout). A list without
/// positions (a stop word's) has none: its words are written out in the
/// text and marked by their forms.
pub(crate) fn terms_of(index: &Index<'_>, lists: &[ListHandle]) -> Option<Vec<u32>> {
    lists.iter().filter(|l| l.has_positions()).map(|&l| index.list_term(l)).collect()
}
