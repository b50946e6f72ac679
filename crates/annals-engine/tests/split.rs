//! The split layout answers as the single layout does: the seed corpus and
//! a synthetic one are built both ways, and every kind of request is asked
//! of both, the split one through the loop a page runs (ask, supply the
//! pieces it found missing, ask again).

use std::collections::HashMap;
use std::path::Path;

use annals_engine::analytics::timeline::Granularity;
use annals_engine::limits::{MAX_SAMPLED_DOCUMENTS, MAX_SAMPLED_RECORD_PIECES};
use annals_engine::date::days_from_civil;
use annals_engine::{
    ingest, Corpus, CorpusMeta, DateSource, DocDate, Document, FacetField, FacetFilter, FacetKind, IndexBuilder, SearchRequest,
    Selection, Sort, SplitIndex,
};

/// A corpus in both layouts: the single blob, the split core and pieces.
struct Both {
    single: Vec<u8>,
    split: SplitIndex,
}

impl Both {
    /// The single index, the split one with no piece yet, and its pieces by name.
    fn open(&self) -> (Corpus<'_>, Corpus<'_>, HashMap<&str, &[u8]>) {
        let pieces = self.split.pieces.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
        (Corpus::open(&self.single).unwrap(), Corpus::open_split(&self.split.core).unwrap(), pieces)
    }
}

fn both(meta: CorpusMeta, documents: Vec<Document>) -> Both {
    let mut builder = IndexBuilder::new(meta);
    for d in documents {
        builder.add(d).expect("unique ids");
    }
    let single = builder.finish().expect("index");
    let split = SplitIndex::from_single(&single).expect("split index");
    Both { single, split }
}

fn seeds() -> Both {
    let corpus = ingest::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus")).expect("the corpus loads");
    both(corpus.meta, corpus.documents)
}

/// Documents of random words from a small vocabulary (with stop words,
/// inflected forms and dashed compounds), dated over four years, with a
/// keyword facet and a tags facet: enough for many pieces of every kind.
fn synthetic() -> Both {
    let (meta, documents) = synthetic_documents();
    both(meta, documents)
}

fn synthetic_documents() -> (CorpusMeta, Vec<Document>) {
    const WORDS: [&str; 40] = [
        "oil", "oils", "price", "prices", "priced", "crude", "barrel", "barrels", "market", "markets", "coffee", "export",
        "exports", "exporting", "bank", "banks", "rate", "rates", "the", "of", "and", "to", "in", "a", "is", "life-boat",
        "lifeboat", "life", "boat", "wheat", "corn", "grain", "tonnes", "federal", "reserve", "dollar", "yen", "japan",
        "brazil", "merger",
    ];
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let meta = CorpusMeta {
        title: "synthetic".into(),
        description: String::new(),
        language: "english".into(),
        facets: vec![
            FacetField { name: "desk".into(), kind: FacetKind::Keyword },
            FacetField { name: "topics".into(), kind: FacetKind::Tags },
        ],
    };
    let mut documents = Vec::new();
    for i in 0..6000u32 {
        let n = 5 + (next() % 120) as usize;
        let body: Vec<String> = (0..n)
            .map(|j| {
                let w = WORDS[(next() % WORDS.len() as u64) as usize];
                if j % 17 == 0 { format!("{w} {}", next() % 5000) } else { w.to_string() }
            })
            .collect();
        let title: Vec<&str> = (0..1 + next() % 5).map(|_| WORDS[(next() % WORDS.len() as u64) as usize]).collect();
        let date = (i % 11 != 0).then(|| DocDate::on_day(days_from_civil(1987, 1, 1) + (next() % 1400) as i32, DateSource::Metadata));
        let topics: Vec<String> = (0..next() % 3).map(|_| ["crude", "grain", "money-fx", "acq"][(next() % 4) as usize].to_string()).collect();
        let mut facets = vec![("desk".to_string(), vec![["London", "Tokyo", "New York"][(i % 3) as usize].to_string()])];
        if !topics.is_empty() {
            facets.push(("topics".to_string(), topics));
        }
        documents.push(Document {
            id: format!("syn-{i}"),
            title: title.join(" "),
            text: body.join(if i % 2 == 0 { " " } else { ", " }),
            date,
            facets,
            metadata: vec![("source".into(), "generator".into())],
            origin: format!("synthetic.jsonl#syn-{i}"),
            mentions: Vec::new(),
        });
    }
    (meta, documents)
}

