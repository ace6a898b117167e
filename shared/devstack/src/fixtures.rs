//! Fixture career sites: a local HTTP server that imitates a Greenhouse-style
//! board API and job pages carrying schema.org JobPosting JSON-LD, for three
//! companies and 22 jobs. Everything is generated deterministically from the
//! job id, so two crawls see the same visible text; only invisible noise (a
//! per-request nonce in a script and a CSRF meta tag) changes, as on real
//! sites. Tests can remove or edit jobs between runs, and read the log of
//! requests the server received.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Instant;

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::json;
use tokio::task::JoinHandle;

/// A company on the fixture sites.
#[derive(Debug, Clone)]
pub struct FixtureCompany {
    /// Slug in the companies table.
    pub slug: String,
    /// ATS kind (`greenhouse`, `lever`, ...), as in the companies table.
    pub source: String,
    /// Display name.
    pub name: String,
    /// Greenhouse board token.
    pub board: String,
    /// Its open jobs.
    pub jobs: Vec<FixtureJob>,
}

/// A job on the fixture sites.
#[derive(Debug, Clone)]
pub struct FixtureJob {
    /// Greenhouse job id.
    pub id: u64,
    /// Title.
    pub title: String,
    /// City.
    pub city: String,
    /// Region.
    pub region: String,
    /// ISO country code.
    pub country: String,
    /// Remote (TELECOMMUTE) job.
    pub remote: bool,
    /// Department.
    pub department: String,
    /// Yearly salary range.
    pub salary: (u32, u32),
    /// Currency.
    pub currency: String,
    /// Description paragraphs.
    pub paragraphs: Vec<String>,
}

impl FixtureJob {
    /// "City, Region, CC".
    pub fn location(&self) -> String {
        format!("{}, {}, {}", self.city, self.region, self.country)
    }
}

/// One request the server received.
#[derive(Debug, Clone)]
pub struct RequestRecord {
    /// When it arrived.
    pub at: Instant,
    /// Request path.
    pub path: String,
    /// User-Agent header.
    pub user_agent: String,
}

/// The fixture server's shared state. Route modules read companies through
/// [`SiteState::companies`] and render pages with [`render_job_page`].
#[derive(Default)]
pub struct SiteState {
    companies: RwLock<Vec<FixtureCompany>>,
    requests: Mutex<Vec<RequestRecord>>,
    nonce: AtomicU64,
    base_url: RwLock<String>,
    /// Boards whose job pages answer 503 (a company that is down).
    down: RwLock<std::collections::HashSet<String>>,
    /// Job id -> the path its board lists instead of `/{board}/jobs/{id}`
    /// (e.g. a hostile route), for crawls that meet misbehaving pages.
    listed_paths: RwLock<std::collections::HashMap<u64, String>>,
}

/// The running fixture server; stopped on drop.
pub struct FixtureSites {
    state: Arc<SiteState>,
    addr: SocketAddr,
    task: JoinHandle<()>,
}

impl Drop for FixtureSites {
    fn drop(&mut self) {
        self.task.abort();
    }
}

const TITLES: &[&str] = &[
    "Senior Rust Engineer",
    "Staff Platform Engineer",
    "Product Designer",
    "Data Scientist",
    "Site Reliability Engineer",
    "Engineering Manager, Payments",
    "Frontend Engineer (React)",
    "Security Engineer, Detection",
    "Technical Writer",
    "Customer Success Manager",
    "GraphQL API Engineer",
    "Machine Learning Engineer",
    "Backend Engineer, Search",
    "Developer Advocate",
    "Solutions Architect",
    "QA Automation Engineer",
    "Mobile Engineer (iOS)",
    "Data Engineer",
    "Product Manager, Growth",
    "Recruiter, Engineering",
    "Infrastructure Engineer",
    "Account Executive",
];
const PLACES: &[(&str, &str, &str)] = &[
    ("Berlin", "Berlin", "DE"),
    ("San Francisco", "California", "US"),
    ("London", "England", "GB"),
    ("Toronto", "Ontario", "CA"),
    ("New York", "New York", "US"),
    ("Amsterdam", "North Holland", "NL"),
    ("Austin", "Texas", "US"),
];
const DEPARTMENTS: &[&str] = &["Engineering", "Design", "Data", "Operations", "Sales", "Product"];
const WORDS: &[&str] = &[
    "build",
    "reliable",
    "systems",
    "customers",
    "team",
    "ship",
    "design",
    "scale",
    "data",
    "pipeline",
    "ownership",
    "mentor",
    "review",
    "latency",
    "throughput",
    "observability",
    "roadmap",
    "partner",
    "quality",
    "security",
    "automation",
    "platform",
    "growth",
    "research",
    "users",
    "metrics",
    "deploy",
    "incident",
    "architecture",
    "collaborate",
    "document",
    "experiment",
    "improve",
    "maintain",
    "operate",
];

