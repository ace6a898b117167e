//! Next.js App Router pages carry the tree their server rendered as a React
//! Server Components ("flight") stream, pushed by inline scripts:
//! `self.__next_f.push([1,"0:[\"$\",\"div\",null,{…}]\n…"])`. Most pages
//! also render that tree into their HTML. Some leave the body an empty
//! shell and put the posting only in the stream; TikTok's career site is one.
//! [`render`] turns the stream back into HTML, and [`crate::extract`] reads
//! that HTML when the page itself gives no posting.
//!
//! The format is React's own wire format. No Rust crate reads it, so it is
//! read here, and only as far as the job's text needs:
//! - The stream is the concatenation of the strings pushed with tag `1`.
//! - The stream is made of rows `ID:PAYLOAD\n`, where ID is hex. A text row
//!   is `ID:T<byte length in hex>,<text>`, with no newline after it.
//!   Other rows with a letter tag (`I` module imports, `H` hints, `E`
//!   errors) hold no page content and are skipped.
//! - In a JSON row, the array `["$", type, key, props]` is an element.
//!   - A type that is a tag name renders as that tag. Its attributes are the
//!     string props the scan reads (`className` as `class`, `itemProp` as
//!     `itemprop`, `id`, `href`, `data-*`, `aria-*`, …).
//!     `dangerouslySetInnerHTML.__html` is its inner HTML.
//!   - A type that is a reference (`$L1f`) is a client component. It has no
//!     tag of its own, except that one with a string `href` (Next's `Link`)
//!     renders as `<a>`. Its `children` render, and so does every element
//!     found in its other props: components take their content as data
//!     (`{"module": {…, "children": [["$","p",…]]}}`).
//! - A string in children is text. A newline in it is a `<br>`: React text
//!   with line breaks sits in `white-space: pre-line` blocks, and those
//!   lines are the description's paragraphs. Text is escaped as it is
//!   written.
//! - `$<hex>`, `$L<hex>` and `$@<hex>` refer to another row. That row
//!   renders in place, once. `$$` is a literal `$`, and other `$` values
//!   (`$undefined`, `$Sreact.suspense`, dates) render as nothing.
//! - Rows that no other row refers to are the roots. They render in stream
//!   order.
//!
//! Against hostile streams, the nesting depth and the output length are
//! capped.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use crate::description::escape_into;
use crate::scan::Page;

/// The call each stream script makes.
const PUSH: &str = "self.__next_f.push(";
/// Deepest element nesting rendered, references included; serde_json caps
/// one row at 128 levels, but references chain rows.
const MAX_DEPTH: usize = 256;
/// Most HTML rendered (bytes).
const MAX_OUT: usize = 4 << 20;

/// One row of the stream.
enum Row<'a> {
    Json(Value),
    Text(&'a str),
}

/// The page's flight stream rendered as HTML, or `None` when the page has
/// no stream or nothing in it renders.
pub fn render(page: &Page) -> Option<String> {
    let stream = stream(page)?;
    let (rows, order) = rows(&stream);
    let mut referenced = HashSet::new();
    for row in rows.values() {
        if let Row::Json(v) = row {
            collect_refs(v, &mut referenced, 0);
        }
    }
    let mut r = Renderer { rows: &rows, done: HashSet::new(), out: String::new() };
    for id in order {
        if !referenced.contains(id) && r.done.insert(id) {
            r.row(id, false, 0);
        }
    }
    (!r.out.is_empty()).then_some(r.out)
}

/// The strings pushed with tag 1, in order.
fn stream(page: &Page) -> Option<String> {
    let mut stream = String::new();
    for script in page.scripts.iter().map(|r| page.slice(r)) {
        let Some(args) = script.trim_start().strip_prefix(PUSH) else { continue };
        let Some(close) = args.rfind(')') else { continue };
        if let Ok((1, chunk)) = serde_json::from_str::<(u8, String)>(&args[..close]) {
            stream.push_str(&chunk);
        }
    }
    (!stream.is_empty()).then_some(stream)
}

