//! Trends: up to five words or queries compared over time, each a line of
//! its occurrences per 10,000 words of the selection's documents in each
//! period; the numbers are in each point's title and in the CSV export.

use std::rc::Rc;

use annals_engine::limits::MAX_TREND_TERMS;
use annals_engine::Selection;
use annals_engine::FacetFilter;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::timeline_panel::bin_label;
use crate::hooks::{use_pieces_arrived, use_popstate};
use crate::options::AppOptions;
use crate::{browser, csv, embedded};

/// The address parameter that holds the compared terms (`trends=oil,coffee`).
const TRENDS_PARAMETER: &str = "trends";

const WIDTH: f64 = 800.0;
const HEIGHT: f64 = 140.0;
/// One colour per series (distinct in light and dark, AA against both
/// surfaces for the legend's swatch borders).
const COLOURS: [&str; MAX_TREND_TERMS] = ["#0b5cad", "#b4460b", "#2f7d32", "#8a3ab9", "#a11d4a"];

/// Properties of [`TrendsPanel`].
#[derive(Properties, PartialEq)]
pub struct TrendsPanelProps {
    /// The filters in force.
    pub filters: Vec<FacetFilter>,
    /// The date range in force.
    pub date_range: Option<(i32, i32)>,
    /// Words of this corpus to show as an example in the empty box (its
    /// most frequent), so the hint speaks of the corpus at hand.
    #[prop_or_default]
    pub examples: Vec<String>,
}

/// The terms of a comma-separated list: trimmed, blanks dropped, at most
/// [`MAX_TREND_TERMS`].
fn parse_terms(text: &str) -> Vec<String> {
    text.split(',').map(|t| t.trim().to_string()).filter(|t| !t.is_empty()).take(MAX_TREND_TERMS).collect()
}

