//! The `/` shortcut: from anywhere on the page, `/` jumps to the search box
//! (as on GitHub or MDN), unless the user is already typing into a field.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlInputElement, KeyboardEvent};
use yew::{hook, use_effect_with, NodeRef};

/// Listens for `/` on the document while the component is mounted and moves
/// focus to the input behind `input`, selecting its text for retyping.
#[hook]
pub fn use_slash_to_focus(input: NodeRef) {
    use_effect_with(input, |input| {
        let input = input.clone();
        let listener = Closure::<dyn Fn(KeyboardEvent)>::new(move |event: KeyboardEvent| {
            if event.key() != "/" || event.ctrl_key() || event.meta_key() || event.alt_key() || typing_in_a_field(&event) {
                return;
            }
            if let Some(input) = input.cast::<HtmlInputElement>() {
                event.prevent_default();
                let _ = input.focus();
                input.select();
            }
        });
        let document = web_sys::window().and_then(|window| window.document());
        if let Some(document) = &document {
            let _ = document.add_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref());
        }
        move || {
            if let Some(document) = &document {
                let _ = document.remove_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref());
            }
            drop(listener);
        }
    });
}

/// Whether the key went to a text field, where `/` is just a character.
fn typing_in_a_field(event: &KeyboardEvent) -> bool {
    let Some(target) = event.target().and_then(|target| target.dyn_into::<HtmlElement>().ok()) else {
        return false;
    };
    matches!(target.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || target.is_content_editable()
}
