//! `cargo xtask fingerprint` (why a page was or was not skipped) and
//! `cargo xtask bench-fingerprint` (ours vs the Python system's pipeline, in
//! one run, on real pages).

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

/// Reads a file, or fetches a URL, as UTF-8 HTML (charset-decoded).
pub async fn load(source: &str) -> Result<String> {
    if source.starts_with("http://") || source.starts_with("https://") {
        // A 404 or 503 page is no page to read: say so rather than extract
        // (or fingerprint) the server's error page.
        let resp = reqwest::get(source)
            .await
            .and_then(reqwest::Response::error_for_status)
            .with_context(|| format!("fetching {source}"))?;
        let ct = resp.headers().get("content-type").and_then(|v| v.to_str().ok()).map(str::to_owned);
        let body = resp.bytes().await?;
        return Ok(jh_common::charset::decode_html(&body, ct.as_deref()).0);
    }
    let bytes = std::fs::read(source).with_context(|| format!("reading {source}"))?;
    Ok(jh_common::charset::decode_html(&bytes, None).0)
}

/// `cargo xtask fingerprint A [B]`.
pub async fn show(a: &str, b: Option<&str>) -> Result<()> {
    let describe = |name: &str, html: &str| {
        let fp = jh_simhash::fingerprint(html);
        let sh = jh_common::extract::structured_hash(html);
        println!(
            "{name}\n  simhash    {}\n  shingles   {}\n  json-ld    {}",
            fp.hex(),
            fp.shingles,
            sh.map_or("none".to_owned(), |h| format!("{h:016x}"))
        );
        (fp, sh)
    };
    let (fa, sa) = describe(a, &load(a).await?);
    if let Some(b) = b {
        let (fb, sb) = describe(b, &load(b).await?);
        let d = jh_simhash::hamming(fa.hash, fb.hash);
        let same_text = d <= jh_simhash::DEFAULT_THRESHOLD;
        println!("hamming distance {d} (threshold {})", jh_simhash::DEFAULT_THRESHOLD);
        let verdict = match (same_text, sa == sb) {
            (true, true) => "unchanged: extraction would be skipped",
            (true, false) => {
                "changed: the visible text is near-identical but the JSON-LD differs, so it would be extracted"
            }
            (false, _) => "changed: the visible text differs beyond the threshold, so it would be extracted",
        };
        println!("{verdict}");
    }
    Ok(())
}

/// Runs a timing command and parses its JSON.
fn timings(cmd: &mut Command, what: &str) -> Result<serde_json::Value> {
    let out = cmd.output().with_context(|| format!("running {what}"))?;
    if !out.status.success() {
        bail!("{what} failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    serde_json::from_slice(&out.stdout).with_context(|| format!("parsing the timings of {what}"))
}

/// Files of `dir` ending in `.html` or `.htm`, sorted.
pub fn html_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "html" || x == "htm"))
        .collect();
    files.sort();
    Ok(files)
}

/// The fingerprint benchmark; returns the markdown section for PERFORMANCE.md.
pub fn bench(dir: &Path, reps: usize) -> Result<String> {
    let files = html_files(dir)?;
    if files.is_empty() {
        bail!("no .html files in {}", dir.display());
    }
    let py = timings(
        Command::new("python3").arg("xtask/python/fingerprint_bench.py").arg(reps.to_string()).args(&files),
        "the Python pipeline (needs beautifulsoup4, lxml, simhash==2.1.2)",
    )?;
    // Ours runs optimised: a release build of the small timing example.
    let ours = timings(
        Command::new("cargo")
            .args(["run", "--quiet", "--release", "-p", "jh-simhash", "--example", "fingerprint_times", "--"])
            .arg((reps * 10).to_string())
            .args(&files),
        "the jh timing example",
    )?;
    let mut rows = Vec::new();
    let mut ratios = Vec::new();
    let mut matches = 0;
    for f in &files {
        let key = f.to_string_lossy();
        let (o, p) = (&ours[key.as_ref()], &py[key.as_ref()]);
        let ms = |v: &serde_json::Value, k: &str| v[k].as_f64().unwrap_or(f64::NAN);
        let ratio = ms(p, "ms") / ms(o, "ms");
        ratios.push(ratio);
        let same = p["hash"] == o["hash"];
        matches += same as usize;
        rows.push(format!(
            "| {} | {} | {:.3} ({:.3}–{:.3}) | {:.2} ({:.2}–{:.2}) | {:.0}× | {} |",
            f.file_name().unwrap_or_default().to_string_lossy(),
            std::fs::metadata(f).map(|m| m.len() / 1024).unwrap_or(0),
            ms(o, "ms"),
            ms(o, "min"),
            ms(o, "max"),
            ms(p, "ms"),
            ms(p, "min"),
            ms(p, "max"),
            ratio,
            if same { "same" } else { "differs" }
        ));
    }
    let crate::stats::Summary { median: med, min: rmin, max: rmax } = crate::stats::Summary::of(&ratios);
    Ok(format!(
        "## Fingerprint: HTML → visible text → 3-word shingles → 64-bit SimHash\n\n\
         Command: `cargo xtask bench-fingerprint {dir}` ({reps} Python runs and {} Rust runs per page, medians).\n\
         Python is the system jh replaces (ADR-017: BeautifulSoup + lxml + `simhash` 2.1.2), run in the same process tree, same machine, same moment.\n\n\
         **Median per-page speed-up: {med:.0}×** (min {rmin:.0}×, max {rmax:.0}×, goal ≥ 60×). Same fingerprint as Python on {matches} of {} pages.\n\n\
         | page | KiB | jh ms (min–max) | Python ms (min–max) | ratio | hash |\n|---|---:|---:|---:|---:|---|\n{}\n",
        reps * 10,
        files.len(),
        rows.join("\n"),
        dir = dir.display(),
    ))
}

#[cfg(test)]
mod tests {
    use axum::Router;
    use axum::http::StatusCode;
    use axum::routing::get;

    /// A local site: `/job` is a page, `/gone` answers 404 with an HTML body.
    async fn site() -> String {
        let app = Router::new()
            .route(
                "/job",
                get(|| async { "<html><head><title>Welder</title></head><body><h1>Welder</h1></body></html>" }),
            )
            .route(
                "/gone",
                get(|| async { (StatusCode::NOT_FOUND, "<html><body><h1>Page not found</h1></body></html>") }),
            );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await });
        format!("http://{addr}")
    }

    #[tokio::test]
    async fn a_url_that_answers_an_error_status_is_an_error_not_a_page() {
        // GIVEN a site with a page and a missing one
        let base = site().await;
        // WHEN both are loaded
        let page = super::load(&format!("{base}/job")).await.unwrap();
        let err = super::load(&format!("{base}/gone")).await.unwrap_err();
        // THEN the page is read, and the 404 is an error that names its status
        assert!(page.contains("<h1>Welder</h1>"));
        assert!(format!("{err:#}").contains("404"), "{err:#}");
    }
}
