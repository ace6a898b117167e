//! Turning a stored job page into a [`JobPosting`].
//!
//! The page is tokenised once ([`scan`]); then a cascade of sources offers
//! values, and for each field the first source that yields one wins:
//!
//! 1. schema.org `JobPosting` JSON-LD ([`jsonld`]);
//! 2. microdata `JobPosting` ([`microdata`]);
//! 3. the ATS's own markup and embedded app state ([`ats`]: LinkedIn,
//!    Lever, Greenhouse, Ashby, Workday, SmartRecruiters, Recruitee,
//!    Workable, Breezy, SEEK, WP Job Manager);
//! 4. a generic fallback ([`generic`]): labelled fields ("Location: …"),
//!    the lines around the title, `og:title` / `h1` / `<title>`, the main
//!    content block.
//!
//! A page that gives no posting, but carries a Next.js flight stream, is
//! read again with the stream rendered into its body ([`flight`]).
//!
//! Every field records the source that gave it. When a later source
//! disagrees with an earlier one, the fuller and more specific value is
//! kept (see [`Draft`] and docs/EXTRACTION.md): a location list that covers
//! the earlier one and adds to it replaces it, `hybrid` beats a bare
//! TELECOMMUTE, a concrete employment type beats `other`, and a salary's
//! missing currency or interval is filled in from a source with the same
//! amounts.

pub mod ats;
pub mod dates;
pub mod description;
pub mod flight;
pub mod generic;
pub mod html;
pub mod jsonld;
pub mod kinds;
pub mod location;
pub mod microdata;
pub mod salary;
pub mod scan;
pub mod sections;
pub mod text;

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

pub use dates::parse_date_time;
pub use description::html_to_text;
pub use jsonld::{jsonld_scripts, parse_lenient_json, structured_hash};

/// Source name of schema.org JSON-LD.
pub const SOURCE_JSONLD: &str = "jsonld";
/// Source name of schema.org microdata.
pub const SOURCE_MICRODATA: &str = "microdata";

/// How many times its bottom a pay range's top may be (see
/// [`Draft::offer_salary`]).
const MAX_PAY_SPREAD: f64 = 10.0;

/// One place a job is in.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Location {
    /// City or locality.
    pub city: Option<String>,
    /// Region, state or province: the ISO 3166-2 subdivision code (without
    /// the country prefix) where known, else as written.
    pub region: Option<String>,
    /// Country: ISO 3166-1 alpha-2 where known.
    pub country: Option<String>,
    /// The location as the page wrote it.
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
    /// `full-time`, `part-time`, `contract`, `temporary`, `intern` or `other`.
    pub employment_type: Option<String>,
    /// Department or team.
    pub department: Option<String>,
    /// Published pay.
    pub salary: Option<Salary>,
    /// Date posted.
    pub date_posted: Option<NaiveDate>,
    /// Closing date.
    pub valid_through: Option<DateTime<Utc>>,
    /// Description as sanitised HTML.
    pub description_html: Option<String>,
    /// Description as plain text.
    pub description_text: Option<String>,
    /// Where to apply.
    pub apply_url: Option<String>,
    /// Field name → the source that gave it.
    pub sources: BTreeMap<&'static str, &'static str>,
}

/// What the extractor knows about the page besides its HTML.
#[derive(Debug, Clone)]
pub struct Context {
    /// The page's URL, when known.
    pub url: Option<String>,
    /// When the page was fetched: relative dates ("3 days ago") count back
    /// from here.
    pub fetched_at: DateTime<Utc>,
}

impl Context {
    /// A context for a page fetched at `fetched_at`.
    pub fn new(url: Option<String>, fetched_at: DateTime<Utc>) -> Self {
        Self { url, fetched_at }
    }
}

/// A posting being assembled from the cascade. Each `offer_*` applies the
/// field's rule for a value arriving from a later source.
#[derive(Debug, Default, Clone)]
pub struct Draft {
    p: JobPosting,
    remote: Option<&'static str>,
    symbol_was_bare: bool,
}

impl Draft {
    fn note(&mut self, field: &'static str, source: &'static str) {
        self.p.sources.insert(field, source);
    }

