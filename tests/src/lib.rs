//! Helpers for the end-to-end tests: start runs over HTTP, wait for them,
//! read queues, and capture logs.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use jh_common::db::runs::{self, RunSummary};
use jh_common::domain::RunId;
use sqlx::PgPool;

/// Starts a run through `POST /api/ingestions` and returns its id.
pub async fn start_run(api_url: &str, token: &str) -> Result<RunId> {
    let resp = reqwest::Client::new()
        .post(format!("{api_url}/api/ingestions"))
        .bearer_auth(token)
        .send()
        .await?;
    let status = resp.status();
    let body: serde_json::Value = resp.json().await?;
    if status.as_u16() != 202 {
        bail!("start failed: {status} {body}");
    }
    Ok(body["run_id"].as_str().context("run_id")?.parse()?)
}

/// Waits until the run is terminal and returns its summary.
pub async fn wait_for_run(pool: &PgPool, run_id: RunId, timeout: Duration) -> Result<RunSummary> {
    let deadline = Instant::now() + timeout;
    loop {
        let s = runs::summary(pool, run_id).await?.context("run exists")?;
        if s.status.is_terminal() {
            return Ok(s);
        }
        if Instant::now() > deadline {
            bail!("run {run_id} not finished after {timeout:?}: {s:?}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Receives every message currently visible on a queue (up to `max`),
/// without deleting them, with their message attributes.
pub async fn drain(sqs: &aws_sdk_sqs::Client, url: &str, max: usize) -> Result<Vec<aws_sdk_sqs::types::Message>> {
    let mut out = Vec::new();
    for _ in 0..20 {
        let r = sqs
            .receive_message()
            .queue_url(url)
            .max_number_of_messages(10)
            .wait_time_seconds(1)
            .message_attribute_names("All")
            .visibility_timeout(60)
            .send()
            .await?;
        let batch = r.messages.unwrap_or_default();
        if batch.is_empty() {
            break;
        }
        out.extend(batch);
        if out.len() >= max {
            break;
        }
    }
    Ok(out)
}

/// A log sink for tests: installs a JSON subscriber writing into a buffer.
#[derive(Clone, Default)]
pub struct LogCapture(Arc<Mutex<Vec<u8>>>);

impl LogCapture {
    /// Installs the subscriber for the whole test process and returns the sink.
    pub fn install() -> Self {
        let cap = Self::default();
        let writer = cap.clone();
        let _ = tracing_subscriber::fmt()
            .json()
            .flatten_event(true)
            .with_writer(move || writer.clone())
            .try_init();
        cap
    }

    /// Everything logged so far.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().expect("lock")).into_owned()
    }
}

impl std::io::Write for LogCapture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("lock").extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
