//! One small stable sort for lists that are short or off a search's hot
//! path: analytics (facet values, terms, mentions by date), expansions of a
//! query word, a page of hits, and the page's own lists.
//!
//! `slice::sort_by` is fast because each call site gets its own copy of a
//! large, tuned algorithm with the comparison inlined; in the page's
//! WebAssembly that is several kilobytes per call site, which the browser
//! downloads before the first search. Here the algorithm is compiled once:
//! a bottom-up merge sort of positions that asks a `dyn` comparison, and
//! each call site adds only its comparison and the final reordering.
//! Merging postings and choosing the top hits among all matches keep the
//! standard sorts.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, keeping equal items in their order, as
/// `slice::sort_by` does.
pub fn sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    let order = stable_order(items.len(), &mut |a, b| compare(&items[a], &items[b]));
    reorder(items, order);
}

/// Sorts `items` by the key `key` gives each, keeping equal items in their
/// order, as `slice::sort_by_key` does.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// The positions `0..len` in the order `compare` (of two positions) puts
/// them, equal ones in their original order.
fn stable_order(len: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    let mut merged = order.clone();
    let mut width = 1;
    while width < len {
        let mut start = 0;
        while start < len {
            let middle = (start + width).min(len);
            let end = (start + 2 * width).min(len);
            let (mut left, mut right, mut to) = (start, middle, start);
            while left < middle && right < end {
                // The right run's item goes first only when strictly less.
                let take_right = compare(order[right], order[left]) == Ordering::Less;
                merged[to] = if take_right { order[right] } else { order[left] };
                right += usize::from(take_right);
                left += usize::from(!take_right);
                to += 1;
            }
            let rest = if left < middle { left..middle } else { right..end };
            merged[to..to + rest.len()].copy_from_slice(&order[rest]);
            start = end;
        }
        std::mem::swap(&mut order, &mut merged);
        width *= 2;
    }
    order
}

/// Moves `items[order[i]]` to position `i`, cycle by cycle, with swaps.
fn reorder<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..order.len() {
        let mut at = start;
        while order[at] != start {
            let from = order[at];
            order[at] = at;
            items.swap(at, from);
            at = from;
        }
        order[at] = at;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sorts_as_the_standard_stable_sort(keys in proptest::collection::vec(0u8..8, 0..300)) {
            // Equal keys keep their order: the position rides along.
            let mut items: Vec<(u8, usize)> = keys.iter().copied().zip(0..).collect();
            let mut expected = items.clone();
            expected.sort_by_key(|item| item.0);
            sort_by_key(&mut items, |item| item.0);
            prop_assert_eq!(items, expected);
        }
    }

    #[test]
    fn descending_with_ties_broken_and_owned_items() {
        let mut words: Vec<String> = ["nato", "russia", "oil", "nato", "", "zinc", "oil"].map(String::from).to_vec();
        let mut expected = words.clone();
        expected.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        sort_by(&mut words, |a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        assert_eq!(words, expected);
        let mut nothing: Vec<u32> = Vec::new();
        sort_by_key(&mut nothing, |&n| n);
        assert!(nothing.is_empty());
    }
}
