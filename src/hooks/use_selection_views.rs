//! The workbench's analytics over the selection: facet counts, the
//! timeline (of the dates of writing or of the dates mentioned), keyword
//! in context, term statistics, collocates and the chronology of mentioned
//! dates, each recomputed only when the selection (or the view that shows
//! it) changes.

use std::rc::Rc;

use annals_engine::analytics::concordance::Concordance;
use annals_engine::analytics::facets::FacetCounts;
use annals_engine::analytics::mentions::Chronology;
use annals_engine::analytics::terms::{Collocates, TermStats};
use annals_engine::analytics::timeline::{Granularity, Timeline};
use annals_engine::Selection;
use yew::{hook, use_memo};

use crate::embedded::{self, Unanswered};
use crate::hooks::use_pieces_arrived;
use crate::state::{Layer, Tab};

/// Characters of context each side of a keyword-in-context line.
const KWIC_WIDTH: usize = 60;
/// Most keyword-in-context lines shown.
const KWIC_LINES: usize = 500;
/// Words per terms list.
const TERMS: usize = 30;
/// Chronology rows per page ("Show more" fetches as many again).
pub const CHRONOLOGY_PAGE: usize = 100;

/// What the views beside and below the results draw.
pub struct SelectionViews {
    /// Counts for the facet sidebar.
    pub facets: Rc<Vec<FacetCounts>>,
    /// The selection over time: documents by their dates, or mentions by
    /// the dates they refer to, as the layer asks.
    pub timeline: Option<Rc<Timeline>>,
    /// The first page of the selection's mentions by the date they refer
    /// to, when the chronology is shown, or why it is not here (yet).
    pub chronology: Option<Result<Rc<Chronology>, Unanswered>>,
    /// Keyword in context, when that view is shown, or why it is not here
    /// (yet: a split index fetches the positions and text it reads).
    pub concordance: Option<Result<Rc<Concordance>, Unanswered>>,
    /// Frequent and distinctive words, when the terms view or the overview
    /// is shown, or why they are not here (yet: a split index fetches the
    /// texts of the sample it counts).
    pub terms: Option<Result<Rc<TermStats>, Unanswered>>,
    /// The query's first word and the words found near it (terms view).
    pub collocates: Rc<(String, Collocates)>,
}

/// The analytics of `selection` that the shown `tab` and timeline `layer`
/// need, with at most `timeline_bins` bars on the timeline when its chart
/// has room for no more (a coarser granularity than the span's own). An
/// unusable index shows as empty views: the results area says why.
#[hook]
pub fn use_selection_views(selection: &Selection, tab: Tab, layer: Layer, timeline_bins: Option<usize>) -> SelectionViews {
    let selecting = !selection.is_whole_corpus();
    // Part of every memo's dependencies: a view drawn while parts of a
    // split index were on their way is asked again when they are here.
    let arrivals = use_pieces_arrived(None);
    let facets = use_memo((selection.clone(), arrivals), |(selection, _)| embedded::facet_counts(selection).unwrap_or_default());
    let timeline = use_memo((selection.clone(), layer, arrivals), |(selection, layer, _)| layer_timeline(selection, *layer, None));
    // Asked again, coarser, only when the chart is too narrow for the
    // span's own bins; a resize within the same granularity asks nothing.
    let coarser = (*timeline).as_ref().and_then(|timeline| fitting_granularity(timeline, timeline_bins?));
    let refitted = use_memo((selection.clone(), layer, coarser, arrivals), |(selection, layer, coarser, _)| {
        coarser.and_then(|granularity| layer_timeline(selection, *layer, Some(granularity)))
    });
    let chronology = use_memo((selection.clone(), tab, arrivals), |(selection, tab, _)| {
        (*tab == Tab::Chronology).then(|| embedded::chronology(selection, 0, CHRONOLOGY_PAGE).map(Rc::new))
    });
    let concordance = use_memo((selection.clone(), tab, arrivals), |(selection, tab, _)| {
        (*tab == Tab::Concordance).then(|| embedded::concordance(selection, KWIC_WIDTH, KWIC_LINES).map(Rc::new))
    });
    let terms = use_memo((selection.clone(), tab, selecting, arrivals), |(selection, tab, selecting, _)| {
        (*tab == Tab::Terms || !*selecting).then(|| embedded::term_stats(selection, TERMS).map(Rc::new))
    });
    let collocates = use_memo((selection.clone(), tab, arrivals), |(selection, tab, _)| {
        let word = first_word(&selection.query);
        let near = if *tab == Tab::Terms && !word.is_empty() {
            let without_query = Selection { query: String::new(), ..selection.clone() };
            embedded::collocates(&without_query, &word, TERMS).unwrap_or_default()
        } else {
            Collocates::default()
        };
        (word, near)
    });
    SelectionViews {
        facets,
        timeline: (*refitted).clone().or_else(|| (*timeline).clone()),
        chronology: (*chronology).clone(),
        concordance: (*concordance).clone(),
        terms: (*terms).clone(),
        collocates,
    }
}

/// The timeline of the dates of writing or of the dates mentioned.
fn layer_timeline(selection: &Selection, layer: Layer, granularity: Option<Granularity>) -> Option<Rc<Timeline>> {
    match layer {
        Layer::Written => embedded::timeline(selection, granularity),
        Layer::Mentioned => embedded::mention_timeline(selection, granularity),
    }
    .ok()
    .map(Rc::new)
}

/// The coarser granularity `timeline`'s days need to fit in `most` bins,
/// if its own needs more.
fn fitting_granularity(timeline: &Timeline, most: usize) -> Option<Granularity> {
    let (first, last) = (timeline.bins.first()?, timeline.bins.last()?);
    let fitting = timeline.granularity.fit(first.start, last.end, most);
    (fitting != timeline.granularity).then_some(fitting)
}

/// The query's first plain word (for collocates), or nothing.
fn first_word(query: &str) -> String {
    query
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .find(|w| !w.is_empty() && !w.contains(':') && !matches!(*w, "OR" | "AND" | "NOT"))
        .unwrap_or("")
        .to_string()
}
