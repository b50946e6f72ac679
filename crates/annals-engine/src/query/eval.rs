//! Query evaluation: a [`Node`] tree against an [`Index`], giving the
//! matching documents with scores, then the filters, the order, the page of
//! hits with snippets, and the "did you mean" suggestion.
//!
//! Matches are kept as sorted vectors of `(doc, score)`; AND intersects,
//! OR unites, NOT subtracts. Every expansion (prefix, fuzzy) is capped at
//! [`MAX_EXPANSIONS`] forms, the most frequent first, with a notice.

use std::collections::{HashMap, HashSet};

use fst::automaton::{Levenshtein, Str};
use fst::{Automaton, IntoStreamer, Streamer};

use super::rank::{idf, tf_weight, Stats};
use super::snippet::{self, Highlight};
use super::{parse, Field, Node, Term, TermKind};
use crate::index::{store, Index, Posting};
use crate::search::{Hit, SearchRequest, SearchResults, Sort};

/// Most dictionary forms one prefix or fuzzy word expands to.
pub const MAX_EXPANSIONS: usize = 200;
/// Most dictionary forms all the prefix and fuzzy words of one query expand
/// to together, so that sixty-four `a*` cost no more than a few.
pub const MAX_QUERY_EXPANSIONS: usize = 1_000;
/// Most postings all the expanded forms of one query may have together.
pub const MAX_EXPANSION_POSTINGS: usize = 200_000;
/// Most prefix and fuzzy words of one query that are expanded (each walks
/// part of the dictionary); later ones match their exact form only.
pub const MAX_EXPANDED_WORDS: usize = 16;
/// Longest word (in chars) a fuzzy match is tried for: longer ones would
/// make the Levenshtein automaton large for nothing.
pub const MAX_FUZZY_CHARS: usize = 24;
/// Most query words the proximity bonus looks at.
pub const MAX_PROXIMITY_WORDS: usize = 16;
/// How many of the best documents the proximity bonus re-ranks.
pub const PROXIMITY_DEPTH: usize = 100;
/// Farthest apart (in positions, in query order) two query words may be
/// for the bonus.
pub const PROXIMITY_WINDOW: u32 = 3;
/// Weight of the proximity bonus relative to BM25.
pub const PROXIMITY_WEIGHT: f32 = 1.0;
/// Plain words from which a query counts as verbose and gets pseudo-relevance
/// feedback (interactive queries are shorter and skip its cost).
pub const FEEDBACK_MIN_WORDS: usize = 5;
/// Documents read for feedback.
pub const FEEDBACK_DOCS: usize = 10;
/// Words added by feedback.
pub const FEEDBACK_WORDS: usize = 10;
/// Weight of the feedback words relative to the query's own.
pub const FEEDBACK_WEIGHT: f32 = 0.3;
/// Most hits one request returns, however large its `limit`.
pub const MAX_LIMIT: usize = 1_000;

/// Matching documents, ascending, with a score each.
#[derive(Debug, Default, Clone)]
pub struct Matches {
    /// Document ordinals, ascending.
    pub docs: Vec<u32>,
    /// Scores, parallel to `docs`.
    pub scores: Vec<f32>,
}

impl Matches {
    fn all(n: u32) -> Matches {
        Matches { docs: (0..n).collect(), scores: vec![0.0; n as usize] }
    }

    fn and(self, other: &Matches) -> Matches {
        let mut out = Matches::default();
        let (mut i, mut j) = (0, 0);
        while i < self.docs.len() && j < other.docs.len() {
            let (a, b) = (self.docs[i], other.docs[j]);
            if a == b {
                out.docs.push(a);
                out.scores.push(self.scores[i] + other.scores[j]);
                i += 1;
                j += 1;
            } else if a < b {
                i += 1;
            } else {
                j += 1;
            }
        }
        out
    }

    fn or(self, other: &Matches) -> Matches {
        let mut out = Matches::default();
        let (mut i, mut j) = (0, 0);
        while i < self.docs.len() || j < other.docs.len() {
            let a = self.docs.get(i).copied().unwrap_or(u32::MAX);
            let b = other.docs.get(j).copied().unwrap_or(u32::MAX);
            if a == b {
                out.docs.push(a);
                out.scores.push(self.scores[i] + other.scores[j]);
                i += 1;
                j += 1;
            } else if a < b {
                out.docs.push(a);
                out.scores.push(self.scores[i]);
                i += 1;
            } else {
                out.docs.push(b);
                out.scores.push(other.scores[j]);
                j += 1;
            }
        }
        out
    }

