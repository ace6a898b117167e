//! What every jh function shares: configuration, domain types, messages, and
//! the adapters to Postgres, S3, SQS, the ATS sources, the polite fetcher and
//! the extraction (the `jh-extract` crate, re-exported as [`extract`]).
//!
//! Library code returns `thiserror` enums; only mains and xtask use `anyhow`.

pub mod aws;
pub mod charset;
pub mod config;
pub mod db;
pub mod domain;
/// The extraction, in its own crate (`jh-extract`) for its build profile.
pub use jh_extract as extract;
pub mod failpoints;
pub mod fetch;
pub mod logging;
pub mod messages;
pub mod metrics;
pub mod queue;
pub mod robots;
pub mod secrets;
pub mod sources;
pub mod storage;
pub mod worker;
