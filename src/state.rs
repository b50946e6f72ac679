//! What the page shows, and the actions that change it.
//!
//! The search box's text (`draft`) and the query last searched (`query`) are
//! kept apart: typing changes the draft at once, and the search runs a moment
//! later (or at Enter) by [`Action::Commit`]. Searching is synchronous and
//! fast, so the reducer runs it directly and the state always holds the
//! results for its own `query`.

use std::rc::Rc;

use annals_engine::{SearchResults, Sort};
use yew::Reducible;

use crate::embedded;

/// How many hits a page of results shows; "Show more" adds as many again.
pub const PAGE_SIZE: usize = 20;

/// What the results area shows.
#[derive(Debug, Clone, PartialEq)]
pub enum View {
    /// No query yet: the corpus overview.
    Overview,
    /// The answer to `query` (which may have no hits).
    Results(Rc<SearchResults>),
    /// The index could not be used; the reason, for the user.
    Unavailable(String),
}

/// The page's state.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// The search box's text, as typed.
    pub draft: String,
    /// The query whose results are shown (the draft, trimmed, when last committed).
    pub query: String,
    /// How many hits to show.
    pub limit: usize,
    /// The order of the hits.
    pub sort: Sort,
    /// What the results area shows.
    pub view: View,
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
    /// Show another page of hits for the same query.
    ShowMore,
    /// Order the hits differently (best first, newest first, oldest first).
    SortBy(Sort),
    /// Empty the box and go back to the overview (Escape).
    Clear,
}

impl State {
    /// The state for a page opened with `query` in its URL: already searched,
    /// so a reload or a shared link shows its results on the first frame.
    pub fn opened_with(query: String, sort: Sort) -> State {
        let blank = State { draft: query, query: String::new(), limit: PAGE_SIZE, sort, view: View::Overview };
        blank.committed()
    }

    /// This state with the draft searched.
    fn committed(self) -> State {
        let query = self.draft.trim().to_string();
        let view = if query.is_empty() { View::Overview } else { run_search(&query, self.limit, self.sort) };
        State { query, view, ..self }
    }
}

/// Searches through the one guarded door to the engine.
fn run_search(query: &str, limit: usize, sort: Sort) -> View {
    match embedded::search(query, limit, sort) {
        Ok(results) => View::Results(Rc::new(results)),
        Err(reason) => View::Unavailable(reason),
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
                if self.draft.trim() == self.query {
                    return self;
                }
                State { limit: PAGE_SIZE, ..(*self).clone() }.committed()
            }
            Action::SearchFor(query) => State { draft: query, limit: PAGE_SIZE, ..(*self).clone() }.committed(),
            Action::ShowMore => {
                let View::Results(results) = &self.view else { return self };
                if results.hits.len() >= results.total {
                    return self;
                }
                let limit = self.limit + PAGE_SIZE;
                State { limit, view: run_search(&self.query, limit, self.sort), ..(*self).clone() }
            }
            Action::SortBy(sort) => {
                if sort == self.sort {
                    return self;
                }
                let view = if self.query.is_empty() { View::Overview } else { run_search(&self.query, self.limit, sort) };
                State { sort, view, ..(*self).clone() }
            }
            Action::Clear => {
                if self.draft.is_empty() && self.query.is_empty() {
                    return self;
                }
                State { draft: String::new(), query: String::new(), limit: PAGE_SIZE, view: View::Overview, ..(*self).clone() }
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
        assert_eq!(state.query, "Robertson");
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
        assert_eq!((cleared.draft.as_str(), cleared.query.as_str(), &cleared.view), ("", "", &View::Overview));
    }

    #[test]
    fn a_suggestion_replaces_the_draft_and_searches() {
        let state = reduce(State::opened_with("Yeltsin".to_string(), Sort::Relevance), Action::SearchFor("Putin".to_string()));
        assert_eq!(state.draft, "Putin");
        assert!(hit_count(&state).unwrap_or(0) > 0);
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
