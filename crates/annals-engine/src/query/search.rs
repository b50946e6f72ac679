//! The search pipeline: parse, evaluate (falling back on best match when a
//! query's words do not all occur together), re-rank, filter, order, page,
//! and a snippet for each hit shown.

use super::best_match::{self, too_few, Conjunction, Parts};
use super::compounds::with_compounds;
use super::evaluate::Eval;
use super::filter::Passing;
use super::matches::Matches;
use super::rank::FEEDBACK_MIN_WORDS;
use super::suggest::suggest;
use super::{parse, snippet, Field, Node, Parsed, TermKind};
use crate::index::Index;
use crate::limits::{hits_capped_notice, MAX_HITS_PER_REQUEST};
use crate::search::{Hit, SearchRequest, SearchResults, Selection, Sort};

/// The query of `query` parsed against the corpus's facet fields.
pub(crate) fn parse_query(index: &Index<'_>, query: &str) -> Parsed {
    let fields: Vec<String> = index.meta().facets.into_iter().map(|f| f.name).collect();
    let mut parsed = parse(query, index.analyzer(), &fields);
    parsed.root = parsed.root.map(|root| with_compounds(root, index));
    parsed
}

/// The documents a selection's query matches, before any filter, with the
/// evaluation that found them (its notices, what it marks and, when
/// `occurrences`, each positive word's and phrase's occurrences per
/// document). An empty query matches every document. A sentence that too
/// few documents passing the filters match word for word is answered by
/// best match, as a search answers it, so the analytics describe the
/// documents the results list.
pub(crate) fn query_matches<'i, 'a>(index: &'i Index<'a>, selection: &Selection, occurrences: bool) -> (Matches, Eval<'i, 'a>) {
    let parsed = parse_query(index, &selection.query);
    let mut eval = Eval::new(index);
    eval.notices = parsed.notices;
    if occurrences {
        eval.occurrences = Some(Vec::new());
    }
    let matches = evaluate(&mut eval, &parsed.root.unwrap_or(Node::All), parsed.strict, &Passing::new(index, selection));
    (matches, eval)
}

/// A query tree's matches, before filters. A conjunction of words is
/// evaluated word by word, so that a query typed as a sentence, which no
/// document may match word for word, can fall back on best match from the
/// same postings when fewer than a few documents that pass the filters have
/// every word (unless the query said `AND`).
fn evaluate(eval: &mut Eval<'_, '_>, root: &Node, strict: bool, passing: &Passing<'_, '_>) -> Matches {
    let conjunction = if strict { None } else { Conjunction::of(root) };
    let Some(conjunction) = conjunction else { return eval.eval(root, true) };
    let analyzer = eval.index.analyzer();
    let parts = Parts::evaluate(eval, &conjunction, analyzer);
    let all_words = parts.all_words();
    let with_all = passing.count(&all_words);
    if too_few(with_all, conjunction.words.len()) {
        eval.notices.push(best_match::notice(analyzer, with_all, &conjunction, &parts.missing(&conjunction)));
        parts.most_words(eval)
    } else {
        all_words
    }
}

/// The documents a selection selects, ascending, and the notices of its
/// query and bounds.
pub(crate) fn selection_matches(index: &Index<'_>, selection: &Selection) -> (Vec<u32>, Vec<String>) {
    let (selection, bounded) = selection.bounded();
    let (matches, eval) = query_matches(index, &selection, false);
    let mut notices = eval.notices;
    notices.extend(bounded);
    (Passing::new(index, &selection).apply(matches).docs, notices)
}

