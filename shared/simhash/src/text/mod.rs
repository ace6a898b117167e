//! Visible text of an HTML page, the input of the fingerprint.
//!
//! "Visible" means what the Python pipeline this crate replaces kept
//! (BeautifulSoup with the `lxml` parser; drop `script, style, nav, footer,
//! header`; `get_text(" ", strip=True)`): a reader's view of the posting
//! minus site chrome, which is the same on every page of a site and would
//! make unrelated postings look alike. Matching it closely means a page
//! fingerprinted by the old system and by this one gets the same hash, so
//! stored fingerprints stay comparable.
//!
//! # Why our own scanner
//!
//! This used to stream pages through `lol_html`. That spent most of the
//! fingerprint's time in the rewriter's per-element machinery (about 390 µs
//! of 660 µs on a 195 KB page) and follows the HTML5 tree rules, which the
//! Python pipeline does not. What we need is much narrower than a rewriter:
//! the text between tags, whether it sits inside a dropped element, and where
//! one text node ends. So [`scan`] is a single forward pass over the bytes
//! (`memchr` to the next `<`, `&` or end of a script), [`tree`] keeps the
//! open-element stack the way libxml2 does (the tree rules decide where an
//! unclosed `<nav>` ends and whether a stray end tag separates words), and
//! [`words`] splits, lowercases and hashes words as they stream by, with no
//! string per text node, word or shingle. On the benchmark pages this is
//! several times faster than `lol_html` and gives the Python pipeline's
//! hash on every page.
//!
//! # What counts as text
//!
//! * All text nodes, joined with one space (so `<b>Sen</b>ior` is two
//!   words), including `<title>`, `<noscript>`, `<svg>` (e.g. `<title>` in
//!   an icon), `<textarea>`, `<iframe>`/`<xmp>`/`<noembed>`/`<noframes>`
//!   (verbatim), and everything after `<plaintext>`.
//! * Not the text of `<script>`, `<style>`, `<nav>`, `<footer>`,
//!   `<header>` (their whole subtrees), nor of `<template>`, `<rt>` and
//!   `<rp>` (BeautifulSoup's `get_text` skips those string types), nor
//!   comments, doctypes and processing instructions.
//! * Tags libxml2 ignores (an end tag with no open element of its name, a
//!   second `<body>`, `</>`) do not separate text: `a</span>b` is one word.
//! * Character references are decoded as in HTML5 (see [`entities`]).
//! * Words are split where Python's `str.split()` splits (Unicode
//!   whitespace and U+001C..U+001F).
//!
//! # How close to the Python pipeline
//!
//! The reference is BeautifulSoup 4.15 with lxml 6.1 (libxml2 2.14.6). On
//! the 37 benchmark pages (`cargo xtask bench-fingerprint`) every
//! fingerprint is identical, and a differential run on about 40,000 random
//! tag soups (all the constructs above, nested, unclosed and misnested)
//! found no page whose words differed. libxml2 is emulated where it decides
//! the text, not in full, so differences remain possible on input that run
//! did not cover:
//!
//! * libxml2 older than 2.14 tokenized differently (entities without `;`,
//!   script and comment ends), so a Python system on an older `lxml` can
//!   disagree with this one, and with a newer one, on malformed pages;
//! * libxml2 detects and checks the encoding itself, while we get text the
//!   crawler already decoded (invalid bytes become U+FFFD in both, but a
//!   page whose declared charset is wrong may decode differently);
//! * two different unknown element names whose 64-bit hashes collide are
//!   treated as one name (a closing tag of one would close the other);
//! * Unicode tables: whitespace and lowercasing come from Rust's Unicode
//!   version, which may differ from the Python interpreter's for characters
//!   added in between.

mod elements;
mod entities;
mod scan;
mod tree;
mod words;

pub(crate) use words::Shingler;

/// Visible text of an HTML page: its words (see the module docs for which
/// text counts and how character references are decoded), in document
/// order, joined by single ASCII spaces, with none at either end.
///
/// Never fails and never panics; time is linear in the input's length.
pub fn visible_text(html: &str) -> String {
    let mut collector = words::Collector::new(html.len() / 8);
    scan::extract(html, &mut collector);
    collector.finish()
}

