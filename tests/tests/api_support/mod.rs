//! Shared by the `api_*` end-to-end tests: a devstack with the API served
//! over HTTP (optionally with environment overrides), an HTTP client that
//! returns status, headers and JSON, sign-in through the fake Google
//! issuer, a Server-Sent Events reader, and a job seeder for search.
#![allow(dead_code)]

use std::collections::HashMap;

use jh_devstack::{Devstack, DevstackOptions};
use reqwest::Method;
use reqwest::header::HeaderMap;
use serde_json::Value;

/// A devstack and an API served on a local port (no workers).
pub struct Api {
    /// The stack.
    pub stack: Devstack,
    /// The API's base URL.
    pub url: String,
    /// HTTP client.
    pub http: reqwest::Client,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Api {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// A response: status, headers, and the body as JSON (`Null` when empty or
/// not JSON; the raw text is in `text`).
#[derive(Debug)]
pub struct Resp {
    /// Status.
    pub status: u16,
    /// Headers.
    pub headers: HeaderMap,
    /// Body as JSON.
    pub json: Value,
    /// Body as text.
    pub text: String,
}

impl Resp {
    /// A header as a string.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The fields named by a 422's `errors`.
    pub fn error_fields(&self) -> Vec<String> {
        self.json["errors"]
            .as_array()
            .map(|a| a.iter().filter_map(|e| e["field"].as_str().map(str::to_owned)).collect())
            .unwrap_or_default()
    }
}

/// Serves the API router of `stack` with `overrides` on a local port.
pub async fn serve(stack: &Devstack, overrides: &[(&str, &str)]) -> (String, tokio::task::JoinHandle<()>) {
    let mut env = stack.env();
    for (k, v) in overrides {
        env.insert((*k).to_owned(), (*v).to_owned());
    }
    let cfg = jh_api::Config::from_env(&jh_common::config::Env::from_map(env)).expect("api config");
    let pool = jh_common::db::lazy_pool(&cfg.db).expect("pool");
    let state = jh_api::AppState::new(
        cfg,
        pool,
        aws_sdk_sqs::Client::new(&stack.sdk),
        aws_sdk_cloudwatchlogs::Client::new(&stack.sdk),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    let app = jh_api::router(state);
    let task = tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (url, task)
}

impl Api {
    /// A fresh isolated stack and its API.
    pub async fn start() -> Self {
        Self::start_with(&[]).await
    }

    /// A fresh isolated stack and its API with environment overrides.
    pub async fn start_with(overrides: &[(&str, &str)]) -> Self {
        let stack = Devstack::start(DevstackOptions::test()).await.expect("devstack");
        let (url, task) = serve(&stack, overrides).await;
        Self { stack, url, http: reqwest::Client::new(), task }
    }

    /// Signs `email` in through the fake Google issuer; returns our token.
    pub async fn sign_in(&self, email: &str) -> String {
        self.stack.google.sign_in(&self.url, email).await.expect("sign-in")
    }

    /// Sends a request with an optional bearer token and JSON body.
    pub async fn call(&self, method: Method, path: &str, token: Option<&str>, body: Option<Value>) -> Resp {
        let mut req = self.http.request(method, format!("{}{path}", self.url));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        let r = req.send().await.expect("request");
        let status = r.status().as_u16();
        let headers = r.headers().clone();
        let text = r.text().await.expect("body");
        let json = serde_json::from_str(&text).unwrap_or(Value::Null);
        Resp { status, headers, json, text }
    }

    /// `GET` with a token.
    pub async fn get(&self, path: &str, token: &str) -> Resp {
        self.call(Method::GET, path, Some(token), None).await
    }

    /// `POST` with a token and no body.
    pub async fn post(&self, path: &str, token: &str) -> Resp {
        self.call(Method::POST, path, Some(token), None).await
    }

    /// `PUT` with a token and a JSON body.
    pub async fn put(&self, path: &str, token: &str, body: Value) -> Resp {
        self.call(Method::PUT, path, Some(token), Some(body)).await
    }
}

/// Asserts a problem+json error with this status.
pub fn assert_problem(r: &Resp, status: u16) {
    assert_eq!(r.status, status, "{}", r.text);
    assert_eq!(r.header("content-type"), Some("application/problem+json"), "{r:?}");
    assert_eq!(r.json["status"], status, "{}", r.text);
    assert!(r.json["title"].is_string() && r.json["detail"].is_string(), "{}", r.text);
}

/// The run's job statuses in the database, keyed like [`ClientState::jobs`].
pub async fn db_statuses(pool: &sqlx::PgPool, run_id: &str) -> HashMap<(String, String), String> {
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT c.slug, j.external_id, rj.status FROM run_jobs rj JOIN jobs j ON j.id = rj.job_id
         JOIN companies c ON c.id = rj.company_id WHERE rj.run_id = $1::uuid",
    )
    .bind(run_id)
    .fetch_all(pool)
    .await
    .expect("statuses");
    rows.into_iter().map(|(c, e, s)| ((c, e), s)).collect()
}

/// A job to seed for search tests.
#[derive(Debug, Clone)]
pub struct SeedJob {
    /// Company slug (must exist).
    pub company: &'static str,
    /// Title.
    pub title: &'static str,
    /// Description.
    pub description: &'static str,
    /// Location text.
    pub location: &'static str,
    /// `remote`, `hybrid`, `onsite` or `unknown`.
    pub remote: &'static str,
    /// Employment type.
    pub employment_type: Option<&'static str>,
    /// Yearly salary top.
    pub salary_max: Option<f64>,
    /// Date posted (YYYY-MM-DD).
    pub date_posted: Option<&'static str>,
    /// Closed.
    pub closed: bool,
}

impl SeedJob {
    /// A job with defaults besides its title and description.
    pub fn new(company: &'static str, title: &'static str, description: &'static str) -> Self {
        Self {
            company,
            title,
            description,
            location: "Berlin, BE, DE",
            remote: "onsite",
            employment_type: Some("full-time"),
            salary_max: None,
            date_posted: Some("2026-11-01"),
            closed: false,
        }
    }
}

/// Inserts jobs as the extractor would leave them; returns their ids in order.
pub async fn seed_jobs(pool: &sqlx::PgPool, jobs: &[SeedJob]) -> Vec<i64> {
    let mut ids = Vec::new();
    for (i, j) in jobs.iter().enumerate() {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO jobs (company_id, external_id, url, title, location_text, remote, employment_type,
                               salary_min, salary_max, salary_currency, salary_interval, date_posted,
                               description_text, description_html, closed_at, extracted_at)
             SELECT c.id, $2, 'https://jobs.example/' || $2, $3, $4, $5, $6, $7 * 0.8, $7,
                    CASE WHEN $7 IS NULL THEN NULL ELSE 'EUR' END, CASE WHEN $7 IS NULL THEN NULL ELSE 'year' END,
                    $8::date, $9, '<p>' || $9 || '</p>', CASE WHEN $10 THEN now() END, now()
             FROM companies c WHERE c.slug = $1
             RETURNING id",
        )
        .bind(j.company)
        .bind(format!("seed-{i}-{}", uuid::Uuid::new_v4().simple()))
        .bind(j.title)
        .bind(j.location)
        .bind(j.remote)
        .bind(j.employment_type)
        .bind(j.salary_max)
        .bind(j.date_posted)
        .bind(j.description)
        .bind(j.closed)
        .fetch_one(pool)
        .await
        .expect("seed job");
        ids.push(id);
    }
    ids
}
