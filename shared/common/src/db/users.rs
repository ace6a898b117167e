//! Users and their settings (ADR-009: created on first login, defaults are
//! all companies and no title filters).

use sqlx::PgPool;

use super::DbError;

/// A signed-in user's settings.
#[derive(Debug, Clone, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct Settings {
    /// Enabled company slugs; `None` means all companies.
    pub enabled_companies: Option<Vec<String>>,
    /// Case-insensitive title filters; empty means every title.
    pub title_filters: Vec<String>,
}

/// Creates the user on first sight, refreshes the profile otherwise, and
/// returns the user id.
pub async fn upsert_user(pool: &PgPool, email: &str, name: Option<&str>) -> Result<i64, DbError> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO users (email, name, last_login_at) VALUES ($1, $2, now())
         ON CONFLICT (email) DO UPDATE SET name = COALESCE(EXCLUDED.name, users.name), last_login_at = now()
         RETURNING id",
    )
    .bind(email)
    .bind(name)
    .fetch_one(pool)
    .await?;
    sqlx::query("INSERT INTO user_settings (user_id) VALUES ($1) ON CONFLICT DO NOTHING")
        .bind(id)
        .execute(pool)
        .await?;
    Ok(id)
}

/// Whether the user exists.
pub async fn user_exists(pool: &PgPool, user_id: i64) -> Result<bool, DbError> {
    Ok(sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM users WHERE id = $1)")
        .bind(user_id)
        .fetch_one(pool)
        .await?)
}

/// The user's settings, or the defaults when none were saved.
pub async fn settings(pool: &PgPool, user_id: i64) -> Result<Settings, DbError> {
    Ok(sqlx::query_as::<_, Settings>(
        "SELECT enabled_companies, title_filters FROM user_settings WHERE user_id = $1",
    )
    .bind(user_id)
    .fetch_optional(pool)
    .await?
    .unwrap_or_default())
}
