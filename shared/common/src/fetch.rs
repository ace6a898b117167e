//! The polite, guarded HTTP fetcher every request to a career site goes
//! through.
//!
//! - **Politeness:** before every attempt it reserves a slot for the company
//!   and one for the backend host in the shared Postgres limiter, and waits.
//! - **Retries:** three attempts with exponential backoff on transport
//!   errors, timeouts, 408, 429 and 5xx; `Retry-After` (seconds or HTTP date)
//!   is honoured up to a cap.
//! - **Guards:** total timeout, body-size cap (checked while streaming, so a
//!   huge or endless body stops at the cap), bounded gzip inflation, a
//!   redirect limit, content-type checks, and refusal of private, loopback,
//!   link-local and metadata addresses after DNS resolution and on every
//!   redirect, unless configuration allows them.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use reqwest::header::{self, HeaderMap, HeaderValue};
use sqlx::PgPool;

use crate::config::{ConfigError, Env};
use crate::db::{DbError, limiter};
use crate::robots::{self, RobotsCache, Rules};

/// Fetcher settings.
#[derive(Debug, Clone)]
pub struct FetchConfig {
    /// Sent on every request; says who we are and how to reach us.
    pub user_agent: String,
    /// Minimum gap between two requests to one company.
    pub company_gap: Duration,
    /// Minimum gap between two requests to one backend host, across all
    /// instances.
    pub host_gap: Duration,
    /// Per-host overrides of `host_gap`, by host name.
    pub host_gaps: std::collections::HashMap<String, Duration>,
    /// Total time for one attempt, body included.
    pub timeout: Duration,
    /// Largest body accepted, after decompression.
    pub max_body: usize,
    /// Most redirects followed.
    pub max_redirects: usize,
    /// Attempts per request (first try included).
    pub attempts: u32,
    /// First backoff; doubled on each retry.
    pub backoff: Duration,
    /// Longest `Retry-After` honoured; longer ones fail the attempt.
    pub max_retry_after: Duration,
    /// Allow private, loopback and link-local targets (local development).
    pub allow_private: bool,
    /// How long a robots.txt is trusted.
    pub robots_ttl: Duration,
}

impl FetchConfig {
    /// Reads `USER_AGENT`, `POLITENESS_GAP_MS`, `HOST_GAP_MS`,
    /// `FETCH_TIMEOUT_MS`, `MAX_BODY_BYTES`, `MAX_REDIRECTS`,
    /// `RETRY_BACKOFF_MS`, `MAX_RETRY_AFTER_MS` and `ALLOW_PRIVATE_NETWORKS`.
    pub fn from_env(env: &Env) -> Result<Self, ConfigError> {
        let s = Duration::from_secs;
        let ms = Duration::from_millis;
        let max_body: usize = env.parse_or("MAX_BODY_BYTES", 5 * 1024 * 1024)?;
        if !(1024..=64 * 1024 * 1024).contains(&max_body) {
            return Err(ConfigError::invalid("MAX_BODY_BYTES", "must be between 1 KiB and 64 MiB"));
        }
        let max_redirects: usize = env.parse_or("MAX_REDIRECTS", 5)?;
        if max_redirects > 20 {
            return Err(ConfigError::invalid("MAX_REDIRECTS", "must be at most 20"));
        }
        let user_agent = env
            .get("USER_AGENT")
            .unwrap_or_else(|| "jh-crawler/0.1 (+https://github.com/jh-jobs/jh; job-posting indexer)".into());
        if HeaderValue::from_str(&user_agent).is_err() {
            return Err(ConfigError::invalid("USER_AGENT", "must be printable ASCII"));
        }
        Ok(Self {
            user_agent,
            company_gap: env.millis("POLITENESS_GAP_MS", s(1), Duration::ZERO, s(60))?,
            host_gap: env.millis("HOST_GAP_MS", s(1), Duration::ZERO, s(60))?,
            host_gaps: parse_host_gaps(env)?,
            timeout: env.millis("FETCH_TIMEOUT_MS", s(15), ms(100), s(120))?,
            max_body,
            max_redirects,
            attempts: 3,
            backoff: env.millis("RETRY_BACKOFF_MS", ms(500), Duration::ZERO, s(30))?,
            max_retry_after: env.millis("MAX_RETRY_AFTER_MS", s(30), Duration::ZERO, s(600))?,
            allow_private: env.flag("ALLOW_PRIVATE_NETWORKS", false)?,
            robots_ttl: Duration::from_secs(env.parse_or("ROBOTS_TTL_SECS", 86_400u64)?),
        })
    }
}

