//! The seed corpus's index, built once per fuzzing process: the targets
//! that need a real index to search or to damage share it.

use std::sync::OnceLock;

use annals_engine::IndexBuilder;

pub fn seed_index() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| {
        let corpus = annals_engine::ingest::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../corpus").as_ref()).unwrap();
        let mut builder = IndexBuilder::new(corpus.meta);
        for document in corpus.documents {
            builder.add(document).unwrap();
        }
        builder.finish().unwrap()
    })
}
