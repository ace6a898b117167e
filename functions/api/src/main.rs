//! API Lambda: wiring only. Under the Lambda runtime it serves the router
//! through `lambda_http`; run directly (no `AWS_LAMBDA_RUNTIME_API`) it
//! serves the same router over plain HTTP on `API_BIND`.

use anyhow::Context;
use jh_api::{AppState, Config, router};
use jh_common::{aws, config::Env, db, logging};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    logging::init();
    let env = Env::process();
    let cfg = Config::from_env(&env).context("api configuration")?;
    let pool = db::lazy_pool(&cfg.db).context("database pool")?;
    db::check_schema(&pool).await.context("database schema check")?;
    let sdk = aws::sdk_config().await;
    let app = router(AppState::new(cfg, pool, aws::sqs_client(&sdk)));
    if env.get("AWS_LAMBDA_RUNTIME_API").is_some() {
        return lambda_http::run(app).await.map_err(|e| anyhow::anyhow!(e));
    }
    let bind = env.get("API_BIND").unwrap_or_else(|| "127.0.0.1:3000".into());
    let listener = tokio::net::TcpListener::bind(&bind).await.with_context(|| format!("binding API_BIND={bind}"))?;
    tracing::info!(%bind, "serving HTTP");
    axum::serve(listener, app).await.context("serving HTTP")
}
