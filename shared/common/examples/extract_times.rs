//! Timing helper for `cargo xtask bench-extract`: extracts each page REPS
//! times and prints `{"<path>": median ms, ...}` as JSON, with
//! `"scan:<path>"`: the median ms of finding every `<` in the page with
//! `memchr` (less work than any extraction that looks at every tag).
//!
//! Usage: `extract_times REPS FILE...`

use std::time::Instant;

use jh_common::extract::{Context, extract};

fn main() {
    let mut args = std::env::args().skip(1);
    let reps: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(50);
    let ctx = Context::new(None, chrono::Utc::now());
    let mut out = serde_json::Map::new();
    for path in args {
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("reading {path}: {e}"));
        let html = jh_common::charset::decode_html(&bytes, None).0;
        std::hint::black_box(extract(&html, &ctx));
        let mut times: Vec<f64> = (0..reps.max(1))
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(extract(std::hint::black_box(&html), &ctx));
                t.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        times.sort_by(f64::total_cmp);
        let mut scans: Vec<f64> = (0..reps.max(1))
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(memchr::memchr_iter(b'<', std::hint::black_box(html.as_bytes())).count());
                t.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        scans.sort_by(f64::total_cmp);
        out.insert(format!("scan:{path}"), serde_json::json!(scans[scans.len() / 2]));
        out.insert(path, serde_json::json!(times[times.len() / 2]));
    }
    println!("{}", serde_json::Value::Object(out));
}
