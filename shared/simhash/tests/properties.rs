//! Property tests: exact laws the public API must obey for every input.
//!
//! Only exact properties are asserted. "Small edits give small distances" is
//! what SimHash is for, but it holds only on average, so it is no property.

use jh_simhash::{DEFAULT_THRESHOLD, fingerprint, hamming, is_near_duplicate, shingles, simhash, visible_text};
use proptest::prelude::*;

/// Features as they occur in practice: short, any script.
fn features() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec("\\PC{0,20}", 0..120)
}

/// Tag soup: real tags (suppressed and not), entities, comments, unclosed
/// and stray end tags, mixed with words in several scripts.
fn html_soup() -> impl Strategy<Value = String> {
    let fragment = prop_oneof![
        4 => "[a-zA-Z]{1,8}",
        2 => "[éüßçÀ東京オフィス🚀مرحبا]{1,5}",
        // Context-dependent lowercasing (final sigma) and case mappings that
        // change length.
        1 => prop::sample::select(vec!["ΟΔΟΣ", "Σ", "ΑΣ.", "ΣΑΣ'Σ", "İstanbul", "ǅ", "ẞ"])
            .prop_map(String::from),
        3 => prop::sample::select(vec![" ", "\n", "\t", "\u{a0}", "  "]).prop_map(String::from),
        4 => prop::sample::select(vec![
            "<p>", "</p>", "<div>", "</div>", "<b>", "</b>", "<br/>", "<td>", "<table>",
            "<title>", "</title>", "<script>", "</script>", "<style>", "</style>",
            "<nav>", "</nav>", "<header>", "</header>", "<footer>", "</footer>",
            "<noscript>", "</noscript>", "<template>", "</template>", "<svg>", "</svg>",
            "<!--", "-->", "<!-- c -->", "<select>", "<xmp>", "<textarea>", "<a href='x'>",
            "&amp;", "&lt;", "&nbsp;", "&eacute;", "&#65;", "&#x1F680;", "&", "&#", "<", ">",
        ])
        .prop_map(String::from),
    ];
    prop::collection::vec(fragment, 0..80).prop_map(|parts| parts.concat())
}

proptest! {
    #[test]
    fn identical_features_give_identical_hashes(list in features()) {
        // GIVEN a list and a copy of it
        let copy = list.clone();
        // WHEN both are hashed
        // THEN the hashes are equal
        prop_assert_eq!(simhash(&list), simhash(&copy));
    }

    #[test]
    fn simhash_does_not_depend_on_feature_order(
        (list, shuffled) in features().prop_flat_map(|l| (Just(l.clone()), Just(l).prop_shuffle()))
    ) {
        // GIVEN a list and a permutation of it
        // WHEN both are hashed
        // THEN the hashes are equal (the vote is a per-bit count)
        prop_assert_eq!(simhash(&list), simhash(&shuffled));
    }

    #[test]
    fn repeating_every_feature_keeps_the_hash(list in features(), times in 2usize..5) {
        // GIVEN every feature repeated `times` times
        let repeated: Vec<&String> = list.iter().flat_map(|f| std::iter::repeat_n(f, times)).collect();
        // WHEN hashed
        // THEN the per-bit majorities, and so the hash, are unchanged
        prop_assert_eq!(simhash(&repeated), simhash(&list));
    }

    #[test]
    fn hamming_is_a_symmetric_distance_of_at_most_64(a: u64, b: u64) {
        // GIVEN any two hashes
        // WHEN their distance is taken
        // THEN it is symmetric, bounded, and zero exactly for equal hashes
        prop_assert_eq!(hamming(a, b), hamming(b, a));
        prop_assert!(hamming(a, b) <= 64);
        prop_assert_eq!(hamming(a, a), 0);
        prop_assert_eq!(hamming(a, b) == 0, a == b);
    }

    #[test]
    fn hamming_obeys_the_triangle_inequality(a: u64, b: u64, c: u64) {
        prop_assert!(hamming(a, c) <= hamming(a, b) + hamming(b, c));
    }

    #[test]
    fn near_duplicate_means_distance_within_threshold(a: u64, flips in 0u32..64, threshold in 0u32..65) {
        // GIVEN b equal to a with its lowest `flips` bits inverted
        let b = a ^ (1u64.checked_shl(flips).unwrap_or(0).wrapping_sub(1));
        // WHEN compared
        // THEN it is a near duplicate exactly when flips <= threshold
        prop_assert_eq!(hamming(a, b), flips);
        prop_assert_eq!(is_near_duplicate(a, b, threshold), flips <= threshold);
        prop_assert_eq!(is_near_duplicate(a, b, DEFAULT_THRESHOLD), flips <= 3);
    }

    #[test]
    fn fingerprint_is_the_step_by_step_pipeline(html in html_soup()) {
        // GIVEN arbitrary tag soup
        // WHEN fingerprinted in one go
        let fp = fingerprint(&html);
        // THEN it equals visible text -> shingles -> simhash done separately
        let shingled = shingles(&visible_text(&html));
        prop_assert_eq!(fp.hash, simhash(&shingled));
        prop_assert_eq!(fp.shingles, shingled.len());
    }

    #[test]
    fn fingerprint_of_any_string_is_the_step_by_step_pipeline(html in "\\PC{0,200}") {
        let fp = fingerprint(&html);
        let shingled = shingles(&visible_text(&html));
        prop_assert_eq!(fp.hash, simhash(&shingled));
        prop_assert_eq!(fp.shingles, shingled.len());
    }

    #[test]
    fn visible_text_is_single_spaced_and_trimmed(html in html_soup()) {
        // GIVEN arbitrary tag soup
        // WHEN its visible text is extracted
        let text = visible_text(&html);
        // THEN words are separated by exactly one ASCII space, none at the ends
        let words: Vec<&str> = text.split_whitespace().collect();
        prop_assert_eq!(text.clone(), words.join(" "));
    }

    #[test]
    fn shingle_count_is_word_count_minus_two(words in prop::collection::vec("[a-zA-Zé東]{1,6}", 0..40)) {
        // GIVEN text of n words
        let text = words.join(" ");
        // WHEN shingled
        // THEN there are max(n - 2, 0) shingles, each of three words
        let shingled = shingles(&text);
        prop_assert_eq!(shingled.len(), words.len().saturating_sub(2));
        prop_assert!(shingled.iter().all(|s| s.split(' ').count() == 3));
    }

    #[test]
    fn hex_is_sixteen_digits_that_parse_back(html in html_soup()) {
        let fp = fingerprint(&html);
        let hex = fp.hex();
        prop_assert_eq!(hex.len(), 16);
        prop_assert_eq!(u64::from_str_radix(&hex, 16).ok(), Some(fp.hash));
        prop_assert_eq!(hex.to_lowercase(), hex);
    }
}
