//! The whole page, the analyst's workbench: the search box on top, the
//! filters in force as chips, the facets beside, and the linked views of one
//! selection (query, facet filters, date range): the timeline, then the
//! documents, the keyword-in-context lines, the terms or the chronology of
//! mentioned dates; the reader over them. Every view answers to the same state, which the URL holds.

use annals_engine::limits::MAX_HITS_PER_REQUEST;
use annals_engine::{SearchRequest, SearchResults, Selection, Sort};
use yew::prelude::*;

use crate::components::chronology_view::ChronologyView;
use crate::components::concordance_view::ConcordanceView;
use crate::components::facet_sidebar::FacetSidebar;
use crate::components::fetching::Fetching;
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
use crate::embedded::{self, CorpusSummary, Unanswered};
use crate::hooks::{state_from_url, use_debounce, use_pieces_arrived, use_selection_in_url, use_selection_views, use_slash_to_focus};
use crate::options::AppOptions;
use crate::state::{Action, Layer, State, Tab, View};
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
    match &options.selection {
        Some(selection) if state.selection.is_whole_corpus() => {
            State { open: state.open.clone(), ..State::opened_with_selection(selection.clone(), state.sort, state.tab) }
        }
        _ => state,
    }
}

/// What the results area shows, by name in its `data-view` attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ResultsBody {
    /// The index cannot be used; the reason is shown.
    Unavailable,
    /// Parts of a split index the answer needs are being fetched.
    Loading,
    /// Nothing selected yet: the corpus overview.
    Overview,
    /// Keyword in context.
    Concordance,
    /// Frequent, distinctive and nearby words.
    Terms,
    /// Mentioned dates in the order of the dates.
    Chronology,
    /// The selection has no documents.
    NoResults,
    /// A page of hits.
    Hits,
}

impl ResultsBody {
    /// What to show for this view of the state.
    fn of(view: &View, tab: Tab, usable: bool) -> ResultsBody {
        match view {
            _ if !usable => ResultsBody::Unavailable,
            View::Unavailable(_) => ResultsBody::Unavailable,
            View::Loading => ResultsBody::Loading,
            View::Overview => ResultsBody::Overview,
            View::Results(_) if tab == Tab::Concordance => ResultsBody::Concordance,
            View::Results(_) if tab == Tab::Terms => ResultsBody::Terms,
            View::Results(_) if tab == Tab::Chronology => ResultsBody::Chronology,
            View::Results(results) if results.total == 0 || results.hits.is_empty() => ResultsBody::NoResults,
            View::Results(_) => ResultsBody::Hits,
        }
    }

    /// The name tests and style sheets know it by.
    fn name(self) -> &'static str {
        match self {
            ResultsBody::Unavailable => "unavailable",
            ResultsBody::Loading => "loading",
            ResultsBody::Overview => "overview",
            ResultsBody::Concordance => "kwic",
            ResultsBody::Terms => "terms",
            ResultsBody::Chronology => "chronology",
            ResultsBody::NoResults => "no-results",
            ResultsBody::Hits => "results",
        }
    }
}

/// A callback that dispatches the action made from its value.
fn dispatching<T: 'static>(dispatcher: &UseReducerDispatcher<State>, action: impl Fn(T) -> Action + 'static) -> Callback<T> {
    let dispatcher = dispatcher.clone();
    Callback::from(move |value| dispatcher.dispatch(action(value)))
}

/// A view with no answer: fetching what it needs, or why it cannot be
/// shown.
fn unanswered_view(unanswered: Unanswered) -> Html {
    match unanswered {
        Unanswered::Loading => html! { <Fetching /> },
        Unanswered::Unusable(reason) => html! { <p class="problem" role="alert">{ reason }</p> },
    }
}

