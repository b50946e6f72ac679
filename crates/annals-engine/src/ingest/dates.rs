//! Reading dates as people and archives write them.
//!
//! A date field or header line becomes a [`Span`]: the best day, the span of
//! days it may lie in and its precision. The forms read are
//! `2000-02-09` (optionally with a time), `2000-02`, `1987`,
//! `15-May-2001`, `26-FEB-1987 15:01:01.79`, `February 9, 2000`,
//! `9 February 2000`, `February 2000`, `Spring 2001` (and the same with a
//! leading weekday, `Tue, 15 May 2001`).
//!
//! Archive timestamps are often damaged after the day (`31-MAR-1987
//! 605:12:19`, `27-MAR-1987 00:02:59.13RM`, two spaces after the day). Such a
//! date keeps the precision that is still there, and the caller warns:
//! losing a whole document's date over a broken clock reading would be worse.

use crate::date::{civil_from_days, days_from_civil, DatePrecision, DateSource, DocDate};

/// A date as read, before we know where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    /// Representative day.
    pub day: i32,
    /// First day (inclusive).
    pub start: i32,
    /// Last day (inclusive).
    pub end: i32,
    /// How exact it is.
    pub precision: DatePrecision,
}

impl Span {
    /// The date with its source.
    pub fn with_source(self, source: DateSource) -> DocDate {
        DocDate { day: self.day, start: self.start, end: self.end, precision: self.precision, source }
    }

    fn between(start: i32, end: i32, precision: DatePrecision) -> Span {
        Span { day: start + (end - start) / 2, start, end, precision }
    }
}

/// How a date field read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reading {
    /// The whole text is a date.
    Clean(Span),
    /// A date followed by damage (a broken time, stray letters); the span
    /// keeps what the intact part says.
    Damaged(Span),
}

/// Reads a whole field as a date. `None` when it does not start with a date.
pub(crate) fn read(text: &str) -> Option<Reading> {
    let text = text.trim();
    let (span, rest) = parse_prefix(text)?;
    if rest.is_empty() || (span.precision == DatePrecision::Day && is_time(rest)) {
        Some(Reading::Clean(span))
    } else {
        Some(Reading::Damaged(span))
    }
}

/// Reads a date at the start of `text` (`15-May-2001 NATO Review`), returning
/// it and the rest of the text.
pub(crate) fn parse_prefix(text: &str) -> Option<(Span, &str)> {
    let mut cursor = Cursor { text, at: 0 };
    skip_weekday(&mut cursor);
    let start = cursor.at;
    let span = numeric_first(&mut cursor).or_else(|| {
        cursor.at = start;
        name_first(&mut cursor)
    })?;
    // A date glued to more letters or digits ("1987abc", "20001") is not a date.
    let rest = &text[cursor.at..];
    let time_follows = rest.starts_with('T') && rest[1..].starts_with(|c: char| c.is_ascii_digit());
    if !time_follows && cursor.peek().is_some_and(|c| c.is_alphanumeric()) {
        return None;
    }
    Some((span, &text[cursor.at..]))
}

/// A day as a span, or `None` when the day does not exist.
pub(crate) fn day(year: i32, month: u32, day: u32) -> Option<Span> {
    chrono::NaiveDate::from_ymd_opt(year, month, day)?;
    let number = days_from_civil(year, month, day);
    Some(Span::between(number, number, DatePrecision::Day))
}

/// The span a `precision` implies around `span.day`, keeping that day: an
/// override may say `date = "2000-06-01"`, `precision = "year"`.
pub(crate) fn widen(span: Span, precision: DatePrecision) -> Span {
    let (year, month, _) = civil_from_days(span.day);
    let wider = match precision {
        DatePrecision::Day => Some(Span { start: span.day, end: span.day, ..span }),
        DatePrecision::Month => month_span(year, month),
        DatePrecision::Season => match month {
            3..=5 => season_span("spring", year),
            6..=8 => season_span("summer", year),
            9..=11 => season_span("autumn", year),
            12 => season_span("winter", year),
            _ => season_span("winter", year - 1),
        },
        DatePrecision::Year => Some(year_span(year)),
        DatePrecision::Approximate => Some(span),
    };
    let wider = wider.unwrap_or(span);
    Span { day: span.day, start: wider.start.min(span.day), end: wider.end.max(span.day), precision }
}

