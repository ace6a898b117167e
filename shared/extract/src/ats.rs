//! The ATS's own page: the markup the scan marked with an ATS source
//! (LinkedIn, Lever, Greenhouse, Workday, SmartRecruiters, Recruitee,
//! Workable, Breezy, SEEK, WP Job Manager) and the app state some boards
//! embed as JSON (Ashby's `window.__appData`, Greenhouse's Remix route
//! data, UKG Pro's view model, iCIMS Jibe's `window.jobDescriptionConfig`,
//! Recruitee's server-rendered app props, LinkedIn's signed-in `<code>`
//! data).

use serde::Deserialize;
use serde_json::Value;

use super::jsonld::str_or_name;
use super::scan::{Key, Page};
use super::text::{clean, decode_entities};
use super::{Context, Draft, Salary, dates, kinds, location, salary};

/// Sources the generic step owns.
const GENERIC: &[&str] = &["class", "h1", "logo", "heading", "content", "class-title", "company-link"];

/// The first ATS-marked text for a key (a mark's attribute, where its
/// selector reads one, stands for its text: WP Job Manager's logo alt and
/// `datetime`).
fn mark(page: &Page, key: Key) -> Option<(String, &'static str)> {
    page.marks_of(key).filter(|m| !GENERIC.contains(&m.source)).find_map(|m| {
        // Entities in an attribute are decoded where the value is cleaned.
        let t = m.attr.clone().unwrap_or_else(|| page.text_of(m));
        (!t.trim().is_empty()).then_some((t, m.source))
    })
}

fn trim_sep(s: &str) -> String {
    s.trim().trim_end_matches(['/', '·', '|', ',']).trim().to_owned()
}

/// The cascade step.
pub fn apply(page: &Page, ctx: &Context, d: &mut Draft) {
    ashby(page, ctx, d);
    greenhouse_remix(page, d);
    ultipro(page, d);
    jibe(page, d);
    recruitee(page, d);
    linkedin_state(page, d);
    markup(page, ctx, d);
}

fn markup(page: &Page, ctx: &Context, d: &mut Draft) {
    if let Some((t, src)) = mark(page, Key::Title) {
        d.offer_title(Some(t.replace('\n', " ")), src);
    }
    if let Some((t, src)) = mark(page, Key::Org) {
        let t = t.trim().trim_start_matches("at ").to_owned();
        d.offer_organization(Some(t), src);
    }
    if let Some((t, src)) = mark(page, Key::MetaLine) {
        meta_line(&t, ctx, d, src);
    }
    if let Some((t, src)) = mark(page, Key::Location) {
        let t = t.replace('\n', " ");
        d.offer_locations(location::parse_list(&t), src);
        d.offer_remote(kinds::workplace(&t), src);
    }
    if let Some((t, src)) = mark(page, Key::Workplace) {
        d.offer_remote(kinds::workplace(&t), src);
    }
    if let Some((t, src)) = mark(page, Key::Employment) {
        let t = trim_sep(&t);
        // LinkedIn's insight line mixes the type with the seniority.
        let et = if src == "linkedin" { kinds::employment(&t).map(str::to_owned) } else { kinds::employment_field(&t) };
        d.offer_employment(et, src);
        d.offer_remote(kinds::workplace(&t), src);
    }
    if let Some((t, src)) = mark(page, Key::Department) {
        d.offer_department(Some(trim_sep(&t)), src);
    }
    if let Some((t, src)) = mark(page, Key::Posted) {
        d.offer_date_posted(dates::find_date(&t, ctx.fetched_at), src);
    }
    if let Some((t, src)) = mark(page, Key::Salary) {
        d.offer_parsed_salary(salary::parse_text(&t, true), src);
    }
    if let Some(m) = page.marks_of(Key::Description).find(|m| !GENERIC.contains(&m.source) && page.has_text(m, 100)) {
        let r = page.mark_range(m);
        d.offer_description_html(page.html.get(r), m.source);
    }
}

/// LinkedIn's "Org · Location 6 days ago · 62 applicants".
fn meta_line(t: &str, ctx: &Context, d: &mut Draft, src: &'static str) {
    let parts: Vec<&str> = t.split(['·', '\n']).map(str::trim).filter(|p| !p.is_empty()).collect();
    if let Some(first) = parts.first() {
        d.offer_organization(Some((*first).to_owned()), src);
    }
    d.offer_date_posted(dates::find_relative(t, ctx.fetched_at), src);
    for p in parts.iter().skip(1) {
        let place = dates::strip_relative(p);
        if let Some(l) = location::parse_known(&place) {
            d.offer_locations(vec![l], src);
            d.offer_remote(kinds::workplace(&place), src);
            break;
        }
    }
}

