//! Search over the seed corpus: the expectations the product promises, and
//! snapshots of ranking and snippets (refresh with `UPDATE_EXPECT=1`).
//!
//! Until ingestion lands, the seed documents are built here from the files
//! in `corpus/` with the dates SEEDS.md gives.

use annals_engine::date::days_from_civil;
use annals_engine::{CorpusMeta, DatePrecision, DateSource, DocDate, Document, Corpus, IndexBuilder, SearchRequest, Sort};
use expect_test::{expect, Expect};

fn seed_documents() -> Vec<Document> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus");
    let dates = [
        ("000", (2000, 2, 9), "Monitor Vol. 6 Issue 28"),
        ("001", (2000, 2, 17), "Monitor Vol. 6 Issue 34"),
        ("002", (2000, 12, 20), "Monitor Vol. 6 Issue 238"),
        ("003", (1999, 7, 21), "Monitor Vol. 5 Issue 140"),
        ("004", (2001, 5, 15), "Great expectations"),
    ];
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("corpus folder")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let text = std::fs::read_to_string(format!("{dir}/{name}")).expect("seed file");
            let (_, (y, m, d), title) = dates.iter().find(|(p, _, _)| name.starts_with(p)).expect("known seed");
            let day = days_from_civil(*y, *m, *d);
            let date = if name.starts_with("002") {
                DocDate {
                    day,
                    start: days_from_civil(2000, 12, 18),
                    end: days_from_civil(2000, 12, 22),
                    precision: DatePrecision::Approximate,
                    source: DateSource::Inferred,
                }
            } else {
                DocDate::on_day(day, DateSource::Header)
            };
            let publication = if name.starts_with("004") { "NATO Review" } else { "Monitor" };
            Document {
                id: name.clone(),
                title: title.to_string(),
                date: Some(date),
                text,
                facets: vec![("publication".to_string(), vec![publication.to_string()])],
                metadata: vec![],
                origin: format!("corpus/{name}"),
                mentions: vec![],
            }
        })
        .collect()
}

fn seed_index() -> Vec<u8> {
    let mut meta = CorpusMeta::default();
    meta.facets.push(annals_engine::FacetField {
        name: "publication".to_string(),
        kind: annals_engine::FacetKind::Keyword,
    });
    let mut b = IndexBuilder::new(meta);
    for d in seed_documents() {
        b.add(d).unwrap();
    }
    b.finish().unwrap()
}

fn seeds() -> &'static Corpus<'static> {
    use std::sync::OnceLock;
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    static INDEX: OnceLock<Corpus<'static>> = OnceLock::new();
    let bytes = BYTES.get_or_init(seed_index);
    INDEX.get_or_init(|| Corpus::open(bytes).unwrap())
}

/// The seed prefixes (`000`…`004`) of the hits, in rank order.
fn ids(query: &str) -> Vec<String> {
    let r = seeds().search(&SearchRequest::new(query, 10));
    assert_eq!(r.total, r.hits.len(), "{query}");
    r.hits.iter().map(|h| h.id[..3].to_string()).collect()
}

fn sorted_ids(query: &str) -> Vec<String> {
    let mut v = ids(query);
    v.sort();
    v
}

/// Renders a search as text: total, hits with their snippet (marks in
/// brackets), notices and suggestion.
fn render(request: &SearchRequest) -> String {
    let r = seeds().search(request);
    let mut out = format!("total {}\n", r.total);
    for h in &r.hits {
        let mut marked = String::new();
        let mut last = 0;
        for &(s, e) in &h.snippet.marks {
            let (s, e) = (s as usize, e as usize);
            marked.push_str(&h.snippet.text[last..s]);
            marked.push('[');
            marked.push_str(&h.snippet.text[s..e]);
            marked.push(']');
            last = e;
        }
        marked.push_str(&h.snippet.text[last..]);
        let marked = marked.split_whitespace().collect::<Vec<_>>().join(" ");
        let date = h.date.map(|d| d.iso()).unwrap_or_default();
        out.push_str(&format!("{} {} {:.2}\n  {}\n", &h.id[..3], date, h.score, marked));
    }
    for n in &r.notices {
        out.push_str(&format!("notice: {n}\n"));
    }
    if let Some(s) = &r.suggestion {
        out.push_str(&format!("suggestion: {s}\n"));
    }
    out
}

