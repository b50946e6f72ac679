//! `annals`: builds an index from a corpus and searches it natively, with the
//! same engine the web page runs, so the same query finds the same documents.
//!
//! This crate is the command's whole implementation; the `annals` binary
//! itself lives in the root package (`src/bin/annals.rs`, native only) so
//! that `cargo build --release --bin annals` works from the project root.

mod eval;
mod init;
mod mentions;
mod split;

/// Building an index allocates and frees a string for every word it reads,
/// on several threads at once: with glibc's allocator a build of Reuters
/// x10 peaked at 1,152 MB, with mimalloc at 706 MB (the same bytes).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use clap::{ArgMatches, Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use serde::Serialize;

use annals_engine::ingest::{self, LoadedCorpus};
use annals_engine::date::iso_day;
use annals_engine::{BuildPhase, Corpus, FacetFilter, Hit, IndexBuilder, SearchRequest, Selection, Sort};

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
        /// Write the index here (with --layout split: a folder).
        #[arg(long)]
        out: Option<PathBuf>,
        /// One file, or a folder of a small core (core.bin) and the pieces
        /// a page fetches as its requests need them (pieces/NAME.bin).
        #[arg(long, value_enum, default_value_t = Layout::Single)]
        layout: Layout,
        /// Write the build report (indexed, skipped, warnings, documents) as JSON here.
        #[arg(long)]
        report: Option<PathBuf>,
    },
    /// Write FOLDER/corpus.toml describing the folder: its files, its fields and the facets suggested from them.
    ///
    /// The file is commented line by line and builds to the same facets
    /// the build suggests without it; edit it to choose others.
    Init {
        /// The corpus folder.
        folder: PathBuf,
        /// Replace a corpus.toml that is already there.
        #[arg(long)]
        force: bool,
        /// Print the corpus.toml instead of writing it.
        #[arg(long, conflicts_with = "force")]
        stdout: bool,
    },
    /// Search a corpus (indexed on the fly) or a built index file.
    ///
    /// The selection (query, filters, date range), order and page go to the
    /// engine as one request, the same request the page and annals.js make,
    /// so the same options give the same documents in the same order.
    Search(SearchArgs),
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

/// The arguments of `annals search`.
#[derive(Args, Debug)]
struct SearchArgs {
    /// A corpus folder, its corpus.toml, or an index file written by `annals index`.
    source: PathBuf,
    /// The query, in the query language of the README (may be empty: then
    /// every document the filters and dates keep).
    query: Option<String>,
    /// Run every query of this file instead: one a line, or BEIR queries.jsonl (`_id`, `text`).
    #[arg(long, conflicts_with = "query")]
    queries: Option<PathBuf>,
    /// Keep documents with this facet value (repeatable; several values of
    /// one field are alternatives: any of them will do).
    #[arg(long, value_name = "FIELD=VALUE", value_parser = parse_field_value)]
    filter: Vec<(String, String)>,
    /// Leave out documents with this facet value (repeatable).
    #[arg(long, value_name = "FIELD=VALUE", value_parser = parse_field_value)]
    exclude: Vec<(String, String)>,
    /// Keep documents dated on or after this day (undated ones are left out).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
    from: Option<i32>,
    /// Keep documents dated on or before this day (undated ones are left out).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
    to: Option<i32>,
    /// Order of the hits.
    #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
    sort: SortArg,
    /// How many hits to print per query (the engine returns at most
    /// 10,000 per request, with a note; page on with --offset).
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// Skip this many of the first hits, in this order (paging); ranks count on from here.
    #[arg(long, default_value_t = 0)]
    offset: usize,
    /// Print one JSON object a line per hit (query, rank, id, score, title,
    /// date, precision, snippet, marks, total); notes go to stderr.
    #[arg(long)]
    json: bool,
}

