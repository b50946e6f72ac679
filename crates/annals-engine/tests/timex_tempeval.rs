//! The temporal-expression tagger scored on TempEval-3's training data
//! (TBAQ-cleaned), the way its scorer (`score.py` beside the data) does:
//! strict and relaxed extraction F1 and value F1, for all expressions and
//! per type. The data is not in the repository; the test looks for it at
//! `../shared/corpora/tempeval3-tbaq` beside the workspace and says so when
//! it is absent. The floors are the scores reached, less a small margin,
//! so that a rule change that loses ground fails here.
#![cfg(feature = "build")]

use std::collections::HashMap;
use std::path::PathBuf;

use annals_engine::date::parse_iso_day;
use annals_engine::ingest::timex::find_mentions;

#[derive(Debug, Clone)]
struct Timex {
    start: usize,
    end: usize,
    kind: String,
    value: String,
}

#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    gold: usize,
    predicted: usize,
    strict: usize,
    relaxed: usize,
    value: usize,
}

fn f1(matches: usize, predicted: usize, gold: usize) -> f64 {
    let p = if predicted == 0 { 0.0 } else { matches as f64 / predicted as f64 };
    let r = if gold == 0 { 0.0 } else { matches as f64 / gold as f64 };
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

impl Counts {
    fn strict_f1(&self) -> f64 {
        100.0 * f1(self.strict, self.predicted, self.gold)
    }
    fn relaxed_f1(&self) -> f64 {
        100.0 * f1(self.relaxed, self.predicted, self.gold)
    }
    fn value_f1(&self) -> f64 {
        if self.relaxed == 0 {
            return 0.0;
        }
        self.relaxed_f1() * self.value as f64 / self.relaxed as f64
    }
}

/// score.py's one-to-one alignment: exact spans first, then the remaining
/// overlapping pairs by largest overlap. Returns `(gold, predicted, strict)`.
fn align(gold: &[&Timex], predicted: &[&Timex]) -> Vec<(usize, usize, bool)> {
    let mut pairs = Vec::new();
    let mut used_gold = vec![false; gold.len()];
    let mut used_predicted = vec![false; predicted.len()];
    for (i, g) in gold.iter().enumerate() {
        if g.end <= g.start {
            continue;
        }
        if let Some(j) = (0..predicted.len()).find(|&j| !used_predicted[j] && predicted[j].start == g.start && predicted[j].end == g.end) {
            used_gold[i] = true;
            used_predicted[j] = true;
            pairs.push((i, j, true));
        }
    }
    let mut candidates = Vec::new();
    for (i, g) in gold.iter().enumerate() {
        if used_gold[i] || g.end <= g.start {
            continue;
        }
        for (j, p) in predicted.iter().enumerate() {
            if used_predicted[j] || p.end <= p.start {
                continue;
            }
            let overlap = g.end.min(p.end) as i64 - g.start.max(p.start) as i64;
            if overlap > 0 {
                candidates.push((-overlap, g.start, p.start, i, j));
            }
        }
    }
    candidates.sort();
    for (_, _, _, i, j) in candidates {
        if used_gold[i] || used_predicted[j] {
            continue;
        }
        used_gold[i] = true;
        used_predicted[j] = true;
        pairs.push((i, j, false));
    }
    pairs
}

fn score(gold: &HashMap<String, Vec<Timex>>, predicted: &HashMap<String, Vec<Timex>>, ids: &[String], kind: Option<&str>) -> Counts {
    let keep = |t: &&Timex| kind.is_none_or(|k| t.kind == k);
    let mut counts = Counts::default();
    let empty = Vec::new();
    for id in ids {
        let g: Vec<&Timex> = gold.get(id).unwrap_or(&empty).iter().filter(keep).collect();
        let p: Vec<&Timex> = predicted.get(id).unwrap_or(&empty).iter().filter(keep).collect();
        counts.gold += g.len();
        counts.predicted += p.len();
        for (i, j, strict) in align(&g, &p) {
            counts.relaxed += 1;
            counts.strict += usize::from(strict);
            counts.value += usize::from(g[i].value == p[j].value);
        }
    }
    counts
}

fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora/tempeval3-tbaq")
}