/// Reads `HOST_GAPS`: `host=ms` pairs separated by commas, e.g.
/// `boards-api.greenhouse.io=500,api.lever.co=2000`.
fn parse_host_gaps(env: &Env) -> Result<std::collections::HashMap<String, Duration>, ConfigError> {
    let Some(raw) = env.get("HOST_GAPS") else { return Ok(Default::default()) };
    raw.split(',')
        .filter(|p| !p.trim().is_empty())
        .map(|pair| {
            let (host, ms) = pair
                .split_once('=')
                .ok_or_else(|| ConfigError::invalid("HOST_GAPS", format!("{pair:?} is not host=milliseconds")))?;
            let ms: u64 = ms
                .trim()
                .parse()
                .map_err(|_| ConfigError::invalid("HOST_GAPS", format!("{ms:?} is not a number of milliseconds")))?;
            if ms > 60_000 {
                return Err(ConfigError::invalid("HOST_GAPS", format!("{} ms for {} is above 60000", ms, host.trim())));
            }
            Ok((host.trim().to_ascii_lowercase(), Duration::from_millis(ms)))
        })
        .collect()
}

/// Why a fetch failed.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    /// A failure that may pass (transport, timeout, 408/429/5xx), after all
    /// attempts. Counts towards the circuit breaker.
    #[error("{0}")]
    Transient(String),
    /// A failure retrying will not fix: a refused address, a 4xx, a body too
    /// large, a wrong content type.
    #[error("{0}")]
    Permanent(String),
    /// The server asked us to come back later than we can wait now (beyond
    /// the `Retry-After` cap or the invocation's deadline): put the message
    /// back on the queue for `after`.
    #[error("{reason}; retry in {}s", after.as_secs())]
    RetryLater {
        /// How long to wait.
        after: Duration,
        /// Why.
        reason: String,
    },
    /// The politeness limiter's database failed: infrastructure, retry the
    /// message.
    #[error(transparent)]
    Db(#[from] DbError),
}

/// What kind of body a request expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// An HTML page.
    Html,
    /// A JSON API response.
    Json,
    /// A robots.txt file.
    Robots,
}

/// A request.
#[derive(Debug, Clone)]
pub struct FetchRequest<'a> {
    /// The URL.
    pub url: &'a url::Url,
    /// The company the request is for (its politeness key).
    pub company: &'a str,
    /// Expected body kind.
    pub expect: Expect,
    /// Validators from the last fetch, for a conditional GET.
    pub etag: Option<&'a str>,
    /// Validators from the last fetch, for a conditional GET.
    pub last_modified: Option<&'a str>,
    /// A JSON body: sends a POST instead of a GET (Workday's search API).
    pub json_body: Option<&'a serde_json::Value>,
    /// When the caller must be done (the Lambda invocation's deadline): a
    /// `Retry-After` reaching past it becomes [`FetchError::RetryLater`].
    pub deadline: Option<std::time::Instant>,
}

impl<'a> FetchRequest<'a> {
    /// A plain GET of a JSON API for a company.
    pub fn api(url: &'a url::Url, company: &'a str) -> Self {
        Self { url, company, expect: Expect::Json, etag: None, last_modified: None, json_body: None, deadline: None }
    }

    /// A GET of an HTML page, conditional when validators are given.
    pub fn page(url: &'a url::Url, company: &'a str, etag: Option<&'a str>, last_modified: Option<&'a str>) -> Self {
        Self { url, company, expect: Expect::Html, etag, last_modified, json_body: None, deadline: None }
    }
}

/// A fetched page.
#[derive(Debug, Clone)]
pub struct Page {
    /// HTTP status (2xx).
    pub status: u16,
    /// The body, decompressed.
    pub body: Vec<u8>,
    /// ETag header.
    pub etag: Option<String>,
    /// Last-Modified header.
    pub last_modified: Option<String>,
    /// Content-Type header.
    pub content_type: Option<String>,
    /// Where the page really came from, after redirects.
    pub final_url: url::Url,
    /// When it was fetched.
    pub fetched_at: DateTime<Utc>,
}

