//! Project automation, the commands the README names:
//!
//! - `cargo xtask serve` — set up this machine, then build and serve the
//!   explorer on http://127.0.0.1:8080 (rebuilding when the corpus changes);
//! - `cargo xtask test` — set up, then run every test: engine and CLI tests,
//!   WASM tests, and end-to-end tests of the built page in headless Chromium;
//! - `cargo xtask setup` — only the setup;
//! - `cargo xtask dist [CORPUS] [--out DIR] [--layout single|split]` — build
//!   `dist/` (or `DIR`) for a corpus: the site, the one-file `annals.html`
//!   (single layout) and the embedding module `annals.js`;
//! - `cargo xtask bench` — build the Reuters-21578 site and time it in
//!   headless Chromium (start-up and searches through `annals.js`).
//!
//! Setup is idempotent: every piece is checked first and skipped when
//! present; a piece that cannot be installed stops the command with a message
//! naming it. Only the standard library is used so that this compiles fast
//! on a fresh machine.

mod setup;
mod shell;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use shell::{Failure, Step, TestTally};

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  serve [CORPUS]   set up this machine, build, and serve the explorer on http://127.0.0.1:8080
  test             set up this machine and run every test (engine, CLI, WASM, browser)
  setup            only install what is missing (wasm target, trunk, wasm-bindgen, wasm-opt, chromium, test deps)
  dist [CORPUS] [--out DIR] [--layout single|split]
                   build the static site into dist/ (or DIR) for a corpus (default: corpus/),
                   with the one-file annals.html and the embedding module annals.js beside it;
                   split: the index in pieces/ fetched on demand (no annals.html)
  bench            build the Reuters-21578 site into target/bench/dist-reuters and time it in Chromium

CORPUS is a corpus folder or the path of its corpus.toml, relative to the project root
(ANNALS_CORPUS works too).";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = project_root();
    let outcome = match args.first().map(String::as_str) {
        Some("setup") => setup::run(&root, setup::Purpose::Test),
        Some("serve") => serve(&root, args.get(1).map(String::as_str)),
        Some("test") => test(&root),
        Some("dist") => dist(&root, &args[1..]),
        Some("bench") => bench(&root),
        Some("-h" | "--help" | "help") | None => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(Failure::new(format!("unknown command {other:?}\n\n{USAGE}"))),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("\nxtask: FAILED: {}", failure.message);
            ExitCode::FAILURE
        }
    }
}

/// The workspace root: the parent of this crate's folder.
fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives inside the workspace").to_path_buf()
}

/// `ANNALS_CORPUS` for the build: the argument, else the environment, made
/// absolute against the project root (so the same words work from any
/// folder of the project) for build.rs to find it.
fn corpus_env(root: &Path, corpus: Option<&str>) -> Result<Option<PathBuf>, Failure> {
    let Some(value) = corpus.map(str::to_string).or_else(|| std::env::var("ANNALS_CORPUS").ok()) else {
        return Ok(None);
    };
    if value.is_empty() {
        return Ok(None);
    }
    let path = root.join(&value);
    if !path.exists() {
        return Err(Failure::new(format!("the corpus {value:?} does not exist ({})", path.display())));
    }
    Ok(Some(path))
}

fn serve(root: &Path, corpus: Option<&str>) -> Result<(), Failure> {
    setup::run(root, setup::Purpose::Serve)?;
    let corpus = corpus_env(root, corpus)?;
    let mut step = Step::new("serve the explorer with trunk (Ctrl-C stops it)", "trunk")
        .args(["serve", "--offline", "--address", "127.0.0.1", "--port", "8080"])
        .current_dir(root)
        .path_prepend(setup::binaryen_bin(root));
    if let Some(corpus) = &corpus {
        // Trunk's watcher must see the corpus too when it lives outside the project.
        step = step.arg("--watch").arg(corpus).arg("--watch").arg(root.join("src")).arg("--watch").arg(root.join("www"));
        step = step.env("ANNALS_CORPUS", corpus);
    }
    println!("\nxtask: the explorer will be at http://127.0.0.1:8080/ once the first build finishes");
    step.run()
}

