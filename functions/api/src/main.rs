//! API Lambda: wiring only. Under the Lambda runtime it serves the router
//! through `lambda_http` — buffered behind API Gateway, or streamed behind a
//! Function URL when `API_MODE=stream` (the progress stream needs it); run
//! directly (no `AWS_LAMBDA_RUNTIME_API`) it serves the same router over
//! plain HTTP on `API_BIND`.

use std::time::Duration;

use anyhow::Context;
use jh_api::{AppState, Config, router};
use jh_common::{aws, config::Env, db, logging, secrets};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    logging::init();
    let sdk = aws::sdk_config().await;
    let env = secrets::resolve(Env::process(), &sdk, &["DATABASE_URL", "JWT_SECRET"]).await?;
    let mut cfg = Config::from_env(&env).context("api configuration")?;
    let lambda = env.get("AWS_LAMBDA_RUNTIME_API").is_some();
    let stream = match env.get("API_MODE").as_deref() {
        None | Some("buffered") => false,
        Some("stream") => true,
        Some(other) => {
            anyhow::bail!("environment variable API_MODE is invalid: expected stream or buffered, got {other:?}")
        }
    };
    if lambda && !stream {
        // A buffered response reaches the client only when it ends, and API
        // Gateway gives up after 30 s: end event streams before that.
        cfg.sse.max_duration = cfg.sse.max_duration.min(Duration::from_secs(25));
    }
    let pool = db::lazy_pool(&cfg.db).context("database pool")?;
    db::check_schema(&pool).await.context("database schema check")?;
    let app = router(AppState::new(cfg, pool, aws::sqs_client(&sdk), aws_sdk_cloudwatchlogs::Client::new(&sdk)));
    match (lambda, stream) {
        (true, true) => lambda_http::run_with_streaming_response(app).await.map_err(|e| anyhow::anyhow!(e)),
        (true, false) => lambda_http::run(app).await.map_err(|e| anyhow::anyhow!(e)),
        (false, _) => {
            let bind = env.get("API_BIND").unwrap_or_else(|| "127.0.0.1:3000".into());
            let listener =
                tokio::net::TcpListener::bind(&bind).await.with_context(|| format!("binding API_BIND={bind}"))?;
            tracing::info!(%bind, "serving HTTP");
            axum::serve(listener, app).await.context("serving HTTP")
        }
    }
}
