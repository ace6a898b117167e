//! The one pass over a page. A hand-written streaming tokenizer
//! ([`super::html`]; no DOM is built) records everything the extraction
//! sources need:
//!
//! - the `<title>`, `<meta>` pairs and JSON-LD / other inline script ranges;
//! - microdata items (`itemscope` / `itemprop`), nested;
//! - "marks": elements that ATS markup or generic class names identify as a
//!   title, location, salary, ... (byte ranges into the page, so nothing is
//!   copied until a source asks for it);
//! - the visible text as lines (block elements break lines, and so do
//!   abutting inline elements that are separate items, see
//!   [`super::text::pieces_apart`]), each flagged when it sits inside a
//!   "noise" region (similar-job cards, asides, nav, footers, cookie
//!   banners) or a `<form>`, and when all its text is a link's. Hidden
//!   elements (`[hidden]`, `display: none`, a `<dialog>` not `open`,
//!   `select`, `svg`, `template`, inline `aria-hidden` icon glyphs) and
//!   raw-text elements (`script`, `style`, `title`, ...) give no text;
//! - the blocks that description headings ("Job description", "职位描述")
//!   open, as a fallback description mark;
//! - the page's main content block, as the last fallback description mark:
//!   each paragraph of plain text scores the element holding it and, half,
//!   that element's parent, as Readability scores them, and the element
//!   with the highest score wins. Text in links, noise regions and form
//!   captions (`label`, `button`, `fieldset`) scores nothing, and so does a
//!   paragraph that opens with a link (a card of another job: "Account
//!   Executive в Railsware, Київ, віддалено"), so menus, lists of other
//!   jobs, footers and application questions never win. Text in a form scores
//!   nothing either (a form is the application), except on ASP.NET Web
//!   Forms pages (a `__VIEWSTATE` field), which wrap the whole page in one.
//!   An application page (a block a class names as the description, whose
//!   text is all form) gets none.
//!
//! Two marks are dropped when their element closes: a generic description
//! block that showed no prose (its text in a form, hidden, or all links),
//! and an `<h1>` with no text outside a link (a logo).
//!
//! The CSS selectors that used to drive a lol_html pass are matched here by
//! hand (see [`MARKS`] and `marks_of_element`): per element, one
//! Aho-Corasick pass over the `class` value finds every `[class*=...]`
//! substring, class tokens are matched with one `match`, and descendant
//! selectors (`.posting-categories .location`) read context bits inherited
//! down the open-element stack. An end tag closes the nearest open element
//! of its name and everything opened after it (as lol_html's stack does);
//! an element closed that way ends where that end tag starts.
//!
//! Every collection is capped, so a hostile page costs bounded memory; no
//! recursion happens here, and elements nested deeper than [`MAX_OPEN`]
//! are not tracked, so nesting depth costs nothing extra.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};

use super::html::{self, lower};
use super::text::{clean, decode_entities, fold, fragment_text, is_block, pieces_apart};

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

/// The marks: key and the source name recorded for fields it gives, in
/// the order the selectors were written (ATS-specific first: for one key
/// the first mark in this order of sources wins, see [`Page::mark_text`]).
/// `marks_of_element` implements the selector of each entry, by index:
///
/// | # | selector |
/// |---|---|
/// | 0 | `.top-card-layout__title, [class*=unified-top-card__job-title]` |
/// | 1 | `.topcard__org-name-link, [class*=unified-top-card__company-name]` |
/// | 2 | `.topcard__flavor--bullet` |
/// | 3 | `.posted-time-ago__text` |
/// | 4 | `[class*=unified-top-card__primary-description]` |
/// | 5 | `[class*=unified-top-card__job-insight]` |
/// | 6 | `.description__text, [class*=jobs-description__content]` |
/// | 7 | `.posting-headline h2, .posting-header h2` |
/// | 8–11 | `.posting-categories .location / .commitment / .department / .workplaceTypes` |
/// | 12 | `[data-qa=job-description]` |
/// | 13 | `.app-title, .job__title h1` |
/// | 14 | `#header .company-name` |
/// | 15 | `#header .location, .job__location` |
/// | 16 | `.job__description, #app_body #content, #content .content-intro` |
/// | 17 | `[data-automation-id=jobPostingHeader]` |
/// | 18–20 | `[data-automation-id=locations / time / postedOn] dd` |
/// | 21 | `[data-automation-id=jobPostingDescription]` |
/// | 22 | `.job-title[itemprop=title]` |
/// | 23 | `spl-job-location` |
/// | 24 | `.job-sections[itemprop=description]` |
/// | 25–26 | `[data-testid=job-title / job-location]` |
/// | 27–32 | `[data-ui=job-title / job-location / job-type / job-workplace / job-department / job-description]` |
/// | 33–35 | `.banner .location / .type / .salary-range` |
/// | 36 | `.description[itemprop], .position .description` |
/// | 37–43 | `[data-automation=job-detail-title / advertiser-name / job-detail-location / job-detail-work-type / job-detail-classifications / job-detail-salary / jobAdDetails]` |
/// | 44 | `h1` |
/// | 45 | `[class*=job-title], [class*=jobTitle], [class*=JobTitle], [class*=job_title], [id*=JobTitle], [id*=jobTitle]` |
/// | 46 | `[class*=company-name], [class*=companyName], [class*=employer-name], [class*=hiring-company], [class*=__company]` |
/// | 47 | `[class*=job-location], [class*=jobLocation], [class*=job_location]` |
/// | 48 | `[class*=salary], [class*=compensation], [class*=Salary]` |
/// | 49 | `[class*=employment-type], [class*=job-type], [class*=jobType]` |
/// | 50 | `[class*=description], [id*=description], [class*=job-details], [class*=job-content], [class*=posting-content], article, main, [role=main]` |
/// | 51 | `img[alt$=Logo], img[alt$=logo], img[alt$=LOGO]` |
/// | 52 | `.title` (the title step's last resort) |
/// | 53 | `a[href^="/company/"]`, `/companies/`, `/company-profile/`, `/cmp/`, `/employer/` (also after a locale segment: `/en/companies/`) |
/// | 54 | `.company img.company_logo[alt]` (WP Job Manager; the alt is the company's name) |
/// | 55–56 | `.job-listing-meta .job-type / .location` (WP Job Manager) |
/// | 57 | `.job-listing-meta .date-posted time[datetime]` (WP Job Manager) |
/// | 58 | `[data-sdui-component$=".aboutTheJob"] [data-testid=expandable-text-box]` (LinkedIn's server-driven UI) |
/// | 59 | `.job-sec-text` (BOSS Zhipin: the posting, without the share links, keyword tags and recruiter card around it) |
/// | 60 | `#jobDescriptionText` (Indeed: the posting, without the job's facts above it and the salary and career links below) |
/// | 61 | `[data-testid=inlineHeader-companyName]` (Indeed's header: the employer) |
///
/// Noise regions: `aside, nav, footer, [class*=similar], [class*=related],
/// [class*=recommend], [class*=job-card], [class*=base-card],
/// [class*=people-also], [class*=more-jobs], [class*=other-jobs],
/// [id*=similar], [class*=cookie], [id*=cookie], [class*=consent],
/// [id*=onetrust]`.
pub const MARKS: &[(Key, &str)] = &[
    (Key::Title, "linkedin"),
    (Key::Org, "linkedin"),
    (Key::Location, "linkedin"),
    (Key::Posted, "linkedin"),
    (Key::MetaLine, "linkedin"),
    (Key::Employment, "linkedin"),
    (Key::Description, "linkedin"),
    (Key::Title, "lever"),
    (Key::Location, "lever"),
    (Key::Employment, "lever"),
    (Key::Department, "lever"),
    (Key::Workplace, "lever"),
    (Key::Description, "lever"),
    (Key::Title, "greenhouse"),
    (Key::Org, "greenhouse"),
    (Key::Location, "greenhouse"),
    (Key::Description, "greenhouse"),
    (Key::Title, "workday"),
    (Key::Location, "workday"),
    (Key::Employment, "workday"),
    (Key::Posted, "workday"),
    (Key::Description, "workday"),
    (Key::Title, "smartrecruiters"),
    (Key::Location, "smartrecruiters"),
    (Key::Description, "smartrecruiters"),
    (Key::Title, "recruitee"),
    (Key::Location, "recruitee"),
    (Key::Title, "workable"),
    (Key::Location, "workable"),
    (Key::Employment, "workable"),
    (Key::Workplace, "workable"),
    (Key::Department, "workable"),
    (Key::Description, "workable"),
    (Key::Location, "breezy"),
    (Key::Employment, "breezy"),
    (Key::Salary, "breezy"),
    (Key::Description, "breezy"),
    (Key::Title, "seek"),
    (Key::Org, "seek"),
    (Key::Location, "seek"),
    (Key::Employment, "seek"),
    (Key::Department, "seek"),
    (Key::Salary, "seek"),
    (Key::Description, "seek"),
    (Key::H1, "h1"),
    (Key::Title, "class"),
    (Key::Org, "class"),
    (Key::Location, "class"),
    (Key::Salary, "class"),
    (Key::Employment, "class"),
    (Key::Description, "class"),
    (Key::Logo, "logo"),
    (Key::Title, "class-title"),
    (Key::Org, "company-link"),
    (Key::Org, "wpjobmanager"),
    (Key::Employment, "wpjobmanager"),
    (Key::Location, "wpjobmanager"),
    (Key::Posted, "wpjobmanager"),
    // Appended, so the indices above stay put: a source ranks where its
    // first entry is ("linkedin" first of all), and the ATS step passes
    // over the generic sources whatever their rank.
    (Key::Description, "linkedin"),
    (Key::Description, "bosszhipin"),
    (Key::Description, "indeed"),
    (Key::Org, "indeed"),
];

