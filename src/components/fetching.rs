//! What a view shows while parts of a split index it needs are fetched.

use yew::prelude::*;

/// A status line: the answer is on its way (screen readers hear it once).
#[component]
pub fn Fetching() -> Html {
    html! {
        <p class="loading fetching" role="status">
            <span class="loading-mark" aria-hidden="true"></span>
            <span>{ "Fetching the parts of the index this needs…" }</span>
        </p>
    }
}
