//! The split layout on disk: `annals index --layout split` writes a
//! folder of `core.bin` and `pieces/NAME.bin`, and `annals search FOLDER`
//! answers from it the way a page does, supplying the pieces each request
//! finds missing and asking again, which says how many pieces and bytes
//! a question needs.

use std::path::Path;
use std::time::Duration;

use anyhow::{bail, Context, Result};

use annals_engine::{Corpus, SplitIndex, CORE_FILE};

/// Writes the split index `split` into `dir`; returns its bytes in all.
pub(crate) fn write(dir: &Path, split: &SplitIndex) -> Result<usize> {
    let pieces = dir.join("pieces");
    std::fs::create_dir_all(&pieces).with_context(|| format!("cannot create {}", pieces.display()))?;
    for (name, bytes) in &split.pieces {
        let path = pieces.join(format!("{name}.bin"));
        std::fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
    }
    let core = dir.join(CORE_FILE);
    std::fs::write(&core, &split.core).with_context(|| format!("cannot write {}", core.display()))?;
    let total: usize = split.pieces.iter().map(|(_, b)| b.len()).sum();
    eprintln!("split layout: core {} bytes; {} pieces, {total} bytes", split.core.len(), split.pieces.len());
    Ok(split.core.len() + total)
}

/// Whether `source` is a folder written by `--layout split`.
pub(crate) fn is_split(source: &Path) -> bool {
    source.join(CORE_FILE).is_file()
}

pub(crate) fn read_core(dir: &Path) -> Result<Vec<u8>> {
    let path = dir.join(CORE_FILE);
    std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))
}

pub(crate) fn open<'a>(core: &'a [u8], dir: &Path) -> Result<Corpus<'a>> {
    Corpus::open_split(core).map_err(|error| anyhow::anyhow!("{}: {error}", dir.join(CORE_FILE).display()))
}

/// What answering a request fetched.
#[derive(Debug, Default)]
pub(crate) struct Fetched {
    pub pieces: usize,
    pub bytes: usize,
    pub rounds: usize,
}

impl Fetched {
    pub(crate) fn summary(&self, took: Duration) -> String {
        format!(
            "fetched {} pieces, {} bytes, in {} rounds; answered in {:.1} ms",
            self.pieces,
            self.bytes,
            self.rounds,
            took.as_secs_f64() * 1000.0
        )
    }
}

/// Runs `ask` until it read no absent piece, supplying the pieces it
/// found missing from `dir/pieces` between runs: the loop a page runs,
/// with files for fetches.
pub(crate) fn complete<T>(corpus: &Corpus<'_>, dir: &Path, fetched: &mut Fetched, ask: impl Fn() -> T) -> Result<T> {
    loop {
        let answer = ask();
        fetched.rounds += 1;
        let missing = corpus.missing_pieces();
        if missing.is_empty() {
            return Ok(answer);
        }
        for name in missing {
            let path = dir.join("pieces").join(format!("{name}.bin"));
            let bytes = std::fs::read(&path).with_context(|| format!("cannot read the piece {}", path.display()))?;
            if let Err(error) = corpus.add_piece(&name, &bytes) {
                bail!("{}: {error}", path.display());
            }
            fetched.pieces += 1;
            fetched.bytes += bytes.len();
        }
    }
}