// `[class*=...]` substrings, as bits.
const S_UTC_TITLE: u32 = 1;
const S_UTC_ORG: u32 = 1 << 1;
const S_UTC_PRIMARY: u32 = 1 << 2;
const S_UTC_INSIGHT: u32 = 1 << 3;
const S_JOBS_DESC: u32 = 1 << 4;
const S_TITLE: u32 = 1 << 5;
const S_ORG: u32 = 1 << 6;
const S_LOC: u32 = 1 << 7;
const S_SALARY: u32 = 1 << 8;
const S_EMP: u32 = 1 << 9;
const S_DESC: u32 = 1 << 10;
const S_NOISE: u32 = 1 << 11;

const CLASS_SUBSTRINGS: &[(&str, u32)] = &[
    ("unified-top-card__job-title", S_UTC_TITLE),
    ("unified-top-card__company-name", S_UTC_ORG),
    ("unified-top-card__primary-description", S_UTC_PRIMARY),
    ("unified-top-card__job-insight", S_UTC_INSIGHT),
    ("jobs-description__content", S_JOBS_DESC),
    ("job-title", S_TITLE),
    ("jobTitle", S_TITLE),
    // iCIMS's classic portal: `iCIMS_Header_JobTitle`.
    ("JobTitle", S_TITLE),
    ("job_title", S_TITLE),
    ("company-name", S_ORG),
    ("companyName", S_ORG),
    ("employer-name", S_ORG),
    ("hiring-company", S_ORG),
    // A BEM element named company ("jix-toolbar-top__company",
    // "job-header__company"); blocks of prose under that name are too long
    // to count as a name.
    ("__company", S_ORG),
    ("job-location", S_LOC),
    ("jobLocation", S_LOC),
    ("job_location", S_LOC),
    ("salary", S_SALARY),
    ("compensation", S_SALARY),
    ("Salary", S_SALARY),
    ("employment-type", S_EMP),
    ("job-type", S_EMP),
    ("jobType", S_EMP),
    ("description", S_DESC),
    ("job-details", S_DESC),
    ("job-content", S_DESC),
    ("posting-content", S_DESC),
    // Noise regions.
    ("similar", S_NOISE),
    ("related", S_NOISE),
    ("recommend", S_NOISE),
    ("job-card", S_NOISE),
    ("base-card", S_NOISE),
    ("people-also", S_NOISE),
    ("more-jobs", S_NOISE),
    ("other-jobs", S_NOISE),
    ("cookie", S_NOISE),
    ("consent", S_NOISE),
];

// Leftmost-longest with a prefilter (most class values match nothing, and
// the prefilter skips them at memchr speed). `class_bits` restarts one byte
// after each match's start, so every occurrence is found, as an
// overlapping search would (no pattern is a prefix of another).
static CLASS_AC: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(CLASS_SUBSTRINGS.iter().map(|(s, _)| s))
        .expect("static patterns")
});

// `[id*=...]` substrings, as bits (the `S_` bits they stand for).
const ID_SUBSTRINGS: &[(&str, u32)] = &[
    ("JobTitle", S_TITLE),
    ("jobTitle", S_TITLE),
    ("description", S_DESC),
    ("similar", S_NOISE),
    ("cookie", S_NOISE),
    ("onetrust", S_NOISE),
];

static ID_AC: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(ID_SUBSTRINGS.iter().map(|(s, _)| s))
        .expect("static patterns")
});

/// Every substring of `patterns` in `hay`, as bits: leftmost-longest
/// search restarted one byte after each match's start, so overlapping
/// occurrences count too (no pattern is a prefix of another).
fn substring_bits(ac: &AhoCorasick, patterns: &[(&str, u32)], hay: &str) -> u32 {
    let mut bits = 0;
    let mut from = 0;
    while let Some(m) = ac.find(aho_corasick::Input::new(hay).span(from..hay.len())) {
        bits |= patterns[m.pattern().as_usize()].1;
        from = m.start() + 1;
    }
    bits
}

// Class tokens (`.x`), as bits.
const T_TOP_CARD_TITLE: u32 = 1;
const T_TOPCARD_ORG: u32 = 1 << 1;
const T_TOPCARD_BULLET: u32 = 1 << 2;
const T_POSTED_AGO: u32 = 1 << 3;
const T_DESCRIPTION_TEXT: u32 = 1 << 4;
const T_POSTING_HEAD: u32 = 1 << 5;
const T_POSTING_CATEGORIES: u32 = 1 << 6;
const T_LOCATION: u32 = 1 << 7;
const T_COMMITMENT: u32 = 1 << 8;
const T_DEPARTMENT: u32 = 1 << 9;
const T_WORKPLACE_TYPES: u32 = 1 << 10;
const T_APP_TITLE: u32 = 1 << 11;
const T_JOB_TITLE_BEM: u32 = 1 << 12;
const T_COMPANY_NAME: u32 = 1 << 13;
const T_JOB_LOCATION_BEM: u32 = 1 << 14;
const T_JOB_DESCRIPTION_BEM: u32 = 1 << 15;
const T_CONTENT_INTRO: u32 = 1 << 16;
const T_JOB_TITLE: u32 = 1 << 17;
const T_JOB_SECTIONS: u32 = 1 << 18;
const T_BANNER: u32 = 1 << 19;
const T_TYPE: u32 = 1 << 20;
const T_SALARY_RANGE: u32 = 1 << 21;
const T_DESCRIPTION: u32 = 1 << 22;
const T_POSITION: u32 = 1 << 23;
const T_TITLE: u32 = 1 << 24;
const T_JOB_LISTING_META: u32 = 1 << 25;
const T_COMPANY: u32 = 1 << 26;
const T_COMPANY_LOGO: u32 = 1 << 27;
const T_JOB_TYPE: u32 = 1 << 28;
const T_DATE_POSTED: u32 = 1 << 29;
const T_JOB_SEC_TEXT: u32 = 1 << 30;

static CLASS_TOKENS: LazyLock<html::NameTable> = LazyLock::new(|| {
    html::NameTable::new(&[
        ("top-card-layout__title", T_TOP_CARD_TITLE),
        ("topcard__org-name-link", T_TOPCARD_ORG),
        ("topcard__flavor--bullet", T_TOPCARD_BULLET),
        ("posted-time-ago__text", T_POSTED_AGO),
        ("description__text", T_DESCRIPTION_TEXT),
        ("posting-headline", T_POSTING_HEAD),
        ("posting-header", T_POSTING_HEAD),
        ("posting-categories", T_POSTING_CATEGORIES),
        ("location", T_LOCATION),
        ("commitment", T_COMMITMENT),
        ("department", T_DEPARTMENT),
        ("workplaceTypes", T_WORKPLACE_TYPES),
        ("app-title", T_APP_TITLE),
        ("job__title", T_JOB_TITLE_BEM),
        ("company-name", T_COMPANY_NAME),
        ("job__location", T_JOB_LOCATION_BEM),
        ("job__description", T_JOB_DESCRIPTION_BEM),
        ("content-intro", T_CONTENT_INTRO),
        ("job-title", T_JOB_TITLE),
        ("job-sections", T_JOB_SECTIONS),
        ("banner", T_BANNER),
        ("type", T_TYPE),
        ("salary-range", T_SALARY_RANGE),
        ("description", T_DESCRIPTION),
        ("position", T_POSITION),
        ("title", T_TITLE),
        ("job-listing-meta", T_JOB_LISTING_META),
        ("company", T_COMPANY),
        ("company_logo", T_COMPANY_LOGO),
        ("job-type", T_JOB_TYPE),
        ("date-posted", T_DATE_POSTED),
        ("job-sec-text", T_JOB_SEC_TEXT),
    ])
});

