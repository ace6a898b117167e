//! schema.org `JobPosting` in JSON-LD: several scripts, `@graph`, arrays,
//! nested objects, and the broken JSON sites really ship (trailing commas,
//! raw newlines in strings, an HTML comment wrapper, entity-escaped
//! scripts). The schema.org → [`Draft`] mapping here is shared with
//! microdata.

use std::cell::RefCell;
use std::collections::HashMap;

use lol_html::html_content::TextChunk;
use lol_html::{HtmlRewriter, Settings, text};
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::scan::Page;
use super::text::{clean, decode_entities, fold, fragment_text};
use super::{Context, Draft, Location, SOURCE_JSONLD, Salary, dates, kinds, location, salary};

/// The raw contents of every `<script type="application/ld+json">` block.
pub fn jsonld_scripts(html: &str) -> Vec<String> {
    let scripts = RefCell::new(Vec::new());
    let current = RefCell::new(String::new());
    let settings =
        Settings::new().append_element_content_handler(text!("script[type*='ld+json']", |t: &mut TextChunk| {
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
    let values: Vec<Value> = jsonld_scripts(html).iter().filter_map(|s| parse_lenient_json(s)).collect();
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
/// control characters inside strings, escapes JSON does not have (`\'`),
/// an HTML comment or CDATA wrapper, and a script whose quotes were
/// entity-escaped. serde_json's recursion limit (128) turns hostile
/// nesting into an error, never a stack overflow.
pub fn parse_lenient_json(raw: &str) -> Option<Value> {
    let trimmed = raw
        .trim()
        .trim_start_matches("<!--")
        .trim_start_matches("//<![CDATA[")
        .trim_start_matches("<![CDATA[")
        .trim_end_matches("-->")
        .trim_end_matches("//]]>")
        .trim_end_matches("]]>")
        .trim()
        .trim_end_matches(';');
    if let Ok(v) = serde_json::from_str(trimmed) {
        return Some(v);
    }
    if let Ok(v) = serde_json::from_str(&repair_json(trimmed)) {
        return Some(v);
    }
    if trimmed.contains("&quot;") {
        let decoded = super::text::decode_entities(trimmed);
        return serde_json::from_str(&repair_json(&decoded)).ok();
    }
    None
}

/// Drops trailing commas and `/* */` and `//` comments, escapes control
/// characters inside strings, and drops the backslash of an escape JSON
/// does not have.
fn repair_json(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_str = false;
    let mut escaped = false;
    let mut pending_comma = false;
    let mut skip_to = 0;
    for (i, c) in s.char_indices() {
        if i < skip_to {
            continue;
        }
        if in_str {
            match c {
                // PHP's `addslashes` and page builders escape what JSON
                // does not (`Ku\'damm`, `\-`): the character stands for
                // itself.
                _ if escaped => {
                    escaped = false;
                    if matches!(c, '"' | '\\' | '/' | 'b' | 'f' | 'n' | 'r' | 't' | 'u') {
                        out.push('\\');
                    } else if (c as u32) < 0x20 {
                        continue;
                    }
                }
                '\\' => {
                    escaped = true;
                    continue;
                }
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
            continue;
        }
        if c.is_whitespace() {
            out.push(c);
            continue;
        }
        // JSON has no `/` outside strings: this starts a comment.
        if c == '/' {
            let rest = &s[i..];
            skip_to = match rest.as_bytes().get(1) {
                Some(b'*') => rest[2..].find("*/").map_or(s.len(), |e| i + 2 + e + 2),
                Some(b'/') => rest.find('\n').map_or(s.len(), |e| i + e),
                _ => 0,
            };
            if skip_to > i {
                continue;
            }
        }
        if pending_comma {
            pending_comma = false;
            if c != '}' && c != ']' {
                out.push(',');
            }
        }
        match c {
            ',' => pending_comma = true,
            '"' => {
                in_str = true;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

fn type_is(v: &Value, want: &str) -> bool {
    let is = |t: &str| {
        t.eq_ignore_ascii_case(want) || t.rsplit(['/', ':', '#']).next().is_some_and(|x| x.eq_ignore_ascii_case(want))
    };
    match v.get("@type") {
        Some(Value::String(t)) => is(t),
        Some(Value::Array(ts)) => ts.iter().any(|t| t.as_str().is_some_and(is)),
        _ => false,
    }
}

/// Visits every object of a JSON-LD value, parents first, through arrays,
/// `@graph` and nested objects (`mainEntity`, ...), to a depth of 32
/// against hostile input; `visit` says whether to look inside the object.
fn each_object<'a>(v: &'a Value, depth: usize, visit: &mut impl FnMut(&'a Value) -> bool) {
    if depth > 32 {
        return;
    }
    match v {
        Value::Array(items) => items.iter().for_each(|i| each_object(i, depth + 1, visit)),
        Value::Object(map) if visit(v) => map.values().for_each(|i| each_object(i, depth + 1, visit)),
        _ => {}
    }
}

/// Every JobPosting object among parsed JSON-LD blocks (at most 65).
fn job_postings(values: &[Value]) -> Vec<&Value> {
    let mut found = Vec::new();
    for v in values {
        each_object(v, 0, &mut |o| {
            if found.len() > 64 {
                return false;
            }
            let posting = type_is(o, "JobPosting");
            if posting {
                found.push(o);
            }
            !posting
        });
    }
    found
}

/// A string, or the `name` of an object, or the first of an array; as
/// text: entities decoded, and markup that some sites put in names
/// ("Senior &lt;b&gt;Engineer&lt;/b&gt;") reduced to its text.
pub fn str_or_name(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => {
            let c = clean(s)?;
            let markup = c.as_bytes().windows(2).any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/'));
            if markup { clean(&fragment_text(&c)) } else { Some(c) }
        }
        Value::Number(n) => Some(n.to_string()),
        Value::Object(_) => v.get("name").or_else(|| v.get("legalName")).and_then(str_or_name),
        Value::Array(a) => a.iter().find_map(str_or_name),
        _ => None,
    }
}

fn as_list(v: Option<&Value>) -> Vec<&Value> {
    match v {
        Some(Value::Array(a)) => a.iter().collect(),
        Some(Value::Null) | None => vec![],
        Some(other) => vec![other],
    }
}

/// The locations of one `jobLocation` entry: a string, or a Place whose
/// `address` is a string, a PostalAddress or an array of them.
fn locations_from<'a>(place: &'a Value, refs: &Refs<'a>) -> Vec<Location> {
    let place = refs.get(place);
    if let Value::String(s) = place {
        return location::parse_field(s).into_iter().collect();
    }
    let fallback = place.get("name").and_then(str_or_name);
    as_list(Some(place.get("address").unwrap_or(place)))
        .into_iter()
        .map(|addr| refs.get(addr))
        .filter_map(|addr| {
            if let Value::String(s) = addr {
                return location::parse_field(s);
            }
            let field = |k: &str| addr.get(k).and_then(str_or_name);
            location::from_parts(
                field("addressLocality"),
                field("addressRegion"),
                field("addressCountry"),
                fallback.clone(),
            )
        })
        .collect()
}

/// One of `applicantLocationRequirements`. A `Country` is a country, by
/// name or ISO code: "GA" is Gabon there, not Georgia in the US, and "AG"
/// (Antigua and Barbuda) is a code even where our gazetteer has no name for
/// it.
fn required_place(r: &Value) -> Option<Location> {
    let name = str_or_name(r)?;
    let country = r.get("@type").and_then(Value::as_str) == Some("Country");
    let code = location::country_code(&name).map(str::to_owned).or_else(|| {
        let bare = name.trim();
        (country && bare.len() == 2 && bare.bytes().all(|b| b.is_ascii_uppercase())).then(|| bare.to_owned())
    });
    match code {
        Some(code) if country => Some(Location { city: None, region: None, country: Some(code), text: name }),
        _ => location::parse_field(&name),
    }
}

/// An amount: a number, or text such as "120000", "$120,000" or "120k".
fn number(v: Option<&Value>) -> Option<f64> {
    match v? {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => salary::number(s.trim()).or_else(|| salary::parse_text(s, true).and_then(|p| p.salary.min)),
        _ => None,
    }
}

/// A `value` as `(min, max)`: one amount, or text holding a range
/// ("120000-150000", "$26–30").
fn amounts(v: Option<&Value>) -> (Option<f64>, Option<f64>) {
    let one = |n: Option<f64>| (n, n);
    match v {
        Some(Value::String(s)) => match salary::number(s.trim()) {
            Some(n) => one(Some(n)),
            None => salary::parse_text(s, true).map_or((None, None), |p| (p.salary.min, p.salary.max)),
        },
        other => one(number(other)),
    }
}

/// A `baseSalary` / `estimatedSalary` entry; its currency normalised to
/// ISO 4217 (a bare "$" is marked, so the job's country can settle it).
fn salary_from(v: &Value, top: &Value) -> Option<salary::Parsed> {
    let cur = |x: &Value| {
        x.get("currency").or_else(|| x.get("salaryCurrency")).and_then(Value::as_str).and_then(salary::iso_currency)
    };
    let given = cur(v).or_else(|| cur(top));
    let unit_of = |x: &Value| x.get("unitText").and_then(Value::as_str).and_then(salary::interval);
    let (min, max, unit) = match v {
        Value::Number(_) | Value::String(_) => {
            if let Value::String(s) = v
                && let Some(mut p) = salary::parse_text(s, true)
            {
                if let Some((c, bare)) = given.filter(|_| p.salary.currency.is_none() || p.bare_symbol) {
                    (p.salary.currency, p.bare_symbol) = (Some(c), bare);
                }
                return Some(p);
            }
            let n = number(Some(v));
            (n, n, None)
        }
        _ => match v.get("value") {
            Some(q @ Value::Object(_)) => {
                let (lo, hi) = amounts(q.get("value"));
                (number(q.get("minValue")).or(lo), number(q.get("maxValue")).or(hi), unit_of(q).or_else(|| unit_of(v)))
            }
            other => {
                let (lo, hi) = amounts(other);
                (number(v.get("minValue")).or(lo), number(v.get("maxValue")).or(hi), unit_of(v))
            }
        },
    };
    // A `value` is one figure (both bounds); a lone `minValue` or `maxValue`
    // is only a floor or a ceiling (Jobvite's `"minValue": "", "maxValue":
    // "28"`), as "up to" and "from" are in text.
    if min.is_none() && max.is_none() {
        return None;
    }
    if max.is_some_and(|m| m <= 0.0) {
        return None;
    }
    let (currency, bare_symbol) = given.map_or((None, false), |(c, bare)| (Some(c), bare));
    Some(salary::Parsed { salary: Salary { min, max, currency, interval: unit }, bare_symbol })
}

/// How many useful fields a JobPosting object has (to pick the fullest).
fn fullness(v: &Value) -> usize {
    [
        "title",
        "hiringOrganization",
        "jobLocation",
        "employmentType",
        "datePosted",
        "baseSalary",
        "description",
        "validThrough",
    ]
    .iter()
    .filter(|k| v.get(**k).is_some_and(|x| !x.is_null()))
    .count()
}

/// More applicant countries than this mean anywhere (the EU's 27 and the
/// Americas' are lists a job may really give).
const MAX_APPLICANT_COUNTRIES: usize = 40;

/// Offers a schema.org JobPosting object's fields to the draft.
pub fn apply_value(v: &Value, ctx: &Context, d: &mut Draft, src: &'static str) {
    apply_with_refs(v, &Refs::default(), ctx, d, src);
}

/// [`apply_value`], following references to the page's other nodes.
fn apply_with_refs<'a>(v: &'a Value, refs: &Refs<'a>, ctx: &Context, d: &mut Draft, src: &'static str) {
    d.offer_title(v.get("title").or_else(|| v.get("name")).and_then(str_or_name), src);
    d.offer_organization(v.get("hiringOrganization").map(|o| refs.get(o)).and_then(str_or_name), src);
    let mut locs: Vec<Location> =
        as_list(v.get("jobLocation")).into_iter().flat_map(|place| locations_from(place, refs)).collect();
    let telecommute = as_list(v.get("jobLocationType"))
        .iter()
        .any(|t| t.as_str().is_some_and(|t| t.to_ascii_uppercase().contains("TELECOMMUTE")));
    if locs.is_empty() {
        // Only for remote jobs without a place: where applicants may live.
        // A list of dozens of countries (beincrypto lists all 198 on every
        // job) says "anywhere", which names no place; the page may.
        locs = as_list(v.get("applicantLocationRequirements"))
            .into_iter()
            .filter_map(|r| required_place(refs.get(r)))
            .collect();
        if locs.len() > MAX_APPLICANT_COUNTRIES {
            locs.clear();
        }
    }
    d.offer_locations(locs, src);
    if telecommute {
        d.offer_remote(Some("remote"), src);
    }
    let et = as_list(v.get("employmentType"))
        .iter()
        .filter_map(|e| e.as_str())
        .map(kinds::employment_field)
        .collect::<Vec<_>>();
    // ["PART_TIME", "FULL_TIME"] (jobs.ch's "80-100%") is open to full-time
    // work: a search for full-time jobs must find it.
    let et = et
        .iter()
        .flatten()
        .find(|e| *e == "full-time")
        .or_else(|| et.iter().flatten().find(|e| *e != "other"))
        .or(et.iter().flatten().next())
        .cloned();
    d.offer_employment(et, src);
    let top = v;
    let sal = as_list(v.get("baseSalary"))
        .into_iter()
        .chain(as_list(v.get("estimatedSalary")))
        .find_map(|s| salary_from(s, top));
    d.offer_parsed_salary(sal, src);
    let text = |k: &str| {
        v.get(k).and_then(|x| match x {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => n.as_i64().map(|n| n.to_string()),
            _ => None,
        })
    };
    // "10/05/2026" on a job in the US is 5 October.
    let us = d.in_us_only();
    d.offer_date_posted(text("datePosted").and_then(|s| dates::parse_posted(&s, us, ctx.fetched_at)), src);
    d.offer_valid_through(text("validThrough").and_then(|s| dates::parse_closing(&s, us)), src);
    if let Some(desc) = v.get("description").and_then(Value::as_str) {
        let html = description_html(desc);
        d.offer_description_html(Some(&html), src);
    }
    d.offer_apply_url(v.get("url").and_then(Value::as_str).map(str::to_owned), src);
    let _ = ctx;
}

/// A JSON-LD description as the HTML it means. Descriptions are often
/// HTML that was HTML-escaped once more ("&lt;p&gt;"), some twice
/// ("&amp;lt;br&amp;gt;", a Japanese board's), and often plain text whose
/// line breaks are its only structure. Each round of unescaping is taken
/// while the value holds no tag of its own but escaped ones, so a
/// description that shows "&lt;div&gt;" as text beside real tags keeps it.
fn description_html(desc: &str) -> String {
    let escaped_tag = |s: &str, lt: &str| {
        s.match_indices(lt).any(|(at, _)| s[at + lt.len()..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/'))
    };
    let mut html =
        if desc.contains("&lt;") { super::text::decode_entities(desc).into_owned() } else { desc.to_owned() };
    // Two more rounds at most: nobody escapes four times, and each round is a copy.
    for _ in 0..2 {
        if html.contains('<') || !(escaped_tag(&html, "&lt;") || escaped_tag(&html, "&amp;lt;")) {
            break;
        }
        html = super::text::decode_entities(&html).into_owned();
    }
    if !html.contains('<') && html.contains('\n') {
        return super::description::text_to_html(&super::text::decode_entities(&html));
    }
    // Beside real tags, a line break escaped twice still means a break: it
    // would show as "&lt;br&gt;", which no posting means to say (Mynavi's
    // `<p>` paragraphs have their lines joined so). Other tags escaped twice
    // are left, as what their writer meant is not known.
    if html.contains("&amp;lt;br") {
        for br in ["&amp;lt;br&amp;gt;", "&amp;lt;br/&amp;gt;", "&amp;lt;br /&amp;gt;"] {
            html = html.replace(br, "<br>");
        }
    }
    html
}

/// The nodes of the page's JSON-LD that have an `@id` and say more than
/// it (a `@graph`'s Organization, Place, ...), to follow references to
/// them without copying anything.
#[derive(Default)]
struct Refs<'a>(HashMap<&'a str, &'a Value>);

impl<'a> Refs<'a> {
    fn of(values: &'a [Value]) -> Self {
        let mut out = HashMap::new();
        for v in values {
            each_object(v, 0, &mut |o| {
                if let Some(id) = o.get("@id").and_then(Value::as_str)
                    && !is_reference(o)
                {
                    out.entry(id).or_insert(o);
                }
                out.len() <= 256
            });
        }
        Refs(out)
    }

    /// The node `v` refers to, or `v` itself. One hop: a node in the map is
    /// never itself a reference, so a cycle cannot loop.
    fn get(&self, v: &'a Value) -> &'a Value {
        match v.get("@id").and_then(Value::as_str) {
            Some(id) if is_reference(v) => self.0.get(id).copied().unwrap_or(v),
            _ => v,
        }
    }
}

/// `{"@id": ...}` (with at most a `@type`): a reference to a node given
/// elsewhere (Yoast-style graphs give `"hiringOrganization": {"@id": "#org"}`).
fn is_reference(v: &Value) -> bool {
    v.as_object().is_some_and(|m| m.contains_key("@id") && m.keys().all(|k| k == "@id" || k == "@type"))
}

/// The cascade step: the fullest JobPosting among the page's JSON-LD, its
/// references to other nodes of the page followed.
///
/// Returns whether the page's posting was left unread because the page
/// never shows it (see [`about_this_page`]); [`apply_unshown`] reads it.
pub fn apply(page: &Page, ctx: &Context, d: &mut Draft) -> bool {
    read(page, ctx, d, true)
}

/// [`apply`], reading the posting even where the page never shows it.
pub fn apply_unshown(page: &Page, ctx: &Context, d: &mut Draft) {
    read(page, ctx, d, false);
}

fn read(page: &Page, ctx: &Context, d: &mut Draft, shown_only: bool) -> bool {
    let values: Vec<Value> = page.jsonld.iter().filter_map(|r| parse_lenient_json(page.slice(r))).collect();
    let found = job_postings(&values);
    let Some(best) = found.iter().max_by_key(|v| fullness(v)) else { return false };
    if shown_only && !about_this_page(best, page) {
        return true;
    }
    apply_with_refs(best, &Refs::of(&values), ctx, d, SOURCE_JSONLD);
    false
}

/// Whether a JSON-LD posting is about the page it is on. A theme's sample
/// posting left in a template (a WP Job Manager board: "Assistant / Store
/// Keeper" at "Figma" in Brooklyn, on every job page of a Pakistani board)
/// names a job the page never shows: its title is in neither the page's
/// title nor its lines, and no stretch of its description is among them,
/// while the page shows plenty of its own. Such JSON-LD is not read, and the
/// page is read like one without it (unless the page then names no job at
/// all). Where the page shows little (an app shell whose posting is only in
/// the JSON-LD) or the posting has no description to compare, the JSON-LD
/// is read as ever.
fn about_this_page(v: &Value, page: &Page) -> bool {
    let Some(title) = v.get("title").or_else(|| v.get("name")).and_then(str_or_name).map(|t| fold(&t)) else {
        return true;
    };
    // Most pages name the job in their title: the rest is read only when
    // they do not.
    if title.is_empty()
        || [page.title.as_deref(), page.meta("og:title")].into_iter().flatten().any(|h| fold(h).contains(&title))
    {
        return true;
    }
    let shown: Vec<&str> = page.lines.iter().filter(|l| !l.noise).map(|l| l.text.as_str()).collect();
    if shown.iter().map(|l| l.len()).sum::<usize>() < 1_000 {
        return true;
    }
    let shown = fold(&shown.join("\n"));
    let Some(desc) = v.get("description").and_then(Value::as_str) else { return true };
    let desc = fold(&fragment_text(&decode_entities(desc)));
    let words: Vec<&str> = desc.split(' ').collect();
    if shown.contains(&title) || words.len() < 24 {
        return true;
    }
    // Eight words from each quarter of the description.
    (0..4).any(|q| {
        let at = q * (words.len() - 8) / 4;
        shown.contains(&words[at..at + 8].join(" "))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lenient_json_repairs_what_sites_ship() {
        assert!(parse_lenient_json("{\"a\":[1,2,],}").is_some());
        assert!(parse_lenient_json("<!-- {\"a\":\"x\ny\"} -->").is_some());
        assert!(parse_lenient_json("{&quot;a&quot;:1}").is_some());
        assert!(parse_lenient_json("{\"a\": \"b, }\"}").is_some_and(|v| v["a"] == "b, }"));
        assert!(parse_lenient_json("{nope").is_none());
    }

    #[test]
    fn an_escape_json_does_not_have_stands_for_its_character() {
        // GIVEN JSON-LD with PHP's and page builders' escapes beside real ones
        let raw = r#"{"name": "Bio 7.0 Apotheke, Ku\'damm\-Eck", "d": "a\"b\\c\/d\u00e9\n", "x": 1,}"#;
        // WHEN it is parsed leniently
        let v = parse_lenient_json(raw).expect("parsed");
        // THEN the unknown escapes give their character and the known ones
        // keep their meaning
        assert_eq!(v["name"], "Bio 7.0 Apotheke, Ku'damm-Eck");
        assert_eq!(v["d"], "a\"b\\c/d\u{e9}\n");
        // a backslash before a raw line break continues the line, as in JavaScript
        let v = parse_lenient_json("{\"n\": \"one \\\ntwo\"}").expect("parsed");
        assert_eq!(v["n"], "one two");
    }
}
