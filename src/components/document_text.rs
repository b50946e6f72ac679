//! A document read in full under its hit: its metadata and its text, as text
//! nodes (paragraphs at blank lines, line breaks kept by CSS).

use yew::prelude::*;

use crate::embedded;

/// Properties of [`DocumentText`].
#[derive(Properties, PartialEq)]
pub struct DocumentTextProps {
    /// The document's stable id.
    pub id: AttrValue,
    /// The element id, for the toggle's `aria-controls`.
    pub element_id: AttrValue,
}

/// The full text of one document, read from the index when first shown.
#[component]
pub fn DocumentText(props: &DocumentTextProps) -> Html {
    let document = use_memo(props.id.clone(), |id| embedded::document(id));
    let body = match document.as_ref() {
        Ok(Some(document)) => {
            let metadata = (!document.metadata.is_empty()).then(|| {
                html! {
                    <dl class="doc-metadata">
                        { for document.metadata.iter().map(|(key, value)| html! {
                            <div><dt>{ key.clone() }</dt><dd>{ value.clone() }</dd></div>
                        }) }
                    </dl>
                }
            });
            html! {
                <>
                    { for metadata }
                    { for document.text.split("\n\n").map(str::trim).filter(|paragraph| !paragraph.is_empty()).map(|paragraph| html! {
                        <p>{ paragraph.to_string() }</p>
                    }) }
                </>
            }
        }
        Ok(None) => html! { <p class="problem">{ "This document is not in the index." }</p> },
        Err(reason) => html! { <p class="problem">{ reason.clone() }</p> },
    };
    html! {
        <div class="doc-text" id={props.element_id.clone()}>
            { body }
        </div>
    }
}
