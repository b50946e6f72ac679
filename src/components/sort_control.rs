//! The order menu: best matches first, or by date either way, for reading a
//! story as it unfolded.

use annals_engine::Sort;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::browser::{sort_from_name, sort_name};

/// Properties of [`SortControl`].
#[derive(Properties, PartialEq)]
pub struct SortControlProps {
    /// The current order.
    pub sort: Sort,
    /// The user chose another order.
    pub on_change: Callback<Sort>,
}

/// A labelled `<select>` of the three orders.
#[component]
pub fn SortControl(props: &SortControlProps) -> Html {
    let on_change = {
        let on_change = props.on_change.clone();
        Callback::from(move |event: Event| {
            on_change.emit(sort_from_name(&event.target_unchecked_into::<HtmlSelectElement>().value()))
        })
    };
    let option = |sort: Sort, label: &'static str| {
        html! { <option value={sort_name(sort)} selected={props.sort == sort}>{ label }</option> }
    };
    html! {
        <div class="sort">
            <label for="sort-order">{ "Order" }</label>
            <select id="sort-order" onchange={on_change}>
                { option(Sort::Relevance, "Best match") }
                { option(Sort::Newest, "Newest first") }
                { option(Sort::Oldest, "Oldest first") }
            </select>
        </div>
    }
}
