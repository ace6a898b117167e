//! Lever postings API: `GET {base}/v0/postings/{site}?mode=json&skip=N&limit=100`
//! returns a JSON array of postings. It pages with `skip`/`limit` and says
//! nothing about the total, so paging ends at the first short page.
//!
//! Company config: `{"site": "<site slug>"}`, the first path segment of the
//! hosted board `https://jobs.lever.co/{site}`. Accounts hosted in the EU
//! answer on another host: add `"base_url": "https://api.eu.lever.co"`.
//!
//! External id: the posting's UUID (`id`). Page: `hostedUrl`.

use std::collections::HashSet;
use std::future::Future;

use serde::Deserialize;

use super::{ListContext, Source, SourceError, parse_json};
use crate::db::jobs::ListedJob;

const KIND: &str = "lever";

/// Postings asked for per request.
pub const PAGE_SIZE: usize = 100;

/// Pages read at most (100,000 postings): a server that ignored `skip` and
/// kept sending new ids would otherwise never let us finish.
const MAX_PAGES: usize = 1_000;

/// The Lever adapter. Company config: `{"site": "..."}`.
pub struct Lever;

#[derive(Deserialize)]
struct Posting {
    id: String,
    text: String,
    #[serde(rename = "hostedUrl")]
    hosted_url: String,
    #[serde(default)]
    categories: Categories,
}

#[derive(Deserialize, Default)]
struct Categories {
    location: Option<String>,
    #[serde(rename = "allLocations", default)]
    all_locations: Vec<String>,
}

impl Source for Lever {
    async fn list_jobs(&self, ctx: &ListContext<'_>) -> Result<Vec<ListedJob>, SourceError> {
        let site = ctx.config_str("site")?;
        let first = ctx.url_with_path(&["v0", "postings", site])?;
        list_with(|skip| {
            let mut url = first.clone();
            url.query_pairs_mut()
                .append_pair("mode", "json")
                .append_pair("skip", &skip.to_string())
                .append_pair("limit", &PAGE_SIZE.to_string());
            async move { ctx.get_json::<Vec<Posting>>(KIND, &url, None).await }
        })
        .await
    }
}

/// Follows the paging: `fetch(skip)` returns one page.
async fn list_with<F, Fut>(mut fetch: F) -> Result<Vec<ListedJob>, SourceError>
where
    F: FnMut(usize) -> Fut,
    Fut: Future<Output = Result<Vec<Posting>, SourceError>>,
{
    let mut jobs = Vec::new();
    let mut seen = HashSet::new();
    let mut skip = 0;
    for _ in 0..MAX_PAGES {
        let page = fetch(skip).await?;
        let n = page.len();
        let mut new = 0;
        for p in page {
            let job = convert(p)?;
            if seen.insert(job.external_id.clone()) {
                jobs.push(job);
                new += 1;
            }
        }
        // A short page is the last one; a page with nothing new means the
        // server ignores `skip`, and asking again would loop.
        if n < PAGE_SIZE || new == 0 {
            return Ok(jobs);
        }
        skip += n;
    }
    Err(SourceError::Parse { source_kind: KIND, reason: format!("still paging after {MAX_PAGES} pages") })
}

/// Parses one page of postings.
pub fn parse(body: &[u8]) -> Result<Vec<ListedJob>, SourceError> {
    parse_json::<Vec<Posting>>(KIND, body)?.into_iter().map(convert).collect()
}

