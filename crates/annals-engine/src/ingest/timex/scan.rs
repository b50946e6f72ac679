//! The scanner: at each token, the longest expression that starts there.
//!
//! An expression is an optional lead ("the", "early", "late", "mid-",
//! "the end of", hedges such as "nearly"), then a core recognised by one of
//! the rule families (`named.rs`, `numeric.rs`, and the deictic and word
//! rules here). A lead alone is never an expression, and it joins the span
//! only when a core follows it directly.

use super::expr::{Expr, Lean, Reference, YearSpec};
use super::lexicon::{self, Unit};
use super::named;
use super::numeric;
use super::tokens::{Kind, Token};

/// The tokens of one text, with the lookups every rule needs; reads past
/// either end give nothing instead of panicking.
pub(super) struct Tokens<'a> {
    tokens: &'a [Token],
}

impl<'a> Tokens<'a> {
    /// Wraps the tokens of a text.
    pub fn new(tokens: &'a [Token]) -> Tokens<'a> {
        Tokens { tokens }
    }

    /// The token at `i`.
    pub fn get(&self, i: usize) -> Option<&Token> {
        self.tokens.get(i)
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// The lowercased word at `i`, `""` if none.
    pub fn key(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", Token::key)
    }

    /// Whether the word at `i` is `word` (lowercase).
    pub fn is(&self, i: usize, word: &str) -> bool {
        self.key(i) == word
    }

    /// Whether the token at `i` is the punctuation `c`.
    pub fn punct(&self, i: usize, c: char) -> bool {
        self.tokens.get(i).is_some_and(|t| t.is_punct(c))
    }

    /// Whether the token at `i` follows the one before without a space.
    pub fn glued(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| t.glued)
    }

    /// The value of the number at `i`.
    pub fn number_at(&self, i: usize) -> Option<u32> {
        self.tokens.get(i).filter(|t| t.kind == Kind::Number).map(|t| t.number)
    }

    /// Whether the token at `i` begins a sentence or a line.
    pub fn sentence_start(&self, i: usize) -> bool {
        match i.checked_sub(1).and_then(|p| self.tokens.get(p)) {
            None => true,
            Some(previous) => {
                self.tokens[i].new_line || matches!(previous.kind, Kind::Punct('.' | '!' | '?' | '"' | '“' | ':'))
            }
        }
    }
}

/// An expression found: where it starts and ends (token indices, end
/// exclusive), what it says, and a lean its own words state ("last May").
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Found {
    /// First token.
    pub first: usize,
    /// One past the last token.
    pub end: usize,
    /// What it says.
    pub expr: Expr,
    /// Past or future, when the expression says so itself.
    pub lean: Option<Lean>,
}

impl Found {
    /// An expression ending before token `end`; its start is set by the
    /// scanner.
    pub fn new(end: usize, expr: Expr) -> Found {
        Found { first: usize::MAX, end, expr, lean: None }
    }

    /// The same with a stated lean.
    pub fn lean(mut self, lean: Lean) -> Found {
        self.lean = Some(lean);
        self
    }

    /// The same starting at token `first`.
    pub fn starting(mut self, first: usize) -> Found {
        self.first = first;
        self
    }
}

/// Every expression in the tokens, in order, without overlaps.
pub(super) fn scan(t: &Tokens) -> Vec<Found> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < t.len() {
        // Only words, numbers and apostrophes can start an expression.
        let starts = t.get(i).is_some_and(|x| matches!(x.kind, Kind::Word | Kind::Number | Kind::Punct('\'' | '’')));
        match if starts { with_lead(t, i) } else { None } {
            Some(hit) if hit.end > i => {
                i = hit.end;
                found.push(hit);
            }
            _ => i += 1,
        }
    }
    found
}

/// Lead words that join an expression's span without changing its value.
fn lead_length(t: &Tokens, i: usize) -> usize {
    match t.key(i) {
        "early" | "late" | "mid" | "earlier" | "later" | "fiscal" | "nearly" | "almost" | "about" | "around" | "roughly"
        | "approximately" | "only" | "just" | "over" | "within" | "under" => {
            if t.punct(i + 1, '-') && t.glued(i + 1) {
                2
            } else {
                1
            }
        }
        "more" | "less" | "fewer" if t.is(i + 1, "than") => 2,
        "at" if matches!(t.key(i + 1), "least" | "most") => 2,
        "up" if t.is(i + 1, "to") => 2,
        "end" | "beginning" | "middle" | "start" if t.is(i + 1, "of") => 2,
        _ => 0,
    }
}

