//! Applicant-tracking-system adapters: each lists a company's open jobs
//! through the ATS's public API. Every adapter is a small module behind the
//! [`Source`] trait; [`list_jobs`] picks the one a company is configured for.
//!
//! Where each source's API lives:
//!
//! | source | base (env var, default) | company config |
//! |---|---|---|
//! | greenhouse | `GREENHOUSE_API_BASE`, `https://boards-api.greenhouse.io` | `board` |
//! | lever | `LEVER_API_BASE`, `https://api.lever.co` | `site` |
//! | ashby | `ASHBY_API_BASE`, `https://api.ashbyhq.com` | `board` |
//! | smartrecruiters | `SMARTRECRUITERS_API_BASE`, `https://api.smartrecruiters.com`; job pages `SMARTRECRUITERS_JOBS_BASE`, `https://jobs.smartrecruiters.com` | `company`, optional `jobs_base_url` |
//! | workday | `WORKDAY_API_BASE`, template `https://{host}` | `tenant`, `site`, `host` |
//! | recruitee | `RECRUITEE_API_BASE`, template `https://{company}.recruitee.com` | `company` |
//!
//! Workday and Recruitee serve every company from its own host, so their
//! base is a [`UrlTemplate`] filled from the company's config; a template
//! without the placeholder (e.g. `http://127.0.0.1:8080`) sends every
//! company of that source to one host, which is how the devstack points them
//! at the fixture sites. For every source, a company's `base_url` config
//! replaces the base entirely (an EU Lever account, a Recruitee custom
//! domain, a test server).

pub mod ashby;
pub mod greenhouse;
pub mod lever;
pub mod recruitee;
pub mod smartrecruiters;
pub mod workday;

use std::collections::HashSet;

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

/// A base URL with one placeholder (`{host}`, `{company}`) that a
/// company's config fills in, for sources that give every company its own
/// host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlTemplate {
    template: String,
    placeholder: &'static str,
}

impl UrlTemplate {
    /// A template using `placeholder` (written with its braces, e.g.
    /// `"{host}"`); it must give an http(s) URL once filled in.
    pub fn new(template: &str, placeholder: &'static str) -> Result<Self, String> {
        let t = Self { template: template.trim().to_owned(), placeholder };
        let sample = t.template.replace(placeholder, "example");
        let url = url::Url::parse(&sample).map_err(|e| format!("not a URL: {e}"))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err("must be an http(s) URL".into());
        }
        Ok(t)
    }

    /// Whether the template needs a value from the company's config.
    pub fn needs_value(&self) -> bool {
        self.template.contains(self.placeholder)
    }

    /// The template with `value` filled in. The value must look like a host
    /// name (letters, digits, `.`, `-`, `_`), so a config value can never
    /// change the URL's scheme, port, path or credentials.
    pub fn expand(&self, value: &str) -> Result<url::Url, String> {
        if self.needs_value()
            && (value.is_empty() || !value.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_')))
        {
            return Err(format!("{value:?} is not a host name"));
        }
        url::Url::parse(&self.template.replace(self.placeholder, value)).map_err(|e| e.to_string())
    }
}

/// Base URLs of the ATS APIs; configurable so tests point them at the
/// fixture sites.
#[derive(Debug, Clone)]
pub struct SourceBases {
    /// Greenhouse job board API.
    pub greenhouse: url::Url,
    /// Lever postings API.
    pub lever: url::Url,
    /// Ashby posting API.
    pub ashby: url::Url,
    /// SmartRecruiters postings API.
    pub smartrecruiters: url::Url,
    /// SmartRecruiters public job pages (the listing carries no page URL).
    pub smartrecruiters_jobs: url::Url,
    /// Workday tenant host, from the company's `host`.
    pub workday: UrlTemplate,
    /// Recruitee careers site, from the company's `company` subdomain.
    pub recruitee: UrlTemplate,
}