/// A small deterministic generator (SplitMix64), so fixtures never depend on
/// a random seed.
pub(crate) fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

fn make_job(id: u64, title_index: usize) -> FixtureJob {
    let r = mix(id);
    let (city, region, country) = PLACES[(r % PLACES.len() as u64) as usize];
    let base = 60_000 + (r % 9) as u32 * 10_000;
    FixtureJob {
        id,
        title: TITLES[title_index % TITLES.len()].to_owned(),
        city: city.into(),
        region: region.into(),
        country: country.into(),
        remote: r.is_multiple_of(5),
        department: DEPARTMENTS[(r >> 8) as usize % DEPARTMENTS.len()].into(),
        salary: (base, base + 30_000),
        currency: currency_of(country).into(),
        paragraphs: paragraphs(id, 6, 25, 20, WORDS),
    }
}

/// `count` sentences of `min_words` to `min_words + spread - 1` words drawn
/// from `words`, the same for the same `id`.
pub(crate) fn paragraphs(id: u64, count: u64, min_words: u64, spread: u64, words: &[&str]) -> Vec<String> {
    (0..count)
        .map(|p| {
            let mut s = mix(id.wrapping_mul(31).wrapping_add(p));
            let picked: Vec<&str> = (0..min_words + s % spread)
                .map(|_| {
                    s = mix(s);
                    words[(s % words.len() as u64) as usize]
                })
                .collect();
            let mut text = picked.join(" ");
            text[..1].make_ascii_uppercase();
            text + "."
        })
        .collect()
}

/// The currency a fixture job in `country` is paid in.
pub(crate) fn currency_of(country: &str) -> &'static str {
    match country {
        "US" => "USD",
        "GB" => "GBP",
        "CA" => "CAD",
        _ => "EUR",
    }
}

/// The default companies: 8 + 7 + 7 = 22 jobs.
pub fn default_companies() -> Vec<FixtureCompany> {
    let spec = [("acme", "Acme Robotics", 8u64), ("globex", "Globex Corporation", 7), ("initech", "Initech", 7)];
    let mut title = 0;
    spec.iter()
        .enumerate()
        .map(|(ci, (slug, name, n))| FixtureCompany {
            slug: (*slug).into(),
            source: "greenhouse".into(),
            name: (*name).into(),
            board: (*slug).into(),
            jobs: (0..*n)
                .map(|j| {
                    title += 1;
                    make_job(4_000_000 + ci as u64 * 1000 + j, title - 1)
                })
                .collect(),
        })
        .collect()
}

