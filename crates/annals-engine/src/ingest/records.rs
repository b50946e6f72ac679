//! Record files: JSON Lines (`.jsonl`), JSON arrays (`.json`) and CSV
//! (`.csv`), one document per record. Records keep their fields in source
//! order; `[fields]` in `corpus.toml` says which is which.
//!
//! A record that cannot be parsed stops the build with its line: skipping it
//! quietly would lose a document nobody knows is missing.

use std::fmt;

use serde::de::{Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::error::{Error, ErrorKind};

use super::{Draft, Value};

/// One JSON object, its fields in the order written.
struct Record(Vec<(String, Value)>);

impl<'de> Deserialize<'de> for Record {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RecordVisitor;
        impl<'de> Visitor<'de> for RecordVisitor {
            type Value = Record;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Record, A::Error> {
                let mut fields = Vec::new();
                while let Some((name, value)) = map.next_entry::<String, serde_json::Value>()? {
                    if let Some(value) = from_json(value) {
                        fields.push((name, value));
                    }
                }
                Ok(Record(fields))
            }
        }
        deserializer.deserialize_map(RecordVisitor)
    }
}

/// A JSON value as a field; `None` for `null`.
fn from_json(value: serde_json::Value) -> Option<Value> {
    Some(match value {
        serde_json::Value::Null => return None,
        serde_json::Value::String(text) => Value::Text(text),
        serde_json::Value::Array(items) => Value::list(items.into_iter().filter_map(from_json)),
        other @ (serde_json::Value::Object(_) | serde_json::Value::Number(_) | serde_json::Value::Bool(_)) => {
            Value::Text(other.to_string())
        }
    })
}

/// serde_json's message without its ` at line L column C` (we place it).
fn json_message(error: &serde_json::Error) -> String {
    let text = error.to_string();
    match text.rfind(" at line ") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

fn malformed(shown: &str, line: usize, message: String) -> Error {
    Error::new(ErrorKind::Malformed, message).at_path(shown).at_line(line)
}

/// JSON Lines: one object per non-blank line.
pub(crate) fn jsonl(text: &str, shown: &str) -> Result<Vec<Draft>, Error> {
    let mut drafts = Vec::new();
    for (index, line) in text.split('\n').enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let record: Record = serde_json::from_str(line).map_err(|error| {
            let column = match error.column() {
                0 => String::new(),
                column => format!(" (column {column})"),
            };
            malformed(shown, index + 1, format!("invalid JSON record: {}{column}", json_message(&error)))
        })?;
        drafts.push(Draft { line: Some(index + 1), fields: record.0, ..Draft::default() });
    }
    Ok(drafts)
}

/// A JSON array of objects, or one object.
pub(crate) fn json(text: &str, shown: &str) -> Result<Vec<Draft>, Error> {
    let invalid =
        |error: serde_json::Error| malformed(shown, error.line(), format!("invalid JSON: {}", json_message(&error)));
    let trimmed = text.trim_start();
    if !trimmed.starts_with('[') {
        let record: Record = serde_json::from_str(text).map_err(invalid)?;
        let line = super::config::line_of(text, text.len() - trimmed.len());
        return Ok(vec![Draft { line: Some(line), fields: record.0, ..Draft::default() }]);
    }
    let items: Vec<&RawValue> = serde_json::from_str(text).map_err(invalid)?;
    let mut drafts = Vec::with_capacity(items.len());
    for item in items {
        // The raw value borrows from `text`, so its offset gives its line.
        let offset = item.get().as_ptr() as usize - text.as_ptr() as usize;
        let line = super::config::line_of(text, offset);
        let record: Record = serde_json::from_str(item.get())
            .map_err(|error| malformed(shown, line, format!("invalid JSON record: {}", json_message(&error))))?;
        drafts.push(Draft { line: Some(line), fields: record.0, ..Draft::default() });
    }
    Ok(drafts)
}

/// A CSV table with a header row; one document per row.
pub(crate) fn csv(text: &str, shown: &str) -> Result<Vec<Draft>, Error> {
    let (_, rows) = csv_rows(text, shown)?;
    Ok(rows
        .into_iter()
        .map(|(line, fields)| Draft {
            line: Some(line),
            fields: fields.into_iter().map(|(name, value)| (name, Value::Text(value))).collect(),
            ..Draft::default()
        })
        .collect())
}

/// A CSV row: its 1-based line and its `(column, value)` pairs.
pub(crate) type CsvRow = (usize, Vec<(String, String)>);

/// The header and the rows (1-based line, `(column, value)` pairs) of a CSV
/// table. Rows with a different number of fields than the header are errors.
pub(crate) fn csv_rows(text: &str, shown: &str) -> Result<(Vec<String>, Vec<CsvRow>), Error> {
    let mut reader = csv::ReaderBuilder::new().has_headers(true).flexible(false).from_reader(text.as_bytes());
    let bad = |error: csv::Error| {
        let line = error.position().map_or(1, |position| position.line() as usize);
        let message = match error.kind() {
            csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
                format!("invalid CSV: this row has {len} fields, the header has {expected_len}")
            }
            csv::ErrorKind::Utf8 { .. } => "invalid CSV: not UTF-8".to_string(),
            _ => format!("invalid CSV: {error}"),
        };
        malformed(shown, line, message)
    };
    let headers: Vec<String> = reader.headers().map_err(bad)?.iter().map(|header| header.trim().to_string()).collect();
    let mut rows = Vec::new();
    for row in reader.records() {
        let row = row.map_err(bad)?;
        let line = row.position().map_or(0, |position| position.line() as usize);
        let fields = headers.iter().cloned().zip(row.iter().map(str::to_string)).collect();
        rows.push((line, fields));
    }
    Ok((headers, rows))
}
