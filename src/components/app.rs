//! The whole page: masthead, search box, the live hit count, and either the
//! corpus overview, the results or the no-results help.

use yew::prelude::*;

use crate::browser;
use crate::components::hit_count::HitCount;
use crate::components::no_results::NoResults;
use crate::components::overview::Overview;
use crate::components::result_list::ResultList;
use crate::components::search_box::SearchBox;
use crate::components::sort_control::SortControl;
use crate::embedded::{self, CorpusSummary};
use crate::hooks::{use_debounce, use_query_in_url, use_slash_to_focus};
use crate::options::AppOptions;
use crate::state::{Action, State, View};
use crate::wording;

/// How long typing must pause before the search runs. Searches take a few
/// milliseconds, so this only spares work while a word is half typed.
const TYPING_PAUSE_MS: u32 = 120;

/// The title used when the index cannot tell us the corpus's own.
const FALLBACK_TITLE: &str = "Annals";

/// The app's root component.
#[component]
pub fn App() -> Html {
    let options = use_context::<AppOptions>().unwrap_or_default();
    let summary = use_memo((), |_| embedded::summary());
    let state = use_reducer(|| {
        let (query, sort) = if options.sync_url { browser::search_from_url() } else { Default::default() };
        let query = if query.is_empty() { options.query.clone().unwrap_or_default() } else { query };
        State::opened_with(query, sort)
    });
    let input_ref = use_node_ref();
    let debounce = use_debounce(TYPING_PAUSE_MS);

    let corpus_title = match summary.as_ref() {
        Ok(summary) => summary.title.clone(),
        Err(_) => FALLBACK_TITLE.to_string(),
    };
    use_query_in_url(&state.query, state.sort, &corpus_title, options.sync_url);
    // A guest on another site's page leaves that page's `/` key alone: the
    // shortcut gets a ref bound to nothing, which makes it do nothing.
    let unbound_ref = use_node_ref();
    use_slash_to_focus(if options.is_guest() { unbound_ref } else { input_ref.clone() });
    // Effects run after the first render is in the DOM: the box is usable now.
    let ready_root = options.root.clone();
    use_effect_with((), move |_| browser::mark_ready(ready_root.as_ref()));

    let on_edit = {
        let dispatcher = state.dispatcher();
        let debounce = debounce.clone();
        Callback::from(move |text: String| {
            dispatcher.dispatch(Action::Edit(text));
            let dispatcher = dispatcher.clone();
            debounce.schedule(Callback::from(move |()| dispatcher.dispatch(Action::Commit)));
        })
    };
    let on_submit = {
        let dispatcher = state.dispatcher();
        let debounce = debounce.clone();
        Callback::from(move |()| {
            debounce.cancel();
            dispatcher.dispatch(Action::Commit);
        })
    };
    let on_clear = {
        let dispatcher = state.dispatcher();
        let debounce = debounce.clone();
        Callback::from(move |()| {
            debounce.cancel();
            dispatcher.dispatch(Action::Clear);
        })
    };
    let on_search_for = {
        let dispatcher = state.dispatcher();
        let input_ref = input_ref.clone();
        Callback::from(move |query: String| {
            debounce.cancel();
            dispatcher.dispatch(Action::SearchFor(query));
            // The clicked suggestion is gone after this render; keep the
            // keyboard user's place by returning to the box.
            if let Some(input) = input_ref.cast::<web_sys::HtmlElement>() {
                let _ = input.focus();
            }
        })
    };
    let on_show_more = {
        let dispatcher = state.dispatcher();
        Callback::from(move |()| dispatcher.dispatch(Action::ShowMore))
    };
    let on_sort = {
        let dispatcher = state.dispatcher();
        Callback::from(move |sort| dispatcher.dispatch(Action::SortBy(sort)))
    };

    let (view_name, count_text, body) = match (&state.view, summary.as_ref()) {
        (_, Err(reason)) | (View::Unavailable(reason), _) => {
            ("unavailable", String::new(), html! { <p class="problem" role="alert">{ reason.clone() }</p> })
        }
        (View::Overview, Ok(summary)) => ("overview", String::new(), html! { <Overview summary={summary.clone()} /> }),
        (View::Results(results), Ok(_)) if results.total == 0 || results.hits.is_empty() => (
            "no-results",
            wording::documents(0),
            html! {
                <NoResults
                    query={state.query.clone()}
                    suggestion={results.suggestion.clone()}
                    notices={results.notices.clone()}
                    on_search_for={on_search_for.clone()}
                />
            },
        ),
        (View::Results(results), Ok(_)) => (
            "results",
            wording::hit_count(results.total, results.hits.len()),
            html! { <ResultList results={results.clone()} on_show_more={on_show_more.clone()} on_search_for={on_search_for.clone()} /> },
        ),
    };
    let unusable = summary.is_err();

    html! {
        <>
            <a class="skip-link" href="#search-box">{ "Skip to search" }</a>
            <header class="masthead">
                <div class="wrap">
                    <p class="eyebrow">{ "Annals · corpus explorer" }</p>
                    <h1 class="corpus-title">{ corpus_title.clone() }</h1>
                </div>
            </header>
            <main id="main" class="wrap">
                <SearchBox
                    value={state.draft.clone()}
                    input_ref={input_ref.clone()}
                    disabled={unusable}
                    slash_shortcut={!options.is_guest()}
                    {on_edit}
                    {on_submit}
                    {on_clear}
                />
                <div class="result-bar">
                    <HitCount text={count_text} />
                    if view_name == "results" {
                        <SortControl sort={state.sort} on_change={on_sort} />
                    }
                </div>
                <section class="results" aria-label="Results" data-view={view_name} data-query={state.query.clone()}>
                    { body }
                </section>
            </main>
            <Footer summary={summary.as_ref().as_ref().ok().cloned()} />
        </>
    }
}

/// Properties of [`Footer`].
#[derive(Properties, PartialEq)]
struct FooterProps {
    summary: Option<CorpusSummary>,
}

/// The page's foot: what this page is, in one line.
#[component]
fn Footer(props: &FooterProps) -> Html {
    let size = props.summary.as_ref().map(|summary| wording::documents(summary.documents)).unwrap_or_default();
    html! {
        <footer class="footer">
            <p class="wrap">
                { "Annals — the whole index of " }{ size }{ " is inside this page; searches never leave your browser." }
            </p>
        </footer>
    }
}
