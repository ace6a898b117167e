//! Pay: published text ("$120k–$150k a year", "€50.000 - €60.000 per
//! year", "$26–30/hr", "17-30K·13薪") into min, max, ISO 4217 currency and
//! interval.

use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use regex::Regex;

use super::Salary;
use super::text::{Phrases, fold};

/// A parsed amount range and how sure we are of its currency.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    /// The salary.
    pub salary: Salary,
    /// The currency came from a bare `$` or `Rs`: USD or INR unless the
    /// job's country says otherwise (see [`localise_bare`]).
    pub bare_symbol: bool,
}

const CUR: &str = r"US\$|USD|A\$|AU\$|AUD|C\$|CA\$|CAD|NZ\$|NZD|S\$|SGD|HK\$|HKD|R\$|BRL|€|EUR|£|GBP|¥|JPY|CNY|RMB|₹|INR|CHF|SEK|NOK|DKK|PLN|zł|CZK|Kč|HUF|RON|JOD|AED|ILS|₪|MXN|ZAR|₩|KRW|PKR|LKR|NPR|Rs\.|Rs|₨|RUB|₽|HRK|\$";
/// Currency markers written only after the amount ("17-30K元", "1,350円",
/// "35000.00 Euros" in France Travail's pay fields).
const CUR_AFTER: &str = "元|円|원|Euros|euros|Euro|euro";
// Indian lakh grouping ("12,00,000") first, then groups of three (with a
// Swiss apostrophe too: "120'000"), then plain numbers.
const NUM: &str = r"\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d{1,2})?|\d{1,3}(?:[.,'’\x20\u{a0}\u{202f}]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?";
// An ASCII word boundary: a Unicode one sends the regex engine from its
// lazy DFA to a slow fallback on any non-ASCII text (a curly quote), which
// made a long description's pay scan 2.5x slower. The one currency that
// starts with a multiplier's letter and goes on in a non-ASCII one ("Kč")
// is tried before the multiplier (`c1k`, `c2k` in [`RANGE`]).
// "250–400 kCHF": a code run into the thousands (the code is read from
// the multiplier's match, see `parse_match`).
const MULT: &str = r"[kKmM](?-u:\b)|[kK](?:CHF|EUR|USD|GBP)(?-u:\b)|万|千|만";
/// India writes pay in lakhs (100,000 rupees), mostly a year's: "3.5 LPA"
/// (lakhs per annum), "1.6+ LPA CTC", "8-12 lakhs". One list for the
/// amount pattern (with a plural "s") and the currency prefilter.
const LAKH: &str = "LPA|Lpa|lpa|lakh|Lakh|lac|Lac";

static RANGE: LazyLock<Regex> = LazyLock::new(|| {
    let mult = format!(r"\+?\s?(?:{LAKH})s?(?-u:\b)|{MULT}");
    Regex::new(&format!(
        r"(?x)
        (?:(?P<c1>{CUR})(?:\s?\$)?)?\s?(?P<a>{NUM})\s?(?:(?P<c1k>Kč)|(?P<k1>{mult})?\s?(?P<c1b>{CUR}|{CUR_AFTER})?)
        (?:\s?p?/\s?(?P<u1>[[:alpha:]]{{1,7}}|小时|月|年))?
        (?:\s*(?:-|–|—|~|〜|～|－|(?i:(?:up\s?)?to|bis)|à|a|до)\s*
           (?:(?P<c2>{CUR})(?:\s?\$)?)?\s?(?P<b>{NUM})\s?(?:(?P<c2k>Kč)|(?P<k2>{mult})?\s?(?P<c2b>{CUR}|{CUR_AFTER})?))?"
    ))
    .expect("salary regex")
});

/// A count of time right after an amount ("4 years", "40 hrs").
static DURATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*\+?\s*(?:years?|yrs?|months?|weeks?|days?|hours?|hrs?|jahren?|ans|años|anni|jaar)(?-u:\b)")
        .expect("duration")
});

/// Words before a lone amount that make it a ceiling.
const CEILING: &[&str] =
    &["up to", "upto", "max", "max.", "maximum", "bis zu", "jusqu'à", "jusqu’à", "hasta", "fino a", "até", "до"];

/// Words before a lone amount that make it a floor.
const FLOOR: &[&str] = &[
    "from",
    "starting at",
    "starting from",
    "min",
    "min.",
    "minimum",
    "at least",
    "ab",
    "à partir de",
    "desde",
    "a partir de",
    "vanaf",
    // Ukrainian, Russian; Polish, Czech, Slovak.
    "від",
    "от",
    "od",
];

// An interval word may follow one qualifier: "per recorded hour", "per
// calendar month", "per working day". Longer words first, so that
// "Annually" is read whole, not as "annual" and a stray "ly".
static INTERVAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^[\s.,(\[]*(?:gross|brut|brutto|bruto|lordi|lordo)?\s*
        (?:/|per|a|an|each|every|p/|p\.|pro|par|al|all['’]|por|de\s+l['’])?\s*
        (?:(?:recorded|billable|worked|working|calendar|business)\s+)?
        (?P<u>p\.a\.?|p/a\b|pa\b|hourly|hour|hr|h\b|daily|day|weekly|week|wk|monthly|month|mo\b|mth|yearly|year|yr|annually|annual|annum|
           jährlich|jahr|monatlich|monat|stunde|woche|tag|an\b|annuel|mois|mensuel|heure|jour|semaine|
           año|ano\b|anual|anno|annuo|annui|annuale|mes\b|mese|mês|mensual|mensile|mensal|hora|ora\b|giorno|
           dia\b|día|semana|settimana|jaar|maand|uur|dag\b|
           mesiac|měsíc|mesačne|měsíčně|miesiąc|miesięcznie|mies\b|hodina|hod\b|godz|rok\b|ročne|ročně|rocznie|
           小时|时|天|日|周|月|年)",
    )
    .expect("interval regex")
});

/// Currencies only one country pays in, with that country.
const SOLE: &[(&str, &str)] = &[
    ("GBP", "GB"),
    ("INR", "IN"),
    ("BRL", "BR"),
    ("PLN", "PL"),
    ("CZK", "CZ"),
    ("HUF", "HU"),
    ("RON", "RO"),
    ("SEK", "SE"),
    ("NOK", "NO"),
    ("DKK", "DK"),
    ("CHF", "CH"),
    ("JPY", "JP"),
    ("CNY", "CN"),
    ("KRW", "KR"),
    ("AUD", "AU"),
    ("CAD", "CA"),
    ("NZD", "NZ"),
    ("SGD", "SG"),
    ("HKD", "HK"),
    ("ZAR", "ZA"),
    ("MXN", "MX"),
    ("ILS", "IL"),
    ("AED", "AE"),
    ("JOD", "JO"),
];

/// The euro area (2023 on).
const EURO_AREA: &[&str] = &[
    "AT", "BE", "CY", "DE", "EE", "ES", "FI", "FR", "GR", "HR", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PT", "SI",
    "SK",
];

/// The one country that pays in an ISO 4217 currency; `None` for money
/// several countries pay in (euros) or that pays jobs abroad
/// (USD).
pub fn currency_country(code: &str) -> Option<&'static str> {
    SOLE.iter().find(|(c, _)| *c == code).map(|(_, country)| *country)
}

/// The currency a country pays in (ISO 3166 alpha-2 to ISO 4217), where
/// known: the countries of [`SOLE`], the United States and the euro area.
pub fn country_currency(country: &str) -> Option<&'static str> {
    match country {
        "US" => Some("USD"),
        _ if EURO_AREA.contains(&country) => Some("EUR"),
        _ => SOLE.iter().find(|(_, c)| *c == country).map(|(code, _)| *code),
    }
}

/// The currency every one of a job's places pays in; `None` where a place
/// names no country, or places pay in different money.
pub fn locations_currency(locations: &[super::Location]) -> Option<&'static str> {
    every_country(locations, country_currency)
}