/// Runs `ask` until it reads no absent piece, supplying the missing ones;
/// returns the answer and how many rounds it took.
fn complete<T>(corpus: &Corpus<'_>, pieces: &HashMap<&str, &[u8]>, mut ask: impl FnMut() -> T) -> (T, usize) {
    for round in 1..=20 {
        let answer = ask();
        let missing = corpus.missing_pieces();
        if missing.is_empty() {
            return (answer, round);
        }
        for name in missing {
            corpus.add_piece(&name, pieces[name.as_str()]).expect("the piece is the named one");
        }
    }
    panic!("pieces still missing after 20 rounds");
}

fn filter(field: &str, any_of: &[&str], none_of: &[&str]) -> FacetFilter {
    FacetFilter {
        field: field.into(),
        any_of: any_of.iter().map(|s| s.to_string()).collect(),
        none_of: none_of.iter().map(|s| s.to_string()).collect(),
    }
}

/// Every request of the query language, plus filters, date ranges and
/// orders, gives the same answer in both layouts; so do facets,
/// timelines, concordance, chronology and documents by id.
fn check_same(both: &Both, queries: &[&str], filters: &[Vec<FacetFilter>], range: (i32, i32), ids: &[&str]) {
    let (single, split, pieces) = both.open();
    assert_eq!(single.meta(), split.meta());
    assert_eq!(single.overview(), split.overview());
    assert_eq!(single.len(), split.len());
    let mut selections = Vec::new();
    for q in queries {
        selections.push(Selection::of_query(*q));
        for f in filters {
            selections.push(Selection { filters: f.clone(), ..Selection::of_query(*q) });
        }
        selections.push(Selection { date_range: Some(range), ..Selection::of_query(*q) });
    }
    for selection in &selections {
        for sort in [Sort::Relevance, Sort::Newest] {
            for (offset, limit) in [(0, 10), (5, 50)] {
                let request = SearchRequest { selection: selection.clone(), limit, offset, sort };
                let (got, _) = complete(&split, &pieces, || split.search(&request));
                assert_eq!(got, single.search(&request), "{selection:?} {sort:?}");
            }
        }
        let (got, _) = complete(&split, &pieces, || split.facet_counts(selection));
        assert_eq!(got, single.facet_counts(selection), "facets of {selection:?}");
        let (got, _) = complete(&split, &pieces, || split.timeline(selection, None));
        assert_eq!(got, single.timeline(selection, None), "timeline of {selection:?}");
        let (got, _) = complete(&split, &pieces, || split.timeline(selection, Some(Granularity::Month)));
        assert_eq!(got, single.timeline(selection, Some(Granularity::Month)), "timeline of {selection:?}");
        let (got, _) = complete(&split, &pieces, || split.concordance(selection, 40, 100));
        assert_eq!(got, single.concordance(selection, 40, 100), "concordance of {selection:?}");
        let (got, _) = complete(&split, &pieces, || split.mention_timeline(selection, None));
        assert_eq!(got, single.mention_timeline(selection, None), "mentions of {selection:?}");
        let (got, _) = complete(&split, &pieces, || split.chronology(selection, 0, 20));
        assert_eq!(got, single.chronology(selection, 0, 20), "chronology of {selection:?}");
        check_same_words(&split, &single, &pieces, selection);
    }
    for id in ids {
        let (got, _) = complete(&split, &pieces, || split.document(id));
        assert_eq!(got, single.document(id), "{id}");
    }
}

