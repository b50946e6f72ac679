//! Turning what an expression says into a TIMEX3 value and a span of days,
//! against the document's date (the anchor).
//!
//! The resolver remembers the last calendar period it resolved in the
//! document, because news text counts back from it: after "the third
//! quarter", "a year earlier" is the third quarter of the year before, not
//! the whole year.

use crate::mention::{Granularity, TimexKind};

use super::calendar::{self, day_value, month_value, week_value};
use super::expr::{Expr, Lean, Reference, YearSpec};
use super::lexicon::{Season, Unit};

/// A resolved expression: everything of a mention but its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Resolved {
    /// TIMEX3 type.
    pub kind: TimexKind,
    /// TIMEX3 value.
    pub value: String,
    /// Inclusive span of days, for calendar periods.
    pub days: Option<(i32, i32)>,
    /// The unit the value is stated in.
    pub granularity: Option<Granularity>,
}

impl Resolved {
    fn date(value: String, days: Option<(i32, i32)>, granularity: Granularity) -> Resolved {
        Resolved { kind: TimexKind::Date, value, days, granularity: Some(granularity) }
    }

    fn reference(value: &str) -> Resolved {
        Resolved { kind: TimexKind::Date, value: value.to_string(), days: None, granularity: None }
    }
}

/// Resolves the expressions of one document, in order.
pub(super) struct Resolver {
    anchor: Option<i32>,
    /// The last quarter or half resolved, for "a year earlier" and "the
    /// quarter".
    previous_period: Option<(Granularity, i32, u32)>,
}

impl Resolver {
    /// A resolver for a document dated `anchor` (or undated).
    pub fn new(anchor: Option<i32>) -> Resolver {
        Resolver { anchor, previous_period: None }
    }

    /// Resolves one expression; `lean` says where an unstated year or week
    /// lies. `None` when the expression cannot name anything (an invalid
    /// day such as February 30).
    pub fn resolve(&mut self, expr: &Expr, lean: Lean) -> Option<Resolved> {
        let resolved = self.resolve_inner(expr, lean)?;
        // Only periods the text names count as the last one mentioned;
        // "a year earlier" must not become the base of the next "a year
        // earlier".
        let names_period = matches!(expr, Expr::Quarter { .. } | Expr::Half { .. } | Expr::LatestPeriod { .. } | Expr::UnitShift { unit: Unit::Quarter, .. });
        if !names_period {
            return Some(resolved);
        }
        if let (Some(granularity @ (Granularity::Quarter | Granularity::Half)), Some((first, _))) =
            (resolved.granularity, resolved.days)
        {
            if resolved.kind == TimexKind::Date {
                let (year, month, _) = calendar::ymd(first);
                let part = if granularity == Granularity::Quarter { calendar::quarter_of(month) } else { month.div_ceil(6) };
                self.previous_period = Some((granularity, year, part));
            }
        }
        Some(resolved)
    }

