//! The HTTP API: one axum router, served by `lambda_http` in Lambda (buffered
//! behind API Gateway, or streamed behind a Function URL) and by a plain HTTP
//! listener locally. docs/API.md describes the routes and the choices.
//!
//! Handlers are thin: they authenticate, validate, call the queries in
//! `jh_common::db`, and map results to JSON or problem+json. Every route is
//! declared with `#[utoipa::path]`, and the router is built from those
//! declarations, so the OpenAPI document at `/openapi.json` cannot drift from
//! the routes that are served.

pub mod account;
pub mod auth;
pub mod companies;
pub mod docs;
pub mod error;
pub mod events;
pub mod extract;
pub mod google;
pub mod ingestions;
pub mod jobs;
pub mod logs;
pub mod signin;
pub mod system;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, HeaderValue, Method, header};
use jh_common::config::{ConfigError, DbConfig, Env, QueueUrls};
use jh_common::queue::Queues;
use sqlx::PgPool;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::ApiError;
use crate::google::{GoogleConfig, GoogleVerifier};

/// The CloudWatch log groups the logs endpoint may read, by short name
/// (ADR-019): the only names a client can ask for.
#[derive(Debug, Clone)]
pub struct LogGroups {
    /// The API's group.
    pub api: String,
    /// The crawler's group.
    pub crawler: String,
    /// The extractor's group.
    pub extractor: String,
}

/// How the progress stream behaves.
#[derive(Debug, Clone)]
pub struct SseConfig {
    /// How often the run is polled.
    pub poll: Duration,
    /// Idle time after which a heartbeat comment is sent.
    pub heartbeat: Duration,
    /// How long one stream may last before the server ends it (the client
    /// reconnects with `Last-Event-ID`); keeps a Lambda invocation under its
    /// timeout.
    pub max_duration: Duration,
}

/// The API's configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// Postgres.
    pub db: DbConfig,
    /// HS256 secret for our own JWTs (`JWT_SECRET`, at least 32 bytes).
    pub jwt_secret: String,
    /// Lifetime of the tokens we issue.
    pub token_ttl: chrono::Duration,
    /// Queue URLs.
    pub queues: QueueUrls,
    /// Google sign-in.
    pub google: GoogleConfig,
    /// Origins allowed by CORS (`ALLOWED_ORIGINS`, comma-separated).
    pub allowed_origins: Vec<HeaderValue>,
    /// Log groups by short name.
    pub log_groups: LogGroups,
    /// Largest accepted request body (`REQUEST_BODY_LIMIT_BYTES`).
    pub body_limit: usize,
    /// The progress stream.
    pub sse: SseConfig,
    /// An active run with no progress for this long is failed when its user
    /// starts another (`RUN_STALL_TIMEOUT_MS`, default 2 h: longer than a
    /// message's five deliveries at the crawl queue's 720 s visibility).
    pub run_stall: Duration,
}

fn list(env: &Env, var: &str) -> Vec<String> {
    env.get(var)
        .map(|v| v.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect())
        .unwrap_or_default()
}

