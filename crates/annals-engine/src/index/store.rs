//! Stored documents: the record each document keeps in the index for
//! snippets, hits and the reading view.
//!
//! ```text
//! record := string(id) field(title) field(text) date
//!           varint(n_facets) (field varint(n) string(value){n}){n_facets}
//!           varint(n_meta) (string(key) string(value)){n_meta}
//!           origin mentions
//! origin := u8(0) string(origin)
//!         | u8(1)                                   the same as the id
//!         | u8(2) string(prefix)                    prefix then the id, as in
//!                                                   `stories.jsonl#id`
//! field  := string                          plain: what `Index::record` gives
//!         | template                        stored: see super::template
//! field  := varint(0) string(name)
//!         | varint(i + 1)                           the i-th facet of META
//! mentions := varint(n) mention{n}                in text order
//! mention  := varint(start - previous end) varint(end - start)
//!             u8(kind << 6 | flags | granularity)     kind 0-3 (DATE, TIME, DURATION,
//!                                                   SET), granularity 0 (none) or
//!                                                   1 + its number, flags HAS_DAYS
//!                                                   (0x20) and VALUE_FROM_DAYS (0x10)
//!             [varint(zigzag(first_day - day)) varint(last_day - first_day)]
//!                                                   if flags & HAS_DAYS, `day`
//!                                                   the document's (or 0)
//!             [string(value)]                       unless flags & VALUE_FROM_DAYS:
//!                                                   then the value is the days
//!                                                   written at the granularity
//!                                                   (YYYY-MM-DD, YYYY-Www, YYYY-MM,
//!                                                   YYYY-SP, YYYY-Qn, YYYY-Hn, YYYY)
//! date   := u8(0)                                   undated
//!         | u8(1) varint(zigzag(day)) varint(zigzag(start)) varint(zigzag(end))
//!           u8(precision) u8(source)
//!         | u8(2) varint(zigzag(day)) u8(source)    one day, day precision
//! ```
//!
//! Facet names and one-day dates are the parts of a record that repeat in
//! every document; compressed one by one, each record would pay for them
//! again.
//!
//! Records are written plain here; the codec in [`super::codec`] compresses
//! them as a whole.

use crate::date::{civil_from_days, days_from_civil, DatePrecision, DateSource, DocDate};
use crate::document::Document;
use crate::mention::{Granularity, Mention, TimexKind};

#[cfg(any(test, feature = "build"))]
use super::bits::{put_str, put_varint};
use super::bits::Reader;

#[cfg(feature = "build")]
fn zigzag(v: i32) -> u64 {
    ((v << 1) ^ (v >> 31)) as u32 as u64
}

fn unzigzag(v: u64) -> i32 {
    let v = v as u32;
    ((v >> 1) as i32) ^ -((v & 1) as i32)
}

#[cfg(feature = "build")]
/// The two text fields of a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The document's title.
    Title,
    /// The document's body text.
    Text,
}

/// Encodes a document as a plain record.
#[cfg(test)]
pub fn encode(doc: &Document) -> Vec<u8> {
    encode_with(doc, &[], |_, text, out| put_str(out, text))
}

