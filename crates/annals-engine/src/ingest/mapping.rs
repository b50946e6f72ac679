//! Fields → [`Document`]: which field is the id, the title, the date, the
//! text, which are facets and what is left as metadata, as `corpus.toml`'s
//! `[fields]` and `[facets]` say (with defaults that fit common data, and
//! facets suggested from the data when `[facets]` is absent: see
//! `super::suggest`).

use crate::date::{iso_day, DatePrecision, DateSource};
use crate::document::{Document, FacetField, FacetKind};
use crate::error::{Error, ErrorKind};

use super::config::{Config, FacetSpec, Override};
use super::dates::{self, Reading};
use super::{title, Accounting, Draft, InputFile, Value};

/// Field names tried, in order, when `[fields]` does not name one.
const DEFAULT_ID: [&str; 2] = ["id", "_id"];
const DEFAULT_TITLE: [&str; 3] = ["title", "headline", "og:title"];
const DEFAULT_DATE: [&str; 5] = ["date", "published", "pubdate", "article:published_time", "dc.date"];
const DEFAULT_TEXT: [&str; 3] = ["text", "body", "content"];

/// The facet every nested folder feeds.
pub(crate) const COLLECTION: &str = "collection";

/// What splits a text value into tags when `separator` is not given.
pub(crate) const TAG_SEPARATOR: &str = ";";

/// A facet as declared.
#[derive(Debug)]
struct Facet {
    name: String,
    kind: FacetKind,
    field: String,
    separator: String,
}

impl Facet {
    /// A facet read from the field of its own name, tags split at `;`.
    fn named(name: &str, kind: FacetKind) -> Facet {
        Facet { name: name.to_string(), kind, field: name.to_string(), separator: TAG_SEPARATOR.into() }
    }
}

/// Which of a draft's fields are its id, title, date and text (indices into
/// its fields), as `[fields]` or the defaults say; the rest are facets or
/// metadata.
#[derive(Debug, Default)]
pub(crate) struct Roles {
    pub id: Option<usize>,
    pub title: Option<usize>,
    pub date: Option<usize>,
    /// The text fields, in the order joined; none for a file (its text is
    /// its own).
    pub text: Vec<usize>,
}

impl Roles {
    /// The role of the field at `index`, if it has one.
    pub fn of(&self, index: usize) -> Option<Role> {
        if self.id == Some(index) {
            Some(Role::Id)
        } else if self.title == Some(index) {
            Some(Role::Title)
        } else if self.date == Some(index) {
            Some(Role::Date)
        } else if self.text.contains(&index) {
            Some(Role::Text)
        } else {
            None
        }
    }
}

/// What a field is read as, other than a facet or metadata.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Role {
    Id,
    Title,
    Date,
    Text,
}

impl Role {
    /// Its key in `[fields]`.
    pub fn key(self) -> &'static str {
        match self {
            Role::Id => "id",
            Role::Title => "title",
            Role::Date => "date",
            Role::Text => "text",
        }
    }
}

/// How drafts become documents.
#[derive(Debug)]
pub(crate) struct Mapping {
    id: Vec<String>,
    title: Vec<String>,
    date: Vec<String>,
    text: Vec<String>,
    /// `[fields] text` given: join all its fields; else the first present.
    text_all: bool,
    facets: Vec<Facet>,
}

fn names(configured: Option<&String>, defaults: &[&str]) -> Vec<String> {
    match configured {
        Some(name) => vec![name.clone()],
        None => defaults.iter().map(|name| name.to_string()).collect(),
    }
}

impl Mapping {
    pub fn new(config: &Config) -> Mapping {
        let fields = &config.fields;
        let text = match &fields.text {
            Some(text) => text.to_vec(),
            None => DEFAULT_TEXT.iter().map(|name| name.to_string()).collect(),
        };
        let facets = config
            .facets
            .iter()
            .flat_map(|facets| &facets.0)
            .map(|(name, spec)| match spec {
                FacetSpec::Kind(kind) => Facet::named(name, *kind),
                FacetSpec::Table { kind, field, separator } => Facet {
                    name: name.clone(),
                    kind: *kind,
                    field: field.clone().unwrap_or_else(|| name.clone()),
                    separator: separator.clone().unwrap_or_else(|| TAG_SEPARATOR.into()),
                },
            })
            .collect();
        Mapping {
            id: names(fields.id.as_ref(), &DEFAULT_ID),
            title: names(fields.title.as_ref(), &DEFAULT_TITLE),
            date: names(fields.date.as_ref(), &DEFAULT_DATE),
            text,
            text_all: fields.text.is_some(),
            facets,
        }
    }

    /// Adds facets chosen from the data (for a corpus.toml without
    /// `[facets]`): each read from the field of its name, as if declared.
    pub fn add_suggested(&mut self, facets: &[FacetField]) {
        self.facets.extend(facets.iter().map(|facet| Facet::named(&facet.name, facet.kind)));
    }