/// Word statistics: where the split index reads every selected document
/// (its sample is bounded), the same frequent words and collocates as the
/// single one; the distinctive words it weighs (fewer candidates) score
/// as the single index scores them.
fn check_same_words(split: &Corpus<'_>, single: &Corpus<'_>, pieces: &HashMap<&str, &[u8]>, selection: &Selection) {
    let (got, _) = complete(split, pieces, || split.term_stats(selection, 20));
    let whole = single.term_stats(selection, 20);
    assert_eq!(got.documents, whole.documents, "{selection:?}");
    assert!(got.documents_read == got.documents || got.documents_read <= MAX_SAMPLED_DOCUMENTS, "{selection:?}");
    if got.documents_read < got.documents {
        return;
    }
    assert_eq!(got.frequent, whole.frequent, "frequent words of {selection:?}");
    for word in &got.distinctive {
        if let Some(same) = whole.distinctive.iter().find(|w| w.term == word.term) {
            assert_eq!(word.count, same.count, "{selection:?}");
            assert!((word.score - same.score).abs() <= 1e-6 * same.score.abs().max(1.0), "{word:?} {same:?}");
        }
    }
    let first = selection.query.split_whitespace().find(|w| w.chars().all(char::is_alphabetic)).unwrap_or("oil");
    let (got, _) = complete(split, pieces, || split.collocates(selection, first, 4, 10));
    let whole = single.collocates(selection, first, 4, 10);
    if got.documents_read == got.documents {
        assert_eq!(got, whole, "collocates of {first} in {selection:?}");
    }
}

#[test]
fn seed_corpus_answers_the_same_in_both_layouts() {
    let both = seeds();
    let queries = [
        "",
        "nato",
        "relation",
        "=relations",
        "found*",
        "sergeyev~",
        "robertson~2",
        "\"permanent joint council\"",
        "\"nato russia\"~5",
        "robertson -albright",
        "chechnya OR stepashin",
        "(chechnya OR stepashin) nato",
        "robertson AND moscow",
        "title:expectations",
        "title:\"great expectations\"",
        "publication:\"nato review\"",
        "date:2000",
        "date:1999..2000-06",
        "mentions:2000-01",
        "mentions:1999",
        "the",
        "of the alliance",
        "lifeboat",
        "what did nato say about the kosovo war and russian troops",
        "zzzqqq",
        "natoo",
    ];
    let filters = vec![vec![filter("publication", &["Monitor"], &[])], vec![filter("publication", &[], &["NATO Review"])]];
    let range = (days_from_civil(1999, 1, 1), days_from_civil(2000, 6, 30));
    check_same(&both, &queries, &filters, range, &["000_f60c8a798409cdc8.txt", "004_8b2f1731b81e9c48.txt", "nope"]);
}

#[test]
fn synthetic_corpus_answers_the_same_in_both_layouts() {
    let both = synthetic();
    assert!(both.split.pieces.len() > 20, "{} pieces: too few to cover lists across pieces", both.split.pieces.len());
    // Enough text to train the record pieces' zstd dictionary on, so the
    // answers below read records through it (a dictionary starts with
    // zstd's magic number 0xEC30A437).
    assert!(both.split.pieces.iter().any(|(_, bytes)| bytes.starts_with(&[0x37, 0xa4, 0x30, 0xec])), "a dictionary piece");
    let queries = [
        "",
        "oil",
        "price",
        "=prices",
        "export*",
        "barel~",
        "\"crude oil\"",
        "\"oil prices\"~3",
        "oil -coffee",
        "wheat OR corn",
        "japan yen dollar",
        "title:market",
        "topics:crude",
        "desk:tokyo coffee",
        "date:1988",
        "the",
        "the oil",
        "lifeboat",
        "life-boat",
        "\"life boat\"",
        "4999",
        "federal reserve rates banks merger brazil tonnes grain",
    ];
    let filters = vec![vec![filter("topics", &["grain", "acq"], &[])], vec![filter("desk", &["London"], &["x"]), filter("topics", &[], &["crude"])]];
    let range = (days_from_civil(1987, 6, 1), days_from_civil(1988, 12, 31));
    check_same(&both, &queries, &filters, range, &["syn-0", "syn-5999", "syn-3000"]);
}

