//! "Did you mean": a better-spelled query from the corpus's own words when
//! a query finds little.

use std::collections::{HashMap, HashSet};

use fst::automaton::Str;
use fst::Automaton;

use super::evaluate::Eval;
use super::expand::auto_distance;
use crate::index::Index;
use crate::limits::MAX_FUZZY_CHARS;

/// Most dictionary forms looked at for one word's better spelling.
const SUGGEST_FORMS_WALKED: usize = 2_000;

/// A better-spelled query when this one found little: each word that the
/// dictionary lacks (or nearly lacks) replaced by its most frequent close
/// spelling.
pub(crate) fn suggest(index: &Index<'_>, query: &str, eval: &Eval<'_, '_>, total: usize) -> Option<String> {
    let mut replacements: HashMap<String, String> = eval.corrections.iter().cloned().collect();
    let look = total < 3 && query.len() <= 200;
    if !look && replacements.is_empty() {
        return None;
    }
    // The query's plain words, those a respelling may change.
    let plain: Vec<_> = index.analyzer().tokens(query).filter(|t| !in_field_clause(query, t.start)).collect();
    if look {
        let words: HashSet<&str> = plain.iter().map(|t| t.exact.as_str()).collect();
        for w in words {
            if replacements.contains_key(w) || auto_distance(w) == 0 || w.chars().count() > MAX_FUZZY_CHARS {
                continue;
            }
            let own = index.stem_lists(&index.analyzer().stem(w)).iter().map(|&l| index.document_frequency(l)).sum::<u32>();
            let Some(automaton) = super::fuzzy::EditDistance::new(w, auto_distance(w)) else { continue };
            let first: String = w.chars().take(1).collect();
            let automaton = Str::new(&first).starts_with().intersection(automaton);
            let mut best: Option<(u32, String)> = None;
            for (form, list) in index.dictionary_forms(automaton, SUGGEST_FORMS_WALKED) {
                let df = index.document_frequency(list);
                if df > own.saturating_mul(4).max(2) && best.as_ref().is_none_or(|(b, _)| df > *b) {
                    best = Some((df, form));
                }
            }
            if let Some((_, form)) = best {
                replacements.insert(w.to_string(), form);
            }
        }
    }
    if replacements.is_empty() {
        return None;
    }
    // Rebuild the query word by word, keeping its operators and spacing.
    let mut out = String::with_capacity(query.len());
    let mut last = 0;
    let mut changed = false;
    for t in &plain {
        if let Some(r) = replacements.get(&t.exact) {
            out.push_str(query.get(last..t.start).unwrap_or(""));
            // Keep the capital the user typed.
            let typed_capital = query.get(t.start..t.end).and_then(|w| w.chars().next()).is_some_and(char::is_uppercase);
            let mut chars = r.chars();
            match chars.next() {
                Some(c) if typed_capital => {
                    out.extend(c.to_uppercase());
                    out.push_str(chars.as_str());
                }
                _ => out.push_str(r),
            }
            last = t.end;
            changed = true;
        }
    }
    out.push_str(query.get(last..).unwrap_or(""));
    changed.then_some(out)
}

/// Whether the word at byte `at` of a query stands in a `field:value`
/// clause (`date:1999..2000`, `mentions:2001`, `place:brazil`): a value
/// there is a date or a facet's, which respelling as a corpus word would
/// break (`date:2100` is no typo of `date:2000`).
fn in_field_clause(query: &str, at: usize) -> bool {
    let Some((before, after)) = query.get(..at).zip(query.get(at..)) else { return false };
    let start = before.char_indices().rev().find(|(_, c)| c.is_whitespace()).map_or(0, |(i, c)| i + c.len_utf8());
    let end = after.find(char::is_whitespace).map_or(query.len(), |i| at + i);
    query[start..end].contains(':')
}
