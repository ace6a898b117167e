//! `cargo xtask extract [--json] FILE_OR_URL`: the extracted record with
//! each field's source; `cargo xtask eval-extract DIR MANIFEST`: field
//! accuracy against a hand-checked manifest; `cargo xtask bench-extract
//! DIR`: our extraction against Python `extruct` (JSON-LD + microdata) on
//! the same pages, in one run.
//!
//! How a manifest cell is compared (also in docs/EXTRACTION.md):
//! - `-` (or `- (note)`) means the page has no value;
//! - a trailing `( … )` is a reader's note: it is dropped, except that a
//!   currency code or an interval word in it counts for the salary;
//! - titles and organisations compare case-, accent- and
//!   punctuation-insensitively; organisations also ignore legal suffixes
//!   (Inc., LLC, Co., ...);
//! - locations: the cell's `;`-separated places are parsed with the
//!   extractor's location parser; every place must be found among ours
//!   (each of city / region / country that the cell gives must agree) and
//!   we must not list more places than the cell;
//! - employment types compare after mapping both to our vocabulary;
//! - relative dates ("1 week ago", "Posted Today") are resolved against the
//!   reference time that the extractor also gets as the fetch time
//!   (`--now`), so they check that the page's own phrase was found and read;
//!   a cell with a range takes its first date;
//! - salaries: min and max within 1%, the currency when the cell names one,
//!   the interval when both sides have one.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{Context as _, Result, bail};
use chrono::{DateTime, NaiveDate, Utc};
use jh_common::extract::{self, Context, JobPosting, Location, Salary, dates, kinds, location, salary, text::fold};
use serde_json::{Value, json};

use crate::fingerprint::load;

/// The default reference time for relative dates in evaluations.
pub const DEFAULT_NOW: &str = "2026-03-01T12:00:00Z";

/// The contract JSON of `xtask extract --json`.
pub fn contract_json(p: Option<&JobPosting>) -> Value {
    let Some(p) = p else {
        return json!({
            "title": null, "organization": null, "locations": [], "remote": "unknown", "employment_type": null,
            "date_posted": null, "valid_through": null, "salary": null, "description_text": null, "sources": {}
        });
    };
    json!({
        "title": p.title,
        "organization": p.organization,
        "locations": p.locations.iter().map(|l| json!({"city": l.city, "region": l.region, "country": l.country, "text": l.text})).collect::<Vec<_>>(),
        "remote": p.remote,
        "employment_type": p.employment_type,
        "date_posted": p.date_posted.map(|d| d.format("%Y-%m-%d").to_string()),
        "valid_through": p.valid_through.map(|d| d.to_rfc3339()),
        "salary": p.salary.as_ref().map(|s| json!({"min": s.min, "max": s.max, "currency": s.currency, "interval": s.interval})),
        "description_text": p.description_text,
        "sources": p.sources,
    })
}

pub(crate) fn parse_now(now: Option<&str>) -> Result<DateTime<Utc>> {
    match now {
        Some(n) => {
            Ok(DateTime::parse_from_rfc3339(n).with_context(|| format!("--now {n}: not RFC 3339"))?.with_timezone(&Utc))
        }
        None => Ok(Utc::now()),
    }
}

/// `cargo xtask extract [--json] FILE_OR_URL`.
pub async fn show(source: &str, as_json: bool, now: Option<&str>) -> Result<()> {
    let html = load(source).await?;
    let url = source.starts_with("http").then(|| source.to_owned());
    let ctx = Context::new(url, parse_now(now)?);
    let started = Instant::now();
    let p = extract::extract(&html, &ctx);
    let took = started.elapsed();
    if !as_json {
        match &p {
            None => println!("no job posting found"),
            Some(p) => {
                let src = |f: &str| p.sources.get(f).copied().unwrap_or("-");
                let show = |f: &str, v: String| println!("{f:16} {v}  [{}]", src(f));
                show("title", format!("{:?}", p.title));
                show("organization", format!("{:?}", p.organization));
                for l in &p.locations {
                    show(
                        "locations",
                        format!("{} → city {:?}, region {:?}, country {:?}", l.text, l.city, l.region, l.country),
                    );
                }
                show("remote", p.remote.to_owned());
                show("employment_type", format!("{:?}", p.employment_type));
                show("department", format!("{:?}", p.department));
                show("date_posted", format!("{:?}", p.date_posted));
                show("valid_through", format!("{:?}", p.valid_through));
                show("salary", format!("{:?}", p.salary));
                show("apply_url", format!("{:?}", p.apply_url));
                let desc = p.description_text.as_deref().unwrap_or("");
                let head: String = desc.chars().take(300).collect();
                show("description", format!("{} chars: {head}…", desc.chars().count()));
            }
        }
        println!("extracted in {:.3} ms", took.as_secs_f64() * 1000.0);
    }
    println!("{}", contract_json(p.as_ref()));
    Ok(())
}

