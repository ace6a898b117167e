//! Fixture endpoints imitating the Lever, Ashby, Workday, SmartRecruiters and
//! Recruitee APIs for the fixture companies of each source, shaped like the
//! real responses and paging like them:
//!
//! | source | endpoint | paging |
//! |---|---|---|
//! | lever | `GET /v0/postings/{site}?mode=json&skip&limit` | `skip`/`limit`, a bare array |
//! | ashby | `GET /posting-api/job-board/{board}` | none |
//! | workday | `POST /wday/cxs/{tenant}/{site}/jobs` | 20 per page, 2,000-result cap, facets |
//! | smartrecruiters | `GET /v1/companies/{company}/postings?offset&limit` | `offset`/`limit` (≤ 100), `totalFound` |
//! | recruitee | `GET /recruitee/{company}/api/offers/` | none |
//!
//! A fixture company's `board` is the Lever site, the Ashby board, the Workday
//! site (its tenant is the company's slug), the SmartRecruiters company
//! identifier and the Recruitee subdomain. Recruitee gives every company its
//! own host; here the subdomain becomes a path prefix, so
//! `RECRUITEE_API_BASE={base}/recruitee/{company}` reaches it.
//!
//! Job pages: Lever, Ashby and Recruitee list their page URLs, which point at
//! the shared `/{board}/jobs/{id}`. Workday and SmartRecruiters list no page
//! URL; the adapters build it the way those sites link their postings, so
//! these routes also serve `/{site}/job/{location}/{title}_{req id}`
//! (Workday) and `/{company}/{id}-{title}` (SmartRecruiters).
//!
//! Workday's quirks are reproduced because the adapter must survive them:
//! `total` is clamped to 2,000 and reported only on the first page (later
//! pages say 0), an `offset + limit` past 2,000 quietly answers the first
//! page again, `limit` above 20 is refused, and facet counts are computed
//! over the jobs matching the other applied facets.

use std::collections::{BTreeMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use serde_json::{Value, json};
use tokio::task::JoinHandle;

use crate::fixtures::{FixtureCompany, FixtureJob, SiteState, currency_of, mix, paragraphs, render_job_page};

/// Workday's page size limit.
pub const WORKDAY_MAX_LIMIT: u64 = 20;
/// Workday's result cap: `offset + limit` beyond it answers the first page.
pub const WORKDAY_CAP: u64 = 2_000;
/// SmartRecruiters' largest page.
pub const SMARTRECRUITERS_MAX_LIMIT: usize = 100;
/// SmartRecruiters' page when no `limit` is given.
pub const SMARTRECRUITERS_DEFAULT_LIMIT: usize = 10;
/// SmartRecruiters posting ids are 15 digits; fixture ids are offset by this.
const SMARTRECRUITERS_ID_BASE: u64 = 744_000_000_000_000;

/// A UUID-shaped id derived from the job id (Lever and Ashby use UUIDs).
fn uuid_for(id: u64, salt: u64) -> String {
    let (a, b) = (mix(id ^ salt), mix(id.wrapping_add(salt)));
    format!(
        "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xfff,
        (b >> 48) & 0xfff,
        b & 0xffff_ffff_ffff
    )
}

/// Lever's posting id for a fixture job.
pub fn lever_id(job: &FixtureJob) -> String {
    uuid_for(job.id, 0x1e7e2)
}

/// Ashby's job id for a fixture job.
pub fn ashby_id(job: &FixtureJob) -> String {
    uuid_for(job.id, 0xa5b7)
}

/// SmartRecruiters' posting id for a fixture job.
pub fn smartrecruiters_id(job: &FixtureJob) -> String {
    (SMARTRECRUITERS_ID_BASE + job.id).to_string()
}

/// Workday's requisition id for a fixture job: every tenth is a second
/// posting of its requisition, with Workday's `-1` suffix.
pub fn workday_req_id(job: &FixtureJob) -> String {
    if job.id % 10 == 9 { format!("JR{}-1", job.id) } else { format!("JR{}", job.id) }
}

/// Workday's `externalPath` for a fixture job.
pub fn workday_external_path(job: &FixtureJob) -> String {
    format!("/job/{}/{}_{}", slug(&job.city, false), slug(&job.title, false), workday_req_id(job))
}

/// The fixture job id in a Workday page's last path segment.
fn workday_job_id(last_segment: &str) -> Option<u64> {
    let (_, req) = last_segment.rsplit_once('_')?;
    req.strip_prefix("JR")?.split('-').next()?.parse().ok()
}

/// A URL slug: ASCII letters and digits, runs of anything else as one `-`.
fn slug(s: &str, lowercase: bool) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(if lowercase { c.to_ascii_lowercase() } else { c });
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// The shared job page of a job: `{base}/{board}/jobs/{id}`.
pub fn job_page_url(base: &str, company: &FixtureCompany, job: &FixtureJob) -> String {
    format!("{base}/{}/jobs/{}", company.board, job.id)
}

fn description_html(job: &FixtureJob) -> String {
    job.paragraphs.iter().map(|p| format!("<p>{p}</p>")).collect()
}

fn workplace(job: &FixtureJob) -> &'static str {
    if job.remote { "remote" } else { "onsite" }
}

