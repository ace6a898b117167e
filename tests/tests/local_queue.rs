//! The local queue service as the devstack runs it (moto, patched by
//! `shared/devstack/python/jh_moto.py`) keeps the SQS guarantees the
//! pipeline relies on under concurrent clients: no message is lost while
//! others are sent and deleted, and a FIFO group is in one receiver's hands
//! at a time, in order. These go through the real SDK and HTTP server; the
//! races unpatched moto has (a discovery message lost left its company
//! pending; two crawler instances shared a company's group) are forced, and
//! shown closed, in-process by `shared/devstack/tests/moto_patch.rs`.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use aws_sdk_sqs::types::{DeleteMessageBatchRequestEntry, MessageSystemAttributeName, SendMessageBatchRequestEntry};
use jh_devstack::{Devstack, DevstackOptions};

/// Receives, holds for `hold`, then deletes, until `expected` bodies have
/// been seen in all; returns the bodies this receiver got, in order, with
/// their group, and the delete entries SQS refused.
async fn receive_until(
    sqs: aws_sdk_sqs::Client,
    url: String,
    seen: Arc<Mutex<HashSet<String>>>,
    expected: usize,
    hold: Duration,
    holding: Arc<Mutex<HashMap<String, usize>>>,
) -> (Vec<(String, String)>, Vec<String>) {
    let mut got = Vec::new();
    let mut refused = Vec::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    while seen.lock().unwrap().len() < expected && tokio::time::Instant::now() < deadline {
        let r = sqs
            .receive_message()
            .queue_url(&url)
            .max_number_of_messages(10)
            .wait_time_seconds(1)
            .message_system_attribute_names(MessageSystemAttributeName::MessageGroupId)
            .send()
            .await
            .unwrap();
        let messages = r.messages.unwrap_or_default();
        let groups: HashSet<String> = messages
            .iter()
            .filter_map(|m| m.attributes().and_then(|a| a.get(&MessageSystemAttributeName::MessageGroupId)).cloned())
            .collect();
        for g in &groups {
            *holding.lock().unwrap().entry(g.clone()).or_default() += 1;
        }
        for m in &messages {
            let body = m.body().unwrap().to_owned();
            let group = m
                .attributes()
                .and_then(|a| a.get(&MessageSystemAttributeName::MessageGroupId))
                .cloned()
                .unwrap_or_default();
            seen.lock().unwrap().insert(body.clone());
            got.push((group, body));
        }
        tokio::time::sleep(hold).await;
        for g in &groups {
            *holding.lock().unwrap().get_mut(g).unwrap() -= 1;
        }
        if messages.is_empty() {
            continue;
        }
        let entries: Vec<DeleteMessageBatchRequestEntry> = messages
            .iter()
            .enumerate()
            .map(|(i, m)| {
                DeleteMessageBatchRequestEntry::builder()
                    .id(i.to_string())
                    .receipt_handle(m.receipt_handle().unwrap())
                    .build()
                    .unwrap()
            })
            .collect();
        let d = sqs.delete_message_batch().queue_url(&url).set_entries(Some(entries)).send().await.unwrap();
        refused.extend(d.failed().iter().map(|f| format!("{}: {:?}", f.code(), f.message())));
    }
    (got, refused)
}

