//! API errors as RFC 9457 problem+json. 5xx causes are logged with the
//! request and never sent to the client.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use jh_common::db::DbError;
use serde_json::json;

/// Everything a handler can fail with.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
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
    /// The request is well-formed but cannot be processed.
    #[error("{0}")]
    Unprocessable(String),
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
    fn status(&self) -> StatusCode {
        match self {
            ApiError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            ApiError::NotFound => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::Conflict { .. } => StatusCode::CONFLICT,
            ApiError::Unprocessable(_) => StatusCode::UNPROCESSABLE_ENTITY,
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
        if let (ApiError::Conflict { extra, .. }, Some(obj)) = (&self, body.as_object_mut()) {
            if let Some(extra) = extra.as_object() {
                obj.extend(extra.clone());
            }
        }
        let mut resp = (status, [(header::CONTENT_TYPE, "application/problem+json")], body.to_string()).into_response();
        if status == StatusCode::UNAUTHORIZED {
            resp.headers_mut().insert(header::WWW_AUTHENTICATE, header::HeaderValue::from_static("Bearer"));
        }
        resp
    }
}
