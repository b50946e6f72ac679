//! Mentioned dates for people: a TIMEX3 value written as a reader says it
//! ("1999-SP" → "spring 1999"), the `mentions:` term the Mentioned timeline
//! puts in the query, and how a reader's text is cut where query hits and
//! date mentions begin and end (they may overlap).

use annals_engine::date::{civil_from_days, days_from_civil, iso_day};
use annals_engine::mention::Granularity;
use annals_engine::Mention;

const MONTHS: [&str; 12] =
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/// The unit a mention is stated in, as a word: "day", "season", "half year".
pub fn precision_name(granularity: Option<Granularity>) -> &'static str {
    match granularity {
        Some(Granularity::Time) => "time of day",
        Some(Granularity::Day) => "day",
        Some(Granularity::Week) => "week",
        Some(Granularity::Month) => "month",
        Some(Granularity::Season) => "season",
        Some(Granularity::Quarter) => "quarter",
        Some(Granularity::Half) => "half year",
        Some(Granularity::Year) => "year",
        Some(Granularity::Decade) => "decade",
        Some(Granularity::Century) => "century",
        None => "vague",
    }
}

/// "20 January 2000".
fn long_day(day: i32) -> String {
    let (y, m, d) = civil_from_days(day);
    format!("{d} {} {y}", MONTHS[(m - 1) as usize])
}

/// "11 Dec 2000".
fn short_day(day: i32) -> String {
    annals_engine::DocDate::on_day(day, annals_engine::DateSource::Metadata).display()
}

fn number(text: &str) -> Option<i32> {
    (!text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())).then(|| text.parse().ok()).flatten()
}

/// One TIMEX3 value (no interval) written for a reader, or `None` when its
/// form is not one the tagger writes.
fn describe_value(value: &str) -> Option<String> {
    let (date, time) = match value.split_once('T') {
        Some((date, time)) => (date, Some(time)),
        None => (value, None),
    };
    let parts: Vec<&str> = date.split('-').collect();
    let text = match parts.as_slice() {
        [y] if y.len() == 4 && y.ends_with('X') => format!("the {}0s", number(&y[..3])?),
        [y] if y.len() == 4 => number(y)?.to_string(),
        [y] if y.len() == 2 => {
            let hundreds = number(y)?;
            let ordinal = ordinal(hundreds + 1);
            format!("the {ordinal} century")
        }
        [y, m] if m.len() == 2 && m.bytes().all(|b| b.is_ascii_digit()) => {
            let month = number(m)?;
            format!("{} {}", MONTHS.get(usize::try_from(month).ok()?.checked_sub(1)?)?, number(y)?)
        }
        [y, season @ ("SP" | "SU" | "FA" | "AU" | "WI")] => {
            let name = match *season {
                "SP" => "spring",
                "SU" => "summer",
                "WI" => "winter",
                _ => "autumn",
            };
            format!("{name} {}", number(y)?)
        }
        [y, q] if q.len() == 2 && q.starts_with('Q') => {
            let n = number(&q[1..])?;
            format!("{} quarter of {}", ["first", "second", "third", "fourth"].get(usize::try_from(n).ok()?.checked_sub(1)?)?, number(y)?)
        }
        [y, h] if h.len() == 2 && h.starts_with('H') => {
            let n = number(&h[1..])?;
            format!("{} half of {}", ["first", "second"].get(usize::try_from(n).ok()?.checked_sub(1)?)?, number(y)?)
        }
        [y, w, rest @ ..] if w.len() == 3 && w.starts_with('W') && rest.len() <= 1 => {
            let monday = iso_week_monday(number(y)?, number(&w[1..])?)?;
            match rest {
                [] => format!("week of {}", short_day(monday)),
                ["WE"] => format!("weekend of {}", short_day(monday + 5)),
                _ => return None,
            }
        }
        [y, m, d] => {
            let (y, m, d) = (number(y)?, u32::try_from(number(m)?).ok()?, u32::try_from(number(d)?).ok()?);
            if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
                return None;
            }
            long_day(days_from_civil(y, m, d))
        }
        _ => return None,
    };
    Some(match time {
        None => text,
        Some("MO") => format!("morning of {text}"),
        Some("AF") => format!("afternoon of {text}"),
        Some("EV") => format!("evening of {text}"),
        Some("NI") => format!("night of {text}"),
        Some(clock) if clock.len() == 5 && clock.as_bytes()[2] == b':' => format!("{text}, {clock}"),
        Some(_) => return None,
    })
}