fn check(query: &str, expect: Expect) {
    expect.assert_eq(&render(&SearchRequest::new(query, 3)));
}

#[test]
fn seed_expectations() {
    assert_eq!(sorted_ids("Robertson"), ["000", "001", "002", "004"]);
    assert_eq!(sorted_ids("Stepashin"), ["003"]);
    assert_eq!(sorted_ids("Yeltsin"), Vec::<String>::new());
    assert_eq!(sorted_ids("\"Permanent Joint Council\""), ["002", "003", "004"]);
    assert_eq!(sorted_ids("Robertson -Albright"), ["002", "004"]);
    assert_eq!(sorted_ids("Sergeyev~"), ["002", "004"]);
    // "Founding" in 000, 002, 004; 003 has "foundations", a true prefix match.
    assert_eq!(sorted_ids("found*"), ["000", "002", "003", "004"]);
    assert_eq!(sorted_ids("date:2001"), ["004"]);
    assert_eq!(sorted_ids("(Chechnya OR Stepashin) NATO"), ["002", "003"]);
}

#[test]
fn analysis_reaches_queries() {
    // Dashes split words; apostrophes and possessives fold.
    assert!(sorted_ids("Russia").len() >= 4);
    assert_eq!(sorted_ids("NATO-Russia"), sorted_ids("\"NATO Russia\""));
    assert_eq!(sorted_ids("Robertson’s"), sorted_ids("Robertson's"));
}

#[test]
fn odd_queries_never_panic() {
    let long_word = "a".repeat(20_000);
    let many_terms = (0..500).map(|i| format!("w{i}")).collect::<Vec<_>>().join(" ");
    let deep = "(".repeat(5_000);
    let nots = "NOT ".repeat(2_000);
    let prefixes = "a* r* n* s* t* ".repeat(20);
    let fuzzies = (0..100).map(|i| format!("robertsonx{i}~2")).collect::<Vec<_>>().join(" OR ");
    let odd = [
        "\"", "(((", "*", "date:", "<script>", "-", "OR OR", "~~", "ünïcödé 日本語 🎉", ")", "\"\"~", "title:",
        "publication:", "=", "=*", "a~9", "x~~~", "-(", "NOT", "\u{0}", "date:99999..1", "\"a b\"~99999999999",
        long_word.as_str(), many_terms.as_str(), deep.as_str(), nots.as_str(), prefixes.as_str(), fuzzies.as_str(),
    ];
    for q in odd {
        let start = std::time::Instant::now();
        let r = seeds().search(&SearchRequest::new(q, 10));
        assert!(start.elapsed().as_millis() < 2_000, "{q:.40} took {:?}", start.elapsed());
        for h in &r.hits {
            for &(s, e) in &h.snippet.marks {
                assert!(h.snippet.text.get(s as usize..e as usize).is_some());
            }
        }
    }
}

#[test]
fn empty_query_with_filters_lists_documents() {
    let mut r = SearchRequest::new("", 10);
    r.selection.filters.push(annals_engine::FacetFilter {
        field: "publication".to_string(),
        any_of: vec!["Monitor".to_string()],
        none_of: vec![],
    });
    r.sort = Sort::Newest;
    let res = seeds().search(&r);
    let ids: Vec<&str> = res.hits.iter().map(|h| &h.id[..3]).collect();
    assert_eq!(ids, ["002", "001", "000", "003"]);
    let mut r = SearchRequest::new("", 10);
    r.selection.date_range = Some((days_from_civil(2000, 1, 1), days_from_civil(2000, 12, 31)));
    r.sort = Sort::Oldest;
    let ids: Vec<String> = seeds().search(&r).hits.iter().map(|h| h.id[..3].to_string()).collect();
    assert_eq!(ids, ["000", "001", "002"]);
}

#[test]
fn documents_round_trip() {
    let idx = seeds();
    idx.verify().unwrap();
    for d in seed_documents() {
        assert_eq!(idx.document(&d.id).as_ref(), Some(&d));
    }
    assert_eq!(idx.document("nope"), None);
    assert_eq!(idx.overview().documents, 5);
}

