//! The few browser calls the app makes outside Yew's rendering: the mount
//! point, the search in the address bar, the document title, the readiness
//! mark the tests read, and what to show if the module ever panics.
//!
//! Every function here tolerates a missing window or element and does
//! nothing rather than panic: none of this is worth killing the app over.

use annals_engine::Sort;
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

/// Puts the search in the address bar without adding a history entry, so a
/// reload or a copied link reproduces it. Other parameters and the fragment
/// are kept; an empty query removes `q`, and relevance order removes `sort`.
pub fn replace_search_in_url(query: &str, sort: Sort) {
    let Some(window) = web_sys::window() else { return };
    let location = window.location();
    let (Ok(path), Ok(search), Ok(hash)) = (location.pathname(), location.search(), location.hash()) else {
        return;
    };
    let Ok(params) = UrlSearchParams::new_with_str(&search) else { return };
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
    let encoded = String::from(params.to_string());
    let url = if encoded.is_empty() { format!("{path}{hash}") } else { format!("{path}?{encoded}{hash}") };
    if url == format!("{path}{search}{hash}") {
        return;
    }
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
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