#[cfg(feature = "build")]
/// Encodes a document as a record, naming facets by their place in
/// `facet_names` (the corpus's declared facets) where they can; `field`
/// writes the title and the text (plain strings, or templates).
pub fn encode_with(doc: &Document, facet_names: &[String], mut field: impl FnMut(Field, &str, &mut Vec<u8>)) -> Vec<u8> {
    let mut out = Vec::with_capacity(doc.text.len() + doc.title.len() + 64);
    put_str(&mut out, &doc.id);
    field(Field::Title, &doc.title, &mut out);
    field(Field::Text, &doc.text, &mut out);
    match &doc.date {
        None => out.push(0),
        Some(d) if d.start == d.day && d.end == d.day && d.precision == DatePrecision::Day => {
            out.push(2);
            put_varint(&mut out, zigzag(d.day));
            out.push(source_byte(d.source));
        }
        Some(d) => {
            out.push(1);
            put_varint(&mut out, zigzag(d.day));
            put_varint(&mut out, zigzag(d.start));
            put_varint(&mut out, zigzag(d.end));
            out.push(match d.precision {
                DatePrecision::Day => 0,
                DatePrecision::Month => 1,
                DatePrecision::Season => 2,
                DatePrecision::Year => 3,
                DatePrecision::Approximate => 4,
            });
            out.push(source_byte(d.source));
        }
    }
    put_varint(&mut out, doc.facets.len() as u64);
    for (field, values) in &doc.facets {
        match facet_names.iter().position(|n| n == field) {
            Some(i) => put_varint(&mut out, i as u64 + 1),
            None => {
                put_varint(&mut out, 0);
                put_str(&mut out, field);
            }
        }
        put_varint(&mut out, values.len() as u64);
        for v in values {
            put_str(&mut out, v);
        }
    }
    put_varint(&mut out, doc.metadata.len() as u64);
    for (k, v) in &doc.metadata {
        put_str(&mut out, k);
        put_str(&mut out, v);
    }
    // Where a document came from usually spells its id again; the id's
    // digits would otherwise be most of what the origins cost compressed.
    match doc.origin.strip_suffix(doc.id.as_str()) {
        Some("") => out.push(1),
        Some(prefix) => {
            out.push(2);
            put_str(&mut out, prefix);
        }
        None => {
            out.push(0);
            put_str(&mut out, &doc.origin);
        }
    }
    put_mentions(&mut out, &doc.mentions, doc.date.map_or(0, |d| d.day));
    out
}

/// A mention's flag: its period's days follow.
const HAS_DAYS: u8 = 0x20;
/// A mention's flag: its value is its days written at its granularity, so
/// it is not stored.
const VALUE_FROM_DAYS: u8 = 0x10;
/// The bits of a mention's granularity in its code byte.
const GRANULARITY_BITS: u8 = 0x0f;

const KINDS: [TimexKind; 4] = [TimexKind::Date, TimexKind::Time, TimexKind::Duration, TimexKind::Set];
const GRANULARITIES: [Granularity; 10] = [
    Granularity::Time,
    Granularity::Day,
    Granularity::Week,
    Granularity::Month,
    Granularity::Season,
    Granularity::Quarter,
    Granularity::Half,
    Granularity::Year,
    Granularity::Decade,
    Granularity::Century,
];

/// The value a calendar mention's days spell at its granularity, when
/// that is all its value says: `2000-01-20`, `2000-W50`, `2000-01`,
/// `1999-SP`, `2000-Q3`, `1998-H1`, `2000`. The writer stores a value only
/// where this gives another (the reader derives the rest).
fn value_from_days(first: i32, last: i32, granularity: Option<Granularity>) -> Option<String> {
    let (y, m, d) = civil_from_days(first);
    // Whether the days are `n` whole calendar months from the first's.
    let whole_months = |n: u32| {
        let index = y * 12 + (m as i32 - 1) + n as i32;
        d == 1 && last + 1 == days_from_civil(index.div_euclid(12), index.rem_euclid(12) as u32 + 1, 1)
    };
    if !(0..=9999).contains(&y) {
        return None;
    }
    match granularity? {
        Granularity::Day if first == last => Some(format!("{y:04}-{m:02}-{d:02}")),
        // An ISO week: Monday to Sunday, numbered in the year of its Thursday.
        Granularity::Week if last == first + 6 && (first + 3).rem_euclid(7) == 0 => {
            let thursday = first + 3;
            let (week_year, _, _) = civil_from_days(thursday);
            let week = (thursday - days_from_civil(week_year, 1, 1)) / 7 + 1;
            Some(format!("{week_year:04}-W{week:02}"))
        }
        Granularity::Month if whole_months(1) => Some(format!("{y:04}-{m:02}")),
        Granularity::Season if whole_months(3) && m % 3 == 0 => {
            Some(format!("{y:04}-{}", ["SP", "SU", "FA", "WI"][(m / 3 - 1) as usize]))
        }
        Granularity::Quarter if whole_months(3) && m % 3 == 1 => Some(format!("{y:04}-Q{}", m / 3 + 1)),
        Granularity::Half if whole_months(6) && (m == 1 || m == 7) => Some(format!("{y:04}-H{}", m / 6 + 1)),
        Granularity::Year if whole_months(12) && m == 1 => Some(format!("{y:04}")),
        _ => None,
    }
}

