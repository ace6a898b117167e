//! The description: sanitised HTML and plain text.
//!
//! The sanitiser is an allow-list over the tokens of [`super::html`]: the
//! tags and attributes of ammonia's default policy (without `img`), URLs
//! only relative or with an allowed scheme, links made `rel="noopener
//! noreferrer nofollow"`, `script` / `style` / `template` / `svg` /
//! `select` / `button` / `noscript` / `iframe` and icon-font glyphs
//! (`aria-hidden` `<i>` / `<span>`) dropped with their content, and so are
//! a `<dialog>` not `open` (a browser does not show it) and a
//! form to fill in (an application, contact or search form: it holds a
//! field, and the rest of the block has more text than it), every other tag
//! dropped and its content kept, comments dropped. A box of other jobs
//! ("Jobs Like This", "Similar jobs", "Related jobs", … as a heading) is
//! cut from its heading to the end of the box: the heading's parent, or the
//! parent's parent when the parent held only the heading (a box's header
//! row). Page chrome that ends a description is cut too: a share widget's
//! label ("Share:", "Teilen") and all after it, and rows of networks, links
//! back to the list, apply links, copyrights and policy links while they
//! end it (see `chrome_tail`). The output is rebuilt from scratch: text and
//! attribute values are decoded and re-escaped, every attribute is quoted,
//! and every element opened is closed, so what a browser parses from it is
//! exactly the allowed tags and the text.
//!
//! Written here rather than calling ammonia (the crate this replaced):
//! ammonia builds an html5ever DOM of the fragment and serialises it, about
//! 20 µs per KiB here, which was most of the extractor's time on a typical
//! page. Safety does not rest on parsing like a browser, because nothing
//! from the input reaches the output unescaped: the tests check the
//! classic XSS vectors, and that ammonia finds nothing to remove in our
//! output.

use super::html::{self, after_gt, comment_end, end_tag, lower, start_tag};
use super::text::{decode_entities, find_ci, flowing_text, fold, fragment_text, is_block};

/// Descriptions longer than this are cut before sanitising (a 128 MB
/// Lambda, and no real posting is near it).
const MAX_DESCRIPTION: usize = 512 * 1024;

/// Elements nested deeper than this lose their tags (text kept), so the
/// output's nesting is bounded whatever the input.
const MAX_NESTING: usize = 256;

/// Allowed elements (ammonia's defaults without `img`), sorted for
/// [`allowed_tag`]'s binary search.
const ALLOWED_TAGS: &[&str] = &[
    "a",
    "abbr",
    "acronym",
    "area",
    "article",
    "aside",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "i",
    "ins",
    "kbd",
    "li",
    "map",
    "mark",
    "nav",
    "ol",
    "p",
    "pre",
    "q",
    "rp",
    "rt",
    "rtc",
    "ruby",
    "s",
    "samp",
    "small",
    "span",
    "strike",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "time",
    "tr",
    "tt",
    "u",
    "ul",
    "var",
    "wbr",
];

/// The `'static` spelling of an allowed element's (lower-case) name, or
/// `None` when the element is not allowed.
fn allowed_tag(name: &str) -> Option<&'static str> {
    ALLOWED_TAGS.binary_search(&name).ok().map(|i| ALLOWED_TAGS[i])
}

/// Allowed attributes of an allowed element (ammonia's defaults).
fn allowed_attr(tag: &str, name: &str) -> bool {
    if matches!(name, "lang" | "title") {
        return true;
    }
    const ALIGN: &[&str] = &["align", "char", "charoff"];
    let list: &[&str] = match tag {
        "a" => &["href", "hreflang"],
        "bdo" => &["dir"],
        "blockquote" | "q" => &["cite"],
        "col" | "colgroup" => &["align", "char", "charoff", "span"],
        "del" | "ins" => &["cite", "datetime"],
        "hr" => &["align", "size", "width"],
        "ol" => &["start"],
        "table" => &["align", "char", "charoff", "summary"],
        "tbody" | "tfoot" | "thead" | "tr" => ALIGN,
        "td" => &["align", "char", "charoff", "colspan", "headers", "rowspan"],
        "th" => &["align", "char", "charoff", "colspan", "headers", "rowspan", "scope"],
        _ => &[],
    };
    list.contains(&name)
}

/// Elements dropped together with their content: code, and the elements
/// whose content is no text a reader sees (an icon's paths, a form's
/// options) or no words of the job (a button's "Show more", "Apply now",
/// "Copy link", "Close": a description block holds the page's controls
/// too). [`fragment_text`] gives no text for the first kind either, and
/// skipping them whole spares the sanitiser an inline icon set's markup,
/// which can be most of a description block's bytes. A `noscript`,
/// `iframe`, `noembed` or `noframes` holds raw text that is markup for
/// another kind of browser (a lazy-loaded image's `<img>` fallback), which
/// would otherwise read as literal tags.
fn dropped_with_content(name: &str) -> bool {
    matches!(
        name,
        "script" | "style" | "template" | "svg" | "select" | "button" | "noscript" | "iframe" | "noembed" | "noframes"
    )
}

/// An icon font's glyph: an `<i>` or `<span>` hidden from screen readers,
/// whose text is a ligature name ("place", "corporate_fare"), not words of
/// the description.
fn icon(name: &str, attrs: &[(&str, &str)]) -> bool {
    matches!(name, "i" | "span")
        && attrs.iter().any(|(k, v)| k.eq_ignore_ascii_case("aria-hidden") && v.eq_ignore_ascii_case("true"))
}

/// The page's navigation inside a description block: a `<nav>`, or a
/// breadcrumb list (`<ol>` / `<ul>` whose class says so: Reed's "Health
/// And Social Care › Manager › Manager Fostering"). Elements that do not
/// nest in themselves, as skipping to the first end tag of the name needs.
fn navigation(name: &str, attrs: &[(&str, &str)]) -> bool {
    name == "nav"
        || (matches!(name, "ol" | "ul")
            && attrs.iter().any(|(k, v)| k.eq_ignore_ascii_case("class") && find_ci(v, "breadcrumb").is_some()))
}

