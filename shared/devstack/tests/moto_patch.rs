//! The moto patch the devstack runs (`python/jh_moto.py`) closes moto's SQS
//! races: `python/check_jh_moto.py` hammers the backend from many threads
//! with thread switches forced every microsecond. Unpatched, it loses
//! thousands of messages and delivers some twice in every run; patched, it
//! must find nothing.

use std::process::Command;

#[test]
fn the_patched_queue_service_loses_no_message_duplicates_none_and_never_shares_a_fifo_group_under_forced_races() {
    // GIVEN moto installed and the patch beside its check
    jh_devstack::moto::ensure_installed().expect("moto installed");
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/python");

    // WHEN the check runs senders and receivers on a standard and a FIFO queue
    let out = Command::new("python3").arg("check_jh_moto.py").current_dir(dir).output().expect("running python3");

    // THEN every message arrived once, every delete was accepted, no group was shared
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.starts_with("ok:"), "{stdout}");
}
