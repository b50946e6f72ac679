//! The timeline, in two layers: *Written*, the selection's documents per
//! day, week, month or year by their dates, and *Mentioned*, the dates its
//! texts talk about (mentions per period). SVG bars, the undated count
//! beside them. Clicking a bar narrows the selection to its dates (on the
//! Mentioned layer: to documents mentioning a period inside them); pressing
//! on one bar and releasing on another narrows to the bars between (a
//! brush). Each bar's title and label give its exact dates and count.

use std::rc::Rc;

use annals_engine::analytics::timeline::{Granularity, Timeline};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::state::Layer;
use crate::wording;

/// The drawing's coordinate width and height (it scales to the page).
const WIDTH: f64 = 800.0;
const HEIGHT: f64 = 120.0;
/// Most date labels under the chart.
const AXIS_TICKS: usize = 5;

/// Properties of [`TimelinePanel`].
#[derive(Properties, PartialEq)]
pub struct TimelinePanelProps {
    /// The bins to draw.
    pub timeline: Rc<Timeline>,
    /// The range in force on the shown layer, if any (the date range, or
    /// the query's `mentions:` range).
    pub date_range: Option<(i32, i32)>,
    /// Narrow to an inclusive range of days, or lift it (`None`).
    pub on_range: Callback<Option<(i32, i32)>>,
    /// Which dates the bars count.
    #[prop_or_default]
    pub layer: Layer,
    /// Show the other layer.
    #[prop_or_default]
    pub on_layer: Callback<Layer>,
}

/// "1 mention", "12 mentions".
fn mentions(count: usize) -> String {
    match count {
        1 => "1 mention".to_string(),
        n => format!("{} mentions", wording::group_thousands(n)),
    }
}

/// A bin's dates for people: "9 Feb 2000", "week of 7 Feb 2000", "Feb 2000",
/// "2000", "1880s", "1800–1899". A century is named by its years, since
/// "1800s" would also name the decade 1800–1809. Years before AD 1 are
/// astronomical, as the engine counts them (0 is 1 BC, -10 is 11 BC).
pub fn bin_label(granularity: Granularity, start: i32) -> String {
    let full = wording::day(start);
    let year = annals_engine::date::civil_from_days(start).0;
    match granularity {
        Granularity::Day => full,
        Granularity::Week => format!("week of {full}"),
        Granularity::Month => full.split_once(' ').map(|(_, rest)| rest.to_string()).unwrap_or(full),
        Granularity::Year => year.to_string(),
        Granularity::Decade => format!("{year}s"),
        Granularity::Century => format!("{year}–{}", year + 99),
    }
}

/// The bins an axis of `count` bins labels: the first, the last, and up to
/// `most - 2` evenly spaced between, never two the same.
pub fn axis_ticks(count: usize, most: usize) -> Vec<usize> {
    if count == 0 {
        return Vec::new();
    }
    let steps = most.max(2) - 1;
    let mut ticks: Vec<usize> = (0..=steps).map(|k| (k * (count - 1) + steps / 2) / steps).collect();
    ticks.dedup();
    ticks
}

/// A tick's date, shorter than a bar's label (weeks drop "week of").
fn tick_label(granularity: Granularity, start: i32) -> String {
    match granularity {
        Granularity::Week => wording::day(start),
        _ => bin_label(granularity, start),
    }
}

/// Two date fields for typing a range (the keyboard's way to brush).
#[derive(Properties, PartialEq)]
struct RangeFormProps {
    date_range: Option<(i32, i32)>,
    on_range: Callback<Option<(i32, i32)>>,
}

#[component]
fn RangeForm(props: &RangeFormProps) -> Html {
    let from = use_node_ref();
    let to = use_node_ref();
    let on_submit = {
        let (from, to, on_range) = (from.clone(), to.clone(), props.on_range.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let day = |r: &NodeRef| r.cast::<web_sys::HtmlInputElement>().and_then(|i| annals_engine::date::parse_iso_day(i.value().trim()));
            match (day(&from), day(&to)) {
                (Some(a), Some(b)) => on_range.emit(Some((a.min(b), a.max(b)))),
                (Some(a), None) => on_range.emit(Some((a, annals_engine::date::days_from_civil(9999, 12, 31)))),
                (None, Some(b)) => on_range.emit(Some((annals_engine::date::days_from_civil(1, 1, 1), b))),
                (None, None) => on_range.emit(None),
            }
        })
    };
    let (lo, hi) = match props.date_range {
        Some((a, b)) => (annals_engine::date::iso_day(a), annals_engine::date::iso_day(b)),
        None => (String::new(), String::new()),
    };
    html! {
        <form class="range-form" onsubmit={on_submit} aria-label="Date range">
            <label>{ "From " }<input type="date" name="from" ref={from} value={lo} /></label>
            <label>{ "To " }<input type="date" name="to" ref={to} value={hi} /></label>
            <button type="submit" class="tab-button">{ "Apply" }</button>
        </form>
    }
}

