//! Back and Forward, for components whose state lives in the address.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::{hook, use_effect_with, Callback};

/// Calls `on_pop` each time Back or Forward changes the address, while
/// `enabled` (an explorer embedded in another site's page must not follow
/// that page's history). The callback given on the first render is kept.
#[hook]
pub fn use_popstate(enabled: bool, on_pop: Callback<()>) {
    use_effect_with(enabled, move |&enabled| {
        let listener = Closure::<dyn Fn()>::new(move || on_pop.emit(()));
        let window = web_sys::window().filter(|_| enabled);
        if let Some(window) = &window {
            let _ = window.add_event_listener_with_callback("popstate", listener.as_ref().unchecked_ref());
        }
        move || {
            if let Some(window) = window {
                let _ = window.remove_event_listener_with_callback("popstate", listener.as_ref().unchecked_ref());
            }
        }
    });
}
