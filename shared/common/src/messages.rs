//! Versioned JSON message bodies on `crawl.fifo` and the extract queue, and
//! their deterministic deduplication ids.
//!
//! Decoding never panics: anything that is not a well-formed version-1
//! message is a [`DecodeError`], which workers treat as poison (straight to
//! the DLQ, never retried).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::{CompanySlug, JobUrl, RunId};

/// The only message version this code reads and writes.
pub const VERSION: u32 = 1;

/// Largest body we accept; SQS itself caps at 256 KiB.
const MAX_BODY: usize = 256 * 1024;

/// Why a message body was rejected.
#[derive(Debug, thiserror::Error)]
pub enum DecodeError {
    /// The message has no body.
    #[error("message has no body")]
    Empty,
    /// Larger than any message we send.
    #[error("message body is {0} bytes, larger than the 256 KiB limit")]
    TooLarge(usize),
    /// Not JSON, or not an object with the required fields.
    #[error("malformed message body: {0}")]
    Malformed(String),
    /// A version this code does not understand.
    #[error("unsupported message version {0}; this worker reads version 1")]
    Version(String),
}

/// A message on `crawl.fifo`, grouped by company.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum CrawlMessage {
    /// List the company's jobs through its ATS and enqueue one page per job.
    Discover {
        /// The run this belongs to.
        run_id: RunId,
        /// The company to list.
        company: CompanySlug,
    },
    /// Fetch one job page.
    Page {
        /// The run this belongs to.
        run_id: RunId,
        /// The company (also the message group).
        company: CompanySlug,
        /// Row id in `jobs`.
        job_id: i64,
        /// The page to fetch.
        url: JobUrl,
    },
}

#[derive(Serialize, Deserialize)]
struct Envelope<T> {
    v: u32,
    #[serde(flatten)]
    body: T,
}

#[derive(Deserialize)]
struct VersionProbe {
    v: Option<serde_json::Value>,
}

fn decode<T: serde::de::DeserializeOwned>(body: Option<&str>) -> Result<T, DecodeError> {
    let body = body.ok_or(DecodeError::Empty)?;
    if body.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    if body.len() > MAX_BODY {
        return Err(DecodeError::TooLarge(body.len()));
    }
    let probe: VersionProbe = serde_json::from_str(body).map_err(|e| DecodeError::Malformed(e.to_string()))?;
    match probe.v {
        Some(serde_json::Value::Number(n)) if n.as_u64() == Some(VERSION as u64) => {}
        Some(other) => return Err(DecodeError::Version(other.to_string())),
        None => return Err(DecodeError::Malformed("missing field `v`".into())),
    }
    let env: Envelope<T> = serde_json::from_str(body).map_err(|e| DecodeError::Malformed(e.to_string()))?;
    Ok(env.body)
}

fn encode<T: Serialize>(body: &T) -> String {
    // Serialising our own plain structs cannot fail.
    serde_json::to_string(&Envelope { v: VERSION, body }).expect("message serialises")
}

impl CrawlMessage {
    /// Parses a body; any problem is a [`DecodeError`].
    pub fn decode(body: Option<&str>) -> Result<Self, DecodeError> {
        decode(body)
    }

    /// The JSON body, version 1.
    pub fn encode(&self) -> String {
        encode(self)
    }

    /// The run this message belongs to.
    pub fn run_id(&self) -> RunId {
        match self {
            Self::Discover { run_id, .. } | Self::Page { run_id, .. } => *run_id,
        }
    }

    /// The company, which is also the FIFO message group.
    pub fn company(&self) -> &CompanySlug {
        match self {
            Self::Discover { company, .. } | Self::Page { company, .. } => company,
        }
    }

    /// Deterministic deduplication id: a repeated send within SQS's 5-minute
    /// window is dropped by the queue.
    pub fn dedup_id(&self) -> String {
        match self {
            Self::Discover { run_id, company } => format!("run:{run_id}:discover:{company}"),
            Self::Page { run_id, job_id, .. } => format!("run:{run_id}:job:{job_id}"),
        }
    }
}

/// A 64-bit value carried as 16 hex digits, because JSON numbers above 2^53
/// are not safe in every reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Hex64(pub u64);

impl TryFrom<String> for Hex64 {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        if s.len() != 16 {
            return Err(format!("expected 16 hex digits, got {} characters", s.len()));
        }
        u64::from_str_radix(&s, 16).map(Hex64).map_err(|e| format!("not hex: {e}"))
    }
}