// ---- evaluation ----

fn cell_none(c: &str) -> bool {
    let c = c.trim().trim_matches('"').trim();
    c.is_empty() || c == "-" || c.starts_with("- ") || c.starts_with("-(")
}

/// The cell without a trailing `( … )` note and without quotes.
fn main_part(c: &str) -> (String, String) {
    let c = c.trim().trim_matches('"').replace("\"\"", "\"");
    let mut depth = 0;
    let mut main = String::new();
    let mut notes = String::new();
    for ch in c.chars() {
        match ch {
            '(' => {
                depth += 1;
                notes.push(' ');
            }
            ')' => depth -= 1,
            _ if depth > 0 => notes.push(ch),
            _ => main.push(ch),
        }
    }
    (main.trim().to_owned(), notes.trim().to_owned())
}

pub(crate) fn org_key(s: &str) -> String {
    let f = fold(s);
    let suffixes = [
        "inc",
        "llc",
        "llp",
        "ltd",
        "co",
        "corp",
        "corporation",
        "gmbh",
        "sa",
        "ag",
        "bv",
        "plc",
        "limited",
        "company",
        // German, Nordic, Hungarian, Romance legal forms: "UG
        // (haftungsbeschränkt)", "Oy", "Kft.", "S.r.l.".
        "ug",
        "haftungsbeschrankt",
        "kg",
        "oy",
        "kft",
        "srl",
        "sarl",
        "sas",
        "spa",
    ];
    let words: Vec<&str> = f.split(' ').collect();
    let mut end = words.len();
    while end > 1 && suffixes.contains(&words[end - 1]) {
        end -= 1;
    }
    words[..end].join(" ")
}

fn text_match(ours: Option<&str>, cell: &str, key: fn(&str) -> String) -> bool {
    let Some(o) = ours else { return false };
    let (main, _) = main_part(cell);
    key(o) == key(cell.trim().trim_matches('"')) || key(o) == key(&main)
}

fn loc_match(ours: &[Location], cell: &str) -> bool {
    let cell = cell.trim().trim_matches('"').replace("\"\"", "\"");
    let want: Vec<Location> = cell.split(';').filter_map(|p| location::parse_field(&main_part(p).0)).collect();
    if want.is_empty() || ours.is_empty() || ours.len() > want.len() {
        return false;
    }
    let comp = |w: &Option<String>, o: &Option<String>, country: &Option<String>| match w {
        None => true,
        // A city-state's city is its country.
        Some(w)
            if country.as_deref().and_then(location::country_code).is_some()
                && location::country_code(w) == country.as_deref() =>
        {
            true
        }
        Some(w) => o.as_deref().is_some_and(|o| fold(o) == fold(w)),
    };
    want.iter().all(|w| {
        ours.iter().any(|o| {
            comp(&w.country, &o.country, &None)
                && comp(&w.region, &o.region, &None)
                && comp(&w.city, &o.city, &w.country)
        })
    })
}

fn expected_salary(cell: &str) -> Option<Salary> {
    let (main, notes) = main_part(cell);
    let whole = cell.replace('"', " ");
    let mut s = salary::parse_text(&main, true)?.salary;
    let codes = ["USD", "EUR", "GBP", "AUD", "CAD", "CNY", "JOD", "JPY", "INR", "CHF", "SGD", "HKD", "NZD", "SEK"];
    if s.currency.is_none() {
        s.currency = codes.iter().find(|c| whole.contains(*c)).map(|c| (*c).to_owned());
    }
    if s.interval.is_none() {
        let n = notes.to_lowercase();
        s.interval = ["hour", "day", "week", "month", "year"].iter().find(|u| n.contains(*u)).map(|u| (*u).to_owned());
    }
    // Three-decimal currencies write "850.000" for 850.
    if matches!(s.currency.as_deref(), Some("JOD" | "KWD" | "BHD" | "OMR" | "TND")) && main.contains(".000") {
        s.min = s.min.map(|v| v / 1000.0);
        s.max = s.max.map(|v| v / 1000.0);
    }
    Some(s)
}

