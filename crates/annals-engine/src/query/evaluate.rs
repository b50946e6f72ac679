//! Evaluating a query tree against the index: each word's postings (see
//! [`super::expand`] for which lists a word stands for), phrases and
//! proximity windows from positions, and the set algebra of
//! [`Matches`] for AND, OR and NOT. Scores are BM25F ([`super::rank`]).

use super::filter::day_in_range;
use super::matches::Matches;
use super::rank::{idf, tf_weight, Stats, MAX_PROXIMITY_WORDS};
use super::snippet::Highlight;
use super::{Field, Node, Term, TermKind};
use crate::index::{Index, ListHandle, PositionCursor, Posting, SkippingList};
use crate::limits::{MAX_EXPANDED_WORDS, MAX_EXPANSION_POSTINGS, MAX_QUERY_EXPANSIONS};

/// A plain positive word of the query, as the proximity bonus reads it.
pub(crate) struct PlainWord {
    pub idf: f32,
    pub positions: WordPositions,
}

/// Where the proximity bonus finds a word's positions in the best
/// documents.
pub(crate) enum WordPositions {
    /// The term numbers of its forms, looked up in the term at each
    /// position of a document (the single layout's forward view): nothing
    /// decoded for the documents the bonus does not look at, which was a
    /// quarter to two fifths of a query of several common words.
    Terms(Vec<u32>),
    /// Its forms' lists, their positions read document by document (the
    /// split layout, whose position skips jump over the blocks of
    /// documents not looked at).
    Skipping(Vec<SkippingList>),
}

/// Evaluation state of one request.
pub(crate) struct Eval<'i, 'a> {
    pub(super) index: &'i Index<'a>,
    pub(super) stats: Stats,
    /// What snippets mark.
    pub highlight: Highlight,
    /// Notices for the user.
    pub notices: Vec<String>,
    /// Words replaced by a fuzzy match, for the suggestion: (typed, best form).
    pub corrections: Vec<(String, String)>,
    /// Plain positive words in query order, for the proximity bonus.
    pub plain_words: Vec<PlainWord>,
    /// Whether the query has two plain words or more (so proximity counts).
    pub want_proximity: bool,
    /// How many more dictionary forms prefix and fuzzy words may expand to.
    pub(super) expansions_left: usize,
    /// How many more postings those forms may have.
    pub(super) postings_left: usize,
    /// How many more prefix and fuzzy words may walk the dictionary.
    pub(super) walks_left: usize,
    pub(super) buffer: Vec<Posting>,
    /// When set, every positive word and phrase adds `(doc, occurrences)`
    /// here: what trends count per bin.
    pub occurrences: Option<Vec<(u32, u32)>>,
}

impl<'i, 'a> Eval<'i, 'a> {
    pub(crate) fn new(index: &'i Index<'a>) -> Self {
        let (avg_title, avg_body) = index.avg_lengths();
        Eval {
            index,
            stats: Stats { docs: index.doc_count(), avg_title, avg_body },
            highlight: Highlight::default(),
            notices: Vec::new(),
            corrections: Vec::new(),
            plain_words: Vec::new(),
            want_proximity: false,
            expansions_left: MAX_QUERY_EXPANSIONS,
            postings_left: MAX_EXPANSION_POSTINGS,
            walks_left: MAX_EXPANDED_WORDS,
            buffer: Vec::new(),
            occurrences: None,
        }
    }