#[test]
fn a_split_index_counts_the_words_of_an_even_sample() {
    let both = synthetic();
    let (single, split, pieces) = both.open();

    // The whole corpus's frequent words come from the core: exact, and
    // no piece is read.
    let whole = Selection::of_query("");
    let listed = split.term_stats(&whole, 20);
    assert!(split.missing_pieces().is_empty(), "{:?}", split.missing_pieces());
    assert_eq!(listed.frequent, single.term_stats(&whole, 20).frequent);
    assert_eq!(listed.documents_read, 6000);

    // A selection larger than the sample: counted over a bounded sample
    // spread over the selection, whose word shares are the selection's
    // (the synthetic vocabulary is drawn uniformly).
    let oil = Selection::of_query("oil");
    let mut fetched = 0;
    let (sampled, _) = complete(&split, &pieces, || {
        let stats = split.term_stats(&oil, 40);
        fetched += split.missing_pieces().len();
        stats
    });
    let all = single.term_stats(&oil, 40);
    assert_eq!(sampled.documents, all.documents);
    assert!(sampled.documents_read < sampled.documents && sampled.documents_read <= MAX_SAMPLED_DOCUMENTS, "{sampled:?}");
    assert!(sampled.documents_read >= 200, "{} documents read", sampled.documents_read);
    // The records of at most so many pieces, and a dictionary piece per
    // weighed word at most.
    assert!(fetched <= MAX_SAMPLED_RECORD_PIECES + 1 + 100 + 10, "{fetched} pieces fetched");
    let share = |stats: &annals_engine::analytics::terms::TermStats, word: &str| {
        let total: usize = stats.frequent.iter().map(|t| t.count).sum();
        stats.frequent.iter().find(|t| t.term == word).map_or(0.0, |t| t.count as f64 / total as f64)
    };
    for word in ["price", "crude", "market", "coffee", "oil"] {
        let (got, want) = (share(&sampled, word), share(&all, word));
        assert!((got - want).abs() <= 0.2 * want, "{word}: {got:.4} of the sample, {want:.4} of the selection");
    }
    assert!(sampled.distinctive.windows(2).all(|w| w[0].score >= w[1].score && w[1].score > 0.0), "{:?}", sampled.distinctive);

    let (near, _) = complete(&split, &pieces, || split.collocates(&whole, "crude", 4, 10));
    assert!(near.documents_read < near.documents && near.documents_read <= MAX_SAMPLED_DOCUMENTS, "{near:?}");
    assert!(!near.words.is_empty(), "{near:?}");
}

#[test]
fn the_whole_corpus_opening_view_reads_one_piece() {
    // What a page shows before a query (facet counts, the timeline, the
    // most frequent words) comes from the core and one day piece, not
    // from every facet list and doc piece: it does not grow with the corpus.
    let both = synthetic();
    let (single, split, pieces) = both.open();
    let whole = Selection::of_query("");
    assert_eq!(split.facet_counts(&whole), single.facet_counts(&whole));
    split.term_stats(&whole, 20);
    assert!(split.missing_pieces().is_empty(), "{:?}", split.missing_pieces());
    split.timeline(&whole, None);
    assert_eq!(split.missing_pieces().len(), 1, "the day piece");
    for granularity in [None, Some(Granularity::Day), Some(Granularity::Month), Some(Granularity::Year)] {
        let (got, _) = complete(&split, &pieces, || split.timeline(&whole, granularity));
        assert_eq!(got, single.timeline(&whole, granularity), "{granularity:?}");
    }
}

#[test]
fn writing_split_directly_gives_the_bytes_of_splitting_a_single_index() {
    // `finish_split` skips compressing the single index's stored text
    // (the split layout compresses its records again, in pieces); the
    // result must not depend on that shortcut.
    let (meta, documents) = synthetic_documents();
    let direct = {
        let mut builder = IndexBuilder::new(meta.clone());
        for d in documents.clone() {
            builder.add(d).expect("unique ids");
        }
        builder.finish_split().expect("split index")
    };
    let from_single = synthetic().split;
    assert_eq!(direct.core, from_single.core);
    assert_eq!(direct.pieces, from_single.pieces);
    assert!(direct.pieces.iter().any(|(_, bytes)| bytes.starts_with(&[0x37, 0xa4, 0x30, 0xec])), "records compressed against a dictionary");
}

