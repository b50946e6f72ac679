//! Installs what building and testing need, each piece only when missing.
//!
//! What works on these machines (offline but for the package registries):
//! the wasm32 target through rustup, Trunk 0.21.14 and the wasm-bindgen CLI
//! through `cargo install`, binaryen's wasm-opt 132 from npm (Debian's
//! binaryen is too old to read what rustc emits), Chromium from Debian.
//! Trunk itself must never download tools, so it runs `--offline`.

use std::path::{Path, PathBuf};

use crate::shell::{Failure, Step};

/// Trunk 0.22 needs a newer rustc than these machines have.
const TRUNK_VERSION: &str = "0.21.14";
/// wasm-opt from this binaryen release understands rustc 1.95's output.
const BINARYEN_VERSION: &str = "132";
/// The wasm-bindgen CLI must equal the library exactly; the library's version
/// is read from Cargo.lock.
const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// What the setup is for; the browser is only needed for tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Serve,
    Build,
    Test,
}

/// Where the project keeps binaryen's `wasm-opt` (git-ignored).
pub fn binaryen_bin(root: &Path) -> PathBuf {
    root.join(".tools/node_modules/binaryen/bin")
}

pub fn run(root: &Path, purpose: Purpose) -> Result<(), Failure> {
    println!("==> setup: checking the tools this project needs (installed ones are skipped)");
    require("cargo", "the Rust toolchain (cargo) is required; install Rust with rustup first")?;
    wasm_target()?;
    trunk()?;
    wasm_bindgen(root)?;
    binaryen(root)?;
    if purpose != Purpose::Build {
        chromium()?;
    }
    if purpose == Purpose::Test {
        e2e_packages(root)?;
    }
    println!("==> setup: everything is in place");
    Ok(())
}

fn require(program: &str, why: &str) -> Result<(), Failure> {
    match Step::new(program, program).arg("--version").probe() {
        Some(_) => Ok(()),
        None => Err(Failure::new(format!("`{program}` is missing: {why}"))),
    }
}

fn present(what: &str, version: &str) {
    println!("    ok  {what} ({})", version.trim());
}

fn wasm_target() -> Result<(), Failure> {
    let installed = Step::new("rustup", "rustup").args(["target", "list", "--installed"]).probe().unwrap_or_default();
    if installed.lines().any(|line| line.trim() == WASM_TARGET) {
        present("Rust target", WASM_TARGET);
        return Ok(());
    }
    Step::new(&format!("install the Rust target {WASM_TARGET}"), "rustup")
        .args(["target", "add", WASM_TARGET])
        .run()
        .map_err(|f| Failure::new(format!("{}; the WASM build needs the {WASM_TARGET} target", f.message)))
}

fn trunk() -> Result<(), Failure> {
    let version = Step::new("trunk", "trunk").arg("--version").probe().unwrap_or_default();
    if version.split_whitespace().nth(1) == Some(TRUNK_VERSION) {
        present("trunk", &version);
        return Ok(());
    }
    Step::new(&format!("install trunk {TRUNK_VERSION} (about 9 minutes on 2 cores)"), "cargo")
        .args(["install", "--locked", &format!("trunk@{TRUNK_VERSION}")])
        .run()
        .map_err(|f| Failure::new(format!("{}; trunk {TRUNK_VERSION} builds and serves the page", f.message)))
}

/// The `wasm-bindgen` version Cargo.lock pins.
fn locked_wasm_bindgen_version(root: &Path) -> Result<String, Failure> {
    let lock = std::fs::read_to_string(root.join("Cargo.lock"))
        .map_err(|e| Failure::new(format!("cannot read Cargo.lock: {e}")))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\"" {
            if let Some(version) = lines.next().and_then(|l| l.trim().strip_prefix("version = \"")) {
                return Ok(version.trim_end_matches('"').to_string());
            }
        }
    }
    Err(Failure::new("Cargo.lock has no wasm-bindgen package; run `cargo generate-lockfile`"))
}

