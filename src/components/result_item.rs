//! One hit: its title, its date at the precision it is known, its id, the
//! passage that matched, and the whole document on request.

use annals_engine::Hit;
use yew::prelude::*;

use crate::components::document_text::DocumentText;
use crate::components::marked_snippet::MarkedSnippet;
use crate::wording;

/// Properties of [`ResultItem`].
#[derive(Properties, PartialEq)]
pub struct ResultItemProps {
    /// The hit to show.
    pub hit: Hit,
    /// Its 1-based position, for element ids.
    pub rank: usize,
    /// The query, marked in the document when read in place.
    #[prop_or_default]
    pub query: AttrValue,
    /// Opens the document in the reader.
    #[prop_or_default]
    pub on_open: Callback<String>,
}

/// One result, carrying its document's stable id in `data-doc-id`.
#[component]
pub fn ResultItem(props: &ResultItemProps) -> Html {
    let hit = &props.hit;
    let reading = use_state(|| false);
    let title_id = format!("hit-{}-title", props.rank);
    let text_id = format!("hit-{}-text", props.rank);
    let toggle = {
        let reading = reading.clone();
        Callback::from(move |_: MouseEvent| reading.set(!*reading))
    };
    let open = {
        let on_open = props.on_open.clone();
        let id = hit.id.clone();
        Callback::from(move |_: MouseEvent| on_open.emit(id.clone()))
    };
    let date = match &hit.date {
        Some(date) => html! {
            <time datetime={date.iso()} title={wording::date_provenance(date)}>{ date.display() }</time>
        },
        None => html! { <span class="undated">{ "Undated" }</span> },
    };
    html! {
        <li class="hit" data-doc-id={hit.id.clone()} tabindex="0">
            <article aria-labelledby={title_id.clone()}>
                <h3 class="hit-title" id={title_id}>{ hit.title.clone() }</h3>
                <p class="hit-meta">
                    { date }
                    <span class="hit-id">{ hit.id.clone() }</span>
                </p>
                if !hit.facets.is_empty() {
                    <p class="hit-facets">
                        { for hit.facets.iter().map(|(field, value)| html! {
                            <span class="hit-facet"><span class="visually-hidden">{ format!("{field}: ") }</span>{ value.clone() }</span>
                        }) }
                    </p>
                }
                <MarkedSnippet snippet={hit.snippet.clone()} />
                <button type="button" class="read-toggle" aria-expanded={(*reading).to_string()} aria-controls={text_id.clone()} onclick={toggle}>
                    { if *reading { "Hide the full text" } else { "Show the full text here" } }
                </button>
                <button type="button" class="read-toggle" onclick={open}>{ "Open in the reader" }</button>
                if *reading {
                    <DocumentText id={hit.id.clone()} element_id={text_id} query={props.query.clone()} />
                }
            </article>
        </li>
    }
}