// Attribute names the scan reads, as indices into `Attrs`.
const ATTR_NAMES: &[&str] = &[
    "class",
    "id",
    "style",
    "hidden",
    "itemscope",
    "itemprop",
    "itemtype",
    "type",
    "property",
    "name",
    "content",
    "href",
    "src",
    "datetime",
    "value",
    "alt",
    "role",
    "data-qa",
    "data-automation-id",
    "data-testid",
    "data-ui",
    "data-automation",
    "aria-hidden",
    "data-component",
    "data-props",
    "data-sdui-component",
    "open",
];

static ATTR_TABLE: LazyLock<html::NameTable> = LazyLock::new(|| {
    html::NameTable::new(&ATTR_NAMES.iter().enumerate().map(|(i, n)| (*n, i as u32 + 1)).collect::<Vec<_>>())
});

// Context bits: an ancestor matched the left side of a descendant selector.
const C_POSTING_HEAD: u16 = 1;
const C_POSTING_CATEGORIES: u16 = 1 << 1;
const C_JOB_TITLE_BEM: u16 = 1 << 2;
const C_HEADER_ID: u16 = 1 << 3;
const C_CONTENT_ID: u16 = 1 << 4;
const C_DA_LOCATIONS: u16 = 1 << 5;
const C_DA_TIME: u16 = 1 << 6;
const C_DA_POSTED_ON: u16 = 1 << 7;
const C_BANNER: u16 = 1 << 8;
const C_POSITION: u16 = 1 << 9;
const C_APP_BODY_ID: u16 = 1 << 10;
const C_WPJM_META: u16 = 1 << 11;
const C_WPJM_COMPANY: u16 = 1 << 12;
const C_WPJM_DATE: u16 = 1 << 13;
const C_LI_ABOUT_JOB: u16 = 1 << 14;

// Ids of `html::TAG_IDS`.
const TAG_TITLE: u32 = 1;
const TAG_META: u32 = 2;
const TAG_SCRIPT: u32 = 3;
const TAG_CODE: u32 = 4;
const TAG_H1: u32 = 5;
const TAG_H2: u32 = 6;
const TAG_DD: u32 = 7;
const TAG_IMG: u32 = 8;
const TAG_ARTICLE: u32 = 9;
const TAG_MAIN: u32 = 10;
const TAG_SPL_JOB_LOCATION: u32 = 11;
const TAG_SELECT: u32 = 12;
const TAG_SVG: u32 = 13;
const TAG_TEMPLATE: u32 = 14;
const TAG_ASIDE: u32 = 15;
const TAG_NAV: u32 = 16;
const TAG_FOOTER: u32 = 17;
const TAG_A: u32 = 18;
const TAG_H3: u32 = 19;
const TAG_H4: u32 = 20;
const TAG_H5: u32 = 21;
const TAG_DT: u32 = 22;
const TAG_FORM: u32 = 23;
const TAG_LABEL: u32 = 24;
const TAG_BUTTON: u32 = 25;
const TAG_FIELDSET: u32 = 26;
const TAG_TIME: u32 = 27;
const TAG_BODY: u32 = 28;
const TAG_HTML: u32 = 29;
const TAG_DIALOG: u32 = 30;

/// The index of `h1` in [`MARKS`].
const MARK_H1: usize = 44;

/// Caps against hostile pages (per selector, inside noise regions and
/// outside them).
const MAX_MARKS_PER_SELECTOR: usize = 16;
const MAX_LINES: usize = 20_000;
/// The least score a main content block needs (see
/// [`State::score_paragraph`]): about three paragraphs of prose, so a page
/// of a few labels and a footer sentence has none.
const MIN_CONTENT_SCORE: u32 = 100;
/// The least prose (bytes) a generic description block holds: as much as
/// the description fallback asks of any block.
const MIN_PROSE: usize = 150;
const MAX_TEXT: usize = 2 << 20;
const MAX_SCRIPTS: usize = 64;
const MAX_ITEMS: usize = 4_096;
const MAX_PROPS: usize = 32_768;
const MAX_METAS: usize = 256;
/// Elements nested deeper are tokenized but not tracked, so an end tag
/// looks at most this far down the stack.
pub const MAX_OPEN: usize = 1_024;

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
    /// All its text is a link's (a menu item, a breadcrumb), so it is no
    /// label: "Locations" in a careers site's menu labels nothing.
    pub link: bool,
    /// Inside a `<form>`: a field's label ("Location", "Company", "Salary
    /// expectations") asks, it does not tell.
    pub form: bool,
    /// Where its first text that is not whitespace starts in the page (a
    /// byte offset).
    pub at: usize,
}

impl Line {
    /// The page's own text: not in a noise region, not all link text (a
    /// menu), not in a form (the application's questions).
    pub fn shown(&self) -> bool {
        !self.noise && !self.link && !self.form
    }
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
    /// An ASP.NET Web Forms page (`__VIEWSTATE`): one `<form>` wraps it
    /// all, so being in a form says nothing of a text.
    pub web_forms: bool,
    /// The `data-props` of the page's `data-component="PublicApp"` element:
    /// Recruitee's career site renders its React app on the server and
    /// keeps the app's state there, as JSON with its quotes written
    /// `&quot;` (entities not decoded).
    pub component_props: Option<&'a str>,
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

    /// The page's own visible lines: not in a noise region, not all link
    /// text (a menu), not in a form (the application's questions).
    pub fn shown_lines(&self) -> impl Iterator<Item = &str> {
        self.lines.iter().filter(|l| l.shown()).map(|l| l.text.as_str())
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
        // hidden data, not a description. Most blocks show their text in
        // the first few KiB, so read growing prefixes rather than 64 KiB at
        // once. A prefix ends before a `<`, so it does not cut a tag (whose
        // rest would read as text).
        let limit = (n * 16).max(1 << 16);
        let mut window = (n * 16).max(4 << 10);
        loop {
            let mut end = (r.start + window.min(limit)).min(r.end);
            if end < r.end {
                end = memchr::memrchr(b'<', &self.html.as_bytes()[r.start..end])
                    .filter(|&i| i > 0)
                    .map_or(end, |i| r.start + i);
            }
            while !self.html.is_char_boundary(end) {
                end += 1;
            }
            if fragment_text(&self.html[r.start..end]).len() >= n {
                return true;
            }
            if end == r.end || window >= limit {
                return false;
            }
            window *= 4;
        }
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
    MARKS.iter().position(|(_, src)| *src == s).unwrap_or(usize::MAX)
}

/// What happens when an open element closes.
#[derive(Debug, Clone, Copy)]
enum Act {
    Mark(usize),
    /// An `<h1>` mark, and the count of plain-text pieces when it opened:
    /// one with none of its own is all link (see [`State::close`]).
    H1 {
        mark: usize,
        plain_at: usize,
    },
    /// A generic description mark, and the page's prose bytes when it
    /// opened (see [`State::prose`]).
    Prose {
        mark: usize,
        prose_at: usize,
        text_at: usize,
    },
    Title,
    Script {
        ld: bool,
        idx: usize,
    },
    ItemPop,
    PropText {
        item: usize,
        prop: usize,
    },
}

const OWN_BLOCK: u8 = 1;
const OWN_SKIP: u8 = 1 << 1;
const OWN_NOISE: u8 = 1 << 2;
const OWN_LINK: u8 = 1 << 3;
/// A heading that may open a description (see [`description_heading`]).
const OWN_HEADING: u8 = 1 << 4;
const OWN_FORM: u8 = 1 << 5;
/// A form control's caption or group (`label`, `button`, `fieldset`): its
/// text is a question or an action, never the content block's.
const OWN_CONTROL: u8 = 1 << 6;

/// One open element.
#[derive(Debug, Clone, Copy)]
struct Open {
    /// Its name's byte range in the page.
    name: (usize, usize),
    /// Context bits for its descendants (its own and its ancestors').
    ctx: u16,
    own: u8,
    /// Its close actions are `acts[acts_from..]` while it is on top.
    acts_from: usize,
    /// Where its content starts.
    content: usize,
    /// The index of the next line when it opened.
    line: usize,
    /// Its content-block scores (see [`State::score_paragraph`]): of text
    /// outside forms, and of all text.
    score: u32,
    score_all: u32,
}

#[derive(Default)]
struct State<'a> {
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
    open: Vec<Open>,
    /// Open elements per [`name_bucket`]: an end tag whose bucket is empty
    /// matches nothing and costs no stack search (a page of stray end tags
    /// under a deep stack would otherwise be quadratic).
    open_names: Vec<u32>,
    acts: Vec<Act>,
    /// An end tag was the last thing read (no text since, not even
    /// whitespace).
    abut: bool,
    /// An inline element opened right after one closed; see [`State::text`].
    row_break: bool,
    /// Open `<a>` elements.
    links: u32,
    /// Open `<form>` elements.
    forms: u32,
    /// The current line has text outside any link.
    plain: bool,
    /// Where the current line's first text that is not whitespace starts
    /// in the page.
    cur_at: usize,
    /// The current line's first text is a link's: a card of another page
    /// ("Account Executive в Railsware, Київ, віддалено" under "Hot
    /// jobs") or a menu item, which scores no content block.
    link_first: bool,
    /// Lines so far that hold text outside any link (counted when the
    /// current line first gets some). An `<h1>` opens a line, so one that
    /// closes with the count unchanged had none of its own.
    plain_pieces: usize,
    /// Bytes of the page's prose so far: lines outside noise regions and
    /// links, and outside forms but on Web Forms pages. A generic
    /// description block with text but less than [`MIN_PROSE`] of prose is
    /// an application form ("Autofill application", EEO questions) or a
    /// menu.
    prose: usize,
    /// A block a class names as the description held text but no prose:
    /// the page is an application form, whose other text (privacy notes, EEO
    /// statements) is no description either, so it gets no content block.
    application: bool,
    /// Marks made by [`description_heading`].
    heading_marks: usize,
    /// [`class_bits`] per distinct `class` value: markup-heavy pages repeat
    /// a few hundred values on a thousand elements (LinkedIn: 1,227 values,
    /// 336 distinct, a quarter of the page's bytes), and the substring
    /// search over each was an eighth of the scan.
    class_cache: HashMap<&'a str, (u32, u32), foldhash::fast::RandomState>,
    /// Open `label`, `button` and `fieldset` elements.
    controls: u32,
    /// The highest-scoring content blocks so far, counting text outside
    /// forms and counting all text: (content start, end, first line, score).
    best_block: [Option<(usize, usize, usize, u32)>; 2],
    /// An ASP.NET Web Forms page: one `<form>` wraps it all.
    web_forms: bool,
    /// See [`Page::component_props`].
    component_props: Option<&'a str>,
}