#[cfg(feature = "build")]
fn put_mentions(out: &mut Vec<u8>, mentions: &[Mention], anchor: i32) {
    put_varint(out, mentions.len() as u64);
    let mut previous_end = 0u32;
    for mention in mentions {
        put_varint(out, mention.start.saturating_sub(previous_end) as u64);
        put_varint(out, mention.end.saturating_sub(mention.start) as u64);
        previous_end = mention.end.max(previous_end);
        let kind = KINDS.iter().position(|&k| k == mention.kind).unwrap_or(0) as u8;
        let granularity = mention.granularity.and_then(|g| GRANULARITIES.iter().position(|&x| x == g)).map_or(0, |i| i as u8 + 1);
        let days = mention.first_day.zip(mention.last_day);
        let derived = days.and_then(|(first, last)| value_from_days(first, last, mention.granularity)).is_some_and(|v| v == mention.value);
        out.push(kind << 6 | if days.is_some() { HAS_DAYS } else { 0 } | if derived { VALUE_FROM_DAYS } else { 0 } | granularity);
        if let Some((first, last)) = days {
            put_varint(out, zigzag(first.wrapping_sub(anchor)));
            put_varint(out, last.saturating_sub(first).max(0) as u64);
        }
        if !derived {
            put_str(out, &mention.value);
        }
    }
}

/// Reads the mentions at the end of a record (after its origin).
fn read_mentions(r: &mut Reader<'_>, anchor: i32, limit: usize) -> Vec<Mention> {
    let n = (r.varint() as usize).min(limit);
    let mut mentions = Vec::with_capacity(n);
    let mut previous_end = 0u32;
    for _ in 0..n {
        let start = previous_end.saturating_add(r.varint().min(u32::MAX as u64) as u32);
        let end = start.saturating_add(r.varint().min(u32::MAX as u64) as u32);
        previous_end = end;
        let code = r.u8();
        let kind = KINDS[(code >> 6) as usize];
        let granularity = (code & GRANULARITY_BITS).checked_sub(1).and_then(|i| GRANULARITIES.get(i as usize).copied());
        let flags = code;
        let (first_day, last_day) = if flags & HAS_DAYS != 0 {
            let first = anchor.wrapping_add(unzigzag(r.varint()));
            let last = first.saturating_add(r.varint().min(i32::MAX as u64) as i32);
            (Some(first), Some(last))
        } else {
            (None, None)
        };
        let value = match (flags & VALUE_FROM_DAYS != 0, first_day.zip(last_day)) {
            (true, Some((first, last))) => value_from_days(first, last, granularity).unwrap_or_default(),
            _ => r.string(),
        };
        if r.bad {
            break;
        }
        mentions.push(Mention { start, end, kind, value, first_day, last_day, granularity });
    }
    mentions
}

/// The mentions of a record's tail (what follows its text: date, facets,
/// metadata, origin, mentions), without building the rest.
pub fn tail_mentions(tail: &[u8]) -> Vec<Mention> {
    let mut r = Reader::new(tail);
    let anchor = read_date(&mut r).map_or(0, |d| d.day);
    skip_to_mentions(&mut r, tail.len());
    read_mentions(&mut r, anchor, tail.len())
}

/// Moves past a record's facets, metadata and origin.
fn skip_to_mentions(r: &mut Reader<'_>, limit: usize) {
    let n = (r.varint() as usize).min(limit);
    for _ in 0..n {
        if r.varint() == 0 {
            r.string();
        }
        let m = (r.varint() as usize).min(limit);
        for _ in 0..m {
            r.string();
        }
        if r.bad {
            return;
        }
    }
    let n = (r.varint() as usize).min(limit);
    for _ in 0..n {
        r.string();
        r.string();
        if r.bad {
            return;
        }
    }
    if r.u8() != 1 {
        r.string();
    }
}

