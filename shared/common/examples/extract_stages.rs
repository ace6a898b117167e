//! Profiling helper: per page, the median time of each extraction stage
//! (scan, JSON-LD, microdata, ATS, generic) in microseconds.
//!
//! Usage: `extract_stages REPS FILE...`

use std::time::Instant;

use jh_common::extract::{Context, Draft, ats, generic, jsonld, microdata, scan};

fn main() {
    let mut args = std::env::args().skip(1);
    let reps: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(50);
    let ctx = Context::new(None, chrono::Utc::now());
    println!("{:58} {:>8} {:>8} {:>8} {:>8} {:>8}", "page", "scan", "jsonld", "micro", "ats", "generic");
    for path in args {
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("reading {path}: {e}"));
        let html = jh_common::charset::decode_html(&bytes, None).0;
        let mut t = [Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new()];
        for _ in 0..reps.max(1) {
            let s = Instant::now();
            let page = scan::scan(&html);
            t[0].push(s.elapsed().as_secs_f64() * 1e6);
            let mut d = Draft::default();
            let s = Instant::now();
            jsonld::apply(&page, &ctx, &mut d);
            t[1].push(s.elapsed().as_secs_f64() * 1e6);
            let s = Instant::now();
            microdata::apply(&page, &ctx, &mut d);
            t[2].push(s.elapsed().as_secs_f64() * 1e6);
            let s = Instant::now();
            ats::apply(&page, &ctx, &mut d);
            t[3].push(s.elapsed().as_secs_f64() * 1e6);
            let s = Instant::now();
            generic::apply(&page, &ctx, &mut d);
            t[4].push(s.elapsed().as_secs_f64() * 1e6);
            std::hint::black_box(d);
        }
        let med = |v: &mut Vec<f64>| {
            v.sort_by(f64::total_cmp);
            v[v.len() / 2]
        };
        let name = std::path::Path::new(&path).file_name().unwrap_or_default().to_string_lossy().into_owned();
        println!(
            "{:58} {:8.1} {:8.1} {:8.1} {:8.1} {:8.1}",
            name,
            med(&mut t[0]),
            med(&mut t[1]),
            med(&mut t[2]),
            med(&mut t[3]),
            med(&mut t[4])
        );
    }
}
