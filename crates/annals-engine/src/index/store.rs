//! Stored documents: the record each document keeps in the index for
//! snippets, hits and the reading view.
//!
//! ```text
//! record := string(id) string(title) string(text) date
//!           varint(n_facets) (string(field) varint(n) string(value){n}){n_facets}
//!           varint(n_meta) (string(key) string(value)){n_meta}
//!           string(origin)
//! date   := u8(0)                                   undated
//!         | u8(1) varint(zigzag(day)) varint(zigzag(start)) varint(zigzag(end))
//!           u8(precision) u8(source)
//! ```
//!
//! Records are written plain here; the codec in [`super::codec`] compresses
//! them as a whole.

use crate::date::{DatePrecision, DateSource, DocDate};
use crate::document::Document;

use super::format::{put_str, put_varint, Reader};

fn zigzag(v: i32) -> u64 {
    ((v << 1) ^ (v >> 31)) as u32 as u64
}

fn unzigzag(v: u64) -> i32 {
    let v = v as u32;
    ((v >> 1) as i32) ^ -((v & 1) as i32)
}

/// Encodes a document as a plain record.
pub fn encode(doc: &Document) -> Vec<u8> {
    let mut out = Vec::with_capacity(doc.text.len() + doc.title.len() + 64);
    put_str(&mut out, &doc.id);
    put_str(&mut out, &doc.title);
    put_str(&mut out, &doc.text);
    match &doc.date {
        None => out.push(0),
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
            out.push(match d.source {
                DateSource::Metadata => 0,
                DateSource::Header => 1,
                DateSource::Override => 2,
                DateSource::Inferred => 3,
            });
        }
    }
    put_varint(&mut out, doc.facets.len() as u64);
    for (field, values) in &doc.facets {
        put_str(&mut out, field);
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
    put_str(&mut out, &doc.origin);
    out
}

/// The id, title and text of a record, without building the rest.
pub fn decode_head(record: &[u8]) -> (String, String, String) {
    let mut r = Reader::new(record);
    let id = r.string();
    let title = r.string();
    let text = r.string();
    (id, title, text)
}

/// The id, title, text and date of a record: what a hit shows.
pub fn decode_hit(record: &[u8]) -> (String, String, String, Option<DocDate>) {
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
            let source = match r.u8() {
                1 => DateSource::Header,
                2 => DateSource::Override,
                3 => DateSource::Inferred,
                _ => DateSource::Metadata,
            };
            Some(DocDate { day, start, end, precision, source })
        }
        _ => None,
    }
}

/// Decodes a whole record. Corrupt bytes give empty fields, never a panic.
pub fn decode(record: &[u8]) -> Document {
    let mut r = Reader::new(record);
    let id = r.string();
    let title = r.string();
    let text = r.string();
    let date = read_date(&mut r);
    let n = (r.varint() as usize).min(record.len());
    let mut facets = Vec::with_capacity(n);
    for _ in 0..n {
        let field = r.string();
        let m = (r.varint() as usize).min(record.len());
        let values = (0..m).map(|_| r.string()).collect();
        facets.push((field, values));
        if r.bad {
            break;
        }
    }
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
    let origin = r.string();
    Document { id, title, date, text, facets, metadata, origin }
}