/// How a BEIR collection's corpus.jsonl maps to documents when its folder has
/// no corpus.toml (the same mapping as examples/beir/corpus.toml).
const BEIR_CONFIG: &str = r#"
title = "BEIR collection"
# corpus.jsonl is often a link to where the collection is kept.
allow_outside_paths = true
sources = ["corpus.jsonl"]
[fields]
id = "_id"
title = "title"
text = "text"
"#;

/// Runs the command line; exits the process with status 1 on an error.
pub fn main() {
    let matches = Cli::command().get_matches();
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|error| error.exit());
    let outcome = match cli.command {
        Command::Index { corpus, out, report, layout } => index_command(&corpus, out.as_deref(), report.as_deref(), layout),
        Command::Init { folder, force, stdout } => init::run(&folder, force, stdout),
        Command::Search(args) => {
            let order = matches.subcommand_matches("search").expect("the search command was parsed");
            search_spec(&args, order).and_then(|spec| {
                search_command(&args.source, args.query.as_deref(), args.queries.as_deref(), &spec, args.json)
            })
        }
        Command::Eval { collection, qrels } => eval_command(&collection, qrels.as_deref()),
        Command::Mentions { source, json } => mentions::run(&source, json),
    };
    if let Err(error) = outcome {
        eprintln!("annals: error: {error:#}");
        std::process::exit(1);
    }
}

/// How `annals index` lays the index out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Layout {
    /// One file, opened whole.
    Single,
    /// A folder: core.bin and pieces/, read piece by piece.
    Split,
}

/// The order of the hits, as the command line spells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum SortArg {
    /// Best score first.
    Relevance,
    /// Latest date first; undated documents last.
    Newest,
    /// Earliest date first; undated documents last.
    Oldest,
}

impl From<SortArg> for Sort {
    fn from(sort: SortArg) -> Sort {
        match sort {
            SortArg::Relevance => Sort::Relevance,
            SortArg::Newest => Sort::Newest,
            SortArg::Oldest => Sort::Oldest,
        }
    }
}

/// `FIELD=VALUE` → `(field, value)`, both trimmed and neither empty.
fn parse_field_value(text: &str) -> Result<(String, String), String> {
    let Some((field, value)) = text.split_once('=') else {
        return Err(format!("{text:?} has no '=': write FIELD=VALUE, e.g. topics=crude"));
    };
    let (field, value) = (field.trim(), value.trim());
    if field.is_empty() {
        return Err(format!("{text:?} names no field before '='"));
    }
    if value.is_empty() {
        return Err(format!("{text:?} gives no value after '='"));
    }
    Ok((field.to_string(), value.to_string()))
}

/// `YYYY-MM-DD` → day number.
fn parse_day(text: &str) -> Result<i32, String> {
    annals_engine::date::parse_iso_day(text.trim()).ok_or_else(|| format!("{text:?} is not a day: write YYYY-MM-DD, e.g. 1987-03-01"))
}

/// Everything of a search request but its query: the same for every query
/// of a run.
#[derive(Debug, Clone, PartialEq)]
struct SearchSpec {
    filters: Vec<FacetFilter>,
    date_range: Option<(i32, i32)>,
    sort: Sort,
    limit: usize,
    offset: usize,
}

impl SearchSpec {
    fn request(&self, query: &str) -> SearchRequest {
        SearchRequest {
            selection: Selection { query: query.to_string(), filters: self.filters.clone(), date_range: self.date_range },
            limit: self.limit,
            offset: self.offset,
            sort: self.sort,
        }
    }
}

