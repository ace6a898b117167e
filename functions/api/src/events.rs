//! `GET /api/ingestions/{id}/events`: a run's progress as Server-Sent
//! Events (ADR-016, ADR-018).
//!
//! - `status` — the run's status, when it changes (`pending`,
//!   `initializing`, `ingesting`), and last the terminal one (`finished`,
//!   `aborted`, `failed`), after which the stream ends;
//! - `all_jobs` — on connect, once the run has jobs: the full state,
//!   `{company: [{external_id, title, status}]}`; the client replaces its
//!   state with it;
//! - `update` — the jobs whose status changed, `{company: {external_id:
//!   status}}`;
//! - `upsert` — jobs the client has not seen (discovered after connect, or
//!   changed while it was away), same shape as `all_jobs`; merged in.
//!
//! Every event that carries job state has an id: the newest change it
//! includes (microseconds). A client that reconnects with `Last-Event-ID`
//! gets an `upsert` of what changed since then instead of the full state.
//! Comments (`: heartbeat`) keep idle connections open.
//!
//! The stream polls Postgres (the workers write progress there, and there is
//! nothing else to subscribe to across Lambda instances). Each poll reads
//! only the rows changed since the previous one, less a small margin for
//! transactions that committed after a later one; re-sending a status the
//! client has is harmless, and the in-memory map keeps it from happening.

use std::collections::{BTreeMap, HashMap};
use std::convert::Infallible;
use std::time::Instant;

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::IntoResponse;
use axum::response::sse::{Event, KeepAlive, Sse};
use chrono::{DateTime, Utc};
use futures::Stream;
use jh_common::db::progress::{self, JobState};
use jh_common::domain::{RunId, RunStatus};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::auth::StreamUser;
use crate::error::ApiError;
use crate::ingestions::owned_run;

/// Commit lag tolerated between two polls.
const MARGIN: chrono::Duration = chrono::Duration::seconds(2);

/// A job in `all_jobs` and `upsert` events.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct JobItem {
    /// The ATS's id (unique within the company).
    pub external_id: String,
    /// Title.
    pub title: Option<String>,
    /// `pending`, `fetching`, `extracting`, `ready`, `unchanged`, `error`,
    /// `skipped` or `gone`.
    pub status: String,
}

/// The kinds of event.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// `data` is the run's status.
    Status,
    /// `data` is the full state: `{company: [JobItem]}`.
    AllJobs,
    /// `data` is the changed statuses: `{company: {external_id: status}}`.
    Update,
    /// `data` is jobs to merge in: `{company: [JobItem]}`.
    Upsert,
}

/// One event of the stream (the document describes the stream by its
/// events, as OpenAPI 3.2's `itemSchema` does).
#[derive(Debug, Serialize, ToSchema)]
pub struct ProgressEvent {
    /// Which event.
    pub event: EventKind,
    /// The payload: a status, or JSON (see `event`).
    pub data: String,
    /// The newest change the client has seen (microseconds); send it back
    /// as `Last-Event-ID` to resume.
    pub id: Option<String>,
    /// Milliseconds to wait before reconnecting (first event only).
    pub retry: Option<u64>,
}

/// Query of the events route.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EventsParams {
    /// The bearer token, for clients that cannot send headers (the
    /// browser's `EventSource`). The `Authorization` header is preferred.
    pub access_token: Option<String>,
}

fn micros(t: DateTime<Utc>) -> String {
    t.timestamp_micros().to_string()
}

fn from_event_id(id: &str) -> Option<DateTime<Utc>> {
    id.trim().parse::<i64>().ok().and_then(DateTime::from_timestamp_micros)
}

struct Progress {
    state: AppState,
    run_id: RunId,
    started: Instant,
    polls: u64,
    sent_status: Option<RunStatus>,
    known: HashMap<i64, String>,
    watermark: Option<DateTime<Utc>>,
    synced: bool,
    resume_from: Option<DateTime<Utc>>,
    done: bool,
}

fn grouped_items(rows: &[JobState]) -> String {
    let mut m: BTreeMap<&str, Vec<JobItem>> = BTreeMap::new();
    for r in rows {
        m.entry(&r.company).or_default().push(JobItem {
            external_id: r.external_id.clone(),
            title: r.title.clone(),
            status: r.status.clone(),
        });
    }
    serde_json::to_string(&m).unwrap_or_default()
}

fn grouped_statuses(rows: &[&JobState]) -> String {
    let mut m: BTreeMap<&str, BTreeMap<&str, &str>> = BTreeMap::new();
    for r in rows {
        m.entry(&r.company).or_default().insert(&r.external_id, &r.status);
    }
    serde_json::to_string(&m).unwrap_or_default()
}

impl Progress {
    fn event(&self, name: &str, data: String) -> Event {
        let e = Event::default().event(name).data(data);
        match self.watermark {
            Some(w) => e.id(micros(w)),
            None => e,
        }
    }

    fn absorb(&mut self, rows: &[JobState]) {
        for r in rows {
            self.known.insert(r.job_id, r.status.clone());
            if self.watermark.is_none_or(|w| r.updated_at > w) {
                self.watermark = Some(r.updated_at);
            }
        }
    }

