//! The JS API's options (src/api.rs) as any JSON, for every function, over
//! the embedded seed corpus: bad options are an error, never a panic. The
//! first line of the input is the query, the rest the options.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (query, json) = text.split_once('\n').unwrap_or(("", text));
    for function in ["search", "facets", "timeline", "trends", "concordance"] {
        let _ = annals_web::api::call_with_json_options(function, query, json);
    }
});
