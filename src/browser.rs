//! The few browser calls the app makes outside Yew's rendering: the mount
//! point, the search in the address bar, the document title, the readiness
//! mark the tests read, and what to show if the module ever panics.
//!
//! Every function here tolerates a missing window or element and does
//! nothing rather than panic: none of this is worth killing the app over.

use annals_engine::{FacetFilter, Sort};
use wasm_bindgen::JsValue;
use web_sys::{Element, UrlSearchParams};

/// The URL parameter that carries the query.
pub const QUERY_PARAMETER: &str = "q";

/// The URL parameter that carries the order, when it is not by relevance.
pub const SORT_PARAMETER: &str = "sort";

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// The attribute that marks `#app` as the explorer page's own mount point.
/// Without it the module is a library on someone else's page (loaded by
/// `annals.js`), where an `#app` element belongs to that page.
pub const PAGE_ROOT_MARK: &str = "data-annals-page";

/// Empties the explorer page's `#app` (its static loading message) and
/// returns it to mount into; `None` on any other page.
pub fn take_app_root() -> Option<Element> {
    let root = document()?.get_element_by_id("app")?;
    if !root.has_attribute(PAGE_ROOT_MARK) {
        return None;
    }
    root.set_text_content(None);
    let _ = root.remove_attribute("aria-busy");
    Some(root)
}

/// Reports panics to the console and on the page.
///
/// A panic in WebAssembly stops the module for good, so the page cannot go
/// on; what it can do is say so plainly instead of sitting there frozen.
/// The message goes in as text, never as HTML.
pub fn install_panic_reporter() {
    yew::set_custom_panic_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("annals panicked: {info}").into());
        let Some(banner) = document().and_then(|document| document.get_element_by_id("fatal")) else {
            return;
        };
        banner.set_text_content(Some(
            "Something went wrong inside the explorer and it has stopped. Reload the page to start again.",
        ));
        let _ = banner.remove_attribute("hidden");
    }));
}

/// Everything the address carries beyond the query and order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SelectionInUrl {
    /// The facet filters (`f=field:value` to require, `x=field:value` to leave out).
    pub filters: Vec<FacetFilter>,
    /// `from` and `to`, ISO days.
    pub date_range: Option<(i32, i32)>,
    /// `view`: `kwic`, `terms` or `chronology` (documents when absent).
    pub view: String,
    /// `doc`: the id of the document open in the reader.
    pub open: Option<String>,
    /// `layer`: `mentioned` when the timeline counts the dates mentioned
    /// (the dates of writing when absent).
    pub layer: String,
}

/// The filters, range and view in the page's address. Unreadable parts are
/// left out.
pub fn selection_from_url() -> SelectionInUrl {
    let params = web_sys::window()
        .and_then(|window| window.location().search().ok())
        .and_then(|search| UrlSearchParams::new_with_str(&search).ok());
    let Some(params) = params else { return SelectionInUrl::default() };
    let mut filters: Vec<FacetFilter> = Vec::new();
    for (name, include) in [("f", true), ("x", false)] {
        for value in params.get_all(name).iter() {
            let Some(text) = value.as_string() else { continue };
            let Some((field, value)) = text.split_once(':') else { continue };
            let (field, value) = (field.trim().to_string(), value.trim().to_string());
            if field.is_empty() || value.is_empty() || filters.iter().map(|f| f.any_of.len() + f.none_of.len()).sum::<usize>() >= 64 {
                continue;
            }
            let i = match filters.iter().position(|f| f.field == field) {
                Some(i) => i,
                None => {
                    filters.push(FacetFilter { field, any_of: Vec::new(), none_of: Vec::new() });
                    filters.len() - 1
                }
            };
            if include {
                filters[i].any_of.push(value);
            } else {
                filters[i].none_of.push(value);
            }
        }
    }
    let day = |name: &str| params.get(name).and_then(|text| annals_engine::date::parse_iso_day(text.trim()));
    let date_range = match (day("from"), day("to")) {
        (Some(a), Some(b)) => Some((a.min(b), a.max(b))),
        // An open end is the calendar's end: day numbers stay printable.
        (Some(a), None) => Some((a, annals_engine::date::days_from_civil(9999, 12, 31))),
        (None, Some(b)) => Some((annals_engine::date::days_from_civil(1, 1, 1), b)),
        (None, None) => None,
    };
    let open = params.get("doc").filter(|id| !id.is_empty() && id.len() <= 1_000);
    SelectionInUrl { filters, date_range, view: params.get("view").unwrap_or_default(), open, layer: params.get("layer").unwrap_or_default() }
}

/// The search in the page's address: the query (`?q=…`, decoded:
/// percent-escapes and `+` for a space, as forms and people write them;
/// empty when absent) and the order (`&sort=newest|oldest`).
pub fn search_from_url() -> (String, Sort) {
    let params = web_sys::window()
        .and_then(|window| window.location().search().ok())
        .and_then(|search| UrlSearchParams::new_with_str(&search).ok());
    let Some(params) = params else { return (String::new(), Sort::Relevance) };
    let query = params.get(QUERY_PARAMETER).unwrap_or_default();
    let sort = params.get(SORT_PARAMETER).map(|name| sort_from_name(&name)).unwrap_or_default();
    (query, sort)
}

