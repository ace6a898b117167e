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
    let resp = reqwest::Client::new().post(format!("{api_url}/api/ingestions")).bearer_auth(token).send().await?;
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
        let _ = tracing_subscriber::fmt().json().flatten_event(true).with_writer(move || writer.clone()).try_init();
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

/// A run of one company whose jobs are the given page URLs, ready for
/// `page` messages: what the crawler tests drive directly.
pub struct PageRun {
    /// The run.
    pub run_id: RunId,
    /// The company's slug.
    pub company: String,
    /// The company's id.
    pub company_id: i64,
    /// Job ids, in the order of the URLs.
    pub job_ids: Vec<i64>,
    /// The URLs.
    pub urls: Vec<String>,
}

impl PageRun {
    /// Creates the company, a user, the run and one job per URL; the company
    /// is marked discovered so the run can finish.
    pub async fn create(stack: &jh_devstack::Devstack, company: &str, urls: &[String]) -> Result<Self> {
        use jh_common::db::{companies, jobs};
        let company_id = companies::upsert_company(
            &stack.pool,
            company,
            "Hostile Inc",
            "greenhouse",
            &serde_json::json!({"board": company}),
        )
        .await?;
        let c = companies::by_slug(&stack.pool, company).await?.context("company")?;
        let (user_id, _) = stack.dev_token(&format!("{company}@jh.local")).await?;
        let run_id = runs::create(&stack.pool, user_id, std::slice::from_ref(&c), &[]).await?;
        let listed: Vec<jobs::ListedJob> = urls
            .iter()
            .enumerate()
            .map(|(i, u)| jobs::ListedJob {
                external_id: format!("{i}"),
                url: u.clone(),
                title: format!("Job {i}"),
                location_text: None,
            })
            .collect();
        let listing = jobs::record_listing(&stack.pool, company_id, &listed).await?;
        let job_ids: Vec<i64> = listing.jobs.iter().map(|(id, _)| *id).collect();
        jobs::add_to_run(&stack.pool, run_id, company_id, &job_ids).await?;
        runs::finish_company(&stack.pool, run_id, company_id, "discovered", job_ids.len() as i32, 0, None).await?;
        Ok(Self { run_id, company: company.to_owned(), company_id, job_ids, urls: urls.to_vec() })
    }

    /// An SQS event carrying one `page` message per job, in order, as
    /// Lambda delivers a FIFO batch.
    pub fn event(&self) -> aws_lambda_events::event::sqs::SqsEvent {
        use jh_common::domain::{CompanySlug, JobUrl};
        use jh_common::messages::CrawlMessage;
        let mut event = aws_lambda_events::event::sqs::SqsEvent::default();
        event.records = self
            .job_ids
            .iter()
            .zip(&self.urls)
            .map(|(job_id, url)| {
                let msg = CrawlMessage::Page {
                    run_id: self.run_id,
                    company: CompanySlug::new(self.company.clone()).expect("slug"),
                    job_id: *job_id,
                    url: JobUrl::new(url).expect("url"),
                };
                let mut m = aws_lambda_events::event::sqs::SqsMessage::default();
                m.message_id = Some(format!("m-{job_id}"));
                m.body = Some(msg.encode());
                m.attributes.insert("MessageGroupId".into(), self.company.clone());
                m.attributes.insert("ApproximateReceiveCount".into(), "1".into());
                m
            })
            .collect();
        event
    }

    /// `(status, error)` of every job, in URL order.
    pub async fn statuses(&self, pool: &PgPool) -> Result<Vec<(String, Option<String>)>> {
        let mut out = Vec::new();
        for id in &self.job_ids {
            let row: (String, Option<String>) =
                sqlx::query_as("SELECT status, error FROM run_jobs WHERE run_id = $1 AND job_id = $2")
                    .bind(self.run_id)
                    .bind(id)
                    .fetch_one(pool)
                    .await?;
            out.push(row);
        }
        Ok(out)
    }
}

/// A crawler wired to the stack, with extra environment overrides (e.g. a
/// short fetch timeout), and its EMF lines captured.
pub fn crawler(
    stack: &jh_devstack::Devstack,
    overrides: &[(&str, &str)],
) -> Result<(jh_crawler::Crawler, Arc<Mutex<Vec<String>>>)> {
    let mut env = stack.env();
    for (k, v) in overrides {
        env.insert((*k).to_owned(), (*v).to_owned());
    }
    let cfg = jh_crawler::Config::from_env(&jh_common::config::Env::from_map(env))?;
    let pool = jh_common::db::lazy_pool(&cfg.db)?;
    let lines = Arc::new(Mutex::new(Vec::new()));
    let sink = lines.clone();
    let metrics = jh_common::metrics::Metrics::with_sink(
        "crawler",
        Arc::new(move |l: &str| sink.lock().expect("lock").push(l.to_owned())),
    );
    let crawler = jh_crawler::Crawler::new(
        cfg,
        pool,
        jh_common::aws::s3_client(&stack.sdk),
        aws_sdk_sqs::Client::new(&stack.sdk),
    )?
    .with_metrics(metrics);
    Ok((crawler, lines))
}

/// Sum of an EMF counter over captured lines.
pub fn emf_sum(lines: &Mutex<Vec<String>>, name: &str) -> u64 {
    lines
        .lock()
        .expect("lock")
        .iter()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v[name].as_u64())
        .sum()
}
