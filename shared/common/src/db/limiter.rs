//! The politeness limiter shared by every crawler instance: one "next allowed
//! time" row per key (a company, or a backend host many companies share),
//! reserved atomically, so concurrent Lambdas never exceed the rate.

use std::time::Duration;

use sqlx::PgPool;

use super::DbError;

/// Reserves the next slot for `key`, at least `gap` after the previous one,
/// and returns how long to wait until it starts.
///
/// The single upsert takes the row lock, so two instances reserving at the
/// same moment get consecutive slots instead of the same one. The wait is
/// computed on the database clock, so clock skew between instances does not
/// matter.
pub async fn reserve(pool: &PgPool, key: &str, gap: Duration) -> Result<Duration, DbError> {
    let secs: f64 = sqlx::query_scalar(
        "WITH r AS (
             INSERT INTO rate_limits (key, next_at) VALUES ($1, clock_timestamp() + make_interval(secs => $2))
             ON CONFLICT (key) DO UPDATE
                 SET next_at = GREATEST(rate_limits.next_at, clock_timestamp()) + make_interval(secs => $2)
             RETURNING next_at
         )
         SELECT GREATEST(0, extract(epoch FROM (next_at - clock_timestamp())) - $2)::float8 FROM r",
    )
    .bind(key)
    .bind(gap.as_secs_f64())
    .fetch_one(pool)
    .await?;
    Ok(Duration::from_secs_f64(secs.max(0.0)))
}
