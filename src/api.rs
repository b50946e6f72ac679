//! The JavaScript API: plain-JSON functions exported from the WebAssembly
//! module, for pages that embed Annals or draw their own results, and for the
//! browser benchmarks. The ids are the same stable ids the CLI prints.
//!
//! ```js
//! const { total, hits } = search('Robertson', { limit: 10, sort: 'newest' });
//! // hits: [{ id, title, date, precision, score, snippet, marks }]
//! ```

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use annals_engine::{FacetFilter, SearchRequest, Sort};

use crate::embedded;

/// The options `search()` accepts; every field may be left out.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct SearchOptions {
    limit: Option<usize>,
    offset: usize,
    sort: Sort,
    filters: Vec<FacetFilter>,
    /// Inclusive ISO days, e.g. `["2000-01-01", "2000-12-31"]`.
    date_range: Option<(String, String)>,
}

/// The most hits one call returns, whatever `limit` asks.
const MAX_LIMIT: usize = 10_000;

#[derive(Serialize)]
struct JsHit {
    id: String,
    title: String,
    /// ISO day, or null for an undated document.
    date: Option<String>,
    precision: Option<annals_engine::DatePrecision>,
    score: f32,
    /// The best passage, as plain text.
    snippet: String,
    /// `[start, end)` UTF-16 offsets of the matches in `snippet`, ready for
    /// `String.prototype.slice`.
    marks: Vec<(u32, u32)>,
}

#[derive(Serialize)]
struct JsResults {
    total: usize,
    hits: Vec<JsHit>,
    notices: Vec<String>,
    suggestion: Option<String>,
}

/// Searches the embedded corpus: `search(query, {limit, offset, sort,
/// filters, dateRange})` → `{total, hits, notices, suggestion}`. Throws an
/// `Error` only for malformed options; any query text is answered.
#[wasm_bindgen(js_name = search)]
pub fn search_js(query: &str, options: JsValue) -> Result<JsValue, JsError> {
    let options: SearchOptions = if options.is_undefined() || options.is_null() {
        SearchOptions::default()
    } else {
        serde_wasm_bindgen::from_value(options).map_err(|error| JsError::new(&format!("annals.search: bad options: {error}")))?
    };
    let date_range = match &options.date_range {
        Some((from, to)) => Some((parse_iso_day(from)?, parse_iso_day(to)?)),
        None => None,
    };
    let request = SearchRequest {
        query: query.to_string(),
        limit: options.limit.unwrap_or(10).min(MAX_LIMIT),
        offset: options.offset,
        sort: options.sort,
        filters: options.filters,
        date_range,
    };
    let results = embedded::with_index(|index| index.search(&request)).map_err(|reason| JsError::new(&reason))?;
    let hits = results
        .hits
        .into_iter()
        .map(|hit| {
            let marks = utf16_ranges(&hit.snippet.text, &hit.snippet.marks);
            JsHit {
                id: hit.id,
                title: hit.title,
                date: hit.date.map(|date| date.iso()),
                precision: hit.date.map(|date| date.precision),
                score: hit.score,
                snippet: hit.snippet.text,
                marks,
            }
        })
        .collect();
    let answer = JsResults { total: results.total, hits, notices: results.notices, suggestion: results.suggestion };
    answer.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|error| JsError::new(&error.to_string()))
}

/// `YYYY-MM-DD` → day number, or an error naming the bad text.
fn parse_iso_day(text: &str) -> Result<i32, JsError> {
    let mut parts = text.splitn(3, '-').map(str::parse::<u32>);
    match (parts.next(), parts.next(), parts.next()) {
        (Some(Ok(year)), Some(Ok(month @ 1..=12)), Some(Ok(day @ 1..=31))) if year <= 9999 => {
            Ok(annals_engine::date::days_from_civil(year as i32, month, day))
        }
        _ => Err(JsError::new(&format!("annals.search: dateRange wants YYYY-MM-DD days, not {text:?}"))),
    }
}

/// Byte ranges into `text` → UTF-16 code-unit ranges, which is what
/// JavaScript strings index by. Ranges off character boundaries are dropped.
fn utf16_ranges(text: &str, marks: &[(u32, u32)]) -> Vec<(u32, u32)> {
    let mut ranges = Vec::with_capacity(marks.len());
    let (mut byte_at, mut unit_at) = (0usize, 0u32);
    for &(start, end) in marks {
        let (start, end) = (start as usize, end as usize);
        if start < byte_at || end < start || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        let start_unit = unit_at + text[byte_at..start].encode_utf16().count() as u32;
        let end_unit = start_unit + text[start..end].encode_utf16().count() as u32;
        ranges.push((start_unit, end_unit));
        byte_at = end;
        unit_at = end_unit;
    }
    ranges
}

#[cfg(test)]
mod tests {
    use super::utf16_ranges;

    #[test]
    fn byte_ranges_become_utf16_ranges() {
        // "’" is 3 bytes but one UTF-16 unit; "𝄞" is 4 bytes and two units.
        let text = "’a 𝄞b c";
        assert_eq!(utf16_ranges(text, &[(3, 4), (9, 10)]), vec![(1, 2), (5, 6)]);
        assert_eq!(utf16_ranges(text, &[(1, 2)]), vec![]);
    }
}