fn wasm_bindgen(root: &Path) -> Result<(), Failure> {
    let wanted = locked_wasm_bindgen_version(root)?;
    let version = Step::new("wasm-bindgen", "wasm-bindgen").arg("--version").probe().unwrap_or_default();
    let runner = Step::new("wasm-bindgen-test-runner", "wasm-bindgen-test-runner").arg("--version").probe();
    if version.split_whitespace().nth(1) == Some(wanted.as_str()) && runner.is_some() {
        present("wasm-bindgen CLI", &version);
        return Ok(());
    }
    // The CLI's own lock file pins a crate the registry mirror lacks, so no --locked.
    Step::new(&format!("install wasm-bindgen-cli {wanted} (the version in Cargo.lock; about 5 minutes)"), "cargo")
        .args(["install", "wasm-bindgen-cli", "--version", &wanted, "--force"])
        .run()
        .map_err(|f| Failure::new(format!("{}; trunk needs wasm-bindgen {wanted} exactly", f.message)))
}

fn binaryen(root: &Path) -> Result<(), Failure> {
    let wasm_opt = binaryen_bin(root).join("wasm-opt");
    let version = Step::new("wasm-opt", wasm_opt.to_str().unwrap_or("wasm-opt")).arg("--version").probe().unwrap_or_default();
    if version.contains(&format!("version {BINARYEN_VERSION}")) {
        present("wasm-opt", &version);
        return Ok(());
    }
    require("npm", "Node.js and npm are needed to install binaryen's wasm-opt and the browser test packages")?;
    let tools = root.join(".tools");
    std::fs::create_dir_all(&tools).map_err(|e| Failure::new(format!("cannot create {}: {e}", tools.display())))?;
    Step::new(&format!("install wasm-opt (npm binaryen@{BINARYEN_VERSION}) into .tools/"), "npm")
        .args(["install", "--no-save", "--no-audit", "--no-fund", "--prefix"])
        .arg(&tools)
        .arg(format!("binaryen@{BINARYEN_VERSION}"))
        .run()
        .map_err(|f| Failure::new(format!("{}; the release build shrinks the WASM with wasm-opt", f.message)))
}

/// The browser the end-to-end tests drive (`CHROMIUM` overrides the path).
pub fn chromium_path() -> String {
    std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_string())
}

fn chromium() -> Result<(), Failure> {
    let path = chromium_path();
    if let Some(version) = Step::new("chromium", &path).arg("--version").probe() {
        present("chromium", &version);
        return Ok(());
    }
    let advice = "install Debian's chromium and chromium-driver packages (apt-get install -y chromium chromium-driver) or set CHROMIUM to a Chromium binary";
    Step::new("refresh Debian's package lists (for chromium)", "apt-get")
        .arg("update")
        .run()
        .map_err(|f| Failure::new(format!("{}; {advice}", f.message)))?;
    Step::new("install chromium for the browser tests", "apt-get")
        .args(["install", "-y", "--no-install-recommends", "chromium", "chromium-driver"])
        .env("DEBIAN_FRONTEND", "noninteractive")
        .run()
        .map_err(|f| Failure::new(format!("{}; {advice}", f.message)))?;
    match Step::new("chromium", &path).arg("--version").probe() {
        Some(version) => {
            present("chromium", &version);
            Ok(())
        }
        None => Err(Failure::new(format!("chromium was installed but {path} does not run; {advice}"))),
    }
}

fn e2e_packages(root: &Path) -> Result<(), Failure> {
    let e2e = root.join("tests/e2e");
    if !e2e.join("package.json").exists() {
        return Err(Failure::new("tests/e2e/package.json is missing: the browser tests cannot be set up"));
    }
    // npm records what it installed in node_modules/.package-lock.json; when
    // package-lock.json is newer (a pull added a package), install again.
    let modified = |path: &Path| std::fs::metadata(path).and_then(|m| m.modified()).ok();
    let installed = modified(&e2e.join("node_modules/.package-lock.json"));
    let wanted = modified(&e2e.join("package-lock.json"));
    if e2e.join("node_modules/playwright-core/package.json").exists() && installed.is_some() && installed >= wanted {
        present("browser test packages", "tests/e2e/node_modules");
        return Ok(());
    }
    require("npm", "Node.js and npm run the browser tests")?;
    let command = if e2e.join("package-lock.json").exists() { "ci" } else { "install" };
    Step::new("install the browser test packages (playwright-core, axe-core; no browser download)", "npm")
        .args([command, "--no-audit", "--no-fund", "--prefix"])
        .arg(&e2e)
        .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
        .run()
}