#[test]
fn a_split_index_opens_with_no_piece_and_refuses_wrong_bytes() {
    let both = seeds();
    let split = Corpus::open_split(&both.split.core).unwrap();
    split.verify().unwrap();
    // With no piece: no hits yet, pieces named, no panic.
    let results = split.search(&SearchRequest { selection: Selection::of_query("nato"), ..SearchRequest::default() });
    assert!(results.hits.is_empty());
    let missing = split.missing_pieces();
    assert!(!missing.is_empty());
    assert!(split.add_piece(&missing[0], b"not the piece").is_err());
    assert!(split.add_piece("0123456789abcdef", b"").is_err());
    // A piece's file is accepted under its own name only: not under
    // another piece's number, nor from another build of another corpus.
    let [(first, first_file), (second, _), ..] = &both.split.pieces[..] else { panic!("two pieces at least") };
    assert!(split.add_piece(second, first_file).is_err());
    let other = synthetic();
    assert!(split.add_piece(&other.split.pieces[0].0, &other.split.pieces[0].1).is_err());
    assert!(split.add_piece(first, &first_file[..first_file.len() - 1]).is_err());
    split.add_piece(first, first_file).expect("a piece under its own name");
    // A single-file index is not a core; a core opens with the one open
    // a page calls, as a split index.
    assert!(Corpus::open_split(&both.single).is_err());
    let opened = Corpus::open(&both.split.core).expect("open reads a split core too");
    opened.search(&SearchRequest { selection: Selection::of_query("nato"), ..SearchRequest::default() });
    assert!(!opened.missing_pieces().is_empty(), "opened as a split index");
    let mut damaged = both.split.core.clone();
    let last = damaged.len() - 1;
    damaged[last] ^= 1;
    assert!(Corpus::open_split(&damaged).is_err());
}

#[test]
fn damaged_pieces_give_answers_never_panics() {
    let both = synthetic();
    let split = Corpus::open_split(&both.split.core).unwrap();
    // Pieces whose bytes are damaged but named as if they were right: the
    // reader trusts nothing but the dictionaries' checked bytes.
    let damaged: HashMap<String, Vec<u8>> = both
        .split
        .pieces
        .iter()
        .map(|(n, b)| {
            let mut b = b.clone();
            for i in (7..b.len()).step_by(97) {
                b[i] ^= 0x5a;
            }
            (n.clone(), b)
        })
        .collect();
    // add_piece refuses them: their hash is not their name.
    for (name, bytes) in damaged.iter().take(5) {
        assert!(split.add_piece(name, bytes).is_err());
    }
    let _ = split.search(&SearchRequest { selection: Selection::of_query("oil -coffee \"crude oil\" export*"), ..SearchRequest::default() });
}

/// Words standing close together earn a bonus among the best documents:
/// the single layout finds their positions in its forward view, the split
/// layout decodes them from its positions pieces, and both give the same
/// scores. 150 documents hold both words equally often in equal lengths
/// (more than the bonus looks at); only in one do they stand side by side.
#[test]
fn words_close_together_rank_first_the_same_in_both_layouts() {
    let filler = |i: usize, n: usize| (0..n).map(|j| format!("w{}x{}", i % 7, j)).collect::<Vec<_>>().join(" ");
    let documents: Vec<Document> = (0..150)
        .map(|i| {
            let text = if i == 97 {
                format!("{} alpha beta {}", filler(i, 20), filler(i + 1, 20))
            } else {
                format!("alpha {} beta {}", filler(i, 20), filler(i + 1, 20))
            };
            Document {
                id: format!("d{i}"),
                title: "a note".into(),
                text,
                date: None,
                facets: Vec::new(),
                metadata: Vec::new(),
                origin: String::new(),
                mentions: Vec::new(),
            }
        })
        .collect();
    let both = both(CorpusMeta { language: "english".into(), ..CorpusMeta::default() }, documents);
    let (single, split, pieces) = both.open();
    for query in ["alpha beta", "beta alpha", "alphas betas"] {
        let request = SearchRequest::new(query, 10);
        let got = single.search(&request);
        assert_eq!(got.total, 150, "{query}");
        let (from_split, _) = complete(&split, &pieces, || split.search(&request));
        assert_eq!(from_split, got, "{query}");
        if query == "alpha beta" || query == "alphas betas" {
            assert_eq!(got.hits[0].id, "d97", "{query}: {:?}", got.hits.iter().map(|h| (&h.id, h.score)).collect::<Vec<_>>());
            assert!(got.hits[0].score > got.hits[1].score, "{query}");
        } else {
            // Out of query order, no pair counts: the scores are all equal.
            assert!(got.hits.iter().all(|h| h.score == got.hits[0].score), "{query}");
        }
    }
}
