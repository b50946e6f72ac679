//! Facets suggested from the data, for a corpus whose `corpus.toml` has no
//! `[facets]` table (or that has no `corpus.toml`), much as Datasette
//! suggests facets: a field of front matter, header blocks, records or
//! sidecar tables becomes a facet when its few, short values repeat across
//! many documents. A field that is a list in some document (a YAML
//! sequence, a JSON array) or whose text holds `;` becomes a `tags` facet
//! (text split at `;`, as a declared tags facet splits it); any other a
//! `keyword` facet.
//!
//! A field is made a facet when
//! - it is not a document's title, date, text or id, nor named `collection`
//!   (the facet of subfolders);
//! - at least a quarter of the documents have it ([`MIN_SHARE`]);
//! - none of its values is longer than [`MAX_VALUE_CHARS`] characters;
//! - it has at least two distinct values, at most [`MAX_VALUES`], and at
//!   most one for every [`DOCUMENTS_PER_VALUE`] documents that have it (so a
//!   field needs six documents before it is a facet, and authors who mostly
//!   write once, ids, URLs and running text are not facets).
//!
//! At most [`MAX_SUGGESTED`] facets are made: those most documents have
//! first, then by name, which is also the order the page shows them in.
//! The same corpus gives the same facets in the same order.
//!
//! This module is the one place the choice is made: the build applies it
//! ([`suggest`]) and `annals init` writes it into a `corpus.toml`
//! ([`super::init`]) from the same [`FieldStats`].

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::document::{FacetField, FacetKind};

use super::dates::{self, Reading};
use super::mapping::{facet_items, Mapping, Role, COLLECTION, TAG_SEPARATOR};
use super::{title, Pending, Value};

/// A facet field is in at least one document in this many.
pub const MIN_SHARE: usize = 4;
/// Most distinct values a suggested facet has.
pub const MAX_VALUES: usize = 50;
/// A suggested facet has at most one distinct value for every this many
/// documents that have the field.
pub const DOCUMENTS_PER_VALUE: usize = 3;
/// Longest value (in characters, whitespace collapsed) of a suggested facet.
pub const MAX_VALUE_CHARS: usize = 80;
/// Most facets suggested.
pub const MAX_SUGGESTED: usize = 8;
/// Distinct values counted per field; a field with more is no facet.
const TRACKED_VALUES: usize = 10_000;
/// Values kept per field to show as examples.
const EXAMPLES: usize = 3;
/// Longest example, in characters, before `…`.
const EXAMPLE_CHARS: usize = 40;
/// Longest value read as a possible date.
const DATE_CHARS: usize = 40;

/// How the facets of a build were chosen, for the build report.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetReport {
    /// True when the facets were suggested from the data (`corpus.toml`
    /// has no `[facets]`); false when `corpus.toml` declares them, and then
    /// nothing was suggested.
    pub suggested: bool,
    /// The fields made facets, in the order the page shows them.
    pub facets: Vec<FieldVerdict>,
    /// Fields with values shared by several documents that were not made
    /// facets, each with the reason.
    pub not_facets: Vec<FieldVerdict>,
}

/// A field judged as a facet, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldVerdict {
    /// The field (its most frequent spelling), which is the facet's name.
    pub field: String,
    /// The kind it has or would have.
    pub kind: FacetKind,
    /// Documents that have it.
    pub documents: usize,
    /// Its distinct values (of at most `MAX_VALUE_CHARS` characters).
    pub values: usize,
    /// Why, in words: `6 values over 47 documents`, or what rules it out.
    pub reason: String,
}

impl FacetReport {
    /// The facets made, as the index declares them.
    pub fn fields(&self) -> Vec<FacetField> {
        self.facets.iter().map(|verdict| FacetField { name: verdict.field.clone(), kind: verdict.kind }).collect()
    }

    /// What the build says about suggested facets, a sentence a line (the
    /// build script prints them as Cargo warnings, `annals index` on its
    /// standard error): each facet made and why, each repeating field not
    /// made one and why, and how to choose otherwise. Nothing when
    /// `corpus.toml` declares the facets or no field repeats. Corpus text
    /// (field names) is in them as it is: the printer escapes it.
    pub fn lines(&self) -> Vec<String> {
        if !self.suggested || (self.facets.is_empty() && self.not_facets.is_empty()) {
            return Vec::new();
        }
        let mut lines = self.verdicts();
        lines.push(
            "corpus.toml declares no [facets], so these were chosen from the data; to choose them yourself, \
             run `annals init FOLDER` (it writes a corpus.toml with them) or declare [facets] in corpus.toml \
             (an empty [facets] for none)"
                .to_string(),
        );
        lines
    }

