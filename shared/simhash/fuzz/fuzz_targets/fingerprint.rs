//! Fuzz target: `fingerprint` on arbitrary input must not panic, and must
//! still equal the step-by-step pipeline it is an optimisation of.
//!
//! The crawler hands us whatever a site serves, decoded lossily to UTF-8, so
//! the input is made the same way.

#![no_main]

use jh_simhash::{fingerprint, shingles, simhash, visible_text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    let fp = fingerprint(&html);
    let shingled = shingles(&visible_text(&html));
    assert_eq!(fp.hash, simhash(&shingled));
    assert_eq!(fp.shingles, shingled.len());
    assert_eq!(fp.hex().len(), 16);
});
