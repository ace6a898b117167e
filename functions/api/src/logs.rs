//! `GET /api/ingestions/{id}/logs` (ADR-019): the log lines of one run from
//! the functions' CloudWatch log groups, merged by time and tagged with the
//! function they came from.
//!
//! Clients name groups by short name only (`api`, `crawler`, `extractor`);
//! the configuration maps them to log groups, so no client can read an
//! arbitrary group. CloudWatch is asked for the run's lines with a JSON
//! filter pattern over the run's time window, and every line is checked
//! again here (the pattern is an optimisation: moto ignores it, and a line
//! that merely mentions the id in its text must not count).
//!
//! Pagination is a keyset over `(timestamp, source, event id)`. A page is
//! built from each group's next lines after the cursor; a group that has more
//! lines than it returned bounds the page at its last timestamp (every line
//! of that timestamp included), so no line can be skipped between pages.

use axum::extract::{Path, State};
use chrono::{DateTime, Utc};
use jh_common::db::runs;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::extract::{Json, Query};
use crate::ingestions::owned_run;

/// The short names, in the order ties are broken.
const SOURCES: [&str; 3] = ["api", "crawler", "extractor"];
/// CloudWatch calls one group may take for one page.
const MAX_CALLS_PER_GROUP: usize = 10;

/// Query of the logs route.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LogParams {
    /// Comma-separated short names of the functions whose logs to read:
    /// `api`, `crawler`, `extractor`. Default: all three.
    #[param(example = "crawler,extractor", pattern = "^(api|crawler|extractor)(,(api|crawler|extractor))*$")]
    pub groups: Option<String>,
    /// Lines per page (1–1000, default 200).
    #[param(minimum = 1, maximum = 1000)]
    pub limit: Option<i64>,
    /// `next_cursor` of the previous page.
    #[param(pattern = "^[0-9]{1,15}\\.[0-9]{1,3}\\.[0-9A-Za-z_-]{0,128}$", example = "1795392001520.1.37")]
    pub cursor: Option<String>,
}

/// One log line.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LogLine {
    /// When it was logged (milliseconds since the epoch).
    pub timestamp: i64,
    /// The same, as RFC 3339.
    pub time: DateTime<Utc>,
    /// Which function: `api`, `crawler` or `extractor`.
    #[schema(example = "crawler")]
    pub source: String,
    /// Its level, when the line is structured.
    pub level: Option<String>,
    /// The line as logged (one JSON object for our functions).
    pub message: String,
    /// CloudWatch's id of the line.
    pub event_id: String,
}

/// One page of log lines.
#[derive(Debug, Serialize, ToSchema)]
pub struct LogPage {
    /// Oldest first.
    pub logs: Vec<LogLine>,
    /// Pass as `cursor` for the next page; `null` at the end.
    pub next_cursor: Option<String>,
}

/// A position in the merged lines: `timestamp.source.event_id` in a cursor.
/// Every string the cursor's pattern allows is a position.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Key {
    t: i64,
    s: u16,
    e: String,
}

impl Key {
    fn of(l: &LogLine) -> Self {
        Self { t: l.timestamp, s: source_rank(&l.source), e: l.event_id.clone() }
    }
    /// The key after every line of timestamp `t`.
    fn end_of(t: i64) -> Self {
        Self { t, s: 999, e: String::new() }
    }
}

fn source_rank(s: &str) -> u16 {
    SOURCES.iter().position(|x| *x == s).unwrap_or(SOURCES.len()) as u16
}

fn encode_cursor(k: &Key) -> String {
    format!("{}.{}.{}", k.t, k.s, k.e)
}

fn decode_cursor(s: &str) -> Option<Key> {
    let mut parts = s.splitn(3, '.');
    let (t, src, e) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = |x: &str, max: usize| !x.is_empty() && x.len() <= max && x.bytes().all(|b| b.is_ascii_digit());
    let id_ok = e.len() <= 128 && e.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if !(digits(t, 15) && digits(src, 3) && id_ok) {
        return None;
    }
    Some(Key { t: t.parse().ok()?, s: src.parse().ok()?, e: e.to_owned() })
}

/// Parses `groups=`: comma-separated short names, nothing else (a 400).
fn parse_groups(raw: Option<&str>) -> Result<Vec<&'static str>, ApiError> {
    let Some(raw) = raw else {
        return Ok(SOURCES.to_vec());
    };
    let mut out = Vec::new();
    for name in raw.split(',') {
        let Some(known) = SOURCES.iter().find(|s| **s == name) else {
            return Err(ApiError::BadRequest(format!("unknown log group {name:?}: use api, crawler or extractor")));
        };
        if !out.contains(known) {
            out.push(*known);
        }
    }
    Ok(out)
}

