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
            <ol class="hits">
                { for results.hits.iter().enumerate().map(|(index, hit)| html! {
                    <ResultItem key={hit.id.clone()} hit={hit.clone()} rank={index + 1} />
                }) }
            </ol>
            { for more }
        </>
    }
}
