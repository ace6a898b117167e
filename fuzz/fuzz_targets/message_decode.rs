//! Queue message decoding on arbitrary bodies. Invariants: no panic; a
//! body that decodes re-encodes to a body that decodes to the same message
//! (so a worker that re-sends a message never changes it).
#![no_main]

use jh_common::messages::{CrawlMessage, ExtractMessage};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(body) = std::str::from_utf8(data) else {
        // SQS bodies are UTF-8; a lossy copy still must not panic.
        let lossy = String::from_utf8_lossy(data);
        let _ = CrawlMessage::decode(Some(&lossy));
        let _ = ExtractMessage::decode(Some(&lossy));
        return;
    };
    if let Ok(m) = CrawlMessage::decode(Some(body)) {
        match CrawlMessage::decode(Some(&m.encode())) {
            Ok(again) => assert_eq!(again, m),
            Err(e) => panic!("{m:?} re-encoded does not decode: {e}"),
        }
    }
    if let Ok(m) = ExtractMessage::decode(Some(body)) {
        match ExtractMessage::decode(Some(&m.encode())) {
            Ok(again) => assert_eq!(again, m),
            Err(e) => panic!("{m:?} re-encoded does not decode: {e}"),
        }
    }
});