fn salary_match(ours: Option<&Salary>, cell: &str) -> bool {
    let (Some(o), Some(w)) = (ours, expected_salary(cell)) else { return false };
    same_pay(&w, o)
}

/// Whether `ours` is the pay `want` states: both bounds within 1 % (a bound
/// `want` leaves open must be open in ours too), the currency where `want`
/// names one, the interval where both give one.
pub(crate) fn same_pay(want: &Salary, ours: &Salary) -> bool {
    let close = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() <= 0.01 * b.abs().max(1.0),
        (None, None) => true,
        _ => false,
    };
    close(ours.min, want.min)
        && close(ours.max, want.max)
        && (want.currency.is_none() || ours.currency == want.currency)
        && (want.interval.is_none() || ours.interval.is_none() || ours.interval == want.interval)
}

fn expected_date(cell: &str, now: DateTime<Utc>) -> Option<NaiveDate> {
    let c = cell.replace('"', " ");
    dates::find_relative(&c, now).or_else(|| dates::find_absolute(&c))
}

#[derive(Default)]
struct Score {
    with_value: usize,
    correct: usize,
    invented: usize,
    without_value: usize,
}

/// `cargo xtask eval-extract DIR MANIFEST`; returns whether every bar was met.
pub fn eval(dir: &Path, manifest: &Path, now: Option<&str>, verbose: bool) -> Result<bool> {
    let now = parse_now(Some(now.unwrap_or(DEFAULT_NOW)))?;
    let text = std::fs::read_to_string(manifest).with_context(|| format!("reading {}", manifest.display()))?;
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().context("empty manifest")?.split('\t').collect();
    let col =
        |name: &str| header.iter().position(|h| *h == name).with_context(|| format!("manifest has no {name} column"));
    let (c_file, c_kind) = (col("filename")?, col("kind")?);
    let fields = ["title", "organization", "locations", "employment_type", "date_posted", "salary"];
    let cols = [
        col("title")?,
        col("hiring_organization")?,
        col("locations")?,
        col("employment_type")?,
        col("date_posted")?,
        col("salary")?,
    ];
    let mut scores: BTreeMap<&str, Score> = BTreeMap::new();
    let mut rows = Vec::new();
    let mut pages = 0;
    for line in lines.filter(|l| !l.trim().is_empty()) {
        let cells: Vec<&str> = line.split('\t').collect();
        let kind = cells.get(c_kind).copied().unwrap_or("");
        if !kind.starts_with("html") || kind.contains("listing") {
            continue;
        }
        let file = cells[c_file];
        let path = dir.join(file);
        let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
        let html = jh_common::charset::decode_html(&bytes, None).0;
        let p = extract::extract(&html, &Context::new(None, now));
        pages += 1;
        let mut marks = Vec::new();
        for (f, c) in fields.iter().zip(cols) {
            let cell = cells.get(c).copied().unwrap_or("-");
            let score = scores.entry(f).or_default();
            let ours_has = p.as_ref().is_some_and(|p| match *f {
                "title" => p.title.is_some(),
                "organization" => p.organization.is_some(),
                "locations" => !p.locations.is_empty(),
                "employment_type" => p.employment_type.is_some(),
                "date_posted" => p.date_posted.is_some(),
                _ => p.salary.is_some(),
            });
            if cell_none(cell) {
                score.without_value += 1;
                if ours_has {
                    score.invented += 1;
                    marks.push(format!("{f}: invented"));
                }
                continue;
            }
            score.with_value += 1;
            let ok = p.as_ref().is_some_and(|p| match *f {
                "title" => text_match(p.title.as_deref(), cell, fold),
                "organization" => text_match(p.organization.as_deref(), cell, org_key),
                "locations" => loc_match(&p.locations, cell),
                "employment_type" => {
                    p.employment_type.is_some() && p.employment_type == kinds::employment_field(&main_part(cell).0)
                }
                "date_posted" => p.date_posted.is_some() && p.date_posted == expected_date(cell, now),
                _ => salary_match(p.salary.as_ref(), cell),
            });
            if ok {
                score.correct += 1;
            } else {
                let got = match (&p, *f) {
                    (None, _) => "no posting".to_owned(),
                    (Some(p), "title") => format!("{:?}", p.title),
                    (Some(p), "organization") => format!("{:?}", p.organization),
                    (Some(p), "locations") => format!(
                        "{:?}",
                        p.locations.iter().map(|l| (&l.city, &l.region, &l.country)).collect::<Vec<_>>()
                    ),
                    (Some(p), "employment_type") => format!("{:?}", p.employment_type),
                    (Some(p), "date_posted") => format!("{:?}", p.date_posted),
                    (Some(p), _) => format!("{:?}", p.salary),
                };
                marks.push(format!("{f}: got {got}, manifest {cell}"));
            }
        }
        rows.push((file.to_owned(), marks));
    }
    if pages == 0 {
        bail!("no job pages (kind html*, not listings) in {}", manifest.display());
    }
    let bars = [
        ("title", 95.0),
        ("organization", 90.0),
        ("locations", 85.0),
        ("employment_type", 85.0),
        ("date_posted", 85.0),
        ("salary", 85.0),
    ];
    println!(
        "Job pages: {pages} (manifest kind `html*`, listings excluded); relative dates resolved against {}.\n",
        now.to_rfc3339()
    );
    println!("| field | correct / with a value | accuracy | bar | invented where the manifest has none |");
    println!("|---|---:|---:|---:|---:|");
    let mut all_ok = true;
    for (f, bar) in bars {
        let s = &scores[f];
        let pct = if s.with_value == 0 { 100.0 } else { 100.0 * s.correct as f64 / s.with_value as f64 };
        let invented_ok = f != "salary" || s.invented == 0;
        let ok = pct >= bar && invented_ok;
        all_ok &= ok;
        println!(
            "| {f} | {} / {} | {pct:.1}% | ≥ {bar:.0}% {} | {} of {} |",
            s.correct,
            s.with_value,
            if ok { "✓" } else { "✗" },
            s.invented,
            s.without_value
        );
    }
    println!();
    for (file, marks) in &rows {
        if marks.is_empty() {
            if verbose {
                println!("ok    {file}");
            }
        } else {
            println!("miss  {file}");
            for m in marks {
                println!("        {m}");
            }
        }
    }
    println!("\n{}", if all_ok { "all bars met" } else { "some bars NOT met" });
    Ok(all_ok)
}

