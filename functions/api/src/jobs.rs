//! Search (`GET /api/jobs`) and one job's full record (`GET /api/jobs/{id}`).
//! The query and ranking are in `jh_common::db::search`; here are the
//! parameters, their validation, and the opaque keyset cursor.

use axum::extract::{Path, State};
use chrono::{DateTime, NaiveDate, Utc};
use jh_common::db::search::{self, After, Filters, Hit, Tier};
use jh_common::domain::CompanySlug;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::auth::AuthUser;
use crate::error::{ApiError, FieldError};
use crate::extract::{Json, Query};

/// Where a job is worked from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Remote {
    /// Fully remote.
    Remote,
    /// Partly remote.
    Hybrid,
    /// On site.
    Onsite,
    /// Not stated.
    Unknown,
}

impl Remote {
    fn as_str(self) -> &'static str {
        match self {
            Remote::Remote => "remote",
            Remote::Hybrid => "hybrid",
            Remote::Onsite => "onsite",
            Remote::Unknown => "unknown",
        }
    }
}

/// Employment type, normalised by the extractor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub enum EmploymentType {
    /// Full time.
    #[serde(rename = "full-time")]
    FullTime,
    /// Part time.
    #[serde(rename = "part-time")]
    PartTime,
    /// Contract.
    #[serde(rename = "contract")]
    Contract,
    /// Temporary.
    #[serde(rename = "temporary")]
    Temporary,
    /// Internship.
    #[serde(rename = "intern")]
    Intern,
    /// Anything else.
    #[serde(rename = "other")]
    Other,
}

impl EmploymentType {
    fn as_str(self) -> &'static str {
        match self {
            EmploymentType::FullTime => "full-time",
            EmploymentType::PartTime => "part-time",
            EmploymentType::Contract => "contract",
            EmploymentType::Temporary => "temporary",
            EmploymentType::Intern => "intern",
            EmploymentType::Other => "other",
        }
    }
}

/// Query of `GET /api/jobs`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// Search words, in web-search syntax: `rust -php "machine learning" go or python`.
    /// Typos are tolerated (`grapql` finds GraphQL). Empty: every job, newest first.
    #[param(max_length = 200, pattern = "^[^\\u0000]*$", example = "senior graphql")]
    pub q: Option<String>,
    /// Company slug.
    #[param(example = "acme", pattern = "^[a-z0-9][a-z0-9-]{0,62}$")]
    pub company: Option<String>,
    /// Substring of the location, case-insensitive.
    #[param(max_length = 100, pattern = "^[^\\u0000]*$", example = "berlin")]
    pub location: Option<String>,
    /// Where the job is worked from.
    pub remote: Option<Remote>,
    /// Employment type.
    pub employment_type: Option<EmploymentType>,
    /// Posted on or after this date (YYYY-MM-DD).
    pub posted_since: Option<NaiveDate>,
    /// The top of the pay range, per year (hourly ×2080, daily ×260, weekly
    /// ×52, monthly ×12), is at least this. Currencies are not converted.
    #[param(minimum = 0)]
    pub salary_min: Option<f64>,
    /// Include jobs that left their board (default false).
    pub include_closed: Option<bool>,
    /// Results per page (1–100, default 20).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
    /// `next_cursor` of the previous page, with the same other parameters.
    #[param(pattern = "^(title|text|fuzzy_title|fuzzy_text|all)\\.[0-9]{1,18}$", example = "title.1234")]
    pub cursor: Option<String>,
}

/// Published pay.
#[derive(Debug, Serialize, ToSchema)]
pub struct Salary {
    /// Bottom of the range.
    pub min: Option<f64>,
    /// Top of the range.
    pub max: Option<f64>,
    /// ISO 4217 currency.
    pub currency: Option<String>,
    /// `hour`, `day`, `week`, `month` or `year`.
    pub interval: Option<String>,
}

/// A job as search returns it.
#[derive(Debug, Serialize, ToSchema)]
pub struct JobOut {
    /// Job id.
    pub id: i64,
    /// Company slug.
    pub company: String,
    /// Company name.
    pub company_name: String,
    /// Title.
    pub title: Option<String>,
    /// Location, as text.
    pub location: Option<String>,
    /// `remote`, `hybrid`, `onsite` or `unknown`.
    #[schema(example = "remote")]
    pub remote: String,
    /// `full-time`, `part-time`, `contract`, `temporary`, `intern` or `other`.
    pub employment_type: Option<String>,
    /// Department or team.
    pub department: Option<String>,
    /// Published pay, when there is any.
    pub salary: Option<Salary>,
    /// Date posted.
    pub date_posted: Option<NaiveDate>,
    /// The job's page.
    pub url: String,
    /// Where to apply.
    pub apply_url: Option<String>,
    /// First seen by a crawl.
    pub first_seen_at: DateTime<Utc>,
    /// When it left its board; `null` while open.
    pub closed_at: Option<DateTime<Utc>>,
    /// Why it matched: `title`, `text`, `fuzzy_title` or `fuzzy_text`
    /// (best first); `null` without a query.
    #[serde(rename = "match")]
    #[schema(example = "title")]
    pub matched: Option<String>,
}

