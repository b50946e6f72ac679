//! Keyword in context: every occurrence of the query's words and phrases in
//! the selection, one per line, the keyword in a middle column with its
//! left and right context aligned on it. Lines sort by document, by the
//! words before or by the words after; a line opens its document; the
//! lines export as CSV.

use std::rc::Rc;

use annals_engine::analytics::concordance::Concordance;
use annals_engine::sort::sort_by_key;
use yew::prelude::*;

use crate::{browser, csv, wording};

/// Properties of [`ConcordanceView`].
#[derive(Properties, PartialEq)]
pub struct ConcordanceViewProps {
    /// The lines.
    pub concordance: Rc<Concordance>,
    /// Open a document: `(id, keyword offset)`.
    pub on_open: Callback<(String, usize)>,
}

#[derive(Clone, Copy, PartialEq)]
enum Order {
    Document,
    Left,
    Right,
}

/// The concordance table.
#[component]
pub fn ConcordanceView(props: &ConcordanceViewProps) -> Html {
    let order = use_state(|| Order::Document);
    let kwic = &props.concordance;
    if kwic.lines.is_empty() {
        return html! { <p class="muted kwic-empty">{ "Type a word or a \"phrase\" to see each occurrence in context." }</p> };
    }
    let mut lines: Vec<_> = kwic.lines.iter().collect();
    let reversed_words = |text: &str| text.split_whitespace().rev().map(str::to_lowercase).collect::<Vec<_>>();
    match *order {
        Order::Document => {}
        Order::Left => sort_by_key(&mut lines, |l| reversed_words(&l.left)),
        Order::Right => sort_by_key(&mut lines, |l| l.right.to_lowercase()),
    }
    let sorter = |which: Order, label: &'static str| {
        let order = order.clone();
        let active = *order == which;
        html! {
            <button type="button" class="tab-button" aria-pressed={active.to_string()} onclick={Callback::from(move |_: MouseEvent| order.set(which))}>
                { label }
            </button>
        }
    };
    let export = {
        let kwic = kwic.clone();
        Callback::from(move |_: MouseEvent| {
            let mut rows = vec![vec!["id".to_string(), "title".into(), "date".into(), "left".into(), "keyword".into(), "right".into()]];
            for l in &kwic.lines {
                rows.push(vec![
                    l.id.clone(),
                    l.title.clone(),
                    l.day.map(annals_engine::date::iso_day).unwrap_or_default(),
                    l.left.clone(),
                    l.keyword.clone(),
                    l.right.clone(),
                ]);
            }
            browser::download("concordance.csv", "text/csv;charset=utf-8", &csv::table(&rows));
        })
    };
    let summary = if kwic.lines.len() < kwic.total || !kwic.complete {
        format!(
            "{} occurrences{}; the first {} are listed",
            wording::group_thousands(kwic.total),
            if kwic.complete { "" } else { " in the documents read" },
            wording::group_thousands(kwic.lines.len())
        )
    } else {
        format!("{} occurrences", wording::group_thousands(kwic.total))
    };
    html! {
        <section class="kwic" aria-label="Keyword in context">
            <div class="panel-bar">
                <p class="kwic-total" data-total={kwic.total.to_string()}>{ summary }</p>
                <div class="sorters" role="group" aria-label="Sort lines by">
                    { sorter(Order::Document, "Document") }
                    { sorter(Order::Left, "Left context") }
                    { sorter(Order::Right, "Right context") }
                </div>
                <button type="button" class="link-button" onclick={export}>{ "Export CSV" }</button>
            </div>
            <div class="kwic-scroll">
                <table class="kwic-table">
                    <thead><tr>
                        <th scope="col" class="kwic-left">{ "Before" }</th>
                        <th scope="col" class="kwic-key">{ "Keyword" }</th>
                        <th scope="col" class="kwic-right">{ "After" }</th>
                        <th scope="col" class="kwic-doc">{ "Document" }</th>
                    </tr></thead>
                    <tbody>
                        { for lines.into_iter().map(|line| {
                            let on_open = props.on_open.clone();
                            let target = (line.id.clone(), line.offset);
                            let open = Callback::from(move |_: MouseEvent| on_open.emit(target.clone()));
                            html! {
                                <tr class="kwic-line" data-doc-line={line.id.clone()}>
                                    <td class="kwic-left"><span>{ line.left.clone() }</span></td>
                                    <td class="kwic-key"><button type="button" class="kwic-open" onclick={open} title={format!("Open {}", line.title)}>{ line.keyword.clone() }</button></td>
                                    <td class="kwic-right"><span>{ line.right.clone() }</span></td>
                                    <td class="kwic-doc">{ line.title.clone() }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
        </section>
    }
}
