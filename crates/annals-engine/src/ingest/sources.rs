//! Finding the files of a corpus: the whole folder by default, or the files,
//! folders and globs `corpus.toml` lists, less its `exclude` globs,
//! `corpus.toml` itself and sidecar tables. Hidden files and folders, files
//! that are not regular files (fifos, sockets, devices), unreadable entries
//! and symbolic links that lead outside the corpus folder are skipped, each
//! with its reason in the report.
//!
//! One rule says what a corpus may read ([`inside`]): a path inside the
//! corpus folder once `..` and symbolic links are resolved, unless
//! `corpus.toml` sets `allow_outside_paths = true`.

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};

use crate::error::{Error, ErrorKind};

use super::config::{Config, Format};
use super::{Accounting, InputFile};

/// Why a path outside the folder is not read, for messages.
pub(crate) const OUTSIDE: &str =
    "outside the corpus folder (set `allow_outside_paths = true` in corpus.toml to read it)";

/// Whether `path` lies inside `root` (itself resolved) once `..` and
/// symbolic links are resolved. A path that does not exist is judged by
/// its written form, `..` removed.
pub(crate) fn inside(root: &Path, path: &Path) -> bool {
    match path.canonicalize() {
        Ok(real) => real.starts_with(root),
        Err(_) => lexical(path).starts_with(root),
    }
}

/// `a/b/../c` → `a/c`, without touching the file system.
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// The files to read, in a stable order: sources in the order listed, files
/// within a folder or glob by path.
pub(crate) fn find(
    config: &Config,
    root: &Path,
    not_documents: &[PathBuf],
    accounting: &mut Accounting,
) -> Result<Vec<InputFile>, Error> {
    let excluded = not_documents.iter().map(|path| identity(path)).collect::<HashSet<_>>();
    let mut exclude = Vec::new();
    for pattern in &config.exclude {
        let compiled = glob::Pattern::new(pattern).map_err(|error| {
            Error::new(ErrorKind::Config, format!("bad exclude pattern `{pattern}`: {error}")).at_path(&config.shown)
        })?;
        exclude.push(compiled);
    }
    let allow_outside = config.allow_outside_paths;
    let mut finder =
        Finder { root, allow_outside, excluded, exclude, seen: Default::default(), files: Vec::new(), accounting };
    if config.sources.is_empty() {
        finder.walk(root, None);
        return Ok(finder.files);
    }
    for source in &config.sources {
        let line = config.line(source.span().start);
        let source = source.get_ref();
        let written = source.path();
        let path = root.join(written);
        let config_error = |message: String| Error::new(ErrorKind::Config, message).at_path(&config.shown).at_line(line);
        if written.contains(['*', '?', '[']) {
            // The root is taken as it is written, whatever it holds
            // (`corpus [draft]`); only the source is a pattern.
            let pattern = format!("{}/{written}", glob::Pattern::escape(&root.to_string_lossy()));
            let matches = match glob::glob(&pattern) {
                Ok(matches) => matches,
                Err(error) => return Err(config_error(format!("bad source pattern `{written}`: {error}"))),
            };
            let mut paths: Vec<PathBuf> = matches.filter_map(Result::ok).filter(|path| path.is_file()).collect();
            paths.sort();
            if paths.is_empty() {
                finder.accounting.warn(&config.shown, Some(line), format!("source `{written}` matches no file"));
            }
            for path in paths {
                if !allow_outside && !inside(root, &path) {
                    let shown = finder.shown(&path);
                    finder.accounting.skip(shown, OUTSIDE);
                    continue;
                }
                let format = source.format().or_else(|| format_of(&path));
                finder.add(path, format);
            }
            continue;
        }
        if !allow_outside && !inside(root, &path) {
            return Err(config_error(format!("source `{written}` is {OUTSIDE}")));
        }
        if path.is_dir() {
            finder.walk(&path, source.format());
        } else if path.is_file() {
            let format = source.format().or_else(|| format_of(&path));
            if format.is_none() {
                return Err(config_error(format!("source `{written}`: unsupported file type; give its format")));
            }
            finder.add(path, format);
        } else if path.exists() {
            return Err(config_error(format!("source `{written}` is not a regular file or folder")));
        } else {
            return Err(config_error(format!("source `{written}` does not exist")));
        }
    }
    Ok(finder.files)
}

