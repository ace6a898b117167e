//! The SimHash arithmetic: per-feature MD5 hashes and the majority vote over
//! their bits.
//!
//! Everything here must stay bit-for-bit identical to Python `simhash` 2.1.2
//! (`Simhash(list_of_str).value`), because fingerprints computed by the old
//! Python pipeline are already stored and compared against new ones. The
//! `tests/python_differential.rs` test checks that against the real package.

use crate::md5_lanes::{Batch, LongBatch, ONE_BLOCK_MAX};

/// Per-bit vote counter for the SimHash majority rule.
///
/// The obvious "64 counters, add one bit at a time" costs 64 operations per
/// feature. Instead each of 8 `u64` accumulators holds 8 byte-wide counters
/// (accumulator `j`, byte `k` counts bit `8k + j`), so one feature costs 8
/// shift/mask/add steps. Byte counters overflow after 255 additions, so they
/// are flushed into wide totals before that happens.
pub(crate) struct BitCounter {
    lanes: [u64; 8],
    pending: u32,
    totals: [u64; 64],
    features: usize,
}

impl BitCounter {
    /// A counter that has seen no feature.
    pub(crate) fn new() -> Self {
        Self { lanes: [0; 8], pending: 0, totals: [0; 64], features: 0 }
    }

    /// Counts one feature's hash.
    #[inline]
    pub(crate) fn add(&mut self, hash: u64) {
        const LOW_BIT_OF_EACH_BYTE: u64 = 0x0101_0101_0101_0101;
        for (j, lane) in self.lanes.iter_mut().enumerate() {
            *lane += (hash >> j) & LOW_BIT_OF_EACH_BYTE;
        }
        self.features += 1;
        self.pending += 1;
        if self.pending == 255 {
            self.flush();
        }
    }

    /// Number of features counted so far.
    pub(crate) fn features(&self) -> usize {
        self.features
    }

    fn flush(&mut self) {
        for (j, lane) in self.lanes.iter_mut().enumerate() {
            for k in 0..8 {
                self.totals[8 * k + j] += (*lane >> (8 * k)) & 0xff;
            }
            *lane = 0;
        }
        self.pending = 0;
    }

    /// The SimHash: bit `b` is set when strictly more than half of the
    /// features have bit `b` set. Python compares `sum > count / 2` in
    /// floating point; for integers `c > n / 2.0` is exactly `c > n / 2`
    /// (floor division), which also cannot overflow.
    pub(crate) fn finish(mut self) -> u64 {
        self.flush();
        let half = self.features as u64 / 2;
        self.totals
            .iter()
            .enumerate()
            .filter(|&(_, &count)| count > half)
            .fold(0u64, |value, (bit, _)| value | (1u64 << bit))
    }
}

/// Turns features into a SimHash: single-block features are queued for the
/// multi-lane MD5, longer ones for its multi-block variant; the vote does
/// not depend on the order in which hashes arrive.
pub(crate) struct Accumulator {
    batch: Batch,
    long: LongBatch,
    counter: BitCounter,
}

impl Accumulator {
    /// An accumulator that has seen no feature.
    pub(crate) fn new() -> Self {
        Self { batch: Batch::new(), long: LongBatch::new(), counter: BitCounter::new() }
    }

    /// Adds a feature (its UTF-8 bytes).
    #[inline]
    pub(crate) fn add(&mut self, feature: &[u8]) {
        let counter = &mut self.counter;
        if feature.len() <= ONE_BLOCK_MAX {
            if self.batch.is_full() {
                self.batch.drain(|hash| counter.add(hash));
            }
            self.batch.push(feature);
        } else {
            self.long.push(feature, |hash| counter.add(hash));
        }
    }

    /// The SimHash and the number of features it was computed from.
    pub(crate) fn finish(mut self) -> (u64, usize) {
        let counter = &mut self.counter;
        self.batch.drain(|hash| counter.add(hash));
        self.long.finish(|hash| counter.add(hash));
        let features = self.counter.features();
        (self.counter.finish(), features)
    }
}

/// 64-bit SimHash of a list of features, bit-for-bit compatible with Python
/// `simhash` 2.1.2 `Simhash(list_of_str).value`.
///
/// Each feature's hash is the last 8 bytes of MD5(UTF-8 bytes), read
/// big-endian; bit `b` of the result is set when strictly more than half of
/// the features have bit `b` set (ties give 0). An empty list gives 0.
pub fn simhash<I, S>(features: I) -> u64
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut accumulator = Accumulator::new();
    for feature in features {
        accumulator.add(feature.as_ref().as_bytes());
    }
    accumulator.finish().0
}

#[cfg(test)]
mod tests {
    use super::*;
    use md5::{Digest, Md5};
    use proptest::prelude::*;

