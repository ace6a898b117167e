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
    let disabled = sqlx::query("UPDATE companies SET enabled = false, updated_at = now() WHERE enabled AND NOT (slug = ANY($1))")
        .bind(&slugs)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    tx.commit().await?;
    Ok((defs.len(), disabled))
}
