//! Companies and the source each is crawled from.

use serde_json::Value;
use sqlx::PgPool;

use super::DbError;

/// A company row.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Company {
    /// Row id.
    pub id: i64,
    /// Stable slug; the FIFO message group.
    pub slug: String,
    /// Display name.
    pub name: String,
    /// Source kind (`greenhouse`, ...).
    pub source: String,
    /// Source settings (board token, base URL override, ...).
    pub config: Value,
}

/// Inserts or updates a company by slug; returns its id.
pub async fn upsert_company(
    pool: &PgPool,
    slug: &str,
    name: &str,
    source: &str,
    config: &Value,
) -> Result<i64, DbError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO companies (slug, name, source, config) VALUES ($1, $2, $3, $4)
         ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name, source = EXCLUDED.source,
             config = EXCLUDED.config, enabled = true, updated_at = now()
         RETURNING id",
    )
    .bind(slug)
    .bind(name)
    .bind(source)
    .bind(config)
    .fetch_one(pool)
    .await?)
}

/// The enabled companies a user's run covers: all of them, or the user's
/// chosen subset.
pub async fn for_run(pool: &PgPool, enabled: Option<&[String]>) -> Result<Vec<Company>, DbError> {
    Ok(sqlx::query_as::<_, Company>(
        "SELECT id, slug, name, source, config FROM companies
         WHERE enabled AND ($1::text[] IS NULL OR slug = ANY($1)) ORDER BY slug",
    )
    .bind(enabled)
    .fetch_all(pool)
    .await?)
}

/// A company by slug.
pub async fn by_slug(pool: &PgPool, slug: &str) -> Result<Option<Company>, DbError> {
    Ok(sqlx::query_as::<_, Company>("SELECT id, slug, name, source, config FROM companies WHERE slug = $1")
        .bind(slug)
        .fetch_optional(pool)
        .await?)
}

/// One entry of `companies.toml`.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompanyDef {
    /// Slug (validated as a [`crate::domain::CompanySlug`]).
    pub slug: String,
    /// Display name.
    pub name: String,
    /// Source kind.
    pub source: String,
    /// Source config.
    #[serde(default)]
    pub config: serde_json::Map<String, Value>,
}

/// A `companies.toml` entry that cannot be used.
#[derive(Debug, thiserror::Error)]
#[error("companies entry {slug:?}: {reason}")]
pub struct CompanyDefError {
    /// The entry's slug.
    pub slug: String,
    /// What is wrong.
    pub reason: String,
}

impl CompanyDef {
    /// Checks the slug and source.
    pub fn validate(&self) -> Result<(), CompanyDefError> {
        let err = |reason: String| CompanyDefError { slug: self.slug.clone(), reason };
        crate::domain::CompanySlug::new(self.slug.clone()).map_err(|e| err(e.to_string()))?;
        self.source
            .parse::<crate::domain::SourceKind>()
            .map_err(|_| err(format!("unknown source {:?}", self.source)))?;
        if self.name.trim().is_empty() {
            return Err(err("name is empty".into()));
        }
        Ok(())
    }
}

/// Makes the companies table match a list: upserts every entry and disables
/// companies not in it. Returns (upserted, disabled).
pub async fn sync(pool: &PgPool, defs: &[CompanyDef]) -> Result<(usize, u64), DbError> {
    let mut tx = pool.begin().await?;
    for d in defs {
        sqlx::query(
            "INSERT INTO companies (slug, name, source, config) VALUES ($1, $2, $3, $4)
             ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name, source = EXCLUDED.source,
                 config = EXCLUDED.config, enabled = true, updated_at = now()",
        )
        .bind(&d.slug)
        .bind(&d.name)
        .bind(&d.source)
        .bind(Value::Object(d.config.clone()))
        .execute(&mut *tx)
        .await?;
    }
    let slugs: Vec<&str> = defs.iter().map(|d| d.slug.as_str()).collect();
    let disabled =
        sqlx::query("UPDATE companies SET enabled = false, updated_at = now() WHERE enabled AND NOT (slug = ANY($1))")
            .bind(&slugs)
            .execute(&mut *tx)
            .await?
            .rows_affected();
    tx.commit().await?;
    Ok((defs.len(), disabled))
}

/// An enabled company with its open jobs and its latest crawl.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CompanyStats {
    /// Slug.
    pub slug: String,
    /// Display name.
    pub name: String,
    /// Source kind.
    pub source: String,
    /// Open jobs.
    pub open_jobs: i64,
    /// When the latest run covering it started.
    pub last_crawl_at: Option<chrono::DateTime<chrono::Utc>>,
    /// Its discovery status in that run.
    pub last_status: Option<String>,
    /// Jobs listed.
    pub last_jobs_found: Option<i32>,
    /// Jobs that left the board.
    pub last_jobs_closed: Option<i32>,
    /// Whether the circuit breaker opened.
    pub last_breaker_open: Option<bool>,
    /// Why discovery failed.
    pub last_error: Option<String>,
    /// The run's jobs of this company, by status.
    pub last_jobs: Option<Value>,
}

/// Every enabled company with its open-job count and latest crawl, by slug.
pub async fn list_with_stats(pool: &PgPool) -> Result<Vec<CompanyStats>, DbError> {
    Ok(sqlx::query_as::<_, CompanyStats>(
        "SELECT c.slug, c.name, c.source,
                (SELECT count(*) FROM jobs j WHERE j.company_id = c.id AND j.closed_at IS NULL) AS open_jobs,
                lc.created_at AS last_crawl_at, lc.status AS last_status, lc.jobs_found AS last_jobs_found,
                lc.jobs_closed AS last_jobs_closed, lc.breaker_open AS last_breaker_open, lc.error AS last_error,
                (SELECT jsonb_object_agg(s.status, s.n) FROM
                    (SELECT rj.status, count(*) AS n FROM run_jobs rj
                     WHERE rj.run_id = lc.run_id AND rj.company_id = c.id GROUP BY rj.status) s) AS last_jobs
         FROM companies c
         LEFT JOIN LATERAL (
             SELECT rc.run_id, r.created_at, rc.status, rc.jobs_found, rc.jobs_closed, rc.breaker_open, rc.error
             FROM run_companies rc JOIN ingestion_runs r ON r.id = rc.run_id
             WHERE rc.company_id = c.id ORDER BY r.created_at DESC LIMIT 1
         ) lc ON true
         WHERE c.enabled ORDER BY c.slug",
    )
    .fetch_all(pool)
    .await?)
}

/// Which of `slugs` are enabled companies.
pub async fn enabled_among(pool: &PgPool, slugs: &[String]) -> Result<Vec<String>, DbError> {
    Ok(sqlx::query_scalar("SELECT slug FROM companies WHERE enabled AND slug = ANY($1)")
        .bind(slugs)
        .fetch_all(pool)
        .await?)
}
