//! 64-bit SimHash fingerprints of job pages, for near-duplicate detection.
//!
//! The same posting is often served under several URLs, re-rendered with a
//! different tracking script or a new "posted 3 days ago" line. Comparing
//! fingerprints by Hamming distance catches those copies without comparing
//! pages pairwise.
//!
//! The pipeline is: HTML → [`visible_text`] → lowercase 3-word [`shingles`] →
//! [`simhash`]. [`fingerprint`] runs all of it in one pass over the page,
//! without building the text or a string per shingle. The hash is
//! bit-for-bit the one the earlier Python pipeline produced (`simhash` 2.1.2
//! over the same shingles, checked against the real Python package by
//! `tests/python_differential.rs`), and the visible text follows that
//! pipeline's parser (BeautifulSoup with `lxml`) closely enough that real
//! pages get the same fingerprint in both, so stored fingerprints stay
//! comparable.
//!
//! No I/O, no AWS, no database: pure functions that never panic on any input.

mod hash;
mod md5_lanes;
mod text;

pub use hash::simhash;
pub use text::visible_text;

/// Largest Hamming distance at which two fingerprints count as the same
/// posting (the value the Python pipeline used).
pub const DEFAULT_THRESHOLD: u32 = 3;

/// Lowercases `text` (Rust [`str::to_lowercase`]), splits it on Unicode
/// whitespace and returns every run of 3 consecutive words joined by one
/// space (`"a b c"`). Fewer than 3 words give an empty `Vec`.
///
/// Allocates a `String` per shingle; [`fingerprint`] avoids that, this is for
/// tests and tools.
pub fn shingles(text: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    words.windows(3).map(|w| w.join(" ")).collect()
}

/// Number of differing bits between two fingerprints (0..=64).
pub fn hamming(a: u64, b: u64) -> u32 {
    (a ^ b).count_ones()
}

/// Whether two fingerprints are within `threshold` differing bits
/// (inclusive); [`DEFAULT_THRESHOLD`] is the usual choice.
pub fn is_near_duplicate(a: u64, b: u64, threshold: u32) -> bool {
    hamming(a, b) <= threshold
}

/// A page's SimHash together with how many shingles it was computed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint {
    /// The 64-bit SimHash; 0 for a page with fewer than 3 visible words.
    pub hash: u64,
    /// Number of 3-word shingles that went into `hash`. A fingerprint of a
    /// near-empty page matches many others, so callers may want to ignore
    /// fingerprints built from only a few shingles.
    pub shingles: usize,
}

impl Fingerprint {
    /// The hash as 16 lowercase hex digits, zero-padded (the stored form).
    pub fn hex(&self) -> String {
        format!("{:016x}", self.hash)
    }
}

