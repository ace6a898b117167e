//! Typed configuration read from the environment once, at cold start.
//!
//! Every reader goes through [`Env`], so a missing or malformed value fails
//! immediately with an error naming the variable and what is wrong with it.
//! Tests feed the same code a map instead of the process environment.

use std::collections::HashMap;
use std::str::FromStr;
use std::time::Duration;

/// A configuration value that is missing or cannot be used.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ConfigError {
    /// The variable is required and not set (or empty).
    #[error("environment variable {var} is required but not set")]
    Missing {
        /// Name of the variable.
        var: String,
    },
    /// The variable is set but its value is unusable.
    #[error("environment variable {var} is invalid: {reason}")]
    Invalid {
        /// Name of the variable.
        var: String,
        /// What is wrong with the value (never the value itself, it may be a secret).
        reason: String,
    },
}

impl ConfigError {
    /// Builds an [`ConfigError::Invalid`] for `var`.
    pub fn invalid(var: &str, reason: impl Into<String>) -> Self {
        Self::Invalid { var: var.to_owned(), reason: reason.into() }
    }
}

/// Where configuration values come from: the process environment or a map.
pub struct Env {
    lookup: Lookup,
}

type Lookup = Box<dyn Fn(&str) -> Option<String> + Send + Sync>;

impl Env {
    /// Reads from the process environment.
    pub fn process() -> Self {
        Self { lookup: Box::new(|k| std::env::var(k).ok()) }
    }

    /// Reads from a fixed map; used by tests and the devstack.
    pub fn from_map(map: HashMap<String, String>) -> Self {
        Self { lookup: Box::new(move |k| map.get(k).cloned()) }
    }

    /// This environment with some variables set (or replaced) by `overrides`.
    pub fn with_overrides(self, overrides: HashMap<String, String>) -> Self {
        if overrides.is_empty() {
            return self;
        }
        let inner = self.lookup;
        Self { lookup: Box::new(move |k| overrides.get(k).cloned().or_else(|| inner(k))) }
    }

    /// The raw value, treating an empty string as unset.
    pub fn get(&self, var: &str) -> Option<String> {
        (self.lookup)(var).filter(|v| !v.trim().is_empty())
    }

    /// A required string.
    pub fn required(&self, var: &str) -> Result<String, ConfigError> {
        self.get(var).ok_or_else(|| ConfigError::Missing { var: var.to_owned() })
    }

    /// An optional value parsed with `FromStr`, or `default` when unset.
    pub fn parse_or<T>(&self, var: &str, default: T) -> Result<T, ConfigError>
    where
        T: FromStr,
        T::Err: std::fmt::Display,
    {
        match self.get(var) {
            None => Ok(default),
            Some(v) => v.trim().parse().map_err(|e| ConfigError::invalid(var, format!("cannot parse {v:?}: {e}"))),
        }
    }

    /// A boolean flag: `true/false/1/0/yes/no`, or `default` when unset.
    pub fn flag(&self, var: &str, default: bool) -> Result<bool, ConfigError> {
        match self.get(var).map(|v| v.trim().to_ascii_lowercase()) {
            None => Ok(default),
            Some(v) if matches!(v.as_str(), "1" | "true" | "yes" | "on") => Ok(true),
            Some(v) if matches!(v.as_str(), "0" | "false" | "no" | "off") => Ok(false),
            Some(v) => Err(ConfigError::invalid(var, format!("expected true or false, got {v:?}"))),
        }
    }

    /// A duration in milliseconds within `[min, max]`, or `default` when unset.
    pub fn millis(&self, var: &str, default: Duration, min: Duration, max: Duration) -> Result<Duration, ConfigError> {
        let ms: u64 = self.parse_or(var, default.as_millis() as u64)?;
        let d = Duration::from_millis(ms);
        if d < min || d > max {
            return Err(ConfigError::invalid(
                var,
                format!("must be between {} and {} milliseconds, got {ms}", min.as_millis(), max.as_millis()),
            ));
        }
        Ok(d)
    }

    /// A required http(s) URL.
    pub fn url(&self, var: &str) -> Result<url::Url, ConfigError> {
        let raw = self.required(var)?;
        let url = url::Url::parse(raw.trim()).map_err(|e| ConfigError::invalid(var, format!("not a URL: {e}")))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(ConfigError::invalid(var, "must be an http(s) URL"));
        }
        Ok(url)
    }
}

/// Settings every function needs to reach Postgres.
#[derive(Debug, Clone)]
pub struct DbConfig {
    /// `postgres://` connection URL.
    pub url: String,
    /// Pool size per Lambda instance; keep it small (see docs/DEPLOY.md).
    pub max_connections: u32,
}

