//! The extractor worker: consumes the standard extract queue, a batch's
//! messages concurrently (bounded). For each stored page it reads the HTML
//! from S3, extracts the posting, and writes it with the page fingerprint
//! into Postgres; the last job of a run to finish completes the run.
//!
//! A missing or unreadable object, or a page without a posting, is a recorded
//! job error, never an endless retry. Postgres or S3 being down is retried
//! through SQS, and on the message's last delivery before the DLQ the job is
//! recorded as an error instead (if Postgres is reachable), so it still ends
//! in a recorded state. A malformed message goes to the DLQ at once.
//!
//! Counters go out as one EMF line per batch: `PagesExtracted`,
//! `ExtractErrors`, `ExtractSkipped`, `ExtractGaveUp`, `ExtractPoison`.

use std::sync::Arc;
use std::time::Instant;

use aws_lambda_events::event::sqs::{SqsBatchResponse, SqsEvent, SqsMessage};
use jh_common::config::{ConfigError, DbConfig, Env};
use jh_common::db::{DbError, jobs, runs};
use jh_common::domain::{JobStatus, RunId};
use jh_common::extract;
use jh_common::failpoints::Failpoints;
use jh_common::messages::ExtractMessage;
use jh_common::metrics::Metrics;
use jh_common::queue::Queues;
use jh_common::storage::{PageStore, StorageError};
use jh_common::worker::{self, Outcome};
use lambda_runtime::LambdaEvent;
use sqlx::PgPool;

/// The extractor's configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// Postgres.
    pub db: DbConfig,
    /// Bucket for raw pages (`PAGES_BUCKET`).
    pub bucket: String,
    /// Dead-letter queue for poison messages (`EXTRACT_DLQ_URL`).
    pub dlq_url: String,
    /// Messages handled at once per batch (`EXTRACT_CONCURRENCY`, default 4).
    pub concurrency: usize,
    /// Largest page accepted after inflating (`MAX_BODY_BYTES`, default 5 MiB).
    pub max_page_bytes: usize,
    /// The delivery on which a message that still needs a retry is given up
    /// and its job recorded as an error (`MAX_RECEIVES`, default 5, the
    /// queue's maxReceiveCount).
    pub max_receives: u32,
}

impl Config {
    /// Reads and validates the environment.
    pub fn from_env(env: &Env) -> Result<Self, ConfigError> {
        let concurrency: usize = env.parse_or("EXTRACT_CONCURRENCY", 4)?;
        if !(1..=64).contains(&concurrency) {
            return Err(ConfigError::invalid("EXTRACT_CONCURRENCY", "must be between 1 and 64"));
        }
        Ok(Self {
            db: DbConfig::from_env(env)?,
            bucket: env.required("PAGES_BUCKET")?,
            dlq_url: env.url("EXTRACT_DLQ_URL")?.to_string(),
            concurrency,
            max_page_bytes: env.parse_or("MAX_BODY_BYTES", 5 * 1024 * 1024)?,
            max_receives: env.parse_or("MAX_RECEIVES", 5)?,
        })
    }
}

/// The extractor's long-lived state, built once per cold start.
#[derive(Clone)]
pub struct Extractor {
    pool: PgPool,
    store: PageStore,
    queues: Queues,
    cfg: Arc<Config>,
    failpoints: Failpoints,
    metrics: Metrics,
}

/// Failpoint names.
pub mod points {
    /// After extraction, before the posting and its fingerprint are written.
    pub const BEFORE_SAVE: &str = "extractor.before_save";
}

/// What to do with a message whose work could not be done.
enum Failure {
    Retry(String),
    Poison(String),
}

impl From<DbError> for Failure {
    fn from(e: DbError) -> Self {
        Failure::Retry(e.to_string())
    }
}

impl Extractor {
    /// Wires the extractor from its config and clients.
    pub fn new(cfg: Config, pool: PgPool, s3: aws_sdk_s3::Client, sqs: aws_sdk_sqs::Client) -> Self {
        let store = PageStore::new(s3, cfg.bucket.clone(), cfg.max_page_bytes);
        Self {
            pool,
            store,
            queues: Queues::new(sqs),
            cfg: Arc::new(cfg),
            failpoints: Failpoints::default(),
            metrics: Metrics::stdout("extractor"),
        }
    }

    /// Sends the EMF counters elsewhere (the devstack collects them).
    pub fn with_metrics(mut self, metrics: Metrics) -> Self {
        self.metrics = metrics;
        self
    }

    /// The crash points tests arm.
    pub fn failpoints(&self) -> &Failpoints {
        &self.failpoints
    }

    /// Handles one SQS batch, messages concurrently.
    pub async fn handle_batch(&self, event: &SqsEvent) -> SqsBatchResponse {
        let r = worker::process_concurrently(&event.records, self.cfg.concurrency, |m| self.handle_message(m)).await;
        self.metrics.flush();
        r
    }

