//! `annals init`: a corpus folder surveyed as the build reads it without a
//! `corpus.toml` (its files by format, its fields with how many documents
//! have them and a few values, the fields that give the title, date and
//! text, and the facets [`super::suggest`] makes), written out as a
//! commented `corpus.toml` that builds to the same facets.
//!
//! Field names and values come from the corpus and are not to be trusted:
//! keys and strings are written as TOML basic strings with quotes,
//! backslashes and every control character escaped (a key is bare only when
//! it is all `A-Za-z0-9_-`), and comments have their control characters
//! escaped, so that no name or value can end a string or a comment early
//! and add keys of its own.

use std::fmt::Write as _;
use std::path::Path;

use crate::cargo_lines::one_line;
use crate::error::{Error, ErrorKind};

use super::config::{Config, Format, CONFIG_NAME};
use super::mapping::{Mapping, Role, TAG_SEPARATOR};
use super::suggest::{self, FacetReport, FieldStats, DOCUMENTS_PER_VALUE, MAX_VALUES, MIN_SHARE};
use super::{default_title, gather, locate};

/// Fields listed one a line in the survey; the rest are counted.
const FIELDS_LISTED: usize = 40;
/// Values shown for a field.
const VALUES_SHOWN: usize = 3;
/// Widest name the columns are aligned to.
const ALIGN: usize = 20;
/// A text field's values are this long on average, in characters.
const TEXT_CHARS: usize = 100;

/// What `annals init` found in a corpus folder: read with [`survey`],
/// written with [`Survey::corpus_toml`].
#[derive(Debug, Clone)]
pub struct Survey {
    /// The folder's name, the page heading by default.
    folder: String,
    /// Per format: files read, documents they gave.
    formats: Vec<(Format, usize, usize)>,
    /// Files and records skipped, counted by reason.
    skipped: Vec<(String, usize)>,
    /// Documents found.
    documents: usize,
    /// Documents that are files (their text is their own).
    file_documents: usize,
    /// Whether files in subfolders give a `collection` facet.
    collections: bool,
    fields: Vec<FieldStats>,
    facets: FacetReport,
}

/// Reads the corpus folder `folder` as the build would without a
/// `corpus.toml` (one already there is neither read nor a document) and
/// says what it found. Stops, like the build, at a malformed file.
pub fn survey(folder: &Path) -> Result<Survey, Error> {
    if !folder.is_dir() {
        return Err(Error::new(ErrorKind::Config, "expected a corpus folder").at_path(folder.display().to_string()));
    }
    let (root, config_path) = locate(folder)?;
    let config = Config { shown: CONFIG_NAME.to_string(), ..Config::default() };
    let gathered = gather(&root, &config, config_path)?;
    let mapping = Mapping::new(&config);
    let fields = suggest::field_stats(&mapping, &gathered.drafts);
    let facets = suggest::judge(&fields, gathered.drafts.len());

    let mut formats: Vec<(Format, usize, usize)> = Vec::new();
    let mut last_file = None;
    for pending in &gathered.drafts {
        let Some(format) = gathered.files[pending.file].format else { continue };
        let position = match formats.iter().position(|(known, ..)| *known == format) {
            Some(position) => position,
            None => {
                formats.push((format, 0, 0));
                formats.len() - 1
            }
        };
        formats[position].1 += usize::from(last_file != Some(pending.file));
        formats[position].2 += 1;
        last_file = Some(pending.file);
    }
    let mut skipped: Vec<(String, usize)> = Vec::new();
    for skip in &gathered.accounting.skipped {
        match skipped.iter_mut().find(|(reason, _)| *reason == skip.reason) {
            Some((_, count)) => *count += 1,
            None => skipped.push((skip.reason.clone(), 1)),
        }
    }
    skipped.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Ok(Survey {
        folder: default_title(&root),
        formats,
        skipped,
        documents: gathered.drafts.len(),
        file_documents: gathered.drafts.iter().filter(|pending| pending.draft.body.is_some()).count(),
        collections: gathered
            .drafts
            .iter()
            .any(|pending| gathered.files[pending.file].collection.is_some()),
        fields,
        facets,
    })
}