    /// Title: first wins. A Japanese board's "… の求人詳細情報" ("job
    /// details of …") around the title is dropped.
    pub fn offer_title(&mut self, v: Option<String>, src: &'static str) {
        const SUFFIXES: &[&str] = &["の求人詳細情報", "の求人・転職情報", "の転職・求人情報", "の求人情報"];
        if self.p.title.is_none()
            && let Some(v) = v.and_then(|v| {
                let v = text::without_hiring_lead(v.trim_end());
                text::clean(SUFFIXES.iter().find_map(|s| v.strip_suffix(s)).unwrap_or(v))
            })
        {
            self.p.title = Some(v);
            self.note("title", src);
        }
    }

    /// Organisation: first wins; the job's own title is never its
    /// organisation (aijobs.net's `og:site_name` is the job title), nor is
    /// a country's name.
    pub fn offer_organization(&mut self, v: Option<String>, src: &'static str) {
        if self.p.organization.is_none() {
            self.replace_organization(v, src);
        }
    }

    /// Replaces the organisation with a more specific source's (a board's
    /// labelled employer over its site name), when that source names one
    /// the rules of [`Self::offer_organization`] accept; else the old one
    /// stays.
    pub fn replace_organization(&mut self, v: Option<String>, src: &'static str) {
        // "Canonical - Jobs" (Indeed's name for a company's jobs page).
        let v = v.map(|v| {
            match [" - Jobs", " - Careers", " | Careers", " | Jobs"].iter().find_map(|s| v.trim_end().strip_suffix(s)) {
                Some(company) => company.to_owned(),
                None => v,
            }
        });
        // A country's name is a template's placeholder ("name": "India" on
        // a German company's site), not an employer.
        if let Some(v) = v.and_then(|v| text::clean(&v))
            && self.p.title.as_deref().is_none_or(|t| text::fold(t) != text::fold(&v))
            && !(v.chars().count() > 3 && location::country_code(&v).is_some())
        {
            self.p.organization = Some(v);
            self.note("organization", src);
        }
    }

    /// Locations: first wins, unless a later list covers every earlier
    /// location and is fuller (more places, or more of city / region /
    /// country known): a JSON-LD list that dropped a place loses to the
    /// page's full list.
    pub fn offer_locations(&mut self, v: Vec<Location>, src: &'static str) {
        if v.is_empty() {
            return;
        }
        let cur = &self.p.locations;
        let replace = cur.is_empty() || {
            let covers = cur.iter().all(|c| v.iter().any(|n| location::same_place(c, n)));
            let fill = |l: &[Location]| l.iter().map(location::filled).sum::<usize>();
            covers && (v.len() > cur.len() || (v.len() == cur.len() && fill(&v) > fill(cur)))
        };
        if replace {
            self.p.locations = v;
            self.note("locations", src);
        }
    }

    /// Workplace: first wins, `hybrid` beats `remote` (TELECOMMUTE is a
    /// yes/no flag that boards set for any remote-eligible job; a page
    /// that says "Hybrid" is more specific).
    pub fn offer_remote(&mut self, v: Option<&'static str>, src: &'static str) {
        let Some(v) = v else { return };
        match self.remote {
            None => {}
            Some("remote") if v == "hybrid" => {}
            Some(_) => return,
        }
        self.remote = Some(v);
        self.note("remote", src);
    }

    /// Employment type: first wins; a concrete type beats `other`.
    pub fn offer_employment(&mut self, v: Option<String>, src: &'static str) {
        let Some(v) = v else { return };
        // `other` never replaces `other`: the first source keeps it.
        if !self.wants_employment() || (v == "other" && self.p.employment_type.is_some()) {
            return;
        }
        self.p.employment_type = Some(v);
        self.note("employment_type", src);
    }

    /// Department: first wins.
    pub fn offer_department(&mut self, v: Option<String>, src: &'static str) {
        if self.p.department.is_none()
            && let Some(v) = v.and_then(|v| text::clean(&v))
        {
            self.p.department = Some(v);
            self.note("department", src);
        }
    }

