//! The one pass over a page. A streaming lol_html tokenizer (no DOM is
//! built) records everything the extraction sources need:
//!
//! - the `<title>`, `<meta>` pairs and JSON-LD / other inline script ranges;
//! - microdata items (`itemscope` / `itemprop`), nested;
//! - "marks": elements that ATS markup or generic class names identify as a
//!   title, location, salary, ... (byte ranges into the page, so nothing is
//!   copied until a source asks for it);
//! - the visible text as lines (block elements break lines), each flagged
//!   when it sits inside a "noise" region: similar-job cards, asides, nav,
//!   footers, cookie banners.
//!
//! Every collection is capped, so a hostile page costs bounded memory; no
//! recursion happens here, so nesting depth does not matter.

use std::cell::RefCell;
use std::ops::Range;
use std::rc::Rc;

use lol_html::html_content::{Element, EndTag, TextChunk, TextType};
use lol_html::{DocumentContentHandlers, ElementContentHandlers, HtmlRewriter, Selector, Settings};

use super::text::{clean, decode_entities, fragment_text, is_block};

/// What a marked element holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// An `<h1>`.
    H1,
    /// The job title.
    Title,
    /// The hiring organisation.
    Org,
    /// A location.
    Location,
    /// Employment type / commitment.
    Employment,
    /// Workplace type (remote / hybrid / on-site).
    Workplace,
    /// Department or team.
    Department,
    /// Posting date (absolute or relative).
    Posted,
    /// Published pay.
    Salary,
    /// The description block.
    Description,
    /// LinkedIn's "Org · Location · 3 days ago · N applicants" line.
    MetaLine,
    /// An image whose alt text names a logo.
    Logo,
}

/// Selector, key, and the source name recorded for fields it gives.
/// ATS-specific selectors first: for one key the first mark in this order
/// of sources wins, see [`Page::mark_text`].
const MARKS: &[(&str, Key, &str)] = &[
    // LinkedIn (guest and signed-in job views)
    (".top-card-layout__title, [class*=unified-top-card__job-title]", Key::Title, "linkedin"),
    (".topcard__org-name-link, [class*=unified-top-card__company-name]", Key::Org, "linkedin"),
    (".topcard__flavor--bullet", Key::Location, "linkedin"),
    (".posted-time-ago__text", Key::Posted, "linkedin"),
    ("[class*=unified-top-card__primary-description]", Key::MetaLine, "linkedin"),
    ("[class*=unified-top-card__job-insight]", Key::Employment, "linkedin"),
    (".description__text, [class*=jobs-description__content]", Key::Description, "linkedin"),
    // Lever
    (".posting-headline h2, .posting-header h2", Key::Title, "lever"),
    (".posting-categories .location", Key::Location, "lever"),
    (".posting-categories .commitment", Key::Employment, "lever"),
    (".posting-categories .department", Key::Department, "lever"),
    (".posting-categories .workplaceTypes", Key::Workplace, "lever"),
    ("[data-qa=job-description]", Key::Description, "lever"),
    // Greenhouse (classic boards and job-boards.greenhouse.io)
    (".app-title, .job__title h1", Key::Title, "greenhouse"),
    ("#header .company-name", Key::Org, "greenhouse"),
    ("#header .location, .job__location", Key::Location, "greenhouse"),
    (".job__description, #content .content-intro", Key::Description, "greenhouse"),
    // Workday
    ("[data-automation-id=jobPostingHeader]", Key::Title, "workday"),
    ("[data-automation-id=locations] dd", Key::Location, "workday"),
    ("[data-automation-id=time] dd", Key::Employment, "workday"),
    ("[data-automation-id=postedOn] dd", Key::Posted, "workday"),
    ("[data-automation-id=jobPostingDescription]", Key::Description, "workday"),
    // SmartRecruiters (its pages also carry microdata)
    (".job-title[itemprop=title]", Key::Title, "smartrecruiters"),
    ("spl-job-location", Key::Location, "smartrecruiters"),
    (".job-sections[itemprop=description]", Key::Description, "smartrecruiters"),
    // Recruitee (its pages also carry JSON-LD)
    ("[data-testid=job-title]", Key::Title, "recruitee"),
    ("[data-testid=job-location]", Key::Location, "recruitee"),
    // Workable
    ("[data-ui=job-title]", Key::Title, "workable"),
    ("[data-ui=job-location]", Key::Location, "workable"),
    ("[data-ui=job-type]", Key::Employment, "workable"),
    ("[data-ui=job-workplace]", Key::Workplace, "workable"),
    ("[data-ui=job-department]", Key::Department, "workable"),
    ("[data-ui=job-description]", Key::Description, "workable"),
    // Breezy
    (".banner .location", Key::Location, "breezy"),
    (".banner .type", Key::Employment, "breezy"),
    (".banner .salary-range", Key::Salary, "breezy"),
    (".description[itemprop], .position .description", Key::Description, "breezy"),
    // Generic class and id names
    ("h1", Key::H1, "h1"),
    ("[class*=job-title], [class*=jobTitle], [class*=job_title], [id*=JobTitle], [id*=jobTitle]", Key::Title, "class"),
    ("[class*=company-name], [class*=companyName], [class*=employer-name], [class*=hiring-company]", Key::Org, "class"),
    ("[class*=job-location], [class*=jobLocation], [class*=job_location]", Key::Location, "class"),
    ("[class*=salary], [class*=compensation], [class*=Salary]", Key::Salary, "class"),
    ("[class*=employment-type], [class*=job-type], [class*=jobType]", Key::Employment, "class"),
    (
        "[class*=description], [id*=description], [class*=job-details], [class*=job-content], [class*=posting-content], article, main, [role=main]",
        Key::Description,
        "class",
    ),
    ("img[alt$=Logo], img[alt$=logo], img[alt$=LOGO]", Key::Logo, "logo"),
];

