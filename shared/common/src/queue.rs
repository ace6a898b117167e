//! Sending to SQS: crawl messages (FIFO, grouped by company, deterministic
//! deduplication ids), extract messages, and poison messages to a DLQ.

use aws_sdk_sqs::types::{MessageAttributeValue, SendMessageBatchRequestEntry};

use crate::messages::{CrawlMessage, ExtractMessage};

/// An SQS call that failed; always infrastructure, so the caller retries.
#[derive(Debug, thiserror::Error)]
#[error("SQS {op} failed: {message}")]
pub struct QueueError {
    /// The operation.
    pub op: &'static str,
    /// The SDK error with its full context, or the entries SQS refused.
    pub message: String,
}

fn sqs_error(op: &'static str, e: impl std::error::Error) -> QueueError {
    QueueError { op, message: aws_sdk_sqs::error::DisplayErrorContext(e).to_string() }
}

/// The queues a function sends to.
#[derive(Clone)]
pub struct Queues {
    client: aws_sdk_sqs::Client,
}

impl Queues {
    /// Wraps an SQS client.
    pub fn new(client: aws_sdk_sqs::Client) -> Self {
        Self { client }
    }

    /// The underlying client.
    pub fn client(&self) -> &aws_sdk_sqs::Client {
        &self.client
    }

    /// Sends crawl messages to a FIFO queue, ten per call (the SQS maximum),
    /// keeping their order within each company's group.
    pub async fn send_crawl(&self, queue_url: &str, msgs: &[CrawlMessage]) -> Result<(), QueueError> {
        for chunk in msgs.chunks(10) {
            let entries = chunk
                .iter()
                .enumerate()
                .map(|(i, m)| {
                    SendMessageBatchRequestEntry::builder()
                        .id(i.to_string())
                        .message_body(m.encode())
                        .message_group_id(m.company().as_str())
                        .message_deduplication_id(m.dedup_id())
                        .build()
                        .expect("id and body are set")
                })
                .collect::<Vec<_>>();
            let out = self
                .client
                .send_message_batch()
                .queue_url(queue_url)
                .set_entries(Some(entries))
                .send()
                .await
                .map_err(|e| sqs_error("SendMessageBatch", e))?;
            if !out.failed().is_empty() {
                let why = out
                    .failed()
                    .iter()
                    .map(|f| format!("{}: {}", f.code(), f.message().unwrap_or("")))
                    .collect::<Vec<_>>()
                    .join("; ");
                return Err(QueueError { op: "SendMessageBatch", message: why });
            }
        }
        Ok(())
    }

    /// Sends one extract message to the standard extract queue.
    pub async fn send_extract(&self, queue_url: &str, msg: &ExtractMessage) -> Result<(), QueueError> {
        self.client
            .send_message()
            .queue_url(queue_url)
            .message_body(msg.encode())
            .send()
            .await
            .map_err(|e| sqs_error("SendMessage", e))?;
        Ok(())
    }

    /// Hides a received message for `seconds` more (a long `Retry-After`).
    pub async fn delay(&self, queue_url: &str, receipt_handle: &str, seconds: i32) -> Result<(), QueueError> {
        self.client
            .change_message_visibility()
            .queue_url(queue_url)
            .receipt_handle(receipt_handle)
            .visibility_timeout(seconds)
            .send()
            .await
            .map_err(|e| sqs_error("ChangeMessageVisibility", e))?;
        Ok(())
    }

    /// Moves a poison message to a dead-letter queue, with the reason as a
    /// message attribute so an operator can see why without re-parsing it.
    /// For a FIFO DLQ the original group is kept and the dedup id is the
    /// original message id, so a redelivered poison message lands only once.
    pub async fn send_poison(
        &self,
        dlq_url: &str,
        body: &str,
        reason: &str,
        message_id: &str,
        group: Option<&str>,
    ) -> Result<(), QueueError> {
        let reason: String = reason.chars().take(1000).collect();
        // SQS rejects an empty body; keep the fact that it was empty visible.
        let body = if body.is_empty() { "<empty>" } else { body };
        let mut req = self.client.send_message().queue_url(dlq_url).message_body(body).message_attributes(
            "poison_reason",
            MessageAttributeValue::builder()
                .data_type("String")
                .string_value(reason)
                .build()
                .expect("data type is set"),
        );
        if dlq_url.ends_with(".fifo") {
            req = req
                .message_group_id(group.unwrap_or("poison"))
                .message_deduplication_id(format!("poison:{message_id}"));
        }
        req.send().await.map_err(|e| sqs_error("SendMessage", e))?;
        Ok(())
    }
}