/// A bucket of a tag name, ASCII-case-insensitive.
fn name_bucket(name: &[u8]) -> usize {
    match name {
        [] => 0,
        [f, .., l] => {
            (name.len() * 31 + usize::from(f.to_ascii_lowercase()) * 7 + usize::from(l.to_ascii_lowercase())) & 255
        }
        [f] => (31 + usize::from(f.to_ascii_lowercase()) * 8) & 255,
    }
}

impl<'a> State<'a> {
    /// [`class_bits`], once per distinct value. The cache is bounded so a
    /// page of endless distinct values costs memory no larger than this.
    fn class_bits(&mut self, class: &'a str) -> (u32, u32) {
        const MAX_CACHED: usize = 4096;
        if let Some(&bits) = self.class_cache.get(class) {
            return bits;
        }
        let bits = class_bits(class);
        if self.class_cache.len() < MAX_CACHED {
            self.class_cache.insert(class, bits);
        }
        bits
    }

    fn flush(&mut self) {
        // Most flushes (every block boundary) hold only the indentation
        // between tags.
        if self.cur.bytes().all(|b| b.is_ascii_whitespace()) {
            self.cur.clear();
            self.plain = false;
            self.link_first = false;
            return;
        }
        if self.lines.len() < MAX_LINES
            && let Some(t) = clean(&self.cur)
        {
            self.text_len += t.len();
            let line =
                Line { text: t, noise: self.noise > 0, link: !self.plain, form: self.forms > 0, at: self.cur_at };
            if !line.noise && !line.link && !self.link_first && self.controls == 0 {
                self.score_paragraph(&line.text, line.form);
            }
            if !line.noise && !line.link && (!line.form || self.web_forms) {
                self.prose += line.text.len();
            }
            self.lines.push(line);
        }
        self.cur.clear();
        self.plain = false;
        self.link_first = false;
    }

    /// A paragraph of plain text scores the innermost open element and,
    /// half, its parent (for a paragraph that ends with its own element,
    /// `<p>…</p>`, its parent and grandparent, as Readability scores one):
    /// one point, one per comma (up to ten), one per hundred bytes (up to
    /// three), in tenths. Readability's weights, which favour the block of
    /// prose over a block of short labels.
    fn score_paragraph(&mut self, text: &str, in_form: bool) {
        if text.len() < 25 {
            return;
        }
        let commas = text.bytes().filter(|&b| b == b',').count() + text.matches(['，', '、']).count();
        let points = u32::try_from(10 + 10 * commas.min(10) + (text.len() / 10).min(30)).unwrap_or(0);
        let n = self.open.len();
        for (depth, share) in [(1, points), (2, points / 2)] {
            if let Some(o) = n.checked_sub(depth).and_then(|i| self.open.get_mut(i)) {
                o.score_all += share;
                if !in_form {
                    o.score += share;
                }
            }
        }
    }

    #[inline]
    fn text(&mut self, t: &str, at: usize) {
        self.abut = false;
        if std::mem::take(&mut self.row_break) && self.skip == 0 {
            self.row_break(t);
        }
        if self.skip == 0 && self.text_len + self.cur.len() < MAX_TEXT {
            // The line's first text decides `plain` or `link_first`; once
            // either is set, link text is not looked at again.
            if !self.plain && (self.links == 0 || !self.link_first) && !t.bytes().all(|b| b.is_ascii_whitespace()) {
                if !self.link_first {
                    self.cur_at = at;
                }
                if self.links == 0 {
                    self.plain = true;
                    self.plain_pieces += 1;
                } else {
                    self.link_first = true;
                }
            }
            self.cur.push_str(t);
        }
    }

    /// Text that follows an inline element abutting the one before it.
    #[cold]
    #[inline(never)]
    fn row_break(&mut self, t: &str) {
        // Inline elements that abut with no space between them may be
        // laid out apart by the page's style: a flex row of "San Mateo,
        // CA" / "Engineering" / "ID: 5156" would otherwise glue into
        // "…United StatesEngineeringID: 5156", so each starts a line;
        // see [`pieces_apart`] for the pieces that stay one phrase.
        // Entities are decoded when the line is; "&mdash;" is common here.
        let prev = self.cur.trim_end();
        let prev = match prev.rfind('&').filter(|_| prev.ends_with(';')) {
            Some(amp) => decode_entities(&prev[amp..]).chars().next_back(),
            None => prev.chars().next_back(),
        };
        let next = t.trim_start();
        let next = if next.starts_with('&') { decode_entities(next.get(..12).unwrap_or(next)) } else { next.into() };
        let one_phrase = match (prev, next.chars().next()) {
            (Some(p), Some(c)) => !pieces_apart(p, c).unwrap_or(true),
            _ => false,
        };
        if !one_phrase {
            self.flush();
        }
    }

    /// Runs an element's close actions; `at` is where its content ends.
    fn close(&mut self, o: Open, at: usize) {
        // The element's last line first, so its own prose is counted.
        if o.own & OWN_BLOCK != 0 {
            self.flush();
        }
        for i in o.acts_from..self.acts.len() {
            match self.acts[i] {
                Act::Mark(m) => self.page_marks[m].end = Some(at),
                Act::Prose { mark, prose_at, text_at } => {
                    self.page_marks[mark].end = Some(at);
                    // No prose shown (a hidden EEO block is no more a
                    // description than a short one); text but no prose is
                    // a form's.
                    if self.prose - prose_at < MIN_PROSE {
                        self.page_marks[mark].noise = true;
                        self.application |= self.text_len - text_at >= MIN_PROSE;
                    }
                }
                Act::H1 { mark, plain_at } => {
                    self.page_marks[mark].end = Some(at);
                    // `<h1><a href="/"><span class="blind">고용24</span></a></h1>`:
                    // a heading that is all link is the site's logo, as one
                    // inside a link is.
                    if self.plain_pieces == plain_at {
                        // It then counts with the noise marks, so that a
                        // portal's menu of 16 linked h1s does not use up the
                        // page's own (while the noise count has room, which
                        // keeps both bounded).
                        let (page, noise) = (MARK_H1, MARKS.len() + MARK_H1);
                        if !self.page_marks[mark].noise && self.per_selector[noise] < MAX_MARKS_PER_SELECTOR {
                            self.per_selector[page] -= 1;
                            self.per_selector[noise] += 1;
                        }
                        self.page_marks[mark].noise = true;
                    }
                }
                Act::Title => {
                    if let Some((_, end @ None)) = &mut self.title {
                        *end = Some(at);
                    }
                }
                Act::Script { ld, idx } => {
                    let list = if ld { &mut self.jsonld } else { &mut self.scripts };
                    list[idx].1 = Some(at);
                }
                Act::ItemPop => {
                    self.item_stack.pop();
                }
                Act::PropText { item, prop } => {
                    if let PropValue::Text(_, end) = &mut self.items[item].props[prop].1 {
                        *end = Some(at);
                    }
                }
            }
        }
        self.acts.truncate(o.acts_from);
        if o.own & OWN_SKIP != 0 {
            self.skip = self.skip.saturating_sub(1);
        }
        if o.own & OWN_LINK != 0 {
            self.links = self.links.saturating_sub(1);
        }
        if o.own & OWN_FORM != 0 {
            self.forms = self.forms.saturating_sub(1);
        }
        if o.own & OWN_NOISE != 0 {
            self.flush();
            self.noise = self.noise.saturating_sub(1);
        }
        if o.own & OWN_CONTROL != 0 {
            self.controls = self.controls.saturating_sub(1);
        }
        for (best, score) in self.best_block.iter_mut().zip([o.score, o.score_all]) {
            if self.noise > 0 {
                continue;
            }
            let holds = |b: (usize, usize, usize, u32)| o.content <= b.0 && at >= b.1;
            match *best {
                Some(b) if score > b.3 => *best = Some((o.content, at, o.line, score)),
                // An element that holds the best block and scores three
                // quarters of it holds more of the same prose: two lists
                // under their headings ("Responsibilities:" /
                // "Requirements:"), which each score their own list and,
                // half, this parent. Readability adds such siblings.
                Some(b) if holds(b) && score > 0 && score * 4 >= b.3 * 3 => *best = Some((o.content, at, o.line, b.3)),
                None if score > 0 => *best = Some((o.content, at, o.line, score)),
                _ => {}
            }
        }
    }
}

