//! Damaged index bytes and every request: wrong answers are allowed, a
//! panic, a hang or a runaway allocation is not (the page does not checksum
//! the index it embeds). The first byte says how to read the input: as a
//! whole index, or as edits (4-byte offset, 1-byte xor) to the seed index
//! in the sections that `open` does not checksum.
#![no_main]

use annals_engine::analytics::timeline::Granularity;
use annals_engine::{Corpus, SearchRequest};
use libfuzzer_sys::fuzz_target;

#[path = "seed_index.rs"]
mod seed_index;
use seed_index::seed_index;

/// The byte ranges of the sections `open` does not checksum: all but TERMS
/// (1) and FACETS (7), from the section table after the 28-byte header.
fn unchecked(bytes: &[u8]) -> Vec<usize> {
    let at = |o: usize| u32::from_le_bytes(bytes[o..o + 4].try_into().unwrap()) as usize;
    [0, 2, 3, 4, 5, 6, 8].into_iter().flat_map(|i| at(28 + 8 * i)..at(28 + 8 * i) + at(32 + 8 * i)).collect()
}

fn exercise(corpus: &Corpus<'_>) {
    corpus.prepare();
    let _ = corpus.verify();
    corpus.meta();
    corpus.overview();
    for query in ["Robertson", "\"Permanent Joint Council\"", "Sergeyev~", "found*", "the", "date:2000", "NATO -Russia", ""] {
        let request = SearchRequest::new(query, 10);
        assert!(corpus.search(&request).hits.len() <= 10);
        let selection = &request.selection;
        corpus.select(selection);
        corpus.timeline(selection, Some(Granularity::Month));
        corpus.timeline(selection, None);
        corpus.mention_timeline(selection, None);
        corpus.chronology(selection, 0, 10);
        corpus.trends(&[query.to_string()], selection, None);
        corpus.facet_counts(selection);
        corpus.concordance(selection, 40, 50);
        corpus.term_stats(selection, 20);
        corpus.collocates(selection, query, 4, 10);
    }
    for ordinal in 0..corpus.len().min(50) as u32 {
        if let Some(document) = corpus.document_at(ordinal) {
            corpus.document(&document.id);
            corpus.similar(&document.id, 5);
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    if mode & 1 == 0 {
        if let Ok(corpus) = Corpus::open(rest) {
            exercise(&corpus);
        }
        return;
    }
    let mut bytes = seed_index().to_vec();
    let targets = unchecked(&bytes);
    for edit in rest.chunks_exact(5) {
        let at = u32::from_le_bytes(edit[..4].try_into().unwrap()) as usize;
        bytes[targets[at % targets.len()]] ^= edit[4];
    }
    if let Ok(corpus) = Corpus::open(&bytes) {
        exercise(&corpus);
    }
});
