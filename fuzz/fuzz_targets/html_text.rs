//! HTML → visible text → SimHash on arbitrary bytes (decoded as the crawler
//! decodes them, lossily). Beyond not crashing or hanging, the one-pass
//! fingerprint must equal the slow reference path
//! `simhash(shingles(visible_text(html)))`, shingle count included, and the
//! description's HTML → plain text must not panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    let fp = jh_simhash::fingerprint(&html);
    let shingles = jh_simhash::shingles(&jh_simhash::visible_text(&html));
    assert_eq!(fp.shingles, shingles.len(), "shingle count differs from the reference path");
    let reference = if shingles.is_empty() { 0 } else { jh_simhash::simhash(&shingles) };
    assert_eq!(fp.hash, reference, "one-pass fingerprint differs from the reference path");
    let _ = jh_common::extract::html_to_text(&html);
});
