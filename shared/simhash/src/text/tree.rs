//! The stack of open elements, maintained the way libxml2's HTML parser does
//! it, so that the extractor agrees with the Python pipeline on two things
//! that depend on the tree rather than on the tokens: where a dropped element
//! (an unclosed `<nav>`, say) ends, and whether a tag separates two pieces of
//! text (an end tag libxml2 ignores reports nothing, so BeautifulSoup glues
//! the text on both sides into one string: `Sen</span>ior` is "Senior" when
//! no `<span>` is open).
//!
//! Everything is O(1) amortized per tag, also on hostile input: the topmost
//! open element of each name and of each end-priority class is tracked with
//! back links, so an end tag never scans the stack (libxml2 does, which is
//! quadratic on 100,000 nested elements).

use std::collections::HashMap;
use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};

use super::elements::{
    self, BASE, BODY, CLASS_PRIORITY, COUNT, FRAME, FRAMESET, HEAD, HTML, Id, LINK, META, Mode, NOFRAMES, P, PROPS,
    SCRIPT, START_CLOSE, STYLE, TITLE,
};

/// An element name as the tree compares names: a known [`Id`], or the hash
/// of an unknown name (two unknown names with equal 64-bit hashes would be
/// confused, which at worst ends an element in the wrong place).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Name {
    Known(Id),
    Unknown(u64),
}

/// No element (stack positions are stored plus one, so 0 means none).
const NONE: u32 = 0;

#[derive(Debug, Clone, Copy)]
struct Entry {
    name: Name,
    /// Position + 1 of the next lower open element with the same name.
    prev_same_name: u32,
    /// Position + 1 of the next lower open element of the same non-default
    /// priority class (unused for the default class).
    prev_same_class: u32,
}

/// libxml2's `ctxt->html`: how far document structure has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Progress {
    Start,
    InHead,
    InBody,
}

/// Hashing for the unknown-name table, whose keys are already FNV hashes:
/// a seeded finalizer instead of SipHash. The names come from the page, so
/// with a fixed mapping to buckets a hostile page could be ground to make
/// every name collide (quadratic time); the per-table random seed prevents
/// that at the cost of a few multiplies.
#[derive(Clone)]
struct SeededMix(u64);

impl SeededMix {
    fn new() -> Self {
        Self(RandomState::new().hash_one(0x6A68_u64))
    }
}

impl BuildHasher for SeededMix {
    type Hasher = Mixer;

    fn build_hasher(&self) -> Mixer {
        Mixer(self.0)
    }
}

/// The splitmix64 finalizer over the key xor the seed.
struct Mixer(u64);

impl Hasher for Mixer {
    fn finish(&self) -> u64 {
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = elements::fnv_step(self.0, b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 ^= n;
    }
}

/// The open-element stack and the counters derived from it.
pub(crate) struct Tree {
    stack: Vec<Entry>,
    /// Topmost open position + 1 of each known name.
    top_known: [u32; COUNT],
    /// Topmost open position + 1 of each unknown name that is open.
    top_unknown: HashMap<u64, u32, SeededMix>,
    /// Topmost open position + 1 per end-priority class.
    top_class: [u32; CLASS_PRIORITY.len()],
    /// Open elements whose text is not visible.
    hidden: u32,
    progress: Progress,
    /// Misplaced `<html>`, `<head>` and `<body>` start tags libxml2 ignored;
    /// as many of their end tags are ignored too.
    ignored_structure_tags: u32,
    /// Whether any element was opened or closed since the last
    /// [`Tree::take_events`]: each such event ends a BeautifulSoup string.
    events: bool,
}

/// What a start tag asks the tokenizer to do next.
pub(crate) struct Opened {
    /// How to read what follows the tag.
    pub(crate) mode: Mode,
    /// For the raw-text modes: the element whose end tag ends the text.
    pub(crate) raw_end: Id,
}

impl Tree {
    pub(crate) fn new() -> Self {
        Self {
            stack: Vec::new(),
            top_known: [NONE; COUNT],
            top_unknown: HashMap::with_hasher(SeededMix::new()),
            top_class: [NONE; CLASS_PRIORITY.len()],
            hidden: 0,
            progress: Progress::Start,
            ignored_structure_tags: 0,
            events: false,
        }
    }

    /// Whether text at this point is part of the visible text.
    #[inline]
    pub(crate) fn visible(&self) -> bool {
        self.hidden == 0
    }

    /// Whether an element was opened or closed since the last call.
    #[inline]
    pub(crate) fn take_events(&mut self) -> bool {
        std::mem::take(&mut self.events)
    }

