//! Splitting the visible text into words, and the two consumers of those
//! words: the visible-text string ([`Collector`]) and the fingerprint's
//! shingle hasher ([`Shingler`]).
//!
//! Separators are the characters Python's `str.split()` splits on, since
//! the Python pipeline split with it: Unicode `White_Space` (what Rust's
//! `char::is_whitespace` tests) plus U+001C..U+001F. Text arrives in pieces
//! (between tags, around character references), and a word may straddle
//! pieces; only a separator or a [`TextSink::boundary`] ends a word.

use crate::hash::Accumulator;

/// Receives the visible text of a page in document order.
pub(crate) trait TextSink {
    /// A piece of text, possibly mid-word, possibly with separators and NULs.
    fn text(&mut self, piece: &str);
    /// The end of a BeautifulSoup string: the next piece starts a new word.
    fn boundary(&mut self);
}

/// Builds words out of runs of non-separator characters.
trait WordBuilder {
    /// Appends `run` (no separators in it) to the current word, starting one
    /// if there is none. `ascii` tells whether `run` is all ASCII.
    fn run(&mut self, run: &str, ascii: bool);
    /// Ends the current word, if any.
    fn end_word(&mut self);
}

/// Byte classes for [`feed`].
const WORD: u8 = 0;
const SPACE: u8 = 1;
/// A byte >= 0x80 that cannot start a whitespace character.
const HIGH: u8 = 2;
/// A lead byte of a multi-byte whitespace character (0xC2, 0xE1..=0xE3).
const MAYBE_SPACE: u8 = 3;
/// NUL, which libxml2 replaces with U+FFFD.
const NUL: u8 = 4;

const CLASS: [u8; 256] = {
    let mut class = [WORD; 256];
    class[0] = NUL;
    let mut b = 0x09;
    while b <= 0x0D {
        class[b] = SPACE;
        b += 1;
    }
    b = 0x1C;
    while b <= 0x20 {
        class[b] = SPACE;
        b += 1;
    }
    b = 0x80;
    while b <= 0xFF {
        class[b] = HIGH;
        b += 1;
    }
    class[0xC2] = MAYBE_SPACE;
    class[0xE1] = MAYBE_SPACE;
    class[0xE2] = MAYBE_SPACE;
    class[0xE3] = MAYBE_SPACE;
    class
};

/// Length of the whitespace character starting at `bytes[0]` (a
/// [`MAYBE_SPACE`] byte), or 0 if it is some other character. These are the
/// non-ASCII `White_Space` characters: U+0085, U+00A0, U+1680,
/// U+2000..U+200A, U+2028, U+2029, U+202F, U+205F and U+3000.
#[inline]
fn multibyte_space(bytes: &[u8]) -> usize {
    match bytes {
        [0xC2, 0x85 | 0xA0, ..] => 2,
        [0xE1, 0x9A, 0x80, ..] => 3,
        [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF, ..] => 3,
        [0xE2, 0x81, 0x9F, ..] => 3,
        [0xE3, 0x80, 0x80, ..] => 3,
        _ => 0,
    }
}

/// For 8 bytes read little-endian: zero if all are printable ASCII
/// (0x21..=0x7F), else a value whose lowest set bit is the high bit of the
/// first byte below 0x21 (space, control) or above 0x7F (non-ASCII). A
/// borrow only arises from such a byte, so bits below it are exact.
#[inline(always)]
fn space_or_non_ascii(chunk: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    (chunk.wrapping_sub(0x21 * ONES) | chunk) & HIGH
}

/// Length of the UTF-8 character whose first byte is `lead` (>= 0x80).
#[inline(always)]
fn utf8_width(lead: u8) -> usize {
    match lead {
        0xF0.. => 4,
        0xE0.. => 3,
        _ => 2,
    }
}

