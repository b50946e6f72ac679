//! Analytics over a selection of documents: the answers the workbench's
//! linked views draw from one state (query, facet filters, date range).
//!
//! - [`Index::select`]: the documents a request selects (an empty query
//!   selects every document that passes the filters).
//! - [`Index::facet_counts`]: how many selected documents carry each value of
//!   each facet field.
//! - [`Index::timeline`]: selected documents per day, week, month or year.
//! - [`Index::trends`]: for a few terms, matching documents and occurrences
//!   per 10,000 words, per bin.
//! - [`Index::concordance`]: every occurrence of the query's words or
//!   phrases in context (keyword in context).
//! - [`Index::term_stats`], [`Index::collocates`]: frequent and distinctive
//!   words of the selection, and the words found near a word.
//! - [`Index::similar`]: documents sharing a document's most typical words.
//!
//! Every answer is bounded: word counts read the words at each position
//! of the selected documents from the index's forward view (no text is
//! decoded or tokenised again, so the whole selection is read, and so are
//! collocates); a concordance reads at most [`MAX_KWIC_DOCS`] stored texts
//! and says when it stopped early.

use std::borrow::Cow;
use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::analyze::fold;
use crate::date::{civil_from_days, days_from_civil};
use crate::document::FacetKind;
use crate::index::{store, Index, NO_TERM};
use crate::query::eval::{apply_filters, filter_mask, Eval, Matches};
use crate::query::snippet::Highlight;
use crate::query::{parse, Field, Node};
use crate::search::{Hit, SearchRequest, Sort};

/// Most bins a timeline has; a finer granularity that would need more is
/// coarsened.
pub const MAX_BINS: usize = 1_000;
/// Most terms a trends request compares.
pub const MAX_TREND_TERMS: usize = 5;
/// Most stored texts a concordance reads.
pub const MAX_KWIC_DOCS: usize = 2_000;
/// Most concordance lines returned.
pub const MAX_KWIC_LINES: usize = 2_000;
/// Widest context on each side of a keyword, in characters.
pub const MAX_KWIC_WIDTH: usize = 200;
/// Most frequent words of a selection weighed for distinctiveness (each
/// costs one postings list).
pub const MAX_DISTINCTIVE_CANDIDATES: usize = 400;
/// Words a "similar documents" query is made of.
pub const SIMILAR_WORDS: usize = 12;

/// The documents a request selects, ascending by ordinal.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Document ordinals, ascending.
    pub docs: Vec<u32>,
    /// What the query parser or evaluation had to ignore or cap.
    pub notices: Vec<String>,
}

/// One value of a facet with how many selected documents carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetValueCount {
    /// The value as the corpus spells it.
    pub value: String,
    /// Selected documents with this value.
    pub count: usize,
}

/// The value counts of one facet field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetCounts {
    /// The field name (`topics`).
    pub field: String,
    /// How its values are read.
    pub kind: FacetKind,
    /// Values carried by at least one selected document, most frequent
    /// first, then alphabetically; values the request filters on are kept
    /// even at zero so they can be removed.
    pub values: Vec<FacetValueCount>,
}

/// One facet value as the corpus spells it, and its documents (ascending).
type ValueDocs = (String, Vec<u32>);

/// Each positive word's or phrase's occurrences per document.
type Occurrences = Vec<(u32, u32)>;

/// Every facet value, its label and its documents: read once per index.
#[derive(Debug, Default)]
pub struct FacetCatalog {
    fields: Vec<(String, FacetKind, Vec<ValueDocs>)>,
}

/// The width of a timeline bin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    /// One day.
    Day,
    /// Monday to Sunday.
    Week,
    /// A calendar month.
    Month,
    /// A calendar year.
    Year,
}

impl Granularity {
    /// The granularity that gives a readable number of bins for a span of
    /// days: up to about three months by day, a year by week, twenty
    /// years by month, beyond by year.
    pub fn for_span(days: i64) -> Granularity {
        match days {
            ..=92 => Granularity::Day,
            93..=366 => Granularity::Week,
            367..=7_305 => Granularity::Month,
            _ => Granularity::Year,
        }
    }