/// An expression at `i`, with any leads before its core.
fn with_lead(t: &Tokens, i: usize) -> Option<Found> {
    let mut at = i;
    let mut the = false;
    for _ in 0..4 {
        if t.is(at, "the") && !the {
            the = true;
            at += 1;
            continue;
        }
        let lead = lead_length(t, at);
        if lead == 0 {
            break;
        }
        at += lead;
    }
    // A lead that leads nothing is no expression: the scanner moves on
    // and tries the next token.
    let hit = core(t, at, the || at > i)?;
    // "the 1997 Founding Act": the article belongs to the noun, not the year.
    if matches!(hit.expr, Expr::Year(_)) && t.is(i, "the") {
        return Some(hit.starting(i + 1));
    }
    Some(hit.starting(i))
}

/// The deictic word at `i` ("last", "this past", "next"…): its end and
/// shift.
fn deictic(t: &Tokens, i: usize) -> Option<(usize, i32)> {
    Some(match t.key(i) {
        "this" if matches!(t.key(i + 1), "past" | "last") => (i + 2, -1),
        "this" if matches!(t.key(i + 1), "coming" | "next") => (i + 2, 1),
        "this" | "current" | "present" => (i + 1, 0),
        "last" | "past" | "previous" | "preceding" => (i + 1, -1),
        "next" | "coming" | "following" | "upcoming" => (i + 1, 1),
        _ => return None,
    })
}

/// The core of an expression at `i`; `introduced` says a determiner or
/// lead came before.
fn core(t: &Tokens, i: usize, introduced: bool) -> Option<Found> {
    let token = t.get(i)?;
    if token.kind == Kind::Number || t.punct(i, '\'') || t.punct(i, '’') {
        return number_core(t, i);
    }
    if token.kind != Kind::Word {
        return None;
    }
    let key = t.key(i);
    if let Some((after, shift)) = deictic(t, i) {
        if let Some(hit) = deictic_core(t, after, shift) {
            return Some(hit);
        }
    }
    if let Some(hit) = words(t, i, introduced) {
        return Some(hit);
    }
    if lexicon::month(key).is_some() {
        if let Some(hit) = named::month_first(t, i) {
            return Some(hit);
        }
    }
    if lexicon::weekday(key).is_some() {
        return named::weekday(t, i, None);
    }
    if lexicon::season(key).is_some() {
        let introduced = introduced || matches!(t.key(i.wrapping_sub(1)), "in" | "during" | "since" | "until" | "by" | "this" | "that" | "last" | "next");
        return named::season(t, i, introduced);
    }
    if let Some(hit) = named::quarter(t, i, YearSpec::Implicit).or_else(|| named::century(t, i)) {
        return Some(hit);
    }
    if let Some(hit) = year_ago(t, i) {
        return Some(hit);
    }
    if key == "year" {
        if let Some((end, year)) = numeric::year(t, i + 1) {
            // "the year two thousand"
            return Some(Found::new(end, Expr::Year(year)));
        }
    }
    // "two years", "a few days ago", "twenty four hours"
    if let Some(hit) = numeric::amount_of_units(t, i) {
        return Some(hit);
    }
    numeric::year(t, i).filter(|(end, _)| *end > i + 1).map(|(end, year)| Found::new(end, Expr::Year(year)))
}

/// Numbers at `i`: numeric dates, decades, clock times, day-first dates,
/// quarters ("3rd quarter"), centuries, amounts of units, years, year
/// ranges.
fn number_core(t: &Tokens, i: usize) -> Option<Found> {
    if let Some(hit) = numeric::numeric_date(t, i).or_else(|| numeric::decade(t, i)) {
        return Some(hit);
    }
    if t.get(i)?.kind != Kind::Number {
        return None;
    }
    if let Some((end, hour, minute)) = numeric::clock(t, i) {
        let on = day_word(t, end).map(|(e, expr)| (e, Box::new(expr)));
        return Some(match on {
            Some((e, on)) => Found::new(e, Expr::Clock { hour, minute, on: Some(on) }),
            None => Found::new(end, Expr::Clock { hour, minute, on: None }),
        });
    }
    if let Some(hit) = named::day_first(t, i)
        .or_else(|| named::quarter(t, i, YearSpec::Implicit))
        .or_else(|| named::century(t, i))
    {
        return Some(hit);
    }
    if let Some((end, year)) = numeric::year(t, i) {
        if !numeric::reads_as_year(t, i, end) {
            return None;
        }
        // "1999-2001", "1998-99"
        if (t.punct(end, '-') || t.punct(end, '–')) && t.glued(end + 1) {
            if let Some(to) = t.number_at(end + 1) {
                let digits = t.get(end + 1)?.digits();
                let to = match digits {
                    4 => to as i32,
                    2 => year - year % 100 + to as i32,
                    _ => 0,
                };
                if to > year && to - year < 100 {
                    return Some(Found::new(end + 2, Expr::Range(Box::new(Expr::Year(year)), Box::new(Expr::Year(to)))));
                }
            }
        }
        // "the 1988 third quarter", "the 1988 period"
        if let Some(hit) = named::quarter(t, end, YearSpec::Known(year)) {
            return Some(hit);
        }
        if matches!(t.key(end), "quarter" | "period") {
            return Some(Found::new(end + 1, Expr::PeriodOfYear(year)));
        }
        // A year glued to letters or a unit ("1990-style") is no date.
        if t.punct(end, '-') && t.glued(end) && t.get(end + 1).is_some_and(|x| x.kind == Kind::Word) {
            return None;
        }
        return Some(Found::new(end, Expr::Year(year)));
    }
    numeric::amount_of_units(t, i)
}