/// What `of` gives the country of every one of a job's places, where it
/// gives them all the same; `None` where a place names no country or `of`
/// gives it nothing.
pub fn every_country(locations: &[super::Location], of: impl Fn(&str) -> Option<&'static str>) -> Option<&'static str> {
    let of_place = |l: &super::Location| l.country.as_deref().and_then(&of);
    let first = of_place(locations.first()?)?;
    locations.iter().all(|l| of_place(l) == Some(first)).then_some(first)
}

fn currency(sym: &str) -> (Option<&'static str>, bool) {
    let c = match sym {
        "US$" | "USD" => "USD",
        "A$" | "AU$" | "AUD" => "AUD",
        "C$" | "CA$" | "CAD" => "CAD",
        "NZ$" | "NZD" => "NZD",
        "S$" | "SGD" => "SGD",
        "HK$" | "HKD" => "HKD",
        "R$" | "BRL" => "BRL",
        "€" | "EUR" | "Euros" | "euros" | "Euro" | "euro" => "EUR",
        "£" | "GBP" => "GBP",
        "¥" | "JPY" => "JPY",
        "CNY" | "RMB" | "元" => "CNY",
        "円" => "JPY",
        "₩" | "KRW" | "원" => "KRW",
        "₹" | "INR" => "INR",
        "CHF" => "CHF",
        "SEK" => "SEK",
        "NOK" => "NOK",
        "DKK" => "DKK",
        "PLN" | "zł" => "PLN",
        "CZK" | "Kč" => "CZK",
        "HUF" => "HUF",
        "RON" => "RON",
        "JOD" => "JOD",
        "AED" => "AED",
        "ILS" | "₪" => "ILS",
        "MXN" => "MXN",
        "ZAR" => "ZAR",
        "PKR" => "PKR",
        "LKR" => "LKR",
        "NPR" => "NPR",
        "RUB" | "₽" => "RUB",
        "HRK" => "HRK",
        "$" => return (Some("USD"), true),
        // South Asia's "Rs": India's rupee unless the job is in Pakistan,
        // Sri Lanka or Nepal (see `localise_bare`).
        "Rs" | "Rs." | "₨" => return (Some("INR"), true),
        _ => return (None, false),
    };
    (Some(c), false)
}

/// A currency as structured data gives it, in ISO 4217: a code in any case
/// ("usd"), or a symbol ("€", "$"; with `true` when the dollar was bare, see
/// [`localise_bare`]). `None` for anything else.
pub fn iso_currency(given: &str) -> Option<(String, bool)> {
    let given = given.trim();
    let upper = given.to_ascii_uppercase();
    match currency(&upper) {
        (Some(c), bare) => Some((c.to_owned(), bare)),
        _ if upper.len() == 3 && upper.bytes().all(|b| b.is_ascii_uppercase()) => Some((upper, false)),
        _ => currency(given).0.map(|c| (c.to_owned(), false)),
    }
}

/// Parses a number as pages write it: `130,000`, `50.000`, `160,000.00`,
/// `1.234,56`, `26`.
pub fn number(s: &str) -> Option<f64> {
    let s: String =
        s.chars().filter(|c| !c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{202f}' | '\'' | '’')).collect();
    let (dots, commas) = (s.matches('.').count(), s.matches(',').count());
    let cleaned = if dots > 0 && commas > 0 {
        // The last separator is the decimal one.
        let last_dot = s.rfind('.').unwrap_or(0);
        let last_comma = s.rfind(',').unwrap_or(0);
        if last_dot > last_comma { s.replace(',', "") } else { s.replace('.', "").replace(',', ".") }
    } else if dots + commas > 0 {
        let sep = if dots > 0 { '.' } else { ',' };
        let after = s.rsplit(sep).next().unwrap_or("");
        if dots + commas > 1 || after.len() == 3 { s.replace(sep, "") } else { s.replace(sep, ".") }
    } else {
        s
    };
    cleaned.parse().ok().filter(|n: &f64| n.is_finite() && *n >= 0.0)
}

/// A multiplier in lakhs ("LPA", "+ lakhs").
fn lakh(k: &str) -> bool {
    k.trim_start_matches(['+', ' ']).starts_with(['L', 'l'])
}

fn mult(k: Option<&str>) -> f64 {
    if k.is_some_and(lakh) {
        return 100_000.0;
    }
    match k.and_then(|k| k.chars().next()) {
        Some('k' | 'K' | '千') => 1_000.0,
        Some('m' | 'M') => 1_000_000.0,
        Some('万' | '만') => 10_000.0,
        _ => 1.0,
    }
}

/// Normalises an interval word (`YEAR`, `hourly`, `per month`, ...).
pub fn interval(unit: &str) -> Option<String> {
    let u = unit.trim().to_lowercase().replace('_', " ");
    let u = u.trim_start_matches("per ").trim();
    let i = match u {
        "hour" | "hourly" | "hr" | "h" | "stunde" | "heure" | "hora" | "ora" | "uur" | "hodina" | "hod" | "godz"
        | "小时" | "时" => "hour",
        "day" | "daily" | "tag" | "jour" | "dia" | "día" | "giorno" | "dag" | "天" | "日" => "day",
        "week" | "weekly" | "wk" | "woche" | "semaine" | "semana" | "settimana" | "周" => "week",
        "month" | "monthly" | "mo" | "mth" | "monat" | "monatlich" | "mois" | "mensuel" | "mes" | "mese" | "mês"
        | "mensual" | "mensile" | "mensal" | "maand" | "mesiac" | "měsíc" | "mesačne" | "měsíčně" | "miesiąc"
        | "miesięcznie" | "mies" | "月" => "month",
        "year" | "yearly" | "annual" | "annually" | "annum" | "p.a." | "p.a" | "p/a" | "pa" | "yr" | "jahr"
        | "jährlich" | "an" | "annuel" | "año" | "ano" | "anual" | "anno" | "annuo" | "annui" | "annuale" | "jaar"
        | "rok" | "ročne" | "ročně" | "rocznie" | "年" => "year",
        _ => return None,
    };
    Some(i.to_owned())
}

/// Finds a salary in text. Without `labelled` (the text is not a salary
/// field), an amount needs a currency marker to count, so "3-5 years" or a
/// phone number is not pay.
pub fn parse_text(text: &str, labelled: bool) -> Option<Parsed> {
    parse_text_at(text, labelled).map(|(_, p)| p)
}

/// [`parse_text`], with where in `text` the pay is written.
pub fn parse_text_at(text: &str, labelled: bool) -> Option<(Range<usize>, Parsed)> {
    parse_all(text, labelled).next()
}

/// The length of the interval phrase that starts `rest` ("per recorded
/// hour", "/Hr."), 0 when there is none: words that belong to the amount
/// before them.
pub fn interval_len(rest: &str) -> usize {
    INTERVAL.find(rest).map_or(0, |m| m.end())
}

/// Every salary in text, in order, with where it is written (see
/// [`parse_text`]).
fn parse_all(text: &str, labelled: bool) -> impl Iterator<Item = (Range<usize>, Parsed)> + '_ {
    // Every amount needs a digit; most text has none.
    let any = super::dates::has_digit(text);
    let chinese_pay = any && (text.contains('薪') || text.contains('元') || text.contains("万/"));
    RANGE.captures_iter(if any { text } else { "" }).filter_map(move |m| {
        let p = parse_match(text, &m, labelled, chinese_pay)?;
        Some((m.get(0)?.range(), p))
    })
}

