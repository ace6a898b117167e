//! Ending a run (abort, failure) records every job and company it still had
//! open, so a run whose messages were lost — found by `cargo xtask chaos`
//! when moto was restarted mid-run — still ends with nothing left open;
//! and a redelivered message finishes a run its first delivery recorded
//! the last job of but could not finish (found with Postgres cut mid-run).

use jh_common::db::jobs::{self, ListedJob};
use jh_common::db::{companies, runs};
use jh_common::domain::RunStatus;
use jh_devstack::{Devstack, DevstackOptions};
use jh_e2e::PageRun;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn aborting_a_run_whose_messages_were_lost_records_every_open_job_and_company() {
    // GIVEN a run with three jobs, one of them finished, whose messages are
    // gone (no worker will ever see them), and a second run whose company
    // was never discovered
    let stack = Devstack::start(DevstackOptions::test()).await.unwrap();
    let urls: Vec<String> = (0..3).map(|i| format!("https://jobs.example.com/lost/{i}")).collect();
    let run = PageRun::create(&stack, "lost-messages", &urls).await.unwrap();
    jh_common::db::jobs::set_status(
        &stack.pool,
        run.run_id,
        run.job_ids[0],
        jh_common::domain::JobStatus::Gone,
        None,
        Some(404),
    )
    .await
    .unwrap();
    let (user_id, _) = stack.dev_token("undiscovered@jh.local").await.unwrap();
    let acme = companies::by_slug(&stack.pool, "acme").await.unwrap().unwrap();
    let undiscovered = runs::create(&stack.pool, user_id, std::slice::from_ref(&acme), &[]).await.unwrap();

    // WHEN both are ended
    assert!(runs::end(&stack.pool, run.run_id, RunStatus::Aborted, Some("aborted by the user")).await.unwrap());
    assert!(
        runs::end(&stack.pool, undiscovered, RunStatus::Failed, Some("could not enqueue discovery")).await.unwrap()
    );

    // THEN the open jobs are skipped with the reason, the finished one is untouched ...
    let statuses = run.statuses(&stack.pool).await.unwrap();
    assert_eq!(statuses[0], ("gone".to_owned(), None));
    for (status, error) in &statuses[1..] {
        assert_eq!(status, "skipped");
        assert_eq!(error.as_deref(), Some("run aborted"));
    }
    // ... the undiscovered company is skipped, and both runs are terminal
    let s = runs::summary(&stack.pool, undiscovered).await.unwrap().unwrap();
    assert_eq!(s.status, RunStatus::Failed);
    assert_eq!(s.companies[0].status, "skipped");
    assert_eq!(s.companies[0].error.as_deref(), Some("run failed"));
    assert_eq!(runs::summary(&stack.pool, run.run_id).await.unwrap().unwrap().status, RunStatus::Aborted);
    // ... and ending again changes nothing
    assert!(!runs::end(&stack.pool, run.run_id, RunStatus::Failed, Some("late")).await.unwrap());
}

