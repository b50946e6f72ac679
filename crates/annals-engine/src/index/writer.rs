//! The index writer ([`IndexBuilder`], feature `build`): analyses every
//! document once and lays the sections out as [`super::format`] describes.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::analyze::Analyzer;
use crate::document::{CorpusMeta, Document, FacetKind};
use crate::error::{Error, ErrorKind};

use super::bits::{put_str, put_varint, BitWriter};
use super::format::*;
use super::{codec, facet_key, store, template};

/// Writes an index from documents.
pub struct IndexBuilder {
    meta: CorpusMeta,
    documents: Vec<Document>,
    ids: HashSet<String>,
    compression: bool,
    block_bytes: usize,
}

/// One term's postings while building: (doc, tf_title, positions).
#[derive(Default)]
struct TermPostings {
    docs: Vec<(u32, u32, Vec<u32>)>,
}

fn format_error(message: impl Into<String>) -> Error {
    Error::new(ErrorKind::Format, message)
}

impl IndexBuilder {
    /// A builder for a corpus described by `meta`.
    pub fn new(meta: CorpusMeta) -> IndexBuilder {
        IndexBuilder { meta, documents: Vec::new(), ids: HashSet::new(), compression: true, block_bytes: codec::BLOCK_BYTES }
    }

    /// Whether stored text is compressed (on by default). Tests turn it off
    /// to compare sizes and speeds.
    pub fn compress_text(mut self, on: bool) -> IndexBuilder {
        self.compression = on;
        self
    }

    /// The plain size of a compressed block of stored records (default
    /// [`codec::BLOCK_BYTES`]): larger blocks compress better; the reader
    /// unpacks them all once either way. Tests make them small to cover
    /// documents split across many blocks.
    pub fn block_bytes(mut self, n: usize) -> IndexBuilder {
        self.block_bytes = n.max(1);
        self
    }

    /// Adds one document. Fails on a duplicate id. Documents keep the order
    /// they are added in: it is the order of ties in the results.
    pub fn add(&mut self, document: Document) -> Result<(), Error> {
        if !self.ids.insert(document.id.clone()) {
            let e = Error::new(ErrorKind::DuplicateId, format!("document id {:?} is used twice", document.id));
            return Err(if document.origin.is_empty() { e } else { e.at_path(document.origin.clone()) });
        }
        self.documents.push(document);
        Ok(())
    }

