//! Ingestion, end to end: a corpus folder written to a temporary directory,
//! loaded with `ingest::load`, and the documents, report and errors the user
//! sees checked exactly.
#![cfg(feature = "build")]

use std::path::{Path, PathBuf};

use annals_engine::ingest::{self, Corpus, Skipped};
use annals_engine::{DatePrecision, DateSource, Document, ErrorKind};

/// A corpus folder in the system's temporary directory, removed on drop.
struct TempCorpus {
    dir: PathBuf,
}

impl TempCorpus {
    fn new(name: &str) -> TempCorpus {
        let dir = std::env::temp_dir().join(format!("annals-ingest-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempCorpus { dir }
    }

    /// Writes a file (folders created as needed).
    fn file(&self, relative: &str, bytes: impl AsRef<[u8]>) -> &TempCorpus {
        let path = self.dir.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
        self
    }

    fn load(&self) -> Corpus {
        ingest::load(&self.dir).unwrap_or_else(|error| panic!("load failed: {error}"))
    }

    /// The error message as the user sees it.
    fn error(&self) -> String {
        match ingest::load(&self.dir) {
            Ok(corpus) => panic!("loaded {} documents, expected an error", corpus.documents.len()),
            Err(error) => error.to_string(),
        }
    }
}

impl Drop for TempCorpus {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn document<'a>(corpus: &'a Corpus, id: &str) -> &'a Document {
    corpus.documents.iter().find(|d| d.id == id).unwrap_or_else(|| panic!("no document {id}"))
}

fn facet<'a>(document: &'a Document, name: &str) -> Option<&'a [String]> {
    document.facets.iter().find(|(n, _)| n == name).map(|(_, values)| values.as_slice())
}

fn warnings(corpus: &Corpus) -> Vec<String> {
    corpus.report.warnings.iter().map(ToString::to_string).collect()
}

fn skipped(corpus: &Corpus) -> Vec<(String, String)> {
    corpus.report.skipped.iter().map(|Skipped { origin, reason }| (origin.clone(), reason.clone())).collect()
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

// ---- the seed corpus -------------------------------------------------------

#[test]
fn seeds_load_with_their_dates_and_titles() {
    let corpus = ingest::load(&repo_root().join("corpus")).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(corpus.meta.title, "NATO–Russia relations, 1999–2001");
    assert_eq!(corpus.meta.language, "english");
    assert!(!corpus.meta.description.is_empty());
    assert_eq!(corpus.report.indexed, 5);
    assert!(corpus.report.skipped.is_empty(), "{:?}", corpus.report.skipped);
    assert!(corpus.report.warnings.is_empty(), "{:?}", corpus.report.warnings);
    let dates: Vec<(String, Option<String>, Option<DatePrecision>, Option<DateSource>)> = corpus
        .report
        .documents
        .iter()
        .map(|d| (d.id.clone(), d.date.clone(), d.precision, d.date_source))
        .collect();
    use DatePrecision::*;
    use DateSource::*;
    let expected = [
        ("000_f60c8a798409cdc8.txt", "2000-02-09", Day, Override),
        ("001_754eee55ac53f941.txt", "2000-02-17", Day, Override),
        ("002_3f28e97e102e8240.txt", "2000-12-20", Approximate, Override),
        ("003_7f0074e24eaea6d2.txt", "1999-07-21", Day, Override),
        ("004_8b2f1731b81e9c48.txt", "2001-05-15", Day, Header),
    ];
    let expected: Vec<_> = expected
        .iter()
        .map(|(id, date, precision, source)| (id.to_string(), Some(date.to_string()), Some(*precision), Some(*source)))
        .collect();
    assert_eq!(dates, expected);
    let approximate = document(&corpus, "002_3f28e97e102e8240.txt").date.unwrap();
    assert_eq!((annals_engine::date::iso_day(approximate.start), annals_engine::date::iso_day(approximate.end)), ("2000-12-18".into(), "2000-12-22".into()));

    let review = document(&corpus, "004_8b2f1731b81e9c48.txt");
    assert_eq!(review.title, "Great expectations");
    assert_eq!(facet(review, "publication"), Some(&["NATO Review".to_string()][..]));
    let monitor = document(&corpus, "000_f60c8a798409cdc8.txt");
    assert_eq!(monitor.title, "If Robertson’s visit to the Russian capital is indeed called off, it would halt…");
    assert_eq!(facet(monitor, "publication"), Some(&["Monitor".to_string()][..]));
    assert_eq!(monitor.metadata, vec![("Volume".to_string(), "6".to_string()), ("Issue".to_string(), "28".to_string())]);
    assert!(monitor.text.starts_with("If Robertson’s visit"), "the header block is not text");
    for document in &corpus.documents {
        assert!(!document.title.trim().is_empty());
        assert!(document.title.chars().count() <= 81, "{}", document.title);
    }
    assert!(corpus.inputs.iter().any(|input| input.ends_with("corpus.toml")));
    assert_eq!(corpus.inputs.len(), 6);
}
