//! `corpus.toml`: what the corpus is called, where its documents are, how
//! record fields map onto documents, which fields are facets, per-document
//! overrides and sidecar metadata tables. The README's `corpus.toml` section
//! documents the same schema for users; keep the two in step.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use toml::Spanned;

use crate::date::DatePrecision;
use crate::document::FacetKind;
use crate::error::{Error, ErrorKind};

/// The parsed `corpus.toml`. Every part is optional: an empty file (or no
/// file) means "every supported file under this folder, with defaults".
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Config {
    /// Page heading.
    pub title: Option<String>,
    /// One paragraph for the opening view.
    pub description: Option<String>,
    /// Snowball language name.
    pub language: Option<String>,
    /// How the site carries the index; none lets its size decide (see
    /// [`crate::Layout::for_size`]).
    pub layout: Option<crate::Layout>,
    /// Files, folders and globs to read; none means the whole folder.
    #[serde(default)]
    pub sources: Vec<Spanned<Source>>,
    /// Globs of files to leave out, relative to the corpus root.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Whether sources and sidecar tables may lie outside the corpus folder
    /// (absolute paths, `../`, symbolic links that lead out). Off by default,
    /// so that a corpus cannot pull `/etc/hostname` or a home folder into a
    /// published page.
    #[serde(default)]
    pub allow_outside_paths: bool,
    /// Which fields hold the id, title, date and text.
    #[serde(default)]
    pub fields: FieldMap,
    /// Facet fields, in display order. `None` (no `[facets]` table) lets
    /// the build suggest facets from the data (see `suggest`); a table,
    /// even an empty one, is authoritative.
    #[serde(default)]
    pub facets: Option<Ordered<FacetSpec>>,
    /// Metadata tables merged into documents.
    #[serde(default)]
    pub sidecar: Vec<Spanned<Sidecar>>,
    /// Per-document corrections, by id.
    #[serde(default)]
    pub overrides: BTreeMap<Spanned<String>, Override>,
    /// How messages name the file (`corpus.toml`).
    #[serde(skip)]
    pub shown: String,
    /// Its text, to turn spans into line numbers.
    #[serde(skip)]
    pub text: String,
}

/// The file a corpus folder is described by.
pub(crate) const CONFIG_NAME: &str = "corpus.toml";

impl Config {
    /// 1-based line of a byte offset in `corpus.toml`.
    pub fn line(&self, offset: usize) -> usize {
        line_of(&self.text, offset)
    }
}

/// One entry of `sources`: a path (file, folder or glob) with an optional
/// format, written as a string or a table.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(crate) enum Source {
    /// `"notes/**/*.md"`.
    Path(String),
    /// `{ path = "data.csv", format = "csv" }`.
    Table {
        /// File, folder or glob, relative to `corpus.toml`.
        path: String,
        /// Format name overriding the extension.
        format: Option<Format>,
    },
}

impl Source {
    pub fn path(&self) -> &str {
        match self {
            Source::Path(path) | Source::Table { path, .. } => path,
        }
    }

    pub fn format(&self) -> Option<Format> {
        match self {
            Source::Path(_) => None,
            Source::Table { format, .. } => *format,
        }
    }
}

/// The formats ingestion reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Format {
    /// Plain text with an optional `Key: Value` header block.
    Txt,
    /// Markdown with optional YAML or TOML front matter.
    Md,
    /// An HTML page.
    Html,
    /// One JSON object per line.
    Jsonl,
    /// A JSON array of objects (or one object).
    Json,
    /// A CSV table with a header row.
    Csv,
}

impl Format {
    /// The format a file extension stands for.
    pub fn from_extension(extension: &str) -> Option<Format> {
        Some(match extension.to_ascii_lowercase().as_str() {
            "txt" | "text" => Format::Txt,
            "md" | "markdown" => Format::Md,
            "html" | "htm" => Format::Html,
            "jsonl" | "ndjson" => Format::Jsonl,
            "json" => Format::Json,
            "csv" => Format::Csv,
            _ => return None,
        })
    }

    /// Its name in `sources` (and its usual extension).
    pub fn name(self) -> &'static str {
        match self {
            Format::Txt => "txt",
            Format::Md => "md",
            Format::Html => "html",
            Format::Jsonl => "jsonl",
            Format::Json => "json",
            Format::Csv => "csv",
        }
    }
}

/// Field names (matched without regard to case) for the parts of a document.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FieldMap {
    /// Record id; records without one get `path#line`.
    pub id: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// Date.
    pub date: Option<String>,
    /// Body text: one field or several, joined by blank lines.
    pub text: Option<OneOrMany>,
}

