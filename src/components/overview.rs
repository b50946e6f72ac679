//! The opening view, before any query: what this corpus is and what it holds.

use yew::prelude::*;

use crate::embedded::CorpusSummary;
use crate::wording;

/// Properties of [`Overview`].
#[derive(Properties, PartialEq)]
pub struct OverviewProps {
    /// The corpus, as the index describes it.
    pub summary: CorpusSummary,
}

/// The corpus overview: description, size, date span and undated count.
#[component]
pub fn Overview(props: &OverviewProps) -> Html {
    let summary = &props.summary;
    let span = match summary.span {
        Some((first, last)) => wording::date_span(first, last),
        None => "No dated documents".to_string(),
    };
    let description = (!summary.description.trim().is_empty())
        .then(|| html! { <p class="description">{ summary.description.clone() }</p> });
    html! {
        <div class="overview">
            <h2 class="visually-hidden">{ "About this corpus" }</h2>
            { for description }
            <dl class="facts">
                <div class="fact">
                    <dt>{ "Documents" }</dt>
                    <dd>{ wording::group_thousands(summary.documents) }</dd>
                </div>
                <div class="fact">
                    <dt>{ "Dates" }</dt>
                    <dd>{ span }</dd>
                </div>
                <div class="fact">
                    <dt>{ "Undated" }</dt>
                    <dd>{ wording::group_thousands(summary.undated) }</dd>
                </div>
            </dl>
            <p class="hint">
                { "Type a name, place or phrase. Results update as you type; press " }
                <kbd>{ "/" }</kbd>{ " to search from anywhere and " }<kbd>{ "Esc" }</kbd>{ " to clear." }
            </p>
        </div>
    }
}
