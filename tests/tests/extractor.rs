//! The extractor worker on the devstack (real Postgres, real S3 and SQS
//! clients against moto): idempotent upserts, search columns, recorded
//! errors for missing or unreadable pages, and a run finished exactly once
//! when several extractors finish its last jobs at the same moment.

use aws_lambda_events::event::sqs::{SqsEvent, SqsMessage};
use chrono::Utc;
use jh_common::db::runs;
use jh_common::domain::{CompanySlug, JobUrl};
use jh_common::messages::{ExtractMessage, Hex64};
use jh_common::storage::PageStore;
use jh_devstack::{Devstack, DevstackOptions};
use jh_e2e::PageRun;
use jh_extractor::{Config, Extractor};

fn page(title: &str, city: &str, salary: u32) -> String {
    format!(
        r#"<html><head><title>{title}</title><script type="application/ld+json">
        {{"@context":"https://schema.org","@type":"JobPosting","title":"{title}",
          "hiringOrganization":{{"@type":"Organization","name":"Acme Robotics"}},
          "jobLocation":{{"@type":"Place","address":{{"addressLocality":"{city}","addressCountry":"DE"}}}},
          "employmentType":"FULL_TIME","datePosted":"2026-02-01",
          "baseSalary":{{"@type":"MonetaryAmount","currency":"EUR","value":{{"@type":"QuantitativeValue","minValue":{salary},"maxValue":{},"unitText":"YEAR"}}}},
          "description":"&lt;p&gt;Build kubernetes operators in Rust.&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;"}}
        </script></head><body><h1>{title}</h1></body></html>"#,
        salary + 10_000
    )
}

fn extractor(stack: &Devstack) -> Extractor {
    let cfg = Config::from_env(&stack.config_env()).expect("extractor config");
    Extractor::new(cfg, stack.pool.clone(), jh_common::aws::s3_client(&stack.sdk), aws_sdk_sqs::Client::new(&stack.sdk))
}

fn message(run: &PageRun, i: usize, object_key: &str) -> SqsMessage {
    let msg = ExtractMessage {
        run_id: run.run_id,
        company: CompanySlug::new(run.company.clone()).expect("slug"),
        job_id: run.job_ids[i],
        url: JobUrl::new(&run.urls[i]).expect("url"),
        object_key: object_key.to_owned(),
        simhash: Hex64(0x1234_5678_9abc_def0 + i as u64),
        structured_hash: None,
        etag: Some(format!("\"e{i}\"")),
        last_modified: None,
        fetched_at: Utc::now(),
    };
    let mut m = SqsMessage::default();
    m.message_id = Some(format!("x-{}", run.job_ids[i]));
    m.body = Some(msg.encode());
    m
}

fn event(messages: Vec<SqsMessage>) -> SqsEvent {
    let mut e = SqsEvent::default();
    e.records = messages;
    e
}

fn urls(n: usize, tag: &str) -> Vec<String> {
    (0..n).map(|i| format!("https://jobs.example.com/{tag}/{i}")).collect()
}

async fn store(stack: &Devstack, html: &str) -> String {
    let cfg = Config::from_env(&stack.config_env()).expect("config");
    PageStore::new(jh_common::aws::s3_client(&stack.sdk), cfg.bucket, 1 << 20)
        .put_page(html.as_bytes())
        .await
        .expect("put page")
}

type JobRow = (
    Option<String>,
    Option<String>,
    Option<f64>,
    Option<String>,
    Option<String>,
    serde_json::Value,
    Option<chrono::DateTime<Utc>>,
);