// ---- benchmark ----

use crate::stats::median;

/// `cargo xtask bench-extract DIR`: prints the markdown table and the
/// median per-page ratio.
pub fn bench(dir: &Path, reps: usize) -> Result<String> {
    let files = crate::fingerprint::html_files(dir)?;
    if files.is_empty() {
        bail!("no .html files in {}", dir.display());
    }
    // Two rounds, Python and Rust in turn, and per page the lower median
    // of each side: load from other processes only ever adds time, and on
    // this shared machine one side's whole measurement was once ~2x slow
    // (a lone round then moved the median ratio from 5.8x to 9.4x).
    let (mut py, mut ours) = (serde_json::Map::new(), serde_json::Map::new());
    for _ in 0..2 {
        min_into(&mut py, extruct_times(&files, reps)?);
        min_into(&mut ours, jh_times(&files, reps * 5)?);
    }
    let (py, ours) = (Value::Object(py), Value::Object(ours));
    let mut rows = Vec::new();
    let mut ratios = Vec::new();
    // Pages on which 30× extruct leaves less than one, and two, times the
    // time of finding every `<`; and, per page, what it leaves over the time
    // of our tokenizer alone.
    let (mut under_one_scan, mut under_two_scans) = (0, 0);
    let mut over_tok = Vec::new();
    for f in &files {
        let key = f.to_string_lossy();
        let (o, p) = (ours[key.as_ref()].as_f64().unwrap_or(f64::NAN), py[key.as_ref()].as_f64().unwrap_or(f64::NAN));
        let ratio = p / o;
        ratios.push(ratio);
        let bytes = std::fs::metadata(f).map(|m| m.len()).unwrap_or(0);
        let scan = ours[format!("scan:{key}")].as_f64().unwrap_or(f64::NAN);
        under_one_scan += usize::from(p / 30.0 < scan);
        under_two_scans += usize::from(p / 30.0 < 2.0 * scan);
        let tok = ours[format!("tok:{key}")].as_f64().unwrap_or(f64::NAN);
        over_tok.push(p / 30.0 / tok);
        rows.push(format!(
            "| {} | {} | {o:.3} | {p:.3} | {ratio:.1}× | {scan:.4} | {tok:.4} | {:.3} |",
            f.file_name().unwrap_or_default().to_string_lossy(),
            bytes / 1024,
            p / 30.0,
        ));
    }
    let med = median(&ratios);
    let under_tok = over_tok.iter().filter(|&&r| r < 1.0).count();
    let med_over_tok = median(&over_tok);
    let (rmin, rmax) = (ratios.iter().copied().fold(f64::MAX, f64::min), ratios.iter().copied().fold(0.0, f64::max));
    Ok(format!(
        "## Extraction: our whole extraction vs extruct (JSON-LD + microdata)\n\n\
         Command: `cargo xtask bench-extract {dir}` ({reps} Python runs, {} Rust runs per page, medians; two rounds, Python and \
         Rust in turn, the lower median of each side; same machine, same run).\n\
         Ours is the full cascade (scan, JSON-LD, microdata, ATS markup, generic fallback, normalisation, description sanitising); \
         extruct only parses and returns the JSON-LD and microdata.\n\n\
         **Median per-page speed-up: {med:.1}×** (min {rmin:.1}×, max {rmax:.1}×, goal ≥ 30×).\n\n\
         *Scan ms* is the time to find every `<` in the page with `memchr` (SIMD), less work than any \
         extraction that looks at every tag; *30× ms* is the time 30× extruct leaves. It is less than the scan on \
         {under_one_scan} of {} pages, and less than two scans on {under_two_scans}: there lxml's C parser crosses \
         large inline scripts that jh reads (Ashby's `window.__appData`, job data in app shells) in about the time \
         a byte search takes. *Tokenize ms* is jh's own tokenizer reading every tag and attribute and keeping \
         nothing, the floor under the scan: 30× extruct leaves less than it on {under_tok} of {} pages, and at the \
         median {med_over_tok:.2} times it for the whole extraction. Where the time goes, what was changed and what \
         was tried: docs/EXTRACTION.md § Performance.\n\n\
         | page | KiB | jh ms | extruct ms | ratio | scan ms | tokenize ms | 30× ms |\n\
         |---|---:|---:|---:|---:|---:|---:|---:|\n{}\n",
        reps * 5,
        files.len(),
        files.len(),
        rows.join("\n"),
        dir = dir.display(),
    ))
}

