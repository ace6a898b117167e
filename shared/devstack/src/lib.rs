//! The local stack, with real parts and no cloud account: an ephemeral
//! Postgres (or `DATABASE_URL`), `moto_server` for S3/SQS/CloudWatch Logs,
//! the AWS resources, fixture career sites, and the three functions wired to
//! them (the API over HTTP, the workers fed by the SQS event-source poller).
//!
//! Everything started here stops when its owner is dropped; child processes
//! also die with this process (`PR_SET_PDEATHSIG`), so Ctrl-C leaves nothing
//! behind.
//!
//! Tests share one Postgres server and one moto when `DATABASE_URL` and
//! `JH_MOTO_ENDPOINT` are set (`cargo xtask test` sets them): each
//! [`Devstack`] started with `isolated` then gets its own database and its
//! own prefixed queues and bucket.

pub mod ats_fixtures;
pub mod fixtures;
pub mod moto;
pub mod oidc;
pub mod poller;
pub mod postgres;
pub mod process;
pub mod resources;
pub mod runtime_api;
pub mod sse;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use aws_sdk_sqs::config::{Credentials, Region};
use jh_common::config::Env;
use jh_common::db;
use sqlx::PgPool;
use sqlx::postgres::PgPoolOptions;

pub use fixtures::FixtureSites;
pub use poller::{Poller, PollerOptions};
pub use resources::Resources;

/// The region every local resource lives in.
pub const REGION: &str = "us-east-1";

/// Why the devstack could not start.
#[derive(Debug, thiserror::Error)]
pub enum DevstackError {
    /// A tool or package is missing; `fix` says how to install it.
    #[error("{what} not found: {fix}")]
    Missing {
        /// What is missing.
        what: String,
        /// How to install it.
        fix: String,
    },
    /// A server did not start.
    #[error("{what} failed to start:\n{detail}")]
    Start {
        /// Which server.
        what: String,
        /// Its output.
        detail: String,
    },
    /// Creating a resource in moto failed.
    #[error("AWS call failed: {0}")]
    Aws(String),
    /// A database step failed.
    #[error(transparent)]
    Db(#[from] db::DbError),
    /// sqlx failed outside a db call.
    #[error(transparent)]
    Sqlx(#[from] sqlx::Error),
    /// Local I/O failed.
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// A function's configuration was rejected.
    #[error(transparent)]
    Config(#[from] jh_common::config::ConfigError),
    /// A function failed to build its clients.
    #[error("function setup failed: {0}")]
    Setup(String),
    /// An HTTP exchange with a local server went wrong.
    #[error("{0}")]
    Protocol(String),
}

/// How to start a stack.
#[derive(Debug, Clone)]
pub struct DevstackOptions {
    /// Own database and prefixed AWS resources (for tests sharing servers).
    pub isolated: bool,
    /// Politeness gap per company.
    pub company_gap: Duration,
    /// Politeness gap per host (all fixture companies share one host).
    pub host_gap: Duration,
    /// Queue visibility timeout: how long a failed message waits before
    /// redelivery.
    pub visibility_timeout: u32,
    /// Serve one company per ATS source besides the three Greenhouse ones.
    pub all_sources: bool,
}

impl Default for DevstackOptions {
    fn default() -> Self {
        Self {
            isolated: false,
            company_gap: Duration::from_millis(200),
            host_gap: Duration::from_millis(20),
            visibility_timeout: 10,
            all_sources: false,
        }
    }
}

impl DevstackOptions {
    /// Options for a test: isolated, short gaps, quick redelivery.
    pub fn test() -> Self {
        Self {
            isolated: true,
            company_gap: Duration::from_millis(20),
            host_gap: Duration::ZERO,
            visibility_timeout: 2,
            all_sources: false,
        }
    }
}

/// A running local stack.
pub struct Devstack {
    // Field order is drop order: the pool closes before Postgres stops.
    /// Pool on the stack's database.
    pub pool: PgPool,
    /// SDK config pointing at moto.
    pub sdk: aws_config::SdkConfig,
    /// Created AWS resources.
    pub resources: Resources,
    /// The fixture career sites.
    pub fixtures: FixtureSites,
    /// The fake Google OpenID issuer.
    pub google: oidc::FakeGoogle,
    /// `postgres://` URL of the stack's database.
    pub database_url: String,
    /// moto's endpoint.
    pub aws_endpoint: String,
    /// HS256 secret the API signs and checks tokens with.
    pub jwt_secret: String,
    opts: DevstackOptions,
    /// The moto server, when this stack started one.
    pub moto: Option<moto::Moto>,
    /// The Postgres server, when this stack started one.
    pub postgres: Option<postgres::EphemeralPostgres>,
}

fn random_hex(n: usize) -> String {
    let mut s = String::new();
    while s.len() < n {
        s.push_str(&uuid::Uuid::new_v4().simple().to_string());
    }
    s.truncate(n);
    s
}

/// An SDK config for a local endpoint with dummy credentials.
pub async fn local_sdk_config(endpoint: &str) -> aws_config::SdkConfig {
    aws_config::defaults(aws_config::BehaviorVersion::latest())
        .region(Region::new(REGION))
        .endpoint_url(endpoint)
        .credentials_provider(Credentials::new("test", "test", None, None, "devstack"))
        .load()
        .await
}

async fn create_database(server_url: &str, name: &str) -> Result<String, DevstackError> {
    let admin = PgPoolOptions::new().max_connections(1).connect(server_url).await?;
    // The name is ours (hex only), so formatting it into DDL is safe.
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE \"{name}\""))).execute(&admin).await?;
    admin.close().await;
    let mut url = url::Url::parse(server_url).map_err(|e| DevstackError::Setup(format!("DATABASE_URL: {e}")))?;
    url.set_path(&format!("/{name}"));
    Ok(url.to_string())
}

