//! The selection over time: documents per bin, and how often a few terms
//! occur per bin (trends).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::date::{civil_from_days, days_from_civil};
use crate::index::Index;
use crate::limits::{MAX_TIMELINE_BINS, MAX_TREND_TERMS};
use crate::query::query_matches;
use crate::search::Selection;

use super::select;

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


/// The bins for days `lo..=hi` at `granularity` (coarsened until there
/// are at most [`MAX_TIMELINE_BINS`]).
pub(super) fn bins(lo: i32, hi: i32, granularity: Option<Granularity>) -> (Granularity, Vec<Bin>) {
    let span = (hi as i64 - lo as i64).max(0) + 1;
    let mut g = granularity.unwrap_or_else(|| Granularity::for_span(span));
    loop {
        let mut bins = Vec::new();
        let mut start = g.floor(lo);
        let mut too_many = false;
        while start <= hi {
            if bins.len() >= MAX_TIMELINE_BINS {
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
fn span(index: &Index<'_>, selection: &Selection, docs: &[u32]) -> Option<(i32, i32)> {
    let overview = index.overview();
    let (first, last) = (overview.first_day?, overview.last_day?);
    if let Some((lo, hi)) = selection.date_range {
        let (lo, hi) = (lo.max(first), hi.min(last));
        return (lo <= hi).then_some((lo, hi));
    }
    let days = docs.iter().filter_map(|&d| index.day(d));
    let (lo, hi) = days.fold((i32::MAX, i32::MIN), |(lo, hi), d| (lo.min(d), hi.max(d)));
    (lo <= hi).then_some((lo, hi))
}

/// Selected documents per bin, plus the undated ones. Without a
/// granularity one is chosen from the span ([`Granularity::for_span`]).
pub(crate) fn timeline(index: &Index<'_>, selection: &Selection, granularity: Option<Granularity>) -> Timeline {
    let docs = select(index, selection).docs;
    let undated = docs.iter().filter(|&&d| index.day(d).is_none()).count();
    let Some((lo, hi)) = span(index, selection, &docs) else {
        return Timeline { granularity: granularity.unwrap_or(Granularity::Year), bins: Vec::new(), undated };
    };
    let (granularity, mut bins) = bins(lo, hi, granularity);
    for &d in &docs {
        if let Some(day) = index.day(d) {
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
pub(crate) fn trends(index: &Index<'_>, terms: &[String], selection: &Selection, granularity: Option<Granularity>) -> Trends {
    let base = Selection { query: String::new(), ..selection.clone() };
    let docs = select(index, &base).docs;
    let Some((lo, hi)) = span(index, &base, &docs) else {
        return Trends { granularity: granularity.unwrap_or(Granularity::Year), bins: Vec::new(), series: Vec::new() };
    };
    let (granularity, mut bins) = bins(lo, hi, granularity);
    let mut words = vec![0u64; bins.len()];
    let mut in_selection = vec![false; index.len()];
    for &d in &docs {
        if let Some(i) = index.day(d).and_then(|day| bin_of(&bins, day)) {
            bins[i].count += 1;
            let (t, b) = index.lengths(d);
            words[i] += (t + b) as u64;
            in_selection[d as usize] = true;
        }
    }
    let mut series = Vec::new();
    for term in terms.iter().take(MAX_TREND_TERMS) {
        let (matches, eval) = query_matches(index, term, true);
        let occurrences = eval.occurrences;
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
            if let Some(i) = index.day(d).and_then(|day| bin_of(&bins, day)) {
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

/// The bin holding `day`, by binary search over the bins' starts.
pub(super) fn bin_of(bins: &[Bin], day: i32) -> Option<usize> {
    let i = bins.partition_point(|b| b.start <= day).checked_sub(1)?;
    (day <= bins[i].end).then_some(i)
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
