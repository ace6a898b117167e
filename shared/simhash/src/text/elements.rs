//! What the extractor needs to know about element names, transcribed from
//! libxml2 2.14's HTML parser (`HTMLparser.c`), the parser behind the Python
//! pipeline (BeautifulSoup with `lxml`) whose fingerprints we reproduce.
//!
//! libxml2 does not build the HTML5 tree: it keeps a stack of open element
//! names and closes elements by three old rules, all tabulated here. A start
//! tag may close the current element ([`START_CLOSE`], e.g. `<p>` closes an
//! open `<p>`); an end tag may close the elements above its match only if
//! none of them has a higher "end priority" ([`prio_class`]); and void
//! elements ([`Props::empty`]) never stay open. Names outside the table are
//! "unknown": never void, default priority, never closed by a start tag.

/// Index of a known element name in [`NAMES`].
pub(crate) type Id = u8;

/// How the tokenizer reads an element's content (libxml2's `dataMode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Markup and character references.
    Data,
    /// Text with character references, up to the element's end tag
    /// (`<title>`, `<textarea>`).
    RcData,
    /// Verbatim text up to the element's end tag (`<style>`, `<iframe>`...).
    RawText,
    /// Like [`Mode::RawText`] plus the HTML5 `<!--` escape rules (`<script>`).
    Script,
    /// Verbatim text to the end of the document (`<plaintext>`).
    PlainText,
}

/// Per-element facts, indexed by [`Id`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Props {
    /// A void element: closed as soon as it is opened (`<br>`, `<img>`).
    pub(crate) empty: bool,
    /// How its content is tokenized.
    pub(crate) mode: Mode,
    /// Index into [`CLASS_PRIORITY`] of its end priority.
    pub(crate) prio_class: u8,
    /// Its text is not part of the page's visible text: the Python pipeline
    /// decomposes `script, style, nav, footer, header`, and BeautifulSoup's
    /// `get_text` skips strings inside `template`, `rt` and `rp` (they are
    /// stored as `TemplateString`/`RubyTextString`/`RubyParenthesisString`).
    pub(crate) hidden: bool,
}

/// Every name the tables mention, sorted: the 95 of libxml2's
/// `html40ElementTable`, `listing` (only in its start-close table), and the
/// hidden HTML5 elements libxml2 does not know.
#[rustfmt::skip]
pub(crate) const NAMES: [&str; 102] = [
    "a", "abbr", "acronym", "address", "applet", "area", "b", "base", "basefont", "bdo", "big",
    "blockquote", "body", "br", "button", "caption", "center", "cite", "code", "col", "colgroup",
    "dd", "del", "dfn", "dir", "div", "dl", "dt", "em", "embed", "fieldset", "font", "footer",
    "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr",
    "html", "i", "iframe", "img", "input", "ins", "isindex", "kbd", "label", "legend", "li",
    "link", "listing", "map", "menu", "meta", "nav", "noembed", "noframes", "noscript", "object",
    "ol", "optgroup", "option", "p", "param", "plaintext", "pre", "q", "rp", "rt", "s", "samp",
    "script", "select", "small", "span", "strike", "strong", "style", "sub", "sup", "table",
    "tbody", "td", "template", "textarea", "tfoot", "th", "thead", "title", "tr", "tt", "u", "ul",
    "var", "xmp",
];

/// Number of known names.
pub(crate) const COUNT: usize = NAMES.len();

/// libxml2's end priorities (`htmlEndPriority`); class 0 is the default.
/// An end tag closes the elements above its match only if none of them has
/// a strictly higher priority than the end tag's own element.
pub(crate) const CLASS_PRIORITY: [u16; 8] = [100, 150, 160, 170, 180, 190, 200, 220];

const PRIORITIES: [(&str, u8); 11] = [
    ("div", 1),
    ("td", 2),
    ("th", 2),
    ("tr", 3),
    ("thead", 4),
    ("tbody", 4),
    ("tfoot", 4),
    ("table", 5),
    ("head", 6),
    ("body", 6),
    ("html", 7),
];

#[rustfmt::skip]
const VOID: [&str; 13] = [
    "area", "base", "basefont", "br", "col", "frame", "hr", "img", "input", "isindex", "link",
    "meta", "param",
];

const MODES: [(&str, Mode); 9] = [
    ("iframe", Mode::RawText),
    ("noembed", Mode::RawText),
    ("noframes", Mode::RawText),
    ("plaintext", Mode::PlainText),
    ("script", Mode::Script),
    ("style", Mode::RawText),
    ("textarea", Mode::RcData),
    ("title", Mode::RcData),
    ("xmp", Mode::RawText),
];

const HIDDEN: [&str; 8] = ["script", "style", "nav", "footer", "header", "template", "rt", "rp"];