    fn resolve_inner(&self, expr: &Expr, lean: Lean) -> Option<Resolved> {
        let anchor = self.anchor;
        Some(match *expr {
            Expr::Day { year, month, day } => {
                let Some(year) = self.year_for(year, lean, |y| {
                    calendar::is_valid(y, month, day).then(|| {
                        let d = calendar::day(y, month, day);
                        (d, d)
                    })
                }) else {
                    return Some(Resolved::date(format!("XXXX-{month:02}-{day:02}"), None, Granularity::Day));
                };
                if !calendar::is_valid(year, month, day) {
                    return None;
                }
                let d = calendar::day(year, month, day);
                Resolved::date(day_value(d), Some((d, d)), Granularity::Day)
            }
            Expr::Month { year, month } => {
                match self.year_for(year, lean, |y| Some(calendar::month_span(y, month))) {
                    Some(year) => Resolved::date(
                        month_value(year, month),
                        Some(calendar::month_span(year, month)),
                        Granularity::Month,
                    ),
                    None => Resolved::date(format!("XXXX-{month:02}"), None, Granularity::Month),
                }
            }
            Expr::Season { year, season } => {
                // Winter's span starts in December, but "winter" in a
                // January story means the one under way: compare against
                // the span's start and end alike.
                match self.year_for(year, lean, |y| Some(calendar::season_span(y, season))) {
                    Some(year) => season_date(year, season),
                    None => Resolved::date(format!("XXXX-{}", season.code()), None, Granularity::Season),
                }
            }
            Expr::Quarter { year, quarter } => match self.period_year(year, lean, |y| calendar::quarter_span(y, quarter)) {
                Some(year) => quarter_date(year, quarter),
                None => Resolved::date(format!("XXXX-Q{quarter}"), None, Granularity::Quarter),
            },
            Expr::Half { year, half } => match self.period_year(year, lean, |y| calendar::half_span(y, half)) {
                Some(year) => Resolved::date(format!("{year:04}-H{half}"), Some(calendar::half_span(year, half)), Granularity::Half),
                None => Resolved::date(format!("XXXX-H{half}"), None, Granularity::Half),
            },
            Expr::Year(year) => year_date(year),
            Expr::Decade(first) => Resolved::date(
                format!("{:03}X", first / 10),
                Some((calendar::year_span(first).0, calendar::year_span(first + 9).1)),
                Granularity::Decade,
            ),
            Expr::Century(hundreds) => century_date(hundreds),
            Expr::Weekday { weekday, shift, part: _ } => {
                let Some(anchor) = anchor else {
                    return Some(Resolved::date(format!("XXXX-WXX-{weekday}"), None, Granularity::Day));
                };
                let d = weekday_near(anchor, weekday, shift, lean);
                Resolved::date(day_value(d), Some((d, d)), Granularity::Day)
            }
            Expr::DayOffset { days, part } => {
                let Some(anchor) = anchor else {
                    return Some(match part {
                        Some(part) => Resolved {
                            kind: TimexKind::Time,
                            value: format!("XXXX-XX-XX{part}"),
                            days: None,
                            granularity: Some(Granularity::Time),
                        },
                        None => Resolved::date("XXXX-XX-XX".to_string(), None, Granularity::Day),
                    });
                };
                let d = anchor + days;
                match part {
                    Some(part) => Resolved {
                        kind: TimexKind::Time,
                        value: format!("{}{part}", day_value(d)),
                        days: Some((d, d)),
                        granularity: Some(Granularity::Time),
                    },
                    None => Resolved::date(day_value(d), Some((d, d)), Granularity::Day),
                }
            }
            Expr::UnitShift { unit, shift } => match anchor {
                Some(anchor) => unit_containing(anchor, unit, shift),
                None => unknown_unit(unit),
            },
            Expr::Ago { amount, unit, sign } => {
                let Some(anchor) = anchor else {
                    return Some(Resolved::reference(if sign < 0 { "PAST_REF" } else { "FUTURE_REF" }));
                };
                let Some(amount) = amount else {
                    return Some(Resolved::reference(if sign < 0 { "PAST_REF" } else { "FUTURE_REF" }));
                };
                let n = amount as i32 * sign;
                if unit == Unit::Year {
                    if let Some(shifted) = self.shift_previous(n) {
                        return Some(shifted);
                    }
                }
                match unit {
                    Unit::Second | Unit::Minute | Unit::Hour => unit_containing(anchor, Unit::Day, 0),
                    Unit::Day | Unit::Week | Unit::Weekend => {
                        let step = if unit == Unit::Day { 1 } else { 7 };
                        let d = anchor + n * step;
                        Resolved::date(day_value(d), Some((d, d)), Granularity::Day)
                    }
                    Unit::Decade => year_date(calendar::ymd(anchor).0 + n * 10),
                    Unit::Century => year_date(calendar::ymd(anchor).0 + n * 100),
                    _ => unit_containing(anchor, unit, n),
                }
            }
            Expr::PreviousShift { years, unit } => match self.shift_previous(years) {
                Some(shifted) => shifted,
                None => match anchor {
                    Some(anchor) => {
                        let latest = self.latest(anchor, unit);
                        shift_years(&latest, years).unwrap_or(latest)
                    }
                    None => unknown_unit(unit),
                },
            },
            Expr::PeriodOfYear(year) => match self.previous_period {
                Some((Granularity::Quarter, _, quarter)) => quarter_date(year, quarter),
                _ => year_date(year),
            },
            Expr::LatestPeriod { unit } => match (self.previous_period, anchor) {
                (Some((Granularity::Quarter, year, quarter)), _) if unit == Unit::Quarter => quarter_date(year, quarter),
                (_, Some(anchor)) => self.latest(anchor, unit),
                (_, None) => unknown_unit(unit),
            },
            Expr::Reference(reference) => Resolved::reference(match reference {
                Reference::Past => "PAST_REF",
                Reference::Present => "PRESENT_REF",
                Reference::Future => "FUTURE_REF",
            }),
            Expr::Duration { amount, unit, half } => duration(amount, unit, half),
            Expr::Set(ref value) => Resolved { kind: TimexKind::Set, value: value.clone(), days: None, granularity: None },
            Expr::Clock { hour, minute, ref on } => {
                let day = match on {
                    Some(on) => self.resolve_inner(on, lean)?,
                    None => match anchor {
                        Some(anchor) => Resolved::date(day_value(anchor), Some((anchor, anchor)), Granularity::Day),
                        None => Resolved::date("XXXX-XX-XX".to_string(), None, Granularity::Day),
                    },
                };
                Resolved {
                    kind: TimexKind::Time,
                    value: format!("{}T{hour:02}:{minute:02}", day.value),
                    days: day.days,
                    granularity: Some(Granularity::Time),
                }
            }
            Expr::Range(ref from, ref to) => {
                let from = self.resolve_inner(from, lean)?;
                let to = self.resolve_inner(to, lean)?;
                let days = match (from.days, to.days) {
                    (Some((first, _)), Some((_, last))) if first <= last => Some((first, last)),
                    _ => None,
                };
                Resolved { kind: TimexKind::Date, value: format!("{}/{}", from.value, to.value), days, granularity: from.granularity }
            }
        })
    }

