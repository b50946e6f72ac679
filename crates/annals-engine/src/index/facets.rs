//! Facets in the index: the map from `field \0 value` to a document list,
//! the lists themselves, and the catalogue of every value with its label
//! and documents that the facet counts read.

use crate::document::FacetKind;

use super::bits::{BitReader, Reader};
use super::format::Section;
use super::Index;

/// The lower-cased key of a facet value in the FACETS map.
pub(crate) fn facet_key(field: &str, value: &str) -> Vec<u8> {
    let mut key = field.trim().to_lowercase().into_bytes();
    key.push(0);
    key.extend_from_slice(value.trim().to_lowercase().as_bytes());
    key
}

/// Every facet value of the corpus, its label and its documents: read once
/// per index.
#[derive(Debug, Default)]
pub struct FacetCatalog {
    fields: Vec<CatalogField>,
}

/// One facet field of the catalogue.
#[derive(Debug)]
pub struct CatalogField {
    /// The field name (`topics`).
    pub name: String,
    /// How its values are read.
    pub kind: FacetKind,
    /// Its values, in the order of their folded form.
    pub values: Vec<FacetValue>,
}

/// One value of a facet field.
#[derive(Debug)]
pub struct FacetValue {
    /// The value as the corpus spells it (as its first document does).
    pub label: String,
    /// The documents carrying it, ascending.
    pub documents: Vec<u32>,
}

impl FacetCatalog {
    /// The facet fields, in the corpus's order.
    pub fn fields(&self) -> &[CatalogField] {
        &self.fields
    }
}

impl Index<'_> {
    /// Every `(field \0 value, offset)` entry of the facet map, in key order.
    pub(super) fn facet_entries(&self) -> Vec<(Vec<u8>, u64)> {
        use fst::Streamer;
        let mut out = Vec::new();
        let mut stream = self.facets.stream();
        while let Some((k, v)) = stream.next() {
            out.push((k.to_vec(), v));
        }
        out
    }

    /// The documents of the facet list at `at` in FACET_DOCS (in the split
    /// layout: of the FACET_ENTRIES entry at `at`), ascending.
    pub(super) fn facet_list(&self, at: u64) -> Vec<u32> {
        match &self.split {
            Some(split) => {
                let list = split.facet_entry(at).list;
                split.facet_list_bytes(list).map_or_else(Vec::new, |(piece, at)| read_facet_list(piece, at, self.doc_count))
            }
            None => read_facet_list(self.sections[Section::FacetDocs as usize], at as usize, self.doc_count),
        }
    }
}

/// The documents of the facet list at byte `at` of `lists`, ascending.
pub(super) fn read_facet_list(lists: &[u8], at: usize, doc_count: u32) -> Vec<u32> {
    let mut r = Reader::at(lists, at);
    let n = r.varint().min(doc_count as u64);
    let k = (r.u8() as u32).min(24);
    if r.bad {
        return Vec::new();
    }
    let mut bits = BitReader::new(lists, r.pos() as u64 * 8);
    // Every document costs at least k + 1 bits: a damaged count cannot
    // ask for more room than the bytes left could describe.
    let bits_left = (lists.len() - r.pos()) as u64 * 8;
    let mut out = Vec::with_capacity(n.min(bits_left / (k as u64 + 1)) as usize);
    let mut doc = 0u64;
    for _ in 0..n {
        doc += bits.rice(k);
        if bits.bad || doc >= doc_count as u64 {
            break;
        }
        out.push(doc as u32);
        doc += 1;
    }
    out
}

impl Index<'_> {
    /// The documents carrying a facet value (case-insensitive), ascending.
    pub(crate) fn facet_docs(&self, field: &str, value: &str) -> Option<Vec<u32>> {
        self.facets.get(facet_key(field, value)).map(|at| self.facet_list(at))
    }

    /// Every facet value with its label and documents, read on first use
    /// (not at open: opening stays constant-time).
    pub(crate) fn facet_catalog(&self) -> &FacetCatalog {
        if let Some(split) = &self.split {
            if let Some(done) = self.facet_catalog.get() {
                return done;
            }
            // Kept only when every piece it read was there.
            let misses = split.misses();
            let catalog = self.build_facet_catalog();
            static EMPTY: FacetCatalog = FacetCatalog { fields: Vec::new() };
            return if split.misses() == misses { self.facet_catalog.get_or_init(|| catalog) } else { &EMPTY };
        }
        self.facet_catalog.get_or_init(|| self.build_facet_catalog())
    }

    /// Every facet field with each value's label and how many documents
    /// carry it, as a split index's core lists them: the whole corpus's
    /// facet counts without reading a list. `None` in the single layout,
    /// whose catalogue holds the lists.
    pub(crate) fn facet_value_counts(&self) -> Option<Vec<(String, FacetKind, Vec<(String, usize)>)>> {
        let split = self.split.as_ref()?;
        let entries = self.facet_entries();
        let fields = self.meta().facets.into_iter().map(|field| {
            let mut prefix = field.name.trim().to_lowercase().into_bytes();
            prefix.push(0);
            let values = entries
                .iter()
                .filter(|(key, _)| key.starts_with(&prefix))
                .map(|&(_, at)| {
                    let entry = split.facet_entry(at);
                    (entry.label, entry.documents)
                })
                .collect();
            (field.name, field.kind, values)
        });
        Some(fields.collect())
    }

    fn build_facet_catalog(&self) -> FacetCatalog {
        let entries = self.facet_entries();
        let mut fields = Vec::new();
        for field in self.meta().facets {
            let mut prefix = field.name.trim().to_lowercase().into_bytes();
            prefix.push(0);
            let mut values = Vec::new();
            for (key, at) in entries.iter().filter(|(k, _)| k.starts_with(&prefix)) {
                let documents = self.facet_list(*at);
                let folded = String::from_utf8_lossy(&key[prefix.len()..]).into_owned();
                // The value as its first document spells it (the map
                // holds it lower-cased).
                let label = self.facet_label(&field.name, &folded, &documents, *at);
                values.push(FacetValue { label, documents });
            }
            fields.push(CatalogField { name: field.name, kind: field.kind, values });
        }
        FacetCatalog { fields }
    }

    /// The value as its first document spells it (the map holds it
    /// lower-cased; the split layout keeps the label in its entry at `at`).
    pub(super) fn facet_label(&self, field: &str, folded: &str, documents: &[u32], at: u64) -> String {
        if let Some(split) = &self.split {
            return split.facet_entry(at).label;
        }
        documents
                        .first()
                        .and_then(|&d| self.document_at(d))
                        .and_then(|doc| {
                            doc.facets
                                .into_iter()
                                .filter(|(f, _)| f.trim().to_lowercase() == field.trim().to_lowercase())
                                .flat_map(|(_, vs)| vs)
                                .find(|v| v.trim().to_lowercase() == folded)
                        })
                        .map(|v| v.trim().to_string())
                        .unwrap_or_else(|| folded.to_string())
    }
}
