//! AWS SDK configuration, built once per cold start.
//!
//! `AWS_ENDPOINT_URL` (read by aws-config itself) points every client at moto
//! locally; in Lambda it is unset and the regional endpoints are used.

/// Loads the shared SDK config from the environment (region, credentials,
/// endpoint override).
pub async fn sdk_config() -> aws_config::SdkConfig {
    aws_config::load_defaults(aws_config::BehaviorVersion::latest()).await
}

/// An S3 client. Path-style addressing is forced when an endpoint override is
/// set, because moto and other local servers do not serve virtual hosts.
pub fn s3_client(cfg: &aws_config::SdkConfig) -> aws_sdk_s3::Client {
    let mut b = aws_sdk_s3::config::Builder::from(cfg);
    if cfg.endpoint_url().is_some() {
        b = b.force_path_style(true);
    }
    aws_sdk_s3::Client::from_conf(b.build())
}

/// An SQS client.
pub fn sqs_client(cfg: &aws_config::SdkConfig) -> aws_sdk_sqs::Client {
    aws_sdk_sqs::Client::new(cfg)
}
