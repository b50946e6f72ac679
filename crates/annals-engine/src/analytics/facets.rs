//! Facet counts over a selection: for every facet field, how many selected
//! documents carry each of its values.

use serde::{Deserialize, Serialize};

use crate::document::FacetKind;
use crate::index::{CatalogField, FacetValue, Index};
use crate::query::{day_in_range, filter_mask, query_matches};
use crate::search::Selection;

/// One value of a facet with how many selected documents carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetValueCount {
    /// The value as the corpus spells it.
    pub value: String,
    /// Selected documents with this value.
    pub count: usize,
}

/// The value counts of one facet field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetCounts {
    /// The field name (`topics`).
    pub field: String,
    /// How its values are read.
    pub kind: FacetKind,
    /// Values carried by at least one selected document, most frequent
    /// first, then alphabetically; values the request filters on are kept
    /// even at zero so they can be removed.
    pub values: Vec<FacetValueCount>,
}


/// For every facet field, how many selected documents carry each value.
/// A field's own `any_of` filter is left out of its counts (choosing a
/// second value widens the selection, and the counts say by how much);
/// every other filter, its `none_of` and the date range apply.
pub(crate) fn facet_counts(index: &Index<'_>, selection: &Selection) -> Vec<FacetCounts> {
    if selection.is_whole_corpus() {
        // A split index's core counts each value's documents: the opening
        // view reads no facet list.
        if let Some(fields) = index.facet_value_counts() {
            return fields
                .into_iter()
                .map(|(field, kind, values)| {
                    let mut counted: Vec<FacetValueCount> =
                        values.into_iter().filter(|v| v.1 > 0).map(|(value, count)| FacetValueCount { value, count }).collect();
                    crate::sort::sort_by(&mut counted, by_count_then_value);
                    FacetCounts { field, kind, values: counted }
                })
                .collect();
        }
    }
    let (selection, _) = selection.bounded();
    let (matches, _) = query_matches(index, &selection, false);
    let n = index.len();
    let in_range = |d: u32| selection.date_range.is_none_or(|range| day_in_range(index, d, range));
    let mut out = Vec::new();
    for CatalogField { name: field, kind, values } in index.facet_catalog().fields() {
        let mask = filter_mask(index, &selection.filters, Some(field));
        let mut selected = vec![false; n];
        for &d in &matches.docs {
            if in_range(d) && mask.as_ref().is_none_or(|m| m.get(d as usize).copied().unwrap_or(false)) {
                if let Some(slot) = selected.get_mut(d as usize) {
                    *slot = true;
                }
            }
        }
        let chosen: Vec<String> = selection
            .filters
            .iter()
            .filter(|f| f.field.trim().eq_ignore_ascii_case(field.trim()))
            .flat_map(|f| f.any_of.iter().chain(&f.none_of))
            .map(|v| v.trim().to_lowercase())
            .collect();
        let mut counted: Vec<FacetValueCount> = values
            .iter()
            .map(|FacetValue { label, documents: docs }| FacetValueCount {
                value: label.clone(),
                count: docs.iter().filter(|&&d| selected.get(d as usize).copied().unwrap_or(false)).count(),
            })
            .filter(|v| v.count > 0 || chosen.contains(&v.value.to_lowercase()))
            .collect();
        crate::sort::sort_by(&mut counted, by_count_then_value);
        out.push(FacetCounts { field: field.clone(), kind: *kind, values: counted });
    }
    out
}

/// Most documents first, then alphabetically.
fn by_count_then_value(a: &FacetValueCount, b: &FacetValueCount) -> std::cmp::Ordering {
    b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value))
}
