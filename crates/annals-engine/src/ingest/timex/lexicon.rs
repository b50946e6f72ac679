//! The words of temporal expressions: month and weekday names, seasons,
//! units, ordinals and numbers written as words.
//!
//! Every lookup takes a token's lowercased key (see `tokens.rs`) and is a
//! `match`, which the compiler turns into a few length and byte
//! comparisons: no tables to build, nothing to allocate.

/// Month number (1–12) of a month name or its usual abbreviation. Whether
/// an abbreviation or an ambiguous word ("may", "march") really is a month
/// is the caller's decision.
pub(super) fn month(key: &str) -> Option<u32> {
    Some(match key {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

/// Whether a month key is a full name (not an abbreviation).
pub(super) fn is_full_month_name(key: &str) -> bool {
    key.len() > 4 || matches!(key, "may" | "june" | "july")
}

/// Month names that are also common English words ("may", "march"): they
/// read as months only with a capital and a date-like neighbour.
pub(super) fn is_ambiguous_month(key: &str) -> bool {
    matches!(key, "may" | "march")
}

/// ISO weekday number (Monday 1 … Sunday 7) of a weekday name or its
/// abbreviation.
pub(super) fn weekday(key: &str) -> Option<u32> {
    Some(match key {
        "monday" | "mon" => 1,
        "tuesday" | "tue" | "tues" => 2,
        "wednesday" | "wed" => 3,
        "thursday" | "thu" | "thur" | "thurs" => 4,
        "friday" | "fri" => 5,
        "saturday" | "sat" => 6,
        "sunday" | "sun" => 7,
        _ => return None,
    })
}

/// Whether a weekday key is the full name: abbreviations are only trusted
/// beside a date.
pub(super) fn is_full_weekday_name(key: &str) -> bool {
    key.len() >= 6
}

/// A season, with its TIMEX3 code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Season {
    /// March–May, `SP`.
    Spring,
    /// June–August, `SU`.
    Summer,
    /// September–November, `FA`.
    Fall,
    /// December–February, `WI`; the year is the one it starts in.
    Winter,
}

impl Season {
    /// The TIMEX3 code.
    pub fn code(self) -> &'static str {
        match self {
            Season::Spring => "SP",
            Season::Summer => "SU",
            Season::Fall => "FA",
            Season::Winter => "WI",
        }
    }

    /// The first month of the season.
    pub fn first_month(self) -> u32 {
        match self {
            Season::Spring => 3,
            Season::Summer => 6,
            Season::Fall => 9,
            Season::Winter => 12,
        }
    }
}

/// A season name.
pub(super) fn season(key: &str) -> Option<Season> {
    Some(match key {
        "spring" => Season::Spring,
        "summer" => Season::Summer,
        "fall" | "autumn" => Season::Fall,
        "winter" => Season::Winter,
        _ => return None,
    })
}

/// Calendar units, from the smallest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Unit {
    /// Seconds.
    Second,
    /// Minutes.
    Minute,
    /// Hours.
    Hour,
    /// Days.
    Day,
    /// Weeks.
    Week,
    /// Weekends (two days).
    Weekend,
    /// Months.
    Month,
    /// Quarters.
    Quarter,
    /// Years.
    Year,
    /// Decades.
    Decade,
    /// Centuries.
    Century,
}

impl Unit {
    /// The letter of the unit in a TIMEX3 duration (`P2Y`, `PT3H`), and
    /// whether it belongs after the `T`.
    pub fn duration_letter(self) -> (&'static str, bool) {
        match self {
            Unit::Second => ("S", true),
            Unit::Minute => ("M", true),
            Unit::Hour => ("H", true),
            Unit::Day => ("D", false),
            Unit::Week => ("W", false),
            Unit::Weekend => ("WE", false),
            Unit::Month => ("M", false),
            Unit::Quarter => ("Q", false),
            Unit::Year => ("Y", false),
            Unit::Decade => ("DE", false),
            Unit::Century => ("CE", false),
        }
    }
}

