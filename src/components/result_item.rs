//! One hit: its title, its date at the precision it is known, its id and the
//! passage that matched.

use annals_engine::Hit;
use yew::prelude::*;

use crate::components::marked_snippet::MarkedSnippet;
use crate::wording;

/// Properties of [`ResultItem`].
#[derive(Properties, PartialEq)]
pub struct ResultItemProps {
    /// The hit to show.
    pub hit: Hit,
    /// Its 1-based position, for element ids.
    pub rank: usize,
}

/// One result, carrying its document's stable id in `data-doc-id`.
#[component]
pub fn ResultItem(props: &ResultItemProps) -> Html {
    let hit = &props.hit;
    let title_id = format!("hit-{}-title", props.rank);
    let date = match &hit.date {
        Some(date) => html! {
            <time datetime={date.iso()} title={wording::date_provenance(date)}>{ date.display() }</time>
        },
        None => html! { <span class="undated">{ "Undated" }</span> },
    };
    html! {
        <li class="hit" data-doc-id={hit.id.clone()}>
            <article aria-labelledby={title_id.clone()}>
                <h3 class="hit-title" id={title_id}>{ hit.title.clone() }</h3>
                <p class="hit-meta">
                    { date }
                    <span class="hit-id">{ hit.id.clone() }</span>
                </p>
                <MarkedSnippet snippet={hit.snippet.clone()} />
            </article>
        </li>
    }
}