/// Regions whose text and marks belong to other jobs or to the site chrome.
const NOISE: &str = "aside, nav, footer, [class*=similar], [class*=related], [class*=recommend], [class*=job-card], \
     [class*=base-card], [class*=people-also], [class*=more-jobs], [class*=other-jobs], [id*=similar], \
     [class*=cookie], [id*=cookie], [class*=consent], [id*=onetrust]";

/// Elements whose text is never visible (LinkedIn keeps megabytes of
/// entity-escaped JSON in hidden `<code>` blocks).
const SKIP: &str = "select, svg, template, [hidden], [style*='display: none'], [style*='display:none']";

/// Block elements: their boundaries break lines.
const BLOCKS: &str = "address, article, aside, blockquote, br, dd, div, dl, dt, fieldset, figcaption, figure, footer, form, \
     h1, h2, h3, h4, h5, h6, header, hr, li, main, nav, ol, p, pre, section, table, td, th, tr, ul, button, label";

/// The fixed selectors, in the order `scan_with` uses them, then [`MARKS`].
const FIXED: [&str; 7] = [BLOCKS, SKIP, NOISE, "title", "meta", "script, code", "[itemscope], [itemprop]"];

thread_local! {
    // Parsed once per thread: parsing ~60 selector lists costs more than
    // scanning a small page.
    static SELECTORS: Vec<Selector> =
        FIXED.iter().copied().chain(MARKS.iter().map(|(s, _, _)| *s)).map(|s| s.parse().expect("static selector")).collect();
}

/// Caps against hostile pages.
const MAX_MARKS_PER_SELECTOR: usize = 16;
const MAX_LINES: usize = 20_000;
const MAX_TEXT: usize = 2 << 20;
const MAX_SCRIPTS: usize = 64;
const MAX_ITEMS: usize = 4_096;
const MAX_PROPS: usize = 32_768;
const MAX_METAS: usize = 256;

/// A marked element: its content's byte range in the page.
#[derive(Debug, Clone)]
pub struct Mark {
    /// What it holds.
    pub key: Key,
    /// Which source's selector found it.
    pub source: &'static str,
    /// Content start (after the start tag).
    pub start: usize,
    /// Content end (the end tag's start), when the end tag was seen.
    pub end: Option<usize>,
    /// Inside a noise region.
    pub noise: bool,
    /// The visible line index where it starts.
    pub line: usize,
    /// An attribute value standing in for the text (`alt` of a logo).
    pub attr: Option<String>,
}

/// One line of visible text.
#[derive(Debug, Clone)]
pub struct Line {
    /// Entities decoded, whitespace collapsed.
    pub text: String,
    /// Inside a noise region.
    pub noise: bool,
}

/// A microdata property value.
#[derive(Debug, Clone)]
pub enum PropValue {
    /// From an attribute (`content`, `datetime`, `href`, ...).
    Attr(String),
    /// The element's text: a content range (end set when the end tag came).
    Text(usize, Option<usize>),
    /// A nested item.
    Item(usize),
}

/// One microdata item.
#[derive(Debug, Clone, Default)]
pub struct MicroItem {
    /// `itemtype` URLs.
    pub types: Vec<String>,
    /// Properties in document order.
    pub props: Vec<(String, PropValue)>,
    /// Whether it is nested as another item's property.
    pub nested: bool,
}

