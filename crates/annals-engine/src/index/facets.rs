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
    fn facet_entries(&self) -> Vec<(Vec<u8>, u64)> {
        use fst::Streamer;
        let mut out = Vec::new();
        let mut stream = self.facets.stream();
        while let Some((k, v)) = stream.next() {
            out.push((k.to_vec(), v));
        }
        out
    }

    /// The documents of the facet list at `at` in FACET_DOCS, ascending.
    fn facet_list(&self, at: u64) -> Vec<u32> {
        let lists = self.sections[Section::FacetDocs as usize];
        let mut r = Reader::at(lists, at as usize);
        let n = r.varint().min(self.doc_count as u64);
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
            if bits.bad || doc >= self.doc_count as u64 {
                break;
            }
            out.push(doc as u32);
            doc += 1;
        }
        out
    }

    /// The documents carrying a facet value (case-insensitive), ascending.
    pub(crate) fn facet_docs(&self, field: &str, value: &str) -> Option<Vec<u32>> {
        self.facets.get(facet_key(field, value)).map(|at| self.facet_list(at))
    }

    /// Every facet value with its label and documents, read on first use
    /// (not at open: opening stays constant-time).
    pub(crate) fn facet_catalog(&self) -> &FacetCatalog {
        self.facet_catalog.get_or_init(|| {
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
                    let label = documents
                        .first()
                        .and_then(|&d| self.document_at(d))
                        .and_then(|doc| {
                            doc.facets
                                .into_iter()
                                .filter(|(f, _)| f.trim().to_lowercase() == field.name.trim().to_lowercase())
                                .flat_map(|(_, vs)| vs)
                                .find(|v| v.trim().to_lowercase() == folded)
                        })
                        .map(|v| v.trim().to_string())
                        .unwrap_or(folded);
                    values.push(FacetValue { label, documents });
                }
                fields.push(CatalogField { name: field.name, kind: field.kind, values });
            }
            FacetCatalog { fields }
        })
    }
}