    /// Writes the index and returns its bytes.
    pub fn finish(self) -> Result<Vec<u8>, Error> {
        let analyzer = Analyzer::new(&self.meta.language);
        let docs = &self.documents;
        if docs.len() >= u32::MAX as usize / 2 {
            return Err(format_error("too many documents for one index"));
        }

        // Analyse every document: one pass, terms interned by exact form.
        let mut term_ids: HashMap<String, u32> = HashMap::new();
        let mut terms: Vec<TermPostings> = Vec::new();
        let mut doc_table = Vec::with_capacity(docs.len() * DOC_RECORD_LEN);
        let mut lengths: Vec<(u32, u32)> = Vec::with_capacity(docs.len());
        let mut occurrences: Vec<(u32, u32)> = Vec::new();
        let facet_names: Vec<String> = self.meta.facets.iter().map(|f| f.name.clone()).collect();
        let mut records: Vec<codec::SplitRecord> = Vec::with_capacity(docs.len());
        for (ordinal, doc) in docs.iter().enumerate() {
            occurrences.clear();
            let title_tokens: Vec<_> = analyzer.tokens(&doc.title).collect();
            let body_tokens: Vec<_> = analyzer.tokens(&doc.text).collect();
            let mut head = 0;
            let record = store::encode_with(doc, &facet_names, |field, text, out| {
                let tokens = if field == store::Field::Title { &title_tokens } else { &body_tokens };
                let words = tokens.iter().map(|t| (t.start, t.end, t.exact.as_str(), !analyzer.is_stopword(&t.exact)));
                template::encode(text, words, out);
                head = out.len();
            });
            records.push((record, head));
            let title_len = title_tokens.len() as u32;
            for (i, token) in title_tokens.into_iter().enumerate() {
                let id = intern(&mut term_ids, &mut terms, token.exact);
                occurrences.push((id, i as u32));
            }
            let body_start = title_len + FIELD_GAP;
            let body_len = body_tokens.len() as u32;
            for (i, token) in body_tokens.into_iter().enumerate() {
                let id = intern(&mut term_ids, &mut terms, token.exact);
                occurrences.push((id, body_start + i as u32));
            }
            occurrences.sort_unstable();
            let mut i = 0;
            while i < occurrences.len() {
                let term = occurrences[i].0;
                let mut positions = Vec::new();
                let mut tf_title = 0;
                while i < occurrences.len() && occurrences[i].0 == term {
                    let p = occurrences[i].1;
                    if p < title_len {
                        tf_title += 1;
                    }
                    positions.push(p);
                    i += 1;
                }
                check_term_frequency(positions.len() as u64, &doc.id)?;
                terms[term as usize].docs.push((ordinal as u32, tf_title, positions));
            }
            lengths.push((title_len, body_len));
        }

        // Postings and positions, terms in dictionary order.
        let mut sorted: Vec<(&String, u32)> = term_ids.iter().map(|(k, &v)| (k, v)).collect();
        sorted.sort_unstable();
        // One bit stream: each list starts at the bit where the one before
        // it (in the dictionary's order) ends, so the dictionary is a set
        // and the reader finds the lists by reading them.
        let mut bits = BitWriter::default();
        let mut terms_fst = fst::SetBuilder::memory();
        for (form, id) in &sorted {
            // Stop words have no list: the stored templates spell them out,
            // and the reader counts them there when a query asks (see
            // `forward::Forward::stop_word_postings`).
            if analyzer.is_stopword(form) {
                continue;
            }
            let list = &terms[*id as usize];
            // The Rice parameter of document gaps: the cheapest for this
            // list's actual gaps (a mean hides skewed lists).
            let gaps = doc_gaps(list.docs.iter().map(|d| d.0));
            let df = list.docs.len() as u64;
            let k_doc = best_rice_parameter(&gaps);
            let titled: Vec<u64> = list.docs.iter().enumerate().filter(|d| d.1 .1 > 0).map(|d| d.0 as u64).collect();
            let any_title = !titled.is_empty();
            // Few postings of a list are in titles: coding where they are
            // (gaps between their indices) beats a bit on every posting.
            let n_title = titled.len() as u64;
            let k_title = position_parameter(df as u32, n_title as u32);
            let mut title_gaps = Vec::with_capacity(titled.len());
            for (j, &i) in titled.iter().enumerate() {
                title_gaps.push(if j == 0 { i } else { i - titled[j - 1] - 1 });
            }
            let gap_cost: u64 = gamma_len(n_title) + title_gaps.iter().map(|&g| rice_len(g, k_title)).sum::<u64>();
            let by_gaps = df > 1 && any_title && gap_cost < df;
            let gamma_bits: u64 = list.docs.iter().map(|d| gamma_len(d.2.len() as u64)).sum();
            let unary_bits: u64 = list.docs.iter().map(|d| rice_len(d.2.len() as u64 - 1, 0)).sum();
            let tf_unary = df > 1 && unary_bits < gamma_bits;
            bits.gamma(df);
            bits.bits(any_title as u64, 1);
            if df > 1 {
                bits.bits(k_doc as u64, LIST_K_DOC_BITS);
                bits.bits(tf_unary as u64, 1);
                if any_title {
                    bits.bits(by_gaps as u64, 1);
                }
            }
            if by_gaps {
                bits.gamma(n_title);
                bits.rice(title_gaps[0], k_title);
            }
            let mut next_title = 1;
            for ((_, tf_title, pos), gap) in list.docs.iter().zip(&gaps) {
                if df == 1 {
                    // A lone document is anywhere: a truncated binary code
                    // costs log2 of the document count, less than any Rice.
                    bits.truncated(*gap, docs.len() as u64);
                } else {
                    bits.rice(*gap, k_doc);
                }
                if tf_unary {
                    bits.rice(pos.len() as u64 - 1, 0);
                } else {
                    bits.gamma(pos.len() as u64);
                }
                if !any_title {
                    continue;
                }
                if by_gaps {
                    if *tf_title > 0 {
                        bits.gamma(*tf_title as u64);
                        if let Some(&g) = title_gaps.get(next_title) {
                            bits.rice(g, k_title);
                        }
                        next_title += 1;
                    }
                } else if *tf_title == 0 {
                    bits.bits(0, 1);
                } else {
                    bits.bits(1, 1);
                    bits.gamma(*tf_title as u64);
                }
            }
            // Positions follow the postings, posting by posting.
            for (doc, tf_title, pos) in &list.docs {
                let (title_len, body_len) = lengths[*doc as usize];
                let tf_title = *tf_title as usize;
                for (field, (base, len)) in [&pos[..tf_title], &pos[tf_title..]].into_iter().zip(field_ranges(title_len, body_len)) {
                    bits.interpolative(field, base, base + len);
                }
            }
            terms_fst.insert(form.as_bytes()).map_err(|e| format_error(e.to_string()))?;
        }
        // The reader keeps list starts and positions as 32-bit bit offsets
        // (u32::MAX stands for "no positions").
        if bits.bit_len() >= u32::MAX as u64 {
            return Err(format_error("the postings exceed 512 MiB"));
        }
        let postings = bits.finish();
        let terms_fst = terms_fst.into_inner().map_err(|e| format_error(e.to_string()))?;

        // Stored records in blocks, where each block starts, and the
        // fixed-width document table.
        check_stored_text(records.iter().map(|r| r.0.len() as u64).sum())?;
        let (dict_section, blocks) = codec::compress(&records, self.compression, self.block_bytes)?;
        let mut stored = Vec::new();
        let mut block_offsets = Vec::with_capacity(blocks.len() * 4);
        for block in &blocks {
            block_offsets.extend_from_slice(&(stored.len() as u32).to_le_bytes());
            stored.extend_from_slice(block);
            if stored.len() > u32::MAX as usize {
                return Err(format_error("stored text exceeds 4 GiB"));
            }
        }
        for doc in docs {
            let day = match doc.date {
                None => UNDATED,
                Some(d) if d.day > UNDATED && d.day <= MAX_DAY => d.day,
                Some(_) => return Err(format_error(format!("document {:?} is dated more than 22,000 years from 1970", doc.id))),
            };
            // Field lengths are not stored: the reader counts them from
            // the templates, which hold every word's place.
            doc_table.extend_from_slice(&day.to_le_bytes()[..3]);
        }

        // Facets: every declared field (and any the documents carry).
        let mut facet_docs: BTreeMap<Vec<u8>, Vec<u32>> = BTreeMap::new();
        for (ordinal, doc) in docs.iter().enumerate() {
            for (field, values) in &doc.facets {
                for value in values {
                    let list = facet_docs.entry(facet_key(field, value)).or_default();
                    if list.last() != Some(&(ordinal as u32)) {
                        list.push(ordinal as u32);
                    }
                }
            }
        }
        let mut facets_fst = fst::MapBuilder::memory();
        let mut facet_lists = Vec::new();
        for (key, list) in facet_docs {
            facets_fst.insert(&key, facet_lists.len() as u64).map_err(|e| format_error(e.to_string()))?;
            // Like a postings list's documents: Rice-coded gaps with the
            // list's cheapest parameter (a value on every other document, as
            // a train/test split is, costs two bits a document, not a byte).
            let gaps = doc_gaps(list.iter().copied());
            let k = best_rice_parameter(&gaps);
            put_varint(&mut facet_lists, list.len() as u64);
            facet_lists.push(k as u8);
            let mut bits = BitWriter::default();
            for g in gaps {
                bits.rice(g, k);
            }
            facet_lists.extend_from_slice(&bits.finish());
        }
        let facets_fst = facets_fst.into_inner().map_err(|e| format_error(e.to_string()))?;

        // Meta and collection statistics.
        let mut meta = Vec::new();
        put_str(&mut meta, &self.meta.title);
        put_str(&mut meta, &self.meta.description);
        put_str(&mut meta, &self.meta.language);
        put_varint(&mut meta, self.meta.facets.len() as u64);
        for f in &self.meta.facets {
            put_str(&mut meta, &f.name);
            meta.push(match f.kind {
                FacetKind::Keyword => 0,
                FacetKind::Tags => 1,
                FacetKind::Number => 2,
                FacetKind::Date => 3,
            });
        }
        let n = docs.len().max(1) as f64;
        let avg_title = lengths.iter().map(|l| l.0 as f64).sum::<f64>() / n;
        let avg_body = lengths.iter().map(|l| l.1 as f64).sum::<f64>() / n;
        meta.extend_from_slice(&(docs.len() as u32).to_le_bytes());
        meta.extend_from_slice(&(avg_title as f32).to_le_bytes());
        meta.extend_from_slice(&(avg_body as f32).to_le_bytes());

        let sections: [&[u8]; SECTION_COUNT] = [
            &meta,
            &terms_fst,
            &postings,
            &block_offsets,
            &doc_table,
            &stored,
            &dict_section,
            &facets_fst,
            &facet_lists,
        ];
        assemble(&sections)
    }
}