async fn job_row(stack: &Devstack, id: i64) -> JobRow {
    sqlx::query_as(
        "SELECT title, location_text, salary_min, description_text, description_html, field_sources, extracted_at FROM jobs WHERE id = $1",
    )
    .bind(id)
    .fetch_one(&stack.pool)
    .await
    .expect("job row")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_extraction_fills_the_job_and_its_search_columns_and_a_redelivery_changes_nothing() {
    // GIVEN a run with one job whose page is stored
    let stack = Devstack::start(DevstackOptions::test()).await.unwrap();
    let run = PageRun::create(&stack, "extract-idem", &urls(1, "idem")).await.unwrap();
    let key = store(&stack, &page("Platform Engineer", "Berlin", 70_000)).await;
    let ex = extractor(&stack);

    // WHEN the extract message is handled
    let resp = ex.handle_batch(&event(vec![message(&run, 0, &key)])).await;

    // THEN nothing failed, the job has the extracted fields, sanitised HTML and sources ...
    assert!(resp.batch_item_failures.is_empty(), "{:?}", resp.batch_item_failures);
    let first = job_row(&stack, run.job_ids[0]).await;
    assert_eq!(first.0.as_deref(), Some("Platform Engineer"));
    assert_eq!(first.1.as_deref(), Some("Berlin, DE"));
    assert_eq!(first.2, Some(70_000.0));
    assert!(first.3.as_deref().is_some_and(|t| t.contains("kubernetes operators")));
    assert!(first.4.as_deref().is_some_and(|h| h.contains("<p>") && !h.contains("script")), "{:?}", first.4);
    assert_eq!(first.5["title"], "jsonld");
    // ... the full-text search finds it by a word of the description and of the location ...
    let hits: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM jobs WHERE id = $1 AND search_tsv @@ plainto_tsquery('english', 'kubernetes berlin')",
    )
    .bind(run.job_ids[0])
    .fetch_one(&stack.pool)
    .await
    .unwrap();
    assert_eq!(hits, 1);
    // ... the job is ready and the run, whose only job it was, finished.
    assert_eq!(run.statuses(&stack.pool).await.unwrap()[0].0, "ready");
    let summary = runs::summary(&stack.pool, run.run_id).await.unwrap().unwrap();
    assert!(summary.status.is_terminal(), "{summary:?}");

    // WHEN the same message is delivered again, now pointing at a different page
    let other = store(&stack, &page("Changed Title", "Munich", 99_000)).await;
    let resp = ex.handle_batch(&event(vec![message(&run, 0, &other)])).await;

    // THEN it is consumed and nothing about the job changed
    assert!(resp.batch_item_failures.is_empty());
    assert_eq!(job_row(&stack, run.job_ids[0]).await, first);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_salary_ceiling_is_stored_as_a_maximum_only_and_searched_by_it() {
    // GIVEN a run with one job whose page publishes pay only as a ceiling
    let stack = Devstack::start(DevstackOptions::test()).await.unwrap();
    let run = PageRun::create(&stack, "extract-ceiling", &urls(1, "ceiling")).await.unwrap();
    let html = r#"<html><head><title>Analyst - Acme</title></head><body><main><h1>Analyst</h1>
        <p>Location: Denver, Colorado</p><p>Salary: Up to $150,000 per year</p></main></body></html>"#;
    let key = store(&stack, html).await;

    // WHEN the extract message is handled
    let resp = extractor(&stack).handle_batch(&event(vec![message(&run, 0, &key)])).await;

    // THEN the job has no minimum, the ceiling as its maximum, and the search
    // column that "pay at least" filters read is that ceiling
    assert!(resp.batch_item_failures.is_empty(), "{:?}", resp.batch_item_failures);
    let (min, max, year): (Option<f64>, Option<f64>, Option<f64>) = sqlx::query_as(
        "SELECT j.salary_min, j.salary_max, s.salary_year FROM jobs j JOIN job_search s ON s.id = j.id WHERE j.id = $1",
    )
    .bind(run.job_ids[0])
    .fetch_one(&stack.pool)
    .await
    .unwrap();
    assert_eq!((min, max, year), (None, Some(150_000.0), Some(150_000.0)));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_missing_object_or_an_unreadable_page_is_a_recorded_job_error_not_a_retry() {
    // GIVEN a run with three jobs: one page missing from S3, one page that
    // is not a job posting, one stored gzip object that is corrupt
    let stack = Devstack::start(DevstackOptions::test()).await.unwrap();
    let run = PageRun::create(&stack, "extract-errors", &urls(3, "err")).await.unwrap();
    let not_a_job =
        store(&stack, "<html><head><title>Jobs</title></head><body><p>Nothing here</p></body></html>").await;
    let cfg = Config::from_env(&stack.config_env()).unwrap();
    let corrupt_key = "pages/corrupt.html.gz";
    jh_common::aws::s3_client(&stack.sdk)
        .put_object()
        .bucket(&cfg.bucket)
        .key(corrupt_key)
        .body(b"this is not gzip".to_vec().into())
        .send()
        .await
        .unwrap();
    let ex = extractor(&stack);

    // WHEN the batch is handled
    let resp = ex
        .handle_batch(&event(vec![
            message(&run, 0, "pages/does-not-exist.html.gz"),
            message(&run, 1, &not_a_job),
            message(&run, 2, corrupt_key),
        ]))
        .await;

    // THEN no message is reported for retry, each job is an error with its reason ...
    assert!(resp.batch_item_failures.is_empty(), "{:?}", resp.batch_item_failures);
    let statuses = run.statuses(&stack.pool).await.unwrap();
    assert!(statuses.iter().all(|(s, _)| s == "error"), "{statuses:?}");
    assert!(statuses[1].1.as_deref().is_some_and(|e| e.contains("no JobPosting")), "{statuses:?}");
    assert!(statuses.iter().all(|(_, e)| e.is_some()));
    // ... and with every job terminal the run is finished.
    let summary = runs::summary(&stack.pool, run.run_id).await.unwrap().unwrap();
    assert!(summary.status.is_terminal(), "{summary:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_failure_that_outlasts_the_retries_is_a_recorded_job_error_on_the_last_delivery() {
    // GIVEN a stored page whose save keeps failing (the crash point before
    // the write, armed for two deliveries)
    let stack = Devstack::start(DevstackOptions::test()).await.unwrap();
    let run = PageRun::create(&stack, "extract-give-up", &urls(1, "give-up")).await.unwrap();
    let key = store(&stack, &page("Platform Engineer", "Berlin", 70_000)).await;
    let ex = extractor(&stack);
    ex.failpoints().arm(jh_extractor::points::BEFORE_SAVE, 2);
    let delivery = |n: u32| {
        let mut m = message(&run, 0, &key);
        m.attributes.insert("ApproximateReceiveCount".into(), n.to_string());
        event(vec![m])
    };

    // WHEN it is delivered for the fourth time (of five allowed)
    let early = ex.handle_batch(&delivery(4)).await;
    // THEN it goes back to the queue and the job is still open
    assert_eq!(early.batch_item_failures.len(), 1, "{early:?}");
    assert_eq!(run.statuses(&stack.pool).await.unwrap()[0].0, "pending");

    // WHEN the fifth and last delivery fails too
    let last = ex.handle_batch(&delivery(5)).await;
    // THEN the message is consumed, the job is an error that says why, and the run ends
    assert!(last.batch_item_failures.is_empty(), "{last:?}");
    let statuses = run.statuses(&stack.pool).await.unwrap();
    assert_eq!(statuses[0].0, "error");
    assert!(statuses[0].1.as_deref().is_some_and(|e| e.starts_with("gave up after 5 deliveries")), "{statuses:?}");
    assert!(runs::summary(&stack.pool, run.run_id).await.unwrap().unwrap().status.is_terminal());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 8)]
async fn a_run_is_finished_exactly_once_when_several_extractors_finish_its_last_jobs_together() {
    // GIVEN a run whose eight jobs all have their pages stored
    let stack = Devstack::start(DevstackOptions::test()).await.unwrap();
    let n = 8;
    let run = PageRun::create(&stack, "extract-race", &urls(n, "race")).await.unwrap();
    let mut keys = Vec::new();
    for i in 0..n {
        keys.push(store(&stack, &page(&format!("Engineer {i}"), "Hamburg", 60_000 + i as u32)).await);
    }
    // A trigger counts every transition of the run to `finished`.
    sqlx::raw_sql(
        "CREATE TABLE IF NOT EXISTS test_run_finishes (run_id UUID, at TIMESTAMPTZ DEFAULT clock_timestamp());
         CREATE OR REPLACE FUNCTION test_count_finish() RETURNS trigger AS $$
         BEGIN
             IF NEW.status = 'finished' AND OLD.status IS DISTINCT FROM 'finished' THEN
                 INSERT INTO test_run_finishes (run_id) VALUES (NEW.id);
             END IF;
             RETURN NEW;
         END $$ LANGUAGE plpgsql;
         DROP TRIGGER IF EXISTS test_count_finish ON ingestion_runs;
         CREATE TRIGGER test_count_finish AFTER UPDATE ON ingestion_runs FOR EACH ROW EXECUTE FUNCTION test_count_finish();",
    )
    .execute(&stack.pool)
    .await
    .unwrap();

    // WHEN eight extractor instances each handle one of the jobs at the same moment
    let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(n));
    let mut tasks = Vec::new();
    for (i, key) in keys.iter().enumerate() {
        let ex = extractor(&stack);
        let ev = event(vec![message(&run, i, key)]);
        let barrier = barrier.clone();
        tasks.push(tokio::spawn(async move {
            barrier.wait().await;
            ex.handle_batch(&ev).await
        }));
    }
    for t in tasks {
        let resp = t.await.unwrap();
        assert!(resp.batch_item_failures.is_empty(), "{:?}", resp.batch_item_failures);
    }

    // THEN every job is ready, the run is finished, and it became finished exactly once
    let statuses = run.statuses(&stack.pool).await.unwrap();
    assert!(statuses.iter().all(|(s, _)| s == "ready"), "{statuses:?}");
    let summary = runs::summary(&stack.pool, run.run_id).await.unwrap().unwrap();
    assert_eq!(summary.status.to_string(), "finished");
    let finishes: i64 = sqlx::query_scalar("SELECT count(*) FROM test_run_finishes WHERE run_id = $1")
        .bind(run.run_id)
        .fetch_one(&stack.pool)
        .await
        .unwrap();
    assert_eq!(finishes, 1);
}
