//! Ingestion runs: list the caller's runs, start one (writing the run and
//! sending one `discover` message per company to `crawl.fifo`), read its
//! progress, and abort it. Another user's run answers 404, exactly like a
//! run that does not exist.

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use jh_common::db::{companies, progress, runs, users};
use jh_common::domain::{CompanySlug, RunId, RunStatus};
use jh_common::messages::CrawlMessage;
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::extract::{Json, Query};

/// Body of a 202 answer to `POST /api/ingestions`.
#[derive(Debug, Serialize, ToSchema)]
pub struct Started {
    /// The new run.
    #[schema(value_type = String, format = Uuid)]
    pub run_id: RunId,
}

fn conflict(active: RunId) -> ApiError {
    ApiError::Conflict {
        detail: format!("run {active} is still active; abort it or wait for it to finish"),
        extra: json!({ "active_run_id": active }),
    }
}

/// Starts a run for a user: the domain operation behind `POST /api/ingestions`.
pub async fn start_run(state: &AppState, user_id: i64) -> Result<RunId, ApiError> {
    if !users::user_exists(&state.pool, user_id).await? {
        return Err(ApiError::Unauthorized("the token's user does not exist".into()));
    }
    if let Some(active) = runs::active_for_user(&state.pool, user_id).await?
        && !runs::fail_if_stalled(&state.pool, active, state.cfg.run_stall).await?
    {
        return Err(conflict(active));
    }
    let settings = users::settings(&state.pool, user_id).await?;
    let companies = companies::for_run(&state.pool, settings.enabled_companies.as_deref()).await?;
    if companies.is_empty() {
        return Err(ApiError::Unprocessable("no enabled companies to crawl".into()));
    }
    let run_id = match runs::create(&state.pool, user_id, &companies, &settings.title_filters).await {
        Ok(id) => id,
        // Two starts raced; the database let one through.
        Err(e) if e.is_unique_violation(runs::ONE_ACTIVE_RUN) => {
            let active = runs::active_for_user(&state.pool, user_id).await?;
            return Err(active.map(conflict).unwrap_or_else(|| ApiError::Internal(e.to_string())));
        }
        Err(e) => return Err(e.into()),
    };
    let messages: Vec<CrawlMessage> = companies
        .iter()
        .filter_map(|c| CompanySlug::new(c.slug.clone()).ok())
        .map(|company| CrawlMessage::Discover { run_id, company })
        .collect();
    if let Err(e) = state.queues.send_crawl(&state.cfg.queues.crawl, &messages).await {
        // The run cannot progress without its discover messages; end it so
        // the user can start another, and say why.
        runs::end(&state.pool, run_id, RunStatus::Failed, Some("could not enqueue discovery")).await?;
        return Err(ApiError::Unavailable(e.to_string()));
    }
    tracing::info!(run_id = %run_id, user_id, companies = messages.len(), "run started");
    Ok(run_id)
}

/// Parses a run id from the path; anything else is a run that does not exist.
pub(crate) fn run_id(raw: &str) -> Result<RunId, ApiError> {
    raw.parse().map_err(|_| ApiError::NotFound)
}

/// The caller's run, or 404 (also for another user's run).
pub(crate) async fn owned_run(state: &AppState, user_id: i64, raw: &str) -> Result<(RunId, RunStatus), ApiError> {
    let id = run_id(raw)?;
    match progress::run_head(&state.pool, id).await? {
        Some((owner, status)) if owner == user_id => Ok((id, status)),
        _ => Err(ApiError::NotFound),
    }
}

/// A run's status and progress.
#[derive(Debug, Serialize, ToSchema)]
pub struct RunOut {
    /// Run id.
    #[schema(value_type = String, format = Uuid)]
    pub run_id: RunId,
    /// `pending`, `initializing`, `ingesting`, `finished`, `aborted` or `failed`.
    #[schema(value_type = String, example = "ingesting")]
    pub status: RunStatus,
    /// Why the run failed or was aborted.
    pub error: Option<String>,
    /// Jobs by status: `pending`, `fetching`, `extracting`, `ready`,
    /// `unchanged`, `error`, `skipped`, `gone`.
    #[schema(example = json!({"ready": 20, "pending": 2}))]
    pub jobs: BTreeMap<String, i64>,
    /// Jobs in the run.
    pub jobs_total: i64,
    /// Per-company state, by slug.
    pub companies: Vec<runs::RunCompany>,
    /// When it started.
    pub created_at: DateTime<Utc>,
    /// When it ended.
    pub finished_at: Option<DateTime<Utc>>,
}

impl From<runs::RunSummary> for RunOut {
    fn from(s: runs::RunSummary) -> Self {
        Self {
            run_id: s.run_id,
            status: s.status,
            error: s.error,
            jobs: s.jobs,
            jobs_total: s.jobs_total,
            companies: s.companies,
            created_at: s.created_at,
            finished_at: s.finished_at,
        }
    }
}