struct Finder<'a> {
    root: &'a Path,
    allow_outside: bool,
    excluded: HashSet<PathBuf>,
    exclude: Vec<glob::Pattern>,
    seen: std::collections::HashMap<PathBuf, String>,
    files: Vec<InputFile>,
    accounting: &'a mut Accounting,
}

impl Finder<'_> {
    /// Every file under `folder`; what is not read is listed as skipped.
    fn walk(&mut self, folder: &Path, format: Option<Format>) {
        let mut walker = walkdir::WalkDir::new(folder).follow_links(true).sort_by_file_name().into_iter();
        while let Some(entry) = walker.next() {
            let entry = match entry {
                Ok(entry) => entry,
                // A loop of links, a broken link, a folder we may not read.
                Err(error) => {
                    let shown = error.path().map(|path| self.shown(path)).unwrap_or_else(|| self.shown(folder));
                    let reason = match error.loop_ancestor() {
                        Some(_) => "a symbolic link that loops back to a folder above it".to_string(),
                        None => match error.io_error() {
                            Some(io) if io.kind() == std::io::ErrorKind::NotFound => {
                                "a symbolic link to nothing".to_string()
                            }
                            Some(io) => format!("cannot be read: {io}"),
                            None => format!("cannot be read: {error}"),
                        },
                    };
                    self.accounting.skip(shown, reason);
                    continue;
                }
            };
            if entry.depth() == 0 {
                continue;
            }
            let is_dir = entry.file_type().is_dir();
            let path = entry.path();
            if entry.file_name().to_string_lossy().starts_with('.') {
                let shown = self.shown(path);
                if !self.is_excluded(path, &shown) {
                    self.accounting.skip(shown, if is_dir { "hidden folder" } else { "hidden file" });
                }
                if is_dir {
                    walker.skip_current_dir();
                }
                continue;
            }
            if entry.path_is_symlink() && !self.allow_outside && !inside(self.root, path) {
                let shown = self.shown(path);
                if !self.is_excluded(path, &shown) {
                    self.accounting.skip(shown, format!("a symbolic link that leads {OUTSIDE}"));
                }
                if is_dir {
                    walker.skip_current_dir();
                }
                continue;
            }
            if is_dir {
                continue;
            }
            let path = entry.into_path();
            if !path.is_file() {
                let shown = self.shown(&path);
                if !self.is_excluded(&path, &shown) {
                    self.accounting.skip(shown, "not a regular file (a fifo, socket or device)");
                }
                continue;
            }
            let format = format.or_else(|| format_of(&path));
            self.add(path, format);
        }
    }

    fn is_excluded(&self, path: &Path, shown: &str) -> bool {
        self.excluded.contains(&identity(path)) || self.exclude.iter().any(|pattern| pattern.matches(shown))
    }

    fn add(&mut self, path: PathBuf, format: Option<Format>) {
        let identity = identity(&path);
        let shown = self.shown(&path);
        if self.excluded.contains(&identity) || self.exclude.iter().any(|pattern| pattern.matches(&shown)) {
            return;
        }
        if let Some(first) = self.seen.get(&identity) {
            // A file named twice by the sources is read once; a link to a
            // file already read is accounted for.
            if path.symlink_metadata().is_ok_and(|m| m.file_type().is_symlink()) && *first != shown {
                let reason = format!("a symbolic link to {first}, which is read once");
                self.accounting.skip(shown, reason);
            }
            return;
        }
        self.seen.insert(identity, shown.clone());
        let collection = path
            .strip_prefix(self.root)
            .ok()
            .and_then(Path::parent)
            .map(slashed)
            .filter(|folder| !folder.is_empty() && !folder.starts_with(".."));
        self.files.push(InputFile { path, shown, format, collection });
    }

    /// The path from the root, `/`-separated; the full path when outside it.
    fn shown(&self, path: &Path) -> String {
        match path.strip_prefix(self.root) {
            Ok(relative) => slashed(relative),
            Err(_) => path.display().to_string(),
        }
    }
}

fn format_of(path: &Path) -> Option<Format> {
    path.extension().and_then(|extension| Format::from_extension(&extension.to_string_lossy()))
}

/// One spelling per file, so a file named twice is read once.
fn identity(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

fn slashed(path: &Path) -> String {
    path.components().map(|part| part.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}
