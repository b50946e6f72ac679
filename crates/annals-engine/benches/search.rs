//! Search over Reuters-21578: index size against text size, open time, and
//! query latency (p50/p99 over the mixed query set, top 10 with the total
//! count and snippets) in the single layout and in the split one, then
//! criterion's own measurements.
//!
//! The corpus is read from `../shared/corpora/reuters21578/` (or the path in
//! `ANNALS_REUTERS`); without it the bench says so and does nothing.
//! `ANNALS_BENCH_QUICK=1` stops after the summary (no criterion runs);
//! `ANNALS_BENCH_WRITE=path` also writes the index there;
//! `ANNALS_BENCH_BLOCK_BYTES=n` compresses stored text in blocks of `n` bytes.
//!
//! ```text
//! cargo bench -p annals-engine --features build --bench search
//! ```

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use annals_engine::date::days_from_civil;
use annals_engine::{CorpusMeta, DateSource, DocDate, Document, FacetField, FacetKind, Corpus, IndexBuilder, SearchRequest, SplitIndex};
use criterion::{black_box, Criterion};

fn corpus_dir() -> PathBuf {
    match std::env::var_os("ANNALS_REUTERS") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpora/reuters21578")),
    }
}

/// `26-FEB-1987 15:01:01.79` → the day (only the date part is read).
fn reuters_day(date: &str) -> Option<i32> {
    let mut parts = date.split_whitespace().next()?.split('-');
    let d: u32 = parts.next()?.parse().ok()?;
    let m = match parts.next()?.to_ascii_uppercase().as_str() {
        "JAN" => 1,
        "FEB" => 2,
        "MAR" => 3,
        "APR" => 4,
        "MAY" => 5,
        "JUN" => 6,
        "JUL" => 7,
        "AUG" => 8,
        "SEP" => 9,
        "OCT" => 10,
        "NOV" => 11,
        "DEC" => 12,
        _ => return None,
    };
    let y: i32 = parts.next()?.parse().ok()?;
    Some(days_from_civil(y, m, d))
}

const FACETS: [&str; 5] = ["topics", "places", "people", "orgs", "exchanges"];

/// Reuters as documents (what ingestion will produce from corpus.toml).
pub fn reuters_documents(path: &std::path::Path) -> Option<Vec<Document>> {
    let text = std::fs::read_to_string(path).ok()?;
    let mut docs = Vec::new();
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).ok()?;
        let s = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
        let id = s("id");
        let body = s("body");
        let mut title = s("title");
        if title.trim().is_empty() {
            title = body.lines().next().unwrap_or(&id).trim().to_string();
        }
        let facets = FACETS
            .iter()
            .map(|f| {
                let values = v
                    .get(*f)
                    .and_then(|x| x.as_array())
                    .map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect())
                    .unwrap_or_default();
                (f.to_string(), values)
            })
            .collect();
        docs.push(Document {
            date: reuters_day(&s("date")).map(|d| DocDate::on_day(d, DateSource::Metadata)),
            metadata: vec![("dateline".to_string(), s("dateline"))],
            origin: format!("reuters21578.jsonl#{id}"),
            mentions: Vec::new(),
            id,
            title,
            text: body,
            facets,
        });
    }
    Some(docs)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i]
}

/// Each query of `queries` (top 10 with the total and snippets) after
/// `prepare(request)` and a warm-up, 50 times: a line per query, and every
/// run's time, sorted.
fn time_queries(index: &Corpus<'_>, queries: &[String], prepare: impl Fn(&SearchRequest)) -> Vec<Duration> {
    let mut all = Vec::new();
    for q in queries {
        let request = SearchRequest::new(q.as_str(), 10);
        prepare(&request);
        let r = index.search(&request);
        let mut times = Vec::new();
        for _ in 0..50 {
            let t = Instant::now();
            black_box(index.search(&request));
            times.push(t.elapsed());
        }
        times.sort();
        println!(
            "  {:24} total {:>5}  p50 {:>9.3?}  max {:>9.3?}  {}",
            q,
            r.total,
            percentile(&times, 0.5),
            percentile(&times, 1.0),
            r.notices.join("; ")
        );
        all.extend(times);
    }
    all.sort();
    all
}

