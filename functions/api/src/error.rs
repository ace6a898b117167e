//! API errors as RFC 9457 problem+json, for every error the API answers —
//! 404 and 405 included. 5xx causes are logged with the request and never
//! sent to the client.
//!
//! The reusable OpenAPI responses (`Unauthorized`, `NotFound`, ...) live here
//! too, so every route documents its errors with one word each.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use jh_common::db::DbError;
use serde::Serialize;
use serde_json::json;
use utoipa::{ToResponse, ToSchema};

/// The media type of every error body.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// One invalid field of a request: where it is and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct FieldError {
    /// Where the value is: `query.limit`, `body.enabled_companies[2]`, ...
    pub field: String,
    /// What is wrong with it.
    pub message: String,
}

impl FieldError {
    /// An error about `field`.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self { field: field.into(), message: message.into() }
    }
}

/// Everything a handler can fail with.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The request is malformed (an unknown log group, a bad header).
    #[error("{0}")]
    BadRequest(String),
    /// Missing or invalid credentials.
    #[error("{0}")]
    Unauthorized(String),
    /// No such resource (or not the caller's).
    #[error("not found")]
    NotFound,
    /// Route exists, method does not.
    #[error("method not allowed")]
    MethodNotAllowed,
    /// The request conflicts with current state.
    #[error("{detail}")]
    Conflict {
        /// What conflicts.
        detail: String,
        /// Extra members for the problem document.
        extra: serde_json::Value,
    },
    /// The body is larger than the configured limit.
    #[error("{0}")]
    PayloadTooLarge(String),
    /// The body is not JSON.
    #[error("{0}")]
    UnsupportedMediaType(String),
    /// The request is well-formed but cannot be processed.
    #[error("{0}")]
    Unprocessable(String),
    /// Some fields are invalid; each is named.
    #[error("{}", .0.iter().map(|e| format!("{}: {}", e.field, e.message)).collect::<Vec<_>>().join("; "))]
    Validation(Vec<FieldError>),
    /// A dependency is down; the client may retry.
    #[error("service unavailable: {0}")]
    Unavailable(String),
    /// A bug or unexpected failure.
    #[error("internal error: {0}")]
    Internal(String),
}

impl From<DbError> for ApiError {
    fn from(e: DbError) -> Self {
        match e {
            DbError::Sqlx(sqlx::Error::PoolTimedOut | sqlx::Error::Io(_)) => ApiError::Unavailable(e.to_string()),
            other => ApiError::Internal(other.to_string()),
        }
    }
}

impl ApiError {
    /// One invalid field.
    pub fn field(field: impl Into<String>, message: impl Into<String>) -> Self {
        ApiError::Validation(vec![FieldError::new(field, message)])
    }

    /// The HTTP status this error answers with.
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            ApiError::NotFound => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::Conflict { .. } => StatusCode::CONFLICT,
            ApiError::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::Unprocessable(_) | ApiError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        let detail = if status.is_server_error() {
            tracing::error!(status = status.as_u16(), error = %self, "request failed");
            match status {
                StatusCode::SERVICE_UNAVAILABLE => "A dependency is unavailable; retry later.".to_owned(),
                _ => "An internal error occurred.".to_owned(),
            }
        } else {
            self.to_string()
        };
        let mut body = json!({
            "type": "about:blank",
            "title": status.canonical_reason().unwrap_or("Error"),
            "status": status.as_u16(),
            "detail": detail,
        });
        if let Some(obj) = body.as_object_mut() {
            match &self {
                ApiError::Conflict { extra: serde_json::Value::Object(extra), .. } => obj.extend(extra.clone()),
                ApiError::Validation(errors) => {
                    obj.insert("errors".into(), serde_json::to_value(errors).unwrap_or_default());
                }
                _ => {}
            }
        }
        let mut resp = (status, [(header::CONTENT_TYPE, PROBLEM_JSON)], body.to_string()).into_response();
        if status == StatusCode::UNAUTHORIZED {
            resp.headers_mut().insert(header::WWW_AUTHENTICATE, header::HeaderValue::from_static("Bearer"));
        }
        resp
    }
}

/// An RFC 9457 problem document: the body of every error.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"type": "about:blank", "title": "Not Found", "status": 404, "detail": "not found"}))]
pub struct Problem {
    /// Always `about:blank`: the status says what kind of problem it is.
    #[serde(rename = "type")]
    pub kind: String,
    /// The status's reason phrase.
    pub title: String,
    /// The HTTP status.
    pub status: u16,
    /// What went wrong, for a person.
    pub detail: String,
    /// With 422: every invalid field.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors: Option<Vec<FieldError>>,
    /// With a 409 on start: the run that is still active.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub active_run_id: Option<String>,
    /// With a 409 on abort: the run's current status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub run_status: Option<String>,
}

/// The request is malformed.
#[derive(ToResponse)]
#[response(description = "The request is malformed", content_type = "application/problem+json")]
pub struct BadRequest(#[allow(dead_code)] Problem);

/// Missing, expired or invalid bearer token.
#[derive(ToResponse)]
#[response(
    description = "Missing, expired or invalid credentials",
    content_type = "application/problem+json",
    headers(("www-authenticate" = String, description = "`Bearer`"))
)]
pub struct Unauthorized(#[allow(dead_code)] Problem);

/// No such resource, or not the caller's.
#[derive(ToResponse)]
#[response(description = "No such resource, or it is not the caller's", content_type = "application/problem+json")]
pub struct NotFound(#[allow(dead_code)] Problem);

/// The request conflicts with the current state.
#[derive(ToResponse)]
#[response(description = "The request conflicts with the current state", content_type = "application/problem+json")]
pub struct Conflict(#[allow(dead_code)] Problem);

/// The body is larger than the limit.
#[derive(ToResponse)]
#[response(description = "The body is larger than the limit", content_type = "application/problem+json")]
pub struct PayloadTooLarge(#[allow(dead_code)] Problem);

/// The body is not `application/json`.
#[derive(ToResponse)]
#[response(description = "The body is not application/json", content_type = "application/problem+json")]
pub struct UnsupportedMediaType(#[allow(dead_code)] Problem);

/// Invalid fields, each named in `errors`.
#[derive(ToResponse)]
#[response(description = "Invalid fields, each named in `errors`", content_type = "application/problem+json")]
pub struct Unprocessable(#[allow(dead_code)] Problem);

/// A dependency (database, SQS, CloudWatch Logs, Google's keys) is down.
#[derive(ToResponse)]
#[response(description = "A dependency is unavailable; retry later", content_type = "application/problem+json")]
pub struct Unavailable(#[allow(dead_code)] Problem);
