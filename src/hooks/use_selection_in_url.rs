//! Keeps the address bar and the tab title in step with the selection shown
//! (query, order, filters, date range, view), so that a reload, a bookmark
//! or a copied link reproduces it, and Back and Forward move between the
//! filters chosen.

use yew::{hook, use_effect_with, use_mut_ref, Callback, UseReducerDispatcher};

use super::use_popstate;

use crate::browser::{self, SelectionInUrl};
use annals_engine::Selection;

use crate::state::{Action, Layer, State, Tab};

/// The selection in the URL as the state to restore.
pub fn state_from_url() -> State {
    let (query, sort) = browser::search_from_url();
    let in_url = browser::selection_from_url();
    let selection = Selection { query, filters: in_url.filters, date_range: in_url.date_range };
    let state = State::opened_with_selection(selection, sort, Tab::from_name(&in_url.view));
    State { open: in_url.open, layer: Layer::from_name(&in_url.layer), ..state }
}

/// Writes the whole selection to the URL: a new history entry when the
/// filters, range or view changed, the same entry while typing or sorting;
/// and on Back or Forward restores the selection the URL holds.
/// Does nothing unless `enabled`: an explorer embedded in another site's page
/// must not rewrite that page's address or title, nor follow its history.
#[hook]
pub fn use_selection_in_url(state: &State, corpus_title: &str, dispatcher: UseReducerDispatcher<State>, enabled: bool) {
    // What a new history entry is for: the filters, the range, the view,
    // the open document, the timeline's layer, and a query changed from a
    // chart (counted by `query_choices`; typing only replaces the entry).
    type Shown = (Vec<annals_engine::FacetFilter>, Option<(i32, i32)>, Tab, Option<String>, Layer, u32);
    let last = use_mut_ref(|| None::<Shown>);
    let key = (state.selection.clone(), state.sort, state.tab, state.open.clone(), state.layer, state.query_choices, corpus_title.to_string());
    use_effect_with(key, move |(selection, sort, tab, open, layer, query_choices, corpus_title)| {
        if !enabled {
            return;
        }
        let Selection { query, filters, date_range } = selection;
        let now: Shown = (filters.clone(), *date_range, *tab, open.clone(), *layer, *query_choices);
        // After Back or Forward the URL already holds this selection: no new entry.
        let in_url = browser::selection_from_url();
        let (url_query, _) = browser::search_from_url();
        let already = (in_url.filters, in_url.date_range, Tab::from_name(&in_url.view), in_url.open, Layer::from_name(&in_url.layer))
            == (filters.clone(), *date_range, *tab, open.clone(), *layer)
            && url_query == *query;
        let push = !already && last.borrow().as_ref().is_some_and(|before| *before != now);
        *last.borrow_mut() = Some(now);
        let selection = SelectionInUrl {
            filters: filters.clone(),
            date_range: *date_range,
            view: tab.name().to_string(),
            open: open.clone(),
            layer: layer.name().to_string(),
        };
        browser::write_selection_to_url(query, *sort, &selection, push);
        if query.is_empty() {
            browser::set_title(corpus_title);
        } else {
            browser::set_title(&format!("{query} — {corpus_title}"));
        }
    });
    use_popstate(enabled, Callback::from(move |()| dispatcher.dispatch(Action::Restore(Box::new(state_from_url())))));
}
