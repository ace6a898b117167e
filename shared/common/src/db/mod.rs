//! Postgres access with sqlx: the pool, the embedded migrations, the schema
//! check every function runs at cold start, and the queries, grouped by the
//! table family they touch.

pub mod companies;
pub mod jobs;
pub mod limiter;
pub mod progress;
pub mod runs;
pub mod search;
pub mod users;

use std::time::Duration;

use sqlx::PgPool;
use sqlx::migrate::Migrator;
use sqlx::postgres::PgPoolOptions;

use crate::config::DbConfig;

/// The migrations in `shared/common/migrations`, compiled into every binary.
pub static MIGRATOR: Migrator = sqlx::migrate!("./migrations");

/// A database failure.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// The query failed or the database could not be reached.
    #[error("database error: {0}")]
    Sqlx(#[from] sqlx::Error),
    /// The database schema is older than this code.
    #[error(
        "database schema is at version {found}, this build needs {expected}: run `cargo xtask migrate --database-url <url>` (see docs/DEPLOY.md)"
    )]
    SchemaBehind {
        /// Newest applied migration.
        found: i64,
        /// Newest migration this build carries.
        expected: i64,
    },
    /// A migration could not be applied.
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

impl DbError {
    /// A unique-constraint violation on the named constraint or index.
    pub fn is_unique_violation(&self, constraint: &str) -> bool {
        match self {
            DbError::Sqlx(sqlx::Error::Database(e)) => e.is_unique_violation() && e.constraint() == Some(constraint),
            _ => false,
        }
    }
}

/// A lazily connecting pool: no connection is opened at cold start, so a
/// function that never touches the database (or starts while it is briefly
/// unreachable) does not pay for or fail on it.
pub fn lazy_pool(cfg: &DbConfig) -> Result<PgPool, DbError> {
    Ok(PgPoolOptions::new()
        .max_connections(cfg.max_connections)
        .acquire_timeout(Duration::from_secs(5))
        // Lambda freezes idle instances; a connection older than this is
        // likely dead on the server side (Neon, RDS Proxy idle timeouts).
        .idle_timeout(Duration::from_secs(60))
        .connect_lazy(&cfg.url)?)
}

/// Applies every pending migration.
pub async fn migrate(pool: &PgPool) -> Result<(), DbError> {
    MIGRATOR.run(pool).await?;
    Ok(())
}

/// Fails when the database is behind this build's migrations, with a message
/// that says how to fix it. A database ahead of the code is accepted, so a
/// migration can be deployed before the code that needs it.
pub async fn check_schema(pool: &PgPool) -> Result<(), DbError> {
    let expected = MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0);
    let found: Option<i64> = sqlx::query_scalar("SELECT max(version) FROM _sqlx_migrations WHERE success")
        .fetch_one(pool)
        .await
        .or_else(|e| match &e {
            // No migrations table at all: nothing was ever applied.
            sqlx::Error::Database(d) if d.code().as_deref() == Some("42P01") => Ok(None),
            _ => Err(e),
        })?;
    let found = found.unwrap_or(0);
    if found < expected {
        return Err(DbError::SchemaBehind { found, expected });
    }
    Ok(())
}