fn dist(root: &Path, args: &[String]) -> Result<(), Failure> {
    let (mut corpus, mut out, mut layout) = (None, root.join("dist"), None);
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--out" => {
                let dir = args.next().ok_or_else(|| Failure::new(format!("--out needs a folder\n\n{USAGE}")))?;
                out = root.join(dir);
            }
            "--layout" => match args.next().map(String::as_str) {
                Some(chosen @ ("single" | "split")) => layout = Some(chosen),
                other => return Err(Failure::new(format!("--layout is single or split, not {other:?}\n\n{USAGE}"))),
            },
            flag if flag.starts_with('-') => return Err(Failure::new(format!("unknown option {flag:?}\n\n{USAGE}"))),
            path if corpus.is_none() => corpus = Some(path),
            extra => return Err(Failure::new(format!("one corpus at a time: {extra:?} is one too many\n\n{USAGE}"))),
        }
    }
    setup::run(root, setup::Purpose::Build)?;
    let corpus = corpus_env(root, corpus)?;
    build_dist_with_layout(root, corpus.as_deref(), &out, layout)
}

/// The one way a site is built, for `dist`, `test` and `bench` alike: Trunk's
/// release build of the corpus (`None`: the seed corpus in corpus/) into
/// `out`, then `annals.html`, `annals.js` and `annals.d.ts` beside it, then
/// the size of every file.
fn build_dist(root: &Path, corpus: Option<&Path>, out: &Path) -> Result<(), Failure> {
    build_dist_with_layout(root, corpus, out, None)
}

/// [`build_dist`] with the layout chosen (`None`: as `corpus.toml` or the
/// index's size decide; see `annals_engine::Layout`).
fn build_dist_with_layout(root: &Path, corpus: Option<&Path>, out: &Path, layout: Option<&str>) -> Result<(), Failure> {
    let mut step = Step::new(&format!("build the release site into {} (trunk build --release)", out.display()), "trunk")
        .args(["build", "--release", "--offline", "--dist"])
        .arg(out)
        .current_dir(root)
        .path_prepend(setup::binaryen_bin(root));
    step = match corpus {
        Some(corpus) => step.env("ANNALS_CORPUS", corpus),
        None => step.env_remove("ANNALS_CORPUS"),
    };
    step = match layout {
        Some(layout) => step.env("ANNALS_LAYOUT", layout),
        None => step.env_remove("ANNALS_LAYOUT"),
    };
    step.run()?;
    Step::new("write annals.html (one file, works offline) and annals.js (for embedding)", "node")
        .arg(root.join("xtask/postprocess.mjs"))
        .arg(out)
        .current_dir(root)
        .run()?;
    shell::print_dist_sizes(root, out);
    Ok(())
}

/// Where the Reuters-21578 collection is kept on these machines, beside the
/// project (never committed).
const REUTERS_DATA: &str = "../shared/corpora/reuters21578";

fn bench(root: &Path) -> Result<(), Failure> {
    let data_dir = root.join(REUTERS_DATA);
    let (data, queries) = (data_dir.join("reuters21578.jsonl"), data_dir.join("queries.txt"));
    if !data.is_file() || !queries.is_file() {
        println!("xtask bench: skipped: the Reuters-21578 data is not at {} (reuters21578.jsonl and queries.txt)", data_dir.display());
        return Ok(());
    }
    setup::run(root, setup::Purpose::Test)?;
    let out = build_reuters_site(root)?;
    Step::new("time start-up and searches in headless Chromium", "node")
        .arg(root.join("xtask/bench-browser.mjs"))
        .arg(&out)
        .arg(&queries)
        .current_dir(root)
        .run()
}

/// Builds the Reuters-21578 site into target/bench/dist-reuters, for the
/// benchmark and the Reuters browser tests. Its corpus.toml reads the data
/// file beside it, so the shared file is linked in first.
fn build_reuters_site(root: &Path) -> Result<PathBuf, Failure> {
    let link = root.join("examples/reuters21578/reuters21578.jsonl");
    if std::fs::symlink_metadata(&link).is_err() {
        let target = Path::new("../..").join(REUTERS_DATA).join("reuters21578.jsonl");
        link_file(&target, &link).map_err(|e| Failure::new(format!("cannot link {} to {}: {e}", link.display(), target.display())))?;
        println!("xtask: linked {} -> {}", link.display(), target.display());
    }
    let out = root.join("target/bench/dist-reuters");
    build_dist(root, Some(&root.join("examples/reuters21578/corpus.toml")), &out)?;
    Ok(out)
}

