//! Ingestion runs: creation, status, per-company metadata (including the
//! circuit breaker), progress counts, and the exactly-once finish.

use std::collections::BTreeMap;

use serde::Serialize;
use sqlx::PgPool;

use super::DbError;
use super::companies::Company;
use crate::domain::{JobStatus, RunId, RunStatus};

/// Name of the partial unique index that allows one active run per user.
pub const ONE_ACTIVE_RUN: &str = "ingestion_runs_one_active";

/// Creates a run in `initializing` with one `pending` row per company.
/// Fails with a unique violation on [`ONE_ACTIVE_RUN`] when the user already
/// has an active run.
pub async fn create(
    pool: &PgPool,
    user_id: i64,
    companies: &[Company],
    title_filters: &[String],
) -> Result<RunId, DbError> {
    let run_id = RunId::new_random();
    let mut tx = pool.begin().await?;
    sqlx::query("INSERT INTO ingestion_runs (id, user_id, status, title_filters) VALUES ($1, $2, 'initializing', $3)")
        .bind(run_id)
        .bind(user_id)
        .bind(title_filters)
        .execute(&mut *tx)
        .await?;
    let ids: Vec<i64> = companies.iter().map(|c| c.id).collect();
    sqlx::query("INSERT INTO run_companies (run_id, company_id) SELECT $1, unnest($2::bigint[])")
        .bind(run_id)
        .bind(&ids)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(run_id)
}

/// The active run of a user, if any.
pub async fn active_for_user(pool: &PgPool, user_id: i64) -> Result<Option<RunId>, DbError> {
    Ok(sqlx::query_scalar(
        "SELECT id FROM ingestion_runs WHERE user_id = $1 AND status IN ('pending','initializing','ingesting')",
    )
    .bind(user_id)
    .fetch_optional(pool)
    .await?)
}

/// A run's status; `None` when the run does not exist.
pub async fn status(pool: &PgPool, run_id: RunId) -> Result<Option<RunStatus>, DbError> {
    let s: Option<String> =
        sqlx::query_scalar("SELECT status FROM ingestion_runs WHERE id = $1").bind(run_id).fetch_optional(pool).await?;
    Ok(s.and_then(|s| s.parse().ok()))
}

/// Moves a run to a terminal status (`failed`, `aborted`) unless it already is
/// in one, and in the same transaction records its open jobs as `skipped`
/// and its undiscovered companies as `skipped`, with the run's status as the
/// reason. Returns whether it changed.
///
/// Closing them here rather than waiting for the workers to drain the
/// run's messages matters when those messages are gone (the queues were
/// lost, or a message reached the DLQ): the run still ends with every job in
/// a recorded state. A worker that is mid-way through one of these jobs
/// finds it terminal and leaves it alone.
pub async fn end(pool: &PgPool, run_id: RunId, status: RunStatus, error: Option<&str>) -> Result<bool, DbError> {
    let mut tx = pool.begin().await?;
    let r = sqlx::query(
        "UPDATE ingestion_runs SET status = $2, error = $3, finished_at = now()
         WHERE id = $1 AND status IN ('pending','initializing','ingesting')",
    )
    .bind(run_id)
    .bind(status.as_str())
    .bind(error)
    .execute(&mut *tx)
    .await?;
    if r.rows_affected() != 1 {
        return Ok(false);
    }
    let reason = format!("run {}", status.as_str());
    let terminal: Vec<&str> = JobStatus::TERMINAL.iter().map(|s| s.as_str()).collect();
    sqlx::query(
        "UPDATE run_jobs SET status = 'skipped', error = $2, updated_at = now()
         WHERE run_id = $1 AND status <> ALL($3)",
    )
    .bind(run_id)
    .bind(&reason)
    .bind(&terminal)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE run_companies SET status = 'skipped', error = $2, updated_at = now()
         WHERE run_id = $1 AND status = 'pending'",
    )
    .bind(run_id)
    .bind(&reason)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// Fails an active run that has made no progress (no job or company of it
/// changed) for `stall`, recording its open jobs as `skipped`. Returns
/// whether it did.
///
/// A run stalls only when its messages are gone: they reached a DLQ while
/// Postgres was down, or the queues themselves were lost. Nothing else would
/// ever end it, and it would block its user's next run.
pub async fn fail_if_stalled(pool: &PgPool, run_id: RunId, stall: std::time::Duration) -> Result<bool, DbError> {
    let secs = stall.as_secs_f64();
    let idle: Option<f64> = sqlx::query_scalar(
        "SELECT EXTRACT(EPOCH FROM now() - GREATEST(r.created_at,
                    (SELECT max(updated_at) FROM run_jobs WHERE run_id = r.id),
                    (SELECT max(updated_at) FROM run_companies WHERE run_id = r.id)))::float8
         FROM ingestion_runs r
         WHERE r.id = $1 AND r.status IN ('pending','initializing','ingesting')",
    )
    .bind(run_id)
    .fetch_optional(pool)
    .await?;
    match idle {
        Some(idle) if idle >= secs => {
            let reason = format!(
                "stalled: no progress for {} s (its queue messages were lost; see the dead-letter queues)",
                idle.round()
            );
            end(pool, run_id, RunStatus::Failed, Some(&reason)).await
        }
        _ => Ok(false),
    }
}

