//! Operational routes: `GET /health` (the database answers) and
//! `GET /api/queue/status` (approximate depth of each queue and DLQ), and the
//! request span every request is traced in.

use aws_sdk_sqs::types::QueueAttributeName;
use axum::extract::State;
use axum::http::Request;
use serde::Serialize;
use utoipa::ToSchema;

use crate::AppState;
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::extract::Json;

/// The span of one request: method, path and request id. The query string
/// is left out on purpose: the progress stream accepts `access_token` there.
pub fn span_without_query<B>(req: &Request<B>) -> tracing::Span {
    let request_id = req.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("");
    tracing::debug_span!("request", method = %req.method(), path = %req.uri().path(), request_id)
}

/// `GET /health`'s body.
#[derive(Debug, Serialize, ToSchema)]
pub struct Health {
    /// `ok`.
    #[schema(example = "ok")]
    pub status: String,
}

/// Whether the API and its database answer.
#[utoipa::path(
    get,
    path = "/health",
    tag = "system",
    responses(
        (status = 200, description = "The database answers", body = Health),
        (status = 503, response = crate::error::Unavailable),
    )
)]
pub async fn health(State(state): State<AppState>) -> Result<Json<Health>, ApiError> {
    sqlx::query("SELECT 1").execute(&state.pool).await.map_err(|e| ApiError::Unavailable(format!("database: {e}")))?;
    Ok(Json(Health { status: "ok".into() }))
}

/// Approximate message counts of one queue.
#[derive(Debug, Serialize, ToSchema)]
pub struct QueueDepth {
    /// Messages waiting to be received.
    pub visible: i64,
    /// Messages received and not yet deleted (being worked on).
    pub in_flight: i64,
    /// Messages not yet visible because of a delay.
    pub delayed: i64,
}

/// Every queue of the pipeline.
#[derive(Debug, Serialize, ToSchema)]
pub struct QueueStatus {
    /// `crawl.fifo`: discover and page messages.
    pub crawl: QueueDepth,
    /// The crawl queue's dead-letter queue.
    pub crawl_dlq: QueueDepth,
    /// The extract queue.
    pub extract: QueueDepth,
    /// The extract queue's dead-letter queue.
    pub extract_dlq: QueueDepth,
}

async fn depth(sqs: &aws_sdk_sqs::Client, url: &str) -> Result<QueueDepth, ApiError> {
    let out = sqs
        .get_queue_attributes()
        .queue_url(url)
        .attribute_names(QueueAttributeName::ApproximateNumberOfMessages)
        .attribute_names(QueueAttributeName::ApproximateNumberOfMessagesNotVisible)
        .attribute_names(QueueAttributeName::ApproximateNumberOfMessagesDelayed)
        .send()
        .await
        .map_err(|e| ApiError::Unavailable(format!("SQS: {}", aws_sdk_sqs::error::DisplayErrorContext(e))))?;
    let attrs = out.attributes();
    let get = |name: QueueAttributeName| -> i64 {
        attrs.and_then(|a| a.get(&name)).and_then(|v| v.parse().ok()).unwrap_or(0)
    };
    Ok(QueueDepth {
        visible: get(QueueAttributeName::ApproximateNumberOfMessages),
        in_flight: get(QueueAttributeName::ApproximateNumberOfMessagesNotVisible),
        delayed: get(QueueAttributeName::ApproximateNumberOfMessagesDelayed),
    })
}

/// The approximate depth of each queue and dead-letter queue.
#[utoipa::path(
    get,
    path = "/api/queue/status",
    tag = "system",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Approximate depths", body = QueueStatus),
        (status = 401, response = crate::error::Unauthorized),
        (status = 503, response = crate::error::Unavailable),
    )
)]
pub async fn queue_status(State(state): State<AppState>, _user: AuthUser) -> Result<Json<QueueStatus>, ApiError> {
    let sqs = state.queues.client();
    let q = &state.cfg.queues;
    let (crawl, crawl_dlq, extract, extract_dlq) = tokio::try_join!(
        depth(sqs, &q.crawl),
        depth(sqs, &q.crawl_dlq),
        depth(sqs, &q.extract),
        depth(sqs, &q.extract_dlq)
    )?;
    Ok(Json(QueueStatus { crawl, crawl_dlq, extract, extract_dlq }))
}
