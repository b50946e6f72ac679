//! The chronology: the selection's mentions of a period in the order of
//! the dates they refer to, each with the date written for a reader and
//! its precision, its sentence with the mention marked, and the document
//! that says it and when. A row opens the reader at the mention; "Show
//! more" pages on; the whole chronology exports as CSV.

use std::rc::Rc;

use annals_engine::analytics::mentions::{Chronology, ChronologyEntry};
use annals_engine::limits::MAX_CHRONOLOGY_ENTRIES;
use annals_engine::Selection;
use yew::prelude::*;

use crate::embedded::Unanswered;
use crate::hooks::use_selection_views::CHRONOLOGY_PAGE;
use crate::snippet::{pieces, Piece};
use crate::{browser, csv, embedded, mentions, wording};

/// Properties of [`ChronologyView`].
#[derive(Properties, PartialEq)]
pub struct ChronologyViewProps {
    /// The first page of entries.
    pub chronology: Rc<Chronology>,
    /// The selection they are of (for the next pages and the export).
    pub selection: Selection,
    /// Open a document at a mention: `(id, (start, end))`.
    pub on_open: Callback<(String, (u32, u32))>,
}

/// "1 mention", "1,234 mentions".
fn mentions_count(count: usize) -> String {
    match count {
        1 => "1 mention".to_string(),
        n => format!("{} mentions", wording::group_thousands(n)),
    }
}

/// Every mention of the selection as CSV rows, page after page of the
/// engine's largest request.
pub fn export_rows(selection: &Selection) -> Result<Vec<Vec<String>>, Unanswered> {
    let header = [
        "id", "title", "document date", "referred value", "first day", "last day", "precision", "type", "surface", "sentence",
    ];
    let mut rows = vec![header.iter().map(|h| h.to_string()).collect::<Vec<_>>()];
    let mut offset = 0;
    loop {
        let page = embedded::chronology(selection, offset, MAX_CHRONOLOGY_ENTRIES)?;
        for entry in &page.entries {
            let m = &entry.mention;
            let (s, e) = (entry.mark.0 as usize, entry.mark.1 as usize);
            rows.push(vec![
                entry.id.clone(),
                entry.title.clone(),
                entry.document_day.map(annals_engine::date::iso_day).unwrap_or_default(),
                m.value.clone(),
                m.first_day.map(annals_engine::date::iso_day).unwrap_or_default(),
                m.last_day.map(annals_engine::date::iso_day).unwrap_or_default(),
                mentions::precision_name(m.granularity).to_string(),
                m.kind.as_str().to_string(),
                entry.sentence.get(s..e).unwrap_or_default().to_string(),
                entry.sentence.clone(),
            ]);
        }
        offset += page.entries.len();
        if page.entries.is_empty() || offset >= page.total {
            return Ok(rows);
        }
    }
}

/// One row: the date referred to, the sentence, the document.
fn row(entry: &ChronologyEntry, on_open: &Callback<(String, (u32, u32))>) -> Html {
    let m = &entry.mention;
    let target = (entry.id.clone(), (m.start, m.end));
    let open = {
        let (on_open, target) = (on_open.clone(), target.clone());
        Callback::from(move |_: MouseEvent| on_open.emit(target.clone()))
    };
    let open_row = {
        let (on_open, target) = (on_open.clone(), target);
        Callback::from(move |event: MouseEvent| {
            // The button handles its own click; elsewhere in the row a
            // click opens too (the button is the keyboard's way).
            let on_button = event
                .target()
                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
                .is_some_and(|e| e.closest("button").ok().flatten().is_some());
            if !on_button {
                on_open.emit(target.clone());
            }
        })
    };
    let described = mentions::describe(m);
    let precision = mentions::precision_name(m.granularity);
    let sentence = pieces(&entry.sentence, &[entry.mark]).into_iter().map(|piece| match piece {
        Piece::Plain(text) => html! { { text.to_string() } },
        Piece::Marked(text) => html! { <mark>{ text.to_string() }</mark> },
    });
    let doc_date = entry
        .document_day
        .map(|day| html! { <time class="chrono-doc-date" datetime={annals_engine::date::iso_day(day)}>{ wording::day(day) }</time> });
    html! {
        <tr class="chrono-row" data-doc-line={entry.id.clone()} data-value={m.value.clone()}
            data-first={m.first_day.map(annals_engine::date::iso_day)} onclick={open_row}>
            <td class="chrono-when">
                <button type="button" class="chrono-open" onclick={open} title={format!("Open {} at this date", entry.title)}>
                    { described }
                </button>
                <span class="chrono-precision">{ precision }</span>
            </td>
            <td class="chrono-sentence">{ for sentence }</td>
            <td class="chrono-doc">
                <span class="chrono-title">{ entry.title.clone() }</span>
                { for doc_date }
            </td>
        </tr>
    }
}

/// The chronology table.
#[component]
pub fn ChronologyView(props: &ChronologyViewProps) -> Html {
    // Pages fetched after the first, for the selection they belong to.
    let more = use_state(|| (props.selection.clone(), Vec::<ChronologyEntry>::new()));
    let first = &props.chronology;
    if first.total == 0 {
        return html! {
            <p class="muted chrono-empty">{ "The texts of this selection mention no calendar period." }</p>
        };
    }
    let extra: &[ChronologyEntry] = if more.0 == props.selection { &more.1 } else { &[] };
    let shown = first.entries.len() + extra.len();
    let on_more = {
        let (more, selection, offset, extra) = (more.clone(), props.selection.clone(), shown, extra.to_vec());
        Callback::from(move |_: MouseEvent| {
            let (more, selection, extra) = (more.clone(), selection.clone(), extra.clone());
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(page) = embedded::complete(|| embedded::chronology(&selection, offset, CHRONOLOGY_PAGE)).await {
                    let mut entries = extra;
                    entries.extend(page.entries);
                    more.set((selection, entries));
                }
            });
        })
    };
    let export = {
        let selection = props.selection.clone();
        Callback::from(move |_: MouseEvent| {
            let selection = selection.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(rows) = embedded::complete(|| export_rows(&selection)).await {
                    browser::download("chronology.csv", "text/csv;charset=utf-8", &csv::table(&rows));
                }
            });
        })
    };
    let summary = if shown < first.total {
        format!("{}; the first {} are listed", mentions_count(first.total), wording::group_thousands(shown))
    } else {
        mentions_count(first.total)
    };
    html! {
        <section class="chronology" aria-label="Chronology of mentioned dates">
            <div class="panel-bar">
                <p class="chrono-total" data-total={first.total.to_string()}>{ summary }</p>
                <button type="button" class="link-button" onclick={export}>{ "Export CSV" }</button>
            </div>
            <div class="chrono-scroll">
                <table class="chrono-table">
                    <thead><tr>
                        <th scope="col" class="chrono-when">{ "Refers to" }</th>
                        <th scope="col" class="chrono-sentence">{ "Said" }</th>
                        <th scope="col" class="chrono-doc">{ "In" }</th>
                    </tr></thead>
                    <tbody>
                        { for first.entries.iter().chain(extra.iter()).map(|entry| row(entry, &props.on_open)) }
                    </tbody>
                </table>
            </div>
            if shown < first.total {
                <button type="button" class="show-more" onclick={on_more}>{ "Show more" }</button>
            }
        </section>
    }
}
