//! What the page shows, and the actions that change it.
//!
//! The search box's text (`draft`) and the query last searched (`query`) are
//! kept apart: typing changes the draft at once, and the search runs a moment
//! later (or at Enter) by [`Action::Commit`]. Searching is synchronous and
//! fast, so the reducer runs it directly and the state always holds the
//! results for its own `query`.

use std::rc::Rc;

use annals_engine::limits::MAX_FILTER_VALUES;
use annals_engine::{FacetFilter, SearchRequest, SearchResults, Selection, Sort};
use yew::Reducible;

use crate::embedded::{self, Unanswered};

/// How many hits a page of results shows; "Show more" fetches as many
/// again, the next page after those shown, up to the last hit.
pub const PAGE_SIZE: usize = 20;

/// What the results area shows.
#[derive(Debug, Clone, PartialEq)]
pub enum View {
    /// No query yet: the corpus overview.
    Overview,
    /// The answer to `query` (which may have no hits).
    Results(Rc<SearchResults>),
    /// The parts of a split index the answer needs are being fetched
    /// ([`Action::PiecesArrived`] searches again).
    Loading,
    /// The index could not be used; the reason, for the user.
    Unavailable(String),
}

impl From<Result<SearchResults, Unanswered>> for View {
    fn from(answer: Result<SearchResults, Unanswered>) -> View {
        match answer {
            Ok(results) => View::Results(Rc::new(results)),
            Err(Unanswered::Loading) => View::Loading,
            Err(Unanswered::Unusable(reason)) => View::Unavailable(reason),
        }
    }
}

/// The page's state.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// The search box's text, as typed.
    pub draft: String,
    /// What every view shows: the query last committed (the draft,
    /// trimmed), the facet filters and the day range from the timeline.
    pub selection: Selection,
    /// The order of the hits.
    pub sort: Sort,
    /// What the results area shows.
    pub view: View,
    /// Which view of the selection the results area shows.
    pub tab: Tab,
    /// The document open in the reader, by id.
    pub open: Option<String>,
    /// The byte range of the mention the reader was opened at (a
    /// chronology row), which it scrolls to and highlights.
    pub focus: Option<(u32, u32)>,
    /// Which dates the timeline counts: of writing or mentioned.
    pub layer: Layer,
    /// Counts the choices that change the query from a chart (a brush on
    /// the Mentioned layer): each is a new history entry, as a filter is.
    pub query_choices: u32,
    /// Whether the next page of hits waits for parts of a split index.
    pub more_pending: bool,
}

/// The timeline's two layers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layer {
    /// When the documents were written (their dates).
    #[default]
    Written,
    /// The dates their texts mention.
    Mentioned,
}

impl Layer {
    /// The name in URLs.
    pub fn name(self) -> &'static str {
        match self {
            Layer::Written => "written",
            Layer::Mentioned => "mentioned",
        }
    }

    /// The layer a URL names; anything unknown is the dates of writing.
    pub fn from_name(name: &str) -> Layer {
        match name {
            "mentioned" => Layer::Mentioned,
            _ => Layer::Written,
        }
    }
}

/// The views of one selection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    /// The matching documents.
    #[default]
    Documents,
    /// Every occurrence of the query in context.
    Concordance,
    /// Frequent and distinctive words, and collocates.
    Terms,
    /// The dates the selection mentions, in the order of those dates.
    Chronology,
}

impl Tab {
    /// The name in URLs.
    pub fn name(self) -> &'static str {
        match self {
            Tab::Documents => "documents",
            Tab::Concordance => "kwic",
            Tab::Terms => "terms",
            Tab::Chronology => "chronology",
        }
    }

    /// The tab a URL names; anything unknown is the documents.
    pub fn from_name(name: &str) -> Tab {
        match name {
            "kwic" => Tab::Concordance,
            "terms" => Tab::Terms,
            "chronology" => Tab::Chronology,
            _ => Tab::Documents,
        }
    }
}

