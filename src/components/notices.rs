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
    // The engine reports each occurrence ("(((" gives three identical
    // notices); once is enough to read.
    let mut distinct: Vec<&String> = Vec::with_capacity(props.notices.len());
    for notice in &props.notices {
        if !distinct.contains(&notice) {
            distinct.push(notice);
        }
    }
    if distinct.is_empty() {
        return Html::default();
    }
    html! {
        <ul class="notices" aria-label="About your query" aria-live="polite">
            { for distinct.into_iter().map(|notice| html! { <li>{ notice.clone() }</li> }) }
        </ul>
    }
}
