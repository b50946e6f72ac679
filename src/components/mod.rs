//! The page's components, one per file, from the whole page ([`app::App`])
//! down to one marked snippet.

pub mod app;
pub mod chronology_view;
pub mod concordance_view;
pub mod document_text;
pub mod facet_sidebar;
pub mod fetching;
pub mod filter_chips;
pub mod hit_count;
pub mod marked_snippet;
pub mod no_results;
pub mod notices;
pub mod overview;
pub mod reader;
pub mod result_item;
pub mod result_list;
pub mod search_box;
pub mod sort_control;
pub mod suggestion;
pub mod terms_view;
pub mod timeline_panel;
pub mod trends_panel;
pub mod view_tabs;