/// One match of [`RANGE`] as a salary, or `None` when it is not pay.
fn parse_match(text: &str, m: &regex::Captures, labelled: bool, chinese_pay: bool) -> Option<Parsed> {
    let g = |n: &str| m.name(n).map(|x| x.as_str());
    // "$249,860 — $324,470 USD": a code written anywhere in the range
    // names the dollar, wherever the job is.
    let joined = |k: &str| g(k).and_then(|m| m.get(1..)).filter(|c| c.len() == 3);
    let syms = || {
        ["c1", "c1b", "c1k", "c2", "c2b", "c2k"]
            .into_iter()
            .filter_map(&g)
            .chain(["k1", "k2"].into_iter().filter_map(joined))
            .map(currency)
    };
    let (mut cur, bare) =
        syms().find(|(c, bare)| c.is_some() && !bare).or_else(|| syms().next()).unwrap_or((None, false));
    if cur.is_none() && chinese_pay && (g("k1").is_some() || g("k2").is_some()) {
        cur = Some("CNY");
    }
    // Lakhs are rupees; "LPA" says a year's.
    let lakhs = ["k1", "k2"].into_iter().filter_map(&g).find(|k| lakh(k));
    if cur.is_none() && lakhs.is_some() {
        cur = Some("INR");
    }
    if cur.is_none() && !labelled {
        return None;
    }
    // "850.000" with no currency: 850 in a three-decimal currency (JOD,
    // KWD) or 850,000 elsewhere. A wrong salary is worse than none.
    if cur.is_none()
        && g("b").is_none()
        && g("a").is_some_and(|a| {
            let (head, tail) = a.split_once(['.', ',']).unwrap_or((a, ""));
            tail.len() == 3 && head.len() <= 3 && !a[head.len() + 1..].contains(['.', ','])
        })
    {
        return None;
    }
    let mut a = g("a").and_then(number)?;
    let b = g("b").and_then(number);
    let (mut k1, k2) = (mult(g("k1")), mult(g("k2")));
    if let (Some(a_raw), Some(b_raw), Some(b)) = (g("a"), g("b"), b)
        && k1 == 1.0
        && k2 == 1.0
    {
        a *= shorthand_scale(a_raw, b_raw, a, b);
    }
    // "17-30K", "$26–30": a multiplier written once applies to both.
    if b.is_some() && k1 == 1.0 && k2 > 1.0 && a <= b.unwrap_or(0.0) {
        k1 = k2;
    }
    let mut min = a * k1;
    let mut max = b.map_or(min, |b| b * k2);
    if min > max {
        std::mem::swap(&mut min, &mut max);
    }
    if max <= 0.0 {
        return None;
    }
    // A bare year or a small count in a labelled field is not pay.
    if cur.is_none() && b.is_none() && (1900.0..=2100.0).contains(&min) {
        return None;
    }
    let whole = m.get(0).map_or(0..text.len(), |x| x.range());
    let rest = &text[whole.end..];
    // "24.12.2024" (a closing date), "1.5.2" (a version): numbers joined
    // by a third dot or a slash are no amount.
    let joined_after = matches!(rest.as_bytes(), [b'.' | b'/', d, ..] if d.is_ascii_digit());
    let joined_before = matches!(text.as_bytes()[..whole.start], [.., d, b'.' | b'/'] if d.is_ascii_digit());
    if cur.is_none() && (joined_after || joined_before) {
        return None;
    }
    // "4 years" (experience), "40 hours" (a week's work) under a pay label
    // that was left empty: a count of time is no pay, where pay says
    // "per year", "/hr" or "a month".
    if cur.is_none() && DURATION.is_match(rest) {
        return None;
    }
    // One amount may be only a ceiling ("up to $150k") or a floor
    // ("from €40k", "$150k+"): a search for pay above a figure must
    // not take a ceiling for a floor.
    let (mut low, mut high) = (Some(min), Some(max));
    // Where the amount ends, its multiplier included: "150k+" is a floor,
    // "150k + bonus" is not.
    let amount_end = m.name("k1").or(m.name("a")).map_or(whole.end, |x| x.end());
    if b.is_none() {
        let before = text[..whole.start].trim_end().to_lowercase();
        let said = |words: &[&str]| {
            words.iter().any(|w| {
                before.strip_suffix(w).is_some_and(|head| !head.chars().next_back().is_some_and(char::is_alphanumeric))
            })
        };
        if said(CEILING) {
            low = None;
        } else if text[amount_end..].starts_with('+') || g("k1").is_some_and(|k| k.starts_with('+')) || said(FLOOR) {
            high = None;
        }
    }
    let mut unit = INTERVAL
        .captures(rest)
        .and_then(|c| c.name("u"))
        .and_then(|u| interval(u.as_str()))
        // "$147000/YR - $237500/YR": written after the first amount.
        .or_else(|| g("u1").and_then(interval));
    // "Annuel de 35000.00 Euros …", "Annual salary: $90k": an interval
    // word among the three words right before the amount.
    if unit.is_none() {
        let before: Vec<&str> = text[..whole.start].split_whitespace().rev().take(3).collect();
        unit = interval_in_words(&before.join(" "));
    }
    if unit.is_none() && chinese_pay && rest.trim_start().starts_with(['·', '*', '×']) && rest.contains('薪') {
        // "17-30K·13薪": a monthly salary paid 13 times a year.
        unit = Some("month".to_owned());
    }
    if unit.is_none() && text.contains("薪") && cur == Some("CNY") {
        unit = Some("month".to_owned());
    }
    if unit.is_none() {
        unit = cjk_interval_before(&text[..whole.start]);
    }
    if unit.is_none() && lakhs.is_some_and(|k| k.ends_with(['A', 'a'])) {
        unit = Some("year".to_owned());
    }
    Some(Parsed {
        salary: Salary { min: low, max: high, currency: cur.map(str::to_owned), interval: unit },
        bare_symbol: bare,
    })
}

/// "Mzdu 50-62.000 Kč", "15 - 20 000 zł": Central Europe writes a range's
/// thousands once, on its upper end. The factor the lower amount is short
/// of: 1,000 per group the upper amount has and the lower lacks, where that
/// puts the lower at no less than a tenth of the upper ("800 - 1.200 €"
/// stays).
fn shorthand_scale(a_raw: &str, b_raw: &str, a: f64, b: f64) -> f64 {
    let mut groups = b_raw.split(|c: char| !c.is_ascii_digit());
    let head = groups.next().unwrap_or("");
    let tail: Vec<&str> = groups.collect();
    if !a_raw.bytes().all(|c| c.is_ascii_digit())
        || head.is_empty()
        || tail.is_empty()
        || tail.iter().any(|g| g.len() != 3)
    {
        return 1.0;
    }
    let scale = 1000f64.powi(tail.len() as i32);
    if a * scale <= b && b < a * scale * 10.0 { scale } else { 1.0 }
}

/// A range with no currency written, standing alone as a fact with its
/// interval ("170K-220K Annually" among Built In's chips): thousands on
/// both ends, nothing else beside it. The currency is the job's country's
/// to give (see [`country_currency`]).
pub fn unmarked_range(part: &str) -> Option<Parsed> {
    let (at, p) = parse_text_at(part, true)?;
    let after = at.end + interval_len(&part[at.end..]);
    let s = &p.salary;
    let alone = !part[..at.start].chars().chain(part[after..].chars()).any(char::is_alphanumeric);
    let thousands =
        matches!((s.min, s.max), (Some(a), Some(b)) if a >= 1000.0 && a < b && !(1900.0..=2100.0).contains(&a));
    (alone && thousands && s.currency.is_none() && s.interval.is_some()).then_some(p)
}

/// Japanese and Korean write the interval before the amount: "時給1,350円"
/// (per hour), "年収400万円～600万円" (per year), "연봉 3,000만원".
fn cjk_interval_before(before: &str) -> Option<String> {
    const PREFIXES: &[(&str, &str)] = &[
        ("時給", "hour"),
        ("日給", "day"),
        ("週給", "week"),
        ("月給", "month"),
        ("月収", "month"),
        ("年収", "year"),
        ("年俸", "year"),
        ("시급", "hour"),
        ("일급", "day"),
        ("주급", "week"),
        ("월급", "month"),
        ("연봉", "year"),
        // "월 2,185,890원": month.
        ("월", "month"),
    ];
    // The prefix sits just before the amount, maybe with a colon or a space.
    let tail: String = before.chars().rev().take(6).collect::<Vec<_>>().into_iter().rev().collect();
    PREFIXES.iter().filter(|(p, _)| tail.contains(p)).map(|(_, u)| (*u).to_owned()).next()
}

