//! Ingestion: a corpus folder or `corpus.toml` → documents + a build report.
//!
//! [`load`] finds the files ([`sources`]), turns each file's bytes into text
//! ([`encoding`]), each file or record into a [`Draft`] (one module per
//! format: [`text`], [`markdown`], [`html`], [`records`]), merges sidecar
//! tables ([`sidecar`]), suggests facets from the drafts when `corpus.toml`
//! declares none ([`suggest`]), maps each draft's fields onto a [`Document`]
//! ([`mapping`]), applies `corpus.toml`'s overrides and accounts for every
//! file and record in the [`BuildReport`]: files and records in = indexed +
//! skipped, always. [`survey`] reads a folder the same way and writes the
//! `corpus.toml` that `annals init` offers ([`init`]).
//!
//! Anything that would silently lose or garble documents (a malformed
//! `corpus.toml`, front matter, JSON record or CSV row; two documents with
//! one id) stops the build with an [`Error`] that names the file and line.
//! Anything a person can live with (an unreadable date, a legacy encoding)
//! is a [`Warning`].

mod config;
mod dates;
mod encoding;
mod html;
mod init;
mod mapping;
mod markdown;
mod records;
mod sidecar;
mod sources;
mod suggest;
mod text;
mod inferred;
pub mod timex;
mod title;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::date::{DatePrecision, DateSource};
use crate::document::{CorpusMeta, Document};
use crate::error::{Error, ErrorKind};

use self::config::{Config, Format};
use self::dates::Span;

pub use self::init::{survey, Survey};
pub use self::suggest::{FacetReport, FieldVerdict};

/// A loaded corpus: its description, its documents and the accounting.
#[derive(Debug, Clone)]
pub struct LoadedCorpus {
    /// From `corpus.toml` (or defaults).
    pub meta: CorpusMeta,
    /// Every document indexed, in a stable order: sources in the order
    /// `corpus.toml` lists them, files by path, records in file order.
    pub documents: Vec<Document>,
    /// What was indexed, skipped and warned about.
    pub report: BuildReport,
    /// Every file read (for build.rs's rerun-if-changed), `corpus.toml` and
    /// sidecar tables included.
    pub inputs: Vec<PathBuf>,
    /// The site layout `corpus.toml` asks for, if it names one.
    pub layout: Option<crate::Layout>,
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
    /// Documents without a date of their own, dated from the periods their
    /// texts name in full.
    #[serde(default)]
    pub inferred_dates: Vec<InferredDate>,
    /// Documents left undated (they are indexed and found, but not on the
    /// timeline), each with the reason.
    #[serde(default)]
    pub undated: Vec<Skipped>,
    /// How many dates the documents' texts mention, and how many of those
    /// name a calendar period (the rest are durations, recurrences,
    /// references to the present or past, or lack a year).
    #[serde(default)]
    pub mentions: MentionCount,
    /// Facets suggested from the data when `corpus.toml` declares none:
    /// the fields made facets and the repeating fields that were not, each
    /// with the reason.
    #[serde(default)]
    pub facets: FacetReport,
}

/// A document's date inferred from its text, and the evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InferredDate {
    /// The document.
    pub id: String,
    /// The inferred day or inclusive range, ISO (`2000-06-28`,
    /// `2000-05-01..2000-05-31`).
    pub date: String,
    /// The mentions it rests on, latest first: `"28 June 2000" (2000-06-28)`.
    pub evidence: Vec<String>,
}

/// The dates mentioned in the corpus's texts, counted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MentionCount {
    /// Every temporal expression found.
    pub found: usize,
    /// Those that name a period of days (shown on the timeline and in the
    /// chronology, found by `mentions:`).
    pub dated: usize,
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

impl std::fmt::Display for Warning {
    /// `path:line: message`, like [`Error`].
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.path, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
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

impl DocumentSummary {
    fn of(document: &Document) -> DocumentSummary {
        DocumentSummary {
            id: document.id.clone(),
            title: document.title.clone(),
            date: document.date.map(|date| date.iso()),
            precision: document.date.map(|date| date.precision),
            date_source: document.date.map(|date| date.source),
        }
    }
}

/// A field value as a format delivers it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    /// One piece of text (numbers and booleans are written out).
    Text(String),
    /// A list (YAML sequences, JSON arrays).
    List(Vec<String>),
}

