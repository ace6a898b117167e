//! SmartRecruiters posting API:
//! `GET {base}/v1/companies/{company}/postings?offset=N&limit=100` returns
//! `{"offset", "limit", "totalFound", "content": [...]}`; it pages with
//! `offset`/`limit` until `totalFound`.
//!
//! Company config: `{"company": "<company identifier>"}` (as in
//! `https://jobs.smartrecruiters.com/{company}`), and optionally
//! `"jobs_base_url"` for the job pages.
//!
//! External id: the posting's `id`. The listing carries no page URL (its
//! `ref` is the JSON detail API), so the page is built the way
//! SmartRecruiters links its postings: `{jobs base}/{company}/{id}-{title slug}`,
//! the jobs base being `SMARTRECRUITERS_JOBS_BASE` or the config's
//! `jobs_base_url`.

use std::collections::HashSet;
use std::future::Future;

use serde::Deserialize;

use super::{ListContext, Source, SourceError, parse_json};
use crate::db::jobs::ListedJob;

const KIND: &str = "smartrecruiters";

/// Postings asked for per request: the API's maximum.
pub const PAGE_SIZE: u64 = 100;

/// Pages read at most (100,000 postings).
const MAX_PAGES: usize = 1_000;

/// The SmartRecruiters adapter. Company config: `{"company": "..."}`.
pub struct SmartRecruiters {
    /// Where the public job pages live.
    pub jobs_base: url::Url,
}

#[derive(Deserialize)]
struct Page {
    #[serde(rename = "totalFound")]
    total_found: u64,
    content: Vec<Posting>,
}

#[derive(Deserialize)]
struct Posting {
    id: String,
    name: String,
    #[serde(default)]
    location: Location,
}

#[derive(Deserialize, Default)]
struct Location {
    city: Option<String>,
    region: Option<String>,
    country: Option<String>,
    #[serde(default)]
    remote: bool,
    #[serde(rename = "fullLocation")]
    full_location: Option<String>,
}

impl Source for SmartRecruiters {
    async fn list_jobs(&self, ctx: &ListContext<'_>) -> Result<Vec<ListedJob>, SourceError> {
        let company = ctx.config_str("company")?;
        let first = ctx.url_with_path(&["v1", "companies", company, "postings"])?;
        list_with(&self.jobs_base, company, |offset| {
            let mut url = first.clone();
            url.query_pairs_mut()
                .append_pair("offset", &offset.to_string())
                .append_pair("limit", &PAGE_SIZE.to_string());
            async move { ctx.get_json::<Page>(KIND, &url, None).await }
        })
        .await
    }
}

/// Follows the paging: `fetch(offset)` returns one page.
async fn list_with<F, Fut>(jobs_base: &url::Url, company: &str, mut fetch: F) -> Result<Vec<ListedJob>, SourceError>
where
    F: FnMut(u64) -> Fut,
    Fut: Future<Output = Result<Page, SourceError>>,
{
    let mut jobs = Vec::new();
    let mut seen = HashSet::new();
    let mut offset = 0;
    for _ in 0..MAX_PAGES {
        let page = fetch(offset).await?;
        let n = page.content.len() as u64;
        let mut new = 0;
        for p in page.content {
            let job = convert(jobs_base, company, p)?;
            if seen.insert(job.external_id.clone()) {
                jobs.push(job);
                new += 1;
            }
        }
        offset += n;
        // An empty page, or one with nothing new, ends it too: `totalFound`
        // can shrink while we page, and a server ignoring `offset` must not
        // make us loop.
        if offset >= page.total_found || n == 0 || new == 0 {
            return Ok(jobs);
        }
    }
    Err(SourceError::Parse { source_kind: KIND, reason: format!("still paging after {MAX_PAGES} pages") })
}

/// Parses one page of postings, with pages under `jobs_base` for `company`.
pub fn parse(jobs_base: &url::Url, company: &str, body: &[u8]) -> Result<Vec<ListedJob>, SourceError> {
    let page: Page = parse_json(KIND, body)?;
    page.content.into_iter().map(|p| convert(jobs_base, company, p)).collect()
}

/// The URL path slug of a title: lowercase ASCII letters and digits, runs of
/// anything else as one `-`.
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// The public page of a posting: `{jobs_base}/{company}/{id}-{slug}`.
pub fn page_url(jobs_base: &url::Url, company: &str, id: &str, title: &str) -> Result<url::Url, SourceError> {
    let s = slug(title);
    let last = if s.is_empty() { id.to_owned() } else { format!("{id}-{s}") };
    let mut url = jobs_base.clone();
    url.path_segments_mut()
        .map_err(|_| SourceError::Config {
            company: company.to_owned(),
            reason: "jobs base URL cannot have a path".into(),
        })?
        .pop_if_empty()
        .extend([company, &last]);
    Ok(url)
}