/// Scans a page once.
pub fn scan(html: &str) -> Page<'_> {
    let mut s = State { per_selector: vec![0; 2 * MARKS.len()], open_names: vec![0; 256], ..Default::default() };
    let b = html.as_bytes();
    let n = b.len();
    let mut attrs: Vec<(&str, &str)> = Vec::with_capacity(16);
    let mut pos = if html.starts_with('\u{FEFF}') { 3 } else { 0 };
    while pos < n {
        let lt = html::next_lt(b, pos);
        if lt > pos {
            s.text(&html[pos..lt], pos);
        }
        if lt >= n {
            break;
        }
        pos = match b.get(lt + 1) {
            Some(b'!') if b[lt + 2..].starts_with(b"--") => html::comment_end(b, lt + 4),
            Some(b'!' | b'?') => html::after_gt(b, lt + 1),
            Some(b'/') => match b.get(lt + 2) {
                Some(c) if c.is_ascii_alphabetic() => {
                    let (name, after) = html::end_tag(html, lt);
                    end_element(&mut s, html, name, lt);
                    after
                }
                _ => html::after_gt(b, lt + 2),
            },
            Some(c) if c.is_ascii_alphabetic() => {
                // An unterminated tag at the end of input is dropped.
                let Some(tag) = html::start_tag(html, lt, &mut attrs) else { break };
                let mut buf = [0u8; 24];
                let name = lower(tag.name, &mut buf).unwrap_or("");
                // Links do not nest: a browser closes an open `<a>` at the
                // next one (the adoption agency), so an anchor left
                // unclosed (`<a name="top">` on old pages) does not make
                // the rest of the page one link.
                if name == "a" {
                    end_element(&mut s, html, "a", lt);
                }
                start_element(
                    &mut s,
                    name,
                    tag.name,
                    (lt + 1, lt + 1 + tag.name.len()),
                    &attrs,
                    tag.end,
                    tag.self_closing,
                );
                if html::raw_text(name) {
                    // Raw text is never visible; it ends at its own end tag.
                    let close = html::raw_text_end(b, tag.end, name);
                    let (ename, after) = if close < n { html::end_tag(html, close) } else { (tag.name, n) };
                    end_element(&mut s, html, ename, close);
                    after
                } else {
                    tag.end
                }
            }
            _ => {
                s.text("<", lt);
                lt + 1
            }
        };
    }
    // Whatever is still open ends with the page.
    while let Some(o) = s.open.pop() {
        s.close(o, n);
    }
    s.flush();
    if let Some((start, end, line, score)) = s.best_block[usize::from(s.web_forms)]
        && score >= MIN_CONTENT_SCORE
        && !s.application
    {
        let m =
            Mark { key: Key::Description, source: "content", start, end: Some(end), noise: false, line, attr: None };
        s.page_marks.push(m);
    }
    let close = |(a, b): (usize, Option<usize>)| a..b.unwrap_or(n).min(n).max(a);
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
        web_forms: s.web_forms,
        component_props: s.component_props,
    }
}

/// An end tag: closes the nearest open element of that name and every
/// element opened after it; with no such open element it does nothing.
fn end_element(s: &mut State, html: &str, name: &str, at: usize) {
    let (b, nb) = (html.as_bytes(), name.as_bytes());
    if s.open_names[name_bucket(nb)] == 0 {
        return;
    }
    let Some(idx) = s.open.iter().rposition(|o| b[o.name.0..o.name.1].eq_ignore_ascii_case(nb)) else { return };
    while s.open.len() > idx {
        let Some(o) = s.open.pop() else { break };
        let bucket = name_bucket(&b[o.name.0..o.name.1]);
        s.open_names[bucket] = s.open_names[bucket].saturating_sub(1);
        s.close(o, at);
        description_heading(s, html, &o, at);
    }
    s.abut = true;
}

/// Headings that open a job's description, as pages write them (accented
/// and not: the prefilter below reads the raw heading).
const DESCRIPTION_HEADINGS: &[&str] = &[
    "job description",
    "description",
    "about the job",
    "about the role",
    "the role",
    "role description",
    "position description",
    "job summary",
    "position summary",
    "job details",
    "stellenbeschreibung",
    "description du poste",
    "descriptif du poste",
    "descripción del puesto",
    "descripcion del puesto",
    "descripción de la vacante",
    "descripcion de la vacante",
    "descrição da vaga",
    "descricao da vaga",
    "descrizione del lavoro",
    "functieomschrijving",
    "职位描述",
    "职位介绍",
    "职位详情",
    "岗位职责",
    "工作职责",
    "工作内容",
    "职位信息",
    "岗位描述",
    "工作描述",
    "仕事内容",
    "業務内容",
    "募集要項",
    "담당업무",
    "주요업무",
    "업무내용",
    "opis stanowiska",
];

/// Any of [`DESCRIPTION_HEADINGS`] in a heading's raw content: most
/// headings are none, and reading their text (tags, entities, folding) for
/// every `<h3>` of a LinkedIn page cost a visible share of the scan.
static HEADING_AC: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder().ascii_case_insensitive(true).build(DESCRIPTION_HEADINGS).expect("static patterns")
});

/// [`DESCRIPTION_HEADINGS`] folded, as a heading's text is compared.
static HEADINGS_FOLDED: LazyLock<Vec<String>> =
    LazyLock::new(|| DESCRIPTION_HEADINGS.iter().map(|h| fold(h)).collect());

/// Heading marks a page may have: the first few are what the fallback uses.
const MAX_HEADING_MARKS: usize = 8;

/// A heading that opens a description ("职位描述", "Job description")
/// marks its parent as one: the fallback where no element is marked by its
/// class (BOSS, Lagou, Liepin).
fn description_heading(s: &mut State, html: &str, o: &Open, at: usize) {
    if o.own & OWN_HEADING == 0 || s.heading_marks >= MAX_HEADING_MARKS || at.saturating_sub(o.content) > 300 {
        return;
    }
    let raw = html.get(o.content..at).unwrap_or("");
    if !HEADING_AC.is_match(raw) {
        return;
    }
    let heading = fold(&fragment_text(raw));
    if !HEADINGS_FOLDED.contains(&heading) {
        return;
    }
    // The parent, and the grandparent for a heading wrapped on its own
    // (BOSS: `<div class="detail-content-header"><h3>职位描述</h3></div>`
    // and the text after it). The fallback takes the first of them that
    // holds text, so the parent when it is the whole block.
    let n = s.open.len();
    for depth in 1..=2 {
        let Some(anc) = n.checked_sub(depth).and_then(|i| s.open.get(i)) else { break };
        let name = &html[anc.name.0..anc.name.1];
        if name.eq_ignore_ascii_case("body") || name.eq_ignore_ascii_case("html") {
            break;
        }
        let (start, acts_at) = (anc.content, anc.acts_from);
        s.heading_marks += 1;
        let line = s.lines.len();
        s.page_marks.push(Mark {
            key: Key::Description,
            source: "heading",
            start,
            end: None,
            noise: s.noise > 0,
            line,
            attr: None,
        });
        // The close action belongs to that ancestor: inserted where its own
        // actions start, it runs when the ancestor closes.
        s.acts.insert(acts_at, Act::Mark(s.page_marks.len() - 1));
        for o in &mut s.open[n - depth + 1..] {
            o.acts_from += 1;
        }
    }
}

