//! schema.org `JobPosting` in microdata (`itemscope` / `itemprop`): the
//! scan's items become JSON-LD-shaped values and go through the same
//! schema.org mapping.

use serde_json::{Map, Value};

use super::scan::{Page, PropValue};
use super::text::fragment_text;
use super::{Context, Draft, SOURCE_MICRODATA, jsonld};

/// Nested items deeper than this are cut off (hostile nesting).
const MAX_DEPTH: usize = 12;

/// What building one posting's value may cost. An element's `itemprop` may
/// name several properties ("hiringOrganization publisher"), so a nested
/// item is reached once per name at every level: 5 names over 12 levels is
/// 5^12 paths (a fuzzing find that ran for minutes). The budget bounds the
/// properties built and the text read, whatever the page's shape.
struct Budget {
    props: usize,
    bytes: usize,
}

const MAX_PROPS_BUILT: usize = 4_096;
const MAX_TEXT_READ: usize = 1 << 20;

fn item_value(page: &Page, idx: usize, depth: usize, budget: &mut Budget) -> Value {
    let item = &page.items[idx];
    let mut map = Map::new();
    if let Some(t) = item.types.first() {
        map.insert("@type".into(), Value::String(t.rsplit('/').next().unwrap_or(t).to_owned()));
    }
    for (name, v) in &item.props {
        // The first value of a property wins, as in JSON-LD readers; later
        // ones are not even built.
        if map.contains_key(name) {
            continue;
        }
        if budget.props == 0 {
            break;
        }
        budget.props -= 1;
        let value = match v {
            PropValue::Attr(s) => Value::String(s.clone()),
            PropValue::Text(start, end) => {
                let end = end.unwrap_or(start + (1 << 14)).min(page.html.len()).max(*start);
                let raw = page.html.get(*start..end).unwrap_or("");
                budget.bytes = budget.bytes.saturating_sub(raw.len());
                if budget.bytes == 0 {
                    break;
                }
                if name == "description" {
                    // Keep the markup: the description is sanitised later.
                    Value::String(raw.to_owned())
                } else {
                    Value::String(fragment_text(raw))
                }
            }
            PropValue::Item(i) if depth < MAX_DEPTH && *i != idx => item_value(page, *i, depth + 1, budget),
            PropValue::Item(_) => Value::Null,
        };
        map.insert(name.clone(), value);
    }
    Value::Object(map)
}

/// The cascade step: the first top-level microdata JobPosting.
pub fn apply(page: &Page, ctx: &Context, d: &mut Draft) {
    let found = page.items.iter().enumerate().find(|(_, it)| {
        !it.nested
            && it.types.iter().any(|t| t.rsplit('/').next().is_some_and(|x| x.eq_ignore_ascii_case("JobPosting")))
    });
    if let Some((idx, _)) = found {
        let v = item_value(page, idx, 0, &mut Budget { props: MAX_PROPS_BUILT, bytes: MAX_TEXT_READ });
        jsonld::apply_value(&v, ctx, d, SOURCE_MICRODATA);
    }
}
