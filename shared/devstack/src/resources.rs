//! The AWS resources of a stack, created in moto: the pages bucket,
//! `crawl.fifo` with its FIFO DLQ, the extract queue with its DLQ, and the
//! three log groups. Names can carry a prefix so tests sharing one moto do
//! not see each other's messages.

use aws_sdk_sqs::types::QueueAttributeName;

use crate::DevstackError;

/// Receives before SQS moves a message to its DLQ, as in template.yaml.
pub const MAX_RECEIVE_COUNT: u32 = 5;

/// Names and URLs of the created resources.
#[derive(Debug, Clone)]
pub struct Resources {
    /// Pages bucket.
    pub bucket: String,
    /// `crawl.fifo` URL.
    pub crawl_queue: String,
    /// Its ARN.
    pub crawl_queue_arn: String,
    /// The crawl FIFO DLQ URL.
    pub crawl_dlq: String,
    /// Extract queue URL.
    pub extract_queue: String,
    /// Its ARN.
    pub extract_queue_arn: String,
    /// Extract DLQ URL.
    pub extract_dlq: String,
    /// Log groups: api, crawler, extractor.
    pub log_groups: [String; 3],
}

fn sqs_err(e: impl std::error::Error) -> DevstackError {
    DevstackError::Aws(aws_sdk_sqs::error::DisplayErrorContext(e).to_string())
}

async fn queue_arn(sqs: &aws_sdk_sqs::Client, url: &str) -> Result<String, DevstackError> {
    let out = sqs
        .get_queue_attributes()
        .queue_url(url)
        .attribute_names(QueueAttributeName::QueueArn)
        .send()
        .await
        .map_err(sqs_err)?;
    out.attributes()
        .and_then(|a| a.get(&QueueAttributeName::QueueArn).cloned())
        .ok_or_else(|| DevstackError::Aws(format!("no ARN for {url}")))
}

async fn create_queue(
    sqs: &aws_sdk_sqs::Client,
    name: &str,
    fifo: bool,
    visibility_timeout: u32,
    dlq_arn: Option<&str>,
) -> Result<(String, String), DevstackError> {
    let mut req = sqs
        .create_queue()
        .queue_name(name)
        .attributes(QueueAttributeName::VisibilityTimeout, visibility_timeout.to_string());
    if fifo {
        req = req
            .attributes(QueueAttributeName::FifoQueue, "true")
            .attributes(QueueAttributeName::ContentBasedDeduplication, "false");
    }
    if let Some(arn) = dlq_arn {
        let policy = serde_json::json!({"deadLetterTargetArn": arn, "maxReceiveCount": MAX_RECEIVE_COUNT}).to_string();
        req = req.attributes(QueueAttributeName::RedrivePolicy, policy);
    }
    let url = req.send().await.map_err(sqs_err)?.queue_url().unwrap_or_default().to_owned();
    let arn = queue_arn(sqs, &url).await?;
    Ok((url, arn))
}

/// Creates everything; `prefix` is prepended to every name.
pub async fn create(
    sdk: &aws_config::SdkConfig,
    prefix: &str,
    visibility_timeout: u32,
) -> Result<Resources, DevstackError> {
    let sqs = aws_sdk_sqs::Client::new(sdk);
    let s3 = jh_common::aws::s3_client(sdk);
    let logs = aws_sdk_cloudwatchlogs::Client::new(sdk);

    let bucket = format!("{prefix}jh-pages");
    s3.create_bucket()
        .bucket(&bucket)
        .send()
        .await
        .map_err(|e| DevstackError::Aws(aws_sdk_s3::error::DisplayErrorContext(e).to_string()))?;

    let (crawl_dlq, crawl_dlq_arn) = create_queue(&sqs, &format!("{prefix}jh-crawl-dlq.fifo"), true, 30, None).await?;
    let (crawl_queue, crawl_queue_arn) =
        create_queue(&sqs, &format!("{prefix}jh-crawl.fifo"), true, visibility_timeout, Some(&crawl_dlq_arn)).await?;
    let (extract_dlq, extract_dlq_arn) =
        create_queue(&sqs, &format!("{prefix}jh-extract-dlq"), false, 30, None).await?;
    let (extract_queue, extract_queue_arn) =
        create_queue(&sqs, &format!("{prefix}jh-extract"), false, visibility_timeout, Some(&extract_dlq_arn)).await?;

    let log_groups = ["api", "crawler", "extractor"].map(|f| format!("/aws/lambda/{prefix}jh-{f}"));
    for g in &log_groups {
        logs.create_log_group()
            .log_group_name(g)
            .send()
            .await
            .map_err(|e| DevstackError::Aws(aws_sdk_cloudwatchlogs::error::DisplayErrorContext(e).to_string()))?;
    }
    Ok(Resources {
        bucket,
        crawl_queue,
        crawl_queue_arn,
        crawl_dlq,
        extract_queue,
        extract_queue_arn,
        extract_dlq,
        log_groups,
    })
}