fn month_span(year: i32, month: u32) -> Option<Span> {
    if !(1..=12).contains(&month) {
        return None;
    }
    let start = days_from_civil(year, month, 1);
    let end = if month == 12 { days_from_civil(year + 1, 1, 1) } else { days_from_civil(year, month + 1, 1) } - 1;
    Some(Span::between(start, end, DatePrecision::Month))
}

fn year_span(year: i32) -> Span {
    Span::between(days_from_civil(year, 1, 1), days_from_civil(year + 1, 1, 1) - 1, DatePrecision::Year)
}

/// Meteorological seasons of the northern hemisphere; winter runs from
/// December of the named year into February of the next.
fn season_span(season: &str, year: i32) -> Option<Span> {
    let first_month = match season.to_ascii_lowercase().as_str() {
        "spring" => 3,
        "summer" => 6,
        "autumn" | "fall" => 9,
        "winter" => 12,
        _ => return None,
    };
    let start = days_from_civil(year, first_month, 1);
    let (end_year, end_month) = if first_month == 12 { (year + 1, 3) } else { (year, first_month + 3) };
    let end = days_from_civil(end_year, end_month, 1) - 1;
    Some(Span::between(start, end, DatePrecision::Season))
}

/// `2000-02-09`, `2000/02/09`, `2000-02`, `2000`, `15-May-2001`, `9 February 2000`.
fn numeric_first(cursor: &mut Cursor<'_>) -> Option<Span> {
    let start = cursor.at;
    let digits = cursor.digits(1, 4)?;
    let width = cursor.at - start;
    if width == 4 {
        let year = digits as i32;
        let Some(separator) = cursor.eat_any(&['-', '/']) else {
            return Some(year_span(year));
        };
        let month = cursor.digits(1, 2)?;
        if !cursor.eat(separator) {
            return month_span(year, month);
        }
        let day_of_month = cursor.digits(1, 2)?;
        return day(year, month, day_of_month);
    }
    if width > 2 {
        return None;
    }
    // Day first: `15-May-2001`, `9 February 2000`, `9. Feb 2000`, `9th February 2000`.
    if !cursor.eat('.') {
        skip_ordinal(cursor);
    }
    let separator = cursor.eat_any(&['-', ' '])?;
    let month = month_number(cursor.letters()?)?;
    cursor.eat('.');
    if separator == '-' {
        if !cursor.eat('-') {
            return None;
        }
    } else if !cursor.eat(',') && !cursor.eat(' ') {
        return None;
    } else {
        cursor.eat(' ');
    }
    let year_start = cursor.at;
    let year = cursor.digits(4, 4)? as i32;
    if cursor.at - year_start != 4 {
        return None;
    }
    day(year, month, digits)
}

/// `February 9, 2000`, `Feb. 9 2000`, `February 2000`, `Spring 2001`,
/// `spring of 1999`.
fn name_first(cursor: &mut Cursor<'_>) -> Option<Span> {
    let word = cursor.letters()?;
    if let Some(month) = month_number(word) {
        cursor.eat('.');
        if !cursor.eat(' ') {
            return None;
        }
        let number_start = cursor.at;
        let number = cursor.digits(1, 4)?;
        if cursor.at - number_start == 4 {
            return month_span(number as i32, month);
        }
        skip_ordinal(cursor);
        cursor.eat(',');
        if !cursor.eat(' ') {
            return None;
        }
        let year_start = cursor.at;
        let year = cursor.digits(4, 4)? as i32;
        if cursor.at - year_start != 4 {
            return None;
        }
        return day(year, month, number);
    }
    if !cursor.eat(' ') {
        return None;
    }
    // `get`, not `[..3]`: the third byte may fall inside a character.
    if cursor.rest().get(..3).is_some_and(|of| of.eq_ignore_ascii_case("of ")) {
        cursor.at += 3;
    }
    let year_start = cursor.at;
    let year = cursor.digits(4, 4)? as i32;
    if cursor.at - year_start != 4 {
        return None;
    }
    season_span(word, year)
}

