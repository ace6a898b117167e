//! Workday CXS job search:
//! `POST {base}/wday/cxs/{tenant}/{site}/jobs` with
//! `{"appliedFacets": {...}, "limit": 20, "offset": N, "searchText": ""}`.
//!
//! Workday pages 20 at a time and stops at 2,000 results: past that, the
//! reported `total` is clamped to 2,000 and an offset beyond the cap quietly
//! answers the first page again. Pages after the first report `total: 0`, so
//! only the first page's total counts. To list a bigger board, the search is
//! split by a facet from the response (`facets`, e.g. job family or location;
//! nested groups such as `locationMainGroup` are looked into), one search per
//! facet value, recursively while a value still reaches the cap. Jobs found
//! under several values (a job in two locations) are kept once.
//!
//! The facet chosen is the one whose values' counts add up to at least the
//! reported total (so it covers the search) and that costs the fewest
//! requests: the sum over its values of their pages. That favours a coarse
//! facet such as the job family over a hundred locations.
//!
//! Company config: `{"tenant": "gdit", "site": "External_Career_Site",
//! "host": "gdit.wd5.myworkdayjobs.com"}`. The base is `WORKDAY_API_BASE`
//! (default `https://{host}`) or the config's `base_url`; `tenant` defaults to
//! the first label of `host`.
//!
//! External id: the posting's requisition id, the part of `externalPath`
//! after its last `_` (`…/Data-Engineer_RQ216675` gives `RQ216675`; a second
//! posting of one requisition, `…_RQ221571-1`, keeps its `-1`), else the
//! bullet field the path ends with. Page: `{base}/{site}{externalPath}`.

use std::collections::{BTreeMap, HashSet};
use std::future::Future;

use serde::Deserialize;
use serde_json::json;

use super::{ListContext, Source, SourceError, parse_json};
use crate::db::jobs::ListedJob;

const KIND: &str = "workday";

/// Jobs per request: Workday refuses larger pages.
pub const PAGE_SIZE: u64 = 20;

/// Results one search can reach (`offset + limit` at most this).
pub const RESULT_CAP: u64 = 2_000;

/// Requests one listing may make (40,000 jobs), so a board that keeps
/// splitting cannot run for ever.
pub const MAX_REQUESTS: usize = 2_000;

/// The Workday adapter. Company config: `{"tenant", "site", "host"}`.
pub struct Workday;

/// Facet filters of a search: facet parameter to the value ids selected.
pub type Applied = BTreeMap<String, Vec<String>>;

/// One page of search results.
#[derive(Debug, Deserialize)]
pub struct SearchPage {
    total: u64,
    #[serde(rename = "jobPostings")]
    job_postings: Vec<Posting>,
    #[serde(default)]
    facets: Vec<Facet>,
}

#[derive(Debug, Deserialize)]
struct Posting {
    title: String,
    #[serde(rename = "externalPath")]
    external_path: Option<String>,
    #[serde(rename = "locationsText")]
    locations_text: Option<String>,
    #[serde(rename = "bulletFields", default)]
    bullet_fields: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct Facet {
    #[serde(rename = "facetParameter")]
    parameter: String,
    #[serde(default)]
    values: Vec<FacetEntry>,
}

/// A facet's entry: a value, or a nested facet (`locationMainGroup` holds
/// `locations`).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum FacetEntry {
    Group(Facet),
    Value { id: String, count: u64 },
    Other(serde::de::IgnoredAny),
}

/// A facet with plain values, ready to split a search by.
#[derive(Debug, Clone, PartialEq)]
pub struct Split {
    /// Its `appliedFacets` key.
    pub parameter: String,
    /// `(value id, job count)`.
    pub values: Vec<(String, u64)>,
}

impl Source for Workday {
    async fn list_jobs(&self, ctx: &ListContext<'_>) -> Result<Vec<ListedJob>, SourceError> {
        let site = ctx.config_str("site")?;
        let tenant =
            match ctx.company.config.get("tenant").and_then(serde_json::Value::as_str).filter(|t| !t.is_empty()) {
                Some(t) => t,
                None => ctx.config_str("host")?.split('.').next().unwrap_or_default(),
            };
        let api = ctx.url_with_path(&["wday", "cxs", tenant, site, "jobs"])?;
        let page_base = ctx.url_with_path(&[site])?;
        list_with(&page_base, |applied, offset| {
            let body = search_body(applied, offset);
            let url = api.clone();
            async move { ctx.get_json::<SearchPage>(KIND, &url, Some(&body)).await }
        })
        .await
    }
}