impl Value {
    fn is_empty(&self) -> bool {
        match self {
            Value::Text(text) => text.trim().is_empty(),
            Value::List(items) => items.iter().all(|item| item.trim().is_empty()),
        }
    }

    /// A list of values; nested lists become one item each, joined by `, `
    /// (facet values are flat).
    fn list(items: impl IntoIterator<Item = Value>) -> Value {
        Value::List(
            items
                .into_iter()
                .map(|item| match item {
                    Value::Text(text) => text,
                    Value::List(list) => list.join(", "),
                })
                .collect(),
        )
    }

    /// The value as one piece of text (lists joined by `, `).
    fn joined(&self) -> String {
        match self {
            Value::Text(text) => text.clone(),
            Value::List(items) => items.join(", "),
        }
    }
}

/// A file or record read by its format, before its fields are mapped onto a
/// [`Document`].
#[derive(Debug, Default)]
pub(crate) struct Draft {
    /// 1-based line of a record in its file.
    pub line: Option<usize>,
    /// Metadata fields in source order (header block, front matter, meta
    /// tags, record fields).
    pub fields: Vec<(String, Value)>,
    /// A file's own text; records take theirs from their text fields.
    pub body: Option<String>,
    /// A title the document shows itself (`<title>`, a heading, a header
    /// line), used when no title field exists.
    pub title_hint: Option<String>,
    /// A date in the document's header lines.
    pub header_date: Option<Span>,
}

/// A file to read, as [`sources`] found it.
#[derive(Debug, Clone)]
pub(crate) struct InputFile {
    /// Where it is.
    pub path: PathBuf,
    /// How messages name it: the path from the corpus root, `/`-separated.
    pub shown: String,
    /// Its format, from `corpus.toml` or the extension; `None` when neither
    /// names a format we read.
    pub format: Option<Format>,
    /// Its folder below the root (`letters/1999`), for the `collection` facet.
    pub collection: Option<String>,
}

/// Collects the report while files are read.
#[derive(Debug, Default)]
pub(crate) struct Accounting {
    pub skipped: Vec<Skipped>,
    pub warnings: Vec<Warning>,
}

impl Accounting {
    pub fn warn(&mut self, path: &str, line: Option<usize>, message: impl Into<String>) {
        self.warnings.push(Warning { path: path.to_string(), line, message: message.into() });
    }

    pub fn skip(&mut self, origin: impl Into<String>, reason: impl Into<String>) {
        self.skipped.push(Skipped { origin: origin.into(), reason: reason.into() });
    }
}

/// Loads a corpus from a folder (with or without `corpus.toml`) or from the
/// path of a `corpus.toml`.
pub fn load(path: &Path) -> Result<LoadedCorpus, Error> {
    let (root, config_path) = locate(path)?;
    let config = match &config_path {
        Some(config_path) => {
            let shown = config_path
                .file_name()
                .map_or_else(|| config::CONFIG_NAME.to_string(), |name| name.to_string_lossy().into_owned());
            let text = read_text_file(config_path, &shown)?;
            config::parse(text, &shown)?
        }
        None => Config { shown: config::CONFIG_NAME.to_string(), ..Config::default() },
    };
    load_configured(&root, config, config_path)
}

/// Loads the corpus in the folder `root` as the configuration text
/// `config_text` (corpus.toml syntax, its paths relative to `root`) describes:
/// for collections whose folder has no corpus.toml of its own, such as a BEIR
/// test collection read by `annals eval`. `shown` names the configuration in
/// error messages.
pub fn load_with_config(root: &Path, config_text: &str, shown: &str) -> Result<LoadedCorpus, Error> {
    if !root.is_dir() {
        return Err(Error::new(ErrorKind::Io, "no such folder").at_path(root.display().to_string()));
    }
    let config = config::parse(config_text.to_string(), shown)?;
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    load_configured(&root, config, None)
}

/// A file or record read and merged with its sidecar rows, not yet mapped
/// onto a document.
pub(crate) struct Pending {
    pub draft: Draft,
    pub id: String,
    pub origin: String,
    /// Its file, in [`Gathered::files`].
    pub file: usize,
    /// The fields a sidecar table set.
    overridden: Vec<String>,
    /// How many warnings reading had given when this draft was read: they
    /// come before its own in the report, so the report keeps file order.
    warnings_read: usize,
}

