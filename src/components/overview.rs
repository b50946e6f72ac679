//! The opening view, before any query: what this corpus is and what it holds.

use std::rc::Rc;

use annals_engine::analytics::terms::TermStats;
use yew::prelude::*;

use crate::embedded::CorpusSummary;
use crate::wording;

/// Properties of [`Overview`].
#[derive(Properties, PartialEq)]
pub struct OverviewProps {
    /// The corpus, as the index describes it.
    pub summary: CorpusSummary,
    /// The corpus's most frequent words, if read.
    #[prop_or_default]
    pub terms: Option<Rc<TermStats>>,
    /// Search for a word.
    #[prop_or_default]
    pub on_search_for: Callback<String>,
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
            { for props.terms.as_ref().filter(|t| !t.frequent.is_empty()).map(|terms| html! {
                <section class="overview-terms" aria-labelledby="frequent-words">
                    <h3 id="frequent-words">{ "Most frequent words" }</h3>
                    <ul class="word-cloud">
                        { for terms.frequent.iter().map(|t| {
                            let on_search_for = props.on_search_for.clone();
                            let word = t.term.clone();
                            html! {
                                <li>
                                    <button type="button" class="term" data-term={t.term.clone()} title={format!("{}: {}", t.term, wording::group_thousands(t.count))}
                                        onclick={Callback::from(move |_: MouseEvent| on_search_for.emit(word.clone()))}>
                                        { t.term.clone() }<span class="term-count">{ wording::group_thousands(t.count) }</span>
                                    </button>
                                </li>
                            }
                        }) }
                    </ul>
                </section>
            }) }
            <p class="hint">
                { "Type a name, place or phrase. Results update as you type; press " }
                <kbd>{ "/" }</kbd>{ " to search from anywhere and " }<kbd>{ "Esc" }</kbd>{ " to clear." }
            </p>
        </div>
    }
}
