//! Greenhouse job board API: `GET {base}/v1/boards/{board}/jobs` returns every
//! open job in one response (Greenhouse does not page this endpoint).

use serde::Deserialize;

use super::{ListContext, Source, SourceError};
use crate::db::jobs::ListedJob;

/// The Greenhouse adapter. Company config: `{"board": "<board token>"}`.
pub struct Greenhouse;

#[derive(Deserialize)]
struct Board {
    jobs: Vec<Job>,
}

#[derive(Deserialize)]
struct Job {
    id: serde_json::Value,
    title: String,
    absolute_url: String,
    location: Option<Location>,
}

#[derive(Deserialize)]
struct Location {
    name: Option<String>,
}

impl Source for Greenhouse {
    async fn list_jobs(&self, ctx: &ListContext<'_>) -> Result<Vec<ListedJob>, SourceError> {
        let board = ctx.config_str("board")?;
        let url = ctx.url_with_path(&["v1", "boards", board, "jobs"])?;
        let board: Board = ctx.get_json("greenhouse", &url, None).await?;
        convert(board)
    }
}

/// Parses a board response.
pub fn parse(body: &[u8]) -> Result<Vec<ListedJob>, SourceError> {
    let board: Board = serde_json::from_slice(body)
        .map_err(|e| SourceError::Parse { source_kind: "greenhouse", reason: e.to_string() })?;
    convert(board)
}

fn convert(board: Board) -> Result<Vec<ListedJob>, SourceError> {
    board
        .jobs
        .into_iter()
        .map(|j| {
            let external_id = match &j.id {
                serde_json::Value::Number(n) => n.to_string(),
                serde_json::Value::String(s) if !s.is_empty() => s.clone(),
                other => {
                    return Err(SourceError::Parse {
                        source_kind: "greenhouse",
                        reason: format!("job id {other} is not a number or string"),
                    });
                }
            };
            Ok(ListedJob {
                external_id,
                url: j.absolute_url,
                title: j.title,
                location_text: j.location.and_then(|l| l.name).filter(|n| !n.is_empty()),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_board_and_keeps_ids_as_strings() {
        let body = br#"{"jobs":[{"id":4012345,"title":"Engineer","absolute_url":"https://x/acme/jobs/4012345","location":{"name":"Berlin"},"updated_at":"2026-01-01T00:00:00-05:00"}],"meta":{"total":1}}"#;
        let jobs = parse(body).unwrap();
        assert_eq!(
            jobs,
            vec![ListedJob {
                external_id: "4012345".into(),
                url: "https://x/acme/jobs/4012345".into(),
                title: "Engineer".into(),
                location_text: Some("Berlin".into())
            }]
        );
    }

    #[test]
    fn a_non_board_response_is_a_parse_error() {
        assert!(matches!(parse(b"<html>maintenance</html>"), Err(SourceError::Parse { .. })));
        assert!(matches!(
            parse(br#"{"jobs":[{"id":null,"title":"x","absolute_url":"u"}]}"#),
            Err(SourceError::Parse { .. })
        ));
    }
}
