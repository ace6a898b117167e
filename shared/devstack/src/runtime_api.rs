//! A small emulator of the Lambda Runtime API, so a function's real binary —
//! its `main.rs` wiring included — can run locally and in tests without
//! `cargo lambda watch` (a 12-minute install) or AWS.
//!
//! It implements what the runtime client uses: `GET …/invocation/next`
//! (long-polls until an event is queued), `POST …/invocation/{id}/response`
//! and `…/error`, and `POST …/init/error`. It records when the function
//! first asked for an event, which is the cold-start figure.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use aws_lambda_events::event::sqs::{SqsBatchResponse, SqsEvent};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use tokio::sync::Notify;
use tokio::task::JoinHandle;

/// How an invocation ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Invocation {
    /// The function's response body.
    Response(Bytes),
    /// The error the function reported.
    Error(Bytes),
}

#[derive(Default)]
struct Rt {
    queue: Mutex<VecDeque<(String, Bytes)>>,
    ready: Notify,
    done: Mutex<HashMap<String, Invocation>>,
    finished: Notify,
    first_poll: Mutex<Option<Instant>>,
    init_error: Mutex<Option<Bytes>>,
}

/// The running emulator; stopped on drop.
pub struct RuntimeApi {
    rt: Arc<Rt>,
    addr: std::net::SocketAddr,
    task: JoinHandle<()>,
}

impl Drop for RuntimeApi {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn next(State(rt): State<Arc<Rt>>) -> impl IntoResponse {
    rt.first_poll.lock().expect("lock").get_or_insert_with(Instant::now);
    loop {
        let notified = rt.ready.notified();
        if let Some((id, body)) = rt.queue.lock().expect("lock").pop_front() {
            let deadline = (std::time::SystemTime::now() + Duration::from_secs(60))
                .duration_since(std::time::UNIX_EPOCH)
                .expect("clock")
                .as_millis()
                .to_string();
            let mut h = HeaderMap::new();
            h.insert("lambda-runtime-aws-request-id", id.parse().expect("header"));
            h.insert("lambda-runtime-deadline-ms", deadline.parse().expect("header"));
            h.insert(
                "lambda-runtime-invoked-function-arn",
                "arn:aws:lambda:us-east-1:123456789012:function:jh-local".parse().expect("header"),
            );
            h.insert("lambda-runtime-trace-id", "Root=1-00000000-000000000000000000000000".parse().expect("header"));
            return (StatusCode::OK, h, body);
        }
        notified.await;
    }
}

async fn respond(State(rt): State<Arc<Rt>>, Path(id): Path<String>, body: Bytes) -> StatusCode {
    rt.done.lock().expect("lock").insert(id, Invocation::Response(body));
    rt.finished.notify_waiters();
    StatusCode::ACCEPTED
}

async fn error(State(rt): State<Arc<Rt>>, Path(id): Path<String>, body: Bytes) -> StatusCode {
    rt.done.lock().expect("lock").insert(id, Invocation::Error(body));
    rt.finished.notify_waiters();
    StatusCode::ACCEPTED
}

async fn init_error(State(rt): State<Arc<Rt>>, body: Bytes) -> StatusCode {
    *rt.init_error.lock().expect("lock") = Some(body);
    rt.finished.notify_waiters();
    StatusCode::ACCEPTED
}

impl RuntimeApi {
    /// Starts the emulator on a free local port.
    pub async fn start() -> std::io::Result<Self> {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let rt = Arc::new(Rt::default());
        let app = Router::new()
            .route("/2018-06-01/runtime/invocation/next", get(next))
            .route("/2018-06-01/runtime/invocation/{id}/response", post(respond))
            .route("/2018-06-01/runtime/invocation/{id}/error", post(error))
            .route("/2018-06-01/runtime/init/error", post(init_error))
            .with_state(rt.clone());
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Ok(Self { rt, addr, task })
    }

    /// The value for `AWS_LAMBDA_RUNTIME_API`.
    pub fn address(&self) -> String {
        self.addr.to_string()
    }

    /// The environment a function process needs besides its own config.
    pub fn lambda_env(&self, function: &str) -> Vec<(String, String)> {
        [
            ("AWS_LAMBDA_RUNTIME_API", self.address()),
            ("AWS_LAMBDA_FUNCTION_NAME", format!("jh-{function}")),
            ("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST".into()),
            ("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128".into()),
            ("AWS_LAMBDA_LOG_GROUP_NAME", format!("/aws/lambda/jh-{function}")),
            ("AWS_LAMBDA_LOG_STREAM_NAME", "local".into()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect()
    }

    /// Queues an event; returns its request id.
    pub fn invoke(&self, event: impl Into<Bytes>) -> String {
        let id = uuid::Uuid::new_v4().to_string();
        self.rt.queue.lock().expect("lock").push_back((id.clone(), event.into()));
        self.rt.ready.notify_waiters();
        id
    }

    /// Waits for an invocation to end, or for the function to report an
    /// init error (returned as `Err`).
    pub async fn wait(&self, id: &str, timeout: Duration) -> Result<Invocation, String> {
        let deadline = Instant::now() + timeout;
        loop {
            let finished = self.rt.finished.notified();
            if let Some(inv) = self.rt.done.lock().expect("lock").get(id).cloned() {
                return Ok(inv);
            }
            if let Some(e) = self.rt.init_error.lock().expect("lock").clone() {
                return Err(format!("init error: {}", String::from_utf8_lossy(&e)));
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(format!("no response to {id} within {timeout:?}"));
            }
            let _ = tokio::time::timeout(left.min(Duration::from_millis(200)), finished).await;
        }
    }

    /// Invokes the function with an SQS event and reads its batch response,
    /// as the Lambda SQS trigger does.
    pub async fn invoke_sqs(&self, event: &SqsEvent, timeout: Duration) -> Result<SqsBatchResponse, String> {
        let body = serde_json::to_vec(event).map_err(|e| format!("encoding the SQS event: {e}"))?;
        let id = self.invoke(body);
        match self.wait(&id, timeout).await? {
            Invocation::Response(b) => {
                serde_json::from_slice(&b).map_err(|e| format!("not an SQS batch response: {e}"))
            }
            Invocation::Error(b) => Err(format!("function error: {}", String::from_utf8_lossy(&b))),
        }
    }

    /// When the function first asked for an event (it was ready).
    pub fn first_poll(&self) -> Option<Instant> {
        *self.rt.first_poll.lock().expect("lock")
    }
}