impl Devstack {
    /// Starts (or joins) the servers, creates the database, schema, AWS
    /// resources and fixture sites, and seeds the fixture companies.
    pub async fn start(opts: DevstackOptions) -> Result<Self, DevstackError> {
        let tag = random_hex(8);
        let (postgres, database_url) = match std::env::var("DATABASE_URL").ok().filter(|u| !u.is_empty()) {
            Some(url) if opts.isolated => (None, create_database(&url, &format!("jh_t{tag}")).await?),
            Some(url) => (None, url),
            None => {
                // Started on this (long-lived) thread on purpose: the kernel
                // sends PR_SET_PDEATHSIG when the *thread* that forked the
                // child exits, and blocking-pool threads exit when idle.
                let pg = postgres::EphemeralPostgres::start()?;
                let url = create_database(&pg.admin_url(), "jh").await?;
                (Some(pg), url)
            }
        };
        let (moto, aws_endpoint) = match std::env::var("JH_MOTO_ENDPOINT").ok().filter(|u| !u.is_empty()) {
            Some(endpoint) => (None, endpoint),
            None => {
                let m = moto::Moto::start()?;
                let e = m.endpoint();
                (Some(m), e)
            }
        };
        let pool = PgPoolOptions::new().max_connections(20).connect(&database_url).await?;
        db::migrate(&pool).await?;
        let sdk = local_sdk_config(&aws_endpoint).await;
        let prefix = if opts.isolated { format!("t{tag}-") } else { String::new() };
        let resources = resources::create(&sdk, &prefix, opts.visibility_timeout).await?;
        let mut companies = fixtures::default_companies();
        if opts.all_sources {
            companies.extend(ats_fixtures::sample_companies());
        }
        let fixtures = FixtureSites::start_with(companies).await?;
        let google = oidc::FakeGoogle::start().await?;
        let stack = Self {
            pool,
            sdk,
            resources,
            fixtures,
            google,
            database_url,
            aws_endpoint,
            jwt_secret: random_hex(48),
            opts,
            moto,
            postgres,
        };
        stack.seed_fixture_companies().await?;
        Ok(stack)
    }

    /// Upserts the fixture companies (Greenhouse boards on the fixture host).
    pub async fn seed_fixture_companies(&self) -> Result<(), DevstackError> {
        for c in self.fixtures.companies() {
            db::companies::upsert_company(&self.pool, &c.slug, &c.name, &c.source, &fixture_config(&c)).await?;
        }
        Ok(())
    }