/// The fields of Ashby's posting that the extractor reads; serde skips the
/// rest (benefits, forms, ...) without building it.
#[derive(serde::Deserialize, serde::Serialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct AshbyPosting {
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    location_name: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    address: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    secondary_location_names: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    secondary_locations: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    workplace_type: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    is_remote: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    employment_type: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    department_name: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    team_name: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    scrapeable_compensation_salary_summary: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    compensation_tier_summary: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    published_date: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description_html: Option<Value>,
}

/// What the extractor reads of Ashby's app state: the posting (null on a
/// job board) and the organisation's name. Read key by key and stopped as
/// soon as both are known (or the posting is null): a board's state is
/// half a megabyte of listings after them.
#[derive(Default)]
struct AshbyState {
    posting: Option<AshbyPosting>,
    org_name: Option<Value>,
}

struct AshbySeed<'a>(&'a mut AshbyState);

impl<'de> serde::de::DeserializeSeed<'de> for AshbySeed<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, de: D) -> Result<(), D::Error> {
        de.deserialize_map(self)
    }
}

impl<'de> serde::de::Visitor<'de> for AshbySeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("Ashby app state")
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let (mut seen_posting, mut seen_org) = (false, false);
        while let Some(k) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match k.as_ref() {
                "posting" => {
                    seen_posting = true;
                    self.0.posting = map.next_value::<Option<AshbyPosting>>()?;
                    if self.0.posting.is_none() {
                        return Err(serde::de::Error::custom("no posting"));
                    }
                }
                "organization" => {
                    seen_org = true;
                    self.0.org_name = map.next_value::<Value>()?.get_mut("name").map(Value::take);
                }
                _ => {
                    map.next_value::<serde::de::IgnoredAny>()?;
                }
            }
            if seen_posting && seen_org {
                // Early stop: the error only ends the parse; the values are kept.
                return Err(serde::de::Error::custom("done"));
            }
        }
        Ok(())
    }
}

fn ashby(page: &Page, ctx: &Context, d: &mut Draft) {
    let Some(state) = page.scripts.iter().map(|r| page.slice(r)).find(|s| s.contains("window.__appData")) else {
        return;
    };
    let Some(at) = state.find("window.__appData") else { return };
    let Some(brace) = state[at..].find('{').map(|b| b + at) else { return };
    let mut app = AshbyState::default();
    let mut de = serde_json::Deserializer::from_str(&state[brace..]);
    let _ = serde::de::DeserializeSeed::deserialize(AshbySeed(&mut app), &mut de);
    let Some(posting) = app.posting else { return };
    let Ok(p) = serde_json::to_value(posting) else { return };
    let app_org = serde_json::json!({ "name": app.org_name });
    let src = "ashby";
    let s = |k: &str| p.get(k).and_then(Value::as_str).and_then(clean);
    d.offer_title(s("title"), src);
    d.offer_organization(app_org.get("name").and_then(str_or_name), src);
    // `locationName` is the company's own label for the place ("Hub - San
    // Francisco", "San Francisco Office"); the posting's postal address,
    // when it names the place, is the place itself (and what Ashby's own
    // JSON-LD says). The label stays the place's text.
    let postal = p.get("address").and_then(|a| a.get("postalAddress"));
    let part = |k: &str| postal.and_then(|a| a.get(k)).and_then(Value::as_str).and_then(clean);
    let primary = location::from_parts(part("addressLocality"), part("addressRegion"), part("addressCountry"), None)
        .map(|mut l| {
            l.text = s("locationName").unwrap_or(l.text);
            l
        })
        .or_else(|| s("locationName").and_then(|n| location::parse_field(&n)));
    let mut names: Vec<String> = Vec::new();
    if let Some(Value::Array(sec)) = p.get("secondaryLocationNames") {
        names.extend(sec.iter().filter_map(Value::as_str).map(str::to_owned));
    } else if let Some(Value::Array(sec)) = p.get("secondaryLocations") {
        names.extend(sec.iter().filter_map(|l| l.get("locationName").and_then(Value::as_str)).map(str::to_owned));
    }
    let places = primary.into_iter().chain(names.iter().filter_map(|n| location::parse_field(n))).collect();
    d.offer_locations(places, src);
    let wp = s("workplaceType").and_then(|w| kinds::workplace(&w.replace("OnSite", "on site")));
    let wp = wp.or_else(|| (p.get("isRemote") == Some(&Value::Bool(true))).then_some("remote"));
    d.offer_remote(wp, src);
    let et = s("employmentType").map(|e| {
        // Ashby writes `FullTime`, `PartTime`, `Intern`, `Contract`, `Temporary`.
        let spaced: String = e.chars().flat_map(|c| if c.is_uppercase() { vec![' ', c] } else { vec![c] }).collect();
        kinds::employment_field(&spaced).unwrap_or_else(|| "other".to_owned())
    });
    d.offer_employment(et, src);
    d.offer_department(s("departmentName").or_else(|| s("teamName")), src);
    let pay = s("scrapeableCompensationSalarySummary").or_else(|| s("compensationTierSummary"));
    d.offer_parsed_salary(pay.and_then(|t| salary::parse_text(&t, true)), src);
    d.offer_date_posted(s("publishedDate").and_then(|t| dates::parse_date_time(&t)).map(|t| t.date_naive()), src);
    let html = p.get("descriptionHtml").and_then(Value::as_str);
    d.offer_description_html(html, src);
    let _ = ctx;
}

