//! `cargo xtask eval-held-out PAGE_OR_DIR...`: how well the cascade reads a
//! page that has no schema.org data, measured on real pages that have it.
//!
//! Most unseen pages that go wrong are the ones without structured data,
//! and hand-checked answers for them are scarce. Pages with a JobPosting in
//! JSON-LD or microdata carry their own answers: each page is extracted
//! twice, once whole and once with its schema.org data hidden (JSON-LD
//! scripts removed, microdata attributes renamed). Every field the whole
//! page took from schema.org is the answer the hidden page is scored
//! against, so the score is that of the rest of the cascade (ATS markup, app
//! state, the generic fallback) on real pages, with no hand labels.
//!
//! Each such field ends as `same`, `other` (a different value: the costly
//! outcome) or `none` (nothing found; often right, since many sites put the
//! date or the pay only in the JSON-LD). The comparison is the manifest
//! evaluation's: titles folded, organisations without legal suffixes, every
//! schema.org place found among ours and no more places than it has, pay
//! within 1 % with the same currency and interval, dates equal.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::LazyLock;

use anyhow::{Context as _, Result, bail};
use jh_common::extract::{self, Context, JobPosting, Location, SOURCE_JSONLD, SOURCE_MICRODATA, location, text::fold};
use regex::Regex;

use crate::extract::{DEFAULT_NOW, org_key, parse_now, same_pay};
use crate::fingerprint::html_files;

/// The fields scored, in the order printed.
const FIELDS: [&str; 7] = ["title", "organization", "locations", "remote", "employment_type", "date_posted", "salary"];

/// The page with its schema.org data hidden: JSON-LD scripts removed and
/// the microdata attributes renamed so that no microdata reader sees them.
pub fn hide_structured(html: &str) -> String {
    static SCRIPTS: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?is)<script\b[^>]*ld\+json[^>]*>.*?</script\s*>").expect("valid pattern"));
    static MICRODATA: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)(\s)item(scope|prop|type|id|ref)\b").expect("valid pattern"));
    let html = SCRIPTS.replace_all(html, "");
    MICRODATA.replace_all(&html, "${1}data-held-out-item$2").into_owned()
}

/// How a held-out field came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    /// The same value as the schema.org data.
    Same,
    /// A different value.
    Other,
    /// No value.
    None,
}

/// The library's `same_place` ("as far as both say"), except that a city
/// the schema.org place names must be named: a region or country the
/// visible page leaves out is no disagreement, a missing city is.
fn same_place(want: &Location, ours: &Location) -> bool {
    (want.city.is_none() || ours.city.is_some()) && location::same_place(want, ours)
}

/// Compares one field of the hidden page's record with the whole page's.
pub fn compare(field: &str, want: &JobPosting, ours: Option<&JobPosting>) -> Outcome {
    let Some(ours) = ours else { return Outcome::None };
    let text = |w: &Option<String>, o: &Option<String>, key: fn(&str) -> String| match o {
        None => Outcome::None,
        Some(o) if w.as_deref().map(key) == Some(key(o)) => Outcome::Same,
        Some(_) => Outcome::Other,
    };
    match field {
        "title" => text(&want.title, &ours.title, fold),
        "organization" => text(&want.organization, &ours.organization, org_key),
        "locations" if ours.locations.is_empty() => Outcome::None,
        "locations" => {
            let all = want.locations.iter().all(|w| ours.locations.iter().any(|o| same_place(w, o)));
            if all && ours.locations.len() <= want.locations.len() { Outcome::Same } else { Outcome::Other }
        }
        "remote" if ours.remote == "unknown" => Outcome::None,
        "remote" if ours.remote == want.remote => Outcome::Same,
        "employment_type" => text(&want.employment_type, &ours.employment_type, str::to_owned),
        "date_posted" => match ours.date_posted {
            None => Outcome::None,
            Some(d) if Some(d) == want.date_posted => Outcome::Same,
            Some(_) => Outcome::Other,
        },
        "salary" => match (&want.salary, &ours.salary) {
            (_, None) => Outcome::None,
            (Some(w), Some(o)) if same_pay(w, o) => Outcome::Same,
            _ => Outcome::Other,
        },
        _ => Outcome::Other,
    }
}