/// Class tokens and class substrings of a `class` value, as bits.
fn class_bits(class: &str) -> (u32, u32) {
    let mut tokens = 0;
    for t in class.split_ascii_whitespace() {
        tokens |= CLASS_TOKENS.get(t.as_bytes());
    }
    (tokens, substring_bits(&CLASS_AC, CLASS_SUBSTRINGS, class))
}

/// The attributes the scan reads, found in one pass over the tag's
/// attributes (the first of a repeated name wins, as in HTML).
#[derive(Default)]
struct Attrs<'a> {
    class: Option<&'a str>,
    id: Option<&'a str>,
    style: Option<&'a str>,
    hidden: bool,
    itemscope: bool,
    itemprop: Option<&'a str>,
    itemtype: Option<&'a str>,
    ty: Option<&'a str>,
    property: Option<&'a str>,
    name: Option<&'a str>,
    content: Option<&'a str>,
    href: Option<&'a str>,
    src: Option<&'a str>,
    datetime: Option<&'a str>,
    value: Option<&'a str>,
    alt: Option<&'a str>,
    role: Option<&'a str>,
    data_qa: Option<&'a str>,
    data_automation_id: Option<&'a str>,
    data_testid: Option<&'a str>,
    data_ui: Option<&'a str>,
    data_automation: Option<&'a str>,
    aria_hidden: Option<&'a str>,
    data_component: Option<&'a str>,
    data_props: Option<&'a str>,
    data_sdui_component: Option<&'a str>,
    open: bool,
}

impl<'a> Attrs<'a> {
    fn of(attrs: &[(&'a str, &'a str)]) -> Self {
        let mut a = Attrs::default();
        for &(k, v) in attrs {
            let mut buf = [0u8; 24];
            let Some(k) = lower(k, &mut buf) else { continue };
            let slot = match ATTR_TABLE.get(k.as_bytes()) {
                1 => &mut a.class,
                2 => &mut a.id,
                3 => &mut a.style,
                4 => {
                    a.hidden = true;
                    continue;
                }
                5 => {
                    a.itemscope = true;
                    continue;
                }
                6 => &mut a.itemprop,
                7 => &mut a.itemtype,
                8 => &mut a.ty,
                9 => &mut a.property,
                10 => &mut a.name,
                11 => &mut a.content,
                12 => &mut a.href,
                13 => &mut a.src,
                14 => &mut a.datetime,
                15 => &mut a.value,
                16 => &mut a.alt,
                17 => &mut a.role,
                18 => &mut a.data_qa,
                19 => &mut a.data_automation_id,
                20 => &mut a.data_testid,
                21 => &mut a.data_ui,
                22 => &mut a.data_automation,
                23 => &mut a.aria_hidden,
                24 => &mut a.data_component,
                25 => &mut a.data_props,
                26 => &mut a.data_sdui_component,
                27 => {
                    a.open = true;
                    continue;
                }
                _ => continue,
            };
            if slot.is_none() {
                *slot = Some(v);
            }
        }
        a
    }
}

/// Which [`MARKS`] an element matches, as a bit set over their indices;
/// `t` and `sub` are its class bits, `ctx` its ancestors' context bits.
fn marks_of_element(tag: u32, at: &Attrs, t: u32, sub: u32, id_sub: u32, ctx: u16) -> u64 {
    let mut m = 0u64;
    let mut set = |i: usize, yes: bool| {
        if yes {
            m |= 1 << i;
        }
    };
    set(0, t & T_TOP_CARD_TITLE != 0 || sub & S_UTC_TITLE != 0);
    set(1, t & T_TOPCARD_ORG != 0 || sub & S_UTC_ORG != 0);
    set(2, t & T_TOPCARD_BULLET != 0);
    set(3, t & T_POSTED_AGO != 0);
    set(4, sub & S_UTC_PRIMARY != 0);
    set(5, sub & S_UTC_INSIGHT != 0);
    set(6, t & T_DESCRIPTION_TEXT != 0 || sub & S_JOBS_DESC != 0);
    set(7, tag == TAG_H2 && ctx & C_POSTING_HEAD != 0);
    if ctx & C_POSTING_CATEGORIES != 0 {
        set(8, t & T_LOCATION != 0);
        set(9, t & T_COMMITMENT != 0);
        set(10, t & T_DEPARTMENT != 0);
        set(11, t & T_WORKPLACE_TYPES != 0);
    }
    set(13, t & T_APP_TITLE != 0 || (tag == TAG_H1 && ctx & C_JOB_TITLE_BEM != 0));
    set(14, ctx & C_HEADER_ID != 0 && t & T_COMPANY_NAME != 0);
    set(15, (ctx & C_HEADER_ID != 0 && t & T_LOCATION != 0) || t & T_JOB_LOCATION_BEM != 0);
    // Greenhouse's classic board: the whole `#content` of `#app_body` is the
    // posting (intro, body, pay range, conclusion).
    set(
        16,
        t & T_JOB_DESCRIPTION_BEM != 0
            || (ctx & C_CONTENT_ID != 0 && t & T_CONTENT_INTRO != 0)
            || (ctx & C_APP_BODY_ID != 0 && at.id == Some("content")),
    );
    if tag == TAG_DD {
        set(18, ctx & C_DA_LOCATIONS != 0);
        set(19, ctx & C_DA_TIME != 0);
        set(20, ctx & C_DA_POSTED_ON != 0);
    }
    set(23, tag == TAG_SPL_JOB_LOCATION);
    if ctx & C_BANNER != 0 {
        set(33, t & T_LOCATION != 0);
        set(34, t & T_TYPE != 0);
        set(35, t & T_SALARY_RANGE != 0);
    }
    set(MARK_H1, tag == TAG_H1);
    set(45, (sub | id_sub) & S_TITLE != 0);
    set(46, sub & S_ORG != 0);
    set(47, sub & S_LOC != 0);
    set(48, sub & S_SALARY != 0);
    set(49, sub & S_EMP != 0);
    set(50, (sub | id_sub) & S_DESC != 0 || tag == TAG_ARTICLE || tag == TAG_MAIN || at.role == Some("main"));
    set(52, t & T_TITLE != 0);
    set(53, tag == TAG_A && at.href.is_some_and(company_path));
    // WP Job Manager's templates: the logo, whose alt is the company's
    // name, in `div.company`; the meta list under the title.
    set(54, tag == TAG_IMG && ctx & C_WPJM_COMPANY != 0 && t & T_COMPANY_LOGO != 0 && at.alt.is_some());
    if ctx & C_WPJM_META != 0 {
        set(55, t & T_JOB_TYPE != 0);
        set(56, t & T_LOCATION != 0);
    }
    set(57, tag == TAG_TIME && ctx & C_WPJM_DATE != 0 && at.datetime.is_some());
    set(58, ctx & C_LI_ABOUT_JOB != 0 && at.data_testid == Some("expandable-text-box"));
    set(59, t & T_JOB_SEC_TEXT != 0);
    set(60, at.id == Some("jobDescriptionText"));
    set(61, at.data_testid == Some("inlineHeader-companyName"));
    let itemprop = at.itemprop;
    set(12, at.data_qa == Some("job-description"));
    match at.data_automation_id {
        Some("jobPostingHeader") => set(17, true),
        Some("jobPostingDescription") => set(21, true),
        _ => {}
    }
    set(22, t & T_JOB_TITLE != 0 && itemprop == Some("title"));
    set(24, t & T_JOB_SECTIONS != 0 && itemprop == Some("description"));
    match at.data_testid {
        Some("job-title") => set(25, true),
        Some("job-location") => set(26, true),
        _ => {}
    }
    match at.data_ui {
        Some("job-title") => set(27, true),
        Some("job-location") => set(28, true),
        Some("job-type") => set(29, true),
        Some("job-workplace") => set(30, true),
        Some("job-department") => set(31, true),
        Some("job-description") => set(32, true),
        _ => {}
    }
    set(36, t & T_DESCRIPTION != 0 && (itemprop.is_some() || ctx & C_POSITION != 0));
    match at.data_automation {
        Some("job-detail-title") => set(37, true),
        Some("advertiser-name") => set(38, true),
        Some("job-detail-location") => set(39, true),
        Some("job-detail-work-type") => set(40, true),
        Some("job-detail-classifications") => set(41, true),
        Some("job-detail-salary") => set(42, true),
        Some("jobAdDetails") => set(43, true),
        _ => {}
    }
    set(
        51,
        tag == TAG_IMG && at.alt.is_some_and(|v| v.ends_with("Logo") || v.ends_with("logo") || v.ends_with("LOGO")),
    );
    m
}

