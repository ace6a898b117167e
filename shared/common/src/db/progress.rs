//! What the progress stream reads (ADR-018): a run's owner and status, and
//! its jobs' states — all of them on connect, then only those changed since
//! the last poll.

use chrono::{DateTime, Utc};
use sqlx::PgPool;

use super::DbError;
use crate::domain::{RunId, RunStatus};

/// A job's state within a run.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct JobState {
    /// Job id.
    pub job_id: i64,
    /// Company slug.
    pub company: String,
    /// The ATS's id: the key clients know the job by, with the company.
    pub external_id: String,
    /// Title.
    pub title: Option<String>,
    /// Status in the run.
    pub status: String,
    /// When the status last changed.
    pub updated_at: DateTime<Utc>,
}

/// A run's owner and status; `None` when it does not exist.
pub async fn run_head(pool: &PgPool, run_id: RunId) -> Result<Option<(i64, RunStatus)>, DbError> {
    let row: Option<(i64, String)> = sqlx::query_as("SELECT user_id, status FROM ingestion_runs WHERE id = $1")
        .bind(run_id)
        .fetch_optional(pool)
        .await?;
    Ok(row.map(|(u, s)| (u, s.parse().unwrap_or(RunStatus::Failed))))
}

/// The run's jobs, all of them or those whose status changed after `since`.
pub async fn job_states(pool: &PgPool, run_id: RunId, since: Option<DateTime<Utc>>) -> Result<Vec<JobState>, DbError> {
    Ok(sqlx::query_as::<_, JobState>(
        "SELECT rj.job_id, c.slug AS company, j.external_id, j.title, rj.status, rj.updated_at
         FROM run_jobs rj JOIN jobs j ON j.id = rj.job_id JOIN companies c ON c.id = rj.company_id
         WHERE rj.run_id = $1 AND ($2::timestamptz IS NULL OR rj.updated_at > $2)
         ORDER BY c.slug, j.external_id",
    )
    .bind(run_id)
    .bind(since)
    .fetch_all(pool)
    .await?)
}
