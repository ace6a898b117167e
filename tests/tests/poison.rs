//! A malformed message is logged, moved to the DLQ with its reason, and
//! consumed, without failing the rest of its batch.

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use aws_sdk_sqs::types::SendMessageBatchRequestEntry;
use jh_common::db::{companies, runs};
use jh_common::domain::CompanySlug;
use jh_common::messages::CrawlMessage;
use jh_devstack::{Devstack, DevstackOptions, PollerOptions, WorkerOptions};
use jh_e2e::LogCapture;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_malformed_message_goes_to_the_dlq_and_the_rest_of_its_batch_succeeds() {
    let logs = LogCapture::install();
    // GIVEN a run for one company, and a batch holding a malformed body followed by its discover message
    let stack = Devstack::start(DevstackOptions::test()).await.unwrap();
    let (user_id, _) = stack.dev_token("poison@jh.local").await.unwrap();
    let acme = companies::by_slug(&stack.pool, "acme").await.unwrap().unwrap();
    let run_id = runs::create(&stack.pool, user_id, std::slice::from_ref(&acme), &[]).await.unwrap();
    let good = CrawlMessage::Discover { run_id, company: CompanySlug::new("acme").unwrap() };
    let sqs = aws_sdk_sqs::Client::new(&stack.sdk);
    let entry = |id: &str, body: String, dedup: &str| {
        SendMessageBatchRequestEntry::builder()
            .id(id)
            .message_body(body)
            .message_group_id("acme")
            .message_deduplication_id(dedup)
            .build()
            .unwrap()
    };
    sqs.send_message_batch()
        .queue_url(&stack.resources.crawl_queue)
        .entries(entry("bad", "{\"v\":1,\"type\":\"page\",\"run_id\":\"oops\"".into(), "bad-1"))
        .entries(entry("good", good.encode(), &good.dedup_id()))
        .send()
        .await
        .unwrap();

    // WHEN the crawler consumes the queue in batches of ten
    let workers = WorkerOptions {
        crawler: PollerOptions { batch_size: 10, concurrency: 1, wait: Duration::from_secs(1) },
        ..WorkerOptions::default()
    };
    let functions = stack.start_functions(workers).await.unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    let dlq = loop {
        let msgs = jh_e2e::drain(&sqs, &stack.resources.crawl_dlq, 10).await.unwrap();
        if !msgs.is_empty() || Instant::now() > deadline {
            break msgs;
        }
    };

    // THEN the malformed body is in the DLQ with the reason ...
    assert_eq!(dlq.len(), 1, "{dlq:?}");
    assert!(dlq[0].body().unwrap().contains("oops"));
    let reason = dlq[0].message_attributes().unwrap()["poison_reason"].string_value().unwrap().to_owned();
    assert!(reason.contains("malformed"), "{reason}");
    // ... the good message in the same batch was processed ...
    let deadline = Instant::now() + Duration::from_secs(30);
    while runs::company_status(&stack.pool, run_id, acme.id).await.unwrap().as_deref() != Some("discovered") {
        assert!(Instant::now() < deadline, "discover was not processed");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // ... no message of the crawler's batches was reported as failed ...
    assert_eq!(functions.crawler.stats.failures.load(Ordering::SeqCst), 0);
    // ... and the crawler logged the poison message with its reason.
    let text = logs.text();
    assert!(text.contains("poison message moved to the DLQ") && text.contains("malformed"), "{text}");
}
