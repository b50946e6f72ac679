//! Expressions built on calendar names: months ("June 28, 2000", "Jan.
//! 20", "28 June 2000", "May 1997", "January 31-February 2"), weekdays
//! ("Friday", "Monday, Oct. 26"), seasons ("spring of 1999"), quarters and
//! halves ("the third quarter of 1998", "fourth-quarter"), centuries.

use super::expr::{Expr, YearSpec};
use super::lexicon;
use super::numeric::{self, day_of_month};
use super::scan::{Found, Tokens};

/// A month name at `i` that reads as a month, and the token after it (past
/// an abbreviation's period).
fn month_name(t: &Tokens, i: usize, needs_follow: &mut bool) -> Option<(usize, u32)> {
    let token = t.get(i)?;
    let key = t.key(i);
    let month = lexicon::month(key)?;
    let full = lexicon::is_full_month_name(key);
    // A period after a full name ends the sentence; after "Jan" it is the
    // abbreviation's.
    let dotted = !full && t.punct(i + 1, '.') && t.glued(i + 1);
    if !token.capital && (!full || lexicon::is_ambiguous_month(key)) {
        return None;
    }
    // "May" and "March" are words too, and abbreviations are only sure
    // beside a day or a year.
    *needs_follow = !full && !dotted || (lexicon::is_ambiguous_month(key) && t.sentence_start(i));
    Some((if dotted { i + 2 } else { i + 1 }, month))
}

/// A year after a month or season ("May 1997", "spring of 1999", "June
/// last year"), with its end.
fn following_year(t: &Tokens, i: usize) -> Option<(usize, YearSpec)> {
    let mut at = i;
    if t.punct(at, ',') || t.is(at, "of") {
        at += 1;
    }
    if let Some((end, year)) = numeric::year(t, at) {
        // Not the first piece of a numeric date ("June 28th, 2000-06-28").
        let continues = (t.punct(end, '-') || t.punct(end, '/')) && t.glued(end) && t.glued(end + 1) && t.number_at(end + 1).is_some();
        // Right after a month any four-digit year is a year ("2 May 1889",
        // "June 1794"), however far from the 1900s a bare number would
        // have to be: historians' texts name such dates all the time.
        if !numeric::is_an_amount(t, at, end) && !continues {
            return Some((end, YearSpec::Known(year)));
        }
    }
    if !t.punct(i, ',') {
        let shift = match t.key(at) {
            "last" => -1,
            "this" => 0,
            "next" => 1,
            _ => return None,
        };
        if t.is(at + 1, "year") {
            return Some((at + 2, YearSpec::Shift(shift)));
        }
    }
    None
}

/// Month-first forms: "June 28, 2000", "Jan. 20", "June 28th", "May 1997",
/// "June", and ranges "January 31-February 2", "June 5-7".
pub(super) fn month_first(t: &Tokens, i: usize) -> Option<Found> {
    let mut needs_follow = false;
    let (after, month) = month_name(t, i, &mut needs_follow)?;
    // A month glued to a number is a code, not a date: newswire futures
    // tables name contracts "MAR8" or "DEC87" beside prices ("MAR8 2130"
    // is no March 8, 2130).
    if after == i + 1 && t.glued(after) && t.number_at(after).is_some() {
        return None;
    }
    if let Some((end, day)) = day_of_month(t, after) {
        // Not "May 1997": a day is at most two digits, checked above.
        let (end, year) = match following_year(t, end) {
            Some((e, y)) if t.punct(end, ',') || matches!(y, YearSpec::Known(_)) => (e, y),
            _ => (end, YearSpec::Implicit),
        };
        let from = Expr::Day { year, month, day };
        if let Some(range) = range_after(t, end, month, year) {
            return Some(Found::new(range.0, Expr::Range(Box::new(from), Box::new(range.1))));
        }
        return Some(Found::new(end, from));
    }
    if let Some((end, year)) = following_year(t, after) {
        return Some(Found::new(end, Expr::Month { year, month }));
    }
    if needs_follow {
        return None;
    }
    Some(Found::new(after, Expr::Month { year: YearSpec::Implicit, month }))
}

/// After a day, `-31` or `-February 2` (or "to"/"through"): the end of a
/// range.
fn range_after(t: &Tokens, i: usize, month: u32, year: YearSpec) -> Option<(usize, Expr)> {
    let dash = t.punct(i, '-') || t.punct(i, '–') || t.punct(i, '—');
    if !dash {
        return None;
    }
    let at = i + 1;
    if let Some((end, day)) = day_of_month(t, at) {
        let (end, year) = following_year(t, end).filter(|(_, y)| matches!(y, YearSpec::Known(_))).unwrap_or((end, year));
        return Some((end, Expr::Day { year, month, day }));
    }
    let mut needs_follow = false;
    let (after, to_month) = month_name(t, at, &mut needs_follow)?;
    let (end, day) = day_of_month(t, after)?;
    let (end, year) = following_year(t, end).filter(|(_, y)| matches!(y, YearSpec::Known(_))).unwrap_or((end, year));
    Some((end, Expr::Day { year, month: to_month, day }))
}

