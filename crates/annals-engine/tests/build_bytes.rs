//! The index bytes a build writes do not depend on how the builder holds
//! the corpus on the way: the documents here are made up (a fixed
//! pseudo-random vocabulary, titles, dates, facets, stop words, a word
//! that repeats through a long text), so neither ingestion nor the seed
//! files move the hashes, and the expected hashes are those of the writer
//! that held every document until it finished. A change of the format
//! changes them on purpose: then write the new ones here.

use annals_engine::{CorpusMeta, DateSource, DocDate, Document, FacetField, FacetKind, IndexBuilder, Mention, TimexKind};

/// FNV-1a, 64 bits.
fn hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ b as u64).wrapping_mul(0x0100_0000_01b3))
}

fn meta() -> CorpusMeta {
    CorpusMeta {
        title: "Made up".into(),
        description: "Documents from a seeded generator.".into(),
        language: "english".into(),
        facets: vec![
            FacetField { name: "topics".into(), kind: FacetKind::Tags },
            FacetField { name: "split".into(), kind: FacetKind::Keyword },
        ],
    }
}

/// `n` documents from a xorshift generator.
fn documents(n: usize) -> Vec<Document> {
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let stop = ["the", "of", "and", "a", "to", "in"];
    (0..n)
        .map(|i| {
            let words = 5 + (next() % 400) as usize;
            let mut text = String::new();
            for w in 0..words {
                let r = next();
                let word = match r % 10 {
                    0..=2 => stop[(r >> 8) as usize % stop.len()].to_string(),
                    3..=6 => format!("w{}", (r >> 8) % 300),
                    7 | 8 => format!("Rare{}", (r >> 8) % 50_000),
                    _ => format!("{}", (r >> 8) % 10_000),
                };
                text.push_str(&word);
                text.push_str(if w % 17 == 16 { ".\n" } else { " " });
            }
            if i % 97 == 0 {
                text.push_str(&"again ".repeat(3000));
            }
            let day = 6_000 + (next() % 3_000) as i32;
            Document {
                id: format!("doc-{i}"),
                title: format!("W{} title {}", next() % 300, if i % 5 == 0 { "the w1" } else { "" }),
                date: (i % 11 != 0).then(|| DocDate::on_day(day, DateSource::Metadata)),
                text,
                facets: vec![
                    ("topics".into(), (0..next() % 3).map(|t| format!("t{}", (next() + t) % 40)).collect()),
                    ("split".into(), vec![if i % 2 == 0 { "train" } else { "test" }.into()]),
                ],
                metadata: vec![("source".into(), format!("s{}", i % 3))],
                origin: format!("made-up.jsonl:{}", i + 1),
                mentions: vec![Mention { start: 0, end: 0, kind: TimexKind::Date, value: "PRESENT_REF".into(), first_day: None, last_day: None, granularity: None }],
            }
        })
        .collect()
}

fn build(documents: Vec<Document>, block_bytes: Option<usize>) -> Vec<u8> {
    let mut builder = IndexBuilder::new(meta());
    if let Some(n) = block_bytes {
        builder = builder.block_bytes(n);
    }
    for document in documents {
        builder.add(document).unwrap();
    }
    builder.finish().unwrap()
}

#[test]
fn a_build_writes_the_same_bytes_as_the_writer_that_held_everything() {
    // 5,000 documents: more than one batch of analysis, shared by the cores.
    let documents = documents(5_000);
    let bytes = build(documents.clone(), None);
    assert_eq!((bytes.len(), hash(&bytes)), (2_016_975, 0x98a0_1a3b_1d14_fa19));
    // Small blocks: many of them, compressed on every core.
    let small_blocks = build(documents, Some(64 << 10));
    assert_eq!((small_blocks.len(), hash(&small_blocks)), (2_096_295, 0x7a33_4d55_b6e0_8abc));
}
