//! The timeline, in two layers: *Written*, the selection's documents per
//! day, week, month, year, decade or century by their dates, and
//! *Mentioned*, the dates its texts talk about (mentions per period). SVG
//! bars, the undated count beside them. Clicking a bar narrows the
//! selection to its dates (on the Mentioned layer: to documents mentioning
//! a period inside them); pressing on one bar and releasing on another
//! narrows to the bars between (a brush). Each bar's label gives its exact
//! dates and count, shown above the chart while the bar is pointed at or
//! focused; the bars are one stop in the tab order, the arrow keys move
//! between them.
//!
//! The chart knows its width in pixels: it reports it (the app asks the
//! engine for a coarser granularity when bars would be thinner than
//! [`MIN_SLOT_PX`]) and picks the axis labels that have room at that width.

use std::rc::Rc;

use annals_engine::analytics::timeline::{Bin, Granularity, Timeline};
use annals_engine::date::civil_from_days;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::state::Layer;
use crate::wording;

/// The drawing's coordinate width and height (it scales to the page).
const WIDTH: f64 = 800.0;
const HEIGHT: f64 = 120.0;
/// The narrowest a bar's slot may be, in pixels: past that the timeline
/// goes by a coarser granularity.
pub const MIN_SLOT_PX: f64 = 6.0;
/// The chart's width in pixels until it is measured.
const ASSUMED_WIDTH_PX: f64 = 640.0;
/// An axis label's width per character (.75rem text, a little over the
/// width of a digit) and the room kept between two labels, in pixels, for
/// choosing how many labels fit; the labels are then measured as drawn and
/// any that would still touch its neighbour is left out.
const LABEL_CHAR_PX: f64 = 7.5;
const LABEL_GAP_PX: f64 = 12.0;
const DRAWN_GAP_PX: f64 = 6.0;

/// The most bars a chart `width_px` wide draws.
pub fn most_bins(width_px: u32) -> usize {
    ((f64::from(width_px) / MIN_SLOT_PX).floor() as usize).max(1)
}

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
    /// Told the chart's width in pixels whenever it changes.
    #[prop_or_default]
    pub on_width: Callback<u32>,
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

/// One label under the axis: the bin it stands under and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tick {
    /// The bin's index.
    pub bin: usize,
    /// Its date, short.
    pub label: String,
}

/// Every how many bins a label may stand, finest first: calendar steps
/// (weeks of days, quarters and years of months, 1-2-5 of years, decades
/// and centuries), up to more bins than a timeline has.
fn label_steps(granularity: Granularity) -> &'static [i64] {
    match granularity {
        Granularity::Day => &[1, 2, 7, 14, 28, 56, 91, 182, 364, 728, 1_456],
        Granularity::Week => &[1, 2, 4, 13, 26, 52, 104, 260, 520, 1_040],
        Granularity::Month => &[1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1_200],
        Granularity::Year | Granularity::Decade | Granularity::Century => &[1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000],
    }
}

/// Where a bin falls in its granularity's calendar count, so labels land
/// on round dates: months since year 0, the year, the decade or the
/// century (days and weeks count from the first bin).
fn calendar_position(granularity: Granularity, index: usize, start: i32) -> i64 {
    let (year, month, _) = civil_from_days(start);
    let year = i64::from(year);
    match granularity {
        Granularity::Day | Granularity::Week => index as i64,
        Granularity::Month => year * 12 + i64::from(month) - 1,
        Granularity::Year => year,
        Granularity::Decade => year.div_euclid(10),
        Granularity::Century => year.div_euclid(100),
    }
}

/// The labels an axis `width` pixels wide has room for: every `step`th
/// bin on round dates (January, 1900, the 1850s), with the smallest step
/// at which the widest label fits between its neighbours.
pub fn axis_ticks(granularity: Granularity, bins: &[Bin], width: f64) -> Vec<Tick> {
    if bins.is_empty() {
        return Vec::new();
    }
    let slot = width / bins.len() as f64;
    let steps = label_steps(granularity);
    for (k, &step) in steps.iter().enumerate() {
        let ticks: Vec<Tick> = bins
            .iter()
            .enumerate()
            .filter(|(i, bin)| calendar_position(granularity, *i, bin.start).rem_euclid(step) == 0)
            .map(|(i, bin)| Tick { bin: i, label: tick_label(granularity, step, bin.start) })
            .collect();
        let widest = ticks.iter().map(|t| t.label.chars().count()).max().unwrap_or(0) as f64 * LABEL_CHAR_PX;
        if step as f64 * slot >= widest + LABEL_GAP_PX || k + 1 == steps.len() {
            if ticks.is_empty() {
                return vec![Tick { bin: 0, label: tick_label(granularity, step, bins[0].start) }];
            }
            return ticks;
        }
    }
    Vec::new()
}