impl Survey {
    /// Documents found.
    pub fn documents(&self) -> usize {
        self.documents
    }

    /// The facets suggested, and the repeating fields that are not facets:
    /// what a build of the folder without `[facets]` makes.
    pub fn facets(&self) -> &FacetReport {
        &self.facets
    }

    /// The `corpus.toml` describing the folder, every line commented: the
    /// page heading, the fields seen, which give the title, date and text
    /// (as comments: the defaults already read them), and the suggested
    /// facets as a `[facets]` table, so that the file builds to the facets
    /// a build without it suggests.
    pub fn corpus_toml(&self) -> String {
        let mut out = String::new();
        self.write_head(&mut out);
        self.write_fields_seen(&mut out);
        self.write_field_roles(&mut out);
        self.write_facets(&mut out);
        out
    }

    fn write_head(&self, out: &mut String) {
        comment(out, &format!("{CONFIG_NAME} for {}, written by `annals init` from what it found in the folder.", toml_string(&self.folder)));
        comment(out, "Every line may be changed; the README's corpus.toml section describes each key.");
        comment(out, "");
        let formats: Vec<String> = self
            .formats
            .iter()
            .map(|(format, files, documents)| match format {
                Format::Jsonl | Format::Json | Format::Csv => format!("{files} {} ({documents} records)", format.name()),
                _ => format!("{files} {}", format.name()),
            })
            .collect();
        let files: usize = self.formats.iter().map(|(_, files, _)| files).sum();
        let found = match formats.is_empty() {
            true => "nothing to index".to_string(),
            false => formats.join(", "),
        };
        let plural = |count: usize, noun: &str| format!("{count} {noun}{}", if count == 1 { "" } else { "s" });
        comment(out, &format!("Found {} in {}: {found}.", plural(self.documents, "document"), plural(files, "file")));
        for (reason, count) in &self.skipped {
            comment(out, &format!("Skipped {count}: {reason}."));
        }
        out.push('\n');
        setting(out, &format!("title = {}", toml_string(&self.folder)), "the page heading", ALIGN + 12);
        setting(out, "# description = \"\"", "a paragraph for the opening view", ALIGN + 12);
        setting(out, "# language = \"english\"", "the Snowball stemmer for the texts", ALIGN + 12);
        out.push('\n');
    }

    fn write_fields_seen(&self, out: &mut String) {
        if self.fields.is_empty() {
            comment(out, "No document has fields (front matter, header lines, record fields).");
            out.push('\n');
            return;
        }
        comment(out, &format!("Fields seen, with how many of the {} documents have each, and a few values:", self.documents));
        let mut fields: Vec<&FieldStats> = self.fields.iter().collect();
        fields.sort_by(|a, b| b.documents.cmp(&a.documents).then_with(|| a.name.cmp(&b.name)));
        let width = fields.iter().map(|field| toml_key(&field.name).chars().count()).max().unwrap_or(0).min(ALIGN);
        for field in fields.iter().take(FIELDS_LISTED) {
            let key = toml_key(&field.name);
            let repeating = field.roles.is_empty() && field.repeats();
            let mut values: Vec<String> = if repeating {
                field.top_values(VALUES_SHOWN).iter().map(|(value, count)| format!("{} ({count})", toml_string(value))).collect()
            } else {
                field.first.iter().map(|value| toml_string(value)).collect()
            };
            if repeating && field.values() > VALUES_SHOWN {
                values.push(format!("… ({} values)", field.values()));
            }
            let lists = if field.kind == crate::FacetKind::Tags { "lists: " } else { "" };
            comment(out, &format!("  {key:width$}  {:>5}  {lists}{}", field.documents, values.join(", ")));
        }
        if fields.len() > FIELDS_LISTED {
            comment(out, &format!("  … and {} more fields", fields.len() - FIELDS_LISTED));
        }
        out.push('\n');
    }

