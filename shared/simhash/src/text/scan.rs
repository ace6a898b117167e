//! The tokenizer: one forward pass over the page that hands visible text to
//! a [`TextSink`] and every tag to the [`Tree`].
//!
//! It follows libxml2 2.14's push parser (the one BeautifulSoup drives
//! through `lxml`) construct by construct: comments end at `-->` or `--!>`;
//! `<!DOCTYPE`, `<!...>`, `<?...>` and `</` + non-letter are skipped to the
//! next `>`; a `<` that starts nothing else is text; `<script>`, `<style>`
//! and the other raw-text elements end only at their own end tag (with the
//! HTML5 `<!--` escape rules for scripts); `/>` closes any element; NUL
//! becomes U+FFFD; a leading byte-order mark is dropped.
//!
//! Cost is linear in the input: every byte is looked at a bounded number of
//! times, and the long stretches (script bodies, text, quoted attribute
//! values, comments) are crossed with `memchr`.

use memchr::{memchr, memchr2};

use super::elements::{self, Mode, NAMES};
use super::entities::{self, Decoded};
use super::tree::{Name, Tree};
use super::words::TextSink;

/// Runs the page through the tokenizer, feeding its visible text to `sink`.
pub(crate) fn extract<S: TextSink>(html: &str, sink: &mut S) {
    let mut scanner = Scanner { html, bytes: html.as_bytes(), tree: Tree::new(), sink, decoded: String::new() };
    scanner.run();
}

/// libxml2's `IS_WS_HTML`: the whitespace of markup (no vertical tab).
#[inline]
fn is_markup_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0C)
}

/// Longest known element name ("blockquote"); longer names are unknown.
const KNOWN_NAME_MAX: usize = 10;

const _: () = {
    let mut i = 0;
    while i < NAMES.len() {
        assert!(NAMES[i].len() <= KNOWN_NAME_MAX);
        i += 1;
    }
};

struct Scanner<'h, 's, S> {
    html: &'h str,
    bytes: &'h [u8],
    tree: Tree,
    sink: &'s mut S,
    /// Scratch buffer for text with character references.
    decoded: String,
}

impl<S: TextSink> Scanner<'_, '_, S> {
    fn run(&mut self) {
        let len = self.bytes.len();
        let mut pos = if self.html.starts_with('\u{FEFF}') { 3 } else { 0 };
        while pos < len {
            let lt = memchr(b'<', &self.bytes[pos..]).map_or(len, |i| pos + i);
            if lt > pos && self.tree.visible() {
                self.text(pos, lt, true);
            }
            if lt == len {
                break;
            }
            pos = self.markup(lt);
        }
    }

    /// Reports tree events (elements opened or closed) as a string boundary.
    #[inline]
    fn flush_events(&mut self) {
        if self.tree.take_events() {
            self.sink.boundary();
        }
    }

    /// Visible text `start..end` of the page, with character references
    /// decoded when `decode`.
    fn text(&mut self, start: usize, end: usize, decode: bool) {
        let bytes = self.bytes;
        if self.tree.text_needs_structure() && bytes[start..end].iter().any(|&b| !is_markup_space(b)) {
            self.tree.start_char_data();
            self.flush_events();
        }
        let text = &self.html[start..end];
        let first_amp = if decode { memchr(b'&', text.as_bytes()) } else { None };
        let Some(first_amp) = first_amp else {
            self.sink.text(text);
            return;
        };
        // Decoded into one buffer and handed over whole: text with many
        // references (LinkedIn's `&quot;`-escaped JSON) would otherwise
        // reach the sink in tiny pieces.
        let decoded = &mut self.decoded;
        decoded.clear();
        let mut piece = start;
        let mut from = start + first_amp;
        while let Some(i) = memchr(b'&', &bytes[from..end]) {
            let amp = from + i;
            match entities::decode(bytes, amp, end) {
                Some((value, next)) => {
                    decoded.push_str(&self.html[piece..amp]);
                    match value {
                        Decoded::Str(s) => decoded.push_str(s),
                        Decoded::Char(c) => decoded.push(c),
                    }
                    piece = next;
                    from = next;
                }
                None => from = amp + 1,
            }
        }
        decoded.push_str(&self.html[piece..end]);
        self.sink.text(&self.decoded);
    }

    /// Markup-looking characters that are text (`<`, or `</` at the end).
    fn literal(&mut self, text: &'static str) {
        self.tree.start_char_data();
        self.flush_events();
        if self.tree.visible() {
            self.sink.text(text);
        }
    }