    /// Which fields of a draft are its id, title, date and text. A file
    /// (`has_body`) takes neither its id nor its text from a field.
    pub fn roles(&self, fields: &[(String, Value)], has_body: bool) -> Roles {
        let mut text = Vec::new();
        if !has_body {
            for name in &self.text {
                if let Some(index) = position(fields, std::slice::from_ref(name)) {
                    text.push(index);
                    if !self.text_all {
                        break;
                    }
                }
            }
        }
        Roles {
            id: if has_body { None } else { position(fields, &self.id) },
            title: position(fields, &self.title),
            date: position(fields, &self.date),
            text,
        }
    }

    /// A record's id: its id field, else `path#line`.
    pub fn record_id(&self, draft: &Draft, shown: &str) -> String {
        match find(&draft.fields, &self.id).map(|(_, value)| title::clean(&value.joined())) {
            Some(id) if !id.is_empty() => id,
            _ => format!("{shown}#{}", draft.line.unwrap_or(0)),
        }
    }

    /// Builds the document; `overridden` names fields a sidecar table set (a
    /// date from there has source `Override`).
    pub fn document(
        &self,
        id: String,
        origin: String,
        draft: Draft,
        file: &InputFile,
        overridden: &[String],
        accounting: &mut Accounting,
    ) -> Document {
        let Draft { line, fields, body, title_hint, header_date } = draft;
        let roles = self.roles(&fields, body.is_some());
        let mut used: Vec<bool> = (0..fields.len()).map(|index| roles.of(index).is_some()).collect();
        let title_field =
            roles.title.map(|index| title::clean(&fields[index].1.joined())).filter(|t| !t.is_empty());
        let date_field = roles.date.map(|index| fields[index].clone());
        let text = match body {
            Some(body) => body,
            None => roles.text.iter().map(|&index| fields[index].1.joined()).collect::<Vec<_>>().join("\n\n"),
        };

        let date = match date_field {
            Some((name, value)) => {
                let source = if overridden.iter().any(|o| o.eq_ignore_ascii_case(&name)) {
                    DateSource::Override
                } else {
                    DateSource::Metadata
                };
                let written = value.joined();
                match dates::read(&written) {
                    Some(Reading::Clean(span)) => Some(span.with_source(source)),
                    Some(Reading::Damaged(span)) => {
                        accounting.warn(
                            &file.shown,
                            line,
                            format!(
                                "malformed date `{written}`: kept {} ({})",
                                describe(span.day, span.precision),
                                precision_name(span.precision)
                            ),
                        );
                        Some(span.with_source(source))
                    }
                    None if written.trim().is_empty() => None,
                    None => {
                        accounting.warn(
                            &file.shown,
                            line,
                            format!("cannot read the date `{written}`; the document is left undated"),
                        );
                        None
                    }
                }
            }
            None => None,
        }
        .or_else(|| header_date.map(|span| span.with_source(DateSource::Header)));

        let mut facets = Vec::new();
        for facet in &self.facets {
            if facet.name == COLLECTION && facet.field == COLLECTION {
                continue;
            }
            let Some(index) = position(&fields, std::slice::from_ref(&facet.field)) else { continue };
            used[index] = true;
            let values = self.facet_values(facet, &fields[index].1, &file.shown, line, accounting);
            if !values.is_empty() {
                facets.push((facet.name.clone(), values));
            }
        }
        if let Some(collection) = &file.collection {
            // A `collection` field of the document's own wins over its folder.
            if !facets.iter().any(|(name, _)| name == COLLECTION) {
                facets.push((COLLECTION.to_string(), vec![collection.clone()]));
            }
        }

        let metadata = fields
            .iter()
            .zip(&used)
            .filter(|((_, value), used)| !**used && !value.is_empty())
            .map(|((name, value), _)| (name.clone(), value.joined()))
            .collect();
        let title = title_field
            .or(title_hint.map(|hint| title::clean(&hint)).filter(|t| !t.is_empty()))
            .or_else(|| title::derive(&text))
            .unwrap_or_else(|| id.clone());
        // The dates the text mentions are found once the date is final
        // (after overrides): see `load_configured`.
        Document { id, title, date, text, facets, metadata, origin, mentions: Vec::new() }
    }

    fn facet_values(
        &self,
        facet: &Facet,
        value: &Value,
        shown: &str,
        line: Option<usize>,
        accounting: &mut Accounting,
    ) -> Vec<String> {
        let mut values: Vec<String> = Vec::new();
        for item in facet_items(value, facet.kind, &facet.separator) {
            let item = match facet.kind {
                FacetKind::Keyword | FacetKind::Tags => item,
                FacetKind::Number => {
                    if item.parse::<f64>().is_err() {
                        accounting.warn(
                            shown,
                            line,
                            format!("facet `{}`: `{item}` is not a number; left out", facet.name),
                        );
                        continue;
                    }
                    item
                }
                FacetKind::Date => match dates::read(&item) {
                    Some(Reading::Clean(span)) => iso_day(span.day),
                    _ => {
                        accounting.warn(
                            shown,
                            line,
                            format!("facet `{}`: cannot read the date `{item}`; left out", facet.name),
                        );
                        continue;
                    }
                },
            };
            if !values.contains(&item) {
                values.push(item);
            }
        }
        values
    }