/// libxml2's `htmlStartClose`: while the current element is the first name
/// and a start tag of one of the second names arrives, it is closed.
#[rustfmt::skip]
const START_CLOSE_PAIRS: [(&str, &[&str]); 48] = [
    ("a", &["a", "fieldset", "table", "td", "th"]),
    ("address", &["dd", "dl", "dt", "form", "li", "ul"]),
    ("b", &["center", "p", "td", "th"]),
    ("big", &["p"]),
    ("caption", &["col", "colgroup", "tbody", "tfoot", "thead", "tr"]),
    ("col", &["col", "colgroup", "tbody", "tfoot", "thead", "tr"]),
    ("colgroup", &["colgroup", "tbody", "tfoot", "thead", "tr"]),
    ("dd", &["dt"]),
    ("dir", &["dd", "dl", "dt", "form", "ul"]),
    ("dl", &["form", "li"]),
    ("dt", &["dd", "dl"]),
    ("font", &["center", "td", "th"]),
    ("form", &["form"]),
    ("h1", &["fieldset", "form", "li", "p", "table"]),
    ("h2", &["fieldset", "form", "li", "p", "table"]),
    ("h3", &["fieldset", "form", "li", "p", "table"]),
    ("h4", &["fieldset", "form", "li", "p", "table"]),
    ("h5", &["fieldset", "form", "li", "p", "table"]),
    ("h6", &["fieldset", "form", "li", "p", "table"]),
    ("head", &[
        "a", "abbr", "acronym", "address", "b", "bdo", "big", "blockquote", "body", "br",
        "center", "cite", "code", "dd", "dfn", "dir", "div", "dl", "dt", "em", "fieldset",
        "font", "form", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "iframe",
        "img", "kbd", "li", "listing", "map", "menu", "ol", "p", "pre", "q", "s", "samp",
        "small", "span", "strike", "strong", "sub", "sup", "table", "tt", "u", "ul", "var",
        "xmp",
    ]),
    ("hr", &["form"]),
    ("i", &["center", "p", "td", "th"]),
    ("legend", &["fieldset"]),
    ("li", &["li"]),
    ("link", &["body", "frameset"]),
    ("listing", &["dd", "dl", "dt", "fieldset", "form", "li", "table", "ul"]),
    ("menu", &["dd", "dl", "dt", "form", "ul"]),
    ("ol", &["form"]),
    ("option", &["optgroup", "option"]),
    ("p", &[
        "address", "blockquote", "body", "caption", "center", "col", "colgroup", "dd", "dir",
        "div", "dl", "dt", "fieldset", "form", "frameset", "h1", "h2", "h3", "h4", "h5", "h6",
        "head", "hr", "li", "listing", "menu", "ol", "p", "pre", "table", "tbody", "td",
        "tfoot", "th", "title", "tr", "ul", "xmp",
    ]),
    ("pre", &["dd", "dl", "dt", "fieldset", "form", "li", "table", "ul"]),
    ("s", &["p"]),
    ("script", &["noscript"]),
    ("small", &["p"]),
    ("span", &["td", "th"]),
    ("strike", &["p"]),
    ("style", &["body", "frameset"]),
    ("tbody", &["tbody", "tfoot"]),
    ("td", &["tbody", "td", "tfoot", "th", "tr"]),
    ("tfoot", &["tbody"]),
    ("th", &["tbody", "td", "tfoot", "th", "tr"]),
    ("thead", &["tbody", "tfoot"]),
    ("title", &["body", "frameset"]),
    ("tr", &["tbody", "tfoot", "tr"]),
    ("tt", &["p"]),
    ("u", &["p", "td", "th"]),
    ("ul", &["address", "form", "menu", "pre"]),
    ("xmp", &["dd", "dl", "dt", "fieldset", "form", "li", "table", "ul"]),
];

const fn bytes_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The [`Id`] of a name in [`NAMES`]; a name missing from the list fails
/// the build (all callers are constants).
pub(crate) const fn id(name: &str) -> Id {
    let mut i = 0;
    while i < COUNT {
        if bytes_eq(NAMES[i].as_bytes(), name.as_bytes()) {
            return i as Id;
        }
        i += 1;
    }
    panic!("element name missing from NAMES");
}

pub(crate) const BASE: Id = id("base");
pub(crate) const BODY: Id = id("body");
pub(crate) const FRAME: Id = id("frame");
pub(crate) const FRAMESET: Id = id("frameset");
pub(crate) const HEAD: Id = id("head");
pub(crate) const HTML: Id = id("html");
pub(crate) const LINK: Id = id("link");
pub(crate) const META: Id = id("meta");
pub(crate) const NOFRAMES: Id = id("noframes");
pub(crate) const P: Id = id("p");
pub(crate) const SCRIPT: Id = id("script");
pub(crate) const STYLE: Id = id("style");
pub(crate) const TITLE: Id = id("title");