/// `count` Greenhouse companies of `jobs` jobs each (slugs `{prefix}-1`,
/// `{prefix}-2`, ...), generated like the default ones: for load runs such
/// as `cargo xtask bench`, which serves each from its own [`FixtureSites`]
/// so that every company has its own host:port.
pub fn generated_companies(prefix: &str, count: usize, jobs: usize) -> Vec<FixtureCompany> {
    (0..count)
        .map(|ci| FixtureCompany {
            slug: format!("{prefix}-{}", ci + 1),
            source: "greenhouse".into(),
            name: format!("Generated Company {}", ci + 1),
            board: format!("{prefix}-{}", ci + 1),
            jobs: (0..jobs).map(|j| make_job(5_000_000 + ci as u64 * 1000 + j as u64, ci + j)).collect(),
        })
        .collect()
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn job_page(base: &str, company: &FixtureCompany, job: &FixtureJob, nonce: u64) -> String {
    let description_html: String = job.paragraphs.iter().map(|p| format!("<p>{}</p>", html_escape(p))).collect();
    let mut ld = json!({
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": job.title,
        "datePosted": "2026-11-01",
        "validThrough": "2027-01-31T23:59:59Z",
        "employmentType": "FULL_TIME",
        "industry": job.department,
        "hiringOrganization": {"@type": "Organization", "name": company.name, "sameAs": format!("{base}/{}", company.board)},
        "jobLocation": {"@type": "Place", "address": {"@type": "PostalAddress", "addressLocality": job.city, "addressRegion": job.region, "addressCountry": job.country}},
        "baseSalary": {"@type": "MonetaryAmount", "currency": job.currency, "value": {"@type": "QuantitativeValue", "minValue": job.salary.0, "maxValue": job.salary.1, "unitText": "YEAR"}},
        // Greenhouse ships the description HTML-escaped inside JSON-LD.
        "description": html_escape(&description_html),
        "url": format!("{base}/{}/jobs/{}", company.board, job.id),
    });
    if job.remote {
        ld["jobLocationType"] = json!("TELECOMMUTE");
    }
    format!(
        r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Job Application for {title} at {company}</title>
<meta name="csrf-token" content="{nonce:016x}">
<script>window.__BOOT__ = {{"nonce": "{nonce:016x}", "build": "fixture"}};</script>
<script type="application/ld+json">{ld}</script>
<style>body {{ font-family: sans-serif; }}</style>
</head><body>
<header><nav><a href="/{board}">{company} careers</a> <a href="/{board}/jobs">All open roles</a></nav></header>
<main id="app_body">
<h1 class="app-title">{title}</h1>
<div class="company-name">at {company}</div>
<div class="location">{location}</div>
<div id="content">{description_html}</div>
<a class="apply" href="/{board}/jobs/{id}#app">Apply for this job</a>
</main>
<footer>Powered by fixture boards. Privacy policy. Cookie settings.</footer>
</body></html>"#,
        title = html_escape(&job.title),
        company = html_escape(&company.name),
        board = company.board,
        location = html_escape(&job.location()),
        id = job.id,
    )
}

impl SiteState {
    /// State serving `companies` at `base_url` (for route modules' own tests).
    pub fn with_companies(companies: Vec<FixtureCompany>, base_url: String) -> Self {
        let s = Self::default();
        *s.companies.write().expect("lock") = companies;
        *s.base_url.write().expect("lock") = base_url;
        s
    }

    /// The companies as currently served.
    pub fn companies(&self) -> std::sync::RwLockReadGuard<'_, Vec<FixtureCompany>> {
        self.companies.read().expect("lock")
    }

    /// The server's base URL.
    pub fn base_url(&self) -> String {
        self.base_url.read().expect("lock").clone()
    }

    /// Records a request (for politeness assertions).
    pub fn record(&self, path: String, headers: &HeaderMap) {
        let ua = headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
        self.requests.lock().expect("lock").push(RequestRecord { at: Instant::now(), path, user_agent: ua });
    }
}

/// Boards whose job pages carry an ETag and answer conditional requests
/// with 304, as some ATSs do; the others make the crawler rely on SimHash.
const ETAG_BOARDS: &[&str] = &["globex"];

/// Renders the job page of `id` on `board`, or a 404 page, or a 503 when
/// the board is down.
pub fn render_job_page(state: &SiteState, board: &str, id: u64) -> Response {
    render_job_page_conditional(state, board, id, &HeaderMap::new())
}

