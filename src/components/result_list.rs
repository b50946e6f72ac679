//! The ranked hits for a query, with the engine's suggestion and notices
//! above them and a way to see more when there is more than one page.

use std::rc::Rc;

use annals_engine::SearchResults;
use yew::prelude::*;

use crate::components::notices::Notices;
use crate::components::result_item::ResultItem;
use crate::components::suggestion::Suggestion;

/// Properties of [`ResultList`].
#[derive(Properties, PartialEq)]
pub struct ResultListProps {
    /// The results to show (at least one hit).
    pub results: Rc<SearchResults>,
    /// Asks for another page of hits.
    pub on_show_more: Callback<()>,
    /// Searches for the given query (the engine's suggestion).
    pub on_search_for: Callback<String>,
    /// The query, for marking it in documents read in place.
    #[prop_or_default]
    pub query: AttrValue,
    /// Opens a document in the reader (Enter on a hit).
    #[prop_or_default]
    pub on_open: Callback<String>,
}

/// Arrow keys move between hits and Enter opens the focused one.
fn on_list_key(on_open: Callback<String>) -> Callback<KeyboardEvent> {
    use wasm_bindgen::JsCast;
    Callback::from(move |event: KeyboardEvent| {
        let Some(target) = event.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
        let Ok(Some(hit)) = target.closest("li.hit") else { return };
        let next = match event.key().as_str() {
            "ArrowDown" => hit.next_element_sibling(),
            "ArrowUp" => hit.previous_element_sibling(),
            "Enter" if target == hit => {
                if let Some(id) = hit.get_attribute("data-doc-id") {
                    event.prevent_default();
                    on_open.emit(id);
                }
                return;
            }
            _ => return,
        };
        if let Some(next) = next.and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok()) {
            event.prevent_default();
            let _ = next.focus();
        }
    })
}

/// The results, best first.
#[component]
pub fn ResultList(props: &ResultListProps) -> Html {
    let results = &props.results;
    let more = (results.hits.len() < results.total).then(|| {
        let on_show_more = props.on_show_more.clone();
        html! {
            <button type="button" class="show-more" onclick={Callback::from(move |_: MouseEvent| on_show_more.emit(()))}>
                { "Show more" }
            </button>
        }
    });
    html! {
        <>
            <h2 class="visually-hidden">{ "Results" }</h2>
            <Suggestion suggestion={results.suggestion.clone()} on_search_for={props.on_search_for.clone()} />
            <Notices notices={results.notices.clone()} />
            <ol class="hits" onkeydown={on_list_key(props.on_open.clone())}>
                { for results.hits.iter().enumerate().map(|(index, hit)| html! {
                    <ResultItem key={hit.id.clone()} hit={hit.clone()} rank={index + 1} query={props.query.clone()} on_open={props.on_open.clone()} />
                }) }
            </ol>
            { for more }
        </>
    }
}
