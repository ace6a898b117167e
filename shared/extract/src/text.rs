//! Small text helpers shared by the extraction sources: entity decoding,
//! whitespace clean-up, and the text of an already-located HTML fragment.

use std::borrow::Cow;

use aho_corasick::AhoCorasick;

/// A vocabulary of whole-word phrases, each with a tag, matched against
/// text as [`fold`] leaves it (lower case, accents off, punctuation as
/// spaces) in one Aho-Corasick pass: "Full-Time | Remote" holds "full time"
/// and "remote", "remote-first" does not hold "remote first"'s neighbours
/// by accident, and "note" never holds "ote".
pub struct Phrases<T: 'static> {
    ac: AhoCorasick,
    tags: &'static [(&'static str, T)],
}

impl<T: Copy> Phrases<T> {
    /// The vocabulary of `tags` (phrases written folded).
    pub fn new(tags: &'static [(&'static str, T)]) -> Self {
        let ac = AhoCorasick::new(tags.iter().map(|(p, _)| format!(" {p} "))).expect("phrases");
        Self { ac, tags }
    }

    /// Every phrase in the text, overlapping ones too, in order, each with
    /// where it starts in the folded text.
    pub fn find_in(&self, text: &str) -> Vec<(usize, T)> {
        let padded = format!(" {} ", fold(text));
        self.ac.find_overlapping_iter(&padded).map(|m| (m.start(), self.tags[m.pattern().as_usize()].1)).collect()
    }
}

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
        let common = [
            ("&quot;", "\""),
            ("&amp;", "&"),
            ("&lt;", "<"),
            ("&gt;", ">"),
            ("&#39;", "'"),
            ("&apos;", "'"),
            ("&nbsp;", "\u{a0}"),
            ("&#34;", "\""),
        ];
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
            _ => match legacy_entity(&tail[1..]) {
                Some((name, v)) => {
                    out.push_str(v);
                    rest = &tail[1 + name.len()..];
                }
                None => {
                    out.push('&');
                    rest = &tail[1..];
                }
            },
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Entities that HTML still decodes without their `;` and pages still
/// write that way ("&copy 2024", "Click here</a>&nbspto update"): the
/// common ones of the spec's legacy list. Only where no letter, digit or
/// `=` follows, as in an attribute (`?a=1&copy=2` and "&ampx" stay as
/// written); `&nbsp` is taken before anything but `=`, as browsers render
/// it in text.
fn legacy_entity(after_amp: &str) -> Option<(&'static str, &'static str)> {
    const LEGACY: &[(&str, &str)] = &[
        ("nbsp", "\u{a0}"),
        ("amp", "&"),
        ("lt", "<"),
        ("gt", ">"),
        ("quot", "\""),
        ("copy", "©"),
        ("reg", "®"),
        ("middot", "·"),
        ("raquo", "»"),
        ("laquo", "«"),
        ("pound", "£"),
        ("yen", "¥"),
        ("deg", "°"),
        ("eacute", "é"),
        ("egrave", "è"),
        ("uuml", "ü"),
        ("ouml", "ö"),
        ("auml", "ä"),
        ("szlig", "ß"),
    ];
    let (name, v) = LEGACY.iter().find(|(n, _)| after_amp.starts_with(n))?;
    let next = after_amp.as_bytes().get(name.len()).copied();
    let taken = match next {
        Some(b'=') => false,
        Some(b) if b.is_ascii_alphanumeric() => *name == "nbsp",
        _ => true,
    };
    taken.then_some((*name, *v))
}

/// Entities decoded and all whitespace runs collapsed to one space; `None`
/// when nothing is left.
pub fn clean(s: &str) -> Option<String> {
    let s = decode_entities(s);
    let mut out = String::with_capacity(s.len());
    collapse_into(&mut out, &s);
    (!out.is_empty()).then_some(out)
}