/// The stream's rows by id, and the ids in stream order.
fn rows(stream: &str) -> (HashMap<&str, Row<'_>>, Vec<&str>) {
    let mut rows = HashMap::new();
    let mut order = Vec::new();
    let mut rest = stream;
    while let Some(colon) = rest.find(':') {
        let id = &rest[..colon];
        let payload = &rest[colon + 1..];
        if id.is_empty() || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
            // Out of step (after a text row whose stated length was off,
            // or a stray newline): read on from the next line.
            let Some(nl) = rest.find('\n') else { break };
            rest = &rest[nl + 1..];
            continue;
        }
        if let Some(text_row) = payload.strip_prefix('T')
            && let Some(comma) = text_row.find(',')
            && let Ok(len) = usize::from_str_radix(&text_row[..comma], 16)
        {
            let text = &text_row[comma + 1..];
            let end = text.floor_char_boundary(len.min(text.len()));
            rows.insert(id, Row::Text(&text[..end]));
            order.push(id);
            rest = &text[end..];
            continue;
        }
        let (line, next) = payload.split_once('\n').unwrap_or((payload, ""));
        if line.starts_with(['[', '{', '"'])
            && let Ok(v) = serde_json::from_str(line)
        {
            rows.insert(id, Row::Json(v));
            order.push(id);
        }
        rest = next;
    }
    (rows, order)
}

/// The row a string refers to (`$1f`, `$L1f`, `$@1f`).
fn reference(s: &str) -> Option<&str> {
    let id = s.strip_prefix('$')?;
    let id = id.strip_prefix(['L', '@']).unwrap_or(id);
    (!id.is_empty() && id.bytes().all(|b| b.is_ascii_hexdigit())).then_some(id)
}

fn collect_refs<'v>(v: &'v Value, into: &mut HashSet<&'v str>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    match v {
        Value::String(s) => {
            if let Some(id) = reference(s) {
                into.insert(id);
            }
        }
        Value::Array(a) => a.iter().for_each(|x| collect_refs(x, into, depth + 1)),
        Value::Object(o) => o.values().for_each(|x| collect_refs(x, into, depth + 1)),
        _ => {}
    }
}

/// React prop names that are attributes the scan reads, and their HTML names.
const ATTRIBUTES: [(&str, &str); 14] = [
    ("className", "class"),
    ("id", "id"),
    ("href", "href"),
    ("role", "role"),
    ("lang", "lang"),
    ("name", "name"),
    ("content", "content"),
    ("property", "property"),
    ("type", "type"),
    ("itemProp", "itemprop"),
    ("itemType", "itemtype"),
    ("dateTime", "datetime"),
    ("htmlFor", "for"),
    ("title", "title"),
];

fn attribute_name(prop: &str) -> Option<&str> {
    if prop.starts_with("data-") || prop.starts_with("aria-") {
        return Some(prop);
    }
    ATTRIBUTES.iter().find(|(p, _)| *p == prop).map(|(_, a)| *a)
}

struct Renderer<'s, 'r> {
    rows: &'r HashMap<&'s str, Row<'s>>,
    /// Rows rendered (or being rendered): each renders once.
    done: HashSet<&'s str>,
    out: String,
}

