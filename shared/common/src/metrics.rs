//! Counters as CloudWatch Embedded Metric Format (EMF): one JSON line per
//! invocation that CloudWatch turns into metrics, with no API call and no
//! extra latency. The sink is stdout in Lambda; tests and the devstack can
//! capture it instead.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

/// Where EMF lines go.
pub type Sink = Arc<dyn Fn(&str) + Send + Sync>;

/// Counters of one function, flushed as one EMF line.
#[derive(Clone)]
pub struct Metrics {
    function: &'static str,
    counts: Arc<Mutex<BTreeMap<&'static str, u64>>>,
    sink: Sink,
}

impl Metrics {
    /// Counters for `function`, written to stdout.
    pub fn stdout(function: &'static str) -> Self {
        Self::with_sink(function, Arc::new(|line: &str| println!("{line}")))
    }

    /// Counters written to a custom sink.
    pub fn with_sink(function: &'static str, sink: Sink) -> Self {
        Self { function, counts: Arc::default(), sink }
    }

    /// Adds to a counter.
    pub fn add(&self, name: &'static str, n: u64) {
        *self.counts.lock().expect("metrics lock").entry(name).or_insert(0) += n;
    }

    /// Writes the counters as one EMF line and resets them; nothing when all
    /// are zero.
    pub fn flush(&self) {
        let counts = std::mem::take(&mut *self.counts.lock().expect("metrics lock"));
        if counts.is_empty() {
            return;
        }
        let metrics: Vec<_> = counts.keys().map(|k| serde_json::json!({"Name": k, "Unit": "Count"})).collect();
        let mut doc = serde_json::json!({
            "_aws": {
                "Timestamp": chrono::Utc::now().timestamp_millis(),
                "CloudWatchMetrics": [{"Namespace": "jh", "Dimensions": [["Function"]], "Metrics": metrics}],
            },
            "Function": self.function,
        });
        for (k, v) in counts {
            doc[k] = v.into();
        }
        (self.sink)(&doc.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flush_writes_one_emf_line_with_every_counter_and_resets() {
        let lines = Arc::new(Mutex::new(Vec::<String>::new()));
        let l = lines.clone();
        let m = Metrics::with_sink("crawler", Arc::new(move |s: &str| l.lock().unwrap().push(s.to_owned())));
        m.add("PagesFetched", 2);
        m.add("PagesUnchanged", 1);
        m.add("PagesFetched", 1);
        m.flush();
        m.flush();
        let lines = lines.lock().unwrap();
        assert_eq!(lines.len(), 1);
        let v: serde_json::Value = serde_json::from_str(&lines[0]).unwrap();
        assert_eq!(v["PagesFetched"], 3);
        assert_eq!(v["Function"], "crawler");
        assert_eq!(v["_aws"]["CloudWatchMetrics"][0]["Metrics"].as_array().unwrap().len(), 2);
    }
}
