//! Keeps the address bar and the tab title in step with the query shown, so
//! that a reload, a bookmark or a copied link reproduces the search.

use yew::{hook, use_effect_with};

use crate::browser;

/// Writes `query` to `?q=` (replacing the history entry, not adding one) and
/// names the tab after it, whenever it changes.
#[hook]
pub fn use_query_in_url(query: &str, corpus_title: &str) {
    use_effect_with((query.to_string(), corpus_title.to_string()), |(query, corpus_title)| {
        browser::replace_query_in_url(query);
        if query.is_empty() {
            browser::set_title(corpus_title);
        } else {
            browser::set_title(&format!("{query} — {corpus_title}"));
        }
    });
}