/// Deterministic "days ago" for posted dates.
fn days_ago(job: &FixtureJob) -> u64 {
    mix(job.id) % 30
}

// ---------------------------------------------------------------- Lever

/// A Lever `mode=json` postings page: a bare array, `skip`/`limit` slicing
/// the board (no limit: to the end).
pub fn lever_postings(base: &str, company: &FixtureCompany, skip: usize, limit: Option<usize>) -> Value {
    let postings: Vec<Value> = company
        .jobs
        .iter()
        .skip(skip)
        .take(limit.unwrap_or(usize::MAX))
        .map(|j| {
            let url = job_page_url(base, company, j);
            let plain = j.paragraphs.join("\n\n");
            json!({
                "additionalPlain": format!("{} is an equal opportunity employer.", company.name),
                "additional": format!("<div>{} is an equal opportunity employer.</div>", company.name),
                "categories": {
                    "commitment": "Permanent",
                    "department": j.department,
                    "location": j.city,
                    "team": j.department,
                    "allLocations": [j.city],
                },
                "createdAt": 1_782_000_000_000_u64 - days_ago(j) * 86_400_000,
                "descriptionPlain": plain,
                "description": description_html(j),
                "id": lever_id(j),
                "lists": [{"text": "What you'll do", "content": "<li>Build and run the platform.</li>"}],
                "text": j.title,
                "country": j.country,
                "workplaceType": workplace(j),
                "opening": "",
                "openingPlain": "",
                "descriptionBody": description_html(j),
                "descriptionBodyPlain": plain,
                "hostedUrl": url,
                "applyUrl": format!("{url}/apply"),
            })
        })
        .collect();
    Value::Array(postings)
}

// ---------------------------------------------------------------- Ashby

/// An Ashby job board: every job in one response, with compensation when
/// asked for.
pub fn ashby_job_board(base: &str, company: &FixtureCompany, include_compensation: bool) -> Value {
    let jobs: Vec<Value> = company
        .jobs
        .iter()
        .map(|j| {
            let url = job_page_url(base, company, j);
            let mut job = json!({
                "id": ashby_id(j),
                "title": j.title,
                "department": j.department,
                "team": j.department,
                "employmentType": "FullTime",
                "location": j.city,
                "secondaryLocations": [],
                "publishedAt": format!("2026-10-{:02}T12:00:00.000+00:00", 1 + days_ago(j)),
                "isListed": true,
                "isRemote": j.remote,
                "workplaceType": if j.remote { "Remote" } else { "OnSite" },
                "address": {"postalAddress": {"addressLocality": j.city, "addressRegion": j.region, "addressCountry": j.country}},
                "jobUrl": url,
                "applyUrl": format!("{url}/application"),
                "descriptionHtml": description_html(j),
                "descriptionPlain": j.paragraphs.join("\n\n"),
                "shouldDisplayCompensationOnJobPostings": include_compensation,
            });
            if include_compensation {
                let summary = format!("{}{}K – {}{}K", j.currency, j.salary.0 / 1000, j.currency, j.salary.1 / 1000);
                job["compensation"] = json!({
                    "compensationTierSummary": summary,
                    "scrapeableCompensationSalarySummary": summary,
                    "compensationTiers": [],
                });
            }
            job
        })
        .collect();
    json!({"jobs": jobs, "apiVersion": "1"})
}

// ---------------------------------------------------------------- SmartRecruiters

/// A SmartRecruiters postings page: `limit` clamped to 100 (default 10).
pub fn smartrecruiters_postings(base: &str, company: &FixtureCompany, offset: usize, limit: Option<usize>) -> Value {
    let limit = limit.unwrap_or(SMARTRECRUITERS_DEFAULT_LIMIT).clamp(1, SMARTRECRUITERS_MAX_LIMIT);
    let content: Vec<Value> = company
        .jobs
        .iter()
        .skip(offset)
        .take(limit)
        .map(|j| {
            let id = smartrecruiters_id(j);
            json!({
                "id": id,
                "name": j.title,
                "uuid": uuid_for(j.id, 0x5e),
                "jobAdId": uuid_for(j.id, 0x5ead),
                "defaultJobAd": true,
                "refNumber": format!("REF{}", j.id % 100_000),
                "company": {"identifier": company.board, "name": company.name},
                "releasedDate": format!("2026-10-{:02}T12:14:04.401Z", 1 + days_ago(j)),
                "location": {
                    "city": j.city,
                    "region": j.region,
                    "country": j.country.to_ascii_lowercase(),
                    "remote": j.remote,
                    "hybrid": false,
                    "fullLocation": j.location(),
                },
                "industry": {"id": "computer_software", "label": "Computer Software"},
                "department": {"label": j.department},
                "function": {"id": "engineering", "label": "Engineering"},
                "typeOfEmployment": {"id": "permanent", "label": "Full-time"},
                "experienceLevel": {"id": "associate", "label": "Associate"},
                "customField": [{"fieldId": "COUNTRY", "fieldLabel": "Country/Region", "valueId": j.country.to_ascii_lowercase(), "valueLabel": j.country}],
                "visibility": "PUBLIC",
                "ref": format!("{base}/v1/companies/{}/postings/{id}", company.board),
                "language": {"code": "en", "label": "English", "labelNative": "English (US)"},
            })
        })
        .collect();
    json!({"offset": offset, "limit": limit, "totalFound": company.jobs.len(), "content": content})
}

