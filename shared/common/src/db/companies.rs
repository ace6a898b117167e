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
    Ok(sqlx::query_as::<_, Company>(
        "SELECT id, slug, name, source, config FROM companies WHERE slug = $1",
    )
    .bind(slug)
    .fetch_optional(pool)
    .await?)
}
