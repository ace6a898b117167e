//! Visible text of an HTML page, the input of the fingerprint.
//!
//! "Visible" is deliberately approximate: what a reader of the job posting
//! sees, minus site chrome (`<nav>`, `<header>`, `<footer>`) that is the same
//! on every page of a site and would make unrelated postings look alike.
//!
//! Extraction streams the page through `lol_html` instead of building a DOM;
//! that is what makes the fingerprint cheap enough to compute on every crawl.
//! If `lol_html` ever reports an error, we fall back to a crude tag stripper
//! ([`crude_raw_text`]) rather than failing: a slightly worse fingerprint is
//! better than none, and callers have no sensible way to handle an error.

use std::borrow::Cow;
use std::sync::LazyLock;

use lol_html::html_content::TextChunk;
use lol_html::{DocumentContentHandlers, ElementContentHandlers, HtmlRewriter, Selector, Settings};

/// Elements whose whole subtree is dropped from the visible text.
const SUPPRESSED_SELECTOR: &str = "script, style, nav, footer, header, noscript, template, svg";

/// The same set, as tag names, for the crude fallback.
const SUPPRESSED_TAGS: [&str; 8] = [
    "script", "style", "nav", "footer", "header", "noscript", "template", "svg",
];

/// Parsed once: selector parsing is a measurable part of a small page's cost.
/// `None` would mean the constant above does not parse, which a unit test
/// rules out; even then we degrade to the crude stripper instead of panicking.
static SUPPRESSED: LazyLock<Option<Selector>> = LazyLock::new(|| SUPPRESSED_SELECTOR.parse().ok());

/// Visible text of an HTML page.
///
/// Drops `<script>`, `<style>`, `<nav>`, `<footer>`, `<header>`,
/// `<noscript>`, `<template>` and `<svg>` with their whole subtrees, and HTML
/// comments; keeps `<title>` text. Entities (named and numeric) are decoded.
/// Text nodes are joined with a single space and all runs of Unicode
/// whitespace collapse to one ASCII space, with none at either end.
///
/// Never fails and never panics: should the HTML parser report an error, the
/// text comes from a crude tag stripper instead (see the module docs).
pub fn visible_text(html: &str) -> String {
    collapse_whitespace(&decoded_text(html, false, usize::MAX))
}

/// The page's text with entities decoded but whitespace not yet collapsed:
/// its words are exactly those of [`visible_text`]. [`crate::fingerprint`]
/// starts from here so that it splits the text into words only once.
pub(crate) fn page_words_text(html: &str) -> String {
    decoded_text(html, false, usize::MAX)
}

/// Raw text of the page, entities decoded. `strict` makes `lol_html` refuse
/// ambiguous markup (so tests can exercise the fallback), and the input is
/// fed to the parser `chunk_len` bytes at a time (so tests can make text
/// chunks end mid-word, as they do on real streamed input).
pub(crate) fn decoded_text(html: &str, strict: bool, chunk_len: usize) -> String {
    let raw = lol_raw_text(html, strict, chunk_len).unwrap_or_else(|| crude_raw_text(html));
    // Entities are decoded only after the chunks of a text node have been
    // joined, so an entity split across chunks ("&am" + "p;") still decodes.
    // Decoding after the nodes are joined is safe too: the space we put
    // between nodes can never be part of an entity.
    //
    // `html-escape` rather than a home-made table: the HTML5 list has over
    // 2,000 names, the crate is small, dependency-free and already in the
    // workspace.
    let decoded = match html_escape::decode_html_entities(&raw) {
        Cow::Owned(decoded) => Some(decoded),
        Cow::Borrowed(_) => None,
    };
    decoded.unwrap_or(raw)
}

/// [`visible_text`] as the tests need it, with the knobs of [`decoded_text`].
#[cfg(test)]
fn extract(html: &str, strict: bool, chunk_len: usize) -> String {
    collapse_whitespace(&decoded_text(html, strict, chunk_len))
}