    /// The construct starting with the `<` at `lt`; returns where the
    /// tokenizer continues.
    fn markup(&mut self, lt: usize) -> usize {
        let bytes = self.bytes;
        match bytes.get(lt + 1) {
            Some(b'!') => {
                // Comments and doctypes are nodes: they end the string.
                self.sink.boundary();
                let rest = &bytes[lt + 2..];
                if rest.starts_with(b"--") {
                    self.comment_end(lt + 4)
                } else if rest.len() >= 7 && rest[..7].eq_ignore_ascii_case(b"DOCTYPE") {
                    self.after_gt(lt + 9)
                } else {
                    self.after_gt(lt + 2)
                }
            }
            Some(b'?') => {
                // libxml2 reports processing instructions as comments.
                self.sink.boundary();
                self.after_gt(lt + 1)
            }
            Some(b'/') => self.end_tag(lt),
            Some(b) if b.is_ascii_alphabetic() => self.start_tag(lt),
            _ => {
                self.literal("<");
                lt + 1
            }
        }
    }

    /// Just past the next `>` at or after `from`, or the end of input.
    fn after_gt(&self, from: usize) -> usize {
        let len = self.bytes.len();
        match self.bytes.get(from..) {
            Some(rest) => memchr(b'>', rest).map_or(len, |i| from + i + 1),
            None => len,
        }
    }

    /// Just past the comment whose text starts at `start` (after `<!--`).
    fn comment_end(&self, start: usize) -> usize {
        let bytes = self.bytes;
        let len = bytes.len();
        match bytes.get(start..) {
            Some([b'>', ..]) => return start + 1,
            Some([b'-', b'>', ..]) => return start + 2,
            None => return len,
            _ => {}
        }
        let mut from = start;
        while let Some(i) = memchr(b'-', &bytes[from..]) {
            let dash = from + i;
            match bytes.get(dash + 1..dash + 4) {
                Some([b'-', b'>', ..]) => return dash + 3,
                Some([b'-', b'!', b'>']) => return dash + 4,
                None if bytes.get(dash + 1..dash + 3) == Some(b"->") => return dash + 3,
                _ => {}
            }
            from = dash + 1;
        }
        len
    }

    /// Reads an element name starting at `start` (its first character is
    /// taken whatever it is); returns it and the offset just past it.
    fn name(&self, start: usize) -> (Name, usize) {
        let bytes = self.bytes;
        let mut hash = elements::FNV_OFFSET;
        let mut lower = [0u8; KNOWN_NAME_MAX];
        let mut len = 0;
        let mut pos = start;
        while pos < bytes.len() {
            let b = bytes[pos];
            if pos > start && (b == b'/' || b == b'>' || is_markup_space(b)) {
                break;
            }
            if b == 0 {
                for &r in "\u{FFFD}".as_bytes() {
                    hash = elements::fnv_step(hash, r);
                }
                len = KNOWN_NAME_MAX + 1;
            } else {
                let b = b.to_ascii_lowercase();
                hash = elements::fnv_step(hash, b);
                if len < KNOWN_NAME_MAX {
                    lower[len] = b;
                }
                len += 1;
            }
            pos += 1;
        }
        let name = if len <= KNOWN_NAME_MAX {
            elements::lookup(&lower[..len], hash).map_or(Name::Unknown(hash), Name::Known)
        } else {
            Name::Unknown(hash)
        };
        (name, pos)
    }

    /// Skips a tag's attributes from `pos`. Returns the offset after the
    /// tag, whether it was closed by `>` (as opposed to the end of input),
    /// and whether that was `/>`.
    ///
    /// Outside attribute values only `=` and `>` matter, so the scan jumps
    /// between them (some pages put 200 KB of unescaped JSON in attributes).
    /// An `=` separates a name from its value unless it starts a name
    /// itself, which libxml2 lets it do right after the tag name, a value or
    /// a `/` (`<a =x>` has an attribute named `=x`).
    fn attributes(&self, mut pos: usize) -> (usize, bool, bool) {
        let bytes = self.bytes;
        let len = bytes.len();
        // Where the current run of names (no value in it) began.
        let mut names_start = pos;
        loop {
            let Some(i) = memchr2(b'=', b'>', &bytes[pos..]) else {
                return (len, false, false);
            };
            let at = pos + i;
            if bytes[at] == b'>' {
                let self_closing = at > names_start && bytes[at - 1] == b'/';
                return (at + 1, true, self_closing);
            }
            let mut before = at;
            while before > names_start && is_markup_space(bytes[before - 1]) {
                before -= 1;
            }
            if before == names_start || bytes[before - 1] == b'/' {
                pos = at + 1;
                continue;
            }
            pos = at + 1;
            while pos < len && is_markup_space(bytes[pos]) {
                pos += 1;
            }
            match bytes.get(pos) {
                Some(&quote @ (b'"' | b'\'')) => {
                    pos = memchr(quote, &bytes[pos + 1..]).map_or(len, |i| pos + 1 + i + 1);
                }
                _ => {
                    while pos < len && !is_markup_space(bytes[pos]) && bytes[pos] != b'>' {
                        pos += 1;
                    }
                }
            }
            names_start = pos;
        }
    }

