//! Salary text normalisation ("$120k–$150k a year", "17-30K·13薪", …) and
//! the description's pay statement on arbitrary text. Invariants: no panic
//! or hang; bounds are finite, not negative, and ordered; the currency is an
//! ISO 4217 code (three ASCII capitals); the interval is one of the five we
//! store; a pay statement is always a range.
#![no_main]

use jh_common::extract::Salary;
use jh_common::extract::salary::{from_description, parse_text};
use libfuzzer_sys::fuzz_target;

fn check(s: &Salary, text: &str) {
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

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for labelled in [false, true] {
        if let Some(p) = parse_text(&text, labelled) {
            check(&p.salary, &text);
        }
    }
    for countries in [&[][..], &["US"][..]] {
        if let Some(p) = from_description(&text, countries) {
            check(&p.salary, &text);
            assert!(p.salary.min.is_some() && p.salary.max.is_some(), "a pay statement without a range: {text:?}");
        }
    }
});
