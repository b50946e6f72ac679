//! The facets: for every facet field, its values with how many documents of
//! the current selection carry each; a value can be required (several in a
//! field: any of them) or left out, and a long list can be filtered.

use std::rc::Rc;

use annals_engine::analytics::facets::FacetCounts;
use annals_engine::FacetFilter;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::{browser, wording};

/// Values shown before "Show all".
const SHOWN: usize = 12;

/// Properties of [`FacetSidebar`].
#[derive(Properties, PartialEq)]
pub struct FacetSidebarProps {
    /// The counts over the selection.
    pub facets: Rc<Vec<FacetCounts>>,
    /// The filters in force.
    pub filters: Vec<FacetFilter>,
    /// Require a value (or stop): `(field, value)`.
    pub on_include: Callback<(String, String)>,
    /// Leave a value out (or stop): `(field, value)`.
    pub on_exclude: Callback<(String, String)>,
}

/// Every facet field as a group of checkboxes.
#[component]
pub fn FacetSidebar(props: &FacetSidebarProps) -> Html {
    let folded = use_state(browser::is_one_column);
    // A corpus without facet fields has no filter column at all (the
    // workbench then gives the views the whole width); one with facets keeps
    // its column even when the selection leaves no values, so the page does
    // not jump between one and two columns as the query changes.
    if props.facets.is_empty() {
        return html! {};
    }
    let nothing_to_count = props.facets.iter().all(|f| f.values.is_empty());
    let summary = match props.filters.len() {
        0 => "Filter".to_string(),
        n => format!("Filter ({n} in force)"),
    };
    html! {
        <aside class="facets" aria-label="Filters">
            // In one column the filters come before the views, folded so
            // the results are not a screen away; beside the views they are
            // open and the fold's summary is hidden (see the style sheet).
            <details class="facets-fold" open={!*folded}>
                <summary class="facets-summary">{ summary }</summary>
                <h2 class="facets-heading">{ "Filter" }</h2>
                if nothing_to_count {
                    <p class="muted facets-empty">{ "No document in this selection carries a filter value." }</p>
                }
                { for props.facets.iter().filter(|f| !f.values.is_empty()).map(|facet| html! {
                    <FacetGroup
                        key={facet.field.clone()}
                        facet={facet.clone()}
                        filter={props.filters.iter().find(|f| f.field == facet.field).cloned()}
                        on_include={props.on_include.clone()}
                        on_exclude={props.on_exclude.clone()}
                    />
                }) }
            </details>
        </aside>
    }
}

/// Properties of [`FacetGroup`].
#[derive(Properties, PartialEq)]
struct FacetGroupProps {
    facet: FacetCounts,
    filter: Option<FacetFilter>,
    on_include: Callback<(String, String)>,
    on_exclude: Callback<(String, String)>,
}

/// One field's values.
#[component]
fn FacetGroup(props: &FacetGroupProps) -> Html {
    let narrow = use_state(String::new);
    let all = use_state(|| false);
    let field = props.facet.field.clone();
    let has = |list: Option<&Vec<String>>, value: &str| {
        list.is_some_and(|l| l.iter().any(|v| v.trim().eq_ignore_ascii_case(value.trim())))
    };
    let needle = narrow.to_lowercase();
    let matching: Vec<_> =
        props.facet.values.iter().filter(|v| needle.is_empty() || v.value.to_lowercase().contains(&needle)).collect();
    let shown = if *all || !needle.is_empty() { matching.len() } else { matching.len().min(SHOWN) };
    let label = wording::field_label(&field);
    let group_id = format!("facet-{}", field.replace(|c: char| !c.is_ascii_alphanumeric(), "-"));
    let on_narrow = {
        let narrow = narrow.clone();
        Callback::from(move |event: InputEvent| narrow.set(event.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let toggle_all = {
        let all = all.clone();
        Callback::from(move |_: MouseEvent| all.set(!*all))
    };
    html! {
        <fieldset class="facet" data-field={field.clone()}>
            <legend>{ label.clone() }</legend>
            if props.facet.values.len() > SHOWN {
                <input
                    type="search"
                    class="facet-narrow"
                    aria-label={format!("Find a value of {label}")}
                    placeholder="Find a value"
                    value={(*narrow).clone()}
                    oninput={on_narrow}
                />
            }
            <ul class="facet-values" id={group_id.clone()}>
                { for matching.iter().take(shown).enumerate().map(|(i, v)| {
                    let included = has(props.filter.as_ref().map(|f| &f.any_of), &v.value);
                    let excluded = has(props.filter.as_ref().map(|f| &f.none_of), &v.value);
                    let input_id = format!("{group_id}-{i}");
                    let include = {
                        let on_include = props.on_include.clone();
                        let pair = (field.clone(), v.value.clone());
                        Callback::from(move |_: Event| on_include.emit(pair.clone()))
                    };
                    let exclude = {
                        let on_exclude = props.on_exclude.clone();
                        let pair = (field.clone(), v.value.clone());
                        Callback::from(move |_: MouseEvent| on_exclude.emit(pair.clone()))
                    };
                    html! {
                        <li class={classes!("facet-value", excluded.then_some("excluded"))} data-value={v.value.clone()}>
                            <input type="checkbox" id={input_id.clone()} checked={included} onchange={include} />
                            <label for={input_id}>
                                <span class="facet-name">{ v.value.clone() }</span>
                                <span class="facet-count">{ wording::group_thousands(v.count) }</span>
                            </label>
                            <button
                                type="button"
                                class="facet-exclude"
                                aria-pressed={excluded.to_string()}
                                aria-label={format!("Leave out {}", v.value)}
                                title={format!("Leave out {}", v.value)}
                                onclick={exclude}
                            >{ "−" }</button>
                        </li>
                    }
                }) }
            </ul>
            if needle.is_empty() && matching.len() > SHOWN {
                <button type="button" class="link-button" aria-controls={group_id} aria-expanded={all.to_string()} onclick={toggle_all}>
                    { if *all { "Show fewer".to_string() } else { format!("Show all {}", matching.len()) } }
                </button>
            }
        </fieldset>
    }
}
