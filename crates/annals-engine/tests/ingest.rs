//! Ingestion, end to end: a corpus folder written to a temporary directory,
//! loaded with `ingest::load`, and the documents, report and errors the user
//! sees checked exactly.
#![cfg(feature = "build")]

use std::path::{Path, PathBuf};

use annals_engine::ingest::{self, LoadedCorpus, Skipped};
use annals_engine::{DatePrecision, DateSource, Document, ErrorKind};

/// A corpus folder in the system's temporary directory, removed on drop.
struct TempCorpus {
    dir: PathBuf,
}

impl TempCorpus {
    fn new(name: &str) -> TempCorpus {
        // Tests run in parallel: a counter keeps two corpora of one name apart.
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let unique = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("annals-ingest-{}-{unique}-{name}", std::process::id()));
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

    fn load(&self) -> LoadedCorpus {
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

fn document<'a>(corpus: &'a LoadedCorpus, id: &str) -> &'a Document {
    corpus.documents.iter().find(|d| d.id == id).unwrap_or_else(|| panic!("no document {id}"))
}

fn facet<'a>(document: &'a Document, name: &str) -> Option<&'a [String]> {
    document.facets.iter().find(|(n, _)| n == name).map(|(_, values)| values.as_slice())
}

fn warnings(corpus: &LoadedCorpus) -> Vec<String> {
    corpus.report.warnings.iter().map(ToString::to_string).collect()
}

fn skipped(corpus: &LoadedCorpus) -> Vec<(String, String)> {
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
    let dates: Vec<_> =
        corpus.report.documents.iter().map(|d| (d.id.clone(), d.date.clone(), d.precision, d.date_source)).collect();
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
    assert_eq!(
        (annals_engine::date::iso_day(approximate.start), annals_engine::date::iso_day(approximate.end)),
        ("2000-12-18".into(), "2000-12-22".into())
    );

    let review = document(&corpus, "004_8b2f1731b81e9c48.txt");
    assert_eq!(review.title, "Great expectations");
    assert_eq!(facet(review, "publication"), Some(&["NATO Review".to_string()][..]));
    let monitor = document(&corpus, "000_f60c8a798409cdc8.txt");
    assert_eq!(monitor.title, "If Robertson’s visit to the Russian capital is indeed called off, it would halt…");
    assert_eq!(facet(monitor, "publication"), Some(&["Monitor".to_string()][..]));
    assert_eq!(
        monitor.metadata,
        vec![("Volume".to_string(), "6".to_string()), ("Issue".to_string(), "28".to_string())]
    );
    assert!(monitor.text.starts_with("If Robertson’s visit"), "the header block is not text");
    for document in &corpus.documents {
        assert!(!document.title.trim().is_empty());
        assert!(document.title.chars().count() <= 81, "{}", document.title);
    }
    assert!(corpus.inputs.iter().any(|input| input.ends_with("corpus.toml")));
    assert_eq!(corpus.inputs.len(), 6);
}

// ---- formats ---------------------------------------------------------------

#[test]
fn plain_text_header_fields_title_and_date() {
    let corpus = TempCorpus::new("txt");
    corpus
        .file("a.txt", "Title: The  first report\nDate: February 9, 2000 Author: Ann\n\nBody of the report.\nSecond line.\n")
        .file("b.txt", "Header\nUpdated: 15-May-2001 NATO Review\n\nSpring 2001\n\nOpinion\n\nGreat expectations\n\nA long first paragraph of the piece, which goes on for quite a while so that it reads as prose and not as a title line.\n")
        .file("c.txt", "No header here: just text. And more.\n");
    let corpus = corpus.load();
    let a = document(&corpus, "a.txt");
    assert_eq!(a.title, "The first report");
    assert_eq!(a.text, "Body of the report.\nSecond line.");
    assert_eq!(a.metadata, vec![("Author".to_string(), "Ann".to_string())]);
    let date = a.date.unwrap();
    assert_eq!(
        (date.iso(), date.precision, date.source),
        ("2000-02-09".into(), DatePrecision::Day, DateSource::Metadata)
    );
    let b = document(&corpus, "b.txt");
    assert_eq!(b.title, "Great expectations");
    assert_eq!(
        b.date.map(|d| (d.iso(), d.precision, d.source)),
        Some(("2001-05-15".into(), DatePrecision::Day, DateSource::Header))
    );
    let c = document(&corpus, "c.txt");
    assert_eq!(c.title, "No header here: just text.");
    assert_eq!(c.date, None, "an undated document is kept");
    assert_eq!(corpus.report.indexed, 3);
}

#[test]
fn markdown_with_yaml_and_toml_front_matter() {
    let corpus = TempCorpus::new("md");
    corpus
        .file("corpus.toml", "[facets]\ntags = \"tags\"\nauthor = \"keyword\"\n")
        .file("yaml.md", "---\ntitle: Notes on *fst*\ndate: 2000-02\ntags: [index, rust]\nauthor: Ann\nsummary: short\n---\n# Heading\n\nSome **bold** text\nand a [link](http://example.com).\n")
        .file("toml.md", "+++\ntitle = \"From TOML\"\ndate = 1987-02-26\ntags = [\"a\", \"b\"]\n+++\nBody.\n")
        .file("plain.md", "Intro line.\n\n## Second-level heading\n\n# The real title\n\nText.\n");
    let corpus = corpus.load();
    let yaml = document(&corpus, "yaml.md");
    assert_eq!(yaml.title, "Notes on *fst*");
    assert_eq!(yaml.text, "Heading\n\nSome bold text and a link.");
    assert_eq!(yaml.date.map(|d| (d.iso(), d.precision)), Some(("2000-02-15".into(), DatePrecision::Month)));
    assert_eq!(facet(yaml, "tags"), Some(&["index".to_string(), "rust".to_string()][..]));
    assert_eq!(facet(yaml, "author"), Some(&["Ann".to_string()][..]));
    assert_eq!(yaml.metadata, vec![("summary".to_string(), "short".to_string())]);
    let toml = document(&corpus, "toml.md");
    assert_eq!(toml.title, "From TOML");
    assert_eq!(toml.date.map(|d| (d.iso(), d.source)), Some(("1987-02-26".into(), DateSource::Metadata)));
    assert_eq!(facet(toml, "tags"), Some(&["a".to_string(), "b".to_string()][..]));
    assert_eq!(document(&corpus, "plain.md").title, "The real title");
    assert_eq!(corpus.meta.facets.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(), ["tags", "author"]);
}

