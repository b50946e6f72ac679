//! The JavaScript API: plain-JSON functions exported from the WebAssembly
//! module, for pages that embed Annals or draw their own results, and for the
//! browser benchmarks. The ids are the same stable ids the CLI prints.
//!
//! ```js
//! const { total, hits } = search('Robertson', { limit: 10, sort: 'newest' });
//! // hits: [{ id, title, date, precision, score, snippet, marks }]
//! const opts = { filters: [{ field: 'publication', anyOf: ['Monitor'], noneOf: [] }],
//!                dateRange: ['2000-01-01', '2000-12-31'] };
//! facets('NATO', opts);        // [{ field, label, kind, values: [{ value, count }] }]
//! timeline('NATO', opts);      // { granularity, bins: [{ start, end, count }], undated }
//! trends(['oil', 'coffee'], opts);  // { granularity, series: [{ term, points: [{ start, count, per10k }] }] }
//! concordance('"Founding Act"', { ...opts, width: 40, limit: 100 });
//!                              // { total, lines: [{ id, title, date, left, keyword, right }] }
//! timeline('NATO', { ...opts, layer: 'mentioned' });  // mentions per period they refer to
//! mentions('NATO', { ...opts, offset: 0, limit: 100 });
//!                              // { total, mentions: [{ id, title, date, start, end, surface, type,
//!                              //   value, from, to, precision, sentence, mark }] }
//! ```
//!
//! Every function takes the same options (`filters`, `dateRange`, and
//! `granularity`: `day`, `week`, `month`, `year`, `decade` (1880–1889) or
//! `century` (1800–1899), chosen from the span when left out and coarsened
//! past 1,000 bins); days are ISO `YYYY-MM-DD`.

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use annals_engine::analytics::timeline::Granularity;
use annals_engine::limits::MAX_TREND_TERMS;
use annals_engine::{FacetFilter, SearchRequest, Selection, Sort};

use crate::embedded;

/// The options `search()` accepts; every field may be left out.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct SearchOptions {
    limit: Option<usize>,
    offset: usize,
    sort: Sort,
    filters: Vec<JsFilter>,
    /// Inclusive ISO days, e.g. `["2000-01-01", "2000-12-31"]`.
    date_range: Option<(String, String)>,
}

/// A facet filter as JavaScript spells it (`anyOf`, `noneOf`; the engine's
/// `any_of`, `none_of` are read too), for every function that takes filters,
/// `mount` included.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct JsFilter {
    field: String,
    #[serde(alias = "any_of")]
    any_of: Vec<String>,
    #[serde(alias = "none_of")]
    none_of: Vec<String>,
}

impl From<JsFilter> for FacetFilter {
    fn from(filter: JsFilter) -> FacetFilter {
        FacetFilter { field: filter.field, any_of: filter.any_of, none_of: filter.none_of }
    }
}

/// The options of the analytics functions; every field may be left out.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct ExploreOptions {
    filters: Vec<JsFilter>,
    date_range: Option<(String, String)>,
    granularity: Option<Granularity>,
    /// Concordance: characters of context each side (default 50).
    width: Option<usize>,
    /// Concordance: most lines (default 200); mentions: most entries
    /// (default 100, at most 2,000).
    limit: Option<usize>,
    /// Mentions: skip this many (paging).
    offset: usize,
    /// Timeline: which dates the bins count.
    layer: TimelineLayer,
}

/// `timeline()`'s `layer`: the dates the documents were written
/// (`written`, the default) or the dates their texts mention (`mentioned`).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum TimelineLayer {
    #[default]
    Written,
    Mentioned,
}

/// The message of what a call throws while parts of a split index it
/// reads are being fetched: `annals.js` waits for [`pieces_arrived`] and
/// calls again.
pub const PIECES_PENDING: &str = "annals: parts of the index are being fetched";

/// A call without an answer, as the error JavaScript sees.
fn unanswered(unanswered: embedded::Unanswered) -> JsError {
    match unanswered {
        embedded::Unanswered::Loading => JsError::new(PIECES_PENDING),
        embedded::Unanswered::Unusable(reason) => JsError::new(&reason),
    }
}

/// Resolves once the parts of a split index that calls found missing have
/// been fetched (or failed to be: the next call says why).
#[wasm_bindgen(js_name = piecesArrived)]
pub async fn pieces_arrived() {
    embedded::next_arrival().await;
}