/// A link to the site's own page of a company: a board's link from a
/// posting to its employer ("/company/1645-darwin-recruitment",
/// "/company-profile/NonStop-Consulting-Ltd-7203", "/en/companies/105817-rocken/").
/// Only relative links: an absolute one may be another site's (LinkedIn's
/// "/company/…" from a career site is its social link).
fn company_path(href: &str) -> bool {
    let Some(path) = href.strip_prefix('/').filter(|p| !p.starts_with('/')) else { return false };
    let under = |p: &str| {
        ["company/", "companies/", "company-profile/", "cmp/", "employer/", "employers/"]
            .iter()
            .any(|c| p.len() > c.len() && p.as_bytes()[..c.len()].eq_ignore_ascii_case(c.as_bytes()))
    };
    // Or after a locale segment ("en", "en-gb").
    let localised = |(locale, rest): (&str, &str)| {
        (2..=5).contains(&locale.len()) && locale.bytes().all(|b| b.is_ascii_lowercase() || b == b'-') && under(rest)
    };
    under(path) || path.split_once('/').is_some_and(localised)
}

/// `[style*='display: none'], [style*='display:none']`.
fn display_none(style: &str) -> bool {
    static DISPLAY: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new(b"display:"));
    DISPLAY.find_iter(style.as_bytes()).any(|i| {
        let rest = &style.as_bytes()[i + 8..];
        rest.starts_with(b"none") || rest.starts_with(b" none")
    })
}

/// A start tag: applies every rule that matches it, and opens it (a void
/// element closes at once).
fn start_element<'a>(
    s: &mut State<'a>,
    name: &str,
    raw_name: &str,
    name_range: (usize, usize),
    attrs: &[(&'a str, &'a str)],
    content: usize,
    self_closing: bool,
) {
    let parent_ctx = s.open.last().map_or(0, |o| o.ctx);
    // `<x/>` only closes foreign (SVG / MathML) elements; their content is
    // never visible, so treating any self-closed non-HTML name as void is
    // enough.
    let kind = html::tag_flags(name);
    let tag = html::tag_id(kind);
    let void = kind & html::VOID != 0 || (self_closing && kind & html::KNOWN == 0);
    let mut own = 0u8;
    if kind & html::BLOCK != 0 {
        s.flush();
        own |= OWN_BLOCK;
    } else if s.abut {
        s.row_break = true;
    }
    s.abut = false;
    if s.open.len() >= MAX_OPEN {
        return;
    }
    let acts_from = s.acts.len();
    let at = Attrs::of(attrs);
    if s.component_props.is_none()
        && at.data_component == Some("PublicApp")
        && let Some(props) = at.data_props
    {
        s.component_props = Some(props);
    }
    let (class, id) = (at.class, at.id);
    let (t, sub) = class.map_or((0, 0), |c| s.class_bits(c));
    // An inline element hidden from assistive technology is an icon's
    // ligature ("place", "corporate_fare") or a visual duplicate, never
    // the text itself. (A block may be aria-hidden behind an open dialog
    // while being the page, so only inline ones are skipped.)
    let icon = kind & html::BLOCK == 0 && at.aria_hidden.is_some_and(|v| v.eq_ignore_ascii_case("true"));
    let closed_dialog = tag == TAG_DIALOG && !at.open;
    let hidden = at.hidden || at.style.is_some_and(display_none) || icon || closed_dialog;
    if hidden || matches!(tag, TAG_SELECT | TAG_SVG | TAG_TEMPLATE) {
        s.skip += 1;
        own |= OWN_SKIP;
    }
    // An `<a>` without `href` is a placeholder (a named anchor), no link.
    if tag == TAG_A && !void && at.href.is_some() {
        s.links += 1;
        own |= OWN_LINK;
    }
    if matches!(tag, TAG_H2 | TAG_H3 | TAG_H4 | TAG_H5 | TAG_DT) {
        own |= OWN_HEADING;
    }
    if tag == TAG_FORM && !void {
        s.forms += 1;
        own |= OWN_FORM;
    }
    if at.name == Some("__VIEWSTATE") {
        s.web_forms = true;
    }
    if matches!(tag, TAG_LABEL | TAG_BUTTON | TAG_FIELDSET) && !void {
        s.controls += 1;
        own |= OWN_CONTROL;
    }
    let id_sub = id.map_or(0, |i| substring_bits(&ID_AC, ID_SUBSTRINGS, i));
    // The document's own classes say what state it is in
    // (`<body class="single-jobs cookies-not-set">`), not that it is a
    // cookie banner or a list of related jobs.
    let whole = matches!(tag, TAG_BODY | TAG_HTML);
    if matches!(tag, TAG_ASIDE | TAG_NAV | TAG_FOOTER) || ((sub | id_sub) & S_NOISE != 0 && !whole) {
        s.flush();
        s.noise += 1;
        own |= OWN_NOISE;
    }
    match tag {
        TAG_TITLE if s.title.is_none() => {
            s.title = Some((content, None));
            s.acts.push(Act::Title);
        }
        TAG_META => {
            let key = at.property.or(at.name);
            if let (Some(k), Some(c)) = (key, at.content)
                && s.metas.len() < MAX_METAS
            {
                s.metas.push((k.to_ascii_lowercase(), decode_entities(c).trim().to_owned()));
            }
        }
        TAG_SCRIPT | TAG_CODE => {
            let ty = at.ty.unwrap_or_default().to_ascii_lowercase();
            let ld = ty.contains("ld+json");
            let app = ty.is_empty() || ty.contains("javascript") || ty.contains("json");
            let list = if ld { &mut s.jsonld } else { &mut s.scripts };
            if (ld || app) && list.len() < MAX_SCRIPTS {
                list.push((content, None));
                let idx = list.len() - 1;
                s.acts.push(Act::Script { ld, idx });
            }
        }
        _ => {}
    }
    if at.itemscope || at.itemprop.is_some() {
        microdata_element(s, name, &at, content);
    }
    let mut marks = marks_of_element(tag, &at, t, sub, id_sub, parent_ctx);
    if s.links > 0 {
        // `<a href="/"><h1>Koch Home Page</h1></a>`: a heading inside a
        // link is the site's logo, not the page's subject.
        marks &= !(1 << MARK_H1);
    }
    if marks != 0 {
        // Marks in noise regions count apart: a menu of 16 headings (a
        // portal's nav in `<h1>`s) must not use up the page's own h1.
        let in_noise = if s.noise > 0 { MARKS.len() } else { 0 };
        for (i, &(key, source)) in MARKS.iter().enumerate() {
            if marks & (1 << i) == 0 || s.per_selector[in_noise + i] >= MAX_MARKS_PER_SELECTOR {
                continue;
            }
            s.per_selector[in_noise + i] += 1;
            s.flush();
            // What a mark says in an attribute: a logo's name, WP Job
            // Manager's logo and date.
            let attr = match (key, source) {
                (Key::Logo, _) | (Key::Org, "wpjobmanager") => at.alt,
                (Key::Posted, "wpjobmanager") => at.datetime,
                _ => None,
            }
            .map(str::to_owned);
            let line = s.lines.len();
            s.page_marks.push(Mark { key, source, start: content, end: None, noise: s.noise > 0, line, attr });
            let mark = s.page_marks.len() - 1;
            s.acts.push(match (key, source) {
                (Key::H1, _) => Act::H1 { mark, plain_at: s.plain_pieces },
                (Key::Description, "class") => Act::Prose { mark, prose_at: s.prose, text_at: s.text_len },
                _ => Act::Mark(mark),
            });
        }
    }
    let mut ctx = parent_ctx;
    for (bit, c) in [
        (T_POSTING_HEAD, C_POSTING_HEAD),
        (T_POSTING_CATEGORIES, C_POSTING_CATEGORIES),
        (T_JOB_TITLE_BEM, C_JOB_TITLE_BEM),
        (T_BANNER, C_BANNER),
        (T_POSITION, C_POSITION),
        (T_JOB_LISTING_META, C_WPJM_META),
        (T_COMPANY, C_WPJM_COMPANY),
    ] {
        if t & bit != 0 {
            ctx |= c;
        }
    }
    if parent_ctx & C_WPJM_META != 0 && t & T_DATE_POSTED != 0 {
        ctx |= C_WPJM_DATE;
    }
    match id {
        Some("header") => ctx |= C_HEADER_ID,
        Some("content") => ctx |= C_CONTENT_ID,
        Some("app_body") => ctx |= C_APP_BODY_ID,
        _ => {}
    }
    // LinkedIn's server-driven UI (2026) names its components, not its
    // classes: "com.linkedin.sdui.generated.jobseeker.dsl.impl.aboutTheJob".
    if at.data_sdui_component.is_some_and(|c| c.ends_with(".aboutTheJob")) {
        ctx |= C_LI_ABOUT_JOB;
    }
    match at.data_automation_id {
        Some("locations") => ctx |= C_DA_LOCATIONS,
        Some("time") => ctx |= C_DA_TIME,
        Some("postedOn") => ctx |= C_DA_POSTED_ON,
        _ => {}
    }
    let o = Open { name: name_range, ctx, own, acts_from, content, line: s.lines.len(), score: 0, score_all: 0 };
    if void {
        s.close(o, content);
    } else {
        let bucket = name_bucket(raw_name.as_bytes());
        s.open_names[bucket] += 1;
        s.open.push(o);
    }
}