/// A title without a hiring sentence's start: "We Are Looking For An SEO
/// Content Editor" is the SEO Content Editor, "Wir suchen: Elektriker
/// (m/w/d)" the Elektriker. Only when what follows starts like a title
/// (a capital or a digit): "We are looking for talented people" is kept.
/// A bare "Hiring" needs its colon or dash: "Hiring Manager" is a title.
pub fn without_hiring_lead(title: &str) -> &str {
    const LEADS: &[(&str, bool)] = &[
        ("we are looking for", false),
        ("we're looking for", false),
        ("we’re looking for", false),
        ("we are hiring", false),
        ("we're hiring", false),
        ("we’re hiring", false),
        ("we are recruiting", false),
        ("join our team as", false),
        ("join us as", false),
        ("now hiring", true),
        ("hiring", true),
        ("wir suchen", false),
        ("wir stellen ein", false),
        ("nous recrutons", false),
        ("nous recherchons", false),
        ("on recrute", false),
        ("buscamos", false),
        ("estamos buscando", false),
        ("wij zoeken", false),
        ("we zoeken", false),
        ("cerchiamo", false),
    ];
    const ARTICLES: &[&str] =
        &["a", "an", "the", "dich als", "sie als", "einen", "eine", "ein", "un", "une", "una", "een"];
    let t = title.trim_start();
    for (lead, needs_mark) in LEADS {
        let Some(rest) = t.get(..lead.len()).filter(|p| p.eq_ignore_ascii_case(lead)).map(|_| &t[lead.len()..]) else {
            continue;
        };
        let marked = rest.trim_start().starts_with([':', '-', '–', '—', '!']);
        if !rest.starts_with([' ', ':', '!']) || (*needs_mark && !marked) {
            continue;
        }
        let mut rest = rest.trim_start_matches([' ', ':', '-', '–', '—', '!']);
        for article in ARTICLES {
            // The space first: it makes the article's end a char boundary.
            if let Some(after) = rest
                .get(..article.len() + 1)
                .filter(|p| p.ends_with(' ') && p[..article.len()].eq_ignore_ascii_case(article))
            {
                rest = rest[after.len()..].trim_start();
                break;
            }
        }
        if rest.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()) {
            return rest.trim_end();
        }
    }
    title
}

/// Appends `s` with every whitespace run (Unicode `White_Space`, as
/// `split_whitespace`) collapsed to one space and none at either end of
/// what `s` adds, and without soft hyphens (U+00AD), which a browser shows
/// only where it breaks a word: "Bewerbungs&shy;schluss" is one word, and
/// one label. Byte-wise for ASCII: this runs over every line of every
/// page, and per-`char` iteration was a visible share of the scan.
pub fn collapse_into(out: &mut String, s: &str) {
    let b = s.as_bytes();
    let mut i = 0;
    let mut word_start: Option<usize> = None;
    let mut first = true;
    // The next piece goes on the word before it (after a soft hyphen).
    let mut glued = false;
    let flush = |out: &mut String, from: usize, to: usize, first: &mut bool, glued: &mut bool| {
        if !*first && !*glued {
            out.push(' ');
        }
        *first = false;
        *glued = false;
        out.push_str(&s[from..to]);
    };
    while i < b.len() {
        let c = b[i];
        let (ws, len) = if c < 0x80 {
            (matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C), 1)
        } else {
            let ch = s[i..].chars().next().unwrap_or(' ');
            if ch == '\u{AD}' {
                if let Some(ws0) = word_start.take() {
                    flush(out, ws0, i, &mut first, &mut glued);
                    glued = true;
                }
                i += ch.len_utf8();
                continue;
            }
            (ch.is_whitespace(), ch.len_utf8())
        };
        if ws {
            if let Some(ws0) = word_start.take() {
                flush(out, ws0, i, &mut first, &mut glued);
            }
            glued = false;
        } else if word_start.is_none() {
            word_start = Some(i);
        }
        i += len;
    }
    if let Some(ws0) = word_start {
        flush(out, ws0, b.len(), &mut first, &mut glued);
    }
}

/// Whether `fold(s) == folded` (`folded` already folded), without
/// building `fold(s)`: stops at the first difference.
pub fn fold_eq(s: &str, folded: &str) -> bool {
    fold_cmp(s, folded, false)
}

/// Whether `fold(s)` starts with the words of `folded` and goes on after
/// them ("Coder / Acme Inc." starts with "coder"), without building it.
pub fn fold_starts_with(s: &str, folded: &str) -> bool {
    fold_cmp(s, folded, true)
}

