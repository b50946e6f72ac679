//! The dates the seed documents mention, resolved against each document's
//! own date (from `corpus/corpus.toml` and the NATO Review header).
#![cfg(feature = "build")]

use std::path::PathBuf;

use annals_engine::date::parse_iso_day;
use annals_engine::ingest::{self, timex::find_mentions};
use annals_engine::Mention;

struct Tagged {
    id: String,
    text: String,
    mentions: Vec<Mention>,
}

fn seeds() -> Vec<Tagged> {
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    let corpus = ingest::load(&corpus).expect("the seed corpus loads");
    corpus
        .documents
        .into_iter()
        .map(|doc| {
            let mentions = find_mentions(&doc.text, doc.date.map(|d| d.day));
            Tagged { id: doc.id, text: doc.text, mentions }
        })
        .collect()
}

fn document<'a>(seeds: &'a [Tagged], prefix: &str) -> &'a Tagged {
    seeds.iter().find(|t| t.id.starts_with(prefix)).unwrap_or_else(|| panic!("seed {prefix} present"))
}

/// Every value given to `surface` in the document.
fn values_of(doc: &Tagged, surface: &str) -> Vec<String> {
    doc.mentions
        .iter()
        .filter(|m| doc.text[m.start as usize..m.end as usize].ends_with(surface))
        .map(|m| m.value.clone())
        .collect()
}

fn assert_value(seeds: &[Tagged], prefix: &str, surface: &str, value: &str) {
    let doc = document(seeds, prefix);
    let values = values_of(doc, surface);
    assert!(values.iter().any(|v| v == value), "{prefix}: {surface:?} should be {value}, got {values:?}");
}

fn day(iso: &str) -> i32 {
    parse_iso_day(iso).expect("an ISO day")
}

#[test]
fn seed_mentions_resolve_against_their_documents() {
    let seeds = seeds();
    assert_value(&seeds, "000", "January 20", "2000-01-20");
    assert_value(&seeds, "001", "December 15", "1999-12-15");
    assert_value(&seeds, "001", "yesterday", "2000-02-16");
    assert_value(&seeds, "002", "this past May", "2000-05");
    assert_value(&seeds, "002", "spring of 1999", "1999-SP");
    assert_value(&seeds, "002", "December 15", "2000-12-15");
    assert_value(&seeds, "003", "July 20", "1999-07-20");
    assert_value(&seeds, "003", "yesterday", "1999-07-20");
    assert_value(&seeds, "003", "May 1997", "1997-05");
    assert_value(&seeds, "004", "28 June 2000", "2000-06-28");

    // The range is one mention whose days run from its first end to its last.
    let doc = document(&seeds, "000");
    let range = doc
        .mentions
        .iter()
        .find(|m| doc.text[m.start as usize..m.end as usize].starts_with("January 31"))
        .expect("the range is found");
    assert_eq!(&doc.text[range.start as usize..range.end as usize], "January 31-February 2");
    assert_eq!((range.first_day, range.last_day), (Some(day("2000-01-31")), Some(day("2000-02-02"))));
}

#[test]
fn seed_mentions_fall_in_the_expected_periods() {
    let seeds = seeds();
    let mentions_in = |prefix: &str, first: &str, last: &str| {
        document(&seeds, prefix).mentions.iter().any(|m| m.overlaps_days(day(first), day(last)))
    };
    for prefix in ["000", "001"] {
        assert!(mentions_in(prefix, "2000-01-01", "2000-01-31"), "{prefix} mentions January 2000");
    }
    for prefix in ["000", "002", "003", "004"] {
        assert!(mentions_in(prefix, "1997-01-01", "1997-12-31"), "{prefix} mentions 1997");
    }
}

#[test]
fn seed_spans_are_ordered_and_on_boundaries() {
    for doc in seeds() {
        let mut at = 0;
        for m in &doc.mentions {
            let (start, end) = (m.start as usize, m.end as usize);
            assert!(at <= start && start < end, "{}: spans in order", doc.id);
            assert!(doc.text.is_char_boundary(start) && doc.text.is_char_boundary(end));
            at = end;
        }
    }
}