/// A unit word, singular or plural, and whether it was plural.
pub(super) fn unit(key: &str) -> Option<(Unit, bool)> {
    Some(match key {
        "second" => (Unit::Second, false),
        "seconds" => (Unit::Second, true),
        "minute" => (Unit::Minute, false),
        "minutes" => (Unit::Minute, true),
        "hour" => (Unit::Hour, false),
        "hours" => (Unit::Hour, true),
        "day" => (Unit::Day, false),
        "days" => (Unit::Day, true),
        "week" => (Unit::Week, false),
        "weeks" => (Unit::Week, true),
        "weekend" => (Unit::Weekend, false),
        "weekends" => (Unit::Weekend, true),
        "month" => (Unit::Month, false),
        "months" => (Unit::Month, true),
        "quarter" => (Unit::Quarter, false),
        "quarters" => (Unit::Quarter, true),
        "year" => (Unit::Year, false),
        "years" => (Unit::Year, true),
        "decade" => (Unit::Decade, false),
        "decades" => (Unit::Decade, true),
        "century" => (Unit::Century, false),
        "centuries" => (Unit::Century, true),
        _ => return None,
    })
}

/// Ordinal words and suffixed numbers' suffixes: `third` → 3.
pub(super) fn ordinal(key: &str) -> Option<u32> {
    Some(match key {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        "eleventh" => 11,
        "twelfth" => 12,
        "thirteenth" => 13,
        "fourteenth" => 14,
        "fifteenth" => 15,
        "sixteenth" => 16,
        "seventeenth" => 17,
        "eighteenth" => 18,
        "nineteenth" => 19,
        "twentieth" => 20,
        "twentyfirst" => 21,
        _ => return None,
    })
}

/// Whether a glued word after a number makes it an ordinal (`28th`).
pub(super) fn is_ordinal_suffix(key: &str) -> bool {
    matches!(key, "st" | "nd" | "rd" | "th" | "d")
}

/// Numbers 0–19 written as words.
pub(super) fn small_number(key: &str) -> Option<u32> {
    Some(match key {
        "zero" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        _ => return None,
    })
}

/// Tens written as words: `twenty` → 20.
pub(super) fn tens(key: &str) -> Option<u32> {
    Some(match key {
        "twenty" => 20,
        "thirty" => 30,
        "forty" | "fourty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

/// Words that stand for an amount nobody counted ("several months"):
/// TIMEX3 writes it `X`.
pub(super) fn is_vague_amount(key: &str) -> bool {
    matches!(key, "several" | "few" | "many" | "some" | "numerous")
}

/// Parts of a day and their TIMEX3 codes.
pub(super) fn part_of_day(key: &str) -> Option<&'static str> {
    Some(match key {
        "morning" => "TMO",
        "afternoon" => "TAF",
        "evening" => "TEV",
        "night" => "TNI",
        _ => return None,
    })
}

/// Nouns that, after a four-digit number, show it counts things rather
/// than naming a year ("1990 people").
pub(super) fn is_counted_noun(key: &str) -> bool {
    matches!(
        key,
        "people"
            | "persons"
            | "shares"
            | "troops"
            | "soldiers"
            | "tons"
            | "tonnes"
            | "miles"
            | "feet"
            | "yards"
            | "meters"
            | "metres"
            | "acres"
            | "cars"
            | "units"
            | "dollars"
            | "yen"
            | "marks"
            | "francs"
            | "pounds"
            | "barrels"
            | "bpd"
            | "votes"
            | "jobs"
            | "workers"
            | "employees"
            | "points"
            | "members"
            | "times"
            | "copies"
            | "hectares"
            | "kilometers"
            | "km"
            | "kg"
            | "mln"
            | "billion"
            | "million"
            | "pct"
            | "percent"
            | "cts"
            | "dlrs"
            | "stg"
            | "lbs"
            | "bushels"
            | "ounces"
            | "oz"
            | "rooms"
            | "homes"
            | "houses"
            | "students"
            | "children"
            | "men"
            | "women"
            | "cases"
            | "deaths"
    )
}
