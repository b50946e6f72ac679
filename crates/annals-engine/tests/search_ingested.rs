//! The seed expectations again, on the corpus as ingestion reads it
//! (`corpus/` with its `corpus.toml`): the path the page and the CLI take.

use annals_engine::{ingest, Corpus, IndexBuilder, SearchRequest};

#[test]
fn seed_expectations_hold_after_ingestion() {
    let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus"));
    let corpus = ingest::load(dir).expect("the seed corpus loads");
    let mut builder = IndexBuilder::new(corpus.meta.clone());
    for d in corpus.documents {
        builder.add(d).expect("unique ids");
    }
    let bytes = builder.finish().expect("index");
    let index = Corpus::open(&bytes).expect("open");
    index.verify().expect("checksum");
    let ids = |q: &str| {
        let r = index.search(&SearchRequest::new(q, 10));
        let mut v: Vec<String> = r.hits.iter().map(|h| h.id[..3].to_string()).collect();
        v.sort();
        assert_eq!(r.total, v.len(), "{q}");
        v
    };
    assert_eq!(ids("Robertson"), ["000", "001", "002", "004"]);
    assert_eq!(ids("Stepashin"), ["003"]);
    assert!(ids("Yeltsin").is_empty());
    assert_eq!(ids("\"Permanent Joint Council\""), ["002", "003", "004"]);
    assert_eq!(ids("Robertson -Albright"), ["002", "004"]);
    assert_eq!(ids("Sergeyev~"), ["002", "004"]);
    for id in ["000", "002", "004"] {
        assert!(ids("found*").contains(&id.to_string()));
    }
    assert_eq!(ids("date:2001"), ["004"]);
    assert_eq!(ids("(Chechnya OR Stepashin) NATO"), ["002", "003"]);
    assert_eq!(ids("publication:\"NATO Review\""), ["004"]);
    assert_eq!(ids("publication:monitor"), ["000", "001", "002", "003"]);
}