#[test]
fn html_title_meta_and_visible_text() {
    let corpus = TempCorpus::new("html");
    corpus
        .file("page.html", "<!doctype html><html><head><title>A page</title><meta name=\"date\" content=\"9 February 2000\"><meta name=\"author\" content=\"Ann\"><style>body{color:red}</style><script>alert('x')</script></head><body><nav>Menu</nav><h1>Head</h1><p>First <em>para</em>.</p><script>var hidden = 1;</script><p>Second\npara.</p></body></html>")
        .file("bare.htm", "<p>Only a paragraph. With two sentences.</p>");
    let corpus = corpus.load();
    let page = document(&corpus, "page.html");
    assert_eq!(page.title, "A page");
    assert_eq!(page.text, "Menu\n\nHead\n\nFirst para.\n\nSecond para.");
    assert_eq!(page.date.map(|d| d.iso()), Some("2000-02-09".into()));
    assert_eq!(page.metadata, vec![("author".to_string(), "Ann".to_string())]);
    assert_eq!(document(&corpus, "bare.htm").title, "Only a paragraph.");
}

#[test]
fn jsonl_json_and_csv_records() {
    let corpus = TempCorpus::new("records");
    corpus
        .file(
            "corpus.toml",
            "sources = [\"data\"]\n[fields]\nid = \"key\"\ntitle = \"headline\"\ndate = \"when\"\ntext = [\"lead\", \"body\"]\n[facets]\ntopics = \"tags\"\nsource = \"keyword\"\nyear = \"number\"\n",
        )
        .file(
            "data/a.jsonl",
            "{\"key\": \"j1\", \"headline\": \"One\", \"when\": \"2000-02-09\", \"lead\": \"Lead.\", \"body\": \"Body.\", \"topics\": [\"crude\", \"gas\"], \"year\": 2000, \"extra\": 7}\n\n{\"headline\": \"No key\", \"body\": \"Text\", \"topics\": []}\n",
        )
        .file("data/b.json", "[\n  {\"key\": \"a1\", \"body\": \"First sentence here. More.\", \"source\": \"AP\"},\n  {\"key\": \"a2\", \"headline\": \"Two\", \"when\": null}\n]\n")
        .file("data/c.csv", "key,headline,when,body,topics\nc1,Three,1987,Text,crude;oil\nc2,\"Four, quoted\",,\"multi\nline\",\n");
    let corpus = corpus.load();
    let ids: Vec<&str> = corpus.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["j1", "data/a.jsonl#3", "a1", "a2", "c1", "c2"]);
    let j1 = document(&corpus, "j1");
    assert_eq!((j1.title.as_str(), j1.text.as_str(), j1.origin.as_str()), ("One", "Lead.\n\nBody.", "data/a.jsonl:1"));
    assert_eq!(facet(j1, "topics"), Some(&["crude".to_string(), "gas".to_string()][..]));
    assert_eq!(facet(j1, "year"), Some(&["2000".to_string()][..]));
    assert_eq!(j1.metadata, vec![("extra".to_string(), "7".to_string())]);
    assert_eq!(facet(document(&corpus, "data/a.jsonl#3"), "topics"), None);
    let a1 = document(&corpus, "a1");
    assert_eq!((a1.title.as_str(), a1.origin.as_str()), ("First sentence here.", "data/b.json:2"));
    assert_eq!(document(&corpus, "a2").origin, "data/b.json:3");
    assert_eq!(document(&corpus, "a2").text, "");
    let c1 = document(&corpus, "c1");
    assert_eq!(facet(c1, "topics"), Some(&["crude".to_string(), "oil".to_string()][..]));
    assert_eq!(c1.date.map(|d| (d.iso(), d.precision)), Some(("1987-07-02".into(), DatePrecision::Year)));
    let c2 = document(&corpus, "c2");
    assert_eq!(
        (c2.title.as_str(), c2.text.as_str(), c2.origin.as_str()),
        ("Four, quoted", "multi\nline", "data/c.csv:3")
    );
    assert_eq!(facet(c1, "collection"), Some(&["data".to_string()][..]));
}

#[test]
fn nested_folders_become_a_collection_facet() {
    let corpus = TempCorpus::new("nested");
    corpus.file("top.txt", "Top level.").file("letters/1999/a.txt", "A letter.").file("letters/b.md", "# B\n\nText.");
    let corpus = corpus.load();
    assert_eq!(facet(document(&corpus, "letters/1999/a.txt"), "collection"), Some(&["letters/1999".to_string()][..]));
    assert_eq!(facet(document(&corpus, "letters/b.md"), "collection"), Some(&["letters".to_string()][..]));
    assert_eq!(facet(document(&corpus, "top.txt"), "collection"), None);
    assert_eq!(
        corpus.meta.facets,
        vec![annals_engine::FacetField { name: "collection".into(), kind: annals_engine::FacetKind::Keyword }]
    );
}

#[test]
fn a_folder_without_corpus_toml_loads_every_supported_file() {
    let corpus = TempCorpus::new("defaults");
    corpus
        .file("a.txt", "Alpha.")
        .file("sub/b.md", "Beta.")
        .file("sub/c.html", "<p>Gamma.</p>")
        .file("picture.png", b"\x89PNG\r\n\x1a\n\0\0")
        .file(".hidden/d.txt", "Hidden.")
        .file(".e.txt", "Hidden too.");
    let loaded = corpus.load();
    assert_eq!(loaded.documents.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(), ["a.txt", "sub/b.md", "sub/c.html"]);
    assert_eq!(
        skipped(&loaded),
        [
            (".e.txt".to_string(), "hidden file".to_string()),
            (".hidden".to_string(), "hidden folder".to_string()),
            ("picture.png".to_string(), "unsupported file type .png".to_string())
        ]
    );
    // The folder's name as a person writes it: "annals-ingest-…" → "Annals ingest …".
    let folder = corpus.dir.file_name().unwrap().to_string_lossy().replace('-', " ");
    assert_eq!(loaded.meta.title, format!("A{}", &folder[1..]));
    assert_eq!(loaded.meta.language, "english");
    assert_eq!(loaded.inputs.len(), 3);
}

// ---- corpus.toml: sources, sidecars, overrides -----------------------------