    /// The documents matching `node`. `positive` is false under a NOT, where
    /// words are not marked in snippets.
    pub(crate) fn eval(&mut self, node: &Node, positive: bool) -> Matches {
        let n = self.index.doc_count();
        match node {
            Node::All => Matches::all(n),
            Node::Term(t) => self.term(t, positive),
            Node::Phrase { words, slop, field, .. } => self.phrase(words, *slop, *field, positive),
            Node::Facet { field, value } => {
                let docs = self.index.facet_docs(field, value).unwrap_or_default();
                let scores = vec![0.0; docs.len()];
                Matches { docs, scores }
            }
            Node::Date { from, to } => {
                let docs: Vec<u32> = (0..n).filter(|&d| day_in_range(self.index, d, (*from, *to))).collect();
                let scores = vec![0.0; docs.len()];
                Matches { docs, scores }
            }
            Node::Mentions { from, to } => {
                let mut docs: Vec<u32> = self
                    .index
                    .mentioned_periods()
                    .iter()
                    .filter(|p| p.first >= *from && p.last <= *to)
                    .map(|p| p.doc)
                    .collect();
                docs.dedup();
                let scores = vec![0.0; docs.len()];
                Matches { docs, scores }
            }
            Node::Not(inner) => self.eval(inner, !positive).complement(n),
            Node::Or(children) => {
                let mut acc = Matches::default();
                for c in children {
                    let m = match c {
                        Node::Not(inner) => self.eval(inner, !positive).complement(n),
                        c => self.eval(c, positive),
                    };
                    acc = acc.or(&m);
                }
                acc
            }
            Node::And(children) => {
                let mut positives = Vec::new();
                let mut negatives = Vec::new();
                for c in children {
                    match c {
                        Node::Not(inner) => negatives.push(self.eval(inner, !positive)),
                        c => {
                            let m = self.eval(c, positive);
                            let empty = m.docs.is_empty();
                            positives.push(m);
                            // Nothing can match any more: spare the rest.
                            if empty {
                                return Matches::default();
                            }
                        }
                    }
                }
                crate::sort::sort_by_key(&mut positives, |m| m.docs.len());
                let mut acc = match positives.len() {
                    0 => Matches::all(n),
                    _ => positives.remove(0),
                };
                for m in &positives {
                    if acc.docs.is_empty() {
                        break;
                    }
                    acc = acc.and(m);
                }
                for m in &negatives {
                    acc = acc.minus(m);
                }
                acc
            }
        }
    }
}

impl Eval<'_, '_> {
    /// Merged postings of several lists: one posting per document with the
    /// frequencies summed.
    pub(crate) fn merged(&mut self, lists: &[ListHandle]) -> Vec<Posting> {
        let decoded: Vec<Vec<Posting>> = lists
            .iter()
            .map(|&l| {
                let mut one = Vec::new();
                self.index.postings(l, &mut one);
                one
            })
            .collect();
        merge_lists(decoded.iter().map(Vec::as_slice), true)
    }

    fn term(&mut self, term: &Term, positive: bool) -> Matches {
        let lists = self.lists(term, positive);
        // A plain word may get the proximity bonus, which needs positions:
        // decode them now, once, rather than the list twice.
        let plain = positive
            && self.want_proximity
            && term.field == Field::Any
            && term.kind == TermKind::Stem
            && self.plain_words.len() < MAX_PROXIMITY_WORDS;
        let mut postings = std::mem::take(&mut self.buffer);
        postings.clear();
        // The term numbers of its lists, where the index can find a word's
        // positions by them (then its lists are decoded without positions).
        let terms = if plain { lists.iter().map(|&l| self.index.list_term(l)).collect::<Option<Vec<u32>>>() } else { None };
        // Else its lists read for their positions (a stop word's list has
        // none), decoded once for both.
        let skipping = if plain && terms.is_none() {
            Some(lists.iter().filter_map(|&l| self.index.skipping_list(l)).collect::<Vec<SkippingList>>())
        } else {
            None
        };
        match &skipping {
            Some(read) if read.len() == lists.len() => postings.extend(merge_lists(read.iter().map(|l| l.postings.as_slice()), true)),
            _ => postings.extend(self.merged(&lists)),
        }
        if term.field == Field::Title {
            postings.retain(|p| p.tf_title > 0);
        }
        let idf = idf(&self.stats, postings.len() as u32);
        if let Some(terms) = terms {
            self.plain_words.push(PlainWord { idf, positions: WordPositions::Terms(terms) });
        } else if let Some(skipping) = skipping {
            self.plain_words.push(PlainWord { idf, positions: WordPositions::Skipping(skipping) });
        }
        if let (true, Some(out)) = (positive, self.occurrences.as_mut()) {
            let title_only = term.field == Field::Title;
            out.extend(postings.iter().map(|p| (p.doc, if title_only { p.tf_title } else { p.tf_title + p.tf_body })));
        }
        let mut m = Matches { docs: Vec::with_capacity(postings.len()), scores: Vec::with_capacity(postings.len()) };
        for p in &postings {
            let (tl, bl) = self.index.lengths(p.doc);
            let tf_body = if term.field == Field::Title { 0 } else { p.tf_body };
            m.docs.push(p.doc);
            m.scores.push(idf * tf_weight(&self.stats, p.tf_title, tf_body, tl, bl));
        }
        self.buffer = postings;
        m
    }