/// Every hit of a selection, page after page of the engine's largest
/// request, as CSV rows (formula-like cells are neutralised by [`csv`]).
fn export_rows(selection: &Selection, sort: Sort) -> Result<Vec<Vec<String>>, Unanswered> {
    let mut rows = vec![vec!["id".to_string(), "title".into(), "date".into(), "precision".into(), "score".into(), "facets".into(), "snippet".into()]];
    let mut request = SearchRequest::of(selection.clone(), sort, MAX_HITS_PER_REQUEST);
    loop {
        let page: SearchResults = embedded::search(&request)?;
        for hit in &page.hits {
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
        request.offset += page.hits.len();
        if page.hits.is_empty() || request.offset >= page.total {
            return Ok(rows);
        }
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
    // The timeline chart's width as drawn: a narrow one asks for fewer,
    // wider bars.
    let timeline_width = use_state_eq(|| None::<u32>);
    let timeline_bins = timeline_width.map(crate::components::timeline_panel::most_bins);
    let views = use_selection_views(&state.selection, state.tab, state.layer, timeline_bins);
    // A search that waited for parts of a split index is searched again
    // when they are here.
    use_pieces_arrived(Some(dispatching(&state.dispatcher(), |()| Action::PiecesArrived)));
    // The corpus's most frequent words, as the overview last counted them,
    // are the trends box's example (kept while a selection is shown).
    let trend_examples = use_mut_ref(Vec::<String>::new);
    if let Some(Ok(terms)) = views.terms.as_ref().filter(|_| !state.is_selecting()) {
        *trend_examples.borrow_mut() = terms.frequent.iter().take(2).map(|t| t.term.clone()).collect();
    }
    // A guest on another site's page leaves that page's `/` key alone: the
    // shortcut gets a ref bound to nothing, which makes it do nothing.
    let unbound_ref = use_node_ref();
    use_slash_to_focus(if options.is_guest() { unbound_ref } else { input_ref.clone() });
    // Effects run after the first render is in the DOM: the box is usable now.
    let ready_root = options.root.clone();
    use_effect_with((), move |_| browser::mark_ready(ready_root.as_ref()));

    let dispatcher = state.dispatcher();
    let on_edit = {
        let (dispatcher, debounce) = (dispatcher.clone(), debounce.clone());
        Callback::from(move |text: String| {
            dispatcher.dispatch(Action::Edit(text));
            let dispatcher = dispatcher.clone();
            debounce.schedule(Callback::from(move |()| dispatcher.dispatch(Action::Commit)));
        })
    };
    // Enter, Escape and a chosen suggestion act now: the pending search of
    // the typing pause is dropped.
    let now = |action: fn(()) -> Action| {
        let (dispatcher, debounce) = (dispatcher.clone(), debounce.clone());
        Callback::from(move |()| {
            debounce.cancel();
            dispatcher.dispatch(action(()));
        })
    };
    let on_submit = now(|()| Action::Commit);
    let on_clear = now(|()| Action::Clear);
    let on_search_for = {
        let (dispatcher, debounce, input_ref) = (dispatcher.clone(), debounce.clone(), input_ref.clone());
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
    let on_show_more = dispatching(&dispatcher, |()| Action::ShowMore);
    let on_sort = dispatching(&dispatcher, Action::SortBy);
    let on_include = dispatching(&dispatcher, |(field, value): (String, String)| Action::ToggleInclude(field, value));
    let on_exclude = dispatching(&dispatcher, |(field, value): (String, String)| Action::ToggleExclude(field, value));
    let on_range = dispatching(&dispatcher, Action::SetDateRange);
    let on_clear_range = dispatching(&dispatcher, |()| Action::SetDateRange(None));
    let on_clear_all = dispatching(&dispatcher, |()| Action::ClearFilters);
    let on_tab = dispatching(&dispatcher, Action::ShowTab);
    let on_open = dispatching(&dispatcher, |id: String| Action::Open(Some(id)));
    let on_open_line = dispatching(&dispatcher, |(id, _offset): (String, usize)| Action::Open(Some(id)));
    let on_open_mention = dispatching(&dispatcher, |(id, at): (String, (u32, u32))| Action::OpenAt(id, at));
    let on_layer = dispatching(&dispatcher, Action::ShowLayer);
    let on_mention_range = dispatching(&dispatcher, Action::SetMentionRange);
    let on_timeline_width = {
        let timeline_width = timeline_width.clone();
        Callback::from(move |width: u32| timeline_width.set(Some(width)))
    };
    let on_add = dispatching(&dispatcher, Action::AddToQuery);
    let on_close = {
        let (dispatcher, root, open) = (dispatcher.clone(), options.root.clone(), state.open.clone());
        Callback::from(move |()| {
            // A guest that leaves the address alone has the id only in its state.
            let id = dispatcher_close(&dispatcher).or_else(|| open.clone());
            // Back to the hit the reader was opened from.
            focus_hit(&id, root.as_ref());
        })
    };
    let on_export = {
        let (selection, sort) = (state.selection.clone(), state.sort);
        Callback::from(move |_: MouseEvent| {
            let selection = selection.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(rows) = embedded::complete(|| export_rows(&selection, sort)).await {
                    browser::download("results.csv", "text/csv;charset=utf-8", &csv::table(&rows));
                }
            });
        })
    };

    let body_kind = ResultsBody::of(&state.view, state.tab, summary.is_ok());
    let total = match &state.view {
        View::Results(results) => results.total,
        _ => 0,
    };
    let count_text = match (&state.view, body_kind) {
        (View::Results(results), ResultsBody::Hits) => wording::hit_count(results.total, results.hits.len()),
        (_, ResultsBody::Concordance | ResultsBody::Terms | ResultsBody::Chronology | ResultsBody::NoResults) => {
            wording::documents(total)
        }
        _ => String::new(),
    };
    let body = match (&state.view, summary.as_ref()) {
        (_, Err(unusable @ Unanswered::Unusable(_))) => unanswered_view(unusable.clone()),
        (View::Unavailable(reason), _) => unanswered_view(Unanswered::Unusable(reason.clone())),
        (View::Loading, _) | (_, Err(Unanswered::Loading)) => unanswered_view(Unanswered::Loading),
        (View::Overview, Ok(summary)) => {
            html! { <Overview summary={summary.clone()} terms={views.terms.clone().and_then(Result::ok)} on_search_for={on_search_for.clone()} /> }
        }
        (View::Results(results), Ok(_)) => match body_kind {
            ResultsBody::Concordance => match views.concordance.clone() {
                Some(Ok(concordance)) => html! { <ConcordanceView {concordance} on_open={on_open_line} /> },
                Some(Err(unanswered)) => unanswered_view(unanswered),
                None => html! {},
            },
            ResultsBody::Terms => match views.terms.clone() {
                Some(Ok(stats)) => html! { <TermsView {stats} collocates={views.collocates.clone()} {on_add} /> },
                Some(Err(unanswered)) => unanswered_view(unanswered),
                None => html! {},
            },
            ResultsBody::Chronology => match views.chronology.clone() {
                Some(Ok(chronology)) => html! {
                    <ChronologyView {chronology} selection={state.selection.clone()} on_open={on_open_mention} />
                },
                Some(Err(unanswered)) => unanswered_view(unanswered),
                None => html! {},
            },
            ResultsBody::NoResults => html! {
                <NoResults
                    query={state.query().to_string()}
                    suggestion={results.suggestion.clone()}
                    notices={results.notices.clone()}
                    on_search_for={on_search_for.clone()}
                />
            },
            _ => html! {
                <ResultList
                    results={results.clone()}
                    on_show_more={on_show_more}
                    on_search_for={on_search_for.clone()}
                    query={state.query().to_string()}
                    on_open={on_open}
                />
            },
        },
    };
    let unusable = summary.is_err();
    let selecting = state.is_selecting();
    let Selection { query, filters, date_range } = &state.selection;

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
                    example_year={summary.as_ref().as_ref().ok().and_then(|s| s.span).map(|(_, last)| annals_engine::date::civil_from_days(last).0)}
                    {on_edit}
                    {on_submit}
                    {on_clear}
                />
                <FilterChips
                    filters={filters.clone()}
                    date_range={*date_range}
                    on_remove_include={on_include.clone()}
                    on_remove_exclude={on_exclude.clone()}
                    {on_clear_range}
                    {on_clear_all}
                />
                <div class={classes!("workbench", views.facets.is_empty().then_some("workbench-without-facets"))}>
                    <FacetSidebar facets={views.facets.clone()} filters={filters.clone()} {on_include} {on_exclude} />
                    <div class="workbench-main">
                        if let Some(timeline) = views.timeline.clone() {
                            if state.layer == Layer::Mentioned {
                                <TimelinePanel {timeline} layer={Layer::Mentioned} {on_layer} on_width={on_timeline_width}
                                    date_range={crate::mentions::mentions_range(query)} on_range={on_mention_range} />
                            } else {
                                <TimelinePanel {timeline} layer={Layer::Written} {on_layer} on_width={on_timeline_width} date_range={*date_range} {on_range} />
                            }
                        }
                        <TrendsPanel filters={filters.clone()} date_range={*date_range} examples={(*trend_examples.borrow()).clone()} />
                        <div class="result-bar">
                            <HitCount text={count_text} />
                            if selecting && !unusable {
                                <ViewTabs tab={state.tab} on_change={on_tab} />
                            }
                            if body_kind == ResultsBody::Hits {
                                <SortControl sort={state.sort} on_change={on_sort} />
                                <button type="button" class="link-button export" onclick={on_export}>{ "Export CSV" }</button>
                            }
                        </div>
                        <section class="results" aria-label="Results" data-view={body_kind.name()} data-query={query.clone()}>
                            { body }
                        </section>
                    </div>
                </div>
            </main>
            if let Some(id) = state.open.clone() {
                <Reader id={id} query={query.clone()} focus={state.focus} {on_close} />
            }
            <Footer summary={summary.as_ref().as_ref().ok().cloned()} />
        </>
    }
}

/// Closes the reader, returning the id it showed (read from the URL the
/// state last wrote, since the dispatcher cannot read the state).
fn dispatcher_close(dispatcher: &UseReducerDispatcher<State>) -> Option<String> {
    let id = browser::selection_from_url().open;
    dispatcher.dispatch(Action::Open(None));
    id
}

/// Focuses the listed hit with this id, if it is on the page.
/// `root` is a mounted explorer's root, in its shadow root, where the host
/// page's document cannot see (nor should a host's own `li.hit` be focused).
fn focus_hit(id: &Option<String>, root: Option<&web_sys::Element>) {
    let Some(id) = id else { return };
    const HITS: &str = "li.hit[data-doc-id]";
    let list = match root {
        Some(root) => root.query_selector_all(HITS),
        None => {
            let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
            document.query_selector_all(HITS)
        }
    };
    let Ok(list) = list else { return };
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
                if embedded::is_split() {
                    { "Annals — the index of " }{ size }{ " lies in pieces beside this page, fetched as searches need them; searches never leave your browser." }
                } else {
                    { "Annals — the whole index of " }{ size }{ " is inside this page; searches never leave your browser." }
                }
            </p>
        </footer>
    }
}