/// [`render_job_page`], answering 304 to a matching `If-None-Match` on the
/// boards that send ETags.
pub fn render_job_page_conditional(state: &SiteState, board: &str, id: u64, request: &HeaderMap) -> Response {
    if state.down.read().expect("lock").contains(board) {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            [(header::CONTENT_TYPE, "text/html")],
            "<h1>503 Service Unavailable</h1>",
        )
            .into_response();
    }
    let base = state.base_url();
    let companies = state.companies();
    let found =
        companies.iter().find(|c| c.board == board).and_then(|c| c.jobs.iter().find(|j| j.id == id).map(|j| (c, j)));
    match found {
        Some((c, j)) => {
            let nonce = state.nonce.fetch_add(1, Ordering::Relaxed);
            let page = job_page(&base, c, j, mix(nonce));
            if !ETAG_BOARDS.contains(&board) {
                return ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], page).into_response();
            }
            // The ETag covers the content, not the per-request noise.
            let etag = {
                use std::hash::{Hash, Hasher};
                let mut h = std::hash::DefaultHasher::new();
                job_page(&base, c, j, 0).hash(&mut h);
                format!("\"{:016x}\"", h.finish())
            };
            if request.get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()) == Some(etag.as_str()) {
                return (StatusCode::NOT_MODIFIED, [(header::ETAG, etag)]).into_response();
            }
            ([(header::CONTENT_TYPE, "text/html; charset=utf-8".to_owned()), (header::ETAG, etag)], page)
                .into_response()
        }
        None => {
            (StatusCode::NOT_FOUND, [(header::CONTENT_TYPE, "text/html")], "<h1>Job not found</h1>").into_response()
        }
    }
}

async fn record(state: &SiteState, path: String, headers: &HeaderMap) {
    let ua = headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    state.requests.lock().expect("lock").push(RequestRecord { at: Instant::now(), path, user_agent: ua });
}

async fn board_jobs(State(state): State<Arc<SiteState>>, Path(board): Path<String>, headers: HeaderMap) -> Response {
    record(&state, format!("/v1/boards/{board}/jobs"), &headers).await;
    let base = state.base_url.read().expect("lock").clone();
    let companies = state.companies.read().expect("lock");
    let Some(c) = companies.iter().find(|c| c.board == board) else {
        return (StatusCode::NOT_FOUND, axum::Json(json!({"status": 404, "error": "Job not found"}))).into_response();
    };
    let listed_paths = state.listed_paths.read().expect("lock");
    let jobs: Vec<_> = c
        .jobs
        .iter()
        .map(|j| {
            json!({
                "id": j.id,
                "internal_job_id": j.id + 10_000_000,
                "title": j.title,
                "updated_at": "2026-11-01T12:00:00-05:00",
                "requisition_id": format!("REQ-{}", j.id % 10_000),
                "location": {"name": j.location()},
                "absolute_url": match listed_paths.get(&j.id) {
                    Some(path) => format!("{base}{path}"),
                    None => format!("{base}/{}/jobs/{}", c.board, j.id),
                },
                "metadata": null,
                "company_name": c.name,
                "first_published": "2026-11-01T12:00:00-05:00",
            })
        })
        .collect();
    axum::Json(json!({"jobs": jobs, "meta": {"total": c.jobs.len()}})).into_response()
}

async fn job_page_handler(
    State(state): State<Arc<SiteState>>,
    Path((board, id)): Path<(String, u64)>,
    headers: HeaderMap,
) -> Response {
    record(&state, format!("/{board}/jobs/{id}"), &headers).await;
    render_job_page_conditional(&state, &board, id, &headers)
}

async fn robots_txt(State(state): State<Arc<SiteState>>, headers: HeaderMap) -> &'static str {
    state.record("/robots.txt".into(), &headers);
    "User-agent: *\nDisallow: /hostile/private/\nAllow: /\n"
}

/// Misbehaving endpoints for the crawler's guard and retry tests.
mod hostile {
    use std::collections::HashMap;
    use std::sync::{Arc, LazyLock, Mutex};
    use std::time::Duration;

    use axum::Router;
    use axum::body::Body;
    use axum::extract::{Path, State};
    use axum::http::{HeaderMap, StatusCode, header};
    use axum::response::{IntoResponse, Response};
    use axum::routing::get;

    use super::SiteState;

    /// A small valid job page, so a request that gets through is extractable.
    pub fn ok_page(title: &str) -> String {
        format!(
            r#"<html><head><title>{title}</title><script type="application/ld+json">{{"@context":"https://schema.org","@type":"JobPosting","title":"{title}","hiringOrganization":{{"@type":"Organization","name":"Hostile Inc"}},"jobLocation":{{"@type":"Place","address":{{"addressLocality":"Oslo","addressCountry":"NO"}}}},"datePosted":"2026-11-01"}}</script></head><body><h1>{title}</h1><p>{}</p></body></html>"#,
            "A perfectly normal job description for a perfectly normal role. ".repeat(20)
        )
    }