fn fold_cmp(s: &str, folded: &str, prefix: bool) -> bool {
    let mut want = folded.chars();
    let mut space = false;
    let mut started = false;
    for c in s.chars() {
        let c = deaccent(c);
        if c.is_alphanumeric() {
            if space && started {
                match want.next() {
                    Some(' ') => {}
                    // Every word of `folded` matched, and a new word follows.
                    None if prefix => return true,
                    _ => return false,
                }
            }
            space = false;
            started = true;
            for l in c.to_lowercase() {
                if want.next() != Some(l) {
                    return false;
                }
            }
        } else {
            space = true;
        }
    }
    !prefix && want.next().is_none()
}

/// Elements whose boundaries separate lines of text.
pub fn is_block(tag: &str) -> bool {
    super::html::tag_flags(tag) & super::html::BLOCK != 0
}

/// The text of an HTML fragment that the page scan has already located
/// (a title, a location line, a description block): tags dropped, script
/// and style contents skipped, block boundaries as line breaks, entities
/// decoded, whitespace collapsed within lines. Runs the page scan's
/// tokenizer ([`super::html`]) over the fragment.
pub fn fragment_text(html: &str) -> String {
    text_of(html, false)
}

/// The text of a description: [`fragment_text`], except that a line
/// break inside the page's text (not between blocks) before a lower-case
/// letter is a space. Such breaks are hard wrapping ("…or other data
/// storage⏎systems, like ORM"), which a browser lays out as one paragraph;
/// a break before anything else may part items (a site's `white-space:
/// pre-line`: "📍Design data models⏎📍Build pipelines"), and stays. Inside
/// `<pre>` every break stays.
pub fn flowing_text(html: &str) -> String {
    text_of(html, true)
}

/// Appends `t`, each line break that a lower-case letter follows (after
/// spaces) made a space, unless the next line opens with a label ("type:
/// job", a dump of fields one per line).
fn push_flowing(raw: &mut String, t: &str) {
    let mut rest = t;
    while let Some(i) = rest.find('\n') {
        let next = rest[i + 1..].trim_start_matches([' ', '\t', '\r']);
        let label = || next.split_whitespace().next().is_some_and(|w| w.ends_with(':'));
        if next.chars().next().is_some_and(char::is_lowercase) && !label() {
            // (A `\r` before it is whitespace the line's collapsing takes.)
            raw.push_str(&rest[..i]);
            raw.push(' ');
        } else {
            raw.push_str(&rest[..=i]);
        }
        rest = &rest[i + 1..];
    }
    raw.push_str(rest);
}

fn text_of(html: &str, flowing: bool) -> String {
    use super::html as h;
    let b = html.as_bytes();
    let n = b.len();
    let mut raw = String::with_capacity(n.min(1 << 16));
    let mut attrs = Vec::new();
    let mut pos = 0;
    // An end tag was the last thing read: an inline element that opens
    // right after one closed may be laid out apart ("United States" /
    // "Engineering" in a flex row); see [`pieces_apart`].
    let mut abut = false;
    let mut pending_space = false;
    // Open `<pre>` elements, where every line break is the text's.
    let mut pre = 0usize;
    while pos < n {
        let lt = h::next_lt(b, pos);
        if lt > pos {
            let t = &html[pos..lt];
            if std::mem::take(&mut pending_space)
                && let (Some(p), Some(c)) = (raw.chars().next_back(), t.chars().next())
                && pieces_apart(p, c) == Some(true)
            {
                raw.push(' ');
            }
            if flowing && pre == 0 && t.contains('\n') {
                push_flowing(&mut raw, t);
            } else {
                raw.push_str(t);
            }
            abut = false;
        }
        if lt >= n {
            break;
        }
        pos = match b.get(lt + 1) {
            Some(b'!') if b[lt + 2..].starts_with(b"--") => h::comment_end(b, lt + 4),
            Some(b'!' | b'?') => h::after_gt(b, lt + 1),
            Some(b'/') if b.get(lt + 2).is_some_and(u8::is_ascii_alphabetic) => {
                let (name, after) = h::end_tag(html, lt);
                let mut buf = [0u8; 24];
                let name = h::lower(name, &mut buf);
                if name.is_some_and(is_block) {
                    raw.push('\n');
                }
                if name == Some("pre") {
                    pre = pre.saturating_sub(1);
                }
                abut = true;
                after
            }
            Some(b'/') => h::after_gt(b, lt + 2),
            Some(c) if c.is_ascii_alphabetic() => match h::start_tag(html, lt, &mut attrs) {
                // A tag cut off by the end of the fragment is text.
                None => {
                    raw.push_str(&html[lt..]);
                    n
                }
                Some(tag) => {
                    let mut buf = [0u8; 24];
                    let name = h::lower(tag.name, &mut buf).unwrap_or("");
                    if name == "pre" {
                        pre += 1;
                    }
                    if is_block(name) {
                        raw.push('\n');
                    } else if matches!(name, "img" | "input") {
                        raw.push(' ');
                    } else if abut {
                        pending_space = true;
                    }
                    abut = false;
                    if matches!(name, "script" | "style" | "template" | "svg" | "select")
                        || h::closed_dialog(name, &attrs)
                    {
                        h::past_end_tag(html, h::raw_text_end(b, tag.end, name))
                    } else {
                        tag.end
                    }
                }
            },
            // A lone `<` is text.
            _ => {
                raw.push('<');
                lt + 1
            }
        };
    }
    let decoded = decode_entities(&raw);
    let mut out = String::with_capacity(decoded.len());
    for line in decoded.lines() {
        let before = out.len();
        if before > 0 {
            out.push('\n');
        }
        let mark = out.len();
        collapse_into(&mut out, line);
        if out.len() == mark {
            out.truncate(before);
        }
    }
    out
}