/// Greenhouse's job board (job-boards.greenhouse.io, a Remix app) renders
/// the posting but keeps its date and pay range only in the route data of
/// `window.__remixContext`, as `jobPost`. Only the fields used are read.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct GreenhouseJobPost {
    title: Option<Value>,
    company_name: Option<Value>,
    job_post_location: Option<Value>,
    published_at: Option<Value>,
    pay_ranges: Option<Vec<Value>>,
    introduction: Option<Value>,
    content: Option<Value>,
    conclusion: Option<Value>,
}

fn greenhouse_remix(page: &Page, d: &mut Draft) {
    let Some(p) = app_state::<GreenhouseJobPost>(page, "window.__remixContext", "\"jobPost\":") else { return };
    let src = "greenhouse";
    let s = text_value;
    d.offer_title(s(&p.title), src);
    d.offer_organization(s(&p.company_name), src);
    // "San Francisco, CA | Seattle, WA"
    d.offer_locations(s(&p.job_post_location).map(|l| location::parse_list(&l)).unwrap_or_default(), src);
    d.offer_date_posted(s(&p.published_at).and_then(|t| dates::parse_calendar_date(&t)), src);
    if let Some(range) = p.pay_ranges.iter().flatten().next() {
        let field = |k: &str| range.get(k).and_then(Value::as_str).unwrap_or("");
        let text = format!("{} {} - {} {}", field("title"), field("min"), field("max"), field("currency_type"));
        d.offer_parsed_salary(salary::parse_text(&text, true), src);
    }
    let body: String =
        [&p.introduction, &p.content, &p.conclusion].into_iter().filter_map(|v| v.as_ref()?.as_str()).collect();
    if !body.is_empty() {
        d.offer_description_html(Some(&body), src);
    }
}

/// The app state a page assigns in a script that starts (within its first
/// 512 bytes) with `head`: the JSON value that follows `key` in it, read as
/// `T` (only the fields `T` names; the rest of the script is not read).
/// Looking only at each script's head spares the big scripts of other
/// sites (Ashby's app state is 0.5 MB). `None` when no script has it or
/// the value does not read as `T`: the generic step still reads the page.
fn app_state<T: serde::de::DeserializeOwned>(page: &Page, head: &str, key: &str) -> Option<T> {
    let starts_with_head = |script: &str| {
        let end = (0..=script.len().min(512)).rev().find(|&i| script.is_char_boundary(i)).unwrap_or(0);
        script[..end].contains(head)
    };
    let script = page.scripts.iter().map(|r| page.slice(r)).find(|s| starts_with_head(s))?;
    let at = script.find(key)? + key.len();
    T::deserialize(&mut serde_json::Deserializer::from_str(&script[at..])).ok()
}

/// A JSON string value, cleaned; `None` for anything else.
fn text_value(v: &Option<Value>) -> Option<String> {
    v.as_ref().and_then(Value::as_str).and_then(clean)
}