/// One run in a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct RunListItem {
    /// Run id.
    #[schema(value_type = String, format = Uuid)]
    pub run_id: RunId,
    /// Status.
    #[schema(example = "finished")]
    pub status: String,
    /// Jobs in the run.
    pub jobs_total: i64,
    /// When it started.
    pub created_at: DateTime<Utc>,
    /// When it ended.
    pub finished_at: Option<DateTime<Utc>>,
}

/// The caller's runs.
#[derive(Debug, Serialize, ToSchema)]
pub struct RunList {
    /// Newest first.
    pub runs: Vec<RunListItem>,
}

/// Query of `GET /api/ingestions`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// How many runs, newest first (1–100, default 20).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
}

/// The caller's runs, newest first.
#[utoipa::path(
    get,
    path = "/api/ingestions",
    tag = "ingestions",
    security(("bearer" = [])),
    params(ListParams),
    responses(
        (status = 200, description = "The caller's runs", body = RunList),
        (status = 401, response = crate::error::Unauthorized),
        (status = 422, response = crate::error::Unprocessable),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    user: AuthUser,
    Query(p): Query<ListParams>,
) -> Result<Json<RunList>, ApiError> {
    let limit = p.limit.unwrap_or(20);
    if !(1..=100).contains(&limit) {
        return Err(ApiError::field("query.limit", "must be between 1 and 100"));
    }
    let runs = runs::list_for_user(&state.pool, user.user_id, limit)
        .await?
        .into_iter()
        .map(|r| RunListItem {
            run_id: r.run_id,
            status: r.status,
            jobs_total: r.jobs_total,
            created_at: r.created_at,
            finished_at: r.finished_at,
        })
        .collect();
    Ok(Json(RunList { runs }))
}

/// Starts a run over the companies in the caller's settings; their title
/// filters apply at discovery, so filtered-out jobs are never fetched.
/// One active run per user.
#[utoipa::path(
    post,
    path = "/api/ingestions",
    tag = "ingestions",
    security(("bearer" = [])),
    responses(
        (status = 202, description = "Started; follow it at /api/ingestions/{run_id}/events", body = Started),
        (status = 401, response = crate::error::Unauthorized),
        (status = 409, response = crate::error::Conflict),
        (status = 422, response = crate::error::Unprocessable),
        (status = 503, response = crate::error::Unavailable),
    )
)]
pub async fn start(State(state): State<AppState>, user: AuthUser) -> Result<(StatusCode, Json<Started>), ApiError> {
    let run_id = start_run(&state, user.user_id).await?;
    Ok((StatusCode::ACCEPTED, Json(Started { run_id })))
}

/// A run's status and per-company counts, breaker state included.
#[utoipa::path(
    get,
    path = "/api/ingestions/{id}",
    tag = "ingestions",
    security(("bearer" = [])),
    params(("id" = String, Path, format = Uuid, description = "Run id")),
    responses(
        (status = 200, description = "The run", body = RunOut),
        (status = 401, response = crate::error::Unauthorized),
        (status = 404, response = crate::error::NotFound),
    )
)]
pub async fn get(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<String>,
) -> Result<Json<RunOut>, ApiError> {
    let run_id = run_id(&id)?;
    match runs::summary(&state.pool, run_id).await? {
        Some(s) if s.user_id == user.user_id => Ok(Json(s.into())),
        _ => Err(ApiError::NotFound),
    }
}

/// Aborts an active run: workers skip its remaining messages. A run that
/// already ended answers 409 with its status.
#[utoipa::path(
    post,
    path = "/api/ingestions/{id}/abort",
    tag = "ingestions",
    security(("bearer" = [])),
    params(("id" = String, Path, format = Uuid, description = "Run id")),
    responses(
        (status = 200, description = "Aborted; the run as it is now", body = RunOut),
        (status = 401, response = crate::error::Unauthorized),
        (status = 404, response = crate::error::NotFound),
        (status = 409, response = crate::error::Conflict),
    )
)]
pub async fn abort(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<String>,
) -> Result<Json<RunOut>, ApiError> {
    let (run_id, _) = owned_run(&state, user.user_id, &id).await?;
    if !runs::end(&state.pool, run_id, RunStatus::Aborted, Some("aborted by the user")).await? {
        let status = progress::run_head(&state.pool, run_id).await?.map(|(_, s)| s).unwrap_or(RunStatus::Failed);
        return Err(ApiError::Conflict {
            detail: format!("run {run_id} already ended: {status}"),
            extra: json!({ "run_status": status }),
        });
    }
    tracing::info!(run_id = %run_id, user_id = user.user_id, "run aborted");
    let s = runs::summary(&state.pool, run_id).await?.ok_or(ApiError::NotFound)?;
    Ok(Json(s.into()))
}