/// Raw (entity-encoded) text of the page, a space after every text node, or
/// `None` if `lol_html` gave up on the input.
fn lol_raw_text(html: &str, strict: bool, chunk_len: usize) -> Option<String> {
    let selector = SUPPRESSED.as_ref()?;
    let mut raw = String::with_capacity(html.len() / 2);

    // Handlers for a text chunk run in registration order, and lol_html
    // registers all element (selector) handlers before document handlers.
    // So the suppressing handler marks a chunk removed before the collecting
    // handler sees it. Scoping by selector, unlike counting start/end tags
    // ourselves, also stays right when an end tag is missing, since the
    // parser closes the element implicitly (a unit test pins this down).
    let suppress = ElementContentHandlers::default().text(|chunk: &mut TextChunk<'_>| {
        chunk.remove();
        Ok(())
    });
    let collect = DocumentContentHandlers::default().text(|chunk: &mut TextChunk<'_>| {
        if !chunk.removed() {
            raw.push_str(chunk.as_str());
        }
        // A node's chunks are glued together as they come (a word may be
        // split between two of them); only a node boundary is a separator.
        if chunk.last_in_text_node() {
            raw.push(' ');
        }
        Ok(())
    });
    let settings = Settings::new()
        // Strict mode aborts on markup whose parse is ambiguous without a
        // full tree builder (e.g. `<select><xmp><script>`). That protects
        // rewriting proxies from XSS; we only read text, so a best guess
        // beats falling back to the crude stripper.
        .with_strict(strict)
        .append_element_content_handler((Cow::Borrowed(selector), suppress))
        .append_document_content_handler(collect);

    let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
    for piece in html.as_bytes().chunks(chunk_len.max(1)) {
        // After an error the rewriter is poisoned and panics if used again,
        // so we must stop at the first one.
        rewriter.write(piece).ok()?;
    }
    rewriter.end().ok()?;
    Some(raw)
}

/// Fallback text extraction that needs no parser state: drops comments and
/// tags, and skips a suppressed element up to the next end tag of the same
/// name (nesting is ignored). Output is raw (entities still encoded) like
/// [`lol_raw_text`]'s, with a space wherever a tag or comment was.
///
/// Only ASCII bytes (`<`, `>`, `-`) are used as cut points, so every slice
/// of `html` taken here lies on a UTF-8 boundary.
fn crude_raw_text(html: &str) -> String {
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len() / 2);
    let mut pos = 0;
    while let Some(offset) = html[pos..].find('<') {
        let lt = pos + offset;
        out.push_str(&html[pos..lt]);
        let after = &bytes[lt + 1..];
        if after.starts_with(b"!--") {
            pos = find_from(html, lt + 4, "-->").map_or(html.len(), |end| end + 3);
            out.push(' ');
        } else if after
            .first()
            .is_some_and(|&b| b.is_ascii_alphabetic() || matches!(b, b'/' | b'!' | b'?'))
        {
            let tag_end = find_from(html, lt, ">").map_or(html.len(), |gt| gt + 1);
            out.push(' ');
            pos = tag_end;
            let name_len = after
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric())
                .count();
            let name = &html[lt + 1..lt + 1 + name_len];
            let self_closing = html[lt..tag_end].ends_with("/>");
            if !self_closing && SUPPRESSED_TAGS.iter().any(|t| t.eq_ignore_ascii_case(name)) {
                pos = find_end_tag(html, tag_end, name).unwrap_or(html.len());
            }
        } else {
            // A '<' that cannot start a tag ("salary < 50k") is text.
            out.push('<');
            pos = lt + 1;
        }
    }
    out.push_str(&html[pos..]);
    out
}

/// Byte offset of `needle` in `haystack` at or after `from`.
fn find_from(haystack: &str, from: usize, needle: &str) -> Option<usize> {
    haystack
        .get(from..)
        .and_then(|rest| rest.find(needle))
        .map(|offset| from + offset)
}