impl<'s> Renderer<'s, '_> {
    fn full(&self) -> bool {
        self.out.len() >= MAX_OUT
    }

    /// Renders row `id` in place; `child` says whether it stands where
    /// text shows (an element's children).
    fn row(&mut self, id: &str, child: bool, depth: usize) {
        match self.rows.get(id) {
            Some(Row::Json(v)) => self.node(v, child, depth + 1),
            Some(Row::Text(t)) if child => self.text(t),
            _ => {}
        }
    }

    /// Follows a reference once; `true` when `s` was one.
    fn follow(&mut self, s: &str, child: bool, depth: usize) -> bool {
        let Some(id) = reference(s) else { return false };
        if let Some((&key, _)) = self.rows.get_key_value(id)
            && self.done.insert(key)
        {
            self.row(key, child, depth);
        }
        true
    }

    fn text(&mut self, t: &str) {
        for (i, line) in t.split('\n').enumerate() {
            if i > 0 {
                self.out.push_str("<br>");
            }
            escape_into(&mut self.out, line);
        }
    }

    fn node(&mut self, v: &Value, child: bool, depth: usize) {
        if depth > MAX_DEPTH || self.full() {
            return;
        }
        match v {
            Value::String(s) => {
                if self.follow(s, child, depth) || !child {
                    return;
                }
                match s.strip_prefix('$') {
                    Some(rest) if rest.starts_with('$') => self.text(rest),
                    Some(_) => {}
                    None => self.text(s),
                }
            }
            Value::Number(n) if child => self.out.push_str(&n.to_string()),
            Value::Array(a) => match a.as_slice() {
                [Value::String(dollar), Value::String(kind), _, Value::Object(props)] if dollar == "$" => {
                    self.element(kind, props, depth);
                }
                items => items.iter().for_each(|x| self.node(x, child, depth + 1)),
            },
            Value::Object(o) => o.values().for_each(|x| self.node(x, false, depth + 1)),
            _ => {}
        }
    }

    fn element(&mut self, kind: &str, props: &serde_json::Map<String, Value>, depth: usize) {
        let link = || props.get("href").and_then(Value::as_str).filter(|h| !h.starts_with('$'));
        let tag = match kind.strip_prefix('$') {
            None if !kind.is_empty() && kind.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') => Some(kind),
            None => None,
            Some(_) => link().map(|_| "a"),
        };
        if let Some(tag) = tag {
            self.out.push('<');
            self.out.push_str(tag);
            for (prop, value) in props {
                if let (Some(name), Some(value)) = (attribute_name(prop), value.as_str())
                    && !value.starts_with('$')
                {
                    self.out.push(' ');
                    self.out.push_str(name);
                    self.out.push_str("=\"");
                    escape_into(&mut self.out, value);
                    self.out.push('"');
                }
            }
            self.out.push('>');
        }
        for (prop, value) in props {
            match (prop.as_str(), value) {
                ("children", v) => self.node(v, true, depth + 1),
                ("dangerouslySetInnerHTML", Value::Object(inner)) => {
                    if let Some(Value::String(h)) = inner.get("__html") {
                        self.inner_html(h);
                    }
                }
                // Attributes and style are no content.
                (_, Value::String(_) | Value::Number(_) | Value::Bool(_) | Value::Null) => {}
                ("style", _) => {}
                (_, v) => self.node(v, false, depth + 1),
            }
        }
        if let Some(tag) = tag
            && !crate::html::void(tag)
        {
            self.out.push_str("</");
            self.out.push_str(tag);
            self.out.push('>');
        }
    }

    /// Inner HTML as written, or the text row it refers to.
    fn inner_html(&mut self, h: &str) {
        match reference(h).and_then(|id| self.rows.get(id)) {
            Some(Row::Text(t)) => self.out.push_str(t),
            Some(Row::Json(_)) => {}
            None => self.out.push_str(h),
        }
    }
}