#[test]
fn sources_globs_and_exclusions() {
    let corpus = TempCorpus::new("sources");
    corpus
        .file("corpus.toml", "sources = [\"notes/**/*.md\", { path = \"raw.data\", format = \"txt\" }]\nexclude = [\"notes/drafts/*\"]\n")
        .file("notes/a.md", "A.")
        .file("notes/deep/b.md", "B.")
        .file("notes/drafts/c.md", "C.")
        .file("notes/d.txt", "D.")
        .file("raw.data", "Raw text.");
    let corpus = corpus.load();
    assert_eq!(
        corpus.documents.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(),
        ["notes/a.md", "notes/deep/b.md", "raw.data"]
    );
}

#[test]
fn sidecar_tables_merge_metadata_and_are_not_documents() {
    let corpus = TempCorpus::new("sidecar");
    corpus
        .file(
            "corpus.toml",
            "[[sidecar]]\npath = \"meta.csv\"\nkey = \"file\"\nmatch = \"stem\"\n\n[[sidecar]]\npath = \"more.csv\"\n\n[facets]\nsource = \"keyword\"\n",
        )
        .file("meta.csv", "file,title,date,source\n000_x,Sidecar title,Spring 2001,AP\nmissing,Nobody,,\n")
        .file("more.csv", "id,source\nsub/y.txt,Reuters\n")
        .file("000_x.txt", "Title: From the file\n\nText.")
        .file("sub/y.txt", "Y text.");
    let corpus = corpus.load();
    assert_eq!(corpus.report.indexed, 2);
    let x = document(&corpus, "000_x.txt");
    assert_eq!(x.title, "Sidecar title");
    assert_eq!(x.date.map(|d| (d.precision, d.source)), Some((DatePrecision::Season, DateSource::Override)));
    assert_eq!(facet(x, "source"), Some(&["AP".to_string()][..]));
    assert_eq!(facet(document(&corpus, "sub/y.txt"), "source"), Some(&["Reuters".to_string()][..]));
    assert_eq!(warnings(&corpus), ["meta.csv:3: no document matches `missing`"]);
    assert_eq!(corpus.inputs.len(), 5);
}

#[test]
fn overrides_set_title_date_and_facets() {
    let corpus = TempCorpus::new("overrides");
    corpus
        .file(
            "corpus.toml",
            "[facets]\nsource = \"keyword\"\n\n[overrides.\"a.txt\"]\ntitle = \"Better title\"\ndate = \"Spring 2001\"\nfacets = { source = \"NATO Review\" }\n\n[overrides.\"b.txt\"]\ndate = \"2000-12-20\"\nprecision = \"approximate\"\nstart = \"2000-12-18\"\nend = \"2000-12-22\"\n\n[overrides.\"c.txt\"]\ndate = \"2000-06-01\"\nprecision = \"year\"\n\n[overrides.\"nope.txt\"]\ntitle = \"x\"\n",
        )
        .file("a.txt", "Date: 1999-01-01\n\nText a.")
        .file("b.txt", "Text b.")
        .file("c.txt", "Text c.");
    let corpus = corpus.load();
    let a = document(&corpus, "a.txt");
    assert_eq!(a.title, "Better title");
    assert_eq!(a.date.map(|d| (d.display(), d.source)), Some(("Spring 2001".into(), DateSource::Override)));
    assert_eq!(facet(a, "source"), Some(&["NATO Review".to_string()][..]));
    let b = document(&corpus, "b.txt").date.unwrap();
    assert_eq!((b.display(), b.precision), ("c. 20 Dec 2000".into(), DatePrecision::Approximate));
    assert_eq!(warnings(&corpus), ["corpus.toml:19: override for `nope.txt`, which is not a document id"]);
    let c = document(&corpus, "c.txt").date.unwrap();
    assert_eq!(
        (c.display(), c.iso(), annals_engine::date::iso_day(c.end)),
        ("2000".into(), "2000-06-01".into(), "2000-12-31".into())
    );
}

// ---- dates -----------------------------------------------------------------

#[test]
fn written_date_forms_keep_precision() {
    let corpus = TempCorpus::new("dates");
    let lines = [
        "2000-02-09",
        "15-May-2001",
        "26-FEB-1987 15:01:01.79",
        "February 9, 2000",
        "9 February 2000",
        "Spring 2001",
        "2000-02",
        "1987",
    ];
    let jsonl: String =
        lines.iter().enumerate().map(|(i, date)| format!("{{\"id\": \"d{i}\", \"date\": \"{date}\"}}\n")).collect();
    corpus.file("dates.jsonl", jsonl);
    let corpus = corpus.load();
    let got: Vec<(String, DatePrecision)> = corpus
        .documents
        .iter()
        .map(|d| {
            let date = d.date.unwrap();
            (date.display(), date.precision)
        })
        .collect();
    use DatePrecision::*;
    let expected = [
        ("9 Feb 2000", Day),
        ("15 May 2001", Day),
        ("26 Feb 1987", Day),
        ("9 Feb 2000", Day),
        ("9 Feb 2000", Day),
        ("Spring 2001", Season),
        ("Feb 2000", Month),
        ("1987", Year),
    ];
    assert_eq!(got, expected.iter().map(|(d, p)| (d.to_string(), *p)).collect::<Vec<_>>());
    assert!(corpus.documents.iter().all(|d| d.date.unwrap().source == DateSource::Metadata));
    assert!(corpus.report.warnings.is_empty());
}

#[test]
fn malformed_timestamps_keep_the_day_and_warn() {
    let corpus = TempCorpus::new("baddates");
    corpus.file(
        "news.jsonl",
        "{\"id\": \"1\", \"date\": \"31-MAR-1987 605:12:19\"}\n{\"id\": \"2\", \"date\": \"27-MAR-1987 00:02:59.13RM\"}\n{\"id\": \"3\", \"date\": \"3-MAR-1987  09:15:05.40\"}\n{\"id\": \"4\", \"date\": \"sometime\"}\n{\"id\": \"5\"}\n",
    );
    let corpus = corpus.load();
    assert_eq!(
        warnings(&corpus),
        [
            "news.jsonl:1: malformed date `31-MAR-1987 605:12:19`: kept 1987-03-31 (day)",
            "news.jsonl:2: malformed date `27-MAR-1987 00:02:59.13RM`: kept 1987-03-27 (day)",
            "news.jsonl:3: malformed date `3-MAR-1987  09:15:05.40`: kept 1987-03-03 (day)",
            "news.jsonl:4: cannot read the date `sometime`; the document is left undated",
        ]
    );
    let days: Vec<Option<(String, DatePrecision)>> =
        corpus.documents.iter().map(|d| d.date.map(|date| (date.iso(), date.precision))).collect();
    assert_eq!(days[0], Some(("1987-03-31".into(), DatePrecision::Day)));
    assert_eq!(days[3], None);
    assert_eq!(days[4], None);
    assert_eq!(corpus.report.indexed, 5, "undated documents are kept");
    assert_eq!(corpus.report.documents[3].date, None);
}