/// Forms of one fragment looked into, at most: each is read to its end
/// tag, so a hostile fragment of thousands of unclosed `<form>`s would
/// otherwise be read thousands of times. Forms past it are kept as text.
const MAX_FORMS: usize = 16;

/// What [`form_to_fill`] has learnt of a fragment: how many forms it read,
/// and the fragment's text length, read once when first needed.
#[derive(Default)]
struct Forms {
    read: usize,
    text: Option<usize>,
}

/// Where the `<form>` whose start tag ends at `from` ends, when it is a
/// form to fill in (an application, contact or search form inside a
/// description block: "Full Name * / Email * / Upload CV/Resume *"), whose
/// labels are no words of the job: it holds a field a reader types into or
/// uploads with, and the rest of the fragment has more text than it. The
/// second test keeps a form that wraps the posting (ASP.NET pages put the
/// whole page in one) whatever it holds.
fn form_to_fill(html: &str, from: usize, forms: &mut Forms) -> Option<usize> {
    if forms.read >= MAX_FORMS {
        return None;
    }
    forms.read += 1;
    let b = html.as_bytes();
    let close = html::raw_text_end(b, from, "form");
    let inner = &html[from..close];
    if !has_field(inner) {
        return None;
    }
    let own = fragment_text(inner).len();
    let rest = forms.text.get_or_insert_with(|| fragment_text(html).len()).saturating_sub(own);
    (rest >= MIN_KEPT && rest > own).then(|| html::past_end_tag(html, close))
}

/// Whether markup holds a form field a reader fills in: a `<textarea>`,
/// or an `<input>` that is no hidden value or button.
fn has_field(markup: &str) -> bool {
    if find_ci(markup, "<textarea").is_some() {
        return true;
    }
    let mut attrs = Vec::new();
    let mut at = 0;
    while let Some(i) = find_ci(&markup[at..], "<input") {
        let Some(tag) = start_tag(markup, at + i, &mut attrs) else { return false };
        let kind = attrs.iter().find(|(k, _)| k.eq_ignore_ascii_case("type")).map_or("text", |(_, v)| v.trim());
        if tag.name.eq_ignore_ascii_case("input")
            && !["hidden", "submit", "button", "image", "reset"].iter().any(|t| kind.eq_ignore_ascii_case(t))
        {
            return true;
        }
        at = tag.end;
    }
    false
}

/// Headings (folded) over other jobs: a board's "Jobs Like This" box that
/// sits inside the block holding the description.
const OTHER_JOBS: &[&str] = &[
    "jobs like this",
    "more jobs like this",
    "similar jobs",
    "related jobs",
    "recommended jobs",
    "other jobs",
    "similar positions",
    "people also viewed",
    "you may also like",
    "ahnliche jobs",
    "offres similaires",
    "empleos similares",
    "vagas semelhantes",
    "相似职位",
    "类似职位",
    "相关职位",
    "推荐职位",
    "類似の求人",
    // Session 18: more languages, and boards' "More jobs" boxes.
    "more jobs",
    "latest jobs",
    "overige vacatures",
    "andere vacatures",
    "meer vacatures",
    "vergelijkbare vacatures",
    "weitere stellenangebote",
    "weitere jobs",
    "ahnliche stellenangebote",
    "autres offres",
    "offres d emploi similaires",
    "ofertas similares",
    "otras ofertas",
    "offerte simili",
    "altre offerte",
    "podobne oferty",
    "この求人に似ている求人",
    // Session 22: a blog's related posts (Jetpack's "Related"), a job
    // theme's slider of featured jobs.
    "related",
    "related posts",
    "featured jobs",
    "featured job listings",
];

/// Whether the text of an HTML fragment is nothing but a heading over
/// other jobs.
fn reads_as_other_jobs(fragment: &str) -> bool {
    OTHER_JOBS.contains(&fold(&fragment_text(fragment)).as_str())
}

/// Whether the heading element that starts at `from` (its name lower
/// case) reads as one over other jobs. Only its first 200 bytes are
/// searched, so unclosed headings cost no more than that each.
fn other_jobs_heading(html: &str, from: usize, name: &str) -> bool {
    let window = &html.as_bytes()[..(from + 200).min(html.len())];
    let close = html::raw_text_end(window, from, name);
    html.get(from..close).is_some_and(reads_as_other_jobs)
}

/// Open input elements tracked for [`Cut`]s, at most.
const MAX_TREE: usize = 4096;

/// A box of other jobs being cut: from its heading to the end of the box.
struct Cut {
    /// The index in the input's open elements of the box: the heading's
    /// parent, or an ancestor when the parent held only the heading.
    /// `None`: the fragment's end.
    in_box: Option<usize>,
    /// The output's length before the heading.
    mark: usize,
    /// The open allowed elements before the heading.
    open: Vec<&'static str>,
}

impl Cut {
    /// Takes back the output since the heading, and closes the allowed
    /// elements opened inside the box (from index `box_open` on).
    fn undo(self, out: &mut String, open: &mut Vec<&'static str>, box_open: usize) {
        out.truncate(self.mark);
        *open = self.open;
        close_into(out, open.drain(box_open.min(open.len())..));
    }
}

/// Writes the end tags of the elements `open`, innermost (last) first.
fn close_into<'n>(out: &mut String, open: impl DoubleEndedIterator<Item = &'n str>) {
    for o in open.rev() {
        out.push_str("</");
        out.push_str(o);
        out.push('>');
    }
}

/// Allowed void elements: written without an end tag.
fn allowed_void(name: &str) -> bool {
    matches!(name, "br" | "hr" | "wbr" | "col" | "area")
}

/// Elements that a start tag of the same name closes when it is the
/// innermost open one (as the HTML parser does), so `<p>a<p>b` stays flat.
fn self_closing_sibling(name: &str) -> bool {
    matches!(name, "p" | "li" | "dt" | "dd" | "tr" | "td" | "th")
}

