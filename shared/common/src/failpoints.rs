//! Test-only crash points. A test arms a named point for N hits; the worker
//! checks it at that step and, when armed, stops as if the process died
//! there: the message is left on the queue for redelivery and nothing after
//! the point runs. Unarmed (always, in production) a check is one map lookup.
//!
//! We use this rather than the `fail` crate so the points need no cargo
//! feature: the same binary runs in tests and in Lambda.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Named crash points shared by a worker's clones.
#[derive(Clone, Default)]
pub struct Failpoints(Arc<Mutex<HashMap<&'static str, u32>>>);

/// The simulated crash.
#[derive(Debug, thiserror::Error)]
#[error("simulated crash at failpoint {0}")]
pub struct Crash(pub &'static str);

impl Failpoints {
    /// Makes the next `times` checks of `name` crash.
    pub fn arm(&self, name: &'static str, times: u32) {
        self.0.lock().expect("failpoints lock").insert(name, times);
    }

    /// Crashes if `name` is armed, consuming one hit.
    pub fn check(&self, name: &'static str) -> Result<(), Crash> {
        let mut map = self.0.lock().expect("failpoints lock");
        match map.get_mut(name) {
            Some(n) if *n > 0 => {
                *n -= 1;
                Err(Crash(name))
            }
            _ => Ok(()),
        }
    }

    /// Hits still armed for `name`.
    pub fn remaining(&self, name: &'static str) -> u32 {
        self.0.lock().expect("failpoints lock").get(name).copied().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_armed_point_crashes_exactly_the_armed_number_of_times() {
        let f = Failpoints::default();
        assert!(f.check("after_fetch").is_ok());
        f.arm("after_fetch", 2);
        assert!(f.check("after_fetch").is_err());
        assert!(f.check("after_fetch").is_err());
        assert!(f.check("after_fetch").is_ok());
    }
}
