//! `annals`: builds an index from a corpus and searches it natively, with the
//! same engine the web page runs, so the same query finds the same documents.
//!
//! This crate is the command's whole implementation; the `annals` binary
//! itself lives in the root package (`src/bin/annals.rs`, native only) so
//! that `cargo build --release --bin annals` works from the project root.

mod eval;
mod mentions;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand};
use serde::Serialize;

use annals_engine::ingest::{self, LoadedCorpus};
use annals_engine::{Corpus, Hit, IndexBuilder, SearchRequest};

#[derive(Parser)]
#[command(name = "annals", version, about = "Build and search an Annals corpus index")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the index of a corpus; print counts, skipped files and warnings.
    Index {
        /// A corpus folder or the path of its corpus.toml.
        corpus: PathBuf,
        /// Write the index here.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Write the build report (indexed, skipped, warnings, documents) as JSON here.
        #[arg(long)]
        report: Option<PathBuf>,
    },
    /// Search a corpus (indexed on the fly) or a built index file.
    Search {
        /// A corpus folder, its corpus.toml, or an index file written by `annals index`.
        source: PathBuf,
        /// The query, in the query language of the README.
        query: Option<String>,
        /// Run every query of this file instead: one a line, or BEIR queries.jsonl (`_id`, `text`).
        #[arg(long, conflicts_with = "query")]
        queries: Option<PathBuf>,
        /// How many hits to print per query.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Print one JSON object a line.
        #[arg(long)]
        json: bool,
    },
    /// Score the ranking on a test collection in the BEIR layout: prints nDCG@10 and Recall@100.
    Eval {
        /// The collection's folder: corpus.jsonl (`_id`, `title`, `text`), queries.jsonl and qrels/test.tsv.
        collection: PathBuf,
        /// Judgments to score against, instead of the collection's qrels/test.tsv.
        #[arg(long)]
        qrels: Option<PathBuf>,
    },
    /// List the dates mentioned in each document's text, resolved against its date (TIMEX3 values).
    Mentions {
        /// A corpus folder, its corpus.toml, or an index file written by `annals index`.
        source: PathBuf,
        /// Print one JSON object a line: id, start, end (characters), surface, type, value.
        #[arg(long)]
        json: bool,
    },
}

/// How a BEIR collection's corpus.jsonl maps to documents when its folder has
/// no corpus.toml (the same mapping as examples/beir/corpus.toml).
const BEIR_CONFIG: &str = r#"
title = "BEIR collection"
sources = ["corpus.jsonl"]
[fields]
id = "_id"
title = "title"
text = "text"
"#;

/// Runs the command line; exits the process with status 1 on an error.
pub fn main() {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Index { corpus, out, report } => index_command(&corpus, out.as_deref(), report.as_deref()),
        Command::Search { source, query, queries, limit, json } => {
            search_command(&source, query.as_deref(), queries.as_deref(), limit, json)
        }
        Command::Eval { collection, qrels } => eval_command(&collection, qrels.as_deref()),
        Command::Mentions { source, json } => mentions::run(&source, json),
    };
    if let Err(error) = outcome {
        eprintln!("annals: error: {error:#}");
        std::process::exit(1);
    }
}