    /// The environment the functions run with, as `cargo lambda watch` and
    /// the `.env` file get it.
    pub fn env(&self) -> HashMap<String, String> {
        let r = &self.resources;
        let ms = |d: Duration| d.as_millis().to_string();
        [
            ("DATABASE_URL", self.database_url.clone()),
            ("DB_MAX_CONNECTIONS", "5".into()),
            ("AWS_ENDPOINT_URL", self.aws_endpoint.clone()),
            ("AWS_REGION", REGION.into()),
            ("AWS_ACCESS_KEY_ID", "test".into()),
            ("AWS_SECRET_ACCESS_KEY", "test".into()),
            ("CRAWL_QUEUE_URL", r.crawl_queue.clone()),
            ("CRAWL_DLQ_URL", r.crawl_dlq.clone()),
            ("EXTRACT_QUEUE_URL", r.extract_queue.clone()),
            ("EXTRACT_DLQ_URL", r.extract_dlq.clone()),
            ("PAGES_BUCKET", r.bucket.clone()),
            ("LOG_GROUP_API", r.log_groups[0].clone()),
            ("LOG_GROUP_CRAWLER", r.log_groups[1].clone()),
            ("LOG_GROUP_EXTRACTOR", r.log_groups[2].clone()),
            ("JWT_SECRET", self.jwt_secret.clone()),
            ("GOOGLE_CLIENT_ID", oidc::CLIENT_ID.into()),
            ("GOOGLE_ISSUER", self.google.issuer()),
            ("GOOGLE_JWKS_URL", self.google.jwks_url()),
            ("ALLOWED_ORIGINS", "http://localhost:5173".into()),
            ("GREENHOUSE_API_BASE", self.fixtures.base_url()),
            ("LEVER_API_BASE", self.fixtures.base_url()),
            ("ASHBY_API_BASE", self.fixtures.base_url()),
            ("SMARTRECRUITERS_API_BASE", self.fixtures.base_url()),
            ("SMARTRECRUITERS_JOBS_BASE", self.fixtures.base_url()),
            ("WORKDAY_API_BASE", self.fixtures.base_url()),
            ("RECRUITEE_API_BASE", format!("{}/recruitee/{{company}}", self.fixtures.base_url())),
            // The fixture sites live on 127.0.0.1; production refuses it.
            ("ALLOW_PRIVATE_NETWORKS", "true".into()),
            ("POLITENESS_GAP_MS", ms(self.opts.company_gap)),
            ("HOST_GAP_MS", ms(self.opts.host_gap)),
            ("RETRY_BACKOFF_MS", "50".into()),
            ("FETCH_TIMEOUT_MS", "5000".into()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect()
    }

    /// The devstack's environment as a config source for the functions.
    pub fn config_env(&self) -> Env {
        Env::from_map(self.env())
    }

    /// The `.env` file contents, with the API URL and a dev token.
    pub fn env_file(&self, api_url: &str, token: &str) -> String {
        let mut vars: Vec<(String, String)> = self.env().into_iter().collect();
        vars.push(("API_URL".into(), api_url.into()));
        vars.push(("DEV_TOKEN".into(), token.into()));
        vars.sort();
        vars.into_iter().map(|(k, v)| format!("{k}={v}\n")).collect()
    }

    /// Creates (or refreshes) a local user and signs a one-hour token for it.
    pub async fn dev_token(&self, email: &str) -> Result<(i64, String), DevstackError> {
        let user_id = db::users::upsert_user(&self.pool, email, Some("Local Developer")).await?;
        let token = jh_api::auth::issue_token(&self.jwt_secret, user_id, email, chrono::Duration::hours(1))
            .map_err(|e| DevstackError::Setup(e.to_string()))?;
        Ok((user_id, token))
    }

    /// Runs the three functions against this stack: the API on a local HTTP
    /// port, the crawler and extractor fed by SQS pollers.
    pub async fn start_functions(&self, workers: WorkerOptions) -> Result<Functions, DevstackError> {
        let env = self.config_env();
        let s3 = jh_common::aws::s3_client(&self.sdk);
        let sqs = aws_sdk_sqs::Client::new(&self.sdk);

        let api_cfg = jh_api::Config::from_env(&env)?;
        let api_pool = db::lazy_pool(&api_cfg.db)?;
        let logs = aws_sdk_cloudwatchlogs::Client::new(&self.sdk);
        let app = jh_api::router(jh_api::AppState::new(api_cfg, api_pool, sqs.clone(), logs));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let api_url = format!("http://{}", listener.local_addr()?);
        let api = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });

        let crawler_cfg = jh_crawler::Config::from_env(&env)?;
        let crawler_pool = db::lazy_pool(&crawler_cfg.db)?;
        // EMF lines are collected rather than printed, so the demo's output
        // stays readable and tests can read the counters.
        let emf = Arc::new(Mutex::new(Vec::new()));
        let sink = emf.clone();
        let sink: jh_common::metrics::Sink =
            Arc::new(move |line: &str| sink.lock().expect("emf lock").push(line.to_owned()));
        let metrics = jh_common::metrics::Metrics::with_sink("crawler", sink.clone());
        let crawler = jh_crawler::Crawler::new(crawler_cfg, crawler_pool, s3.clone(), sqs.clone())
            .map_err(|e| DevstackError::Setup(e.to_string()))?
            .with_metrics(metrics);
        let crawler_failpoints = crawler.failpoints().clone();
        let crawler_poller = poller::spawn(
            sqs.clone(),
            self.resources.crawl_queue.clone(),
            self.resources.crawl_queue_arn.clone(),
            workers.crawler.clone(),
            move |event| {
                let c = crawler.clone();
                async move { jh_crawler::handler(&c, event).await }
            },
        );

        let extractor_cfg = jh_extractor::Config::from_env(&env)?;
        let extractor_pool = db::lazy_pool(&extractor_cfg.db)?;
        let extractor = jh_extractor::Extractor::new(extractor_cfg, extractor_pool, s3, sqs.clone())
            .with_metrics(jh_common::metrics::Metrics::with_sink("extractor", sink));
        let extractor_failpoints = extractor.failpoints().clone();
        let extractor_poller = poller::spawn(
            sqs,
            self.resources.extract_queue.clone(),
            self.resources.extract_queue_arn.clone(),
            workers.extractor.clone(),
            move |event| {
                let x = extractor.clone();
                async move { jh_extractor::handler(&x, event).await }
            },
        );
        Ok(Functions {
            api_url,
            api,
            crawler: crawler_poller,
            extractor: extractor_poller,
            emf,
            crawler_failpoints,
            extractor_failpoints,
        })
    }
}

