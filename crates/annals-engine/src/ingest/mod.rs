//! Ingestion: a corpus folder or `corpus.toml` → documents + a build report.
//!
//! PLACEHOLDER CONTRACT — the signatures below are what build.rs and the CLI
//! call; the bodies are to be written.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::date::{DatePrecision, DateSource};
use crate::document::{CorpusMeta, Document};
use crate::error::Error;

/// A loaded corpus: its description, its documents and the accounting.
#[derive(Debug, Clone)]
pub struct Corpus {
    /// From `corpus.toml` (or defaults).
    pub meta: CorpusMeta,
    /// Every document indexed, in a stable order.
    pub documents: Vec<Document>,
    /// What was indexed, skipped and warned about.
    pub report: BuildReport,
    /// Every file read (for build.rs's rerun-if-changed).
    pub inputs: Vec<PathBuf>,
}

/// The accounting of one build: files and records in = indexed + skipped.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BuildReport {
    /// Documents indexed.
    pub indexed: usize,
    /// Files or records not indexed, each with its reason.
    pub skipped: Vec<Skipped>,
    /// Problems that did not stop the build.
    pub warnings: Vec<Warning>,
    /// One line per indexed document.
    pub documents: Vec<DocumentSummary>,
}

/// A file or record left out, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skipped {
    /// `path` or `path:line`.
    pub origin: String,
    /// Why, as a sentence.
    pub reason: String,
}

/// A problem that did not stop the build.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    /// The file concerned.
    pub path: String,
    /// The 1-based line, when known.
    pub line: Option<usize>,
    /// What is wrong.
    pub message: String,
}

/// One indexed document in the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentSummary {
    /// Stable id.
    pub id: String,
    /// Title.
    pub title: String,
    /// ISO day, or `None` when undated.
    pub date: Option<String>,
    /// Precision of the date.
    pub precision: Option<DatePrecision>,
    /// Source of the date.
    pub date_source: Option<DateSource>,
}

/// Loads a corpus from a folder (with or without `corpus.toml`) or from the
/// path of a `corpus.toml`.
pub fn load(path: &Path) -> Result<Corpus, Error> {
    let _ = path;
    todo!("ingest::load")
}
