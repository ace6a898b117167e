//! `POST /auth/google`: exchanges a Google ID token for our own bearer token
//! (ADR-003). The user is created on first login and their profile refreshed
//! on every login (ADR-009).

use axum::extract::State;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::AppState;
use crate::account::UserOut;
use crate::auth::issue_token;
use crate::error::ApiError;
use crate::extract::Json;
use crate::google::GoogleAuthError;
use jh_common::db::users;

/// A Google ID token, as Google Identity Services hands it to the browser.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GoogleSignIn {
    /// The ID token (the `credential` of Google Identity Services).
    pub id_token: String,
}

/// Our bearer token and the signed-in user.
#[derive(Debug, Serialize, ToSchema)]
pub struct SignedIn {
    /// HS256 JWT to send as `Authorization: Bearer <token>`.
    pub token: String,
    /// Always `Bearer`.
    #[schema(example = "Bearer")]
    pub token_type: String,
    /// Seconds until the token expires.
    #[schema(example = 3600)]
    pub expires_in: i64,
    /// The user.
    pub user: UserOut,
}

/// Signs in with a Google ID token and returns our own one-hour token.
#[utoipa::path(
    post,
    path = "/auth/google",
    tag = "auth",
    request_body = GoogleSignIn,
    responses(
        (status = 200, description = "Signed in", body = SignedIn),
        (status = 400, response = crate::error::BadRequest),
        (status = 401, response = crate::error::Unauthorized),
        (status = 413, response = crate::error::PayloadTooLarge),
        (status = 415, response = crate::error::UnsupportedMediaType),
        (status = 422, response = crate::error::Unprocessable),
        (status = 503, response = crate::error::Unavailable),
    )
)]
pub async fn google(State(state): State<AppState>, Json(body): Json<GoogleSignIn>) -> Result<Json<SignedIn>, ApiError> {
    let id = state.google.verify(body.id_token.trim()).await.map_err(|e| match e {
        GoogleAuthError::KeysUnavailable(_) => ApiError::Unavailable(e.to_string()),
        other => ApiError::Unauthorized(other.to_string()),
    })?;
    let user_id =
        users::upsert_google_user(&state.pool, &id.sub, &id.email, id.name.as_deref(), id.picture.as_deref()).await?;
    let user =
        users::get_user(&state.pool, user_id).await?.ok_or_else(|| ApiError::Internal("user vanished".into()))?;
    let token = issue_token(&state.cfg.jwt_secret, user_id, &id.email, state.cfg.token_ttl)?;
    tracing::info!(user_id, "signed in");
    Ok(Json(SignedIn {
        token,
        token_type: "Bearer".into(),
        expires_in: state.cfg.token_ttl.num_seconds(),
        user: user.into(),
    }))
}