/// Refuses a document in which one term occurs more often than the format
/// carries ([`MAX_TERM_FREQUENCY`]).
fn check_term_frequency(tf: u64, doc_id: &str) -> Result<(), Error> {
    if tf > MAX_TERM_FREQUENCY {
        return Err(format_error(format!(
            "document {doc_id:?}: one word occurs {tf} times in it, more than the index format's limit of {MAX_TERM_FREQUENCY} (2^24) occurrences of a word in one document; split the document"
        )));
    }
    Ok(())
}

/// Refuses stored text past [`MAX_STORED_TEXT`] (4 GiB of plain records).
fn check_stored_text(plain_bytes: u64) -> Result<(), Error> {
    if plain_bytes > MAX_STORED_TEXT {
        return Err(format_error(format!(
            "the stored text takes {plain_bytes} bytes, more than the index format's limit of {MAX_STORED_TEXT} bytes (4 GiB); split the corpus"
        )));
    }
    Ok(())
}

/// The gaps a list of ascending documents is coded by: each document less
/// the one after its predecessor (the first: less 0).
fn doc_gaps(docs: impl Iterator<Item = u32>) -> Vec<u64> {
    let mut next = 0u32;
    docs.map(|doc| {
        let gap = (doc - next) as u64;
        next = doc + 1;
        gap
    })
    .collect()
}