impl Config {
    /// Reads and validates the environment.
    pub fn from_env(env: &Env) -> Result<Self, ConfigError> {
        let jwt_secret = env.required("JWT_SECRET")?;
        if jwt_secret.len() < 32 {
            return Err(ConfigError::invalid("JWT_SECRET", "must be at least 32 bytes long"));
        }
        let mut issuers = list(env, "GOOGLE_ISSUER");
        if issuers.is_empty() {
            issuers = google::GOOGLE_ISSUERS.iter().map(|s| (*s).to_owned()).collect();
        }
        let jwks_url = match env.get("GOOGLE_JWKS_URL") {
            Some(_) => env.url("GOOGLE_JWKS_URL")?.to_string(),
            None => google::GOOGLE_JWKS_URL.to_owned(),
        };
        let google = GoogleConfig {
            client_id: env.required("GOOGLE_CLIENT_ID")?,
            issuers,
            jwks_url,
            min_refetch: env.millis(
                "GOOGLE_JWKS_MIN_REFETCH_MS",
                Duration::from_secs(30),
                Duration::ZERO,
                Duration::from_secs(3600),
            )?,
        };
        let allowed_origins = list(env, "ALLOWED_ORIGINS")
            .into_iter()
            .map(|o| {
                let u = url::Url::parse(&o)
                    .map_err(|_| ConfigError::invalid("ALLOWED_ORIGINS", format!("{o:?} is not an origin URL")))?;
                if !matches!(u.scheme(), "http" | "https") || u.path() != "/" || u.query().is_some() {
                    return Err(ConfigError::invalid("ALLOWED_ORIGINS", format!("{o:?} must be scheme://host[:port]")));
                }
                HeaderValue::from_str(o.trim_end_matches('/'))
                    .map_err(|_| ConfigError::invalid("ALLOWED_ORIGINS", format!("{o:?} is not a header value")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let body_limit: usize = env.parse_or("REQUEST_BODY_LIMIT_BYTES", 64 * 1024)?;
        if !(1024..=10 << 20).contains(&body_limit) {
            return Err(ConfigError::invalid("REQUEST_BODY_LIMIT_BYTES", "must be between 1024 and 10485760"));
        }
        Ok(Self {
            db: DbConfig::from_env(env)?,
            jwt_secret,
            token_ttl: chrono::Duration::hours(1),
            queues: QueueUrls::from_env(env)?,
            google,
            allowed_origins,
            log_groups: LogGroups {
                api: env.required("LOG_GROUP_API")?,
                crawler: env.required("LOG_GROUP_CRAWLER")?,
                extractor: env.required("LOG_GROUP_EXTRACTOR")?,
            },
            body_limit,
            run_stall: env.millis(
                "RUN_STALL_TIMEOUT_MS",
                Duration::from_secs(7200),
                Duration::from_secs(1),
                Duration::from_secs(7 * 86400),
            )?,
            sse: SseConfig {
                poll: env.millis(
                    "SSE_POLL_MS",
                    Duration::from_secs(1),
                    Duration::from_millis(50),
                    Duration::from_secs(30),
                )?,
                heartbeat: env.millis(
                    "SSE_HEARTBEAT_MS",
                    Duration::from_secs(15),
                    Duration::from_millis(100),
                    Duration::from_secs(120),
                )?,
                max_duration: env.millis(
                    "SSE_MAX_MS",
                    Duration::from_secs(280),
                    Duration::from_secs(1),
                    Duration::from_secs(3600),
                )?,
            },
        })
    }
}

/// State shared by every request; cheap to clone. Built once per cold start,
/// so the pool, the clients and Google's keys survive warm invocations.
#[derive(Clone)]
pub struct AppState {
    /// The database pool.
    pub pool: PgPool,
    /// SQS.
    pub queues: Queues,
    /// CloudWatch Logs.
    pub logs: aws_sdk_cloudwatchlogs::Client,
    /// Google ID token verifier with its JWKS cache.
    pub google: Arc<GoogleVerifier>,
    /// Configuration.
    pub cfg: Arc<Config>,
}

impl AppState {
    /// Builds the state from its parts.
    pub fn new(cfg: Config, pool: PgPool, sqs: aws_sdk_sqs::Client, logs: aws_sdk_cloudwatchlogs::Client) -> Self {
        let google = Arc::new(GoogleVerifier::new(cfg.google.clone(), reqwest::Client::new()));
        Self { pool, queues: Queues::new(sqs), logs, google, cfg: Arc::new(cfg) }
    }
}

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The routes with their OpenAPI declarations, and the document they make.
fn api() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    OpenApiRouter::with_openapi(<docs::ApiDoc as utoipa::OpenApi>::openapi())
        .routes(routes!(system::health))
        .routes(routes!(signin::google))
        .routes(routes!(account::user))
        .routes(routes!(account::get_settings, account::put_settings))
        .routes(routes!(companies::list))
        .routes(routes!(ingestions::list, ingestions::start))
        .routes(routes!(ingestions::get))
        .routes(routes!(ingestions::abort))
        .routes(routes!(events::events))
        .routes(routes!(logs::logs))
        .routes(routes!(jobs::search))
        .routes(routes!(jobs::get))
        .routes(routes!(system::queue_status))
        .split_for_parts()
}

/// The OpenAPI document, as `/openapi.json` serves it.
pub fn openapi() -> utoipa::openapi::OpenApi {
    docs::finish(api().1)
}

/// The whole API.
pub fn router(state: AppState) -> Router {
    let (routes, spec) = api();
    let cors = CorsLayer::new()
        .allow_origin(AllowOrigin::list(state.cfg.allowed_origins.clone()))
        .allow_methods([Method::GET, Method::POST, Method::PUT])
        .allow_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            HeaderName::from_static("last-event-id"),
            REQUEST_ID,
        ])
        .expose_headers([REQUEST_ID])
        .max_age(Duration::from_secs(600));
    routes
        .merge(docs::routes(docs::finish(spec)))
        .fallback(|| async { ApiError::NotFound })
        .method_not_allowed_fallback(|| async { ApiError::MethodNotAllowed })
        .layer(DefaultBodyLimit::max(state.cfg.body_limit))
        .with_state(state)
        .layer(cors)
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(TraceLayer::new_for_http().make_span_with(system::span_without_query))
        .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
}