/// Words that tell of the job's own pay.
const PAY_WORDS: &[&str] = &[
    "salary",
    "salaries",
    "pay",
    "compensation",
    "wage",
    "wages",
    "ote",
    "earnings",
    "remuneration",
    "gehalt",
    "jahresgehalt",
    "vergutung",
    "salaire",
    "sueldo",
    "salario",
    "retribucion",
    "retribuzione",
    "stipendio",
    "remuneracao",
    "salaris",
    "lohn",
    "jahreslohn",
    "bruttolohn",
    "salar",
    "зарплата",
    "заработная",
    "оклад",
    // Czech and Slovak, Polish, Hungarian, Finnish.
    "mzda",
    "mzdu",
    "mzdy",
    "plat",
    "platu",
    "wynagrodzenie",
    "wynagrodzenia",
    "pensja",
    "fizetes",
    "palkka",
];

/// Words that tell of other money: a bonus, a budget, a funding round.
const OTHER_MONEY: &[&str] = &[
    "bonus",
    "bonuses",
    "equity",
    "stipend",
    "budget",
    "allowance",
    "relocation",
    "reimbursement",
    "raised",
    "funding",
    "series",
    "valuation",
    "revenue",
];

/// The money words of a line, in order: where each is, and whether it
/// tells of pay.
fn money_words(line: &str) -> Vec<(usize, bool)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in line.char_indices().chain(std::iter::once((line.len(), ' '))) {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                start = None;
                let w = fold(&line[s..i]);
                if PAY_WORDS.contains(&w.as_str()) {
                    out.push((s, true));
                } else if OTHER_MONEY.contains(&w.as_str()) {
                    out.push((s, false));
                }
            }
            _ => {}
        }
    }
    out
}

/// "between $148,200 and $239,800" (and its kin in other languages) as a
/// range the amount pattern reads.
static BETWEEN_AND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:between|zwischen|entre|tra|tussen)\s+(?P<a>\S*\d\S*(?:\s\S+)?)\s+(?:and|und|et|y|e|en)\s+")
        .expect("a valid regex")
});

/// Places a pay sentence may limit itself to, folded, and their countries.
const SCOPES: &[(&str, &str)] = &[
    ("u s", "US"),
    ("us based", "US"),
    ("usa", "US"),
    ("united states", "US"),
    ("california", "US"),
    ("colorado", "US"),
    ("new york", "US"),
    ("nyc", "US"),
    ("washington", "US"),
    ("illinois", "US"),
    ("maryland", "US"),
    ("new jersey", "US"),
    ("massachusetts", "US"),
    ("hawaii", "US"),
    ("minnesota", "US"),
    ("vermont", "US"),
    ("canada", "CA"),
    ("canadian", "CA"),
    ("british columbia", "CA"),
    ("ontario", "CA"),
    ("uk", "GB"),
    ("united kingdom", "GB"),
];

static SCOPE_PHRASES: LazyLock<Phrases<&str>> = LazyLock::new(|| Phrases::new(SCOPES));

/// Countries a pay sentence limits itself to ("For U.S.-based roles",
/// "in California", "Canada"): pay-transparency laws make postings quote
/// the range of one country on jobs in another.
fn scope_countries(sentence: &str) -> Vec<&'static str> {
    let mut out: Vec<&str> = SCOPE_PHRASES.find_in(sentence).into_iter().map(|(_, c)| c).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// "… $1,000 - $2,000 for your home office setup": what follows a range
/// spends it on something, so it is no salary even after "we pay".
fn for_a_purpose(after: &str) -> bool {
    const PURPOSES: &[&str] = &[
        "equipment",
        "setup",
        "learning",
        "education",
        "training",
        "conference",
        "conferences",
        "wellness",
        "gym",
        "expenses",
        "childcare",
        "laptop",
        "books",
        "courses",
    ];
    let window: String = after.chars().take(60).collect();
    let f = fold(&window);
    let mut words = f.split(' ');
    words.any(|w| matches!(w, "for" | "towards" | "toward" | "on")) && words.any(|w| PURPOSES.contains(&w))
}

/// The first range (two different amounts) with a currency in a line that
/// is pay. In the range's sentence, the nearest money word before it (else
/// after it) decides; a sentence without one ("The range for this role is
/// $170,000-720,000.") is pay when its line or the lead line tells of pay.
/// A sentence limited to countries none of the job's is in is not its pay.
fn pay_range_in(line: &str, lead_is_pay: bool, countries: &[&str]) -> Option<Parsed> {
    const MAX_RANGES_PER_LINE: usize = 8;
    const STOPS: [&str; 4] = [". ", "! ", "? ", "。"];
    let line = &*BETWEEN_AND.replace_all(line, "$a - ");
    let ranges = parse_all(line, false)
        .filter(|(_, p)| matches!((p.salary.min, p.salary.max), (Some(a), Some(b)) if a > 0.0 && a < b));
    let mut words = None;
    // A pay statement holds a few ranges; a line of hundreds is no statement,
    // and stopping early keeps a hostile line's cost linear.
    for (at, p) in ranges.take(MAX_RANGES_PER_LINE) {
        let words = words.get_or_insert_with(|| money_words(line));
        let head = &line[..at.start];
        let from = STOPS.iter().filter_map(|s| head.rfind(s).map(|i| i + s.len())).max().unwrap_or(0);
        let to = STOPS.iter().filter_map(|s| line[at.end..].find(s).map(|i| at.end + i)).min().unwrap_or(line.len());
        let nearest = words
            .iter()
            .rev()
            .find(|(w, _)| (from..at.start).contains(w))
            .or_else(|| words.iter().find(|(w, _)| (at.end..to).contains(w)));
        let pay = match nearest {
            Some((_, pay)) => *pay,
            None => lead_is_pay || words.iter().any(|(_, pay)| *pay),
        } && !for_a_purpose(&line[at.end..to]);
        let scope = scope_countries(&line[from..to]);
        let elsewhere = !countries.is_empty() && !scope.is_empty() && !scope.iter().any(|c| countries.contains(c));
        if pay && !elsewhere {
            return Some(p);
        }
    }
    None
}

/// An interval a pay paragraph states in words away from its amounts
/// ("an annual salary ... the range is $170,000-720,000"), when it states
/// only one.
fn interval_in_words(text: &str) -> Option<String> {
    let f = fold(text);
    let found: Vec<&str> = f
        .split(' ')
        .filter_map(|w| match w {
            "annual" | "annually" | "yearly" | "annum" | "annuel" | "annuelle" => Some("year"),
            "hourly" | "horaire" => Some("hour"),
            "monthly" | "mensuel" | "mensuelle" => Some("month"),
            _ => None,
        })
        .collect();
    let first = *found.first()?;
    found.iter().all(|u| *u == first).then(|| first.to_owned())
}

/// Every currency marker of [`CUR`] and [`CUR_AFTER`] but those holding a
/// `$`, in one automaton; derived from the amount pattern itself, so the
/// prefilter can never miss a currency the pattern reads.
static CURRENCY_MARKS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    let marks = CUR
        .split('|')
        .chain(CUR_AFTER.split('|'))
        .chain(LAKH.split('|'))
        .filter(|m| !m.contains('$'))
        .map(|m| m.replace('\\', ""));
    AhoCorasick::new(marks).expect("currency markers")
});