    /// Each field made a facet and each repeating field that was not, with
    /// why, a sentence a line.
    pub fn verdicts(&self) -> Vec<String> {
        let made = self
            .facets
            .iter()
            .map(|facet| format!("facet suggested from the data: {} ({}), {}", facet.field, facet.kind.name(), facet.reason));
        let not_made = self.not_facets.iter().map(|field| format!("not made a facet: {}: {}", field.field, field.reason));
        made.chain(not_made).collect()
    }
}

/// One field over the whole corpus, its spellings counted together (names
/// match without regard to ASCII case, as `[fields]` and `[facets]` do).
/// A document counts with the first of its fields of that name that has a
/// value, the one a facet would read.
#[derive(Debug, Clone)]
pub(crate) struct FieldStats {
    /// Its most frequent spelling (the first in sort order on a tie).
    pub name: String,
    spellings: BTreeMap<String, usize>,
    /// Documents that have a value for it.
    pub documents: usize,
    /// The roles (title, date, text, id) it plays, with in how many
    /// documents.
    pub roles: BTreeMap<Role, usize>,
    /// How a facet of it would read its values.
    pub kind: FacetKind,
    /// Documents per value, for values of at most `MAX_VALUE_CHARS`
    /// characters, up to `TRACKED_VALUES` distinct values: by the value
    /// lowercased (as the index counts facet values), with the spelling
    /// first seen.
    counts: HashMap<String, (String, usize)>,
    /// More distinct values than `TRACKED_VALUES`.
    overflow: bool,
    /// Documents with a value longer than `MAX_VALUE_CHARS`.
    long: usize,
    /// Characters of all its values, for their mean length.
    chars: usize,
    /// Documents whose value reads as a date.
    pub dates: usize,
    /// Documents whose value holds a space (words rather than a code).
    pub spaced: usize,
    /// The first few values seen, shortened, for examples.
    pub first: Vec<String>,
}

impl FieldStats {
    fn new() -> FieldStats {
        FieldStats {
            name: String::new(),
            spellings: BTreeMap::new(),
            documents: 0,
            roles: BTreeMap::new(),
            kind: FacetKind::Keyword,
            counts: HashMap::new(),
            overflow: false,
            long: 0,
            chars: 0,
            dates: 0,
            spaced: 0,
            first: Vec::new(),
        }
    }

    /// Distinct values (of at most `MAX_VALUE_CHARS` characters).
    pub fn values(&self) -> usize {
        self.counts.len()
    }

    /// Mean length of its values, in characters.
    pub fn mean_chars(&self) -> usize {
        self.chars / self.documents.max(1)
    }

    /// Its most frequent values with their counts, most frequent first
    /// (then in sort order), each shortened.
    pub fn top_values(&self, count: usize) -> Vec<(String, usize)> {
        let mut values: Vec<&(String, usize)> = self.counts.values().collect();
        values.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        values.into_iter().take(count).map(|(value, n)| (title::shorten(value, EXAMPLE_CHARS), *n)).collect()
    }

    /// Whether some value is shared by two documents or more.
    pub fn repeats(&self) -> bool {
        self.counts.values().any(|&(_, count)| count >= 2)
    }

    /// `6 values over 47 documents`.
    fn summary(&self) -> String {
        let values = self.values();
        format!("{values} value{} over {} documents", if values == 1 { "" } else { "s" }, self.documents)
    }

    /// Why the field is no facet in a corpus of `total` documents; `None`
    /// when it is one.
    fn rejection(&self, total: usize) -> Option<String> {
        let documents = self.documents;
        Some(if self.name.eq_ignore_ascii_case(COLLECTION) {
            format!("`{COLLECTION}` is the facet of subfolders")
        } else if self.name.trim().is_empty() || self.name.chars().any(char::is_control) {
            "its name is blank or holds a control character".to_string()
        } else if documents * MIN_SHARE < total {
            format!("only {documents} of {total} documents have it (a facet needs one in {MIN_SHARE})")
        } else if self.long > 0 {
            format!("{} of its values are longer than {MAX_VALUE_CHARS} characters", self.long)
        } else if self.overflow {
            format!("more than {TRACKED_VALUES} values over {documents} documents")
        } else if self.values() > MAX_VALUES {
            format!("{} (a facet has at most {MAX_VALUES})", self.summary())
        } else if self.values() < 2 {
            format!("the same value in all {documents} documents that have it")
        } else if self.values() * DOCUMENTS_PER_VALUE > documents {
            format!("{} (a facet has at most one value for every {DOCUMENTS_PER_VALUE} documents)", self.summary())
        } else {
            return None;
        })
    }
}

