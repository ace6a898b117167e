//! The HTML tokenizer under the page scan, fragment text and the
//! description sanitiser: start tags with their attributes, end tags,
//! comments, and the raw-text elements (`script`, `style`, `textarea`,
//! `title`, ...) whose content ends only at their own end tag.
//!
//! Hand-written rather than lol_html because the extractor's budget is a
//! few microseconds per page: building a lol_html rewriter costs ~50 µs
//! before the first byte (its selector VM is compiled per rewriter), and
//! matching ~60 selectors per element cost milliseconds on markup-heavy
//! pages. Here the long stretches (text, quoted attribute values, script
//! bodies, comments) are crossed with `memchr`, nothing is allocated per
//! token, and the rules follow the HTML tokenizer where real pages depend
//! on them: `<!-- ... -->` comments (also `<!-->`), `<!...>` and `<?...>`
//! skipped to `>`, `</` + non-letter skipped, a `<` that starts nothing is
//! text, quoted attribute values may hold `>`, an unterminated tag at the
//! end of input is dropped.
//!
//! Every function is linear in its input and never panics on any bytes.

use std::sync::LazyLock;

use memchr::{memchr, memmem};

// Built once: `memmem::find` builds its searcher on every call, and a
// LinkedIn page has ~800 comments.
static COMMENT_CLOSE: LazyLock<memmem::Finder<'static>> = LazyLock::new(|| memmem::Finder::new(b"-->"));
static END_TAG_OPEN: LazyLock<memmem::Finder<'static>> = LazyLock::new(|| memmem::Finder::new(b"</"));

/// HTML whitespace in markup.
#[inline]
pub fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0C)
}

/// Just past the next `>` at or after `from` (the end of input when none).
#[inline]
pub fn after_gt(b: &[u8], from: usize) -> usize {
    match b.get(from..) {
        Some(rest) => memchr(b'>', rest).map_or(b.len(), |i| from + i + 1),
        None => b.len(),
    }
}

/// Just past the comment whose body starts at `from` (after `<!--`).
pub fn comment_end(b: &[u8], from: usize) -> usize {
    match b.get(from..) {
        Some([b'>', ..]) => return from + 1,
        Some([b'-', b'>', ..]) => return from + 2,
        None => return b.len(),
        _ => {}
    }
    COMMENT_CLOSE.find(&b[from..]).map_or(b.len(), |i| from + i + 3)
}

/// A start tag: its name as written, its attributes, where it ends.
#[derive(Debug)]
pub struct StartTag<'a> {
    /// The name as written (compare ASCII-case-insensitively).
    pub name: &'a str,
    /// Just past the closing `>`.
    pub end: usize,
    /// Written `<x ... />`.
    pub self_closing: bool,
}

/// Parses the start tag whose `<` is at `lt` (the next byte is a letter),
/// filling `attrs` with `(name, raw value)` pairs (entities not decoded; an
/// attribute without a value has `""`). `None` when the input ends inside
/// the tag (the tokenizer then drops it).
pub fn start_tag<'a>(html: &'a str, lt: usize, attrs: &mut Vec<(&'a str, &'a str)>) -> Option<StartTag<'a>> {
    attrs.clear();
    let b = html.as_bytes();
    let n = b.len();
    let mut i = lt + 1;
    while i < n && !is_space(b[i]) && b[i] != b'/' && b[i] != b'>' {
        i += 1;
    }
    let name = html.get(lt + 1..i)?;
    let mut self_closing = false;
    loop {
        while i < n && (is_space(b[i]) || b[i] == b'/') {
            self_closing = b[i] == b'/';
            i += 1;
        }
        if i >= n {
            return None;
        }
        if b[i] == b'>' {
            return Some(StartTag { name, end: i + 1, self_closing });
        }
        self_closing = false;
        // Attribute name: a leading `=` belongs to it.
        let ns = i;
        i += 1;
        while i < n && !is_space(b[i]) && !matches!(b[i], b'/' | b'>' | b'=') {
            i += 1;
        }
        let an = &html[ns..i];
        let mut j = i;
        while j < n && is_space(b[j]) {
            j += 1;
        }
        if j < n && b[j] == b'=' {
            j += 1;
            while j < n && is_space(b[j]) {
                j += 1;
            }
            if j >= n {
                return None;
            }
            let q = b[j];
            if q == b'"' || q == b'\'' {
                let close = memchr(q, &b[j + 1..])? + j + 1;
                attrs.push((an, html.get(j + 1..close)?));
                i = close + 1;
            } else {
                let vs = j;
                while j < n && !is_space(b[j]) && b[j] != b'>' {
                    j += 1;
                }
                attrs.push((an, html.get(vs..j)?));
                i = j;
            }
        } else {
            attrs.push((an, ""));
        }
        if attrs.len() > 256 {
            // Hostile: keep tokenizing, stop recording.
            attrs.pop();
        }
    }
}