// ---- titles ----------------------------------------------------------------

#[test]
fn titles_are_never_blank() {
    let corpus = TempCorpus::new("titles");
    corpus.file(
        "t.jsonl",
        "{\"id\": \"given\", \"title\": \"  A\\n title \", \"text\": \"x\"}\n{\"id\": \"derived\", \"title\": \"\", \"text\": \"Derived from the text. Not this.\"}\n{\"id\": \"nothing\", \"title\": \" \", \"text\": \"---\"}\n",
    );
    let corpus = corpus.load();
    let titles: Vec<&str> = corpus.documents.iter().map(|d| d.title.as_str()).collect();
    assert_eq!(titles, ["A title", "Derived from the text.", "nothing"]);
}

// ---- encodings -------------------------------------------------------------

#[test]
fn encodings_bom_crlf_windows_1252_binary_and_empty() {
    let corpus = TempCorpus::new("encodings");
    corpus
        .file("bom.txt", b"\xEF\xBB\xBFTitle: With BOM\r\n\r\nLine one.\r\nLine two.\r\n")
        .file("legacy.txt", b"First line.\nCaf\xE9 \x93quoted\x94.\n")
        .file("binary.txt", b"GIF89a\x00\x01\x02\x03")
        .file("empty.txt", b"")
        .file("blank.md", b" \n\r\n");
    let loaded = corpus.load();
    let bom = document(&loaded, "bom.txt");
    assert_eq!((bom.title.as_str(), bom.text.as_str()), ("With BOM", "Line one.\nLine two."));
    assert_eq!(document(&loaded, "legacy.txt").text, "First line.\nCafé “quoted”.");
    assert_eq!(warnings(&loaded), ["legacy.txt:2: not valid UTF-8; read as Windows-1252"]);
    assert_eq!(
        skipped(&loaded),
        [
            ("binary.txt".to_string(), "binary file (not text)".to_string()),
            ("blank.md".to_string(), "empty file".to_string()),
            ("empty.txt".to_string(), "empty file".to_string()),
        ]
    );
    assert_eq!(loaded.report.indexed + loaded.report.skipped.len(), 5, "files in = indexed + skipped");
}

#[test]
fn empty_records_are_skipped_and_accounted() {
    let corpus = TempCorpus::new("emptyrecords");
    corpus
        .file("r.jsonl", "{\"id\": \"1\", \"text\": \"a\"}\n{}\n{\"id\": null, \"text\": \"\"}\n")
        .file("r.csv", "id,text\n2,b\n,\n");
    let corpus = corpus.load();
    assert_eq!(corpus.report.indexed, 2);
    assert_eq!(
        skipped(&corpus),
        [
            ("r.csv:3".to_string(), "empty record".to_string()),
            ("r.jsonl:2".to_string(), "empty record".to_string()),
            ("r.jsonl:3".to_string(), "empty record".to_string()),
        ]
    );
}

// ---- errors: what stops the build, with file, line and reason --------------

/// Loads each corpus and compares the error the user sees.
fn check_errors(cases: &[(&[(&str, &str)], &str)]) {
    for (files, expected) in cases {
        assert_eq!(error_of(files), *expected, "for {files:?}");
    }
}

fn error_of(files: &[(&str, &str)]) -> String {
    let corpus = TempCorpus::new(&format!("error-{}", files[0].0.replace('/', "-")));
    for (path, text) in files {
        corpus.file(path, text);
    }
    corpus.error()
}

#[test]
fn malformed_corpus_toml_is_an_error_at_its_line() {
    check_errors(&[
        (&[("corpus.toml", "title = \"x\"\nlanguage = english\n")], "corpus.toml:2: invalid string; expected `\"`, `'`"),
        (&[("corpus.toml", "title = \"x\"\n\n[facets]\ntopics = \"tagz\"\n")], "corpus.toml:4: a value has the wrong form (see the corpus.toml section of the README)"),
        (&[("corpus.toml", "titel = \"x\"\n")], "corpus.toml:1: unknown field `titel`, expected one of `title`, `description`, `language`, `layout`, `sources`, `exclude`, `allow_outside_paths`, `fields`, `facets`, `sidecar`, `overrides`"),
        (&[("corpus.toml", "sources = [\"missing.jsonl\"]\n")], "corpus.toml:1: source `missing.jsonl` does not exist"),
        (&[("corpus.toml", "[overrides.\"a.txt\"]\ndate = \"someday\"\n"), ("a.txt", "A.")], "corpus.toml:1: override for `a.txt`: cannot read the date `someday`"),
        (&[("corpus.toml", "[overrides.\"a.txt\"]\nfacets = { sorce = \"AP\" }\n"), ("a.txt", "A.")], "corpus.toml:1: override for `a.txt`: `sorce` is not a facet declared in [facets]"),
    ]);
}

#[test]
fn malformed_front_matter_is_an_error_at_its_line() {
    check_errors(&[
        (
            &[("bad.md", "---\ntitle: ok\ntags: [a, b\n---\nText.\n")],
            "bad.md:4: invalid YAML front matter: did not find expected ',' or ']'",
        ),
        (
            &[("open.md", "---\ntitle: never closed\n\nText.\n")],
            "open.md:1: front matter opened with `---` on line 1 is never closed",
        ),
        (
            &[("bad.md", "+++\ntitle = \"ok\"\ndate = \n+++\nText.\n")],
            "bad.md:3: invalid TOML front matter: invalid string; expected `\"`, `'`",
        ),
        (
            &[("list.md", "---\n- a\n- b\n---\nText.\n")],
            "list.md:2: front matter must be a table of `key: value` fields",
        ),
    ]);
}

