//! Dates for undated documents, inferred from the dates their texts state
//! in full.
//!
//! A text mostly reports what has happened, so it was most likely written
//! in or soon after the latest period it names with its year ("28 June
//! 2000", "May 2000"): that period becomes the document's date, with
//! source `inferred` and approximate precision, and the mentions that gave
//! it are listed in the build report as evidence. Only days, weeks and
//! months count: a bare year, a season or a decade is as often history the
//! text recounts as the time it was written (and a number in a scientific
//! abstract can look like a year); relative expressions ("yesterday") and
//! month-days without a year cannot be resolved without a date, so they
//! are no evidence either — once a date is inferred, they are resolved
//! against it.

use crate::date::{iso_day, DatePrecision, DateSource, DocDate};
use crate::mention::{Granularity, Mention};

/// Most mentions listed as the evidence for one inferred date.
const EVIDENCE_SHOWN: usize = 5;

/// A date inferred from a text, and what it rests on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Inference {
    /// The document's date: the latest period the text names in full.
    pub date: DocDate,
    /// The mentions it rests on, latest first, as `surface (value)`.
    pub evidence: Vec<String>,
}

/// Why a document stays undated.
pub(crate) const NO_EVIDENCE: &str =
    "no date in its metadata, header or file name, and its text names no day or month with its year";

/// The date the mentions of an undated text point to, if any (the mentions
/// must have been found without an anchor date, so every one with days
/// states its year).
pub(crate) fn infer(text: &str, mentions: &[Mention]) -> Option<Inference> {
    let mut evidence: Vec<&Mention> = mentions
        .iter()
        .filter(|m| m.first_day.is_some() && m.last_day.is_some())
        .filter(|m| matches!(m.granularity, Some(Granularity::Day | Granularity::Week | Granularity::Month)))
        .collect();
    evidence.sort_by_key(|m| std::cmp::Reverse((m.last_day, m.first_day)));
    let latest = evidence.first()?;
    let (start, end) = (latest.first_day?, latest.last_day?);
    let date = DocDate { day: start, start, end, precision: DatePrecision::Approximate, source: DateSource::Inferred };
    let evidence = evidence
        .iter()
        .take(EVIDENCE_SHOWN)
        .map(|m| {
            let surface = text.get(m.start as usize..m.end as usize).unwrap_or("").replace(['\n', '\r'], " ");
            format!("\"{surface}\" ({})", m.value)
        })
        .collect();
    Some(Inference { date, evidence })
}

/// The inclusive day range of an inferred date, for the report.
pub(crate) fn range_text(date: &DocDate) -> String {
    if date.start == date.end {
        iso_day(date.start)
    } else {
        format!("{}..{}", iso_day(date.start), iso_day(date.end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::timex::find_mentions;

    #[test]
    fn the_latest_period_named_in_full_dates_an_undated_text() {
        let text = "The treaty of May 1997 was recalled. On 28 June 2000 the council met; on December 15 it met again, yesterday too.";
        let mentions = find_mentions(text, None);
        let inference = infer(text, &mentions).expect("a date is inferred");
        assert_eq!(range_text(&inference.date), "2000-06-28");
        assert_eq!(inference.date.source, DateSource::Inferred);
        assert!(inference.evidence[0].contains("28 June 2000"), "{:?}", inference.evidence);
        assert!(inference.evidence.iter().any(|e| e.contains("May 1997")), "{:?}", inference.evidence);
        // Resolved against the inferred date, the month-day takes its year.
        let again = find_mentions(text, Some(inference.date.day));
        assert!(again.iter().any(|m| m.value.ends_with("-12-15") && !m.value.starts_with('X')), "{again:?}");
    }

    #[test]
    fn a_text_without_a_full_date_stays_undated() {
        for text in ["Yesterday the council met on December 15.", "In the 1990s things changed.", "Tested in 1958 at Mach 2.", "No dates at all."] {
            assert_eq!(infer(text, &find_mentions(text, None)), None, "{text}");
        }
    }
}