fn index_command(corpus_path: &Path, out: Option<&Path>, report_path: Option<&Path>) -> Result<()> {
    let started = Instant::now();
    let corpus = ingest::load(corpus_path).map_err(anyhow::Error::new)?;
    let loaded = started.elapsed();
    let report = corpus.report.clone();
    for skipped in &report.skipped {
        eprintln!("skipped {}: {}", skipped.origin, skipped.reason);
    }
    for warning in &report.warnings {
        match warning.line {
            Some(line) => eprintln!("warning: {}:{line}: {}", warning.path, warning.message),
            None => eprintln!("warning: {}: {}", warning.path, warning.message),
        }
    }
    let bytes = build_index(corpus)?;
    let total = started.elapsed();
    if let Some(path) = out {
        std::fs::write(path, &bytes).with_context(|| format!("cannot write {}", path.display()))?;
    }
    if let Some(path) = report_path {
        let json = serde_json::to_vec_pretty(&report)?;
        std::fs::write(path, json).with_context(|| format!("cannot write {}", path.display()))?;
    }
    println!(
        "{} documents indexed, {} skipped, {} warnings; {} dates mentioned ({} of a calendar period); index {} bytes; read in {} ms, total {} ms",
        report.indexed,
        report.skipped.len(),
        report.warnings.len(),
        report.mentions.found,
        report.mentions.dated,
        bytes.len(),
        loaded.as_millis(),
        total.as_millis()
    );
    Ok(())
}

fn eval_command(collection: &Path, qrels: Option<&Path>) -> Result<()> {
    let started = Instant::now();
    let corpus = if collection.join("corpus.toml").is_file() {
        ingest::load(collection)
    } else {
        ingest::load_with_config(collection, BEIR_CONFIG, "the BEIR layout (corpus.jsonl)")
    }
    .map_err(|error| anyhow::anyhow!("{error}"))?;
    let documents = corpus.documents.len();
    let bytes = build_index(corpus)?;
    let index = Corpus::open(&bytes).context("reading the index just built")?;
    eprintln!("indexed {documents} documents in {:.1} s", started.elapsed().as_secs_f64());
    let queries = collection.join("queries.jsonl");
    let default_qrels = collection.join("qrels").join("test.tsv");
    let qrels = qrels.unwrap_or(&default_qrels);
    eval::run(&index, &queries, qrels)?;
    Ok(())
}

fn build_index(corpus: LoadedCorpus) -> Result<Vec<u8>> {
    let LoadedCorpus { meta, documents, .. } = corpus;
    let mut builder = IndexBuilder::new(meta);
    for document in documents {
        builder.add(document).map_err(anyhow::Error::new)?;
    }
    builder.finish().map_err(anyhow::Error::new)
}

/// An index file is recognised by its content, not its name: anything that is
/// not a folder and not a `.toml` file must open as an index.
fn load_index_bytes(source: &Path) -> Result<Vec<u8>> {
    let is_corpus = source.is_dir() || source.extension().is_some_and(|ext| ext == "toml");
    if is_corpus {
        let corpus = ingest::load(source).map_err(anyhow::Error::new)?;
        return build_index(corpus);
    }
    std::fs::read(source).with_context(|| format!("cannot read the index {}", source.display()))
}

fn search_command(source: &Path, query: Option<&str>, queries: Option<&Path>, limit: usize, json: bool) -> Result<()> {
    let bytes = load_index_bytes(source)?;
    let index = Corpus::open(&bytes).map_err(|error| anyhow::anyhow!("{}: {error}", source.display()))?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match (query, queries) {
        (Some(query), None) => {
            let results = index.search(&SearchRequest::new(query, limit));
            if json {
                for (rank, hit) in results.hits.iter().enumerate() {
                    write_json_hit(&mut out, None, rank + 1, hit)?;
                }
            } else {
                write_text_results(&mut out, query, &results)?;
            }
        }
        (None, Some(path)) => {
            for (query_id, text) in read_queries(path)? {
                let results = index.search(&SearchRequest::new(text.as_str(), limit));
                if json {
                    for (rank, hit) in results.hits.iter().enumerate() {
                        write_json_hit(&mut out, Some(&query_id), rank + 1, hit)?;
                    }
                } else {
                    writeln!(out, "## {query_id}: {text}")?;
                    write_text_results(&mut out, &text, &results)?;
                }
            }
        }
        _ => bail!("give a QUERY or --queries FILE"),
    }
    out.flush()?;
    Ok(())
}