#[test]
fn tempeval3_scores_hold() {
    let dir = data_dir();
    let (Ok(corpus), Ok(gold_lines)) =
        (std::fs::read_to_string(dir.join("corpus.jsonl")), std::fs::read_to_string(dir.join("gold.jsonl")))
    else {
        println!("skipped: no TempEval-3 data at {}", dir.display());
        return;
    };
    let mut ids = Vec::new();
    let mut predicted: HashMap<String, Vec<Timex>> = HashMap::new();
    let mut lines_out = String::new();
    let started = std::time::Instant::now();
    for line in corpus.lines().filter(|l| !l.trim().is_empty()) {
        let doc: serde_json::Value = serde_json::from_str(line).expect("a JSON object a line");
        let id = doc["id"].as_str().expect("id").to_string();
        let text = doc["text"].as_str().expect("text");
        let anchor = doc["date"].as_str().and_then(parse_iso_day);
        // Character offsets, as the gold counts them.
        let char_at = |byte: usize| text[..byte].chars().count();
        let mut timexes = Vec::new();
        for mention in find_mentions(text, anchor) {
            let (start, end) = (mention.start as usize, mention.end as usize);
            let timex = Timex { start: char_at(start), end: char_at(end), kind: mention.kind.as_str().to_string(), value: mention.value };
            lines_out.push_str(&serde_json::json!({"id": id, "start": timex.start, "end": timex.end, "surface": &text[start..end], "type": timex.kind, "value": timex.value}).to_string());
            lines_out.push('\n');
            timexes.push(timex);
        }
        predicted.insert(id.clone(), timexes);
        ids.push(id);
    }
    let elapsed = started.elapsed();
    if let Ok(path) = std::env::var("TIMEX_PREDICTIONS") {
        std::fs::write(path, &lines_out).expect("predictions written");
    }
    let mut gold: HashMap<String, Vec<Timex>> = HashMap::new();
    for line in gold_lines.lines().filter(|l| !l.trim().is_empty()) {
        let g: serde_json::Value = serde_json::from_str(line).expect("a JSON object a line");
        gold.entry(g["id"].as_str().expect("id").to_string()).or_default().push(Timex {
            start: g["start"].as_u64().expect("start") as usize,
            end: g["end"].as_u64().expect("end") as usize,
            kind: g["type"].as_str().unwrap_or("").to_string(),
            value: g["value"].as_str().unwrap_or("").to_string(),
        });
    }
    println!("TempEval-3 TBAQ, {} documents tagged in {} ms", ids.len(), elapsed.as_millis());
    println!("{:<9} {:>5} {:>5} | {:>9} {:>10} {:>8}", "scope", "gold", "pred", "strict F1", "relaxed F1", "value F1");
    let mut scores = HashMap::new();
    for (name, kind) in [("ALL", None), ("DATE", Some("DATE")), ("TIME", Some("TIME")), ("DURATION", Some("DURATION")), ("SET", Some("SET"))] {
        let c = score(&gold, &predicted, &ids, kind);
        println!(
            "{name:<9} {:>5} {:>5} | {:>9.2} {:>10.2} {:>8.2}",
            c.gold,
            c.predicted,
            c.strict_f1(),
            c.relaxed_f1(),
            c.value_f1()
        );
        scores.insert(name, c);
    }
    // Floors: the scores reached, less a small margin.
    let all = scores["ALL"];
    let date = scores["DATE"];
    let floors = [
        ("ALL relaxed F1", all.relaxed_f1(), FLOOR_ALL_RELAXED),
        ("ALL value F1", all.value_f1(), FLOOR_ALL_VALUE),
        ("ALL strict F1", all.strict_f1(), FLOOR_ALL_STRICT),
        ("DATE value F1", date.value_f1(), FLOOR_DATE_VALUE),
    ];
    for (name, got, floor) in floors {
        assert!(got >= floor, "{name} fell to {got:.2}, below {floor}");
    }
}

// Reached: ALL strict 80.08, relaxed 92.52, value 78.70; DATE value 80.55.
const FLOOR_ALL_RELAXED: f64 = 92.0;
const FLOOR_ALL_VALUE: f64 = 78.2;
const FLOOR_ALL_STRICT: f64 = 79.5;
const FLOOR_DATE_VALUE: f64 = 80.0;