#[test]
fn corrupt_bytes_are_refused() {
    let bytes = seed_index();
    assert!(Corpus::open(&bytes[..bytes.len() - 1]).is_err());
    assert!(Corpus::open(b"hello").is_err());
    let mut bad = bytes.clone();
    bad[20] ^= 1;
    assert!(Corpus::open(&bad).unwrap().verify().is_err());
    // Unaligned bytes open fine.
    let mut shifted = vec![0u8];
    shifted.extend_from_slice(&bytes);
    assert_eq!(Corpus::open(&shifted[1..]).unwrap().search(&SearchRequest::new("Robertson", 10)).total, 4);
}

#[test]
fn snapshots() {
    check("Robertson", expect![[r#"
        total 4
        001 2000-02-17 0.90
          …that a possible visit by [Robertson] was in the works. Putin himself added to the sense that a breakthrough might be forthcoming when, on January 23, he described [Robertson’s] proposed visit as part of a positive trend in Russian-NATO ties.…
        000 2000-02-09 0.83
          …the [Robertson] visit this month was being viewed only as a first step and that Moscow expected a long period of negotiation to follow. Yesterday’s reports out of the Russian capital, however, suggest that [Robertson’s] visit could now be…
        004 2001-05-15 0.40
          …Lord [Robertson's] first trip to Moscow as NATO Secretary General in February 2000 was aimed at re-energising the NATO-Russia relationship. He and Russian President Vladimir Putin agreed that NATO and Russia should pursue a "vigorous…
    "#]]);
    check("\"Permanent Joint Council\"", expect![[r#"
        total 3
        004 2001-05-15 3.95
          …meeting of the [Permanent Joint Council] in December 2000 welcomes progress achieved and reaffirms the "commitment to build, within the framework of the [Permanent Joint Council], a strong, stable and equal partnership", Brussels and Moscow…
        003 1999-07-21 3.24
          …Relations between Russia and NATO hit yet another speed bump yesterday when a meeting of the Russia-NATO [Permanent Joint Council] was postponed without explanation. NATO and Russian officials had been scheduled to hold talks in Brussels on…
        002 2000-12-20 2.38
          …Russian military leaders have also resumed their attendance at meetings of the NATO-Russia [Permanent Joint Council], including a meeting of alliance defense chiefs earlier this month that was attended by Russian Defense Minister Igor…
    "#]]);
    check("Sergeyev~", expect![[r#"
        total 2
        002 2000-12-20 0.95
          …earlier this month that was attended by Russian Defense Minister Igor [Sergeev] (see the Monitor, December 7). But last week’s developments reflected the fact that, despite the resumption of meetings between top Russian and NATO…
        004 2001-05-15 0.91
          …defence and foreign ministers with their Russian counterparts, Marshal Igor [Sergeyev] and Igor Ivanov. But recent improvements mask underlying differences between the Allies and Russia in their perceptions of the evolution of Europe's…
    "#]]);
    check("found*", expect![[r#"
        total 4
        004 2001-05-15 0.56
          …of activities over the past months, to lay the [foundations] for a true partnership. When the NATO-Russia [Founding] Act was signed in 1997 and the Permanent Joint Council was created, the Russian lite saw it as a damage-limitation exercise…
        003 1999-07-21 0.35
          …and NATO so that the two sides might “determine the principles and [foundations]” of their future relations (Russian Public Television, July 19). Russian commanders on the ground in Kosovo, meanwhile, have suggested that cooperation…
        000 2000-02-09 0.34
          …Moscow appears also to be seeking a reworking of the 1997 Russia-NATO [Founding] Act–the document which established political relations between Russia and the Western alliance. Moscow appears determined to win an influential voice in–and…
    "#]]);
    check("petrolium", expect![[r#"
        total 0
    "#]]);
    check("Yelstin", expect![[r#"
        total 0
    "#]]);
    check("(Chechnya OR Stepashin) NATO", expect![[r#"
        total 2
        002 2000-12-20 2.76
          …a [NATO] press office in Moscow (Reuters, AFP, December 16). What appeared to torpedo the agreement was a communique the [NATO] ministers issued, in which they restated Western criticism of Russia’s war in [Chechnya]. The document deplored…
        003 1999-07-21 2.01
          …Relations between Russia and [NATO] hit yet another speed bump yesterday when a meeting of the Russia-[NATO] Permanent Joint Council was postponed without explanation. [NATO] and Russian officials had been scheduled to hold talks in Brussels on…
    "#]]);
    check("\"Russia NATO\"~3 title:expectations", expect![[r#"
        total 1
        004 2001-05-15 4.91
          …Great [expectations] Partners in peacekeeping: [NATO]-[Russia] cooperation in the Balkans has been a particularly positive experience ( © [NATO] - 31Kb) Andrei Zagorski(1) examines the thaw in [NATO]-[Russia] relations and the reasons for both…
    "#]]);
    check("Robertsen -Albright", expect![[r#"
        total 2
        004 2001-05-15 0.40
          …Lord [Robertson's] first trip to Moscow as NATO Secretary General in February 2000 was aimed at re-energising the NATO-Russia relationship. He and Russian President Vladimir Putin agreed that NATO and Russia should pursue a "vigorous…
        002 2000-12-20 0.31
          …Vladimir Putin backed a visit to Moscow by NATO Secretary General George [Robertson] (see the Monitor, February 9, 17). The visit, which appeared to take place despite the opposition of many in the Russian military leadership, marked a key,…
        notice: "robertsen" is not in the corpus; searched for similar words: robertson
        suggestion: Robertson -Albright
    "#]]);
    check("Stepashim", expect![[r#"
        total 1
        003 1999-07-21 1.69
          …Those remarks come amid preparations for the upcoming talks between Russian Prime Minister Sergei [Stepashin] and U.S. Vice President Al Gore.
        notice: "stepashim" is not in the corpus; searched for similar words: stepashin
        suggestion: Stepashin
    "#]]);
    check("OR (Chechnya", expect![[r#"
        total 1
        002 2000-12-20 2.42
          …issued, in which they restated Western criticism of Russia’s war in [Chechnya]. The document deplored the continued loss of civilian life in the republic. It also raised anew Western frustration with Moscow’s performance at last…
        notice: "OR" without a word before it was ignored
        notice: a missing ")" was assumed at the end
    "#]]);
}

/// The page does not checksum the index it embeds (hashing megabytes on
/// every load would cost the user), so damaged bytes past the header must
/// give wrong answers, never a panic, a hang or a runaway allocation: a
/// panic in WebAssembly kills the page.
#[test]
fn damaged_index_bytes_never_panic() {
    use annals_engine::analytics::timeline::Granularity;
    let bytes = seed_index();
    // Damage goes into the sections `open` does not checksum: all but
    // TERMS (1) and FACETS (7), located through the section table.
    let section = |i: usize| {
        let at = |o: usize| u32::from_le_bytes(bytes[o..o + 4].try_into().unwrap()) as usize;
        at(28 + 8 * i)..at(28 + 8 * i) + at(32 + 8 * i)
    };
    let targets: Vec<usize> = [0, 2, 3, 4, 5, 6, 8].into_iter().flat_map(section).collect();
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut opened = 0;
    for round in 0..1_000 {
        let mut bad = bytes.clone();
        let flips = 1 + round % 8;
        for _ in 0..flips {
            let at = targets[(next() as usize) % targets.len()];
            bad[at] ^= 1 << (next() % 8);
        }
        let Ok(index) = Corpus::open(&bad) else { continue };
        opened += 1;
        index.prepare();
        for query in ["Robertson", "\"Permanent Joint Council\"", "Sergeyev~", "found*", "the", "date:2000", "NATO -Russia"] {
            let request = SearchRequest::new(query, 10);
            let results = index.search(&request);
            assert!(results.hits.len() <= 10);
            let selection = &request.selection;
            index.timeline(selection, Some(Granularity::Month));
            index.facet_counts(selection);
            index.concordance(selection, 40, 50);
            index.term_stats(selection, 20);
            index.collocates(selection, query, 4, 10);
        }
        for ordinal in 0..index.len() as u32 {
            index.document_at(ordinal);
        }
        index.overview();
    }
    // Damage outside the dictionaries mostly passes open (damaged metadata
    // can be refused there), so nearly every round reads a damaged index.
    assert!(opened > 900, "only {opened} damaged indexes opened");
}

/// A question typed as a sentence: no document has all its words, so the
/// documents with most of them answer, best first, and the notice says
/// which words no document has together and which none has at all. An
/// explicit AND insists on every word.
#[test]
fn a_question_finds_its_best_matches() {
    let question = "What did Robertson say about the Permanent Joint Council meeting in Moscow?";
    let results = seeds().search(&SearchRequest::new(question, 10));
    let first_two: std::collections::BTreeSet<&str> = results.hits.iter().take(2).map(|h| &h.id[..3]).collect();
    assert_eq!(first_two, ["002", "004"].into_iter().collect());
    let notice = results.notices.iter().find(|n| n.contains("no document has all of these words")).expect("best match is announced");
    assert!(notice.contains("robertson") && notice.contains("moscow") && !notice.contains(" the,"), "{notice}");
    assert!(notice.contains("in no document: did"), "{notice}");
    // The analytics describe the documents listed: the facet counts and
    // the timeline of the question count its best matches too.
    let selection = annals_engine::Selection { query: question.to_string(), ..Default::default() };
    let per_publication: usize = seeds().facet_counts(&selection)[0].values.iter().map(|v| v.count).sum();
    assert_eq!(per_publication, results.total);
    let over_time: usize = seeds().timeline(&selection, None).bins.iter().map(|b| b.count).sum();
    assert_eq!(over_time, results.total);
    // A long question names its first twelve words and counts the rest.
    let long = seeds().search(&SearchRequest::new(
        "Robertson Moscow Kosovo Council Founding Act Primakov Ivanov Putin Yeltsin Sergeev Solana Clark Albright Belgrade Brussels",
        10,
    ));
    let notice = long.notices.iter().find(|n| n.contains("all of these words")).expect("best match is announced");
    assert!(notice.contains("sergeev, solana and 4 more") && !notice.contains("albright,"), "{notice}");
    // Every word must hold when the query says AND.
    let strict = seeds().search(&SearchRequest::new("Robertson AND Permanent AND Joint AND Council AND Yesterday AND Kosovo", 10));
    assert_eq!(strict.total, 0, "{:?}", strict.hits.iter().map(|h| &h.id).collect::<Vec<_>>());
    // A query whose words all occur together is answered as before.
    assert_eq!(sorted_ids("Robertson Moscow"), ["000", "001", "002", "004"]);
    assert!(seeds().search(&SearchRequest::new("Robertson Moscow", 10)).notices.is_empty());
}

/// "lifeboat" and "life-boat" find all three spellings; a quoted "life boat"
/// only its words; a word that merely contains two words ("together") is
/// not split into them.
#[test]
fn compounds_are_found_however_they_are_written() {
    let texts = [
        ("joined", "The lifeboat was launched at dawn."),
        ("dashed", "The life-boat was launched at dawn."),
        ("apart", "The life boat was launched at dawn."),
        ("unrelated", "Life on the quay; a boat came in together with the tide."),
        ("words", "We get her to the harbour together."),
    ];
    let mut builder = IndexBuilder::new(CorpusMeta::default());
    for (id, text) in texts {
        builder
            .add(Document {
                id: id.to_string(),
                title: String::new(),
                date: None,
                text: text.to_string(),
                facets: vec![],
                metadata: vec![],
                origin: id.to_string(),
                mentions: vec![],
            })
            .unwrap();
    }
    let bytes = builder.finish().unwrap();
    let corpus = Corpus::open(&bytes).unwrap();
    let found = |query: &str| {
        let mut ids: Vec<String> = corpus.search(&SearchRequest::new(query, 10)).hits.into_iter().map(|h| h.id).collect();
        ids.sort();
        ids
    };
    for query in ["lifeboat", "life-boat", "lifeboats"] {
        assert_eq!(found(query), ["apart", "dashed", "joined"], "{query}");
    }
    // A quoted phrase keeps to its words.
    assert_eq!(found("\"life boat\""), ["apart", "dashed"]);
    assert_eq!(found("-lifeboat launched"), Vec::<String>::new());
    assert_eq!(found("together"), ["unrelated", "words"]);
    let results = corpus.search(&SearchRequest::new("lifeboat", 10));
    assert!(results.notices.is_empty(), "{:?}", results.notices);
}

/// A quoted phrase is marked where its words stand together, as one mark,
/// and its words are not marked on their own elsewhere; a word searched on
/// its own still is. Snippets and the reader's hit ranges agree. A
/// sentence's stop words are not marked.
#[test]
fn a_phrase_is_marked_only_where_its_words_stand_together() {
    let text = "Interest in the plan grew. Rates fell, and interest rates fell with them. Bonds rallied.";
    let mut builder = IndexBuilder::new(CorpusMeta::default());
    builder
        .add(Document {
            id: "rates".to_string(),
            title: String::new(),
            date: None,
            text: text.to_string(),
            facets: vec![],
            metadata: vec![],
            origin: "rates".to_string(),
            mentions: vec![],
        })
        .unwrap();
    let bytes = builder.finish().unwrap();
    let corpus = Corpus::open(&bytes).unwrap();
    let marked = |query: &str| -> Vec<String> {
        let hit = corpus.search(&SearchRequest::new(query, 1)).hits.remove(0);
        hit.snippet.marks.iter().map(|&(s, e)| hit.snippet.text[s as usize..e as usize].to_string()).collect()
    };
    assert_eq!(marked("\"interest rates\""), ["interest rates"]);
    assert_eq!(marked("\"interest rates\" bonds"), ["interest rates", "Bonds"]);
    assert_eq!(marked("interest rates"), ["Interest", "Rates", "interest", "rates"]);
    let ranges: Vec<&str> = corpus.hit_ranges("\"interest rates\"", text).into_iter().map(|(s, e)| &text[s..e]).collect();
    assert_eq!(ranges, ["interest rates"]);
    // The stop words of a sentence are not marked; alone, they are.
    assert_eq!(marked("how did the plan and the bonds do"), ["plan", "Bonds"]);
    assert_eq!(marked("the"), ["the"]);
}

/// A request for the count alone, or for a page past the last hit, gives
/// the total and no hits, in either order.
#[test]
fn a_count_alone_or_a_page_past_the_end_has_the_total_and_no_hits() {
    for sort in [Sort::Relevance, Sort::Newest] {
        let full = seeds().search(&SearchRequest { sort, ..SearchRequest::new("nato", 10) });
        assert!(full.total > 1 && full.hits.len() == full.total);
        let count = seeds().search(&SearchRequest { sort, ..SearchRequest::new("nato", 0) });
        assert_eq!((count.total, count.hits.len()), (full.total, 0));
        let past = seeds().search(&SearchRequest { sort, offset: full.total, ..SearchRequest::new("nato", 10) });
        assert_eq!((past.total, past.hits.len()), (full.total, 0));
        let last = seeds().search(&SearchRequest { sort, offset: full.total - 1, ..SearchRequest::new("nato", 10) });
        assert_eq!(last.hits.iter().map(|h| &h.id).collect::<Vec<_>>(), [&full.hits[full.total - 1].id]);
    }
}

/// "Did you mean" respells plain words only: a date range, a mentioned
/// period or a facet value is left as typed, even where the corpus has a
/// close and more frequent word (here `2000` for `2100`).
#[test]
fn a_suggestion_leaves_dates_and_fields_as_typed() {
    let mut builder = IndexBuilder::new(CorpusMeta::default());
    for i in 0..12 {
        let doc = Document {
            id: format!("d{i}"),
            title: "Report".into(),
            text: format!("In 2000 the alliance met; 2000 was a year of talks number {i}."),
            date: Some(DocDate::on_day(days_from_civil(2000, 1, 1 + i), DateSource::Header)),
            facets: Vec::new(),
            metadata: Vec::new(),
            origin: String::new(),
            mentions: Vec::new(),
        };
        builder.add(doc).unwrap();
    }
    let bytes = builder.finish().unwrap();
    let corpus = Corpus::open(&bytes).unwrap();
    for query in ["date:2100..2101", "mentions:2100", "date:2100"] {
        let r = corpus.search(&SearchRequest::new(query, 10));
        assert_eq!((r.total, r.suggestion.as_deref()), (0, None), "{query}");
    }
    // A misspelt word beside a date range: the word alone is respelt.
    let r = corpus.search(&SearchRequest::new("aliance date:2100..2101", 10));
    assert_eq!(r.suggestion.as_deref(), Some("alliance date:2100..2101"));
    // The plain number itself may still be respelt.
    let r = corpus.search(&SearchRequest::new("2100", 10));
    assert_eq!(r.suggestion.as_deref(), Some("2000"));
}
