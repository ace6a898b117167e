//! Change awareness across runs, and crash safety: a job that changed is
//! extracted again, one that did not is skipped, one that left the board is
//! closed (and reopened when it comes back), and a crash at any step of the
//! crawl never loses or duplicates an extraction.

use std::collections::HashMap;
use std::time::Duration;

use jh_common::domain::{JobStatus, RunStatus};
use jh_crawler::points;
use jh_devstack::{Devstack, DevstackOptions, PollerOptions, WorkerOptions};
use jh_e2e::{LogCapture, start_run, wait_for_run};

/// When the job with this external id was closed, if it is.
async fn closed_at(stack: &Devstack, external_id: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    sqlx::query_scalar("SELECT closed_at FROM jobs WHERE external_id = $1")
        .bind(external_id)
        .fetch_one(&stack.pool)
        .await
        .unwrap()
}

async fn statuses_by_external_id(stack: &Devstack, run: jh_common::domain::RunId) -> HashMap<String, String> {
    sqlx::query_as::<_, (String, String)>(
        "SELECT j.external_id, rj.status FROM run_jobs rj JOIN jobs j ON j.id = rj.job_id WHERE rj.run_id = $1",
    )
    .bind(run)
    .fetch_all(&stack.pool)
    .await
    .unwrap()
    .into_iter()
    .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn changed_pages_are_extracted_unchanged_ones_skipped_and_removed_jobs_closed_then_reopened() {
    // GIVEN a first run over the fixture sites
    let stack = Devstack::start(DevstackOptions::test()).await.unwrap();
    let functions = stack.start_functions(WorkerOptions::default()).await.unwrap();
    let (_, token) = stack.dev_token("changes@jh.local").await.unwrap();
    let run1 = start_run(&functions.api_url, &token).await.unwrap();
    assert_eq!(wait_for_run(&stack.pool, run1, Duration::from_secs(120)).await.unwrap().status, RunStatus::Finished);
    let acme = stack.fixtures.companies().into_iter().find(|c| c.slug == "acme").unwrap();
    let (salary_job, text_job, removed_job) = (acme.jobs[0].id, acme.jobs[1].id, acme.jobs[2].id);

    // WHEN one job's salary changes only in its JSON-LD, one's description is rewritten, and one leaves the board
    stack.fixtures.edit_job(salary_job, |j| j.salary = (j.salary.0 + 5_000, j.salary.1 + 5_000));
    stack.fixtures.edit_job(text_job, |j| {
        j.paragraphs = (0..6)
            .map(|i| {
                format!(
                    "Completely new responsibilities number {i} for a reorganised team with different goals and tools."
                )
            })
            .collect()
    });
    let removed = acme.jobs[2].clone();
    stack.fixtures.remove_job(removed_job);
    let run2 = start_run(&functions.api_url, &token).await.unwrap();
    let s2 = wait_for_run(&stack.pool, run2, Duration::from_secs(120)).await.unwrap();

    // THEN the two edited jobs were extracted again, every other job was unchanged ...
    let st = statuses_by_external_id(&stack, run2).await;
    assert_eq!(st[&salary_job.to_string()], "ready", "a salary-only JSON-LD edit must not be skipped");
    assert_eq!(st[&text_job.to_string()], "ready");
    assert!(!st.contains_key(&removed_job.to_string()));
    assert_eq!(s2.count(JobStatus::Unchanged), s2.jobs_total - 2, "{s2:?}");
    let salary_min: f64 = sqlx::query_scalar("SELECT salary_min FROM jobs WHERE external_id = $1")
        .bind(salary_job.to_string())
        .fetch_one(&stack.pool)
        .await
        .unwrap();
    assert_eq!(salary_min, (acme.jobs[0].salary.0 + 5_000) as f64);
    // ... and the removed job is closed, counted in the run's company metadata
    assert!(closed_at(&stack, &removed_job.to_string()).await.is_some());
    let acme_meta = s2.companies.iter().find(|c| c.company == "acme").unwrap();
    assert_eq!(acme_meta.jobs_closed, 1);

    // WHEN the job comes back
    stack.fixtures.add_job("acme", removed);
    let run3 = start_run(&functions.api_url, &token).await.unwrap();
    wait_for_run(&stack.pool, run3, Duration::from_secs(120)).await.unwrap();
    // THEN it is reopened and crawled again (unchanged: its page is the one extracted before)
    assert!(closed_at(&stack, &removed_job.to_string()).await.is_none());
    assert_eq!(statuses_by_external_id(&stack, run3).await[&removed_job.to_string()], "unchanged");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn crashes_after_fetch_s3_write_extract_send_and_before_the_fingerprint_update_lose_and_duplicate_no_extraction()
{
    let logs = LogCapture::install();
    // GIVEN the pipeline with crash points armed at every step of the page crawl
    let stack = Devstack::start(DevstackOptions::test()).await.unwrap();
    let workers = WorkerOptions {
        crawler: PollerOptions { batch_size: 1, concurrency: 3, wait: Duration::from_secs(1) },
        ..WorkerOptions::default()
    };
    let functions = stack.start_functions(workers).await.unwrap();
    for point in [points::AFTER_FETCH, points::AFTER_S3_PUT, points::AFTER_EXTRACT_SEND] {
        functions.crawler_failpoints.arm(point, 2);
    }
    functions.extractor_failpoints.arm(jh_extractor::points::BEFORE_SAVE, 2);
    let (_, token) = stack.dev_token("crash@jh.local").await.unwrap();

    // WHEN a run goes through, its messages redelivered after each crash
    let run = start_run(&functions.api_url, &token).await.unwrap();
    let s = wait_for_run(&stack.pool, run, Duration::from_secs(180)).await.unwrap();

    // THEN every crash point fired, and still every job is ready ...
    for point in [points::AFTER_FETCH, points::AFTER_S3_PUT, points::AFTER_EXTRACT_SEND] {
        assert_eq!(functions.crawler_failpoints.remaining(point), 0, "{point} never reached");
    }
    assert_eq!(functions.extractor_failpoints.remaining(jh_extractor::points::BEFORE_SAVE), 0);
    let expected = stack.fixtures.job_count() as i64;
    assert_eq!(s.count(JobStatus::Ready), expected, "{s:?}");
    // ... each extracted exactly once ...
    tokio::time::sleep(Duration::from_secs(3)).await;
    let text = logs.text();
    let mut ready: HashMap<i64, u32> = HashMap::new();
    for line in text.lines().filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok()) {
        if line["message"] == "extract" && line["outcome"] == "ready" {
            *ready.entry(line["job_id"].as_i64().unwrap()).or_default() += 1;
        }
    }
    assert_eq!(ready.len() as i64, expected);
    assert!(ready.values().all(|n| *n == 1), "some job extracted twice: {ready:?}");
    // ... with the right content
    for c in stack.fixtures.companies() {
        for j in c.jobs {
            let (title, fp): (Option<String>, Option<i64>) =
                sqlx::query_as("SELECT title, simhash FROM jobs WHERE external_id = $1")
                    .bind(j.id.to_string())
                    .fetch_one(&stack.pool)
                    .await
                    .unwrap();
            assert_eq!(title.as_deref(), Some(j.title.as_str()));
            assert!(fp.is_some());
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_empty_listing_for_a_company_with_open_jobs_closes_nothing_and_says_why() {
    // GIVEN a first run, after which one company's board suddenly lists nothing
    let stack = Devstack::start(DevstackOptions::test()).await.unwrap();
    let functions = stack.start_functions(WorkerOptions::default()).await.unwrap();
    let (_, token) = stack.dev_token("empty@jh.local").await.unwrap();
    let run1 = start_run(&functions.api_url, &token).await.unwrap();
    wait_for_run(&stack.pool, run1, Duration::from_secs(120)).await.unwrap();
    let initech = stack.fixtures.companies().into_iter().find(|c| c.slug == "initech").unwrap();
    for j in &initech.jobs {
        stack.fixtures.remove_job(j.id);
    }
    // WHEN the next run lists it
    let run2 = start_run(&functions.api_url, &token).await.unwrap();
    let s = wait_for_run(&stack.pool, run2, Duration::from_secs(120)).await.unwrap();
    // THEN its discovery is an error naming the reason, and its jobs stay open
    let meta = s.companies.iter().find(|c| c.company == "initech").unwrap();
    assert_eq!(meta.status, "error");
    assert!(meta.error.as_deref().unwrap().contains("listed no jobs while 7 are open"), "{meta:?}");
    let open: i64 = sqlx::query_scalar("SELECT count(*) FROM jobs j JOIN companies c ON c.id = j.company_id WHERE c.slug = 'initech' AND j.closed_at IS NULL")
        .fetch_one(&stack.pool)
        .await
        .unwrap();
    assert_eq!(open, 7);
}