fn ordinal(n: i32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// The Monday of ISO week `week` of `year`.
fn iso_week_monday(year: i32, week: i32) -> Option<i32> {
    if !(1..=53).contains(&week) {
        return None;
    }
    let jan4 = days_from_civil(year, 1, 4);
    // 1970-01-01 was a Thursday: weekday 0 = Monday.
    let weekday = (jan4 + 3).rem_euclid(7);
    Some(jan4 - weekday + (week - 1) * 7)
}

/// A TIMEX3 duration, `P2Y`, `PXW`, `PT3H`: "2 years", "some weeks",
/// "3 hours".
fn describe_duration(value: &str) -> Option<String> {
    let rest = value.strip_prefix('P')?;
    let (rest, time) = match rest.strip_prefix('T') {
        Some(rest) => (rest, true),
        None => (rest, false),
    };
    let (amount, unit) = rest.split_at(rest.find(|c: char| !c.is_ascii_digit() && c != 'X' && c != '.')?);
    let unit = match (unit, time) {
        ("Y", false) => "year",
        ("M", false) => "month",
        ("W", false) => "week",
        ("D", false) => "day",
        ("DE", false) => "decade",
        ("CE", false) => "century",
        ("Q", false) => "quarter",
        ("H", true) => "hour",
        ("M", true) => "minute",
        ("S", true) => "second",
        _ => return None,
    };
    let plural = |unit: &str| if unit == "century" { "centuries".to_string() } else { format!("{unit}s") };
    Some(match amount {
        "X" | "" => format!("some {}", plural(unit)),
        "1" => format!("1 {unit}"),
        n => format!("{n} {}", plural(unit)),
    })
}

/// The period a mention refers to, as a reader writes it: "20 January
/// 2000", "spring 1999", "week of 11 Dec 2000", "31 January 2000 – 2
/// February 2000"; for what names no period, "2 years", "every week",
/// "the present"; a value of another form falls back to its days, then
/// to the value itself.
pub fn describe(mention: &Mention) -> String {
    let value = mention.value.as_str();
    let described = match value {
        "PRESENT_REF" => Some("the present".to_string()),
        "PAST_REF" => Some("the past".to_string()),
        "FUTURE_REF" => Some("the future".to_string()),
        _ if mention.kind == annals_engine::TimexKind::Set => describe_duration(value).map(|d| {
            let d = d.strip_prefix("1 ").map(str::to_string).unwrap_or(d);
            format!("every {d}")
        }),
        _ if value.starts_with('P') => describe_duration(value),
        _ => match value.split_once('/') {
            Some((from, to)) => describe_value(from).zip(describe_value(to)).map(|(a, b)| format!("{a} – {b}")),
            None => describe_value(value),
        },
    };
    described.unwrap_or_else(|| match (mention.first_day, mention.last_day) {
        (Some(a), Some(b)) if a == b => long_day(a),
        (Some(a), Some(b)) => format!("{} – {}", long_day(a), long_day(b)),
        _ => value.to_string(),
    })
}

/// The value as an HTML `datetime` attribute, when it is one (a year,
/// month, day, week or time); seasons, quarters and ranges have none.
pub fn datetime_attribute(value: &str) -> Option<String> {
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let (date, time) = match value.split_once('T') {
        Some((date, time)) => (date, Some(time)),
        None => (value, None),
    };
    let parts: Vec<&str> = date.split('-').collect();
    let date_ok = match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && (digits(m, 2) || (m.len() == 3 && m.starts_with('W') && digits(&m[1..], 2))),
        [y, m, d] => digits(y, 4) && digits(m, 2) && digits(d, 2),
        _ => false,
    };
    match time {
        None if date_ok => Some(value.to_string()),
        Some(clock) if date_ok && parts.len() == 3 && clock.len() == 5 && digits(&clock[..2], 2) && digits(&clock[3..], 2) => {
            Some(value.to_string())
        }
        _ => None,
    }
}

/// The tooltip of a marked date: "Refers to spring 1999 (season; 1999-SP)".
pub fn tooltip(mention: &Mention) -> String {
    format!("Refers to {} ({}; {})", describe(mention), precision_name(mention.granularity), mention.value)
}