/// Whether a line belongs to the run: a JSON line whose `run_id` field (at
/// the top, or under `fields`/`span` as some formatters nest it) is the run.
pub fn line_is_for_run(message: &str, run_id: &str) -> bool {
    let Ok(serde_json::Value::Object(v)) = serde_json::from_str::<serde_json::Value>(message.trim()) else {
        return false;
    };
    let is = |x: Option<&serde_json::Value>| x.and_then(|x| x.as_str()) == Some(run_id);
    is(v.get("run_id"))
        || is(v.get("fields").and_then(|f| f.get("run_id")))
        || is(v.get("span").and_then(|f| f.get("run_id")))
}

fn level_of(message: &str) -> Option<String> {
    let v: serde_json::Value = serde_json::from_str(message.trim()).ok()?;
    v.get("level").and_then(|l| l.as_str()).map(str::to_owned)
}

/// What one group gave for a page: its lines after the cursor, and the
/// timestamp it is complete up to when it has more.
struct GroupPage {
    lines: Vec<LogLine>,
    complete_through: Option<i64>,
}

#[allow(clippy::too_many_arguments)]
async fn read_group(
    client: &aws_sdk_cloudwatchlogs::Client,
    source: &'static str,
    group: &str,
    run_id: &str,
    start_ms: i64,
    end_ms: i64,
    after: Option<&Key>,
    want: usize,
) -> Result<GroupPage, ApiError> {
    let mut lines: Vec<LogLine> = Vec::new();
    let mut token: Option<String> = None;
    let rank = source_rank(source);
    let mut last_ts: Option<i64> = None;
    for _ in 0..MAX_CALLS_PER_GROUP {
        // CloudWatch always interleaves a group's streams by time now; moto
        // does only when asked, and the keyset relies on time order.
        #[allow(deprecated)]
        let resp = client
            .filter_log_events()
            .log_group_name(group)
            .start_time(after.map_or(start_ms, |a| a.t.max(start_ms)))
            .end_time(end_ms)
            .filter_pattern(format!("{{ $.run_id = \"{run_id}\" }}"))
            .interleaved(true)
            .limit(1000)
            .set_next_token(token.take())
            .send()
            .await;
        let resp = match resp {
            Ok(r) => r,
            Err(e) => {
                let e = aws_sdk_cloudwatchlogs::error::DisplayErrorContext(e).to_string();
                // A group that does not exist yet has no lines.
                if e.contains("ResourceNotFoundException") {
                    return Ok(GroupPage { lines, complete_through: None });
                }
                return Err(ApiError::Unavailable(format!("CloudWatch Logs: {e}")));
            }
        };
        for ev in resp.events() {
            let (Some(ts), Some(msg)) = (ev.timestamp(), ev.message()) else { continue };
            let event_id = ev.event_id().unwrap_or_default().to_owned();
            last_ts = Some(last_ts.map_or(ts, |l| l.max(ts)));
            let key = Key { t: ts, s: rank, e: event_id.clone() };
            if after.is_some_and(|a| key <= *a) || !line_is_for_run(msg, run_id) {
                continue;
            }
            lines.push(LogLine {
                timestamp: ts,
                time: DateTime::from_timestamp_millis(ts).unwrap_or_default(),
                source: source.to_owned(),
                level: level_of(msg),
                message: msg.to_owned(),
                event_id,
            });
        }
        token = resp.next_token().map(str::to_owned);
        if token.is_none() {
            return Ok(GroupPage { lines, complete_through: None });
        }
        // Enough lines, and read past their newest timestamp: everything up
        // to just before the newest timestamp read is in (lines of that
        // timestamp may continue on the next CloudWatch page).
        let newest_line = lines.iter().map(|l| l.timestamp).max();
        if let (true, Some(read), Some(line)) = (lines.len() >= want, last_ts, newest_line)
            && read > line
        {
            return Ok(GroupPage { lines, complete_through: Some(read - 1) });
        }
    }
    // Out of calls: what was read is complete up to just before the last
    // timestamp seen.
    let through = last_ts.map(|t| t - 1).or(after.map(|a| a.t));
    Ok(GroupPage { lines, complete_through: Some(through.unwrap_or(start_ms)) })
}