fn main() {
    let dir = corpus_dir();
    let Some(docs) = reuters_documents(&dir.join("reuters21578.jsonl")) else {
        println!("bench search: skipped, Reuters-21578 not found at {}", dir.display());
        return;
    };
    let queries: Vec<String> = std::fs::read_to_string(dir.join("queries.txt"))
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect();
    let text_bytes: usize = docs.iter().map(|d| d.title.len() + d.text.len()).sum();
    let meta = CorpusMeta {
        facets: FACETS.iter().map(|f| FacetField { name: f.to_string(), kind: FacetKind::Tags }).collect(),
        ..CorpusMeta::default()
    };
    let start = Instant::now();
    // ANNALS_BENCH_BLOCK_BYTES=n measures other stored-text blocks.
    let mut builder = IndexBuilder::new(meta);
    if let Some(n) = std::env::var("ANNALS_BENCH_BLOCK_BYTES").ok().and_then(|v| v.parse().ok()) {
        builder = builder.block_bytes(n);
    }
    let originals: Vec<(String, String)> = docs.iter().map(|d| (d.title.clone(), d.text.clone())).collect();
    for d in docs {
        builder.add(d).expect("unique ids");
    }
    let bytes = builder.finish().expect("index");
    println!("build: {:?}", start.elapsed());

    if let Some(path) = std::env::var_os("ANNALS_BENCH_WRITE") {
        // For measuring what the blob costs over the wire (gzip, brotli).
        std::fs::write(&path, &bytes).expect("write the index");
    }
    let start = Instant::now();
    let index = Corpus::open(&bytes).expect("open");
    let open = start.elapsed();
    let start = Instant::now();
    index.verify().expect("checksum");
    let verify = start.elapsed();
    let sizes = index.index().section_sizes();
    let stored: usize = sizes.iter().filter(|(n, _)| n.starts_with("stored")).map(|(_, s)| s).sum();
    let mb = |b: usize| b as f64 / 1e6;
    println!(
        "text {:.2} MB; index {:.2} MB = terms {:.2} MB ({:.1}% of text) + stored {:.2} MB",
        mb(text_bytes),
        mb(bytes.len()),
        mb(bytes.len() - stored),
        100.0 * (bytes.len() - stored) as f64 / text_bytes as f64,
        mb(stored)
    );
    for (name, size) in &sizes {
        println!("  {name:13} {:>10} bytes", size);
    }
    println!("open: {open:?}; full checksum: {verify:?}");

    // The first read of stored text unpacks it all and inverts the
    // postings; every document must come back byte for byte.
    let t = Instant::now();
    index.prepare();
    println!("forward view and stem map (what the first search builds): {:?}", t.elapsed());
    let t = Instant::now();
    index.search(&SearchRequest::new("the", 10));
    println!("first query with a stop word (counts stop words in the stored text): {:?}", t.elapsed());
    for (i, (title, text)) in originals.iter().enumerate() {
        let d = index.document_at(i as u32).expect("stored document");
        assert!(&d.title == title && &d.text == text, "document {i} ({}) does not come back as written", d.id);
    }
    println!("all {} documents come back byte for byte", originals.len());

    // What one hit costs: putting its stored record back together.
    let t = Instant::now();
    let n = index.len().min(2_000) as u32;
    for i in 0..n {
        black_box(index.document_at(i * (index.len() as u32 / n)));
    }
    println!("rebuild one stored document: {:.2?}", t.elapsed() / n);

    // And marking its best passage: a page of 100 hits with snippets
    // against the same search asking for the total alone.
    let page = SearchRequest::new("oil", 100);
    let count_only = SearchRequest::new("oil", 0);
    let (mut with, mut without) = (Duration::ZERO, Duration::ZERO);
    for _ in 0..20 {
        let t = Instant::now();
        black_box(index.search(&page));
        with += t.elapsed();
        let t = Instant::now();
        black_box(index.search(&count_only));
        without += t.elapsed();
    }
    println!("snippet of one hit (oil): {:.2?}", with.saturating_sub(without) / (20 * 100));
    let docs: Vec<Document> = (0..n).filter_map(|i| index.document_at(i * (index.len() as u32 / n))).collect();
    let t = Instant::now();
    for d in &docs {
        index.index().analyzer().for_each_token(&d.text, |s, _, _| {
            black_box(s);
        });
    }
    println!("tokenize one document: {:.2?}", t.elapsed() / n);

    // Hostile queries must stay fast too.
    let hostile = [
        "a* b* c* d* e* f* g* h* i* j* k* l* m* n* o* p* q* r* s* t* u* v* w* x* y* z* ".repeat(3),
        (0..64).map(|i| format!("petrolium{i}~2")).collect::<Vec<_>>().join(" OR "),
        (0..500).map(|i| format!("w{i}")).collect::<Vec<_>>().join(" OR "),
        "x".repeat(20_000),
        "(".repeat(10_000),
        "\"the of and\"~50 the OR of OR and OR to OR in".to_string(),
    ];
    for q in &hostile {
        let t = Instant::now();
        let r = index.search(&SearchRequest::new(q.as_str(), 10));
        println!("  hostile {:30} total {:>5}  {:>9.3?}", q.chars().take(30).collect::<String>(), r.total, t.elapsed());
    }

    // Latency per query: warm up, then many rounds; top 10 with snippets.
    let all = time_queries(&index, &queries, |_| {});
    println!("query set: p50 {:.3?}  p99 {:.3?}  ({} runs)", percentile(&all, 0.5), percentile(&all, 0.99), all.len());

    // The same over the split layout, each query's pieces supplied before
    // it is timed (as a page answers once it has fetched them): what the
    // split reader costs beyond the single one, apart from the network.
    let t = Instant::now();
    let split = SplitIndex::from_single(&bytes).expect("split index");
    println!("split: {} pieces in {:?}", split.pieces.len(), t.elapsed());
    let pieces: HashMap<&str, &[u8]> = split.pieces.iter().map(|(name, bytes)| (name.as_str(), bytes.as_slice())).collect();
    let split_index = Corpus::open_split(&split.core).expect("open the split core");
    let all = time_queries(&split_index, &queries, |request| {
        for _ in 0..20 {
            split_index.search(request);
            let missing = split_index.missing_pieces();
            if missing.is_empty() {
                return;
            }
            for name in missing {
                split_index.add_piece(&name, pieces[name.as_str()]).expect("the named piece");
            }
        }
        panic!("pieces still missing after 20 rounds");
    });
    println!("split query set: p50 {:.3?}  p99 {:.3?}  ({} runs)", percentile(&all, 0.5), percentile(&all, 0.99), all.len());

    if std::env::var_os("ANNALS_BENCH_QUICK").is_some() {
        return;
    }
    let mut c = Criterion::default().configure_from_args().warm_up_time(Duration::from_millis(300)).measurement_time(Duration::from_secs(2));
    c.bench_function("open", |b| b.iter(|| Corpus::open(black_box(&bytes)).map(|i| i.len())));
    let mut group = c.benchmark_group("reuters");
    for q in &queries {
        let request = SearchRequest::new(q.as_str(), 10);
        group.bench_function(q.as_str(), |b| b.iter(|| index.search(black_box(&request)).total));
    }
    group.finish();
    c.final_summary();
}
