//! The engine inside wasm32, over the seed index that build.rs embeds: what
//! runs natively must also run in the browser's WebAssembly, where a panic
//! (or an API that does not exist there, like `std::time::Instant`) kills the
//! whole app. Run by `cargo xtask test` through `wasm-bindgen-test-runner`.
#![cfg(target_arch = "wasm32")]

use annals_engine::{Corpus, SearchRequest};
use wasm_bindgen_test::wasm_bindgen_test;

static INDEX_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/annals.idx"));

fn ids(query: &str) -> Vec<String> {
    let index = Corpus::open(INDEX_BYTES).expect("the embedded index opens");
    let mut ids: Vec<String> = index.search(&SearchRequest::new(query, 100)).hits.into_iter().map(|hit| hit.id).collect();
    ids.sort();
    ids
}

#[wasm_bindgen_test]
fn seed_queries_find_the_same_documents_as_natively() {
    assert_eq!(
        ids("Robertson"),
        ["000_f60c8a798409cdc8.txt", "001_754eee55ac53f941.txt", "002_3f28e97e102e8240.txt", "004_8b2f1731b81e9c48.txt"]
    );
    assert_eq!(ids("Stepashin"), ["003_7f0074e24eaea6d2.txt"]);
    assert!(ids("Yeltsin").is_empty());
    assert_eq!(ids("\"Permanent Joint Council\""), ["002_3f28e97e102e8240.txt", "003_7f0074e24eaea6d2.txt", "004_8b2f1731b81e9c48.txt"]);
}

#[wasm_bindgen_test]
fn odd_queries_do_not_panic() {
    let index = Corpus::open(INDEX_BYTES).expect("the embedded index opens");
    let long_word = "a".repeat(20_000);
    let many_terms = (0..500).map(|i| format!("w{i}")).collect::<Vec<_>>().join(" ");
    for query in ["\"", "(((", "*", "date:", "-", "OR OR", "~~", "<script>alert(1)</script>", "ü~2 ŉ* 日本語", &long_word, &many_terms] {
        let results = index.search(&SearchRequest::new(query, 10));
        assert!(results.hits.len() <= 10, "{query:?}");
    }
}

#[wasm_bindgen_test]
fn overview_counts_the_seeds() {
    let index = Corpus::open(INDEX_BYTES).expect("the embedded index opens");
    let overview = index.overview();
    assert_eq!(overview.documents, 5);
    assert_eq!(overview.undated, 0);
}