/// A day range as short as the query language reads it: `2000`,
/// `2000-01`, `2000-01-20`, or `FROM..TO` with each end as short as it can be.
pub fn range_term(first: i32, last: i32) -> String {
    let (fy, fm, fd) = civil_from_days(first);
    let (ly, lm, ld) = civil_from_days(last);
    let month_end = |y: i32, m: u32| if m == 12 { days_from_civil(y + 1, 1, 1) - 1 } else { days_from_civil(y, m + 1, 1) - 1 };
    let starts_year = fm == 1 && fd == 1;
    let ends_year = lm == 12 && ld == 31;
    let starts_month = fd == 1;
    let ends_month = last == month_end(ly, lm);
    if starts_year && ends_year && fy == ly {
        return format!("{fy:04}");
    }
    if starts_month && ends_month && (fy, fm) == (ly, lm) {
        return format!("{fy:04}-{fm:02}");
    }
    if first == last {
        return iso_day(first);
    }
    let from = if starts_year && ends_year {
        format!("{fy:04}")
    } else if starts_month && ends_month {
        format!("{fy:04}-{fm:02}")
    } else {
        iso_day(first)
    };
    let to = if starts_year && ends_year {
        format!("{ly:04}")
    } else if starts_month && ends_month {
        format!("{ly:04}-{lm:02}")
    } else {
        iso_day(last)
    };
    format!("{from}..{to}")
}

/// Whether a query word is a `mentions:` term.
fn is_mentions_term(word: &str) -> bool {
    word.len() > "mentions:".len() && word[..9].eq_ignore_ascii_case("mentions:")
}

/// `query` with its `mentions:` terms replaced by one for `range` (or just
/// removed, for `None`).
pub fn with_mentions_range(query: &str, range: Option<(i32, i32)>) -> String {
    let mut words: Vec<String> = query.split_whitespace().filter(|w| !is_mentions_term(w)).map(str::to_string).collect();
    if let Some((first, last)) = range {
        words.push(format!("mentions:{}", range_term(first.min(last), first.max(last))));
    }
    words.join(" ")
}

/// The day range of the query's last `mentions:` term, if it reads as one.
pub fn mentions_range(query: &str) -> Option<(i32, i32)> {
    query
        .split_whitespace()
        .rev()
        .find(|w| is_mentions_term(w))
        .and_then(|w| annals_engine::query::parse_date_range(&w[9..]))
}

/// One stretch of a text between consecutive starts and ends of hits and
/// mentions: which hit (by number) and which mention (by number), if any,
/// cover it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Run {
    /// Byte offset of its start.
    pub start: usize,
    /// Byte offset just past it.
    pub end: usize,
    /// The hit covering it.
    pub hit: Option<usize>,
    /// The mention covering it.
    pub mention: Option<usize>,
}

