//! Keeps the address bar and the tab title in step with the search shown, so
//! that a reload, a bookmark or a copied link reproduces it.

use annals_engine::Sort;
use yew::{hook, use_effect_with};

use crate::browser;

/// Writes `query` and `sort` to `?q=…&sort=…` (replacing the history entry,
/// not adding one) and names the tab after the query, whenever they change.
/// Does nothing unless `enabled`: an explorer embedded in another site's page
/// must not rewrite that page's address or title.
#[hook]
pub fn use_query_in_url(query: &str, sort: Sort, corpus_title: &str, enabled: bool) {
    use_effect_with((query.to_string(), sort, corpus_title.to_string(), enabled), |(query, sort, corpus_title, enabled)| {
        if !*enabled {
            return;
        }
        browser::replace_search_in_url(query, *sort);
        if query.is_empty() {
            browser::set_title(corpus_title);
        } else {
            browser::set_title(&format!("{query} — {corpus_title}"));
        }
    });
}