#[test]
fn malformed_records_are_errors_at_their_line() {
    check_errors(&[
        (
            &[("r.jsonl", "{\"id\": \"1\"}\n{\"id\": \"2\",}\n")],
            "r.jsonl:2: invalid JSON record: trailing comma (column 12)",
        ),
        (
            &[("r.jsonl", "{\"id\": \"1\"}\n[1, 2]\n")],
            "r.jsonl:2: invalid JSON record: invalid type: sequence, expected a JSON object",
        ),
        (&[("r.json", "[\n  {\"id\": \"1\"},\n  {\"id\": }\n]\n")], "r.json:3: invalid JSON: expected value"),
        (
            &[("r.json", "[\n  {\"id\": \"1\"},\n  \"text\"\n]\n")],
            "r.json:3: invalid JSON record: invalid type: string \"text\", expected a JSON object",
        ),
        (&[("r.csv", "id,text\n1,a\n2,b,extra\n")], "r.csv:3: invalid CSV: this row has 3 fields, the header has 2"),
    ]);
}

#[test]
fn duplicate_ids_name_both_origins() {
    assert_eq!(
        error_of(&[("r.jsonl", "{\"id\": \"x\"}\n{\"id\": \"y\"}\n{\"id\": \"x\"}\n")]),
        "r.jsonl:3: duplicate id `x`, also used by r.jsonl:1"
    );
    let message = error_of(&[("a.csv", "id,text\nsame,a\n"), ("b.jsonl", "{\"id\": \"same\", \"text\": \"b\"}\n")]);
    assert_eq!(message, "b.jsonl:1: duplicate id `same`, also used by a.csv:2");
    let corpus = TempCorpus::new("dupkind");
    corpus.file("r.jsonl", "{\"id\": \"x\"}\n{\"id\": \"x\"}\n");
    let error = ingest::load(&corpus.dir).unwrap_err();
    assert_eq!((error.kind, error.path.as_deref(), error.line), (ErrorKind::DuplicateId, Some("r.jsonl"), Some(2)));
}

// ---- public corpora (skipped when the shared data is absent) ---------------

/// A temp corpus with `example`'s corpus.toml and `data` linked beside it.
fn example_with(name: &str, example: &str, data: &Path, link_as: &str) -> Option<TempCorpus> {
    if !data.is_file() {
        println!("skipped: {} is not there", data.display());
        return None;
    }
    let corpus = TempCorpus::new(name);
    let config = std::fs::read(repo_root().join("examples").join(example).join("corpus.toml")).unwrap();
    corpus.file("corpus.toml", config);
    #[cfg(unix)]
    std::os::unix::fs::symlink(data, corpus.dir.join(link_as)).unwrap();
    #[cfg(not(unix))]
    std::fs::copy(data, corpus.dir.join(link_as)).unwrap();
    Some(corpus)
}

fn shared(path: &str) -> PathBuf {
    repo_root().join("../shared/corpora").join(path)
}

#[test]
fn reuters_loads_by_configuration_alone() {
    let Some(corpus) =
        example_with("reuters", "reuters21578", &shared("reuters21578/reuters21578.jsonl"), "reuters21578.jsonl")
    else {
        return;
    };
    let started = std::time::Instant::now();
    let loaded = corpus.load();
    println!("Reuters-21578 loaded in {:?}", started.elapsed());
    assert_eq!(loaded.documents.len(), 21_578);
    assert_eq!(loaded.report.indexed, 21_578);
    assert!(loaded.report.skipped.is_empty());
    assert!(loaded.documents.iter().all(|d| d
        .date
        .is_some_and(|date| date.precision == DatePrecision::Day && date.source == DateSource::Metadata)));
    assert!(loaded.documents.iter().all(|d| !d.title.trim().is_empty()));
    // The shared README says 334 timestamps are malformed; 2 of those are
    // well-formed times with a one-digit fraction (`7-APR-1987 16:22:00.0`),
    // which every date parser accepts. The other 332 are damaged.
    let malformed = loaded.report.warnings.iter().filter(|w| w.message.starts_with("malformed date")).count();
    assert_eq!(malformed, 332);
    assert_eq!(loaded.report.warnings.len(), 332, "{:?}", &loaded.report.warnings[..3]);
    let first = &loaded.report.warnings[0];
    assert_eq!(
        first.to_string(),
        "reuters21578.jsonl:996: malformed date `3-MAR-1987  09:15:05.40`: kept 1987-03-03 (day)"
    );
    let names: Vec<&str> = loaded.meta.facets.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["topics", "places", "people", "orgs", "exchanges", "split"]);
    let cocoa = document(&loaded, "reut-1");
    assert_eq!(cocoa.title, "BAHIA COCOA REVIEW");
    assert_eq!(cocoa.date.map(|d| d.iso()), Some("1987-02-26".into()));
    assert_eq!(facet(cocoa, "topics"), Some(&["cocoa".to_string()][..]));
    assert!(cocoa.metadata.iter().any(|(name, value)| name == "dateline" && value == "SALVADOR, Feb 26"));
    let with_topics = loaded.documents.iter().filter(|d| facet(d, "topics").is_some()).count();
    assert!(with_topics > 10_000, "{with_topics} documents have topics");
    for name in ["places", "people", "orgs", "exchanges", "split"] {
        assert!(loaded.documents.iter().any(|d| facet(d, name).is_some()), "no document has {name}");
    }
}

#[test]
fn beir_corpus_loads_by_configuration_alone() {
    let Some(corpus) = example_with("beir", "beir", &shared("cranfield/corpus.jsonl"), "corpus.jsonl") else {
        return;
    };
    let loaded = corpus.load();
    assert_eq!(loaded.report.indexed, 1_400);
    assert!(loaded.report.skipped.is_empty() && loaded.report.warnings.is_empty());
    let first = document(&loaded, "1");
    assert_eq!(first.title, "experimental investigation of the aerodynamics of a wing in a slipstream .");
    assert!(first.text.starts_with("experimental investigation"));
    assert!(loaded.documents.iter().all(|d| !d.title.is_empty()));
    // The abstracts carry no dates; the few whose text names a day or a
    // month with its year ("october, 1951") are dated from it, the rest
    // are listed as undated with the reason.
    let inferred = &loaded.report.inferred_dates;
    assert!(!inferred.is_empty() && inferred.len() < 100, "{} dated from their text", inferred.len());
    assert_eq!(inferred.len() + loaded.report.undated.len(), 1_400);
    for document in &loaded.documents {
        let dated_from_text = inferred.iter().any(|i| i.id == document.id);
        assert_eq!(document.date.map(|d| d.source), dated_from_text.then_some(annals_engine::DateSource::Inferred), "{}", document.id);
    }
    let october_1951 = inferred.iter().find(|i| i.id == "904").expect("904 names october, 1951");
    assert_eq!(october_1951.date, "1951-10-01..1951-10-31");
    assert!(october_1951.evidence[0].contains("october, 1951"), "{:?}", october_1951.evidence);
}