/// Lists two new jobs on a company's board, as a discovery does; their ids.
async fn list_two_new_jobs(pool: &sqlx::PgPool, company_id: i64, tag: &str) -> Vec<i64> {
    let job = |n: u8| ListedJob {
        external_id: format!("{tag}-{n}"),
        url: format!("https://jobs.example.com/{tag}/{n}"),
        title: format!("New Job {n}"),
        location_text: None,
    };
    let listing = jobs::record_listing(pool, company_id, &[job(1), job(2)]).await.unwrap();
    listing.jobs.iter().map(|(id, _)| *id).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_discovery_that_lists_jobs_after_its_run_ended_adds_none_and_one_that_listed_before_has_them_skipped() {
    // GIVEN two active runs, and a discovery of each that lists two new jobs
    let stack = Devstack::start(DevstackOptions::test()).await.unwrap();
    let ended_first =
        PageRun::create(&stack, "late-listing", &["https://jobs.example.com/late/0".into()]).await.unwrap();
    let listed_first =
        PageRun::create(&stack, "early-listing", &["https://jobs.example.com/early/0".into()]).await.unwrap();
    let late_ids = list_two_new_jobs(&stack.pool, ended_first.company_id, "late").await;
    let early_ids = list_two_new_jobs(&stack.pool, listed_first.company_id, "early").await;

    // WHEN one run is aborted before its discovery adds the jobs, and the other after
    assert!(runs::end(&stack.pool, ended_first.run_id, RunStatus::Aborted, Some("aborted by the user")).await.unwrap());
    let added_late =
        jobs::add_to_run(&stack.pool, ended_first.run_id, ended_first.company_id, &late_ids).await.unwrap();
    let added_early =
        jobs::add_to_run(&stack.pool, listed_first.run_id, listed_first.company_id, &early_ids).await.unwrap();
    assert!(
        runs::end(&stack.pool, listed_first.run_id, RunStatus::Aborted, Some("aborted by the user")).await.unwrap()
    );

    // THEN the ended run gained no job ...
    let in_run = |run, ids: Vec<i64>| {
        let pool = stack.pool.clone();
        async move {
            sqlx::query_as::<_, (i64, i64)>(
                "SELECT count(*), count(*) FILTER (WHERE status <> 'skipped') FROM run_jobs WHERE run_id = $1 AND job_id = ANY($2)",
            )
            .bind(run)
            .bind(ids)
            .fetch_one(&pool)
            .await
            .unwrap()
        }
    };
    assert!(!added_late);
    assert_eq!(in_run(ended_first.run_id, late_ids).await, (0, 0));
    // ... and the run that was still active has them, every one recorded skipped by its end
    assert!(added_early);
    assert_eq!(in_run(listed_first.run_id, early_ids).await, (2, 0));
}

/// One job of `run` recorded with `status`, as a delivery that wrote it and
/// then lost Postgres before the run's finish check leaves it.
async fn recorded_but_not_finished(stack: &Devstack, run: &PageRun, status: jh_common::domain::JobStatus) {
    jobs::set_status(&stack.pool, run.run_id, run.job_ids[0], status, None, Some(200)).await.unwrap();
    let s = runs::summary(&stack.pool, run.run_id).await.unwrap().unwrap();
    assert!(!s.status.is_terminal(), "the run must still be open for this test: {s:?}");
}

fn sqs_event(body: String) -> aws_lambda_events::event::sqs::SqsEvent {
    let mut m = aws_lambda_events::event::sqs::SqsMessage::default();
    m.message_id = Some(format!("redelivery-{}", body.len()));
    m.body = Some(body);
    m.attributes.insert("ApproximateReceiveCount".into(), "2".into());
    let mut e = aws_lambda_events::event::sqs::SqsEvent::default();
    e.records = vec![m];
    e
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_redelivery_of_finished_work_finishes_the_run_its_first_delivery_left_open() {
    // GIVEN three runs whose last job is recorded but which are not finished,
    // as when Postgres went away between a worker's write and its finish
    // check (found by the chaos "Postgres down" scenario): one crawled
    // unchanged, one extracted, one whose company's discovery was recorded
    use jh_common::domain::{CompanySlug, JobStatus, JobUrl};
    use jh_common::messages::{CrawlMessage, ExtractMessage, Hex64};
    let stack = Devstack::start(DevstackOptions::test()).await.unwrap();
    let crawled = PageRun::create(&stack, "redeliver-page", &["https://jobs.example.com/rp/0".into()]).await.unwrap();
    let extracted =
        PageRun::create(&stack, "redeliver-extract", &["https://jobs.example.com/re/0".into()]).await.unwrap();
    let discovered =
        PageRun::create(&stack, "redeliver-discover", &["https://jobs.example.com/rd/0".into()]).await.unwrap();
    recorded_but_not_finished(&stack, &crawled, JobStatus::Unchanged).await;
    recorded_but_not_finished(&stack, &extracted, JobStatus::Ready).await;
    recorded_but_not_finished(&stack, &discovered, JobStatus::Gone).await;
    let (crawler, _) = jh_e2e::crawler(&stack, &[]).unwrap();
    let cfg = jh_extractor::Config::from_env(&stack.config_env()).unwrap();
    let extractor = jh_extractor::Extractor::new(
        cfg,
        stack.pool.clone(),
        jh_common::aws::s3_client(&stack.sdk),
        aws_sdk_sqs::Client::new(&stack.sdk),
    );

    // WHEN each run's message is delivered again
    let page = crawler.handle_batch(&crawled.event(), None).await;
    let extract = ExtractMessage {
        run_id: extracted.run_id,
        company: CompanySlug::new(extracted.company.clone()).unwrap(),
        job_id: extracted.job_ids[0],
        url: JobUrl::new(&extracted.urls[0]).unwrap(),
        object_key: "pages/already-extracted.html.gz".into(),
        simhash: Hex64(1),
        structured_hash: None,
        etag: None,
        last_modified: None,
        fetched_at: chrono::Utc::now(),
    };
    let extract = extractor.handle_batch(&sqs_event(extract.encode())).await;
    let discover = CrawlMessage::Discover {
        run_id: discovered.run_id,
        company: CompanySlug::new(discovered.company.clone()).unwrap(),
    };
    let discover = crawler.handle_batch(&sqs_event(discover.encode()), None).await;

    // THEN each is consumed without redoing the work, and each run is finished
    for resp in [&page, &extract, &discover] {
        assert!(resp.batch_item_failures.is_empty(), "{resp:?}");
    }
    assert_eq!(crawled.statuses(&stack.pool).await.unwrap()[0].0, "unchanged");
    assert_eq!(extracted.statuses(&stack.pool).await.unwrap()[0].0, "ready");
    for run in [&crawled, &extracted, &discovered] {
        let s = runs::summary(&stack.pool, run.run_id).await.unwrap().unwrap();
        assert_eq!(s.status, RunStatus::Finished, "{}: {s:?}", run.company);
    }
}
