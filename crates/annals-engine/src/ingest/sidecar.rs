//! Sidecar tables: CSV files of metadata, one row per document, keyed by the
//! document id, file name or file stem. A row's columns are merged into the
//! document's fields before mapping, replacing fields of the same name, so a
//! table can add facets, titles and dates to files that carry none.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::error::{Error, ErrorKind};

use super::config::{Config, MatchOn};
use super::{read_text_file, records, Accounting, Draft, InputFile, Value};

/// One loaded table.
#[derive(Debug)]
pub(crate) struct Table {
    /// Where it is (so it is not read as a document).
    pub path: PathBuf,
    shown: String,
    match_on: MatchOn,
    key: String,
    rows: Vec<Row>,
    by_key: HashMap<String, usize>,
}

#[derive(Debug)]
struct Row {
    line: usize,
    fields: Vec<(String, String)>,
}

/// Reads every `[[sidecar]]` table of the configuration.
pub(crate) fn load_all(
    config: &Config,
    root: &Path,
    inputs: &mut Vec<PathBuf>,
    accounting: &mut Accounting,
) -> Result<Vec<Table>, Error> {
    let mut tables = Vec::new();
    for spanned in &config.sidecar {
        let sidecar = spanned.get_ref();
        let path = root.join(&sidecar.path);
        let line = config.line(spanned.span().start);
        if !config.allow_outside_paths && !super::sources::inside(root, &path) {
            return Err(Error::new(
                ErrorKind::Config,
                format!("sidecar table `{}` is {}", sidecar.path, super::sources::OUTSIDE),
            )
            .at_path(&config.shown)
            .at_line(line));
        }
        if !path.is_file() {
            return Err(Error::new(ErrorKind::Config, format!("sidecar table `{}` does not exist", sidecar.path))
                .at_path(&config.shown)
                .at_line(line));
        }
        let shown = sidecar.path.clone();
        let text = read_text_file(&path, &shown)?;
        inputs.push(path.clone());
        let (headers, rows) = records::csv_rows(&text, &shown)?;
        let key = match &sidecar.key {
            Some(key) => headers.iter().find(|header| header.eq_ignore_ascii_case(key)).cloned().ok_or_else(|| {
                Error::new(ErrorKind::Config, format!("sidecar table `{}` has no column `{key}`", sidecar.path))
                    .at_path(&config.shown)
                    .at_line(line)
            })?,
            None => headers.first().cloned().unwrap_or_default(),
        };
        let mut table =
            Table { path, shown, match_on: sidecar.match_on, key, rows: Vec::new(), by_key: HashMap::new() };
        for (row_line, fields) in rows {
            let Some(value) =
                fields.iter().find(|(name, _)| *name == table.key).map(|(_, value)| value.trim().to_string())
            else {
                continue;
            };
            if value.is_empty() {
                accounting.warn(&table.shown, Some(row_line), format!("blank `{}`: this row matches no document", table.key));
                continue;
            }
            if let Some(&first) = table.by_key.get(&value) {
                return Err(Error::new(
                    ErrorKind::Malformed,
                    format!("key `{value}` appears twice (also on line {})", table.rows[first].line),
                )
                .at_path(&table.shown)
                .at_line(row_line));
            }
            table.by_key.insert(value, table.rows.len());
            table.rows.push(Row { line: row_line, fields });
        }
        tables.push(table);
    }
    Ok(tables)
}

/// Which rows matched a document, for the warnings about those that did not.
pub(crate) struct Matches<'a> {
    tables: &'a [Table],
    used: Vec<Vec<bool>>,
}

impl<'a> Matches<'a> {
    pub fn new(tables: &'a [Table]) -> Matches<'a> {
        Matches { tables, used: tables.iter().map(|table| vec![false; table.rows.len()]).collect() }
    }

    /// Merges the rows for this document into its fields; returns the names
    /// of the fields set.
    pub fn merge(&mut self, id: &str, file: &InputFile, is_record: bool, draft: &mut Draft) -> Vec<String> {
        let mut set = Vec::new();
        for (table, used) in self.tables.iter().zip(&mut self.used) {
            let file_name = file.path.file_name().map(|name| name.to_string_lossy().into_owned());
            let key = match (table.match_on, is_record) {
                (MatchOn::Id, _) | (_, true) => Some(id.to_string()),
                (MatchOn::Name, false) => file_name,
                (MatchOn::Stem, false) => file.path.file_stem().map(|stem| stem.to_string_lossy().into_owned()),
            };
            let Some(&index) = key.as_ref().and_then(|key| table.by_key.get(key)) else { continue };
            used[index] = true;
            for (name, value) in &table.rows[index].fields {
                if *name == table.key || value.trim().is_empty() {
                    continue;
                }
                let value = Value::Text(value.clone());
                match draft.fields.iter_mut().find(|(field, _)| field.eq_ignore_ascii_case(name)) {
                    Some((_, existing)) => *existing = value,
                    None => draft.fields.push((name.clone(), value)),
                }
                set.push(name.clone());
            }
        }
        set
    }

    /// One warning per row that matched no document (a typo in a key).
    pub fn warn_unmatched(&self, accounting: &mut Accounting) {
        for (table, used) in self.tables.iter().zip(&self.used) {
            for (row, used) in table.rows.iter().zip(used) {
                if !used {
                    let key = row
                        .fields
                        .iter()
                        .find(|(name, _)| *name == table.key)
                        .map(|(_, value)| value.as_str())
                        .unwrap_or("");
                    accounting.warn(&table.shown, Some(row.line), format!("no document matches `{key}`"));
                }
            }
        }
    }
}