fn intern(ids: &mut HashMap<String, u32>, terms: &mut Vec<TermPostings>, form: String) -> u32 {
    if let Some(&id) = ids.get(&form) {
        return id;
    }
    let id = terms.len() as u32;
    terms.push(TermPostings::default());
    ids.insert(form, id);
    id
}

/// Header, section table and sections, with both checksums.
fn assemble(sections: &[&[u8]]) -> Result<Vec<u8>, Error> {
    let table_len = sections.len() * 8;
    let total: usize = HEADER_LEN + table_len + sections.iter().map(|s| s.len()).sum::<usize>();
    if total > u32::MAX as usize {
        return Err(format_error("the index would exceed 4 GiB"));
    }
    let mut table = Vec::with_capacity(table_len);
    let mut offset = HEADER_LEN + table_len;
    for s in sections {
        table.extend_from_slice(&(offset as u32).to_le_bytes());
        table.extend_from_slice(&(s.len() as u32).to_le_bytes());
        offset += s.len();
    }
    let mut out = Vec::with_capacity(total);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&(sections.len() as u32).to_le_bytes());
    let table_checksum = CHECKED_AT_OPEN.iter().fold(fnv1a32_continue(fnv1a32(&out), &table), |h, &s| fnv1a32_continue(h, sections[s as usize]));
    let body_checksum = sections.iter().fold(fnv1a32(&[]), |h, s| fnv1a32_continue(h, s));
    out.extend_from_slice(&table_checksum.to_le_bytes());
    out.extend_from_slice(&body_checksum.to_le_bytes());
    out.extend_from_slice(&(total as u64).to_le_bytes()[..4]);
    debug_assert_eq!(out.len(), HEADER_LEN);
    out.extend_from_slice(&table);
    for s in sections {
        out.extend_from_slice(s);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_term_frequency_past_the_format_is_refused() {
        assert!(check_term_frequency(MAX_TERM_FREQUENCY, "a").is_ok());
        let error = check_term_frequency(MAX_TERM_FREQUENCY + 1, "big.txt").unwrap_err().to_string();
        assert!(error.contains("big.txt") && error.contains("16777216"), "{error}");
    }

    #[test]
    fn stored_text_past_4_gib_is_refused() {
        assert!(check_stored_text(u32::MAX as u64).is_ok());
        let error = check_stored_text(u32::MAX as u64 + 1).unwrap_err().to_string();
        assert!(error.contains("4 GiB"), "{error}");
    }
}