    /// The year of a partial date: written, shifted from the anchor's, or
    /// chosen among the anchor's year and its neighbours by `lean`, with
    /// `span` giving the days the period covers in a candidate year.
    fn year_for(&self, spec: YearSpec, lean: Lean, span: impl Fn(i32) -> Option<(i32, i32)>) -> Option<i32> {
        let anchor = self.anchor;
        match spec {
            YearSpec::Known(year) => Some(year),
            YearSpec::Shift(shift) => anchor.map(|a| calendar::ymd(a).0 + shift),
            YearSpec::Implicit => {
                let anchor = anchor?;
                let base = calendar::ymd(anchor).0;
                let candidates = (base - 1..=base + 1).filter_map(|y| span(y).map(|s| (y, s)));
                match lean {
                    Lean::Past => candidates.filter(|(_, (first, _))| *first <= anchor).map(|(y, _)| y).max(),
                    Lean::Future => candidates.filter(|(_, (_, last))| *last >= anchor).map(|(y, _)| y).min(),
                    Lean::Nearest | Lean::TensePast | Lean::TenseFuture => candidates
                        .min_by_key(|(y, (first, last))| {
                            let (ahead, behind) = match lean {
                                Lean::TensePast => (4, 1),
                                Lean::TenseFuture => (1, 4),
                                // Without a tense, news mostly reports
                                // what has happened.
                                _ => (2, 1),
                            };
                            let distance = if anchor < *first {
                                (*first - anchor) * ahead
                            } else if anchor > *last {
                                (anchor - *last) * behind
                            } else {
                                0
                            };
                            // Ties go to the past: news reports what happened.
                            (distance, -*y)
                        })
                        .map(|(y, _)| y),
                }
            }
        }
    }

    /// The year of a quarter or half without one: the anchor's, unless the
    /// tense puts it wholly on the other side of the anchor.
    fn period_year(&self, spec: YearSpec, lean: Lean, span: impl Fn(i32) -> (i32, i32)) -> Option<i32> {
        match spec {
            YearSpec::Implicit => {
                let anchor = self.anchor?;
                let year = calendar::ymd(anchor).0;
                let (first, last) = span(year);
                // Financial news speaks of the current year's quarters in
                // every tense ("expects to report third-quarter net"), so
                // only words that say so move them.
                Some(match lean {
                    Lean::Past if first > anchor => year - 1,
                    Lean::Future if last < anchor => year + 1,
                    _ => year,
                })
            }
            other => self.year_for(other, lean, |y| Some(span(y))),
        }
    }

    /// The last quarter or half mentioned, `years` years away.
    fn shift_previous(&self, years: i32) -> Option<Resolved> {
        let (granularity, year, part) = self.previous_period?;
        Some(match granularity {
            Granularity::Quarter => quarter_date(year + years, part),
            _ => Resolved::date(format!("{:04}-H{part}", year + years), Some(calendar::half_span(year + years, part)), Granularity::Half),
        })
    }

    /// The latest whole unit before the anchor's ("the latest quarter" in
    /// October is the third).
    fn latest(&self, anchor: i32, unit: Unit) -> Resolved {
        match unit {
            Unit::Quarter => {
                let (year, month, _) = calendar::ymd(anchor);
                let (year, month) = calendar::add_months(year, month, -3);
                quarter_date(year, calendar::quarter_of(month))
            }
            other => unit_containing(anchor, other, 0),
        }
    }
}

