//! Times `fingerprint` per page, for `cargo xtask bench-fingerprint`: the
//! benchmark must run optimised, and building this small example in release
//! is far cheaper than building xtask (and the AWS SDK) in release.
//!
//! Usage: `fingerprint_times REPS FILE...`; prints one JSON object
//! `{file: {"ms": median, "min": ms, "max": ms, "hash": hex, "shingles": n}}`.
//! Files are read as UTF-8 (lossy), as the crawler stores them.

use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let reps: usize = args.next().and_then(|r| r.parse().ok()).expect("usage: fingerprint_times REPS FILE...");
    let mut out = Vec::new();
    for path in args {
        let bytes = std::fs::read(&path).expect("readable file");
        let html = String::from_utf8_lossy(&bytes);
        let fp = jh_simhash::fingerprint(&html);
        let mut times: Vec<f64> = (0..reps)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(jh_simhash::fingerprint(std::hint::black_box(&html)));
                t.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        times.sort_by(f64::total_cmp);
        out.push(format!(
            "{:?}: {{\"ms\": {}, \"min\": {}, \"max\": {}, \"hash\": \"{}\", \"shingles\": {}}}",
            path,
            times[times.len() / 2],
            times[0],
            times[times.len() - 1],
            fp.hex(),
            fp.shingles
        ));
    }
    println!("{{{}}}", out.join(", "));
}