/// The search options of a parsed `annals search` (`matches` tells the
/// order the flags were given in). `--filter` and `--exclude` values are
/// grouped into one filter per field, fields in the order they first appear
/// and values in the order given, whichever of the two flags named them, so
/// that the engine's bound on filter values keeps the first ones written.
fn search_spec(args: &SearchArgs, matches: &ArgMatches) -> Result<SearchSpec> {
    let mut given: Vec<(usize, bool, &(String, String))> = Vec::new();
    for (id, keep, values) in [("filter", true, &args.filter), ("exclude", false, &args.exclude)] {
        let indices: Vec<usize> = matches.indices_of(id).map(Iterator::collect).unwrap_or_default();
        given.extend(values.iter().enumerate().map(|(i, pair)| (indices.get(i).copied().unwrap_or(usize::MAX), keep, pair)));
    }
    given.sort_by_key(|&(at, _, _)| at);
    let mut filters: Vec<FacetFilter> = Vec::new();
    for (_, keep, (field, value)) in given {
        let position = match filters.iter().position(|f| &f.field == field) {
            Some(position) => position,
            None => {
                filters.push(FacetFilter { field: field.clone(), any_of: Vec::new(), none_of: Vec::new() });
                filters.len() - 1
            }
        };
        let filter = &mut filters[position];
        if keep { &mut filter.any_of } else { &mut filter.none_of }.push(value.clone());
    }
    let date_range = match (args.from, args.to) {
        (None, None) => None,
        (from, to) => {
            // Open on the side not given, as the query language's `date:lo..` is.
            let (lo, hi) = (from.unwrap_or(i32::MIN + 1), to.unwrap_or(i32::MAX));
            if lo > hi {
                bail!("--from {} is after --to {}", iso_day(lo), iso_day(hi));
            }
            Some((lo, hi))
        }
    };
    Ok(SearchSpec { filters, date_range, sort: args.sort.into(), limit: args.limit, offset: args.offset })
}

fn index_command(corpus_path: &Path, out: Option<&Path>, report_path: Option<&Path>, layout: Layout) -> Result<()> {
    let started = Instant::now();
    let mut progress = Progress::new(started, std::io::stderr());
    let corpus = ingest::load(corpus_path).map_err(anyhow::Error::new)?;
    let loaded = started.elapsed();
    progress.phase(|| format!("read {} documents", corpus.documents.len()));
    let report = corpus.report.clone();
    for skipped in &report.skipped {
        eprintln!("skipped {}: {}", terminal_safe(&skipped.origin), terminal_safe(&skipped.reason));
    }
    for inferred in &report.inferred_dates {
        let evidence = terminal_safe(&inferred.evidence.join(", "));
        eprintln!("dated from its text: {} as {} ({evidence})", terminal_safe(&inferred.id), inferred.date);
    }
    if !report.undated.is_empty() {
        eprintln!(
            "{} documents stay undated (indexed and found, not on the timeline): their texts name no date in full; --report lists them",
            report.undated.len()
        );
    }
    for warning in &report.warnings {
        match warning.line {
            Some(line) => eprintln!("warning: {}:{line}: {}", terminal_safe(&warning.path), terminal_safe(&warning.message)),
            None => eprintln!("warning: {}: {}", terminal_safe(&warning.path), terminal_safe(&warning.message)),
        }
    }
    for line in report.facets.lines() {
        eprintln!("{}", terminal_safe(&line));
    }
    let size = match layout {
        Layout::Single => {
            let bytes = build_index_with_progress(corpus, &mut progress)?;
            if let Some(path) = out {
                std::fs::write(path, &bytes).with_context(|| format!("cannot write {}", path.display()))?;
            }
            bytes.len()
        }
        Layout::Split => {
            let Some(dir) = out else { bail!("--layout split writes a folder: give it with --out") };
            let documents = corpus.documents.len();
            let index = filled_builder(corpus, &mut progress)?.finish_split_with_progress(|phase| report_phase(&mut progress, phase, documents));
            split::write(dir, &index.map_err(anyhow::Error::new)?)?
        }
    };
    let total = started.elapsed();
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
        size,
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
    build_index_with_progress(corpus, &mut Progress::new(Instant::now(), std::io::sink()))
}