/// Whether two inline pieces that abut (one element closes, the next opens,
/// nothing between) are separate items: `Some(true)` for a flex row's
/// "United States" | "Engineering" | "ID: 5156" (a lower-case or digit end
/// and a capital or digit start; a closing bracket and a capital or digit),
/// `Some(false)` for one phrase ("$249,860"
/// | "—", "here" | ".", "Location:" | "Berlin") or one word a formatter
/// split ("vulnerabilitie" | "s", "P" | "lease"), `None` where the letters
/// cannot tell (scripts without case).
pub fn pieces_apart(prev: char, next: char) -> Option<bool> {
    if ":-–—~～/(".contains(prev) || "-–—~～/),.;:%…".contains(next) {
        return Some(false);
    }
    // "IN / Remote (IN)" | "Full-time": a closing bracket ends an item.
    if matches!(prev, ')' | ']') && (next.is_ascii_uppercase() || next.is_ascii_digit()) {
        return Some(true);
    }
    if prev.is_ascii_alphanumeric() && next.is_ascii_alphanumeric() {
        let apart = (prev.is_ascii_lowercase() && (next.is_ascii_uppercase() || next.is_ascii_digit()))
            || (prev.is_ascii_digit() && next.is_ascii_uppercase());
        return Some(apart);
    }
    if prev.is_ascii() && next.is_ascii() {
        return Some(false);
    }
    None
}

/// Whether `s` starts with `prefix`, ASCII case ignored.
pub fn starts_with_ci(s: &str, prefix: &str) -> bool {
    s.as_bytes().get(..prefix.len()).is_some_and(|h| h.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// Whether `s` ends with `suffix`, ASCII case ignored.
pub fn ends_with_ci(s: &str, suffix: &str) -> bool {
    s.len() >= suffix.len() && s.as_bytes()[s.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
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
    if s.is_ascii() {
        // The same rules, byte-wise: ASCII has no accents and lower-cases
        // to itself in one byte.
        for b in s.bytes() {
            if b.is_ascii_alphanumeric() {
                if space && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                out.push(char::from(b.to_ascii_lowercase()));
            } else {
                space = true;
            }
        }
        return out;
    }
    for c in s.chars() {
        let c = deaccent(c);
        let caseless = caseless_letter(c);
        if caseless || c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            if caseless {
                out.push(c);
            } else {
                push_lower(&mut out, c);
            }
        } else {
            space = true;
        }
    }
    out
}

/// The letters of the big caseless scripts job pages are written in
/// (Arabic, kana, CJK ideographs, Hangul syllables): range tests, where
/// `is_alphanumeric` outside ASCII is a search of Unicode's tables that
/// was a quarter of the generic step on an Arabic page.
#[inline]
fn caseless_letter(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' | '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FA}' | '\u{4E00}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7A3}')
}