impl DbConfig {
    /// Reads `DATABASE_URL` and `DB_MAX_CONNECTIONS` (default 2).
    pub fn from_env(env: &Env) -> Result<Self, ConfigError> {
        let url = env.required("DATABASE_URL")?;
        if !(url.starts_with("postgres://") || url.starts_with("postgresql://")) {
            return Err(ConfigError::invalid("DATABASE_URL", "must start with postgres:// or postgresql://"));
        }
        let max_connections = env.parse_or("DB_MAX_CONNECTIONS", 2u32)?;
        if !(1..=100).contains(&max_connections) {
            return Err(ConfigError::invalid("DB_MAX_CONNECTIONS", "must be between 1 and 100"));
        }
        Ok(Self { url, max_connections })
    }
}

/// The queue URLs and bucket shared by the workers and the API.
#[derive(Debug, Clone)]
pub struct QueueUrls {
    /// `crawl.fifo`.
    pub crawl: String,
    /// The crawl queue's FIFO dead-letter queue.
    pub crawl_dlq: String,
    /// The extract queue.
    pub extract: String,
    /// The extract queue's dead-letter queue.
    pub extract_dlq: String,
}

impl QueueUrls {
    /// Reads `CRAWL_QUEUE_URL`, `CRAWL_DLQ_URL`, `EXTRACT_QUEUE_URL`, `EXTRACT_DLQ_URL`.
    pub fn from_env(env: &Env) -> Result<Self, ConfigError> {
        let crawl = env.url("CRAWL_QUEUE_URL")?.to_string();
        if !crawl.ends_with(".fifo") {
            return Err(ConfigError::invalid("CRAWL_QUEUE_URL", "must be a FIFO queue (name ending in .fifo)"));
        }
        let crawl_dlq = env.url("CRAWL_DLQ_URL")?.to_string();
        if !crawl_dlq.ends_with(".fifo") {
            return Err(ConfigError::invalid(
                "CRAWL_DLQ_URL",
                "the dead-letter queue of a FIFO queue must itself be FIFO",
            ));
        }
        Ok(Self {
            crawl,
            crawl_dlq,
            extract: env.url("EXTRACT_QUEUE_URL")?.to_string(),
            extract_dlq: env.url("EXTRACT_DLQ_URL")?.to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> Env {
        Env::from_map(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect())
    }

    #[test]
    fn missing_database_url_names_the_variable() {
        // GIVEN an empty environment WHEN the db config is read
        let err = DbConfig::from_env(&env(&[])).unwrap_err();
        // THEN the error names DATABASE_URL
        assert_eq!(err.to_string(), "environment variable DATABASE_URL is required but not set");
    }

    #[test]
    fn non_postgres_database_url_is_rejected() {
        let err = DbConfig::from_env(&env(&[("DATABASE_URL", "mysql://x")])).unwrap_err();
        assert!(matches!(err, ConfigError::Invalid { ref var, .. } if var == "DATABASE_URL"));
    }

    #[test]
    fn unparseable_number_says_what_is_wrong() {
        let err =
            DbConfig::from_env(&env(&[("DATABASE_URL", "postgres://localhost/jh"), ("DB_MAX_CONNECTIONS", "lots")]))
                .unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("DB_MAX_CONNECTIONS") && msg.contains("cannot parse"), "{msg}");
    }

    #[test]
    fn crawl_queue_must_be_fifo() {
        let err = QueueUrls::from_env(&env(&[
            ("CRAWL_QUEUE_URL", "http://localhost:5000/123/crawl"),
            ("CRAWL_DLQ_URL", "http://localhost:5000/123/crawl-dlq.fifo"),
            ("EXTRACT_QUEUE_URL", "http://localhost:5000/123/extract"),
            ("EXTRACT_DLQ_URL", "http://localhost:5000/123/extract-dlq"),
        ]))
        .unwrap_err();
        assert!(err.to_string().contains("CRAWL_QUEUE_URL"));
    }

    #[test]
    fn out_of_range_duration_is_rejected() {
        let e = env(&[("POLITENESS_GAP_MS", "999999999")]);
        let err =
            e.millis("POLITENESS_GAP_MS", Duration::from_secs(1), Duration::ZERO, Duration::from_secs(60)).unwrap_err();
        assert!(err.to_string().contains("between 0 and 60000"));
    }

    #[test]
    fn bad_flag_is_rejected_and_good_flags_parse() {
        assert!(env(&[("X", "maybe")]).flag("X", false).is_err());
        assert!(env(&[("X", "TRUE")]).flag("X", false).unwrap());
        assert!(!env(&[]).flag("X", false).unwrap());
    }
}
