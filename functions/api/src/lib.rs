//! The HTTP API: one axum router, served by `lambda_http` in Lambda and by a
//! plain HTTP listener locally.
//!
//! Handlers are thin: they authenticate, call the domain functions in
//! [`ingestions`], and map results to JSON or problem+json.

pub mod auth;
pub mod error;
pub mod ingestions;

use std::sync::Arc;

use axum::Router;
use axum::extract::State;
use axum::http::HeaderName;
use axum::routing::{get, post};
use jh_common::config::{ConfigError, DbConfig, Env, QueueUrls};
use jh_common::queue::Queues;
use sqlx::PgPool;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

use crate::error::ApiError;

/// The API's configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// Postgres.
    pub db: DbConfig,
    /// HS256 secret for our own JWTs (`JWT_SECRET`, at least 32 bytes).
    pub jwt_secret: String,
    /// Queue URLs.
    pub queues: QueueUrls,
}

impl Config {
    /// Reads and validates the environment.
    pub fn from_env(env: &Env) -> Result<Self, ConfigError> {
        let jwt_secret = env.required("JWT_SECRET")?;
        if jwt_secret.len() < 32 {
            return Err(ConfigError::invalid("JWT_SECRET", "must be at least 32 bytes long"));
        }
        Ok(Self { db: DbConfig::from_env(env)?, jwt_secret, queues: QueueUrls::from_env(env)? })
    }
}

/// State shared by every request; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    /// The database pool.
    pub pool: PgPool,
    /// SQS.
    pub queues: Queues,
    /// Configuration.
    pub cfg: Arc<Config>,
}

impl AppState {
    /// Builds the state from its parts.
    pub fn new(cfg: Config, pool: PgPool, sqs: aws_sdk_sqs::Client) -> Self {
        Self { pool, queues: Queues::new(sqs), cfg: Arc::new(cfg) }
    }
}

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The whole API.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/health", get(health))
        .route("/api/ingestions", post(ingestions::start))
        .route("/api/ingestions/{id}", get(ingestions::get))
        .fallback(|| async { ApiError::NotFound })
        .method_not_allowed_fallback(|| async { ApiError::MethodNotAllowed })
        .with_state(state)
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(TraceLayer::new_for_http())
        .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
}

/// `GET /health`: 200 when the database answers.
async fn health(State(state): State<AppState>) -> Result<axum::Json<serde_json::Value>, ApiError> {
    sqlx::query("SELECT 1")
        .execute(&state.pool)
        .await
        .map_err(|e| ApiError::Unavailable(format!("database: {e}")))?;
    Ok(axum::Json(serde_json::json!({"status": "ok"})))
}
