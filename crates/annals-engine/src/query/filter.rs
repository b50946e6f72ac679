//! The page's facet filters and date range, applied to a query's matches;
//! one implementation for searches and every analytics view.

use super::matches::Matches;
use crate::index::Index;
use crate::search::{FacetFilter, Selection};

/// Whether a document's day lies in an inclusive range of days (undated
/// documents lie in no range).
pub(crate) fn day_in_range(index: &Index<'_>, doc: u32, (lo, hi): (i32, i32)) -> bool {
    matches!(index.day(doc), Some(day) if day >= lo && day <= hi)
}

/// The page's facet filters and date range, worked out once for a request:
/// a document passes when every filter holds (at least one `any_of` value,
/// no `none_of` value) and its day lies in the range. Undated documents
/// fall outside any range.
pub(crate) struct Passing<'i, 'a> {
    index: &'i Index<'a>,
    /// `None`: no facet filter, every document passes them.
    mask: Option<Vec<bool>>,
    range: Option<(i32, i32)>,
}

impl<'i, 'a> Passing<'i, 'a> {
    pub(crate) fn new(index: &'i Index<'a>, selection: &Selection) -> Self {
        Passing { index, mask: filter_mask(index, &selection.filters, None), range: selection.date_range }
    }

    /// Whether document `doc` passes.
    pub(crate) fn passes(&self, doc: u32) -> bool {
        self.mask.as_ref().is_none_or(|k| k.get(doc as usize).copied().unwrap_or(false))
            && self.range.is_none_or(|range| day_in_range(self.index, doc, range))
    }

    /// How many of `matches` pass, without copying them.
    pub(crate) fn count(&self, matches: &Matches) -> usize {
        if self.mask.is_none() && self.range.is_none() {
            return matches.docs.len();
        }
        matches.docs.iter().filter(|&&d| self.passes(d)).count()
    }

    /// The matches that pass, with their scores.
    pub(crate) fn apply(&self, matches: Matches) -> Matches {
        if self.mask.is_none() && self.range.is_none() {
            return matches;
        }
        let mut out = Matches::default();
        for (&d, &score) in matches.docs.iter().zip(&matches.scores) {
            if self.passes(d) {
                out.docs.push(d);
                out.scores.push(score);
            }
        }
        out
    }
}

/// Which documents pass the facet filters (`None`: every document). With
/// `skip_any_of`, that field's `any_of` is left out: a facet's own counts
/// show what choosing another of its values would give.
pub(crate) fn filter_mask(index: &Index<'_>, filters: &[FacetFilter], skip_any_of: Option<&str>) -> Option<Vec<bool>> {
    let mut keep: Option<Vec<bool>> = None;
    for filter in filters {
        let skipped = skip_any_of.is_some_and(|f| f.trim().eq_ignore_ascii_case(filter.field.trim()));
        if !filter.any_of.is_empty() && !skipped {
            let mut allowed = vec![false; index.len()];
            for v in &filter.any_of {
                for d in index.facet_docs(&filter.field, v).unwrap_or_default() {
                    if let Some(slot) = allowed.get_mut(d as usize) {
                        *slot = true;
                    }
                }
            }
            let k = keep.get_or_insert_with(|| vec![true; index.len()]);
            for (slot, a) in k.iter_mut().zip(allowed) {
                *slot &= a;
            }
        }
        for v in &filter.none_of {
            let k = keep.get_or_insert_with(|| vec![true; index.len()]);
            for d in index.facet_docs(&filter.field, v).unwrap_or_default() {
                if let Some(slot) = k.get_mut(d as usize) {
                    *slot = false;
                }
            }
        }
    }
    keep
}
