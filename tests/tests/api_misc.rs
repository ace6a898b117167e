//! The API's conventions and operational routes: health, queue depths, the
//! OpenAPI document and interactive docs, problem+json for 404/405, a
//! request id on every response, CORS from the allowlist, and the body-size
//! limit.

mod api_support;

use api_support::{Api, assert_problem};
use jh_common::domain::{CompanySlug, RunId};
use jh_common::messages::CrawlMessage;
use reqwest::Method;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_checks_the_database_and_queue_status_reports_every_queue() {
    // GIVEN the API, and two messages waiting on crawl.fifo (different groups)
    let api = Api::start().await;
    let token = api.sign_in("ops@example.com").await;
    let queues = jh_common::queue::Queues::new(aws_sdk_sqs::Client::new(&api.stack.sdk));
    let run_id = RunId::new_random();
    let msgs: Vec<CrawlMessage> = ["acme", "globex"]
        .iter()
        .map(|c| CrawlMessage::Discover { run_id, company: CompanySlug::new(*c).unwrap() })
        .collect();
    queues.send_crawl(&api.stack.resources.crawl_queue, &msgs).await.unwrap();

    // WHEN health and queue status are read
    let health = api.call(Method::GET, "/health", None, None).await;
    let status = api.get("/api/queue/status", &token).await;

    // THEN health is ok without a token, and every queue is reported
    assert_eq!((health.status, health.json.clone()), (200, json!({"status": "ok"})));
    assert_eq!(status.status, 200, "{}", status.text);
    assert_eq!(status.json["crawl"]["visible"], 2);
    for q in ["crawl_dlq", "extract", "extract_dlq"] {
        assert_eq!(status.json[q], json!({"visible": 0, "in_flight": 0, "delayed": 0}), "{q}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_openapi_document_and_the_interactive_docs_are_served() {
    let api = Api::start().await;
    // WHEN the document is fetched
    let spec = api.call(Method::GET, "/openapi.json", None, None).await;
    // THEN it is OpenAPI 3.1 with every route, bearer security and problem responses
    assert_eq!(spec.status, 200);
    assert!(spec.json["openapi"].as_str().unwrap().starts_with("3.1."));
    assert_eq!(spec.json["components"]["securitySchemes"]["bearer"]["scheme"], "bearer");
    assert!(spec.json["paths"]["/api/jobs"]["get"]["parameters"].as_array().unwrap().len() >= 10);
    assert!(spec.json["components"]["responses"]["Unauthorized"]["content"]["application/problem+json"].is_object());
    // WHEN the docs page and its assets are fetched
    let page = api.call(Method::GET, "/docs", None, None).await;
    assert_eq!(page.status, 200);
    assert!(page.text.contains("SwaggerUIBundle") && page.text.contains("openapi.json"));
    for (asset, kind, contains) in [
        ("/docs/swagger-ui-bundle.js", "javascript", "SwaggerUIBundle"),
        ("/docs/swagger-ui.css", "css", ".swagger-ui"),
    ] {
        // THEN they are served from the binary (gzipped; the client decodes them)
        let r = api.http.get(format!("{}{asset}", api.url)).send().await.unwrap();
        assert_eq!(r.status(), 200, "{asset}");
        assert!(r.headers()["content-type"].to_str().unwrap().contains(kind));
        let body = r.text().await.unwrap();
        assert!(body.len() > 100_000 && body.contains(contains), "{asset}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_routes_and_methods_are_problems_and_every_response_has_a_request_id() {
    let api = Api::start().await;
    let token = api.sign_in("x@example.com").await;
    // WHEN a route does not exist, or a method is not allowed
    let missing = api.get("/api/nope", &token).await;
    let wrong_method = api.call(Method::DELETE, "/api/settings", Some(&token), None).await;
    // THEN both are problem+json
    assert_problem(&missing, 404);
    assert_problem(&wrong_method, 405);
    // ... and these, successes and the 401, all carry a request id
    let ok = api.get("/api/user", &token).await;
    let unauthorized = api.call(Method::GET, "/api/user", None, None).await;
    for r in [&missing, &wrong_method, &ok, &unauthorized] {
        assert_eq!(r.header("x-request-id").map(str::len), Some(36), "{r:?}");
    }
    // ... a caller's own request id is echoed
    let mine = api.http.get(format!("{}/health", api.url)).header("x-request-id", "trace-me-42").send().await.unwrap();
    assert_eq!(mine.headers()["x-request-id"], "trace-me-42");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cors_allows_only_the_configured_origins() {
    // GIVEN an API that allows one origin
    let api = Api::start_with(&[("ALLOWED_ORIGINS", "https://app.example, http://localhost:5173")]).await;
    let preflight = |origin: &'static str| {
        api.http
            .request(Method::OPTIONS, format!("{}/api/settings", api.url))
            .header("origin", origin)
            .header("access-control-request-method", "PUT")
            .header("access-control-request-headers", "authorization, content-type")
            .send()
    };
    // WHEN an allowed origin sends a preflight and a request
    let ok = preflight("https://app.example").await.unwrap();
    let get =
        api.http.get(format!("{}/health", api.url)).header("origin", "http://localhost:5173").send().await.unwrap();
    // THEN it is allowed, with the methods and headers it asked for
    assert_eq!(ok.headers()["access-control-allow-origin"], "https://app.example");
    let methods = ok.headers()["access-control-allow-methods"].to_str().unwrap().to_owned();
    assert!(methods.contains("PUT"), "{methods}");
    assert_eq!(get.headers()["access-control-allow-origin"], "http://localhost:5173");
    assert_eq!(get.headers()["access-control-expose-headers"], "x-request-id");
    // WHEN another origin does the same
    let no = preflight("https://evil.example").await.unwrap();
    let get =
        api.http.get(format!("{}/health", api.url)).header("origin", "https://evil.example").send().await.unwrap();
    // THEN no CORS header lets it read the response
    assert!(no.headers().get("access-control-allow-origin").is_none());
    assert!(get.headers().get("access-control-allow-origin").is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_over_the_limit_is_413() {
    // GIVEN an API with a 2 KiB body limit
    let api = Api::start_with(&[("REQUEST_BODY_LIMIT_BYTES", "2048")]).await;
    let token = api.sign_in("big@example.com").await;
    // WHEN a larger body is sent
    let filters: Vec<String> = (0..40).map(|i| format!("{i:0>90}")).collect();
    let r = api.put("/api/settings", &token, json!({"title_filters": filters})).await;
    // THEN it is refused as too large, as a problem
    assert_problem(&r, 413);
    let big_sign_in = api.call(Method::POST, "/auth/google", None, Some(json!({"id_token": "x".repeat(5000)}))).await;
    assert_problem(&big_sign_in, 413);
}
