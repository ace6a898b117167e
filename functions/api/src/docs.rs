//! The OpenAPI 3.1 document (`/openapi.json`) and interactive docs (`/docs`).
//!
//! `/docs` is Swagger UI, the UI FastAPI serves. Its two assets are vendored
//! from the `swagger-ui-dist` npm package (assets/swagger-ui, with its
//! licence), gzipped at build time and served from the binary: no CDN at run
//! time, no download at build time. The page is our own dozen lines, because
//! the crates that wrap Swagger UI download it in their build script or pull
//! in an archive extractor and an embedding framework for two files.

use axum::Router;
use axum::http::{HeaderValue, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::AppState;
use crate::error::{
    BadRequest, Conflict, FieldError, NotFound, PayloadTooLarge, Problem, Unauthorized, Unavailable, Unprocessable,
    UnsupportedMediaType,
};

/// The document's fixed parts; the paths come from the routes.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "jh API",
        description = "Sign in with Google, choose companies and title filters, run ingestions and follow them live, \
                       read their logs, and search the jobs they found. Every `/api/*` route needs \
                       `Authorization: Bearer <token>` from `POST /auth/google`. Errors are RFC 9457 \
                       `application/problem+json`. See docs/API.md."
    ),
    modifiers(&BearerAuth),
    components(
        schemas(Problem, FieldError, crate::jobs::Remote, crate::jobs::EmploymentType, crate::account::Slug, crate::account::TitleFilter),
        responses(BadRequest, Unauthorized, NotFound, Conflict, PayloadTooLarge, UnsupportedMediaType, Unprocessable, Unavailable)
    ),
    tags(
        (name = "auth", description = "Sign-in"),
        (name = "account", description = "The signed-in user and their settings"),
        (name = "companies", description = "The companies jh crawls"),
        (name = "ingestions", description = "Ingestion runs: start, follow, abort, logs"),
        (name = "jobs", description = "Search"),
        (name = "system", description = "Health and queues"),
    )
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .description(Some("Our HS256 token from POST /auth/google, valid for one hour"))
                    .build(),
            ),
        );
    }
}

/// Sets what the derive cannot: the version.
pub fn finish(mut spec: utoipa::openapi::OpenApi) -> utoipa::openapi::OpenApi {
    spec.info.version = env!("CARGO_PKG_VERSION").to_owned();
    spec
}

const PAGE: &str = r##"<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>jh API</title>
  <link rel="stylesheet" href="docs/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="docs/swagger-ui-bundle.js"></script>
  <script>
    window.ui = SwaggerUIBundle({
      url: "openapi.json",
      dom_id: "#swagger-ui",
      deepLinking: true,
      persistAuthorization: true,
      presets: [SwaggerUIBundle.presets.apis],
      layout: "BaseLayout"
    });
  </script>
</body>
</html>
"##;

static BUNDLE_JS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/swagger-ui-bundle.js.gz"));
static CSS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/swagger-ui.css.gz"));

fn gzipped(body: &'static [u8], content_type: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::CONTENT_ENCODING, HeaderValue::from_static("gzip")),
            (header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=86400")),
        ],
        body,
    )
        .into_response()
}

/// `/openapi.json`, `/docs` and the docs' assets. The document is
/// serialized once, here.
pub fn routes(spec: utoipa::openapi::OpenApi) -> Router<AppState> {
    let json = spec.to_json().expect("the OpenAPI document serializes");
    Router::new()
        .route(
            "/openapi.json",
            get(move || {
                let json = json.clone();
                async move { ([(header::CONTENT_TYPE, "application/json")], json) }
            }),
        )
        .route("/docs", get(|| async { Html(PAGE) }))
        .route("/docs/swagger-ui-bundle.js", get(|| async { gzipped(BUNDLE_JS, "text/javascript; charset=utf-8") }))
        .route("/docs/swagger-ui.css", get(|| async { gzipped(CSS, "text/css; charset=utf-8") }))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_document_is_openapi_3_1_and_declares_every_route() {
        let spec = crate::openapi();
        let json = serde_json::to_value(&spec).unwrap();
        assert!(json["openapi"].as_str().unwrap().starts_with("3.1"), "{}", json["openapi"]);
        let paths: Vec<&String> = spec.paths.paths.keys().collect();
        for p in [
            "/health",
            "/auth/google",
            "/api/user",
            "/api/settings",
            "/api/companies",
            "/api/ingestions",
            "/api/ingestions/{id}",
            "/api/ingestions/{id}/abort",
            "/api/ingestions/{id}/events",
            "/api/ingestions/{id}/logs",
            "/api/jobs",
            "/api/jobs/{id}",
            "/api/queue/status",
        ] {
            assert!(paths.iter().any(|x| *x == p), "{p} missing from {paths:?}");
        }
        // Every $ref resolves.
        let text = json.to_string();
        for part in text.split("\"$ref\":\"").skip(1) {
            let target = &part[..part.find('"').unwrap()];
            let path: Vec<&str> = target.trim_start_matches("#/").split('/').collect();
            let mut node = &json;
            for p in &path {
                node = &node[*p];
            }
            assert!(!node.is_null(), "unresolvable {target}");
        }
        if std::env::var("JH_PRINT_OPENAPI").is_ok() {
            println!("{}", spec.to_pretty_json().unwrap());
        }
    }
}