/// A URL that is relative, or whose scheme is allowed (ammonia's list).
/// Tabs, newlines and control characters are ignored when reading the
/// scheme, as browsers do (`java&#9;script:`).
fn allowed_url(url: &str) -> bool {
    let mut scheme = String::new();
    for c in url.chars() {
        if c.is_ascii_control() || (scheme.is_empty() && c == ' ') {
            continue;
        }
        match c {
            ':' => break,
            '/' | '?' | '#' => return true,
            c => scheme.push(c.to_ascii_lowercase()),
        }
        if scheme.len() > 16 {
            return false;
        }
    }
    if !url.contains(':') {
        return true;
    }
    matches!(
        scheme.as_str(),
        "bitcoin"
            | "ftp"
            | "ftps"
            | "geo"
            | "http"
            | "https"
            | "im"
            | "irc"
            | "ircs"
            | "magnet"
            | "mailto"
            | "mms"
            | "mx"
            | "news"
            | "nntp"
            | "openpgp4fpr"
            | "sip"
            | "sms"
            | "smsto"
            | "ssh"
            | "tel"
            | "url"
            | "webcal"
            | "wtai"
            | "xmpp"
    )
}

/// Appends `s` HTML-escaped (`&`, `<`, `>`, `"`, no-break space).
///
/// Byte-wise: every byte replaced is ASCII or the lead byte 0xC2 of the
/// no-break space (C2 A0), so each cut falls on a character boundary.
pub(crate) fn escape_into(out: &mut String, s: &str) {
    let b = s.as_bytes();
    let mut last = 0;
    let mut i = 0;
    while i < b.len() {
        let (rep, len) = match b[i] {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            0xC2 if b.get(i + 1) == Some(&0xA0) => ("&nbsp;", 2),
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&s[last..i]);
        out.push_str(rep);
        i += len;
        last = i;
    }
    out.push_str(&s[last..]);
}

/// Appends text of the fragment: entities decoded, then escaped.
fn text_into(out: &mut String, raw: &str) {
    if raw.bytes().any(|b| matches!(b, b'&' | b'<' | b'>' | b'"' | 0xC2)) {
        escape_into(out, &decode_entities(raw));
    } else {
        out.push_str(raw);
    }
}

/// The allow-list sanitiser (see the module documentation).
pub fn clean_html(html: &str) -> String {
    clean_html_blocks(html).0
}

/// [`clean_html`], and where each block element it wrote starts in the
/// output (`<br>` and the other void ones left out), in order: where a
/// tail of page chrome may be cut.
fn clean_html_blocks(html: &str) -> (String, Vec<usize>) {
    let b = html.as_bytes();
    let n = b.len();
    let mut out = String::with_capacity(n);
    let mut open: Vec<&'static str> = Vec::new();
    let mut attrs = Vec::with_capacity(8);
    let mut pos = 0;
    // Every element of the input that is open (its name as written, and
    // how many allowed ones were open before it), so that a box of other
    // jobs is cut where the input's box ends, whatever tags are allowed.
    let mut tree: Vec<(&str, usize)> = Vec::new();
    let mut cut: Option<Cut> = None;
    let mut blocks = vec![0];
    let mut forms = Forms::default();
    while pos < n {
        let lt = html::next_lt(b, pos);
        if lt > pos {
            text_into(&mut out, &html[pos..lt]);
        }
        if lt >= n {
            break;
        }
        pos = match b.get(lt + 1) {
            Some(b'!') if b[lt + 2..].starts_with(b"--") => comment_end(b, lt + 4),
            Some(b'!' | b'?') => after_gt(b, lt + 1),
            Some(b'/') => match b.get(lt + 2) {
                Some(c) if c.is_ascii_alphabetic() => {
                    let (raw, after) = end_tag(html, lt);
                    let mut box_closed = false;
                    if let Some(j) = tree.iter().rposition(|(t, _)| t.eq_ignore_ascii_case(raw)) {
                        let boxed = cut.as_ref().and_then(|c| c.in_box).filter(|&b| j <= b);
                        if let (Some(b), Some(c)) = (boxed, cut.as_mut()) {
                            if j == b && reads_as_other_jobs(&out[c.mark..]) {
                                // A box that held only the heading is the
                                // header of the box around it.
                                c.in_box = b.checked_sub(1);
                            } else if let Some(c) = cut.take() {
                                blocks.truncate(blocks.partition_point(|&at| at < c.mark).max(1));
                                c.undo(&mut out, &mut open, tree[b].1);
                                // The box's own end tag is done; an
                                // ancestor's closes it as usual.
                                box_closed = j == b;
                            }
                        }
                        tree.truncate(j);
                    }
                    let mut buf = [0u8; 24];
                    let name = lower(raw, &mut buf).unwrap_or("");
                    if !box_closed && let Some(i) = open.iter().rposition(|o| *o == name) {
                        close_into(&mut out, open.drain(i..));
                    }
                    after
                }
                _ => after_gt(b, lt + 2),
            },
            Some(c) if c.is_ascii_alphabetic() => {
                let Some(tag) = start_tag(html, lt, &mut attrs) else { break };
                let mut buf = [0u8; 24];
                let name = lower(tag.name, &mut buf).unwrap_or("");
                if html::raw_text(name) {
                    // Raw text never holds markup: dropped with its
                    // element, or kept as text.
                    let close = html::raw_text_end(b, tag.end, name);
                    if !dropped_with_content(name) {
                        text_into(&mut out, &html[tag.end..close]);
                    }
                    html::past_end_tag(html, close)
                } else if let Some(after) = (name == "form").then(|| form_to_fill(html, tag.end, &mut forms)).flatten()
                {
                    after
                } else if dropped_with_content(name)
                    || icon(name, &attrs)
                    || navigation(name, &attrs)
                    || html::closed_dialog(name, &attrs)
                {
                    // `<template>` holds markup: skip to its end tag.
                    html::past_end_tag(html, html::raw_text_end(b, tag.end, name))
                } else {
                    if cut.is_none()
                        && matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
                        && other_jobs_heading(html, tag.end, name)
                    {
                        cut = Some(Cut { in_box: tree.len().checked_sub(1), mark: out.len(), open: open.clone() });
                    }
                    if !tag.self_closing && !html::void(name) && tree.len() < MAX_TREE {
                        tree.push((tag.name, open.len()));
                    }
                    if let Some(name) = allowed_tag(name)
                        && open.len() < MAX_NESTING
                    {
                        if self_closing_sibling(name) && open.last() == Some(&name) {
                            open.pop();
                            close_into(&mut out, std::iter::once(name));
                        }
                        // A `<br>` parts lines, not blocks: "Zurück zur
                        // Übersicht Jobs &<br>Karriere" is one link.
                        if is_block(name) && !allowed_void(name) {
                            blocks.push(out.len());
                        }
                        out.push('<');
                        out.push_str(name);
                        for (k, v) in &attrs {
                            let mut kb = [0u8; 24];
                            let Some(k) = lower(k, &mut kb) else { continue };
                            if !allowed_attr(name, k) || (k == "rel" && name == "a") {
                                continue;
                            }
                            let v = decode_entities(v);
                            if matches!(k, "href" | "cite") && !allowed_url(&v) {
                                continue;
                            }
                            out.push(' ');
                            out.push_str(k);
                            out.push_str("=\"");
                            escape_into(&mut out, &v);
                            out.push('"');
                        }
                        if name == "a" {
                            out.push_str(" rel=\"noopener noreferrer nofollow\"");
                        }
                        out.push('>');
                        if !allowed_void(name) {
                            open.push(name);
                        }
                    }
                    tag.end
                }
            }
            _ => {
                out.push_str("&lt;");
                lt + 1
            }
        };
    }
    if let Some(c) = cut {
        // The box ran to the end of the fragment.
        blocks.truncate(blocks.partition_point(|&at| at < c.mark).max(1));
        c.undo(&mut out, &mut open, usize::MAX);
    }
    close_into(&mut out, open.drain(..));
    (out, blocks)
}

