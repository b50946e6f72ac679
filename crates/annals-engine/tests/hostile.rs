//! The hostile-corpus suite: a folder of the files that real corpora of
//! other people's material hold (`tests/hostile/corpus/`), plus those git
//! cannot hold, made here in a copy of it (a fifo, a socket, symbolic links
//! out of the folder, in a loop and to nothing, a line break and a `cargo:`
//! directive in a file name, 100,000 nested `<div>`s). Each has its outcome
//! asserted: indexed, skipped with its reason, or a build error naming file
//! and line; and files in = indexed + skipped.
#![cfg(all(feature = "build", unix))]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use annals_engine::ingest::{self, LoadedCorpus};
use annals_engine::{Corpus, IndexBuilder, SearchRequest};

/// A scratch folder removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let unique = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("annals-hostile-{}-{unique}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir.canonicalize().unwrap())
    }

    fn file(&self, relative: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.0.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, bytes).unwrap();
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The file name that carries a directive.
const NEWLINE_NAME: &str = "name\ncargo:rustc-cfg=hostile.txt";

/// The committed corpus plus what git cannot hold; returns the scratch
/// space (the corpus is its `corpus/`, the outside world its `outside/`).
fn hostile_corpus() -> Scratch {
    let scratch = Scratch::new("corpus");
    let corpus = scratch.0.join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    copy_tree(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile/corpus"), &corpus);
    scratch.file("outside/secret.txt", "A private file outside the corpus.\n");
    scratch.file("outside/home/diary.txt", "A private diary outside the corpus.\n");
    let status = std::process::Command::new("mkfifo").arg(corpus.join("pipe.txt")).status().unwrap();
    assert!(status.success());
    let _socket = std::os::unix::net::UnixListener::bind(corpus.join("socket.txt")).unwrap();
    std::os::unix::fs::symlink(scratch.0.join("outside/secret.txt"), corpus.join("link-out.txt")).unwrap();
    std::os::unix::fs::symlink(scratch.0.join("outside/home"), corpus.join("home")).unwrap();
    std::os::unix::fs::symlink("letters/one.txt", corpus.join("link-in.txt")).unwrap();
    std::os::unix::fs::symlink("nowhere.txt", corpus.join("broken.txt")).unwrap();
    std::fs::create_dir_all(corpus.join("loop")).unwrap();
    std::os::unix::fs::symlink("..", corpus.join("loop/up")).unwrap();
    std::fs::write(corpus.join(NEWLINE_NAME), "A file whose name holds a line break.\n").unwrap();
    let depth = 100_000;
    let deep = format!("<html><body>{}deep text{}</body></html>", "<div>".repeat(depth), "</div>".repeat(depth));
    std::fs::write(corpus.join("deep.html"), deep).unwrap();
    scratch
}

#[derive(Debug, PartialEq)]
enum Outcome {
    Indexed,
    Skipped(&'static str),
}

#[test]
fn every_hostile_file_is_indexed_or_skipped_with_its_reason() {
    let scratch = hostile_corpus();
    let corpus = ingest::load(&scratch.0.join("corpus")).unwrap_or_else(|error| panic!("{error}"));
    let expected: BTreeMap<&str, Outcome> = [
        (".hidden.txt", Outcome::Skipped("hidden file")),
        (".secret", Outcome::Skipped("hidden folder")),
        ("broken.txt", Outcome::Skipped("a symbolic link to nothing")),
        ("deep.html", Outcome::Indexed),
        ("empty-array.json", Outcome::Skipped("no records")),
        ("escapes.txt", Outcome::Indexed),
        ("header-only.csv", Outcome::Skipped("no records (a header row only)")),
        ("home", Outcome::Skipped("a symbolic link that leads outside the corpus folder")),
        ("latin1.txt", Outcome::Indexed),
        ("letters/one.txt", Outcome::Indexed),
        ("link-in.txt", Outcome::Skipped("a symbolic link to letters/one.txt, which is read once")),
        ("link-out.txt", Outcome::Skipped("a symbolic link that leads outside the corpus folder")),
        ("loop/up", Outcome::Skipped("a symbolic link that loops back to a folder above it")),
        (NEWLINE_NAME, Outcome::Indexed),
        ("nested.md", Outcome::Indexed),
        ("page.html", Outcome::Indexed),
        ("pipe.txt", Outcome::Skipped("not a regular file")),
        ("records.jsonl:4", Outcome::Indexed),
        ("report.pdf", Outcome::Skipped("unsupported file type .pdf")),
        ("socket.txt", Outcome::Skipped("not a regular file")),
        ("stray-byte.txt", Outcome::Indexed),
        ("toml-table.md", Outcome::Indexed),
    ]
    .into_iter()
    .collect();
    let mut seen: BTreeMap<String, Outcome> = BTreeMap::new();
    for document in &corpus.documents {
        seen.insert(document.origin.clone(), Outcome::Indexed);
    }
    for skipped in &corpus.report.skipped {
        let reason = expected.get(skipped.origin.as_str()).and_then(|outcome| match outcome {
            Outcome::Skipped(reason) if skipped.reason.starts_with(reason) => Some(*reason),
            _ => None,
        });
        let reason = reason.unwrap_or_else(|| panic!("unexpected skip {skipped:?}"));
        assert!(seen.insert(skipped.origin.clone(), Outcome::Skipped(reason)).is_none(), "{skipped:?} twice");
    }
    let expected: BTreeMap<String, Outcome> = expected.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
    assert_eq!(seen, expected);
    // Files in = indexed + skipped.
    assert_eq!(corpus.report.indexed + corpus.report.skipped.len(), expected.len());
    // Nothing from outside the folder was read.
    assert!(corpus.documents.iter().all(|d| !d.text.contains("private")));
    assert!(corpus.inputs.iter().all(|p| p.starts_with(scratch.0.join("corpus"))), "{:?}", corpus.inputs);

    let by_origin = |origin: &str| corpus.documents.iter().find(|d| d.origin == origin).unwrap();
    assert_eq!(by_origin("deep.html").text, "deep text");
    // One stray byte keeps the accents, and its place is told.
    assert!(by_origin("stray-byte.txt").text.contains("Résumé of the déjà vu, then one stray byte \u{FFFD} here."));
    let warnings: Vec<String> = corpus.report.warnings.iter().map(ToString::to_string).collect();
    assert!(warnings.contains(&"stray-byte.txt:3: 1 invalid UTF-8 sequence (the first on this line) replaced by U+FFFD".to_string()), "{warnings:#?}");
    assert!(warnings.contains(&"latin1.txt:1: not valid UTF-8; read as Windows-1252".to_string()), "{warnings:#?}");
    assert!(by_origin("latin1.txt").text.starts_with("Café crème, naïve \u{201C}quotes\u{201D}."));
    // Nested front matter is kept as JSON text, not dropped.
    let metadata = |origin: &str, key: &str| {
        by_origin(origin).metadata.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()).unwrap_or_default()
    };
    assert_eq!(metadata("nested.md", "author"), r#"{"name":"Ada","born":1815}"#);
    assert_eq!(metadata("toml-table.md", "source"), r#"{"name":"wire"}"#);
    // Scripts are never text.
    assert!(!by_origin("page.html").text.contains("__pwned"));

    // The whole corpus indexes, and every document reads back.
    let mut builder = IndexBuilder::new(corpus.meta.clone());
    for document in corpus.documents.clone() {
        builder.add(document).unwrap();
    }
    let bytes = builder.finish().unwrap();
    let index = Corpus::open(&bytes).unwrap();
    index.verify().unwrap();
    assert_eq!(index.search(&SearchRequest::new("deep", 10)).total, 1);
}

/// What build.rs prints for this corpus: the file name and the date that
/// carry `\ncargo:rustc-cfg=hostile` stay inside one warning line. (Driving
/// a second cargo build of the app over this corpus would take minutes;
/// build.rs prints exactly `cargo_lines::report`, one `println!` a line.)
#[test]
fn no_corpus_text_becomes_a_cargo_directive() {
    let scratch = hostile_corpus();
    let corpus = ingest::load(&scratch.0.join("corpus")).unwrap();
    let lines = annals_engine::cargo_lines::report(&corpus);
    let text = lines.join("\n");
    assert!(text.contains("hostile"), "the hostile date and name are reported:\n{text}");
    for line in text.lines() {
        assert!(
            line.starts_with("cargo:warning=") || line.starts_with("cargo:rerun-if-changed="),
            "a corpus became a directive: {line:?}"
        );
        assert!(!line.contains("\ncargo:"));
    }
    // The path with a line break is not watched (Cargo could not read it
    // back), and says so.
    assert!(text.contains("cargo:warning=annals: not watching"), "{text}");
}

fn load_error(root: &Path) -> String {
    match ingest::load(root) {
        Ok(corpus) => panic!("loaded {} documents, expected an error", corpus.documents.len()),
        Err(error) => error.to_string(),
    }
}

#[test]
fn sources_and_sidecars_outside_the_folder_need_the_opt_in() {
    let scratch = Scratch::new("outside");
    scratch.file("outside.txt", "Outside the corpus.\n");
    scratch.file("meta.csv", "id,topic\nin.txt,x\n");
    scratch.file("corpus/in.txt", "Inside the corpus.\n");
    let root = scratch.0.join("corpus");
    let cases = [
        ("sources = [\"/etc/hostname\"]\n", "corpus.toml:1: source `/etc/hostname` is outside the corpus folder"),
        ("title = \"x\"\nsources = [\"../outside.txt\"]\n", "corpus.toml:2: source `../outside.txt` is outside the corpus folder"),
        ("sources = [\"../*.txt\"]\n", ""),
        ("[[sidecar]]\npath = \"../meta.csv\"\n", "corpus.toml:1: sidecar table `../meta.csv` is outside the corpus folder"),
    ];
    for (config, error) in cases {
        scratch.file("corpus/corpus.toml", config);
        if error.is_empty() {
            // A glob's matches outside the folder are skipped, with the reason.
            let corpus = ingest::load(&root).unwrap();
            assert_eq!(corpus.documents.len(), 0);
            assert_eq!(corpus.report.skipped.len(), 1);
            assert!(corpus.report.skipped[0].reason.starts_with("outside the corpus folder"), "{:?}", corpus.report);
        } else {
            let message = load_error(&root);
            assert!(message.starts_with(error), "{message}");
            assert!(message.contains("allow_outside_paths = true"), "{message}");
        }
    }
    // The opt-in reads them.
    scratch.file(
        "corpus/corpus.toml",
        "allow_outside_paths = true\nsources = [\"../outside.txt\", \"in.txt\"]\n[[sidecar]]\npath = \"../meta.csv\"\n",
    );
    let corpus = ingest::load(&root).unwrap();
    assert_eq!(corpus.documents.len(), 2);
    // And a symbolic link out of the folder is followed with it.
    std::fs::remove_file(root.join("corpus.toml")).unwrap();
    std::os::unix::fs::symlink(scratch.0.join("outside.txt"), root.join("link.txt")).unwrap();
    assert_eq!(ingest::load(&root).unwrap().documents.len(), 1);
    scratch.file("corpus/corpus.toml", "allow_outside_paths = true\n");
    assert_eq!(ingest::load(&root).unwrap().documents.len(), 2);
}

#[test]
fn an_empty_tag_separator_is_an_error_naming_its_line() {
    let scratch = Scratch::new("separator");
    scratch.file("a.txt", "Text.\n");
    scratch.file("corpus.toml", "title = \"t\"\n[facets]\ntopics = { kind = \"tags\", separator = \"\" }\n");
    let message = load_error(&scratch.0);
    assert!(message.starts_with("corpus.toml:3: facet `topics`: `separator` is empty"), "{message}");
}

#[test]
fn a_sidecar_row_with_a_blank_key_is_warned_about() {
    let scratch = Scratch::new("sidecar");
    scratch.file("a.txt", "Text.\n");
    scratch.file("meta.csv", "id,topic\na.txt,x\n  ,y\n");
    scratch.file("corpus.toml", "[[sidecar]]\npath = \"meta.csv\"\n");
    let corpus = ingest::load(&scratch.0).unwrap();
    let warnings: Vec<String> = corpus.report.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(warnings, vec!["meta.csv:3: blank `id`: this row matches no document".to_string()]);
}

#[test]
fn glob_sources_work_when_the_corpus_path_holds_glob_characters() {
    let scratch = Scratch::new("glob");
    let root = scratch.0.join("corpus [draft] *?");
    scratch.file("corpus [draft] *?/a.txt", "First.\n");
    scratch.file("corpus [draft] *?/b.md", "Second.\n");
    scratch.file("corpus [draft] *?/corpus.toml", "sources = [\"*.txt\"]\n");
    let corpus: LoadedCorpus = ingest::load(&root).unwrap();
    assert_eq!(corpus.documents.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(), vec!["a.txt"]);
}