/// The order named in a URL; anything unknown is by relevance.
pub fn sort_from_name(name: &str) -> Sort {
    match name {
        "newest" => Sort::Newest,
        "oldest" => Sort::Oldest,
        _ => Sort::Relevance,
    }
}

/// The name of an order in URLs and in the page's order menu.
pub fn sort_name(sort: Sort) -> &'static str {
    match sort {
        Sort::Relevance => "relevance",
        Sort::Newest => "newest",
        Sort::Oldest => "oldest",
    }
}

/// One parameter of the page's address, if it is there and not empty.
pub fn url_parameter(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    UrlSearchParams::new_with_str(&search).ok()?.get(name).filter(|value| !value.is_empty())
}

/// Sets one parameter of the address (an empty value removes it) without a
/// new history entry, keeping every other parameter and the fragment: for
/// view details, like the terms compared over time, that a reload or a
/// copied link should keep.
pub fn replace_url_parameter(name: &str, value: &str) {
    edit_url_parameters(false, |params| {
        if value.is_empty() {
            params.delete(name);
        } else {
            params.set(name, value);
        }
    });
}

/// Puts the whole selection in the address bar. With `push` a history entry
/// is added (a filter, a range or a view chosen), so Back returns to the
/// selection before; typing only replaces the entry.
pub fn write_selection_to_url(query: &str, sort: Sort, selection: &SelectionInUrl, push: bool) {
    edit_url_parameters(push, |params| {
        if query.is_empty() {
            params.delete(QUERY_PARAMETER);
        } else {
            params.set(QUERY_PARAMETER, query);
        }
        if sort == Sort::Relevance {
            params.delete(SORT_PARAMETER);
        } else {
            params.set(SORT_PARAMETER, sort_name(sort));
        }
        for name in ["f", "x", "from", "to", "view", "doc", "layer"] {
            params.delete(name);
        }
        for filter in &selection.filters {
            for value in &filter.any_of {
                params.append("f", &format!("{}:{value}", filter.field));
            }
            for value in &filter.none_of {
                params.append("x", &format!("{}:{value}", filter.field));
            }
        }
        if let Some((from, to)) = selection.date_range {
            params.set("from", &annals_engine::date::iso_day(from));
            params.set("to", &annals_engine::date::iso_day(to));
        }
        if !selection.view.is_empty() && selection.view != "documents" {
            params.set("view", &selection.view);
        }
        if let Some(id) = &selection.open {
            params.set("doc", id);
        }
        if !selection.layer.is_empty() && selection.layer != "written" {
            params.set("layer", &selection.layer);
        }
    });
}

/// Rewrites the address's parameters with `edit`, keeping its path, its
/// other parameters and its fragment. With `push` a history entry is added;
/// otherwise the current one is replaced. An unchanged address is left alone.
fn edit_url_parameters(push: bool, edit: impl FnOnce(&UrlSearchParams)) {
    let Some(window) = web_sys::window() else { return };
    let location = window.location();
    let (Ok(path), Ok(search), Ok(hash)) = (location.pathname(), location.search(), location.hash()) else {
        return;
    };
    let Ok(params) = UrlSearchParams::new_with_str(&search) else { return };
    edit(&params);
    let encoded = String::from(params.to_string());
    let url = if encoded.is_empty() { format!("{path}{hash}") } else { format!("{path}?{encoded}{hash}") };
    if url == format!("{path}{search}{hash}") {
        return;
    }
    if let Ok(history) = window.history() {
        let _ = if push {
            history.push_state_with_url(&JsValue::NULL, "", Some(&url))
        } else {
            history.replace_state_with_url(&JsValue::NULL, "", Some(&url))
        };
    }
}

/// Whether the window is as narrow as the style sheet's one-column
/// workbench (`max-width: 52rem`), where the filters sit above the views.
pub fn is_one_column() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(max-width: 52rem)").ok().flatten())
        .is_some_and(|list| list.matches())
}

/// Sets the tab's title.
pub fn set_title(title: &str) {
    if let Some(document) = document() {
        document.set_title(title);
    }
}

/// Marks the app's root (`root`, else `#app`) as ready once the first render
/// is on screen: `data-ready-ms` holds `performance.now()` at that moment,
/// i.e. milliseconds since the navigation started. The end-to-end tests read it.
pub fn mark_ready(root: Option<&Element>) {
    let Some(window) = web_sys::window() else { return };
    let now = window.performance().map(|performance| performance.now()).unwrap_or(0.0);
    let root = match root {
        Some(root) => Some(root.clone()),
        None => window.document().and_then(|document| document.get_element_by_id("app")),
    };
    if let Some(root) = root {
        let _ = root.set_attribute("data-ready-ms", &format!("{now:.1}"));
    }
}

/// Offers `text` as a file download named `name` (a Blob URL on a
/// temporary link), for the CSV exports.
pub fn download(name: &str, mime: &str, text: &str) {
    let Some(document) = document() else { return };
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Ok(link) = document.create_element("a") {
        let _ = link.set_attribute("href", &url);
        let _ = link.set_attribute("download", name);
        if let Some(body) = document.body() {
            let _ = body.append_child(&link);
            if let Some(link) = wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlElement>(&link) {
                link.click();
            }
            let _ = body.remove_child(&link);
        }
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}
