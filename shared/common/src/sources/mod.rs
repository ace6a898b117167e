//! Applicant-tracking-system adapters: each lists a company's open jobs
//! through the ATS's public API. Every adapter is a small module behind the
//! [`Source`] trait; [`list_jobs`] picks the one a company is configured for.

pub mod greenhouse;

use std::future::Future;

use serde_json::Value;

use crate::config::{ConfigError, Env};
use crate::db::companies::Company;
use crate::db::jobs::ListedJob;
use crate::domain::SourceKind;
use crate::fetch::{FetchError, FetchRequest, Fetched, Fetcher};

/// Why listing a company's jobs failed.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    /// The request failed.
    #[error(transparent)]
    Fetch(#[from] FetchError),
    /// The board answered, but not with the shape this adapter reads.
    #[error("unexpected response from {source_kind}: {reason}")]
    Parse {
        /// The source.
        source_kind: &'static str,
        /// What was wrong.
        reason: String,
    },
    /// The company's source configuration is unusable.
    #[error("company {company} is misconfigured: {reason}")]
    Config {
        /// The company slug.
        company: String,
        /// What is wrong.
        reason: String,
    },
    /// The board is gone (404/410).
    #[error("board not found (HTTP {0})")]
    BoardGone(u16),
    /// This build has no adapter for the source yet.
    #[error("source {0} is not supported yet")]
    Unsupported(String),
}

/// Base URLs of the ATS APIs; configurable so tests point them at the
/// fixture sites.
#[derive(Debug, Clone)]
pub struct SourceBases {
    /// Greenhouse job board API.
    pub greenhouse: url::Url,
}

impl SourceBases {
    /// Reads `GREENHOUSE_API_BASE` (default `https://boards-api.greenhouse.io`).
    pub fn from_env(env: &Env) -> Result<Self, ConfigError> {
        let base = |var: &str, default: &str| -> Result<url::Url, ConfigError> {
            match env.get(var) {
                Some(_) => env.url(var),
                None => Ok(url::Url::parse(default).expect("default base URL parses")),
            }
        };
        Ok(Self {
            greenhouse: base("GREENHOUSE_API_BASE", "https://boards-api.greenhouse.io")?,
        })
    }
}

/// What an adapter needs to list a company.
pub struct ListContext<'a> {
    /// The polite fetcher.
    pub fetcher: &'a Fetcher,
    /// The company.
    pub company: &'a Company,
    /// The API base (the company's `base_url` override, or the source's).
    pub base: url::Url,
}

impl ListContext<'_> {
    /// A required string in the company's config.
    pub fn config_str(&self, key: &str) -> Result<&str, SourceError> {
        self.company
            .config
            .get(key)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .ok_or_else(|| SourceError::Config {
                company: self.company.slug.clone(),
                reason: format!("config.{key} is required"),
            })
    }
}

impl ListContext<'_> {
    /// Fetches a JSON document politely (GET, or POST when `body` is given)
    /// and parses it; a 404/410 means the board is gone.
    pub async fn get_json<T: serde::de::DeserializeOwned>(
        &self,
        source_kind: &'static str,
        url: &url::Url,
        body: Option<&Value>,
    ) -> Result<T, SourceError> {
        let mut req = FetchRequest::api(url, &self.company.slug);
        req.json_body = body;
        let page = match self.fetcher.fetch(&req).await? {
            Fetched::Page(p) => p,
            Fetched::Gone(code) => return Err(SourceError::BoardGone(code)),
            Fetched::NotModified | Fetched::Disallowed(_) => {
                return Err(SourceError::Parse { source_kind, reason: "unexpected 304 Not Modified".into() });
            }
        };
        serde_json::from_slice(&page.body).map_err(|e| SourceError::Parse { source_kind, reason: e.to_string() })
    }

    /// `base` with extra path segments appended.
    pub fn url_with_path(&self, segments: &[&str]) -> Result<url::Url, SourceError> {
        let mut url = self.base.clone();
        url.path_segments_mut()
            .map_err(|_| SourceError::Config { company: self.company.slug.clone(), reason: "base URL cannot have a path".into() })?
            .pop_if_empty()
            .extend(segments);
        Ok(url)
    }
}

/// An ATS adapter.
pub trait Source {
    /// Lists the company's open jobs, following the API's paging.
    fn list_jobs(&self, ctx: &ListContext<'_>) -> impl Future<Output = Result<Vec<ListedJob>, SourceError>> + Send;
}

/// Lists a company's jobs with the adapter of its source.
pub async fn list_jobs(company: &Company, fetcher: &Fetcher, bases: &SourceBases) -> Result<Vec<ListedJob>, SourceError> {
    let kind: SourceKind = company
        .source
        .parse()
        .map_err(|_| SourceError::Unsupported(company.source.clone()))?;
    let override_base = company.config.get("base_url").and_then(Value::as_str);
    let base = |default: &url::Url| -> Result<url::Url, SourceError> {
        match override_base {
            Some(b) => url::Url::parse(b).map_err(|e| SourceError::Config {
                company: company.slug.clone(),
                reason: format!("config.base_url is not a URL: {e}"),
            }),
            None => Ok(default.clone()),
        }
    };
    match kind {
        SourceKind::Greenhouse => {
            let ctx = ListContext { fetcher, company, base: base(&bases.greenhouse)? };
            greenhouse::Greenhouse.list_jobs(&ctx).await
        }
        other => Err(SourceError::Unsupported(other.to_string())),
    }
}
