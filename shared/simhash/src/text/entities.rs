//! Character references in text, decoded as libxml2 2.14 (and the HTML5
//! tokenizer) decode them in text content: named references by longest
//! match, with the legacy names also accepted without `;` (`&amp` → `&`,
//! `&notit;` → `¬it;`); numeric references with an optional `;`, C1 code
//! points mapped through Windows-1252, and invalid ones replaced by U+FFFD.
//!
//! The named-reference table is `html-escape`'s copy of the WHATWG list
//! (2,125 names): not something worth maintaining by hand.

use html_escape::NAMED_ENTITIES;

/// What a character reference stands for.
pub(crate) enum Decoded {
    Str(&'static str),
    Char(char),
}

/// The names the HTML standard also recognizes without a trailing `;`
/// (the keys of WHATWG `entities.json` that lack one), sorted.
#[rustfmt::skip]
const LEGACY: [&str; 106] = [
    "AElig", "AMP", "Aacute", "Acirc", "Agrave", "Aring", "Atilde", "Auml", "COPY", "Ccedil",
    "ETH", "Eacute", "Ecirc", "Egrave", "Euml", "GT", "Iacute", "Icirc", "Igrave", "Iuml", "LT",
    "Ntilde", "Oacute", "Ocirc", "Ograve", "Oslash", "Otilde", "Ouml", "QUOT", "REG", "THORN",
    "Uacute", "Ucirc", "Ugrave", "Uuml", "Yacute", "aacute", "acirc", "acute", "aelig", "agrave",
    "amp", "aring", "atilde", "auml", "brvbar", "ccedil", "cedil", "cent", "copy", "curren",
    "deg", "divide", "eacute", "ecirc", "egrave", "eth", "euml", "frac12", "frac14", "frac34",
    "gt", "iacute", "icirc", "iexcl", "igrave", "iquest", "iuml", "laquo", "lt", "macr", "micro",
    "middot", "nbsp", "not", "ntilde", "oacute", "ocirc", "ograve", "ordf", "ordm", "oslash",
    "otilde", "ouml", "para", "plusmn", "pound", "quot", "raquo", "reg", "sect", "shy", "sup1",
    "sup2", "sup3", "szlig", "thorn", "times", "uacute", "ucirc", "ugrave", "uml", "uuml",
    "yacute", "yen", "yuml",
];

/// Longest legacy name.
const LEGACY_MAX: usize = 6;

/// Longest name in the table (`CounterClockwiseContourIntegral`).
const NAME_MAX: usize = 31;

/// libxml2's `htmlC1Remap`: numeric references to U+0080..U+009F mean the
/// Windows-1252 characters at those bytes.
const C1_REMAP: [u16; 32] = [
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D,
    0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
    0x0153, 0x009D, 0x017E, 0x0178,
];

/// Decodes the character reference whose `&` is at `amp` in `bytes`, not
/// reading at or past `end`. Returns the value and the offset just past the
/// reference, or `None` when the `&` is literal text.
pub(crate) fn decode(bytes: &[u8], amp: usize, end: usize) -> Option<(Decoded, usize)> {
    let bytes = &bytes[..end];
    let start = amp + 1;
    if let Some((value, len)) = common(&bytes[start..]) {
        return Some((Decoded::Str(value), start + len));
    }
    match *bytes.get(start)? {
        b'#' => numeric(bytes, start + 1),
        first if first.is_ascii_alphabetic() => named(bytes, start),
        _ => None,
    }
}

/// The references that make up nearly all of those on real pages (LinkedIn
/// embeds JSON with tens of thousands of `&quot;`), complete with their `;`:
/// their value and length after the `&`.
#[inline]
fn common(rest: &[u8]) -> Option<(&'static str, usize)> {
    let (name, value): (&[u8], &str) = match rest.first()? {
        b'q' => (b"quot;", "\""),
        b'a' if rest.get(1) == Some(&b'm') => (b"amp;", "&"),
        b'l' => (b"lt;", "<"),
        b'g' => (b"gt;", ">"),
        b'n' => (b"nbsp;", "\u{a0}"),
        b'#' => (b"#39;", "'"),
        _ => return None,
    };
    // Fixed-length comparisons compile to a couple of integer compares.
    let matches = match name.len() {
        3 => rest.get(..3) == Some(&name[..3]),
        4 => rest.get(..4) == Some(&name[..4]),
        _ => rest.get(..5) == Some(&name[..5]),
    };
    matches.then_some((value, name.len()))
}

fn numeric(bytes: &[u8], start: usize) -> Option<(Decoded, usize)> {
    let (radix, digits_start) = match bytes.get(start) {
        Some(b'x' | b'X') if bytes.get(start + 1).is_some_and(u8::is_ascii_hexdigit) => (16, start + 1),
        Some(b) if b.is_ascii_digit() => (10, start),
        _ => return None,
    };
    let mut pos = digits_start;
    let mut code: u32 = 0;
    while let Some(digit) = bytes.get(pos).and_then(|&b| char::from(b).to_digit(radix)) {
        // Saturates like libxml2, so any overlong number is "too large".
        code = (code * radix + digit).min(0x11_0000);
        pos += 1;
    }
    if bytes.get(pos) == Some(&b';') {
        pos += 1;
    }
    let c = match code {
        0x80..=0x9F => char::from_u32(u32::from(C1_REMAP[(code - 0x80) as usize])),
        0 => None,
        _ => char::from_u32(code),
    };
    Some((Decoded::Char(c.unwrap_or('\u{FFFD}')), pos))
}

fn named(bytes: &[u8], start: usize) -> Option<(Decoded, usize)> {
    let limit = bytes.len().min(start + NAME_MAX + 1);
    let mut end = start;
    while end < limit && bytes[end].is_ascii_alphanumeric() {
        end += 1;
    }
    let run = end - start;
    let name = &bytes[start..start + run];
    if bytes.get(start + run) == Some(&b';')
        && let Some(value) = lookup(name)
    {
        return Some((Decoded::Str(value), start + run + 1));
    }
    // Otherwise the longest legacy name that prefixes the run, if any.
    (2..=run.min(LEGACY_MAX)).rev().find_map(|len| {
        let prefix = &name[..len];
        LEGACY
            .binary_search_by(|legacy| legacy.as_bytes().cmp(prefix))
            .ok()
            .and_then(|_| lookup(prefix))
            .map(|value| (Decoded::Str(value), start + len))
    })
}

/// The value of a named reference (without its `;`).
fn lookup(name: &[u8]) -> Option<&'static str> {
    NAMED_ENTITIES.binary_search_by(|(candidate, _)| (*candidate).cmp(name)).ok().map(|i| NAMED_ENTITIES[i].1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_all(text: &str) -> String {
        let bytes = text.as_bytes();
        let mut out = String::new();
        let mut pos = 0;
        while pos < bytes.len() {
            if bytes[pos] == b'&'
                && let Some((value, next)) = decode(bytes, pos, bytes.len())
            {
                match value {
                    Decoded::Str(s) => out.push_str(s),
                    Decoded::Char(c) => out.push(c),
                }
                pos = next;
                continue;
            }
            let c = text[pos..].chars().next().expect("in bounds");
            out.push(c);
            pos += c.len_utf8();
        }
        out
    }

    #[test]
    fn named_references_decode_by_longest_match_as_python_lxml_does() {
        // GIVEN references Python (BeautifulSoup + lxml) decoded to known values
        let cases = [
            ("&amp; &lt;b&gt; &quot;q&quot; &apos;", "& <b> \"q\" '"),
            ("&amp &lt 5 &AMP", "& < 5 &"),
            ("&notin; &notin &notinx &notit;", "∉ ¬in ¬inx ¬it;"),
            ("&ampamp; &amp;amp; &Amp; &copy2024 &frac12x", "&amp; &amp; &Amp; ©2024 ½x"),
            ("AT&T Q&A &notarealentity; & &; &#; &#x; &x", "AT&T Q&A ¬arealentity; & &; &#; &#x; &x"),
            ("&bogus; &Amp; &ampx", "&bogus; &Amp; &x"),
            ("&CounterClockwiseContourIntegral; &nbsp;", "\u{2233} \u{a0}"),
        ];
        for (input, expected) in cases {
            // WHEN decoded
            // THEN the result is what Python produced
            assert_eq!(decode_all(input), expected, "{input:?}");
        }
    }

    #[test]
    fn numeric_references_follow_the_html_rules() {
        // GIVEN numeric references, valid, unterminated and invalid
        let cases = [
            ("&#65;&#x41;&#X61;&#65x&#x41g", "AAaAxAg"),
            ("&#x110000;&#xD800;&#0;&#99999999999;", "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}"),
            ("&#x80;&#150;&#x9F;&#x81;", "€–Ÿ\u{81}"),
            ("&#1;&#9;&#x1F680;", "\u{1}\t🚀"),
        ];
        for (input, expected) in cases {
            assert_eq!(decode_all(input), expected, "{input:?}");
        }
    }

    #[test]
    fn legacy_names_are_sorted_and_all_in_the_table() {
        assert!(LEGACY.windows(2).all(|w| w[0].as_bytes() < w[1].as_bytes()));
        assert!(LEGACY.iter().all(|name| lookup(name.as_bytes()).is_some()));
        assert!(LEGACY.iter().all(|name| name.len() <= LEGACY_MAX));
        assert!(NAMED_ENTITIES.iter().all(|(name, _)| name.len() <= NAME_MAX));
        assert!(NAMED_ENTITIES.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn a_reference_never_reads_past_the_end_it_is_given() {
        // GIVEN "&amp;" cut before its ';' by the end offset
        let bytes = b"&amp;";
        // WHEN decoded with end = 4
        // THEN it is the legacy "&amp" and stops at 4
        let (value, next) = decode(bytes, 0, 4).expect("legacy match");
        assert!(matches!(value, Decoded::Str("&")));
        assert_eq!(next, 4);
    }
}