    /// The events of one poll; `None` ends the stream.
    async fn poll(&mut self) -> Result<Option<Vec<Event>>, jh_common::db::DbError> {
        let pool = &self.state.pool;
        let Some((_, status)) = progress::run_head(pool, self.run_id).await? else {
            return Ok(None);
        };
        let mut events = Vec::new();
        if Some(status) != self.sent_status && !status.is_terminal() {
            events.push(self.event("status", status.to_string()));
        }
        if status == RunStatus::Ingesting || status.is_terminal() {
            if !self.synced {
                self.synced = true;
                match self.resume_from {
                    Some(since) => {
                        let rows = progress::job_states(pool, self.run_id, Some(since - MARGIN)).await?;
                        self.absorb(&rows);
                        if !rows.is_empty() {
                            events.push(self.event("upsert", grouped_items(&rows)));
                        }
                    }
                    None => {
                        let rows = progress::job_states(pool, self.run_id, None).await?;
                        self.absorb(&rows);
                        events.push(self.event("all_jobs", grouped_items(&rows)));
                    }
                }
            } else {
                let since = self.watermark.map(|w| w - MARGIN);
                let rows = progress::job_states(pool, self.run_id, since).await?;
                let added: Vec<JobState> =
                    rows.iter().filter(|r| !self.known.contains_key(&r.job_id)).cloned().collect();
                let changed: Vec<&JobState> =
                    rows.iter().filter(|r| self.known.get(&r.job_id).is_some_and(|s| *s != r.status)).collect();
                let changed_json = (!changed.is_empty()).then(|| grouped_statuses(&changed));
                self.absorb(&rows);
                if !added.is_empty() {
                    events.push(self.event("upsert", grouped_items(&added)));
                }
                if let Some(json) = changed_json {
                    events.push(self.event("update", json));
                }
            }
        }
        if status.is_terminal() {
            events.push(self.event("status", status.to_string()));
            self.done = true;
        }
        self.sent_status = Some(status);
        if let Some(first) = events.first_mut().filter(|_| self.polls == 0) {
            // Tell EventSource how soon to reconnect after the stream ends.
            *first = std::mem::take(first).retry(self.state.cfg.sse.poll.max(std::time::Duration::from_secs(1)));
        }
        self.polls += 1;
        Ok(Some(events))
    }

    async fn next_batch(&mut self) -> Option<Vec<Event>> {
        if self.done {
            return None;
        }
        if self.polls > 0 {
            tokio::time::sleep(self.state.cfg.sse.poll).await;
        }
        if self.started.elapsed() > self.state.cfg.sse.max_duration {
            // The client reconnects with Last-Event-ID and resumes.
            return None;
        }
        match self.poll().await {
            Ok(batch) => batch,
            Err(e) => {
                tracing::warn!(run_id = %self.run_id, error = %e, "progress stream ended by a database error");
                None
            }
        }
    }
}

fn progress_stream(p: Progress) -> impl Stream<Item = Result<Event, Infallible>> + Send + 'static {
    use futures::StreamExt;
    futures::stream::unfold(p, |mut p| async move {
        let batch = p.next_batch().await?;
        Some((futures::stream::iter(batch.into_iter().map(Ok)), p))
    })
    .flatten()
}

/// The run's progress as Server-Sent Events: `status`, `all_jobs`,
/// `update` and `upsert` events, heartbeats, and a final `status` after
/// which the stream ends. See docs/API.md for the formats.
#[utoipa::path(
    get,
    path = "/api/ingestions/{id}/events",
    tag = "ingestions",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, format = Uuid, description = "Run id"),
        ("last-event-id" = Option<String>, Header, description = "Resume after this event id (sent by EventSource on reconnect)"),
        EventsParams,
    ),
    responses(
        (status = 200, description = "An event stream; see docs/API.md for the event formats", content_type = "text/event-stream", body = ProgressEvent),
        (status = 401, response = crate::error::Unauthorized),
        (status = 404, response = crate::error::NotFound),
    )
)]
pub async fn events(
    State(state): State<AppState>,
    user: StreamUser,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<impl IntoResponse, ApiError> {
    let (run_id, _) = owned_run(&state, user.user_id, &id).await?;
    let resume_from = headers.get("last-event-id").and_then(|v| v.to_str().ok()).and_then(from_event_id);
    let heartbeat = state.cfg.sse.heartbeat;
    let p = Progress {
        state,
        run_id,
        started: Instant::now(),
        polls: 0,
        sent_status: None,
        known: HashMap::new(),
        watermark: None,
        synced: false,
        resume_from,
        done: false,
    };
    let sse = Sse::new(progress_stream(p)).keep_alive(KeepAlive::new().interval(heartbeat).text("heartbeat"));
    // Proxies (nginx and friends) must not buffer the stream either.
    Ok(([("x-accel-buffering", "no")], sse))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_ids_round_trip_through_microseconds() {
        let t = DateTime::from_timestamp_micros(1_790_000_000_123_456).unwrap();
        assert_eq!(from_event_id(&micros(t)), Some(t));
        assert_eq!(from_event_id("not-a-number"), None);
    }

    #[test]
    fn updates_are_grouped_by_company() {
        let row = |c: &str, e: &str, s: &str| JobState {
            job_id: 1,
            company: c.into(),
            external_id: e.into(),
            title: Some("T".into()),
            status: s.into(),
            updated_at: Utc::now(),
        };
        let (a, b, c) = (row("acme", "1", "ready"), row("acme", "2", "error"), row("globex", "9", "fetching"));
        assert_eq!(grouped_statuses(&[&a, &b, &c]), r#"{"acme":{"1":"ready","2":"error"},"globex":{"9":"fetching"}}"#);
        assert_eq!(grouped_items(&[c]), r#"{"globex":[{"external_id":"9","title":"T","status":"fetching"}]}"#);
    }
}