fn convert(p: Posting) -> Result<ListedJob, SourceError> {
    if p.id.trim().is_empty() {
        return Err(SourceError::Parse { source_kind: KIND, reason: "posting without an id".into() });
    }
    let location_text = p
        .categories
        .location
        .filter(|l| !l.trim().is_empty())
        .or_else(|| (!p.categories.all_locations.is_empty()).then(|| p.categories.all_locations.join("; ")));
    Ok(ListedJob { external_id: p.id, url: p.hosted_url, title: p.text.trim().to_owned(), location_text })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn posting(id: &str) -> serde_json::Value {
        serde_json::json!({
            "id": id,
            "text": format!("Engineer {id}"),
            "categories": {"commitment": "Permanent", "department": "Engineering", "location": "London", "team": "Core", "allLocations": ["London", "Stockholm"]},
            "country": "GB",
            "workplaceType": "hybrid",
            "createdAt": 1_782_821_535_482_u64,
            "hostedUrl": format!("https://jobs.lever.co/acme/{id}"),
            "applyUrl": format!("https://jobs.lever.co/acme/{id}/apply"),
            "descriptionPlain": "We build things.",
            "lists": [{"text": "What you'll do", "content": "<li>Build</li>"}],
        })
    }

    #[test]
    fn parses_postings_with_their_uuid_hosted_url_and_location() {
        // GIVEN a page shaped like Lever's mode=json answer
        let body = serde_json::to_vec(&serde_json::json!([posting("b4ad9572-e20f-4185-a284-99d9740d04f0")])).unwrap();
        // WHEN it is parsed
        let jobs = parse(&body).unwrap();
        // THEN the posting's UUID, hosted page, title and primary location are kept
        assert_eq!(
            jobs,
            vec![ListedJob {
                external_id: "b4ad9572-e20f-4185-a284-99d9740d04f0".into(),
                url: "https://jobs.lever.co/acme/b4ad9572-e20f-4185-a284-99d9740d04f0".into(),
                title: "Engineer b4ad9572-e20f-4185-a284-99d9740d04f0".into(),
                location_text: Some("London".into()),
            }]
        );
    }

    #[test]
    fn all_locations_stand_in_when_the_primary_location_is_missing() {
        // GIVEN a posting with only allLocations
        let mut p = posting("x");
        p["categories"]["location"] = serde_json::Value::Null;
        // WHEN it is parsed
        let jobs = parse(&serde_json::to_vec(&serde_json::json!([p])).unwrap()).unwrap();
        // THEN its locations are joined
        assert_eq!(jobs[0].location_text.as_deref(), Some("London; Stockholm"));
    }

    #[test]
    fn malformed_json_or_a_posting_without_id_is_a_parse_error() {
        assert!(matches!(parse(b"<html>Lever</html>"), Err(SourceError::Parse { .. })));
        assert!(matches!(parse(br#"{"ok":false}"#), Err(SourceError::Parse { .. })));
        assert!(matches!(parse(br#"[{"id":" ","text":"x","hostedUrl":"u"}]"#), Err(SourceError::Parse { .. })));
    }

    fn board(n: usize) -> Vec<serde_json::Value> {
        (0..n).map(|i| posting(&format!("id-{i}"))).collect()
    }

    fn serve(board: &[serde_json::Value], skip: usize, limit: usize) -> Result<Vec<Posting>, SourceError> {
        let page: Vec<_> = board.iter().skip(skip).take(limit).cloned().collect();
        Ok(serde_json::from_value(serde_json::Value::Array(page)).unwrap())
    }

    #[tokio::test]
    async fn pages_with_skip_until_a_short_page() {
        // GIVEN a board of 250 postings served 100 at a time
        let board = board(250);
        let mut asked = Vec::new();
        // WHEN it is listed
        let jobs = list_with(|skip| {
            asked.push(skip);
            std::future::ready(serve(&board, skip, PAGE_SIZE))
        })
        .await
        .unwrap();
        // THEN three pages were read and every posting found once
        assert_eq!(asked, vec![0, 100, 200]);
        assert_eq!(jobs.len(), 250);
        assert_eq!(jobs[249].external_id, "id-249");
    }

    #[tokio::test]
    async fn a_board_of_exactly_one_page_ends_on_the_empty_page_after_it() {
        // GIVEN a board of exactly 100 postings
        let board = board(100);
        let mut asked = Vec::new();
        // WHEN it is listed
        let jobs = list_with(|skip| {
            asked.push(skip);
            std::future::ready(serve(&board, skip, PAGE_SIZE))
        })
        .await
        .unwrap();
        // THEN the empty second page ends the listing
        assert_eq!(asked, vec![0, 100]);
        assert_eq!(jobs.len(), 100);
    }

    #[tokio::test]
    async fn a_server_that_ignores_skip_does_not_loop() {
        // GIVEN a server answering every request with the same full page
        let board = board(300);
        let mut calls = 0;
        // WHEN it is listed
        let jobs = list_with(|_| {
            calls += 1;
            std::future::ready(serve(&board, 0, PAGE_SIZE))
        })
        .await
        .unwrap();
        // THEN the repeated page stops the paging
        assert_eq!(calls, 2);
        assert_eq!(jobs.len(), 100);
    }
}
