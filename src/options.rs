//! What the app is told when it starts: the explorer page (`#app`) and an
//! explorer mounted inside another site's page ([`crate::embed`]) differ only
//! in these few choices.
//!
//! The page's root component reads them as a Yew context; with no context
//! (the explorer page itself) the defaults hold.

use web_sys::Element;

/// How an explorer starts and how far it may reach into its page.
#[derive(Debug, Clone, PartialEq)]
pub struct AppOptions {
    /// The selection (query, facet filters, date range) to open with when
    /// the address holds none (or is not read).
    pub selection: Option<annals_engine::Selection>,
    /// Whether the explorer reads its search from the page's address, writes
    /// it back there and names the tab after it. True on the explorer's own
    /// page; an embedding site's address and title are not the explorer's
    /// to change unless the site asks.
    pub sync_url: bool,
    /// The element the app is rendered into when that is not the page's
    /// `#app`: it carries the readiness mark, and its presence means the
    /// explorer is a guest on someone else's page (no page-wide `/` key).
    pub root: Option<Element>,
}

impl Default for AppOptions {
    /// The explorer's own page.
    fn default() -> AppOptions {
        AppOptions { selection: None, sync_url: true, root: None }
    }
}

impl AppOptions {
    /// True when the explorer is mounted inside another page.
    pub fn is_guest(&self) -> bool {
        self.root.is_some()
    }
}