/// The search request body.
pub fn search_body(applied: &Applied, offset: u64) -> serde_json::Value {
    json!({"appliedFacets": applied, "limit": PAGE_SIZE, "offset": offset, "searchText": ""})
}

/// Lists every job: `search(applied, offset)` returns one page.
async fn list_with<S, Fut>(page_base: &url::Url, mut search: S) -> Result<Vec<ListedJob>, SourceError>
where
    S: FnMut(&Applied, u64) -> Fut,
    Fut: Future<Output = Result<SearchPage, SourceError>>,
{
    let mut jobs = Vec::new();
    let mut seen = HashSet::new();
    let mut requests = 0;
    let mut budget = move || {
        requests += 1;
        if requests > MAX_REQUESTS {
            return Err(SourceError::Parse {
                source_kind: KIND,
                reason: format!("board needs more than {MAX_REQUESTS} requests"),
            });
        }
        Ok(())
    };
    let mut absorb = |postings: Vec<Posting>| -> Result<(), SourceError> {
        for p in postings {
            let job = convert(page_base, p)?;
            if seen.insert(job.external_id.clone()) {
                jobs.push(job);
            }
        }
        Ok(())
    };
    // A stack of searches still to run, rather than recursion, so the depth
    // of facet splitting never touches the async call stack.
    let mut pending = vec![Applied::new()];
    while let Some(applied) = pending.pop() {
        budget()?;
        let first = search(&applied, 0).await?;
        let total = first.total;
        if total >= RESULT_CAP {
            let split = choose_split(&first.facets, &applied, total).ok_or_else(|| SourceError::Parse {
                source_kind: KIND,
                reason: format!(
                    "{total} or more jobs match {} and no facet splits them below the {RESULT_CAP}-result cap",
                    describe(&applied)
                ),
            })?;
            absorb(first.job_postings)?;
            for (id, _) in split.values.iter().rev() {
                let mut narrower = applied.clone();
                narrower.insert(split.parameter.clone(), vec![id.clone()]);
                pending.push(narrower);
            }
            continue;
        }
        absorb(first.job_postings)?;
        // `offset < total < RESULT_CAP` keeps `offset + PAGE_SIZE` within the cap.
        let mut offset = PAGE_SIZE;
        while offset < total {
            budget()?;
            let page = search(&applied, offset).await?;
            if page.job_postings.is_empty() {
                break;
            }
            absorb(page.job_postings)?;
            offset += PAGE_SIZE;
        }
    }
    Ok(jobs)
}

fn describe(applied: &Applied) -> String {
    if applied.is_empty() {
        return "the whole board".into();
    }
    applied.iter().map(|(k, v)| format!("{k}={}", v.join("|"))).collect::<Vec<_>>().join(", ")
}

/// Every facet with plain values, nested groups flattened.
fn flatten(facets: &[Facet], out: &mut Vec<Split>) {
    for f in facets {
        let mut values = Vec::new();
        for entry in &f.values {
            match entry {
                FacetEntry::Value { id, count } => values.push((id.clone(), *count)),
                FacetEntry::Group(nested) => flatten(std::slice::from_ref(nested), out),
                FacetEntry::Other(_) => {}
            }
        }
        if !values.is_empty() {
            out.push(Split { parameter: f.parameter.clone(), values });
        }
    }
}

/// The facet to split a search of `total` results by (see the module docs),
/// with its empty values dropped; `None` when no unapplied facet covers the
/// search with at least two values.
fn choose_split(facets: &[Facet], applied: &Applied, total: u64) -> Option<Split> {
    let mut all = Vec::new();
    flatten(facets, &mut all);
    all.into_iter()
        .filter(|f| !applied.contains_key(&f.parameter))
        .map(|mut f| {
            f.values.retain(|(_, c)| *c > 0);
            f
        })
        .filter(|f| f.values.len() >= 2 && f.values.iter().map(|(_, c)| c).sum::<u64>() >= total)
        .min_by_key(|f| {
            // A value at the cap needs one more search to split it again.
            let cost: u64 = f.values.iter().map(|(_, c)| c.div_ceil(PAGE_SIZE) + u64::from(*c >= RESULT_CAP)).sum();
            (cost, f.parameter.clone())
        })
}