/// Splits `text` into runs and word ends for `words`.
fn feed<W: WordBuilder>(words: &mut W, text: &str) {
    let bytes = text.as_bytes();
    let len = bytes.len();
    let mut pos = 0;
    loop {
        // A run of separators (pretty-printed pages have long ones between
        // tags) ends the current word once.
        let separators_start = pos;
        while pos < len {
            match CLASS[bytes[pos] as usize] {
                SPACE => pos += 1,
                MAYBE_SPACE => match multibyte_space(&bytes[pos..]) {
                    0 => break,
                    width => pos += width,
                },
                _ => break,
            }
        }
        if pos > separators_start {
            words.end_word();
        }
        if pos == len {
            return;
        }
        // Then a run of word characters. Cut points are ASCII bytes or the
        // first byte of a whitespace character, so both ends of the run are
        // character boundaries.
        let start = pos;
        let mut ascii = true;
        while pos < len {
            // Printable ASCII eight bytes at a time, up to the first byte
            // that needs a closer look.
            if let Some(chunk) = bytes.get(pos..pos + 8) {
                let chunk = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
                let special = space_or_non_ascii(chunk);
                if special == 0 {
                    pos += 8;
                    continue;
                }
                pos += special.trailing_zeros() as usize / 8;
            }
            match CLASS[bytes[pos] as usize] {
                WORD => pos += 1,
                // `pos` is always on a character boundary, so this is a
                // lead byte: skip the whole character.
                HIGH => {
                    ascii = false;
                    pos += utf8_width(bytes[pos]);
                }
                MAYBE_SPACE if multibyte_space(&bytes[pos..]) == 0 => {
                    ascii = false;
                    pos += utf8_width(bytes[pos]);
                }
                _ => break,
            }
        }
        if pos > start {
            words.run(&text[start..pos], ascii);
        }
        if pos < len && bytes[pos] == 0 {
            words.run("\u{FFFD}", false);
            pos += 1;
        }
    }
}

/// Collects the visible text: words joined by single spaces.
pub(crate) struct Collector {
    out: String,
    in_word: bool,
}

impl Collector {
    pub(crate) fn new(capacity: usize) -> Self {
        Self { out: String::with_capacity(capacity), in_word: false }
    }

    pub(crate) fn finish(self) -> String {
        self.out
    }
}

impl WordBuilder for Collector {
    #[inline]
    fn run(&mut self, run: &str, _ascii: bool) {
        if !self.in_word {
            if !self.out.is_empty() {
                self.out.push(' ');
            }
            self.in_word = true;
        }
        self.out.push_str(run);
    }

    #[inline]
    fn end_word(&mut self) {
        self.in_word = false;
    }
}

impl TextSink for Collector {
    #[inline]
    fn text(&mut self, piece: &str) {
        feed(self, piece);
    }

    #[inline]
    fn boundary(&mut self) {
        self.end_word();
    }
}

/// Lowercases words and hashes every run of three as a shingle, without
/// building the text or a string per shingle.
pub(crate) struct Shingler {
    /// The last few lowercased words, separated by single spaces, so every
    /// shingle is one slice of it. Older words are dropped as it grows.
    buf: Vec<u8>,
    in_word: bool,
    word_ascii: bool,
    word_start: usize,
    /// Start in `buf` of each of the last three words, by word number % 3.
    starts: [usize; 3],
    words: usize,
    accumulator: Accumulator,
}

/// Once `buf` is this long, the words no shingle needs any more are dropped,
/// which keeps it in the L1 cache.
const COMPACT_AT: usize = 4096;

impl Shingler {
    pub(crate) fn new() -> Self {
        Self {
            buf: Vec::with_capacity(COMPACT_AT + 256),
            in_word: false,
            word_ascii: true,
            word_start: 0,
            starts: [0; 3],
            words: 0,
            accumulator: Accumulator::new(),
        }
    }

    /// The SimHash and the number of shingles.
    pub(crate) fn finish(mut self) -> (u64, usize) {
        self.end_word();
        self.accumulator.finish()
    }

    /// Drops everything before the second-to-last complete word: the next
    /// shingle starts there.
    fn compact(&mut self) {
        let keep_from = self.starts[(self.words + 1) % 3];
        self.buf.copy_within(keep_from.., 0);
        self.buf.truncate(self.buf.len() - keep_from);
        for start in &mut self.starts {
            *start = start.saturating_sub(keep_from);
        }
    }
}

impl WordBuilder for Shingler {
    #[inline]
    fn run(&mut self, run: &str, ascii: bool) {
        if !self.in_word {
            if self.words > 0 {
                self.buf.push(b' ');
            }
            self.in_word = true;
            self.word_ascii = true;
            self.word_start = self.buf.len();
        }
        if ascii {
            self.buf.extend(run.as_bytes().iter().map(u8::to_ascii_lowercase));
        } else {
            self.buf.extend_from_slice(run.as_bytes());
            self.word_ascii = false;
        }
    }