/// Facts about every known element, by [`Id`].
pub(crate) const PROPS: [Props; COUNT] = {
    let mut props = [Props { empty: false, mode: Mode::Data, prio_class: 0, hidden: false }; COUNT];
    let mut i = 0;
    while i < VOID.len() {
        props[id(VOID[i]) as usize].empty = true;
        i += 1;
    }
    i = 0;
    while i < MODES.len() {
        props[id(MODES[i].0) as usize].mode = MODES[i].1;
        i += 1;
    }
    i = 0;
    while i < PRIORITIES.len() {
        props[id(PRIORITIES[i].0) as usize].prio_class = PRIORITIES[i].1;
        i += 1;
    }
    i = 0;
    while i < HIDDEN.len() {
        props[id(HIDDEN[i]) as usize].hidden = true;
        i += 1;
    }
    props
};

/// `START_CLOSE[open] & (1 << new)` is set when a `new` start tag closes a
/// current `open` element.
pub(crate) const START_CLOSE: [u128; COUNT] = {
    let mut table = [0u128; COUNT];
    let mut i = 0;
    while i < START_CLOSE_PAIRS.len() {
        let (open, closers) = START_CLOSE_PAIRS[i];
        let mut j = 0;
        while j < closers.len() {
            table[id(open) as usize] |= 1u128 << id(closers[j]);
            j += 1;
        }
        i += 1;
    }
    table
};

/// FNV-1a over a (lowercased) name: the key of unknown names, and the slot
/// of known ones in [`lookup`]'s table.
pub(crate) const fn name_hash(name: &[u8]) -> u64 {
    let mut hash = FNV_OFFSET;
    let mut i = 0;
    while i < name.len() {
        hash = fnv_step(hash, name[i]);
        i += 1;
    }
    hash
}

/// FNV-1a's initial value.
pub(crate) const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// One FNV-1a step.
#[inline(always)]
pub(crate) const fn fnv_step(hash: u64, byte: u8) -> u64 {
    (hash ^ byte as u64).wrapping_mul(0x0000_0100_0000_01b3)
}

const SLOTS: usize = 512;
const EMPTY_SLOT: u8 = u8::MAX;

/// Open-addressing table from [`name_hash`] to [`Id`], built at compile time.
const SLOT_TABLE: [u8; SLOTS] = {
    let mut table = [EMPTY_SLOT; SLOTS];
    let mut i = 0;
    while i < COUNT {
        let mut slot = (name_hash(NAMES[i].as_bytes()) as usize) % SLOTS;
        while table[slot] != EMPTY_SLOT {
            slot = (slot + 1) % SLOTS;
        }
        table[slot] = i as u8;
        i += 1;
    }
    table
};

/// The [`Id`] of a lowercased element name whose [`name_hash`] is `hash`,
/// or `None` for a name libxml2 does not know.
#[inline]
pub(crate) fn lookup(name: &[u8], hash: u64) -> Option<Id> {
    let mut slot = (hash as usize) % SLOTS;
    loop {
        let id = SLOT_TABLE[slot];
        if id == EMPTY_SLOT {
            return None;
        }
        if NAMES[id as usize].as_bytes() == name {
            return Some(id);
        }
        slot = (slot + 1) % SLOTS;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_sorted_unique_and_fit_the_close_bitsets() {
        // GIVEN the name list
        // THEN it is strictly sorted (so `id` is unambiguous) and each id is
        // a valid bit of a u128
        assert!(NAMES.windows(2).all(|w| w[0] < w[1]));
        const { assert!(COUNT <= 128) };
    }

    #[test]
    fn every_known_name_is_found_and_others_are_not() {
        // GIVEN every known name and a few unknown ones
        for (i, name) in NAMES.iter().enumerate() {
            // WHEN looked up by name and hash
            // THEN each known name maps to its own id
            assert_eq!(lookup(name.as_bytes(), name_hash(name.as_bytes())), Some(i as Id));
        }
        for name in ["", "svg", "main", "section", "my-widget", "divx", "h7"] {
            assert_eq!(lookup(name.as_bytes(), name_hash(name.as_bytes())), None, "{name}");
        }
    }

    #[test]
    fn tables_match_libxml2_spot_checks() {
        // GIVEN a few facts from libxml2 2.14's HTMLparser.c
        // THEN the compiled tables agree
        assert!(START_CLOSE[P as usize] & (1 << P) != 0);
        assert!(START_CLOSE[HEAD as usize] & (1 << id("div")) != 0);
        assert!(START_CLOSE[id("b") as usize] & (1 << P) != 0);
        assert!(START_CLOSE[id("div") as usize] == 0);
        assert!(PROPS[id("br") as usize].empty && !PROPS[id("embed") as usize].empty);
        assert_eq!(PROPS[SCRIPT as usize].mode, Mode::Script);
        assert_eq!(PROPS[TITLE as usize].mode, Mode::RcData);
        assert_eq!(PROPS[id("noscript") as usize].mode, Mode::Data);
        assert_eq!(CLASS_PRIORITY[PROPS[id("table") as usize].prio_class as usize], 190);
        assert_eq!(CLASS_PRIORITY[PROPS[id("span") as usize].prio_class as usize], 100);
        assert!(PROPS[id("nav") as usize].hidden && !PROPS[id("noscript") as usize].hidden);
    }
}