/// Sanitised HTML and plain text of a description fragment.
pub fn sanitise(html: &str) -> (String, String) {
    let mut end = html.len().min(MAX_DESCRIPTION);
    while !html.is_char_boundary(end) {
        end -= 1;
    }
    let (clean, blocks) = clean_html_blocks(&html[..end]);
    if let Some(cut) = chrome_tail(&clean, &blocks) {
        let kept = without_tail(&clean, cut);
        let kept_text = flowing_text(&kept);
        // Never leave a posting nearly empty for its widgets.
        if kept_text.len() >= MIN_KEPT {
            return (kept, kept_text);
        }
    }
    let text = flowing_text(&clean);
    (clean, text)
}

/// Text a description keeps at least when its tail is cut.
const MIN_KEPT: usize = 100;

/// How many blocks from the end are read for a tail of page chrome.
const TAIL_BLOCKS: usize = 12;

/// Bytes of text of a block of chrome, at most, and of a share label's line.
const MAX_CHROME: usize = 80;
const MAX_CHROME_LINE: usize = 40;

/// Bytes of a block's text as written (entities and inner spaces counted;
/// see [`shown_bytes`]) for it to be chrome, at most: four times
/// [`MAX_CHROME`], for entities. A longer block is the posting's, and its
/// text is not extracted twice (Workday sends the whole posting as one).
const MAX_CHROME_RAW: usize = 4 * MAX_CHROME;

/// Bytes of a block's markup outside its tags (each run trimmed), up to
/// past [`MAX_CHROME_RAW`]: whether it is empty, or may be chrome, without
/// extracting its text. The sanitiser's output escapes `<` and `>` in text
/// and attribute values, so every `<` opens a tag and the next `>` ends it.
fn shown_bytes(markup: &str) -> usize {
    let b = markup.as_bytes();
    let (mut pos, mut shown) = (0, 0);
    while pos < b.len() && shown <= MAX_CHROME_RAW {
        let lt = html::next_lt(b, pos);
        shown += markup[pos..lt].trim().len();
        pos = after_gt(b, lt);
    }
    shown
}

/// A word of every one of [`SHARE_LABELS`], as written: a block without
/// one is no share label, and its text is not extracted.
const SHARE_WORDS: &[&str] = &["share", "teilen", "partager", "compartir", "condividi", "udost", "delen"];

/// What a block at a description's end is, when it is page chrome rather
/// than the posting's.
#[derive(Debug, PartialEq)]
enum Chrome {
    /// A share widget's label ("Share:", "Share this job", "Teilen"):
    /// what follows it is the widget, the site's other jobs or its footer.
    Share,
    /// A row of networks ("Facebook X LinkedIn"), a link back to the list
    /// ("← Back to All Jobs", "Zurück zur Übersicht"), an apply link or
    /// heading ("Apply now"), a copyright or a policy link.
    Tail,
    /// No text at all: an empty box goes with the chrome it wraps, but is
    /// no reason to cut by itself.
    Empty,
}

const SHARE_LABELS: &[&str] = &[
    "share",
    "share this",
    "share this job",
    "share this post",
    "share this position",
    "share this opening",
    "share this article",
    "share this page",
    "share job",
    "share on",
    "share via",
    "teilen",
    "job teilen",
    "stelle teilen",
    "diesen job teilen",
    "partager",
    "partager cette offre",
    "compartir",
    "compartir oferta",
    "condividi",
    "udostepnij",
    "delen",
    "vacature delen",
];

/// Networks and actions of share rows, folded; a word may glue several
/// ("XGoogle+Pinterest", icon links with no space between).
const NETWORKS: &[&str] = &[
    "facebook",
    "twitter",
    "linkedin",
    "pinterest",
    "google",
    "whatsapp",
    "telegram",
    "instagram",
    "xing",
    "reddit",
    "tumblr",
    "messenger",
    "email",
    "mail",
    "print",
    "copy",
    "link",
    "e",
    "x",
];

const ALL_JOBS: &[&str] = &[
    "all jobs",
    "view all jobs",
    "see all jobs",
    "view all openings",
    "view all positions",
    "all open positions",
    "alle jobs",
    "alle stellen",
    "toutes les offres",
];

/// An apply link or heading left over at the end ("Apply for this
/// position" over a form that is dropped).
const APPLY: &[&str] = &[
    "apply",
    "apply now",
    "apply here",
    "apply online",
    "apply for this job",
    "apply for this position",
    "apply for this role",
    "apply for this job online",
    "apply to this job",
    "jetzt bewerben",
    "online bewerben",
    "jetzt online bewerben",
    "postuler",
    "postuler maintenant",
    "postulez",
    "postular",
    "postula ahora",
    "aplicar",
    "candidatar me",
    "solliciteer",
    "solliciteer nu",
    "candidati",
];

