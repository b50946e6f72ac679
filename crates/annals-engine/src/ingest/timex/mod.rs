//! Dates mentioned in running English text: finding temporal expressions
//! and resolving them, TIMEX3-style, against the document's own date.
//!
//! "On January 20" in a story of 2000-02-09 is `2000-01-20`; "yesterday" in
//! one of 2000-02-17 is `2000-02-16`; "this past May" in December 2000 is
//! `2000-05`; "two years" is the duration `P2Y`; "now" is `PRESENT_REF`.
//!
//! The work is split by concept:
//! - `tokens.rs` — one pass over the bytes into words, numbers and
//!   punctuation, with their glue (no whitespace between);
//! - `lexicon.rs` — the words: months, weekdays, seasons, units, numbers;
//! - `scan.rs` — the scanner (longest expression at each token) and the
//!   rules of words and deictic phrases ("last week", "the future");
//! - `named.rs`, `numeric.rs` — rules built on calendar names and on
//!   numbers;
//! - `expr.rs` — what an expression says; `tense.rs` — whether the sentence
//!   points back or ahead; `resolve.rs` and `calendar.rs` — values and day
//!   spans.
//!
//! It is a token scanner with no backtracking over the text, cheap enough
//! to run on every document at build time.

mod calendar;
mod expr;
mod lexicon;
mod named;
mod numeric;
mod resolve;
mod scan;
mod tense;
mod tokens;

use crate::mention::Mention;

use self::resolve::Resolver;
use self::scan::Tokens;

/// Every temporal expression in `text`, in order and without overlaps,
/// resolved against `anchor`, the document's day (days since 1970-01-01);
/// without one, values keep only what the text itself says (`XXXX-12-15`).
///
/// Offsets are bytes into `text` and always fall on character boundaries.
/// Any text is accepted: nothing here panics on odd input.
pub fn find_mentions(text: &str, anchor: Option<i32>) -> Vec<Mention> {
    let tokens = tokens::tokenize(text);
    let t = Tokens::new(&tokens);
    let mut resolver = Resolver::new(anchor);
    let mut mentions = Vec::new();
    for found in scan::scan(&t) {
        let (Some(first), Some(last)) = (tokens.get(found.first), found.end.checked_sub(1).and_then(|e| tokens.get(e))) else {
            continue;
        };
        let lean = found.lean.unwrap_or_else(|| tense::lean_around(&t, found.first, found.end));
        let Some(resolved) = resolver.resolve(&found.expr, lean) else { continue };
        mentions.push(Mention {
            start: first.start as u32,
            end: last.end as u32,
            kind: resolved.kind,
            value: resolved.value,
            first_day: resolved.days.map(|(first, _)| first),
            last_day: resolved.days.map(|(_, last)| last),
            granularity: resolved.granularity,
        });
    }
    mentions
}

#[cfg(test)]
mod tests;