    fn start_tag(&mut self, lt: usize) -> usize {
        let (name, after_name) = self.name(lt + 1);
        let (end, complete, self_closing) = self.attributes(after_name);
        let opened = self.tree.start_tag(name, complete, self_closing);
        self.flush_events();
        match opened.mode {
            Mode::Data => end,
            mode => self.raw_text(end, mode, opened.raw_end),
        }
    }

    fn end_tag(&mut self, lt: usize) -> usize {
        let bytes = self.bytes;
        let start = lt + 2;
        match bytes.get(start) {
            None => {
                self.literal("</");
                bytes.len()
            }
            Some(b'>') => start + 1,
            Some(b) if !b.is_ascii_alphabetic() => {
                // A bogus comment, reported as a comment node.
                self.sink.boundary();
                self.after_gt(start)
            }
            Some(_) => {
                let (name, after_name) = self.name(start);
                let (end, complete, _) = self.attributes(after_name);
                if complete {
                    self.tree.end_tag(name);
                    self.flush_events();
                }
                end
            }
        }
    }

    /// The content of a raw-text element `id` from `start`; returns where
    /// its end tag starts (or the end of input).
    fn raw_text(&mut self, start: usize, mode: Mode, id: elements::Id) -> usize {
        let name = NAMES[id as usize].as_bytes();
        let end = match mode {
            Mode::PlainText => self.bytes.len(),
            Mode::Script => self.script_end(start, name),
            _ => self.raw_end(start, name),
        };
        if end > start && self.tree.visible() {
            self.text(start, end, mode == Mode::RcData);
        }
        end
    }

    /// Whether `</name` followed by a tag-name terminator starts at `lt`
    /// (`solidus` false: `<name` instead).
    #[inline]
    fn tag_at(&self, lt: usize, solidus: bool, name: &[u8]) -> bool {
        let bytes = self.bytes;
        let start = lt + 1 + usize::from(solidus);
        if solidus && bytes.get(lt + 1) != Some(&b'/') {
            return false;
        }
        bytes.get(start..start + name.len()).is_some_and(|candidate| candidate.eq_ignore_ascii_case(name))
            && bytes.get(start + name.len()).is_some_and(|&b| b == b'>' || b == b'/' || is_markup_space(b))
    }

    /// Where the end tag of a `<style>`, `<title>`... starting at `start` is.
    fn raw_end(&self, start: usize, name: &[u8]) -> usize {
        let bytes = self.bytes;
        let mut from = start;
        while let Some(i) = memchr(b'<', &bytes[from..]) {
            let lt = from + i;
            if self.tag_at(lt, true, name) {
                return lt;
            }
            from = lt + 1;
        }
        bytes.len()
    }

    /// Where a script's end tag is, with the HTML5 (and libxml2) rules for
    /// `<!--`: inside such an escape, `<script>` starts a nested region in
    /// which `</script>` does not end the script.
    fn script_end(&self, start: usize, name: &[u8]) -> usize {
        #[derive(PartialEq)]
        enum State {
            Plain,
            Escaped,
            DoubleEscaped,
        }
        let bytes = self.bytes;
        let mut state = State::Plain;
        let mut from = start;
        loop {
            let rest = &bytes[from..];
            let found = if state == State::Plain { memchr(b'<', rest) } else { memchr2(b'<', b'-', rest) };
            let Some(i) = found else {
                return bytes.len();
            };
            let at = from + i;
            from = at + 1;
            if bytes[at] == b'-' {
                if bytes.get(at + 1..at + 3) == Some(b"->") {
                    state = State::Plain;
                }
                continue;
            }
            if state == State::Plain && bytes.get(at + 1) == Some(&b'!') {
                if bytes.get(at + 2..at + 4) == Some(b"--") {
                    state = State::Escaped;
                }
                continue;
            }
            let solidus = bytes.get(at + 1) == Some(&b'/');
            if (solidus || state == State::Escaped) && self.tag_at(at, solidus, name) {
                match (&state, solidus) {
                    (State::Escaped, false) => state = State::DoubleEscaped,
                    (State::DoubleEscaped, _) => state = State::Escaped,
                    _ => return at,
                }
            }
        }
    }
}