/// The fixture job id in a SmartRecruiters page's `{id}-{title}` segment.
fn smartrecruiters_job_id(segment: &str) -> Option<u64> {
    let digits: String = segment.chars().take_while(char::is_ascii_digit).collect();
    digits.parse::<u64>().ok()?.checked_sub(SMARTRECRUITERS_ID_BASE)
}

// ---------------------------------------------------------------- Recruitee

/// A Recruitee offers response: every published offer at once.
pub fn recruitee_offers(base: &str, company: &FixtureCompany) -> Value {
    let offers: Vec<Value> = company
        .jobs
        .iter()
        .map(|j| {
            let url = job_page_url(base, company, j);
            json!({
                "id": j.id,
                "guid": format!("{:x}", mix(j.id) & 0xff_ffff),
                "slug": slug(&j.title, true),
                "title": j.title,
                "status": "published",
                "position": 1,
                "location": j.location(),
                "city": j.city,
                "state_name": j.region,
                "country": j.country,
                "country_code": j.country,
                "remote": j.remote,
                "hybrid": false,
                "on_site": !j.remote,
                "department": j.department,
                "employment_type_code": "fulltime",
                "category_code": "engineering",
                "experience_code": "mid_level",
                "min_hours": 40,
                "max_hours": 40,
                "created_at": format!("2026-10-{:02} 12:00:00 UTC", 1 + days_ago(j)),
                "published_at": format!("2026-10-{:02} 12:05:00 UTC", 1 + days_ago(j)),
                "careers_url": url,
                "careers_apply_url": format!("{url}/c/new"),
                "description": description_html(j),
                "requirements": "<ul><li>Rust</li></ul>",
                "salary": {"min": j.salary.0.to_string(), "max": j.salary.1.to_string(), "period": "year", "currency": j.currency},
                "company_name": company.name,
                "tags": [],
                "locations": [{"city": j.city, "country": j.country, "country_code": j.country, "state": j.region, "name": j.city}],
            })
        })
        .collect();
    json!({"offers": offers})
}

// ---------------------------------------------------------------- Workday

/// A Workday search request body.
#[derive(Debug, Clone, Deserialize)]
pub struct WorkdayRequest {
    /// Facet parameter to selected value ids.
    #[serde(rename = "appliedFacets", default)]
    pub applied_facets: BTreeMap<String, Vec<String>>,
    /// Page size.
    pub limit: u64,
    /// First result.
    pub offset: u64,
    /// Free-text filter on titles.
    #[serde(rename = "searchText", default)]
    pub search_text: String,
}

/// The facets a fixture Workday job falls under: job family (department),
/// location (its city, plus "Any Location / Remote" for remote jobs, so
/// remote jobs appear under two values as on real boards), and time type.
const WORKDAY_FACETS: &[&str] = &["jobFamilyGroup", "locations", "timeType"];

fn workday_values(job: &FixtureJob, facet: &str) -> Vec<String> {
    match facet {
        "jobFamilyGroup" => vec![job.department.clone()],
        "locations" if job.remote => vec![job.location(), "Any Location / Remote".to_owned()],
        "locations" => vec![job.location()],
        "timeType" => vec![if job.id.is_multiple_of(7) { "Part time" } else { "Full time" }.to_owned()],
        _ => vec![],
    }
}

/// A facet value's id: 32 hex digits, stable for its facet and descriptor.
pub fn workday_facet_id(facet: &str, descriptor: &str) -> String {
    let mut h = DefaultHasher::new();
    (facet, descriptor).hash(&mut h);
    let a = h.finish();
    format!("{a:016x}{:016x}", mix(a))
}