/// Everything the scan recorded about a page.
#[derive(Debug, Default)]
pub struct Page<'a> {
    /// The page itself.
    pub html: &'a str,
    /// `<title>` text.
    pub title: Option<String>,
    /// `(name or property, content)` of `<meta>` tags, names lower-cased.
    pub metas: Vec<(String, String)>,
    /// Contents of `application/ld+json` scripts.
    pub jsonld: Vec<Range<usize>>,
    /// Contents of other inline scripts and `<code>` blocks (app state).
    pub scripts: Vec<Range<usize>>,
    /// Marked elements.
    pub marks: Vec<Mark>,
    /// Visible text.
    pub lines: Vec<Line>,
    /// Microdata items.
    pub items: Vec<MicroItem>,
}

impl<'a> Page<'a> {
    /// The meta content for a name or property (lower-case).
    pub fn meta(&self, name: &str) -> Option<&str> {
        self.metas.iter().find(|(k, v)| k == name && !v.is_empty()).map(|(_, v)| v.as_str())
    }

    /// The content range of a mark, capped when its end tag was not seen.
    pub fn mark_range(&self, m: &Mark) -> Range<usize> {
        let cap = if m.key == Key::Description { 1 << 20 } else { 1 << 14 };
        let end = m.end.unwrap_or(m.start + cap).min(self.html.len()).max(m.start);
        m.start..end
    }

    /// The text of a mark.
    pub fn text_of(&self, m: &Mark) -> String {
        if let Some(a) = &m.attr {
            return a.clone();
        }
        let r = self.mark_range(m);
        self.html.get(r).map(fragment_text).unwrap_or_default()
    }

    /// Whether a mark holds at least `n` bytes of text, looking at no more
    /// of it than needed (description candidates can be most of the page).
    pub fn has_text(&self, m: &Mark, n: usize) -> bool {
        let r = self.mark_range(m);
        if r.len() < n {
            return false;
        }
        // A block whose first 64 KiB hold less text than that is markup or
        // hidden data, not a description.
        let mut end = (r.start + (n * 16).max(1 << 16)).min(r.end);
        while !self.html.is_char_boundary(end) {
            end += 1;
        }
        fragment_text(&self.html[r.start..end]).len() >= n
    }

    /// The first non-empty text of a non-noise mark with this key, and its
    /// source; ATS selectors come before generic ones.
    pub fn mark_text(&self, key: Key) -> Option<(String, &'static str)> {
        self.marks_of(key).find_map(|m| {
            let t = self.text_of(m);
            (!t.trim().is_empty()).then_some((t, m.source))
        })
    }

    /// Non-noise marks of a key, ATS sources first, then in document order.
    pub fn marks_of(&self, key: Key) -> impl Iterator<Item = &Mark> {
        let mut v: Vec<&Mark> = self.marks.iter().filter(|m| m.key == key && !m.noise).collect();
        v.sort_by_key(|m| (source_rank(m.source), m.start));
        v.into_iter()
    }

    /// The text of a script range.
    pub fn slice(&self, r: &Range<usize>) -> &'a str {
        self.html.get(r.clone()).unwrap_or("")
    }
}

fn source_rank(s: &str) -> usize {
    MARKS.iter().position(|(_, _, src)| *src == s).unwrap_or(usize::MAX)
}

#[derive(Default)]
struct State {
    page_marks: Vec<Mark>,
    per_selector: Vec<usize>,
    lines: Vec<Line>,
    cur: String,
    text_len: usize,
    skip: u32,
    noise: u32,
    title: Option<(usize, Option<usize>)>,
    metas: Vec<(String, String)>,
    jsonld: Vec<(usize, Option<usize>)>,
    scripts: Vec<(usize, Option<usize>)>,
    items: Vec<MicroItem>,
    item_stack: Vec<usize>,
    props: usize,
}

impl State {
    fn flush(&mut self) {
        if self.cur.trim().is_empty() {
            self.cur.clear();
            return;
        }
        if self.lines.len() < MAX_LINES
            && let Some(t) = clean(&self.cur)
        {
            self.text_len += t.len();
            self.lines.push(Line { text: t, noise: self.noise > 0 });
        }
        self.cur.clear();
    }
}

type Shared = Rc<RefCell<State>>;

fn content_start(el: &Element) -> usize {
    el.source_location().bytes().end
}

