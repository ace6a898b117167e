//! Each function's real binary — its main.rs wiring included — runs against
//! a Lambda Runtime API emulator and handles a sample event from `events/`
//! against the devstack. Also: a bad configuration stops it at once with an
//! error naming the variable.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use jh_devstack::runtime_api::{Invocation, RuntimeApi};
use jh_devstack::{Devstack, DevstackOptions};

/// `target/<profile>/<name>`, next to this test's own binary.
fn binary(name: &str) -> PathBuf {
    let exe = std::env::current_exe().expect("test binary path");
    let dir = exe.parent().and_then(|d| d.parent()).expect("target/<profile>");
    let path = dir.join(name);
    assert!(path.is_file(), "{} is not built: run `cargo build --bins` (cargo xtask test does)", path.display());
    path
}

struct Function(Child);

impl Drop for Function {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn spawn(name: &str, stack: &Devstack, rt: &RuntimeApi, extra: &[(&str, &str)]) -> Function {
    let mut cmd = Command::new(binary(name));
    cmd.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .envs(stack.env())
        .envs(rt.lambda_env(name))
        .envs(extra.iter().copied())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    Function(cmd.spawn().expect("spawn function"))
}

fn event(name: &str) -> String {
    std::fs::read_to_string(format!("{}/../events/{name}", env!("CARGO_MANIFEST_DIR"))).expect("sample event")
}

async fn invoke(rt: &RuntimeApi, body: String) -> serde_json::Value {
    let id = rt.invoke(body);
    match rt.wait(&id, Duration::from_secs(60)).await.expect("invocation ends") {
        Invocation::Response(b) => serde_json::from_slice(&b).expect("JSON response"),
        Invocation::Error(b) => panic!("function error: {}", String::from_utf8_lossy(&b)),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_api_binary_serves_sample_api_gateway_events() {
    // GIVEN the devstack and the api binary under the Runtime API emulator
    let stack = Devstack::start(DevstackOptions::test()).await.unwrap();
    let rt = RuntimeApi::start().await.unwrap();
    let started = Instant::now();
    let _f = spawn("api", &stack, &rt, &[]);
    // WHEN it gets the health check and a start-ingestion request with a real token
    let health = invoke(&rt, event("api-health.json")).await;
    let (_, token) = stack.dev_token("binary@jh.local").await.unwrap();
    let start =
        invoke(&rt, event("api-start-ingestion.json").replace("REPLACE_WITH_A_TOKEN_FROM_cargo_xtask_token", &token))
            .await;
    // THEN it answers 200 and 202 with a run id, having become ready promptly
    assert_eq!(health["statusCode"], 200, "{health}");
    assert_eq!(start["statusCode"], 202, "{start}");
    assert!(start["body"].as_str().unwrap_or("").contains("run_id"), "{start}");
    assert!(rt.first_poll().unwrap() - started < Duration::from_secs(10));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_crawler_binary_handles_a_sample_fifo_event() {
    // GIVEN the crawler binary; the sample's run does not exist in this database
    let stack = Devstack::start(DevstackOptions::test()).await.unwrap();
    let rt = RuntimeApi::start().await.unwrap();
    let _f = spawn("crawler", &stack, &rt, &[]);
    // WHEN it handles the sample FIFO batch
    let resp = invoke(&rt, event("crawler-fifo.json")).await;
    // THEN no message is failed: each was sorted as poison and moved to the DLQ with its reason
    assert_eq!(resp["batchItemFailures"], serde_json::json!([]), "{resp}");
    let sqs = aws_sdk_sqs::Client::new(&stack.sdk);
    let dlq = jh_e2e::drain(&sqs, &stack.resources.crawl_dlq, 10).await.unwrap();
    assert_eq!(dlq.len(), 3);
    assert!(
        dlq.iter().all(|m| m.message_attributes().unwrap()["poison_reason"]
            .string_value()
            .unwrap()
            .contains("does not exist"))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_extractor_binary_handles_a_sample_extract_event() {
    let stack = Devstack::start(DevstackOptions::test()).await.unwrap();
    let rt = RuntimeApi::start().await.unwrap();
    let _f = spawn("extractor", &stack, &rt, &[]);
    let resp = invoke(&rt, event("extractor.json")).await;
    assert_eq!(resp["batchItemFailures"], serde_json::json!([]), "{resp}");
    let sqs = aws_sdk_sqs::Client::new(&stack.sdk);
    assert_eq!(jh_e2e::drain(&sqs, &stack.resources.extract_dlq, 10).await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_function_with_a_bad_variable_stops_at_once_naming_it() {
    // GIVEN the crawler with an unparseable politeness gap and nothing else
    let out = Command::new(binary("crawler"))
        .env_clear()
        .env("DATABASE_URL", "postgres://x@127.0.0.1:1/x")
        .env("POLITENESS_GAP_MS", "soon")
        .output()
        .unwrap();
    // THEN it exits non-zero, and the error names the first bad variable
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("CRAWL_QUEUE_URL") && err.contains("required"), "{err}");
    let out = Command::new(binary("api")).env_clear().output().unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("JWT_SECRET"));
}