/// A field's value, short, for the list of misses.
fn show(field: &str, p: Option<&JobPosting>) -> String {
    let Some(p) = p else { return "no posting".to_owned() };
    match field {
        "title" => format!("{:?}", p.title),
        "organization" => format!("{:?}", p.organization),
        "locations" => {
            let places: Vec<String> = p
                .locations
                .iter()
                .map(|l| [&l.city, &l.region, &l.country].map(|v| v.as_deref().unwrap_or("")).join("/"))
                .collect();
            format!("[{}]", places.join("; "))
        }
        "remote" => p.remote.to_owned(),
        "employment_type" => format!("{:?}", p.employment_type),
        "date_posted" => format!("{:?}", p.date_posted),
        _ => match &p.salary {
            None => "None".to_owned(),
            Some(s) => format!(
                "{:?}–{:?} {} {}",
                s.min,
                s.max,
                s.currency.as_deref().unwrap_or("?"),
                s.interval.as_deref().unwrap_or("?")
            ),
        },
    }
}

fn pages(inputs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for input in inputs {
        if input.is_dir() {
            out.extend(html_files(input)?);
        } else {
            out.push(input.clone());
        }
    }
    if out.is_empty() {
        bail!("no .html pages in {inputs:?}");
    }
    Ok(out)
}

