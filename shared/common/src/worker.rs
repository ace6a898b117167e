//! SQS batch semantics shared by the workers: every message ends as done
//! (deleted), or retry (reported as a batch item failure, so SQS redelivers
//! it and eventually moves it to the DLQ). Poison is handled by the workers
//! themselves: they move it to the DLQ and report it done.

use std::future::Future;

use aws_lambda_events::event::sqs::{BatchItemFailure, SqsBatchResponse, SqsMessage};

/// What became of one message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Handled (including recorded application failures and poison moved to
    /// the DLQ): delete it.
    Done,
    /// An infrastructure failure: leave it for SQS to redeliver.
    Retry(String),
}

fn failure(id: &str) -> BatchItemFailure {
    let mut f = BatchItemFailure::default();
    f.item_identifier = id.to_owned();
    f
}

fn response(failures: Vec<BatchItemFailure>) -> SqsBatchResponse {
    let mut r = SqsBatchResponse::default();
    r.batch_item_failures = failures;
    r
}

/// FIFO order: handles messages one after another; at the first message that
/// must be retried, reports it and every later message as failed without
/// touching them, so the group's order is kept on redelivery.
pub async fn process_in_order<'a, F, Fut>(records: &'a [SqsMessage], mut handle: F) -> SqsBatchResponse
where
    F: FnMut(&'a SqsMessage) -> Fut,
    Fut: Future<Output = Outcome>,
{
    let mut failures = Vec::new();
    let mut failed = false;
    for m in records {
        let id = m.message_id.as_deref().unwrap_or_default();
        if failed {
            failures.push(failure(id));
            continue;
        }
        if let Outcome::Retry(reason) = handle(m).await {
            tracing::warn!(message_id = id, reason = %reason, "retrying message and the rest of its batch");
            failures.push(failure(id));
            failed = true;
        }
    }
    response(failures)
}

/// Standard queue: handles up to `limit` messages at once and reports each
/// retry on its own.
pub async fn process_concurrently<'a, F, Fut>(records: &'a [SqsMessage], limit: usize, handle: F) -> SqsBatchResponse
where
    F: Fn(&'a SqsMessage) -> Fut,
    Fut: Future<Output = Outcome>,
{
    // A semaphore and join_all rather than a buffered stream: a stream of
    // closures held across an await trips the compiler's Send inference for
    // the Lambda runtime's spawned future.
    let permits = tokio::sync::Semaphore::new(limit.max(1));
    let outcomes: Vec<(Option<&str>, Outcome)> = futures::future::join_all(records.iter().map(|m| {
        let fut = handle(m);
        let permits = &permits;
        async move {
            let _permit = permits.acquire().await.expect("semaphore is never closed");
            (m.message_id.as_deref(), fut.await)
        }
    }))
    .await;
    let failures = outcomes
        .into_iter()
        .filter_map(|(id, o)| match o {
            Outcome::Done => None,
            Outcome::Retry(reason) => {
                tracing::warn!(message_id = id.unwrap_or_default(), reason = %reason, "retrying message");
                Some(failure(id.unwrap_or_default()))
            }
        })
        .collect();
    response(failures)
}

/// How many times SQS has delivered this message, this delivery included
/// (`ApproximateReceiveCount`; 1 when absent).
pub fn receive_count(m: &SqsMessage) -> u32 {
    m.attributes.get("ApproximateReceiveCount").and_then(|c| c.parse().ok()).unwrap_or(1)
}

/// The FIFO group of a message, from its system attributes.
pub fn message_group(m: &SqsMessage) -> Option<&str> {
    m.attributes.get("MessageGroupId").map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(id: &str) -> SqsMessage {
        let mut m = SqsMessage::default();
        m.message_id = Some(id.into());
        m.body = Some(id.into());
        m
    }

    fn ids(r: &SqsBatchResponse) -> Vec<&str> {
        r.batch_item_failures.iter().map(|f| f.item_identifier.as_str()).collect()
    }

    #[tokio::test]
    async fn in_order_reports_the_first_retry_and_everything_after_it() {
        // GIVEN a batch where the second message needs a retry
        let batch = vec![msg("a"), msg("b"), msg("c")];
        let seen = std::sync::Mutex::new(Vec::new());
        // WHEN processed in order
        let r = process_in_order(&batch, |m| {
            seen.lock().unwrap().push(m.body.clone().unwrap());
            let retry = m.body.as_deref() == Some("b");
            async move { if retry { Outcome::Retry("db down".into()) } else { Outcome::Done } }
        })
        .await;
        // THEN b and c are failed and c was never handled
        assert_eq!(ids(&r), ["b", "c"]);
        assert_eq!(*seen.lock().unwrap(), ["a", "b"]);
    }

    #[tokio::test]
    async fn concurrently_reports_only_the_messages_that_need_a_retry() {
        let batch = vec![msg("a"), msg("b"), msg("c")];
        let r = process_concurrently(&batch, 2, |m| {
            let retry = m.body.as_deref() == Some("b");
            async move { if retry { Outcome::Retry("s3 down".into()) } else { Outcome::Done } }
        })
        .await;
        assert_eq!(ids(&r), ["b"]);
    }
}