// ---- the README's schema example is a working corpus.toml ------------------

#[test]
fn readme_schema_example_loads() {
    let readme = std::fs::read_to_string(repo_root().join("README.md")).unwrap();
    let section = &readme[readme.find("## corpus.toml").expect("the README has a corpus.toml section")..];
    let start = section.find("```toml\n").expect("the section shows the schema") + "```toml\n".len();
    let example = &section[start..start + section[start..].find("```").unwrap()];
    let corpus = TempCorpus::new("readme");
    corpus
        .file("corpus.toml", example)
        .file("letters/a.md", "---\nkeywords: peace, war\n---\nA letter.")
        .file("letters/drafts/b.md", "Left out.")
        .file("news.data", "{\"id\": \"n1\", \"title\": \"News\", \"yr\": 2000, \"lead\": \"Lead.\", \"body\": \"Body.\", \"topics\": [\"x\"]}\n")
        .file("metadata.csv", "file,publication\na.md,Letters\n")
        .file("002_3f28e97e102e8240.txt", "Not in sources, so not a document.");
    let loaded = corpus.load();
    assert_eq!(loaded.documents.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(), ["letters/a.md", "n1"]);
    let letter = document(&loaded, "letters/a.md");
    assert_eq!(facet(letter, "publication"), Some(&["Letters".to_string()][..]));
    assert_eq!(facet(letter, "keywords"), Some(&["peace".to_string(), "war".to_string()][..]));
    let news = document(&loaded, "n1");
    assert_eq!((news.text.as_str(), facet(news, "year")), ("Lead.\n\nBody.", Some(&["2000".to_string()][..])));
    assert_eq!(loaded.layout, Some(annals_engine::Layout::Split), "the example asks for the split layout");
    let line = 1 + example.lines().position(|line| line.starts_with("[overrides.")).unwrap();
    assert_eq!(
        warnings(&loaded),
        [format!("corpus.toml:{line}: override for `002_3f28e97e102e8240.txt`, which is not a document id")]
    );
}

#[test]
fn a_layout_is_single_or_split_and_else_stops_the_build_at_its_line() {
    let corpus = TempCorpus::new("layout");
    corpus.file("corpus.toml", "title = \"T\"\nlayout = \"single\"\n").file("a.txt", "A.");
    assert_eq!(corpus.load().layout, Some(annals_engine::Layout::Single));
    corpus.file("corpus.toml", "title = \"T\"\n").file("a.txt", "A.");
    assert_eq!(corpus.load().layout, None, "left to the index's size");
    corpus.file("corpus.toml", "title = \"T\"\nlayout = \"pieces\"\n");
    let error = ingest::load(&corpus.dir).unwrap_err().to_string();
    assert!(error.contains("corpus.toml") && error.contains(":2") && error.contains("pieces"), "{error}");
}

#[test]
fn a_corpus_toml_path_loads_like_its_folder() {
    let corpus = TempCorpus::new("tomlpath");
    corpus
        .file("corpus.toml", "title = \"Named\"\nsources = [\"docs\"]\n")
        .file("docs/a.txt", "A.")
        .file("other.txt", "Not a source.");
    let by_file = ingest::load(&corpus.dir.join("corpus.toml")).unwrap();
    let by_folder = corpus.load();
    assert_eq!(by_file.meta.title, "Named");
    assert_eq!(by_file.documents, by_folder.documents);
    assert_eq!(by_file.documents.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(), ["docs/a.txt"]);
    assert!(by_file.inputs.iter().all(|input| input.is_absolute()), "{:?}", by_file.inputs);
    let missing = ingest::load(&corpus.dir.join("nope")).unwrap_err();
    assert_eq!(missing.kind, ErrorKind::Io);
    assert!(missing.to_string().contains("nope: cannot open the corpus: "), "{missing}");
}

#[test]
fn facet_kinds_read_their_values() {
    let corpus = TempCorpus::new("facetkinds");
    corpus
        .file(
            "corpus.toml",
            "[facets]\nissue = \"number\"\nupdated = \"date\"\nkeywords = { kind = \"tags\", separator = \",\" }\nsource = { kind = \"keyword\", field = \"Publication\" }\n",
        )
        .file("a.csv", "id,issue,updated,keywords,publication\na,28,15-May-2001,\"peace, war, peace\",Monitor\nb,twelve,someday,,\n")
        .file("one.json", "{\"id\": \"single\", \"issue\": 3.5}");
    let corpus = corpus.load();
    let a = document(&corpus, "a");
    assert_eq!(
        a.facets,
        vec![
            ("issue".to_string(), vec!["28".to_string()]),
            ("updated".to_string(), vec!["2001-05-15".to_string()]),
            ("keywords".to_string(), vec!["peace".to_string(), "war".to_string()]),
            ("source".to_string(), vec!["Monitor".to_string()]),
        ]
    );
    assert!(document(&corpus, "b").facets.is_empty());
    assert_eq!(facet(document(&corpus, "single"), "issue"), Some(&["3.5".to_string()][..]));
    assert_eq!(
        warnings(&corpus),
        [
            "a.csv:3: facet `issue`: `twelve` is not a number; left out",
            "a.csv:3: facet `updated`: cannot read the date `someday`; left out",
        ]
    );
}

// ---- facets suggested from the data ----------------------------------------

/// Twelve Markdown letters: `kind` (3 values), `place` (4), `tags` (a list,
/// 3 values), `author` (mostly one letter each, two letters by Ann), `ref`
/// (unique), `mood` (one value everywhere), `note` (long sentences) and
/// `ship` (two letters only).
fn letters(corpus: &TempCorpus) {
    let kinds = ["letter", "letter", "minutes", "diary"];
    let places = ["Quay", "Mill Lane", "Quay", "Town Hall", "Chapel", "Quay"];
    let tags = ["[trade, fishing]", "[fishing]", "[war]"];
    for i in 0..12 {
        let author = if i < 2 { "Ann".to_string() } else { format!("Writer {i}") };
        let ship = if i < 2 { "ship: Providence\n" } else { "" };
        corpus.file(
            &format!("letter-{i:02}.md"),
            format!(
                "---\ntitle: Letter {i}\ndate: 18{:02}-03-01\nkind: {}\nplace: {}\ntags: {}\nauthor: {author}\nref: L-{i}\nmood: calm\nnote: This is a long note about the letter that runs on well past eighty characters, number {i}.\n{ship}---\nText of letter {i}.\n",
                40 + i,
                kinds[i % 4],
                places[i % 6],
                tags[i % 3],
            ),
        );
    }
}

