//! Turning a stored job page into a [`JobPosting`].
//!
//! The walking skeleton reads schema.org `JobPosting` JSON-LD (in several
//! scripts, `@graph`s and arrays, with the broken JSON sites really ship).
//! Each field records the source that gave it, so the cascade of later
//! sources (microdata, ATS markup, generic fallback) can slot in after it.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use chrono::{DateTime, NaiveDate, Utc};
use lol_html::html_content::{Element, TextChunk};
use lol_html::{DocumentContentHandlers, HtmlRewriter, Settings, element, text};
use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

/// Where a field's value came from.
pub const SOURCE_JSONLD: &str = "jsonld";

/// One place a job is in.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Location {
    /// City or locality.
    pub city: Option<String>,
    /// Region, state or province.
    pub region: Option<String>,
    /// Country: ISO 3166-1 alpha-2 where the page gives one.
    pub country: Option<String>,
    /// The location as readable text.
    pub text: String,
}

/// Pay as published.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Salary {
    /// Lower bound.
    pub min: Option<f64>,
    /// Upper bound.
    pub max: Option<f64>,
    /// ISO 4217 currency code.
    pub currency: Option<String>,
    /// `hour`, `day`, `week`, `month` or `year`.
    pub interval: Option<String>,
}

/// A job posting as extracted from one page.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct JobPosting {
    /// Job title.
    pub title: Option<String>,
    /// Hiring organisation.
    pub organization: Option<String>,
    /// Where the job is.
    pub locations: Vec<Location>,
    /// `remote`, `hybrid`, `onsite` or `unknown`.
    pub remote: &'static str,
    /// Normalised employment type (`full-time`, `part-time`, `contract`, ...).
    pub employment_type: Option<String>,
    /// Department or team.
    pub department: Option<String>,
    /// Published pay.
    pub salary: Option<Salary>,
    /// Date posted.
    pub date_posted: Option<NaiveDate>,
    /// Closing date.
    pub valid_through: Option<DateTime<Utc>>,
    /// Description as plain text.
    pub description_text: Option<String>,
    /// Where to apply.
    pub apply_url: Option<String>,
    /// Field name → the source that gave it.
    pub sources: BTreeMap<&'static str, &'static str>,
}

/// The raw contents of every `<script type="application/ld+json">` block.
pub fn jsonld_scripts(html: &str) -> Vec<String> {
    let scripts = RefCell::new(Vec::new());
    let current = RefCell::new(String::new());
    let settings = Settings::new().append_element_content_handler(text!("script[type*='ld+json']", |t: &mut TextChunk| {
        current.borrow_mut().push_str(t.as_str());
        if t.last_in_text_node() {
            scripts.borrow_mut().push(std::mem::take(&mut *current.borrow_mut()));
        }
        Ok(())
    }));
    let mut rw = HtmlRewriter::new(settings, |_: &[u8]| {});
    // A rewriting error only means the page is beyond repair; what was
    // collected up to that point is still usable.
    let _ = rw.write(html.as_bytes()).and_then(|_| rw.end());
    scripts.into_inner()
}

/// A 64-bit hash of the page's JSON-LD JobPosting objects in canonical form
/// (parsed and re-serialised with sorted keys, so formatting does not
/// count); `None` when there are none. A change here (a salary-only edit,
/// say) forces extraction even when the visible text's SimHash says the page
/// is unchanged.
pub fn structured_hash(html: &str) -> Option<u64> {
    let values = jsonld_values(html);
    let found = job_postings(&values);
    if found.is_empty() {
        return None;
    }
    let mut h = Sha256::new();
    for posting in found {
        h.update(posting.to_string().as_bytes());
        h.update(b"\x00");
    }
    Some(u64::from_be_bytes(h.finalize()[..8].try_into().expect("8 bytes")))
}

/// Parses JSON the way sites really ship it: tolerates trailing commas, raw
/// control characters inside strings, and an HTML comment wrapper.
pub fn parse_lenient_json(raw: &str) -> Option<Value> {
    let trimmed = raw
        .trim()
        .trim_start_matches("<!--")
        .trim_end_matches("-->")
        .trim()
        .trim_end_matches(';');
    if let Ok(v) = serde_json::from_str(trimmed) {
        return Some(v);
    }
    serde_json::from_str(&repair_json(trimmed)).ok()
}

/// Drops trailing commas and escapes control characters inside strings.
fn repair_json(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_str = false;
    let mut escaped = false;
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if in_str {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_str = false,
                '\n' => {
                    out.push_str("\\n");
                    continue;
                }
                '\r' => continue,
                '\t' => {
                    out.push_str("\\t");
                    continue;
                }
                c if (c as u32) < 0x20 => continue,
                _ => {}
            }
            out.push(c);
        } else {
            if c == '"' {
                in_str = true;
            }
            if c == ',' {
                let next = chars[i + 1..].iter().find(|c| !c.is_whitespace());
                if matches!(next, Some('}') | Some(']') | None) {
                    continue;
                }
            }
            out.push(c);
        }
    }
    out
}

