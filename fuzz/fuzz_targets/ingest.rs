//! Any bytes as a corpus file of every format, through `ingest::load` on a
//! temporary folder (so encoding detection, each format's parser, mapping,
//! dates and mentions all run), then indexed and searched. A malformed file
//! must be an error naming the file, never a panic; files in = indexed +
//! skipped.
#![no_main]

use annals_engine::{Corpus, IndexBuilder, SearchRequest};
use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 6] = ["doc.txt", "doc.md", "doc.html", "doc.jsonl", "doc.json", "doc.csv"];

fuzz_target!(|data: &[u8]| {
    // The first byte picks the format, so each input is one file (and the
    // fuzzer learns which bytes matter to which parser).
    let Some((&which, bytes)) = data.split_first() else { return };
    let name = NAMES[which as usize % NAMES.len()];
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(folder.path().join(name), bytes).unwrap();
    let Ok(corpus) = annals_engine::ingest::load(folder.path()) else { return };
    let report = &corpus.report;
    if !name.ends_with(".jsonl") && !name.ends_with(".json") && !name.ends_with(".csv") {
        assert_eq!(report.indexed + report.skipped.len(), 1, "{report:?}");
    }
    let mut builder = IndexBuilder::new(corpus.meta);
    for document in corpus.documents {
        builder.add(document).unwrap();
    }
    // A refusal (a format limit) is an answer; a panic is not.
    let Ok(bytes) = builder.finish() else { return };
    let index = Corpus::open(&bytes).unwrap();
    index.verify().unwrap();
    index.search(&SearchRequest::new("the", 3));
    for ordinal in 0..index.len() as u32 {
        index.document_at(ordinal).unwrap();
    }
});
