//! Finding the files of a corpus: the whole folder by default, or the files,
//! folders and globs `corpus.toml` lists, less its `exclude` globs,
//! `corpus.toml` itself, sidecar tables and hidden files.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::error::{Error, ErrorKind};

use super::config::{Config, Format};
use super::{Accounting, InputFile};

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
    let mut finder = Finder { root, excluded, exclude, seen: HashSet::new(), files: Vec::new() };
    if config.sources.is_empty() {
        finder.walk(root, None)?;
        return Ok(finder.files);
    }
    for source in &config.sources {
        let line = config.line(source.span().start);
        let source = source.get_ref();
        let written = source.path();
        let path = root.join(written);
        if written.contains(['*', '?', '[']) {
            let pattern = path.to_string_lossy().into_owned();
            let matches = glob::glob(&pattern).map_err(|error| {
                Error::new(ErrorKind::Config, format!("bad source pattern `{written}`: {error}"))
                    .at_path(&config.shown)
                    .at_line(line)
            })?;
            let mut paths: Vec<PathBuf> = matches.filter_map(Result::ok).filter(|path| path.is_file()).collect();
            paths.sort();
            if paths.is_empty() {
                accounting.warn(&config.shown, Some(line), format!("source `{written}` matches no file"));
            }
            for path in paths {
                let format = source.format().or_else(|| format_of(&path));
                finder.add(path, format);
            }
        } else if path.is_dir() {
            finder.walk(&path, source.format())?;
        } else if path.is_file() {
            let format = source.format().or_else(|| format_of(&path));
            if format.is_none() {
                return Err(Error::new(
                    ErrorKind::Config,
                    format!("source `{written}`: unsupported file type; give its format"),
                )
                .at_path(&config.shown)
                .at_line(line));
            }
            finder.add(path, format);
        } else {
            return Err(Error::new(ErrorKind::Config, format!("source `{written}` does not exist"))
                .at_path(&config.shown)
                .at_line(line));
        }
    }
    Ok(finder.files)
}

struct Finder<'a> {
    root: &'a Path,
    excluded: HashSet<PathBuf>,
    exclude: Vec<glob::Pattern>,
    seen: HashSet<PathBuf>,
    files: Vec<InputFile>,
}

impl Finder<'_> {
    fn walk(&mut self, folder: &Path, format: Option<Format>) -> Result<(), Error> {
        let walker = walkdir::WalkDir::new(folder)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|entry| entry.depth() == 0 || !entry.file_name().to_string_lossy().starts_with('.'));
        for entry in walker {
            let entry = entry.map_err(|error| {
                let shown = error.path().map(|path| self.shown(path)).unwrap_or_default();
                Error::new(ErrorKind::Io, format!("cannot read the folder: {error}")).at_path(shown)
            })?;
            if entry.file_type().is_file() {
                let path = entry.into_path();
                let format = format.or_else(|| format_of(&path));
                self.add(path, format);
            }
        }
        Ok(())
    }

    fn add(&mut self, path: PathBuf, format: Option<Format>) {
        let identity = identity(&path);
        if self.excluded.contains(&identity) || !self.seen.insert(identity) {
            return;
        }
        let shown = self.shown(&path);
        if self.exclude.iter().any(|pattern| pattern.matches(&shown)) {
            return;
        }
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