/// A tick's date, shorter than a bar's label: weeks drop "week of",
/// months a year apart are named by the year alone, centuries by their
/// hundreds ("1800s").
fn tick_label(granularity: Granularity, step: i64, start: i32) -> String {
    match granularity {
        Granularity::Week => wording::day(start),
        Granularity::Month if step >= 12 => bin_label(Granularity::Year, start),
        Granularity::Century => format!("{}s", civil_from_days(start).0),
        _ => bin_label(granularity, start),
    }
}

/// Puts `element` centred at `centre` pixels along a line `width` pixels
/// long, kept inside it; returns its left and right edges and whether it
/// was moved to stay inside. Set through the CSSOM: an inline style
/// attribute would break under a strict Content-Security-Policy
/// (style-src-attr, as embedding sites use).
fn place(element: &web_sys::HtmlElement, centre: f64, width: f64) -> (f64, f64, bool) {
    let own = f64::from(element.offset_width());
    let natural = centre - own / 2.0;
    let left = natural.clamp(0.0, (width - own).max(0.0));
    let _ = element.style().set_property("left", &format!("{left:.1}px"));
    (left, left + own, (left - natural).abs() > 0.5)
}

/// Places the axis labels under their bars and hides any that would touch
/// the one before it, as drawn (the step was chosen from an estimate): of
/// two that touch, the one pushed in from the chart's edge gives way, so
/// the labels left keep their even spacing.
fn place_ticks(axis: &web_sys::Element, width: f64, centre: impl Fn(usize) -> f64) {
    let ticks = axis.children();
    let mut kept: Option<(web_sys::HtmlElement, f64, bool)> = None;
    for i in 0..ticks.length() {
        let Some(tick) = ticks.item(i).and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) else { continue };
        let Some(bin) = tick.get_attribute("data-bin").and_then(|b| b.parse::<usize>().ok()) else { continue };
        let _ = tick.style().remove_property("display");
        let (left, right, moved) = place(&tick, centre(bin), width);
        match &kept {
            Some((last, last_right, last_moved)) if left < last_right + DRAWN_GAP_PX => {
                if *last_moved {
                    let _ = last.style().set_property("display", "none");
                    kept = Some((tick, right, moved));
                } else {
                    let _ = tick.style().set_property("display", "none");
                }
            }
            _ => kept = Some((tick, right, moved)),
        }
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

/// Reports the width of `plot` to `on_width` now and whenever it changes,
/// until the returned observer is disconnected.
fn observe_width(plot: &NodeRef, on_width: Callback<u32>) -> Option<(web_sys::ResizeObserver, Closure<dyn Fn()>)> {
    let element = plot.cast::<web_sys::Element>()?;
    let measured = plot.clone();
    let callback = Closure::<dyn Fn()>::new(move || {
        if let Some(width) = measured.cast::<web_sys::Element>().map(|e| e.client_width()).filter(|&w| w > 0) {
            on_width.emit(width as u32);
        }
    });
    let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok()?;
    observer.observe(&element);
    Some((observer, callback))
}

/// Moves the keyboard focus to bar `index` of `chart`.
fn focus_bar(chart: &NodeRef, index: usize) {
    let bar = chart.cast::<web_sys::Element>().and_then(|svg| svg.children().item(index as u32));
    if let Some(bar) = bar.and_then(|b| b.dyn_into::<web_sys::SvgElement>().ok()) {
        let _ = bar.focus();
    }
}

/// The bar chart.
#[component]
pub fn TimelinePanel(props: &TimelinePanelProps) -> Html {
    let pressed = use_state(|| None::<usize>);
    // The bar under the pointer, the one with the keyboard focus, and the
    // one the tab key stops at (the bars are one stop; arrows move).
    let pointed = use_state_eq(|| None::<usize>);
    let focused = use_state_eq(|| None::<usize>);
    let stop = use_state_eq(|| None::<usize>);
    let width = use_state_eq(|| None::<u32>);
    let plot = use_node_ref();
    let chart = use_node_ref();
    let axis = use_node_ref();
    let tip = use_node_ref();
    let timeline = &props.timeline;
    let bins = &timeline.bins;
    let count = bins.len();
    {
        let (plot, width, on_width) = (plot.clone(), width.clone(), props.on_width.clone());
        use_effect_with(count > 0, move |_| {
            let observed = observe_width(&plot, Callback::from(move |w: u32| {
                width.set(Some(w));
                on_width.emit(w);
            }));
            move || {
                if let Some((observer, _callback)) = observed {
                    observer.disconnect();
                }
            }
        });
    }
    let shown = (*focused).or(*pointed).filter(|&i| i < count);
    {
        // After each render, with the chart's width as drawn: the labels
        // under their bars, the count above the bar pointed at or focused.
        let (plot, axis, tip) = (plot.clone(), axis.clone(), tip.clone());
        use_effect(move || {
            let Some(plot_width) = plot.cast::<web_sys::Element>().map(|p| f64::from(p.client_width())).filter(|&w| w > 0.0) else { return };
            let centre = move |i: usize| (i as f64 + 0.5) * plot_width / count.max(1) as f64;
            if let Some(axis) = axis.cast::<web_sys::Element>() {
                place_ticks(&axis, plot_width, centre);
            }
            if let (Some(tip), Some(i)) = (tip.cast::<web_sys::HtmlElement>(), shown) {
                let _ = place(&tip, centre(i), plot_width);
            }
        });
    }
    let max = bins.iter().map(|b| b.count).max().unwrap_or(0).max(1) as f64;
    let width_px = width.map_or(ASSUMED_WIDTH_PX, f64::from);
    let slot = WIDTH / count.max(1) as f64;
    // A pixel or two between bars, in drawing units (the drawing stretches).
    let slot_px = width_px / count.max(1) as f64;
    let gap_px = if slot_px >= 12.0 { 2.0 } else if slot_px >= 4.0 { 1.0 } else { 0.0 };
    let gap = gap_px * WIDTH / width_px;
    let range_of = |a: usize, b: usize| {
        let (lo, hi) = (a.min(b), a.max(b));
        bins.get(lo).zip(bins.get(hi)).map(|(l, h)| (l.start, h.end))
    };
    let mentioned = props.layer == Layer::Mentioned;
    let count_of = |n: usize| if mentioned { mentions(n) } else { wording::documents(n) };
    let label_of = |bin: &Bin| format!("{}: {}", bin_label(timeline.granularity, bin.start), count_of(bin.count));
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
    let granularity_name = format!("{:?}", timeline.granularity).to_lowercase();
    let heading = html! {
        <div class="timeline-head">
            <h2 class="panel-heading">{ "Over time" }</h2>
            { switch }
            if !bins.is_empty() {
                <span class="muted">{ format!("{} by {granularity_name}", if mentioned { "mentions" } else { "documents" }) }</span>
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
    let in_range = |bin: &Bin| props.date_range.is_some_and(|(a, b)| a <= bin.start && bin.end <= b);
    // The tab stop: the bar last focused, else the first of the range in
    // force, else the first with any count.
    let tab_stop = (*stop).filter(|&i| i < count).unwrap_or_else(|| {
        bins.iter().position(in_range).or_else(|| bins.iter().position(|b| b.count > 0)).unwrap_or(0)
    });
    let bars = bins.iter().enumerate().map(|(i, bin)| {
        let h = if bin.count == 0 { 0.0 } else { (bin.count as f64 / max * (HEIGHT - 4.0)).max(2.0) };
        let label = label_of(bin);
        let chosen = in_range(bin);
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
        let on_enter = {
            let pointed = pointed.clone();
            Callback::from(move |_: MouseEvent| pointed.set(Some(i)))
        };
        let on_focus = {
            let (focused, stop) = (focused.clone(), stop.clone());
            Callback::from(move |_: FocusEvent| {
                focused.set(Some(i));
                stop.set(Some(i));
            })
        };
        let on_blur = {
            let focused = focused.clone();
            Callback::from(move |_: FocusEvent| focused.set(None))
        };
        let on_key = {
            let on_range = props.on_range.clone();
            let range = range_of(i, i);
            let chart = chart.clone();
            Callback::from(move |event: KeyboardEvent| {
                let to = match event.key().as_str() {
                    "Enter" | " " => {
                        event.prevent_default();
                        if let Some(range) = range {
                            on_range.emit(Some(range));
                        }
                        return;
                    }
                    "ArrowLeft" => i.saturating_sub(1),
                    "ArrowRight" => (i + 1).min(count - 1),
                    "Home" => 0,
                    "End" => count - 1,
                    _ => return,
                };
                event.prevent_default();
                focus_bar(&chart, to);
            })
        };
        let brushing = pressed.is_some_and(|p| (p.min(i)..=p.max(i)).contains(&i));
        html! {
            <g
                class={classes!("bar", brushing.then_some("brushing"), (bin.count == 0).then_some("empty"), (mentioned && chosen).then_some("chosen"), (shown == Some(i)).then_some("shown"))}
                role="button"
                tabindex={if i == tab_stop { "0" } else { "-1" }}
                aria-label={label.clone()}
                data-start={annals_engine::date::iso_day(bin.start)}
                data-end={annals_engine::date::iso_day(bin.end)}
                data-count={bin.count.to_string()}
                onmousedown={on_down}
                onmouseup={on_up}
                onmouseenter={on_enter}
                onfocus={on_focus}
                onblur={on_blur}
                onkeydown={on_key}
            >
                <title>{ label }</title>
                // The full-height slot takes the click even above a short bar.
                <rect class="bar-slot" x={format!("{:.2}", i as f64 * slot)} y="0" width={format!("{:.2}", slot)} height={HEIGHT.to_string()} />
                <rect class="bar-fill" x={format!("{:.2}", i as f64 * slot + gap / 2.0)} y={format!("{:.2}", HEIGHT - h)} width={format!("{:.2}", (slot - gap).max(0.5))} height={format!("{h:.2}")} />
            </g>
        }
    });
    // Labels under the centres of round-dated bars, as many as the chart's
    // width has room for (placed, and checked as drawn, after rendering).
    let tick_marks = axis_ticks(timeline.granularity, bins, width_px).into_iter().map(|tick| {
        html! { <span class="tick" data-bin={tick.bin.to_string()}>{ tick.label }</span> }
    });
    let on_leave = {
        let (pressed, pointed) = (pressed.clone(), pointed.clone());
        Callback::from(move |_: MouseEvent| {
            pressed.set(None);
            pointed.set(None);
        })
    };
    let chart_label = if mentioned {
        format!("Mentioned dates over time, by {granularity_name}; choose a bar to narrow to documents that mention its dates, or move between bars with the arrow keys")
    } else {
        format!("Documents over time, by {granularity_name}; choose a bar to narrow to its dates, or move between bars with the arrow keys")
    };
    html! {
        <section class="timeline" aria-label="Timeline" data-layer={props.layer.name()} data-granularity={granularity_name.clone()}>
            { heading }
            <div class="timeline-body">
                <div class="timeline-plot" ref={plot}>
                    // The shown bar's label, for the eye: the bar itself
                    // carries it for assistive technology.
                    if let Some(i) = shown {
                        <div class="timeline-tip" aria-hidden="true" ref={tip}>{ label_of(&bins[i]) }</div>
                    }
                    <svg class="timeline-chart" ref={chart.clone()} viewBox={format!("0 0 {WIDTH} {HEIGHT}")} preserveAspectRatio="none" role="group" aria-label={chart_label} onmouseleave={on_leave}>
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
    use annals_engine::date::days_from_civil;

    /// Consecutive bins of `granularity` from `from` through `to`.
    fn bins(granularity: Granularity, from: i32, to: i32) -> Vec<Bin> {
        let mut bins = Vec::new();
        let mut start = granularity.floor(from);
        while start <= to {
            let next = granularity.next(start);
            bins.push(Bin { start, end: next - 1, count: 1 });
            start = next;
        }
        bins
    }

    fn labels(ticks: &[Tick]) -> Vec<&str> {
        ticks.iter().map(|t| t.label.as_str()).collect()
    }

    #[test]
    fn decades_and_centuries_are_named_by_their_years() {
        let d = days_from_civil;
        assert_eq!(bin_label(Granularity::Decade, d(1880, 1, 1)), "1880s");
        assert_eq!(bin_label(Granularity::Century, d(1800, 1, 1)), "1800–1899");
        assert_eq!(tick_label(Granularity::Century, 1, d(1800, 1, 1)), "1800s");
        assert_eq!(bin_label(Granularity::Year, d(1838, 1, 1)), "1838");
        assert_eq!(bin_label(Granularity::Month, d(1838, 3, 1)), "Mar 1838");
        assert_eq!(tick_label(Granularity::Month, 12, d(1838, 1, 1)), "1838");
        assert_eq!(bin_label(Granularity::Decade, d(-10, 1, 1)), "-10s");
    }

    #[test]
    fn axis_labels_fall_on_round_dates_as_far_apart_as_the_width_needs() {
        let d = days_from_civil;
        // 1838–2014 by decade: 19 bars.
        let decades = bins(Granularity::Decade, d(1838, 3, 3), d(2014, 6, 30));
        assert_eq!(decades.len(), 19);
        // At 900 px a slot is 47 px, short of a label and its gap
        // (5 × 7.5 + 12 = 49.5): every other decade; at 1000 px, each.
        assert_eq!(labels(&axis_ticks(Granularity::Decade, &decades, 900.0)), ["1840s", "1860s", "1880s", "1900s", "1920s", "1940s", "1960s", "1980s", "2000s"]);
        assert_eq!(axis_ticks(Granularity::Decade, &decades, 1000.0).len(), 19);
        // A phone: every fifth decade, on the half centuries.
        assert_eq!(labels(&axis_ticks(Granularity::Decade, &decades, 330.0)), ["1850s", "1900s", "1950s", "2000s"]);
        // By year over 1950–2014: every five or ten years.
        let years = bins(Granularity::Year, d(1950, 1, 1), d(2014, 12, 31));
        assert_eq!(axis_ticks(Granularity::Year, &years, 900.0).len(), 13);
        assert_eq!(labels(&axis_ticks(Granularity::Year, &years, 330.0)), ["1950", "1960", "1970", "1980", "1990", "2000", "2010"]);
        assert_eq!(labels(&axis_ticks(Granularity::Year, &years, 200.0)), ["1960", "1980", "2000"]);
        // Months over two years (the seeds): every other month, half
        // years, or January alone named by its year.
        let months = bins(Granularity::Month, d(1999, 7, 21), d(2001, 5, 15));
        assert_eq!(labels(&axis_ticks(Granularity::Month, &months, 900.0))[..3], ["Jul 1999", "Sep 1999", "Nov 1999"]);
        assert_eq!(labels(&axis_ticks(Granularity::Month, &months, 330.0)), ["Jul 1999", "Jan 2000", "Jul 2000", "Jan 2001"]);
        assert_eq!(labels(&axis_ticks(Granularity::Month, &months, 200.0)), ["2000", "2001"]);
        // Centuries before year 0 are labelled too; one bar gets its label.
        let centuries = bins(Granularity::Century, d(-250, 1, 1), d(120, 1, 1));
        assert_eq!(labels(&axis_ticks(Granularity::Century, &centuries, 600.0)), ["-300s", "-200s", "-100s", "0s", "100s"]);
        assert_eq!(labels(&axis_ticks(Granularity::Year, &years[..1], 40.0)), ["1950"]);
        assert!(axis_ticks(Granularity::Day, &[], 600.0).is_empty());
        // However narrow, the labels chosen are never closer than the
        // widest of them.
        for width in [120.0, 200.0, 375.0, 640.0, 1280.0] {
            for (granularity, bins) in [(Granularity::Decade, &decades), (Granularity::Year, &years), (Granularity::Month, &months)] {
                let ticks = axis_ticks(granularity, bins, width);
                let slot = width / bins.len() as f64;
                let widest = ticks.iter().map(|t| t.label.len()).max().unwrap() as f64 * LABEL_CHAR_PX;
                for pair in ticks.windows(2) {
                    assert!((pair[1].bin - pair[0].bin) as f64 * slot >= widest + LABEL_GAP_PX, "{granularity:?} at {width}: {pair:?}");
                }
            }
        }
    }

    #[test]
    fn a_narrow_chart_asks_for_fewer_bins() {
        assert_eq!(most_bins(330), 55);
        assert_eq!(most_bins(900), 150);
        assert_eq!(most_bins(0), 1);
    }
}
