//! The live line under the search box: "4 documents". Screen readers announce
//! it politely whenever a search changes it.

use yew::prelude::*;

/// Properties of [`HitCount`].
#[derive(Properties, PartialEq)]
pub struct HitCountProps {
    /// The line to show; empty before any search.
    pub text: AttrValue,
}

/// The hit count, in a polite live region that is always in the page (a
/// region added together with its text would not be announced).
#[component]
pub fn HitCount(props: &HitCountProps) -> Html {
    html! {
        <p id="hit-count" class="hit-count" role="status" aria-live="polite" aria-atomic="true">
            { props.text.clone() }
        </p>
    }
}
