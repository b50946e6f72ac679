//! Calendar arithmetic on day numbers (days since 1970-01-01, as in
//! [`crate::date`]): the spans of months, seasons, quarters, weeks, and the
//! TIMEX3 text of each.

use crate::date::{civil_from_days, days_from_civil};

use super::lexicon::Season;

/// Day number of a calendar date.
pub(super) fn day(year: i32, month: u32, day: u32) -> i32 {
    days_from_civil(year, month, day)
}

/// `(year, month, day)` of a day number.
pub(super) fn ymd(day: i32) -> (i32, u32, u32) {
    civil_from_days(day)
}

/// Days in a month.
pub(super) fn days_in_month(year: i32, month: u32) -> u32 {
    let (next_year, next_month) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    (days_from_civil(next_year, next_month, 1) - days_from_civil(year, month, 1)) as u32
}

/// Whether `day` exists in that month.
pub(super) fn is_valid(year: i32, month: u32, day: u32) -> bool {
    (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)
}

/// First and last day of a month.
pub(super) fn month_span(year: i32, month: u32) -> (i32, i32) {
    let first = days_from_civil(year, month, 1);
    (first, first + days_in_month(year, month) as i32 - 1)
}

/// First and last day of a run of whole months starting at `month`.
fn months_span(year: i32, month: u32, count: i32) -> (i32, i32) {
    let (end_year, end_month) = add_months(year, month, count - 1);
    (month_span(year, month).0, month_span(end_year, end_month).1)
}

/// First and last day of a season; a winter belongs to the year its
/// December is in.
pub(super) fn season_span(year: i32, season: Season) -> (i32, i32) {
    months_span(year, season.first_month(), 3)
}

/// First and last day of quarter 1–4.
pub(super) fn quarter_span(year: i32, quarter: u32) -> (i32, i32) {
    months_span(year, quarter * 3 - 2, 3)
}

/// First and last day of half 1–2.
pub(super) fn half_span(year: i32, half: u32) -> (i32, i32) {
    months_span(year, half * 6 - 5, 6)
}

/// First and last day of a year.
pub(super) fn year_span(year: i32) -> (i32, i32) {
    (days_from_civil(year, 1, 1), days_from_civil(year, 12, 31))
}

/// `(year, month)` moved by `delta` months.
pub(super) fn add_months(year: i32, month: u32, delta: i32) -> (i32, u32) {
    let index = year * 12 + month as i32 - 1 + delta;
    (index.div_euclid(12), index.rem_euclid(12) as u32 + 1)
}

/// ISO weekday, Monday 1 … Sunday 7.
pub(super) fn weekday(day: i32) -> u32 {
    // 1970-01-01 was a Thursday.
    (day + 3).rem_euclid(7) as u32 + 1
}

/// Monday of the week `day` is in.
pub(super) fn week_start(day: i32) -> i32 {
    day - (weekday(day) as i32 - 1)
}

/// ISO 8601 `(week-based year, week number)` of a day.
pub(super) fn iso_week(day: i32) -> (i32, u32) {
    let thursday = week_start(day) + 3;
    let (year, _, _) = ymd(thursday);
    let week = (thursday - days_from_civil(year, 1, 1)) / 7 + 1;
    (year, week as u32)
}

/// The quarter (1–4) a month is in.
pub(super) fn quarter_of(month: u32) -> u32 {
    month.div_ceil(3)
}

/// `YYYY-MM-DD`; years outside 0–9999 are written as they are.
pub(super) fn day_value(day: i32) -> String {
    let (y, m, d) = ymd(day);
    format!("{y:04}-{m:02}-{d:02}")
}

/// `YYYY-MM`.
pub(super) fn month_value(year: i32, month: u32) -> String {
    format!("{year:04}-{month:02}")
}

/// `YYYY-Www` of the week containing `day`.
pub(super) fn week_value(day: i32) -> String {
    let (year, week) = iso_week(day);
    format!("{year:04}-W{week:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_cover_whole_periods() {
        assert_eq!(month_span(2000, 2), (day(2000, 2, 1), day(2000, 2, 29)));
        assert_eq!(season_span(1999, Season::Winter), (day(1999, 12, 1), day(2000, 2, 29)));
        assert_eq!(quarter_span(2000, 3), (day(2000, 7, 1), day(2000, 9, 30)));
        assert_eq!(half_span(1998, 1), (day(1998, 1, 1), day(1998, 6, 30)));
        assert_eq!(add_months(2000, 1, -1), (1999, 12));
        assert_eq!(add_months(2000, 12, 13), (2002, 1));
        assert!(!is_valid(1999, 2, 29));
        assert!(is_valid(2000, 2, 29));
    }

    #[test]
    fn weeks_follow_iso() {
        assert_eq!(weekday(day(2000, 2, 17)), 4);
        assert_eq!(weekday(day(1989, 10, 30)), 1);
        assert_eq!(week_value(day(2000, 1, 1)), "1999-W52");
        assert_eq!(week_value(day(1989, 10, 30)), "1989-W44");
        assert_eq!(week_value(day(2004, 12, 31)), "2004-W53");
    }
}