impl From<Hit> for JobOut {
    fn from(h: Hit) -> Self {
        let salary = (h.salary_min.is_some() || h.salary_max.is_some()).then(|| Salary {
            min: h.salary_min,
            max: h.salary_max,
            currency: h.salary_currency.clone(),
            interval: h.salary_interval.clone(),
        });
        let matched = match h.tier {
            Some(Tier::All) | None => None,
            Some(t) => serde_json::to_value(t).ok().and_then(|v| v.as_str().map(str::to_owned)),
        };
        Self {
            id: h.id,
            company: h.company,
            company_name: h.company_name,
            title: h.title,
            location: h.location,
            remote: h.remote,
            employment_type: h.employment_type,
            department: h.department,
            salary,
            date_posted: h.date_posted,
            url: h.url,
            apply_url: h.apply_url,
            first_seen_at: h.first_seen_at,
            closed_at: h.closed_at,
            matched,
        }
    }
}

/// One page of results.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchPage {
    /// Best first.
    pub jobs: Vec<JobOut>,
    /// Pass as `cursor` (with the same other parameters) for the next page;
    /// `null` on the last page.
    pub next_cursor: Option<String>,
}

/// A job's full record.
#[derive(Debug, Serialize, ToSchema)]
pub struct JobDetail {
    /// What search returns.
    #[serde(flatten)]
    pub job: JobOut,
    /// The ATS's id.
    pub external_id: String,
    /// Every location, structured (`text`, `city`, `region`, `country`, ...).
    #[schema(value_type = Vec<Object>)]
    pub locations: serde_json::Value,
    /// Closing date.
    pub valid_through: Option<DateTime<Utc>>,
    /// Description as plain text.
    pub description_text: Option<String>,
    /// Description as sanitised HTML.
    pub description_html: Option<String>,
    /// Which source gave each field (`jsonld`, `ats`, `generic`, `listing`).
    #[schema(value_type = Object)]
    pub field_sources: serde_json::Value,
    /// Last seen on its board.
    pub last_seen_at: DateTime<Utc>,
    /// Last extracted.
    pub extracted_at: Option<DateTime<Utc>>,
}

// A cursor is the last row's tier and id, `title.1234`. Transparent on
// purpose: every string the document's pattern allows is a position, so no
// well-formed cursor is refused.

fn tier_name(t: Tier) -> &'static str {
    match t {
        Tier::Title => "title",
        Tier::Text => "text",
        Tier::FuzzyTitle => "fuzzy_title",
        Tier::FuzzyText => "fuzzy_text",
        Tier::All => "all",
    }
}

fn encode_cursor(a: After) -> String {
    format!("{}.{}", tier_name(a.tier), a.id)
}

fn decode_cursor(s: &str) -> Option<After> {
    let (tier, id) = s.split_once('.')?;
    let tier = [Tier::Title, Tier::Text, Tier::FuzzyTitle, Tier::FuzzyText, Tier::All]
        .into_iter()
        .find(|t| tier_name(*t) == tier)?;
    let id = id.parse::<i64>().ok().filter(|id| *id >= 0 && id.to_string().len() <= 18)?;
    Some(After { tier, id })
}