    fn coarser(self) -> Option<Granularity> {
        match self {
            Granularity::Day => Some(Granularity::Week),
            Granularity::Week => Some(Granularity::Month),
            Granularity::Month => Some(Granularity::Year),
            Granularity::Year => None,
        }
    }

    /// The first day of the bin holding `day`.
    pub fn floor(self, day: i32) -> i32 {
        match self {
            Granularity::Day => day,
            // Day 0 (1970-01-01) was a Thursday: Monday is 3 days before.
            Granularity::Week => day.saturating_sub((day.saturating_add(3)).rem_euclid(7)),
            Granularity::Month => {
                let (y, m, _) = civil_from_days(day);
                days_from_civil(y, m, 1)
            }
            Granularity::Year => {
                let (y, _, _) = civil_from_days(day);
                days_from_civil(y, 1, 1)
            }
        }
    }

    /// The first day of the bin after the one starting at `start`.
    pub fn next(self, start: i32) -> i32 {
        match self {
            Granularity::Day => start.saturating_add(1),
            Granularity::Week => start.saturating_add(7),
            Granularity::Month => {
                let (y, m, _) = civil_from_days(start);
                if m == 12 {
                    days_from_civil(y + 1, 1, 1)
                } else {
                    days_from_civil(y, m + 1, 1)
                }
            }
            Granularity::Year => {
                let (y, _, _) = civil_from_days(start);
                days_from_civil(y + 1, 1, 1)
            }
        }
    }
}

/// One bar of a timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bin {
    /// First day (inclusive).
    pub start: i32,
    /// Last day (inclusive).
    pub end: i32,
    /// Selected documents dated in it.
    pub count: usize,
}

/// Selected documents over time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timeline {
    /// The width of the bins.
    pub granularity: Granularity,
    /// Consecutive bins from the first to the last selected day (or over the
    /// request's date range), empty bins included.
    pub bins: Vec<Bin>,
    /// Selected documents without a date.
    pub undated: usize,
}

/// One bin of one trend.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TrendPoint {
    /// First day of the bin.
    pub start: i32,
    /// Documents in the bin matching the term.
    pub count: usize,
    /// Occurrences of the term per 10,000 words of the bin's documents.
    pub per10k: f64,
}

/// One term's trend.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrendSeries {
    /// The term or query as asked.
    pub term: String,
    /// One point per bin.
    pub points: Vec<TrendPoint>,
}

/// Several terms over the same bins.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Trends {
    /// The width of the bins.
    pub granularity: Granularity,
    /// The bins' first and last days, with the words the filtered documents
    /// have in each.
    pub bins: Vec<(Bin, u64)>,
    /// One series per term, in the order asked.
    pub series: Vec<TrendSeries>,
}

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

/// A word with a count and a score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TermScore {
    /// The word's exact (folded) form.
    pub term: String,
    /// Occurrences in the texts read (near the word, for collocates).
    pub count: usize,
    /// Log-likelihood (distinctive terms, collocates) or the count.
    pub score: f64,
}

/// Word statistics of a selection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TermStats {
    /// Most frequent words (stop words, numbers and words under three
    /// letters left out).
    pub frequent: Vec<TermScore>,
    /// Words whose share of the words read most exceeds their share of the
    /// whole corpus's words (log-likelihood).
    pub distinctive: Vec<TermScore>,
    /// How many documents were read.
    pub documents_read: usize,
    /// How many documents the selection has.
    pub documents: usize,
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
fn is_content_word(index: &Index<'_>, exact: &str) -> bool {
    // The index's stop words are English only; so is the longer list.
    let english_function_word = index.analyzer.is_stopword("the") && ENGLISH_FUNCTION_WORDS.binary_search(&exact).is_ok();
    exact.chars().count() >= 3
        && !index.analyzer.is_stopword(exact)
        && !exact.bytes().any(|b| b.is_ascii_digit())
        && !english_function_word
}

