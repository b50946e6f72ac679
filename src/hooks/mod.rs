//! Custom hooks: behaviour that ties components to the browser.

pub mod use_debounce;
pub mod use_pieces_arrived;
pub mod use_popstate;
pub mod use_selection_in_url;
pub mod use_selection_views;
pub mod use_slash_to_focus;

pub use use_debounce::{use_debounce, Debounce};
pub use use_pieces_arrived::use_pieces_arrived;
pub use use_popstate::use_popstate;
pub use use_selection_in_url::{state_from_url, use_selection_in_url};
pub use use_selection_views::{use_selection_views, SelectionViews};
pub use use_slash_to_focus::use_slash_to_focus;