/// Offset just past the `</name ...>` end tag (ASCII case-insensitive) that
/// follows `from`, if any.
fn find_end_tag(html: &str, from: usize, name: &str) -> Option<usize> {
    let bytes = html.as_bytes();
    let mut pos = from;
    while let Some(start) = find_from(html, pos, "</") {
        let name_start = start + 2;
        let name_end = name_start + name.len();
        let name_matches = bytes
            .get(name_start..name_end)
            .is_some_and(|candidate| candidate.eq_ignore_ascii_case(name.as_bytes()));
        let name_ends_there = bytes
            .get(name_end)
            .is_none_or(|b| !b.is_ascii_alphanumeric());
        if name_matches && name_ends_there {
            return Some(find_from(html, name_end, ">").map_or(html.len(), |gt| gt + 1));
        }
        pos = name_start;
    }
    None
}

/// Joins the whitespace-separated words of `text` with single spaces.
fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for_each_word(text, |word| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    });
    out
}

/// Calls `f` with each word of `text`, exactly as `text.split_whitespace()`
/// would yield them (words are maximal runs of non-`char::is_whitespace`).
///
/// Splitting is a visible share of the fingerprint's cost, and the generic
/// `split_whitespace` decodes every character; here ASCII bytes, nearly all
/// of a typical page, are classified without decoding.
pub(crate) fn for_each_word<'t>(text: &'t str, mut f: impl FnMut(&'t str)) {
    let bytes = text.as_bytes();
    let mut word_start = None;
    let mut pos = 0;
    while pos < bytes.len() {
        let (is_space, width) = match bytes[pos] {
            // The ASCII members of Unicode White_Space: \t \n \v \f \r and space.
            b'\t'..=b'\r' | b' ' => (true, 1),
            0..0x80 => (false, 1),
            _ => text[pos..]
                .chars()
                .next()
                .map_or((false, 1), |c| (c.is_whitespace(), c.len_utf8())),
        };
        match (is_space, word_start) {
            (true, Some(start)) => {
                f(&text[start..pos]);
                word_start = None;
            }
            (false, None) => word_start = Some(pos),
            _ => {}
        }
        pos += width;
    }
    if let Some(start) = word_start {
        f(&text[start..]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Text, entities and tags in random order (the tag set matters, not
    /// realism).
    fn html_soup() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let fragment = prop_oneof![
            "[a-zé東🚀 ]{1,8}",
            prop::sample::select(vec![
                "<p>",
                "</p>",
                "<b>",
                "</b>",
                "<nav>",
                "</nav>",
                "<script>",
                "</script>",
                "<title>",
                "</title>",
                "<!-- c -->",
                "&amp;",
                "&eacute;",
                "&#x263A;",
                "&",
                "<",
            ])
            .prop_map(String::from),
        ];
        prop::collection::vec(fragment, 0..40).prop_map(|parts| parts.concat())
    }

    proptest::proptest! {
        #[test]
        fn chunked_input_gives_the_same_text_as_whole_input(html in html_soup(), chunk_len in 1usize..12) {
            // GIVEN a page fed to the parser in small pieces
            // WHEN its text is extracted
            // THEN it equals the text extracted from the page in one piece
            proptest::prop_assert_eq!(extract(&html, false, chunk_len), visible_text(&html));
        }

        #[test]
        fn for_each_word_splits_exactly_like_split_whitespace(text in "(\\PC|\\s){0,60}") {
            // GIVEN any text, including every kind of Unicode whitespace
            let mut words = Vec::new();
            // WHEN split by the fast splitter
            for_each_word(&text, |w| words.push(w));
            // THEN the words are those of the standard library's splitter
            proptest::prop_assert_eq!(words, text.split_whitespace().collect::<Vec<_>>());
        }
    }

    #[test]
    fn for_each_word_treats_all_unicode_whitespace_as_separators() {
        // GIVEN words separated by ASCII, Latin-1, typographic and ideographic spaces
        let text = "\u{b}a\tb\u{85}c\u{a0}d\u{2003}e\u{2028}f\u{3000}g\u{200b}h ";
        let mut words = Vec::new();
        // WHEN split
        for_each_word(text, |w| words.push(w));
        // THEN each is a separator, but the zero-width space (not White_Space) is not
        assert_eq!(words, ["a", "b", "c", "d", "e", "f", "g\u{200b}h"]);
    }

    #[test]
    fn suppressed_selector_parses() {
        // GIVEN the constant selector list
        // WHEN parsed by lol_html
        // THEN it is valid, so the fast path is never silently skipped
        assert!(SUPPRESSED.is_some());
    }

    #[test]
    fn script_style_nav_footer_header_and_their_subtrees_are_dropped() {
        // GIVEN a page with site chrome around the posting
        let html = r#"<html><head><title>Rust Engineer</title>
            <style>body { color: red }</style>
            <script>var tracking = "<b>not text</b>";</script></head>
            <body><header><h1>ACME <span>Careers</span></h1></header>
            <nav><ul><li><a href="/">Home</a></li><li>Jobs</li></ul></nav>
            <main><h2>Senior Rust Engineer</h2><p>Build <em>fast</em> crawlers.</p></main>
            <footer><p>&copy; ACME <b>Inc</b></p></footer></body></html>"#;
        // WHEN the visible text is extracted
        let text = visible_text(html);
        // THEN only the title and the main content remain
        assert_eq!(
            text,
            "Rust Engineer Senior Rust Engineer Build fast crawlers."
        );
    }

    #[test]
    fn noscript_template_svg_and_comments_are_dropped() {
        // GIVEN hidden or non-text content between visible words
        let html = "<p>one</p><noscript><p>enable js</p></noscript>\
            <template><p>row</p></template>\
            <svg viewBox='0 0 1 1'><text>logo</text><title>icon</title></svg>\
            <!-- a comment <p>with markup</p> --><p>two</p>";
        // WHEN extracted
        // THEN none of it shows up
        assert_eq!(visible_text(html), "one two");
    }

    #[test]
    fn unclosed_suppressed_element_ends_with_its_parent() {
        // GIVEN a <nav> whose end tag is missing, closed implicitly by </div>
        let html = "<div><nav>Home Jobs</div><p>Apply now</p>";
        // WHEN extracted
        // THEN text after the implicitly closed nav is kept
        assert_eq!(visible_text(html), "Apply now");
    }

    #[test]
    fn named_and_numeric_entities_are_decoded() {
        // GIVEN text with named, decimal and hex character references
        let html = "<p>R&amp;D &lt;team&gt; caf&eacute; &#39;remote&#39; &#x263A; a&nbsp;b</p>";
        // WHEN extracted
        // THEN they are decoded; &nbsp; is whitespace and splits words
        assert_eq!(visible_text(html), "R&D <team> café 'remote' \u{263A} a b");
    }

    #[test]
    fn entity_looking_text_that_is_not_an_entity_is_kept_verbatim() {
        // GIVEN ampersands that do not form complete references
        let html = "<p>AT&T Q&A &notarealentity; 5 &lt 6</p>";
        // WHEN extracted
        // THEN the text is unchanged
        assert_eq!(visible_text(html), "AT&T Q&A &notarealentity; 5 &lt 6");
    }

    #[test]
    fn words_and_entities_split_across_input_chunks_stay_whole() {
        // GIVEN a page fed to the parser a few bytes at a time, so text
        // chunks end in the middle of words, multi-byte characters and entities
        let html = "<title>Développeur&nbsp;Rust</title><p>Straße &amp; Zürich: 東京オフィス 🚀</p>\
            <nav>skip me</nav><p>Salary&#x20AC;90k</p>";
        let whole = visible_text(html);
        assert_eq!(
            whole,
            "Développeur Rust Straße & Zürich: 東京オフィス 🚀 Salary€90k"
        );
        for chunk_len in 1..=9 {
            // WHEN extracted from chunked input
            // THEN the text is identical to the unchunked extraction
            assert_eq!(
                extract(html, false, chunk_len),
                whole,
                "chunk_len {chunk_len}"
            );
        }
    }

    #[test]
    fn adjacent_text_nodes_are_joined_with_one_space() {
        // GIVEN words in separate elements and messy whitespace
        let html = "<td>Berlin</td><td>Full-time</td>\n\n\t<p>  Apply\u{2003}today </p>";
        // WHEN extracted
        // THEN nodes are separated by exactly one space, none at the ends
        assert_eq!(visible_text(html), "Berlin Full-time Apply today");
    }

    #[test]
    fn text_without_any_markup_is_returned_collapsed() {
        // GIVEN plain text
        // WHEN extracted
        // THEN it is the text with whitespace collapsed
        assert_eq!(visible_text("  just   words\n"), "just words");
    }

    #[test]
    fn empty_and_markup_only_pages_have_no_text() {
        // GIVEN pages without visible text
        for html in [
            "",
            "   ",
            "<html><head></head><body></body></html>",
            "<!doctype html><!-- c -->",
        ] {
            // WHEN extracted
            // THEN the text is empty
            assert_eq!(visible_text(html), "", "{html:?}");
        }
    }

    #[test]
    fn deeply_nested_and_unclosed_markup_does_not_panic() {
        // GIVEN hostile nesting 100,000 levels deep, closed and unclosed
        let depth = 100_000;
        let pages = [
            format!("{}deep{}", "<div>".repeat(depth), "</div>".repeat(depth)),
            format!("{}deep", "<div>".repeat(depth)),
            format!(
                "{}hidden{}<p>after</p>",
                "<nav>".repeat(depth),
                "</nav>".repeat(depth)
            ),
            format!("{}deep", "<b><i>".repeat(depth)),
            format!("{}deep", "<table><tr><td>".repeat(depth / 3)),
            format!("<svg>{}deep", "<g>".repeat(depth)),
        ];
        // WHEN extracted
        let texts: Vec<String> = pages.iter().map(|p| visible_text(p)).collect();
        // THEN it finishes with the expected text
        assert_eq!(texts[0], "deep");
        assert_eq!(texts[1], "deep");
        assert_eq!(texts[2], "after");
        assert_eq!(texts[3], "deep");
        assert_eq!(texts[4], "deep");
        assert_eq!(texts[5], "");
    }

    #[test]
    fn malformed_markup_does_not_panic() {
        // GIVEN assorted broken markup
        let pages = [
            "<",
            "<<<>>>",
            "<p",
            "</",
            "<!--",
            "<!-- unterminated",
            "<script>never closed",
            "<a href=\"unterminated>text",
            "&",
            "&#",
            "&#x;",
            "&#99999999999;",
            "<p>&#0;</p>",
            "<select><xmp><script>x</script></select>",
            "<frameset><noframes>y",
            "\u{FFFD}\u{0}<p>\u{0}</p>",
            "<math><mi>x</mi></math>",
            "<![CDATA[z]]>",
        ];
        for html in pages {
            // WHEN extracted
            // THEN no panic (the result itself is best effort)
            let _ = visible_text(html);
            let _ = crude_raw_text(html);
        }
    }

    #[test]
    fn ambiguous_markup_in_strict_mode_falls_back_to_crude_stripping() {
        // GIVEN markup lol_html refuses in strict mode
        let html = "<p>Rust &amp; Go</p><select><xmp><script>x()</script></select><p>Remote</p>";
        assert!(lol_raw_text(html, true, usize::MAX).is_none());
        // WHEN extracted in strict mode
        // THEN the crude stripper still yields decoded, collapsed text
        assert_eq!(extract(html, true, usize::MAX), "Rust & Go Remote");
    }

    #[test]
    fn crude_stripper_drops_tags_comments_and_suppressed_elements() {
        // GIVEN markup with every construct the stripper knows about
        let html = "<HTML><Title>Job</Title><SCRIPT>if (a<b) x()</SCRIPT>\
            <!-- note --><nav>menu</nav><svg/><p>salary < 50k</p>\
            <style>p{}</style ><br/>end";
        // WHEN stripped
        // THEN only the text remains (raw, with spaces at tag boundaries)
        assert_eq!(
            collapse_whitespace(&crude_raw_text(html)),
            "Job salary < 50k end"
        );
    }

    #[test]
    fn crude_stripper_skips_to_end_of_input_when_a_suppressed_element_is_unclosed() {
        // GIVEN a script that never ends
        // WHEN stripped
        // THEN nothing after its start tag is text
        assert_eq!(collapse_whitespace(&crude_raw_text("a<script>b<p>c")), "a");
    }
}