#[derive(Serialize)]
struct JsonHit<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    query: Option<&'a str>,
    rank: usize,
    id: &'a str,
    score: f32,
    title: &'a str,
    date: Option<String>,
    precision: Option<annals_engine::DatePrecision>,
    snippet: &'a str,
    marks: &'a [(u32, u32)],
}

fn write_json_hit(out: &mut impl Write, query: Option<&str>, rank: usize, hit: &Hit) -> Result<()> {
    let line = JsonHit {
        query,
        rank,
        id: &hit.id,
        score: hit.score,
        title: &hit.title,
        date: hit.date.map(|date| date.iso()),
        precision: hit.date.map(|date| date.precision),
        snippet: &hit.snippet.text,
        marks: &hit.snippet.marks,
    };
    serde_json::to_writer(&mut *out, &line)?;
    writeln!(out)?;
    Ok(())
}

fn write_text_results(out: &mut impl Write, query: &str, results: &annals_engine::SearchResults) -> Result<()> {
    let (open, close) = if std::io::stdout().is_terminal() { ("\x1b[1;33m", "\x1b[0m") } else { ("«", "»") };
    for notice in &results.notices {
        writeln!(out, "note: {notice}")?;
    }
    let noun = if results.total == 1 { "document" } else { "documents" };
    writeln!(out, "{} {noun} match {query:?}", results.total)?;
    if let Some(suggestion) = &results.suggestion {
        writeln!(out, "did you mean: {suggestion}")?;
    }
    for (rank, hit) in results.hits.iter().enumerate() {
        let date = hit.date.map(|date| date.display()).unwrap_or_else(|| "undated".to_string());
        writeln!(out, "{:>3}. {}  [{}]  {}  (score {:.3})", rank + 1, hit.title, hit.id, date, hit.score)?;
        writeln!(out, "     {}", marked(&hit.snippet.text, &hit.snippet.marks, open, close))?;
    }
    Ok(())
}

/// The snippet with each marked range wrapped in `open`/`close`. Ranges that
/// do not fall on character boundaries are skipped rather than trusted.
fn marked(text: &str, marks: &[(u32, u32)], open: &str, close: &str) -> String {
    let mut result = String::with_capacity(text.len() + marks.len() * 4);
    let mut at = 0usize;
    for &(start, end) in marks {
        let (start, end) = (start as usize, end as usize);
        if start < at || end < start || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        result.push_str(&text[at..start]);
        result.push_str(open);
        result.push_str(&text[start..end]);
        result.push_str(close);
        at = end;
    }
    result.push_str(&text[at..]);
    result.replace('\n', " ")
}

/// Reads queries as `(id, text)`: BEIR JSON Lines (`_id`, `text`) or one
/// query a line, its id being the line number.
fn read_queries(path: &Path) -> Result<Vec<(String, String)>> {
    let content = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut queries = Vec::new();
    for (number, line) in content.lines().enumerate() {
        let line_number = number + 1;
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        if trimmed.starts_with('{') {
            let value: serde_json::Value = serde_json::from_str(trimmed)
                .with_context(|| format!("{}:{line_number}: not a JSON object", path.display()))?;
            let id = match &value["_id"] {
                serde_json::Value::String(id) => id.clone(),
                serde_json::Value::Number(id) => id.to_string(),
                _ => line_number.to_string(),
            };
            let Some(text) = value["text"].as_str() else {
                bail!("{}:{line_number}: the query has no \"text\" field", path.display());
            };
            queries.push((id, text.to_string()));
        } else {
            queries.push((line_number.to_string(), trimmed.to_string()));
        }
    }
    Ok(queries)
}

#[cfg(test)]
mod tests {
    use super::marked;

    #[test]
    fn marks_wrap_words_and_skip_bad_ranges() {
        assert_eq!(marked("a Robertson b", &[(2, 11)], "[", "]"), "a [Robertson] b");
        assert_eq!(marked("’x’", &[(1, 2), (3, 4)], "[", "]"), "’[x]’");
    }
}