impl SourceBases {
    /// Reads `GREENHOUSE_API_BASE` (default `https://boards-api.greenhouse.io`),
    /// `LEVER_API_BASE` (`https://api.lever.co`), `ASHBY_API_BASE`
    /// (`https://api.ashbyhq.com`), `SMARTRECRUITERS_API_BASE`
    /// (`https://api.smartrecruiters.com`), `SMARTRECRUITERS_JOBS_BASE`
    /// (`https://jobs.smartrecruiters.com`), and the templates
    /// `WORKDAY_API_BASE` (`https://{host}`) and `RECRUITEE_API_BASE`
    /// (`https://{company}.recruitee.com`).
    pub fn from_env(env: &Env) -> Result<Self, ConfigError> {
        let base = |var: &str, default: &str| -> Result<url::Url, ConfigError> {
            match env.get(var) {
                Some(_) => env.url(var),
                None => Ok(url::Url::parse(default).expect("default base URL parses")),
            }
        };
        let template = |var: &str, default: &str, placeholder: &'static str| -> Result<UrlTemplate, ConfigError> {
            UrlTemplate::new(&env.get(var).unwrap_or_else(|| default.to_owned()), placeholder)
                .map_err(|reason| ConfigError::invalid(var, reason))
        };
        Ok(Self {
            greenhouse: base("GREENHOUSE_API_BASE", "https://boards-api.greenhouse.io")?,
            lever: base("LEVER_API_BASE", "https://api.lever.co")?,
            ashby: base("ASHBY_API_BASE", "https://api.ashbyhq.com")?,
            smartrecruiters: base("SMARTRECRUITERS_API_BASE", "https://api.smartrecruiters.com")?,
            smartrecruiters_jobs: base("SMARTRECRUITERS_JOBS_BASE", "https://jobs.smartrecruiters.com")?,
            workday: template("WORKDAY_API_BASE", "https://{host}", "{host}")?,
            recruitee: template("RECRUITEE_API_BASE", "https://{company}.recruitee.com", "{company}")?,
        })
    }
}

/// Parses a JSON body into `T`, or a [`SourceError::Parse`] for `source_kind`.
pub fn parse_json<T: serde::de::DeserializeOwned>(source_kind: &'static str, body: &[u8]) -> Result<T, SourceError> {
    serde_json::from_slice(body).map_err(|e| SourceError::Parse { source_kind, reason: e.to_string() })
}