/// `st`, `nd`, `rd` or `th` after a day number.
fn skip_ordinal(cursor: &mut Cursor<'_>) {
    if ["st", "nd", "rd", "th"].iter().any(|suffix| cursor.rest().starts_with(suffix)) {
        cursor.at += 2;
    }
}

fn skip_weekday(cursor: &mut Cursor<'_>) {
    let start = cursor.at;
    if let Some(word) = cursor.letters() {
        const DAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
        let lower = word.to_ascii_lowercase();
        if word.len() >= 3 && DAYS.iter().any(|d| d.starts_with(&lower) && (lower.len() == 3 || lower.len() == d.len()))
        {
            cursor.eat('.');
            cursor.eat(',');
            if cursor.eat(' ') {
                return;
            }
        }
    }
    cursor.at = start;
}

/// `January`…`December`, three-letter abbreviations (any case) and `Sept`.
fn month_number(word: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let lower = word.to_ascii_lowercase();
    if lower == "sept" {
        return Some(9);
    }
    MONTHS
        .iter()
        .position(|month| *month == lower || (lower.len() == 3 && month.starts_with(&lower)))
        .map(|index| index as u32 + 1)
}

/// A clock time after a day: exactly one space or `T`, then `H:MM`,
/// optionally `:SS` and a fraction, optionally a zone (`Z`, `+01:00`,
/// ` UTC`, ` GMT`). Anything else after the day is damage.
fn is_time(rest: &str) -> bool {
    let mut cursor = Cursor { text: rest, at: 0 };
    if !cursor.eat(' ') && !cursor.eat('T') {
        return false;
    }
    let two_digits = |cursor: &mut Cursor<'_>, max: u32| {
        let start = cursor.at;
        cursor.digits(2, 2).is_some_and(|value| value <= max && cursor.at - start == 2)
    };
    let hour_start = cursor.at;
    match cursor.digits(1, 2) {
        Some(hour) if hour <= 24 && cursor.at > hour_start => {}
        _ => return false,
    }
    if !cursor.eat(':') || !two_digits(&mut cursor, 59) {
        return false;
    }
    if cursor.eat(':') {
        if !two_digits(&mut cursor, 60) {
            return false;
        }
        if cursor.eat('.') && cursor.digits(1, 9).is_none() {
            return false;
        }
    }
    let zone = cursor.rest();
    if zone.is_empty() || zone == "Z" || zone == " UTC" || zone == " GMT" {
        return true;
    }
    let zone = zone.strip_prefix(' ').unwrap_or(zone);
    let bytes = zone.as_bytes();
    matches!(bytes.first(), Some(b'+' | b'-'))
        && matches!(bytes.len(), 3 | 5 | 6)
        && bytes[1..].iter().enumerate().all(|(i, b)| b.is_ascii_digit() || (i == 2 && *b == b':'))
}