/// Whether text may hold an amount with a currency: a currency marker
/// within a few bytes of a digit (an amount needs one to count outside a
/// pay field, and the amount pattern reads it only right beside the
/// number). Most description lines hold none, so they are skipped before
/// any amount pattern runs. Only the bytes around each run of digits go
/// through the marker automaton, which reads 0.7 GB/s (built at the size
/// profile like all dependencies): a long description is mostly words.
/// `$` (in every dollar marker) is found by `memchr`: a one-byte pattern
/// would turn off the automaton's SIMD prefilter.
fn may_hold_money(s: &str) -> bool {
    // "EUR" and a no-break space before; ".000,00 Euros" or "万円" after.
    const BEFORE: usize = 8;
    const AFTER: usize = 12;
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(at) = b[i..].iter().position(u8::is_ascii_digit) {
        let start = i + at;
        let end = b[start..].iter().position(|c| !c.is_ascii_digit()).map_or(b.len(), |n| start + n);
        let mut lo = start.saturating_sub(BEFORE);
        while !s.is_char_boundary(lo) {
            lo -= 1;
        }
        let mut hi = (end + AFTER).min(b.len());
        while !s.is_char_boundary(hi) {
            hi += 1;
        }
        let window = &s[lo..hi];
        if memchr::memchr(b'$', window.as_bytes()).is_some() || CURRENCY_MARKS.is_match(window) {
            return true;
        }
        i = end;
    }
    false
}

/// The job's own pay as its description states it: US pay-transparency
/// paragraphs and their kin ("the starting base salary ... is expected to
/// be between $147000/YR - $237500/YR", "The range for this role is
/// $170,000-720,000"). A range of two amounts with a currency counts when
/// the nearest money word before it (else after it) in its sentence tells
/// of pay ("salary", "compensation", "Gehalt", ...) and not of other money
/// ("bonus", "budget", "raised"); in a sentence without such words, when
/// its paragraph or the short line before ("Pay range:") tells of pay. Lines
/// right after it that hold only a range in the same currency and interval
/// (pay zones, levels) widen it to the envelope. A statement limited to
/// other countries than the job's (`countries`, ISO codes; empty when
/// unknown) is not the job's: "For U.S.-based roles … $148,200 –
/// $239,800" on a Canadian posting. Single amounts never count
/// here: "$5,000 learning budget" and "$61M Series A" sit in descriptions
/// too.
pub fn from_description(text: &str, countries: &[&str]) -> Option<Parsed> {
    from_lines(text.lines(), countries)
}

/// [`from_description`] over lines of text: a description's, or the lines
/// a page shows.
pub fn from_lines<'t>(lines: impl Iterator<Item = &'t str>, countries: &[&str]) -> Option<Parsed> {
    // Bounds against hostile descriptions: lines of a paragraph's length, and
    // at most this many lines with money in them are looked at.
    const MAX_MONEY_LINES: usize = 64;
    let lines: Vec<&str> = lines.flat_map(paragraph_pieces).collect();
    let mut money_lines = 0;
    for (i, line) in lines.iter().enumerate() {
        if line.len() > MAX_PIECE || !may_hold_money(line) {
            continue;
        }
        money_lines += 1;
        if money_lines > MAX_MONEY_LINES {
            return None;
        }
        let lead = i.checked_sub(1).map(|j| lines[j]).filter(|l| l.len() <= 200);
        let tells_of_pay = |l: &str| money_words(l).iter().any(|(_, pay)| *pay);
        // "The expected salary ranges … are outlined below by zone." /
        // "United States:" / "Zone 1: $232,000 – $319,000/year": a short
        // heading between the pay sentence and its ranges.
        let heading = lead.is_some_and(|l| l.len() <= 40 && l.trim_end().ends_with(':') && money_words(l).is_empty());
        let lead_is_pay = lead.is_some_and(tells_of_pay)
            || heading && i.checked_sub(2).map(|j| lines[j]).is_some_and(|l| l.len() <= 400 && tells_of_pay(l));
        let Some(mut found) = pay_range_in(line, lead_is_pay, countries) else { continue };
        for next in lines[i + 1..].iter().take(8) {
            if next.len() > 160 || !money_words(next).is_empty() {
                break;
            }
            let Some((_, p)) = parse_all(next, false).next() else { break };
            let (s, f) = (&p.salary, &mut found.salary);
            if s.currency != f.currency || s.interval != f.interval || s.min.is_none() || s.max.is_none() {
                break;
            }
            f.min = f.min.zip(s.min).map(|(a, b)| a.min(b));
            f.max = f.max.zip(s.max).map(|(a, b)| a.max(b));
        }
        if found.salary.interval.is_none() {
            found.salary.interval = interval_in_words(&format!("{} {line}", lead.unwrap_or_default()));
        }
        return Some(found);
    }
    None
}

/// The longest line the pay scan reads as one paragraph.
const MAX_PIECE: usize = 4_000;

/// A description line as the paragraphs the pay scan reads. A line longer
/// than `MAX_PIECE` is a description whose paragraphs were run together
/// (Workday's JSON-LD gives the whole posting as one line), so it is read
/// in runs of whole sentences of up to 1,000 bytes; a lone longer sentence
/// is still skipped.
fn paragraph_pieces(line: &str) -> Vec<&str> {
    const RUN: usize = 1_000;
    let line = line.trim();
    if line.is_empty() {
        return Vec::new();
    }
    if line.len() <= MAX_PIECE {
        return vec![line];
    }
    let mut pieces = Vec::new();
    let (mut start, mut last_end) = (0, 0);
    let ends = line.match_indices(". ").map(|(at, _)| at + 1).chain(std::iter::once(line.len()));
    for end in ends {
        if end - start > RUN && last_end > start {
            pieces.push(line[start..last_end].trim());
            start = last_end;
        }
        last_end = end;
    }
    pieces.push(line[start..].trim());
    pieces
}

/// "10k-18k" on its own among a Chinese board's facts under the title
/// (Lagou): a month's pay in yuan, as those boards quote it, and so
/// "15-30k·13薪" (Liepin: paid 13 times a year). Only the bare form;
/// anything with a currency goes through [`parse_text`].
pub fn chinese_board_range(part: &str) -> Option<Parsed> {
    let part = part.trim();
    let months = |n: &str| n.strip_suffix('薪').is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()));
    let part = part.rsplit_once(['·', '*', '×']).filter(|(_, n)| months(n)).map_or(part, |(range, _)| range.trim_end());
    let (a, b) = part.split_once('-')?;
    let k = |s: &str| -> Option<f64> {
        let n = s.strip_suffix(['k', 'K'])?;
        (!n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())).then(|| n.parse().ok()).flatten()
    };
    // Liepin writes the thousands once: "15-30k".
    let bare = |s: &str| (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten();
    let (min, max) = (k(a).or_else(|| bare(a))?, k(b)?);
    (min > 0.0 && min <= max).then(|| Parsed {
        salary: Salary {
            min: Some(min * 1000.0),
            max: Some(max * 1000.0),
            currency: Some("CNY".to_owned()),
            interval: Some("month".to_owned()),
        },
        bare_symbol: false,
    })
}

/// The interval a salary that states none must have: "$170,000—$216,000
/// USD" is a year's pay, since no one is paid that per month, week or hour
/// in these currencies. Only where pay is quoted yearly and a monthly
/// figure of 20,000 is implausible (not SEK, HKD, INR, JPY, ...); anything
/// else stays unknown.
///
/// Central Europe quotes pay by the month ("Mzdu 50-62.000 Kč"), so there an
/// amount in the band of a month's pay (a yearly one would be twelve
/// times as high) is a month's.
pub fn implied_interval(s: &Salary) -> Option<String> {
    const YEARLY: &[&str] = &["USD", "CAD", "AUD", "NZD", "GBP", "EUR", "CHF"];
    const MONTHLY: &[(&str, f64, f64)] =
        &[("CZK", 15_000.0, 300_000.0), ("PLN", 3_000.0, 60_000.0), ("HUF", 200_000.0, 5_000_000.0)];
    let low = s.min.or(s.max)?;
    let high = s.max.or(s.min)?;
    let c = s.currency.as_deref()?;
    if YEARLY.contains(&c) && (20_000.0..=5_000_000.0).contains(&low) {
        return Some("year".to_owned());
    }
    MONTHLY
        .iter()
        .any(|(m, lo, hi)| *m == c && (*lo..=*hi).contains(&low) && (*lo..=*hi).contains(&high))
        .then(|| "month".to_owned())
}