/// `cargo xtask eval-held-out PAGE_OR_DIR...`: prints the table and every
/// field that came out `other` or `none`.
pub fn eval(inputs: &[PathBuf], now: Option<&str>) -> Result<()> {
    let ctx = Context::new(None, parse_now(Some(now.unwrap_or(DEFAULT_NOW)))?);
    let mut counts: BTreeMap<&str, [usize; 3]> = BTreeMap::new();
    let mut misses = Vec::new();
    let mut scored = 0;
    let files = pages(inputs)?;
    for path in &files {
        let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
        let html = jh_common::charset::decode_html(&bytes, None).0;
        let Some(whole) = extract::extract(&html, &ctx) else { continue };
        let held: Vec<&str> = FIELDS
            .into_iter()
            .filter(|f| matches!(whole.sources.get(f).copied(), Some(SOURCE_JSONLD | SOURCE_MICRODATA)))
            .collect();
        if held.is_empty() {
            continue;
        }
        scored += 1;
        let hidden = extract::extract(&hide_structured(&html), &ctx);
        let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
        for f in held {
            let outcome = compare(f, &whole, hidden.as_ref());
            counts.entry(f).or_default()[outcome as usize] += 1;
            if outcome != Outcome::Same {
                misses.push(format!(
                    "{name}\t{f}\t{outcome:?}\tschema.org {}\thidden {}",
                    show(f, Some(&whole)),
                    show(f, hidden.as_ref())
                ));
            }
        }
    }
    println!(
        "Pages: {} read, {scored} with schema.org fields; each scored with its schema.org data hidden.\n",
        files.len()
    );
    println!("| field | from schema.org | same | other | none |");
    println!("|---|---:|---:|---:|---:|");
    for f in FIELDS {
        let [same, other, none] = counts.get(f).copied().unwrap_or_default();
        let total = same + other + none;
        let pct = |n: usize| if total == 0 { 0.0 } else { 100.0 * n as f64 / total as f64 };
        println!(
            "| {f} | {total} | {same} ({:.0} %) | {other} ({:.0} %) | {none} ({:.0} %) |",
            pct(same),
            pct(other),
            pct(none)
        );
    }
    println!();
    for m in &misses {
        println!("{m}");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn posting(html: &str) -> Option<JobPosting> {
        extract::extract(html, &Context::new(None, parse_now(Some(DEFAULT_NOW)).unwrap()))
    }

    #[test]
    fn hiding_removes_json_ld_and_microdata_but_keeps_the_visible_page() {
        // GIVEN a page with a JSON-LD posting, a microdata item and visible text
        let html = r#"<html><head><SCRIPT type="application/ld+json">{"@type":"JobPosting","title":"A"}</SCRIPT>
            <script>var keep = 1;</script></head><body><div itemscope itemtype="https://schema.org/JobPosting">
            <h1 itemprop="title">Welder</h1></div></body></html>"#;
        // WHEN its structured data is hidden
        let hidden = hide_structured(html);
        // THEN the JSON-LD and the microdata attributes are gone, the rest stays
        assert!(!hidden.contains("JobPosting\",") && !hidden.contains("ld+json"), "{hidden}");
        assert!(!hidden.contains(" itemprop=") && !hidden.contains(" itemscope"), "{hidden}");
        assert!(hidden.contains("var keep = 1;") && hidden.contains(">Welder</h1>"), "{hidden}");
    }

    #[test]
    fn a_field_the_visible_page_states_differently_is_other_and_a_missing_one_is_none() {
        // GIVEN a page whose JSON-LD and visible heading name different titles, with a date only in the JSON-LD
        let html = r#"<html><head><title>Careers</title><script type="application/ld+json">{"@type":"JobPosting",
            "title":"Senior Welder","datePosted":"2026-02-01","hiringOrganization":{"name":"Acme GmbH"},
            "description":"<p>Weld things, every day, with care and attention to detail.</p>"}</script></head>
            <body><h1>Junior Welder</h1><div><p>Acme Inc. is hiring a welder, full of care, for its workshop in the harbour.</p>
            <h2>Responsibilities</h2><p>You weld steel frames, railings and hulls, to the drawings of our engineers, and check every seam.</p>
            <h2>Requirements</h2><p>Two years of MIG, TIG or stick welding, a certificate, steady hands, and a liking for boats.</p>
            </div></body></html>"#;
        let whole = posting(html).expect("a posting");
        // WHEN the hidden page is extracted and compared with the whole one
        let hidden = posting(&hide_structured(html));
        // THEN the title differs, the organisation is the same without its legal suffix, the date is not found
        assert_eq!(compare("title", &whole, hidden.as_ref()), Outcome::Other);
        assert_eq!(compare("date_posted", &whole, hidden.as_ref()), Outcome::None);
        assert_eq!(compare("title", &whole, Some(&whole)), Outcome::Same);
        let mut acme = whole.clone();
        acme.organization = Some("Acme Inc.".to_owned());
        assert_eq!(compare("organization", &whole, Some(&acme)), Outcome::Same);
    }

    #[test]
    fn a_place_without_the_country_is_the_same_place_but_an_extra_place_is_not() {
        // GIVEN a schema.org place with a country, and visible places with and without it
        let place = |city: &str, country: Option<&str>| Location {
            city: Some(city.to_owned()),
            region: None,
            country: country.map(str::to_owned),
            text: city.to_owned(),
        };
        let want = JobPosting { locations: vec![place("Berlin", Some("DE"))], ..JobPosting::default() };
        let bare = JobPosting { locations: vec![place("Berlin", None)], ..JobPosting::default() };
        let extra =
            JobPosting { locations: vec![place("Berlin", Some("DE")), place("Paris", None)], ..JobPosting::default() };
        let wrong = JobPosting { locations: vec![place("Berlin", Some("US"))], ..JobPosting::default() };
        // WHEN each is compared  THEN only the bare city is the same place
        assert_eq!(compare("locations", &want, Some(&bare)), Outcome::Same);
        assert_eq!(compare("locations", &want, Some(&extra)), Outcome::Other);
        assert_eq!(compare("locations", &want, Some(&wrong)), Outcome::Other);
        assert_eq!(compare("locations", &want, Some(&JobPosting::default())), Outcome::None);
    }
}
