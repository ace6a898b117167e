//! Crawler Lambda: wiring only. Secrets and config are read and validated,
//! clients and a lazy pool are built once per cold start, then the runtime
//! loop starts.

use anyhow::Context;
use jh_common::{aws, config::Env, db, logging, secrets};
use jh_crawler::{Config, Crawler, handler};
use lambda_runtime::{run, service_fn};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    logging::init();
    let sdk = aws::sdk_config().await;
    let env = secrets::resolve(Env::process(), &sdk, &["DATABASE_URL"]).await?;
    let cfg = Config::from_env(&env).context("crawler configuration")?;
    let pool = db::lazy_pool(&cfg.db).context("database pool")?;
    db::check_schema(&pool).await.context("database schema check")?;
    let crawler = Crawler::new(cfg, pool, aws::s3_client(&sdk), aws::sqs_client(&sdk)).context("HTTP client")?;
    run(service_fn(|event| handler(&crawler, event))).await.map_err(|e| anyhow::anyhow!(e))
}