/// Answers a Workday search for `company`, or the status and error body
/// Workday would send.
pub fn workday_search(company: &FixtureCompany, req: &WorkdayRequest) -> Result<Value, (StatusCode, Value)> {
    let refuse = |message: String| {
        (StatusCode::BAD_REQUEST, json!({"errorCode": "HTTP_400", "httpStatus": 400, "message": message}))
    };
    if req.limit == 0 || req.limit > WORKDAY_MAX_LIMIT {
        return Err(refuse(format!("limit must be between 1 and {WORKDAY_MAX_LIMIT}")));
    }
    if let Some(unknown) = req.applied_facets.keys().find(|k| !WORKDAY_FACETS.contains(&k.as_str())) {
        return Err(refuse(format!("unknown facet {unknown}")));
    }
    // Applied facets hold value ids; map them back to descriptors.
    let wanted: BTreeMap<&str, HashSet<String>> = req
        .applied_facets
        .iter()
        .map(|(facet, ids)| {
            let descriptors = company
                .jobs
                .iter()
                .flat_map(|j| workday_values(j, facet))
                .filter(|d| ids.contains(&workday_facet_id(facet, d)))
                .collect();
            (facet.as_str(), descriptors)
        })
        .collect();
    let text = req.search_text.to_lowercase();
    let matches = |job: &FixtureJob, except: Option<&str>| {
        job.title.to_lowercase().contains(&text)
            && wanted
                .iter()
                .filter(|(facet, _)| Some(**facet) != except)
                .all(|(facet, ds)| workday_values(job, facet).iter().any(|v| ds.contains(v)))
    };
    let hits: Vec<&FixtureJob> = company.jobs.iter().filter(|j| matches(j, None)).collect();
    // Past the cap Workday does not fail: it answers the first page again.
    let offset = if req.offset + req.limit > WORKDAY_CAP { 0 } else { req.offset };
    let postings: Vec<Value> = hits
        .iter()
        .skip(offset as usize)
        .take(req.limit as usize)
        .map(|j| {
            let days = days_ago(j);
            json!({
                "title": j.title,
                "externalPath": workday_external_path(j),
                "locationsText": if j.remote { "2 Locations".to_owned() } else { j.location() },
                "postedOn": match days { 0 => "Posted Today".to_owned(), 1 => "Posted Yesterday".to_owned(), d => format!("Posted {d} Days Ago") },
                "bulletFields": [workday_req_id(j).split('-').next().unwrap_or_default()],
            })
        })
        .collect();
    let facet = |name: &str| -> Vec<Value> {
        let mut counts = BTreeMap::<String, u64>::new();
        for j in company.jobs.iter().filter(|j| matches(j, Some(name))) {
            for v in workday_values(j, name) {
                *counts.entry(v).or_default() += 1;
            }
        }
        let mut values: Vec<(String, u64)> = counts.into_iter().collect();
        values.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        values
            .into_iter()
            .map(|(d, count)| json!({"descriptor": d, "id": workday_facet_id(name, &d), "count": count}))
            .collect()
    };
    Ok(json!({
        // Clamped to the cap, and only on the first page, as Workday does.
        "total": if offset == 0 { (hits.len() as u64).min(WORKDAY_CAP) } else { 0 },
        "jobPostings": postings,
        "facets": [
            {"facetParameter": "jobFamilyGroup", "descriptor": "Job Category", "values": facet("jobFamilyGroup")},
            {"facetParameter": "locationMainGroup", "values": [
                {"facetParameter": "locations", "descriptor": "Locations", "values": facet("locations")},
            ]},
            {"facetParameter": "timeType", "descriptor": "Time Type", "values": facet("timeType")},
        ],
        "userAuthenticated": false,
    }))
}

// ---------------------------------------------------------------- routes

/// A Workday search as the fixture server received it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkdayQuery {
    /// Tenant in the path.
    pub tenant: String,
    /// Site in the path.
    pub site: String,
    /// Requested offset.
    pub offset: u64,
    /// Requested limit.
    pub limit: u64,
    /// Applied facets.
    pub applied: BTreeMap<String, Vec<String>>,
}

/// What the ATS routes received beyond the path (which `SiteState::record`
/// keeps): the Workday search bodies.
#[derive(Debug, Default)]
pub struct AtsLog {
    workday: Mutex<Vec<WorkdayQuery>>,
}

impl AtsLog {
    /// Every Workday search so far.
    pub fn workday(&self) -> Vec<WorkdayQuery> {
        self.workday.lock().expect("lock").clone()
    }
}

fn find<'a>(companies: &'a [FixtureCompany], source: &str, board: &str) -> Option<&'a FixtureCompany> {
    companies.iter().find(|c| c.source == source && c.board == board)
}

fn json_response(status: StatusCode, body: Value) -> Response {
    (status, axum::Json(body)).into_response()
}

/// The ATS API and page routes, for merging into the fixture server.
pub fn routes() -> Router<Arc<SiteState>> {
    routes_with_log(Arc::default())
}