/// A position in the text being read.
struct Cursor<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Cursor<'a> {
    fn rest(&self) -> &'a str {
        &self.text[self.at..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.at += c.len_utf8();
            true
        } else {
            false
        }
    }

    fn eat_any(&mut self, options: &[char]) -> Option<char> {
        let c = self.peek()?;
        if options.contains(&c) {
            self.at += c.len_utf8();
            Some(c)
        } else {
            None
        }
    }

    /// Between `min` and `max` ASCII digits (more digits fail).
    fn digits(&mut self, min: usize, max: usize) -> Option<u32> {
        let run = self.rest().bytes().take_while(u8::is_ascii_digit).count();
        if run < min || run > max {
            return None;
        }
        let value = self.rest()[..run].parse().ok()?;
        self.at += run;
        Some(value)
    }

    fn letters(&mut self) -> Option<&'a str> {
        let run = self.rest().bytes().take_while(u8::is_ascii_alphabetic).count();
        if run == 0 {
            return None;
        }
        let word = &self.rest()[..run];
        self.at += run;
        Some(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::iso_day;

    /// Found by the `ingest` fuzz target: a word, a space and a character
    /// that straddles the third byte panicked on `[..3]`.
    #[test]
    fn a_character_across_the_third_byte_is_no_date() {
        for text in ["Some te\u{ff}\u{ff}: xt", "Spring te\u{ff}", "spring \u{e9}\u{e9}", "x a\u{2019}"] {
            assert_eq!(read(text), None, "{text:?}");
            assert!(parse_prefix(text).is_none(), "{text:?}");
        }
    }

    fn clean(text: &str) -> (String, String, String, DatePrecision) {
        match read(text) {
            Some(Reading::Clean(span)) => (iso_day(span.day), iso_day(span.start), iso_day(span.end), span.precision),
            other => panic!("{text:?} read as {other:?}"),
        }
    }

    fn day_of(text: &str) -> String {
        let (day, _, _, precision) = clean(text);
        assert_eq!(precision, DatePrecision::Day, "{text}");
        day
    }

    #[test]
    fn written_forms() {
        assert_eq!(day_of("2000-02-09"), "2000-02-09");
        assert_eq!(day_of("2000/2/9"), "2000-02-09");
        assert_eq!(day_of("2000-02-09T10:11:12Z"), "2000-02-09");
        assert_eq!(day_of("2000-02-09 10:11:12+01:00"), "2000-02-09");
        assert_eq!(day_of("15-May-2001"), "2001-05-15");
        assert_eq!(day_of("26-FEB-1987 15:01:01.79"), "1987-02-26");
        assert_eq!(day_of("7-APR-1987 16:22:00.0"), "1987-04-07");
        assert_eq!(day_of("February 9, 2000"), "2000-02-09");
        assert_eq!(day_of("Feb. 9 2000"), "2000-02-09");
        assert_eq!(day_of("9 February 2000"), "2000-02-09");
        assert_eq!(day_of("Tue, 15 May 2001 10:00:00 GMT"), "2001-05-15");
        assert_eq!(day_of("September 1st, 2001"), "2001-09-01");
        assert_eq!(day_of("21st July 1999"), "1999-07-21");
        assert_eq!(
            clean("2000-02"),
            ("2000-02-15".into(), "2000-02-01".into(), "2000-02-29".into(), DatePrecision::Month)
        );
        assert_eq!(clean("February 2000").3, DatePrecision::Month);
        assert_eq!(clean("1987"), ("1987-07-02".into(), "1987-01-01".into(), "1987-12-31".into(), DatePrecision::Year));
        assert_eq!(
            clean("Spring 2001"),
            ("2001-04-15".into(), "2001-03-01".into(), "2001-05-31".into(), DatePrecision::Season)
        );
        assert_eq!(clean("winter 2000").2, "2001-02-28");
        assert_eq!(clean("spring of 1999").1, "1999-03-01");
    }

    #[test]
    fn damaged_timestamps_keep_the_day() {
        for text in [
            "31-MAR-1987 605:12:19",
            "27-MAR-1987 00:02:59.13RM",
            "3-MAR-1987  09:15:05.40",
            "9-APR-1987 00:00:00.00    # guesswork",
        ] {
            match read(text) {
                Some(Reading::Damaged(span)) => assert_eq!(span.precision, DatePrecision::Day, "{text}"),
                other => panic!("{text:?} read as {other:?}"),
            }
        }
    }

    #[test]
    fn precision_widens_the_span() {
        let Some(Reading::Clean(june)) = read("2000-06-01") else { panic!() };
        let spans = |precision| {
            let span = widen(june, precision);
            (iso_day(span.day), iso_day(span.start), iso_day(span.end))
        };
        assert_eq!(spans(DatePrecision::Year), ("2000-06-01".into(), "2000-01-01".into(), "2000-12-31".into()));
        assert_eq!(spans(DatePrecision::Season), ("2000-06-01".into(), "2000-06-01".into(), "2000-08-31".into()));
        assert_eq!(spans(DatePrecision::Month).2, "2000-06-30");
        let Some(Reading::Clean(january)) = read("2001-01-10") else { panic!() };
        assert_eq!(iso_day(widen(january, DatePrecision::Season).start), "2000-12-01");
    }

    #[test]
    fn not_dates() {
        for text in
            ["", "soon", "2000-13-01", "2001-02-29", "31 Foo 2000", "May", "12345", "Spring", "1987abc", "Header"]
        {
            assert_eq!(read(text), None, "{text:?}");
        }
        assert_eq!(
            parse_prefix("15-May-2001 NATO Review").map(|(s, rest)| (iso_day(s.day), rest)),
            Some(("2001-05-15".into(), " NATO Review"))
        );
    }
}
