//! The search form: a labelled `type=search` box that searches as you type,
//! at Enter, and clears at Escape.

use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Properties of [`SearchBox`].
#[derive(Properties, PartialEq)]
pub struct SearchBoxProps {
    /// The box's text.
    pub value: AttrValue,
    /// Lets the page focus the box (the `/` shortcut).
    pub input_ref: NodeRef,
    /// True when there is nothing to search.
    pub disabled: bool,
    /// The text changed.
    pub on_edit: Callback<String>,
    /// Enter: search now.
    pub on_submit: Callback<()>,
    /// Escape: empty the box.
    pub on_clear: Callback<()>,
    /// Whether `/` brings the reader back here (not in an explorer that is
    /// a guest on another site's page), so the help only promises what works.
    #[prop_or(true)]
    pub slash_shortcut: bool,
    /// A year the corpus has documents from, for the help's `date:` and
    /// `mentions:` examples (`None`: no document is dated, and the help
    /// leaves dates out rather than name a year that finds nothing).
    #[prop_or_default]
    pub example_year: Option<i32>,
}

/// The search form (a `search` landmark).
#[component]
pub fn SearchBox(props: &SearchBoxProps) -> Html {
    let on_input = {
        let on_edit = props.on_edit.clone();
        Callback::from(move |event: InputEvent| on_edit.emit(event.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let on_keydown = {
        let on_clear = props.on_clear.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Escape" {
                // The browser's own Escape handling of search boxes would
                // clear the text behind our back; we clear it ourselves.
                event.prevent_default();
                on_clear.emit(());
            }
        })
    };
    let on_submit = {
        let on_submit = props.on_submit.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            on_submit.emit(());
        })
    };
    html! {
        <form class="search" role="search" onsubmit={on_submit}>
            <label class="search-label" for="search-box">{ "Search the documents" }</label>
            <div class="search-field">
                <input
                    id="search-box"
                    ref={props.input_ref.clone()}
                    type="search"
                    name="q"
                    value={props.value.clone()}
                    oninput={on_input}
                    onkeydown={on_keydown}
                    disabled={props.disabled}
                    autocomplete="off"
                    autocapitalize="off"
                    spellcheck="false"
                    enterkeyhint="search"
                    placeholder="Names, places, phrases…"
                    aria-describedby="search-help"
                />
                if props.slash_shortcut {
                    <kbd class="shortcut" aria-hidden="true">{ "/" }</kbd>
                }
            </div>
            <p id="search-help" class="search-help">
                if props.slash_shortcut {
                    { "Results update as you type. Press / to come back here, Esc to clear." }
                } else {
                    { "Results update as you type. Press Esc to clear." }
                }
                if let Some(year) = props.example_year {
                    { " " }<code>{ format!("date:{year}") }</code>{ format!(" finds what was written in {year}, ") }
                    <code>{ format!("mentions:{year}") }</code>{ format!(" what speaks of {year}.") }
                }
            </p>
        </form>
    }
}