fn microdata_element(s: &mut State, tag: &str, at: &Attrs, content: usize) {
    if s.items.len() >= MAX_ITEMS || s.props >= MAX_PROPS {
        return;
    }
    let props: Vec<String> = at.itemprop.map(|p| p.split_whitespace().map(str::to_owned).collect()).unwrap_or_default();
    let parent = s.item_stack.last().copied();
    if at.itemscope {
        let types = at.itemtype.map(|t| t.split_whitespace().map(str::to_owned).collect()).unwrap_or_default();
        s.items.push(MicroItem { types, props: Vec::new(), nested: parent.is_some() && !props.is_empty() });
        let idx = s.items.len() - 1;
        if let Some(p) = parent {
            for name in props {
                s.props += 1;
                s.items[p].props.push((name, PropValue::Item(idx)));
            }
        }
        s.item_stack.push(idx);
        s.acts.push(Act::ItemPop);
        return;
    }
    let Some(p) = parent else { return };
    let value = at.content.or(match tag {
        "meta" => Some(""),
        "a" | "link" | "area" => at.href,
        "img" | "audio" | "video" | "source" | "iframe" | "embed" => at.src,
        "time" => at.datetime,
        "data" | "meter" => at.value,
        _ => None,
    });
    match value {
        Some(v) => {
            for name in props {
                s.props += 1;
                s.items[p].props.push((name, PropValue::Attr(decode_entities(v).into_owned())));
            }
        }
        None => {
            for name in props {
                s.props += 1;
                s.items[p].props.push((name, PropValue::Text(content, None)));
                let prop = s.items[p].props.len() - 1;
                s.acts.push(Act::PropText { item: p, prop });
            }
        }
    }
}

/// Whether a tag name breaks lines (re-exported for the description code).
pub fn block(tag: &str) -> bool {
    is_block(tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scan_records_lines_marks_scripts_and_noise() {
        // GIVEN a page with a title, a JSON-LD script, a Lever category
        // block, hidden text, a similar-jobs aside and a logo
        let html = r#"<html><head><title>Dev &amp; Ops</title><script type="application/ld+json">{"a":"</b>"}</script></head>
            <body><div class="posting-categories"><div class="location">Berlin</div></div>
            <p>Visible <b>text</b><span hidden>secret</span></p><div style="display:none">gone</div>
            <aside><h3>Similar</h3></aside><img alt="Acme Logo"></body></html>"#;
        // WHEN it is scanned
        let p = scan(html);
        // THEN each part is where the sources look for it
        assert_eq!(p.title.as_deref(), Some("Dev & Ops"));
        assert_eq!(p.slice(&p.jsonld[0]), r#"{"a":"</b>"}"#);
        let loc = p.marks_of(Key::Location).next().expect("lever location");
        assert_eq!((p.text_of(loc).as_str(), loc.source), ("Berlin", "lever"));
        let lines: Vec<(&str, bool)> = p.lines.iter().map(|l| (l.text.as_str(), l.noise)).collect();
        assert_eq!(lines, vec![("Berlin", false), ("Visible text", false), ("Similar", true)]);
        assert_eq!(p.marks_of(Key::Logo).next().and_then(|m| m.attr.clone()).as_deref(), Some("Acme Logo"));
    }

    #[test]
    fn class_substrings_are_all_found_even_when_they_overlap() {
        // GIVEN class values where one pattern holds or overlaps another
        // WHEN their bits are taken THEN every pattern present counts
        assert_eq!(class_bits("x unified-top-card__primary-description").1, S_UTC_PRIMARY | S_DESC);
        assert_eq!(class_bits("hiring-company-name").1, S_ORG);
        assert_eq!(class_bits("similar-jobs-description__content").1, S_NOISE | S_JOBS_DESC | S_DESC);
        assert_eq!(class_bits("flex items-center").1, 0);
        // no pattern is a prefix of another (the search relies on it)
        for (a, _) in CLASS_SUBSTRINGS {
            assert!(!CLASS_SUBSTRINGS.iter().any(|(b, _)| a != b && b.starts_with(a)), "{a}");
        }
    }

    #[test]
    fn hidden_styles_and_id_substrings_match_like_the_selectors() {
        assert!(display_none("color:red;display:none") && display_none("display: none !important"));
        assert!(!display_none("display: block") && !display_none("display:  none") && !display_none("display:"));
        assert_eq!(substring_bits(&ID_AC, ID_SUBSTRINGS, "onetrust-similar-jobTitle"), S_NOISE | S_TITLE);
        assert_eq!(substring_bits(&ID_AC, ID_SUBSTRINGS, "main"), 0);
    }

    #[test]
    fn company_pages_are_relative_links_under_a_company_path() {
        // GIVEN links as boards write them
        // WHEN read as a company page's path
        // THEN only the site's own company pages are, whatever the script
        assert!(company_path("/company/1645-darwin-recruitment"));
        assert!(company_path("/company-profile/NonStop-Consulting-Ltd-7203?jobId=1"));
        assert!(company_path("/en/companies/105817-rocken/"));
        assert!(!company_path("https://www.linkedin.com/company/acme"));
        assert!(!company_path("//cdn.example.com/company/x"));
        assert!(!company_path("/company"));
        assert!(!company_path("/ジョブ/santa-clara/senior-ui-engineer"));
        assert!(!company_path("/co/ジョブ"));
    }

    #[test]
    fn the_h1_mark_index_names_the_h1_mark() {
        assert!(matches!(MARKS[MARK_H1], (Key::H1, "h1")));
    }

    #[test]
    fn tag_ids_name_their_tags() {
        let ids = [
            (TAG_TITLE, "title"),
            (TAG_META, "meta"),
            (TAG_SCRIPT, "script"),
            (TAG_CODE, "code"),
            (TAG_H1, "h1"),
            (TAG_H2, "h2"),
            (TAG_DD, "dd"),
            (TAG_IMG, "img"),
            (TAG_ARTICLE, "article"),
            (TAG_MAIN, "main"),
            (TAG_SPL_JOB_LOCATION, "spl-job-location"),
            (TAG_SELECT, "select"),
            (TAG_SVG, "svg"),
            (TAG_TEMPLATE, "template"),
            (TAG_ASIDE, "aside"),
            (TAG_NAV, "nav"),
            (TAG_FOOTER, "footer"),
            (TAG_A, "a"),
            (TAG_H3, "h3"),
            (TAG_H4, "h4"),
            (TAG_H5, "h5"),
            (TAG_DT, "dt"),
            (TAG_FORM, "form"),
            (TAG_LABEL, "label"),
            (TAG_BUTTON, "button"),
            (TAG_FIELDSET, "fieldset"),
            (TAG_TIME, "time"),
            (TAG_BODY, "body"),
            (TAG_HTML, "html"),
        ];
        for (id, name) in ids {
            assert_eq!(html::tag_id(html::tag_flags(name)), id, "{name}");
        }
        assert_eq!(html::tag_flags("svg") & html::KNOWN, 0);
        assert_eq!(html::tag_id(html::tag_flags("div")), 0);
    }

    #[test]
    fn stray_end_tags_under_a_deep_stack_stay_linear() {
        // GIVEN 1,000 open divs followed by 200,000 end tags that match none
        let html = format!("{}<p>text{}", "<div>".repeat(1_000), "</span>".repeat(200_000));
        // WHEN scanned THEN it finishes (quickly: no stack search per end tag)
        // and the text is there
        let p = scan(&html);
        assert_eq!(p.lines.last().map(|l| l.text.as_str()), Some("text"));
        // and matching end tags still close their elements, whatever the case
        let p = scan(r#"<DIV class="job-title">Engineer</div><p>after</p>"#);
        let m = p.marks_of(Key::Title).next().expect("title");
        assert_eq!(p.text_of(m), "Engineer");
    }

    #[test]
    fn an_unclosed_element_ends_where_its_ancestor_closes() {
        // GIVEN a job-title block whose paragraphs are never closed
        let html = r#"<div class="job-title"><p>One<p>Two</div><p>After</p>"#;
        // WHEN it is scanned
        let p = scan(html);
        // THEN the block ends at its own end tag
        let m = p.marks_of(Key::Title).next().expect("title");
        assert_eq!(p.text_of(m), "One\nTwo");
    }
}
