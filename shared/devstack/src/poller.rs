//! A local event-source poller that mimics the Lambda SQS trigger: it
//! long-polls a queue, hands the handler a real `SqsEvent` (with the system
//! attributes Lambda fills in, FIFO ones included), deletes the messages the
//! handler did not report as failed, and leaves the failures for SQS to
//! redeliver after the visibility timeout. A handler error fails the whole
//! batch, as in Lambda.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use aws_lambda_events::event::sqs::{SqsBatchResponse, SqsEvent, SqsMessage};
use aws_sdk_sqs::types::{
    ChangeMessageVisibilityBatchRequestEntry, DeleteMessageBatchRequestEntry, MessageSystemAttributeName,
};
use lambda_runtime::{Context, LambdaEvent};
use tokio::task::JoinHandle;

/// How a poller reads its queue.
#[derive(Debug, Clone)]
pub struct PollerOptions {
    /// Messages per batch (Lambda's BatchSize; at most 10).
    pub batch_size: i32,
    /// Concurrent pollers (Lambda's concurrent instances).
    pub concurrency: usize,
    /// Long-poll wait, in whole seconds as SQS takes it. A wait under a
    /// second short-polls instead and sleeps this long when the queue had
    /// nothing: moto answers a FIFO long poll, while other groups' messages
    /// are in flight, by rescanning the queue in a busy loop for the whole
    /// wait (a core per poller), and does not notice a group freed during
    /// it, so many FIFO pollers are better served by short polls.
    pub wait: Duration,
}

impl Default for PollerOptions {
    fn default() -> Self {
        Self { batch_size: 10, concurrency: 1, wait: Duration::from_secs(1) }
    }
}

/// Counters of what a poller did.
#[derive(Debug, Default)]
pub struct PollerStats {
    /// Batches delivered.
    pub batches: AtomicU64,
    /// Messages delivered.
    pub messages: AtomicU64,
    /// Messages reported as batch item failures (or in a failed batch).
    pub failures: AtomicU64,
    /// Time spent inside the handler, summed over batches, in microseconds:
    /// what Lambda would bill as duration.
    pub busy_micros: AtomicU64,
}

/// Running pollers; stopped on drop (at once) or by [`Poller::stop`]
/// (cleanly).
pub struct Poller {
    tasks: Vec<JoinHandle<()>>,
    stopping: Arc<AtomicBool>,
    /// What the pollers have done so far.
    pub stats: Arc<PollerStats>,
}

impl Poller {
    /// Stops polling without losing messages: a receive still waiting
    /// finishes, and messages it got are made visible again at once rather
    /// than left in flight until their visibility timeout (which dropping
    /// the poller mid-receive would do). A batch being handled is finished.
    pub async fn stop(mut self) {
        self.stopping.store(true, Ordering::Relaxed);
        for t in std::mem::take(&mut self.tasks) {
            let _ = t.await;
        }
    }
}

impl Drop for Poller {
    fn drop(&mut self) {
        for t in &self.tasks {
            t.abort();
        }
    }
}

fn to_event_message(m: &aws_sdk_sqs::types::Message, queue_arn: &str, region: &str) -> SqsMessage {
    let mut out = SqsMessage::default();
    out.message_id = m.message_id().map(str::to_owned);
    out.receipt_handle = m.receipt_handle().map(str::to_owned);
    out.body = m.body().map(str::to_owned);
    out.md5_of_body = m.md5_of_body().map(str::to_owned);
    out.md5_of_message_attributes = m.md5_of_message_attributes().map(str::to_owned);
    if let Some(attrs) = m.attributes() {
        out.attributes = attrs.iter().map(|(k, v)| (k.as_str().to_owned(), v.clone())).collect();
    }
    out.event_source = Some("aws:sqs".into());
    out.event_source_arn = Some(queue_arn.to_owned());
    out.aws_region = Some(region.to_owned());
    out
}

