//! The dates the seed documents mention, through the index: stored with each
//! document, found by `mentions:`, drawn over time and listed as a
//! chronology (the tagger's own cases are in `timex_seeds.rs`).

use std::path::Path;

use annals_engine::analytics::timeline::Granularity;
use annals_engine::date::{days_from_civil, iso_day};
use annals_engine::{ingest, Corpus, IndexBuilder, SearchRequest, Selection};

fn seed_index() -> (Vec<u8>, ingest::LoadedCorpus) {
    let corpus = ingest::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus")).expect("the seeds load");
    let mut builder = IndexBuilder::new(corpus.meta.clone());
    for document in corpus.documents.clone() {
        builder.add(document).expect("unique ids");
    }
    (builder.finish().expect("index"), corpus)
}

fn found(corpus: &Corpus<'_>, query: &str) -> Vec<String> {
    let mut ids: Vec<String> = corpus.search(&SearchRequest::new(query, 100)).hits.into_iter().map(|h| h.id[..3].to_string()).collect();
    ids.sort();
    ids
}

#[test]
fn mentions_are_stored_searched_and_counted() {
    let (bytes, loaded) = seed_index();
    let corpus = Corpus::open(&bytes).unwrap();
    // Every document gives back the mentions ingestion found.
    for document in &loaded.documents {
        assert_eq!(corpus.document(&document.id).unwrap().mentions, document.mentions, "{}", document.id);
    }
    assert!(loaded.report.mentions.found >= loaded.report.mentions.dated && loaded.report.mentions.dated > 10, "{:?}", loaded.report.mentions);
    assert_eq!(found(&corpus, "mentions:2000-01"), ["000", "001"]);
    assert_eq!(found(&corpus, "mentions:1997"), ["000", "002", "003", "004"]);
    assert_eq!(found(&corpus, "Robertson mentions:1999-07"), found(&corpus, "Robertson mentions:1999-07-20"));
    assert!(found(&corpus, "mentions:1850..1900").is_empty());
    // A period counts when it lies inside the range: 004's "the past year"
    // (2000) is not inside January 2000, its "28 June 2000" is inside 2000.
    assert!(found(&corpus, "mentions:2000").contains(&"004".to_string()));
    let notices = corpus.search(&SearchRequest::new("mentions:soon", 10)).notices;
    assert!(notices.iter().any(|n| n.contains("mentions:soon")), "{notices:?}");
}

#[test]
fn the_chronology_lists_mentions_by_the_date_they_refer_to() {
    let (bytes, _) = seed_index();
    let corpus = Corpus::open(&bytes).unwrap();
    let everything = corpus.chronology(&Selection::default(), 0, 10_000);
    assert!(everything.total > 10 && everything.entries.len() == everything.total);
    let firsts: Vec<i32> = everything.entries.iter().map(|e| e.mention.first_day.unwrap()).collect();
    assert!(firsts.windows(2).all(|w| w[0] <= w[1]), "ordered by the day referred to");
    for entry in &everything.entries {
        let (start, end) = (entry.mark.0 as usize, entry.mark.1 as usize);
        let document = corpus.document(&entry.id).unwrap();
        let surface = &document.text[entry.mention.start as usize..entry.mention.end as usize];
        assert_eq!(&entry.sentence[start..end], surface.replace('\n', " "), "{}", entry.id);
    }
    // "May 1997" in 003, with its sentence, among the mentions of the
    // documents that mention 1997.
    let in_1997 = corpus.chronology(&Selection::of_query("mentions:1997"), 0, 100);
    let may = in_1997.entries.iter().find(|e| e.id.starts_with("003") && e.mention.value == "1997-05").expect("May 1997 in 003");
    assert!(may.sentence.contains("May 1997"), "{}", may.sentence);
    // Paging gives the same entries as one page.
    let pages: Vec<_> = (0..everything.total).step_by(7).flat_map(|offset| corpus.chronology(&Selection::default(), offset, 7).entries).collect();
    assert_eq!(pages, everything.entries);
}

#[test]
fn the_mentioned_dates_timeline_counts_each_period_talked_about() {
    let (bytes, _) = seed_index();
    let corpus = Corpus::open(&bytes).unwrap();
    let by_year = corpus.mention_timeline(&Selection::default(), Some(Granularity::Year));
    let year = |y: i32| by_year.bins.iter().find(|b| iso_day(b.start) == format!("{y}-01-01")).map_or(0, |b| b.count);
    assert!(year(1997) >= 4 && year(2000) > year(1997), "{:?}", by_year.bins);
    // Counted by hand: every dated mention overlapping 2000.
    let everything = corpus.chronology(&Selection::default(), 0, 10_000);
    let (lo, hi) = (days_from_civil(2000, 1, 1), days_from_civil(2000, 12, 31));
    let in_2000 = everything.entries.iter().filter(|e| e.mention.overlaps_days(lo, hi)).count();
    assert_eq!(year(2000), in_2000);
    // A selection narrows it: 003 alone never mentions 2001.
    let only_003 = Selection { date_range: Some((days_from_civil(1999, 7, 1), days_from_civil(1999, 7, 31))), ..Selection::default() };
    let narrow = corpus.mention_timeline(&only_003, Some(Granularity::Year));
    assert!(narrow.bins.iter().all(|b| b.start < days_from_civil(2000, 1, 1)), "{:?}", narrow.bins);
}
