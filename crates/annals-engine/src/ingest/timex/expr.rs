//! What an expression says, before it is resolved against the document's
//! date: the recognisers (`rules.rs`, `relative.rs`) produce these, the
//! resolver (`resolve.rs`) turns them into TIMEX3 values.

use super::lexicon::{Season, Unit};

/// Which year a partial date is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum YearSpec {
    /// Written out ("May 1997").
    Known(i32),
    /// Relative to the document's year ("last year's third quarter": -1).
    Shift(i32),
    /// Not said: the document's date and the tense around decide.
    Implicit,
}

/// Where an unstated year or week lies relative to the document's date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Lean {
    /// The most recent occurrence ("last May", "said on Friday").
    Past,
    /// The next occurrence ("next May", "will meet on Friday").
    Future,
    /// Whichever is nearer.
    Nearest,
    /// The tense of the sentence points back: the nearer occurrence, with
    /// those ahead counted three times as far. A past-tense "expire Nov.
    /// 6" in late October is still this November.
    TensePast,
    /// The tense points ahead: likewise, the other way round.
    TenseFuture,
}

/// Past, present and future references (`PAST_REF`, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Reference {
    /// "recently", "the past".
    Past,
    /// "now", "currently".
    Present,
    /// "the future", "soon".
    Future,
}

/// What an expression says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Expr {
    /// A day of a month: "June 28", "28 June 2000", "6/28/2000".
    Day { year: YearSpec, month: u32, day: u32 },
    /// A month: "May 1997", "last May".
    Month { year: YearSpec, month: u32 },
    /// A season: "spring of 1999", "last fall".
    Season { year: YearSpec, season: Season },
    /// A quarter 1–4: "the third quarter", "fiscal 1989's second quarter".
    Quarter { year: YearSpec, quarter: u32 },
    /// A half 1–2: "the first half of 1998".
    Half { year: YearSpec, half: u32 },
    /// A year: "1997", "nineteen ninety-seven".
    Year(i32),
    /// A decade, by its first year: "the 1990s" → 1990.
    Decade(i32),
    /// A century, by its hundreds: "the 20th century" → 19.
    Century(i32),
    /// A weekday 1–7 with an optional stated shift (last: -1, this: 0,
    /// next: +1) and part of the day.
    Weekday { weekday: u32, shift: Option<i32>, part: Option<&'static str> },
    /// Days from the document's date: today 0, yesterday -1, with an
    /// optional part of the day ("last night").
    DayOffset { days: i32, part: Option<&'static str> },
    /// The unit containing the document's date, moved by `shift` units:
    /// "this week" (0), "last month" (-1), "next year" (+1).
    UnitShift { unit: Unit, shift: i32 },
    /// An amount of units before (`sign` -1) or after (+1) the document's
    /// date: "two years ago", "three days later"; `None`: not counted.
    Ago { amount: Option<u32>, unit: Unit, sign: i32 },
    /// The same period as the one mentioned last, `years` years away:
    /// "a year earlier" after "the third quarter", "the year-ago quarter".
    PreviousShift { years: i32, unit: Unit },
    /// The same quarter as the one mentioned last, in the given year ("the
    /// 1988 period", "the 1988 quarter"); the year when none was.
    PeriodOfYear(i32),
    /// The period mentioned last, or else the latest whole one ("the
    /// quarter", "the latest period").
    LatestPeriod { unit: Unit },
    /// `PAST_REF`, `PRESENT_REF`, `FUTURE_REF`.
    Reference(Reference),
    /// A length of time; `None`: not counted ("several months").
    Duration { amount: Option<u32>, unit: Unit, half: bool },
    /// A recurrence, as its TIMEX3 value (`P1W`, `XXXX-07`).
    Set(String),
    /// A time of day on a day: "10:35 a.m.", "this morning".
    Clock { hour: u32, minute: u32, on: Option<Box<Expr>> },
    /// From one date to another: "January 31-February 2", "1999–2001".
    Range(Box<Expr>, Box<Expr>),
}
