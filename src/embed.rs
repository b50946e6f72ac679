//! Explorers inside other sites' pages: `mount(element, options)` renders the
//! whole app into a shadow root attached to `element`, so the host page's
//! CSS cannot reach in and the explorer's own CSS cannot leak out. Any number
//! may share a page; each has its own state, and nothing is kept here
//! between calls but what the returned [`MountHandle`] owns.
//!
//! ```js
//! const explorer = mount(document.querySelector('#corpus'), { query: 'nato', theme: 'dark' });
//! explorer.unmount();
//! ```

use serde::Deserialize;
use wasm_bindgen::prelude::*;
use web_sys::{CssStyleSheet, Element, ShadowRoot, ShadowRootInit, ShadowRootMode};
use yew::prelude::*;
use yew::AppHandle;

use annals_engine::date::parse_iso_day;
use annals_engine::{FacetFilter, Selection};

use crate::components::app::App;
use crate::options::AppOptions;

/// The explorer page's style sheet, shared by every explorer.
const PAGE_CSS: &str = include_str!("../www/style.css");

/// What a guest explorer needs on top of [`PAGE_CSS`]. Its root stands in
/// for the page's `body`, and `all: initial` stops the inheritance of the
/// host's fonts and colours at the shadow boundary (inherited properties
/// otherwise flow in from the host element). It is as tall as its content,
/// not the window, and the skip link is left out: its `#search-box` target
/// would be a fragment in the host's address.
const GUEST_CSS: &str = "
.app {
  all: initial;
  display: flex;
  flex-direction: column;
  min-height: 0;
  background: var(--bg);
  color: var(--text);
  font: 16px/1.5 var(--font);
  overflow-wrap: break-word;
  text-align: start;
}
.skip-link { display: none; }
";

/// The light or dark palette: the reader's system setting, or forced.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Theme {
    #[default]
    Auto,
    Light,
    Dark,
}

/// The options `mount()` accepts; every field may be left out.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct MountOptions {
    /// The query to open with.
    query: String,
    /// Facet filters: `{field, anyOf, noneOf}`.
    filters: Vec<crate::api::JsFilter>,
    /// Inclusive ISO days, `["1987-03-01", "1987-03-31"]`.
    date_range: Option<(String, String)>,
    theme: Theme,
    /// Read and write the search in the host page's address (off by default:
    /// the address belongs to the host).
    sync_url: bool,
}

/// One mounted explorer. `unmount()` removes it and leaves the element empty.
#[wasm_bindgen]
pub struct MountHandle {
    app: Option<AppHandle<Guest>>,
    shadow: ShadowRoot,
}

#[wasm_bindgen]
impl MountHandle {
    /// Stops the explorer and empties its shadow root; the element can be
    /// mounted into again. Calling it twice does nothing the second time.
    pub fn unmount(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        self.shadow.set_text_content(None);
        self.shadow.set_adopted_style_sheets(&js_sys::Array::new());
    }
}

/// Renders an explorer inside `element` (in a shadow root attached to it).
/// Throws an `Error` for malformed options, for an element that cannot
/// hold a shadow root (`<input>`, `<img>`…) or one that already holds one
/// with content (an explorer not yet unmounted).
#[wasm_bindgen]
pub fn mount(element: Element, options: JsValue) -> Result<MountHandle, JsError> {
    let options: MountOptions = if options.is_undefined() || options.is_null() {
        MountOptions::default()
    } else {
        serde_wasm_bindgen::from_value(options).map_err(|error| JsError::new(&format!("annals.mount: bad options: {error}")))?
    };
    let filters: Vec<FacetFilter> = options.filters.into_iter().map(FacetFilter::from).collect();
    let selection = opening_selection(&options.query, filters, options.date_range.as_ref())
        .map_err(|reason| JsError::new(&format!("annals.mount: {reason}")))?;

    let shadow = match element.shadow_root() {
        Some(shadow) if shadow.child_element_count() == 0 => shadow,
        Some(_) => return Err(JsError::new("annals.mount: this element already holds an explorer or other shadow content; unmount it first")),
        None => element
            .attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
            .map_err(|_| JsError::new("annals.mount: this element cannot hold an explorer (choose a <div> or similar)"))?,
    };
    let document = element.owner_document().ok_or_else(|| JsError::new("annals.mount: the element is in no document"))?;
    let css = stylesheet(options.theme);
    // A constructed style sheet is not inline CSS, so a strict
    // Content-Security-Policy (no 'unsafe-inline' styles) still admits it;
    // a browser without them gets a <style> element.
    match CssStyleSheet::new().and_then(|sheet| sheet.replace_sync(&css).map(|()| sheet)) {
        Ok(sheet) => shadow.set_adopted_style_sheets(&js_sys::Array::of1(&sheet)),
        Err(_) => {
            let style = document.create_element("style").map_err(|_| JsError::new("annals.mount: cannot create a style element"))?;
            style.set_text_content(Some(&css));
            shadow.append_child(&style).map_err(|_| JsError::new("annals.mount: cannot add the style sheet"))?;
        }
    }
    let root = document.create_element("div").map_err(|_| JsError::new("annals.mount: cannot create the explorer's root"))?;
    root.set_class_name("app");
    shadow.append_child(&root).map_err(|_| JsError::new("annals.mount: cannot add the explorer's root"))?;

    let app_options = AppOptions { selection: Some(selection), sync_url: options.sync_url, root: Some(root.clone()) };
    let app = yew::Renderer::<Guest>::with_root_and_props(root, GuestProps { options: app_options }).render();
    Ok(MountHandle { app: Some(app), shadow })
}