/// Per page, extruct's median time (ms) over `reps` runs.
fn extruct_times(files: &[PathBuf], reps: usize) -> Result<Value> {
    // A fresh machine has no extruct: install the pinned version, as
    // `cargo xtask test` installs its Python tools.
    if !crate::test::python_has("extruct") {
        crate::test::pip_install(&["-r", "xtask/python/requirements.txt"])?;
    }
    let out = Command::new("python3")
        .arg("xtask/python/extruct_bench.py")
        .arg(reps.to_string())
        .args(files)
        .output()
        .context("running python3 xtask/python/extruct_bench.py")?;
    if !out.status.success() {
        bail!(
            "the extruct benchmark failed (install it with `pip install -r xtask/python/requirements.txt`): {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    serde_json::from_slice(&out.stdout).context("parsing the extruct timings")
}

/// Per page, our median time (ms) over `reps` runs, the scan time
/// (`scan:FILE`) and the tokenizer's (`tok:FILE`): a release build of the
/// small timing example.
fn jh_times(files: &[PathBuf], reps: usize) -> Result<Value> {
    let out = Command::new("cargo")
        .args(["run", "--quiet", "--release", "-p", "jh-common", "--example", "extract_times", "--"])
        .arg(reps.to_string())
        .args(files)
        .output()
        .context("running the jh timing example")?;
    if !out.status.success() {
        bail!("the jh timing example failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    serde_json::from_slice(&out.stdout).context("parsing our timings")
}

/// Keeps, per key, the lower of the two timings.
fn min_into(acc: &mut serde_json::Map<String, Value>, round: Value) {
    let Value::Object(round) = round else { return };
    for (k, v) in round {
        let lower = match (acc.get(&k).and_then(Value::as_f64), v.as_f64()) {
            (Some(a), Some(b)) if a <= b => continue,
            _ => v,
        };
        acc.insert(k, lower);
    }
}

#[cfg(test)]
mod tests {
    use super::org_key;

    #[test]
    fn organisations_compare_without_their_legal_form() {
        // GIVEN names with and without their legal forms
        // WHEN their keys are compared  THEN the forms do not count
        assert_eq!(org_key("Fensterputz-Service UG (haftungsbeschränkt)"), org_key("Fensterputz-Service"));
        assert_eq!(org_key("Bolt.Works Oy"), org_key("Bolt.Works"));
        assert_eq!(org_key("Acme GmbH"), org_key("ACME"));
        // but a name that is only a form-like word is kept whole
        assert_eq!(org_key("Company"), "company");
        assert_ne!(org_key("Acme Labs"), org_key("Acme"));
    }
}