fn type_is_job_posting(v: &Value) -> bool {
    match v.get("@type") {
        Some(Value::String(t)) => t.eq_ignore_ascii_case("JobPosting") || t.ends_with("/JobPosting"),
        Some(Value::Array(ts)) => ts.iter().any(|t| t.as_str().is_some_and(|t| t.eq_ignore_ascii_case("JobPosting"))),
        _ => false,
    }
}

/// Every JobPosting object in a JSON-LD value: top level, arrays, `@graph`,
/// and nested objects (`mainEntity`, ...). Depth-limited against hostile input.
fn find_job_postings<'a>(v: &'a Value, depth: usize, out: &mut Vec<&'a Value>) {
    if depth > 32 {
        return;
    }
    match v {
        Value::Array(items) => items.iter().for_each(|i| find_job_postings(i, depth + 1, out)),
        Value::Object(map) => {
            if type_is_job_posting(v) {
                out.push(v);
                return;
            }
            map.values().for_each(|i| find_job_postings(i, depth + 1, out));
        }
        _ => {}
    }
}

/// Every parseable JSON-LD block of the page.
fn jsonld_values(html: &str) -> Vec<Value> {
    jsonld_scripts(html).iter().filter_map(|s| parse_lenient_json(s)).collect()
}

/// Every JobPosting object among parsed JSON-LD blocks.
fn job_postings(values: &[Value]) -> Vec<&Value> {
    let mut found = Vec::new();
    for v in values {
        find_job_postings(v, 0, &mut found);
    }
    found
}

fn decode_entities(s: &str) -> String {
    html_escape::decode_html_entities(s).into_owned()
}

fn clean(s: &str) -> Option<String> {
    let s = decode_entities(s);
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!s.is_empty()).then_some(s)
}

fn str_or_name(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => clean(s),
        Value::Object(_) => v.get("name").and_then(str_or_name),
        Value::Array(a) => a.iter().find_map(str_or_name),
        _ => None,
    }
}

fn location_from(place: &Value) -> Option<Location> {
    let addr = place.get("address").unwrap_or(place);
    if let Value::String(s) = addr {
        return clean(s).map(|text| Location { text, ..Default::default() });
    }
    let field = |k: &str| addr.get(k).and_then(str_or_name);
    let city = field("addressLocality");
    let region = field("addressRegion");
    let country = field("addressCountry");
    let parts: Vec<&str> = [&city, &region, &country].into_iter().flatten().map(String::as_str).collect();
    let text = if parts.is_empty() { place.get("name").and_then(str_or_name)? } else { parts.join(", ") };
    Some(Location { city, region, country, text })
}

fn as_list(v: Option<&Value>) -> Vec<&Value> {
    match v {
        Some(Value::Array(a)) => a.iter().collect(),
        Some(Value::Null) | None => vec![],
        Some(other) => vec![other],
    }
}

fn number(v: Option<&Value>) -> Option<f64> {
    match v? {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.replace([',', ' '], "").parse().ok(),
        _ => None,
    }
}

/// Normalises schema.org and free-text employment types.
pub fn normalise_employment_type(s: &str) -> String {
    let k = s.trim().to_ascii_lowercase().replace(['_', ' '], "-");
    match k.as_str() {
        "full-time" | "fulltime" => "full-time",
        "part-time" | "parttime" => "part-time",
        "contractor" | "contract" => "contract",
        "temporary" | "temp" => "temporary",
        "intern" | "internship" => "intern",
        _ => "other",
    }
    .to_owned()
}

fn interval(unit: &str) -> Option<String> {
    let u = unit.trim().to_ascii_lowercase();
    let i = match u.as_str() {
        "hour" | "hourly" => "hour",
        "day" | "daily" => "day",
        "week" | "weekly" => "week",
        "month" | "monthly" => "month",
        "year" | "yearly" | "annual" | "annually" => "year",
        _ => return None,
    };
    Some(i.to_owned())
}

fn salary_from(v: &Value) -> Option<Salary> {
    let currency = v.get("currency").and_then(Value::as_str).map(|c| c.trim().to_ascii_uppercase());
    let value = v.get("value");
    let (min, max, unit) = match value {
        Some(q @ Value::Object(_)) => {
            let single = number(q.get("value"));
            (
                number(q.get("minValue")).or(single),
                number(q.get("maxValue")).or(single),
                q.get("unitText").and_then(Value::as_str),
            )
        }
        other => {
            let n = number(other);
            (n, n, v.get("unitText").and_then(Value::as_str))
        }
    };
    if min.is_none() && max.is_none() {
        return None;
    }
    Some(Salary { min, max, currency, interval: unit.and_then(interval) })
}

