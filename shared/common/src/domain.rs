//! Domain types, validated at construction: a value of these types is always
//! well-formed, so the rest of the code never re-checks.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Why a domain value was rejected.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DomainError {
    /// A company slug that is not 1–63 chars of `[a-z0-9-]` starting alphanumeric.
    #[error("invalid company slug {0:?}: use 1-63 lowercase letters, digits or '-', starting with a letter or digit")]
    Slug(String),
    /// A run id that is not a UUID.
    #[error("invalid run id {0:?}: expected a UUID")]
    RunId(String),
    /// A job URL that is not an absolute http(s) URL with a host.
    #[error("invalid job url {url:?}: {reason}")]
    JobUrl {
        /// The rejected input (truncated).
        url: String,
        /// What is wrong.
        reason: &'static str,
    },
    /// A status string this version does not know.
    #[error("unknown status {0:?}")]
    Status(String),
}

/// A company's stable identifier, used as the FIFO MessageGroupId.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CompanySlug(String);

impl CompanySlug {
    /// Validates and wraps a slug.
    pub fn new(s: impl Into<String>) -> Result<Self, DomainError> {
        let s = s.into();
        let ok = !s.is_empty()
            && s.len() <= 63
            && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && s.as_bytes()[0] != b'-';
        if ok { Ok(Self(s)) } else { Err(DomainError::Slug(s)) }
    }

    /// The slug as a string.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for CompanySlug {
    type Error = DomainError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::new(s)
    }
}

impl From<CompanySlug> for String {
    fn from(s: CompanySlug) -> Self {
        s.0
    }
}

impl fmt::Display for CompanySlug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An ingestion run's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, sqlx::Type)]
#[serde(try_from = "String", into = "String")]
#[sqlx(transparent)]
pub struct RunId(Uuid);

impl RunId {
    /// A fresh random id.
    pub fn new_random() -> Self {
        Self(Uuid::new_v4())
    }

    /// The underlying UUID.
    pub fn uuid(&self) -> Uuid {
        self.0
    }
}

impl From<Uuid> for RunId {
    fn from(u: Uuid) -> Self {
        Self(u)
    }
}

impl FromStr for RunId {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Uuid::parse_str(s).map(Self).map_err(|_| DomainError::RunId(s.chars().take(64).collect()))
    }
}

impl TryFrom<String> for RunId {
    type Error = DomainError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<RunId> for String {
    fn from(r: RunId) -> Self {
        r.0.to_string()
    }
}

impl fmt::Display for RunId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// An absolute http(s) URL of a job page, at most 2 KiB long.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct JobUrl(url::Url);

impl JobUrl {
    /// Validates and wraps a URL.
    pub fn new(s: &str) -> Result<Self, DomainError> {
        let bad = |reason| DomainError::JobUrl { url: s.chars().take(200).collect(), reason };
        if s.len() > 2048 {
            return Err(bad("longer than 2048 bytes"));
        }
        let url = url::Url::parse(s).map_err(|_| bad("not an absolute URL"))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(bad("scheme must be http or https"));
        }
        if url.host_str().is_none_or(str::is_empty) {
            return Err(bad("no host"));
        }
        // The limit holds for the stored form too: parsing can lengthen a
        // URL (punycode hosts, percent-encoding), and a message carrying it
        // must decode again (found by fuzzing).
        if url.as_str().len() > 2048 {
            return Err(bad("longer than 2048 bytes once normalised"));
        }
        Ok(Self(url))
    }

    /// The parsed URL.
    pub fn url(&self) -> &url::Url {
        &self.0
    }

    /// The URL as a string.
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

impl TryFrom<String> for JobUrl {
    type Error = DomainError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::new(&s)
    }
}

impl From<JobUrl> for String {
    fn from(u: JobUrl) -> Self {
        u.0.into()
    }
}

impl fmt::Display for JobUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

macro_rules! string_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident => $s:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vm])* $variant),+ }

        impl $name {
            /// The database and wire spelling.
            pub fn as_str(&self) -> &'static str {
                match self { $(Self::$variant => $s),+ }
            }
        }

        impl FromStr for $name {
            type Err = DomainError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s { $($s => Ok(Self::$variant),)+ other => Err(DomainError::Status(other.to_owned())) }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { f.write_str(self.as_str()) }
        }
    };
}

