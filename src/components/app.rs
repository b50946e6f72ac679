//! The whole page, the analyst's workbench: the search box on top, the
//! filters in force as chips, the facets beside, and the linked views of one
//! selection (query, facet filters, date range): the timeline, then the
//! documents, the keyword-in-context lines or the terms; the reader over
//! them. Every view answers to the same state, which the URL holds.

use std::rc::Rc;

use annals_engine::explore::TermScore;
use annals_engine::Sort;
use yew::prelude::*;

use crate::components::concordance_view::ConcordanceView;
use crate::components::facet_sidebar::FacetSidebar;
use crate::components::filter_chips::FilterChips;
use crate::components::reader::Reader;
use crate::components::terms_view::TermsView;
use crate::components::timeline_panel::TimelinePanel;
use crate::components::trends_panel::TrendsPanel;
use crate::components::view_tabs::ViewTabs;
use crate::csv;

use crate::browser;
use crate::components::hit_count::HitCount;
use crate::components::no_results::NoResults;
use crate::components::overview::Overview;
use crate::components::result_list::ResultList;
use crate::components::search_box::SearchBox;
use crate::components::sort_control::SortControl;
use crate::embedded::{self, CorpusSummary};
use crate::hooks::{state_from_url, use_debounce, use_selection_in_url, use_slash_to_focus};
use crate::options::AppOptions;
use crate::state::{Action, State, Tab, View};
use crate::wording;

/// How long typing must pause before the search runs. Searches take a few
/// milliseconds, so this only spares work while a word is half typed.
const TYPING_PAUSE_MS: u32 = 120;

/// The title used when the index cannot tell us the corpus's own.
const FALLBACK_TITLE: &str = "Annals";

/// The state to open with: the page's address holds it on the explorer's own
/// page; a guest on another site's page starts from its mount options.
fn initial_state(options: &AppOptions) -> State {
    let state = if options.sync_url { state_from_url() } else { State::opened_with(String::new(), Sort::default()) };
    match &options.query {
        Some(query) if state.query.is_empty() => State {
            open: state.open.clone(),
            ..State::opened_with_selection(query.clone(), state.sort, state.filters.clone(), state.date_range, state.tab)
        },
        _ => state,
    }
}

