//! Dates mentioned in a document's text: the vocabulary shared by the
//! tagger that finds them at build time and the reader that shows them.
//!
//! A mention follows TimeML's TIMEX3: a span of the text, its type (date,
//! time, duration, set) and its normalised value, resolved against the
//! document's own date ("yesterday" in a story of 2000-02-17 is
//! `2000-02-16`). Beside the value, which is text, a mention that names a
//! calendar period carries the inclusive span of days it covers, so filters
//! and timelines compare integers as they do for document dates
//! ([`crate::date`]).

use serde::{Deserialize, Serialize};

/// The four TIMEX3 types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexKind {
    /// A calendar date or period: `2000-01-20`, `1999-SP`, `PRESENT_REF`.
    Date,
    /// A time of day: `2000-01-20T10:35`, `1998-01-20TEV`.
    Time,
    /// A length of time: `P2Y`, `PXM`.
    Duration,
    /// A recurrence: `P1W` ("weekly"), `XXXX-07` ("each July").
    Set,
}

impl TimexKind {
    /// The TIMEX3 name, `DATE`, `TIME`, `DURATION` or `SET`.
    pub fn as_str(self) -> &'static str {
        match self {
            TimexKind::Date => "DATE",
            TimexKind::Time => "TIME",
            TimexKind::Duration => "DURATION",
            TimexKind::Set => "SET",
        }
    }
}

/// The calendar unit a mention's value is stated in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    /// A time of day or part of a day.
    Time,
    /// A day.
    Day,
    /// A week, or a weekend.
    Week,
    /// A calendar month.
    Month,
    /// A season (spring: March–May, …, winter: December–February).
    Season,
    /// A calendar quarter.
    Quarter,
    /// A half year.
    Half,
    /// A calendar year.
    Year,
    /// A decade.
    Decade,
    /// A century.
    Century,
}

/// One temporal expression found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// Byte offset of the first byte of the expression in the text.
    pub start: u32,
    /// Byte offset just past the expression (exclusive).
    pub end: u32,
    /// Its TIMEX3 type.
    pub kind: TimexKind,
    /// Its TIMEX3 value: `2000-01-20`, `2000-Q3`, `199X`, `P2Y`,
    /// `PRESENT_REF`; `X` stands for what neither the text nor the
    /// document's date says (`XXXX-12-15` in an undated document). A range
    /// such as "January 31-February 2" reads as an ISO 8601 interval,
    /// `2000-01-31/2000-02-02`.
    pub value: String,
    /// The first day (days since 1970-01-01) of the calendar period the
    /// value names; `None` for durations, sets, past/present/future
    /// references and values with an unknown year.
    pub first_day: Option<i32>,
    /// The last day of that period (inclusive); `None` whenever
    /// `first_day` is.
    pub last_day: Option<i32>,
    /// The unit the value is stated in (`P2Y`: years); `None` for
    /// past/present/future references and unknown amounts of nothing in
    /// particular.
    pub granularity: Option<Granularity>,
}

impl Mention {
    /// Whether the mention names a period that overlaps the inclusive day
    /// span `first..=last`.
    pub fn overlaps_days(&self, first: i32, last: i32) -> bool {
        match (self.first_day, self.last_day) {
            (Some(start), Some(end)) => start <= last && end >= first,
            _ => false,
        }
    }
}