/// The companies-table config of a fixture company, per source.
fn fixture_config(c: &fixtures::FixtureCompany) -> serde_json::Value {
    match c.source.as_str() {
        "lever" => serde_json::json!({"site": c.board}),
        // The fixture tenant is the slug and the site is the board.
        "workday" => serde_json::json!({"tenant": c.slug, "site": c.board}),
        "smartrecruiters" | "recruitee" => serde_json::json!({"company": c.board}),
        _ => serde_json::json!({"board": c.board}),
    }
}

/// How the local workers poll.
#[derive(Debug, Clone)]
pub struct WorkerOptions {
    /// Crawler pollers (concurrent instances) and batch size.
    pub crawler: PollerOptions,
    /// Extractor pollers and batch size.
    pub extractor: PollerOptions,
}

impl Default for WorkerOptions {
    fn default() -> Self {
        Self {
            // Several instances, so several companies' groups crawl at once.
            crawler: PollerOptions { batch_size: 10, concurrency: 3, wait: Duration::from_secs(1) },
            extractor: PollerOptions { batch_size: 10, concurrency: 2, wait: Duration::from_secs(1) },
        }
    }
}

/// The functions running locally; stopped on drop.
pub struct Functions {
    /// Base URL of the API.
    pub api_url: String,
    api: tokio::task::JoinHandle<()>,
    /// The crawler's poller.
    pub crawler: Poller,
    /// The extractor's poller.
    pub extractor: Poller,
    /// EMF metric lines the workers wrote.
    pub emf: Arc<Mutex<Vec<String>>>,
    /// The crawler's crash points.
    pub crawler_failpoints: jh_common::failpoints::Failpoints,
    /// The extractor's crash points.
    pub extractor_failpoints: jh_common::failpoints::Failpoints,
}

impl Functions {
    /// The sum of an EMF counter over every line written so far.
    pub fn metric(&self, name: &str) -> u64 {
        self.emf
            .lock()
            .expect("emf lock")
            .iter()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v[name].as_u64())
            .sum()
    }
}

impl Drop for Functions {
    fn drop(&mut self) {
        self.api.abort();
    }
}