    fn write_field_roles(&self, out: &mut String) {
        comment(out, "Which fields give each document's title, date and text (and a record's id).");
        comment(out, "The defaults read the fields named below; remove a # to name another field.");
        out.push_str("[fields]\n");
        let records = self.documents - self.file_documents;
        let facets: Vec<&str> = self.facets.facets.iter().map(|facet| facet.field.as_str()).collect();
        let open: Vec<&FieldStats> =
            self.fields.iter().filter(|f| f.roles.is_empty() && !facets.contains(&f.name.as_str())).collect();
        // Fields in half the documents or more, the most common first.
        let mut common: Vec<&FieldStats> = open.iter().copied().filter(|f| f.documents * 2 >= self.documents).collect();
        common.sort_by(|a, b| b.documents.cmp(&a.documents).then_with(|| a.name.cmp(&b.name)));
        let date_candidate = common.iter().copied().find(|f| f.dates * 10 >= f.documents * 9);
        let title_candidate = common.iter().copied().find(|f| {
            f.values() * 10 >= f.documents * 9
                && f.spaced * 2 >= f.documents
                && (8..=150).contains(&f.mean_chars())
                && !date_candidate.is_some_and(|date| std::ptr::eq(date, *f))
        });
        let text_candidate = open
            .iter()
            .copied()
            .filter(|f| f.documents * 2 >= records && f.mean_chars() >= TEXT_CHARS)
            .max_by(|a, b| a.mean_chars().cmp(&b.mean_chars()).then_with(|| b.name.cmp(&a.name)));
        for role in [Role::Title, Role::Date, Role::Text, Role::Id] {
            let mut taken: Vec<(&FieldStats, usize)> =
                self.fields.iter().filter_map(|f| f.roles.get(&role).map(|&count| (f, count))).collect();
            taken.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.name.cmp(&b.0.name)));
            for (field, count) in &taken {
                let line = format!("# {} = {}", role.key(), toml_string(&field.name));
                setting(out, &line, &format!("read by default, in {count} of {} documents", self.documents), ALIGN + 12);
            }
            if !taken.is_empty() {
                continue;
            }
            let candidate = match role {
                Role::Title => title_candidate.map(|f| (f, "mostly distinct short values")),
                Role::Date => date_candidate.map(|f| (f, "its values read as dates")),
                Role::Text if records > 0 => text_candidate.map(|f| (f, "its values are the longest")),
                _ => None,
            };
            match candidate {
                Some((field, why)) => {
                    let line = format!("# {} = {}", role.key(), toml_string(&field.name));
                    let note = format!("a candidate: {why}, in {} documents", field.documents);
                    setting(out, &line, &note, ALIGN + 12);
                }
                None => comment(out, &format!("{}: {}", role.key(), self.role_default(role, records))),
            }
        }
        out.push('\n');
    }

    /// Where a role comes from when no field gives it.
    fn role_default(&self, role: Role, records: usize) -> String {
        match role {
            Role::Title => "no field; each title comes from the document's heading or first sentence".to_string(),
            Role::Date => "no field; documents are dated from their header lines or their texts where they can be".to_string(),
            Role::Text if self.file_documents > 0 && records == 0 => {
                format!("each file's own text ({} documents)", self.file_documents)
            }
            Role::Text => "no field in the records; a record without one has no text".to_string(),
            Role::Id if records > 0 => "no field; a record's id is its file and line (`data.csv#2`)".to_string(),
            Role::Id => "a file's id is its path in the folder".to_string(),
        }
    }

    fn write_facets(&self, out: &mut String) {
        comment(out, "Facets, in the order the page shows them, chosen from the data: fields that at");
        comment(out, &format!("least 1 document in {MIN_SHARE} has, with 2 to {MAX_VALUES} short values and at most one value"));
        comment(out, &format!("for every {DOCUMENTS_PER_VALUE} documents. Kinds: \"keyword\" (one value a document), \"tags\""));
        comment(out, &format!("(several: a list, or text split at {}), \"number\", \"date\". Remove a line to", toml_string(TAG_SEPARATOR)));
        comment(out, "drop a facet, add one to make another. With [facets] here the build suggests");
        comment(out, "none of its own (an empty [facets] means no facets).");
        if self.collections {
            comment(out, "Files in subfolders also get a `collection` facet naming their folder.");
        }
        out.push_str("[facets]\n");
        if self.facets.facets.is_empty() {
            comment(out, "No field repeats enough to be a facet.");
        }
        let lines = |verdicts: &[suggest::FieldVerdict], prefix: &str| -> Vec<(String, String)> {
            verdicts
                .iter()
                .map(|verdict| {
                    let line = format!("{prefix}{} = {}", toml_key(&verdict.field), toml_string(verdict.kind.name()));
                    let field = self.fields.iter().find(|field| field.name == verdict.field);
                    let values: Vec<String> = field
                        .map(|field| field.top_values(VALUES_SHOWN))
                        .unwrap_or_default()
                        .iter()
                        .map(|(value, count)| format!("{} ({count})", toml_string(value)))
                        .collect();
                    let more = if verdict.values > VALUES_SHOWN { ", …" } else { "" };
                    (line, format!("{}: {}{more}", verdict.reason, values.join(", ")))
                })
                .collect()
        };
        let made = lines(&self.facets.facets, "");
        let not_made = lines(&self.facets.not_facets, "# ");
        let width = made.iter().chain(&not_made).map(|(line, _)| line.chars().count()).max().unwrap_or(0).min(ALIGN + 12);
        for (line, note) in &made {
            setting(out, line, note, width);
        }
        if !not_made.is_empty() {
            comment(out, "Repeating fields not made facets (remove the # to make one all the same):");
        }
        for (line, note) in &not_made {
            setting(out, line, note, width);
        }
    }
}