    /// The straightforward definition, used as the oracle for the fast paths.
    fn reference_feature_hash(feature: &str) -> u64 {
        let digest = Md5::digest(feature.as_bytes());
        u64::from_be_bytes(digest[8..].try_into().expect("MD5 digests are 16 bytes"))
    }

    fn reference_simhash(features: &[&str]) -> u64 {
        let mut counts = [0usize; 64];
        for feature in features {
            let h = reference_feature_hash(feature);
            for (bit, count) in counts.iter_mut().enumerate() {
                *count += ((h >> bit) & 1) as usize;
            }
        }
        let mut value = 0;
        for (bit, &count) in counts.iter().enumerate() {
            if 2 * count > features.len() {
                value |= 1 << bit;
            }
        }
        value
    }

    #[test]
    fn one_feature_hash_matches_md5_digest_on_both_sides_of_the_one_block_limit() {
        // GIVEN single features of every length around the 55/56-byte block
        // boundary, in ASCII and in multi-byte UTF-8
        for len in 0..=130 {
            let ascii = "a".repeat(len);
            let accented = "é".repeat(len / 2);
            for text in [ascii.as_str(), accented.as_str()] {
                // WHEN hashed as a one-feature list (a majority of one keeps
                // every bit)
                // THEN it equals the plain MD5 digest's last 8 bytes
                assert_eq!(simhash([text]), reference_feature_hash(text), "len {len}");
            }
        }
    }

    #[test]
    fn accumulator_counts_short_and_long_features_alike() {
        // GIVEN a mix of single-block and multi-block features, more than
        // one batch of each
        let features: Vec<String> = (0..40).map(|i| "ab".repeat(i * 2)).collect();
        let borrowed: Vec<&str> = features.iter().map(String::as_str).collect();
        let mut accumulator = Accumulator::new();
        for feature in &borrowed {
            accumulator.add(feature.as_bytes());
        }
        // WHEN finished
        // THEN it counted all of them and agrees with the plain definition
        assert_eq!(accumulator.finish(), (reference_simhash(&borrowed), 40));
    }

    #[test]
    fn simhash_matches_values_computed_by_python_simhash_2_1_2() {
        // GIVEN feature lists whose Python `Simhash(list).value` was recorded
        let cases: [(&[&str], u64); 7] = [
            (&[], 0),
            (&["a"], 3_585_878_926_028_121_697),
            (&["a", "b"], 3_513_678_945_095_583_233),
            (&["a", "b", "c"], 3_587_003_245_248_337_699),
            (
                &[
                    "the quick brown",
                    "quick brown fox",
                    "brown fox jumps",
                    "fox jumps over",
                    "jumps over the",
                    "over the lazy",
                    "the lazy dog",
                ],
                11_069_862_385_826_335_619,
            ),
            (
                &["日本語 の テキスト", "café crème brûlée", "🚀 launch now", "مرحبا بالعالم اليوم"],
                5_379_632_299_935_622_816,
            ),
            (
                &[
                    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
                    "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy",
                    "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz",
                    "",
                ],
                7_298_100_893_205_922_098,
            ),
        ];
        for (features, expected) in cases {
            // WHEN hashed
            // THEN the value is Python's
            assert_eq!(simhash(features), expected, "{features:?}");
        }
    }

    #[test]
    fn simhash_of_one_feature_is_that_features_hash() {
        // GIVEN one feature, which is a majority of one on every bit
        // WHEN hashed as a list
        // THEN every set bit of its MD5 tail survives
        assert_eq!(simhash(["hello"]), reference_feature_hash("hello"));
    }

    #[test]
    fn simhash_tie_on_a_bit_gives_zero() {
        // GIVEN two features, so every bit where they differ is a 1-1 tie
        let (a, b) = (reference_feature_hash("a"), reference_feature_hash("b"));
        // WHEN hashed together
        // THEN only the bits both have set survive
        assert_eq!(simhash(["a", "b"]), a & b);
    }

    #[test]
    fn bit_counter_flushes_byte_lanes_without_overflow() {
        // GIVEN more than 255 identical all-ones hashes (a byte lane would wrap)
        let mut counter = BitCounter::new();
        for _ in 0..1_000 {
            counter.add(u64::MAX);
        }
        counter.add(0);
        // WHEN finished
        // THEN every bit still has its 1000-of-1001 majority
        assert_eq!(counter.features(), 1_001);
        assert_eq!(counter.finish(), u64::MAX);
    }

    proptest! {
        #[test]
        fn one_feature_simhash_equals_md5_reference(text in ".{0,80}") {
            prop_assert_eq!(simhash([&text]), reference_feature_hash(&text));
        }

        #[test]
        fn simhash_equals_the_plain_definition(features in prop::collection::vec(".{0,12}", 0..600)) {
            let borrowed: Vec<&str> = features.iter().map(String::as_str).collect();
            prop_assert_eq!(simhash(&borrowed), reference_simhash(&borrowed));
        }
    }
}