impl From<Hex64> for String {
    fn from(h: Hex64) -> Self {
        format!("{:016x}", h.0)
    }
}

/// A message on the extract queue: one stored page to extract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtractMessage {
    /// The run this belongs to.
    pub run_id: RunId,
    /// The company.
    pub company: CompanySlug,
    /// Row id in `jobs`.
    pub job_id: i64,
    /// The page's URL.
    pub url: JobUrl,
    /// Content-addressed S3 key of the gzip-compressed HTML.
    pub object_key: String,
    /// SimHash of the page's visible text.
    pub simhash: Hex64,
    /// Hash of the page's JSON-LD JobPosting blocks, when it has any.
    pub structured_hash: Option<Hex64>,
    /// The response's ETag, for the next conditional GET.
    pub etag: Option<String>,
    /// The response's Last-Modified, for the next conditional GET.
    pub last_modified: Option<String>,
    /// When the page was fetched.
    pub fetched_at: DateTime<Utc>,
}

impl ExtractMessage {
    /// Parses a body; any problem is a [`DecodeError`].
    pub fn decode(body: Option<&str>) -> Result<Self, DecodeError> {
        let m: Self = decode(body)?;
        if !m.object_key.starts_with("pages/") || m.object_key.contains("..") {
            return Err(DecodeError::Malformed(format!(
                "object_key {:?} is outside pages/",
                m.object_key.chars().take(100).collect::<String>()
            )));
        }
        Ok(m)
    }

    /// The JSON body, version 1.
    pub fn encode(&self) -> String {
        encode(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run() -> RunId {
        "0b9a5f9e-6a0c-4c8e-9d5e-3f1f4b2a7c10".parse().unwrap()
    }

    #[test]
    fn page_message_round_trips_with_version_and_type() {
        let m = CrawlMessage::Page {
            run_id: run(),
            company: CompanySlug::new("acme").unwrap(),
            job_id: 7,
            url: JobUrl::new("https://example.com/jobs/7").unwrap(),
        };
        let body = m.encode();
        assert!(body.contains(r#""v":1"#) && body.contains(r#""type":"page""#), "{body}");
        assert_eq!(CrawlMessage::decode(Some(&body)).unwrap(), m);
        assert_eq!(m.dedup_id(), format!("run:{}:job:7", run()));
    }

    #[test]
    fn malformed_bodies_are_decode_errors_not_panics() {
        let cases: &[Option<&str>] = &[
            None,
            Some(""),
            Some("not json"),
            Some("[1,2,3]"),
            Some(r#"{"type":"discover"}"#),
            Some(r#"{"v":1,"type":"explode","run_id":"x"}"#),
            Some(r#"{"v":1,"type":"discover","run_id":"nope","company":"acme"}"#),
            Some(r#"{"v":1,"type":"discover","run_id":"0b9a5f9e-6a0c-4c8e-9d5e-3f1f4b2a7c10","company":"Not A Slug"}"#),
            Some(
                r#"{"v":1,"type":"page","run_id":"0b9a5f9e-6a0c-4c8e-9d5e-3f1f4b2a7c10","company":"acme","job_id":1,"url":"file:///etc/passwd"}"#,
            ),
        ];
        for c in cases {
            assert!(CrawlMessage::decode(*c).is_err(), "{c:?} accepted");
        }
    }

    #[test]
    fn unknown_version_is_reported_as_a_version_error() {
        let err = CrawlMessage::decode(Some(r#"{"v":2,"type":"discover"}"#)).unwrap_err();
        assert!(matches!(err, DecodeError::Version(ref v) if v == "2"), "{err}");
    }

    #[test]
    fn extract_message_rejects_keys_outside_pages() {
        let mut m = ExtractMessage {
            run_id: run(),
            company: CompanySlug::new("acme").unwrap(),
            job_id: 1,
            url: JobUrl::new("https://example.com/j/1").unwrap(),
            object_key: "pages/ab/abc.html.gz".into(),
            simhash: Hex64(u64::MAX),
            structured_hash: None,
            etag: None,
            last_modified: None,
            fetched_at: Utc::now(),
        };
        let ok = m.encode();
        assert_eq!(ExtractMessage::decode(Some(&ok)).unwrap(), m);
        assert!(ok.contains(r#""simhash":"ffffffffffffffff""#));
        m.object_key = "secrets/x".into();
        assert!(ExtractMessage::decode(Some(&m.encode())).is_err());
    }
}