/// The requisition id of a posting (see the module docs).
pub fn external_id(external_path: &str, bullet_fields: &[String]) -> Option<String> {
    let last = external_path.trim_end_matches('/').rsplit('/').next().unwrap_or_default();
    if let Some((_, id)) = last.rsplit_once('_')
        && !id.is_empty()
    {
        return Some(id.to_owned());
    }
    bullet_fields
        .iter()
        .find(|b| !b.is_empty() && last.ends_with(b.as_str()))
        .cloned()
        .or_else(|| (!last.is_empty()).then(|| last.to_owned()))
}

/// Parses one search page into jobs whose pages live under `page_base`
/// (`{base}/{site}`).
pub fn parse(page_base: &url::Url, body: &[u8]) -> Result<Vec<ListedJob>, SourceError> {
    let page: SearchPage = parse_json(KIND, body)?;
    page.job_postings.into_iter().map(|p| convert(page_base, p)).collect()
}

fn convert(page_base: &url::Url, p: Posting) -> Result<ListedJob, SourceError> {
    let missing =
        |what: &str| SourceError::Parse { source_kind: KIND, reason: format!("posting {:?} has no {what}", p.title) };
    let path = p.external_path.as_deref().filter(|s| !s.is_empty()).ok_or_else(|| missing("externalPath"))?;
    let external_id = external_id(path, &p.bullet_fields).ok_or_else(|| missing("requisition id"))?;
    let mut url = page_base.clone();
    // set_path keeps the path's existing percent-escapes, unlike pushing segments.
    let sep = if path.starts_with('/') { "" } else { "/" };
    url.set_path(&format!("{}{sep}{path}", page_base.path().trim_end_matches('/')));
    // "3 Locations" is a count, not a place: leave the location to the page.
    let location_text = p.locations_text.filter(|l| {
        let l = l.trim();
        !l.is_empty() && !l.strip_suffix(" Locations").is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()))
    });
    Ok(ListedJob { external_id, url: url.into(), title: p.title.trim().to_owned(), location_text })
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;

    fn page_base() -> url::Url {
        url::Url::parse("https://gdit.wd5.myworkdayjobs.com/External_Career_Site").unwrap()
    }

    #[test]
    fn parses_a_search_page_into_requisition_ids_and_pages() {
        // GIVEN a search page shaped like Workday's, with a re-posted requisition and a multi-location job
        let body = json!({
            "total": 3,
            "jobPostings": [
                {"title": "Data Engineer", "externalPath": "/job/USA-DC-Washington/Data-Engineer_RQ216675", "locationsText": "USA DC Washington", "postedOn": "Posted 8 Days Ago", "bulletFields": ["RQ216675"]},
                {"title": "Cloud Data Engineer", "externalPath": "/job/DEU-Wiesbaden/Cloud-Data-Engineer_RQ221571-1", "locationsText": "DEU Wiesbaden", "postedOn": "Posted 8 Days Ago", "bulletFields": ["RQ221571"]},
                {"title": "Analyst", "externalPath": "/job/Remote/Analyst_JR77", "locationsText": "2 Locations", "postedOn": "Posted Today", "bulletFields": ["JR77"]},
            ],
            "facets": [],
            "userAuthenticated": false,
        });
        // WHEN it is parsed
        let jobs = parse(&page_base(), &serde_json::to_vec(&body).unwrap()).unwrap();
        // THEN each job has its requisition id, its page under the site, and a location unless it is a count
        assert_eq!(
            jobs[0],
            ListedJob {
                external_id: "RQ216675".into(),
                url: "https://gdit.wd5.myworkdayjobs.com/External_Career_Site/job/USA-DC-Washington/Data-Engineer_RQ216675".into(),
                title: "Data Engineer".into(),
                location_text: Some("USA DC Washington".into()),
            }
        );
        assert_eq!(jobs[1].external_id, "RQ221571-1");
        assert_eq!(jobs[2].location_text, None);
    }

    #[test]
    fn the_requisition_id_falls_back_to_the_bullet_field_the_path_ends_with() {
        assert_eq!(external_id("/job/Berlin/EngineerR123", &["Berlin".into(), "R123".into()]).as_deref(), Some("R123"));
        assert_eq!(external_id("/job/Berlin/Engineer-R123", &[]).as_deref(), Some("Engineer-R123"));
        assert_eq!(external_id("", &[]), None);
    }

    #[test]
    fn malformed_json_or_a_posting_without_path_is_a_parse_error() {
        assert!(matches!(parse(&page_base(), b"<html>"), Err(SourceError::Parse { .. })));
        assert!(matches!(parse(&page_base(), br#"{"errorCode":"HTTP_400"}"#), Err(SourceError::Parse { .. })));
        assert!(matches!(
            parse(&page_base(), br#"{"total":1,"jobPostings":[{"title":"x"}]}"#),
            Err(SourceError::Parse { .. })
        ));
    }

    #[test]
    fn nested_facets_are_found_and_the_cheapest_covering_facet_is_chosen() {
        // GIVEN a job family facet of 3 values and a nested location facet of 120 small values
        let locations: Vec<_> =
            (0..120).map(|i| json!({"descriptor": format!("L{i}"), "id": format!("l{i}"), "count": 25})).collect();
        let facets: Vec<Facet> = serde_json::from_value(json!([
            {"facetParameter": "jobFamilyGroup", "descriptor": "Job Category", "values": [
                {"descriptor": "A", "id": "a", "count": 1200}, {"descriptor": "B", "id": "b", "count": 900}, {"descriptor": "C", "id": "c", "count": 300}]},
            {"facetParameter": "locationMainGroup", "values": [{"facetParameter": "locations", "descriptor": "Locations", "values": locations}]},
            {"facetParameter": "timeType", "values": [{"descriptor": "Full time", "id": "ft", "count": 1500}]},
        ]))
        .unwrap();
        // WHEN a capped search is split
        let split = choose_split(&facets, &Applied::new(), RESULT_CAP).unwrap();
        // THEN the job family wins (120 pages against 240), and the one-value, partial time type is never a candidate
        assert_eq!(split.parameter, "jobFamilyGroup");
        // AND once the job family is applied, the nested locations are next
        let applied = Applied::from([("jobFamilyGroup".to_owned(), vec!["a".to_owned()])]);
        assert_eq!(choose_split(&facets, &applied, RESULT_CAP).unwrap().parameter, "locations");
    }

    /// An in-memory Workday board with the real API's paging quirks: 20 per
    /// page, `total` clamped to the cap and 0 after the first page, offsets
    /// past the cap answering the first page again, and facet counts over the
    /// jobs matching the other applied facets.
    struct Board {
        jobs: Vec<(u64, &'static str, &'static str, bool)>, // id, family, city, remote
        log: Mutex<Vec<(Applied, u64)>>,
    }

    impl Board {
        fn values(job: &(u64, &'static str, &'static str, bool), facet: &str) -> Vec<String> {
            match facet {
                "jobFamilyGroup" => vec![job.1.to_owned()],
                "locations" if job.3 => vec![job.2.to_owned(), "Remote".to_owned()],
                "locations" => vec![job.2.to_owned()],
                "timeType" => vec![if job.0.is_multiple_of(7) { "Part" } else { "Full" }.to_owned()],
                _ => vec![],
            }
        }

        fn matches(job: &(u64, &'static str, &'static str, bool), applied: &Applied, except: Option<&str>) -> bool {
            applied
                .iter()
                .filter(|(k, _)| Some(k.as_str()) != except)
                .all(|(k, ids)| Self::values(job, k).iter().any(|v| ids.contains(v)))
        }

        fn search(&self, applied: &Applied, offset: u64) -> Result<SearchPage, SourceError> {
            self.log.lock().unwrap().push((applied.clone(), offset));
            let hits: Vec<_> = self.jobs.iter().filter(|j| Self::matches(j, applied, None)).collect();
            let offset = if offset + PAGE_SIZE > RESULT_CAP { 0 } else { offset };
            let postings: Vec<_> = hits
                .iter()
                .skip(offset as usize)
                .take(PAGE_SIZE as usize)
                .map(|j| json!({"title": "Engineer", "externalPath": format!("/job/{}/Engineer_JR{}", j.2, j.0), "locationsText": j.2, "bulletFields": [format!("JR{}", j.0)]}))
                .collect();
            let facet = |name: &str| {
                let mut counts = BTreeMap::<String, u64>::new();
                for j in self.jobs.iter().filter(|j| Self::matches(j, applied, Some(name))) {
                    for v in Self::values(j, name) {
                        *counts.entry(v).or_default() += 1;
                    }
                }
                let values: Vec<_> =
                    counts.into_iter().map(|(id, count)| json!({"descriptor": id, "id": id, "count": count})).collect();
                values
            };
            let total = if offset == 0 { (hits.len() as u64).min(RESULT_CAP) } else { 0 };
            Ok(serde_json::from_value(json!({
                "total": total,
                "jobPostings": postings,
                "facets": [
                    {"facetParameter": "jobFamilyGroup", "values": facet("jobFamilyGroup")},
                    {"facetParameter": "locationMainGroup", "values": [{"facetParameter": "locations", "values": facet("locations")}]},
                    {"facetParameter": "timeType", "values": facet("timeType")},
                ],
            }))
            .unwrap())
        }

        async fn list(&self) -> Result<Vec<ListedJob>, SourceError> {
            list_with(&page_base(), |applied, offset| std::future::ready(self.search(applied, offset))).await
        }

        fn requests(&self) -> Vec<(Applied, u64)> {
            self.log.lock().unwrap().clone()
        }
    }

    fn board(n: u64, family: impl Fn(u64) -> &'static str, city: impl Fn(u64) -> &'static str) -> Board {
        Board { jobs: (0..n).map(|i| (1000 + i, family(i), city(i), i % 5 == 0)).collect(), log: Mutex::default() }
    }

    fn assert_each_once(jobs: &[ListedJob], n: u64) {
        let ids: HashSet<_> = jobs.iter().map(|j| j.external_id.as_str()).collect();
        assert_eq!(jobs.len() as u64, n, "duplicates or missing jobs");
        assert_eq!(ids.len() as u64, n);
    }

    #[tokio::test]
    async fn a_board_under_the_cap_is_paged_twenty_at_a_time() {
        // GIVEN 45 jobs
        let b = board(45, |_| "Eng", |_| "Berlin");
        // WHEN they are listed
        let jobs = b.list().await.unwrap();
        // THEN three unfiltered pages were read and every job found once
        assert_each_once(&jobs, 45);
        assert_eq!(b.requests().iter().map(|(_, o)| *o).collect::<Vec<_>>(), vec![0, 20, 40]);
        assert!(b.requests().iter().all(|(a, _)| a.is_empty()));
    }

    #[tokio::test]
    async fn a_board_beyond_the_cap_is_split_by_a_facet_and_each_job_found_once() {
        // GIVEN 4,500 jobs in three job families, remote ones listed in two locations
        let families = ["Eng", "Sales", "Ops"];
        let b = board(4_500, |i| families[(i % 3) as usize], |i| if i % 2 == 0 { "Berlin" } else { "London" });
        // WHEN they are listed
        let jobs = b.list().await.unwrap();
        // THEN every job is found exactly once, without a request past the cap
        assert_each_once(&jobs, 4_500);
        assert!(b.requests().iter().all(|(_, o)| o + PAGE_SIZE <= RESULT_CAP));
        // AND the search was split by job family, one value at a time
        assert!(b.requests().iter().skip(1).all(|(a, _)| a.len() == 1 && a["jobFamilyGroup"].len() == 1));
    }

    #[tokio::test]
    async fn a_facet_value_still_beyond_the_cap_is_split_again() {
        // GIVEN 2,600 jobs of one family where every facet has a value above the cap
        let b = board(2_600, |_| "Eng", |i| if i < 2_200 { "Berlin" } else { "London" });
        // WHEN they are listed
        let jobs = b.list().await.unwrap();
        // THEN every job is found exactly once, within the cap
        assert_each_once(&jobs, 2_600);
        assert!(b.requests().iter().all(|(_, o)| o + PAGE_SIZE <= RESULT_CAP));
        // AND some searches needed two facets
        assert!(b.requests().iter().any(|(a, _)| a.len() == 2));
    }

    #[tokio::test]
    async fn a_board_no_facet_can_split_is_an_error_not_a_silent_truncation() {
        // GIVEN 2,100 full-time jobs of one family in one city (id % 7 != 0 keeps them full time)
        let b =
            Board { jobs: (0..2_100).map(|i| (i * 7 + 1, "Eng", "Berlin", false)).collect(), log: Mutex::default() };
        // WHEN they are listed
        let err = b.list().await.unwrap_err();
        // THEN the listing fails and says why, rather than closing the jobs it could not reach
        assert!(matches!(&err, SourceError::Parse { reason, .. } if reason.contains("no facet")), "{err}");
    }

    #[test]
    fn the_request_body_carries_the_facets_and_the_page() {
        let applied = Applied::from([("locations".to_owned(), vec!["abc".to_owned()])]);
        assert_eq!(
            search_body(&applied, 40),
            json!({"appliedFacets": {"locations": ["abc"]}, "limit": 20, "offset": 40, "searchText": ""})
        );
    }
}