#[cfg(feature = "build")]
fn source_byte(source: DateSource) -> u8 {
    match source {
        DateSource::Metadata => 0,
        DateSource::Header => 1,
        DateSource::Override => 2,
        DateSource::Inferred => 3,
    }
}

fn read_source(r: &mut Reader<'_>) -> DateSource {
    match r.u8() {
        1 => DateSource::Header,
        2 => DateSource::Override,
        3 => DateSource::Inferred,
        _ => DateSource::Metadata,
    }
}

/// What a plain record keeps after its id, title and text (its date
/// onward).
pub fn record_tail(record: &[u8]) -> &[u8] {
    let mut r = Reader::new(record);
    for _ in 0..3 {
        let n = r.varint() as usize;
        r.bytes(n);
    }
    record.get(r.pos()..).unwrap_or(&[])
}

/// The id, title, text and date of a record: what a hit shows.
#[cfg(test)]
fn decode_hit(record: &[u8]) -> (String, String, String, Option<DocDate>) {
    let mut r = Reader::new(record);
    let id = r.string();
    let title = r.string();
    let text = r.string();
    let date = read_date(&mut r);
    (id, title, text, date)
}

fn read_date(r: &mut Reader<'_>) -> Option<DocDate> {
    match r.u8() {
        1 => {
            let day = unzigzag(r.varint());
            let start = unzigzag(r.varint());
            let end = unzigzag(r.varint());
            let precision = match r.u8() {
                1 => DatePrecision::Month,
                2 => DatePrecision::Season,
                3 => DatePrecision::Year,
                4 => DatePrecision::Approximate,
                _ => DatePrecision::Day,
            };
            let source = read_source(r);
            Some(DocDate { day, start, end, precision, source })
        }
        2 => {
            let day = unzigzag(r.varint());
            Some(DocDate::on_day(day, read_source(r)))
        }
        _ => None,
    }
}

/// The date and facet values at the start of a record's tail (what follows
/// its text): what a hit shows besides its id, title and snippet, read
/// without the metadata and mentions after them.
pub fn tail_date_and_facets(tail: &[u8]) -> (Option<DocDate>, Vec<(String, Vec<String>)>) {
    let mut r = Reader::new(tail);
    let date = read_date(&mut r);
    (date, read_facets(&mut r, &[], tail.len()))
}

/// A record's facet fields and their values; `bound` caps the counts a
/// damaged record could claim.
fn read_facets(r: &mut Reader<'_>, facet_names: &[String], bound: usize) -> Vec<(String, Vec<String>)> {
    let n = (r.varint() as usize).min(bound);
    let mut facets = Vec::with_capacity(n);
    for _ in 0..n {
        let field = match r.varint() {
            0 => r.string(),
            i => facet_names.get(i as usize - 1).cloned().unwrap_or_default(),
        };
        let m = (r.varint() as usize).min(bound);
        let values = (0..m).map(|_| r.string()).collect();
        facets.push((field, values));
        if r.bad {
            break;
        }
    }
    facets
}

/// Decodes a whole record. Corrupt bytes give empty fields, never a panic.
#[cfg(test)]
pub fn decode(record: &[u8]) -> Document {
    decode_with(record, &[])
}

