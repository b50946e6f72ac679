//! What the app's `build.rs` prints to Cargo (feature `build`): every
//! `cargo:` line it writes is made here, and only here.
//!
//! Cargo reads a build script's output line by line, and any line that
//! starts with `cargo:` is a directive: `cargo:rustc-cfg=…`,
//! `cargo:rustc-env=…`, `cargo:rustc-link-arg=…` change how the app is
//! compiled and linked. The corpus is often text nobody here wrote (file
//! names, dates, sidecar keys, override ids end up in warnings), so a line
//! break in any of them would let the corpus write its own directives.
//! [`directive`] writes the value on one line, with line breaks and other
//! control characters as visible escapes (`\n`, `\r`, `\u{1b}`); a path to
//! watch that holds one is not watched but warned about
//! ([`rerun_if_changed`]), since an escaped path would name another file.

use std::path::Path;

use crate::ingest::LoadedCorpus;

/// How many warnings [`report`] repeats; the full list is in the report
/// file.
pub const WARNINGS_SHOWN: usize = 20;

/// One `cargo:KEY=VALUE` line (without its line end), `VALUE` with every
/// control character escaped so that it stays one line.
pub fn directive(key: &str, value: &str) -> String {
    let mut line = String::with_capacity(key.len() + value.len() + 8);
    line.push_str("cargo:");
    push_escaped(&mut line, key);
    line.push('=');
    push_escaped(&mut line, value);
    line
}

/// A `cargo:warning=` line.
pub fn warning(message: &str) -> String {
    directive("warning", message)
}

/// The line that watches `path`, or, when its name holds a control
/// character (which Cargo could not read back as the same path), a warning
/// that it is not watched.
pub fn rerun_if_changed(path: &Path) -> String {
    let shown = path.display().to_string();
    if shown.chars().any(char::is_control) {
        warning(&format!("annals: not watching {shown} for changes: its name holds a control character"))
    } else {
        directive("rerun-if-changed", &shown)
    }
}

/// `text` on one line, every control character written as a visible
/// escape as in [`directive`] (also for comments of the `corpus.toml` that
/// `annals init` writes).
pub(crate) fn one_line(text: &str) -> String {
    let mut line = String::with_capacity(text.len());
    push_escaped(&mut line, text);
    line
}

fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            // U+2028 and U+2029 are line breaks to some readers too.
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{{{:x}}}", c as u32));
            }
            c => out.push(c),
        }
    }
}

/// Every line `build.rs` prints for a loaded corpus: the files to watch,
/// then the accounting (counts, each skipped file with its reason, the
/// first [`WARNINGS_SHOWN`] warnings with their places), then the facets
/// suggested from the data, if any, and why.
pub fn report(corpus: &LoadedCorpus) -> Vec<String> {
    let mut lines: Vec<String> = corpus.inputs.iter().map(|input| rerun_if_changed(input)).collect();
    let report = &corpus.report;
    if !report.skipped.is_empty() || !report.warnings.is_empty() {
        lines.push(warning(&format!(
            "annals: {} documents indexed, {} skipped, {} warnings",
            report.indexed,
            report.skipped.len(),
            report.warnings.len()
        )));
    }
    for skipped in &report.skipped {
        lines.push(warning(&format!("annals: skipped {}: {}", skipped.origin, skipped.reason)));
    }
    for warning_ in report.warnings.iter().take(WARNINGS_SHOWN) {
        lines.push(warning(&format!("annals: {warning_}")));
    }
    if report.warnings.len() > WARNINGS_SHOWN {
        lines.push(warning(&format!(
            "annals: … and {} more warnings (`annals index CORPUS --report FILE` lists them all)",
            report.warnings.len() - WARNINGS_SHOWN
        )));
    }
    lines.extend(report.facets.lines().iter().map(|line| warning(&format!("annals: {line}"))));
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_stays_on_one_line() {
        assert_eq!(warning("plain"), "cargo:warning=plain");
        assert_eq!(
            warning("a.txt\ncargo:rustc-cfg=hostile"),
            "cargo:warning=a.txt\\ncargo:rustc-cfg=hostile"
        );
        assert_eq!(warning("x\r\ncargo:rustc-env=A=B"), "cargo:warning=x\\r\\ncargo:rustc-env=A=B");
        assert_eq!(warning("\u{1b}[31mred\u{7}"), "cargo:warning=\\u{1b}[31mred\\u{7}");
        assert_eq!(warning("a\u{2028}b\u{85}c"), "cargo:warning=a\\u{2028}b\\u{85}c");
        assert_eq!(directive("rerun-if-changed", "/corpus/a b.txt"), "cargo:rerun-if-changed=/corpus/a b.txt");
    }

    #[test]
    fn a_path_with_a_line_break_is_not_watched() {
        let line = rerun_if_changed(Path::new("/corpus/x\ncargo:rustc-link-arg=-evil.txt"));
        assert!(line.starts_with("cargo:warning=annals: not watching /corpus/x\\ncargo:"), "{line}");
        assert!(!line.contains('\n'));
        assert_eq!(rerun_if_changed(Path::new("/corpus/a.txt")), "cargo:rerun-if-changed=/corpus/a.txt");
    }
}