#[cfg(unix)]
fn link_file(target: &Path, link: &Path) -> std::io::Result<()> {
    std::os::unix::fs::symlink(target, link)
}

#[cfg(not(unix))]
fn link_file(target: &Path, link: &Path) -> std::io::Result<()> {
    std::fs::copy(link.parent().unwrap_or(Path::new(".")).join(target), link).map(|_| ())
}

fn test(root: &Path) -> Result<(), Failure> {
    setup::run(root, setup::Purpose::Test)?;
    let mut tally = TestTally::default();

    Step::new("engine, CLI and app tests (cargo test --workspace)", "cargo")
        .args(["test", "--workspace", "--release", "--locked"])
        .current_dir(root)
        .env_remove("ANNALS_CORPUS")
        .run_counting(&mut tally)?;

    Step::new("WASM tests: the engine inside wasm32 over the embedded seed index", "cargo")
        .args(["test", "--package", "annals", "--target", "wasm32-unknown-unknown", "--test", "wasm", "--locked"])
        .current_dir(root)
        .env_remove("ANNALS_CORPUS")
        .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER", "wasm-bindgen-test-runner")
        .run_counting(&mut tally)?;

    build_dist(root, None, &root.join("dist"))?;
    // The browser's XSS suite (tests/e2e/xss.test.mjs) needs a site built
    // from a corpus whose text, titles, metadata, facets and ids carry script
    // payloads.
    let hostile_site = root.join("target/hostile-dist");
    build_dist(root, Some(&root.join("tests/e2e/hostile-corpus")), &hostile_site)?;
    // The layout tests (tests/e2e/corpora.test.mjs) look at corpora shaped
    // unlike the seeds: a plain folder of Markdown with front matter and no
    // corpus.toml over 176 years, and plain-text letters with no metadata
    // at all (so no facets) over two centuries.
    let harbour_site = root.join("target/harbour-dist");
    build_dist(root, Some(&root.join("examples/harbour-town")), &harbour_site)?;
    // The split layout's tests (tests/e2e/split.test.mjs) compare the seed
    // corpus split into pieces with dist/, action for action.
    let split_site = root.join("target/split-dist");
    build_dist_with_layout(root, None, &split_site, Some("split"))?;
    let letters_site = root.join("target/letters-dist");
    build_dist(root, Some(&root.join("tests/e2e/plain-letters")), &letters_site)?;

    // The workbench's Reuters tests need the shared collection beside the
    // project; without it they are skipped, and say so.
    let reuters_data = root.join(REUTERS_DATA).join("reuters21578.jsonl");
    let reuters_site = if reuters_data.is_file() {
        Some(build_reuters_site(root)?)
    } else {
        println!("xtask: no Reuters-21578 data at {}: its browser tests will be skipped", reuters_data.display());
        None
    };

    // The parity tests compare the command line with annals.js on the same
    // requests; they run this build of `annals` (current after the tests
    // above, so this is quick).
    Step::new("build the annals command line for the parity tests", "cargo")
        .args(["build", "--release", "--locked", "--bin", "annals"])
        .current_dir(root)
        .env_remove("ANNALS_CORPUS")
        .run()?;
    let target_dir = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| root.join("target"));
    let annals_bin = target_dir.join("release").join(format!("annals{}", std::env::consts::EXE_SUFFIX));

    let mut e2e = Step::new("end-to-end tests of the built page in headless Chromium", "node")
        .args(["--test", "--test-concurrency=1", "tests/e2e/"])
        .current_dir(root)
        .path_prepend(setup::binaryen_bin(root))
        .env("ANNALS_DIST", root.join("dist"))
        .env("ANNALS_BIN", &annals_bin)
        .env("ANNALS_HOSTILE_DIST", &hostile_site)
        .env("HARBOUR_DIST", &harbour_site)
        .env("LETTERS_DIST", &letters_site)
        .env("SPLIT_DIST", &split_site)
        .env("REUTERS_JSONL", &reuters_data);
    if let Some(site) = &reuters_site {
        e2e = e2e.env("REUTERS_DIST", site);
    }
    e2e.run_counting(&mut tally)?;

    println!("\nxtask: every test suite ran");
    // One closing line over all suites, so a reader (or CI) sees the total.
    println!("tests: {} passed, {} failed", tally.passed, tally.failed);
    if tally.failed > 0 {
        return Err(Failure::new(format!("{} tests failed", tally.failed)));
    }
    Ok(())
}
