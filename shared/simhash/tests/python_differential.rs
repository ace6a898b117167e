//! Differential test against the Python `simhash` 2.1.2 package, the
//! implementation whose values are already stored in production.
//!
//! Generates feature lists from a fixed seed (so a failure reproduces),
//! hashes them here and in `differential.py`, and requires every value to
//! match. A missing Python package fails the test instead of skipping it: a
//! skipped compatibility check looks exactly like a passing one.

use std::io::Write;
use std::path::PathBuf;
use std::process::Command;

use jh_simhash::simhash;

const INSTALL_HINT: &str = "pip install simhash==2.1.2";

/// splitmix64: tiny, deterministic, and good enough to spread test cases.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform-ish in `lo..=hi`.
    fn range(&mut self, lo: u32, hi: u32) -> u32 {
        lo + (self.next() % u64::from(hi - lo + 1)) as u32
    }
}

/// Character ranges covering the scripts job pages come in, plus the
/// awkward ones (4-byte emoji, right-to-left Arabic).
const SCRIPTS: [(u32, u32); 7] = [
    (0x61, 0x7A),       // ASCII lowercase
    (0x30, 0x39),       // digits
    (0xE0, 0xFF),       // accented Latin (à..ÿ)
    (0x4E00, 0x9FFF),   // CJK unified ideographs
    (0x3041, 0x3096),   // Hiragana
    (0x0621, 0x064A),   // Arabic letters
    (0x1F300, 0x1F64F), // emoji
];

fn random_word(rng: &mut Rng) -> String {
    let (lo, hi) = SCRIPTS[rng.range(0, SCRIPTS.len() as u32 - 1) as usize];
    let len = rng.range(1, 12);
    (0..len).map(|_| char::from_u32(rng.range(lo, hi)).expect("ranges hold only scalar values")).collect()
}

fn random_feature(rng: &mut Rng, earlier: &[String]) -> String {
    match rng.range(0, 19) {
        // Repeats create exact ties on some bits.
        0 | 1 if !earlier.is_empty() => earlier[rng.range(0, earlier.len() as u32 - 1) as usize].clone(),
        2 => String::new(),
        // Long features take the multi-block MD5 path (> 55 bytes).
        3 => (0..rng.range(8, 30)).map(|_| random_word(rng)).collect::<Vec<_>>().join(" "),
        _ => (0..3).map(|_| random_word(rng)).collect::<Vec<_>>().join(" "),
    }
}

fn feature_lists() -> Vec<Vec<String>> {
    let mut rng = Rng(0x6A68_2D73_696D_6861); // "jh-simha"
    let mut lists = vec![Vec::new(), vec!["senior rust engineer".to_string()]];
    while lists.len() < 1_200 {
        let len = rng.range(1, 300);
        let mut list = Vec::with_capacity(len as usize);
        for _ in 0..len {
            let feature = random_feature(&mut rng, &list);
            list.push(feature);
        }
        lists.push(list);
    }
    // Python folds its partial sums every 200 batches of 200 features;
    // one list past 40,000 features exercises that path too.
    let mut big = Vec::with_capacity(45_000);
    for _ in 0..45_000 {
        let feature = random_feature(&mut rng, &big);
        big.push(feature);
    }
    lists.push(big);
    lists
}

fn python_values(lists: &[Vec<String>]) -> Vec<u64> {
    let probe = Command::new("python3").args(["-c", "import simhash"]).output();
    match probe {
        Ok(out) if out.status.success() => {}
        Ok(out) => {
            panic!("python3 cannot import simhash; run `{INSTALL_HINT}`\n{}", String::from_utf8_lossy(&out.stderr))
        }
        Err(err) => panic!("cannot run python3 ({err}); install Python 3, then `{INSTALL_HINT}`"),
    }

    let mut input = tempfile::NamedTempFile::new().expect("create temp file");
    serde_json::to_writer(&mut input, lists).expect("write feature lists");
    input.flush().expect("flush feature lists");

    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/differential.py");
    let out = Command::new("python3").arg(&script).arg(input.path()).output().expect("run differential.py");
    assert!(
        out.status.success(),
        "differential.py failed ({}); if simhash is missing or the wrong version, run `{INSTALL_HINT}`\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("python output is UTF-8")
        .lines()
        .map(|line| line.parse().unwrap_or_else(|e| panic!("bad python output {line:?}: {e}")))
        .collect()
}

#[test]
fn simhash_matches_python_simhash_2_1_2_on_random_unicode_feature_lists() {
    // GIVEN 1,200+ seeded feature lists: empty, single, 1-300 features of
    // CJK, accented Latin, Arabic, emoji, empty and long strings, repeats,
    // and one list of 45,000 features
    let lists = feature_lists();

    // WHEN hashed by Rust and by the Python package
    let ours: Vec<u64> = lists.iter().map(simhash).collect();
    let theirs = python_values(&lists);

    // THEN every value is identical
    assert_eq!(theirs.len(), lists.len(), "python printed one value per list");
    let mismatches: Vec<String> = lists
        .iter()
        .zip(ours.iter().zip(&theirs))
        .enumerate()
        .filter(|(_, (_, (ours, theirs)))| ours != theirs)
        .map(|(i, (list, (ours, theirs)))| {
            let preview: Vec<&String> = list.iter().take(3).collect();
            format!("list #{i} ({} features, first {preview:?}): rust {ours:#018x}, python {theirs:#018x}", list.len())
        })
        .collect();
    assert!(
        mismatches.is_empty(),
        "{} of {} lists differ; first ones:\n{}",
        mismatches.len(),
        lists.len(),
        mismatches.iter().take(10).cloned().collect::<Vec<_>>().join("\n")
    );
}
