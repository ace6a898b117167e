//! Ashby posting API: `GET {base}/posting-api/job-board/{board}` returns the
//! whole board in one response (`{"apiVersion": "1", "jobs": [...]}`); Ashby
//! does not page it.
//!
//! Company config: `{"board": "<job board name>"}`, the first path segment of
//! `https://jobs.ashbyhq.com/{board}`.
//!
//! External id: the job's UUID (`id`). Page: `jobUrl`. Jobs with
//! `isListed: false` are skipped: they are reachable by link only and not
//! part of the public board.

use serde::Deserialize;

use super::{ListContext, Source, SourceError, parse_json};
use crate::db::jobs::ListedJob;

const KIND: &str = "ashby";

/// The Ashby adapter. Company config: `{"board": "..."}`.
pub struct Ashby;

#[derive(Deserialize)]
struct Board {
    jobs: Vec<Job>,
}

#[derive(Deserialize)]
struct Job {
    id: String,
    title: String,
    #[serde(rename = "jobUrl")]
    job_url: String,
    location: Option<String>,
    #[serde(rename = "isListed", default = "listed")]
    is_listed: bool,
}

fn listed() -> bool {
    true
}

impl Source for Ashby {
    async fn list_jobs(&self, ctx: &ListContext<'_>) -> Result<Vec<ListedJob>, SourceError> {
        let board = ctx.config_str("board")?;
        let url = ctx.url_with_path(&["posting-api", "job-board", board])?;
        let board: Board = ctx.get_json(KIND, &url, None).await?;
        convert(board)
    }
}

/// Parses a job board response.
pub fn parse(body: &[u8]) -> Result<Vec<ListedJob>, SourceError> {
    convert(parse_json(KIND, body)?)
}

fn convert(board: Board) -> Result<Vec<ListedJob>, SourceError> {
    board
        .jobs
        .into_iter()
        .filter(|j| j.is_listed)
        .map(|j| {
            if j.id.trim().is_empty() {
                return Err(SourceError::Parse { source_kind: KIND, reason: "job without an id".into() });
            }
            Ok(ListedJob {
                external_id: j.id,
                url: j.job_url,
                // Ashby keeps titles as typed, leading spaces included.
                title: j.title.trim().to_owned(),
                location_text: j.location.filter(|l| !l.trim().is_empty()),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(id: &str, listed: bool) -> serde_json::Value {
        serde_json::json!({
            "id": id,
            "title": " Security Engineer, Cloud",
            "department": "Engineering",
            "team": "Backend",
            "employmentType": "FullTime",
            "location": "New York, NY (HQ)",
            "secondaryLocations": [{"location": "Remote (US)", "address": {"postalAddress": {"addressCountry": "United States"}}}],
            "publishedAt": "2026-04-07T17:12:35.753+00:00",
            "isListed": listed,
            "isRemote": true,
            "workplaceType": "Hybrid",
            "address": {"postalAddress": {"addressRegion": "NY", "addressCountry": "USA", "addressLocality": "New York City"}},
            "jobUrl": format!("https://jobs.ashbyhq.com/acme/{id}"),
            "applyUrl": format!("https://jobs.ashbyhq.com/acme/{id}/application"),
            "descriptionHtml": "<p>Build.</p>",
            "descriptionPlain": "Build.",
        })
    }

    #[test]
    fn parses_listed_jobs_with_trimmed_titles() {
        // GIVEN a board with one listed and one unlisted job
        let body = serde_json::json!({"apiVersion": "1", "jobs": [job("34413f8d-26bf-4bbc-8ade-eb309a0e2245", true), job("hidden", false)]});
        // WHEN it is parsed
        let jobs = parse(&serde_json::to_vec(&body).unwrap()).unwrap();
        // THEN only the listed job is kept, with its UUID, page and location
        assert_eq!(
            jobs,
            vec![ListedJob {
                external_id: "34413f8d-26bf-4bbc-8ade-eb309a0e2245".into(),
                url: "https://jobs.ashbyhq.com/acme/34413f8d-26bf-4bbc-8ade-eb309a0e2245".into(),
                title: "Security Engineer, Cloud".into(),
                location_text: Some("New York, NY (HQ)".into()),
            }]
        );
    }

    #[test]
    fn malformed_json_is_a_parse_error() {
        assert!(matches!(parse(b"<!doctype html>"), Err(SourceError::Parse { .. })));
        assert!(matches!(parse(br#"{"apiVersion":"1"}"#), Err(SourceError::Parse { .. })));
        assert!(matches!(parse(br#"{"jobs":[{"id":"","title":"x","jobUrl":"u"}]}"#), Err(SourceError::Parse { .. })));
    }
}
