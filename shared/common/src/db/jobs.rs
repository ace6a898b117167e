//! Jobs and their per-run status: what discovery lists, what the crawler
//! fingerprints, what the extractor fills in.

use chrono::{DateTime, Utc};
use sqlx::PgPool;

use super::DbError;
use crate::domain::{JobStatus, RunId};
use crate::extract::JobPosting;

/// A job as an ATS lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct ListedJob {
    /// The ATS's id for the job.
    pub external_id: String,
    /// The job page.
    pub url: String,
    /// Title as listed.
    pub title: String,
    /// Location as listed.
    pub location_text: Option<String>,
}

/// Result of recording a company's listing.
#[derive(Debug, Clone)]
pub struct Listing {
    /// `(job id, url)` of every listed job.
    pub jobs: Vec<(i64, String)>,
    /// How many open jobs left the board and were closed.
    pub closed: i32,
}

/// Upserts the listed jobs (reopening any that come back) and closes the
/// company's open jobs that are no longer listed, in one transaction.
pub async fn record_listing(pool: &PgPool, company_id: i64, listed: &[ListedJob]) -> Result<Listing, DbError> {
    let mut tx = pool.begin().await?;
    let ext: Vec<&str> = listed.iter().map(|j| j.external_id.as_str()).collect();
    let urls: Vec<&str> = listed.iter().map(|j| j.url.as_str()).collect();
    let titles: Vec<&str> = listed.iter().map(|j| j.title.as_str()).collect();
    let locs: Vec<Option<&str>> = listed.iter().map(|j| j.location_text.as_deref()).collect();
    let jobs: Vec<(i64, String)> = sqlx::query_as(
        "INSERT INTO jobs (company_id, external_id, url, title, location_text)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[])
         ON CONFLICT (company_id, external_id) DO UPDATE
             SET url = EXCLUDED.url,
                 title = COALESCE(jobs.title, EXCLUDED.title),
                 location_text = COALESCE(jobs.location_text, EXCLUDED.location_text),
                 last_seen_at = now(),
                 closed_at = NULL
         RETURNING id, url",
    )
    .bind(company_id)
    .bind(&ext)
    .bind(&urls)
    .bind(&titles)
    .bind(&locs)
    .fetch_all(&mut *tx)
    .await?;
    let closed = sqlx::query(
        "UPDATE jobs SET closed_at = now()
         WHERE company_id = $1 AND closed_at IS NULL AND NOT (external_id = ANY($2))",
    )
    .bind(company_id)
    .bind(&ext)
    .execute(&mut *tx)
    .await?
    .rows_affected() as i32;
    tx.commit().await?;
    Ok(Listing { jobs, closed })
}

/// How many of a company's jobs are open.
pub async fn open_count(pool: &PgPool, company_id: i64) -> Result<i64, DbError> {
    Ok(sqlx::query_scalar("SELECT count(*) FROM jobs WHERE company_id = $1 AND closed_at IS NULL")
        .bind(company_id)
        .fetch_one(pool)
        .await?)
}

/// Adds jobs to a run as `pending` while the run is active; already added
/// jobs are left alone, so a redelivered discover message is harmless.
/// Returns false, adding nothing, when the run has ended.
///
/// The run row is share-locked for the insert, so it is ordered against
/// [`super::runs::end`]: either the run ends first and nothing is added, or
/// the jobs are added first and the ending records them `skipped` with the
/// rest. An aborted run never gains an open job.
pub async fn add_to_run(pool: &PgPool, run_id: RunId, company_id: i64, job_ids: &[i64]) -> Result<bool, DbError> {
    let active: Option<bool> = sqlx::query_scalar(
        "WITH r AS (SELECT id FROM ingestion_runs
                    WHERE id = $1 AND status IN ('pending','initializing','ingesting') FOR SHARE),
         added AS (INSERT INTO run_jobs (run_id, job_id, company_id)
                   SELECT r.id, unnest($2::bigint[]), $3 FROM r
                   ON CONFLICT DO NOTHING)
         SELECT true FROM r",
    )
    .bind(run_id)
    .bind(job_ids)
    .bind(company_id)
    .fetch_optional(pool)
    .await?;
    Ok(active.is_some())
}

/// What the crawler needs to know about a job before fetching its page.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PageState {
    /// The job's status in this run.
    pub status: String,
    /// The company.
    pub company_id: i64,
    /// SimHash of the last extracted version.
    pub simhash: Option<i64>,
    /// JSON-LD hash of the last extracted version.
    pub structured_hash: Option<i64>,
    /// ETag of the last extracted version.
    pub etag: Option<String>,
    /// Last-Modified of the last extracted version.
    pub last_modified: Option<String>,
    /// When it was last extracted; `None` if never.
    pub extracted_at: Option<DateTime<Utc>>,
}

impl PageState {
    /// The job's status in this run.
    pub fn job_status(&self) -> Option<JobStatus> {
        self.status.parse().ok()
    }
}

/// The job's state in a run; `None` if the job is not part of the run.
pub async fn page_state(pool: &PgPool, run_id: RunId, job_id: i64) -> Result<Option<PageState>, DbError> {
    Ok(sqlx::query_as::<_, PageState>(
        "SELECT rj.status, rj.company_id, j.simhash, j.structured_hash, j.etag, j.last_modified, j.extracted_at
         FROM run_jobs rj JOIN jobs j ON j.id = rj.job_id
         WHERE rj.run_id = $1 AND rj.job_id = $2",
    )
    .bind(run_id)
    .bind(job_id)
    .fetch_optional(pool)
    .await?)
}