/// A string or a list of strings.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(crate) enum OneOrMany {
    /// One value.
    One(String),
    /// Several values.
    Many(Vec<String>),
}

impl OneOrMany {
    /// The names or values as a list.
    pub fn to_vec(&self) -> Vec<String> {
        match self {
            OneOrMany::One(value) => vec![value.clone()],
            OneOrMany::Many(values) => values.clone(),
        }
    }
}

/// A facet declaration: `topics = "tags"` or
/// `topics = { kind = "tags", field = "TOPICS", separator = ";" }`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(crate) enum FacetSpec {
    /// Just the kind; the field has the facet's name.
    Kind(FacetKind),
    /// Kind, source field and separator.
    Table {
        /// How the values are read.
        kind: FacetKind,
        /// The field holding the values (default: the facet's name).
        field: Option<String>,
        /// What splits a text value into tags (default `;`).
        separator: Option<String>,
    },
}

/// A metadata table: one row per document, matched by its key column.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Sidecar {
    /// CSV file, relative to `corpus.toml`.
    pub path: String,
    /// The column holding the key (default: the first column).
    pub key: Option<String>,
    /// What the key is compared with.
    #[serde(default, rename = "match")]
    pub match_on: MatchOn,
}

/// What a sidecar key names.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum MatchOn {
    /// The document id (a file's path from the root, or a record's id).
    #[default]
    Id,
    /// A file's name without folders (`000_f60c8a798409cdc8.txt`).
    Name,
    /// A file's name without folders and extension.
    Stem,
}

/// Corrections for one document.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Override {
    /// Replaces the title.
    pub title: Option<String>,
    /// Replaces the date (any form the date reader knows).
    pub date: Option<String>,
    /// Replaces the precision the written date implies.
    pub precision: Option<DatePrecision>,
    /// First day of the date's span (for `approximate`).
    pub start: Option<String>,
    /// Last day of the date's span.
    pub end: Option<String>,
    /// Replaces facet values: `{ publication = "Monitor" }`.
    #[serde(default)]
    pub facets: Ordered<OneOrMany>,
}

/// A TOML table read in the order it is written (facets are shown in the
/// order the corpus declares them).
#[derive(Debug)]
pub(crate) struct Ordered<V>(pub Vec<(String, V)>);

impl<V> Default for Ordered<V> {
    fn default() -> Self {
        Ordered(Vec::new())
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Ordered<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OrderedVisitor<V>(PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for OrderedVisitor<V> {
            type Value = Ordered<V>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a table")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(Ordered(entries))
            }
        }
        deserializer.deserialize_map(OrderedVisitor(PhantomData))
    }
}

/// Parses `corpus.toml`; errors carry its path (as shown) and line.
pub(crate) fn parse(text: String, shown_path: &str) -> Result<Config, Error> {
    let parsed: Result<Config, _> = toml::from_str(&text);
    let mut config = parsed.map_err(|error| {
        let text = &text;
        let line = error.span().map(|span| line_of(text, span.start));
        let mut message = one_line(error.message());
        if message.starts_with("data did not match any variant") {
            message = "a value has the wrong form (see the corpus.toml section of the README)".to_string();
        }
        let error = Error::new(ErrorKind::Config, message).at_path(shown_path);
        match line {
            Some(line) => error.at_line(line),
            None => error,
        }
    })?;
    config.shown = shown_path.to_string();
    for (name, spec) in config.facets.iter().flat_map(|facets| &facets.0) {
        if let FacetSpec::Table { separator: Some(separator), .. } = spec {
            if separator.is_empty() {
                // Splitting at "" would make every letter a tag.
                let line = text.lines().position(|line| line.contains("separator") && line.contains("\"\"")).map(|i| i + 1);
                let error = Error::new(ErrorKind::Config, format!("facet `{name}`: `separator` is empty; leave it out for \";\""))
                    .at_path(shown_path);
                return Err(match line {
                    Some(line) => error.at_line(line),
                    None => error,
                });
            }
        }
    }
    config.text = text;
    Ok(config)
}

/// 1-based line of a byte offset.
pub(crate) fn line_of(text: &str, offset: usize) -> usize {
    1 + text.as_bytes()[..offset.min(text.len())].iter().filter(|&&b| b == b'\n').count()
}

/// A parser's message on one line (toml's span two), so that
/// `path:line: message` stays one line in build output.
pub(crate) fn one_line(message: &str) -> String {
    message.trim().lines().map(str::trim).filter(|line| !line.is_empty()).collect::<Vec<_>>().join("; ")
}
