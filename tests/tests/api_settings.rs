//! `GET /api/user`, `GET`/`PUT /api/settings` (defaults, validation with
//! field details) and `GET /api/companies` (source kind, selection, latest
//! crawl stats).

mod api_support;

use std::time::Duration;

use api_support::{Api, assert_problem};
use jh_devstack::WorkerOptions;
use reqwest::Method;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn settings_default_to_every_company_and_no_filter_and_a_put_replaces_them() {
    // GIVEN a signed-in user
    let api = Api::start().await;
    let token = api.sign_in("grace@example.com").await;
    assert_eq!(api.get("/api/settings", &token).await.json, json!({"enabled_companies": null, "title_filters": []}));

    // WHEN they choose two companies and filters (with stray spaces and duplicates)
    let r = api
        .put("/api/settings", &token, json!({"enabled_companies": ["globex", "acme", "acme"], "title_filters": [" Engineer ", "engineer", "Data"]}))
        .await;

    // THEN the settings are stored normalised and read back
    let want = json!({"enabled_companies": ["globex", "acme"], "title_filters": ["Engineer", "Data"]});
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json, want);
    assert_eq!(api.get("/api/settings", &token).await.json, want);

    // WHEN they go back to every company
    let r = api.put("/api/settings", &token, json!({"enabled_companies": null, "title_filters": []})).await;
    // THEN null is stored, not a list
    assert_eq!(r.json, json!({"enabled_companies": null, "title_filters": []}));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_settings_are_422_naming_every_bad_field_and_change_nothing() {
    // GIVEN a user with saved settings
    let api = Api::start().await;
    let token = api.sign_in("grace@example.com").await;
    let saved = json!({"enabled_companies": ["acme"], "title_filters": ["rust"]});
    assert_eq!(api.put("/api/settings", &token, saved.clone()).await.status, 200);

    let cases = [
        (json!({"enabled_companies": ["acme", "no-such-co"], "title_filters": []}), vec!["body.enabled_companies[1]"]),
        (
            json!({"enabled_companies": [" acme"], "title_filters": ["", "x".repeat(101)]}),
            vec!["body.enabled_companies[0]", "body.title_filters[0]", "body.title_filters[1]"],
        ),
        (json!({"enabled_companies": [], "title_filters": []}), vec!["body.enabled_companies"]),
        (json!({"enabled_companies": null, "title_filters": "rust"}), vec!["body.title_filters"]),
        (json!({"enabled_companies": null, "title_filter": ["typo"]}), vec!["body.title_filter"]),
    ];
    for (body, fields) in cases {
        // WHEN an invalid body is PUT
        let r = api.put("/api/settings", &token, body.clone()).await;
        // THEN it is a 422 problem whose errors name exactly the bad fields
        assert_problem(&r, 422);
        assert_eq!(r.error_fields(), fields, "{body}: {}", r.text);
    }
    // ... and the saved settings are untouched
    assert_eq!(api.get("/api/settings", &token).await.json, saved);

    // WHEN the body is not JSON at all, or not declared as JSON
    let broken = api
        .http
        .put(format!("{}/api/settings", api.url))
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .body("{")
        .send()
        .await
        .unwrap();
    let plain = api.http.put(format!("{}/api/settings", api.url)).bearer_auth(&token).body("{}").send().await.unwrap();
    // THEN 400 and 415, as problems
    assert_eq!(broken.status(), 400);
    assert_eq!(broken.headers()["content-type"], "application/problem+json");
    assert_eq!(plain.status(), 415);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn companies_list_their_source_selection_and_latest_crawl() {
    // GIVEN a user whose settings select only acme, and a finished run over acme
    let api = Api::start().await;
    let functions = api.stack.start_functions(WorkerOptions::default()).await.unwrap();
    let token = api.sign_in("ops@example.com").await;
    assert_eq!(
        api.put("/api/settings", &token, json!({"enabled_companies": ["acme"], "title_filters": []})).await.status,
        200
    );
    let before = api.get("/api/companies", &token).await;
    assert!(before.json["companies"].as_array().unwrap().iter().all(|c| c["last_crawl"].is_null()));
    let run = api.post("/api/ingestions", &token).await;
    assert_eq!(run.status, 202, "{}", run.text);
    let run_id = run.json["run_id"].as_str().unwrap().parse().unwrap();
    jh_e2e::wait_for_run(&api.stack.pool, run_id, Duration::from_secs(120)).await.unwrap();
    drop(functions);

    // WHEN the companies are listed
    let r = api.get("/api/companies", &token).await;

    // THEN each has its source kind and selection; acme has its crawl stats
    assert_eq!(r.status, 200, "{}", r.text);
    let list = r.json["companies"].as_array().unwrap();
    let slugs: Vec<&str> = list.iter().map(|c| c["slug"].as_str().unwrap()).collect();
    assert_eq!(slugs, ["acme", "globex", "initech"]);
    assert!(list.iter().all(|c| c["source"] == "greenhouse"));
    let acme = &list[0];
    assert_eq!(acme["selected"], true);
    assert_eq!(list[1]["selected"], false);
    let acme_jobs = api.stack.fixtures.companies().iter().find(|c| c.slug == "acme").unwrap().jobs.len() as i64;
    assert_eq!(acme["open_jobs"], acme_jobs);
    assert_eq!(acme["last_crawl"]["status"], "discovered");
    assert_eq!(acme["last_crawl"]["jobs_found"], acme_jobs);
    assert_eq!(acme["last_crawl"]["breaker_open"], false);
    assert_eq!(acme["last_crawl"]["jobs"]["ready"], acme_jobs);
    assert!(list[1]["last_crawl"].is_null(), "globex was not in the run");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_for_a_user_that_no_longer_exists_is_refused() {
    // GIVEN a token whose user was deleted
    let api = Api::start().await;
    let token = api.sign_in("gone@example.com").await;
    sqlx::query("DELETE FROM users").execute(&api.stack.pool).await.unwrap();
    // WHEN it is used
    for path in ["/api/user", "/api/settings"] {
        // THEN the answer is 401
        assert_problem(&api.call(Method::GET, path, Some(&token), None).await, 401);
    }
    assert_problem(&api.post("/api/ingestions", &token).await, 401);
}