    fn html(body: impl Into<Body>) -> Response {
        ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], body.into()).into_response()
    }

    static HITS: LazyLock<Mutex<HashMap<String, u32>>> = LazyLock::new(Mutex::default);

    fn hit(key: &str) -> u32 {
        let mut m = HITS.lock().expect("hits lock");
        let n = m.entry(key.to_owned()).or_insert(0);
        *n += 1;
        *n
    }

    /// `/hostile/...` routes, each recorded in the request log.
    pub fn routes() -> Router<Arc<SiteState>> {
        Router::new()
            // 429 with Retry-After: 1 for the first {n} requests of {key}, then a page.
            .route(
                "/retry-after/{n}/{key}",
                get(|State(s): State<Arc<SiteState>>, Path((n, key)): Path<(u32, String)>, h: HeaderMap| async move {
                    s.record(format!("/hostile/retry-after/{n}/{key}"), &h);
                    if hit(&format!("ra:{key}")) <= n {
                        (StatusCode::TOO_MANY_REQUESTS, [(header::RETRY_AFTER, "1")], "slow down").into_response()
                    } else {
                        html(ok_page("Patient Engineer"))
                    }
                }),
            )
            // 429 asking for an hour: beyond any cap.
            .route(
                "/retry-after-long/{key}",
                get(|State(s): State<Arc<SiteState>>, Path(key): Path<String>, h: HeaderMap| async move {
                    s.record(format!("/hostile/retry-after-long/{key}"), &h);
                    (StatusCode::TOO_MANY_REQUESTS, [(header::RETRY_AFTER, "3600")], "come back in an hour")
                        .into_response()
                }),
            )
            // Any status, e.g. /status/503/7 (the last segment only makes paths distinct).
            .route(
                "/status/{code}/{key}",
                get(
                    |State(s): State<Arc<SiteState>>, Path((code, key)): Path<(u16, String)>, h: HeaderMap| async move {
                        s.record(format!("/hostile/status/{code}/{key}"), &h);
                        let status = StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
                        (status, [(header::CONTENT_TYPE, "text/html")], format!("<h1>{code}</h1>")).into_response()
                    },
                ),
            )
            .route(
                "/redirect-metadata",
                get(|State(s): State<Arc<SiteState>>, h: HeaderMap| async move {
                    s.record("/hostile/redirect-metadata".into(), &h);
                    (
                        StatusCode::FOUND,
                        [(header::LOCATION, "http://169.254.169.254/latest/meta-data/iam/security-credentials/")],
                    )
                        .into_response()
                }),
            )
            .route(
                "/redirect-loop",
                get(|State(s): State<Arc<SiteState>>, h: HeaderMap| async move {
                    s.record("/hostile/redirect-loop".into(), &h);
                    (StatusCode::FOUND, [(header::LOCATION, "/hostile/redirect-loop")]).into_response()
                }),
            )
            // {mib} MiB streamed without a Content-Length.
            .route(
                "/huge/{mib}",
                get(|State(s): State<Arc<SiteState>>, Path(mib): Path<usize>, h: HeaderMap| async move {
                    s.record(format!("/hostile/huge/{mib}"), &h);
                    let chunk = bytes::Bytes::from(vec![b'a'; 64 * 1024]);
                    let stream =
                        futures::stream::iter((0..mib * 16).map(move |_| Ok::<_, std::io::Error>(chunk.clone())));
                    html(Body::from_stream(stream))
                }),
            )
            // Headers at once, then one byte every 300 ms, for a minute.
            .route(
                "/slow",
                get(|State(s): State<Arc<SiteState>>, h: HeaderMap| async move {
                    s.record("/hostile/slow".into(), &h);
                    let stream = futures::stream::unfold(0u32, |i| async move {
                        if i > 200 {
                            return None;
                        }
                        tokio::time::sleep(Duration::from_millis(300)).await;
                        Some((Ok::<_, std::io::Error>(bytes::Bytes::from_static(b"x")), i + 1))
                    });
                    html(Body::from_stream(stream))
                }),
            )
            // A job page in ISO-8859-1, declared in the header only.
            .route(
                "/latin1",
                get(|State(s): State<Arc<SiteState>>, h: HeaderMap| async move {
                    s.record("/hostile/latin1".into(), &h);
                    let page = ok_page("Ingénieur logiciel à Genève").replace("Oslo", "Genève");
                    let bytes: Vec<u8> =
                        page.chars().map(|c| if (c as u32) < 256 { c as u32 as u8 } else { b'?' }).collect();
                    ([(header::CONTENT_TYPE, "text/html; charset=ISO-8859-1")], bytes).into_response()
                }),
            )
            // Declared UTF-8 with invalid bytes in the middle.
            .route(
                "/invalid-utf8",
                get(|State(s): State<Arc<SiteState>>, h: HeaderMap| async move {
                    s.record("/hostile/invalid-utf8".into(), &h);
                    let mut bytes = ok_page("Broken Bytes Engineer").into_bytes();
                    let at = bytes.len() - 30;
                    bytes.splice(at..at, [0xff, 0xfe, 0xc3, 0x28]);
                    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], bytes).into_response()
                }),
            )
            // ~64 KiB of gzip that inflates to 64 MiB of zeros.
            .route(
                "/gzip-bomb",
                get(|State(s): State<Arc<SiteState>>, h: HeaderMap| async move {
                    s.record("/hostile/gzip-bomb".into(), &h);
                    static BOMB: LazyLock<Vec<u8>> = LazyLock::new(|| {
                        use std::io::Write;
                        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
                        let zeros = vec![0u8; 1 << 20];
                        for _ in 0..64 {
                            enc.write_all(&zeros).expect("vec write");
                        }
                        enc.finish().expect("vec write")
                    });
                    ([(header::CONTENT_TYPE, "text/html"), (header::CONTENT_ENCODING, "gzip")], BOMB.clone())
                        .into_response()
                }),
            )
            .route(
                "/binary",
                get(|State(s): State<Arc<SiteState>>, h: HeaderMap| async move {
                    s.record("/hostile/binary".into(), &h);
                    ([(header::CONTENT_TYPE, "application/octet-stream")], vec![0u8; 1024]).into_response()
                }),
            )
            // 100,000 nested elements.
            .route(
                "/deep",
                get(|State(s): State<Arc<SiteState>>, h: HeaderMap| async move {
                    s.record("/hostile/deep".into(), &h);
                    html(format!(
                        "<html><body>{}deep{}</body></html>",
                        "<div>".repeat(100_000),
                        "</div>".repeat(100_000)
                    ))
                }),
            )
            // A microdata JobPosting whose nested items are each named by
            // five properties, twenty levels deep: 5^depth paths to build
            // for an extractor that follows every name (a fuzzing find).
            .route(
                "/microdata-bomb",
                get(|State(s): State<Arc<SiteState>>, h: HeaderMap| async move {
                    s.record("/hostile/microdata-bomb".into(), &h);
                    html(format!(
                        r#"<html><body><div itemscope itemtype="https://schema.org/JobPosting"><h1 itemprop="title">Microdata Bomb</h1>{}{}</body></html>"#,
                        r#"<div itemprop="a b c d e" itemscope><span itemprop="name">Level</span>"#.repeat(20),
                        "</div>".repeat(21)
                    ))
                }),
            )
            // Accepts the request and never sends the headers: a slow-loris
            // server that holds the connection open.
            .route(
                "/stall",
                get(|State(s): State<Arc<SiteState>>, h: HeaderMap| async move {
                    s.record("/hostile/stall".into(), &h);
                    tokio::time::sleep(Duration::from_secs(600)).await;
                    html(ok_page("Never Answered"))
                }),
            )
            .route(
                "/private/{key}",
                get(|State(s): State<Arc<SiteState>>, Path(key): Path<String>, h: HeaderMap| async move {
                    s.record(format!("/hostile/private/{key}"), &h);
                    html(ok_page("Secret Role"))
                }),
            )
    }
}

