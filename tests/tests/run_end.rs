//! Ending a run (abort, failure) records every job and company it still had
//! open, so a run whose messages were lost — found by `cargo xtask chaos`
//! when moto was restarted mid-run — still ends with nothing left open.

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