/// Whether this build's index is split into pieces fetched on demand.
#[wasm_bindgen(js_name = isSplit)]
pub fn is_split() -> bool {
    embedded::is_split()
}

/// Where the pieces of a split index are fetched from: a URL ending in
/// `/` (`annals.js` gives the `pieces/` folder beside itself).
#[wasm_bindgen(js_name = setPiecesBase)]
pub fn set_pieces_base(base: String) {
    embedded::set_pieces_base(base);
}

fn options<T: Default + for<'de> Deserialize<'de>>(function: &str, value: JsValue) -> Result<T, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    serde_wasm_bindgen::from_value(value).map_err(|error| JsError::new(&format!("annals.{function}: bad options: {error}")))
}

/// An analytics function's options and the selection they describe, for
/// `query` (the engine applies its bounds, as for the page and the CLI).
fn explore_call(function: &str, query: &str, options: JsValue) -> Result<(ExploreOptions, Selection), JsError> {
    explore_selection(function, query, self::options(function, options)?).map_err(|reason| JsError::new(&reason))
}

/// [`explore_call`] once the options are read.
fn explore_selection(function: &str, query: &str, mut options: ExploreOptions) -> Result<(ExploreOptions, Selection), String> {
    let selection = Selection {
        query: query.to_string(),
        filters: std::mem::take(&mut options.filters).into_iter().map(FacetFilter::from).collect(),
        date_range: day_range(function, options.date_range.as_ref())?,
    };
    Ok((options, selection))
}

/// `[from, to]` ISO days → day numbers, or an error naming the bad text.
fn day_range(function: &str, range: Option<&(String, String)>) -> Result<Option<(i32, i32)>, String> {
    range.map(|(from, to)| Ok((parse_iso_day(function, from)?, parse_iso_day(function, to)?))).transpose()
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|error| JsError::new(&error.to_string()))
}

#[derive(Serialize)]
struct JsFacet {
    field: String,
    label: String,
    kind: annals_engine::FacetKind,
    values: Vec<annals_engine::analytics::facets::FacetValueCount>,
}

/// Facet value counts over what `query` and the options select:
/// `facets(query, {filters, dateRange})` → `[{field, label, kind, values:
/// [{value, count}]}]`, most frequent value first. A field's own `anyOf`
/// is left out of its counts, so they show what another choice would give.
#[wasm_bindgen(js_name = facets)]
pub fn facets_js(query: &str, options: JsValue) -> Result<JsValue, JsError> {
    let (_, selection) = explore_call("facets", query, options)?;
    let counts = embedded::facet_counts(&selection).map_err(unanswered)?;
    let facets: Vec<JsFacet> = counts
        .into_iter()
        .map(|f| JsFacet { label: crate::wording::field_label(&f.field), field: f.field, kind: f.kind, values: f.values })
        .collect();
    to_js(&facets)
}

#[derive(Serialize)]
struct JsBin {
    start: String,
    end: String,
    count: usize,
}

#[derive(Serialize)]
struct JsTimeline {
    granularity: Granularity,
    bins: Vec<JsBin>,
    undated: usize,
}

/// Documents over time: `timeline(query, {filters, dateRange,
/// granularity, layer})` → `{granularity, bins: [{start, end, count}],
/// undated}`, bins consecutive (empty ones included), `start` and `end`
/// inclusive. With `layer: 'mentioned'` the bins count the selected
/// documents' mentions of each period (a mention in every bin its days
/// overlap) and `undated` the mentions of no calendar period.
#[wasm_bindgen(js_name = timeline)]
pub fn timeline_js(query: &str, options: JsValue) -> Result<JsValue, JsError> {
    let (options, selection) = explore_call("timeline", query, options)?;
    let timeline = match options.layer {
        TimelineLayer::Written => embedded::timeline(&selection, options.granularity),
        TimelineLayer::Mentioned => embedded::mention_timeline(&selection, options.granularity),
    }
    .map_err(unanswered)?;
    to_js(&JsTimeline {
        granularity: timeline.granularity,
        bins: timeline
            .bins
            .iter()
            .map(|b| JsBin { start: annals_engine::date::iso_day(b.start), end: annals_engine::date::iso_day(b.end), count: b.count })
            .collect(),
        undated: timeline.undated,
    })
}

#[derive(Serialize)]
struct JsPoint {
    start: String,
    count: usize,
    per10k: f64,
}

#[derive(Serialize)]
struct JsSeries {
    term: String,
    points: Vec<JsPoint>,
}