/// The app's root component.
#[component]
pub fn App() -> Html {
    let summary = use_memo((), |_| embedded::summary());
    let options = use_context::<AppOptions>().unwrap_or_default();
    let state = {
        let options = options.clone();
        use_reducer(move || initial_state(&options))
    };
    let input_ref = use_node_ref();
    let debounce = use_debounce(TYPING_PAUSE_MS);

    let corpus_title = match summary.as_ref() {
        Ok(summary) => summary.title.clone(),
        Err(_) => FALLBACK_TITLE.to_string(),
    };
    use_selection_in_url(&state, &corpus_title, state.dispatcher(), options.sync_url);

    // The views' answers, each recomputed only when the selection changes.
    let selection_key = (state.query.clone(), state.filters.clone(), state.date_range);
    let facets = use_memo(selection_key.clone(), |(query, filters, range)| {
        Rc::new(embedded::facet_counts(&embedded::selection_request(query, filters, *range)).unwrap_or_default())
    });
    let timeline = use_memo(selection_key.clone(), |(query, filters, range)| {
        embedded::timeline(&embedded::selection_request(query, filters, *range), None).ok().map(Rc::new)
    });
    let kwic = use_memo((selection_key.clone(), state.tab), |((query, filters, range), tab)| {
        (*tab == Tab::Concordance)
            .then(|| embedded::concordance(&embedded::selection_request(query, filters, *range), KWIC_WIDTH, KWIC_LINES).ok().map(Rc::new))
            .flatten()
    });
    let selecting = state.is_selecting();
    let terms = use_memo((selection_key.clone(), state.tab, selecting), |((query, filters, range), tab, selecting)| {
        (*tab == Tab::Terms || !*selecting)
            .then(|| embedded::term_stats(&embedded::selection_request(query, filters, *range), TERMS).ok().map(Rc::new))
            .flatten()
    });
    let collocates = use_memo((selection_key, state.tab), |((query, filters, range), tab)| {
        let word = first_word(query);
        let near: Vec<TermScore> = if *tab == Tab::Terms && !word.is_empty() {
            embedded::collocates(&embedded::selection_request("", filters, *range), &word, TERMS).unwrap_or_default()
        } else {
            Vec::new()
        };
        Rc::new((word, near))
    });
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
    let on_include = {
        let dispatcher = state.dispatcher();
        Callback::from(move |(field, value): (String, String)| dispatcher.dispatch(Action::ToggleInclude(field, value)))
    };
    let on_exclude = {
        let dispatcher = state.dispatcher();
        Callback::from(move |(field, value): (String, String)| dispatcher.dispatch(Action::ToggleExclude(field, value)))
    };
    let on_range = {
        let dispatcher = state.dispatcher();
        Callback::from(move |range| dispatcher.dispatch(Action::SetDateRange(range)))
    };
    let on_clear_range = {
        let dispatcher = state.dispatcher();
        Callback::from(move |()| dispatcher.dispatch(Action::SetDateRange(None)))
    };
    let on_clear_all = {
        let dispatcher = state.dispatcher();
        Callback::from(move |()| dispatcher.dispatch(Action::ClearFilters))
    };
    let on_tab = {
        let dispatcher = state.dispatcher();
        Callback::from(move |tab| dispatcher.dispatch(Action::ShowTab(tab)))
    };
    let on_open = {
        let dispatcher = state.dispatcher();
        Callback::from(move |id: String| dispatcher.dispatch(Action::Open(Some(id))))
    };
    let on_open_line = {
        let on_open = on_open.clone();
        Callback::from(move |(id, _offset): (String, usize)| on_open.emit(id))
    };
    let on_close = {
        let dispatcher = state.dispatcher();
        Callback::from(move |()| {
            let id = dispatcher_close(&dispatcher);
            // Back to the hit the reader was opened from.
            focus_hit(&id);
        })
    };
    let on_add = {
        let dispatcher = state.dispatcher();
        Callback::from(move |word: String| dispatcher.dispatch(Action::AddToQuery(word)))
    };
    let on_export = {
        let (query, sort, filters, range) = (state.query.clone(), state.sort, state.filters.clone(), state.date_range);
        Callback::from(move |_: MouseEvent| {
            let Ok(results) = embedded::search_selection(&query, EXPORT_ROWS, sort, &filters, range) else { return };
            let mut rows = vec![vec!["id".to_string(), "title".into(), "date".into(), "precision".into(), "score".into(), "facets".into(), "snippet".into()]];
            for hit in &results.hits {
                rows.push(vec![
                    hit.id.clone(),
                    hit.title.clone(),
                    hit.date.map(|d| d.iso()).unwrap_or_default(),
                    hit.date.map(|d| format!("{:?}", d.precision).to_lowercase()).unwrap_or_default(),
                    format!("{:.4}", hit.score),
                    hit.facets.iter().map(|(f, v)| format!("{f}={v}")).collect::<Vec<_>>().join("; "),
                    hit.snippet.text.clone(),
                ]);
            }
            browser::download("results.csv", "text/csv;charset=utf-8", &csv::table(&rows));
        })
    };

    let (view_name, count_text, body) = match (&state.view, summary.as_ref()) {
        (_, Err(reason)) | (View::Unavailable(reason), _) => {
            ("unavailable", String::new(), html! { <p class="problem" role="alert">{ reason.clone() }</p> })
        }
        (View::Overview, Ok(summary)) => (
            "overview",
            String::new(),
            html! { <Overview summary={summary.clone()} terms={(*terms).clone()} on_search_for={on_search_for.clone()} /> },
        ),
        (View::Results(results), Ok(_)) if state.tab == Tab::Concordance => (
            "kwic",
            wording::documents(results.total),
            match (*kwic).clone() {
                Some(kwic) => html! { <ConcordanceView concordance={kwic} on_open={on_open_line.clone()} /> },
                None => html! {},
            },
        ),
        (View::Results(results), Ok(_)) if state.tab == Tab::Terms => (
            "terms",
            wording::documents(results.total),
            match (*terms).clone() {
                Some(stats) => html! { <TermsView {stats} collocates={(*collocates).clone()} on_add={on_add.clone()} /> },
                None => html! {},
            },
        ),
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
            html! {
                <ResultList
                    results={results.clone()}
                    on_show_more={on_show_more.clone()}
                    on_search_for={on_search_for.clone()}
                    query={state.query.clone()}
                    on_open={on_open.clone()}
                />
            },
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
                <FilterChips
                    filters={state.filters.clone()}
                    date_range={state.date_range}
                    on_remove_include={on_include.clone()}
                    on_remove_exclude={on_exclude.clone()}
                    {on_clear_range}
                    {on_clear_all}
                />
                <div class="workbench">
                    <FacetSidebar facets={(*facets).clone()} filters={state.filters.clone()} {on_include} {on_exclude} />
                    <div class="workbench-main">
                        if let Some(timeline) = (*timeline).clone() {
                            <TimelinePanel {timeline} date_range={state.date_range} {on_range} />
                        }
                        <TrendsPanel filters={state.filters.clone()} date_range={state.date_range} />
                        <div class="result-bar">
                            <HitCount text={count_text} />
                            if selecting && !unusable {
                                <ViewTabs tab={state.tab} on_change={on_tab} />
                            }
                            if view_name == "results" {
                                <SortControl sort={state.sort} on_change={on_sort} />
                                <button type="button" class="link-button export" onclick={on_export}>{ "Export CSV" }</button>
                            }
                        </div>
                        <section class="results" aria-label="Results" data-view={view_name} data-query={state.query.clone()}>
                            { body }
                        </section>
                    </div>
                </div>
            </main>
            if let Some(id) = state.open.clone() {
                <Reader id={id} query={state.query.clone()} {on_close} />
            }
            <Footer summary={summary.as_ref().as_ref().ok().cloned()} />
        </>
    }
}