const BACK: &[&str] =
    &["back to ", "go back to ", "zuruck zu ", "zuruck zur ", "retour aux ", "volver a ", "terug naar "];

const POLICIES: &[&str] = &[
    "privacy policy",
    "cookie policy",
    "cookies policy",
    "terms of use",
    "terms and conditions",
    "legal notice",
    "imprint",
    "impressum",
    "datenschutz",
    "datenschutzerklarung",
    "mentions legales",
];

/// A folded word made only of network names.
fn networks_only(word: &str) -> bool {
    let mut w = word;
    while !w.is_empty() {
        match NETWORKS.iter().filter(|n| w.starts_with(*n)).max_by_key(|n| n.len()) {
            Some(n) => w = &w[n.len()..],
            None => return false,
        }
    }
    true
}

/// Whether a block's text starts with a share widget's label.
fn share_label(text: &str) -> bool {
    let first = text.trim().lines().next().unwrap_or_default();
    first.len() <= MAX_CHROME_LINE && SHARE_LABELS.contains(&fold(first).as_str())
}

/// What a block's text is, when it is page chrome.
fn chrome(text: &str) -> Option<Chrome> {
    let t = text.trim();
    if t.is_empty() {
        return Some(Chrome::Empty);
    }
    if t.len() > MAX_CHROME {
        return None;
    }
    if share_label(t) {
        return Some(Chrome::Share);
    }
    // "© 2018", "Copyright © Acme", "Copyright 2024 Acme"; not "Copyright
    // and trademark work is a third of the role".
    let year = |t: &str| t.split(|c: char| !c.is_ascii_digit()).any(|d| d.len() == 4);
    if t.starts_with('©')
        || (t.get(..9).is_some_and(|h| h.eq_ignore_ascii_case("copyright")) && (t.contains('©') || year(t)))
    {
        return Some(Chrome::Tail);
    }
    let f = fold(t);
    // Policy links with a year between them ("Cookie policy - Privacy
    // policy © 2018").
    let policies = POLICIES.iter().any(|p| f.contains(p))
        && POLICIES
            .iter()
            .fold(f.clone(), |rest, p| rest.replace(p, " "))
            .split_whitespace()
            .all(|w| w.bytes().all(|c| c.is_ascii_digit()) || matches!(w, "copyright" | "agb" | "terms"));
    let tail = folded_back_to_list(&f)
        || APPLY.contains(&f.as_str())
        || policies
        || t.lines().all(|l| {
            let words = fold(l);
            !words.is_empty() && words.split(' ').all(networks_only)
        });
    tail.then_some(Chrome::Tail)
}

/// Whether a link's text leads back to the list of jobs ("Back to search
/// results", "← Back to All Jobs", "Zurück zur Übersicht"): page chrome.
pub fn back_to_list(text: &str) -> bool {
    text.len() <= 4 * MAX_CHROME && folded_back_to_list(&fold(text))
}

/// [`back_to_list`] of folded text.
fn folded_back_to_list(f: &str) -> bool {
    ALL_JOBS.contains(&f) || (f.len() <= 60 && BACK.iter().any(|b| f.starts_with(b)))
}

/// Where page chrome starts at the end of the sanitiser's output, if it
/// ends so: the last blocks while each is chrome, or a share widget's
/// label among the last [`TAIL_BLOCKS`] blocks, with all after it.
fn chrome_tail(clean: &str, blocks: &[usize]) -> Option<usize> {
    let (mut cut, mut all_chrome, mut end, mut read) = (None, true, clean.len(), 0);
    for &start in blocks.iter().rev() {
        let markup = &clean[start..end];
        end = start;
        let shown = shown_bytes(markup);
        // Empty boxes (a page's closing `</div>`s, icon links) do not count.
        let kind = if shown == 0 {
            Some(Chrome::Empty)
        } else {
            read += 1;
            if read > TAIL_BLOCKS {
                break;
            }
            if shown > MAX_CHROME_RAW {
                None
            } else if all_chrome {
                chrome(&fragment_text(markup))
            } else if shown <= MAX_CHROME && SHARE_WORDS.iter().any(|w| find_ci(markup, w).is_some()) {
                // Under the posting's own last block only a share label is looked for.
                share_label(&fragment_text(markup)).then_some(Chrome::Share)
            } else {
                None
            }
        };
        match kind {
            Some(Chrome::Share) => (cut, all_chrome) = (Some(start), true),
            Some(Chrome::Tail) if all_chrome => cut = Some(start),
            Some(Chrome::Empty) if all_chrome && cut.is_some() => cut = Some(start),
            Some(Chrome::Tail | Chrome::Empty) => {}
            None => all_chrome = false,
        }
    }
    cut
}

/// The sanitiser's output up to `at`, with the elements open there closed.
fn without_tail(clean: &str, at: usize) -> String {
    let b = clean.as_bytes();
    let mut open: Vec<&str> = Vec::new();
    let mut attrs = Vec::new();
    let mut pos = 0;
    while pos < at {
        let lt = html::next_lt(b, pos);
        if lt >= at {
            break;
        }
        pos = match b.get(lt + 1) {
            Some(b'/') => {
                let (name, after) = end_tag(clean, lt);
                if let Some(i) = open.iter().rposition(|o| *o == name) {
                    open.truncate(i);
                }
                after
            }
            _ => match start_tag(clean, lt, &mut attrs) {
                Some(tag) => {
                    if !allowed_void(tag.name) {
                        open.push(tag.name);
                    }
                    tag.end
                }
                None => at,
            },
        };
    }
    let mut out = clean[..at].to_owned();
    close_into(&mut out, open.into_iter());
    out
}

