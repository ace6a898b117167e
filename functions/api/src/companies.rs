//! `GET /api/companies`: the companies jh crawls, each with its source kind,
//! open jobs, whether the user's settings select it, and its latest crawl.

use std::collections::BTreeMap;

use axum::extract::State;
use chrono::{DateTime, Utc};
use jh_common::db::{companies, users};
use serde::Serialize;
use utoipa::ToSchema;

use crate::AppState;
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::extract::Json;

/// A company's latest crawl (by any user's run).
#[derive(Debug, Serialize, ToSchema)]
pub struct LastCrawl {
    /// When that run started.
    pub at: DateTime<Utc>,
    /// Discovery: `pending`, `discovered`, `error` or `skipped`.
    #[schema(example = "discovered")]
    pub status: String,
    /// Jobs its board listed.
    pub jobs_found: i32,
    /// Jobs that had left the board.
    pub jobs_closed: i32,
    /// Whether the circuit breaker opened.
    pub breaker_open: bool,
    /// Why discovery failed, if it did.
    pub error: Option<String>,
    /// Its jobs in that run, by status (`ready`, `unchanged`, `error`, ...).
    #[schema(example = json!({"ready": 12, "unchanged": 30}))]
    pub jobs: BTreeMap<String, i64>,
}

/// A company.
#[derive(Debug, Serialize, ToSchema)]
pub struct CompanyOut {
    /// Slug: the id settings and search use.
    #[schema(example = "acme")]
    pub slug: String,
    /// Display name.
    pub name: String,
    /// Applicant-tracking system: `greenhouse`, `lever`, `ashby`, `workday`,
    /// `smartrecruiters` or `recruitee`.
    #[schema(example = "greenhouse")]
    pub source: String,
    /// Whether the user's settings include it.
    pub selected: bool,
    /// Open jobs.
    pub open_jobs: i64,
    /// Its latest crawl; `null` if never crawled.
    pub last_crawl: Option<LastCrawl>,
}

/// The companies.
#[derive(Debug, Serialize, ToSchema)]
pub struct CompanyList {
    /// By slug.
    pub companies: Vec<CompanyOut>,
}

/// Every company jh crawls, with its source kind and latest crawl stats.
#[utoipa::path(
    get,
    path = "/api/companies",
    tag = "companies",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The companies, by slug", body = CompanyList),
        (status = 401, response = crate::error::Unauthorized),
    )
)]
pub async fn list(State(state): State<AppState>, auth: AuthUser) -> Result<Json<CompanyList>, ApiError> {
    let settings = users::settings(&state.pool, auth.user_id).await?;
    let rows = companies::list_with_stats(&state.pool).await?;
    let companies = rows
        .into_iter()
        .map(|c| {
            let selected = settings.enabled_companies.as_ref().is_none_or(|l| l.contains(&c.slug));
            let last_crawl = c.last_crawl_at.map(|at| LastCrawl {
                at,
                status: c.last_status.clone().unwrap_or_default(),
                jobs_found: c.last_jobs_found.unwrap_or(0),
                jobs_closed: c.last_jobs_closed.unwrap_or(0),
                breaker_open: c.last_breaker_open.unwrap_or(false),
                error: c.last_error.clone(),
                jobs: c.last_jobs.as_ref().and_then(|v| serde_json::from_value(v.clone()).ok()).unwrap_or_default(),
            });
            CompanyOut { slug: c.slug, name: c.name, source: c.source, selected, open_jobs: c.open_jobs, last_crawl }
        })
        .collect();
    Ok(Json(CompanyList { companies }))
}