/// A day said in words after a clock time or weekday ("10 p.m.
/// Wednesday", "noon today").
fn day_word(t: &Tokens, i: usize) -> Option<(usize, Expr)> {
    let key = t.key(i);
    if let Some(days) = day_offset(key) {
        return Some((i + 1, Expr::DayOffset { days, part: None }));
    }
    let hit = if t.punct(i, ',') { named::month_first(t, i + 1) } else { None }
        .or_else(|| named::weekday(t, i, None))
        .or_else(|| named::month_first(t, i))?;
    matches!(hit.expr, Expr::Day { .. } | Expr::Weekday { .. }).then_some((hit.end, hit.expr))
}

fn day_offset(key: &str) -> Option<i32> {
    match key {
        "today" => Some(0),
        "yesterday" => Some(-1),
        "tomorrow" => Some(1),
        _ => None,
    }
}

/// After "last", "this", "next"…: a unit, weekday, month, season, quarter,
/// or an amount of units ("the past three months", a duration).
fn deictic_core(t: &Tokens, i: usize, shift: i32) -> Option<Found> {
    let lean = if shift < 0 { Lean::Past } else if shift > 0 { Lean::Future } else { Lean::Nearest };
    let key = t.key(i);
    if let Some(hit) = numeric::amount_of_units(t, i) {
        if matches!(hit.expr, Expr::Duration { .. }) && !matches!(key, "a" | "an") {
            return Some(hit);
        }
    }
    if let Some((unit, plural)) = lexicon::unit(key) {
        if plural {
            // "recent years", "the coming months"
            return None;
        }
        let end = i + 1;
        // "last year's third quarter", "this year's first half"
        if unit == Unit::Year && (t.punct(end, '\'') || t.punct(end, '’')) && t.is(end + 1, "s") {
            if let Some(hit) = named::quarter(t, end + 2, YearSpec::Shift(shift)) {
                return Some(hit);
            }
        }
        if unit < Unit::Day {
            return None;
        }
        return Some(Found::new(end, Expr::UnitShift { unit, shift }).lean(lean));
    }
    if let Some(days) = day_offset_part(t, i, shift) {
        return Some(days);
    }
    if lexicon::weekday(key).is_some() {
        return named::weekday(t, i, Some(shift)).map(|hit| hit.lean(lean));
    }
    if lexicon::month(key).is_some() && lexicon::is_full_month_name(key) && t.get(i)?.capital {
        return Some(Found::new(i + 1, Expr::Month { year: YearSpec::Implicit, month: lexicon::month(key)? }).lean(lean));
    }
    if let Some(season) = lexicon::season(key) {
        // "this spring" in an autumn story is the one just past.
        return Some(Found::new(i + 1, Expr::Season { year: YearSpec::Implicit, season }).lean(if shift == 0 { Lean::Nearest } else { lean }));
    }
    None
}

/// "last night", "this morning", "this evening".
fn day_offset_part(t: &Tokens, i: usize, shift: i32) -> Option<Found> {
    let part = lexicon::part_of_day(t.key(i))?;
    let days = match (shift, part) {
        (0, _) => 0,
        (-1, "TNI") => -1,
        _ => return None,
    };
    Some(Found::new(i + 1, Expr::DayOffset { days, part: Some(part) }))
}

/// "year-ago", "year-earlier" (+ "quarter", "period", "third quarter"):
/// the period mentioned last, a year back.
fn year_ago(t: &Tokens, i: usize) -> Option<Found> {
    if !(t.is(i, "year") && t.punct(i + 1, '-') && t.glued(i + 1) && matches!(t.key(i + 2), "ago" | "earlier")) {
        return None;
    }
    let end = i + 3;
    if matches!(t.key(end), "quarter" | "period") {
        return Some(Found::new(end + 1, Expr::PreviousShift { years: -1, unit: Unit::Quarter }));
    }
    if let Some(hit) = named::quarter(t, end, YearSpec::Shift(-1)) {
        return Some(hit);
    }
    Some(Found::new(end, Expr::PreviousShift { years: -1, unit: Unit::Year }))
}