/// Every draft of a corpus, read but not mapped, with the accounting so far.
pub(crate) struct Gathered {
    pub drafts: Vec<Pending>,
    pub files: Vec<InputFile>,
    pub accounting: Accounting,
    pub inputs: Vec<PathBuf>,
}

/// Finds and reads every file, merges sidecar rows and checks ids: all that
/// comes before the fields are mapped (which the facet suggestion must see
/// whole first).
pub(crate) fn gather(root: &Path, config: &Config, config_path: Option<PathBuf>) -> Result<Gathered, Error> {
    let mut inputs: Vec<PathBuf> = config_path.iter().cloned().collect();
    let mut accounting = Accounting::default();
    let tables = sidecar::load_all(config, root, &mut inputs, &mut accounting)?;
    let mut not_documents: Vec<PathBuf> = tables.iter().map(|table| table.path.clone()).collect();
    not_documents.extend(config_path.iter().cloned());
    let files = sources::find(config, root, &not_documents, &mut accounting)?;
    let mapping = mapping::Mapping::new(config);

    let mut drafts = Vec::new();
    let mut origins: HashMap<String, String> = HashMap::new();
    let mut sidecar_use = sidecar::Matches::new(&tables);
    for (file_index, file) in files.iter().enumerate() {
        let Some(format) = file.format else {
            accounting.skip(&file.shown, unsupported_reason(&file.path));
            continue;
        };
        inputs.push(file.path.clone());
        let Some(file_drafts) = read_drafts(file, format, &mut accounting)? else { continue };
        let is_records = matches!(format, Format::Jsonl | Format::Json | Format::Csv);
        if file_drafts.is_empty() {
            let reason = match format {
                Format::Csv => "no records (a header row only)",
                _ => "no records",
            };
            accounting.skip(&file.shown, reason);
            continue;
        }
        for mut draft in file_drafts {
            let origin = match draft.line {
                Some(line) => format!("{}:{line}", file.shown),
                None => file.shown.clone(),
            };
            if is_records && draft.fields.iter().all(|(_, value)| value.is_empty()) {
                accounting.skip(origin, "empty record");
                continue;
            }
            let id = if is_records { mapping.record_id(&draft, &file.shown) } else { file.shown.clone() };
            if let Some(first) = origins.insert(id.clone(), origin.clone()) {
                return Err(duplicate(&id, &origin, &first));
            }
            let overridden = sidecar_use.merge(&id, file, is_records, &mut draft);
            let warnings_read = accounting.warnings.len();
            drafts.push(Pending { draft, id, origin, file: file_index, overridden, warnings_read });
        }
    }
    sidecar_use.warn_unmatched(&mut accounting);
    Ok(Gathered { drafts, files, accounting, inputs })
}

fn load_configured(root: &Path, config: Config, config_path: Option<PathBuf>) -> Result<LoadedCorpus, Error> {
    let root = root.to_path_buf();
    let Gathered { drafts, files, mut accounting, inputs } = gather(&root, &config, config_path)?;
    let mut mapping = mapping::Mapping::new(&config);
    let facet_report = match &config.facets {
        Some(_) => FacetReport::default(),
        None => {
            let report = suggest::suggest(&mapping, &drafts);
            mapping.add_suggested(&report.fields());
            report
        }
    };

    let read_warnings = std::mem::take(&mut accounting.warnings);
    let mut warnings_placed = 0;
    let mut documents = Vec::with_capacity(drafts.len());
    for Pending { draft, id, origin, file, overridden, warnings_read } in drafts {
        accounting.warnings.extend_from_slice(&read_warnings[warnings_placed..warnings_read]);
        warnings_placed = warnings_read;
        documents.push(mapping.document(id, origin, draft, &files[file], &overridden, &mut accounting));
    }
    accounting.warnings.extend_from_slice(&read_warnings[warnings_placed..]);
    apply_overrides(&config, &mapping, &mut documents, &mut accounting)?;
    // The dates each text mentions, resolved against its document's final
    // date (overrides included); an undated document is dated from them
    // where its text names a period in full.
    // Documents are tagged on every core: each is tagged on its own.
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8);
    let share = documents.len().div_ceil(threads).max(1);
    let dated: Vec<Option<InferredDate>> = std::thread::scope(|scope| {
        let handles: Vec<_> =
            documents.chunks_mut(share).map(|chunk| scope.spawn(move || chunk.iter_mut().map(date_mentions).collect::<Vec<_>>())).collect();
        handles.into_iter().flat_map(|handle| handle.join().unwrap_or_default()).collect()
    });
    let mut inferred_dates = Vec::new();
    let mut undated = Vec::new();
    for (document, inference) in documents.iter().zip(dated) {
        match inference {
            Some(inferred) => inferred_dates.push(inferred),
            None if document.date.is_none() => {
                undated.push(Skipped { origin: document.id.clone(), reason: inferred::NO_EVIDENCE.to_string() })
            }
            None => {}
        }
    }

    let meta = CorpusMeta {
        title: config.title.clone().unwrap_or_else(|| default_title(&root)),
        description: config.description.clone().unwrap_or_default(),
        language: config.language.clone().unwrap_or_else(|| "english".to_string()),
        facets: mapping.facet_fields(&documents),
    };
    let report = BuildReport {
        indexed: documents.len(),
        skipped: accounting.skipped,
        warnings: accounting.warnings,
        documents: documents.iter().map(DocumentSummary::of).collect(),
        inferred_dates,
        undated,
        mentions: MentionCount {
            found: documents.iter().map(|d| d.mentions.len()).sum(),
            dated: documents.iter().flat_map(|d| &d.mentions).filter(|m| m.first_day.is_some()).count(),
        },
        facets: facet_report,
    };
    Ok(LoadedCorpus { meta, documents, report, inputs, layout: config.layout })
}