/// The run's log lines from the chosen functions, oldest first, paginated.
#[utoipa::path(
    get,
    path = "/api/ingestions/{id}/logs",
    tag = "ingestions",
    security(("bearer" = [])),
    params(("id" = String, Path, format = Uuid, description = "Run id"), LogParams),
    responses(
        (status = 200, description = "A page of the run's log lines", body = LogPage),
        (status = 400, response = crate::error::BadRequest),
        (status = 401, response = crate::error::Unauthorized),
        (status = 404, response = crate::error::NotFound),
        (status = 422, response = crate::error::Unprocessable),
        (status = 503, response = crate::error::Unavailable),
    )
)]
pub async fn logs(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<String>,
    Query(p): Query<LogParams>,
) -> Result<Json<LogPage>, ApiError> {
    let (run_id, _) = owned_run(&state, user.user_id, &id).await?;
    let groups = parse_groups(p.groups.as_deref())?;
    let limit = p.limit.unwrap_or(200);
    if !(1..=1000).contains(&limit) {
        return Err(ApiError::field("query.limit", "must be between 1 and 1000"));
    }
    let after = match p.cursor.as_deref() {
        Some(c) => {
            Some(decode_cursor(c).ok_or_else(|| ApiError::field("query.cursor", "not a cursor this API issued"))?)
        }
        None => None,
    };
    let summary = runs::summary(&state.pool, run_id).await?.ok_or(ApiError::NotFound)?;
    // The run's window, with slack for clocks and for lines logged while
    // the last messages drained.
    let start_ms = (summary.created_at - chrono::Duration::minutes(1)).timestamp_millis();
    let end_ms = (summary.finished_at.unwrap_or_else(Utc::now) + chrono::Duration::minutes(5)).timestamp_millis();
    let run = run_id.to_string();
    let lg = &state.cfg.log_groups;
    let reads = groups.iter().map(|source| {
        let group = match *source {
            "api" => &lg.api,
            "crawler" => &lg.crawler,
            _ => &lg.extractor,
        };
        read_group(&state.logs, source, group, &run, start_ms, end_ms, after.as_ref(), limit as usize + 1)
    });
    let pages = futures::future::try_join_all(reads).await?;
    let bound = pages.iter().filter_map(|g| g.complete_through).min().map(Key::end_of);
    let mut lines: Vec<LogLine> = pages.into_iter().flat_map(|g| g.lines).collect();
    lines.sort_by_key(Key::of);
    if let Some(b) = &bound {
        lines.retain(|l| Key::of(l) <= *b);
    }
    let next_cursor = if lines.len() > limit as usize {
        lines.truncate(limit as usize);
        lines.last().map(|l| encode_cursor(&Key::of(l)))
    } else {
        // Every group is read to the end, or one bounds this page: then the
        // next page starts after the bound.
        bound.map(|b| encode_cursor(&b))
    };
    Ok(Json(LogPage { logs: lines, next_cursor }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_short_names_are_accepted() {
        assert_eq!(parse_groups(None).unwrap(), SOURCES);
        assert_eq!(parse_groups(Some("crawler,api,crawler")).unwrap(), ["crawler", "api"]);
        for bad in ["/aws/lambda/other", ",", "", "crawler, api"] {
            assert!(parse_groups(Some(bad)).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_line_counts_only_when_its_run_id_field_is_the_run() {
        let run = "0b6f3c3e-6c3b-4d0a-9a49-3f1f4a0e7c11";
        assert!(line_is_for_run(&format!(r#"{{"level":"INFO","message":"x","run_id":"{run}"}}"#), run));
        assert!(line_is_for_run(&format!(r#"{{"fields":{{"run_id":"{run}"}}}}"#), run));
        assert!(!line_is_for_run(&format!(r#"{{"message":"about {run}"}}"#), run));
        assert!(!line_is_for_run(&format!("START RequestId {run}"), run));
    }

    #[test]
    fn cursors_round_trip_and_garbage_is_refused() {
        let k = Key { t: 5, s: 1, e: "abc".into() };
        assert_eq!(decode_cursor(&encode_cursor(&k)), Some(k));
        let end = Key::end_of(7);
        assert_eq!(decode_cursor(&encode_cursor(&end)), Some(end));
        for bad in ["!!", "1.2", ".1.x", "1.1234.x", "1.1.a/b"] {
            assert_eq!(decode_cursor(bad), None, "{bad}");
        }
    }
}
