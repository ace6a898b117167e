//! Our own bearer JWTs: HS256, one hour, `sub` = user id (ADR-003/010).

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, encode};
use serde::{Deserialize, Serialize};

use crate::AppState;
use crate::error::ApiError;

/// Issuer claim of our tokens.
pub const ISSUER: &str = "jh";

/// The claims we sign.
#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    /// User id.
    pub sub: String,
    /// User email.
    pub email: String,
    /// Issuer.
    pub iss: String,
    /// Issued at (unix seconds).
    pub iat: i64,
    /// Expiry (unix seconds).
    pub exp: i64,
}

/// Signs a token for a user, valid for `ttl`.
pub fn issue_token(secret: &str, user_id: i64, email: &str, ttl: chrono::Duration) -> Result<String, ApiError> {
    let now = chrono::Utc::now().timestamp();
    let claims = Claims {
        sub: user_id.to_string(),
        email: email.to_owned(),
        iss: ISSUER.into(),
        iat: now,
        exp: now + ttl.num_seconds(),
    };
    encode(&Header::new(Algorithm::HS256), &claims, &EncodingKey::from_secret(secret.as_bytes()))
        .map_err(|e| ApiError::Internal(format!("signing token: {e}")))
}

/// Verifies a token and returns the user id.
pub fn verify_token(secret: &str, token: &str) -> Result<i64, ApiError> {
    let mut v = Validation::new(Algorithm::HS256);
    v.set_issuer(&[ISSUER]);
    v.set_required_spec_claims(&["exp", "sub", "iss"]);
    v.leeway = 30;
    let data = decode::<Claims>(token, &DecodingKey::from_secret(secret.as_bytes()), &v)
        .map_err(|e| ApiError::Unauthorized(format!("invalid token: {e}")))?;
    data.claims.sub.parse().map_err(|_| ApiError::Unauthorized("invalid token: sub is not a user id".into()))
}

/// The bearer token of a request: the `Authorization: Bearer` header, or,
/// when `query_too`, an `access_token` query parameter (browsers'
/// `EventSource` cannot send headers).
fn bearer(parts: &Parts, query_too: bool) -> Result<String, ApiError> {
    if let Some(value) = parts.headers.get(header::AUTHORIZATION) {
        let value = value.to_str().map_err(|_| ApiError::Unauthorized("malformed authorization header".into()))?;
        let (scheme, token) = value.split_once(' ').unwrap_or((value, ""));
        if !scheme.eq_ignore_ascii_case("bearer") || token.trim().is_empty() {
            return Err(ApiError::Unauthorized("authorization must be a Bearer token".into()));
        }
        return Ok(token.trim().to_owned());
    }
    if query_too {
        let token = form_urlencoded::parse(parts.uri.query().unwrap_or("").as_bytes())
            .find(|(k, _)| k == "access_token")
            .map(|(_, v)| v.into_owned());
        if let Some(t) = token.filter(|t| !t.is_empty()) {
            return Ok(t);
        }
    }
    Err(ApiError::Unauthorized("missing bearer token".into()))
}

/// The signed-in user, extracted from `Authorization: Bearer <jwt>`.
#[derive(Debug, Clone, Copy)]
pub struct AuthUser {
    /// User id.
    pub user_id: i64,
}

impl FromRequestParts<AppState> for AuthUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let user_id = verify_token(&state.cfg.jwt_secret, &bearer(parts, false)?)?;
        Ok(Self { user_id })
    }
}

/// The signed-in user of a progress stream: the bearer header, or the
/// `access_token` query parameter for `EventSource` clients.
#[derive(Debug, Clone, Copy)]
pub struct StreamUser {
    /// User id.
    pub user_id: i64,
}

impl FromRequestParts<AppState> for StreamUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let user_id = verify_token(&state.cfg.jwt_secret, &bearer(parts, true)?)?;
        Ok(Self { user_id })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "0123456789abcdef0123456789abcdef";

    #[test]
    fn a_fresh_token_verifies_to_its_user() {
        let t = issue_token(SECRET, 42, "a@b.c", chrono::Duration::hours(1)).unwrap();
        assert_eq!(verify_token(SECRET, &t).unwrap(), 42);
    }

    #[test]
    fn expired_forged_and_garbage_tokens_are_rejected() {
        let expired = issue_token(SECRET, 1, "a@b.c", chrono::Duration::hours(-2)).unwrap();
        assert!(verify_token(SECRET, &expired).is_err());
        let forged = issue_token("another-secret-another-secret-xx", 1, "a@b.c", chrono::Duration::hours(1)).unwrap();
        assert!(verify_token(SECRET, &forged).is_err());
        assert!(verify_token(SECRET, "not.a.jwt").is_err());
    }
}
