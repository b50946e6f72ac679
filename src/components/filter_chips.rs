//! The filters in force as chips, each removable, with "Clear all".

use annals_engine::FacetFilter;
use yew::prelude::*;

use crate::wording;

/// Properties of [`FilterChips`].
#[derive(Properties, PartialEq)]
pub struct FilterChipsProps {
    /// The facet filters.
    pub filters: Vec<FacetFilter>,
    /// The date range.
    pub date_range: Option<(i32, i32)>,
    /// Remove a required value: `(field, value)`.
    pub on_remove_include: Callback<(String, String)>,
    /// Remove a left-out value: `(field, value)`.
    pub on_remove_exclude: Callback<(String, String)>,
    /// Lift the date range.
    pub on_clear_range: Callback<()>,
    /// Remove everything.
    pub on_clear_all: Callback<()>,
}

/// One chip per filter value and one for the range.
#[component]
pub fn FilterChips(props: &FilterChipsProps) -> Html {
    if props.filters.is_empty() && props.date_range.is_none() {
        return html! {};
    }
    let chip = |text: String, on_remove: Callback<MouseEvent>, class: &'static str| {
        html! {
            <li class={classes!("chip", class)}>
                <span>{ text.clone() }</span>
                <button type="button" class="chip-remove" aria-label={format!("Remove {text}")} onclick={on_remove}>{ "×" }</button>
            </li>
        }
    };
    let mut chips = Vec::new();
    for filter in &props.filters {
        let label = wording::field_label(&filter.field);
        for value in &filter.any_of {
            let pair = (filter.field.clone(), value.clone());
            let on = props.on_remove_include.clone();
            chips.push(chip(format!("{label}: {value}"), Callback::from(move |_| on.emit(pair.clone())), "include"));
        }
        for value in &filter.none_of {
            let pair = (filter.field.clone(), value.clone());
            let on = props.on_remove_exclude.clone();
            chips.push(chip(format!("{label}: not {value}"), Callback::from(move |_| on.emit(pair.clone())), "exclude"));
        }
    }
    if let Some((from, to)) = props.date_range {
        let on = props.on_clear_range.clone();
        chips.push(chip(format!("Dates: {}", wording::date_span(from, to)), Callback::from(move |_| on.emit(())), "range"));
    }
    let clear_all = {
        let on = props.on_clear_all.clone();
        Callback::from(move |_: MouseEvent| on.emit(()))
    };
    html! {
        <div class="chips" aria-label="Filters in force" role="region">
            <ul>{ for chips }</ul>
            <button type="button" class="link-button" onclick={clear_all}>{ "Clear all" }</button>
        </div>
    }
}