/// Characters of context each side of a keyword-in-context line.
const KWIC_WIDTH: usize = 60;
/// Most keyword-in-context lines shown.
const KWIC_LINES: usize = 500;
/// Words per terms list.
const TERMS: usize = 30;
/// Most rows a results export holds (the engine's page limit).
const EXPORT_ROWS: usize = 1_000;

/// The query's first plain word (for collocates), or nothing.
fn first_word(query: &str) -> String {
    query
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .find(|w| !w.is_empty() && !w.contains(':') && !matches!(*w, "OR" | "AND" | "NOT"))
        .unwrap_or("")
        .to_string()
}

/// Closes the reader, returning the id it showed (read from the URL the
/// state last wrote, since the dispatcher cannot read the state).
fn dispatcher_close(dispatcher: &UseReducerDispatcher<State>) -> Option<String> {
    let id = browser::selection_from_url().open;
    dispatcher.dispatch(Action::Open(None));
    id
}

/// Focuses the listed hit with this id, if it is on the page.
fn focus_hit(id: &Option<String>) {
    let Some(id) = id else { return };
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Ok(list) = document.query_selector_all("li.hit[data-doc-id]") else { return };
    for i in 0..list.length() {
        let Some(node) = list.item(i) else { continue };
        let Ok(element) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(node) else { continue };
        if element.get_attribute("data-doc-id").as_deref() == Some(id.as_str()) {
            let _ = element.focus();
            return;
        }
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