/// Everything that changes the state.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// The user edited the search box.
    Edit(String),
    /// Search for the current draft now (after the typing pause, or Enter).
    Commit,
    /// Replace the draft with this query and search it ("Did you mean …").
    SearchFor(String),
    /// Show the next page of hits for the same selection.
    ShowMore,
    /// Order the hits differently (best first, newest first, oldest first).
    SortBy(Sort),
    /// Empty the box and go back to the overview (Escape).
    Clear,
    /// Require this facet value (or stop requiring it).
    ToggleInclude(String, String),
    /// Leave out documents with this facet value (or stop leaving them out).
    ToggleExclude(String, String),
    /// Remove every facet filter and the date range.
    ClearFilters,
    /// Restrict to this inclusive day range, or lift the restriction.
    SetDateRange(Option<(i32, i32)>),
    /// Show another view of the selection.
    ShowTab(Tab),
    /// Add a word to the query and search ("terms" view).
    AddToQuery(String),
    /// Open a document in the reader (`None`: close it).
    Open(Option<String>),
    /// Open a document in the reader at a mention (its byte range).
    OpenAt(String, (u32, u32)),
    /// Show the timeline of the dates of writing or of the dates mentioned.
    ShowLayer(Layer),
    /// Narrow to documents that mention a period inside this inclusive day
    /// range (a `mentions:` term in the query, replacing any before), or
    /// remove the `mentions:` terms (`None`).
    SetMentionRange(Option<(i32, i32)>),
    /// Replace query, filters, range, order and view at once (the URL
    /// changed: back or forward).
    Restore(Box<State>),
    /// Parts of a split index arrived: what waited for them is asked again.
    PiecesArrived,
}

impl State {
    /// The state for a page opened with `query` in its URL: already searched,
    /// so a reload or a shared link shows its results on the first frame.
    pub fn opened_with(query: String, sort: Sort) -> State {
        State::opened_with_selection(Selection::of_query(query), sort, Tab::Documents)
    }

    /// The state for a URL with a whole selection (its query as typed),
    /// an order and a view.
    pub fn opened_with_selection(selection: Selection, sort: Sort, tab: Tab) -> State {
        let blank = State {
            draft: selection.query.clone(),
            selection,
            sort,
            view: View::Overview,
            tab,
            open: None,
            focus: None,
            layer: Layer::default(),
            query_choices: 0,
            more_pending: false,
        };
        blank.committed()
    }

    /// The query whose results are shown.
    pub fn query(&self) -> &str {
        &self.selection.query
    }

    /// This state with the draft searched.
    fn committed(mut self) -> State {
        self.selection.query = self.draft.trim().to_string();
        self.searched()
    }

    /// Whether anything narrows the corpus: a query, a filter or a range.
    pub fn is_selecting(&self) -> bool {
        !self.selection.is_whole_corpus()
    }

    /// This state with its view recomputed: the first page of hits of its
    /// selection.
    fn searched(mut self) -> State {
        self.more_pending = false;
        let view = if self.is_selecting() {
            View::from(embedded::search(&SearchRequest::of(self.selection.clone(), self.sort, PAGE_SIZE)))
        } else {
            View::Overview
        };
        State { view, ..self }
    }

    /// This state with the next page of hits after those shown added.
    fn with_next_page(self) -> State {
        let View::Results(shown) = &self.view else { return self };
        let request = SearchRequest { offset: shown.hits.len(), ..SearchRequest::of(self.selection.clone(), self.sort, PAGE_SIZE) };
        let view = match embedded::search(&request) {
            Ok(next) => {
                let mut results = (**shown).clone();
                results.hits.extend(next.hits);
                results.total = next.total;
                View::Results(Rc::new(results))
            }
            Err(Unanswered::Loading) => return State { more_pending: true, ..self },
            Err(Unanswered::Unusable(reason)) => View::Unavailable(reason),
        };
        State { view, more_pending: false, ..self }
    }