    async fn handle_message(&self, m: &SqsMessage) -> Outcome {
        let (msg, result) = match ExtractMessage::decode(m.body.as_deref()) {
            Ok(msg) => {
                let r = self.extract(&msg).await;
                (Some(msg), r)
            }
            Err(e) => (None, Err(Failure::Poison(e.to_string()))),
        };
        match (result, msg) {
            (Ok(()), _) => Outcome::Done,
            (Err(Failure::Retry(reason)), Some(msg)) => self.give_up_or_retry(m, &msg, reason).await,
            (Err(Failure::Retry(reason)), None) => Outcome::Retry(reason),
            (Err(Failure::Poison(reason)), _) => {
                let id = m.message_id.as_deref().unwrap_or("unknown");
                tracing::error!(message_id = id, outcome = "poison", reason, "poison message moved to the DLQ");
                self.metrics.add("ExtractPoison", 1);
                match self
                    .queues
                    .send_poison(&self.cfg.dlq_url, m.body.as_deref().unwrap_or(""), &reason, id, None)
                    .await
                {
                    Ok(()) => Outcome::Done,
                    Err(e) => Outcome::Retry(format!("could not move poison message to the DLQ: {e}")),
                }
            }
        }
    }

    /// A message that needs a retry goes back to SQS, unless this was its
    /// last delivery before the DLQ: then its job is recorded as an error (if
    /// the database is reachable), so the job and its run still end.
    async fn give_up_or_retry(&self, m: &SqsMessage, msg: &ExtractMessage, reason: String) -> Outcome {
        if worker::receive_count(m) < self.cfg.max_receives {
            return Outcome::Retry(reason);
        }
        let error = format!("gave up after {} deliveries: {reason}", worker::receive_count(m));
        match self.finish_job(msg.run_id, msg.job_id, JobStatus::Error, &error).await {
            Ok(()) => {
                tracing::error!(run_id = %msg.run_id, company = %msg.company, job_id = msg.job_id, outcome = "error", reason = %error, "giving up on message");
                self.metrics.add("ExtractGaveUp", 1);
                Outcome::Done
            }
            Err(_) => Outcome::Retry(reason),
        }
    }

    async fn extract(&self, msg: &ExtractMessage) -> Result<(), Failure> {
        let started = Instant::now();
        let (run_id, job_id) = (msg.run_id, msg.job_id);
        let log = |outcome: &str, reason: Option<&str>| {
            tracing::info!(
                run_id = %run_id, company = %msg.company, job_id, outcome,
                ms = started.elapsed().as_millis() as u64, reason, "extract"
            );
        };
        let Some(run_status) = runs::status(&self.pool, run_id).await? else {
            return Err(Failure::Poison(format!("run {run_id} does not exist")));
        };
        let Some(state) = jobs::page_state(&self.pool, run_id, job_id).await? else {
            return Err(Failure::Poison(format!("job {job_id} is not part of run {run_id}")));
        };
        if state.job_status().is_some_and(|s| s.is_terminal()) {
            // A redelivery: the work is done. The finish check runs again,
            // because the delivery that recorded the job may have failed
            // between its write and that check (Postgres cut in between),
            // and if this was the run's last job nothing else would end it.
            runs::try_finish(&self.pool, run_id).await?;
            return Ok(());
        }
        if run_status.is_terminal() {
            let reason = format!("run {run_status}");
            self.finish_job(run_id, job_id, JobStatus::Skipped, &reason).await?;
            self.metrics.add("ExtractSkipped", 1);
            log("skipped", Some(&reason));
            return Ok(());
        }
        let html = match self.store.get_page(&msg.object_key).await {
            Ok(bytes) => bytes,
            Err(e @ (StorageError::NotFound(_) | StorageError::Corrupt { .. })) => {
                let reason = e.to_string();
                self.finish_job(run_id, job_id, JobStatus::Error, &reason).await?;
                self.metrics.add("ExtractErrors", 1);
                log("error", Some(&reason));
                return Ok(());
            }
            Err(e) => return Err(Failure::Retry(e.to_string())),
        };
        let html = String::from_utf8_lossy(&html);
        let ctx = extract::Context::new(Some(msg.url.to_string()), msg.fetched_at);
        let Some(posting) = extract::extract(&html, &ctx) else {
            let reason = "no JobPosting found on the page";
            self.finish_job(run_id, job_id, JobStatus::Error, reason).await?;
            self.metrics.add("ExtractErrors", 1);
            log("error", Some(reason));
            return Ok(());
        };
        let fp = jobs::Fingerprint {
            simhash: msg.simhash.0,
            structured_hash: msg.structured_hash.map(|h| h.0),
            etag: msg.etag.clone(),
            last_modified: msg.last_modified.clone(),
            object_key: msg.object_key.clone(),
            fetched_at: msg.fetched_at,
        };
        // A crash here — extracted, nothing written — must be harmless: the
        // message comes back and the old fingerprint still says "changed".
        self.failpoints.check(points::BEFORE_SAVE).map_err(|e| Failure::Retry(e.to_string()))?;
        if jobs::save_extraction(&self.pool, run_id, job_id, &posting, &fp).await? {
            // Counted as soon as it is committed: a failed finish check
            // below is retried, and the redelivery will not extract again.
            self.metrics.add("PagesExtracted", 1);
            log("ready", None);
            runs::try_finish(&self.pool, run_id).await?;
        }
        Ok(())
    }

    async fn finish_job(&self, run_id: RunId, job_id: i64, status: JobStatus, reason: &str) -> Result<(), DbError> {
        jobs::set_status(&self.pool, run_id, job_id, status, Some(reason), None).await?;
        runs::try_finish(&self.pool, run_id).await?;
        Ok(())
    }
}

/// The Lambda entry point: turns the event into domain calls and back.
pub async fn handler(
    extractor: &Extractor,
    event: LambdaEvent<SqsEvent>,
) -> Result<SqsBatchResponse, lambda_runtime::Error> {
    Ok(extractor.handle_batch(&event.payload).await)
}