/// The scripts that push `stream`, chunked as Next.js chunks it.
#[cfg(test)]
pub(crate) fn pushes(stream: &str) -> String {
    let chars: Vec<char> = stream.chars().collect();
    let mut html = String::new();
    for chunk in chars.chunks(40) {
        let chunk: String = chunk.iter().collect();
        html.push_str("<script>self.__next_f.push(");
        html.push_str(&serde_json::to_string(&(1, chunk)).expect("json"));
        html.push_str(")</script>");
    }
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page whose body is an empty shell and whose content is pushed as
    /// a flight stream.
    fn shell(stream: &str) -> String {
        format!(
            "<html><head><title>Careers</title></head><body><div id=\"root\"></div>{}</body></html>",
            pushes(stream)
        )
    }

    fn rendered(stream: &str) -> Option<String> {
        let html = shell(stream);
        render(&crate::scan::scan(&html))
    }

    #[test]
    fn elements_render_as_tags_with_the_attributes_the_scan_reads() {
        // GIVEN a row with nested elements, a class name, a data attribute
        // and a style
        let stream = r#"0:["$","div",null,{"className":"job","data-qa":"x","style":{"color":"red"},"onClick":"$undefined","children":[["$","h1",null,{"children":"Data Engineer"}],["$","p",null,{"itemProp":"description","children":["Line one","\n","Line & two"]}]]}]
"#;
        // WHEN it is rendered
        let html = rendered(stream).expect("rendered");
        // THEN the tags, attributes and escaped text come out, styles do not
        assert_eq!(
            html,
            r#"<div class="job" data-qa="x"><h1>Data Engineer</h1><p itemprop="description">Line one<br>Line &amp; two</p></div>"#
        );
    }

    #[test]
    fn references_render_their_row_in_place_and_text_rows_read_by_byte_length() {
        // GIVEN a root that refers to a lazy element row and to a text row
        // holding multi-byte text and a newline, and a second row after it
        let stream = "2:T19,Über uns\nWir suchen Sie.\
3:[\"$\",\"section\",null,{\"children\":\"$2\"}]\n\
1:[\"$\",\"main\",null,{\"children\":[\"$L3\",\"$$5 off\"]}]\n";
        // WHEN it is rendered
        let html = rendered(stream).expect("rendered");
        // THEN the referred rows render inside the root, once, and `$$` is a dollar
        assert_eq!(html, "<main><section>Über uns<br>Wir suchen Sie.</section>$5 off</main>");
    }

    #[test]
    fn client_components_render_their_content_props_and_links() {
        // GIVEN client components: one taking its content as data, one a
        // Next.js Link, and a text row used as inner HTML
        let stream = r#"5:T15,<p>Hello <b>x</b></p>0:["$","$L9",null,{"module":{"type":"details","blocks":[["$","p",null,{"children":"Location:"}],["$","$L1f",null,{"href":"/about","children":"About Us"}]]}}]
7:["$","div",null,{"dangerouslySetInnerHTML":{"__html":"$5"}}]
"#;
        // WHEN it is rendered
        let html = rendered(stream).expect("rendered");
        // THEN the data's elements render, the link is an anchor, the HTML is raw
        assert_eq!(html, r#"<p>Location:</p><a href="/about">About Us</a><div><p>Hello <b>x</b></p></div>"#);
    }

    #[test]
    fn import_hint_and_broken_rows_are_skipped_and_cycles_end() {
        // GIVEN import and hint rows, a row that is not JSON, two rows that
        // refer to each other, a root that enters them, and a text row
        // whose length runs past the end
        let stream = "1:I[123,[],\"\"]\n2:HL[\"a.css\",\"style\"]\n3:[\"$\",\"p\",null,{\n\
4:[\"$\",\"div\",null,{\"children\":[\"a\",\"$5\"]}]\n5:[\"$\",\"span\",null,{\"children\":\"$4\"}]\n\
6:[\"$\",\"main\",null,{\"children\":\"$4\"}]\n9:Tff,short";
        // WHEN it is rendered
        let html = rendered(stream).expect("rendered");
        // THEN the cycle renders once from the root, and nothing else shows
        assert_eq!(html, "<main><div>a<span></span></div></main>");
    }

    #[test]
    fn a_page_without_a_stream_renders_nothing() {
        // GIVEN pages with no stream, or only non-content pushes
        let plain = crate::scan::scan("<html><body><h1>Job</h1><script>var x = 1;</script></body></html>");
        let bootstrap = shell("");
        let other = "<script>self.__next_f.push([0])</script><script>self.__next_f.push([2,\"x\"])</script>";
        // THEN nothing is rendered
        assert_eq!(render(&plain), None);
        assert_eq!(render(&crate::scan::scan(&bootstrap)), None);
        assert_eq!(render(&crate::scan::scan(other)), None);
    }

    #[test]
    fn hostile_nesting_stops_at_the_depth_cap() {
        // GIVEN a chain of 5,000 rows, each an element referring to the next
        let mut stream = String::new();
        for i in 0..5000 {
            stream.push_str(&format!("{i:x}:[\"$\",\"div\",null,{{\"children\":\"${:x}\"}}]\n", i + 1));
        }
        // WHEN it is rendered
        let html = rendered(&stream).expect("rendered");
        // THEN it ends, with the open tags balanced and no deeper than the cap
        let opened = html.matches("<div>").count();
        assert!(opened > 50 && opened <= MAX_DEPTH, "{opened}");
        assert_eq!(opened, html.matches("</div>").count());
    }
}
