//! robots.txt (RFC 9309), cached per origin with a TTL: in memory per
//! instance, and in Postgres across instances. Parsing and matching use the
//! `texting_robots` crate.
//!
//! Rules we apply to job pages (ATS JSON APIs are documented public APIs and
//! are not checked):
//! - 2xx: the rules for our User-Agent product token apply; `Crawl-delay`
//!   raises the host's politeness gap.
//! - 4xx (404 included): no restrictions, as the RFC says.
//! - 5xx or unreachable: we cannot know, so the page is not fetched; this is
//!   a transient failure of the page (the breaker counts it) and is not
//!   cached, so the next page retries.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use sqlx::PgPool;
use texting_robots::Robot;

use crate::db::DbError;

/// A parsed robots.txt, ready to answer.
#[derive(Clone)]
pub struct Rules {
    robot: Option<Arc<Robot>>,
}

impl Rules {
    /// Parses a robots.txt body for our product token. Unparseable files
    /// impose nothing, as a missing one would.
    pub fn parse(agent_token: &str, status: u16, body: &str) -> Self {
        if !(200..300).contains(&status) {
            return Self { robot: None };
        }
        Self { robot: Robot::new(agent_token, body.as_bytes()).ok().map(Arc::new) }
    }

    /// Whether the URL may be fetched.
    pub fn allowed(&self, url: &str) -> bool {
        self.robot.as_ref().is_none_or(|r| r.allowed(url))
    }

    /// The `Crawl-delay` for our agent, if any (capped at a minute).
    pub fn crawl_delay(&self) -> Option<Duration> {
        let d = self.robot.as_ref()?.delay?;
        (d.is_finite() && d > 0.0).then(|| Duration::from_secs_f32(d.min(60.0)))
    }
}

/// The product token of a User-Agent ("jh-crawler/0.1 (+url)" → "jh-crawler").
pub fn agent_token(user_agent: &str) -> String {
    user_agent.split(['/', ' ']).next().unwrap_or(user_agent).to_owned()
}

/// `scheme://host:port` of a URL: robots.txt is per origin.
pub fn origin(url: &url::Url) -> String {
    format!("{}://{}:{}", url.scheme(), url.host_str().unwrap_or(""), url.port_or_known_default().unwrap_or(0))
}

/// Per-instance cache in front of the shared table.
#[derive(Clone)]
pub struct RobotsCache {
    mem: Arc<Mutex<HashMap<String, (Rules, Instant)>>>,
    ttl: Duration,
}

impl RobotsCache {
    /// A cache whose entries live `ttl`.
    pub fn new(ttl: Duration) -> Self {
        Self { mem: Arc::default(), ttl }
    }

    /// Cached rules for an origin, from memory or Postgres.
    pub async fn get(&self, pool: &PgPool, agent: &str, origin: &str) -> Result<Option<Rules>, DbError> {
        if let Some((rules, at)) = self.mem.lock().expect("robots lock").get(origin)
            && at.elapsed() < self.ttl
        {
            return Ok(Some(rules.clone()));
        }
        let row: Option<(i32, String)> = sqlx::query_as(
            "SELECT status, body FROM robots_txt WHERE origin = $1 AND fetched_at > now() - make_interval(secs => $2)",
        )
        .bind(origin)
        .bind(self.ttl.as_secs_f64())
        .fetch_optional(pool)
        .await?;
        Ok(row.map(|(status, body)| {
            let rules = Rules::parse(agent, status as u16, &body);
            self.mem.lock().expect("robots lock").insert(origin.to_owned(), (rules.clone(), Instant::now()));
            rules
        }))
    }

    /// Stores a freshly fetched robots.txt and returns its rules.
    pub async fn put(
        &self,
        pool: &PgPool,
        agent: &str,
        origin: &str,
        status: u16,
        body: &str,
    ) -> Result<Rules, DbError> {
        // Bound what we keep: RFC 9309 lets crawlers ignore content past 500 KiB.
        let body: String = body.chars().take(500 * 1024).collect();
        sqlx::query(
            "INSERT INTO robots_txt (origin, status, body, fetched_at) VALUES ($1, $2, $3, now())
             ON CONFLICT (origin) DO UPDATE SET status = EXCLUDED.status, body = EXCLUDED.body, fetched_at = now()",
        )
        .bind(origin)
        .bind(status as i32)
        .bind(&body)
        .execute(pool)
        .await?;
        let rules = Rules::parse(agent, status, &body);
        self.mem.lock().expect("robots lock").insert(origin.to_owned(), (rules.clone(), Instant::now()));
        Ok(rules)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disallow_for_our_agent_and_crawl_delay_are_read() {
        let txt = "User-agent: jh-crawler\nDisallow: /private/\nCrawl-delay: 2\n\nUser-agent: *\nDisallow: /\n";
        let r = Rules::parse("jh-crawler", 200, txt);
        assert!(!r.allowed("http://x/private/job/1"));
        assert!(r.allowed("http://x/jobs/1"));
        assert_eq!(r.crawl_delay(), Some(Duration::from_secs(2)));
    }

    #[test]
    fn a_missing_robots_txt_allows_everything() {
        assert!(Rules::parse("jh-crawler", 404, "").allowed("http://x/anything"));
    }

    #[test]
    fn agent_token_is_the_product_name() {
        assert_eq!(agent_token("jh-crawler/0.1 (+https://x)"), "jh-crawler");
    }
}