/// UKG Pro (UltiPro) Recruiting's opportunity page is a Knockout app: the
/// server sends empty labels and the posting as the argument of
/// `new US.Opportunity.CandidateOpportunityDetail({...})`. Only the fields
/// used are read; each is a `Value` so one odd type loses one field, not all.
#[derive(serde::Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
struct UltiProOpportunity {
    title: Option<Value>,
    full_time: Option<Value>,
    job_category_name: Option<Value>,
    locations: Option<Vec<Value>>,
    posted_date: Option<Value>,
    description: Option<Value>,
    salaried: Option<Value>,
    pay_range_visible: Option<Value>,
    pay_range: Option<Value>,
    pay_range_currency_code: Option<Value>,
}

fn ultipro(page: &Page, d: &mut Draft) {
    // The call opens its script: `$(function () { var opportunity = new
    // US.Opportunity.CandidateOpportunityDetail({...`.
    const CALL: &str = "CandidateOpportunityDetail(";
    let Some(o) = app_state::<UltiProOpportunity>(page, CALL, CALL) else { return };
    let src = "ultipro";
    let s = text_value;
    d.offer_title(s(&o.title), src);
    let places: Vec<_> = o
        .locations
        .iter()
        .flatten()
        .filter_map(|l| {
            let a = l.get("Address")?;
            let name =
                |v: Option<&Value>| v.and_then(|v| v.as_str().or_else(|| v.get("Name")?.as_str())).map(str::to_owned);
            let fallback = l.get("LocalizedDescription").and_then(Value::as_str).map(str::to_owned);
            location::from_parts(name(a.get("City")), name(a.get("State")), name(a.get("Country")), fallback)
        })
        .collect();
    d.offer_locations(places, src);
    let et = match o.full_time {
        Some(Value::Bool(true)) => Some("full-time".to_owned()),
        Some(Value::Bool(false)) => Some("part-time".to_owned()),
        _ => None,
    };
    d.offer_employment(et, src);
    d.offer_department(s(&o.job_category_name), src);
    d.offer_date_posted(s(&o.posted_date).and_then(|t| dates::parse_calendar_date(&t)), src);
    // The pay range is the employer's to show: only a visible one counts.
    if o.pay_range_visible == Some(Value::Bool(true))
        && let Some(range) = &o.pay_range
    {
        let bound = |k: &str| range.get(k).and_then(Value::as_f64);
        let yearly = o.salaried == Some(Value::Bool(true));
        d.offer_salary(
            Some(crate::Salary {
                min: bound("PayRangeMinimum"),
                max: bound("PayRangeMaximum"),
                currency: s(&o.pay_range_currency_code),
                interval: Some(if yearly { "year" } else { "hour" }.to_owned()),
            }),
            src,
        );
    }
    d.offer_description_html(o.description.as_ref().and_then(Value::as_str), src);
}

/// An iCIMS Jibe career site (careers.<employer>) renders its posting in
/// the browser from `window.jobDescriptionConfig.job`; the server's page
/// has the site's menus and no job. Only the fields used are read. Some
/// sites write the config as a JavaScript object literal (bare keys,
/// single quotes), which is not JSON: there the JSON-LD and the generic
/// step read the page.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct JibeJob {
    title: Option<Value>,
    hiring_organization: Option<Value>,
    employment_type: Option<Value>,
    city: Option<Value>,
    state: Option<Value>,
    country_code: Option<Value>,
    full_location: Option<Value>,
    posted_date: Option<Value>,
    department: Option<Value>,
    description: Option<Value>,
}

fn jibe(page: &Page, d: &mut Draft) {
    let Some(j) = app_state::<JibeJob>(page, "window.jobDescriptionConfig", "\"job\":") else { return };
    let src = "jibe";
    let s = text_value;
    d.offer_title(s(&j.title), src);
    d.offer_organization(s(&j.hiring_organization), src);
    d.offer_employment(s(&j.employment_type).and_then(|e| kinds::employment_field(&e)), src);
    d.offer_locations(
        location::from_parts(s(&j.city), s(&j.state), s(&j.country_code), s(&j.full_location)).into_iter().collect(),
        src,
    );
    d.offer_department(s(&j.department), src);
    d.offer_date_posted(s(&j.posted_date).and_then(|t| dates::parse_calendar_date(&t)), src);
    d.offer_description_html(j.description.as_ref().and_then(Value::as_str), src);
}

/// A name in one language (a Recruitee department's).
#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct RecruiteeName {
    name: Option<Value>,
}