/// [`routes`], recording Workday searches in `log`.
pub fn routes_with_log(log: Arc<AtsLog>) -> Router<Arc<SiteState>> {
    Router::new()
        .route("/v0/postings/{site}", get(lever))
        .route("/posting-api/job-board/{board}", get(ashby))
        .route(
            "/wday/cxs/{tenant}/{site}/jobs",
            post(move |s: State<Arc<SiteState>>, p: Path<(String, String)>, h: HeaderMap, body: Bytes| {
                let log = log.clone();
                async move { workday(s, p, h, body, &log) }
            }),
        )
        .route("/{board}/job/{location}/{posting}", get(workday_page))
        .route("/v1/companies/{company}/postings", get(smartrecruiters))
        .route("/{board}/{posting}", get(smartrecruiters_page))
        .route("/recruitee/{company}/api/offers", get(recruitee))
        .route("/recruitee/{company}/api/offers/", get(recruitee))
}

async fn lever(
    State(s): State<Arc<SiteState>>,
    Path(site): Path<String>,
    Query(q): Query<BTreeMap<String, String>>,
    h: HeaderMap,
) -> Response {
    s.record(format!("/v0/postings/{site}"), &h);
    let companies = s.companies();
    let Some(c) = find(&companies, "lever", &site) else {
        return json_response(StatusCode::NOT_FOUND, json!({"ok": false, "error": "Document not found"}));
    };
    if q.get("mode").map(String::as_str) != Some("json") {
        // Without mode=json Lever answers with its HTML board.
        return (
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            format!("<html><body><h1>{}</h1></body></html>", c.name),
        )
            .into_response();
    }
    let num = |k: &str| q.get(k).and_then(|v| v.parse::<usize>().ok());
    json_response(StatusCode::OK, lever_postings(&s.base_url(), c, num("skip").unwrap_or(0), num("limit")))
}

async fn ashby(
    State(s): State<Arc<SiteState>>,
    Path(board): Path<String>,
    Query(q): Query<BTreeMap<String, String>>,
    h: HeaderMap,
) -> Response {
    s.record(format!("/posting-api/job-board/{board}"), &h);
    let companies = s.companies();
    match find(&companies, "ashby", &board) {
        Some(c) => {
            let comp = q.get("includeCompensation").is_some_and(|v| v == "true");
            json_response(StatusCode::OK, ashby_job_board(&s.base_url(), c, comp))
        }
        None => json_response(StatusCode::NOT_FOUND, json!({"success": false, "errors": ["Job board not found"]})),
    }
}

fn workday(
    State(s): State<Arc<SiteState>>,
    Path((tenant, site)): Path<(String, String)>,
    h: HeaderMap,
    body: Bytes,
    log: &AtsLog,
) -> Response {
    s.record(format!("/wday/cxs/{tenant}/{site}/jobs"), &h);
    // A body missing any of its four fields gets a 422, as on Workday.
    let req: WorkdayRequest = match serde_json::from_slice(&body) {
        Ok(r) => r,
        Err(e) => {
            return json_response(
                StatusCode::UNPROCESSABLE_ENTITY,
                json!({"errorCode": "HTTP_422", "httpStatus": 422, "message": e.to_string()}),
            );
        }
    };
    log.workday.lock().expect("lock").push(WorkdayQuery {
        tenant: tenant.clone(),
        site: site.clone(),
        offset: req.offset,
        limit: req.limit,
        applied: req.applied_facets.clone(),
    });
    let companies = s.companies();
    let Some(c) = find(&companies, "workday", &site).filter(|c| c.slug == tenant) else {
        return json_response(
            StatusCode::NOT_FOUND,
            json!({"errorCode": "HTTP_404", "httpStatus": 404, "message": "Not Found"}),
        );
    };
    match workday_search(c, &req) {
        Ok(v) => json_response(StatusCode::OK, v),
        Err((status, v)) => json_response(status, v),
    }
}

fn not_found_page() -> Response {
    (StatusCode::NOT_FOUND, [(header::CONTENT_TYPE, "text/html")], "<h1>Job not found</h1>").into_response()
}

async fn workday_page(
    State(s): State<Arc<SiteState>>,
    Path((board, location, posting)): Path<(String, String, String)>,
    h: HeaderMap,
) -> Response {
    s.record(format!("/{board}/job/{location}/{posting}"), &h);
    match workday_job_id(&posting) {
        Some(id) => render_job_page(&s, &board, id),
        None => not_found_page(),
    }
}