string_enum! {
    /// Lifecycle of an ingestion run.
    RunStatus {
        /// Created, nothing sent yet.
        Pending => "pending",
        /// Discover messages sent; no company listed yet.
        Initializing => "initializing",
        /// At least one company listed; pages in flight.
        Ingesting => "ingesting",
        /// Every company listed and every job terminal.
        Finished => "finished",
        /// Stopped by the user; workers skip its messages.
        Aborted => "aborted",
        /// Could not be started (queue unavailable).
        Failed => "failed",
    }
}

impl RunStatus {
    /// Whether the run can still change.
    pub fn is_terminal(&self) -> bool {
        matches!(self, Self::Finished | Self::Aborted | Self::Failed)
    }
}

string_enum! {
    /// A job's state within one run (ADR-018 streams these).
    JobStatus {
        /// Listed, page not fetched yet.
        Pending => "pending",
        /// Being fetched.
        Fetching => "fetching",
        /// Page stored, extract message sent.
        Extracting => "extracting",
        /// Extracted into the jobs table.
        Ready => "ready",
        /// Page unchanged since the last extraction; extraction skipped.
        Unchanged => "unchanged",
        /// Failed; the reason is recorded.
        Error => "error",
        /// Not fetched on purpose (run aborted, robots.txt); reason recorded.
        Skipped => "skipped",
        /// The posting is gone (404/410); the job is closed.
        Gone => "gone",
    }
}

impl JobStatus {
    /// Terminal states: the run can finish once every job is in one.
    pub const TERMINAL: [JobStatus; 5] =
        [JobStatus::Ready, JobStatus::Unchanged, JobStatus::Error, JobStatus::Skipped, JobStatus::Gone];

    /// Whether this state is final for the run.
    pub fn is_terminal(&self) -> bool {
        Self::TERMINAL.contains(self)
    }
}

string_enum! {
    /// The applicant-tracking system a company's board lives on.
    SourceKind {
        /// Greenhouse job board API.
        Greenhouse => "greenhouse",
        /// Lever postings API.
        Lever => "lever",
        /// Ashby job board API.
        Ashby => "ashby",
        /// Workday CXS API.
        Workday => "workday",
        /// SmartRecruiters postings API.
        SmartRecruiters => "smartrecruiters",
        /// Recruitee offers API.
        Recruitee => "recruitee",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_accepts_lowercase_and_dashes() {
        assert_eq!(CompanySlug::new("acme-robotics-2").unwrap().as_str(), "acme-robotics-2");
    }

    #[test]
    fn slug_rejects_uppercase_spaces_leading_dash_and_length() {
        for bad in ["Acme", "a b", "-acme", "", &"a".repeat(64), "acme/../x"] {
            assert!(CompanySlug::new(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn job_url_requires_http_scheme_and_host() {
        assert!(JobUrl::new("https://example.com/jobs/1").is_ok());
        assert!(JobUrl::new("file:///etc/passwd").is_err());
        assert!(JobUrl::new("/jobs/1").is_err());
        assert!(JobUrl::new(&format!("https://e.com/{}", "a".repeat(3000))).is_err());
    }

    #[test]
    fn a_job_url_that_parsing_lengthens_past_the_limit_is_refused() {
        // GIVEN a URL under 2048 bytes whose path grows when percent-encoded
        let raw = format!("https://example.com/{}x", "a ".repeat(700));
        assert!(raw.len() <= 2048 && url::Url::parse(&raw).unwrap().as_str().len() > 2048);
        // WHEN it is validated THEN it is refused, so every JobUrl re-validates
        assert!(JobUrl::new(&raw).is_err());
    }

    #[test]
    fn slug_is_validated_when_deserialized() {
        let r: Result<CompanySlug, _> = serde_json::from_str("\"Bad Slug\"");
        assert!(r.is_err());
    }

    #[test]
    fn status_round_trips_through_its_string() {
        for s in JobStatus::TERMINAL {
            assert_eq!(s.as_str().parse::<JobStatus>().unwrap(), s);
        }
        assert!("weird".parse::<RunStatus>().is_err());
    }
}
