//! Asking again when parts of a split index arrive.

use yew::{hook, use_effect_with, use_state, Callback};

use crate::embedded;

/// How many rounds of a split index's pieces have arrived since this
/// component was first drawn, for the dependencies of what it asks the
/// engine: an answer given while a piece was missing is asked again when
/// the count changes. `on_arrival` is called too (the one given on the
/// first render is kept). A single index never changes the count.
#[hook]
pub fn use_pieces_arrived(on_arrival: Option<Callback<()>>) -> u64 {
    let arrivals = use_state(|| 0u64);
    {
        let arrivals = arrivals.clone();
        use_effect_with((), move |_| {
            let count = std::rc::Rc::new(std::cell::Cell::new(0u64));
            let listener = embedded::on_pieces_arrived(move || {
                count.set(count.get() + 1);
                arrivals.set(count.get());
                if let Some(callback) = &on_arrival {
                    callback.emit(());
                }
            });
            move || embedded::forget_listener(listener)
        });
    }
    *arrivals
}