async fn send_all(sqs: &aws_sdk_sqs::Client, url: &str, bodies: Vec<(String, Option<String>)>) {
    for chunk in bodies.chunks(10) {
        let entries: Vec<SendMessageBatchRequestEntry> = chunk
            .iter()
            .enumerate()
            .map(|(i, (body, group))| {
                let mut e = SendMessageBatchRequestEntry::builder().id(i.to_string()).message_body(body);
                if let Some(g) = group {
                    e = e.message_group_id(g).message_deduplication_id(body);
                }
                e.build().unwrap()
            })
            .collect();
        let r = sqs.send_message_batch().queue_url(url).set_entries(Some(entries)).send().await.unwrap();
        assert!(r.failed().is_empty(), "{:?}", r.failed());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn messages_sent_while_others_are_received_and_deleted_are_all_delivered() {
    // GIVEN the extract queue, four senders and four receivers that delete what they get
    let stack = Devstack::start(DevstackOptions::test()).await.unwrap();
    let sqs = aws_sdk_sqs::Client::new(&stack.sdk);
    let url = stack.resources.extract_queue.clone();
    let (senders, per_sender) = (4, 150);
    let seen = Arc::new(Mutex::new(HashSet::new()));
    let holding = Arc::new(Mutex::new(HashMap::new()));

    // WHEN they all run at once
    let receivers: Vec<_> = (0..4)
        .map(|_| {
            tokio::spawn(receive_until(
                sqs.clone(),
                url.clone(),
                seen.clone(),
                senders * per_sender,
                Duration::ZERO,
                holding.clone(),
            ))
        })
        .collect();
    let sends: Vec<_> = (0..senders)
        .map(|s| {
            let (sqs, url) = (sqs.clone(), url.clone());
            tokio::spawn(async move {
                send_all(&sqs, &url, (0..per_sender).map(|i| (format!("s{s}-m{i}"), None)).collect()).await
            })
        })
        .collect();
    for s in sends {
        s.await.unwrap();
    }
    let mut bodies = Vec::new();
    let mut refused = Vec::new();
    for r in receivers {
        let (got, bad) = r.await.unwrap();
        bodies.extend(got.into_iter().map(|(_, b)| b));
        refused.extend(bad);
    }

    // THEN every message arrived exactly once and every delete was accepted
    assert!(refused.is_empty(), "deletes refused: {refused:?}");
    let distinct: HashSet<&String> = bodies.iter().collect();
    assert_eq!(distinct.len(), senders * per_sender, "lost {} messages", senders * per_sender - distinct.len());
    assert_eq!(bodies.len(), distinct.len(), "some messages were delivered twice");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_fifo_group_is_in_one_receivers_hands_at_a_time_and_in_order() {
    // GIVEN the crawl FIFO queue holding 30 messages in each of three groups
    let stack = Devstack::start(DevstackOptions::test()).await.unwrap();
    let sqs = aws_sdk_sqs::Client::new(&stack.sdk);
    let url = stack.resources.crawl_queue.clone();
    let groups = ["acme", "globex", "initech"];
    let per_group = 30;
    let bodies: Vec<(String, Option<String>)> = (0..per_group)
        .flat_map(|i| groups.iter().map(move |g| (format!("{g}-{i:02}"), Some((*g).to_owned()))))
        .collect();
    send_all(&sqs, &url, bodies).await;
    let seen = Arc::new(Mutex::new(HashSet::new()));
    let holding = Arc::new(Mutex::new(HashMap::<String, usize>::new()));

    // WHEN four receivers take batches concurrently, each holding its batch a moment
    let overlap = Arc::new(Mutex::new(Vec::new()));
    let watcher = {
        let (holding, overlap) = (holding.clone(), overlap.clone());
        tokio::spawn(async move {
            loop {
                let shared: Vec<String> =
                    holding.lock().unwrap().iter().filter(|(_, n)| **n > 1).map(|(g, _)| g.clone()).collect();
                overlap.lock().unwrap().extend(shared);
                tokio::time::sleep(Duration::from_millis(2)).await;
            }
        })
    };
    let receivers: Vec<_> = (0..4)
        .map(|_| {
            tokio::spawn(receive_until(
                sqs.clone(),
                url.clone(),
                seen.clone(),
                groups.len() * per_group,
                Duration::from_millis(30),
                holding.clone(),
            ))
        })
        .collect();
    let mut got = Vec::new();
    for r in receivers {
        let (mine, refused) = r.await.unwrap();
        assert!(refused.is_empty(), "deletes refused: {refused:?}");
        got.push(mine);
    }
    watcher.abort();

    // THEN every message arrived, no group was ever held by two receivers ...
    assert_eq!(seen.lock().unwrap().len(), groups.len() * per_group);
    let overlap = overlap.lock().unwrap();
    assert!(overlap.is_empty(), "groups held by two receivers at once: {:?}", overlap.iter().collect::<HashSet<_>>());
    // ... and each receiver saw each group's messages in the order they were sent
    for mine in &got {
        for g in groups {
            let order: Vec<&String> = mine.iter().filter(|(group, _)| group == g).map(|(_, b)| b).collect();
            assert!(order.windows(2).all(|w| w[0] < w[1]), "{g} out of order: {order:?}");
        }
    }
}
