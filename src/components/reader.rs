//! The reader: one document in full over the page, every hit of the query
//! marked, with its metadata and similar documents. The list behind it
//! stays where it was, so closing the reader (its button or Escape) returns
//! to the same place.

use yew::prelude::*;

use crate::components::document_text::DocumentText;
use crate::embedded;
use crate::hooks::use_pieces_arrived;

/// Properties of [`Reader`].
#[derive(Properties, PartialEq)]
pub struct ReaderProps {
    /// The document's id.
    pub id: AttrValue,
    /// The query whose words are marked.
    pub query: AttrValue,
    /// The byte range of a mention to open at (from the chronology).
    #[prop_or_default]
    pub focus: Option<(u32, u32)>,
    /// Close the reader.
    pub on_close: Callback<()>,
}

/// The reading panel.
#[component]
pub fn Reader(props: &ReaderProps) -> Html {
    let heading = use_node_ref();
    let inner = use_node_ref();
    let arrivals = use_pieces_arrived(None);
    let title = use_memo((props.id.clone(), arrivals), |(id, _)| match embedded::document(id) {
        Ok(Some(document)) => document.title,
        _ => id.to_string(),
    });
    // Move focus into the reader when it opens (and its document changes):
    // to the mention it was opened at, scrolled to the middle, else to the title.
    {
        let (heading, inner) = (heading.clone(), inner.clone());
        use_effect_with((props.id.clone(), props.focus), move |(_, focus)| {
            // Looked up under the reader, not the document: an embedded
            // explorer lives in a shadow root.
            let mention = focus.and_then(|(start, _)| {
                let inner = inner.cast::<web_sys::Element>()?;
                let element = inner.query_selector(&format!("time.mention[data-mention-start=\"{start}\"]")).ok()??;
                wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(element).ok()
            });
            if let Some(mention) = mention {
                // Scrolled to the middle of the reader (focus alone would
                // leave it at an edge), then focused.
                if let Some(reader) = inner.cast::<web_sys::Element>().and_then(|i| i.parent_element()) {
                    let mut top = 0;
                    let mut at = Some(mention.clone());
                    while let Some(element) = at {
                        if element.is_same_node(Some(&reader)) {
                            break;
                        }
                        top += element.offset_top();
                        at = element.offset_parent().and_then(|p| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(p).ok());
                    }
                    reader.set_scroll_top((top - reader.client_height() / 2).max(0));
                }
                let _ = mention.focus();
            } else if let Some(heading) = heading.cast::<web_sys::HtmlElement>() {
                let _ = heading.focus();
            }
        });
    }
    let on_key = {
        let on_close = props.on_close.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Escape" {
                event.prevent_default();
                on_close.emit(());
            }
        })
    };
    let close = {
        let on_close = props.on_close.clone();
        Callback::from(move |_: MouseEvent| on_close.emit(()))
    };
    html! {
        <div class="reader" role="dialog" aria-modal="false" aria-labelledby="reader-title" data-reader-id={props.id.clone()} onkeydown={on_key}>
            <div class="reader-inner" ref={inner}>
                <button type="button" class="reader-close" onclick={close}>{ "← Back to the list" }</button>
                <h2 id="reader-title" class="reader-title" tabindex="-1" ref={heading}>{ (*title).clone() }</h2>
                <p class="hit-id">{ props.id.clone() }</p>
                <DocumentText id={props.id.clone()} element_id="reader-text" query={props.query.clone()} focus={props.focus} />
            </div>
        </div>
    }
}
