//! Compiles the corpus into the index that the web app embeds.
//!
//! Reads `ANNALS_CORPUS` (a corpus folder or the path of a `corpus.toml`;
//! relative paths are taken from the project root; default `corpus/`), builds
//! the index with the engine and writes `$OUT_DIR/annals.idx` plus
//! `$OUT_DIR/annals-report.json`. Cargo reruns it when any corpus file or the
//! variable changes. A malformed corpus stops the build with the file, the
//! line and the reason.

use std::path::{Path, PathBuf};

use annals_engine::cargo_lines;
use annals_engine::ingest::{self, LoadedCorpus};
use annals_engine::IndexBuilder;

fn main() {
    // Every `cargo:` line is made by `cargo_lines`, which keeps corpus text
    // (file names, dates, keys in warnings) from starting a directive.
    println!("{}", cargo_lines::directive("rerun-if-env-changed", "ANNALS_CORPUS"));
    println!("{}", cargo_lines::directive("rerun-if-changed", "build.rs"));
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let corpus_path = match std::env::var_os("ANNALS_CORPUS") {
        Some(value) if !value.is_empty() => root.join(value),
        _ => root.join("corpus"),
    };
    // Watch the folder itself too, so that a file added to it triggers a rebuild.
    let watched_folder = if corpus_path.is_dir() { corpus_path.clone() } else { corpus_path.parent().map(Path::to_path_buf).unwrap_or_else(|| root.clone()) };
    println!("{}", cargo_lines::rerun_if_changed(&watched_folder));

    let corpus = match ingest::load(&corpus_path) {
        Ok(corpus) => corpus,
        Err(error) => fail(&format!("cannot load the corpus at {}:\n  {error}", corpus_path.display())),
    };
    for line in cargo_lines::report(&corpus) {
        println!("{line}");
    }

    let LoadedCorpus { meta, documents, report, .. } = corpus;
    // The app opens the index with this language's analyzer, named as a
    // constant, so the WebAssembly holds one stemmer rather than all of them.
    let algorithm = annals_engine::analyze::algorithm_for(&meta.language);
    let mut builder = IndexBuilder::new(meta);
    for document in documents {
        if let Err(error) = builder.add(document) {
            fail(&format!("cannot index the corpus at {}:\n  {error}", corpus_path.display()));
        }
    }
    let bytes = builder.finish().unwrap_or_else(|error| fail(&format!("cannot write the index: {error}")));

    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    write(&out_dir.join("annals.idx"), &bytes);
    write(&out_dir.join("algorithm.rs"), format!("annals_engine::analyze::Algorithm::{algorithm:?}").as_bytes());
    let report_json = serde_json::to_vec_pretty(&report).expect("the report is plain data");
    write(&out_dir.join("annals-report.json"), &report_json);
}

fn write(path: &Path, bytes: &[u8]) {
    if let Err(error) = std::fs::write(path, bytes) {
        fail(&format!("cannot write {}: {error}", path.display()));
    }
}

/// Stops the build with a message Cargo shows as it is.
fn fail(message: &str) -> ! {
    eprintln!("error: {message}");
    std::process::exit(1);
}