async fn smartrecruiters(
    State(s): State<Arc<SiteState>>,
    Path(company): Path<String>,
    Query(q): Query<BTreeMap<String, String>>,
    h: HeaderMap,
) -> Response {
    s.record(format!("/v1/companies/{company}/postings"), &h);
    let num = |k: &str| q.get(k).and_then(|v| v.parse::<usize>().ok());
    let companies = s.companies();
    // SmartRecruiters answers an unknown company with an empty list, not 404.
    let empty = FixtureCompany {
        slug: String::new(),
        source: String::new(),
        name: String::new(),
        board: company.clone(),
        jobs: vec![],
    };
    let c = find(&companies, "smartrecruiters", &company).unwrap_or(&empty);
    json_response(StatusCode::OK, smartrecruiters_postings(&s.base_url(), c, num("offset").unwrap_or(0), num("limit")))
}

async fn smartrecruiters_page(
    State(s): State<Arc<SiteState>>,
    Path((board, posting)): Path<(String, String)>,
    h: HeaderMap,
) -> Response {
    s.record(format!("/{board}/{posting}"), &h);
    match smartrecruiters_job_id(&posting) {
        Some(id) => render_job_page(&s, &board, id),
        None => not_found_page(),
    }
}

async fn recruitee(State(s): State<Arc<SiteState>>, Path(company): Path<String>, h: HeaderMap) -> Response {
    s.record(format!("/recruitee/{company}/api/offers/"), &h);
    let companies = s.companies();
    match find(&companies, "recruitee", &company) {
        Some(c) => json_response(StatusCode::OK, recruitee_offers(&s.base_url(), c)),
        None => json_response(StatusCode::NOT_FOUND, json!({"error": "Not found"})),
    }
}

// ---------------------------------------------------------------- data

const TITLES: &[&str] = &[
    "Backend Engineer",
    "Platform Engineer",
    "Data Analyst",
    "Product Designer",
    "Site Reliability Engineer",
    "Engineering Manager",
    "Security Engineer",
    "Solutions Engineer",
    "Technical Program Manager",
    "Support Engineer",
    "Data Engineer",
    "Frontend Engineer",
    "Recruiter",
    "Account Executive",
];
const PLACES: &[(&str, &str, &str)] = &[
    ("Berlin", "Berlin", "DE"),
    ("London", "England", "GB"),
    ("New York", "New York", "US"),
    ("Toronto", "Ontario", "CA"),
    ("Amsterdam", "North Holland", "NL"),
    ("Austin", "Texas", "US"),
    ("Lisbon", "Lisbon", "PT"),
];
const DEPARTMENTS: &[&str] = &["Engineering", "Data", "Design", "Operations", "Sales", "Product"];
const WORDS: &[&str] = &[
    "build",
    "operate",
    "reliable",
    "services",
    "customers",
    "team",
    "ship",
    "data",
    "pipelines",
    "scale",
    "review",
    "design",
    "latency",
    "security",
    "ownership",
    "mentor",
    "platform",
    "roadmap",
    "quality",
    "metrics",
    "deploy",
];

/// `n` deterministic jobs with ids from `first_id`, spread over titles,
/// places and departments; one in five is remote.
pub fn make_jobs(first_id: u64, n: usize) -> Vec<FixtureJob> {
    (0..n as u64)
        .map(|i| {
            let id = first_id + i;
            let r = mix(id);
            let (city, region, country) = PLACES[(r % PLACES.len() as u64) as usize];
            let base = 55_000 + (r % 8) as u32 * 10_000;
            FixtureJob {
                id,
                title: TITLES[((r >> 8) % TITLES.len() as u64) as usize].to_owned(),
                city: city.into(),
                region: region.into(),
                country: country.into(),
                remote: r.is_multiple_of(5),
                department: DEPARTMENTS[((r >> 16) % DEPARTMENTS.len() as u64) as usize].into(),
                salary: (base, base + 25_000),
                currency: currency_of(country).into(),
                paragraphs: paragraphs(id, 4, 20, 15, WORDS),
            }
        })
        .collect()
}

/// One small company per source served here, for the demo and the
/// devstack: Lever, Ashby, Workday (25 jobs: two pages), SmartRecruiters and
/// Recruitee.
pub fn sample_companies() -> Vec<FixtureCompany> {
    let spec = [
        ("umbrella", "lever", "Umbrella Corp", "umbrella", 6),
        ("hooli", "ashby", "Hooli", "hooli", 5),
        ("cyberdyne", "workday", "Cyberdyne Systems", "Cyberdyne_Careers", 25),
        ("soylent", "smartrecruiters", "Soylent", "Soylent", 6),
        ("wonka", "recruitee", "Wonka Industries", "wonka", 5),
    ];
    spec.iter()
        .enumerate()
        .map(|(i, (slug, source, name, board, n))| FixtureCompany {
            slug: (*slug).into(),
            source: (*source).into(),
            name: (*name).into(),
            board: (*board).into(),
            jobs: make_jobs(5_000_000 + i as u64 * 1_000, *n),
        })
        .collect()
}

// ---------------------------------------------------------------- serving