/// The full pipeline: HTML → visible text → shingles → SimHash.
///
/// Always equal to `simhash(shingles(&visible_text(html)))`, but in one pass
/// over the page that builds neither the text nor a string per shingle.
pub fn fingerprint(html: &str) -> Fingerprint {
    let mut shingler = text::Shingler::new();
    text::shingle(html, &mut shingler);
    let (hash, shingles) = shingler.finish();
    Fingerprint { hash, shingles }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shingles_are_lowercased_three_word_windows() {
        // GIVEN text with mixed case and irregular whitespace
        // WHEN shingled
        // THEN each shingle is three consecutive lowercase words
        assert_eq!(
            shingles("Senior  RUST\tEngineer in\nBerlin"),
            ["senior rust engineer", "rust engineer in", "engineer in berlin"]
        );
    }

    #[test]
    fn fewer_than_three_words_give_no_shingles() {
        // GIVEN texts of 0, 1 and 2 words
        for text in ["", "   ", "one", "one two"] {
            // WHEN shingled
            // THEN there are none
            assert!(shingles(text).is_empty(), "{text:?}");
        }
    }

    #[test]
    fn empty_page_fingerprint_is_zero_with_no_shingles() {
        // GIVEN pages with fewer than three visible words
        for html in ["", "<html><body><script>a b c d</script></body></html>", "<p>two words</p>"] {
            // WHEN fingerprinted
            // THEN the hash is 0 and no shingle was counted
            assert_eq!(fingerprint(html), Fingerprint { hash: 0, shingles: 0 }, "{html:?}");
        }
    }

    #[test]
    fn fingerprint_equals_simhash_of_shingles_of_visible_text() {
        // GIVEN a small job page
        let html = "<html><head><title>Rust Engineer</title></head><body>\
            <nav>Home Jobs About</nav><h1>Senior Rust Engineer (m/w/d)</h1>\
            <p>We build fast crawlers &amp; parsers. Remote-friendly, Zürich office.</p></body></html>";
        // WHEN fingerprinted
        let fp = fingerprint(html);
        // THEN it is exactly the step-by-step pipeline
        let expected = shingles(&visible_text(html));
        assert_eq!(fp.hash, simhash(&expected));
        assert_eq!(fp.shingles, expected.len());
        assert_eq!(fp.shingles, 13);
    }

    #[test]
    fn fingerprint_lowercases_greek_final_sigma_like_whole_text_lowercasing() {
        // GIVEN words where capital sigma lowercases to σ or ς by position
        let html = "<p>ΟΔΟΣ ΣΑΣ Σ ΑΣ. ΣΟΦΙΑ\u{a0}ΜΟΥΣΑΣ'Σ Ἀ\u{301}Σ</p><p>ΣΣ</p>";
        // WHEN fingerprinted word by word
        let fp = fingerprint(html);
        // THEN it agrees with lowercasing the whole visible text at once
        let expected = shingles(&visible_text(html));
        assert!(expected.iter().any(|s| s.contains('ς')));
        assert_eq!(fp.hash, simhash(&expected));
        assert_eq!(fp.shingles, expected.len());
    }

    #[test]
    fn fingerprint_matches_python_value_for_a_known_page() {
        // GIVEN a page whose visible text shingles to the classic pangram
        // (Python: Simhash(["the quick brown", ..., "the lazy dog"]).value)
        let html = "<p>The quick brown fox</p><p>jumps over the lazy dog</p>";
        // WHEN fingerprinted
        // THEN the hash is the one Python computed
        assert_eq!(fingerprint(html).hash, 11_069_862_385_826_335_619);
        assert_eq!(fingerprint(html).hex(), "99a00d3073a30b83");
    }

    #[test]
    fn hex_is_sixteen_zero_padded_lowercase_digits() {
        // GIVEN small and large hashes
        // WHEN formatted
        // THEN always 16 lowercase digits
        assert_eq!(Fingerprint { hash: 0, shingles: 0 }.hex(), "0000000000000000");
        assert_eq!(Fingerprint { hash: 0xAB, shingles: 1 }.hex(), "00000000000000ab");
        assert_eq!(Fingerprint { hash: u64::MAX, shingles: 1 }.hex(), "ffffffffffffffff");
    }

    #[test]
    fn hamming_counts_differing_bits() {
        // GIVEN pairs with a known number of differing bits
        // WHEN compared
        // THEN the distance is that number
        assert_eq!(hamming(0, 0), 0);
        assert_eq!(hamming(0b1011, 0b0001), 2);
        assert_eq!(hamming(0, u64::MAX), 64);
        assert_eq!(hamming(1 << 63, 1), 2);
    }

    #[test]
    fn near_duplicate_threshold_is_inclusive() {
        // GIVEN hashes exactly DEFAULT_THRESHOLD bits apart, and one more
        let a = 0u64;
        let at_threshold = 0b111u64;
        let beyond = 0b1111u64;
        // WHEN checked against the default threshold
        // THEN distance 3 is a duplicate and 4 is not
        assert!(is_near_duplicate(a, at_threshold, DEFAULT_THRESHOLD));
        assert!(!is_near_duplicate(a, beyond, DEFAULT_THRESHOLD));
        assert!(is_near_duplicate(a, a, 0));
    }
}