/// What a bare symbol read as `currency` (USD for `$`, INR for `Rs`) means
/// in a job's country: the local dollar, peso or rupee.
pub fn localise_bare(currency: &str, country: &str) -> Option<&'static str> {
    Some(match (currency, country) {
        ("INR", "PK") => "PKR",
        ("INR", "LK") => "LKR",
        ("INR", "NP") => "NPR",
        ("USD", "AU") => "AUD",
        ("USD", "CA") => "CAD",
        ("USD", "NZ") => "NZD",
        ("USD", "SG") => "SGD",
        ("USD", "HK") => "HKD",
        // The peso countries write their peso "$" too.
        ("USD", "MX") => "MXN",
        ("USD", "CL") => "CLP",
        ("USD", "AR") => "ARS",
        ("USD", "CO") => "COP",
        ("USD", "UY") => "UYU",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// min, max, currency, interval.
    type Bounds = (Option<f64>, Option<f64>, Option<String>, Option<String>);

    fn s(text: &str) -> Bounds {
        let p = parse_text(text, false).expect("a salary").salary;
        (p.min, p.max, p.currency, p.interval)
    }

    fn want(min: f64, max: f64, c: &str, i: Option<&str>) -> Bounds {
        (Some(min), Some(max), Some(c.to_owned()), i.map(str::to_owned))
    }

    #[test]
    fn parses_the_forms_in_the_wild() {
        assert_eq!(s("$120k–$150k a year"), want(120_000.0, 150_000.0, "USD", Some("year")));
        assert_eq!(s("€50.000 - €60.000 per year"), want(50_000.0, 60_000.0, "EUR", Some("year")));
        assert_eq!(s("€20–€28 per recorded hour"), want(20.0, 28.0, "EUR", Some("hour")));
        assert_eq!(s("₹12,00,000 - ₹18,00,000 per annum"), want(1_200_000.0, 1_800_000.0, "INR", Some("year")));
        assert_eq!(s("CHF 120'000 – 140'000"), want(120_000.0, 140_000.0, "CHF", None));
        assert_eq!(s("35.000 € - 42.000 € al año"), want(35_000.0, 42_000.0, "EUR", Some("year")));
        assert_eq!(s("40.000 - 48.000 EUR lordi annui"), want(40_000.0, 48_000.0, "EUR", Some("year")));
        assert_eq!(s("€ 3.500 - € 4.200 bruto per maand"), want(3_500.0, 4_200.0, "EUR", Some("month")));
        assert_eq!(s("R$ 25 - R$ 30 por hora"), want(25.0, 30.0, "BRL", Some("hour")));
        assert_eq!(s("$26–30/hr"), want(26.0, 30.0, "USD", Some("hour")));
        assert_eq!(s("USD $23.18/Hr - USD $34.78 /Hr."), want(23.18, 34.78, "USD", Some("hour")));
        assert_eq!(s("250–400 kCHF"), want(250_000.0, 400_000.0, "CHF", None));
        assert_eq!(s("80kEUR - 95kEUR"), want(80_000.0, 95_000.0, "EUR", None));
        assert_eq!(s("USD $48,526.40/Yr - USD $77,642.24 /Yr."), want(48_526.4, 77_642.24, "USD", Some("year")));
        assert_eq!(s("17-30K·13薪"), want(17_000.0, 30_000.0, "CNY", Some("month")));
        assert_eq!(s("Target Base Salary $220K – $330K • Offers Equity"), want(220_000.0, 330_000.0, "USD", None));
        assert_eq!(s("$26,000 – $30,000 / year"), want(26_000.0, 30_000.0, "USD", Some("year")));
        assert_eq!(s("A$160,000.00 - A$200,000.00"), want(160_000.0, 200_000.0, "AUD", None));
        assert_eq!(s("£45,000 to £55,000 per annum"), want(45_000.0, 55_000.0, "GBP", Some("year")));
        assert_eq!(s("$100,000 To $120,000 Per year"), want(100_000.0, 120_000.0, "USD", Some("year")));
        // Djinni's "до $3500" (up to), "від $2000" (from); Slovak "od 1 200 EUR".
        let bounds = |t: &str| parse_text(t, true).map(|p| (p.salary.min, p.salary.max));
        assert_eq!(bounds("до $3500"), Some((None, Some(3500.0))));
        assert_eq!(bounds("від $2000"), Some((Some(2000.0), None)));
        assert_eq!(bounds("Mzda od 1 200 EUR"), Some((Some(1200.0), None)));
        // France Travail: the currency as a word after each amount, the interval first
        assert_eq!(
            s("Annuel de 35000.00 Euros à 45000.00 Euros sur 12 mois"),
            want(35_000.0, 45_000.0, "EUR", Some("year"))
        );
        assert_eq!(
            s("Mensuel de 2000.00 Euros sur 12 mois"),
            (Some(2_000.0), Some(2_000.0), Some("EUR".to_owned()), Some("month".to_owned()))
        );
        // British shorthand: "p/hr", "p.a."
        assert_eq!(s("£15 p/hr to £30 p/hr"), want(15.0, 30.0, "GBP", Some("hour")));
        assert_eq!(s("£28,000 - £32,000 p.a."), want(28_000.0, 32_000.0, "GBP", Some("year")));
        assert_eq!(s("£25,085 pa"), (Some(25_085.0), Some(25_085.0), Some("GBP".to_owned()), Some("year".to_owned())));
        assert_eq!(s("USD 100000"), want(100_000.0, 100_000.0, "USD", None));
        // Central European pay: a space between thousands, the interval in Slovak, Czech or Polish
        assert_eq!(s("2 000 EUR/mesiac"), want(2_000.0, 2_000.0, "EUR", Some("month")));
        assert_eq!(s("40 000 - 55 000 Kč měsíčně"), want(40_000.0, 55_000.0, "CZK", Some("month")));
        assert_eq!(s("12 000 - 15 000 PLN miesięcznie"), want(12_000.0, 15_000.0, "PLN", Some("month")));
        // iCIMS writes the code and the symbol: "USD $190,000.00 - USD $200,000.00 /Yr."
        assert_eq!(s("USD $190,000.00 - USD $200,000.00 /Yr."), want(190_000.0, 200_000.0, "USD", Some("year")));
        // a code after the range names a dollar written bare before it
        let p = parse_text("$249,860 — $324,470 USD", false).expect("a salary");
        assert_eq!((p.salary.currency.as_deref(), p.bare_symbol), (Some("USD"), false));
        assert!(parse_text("$120k–$150k", false).expect("a salary").bare_symbol);
        // Japanese and Korean: the interval before the amount, 万 / 만 tens of thousands
        assert_eq!(s("時給1,350円"), want(1_350.0, 1_350.0, "JPY", Some("hour")));
        assert_eq!(s("年収400万円～600万円"), want(4_000_000.0, 6_000_000.0, "JPY", Some("year")));
        assert_eq!(s("月給 25万円〜30万円"), want(250_000.0, 300_000.0, "JPY", Some("month")));
        assert_eq!(s("연봉 3,000~4,000만원"), want(30_000_000.0, 40_000_000.0, "KRW", Some("year")));
        assert_eq!(s("월 2,185,890원"), want(2_185_890.0, 2_185_890.0, "KRW", Some("month")));
        // Indian pay in lakhs of rupees, "LPA" a year's
        assert_eq!(s("3.5 LPA"), want(350_000.0, 350_000.0, "INR", Some("year")));
        assert_eq!(s("8-12 lakhs per annum"), want(800_000.0, 1_200_000.0, "INR", Some("year")));
        assert_eq!(s("₹ 6 - 9 Lakhs"), want(600_000.0, 900_000.0, "INR", None));
        assert_eq!(s("from 2000 up to 3000 EUR (net)"), want(2_000.0, 3_000.0, "EUR", None));
    }

    #[test]
    fn a_lone_amount_can_be_a_ceiling_or_a_floor() {
        let one = |t: &str| {
            let p = parse_text(t, true).expect("a salary").salary;
            (p.min, p.max)
        };
        assert_eq!(one("Up to $150,000 per year"), (None, Some(150_000.0)));
        assert_eq!(one("bis zu 80.000 € im Jahr"), (None, Some(80_000.0)));
        assert_eq!(one("From €40,000 a year"), (Some(40_000.0), None));
        assert_eq!(one("$150,000+"), (Some(150_000.0), None));
        assert_eq!(one("1.6+ LPA CTC"), (Some(160_000.0), None));
        assert_eq!(one("ab 50.000 €"), (Some(50_000.0), None));
        // a word that only ends like one, a range, and a bonus are not bounds
        assert_eq!(one("Lab $100,000"), (Some(100_000.0), Some(100_000.0)));
        assert_eq!(one("up to $120k - $150k"), (Some(120_000.0), Some(150_000.0)));
        assert_eq!(one("$150,000 + bonus"), (Some(150_000.0), Some(150_000.0)));
    }

    #[test]
    fn a_count_of_time_under_a_pay_label_is_not_pay() {
        // GIVEN an empty pay label's next lines: experience, working hours
        // WHEN they are read as pay THEN they are none; pay per a period is
        for t in ["4 years", "3+ years", "40 hours", "12 months"] {
            assert!(parse_text(t, true).is_none(), "{t}");
        }
        assert_eq!(parse_text("45000 per year", true).and_then(|p| p.salary.interval).as_deref(), Some("year"));
        assert_eq!(parse_text("$4,000 months", true).and_then(|p| p.salary.max), Some(4_000.0));
    }

    #[test]
    fn a_date_or_a_version_under_a_pay_label_is_not_pay() {
        // GIVEN a pay label left open above a closing date, and numbers
        // joined by a third dot or a slash
        // WHEN they are read as pay THEN they are none; a decimal amount is
        for t in ["24.12.2024", "Nach Vereinbarung\n24.12.2024", "bis 24.12.2024", "1.5.2", "12/31/2026"] {
            assert!(parse_text(t, true).is_none(), "{t}");
        }
        assert_eq!(parse_text("24.12", true).and_then(|p| p.salary.max), Some(24.12));
        assert_eq!(parse_text("€24.12.", true).and_then(|p| p.salary.max), Some(24.12));
    }

    #[test]
    fn unlabelled_numbers_without_currency_are_not_pay() {
        assert!(parse_text("3-5 years of experience", false).is_none());
        assert!(parse_text("Call 555-1234", false).is_none());
        assert!(parse_text("Since 2015", true).is_none());
        assert!(parse_text("Competitive", true).is_none());
        // Ambiguous without a currency: 850 JOD or 850,000?
        assert!(parse_text("850.000", true).is_none());
    }

    fn desc(text: &str) -> Option<Bounds> {
        from_description(text, &[]).map(|p| (p.salary.min, p.salary.max, p.salary.currency, p.salary.interval))
    }

    #[test]
    fn a_pay_statement_in_a_description_gives_the_salary() {
        // GIVEN pay-transparency paragraphs as US postings write them
        let palo_alto = "The compensation offered for this position will depend on qualifications. For candidates \
            who receive an offer at the posted level, the starting base salary (for non-sales roles) or base salary \
            + commission target (for sales/commissioned roles) is expected to be between $147000/YR - $237500/YR. \
            The offered compensation may also include restricted stock units and a bonus.";
        let netflix = "Our compensation structure consists solely of an annual salary; we do not have bonuses. \
            The range for this role is $170,000-720,000.";
        let with_bonus = "About us\nBase salary: $100k-$120k plus bonus and equity.";
        let hourly = "The pay rate for this role is $25 - $30 per hour, depending on experience.";
        // THEN each gives its range, with the interval it states anywhere in the paragraph
        assert_eq!(desc(palo_alto), Some(want(147_000.0, 237_500.0, "USD", Some("year"))));
        assert_eq!(desc(netflix), Some(want(170_000.0, 720_000.0, "USD", Some("year"))));
        assert_eq!(desc(with_bonus), Some(want(100_000.0, 120_000.0, "USD", None)));
        assert_eq!(desc(hourly), Some(want(25.0, 30.0, "USD", Some("hour"))));
    }

    #[test]
    fn a_pay_statement_in_a_description_run_into_one_line_is_read_by_its_sentences() {
        // GIVEN a posting given as one line of 6,000 bytes (as Workday's JSON-LD gives it), with the
        // pay statement near its end and other money before it
        let filler = "Our campus offers subsidised cafes and a $50 monthly commuter benefit. ".repeat(70);
        let line = format!(
            "{filler}The salary range for this role is posted below. National Plus Salary Range: \
             $111,900.00 - $190,200.00 *National Plus salary range is used in higher cost of labor markets. We're happy to talk."
        );
        assert!(line.len() > MAX_PIECE && !line.contains('\n'));
        // WHEN its pay is read THEN the statement gives the range; the budget lines do not
        assert_eq!(desc(&line), Some(want(111_900.0, 190_200.0, "USD", None)));
        // AND a line of one endless sentence is still not read
        assert_eq!(desc(&format!("{}Salary: $10 - $20", "word ".repeat(1_000))), None);
    }

    #[test]
    fn a_chinese_boards_bare_k_range_is_a_months_pay_in_yuan() {
        // GIVEN Lagou's bare range, Liepin's (the thousands written once,
        // then the months paid), and forms that are not one
        let p = chinese_board_range("10k-18k").expect("a range").salary;
        let liepin = chinese_board_range("15-30k·13薪").expect("a range").salary;
        assert_eq!((liepin.min, liepin.max), (Some(15_000.0), Some(30_000.0)));
        // THEN it is CNY a month; anything else is left to the amount pattern
        assert_eq!(
            (p.min, p.max, p.currency.as_deref(), p.interval.as_deref()),
            (Some(10_000.0), Some(18_000.0), Some("CNY"), Some("month"))
        );
        for not in ["18k-10k", "k-18k", "10-18", "10k-18k·薪", "3-5年"] {
            assert!(chinese_board_range(not).is_none(), "{not}");
        }
    }

    #[test]
    fn a_line_may_hold_money_only_with_a_currency_beside_a_digit() {
        // GIVEN amounts with their currency before or after, in the spellings the amount pattern reads
        for money in ["€50.000", "50.000 EUR", "USD\u{a0}100 000", "35000.00 Euros", "17-30K元", "30万円", "$5k"] {
            // WHEN the line is checked THEN it may hold money
            assert!(may_hold_money(&format!("We offer {money} a year.")), "{money}");
        }
        // AND a line whose numbers and currency words are apart holds none
        assert!(!may_hold_money("Founded in 2015, we pay in EUR across our offices."));
        assert!(!may_hold_money("No numbers here, only USD and €."));
    }

    #[test]
    fn pay_zones_under_a_pay_heading_widen_to_their_envelope() {
        // GIVEN a lead-in line and one range per pay zone
        let zones = "What we offer\nThe US base salary range for this full-time position is:\n\
            Zone 1: $150,000 - $180,000 USD\nZone 2: $135,000 - $162,000 USD\nZone 3: $127,500 - $153,000 USD\n\
            Sign-on bonus: $10,000 - $20,000 USD";
        // THEN the salary spans every zone and stops before the bonus
        assert_eq!(desc(zones), Some(want(127_500.0, 180_000.0, "USD", None)));
    }

    #[test]
    fn a_pay_statement_for_another_country_is_not_the_jobs_pay() {
        // GIVEN Autodesk's statement, which quotes the US range on every posting
        let autodesk = "Salary transparency\nSalary is one part of Autodesk's competitive compensation package. \
            For U.S.-based roles, we expect a starting base salary between $148,200 and $239,800. Offers are based \
            on the candidate's experience and geographic location.";
        let range = |countries: &[&str]| from_description(autodesk, countries).map(|p| (p.salary.min, p.salary.max));
        // THEN a job in Canada gets no salary from it
        assert_eq!(range(&["CA"]), None);
        // AND a job in the US, or one whose country is unknown, gets the range
        assert_eq!(range(&["US"]), Some((Some(148_200.0), Some(239_800.0))));
        assert_eq!(range(&[]), Some((Some(148_200.0), Some(239_800.0))));
    }

    #[test]
    fn a_description_full_of_money_is_read_only_so_far() {
        // GIVEN a hostile description: thousands of lines, each with hundreds
        // of ranges that are no pay, and a pay statement at the very end
        let noise = "Bonus: $1 - $2, ".repeat(200);
        let text = format!("{}\nThe salary range is $100,000 - $120,000.", [noise.as_str()].repeat(5_000).join("\n"));
        // WHEN its pay statement is looked for
        // THEN the search stops after a bounded number of money lines
        assert_eq!(desc(&text), None);
        // AND a statement among the first lines is still found
        let early = format!("The salary range is $100,000 - $120,000.\n{text}");
        assert_eq!(desc(&early), Some(want(100_000.0, 120_000.0, "USD", None)));
    }

    #[test]
    fn other_money_in_a_description_is_not_pay() {
        // GIVEN descriptions with money that is not the job's pay
        for text in [
            "We offer a $1,000 - $2,000 annual learning budget and a competitive salary.",
            "Sign-on bonus: $5,000 - $10,000.",
            "Salary: competitive. Relocation support of $5,000 - $10,000.",
            "Giga has recently raised a $61M Series A.",
            "Competitive salary and a $150/month wellness benefit.",
            "The salary is $120,000 a year.",
            "Customers save $10,000 - $50,000 a year with our product.",
            "We pay $1,000 - $2,000 for your home office setup.",
            "Compensation includes $500 - $1,500 per year towards learning and conferences.",
        ] {
            // THEN none gives a salary (a lone amount never does here)
            assert_eq!(desc(text), None, "{text}");
        }
        // AND a range for a place or depending on something is still pay
        for text in [
            "The salary is $100,000 - $120,000 for our New York office, depending on experience.",
            "Base pay: $100,000 - $120,000 based on location and travel.",
        ] {
            assert_eq!(desc(text).map(|s| (s.0, s.1)), Some((Some(100_000.0), Some(120_000.0))), "{text}");
        }
    }

    #[test]
    fn a_salary_without_an_interval_is_yearly_only_where_nothing_else_is_plausible() {
        let at = |min: f64, c: &str| {
            implied_interval(&Salary { min: Some(min), max: Some(min * 1.2), currency: Some(c.into()), interval: None })
        };
        // GIVEN six-figure dollar, euro and pound ranges: a year's pay
        assert_eq!(at(170_000.0, "USD").as_deref(), Some("year"));
        assert_eq!(at(45_000.0, "EUR").as_deref(), Some("year"));
        assert_eq!(at(38_000.0, "GBP").as_deref(), Some("year"));
        // THEN small amounts, and currencies quoted monthly, stay unknown
        assert_eq!(at(26.0, "USD"), None);
        assert_eq!(at(8_000.0, "EUR"), None);
        assert_eq!(at(45_000.0, "SEK"), None);
        assert_eq!(at(30_000.0, "HKD"), None);
        assert_eq!(at(300_000.0, "JPY"), None);
        // AND Central European pay in a month's band is a month's
        assert_eq!(at(50_000.0, "CZK").as_deref(), Some("month"));
        assert_eq!(at(8_000.0, "PLN").as_deref(), Some("month"));
        assert_eq!(at(600_000.0, "CZK"), None);
    }

    #[test]
    fn a_central_european_range_writes_its_thousands_once() {
        // GIVEN ranges whose upper end alone carries the thousands
        // THEN the lower end carries them too
        assert_eq!(s("Mzdu 50-62.000 Kč"), want(50_000.0, 62_000.0, "CZK", None));
        assert_eq!(s("15 - 20 000 zł"), want(15_000.0, 20_000.0, "PLN", None));
        assert_eq!(s("1-1.200.000 HUF"), want(1_000_000.0, 1_200_000.0, "HUF", None));
        // BUT a lower end already in the upper's band, or one the thousands
        // would put above it, is read as written
        assert_eq!(s("800 - 1.200 €"), want(800.0, 1_200.0, "EUR", None));
        assert_eq!(s("€5 - €62.000"), want(5.0, 62_000.0, "EUR", None));
        assert_eq!(s("50-62.000,50 Kč"), want(50.0, 62_000.5, "CZK", None));
    }

    #[test]
    fn a_range_with_no_currency_counts_only_standing_alone_with_its_interval() {
        let unmarked = |t: &str| unmarked_range(t).map(|p| (p.salary.min, p.salary.max, p.salary.interval));
        // GIVEN Built In's chip THEN it is a year's pay, its currency unknown
        assert_eq!(unmarked("170K-220K Annually"), Some((Some(170_000.0), Some(220_000.0), Some("year".into()))));
        // BUT no interval, other words, small amounts, years or a stated
        // currency make it something else
        for t in ["170K-220K", "10K-50K employees", "1-5K monthly visitors", "20-30 hourly", "2020-2024 annually"] {
            assert_eq!(unmarked(t), None, "{t}");
        }
        assert_eq!(unmarked("$170K-$220K Annually"), None);
    }

    #[test]
    fn an_interval_word_is_read_whole() {
        // GIVEN interval words that begin with a shorter one THEN all of it is the interval's
        assert_eq!(interval_len(" Annually"), 9);
        assert_eq!(interval_len(" hourly"), 7);
        assert_eq!(interval_len("/monthly"), 8);
        assert_eq!(interval_len(" jährlich"), " jährlich".len());
    }

    #[test]
    fn a_country_pays_in_its_own_currency() {
        assert_eq!(country_currency("US"), Some("USD"));
        assert_eq!(country_currency("DE"), Some("EUR"));
        assert_eq!(country_currency("CZ"), Some("CZK"));
        assert_eq!(country_currency("ZZ"), None);
        // AND the two directions agree for every currency one country pays in
        for (code, country) in SOLE {
            assert_eq!(country_currency(country), Some(*code));
            assert_eq!(currency_country(code), Some(*country));
        }
    }

    #[test]
    fn a_pay_sentence_over_a_heading_covers_the_ranges_under_it() {
        // GIVEN Ashby's zone tables: the pay sentence, a country heading, a zone's range
        let zones = "Base pay may vary. The expected salary ranges for this position are outlined below by zone.\n\
            United States:\nZone 1: $232,000 – $319,000/year (USD)";
        // THEN the range is the job's pay
        assert_eq!(desc(zones), Some(want(232_000.0, 319_000.0, "USD", Some("year"))));
        // BUT over a heading under other money, it is not
        let funding = "We raised a Series B last year.\nInvestors:\nRound 1: $20,000,000 – $30,000,000";
        assert_eq!(desc(funding), None);
        // AND a Czech pay word names pay
        assert_eq!(desc("Mzdu 50-62.000 Kč s možností bonusů."), Some(want(50_000.0, 62_000.0, "CZK", None)));
    }

    #[test]
    fn numbers_follow_their_separators() {
        assert_eq!(number("130,000"), Some(130_000.0));
        assert_eq!(number("160,000.00"), Some(160_000.0));
        assert_eq!(number("1.234,56"), Some(1234.56));
        assert_eq!(number("26.5"), Some(26.5));
    }
}