fn convert(jobs_base: &url::Url, company: &str, p: Posting) -> Result<ListedJob, SourceError> {
    if p.id.trim().is_empty() {
        return Err(SourceError::Parse { source_kind: KIND, reason: "posting without an id".into() });
    }
    let url = page_url(jobs_base, company, &p.id, &p.name)?;
    let loc = p.location;
    let location_text = loc.full_location.filter(|l| !l.trim().is_empty()).or_else(|| {
        let parts: Vec<String> = [loc.city, loc.region, loc.country.map(|c| c.to_ascii_uppercase())]
            .into_iter()
            .flatten()
            .filter(|s| !s.trim().is_empty())
            .collect();
        if !parts.is_empty() { Some(parts.join(", ")) } else { loc.remote.then(|| "Remote".to_owned()) }
    });
    Ok(ListedJob { external_id: p.id, url: url.into(), title: p.name.trim().to_owned(), location_text })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jobs_base() -> url::Url {
        url::Url::parse("https://jobs.smartrecruiters.com").unwrap()
    }

    fn posting(id: u64, name: &str) -> serde_json::Value {
        serde_json::json!({
            "id": id.to_string(),
            "name": name,
            "uuid": "027cb8ad-cbfc-4672-88cf-ef3584c198c8",
            "jobAdId": "9b6134b0-bb09-46d6-825a-c188deda1e77",
            "defaultJobAd": true,
            "refNumber": "REF33122V",
            "company": {"identifier": "Acme", "name": "Acme"},
            "releasedDate": "2026-08-03T12:14:04.401Z",
            "location": {"city": "San Jose", "region": "CA", "country": "us", "remote": false, "hybrid": true, "fullLocation": "San Jose, CA, United States"},
            "industry": {"id": "computer_hardware", "label": "Computer Hardware"},
            "department": {},
            "function": {"id": "engineering", "label": "Engineering"},
            "typeOfEmployment": {"id": "permanent", "label": "Full-time"},
            "experienceLevel": {"id": "associate", "label": "Associate"},
            "customField": [],
            "visibility": "PUBLIC",
            "ref": format!("https://api.smartrecruiters.com/v1/companies/Acme/postings/{id}"),
            "language": {"code": "en", "label": "English", "labelNative": "English (US)"},
        })
    }

    #[test]
    fn parses_postings_and_builds_their_public_page() {
        // GIVEN a page shaped like SmartRecruiters' postings list
        let body = serde_json::json!({"offset": 0, "limit": 100, "totalFound": 1, "content": [posting(744000140949875, "Summer 2027 Intern - Hardware Engineering")]});
        // WHEN it is parsed
        let jobs = parse(&jobs_base(), "Acme", &serde_json::to_vec(&body).unwrap()).unwrap();
        // THEN the page is the id plus the title's slug, as SmartRecruiters links it
        assert_eq!(
            jobs,
            vec![ListedJob {
                external_id: "744000140949875".into(),
                url: "https://jobs.smartrecruiters.com/Acme/744000140949875-summer-2027-intern-hardware-engineering"
                    .into(),
                title: "Summer 2027 Intern - Hardware Engineering".into(),
                location_text: Some("San Jose, CA, United States".into()),
            }]
        );
    }

    #[test]
    fn a_title_without_ascii_letters_gives_a_page_of_the_bare_id() {
        assert_eq!(slug("環境・安全衛生マネージャー (EHS Manager)"), "ehs-manager");
        assert_eq!(
            page_url(&jobs_base(), "Acme", "7", "環境").unwrap().as_str(),
            "https://jobs.smartrecruiters.com/Acme/7"
        );
    }

    #[test]
    fn malformed_json_is_a_parse_error() {
        assert!(matches!(parse(&jobs_base(), "Acme", b"<html>"), Err(SourceError::Parse { .. })));
        assert!(matches!(parse(&jobs_base(), "Acme", br#"{"content":[]}"#), Err(SourceError::Parse { .. })));
    }

    fn serve(total: u64, offset: u64, limit: u64) -> Result<Page, SourceError> {
        let content: Vec<_> = (offset..total.min(offset + limit)).map(|i| posting(1000 + i, "Engineer")).collect();
        Ok(serde_json::from_value(
            serde_json::json!({"offset": offset, "limit": limit, "totalFound": total, "content": content}),
        )
        .unwrap())
    }

    #[tokio::test]
    async fn pages_with_offset_until_total_found() {
        // GIVEN 230 postings served 100 at a time
        let mut asked = Vec::new();
        // WHEN they are listed
        let jobs = list_with(&jobs_base(), "Acme", |offset| {
            asked.push(offset);
            std::future::ready(serve(230, offset, PAGE_SIZE))
        })
        .await
        .unwrap();
        // THEN three pages were read, none beyond totalFound, and every posting found once
        assert_eq!(asked, vec![0, 100, 200]);
        assert_eq!(jobs.len(), 230);
    }

    #[tokio::test]
    async fn an_empty_board_is_one_request() {
        let mut calls = 0;
        let jobs = list_with(&jobs_base(), "Acme", |offset| {
            calls += 1;
            std::future::ready(serve(0, offset, PAGE_SIZE))
        })
        .await
        .unwrap();
        assert_eq!((calls, jobs.len()), (1, 0));
    }

    #[tokio::test]
    async fn a_server_that_ignores_offset_does_not_loop() {
        // GIVEN a server that always answers with the first page of 500
        let mut calls = 0;
        // WHEN the board is listed
        let jobs = list_with(&jobs_base(), "Acme", |_| {
            calls += 1;
            std::future::ready(serve(500, 0, PAGE_SIZE))
        })
        .await
        .unwrap();
        // THEN the repeat ends the paging
        assert_eq!((calls, jobs.len()), (2, 100));
    }
}