/// Sets a job's status in a run unless it is already terminal, so a late or
/// duplicated message never moves a finished job backwards. Returns whether
/// the status changed.
pub async fn set_status(
    pool: &PgPool,
    run_id: RunId,
    job_id: i64,
    status: JobStatus,
    error: Option<&str>,
    http_status: Option<u16>,
) -> Result<bool, DbError> {
    let terminal: Vec<&str> = JobStatus::TERMINAL.iter().map(|s| s.as_str()).collect();
    let r = sqlx::query(
        "UPDATE run_jobs SET status = $3, error = $4, http_status = COALESCE($5, http_status), updated_at = now()
         WHERE run_id = $1 AND job_id = $2 AND status <> ALL($6)",
    )
    .bind(run_id)
    .bind(job_id)
    .bind(status.as_str())
    .bind(error.map(|e| e.chars().take(2000).collect::<String>()))
    .bind(http_status.map(i32::from))
    .bind(&terminal)
    .execute(pool)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// Records that the page was fetched and found unchanged.
pub async fn touch_fetched(pool: &PgPool, job_id: i64, fetched_at: DateTime<Utc>) -> Result<(), DbError> {
    sqlx::query("UPDATE jobs SET fetched_at = $2, last_seen_at = $2 WHERE id = $1")
        .bind(job_id)
        .bind(fetched_at)
        .execute(pool)
        .await?;
    Ok(())
}

/// Closes a job whose page is gone (404/410).
pub async fn close(pool: &PgPool, job_id: i64) -> Result<(), DbError> {
    sqlx::query("UPDATE jobs SET closed_at = COALESCE(closed_at, now()) WHERE id = $1")
        .bind(job_id)
        .execute(pool)
        .await?;
    Ok(())
}

/// The page fingerprint that goes with an extraction.
#[derive(Debug, Clone)]
pub struct Fingerprint {
    /// SimHash of the visible text.
    pub simhash: u64,
    /// Hash of the JSON-LD JobPosting blocks.
    pub structured_hash: Option<u64>,
    /// Response ETag.
    pub etag: Option<String>,
    /// Response Last-Modified.
    pub last_modified: Option<String>,
    /// S3 key of the raw page.
    pub object_key: String,
    /// Fetch time.
    pub fetched_at: DateTime<Utc>,
}

/// Writes an extracted posting (with its sanitised description HTML and each
/// field's source) and its page fingerprint, and marks the job `ready` in
/// the run, in one transaction. The title, location text, department and
/// apply URL the page did not give keep the values discovery listed; the
/// search vector is a generated column, so it follows these writes. Returns false (and writes nothing) when the
/// job is already terminal in the run: a redelivered message changes nothing.
pub async fn save_extraction(
    pool: &PgPool,
    run_id: RunId,
    job_id: i64,
    p: &JobPosting,
    fp: &Fingerprint,
) -> Result<bool, DbError> {
    let mut tx = pool.begin().await?;
    let terminal: Vec<&str> = JobStatus::TERMINAL.iter().map(|s| s.as_str()).collect();
    // Lock the run's job row first, so two extractors of the same page
    // serialise here and the second one sees it terminal.
    let current: Option<String> =
        sqlx::query_scalar("SELECT status FROM run_jobs WHERE run_id = $1 AND job_id = $2 FOR UPDATE")
            .bind(run_id)
            .bind(job_id)
            .fetch_optional(&mut *tx)
            .await?;
    match current {
        Some(s) if !terminal.contains(&s.as_str()) => {}
        _ => return Ok(false),
    }
    let location_text =
        (!p.locations.is_empty()).then(|| p.locations.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join("; "));
    let salary = p.salary.clone().unwrap_or_default();
    sqlx::query(
        "UPDATE jobs SET
             title = COALESCE($2, title),
             locations = $3,
             location_text = COALESCE($4, location_text),
             remote = $5,
             employment_type = $6,
             department = COALESCE($7, department),
             salary_min = $8, salary_max = $9, salary_currency = $10, salary_interval = $11,
             date_posted = $12, valid_through = $13,
             description_text = $14,
             apply_url = COALESCE($15, apply_url),
             field_sources = $16,
             simhash = $17, structured_hash = $18, etag = $19, last_modified = $20,
             object_key = $21, fetched_at = $22, extracted_at = now(), last_seen_at = $22,
             description_html = $23
         WHERE id = $1",
    )
    .bind(job_id)
    .bind(&p.title)
    .bind(serde_json::to_value(&p.locations).unwrap_or_default())
    .bind(location_text)
    .bind(p.remote)
    .bind(&p.employment_type)
    .bind(&p.department)
    .bind(salary.min)
    .bind(salary.max)
    .bind(salary.currency)
    .bind(salary.interval)
    .bind(p.date_posted)
    .bind(p.valid_through)
    .bind(&p.description_text)
    .bind(&p.apply_url)
    .bind(serde_json::to_value(&p.sources).unwrap_or_default())
    .bind(fp.simhash as i64)
    .bind(fp.structured_hash.map(|h| h as i64))
    .bind(&fp.etag)
    .bind(&fp.last_modified)
    .bind(&fp.object_key)
    .bind(fp.fetched_at)
    .bind(&p.description_html)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE run_jobs SET status = 'ready', error = NULL, updated_at = now() WHERE run_id = $1 AND job_id = $2",
    )
    .bind(run_id)
    .bind(job_id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(true)
}