/// Dunning's log-likelihood (G²) that `k` of `n` observations against an
/// expected share `p` is not chance; signed negative when below it.
fn log_likelihood(k: f64, n: f64, p: f64) -> f64 {
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

impl<'a> Index<'a> {
    /// The documents `request` selects: its query (empty: every document),
    /// facet filters and date range. `limit`, `offset` and `sort` are not
    /// used.
    pub fn select(&self, request: &SearchRequest) -> Selection {
        let (matches, notices) = self.matches(request, false);
        Selection { docs: apply_filters(self, request, matches).docs, notices }
    }

    /// The query's matches before filters, and the notices; with
    /// `occurrences`, also each positive word's and phrase's occurrences per
    /// document.
    fn eval_query(&self, query: &str, occurrences: bool) -> (Matches, Vec<String>, Option<Occurrences>) {
        let fields: Vec<String> = self.meta().facets.into_iter().map(|f| f.name).collect();
        let parsed = parse(query, &self.analyzer, &fields);
        let mut eval = Eval::new(self);
        eval.notices = parsed.notices;
        if occurrences {
            eval.occurrences = Some(Vec::new());
        }
        let root = parsed.root.unwrap_or(Node::All);
        let matches = eval.eval(&root, true);
        (matches, eval.notices, eval.occurrences)
    }

    fn matches(&self, request: &SearchRequest, occurrences: bool) -> (Matches, Vec<String>) {
        let (m, n, _) = self.eval_query(&request.query, occurrences);
        (m, n)
    }

    fn catalog(&self) -> &crate::explore::FacetCatalog {
        self.facet_catalog.get_or_init(|| {
            let entries = self.facet_entries();
            let mut fields = Vec::new();
            for field in self.meta().facets {
                let mut prefix = field.name.trim().to_lowercase().into_bytes();
                prefix.push(0);
                let mut values = Vec::new();
                for (key, at) in entries.iter().filter(|(k, _)| k.starts_with(&prefix)) {
                    let docs = self.facet_list(*at);
                    let folded = String::from_utf8_lossy(&key[prefix.len()..]).into_owned();
                    // The value as its first document spells it (the map
                    // holds it lower-cased).
                    let label = docs
                        .first()
                        .and_then(|&d| self.document_at(d))
                        .and_then(|doc| {
                            doc.facets
                                .into_iter()
                                .filter(|(f, _)| f.trim().to_lowercase() == field.name.trim().to_lowercase())
                                .flat_map(|(_, vs)| vs)
                                .find(|v| v.trim().to_lowercase() == folded)
                        })
                        .map(|v| v.trim().to_string())
                        .unwrap_or(folded);
                    values.push((label, docs));
                }
                fields.push((field.name, field.kind, values));
            }
            FacetCatalog { fields }
        })
    }

    /// For every facet field, how many selected documents carry each value.
    /// A field's own `any_of` filter is left out of its counts (choosing a
    /// second value widens the selection, and the counts say by how much);
    /// every other filter, its `none_of` and the date range apply.
    pub fn facet_counts(&self, request: &SearchRequest) -> Vec<FacetCounts> {
        let (matches, _) = self.matches(request, false);
        let n = self.len();
        let in_range = |d: u32| request.date_range.is_none_or(|(lo, hi)| matches!(self.day(d), Some(day) if day >= lo && day <= hi));
        let mut out = Vec::new();
        for (field, kind, values) in &self.catalog().fields {
            let mask = filter_mask(self, &request.filters, Some(field));
            let mut selected = vec![false; n];
            for &d in &matches.docs {
                if in_range(d) && mask.as_ref().is_none_or(|m| m.get(d as usize).copied().unwrap_or(false)) {
                    if let Some(slot) = selected.get_mut(d as usize) {
                        *slot = true;
                    }
                }
            }
            let chosen: Vec<String> = request
                .filters
                .iter()
                .filter(|f| f.field.trim().eq_ignore_ascii_case(field.trim()))
                .flat_map(|f| f.any_of.iter().chain(&f.none_of))
                .map(|v| v.trim().to_lowercase())
                .collect();
            let mut counted: Vec<FacetValueCount> = values
                .iter()
                .map(|(label, docs)| FacetValueCount {
                    value: label.clone(),
                    count: docs.iter().filter(|&&d| selected.get(d as usize).copied().unwrap_or(false)).count(),
                })
                .filter(|v| v.count > 0 || chosen.contains(&v.value.to_lowercase()))
                .collect();
            counted.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
            out.push(FacetCounts { field: field.clone(), kind: *kind, values: counted });
        }
        out
    }

    /// The bins for days `lo..=hi` at `granularity` (coarsened until there
    /// are at most [`MAX_BINS`]).
    fn bins(&self, lo: i32, hi: i32, granularity: Option<Granularity>) -> (Granularity, Vec<Bin>) {
        let span = (hi as i64 - lo as i64).max(0) + 1;
        let mut g = granularity.unwrap_or_else(|| Granularity::for_span(span));
        loop {
            let mut bins = Vec::new();
            let mut start = g.floor(lo);
            let mut too_many = false;
            while start <= hi {
                if bins.len() >= MAX_BINS {
                    too_many = true;
                    break;
                }
                let next = g.next(start);
                bins.push(Bin { start, end: next.saturating_sub(1), count: 0 });
                if next <= start {
                    break;
                }
                start = next;
            }
            match (too_many, g.coarser()) {
                (true, Some(c)) => g = c,
                _ => return (g, bins),
            }
        }
    }

    /// The span the timeline covers: the request's date range within the
    /// corpus's dates, else the days of `docs`.
    fn span(&self, request: &SearchRequest, docs: &[u32]) -> Option<(i32, i32)> {
        let overview = self.overview();
        let (first, last) = (overview.first_day?, overview.last_day?);
        if let Some((lo, hi)) = request.date_range {
            let (lo, hi) = (lo.max(first), hi.min(last));
            return (lo <= hi).then_some((lo, hi));
        }
        let days = docs.iter().filter_map(|&d| self.day(d));
        let (lo, hi) = days.fold((i32::MAX, i32::MIN), |(lo, hi), d| (lo.min(d), hi.max(d)));
        (lo <= hi).then_some((lo, hi))
    }

    /// Selected documents per bin, plus the undated ones. Without a
    /// granularity one is chosen from the span ([`Granularity::for_span`]).
    pub fn timeline(&self, request: &SearchRequest, granularity: Option<Granularity>) -> Timeline {
        let docs = self.select(request).docs;
        let undated = docs.iter().filter(|&&d| self.day(d).is_none()).count();
        let Some((lo, hi)) = self.span(request, &docs) else {
            return Timeline { granularity: granularity.unwrap_or(Granularity::Year), bins: Vec::new(), undated };
        };
        let (granularity, mut bins) = self.bins(lo, hi, granularity);
        for &d in &docs {
            if let Some(day) = self.day(d) {
                if let Some(bin) = bin_of(&bins, day).and_then(|i| bins.get_mut(i)) {
                    bin.count += 1;
                }
            }
        }
        Timeline { granularity, bins, undated }
    }

    /// For each of up to [`MAX_TREND_TERMS`] terms (any query text), per
    /// bin: the documents matching it and its occurrences per 10,000 words
    /// of all the documents the filters select in that bin. The query of
    /// `request` is not used; its filters and date range are.
    pub fn trends(&self, terms: &[String], request: &SearchRequest, granularity: Option<Granularity>) -> Trends {
        let base = SearchRequest { query: String::new(), ..request.clone() };
        let docs = self.select(&base).docs;
        let Some((lo, hi)) = self.span(&base, &docs) else {
            return Trends { granularity: granularity.unwrap_or(Granularity::Year), bins: Vec::new(), series: Vec::new() };
        };
        let (granularity, mut bins) = self.bins(lo, hi, granularity);
        let mut words = vec![0u64; bins.len()];
        let mut in_selection = vec![false; self.len()];
        for &d in &docs {
            if let Some(i) = self.day(d).and_then(|day| bin_of(&bins, day)) {
                bins[i].count += 1;
                let (t, b) = self.lengths(d);
                words[i] += (t + b) as u64;
                in_selection[d as usize] = true;
            }
        }
        let mut series = Vec::new();
        for term in terms.iter().take(MAX_TREND_TERMS) {
            let (matches, _, occurrences) = self.eval_query(term, true);
            let mut per_doc: HashMap<u32, u64> = HashMap::new();
            for (d, c) in occurrences.unwrap_or_default() {
                *per_doc.entry(d).or_insert(0) += c as u64;
            }
            let mut counts = vec![0usize; bins.len()];
            let mut occ = vec![0u64; bins.len()];
            for &d in &matches.docs {
                if !in_selection.get(d as usize).copied().unwrap_or(false) {
                    continue;
                }
                if let Some(i) = self.day(d).and_then(|day| bin_of(&bins, day)) {
                    counts[i] += 1;
                    occ[i] += per_doc.get(&d).copied().unwrap_or(0);
                }
            }
            let points = bins
                .iter()
                .enumerate()
                .map(|(i, bin)| TrendPoint {
                    start: bin.start,
                    count: counts[i],
                    per10k: if words[i] == 0 { 0.0 } else { occ[i] as f64 * 10_000.0 / words[i] as f64 },
                })
                .collect();
            series.push(TrendSeries { term: term.clone(), points });
        }
        Trends { granularity, bins: bins.into_iter().zip(words).collect(), series }
    }

    /// Every occurrence of the query's positive words and exact phrases in
    /// the text of the selected documents, with up to `width` characters of
    /// context each side; at most `limit` lines are returned (and
    /// [`MAX_KWIC_DOCS`] documents read), `total` counts them all.
    pub fn concordance(&self, request: &SearchRequest, width: usize, limit: usize) -> Concordance {
        let width = width.min(MAX_KWIC_WIDTH);
        let limit = limit.min(MAX_KWIC_LINES);
        let docs = self.select(request).docs;
        let targets = self.kwic_targets(&request.query);
        let mut out = Concordance { total: 0, lines: Vec::new(), complete: docs.len() <= MAX_KWIC_DOCS };
        if targets.is_empty() {
            return out;
        }
        let mut words = Vec::new();
        for &d in docs.iter().take(MAX_KWIC_DOCS) {
            let Some(record) = self.record_with_words(d, &mut words) else { continue };
            let (id, title, text) = store::decode_head(&record);
            let found = targets.find_in_template_words(self, &text, &words);
            out.total += found.len();
            for (start, end) in found {
                if out.lines.len() >= limit {
                    break;
                }
                out.lines.push(KwicLine {
                    id: id.clone(),
                    title: title.clone(),
                    day: self.day(d),
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
    pub fn hit_ranges(&self, query: &str, text: &str) -> Vec<(usize, usize)> {
        let targets = self.kwic_targets(query);
        if targets.is_empty() {
            return Vec::new();
        }
        targets.find(self, text)
    }

    /// What a concordance looks for: the query's positive words (with their
    /// prefix and typo expansions) and its exact phrases.
    fn kwic_targets(&self, query: &str) -> Targets {
        let fields: Vec<String> = self.meta().facets.into_iter().map(|f| f.name).collect();
        let parsed = parse(query, &self.analyzer, &fields);
        let mut words = Vec::new();
        let mut phrases = Vec::new();
        if let Some(root) = &parsed.root {
            collect_targets(root, true, &mut words, &mut phrases);
        }
        // The words' expansions are what a search of them would mark.
        let mut eval = Eval::new(self);
        if !words.is_empty() {
            eval.eval(&Node::Or(words), true);
        }
        let phrases = phrases
            .into_iter()
            .map(|ws| {
                ws.iter()
                    .map(|w| if self.analyzer.is_stopword(w) { None } else { Some(self.analyzer.stem(w).into_owned()) })
                    .collect()
            })
            .collect();
        Targets { words: eval.highlight, phrases }
    }

    /// The most frequent and most distinctive words of the selection (at
    /// most `limit` each), counted over every selected document. Distinctive
    /// words are those whose share of the selection's words most exceeds
    /// their share of all the corpus's words (log-likelihood); the
    /// [`MAX_DISTINCTIVE_CANDIDATES`] most frequent are weighed.
    pub fn term_stats(&self, request: &SearchRequest, limit: usize) -> TermStats {
        let docs = self.select(request).docs;
        let forward = self.forward_view();
        let mut by_term = vec![0u32; forward.term_count()];
        let mut words_read = 0u64;
        for &d in &docs {
            let (title, body) = forward.lengths(d);
            words_read += title as u64 + body as u64;
            for term in forward.terms_of(d) {
                if let Some(c) = by_term.get_mut(term as usize) {
                    *c += 1;
                }
            }
        }
        let counts = by_term.iter().enumerate().filter(|(_, &c)| c > 0).filter_map(|(term, &c)| {
            let word = forward.word(term as u32)?;
            is_content_word(self, word).then_some((word, c as usize))
        });
        let mut frequent: Vec<TermScore> =
            counts.map(|(t, c)| TermScore { term: t.to_string(), count: c, score: c as f64 }).collect();
        frequent.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.term.cmp(&b.term)));
        let corpus_words: u64 = (0..self.doc_count()).map(|d| {
            let (t, b) = self.lengths(d);
            (t + b) as u64
        }).sum();
        let mut distinctive: Vec<TermScore> = Vec::new();
        let mut postings = Vec::new();
        for candidate in frequent.iter().take(MAX_DISTINCTIVE_CANDIDATES) {
            let Some(list) = self.exact_list(&candidate.term) else { continue };
            postings.clear();
            self.postings(list, false, &mut postings);
            let in_corpus: u64 = postings.iter().map(|p| (p.tf_title + p.tf_body) as u64).sum();
            let p = in_corpus as f64 / corpus_words.max(1) as f64;
            let score = log_likelihood(candidate.count as f64, words_read as f64, p);
            if score > 0.0 {
                distinctive.push(TermScore { term: candidate.term.clone(), count: candidate.count, score });
            }
        }
        distinctive.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.term.cmp(&b.term)));
        distinctive.truncate(limit);
        frequent.truncate(limit);
        TermStats { frequent, distinctive, documents_read: docs.len(), documents: docs.len() }
    }

    /// Words occurring within `window` words of `term` (matched by stem) in
    /// the texts of the selected documents that contain it, ranked by
    /// log-likelihood against their frequency in those texts overall. Every
    /// such document is read, from the forward view's words at each
    /// position (stop words fill positions but are never collocates).
    pub fn collocates(&self, request: &SearchRequest, term: &str, window: usize, limit: usize) -> Vec<TermScore> {
        const UNSEEN: u8 = 0;
        const TARGET: u8 = 1;
        const CONTENT: u8 = 2;
        const OTHER: u8 = 3;
        let window = window.clamp(1, 20);
        let Some(word) = self.analyzer.words(term).into_iter().next() else { return Vec::new() };
        let stem = self.analyzer.stem(&word).into_owned();
        let with_term = SearchRequest { query: format!("{} {}", request.query, word), ..request.clone() };
        let docs = self.select(&with_term).docs;
        let forward = self.forward_view();
        let terms = forward.term_count();
        // What each term is, found when first met: stemming is the costly
        // step, and most of the dictionary never shows up.
        let mut kinds = vec![UNSEEN; terms];
        let mut kind_of = |t: u32| -> u8 {
            let Some(kind) = kinds.get_mut(t as usize) else { return OTHER };
            if *kind == UNSEEN {
                let form = forward.word(t).unwrap_or("");
                *kind = if self.analyzer.stem(form) == stem {
                    TARGET
                } else if is_content_word(self, form) {
                    CONTENT
                } else {
                    OTHER
                };
            }
            *kind
        };
        let (mut near, mut overall) = (vec![0u32; terms], vec![0u32; terms]);
        let (mut near_total, mut total) = (0u64, 0u64);
        let mut close: Vec<bool> = Vec::new();
        for &d in &docs {
            let words = forward.body_slots(d);
            close.clear();
            close.resize(words.len(), false);
            for (i, &t) in words.iter().enumerate() {
                if t != NO_TERM && kind_of(t) == TARGET {
                    let to = (i + window).min(words.len() - 1);
                    close[i.saturating_sub(window)..=to].fill(true);
                }
            }
            for (&t, &is_close) in words.iter().zip(&close) {
                if t == NO_TERM || kind_of(t) != CONTENT {
                    continue;
                }
                total += 1;
                overall[t as usize] += 1;
                if is_close {
                    near_total += 1;
                    near[t as usize] += 1;
                }
            }
        }
        let mut out: Vec<TermScore> = near
            .iter()
            .enumerate()
            .filter(|&(_, &c)| c >= 2 || (c > 0 && docs.len() < 5))
            .filter_map(|(t, &c)| {
                let p = overall[t] as f64 / total.max(1) as f64;
                let score = log_likelihood(c as f64, near_total as f64, p);
                (score > 0.0).then(|| TermScore { term: forward.word(t as u32).unwrap_or("").to_string(), count: c as usize, score })
            })
            .collect();
        out.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.term.cmp(&b.term)));
        out.truncate(limit);
        out
    }

    /// Documents most like the one with this id: its [`SIMILAR_WORDS`] most
    /// typical words (frequency in it times rarity in the corpus) searched
    /// as alternatives, the document itself left out.
    pub fn similar(&self, id: &str, limit: usize) -> Vec<Hit> {
        let Some(doc) = self.document(id) else { return Vec::new() };
        let mut tf: HashMap<String, u32> = HashMap::new();
        for part in [&doc.title, &doc.text] {
            self.analyzer.for_each_token(part, |_, _, exact| {
                if is_content_word(self, exact) {
                    *tf.entry(exact.to_string()).or_insert(0) += 1;
                }
            });
        }
        let n = self.len() as f64;
        let mut weighted: Vec<(f64, String)> = tf
            .into_iter()
            .map(|(t, c)| {
                let df = self.exact_list(&t).map(|l| self.list_df(l)).unwrap_or(1).max(1) as f64;
                ((1.0 + (c as f64).ln()) * (n / df).ln(), t)
            })
            .filter(|(w, _)| *w > 0.0)
            .collect();
        weighted.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        let words: Vec<String> = weighted.into_iter().take(SIMILAR_WORDS).map(|(_, t)| format!("={t}")).collect();
        if words.is_empty() {
            return Vec::new();
        }
        let request =
            SearchRequest { query: words.join(" OR "), limit: limit.saturating_add(1), sort: Sort::Relevance, ..SearchRequest::default() };
        self.search(&request).hits.into_iter().filter(|h| h.id != doc.id).take(limit).collect()
    }
}

