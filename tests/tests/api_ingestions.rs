//! The run lifecycle over HTTP: start (202, then 409 naming the active run),
//! read, list, abort (then 409), settings deciding what a run covers, and
//! another user's runs answering 404 on every route.

mod api_support;

use api_support::{Api, assert_problem};
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_starts_once_reads_back_and_aborts_once() {
    // GIVEN a signed-in user (no workers: the run stays active)
    let api = Api::start().await;
    let token = api.sign_in("runner@example.com").await;

    // WHEN they start a run
    let started = api.post("/api/ingestions", &token).await;
    // THEN it is accepted with the run's id
    assert_eq!(started.status, 202, "{}", started.text);
    let run_id = started.json["run_id"].as_str().unwrap().to_owned();

    // WHEN they start another
    let again = api.post("/api/ingestions", &token).await;
    // THEN it is a conflict naming the active run
    assert_problem(&again, 409);
    assert_eq!(again.json["active_run_id"], run_id.as_str());

    // WHEN they read the run
    let r = api.get(&format!("/api/ingestions/{run_id}"), &token).await;
    // THEN it shows its status and one entry per company, breaker state included
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json["status"], "initializing");
    let companies = r.json["companies"].as_array().unwrap();
    assert_eq!(companies.len(), 3);
    assert!(companies.iter().all(|c| c["breaker_open"] == false && c["status"] == "pending"));
    assert_eq!(api.get("/api/ingestions", &token).await.json["runs"][0]["run_id"], run_id.as_str());

    // WHEN they abort it
    let aborted = api.post(&format!("/api/ingestions/{run_id}/abort"), &token).await;
    // THEN it is aborted, and a new run may start
    assert_eq!(aborted.status, 200, "{}", aborted.text);
    assert_eq!(aborted.json["status"], "aborted");
    assert_eq!(aborted.json["error"], "aborted by the user");

    // WHEN they abort it again
    let twice = api.post(&format!("/api/ingestions/{run_id}/abort"), &token).await;
    // THEN it is a conflict that says the run already ended
    assert_problem(&twice, 409);
    assert_eq!(twice.json["run_status"], "aborted");
    let next = api.post("/api/ingestions", &token).await;
    assert_eq!(next.status, 202, "{}", next.text);
    let runs = api.get("/api/ingestions?limit=1", &token).await;
    assert_eq!(runs.json["runs"].as_array().unwrap().len(), 1);
    assert_eq!(runs.json["runs"][0]["run_id"], next.json["run_id"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_covers_the_companies_the_settings_enable_and_snapshots_the_title_filters() {
    // GIVEN a user who enabled two companies and a title filter
    let api = Api::start().await;
    let token = api.sign_in("picky@example.com").await;
    let put = api
        .put("/api/settings", &token, json!({"enabled_companies": ["initech", "acme"], "title_filters": ["engineer"]}))
        .await;
    assert_eq!(put.status, 200, "{}", put.text);

    // WHEN they start a run
    let run_id = api.post("/api/ingestions", &token).await.json["run_id"].as_str().unwrap().to_owned();

    // THEN it covers exactly those companies, with the filters the crawler applies at discovery
    let r = api.get(&format!("/api/ingestions/{run_id}"), &token).await;
    let slugs: Vec<&str> =
        r.json["companies"].as_array().unwrap().iter().map(|c| c["company"].as_str().unwrap()).collect();
    assert_eq!(slugs, ["acme", "initech"]);
    let filters: Vec<String> = sqlx::query_scalar("SELECT title_filters FROM ingestion_runs WHERE id = $1::uuid")
        .bind(&run_id)
        .fetch_one(&api.stack.pool)
        .await
        .unwrap();
    assert_eq!(filters, ["engineer"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_users_run_is_not_found_on_every_route() {
    // GIVEN Alice's run and Bob
    let api = Api::start().await;
    let alice = api.sign_in("alice@example.com").await;
    let bob = api.sign_in("bob@example.com").await;
    let run_id = api.post("/api/ingestions", &alice).await.json["run_id"].as_str().unwrap().to_owned();

    // WHEN Bob reads, aborts, streams or reads the logs of Alice's run
    for (method, path) in [
        (reqwest::Method::GET, format!("/api/ingestions/{run_id}")),
        (reqwest::Method::POST, format!("/api/ingestions/{run_id}/abort")),
        (reqwest::Method::GET, format!("/api/ingestions/{run_id}/events")),
        (reqwest::Method::GET, format!("/api/ingestions/{run_id}/logs")),
    ] {
        let r = api.call(method.clone(), &path, Some(&bob), None).await;
        // THEN each answers 404, like a run that does not exist
        assert_problem(&r, 404);
        let missing = path.replace(&run_id, "00000000-0000-0000-0000-000000000000");
        assert_problem(&api.call(method.clone(), &missing, Some(&bob), None).await, 404);
        let malformed = path.replace(&run_id, "not-a-uuid");
        assert_problem(&api.call(method, &malformed, Some(&bob), None).await, 404);
    }
    // ... Bob's list does not show it, and Alice's run was not aborted
    assert_eq!(api.get("/api/ingestions", &bob).await.json["runs"], json!([]));
    assert_eq!(api.get(&format!("/api/ingestions/{run_id}"), &alice).await.json["status"], "initializing");
    // ... and Bob may start his own run
    assert_eq!(api.post("/api/ingestions", &bob).await.status, 202);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_list_limit_out_of_range_is_422() {
    let api = Api::start().await;
    let token = api.sign_in("lister@example.com").await;
    for q in ["limit=0", "limit=101", "limit=ten"] {
        let r = api.get(&format!("/api/ingestions?{q}"), &token).await;
        assert_problem(&r, 422);
        assert_eq!(r.error_fields(), ["query.limit"], "{q}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn jobs_a_title_filter_excludes_are_never_fetched() {
    // GIVEN a user whose settings keep only acme's engineer jobs, where acme
    // also lists jobs without "engineer" in the title
    let api = Api::start().await;
    let token = api.sign_in("filtered@example.com").await;
    let acme = api.stack.fixtures.companies().into_iter().find(|c| c.slug == "acme").unwrap();
    let (kept, dropped): (Vec<_>, Vec<_>) = acme.jobs.iter().partition(|j| j.title.to_lowercase().contains("engineer"));
    assert!(!kept.is_empty() && !dropped.is_empty(), "the fixture needs both kinds of title");
    let put =
        api.put("/api/settings", &token, json!({"enabled_companies": ["acme"], "title_filters": ["Engineer"]})).await;
    assert_eq!(put.status, 200, "{}", put.text);
    let _functions = api.stack.start_functions(jh_devstack::WorkerOptions::default()).await.unwrap();

    // WHEN a run starts and ends
    let run_id = api.post("/api/ingestions", &token).await.json["run_id"].as_str().unwrap().to_owned();
    let summary = jh_e2e::wait_for_run(&api.stack.pool, run_id.parse().unwrap(), std::time::Duration::from_secs(120))
        .await
        .unwrap();

    // THEN the run holds only the kept jobs, and no page of a dropped one was requested
    assert_eq!(summary.jobs_total, kept.len() as i64, "{summary:?}");
    let paths: Vec<String> = api.stack.fixtures.requests().into_iter().map(|r| r.path).collect();
    for j in &kept {
        assert!(paths.contains(&format!("/{}/jobs/{}", acme.board, j.id)), "kept job {} not fetched: {paths:?}", j.id);
    }
    for j in &dropped {
        assert!(!paths.contains(&format!("/{}/jobs/{}", acme.board, j.id)), "filtered job {} was fetched", j.id);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_that_stalled_is_failed_when_its_user_starts_another() {
    // GIVEN a run whose messages were lost (no workers ever take them), and an
    // API that calls a run stalled after one second without progress
    let api = Api::start_with(&[("RUN_STALL_TIMEOUT_MS", "1000")]).await;
    let token = api.sign_in("stalled@example.com").await;
    let first = api.post("/api/ingestions", &token).await.json["run_id"].as_str().unwrap().to_owned();
    // (still fresh: a second start is a conflict)
    assert_problem(&api.post("/api/ingestions", &token).await, 409);
    tokio::time::sleep(std::time::Duration::from_millis(1300)).await;

    // WHEN the user starts another run
    let second = api.post("/api/ingestions", &token).await;

    // THEN it starts, and the stalled one failed with a reason, every job and company closed
    assert_eq!(second.status, 202, "{}", second.text);
    let old = api.get(&format!("/api/ingestions/{first}"), &token).await;
    assert_eq!(old.json["status"], "failed", "{}", old.text);
    assert!(old.json["error"].as_str().is_some_and(|e| e.starts_with("stalled: no progress")), "{}", old.text);
    assert!(old.json["companies"].as_array().unwrap().iter().all(|c| c["status"] == "skipped"), "{}", old.text);
}