    fn end_word(&mut self) {
        if !self.in_word {
            return;
        }
        self.in_word = false;
        if !self.word_ascii {
            // Lowercased as a whole word: Greek final sigma depends on the
            // neighbouring letters, which never lie across a separator, so
            // this equals lowercasing the whole text as Python does. The
            // bytes are whole characters from `&str` pieces, so they are
            // valid UTF-8.
            if let Ok(word) = std::str::from_utf8(&self.buf[self.word_start..]) {
                let lower = word.to_lowercase();
                self.buf.truncate(self.word_start);
                self.buf.extend_from_slice(lower.as_bytes());
            }
        }
        self.starts[self.words % 3] = self.word_start;
        self.words += 1;
        if self.words >= 3 {
            // The oldest of the three slots holds the shingle's first word.
            let first = self.starts[self.words % 3];
            self.accumulator.add(&self.buf[first..]);
            if self.buf.len() >= COMPACT_AT {
                self.compact();
            }
        }
    }
}

impl TextSink for Shingler {
    #[inline]
    fn text(&mut self, piece: &str) {
        feed(self, piece);
    }

    #[inline]
    fn boundary(&mut self) {
        self.end_word();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words_of(pieces: &[&str]) -> String {
        let mut collector = Collector::new(0);
        for piece in pieces {
            collector.text(piece);
        }
        collector.finish()
    }

    #[test]
    fn multibyte_space_agrees_with_char_is_whitespace_for_every_char() {
        // GIVEN every Unicode scalar value
        for c in (0..=0x10_FFFFu32).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let encoded = c.encode_utf8(&mut buf).as_bytes();
            // WHEN classified by its bytes
            let class = CLASS[encoded[0] as usize];
            let is_separator = match class {
                SPACE => true,
                MAYBE_SPACE => multibyte_space(encoded) == encoded.len(),
                _ => false,
            };
            // THEN it is a separator exactly when Rust or Python says so
            let python_extra = ('\u{1c}'..='\u{1f}').contains(&c);
            assert_eq!(is_separator, c.is_whitespace() || python_extra, "{c:?}");
        }
    }

    #[test]
    fn words_straddle_pieces_until_a_separator_or_boundary() {
        // GIVEN pieces that split words, with assorted separators
        // WHEN collected
        // THEN only separators end words, and runs of them collapse
        assert_eq!(words_of(&["  Sen", "ior\u{a0}\u{3000}Rust", "\t\n"]), "Senior Rust");
        assert_eq!(words_of(&["a\u{1c}b", "\u{2003}c\u{200b}d"]), "a b c\u{200b}d");
        assert_eq!(words_of(&["東京", "オフィス 🚀"]), "東京オフィス 🚀");
    }

    #[test]
    fn eight_byte_test_finds_the_first_space_control_or_non_ascii_byte() {
        // GIVEN printable ASCII with each byte value at each position,
        // followed by assorted bytes
        for special in 0..=255u8 {
            for at in 0..8 {
                for tail in [0x00, 0x20, 0x41, 0xFF] {
                    let mut chunk = [tail; 8];
                    chunk[..at].copy_from_slice(&b"abcdXYZ~"[..at]);
                    chunk[at] = special;
                    // WHEN tested
                    let found = space_or_non_ascii(u64::from_le_bytes(chunk));
                    // THEN the first byte outside 0x21..=0x7F is found where it is
                    let first = chunk.iter().position(|b| !(0x21..=0x7F).contains(b));
                    match first {
                        Some(first) => assert_eq!(found.trailing_zeros() as usize / 8, first),
                        None => assert_eq!(found, 0),
                    }
                }
            }
        }
    }

    #[test]
    fn nul_becomes_a_replacement_character_inside_the_word() {
        assert_eq!(words_of(&["a\0b c"]), "a\u{FFFD}b c");
    }

    #[test]
    fn shingler_hashes_lowercased_three_word_windows_across_compaction() {
        // GIVEN enough words to compact the buffer several times, fed in
        // pieces that split words, in mixed scripts and case
        let words: Vec<String> = (0..3000)
            .map(|i| match i % 4 {
                0 => format!("Word{i}"),
                1 => "ΟΔΟΣ".to_string(),
                2 => format!("straße{i}"),
                _ => "x".repeat(i % 70),
            })
            .filter(|w| !w.is_empty())
            .collect();
        let text = words.join(" ");
        let mut shingler = Shingler::new();
        let mut pos = 0;
        while pos < text.len() {
            let mut end = (pos + 7).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            shingler.text(&text[pos..end]);
            pos = end;
        }
        // WHEN finished
        let (hash, count) = shingler.finish();
        // THEN it equals hashing the plainly built shingles
        let expected = crate::shingles(&text);
        assert_eq!(count, expected.len());
        assert_eq!(hash, crate::simhash(&expected));
    }
}
