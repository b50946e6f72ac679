//! Dates of documents: a span of days with a precision and a source.
//!
//! Days are counted from 1970-01-01 (day 0) in the proleptic Gregorian
//! calendar, so a date is one `i32` in the index and filters and timelines
//! are integer comparisons. Parsing the many written forms of dates is
//! ingestion's job (feature `build`); this module only converts days to and
//! from calendar dates, which the browser needs too.

use serde::{Deserialize, Serialize};

/// How exactly a document's date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    /// A single day.
    Day,
    /// A calendar month.
    Month,
    /// A season of a year ("Spring 2001").
    Season,
    /// A calendar year.
    Year,
    /// A span of days around a best guess ("about 2000-12-20").
    Approximate,
}

/// Where a document's date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateSource {
    /// A metadata field of the document or its record.
    Metadata,
    /// A header line of the document's text (`Updated: 15-May-2001`).
    Header,
    /// A per-document override or sidecar table in `corpus.toml`.
    Override,
    /// Inferred from the text itself.
    Inferred,
}

/// A document's date: the best single day, the span it may lie in, how
/// precise it is and where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DocDate {
    /// The day used for sorting and for the timeline.
    pub day: i32,
    /// First day of the span the date may lie in (inclusive).
    pub start: i32,
    /// Last day of the span (inclusive).
    pub end: i32,
    /// How exactly the date is known.
    pub precision: DatePrecision,
    /// Where it came from.
    pub source: DateSource,
}

impl DocDate {
    /// A date known to the day.
    pub fn on_day(day: i32, source: DateSource) -> DocDate {
        DocDate { day, start: day, end: day, precision: DatePrecision::Day, source }
    }

    /// ISO text of the representative day, e.g. `2000-02-09`.
    pub fn iso(&self) -> String {
        iso_day(self.day)
    }

    /// Text for people, at the date's precision: `9 Feb 2000`, `Feb 2000`,
    /// `Spring 2001`, `2000`, `c. 20 Dec 2000`.
    pub fn display(&self) -> String {
        let (y, m, d) = civil_from_days(self.day);
        let month = MONTH_ABBREVIATIONS[(m - 1) as usize];
        match self.precision {
            DatePrecision::Day => format!("{d} {month} {y}"),
            DatePrecision::Month => format!("{month} {y}"),
            DatePrecision::Season => {
                let (sy, sm, _) = civil_from_days(self.start);
                let season = match sm {
                    3..=5 => "Spring",
                    6..=8 => "Summer",
                    9..=11 => "Autumn",
                    _ => "Winter",
                };
                format!("{season} {sy}")
            }
            DatePrecision::Year => format!("{y}"),
            DatePrecision::Approximate => format!("c. {d} {month} {y}"),
        }
    }
}

const MONTH_ABBREVIATIONS: [&str; 12] =
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// `YYYY-MM-DD` for a day number.
pub fn iso_day(day: i32) -> String {
    let (y, m, d) = civil_from_days(day);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Day number of `YYYY-MM-DD` (years 1–9999), the inverse of [`iso_day`];
/// `None` for any other text. Shared by everything that reads a day a person
/// or a host page wrote (the page's address, its date fields, the JS API).
pub fn parse_iso_day(text: &str) -> Option<i32> {
    let mut parts = text.splitn(3, '-').map(str::parse::<u32>);
    match (parts.next(), parts.next(), parts.next()) {
        (Some(Ok(year @ 1..=9999)), Some(Ok(month @ 1..=12)), Some(Ok(day @ 1..=31))) => {
            Some(days_from_civil(year as i32, month, day))
        }
        _ => None,
    }
}

/// Day number of a calendar date (no validation of `d` against the month),
/// or `i32::MIN`/`i32::MAX` for a date before or after every day an `i32`
/// holds (about 5.8 million years either side of 1970).
///
/// Howard Hinnant's `days_from_civil`: exact for every proleptic Gregorian
/// date, no tables, no allocation. Years are astronomical: year 0 is 1 BC.
pub fn days_from_civil(y: i32, m: u32, d: u32) -> i32 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = i64::from((m + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    (era * 146_097 + doe - 719_468).clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32
}

/// Calendar date `(year, month 1–12, day 1–31)` of a day number, for every
/// `i32` (astronomical years, as [`days_from_civil`]).
pub fn civil_from_days(z: i32) -> (i32, u32, u32) {
    let z = i64::from(z) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    // |y| < 5.9 million for any i32 day: it fits.
    ((if m <= 2 { y + 1 } else { y }) as i32, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_days_parse_back() {
        assert_eq!(parse_iso_day("1970-01-01"), Some(0));
        assert_eq!(parse_iso_day(&iso_day(11_000)), Some(11_000));
        for bad in ["", "2000", "2000-13-01", "2000-01-32", "0000-01-01", "10000-01-01", " 2000-01-01", "2000-01-01x"] {
            assert_eq!(parse_iso_day(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn epoch_and_round_trips() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(iso_day(days_from_civil(2000, 2, 29)), "2000-02-29");
        for day in -800_000..800_000 {
            let (y, m, d) = civil_from_days(day);
            assert_eq!(days_from_civil(y, m, d), day);
        }
        // Before year 1 (year 0 is 1 BC) and at the ends of i32, where the
        // day numbers saturate rather than overflow.
        assert_eq!(civil_from_days(days_from_civil(0, 2, 29)), (0, 2, 29));
        assert_eq!(civil_from_days(days_from_civil(-44, 3, 15)), (-44, 3, 15));
        for day in [i32::MIN, i32::MIN + 1, i32::MAX - 1, i32::MAX] {
            let (y, m, d) = civil_from_days(day);
            assert_eq!(days_from_civil(y, m, d), day);
        }
        assert_eq!(days_from_civil(i32::MAX, 1, 1), i32::MAX);
        assert_eq!(days_from_civil(i32::MIN, 1, 1), i32::MIN);
    }

    #[test]
    fn display_follows_precision() {
        let day = days_from_civil(2001, 5, 15);
        let date = DocDate::on_day(day, DateSource::Header);
        assert_eq!(date.display(), "15 May 2001");
        let spring = DocDate {
            day: days_from_civil(2001, 4, 15),
            start: days_from_civil(2001, 3, 1),
            end: days_from_civil(2001, 5, 31),
            precision: DatePrecision::Season,
            source: DateSource::Override,
        };
        assert_eq!(spring.display(), "Spring 2001");
    }
}