    fn top(&self) -> Option<Name> {
        self.stack.last().map(|e| e.name)
    }

    fn is_open(&self, id: Id) -> bool {
        self.top_known[id as usize] != NONE
    }

    fn top_of(&self, name: Name) -> u32 {
        match name {
            Name::Known(id) => self.top_known[id as usize],
            Name::Unknown(hash) => self.top_unknown.get(&hash).copied().unwrap_or(NONE),
        }
    }

    fn push(&mut self, name: Name) {
        let pos = self.stack.len() as u32 + 1;
        let mut entry = Entry { name, prev_same_name: NONE, prev_same_class: NONE };
        match name {
            Name::Known(id) => {
                entry.prev_same_name = std::mem::replace(&mut self.top_known[id as usize], pos);
                let props = PROPS[id as usize];
                if props.prio_class != 0 {
                    entry.prev_same_class = std::mem::replace(&mut self.top_class[props.prio_class as usize], pos);
                }
                self.hidden += u32::from(props.hidden);
                match id {
                    HEAD => self.progress = self.progress.max(Progress::InHead),
                    BODY => self.progress = self.progress.max(Progress::InBody),
                    _ => {}
                }
            }
            Name::Unknown(hash) => {
                entry.prev_same_name = self.top_unknown.insert(hash, pos).unwrap_or(NONE);
            }
        }
        self.stack.push(entry);
        self.events = true;
    }

    fn pop(&mut self) {
        let Some(entry) = self.stack.pop() else {
            return;
        };
        match entry.name {
            Name::Known(id) => {
                self.top_known[id as usize] = entry.prev_same_name;
                let props = PROPS[id as usize];
                if props.prio_class != 0 {
                    self.top_class[props.prio_class as usize] = entry.prev_same_class;
                }
                self.hidden -= u32::from(props.hidden);
            }
            Name::Unknown(hash) => {
                if entry.prev_same_name == NONE {
                    self.top_unknown.remove(&hash);
                } else {
                    self.top_unknown.insert(hash, entry.prev_same_name);
                }
            }
        }
        self.events = true;
    }

    /// libxml2's `htmlAutoClose`: close current elements the new start tag
    /// implicitly ends.
    fn auto_close(&mut self, new: Id) {
        while let Some(Name::Known(top)) = self.top() {
            if START_CLOSE[top as usize] & (1u128 << new) == 0 {
                break;
            }
            self.pop();
        }
    }

    /// libxml2's `htmlCheckImplied`: open the `<html>`, `<head>` or `<body>`
    /// the new start tag needs.
    fn check_implied(&mut self, new: Option<Id>) {
        if new == Some(HTML) {
            return;
        }
        if self.stack.is_empty() {
            self.push(Name::Known(HTML));
        }
        if matches!(new, Some(BODY | HEAD)) {
            return;
        }
        if self.stack.len() <= 1 && matches!(new, Some(SCRIPT | STYLE | META | LINK | TITLE | BASE)) {
            if self.progress >= Progress::InHead {
                return;
            }
            self.push(Name::Known(HEAD));
        } else if !matches!(new, Some(NOFRAMES | FRAME | FRAMESET)) {
            if self.progress >= Progress::InBody || self.is_open(BODY) || self.is_open(HEAD) {
                return;
            }
            self.push(Name::Known(BODY));
        }
    }

    /// libxml2's `htmlStartCharData`: non-blank text outside `<body>`.
    pub(crate) fn start_char_data(&mut self) {
        if self.top() == Some(Name::Known(HEAD)) {
            self.auto_close(P);
        }
        self.check_implied(Some(P));
    }

    /// Whether text handed to libxml2 now would go through
    /// [`Tree::start_char_data`] (when it holds a non-blank character).
    #[inline]
    pub(crate) fn text_needs_structure(&self) -> bool {
        matches!(self.top(), None | Some(Name::Known(HTML | HEAD)))
    }