impl FixtureSites {
    /// Starts the server on a free port with [`default_companies`].
    pub async fn start() -> std::io::Result<Self> {
        Self::start_with(default_companies()).await
    }

    /// Starts the server with the given companies.
    pub async fn start_with(companies: Vec<FixtureCompany>) -> std::io::Result<Self> {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let state = Arc::new(SiteState::default());
        *state.companies.write().expect("lock") = companies;
        *state.base_url.write().expect("lock") = format!("http://{addr}");
        let app = Router::new()
            .route("/v1/boards/{board}/jobs", get(board_jobs))
            .route("/{board}/jobs/{id}", get(job_page_handler))
            .route("/robots.txt", get(robots_txt))
            .nest("/hostile", hostile::routes())
            .merge(crate::ats_fixtures::routes())
            .with_state(state.clone());
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Ok(Self { state, addr, task })
    }

    /// Base URL, e.g. `http://127.0.0.1:41234`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The companies as currently served.
    pub fn companies(&self) -> Vec<FixtureCompany> {
        self.state.companies.read().expect("lock").clone()
    }

    /// Total jobs across companies.
    pub fn job_count(&self) -> usize {
        self.companies().iter().map(|c| c.jobs.len()).sum()
    }

    /// Removes a job from its board (its page then answers 404).
    pub fn remove_job(&self, job_id: u64) {
        for c in self.state.companies.write().expect("lock").iter_mut() {
            c.jobs.retain(|j| j.id != job_id);
        }
    }