/// Recruitee's career site renders its React app on the server and keeps
/// the app's props in `data-props`: `appConfig.offer` is the page's own
/// offer (`appConfig.offers` lists the others) with what its markup does
/// not show: the type of employment, remote / hybrid / on-site, the pay
/// range and the place's parts. Only the fields used are read.
#[derive(serde::Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct RecruiteeOffer {
    primary_lang_code: Option<String>,
    /// Per language: `title`, `descriptionHtml`, `requirementsHtml`.
    translations: std::collections::BTreeMap<String, RecruiteeText>,
    employment_type: Option<String>,
    remote: Option<bool>,
    hybrid: Option<bool>,
    on_site: Option<bool>,
    locations: Vec<RecruiteeLocation>,
    salary: Option<RecruiteeSalary>,
    department: Option<RecruiteeDepartment>,
}

#[derive(serde::Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct RecruiteeText {
    title: Option<Value>,
    description_html: Option<Value>,
    requirements_html: Option<Value>,
}

#[derive(serde::Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct RecruiteeLocation {
    country_code: Option<Value>,
    state_code: Option<Value>,
    translations: std::collections::BTreeMap<String, RecruiteePlace>,
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct RecruiteePlace {
    city: Option<Value>,
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct RecruiteeSalary {
    min: Option<f64>,
    max: Option<f64>,
    currency: Option<String>,
    period: Option<String>,
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct RecruiteeDepartment {
    translations: std::collections::BTreeMap<String, RecruiteeName>,
}

/// The entry of a per-language map in the offer's own language, else the
/// first.
fn in_language<'m, T>(map: &'m std::collections::BTreeMap<String, T>, lang: Option<&str>) -> Option<&'m T> {
    lang.and_then(|l| map.get(l)).or_else(|| map.values().next())
}

/// Recruitee's `employmentType` codes: `fulltime_permanent`,
/// `parttime_fixed_term`, `internship`, `freelance`, ...
fn recruitee_employment(code: &str) -> &'static str {
    match code.split('_').next().unwrap_or("") {
        "fulltime" => "full-time",
        "parttime" => "part-time",
        "internship" | "traineeship" => "intern",
        "freelance" | "contract" => "contract",
        "temporary" => "temporary",
        _ => "other",
    }
}

/// `appConfig.offer` of Recruitee's props: the props are ~0.4 MB of
/// entity-encoded JSON (the site's pages and every offer), the offer a few
/// KiB near their start, so only a growing window after its key is decoded
/// and read (a whole-props decode and parse cost ~1 ms a page).
fn recruitee_offer(raw: &str) -> Option<RecruiteeOffer> {
    const KEY: &str = "&quot;offer&quot;:";
    let rest = &raw[raw.find(KEY)? + KEY.len()..];
    let mut len = 32 * 1024;
    loop {
        let mut end = (0..=len.min(rest.len())).rev().find(|&i| rest.is_char_boundary(i)).unwrap_or(0);
        // Not inside an entity: a cut "&qu" is no quote.
        if let Some(amp) = rest[..end].rfind('&').filter(|&a| !rest[a..end].contains(';')) {
            end = amp;
        }
        let window = decode_entities(&rest[..end]);
        // One value is read; what follows it in the window is not looked at.
        match Option::<RecruiteeOffer>::deserialize(&mut serde_json::Deserializer::from_str(&window)) {
            Ok(offer) => return offer,
            // Grown until the window is all there is (props cut inside an
            // entity end there too).
            Err(e) if e.is_eof() && len < rest.len() => len *= 2,
            Err(_) => return None,
        }
    }
}

