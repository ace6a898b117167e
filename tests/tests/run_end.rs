//! Ending a run (abort, failure) records every job and company it still had
//! open, so a run whose messages were lost — found by `cargo xtask chaos`
//! when moto was restarted mid-run — still ends with nothing left open.

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
    jh_common::db::jobs::set_status(&stack.pool, run.run_id, run.job_ids[0], jh_common::domain::JobStatus::Gone, None, Some(404))
        .await
        .unwrap();
    let (user_id, _) = stack.dev_token("undiscovered@jh.local").await.unwrap();
    let acme = companies::by_slug(&stack.pool, "acme").await.unwrap().unwrap();
    let undiscovered = runs::create(&stack.pool, user_id, std::slice::from_ref(&acme), &[]).await.unwrap();

    // WHEN both are ended
    assert!(runs::end(&stack.pool, run.run_id, RunStatus::Aborted, Some("aborted by the user")).await.unwrap());
    assert!(runs::end(&stack.pool, undiscovered, RunStatus::Failed, Some("could not enqueue discovery")).await.unwrap());

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
    let ended_first = PageRun::create(&stack, "late-listing", &["https://jobs.example.com/late/0".into()]).await.unwrap();
    let listed_first = PageRun::create(&stack, "early-listing", &["https://jobs.example.com/early/0".into()]).await.unwrap();
    let late_ids = list_two_new_jobs(&stack.pool, ended_first.company_id, "late").await;
    let early_ids = list_two_new_jobs(&stack.pool, listed_first.company_id, "early").await;

    // WHEN one run is aborted before its discovery adds the jobs, and the other after
    assert!(runs::end(&stack.pool, ended_first.run_id, RunStatus::Aborted, Some("aborted by the user")).await.unwrap());
    let added_late = jobs::add_to_run(&stack.pool, ended_first.run_id, ended_first.company_id, &late_ids).await.unwrap();
    let added_early = jobs::add_to_run(&stack.pool, listed_first.run_id, listed_first.company_id, &early_ids).await.unwrap();
    assert!(runs::end(&stack.pool, listed_first.run_id, RunStatus::Aborted, Some("aborted by the user")).await.unwrap());

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