fn shift_years(resolved: &Resolved, years: i32) -> Option<Resolved> {
    let (first, _) = resolved.days?;
    let (year, month, _) = calendar::ymd(first);
    Some(match resolved.granularity? {
        Granularity::Quarter => quarter_date(year + years, calendar::quarter_of(month)),
        _ => year_date(year + years),
    })
}

fn year_date(year: i32) -> Resolved {
    Resolved::date(format!("{year:04}"), Some(calendar::year_span(year)), Granularity::Year)
}

fn quarter_date(year: i32, quarter: u32) -> Resolved {
    Resolved::date(format!("{year:04}-Q{quarter}"), Some(calendar::quarter_span(year, quarter)), Granularity::Quarter)
}

fn season_date(year: i32, season: Season) -> Resolved {
    Resolved::date(format!("{year:04}-{}", season.code()), Some(calendar::season_span(year, season)), Granularity::Season)
}

fn century_date(hundreds: i32) -> Resolved {
    let first = hundreds * 100;
    Resolved::date(
        format!("{hundreds:02}"),
        Some((calendar::year_span(first).0, calendar::year_span(first + 99).1)),
        Granularity::Century,
    )
}

/// The unit containing `anchor`, moved by `shift` units.
fn unit_containing(anchor: i32, unit: Unit, shift: i32) -> Resolved {
    let (year, month, _) = calendar::ymd(anchor);
    match unit {
        Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => {
            let d = anchor + shift;
            Resolved::date(day_value(d), Some((d, d)), Granularity::Day)
        }
        Unit::Week => {
            let monday = calendar::week_start(anchor) + 7 * shift;
            Resolved::date(week_value(monday), Some((monday, monday + 6)), Granularity::Week)
        }
        Unit::Weekend => {
            // The weekend before a weekday's date is the one just past.
            let monday = calendar::week_start(anchor) + 7 * shift;
            let saturday = if shift == 0 && calendar::weekday(anchor) < 6 { monday - 2 } else { monday + 5 };
            Resolved::date(format!("{}-WE", week_value(saturday)), Some((saturday, saturday + 1)), Granularity::Week)
        }
        Unit::Month => {
            let (year, month) = calendar::add_months(year, month, shift);
            Resolved::date(month_value(year, month), Some(calendar::month_span(year, month)), Granularity::Month)
        }
        Unit::Quarter => {
            let (year, month) = calendar::add_months(year, month, shift * 3);
            quarter_date(year, calendar::quarter_of(month))
        }
        Unit::Year => year_date(year + shift),
        Unit::Decade => {
            let first = (year.div_euclid(10) + shift) * 10;
            Resolved::date(
                format!("{:03}X", first / 10),
                Some((calendar::year_span(first).0, calendar::year_span(first + 9).1)),
                Granularity::Decade,
            )
        }
        Unit::Century => century_date(year.div_euclid(100) + shift),
    }
}

/// The TIMEX3 value of a unit whose place is unknown (no document date).
fn unknown_unit(unit: Unit) -> Resolved {
    let (value, granularity) = match unit {
        Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => ("XXXX-XX-XX", Granularity::Day),
        Unit::Week => ("XXXX-WXX", Granularity::Week),
        Unit::Weekend => ("XXXX-WXX-WE", Granularity::Week),
        Unit::Month => ("XXXX-XX", Granularity::Month),
        Unit::Quarter => ("XXXX-QX", Granularity::Quarter),
        Unit::Year => ("XXXX", Granularity::Year),
        Unit::Decade => ("XXX", Granularity::Decade),
        Unit::Century => ("XX", Granularity::Century),
    };
    Resolved::date(value.to_string(), None, granularity)
}

/// The day with that weekday near `anchor`: a stated shift (last Friday:
/// strictly before; next Friday: strictly after; this Friday: in the
/// anchor's week) or else the tense.
fn weekday_near(anchor: i32, weekday: u32, shift: Option<i32>, lean: Lean) -> i32 {
    let back = (calendar::weekday(anchor) as i32 - weekday as i32).rem_euclid(7);
    let on_or_before = anchor - back;
    let on_or_after = if back == 0 { anchor } else { on_or_before + 7 };
    match shift {
        Some(-1) => if back == 0 { anchor - 7 } else { on_or_before },
        Some(1) => if back == 0 { anchor + 7 } else { on_or_after },
        Some(_) => calendar::week_start(anchor) + weekday as i32 - 1,
        None => match lean {
            Lean::Past | Lean::TensePast => on_or_before,
            Lean::Future | Lean::TenseFuture => on_or_after,
            // Without a tense, news mostly reports days just past.
            Lean::Nearest => if back <= 4 { on_or_before } else { on_or_after },
        },
    }
}

