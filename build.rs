//! Compiles the corpus into the index that the web app embeds.
//!
//! Reads `ANNALS_CORPUS` (a corpus folder or the path of a `corpus.toml`;
//! relative paths are taken from the project root; default `corpus/`), builds
//! the index with the engine and writes `$OUT_DIR/annals.idx` plus
//! `$OUT_DIR/annals-report.json`. Cargo reruns it when any corpus file or the
//! variable changes. A malformed corpus stops the build with the file, the
//! line and the reason.
//!
//! The layout (`ANNALS_LAYOUT=single|split`, else `layout` in `corpus.toml`,
//! else the index's size: see `annals_engine::Layout`) decides what the
//! module embeds. Split, `annals.idx` is the index's core and its pieces go
//! to `target/annals-pieces/TARGET-PROFILE/` (or `$ANNALS_PIECES`), which
//! the post-build hook in `Trunk.toml` copies to the site's `pieces/`; a
//! single index empties that folder, so a site never ships stale pieces.

use std::path::{Path, PathBuf};

use annals_engine::cargo_lines;
use annals_engine::ingest::{self, LoadedCorpus};
use annals_engine::{IndexBuilder, Layout, SplitIndex};

fn main() {
    // Every `cargo:` line is made by `cargo_lines`, which keeps corpus text
    // (file names, dates, keys in warnings) from starting a directive.
    println!("{}", cargo_lines::directive("rerun-if-env-changed", "ANNALS_CORPUS"));
    println!("{}", cargo_lines::directive("rerun-if-env-changed", "ANNALS_LAYOUT"));
    println!("{}", cargo_lines::directive("rerun-if-env-changed", "ANNALS_PIECES"));
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

    let asked = std::env::var("ANNALS_LAYOUT").ok().filter(|value| !value.is_empty()).map(|value| {
        Layout::parse(&value).unwrap_or_else(|| fail(&format!("ANNALS_LAYOUT is {value:?}: expected single or split")))
    });
    let LoadedCorpus { meta, documents, report, layout, .. } = corpus;
    // The app opens the index with this language's analyzer, named as a
    // constant, so the WebAssembly holds one stemmer rather than all of them.
    let algorithm = annals_engine::analyze::algorithm_for(&meta.language);
    let mut builder = IndexBuilder::new(meta);
    for document in documents {
        if let Err(error) = builder.add(document) {
            fail(&format!("cannot index the corpus at {}:\n  {error}", corpus_path.display()));
        }
    }

    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let pieces_dir = pieces_dir(&root);
    // Whatever a previous build of this target left there belongs to
    // another index.
    if pieces_dir.exists() {
        if let Err(error) = std::fs::remove_dir_all(&pieces_dir) {
            fail(&format!("cannot empty {}: {error}", pieces_dir.display()));
        }
    }
    // A layout asked for is written directly; otherwise the single index
    // is written first and split only if it is too large to embed.
    let split = match asked.or(layout) {
        Some(Layout::Split) => Some(builder.finish_split().unwrap_or_else(|error| fail(&format!("cannot write the index: {error}")))),
        chosen => {
            let bytes = builder.finish().unwrap_or_else(|error| fail(&format!("cannot write the index: {error}")));
            match chosen.unwrap_or_else(|| Layout::for_size(bytes.len())) {
                Layout::Single => {
                    write(&out_dir.join("annals.idx"), &bytes);
                    None
                }
                Layout::Split => Some(SplitIndex::from_single(&bytes).unwrap_or_else(|error| fail(&format!("cannot split the index: {error}")))),
            }
        }
    };
    if let Some(split) = split {
        if let Err(error) = std::fs::create_dir_all(&pieces_dir) {
            fail(&format!("cannot create {}: {error}", pieces_dir.display()));
        }
        for (name, piece) in &split.pieces {
            write(&pieces_dir.join(format!("{name}.bin")), piece);
        }
        write(&out_dir.join("annals.idx"), &split.core);
    }
    write(&out_dir.join("algorithm.rs"), format!("annals_engine::analyze::Algorithm::{algorithm:?}").as_bytes());
    let report_json = serde_json::to_vec_pretty(&report).expect("the report is plain data");
    write(&out_dir.join("annals-report.json"), &report_json);
}

/// Where a split index's pieces wait for the post-build hook: one folder
/// per target and profile, since a native test build and the page's build
/// of the same project run this script with different corpora.
fn pieces_dir(root: &Path) -> PathBuf {
    if let Some(dir) = std::env::var_os("ANNALS_PIECES").filter(|dir| !dir.is_empty()) {
        return root.join(dir);
    }
    let target = std::env::var("TARGET").unwrap_or_default();
    let profile = std::env::var("PROFILE").unwrap_or_default();
    root.join("target").join("annals-pieces").join(format!("{target}-{profile}"))
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
