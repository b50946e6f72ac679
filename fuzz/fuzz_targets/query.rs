//! Any query text against the seed corpus: parsing, expansion, evaluation,
//! ranking, snippets and the analytics that take a query. Nothing may panic,
//! hang or return more than was asked.
#![no_main]

use annals_engine::{Corpus, SearchRequest, Sort};
use libfuzzer_sys::fuzz_target;

#[path = "seed_index.rs"]
mod seed_index;
use seed_index::seed_index;

fuzz_target!(|data: &[u8]| {
    let Ok(query) = std::str::from_utf8(data) else { return };
    let corpus = Corpus::open(seed_index()).unwrap();
    let analyzer = annals_engine::analyze::Analyzer::new("english");
    let _ = annals_engine::query::parse(query, &analyzer, &["publication".to_string(), "topics".to_string()]);
    let mut request = SearchRequest::new(query, 5);
    let results = corpus.search(&request);
    assert!(results.hits.len() <= 5);
    request.sort = Sort::Newest;
    request.offset = 2;
    assert!(corpus.search(&request).hits.len() <= 5);
    let selection = &request.selection;
    corpus.concordance(selection, 30, 20);
    corpus.trends(&[query.to_string()], selection, None);
    corpus.collocates(selection, query, 4, 5);
    corpus.hit_ranges(query, "NATO and Russia met in Brussels; Robertson spoke.");
});