/// The bin holding `day`, by binary search over the bins' starts.
fn bin_of(bins: &[Bin], day: i32) -> Option<usize> {
    let i = bins.partition_point(|b| b.start <= day).checked_sub(1)?;
    (day <= bins[i].end).then_some(i)
}

/// Positive words (outside phrases) and exact phrases of a query tree.
fn collect_targets(node: &Node, positive: bool, words: &mut Vec<Node>, phrases: &mut Vec<Vec<String>>) {
    match node {
        Node::Term(t) if positive && t.field == Field::Any => words.push(node.clone()),
        Node::Phrase { words: ws, slop: None, field: Field::Any } if positive => phrases.push(ws.clone()),
        Node::Phrase { words: ws, slop: Some(_), field: Field::Any } if positive => {
            // A proximity phrase's words are found one by one.
            for w in ws {
                words.push(Node::Term(crate::query::Term {
                    word: w.clone(),
                    kind: crate::query::TermKind::Stem,
                    field: Field::Any,
                }));
            }
        }
        Node::And(c) | Node::Or(c) => c.iter().for_each(|n| collect_targets(n, positive, words, phrases)),
        Node::Not(n) => collect_targets(n, !positive, words, phrases),
        _ => {}
    }
}

/// What a concordance marks: single words and phrases (each word a stem,
/// `None` for a stop word, which stands for any word as in searches).
struct Targets {
    words: Highlight,
    phrases: Vec<Vec<Option<String>>>,
}

