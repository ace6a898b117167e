//! The signed-in user and their settings: `GET /api/user`,
//! `GET /api/settings` and `PUT /api/settings` (enabled companies and title
//! filters; defaults: every company, no filter).

use axum::extract::State;
use chrono::{DateTime, Utc};
use jh_common::db::{companies, users};
use jh_common::domain::CompanySlug;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::AppState;
use crate::auth::AuthUser;
use crate::error::{ApiError, FieldError};
use crate::extract::Json;

/// A user's profile.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserOut {
    /// User id.
    pub id: i64,
    /// Email address.
    pub email: String,
    /// Display name, from Google.
    pub name: Option<String>,
    /// Profile picture, from Google.
    pub picture_url: Option<String>,
    /// First login.
    pub created_at: DateTime<Utc>,
    /// Latest login.
    pub last_login_at: Option<DateTime<Utc>>,
}

impl From<users::User> for UserOut {
    fn from(u: users::User) -> Self {
        Self {
            id: u.id,
            email: u.email,
            name: u.name,
            picture_url: u.picture_url,
            created_at: u.created_at,
            last_login_at: u.last_login_at,
        }
    }
}

/// A company slug.
#[derive(ToSchema)]
#[schema(pattern = "^[a-z0-9][a-z0-9-]{0,62}$", example = "acme")]
#[allow(dead_code)]
pub struct Slug(String);

/// A title filter: a case-insensitive substring, not blank.
#[derive(ToSchema)]
#[schema(min_length = 1, max_length = 100, pattern = "^[^\\u0000]*\\S[^\\u0000]*$", example = "engineer")]
#[allow(dead_code)]
pub struct TitleFilter(String);

/// What a run crawls.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Company slugs to crawl; `null` (the default) means every company,
    /// including ones added later.
    #[serde(default)]
    #[schema(value_type = Option<Vec<Slug>>, min_items = 1, max_items = 500, example = json!(["acme", "globex"]))]
    pub enabled_companies: Option<Vec<String>>,
    /// Case-insensitive substrings; a job is crawled when its title contains
    /// any of them. Empty (the default) means every title.
    #[serde(default)]
    #[schema(value_type = Vec<TitleFilter>, max_items = 50, example = json!(["engineer", "data"]))]
    pub title_filters: Vec<String>,
}

/// Most companies one user may list.
const MAX_COMPANIES: usize = 500;
/// Most title filters.
const MAX_FILTERS: usize = 50;
/// Longest title filter, in characters.
const MAX_FILTER_LEN: usize = 100;

impl Settings {
    /// Checks the shape and normalises (trims, removes duplicates). Returns
    /// every problem, not just the first.
    fn normalise(self) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let enabled_companies = self.enabled_companies.map(|list| {
            if list.is_empty() {
                errors.push(FieldError::new(
                    "body.enabled_companies",
                    "list at least one company, or send null for every company",
                ));
            }
            if list.len() > MAX_COMPANIES {
                errors.push(FieldError::new("body.enabled_companies", format!("at most {MAX_COMPANIES} companies")));
            }
            let mut out: Vec<String> = Vec::new();
            for (i, slug) in list.into_iter().enumerate() {
                match CompanySlug::new(slug) {
                    Ok(s) if !out.contains(&s.as_str().to_owned()) => out.push(s.as_str().to_owned()),
                    Ok(_) => {}
                    Err(e) => errors.push(FieldError::new(format!("body.enabled_companies[{i}]"), e.to_string())),
                }
            }
            out
        });
        if self.title_filters.len() > MAX_FILTERS {
            errors.push(FieldError::new("body.title_filters", format!("at most {MAX_FILTERS} filters")));
        }
        let mut title_filters: Vec<String> = Vec::new();
        for (i, raw) in self.title_filters.into_iter().enumerate() {
            let f = raw.trim().to_owned();
            if f.is_empty() {
                errors.push(FieldError::new(format!("body.title_filters[{i}]"), "must not be blank"));
            } else if raw.chars().count() > MAX_FILTER_LEN {
                errors.push(FieldError::new(
                    format!("body.title_filters[{i}]"),
                    format!("longer than {MAX_FILTER_LEN} characters"),
                ));
            } else if f.contains('\0') {
                errors.push(FieldError::new(format!("body.title_filters[{i}]"), "contains a NUL character"));
            } else if !title_filters.iter().any(|t| t.to_lowercase() == f.to_lowercase()) {
                title_filters.push(f);
            }
        }
        if errors.is_empty() { Ok(Self { enabled_companies, title_filters }) } else { Err(errors) }
    }
}