fn validate(p: SearchParams) -> Result<(Option<String>, Filters, i64, Option<After>), ApiError> {
    let mut errors = Vec::new();
    let q = p.q.map(|q| q.trim().to_owned()).filter(|q| !q.is_empty());
    if q.as_ref().is_some_and(|q| q.chars().count() > 200) {
        errors.push(FieldError::new("query.q", "longer than 200 characters"));
    }
    if q.as_ref().is_some_and(|q| q.contains('\0')) {
        errors.push(FieldError::new("query.q", "contains a NUL character"));
    }
    if let Some(c) = &p.company
        && let Err(e) = CompanySlug::new(c.clone())
    {
        errors.push(FieldError::new("query.company", e.to_string()));
    }
    let location = p.location.map(|l| l.trim().to_owned()).filter(|l| !l.is_empty());
    if location.as_ref().is_some_and(|l| l.chars().count() > 100) {
        errors.push(FieldError::new("query.location", "longer than 100 characters"));
    }
    if location.as_ref().is_some_and(|l| l.contains('\0')) {
        errors.push(FieldError::new("query.location", "contains a NUL character"));
    }
    if p.salary_min.is_some_and(|s| !s.is_finite() || s < 0.0) {
        errors.push(FieldError::new("query.salary_min", "must be a number, at least 0"));
    }
    let limit = p.limit.unwrap_or(20);
    if !(1..=100).contains(&limit) {
        errors.push(FieldError::new("query.limit", "must be between 1 and 100"));
    }
    let filters = Filters {
        company: p.company,
        location,
        remote: p.remote.map(|r| r.as_str().to_owned()),
        employment_type: p.employment_type.map(|e| e.as_str().to_owned()),
        posted_since: p.posted_since,
        salary_min: p.salary_min,
        include_closed: p.include_closed.unwrap_or(false),
    };
    let mut after = None;
    if let Some(c) = p.cursor.as_deref() {
        match decode_cursor(c) {
            Some(a) => after = Some(a),
            None => errors.push(FieldError::new("query.cursor", "not a cursor this API issued")),
        }
    }
    if errors.is_empty() { Ok((q, filters, limit, after)) } else { Err(ApiError::Validation(errors)) }
}

/// Searches jobs: full text with typo tolerance, ranked (title matches,
/// then other matches, then typo-corrected ones; newest first within each),
/// with keyset pagination. Open jobs only unless `include_closed=true`.
#[utoipa::path(
    get,
    path = "/api/jobs",
    tag = "jobs",
    security(("bearer" = [])),
    params(SearchParams),
    responses(
        (status = 200, description = "A page of results", body = SearchPage),
        (status = 401, response = crate::error::Unauthorized),
        (status = 422, response = crate::error::Unprocessable),
    )
)]
pub async fn search(
    State(state): State<AppState>,
    _user: AuthUser,
    Query(p): Query<SearchParams>,
) -> Result<Json<SearchPage>, ApiError> {
    let (q, filters, limit, after) = validate(p)?;
    let page = search::search(&state.pool, q.as_deref(), &filters, limit, after).await?;
    let next_cursor = page.next.map(encode_cursor);
    Ok(Json(SearchPage { jobs: page.hits.into_iter().map(JobOut::from).collect(), next_cursor }))
}

/// One job's full record, description included.
#[utoipa::path(
    get,
    path = "/api/jobs/{id}",
    tag = "jobs",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Job id")),
    responses(
        (status = 200, description = "The job", body = JobDetail),
        (status = 401, response = crate::error::Unauthorized),
        (status = 404, response = crate::error::NotFound),
    )
)]
pub async fn get(
    State(state): State<AppState>,
    _user: AuthUser,
    Path(id): Path<String>,
) -> Result<Json<JobDetail>, ApiError> {
    let id: i64 = id.parse().map_err(|_| ApiError::NotFound)?;
    let r = search::job(&state.pool, id).await?.ok_or(ApiError::NotFound)?;
    Ok(Json(JobDetail {
        job: r.hit.into(),
        external_id: r.external_id,
        locations: r.locations,
        valid_through: r.valid_through,
        description_text: r.description_text,
        description_html: r.description_html,
        field_sources: r.field_sources,
        last_seen_at: r.last_seen_at,
        extracted_at: r.extracted_at,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params() -> SearchParams {
        SearchParams {
            q: None,
            company: None,
            location: None,
            remote: None,
            employment_type: None,
            posted_since: None,
            salary_min: None,
            include_closed: None,
            limit: None,
            cursor: None,
        }
    }

    #[test]
    fn invalid_parameters_are_all_named() {
        let p = SearchParams {
            company: Some("Bad Slug".into()),
            salary_min: Some(-1.0),
            limit: Some(0),
            cursor: Some("x".into()),
            ..params()
        };
        let Err(ApiError::Validation(errors)) = validate(p) else { panic!("expected a validation error") };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["query.company", "query.salary_min", "query.limit", "query.cursor"]);
    }

    #[test]
    fn cursors_round_trip_and_malformed_ones_are_refused() {
        let a = After { tier: Tier::FuzzyTitle, id: 42 };
        assert_eq!(encode_cursor(a), "fuzzy_title.42");
        assert_eq!(decode_cursor("fuzzy_title.42"), Some(a));
        for bad in ["", "title", "title.", "best.1", "title.-1", "title.x", "title.1234567890123456789"] {
            assert_eq!(decode_cursor(bad), None, "{bad}");
        }
    }
}
