//! Small text helpers shared by the extraction sources: entity decoding,
//! whitespace clean-up, and the text of an already-located HTML fragment.

use std::borrow::Cow;

/// Decodes HTML entities (`&amp;`, `&#39;`, `&nbsp;`, ...).
///
/// The handful of entities that make up nearly all of real pages (LinkedIn
/// ships 100,000 `&quot;` in its embedded JSON) are decoded here directly;
/// any other is handed to html_escape, whose named-entity lookup is a
/// search over two thousand names and dominated whole-page profiles.
pub fn decode_entities(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let common = [("&quot;", "\""), ("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&#39;", "'"), ("&apos;", "'"), ("&nbsp;", "\u{a0}"), ("&#34;", "\"")];
        if let Some((e, v)) = common.iter().find(|(e, _)| tail.starts_with(e)) {
            out.push_str(v);
            rest = &tail[e.len()..];
            continue;
        }
        // Any other entity: up to its `;` (entities are short).
        match tail[1..].char_indices().take(32).find(|(_, c)| *c == ';' || *c == '&' || c.is_whitespace()) {
            Some((i, ';')) => {
                out.push_str(&html_escape::decode_html_entities(&tail[..i + 2]));
                rest = &tail[i + 2..];
            }
            _ => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Entities decoded and all whitespace runs collapsed to one space; `None`
/// when nothing is left.
pub fn clean(s: &str) -> Option<String> {
    let s = decode_entities(s);
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    (!out.is_empty()).then_some(out)
}

/// Elements whose boundaries separate lines of text.
pub fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "address" | "article" | "aside" | "blockquote" | "br" | "dd" | "div" | "dl" | "dt" | "fieldset" | "figcaption"
            | "figure" | "footer" | "form" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "header" | "hr" | "li" | "main"
            | "nav" | "ol" | "p" | "pre" | "section" | "table" | "td" | "th" | "tr" | "ul" | "button" | "label"
    )
}

/// The text of an HTML fragment that the page scan has already located
/// (a title, a location line, a description block): tags dropped, script
/// and style contents skipped, block boundaries as line breaks, entities
/// decoded, whitespace collapsed within lines.
///
/// Hand-written rather than a second lol_html pass because fragments are
/// small and many per page: building a rewriter (selector compilation and
/// buffers) per fragment costs more than the linear scan here, and the
/// page itself has already been tokenised once.
pub fn fragment_text(html: &str) -> String {
    let b = html.as_bytes();
    let mut raw = String::with_capacity(html.len().min(1 << 16));
    let mut i = 0;
    let mut last = 0;
    while let Some(off) = memchr_lt(&b[i..]) {
        let lt = i + off;
        raw.push_str(&html[last..lt]);
        let rest = &html[lt..];
        if let Some(stripped) = rest.strip_prefix("<!--") {
            let end = stripped.find("-->").map_or(html.len(), |e| lt + 4 + e + 3);
            i = end;
            last = end;
            continue;
        }
        let Some(gt) = rest.find('>') else {
            // A lone `<` is text.
            raw.push('<');
            i = lt + 1;
            last = i;
            continue;
        };
        let tag = &rest[1..gt];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if name.is_empty() && !closing {
            raw.push('<');
            i = lt + 1;
            last = i;
            continue;
        }
        let mut next = lt + gt + 1;
        if !closing && matches!(name.as_str(), "script" | "style" | "template" | "svg" | "select") {
            let close = format!("</{name}");
            next = find_ci(&html[next..], &close).map_or(html.len(), |p| {
                let after = next + p;
                html[after..].find('>').map_or(html.len(), |g| after + g + 1)
            });
        }
        if is_block(&name) {
            raw.push('\n');
        } else if !name.is_empty() && matches!(name.as_str(), "img" | "input") {
            raw.push(' ');
        }
        i = next;
        last = next;
    }
    raw.push_str(&html[last.min(html.len())..]);
    let decoded = decode_entities(&raw);
    let mut out = String::with_capacity(decoded.len());
    for line in decoded.lines() {
        let mut first = true;
        for w in line.split_whitespace() {
            if first {
                if !out.is_empty() {
                    out.push('\n');
                }
                first = false;
            } else {
                out.push(' ');
            }
            out.push_str(w);
        }
    }
    out
}