/// Properties of [`Guest`].
#[derive(Properties, PartialEq)]
struct GuestProps {
    options: AppOptions,
}

/// The app with its options in context.
#[component]
fn Guest(props: &GuestProps) -> Html {
    html! {
        <ContextProvider<AppOptions> context={props.options.clone()}>
            <App />
        </ContextProvider<AppOptions>>
    }
}

/// The page's style sheet made to work inside a shadow root: `:root` rules
/// apply to the shadow host, `rem` lengths become pixels (a `rem` is the
/// host page's root font size, which the host may set to anything), and a
/// forced theme keeps or drops the dark palette whatever the system says.
fn stylesheet(theme: Theme) -> String {
    let css = px_from_rem(&PAGE_CSS.replace(":root", ":host"));
    let (css, scheme) = match theme {
        Theme::Auto => (css, "light dark"),
        Theme::Light => (css.replace("(prefers-color-scheme: dark)", "not all"), "light"),
        Theme::Dark => (css.replace("(prefers-color-scheme: dark)", "all"), "dark"),
    };
    format!("{css}{GUEST_CSS}.app {{ color-scheme: {scheme}; }}\n")
}

/// The pixels of one `rem` on the explorer's own page (the browsers' default
/// root font size), so the explorer measures the same everywhere.
const PX_PER_REM: u64 = 16;

/// A CSS number of `rem` (`1`, `.5`, `1.25`) in pixels, to at most three
/// decimals with no trailing zeros (`8`, `20`, `21.6`); `None` for what is
/// not such a number. Decimal arithmetic on integers, not `f64`: parsing and
/// printing floats would put core's float tables into the WebAssembly for
/// a few lengths.
fn pixels(number: &str) -> Option<String> {
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    if whole.len() + fraction.len() == 0 || whole.len() > 9 || fraction.contains('.') {
        return None;
    }
    let digits = |text: &str| text.bytes().try_fold(0u64, |n, b| b.is_ascii_digit().then(|| n * 10 + u64::from(b - b'0')));
    // Thousandths of a rem, rounded half up from any further digits.
    let (kept, rest) = fraction.split_at(fraction.len().min(3));
    let mut thousandths = digits(whole)? * 1000 + digits(kept)? * 10u64.pow(3 - kept.len() as u32);
    if !rest.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // Rounding happens on the pixels, as printing `number * 16` to three
    // decimals would: carry the next digits along at sixteen times.
    let rest_value = rest.bytes().take(6).fold(0u64, |n, b| n * 10 + u64::from(b - b'0'));
    let rest_scale = 10u64.pow(rest.len().min(6) as u32);
    thousandths = thousandths * PX_PER_REM + (rest_value * PX_PER_REM * 2 + rest_scale) / (2 * rest_scale);
    let (units, decimals) = (thousandths / 1000, thousandths % 1000);
    Some(if decimals == 0 {
        units.to_string()
    } else {
        format!("{units}.{}", format!("{decimals:03}").trim_end_matches('0'))
    })
}