/// The value of an attribute (name compared ASCII-case-insensitively).
#[inline]
pub fn attr<'a>(attrs: &[(&'a str, &'a str)], name: &str) -> Option<&'a str> {
    attrs.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| *v)
}

/// Just past the end tag at `close` that [`raw_text_end`] found, or the
/// end of `html` when it found none: where an element skipped whole ends.
pub fn past_end_tag(html: &str, close: usize) -> usize {
    if close >= html.len() { html.len() } else { end_tag(html, close).1 }
}

/// The end tag whose `</` is at `lt` (the next byte is a letter): its name
/// and just past its `>`.
pub fn end_tag(html: &str, lt: usize) -> (&str, usize) {
    let b = html.as_bytes();
    let mut i = lt + 2;
    while i < b.len() && !is_space(b[i]) && b[i] != b'/' && b[i] != b'>' {
        i += 1;
    }
    (&html[lt + 2..i], after_gt(b, i))
}

/// The raw-text element kinds: their content ends only at their own end
/// tag.
#[inline]
pub fn raw_text(name_lc: &str) -> bool {
    tag_flags(name_lc) & RAW != 0
}

/// Where the raw text starting at `from` ends: the `<` of `</name` followed
/// by whitespace, `/` or `>` (the end of input when none).
pub fn raw_text_end(b: &[u8], from: usize, name_lc: &str) -> usize {
    let nb = name_lc.as_bytes();
    let mut at = from;
    while let Some(i) = b.get(at..).and_then(|r| END_TAG_OPEN.find(r)) {
        let lt = at + i;
        let s = lt + 2;
        if b.len() >= s + nb.len()
            && b[s..s + nb.len()].eq_ignore_ascii_case(nb)
            && b.get(s + nb.len()).is_none_or(|&c| is_space(c) || c == b'/' || c == b'>')
        {
            return lt;
        }
        at = lt + 2;
    }
    b.len()
}

/// The ASCII-lower-cased name in `buf`, or `None` when longer than it
/// (no element this code cares about is).
#[inline]
pub fn lower<'b>(name: &'b str, buf: &'b mut [u8; 24]) -> Option<&'b str> {
    let nb = name.as_bytes();
    if nb.len() > buf.len() {
        return None;
    }
    // Most names are written in lower case already: no copy, no UTF-8
    // check (this runs on every tag and attribute name of a page).
    if !nb.iter().any(u8::is_ascii_uppercase) {
        return Some(name);
    }
    for (d, s) in buf.iter_mut().zip(nb) {
        *d = s.to_ascii_lowercase();
    }
    std::str::from_utf8(&buf[..nb.len()]).ok()
}

/// Void elements: never have content or an end tag.
#[inline]
pub fn void(name_lc: &str) -> bool {
    tag_flags(name_lc) & VOID != 0
}

/// The position of the next `<` at or after `from` (the end of input
/// when none).
#[inline]
pub fn next_lt(b: &[u8], from: usize) -> usize {
    b.get(from..).and_then(|r| memchr(b'<', r)).map_or(b.len(), |i| from + i)
}

/// HTML elements that `<x/>` does not close (the HTML parser ignores the
/// slash on them); any other self-closed name is treated as foreign
/// content, which `/>` does close.
#[inline]
pub fn known(name_lc: &str) -> bool {
    tag_flags(name_lc) & KNOWN != 0
}