/// The facets to make of the drafts' fields, and the repeating fields that
/// are not made facets.
pub(crate) fn suggest(mapping: &Mapping, drafts: &[Pending]) -> FacetReport {
    judge(&field_stats(mapping, drafts), drafts.len())
}

/// Every field of the drafts, in the order first seen.
pub(crate) fn field_stats(mapping: &Mapping, drafts: &[Pending]) -> Vec<FieldStats> {
    let mut fields: Vec<FieldStats> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    // Per draft: (field statistics, index of the field in the draft).
    let mut present: Vec<Vec<(usize, usize)>> = Vec::with_capacity(drafts.len());
    // First the names, the roles and the kind (a list anywhere makes tags)...
    for pending in drafts {
        let draft = &pending.draft;
        let roles = mapping.roles(&draft.fields, draft.body.is_some());
        let mut seen: Vec<(usize, usize)> = Vec::new();
        for (index, (name, value)) in draft.fields.iter().enumerate() {
            if value.is_empty() {
                continue;
            }
            let next = fields.len();
            let stat = *by_key.entry(name.to_ascii_lowercase()).or_insert(next);
            if stat == next {
                fields.push(FieldStats::new());
            }
            if seen.iter().any(|&(other, _)| other == stat) {
                continue;
            }
            seen.push((stat, index));
            let field = &mut fields[stat];
            field.documents += 1;
            *field.spellings.entry(name.clone()).or_default() += 1;
            if let Some(role) = roles.of(index) {
                *field.roles.entry(role).or_default() += 1;
            }
            let list = match value {
                Value::List(_) => true,
                Value::Text(text) => text.contains(TAG_SEPARATOR),
            };
            if list {
                field.kind = FacetKind::Tags;
            }
        }
        present.push(seen);
    }
    // ...then the values, read as a facet of that kind reads them.
    for (pending, seen) in drafts.iter().zip(&present) {
        for &(stat, index) in seen {
            let field = &mut fields[stat];
            let value = &pending.draft.fields[index].1;
            let joined = title::clean(&value.joined());
            let length = joined.chars().count();
            field.chars += length;
            if joined.contains(' ') {
                field.spaced += 1;
            }
            if length <= DATE_CHARS && matches!(dates::read(&joined), Some(Reading::Clean(_))) {
                field.dates += 1;
            }
            let example = title::shorten(&joined, EXAMPLE_CHARS);
            if field.first.len() < EXAMPLES && !field.first.contains(&example) {
                field.first.push(example);
            }
            if !field.roles.is_empty() {
                // A title, date, text or id is no facet: its values are not counted.
                continue;
            }
            let mut long = false;
            for item in facet_items(value, field.kind, TAG_SEPARATOR) {
                let folded = item.to_lowercase();
                if item.chars().count() > MAX_VALUE_CHARS {
                    long = true;
                } else if let Some((_, count)) = field.counts.get_mut(&folded) {
                    *count += 1;
                } else if field.counts.len() < TRACKED_VALUES {
                    field.counts.insert(folded, (item, 1));
                } else {
                    field.overflow = true;
                }
            }
            field.long += usize::from(long);
        }
    }
    for field in &mut fields {
        let spelling = field.spellings.iter().max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)));
        field.name = spelling.map(|(name, _)| name.clone()).unwrap_or_default();
    }
    fields
}

/// The facets among `fields`, for a corpus of `total` documents: every
/// field that is no document's title, date, text or id, judged by the rules
/// of this module, in the order the page will show them.
pub(crate) fn judge(fields: &[FieldStats], total: usize) -> FacetReport {
    let mut candidates: Vec<&FieldStats> = fields.iter().filter(|field| field.roles.is_empty()).collect();
    candidates.sort_by(|a, b| b.documents.cmp(&a.documents).then_with(|| a.name.cmp(&b.name)));
    let mut report = FacetReport { suggested: true, ..FacetReport::default() };
    // Facet names as the index folds them.
    let mut made: Vec<String> = Vec::new();
    for field in candidates {
        let verdict = |reason: String| FieldVerdict {
            field: field.name.clone(),
            kind: field.kind,
            documents: field.documents,
            values: field.values(),
            reason,
        };
        let folded = field.name.to_lowercase();
        let rejection = match made.contains(&folded) {
            true => Some("another facet has this name but for its case".to_string()),
            false => field.rejection(total),
        };
        match rejection {
            None if report.facets.len() < MAX_SUGGESTED => {
                made.push(folded);
                report.facets.push(verdict(field.summary()));
            }
            None => report
                .not_facets
                .push(verdict(format!("{}, but {MAX_SUGGESTED} facets are suggested at most", field.summary()))),
            Some(reason) if field.repeats() => report.not_facets.push(verdict(reason)),
            Some(_) => {}
        }
    }
    report
}
