//! Extractor Lambda: wiring only. Config is read and validated, clients and a
//! lazy pool are built once per cold start, then the runtime loop starts.

use anyhow::Context;
use jh_common::{aws, config::Env, db, logging};
use jh_extractor::{Config, Extractor, handler};
use lambda_runtime::{run, service_fn};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    logging::init();
    let cfg = Config::from_env(&Env::process()).context("extractor configuration")?;
    let pool = db::lazy_pool(&cfg.db).context("database pool")?;
    db::check_schema(&pool).await.context("database schema check")?;
    let sdk = aws::sdk_config().await;
    let extractor = Extractor::new(cfg, pool, aws::s3_client(&sdk), aws::sqs_client(&sdk));
    run(service_fn(|event| handler(&extractor, event))).await.map_err(|e| anyhow::anyhow!(e))
}