/// Keeps the first job of each external id, in order: a board that lists a
/// job twice (several locations, a page boundary moving under us) must not
/// upsert the same row twice.
pub fn dedup_by_external_id(jobs: Vec<ListedJob>) -> Vec<ListedJob> {
    let mut seen = HashSet::new();
    jobs.into_iter().filter(|j| seen.insert(j.external_id.clone())).collect()
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
        self.company.config.get(key).and_then(Value::as_str).filter(|s| !s.is_empty()).ok_or_else(|| {
            SourceError::Config { company: self.company.slug.clone(), reason: format!("config.{key} is required") }
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
            .map_err(|_| SourceError::Config {
                company: self.company.slug.clone(),
                reason: "base URL cannot have a path".into(),
            })?
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
pub async fn list_jobs(
    company: &Company,
    fetcher: &Fetcher,
    bases: &SourceBases,
) -> Result<Vec<ListedJob>, SourceError> {
    let kind: SourceKind = company.source.parse().map_err(|_| SourceError::Unsupported(company.source.clone()))?;
    let misconfigured = |reason: String| SourceError::Config { company: company.slug.clone(), reason };
    let override_base = match company.config.get("base_url").and_then(Value::as_str) {
        Some(b) => Some(url::Url::parse(b).map_err(|e| misconfigured(format!("config.base_url is not a URL: {e}")))?),
        None => None,
    };
    let base = |default: &url::Url| override_base.clone().unwrap_or_else(|| default.clone());
    let templated = |template: &UrlTemplate, key: &str| -> Result<url::Url, SourceError> {
        if let Some(b) = &override_base {
            return Ok(b.clone());
        }
        let value = match company.config.get(key).and_then(Value::as_str).filter(|s| !s.is_empty()) {
            Some(v) => v,
            None if template.needs_value() => {
                return Err(misconfigured(format!("config.{key} (or config.base_url) is required")));
            }
            None => "",
        };
        template.expand(value).map_err(|e| misconfigured(format!("config.{key}: {e}")))
    };
    let listed = match kind {
        SourceKind::Greenhouse => {
            let ctx = ListContext { fetcher, company, base: base(&bases.greenhouse) };
            greenhouse::Greenhouse.list_jobs(&ctx).await
        }
        SourceKind::Lever => {
            let ctx = ListContext { fetcher, company, base: base(&bases.lever) };
            lever::Lever.list_jobs(&ctx).await
        }
        SourceKind::Ashby => {
            let ctx = ListContext { fetcher, company, base: base(&bases.ashby) };
            ashby::Ashby.list_jobs(&ctx).await
        }
        SourceKind::SmartRecruiters => {
            let jobs_base = match company.config.get("jobs_base_url").and_then(Value::as_str) {
                Some(b) => {
                    url::Url::parse(b).map_err(|e| misconfigured(format!("config.jobs_base_url is not a URL: {e}")))?
                }
                None => bases.smartrecruiters_jobs.clone(),
            };
            let ctx = ListContext { fetcher, company, base: base(&bases.smartrecruiters) };
            smartrecruiters::SmartRecruiters { jobs_base }.list_jobs(&ctx).await
        }
        SourceKind::Workday => {
            let ctx = ListContext { fetcher, company, base: templated(&bases.workday, "host")? };
            workday::Workday.list_jobs(&ctx).await
        }
        SourceKind::Recruitee => {
            let ctx = ListContext { fetcher, company, base: templated(&bases.recruitee, "company")? };
            recruitee::Recruitee.list_jobs(&ctx).await
        }
    }?;
    Ok(dedup_by_external_id(listed))
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn env(vars: &[(&str, &str)]) -> Env {
        Env::from_map(vars.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect::<HashMap<_, _>>())
    }

    #[test]
    fn bases_default_to_the_public_apis_and_per_company_hosts() {
        // GIVEN no configuration
        let b = SourceBases::from_env(&env(&[])).unwrap();
        // THEN each source points at its public API, Workday and Recruitee at the company's own host
        assert_eq!(b.lever.as_str(), "https://api.lever.co/");
        assert_eq!(b.ashby.as_str(), "https://api.ashbyhq.com/");
        assert_eq!(b.smartrecruiters.as_str(), "https://api.smartrecruiters.com/");
        assert_eq!(b.smartrecruiters_jobs.as_str(), "https://jobs.smartrecruiters.com/");
        assert_eq!(
            b.workday.expand("gdit.wd5.myworkdayjobs.com").unwrap().as_str(),
            "https://gdit.wd5.myworkdayjobs.com/"
        );
        assert_eq!(b.recruitee.expand("acme").unwrap().as_str(), "https://acme.recruitee.com/");
    }

    #[test]
    fn a_template_without_its_placeholder_sends_every_company_to_one_host() {
        // GIVEN the devstack's templates
        let b = SourceBases::from_env(&env(&[
            ("WORKDAY_API_BASE", "http://127.0.0.1:9000"),
            ("RECRUITEE_API_BASE", "http://127.0.0.1:9000/recruitee/{company}"),
        ]))
        .unwrap();
        // THEN Workday needs no host, and Recruitee's subdomain becomes a path
        assert!(!b.workday.needs_value());
        assert_eq!(b.workday.expand("").unwrap().as_str(), "http://127.0.0.1:9000/");
        assert_eq!(b.recruitee.expand("acme").unwrap().as_str(), "http://127.0.0.1:9000/recruitee/acme");
    }

    #[test]
    fn a_config_value_cannot_escape_the_host_part_of_a_template() {
        let t = UrlTemplate::new("https://{company}.recruitee.com", "{company}").unwrap();
        for bad in ["", "evil.com/x?", "a@b", "a:1", "a b"] {
            assert!(t.expand(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn a_bad_base_names_its_variable() {
        let err = SourceBases::from_env(&env(&[("RECRUITEE_API_BASE", "ftp://{company}.example")])).unwrap_err();
        assert!(err.to_string().contains("RECRUITEE_API_BASE"), "{err}");
        let err = SourceBases::from_env(&env(&[("LEVER_API_BASE", "not a url")])).unwrap_err();
        assert!(err.to_string().contains("LEVER_API_BASE"), "{err}");
    }

    #[test]
    fn duplicate_external_ids_keep_their_first_listing() {
        let job = |id: &str, title: &str| ListedJob {
            external_id: id.into(),
            url: "u".into(),
            title: title.into(),
            location_text: None,
        };
        let out = dedup_by_external_id(vec![job("1", "a"), job("2", "b"), job("1", "c")]);
        assert_eq!(out, vec![job("1", "a"), job("2", "b")]);
    }
}
