//! The selection's words: the most frequent, the most distinctive against
//! the whole corpus (log-likelihood), and the words most often found near
//! the query's first word. Choosing a word adds it to the query.

use std::rc::Rc;

use annals_engine::analytics::terms::{Collocates, TermScore, TermStats};
use annals_engine::analytics::SIGNIFICANT_G2;
use yew::prelude::*;

use crate::wording;

/// Properties of [`TermsView`].
#[derive(Properties, PartialEq)]
pub struct TermsViewProps {
    /// Frequent and distinctive words.
    pub stats: Rc<TermStats>,
    /// Words near the query's first word, and that word.
    pub collocates: Rc<(String, Collocates)>,
    /// Add a word to the query.
    pub on_add: Callback<String>,
}

/// Three lists of words.
#[component]
pub fn TermsView(props: &TermsViewProps) -> Html {
    let list = |title: String, terms: &[TermScore], kind: &'static str, show_score: bool| {
        if terms.is_empty() {
            return html! {};
        }
        html! {
            <section class={classes!("term-list", kind)} aria-label={title.clone()}>
                <h3>{ title }</h3>
                <ol>
                    { for terms.iter().map(|t| {
                        let on_add = props.on_add.clone();
                        let word = t.term.clone();
                        let detail = if show_score {
                            // Small scores keep a decimal: a selection close to the
                            // whole corpus has little that stands out, and "0" would
                            // say nothing does.
                            let digits = if t.score < 10.0 { 1 } else { 0 };
                            format!("{} · G² {:.*}", wording::group_thousands(t.count), digits, t.score)
                        } else {
                            wording::group_thousands(t.count)
                        };
                        html! {
                            <li>
                                <button type="button" class="term" data-term={t.term.clone()} title={format!("Add {} to the query", t.term)}
                                    onclick={Callback::from(move |_: MouseEvent| on_add.emit(word.clone()))}>
                                    { t.term.clone() }
                                </button>
                                <span class="term-count">{ detail }</span>
                            </li>
                        }
                    }) }
                </ol>
            </section>
        }
    };
    let stats = &props.stats;
    let read = if stats.documents_read < stats.documents {
        format!(
            "Read from a sample of {} of the {} documents, spread over the selection.",
            wording::group_thousands(stats.documents_read),
            wording::group_thousands(stats.documents)
        )
    } else if stats.documents == 1 {
        "Read from the one document selected.".to_string()
    } else {
        format!("Read from all {}.", wording::documents(stats.documents))
    };
    let (word, near) = props.collocates.as_ref();
    // A split index counts nearby words in a sample too.
    let near_read = (near.documents_read < near.documents).then(|| {
        format!(
            " Words near “{word}” from {} of the {} documents with it.",
            wording::group_thousands(near.documents_read),
            wording::group_thousands(near.documents)
        )
    });
    html! {
        <div class="terms">
            <p class="muted">{ read }{ near_read.unwrap_or_default() }{ " Choose a word to add it to the query." }</p>
            <div class="term-columns">
                { list("Most frequent".to_string(), &stats.frequent, "frequent", false) }
                if stats.distinctive.is_empty() && !stats.frequent.is_empty() {
                    // Say why the column is missing rather than drop it: a
                    // selection much like the whole corpus has no word whose
                    // excess is beyond chance.
                    <section class={classes!("term-list", "distinctive")} aria-label="Most distinctive">
                        <h3>{ "Most distinctive" }</h3>
                        <p class="muted">{ format!("No word stands out against the whole corpus here (none reaches G² {SIGNIFICANT_G2}, p < 0.05).") }</p>
                    </section>
                } else {
                    { list("Most distinctive".to_string(), &stats.distinctive, "distinctive", true) }
                }
                { list(format!("Near “{word}”"), &near.words, "collocates", true) }
            </div>
        </div>
    }
}
