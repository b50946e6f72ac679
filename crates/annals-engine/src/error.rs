//! The engine's one error type.

use std::fmt;

/// What went wrong, for callers that act on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A file could not be read or written.
    Io,
    /// `corpus.toml` is missing, malformed or names something that is not there.
    Config,
    /// A corpus file cannot be read as its format says (bad front matter,
    /// broken CSV, invalid JSON record).
    Malformed,
    /// Two documents claim the same id.
    DuplicateId,
    /// The bytes given to [`crate::Index::open`] are not an index this
    /// version can read (wrong magic, version or checksum; truncated).
    Format,
}

/// An error with the place it concerns: `path:line: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// What kind of failure this is.
    pub kind: ErrorKind,
    /// The file concerned, when there is one.
    pub path: Option<String>,
    /// The 1-based line in that file, when known.
    pub line: Option<usize>,
    /// What is wrong, as a sentence for the user.
    pub message: String,
}

impl Error {
    /// An error of `kind` with a message and no place.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error { kind, path: None, line: None, message: message.into() }
    }

    /// The same error, placed in `path`.
    pub fn at_path(mut self, path: impl Into<String>) -> Error {
        self.path = Some(path.into());
        self
    }

    /// The same error, placed at `line`.
    pub fn at_line(mut self, line: usize) -> Error {
        self.line = Some(line);
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.path, self.line) {
            (Some(path), Some(line)) => write!(f, "{path}:{line}: {}", self.message),
            (Some(path), None) => write!(f, "{path}: {}", self.message),
            _ => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for Error {}