/// A terms box and the lines it draws.
#[component]
pub fn TrendsPanel(props: &TrendsPanelProps) -> Html {
    let placeholder = if props.examples.len() >= 2 { props.examples[..2].join(", ") } else { "two words, separated by a comma".to_string() };
    let options = use_context::<AppOptions>().unwrap_or_default();
    // On the explorer's own page the compared terms live in the address, so
    // a reload or a shared link draws the same lines.
    let from_url = use_memo(options.sync_url, |sync| {
        sync.then(|| browser::url_parameter(TRENDS_PARAMETER)).flatten().unwrap_or_default()
    });
    let draft = {
        let from_url = from_url.clone();
        use_state(move || (*from_url).clone())
    };
    let terms = use_state(move || parse_terms(&from_url));
    // Back and Forward bring back the terms the address held then.
    {
        let (draft, terms) = (draft.clone(), terms.clone());
        use_popstate(
            options.sync_url,
            Callback::from(move |()| {
                let text = browser::url_parameter(TRENDS_PARAMETER).unwrap_or_default();
                terms.set(parse_terms(&text));
                draft.set(text);
            }),
        );
    }
    let arrivals = use_pieces_arrived(None);
    let trends = use_memo(((*terms).clone(), props.filters.clone(), props.date_range, arrivals), |(terms, filters, range, _)| {
        if terms.is_empty() {
            return None;
        }
        embedded::trends(terms, &Selection { query: String::new(), filters: filters.clone(), date_range: *range }, None).ok().map(Rc::new)
    });
    let on_input = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| draft.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let on_submit = {
        let (draft, terms) = (draft.clone(), terms.clone());
        let sync_url = options.sync_url;
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let list = parse_terms(&draft);
            if sync_url {
                browser::replace_url_parameter(TRENDS_PARAMETER, &list.join(","));
            }
            terms.set(list);
        })
    };
    let chart = (*trends).clone().map(|trends| {
        let max = trends.series.iter().flat_map(|s| s.points.iter().map(|p| p.per10k)).fold(0.0f64, f64::max).max(f64::MIN_POSITIVE);
        let n = trends.bins.len().max(1);
        let x = |i: usize| if n == 1 { WIDTH / 2.0 } else { i as f64 * WIDTH / (n - 1) as f64 };
        let y = |v: f64| HEIGHT - 4.0 - v / max * (HEIGHT - 8.0);
        let granularity = trends.granularity;
        let export = {
            let trends = trends.clone();
            Callback::from(move |_: MouseEvent| {
                let mut rows = vec![vec!["term".to_string(), "start".into(), "end".into(), "documents".into(), "per10k".into(), "words".into()]];
                for s in &trends.series {
                    for (p, (bin, words)) in s.points.iter().zip(&trends.bins) {
                        rows.push(vec![
                            s.term.clone(),
                            annals_engine::date::iso_day(bin.start),
                            annals_engine::date::iso_day(bin.end),
                            p.count.to_string(),
                            format!("{:.3}", p.per10k),
                            words.to_string(),
                        ]);
                    }
                }
                browser::download("trends.csv", "text/csv;charset=utf-8", &csv::table(&rows));
            })
        };
        html! {
            <>
                <svg class="trends-chart" viewBox={format!("0 0 {WIDTH} {HEIGHT}")} preserveAspectRatio="none" role="img"
                    aria-label={format!("Occurrences per 10,000 words of {}", trends.series.iter().map(|s| s.term.as_str()).collect::<Vec<_>>().join(", "))}>
                    { for trends.series.iter().enumerate().map(|(k, s)| {
                        let points: Vec<String> = s.points.iter().enumerate().map(|(i, p)| format!("{:.1},{:.1}", x(i), y(p.per10k))).collect();
                        html! {
                            <g class="series" data-term={s.term.clone()}>
                                <polyline points={points.join(" ")} fill="none" stroke={COLOURS[k % COLOURS.len()]} stroke-width="2" vector-effect="non-scaling-stroke" />
                                { for s.points.iter().enumerate().map(|(i, p)| html! {
                                    <circle cx={format!("{:.1}", x(i))} cy={format!("{:.1}", y(p.per10k))} r="3" fill={COLOURS[k % COLOURS.len()]} vector-effect="non-scaling-stroke">
                                        <title>{ format!("{} — {}: {:.2} per 10,000 words, {} documents", s.term, bin_label(granularity, p.start), p.per10k, p.count) }</title>
                                    </circle>
                                }) }
                            </g>
                        }
                    }) }
                </svg>
                <ul class="legend">
                    { for trends.series.iter().enumerate().map(|(k, s)| {
                        let total: usize = s.points.iter().map(|p| p.count).sum();
                        html! {
                            <li><span class="swatch" style={format!("background:{}", COLOURS[k % COLOURS.len()])}></span>
                                { format!("{} ({} documents)", s.term, total) }</li>
                        }
                    }) }
                    <li><button type="button" class="link-button" onclick={export}>{ "Export CSV" }</button></li>
                </ul>
            </>
        }
    });
    html! {
        <section class="trends" aria-label="Trends">
            <form class="trends-form" onsubmit={on_submit}>
                <label for="trend-terms">{ "Compare terms over time (up to five, separated by commas)" }</label>
                <div class="trends-row">
                    <input id="trend-terms" type="text" value={(*draft).clone()} oninput={on_input} placeholder={placeholder} autocomplete="off" />
                    <button type="submit" class="tab-button">{ "Compare" }</button>
                </div>
            </form>
            { for chart }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::parse_terms;

    #[test]
    fn terms_are_trimmed_blanks_dropped_and_capped() {
        assert_eq!(parse_terms(" oil, ,coffee ,"), vec!["oil", "coffee"]);
        assert_eq!(parse_terms("a,b,c,d,e,f,g").len(), annals_engine::limits::MAX_TREND_TERMS);
        assert!(parse_terms("").is_empty());
    }
}
