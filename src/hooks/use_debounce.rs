//! A debouncer: runs a callback once input has paused for a moment.
//!
//! Search runs as you type, but not on every keystroke: each keystroke
//! re-arms one timer and only the last one fires. Dropping the timer cancels
//! it, so replacing it, cancelling it and unmounting the component all
//! simply drop it.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use yew::{hook, use_mut_ref, Callback};

/// A handle to one debounced timer.
#[derive(Clone)]
pub struct Debounce {
    delay_ms: u32,
    pending: Rc<RefCell<Option<Timeout>>>,
}

impl Debounce {
    /// Runs `callback` after the delay, unless scheduled again or cancelled first.
    pub fn schedule(&self, callback: Callback<()>) {
        let timer = Timeout::new(self.delay_ms, move || callback.emit(()));
        *self.pending.borrow_mut() = Some(timer);
    }

    /// Forgets the pending call, if any.
    pub fn cancel(&self) {
        self.pending.borrow_mut().take();
    }
}

/// A debouncer with a pause of `delay_ms` milliseconds.
#[hook]
pub fn use_debounce(delay_ms: u32) -> Debounce {
    let pending = use_mut_ref(|| None);
    Debounce { delay_ms, pending }
}