/// Starts `opts.concurrency` pollers feeding `handler`.
pub fn spawn<F, Fut>(
    sqs: aws_sdk_sqs::Client,
    queue_url: String,
    queue_arn: String,
    opts: PollerOptions,
    handler: F,
) -> Poller
where
    F: Fn(LambdaEvent<SqsEvent>) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<SqsBatchResponse, lambda_runtime::Error>> + Send + 'static,
{
    let stats = Arc::new(PollerStats::default());
    let stopping = Arc::new(AtomicBool::new(false));
    let region = sqs.config().region().map(|r| r.to_string()).unwrap_or_else(|| "us-east-1".into());
    let tasks = (0..opts.concurrency.max(1))
        .map(|_| {
            let (sqs, url, arn, region, opts, handler, stats, stopping) = (
                sqs.clone(),
                queue_url.clone(),
                queue_arn.clone(),
                region.clone(),
                opts.clone(),
                handler.clone(),
                stats.clone(),
                stopping.clone(),
            );
            tokio::spawn(async move {
                while !stopping.load(Ordering::Relaxed) {
                    let received = sqs
                        .receive_message()
                        .queue_url(&url)
                        .max_number_of_messages(opts.batch_size)
                        .wait_time_seconds(opts.wait.as_secs().min(20) as i32)
                        .message_system_attribute_names(MessageSystemAttributeName::All)
                        .message_attribute_names("All")
                        .send()
                        .await;
                    let messages = match received {
                        Ok(r) => r.messages.unwrap_or_default(),
                        Err(e) => {
                            // The queue service is down (or restarting): back off and poll again.
                            tracing::debug!(error = %aws_sdk_sqs::error::DisplayErrorContext(&e), "poller receive failed");
                            tokio::time::sleep(Duration::from_millis(500)).await;
                            continue;
                        }
                    };
                    if messages.is_empty() {
                        if opts.wait < Duration::from_secs(1) {
                            tokio::time::sleep(opts.wait).await;
                        }
                        continue;
                    }
                    if stopping.load(Ordering::Relaxed) {
                        release(&sqs, &url, &messages).await;
                        break;
                    }
                    let mut event = SqsEvent::default();
                    event.records = messages.iter().map(|m| to_event_message(m, &arn, &region)).collect();
                    stats.batches.fetch_add(1, Ordering::Relaxed);
                    stats.messages.fetch_add(messages.len() as u64, Ordering::Relaxed);
                    let started = std::time::Instant::now();
                    let handled = handler(LambdaEvent::new(event, Context::default())).await;
                    stats.busy_micros.fetch_add(started.elapsed().as_micros() as u64, Ordering::Relaxed);
                    let failed: Vec<String> = match handled {
                        Ok(resp) => resp.batch_item_failures.into_iter().map(|f| f.item_identifier).collect(),
                        Err(e) => {
                            tracing::warn!(error = %e, "handler failed the whole batch");
                            messages.iter().filter_map(|m| m.message_id().map(str::to_owned)).collect()
                        }
                    };
                    stats.failures.fetch_add(failed.len() as u64, Ordering::Relaxed);
                    let entries: Vec<DeleteMessageBatchRequestEntry> = messages
                        .iter()
                        .filter(|m| m.message_id().is_some_and(|id| !failed.iter().any(|f| f == id)))
                        .enumerate()
                        .filter_map(|(i, m)| {
                            DeleteMessageBatchRequestEntry::builder()
                                .id(i.to_string())
                                .receipt_handle(m.receipt_handle()?)
                                .build()
                                .ok()
                        })
                        .collect();
                    if !entries.is_empty()
                        && let Err(e) = sqs.delete_message_batch().queue_url(&url).set_entries(Some(entries)).send().await
                    {
                        tracing::warn!(error = %aws_sdk_sqs::error::DisplayErrorContext(&e), "poller delete failed; messages will be redelivered");
                    }
                }
            })
        })
        .collect();
    Poller { tasks, stopping, stats }
}

/// Makes received messages visible again at once.
async fn release(sqs: &aws_sdk_sqs::Client, url: &str, messages: &[aws_sdk_sqs::types::Message]) {
    let entries: Vec<ChangeMessageVisibilityBatchRequestEntry> = messages
        .iter()
        .enumerate()
        .filter_map(|(i, m)| {
            ChangeMessageVisibilityBatchRequestEntry::builder()
                .id(i.to_string())
                .receipt_handle(m.receipt_handle()?)
                .visibility_timeout(0)
                .build()
                .ok()
        })
        .collect();
    if let Err(e) = sqs.change_message_visibility_batch().queue_url(url).set_entries(Some(entries)).send().await {
        tracing::warn!(error = %aws_sdk_sqs::error::DisplayErrorContext(&e), "poller could not release messages on stop");
    }
}

/// One poller that hands each batch to a function's real binary through the
/// Runtime API emulator, as the Lambda SQS trigger does in front of one
/// function instance (start one emulator and one process per instance).
pub fn spawn_runtime_api(
    sqs: aws_sdk_sqs::Client,
    queue_url: String,
    queue_arn: String,
    opts: PollerOptions,
    rt: Arc<crate::runtime_api::RuntimeApi>,
) -> Poller {
    spawn(sqs, queue_url, queue_arn, PollerOptions { concurrency: 1, ..opts }, move |event| {
        let rt = rt.clone();
        async move { rt.invoke_sqs(&event.payload, Duration::from_secs(900)).await.map_err(lambda_runtime::Error::from) }
    })
}
