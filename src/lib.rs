//! The Annals web app: a Yew page that searches the corpus index embedded in
//! this WebAssembly module, with no server behind it.
//!
//! - [`embedded`] owns the index bytes and is the only door to the engine.
//! - [`state`] holds what the page shows and how actions change it.
//! - [`components`] draw it, one component per file; [`hooks`] hold the
//!   browser-facing behaviour (debouncing, the URL, keyboard shortcuts).
//! - [`browser`] wraps the few DOM calls Yew does not make for us.
//!
//! The entry point [`start`] runs when the module is instantiated (Trunk's
//! loader calls it): it replaces the loading message in `#app` with the app.
//! Other sites put explorers in their own pages with [`embed::mount`]
//! (through `annals.js`); [`options`] says how the two differ.

pub mod api;
pub mod browser;
pub mod components;
pub mod csv;
pub mod embed;
pub mod embedded;
pub mod hooks;
pub mod mentions;
pub mod options;
pub mod snippet;
pub mod state;
pub mod wording;

use wasm_bindgen::prelude::*;

/// Mounts the app into the explorer page's `#app`, replacing the static
/// loading message. On any other page (the module loaded by `annals.js`)
/// it renders nothing: the host calls [`embed::mount`] where it wants one.
#[wasm_bindgen(start)]
pub fn start() {
    browser::install_panic_reporter();
    // The engine builds its forward view (stored text unpacked, postings
    // turned round) and its stem map on first use. Doing it in the task
    // after this one, once the page has painted, spares the first search
    // the wait.
    gloo_timers::callback::Timeout::new(0, embedded::prepare).forget();
    let Some(root) = browser::take_app_root() else { return };
    yew::Renderer::<components::app::App>::with_root(root).render();
}