/// Finds the dates a document's text mentions, resolved against its date;
/// an undated document is dated from them where its text names a day or
/// month in full, and the inference is returned for the report.
fn date_mentions(document: &mut Document) -> Option<InferredDate> {
    document.mentions = timex::find_mentions(&document.text, document.date.map(|date| date.day));
    if document.date.is_some() {
        return None;
    }
    let inference = inferred::infer(&document.text, &document.mentions)?;
    document.date = Some(inference.date);
    document.mentions = timex::find_mentions(&document.text, Some(inference.date.day));
    Some(InferredDate { id: document.id.clone(), date: inferred::range_text(&inference.date), evidence: inference.evidence })
}

/// Reads one file into drafts, or `None` when it is skipped (empty, binary).
fn read_drafts(file: &InputFile, format: Format, accounting: &mut Accounting) -> Result<Option<Vec<Draft>>, Error> {
    let bytes = std::fs::read(&file.path)
        .map_err(|error| Error::new(ErrorKind::Io, format!("cannot read the file: {error}")).at_path(&file.shown))?;
    let text = match encoding::decode(bytes) {
        encoding::Decoded::Skip(reason) => {
            accounting.skip(&file.shown, reason);
            return Ok(None);
        }
        encoding::Decoded::Text { text, legacy_line, replaced } => {
            if let Some(line) = legacy_line {
                accounting.warn(&file.shown, Some(line), "not valid UTF-8; read as Windows-1252");
            }
            if let Some((line, count)) = replaced {
                let bytes = if count == 1 { "sequence" } else { "sequences" };
                accounting.warn(
                    &file.shown,
                    Some(line),
                    format!("{count} invalid UTF-8 {bytes} (the first on this line) replaced by U+FFFD"),
                );
            }
            text
        }
    };
    let drafts = match format {
        Format::Txt => vec![text::parse(&text)],
        Format::Md => vec![markdown::parse(&text, &file.shown)?],
        Format::Html => {
            let (draft, warning) = html::parse_checked(&text);
            if let Some(warning) = warning {
                accounting.warn(&file.shown, None, warning);
            }
            vec![draft]
        }
        Format::Jsonl => records::jsonl(&text, &file.shown)?,
        Format::Json => records::json(&text, &file.shown)?,
        Format::Csv => records::csv(&text, &file.shown)?,
    };
    Ok(Some(drafts))
}