/// Builds the index, each document handed to the builder and dropped there
/// once analysed, saying now and then how far it got.
fn build_index_with_progress(corpus: LoadedCorpus, progress: &mut Progress<impl Write>) -> Result<Vec<u8>> {
    let total = corpus.documents.len();
    filled_builder(corpus, progress)?.finish_with_progress(|phase| report_phase(progress, phase, total)).map_err(anyhow::Error::new)
}

/// A builder given every document of `corpus`.
fn filled_builder(corpus: LoadedCorpus, progress: &mut Progress<impl Write>) -> Result<IndexBuilder> {
    let LoadedCorpus { meta, documents, .. } = corpus;
    let total = documents.len();
    let mut builder = IndexBuilder::new(meta);
    for document in documents {
        builder.add(document).map_err(anyhow::Error::new)?;
        progress.tick(|| format!("indexed {} of {} documents", builder.len(), total));
    }
    Ok(builder)
}

fn report_phase(progress: &mut Progress<impl Write>, phase: BuildPhase, total: usize) {
    match phase {
        BuildPhase::Analysing => progress.phase(|| format!("indexed {} of {} documents", total, total)),
        BuildPhase::Writing => progress.phase(|| "writing the postings and the stored text".to_string()),
        BuildPhase::Splitting => progress.phase(|| "laying the index out in pieces and compressing its records".to_string()),
    }
}

/// Progress lines of a long build, on stderr: nothing in its first
/// seconds, so a small corpus's output stays the summary alone; past them,
/// a line when a phase starts and at most one every few seconds within
/// one, each with the time since the build started.
struct Progress<W: Write> {
    started: Instant,
    /// Silent until the build has run this long.
    quiet_for: Duration,
    /// The least time between two lines within a phase.
    every: Duration,
    last: Option<Instant>,
    out: W,
}

impl<W: Write> Progress<W> {
    fn new(started: Instant, out: W) -> Progress<W> {
        Progress { started, quiet_for: Duration::from_secs(3), every: Duration::from_secs(5), last: None, out }
    }

    /// A line, if the build is past its quiet start and the last line is
    /// old enough.
    fn tick(&mut self, line: impl FnOnce() -> String) {
        let now = Instant::now();
        if self.last.is_some_and(|last| now.duration_since(last) < self.every) {
            return;
        }
        self.phase(line);
    }

    /// A line for a new phase, if the build is past its quiet start.
    fn phase(&mut self, line: impl FnOnce() -> String) {
        let now = Instant::now();
        let elapsed = now.duration_since(self.started);
        if elapsed < self.quiet_for {
            return;
        }
        self.last = Some(now);
        let _ = writeln!(self.out, "{} ({:.1} s)", line(), elapsed.as_secs_f64());
    }
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

/// Opens index bytes; those read from a file are verified whole first
/// (both checksums), so a damaged or truncated `.idx` is refused with a
/// message rather than answered wrongly.
pub(crate) fn open_index<'a>(bytes: &'a [u8], source: &Path) -> Result<Corpus<'a>> {
    let index = Corpus::open(bytes).map_err(|error| anyhow::anyhow!("{}: {error}", source.display()))?;
    let from_file = !(source.is_dir() || source.extension().is_some_and(|ext| ext == "toml"));
    if from_file {
        index.verify().map_err(|error| {
            anyhow::anyhow!("{}: the index file is damaged (rebuild it with `annals index`): {error}", source.display())
        })?;
    }
    Ok(index)
}

