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

/// The width of a timeline bin, from the finest to the coarsest.
///
/// Decades and centuries follow the common convention that names them by
/// their first year: the 1880s are 1880–1889 and a century starts at a
/// year divisible by 100 (1800–1899, "the 1800s"), not the ordinal one that
/// starts at year 1 (1801–1900, "the 19th century"). That way a century is
/// exactly ten of the decades beside it and its bars line up with theirs.
/// Years are astronomical (year 0 is 1 BC, -9 is 10 BC), as in
/// [`days_from_civil`], and rounded down, never towards zero: the decade of
/// -5 is -10..=-1, the century of -5 is -100..=-1.
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
    /// Ten years from a year divisible by 10 (1880–1889).
    Decade,
    /// A hundred years from a year divisible by 100 (1800–1899).
    Century,
}

impl Granularity {
    /// The granularity that gives a readable number of bins for a span of
    /// days: up to about three months by day, a year by week, twenty
    /// years by month, a hundred by year, a thousand by decade, beyond by
    /// century (at most about a hundred bins, fewer for short spans).
    pub fn for_span(days: i64) -> Granularity {
        match days {
            ..=92 => Granularity::Day,
            93..=366 => Granularity::Week,
            367..=7_305 => Granularity::Month,
            7_306..=36_525 => Granularity::Year,
            36_526..=365_250 => Granularity::Decade,
            _ => Granularity::Century,
        }
    }

    /// The next wider granularity, if any.
    pub fn coarser(self) -> Option<Granularity> {
        match self {
            Granularity::Day => Some(Granularity::Week),
            Granularity::Week => Some(Granularity::Month),
            Granularity::Month => Some(Granularity::Year),
            Granularity::Year => Some(Granularity::Decade),
            Granularity::Decade => Some(Granularity::Century),
            Granularity::Century => None,
        }
    }

    /// This granularity, or the first coarser one that covers days
    /// `lo..=hi` in at most `most` bins (the coarsest when none does).
    /// The page asks for as many bins as its chart has room for.
    pub fn fit(self, lo: i32, hi: i32, most: usize) -> Granularity {
        let mut g = self;
        while g.count(lo, hi, most) > most {
            match g.coarser() {
                Some(c) => g = c,
                None => break,
            }
        }
        g
    }

    /// How many bins cover days `lo..=hi`, counting no further than one
    /// past `most`.
    fn count(self, lo: i32, hi: i32, most: usize) -> usize {
        let mut start = self.floor(lo);
        let mut n = 0;
        while start <= hi && n <= most {
            n += 1;
            let next = self.next(start);
            if next <= start {
                break;
            }
            start = next;
        }
        n
    }

    /// Years per bin, for the granularities of whole years.
    fn years(self) -> Option<i32> {
        match self {
            Granularity::Year => Some(1),
            Granularity::Decade => Some(10),
            Granularity::Century => Some(100),
            Granularity::Day | Granularity::Week | Granularity::Month => None,
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
            Granularity::Year | Granularity::Decade | Granularity::Century => {
                let width = self.years().unwrap_or(1);
                let (y, _, _) = civil_from_days(day);
                days_from_civil(y.div_euclid(width) * width, 1, 1)
            }
        }
    }