async fn existing_user(state: &AppState, user_id: i64) -> Result<users::User, ApiError> {
    users::get_user(&state.pool, user_id)
        .await?
        .ok_or_else(|| ApiError::Unauthorized("the token's user does not exist".into()))
}

/// The signed-in user.
#[utoipa::path(
    get,
    path = "/api/user",
    tag = "account",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The signed-in user", body = UserOut),
        (status = 401, response = crate::error::Unauthorized),
    )
)]
pub async fn user(State(state): State<AppState>, auth: AuthUser) -> Result<Json<UserOut>, ApiError> {
    Ok(Json(existing_user(&state, auth.user_id).await?.into()))
}

/// The signed-in user's settings (defaults when never saved).
#[utoipa::path(
    get,
    path = "/api/settings",
    tag = "account",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The settings", body = Settings),
        (status = 401, response = crate::error::Unauthorized),
    )
)]
pub async fn get_settings(State(state): State<AppState>, auth: AuthUser) -> Result<Json<Settings>, ApiError> {
    existing_user(&state, auth.user_id).await?;
    let s = users::settings(&state.pool, auth.user_id).await?;
    Ok(Json(Settings { enabled_companies: s.enabled_companies, title_filters: s.title_filters }))
}

/// Replaces the signed-in user's settings. Every company must exist; the
/// answer is the settings as stored (trimmed, without duplicates).
#[utoipa::path(
    put,
    path = "/api/settings",
    tag = "account",
    security(("bearer" = [])),
    request_body = Settings,
    responses(
        (status = 200, description = "The settings as stored", body = Settings),
        (status = 400, response = crate::error::BadRequest),
        (status = 401, response = crate::error::Unauthorized),
        (status = 413, response = crate::error::PayloadTooLarge),
        (status = 415, response = crate::error::UnsupportedMediaType),
        (status = 422, response = crate::error::Unprocessable),
    )
)]
pub async fn put_settings(
    State(state): State<AppState>,
    auth: AuthUser,
    Json(body): Json<Settings>,
) -> Result<Json<Settings>, ApiError> {
    existing_user(&state, auth.user_id).await?;
    let s = body.normalise().map_err(ApiError::Validation)?;
    if let Some(list) = &s.enabled_companies {
        let known = companies::enabled_among(&state.pool, list).await?;
        let unknown: Vec<FieldError> = list
            .iter()
            .enumerate()
            .filter(|(_, slug)| !known.contains(slug))
            .map(|(i, slug)| FieldError::new(format!("body.enabled_companies[{i}]"), format!("no company {slug:?}")))
            .collect();
        if !unknown.is_empty() {
            return Err(ApiError::Validation(unknown));
        }
    }
    let stored =
        users::Settings { enabled_companies: s.enabled_companies.clone(), title_filters: s.title_filters.clone() };
    users::save_settings(&state.pool, auth.user_id, &stored).await?;
    Ok(Json(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_invalid_field_is_reported_with_its_index() {
        let s = Settings {
            enabled_companies: Some(vec!["acme".into(), "Not A Slug".into()]),
            title_filters: vec!["ok".into(), "  ".into(), "x".repeat(101)],
        };
        let errors = s.normalise().unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["body.enabled_companies[1]", "body.title_filters[1]", "body.title_filters[2]"]);
    }

    #[test]
    fn settings_are_trimmed_and_deduplicated() {
        let s = Settings {
            enabled_companies: Some(vec!["acme".into(), "acme".into()]),
            title_filters: vec![" Rust ".into(), "rust".into(), "Go".into()],
        };
        assert_eq!(
            s.normalise().unwrap(),
            Settings { enabled_companies: Some(vec!["acme".into()]), title_filters: vec!["Rust".into(), "Go".into()] }
        );
    }

    #[test]
    fn an_empty_company_list_is_refused_null_is_all() {
        assert!(Settings { enabled_companies: Some(vec![]), title_filters: vec![] }.normalise().is_err());
        assert!(Settings { enabled_companies: None, title_filters: vec![] }.normalise().is_ok());
    }
}
