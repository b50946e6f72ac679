//! The workbench's analytics against the seed corpus (always) and
//! Reuters-21578 (when `../shared/corpora/reuters21578/reuters21578.jsonl`
//! or `$REUTERS_DIR` is there): counts checked against plain counts over the
//! documents, and timings printed for the large corpus.

use std::path::{Path, PathBuf};
use std::time::Instant;

use annals_engine::date::days_from_civil;
use annals_engine::analytics::timeline::Granularity;
use annals_engine::analytics::SIGNIFICANT_G2;
use annals_engine::{ingest, Corpus, Document, FacetFilter, IndexBuilder, SearchRequest, Selection};

fn build(dir: &Path) -> (Vec<u8>, Vec<Document>) {
    let corpus = ingest::load(dir).expect("the corpus loads");
    let mut builder = IndexBuilder::new(corpus.meta.clone());
    for d in corpus.documents.clone() {
        builder.add(d).expect("unique ids");
    }
    (builder.finish().expect("index"), corpus.documents)
}

fn seeds() -> (Vec<u8>, Vec<Document>) {
    build(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus"))
}

fn request(query: &str) -> Selection {
    Selection::of_query(query)
}

fn ids(index: &Corpus<'_>, docs: &[u32]) -> Vec<String> {
    let mut v: Vec<String> = docs.iter().map(|&d| index.document_at(d).unwrap().id[..3].to_string()).collect();
    v.sort();
    v
}

#[test]
fn selection_is_query_filters_and_range() {
    let (bytes, _) = seeds();
    let index = Corpus::open(&bytes).unwrap();
    assert_eq!(ids(&index, &index.select(&request("")).docs), ["000", "001", "002", "003", "004"]);
    assert_eq!(ids(&index, &index.select(&request("Robertson")).docs), ["000", "001", "002", "004"]);
    let in_2000 = Selection {
        date_range: Some((days_from_civil(2000, 1, 1), days_from_civil(2000, 12, 31))),
        ..request("")
    };
    assert_eq!(ids(&index, &index.select(&in_2000).docs), ["000", "001", "002"]);
    let review = Selection {
        filters: vec![FacetFilter { field: "publication".into(), any_of: vec!["NATO Review".into()], none_of: vec![] }],
        ..request("")
    };
    assert_eq!(ids(&index, &index.select(&review).docs), ["004"]);
}

#[test]
fn seed_facet_counts_keep_the_corpus_spelling() {
    let (bytes, _) = seeds();
    let index = Corpus::open(&bytes).unwrap();
    let facets = index.facet_counts(&request(""));
    assert_eq!(facets.len(), 1);
    let values: Vec<(String, usize)> = facets[0].values.iter().map(|v| (v.value.clone(), v.count)).collect();
    assert_eq!(values, [("Monitor".to_string(), 4), ("NATO Review".to_string(), 1)]);
    // A field's own choice leaves its counts alone; excluding a value drops it
    // from the counts but keeps it listed (at zero) so it can be undone.
    let excluded = Selection {
        filters: vec![FacetFilter { field: "publication".into(), any_of: vec![], none_of: vec!["monitor".into()] }],
        ..request("")
    };
    let values: Vec<(String, usize)> =
        index.facet_counts(&excluded)[0].values.iter().map(|v| (v.value.clone(), v.count)).collect();
    assert_eq!(values, [("NATO Review".to_string(), 1), ("Monitor".to_string(), 0)]);
}

#[test]
fn seed_timeline_spans_1999_to_2001() {
    let (bytes, _) = seeds();
    let index = Corpus::open(&bytes).unwrap();
    let timeline = index.timeline(&request(""), Some(Granularity::Year));
    let counts: Vec<usize> = timeline.bins.iter().map(|b| b.count).collect();
    assert_eq!(counts, [1, 3, 1]);
    assert_eq!(timeline.bins[0].start, days_from_civil(1999, 1, 1));
    assert_eq!(timeline.bins[2].end, days_from_civil(2001, 12, 31));
    assert_eq!(timeline.undated, 0);
    // Automatic: a span of about two years goes by month, empty months included.
    let auto = index.timeline(&request(""), None);
    assert_eq!(auto.granularity, Granularity::Month);
    assert_eq!(auto.bins.iter().map(|b| b.count).sum::<usize>(), 5);
    assert_eq!(auto.bins.len(), 23, "July 1999 to May 2001");
}

/// Letters from 1838 to 2014, one every four years (with 1889 and 1890 too),
/// each naming the decade it was written in ("the 1880s") and, from 1900,
/// mentioning a lifeboat.
fn harbour_letters() -> Vec<u8> {
    use annals_engine::date::{DateSource, DocDate};
    use annals_engine::mention::{Granularity as Precision, Mention, TimexKind};
    use annals_engine::CorpusMeta;
    let mut years: Vec<i32> = (1838..=2014).step_by(4).collect();
    years.extend([1889, 1890, 2014]);
    let mut builder = IndexBuilder::new(CorpusMeta::default());
    for (n, year) in years.into_iter().enumerate() {
        let decade = year - year % 10;
        let text = format!("Written in the {decade}s.{}", if year >= 1900 { " The lifeboat went out." } else { "" });
        let mention = Mention {
            start: 15,
            end: 15 + format!("{decade}s").len() as u32,
            kind: TimexKind::Date,
            value: format!("{}", decade / 10),
            first_day: Some(days_from_civil(decade, 1, 1)),
            last_day: Some(days_from_civil(decade + 9, 12, 31)),
            granularity: Some(Precision::Decade),
        };
        let document = Document {
            id: format!("{n:03}-{year}.md"),
            title: format!("Letter of {year}"),
            date: Some(DocDate::on_day(days_from_civil(year, 6, 30), DateSource::Metadata)),
            text,
            facets: Vec::new(),
            metadata: Vec::new(),
            origin: String::new(),
            mentions: vec![mention],
        };
        builder.add(document).expect("unique ids");
    }
    builder.finish().expect("index")
}

#[test]
fn two_centuries_of_letters_go_by_decade() {
    let bytes = harbour_letters();
    let corpus = Corpus::open(&bytes).unwrap();
    let timeline = corpus.timeline(&request(""), None);
    assert_eq!(timeline.granularity, Granularity::Decade);
    let decade = |bins: &[annals_engine::analytics::timeline::Bin], year: i32| {
        bins.iter().find(|b| b.start == days_from_civil(year, 1, 1)).map(|b| (b.count, b.end))
    };
    assert_eq!(timeline.bins.len(), 19, "the 1830s to the 2010s");
    assert_eq!(timeline.bins[0].start, days_from_civil(1830, 1, 1));
    assert_eq!(timeline.bins[18].end, days_from_civil(2019, 12, 31));
    assert_eq!(timeline.bins.iter().map(|b| b.count).sum::<usize>(), 48);
    // 1838 alone in the 1830s; 1882, 1886 and 1889 in the 1880s; 1890
    // (twice), 1894 and 1898 in the 1890s; 2010 and 2014 (twice) in the 2010s.
    assert_eq!(decade(&timeline.bins, 1830), Some((1, days_from_civil(1839, 12, 31))));
    assert_eq!(decade(&timeline.bins, 1880), Some((3, days_from_civil(1889, 12, 31))));
    assert_eq!(decade(&timeline.bins, 1890), Some((4, days_from_civil(1899, 12, 31))));
    assert_eq!(decade(&timeline.bins, 2010), Some((3, days_from_civil(2019, 12, 31))));
    // A decade's bar as a date range selects its documents.
    let eighties = Selection { date_range: Some((days_from_civil(1880, 1, 1), days_from_civil(1889, 12, 31))), ..request("") };
    assert_eq!(corpus.select(&eighties).docs.len(), 3);
    // By century when asked.
    let by_century = corpus.timeline(&request(""), Some(Granularity::Century));
    let counts: Vec<(String, usize)> = by_century.bins.iter().map(|b| (annals_engine::date::iso_day(b.start), b.count)).collect();
    assert_eq!(counts, [("1800-01-01".to_string(), 18), ("1900-01-01".to_string(), 25), ("2000-01-01".to_string(), 5)]);
    // Trends share the bins; the mentioned dates fall in their own decades.
    let trends = corpus.trends(&["lifeboat".to_string()], &request(""), None);
    assert_eq!(trends.granularity, Granularity::Decade);
    assert_eq!(trends.bins.len(), 19);
    let lifeboat = &trends.series[0].points;
    assert_eq!(lifeboat.iter().take(7).map(|p| p.count).sum::<usize>(), 0, "before 1900");
    assert_eq!(lifeboat[7].start, days_from_civil(1900, 1, 1));
    assert!(lifeboat[7].count > 0 && lifeboat[7].per10k > 0.0);
    let mentioned = corpus.mention_timeline(&request(""), None);
    assert_eq!(mentioned.granularity, Granularity::Decade);
    assert_eq!(mentioned.bins.len(), 19);
    for (bin, written) in mentioned.bins.iter().zip(&timeline.bins) {
        assert_eq!((bin.start, bin.end, bin.count), (written.start, written.end, written.count));
    }
}

#[test]
fn seed_concordance_finds_every_phrase_occurrence() {
    let (bytes, docs) = seeds();
    let index = Corpus::open(&bytes).unwrap();
    let kwic = index.concordance(&request("\"Founding Act\""), 40, 500);
    let plain: usize = docs.iter().map(|d| d.text.matches("Founding Act").count()).sum();
    assert!(plain > 0);
    assert_eq!(kwic.total, plain);
    assert_eq!(kwic.lines.len(), plain);
    assert!(kwic.complete);
    for line in &kwic.lines {
        assert_eq!(line.keyword, "Founding Act");
        assert!(line.left.chars().count() <= 40 && line.right.chars().count() <= 40);
    }
    // A word is found in all its forms (by stem); the limit caps lines, not the total.
    let kwic = index.concordance(&request("relation"), 20, 3);
    // Counted apart: the words of the texts whose stem is relation's.
    let analyzer = annals_engine::analyze::Analyzer::new("english");
    let plain: usize = docs
        .iter()
        .map(|d| d.text.split(|c: char| !c.is_alphanumeric()).filter(|w| analyzer.stem(&w.to_lowercase()) == "relat").count())
        .sum();
    assert_eq!(kwic.total, plain);
    assert_eq!(kwic.lines.len(), 3);
}

#[test]
fn seed_terms_trends_and_similar() {
    let (bytes, _) = seeds();
    let index = Corpus::open(&bytes).unwrap();
    let stats = index.term_stats(&request(""), 20);
    assert_eq!(stats.documents_read, 5);
    assert!(stats.frequent.iter().any(|t| t.term == "nato"), "{:?}", stats.frequent);
    assert!(stats.frequent.iter().all(|t| !["the", "and", "of", "which", "would", "has"].contains(&t.term.as_str())));
    // The Stepashin story's own words stand out; "stepashin" itself, two
    // mentions in five short stories, does not reach significance.
    let stepashin = index.term_stats(&request("Stepashin"), 1_000);
    assert!(stepashin.distinctive.iter().any(|t| t.term == "postponement"), "{:?}", stepashin.distinctive);
    assert!(stepashin.distinctive.iter().all(|t| t.score >= SIGNIFICANT_G2), "{:?}", stepashin.distinctive);
    // Every document, selected by a date range rather than asked as the
    // whole corpus: its words' shares are the corpus's, so none stands out
    // (they scored rounding noise above zero before the cut-off).
    let everything = Selection { date_range: Some((i32::MIN, i32::MAX)), ..request("") };
    let same = index.term_stats(&everything, 1_000);
    assert_eq!(same.documents_read, 5);
    assert!(same.distinctive.is_empty(), "{:?}", same.distinctive);
    assert!(index.collocates(&everything, "NATO", 4, 100).words.iter().all(|t| t.score >= SIGNIFICANT_G2));

    let trends = index.trends(&["Robertson".to_string(), "\"Founding Act\"".to_string()], &request(""), Some(Granularity::Year));
    assert_eq!(trends.series.len(), 2);
    let docs: Vec<usize> = trends.series[0].points.iter().map(|p| p.count).collect();
    assert_eq!(docs, [0, 3, 1], "Robertson: none in 1999, 000-002 in 2000, 004 in 2001");
    // per 10,000 words: occurrences over the bin's words.
    for (point, (_, words)) in trends.series[0].points.iter().zip(&trends.bins) {
        assert!(point.per10k >= 0.0 && (*words > 0 || point.per10k == 0.0));
    }
    assert!(trends.series[0].points[1].per10k > 0.0);

    let similar = index.similar("002_3f28e97e102e8240.txt", 3);
    assert!(!similar.is_empty() && similar.iter().all(|h| h.id != "002_3f28e97e102e8240.txt"));
    assert!(index.similar("no such document", 3).is_empty());
    let near = index.collocates(&request(""), "Founding", 3, 10);
    assert!(near.words.iter().any(|t| t.term == "act"), "{near:?}");
    assert_eq!((near.documents_read, near.documents), (3, 3), "every seed with the word is read");
}

#[test]
fn hostile_requests_are_answered() {
    let (bytes, _) = seeds();
    let index = Corpus::open(&bytes).unwrap();
    for q in ["", "\"", "((((", "-", "NOT NOT", "a*", "date:..", "\"the of\"", "zzzz~2", "title:\"\""] {
        let r = Selection { date_range: Some((i32::MIN, i32::MAX)), ..request(q) };
        index.timeline(&r, Some(Granularity::Day));
        index.facet_counts(&r);
        index.concordance(&r, usize::MAX, usize::MAX);
        index.term_stats(&r, usize::MAX);
        index.trends(&vec![q.to_string(); 9], &r, None);
        index.collocates(&r, q, usize::MAX, 10);
    }
    let backwards = Selection { date_range: Some((10, -10)), ..request("") };
    assert!(index.timeline(&backwards, None).bins.is_empty());
}

fn reuters() -> Option<(Vec<u8>, Vec<Document>)> {
    let dir = std::env::var_os("REUTERS_DIR").map(PathBuf::from).unwrap_or_else(|| {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora/reuters21578")
    });
    let data = dir.join("reuters21578.jsonl");
    if !data.exists() {
        eprintln!("Reuters-21578 is not at {}: its checks are skipped", data.display());
        return None;
    }
    // The example corpus.toml beside a link to the shared data, in a scratch folder.
    let scratch = std::env::temp_dir().join(format!("annals-explore-reuters-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).ok()?;
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/reuters21578/corpus.toml"), scratch.join("corpus.toml")).ok()?;
    let link = scratch.join("reuters21578.jsonl");
    let _ = std::fs::remove_file(&link);
    std::os::unix::fs::symlink(&data, &link).ok()?;
    let built = build(&scratch);
    let _ = std::fs::remove_dir_all(&scratch);
    Some(built)
}

fn timed<R>(what: &str, f: impl FnOnce() -> R) -> R {
    let t = Instant::now();
    let r = f();
    eprintln!("reuters {what}: {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
    r
}

/// Whether `word` (lower case) stands as a whole word in the document,
/// by a plain scan that shares nothing with the analyser.
fn mentions(d: &Document, word: &str) -> bool {
    [&d.title, &d.text].iter().any(|t| t.split(|c: char| !c.is_alphanumeric()).any(|w| w.eq_ignore_ascii_case(word)))
}

/// Every story containing a word is found by that word (recall 1.0
/// against a plain case-insensitive scan), for common and rare words, stop
/// words (whose lists are counted from the stored text), numbers and
/// names; and `oil -opec` finds no story that mentions OPEC.
#[test]
fn reuters_words_find_every_story_that_has_them() {
    let Some((bytes, docs)) = reuters() else { return };
    let index = Corpus::open(&bytes).unwrap();
    let words = [
        "oil", "opec", "coffee", "the", "of", "said", "tonnes", "1987", "yen", "bundesbank", "petroleum", "acquisition",
        "wheat", "cocoa", "zinc", "dlrs", "reuter", "brazil", "volcker", "shr",
    ];
    for word in words {
        let found: std::collections::HashSet<u32> = index.select(&request(word)).docs.into_iter().collect();
        let plain: Vec<u32> = (0..docs.len() as u32).filter(|&i| mentions(&docs[i as usize], word)).collect();
        let missed = plain.iter().filter(|d| !found.contains(d)).count();
        eprintln!("reuters recall of {word}: {} of {} stories", plain.len() - missed, plain.len());
        assert!(!plain.is_empty(), "{word} is in no story");
        assert_eq!(missed, 0, "{word}: {missed} of {} stories not found", plain.len());
    }
    let oil_not_opec = index.select(&request("oil -opec")).docs;
    assert!(oil_not_opec.len() > 500, "{} stories", oil_not_opec.len());
    assert!(oil_not_opec.iter().all(|&d| !mentions(&docs[d as usize], "opec")));
}

/// Stored text is kept as templates over the postings: every story must
/// still come back exactly as it was read.
#[test]
fn reuters_documents_come_back_byte_for_byte() {
    let Some((bytes, docs)) = reuters() else { return };
    let index = Corpus::open(&bytes).unwrap();
    timed("forward view and stem map", || index.prepare());
    for (i, d) in docs.iter().enumerate() {
        assert_eq!(index.document_at(i as u32).as_ref(), Some(d), "story {}", d.id);
    }
}

#[test]
fn reuters_counts_match_plain_counts_and_stay_fast() {
    let Some((bytes, docs)) = reuters() else { return };
    let index = Corpus::open(&bytes).unwrap();
    let oil = Selection {
        filters: vec![FacetFilter { field: "places".into(), any_of: vec!["usa".into()], none_of: vec!["japan".into()] }],
        ..request("oil")
    };
    let selected = index.select(&oil).docs;
    let facets = timed("facet counts (oil, places usa -japan)", || index.facet_counts(&oil));
    let all_facets = timed("facet counts (everything)", || index.facet_counts(&request("")));
    // Plain counts over the documents, for every value of every field.
    for counts in &all_facets {
        for v in &counts.values {
            let plain = docs
                .iter()
                .filter(|d| d.facets.iter().any(|(f, vs)| f == &counts.field && vs.iter().any(|x| x.trim().eq_ignore_ascii_case(&v.value))))
                .count();
            assert_eq!(v.count, plain, "{} = {}", counts.field, v.value);
        }
    }
    // Under a filter, topics counts are plain counts over the selected documents.
    let selected_docs: Vec<&Document> = selected.iter().map(|&d| &docs[d as usize]).collect();
    let topics = facets.iter().find(|f| f.field == "topics").unwrap();
    for v in &topics.values {
        let plain = selected_docs
            .iter()
            .filter(|d| d.facets.iter().any(|(f, vs)| f == "topics" && vs.iter().any(|x| x.eq_ignore_ascii_case(&v.value))))
            .count();
        assert_eq!(v.count, plain, "topics = {}", v.value);
    }
    let timeline = timed("timeline by day (everything)", || index.timeline(&request(""), Some(Granularity::Day)));
    let dated = docs.iter().filter(|d| d.date.is_some()).count();
    assert_eq!(timeline.bins.iter().map(|b| b.count).sum::<usize>(), dated);
    assert_eq!(timeline.undated, docs.len() - dated);
    assert_eq!(annals_engine::date::iso_day(timeline.bins[0].start)[..7], *"1987-02");
    assert_eq!(annals_engine::date::iso_day(timeline.bins.last().unwrap().end)[..7], *"1987-10");
    timed("timeline auto (oil)", || index.timeline(&request("oil"), None));
    let trends = timed("trends oil vs coffee by week", || {
        index.trends(&["oil".to_string(), "coffee".to_string()], &request(""), Some(Granularity::Week))
    });
    let oil_docs: usize = trends.series[0].points.iter().map(|p| p.count).sum();
    assert_eq!(oil_docs, index.search(&SearchRequest::of(Selection { date_range: Some((i32::MIN + 1, i32::MAX)), ..request("oil") }, Default::default(), 10)).total);
    let kwic = timed("concordance \"crude oil\"", || index.concordance(&request("\"crude oil\""), 60, 200));
    assert!(kwic.total > 100 && kwic.lines.len() == 200);
    let kwic_oil = timed("concordance oil (limit 2000)", || index.concordance(&request("oil"), 60, 2000));
    // The concordance reads the words its templates give back; marking the
    // texts by segmenting them again finds the same occurrences.
    for (query, kwic) in [("\"crude oil\"", &kwic), ("oil", &kwic_oil)] {
        assert!(kwic.complete, "{query}");
        let plain: usize = docs
            .iter()
            .filter(|d| d.text.to_lowercase().contains("oil"))
            .map(|d| index.hit_ranges(query, &d.text).len())
            .sum();
        assert_eq!(kwic.total, plain, "{query}");
    }
    let all = timed("term stats (everything)", || index.term_stats(&request(""), 50));
    // Every story is counted (no sample), and the counts are plain counts.
    assert_eq!(all.documents_read, docs.len());
    let top: Vec<&str> = all.frequent.iter().take(5).map(|t| t.term.as_str()).collect();
    let mut plain = vec![0usize; top.len()];
    for d in &docs {
        for part in [&d.title, &d.text] {
            index.index().analyzer().for_each_token(part, |_, _, w| {
                if let Some(i) = top.iter().position(|t| *t == w) {
                    plain[i] += 1;
                }
            });
        }
    }
    assert_eq!(all.frequent.iter().take(5).map(|t| t.count).collect::<Vec<_>>(), plain, "{top:?}");
    let coffee = timed("term stats (coffee)", || index.term_stats(&request("coffee"), 50));
    assert!(coffee.distinctive.iter().take(10).any(|t| t.term == "coffee" || t.term == "ico"), "{:?}", &coffee.distinctive[..10]);
    let near_oil = timed("collocates oil", || index.collocates(&request(""), "oil", 4, 30)).words;
    // Every story is read: each collocate's count is the plain count of
    // its word within four words of a word stemming to "oil".
    assert!(near_oil.iter().take(10).any(|t| t.term == "crude"), "{near_oil:?}");
    let analyzer = index.index().analyzer();
    let top: Vec<&str> = near_oil.iter().take(5).map(|t| t.term.as_str()).collect();
    let mut plain = vec![0usize; top.len()];
    for d in &docs {
        let words: Vec<String> = analyzer.tokens(&d.text).map(|t| t.exact).collect();
        let is_oil: Vec<bool> = words.iter().map(|w| analyzer.stem(w) == "oil").collect();
        for (i, w) in words.iter().enumerate() {
            let Some(k) = top.iter().position(|t| t == w) else { continue };
            if (i.saturating_sub(4)..=(i + 4).min(words.len() - 1)).any(|j| is_oil[j]) {
                plain[k] += 1;
            }
        }
    }
    assert_eq!(near_oil.iter().take(5).map(|t| t.count).collect::<Vec<_>>(), plain, "{top:?}");
    let first = docs[0].id.clone();
    timed("similar documents", || index.similar(&first, 5));
}

/// A request returns every hit it asks for up to the engine's bound (once
/// it returned 1,000 whatever was asked), says when the bound applies, and
/// pages on by offset to the last hit in the same order as one large page.
#[test]
fn reuters_hits_are_paged_to_the_last_one() {
    use annals_engine::limits::MAX_HITS_PER_REQUEST;
    use annals_engine::Sort;
    let Some((bytes, _)) = reuters() else { return };
    let index = Corpus::open(&bytes).unwrap();
    let all_oil = index.search(&SearchRequest::new("oil", 100_000));
    assert!(all_oil.total > 1_000, "oil is in {} stories", all_oil.total);
    assert_eq!(all_oil.hits.len(), all_oil.total);
    assert!(all_oil.notices.iter().any(|n| n.contains(&MAX_HITS_PER_REQUEST.to_string())), "{:?}", all_oil.notices);
    for sort in [Sort::Relevance, Sort::Newest] {
        let whole = index.search(&SearchRequest::of(request("oil"), sort, 1_200));
        let mut paged = Vec::new();
        for offset in (0..1_200).step_by(400) {
            let page = index.search(&SearchRequest { offset, ..SearchRequest::of(request("oil"), sort, 400) });
            assert_eq!(page.total, whole.total);
            paged.extend(page.hits.into_iter().map(|h| h.id));
        }
        assert_eq!(paged, whole.hits.iter().map(|h| h.id.clone()).collect::<Vec<_>>(), "{sort:?}");
    }
    // Everything, in pages of the largest request, reaches the last story.
    let everything = Selection { date_range: None, ..request("") };
    let mut seen = 0;
    let mut request = SearchRequest::of(Selection { filters: Vec::new(), ..everything }, Sort::Oldest, MAX_HITS_PER_REQUEST);
    request.selection.date_range = Some((i32::MIN, i32::MAX));
    loop {
        let page = index.search(&request);
        seen += page.hits.len();
        request.offset += page.hits.len();
        if page.hits.is_empty() || request.offset >= page.total {
            assert_eq!(seen, page.total);
            break;
        }
    }
    assert!(seen > MAX_HITS_PER_REQUEST, "{seen} dated stories");
}