    /// Salary: first wins; a later one with the same amounts fills in a
    /// missing currency or interval. Bounds that are not finite or are
    /// negative are dropped, and a range published upside down (found by
    /// fuzzing: `minValue` 60000, `maxValue` 40000) is put in order, so
    /// `salary_min` search filters never see an inverted range. A range
    /// whose top is more than ten times its bottom is no pay but a form's
    /// placeholder (`"minValue": 1, "maxValue": 1000000`), and is dropped:
    /// the widest real bands (on-target earnings, one band for every US
    /// zone) span four or five times.
    pub fn offer_salary(&mut self, v: Option<Salary>, src: &'static str) {
        let Some(mut v) = v else { return };
        let sane = |b: Option<f64>| b.filter(|x| x.is_finite() && *x >= 0.0);
        (v.min, v.max) = match (sane(v.min), sane(v.max)) {
            (Some(a), Some(b)) if a > b => (Some(b), Some(a)),
            bounds => bounds,
        };
        if v.min.is_none() && v.max.is_none() {
            return;
        }
        if let (Some(a), Some(b)) = (v.min, v.max)
            && b > a * MAX_PAY_SPREAD
        {
            return;
        }
        match &mut self.p.salary {
            None => {
                self.p.salary = Some(v);
                self.note("salary", src);
            }
            Some(cur) if cur.min == v.min && cur.max == v.max => {
                if cur.currency.is_none() {
                    cur.currency = v.currency;
                }
                if cur.interval.is_none() {
                    cur.interval = v.interval;
                }
            }
            // A single figure ("value": 30000) that a later source gives as
            // the bottom of a range ("$30000 - $40000"), in the same money:
            // the range is the fuller value.
            Some(cur)
                if cur.min == cur.max
                    && cur.min == v.min
                    && v.max > cur.max
                    && (v.currency.is_none() || cur.currency.is_none() || v.currency == cur.currency)
                    && (v.interval.is_none() || cur.interval.is_none() || v.interval == cur.interval) =>
            {
                cur.max = v.max;
                cur.currency = cur.currency.take().or(v.currency);
                cur.interval = cur.interval.take().or(v.interval);
                self.note("salary", src);
            }
            Some(_) => {}
        }
    }

    /// Whether a page's pay could still be taken: none known, or a single
    /// figure a range may extend (see [`Draft::offer_salary`]).
    pub fn wants_salary(&self) -> bool {
        self.p.salary.as_ref().is_none_or(|s| s.min == s.max)
    }

    /// A parsed salary (from text, or structured data that gave a symbol);
    /// remembers whether its `$` or `Rs` was bare.
    pub fn offer_parsed_salary(&mut self, v: Option<salary::Parsed>, src: &'static str) {
        let Some(v) = v else { return };
        let had = self.p.salary.is_some();
        self.offer_salary(Some(v.salary), src);
        if !had && self.p.salary.is_some() {
            self.symbol_was_bare = v.bare_symbol;
        }
    }

    /// Date posted: first wins.
    pub fn offer_date_posted(&mut self, v: Option<NaiveDate>, src: &'static str) {
        if self.p.date_posted.is_none() && v.is_some() {
            self.p.date_posted = v;
            self.note("date_posted", src);
        }
    }

    /// Closing date: first wins.
    pub fn offer_valid_through(&mut self, v: Option<DateTime<Utc>>, src: &'static str) {
        if self.p.valid_through.is_none() && v.is_some() {
            self.p.valid_through = v;
            self.note("valid_through", src);
        }
    }

    /// Description (HTML, sanitised here): first wins.
    pub fn offer_description_html(&mut self, html: Option<&str>, src: &'static str) {
        if self.p.description_text.is_none() {
            self.replace_description_html(html, src);
        }
    }

    /// Description: a longer text replaces the current one (the page's own
    /// block over a structured teaser, see `generic`).
    pub fn replace_description_html(&mut self, html: Option<&str>, src: &'static str) {
        let Some(html) = html else { return };
        let (clean_html, text) = description::sanitise(html);
        if text.len() <= self.p.description_text.as_ref().map_or(0, String::len) {
            return;
        }
        self.p.description_html = Some(clean_html);
        self.p.description_text = Some(text);
        self.note("description_text", src);
    }

    /// Apply URL: first wins.
    pub fn offer_apply_url(&mut self, v: Option<String>, src: &'static str) {
        if self.p.apply_url.is_none()
            && let Some(v) = v.map(|v| v.trim().to_owned()).filter(|v| v.starts_with("http"))
        {
            self.p.apply_url = Some(v);
            self.note("apply_url", src);
        }
    }

    /// Whether any field is known.
    pub fn is_empty(&self) -> bool {
        self.p.sources.is_empty()
    }

    /// The description's plain text so far.
    pub fn description_text(&self) -> Option<&str> {
        self.p.description_text.as_deref()
    }

    /// The title so far.
    pub fn title(&self) -> Option<&str> {
        self.p.title.as_deref()
    }

    /// The organisation so far.
    pub fn organization(&self) -> Option<&str> {
        self.p.organization.as_deref()
    }

    /// The locations so far.
    pub fn locations(&self) -> &[Location] {
        &self.p.locations
    }