/// The result of a fetch that reached the server.
#[derive(Debug, Clone)]
pub enum Fetched {
    /// A 2xx body.
    Page(Page),
    /// 304: unchanged since the validators we sent.
    NotModified,
    /// 404 or 410: the posting is gone. Not a failure of the company.
    Gone(u16),
    /// robots.txt disallows it; the reason says which file.
    Disallowed(String),
}

/// Whether an address must not be fetched: private, loopback, link-local
/// (which includes the 169.254.169.254 metadata service), CGNAT, unique
/// local, multicast, unspecified, and the same behind IPv4-mapped IPv6.
pub fn is_forbidden_ip(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let o = v4.octets();
            v4.is_private()
                || v4.is_loopback()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_multicast()
                || o[0] == 0
                || (o[0] == 100 && (o[1] & 0xc0) == 64)
                || (o[0] == 192 && o[1] == 0 && o[2] == 0)
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_forbidden_ip(IpAddr::V4(v4));
            }
            let seg = v6.segments();
            v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (seg[0] & 0xfe00) == 0xfc00
                || (seg[0] & 0xffc0) == 0xfe80
        }
    }
}

/// Cloud metadata services (AWS/GCP/Azure IPv4, AWS IPv6, ECS task
/// metadata). Never fetched, whatever the configuration: no job page lives
/// there and a crawler that reaches one leaks credentials.
pub fn is_metadata_ip(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => matches!(v4.octets(), [169, 254, 169, 254] | [169, 254, 170, 2] | [100, 100, 100, 200]),
        IpAddr::V6(v6) => {
            v6.segments() == [0xfd00, 0xec2, 0, 0, 0, 0, 0, 0x254]
                || v6.to_ipv4_mapped().is_some_and(|v4| is_metadata_ip(IpAddr::V4(v4)))
        }
    }
}

/// Checks a URL before a request or a redirect: http(s) only, never a
/// metadata address, and no forbidden IP literal unless private networks are
/// allowed. Host names are checked after resolution.
fn check_url(url: &url::Url, allow_private: bool) -> Result<(), String> {
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!("refused: scheme {} is not http(s)", url.scheme()));
    }
    let ip = match url.host() {
        Some(url::Host::Ipv4(ip)) => Some(IpAddr::V4(ip)),
        Some(url::Host::Ipv6(ip)) => Some(IpAddr::V6(ip)),
        Some(url::Host::Domain(_)) => None,
        None => return Err("refused: URL has no host".into()),
    };
    match ip {
        Some(ip) if is_metadata_ip(ip) => Err(format!("refused: {ip} is a cloud metadata address")),
        Some(ip) if !allow_private && is_forbidden_ip(ip) => {
            Err(format!("refused: {ip} is a private, loopback, link-local or metadata address"))
        }
        _ => Ok(()),
    }
}

/// Resolves names with the system resolver and drops forbidden addresses,
/// so a public name that points inside the network (or at a metadata
/// service) is refused too.
struct GuardedResolver {
    allow_private: bool,
}

