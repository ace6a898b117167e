//! Ingestion runs: start one (writing the run and sending one `discover`
//! message per company to `crawl.fifo`) and read its progress.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use jh_common::db::{companies, runs, users};
use jh_common::domain::{RunId, RunStatus};
use jh_common::messages::CrawlMessage;
use jh_common::domain::CompanySlug;
use serde::Serialize;
use serde_json::json;

use crate::AppState;
use crate::auth::AuthUser;
use crate::error::ApiError;

/// Body of a 202 answer to `POST /api/ingestions`.
#[derive(Debug, Serialize)]
pub struct Started {
    /// The new run.
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
    if let Some(active) = runs::active_for_user(&state.pool, user_id).await? {
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

/// `POST /api/ingestions`: 202 with the new run's id.
pub async fn start(State(state): State<AppState>, user: AuthUser) -> Result<(StatusCode, Json<Started>), ApiError> {
    let run_id = start_run(&state, user.user_id).await?;
    Ok((StatusCode::ACCEPTED, Json(Started { run_id })))
}

/// `GET /api/ingestions/{id}`: status and per-company counts of one of the
/// caller's runs; another user's run is a 404.
pub async fn get(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<String>,
) -> Result<Json<runs::RunSummary>, ApiError> {
    let run_id: RunId = id.parse().map_err(|_| ApiError::NotFound)?;
    match runs::summary(&state.pool, run_id).await? {
        Some(s) if s.user_id == user.user_id => Ok(Json(s)),
        _ => Err(ApiError::NotFound),
    }
}
