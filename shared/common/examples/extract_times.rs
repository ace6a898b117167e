//! Timing helper for `cargo xtask bench-extract`: extracts each page REPS
//! times and prints `{"<path>": median ms, ...}` as JSON, with
//! `"scan:<path>"`: the median ms of finding every `<` in the page with
//! `memchr` (less work than any extraction that looks at every tag), and
//! `"tok:<path>"`: the median ms of [`tokenize`], jh's own tokenizer
//! reading every tag and attribute of the page and keeping nothing (the
//! floor under any extraction built on it).
//!
//! Usage: `extract_times REPS FILE...`

use std::time::Instant;

use jh_common::extract::{Context, extract, html};

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
        let mut toks: Vec<f64> = (0..reps.max(1))
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(tokenize(std::hint::black_box(&html)));
                t.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        toks.sort_by(f64::total_cmp);
        out.insert(format!("scan:{path}"), serde_json::json!(scans[scans.len() / 2]));
        out.insert(format!("tok:{path}"), serde_json::json!(toks[toks.len() / 2]));
        out.insert(path, serde_json::json!(times[times.len() / 2]));
    }
    println!("{}", serde_json::Value::Object(out));
}

/// Walks every token of the page as `jh_extract::scan::scan` does (text,
/// comments, start tags with their attributes, end tags, raw text to its
/// end tag) and records nothing: the scan's dispatch without its rules.
/// Returns the attributes seen, so the walk cannot be optimised away.
fn tokenize(page: &str) -> usize {
    let b = page.as_bytes();
    let n = b.len();
    let mut attrs = Vec::with_capacity(16);
    let (mut pos, mut seen) = (0, 0);
    while pos < n {
        let lt = html::next_lt(b, pos);
        if lt >= n {
            break;
        }
        pos = match b.get(lt + 1) {
            Some(b'!') if b[lt + 2..].starts_with(b"--") => html::comment_end(b, lt + 4),
            Some(b'!' | b'?') => html::after_gt(b, lt + 1),
            Some(b'/') if b.get(lt + 2).is_some_and(u8::is_ascii_alphabetic) => html::end_tag(page, lt).1,
            Some(b'/') => html::after_gt(b, lt + 2),
            Some(c) if c.is_ascii_alphabetic() => {
                let Some(tag) = html::start_tag(page, lt, &mut attrs) else { break };
                seen += attrs.len();
                let mut buf = [0u8; 24];
                let name = html::lower(tag.name, &mut buf).unwrap_or("");
                if html::raw_text(name) {
                    let close = html::raw_text_end(b, tag.end, name);
                    if close < n { html::end_tag(page, close).1 } else { n }
                } else {
                    tag.end
                }
            }
            _ => lt + 1,
        };
    }
    seen
}
