//! A document read in full under its hit: its date and where it came from,
//! its metadata, its text with every occurrence of the query marked (as
//! `<mark>` elements around text nodes) and every resolved date mention
//! marked (as `<time class="mention">`, its value in a tooltip and in text
//! for screen readers), a way from hit to hit, and the documents most like
//! it. A hit and a mention may overlap: the mention stays one element and a
//! hit crossing its edge is marked in two pieces.

use yew::prelude::*;

use crate::components::fetching::Fetching;
use crate::embedded::{self, Unanswered};
use crate::hooks::use_pieces_arrived;
use crate::mentions::{self, Run};
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
    /// The byte range of a mention to highlight (the reader was opened at it).
    #[prop_or_default]
    pub focus: Option<(u32, u32)>,
}

/// How many similar documents are listed.
const SIMILAR: usize = 5;

/// The full text of one document, read from the index when first shown.
#[component]
pub fn DocumentText(props: &DocumentTextProps) -> Html {
    let arrivals = use_pieces_arrived(None);
    let document = use_memo((props.id.clone(), arrivals), |(id, _)| embedded::document(id));
    let marks = use_memo((props.id.clone(), props.query.clone(), document.clone()), |(_, query, document)| match document.as_ref() {
        Ok(Some(document)) => embedded::hit_ranges(query, &document.text).unwrap_or_default(),
        _ => Vec::new(),
    });
    let similar = use_memo((props.id.clone(), arrivals), |(id, _)| embedded::similar(id, SIMILAR).unwrap_or_default());
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
            let mut hit_shown = vec![false; marks.len()];
            let paragraphs = paragraphs(&document.text).into_iter().map(|(start, paragraph)| {
                let end = start + paragraph.len();
                let (hit_numbers, local_hits): (Vec<usize>, Vec<(usize, usize)>) = marks
                    .iter()
                    .enumerate()
                    .filter(|(_, (s, e))| *s >= start && *e <= end)
                    .map(|(n, (s, e))| (n, (s - start, e - start)))
                    .unzip();
                let (local_mentions, mention_of): (Vec<(usize, usize)>, Vec<&annals_engine::Mention>) = document
                    .mentions
                    .iter()
                    .filter(|m| m.start as usize >= start && m.end as usize <= end)
                    .map(|m| ((m.start as usize - start, m.end as usize - start), m))
                    .unzip();
                let runs = mentions::runs(paragraph, &local_hits, &local_mentions);
                // A run as text, or as (a piece of) its hit's <mark>; the
                // first piece of a hit carries its id, the way Next hit finds it.
                let mut piece = |run: &Run| {
                    let text = paragraph[run.start..run.end].to_string();
                    match run.hit.and_then(|h| hit_numbers.get(h).copied()) {
                        None => html! { { text } },
                        Some(n) => {
                            let id = (!std::mem::replace(&mut hit_shown[n], true)).then(|| mark_id(n));
                            let is_current = *current == Some(n);
                            html! { <mark id={id} data-hit={n.to_string()} class={classes!(is_current.then_some("current"))}>{ text }</mark> }
                        }
                    }
                };
                let mut out: Vec<Html> = Vec::new();
                let mut i = 0;
                while i < runs.len() {
                    let Some(m) = runs[i].mention else {
                        out.push(piece(&runs[i]));
                        i += 1;
                        continue;
                    };
                    let j = runs[i..].iter().position(|r| r.mention != Some(m)).map_or(runs.len(), |k| i + k);
                    let children: Vec<Html> = runs[i..j].iter().map(&mut piece).collect();
                    let mention = mention_of[m];
                    let focused = props.focus == Some((mention.start, mention.end));
                    out.push(html! {
                        <time
                            class={classes!("mention", focused.then_some("focused"))}
                            datetime={mentions::datetime_attribute(&mention.value)}
                            data-value={mention.value.clone()}
                            data-mention-start={mention.start.to_string()}
                            title={mentions::tooltip(mention)}
                            tabindex="-1"
                        >
                            { for children }
                            <span class="visually-hidden">{ format!(" (date: {})", mentions::describe(mention)) }</span>
                        </time>
                    });
                    i = j;
                }
                html! { <p>{ for out }</p> }
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
        Err(Unanswered::Loading) => html! { <Fetching /> },
        Err(Unanswered::Unusable(reason)) => html! { <p class="problem">{ reason.clone() }</p> },
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