/// The corpus root and its `corpus.toml`, if any.
fn locate(path: &Path) -> Result<(PathBuf, Option<PathBuf>), Error> {
    let shown = path.display().to_string();
    let metadata = std::fs::metadata(path)
        .map_err(|error| Error::new(ErrorKind::Io, format!("cannot open the corpus: {error}")).at_path(&shown))?;
    // An absolute root makes every input path absolute (build.rs watches
    // them from another directory) and paths from globs and walks share its
    // prefix. Only the folder is resolved: a linked corpus.toml or data file
    // stays where it is linked from.
    let absolute = |folder: &Path| folder.canonicalize().unwrap_or_else(|_| folder.to_path_buf());
    if metadata.is_dir() {
        let root = absolute(path);
        let config = root.join(config::CONFIG_NAME);
        return Ok((root.clone(), config.is_file().then_some(config)));
    }
    if path.extension().is_some_and(|extension| extension == "toml") {
        let parent = path.parent().filter(|parent| !parent.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let root = absolute(parent);
        let config = path.file_name().map_or_else(|| path.to_path_buf(), |name| root.join(name));
        return Ok((root, Some(config)));
    }
    Err(Error::new(ErrorKind::Config, "expected a corpus folder or a corpus.toml").at_path(shown))
}

/// Reads a UTF-8 (or Windows-1252) text file that is not a document.
pub(crate) fn read_text_file(path: &Path, shown: &str) -> Result<String, Error> {
    let bytes = std::fs::read(path)
        .map_err(|error| Error::new(ErrorKind::Io, format!("cannot read the file: {error}")).at_path(shown))?;
    match encoding::decode(bytes) {
        encoding::Decoded::Text { text, .. } => Ok(text),
        encoding::Decoded::Skip("empty file") => Ok(String::new()),
        encoding::Decoded::Skip(reason) => Err(Error::new(ErrorKind::Config, reason).at_path(shown)),
    }
}

fn unsupported_reason(path: &Path) -> String {
    match path.extension() {
        Some(extension) => format!("unsupported file type .{}", extension.to_string_lossy()),
        None => "unsupported file type (no extension)".to_string(),
    }
}

fn duplicate(id: &str, origin: &str, first: &str) -> Error {
    let (path, line) = split_origin(origin);
    let error = Error::new(ErrorKind::DuplicateId, format!("duplicate id `{id}`, also used by {first}")).at_path(path);
    match line {
        Some(line) => error.at_line(line),
        None => error,
    }
}

/// `path:line` → (`path`, `line`).
fn split_origin(origin: &str) -> (&str, Option<usize>) {
    match origin.rsplit_once(':') {
        Some((path, line)) if line.parse::<usize>().is_ok() => (path, line.parse().ok()),
        _ => (origin, None),
    }
}

/// The title of a corpus whose `corpus.toml` gives none (or that has no
/// `corpus.toml`): its folder's name as a person would write it,
/// `harbour-town` → "Harbour town" (a name with capitals keeps them).
fn default_title(root: &Path) -> String {
    let Some(name) = root.file_name() else { return CorpusMeta::default().title };
    let name = name.to_string_lossy();
    let spaced = name.split(['-', '_']).filter(|part| !part.is_empty()).collect::<Vec<_>>().join(" ");
    if spaced.is_empty() {
        return name.into_owned();
    }
    if spaced.chars().any(char::is_uppercase) {
        return spaced;
    }
    let mut chars = spaced.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or(spaced)
}

/// `[overrides."id"]`: title, date (with precision and span) and facets.
fn apply_overrides(
    config: &Config,
    mapping: &mapping::Mapping,
    documents: &mut [Document],
    accounting: &mut Accounting,
) -> Result<(), Error> {
    let by_id: HashMap<&str, usize> =
        documents.iter().enumerate().map(|(index, document)| (document.id.as_str(), index)).collect();
    let mut changes = Vec::new();
    for (id, correction) in &config.overrides {
        let line = config.line(id.span().start);
        let Some(&index) = by_id.get(id.get_ref().as_str()) else {
            accounting.warn(
                &config.shown,
                Some(line),
                format!("override for `{}`, which is not a document id", id.get_ref()),
            );
            continue;
        };
        changes.push((index, line, correction));
    }
    for (index, line, correction) in changes {
        mapping.apply_override(&mut documents[index], correction, &config.shown, line)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    #[test]
    fn a_folder_name_becomes_a_title() {
        assert_eq!(super::default_title(Path::new("/x/harbour-town")), "Harbour town");
        assert_eq!(super::default_title(Path::new("/x/plain_letters")), "Plain letters");
        assert_eq!(super::default_title(Path::new("/x/NATO-files")), "NATO files");
        assert_eq!(super::default_title(Path::new("/x/---")), "---");
        assert_eq!(super::default_title(Path::new("/x/élysée")), "Élysée");
    }
}
