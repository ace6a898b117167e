//! End to end: a run started over HTTP travels the whole pipeline through
//! real Postgres and moto's S3 and SQS, and a second run skips the pages
//! that did not change.

use std::sync::atomic::Ordering;
use std::time::Duration;

use jh_common::domain::{JobStatus, RunStatus};
use jh_devstack::{Devstack, DevstackOptions, WorkerOptions};
use jh_e2e::{start_run, wait_for_run};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_run_lands_every_job_ready_and_a_second_run_sends_no_extract_message() {
    // GIVEN the local stack with three fixture companies, and the functions running
    let stack = Devstack::start(DevstackOptions::test()).await.unwrap();
    let functions = stack.start_functions(WorkerOptions::default()).await.unwrap();
    let (_, token) = stack.dev_token("e2e@jh.local").await.unwrap();
    let expected_jobs = stack.fixtures.job_count() as i64;
    assert!(expected_jobs >= 20);

    // WHEN a run is started over HTTP and followed to the end
    let run1 = start_run(&functions.api_url, &token).await.unwrap();
    let s1 = wait_for_run(&stack.pool, run1, Duration::from_secs(120)).await.unwrap();

    // THEN every job ended ready ...
    assert_eq!(s1.status, RunStatus::Finished, "{s1:?}");
    assert_eq!(s1.jobs_total, expected_jobs);
    assert_eq!(s1.count(JobStatus::Ready), expected_jobs, "{s1:?}");
    // ... and counted once each in the extractor's EMF line (written when
    // its last batch returns, just after the run finished) ...
    let counted = async {
        while (functions.metric("PagesExtracted") as i64) < expected_jobs {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    };
    tokio::time::timeout(Duration::from_secs(10), counted).await.expect("PagesExtracted reaches the job count");
    assert_eq!(functions.metric("PagesExtracted") as i64, expected_jobs);
    // ... with title, company and location in Postgres ...
    type Row = (String, String, Option<String>, Option<String>, Option<String>, Option<i64>);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT rj.status, c.name, j.title, j.location_text, j.object_key, j.simhash
         FROM run_jobs rj JOIN jobs j ON j.id = rj.job_id JOIN companies c ON c.id = j.company_id
         WHERE rj.run_id = $1",
    )
    .bind(run1)
    .fetch_all(&stack.pool)
    .await
    .unwrap();
    assert_eq!(rows.len() as i64, expected_jobs);
    let s3 = jh_common::aws::s3_client(&stack.sdk);
    for (status, company, title, location, key, simhash) in &rows {
        assert_eq!(status, "ready");
        assert!(!company.is_empty());
        assert!(title.as_deref().is_some_and(|t| !t.is_empty()), "job without title");
        assert!(location.as_deref().is_some_and(|l| !l.is_empty()), "job without location");
        assert!(simhash.is_some(), "fingerprint not stored");
        // ... and its raw HTML object exists in S3, gzip-compressed.
        let key = key.as_deref().expect("object key stored");
        let obj = s3.get_object().bucket(&stack.resources.bucket).key(key).send().await.unwrap();
        let body = obj.body.collect().await.unwrap().into_bytes();
        let html = jh_common::storage::gunzip_bounded(&body, 10 << 20).unwrap();
        assert!(String::from_utf8_lossy(&html).contains("application/ld+json"));
    }
    // The extracted fields come from the JSON-LD, not just the listing.
    let (salary_min, currency, sources): (Option<f64>, Option<String>, serde_json::Value) =
        sqlx::query_as("SELECT salary_min, salary_currency, field_sources FROM jobs LIMIT 1")
            .fetch_one(&stack.pool)
            .await
            .unwrap();
    assert!(salary_min.is_some() && currency.is_some());
    assert_eq!(sources["title"], "jsonld");

    // WHEN a second run crawls the same, unchanged sites
    let extract_before = functions.extractor.stats.messages.load(Ordering::SeqCst);
    let run2 = start_run(&functions.api_url, &token).await.unwrap();
    let s2 = wait_for_run(&stack.pool, run2, Duration::from_secs(120)).await.unwrap();
    tokio::time::sleep(Duration::from_millis(1500)).await;

    // THEN the same jobs are all unchanged and no extract message was sent
    assert_eq!(s2.status, RunStatus::Finished);
    assert_eq!(s2.jobs_total, expected_jobs);
    assert_eq!(s2.count(JobStatus::Unchanged), expected_jobs, "{s2:?}");
    assert_eq!(functions.extractor.stats.messages.load(Ordering::SeqCst), extract_before);
    let sqs = aws_sdk_sqs::Client::new(&stack.sdk);
    assert!(jh_e2e::drain(&sqs, &stack.resources.extract_queue, 10).await.unwrap().is_empty());
    // ... the board that sends ETags got conditional requests and answered 304,
    // the others were judged unchanged by their SimHash
    let codes: Vec<(String, Option<i32>)> = sqlx::query_as(
        "SELECT c.slug, rj.http_status FROM run_jobs rj JOIN companies c ON c.id = rj.company_id WHERE rj.run_id = $1",
    )
    .bind(run2)
    .fetch_all(&stack.pool)
    .await
    .unwrap();
    assert!(codes.iter().all(|(slug, code)| *code == Some(if slug == "globex" { 304 } else { 200 })), "{codes:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_second_start_while_a_run_is_active_is_a_conflict_naming_it() {
    // GIVEN a stack whose workers are not running, so a run stays active
    let stack = Devstack::start(DevstackOptions::test()).await.unwrap();
    let env = stack.config_env();
    let cfg = jh_api::Config::from_env(&env).unwrap();
    let state = jh_api::AppState::new(
        cfg,
        stack.pool.clone(),
        aws_sdk_sqs::Client::new(&stack.sdk),
        aws_sdk_cloudwatchlogs::Client::new(&stack.sdk),
    );
    let (user_id, _) = stack.dev_token("twice@jh.local").await.unwrap();
    let first = jh_api::ingestions::start_run(&state, user_id).await.unwrap();
    // WHEN the same user starts again
    let err = jh_api::ingestions::start_run(&state, user_id).await.unwrap_err();
    // THEN it is a 409 naming the active run, and the first run sent one discover per company
    match err {
        jh_api::error::ApiError::Conflict { extra, .. } => assert_eq!(extra["active_run_id"], first.to_string()),
        other => panic!("expected a conflict, got {other:?}"),
    }
    let sqs = aws_sdk_sqs::Client::new(&stack.sdk);
    let msgs = jh_e2e::drain(&sqs, &stack.resources.crawl_queue, 10).await.unwrap();
    // FIFO: one group per company, so each group shows its first message.
    assert_eq!(msgs.len(), stack.fixtures.companies().len());
    assert!(msgs.iter().all(|m| m.body().unwrap_or("").contains(r#""type":"discover""#)));
}