/// Answers one search request. Never panics, whatever the query text.
pub(crate) fn search(index: &Index<'_>, request: &SearchRequest) -> SearchResults {
    let (selection, bounded) = request.selection.bounded();
    let parsed = parse_query(index, &selection.query);
    let mut eval = Eval::new(index);
    eval.notices = parsed.notices;
    eval.notices.extend(bounded);
    if request.limit > MAX_HITS_PER_REQUEST {
        eval.notices.push(hits_capped_notice(request.limit));
    }
    let limit = request.limit.min(MAX_HITS_PER_REQUEST);
    let root = parsed.root.unwrap_or(Node::All);
    let plain = plain_words(&root, true);
    let ranked = request.sort == Sort::Relevance && limit > 0;
    eval.want_proximity = ranked && plain >= 2;
    let passing = Passing::new(index, &selection);
    let mut matches = evaluate(&mut eval, &root, parsed.strict, &passing);
    if ranked && plain >= FEEDBACK_MIN_WORDS {
        eval.feedback(&root, &mut matches);
    }
    // The bonus only reorders, so a request for the count alone skips it.
    if ranked {
        eval.proximity_bonus(&mut matches);
    }

    let matches = passing.apply(matches);
    let total = matches.docs.len();
    if index.incomplete() {
        // A piece was absent: the caller supplies it and asks again, so
        // neither the hits' records nor a suggestion are read for matches
        // that are not the corpus's.
        return SearchResults { total, hits: Vec::new(), notices: eval.notices, suggestion: None };
    }
    let order = ordered_page(index, &matches, request.sort, request.offset, limit);
    let hits: Vec<Hit> = order
        .into_iter()
        .filter_map(|(doc, score)| {
            // Matches are found among the words before the text is put
            // back, and only the passage around them is.
            let mut found = Vec::new();
            let (doc, passage) = index.hit_passage(doc, |words, total| {
                found = snippet::find_in_words(index, &eval.highlight, words);
                snippet::passage_range(&found, total)
            })?;
            let snippet = snippet::cut(&passage, &found);
            let facets = doc.facets.into_iter().flat_map(|(f, vs)| vs.into_iter().map(move |v| (f.clone(), v))).collect();
            Some(Hit { id: doc.id, title: doc.title, date: doc.date, score, snippet, facets })
        })
        .collect();

    let suggestion = suggest(index, &selection.query, &eval, total);
    SearchResults { total, hits, notices: eval.notices, suggestion }
}

/// The `limit` matches after the first `offset` in `sort` order, with
/// their scores. By relevance, ties go by document order; by date,
/// undated documents come last and ties go by relevance.
fn ordered_page(index: &Index<'_>, matches: &Matches, sort: Sort, offset: usize, limit: usize) -> Vec<(u32, f32)> {
    let total = matches.docs.len();
    // A request for the count alone (or a page past the end) orders nothing.
    if limit == 0 || offset >= total {
        return Vec::new();
    }
    let wanted = offset.saturating_add(limit).min(total);
    let mut order: Vec<(u32, f32)> = matches.docs.iter().copied().zip(matches.scores.iter().copied()).collect();
    let by_relevance = |a: &(u32, f32), b: &(u32, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
    match sort {
        Sort::Relevance => {
            if wanted > 0 && wanted < order.len() {
                order.select_nth_unstable_by(wanted - 1, by_relevance);
                order.truncate(wanted);
            }
            crate::sort::sort_by(&mut order, by_relevance);
        }
        Sort::Newest | Sort::Oldest => {
            let newest = sort == Sort::Newest;
            crate::sort::sort_by(&mut order, |a, b| {
                let dates = match (index.day(a.0), index.day(b.0)) {
                    (Some(x), Some(y)) if newest => y.cmp(&x),
                    (Some(x), Some(y)) => x.cmp(&y),
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (None, None) => std::cmp::Ordering::Equal,
                };
                dates.then_with(|| by_relevance(a, b))
            });
        }
    }
    order.into_iter().skip(offset).take(limit).collect()
}

/// How many plain words (stemmed, any field, not negated) a query has.
fn plain_words(node: &Node, positive: bool) -> usize {
    match node {
        Node::Term(t) => usize::from(positive && t.kind == TermKind::Stem && t.field == Field::Any),
        Node::And(c) | Node::Or(c) => c.iter().map(|n| plain_words(n, positive)).sum(),
        Node::Not(n) => plain_words(n, !positive),
        _ => 0,
    }
}