#[derive(Serialize)]
struct JsTrends {
    granularity: Granularity,
    series: Vec<JsSeries>,
}

/// Up to five terms (any query text each) over time: `trends(terms,
/// {filters, dateRange, granularity})` → `{granularity, series: [{term,
/// points: [{start, count, per10k}]}]}`: matching documents and occurrences
/// per 10,000 words of the filtered documents in each bin.
#[wasm_bindgen(js_name = trends)]
pub fn trends_js(terms: Vec<String>, options: JsValue) -> Result<JsValue, JsError> {
    let (options, selection) = explore_call("trends", "", options)?;
    let terms: Vec<String> = terms.into_iter().take(MAX_TREND_TERMS).collect();
    let trends = embedded::trends(&terms, &selection, options.granularity).map_err(unanswered)?;
    to_js(&JsTrends {
        granularity: trends.granularity,
        series: trends
            .series
            .into_iter()
            .map(|s| JsSeries {
                term: s.term,
                points: s
                    .points
                    .iter()
                    .map(|p| JsPoint { start: annals_engine::date::iso_day(p.start), count: p.count, per10k: p.per10k })
                    .collect(),
            })
            .collect(),
    })
}

#[derive(Serialize)]
struct JsLine {
    id: String,
    title: String,
    date: Option<String>,
    left: String,
    keyword: String,
    right: String,
}

#[derive(Serialize)]
struct JsConcordance {
    total: usize,
    lines: Vec<JsLine>,
    complete: bool,
}

/// Keyword in context: `concordance(query, {filters, dateRange, width,
/// limit})` → `{total, lines: [{id, title, date, left, keyword, right}],
/// complete}`: every occurrence of the query's words and phrases in the
/// selected documents' text, in document order; `total` counts them all,
/// `lines` holds the first `limit` (at most 2,000); `complete` is false when
/// the selection was too large to read whole (2,000 documents are read).
#[wasm_bindgen(js_name = concordance)]
pub fn concordance_js(query: &str, options: JsValue) -> Result<JsValue, JsError> {
    let (options, selection) = explore_call("concordance", query, options)?;
    let (width, limit) = (options.width.unwrap_or(50), options.limit.unwrap_or(200));
    let kwic = embedded::concordance(&selection, width, limit).map_err(unanswered)?;
    to_js(&JsConcordance {
        total: kwic.total,
        lines: kwic
            .lines
            .into_iter()
            .map(|l| JsLine {
                id: l.id,
                title: l.title,
                date: l.day.map(annals_engine::date::iso_day),
                left: l.left,
                keyword: l.keyword,
                right: l.right,
            })
            .collect(),
        complete: kwic.complete,
    })
}

#[derive(Serialize)]
struct JsMention {
    id: String,
    title: String,
    /// The document's date (ISO day), or null.
    date: Option<String>,
    /// `[start, end)` UTF-16 offsets of the mention in the document's text.
    start: u32,
    end: u32,
    /// The words of the text that say it.
    surface: String,
    /// TIMEX3 type: `DATE`, `TIME`, `DURATION`, `SET`.
    #[serde(rename = "type")]
    kind: &'static str,
    /// TIMEX3 value: `2000-01-20`, `1999-SP`, `2000-W50`.
    value: String,
    /// First and last day of the period it names (ISO days).
    from: Option<String>,
    to: Option<String>,
    /// The unit it is stated in: `day`, `week`, `month`, `season`, …
    precision: Option<annals_engine::mention::Granularity>,
    sentence: String,
    /// `[start, end)` UTF-16 offsets of the mention in `sentence`.
    mark: (u32, u32),
}

#[derive(Serialize)]
struct JsMentions {
    total: usize,
    mentions: Vec<JsMention>,
}

