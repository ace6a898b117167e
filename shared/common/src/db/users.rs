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
    Ok(sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM users WHERE id = $1)").bind(user_id).fetch_one(pool).await?)
}

/// The user's settings, or the defaults when none were saved.
pub async fn settings(pool: &PgPool, user_id: i64) -> Result<Settings, DbError> {
    Ok(sqlx::query_as::<_, Settings>("SELECT enabled_companies, title_filters FROM user_settings WHERE user_id = $1")
        .bind(user_id)
        .fetch_optional(pool)
        .await?
        .unwrap_or_default())
}

/// A user's profile.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct User {
    /// User id.
    pub id: i64,
    /// Email address.
    pub email: String,
    /// Display name.
    pub name: Option<String>,
    /// Profile picture URL.
    pub picture_url: Option<String>,
    /// First login.
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// Latest login.
    pub last_login_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// Signs a Google account in (ADR-009): creates the user on first login and
/// refreshes the profile on every login. The account is matched by Google's
/// stable id first, then by email (a user created before their first Google
/// sign-in). Returns the user id.
pub async fn upsert_google_user(
    pool: &PgPool,
    google_sub: &str,
    email: &str,
    name: Option<&str>,
    picture_url: Option<&str>,
) -> Result<i64, DbError> {
    let mut tx = pool.begin().await?;
    let by_sub: Option<i64> = sqlx::query_scalar(
        "UPDATE users SET email = $2, name = COALESCE($3, name), picture_url = COALESCE($4, picture_url), last_login_at = now()
         WHERE google_sub = $1 RETURNING id",
    )
    .bind(google_sub)
    .bind(email)
    .bind(name)
    .bind(picture_url)
    .fetch_optional(&mut *tx)
    .await?;
    let id =
        match by_sub {
            Some(id) => id,
            None => sqlx::query_scalar(
                "INSERT INTO users (email, google_sub, name, picture_url, last_login_at) VALUES ($1, $2, $3, $4, now())
                 ON CONFLICT (email) DO UPDATE SET google_sub = EXCLUDED.google_sub,
                     name = COALESCE(EXCLUDED.name, users.name),
                     picture_url = COALESCE(EXCLUDED.picture_url, users.picture_url), last_login_at = now()
                 RETURNING id",
            )
            .bind(email)
            .bind(google_sub)
            .bind(name)
            .bind(picture_url)
            .fetch_one(&mut *tx)
            .await?,
        };
    sqlx::query("INSERT INTO user_settings (user_id) VALUES ($1) ON CONFLICT DO NOTHING")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(id)
}

/// A user by id.
pub async fn get_user(pool: &PgPool, user_id: i64) -> Result<Option<User>, DbError> {
    Ok(sqlx::query_as::<_, User>(
        "SELECT id, email, name, picture_url, created_at, last_login_at FROM users WHERE id = $1",
    )
    .bind(user_id)
    .fetch_optional(pool)
    .await?)
}

/// Replaces a user's settings.
pub async fn save_settings(pool: &PgPool, user_id: i64, s: &Settings) -> Result<(), DbError> {
    sqlx::query(
        "INSERT INTO user_settings (user_id, enabled_companies, title_filters, updated_at) VALUES ($1, $2, $3, now())
         ON CONFLICT (user_id) DO UPDATE SET enabled_companies = EXCLUDED.enabled_companies,
             title_filters = EXCLUDED.title_filters, updated_at = now()",
    )
    .bind(user_id)
    .bind(&s.enabled_companies)
    .bind(&s.title_filters)
    .execute(pool)
    .await?;
    Ok(())
}