    /// Whether every location known so far is in the US (numeric dates are
    /// then month first).
    pub fn in_us_only(&self) -> bool {
        !self.p.locations.is_empty() && self.p.locations.iter().all(|l| l.country.as_deref() == Some("US"))
    }

    /// Whether a later source's employment type is still wanted: none yet,
    /// or only `other` (schema.org's OTHER, or a word that names no type,
    /// such as "Fachkraft").
    pub fn wants_employment(&self) -> bool {
        self.p.employment_type.as_deref().is_none_or(|t| t == "other")
    }

    /// Whether a page's place could still be taken: no location names a
    /// city (none at all, or only countries and regions, as JSON-LD's
    /// `applicantLocationRequirements` give). [`Draft::offer_locations`]
    /// takes a place only where it covers the current ones and is fuller.
    pub fn wants_locations(&self) -> bool {
        self.p.locations.iter().all(|l| l.city.is_none())
    }

    /// Whether a page's way of working could still be taken: none known, or
    /// only `remote`, which a page's "Hybrid" refines (see
    /// [`Draft::offer_remote`]).
    pub fn wants_remote(&self) -> bool {
        self.remote.is_none_or(|r| r == "remote")
    }

    /// Whether the field has a value.
    pub fn has(&self, field: &str) -> bool {
        self.p.sources.contains_key(field)
    }

    /// The source that gave a field so far.
    pub fn source(&self, field: &str) -> Option<&'static str> {
        self.p.sources.get(field).copied()
    }

    fn finish(mut self) -> JobPosting {
        self.p.remote = self.remote.unwrap_or("unknown");
        // "Chief Marketing Officer в bodo" (DOU's heading as an employer
        // wrote it) at bodo: the job is what comes before its employer.
        if let (Some(t), Some(o)) = (&self.p.title, &self.p.organization)
            && let Some(job) = generic::without_employer(t, o)
        {
            self.p.title = Some(job);
        }
        // "Research and Development Intern - 2027" posted as "Full Time": an
        // internship whatever its hours, as in employment fields.
        if matches!(self.p.employment_type.as_deref(), None | Some("full-time" | "part-time"))
            && self.p.title.as_deref().is_some_and(kinds::names_internship)
        {
            self.p.employment_type = Some("intern".to_owned());
            self.note("employment_type", "title");
        }
        // "REPONEDOR PART TIME DOMINGOS" posted as FULL_TIME (a board's
        // default): the title says what the job is.
        if self.p.employment_type.as_deref() == Some("full-time")
            && self.p.title.as_deref().and_then(kinds::employment) == Some("part-time")
        {
            self.p.employment_type = Some("part-time".to_owned());
            self.note("employment_type", "title");
        }
        // A bare "$" on a job in Australia, Canada, ... is the local dollar;
        // a bare "Rs" in Pakistan the Pakistani rupee.
        if let Some(s) = &mut self.p.salary
            && self.symbol_was_bare
            && let Some(read) = s.currency.clone()
        {
            if let Some(local) = salary::every_country(&self.p.locations, |c| salary::localise_bare(&read, c)) {
                s.currency = Some(local.to_owned());
            } else if read == "INR" && !self.p.locations.iter().any(|l| l.country.as_deref() == Some("IN")) {
                // A bare "Rs" where no place is known to be in India says
                // rupees, but not whose (a Karachi suburb the gazetteer
                // does not know): the amounts without a currency.
                s.currency = None;
            }
        }
        // A pay field that names no currency ("Projected Minimum Salary per
        // year 144,000.00") pays in the money of the job's country, where
        // every place is in one country.
        if let Some(s) = &mut self.p.salary
            && s.currency.is_none()
            && !self.symbol_was_bare
        {
            s.currency = salary::locations_currency(&self.p.locations).map(str::to_owned);
        }
        if let Some(s) = &mut self.p.salary
            && s.interval.is_none()
        {
            s.interval = salary::implied_interval(s);
        }
        self.p
    }
}

/// Extracts the page's job posting, or `None` when the page has none (no
/// structured data, no ATS markup, and no title with body text).
pub fn extract(html: &str, ctx: &Context) -> Option<JobPosting> {
    let page = scan::scan(html);
    extract_page(&page, ctx).or_else(|| {
        // A Next.js shell: the posting is only in its flight stream. Read
        // it rendered as the body, under the page's own head (its metas).
        // The stream holds the body's tree, so the shell's body is not
        // read again.
        let body = flight::render(&page)?;
        let head = html.find("</head").map_or("", |at| &html[..at]);
        let doc = [head, "</head><body>", &body, "</body></html>"].concat();
        extract_page(&scan::scan(&doc), ctx)
    })
}