/// `# text`, on one line whatever `text` holds.
fn comment(out: &mut String, text: &str) {
    if text.is_empty() {
        out.push_str("#\n");
    } else {
        let _ = writeln!(out, "# {}", one_line(text));
    }
}

/// `line`, padded to `width`, then `# note` on the same line. `line` is
/// TOML already made safe; `note` may hold anything.
fn setting(out: &mut String, line: &str, note: &str, width: usize) {
    let _ = writeln!(out, "{line:width$}  # {}", one_line(note));
}

/// A TOML basic string holding exactly `text`: quotes, backslashes, control
/// characters, line and paragraph separators and bidirectional controls are
/// escaped, so the string stays on its line and shows what it holds.
pub(crate) fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control()
                || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}') =>
            {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A TOML key naming `name`: bare when it is all `A-Za-z0-9_-`, else
/// quoted.
pub(crate) fn toml_key(name: &str) -> String {
    let bare = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if bare {
        name.to_string()
    } else {
        toml_string(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_keys_and_strings_read_back_as_written() {
        let hostile = [
            "plain",
            "with space",
            "quote\"inside",
            "back\\slash",
            "line\nbreak = \"injected\"\n[fields]\ntitle = \"x\"",
            "bracket]",
            "[facets]",
            "hash # not a comment",
            "année",
            "\u{1b}[31mred\u{7}",
            "tab\there",
            "cr\r",
            "sep\u{2028}arator\u{202E}",
            "del\u{7f}",
            "",
        ];
        for name in hostile {
            let text = format!("{} = {}\n", toml_key(name), toml_string(name));
            assert_eq!(text.lines().count(), 1, "{text:?}");
            let table: toml::Table = toml::from_str(&text).unwrap_or_else(|error| panic!("{text:?}: {error}"));
            assert_eq!(table.len(), 1, "{text:?}");
            assert_eq!(table.get(name).and_then(|value| value.as_str()), Some(name), "{text:?}");
        }
    }

    #[test]
    fn comments_stay_on_their_line() {
        let mut out = String::new();
        comment(&mut out, "a\nb = 1\r\nc\u{2028}d");
        setting(&mut out, "x = 1", "note\n[facets]\nevil = \"tags\"", 4);
        assert_eq!(out.lines().count(), 2, "{out:?}");
        let table: toml::Table = toml::from_str(&out).unwrap();
        assert_eq!(table.len(), 1);
    }
}