/// Feeds the visible text of `html` to a shingle hasher.
pub(crate) fn shingle(html: &str, shingler: &mut Shingler) {
    scan::extract(html, shingler);
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(text, "Rust Engineer Senior Rust Engineer Build fast crawlers.");
    }

    #[test]
    fn text_the_python_pipeline_keeps_is_kept_and_what_it_skips_is_skipped() {
        // GIVEN noscript, svg, form and frame text, which BeautifulSoup keeps,
        // and template, ruby annotations and comments, which it skips
        let html = "<p>one</p><noscript><p>enable js</p></noscript>\
            <template><p>row</p></template><ruby>漢<rt>kan</rt><rp>(</rp></ruby>\
            <svg viewBox='0 0 1 1'><text>logo</text><title>icon</title></svg>\
            <textarea>a&amp;b</textarea><iframe>if <b>x</b></iframe>\
            <!-- a comment <p>with markup</p> --><p>two</p>";
        // WHEN extracted
        // THEN the kept text is there (raw-text elements verbatim) and the rest is not
        assert_eq!(visible_text(html), "one enable js 漢 logo icon a&b if <b>x</b> two");
    }

    #[test]
    fn unclosed_dropped_element_ends_where_libxml2_closes_it() {
        // GIVEN navs closed implicitly by an ancestor's end tag, and one
        // whose end tag libxml2 ignores because a <div> is open inside it
        let cases = [
            ("<div><nav>Home Jobs</div><p>Apply now</p>", "Apply now"),
            ("<span><nav>x</span>y", "y"),
            ("<nav><div>x</nav>y</div>z", ""),
            ("<div><nav><div>x</div>y</nav>z</div>w", "z w"),
            ("<header>x<header>y</header>z</header>w", "w"),
            ("<table><tr><td>a<nav>b</td><td>c</td></tr></table>d", "a c d"),
        ];
        for (html, expected) in cases {
            // WHEN extracted
            // THEN the text after the nav's implied end is visible
            assert_eq!(visible_text(html), expected, "{html:?}");
        }
    }

    #[test]
    fn text_nodes_are_separate_words_unless_libxml2_ignored_the_tag_between() {
        // GIVEN words split by tags libxml2 reports and by tags it ignores
        let cases = [
            ("<b>Sen</b>ior", "Sen ior"),
            ("Sen<!-- c -->ior", "Sen ior"),
            ("Sen<?pi?>ior", "Sen ior"),
            ("Sen</span>ior", "Senior"),
            ("Sen</>ior", "Senior"),
            ("<span>a<div>b</span>c</div>d", "a bc d"),
            ("a<br>b<br/>c</br>d", "a b cd"),
            ("<div>a<body/>b</div>c", "a bc"),
            ("<p>a<html>b", "ab"),
        ];
        for (html, expected) in cases {
            // WHEN extracted
            // THEN words break exactly where the Python pipeline's did
            assert_eq!(visible_text(html), expected, "{html:?}");
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
    fn character_references_are_decoded_as_html5_does() {
        // GIVEN named, legacy, decimal and hex references, and lookalikes
        let html = "<p>R&amp;D &lt;team&gt; caf&eacute; &#39;remote&#39; &#x263A; a&nbsp;b \
            &amp &lt 5 &notin &#x80; AT&T &bogus;</p>";
        // WHEN extracted
        // THEN they are decoded (&nbsp; splits words), lookalikes kept
        assert_eq!(visible_text(html), "R&D <team> café 'remote' \u{263A} a b & < 5 ¬in € AT&T &bogus;");
    }

    #[test]
    fn raw_text_ends_only_at_its_own_end_tag() {
        // GIVEN scripts and styles containing markup, end-tag lookalikes and
        // the HTML5 comment escape, and raw text kept verbatim
        let cases = [
            ("x<script>if (a<b) { s = '</div>' }</script >y", "x y"),
            ("x<SCRIPT>a</scriptx>b</Script>y", "x y"),
            ("x<script>a<!--<script>b</script>c</script>d-->e</script>f", "x d-->ef"),
            ("x<style>a</stylex>b</style>y", "x y"),
            ("x<xmp>&amp;<b></xmp>y", "x &amp;<b> y"),
            ("<title>t &amp; <b></title>x", "t & <b> x"),
            ("x<plaintext>a<b>c</b>", "x a<b>c</b>"),
            ("a<script/>b c", "a b c"),
            ("x<script>never closed", "x"),
        ];
        for (html, expected) in cases {
            // WHEN extracted
            // THEN the raw text is skipped or kept whole
            assert_eq!(visible_text(html), expected, "{html:?}");
        }
    }

    #[test]
    fn comments_doctypes_and_bogus_markup_are_skipped_like_libxml2_does() {
        let cases = [
            ("<!doctype html>a<!-->b<!--->c", "a b c"),
            ("a<!--!>b-->c", "a c"),
            ("a<!---!>b--!>c", "a c"),
            ("a<![CDATA[x>y]]>z", "a y]]>z"),
            ("a</ >b</3>c", "a b c"),
            ("a<!-- unterminated", "a"),
        ];
        for (html, expected) in cases {
            assert_eq!(visible_text(html), expected, "{html:?}");
        }
    }

    #[test]
    fn tags_end_where_libxml2_ends_them() {
        // GIVEN attributes with quoted '>', '=' starting a name, and '/'
        // before '>' inside and outside values (expected: Python's words)
        let cases = [
            ("a<a title='x>y' href=\"/a/b>\">b</a>c", "a b c"),
            ("a<p =\">\" q>b", "a \" q>b"),
            ("a<p b=\"x\"=\">\">b", "a \">b"),
            ("a<nav b=/>b</nav>c", "a c"),
            ("a<nav =/>b", "a b"),
            ("a<nav/ >b c", "a"),
            ("a<span c=d e=\"f\"g=h>b</span >c", "a b c"),
        ];
        for (html, expected) in cases {
            // WHEN extracted
            // THEN the text after each tag starts where Python's did
            assert_eq!(visible_text(html), expected, "{html:?}");
        }
    }

    #[test]
    fn a_less_than_sign_that_starts_no_markup_is_text() {
        // GIVEN '<' before a space, a digit and the end of input
        // WHEN extracted
        // THEN it stays in the text, glued to its neighbours
        assert_eq!(visible_text("salary < 50k, a<3b"), "salary < 50k, a<3b");
        assert_eq!(visible_text("a</"), "a</");
        assert_eq!(visible_text("a<p"), "a");
    }

    #[test]
    fn words_split_on_unicode_whitespace_and_python_separators() {
        // GIVEN Unicode spaces, Python's extra separators, a NUL and a BOM
        let html = "\u{FEFF}a\u{a0}b\u{3000}c\u{1c}d\u{200b}e <p>x\0y</p>";
        // WHEN extracted
        // THEN the BOM is dropped, NUL is U+FFFD, zero-width space joins
        assert_eq!(visible_text(html), "a b c d\u{200b}e x\u{FFFD}y");
    }

    #[test]
    fn text_without_any_markup_is_returned_collapsed() {
        assert_eq!(visible_text("  just   words\n"), "just words");
    }

    #[test]
    fn empty_and_markup_only_pages_have_no_text() {
        // GIVEN pages without visible text
        for html in ["", "   ", "<html><head></head><body></body></html>", "<!doctype html><!-- c -->"] {
            // WHEN extracted
            // THEN the text is empty
            assert_eq!(visible_text(html), "", "{html:?}");
        }
    }

    #[test]
    fn deeply_nested_and_hostile_markup_finishes_with_the_right_text() {
        // GIVEN nesting 100,000 levels deep, closed and unclosed, with
        // 100,000 distinct element names, end tags that libxml2 would answer
        // by scanning the whole stack, and long runs of markup characters
        let depth = 100_000;
        let pages = [
            format!("{}deep{}", "<div>".repeat(depth), "</div>".repeat(depth)),
            format!("{}deep", "<div>".repeat(depth)),
            format!("{}hidden{}<p>after</p>", "<nav>".repeat(depth), "</nav>".repeat(depth)),
            format!("{}deep", "<b><i>".repeat(depth)),
            format!("{}deep", "<table><tr><td>".repeat(depth / 3)),
            format!("<svg>{}deep", "<g>".repeat(depth)),
            format!("<x><div>{}{}ok", "<b>".repeat(depth), "</x>".repeat(depth)),
            format!("<tbody><table>{}{}ok", "<tr>".repeat(depth), "</tbody>".repeat(depth)),
            format!("{}ok", "</p>".repeat(depth)),
            format!("{} ok", "<".repeat(depth)),
            (0..depth).map(|i| format!("<x{i}>")).collect::<String>()
                + "ok"
                + &(0..depth).rev().map(|i| format!("</x{i}>")).collect::<String>(),
            format!("{}ok", "&amp".repeat(depth)),
        ];
        // WHEN extracted
        let texts: Vec<String> = pages.iter().map(|p| visible_text(p)).collect();
        // THEN it finishes with the text libxml2 gives
        assert_eq!(texts[0], "deep");
        assert_eq!(texts[1], "deep");
        assert_eq!(texts[2], "after");
        assert_eq!(texts[3], "deep");
        assert_eq!(texts[4], "deep");
        assert_eq!(texts[5], "deep");
        assert_eq!(texts[6], "ok");
        assert_eq!(texts[7], "ok");
        assert_eq!(texts[8], "ok");
        assert!(texts[9] == format!("{} ok", "<".repeat(depth)));
        assert!(texts[10] == "ok");
        assert!(texts[11] == format!("{}ok", "&".repeat(depth)));
    }

    #[test]
    fn malformed_markup_does_not_panic() {
        // GIVEN assorted broken markup, cut at every byte
        let pages = [
            "<",
            "<<<>>>",
            "<p",
            "</",
            "<!--",
            "<!-- unterminated",
            "<!",
            "<!-",
            "<?",
            "<!DOCTYP",
            "<script>never closed",
            "<script><!--",
            "<script><!--<script>",
            "<a href=\"unterminated>text",
            "<a b='",
            "<a b=",
            "<a b",
            "<a/",
            "</a b=\"",
            "&",
            "&#",
            "&#x",
            "&#x;",
            "&#99999999999;",
            "&CounterClockwiseContourIntegral",
            "<p>&#0;</p>",
            "<select><xmp><script>x</script></select>",
            "<frameset><noframes>y",
            "\u{FFFD}\u{0}<p\0>\u{0}</p\0>",
            "<math><mi>x</mi></math>",
            "<![CDATA[z]]>",
            "<html><html><head><head><body><body></body></body></html></html>",
            "<title>é&eacute",
            "<textarea>&",
            "<plaintext>",
            "\u{FEFF}",
            "\u{FEFF}<",
        ];
        for html in pages {
            for cut in (0..=html.len()).filter(|&i| html.is_char_boundary(i)) {
                // WHEN extracted
                // THEN no panic (the result itself is best effort)
                let _ = visible_text(&html[..cut]);
            }
        }
    }
}
