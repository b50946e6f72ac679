//! A snippet with its matching words in `<mark>`, built as elements and text
//! nodes from the engine's byte ranges; corpus text is never parsed as HTML.

use annals_engine::Snippet;
use yew::prelude::*;

use crate::snippet::{pieces, Piece};

/// Properties of [`MarkedSnippet`].
#[derive(Properties, PartialEq)]
pub struct MarkedSnippetProps {
    /// The passage and its mark ranges.
    pub snippet: Snippet,
}

/// One passage, marks included.
#[component]
pub fn MarkedSnippet(props: &MarkedSnippetProps) -> Html {
    let snippet = &props.snippet;
    html! {
        <p class="snippet">
            { for pieces(&snippet.text, &snippet.marks).into_iter().map(|piece| match piece {
                Piece::Plain(text) => html! { { text.to_string() } },
                Piece::Marked(text) => html! { <mark>{ text.to_string() }</mark> },
            }) }
        </p>
    }
}