fn recruitee(page: &Page, d: &mut Draft) {
    let Some(raw) = page.component_props.filter(|p| p.starts_with("{&quot;appConfig&quot;")) else { return };
    let Some(o) = recruitee_offer(raw) else { return };
    let src = "recruitee";
    let s = text_value;
    let lang = o.primary_lang_code.as_deref();
    let text = in_language(&o.translations, lang);
    d.offer_title(text.and_then(|t| s(&t.title)), src);
    // The region as its code ("NH" for Noord-Holland), as Recruitee's own
    // JSON-LD gives it.
    let places = o.locations.iter().filter_map(|l| {
        let city = in_language(&l.translations, lang).and_then(|p| s(&p.city));
        location::from_parts(city, s(&l.state_code), s(&l.country_code), None)
    });
    d.offer_locations(places.collect(), src);
    let mode = [(o.hybrid, "hybrid"), (o.remote, "remote"), (o.on_site, "onsite")]
        .into_iter()
        .find_map(|(flag, mode)| (flag == Some(true)).then_some(mode));
    d.offer_remote(mode, src);
    d.offer_employment(o.employment_type.as_deref().map(|e| recruitee_employment(e).to_owned()), src);
    let dept = o.department.as_ref().and_then(|dep| in_language(&dep.translations, lang));
    d.offer_department(dept.and_then(|n| s(&n.name)), src);
    // An unpublished bound is written 0 (or null); a range may give one.
    if let Some(pay) = o.salary {
        let salary = Salary {
            min: pay.min.filter(|m| *m > 0.0),
            max: pay.max.filter(|m| *m > 0.0),
            currency: pay.currency.and_then(|c| salary::iso_currency(&c)).map(|(c, _)| c),
            interval: pay.period.as_deref().and_then(salary::interval),
        };
        d.offer_salary(Some(salary), src);
    }
    if let Some(t) = text {
        let body: String =
            [&t.description_html, &t.requirements_html].into_iter().filter_map(|v| v.as_ref()?.as_str()).collect();
        if !body.is_empty() {
            d.offer_description_html(Some(&body), src);
        }
    }
}

/// Finds the first object (depth-limited) that satisfies `pred`.
fn find_obj<'a>(v: &'a Value, depth: usize, pred: &dyn Fn(&Value) -> bool) -> Option<&'a Value> {
    if depth > 24 {
        return None;
    }
    match v {
        Value::Object(m) => {
            if pred(v) {
                return Some(v);
            }
            m.values().find_map(|x| find_obj(x, depth + 1, pred))
        }
        Value::Array(a) => a.iter().find_map(|x| find_obj(x, depth + 1, pred)),
        _ => None,
    }
}

/// LinkedIn's signed-in pages keep the posting in `<code>` JSON
/// ("voyager" data): title, formattedLocation, listedAt, workRemoteAllowed.
fn linkedin_state(page: &Page, d: &mut Draft) {
    let mut posting: Option<Value> = None;
    let mut company: Option<String> = None;
    for r in &page.scripts {
        let raw = page.slice(r);
        if !raw.contains("listedAt") && !raw.contains("companyResolutionResult") {
            continue;
        }
        let decoded = decode_entities(raw.trim());
        if !decoded.starts_with('{') {
            continue;
        }
        let Ok(v) = serde_json::from_str::<Value>(&decoded) else { continue };
        if posting.is_none() {
            posting = find_obj(&v, 0, &|o| {
                o.get("title").is_some_and(Value::is_string) && o.get("listedAt").is_some_and(Value::is_number)
            })
            .cloned();
        }
        if company.is_none() {
            company = find_obj(&v, 0, &|o| {
                o.get("$type").and_then(Value::as_str).is_some_and(|t| t.ends_with(".Company"))
                    && o.get("name").is_some_and(Value::is_string)
            })
            .and_then(|o| o.get("name"))
            .and_then(str_or_name);
        }
    }
    let Some(p) = posting else { return };
    let src = "linkedin";
    d.offer_title(p.get("title").and_then(str_or_name), src);
    d.offer_organization(company, src);
    if let Some(l) = p.get("formattedLocation").and_then(Value::as_str).and_then(location::parse_field) {
        d.offer_locations(vec![l], src);
    }
    if p.get("workRemoteAllowed") == Some(&Value::Bool(true)) {
        d.offer_remote(Some("remote"), src);
    }
    let listed = p.get("listedAt").and_then(Value::as_i64).and_then(chrono::DateTime::from_timestamp_millis);
    d.offer_date_posted(listed.map(|t| t.date_naive()), src);
    if let Some(et) = p.get("formattedEmploymentStatus").and_then(Value::as_str) {
        d.offer_employment(kinds::employment_field(et), src);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recruitee_props_cut_short_give_no_offer_and_end() {
        // GIVEN props that end inside the offer, inside an entity, past the first window
        let long = format!("{{&quot;appConfig&quot;:{{&quot;offer&quot;:{{&quot;{}&qu", "a".repeat(70_000));
        for raw in [long.as_str(), "{&quot;appConfig&quot;:{&quot;offer&quot;:{&quot;title&qu"] {
            // WHEN the offer is read THEN there is none, and the reading ends
            assert!(recruitee_offer(raw).is_none());
        }
    }
}