/// A server of [`routes`] plus the shared job pages, for tests that need
/// the ATS fixtures on their own; stopped on drop.
pub struct AtsSites {
    /// Base URL, e.g. `http://127.0.0.1:41234`.
    pub base_url: String,
    /// The served companies and request log.
    pub state: Arc<SiteState>,
    /// The Workday searches received.
    pub log: Arc<AtsLog>,
    task: JoinHandle<()>,
}

impl Drop for AtsSites {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Serves `companies` on a free local port.
pub async fn serve(companies: Vec<FixtureCompany>) -> std::io::Result<AtsSites> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base_url = format!("http://{}", listener.local_addr()?);
    let state = Arc::new(SiteState::with_companies(companies, base_url.clone()));
    let log = Arc::new(AtsLog::default());
    let app = routes_with_log(log.clone())
        .route(
            "/{board}/jobs/{id}",
            get(|State(s): State<Arc<SiteState>>, Path((board, id)): Path<(String, u64)>, h: HeaderMap| async move {
                s.record(format!("/{board}/jobs/{id}"), &h);
                render_job_page(&s, &board, id)
            }),
        )
        .with_state(state.clone());
    let task = tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    Ok(AtsSites { base_url, state, log, task })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn company(source: &str, n: usize) -> FixtureCompany {
        FixtureCompany {
            slug: "acme".into(),
            source: source.into(),
            name: "Acme".into(),
            board: "acme".into(),
            jobs: make_jobs(9_000_000, n),
        }
    }

    fn search(applied: &[(&str, &str, &str)], offset: u64, limit: u64) -> WorkdayRequest {
        let mut facets = BTreeMap::<String, Vec<String>>::new();
        for (facet_key, facet_name, descriptor) in applied {
            facets.entry((*facet_key).into()).or_default().push(workday_facet_id(facet_name, descriptor));
        }
        WorkdayRequest { applied_facets: facets, limit, offset, search_text: String::new() }
    }

    fn ok(c: &FixtureCompany, r: &WorkdayRequest) -> Value {
        workday_search(c, r).unwrap()
    }

    #[test]
    fn lever_pages_are_slices_of_the_board_with_uuid_ids() {
        // GIVEN a Lever board of 5
        let c = company("lever", 5);
        // WHEN the second page of 2 is built
        let page = lever_postings("http://x", &c, 2, Some(2));
        // THEN it holds jobs 3 and 4, with UUID ids and the shared job pages
        let page = page.as_array().unwrap();
        assert_eq!(page.len(), 2);
        assert_eq!(page[0]["id"], lever_id(&c.jobs[2]));
        assert_eq!(page[0]["id"].as_str().unwrap().len(), 36);
        assert_eq!(page[0]["hostedUrl"], format!("http://x/acme/jobs/{}", c.jobs[2].id));
        assert_eq!(lever_postings("http://x", &c, 0, None).as_array().unwrap().len(), 5);
        assert!(lever_postings("http://x", &c, 9, Some(100)).as_array().unwrap().is_empty());
    }

    #[test]
    fn smartrecruiters_pages_clamp_the_limit_and_report_the_total() {
        // GIVEN a board of 250
        let c = company("smartrecruiters", 250);
        // WHEN pages are asked for with too large and no limits
        let big = smartrecruiters_postings("http://x", &c, 200, Some(500));
        let default = smartrecruiters_postings("http://x", &c, 0, None);
        // THEN pages hold at most 100 (10 by default) and always report totalFound
        assert_eq!((big["limit"].as_u64(), big["content"].as_array().unwrap().len()), (Some(100), 50));
        assert_eq!(default["content"].as_array().unwrap().len(), 10);
        assert_eq!(big["totalFound"], 250);
        // AND a posting's page segment leads back to the job
        let id = big["content"][0]["id"].as_str().unwrap();
        assert_eq!(smartrecruiters_job_id(&format!("{id}-backend-engineer")), Some(c.jobs[200].id));
    }

    #[test]
    fn ashby_and_recruitee_list_every_job_at_once() {
        let c = company("ashby", 3);
        let board = ashby_job_board("http://x", &c, true);
        assert_eq!(board["jobs"].as_array().unwrap().len(), 3);
        assert!(board["jobs"][0]["compensation"]["compensationTierSummary"].is_string());
        assert_eq!(board["jobs"][0]["jobUrl"], format!("http://x/acme/jobs/{}", c.jobs[0].id));
        let offers = recruitee_offers("http://x", &company("recruitee", 4));
        assert_eq!(offers["offers"].as_array().unwrap().len(), 4);
        assert_eq!(offers["offers"][0]["status"], "published");
    }

