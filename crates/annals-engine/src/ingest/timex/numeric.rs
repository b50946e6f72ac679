//! Expressions built on numbers: amounts ("twenty four", "several"),
//! years ("1997", "nineteen ninety-seven"), numeric dates (`2000-06-28`,
//! `6/28/2000`), decades (`1990s`, `'90s`), clock times and the
//! amount-of-units phrases ("two years", "10-year", "three days ago").

use super::expr::{Expr, Lean};
use super::lexicon::{self, Unit};
use super::scan::{Found, Tokens};
use super::tokens::Kind;

/// An amount at `i`: its end and value (`None` for "several", "a few").
pub(super) fn amount(t: &Tokens, i: usize) -> Option<(usize, Option<u32>)> {
    let key = t.key(i);
    if let Some(token) = t.get(i) {
        if token.kind == Kind::Number && token.digits() <= 4 && !is_part_of_larger_number(t, i) {
            return Some((i + 1, Some(token.number)));
        }
    }
    match key {
        "a" | "an" => {
            // "a few", "a couple of", "a hundred"
            if t.is(i + 1, "few") {
                return Some((i + 2, None));
            }
            if t.is(i + 1, "couple") && t.is(i + 2, "of") {
                return Some((i + 3, Some(2)));
            }
            if t.is(i + 1, "hundred") {
                return Some((i + 2, Some(100)));
            }
            return Some((i + 1, Some(1)));
        }
        _ if lexicon::is_vague_amount(key) => return Some((i + 1, None)),
        _ => {}
    }
    word_number(t, i).map(|(end, n)| (end, Some(n)))
}

/// A number written in words, up to 99 (and "a hundred"/"one hundred").
pub(super) fn word_number(t: &Tokens, i: usize) -> Option<(usize, u32)> {
    let key = t.key(i);
    if let Some(n) = lexicon::small_number(key) {
        if t.is(i + 1, "hundred") {
            return Some((i + 2, n * 100));
        }
        return Some((i + 1, n));
    }
    let tens = lexicon::tens(key)?;
    // "twenty four", "twenty-four"
    let next = if t.punct(i + 1, '-') && t.glued(i + 1) && t.glued(i + 2) { i + 2 } else { i + 1 };
    if let Some(units @ 1..=9) = lexicon::small_number(t.key(next)) {
        return Some((next + 1, tens + units));
    }
    Some((i + 1, tens))
}

/// Whether the number at `i` is glued to digits by `,` or `.` (`1,997`,
/// `19.87`): then it is a piece of another number.
fn is_part_of_larger_number(t: &Tokens, i: usize) -> bool {
    let joined_before = i >= 2
        && t.glued(i)
        && (t.punct(i - 1, ',') || t.punct(i - 1, '.'))
        && t.glued(i - 1)
        && t.number_at(i - 2).is_some();
    let joined_after = t.glued(i + 1)
        && (t.punct(i + 1, ',') || t.punct(i + 1, '.'))
        && t.glued(i + 2)
        && t.number_at(i + 2).is_some();
    joined_before || joined_after
}

/// A four-digit year at `i` (digits, or words: "nineteen ninety-seven",
/// "two thousand"), with its end.
pub(super) fn year(t: &Tokens, i: usize) -> Option<(usize, i32)> {
    if let Some(number) = t.number_at(i) {
        let token = t.get(i)?;
        if token.digits() == 4 && (1000..=2199).contains(&number) && !is_part_of_larger_number(t, i) {
            return Some((i + 1, number as i32));
        }
        return None;
    }
    let key = t.key(i);
    if key == "two" && t.is(i + 1, "thousand") {
        let (end, rest) = match t.is(i + 2, "and") {
            true => word_number(t, i + 3).map_or((i + 2, 0), |(e, n)| (e, n)),
            false => match word_number(t, i + 2) {
                Some((e, n)) if n < 100 => (e, n),
                _ => (i + 2, 0),
            },
        };
        return Some((end, 2000 + rest as i32));
    }
    let century = match key {
        "nineteen" => 19,
        "eighteen" => 18,
        _ => return None,
    };
    let (end, rest) = word_number(t, i + 1)?;
    if !(10..=99).contains(&rest) {
        return None;
    }
    Some((end, century * 100 + rest as i32))
}

/// Whether a year-like number at `i` is really a year in running text:
/// not money, not a count of things, not a percentage.
pub(super) fn reads_as_year(t: &Tokens, i: usize, end: usize) -> bool {
    if is_an_amount(t, i, end) {
        return false;
    }
    // A number before "to" or "-" and another number is a range of counts
    // unless both read as years; callers handle year ranges first.
    let value = t.number_at(i).unwrap_or(1990);
    (1900..=2099).contains(&value) || matches!(t.key(i.wrapping_sub(1)), "in" | "since" | "of" | "from" | "by" | "until" | "to" | "year" | "fiscal" | "before" | "after" | "during" | "through")
}