/// A description given as plain text (JSON-LD `description` without any
/// markup, which many boards send) as HTML that keeps its shape: each
/// blank-line-separated paragraph a `<p>`, each single line break a `<br>`.
/// Rendered as it was, it would run together into one block.
pub fn text_to_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 32);
    let text = text.replace("\r\n", "\n");
    for para in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        out.push_str("<p>");
        for (i, line) in para.lines().map(str::trim).filter(|l| !l.is_empty()).enumerate() {
            if i > 0 {
                out.push_str("<br>");
            }
            escape_into(&mut out, line);
        }
        out.push_str("</p>");
    }
    out
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
    fn a_box_of_other_jobs_is_cut_from_its_heading_to_the_end_of_the_box() {
        // GIVEN a job's text, then a box whose header holds "Jobs Like
        // This" and an icon, then the box's cards, then more of the block
        let html = r#"<div><p>Build our web front end.</p><section><div class="head"><h2>Jobs Like This</h2><span>*</span></div>
            <ul><li>AI Software Tool Engineer</li><li>TV Software Engineer</li></ul></section><p>Apply by 1 May.</p></div>"#;
        // WHEN it is sanitised
        let (clean, text) = sanitise(html);
        // THEN the box is gone from its heading on, and the rest stays
        assert_eq!(text, "Build our web front end.\nApply by 1 May.");
        assert_eq!(clean, "<div><p>Build our web front end.</p><div></div><p>Apply by 1 May.</p></div>");

        // GIVEN "Similar jobs" as a heading among the block's own
        // paragraphs, with the cards after it
        let html = "<p>Sell kids' fashion in Italy.</p><h3>Similar jobs</h3><p>Communicator</p><p>SCADA Specialist</p>";
        // THEN the rest of the block is the cards, and it is gone
        assert_eq!(sanitise(html).1, "Sell kids' fashion in Italy.");
        // AND so in the other languages' words (a Dutch career site's
        // "Overige vacatures")
        let html = "<p>Bouw mee aan Java.</p><h2>Overige vacatures</h2><p>Senior Hippo Developer</p><p>Meer info</p>";
        assert_eq!(sanitise(html).1, "Bouw mee aan Java.");
        // AND a job theme's "Featured Job Listings", and a blog's related posts
        let html =
            "<p>Bouw mee aan Java.</p><div><h2>Featured Job Listings</h2><ul><li>Finance Manager</li></ul></div>";
        assert_eq!(sanitise(html).1, "Bouw mee aan Java.");
        let html = "<p>Bouw mee aan Java.</p><div id=\"jp-relatedposts\"><h3><em>Related</em></h3></div>";
        assert_eq!(sanitise(html).1, "Bouw mee aan Java.");

        // GIVEN headings of the job's own sections, and a sentence naming similar jobs
        let html = "<h2>Responsibilities</h2><p>Design features.</p><h2>Other jobs you will do</h2><p>Review code.</p>";
        // THEN nothing is cut
        assert_eq!(sanitise(html).1, "Responsibilities\nDesign features.\nOther jobs you will do\nReview code.");
    }

    #[test]
    fn page_chrome_at_a_descriptions_end_is_cut() {
        let body = "<h2>About the role</h2><p>Build the payments platform with a small team in Helsinki.</p>\
                    <ul><li>Rust and Postgres</li><li>On call one week in six</li></ul>";
        // GIVEN a posting followed by a share widget and the site's other jobs
        let html = format!(
            "<div>{body}<div><p>Share :</p><a href=\"#\">Copy</a></div><h4>You may also apply to these jobs :</h4>\
             <ul><li><a href=\"/c\">Cleaning Jobs in Finland</a></li></ul></div>"
        );
        // WHEN it is sanitised
        let (clean, text) = sanitise(&html);
        // THEN everything from the widget's label on is gone, and what stays is well formed
        assert_eq!(
            text,
            "About the role\nBuild the payments platform with a small team in Helsinki.\nRust and Postgres\nOn call one week in six"
        );
        assert!(clean.starts_with("<div><h2>") && clean.ends_with("</li></ul></div>"), "{clean}");

        // GIVEN rows of networks, links back to the list, copyrights and policies at the end
        for tail in [
            "<p>Facebook XGoogle+Pinterest LinkedIn</p>",
            "<p><a href=\"/jobs\">← Back to All Jobs</a></p>",
            "<div><a href=\"/\">Zurück zur Übersicht Jobs &amp;<br>Karriere</a></div>",
            "<footer><a href=\"/jobs\">View all jobs</a></footer><div><span>Cookie policy - Privacy policy © 2018</span></div>",
            "<p>© Company 2022</p>",
            "<p>Copyright 2024 Acme Oy</p>",
        ] {
            // THEN they are cut
            let (_, text) = sanitise(&format!("{body}{tail}"));
            assert!(text.ends_with("On call one week in six"), "{tail}: {text}");
        }

        // GIVEN the posting's own last words about sharing, going back, or terms
        for own in [
            "<p>Share your ideas with the whole company every Friday.</p>",
            "<p>Back to the office two days a week, in Helsinki or Tampere, with travel paid.</p>",
            "<p>Terms: a permanent contract.</p>",
            "<p>Back to top</p><p>We answer every application within a week.</p>",
            "<p>Copyright and trademark work is a third of the role.</p>",
            "<p>© Acme GmbH. Wir freuen uns auf Ihre Bewerbung und melden uns innerhalb einer Woche bei Ihnen, mit allen Antworten auf Ihre Fragen.</p>",
        ] {
            // THEN they stay
            let (_, text) = sanitise(&format!("{body}{own}"));
            assert!(text.ends_with(&fragment_text(own)), "{own}: {text}");
        }
        // AND a share label far above the end (more than the last twelve blocks) cuts nothing
        let long = format!("<p>Share</p>{}", "<p>Another duty of the role.</p>".repeat(13));
        assert!(sanitise(&format!("{body}{long}")).1.ends_with("Another duty of the role."));
        // AND a block that only starts with "Share" but goes on as prose is
        // the posting's, at the end or above it
        let prose = "<div>Share<br>We share our profits: a tenth of each year's profit goes to the team, in equal parts whatever the role.</div>";
        let last = "<p>We answer every application within a week.</p>";
        for tail in [prose.to_owned(), format!("{prose}{last}")] {
            assert!(sanitise(&format!("{body}{tail}")).1.contains("We share our profits"), "{tail}");
        }
        // AND a box of other jobs cut before the chrome leaves it to be cut too
        let boxed = format!(
            "<div>{body}<section><h2>Jobs Like This</h2><ul><li>Senior Rust Engineer, Espoo</li>\
             <li>Data Engineer, Tampere</li><li>Platform Engineer, Oulu</li></ul></section><p>Back to jobs</p></div>"
        );
        assert!(sanitise(&boxed).1.ends_with("On call one week in six"), "{boxed}");
        // AND empty boxes at the end are left as they are
        let boxed = format!("{body}<div><div></div></div>");
        assert_eq!(sanitise(&boxed).0, boxed);
        // AND a posting that would be left nearly empty is kept whole
        assert_eq!(
            sanitise("<p>Barista</p><p>Share this job</p><p>Facebook</p>").1,
            "Barista\nShare this job\nFacebook"
        );
    }

    #[test]
    fn a_form_to_fill_in_is_dropped_with_its_labels() {
        let body = "<h2>About the role</h2><p>Build the payments platform with a small team in Helsinki.</p>\
                    <ul><li>Rust and Postgres</li><li>On call one week in six</li></ul>";
        // GIVEN a posting followed by its application form, under an "Apply for this position" heading
        let html = format!(
            "<div>{body}<h2>Apply for this position</h2><form method=\"post\" enctype=\"multipart/form-data\">\
             <label>Full Name <span>*</span></label><input type=\"text\" name=\"n\">\
             <label>Email *</label><input type=\"email\" name=\"e\">\
             <label>Upload CV/Resume *</label><input type=\"file\" name=\"f\"><small>Allowed Type(s): .pdf</small>\
             <input type=\"hidden\" name=\"job\" value=\"7\"><input type=\"submit\" value=\"Send\"></form></div>"
        );
        // WHEN it is sanitised
        let (clean, text) = sanitise(&html);
        // THEN the form's labels are gone, and the heading left at the end with them
        assert_eq!(
            text,
            "About the role\nBuild the payments platform with a small team in Helsinki.\nRust and Postgres\nOn call one week in six"
        );
        assert!(clean.ends_with("</li></ul></div>"), "{clean}");
        // AND so for a form of one text area, and a search form above the posting
        for form in [
            "<form><label>What makes you perfect for the role?</label><textarea name=\"m\"></textarea></form>",
            "<form role=\"search\"><label>What</label><input name=\"q\"><label>Where</label><input name=\"l\"></form>",
        ] {
            assert_eq!(sanitise(&format!("{form}{body}")).1, text, "{form}");
        }

        // GIVEN a form with no field to fill in (an "I'm interested" button and its job id)
        let html =
            format!("{body}<form><input type=\"hidden\" name=\"id\" value=\"7\"><p>Closing date: 1 May</p></form>");
        // THEN its text stays
        assert!(sanitise(&html).1.ends_with("On call one week in six\nClosing date: 1 May"));
        // AND a form that wraps the posting (an ASP.NET page) stays whole,
        // search box and all, under a long footer or a short one
        let footer = "<p>Acme Oy, Mannerheimintie 1, 00100 Helsinki. Registered in Finland. All rights reserved by the group.</p>";
        for (posting, footer) in
            [(body, footer), ("<p>Barista, Helsinki</p>", "<p>Acme Oy, Helsinki. All rights reserved.</p>")]
        {
            let html =
                format!("<form id=\"aspnetForm\"><label>Search</label><input name=\"q\">{posting}</form>{footer}");
            assert!(sanitise(&html).1.starts_with("Search\n"), "{html}");
        }
        // AND an "Apply now" link ends a posting only at its end
        assert_eq!(sanitise(&format!("{body}<p><a href=\"/apply\">Apply now</a></p>")).1, text);
        let html = format!("<p><a href=\"/apply\">Apply now</a></p>{body}");
        assert!(sanitise(&html).1.starts_with("Apply now\n"));
    }

    #[test]
    fn hard_wrapped_text_flows_and_items_keep_their_lines() {
        // GIVEN a description whose source text is wrapped mid-sentence, with
        // items one per line, a field dump, and a preformatted block
        let html = "<pre>make build\nmake test</pre>\
                    <p>Experience working with SQL or other data storage\r\n  systems, like ORM,\r\nNoSQL, or others.</p>\
                    <p>📍Design data models\n📍Build pipelines\nPython\nSQL</p><p>type: job\nrole: analyst</p>";
        // WHEN it is sanitised
        let (clean, text) = sanitise(html);
        // THEN a break before a lower-case letter is a space, and every other break stays
        assert_eq!(
            text,
            "make build\nmake test\nExperience working with SQL or other data storage systems, like ORM,\nNoSQL, or others.\n\
             📍Design data models\n📍Build pipelines\nPython\nSQL\ntype: job\nrole: analyst"
        );
        // AND the HTML keeps the text as written
        assert!(clean.contains("data storage\r\n  systems"), "{clean}");
    }

    #[test]
    fn every_share_label_holds_a_share_word() {
        // GIVEN the labels and the words that let a block be read for one
        // THEN no label goes unread
        for label in SHARE_LABELS {
            assert!(SHARE_WORDS.iter().any(|w| label.contains(w)), "{label}");
        }
    }

    #[test]
    fn a_plain_text_description_keeps_its_paragraphs_and_lines() {
        // GIVEN a description sent as plain text with paragraphs and a list
        let text = "We are hiring.\r\n\r\nResponsibilities:\n- Make coffee\n- Greet <guests>\n\n\nPay: $18 & tips";
        // WHEN it becomes HTML
        let html = text_to_html(text);
        // THEN paragraphs are <p>, lines are <br>, and the text is escaped
        assert_eq!(
            html,
            "<p>We are hiring.</p><p>Responsibilities:<br>- Make coffee<br>- Greet &lt;guests&gt;</p><p>Pay: $18 &amp; tips</p>"
        );
        // AND it is already clean
        assert_eq!(sanitise(&html).0, html);
    }

    #[test]
    fn sanitising_drops_scripts_styles_and_handlers() {
        let (html, text) = sanitise(
            r#"<p onclick="x()" style="color:red">Hi <a href="https://e.com">there</a></p><script>bad()</script><style>p{}</style>"#,
        );
        assert!(!html.contains("onclick") && !html.contains("script") && !html.contains("style"), "{html}");
        assert_eq!(html, r#"<p>Hi <a href="https://e.com" rel="noopener noreferrer nofollow">there</a></p>"#);
        assert_eq!(text, "Hi there");
    }

    #[test]
    fn hostile_nesting_is_bounded() {
        // GIVEN 10,000 nested divs
        let deep = format!("{}deep text{}", "<div>".repeat(10_000), "</div>".repeat(10_000));
        // WHEN sanitised
        let (html, text) = sanitise(&deep);
        // THEN the text survives and the output nests no deeper than the cap
        assert_eq!(text, "deep text");
        assert_eq!(html.matches("<div>").count(), MAX_NESTING);
        assert_eq!(html.matches("</div>").count(), MAX_NESTING);
    }

    #[test]
    fn hostile_forms_are_read_a_bounded_number_of_times() {
        let posting =
            "<p>Build the payments platform with a small team in Helsinki, on call one week in six.</p>".repeat(4);
        // GIVEN a posting followed by twenty forms to fill in
        let html = format!("{posting}{}", "<form><label>Email</label><input type=\"email\"></form>".repeat(20));
        // WHEN sanitised
        let (_, text) = sanitise(&html);
        // THEN the first sixteen are dropped, and the rest kept as text
        assert_eq!(text.matches("Email").count(), 20 - MAX_FORMS);
        // AND thousands of unclosed forms are kept as text, each read once at most
        let html = format!("{posting}{}", "<form><label>Email</label><input>".repeat(5_000));
        assert_eq!(sanitise(&html).1.matches("Email").count(), 5_000);
    }

    #[test]
    fn xss_vectors_leave_nothing_executable() {
        // GIVEN the classic vectors
        let vectors = [
            r#"<a href="javascript:alert(1)">x</a>"#,
            r#"<a href="java&#9;script:alert(1)">x</a>"#,
            r#"<a href=" JaVaScRiPt:alert(1)">x</a>"#,
            r#"<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>"#,
            r#"<img src=x onerror=alert(1)>"#,
            r#"<svg><script>alert(1)</script></svg>"#,
            r#"<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>"#,
            r#"<noscript><p title="</noscript><img src=x onerror=alert(1)>">"#,
            r#"<div title="&quot;><script>alert(1)</script>">t</div>"#,
            r#"<scr<script>ipt>alert(1)</script>"#,
            r#"<iframe src="javascript:alert(1)"></iframe><textarea></textarea><script>alert(1)</script>"#,
            r#"<p style="background:url(javascript:alert(1))">s</p><!--<script>alert(1)</script>-->"#,
            "<a href='x' onmouseover='alert(1)'>x</a><template><script>alert(1)</script></template>",
            // A box of other jobs cut amid misnested and unclosed tags.
            "<b><div><p>x<h2>Similar jobs</h2></b></p><em><a href=javascript:alert(1)>y</div><i>z</em>",
            "<ul><li><section><h3>Jobs like this</h3></ul></section><img src=x onerror=alert(1)><p>after",
        ];
        for v in vectors {
            // WHEN sanitised
            let (html, _) = sanitise(v);
            let lower = html.to_ascii_lowercase();
            // THEN no script, handler, style, image or dangerous URL is left ...
            for bad in [
                "<script",
                "<img",
                "<svg",
                "<math",
                "<style",
                "<iframe",
                "<noscript",
                "<textarea",
                "javascript:",
                "onerror=",
                "onmouseover=",
                "style=",
                "data:",
            ] {
                assert!(!lower.contains(bad), "{v} → {html}");
            }
            // ... and ammonia, the reference sanitiser, finds nothing to remove
            let again = ammonia::Builder::default()
                .rm_tags(["img"])
                .link_rel(Some("noopener noreferrer nofollow"))
                .clean(&html)
                .to_string();
            assert_eq!(fragment_text(&again), fragment_text(&html), "{v} → {html} → {again}");
            assert_eq!(again.matches('<').count(), html.matches('<').count(), "{v} → {html} → {again}");
        }
    }

    #[test]
    fn the_allowed_tag_list_is_sorted_for_its_binary_search() {
        assert!(ALLOWED_TAGS.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(allowed_tag("strong"), Some("strong"));
        assert_eq!(allowed_tag("img"), None);
    }

    #[test]
    fn icons_form_options_and_buttons_are_dropped_with_their_content() {
        // GIVEN a description with an inline icon and a select
        let (html, text) = sanitise(
            r#"<p>Apply <svg viewBox="0 0 9 9"><title>arrow</title><path d="M0 0"/></svg>now</p><select><option>UK</option></select>"#,
        );
        // THEN neither leaves markup or text
        assert_eq!(html, "<p>Apply now</p>");
        assert_eq!(text, "Apply now");
        // AND an icon font's ligature hidden from screen readers is no text
        let (_, text) = sanitise(r#"<p><i class="material-icons" aria-hidden="true">place</i>Taipei, Taiwan</p>"#);
        assert_eq!(text, "Taipei, Taiwan");
        // AND a lazy-loaded image's fallback for browsers without scripts is
        // markup, not text
        let (html, text) = sanitise(
            "<p>Published: July 27</p><noscript><div class='im' style='background-image: url(x.ico)'></div></noscript>",
        );
        assert_eq!((html.as_str(), text.as_str()), ("<p>Published: July 27</p>", "Published: July 27"));
        // AND a block's buttons are the page's controls, not the job's words
        let (html, text) = sanitise(
            r#"<div><button class="share">Copy link</button><p>Build the payments platform.</p><button>Show more</button></div>"#,
        );
        assert_eq!(
            (html.as_str(), text.as_str()),
            ("<div><p>Build the payments platform.</p></div>", "Build the payments platform.")
        );
    }

    #[test]
    fn text_and_attributes_are_reescaped() {
        let (html, text) = sanitise(r#"<p title='a"b'>1 &lt; 2 &amp;&amp; x < y</p><ol start=3><li>a<li>b</ol>"#);
        assert_eq!(
            html,
            r#"<p title="a&quot;b">1 &lt; 2 &amp;&amp; x &lt; y</p><ol start="3"><li>a</li><li>b</li></ol>"#
        );
        assert_eq!(text, "1 < 2 && x < y\na\nb");
        // multi-byte text around a no-break space survives the byte-wise escape
        assert_eq!(sanitise("<p>café\u{a0}crème ¢</p>").0, "<p>café&nbsp;crème ¢</p>");
    }
}