    #[test]
    fn workday_pages_twenty_at_a_time_and_reports_the_total_on_the_first_page_only() {
        // GIVEN a Workday board of 45
        let c = company("workday", 45);
        // WHEN the first and third pages are asked for
        let first = ok(&c, &search(&[], 0, 20));
        let third = ok(&c, &search(&[], 40, 20));
        // THEN the first carries the total, later ones say 0, and the last page is short
        assert_eq!((first["total"].as_u64(), first["jobPostings"].as_array().unwrap().len()), (Some(45), 20));
        assert_eq!((third["total"].as_u64(), third["jobPostings"].as_array().unwrap().len()), (Some(0), 5));
        // AND a page larger than 20 is refused
        assert_eq!(workday_search(&c, &search(&[], 0, 21)).unwrap_err().0, StatusCode::BAD_REQUEST);
    }

    #[test]
    fn workday_clamps_the_total_and_answers_the_first_page_past_the_cap() {
        // GIVEN a Workday board of 2,300
        let c = company("workday", 2_300);
        // WHEN the first page, the last page within the cap and a page past it are asked for
        let first = ok(&c, &search(&[], 0, 20));
        let last = ok(&c, &search(&[], 1_980, 20));
        let past = ok(&c, &search(&[], 2_000, 20));
        // THEN the total says 2,000, the last page in reach is real, and past the cap the first page comes back
        assert_eq!(first["total"], 2_000);
        assert_ne!(last["jobPostings"], first["jobPostings"]);
        assert_eq!(past["jobPostings"], first["jobPostings"]);
        assert_eq!(past["total"], 2_000);
    }

    #[test]
    fn workday_facets_count_and_filter_jobs_with_remote_jobs_under_two_locations() {
        // GIVEN a Workday board of 300
        let c = company("workday", 300);
        let remote = c.jobs.iter().filter(|j| j.remote).count() as u64;
        let first = ok(&c, &search(&[], 0, 20));
        // WHEN the facets of the unfiltered search are read
        let values = |v: &Value| -> Vec<(String, u64)> {
            v["values"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| (x["descriptor"].as_str().unwrap().to_owned(), x["count"].as_u64().unwrap()))
                .collect()
        };
        let families = values(&first["facets"][0]);
        let locations = values(&first["facets"][1]["values"][0]);
        // THEN job families add up to the board, locations count remote jobs twice, and counts come largest first
        assert_eq!(families.iter().map(|(_, n)| n).sum::<u64>(), 300);
        assert_eq!(locations.iter().map(|(_, n)| n).sum::<u64>(), 300 + remote);
        assert!(families.windows(2).all(|w| w[0].1 >= w[1].1));
        // AND applying a facet value filters the postings and the other facets, but not the facet's own counts
        let (family, count) = families[0].clone();
        let narrowed = ok(&c, &search(&[("jobFamilyGroup", "jobFamilyGroup", &family)], 0, 20));
        assert_eq!(narrowed["total"].as_u64(), Some(count));
        assert_eq!(values(&narrowed["facets"][0]), families);
        assert_eq!(values(&narrowed["facets"][2]).iter().map(|(_, n)| n).sum::<u64>(), count);
        // AND an unknown facet is refused
        assert!(workday_search(&c, &search(&[("nope", "nope", "x")], 0, 20)).is_err());
    }

    #[test]
    fn workday_postings_carry_requisition_ids_that_lead_back_to_the_job() {
        let c = company("workday", 20);
        let first = ok(&c, &search(&[], 0, 20));
        for (p, j) in first["jobPostings"].as_array().unwrap().iter().zip(&c.jobs) {
            let path = p["externalPath"].as_str().unwrap();
            assert!(path.starts_with("/job/"), "{path}");
            assert!(path.ends_with(&workday_req_id(j)));
            assert_eq!(workday_job_id(path.rsplit('/').next().unwrap()), Some(j.id));
        }
    }

    #[test]
    fn the_routes_merge_with_the_fixture_servers_own_without_conflict() {
        // GIVEN the fixture server's own routes
        let own: Router<Arc<SiteState>> = Router::new()
            .route("/v1/boards/{board}/jobs", get(|| async { "" }))
            .route("/{board}/jobs/{id}", get(|| async { "" }))
            .route("/robots.txt", get(|| async { "" }))
            .nest("/hostile", Router::new().route("/status/{code}/{key}", get(|| async { "" })));
        // WHEN these routes are merged in (axum panics on a conflict)
        let _app: Router = own.merge(routes()).with_state(Arc::new(SiteState::default()));
    }

    #[test]
    fn sample_companies_cover_every_source_with_distinct_ids() {
        let cs = sample_companies();
        let sources: HashSet<&str> = cs.iter().map(|c| c.source.as_str()).collect();
        assert_eq!(sources.len(), 5);
        let ids: HashSet<u64> = cs.iter().flat_map(|c| c.jobs.iter().map(|j| j.id)).collect();
        assert_eq!(ids.len(), cs.iter().map(|c| c.jobs.len()).sum::<usize>());
    }
}