fn facet_names(corpus: &LoadedCorpus) -> Vec<(String, annals_engine::FacetKind)> {
    corpus.meta.facets.iter().map(|f| (f.name.clone(), f.kind)).collect()
}

fn verdicts(report: &[ingest::FieldVerdict]) -> Vec<(&str, usize, usize, &str)> {
    report.iter().map(|v| (v.field.as_str(), v.documents, v.values, v.reason.as_str())).collect()
}

#[test]
fn repeating_front_matter_fields_become_facets_without_corpus_toml() {
    use annals_engine::FacetKind::{Keyword, Tags};
    let folder = TempCorpus::new("suggested");
    letters(&folder);
    let corpus = folder.load();
    // Most documents first, then by name.
    assert_eq!(
        facet_names(&corpus),
        [("kind".to_string(), Keyword), ("place".to_string(), Keyword), ("tags".to_string(), Tags)]
    );
    let report = &corpus.report.facets;
    assert!(report.suggested);
    assert_eq!(
        verdicts(&report.facets),
        [
            ("kind", 12, 3, "3 values over 12 documents"),
            ("place", 12, 4, "4 values over 12 documents"),
            ("tags", 12, 3, "3 values over 12 documents"),
        ]
    );
    // Repeating fields that are not facets say why; `ref` never repeats and
    // is not listed; title and date are never candidates.
    assert_eq!(
        verdicts(&report.not_facets),
        [
            ("author", 12, 11, "11 values over 12 documents (a facet has at most one value for every 3 documents)"),
            ("mood", 12, 1, "the same value in all 12 documents that have it"),
            ("ship", 2, 1, "only 2 of 12 documents have it (a facet needs one in 4)"),
        ]
    );
    let first = document(&corpus, "letter-00.md");
    assert_eq!(facet(first, "tags"), Some(&["trade".to_string(), "fishing".to_string()][..]));
    assert_eq!(facet(first, "kind"), Some(&["letter".to_string()][..]));
    let metadata: Vec<&str> = first.metadata.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(metadata, ["author", "ref", "mood", "note", "ship"]);

    // The page counts them like declared facets.
    let mut builder = annals_engine::IndexBuilder::new(corpus.meta.clone());
    for document in corpus.documents.clone() {
        builder.add(document).unwrap();
    }
    let bytes = builder.finish().unwrap();
    let index = annals_engine::Corpus::open(&bytes).unwrap();
    let counts: Vec<(String, Vec<(String, usize)>)> = index
        .facet_counts(&annals_engine::Selection::of_query(""))
        .into_iter()
        .map(|f| (f.field, f.values.into_iter().map(|v| (v.value, v.count)).collect()))
        .collect();
    let pairs = |values: &[(&str, usize)]| values.iter().map(|&(v, n)| (v.to_string(), n)).collect::<Vec<_>>();
    assert_eq!(
        counts,
        [
            ("kind".to_string(), pairs(&[("letter", 6), ("diary", 3), ("minutes", 3)])),
            ("place".to_string(), pairs(&[("Quay", 6), ("Chapel", 2), ("Mill Lane", 2), ("Town Hall", 2)])),
            ("tags".to_string(), pairs(&[("fishing", 8), ("trade", 4), ("war", 4)])),
        ]
    );

    // The same folder gives the same facets in the same order.
    assert_eq!(folder.load().report.facets, corpus.report.facets);
}

#[test]
fn the_report_says_which_fields_were_made_facets_and_how_to_choose() {
    let folder = TempCorpus::new("suggested-lines");
    letters(&folder);
    folder.file("letter-00.md", "---\ntitle: Hostile\n\"place\\ncargo:rustc-cfg=evil\": Quay\nkind: letter\n---\nText.\n");
    let corpus = folder.load();
    let lines = annals_engine::cargo_lines::report(&corpus);
    let facet_lines: Vec<&String> = lines.iter().filter(|line| line.contains("facet")).collect();
    assert_eq!(facet_lines[0], "cargo:warning=annals: facet suggested from the data: kind (keyword), 3 values over 12 documents");
    assert!(
        lines.iter().all(|line| !line.contains('\n') && line.starts_with("cargo:")),
        "{lines:#?}"
    );
    let last = lines.last().unwrap();
    assert!(last.contains("annals init") && last.contains("[facets]"), "{last}");
}

#[test]
fn declared_facets_win_and_an_empty_facets_table_means_none() {
    use annals_engine::FacetKind::Keyword;
    let folder = TempCorpus::new("declared");
    letters(&folder);
    folder.file("corpus.toml", "title = \"Letters\"\n[facets]\nauthor = \"keyword\"\n");
    let corpus = folder.load();
    assert_eq!(facet_names(&corpus), [("author".to_string(), Keyword)]);
    assert_eq!(corpus.report.facets, ingest::FacetReport::default());
    assert!(annals_engine::cargo_lines::report(&corpus).iter().all(|line| !line.contains("facet")));
    let first = document(&corpus, "letter-00.md");
    assert!(first.metadata.iter().any(|(name, value)| name == "kind" && value == "letter"));

    folder.file("corpus.toml", "title = \"Letters\"\n[facets]\n");
    let corpus = folder.load();
    assert_eq!(facet_names(&corpus), []);
    assert!(!corpus.report.facets.suggested);
    assert!(document(&corpus, "letter-00.md").facets.is_empty());

    folder.file("corpus.toml", "facets = {}\n");
    assert_eq!(facet_names(&folder.load()), []);

    // A corpus.toml without [facets] leaves the choice to the data.
    folder.file("corpus.toml", "title = \"Letters\"\n");
    assert_eq!(facet_names(&folder.load()).len(), 3);
}