/// Rewrites every `<number>rem` length in `css` as pixels.
fn px_from_rem(css: &str) -> String {
    let bytes = css.as_bytes();
    let mut out = String::with_capacity(css.len());
    let (mut copied, mut from) = (0, 0);
    while let Some(found) = css[from..].find("rem") {
        let unit_at = from + found;
        from = unit_at + 3;
        let mut start = unit_at;
        while start > 0 && (bytes[start - 1].is_ascii_digit() || bytes[start - 1] == b'.') {
            start -= 1;
        }
        let inside_a_word = |byte: Option<&u8>| byte.is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_');
        if start == unit_at || inside_a_word(start.checked_sub(1).and_then(|i| bytes.get(i))) || inside_a_word(bytes.get(from)) {
            continue;
        }
        let Some(px) = pixels(&css[start..unit_at]) else { continue };
        out.push_str(&css[copied..start]);
        out.push_str(&px);
        out.push_str("px");
        copied = from;
    }
    out.push_str(&css[copied..]);
    out
}

/// The selection a mounted explorer opens with: its query, facet filters
/// and date range as they are. The filters stay filters (shown as chips the
/// reader can remove), not text appended to the query, so no value, however
/// it is spelled, can change what the query says, and a long query cannot
/// push them out.
fn opening_selection(query: &str, filters: Vec<FacetFilter>, date_range: Option<&(String, String)>) -> Result<Selection, String> {
    if let Some(filter) = filters.iter().find(|f| f.field.trim().is_empty()) {
        return Err(format!("a filter needs a field (a facet name); this one has none: {filter:?}"));
    }
    let date_range = match date_range {
        None => None,
        Some((from, to)) => {
            let day = |text: &str| parse_iso_day(text).ok_or_else(|| format!("dateRange wants YYYY-MM-DD days, not {text:?}"));
            let (from, to) = (day(from)?, day(to)?);
            Some((from.min(to), from.max(to)))
        }
    };
    Ok(Selection { query: query.trim().to_string(), filters, date_range })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rem_lengths_become_pixels_and_nothing_else_changes() {
        assert_eq!(px_from_rem("a { margin: .5rem 1rem -1.25rem; }"), "a { margin: 8px 16px -20px; }");
        assert_eq!(px_from_rem("clamp(1.35rem, 1.1rem + 1.2vw, 1.9rem)"), "clamp(21.6px, 17.6px + 1.2vw, 30.4px)");
        // Words that contain "rem" and a bare "rem" are left alone.
        assert_eq!(px_from_rem("/* remains 2remx a1rem rem */"), "/* remains 2remx a1rem rem */");
        assert_eq!(px_from_rem("é 2rem"), "é 32px");
        // Only numbers: a lone dot, or two, is left as it is.
        assert_eq!(px_from_rem(".rem 1.2.3rem"), ".rem 1.2.3rem");
        for (rem, px) in [("0", "0"), (".875", "14"), (".35", "5.6"), ("40", "640"), ("1.0001", "16.002"), ("0.00003", "0")] {
            assert_eq!(pixels(rem).as_deref(), Some(px), "{rem}rem");
        }
        assert!(!stylesheet(Theme::Auto).contains("rem;"));
    }

    #[test]
    fn a_forced_theme_keeps_or_drops_the_dark_palette() {
        assert!(stylesheet(Theme::Auto).contains("@media (prefers-color-scheme: dark)"));
        assert!(stylesheet(Theme::Dark).contains("@media all"));
        assert!(stylesheet(Theme::Light).contains("@media not all"));
        assert!(stylesheet(Theme::Light).contains("color-scheme: light; }"));
        assert!(!stylesheet(Theme::Auto).contains(":root"));
    }

    #[test]
    fn filters_and_dates_open_as_the_selection_not_as_query_text() {
        let filters = vec![
            FacetFilter { field: "topics".into(), any_of: vec!["crude".into(), "ship".into()], none_of: vec!["gr\"ain ”) OR (x".into()] },
            FacetFilter { field: "places".into(), any_of: vec!["usa".into()], none_of: vec![] },
        ];
        let range = ("1987-03-31".to_string(), "1987-03-01".to_string());
        let long = "oil ".repeat(1_000);
        let selection = opening_selection(&long, filters.clone(), Some(&range)).unwrap();
        // The query is as given; the filters keep every value, quotes and all.
        assert_eq!(selection.query, long.trim());
        assert_eq!(selection.filters, filters);
        let day = |d: &str| parse_iso_day(d).unwrap();
        assert_eq!(selection.date_range, Some((day("1987-03-01"), day("1987-03-31"))));
        assert_eq!(opening_selection("", Vec::new(), None).unwrap(), Selection::default());
        assert!(opening_selection("", Vec::new(), Some(&("1987".to_string(), "x) OR (y".to_string()))).is_err());
        let nameless = FacetFilter { field: " ".into(), any_of: vec!["a".into()], none_of: vec![] };
        assert!(opening_selection("", vec![nameless], None).is_err());
    }
}
