//! The description: sanitised HTML (ammonia: an allow-list of tags and
//! attributes, no scripts, styles or event handlers, links made
//! `rel="noopener noreferrer"`) and plain text.

use super::text::fragment_text;

/// Descriptions longer than this are cut before sanitising (a 128 MB
/// Lambda, and no real posting is near it).
const MAX_DESCRIPTION: usize = 512 * 1024;

/// Deeper element nesting than this is hostile (html5ever's tree builder
/// does work proportional to the open-element stack per tag, so 100,000
/// levels would take seconds): such a description keeps only its text.
const MAX_NESTING: usize = 256;

/// The deepest element nesting in a fragment, counted in one linear pass
/// over its tags (void elements and self-closing tags do not nest).
fn nesting_depth(html: &str) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    let b = html.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        let closing = b.get(i + 1) == Some(&b'/');
        let start = i + 1 + usize::from(closing);
        let name_end = b[start..].iter().position(|c| !c.is_ascii_alphanumeric()).map_or(b.len(), |p| start + p);
        let gt = b[i..].iter().position(|&c| c == b'>').map_or(b.len(), |p| i + p);
        if name_end > start {
            let name = html[start..name_end].to_ascii_lowercase();
            let void = matches!(
                name.as_str(),
                "br" | "img" | "hr" | "input" | "meta" | "link" | "area" | "base" | "col" | "embed" | "source" | "track" | "wbr"
            );
            let self_closing = gt > 0 && b.get(gt - 1) == Some(&b'/');
            if closing {
                depth = depth.saturating_sub(1);
            } else if !void && !self_closing {
                depth += 1;
                max = max.max(depth);
            }
        }
        i = gt + 1;
    }
    max
}

/// Sanitised HTML and plain text of a description fragment.
pub fn sanitise(html: &str) -> (String, String) {
    let mut end = html.len().min(MAX_DESCRIPTION);
    while !html.is_char_boundary(end) {
        end -= 1;
    }
    let html = &html[..end];
    if nesting_depth(html) > MAX_NESTING {
        let text = fragment_text(html);
        let paragraphs: String = text.lines().map(|l| format!("<p>{}</p>", html_escape::encode_text(l))).collect();
        return (paragraphs, text);
    }
    let end = html.len();
    let clean = ammonia::Builder::default()
        .rm_tags(["img"])
        .link_rel(Some("noopener noreferrer nofollow"))
        .clean(&html[..end])
        .to_string();
    let text = fragment_text(&clean);
    (clean, text)
}

/// Plain text of an HTML fragment: scripts and styles dropped, block
/// elements become line breaks, whitespace collapsed within lines.
pub fn html_to_text(html: &str) -> String {
    fragment_text(html)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitising_drops_scripts_styles_and_handlers() {
        let (html, text) = sanitise(r#"<p onclick="x()" style="color:red">Hi <a href="https://e.com">there</a></p><script>bad()</script><style>p{}</style>"#);
        assert!(!html.contains("onclick") && !html.contains("script") && !html.contains("style"), "{html}");
        assert!(html.contains("rel=\"noopener noreferrer nofollow\""), "{html}");
        assert_eq!(text, "Hi there");
    }

    #[test]
    fn hostile_nesting_keeps_only_the_text() {
        let deep = format!("{}deep text{}", "<div>".repeat(10_000), "</div>".repeat(10_000));
        assert_eq!(nesting_depth(&deep), 10_000);
        assert_eq!(sanitise(&deep), ("<p>deep text</p>".to_owned(), "deep text".to_owned()));
        assert_eq!(nesting_depth("<p>a<br>b<img src=x/></p><p>c</p>"), 1);
    }
}
