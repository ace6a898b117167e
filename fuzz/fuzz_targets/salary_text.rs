//! Salary text normalisation ("$120k–$150k a year", "17-30K·13薪", …) on
//! arbitrary text. Invariants: no panic or hang; bounds are finite, not
//! negative, and ordered; the currency is an ISO 4217 code (three ASCII
//! capitals); the interval is one of the five we store.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for labelled in [false, true] {
        let Some(p) = jh_common::extract::salary::parse_text(&text, labelled) else { continue };
        let s = &p.salary;
        for v in [s.min, s.max].into_iter().flatten() {
            assert!(v.is_finite() && v >= 0.0, "bad bound {v} from {text:?}: {s:?}");
        }
        if let (Some(min), Some(max)) = (s.min, s.max) {
            assert!(min <= max, "inverted range from {text:?}: {s:?}");
        }
        if let Some(c) = &s.currency {
            assert!(c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()), "currency {c:?} from {text:?}");
        }
        if let Some(i) = &s.interval {
            assert!(["hour", "day", "week", "month", "year"].contains(&i.as_str()), "interval {i:?} from {text:?}");
        }
    }
});
