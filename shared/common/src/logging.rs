//! Structured logging: one JSON object per line, as CloudWatch Logs (JSON log
//! format) and the logs endpoint expect. `RUST_LOG` sets the filter.

use tracing_subscriber::EnvFilter;

/// Installs the JSON subscriber. Safe to call more than once (later calls are
/// ignored), which keeps tests that share a process simple.
pub fn init() {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .json()
        .flatten_event(true)
        .with_current_span(false)
        .with_span_list(false)
        .with_target(false)
        .without_time()
        .with_env_filter(filter)
        .try_init();
}