/// The bar chart.
#[component]
pub fn TimelinePanel(props: &TimelinePanelProps) -> Html {
    let pressed = use_state(|| None::<usize>);
    let axis = use_node_ref();
    {
        // Each tick sits at its bar's centre. An inline style attribute
        // would break under a strict Content-Security-Policy (style-src-attr,
        // as embedding sites use); a property set through the CSSOM does not.
        let axis = axis.clone();
        use_effect(move || {
            let Some(axis) = axis.cast::<web_sys::Element>() else { return };
            let ticks = axis.children();
            for i in 0..ticks.length() {
                let Some(tick) = ticks.item(i).and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) else { continue };
                if let Some(left) = tick.get_attribute("data-left") {
                    let _ = tick.style().set_property("left", &format!("{left}%"));
                }
            }
        });
    }
    let timeline = &props.timeline;
    let bins = &timeline.bins;
    let max = bins.iter().map(|b| b.count).max().unwrap_or(0).max(1) as f64;
    let slot = WIDTH / bins.len().max(1) as f64;
    let gap = if slot > 4.0 { 1.0 } else { 0.0 };
    let range_of = |a: usize, b: usize| {
        let (lo, hi) = (a.min(b), a.max(b));
        bins.get(lo).zip(bins.get(hi)).map(|(l, h)| (l.start, h.end))
    };
    let mentioned = props.layer == Layer::Mentioned;
    let count_of = |n: usize| if mentioned { mentions(n) } else { wording::documents(n) };
    let undated = html! {
        <p class="timeline-undated" title={mentioned.then_some("Mentions of no calendar period: durations, recurrences, \"now\", dates without a year")}>
            { format!("{}: {}", if mentioned { "No period" } else { "Undated" }, wording::group_thousands(timeline.undated)) }
        </p>
    };
    let switch = {
        let button = |layer: Layer, label: &'static str, hint: &'static str| {
            let on_layer = props.on_layer.clone();
            html! {
                <button type="button" class="tab-button" data-layer={layer.name()} title={hint}
                    aria-pressed={(props.layer == layer).to_string()}
                    onclick={Callback::from(move |_: MouseEvent| on_layer.emit(layer))}>
                    { label }
                </button>
            }
        };
        html! {
            <div class="layer-switch" role="group" aria-label="Dates counted">
                { button(Layer::Written, "Written", "When the documents were written") }
                { button(Layer::Mentioned, "Mentioned", "The dates the texts talk about") }
            </div>
        }
    };
    let reset = props.date_range.map(|_| {
        let on_range = props.on_range.clone();
        html! {
            <button type="button" class="link-button" onclick={Callback::from(move |_: MouseEvent| on_range.emit(None))}>
                { if mentioned { "All mentioned dates" } else { "All dates" } }
            </button>
        }
    });
    let heading = html! {
        <div class="timeline-head">
            <h2 class="panel-heading">{ "Over time" }</h2>
            { switch }
            if !bins.is_empty() {
                <span class="muted">{ format!("{} by {}", if mentioned { "mentions" } else { "documents" }, format!("{:?}", timeline.granularity).to_lowercase()) }</span>
            }
            { for reset.clone() }
        </div>
    };
    if bins.is_empty() {
        return html! {
            <section class="timeline" aria-label="Timeline" data-layer={props.layer.name()}>
                { heading }
                <p class="muted">{ if mentioned { "The texts of this selection mention no calendar period." } else { "No dated documents in this selection." } }</p>
                { undated }
            </section>
        };
    }
    let bars = bins.iter().enumerate().map(|(i, bin)| {
        let h = if bin.count == 0 { 0.0 } else { (bin.count as f64 / max * (HEIGHT - 4.0)).max(2.0) };
        let label = format!("{}: {}", bin_label(timeline.granularity, bin.start), count_of(bin.count));
        let chosen = props.date_range.is_some_and(|(a, b)| a <= bin.start && bin.end <= b);
        let on_down = {
            let pressed = pressed.clone();
            Callback::from(move |event: MouseEvent| {
                event.prevent_default();
                pressed.set(Some(i));
            })
        };
        let on_up = {
            let pressed = pressed.clone();
            let on_range = props.on_range.clone();
            let range = range_of(pressed.unwrap_or(i), i);
            Callback::from(move |_: MouseEvent| {
                pressed.set(None);
                if let Some(range) = range {
                    on_range.emit(Some(range));
                }
            })
        };
        let on_key = {
            let on_range = props.on_range.clone();
            let range = range_of(i, i);
            Callback::from(move |event: KeyboardEvent| {
                if event.key() == "Enter" || event.key() == " " {
                    event.prevent_default();
                    if let Some(range) = range {
                        on_range.emit(Some(range));
                    }
                }
            })
        };
        let brushing = pressed.is_some_and(|p| (p.min(i)..=p.max(i)).contains(&i));
        html! {
            <g
                class={classes!("bar", brushing.then_some("brushing"), (bin.count == 0).then_some("empty"), (mentioned && chosen).then_some("chosen"))}
                role="button"
                tabindex={if bin.count > 0 { "0" } else { "-1" }}
                aria-label={label.clone()}
                data-start={annals_engine::date::iso_day(bin.start)}
                data-end={annals_engine::date::iso_day(bin.end)}
                data-count={bin.count.to_string()}
                onmousedown={on_down}
                onmouseup={on_up}
                onkeydown={on_key}
            >
                <title>{ label }</title>
                // The full-height slot takes the click even above a short bar.
                <rect class="bar-slot" x={format!("{:.2}", i as f64 * slot)} y="0" width={format!("{:.2}", slot)} height={HEIGHT.to_string()} />
                <rect class="bar-fill" x={format!("{:.2}", i as f64 * slot + gap / 2.0)} y={format!("{:.2}", HEIGHT - h)} width={format!("{:.2}", (slot - gap).max(0.5))} height={format!("{h:.2}")} />
            </g>
        }
    });
    // Labels at the centres of evenly spaced bars; the ends are pinned to
    // the chart's edges so they never overflow it, and on narrow screens
    // only the one halfway between them stays (see the style sheet).
    let ticks = axis_ticks(bins.len(), AXIS_TICKS);
    let last_tick = ticks.len().saturating_sub(1);
    let tick_marks = ticks.iter().enumerate().map(|(k, &i)| {
        let place = match k {
            0 => "start",
            _ if k == last_tick => "end",
            _ if last_tick % 2 == 0 && k == last_tick / 2 => "middle halfway",
            _ => "middle",
        };
        let centre = (i as f64 + 0.5) * 100.0 / bins.len().max(1) as f64;
        html! {
            <span class={classes!("tick", place)} data-left={format!("{centre:.2}")}>{ tick_label(timeline.granularity, bins[i].start) }</span>
        }
    });
    let on_leave = {
        let pressed = pressed.clone();
        Callback::from(move |_: MouseEvent| pressed.set(None))
    };
    html! {
        <section class="timeline" aria-label="Timeline" data-layer={props.layer.name()} data-granularity={format!("{:?}", timeline.granularity).to_lowercase()}>
            { heading }
            <div class="timeline-body">
                <div class="timeline-plot">
                    <svg class="timeline-chart" viewBox={format!("0 0 {WIDTH} {HEIGHT}")} preserveAspectRatio="none" role="group" aria-label={if mentioned { "Mentioned dates over time; choose a bar to narrow to documents that mention its dates" } else { "Documents over time; choose a bar to narrow to its dates" }} onmouseleave={on_leave}>
                        { for bars }
                    </svg>
                    <div class="timeline-axis" aria-hidden="true" ref={axis}>{ for tick_marks }</div>
                </div>
                { undated }
            </div>
            <RangeForm date_range={props.date_range} on_range={props.on_range.clone()} />
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_ticks_span_the_bins_evenly_without_repeats() {
        assert_eq!(axis_ticks(0, 5), Vec::<usize>::new());
        assert_eq!(axis_ticks(1, 5), [0]);
        assert_eq!(axis_ticks(3, 5), [0, 1, 2]);
        assert_eq!(axis_ticks(33, 5), [0, 8, 16, 24, 32]);
        assert_eq!(axis_ticks(100, 5), [0, 25, 50, 74, 99]);
        assert_eq!(axis_ticks(10, 2), [0, 9]);
    }
}