    fn phrase(&mut self, words: &[String], slop: Option<u32>, field: Field, positive: bool) -> Matches {
        let index = self.index;
        // Each word's postings, one per form and document, and its lists
        // read for their positions; none for a stop word without
        // positions, which the phrase reads as "any word".
        let mut per_word: Vec<(Vec<Posting>, Option<Vec<SkippingList>>)> = Vec::with_capacity(words.len());
        let mut idfs = 0.0;
        // What snippets mark: an exact phrase where its words stand
        // together, a proximity phrase's words wherever they are.
        let mut marked: Vec<Option<String>> = Vec::with_capacity(words.len());
        let mut marked_terms: Option<Vec<Vec<u32>>> = Some(Vec::with_capacity(words.len()));
        for w in words {
            let stem = index.analyzer().stem(w).into_owned();
            let lists = index.stem_lists(&stem);
            let wild = lists.iter().any(|l| !l.has_positions());
            let terms = super::expand::terms_of(index, &lists);
            if positive && slop.is_some() {
                self.highlight.add_stem(&stem, wild, terms.clone());
            }
            marked.push((!wild).then(|| stem.clone()));
            // An exact phrase needs no terms for a stop word: any word
            // stands there.
            let phrase_terms = if wild { Some(Vec::new()) } else { terms };
            marked_terms = marked_terms.zip(phrase_terms).map(|(mut all, terms)| {
                all.push(terms);
                all
            });
            let skipping = if wild { None } else { lists.iter().map(|&l| index.skipping_list(l)).collect::<Option<Vec<_>>>() };
            let postings = match &skipping {
                Some(skipping) => merge_lists(skipping.iter().map(|l| l.postings.as_slice()), false),
                None => self.merged(&lists),
            };
            let mut docs: Vec<u32> = postings.iter().map(|p| p.doc).collect();
            docs.dedup();
            if !wild {
                idfs += idf(&self.stats, docs.len() as u32);
            }
            per_word.push((postings, skipping));
        }
        if positive && slop.is_none() {
            self.highlight.add_phrase(marked, marked_terms);
        }
        if per_word.iter().any(|p| p.0.is_empty()) {
            return Matches::default();
        }
        // Candidate documents: those of the rarest word; every word must occur.
        let rarest = (0..per_word.len()).min_by_key(|&i| per_word[i].0.len()).unwrap_or(0);
        let mut candidates: Vec<u32> = per_word[rarest].0.iter().map(|p| p.doc).collect();
        candidates.dedup();
        let mut m = Matches::default();
        let mut cursors = vec![0usize; per_word.len()];
        // Per word, per list: where its positions are read from
        // (candidates ascend, so the cursors only move on).
        let mut list_cursors: Vec<Vec<PositionCursor>> =
            per_word.iter().map(|(_, lists)| vec![PositionCursor::default(); lists.as_ref().map_or(0, Vec::len)]).collect();
        let mut positions: Vec<Option<Vec<u32>>> = vec![None; per_word.len()];
        'docs: for doc in candidates {
            // Every word in the document first (and a stop word in the
            // title when the title is asked): no positions are read for a
            // document that lacks one, as most of the rarest word's do.
            for (w, (postings, lists)) in per_word.iter().enumerate() {
                let c = &mut cursors[w];
                while *c < postings.len() && postings[*c].doc < doc {
                    *c += 1;
                }
                let mut here = postings[*c..].iter().take_while(|p| p.doc == doc).peekable();
                let found = match lists {
                    Some(_) => here.peek().is_some(),
                    None => here.any(|p| field == Field::Any || p.tf_title > 0),
                };
                if !found {
                    continue 'docs;
                }
            }
            let (title_len, body_len) = index.lengths(doc);
            for (w, (_, lists)) in per_word.iter().enumerate() {
                let Some(lists) = lists else {
                    positions[w] = None;
                    continue;
                };
                let ps = positions[w].get_or_insert_with(Vec::new);
                ps.clear();
                for (list, cursor) in lists.iter().zip(&mut list_cursors[w]) {
                    index.positions_in(list, cursor, doc, ps);
                }
                if field == Field::Title {
                    ps.retain(|&p| p < title_len);
                }
                if ps.is_empty() {
                    continue 'docs;
                }
                if lists.len() > 1 {
                    ps.sort_unstable();
                }
            }
            let (count, in_title) = match slop {
                None => exact_phrase_count(&positions, title_len),
                Some(s) => window_count(&positions, words.len() as u32 + s, title_len),
            };
            if count == 0 {
                continue;
            }
            let (t, b) = if in_title > 0 { (in_title, count - in_title) } else { (0, count) };
            if let (true, Some(out)) = (positive, self.occurrences.as_mut()) {
                out.push((doc, count));
            }
            m.docs.push(doc);
            m.scores.push(idfs * tf_weight(&self.stats, t, b, title_len, body_len));
        }
        m
    }
}

