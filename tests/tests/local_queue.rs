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

/// Receivers on one queue, and what they share: the bodies seen by any of
/// them, and how many receivers hold each FIFO group right now.
#[derive(Clone)]
struct Receivers {
    sqs: aws_sdk_sqs::Client,
    url: String,
    seen: Arc<Mutex<HashSet<String>>>,
    holding: Arc<Mutex<HashMap<String, usize>>>,
}

type Received = (Vec<(String, String)>, Vec<String>);

impl Receivers {
    fn new(sqs: &aws_sdk_sqs::Client, url: &str) -> Self {
        Receivers { sqs: sqs.clone(), url: url.to_owned(), seen: Arc::default(), holding: Arc::default() }
    }

    /// Starts `n` receivers that each run [`Receivers::receive_until`].
    fn spawn(&self, n: usize, expected: usize, hold: Duration) -> Vec<tokio::task::JoinHandle<Received>> {
        (0..n).map(|_| tokio::spawn(self.clone().receive_until(expected, hold))).collect()
    }

    /// Receives, holds for `hold`, then deletes, until `expected` bodies
    /// have been seen in all; returns the bodies this receiver got, in
    /// order, with their group, and the delete entries SQS refused.
    async fn receive_until(self, expected: usize, hold: Duration) -> Received {
        let mut got = Vec::new();
        let mut refused = Vec::new();
        let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
        while self.seen.lock().unwrap().len() < expected && tokio::time::Instant::now() < deadline {
            let r = self
                .sqs
                .receive_message()
                .queue_url(&self.url)
                .max_number_of_messages(10)
                .wait_time_seconds(1)
                .message_system_attribute_names(MessageSystemAttributeName::MessageGroupId)
                .send()
                .await
                .unwrap();
            let messages = r.messages.unwrap_or_default();
            let batch: Vec<(String, String)> = messages
                .iter()
                .map(|m| {
                    let group = m
                        .attributes()
                        .and_then(|a| a.get(&MessageSystemAttributeName::MessageGroupId))
                        .cloned()
                        .unwrap_or_default();
                    (group, m.body().unwrap().to_owned())
                })
                .collect();
            let groups: HashSet<String> = batch.iter().map(|(g, _)| g.clone()).filter(|g| !g.is_empty()).collect();
            for g in &groups {
                *self.holding.lock().unwrap().entry(g.clone()).or_default() += 1;
            }
            for (group, body) in batch {
                self.seen.lock().unwrap().insert(body.clone());
                got.push((group, body));
            }
            tokio::time::sleep(hold).await;
            for g in &groups {
                *self.holding.lock().unwrap().get_mut(g).unwrap() -= 1;
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
            let d =
                self.sqs.delete_message_batch().queue_url(&self.url).set_entries(Some(entries)).send().await.unwrap();
            refused.extend(d.failed().iter().map(|f| format!("{}: {:?}", f.code(), f.message())));
        }
        (got, refused)
    }
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

    // WHEN they all run at once
    let receivers = Receivers::new(&sqs, &url).spawn(4, senders * per_sender, Duration::ZERO);
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
    let queue = Receivers::new(&sqs, &url);

    // WHEN four receivers take batches concurrently, each holding its batch a moment
    let overlap = Arc::new(Mutex::new(Vec::new()));
    let watcher = {
        let (holding, overlap) = (queue.holding.clone(), overlap.clone());
        tokio::spawn(async move {
            loop {
                let shared: Vec<String> =
                    holding.lock().unwrap().iter().filter(|(_, n)| **n > 1).map(|(g, _)| g.clone()).collect();
                overlap.lock().unwrap().extend(shared);
                tokio::time::sleep(Duration::from_millis(2)).await;
            }
        })
    };
    let receivers = queue.spawn(4, groups.len() * per_group, Duration::from_millis(30));
    let mut got = Vec::new();
    for r in receivers {
        let (mine, refused) = r.await.unwrap();
        assert!(refused.is_empty(), "deletes refused: {refused:?}");
        got.push(mine);
    }
    watcher.abort();

    // THEN every message arrived, no group was ever held by two receivers ...
    assert_eq!(queue.seen.lock().unwrap().len(), groups.len() * per_group);
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
