//! The lenient JSON-LD parser and the whole extraction cascade on arbitrary
//! input. Invariants: no panic or hang; a salary range is never inverted and
//! never negative or non-finite; the structured hash is deterministic; any
//! value the lenient parser accepts from strict JSON is what serde_json
//! parses.
#![no_main]

use chrono::TimeZone;
use jh_common::extract::{Context, extract, parse_lenient_json, structured_hash};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let lenient = parse_lenient_json(&text);
    if let Ok(strict) = serde_json::from_str::<serde_json::Value>(&text) {
        assert_eq!(lenient.as_ref(), Some(&strict), "lenient parse disagrees with strict JSON");
    }
    // The same bytes as a JSON-LD block on a page, and as a page.
    let page = format!(
        r#"<html><head><script type="application/ld+json">{text}</script></head><body><h1>t</h1></body></html>"#
    );
    let ctx = Context::new(
        Some("https://jobs.example.com/1".into()),
        chrono::Utc.with_ymd_and_hms(2026, 1, 15, 12, 0, 0).unwrap(),
    );
    for html in [page.as_str(), text.as_ref()] {
        assert_eq!(structured_hash(html), structured_hash(html));
        if let Some(job) = extract(html, &ctx) {
            if let Some(s) = &job.salary {
                for v in [s.min, s.max].into_iter().flatten() {
                    assert!(v.is_finite() && v >= 0.0, "bad salary bound {v} in {s:?}");
                }
                if let (Some(min), Some(max)) = (s.min, s.max) {
                    assert!(min <= max, "inverted salary {s:?}");
                }
            }
        }
    }
});
