//! The tense around an expression, which places an unstated year or week:
//! "Ivanov met him on Friday" is the Friday before the story, "will meet on
//! Friday" the one after.
//!
//! A look at the nearest verb-like word on either side within the
//! sentence is enough for news text; the nearest marker wins.

use super::expr::Lean;
use super::scan::Tokens;
use super::tokens::Kind;

/// How far to look on each side, in tokens.
const REACH: usize = 10;

/// The lean of the sentence around tokens `first..end`.
pub(super) fn lean_around(t: &Tokens, first: usize, end: usize) -> Lean {
    // A deadline points ahead whatever the verb: "postponed until
    // Tuesday", "must return by Jan. 14", "as soon as Tuesday".
    let before = |back: usize| first.checked_sub(back).map_or("", |i| t.key(i));
    if matches!(before(1), "until" | "by" | "till") || (before(1) == "as" && before(2) == "soon") {
        return Lean::TenseFuture;
    }
    let mut best: Option<(usize, Lean)> = None;
    fn consider(best: &mut Option<(usize, Lean)>, distance: usize, lean: Option<Lean>) {
        if let Some(lean) = lean {
            if best.is_none_or(|(d, _)| distance < d) {
                *best = Some((distance, lean));
            }
        }
    }
    // Backwards from the expression.
    let mut i = first;
    let mut distance = 0;
    while i > 0 && distance < REACH {
        i -= 1;
        distance += 1;
        if ends_clause(t, i) {
            break;
        }
        consider(&mut best, distance, marker(t, i));
        if best.is_some_and(|(d, _)| d <= distance) {
            break;
        }
    }
    // Forwards.
    let mut i = end;
    let mut distance = 0;
    while i < t.len() && distance < REACH {
        distance += 1;
        if ends_clause(t, i) || t.get(i).is_some_and(|x| x.new_line) {
            break;
        }
        consider(&mut best, distance, marker(t, i));
        i += 1;
    }
    best.map_or(Lean::Nearest, |(_, lean)| lean)
}

fn ends_clause(t: &Tokens, i: usize) -> bool {
    matches!(t.get(i).map(|x| x.kind), Some(Kind::Punct('.' | '!' | '?' | ';')))
}

/// Whether the word at `i` marks the past or the future.
fn marker(t: &Tokens, i: usize) -> Option<Lean> {
    let key = t.key(i);
    match key {
        "will" | "shall" | "ll" | "upcoming" | "scheduled" | "plans" | "planning" | "expects" | "tomorrow" => {
            return Some(Lean::TenseFuture)
        }
        "going" if t.is(i + 1, "to") => return Some(Lean::TenseFuture),
        "was" | "were" | "had" | "did" | "said" | "ago" | "met" | "came" | "went" | "began" | "took" | "made" | "rose"
        | "fell" | "gave" | "won" | "lost" | "left" | "held" | "saw" | "sold" | "bought" | "paid" | "told" | "got"
        | "became" | "found" | "thought" | "brought" | "kept" | "spent" | "struck" | "wrote" | "spoke" | "yesterday"
        | "earlier" | "last" | "ended" | "fled" | "led" | "sent" | "won't" | "ran" | "grew" | "knew" | "chose" => {
            return Some(Lean::TensePast)
        }
        _ => {}
    }
    if key.len() >= 5 && key.ends_with("ed") && !matches!(key, "indeed" | "need" | "speed" | "based" | "proceed" | "exceed" | "succeed" | "feed" | "seed" | "breed" | "bleed" | "hundred" | "united" | "limited" | "expected" | "scheduled" | "planned") {
        // A past form, unless an auxiliary of the future governs it ("will
        // be delayed"): the auxiliary is then the nearer marker or the
        // word before.
        if matches!(t.key(i.wrapping_sub(1)), "be" | "been") && matches!(t.key(i.wrapping_sub(2)), "will" | "to" | "would") {
            return Some(Lean::TenseFuture);
        }
        return Some(Lean::TensePast);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    fn lean_of(text: &str, word: &str) -> Lean {
        let tokens = tokenize(text);
        let t = Tokens::new(&tokens);
        let i = (0..t.len()).find(|&i| t.is(i, word)).expect("word present");
        lean_around(&t, i, i + 1)
    }

    #[test]
    fn nearest_marker_wins() {
        assert_eq!(lean_of("Ivanov met him on Friday.", "friday"), Lean::TensePast);
        assert_eq!(lean_of("Ivanov will meet him on Friday.", "friday"), Lean::TenseFuture);
        assert_eq!(lean_of("The talks are on Friday.", "friday"), Lean::Nearest);
        assert_eq!(lean_of("It was postponed until Friday.", "friday"), Lean::TenseFuture);
        assert_eq!(lean_of("He said. The talks will open Friday", "friday"), Lean::TenseFuture);
    }
}
