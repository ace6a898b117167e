//! The crawler worker: consumes `crawl.fifo` (one message group per company,
//! processed in order) and handles two kinds of message.
//!
//! - `discover` lists the company's jobs through its ATS, records the
//!   listing (closing jobs that left the board), and enqueues one `page`
//!   message per job in the company's group.
//! - `page` fetches one job page politely. If its SimHash is within the
//!   threshold of the last extracted version and its JSON-LD is the same,
//!   the job is marked unchanged. Otherwise the gzip-compressed HTML goes to
//!   S3 and an `extract` message is sent.
//!
//! Failures are sorted three ways: an application failure (a page that
//! still fails after its retries, a refused URL) is recorded on the job and
//! the message consumed; an infrastructure failure (Postgres, S3, SQS) is
//! retried through SQS; a malformed message goes to the DLQ at once.

use std::sync::Arc;
use std::time::Instant;

use aws_lambda_events::event::sqs::{SqsBatchResponse, SqsEvent, SqsMessage};
use jh_common::config::{ConfigError, DbConfig, Env, QueueUrls};
use jh_common::db::{DbError, companies, jobs, runs};
use jh_common::domain::{CompanySlug, JobStatus, JobUrl, RunId};
use jh_common::extract;
use jh_common::failpoints::{Crash, Failpoints};
use jh_common::fetch::{FetchConfig, FetchError, FetchRequest, Fetched, Fetcher};
use jh_common::messages::{CrawlMessage, ExtractMessage, Hex64};
use jh_common::metrics::Metrics;
use jh_common::queue::{QueueError, Queues};
use jh_common::sources::{self, SourceBases, SourceError};
use jh_common::storage::{PageStore, StorageError};
use jh_common::worker::{self, Outcome};
use lambda_runtime::LambdaEvent;
use sqlx::PgPool;

/// The crawler's configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// Postgres.
    pub db: DbConfig,
    /// Queue URLs.
    pub queues: QueueUrls,
    /// Bucket for raw pages (`PAGES_BUCKET`).
    pub bucket: String,
    /// Fetcher settings.
    pub fetch: FetchConfig,
    /// ATS API base URLs.
    pub sources: SourceBases,
    /// Transient failures in a row that open a company's breaker
    /// (`BREAKER_THRESHOLD`, default 5).
    pub breaker_threshold: u32,
    /// Largest Hamming distance still "unchanged" (`SIMHASH_THRESHOLD`, default 3).
    pub simhash_threshold: u32,
    /// Deliveries after which a message that keeps needing a retry is
    /// recorded as a job error instead (`MAX_RECEIVES`, default 5, the
    /// queue's maxReceiveCount), so the job still ends in a recorded state.
    pub max_receives: u32,
}

impl Config {
    /// Reads and validates the environment.
    pub fn from_env(env: &Env) -> Result<Self, ConfigError> {
        let breaker_threshold: u32 = env.parse_or("BREAKER_THRESHOLD", 5)?;
        if breaker_threshold == 0 {
            return Err(ConfigError::invalid("BREAKER_THRESHOLD", "must be at least 1"));
        }
        let simhash_threshold: u32 = env.parse_or("SIMHASH_THRESHOLD", jh_simhash::DEFAULT_THRESHOLD)?;
        if simhash_threshold > 32 {
            return Err(ConfigError::invalid("SIMHASH_THRESHOLD", "must be at most 32 bits"));
        }
        Ok(Self {
            db: DbConfig::from_env(env)?,
            queues: QueueUrls::from_env(env)?,
            bucket: env.required("PAGES_BUCKET")?,
            fetch: FetchConfig::from_env(env)?,
            sources: SourceBases::from_env(env)?,
            breaker_threshold,
            simhash_threshold,
            max_receives: env.parse_or("MAX_RECEIVES", 5)?,
        })
    }
}