/// `P2Y`, `PXM`, `PT5H`.
fn duration(amount: Option<u32>, unit: Unit, half: bool) -> Resolved {
    let granularity = match unit {
        Unit::Second | Unit::Minute | Unit::Hour => Granularity::Time,
        Unit::Day => Granularity::Day,
        Unit::Week | Unit::Weekend => Granularity::Week,
        Unit::Month => Granularity::Month,
        Unit::Quarter => Granularity::Quarter,
        Unit::Year => Granularity::Year,
        Unit::Decade => Granularity::Decade,
        Unit::Century => Granularity::Century,
    };
    // "the last twenty four hours" is a day.
    let (amount, unit) = match (amount, unit) {
        (Some(n), Unit::Hour) if n > 0 && n % 24 == 0 && !half => (Some(n / 24), Unit::Day),
        other => other,
    };
    let (letter, is_time) = unit.duration_letter();
    let count = amount.map_or_else(|| "X".to_string(), |n| n.to_string());
    let mut value = format!("P{}{count}{letter}", if is_time { "T" } else { "" });
    if half && amount.is_some() {
        // "2 1/2 years": the half in the next smaller unit.
        match unit {
            Unit::Year => value.push_str("6M"),
            Unit::Hour => value.push_str("30M"),
            Unit::Day => value.push_str("T12H"),
            _ => {}
        }
    }
    Resolved { kind: TimexKind::Duration, value, days: None, granularity: Some(granularity) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, m: u32, d: u32) -> Resolver {
        Resolver::new(Some(calendar::day(y, m, d)))
    }

    fn value(resolver: &mut Resolver, expr: Expr, lean: Lean) -> String {
        resolver.resolve(&expr, lean).map(|r| r.value).unwrap_or_default()
    }

    #[test]
    fn month_days_take_the_year_by_tense() {
        let mut r = at(2000, 2, 17);
        let dec15 = Expr::Day { year: YearSpec::Implicit, month: 12, day: 15 };
        assert_eq!(value(&mut r, dec15.clone(), Lean::Nearest), "1999-12-15");
        assert_eq!(value(&mut r, dec15.clone(), Lean::Future), "2000-12-15");
        let mut undated = Resolver::new(None);
        assert_eq!(value(&mut undated, dec15, Lean::Nearest), "XXXX-12-15");
        let may = Expr::Month { year: YearSpec::Implicit, month: 5 };
        assert_eq!(value(&mut at(2000, 12, 20), may, Lean::Past), "2000-05");
    }

    #[test]
    fn weekdays_follow_tense_and_shift() {
        // 1989-10-30 is a Monday.
        let mut r = at(1989, 10, 30);
        let friday = |shift| Expr::Weekday { weekday: 5, shift, part: None };
        assert_eq!(value(&mut r, friday(None), Lean::Past), "1989-10-27");
        assert_eq!(value(&mut r, friday(None), Lean::Future), "1989-11-03");
        assert_eq!(value(&mut r, friday(Some(-1)), Lean::Nearest), "1989-10-27");
        assert_eq!(value(&mut r, Expr::Weekday { weekday: 1, shift: None, part: None }, Lean::Past), "1989-10-30");
    }

    #[test]
    fn shifts_follow_the_last_period() {
        let mut r = at(1989, 10, 26);
        let year_ago = Expr::Ago { amount: Some(1), unit: Unit::Year, sign: -1 };
        assert_eq!(value(&mut r, year_ago.clone(), Lean::Past), "1988");
        assert_eq!(value(&mut r, Expr::Quarter { year: YearSpec::Implicit, quarter: 3 }, Lean::Past), "1989-Q3");
        assert_eq!(value(&mut r, year_ago, Lean::Past), "1988-Q3");
        assert_eq!(value(&mut r, Expr::UnitShift { unit: Unit::Week, shift: -1 }, Lean::Past), "1989-W42");
        assert_eq!(value(&mut r, Expr::Duration { amount: None, unit: Unit::Month, half: false }, Lean::Past), "PXM");
        assert_eq!(value(&mut r, Expr::Decade(1990), Lean::Past), "199X");
    }
}