    /// The first day of the bin after the one starting at `start`
    /// (`i32::MAX` past the last day an `i32` holds).
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
            Granularity::Year | Granularity::Decade | Granularity::Century => {
                let width = self.years().unwrap_or(1);
                let (y, _, _) = civil_from_days(start);
                days_from_civil(y.div_euclid(width) * width + width, 1, 1)
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
    let g = granularity.unwrap_or_else(|| Granularity::for_span(span)).fit(lo, hi, MAX_TIMELINE_BINS);
    let mut bins = Vec::new();
    let mut start = g.floor(lo);
    while start <= hi && bins.len() < MAX_TIMELINE_BINS {
        let next = g.next(start);
        bins.push(Bin { start, end: if next > start { next - 1 } else { i32::MAX }, count: 0 });
        if next <= start {
            break;
        }
        start = next;
    }
    (g, bins)
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
    if selection.is_whole_corpus() && index.is_split() {
        // A split index lists its documents per day in one piece: the
        // opening view reads no doc piece.
        let overview = index.overview();
        let corpus_span = overview.first_day.zip(overview.last_day);
        return binned(corpus_span, granularity, index.day_counts(), overview.undated);
    }
    let docs = select(index, selection).docs;
    let undated = docs.iter().filter(|&&d| index.day(d).is_none()).count();
    let days = docs.iter().filter_map(|&d| index.day(d)).map(|day| (day, 1));
    binned(span(index, selection, &docs), granularity, days, undated)
}

/// A timeline over `span` (none: no bins) of `(day, documents)` pairs.
fn binned(span: Option<(i32, i32)>, granularity: Option<Granularity>, days: impl IntoIterator<Item = (i32, usize)>, undated: usize) -> Timeline {
    let Some((lo, hi)) = span else {
        return Timeline { granularity: granularity.unwrap_or(Granularity::Year), bins: Vec::new(), undated };
    };
    let (granularity, mut bins) = bins(lo, hi, granularity);
    for (day, documents) in days {
        if let Some(bin) = bin_of(&bins, day).and_then(|i| bins.get_mut(i)) {
            bin.count += documents;
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
        let (matches, eval) = query_matches(index, &Selection { query: term.clone(), ..Selection::default() }, true);
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

    fn jan1(year: i32) -> i32 {
        days_from_civil(year, 1, 1)
    }

    #[test]
    fn decades_and_centuries_start_at_years_divisible_by_ten_and_a_hundred() {
        let (decade, century) = (Granularity::Decade, Granularity::Century);
        // After 1970, and before it (negative days).
        assert_eq!(decade.floor(days_from_civil(2014, 6, 30)), jan1(2010));
        assert_eq!(decade.floor(days_from_civil(1838, 3, 3)), jan1(1830));
        assert_eq!(decade.floor(days_from_civil(1969, 12, 31)), jan1(1960));
        assert_eq!(decade.floor(jan1(1970)), jan1(1970));
        assert_eq!(decade.floor(jan1(1970) - 1), jan1(1960));
        assert_eq!(decade.next(jan1(1830)), jan1(1840));
        assert_eq!(decade.next(jan1(1960)), jan1(1970));
        assert_eq!(century.floor(days_from_civil(1838, 3, 3)), jan1(1800));
        assert_eq!(century.floor(days_from_civil(1899, 12, 31)), jan1(1800));
        assert_eq!(century.floor(jan1(1900)), jan1(1900));
        assert_eq!(century.floor(days_from_civil(2014, 6, 30)), jan1(2000));
        assert_eq!(century.next(jan1(1800)), jan1(1900));
        // Around year 0 (1 BC) and before it: rounded down, not towards zero.
        assert_eq!(decade.floor(days_from_civil(5, 7, 1)), jan1(0));
        assert_eq!(decade.floor(days_from_civil(0, 7, 1)), jan1(0));
        assert_eq!(decade.floor(days_from_civil(-1, 12, 31)), jan1(-10));
        assert_eq!(decade.floor(days_from_civil(-5, 7, 1)), jan1(-10));
        assert_eq!(decade.floor(jan1(-10)), jan1(-10));
        assert_eq!(decade.next(jan1(-10)), jan1(0));
        assert_eq!(decade.next(jan1(-20)), jan1(-10));
        assert_eq!(century.floor(days_from_civil(-44, 3, 15)), jan1(-100));
        assert_eq!(century.floor(days_from_civil(-100, 1, 1)), jan1(-100));
        assert_eq!(century.floor(days_from_civil(-101, 12, 31)), jan1(-200));
        assert_eq!(century.next(jan1(-100)), jan1(0));
        assert_eq!(Granularity::Year.floor(days_from_civil(-44, 3, 15)), jan1(-44));
        assert_eq!(Granularity::Year.next(jan1(-1)), jan1(0));
        // Every day lies in its bin, and bins follow each other without gaps,
        // from 2000 BC to AD 2500.
        for g in [Granularity::Year, decade, century] {
            let mut day = days_from_civil(-2000, 1, 1);
            while day < days_from_civil(2500, 1, 1) {
                let start = g.floor(day);
                assert!(start <= day && day < g.next(start), "{g:?} {day}");
                assert_eq!(g.floor(start), start);
                assert_eq!(g.floor(g.next(start) - 1), start);
                day += 97;
            }
        }
        // The ends of i32 saturate rather than overflow.
        assert_eq!(century.next(century.floor(i32::MAX)), i32::MAX);
        assert_eq!(century.floor(i32::MIN), i32::MIN);
    }

    #[test]
    fn long_spans_go_by_decade_then_by_century() {
        let span = |from: i32, to: i32| (jan1(to) - jan1(from)) as i64;
        assert_eq!(Granularity::for_span(span(1990, 2005)), Granularity::Month);
        assert_eq!(Granularity::for_span(span(1950, 2014)), Granularity::Year);
        assert_eq!(Granularity::for_span(span(1838, 2014)), Granularity::Decade);
        assert_eq!(Granularity::for_span(span(1794, 1998)), Granularity::Decade);
        assert_eq!(Granularity::for_span(span(1200, 2014)), Granularity::Decade);
        assert_eq!(Granularity::for_span(span(-500, 2014)), Granularity::Century);
        assert_eq!(Granularity::Year.coarser(), Some(Granularity::Decade));
        assert_eq!(Granularity::Decade.coarser(), Some(Granularity::Century));
        assert_eq!(Granularity::Century.coarser(), None);
        // Fitting 1838–2014 into the bins a chart has room for.
        let (lo, hi) = (days_from_civil(1838, 3, 3), days_from_civil(2014, 6, 30));
        assert_eq!(Granularity::Year.fit(lo, hi, 177), Granularity::Year);
        assert_eq!(Granularity::Year.fit(lo, hi, 176), Granularity::Decade);
        assert_eq!(Granularity::Month.fit(lo, hi, 50), Granularity::Decade);
        assert_eq!(Granularity::Month.fit(lo, hi, 19), Granularity::Decade);
        assert_eq!(Granularity::Month.fit(lo, hi, 18), Granularity::Century);
        assert_eq!(Granularity::Day.fit(lo, hi, 1), Granularity::Century);
    }

    #[test]
    fn bins_over_two_centuries_are_decades_and_many_years_are_coarsened() {
        let (lo, hi) = (days_from_civil(1838, 3, 3), days_from_civil(2014, 6, 30));
        let (g, by_decade) = bins(lo, hi, None);
        assert_eq!(g, Granularity::Decade);
        assert_eq!(by_decade.len(), 19, "the 1830s to the 2010s");
        assert_eq!((by_decade[0].start, by_decade[0].end), (jan1(1830), jan1(1840) - 1));
        assert_eq!(by_decade[18].end, jan1(2020) - 1);
        assert!(by_decade.windows(2).all(|w| w[0].end + 1 == w[1].start));
        assert_eq!(bin_of(&by_decade, days_from_civil(1889, 12, 31)), Some(5));
        assert_eq!(bin_of(&by_decade, jan1(1890)), Some(6));
        // By year when asked; by decade when years would pass the bound.
        assert_eq!(bins(lo, hi, Some(Granularity::Year)).1.len(), 177);
        let (g, long) = bins(days_from_civil(-2500, 1, 1), hi, Some(Granularity::Year));
        assert_eq!((g, long.len()), (Granularity::Decade, 452));
        assert_eq!(long[0].start, jan1(-2500));
        let (g, longer) = bins(days_from_civil(-9000, 1, 1), hi, Some(Granularity::Day));
        assert_eq!((g, longer.len()), (Granularity::Century, 111));
    }
}