/// Parses the date formats seen in the wild: RFC 3339, ISO date, ISO
/// date-time without zone, and `YYYY/MM/DD`.
pub fn parse_date_time(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d.with_timezone(&Utc));
    }
    for f in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S"] {
        if let Ok(d) = chrono::NaiveDateTime::parse_from_str(s, f) {
            return Some(d.and_utc());
        }
    }
    for f in ["%Y-%m-%d", "%Y/%m/%d", "%d/%m/%Y"] {
        if let Ok(d) = NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), f) {
            return d.and_hms_opt(0, 0, 0).map(|d| d.and_utc());
        }
    }
    None
}

/// Plain text of an HTML fragment: scripts and styles dropped, block
/// elements become line breaks, whitespace collapsed within lines.
pub fn html_to_text(html: &str) -> String {
    let out = Rc::new(RefCell::new(String::new()));
    let skip = Rc::new(RefCell::new(0u32));
    let (o1, o2, s1, s2) = (out.clone(), out.clone(), skip.clone(), skip.clone());
    let settings = Settings::new()
        .append_element_content_handler(element!("script, style, noscript, template", move |el: &mut Element| {
            *s1.borrow_mut() += 1;
            let s = s1.clone();
            if let Some(handlers) = el.end_tag_handlers() {
                handlers.push(Box::new(move |_| {
                    *s.borrow_mut() -= 1;
                    Ok(())
                }));
            } else {
                *s1.borrow_mut() -= 1;
            }
            Ok(())
        }))
        .append_element_content_handler(element!(
            "p, div, br, li, h1, h2, h3, h4, h5, h6, tr, ul, ol, section, article",
            move |_el| {
                o1.borrow_mut().push('\n');
                Ok(())
            }
        ))
        .append_document_content_handler(DocumentContentHandlers::default().text(move |t: &mut TextChunk| {
            if *s2.borrow() == 0 {
                o2.borrow_mut().push_str(t.as_str());
            }
            Ok(())
        }));
    let mut rw = HtmlRewriter::new(settings, |_: &[u8]| {});
    let _ = rw.write(html.as_bytes()).and_then(|_| rw.end());
    let raw = decode_entities(&out.borrow());
    raw.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

fn posting_from_jsonld(v: &Value) -> JobPosting {
    let mut p = JobPosting { remote: "unknown", ..Default::default() };
    let src = |p: &mut JobPosting, field: &'static str| {
        p.sources.insert(field, SOURCE_JSONLD);
    };
    if let Some(t) = v.get("title").or_else(|| v.get("name")).and_then(str_or_name) {
        p.title = Some(t);
        src(&mut p, "title");
    }
    if let Some(o) = v.get("hiringOrganization").and_then(str_or_name) {
        p.organization = Some(o);
        src(&mut p, "organization");
    }
    p.locations = as_list(v.get("jobLocation")).into_iter().filter_map(location_from).collect();
    if !p.locations.is_empty() {
        src(&mut p, "locations");
    }
    let telecommute = as_list(v.get("jobLocationType"))
        .iter()
        .any(|t| t.as_str().is_some_and(|t| t.eq_ignore_ascii_case("TELECOMMUTE")));
    if telecommute {
        p.remote = "remote";
        src(&mut p, "remote");
    }
    if let Some(e) = as_list(v.get("employmentType")).iter().find_map(|e| e.as_str()) {
        p.employment_type = Some(normalise_employment_type(e));
        src(&mut p, "employment_type");
    }
    if let Some(d) = v.get("industry").or_else(|| v.get("occupationalCategory")).and_then(str_or_name) {
        p.department = Some(d);
        src(&mut p, "department");
    }
    if let Some(s) = as_list(v.get("baseSalary")).into_iter().find_map(salary_from) {
        p.salary = Some(s);
        src(&mut p, "salary");
    }
    if let Some(d) = v.get("datePosted").and_then(Value::as_str).and_then(parse_date_time) {
        p.date_posted = Some(d.date_naive());
        src(&mut p, "date_posted");
    }
    if let Some(d) = v.get("validThrough").and_then(Value::as_str).and_then(parse_date_time) {
        p.valid_through = Some(d);
        src(&mut p, "valid_through");
    }
    if let Some(d) = v.get("description").and_then(Value::as_str) {
        // Descriptions are often HTML that was HTML-escaped once more.
        let html = if d.contains("&lt;") { decode_entities(d) } else { d.to_owned() };
        let text = html_to_text(&html);
        if !text.is_empty() {
            p.description_text = Some(text);
            src(&mut p, "description_text");
        }
    }
    if let Some(u) = v.get("url").and_then(Value::as_str) {
        p.apply_url = Some(u.trim().to_owned());
        src(&mut p, "apply_url");
    }
    p
}

