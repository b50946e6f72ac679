//! `annals mentions`: the dates mentioned in every document's text, as the
//! tagger finds and resolves them against the document's own date.
//!
//! The JSON lines are the shape TempEval-3's scorer reads (`id`, `start`,
//! `end`, `surface`, `type`, `value`), with offsets in characters of the
//! text, so `score.py gold.jsonl pred.jsonl` scores them directly.

use std::io::Write;
use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result};
use serde::Serialize;

use annals_engine::ingest;
use annals_engine::Document;

#[derive(Serialize)]
struct JsonMention<'a> {
    id: &'a str,
    start: usize,
    end: usize,
    surface: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    value: &'a str,
}

/// Prints the mentions of every document of a corpus (folder or
/// corpus.toml: ingestion finds them) or an index file (which stores
/// them); on standard error, how many, and how long reading took.
pub fn run(source: &Path, json: bool) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut tally = Tally::default();
    let started = Instant::now();
    let is_corpus = source.is_dir() || source.extension().is_some_and(|ext| ext == "toml");
    if is_corpus {
        let corpus = ingest::load(source).map_err(anyhow::Error::new)?;
        for document in &corpus.documents {
            write_document(&mut out, document, json, &mut tally)?;
        }
    } else {
        let bytes = std::fs::read(source).with_context(|| format!("cannot read the index {}", source.display()))?;
        let index = crate::open_index(&bytes, source)?;
        for ordinal in 0..index.len() {
            if let Some(document) = index.document_at(ordinal as u32) {
                write_document(&mut out, &document, json, &mut tally)?;
            }
        }
    }
    out.flush()?;
    eprintln!("{} mentions in {} documents, read in {} ms", tally.mentions, tally.documents, started.elapsed().as_millis());
    Ok(())
}

#[derive(Default)]
struct Tally {
    documents: usize,
    mentions: usize,
}

fn write_document(out: &mut impl Write, document: &Document, json: bool, tally: &mut Tally) -> Result<()> {
    let text = &document.text;
    let mentions = &document.mentions;
    tally.documents += 1;
    tally.mentions += mentions.len();
    // Byte offsets to character offsets in one walk: mentions are in order.
    // (An index file's offsets are checked, not trusted: a damaged one
    // gives an empty surface, never a panic.)
    let mut chars_before = 0usize;
    let mut bytes_seen = 0usize;
    let mut to_chars = |byte: usize| {
        if let Some(between) = text.get(bytes_seen..byte) {
            chars_before += between.chars().count();
            bytes_seen = byte;
        }
        chars_before
    };
    for mention in mentions {
        let (start, end) = (mention.start as usize, mention.end as usize);
        let surface = text.get(start..end).unwrap_or("");
        if json {
            let line = JsonMention {
                id: &document.id,
                start: to_chars(start),
                end: to_chars(end),
                surface,
                kind: mention.kind.as_str(),
                value: &mention.value,
            };
            serde_json::to_writer(&mut *out, &line)?;
            writeln!(out)?;
        } else {
            let days = match (mention.first_day, mention.last_day) {
                (Some(first), Some(last)) if first == last => format!("  [{}]", annals_engine::date::iso_day(first)),
                (Some(first), Some(last)) => format!(
                    "  [{} .. {}]",
                    annals_engine::date::iso_day(first),
                    annals_engine::date::iso_day(last)
                ),
                _ => String::new(),
            };
            writeln!(
                out,
                "{}\t{}..{}\t{:<8}\t{:<20}\t{}{days}",
                crate::terminal_safe(&document.id),
                mention.start,
                mention.end,
                mention.kind.as_str(),
                crate::terminal_safe(&mention.value),
                crate::terminal_safe(surface)
            )?;
        }
    }
    Ok(())
}