impl Targets {
    fn is_empty(&self) -> bool {
        self.words.is_empty() && self.phrases.is_empty()
    }

    /// Byte ranges of every occurrence in `text`, in order, not overlapping
    /// (a phrase wins over a word it starts with).
    fn find(&self, index: &Index<'_>, text: &str) -> Vec<(usize, usize)> {
        let mut tokens: Vec<(usize, usize, Cow<'_, str>)> = Vec::new();
        index.analyzer.for_each_token(text, |s, e, exact| tokens.push((s, e, Cow::Owned(exact.to_string()))));
        self.find_in_words(index, &tokens)
    }

    /// [`Targets::find`] over a text's words as its template gave them back
    /// (see `Index::record_with_words`), which spares segmenting it again.
    fn find_in_template_words(&self, index: &Index<'_>, text: &str, words: &[(usize, usize, Option<&str>)]) -> Vec<(usize, usize)> {
        let tokens: Vec<(usize, usize, Cow<'_, str>)> = words
            .iter()
            .map(|&(s, e, form)| (s, e, form.map_or_else(|| Cow::Owned(fold(text.get(s..e).unwrap_or(""))), Cow::Borrowed)))
            .collect();
        self.find_in_words(index, &tokens)
    }

    /// The matches among a text's words: (start, end, exact form).
    fn find_in_words(&self, index: &Index<'_>, tokens: &[(usize, usize, Cow<'_, str>)]) -> Vec<(usize, usize)> {
        let mut stems: Vec<Option<String>> = vec![None; tokens.len()];
        let mut stem_at = |i: usize, tokens: &[(usize, usize, Cow<'_, str>)]| -> String {
            stems[i].get_or_insert_with(|| index.analyzer.stem(&tokens[i].2).into_owned()).clone()
        };
        let mut out = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let mut matched = None;
            for phrase in &self.phrases {
                if phrase.is_empty() || i + phrase.len() > tokens.len() {
                    continue;
                }
                // Snowball stems keep a word's first letters: a cheap test
                // spares stemming most words.
                let ok = phrase.iter().enumerate().all(|(j, w)| match w {
                    None => true,
                    Some(stem) => shares_start(&tokens[i + j].2, stem) && stem_at(i + j, tokens) == *stem,
                });
                if ok {
                    matched = Some(phrase.len());
                    break;
                }
            }
            if matched.is_none() && self.words.marks(&index.analyzer, &tokens[i].2) {
                matched = Some(1);
            }
            match matched {
                Some(len) => {
                    out.push((tokens[i].0, tokens[i + len - 1].1));
                    i += len;
                }
                None => i += 1,
            }
        }
        out
    }
}

/// Whether a word starts like a stem (its first two bytes), which every
/// form with that stem does.
fn shares_start(word: &str, stem: &str) -> bool {
    let n = stem.len().min(2);
    word.as_bytes().get(..n) == stem.as_bytes().get(..n)
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
    use crate::date::days_from_civil;

    #[test]
    fn week_bins_start_on_monday() {
        // 2000-02-09 was a Wednesday; its week starts Monday 2000-02-07.
        let wed = days_from_civil(2000, 2, 9);
        assert_eq!(Granularity::Week.floor(wed), days_from_civil(2000, 2, 7));
        assert_eq!(Granularity::Month.next(days_from_civil(1999, 12, 1)), days_from_civil(2000, 1, 1));
        assert_eq!(Granularity::for_span(30), Granularity::Day);
        assert_eq!(Granularity::for_span(240), Granularity::Week);
        assert_eq!(Granularity::for_span(664), Granularity::Month);
    }

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

    #[test]
    fn context_is_cut_by_characters() {
        let text = "Élysée\nsaid — NATO";
        let at = text.find("NATO").unwrap();
        assert_eq!(context_before(text, at, 7), "said — ");
        assert_eq!(context_after(text, 0, 7), "Élysée ");
    }
}