impl reqwest::dns::Resolve for GuardedResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let host = name.as_str().to_owned();
        let allow_private = self.allow_private;
        Box::pin(async move {
            let addrs: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let allowed: Vec<SocketAddr> = addrs
                .iter()
                .copied()
                .filter(|a| if allow_private { !is_metadata_ip(a.ip()) } else { !is_forbidden_ip(a.ip()) })
                .collect();
            if allowed.is_empty() {
                return Err(format!(
                    "refused: {host} resolves only to private, loopback, link-local or metadata addresses"
                )
                .into());
            }
            Ok(Box::new(allowed.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

/// Parses `Retry-After`: delay-seconds or an HTTP date.
pub fn parse_retry_after(v: &str, now: DateTime<Utc>) -> Option<Duration> {
    let v = v.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = DateTime::parse_from_rfc2822(v).ok()?.with_timezone(&Utc);
    Some((when - now).to_std().unwrap_or(Duration::ZERO))
}

/// The fetcher. Cheap to clone.
#[derive(Clone)]
pub struct Fetcher {
    client: reqwest::Client,
    cfg: Arc<FetchConfig>,
    pool: PgPool,
    robots: RobotsCache,
    agent: String,
}

impl Fetcher {
    /// Builds the HTTP client once per cold start.
    pub fn new(cfg: FetchConfig, pool: PgPool) -> Result<Self, reqwest::Error> {
        let allow_private = cfg.allow_private;
        let max_redirects = cfg.max_redirects;
        let redirect = reqwest::redirect::Policy::custom(move |attempt| {
            if attempt.previous().len() > max_redirects {
                return attempt.error(format!("refused: more than {max_redirects} redirects"));
            }
            if let Err(e) = check_url(attempt.url(), allow_private) {
                return attempt.error(format!("redirect {e}"));
            }
            attempt.follow()
        });
        let mut b = reqwest::Client::builder()
            .user_agent(&cfg.user_agent)
            .timeout(cfg.timeout)
            .connect_timeout(cfg.timeout.min(Duration::from_secs(5)))
            .redirect(redirect)
            .gzip(true)
            .no_proxy();
        b = b.dns_resolver(GuardedResolver { allow_private: cfg.allow_private });
        Ok(Self {
            client: b.build()?,
            robots: RobotsCache::new(cfg.robots_ttl),
            agent: robots::agent_token(&cfg.user_agent),
            cfg: Arc::new(cfg),
            pool,
        })
    }

    /// The settings.
    pub fn config(&self) -> &FetchConfig {
        &self.cfg
    }

    /// The configured gap for the URL's host.
    fn host_gap(&self, url: &url::Url) -> Duration {
        url.host_str()
            .and_then(|h| self.cfg.host_gaps.get(&h.to_ascii_lowercase()))
            .copied()
            .unwrap_or(self.cfg.host_gap)
    }

    /// Waits for the company's and the host's politeness slots.
    async fn wait_turn(&self, company: &str, url: &url::Url, host_gap: Duration) -> Result<(), DbError> {
        let host = format!("host:{}:{}", url.host_str().unwrap_or(""), url.port_or_known_default().unwrap_or(0));
        let a = limiter::reserve(&self.pool, &format!("company:{company}"), self.cfg.company_gap).await?;
        let b = limiter::reserve(&self.pool, &host, host_gap).await?;
        let wait = a.max(b);
        if !wait.is_zero() {
            tokio::time::sleep(wait).await;
        }
        Ok(())
    }

    /// The robots.txt rules for the URL's origin: cached, or fetched (politely,
    /// with retries) and cached.
    async fn robots_rules(&self, req: &FetchRequest<'_>) -> Result<Rules, FetchError> {
        let origin = robots::origin(req.url);
        if let Some(rules) = self.robots.get(&self.pool, &self.agent, &origin).await? {
            return Ok(rules);
        }
        let url = req.url.join("/robots.txt").map_err(|e| FetchError::Permanent(format!("robots.txt URL: {e}")))?;
        let robots_req = FetchRequest {
            url: &url,
            expect: Expect::Robots,
            etag: None,
            last_modified: None,
            json_body: None,
            ..*req
        };
        let (status, body) = match self.fetch_with_retries(&robots_req, self.host_gap(req.url)).await {
            Ok(Fetched::Page(p)) => (p.status, String::from_utf8_lossy(&p.body).into_owned()),
            Ok(Fetched::Gone(code)) => (code, String::new()),
            Ok(Fetched::NotModified | Fetched::Disallowed(_)) => (404, String::new()),
            // Any other 4xx means "no robots.txt": no restrictions.
            Err(FetchError::Permanent(reason)) if reason.starts_with("HTTP 4") => (404, String::new()),
            Err(FetchError::Transient(reason)) => {
                return Err(FetchError::Transient(format!("robots.txt unavailable: {reason}")));
            }
            Err(e) => return Err(e),
        };
        Ok(self.robots.put(&self.pool, &self.agent, &origin, status, &body).await?)
    }

    /// Fetches with politeness, robots.txt (for pages), retries and guards.
    pub async fn fetch(&self, req: &FetchRequest<'_>) -> Result<Fetched, FetchError> {
        check_url(req.url, self.cfg.allow_private).map_err(FetchError::Permanent)?;
        let mut host_gap = self.host_gap(req.url);
        if req.expect == Expect::Html {
            let rules = self.robots_rules(req).await?;
            if !rules.allowed(req.url.as_str()) {
                return Ok(Fetched::Disallowed(format!("disallowed by {}/robots.txt", robots::origin(req.url))));
            }
            if let Some(delay) = rules.crawl_delay() {
                host_gap = host_gap.max(delay);
            }
        }
        self.fetch_with_retries(req, host_gap).await
    }

    async fn fetch_with_retries(&self, req: &FetchRequest<'_>, host_gap: Duration) -> Result<Fetched, FetchError> {
        let mut last_err = String::new();
        for attempt in 0..self.cfg.attempts {
            self.wait_turn(req.company, req.url, host_gap).await?;
            match self.attempt(req).await {
                Ok(f) => return Ok(f),
                Err(Attempt::Permanent(e)) => return Err(FetchError::Permanent(e)),
                Err(Attempt::Transient { reason, retry_after }) => {
                    last_err = reason;
                    let backoff = self.cfg.backoff * 2u32.pow(attempt);
                    if let Some(ra) = retry_after {
                        let past_deadline = req.deadline.is_some_and(|d| std::time::Instant::now() + ra >= d);
                        if ra > self.cfg.max_retry_after || past_deadline {
                            return Err(FetchError::RetryLater {
                                after: ra,
                                reason: format!("{last_err} with Retry-After {}s", ra.as_secs()),
                            });
                        }
                    }
                    if attempt + 1 == self.cfg.attempts {
                        break;
                    }
                    let wait = retry_after.map_or(backoff, |ra| ra.max(backoff));
                    tracing::debug!(url = %req.url, attempt, wait_ms = wait.as_millis() as u64, reason = %last_err, "retrying fetch");
                    tokio::time::sleep(wait).await;
                }
            }
        }
        Err(FetchError::Transient(format!("{last_err} (after {} attempts)", self.cfg.attempts)))
    }

    async fn attempt(&self, req: &FetchRequest<'_>) -> Result<Fetched, Attempt> {
        let mut headers = HeaderMap::new();
        let accept = match req.expect {
            Expect::Html => "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
            Expect::Json => "application/json",
            Expect::Robots => "text/plain,*/*;q=0.1",
        };
        headers.insert(header::ACCEPT, HeaderValue::from_static(accept));
        if let Some(v) = req.etag.and_then(|v| HeaderValue::from_str(v).ok()) {
            headers.insert(header::IF_NONE_MATCH, v);
        }
        if let Some(v) = req.last_modified.and_then(|v| HeaderValue::from_str(v).ok()) {
            headers.insert(header::IF_MODIFIED_SINCE, v);
        }
        let builder = match req.json_body {
            Some(body) => self.client.post(req.url.clone()).json(body),
            None => self.client.get(req.url.clone()),
        };
        let mut resp = builder.headers(headers).send().await.map_err(classify_reqwest)?;
        let status = resp.status().as_u16();
        let hv = |name: header::HeaderName| resp.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
        match status {
            304 => return Ok(Fetched::NotModified),
            404 | 410 => return Ok(Fetched::Gone(status)),
            408 | 429 | 500..=599 => {
                let retry_after = hv(header::RETRY_AFTER).and_then(|v| parse_retry_after(&v, Utc::now()));
                return Err(Attempt::Transient { reason: format!("HTTP {status}"), retry_after });
            }
            200..=299 => {}
            _ => return Err(Attempt::Permanent(format!("HTTP {status}"))),
        }
        let content_type = hv(header::CONTENT_TYPE).unwrap_or_default().to_ascii_lowercase();
        let ok_type = match req.expect {
            Expect::Html => {
                content_type.is_empty() || content_type.contains("html") || content_type.starts_with("text/plain")
            }
            Expect::Json => content_type.is_empty() || content_type.contains("json"),
            Expect::Robots => true,
        };
        if !ok_type {
            return Err(Attempt::Permanent(format!(
                "refused: content type {content_type:?} is not {}",
                if req.expect == Expect::Html { "HTML" } else { "JSON" }
            )));
        }
        let max = self.cfg.max_body;
        if resp.content_length().is_some_and(|n| n as usize > max) {
            return Err(Attempt::Permanent(format!("refused: body larger than the {max}-byte cap")));
        }
        let (etag, last_modified) = (hv(header::ETAG), hv(header::LAST_MODIFIED));
        let final_url = resp.url().clone();
        let mut body = Vec::new();
        while let Some(chunk) = resp.chunk().await.map_err(classify_reqwest)? {
            if body.len() + chunk.len() > max {
                return Err(Attempt::Permanent(format!("refused: body larger than the {max}-byte cap")));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Fetched::Page(Page {
            status,
            body,
            etag,
            last_modified,
            content_type: (!content_type.is_empty()).then_some(content_type),
            final_url,
            fetched_at: Utc::now(),
        }))
    }
}

enum Attempt {
    Transient { reason: String, retry_after: Option<Duration> },
    Permanent(String),
}

fn classify_reqwest(e: reqwest::Error) -> Attempt {
    // The full chain carries the useful part ("refused: ...", "connection refused").
    let mut msg = e.to_string();
    let mut src = std::error::Error::source(&e);
    while let Some(s) = src {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        src = s.source();
    }
    if msg.contains("refused: ") {
        let at = msg.find("refused: ").unwrap_or(0);
        return Attempt::Permanent(msg[at..].to_owned());
    }
    if e.is_timeout() {
        return Attempt::Transient { reason: "timed out".into(), retry_after: None };
    }
    if e.is_redirect() {
        return Attempt::Permanent(msg);
    }
    if e.is_decode() {
        return Attempt::Permanent(format!("undecodable body: {msg}"));
    }
    Attempt::Transient { reason: msg, retry_after: None }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_private_and_loopback_addresses_are_forbidden() {
        for ip in [
            "169.254.169.254",
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "0.0.0.0",
            "100.64.0.1",
            "::1",
            "fe80::1",
            "fd00:ec2::254",
            "::ffff:127.0.0.1",
        ] {
            assert!(is_forbidden_ip(ip.parse().unwrap()), "{ip} allowed");
        }
        for ip in ["93.184.216.34", "2606:4700::1111", "8.8.8.8"] {
            assert!(!is_forbidden_ip(ip.parse().unwrap()), "{ip} forbidden");
        }
    }

    #[test]
    fn ip_literal_urls_are_checked_before_any_request() {
        let u = url::Url::parse("http://169.254.169.254/latest/meta-data/").unwrap();
        assert!(check_url(&u, false).unwrap_err().contains("refused"));
        assert!(
            check_url(&u, true).unwrap_err().contains("metadata"),
            "metadata is refused even when private networks are allowed"
        );
        let local = url::Url::parse("http://127.0.0.1:8080/jobs/1").unwrap();
        assert!(check_url(&local, false).is_err());
        assert!(check_url(&local, true).is_ok());
        let f = url::Url::parse("ftp://example.com/").unwrap();
        assert!(check_url(&f, true).is_err());
    }

    #[test]
    fn host_gaps_are_read_per_host_and_bad_pairs_are_named() {
        let env = |v: &str| Env::from_map([("HOST_GAPS".to_string(), v.to_string())].into());
        let g = parse_host_gaps(&env("boards-api.greenhouse.io=500, API.lever.co=2000")).unwrap();
        assert_eq!(g["boards-api.greenhouse.io"], Duration::from_millis(500));
        assert_eq!(g["api.lever.co"], Duration::from_secs(2));
        assert!(parse_host_gaps(&env("nohost")).unwrap_err().to_string().contains("HOST_GAPS"));
        assert!(parse_host_gaps(&env("a=fast")).is_err());
    }

    #[test]
    fn retry_after_reads_seconds_and_http_dates() {
        let now = DateTime::parse_from_rfc3339("2026-11-23T00:00:00Z").unwrap().with_timezone(&Utc);
        assert_eq!(parse_retry_after("7", now), Some(Duration::from_secs(7)));
        assert_eq!(parse_retry_after("Mon, 23 Nov 2026 00:00:30 GMT", now), Some(Duration::from_secs(30)));
        assert_eq!(parse_retry_after("Sun, 22 Nov 2026 23:00:00 GMT", now), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("soon", now), None);
    }
}
