//! A Server-Sent Events client for the API's progress stream, shared by the
//! end-to-end tests and `cargo xtask demo`.
//!
//! It reads the body chunk by chunk, as a browser's `EventSource` does, so a
//! buffered response shows up as events arriving late or all at once. Our
//! own because the crates that exist either wrap reqwest versions we don't
//! use or hide comments (heartbeats) and chunk timing, which tests check.

use std::collections::HashMap;
use std::time::Duration;

use serde_json::Value;

use crate::DevstackError;

/// One Server-Sent Event, or one comment line block.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SseEvent {
    /// `event:` (empty for comments).
    pub event: String,
    /// `id:`.
    pub id: Option<String>,
    /// `data:` lines joined with newlines.
    pub data: String,
    /// The comment text, for a comment line.
    pub comment: Option<String>,
}

impl SseEvent {
    /// Parses one block (the text between blank lines).
    fn parse(block: &str) -> Self {
        let mut ev = SseEvent::default();
        let mut data = Vec::new();
        for line in block.lines() {
            if let Some(c) = line.strip_prefix(':') {
                ev.comment = Some(c.trim().to_owned());
            } else if let Some((k, v)) = line.split_once(':') {
                let v = v.strip_prefix(' ').unwrap_or(v);
                match k {
                    "event" => ev.event = v.to_owned(),
                    "id" => ev.id = Some(v.to_owned()),
                    "data" => data.push(v.to_owned()),
                    _ => {}
                }
            }
        }
        ev.data = data.join("\n");
        ev
    }
}

fn protocol(what: impl Into<String>) -> DevstackError {
    DevstackError::Protocol(what.into())
}

/// Reads an event stream incrementally.
pub struct SseReader {
    body: reqwest::Response,
    buf: String,
    /// Response headers.
    pub headers: reqwest::header::HeaderMap,
    /// Status.
    pub status: u16,
}

impl SseReader {
    /// Opens the stream at `url` with a bearer token, resuming after
    /// `last_event_id` when given.
    pub async fn open(url: &str, token: &str, last_event_id: Option<&str>) -> Result<Self, DevstackError> {
        let mut req = reqwest::Client::new().get(url).bearer_auth(token).header("accept", "text/event-stream");
        if let Some(id) = last_event_id {
            req = req.header("last-event-id", id);
        }
        let r = req.send().await.map_err(|e| protocol(format!("GET {url}: {e}")))?;
        Ok(Self::from_response(r))
    }

    /// Wraps a response.
    pub fn from_response(r: reqwest::Response) -> Self {
        let status = r.status().as_u16();
        let headers = r.headers().clone();
        Self { body: r, buf: String::new(), headers, status }
    }

    /// The next event or comment; `None` when the stream ended. Waiting
    /// longer than `timeout` for a chunk is an error.
    pub async fn next(&mut self, timeout: Duration) -> Result<Option<SseEvent>, DevstackError> {
        loop {
            if let Some(i) = self.buf.find("\n\n") {
                let ev = SseEvent::parse(&self.buf[..i]);
                self.buf.drain(..i + 2);
                return Ok(Some(ev));
            }
            match tokio::time::timeout(timeout, self.body.chunk()).await {
                Ok(Ok(Some(chunk))) => self.buf.push_str(&String::from_utf8_lossy(&chunk)),
                Ok(Ok(None)) => return Ok(None),
                Ok(Err(e)) => return Err(protocol(format!("event stream broke: {e}"))),
                Err(_) => return Err(protocol(format!("no event within {timeout:?}; buffered: {:?}", self.buf))),
            }
        }
    }

    /// The next event, skipping comments.
    pub async fn next_event(&mut self, timeout: Duration) -> Result<Option<SseEvent>, DevstackError> {
        loop {
            match self.next(timeout).await? {
                Some(e) if e.comment.is_some() => continue,
                other => return Ok(other),
            }
        }
    }
}

/// A client's view of a run, built from events the way ADR-018 says a
/// front end does: replace on `all_jobs`, merge on `upsert`, patch on
/// `update`.
#[derive(Debug, Default)]
pub struct ClientState {
    /// (company, external id) → status.
    pub jobs: HashMap<(String, String), String>,
    /// Titles.
    pub titles: HashMap<(String, String), Option<String>>,
    /// Status events, in order.
    pub statuses: Vec<String>,
    /// Event names, in order.
    pub events: Vec<String>,
}

impl ClientState {
    /// Applies one event. An event the protocol does not define, bad JSON,
    /// or an update for a job the client never saw is an error.
    pub fn apply(&mut self, e: &SseEvent) -> Result<(), DevstackError> {
        if e.comment.is_some() {
            return Ok(());
        }
        self.events.push(e.event.clone());
        let bad = |what: &str| protocol(format!("{what} in {} event: {}", e.event, e.data));
        match e.event.as_str() {
            "status" => self.statuses.push(e.data.clone()),
            "all_jobs" | "upsert" => {
                if e.event == "all_jobs" {
                    self.jobs.clear();
                    self.titles.clear();
                }
                let v: HashMap<String, Vec<Value>> = serde_json::from_str(&e.data).map_err(|_| bad("bad JSON"))?;
                for (company, list) in v {
                    for j in list {
                        let ext = j["external_id"].as_str().ok_or_else(|| bad("no external_id"))?;
                        let status = j["status"].as_str().ok_or_else(|| bad("no status"))?;
                        let key = (company.clone(), ext.to_owned());
                        self.jobs.insert(key.clone(), status.to_owned());
                        self.titles.insert(key, j["title"].as_str().map(str::to_owned));
                    }
                }
            }
            "update" => {
                let v: HashMap<String, HashMap<String, String>> =
                    serde_json::from_str(&e.data).map_err(|_| bad("bad JSON"))?;
                for (company, m) in v {
                    for (ext, status) in m {
                        let key = (company.clone(), ext);
                        if !self.jobs.contains_key(&key) {
                            return Err(bad(&format!("update for a job the client never saw ({key:?})")));
                        }
                        self.jobs.insert(key, status);
                    }
                }
            }
            other => return Err(protocol(format!("unexpected event {other:?}"))),
        }
        Ok(())
    }

    /// How many jobs the client sees in each status.
    pub fn counts(&self) -> HashMap<&str, usize> {
        let mut out = HashMap::new();
        for s in self.jobs.values() {
            *out.entry(s.as_str()).or_default() += 1;
        }
        out
    }
}