/// The cascade over one scanned page.
fn extract_page(page: &scan::Page, ctx: &Context) -> Option<JobPosting> {
    let mut d = Draft::default();
    let unshown = jsonld::apply(page, ctx, &mut d);
    let p = after_jsonld(page, ctx, d);
    if p.is_none() && unshown {
        // The page names no job of its own (a shell whose header and hero
        // say nothing of it): the JSON-LD it does not show is all there is.
        let mut d = Draft::default();
        jsonld::apply_unshown(page, ctx, &mut d);
        return after_jsonld(page, ctx, d);
    }
    p
}

/// The cascade's steps after JSON-LD.
fn after_jsonld(page: &scan::Page, ctx: &Context, mut d: Draft) -> Option<JobPosting> {
    microdata::apply(page, ctx, &mut d);
    ats::apply(page, ctx, &mut d);
    generic::apply(page, ctx, &mut d);
    // Last, what the description states in so many words: the job's type
    // and workplace ("This is a full-time, remote position"), and its pay
    // (US pay-transparency paragraphs), each only when nothing structured
    // or labelled gave it.
    // A description's "hybrid" also refines a structured TELECOMMUTE (see
    // `Draft::offer_remote`): where only that can change, only a
    // description that says "hybrid" is read.
    let remote_open =
        !d.has("remote") || (d.wants_remote() && d.p.description_text.as_deref().is_some_and(kinds::may_state_hybrid));
    if d.wants_employment() || remote_open {
        let (et, wp) = d.p.description_text.as_deref().map_or((None, None), kinds::stated_in);
        if d.wants_employment() {
            d.offer_employment(et.map(str::to_owned), "description");
        }
        d.offer_remote(wp, "description");
    }
    // A place named nowhere else, where the description says its office is
    // (not for a remote job: a remote team's office is not its place).
    if d.p.locations.is_empty()
        && d.remote != Some("remote")
        && let Some(l) = d.p.description_text.as_deref().and_then(location::office_in)
    {
        d.offer_locations(vec![l], "description");
    }
    if d.wants_salary() {
        let countries: Vec<String> = d.p.locations.iter().filter_map(|l| l.country.clone()).collect();
        let countries: Vec<&str> = countries.iter().map(String::as_str).collect();
        let p = d.p.description_text.as_deref().and_then(|t| salary::from_description(t, &countries));
        d.offer_parsed_salary(p, "description");
        // A structured description may be a teaser that stops before the
        // pay ("Salary between €4,450 and €6,000 per month" further down
        // the page): the page's own lines, other jobs' boxes and menus left
        // out, are read the same way.
        if d.wants_salary() {
            let shown = page.shown_lines();
            d.offer_parsed_salary(salary::from_lines(shown, &countries), "page");
        }
    }
    country_from_currency(&mut d);
    d.p.title.as_ref()?;
    Some(d.finish())
}

/// A place that names no country, on a posting paid in the currency of
/// one country only ("Birmingham", £52,000 a year: GB; "Wednesbury", £9 an
/// hour), is in that country; its region is then read against it. Not
/// where another place names a different country, and never from US dollars
/// or euros, which many countries pay in.
fn country_from_currency(d: &mut Draft) {
    // (Nor from a bare "Rs", which Pakistan and Sri Lanka write too.)
    if d.symbol_was_bare {
        return;
    }
    let Some(cc) = d.p.salary.as_ref().and_then(|s| s.currency.as_deref()).and_then(salary::currency_country) else {
        return;
    };
    if d.p.locations.iter().any(|l| l.country.as_deref().is_some_and(|c| c != cc)) {
        return;
    }
    for l in d.p.locations.iter_mut().filter(|l| l.country.is_none() && l.city.is_some()) {
        if let Some(mut placed) = location::from_parts(l.city.clone(), l.region.clone(), Some(cc.to_owned()), None) {
            placed.text = std::mem::take(&mut l.text);
            *l = placed;
        }
    }
}

/// Normalises schema.org and free-text employment types.
pub fn normalise_employment_type(s: &str) -> String {
    kinds::employment_field(s).unwrap_or_else(|| "other".to_owned())
}

#[cfg(test)]
mod tests;