/// An infrastructure failure: the message is retried through SQS.
#[derive(Debug, thiserror::Error)]
pub enum CrawlError {
    /// Postgres.
    #[error(transparent)]
    Db(#[from] DbError),
    /// S3.
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// SQS.
    #[error(transparent)]
    Queue(#[from] QueueError),
    /// A test failpoint fired.
    #[error(transparent)]
    Crash(#[from] Crash),
}

/// The crawler's long-lived state, built once per cold start.
#[derive(Clone)]
pub struct Crawler {
    pool: PgPool,
    queues: Queues,
    store: PageStore,
    fetcher: Fetcher,
    cfg: Arc<Config>,
    metrics: Metrics,
    failpoints: Failpoints,
}

/// A message's meaning after checks: what to tell SQS.
enum Verdict {
    Done,
    Poison(String),
    /// Come back after this long (a long `Retry-After`).
    Later(std::time::Duration, String),
}

/// Failpoint names, in the order a page passes them.
pub mod points {
    /// After the page was fetched, before anything was stored.
    pub const AFTER_FETCH: &str = "crawler.after_fetch";
    /// After the page was written to S3.
    pub const AFTER_S3_PUT: &str = "crawler.after_s3_put";
    /// After the extract message was sent.
    pub const AFTER_EXTRACT_SEND: &str = "crawler.after_extract_send";
}

impl Crawler {
    /// Wires the crawler from its config and clients.
    pub fn new(
        cfg: Config,
        pool: PgPool,
        s3: aws_sdk_s3::Client,
        sqs: aws_sdk_sqs::Client,
    ) -> Result<Self, reqwest::Error> {
        let fetcher = Fetcher::new(cfg.fetch.clone(), pool.clone())?;
        let store = PageStore::new(s3, cfg.bucket.clone(), cfg.fetch.max_body);
        Ok(Self {
            pool,
            queues: Queues::new(sqs),
            store,
            fetcher,
            cfg: Arc::new(cfg),
            metrics: Metrics::stdout("crawler"),
            failpoints: Failpoints::default(),
        })
    }

    /// Sends the EMF counters somewhere else than stdout.
    pub fn with_metrics(mut self, metrics: Metrics) -> Self {
        self.metrics = metrics;
        self
    }

    /// The crash points tests arm.
    pub fn failpoints(&self) -> &Failpoints {
        &self.failpoints
    }

    /// The database pool.
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }

    /// Handles one SQS batch in FIFO order. `deadline` is when the
    /// invocation must be done.
    pub async fn handle_batch(&self, event: &SqsEvent, deadline: Option<std::time::Instant>) -> SqsBatchResponse {
        let r = worker::process_in_order(&event.records, |m| self.handle_message(m, deadline)).await;
        self.metrics.flush();
        r
    }

    async fn handle_message(&self, m: &SqsMessage, deadline: Option<std::time::Instant>) -> Outcome {
        let msg = match CrawlMessage::decode(m.body.as_deref()) {
            Ok(msg) => msg,
            Err(e) => return self.poison(m, &e.to_string()).await,
        };
        let result = match &msg {
            CrawlMessage::Discover { run_id, company } => self.discover(*run_id, company).await,
            CrawlMessage::Page { run_id, company, job_id, url } => {
                self.page(*run_id, company, *job_id, url, deadline).await
            }
        };
        let reason = match result {
            Ok(Verdict::Done) => return Outcome::Done,
            Ok(Verdict::Poison(reason)) => return self.poison(m, &reason).await,
            Ok(Verdict::Later(after, reason)) => {
                // Hide the message for as long as the server asked; SQS
                // caps visibility at 12 hours.
                let secs = after.as_secs().clamp(1, 43_200) as i32;
                if let Some(handle) = m.receipt_handle.as_deref()
                    && let Err(e) = self.queues.delay(&self.cfg.queues.crawl, handle, secs).await
                {
                    tracing::warn!(error = %e, "could not extend the message's visibility");
                }
                reason
            }
            Err(e) => e.to_string(),
        };
        self.give_up_or_retry(m, &msg, reason).await
    }

    /// A message that needs a retry goes back to SQS, unless this was its
    /// last delivery before the DLQ: then the job or company is recorded as
    /// failed (if the database is reachable), so it still ends in a
    /// recorded state.
    async fn give_up_or_retry(&self, m: &SqsMessage, msg: &CrawlMessage, reason: String) -> Outcome {
        let receives = worker::receive_count(m);
        if receives < self.cfg.max_receives {
            return Outcome::Retry(reason);
        }
        let error = format!("gave up after {receives} deliveries: {reason}");
        let recorded = match msg {
            CrawlMessage::Page { run_id, job_id, .. } => {
                self.finish_job(*run_id, *job_id, JobStatus::Error, Some(&error), None).await.map(|_| ())
            }
            CrawlMessage::Discover { run_id, company } => {
                match companies::by_slug(&self.pool, company.as_str()).await {
                    Ok(Some(c)) => runs::finish_company(&self.pool, *run_id, c.id, "error", 0, 0, Some(&error))
                        .await
                        .and(runs::try_finish(&self.pool, *run_id).await)
                        .map(|_| ()),
                    Ok(None) => Ok(()),
                    Err(e) => Err(e),
                }
            }
        };
        match recorded {
            Ok(()) => {
                tracing::error!(run_id = %msg.run_id(), company = %msg.company(), outcome = "error", reason = %error, "giving up on message");
                self.metrics.add("Errors", 1);
                Outcome::Done
            }
            Err(_) => Outcome::Retry(reason),
        }
    }

    /// Moves a message that can never succeed to the DLQ and consumes it.
    async fn poison(&self, m: &SqsMessage, reason: &str) -> Outcome {
        let id = m.message_id.as_deref().unwrap_or("unknown");
        tracing::error!(message_id = id, outcome = "poison", reason, "poison message moved to the DLQ");
        match self
            .queues
            .send_poison(
                &self.cfg.queues.crawl_dlq,
                m.body.as_deref().unwrap_or(""),
                reason,
                id,
                worker::message_group(m),
            )
            .await
        {
            Ok(()) => Outcome::Done,
            Err(e) => Outcome::Retry(format!("could not move poison message to the DLQ: {e}")),
        }
    }

    async fn discover(&self, run_id: RunId, slug: &CompanySlug) -> Result<Verdict, CrawlError> {
        let started = Instant::now();
        let Some(status) = runs::status(&self.pool, run_id).await? else {
            return Ok(Verdict::Poison(format!("run {run_id} does not exist")));
        };
        let Some(company) = companies::by_slug(&self.pool, slug.as_str()).await? else {
            return Ok(Verdict::Poison(format!("company {slug} does not exist")));
        };
        if status.is_terminal() {
            runs::finish_company(&self.pool, run_id, company.id, "skipped", 0, 0, Some(&format!("run {status}")))
                .await?;
            return Ok(Verdict::Done);
        }
        match runs::company_status(&self.pool, run_id, company.id).await?.as_deref() {
            Some("pending") => {}
            Some(_) => {
                // A redelivery after the work was done; the finish check may
                // be what its first delivery did not get to.
                runs::try_finish(&self.pool, run_id).await?;
                return Ok(Verdict::Done);
            }
            None => return Ok(Verdict::Poison(format!("company {slug} is not part of run {run_id}"))),
        }
        let listed = match sources::list_jobs(&company, &self.fetcher, &self.cfg.sources).await {
            Ok(listed) => listed,
            Err(SourceError::Fetch(FetchError::Db(e))) => return Err(e.into()),
            Err(e) => {
                let reason = format!("discovery failed: {e}");
                tracing::warn!(run_id = %run_id, company = %slug, outcome = "error", reason, ms = started.elapsed().as_millis() as u64, "discover");
                runs::finish_company(&self.pool, run_id, company.id, "error", 0, 0, Some(&reason)).await?;
                runs::try_finish(&self.pool, run_id).await?;
                return Ok(Verdict::Done);
            }
        };
        // An empty listing for a company with open jobs is far more often a
        // misconfigured board or a transient glitch (SmartRecruiters answers
        // an unknown company with 200 and no jobs) than every job closing at
        // once; closing them all would be a wrong, loud change. Refuse it.
        let open = jobs::open_count(&self.pool, company.id).await?;
        if listed.is_empty() && open > 0 {
            let reason = format!("the board listed no jobs while {open} are open; not closing them");
            tracing::warn!(run_id = %run_id, company = %slug, outcome = "error", reason, "discover");
            runs::finish_company(&self.pool, run_id, company.id, "error", 0, 0, Some(&reason)).await?;
            runs::try_finish(&self.pool, run_id).await?;
            return Ok(Verdict::Done);
        }
        let listing = jobs::record_listing(&self.pool, company.id, &listed).await?;
        let filters = runs::title_filters(&self.pool, run_id).await?;
        let wanted: Vec<&(i64, String)> = listing
            .jobs
            .iter()
            .zip(&listed)
            .filter(|(_, l)| title_matches(&l.title, &filters))
            .map(|(j, _)| j)
            .collect();
        let ids: Vec<i64> = wanted.iter().map(|(id, _)| *id).collect();
        if !jobs::add_to_run(&self.pool, run_id, company.id, &ids).await? {
            // Ended (aborted) while the board was being listed: `runs::end`
            // already recorded the company, and no page is crawled for it.
            tracing::info!(run_id = %run_id, company = %slug, outcome = "skipped", reason = "the run ended during discovery", "discover");
            return Ok(Verdict::Done);
        }
        let mut pages = Vec::with_capacity(wanted.len());
        for (job_id, url) in wanted {
            match JobUrl::new(url) {
                Ok(url) => pages.push(CrawlMessage::Page { run_id, company: slug.clone(), job_id: *job_id, url }),
                Err(e) => {
                    jobs::set_status(&self.pool, run_id, *job_id, JobStatus::Error, Some(&e.to_string()), None).await?;
                }
            }
        }
        // Page messages go out before the company is marked discovered: a
        // crash in between redelivers this message, and the deterministic
        // dedup ids drop the repeats.
        self.queues.send_crawl(&self.cfg.queues.crawl, &pages).await?;
        runs::finish_company(&self.pool, run_id, company.id, "discovered", ids.len() as i32, listing.closed, None)
            .await?;
        runs::try_finish(&self.pool, run_id).await?;
        tracing::info!(
            run_id = %run_id, company = %slug, outcome = "discovered", jobs = ids.len(), listed = listed.len(),
            closed = listing.closed, ms = started.elapsed().as_millis() as u64, "discover"
        );
        Ok(Verdict::Done)
    }

    async fn page(
        &self,
        run_id: RunId,
        slug: &CompanySlug,
        job_id: i64,
        url: &JobUrl,
        deadline: Option<std::time::Instant>,
    ) -> Result<Verdict, CrawlError> {
        let started = Instant::now();
        let log = |outcome: &str, http_status: Option<u16>, bytes: usize, reason: Option<&str>| {
            tracing::info!(
                run_id = %run_id, company = %slug, job_id, outcome, http_status, bytes,
                ms = started.elapsed().as_millis() as u64, reason, "page"
            );
        };
        let Some(run_status) = runs::status(&self.pool, run_id).await? else {
            return Ok(Verdict::Poison(format!("run {run_id} does not exist")));
        };
        let Some(state) = jobs::page_state(&self.pool, run_id, job_id).await? else {
            return Ok(Verdict::Poison(format!("job {job_id} is not part of run {run_id}")));
        };
        if state.job_status().is_some_and(|s| s.is_terminal()) {
            // A redelivery of finished work; its first delivery may have
            // failed between recording the job and the run's finish check.
            runs::try_finish(&self.pool, run_id).await?;
            return Ok(Verdict::Done);
        }
        if run_status.is_terminal() {
            let reason = format!("run {run_status}");
            jobs::set_status(&self.pool, run_id, job_id, JobStatus::Skipped, Some(&reason), None).await?;
            log("skipped", None, 0, Some(&reason));
            return Ok(Verdict::Done);
        }
        if runs::breaker_open(&self.pool, run_id, state.company_id).await? {
            self.finish_job(run_id, job_id, JobStatus::Error, Some("circuit open"), None).await?;
            self.metrics.add("Errors", 1);
            log("error", None, 0, Some("circuit open"));
            return Ok(Verdict::Done);
        }
        jobs::set_status(&self.pool, run_id, job_id, JobStatus::Fetching, None, None).await?;
        // Validators are only worth sending for a version we extracted.
        let extracted = state.extracted_at.is_some();
        let mut req = FetchRequest::page(
            url.url(),
            slug.as_str(),
            state.etag.as_deref().filter(|_| extracted),
            state.last_modified.as_deref().filter(|_| extracted),
        );
        req.deadline = deadline;
        let page = match self.fetcher.fetch(&req).await {
            Ok(Fetched::Page(p)) => p,
            Ok(Fetched::NotModified) => {
                runs::record_success(&self.pool, run_id, state.company_id).await?;
                jobs::touch_fetched(&self.pool, job_id, chrono::Utc::now()).await?;
                self.finish_job(run_id, job_id, JobStatus::Unchanged, None, Some(304)).await?;
                self.metrics.add("PagesFetched", 1);
                self.metrics.add("PagesUnchanged", 1);
                log("unchanged", Some(304), 0, None);
                return Ok(Verdict::Done);
            }
            Ok(Fetched::Gone(code)) => {
                jobs::close(&self.pool, job_id).await?;
                self.finish_job(run_id, job_id, JobStatus::Gone, None, Some(code)).await?;
                self.metrics.add("PagesGone", 1);
                log("gone", Some(code), 0, None);
                return Ok(Verdict::Done);
            }
            Ok(Fetched::Disallowed(reason)) => {
                self.finish_job(run_id, job_id, JobStatus::Skipped, Some(&reason), None).await?;
                self.metrics.add("PagesSkipped", 1);
                log("skipped", None, 0, Some(&reason));
                return Ok(Verdict::Done);
            }
            Err(FetchError::Db(e)) => return Err(e.into()),
            Err(FetchError::RetryLater { after, reason }) => return Ok(Verdict::Later(after, reason)),
            Err(FetchError::Transient(reason)) => {
                if runs::record_failure(&self.pool, run_id, state.company_id, self.cfg.breaker_threshold).await? {
                    tracing::warn!(run_id = %run_id, company = %slug, outcome = "breaker_open", "circuit breaker opened");
                    self.metrics.add("BreakerOpens", 1);
                }
                self.finish_job(run_id, job_id, JobStatus::Error, Some(&reason), None).await?;
                self.metrics.add("Errors", 1);
                log("error", None, 0, Some(&reason));
                return Ok(Verdict::Done);
            }
            Err(FetchError::Permanent(reason)) => {
                self.finish_job(run_id, job_id, JobStatus::Error, Some(&reason), None).await?;
                self.metrics.add("Errors", 1);
                log("error", None, 0, Some(&reason));
                return Ok(Verdict::Done);
            }
        };
        self.metrics.add("PagesFetched", 1);
        self.failpoints.check(points::AFTER_FETCH)?;
        runs::record_success(&self.pool, run_id, state.company_id).await?;
        // Stored and fingerprinted as UTF-8 whatever the site's charset, so
        // the extractor never has to guess again.
        let (html, _encoding) = jh_common::charset::decode_html(&page.body, page.content_type.as_deref());
        let fp = jh_simhash::fingerprint(&html);
        let structured = extract::structured_hash(&html);
        let unchanged = extracted
            && state.simhash.is_some_and(|old| jh_simhash::hamming(old as u64, fp.hash) <= self.cfg.simhash_threshold)
            && state.structured_hash == structured.map(|h| h as i64);
        if unchanged {
            jobs::touch_fetched(&self.pool, job_id, page.fetched_at).await?;
            self.finish_job(run_id, job_id, JobStatus::Unchanged, None, Some(page.status)).await?;
            self.metrics.add("PagesUnchanged", 1);
            log("unchanged", Some(page.status), page.body.len(), None);
            return Ok(Verdict::Done);
        }
        // Order matters for crash safety: page in S3, then the status, then
        // the extract message. The new fingerprint is written only by the
        // extractor, after extraction, so no crash can make an unextracted
        // page look unchanged.
        let object_key = self.store.put_page(html.as_bytes()).await?;
        self.failpoints.check(points::AFTER_S3_PUT)?;
        jobs::set_status(&self.pool, run_id, job_id, JobStatus::Extracting, None, Some(page.status)).await?;
        let msg = ExtractMessage {
            run_id,
            company: slug.clone(),
            job_id,
            url: url.clone(),
            object_key,
            simhash: Hex64(fp.hash),
            structured_hash: structured.map(Hex64),
            etag: page.etag.clone(),
            last_modified: page.last_modified.clone(),
            fetched_at: page.fetched_at,
        };
        self.queues.send_extract(&self.cfg.queues.extract, &msg).await?;
        self.failpoints.check(points::AFTER_EXTRACT_SEND)?;
        self.metrics.add("PagesChanged", 1);
        log("extract", Some(page.status), page.body.len(), None);
        Ok(Verdict::Done)
    }

    /// Puts a job in a terminal state and finishes the run if it was the last.
    async fn finish_job(
        &self,
        run_id: RunId,
        job_id: i64,
        status: JobStatus,
        error: Option<&str>,
        http_status: Option<u16>,
    ) -> Result<(), DbError> {
        jobs::set_status(&self.pool, run_id, job_id, status, error, http_status).await?;
        runs::try_finish(&self.pool, run_id).await?;
        Ok(())
    }
}

/// Whether a title passes the run's filters: no filters, or any filter is a
/// case-insensitive substring of the title.
pub fn title_matches(title: &str, filters: &[String]) -> bool {
    if filters.is_empty() {
        return true;
    }
    let t = title.to_lowercase();
    filters.iter().any(|f| t.contains(&f.to_lowercase()))
}

/// The Lambda entry point: turns the event into domain calls and back.
pub async fn handler(
    crawler: &Crawler,
    event: LambdaEvent<SqsEvent>,
) -> Result<SqsBatchResponse, lambda_runtime::Error> {
    Ok(crawler.handle_batch(&event.payload, deadline(&event.context)).await)
}

/// The invocation's deadline as an `Instant`, with a margin for the batch
/// response and the last writes. `None` outside Lambda (a zero deadline).
pub fn deadline(ctx: &lambda_runtime::Context) -> Option<std::time::Instant> {
    const MARGIN_MS: u64 = 2_000;
    if ctx.deadline == 0 {
        return None;
    }
    let now_ms = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).ok()?.as_millis() as u64;
    let left = ctx.deadline.saturating_sub(now_ms).saturating_sub(MARGIN_MS);
    Some(std::time::Instant::now() + std::time::Duration::from_millis(left))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_filters_match_case_insensitive_substrings() {
        let f = vec!["Rust".to_string(), "platform".to_string()];
        assert!(title_matches("Senior RUST Engineer", &f));
        assert!(title_matches("Platform Lead", &f));
        assert!(!title_matches("Account Executive", &f));
        assert!(title_matches("anything", &[]));
    }
}