/// The run's title filters, snapshotted from the user's settings at start.
pub async fn title_filters(pool: &PgPool, run_id: RunId) -> Result<Vec<String>, DbError> {
    Ok(sqlx::query_scalar("SELECT title_filters FROM ingestion_runs WHERE id = $1")
        .bind(run_id)
        .fetch_optional(pool)
        .await?
        .unwrap_or_default())
}

/// Marks the run finished if every company is listed and every job is in a
/// terminal state. Returns true for exactly one caller.
///
/// Callers commit their own status change *before* calling this, in a
/// separate statement: the last of several concurrent finishers then sees
/// all their commits, and the row lock on the run plus the status predicate
/// let only one of them flip it. The price of that separate statement is a
/// gap: a caller can commit its change and fail before this runs. So the
/// workers also call it when a redelivered message finds its work already
/// done, and it is idempotent.
pub async fn try_finish(pool: &PgPool, run_id: RunId) -> Result<bool, DbError> {
    let terminal: Vec<&str> = JobStatus::TERMINAL.iter().map(|s| s.as_str()).collect();
    let r = sqlx::query(
        "UPDATE ingestion_runs SET status = 'finished', finished_at = now()
         WHERE id = $1 AND status IN ('initializing','ingesting')
           AND NOT EXISTS (SELECT 1 FROM run_companies WHERE run_id = $1 AND status = 'pending')
           AND NOT EXISTS (SELECT 1 FROM run_jobs WHERE run_id = $1 AND status <> ALL($2))",
    )
    .bind(run_id)
    .bind(&terminal)
    .execute(pool)
    .await?;
    let finished = r.rows_affected() == 1;
    if finished {
        tracing::info!(run_id = %run_id, "run finished");
    }
    Ok(finished)
}

/// Per-company state within a run.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RunCompany {
    /// Company slug.
    pub company: String,
    /// `pending`, `discovered`, `error` or `skipped`.
    pub status: String,
    /// Jobs listed.
    pub jobs_found: i32,
    /// Jobs that left the board in this run.
    pub jobs_closed: i32,
    /// Transient failures in a row.
    pub consecutive_failures: i32,
    /// Whether the circuit breaker is open.
    pub breaker_open: bool,
    /// Why discovery failed, if it did.
    pub error: Option<String>,
}

/// A run's status and progress.
#[derive(Debug, Clone, Serialize)]
pub struct RunSummary {
    /// Run id.
    pub run_id: RunId,
    /// Owner.
    #[serde(skip)]
    pub user_id: i64,
    /// Status.
    pub status: RunStatus,
    /// Why the run failed, if it did.
    pub error: Option<String>,
    /// Jobs by status.
    pub jobs: BTreeMap<String, i64>,
    /// Total jobs in the run.
    pub jobs_total: i64,
    /// Per-company state.
    pub companies: Vec<RunCompany>,
    /// Creation time.
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// When it ended.
    pub finished_at: Option<chrono::DateTime<chrono::Utc>>,
}

impl RunSummary {
    /// Jobs in the given status.
    pub fn count(&self, status: JobStatus) -> i64 {
        self.jobs.get(status.as_str()).copied().unwrap_or(0)
    }
}

/// The run's summary; `None` when it does not exist.
pub async fn summary(pool: &PgPool, run_id: RunId) -> Result<Option<RunSummary>, DbError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        user_id: i64,
        status: String,
        error: Option<String>,
        created_at: chrono::DateTime<chrono::Utc>,
        finished_at: Option<chrono::DateTime<chrono::Utc>>,
    }
    let Some(row) = sqlx::query_as::<_, Row>(
        "SELECT user_id, status, error, created_at, finished_at FROM ingestion_runs WHERE id = $1",
    )
    .bind(run_id)
    .fetch_optional(pool)
    .await?
    else {
        return Ok(None);
    };
    let counts: Vec<(String, i64)> =
        sqlx::query_as("SELECT status, count(*) FROM run_jobs WHERE run_id = $1 GROUP BY status")
            .bind(run_id)
            .fetch_all(pool)
            .await?;
    let companies = sqlx::query_as::<_, RunCompany>(
        "SELECT c.slug AS company, rc.status, rc.jobs_found, rc.jobs_closed, rc.consecutive_failures,
                rc.breaker_open, rc.error
         FROM run_companies rc JOIN companies c ON c.id = rc.company_id
         WHERE rc.run_id = $1 ORDER BY c.slug",
    )
    .bind(run_id)
    .fetch_all(pool)
    .await?;
    let jobs: BTreeMap<String, i64> = counts.into_iter().collect();
    Ok(Some(RunSummary {
        run_id,
        user_id: row.user_id,
        status: row.status.parse().unwrap_or(RunStatus::Failed),
        error: row.error,
        jobs_total: jobs.values().sum(),
        jobs,
        companies,
        created_at: row.created_at,
        finished_at: row.finished_at,
    }))
}