/// Extracts the page's job posting, or `None` when it has no JobPosting.
pub fn extract(html: &str) -> Option<JobPosting> {
    let values = jsonld_values(html);
    // The fullest block wins when a page carries several.
    job_postings(&values)
        .into_iter()
        .map(posting_from_jsonld)
        .max_by_key(|p| p.sources.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(jsonld: &str) -> String {
        format!(
            r#"<html><head><title>x</title><script type="application/ld+json">{jsonld}</script></head><body><h1>x</h1></body></html>"#
        )
    }

    #[test]
    fn reads_a_complete_job_posting() {
        // GIVEN a page with a full JobPosting block
        let html = page(
            r#"{"@context":"https://schema.org","@type":"JobPosting","title":"Senior Rust Engineer",
            "hiringOrganization":{"@type":"Organization","name":"Acme Robotics"},
            "jobLocation":{"@type":"Place","address":{"@type":"PostalAddress","addressLocality":"Berlin","addressRegion":"BE","addressCountry":"DE"}},
            "employmentType":"FULL_TIME","datePosted":"2026-11-01","validThrough":"2026-12-31T23:59:59Z",
            "baseSalary":{"@type":"MonetaryAmount","currency":"eur","value":{"@type":"QuantitativeValue","minValue":70000,"maxValue":90000,"unitText":"YEAR"}},
            "description":"&lt;p&gt;Build &amp;amp; ship.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Rust&lt;/li&gt;&lt;/ul&gt;"}"#,
        );
        // WHEN extracted
        let p = extract(&html).expect("posting");
        // THEN every field is filled from JSON-LD
        assert_eq!(p.title.as_deref(), Some("Senior Rust Engineer"));
        assert_eq!(p.organization.as_deref(), Some("Acme Robotics"));
        assert_eq!(p.locations[0].city.as_deref(), Some("Berlin"));
        assert_eq!(p.locations[0].text, "Berlin, BE, DE");
        assert_eq!(p.employment_type.as_deref(), Some("full-time"));
        assert_eq!(p.date_posted, NaiveDate::from_ymd_opt(2026, 11, 1));
        let s = p.salary.unwrap();
        assert_eq!((s.min, s.max, s.currency.as_deref(), s.interval.as_deref()), (Some(70000.0), Some(90000.0), Some("EUR"), Some("year")));
        assert_eq!(p.description_text.as_deref(), Some("Build & ship.\nRust"));
        assert_eq!(p.sources.get("title"), Some(&"jsonld"));
    }

    #[test]
    fn finds_postings_in_graph_and_arrays_and_string_organisations() {
        let html = page(r#"{"@graph":[{"@type":"WebPage"},{"@type":"JobPosting","title":"A","hiringOrganization":"Globex","jobLocationType":"TELECOMMUTE"}]}"#);
        let p = extract(&html).unwrap();
        assert_eq!((p.title.as_deref(), p.organization.as_deref(), p.remote), (Some("A"), Some("Globex"), "remote"));
        let html = page(r#"[{"@type":"Organization"},{"@type":["JobPosting"],"title":"B"}]"#);
        assert_eq!(extract(&html).unwrap().title.as_deref(), Some("B"));
    }

    #[test]
    fn tolerates_trailing_commas_and_raw_newlines() {
        let html = page("{\"@type\":\"JobPosting\",\"title\":\"Line\nbreak\",\"employmentType\":[\"PART_TIME\",],}");
        let p = extract(&html).unwrap();
        assert_eq!(p.title.as_deref(), Some("Line break"));
        assert_eq!(p.employment_type.as_deref(), Some("part-time"));
    }

    #[test]
    fn page_without_job_posting_gives_none() {
        assert!(extract("<html><body><h1>Jobs</h1></body></html>").is_none());
        assert!(extract(&page(r#"{"@type":"Organization","name":"x"}"#)).is_none());
        assert!(extract(&page("{not json at all")).is_none());
    }

    #[test]
    fn structured_hash_changes_with_a_salary_edit_but_not_with_reformatting() {
        let a = page(r#"{"@type":"JobPosting","title":"A","baseSalary":{"currency":"USD","value":100}}"#);
        let b = page("{\"@type\":\"JobPosting\",\n  \"title\":\"A\",  \"baseSalary\":{\"currency\":\"USD\",\"value\":100}}");
        let c = page(r#"{"@type":"JobPosting","title":"A","baseSalary":{"currency":"USD","value":120}}"#);
        assert!(structured_hash(&a).is_some());
        assert_eq!(structured_hash(&a), structured_hash(&b));
        assert_ne!(structured_hash(&a), structured_hash(&c));
        assert_eq!(structured_hash("<p>no json-ld</p>"), None);
    }

    #[test]
    fn deeply_nested_json_does_not_overflow() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(extract(&page(&deep)).is_none());
    }
}