/// Runs `f` on the state when the element ends (or at once for a void
/// element).
fn on_end(el: &mut Element, st: &Shared, f: impl FnOnce(&mut State, usize) + 'static) {
    let st2 = st.clone();
    if let Some(h) = el.end_tag_handlers() {
        h.push(Box::new(move |end: &mut EndTag| {
            f(&mut st2.borrow_mut(), end.source_location().bytes().start);
            Ok(())
        }));
    } else {
        let at = content_start(el);
        f(&mut st.borrow_mut(), at);
    }
}

/// Scans a page once.
pub fn scan(html: &str) -> Page<'_> {
    SELECTORS.with(|sels| scan_with(html, sels))
}

fn scan_with<'a>(html: &'a str, sels: &[Selector]) -> Page<'a> {
    let st: Shared = Rc::new(RefCell::new(State { per_selector: vec![0; MARKS.len()], ..Default::default() }));
    let mut handlers: Vec<(&Selector, ElementContentHandlers)> = Vec::with_capacity(MARKS.len() + 8);
    let sel = |i: usize| &sels[i];

    // Block boundaries break lines; skip and noise regions nest.
    {
        let st = st.clone();
        handlers.push((
            sel(0),
            ElementContentHandlers::default().element(move |el: &mut Element| {
                st.borrow_mut().flush();
                on_end(el, &st, |s, _| s.flush());
                Ok(())
            }),
        ));
    }
    {
        let st = st.clone();
        handlers.push((
            sel(1),
            ElementContentHandlers::default().element(move |el: &mut Element| {
                st.borrow_mut().skip += 1;
                on_end(el, &st, |s, _| s.skip = s.skip.saturating_sub(1));
                Ok(())
            }),
        ));
    }
    {
        let st = st.clone();
        handlers.push((
            sel(2),
            ElementContentHandlers::default().element(move |el: &mut Element| {
                let mut s = st.borrow_mut();
                s.flush();
                s.noise += 1;
                drop(s);
                on_end(el, &st, |s, _| {
                    s.flush();
                    s.noise = s.noise.saturating_sub(1);
                });
                Ok(())
            }),
        ));
    }
    {
        let st = st.clone();
        handlers.push((
            sel(3),
            ElementContentHandlers::default().element(move |el: &mut Element| {
                if st.borrow().title.is_some() {
                    return Ok(());
                }
                st.borrow_mut().title = Some((content_start(el), None));
                on_end(el, &st, |s, at| {
                    if let Some((_, end @ None)) = &mut s.title {
                        *end = Some(at);
                    }
                });
                Ok(())
            }),
        ));
    }
    {
        let st = st.clone();
        handlers.push((
            sel(4),
            ElementContentHandlers::default().element(move |el: &mut Element| {
                let key = el.get_attribute("property").or_else(|| el.get_attribute("name"));
                if let (Some(k), Some(c)) = (key, el.get_attribute("content")) {
                    let mut s = st.borrow_mut();
                    if s.metas.len() < MAX_METAS {
                        s.metas.push((k.to_ascii_lowercase(), decode_entities(&c).trim().to_owned()));
                    }
                }
                Ok(())
            }),
        ));
    }
    {
        let st = st.clone();
        handlers.push((
            sel(5),
            ElementContentHandlers::default().element(move |el: &mut Element| {
                let ty = el.get_attribute("type").unwrap_or_default().to_ascii_lowercase();
                let ld = ty.contains("ld+json");
                let app = ty.is_empty() || ty.contains("javascript") || ty.contains("json");
                if !ld && !app {
                    return Ok(());
                }
                let start = content_start(el);
                let idx = {
                    let mut s = st.borrow_mut();
                    let list = if ld { &mut s.jsonld } else { &mut s.scripts };
                    if list.len() >= MAX_SCRIPTS {
                        return Ok(());
                    }
                    list.push((start, None));
                    list.len() - 1
                };
                on_end(el, &st, move |s, at| {
                    let list = if ld { &mut s.jsonld } else { &mut s.scripts };
                    list[idx].1 = Some(at);
                });
                Ok(())
            }),
        ));
    }
    // Microdata.
    {
        let st = st.clone();
        handlers.push((
            sel(6),
            ElementContentHandlers::default().element(move |el: &mut Element| {
                microdata_element(el, &st);
                Ok(())
            }),
        ));
    }
    for (i, (_, key, source)) in MARKS.iter().enumerate() {
        let st = st.clone();
        let (key, source) = (*key, *source);
        handlers.push((
            sel(FIXED.len() + i),
            ElementContentHandlers::default().element(move |el: &mut Element| {
                let mut s = st.borrow_mut();
                if s.per_selector[i] >= MAX_MARKS_PER_SELECTOR {
                    return Ok(());
                }
                s.per_selector[i] += 1;
                s.flush();
                let attr = (key == Key::Logo).then(|| el.get_attribute("alt")).flatten();
                let noise = s.noise > 0;
                let line = s.lines.len();
                s.page_marks.push(Mark { key, source, start: content_start(el), end: None, noise, line, attr });
                let idx = s.page_marks.len() - 1;
                drop(s);
                on_end(el, &st, move |s, at| s.page_marks[idx].end = Some(at));
                Ok(())
            }),
        ));
    }
    let text_st = st.clone();
    let doc = DocumentContentHandlers::default().text(move |t: &mut TextChunk| {
        if !matches!(t.text_type(), TextType::Data) {
            return Ok(());
        }
        let mut s = text_st.borrow_mut();
        if s.skip == 0 && s.text_len + s.cur.len() < MAX_TEXT {
            s.cur.push_str(t.as_str());
        }
        Ok(())
    });

    // Not strict: on the rare markup lol_html finds ambiguous it guesses
    // like a browser instead of stopping.
    let settings = handlers
        .into_iter()
        .fold(Settings::new().with_strict(false), |st, (s, h)| st.append_element_content_handler((std::borrow::Cow::Borrowed(s), h)))
        .append_document_content_handler(doc);
    let mut rw = HtmlRewriter::new(settings, |_: &[u8]| {});
    // A rewriting error (a parsing ambiguity lol_html refuses to guess
    // about) only stops the scan; what was recorded so far is still good.
    let _ = rw.write(html.as_bytes()).and_then(|_| rw.end());

    let mut s = Rc::try_unwrap(st).map(RefCell::into_inner).unwrap_or_else(|rc| std::mem::take(&mut *rc.borrow_mut()));
    s.flush();
    let close = |(a, b): (usize, Option<usize>)| a..b.unwrap_or(html.len()).min(html.len()).max(a);
    let title = s.title.map(close).and_then(|r| html.get(r)).and_then(clean);
    Page {
        html,
        title,
        metas: s.metas,
        jsonld: s.jsonld.into_iter().map(close).collect(),
        scripts: s.scripts.into_iter().map(close).collect(),
        marks: s.page_marks,
        lines: s.lines,
        items: s.items,
    }
}

