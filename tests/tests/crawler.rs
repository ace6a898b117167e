//! The crawler against the fixture sites' misbehaving endpoints, on the real
//! devstack: retries and Retry-After, the circuit breaker, gone pages, the
//! fetch guards, charsets, robots.txt, and the shared per-host limit.

use std::time::{Duration, Instant};

use jh_common::db::runs;
use jh_devstack::{Devstack, DevstackOptions, WorkerOptions};
use jh_e2e::{PageRun, crawler, emf_sum, start_run, wait_for_run};

fn hostile(stack: &Devstack, path: &str) -> String {
    format!("{}/hostile/{path}", stack.fixtures.base_url())
}

fn requests_to(stack: &Devstack, path: &str) -> Vec<Instant> {
    stack.fixtures.requests().into_iter().filter(|r| r.path == path).map(|r| r.at).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_429_with_retry_after_is_waited_out_and_the_page_then_fetched() {
    // GIVEN a page that answers 429 "Retry-After: 1" twice, then the page
    let stack = Devstack::start(DevstackOptions::test()).await.unwrap();
    let run = PageRun::create(&stack, "patient", &[hostile(&stack, "retry-after/2/a")]).await.unwrap();
    let (crawler, _) = crawler(&stack, &[]).unwrap();
    // WHEN the crawler handles its page message
    let resp = crawler.handle_batch(&run.event(), None).await;
    // THEN it was fetched on the third attempt, at least a second after each 429, and sent for extraction
    assert!(resp.batch_item_failures.is_empty());
    let hits = requests_to(&stack, "/hostile/retry-after/2/a");
    assert_eq!(hits.len(), 3);
    assert!(hits.windows(2).all(|w| w[1] - w[0] >= Duration::from_millis(950)), "Retry-After not honoured");
    assert_eq!(run.statuses(&stack.pool).await.unwrap()[0].0, "extracting");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_retry_after_beyond_the_cap_puts_the_message_back_on_the_queue() {
    // GIVEN a page that asks to come back in an hour, delivered through the real queue
    let stack = Devstack::start(DevstackOptions::test()).await.unwrap();
    let run = PageRun::create(&stack, "impatient", &[hostile(&stack, "retry-after-long/a")]).await.unwrap();
    let sqs = aws_sdk_sqs::Client::new(&stack.sdk);
    let msg = run.event().records.remove(0);
    sqs.send_message()
        .queue_url(&stack.resources.crawl_queue)
        .message_body(msg.body.clone().unwrap())
        .message_group_id("impatient")
        .message_deduplication_id("impatient-1")
        .send()
        .await
        .unwrap();
    let received = sqs.receive_message().queue_url(&stack.resources.crawl_queue).send().await.unwrap();
    let m = &received.messages()[0];
    let mut event = run.event();
    event.records[0].receipt_handle = m.receipt_handle().map(str::to_owned);
    event.records[0].message_id = m.message_id().map(str::to_owned);
    let (crawler, _) = crawler(&stack, &[]).unwrap();
    // WHEN the crawler handles it
    let resp = crawler.handle_batch(&event, None).await;
    // THEN it is a batch item failure, hidden well past the queue's 2 s visibility timeout, and the job is not ended
    assert_eq!(resp.batch_item_failures.len(), 1);
    tokio::time::sleep(Duration::from_secs(3)).await;
    let again = sqs.receive_message().queue_url(&stack.resources.crawl_queue).send().await.unwrap();
    assert!(again.messages().is_empty(), "message reappeared before its Retry-After");
    assert_eq!(run.statuses(&stack.pool).await.unwrap()[0].0, "fetching");
    assert_eq!(requests_to(&stack, "/hostile/retry-after-long/a").len(), 1, "must not retry in-process past the cap");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn five_transient_failures_open_the_breaker_and_the_rest_are_not_fetched() {
    // GIVEN a company whose seven pages all answer 503
    let stack = Devstack::start(DevstackOptions::test()).await.unwrap();
    let urls: Vec<String> = (0..7).map(|i| hostile(&stack, &format!("status/503/{i}"))).collect();
    let run = PageRun::create(&stack, "down", &urls).await.unwrap();
    let (crawler, emf) = crawler(&stack, &[]).unwrap();
    // WHEN the crawler handles the batch
    let resp = crawler.handle_batch(&run.event(), None).await;
    // THEN the first five are errors after three attempts each, and the last two are "circuit open" without a request
    assert!(resp.batch_item_failures.is_empty());
    let st = run.statuses(&stack.pool).await.unwrap();
    for (i, (status, error)) in st.iter().enumerate() {
        assert_eq!(status, "error");
        let error = error.as_deref().unwrap();
        if i < 5 {
            assert!(error.contains("HTTP 503") && error.contains("3 attempts"), "{error}");
            assert_eq!(requests_to(&stack, &format!("/hostile/status/503/{i}")).len(), 3);
        } else {
            assert_eq!(error, "circuit open");
            assert!(requests_to(&stack, &format!("/hostile/status/503/{i}")).is_empty());
        }
    }
    // ... the run's per-company metadata shows the breaker, and the breaker-open counter was emitted
    let summary = runs::summary(&stack.pool, run.run_id).await.unwrap().unwrap();
    assert!(summary.companies[0].breaker_open);
    assert_eq!(summary.status, jh_common::domain::RunStatus::Finished);
    assert_eq!(emf_sum(&emf, "BreakerOpens"), 1);
    assert_eq!(emf_sum(&emf, "Errors"), 7);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn gone_pages_close_their_jobs_and_never_count_against_the_breaker() {
    // GIVEN six postings that answer 404 or 410
    let stack = Devstack::start(DevstackOptions::test()).await.unwrap();
    let urls: Vec<String> =
        (0..6).map(|i| hostile(&stack, &format!("status/{}/{i}", if i % 2 == 0 { 404 } else { 410 }))).collect();
    let run = PageRun::create(&stack, "gone", &urls).await.unwrap();
    let (crawler, _) = crawler(&stack, &[]).unwrap();
    // WHEN crawled
    crawler.handle_batch(&run.event(), None).await;
    // THEN every job is gone and closed, fetched once each, and the breaker stayed shut
    assert!(run.statuses(&stack.pool).await.unwrap().iter().all(|(s, _)| s == "gone"));
    let open: i64 = sqlx::query_scalar("SELECT count(*) FROM jobs WHERE id = ANY($1) AND closed_at IS NULL")
        .bind(&run.job_ids)
        .fetch_one(&stack.pool)
        .await
        .unwrap();
    assert_eq!(open, 0);
    let summary = runs::summary(&stack.pool, run.run_id).await.unwrap().unwrap();
    assert!(!summary.companies[0].breaker_open);
    assert_eq!(summary.companies[0].consecutive_failures, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn hostile_pages_are_refused_with_clear_job_errors() {
    // GIVEN pages that redirect to the metadata service, loop, are huge, trickle, bomb, or are not HTML
    let stack = Devstack::start(DevstackOptions::test()).await.unwrap();
    let cases = [
        ("redirect-metadata", "169.254.169.254 is a cloud metadata address"),
        ("redirect-loop", "redirects"),
        ("huge/20", "body larger than the 5242880-byte cap"),
        ("gzip-bomb", "body larger than the 5242880-byte cap"),
        ("slow", "timed out"),
        ("binary", "content type \"application/octet-stream\" is not HTML"),
    ];
    let urls: Vec<String> = cases.iter().map(|(p, _)| hostile(&stack, p)).collect();
    let run = PageRun::create(&stack, "hostile", &urls).await.unwrap();
    // A one-second timeout keeps the slow-body case short; the breaker is
    // raised so the transient timeout cannot open it mid-test.
    let (crawler, _) = crawler(&stack, &[("FETCH_TIMEOUT_MS", "1000"), ("BREAKER_THRESHOLD", "50")]).unwrap();
    // WHEN crawled
    let started = Instant::now();
    crawler.handle_batch(&run.event(), None).await;
    // THEN each ends as an error that says why, and the slow body did not hold the crawler for long
    for ((status, error), (path, expected)) in run.statuses(&stack.pool).await.unwrap().iter().zip(cases) {
        assert_eq!(status, "error", "{path}");
        let error = error.as_deref().unwrap_or("");
        assert!(error.contains(expected), "{path}: {error}");
    }
    assert!(started.elapsed() < Duration::from_secs(30));
    // ... and nothing was stored for them
    let stored: i64 = sqlx::query_scalar("SELECT count(*) FROM jobs WHERE id = ANY($1) AND object_key IS NOT NULL")
        .bind(&run.job_ids)
        .fetch_one(&stack.pool)
        .await
        .unwrap();
    assert_eq!(stored, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn latin1_invalid_utf8_and_deeply_nested_pages_are_decoded_and_stored_as_utf8() {
    // GIVEN a Latin-1 page, a page with invalid UTF-8 bytes, and 100,000 nested divs
    let stack = Devstack::start(DevstackOptions::test()).await.unwrap();
    let urls = vec![hostile(&stack, "latin1"), hostile(&stack, "invalid-utf8"), hostile(&stack, "deep")];
    let run = PageRun::create(&stack, "charsets", &urls).await.unwrap();
    let (crawler, _) = crawler(&stack, &[]).unwrap();
    // WHEN crawled
    crawler.handle_batch(&run.event(), None).await;
    // THEN all three were fingerprinted and stored for extraction
    let st = run.statuses(&stack.pool).await.unwrap();
    assert!(st.iter().all(|(s, _)| s == "extracting"), "{st:?}");
    // ... and the Latin-1 page is stored as UTF-8 with its accents intact
    let sqs = aws_sdk_sqs::Client::new(&stack.sdk);
    let msgs = jh_e2e::drain(&sqs, &stack.resources.extract_queue, 3).await.unwrap();
    let latin = msgs
        .iter()
        .filter_map(|m| jh_common::messages::ExtractMessage::decode(m.body()).ok())
        .find(|m| m.job_id == run.job_ids[0])
        .expect("extract message for the latin-1 page");
    let store = jh_common::storage::PageStore::new(
        jh_common::aws::s3_client(&stack.sdk),
        stack.resources.bucket.clone(),
        10 << 20,
    );
    let html = String::from_utf8(store.get_page(&latin.object_key).await.unwrap()).expect("stored as UTF-8");
    assert!(html.contains("Ingénieur logiciel à Genève"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_page_robots_txt_disallows_is_skipped_with_the_reason_and_never_requested() {
    // GIVEN a page under a path the site's robots.txt disallows
    let stack = Devstack::start(DevstackOptions::test()).await.unwrap();
    let run =
        PageRun::create(&stack, "robots", &[hostile(&stack, "private/a"), hostile(&stack, "latin1")]).await.unwrap();
    let (crawler, emf) = crawler(&stack, &[]).unwrap();
    // WHEN crawled
    crawler.handle_batch(&run.event(), None).await;
    // THEN it is skipped with the reason, robots.txt was fetched once for both pages, and the page never requested
    let st = run.statuses(&stack.pool).await.unwrap();
    assert_eq!(st[0].0, "skipped");
    assert!(st[0].1.as_deref().unwrap().contains("robots.txt"), "{st:?}");
    assert_eq!(st[1].0, "extracting");
    assert!(requests_to(&stack, "/hostile/private/a").is_empty());
    assert_eq!(requests_to(&stack, "/robots.txt").len(), 1);
    assert_eq!(emf_sum(&emf, "PagesSkipped"), 1);
    // ... and every request carried the configured User-Agent
    assert!(stack.fixtures.requests().iter().all(|r| r.user_agent.starts_with("jh-crawler/")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 6)]
async fn concurrent_crawler_instances_never_exceed_the_per_host_limit() {
    // GIVEN three companies on one fixture host, a 400 ms host gap, no company gap, and three crawler instances
    // (The gap is measured where the fixture server sees each request. On
    // a loaded 2-core CI machine a task can stall ~70 ms between its slot
    // and its request reaching the server, which with a 150 ms gap broke
    // the 20 % allowance below once in a clean-clone run; the limiter
    // reserves start slots, and jitter after the slot is not its to
    // remove. At 400 ms the allowance is 80 ms.)
    let gap = Duration::from_millis(400);
    let opts = DevstackOptions { host_gap: gap, company_gap: Duration::ZERO, ..DevstackOptions::test() };
    let stack = Devstack::start(opts).await.unwrap();
    let mut workers = WorkerOptions::default();
    workers.crawler.concurrency = 3;
    workers.crawler.batch_size = 1;
    let functions = stack.start_functions(workers).await.unwrap();
    let (_, token) = stack.dev_token("hammer@jh.local").await.unwrap();
    // WHEN a full run hammers the host
    let run = start_run(&functions.api_url, &token).await.unwrap();
    let s = wait_for_run(&stack.pool, run, Duration::from_secs(120)).await.unwrap();
    assert_eq!(s.count(jh_common::domain::JobStatus::Ready), stack.fixtures.job_count() as i64);
    // THEN the fixture server's timestamps show no two requests closer than the gap (minus scheduling jitter)
    let mut at: Vec<Instant> = stack.fixtures.requests().into_iter().map(|r| r.at).collect();
    at.sort();
    assert!(at.len() >= 25);
    let min = at.windows(2).map(|w| w[1] - w[0]).min().unwrap();
    assert!(min >= gap.mul_f64(0.8), "two requests {min:?} apart, limit {gap:?}");
    let span = *at.last().unwrap() - at[0];
    assert!(span >= gap.mul_f64(0.95) * (at.len() as u32 - 1), "{} requests in {span:?}", at.len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_name_resolving_to_a_private_address_is_refused_after_dns_resolution() {
    // GIVEN private networks not allowed, and a page whose host name resolves to 127.0.0.1
    let stack = Devstack::start(DevstackOptions::test()).await.unwrap();
    let url = stack.fixtures.base_url().replace("127.0.0.1", "localhost") + "/hostile/latin1";
    let run = PageRun::create(&stack, "private", &[url]).await.unwrap();
    let (crawler, _) = crawler(&stack, &[("ALLOW_PRIVATE_NETWORKS", "false")]).unwrap();
    // WHEN crawled
    crawler.handle_batch(&run.event(), None).await;
    // THEN it is refused with a clear error and the server never saw the request
    let st = run.statuses(&stack.pool).await.unwrap();
    assert_eq!(st[0].0, "error");
    assert!(st[0].1.as_deref().unwrap().contains("resolves only to private"), "{st:?}");
    assert!(requests_to(&stack, "/hostile/latin1").is_empty());
}