/// A company's discovery state within a run.
pub async fn company_status(pool: &PgPool, run_id: RunId, company_id: i64) -> Result<Option<String>, DbError> {
    Ok(sqlx::query_scalar("SELECT status FROM run_companies WHERE run_id = $1 AND company_id = $2")
        .bind(run_id)
        .bind(company_id)
        .fetch_optional(pool)
        .await?)
}

/// Records the end of a company's discovery (`discovered`, `error` or
/// `skipped`) once, and moves the run to `ingesting`. Returns whether this
/// call made the change.
pub async fn finish_company(
    pool: &PgPool,
    run_id: RunId,
    company_id: i64,
    status: &str,
    jobs_found: i32,
    jobs_closed: i32,
    error: Option<&str>,
) -> Result<bool, DbError> {
    let r = sqlx::query(
        "UPDATE run_companies SET status = $3, jobs_found = $4, jobs_closed = $5, error = $6, updated_at = now()
         WHERE run_id = $1 AND company_id = $2 AND status = 'pending'",
    )
    .bind(run_id)
    .bind(company_id)
    .bind(status)
    .bind(jobs_found)
    .bind(jobs_closed)
    .bind(error)
    .execute(pool)
    .await?;
    sqlx::query("UPDATE ingestion_runs SET status = 'ingesting' WHERE id = $1 AND status = 'initializing'")
        .bind(run_id)
        .execute(pool)
        .await?;
    Ok(r.rows_affected() == 1)
}

/// Whether the company's circuit breaker is open in this run.
pub async fn breaker_open(pool: &PgPool, run_id: RunId, company_id: i64) -> Result<bool, DbError> {
    Ok(sqlx::query_scalar("SELECT breaker_open FROM run_companies WHERE run_id = $1 AND company_id = $2")
        .bind(run_id)
        .bind(company_id)
        .fetch_optional(pool)
        .await?
        .unwrap_or(false))
}

/// Counts a transient failure; opens the breaker at `threshold` failures in a
/// row. Returns true when this call opened it.
pub async fn record_failure(pool: &PgPool, run_id: RunId, company_id: i64, threshold: u32) -> Result<bool, DbError> {
    let opened: Option<bool> = sqlx::query_scalar(
        "UPDATE run_companies rc
         SET consecutive_failures = rc.consecutive_failures + 1,
             breaker_open = rc.breaker_open OR rc.consecutive_failures + 1 >= $3,
             updated_at = now()
         FROM run_companies old
         WHERE rc.run_id = $1 AND rc.company_id = $2 AND old.run_id = rc.run_id AND old.company_id = rc.company_id
         RETURNING rc.breaker_open AND NOT old.breaker_open",
    )
    .bind(run_id)
    .bind(company_id)
    .bind(threshold as i32)
    .fetch_optional(pool)
    .await?;
    Ok(opened.unwrap_or(false))
}

/// A successful fetch resets the run of failures (unless the breaker is open:
/// an open breaker stays open for the rest of the run).
pub async fn record_success(pool: &PgPool, run_id: RunId, company_id: i64) -> Result<(), DbError> {
    sqlx::query(
        "UPDATE run_companies SET consecutive_failures = 0, updated_at = now()
         WHERE run_id = $1 AND company_id = $2 AND consecutive_failures > 0 AND NOT breaker_open",
    )
    .bind(run_id)
    .bind(company_id)
    .execute(pool)
    .await?;
    Ok(())
}

/// One of a user's runs, as listed.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RunListItem {
    /// Run id.
    pub run_id: RunId,
    /// Status.
    pub status: String,
    /// Jobs in the run.
    pub jobs_total: i64,
    /// Creation time.
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// When it ended.
    pub finished_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// A user's runs, newest first.
pub async fn list_for_user(pool: &PgPool, user_id: i64, limit: i64) -> Result<Vec<RunListItem>, DbError> {
    Ok(sqlx::query_as::<_, RunListItem>(
        "SELECT r.id AS run_id, r.status, (SELECT count(*) FROM run_jobs rj WHERE rj.run_id = r.id) AS jobs_total,
                r.created_at, r.finished_at
         FROM ingestion_runs r WHERE r.user_id = $1 ORDER BY r.created_at DESC LIMIT $2",
    )
    .bind(user_id)
    .bind(limit)
    .fetch_all(pool)
    .await?)
}
