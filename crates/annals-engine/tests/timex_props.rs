//! The tagger accepts any text: no panic, and every span lies on character
//! boundaries, in order, without overlaps.
#![cfg(feature = "build")]

use annals_engine::ingest::timex::find_mentions;
use proptest::prelude::*;

/// Pieces that make the scanner's rules fire, mixed with odd characters,
/// so random text reaches deep into them.
const PIECES: &[&str] = &[
    "January", "Jan.", "May", "March", "31", "-", "–", "February", "2", ",", "2000", "1999", "'", "’", "90", "s",
    "the", "last", "next", "this", "past", "week", "year", "years", "ago", "earlier", "two", "twenty", "four",
    "hours", "Friday", "night", "spring", "of", "third", "quarter", "half", "1/2", "/", "6", "28", "th", "10",
    ":", "35", "a", ".", "m", "p", "EST", "every", "each", "daily", "now", "recently", "future", "year-ago",
    "mid", "early", "late", "fiscal", "nineteen", "ninety", "thousand", "century", "20", "é", "漢", "\u{0}",
    " ", "  ", "\n", "$", "%", "999999999999", "0", "00", "9999",
];

fn assert_well_formed(text: &str, anchor: Option<i32>) {
    let mentions = find_mentions(text, anchor);
    let mut at = 0usize;
    for m in mentions {
        let (start, end) = (m.start as usize, m.end as usize);
        assert!(at <= start && start < end && end <= text.len(), "{text:?}: {start}..{end} after {at}");
        assert!(text.is_char_boundary(start) && text.is_char_boundary(end), "{text:?}: {start}..{end}");
        if let (Some(first), Some(last)) = (m.first_day, m.last_day) {
            assert!(first <= last, "{text:?}: {m:?}");
        }
        at = end;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}", anchor in proptest::option::of(-800_000i32..800_000)) {
        assert_well_formed(&text, anchor);
    }

    #[test]
    fn date_like_text_never_panics(
        pieces in proptest::collection::vec((0..PIECES.len(), prop::bool::ANY), 0..40),
        anchor in proptest::option::of(-800_000i32..800_000),
    ) {
        let mut text = String::new();
        for (piece, space) in pieces {
            text.push_str(PIECES[piece]);
            if space {
                text.push(' ');
            }
        }
        assert_well_formed(&text, anchor);
    }
}