    /// A start tag: `complete` when it ended with `>` (not at end of input),
    /// `self_closing` when with `/>`. Returns how to read what follows.
    pub(crate) fn start_tag(&mut self, name: Name, complete: bool, self_closing: bool) -> Opened {
        let known = match name {
            Name::Known(id) => Some(id),
            Name::Unknown(_) => None,
        };
        if let Some(id) = known {
            self.auto_close(id);
        }
        self.check_implied(known);
        let mut discard = !complete;
        match known {
            Some(HTML) if !self.stack.is_empty() => {
                discard = true;
                self.ignored_structure_tags += 1;
            }
            Some(HEAD) if self.stack.len() != 1 => {
                discard = true;
                self.ignored_structure_tags += 1;
            }
            Some(BODY) if self.is_open(BODY) => {
                discard = true;
                self.ignored_structure_tags += 1;
            }
            _ => {}
        }
        if !discard {
            self.push(name);
        }
        let data = Opened { mode: Mode::Data, raw_end: 0 };
        if !complete {
            return data;
        }
        // As in libxml2, what follows concerns the current element, which
        // for an ignored tag is whatever was already open.
        let Some(top) = self.top() else {
            return data;
        };
        if self_closing {
            self.pop();
            return data;
        }
        match top {
            Name::Known(id) => {
                let props = PROPS[id as usize];
                if props.empty {
                    self.pop();
                    data
                } else {
                    Opened { mode: props.mode, raw_end: id }
                }
            }
            Name::Unknown(_) => data,
        }
    }

    /// A complete end tag (libxml2's `htmlParseEndTag` and
    /// `htmlAutoCloseOnClose`).
    pub(crate) fn end_tag(&mut self, name: Name) {
        if self.ignored_structure_tags > 0 && matches!(name, Name::Known(HTML | BODY | HEAD)) {
            self.ignored_structure_tags -= 1;
            return;
        }
        let target = self.top_of(name);
        if target == NONE {
            return;
        }
        let class = match name {
            Name::Known(id) => PROPS[id as usize].prio_class as usize,
            Name::Unknown(_) => 0,
        };
        // An element of strictly higher priority above the match makes
        // libxml2 ignore the end tag.
        if self.top_class[class + 1..].iter().any(|&pos| pos > target) {
            return;
        }
        while self.stack.len() as u32 >= target {
            self.pop();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::elements::id;

    fn known(name: &str) -> Name {
        Name::Known(id(name))
    }

    fn names(tree: &Tree) -> Vec<Name> {
        tree.stack.iter().map(|e| e.name).collect()
    }

    #[test]
    fn first_body_element_implies_html_and_body() {
        // GIVEN an empty tree
        let mut tree = Tree::new();
        // WHEN a <div> opens
        tree.start_tag(known("div"), true, false);
        // THEN html and body were implied around it
        assert_eq!(names(&tree), [known("html"), known("body"), known("div")]);
    }

    #[test]
    fn end_tag_is_ignored_when_a_higher_priority_element_is_in_the_way() {
        // GIVEN <span><div> open
        let mut tree = Tree::new();
        tree.start_tag(known("span"), true, false);
        tree.start_tag(known("div"), true, false);
        // WHEN </span> arrives
        tree.take_events();
        tree.end_tag(known("span"));
        // THEN nothing closes and no event is reported
        assert_eq!(names(&tree).len(), 4);
        assert!(!tree.take_events());
        // AND </div> still closes the div
        tree.end_tag(known("div"));
        assert_eq!(names(&tree).len(), 3);
    }

    #[test]
    fn end_tag_of_an_ancestor_closes_an_unclosed_hidden_element() {
        // GIVEN <div><nav> with the nav unclosed
        let mut tree = Tree::new();
        tree.start_tag(known("div"), true, false);
        tree.start_tag(known("nav"), true, false);
        assert!(!tree.visible());
        // WHEN </div> arrives
        tree.end_tag(known("div"));
        // THEN the nav is closed with it
        assert!(tree.visible());
    }

    #[test]
    fn unknown_names_nest_and_close_by_name() {
        // GIVEN nested unknown elements with the same name
        let mut tree = Tree::new();
        let g = Name::Unknown(elements::name_hash(b"g"));
        tree.start_tag(g, true, false);
        tree.start_tag(g, true, false);
        tree.start_tag(Name::Unknown(elements::name_hash(b"path")), true, false);
        // WHEN one </g> arrives
        tree.end_tag(g);
        // THEN the inner g and the path are closed, the outer g is not
        assert_eq!(names(&tree), [known("html"), known("body"), g]);
        tree.end_tag(g);
        assert_eq!(tree.top_of(g), NONE);
    }

    #[test]
    fn void_and_self_closing_elements_do_not_stay_open() {
        let mut tree = Tree::new();
        tree.start_tag(known("br"), true, false);
        tree.start_tag(known("nav"), true, true);
        tree.start_tag(Name::Unknown(1), true, true);
        assert_eq!(names(&tree), [known("html"), known("body")]);
        assert!(tree.visible());
    }
}