    fn minus(self, other: &Matches) -> Matches {
        let mut out = Matches::default();
        let mut j = 0;
        for (i, &d) in self.docs.iter().enumerate() {
            while j < other.docs.len() && other.docs[j] < d {
                j += 1;
            }
            if other.docs.get(j) != Some(&d) {
                out.docs.push(d);
                out.scores.push(self.scores[i]);
            }
        }
        out
    }

    fn complement(&self, n: u32) -> Matches {
        Matches::all(n).minus(self)
    }
}

/// Evaluation state of one request.
pub(crate) struct Eval<'i, 'a> {
    index: &'i Index<'a>,
    stats: Stats,
    /// What snippets mark.
    pub highlight: Highlight,
    /// Notices for the user.
    pub notices: Vec<String>,
    /// Words replaced by a fuzzy match, for the suggestion: (typed, best form).
    pub corrections: Vec<(String, String)>,
    /// Plain positive words in query order (their postings with positions
    /// and their idf), for the proximity bonus.
    pub plain_words: Vec<(Vec<Posting>, f32)>,
    /// Whether the query has two plain words or more (so proximity counts).
    pub want_proximity: bool,
    /// How many more dictionary forms prefix and fuzzy words may expand to.
    expansions_left: usize,
    /// How many more postings those forms may have.
    postings_left: usize,
    /// How many more prefix and fuzzy words may walk the dictionary.
    walks_left: usize,
    buffer: Vec<Posting>,
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
            Node::Phrase { words, slop, field } => self.phrase(words, *slop, *field, positive),
            Node::Facet { field, value } => {
                let docs = self.index.facet_docs(field, value).unwrap_or_default();
                let scores = vec![0.0; docs.len()];
                Matches { docs, scores }
            }
            Node::Date { from, to } => {
                let docs: Vec<u32> =
                    (0..n).filter(|&d| matches!(self.index.day(d), Some(day) if day >= *from && day <= *to)).collect();
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
                positives.sort_by_key(|m| m.docs.len());
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

    /// The postings lists a word stands for, and whether they came from an
    /// automatic fuzzy fallback.
    fn lists(&mut self, term: &Term, positive: bool) -> Vec<u64> {
        let index = self.index;
        match term.kind {
            TermKind::Exact => {
                if positive {
                    self.highlight.add_exact(&term.word);
                }
                index.exact_list(&term.word).into_iter().collect()
            }
            TermKind::Stem => {
                let stem = index.analyzer.stem(&term.word).into_owned();
                let lists = index.stem_lists(&stem);
                if !lists.is_empty() {
                    if positive {
                        self.highlight.add_stem(&stem);
                    }
                    return lists;
                }
                // Not in the dictionary: try close spellings.
                let distance = auto_distance(&term.word);
                if distance == 0 {
                    return Vec::new();
                }
                let forms = self.expand_fuzzy(&term.word, distance, positive, true);
                if let Some((best, _)) = forms.iter().max_by_key(|(_, l)| index.list_df(*l)) {
                    self.corrections.push((term.word.clone(), best.clone()));
                    // The most frequent close spellings are the likely meant ones.
                    let mut by_df: Vec<(u32, &str)> = forms.iter().map(|(f, l)| (index.list_df(*l), f.as_str())).collect();
                    by_df.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
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
                    for (f, _) in &forms {
                        self.highlight.add_exact(f);
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
    fn expand_fuzzy(&mut self, word: &str, distance: u32, positive: bool, same_first: bool) -> Vec<(String, u64)> {
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
            for (f, _) in &forms {
                self.highlight.add_exact(f);
            }
        }
        forms
    }

    /// Every dictionary form an automaton accepts (at most 20 times the cap).
    fn collect_forms<A: Automaton>(&self, automaton: A) -> Vec<(String, u64)> {
        self.index.forms_matching(automaton, 20 * MAX_EXPANSIONS + 1)
    }

    /// Forms within `distance` by `fst`'s Levenshtein automaton (for words
    /// that are not ASCII), which can refuse a large automaton: then the
    /// distance is lowered, with a notice.
    fn levenshtein_forms(&mut self, word: &str, mut distance: u32) -> Vec<(String, u64)> {
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
    fn cap(&mut self, mut forms: Vec<(String, u64)>, what: &str) -> Vec<(String, u64)> {
        let index = self.index;
        let mut with_df: Vec<(u32, String, u64)> = forms.drain(..).map(|(f, l)| (index.list_df(l), f, l)).collect();
        with_df.sort_unstable_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
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

    /// Merged postings of several lists: one posting per document with the
    /// frequencies summed.
    fn merged(&mut self, lists: &[u64], positions: bool) -> Vec<Posting> {
        let mut out = Vec::new();
        if lists.len() > 4 {
            // Many lists (a prefix, a typo): one stable sort beats many merges.
            for &l in lists {
                self.index.postings(l, positions, &mut out);
            }
            out.sort_by_key(|p| p.doc);
        } else {
            let mut one = Vec::new();
            for &l in lists {
                // A stem's few lists are each sorted by document: merge them.
                one.clear();
                self.index.postings(l, positions, &mut one);
                out = merge_by_doc(out, &one);
            }
        }
        if lists.len() > 1 && !positions {
            out.dedup_by(|b, a| {
                if a.doc == b.doc {
                    a.tf_title += b.tf_title;
                    a.tf_body += b.tf_body;
                    true
                } else {
                    false
                }
            });
        }
        out
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
        let with_positions = if plain { Some(self.merged(&lists, true)) } else { None };
        match &with_positions {
            Some(all) => {
                postings.extend_from_slice(all);
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
            None => postings.extend(self.merged(&lists, false)),
        }
        if term.field == Field::Title {
            postings.retain(|p| p.tf_title > 0);
        }
        let idf = idf(&self.stats, postings.len() as u32);
        if let Some(all) = with_positions {
            self.plain_words.push((all, idf));
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
        // Each word's postings (with positions), and whether it is a stop
        // word without positions, which the phrase reads as "any word".
        let mut per_word: Vec<(Vec<Posting>, bool)> = Vec::with_capacity(words.len());
        let mut idfs = 0.0;
        for w in words {
            let stem = index.analyzer.stem(w).into_owned();
            let lists = index.stem_lists(&stem);
            if positive {
                self.highlight.add_stem(&stem);
            }
            let wild = lists.iter().any(|&l| !index.list_has_positions(l));
            let postings = self.merged(&lists, !wild);
            let mut docs: Vec<u32> = postings.iter().map(|p| p.doc).collect();
            docs.dedup();
            if !wild {
                idfs += idf(&self.stats, docs.len() as u32);
            }
            per_word.push((postings, wild));
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
        let mut positions: Vec<Option<Vec<u32>>> = vec![None; per_word.len()];
        'docs: for doc in candidates {
            let (title_len, body_len) = index.lengths(doc);
            for (w, (postings, wild)) in per_word.iter().enumerate() {
                let c = &mut cursors[w];
                while *c < postings.len() && postings[*c].doc < doc {
                    *c += 1;
                }
                let here = postings[*c..].iter().take_while(|p| p.doc == doc);
                if *wild {
                    let mut any = false;
                    for p in here {
                        any |= field == Field::Any || p.tf_title > 0;
                    }
                    if !any {
                        continue 'docs;
                    }
                    positions[w] = None;
                    continue;
                }
                let ps = positions[w].get_or_insert_with(Vec::new);
                ps.clear();
                for p in here {
                    index.positions(p, ps);
                }
                if field == Field::Title {
                    ps.retain(|&p| p < title_len);
                }
                if ps.is_empty() {
                    continue 'docs;
                }
                ps.sort_unstable();
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

impl Eval<'_, '_> {
    /// Adds the proximity bonus to the best [`PROXIMITY_DEPTH`] documents:
    /// for each pair of consecutive query words found within
    /// [`PROXIMITY_WINDOW`] positions of each other, in query order, the
    /// smaller of their idfs, saturated by how often that happens.
    fn proximity_bonus(&mut self, matches: &mut Matches) {
        if self.plain_words.len() < 2 || matches.docs.is_empty() {
            return;
        }
        let mut best: Vec<usize> = (0..matches.docs.len()).collect();
        if best.len() > PROXIMITY_DEPTH {
            best.select_nth_unstable_by(PROXIMITY_DEPTH - 1, |&a, &b| {
                matches.scores[b].total_cmp(&matches.scores[a]).then(matches.docs[a].cmp(&matches.docs[b]))
            });
            best.truncate(PROXIMITY_DEPTH);
        }
        best.sort_unstable_by_key(|&i| matches.docs[i]);
        let words = std::mem::take(&mut self.plain_words);
        // Positions of each word in each of the best documents.
        let mut positions: Vec<Vec<Vec<u32>>> = Vec::with_capacity(words.len());
        for (postings, _) in &words {
            let mut per_doc = Vec::with_capacity(best.len());
            for &i in &best {
                let doc = matches.docs[i];
                let mut ps = Vec::new();
                let start = postings.partition_point(|p| p.doc < doc);
                for p in postings[start..].iter().take_while(|p| p.doc == doc) {
                    self.index.positions(p, &mut ps);
                }
                ps.sort_unstable();
                per_doc.push(ps);
            }
            positions.push(per_doc);
        }
        for (k, &i) in best.iter().enumerate() {
            let mut bonus = 0.0;
            for w in 0..words.len() - 1 {
                let (a, b) = (&positions[w][k], &positions[w + 1][k]);
                if a.is_empty() || b.is_empty() {
                    continue;
                }
                let mut near = 0u32;
                for &p in a {
                    let from = b.partition_point(|&q| q <= p);
                    if b.get(from).is_some_and(|&q| q - p <= PROXIMITY_WINDOW) {
                        near += 1;
                    }
                }
                if near > 0 {
                    let weight = words[w].1.min(words[w + 1].1);
                    bonus += weight * near as f32 / (near as f32 + 1.0);
                }
            }
            matches.scores[i] += PROXIMITY_WEIGHT * bonus;
        }
    }
}

impl Eval<'_, '_> {
    /// Pseudo-relevance feedback for verbose queries: the words most typical
    /// of the best [`FEEDBACK_DOCS`] documents (by term frequency in them,
    /// weighted by their scores and by idf) are added as optional words that
    /// only reorder the documents already matching.
    fn feedback(&mut self, root: &Node, matches: &mut Matches) {
        let (fdocs, fwords, fweight) = (FEEDBACK_DOCS, FEEDBACK_WORDS, FEEDBACK_WEIGHT);
        if matches.docs.is_empty() {
            return;
        }
        let index = self.index;
        let mut query_stems = std::collections::HashSet::new();
        collect_stems(root, index, &mut query_stems);
        let mut top: Vec<usize> = (0..matches.docs.len()).collect();
        top.sort_unstable_by(|&a, &b| matches.scores[b].total_cmp(&matches.scores[a]).then(matches.docs[a].cmp(&matches.docs[b])));
        top.truncate(fdocs);
        let best = matches.scores[top[0]].max(f32::MIN_POSITIVE);
        let mut weights: HashMap<String, f32> = HashMap::new();
        let mut stems: HashMap<String, Option<String>> = HashMap::new();
        for &i in &top {
            let Some(record) = index.record(matches.docs[i]) else { continue };
            let (_, title, text) = store::decode_head(&record);
            let mut counts: HashMap<String, u32> = HashMap::new();
            let mut len = 0u32;
            for part in [&title, &text] {
                index.analyzer.for_each_token(part, |_, _, exact| {
                    len += 1;
                    let stem = stems.entry(exact.to_string()).or_insert_with(|| {
                        let useful = !index.analyzer.is_stopword(exact)
                            && exact.len() > 2
                            && !exact.bytes().any(|b| b.is_ascii_digit());
                        useful.then(|| index.analyzer.stem(exact).into_owned())
                    });
                    if let Some(stem) = stem {
                        if !query_stems.contains(stem) {
                            *counts.entry(stem.clone()).or_insert(0) += 1;
                        }
                    }
                });
            }
            let doc_weight = matches.scores[i] / best;
            for (stem, c) in counts {
                *weights.entry(stem).or_insert(0.0) += doc_weight * c as f32 / len.max(1) as f32;
            }
        }
        let mut ranked: Vec<(f32, String, Vec<u64>)> = weights
            .into_iter()
            .map(|(stem, w)| {
                let lists = index.stem_lists(&stem);
                let df: u32 = lists.iter().map(|&l| index.list_df(l)).sum();
                (w * idf(&self.stats, df), stem, lists)
            })
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        ranked.truncate(fwords);
        let Some(top_weight) = ranked.first().map(|r| r.0.max(f32::MIN_POSITIVE)) else { return };
        for (w, _, lists) in ranked {
            let postings = self.merged(&lists, false);
            let idf = idf(&self.stats, postings.len() as u32);
            let factor = fweight * w / top_weight;
            let mut j = 0;
            for p in &postings {
                while j < matches.docs.len() && matches.docs[j] < p.doc {
                    j += 1;
                }
                if matches.docs.get(j) == Some(&p.doc) {
                    let (tl, bl) = index.lengths(p.doc);
                    matches.scores[j] += factor * idf * tf_weight(&self.stats, p.tf_title, p.tf_body, tl, bl);
                }
            }
        }
    }
}

/// The stems of a query's positive plain words.
fn collect_stems(node: &Node, index: &Index<'_>, out: &mut std::collections::HashSet<String>) {
    match node {
        Node::Term(t) => {
            out.insert(index.analyzer.stem(&t.word).into_owned());
        }
        Node::And(c) | Node::Or(c) => c.iter().for_each(|n| collect_stems(n, index, out)),
        _ => {}
    }
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

/// The edit distance typo tolerance allows for a word of this length.
pub fn auto_distance(word: &str) -> u32 {
    match word.chars().count() {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
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

/// Answers one request (see [`Index::search`]).
pub fn search(index: &Index<'_>, request: &SearchRequest) -> SearchResults {
    let fields: Vec<String> = index.meta().facets.into_iter().map(|f| f.name).collect();
    let parsed = parse(&request.query, &index.analyzer, &fields);
    let mut eval = Eval::new(index);
    eval.notices = parsed.notices;
    let root = parsed.root.clone().unwrap_or(Node::All);
    let plain = plain_words(&root, true);
    eval.want_proximity = request.sort == Sort::Relevance && request.limit > 0 && plain >= 2;
    let mut matches = eval.eval(&root, true);
    if request.sort == Sort::Relevance && request.limit > 0 && plain >= FEEDBACK_MIN_WORDS {
        eval.feedback(&root, &mut matches);
    }
    // The bonus only reorders, so a request for the count alone skips it.
    if request.sort == Sort::Relevance && request.limit > 0 {
        eval.proximity_bonus(&mut matches);
    }

    let matches = apply_filters(index, request, matches);

    let total = matches.docs.len();
    let limit = request.limit.min(MAX_LIMIT);
    let wanted = request.offset.saturating_add(limit).min(total);
    let mut order: Vec<(u32, f32)> = matches.docs.iter().copied().zip(matches.scores.iter().copied()).collect();
    let by_relevance = |a: &(u32, f32), b: &(u32, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
    match request.sort {
        Sort::Relevance => {
            if wanted > 0 && wanted < order.len() {
                order.select_nth_unstable_by(wanted - 1, by_relevance);
                order.truncate(wanted);
            }
            order.sort_by(by_relevance);
        }
        Sort::Newest | Sort::Oldest => {
            let newest = request.sort == Sort::Newest;
            order.sort_by(|a, b| {
                let (da, db) = (index.day(a.0), index.day(b.0));
                let dates = match (da, db) {
                    (Some(x), Some(y)) => {
                        if newest {
                            y.cmp(&x)
                        } else {
                            x.cmp(&y)
                        }
                    }
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (None, None) => std::cmp::Ordering::Equal,
                };
                dates.then_with(|| by_relevance(a, b))
            });
        }
    }

    let mut words = Vec::new();
    let hits: Vec<Hit> = order
        .iter()
        .skip(request.offset)
        .take(limit)
        .filter_map(|&(doc, score)| {
            let record = index.record_with_words(doc, &mut words)?;
            let doc = store::decode(&record);
            let snippet = snippet::make_from_words(&index.analyzer, &doc.text, &words, &eval.highlight);
            let facets = doc.facets.into_iter().flat_map(|(f, vs)| vs.into_iter().map(move |v| (f.clone(), v))).collect();
            Some(Hit { id: doc.id, title: doc.title, date: doc.date, score, snippet, facets })
        })
        .collect();

    let suggestion = suggest(index, &request.query, &eval, total);
    SearchResults { total, hits, notices: eval.notices, suggestion }
}

/// The page's facet filters and date range applied to matches: a document
/// stays when every filter holds (at least one `any_of` value, no `none_of`
/// value) and its day lies in the range. Undated documents fall outside
/// any range.
pub(crate) fn apply_filters(index: &Index<'_>, request: &SearchRequest, matches: Matches) -> Matches {
    let keep = filter_mask(index, &request.filters, None);
    if keep.is_none() && request.date_range.is_none() {
        return matches;
    }
    let mut out = Matches::default();
    for (i, &d) in matches.docs.iter().enumerate() {
        let ok_facets = keep.as_ref().is_none_or(|k| k.get(d as usize).copied().unwrap_or(false));
        let ok_date = request.date_range.is_none_or(|(lo, hi)| matches!(index.day(d), Some(day) if day >= lo && day <= hi));
        if ok_facets && ok_date {
            out.docs.push(d);
            out.scores.push(matches.scores[i]);
        }
    }
    out
}

/// Which documents pass the facet filters (`None`: every document). With
/// `skip_any_of`, that field's `any_of` is left out: a facet's own counts
/// show what choosing another of its values would give.
pub(crate) fn filter_mask(index: &Index<'_>, filters: &[crate::search::FacetFilter], skip_any_of: Option<&str>) -> Option<Vec<bool>> {
    let mut keep: Option<Vec<bool>> = None;
    for filter in filters {
        let skipped = skip_any_of.is_some_and(|f| f.trim().eq_ignore_ascii_case(filter.field.trim()));
        if !filter.any_of.is_empty() && !skipped {
            let mut allowed = vec![false; index.len()];
            for v in &filter.any_of {
                for d in index.facet_docs(&filter.field, v).unwrap_or_default() {
                    if let Some(slot) = allowed.get_mut(d as usize) {
                        *slot = true;
                    }
                }
            }
            let k = keep.get_or_insert_with(|| vec![true; index.len()]);
            for (slot, a) in k.iter_mut().zip(allowed) {
                *slot &= a;
            }
        }
        for v in &filter.none_of {
            let k = keep.get_or_insert_with(|| vec![true; index.len()]);
            for d in index.facet_docs(&filter.field, v).unwrap_or_default() {
                if let Some(slot) = k.get_mut(d as usize) {
                    *slot = false;
                }
            }
        }
    }
    keep
}

/// A better-spelled query when this one found little: each word that the
/// dictionary lacks (or nearly lacks) replaced by its most frequent close
/// spelling.
fn suggest(index: &Index<'_>, query: &str, eval: &Eval<'_, '_>, total: usize) -> Option<String> {
    let mut replacements: HashMap<String, String> = eval.corrections.iter().cloned().collect();
    if total < 3 && query.len() <= 200 {
        let words: HashSet<String> = index.analyzer.words(query).into_iter().collect();
        for w in words {
            if replacements.contains_key(&w) || auto_distance(&w) == 0 || w.chars().count() > MAX_FUZZY_CHARS {
                continue;
            }
            let own = index.stem_lists(&index.analyzer.stem(&w)).iter().map(|&l| index.list_df(l)).sum::<u32>();
            let Some(automaton) = super::fuzzy::EditDistance::new(&w, auto_distance(&w)) else { continue };
            let first: String = w.chars().take(1).collect();
            let automaton = Str::new(&first).starts_with().intersection(automaton);
            let mut best: Option<(u32, String)> = None;
            let mut stream = index.terms().search(automaton).into_stream();
            let mut seen = 0;
            while let Some(k) = stream.next() {
                seen += 1;
                if seen > 2_000 {
                    break;
                }
                let Some(v) = index.forward_view().list_of(k) else { continue };
                let df = index.list_df(v);
                if df > own.saturating_mul(4).max(2) && best.as_ref().is_none_or(|(b, _)| df > *b) {
                    best = Some((df, String::from_utf8_lossy(k).into_owned()));
                }
            }
            if let Some((_, form)) = best {
                replacements.insert(w, form);
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
    for t in index.analyzer.tokens(query) {
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