#[test]
fn records_and_sidecar_fields_get_suggested_facets() {
    use annals_engine::FacetKind::{Keyword, Tags};
    let folder = TempCorpus::new("suggested-records");
    let mut csv = String::from("id,headline,published,body,desk,keywords,byline\n");
    let mut jsonl = String::new();
    for i in 0..9 {
        let desk = ["Foreign", "Sport", "City"][i % 3];
        let keywords = ["oil;gas", "oil", "gas;coal"][i % 3];
        csv.push_str(&format!("c{i},Story {i},1987-03-0{},Body {i}.,{desk},{keywords},Reporter {i}\n", i + 1));
        let topics = ["[\"grain\"]", "[\"grain\", \"wheat\"]", "[]"][i % 3];
        jsonl.push_str(&format!("{{\"id\": \"j{i}\", \"title\": \"Wire {i}\", \"text\": \"Wire text {i}.\", \"topics\": {topics}, \"desk\": \"{desk}\"}}\n"));
    }
    folder.file("stories.csv", &csv).file("wire.jsonl", &jsonl);
    let corpus = folder.load();
    // `desk` is in all 18 records, `keywords` (text split at `;`) in 9,
    // `topics` (JSON lists, empty in three) in 6; the id, title, date and
    // text fields are never candidates.
    assert_eq!(
        facet_names(&corpus),
        [("desk".to_string(), Keyword), ("keywords".to_string(), Tags), ("topics".to_string(), Tags)]
    );
    assert_eq!(facet(document(&corpus, "c0"), "keywords"), Some(&["oil".to_string(), "gas".to_string()][..]));
    assert_eq!(facet(document(&corpus, "j1"), "topics"), Some(&["grain".to_string(), "wheat".to_string()][..]));
    assert_eq!(facet(document(&corpus, "j2"), "topics"), None);
    assert!(corpus.report.facets.not_facets.is_empty(), "{:?}", corpus.report.facets.not_facets);

    // A sidecar table's columns count like the documents' own fields.
    let folder = TempCorpus::new("suggested-sidecar");
    let mut table = String::from("file,section\n");
    for i in 0..8 {
        folder.file(&format!("n{i}.txt"), format!("Note {i}."));
        table.push_str(&format!("n{i},{}\n", ["Harbour", "Church"][i % 2]));
    }
    folder.file("meta.csv", &table).file("corpus.toml", "[[sidecar]]\npath = \"meta.csv\"\nmatch = \"stem\"\n");
    let corpus = folder.load();
    assert_eq!(facet_names(&corpus), [("section".to_string(), Keyword)]);
    assert_eq!(facet(document(&corpus, "n1.txt"), "section"), Some(&["Church".to_string()][..]));
}

#[test]
fn a_small_or_unrepeating_folder_gets_no_facets() {
    let folder = TempCorpus::new("suggested-none");
    for i in 0..5 {
        folder.file(&format!("{i}.md"), format!("---\nkind: {}\n---\nText.\n", ["a", "b"][i % 2]));
    }
    // Two values over five documents: fewer than three documents a value.
    let corpus = folder.load();
    assert_eq!(facet_names(&corpus), []);
    assert_eq!(verdicts(&corpus.report.facets.not_facets)[0].0, "kind");
    folder.file("5.md", "---\nkind: a\n---\nText.\n");
    assert_eq!(facet_names(&folder.load()).len(), 1);
}

// ---- annals init: the corpus.toml written from a survey --------------------

#[test]
fn the_surveyed_corpus_toml_builds_to_the_suggested_facets() {
    let folder = TempCorpus::new("init");
    letters(&folder);
    folder.file("sub/extra.md", "---\ntitle: Extra\nkind: letter\n---\nText.\n");
    let suggested = folder.load();
    let survey = ingest::survey(&folder.dir).unwrap();
    assert_eq!(survey.documents(), 13);
    assert_eq!(survey.facets().fields(), suggested.report.facets.fields());
    let text = survey.corpus_toml();
    for expected in [
        "# Found 13 documents in 13 files: 13 md.",
        "\nkind = \"keyword\"",
        "\ntags = \"tags\"",
        "# author = \"keyword\"",
        "# title = \"title\"",
        "# text: each file's own text (13 documents)",
        "collection",
    ] {
        assert!(text.contains(expected), "{expected:?} not in\n{text}");
    }
    folder.file("corpus.toml", &text);
    let built = folder.load();
    assert_eq!(built.meta.facets, suggested.meta.facets, "{text}");
    assert!(!built.report.facets.suggested);
    assert_eq!(built.documents, suggested.documents);
    // The survey reads the folder as if corpus.toml were not there.
    assert_eq!(ingest::survey(&folder.dir).unwrap().corpus_toml(), text);
}

#[test]
fn hostile_field_names_and_values_cannot_break_the_corpus_toml() {
    let folder = TempCorpus::new("init-hostile");
    let names = [
        "quo\\\"te",
        "new\\nline = 1\\n[fields]\\ntitle",
        "close]",
        "#hash",
        "Année",
        "sp ace",
        "[facets]",
        "esc\\u001b[31m",
    ];
    for i in 0..9 {
        let mut front = format!("---\ntitle: Doc {i}\n");
        for (n, name) in names.iter().enumerate() {
            // Values repeat (facets) and hold line breaks and quotes of their own.
            let value = ["plain", "two\\nlines = 3", "\\\"quoted\\\" # x"][(i + n) % 3];
            front.push_str(&format!("\"{name}\": \"{value}\"\n"));
        }
        folder.file(&format!("d{i}.md"), format!("{front}---\nText {i}.\n"));
    }
    let suggested = folder.load();
    let expected: Vec<&str> = vec!["quo\"te", "new\nline = 1\n[fields]\ntitle", "close]", "#hash", "Année", "sp ace", "[facets]", "esc\u{1b}[31m"];
    let mut made: Vec<&str> = suggested.meta.facets.iter().map(|f| f.name.as_str()).collect();
    made.sort();
    let mut wanted = expected.clone();
    // Names with control characters (a line break too) are no facets.
    wanted.retain(|name| !name.chars().any(char::is_control));
    wanted.sort();
    assert_eq!(made, wanted, "{:?}", suggested.report.facets);

    let text = ingest::survey(&folder.dir).unwrap().corpus_toml();
    let parsed: toml::Table = toml::from_str(&text).unwrap_or_else(|error| panic!("{error}\n{text}"));
    let keys: Vec<&String> = parsed.keys().collect();
    assert_eq!(keys, ["facets", "fields", "title"], "{text}");
    assert!(parsed["fields"].as_table().unwrap().is_empty(), "{text}");
    let mut declared: Vec<&str> = parsed["facets"].as_table().unwrap().keys().map(String::as_str).collect();
    declared.sort();
    assert_eq!(declared, wanted, "{text}");
    for line in text.lines() {
        assert!(!line.chars().any(|c| c.is_control() && c != '\t'), "{line:?}");
    }
    folder.file("corpus.toml", &text);
    assert_eq!(folder.load().meta.facets, suggested.meta.facets);
}
