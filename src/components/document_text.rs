//! A document read in full under its hit: its date and where it came from,
//! its metadata, its text with every occurrence of the query marked (as
//! `<mark>` elements around text nodes), a way from hit to hit, and the
//! documents most like it.

use yew::prelude::*;

use crate::embedded;
use crate::snippet::{pieces, Piece};
use crate::wording;

/// Properties of [`DocumentText`].
#[derive(Properties, PartialEq)]
pub struct DocumentTextProps {
    /// The document's stable id.
    pub id: AttrValue,
    /// The element id, for the toggle's `aria-controls`.
    pub element_id: AttrValue,
    /// The query whose words are marked.
    #[prop_or_default]
    pub query: AttrValue,
}

/// How many similar documents are listed.
const SIMILAR: usize = 5;

/// The full text of one document, read from the index when first shown.
#[component]
pub fn DocumentText(props: &DocumentTextProps) -> Html {
    let document = use_memo(props.id.clone(), |id| embedded::document(id));
    let marks = use_memo((props.id.clone(), props.query.clone(), document.clone()), |(_, query, document)| match document.as_ref() {
        Ok(Some(document)) => embedded::hit_ranges(query, &document.text).unwrap_or_default(),
        _ => Vec::new(),
    });
    let similar = use_memo(props.id.clone(), |id| embedded::similar(id, SIMILAR).unwrap_or_default());
    let current = use_state(|| None::<usize>);
    let mark_id = |n: usize| format!("{}-mark-{n}", props.element_id);
    let go = {
        let current = current.clone();
        let count = marks.len();
        let prefix = props.element_id.to_string();
        move |step: isize| {
            let current = current.clone();
            let prefix = prefix.clone();
            Callback::from(move |_: MouseEvent| {
                if count == 0 {
                    return;
                }
                let next = match *current {
                    None if step > 0 => 0,
                    None => count - 1,
                    Some(at) => (at as isize + step).rem_euclid(count as isize) as usize,
                };
                current.set(Some(next));
                let element = web_sys::window()
                    .and_then(|window| window.document())
                    .and_then(|document| document.get_element_by_id(&format!("{prefix}-mark-{next}")));
                if let Some(element) = element {
                    element.scroll_into_view_with_bool(false);
                }
            })
        }
    };
    let body = match document.as_ref() {
        Ok(Some(document)) => {
            let date = match &document.date {
                Some(date) => html! {
                    <p class="doc-date">
                        <time datetime={date.iso()}>{ date.display() }</time>
                        { " · " }{ wording::date_provenance(date) }
                    </p>
                },
                None => html! { <p class="doc-date undated">{ "Undated" }</p> },
            };
            let facets = document.facets.iter().filter(|(_, values)| !values.is_empty()).map(|(field, values)| {
                html! { <div><dt>{ wording::field_label(field) }</dt><dd>{ values.join(", ") }</dd></div> }
            });
            let metadata = document.metadata.iter().map(|(key, value)| html! {
                <div><dt>{ key.clone() }</dt><dd>{ value.clone() }</dd></div>
            });
            let mut n = 0usize;
            let paragraphs = paragraphs(&document.text).into_iter().map(|(start, paragraph)| {
                let end = start + paragraph.len();
                let local: Vec<(u32, u32)> = marks
                    .iter()
                    .filter(|(s, e)| *s >= start && *e <= end)
                    .map(|(s, e)| ((s - start) as u32, (e - start) as u32))
                    .collect();
                let pieces: Vec<Html> = pieces(paragraph, &local)
                    .into_iter()
                    .map(|piece| match piece {
                        Piece::Plain(text) => html! { { text.to_string() } },
                        Piece::Marked(text) => {
                            let id = mark_id(n);
                            let is_current = *current == Some(n);
                            n += 1;
                            html! { <mark id={id} class={classes!(is_current.then_some("current"))}>{ text.to_string() }</mark> }
                        }
                    })
                    .collect();
                html! { <p>{ for pieces }</p> }
            });
            let navigation = (!marks.is_empty()).then(|| {
                let position = match *current {
                    Some(at) => format!("Hit {} of {}", at + 1, marks.len()),
                    None => format!("{} hits", marks.len()),
                };
                html! {
                    <div class="hit-nav">
                        <span aria-live="polite">{ position }</span>
                        <button type="button" class="link-button" onclick={go(-1)}>{ "Previous hit" }</button>
                        <button type="button" class="link-button" onclick={go(1)}>{ "Next hit" }</button>
                    </div>
                }
            });
            let similar = (!similar.is_empty()).then(|| html! {
                <section class="similar" aria-label="Similar documents">
                    <h4>{ "Similar documents" }</h4>
                    <ul>
                        { for similar.iter().map(|hit| html! {
                            <li data-similar-id={hit.id.clone()}>
                                { hit.title.clone() }
                                { for hit.date.map(|date| html! { <span class="muted">{ " · " }{ date.display() }</span> }) }
                            </li>
                        }) }
                    </ul>
                </section>
            });
            html! {
                <>
                    { date }
                    <dl class="doc-metadata">{ for facets }{ for metadata }</dl>
                    { for navigation }
                    { for paragraphs }
                    { for similar }
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

/// The paragraphs of a text (split at blank lines, trimmed, empty ones left
/// out) with the byte offset of each.
fn paragraphs(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut at = 0;
    for part in text.split("\n\n") {
        let lead = part.len() - part.trim_start().len();
        let trimmed = part.trim();
        if !trimmed.is_empty() {
            out.push((at + lead, trimmed));
        }
        at += part.len() + 2;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::paragraphs;

    #[test]
    fn paragraphs_keep_their_offsets() {
        let text = "One.\n\n  Two two.\n\n\n\nThree";
        for (at, paragraph) in paragraphs(text) {
            assert_eq!(&text[at..at + paragraph.len()], paragraph);
        }
        assert_eq!(paragraphs(text).len(), 3);
    }
}