/// The dates the selection mentions, in the order of those dates:
/// `mentions(query, {filters, dateRange, offset, limit})` → `{total,
/// mentions: [{id, title, date, start, end, surface, type, value, from, to,
/// precision, sentence, mark}]}`; `limit` defaults to 100 (at most 2,000 a
/// call) and `offset` pages on. Only mentions of a calendar period are
/// listed; `start`/`end` index the document's text and `mark` the sentence,
/// in UTF-16 units as JavaScript strings do.
#[wasm_bindgen(js_name = mentions)]
pub fn mentions_js(query: &str, options: JsValue) -> Result<JsValue, JsError> {
    let (options, selection) = explore_call("mentions", query, options)?;
    let chronology = embedded::chronology(&selection, options.offset, options.limit.unwrap_or(100)).map_err(unanswered)?;
    // One document's text at a time, for the UTF-16 offsets (entries of one
    // document often come together).
    let mut text_of: Option<(String, String)> = None;
    let mut mentions = Vec::with_capacity(chronology.entries.len());
    for entry in chronology.entries {
        let m = &entry.mention;
        if text_of.as_ref().is_none_or(|(id, _)| *id != entry.id) {
            let text = embedded::document(&entry.id).ok().flatten().map(|d| d.text).unwrap_or_default();
            text_of = Some((entry.id.clone(), text));
        }
        let text = text_of.as_ref().map(|(_, text)| text.as_str()).unwrap_or_default();
        let (start, end) = utf16_ranges(text, &[(m.start, m.end)]).first().copied().unwrap_or((0, 0));
        let mark = utf16_ranges(&entry.sentence, &[entry.mark]).first().copied().unwrap_or((0, 0));
        let surface = entry.sentence.get(entry.mark.0 as usize..entry.mark.1 as usize).unwrap_or_default().to_string();
        mentions.push(JsMention {
            date: entry.document_day.map(annals_engine::date::iso_day),
            start,
            end,
            surface,
            kind: m.kind.as_str(),
            value: m.value.clone(),
            from: m.first_day.map(annals_engine::date::iso_day),
            to: m.last_day.map(annals_engine::date::iso_day),
            precision: m.granularity,
            mark,
            id: entry.id,
            title: entry.title,
            sentence: entry.sentence,
        });
    }
    to_js(&JsMentions { total: chronology.total, mentions })
}

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
    let request = search_request(query, self::options("search", options)?).map_err(|reason| JsError::new(&reason))?;
    let results = embedded::search(&request).map_err(unanswered)?;
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
    to_js(&JsResults { total: results.total, hits, notices: results.notices, suggestion: results.suggestion })
}

/// The request `search(query, options)` stands for.
fn search_request(query: &str, options: SearchOptions) -> Result<SearchRequest, String> {
    let date_range = day_range("search", options.date_range.as_ref())?;
    let selection = Selection { query: query.to_string(), filters: options.filters.into_iter().map(FacetFilter::from).collect(), date_range };
    Ok(SearchRequest { selection, limit: options.limit.unwrap_or(10), offset: options.offset, sort: options.sort })
}

/// `YYYY-MM-DD` → day number, or an error naming the bad text.
fn parse_iso_day(function: &str, text: &str) -> Result<i32, String> {
    annals_engine::date::parse_iso_day(text)
        .ok_or_else(|| format!("annals.{function}: dateRange wants YYYY-MM-DD days, not {text:?}"))
}

/// Off wasm32, for the `api_options` fuzz target: `function`'s options read
/// from JSON (serde_json reads the same serde structs serde_wasm_bindgen
/// reads in the browser, `JsValue` itself exists only in wasm32) and the
/// call answered over the embedded corpus, as the export would.
#[cfg(not(target_arch = "wasm32"))]
#[doc(hidden)]
pub fn call_with_json_options(function: &str, query: &str, json: &str) -> Result<usize, String> {
    let bad = |error: serde_json::Error| format!("annals.{function}: bad options: {error}");
    if function == "search" {
        let request = search_request(query, serde_json::from_str(json).map_err(bad)?)?;
        return Ok(embedded::search(&request)?.hits.len());
    }
    let (options, selection) = explore_selection(function, query, serde_json::from_str(json).map_err(bad)?)?;
    Ok(match function {
        "facets" => embedded::facet_counts(&selection)?.len(),
        "timeline" => match options.layer {
            TimelineLayer::Written => embedded::timeline(&selection, options.granularity)?.bins.len(),
            TimelineLayer::Mentioned => embedded::mention_timeline(&selection, options.granularity)?.bins.len(),
        },
        "mentions" => embedded::chronology(&selection, options.offset, options.limit.unwrap_or(100))?.entries.len(),
        "trends" => {
            let terms: Vec<String> = query.split(',').map(str::to_string).take(MAX_TREND_TERMS).collect();
            embedded::trends(&terms, &selection, options.granularity)?.series.len()
        }
        _ => embedded::concordance(&selection, options.width.unwrap_or(50), options.limit.unwrap_or(200))?.lines.len(),
    })
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
