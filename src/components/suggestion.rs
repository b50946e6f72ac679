//! The engine's "Did you mean …" as a one-click search.

use yew::prelude::*;

/// Properties of [`Suggestion`].
#[derive(Properties, PartialEq)]
pub struct SuggestionProps {
    /// A better-spelled query, when the engine has one.
    pub suggestion: Option<String>,
    /// Searches for the given query.
    pub on_search_for: Callback<String>,
}

/// "Did you mean [query]?", or nothing when there is no suggestion.
#[component]
pub fn Suggestion(props: &SuggestionProps) -> Html {
    let Some(suggestion) = props.suggestion.clone() else {
        return Html::default();
    };
    let on_click = {
        let on_search_for = props.on_search_for.clone();
        let suggestion = suggestion.clone();
        Callback::from(move |_: MouseEvent| on_search_for.emit(suggestion.clone()))
    };
    html! {
        <p class="suggestion">
            { "Did you mean " }
            <button type="button" class="link-button" onclick={on_click}>{ suggestion }</button>
            { "?" }
        </p>
    }
}