    /// Adds a company to the sites (seed it into the database with
    /// `Devstack::seed_fixture_companies`).
    pub fn add_company(&self, company: FixtureCompany) {
        self.state.companies.write().expect("lock").push(company);
    }

    /// Makes the board list a job at `path` on this host (e.g.
    /// `/hostile/gzip-bomb`) instead of its own page.
    pub fn set_listed_path(&self, job_id: u64, path: &str) {
        self.state.listed_paths.write().expect("lock").insert(job_id, path.to_owned());
    }

    /// Takes a board's job pages down (503) or brings them back.
    pub fn set_down(&self, board: &str, down: bool) {
        let mut set = self.state.down.write().expect("lock");
        if down {
            set.insert(board.to_owned());
        } else {
            set.remove(board);
        }
    }

    /// Puts a job (back) on a board.
    pub fn add_job(&self, board: &str, job: FixtureJob) {
        if let Some(c) = self.state.companies.write().expect("lock").iter_mut().find(|c| c.board == board) {
            c.jobs.push(job);
        }
    }

    /// Edits a job in place.
    pub fn edit_job(&self, job_id: u64, edit: impl FnOnce(&mut FixtureJob)) {
        let mut companies = self.state.companies.write().expect("lock");
        if let Some(j) = companies.iter_mut().flat_map(|c| c.jobs.iter_mut()).find(|j| j.id == job_id) {
            edit(j);
        }
    }

    /// Every request received so far.
    pub fn requests(&self) -> Vec<RequestRecord> {
        self.state.requests.lock().expect("lock").clone()
    }

    /// Requests per path prefix, for quick assertions.
    pub fn request_counts(&self) -> BTreeMap<String, usize> {
        let mut m = BTreeMap::new();
        for r in self.requests() {
            *m.entry(r.path).or_insert(0) += 1;
        }
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_fixtures_have_three_companies_and_at_least_twenty_jobs() {
        let c = default_companies();
        assert_eq!(c.len(), 3);
        assert!(c.iter().map(|c| c.jobs.len()).sum::<usize>() >= 20);
    }

    #[test]
    fn generated_companies_have_distinct_slugs_and_job_ids() {
        // GIVEN ten generated companies of fifty jobs
        let c = generated_companies("load", 10, 50);
        // THEN each has its own slug and board, and no job id repeats
        let slugs: std::collections::HashSet<_> = c.iter().map(|c| c.slug.as_str()).collect();
        assert_eq!(slugs.len(), 10);
        assert!(c.iter().all(|c| c.board == c.slug && c.jobs.len() == 50));
        let ids: std::collections::HashSet<_> = c.iter().flat_map(|c| c.jobs.iter().map(|j| j.id)).collect();
        assert_eq!(ids.len(), 500);
    }

    #[test]
    fn job_pages_are_deterministic_except_for_the_nonce() {
        let c = &default_companies()[0];
        let a = job_page("http://x", c, &c.jobs[0], 1);
        let b = job_page("http://x", c, &c.jobs[0], 2);
        assert_ne!(a, b);
        assert_eq!(a.replace(&format!("{:016x}", 1), ""), b.replace(&format!("{:016x}", 2), ""));
    }
}