/// Whether the number at `i..end` is money, a percentage or a count of
/// things ("$1990", "1850 workers") rather than possibly a year.
pub(super) fn is_an_amount(t: &Tokens, i: usize, end: usize) -> bool {
    (i > 0 && (t.punct(i - 1, '$') || t.punct(i - 1, '#') || t.punct(i - 1, '£') || t.punct(i - 1, '€')))
        || t.punct(end, '%')
        || lexicon::is_counted_noun(t.key(end))
}

/// A day of the month at `i` ("28", "28th", "twenty-eighth"), with its end.
pub(super) fn day_of_month(t: &Tokens, i: usize) -> Option<(usize, u32)> {
    if let Some(n) = t.number_at(i) {
        if t.get(i)?.digits() > 2 || !(1..=31).contains(&n) || is_part_of_larger_number(t, i) {
            return None;
        }
        if t.glued(i + 1) && lexicon::is_ordinal_suffix(t.key(i + 1)) {
            return Some((i + 2, n));
        }
        if t.glued(i + 1) && t.get(i + 1).is_some_and(|x| x.kind == Kind::Word) {
            return None;
        }
        return Some((i + 1, n));
    }
    lexicon::ordinal(t.key(i)).map(|n| (i + 1, n))
}

/// `2000-06-28` and `6/28/2000` (`6/28/00`): numeric dates, all pieces
/// glued together.
pub(super) fn numeric_date(t: &Tokens, i: usize) -> Option<Found> {
    let first = t.get(i)?;
    if first.kind != Kind::Number {
        return None;
    }
    let glued_run = |sep: char| t.punct(i + 1, sep) && t.glued(i + 1) && t.glued(i + 2) && t.punct(i + 3, sep) && t.glued(i + 3) && t.glued(i + 4);
    let (a, b, c) = (t.number_at(i)?, t.number_at(i + 2), t.number_at(i + 4));
    if glued_run('-') && first.digits() == 4 {
        let (month, day) = (b?, c?);
        if (1..=12).contains(&month) && (1..=31).contains(&day) {
            return Some(Found::new(i + 5, Expr::Day { year: super::expr::YearSpec::Known(a as i32), month, day }));
        }
    }
    if glued_run('/') && first.digits() <= 2 {
        let (day, year) = (b?, c?);
        let year = match t.get(i + 4)?.digits() {
            4 => year as i32,
            2 => if year < 30 { 2000 + year as i32 } else { 1900 + year as i32 },
            _ => return None,
        };
        if (1..=12).contains(&a) && (1..=31).contains(&day) {
            return Some(Found::new(i + 5, Expr::Day { year: super::expr::YearSpec::Known(year), month: a, day }));
        }
    }
    None
}

/// `1990s`, `'90s`: a decade.
pub(super) fn decade(t: &Tokens, i: usize) -> Option<Found> {
    let is_s = |k: usize| t.glued(k) && t.is(k, "s");
    if let Some(n) = t.number_at(i) {
        if t.get(i)?.digits() == 4 && n % 10 == 0 && (1000..=2190).contains(&n) && is_s(i + 1) {
            return Some(Found::new(i + 2, Expr::Decade(n as i32)));
        }
    }
    if t.punct(i, '\'') || t.punct(i, '’') {
        let n = t.number_at(i + 1)?;
        if t.glued(i + 1) && t.get(i + 1)?.digits() == 2 && n % 10 == 0 && is_s(i + 2) {
            return Some(Found::new(i + 3, Expr::Decade(1900 + n as i32)));
        }
    }
    None
}

/// `10:35 a.m.`, `10 p.m.`, `7:15 pm`: a clock time, with its end. The
/// day is the caller's to attach.
pub(super) fn clock(t: &Tokens, i: usize) -> Option<(usize, u32, u32)> {
    let hour = t.number_at(i)?;
    if t.get(i)?.digits() > 2 {
        return None;
    }
    let mut at = i + 1;
    let mut minute = 0;
    let mut has_minutes = false;
    if t.punct(at, ':') && t.glued(at) && t.glued(at + 1) && t.get(at + 1).is_some_and(|x| x.digits() == 2) {
        minute = t.number_at(at + 1)?;
        at += 2;
        has_minutes = true;
    }
    // a.m. / p.m. / am / pm
    let (after, pm) = match t.key(at) {
        "am" => (at + 1, false),
        "pm" => (at + 1, true),
        "a" | "p" if t.punct(at + 1, '.') && t.glued(at + 1) && t.is(at + 2, "m") && t.glued(at + 2) => {
            let end = if t.punct(at + 3, '.') && t.glued(at + 3) { at + 4 } else { at + 3 };
            (end, t.is(at, "p"))
        }
        _ if has_minutes && hour <= 23 && minute <= 59 => return Some((at, hour, minute)),
        _ => return None,
    };
    if !(1..=12).contains(&hour) || minute > 59 {
        return None;
    }
    let hour = match (hour, pm) {
        (12, false) => 0,
        (12, true) => 12,
        (h, true) => h + 12,
        (h, false) => h,
    };
    let mut end = after;
    if matches!(t.key(end), "est" | "edt" | "cst" | "cdt" | "pst" | "pdt" | "gmt" | "et") {
        end += 1;
    }
    Some((end, hour, minute))
}

