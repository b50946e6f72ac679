//! `annals init FOLDER`: writes the `corpus.toml` that the engine's survey
//! of the folder gives (`ingest::survey`), the facets the build would
//! suggest among it, so that a reader can see and change them.

use std::fs::OpenOptions;
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

use annals_engine::ingest;

use crate::terminal_safe;

/// Surveys `folder` and writes `folder/corpus.toml` (refusing to replace
/// one unless `force`), or prints it (`stdout`).
pub(crate) fn run(folder: &Path, force: bool, stdout: bool) -> Result<()> {
    let survey = ingest::survey(folder).map_err(anyhow::Error::new)?;
    let text = survey.corpus_toml();
    if stdout {
        print!("{text}");
        return Ok(());
    }
    let path = write(folder, &text, force)?;
    let facets = survey.facets();
    let names: Vec<String> = facets.facets.iter().map(|f| format!("{} ({})", f.field, f.kind.name())).collect();
    let chosen = if names.is_empty() { "no facets".to_string() } else { format!("facets {}", names.join(", ")) };
    eprintln!("wrote {}: {} documents; {}", path.display(), survey.documents(), terminal_safe(&chosen));
    for line in facets.verdicts() {
        eprintln!("{}", terminal_safe(&line));
    }
    eprintln!("edit it to choose other facets; `annals index {}` builds with it", folder.display());
    Ok(())
}

/// Writes `folder/corpus.toml`; without `force` an existing one is left as
/// it is and is an error.
fn write(folder: &Path, text: &str, force: bool) -> Result<PathBuf> {
    let path = folder.join("corpus.toml");
    let mut options = OpenOptions::new();
    options.write(true);
    if force {
        options.create(true).truncate(true);
    } else {
        options.create_new(true);
    }
    let mut file = match options.open(&path) {
        Ok(file) => file,
        Err(error) if error.kind() == ErrorKind::AlreadyExists => bail!(
            "{} already exists: `annals init --force` replaces it, `annals init --stdout` prints the new one instead",
            path.display()
        ),
        Err(error) => return Err(error).with_context(|| format!("cannot write {}", path.display())),
    };
    file.write_all(text.as_bytes()).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A folder of nine Markdown notes whose `kind` and `tags` repeat and
    /// whose `author` does not, removed on drop.
    struct Folder(PathBuf);

    impl Folder {
        fn new(name: &str) -> Folder {
            let dir = std::env::temp_dir().join(format!("annals-cli-init-{}-{name}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).unwrap();
            for i in 0..9 {
                let front = format!(
                    "---\ntitle: Note {i}\nkind: {}\ntags: [{}]\nauthor: Writer {i}\n\"odd \\\"name\\\" ]#\": {}\n---\nText {i}.\n",
                    ["report", "letter", "notice"][i % 3],
                    ["harbour", "harbour, church", "church"][i % 3],
                    ["x", "y"][i % 2],
                );
                std::fs::write(dir.join(format!("note-{i}.md")), front).unwrap();
            }
            Folder(dir)
        }
    }

    impl Drop for Folder {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    #[test]
    fn init_writes_a_corpus_toml_that_builds_to_the_same_facets_and_keeps_an_existing_one() {
        let folder = Folder::new("writes");
        let suggested = ingest::load(&folder.0).unwrap();
        let names: Vec<&str> = suggested.meta.facets.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["kind", "odd \"name\" ]#", "tags"]);
        assert!(suggested.report.facets.suggested);

        run(&folder.0, false, false).unwrap();
        let path = folder.0.join("corpus.toml");
        let written = std::fs::read_to_string(&path).unwrap();
        let built = ingest::load(&folder.0).unwrap();
        assert_eq!(built.meta.facets, suggested.meta.facets, "{written}");
        assert!(!built.report.facets.suggested, "the written [facets] is what the build reads");
        assert_eq!(built.report.indexed, 9);

        // An existing corpus.toml is kept unless --force.
        std::fs::write(&path, "title = \"Mine\"\n").unwrap();
        let error = run(&folder.0, false, false).unwrap_err().to_string();
        assert!(error.contains("already exists") && error.contains("--force"), "{error}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "title = \"Mine\"\n");
        run(&folder.0, true, false).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), written);
    }

    #[test]
    fn init_parses_its_flags_and_refuses_a_file() {
        use clap::{CommandFactory, FromArgMatches};
        let parse = |args: &[&str]| {
            let argv = ["annals", "init"].iter().chain(args);
            crate::Cli::command().try_get_matches_from(argv).and_then(|m| crate::Cli::from_arg_matches(&m))
        };
        assert!(matches!(parse(&["f", "--force"]).map(|cli| cli.command), Ok(crate::Command::Init { force: true, stdout: false, .. })));
        assert!(parse(&["f", "--force", "--stdout"]).is_err());
        let folder = Folder::new("file");
        let error = run(&folder.0.join("note-0.md"), false, false).unwrap_err().to_string();
        assert!(error.contains("expected a corpus folder"), "{error}");
    }
}