/// Text from the corpus made safe to print on a terminal: line breaks and
/// tabs become spaces, and every other control character (escape
/// sequences that recolour, retitle or clear the terminal, the bell) and
/// the bidirectional overrides are written as visible `\u{…}` escapes.
/// Only for text output; JSON escapes for itself.
pub(crate) fn terminal_safe(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\t' | '\r' => out.push(' '),
            c if c.is_control() || ('\u{202A}'..='\u{202E}').contains(&c) || ('\u{2066}'..='\u{2069}').contains(&c) => {
                out.push_str(&format!("\\u{{{:x}}}", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

fn search_command(source: &Path, query: Option<&str>, queries: Option<&Path>, spec: &SearchSpec, json: bool) -> Result<()> {
    let split = split::is_split(source);
    let bytes = if split { split::read_core(source)? } else { load_index_bytes(source)? };
    let index = if split { split::open(&bytes, source)? } else { open_index(&bytes, source)? };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let all: Vec<(Option<String>, String)> = match (query, queries) {
        (Some(query), None) => vec![(None, query.to_string())],
        // No query and no file: the filters and dates alone select.
        (None, None) if !spec.filters.is_empty() || spec.date_range.is_some() => vec![(None, String::new())],
        (None, Some(path)) => read_queries(path)?.into_iter().map(|(id, text)| (Some(id), text)).collect(),
        _ => bail!("give a QUERY, --queries FILE, or a --filter, --exclude, --from or --to to select by"),
    };
    for (query_id, text) in &all {
        let results = if split {
            let mut fetched = split::Fetched::default();
            let started = Instant::now();
            let results = split::complete(&index, source, &mut fetched, || index.search(&spec.request(text)))?;
            eprintln!("{}", fetched.summary(started.elapsed()));
            results
        } else {
            index.search(&spec.request(text))
        };
        if json {
            for notice in &results.notices {
                match query_id {
                    Some(id) => eprintln!("note: {}: {}", terminal_safe(id), terminal_safe(notice)),
                    None => eprintln!("note: {}", terminal_safe(notice)),
                }
            }
            for (rank, hit) in results.hits.iter().enumerate() {
                write_json_hit(&mut out, query_id.as_deref(), spec.offset + rank + 1, results.total, hit)?;
            }
        } else {
            if let Some(id) = query_id {
                writeln!(out, "## {}: {}", terminal_safe(id), terminal_safe(text))?;
            }
            write_text_results(&mut out, text, spec.offset, &results)?;
        }
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
    /// How many documents match in all (the same on every line of a query).
    total: usize,
}

fn write_json_hit(out: &mut impl Write, query: Option<&str>, rank: usize, total: usize, hit: &Hit) -> Result<()> {
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
        total,
    };
    serde_json::to_writer(&mut *out, &line)?;
    writeln!(out)?;
    Ok(())
}

fn write_text_results(out: &mut impl Write, query: &str, offset: usize, results: &annals_engine::SearchResults) -> Result<()> {
    let (open, close) = if std::io::stdout().is_terminal() { ("\x1b[1;33m", "\x1b[0m") } else { ("«", "»") };
    for notice in &results.notices {
        writeln!(out, "note: {}", terminal_safe(notice))?;
    }
    let noun = if results.total == 1 { "document" } else { "documents" };
    writeln!(out, "{} {noun} match {query:?}", results.total)?;
    if let Some(suggestion) = &results.suggestion {
        writeln!(out, "did you mean: {}", terminal_safe(suggestion))?;
    }
    for (rank, hit) in results.hits.iter().enumerate() {
        let date = hit.date.map(|date| date.display()).unwrap_or_else(|| "undated".to_string());
        let (title, id) = (terminal_safe(&hit.title), terminal_safe(&hit.id));
        writeln!(out, "{:>3}. {title}  [{id}]  {date}  (score {:.3})", offset + rank + 1, hit.score)?;
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
        result.push_str(&terminal_safe(&text[at..start]));
        result.push_str(open);
        result.push_str(&terminal_safe(&text[start..end]));
        result.push_str(close);
        at = end;
    }
    result.push_str(&terminal_safe(&text[at..]));
    result
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
    use super::*;

    #[test]
    fn progress_is_silent_on_a_short_build_and_paced_on_a_long_one() {
        let mut quiet = Progress::new(Instant::now(), Vec::new());
        quiet.phase(|| "read 5 documents".into());
        quiet.tick(|| "indexed 5 of 5 documents".into());
        assert!(quiet.out.is_empty());

        let mut long = Progress::new(Instant::now(), Vec::new());
        long.quiet_for = Duration::ZERO;
        long.every = Duration::from_secs(3600);
        long.phase(|| "read 215780 documents".into());
        for n in 0..1000 {
            long.tick(|| format!("indexed {n} documents"));
        }
        long.phase(|| "writing the postings and compressing the stored text".into());
        let text = String::from_utf8(long.out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2, "{text}");
        assert!(lines[0].starts_with("read 215780 documents (") && lines[0].ends_with(" s)"), "{text}");
        assert!(lines[1].starts_with("writing the postings"), "{text}");
    }

    #[test]
    fn terminal_text_has_no_control_characters() {
        let title = "\u{1b}[31mred\u{1b}]0;pwned\u{7} \u{202E}txt.exe\nnext";
        assert_eq!(terminal_safe(title), "\\u{1b}[31mred\\u{1b}]0;pwned\\u{7} \\u{202e}txt.exe next");
        assert_eq!(marked("a \u{1b}[2J b", &[(0, 1)], "«", "»"), "«a» \\u{1b}[2J b");
        let results = annals_engine::SearchResults {
            total: 1,
            hits: vec![Hit {
                id: "x\u{1b}[8m.txt".into(),
                title: "\u{1b}]0;title\u{7}".into(),
                date: None,
                score: 1.0,
                snippet: annals_engine::Snippet { text: "bell \u{7}".into(), marks: vec![] },
                facets: vec![],
            }],
            notices: vec!["\u{1b}[2J".into()],
            suggestion: Some("\u{1b}c".into()),
        };
        let mut out = Vec::new();
        write_text_results(&mut out, "q", 0, &results).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
    }

    #[test]
    fn a_damaged_index_file_is_refused() {
        let mut builder = IndexBuilder::new(annals_engine::CorpusMeta::default());
        builder.add(annals_engine::Document {
            id: "a.txt".into(),
            title: "A".into(),
            text: "Some stored text for the index.".into(),
            date: None,
            facets: vec![],
            metadata: vec![],
            origin: String::new(),
            mentions: vec![],
        }).unwrap();
        let mut bytes = builder.finish().unwrap();
        let path = std::env::temp_dir().join(format!("annals-cli-damaged-{}.idx", std::process::id()));
        assert!(open_index(&bytes, &path).is_ok());
        // A byte of stored text (section 5, after the 28-byte header), which
        // `open` does not checksum.
        let stored = u32::from_le_bytes(bytes[28 + 8 * 5..32 + 8 * 5].try_into().unwrap()) as usize;
        bytes[stored + 1] ^= 0x40;
        assert!(Corpus::open(&bytes).is_ok());
        let error = open_index(&bytes, &path).err().unwrap().to_string();
        assert!(error.contains("the index file is damaged"), "{error}");
    }

    /// The search options `annals search …` parses to, or clap's error.
    fn spec(args: &[&str]) -> Result<SearchSpec, String> {
        let argv = ["annals", "search", "corpus/"].iter().chain(args);
        let matches = Cli::command().try_get_matches_from(argv).map_err(|error| error.to_string())?;
        let Command::Search(search) = Cli::from_arg_matches(&matches).map_err(|error| error.to_string())?.command else {
            panic!("not the search command");
        };
        search_spec(&search, matches.subcommand_matches("search").unwrap()).map_err(|error| error.to_string())
    }

    fn filter(field: &str, any_of: &[&str], none_of: &[&str]) -> FacetFilter {
        let strings = |values: &[&str]| values.iter().map(|v| v.to_string()).collect();
        FacetFilter { field: field.into(), any_of: strings(any_of), none_of: strings(none_of) }
    }

    #[test]
    fn defaults_ask_for_the_first_ten_by_relevance() {
        let defaults = spec(&["oil"]).unwrap();
        assert_eq!(defaults, SearchSpec { filters: vec![], date_range: None, sort: Sort::Relevance, limit: 10, offset: 0 });
        let request = defaults.request("oil");
        assert_eq!(request, SearchRequest::new("oil", 10));
    }

    #[test]
    fn filters_group_by_field_in_the_order_written() {
        let grouped = spec(&[
            "oil", "--exclude", "places=japan", "--filter", "topics=crude", "--filter", "places = usa",
            "--filter", "topics=nat-gas", "--exclude", "topics=ship",
        ])
        .unwrap();
        assert_eq!(
            grouped.filters,
            vec![filter("places", &["usa"], &["japan"]), filter("topics", &["crude", "nat-gas"], &["ship"])]
        );
        // A value may hold '=' itself: only the first one splits.
        assert_eq!(spec(&["--filter", "title=a=b"]).unwrap().filters, vec![filter("title", &["a=b"], &[])]);
    }

    #[test]
    fn days_sort_limit_and_offset_pass_through() {
        use annals_engine::date::days_from_civil;
        let given = spec(&["oil", "--from", "1987-03-01", "--to", "1987-03-31", "--sort", "newest", "--limit", "20000", "--offset", "100"])
            .unwrap();
        assert_eq!(given.date_range, Some((days_from_civil(1987, 3, 1), days_from_civil(1987, 3, 31))));
        assert_eq!((given.sort, given.limit, given.offset), (Sort::Newest, 20_000, 100));
        // One side alone leaves the other open.
        assert_eq!(spec_range(&["--from", "1987-03-01"]), Some((days_from_civil(1987, 3, 1), i32::MAX)));
        assert_eq!(spec_range(&["--to", "1987-03-01"]), Some((i32::MIN + 1, days_from_civil(1987, 3, 1))));
        assert_eq!(spec_or_err(&["--sort", "oldest"]).sort, Sort::Oldest);
    }

    fn spec_range(args: &[&str]) -> Option<(i32, i32)> {
        spec(args).unwrap().date_range
    }

    fn spec_or_err(args: &[&str]) -> SearchSpec {
        spec(args).unwrap()
    }

    #[test]
    fn bad_input_says_what_is_wrong() {
        let error = spec(&["oil", "--filter", "topics"]).unwrap_err();
        assert!(error.contains("--filter") && error.contains("no '='"), "{error}");
        let error = spec(&["oil", "--exclude", "=crude"]).unwrap_err();
        assert!(error.contains("--exclude") && error.contains("no field"), "{error}");
        let error = spec(&["oil", "--filter", "topics="]).unwrap_err();
        assert!(error.contains("no value"), "{error}");
        let error = spec(&["oil", "--from", "1987-3"]).unwrap_err();
        assert!(error.contains("--from") && error.contains("\"1987-3\" is not a day"), "{error}");
        let error = spec(&["oil", "--to", "March"]).unwrap_err();
        assert!(error.contains("--to") && error.contains("YYYY-MM-DD"), "{error}");
        let error = spec(&["oil", "--from", "1988-01-01", "--to", "1987-01-01"]).unwrap_err();
        assert!(error.contains("--from 1988-01-01 is after --to 1987-01-01"), "{error}");
        let error = spec(&["oil", "--sort", "best"]).unwrap_err();
        assert!(error.contains("--sort") && error.contains("relevance"), "{error}");
        let error = spec(&["oil", "--offset", "ten"]).unwrap_err();
        assert!(error.contains("--offset"), "{error}");
    }

    #[test]
    fn marks_wrap_words_and_skip_bad_ranges() {
        assert_eq!(marked("a Robertson b", &[(2, 11)], "[", "]"), "a [Robertson] b");
        assert_eq!(marked("’x’", &[(1, 2), (3, 4)], "[", "]"), "’[x]’");
    }
}