/// Cuts `0..len` of `text` into runs at every start and end of the `hits`
/// and `mentions` (byte ranges, each list in order). A range that is empty,
/// out of order, overlapping one before it in its list, out of bounds or off
/// a character boundary is left out: at worst a mark is lost, never text.
pub fn runs(text: &str, hits: &[(usize, usize)], mentions: &[(usize, usize)]) -> Vec<Run> {
    let clean = |ranges: &[(usize, usize)]| -> Vec<(usize, usize, usize)> {
        let mut kept = Vec::new();
        let mut cursor = 0;
        for (n, &(s, e)) in ranges.iter().enumerate() {
            if s < cursor || s >= e || e > text.len() || !text.is_char_boundary(s) || !text.is_char_boundary(e) {
                continue;
            }
            kept.push((s, e, n));
            cursor = e;
        }
        kept
    };
    let (hits, mentions) = (clean(hits), clean(mentions));
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for &(s, e, _) in hits.iter().chain(&mentions) {
        cuts.push(s);
        cuts.push(e);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let covering = |ranges: &[(usize, usize, usize)], s: usize, e: usize| ranges.iter().find(|r| r.0 <= s && e <= r.1).map(|r| r.2);
    cuts.windows(2)
        .filter(|w| w[0] < w[1])
        .map(|w| Run { start: w[0], end: w[1], hit: covering(&hits, w[0], w[1]), mention: covering(&mentions, w[0], w[1]) })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mention(value: &str, days: Option<(i32, i32)>, granularity: Option<Granularity>) -> Mention {
        Mention {
            start: 0,
            end: 0,
            kind: annals_engine::TimexKind::Date,
            value: value.to_string(),
            first_day: days.map(|d| d.0),
            last_day: days.map(|d| d.1),
            granularity,
        }
    }

    #[test]
    fn values_are_written_for_a_reader() {
        let day = |v| describe(&mention(v, None, None));
        assert_eq!(day("2000-01-20"), "20 January 2000");
        assert_eq!(day("1997-05"), "May 1997");
        assert_eq!(day("1999-SP"), "spring 1999");
        assert_eq!(day("1999-FA"), "autumn 1999");
        assert_eq!(day("1999"), "1999");
        assert_eq!(day("199X"), "the 1990s");
        assert_eq!(day("19"), "the 20th century");
        assert_eq!(day("1989-Q3"), "third quarter of 1989");
        assert_eq!(day("1998-H1"), "first half of 1998");
        assert_eq!(day("2000-W50"), "week of 11 Dec 2000");
        assert_eq!(day("2000-W50-WE"), "weekend of 16 Dec 2000");
        assert_eq!(day("1998-02-13TMO"), "morning of 13 February 1998");
        assert_eq!(day("1998-02-13T10:35"), "13 February 1998, 10:35");
        assert_eq!(day("2000-01-31/2000-02-02"), "31 January 2000 – 2 February 2000");
        assert_eq!(day("P2Y"), "2 years");
        assert_eq!(day("PXW"), "some weeks");
        assert_eq!(day("PT1H"), "1 hour");
        assert_eq!(day("PAST_REF"), "the past");
        assert_eq!(day("XXXX-Q7"), "XXXX-Q7");
        let weekly = Mention { kind: annals_engine::TimexKind::Set, ..mention("P1W", None, None) };
        assert_eq!(describe(&weekly), "every week");
        let odd = mention("2000-XX", Some((days_from_civil(2000, 1, 1), days_from_civil(2000, 1, 1))), None);
        assert_eq!(describe(&odd), "1 January 2000");
        assert_eq!(precision_name(Some(Granularity::Season)), "season");
    }

    #[test]
    fn only_valid_forms_become_datetime_attributes() {
        assert_eq!(datetime_attribute("2000-01-20").as_deref(), Some("2000-01-20"));
        assert_eq!(datetime_attribute("2000-W50").as_deref(), Some("2000-W50"));
        assert_eq!(datetime_attribute("1998-02-13T10:35").as_deref(), Some("1998-02-13T10:35"));
        assert_eq!(datetime_attribute("1999-SP"), None);
        assert_eq!(datetime_attribute("1998-02-13TMO"), None);
        assert_eq!(datetime_attribute("2000-01-31/2000-02-02"), None);
        assert_eq!(datetime_attribute("199X"), None);
    }

    #[test]
    fn mentions_terms_are_short_and_replace_each_other() {
        let d = days_from_civil;
        assert_eq!(range_term(d(2000, 1, 1), d(2000, 12, 31)), "2000");
        assert_eq!(range_term(d(2000, 1, 1), d(2000, 1, 31)), "2000-01");
        assert_eq!(range_term(d(2000, 2, 1), d(2000, 2, 29)), "2000-02");
        assert_eq!(range_term(d(2000, 1, 20), d(2000, 1, 20)), "2000-01-20");
        assert_eq!(range_term(d(1997, 1, 1), d(1999, 12, 31)), "1997..1999");
        assert_eq!(range_term(d(1999, 11, 1), d(2000, 2, 29)), "1999-11..2000-02");
        assert_eq!(range_term(d(2000, 1, 3), d(2000, 1, 9)), "2000-01-03..2000-01-09");
        let once = with_mentions_range("nato mentions:1997", Some((d(2000, 1, 1), d(2000, 1, 31))));
        assert_eq!(once, "nato mentions:2000-01");
        assert_eq!(mentions_range(&once), Some((d(2000, 1, 1), d(2000, 1, 31))));
        assert_eq!(with_mentions_range(&once, None), "nato");
        assert_eq!(with_mentions_range("", Some((d(1997, 1, 1), d(1997, 12, 31)))), "mentions:1997");
        assert_eq!(mentions_range("nato"), None);
    }

    #[test]
    fn hits_and_mentions_overlap_without_losing_text() {
        let text = "On January 20 NATO met";
        // A hit "January" inside the mention "January 20", and one straddling its end.
        let runs = runs(text, &[(3, 10), (11, 18)], &[(3, 13)]);
        let pieces: Vec<(&str, Option<usize>, Option<usize>)> = runs.iter().map(|r| (&text[r.start..r.end], r.hit, r.mention)).collect();
        assert_eq!(
            pieces,
            [
                ("On ", None, None),
                ("January", Some(0), Some(0)),
                (" ", None, Some(0)),
                ("20", Some(1), Some(0)),
                (" NATO", Some(1), None),
                (" met", None, None)
            ]
        );
        assert_eq!(runs.iter().map(|r| &text[r.start..r.end]).collect::<String>(), text);
        // Bad ranges are dropped, not trusted.
        let plain = super::runs("“NATO”", &[(1, 5)], &[(3, 99)]);
        assert_eq!(plain, [Run { start: 0, end: "“NATO”".len(), hit: None, mention: None }]);
    }
}