/// A small fixed set of names with a value each, looked up without
/// comparing against every name (a `match` on strings compares arm by arm,
/// and the scan looks up every tag name, class token and attribute name of
/// a page): bucketed by length and first and last byte.
pub struct NameTable {
    buckets: Vec<Vec<(&'static [u8], u32)>>,
    /// Bit `n` set when some name is `n` bytes long (names under 64
    /// bytes): most look-ups (Tailwind class tokens) end here.
    lengths: u64,
}

impl NameTable {
    /// The table of `entries` (a repeated name keeps its first value).
    pub fn new(entries: &[(&'static str, u32)]) -> Self {
        let mut buckets = vec![Vec::new(); 512];
        let mut lengths = 0u64;
        for &(k, v) in entries {
            assert!(k.len() < 64, "NameTable names are under 64 bytes");
            lengths |= 1 << k.len();
            let b = &mut buckets[Self::bucket(k.as_bytes())];
            if !b.iter().any(|(n, _)| *n == k.as_bytes()) {
                b.push((k.as_bytes(), v));
            }
        }
        Self { buckets, lengths }
    }

    #[inline]
    fn bucket(b: &[u8]) -> usize {
        match b {
            [] => 0,
            [f, .., l] => (b.len() * 61 + usize::from(*f) * 7 + usize::from(*l) * 3) & 511,
            [f] => (61 + usize::from(*f) * 10) & 511,
        }
    }

    /// The value of `name` (exact bytes), or 0.
    #[inline]
    pub fn get(&self, name: &[u8]) -> u32 {
        if name.len() >= 64 || self.lengths & (1 << name.len()) == 0 {
            return 0;
        }
        for (k, v) in &self.buckets[Self::bucket(name)] {
            // Names are short: a byte loop beats a call to `memcmp`.
            if k.len() == name.len() && k.iter().zip(name).all(|(a, b)| a == b) {
                return *v;
            }
        }
        0
    }
}

/// Tag kinds, as bits.
pub const BLOCK: u32 = 1;
/// Void: no content, no end tag.
pub const VOID: u32 = 1 << 1;
/// Raw text: ends only at its own end tag.
pub const RAW: u32 = 1 << 2;
/// An HTML element (not foreign content).
pub const KNOWN: u32 = 1 << 3;
/// The tags the page scan singles out, as an id in bits 8..16 (so it can
/// `match` on a number instead of comparing names).
pub const ID_SHIFT: u32 = 8;
/// Tags with an id, in id order (id = index + 1).
pub const TAG_IDS: &[&str] = &[
    "title",
    "meta",
    "script",
    "code",
    "h1",
    "h2",
    "dd",
    "img",
    "article",
    "main",
    "spl-job-location",
    "select",
    "svg",
    "template",
    "aside",
    "nav",
    "footer",
    "a",
    "h3",
    "h4",
    "h5",
    "dt",
    "form",
    "label",
    "button",
    "fieldset",
    "time",
    "body",
    "html",
    "dialog",
];

static TAGS: std::sync::LazyLock<NameTable> = std::sync::LazyLock::new(|| {
    let mut e: Vec<(&'static str, u32)> = Vec::new();
    for t in [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "td",
        "th",
        "tr",
        "ul",
        "button",
        "label",
    ] {
        e.push((t, BLOCK | KNOWN | if matches!(t, "br" | "hr") { VOID } else { 0 }));
    }
    for t in [
        "area", "base", "basefont", "bgsound", "col", "embed", "img", "input", "keygen", "link", "meta", "param",
        "source", "track", "wbr",
    ] {
        e.push((t, VOID | KNOWN));
    }
    for t in ["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript"] {
        e.push((t, RAW | KNOWN));
    }
    for t in [
        "a", "abbr", "b", "bdi", "bdo", "body", "canvas", "caption", "cite", "code", "colgroup", "data", "del",
        "details", "dfn", "dialog", "em", "head", "html", "i", "ins", "kbd", "map", "mark", "menu", "meter", "object",
        "optgroup", "option", "output", "picture", "progress", "q", "rp", "rt", "ruby", "s", "samp", "select", "slot",
        "small", "span", "strong", "sub", "summary", "sup", "tbody", "template", "tfoot", "thead", "time", "u", "var",
        "video", "audio",
    ] {
        e.push((t, KNOWN));
    }
    for t in ["svg", "spl-job-location"] {
        e.push((t, 0));
    }
    for (k, v) in &mut e {
        if let Some(i) = TAG_IDS.iter().position(|n| n == k) {
            *v |= (i as u32 + 1) << ID_SHIFT;
        }
    }
    NameTable::new(&e)
});

/// The id of a lower-cased tag name in [`TAG_IDS`] (index + 1), or 0.
#[inline]
pub fn tag_id(flags: u32) -> u32 {
    (flags >> ID_SHIFT) & 0xFF
}

/// A `<dialog>` without `open`: a browser does not render it (a modal's
/// markup waiting for its button: "send this job by e-mail", a consent
/// notice), so its text is not the page's.
pub fn closed_dialog(name_lc: &str, attrs: &[(&str, &str)]) -> bool {
    name_lc == "dialog" && !attrs.iter().any(|(k, _)| k.eq_ignore_ascii_case("open"))
}

/// The kind bits of a lower-cased tag name.
#[inline]
pub fn tag_flags(name_lc: &str) -> u32 {
    TAGS.get(name_lc.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn start_tags_keep_quoted_gt_and_bare_attributes() {
        // GIVEN a tag with a quoted `>`, an unquoted value and a bare attribute
        let html = r#"<div class="a > b" id=x hidden data-x='y'>rest"#;
        let mut attrs = Vec::new();
        // WHEN it is parsed
        let t = start_tag(html, 0, &mut attrs).expect("tag");
        // THEN every attribute is there and the tag ends after its `>`
        assert_eq!(t.name, "div");
        assert_eq!(attrs, vec![("class", "a > b"), ("id", "x"), ("hidden", ""), ("data-x", "y")]);
        assert_eq!(&html[t.end..], "rest");
        assert!(start_tag("<div class=\"open", 0, &mut attrs).is_none());
        assert!(start_tag("<br/>", 0, &mut attrs).is_some_and(|t| t.self_closing));
    }

    #[test]
    fn raw_text_ends_only_at_its_own_end_tag() {
        let b = b"var a = '</b>'; </SCRIPT >x";
        assert_eq!(raw_text_end(b, 0, "script"), 16);
        assert_eq!(raw_text_end(b"no end", 0, "script"), 6);
        assert_eq!(comment_end(b"<!-->x", 4), 5);
        assert_eq!(comment_end(b"<!-- a -- b -->x", 4), 15);
    }
}