fn microdata_element(el: &mut Element, st: &Shared) {
    let props: Vec<String> = el
        .get_attribute("itemprop")
        .map(|p| p.split_whitespace().map(str::to_owned).collect())
        .unwrap_or_default();
    let scope = el.has_attribute("itemscope");
    let mut s = st.borrow_mut();
    if s.items.len() >= MAX_ITEMS || s.props >= MAX_PROPS {
        return;
    }
    let parent = s.item_stack.last().copied();
    if scope {
        let types = el.get_attribute("itemtype").map(|t| t.split_whitespace().map(str::to_owned).collect()).unwrap_or_default();
        s.items.push(MicroItem { types, props: Vec::new(), nested: parent.is_some() && !props.is_empty() });
        let idx = s.items.len() - 1;
        if let Some(p) = parent {
            for name in props {
                s.props += 1;
                s.items[p].props.push((name, PropValue::Item(idx)));
            }
        }
        s.item_stack.push(idx);
        drop(s);
        on_end(el, st, |s, _| {
            s.item_stack.pop();
        });
        return;
    }
    let Some(p) = parent else { return };
    let tag = el.tag_name();
    let attr = |n: &str| el.get_attribute(n);
    let value = attr("content").or_else(|| match tag.as_str() {
        "meta" => Some(String::new()),
        "a" | "link" | "area" => attr("href"),
        "img" | "audio" | "video" | "source" | "iframe" | "embed" => attr("src"),
        "time" => attr("datetime"),
        "data" | "meter" => attr("value"),
        _ => None,
    });
    match value {
        Some(v) => {
            for name in props {
                s.props += 1;
                s.items[p].props.push((name, PropValue::Attr(decode_entities(&v).into_owned())));
            }
        }
        None => {
            let start = content_start(el);
            let mut slots = Vec::new();
            for name in props {
                s.props += 1;
                s.items[p].props.push((name, PropValue::Text(start, None)));
                slots.push(s.items[p].props.len() - 1);
            }
            drop(s);
            on_end(el, st, move |s, at| {
                for i in slots {
                    if let PropValue::Text(_, end) = &mut s.items[p].props[i].1 {
                        *end = Some(at);
                    }
                }
            });
        }
    }
}

/// Whether a tag name breaks lines (re-exported for the description code).
pub fn block(tag: &str) -> bool {
    is_block(tag)
}