/// An amount and a unit ("two years", "10-year", "several months", "a
/// week"), optionally followed by "ago", "earlier", "later" or "from now".
pub(super) fn amount_of_units(t: &Tokens, i: usize) -> Option<Found> {
    let (after_amount, amount) = amount(t, i)?;
    let mut at = after_amount;
    let mut half = false;
    // "2 1/2 years", "one and a half years"
    if t.number_at(at) == Some(1) && t.punct(at + 1, '/') && t.number_at(at + 2) == Some(2) {
        half = true;
        at += 3;
    }
    // "two-year", "10-year": an adjective, always a duration.
    let adjective = t.punct(at, '-') && t.glued(at) && t.glued(at + 1);
    if adjective {
        at += 1;
    }
    let (unit, plural) = lexicon::unit(t.key(at))?;
    if amount.is_none() && !plural {
        return None;
    }
    let unit_end = at + 1;
    // An age ("the 6-year-old", "44-year-old") or a fraction
    // ("three-quarters") is no time.
    let age = t.punct(unit_end, '-') && t.is(unit_end + 1, "old") && t.glued(unit_end);
    if age || (adjective && unit == Unit::Quarter && plural) {
        return None;
    }
    if adjective {
        // "8-month-old", "day-long": the compound stays in the span.
        let end = if t.punct(unit_end, '-') && t.glued(unit_end) && t.is(unit_end + 1, "long") { unit_end + 2 } else { unit_end };
        return Some(Found::new(end, Expr::Duration { amount, unit, half }));
    }
    let sign = match t.key(unit_end) {
        "ago" | "earlier" => -1,
        "later" | "hence" => 1,
        "from" if t.is(unit_end + 1, "now") => {
            return Some(Found::new(unit_end + 2, Expr::Ago { amount, unit, sign: 1 }).lean(Lean::Future));
        }
        _ => 0,
    };
    if sign != 0 {
        return Some(Found::new(unit_end + 1, Expr::Ago { amount, unit, sign }));
    }
    // "a year" after money or a count is a rate ("$5 a year", "twice a
    // week"): a set.
    if amount == Some(1) && matches!(t.key(i), "a" | "an" | "per") && i > 0 {
        let before = t.get(i - 1)?;
        if before.kind == Kind::Number || matches!(t.key(i - 1), "once" | "twice" | "times" | "million" | "billion" | "percent" | "cents" | "dollars") {
            return Some(Found::new(unit_end, Expr::Set(set_value(unit))));
        }
    }
    Some(Found::new(unit_end, Expr::Duration { amount, unit, half }))
}

/// The TIMEX3 value of "every <unit>".
pub(super) fn set_value(unit: Unit) -> String {
    let (letter, is_time) = unit.duration_letter();
    format!("P{}1{letter}", if is_time { "T" } else { "" })
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    #[test]
    fn amounts_in_words_and_digits() {
        let toks = tokenize("twenty four hours, twenty-one, several, a couple of, 1,997");
        let t = Tokens::new(&toks);
        assert_eq!(amount(&t, 0), Some((2, Some(24))));
        assert_eq!(amount(&t, 4), Some((7, Some(21))));
        assert_eq!(amount(&t, 8), Some((9, None)));
        assert_eq!(amount(&t, 10), Some((13, Some(2))));
        assert_eq!(amount(&t, 14), None);
    }

    #[test]
    fn years_in_words_and_digits() {
        let toks = tokenize("nineteen ninety-seven; 1997; two thousand; $1990; 1990 people");
        let t = Tokens::new(&toks);
        assert_eq!(year(&t, 0), Some((4, 1997)));
        assert_eq!(year(&t, 5), Some((6, 1997)));
        assert_eq!(year(&t, 7), Some((9, 2000)));
        assert!(!reads_as_year(&t, 11, 12));
        assert!(!reads_as_year(&t, 13, 14));
    }

    #[test]
    fn clocks() {
        let toks = tokenize("10:35 a.m. EST and 10 p.m and 7 pm and 14:05");
        let t = Tokens::new(&toks);
        assert_eq!(clock(&t, 0), Some((8, 10, 35)));
        assert_eq!(clock(&t, 9), Some((13, 22, 0)));
        assert_eq!(clock(&t, 14), Some((16, 19, 0)));
        assert_eq!(clock(&t, 17), Some((20, 14, 5)));
    }
}