    /// This state with a filter value toggled on one side (`include`) and
    /// taken off the other.
    fn toggled(mut self, field: String, value: String, include: bool) -> State {
        let key = value.trim().to_lowercase();
        let full = self.selection.filter_values() >= MAX_FILTER_VALUES;
        let filters = &mut self.selection.filters;
        let position = filters.iter().position(|f| f.field == field);
        let filter = match position {
            Some(i) => &mut filters[i],
            None => {
                if full {
                    return self;
                }
                filters.push(FacetFilter { field: field.clone(), any_of: Vec::new(), none_of: Vec::new() });
                filters.last_mut().expect("just pushed")
            }
        };
        let (side, other) = if include { (&mut filter.any_of, &mut filter.none_of) } else { (&mut filter.none_of, &mut filter.any_of) };
        other.retain(|v| v.trim().to_lowercase() != key);
        if let Some(i) = side.iter().position(|v| v.trim().to_lowercase() == key) {
            side.remove(i);
        } else {
            side.push(value);
        }
        self.selection.filters.retain(|f| !f.any_of.is_empty() || !f.none_of.is_empty());
        self.searched()
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let next = match action {
            Action::Edit(draft) => {
                if draft == self.draft {
                    return self;
                }
                State { draft, ..(*self).clone() }
            }
            Action::Commit => {
                // Returning the same Rc tells Yew nothing changed, so a
                // debounced commit after Enter costs no second render.
                if self.draft.trim() == self.query() {
                    return self;
                }
                (*self).clone().committed()
            }
            Action::SearchFor(query) => State { draft: query, ..(*self).clone() }.committed(),
            Action::PiecesArrived => match &self.view {
                View::Loading => (*self).clone().searched(),
                View::Results(_) if self.more_pending => (*self).clone().with_next_page(),
                _ => return self,
            },
            Action::ShowMore => {
                let View::Results(results) = &self.view else { return self };
                if results.hits.len() >= results.total {
                    return self;
                }
                (*self).clone().with_next_page()
            }
            Action::SortBy(sort) => {
                if sort == self.sort {
                    return self;
                }
                State { sort, ..(*self).clone() }.searched()
            }
            Action::ToggleInclude(field, value) => (*self).clone().toggled(field, value, true),
            Action::ToggleExclude(field, value) => (*self).clone().toggled(field, value, false),
            Action::ClearFilters => {
                if self.selection.filters.is_empty() && self.selection.date_range.is_none() {
                    return self;
                }
                let mut next = (*self).clone();
                next.selection.filters.clear();
                next.selection.date_range = None;
                next.searched()
            }
            Action::SetDateRange(range) => {
                let range = range.map(|(a, b)| (a.min(b), a.max(b)));
                if range == self.selection.date_range {
                    return self;
                }
                let mut next = (*self).clone();
                next.selection.date_range = range;
                next.searched()
            }
            Action::ShowTab(tab) => {
                if tab == self.tab {
                    return self;
                }
                State { tab, ..(*self).clone() }
            }
            Action::AddToQuery(word) => {
                let draft = if self.query().is_empty() { word } else { format!("{} {word}", self.query()) };
                State { draft, tab: Tab::Documents, ..(*self).clone() }.committed()
            }
            Action::Open(id) => {
                if id == self.open && self.focus.is_none() {
                    return self;
                }
                State { open: id, focus: None, ..(*self).clone() }
            }
            Action::OpenAt(id, at) => {
                if self.open.as_deref() == Some(id.as_str()) && self.focus == Some(at) {
                    return self;
                }
                State { open: Some(id), focus: Some(at), ..(*self).clone() }
            }
            Action::ShowLayer(layer) => {
                if layer == self.layer {
                    return self;
                }
                State { layer, ..(*self).clone() }
            }
            Action::SetMentionRange(range) => {
                let draft = crate::mentions::with_mentions_range(self.query(), range);
                if draft == self.query() {
                    return self;
                }
                State { draft, query_choices: self.query_choices.wrapping_add(1), ..(*self).clone() }.committed()
            }
            Action::Restore(state) => {
                let same = state.open == self.open
                    && state.selection == self.selection
                    && state.sort == self.sort
                    && state.tab == self.tab
                    && state.layer == self.layer;
                if same {
                    return self;
                }
                *state
            }
            Action::Clear => {
                if self.draft.is_empty() && self.query().is_empty() {
                    return self;
                }
                let mut next = State { draft: String::new(), ..(*self).clone() };
                next.selection.query.clear();
                next.searched()
            }
        };
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reduce(state: State, action: Action) -> Rc<State> {
        Rc::new(state).reduce(action)
    }

    fn hit_count(state: &State) -> Option<usize> {
        match &state.view {
            View::Results(results) => Some(results.total),
            _ => None,
        }
    }

    #[test]
    fn a_page_opened_with_a_query_is_already_searched() {
        let state = State::opened_with("  Robertson ".to_string(), Sort::Relevance);
        assert_eq!(state.query(), "Robertson");
        assert_eq!(hit_count(&state), Some(4));
        assert_eq!(State::opened_with(String::new(), Sort::Relevance).view, View::Overview);
    }

    #[test]
    fn typing_waits_for_commit_and_escape_clears() {
        let state = State::opened_with(String::new(), Sort::Relevance);
        let typed = reduce(state, Action::Edit("Stepashin".to_string()));
        assert_eq!(typed.view, View::Overview, "editing alone does not search");
        let searched = typed.clone().reduce(Action::Commit);
        assert_eq!(hit_count(&searched), Some(1));
        // A second commit of the same text is no change at all.
        assert!(Rc::ptr_eq(&searched, &searched.clone().reduce(Action::Commit)));
        let cleared = searched.reduce(Action::Clear);
        assert_eq!((cleared.draft.as_str(), cleared.query(), &cleared.view), ("", "", &View::Overview));
    }

    #[test]
    fn a_suggestion_replaces_the_draft_and_searches() {
        let state = reduce(State::opened_with("Yeltsin".to_string(), Sort::Relevance), Action::SearchFor("Putin".to_string()));
        assert_eq!(state.draft, "Putin");
        assert!(hit_count(&state).unwrap_or(0) > 0);
    }

    #[test]
    fn filters_and_ranges_narrow_the_selection_and_clear() {
        let all = State::opened_with(String::new(), Sort::Relevance);
        assert_eq!(all.view, View::Overview);
        let monitor = reduce(all, Action::ToggleInclude("publication".into(), "Monitor".into()));
        assert_eq!(hit_count(&monitor), Some(4), "an empty query with a filter lists the documents");
        let year_2000 = (annals_engine::date::days_from_civil(2000, 1, 1), annals_engine::date::days_from_civil(2000, 12, 31));
        let in_2000 = monitor.reduce(Action::SetDateRange(Some(year_2000)));
        assert_eq!(hit_count(&in_2000), Some(3));
        // Excluding the included value moves it to the other side.
        let excluded = in_2000.reduce(Action::ToggleExclude("publication".into(), "monitor".into()));
        assert_eq!(excluded.selection.filters[0].any_of, Vec::<String>::new());
        assert_eq!(hit_count(&excluded), Some(0));
        let cleared = excluded.reduce(Action::ClearFilters);
        assert_eq!((cleared.selection.filters.len(), cleared.selection.date_range, &cleared.view), (0, None, &View::Overview));
    }

    #[test]
    fn a_mentioned_range_goes_into_the_query_replacing_the_last() {
        let d = annals_engine::date::days_from_civil;
        let state = State::opened_with("nato".to_string(), Sort::Relevance);
        let january = reduce(state, Action::SetMentionRange(Some((d(2000, 1, 1), d(2000, 1, 31)))));
        assert_eq!((january.query(), january.draft.as_str(), january.query_choices), ("nato mentions:2000-01", "nato mentions:2000-01", 1));
        let year = january.reduce(Action::SetMentionRange(Some((d(1997, 1, 1), d(1997, 12, 31)))));
        assert_eq!(year.query(), "nato mentions:1997");
        let lifted = year.reduce(Action::SetMentionRange(None));
        assert_eq!((lifted.query(), lifted.query_choices), ("nato", 3));
        let mentioned = lifted.reduce(Action::ShowLayer(Layer::Mentioned));
        assert_eq!(mentioned.layer, Layer::Mentioned);
        assert_eq!(Layer::from_name(Layer::Mentioned.name()), Layer::Mentioned);
        assert_eq!(Tab::from_name(Tab::Chronology.name()), Tab::Chronology);
    }

    #[test]
    fn mentions_in_the_query_select_the_documents_that_mention_the_period() {
        let state = State::opened_with("mentions:1997".to_string(), Sort::Relevance);
        let View::Results(results) = &state.view else { panic!("results expected") };
        let mut ids: Vec<&str> = results.hits.iter().map(|hit| &hit.id[..3]).collect();
        ids.sort_unstable();
        assert_eq!(ids, ["000", "002", "003", "004"]);
    }

    #[test]
    fn sorting_reorders_the_same_hits_by_date() {
        let by_relevance = State::opened_with("Robertson".to_string(), Sort::Relevance);
        let newest = Rc::new(by_relevance).reduce(Action::SortBy(Sort::Newest));
        let View::Results(results) = &newest.view else { panic!("results expected") };
        let days: Vec<i32> = results.hits.iter().filter_map(|hit| hit.date.map(|date| date.day)).collect();
        assert_eq!(days.len(), 4);
        assert!(days.windows(2).all(|pair| pair[0] >= pair[1]), "newest first: {days:?}");
        assert_eq!(newest.sort, Sort::Newest);
    }
}