    /// The declared facets in order, plus `collection` when folders gave any.
    pub fn facet_fields(&self, documents: &[Document]) -> Vec<FacetField> {
        let mut fields: Vec<FacetField> =
            self.facets.iter().map(|facet| FacetField { name: facet.name.clone(), kind: facet.kind }).collect();
        let has_collections = documents.iter().any(|d| d.facets.iter().any(|(name, _)| name == COLLECTION));
        if has_collections && !fields.iter().any(|field| field.name == COLLECTION) {
            fields.push(FacetField { name: COLLECTION.to_string(), kind: FacetKind::Keyword });
        }
        fields
    }
}

/// A field's values as a facet of `kind` reads them, before numbers and
/// dates are checked: a list's items, or for tags a text split at
/// `separator`; each with its whitespace collapsed, blanks and repeats left
/// out.
pub(crate) fn facet_items(value: &Value, kind: FacetKind, separator: &str) -> Vec<String> {
    let raw: Vec<&str> = match (value, kind) {
        (Value::Text(text), FacetKind::Tags) => text.split(separator).collect(),
        (Value::Text(text), _) => vec![text.as_str()],
        (Value::List(items), _) => items.iter().map(String::as_str).collect(),
    };
    let mut items: Vec<String> = Vec::new();
    for item in raw {
        let item = title::clean(item);
        if !item.is_empty() && !items.contains(&item) {
            items.push(item);
        }
    }
    items
}

/// Index of the first field with one of `names` (without regard to case)
/// that has a value.
fn position(fields: &[(String, Value)], names: &[String]) -> Option<usize> {
    names
        .iter()
        .find_map(|name| fields.iter().position(|(field, value)| field.eq_ignore_ascii_case(name) && !value.is_empty()))
}

fn find<'a>(fields: &'a [(String, Value)], names: &[String]) -> Option<&'a (String, Value)> {
    position(fields, names).map(|index| &fields[index])
}

/// `1987-03-31`, `2000-02`, `2001`: the day at the precision that is known.
fn describe(day: i32, precision: DatePrecision) -> String {
    let iso = iso_day(day);
    match precision {
        DatePrecision::Month => iso[..7].to_string(),
        DatePrecision::Year => iso[..4].to_string(),
        _ => iso,
    }
}

fn precision_name(precision: DatePrecision) -> &'static str {
    match precision {
        DatePrecision::Day => "day",
        DatePrecision::Month => "month",
        DatePrecision::Season => "season",
        DatePrecision::Year => "year",
        DatePrecision::Approximate => "approximate",
    }
}

impl Mapping {
    /// Applies one `[overrides."id"]` table; `line` is where it is in
    /// `corpus.toml`, for errors.
    pub fn apply_override(
        &self,
        document: &mut Document,
        correction: &Override,
        shown: &str,
        line: usize,
    ) -> Result<(), Error> {
        let bad = |message: String| Error::new(ErrorKind::Config, message).at_path(shown).at_line(line);
        if let Some(title) = &correction.title {
            let title = title::clean(title);
            if title.is_empty() {
                return Err(bad(format!("override for `{}`: the title is blank", document.id)));
            }
            document.title = title;
        }
        let read_day = |written: &str| match dates::read(written) {
            Some(Reading::Clean(span)) => Ok(span),
            _ => Err(bad(format!("override for `{}`: cannot read the date `{written}`", document.id))),
        };
        if let Some(written) = &correction.date {
            let mut span = read_day(written)?;
            if let Some(precision) = correction.precision {
                span = dates::widen(span, precision);
            }
            if let Some(start) = &correction.start {
                span.start = read_day(start)?.start;
            }
            if let Some(end) = &correction.end {
                span.end = read_day(end)?.end;
            }
            if !(span.start <= span.day && span.day <= span.end) {
                return Err(bad(format!(
                    "override for `{}`: the date `{written}` is not between start and end",
                    document.id
                )));
            }
            document.date = Some(span.with_source(DateSource::Override));
        } else if correction.precision.is_some() || correction.start.is_some() || correction.end.is_some() {
            return Err(bad(format!("override for `{}`: precision, start and end need a date", document.id)));
        }
        for (name, values) in &correction.facets.0 {
            if name != COLLECTION && !self.facets.iter().any(|facet| facet.name == *name) {
                return Err(bad(format!(
                    "override for `{}`: `{name}` is not a facet declared in [facets]",
                    document.id
                )));
            }
            let values = values.to_vec();
            match document.facets.iter_mut().find(|(facet, _)| facet == name) {
                Some((_, existing)) => *existing = values,
                None => document.facets.push((name.clone(), values)),
            }
        }
        Ok(())
    }
}