/// Pushes `c` lower-cased. Most letters of a non-Latin page (Arabic, CJK,
/// Hangul) have no case: `is_uppercase` is one table probe, where the case
/// mapping is a binary search, and folding such pages' lines was most of
/// the generic step's time. Titlecase letters (ǅ, ᾈ) are the only letters
/// that lower-case without being upper-case.
#[inline]
fn push_lower(out: &mut String, c: char) {
    if c.is_uppercase()
        || matches!(
            c,
            '\u{1C5}' | '\u{1C8}' | '\u{1CB}' | '\u{1F2}' | '\u{1F88}'
                ..='\u{1FAF}' | '\u{1FBC}' | '\u{1FCC}' | '\u{1FFC}'
        )
    {
        out.extend(c.to_lowercase());
    } else {
        out.push(c);
    }
}

/// Strips the common Latin diacritics; other scripts are left alone.
pub fn deaccent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ą' | 'ă' => 'a',
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' | 'Ą' | 'Ă' => 'A',
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
        'ś' | 'š' | 'ş' | 'ș' => 's',
        'Ś' | 'Š' | 'Ş' | 'Ș' => 'S',
        'ź' | 'ż' | 'ž' => 'z',
        'Ź' | 'Ż' | 'Ž' => 'Z',
        'ł' => 'l',
        'Ł' => 'L',
        'ř' => 'r',
        'ť' | 'ț' => 't',
        'ğ' => 'g',
        'ı' => 'i',
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
    fn a_soft_hyphen_is_not_shown_and_does_not_split_its_word() {
        // GIVEN text with soft hyphens inside, before and after words
        let mut out = String::new();
        // WHEN it is collapsed
        collapse_into(&mut out, "  Bewerbungs\u{AD}schluss \u{AD}am  24.12.2024\u{AD} ");
        // THEN the words are whole and spaced as before
        assert_eq!(out, "Bewerbungsschluss am 24.12.2024");
        let mut out = String::new();
        collapse_into(&mut out, "Stellen\u{AD}\u{AD}an\u{AD}gebot");
        assert_eq!(out, "Stellenangebot");
    }

    #[test]
    fn a_line_starts_with_a_title_only_at_a_word_boundary() {
        // GIVEN a folded title
        // THEN a line with more words after it starts with it
        assert!(fold_starts_with("Coder Engineer / Acme Inc.", "coder engineer"));
        // AND neither the title alone, a longer word, nor another line does
        assert!(!fold_starts_with("Coder Engineer", "coder engineer"));
        assert!(!fold_starts_with("Coder Engineering lead", "coder engineer"));
        assert!(!fold_starts_with("Senior Coder Engineer", "coder engineer"));
        assert!(fold_eq("Coder  Engineer!", "coder engineer"));
    }

    #[test]
    fn abutting_pieces_are_apart_in_a_row_and_together_in_a_word_or_phrase() {
        // GIVEN inline elements with nothing between them
        let text = |h: &str| fragment_text(h);
        // THEN a flex row's items are words apart
        assert_eq!(
            text("<span>United States</span><span>Engineering</span><span>ID: 5156</span>"),
            "United States Engineering ID: 5156"
        );
        assert_eq!(text("<span>5156</span><a>Apply</a>"), "5156 Apply");
        // AND a word a formatter split, a phrase and punctuation stay together
        assert_eq!(text("<span>vulnerabilitie</span><span>s</span>"), "vulnerabilities");
        assert_eq!(text("<span>P</span><span>lease apply</span>"), "Please apply");
        assert_eq!(text("<span>$249,860</span><span>—</span><span>$324,470</span>"), "$249,860—$324,470");
        assert_eq!(text("<a>here</a><span>.</span>"), "here.");
        // AND scripts without case stay as written
        assert_eq!(text("<span>お気に入り</span><span>追加済み</span>"), "お気に入り追加済み");
        assert_eq!(pieces_apart('お', '追'), None);
    }

    #[test]
    fn fragment_text_drops_tags_scripts_and_keeps_block_breaks() {
        // GIVEN a fragment with inline and block markup, a script and entities
        let html =
            "<div>Hello <b>big</b>&nbsp;world<script>var x = '<p>no</p>';</script></div><p>Second &amp; last</p>";
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
        assert_eq!(
            decode_entities("a &quot;b&quot; &amp; &lt;c&gt; &#39;d&#39; &eacute; &#x41; & e &unknown; x"),
            "a \"b\" & <c> 'd' é A & e &unknown; x"
        );
        assert_eq!(decode_entities("no entities"), "no entities");
    }

    #[test]
    fn legacy_entities_decode_without_their_semicolon_where_browsers_do() {
        // GIVEN entities written without ";" as pages still write them
        // WHEN decoded
        // THEN the legacy ones decode before a space or the end, and
        // "&nbsp" before a word too, as a browser shows them
        assert_eq!(decode_entities("&copy 2024 Acme &amp Co"), "© 2024 Acme & Co");
        assert_eq!(decode_entities("Map</a>&nbspBasingstoke"), "Map</a>\u{a0}Basingstoke");
        // AND a URL's parameters, an unknown name and a brand stay as written
        assert_eq!(decode_entities("?a=1&copy=2&timestamp=3&nbsp=4"), "?a=1&copy=2&timestamp=3&nbsp=4");
        assert_eq!(decode_entities("AT&T &ampx &foo bar"), "AT&T &ampx &foo bar");
    }

    #[test]
    fn find_ci_ignores_ascii_case() {
        assert_eq!(find_ci("ab</SCRIPT>", "</script"), Some(2));
        assert_eq!(find_ci("abc", "abcd"), None);
        assert_eq!(find_ci("xx<y", "<y"), Some(2));
    }

    #[test]
    fn clean_collapses_every_whitespace_run() {
        assert_eq!(clean("  a \t\n b\u{a0}&nbsp;c\u{3000}d  ").as_deref(), Some("a b c d"));
        assert_eq!(clean(" \n "), None);
        assert_eq!(clean("Zürich,  東京").as_deref(), Some("Zürich, 東京"));
    }

    #[test]
    fn fold_eq_agrees_with_fold() {
        for (a, b) in [
            ("Île-de-France", "Ile de France!"),
            ("Senior  Dev", "senior dev (x)"),
            ("İstanbul", "istanbul"),
            ("", " - "),
            ("a b", "ab"),
        ] {
            assert_eq!(fold_eq(a, &fold(b)), fold(a) == fold(b), "{a} / {b}");
            assert_eq!(fold_eq(b, &fold(a)), fold(a) == fold(b), "{b} / {a}");
        }
    }

    #[test]
    fn caseless_letters_are_letters_without_case() {
        // GIVEN every Unicode scalar value
        for c in (0..=0x10FFFF).filter_map(char::from_u32).filter(|c| caseless_letter(*c)) {
            // WHEN it is one of the caseless letters the fold takes on sight
            // THEN it is a letter or digit, and lower-cases to itself
            assert!(c.is_alphanumeric(), "{c:?}");
            assert_eq!(c.to_lowercase().collect::<String>(), c.to_string(), "{c:?}");
        }
    }

    #[test]
    fn push_lower_lower_cases_every_letter_and_digit_as_to_lowercase_does() {
        // GIVEN every Unicode letter and digit
        for c in (0..=0x10FFFF).filter_map(char::from_u32).filter(|c| c.is_alphanumeric()) {
            // WHEN it is pushed lower-cased
            let mut out = String::new();
            push_lower(&mut out, c);
            // THEN it is what the full case mapping gives
            assert_eq!(out, c.to_lowercase().collect::<String>(), "{c:?}");
        }
    }

    #[test]
    fn fold_ignores_case_accents_and_punctuation() {
        assert_eq!(fold("Île-de-France"), "ile de france");
        assert_eq!(fold("  Secrétaire / H/F "), "secretaire h f");
    }

    #[test]
    fn a_hiring_sentence_before_the_title_is_dropped_but_a_title_that_starts_alike_is_kept() {
        // GIVEN titles led by a hiring sentence, and titles that only start alike
        let cases = [
            ("We Are Looking For An SEO Content Editor", "SEO Content Editor"),
            ("We're hiring: Senior Rust Engineer", "Senior Rust Engineer"),
            ("We’re looking for a Data Engineer", "Data Engineer"),
            ("Now hiring - Barista", "Barista"),
            ("Wir suchen Dich als Elektriker (m/w/d)", "Elektriker (m/w/d)"),
            ("Nous recrutons un Chef de projet", "Chef de projet"),
            ("Hiring Manager", "Hiring Manager"),
            ("We are looking for talented people", "We are looking for talented people"),
            ("Wir suchen", "Wir suchen"),
            ("Buscamos uné", "Buscamos uné"),
        ];
        for (title, want) in cases {
            // WHEN the lead is stripped  THEN only a real title is left
            assert_eq!(without_hiring_lead(title), want, "{title}");
        }
    }
}
