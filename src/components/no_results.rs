//! What the page says when nothing matches: the engine's spelling suggestion
//! as a one-click search, its notices, and how to widen the search.

use yew::prelude::*;

use crate::components::notices::Notices;
use crate::components::suggestion::Suggestion;

/// Properties of [`NoResults`].
#[derive(Properties, PartialEq)]
pub struct NoResultsProps {
    /// The query that found nothing.
    pub query: AttrValue,
    /// A better-spelled query, when the engine has one.
    pub suggestion: Option<String>,
    /// What the engine ignored or capped.
    pub notices: Vec<String>,
    /// Searches for the given query.
    pub on_search_for: Callback<String>,
}

/// The no-results state.
#[component]
pub fn NoResults(props: &NoResultsProps) -> Html {
    html! {
        <div class="no-results">
            <h2>{ "Nothing found for “" }{ props.query.clone() }{ "”" }</h2>
            <Suggestion suggestion={props.suggestion.clone()} on_search_for={props.on_search_for.clone()} />
            <Notices notices={props.notices.clone()} />
            <p class="tips">{ "Check the spelling, use fewer words, or try another name for the same thing." }</p>
        </div>
    }
}