/// Several lists' postings, each sorted by document, as one sorted list;
/// with `sum`, one posting per document with the frequencies summed.
fn merge_lists<'p>(lists: impl ExactSizeIterator<Item = &'p [Posting]>, sum: bool) -> Vec<Posting> {
    let n = lists.len();
    let mut out = Vec::new();
    if n > 4 {
        // Many lists (a prefix, a typo): one stable sort beats many merges.
        for list in lists {
            out.extend_from_slice(list);
        }
        out.sort_by_key(|p| p.doc);
    } else {
        // A stem's few lists: merge them.
        for list in lists {
            out = merge_by_doc(out, list);
        }
    }
    if n > 1 && sum {
        sum_by_document(&mut out);
    }
    out
}

/// One posting per document of postings sorted by document, the
/// frequencies of a document's postings (of several forms) summed.
fn sum_by_document(postings: &mut Vec<Posting>) {
    postings.dedup_by(|b, a| {
        if a.doc == b.doc {
            a.tf_title += b.tf_title;
            a.tf_body += b.tf_body;
            true
        } else {
            false
        }
    });
}

/// Two postings vectors sorted by document, as one (stable: `a` first).
fn merge_by_doc(a: Vec<Posting>, b: &[Posting]) -> Vec<Posting> {
    if a.is_empty() {
        return b.to_vec();
    }
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if b[j].doc < a[i].doc {
            out.push(b[j]);
            j += 1;
        } else {
            out.push(a[i]);
            i += 1;
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

/// How many times the words occur in order, adjacent, and how many of those
/// are in the title. A `None` word (a stop word) matches any word.
fn exact_phrase_count(positions: &[Option<Vec<u32>>], title_len: u32) -> (u32, u32) {
    let Some(anchor) = positions.iter().position(|p| p.is_some()) else {
        return (1, 0);
    };
    let Some(first) = &positions[anchor] else { return (0, 0) };
    let mut count = 0;
    let mut in_title = 0;
    for &p in first {
        let Some(start) = p.checked_sub(anchor as u32) else { continue };
        let ok = positions.iter().enumerate().skip(anchor + 1).all(|(i, ps)| match ps {
            None => true,
            Some(ps) => ps.binary_search(&(start.saturating_add(i as u32))).is_ok(),
        });
        if ok {
            count += 1;
            if p < title_len {
                in_title += 1;
            }
        }
    }
    (count, in_title)
}

/// How many windows of at most `width` positions hold every word (in any
/// order; stop words are not looked for), counted by their starting
/// occurrence.
fn window_count(positions: &[Option<Vec<u32>>], width: u32, title_len: u32) -> (u32, u32) {
    let lists: Vec<&Vec<u32>> = positions.iter().flatten().collect();
    if lists.is_empty() {
        return (1, 0);
    }
    let mut all: Vec<(u32, usize)> =
        lists.iter().enumerate().flat_map(|(w, ps)| ps.iter().map(move |&p| (p, w))).collect();
    all.sort_unstable();
    let k = lists.len();
    let mut have = vec![0u32; k];
    let mut distinct = 0;
    let mut left = 0;
    let mut count = 0;
    let mut in_title = 0;
    let mut last_counted_left = usize::MAX;
    for right in 0..all.len() {
        let w = all[right].1;
        if have[w] == 0 {
            distinct += 1;
        }
        have[w] += 1;
        // Shrink from the left while the window still holds every word.
        while distinct == k {
            let span = all[right].0 - all[left].0 + 1;
            if span <= width && last_counted_left != left {
                count += 1;
                last_counted_left = left;
                if all[left].0 < title_len {
                    in_title += 1;
                }
            }
            let lw = all[left].1;
            have[lw] -= 1;
            if have[lw] == 0 {
                distinct -= 1;
            }
            left += 1;
        }
    }
    (count, in_title)
}