fn memchr_lt(b: &[u8]) -> Option<usize> {
    b.iter().position(|&c| c == b'<')
}

/// Case-insensitive ASCII substring search.
pub fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let first = *n.first()?;
    let (lo, up) = (first.to_ascii_lowercase(), first.to_ascii_uppercase());
    let mut i = 0;
    while i + n.len() <= h.len() {
        let off = h[i..h.len() - n.len() + 1].iter().position(|&c| c == lo || c == up)?;
        let at = i + off;
        if h[at..at + n.len()].eq_ignore_ascii_case(n) {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

/// Lower-cased, accent-free, punctuation-free form for comparing labels and
/// names.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        let c = deaccent(c);
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.extend(c.to_lowercase());
        } else {
            space = true;
        }
    }
    out
}

/// Strips the common Latin diacritics; other scripts are left alone.
pub fn deaccent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => 'a',
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' => 'A',
        'ç' | 'ć' | 'č' => 'c',
        'Ç' | 'Ć' | 'Č' => 'C',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => 'e',
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ę' | 'Ě' => 'E',
        'ì' | 'í' | 'î' | 'ï' | 'ī' => 'i',
        'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' => 'I',
        'ñ' | 'ń' | 'ň' => 'n',
        'Ñ' | 'Ń' | 'Ň' => 'N',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' | 'Ő' => 'O',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' | 'Ű' => 'U',
        'ý' | 'ÿ' => 'y',
        'Ý' => 'Y',
        'ś' | 'š' | 'ş' => 's',
        'Ś' | 'Š' | 'Ş' => 'S',
        'ź' | 'ż' | 'ž' => 'z',
        'Ź' | 'Ż' | 'Ž' => 'Z',
        'ł' => 'l',
        'Ł' => 'L',
        'ř' => 'r',
        'ť' => 't',
        'ď' => 'd',
        // Arabic letter variants that spellings mix freely.
        'ة' => 'ه',
        'أ' | 'إ' | 'آ' => 'ا',
        'ى' => 'ي',
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragment_text_drops_tags_scripts_and_keeps_block_breaks() {
        // GIVEN a fragment with inline and block markup, a script and entities
        let html = "<div>Hello <b>big</b>&nbsp;world<script>var x = '<p>no</p>';</script></div><p>Second &amp; last</p>";
        // WHEN its text is taken
        // THEN tags and script are gone, blocks are lines, entities decoded
        assert_eq!(fragment_text(html), "Hello big world\nSecond & last");
    }

    #[test]
    fn fragment_text_survives_broken_markup() {
        assert_eq!(fragment_text("a < b <!-- c"), "a < b");
        assert_eq!(fragment_text("<p>x<span"), "x<span");
    }

    #[test]
    fn entities_decode_fast_and_rare() {
        assert_eq!(decode_entities("a &quot;b&quot; &amp; &lt;c&gt; &#39;d&#39; &eacute; &#x41; & e &unknown; x"), "a \"b\" & <c> 'd' é A & e &unknown; x");
        assert_eq!(decode_entities("no entities"), "no entities");
    }

    #[test]
    fn find_ci_ignores_ascii_case() {
        assert_eq!(find_ci("ab</SCRIPT>", "</script"), Some(2));
        assert_eq!(find_ci("abc", "abcd"), None);
        assert_eq!(find_ci("xx<y", "<y"), Some(2));
    }

    #[test]
    fn fold_ignores_case_accents_and_punctuation() {
        assert_eq!(fold("Île-de-France"), "ile de france");
        assert_eq!(fold("  Secrétaire / H/F "), "secretaire h f");
    }
}
