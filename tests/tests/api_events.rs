//! Live progress as Server-Sent Events (ADR-018), read incrementally: over
//! plain HTTP, and through the api binary under a Lambda Runtime API with
//! response streaming (the Function URL path), where buffering would hold
//! every event until the run ended.

mod api_support;

use std::collections::VecDeque;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use api_support::{Api, db_statuses};
use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use futures::StreamExt;
use jh_common::domain::{RunId, RunStatus};
use jh_devstack::sse::{ClientState, SseReader};
use jh_devstack::{Devstack, DevstackOptions, WorkerOptions};

const FAST: [(&str, &str); 2] = [("SSE_POLL_MS", "100"), ("SSE_HEARTBEAT_MS", "300")];
const WAIT: Duration = Duration::from_secs(60);

async fn run_status(pool: &sqlx::PgPool, run_id: &str) -> RunStatus {
    let s: String = sqlx::query_scalar("SELECT status FROM ingestion_runs WHERE id = $1::uuid")
        .bind(run_id)
        .fetch_one(pool)
        .await
        .unwrap();
    s.parse().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn progress_streams_live_from_the_first_status_to_the_final_one() {
    // GIVEN a run that has started, with no worker running yet
    let api = Api::start_with(&FAST).await;
    let token = api.sign_in("watcher@example.com").await;
    let run_id = api.post("/api/ingestions", &token).await.json["run_id"].as_str().unwrap().to_owned();

    // WHEN a client connects to its event stream
    let mut sse = SseReader::open(&format!("{}/api/ingestions/{run_id}/events", api.url), &token, None).await.unwrap();
    assert_eq!(sse.status, 200);
    assert!(sse.headers["content-type"].to_str().unwrap().starts_with("text/event-stream"));

    // THEN the first event arrives while the run is still going: its status
    let first = sse.next_event(WAIT).await.unwrap().expect("first event");
    assert_eq!((first.event.as_str(), first.data.as_str()), ("status", "initializing"));
    assert!(!run_status(&api.stack.pool, &run_id).await.is_terminal(), "the run must not have finished yet");
    // ... and heartbeats keep the idle connection open
    let beat = sse.next(WAIT).await.unwrap().expect("heartbeat");
    assert_eq!(beat.comment.as_deref(), Some("heartbeat"));

    // WHEN the workers start and the run proceeds to its end
    let _functions = api.stack.start_functions(WorkerOptions::default()).await.unwrap();
    let mut client = ClientState::default();
    client.apply(&first).unwrap();
    let mut ids = Vec::new();
    while let Some(e) = sse.next(WAIT).await.unwrap() {
        if e.comment.is_none() && e.event != "status" {
            ids.push(e.id.clone().expect("job-state events carry an id"));
        }
        client.apply(&e).unwrap();
    }

    // THEN the client saw the status changes, the full state once, then only changes,
    // and a final status after which the stream closed
    assert_eq!(client.statuses, ["initializing", "ingesting", "finished"], "{:?}", client.events);
    let all = client.events.iter().position(|e| e == "all_jobs").expect("an all_jobs event");
    assert_eq!(client.events.iter().filter(|e| *e == "all_jobs").count(), 1);
    assert!(client.events[..all].iter().all(|e| e == "status"), "{:?}", client.events);
    assert!(client.events.iter().any(|e| e == "update"), "{:?}", client.events);
    assert_eq!(client.events.last().map(String::as_str), Some("status"));
    // ... event ids never go backwards
    let nums: Vec<i64> = ids.iter().map(|i| i.parse().unwrap()).collect();
    assert!(nums.windows(2).all(|w| w[0] <= w[1]), "{ids:?}");
    // ... and applying the events gives exactly the run's final state
    let db = db_statuses(&api.stack.pool, &run_id).await;
    assert_eq!(client.jobs, db);
    assert_eq!(db.len(), api.stack.fixtures.job_count());
    assert!(db.values().all(|s| s == "ready"));
    assert!(client.titles.values().all(|t| t.as_deref().is_some_and(|t| !t.is_empty())));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_reconnect_with_last_event_id_gets_only_what_changed_and_a_new_connect_the_full_state() {
    // GIVEN a finished run
    let api = Api::start_with(&FAST).await;
    let functions = api.stack.start_functions(WorkerOptions::default()).await.unwrap();
    let token = api.sign_in("resumer@example.com").await;
    let run_id = api.post("/api/ingestions", &token).await.json["run_id"].as_str().unwrap().to_owned();
    jh_e2e::wait_for_run(&api.stack.pool, run_id.parse::<RunId>().unwrap(), Duration::from_secs(120)).await.unwrap();
    drop(functions);
    let url = format!("{}/api/ingestions/{run_id}/events", api.url);

    // WHEN a client connects fresh
    let mut fresh = SseReader::open(&url, &token, None).await.unwrap();
    let full = fresh.next_event(WAIT).await.unwrap().unwrap();
    let last = fresh.next_event(WAIT).await.unwrap().unwrap();
    // THEN it gets the full state, then the final status, and the stream ends
    assert_eq!(full.event, "all_jobs");
    assert_eq!((last.event.as_str(), last.data.as_str()), ("status", "finished"));
    assert!(fresh.next(WAIT).await.unwrap().is_none());
    let mut state = ClientState::default();
    state.apply(&full).unwrap();
    assert_eq!(state.jobs.len(), api.stack.fixtures.job_count());

    // WHEN it reconnects with the last id it saw
    let id = full.id.clone().expect("all_jobs has an id");
    let mut resumed = SseReader::open(&url, &token, Some(&id)).await.unwrap();
    let mut names = Vec::new();
    while let Some(e) = resumed.next_event(WAIT).await.unwrap() {
        names.push(e.event.clone());
        if e.event == "upsert" {
            // ... what it gets back is only recent changes (within the commit-lag margin)
            let mut delta = ClientState::default();
            delta.apply(&e).unwrap();
            assert!(delta.jobs.iter().all(|(k, v)| state.jobs.get(k) == Some(v)));
        }
    }
    // THEN there is no full state, just the final status
    assert!(!names.contains(&"all_jobs".to_owned()), "{names:?}");
    assert_eq!(names.last().map(String::as_str), Some("status"));

    // WHEN a browser EventSource connects with the token in the query instead of a header
    let r = reqwest::get(format!("{url}?access_token={token}")).await.unwrap();
    let mut via_query = SseReader::from_response(r);
    // THEN it is served too; and without any token it is a 401
    assert_eq!(via_query.status, 200);
    assert_eq!(via_query.next_event(WAIT).await.unwrap().unwrap().event, "all_jobs");
    assert_eq!(reqwest::get(&url).await.unwrap().status(), 401);
}

// ------------------------------------------------------------------------
// Under Lambda with response streaming.

/// A Lambda Runtime API that, unlike the devstack's, hands a streamed
/// response to the test chunk by chunk as the function writes it.
#[derive(Default)]
struct StreamingRuntime {
    queue: Mutex<VecDeque<(String, Bytes)>>,
    chunks: Mutex<Option<tokio::sync::mpsc::UnboundedSender<Option<Bytes>>>>,
}

async fn next(State(rt): State<Arc<StreamingRuntime>>) -> axum::response::Response {
    loop {
        let item = rt.queue.lock().unwrap().pop_front();
        if let Some((id, body)) = item {
            let deadline = (std::time::SystemTime::now() + Duration::from_secs(300))
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_millis()
                .to_string();
            return axum::response::Response::builder()
                .header("lambda-runtime-aws-request-id", id)
                .header("lambda-runtime-deadline-ms", deadline)
                .header(
                    "lambda-runtime-invoked-function-arn",
                    "arn:aws:lambda:us-east-1:123456789012:function:jh-api-stream",
                )
                .header("lambda-runtime-trace-id", "Root=1-00000000-000000000000000000000000")
                .body(Body::from(body))
                .unwrap();
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn respond(State(rt): State<Arc<StreamingRuntime>>, Path(_id): Path<String>, body: Body) -> StatusCode {
    let tx = rt.chunks.lock().unwrap().clone().expect("a reader");
    let mut data = body.into_data_stream();
    while let Some(chunk) = data.next().await {
        let _ = tx.send(Some(chunk.expect("body chunk")));
    }
    let _ = tx.send(None);
    StatusCode::ACCEPTED
}

async fn error(Path(_id): Path<String>, body: Bytes) -> StatusCode {
    panic!("the function reported an error: {}", String::from_utf8_lossy(&body));
}

fn binary(name: &str) -> PathBuf {
    let exe = std::env::current_exe().expect("test binary path");
    let path = exe.parent().and_then(|d| d.parent()).expect("target/<profile>").join(name);
    assert!(path.is_file(), "{} is not built: run `cargo build --bins` (cargo xtask test does)", path.display());
    path
}

fn function_url_event(path: &str, token: &str) -> String {
    serde_json::json!({
        "version": "2.0",
        "routeKey": "$default",
        "rawPath": path,
        "rawQueryString": "",
        "headers": {"authorization": format!("Bearer {token}"), "accept": "text/event-stream", "host": "abc.lambda-url.us-east-1.on.aws"},
        "requestContext": {
            "accountId": "123456789012", "apiId": "abc", "domainName": "abc.lambda-url.us-east-1.on.aws", "domainPrefix": "abc",
            "http": {"method": "GET", "path": path, "protocol": "HTTP/1.1", "sourceIp": "127.0.0.1", "userAgent": "test"},
            "requestId": "stream-1", "routeKey": "$default", "stage": "$default",
            "time": "23/Nov/2026:00:00:01 +0000", "timeEpoch": 1795392001520u64
        },
        "isBase64Encoded": false
    })
    .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn under_lambda_response_streaming_the_first_event_arrives_while_the_invocation_is_still_running() {
    // GIVEN the api binary in stream mode under a streaming Runtime API, and an active run
    let stack = Devstack::start(DevstackOptions::test()).await.unwrap();
    let rt = Arc::new(StreamingRuntime::default());
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    *rt.chunks.lock().unwrap() = Some(tx);
    let app = axum::Router::new()
        .route("/2018-06-01/runtime/invocation/next", get(next))
        .route("/2018-06-01/runtime/invocation/{id}/response", post(respond))
        .route("/2018-06-01/runtime/invocation/{id}/error", post(error))
        .with_state(rt.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(async move { axum::serve(listener, app).await });
    let mut child = Command::new(binary("api"))
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .envs(stack.env())
        .envs([
            ("API_MODE", "stream"),
            ("SSE_POLL_MS", "100"),
            ("AWS_LAMBDA_RUNTIME_API", &addr.to_string()),
            ("AWS_LAMBDA_FUNCTION_NAME", "jh-api-stream"),
            ("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST"),
            ("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128"),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let (user_id, token) = stack.dev_token("lambda@example.com").await.unwrap();
    let cfg = jh_api::Config::from_env(&stack.config_env()).unwrap();
    let state = jh_api::AppState::new(
        cfg,
        stack.pool.clone(),
        aws_sdk_sqs::Client::new(&stack.sdk),
        aws_sdk_cloudwatchlogs::Client::new(&stack.sdk),
    );
    let run_id = jh_api::ingestions::start_run(&state, user_id).await.unwrap();

    // WHEN a Function URL request for the run's events is invoked
    rt.queue.lock().unwrap().push_back((
        "stream-1".into(),
        Bytes::from(function_url_event(&format!("/api/ingestions/{run_id}/events"), &token)),
    ));

    // THEN the response starts with its metadata prelude (status 200, an event stream) ...
    let mut received = Vec::new();
    let deadline = Instant::now() + WAIT;
    let text = loop {
        let chunk = tokio::time::timeout(deadline - Instant::now(), rx.recv())
            .await
            .expect("a chunk in time")
            .expect("channel open");
        let chunk = chunk.expect("the invocation must still be streaming, not finished");
        received.extend_from_slice(&chunk);
        let s = String::from_utf8_lossy(&received).into_owned();
        if s.contains("event: status") && s.contains("data: initializing") {
            break s;
        }
    };
    let (prelude, body) = text.split_once("\0\0\0\0\0\0\0\0").expect("prelude and body");
    let prelude: serde_json::Value = serde_json::from_str(prelude).unwrap();
    assert_eq!(prelude["statusCode"], 200, "{prelude}");
    assert!(prelude["headers"]["content-type"].as_str().unwrap().starts_with("text/event-stream"), "{prelude}");
    // ... and the first event arrived while the run is active and the invocation still open
    assert!(body.contains("event: status\ndata: initializing"), "{body}");
    assert_eq!(run_status(&stack.pool, &run_id.to_string()).await, RunStatus::Initializing);
    // (a buffered response would have arrived whole, with its end right behind it)
    while let Ok(chunk) = rx.try_recv() {
        assert!(chunk.is_some(), "the response ended before the run did: it was buffered");
    }

    // WHEN the run ends (aborted)
    jh_common::db::runs::end(&stack.pool, run_id, RunStatus::Aborted, Some("test")).await.unwrap();
    // THEN the stream sends the final status and the invocation completes
    let mut rest = Vec::new();
    while let Some(chunk) =
        tokio::time::timeout(WAIT, rx.recv()).await.expect("the stream ends in time").expect("channel open")
    {
        rest.extend_from_slice(&chunk);
    }
    let rest = String::from_utf8_lossy(&rest);
    assert!(rest.contains("event: status\ndata: aborted"), "{rest}");
    let _ = child.kill();
    let _ = child.wait();
    server.abort();
}