/// Single words and fixed phrases: today, yesterday, tonight, now,
/// recently, the future, daily, every week, the latest quarter…
fn words(t: &Tokens, i: usize, introduced: bool) -> Option<Found> {
    let key = t.key(i);
    if let Some(days) = day_offset(key) {
        let part = lexicon::part_of_day(t.key(i + 1));
        let end = if part.is_some() { i + 2 } else { i + 1 };
        return Some(Found::new(end, Expr::DayOffset { days, part }));
    }
    let reference = |r| Some(Found::new(i + 1, Expr::Reference(r)));
    match key {
        "tonight" => return Some(Found::new(i + 1, Expr::DayOffset { days: 0, part: Some("TNI") })),
        "now" | "currently" | "nowadays" | "presently" => return reference(Reference::Present),
        // "previously" and "soon" are left out: in news they mostly
        // qualify an event's order, not a time, and annotators skip them.
        "recently" | "lately" => return reference(Reference::Past),
        "future" if introduced => return reference(Reference::Future),
        "past" if introduced && !t.get(i + 1).is_some_and(|x| x.kind == Kind::Number) => {
            let next = t.key(i + 1);
            if lexicon::unit(next).is_none() && numeric::amount(t, i + 1).is_none() {
                return reference(Reference::Past);
            }
        }
        "recent" | "coming" => {
            // "recent years", "in the coming months"
            let (_, plural) = lexicon::unit(t.key(i + 1))?;
            if !plural {
                return None;
            }
            let r = if key == "recent" { Reference::Past } else { Reference::Future };
            return Some(Found::new(i + 2, Expr::Reference(r)));
        }
        "latest" | "current" | "same" if introduced && matches!(t.key(i + 1), "quarter" | "period") => {
            return Some(Found::new(i + 2, Expr::LatestPeriod { unit: Unit::Quarter }));
        }
        "quarter" if introduced && !t.is(i + 1, "of") && !t.punct(i + 1, '-') => {
            return Some(Found::new(i + 1, Expr::LatestPeriod { unit: Unit::Quarter }));
        }
        // "over the weekend", "earlier in the week": the one around the
        // document's date. ("the year" is left out: as often a duration,
        // and mostly not annotated at all.)
        "weekend" | "week" if t.is(i.wrapping_sub(1), "the") && !t.is(i + 1, "of") => {
            let unit = if key == "week" { Unit::Week } else { Unit::Weekend };
            return Some(Found::new(i + 1, Expr::UnitShift { unit, shift: 0 }));
        }
        "noon" | "midnight" | "midday" => {
            let (hour, minute) = if key == "midnight" { (24, 0) } else { (12, 0) };
            let on = day_word(t, i + 1);
            let end = on.as_ref().map_or(i + 1, |(e, _)| *e);
            return Some(Found::new(end, Expr::Clock { hour, minute, on: on.map(|(_, e)| Box::new(e)) }));
        }
        "every" | "each" => {
            let next = t.key(i + 1);
            if let Some((unit, false)) = lexicon::unit(next) {
                return Some(Found::new(i + 2, Expr::Set(numeric::set_value(unit))));
            }
            if let Some(weekday) = lexicon::weekday(next).filter(|_| t.get(i + 1).is_some_and(|x| x.capital)) {
                return Some(Found::new(i + 2, Expr::Set(format!("XXXX-WXX-{weekday}"))));
            }
            if let Some(month) = lexicon::month(next).filter(|_| lexicon::is_full_month_name(next) && t.get(i + 1).is_some_and(|x| x.capital)) {
                return Some(Found::new(i + 2, Expr::Set(format!("XXXX-{month:02}"))));
            }
            return None;
        }
        _ => {}
    }
    let set = match key {
        "daily" | "nightly" => "P1D",
        "weekly" => "P1W",
        "monthly" => "P1M",
        "annually" | "yearly" | "annual" if key != "annual" => "P1Y",
        "hourly" => "PT1H",
        _ => {
            // "per year"
            if key == "per" {
                if let Some((unit, false)) = lexicon::unit(t.key(i + 1)) {
                    return Some(Found::new(i + 2, Expr::Set(numeric::set_value(unit))));
                }
            }
            return None;
        }
    };
    Some(Found::new(i + 1, Expr::Set(set.to_string())))
}