/// Decodes a whole record written by [`encode_with`] with these
/// `facet_names`. Corrupt bytes give empty fields, never a panic.
pub fn decode_with(record: &[u8], facet_names: &[String]) -> Document {
    let mut r = Reader::new(record);
    let id = r.string();
    let title = r.string();
    let text = r.string();
    let date = read_date(&mut r);
    let facets = read_facets(&mut r, facet_names, record.len());
    let n = (r.varint() as usize).min(record.len());
    let mut metadata = Vec::with_capacity(n);
    for _ in 0..n {
        let k = r.string();
        let v = r.string();
        metadata.push((k, v));
        if r.bad {
            break;
        }
    }
    let origin = match r.u8() {
        1 => id.clone(),
        2 => r.string() + &id,
        _ => r.string(),
    };
    let mentions = read_mentions(&mut r, date.map_or(0, |d| d.day), record.len());
    Document { id, title, date, text, facets, metadata, origin, mentions }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_values_are_derived_from_their_days() {
        let day = days_from_civil;
        let cases = [
            ((day(2000, 1, 20), day(2000, 1, 20)), Granularity::Day, "2000-01-20"),
            ((day(2000, 12, 11), day(2000, 12, 17)), Granularity::Week, "2000-W50"),
            ((day(1999, 12, 27), day(2000, 1, 2)), Granularity::Week, "1999-W52"),
            ((day(2004, 12, 27), day(2005, 1, 2)), Granularity::Week, "2004-W53"),
            ((day(2000, 2, 1), day(2000, 2, 29)), Granularity::Month, "2000-02"),
            ((day(1999, 3, 1), day(1999, 5, 31)), Granularity::Season, "1999-SP"),
            ((day(1999, 12, 1), day(2000, 2, 29)), Granularity::Season, "1999-WI"),
            ((day(2000, 7, 1), day(2000, 9, 30)), Granularity::Quarter, "2000-Q3"),
            ((day(1998, 1, 1), day(1998, 6, 30)), Granularity::Half, "1998-H1"),
            ((day(1997, 1, 1), day(1997, 12, 31)), Granularity::Year, "1997"),
        ];
        for ((first, last), granularity, value) in cases {
            assert_eq!(value_from_days(first, last, Some(granularity)).as_deref(), Some(value), "{value}");
        }
        // A weekend is not a week, nor half a month a month.
        assert_eq!(value_from_days(day(2000, 12, 16), day(2000, 12, 17), Some(Granularity::Week)), None);
        assert_eq!(value_from_days(day(2000, 2, 1), day(2000, 2, 15), Some(Granularity::Month)), None);
    }

    #[test]
    fn records_round_trip_with_named_facets_and_dates() {
        let names = vec!["topics".to_string(), "places".to_string()];
        let dates = [
            None,
            Some(DocDate::on_day(-3, DateSource::Header)),
            Some(DocDate { day: 10, start: 0, end: 30, precision: DatePrecision::Month, source: DateSource::Inferred }),
        ];
        // Origins: another string, the id itself, the id after a prefix.
        let origins = ["o", "a", "stories.jsonl#a", ""];
        for (date, origin) in dates.into_iter().flat_map(|d| origins.map(|o| (d, o))) {
            let doc = Document {
                id: "a".into(),
                title: "T".into(),
                date,
                text: "body".into(),
                facets: vec![("places".into(), vec!["usa".into()]), ("other".into(), vec![]), ("topics".into(), vec!["x".into(), "y".into()])],
                metadata: vec![("k".into(), "v".into())],
                origin: origin.into(),
                mentions: vec![
                    Mention { start: 0, end: 2, kind: TimexKind::Date, value: "1999-SP".into(), first_day: Some(10_650), last_day: Some(10_741), granularity: Some(Granularity::Season) },
                    Mention { start: 2, end: 4, kind: TimexKind::Date, value: "2000-01-20".into(), first_day: Some(10_976), last_day: Some(10_976), granularity: Some(Granularity::Day) },
                    Mention { start: 5, end: 7, kind: TimexKind::Duration, value: "P2Y".into(), first_day: None, last_day: None, granularity: Some(Granularity::Year) },
                ],
            };
            let plain = |_: Field, text: &str, out: &mut Vec<u8>| put_str(out, text);
            assert_eq!(decode_with(&encode_with(&doc, &names, plain), &names), doc);
            assert_eq!(decode(&encode(&doc)), doc);
            assert_eq!(decode_hit(&encode_with(&doc, &names, plain)).3, date);
            let record = encode_with(&doc, &names, plain);
            let mut r = Reader::new(&record);
            let _head = (r.string(), r.string(), r.string());
            assert_eq!(tail_mentions(&record[r.pos()..]), doc.mentions);
        }
    }
}
