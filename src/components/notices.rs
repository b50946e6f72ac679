//! What the engine had to ignore or cap in the query, told politely.

use yew::prelude::*;

/// Properties of [`Notices`].
#[derive(Properties, PartialEq)]
pub struct NoticesProps {
    /// The engine's notices, as sentences.
    pub notices: Vec<String>,
}

/// The notices as a short list, or nothing at all when the query was clean.
#[component]
pub fn Notices(props: &NoticesProps) -> Html {
    if props.notices.is_empty() {
        return Html::default();
    }
    html! {
        <ul class="notices" aria-label="About your query" aria-live="polite">
            { for props.notices.iter().map(|notice| html! { <li>{ notice.clone() }</li> }) }
        </ul>
    }
}