/// Day-first forms: "28 June 2000", "28th of June", "the 4th of July".
pub(super) fn day_first(t: &Tokens, i: usize) -> Option<Found> {
    let (after_day, day) = day_of_month(t, i)?;
    let at = if t.is(after_day, "of") { after_day + 1 } else { after_day };
    let mut needs_follow = false;
    let (after, month) = month_name(t, at, &mut needs_follow)?;
    let (end, year) = match following_year(t, after) {
        Some((e, y @ YearSpec::Known(_))) => (e, y),
        _ => (after, YearSpec::Implicit),
    };
    // A bare number before a month is a day only when it is one ("5 May"),
    // not an ordinal word alone ("first May" is rare and ambiguous).
    t.number_at(i)?;
    Some(Found::new(end, Expr::Day { year, month, day }))
}

/// A weekday, with an optional part of the day ("Wednesday night") or a
/// date after it ("Monday, Oct. 26"), which wins.
pub(super) fn weekday(t: &Tokens, i: usize, shift: Option<i32>) -> Option<Found> {
    let key = t.key(i);
    let weekday = lexicon::weekday(key)?;
    if !lexicon::is_full_weekday_name(key) || !t.get(i)?.capital {
        return None;
    }
    let mut end = i + 1;
    // "Friday's"
    if (t.punct(end, '\'') || t.punct(end, '’')) && t.glued(end) && t.is(end + 1, "s") && t.glued(end + 1) {
        end += 2;
    }
    if shift.is_none() && t.punct(end, ',') {
        if let Some(date) = month_first(t, end + 1) {
            if matches!(date.expr, Expr::Day { .. }) {
                return Some(date.starting(i));
            }
        }
    }
    let part = lexicon::part_of_day(t.key(end));
    if part.is_some() {
        end += 1;
    }
    Some(Found::new(end, Expr::Weekday { weekday, shift, part }))
}

/// A season name at `i` with an optional year after it; `introduced`
/// says a determiner or preposition came before, without which "spring"
/// and "fall" are just words.
pub(super) fn season(t: &Tokens, i: usize, introduced: bool) -> Option<Found> {
    let season = lexicon::season(t.key(i))?;
    if let Some((end, year)) = following_year(t, i + 1) {
        return Some(Found::new(end, Expr::Season { year, season }));
    }
    // "the fall of the Berlin Wall"
    if !introduced || t.is(i + 1, "of") {
        return None;
    }
    Some(Found::new(i + 1, Expr::Season { year: YearSpec::Implicit, season }))
}

/// "third quarter", "fourth-quarter", "1st half", "first half of 1998",
/// "the third quarter of this year", with `year` said before ("last
/// year's") or not.
pub(super) fn quarter(t: &Tokens, i: usize, year_before: YearSpec) -> Option<Found> {
    let (mut at, n) = match lexicon::ordinal(t.key(i)) {
        Some(n) => (i + 1, n),
        None => {
            let n = t.number_at(i)?;
            if !(t.glued(i + 1) && lexicon::is_ordinal_suffix(t.key(i + 1))) {
                return None;
            }
            (i + 2, n)
        }
    };
    let n = if t.is(i, "last") || t.is(i, "final") { 0 } else { n };
    if t.punct(at, '-') && t.glued(at) && t.glued(at + 1) {
        at += 1;
    }
    let is_quarter = match t.key(at) {
        "quarter" => true,
        "half" => false,
        _ => return None,
    };
    let n = match (is_quarter, n) {
        (true, 0) => 4,
        (false, 0) => 2,
        (true, 1..=4) | (false, 1..=2) => n,
        _ => return None,
    };
    let mut end = at + 1;
    let mut year = year_before;
    if t.is(end, "of") {
        let mut of = end + 1;
        if t.is(of, "fiscal") {
            of += 1;
        }
        if let Some((e, y)) = numeric::year(t, of) {
            end = e;
            year = YearSpec::Known(y);
        } else if matches!(t.key(of), "this" | "last" | "next") && t.is(of + 1, "year") {
            year = YearSpec::Shift(match t.key(of) {
                "last" => -1,
                "next" => 1,
                _ => 0,
            });
            end = of + 2;
        }
    }
    let expr = if is_quarter { Expr::Quarter { year, quarter: n } } else { Expr::Half { year, half: n } };
    Some(Found::new(end, expr))
}

/// "the last half" reads through [`quarter`] with `last` as the ordinal;
/// this is "20th century", "twentieth century".
pub(super) fn century(t: &Tokens, i: usize) -> Option<Found> {
    let (at, n) = match lexicon::ordinal(t.key(i)) {
        Some(n) => (i + 1, n),
        None => {
            let n = t.number_at(i)?;
            let suffixed = t.glued(i + 1) && lexicon::is_ordinal_suffix(t.key(i + 1));
            if !suffixed || !(1..=30).contains(&n) {
                return None;
            }
            (i + 2, n)
        }
    };
    if !t.is(at, "century") {
        return None;
    }
    Some(Found::new(at + 1, Expr::Century(n as i32 - 1)))
}
