//! The views of one selection: documents, keyword in context, terms, and
//! the chronology of the dates its texts mention.

use yew::prelude::*;

use crate::state::Tab;

/// Properties of [`ViewTabs`].
#[derive(Properties, PartialEq)]
pub struct ViewTabsProps {
    /// The view shown.
    pub tab: Tab,
    /// Show another view.
    pub on_change: Callback<Tab>,
}

/// Four toggle buttons (a view switch, not a tab list: each view is the
/// whole results area).
#[component]
pub fn ViewTabs(props: &ViewTabsProps) -> Html {
    let button = |tab: Tab, label: &'static str| {
        let on_change = props.on_change.clone();
        html! {
            <button type="button" class="tab-button" data-tab={tab.name()} aria-pressed={(props.tab == tab).to_string()}
                onclick={Callback::from(move |_: MouseEvent| on_change.emit(tab))}>
                { label }
            </button>
        }
    };
    html! {
        <div class="view-tabs" role="group" aria-label="View">
            { button(Tab::Documents, "Documents") }
            { button(Tab::Concordance, "In context") }
            { button(Tab::Terms, "Terms") }
            { button(Tab::Chronology, "Chronology") }
        </div>
    }
}
