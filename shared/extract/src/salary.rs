//! Pay: published text ("$120k–$150k a year", "€50.000 - €60.000 per
//! year", "$26–30/hr", "17-30K·13薪") into min, max, ISO 4217 currency and
//! interval.

use std::sync::LazyLock;

use regex::Regex;

use super::Salary;

/// A parsed amount range and how sure we are of its currency.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    /// The salary.
    pub salary: Salary,
    /// The currency came from a bare `$`: USD unless the job's country
    /// says otherwise (see [`localise_dollar`]).
    pub bare_dollar: bool,
}

const CUR: &str = r"US\$|USD|A\$|AU\$|AUD|C\$|CA\$|CAD|NZ\$|NZD|S\$|SGD|HK\$|HKD|R\$|BRL|€|EUR|£|GBP|¥|JPY|CNY|RMB|₹|INR|CHF|SEK|NOK|DKK|PLN|zł|JOD|AED|ILS|₪|MXN|ZAR|\$";
// Indian lakh grouping ("12,00,000") first, then groups of three (with a
// Swiss apostrophe too: "120'000"), then plain numbers.
const NUM: &str = r"\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d{1,2})?|\d{1,3}(?:[.,'’\x20\u{a0}\u{202f}]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?";
const MULT: &str = r"[kKmM]\b|万|千";

static RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?x)
        (?P<c1>{CUR})?\s?(?P<a>{NUM})\s?(?P<k1>{MULT})?\s?(?P<c1b>{CUR}|元)?
        (?:\s*(?:-|–|—|~|〜|－|to|bis|à|a)\s*
           (?P<c2>{CUR})?\s?(?P<b>{NUM})\s?(?P<k2>{MULT})?\s?(?P<c2b>{CUR}|元)?)?"
    ))
    .expect("salary regex")
});

/// Words before a lone amount that make it a ceiling.
const CEILING: &[&str] =
    &["up to", "upto", "max", "max.", "maximum", "bis zu", "jusqu'à", "jusqu’à", "hasta", "fino a", "até"];

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
];

static INTERVAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^[\s.,]*(?:gross|brut|brutto|bruto|lordi|lordo)?\s*
        (?:/|per|a|an|each|every|p\.|pro|par|al|all['’]|por|de\s+l['’])?\s*
        (?P<u>hour|hr|h\b|hourly|day|daily|week|wk|weekly|month|mo\b|mth|monthly|year|yr|annum|annual|annually|yearly|
           jahr|jährlich|monat|monatlich|stunde|woche|tag|an\b|annuel|mois|mensuel|heure|jour|semaine|
           año|ano\b|anual|anno|annuo|annui|annuale|mes\b|mese|mês|mensual|mensile|mensal|hora|ora\b|giorno|
           dia\b|día|semana|settimana|jaar|maand|uur|dag\b|小时|时|天|日|周|月|年)",
    )
    .expect("interval regex")
});

fn currency(sym: &str) -> (Option<&'static str>, bool) {
    let c = match sym {
        "US$" | "USD" => "USD",
        "A$" | "AU$" | "AUD" => "AUD",
        "C$" | "CA$" | "CAD" => "CAD",
        "NZ$" | "NZD" => "NZD",
        "S$" | "SGD" => "SGD",
        "HK$" | "HKD" => "HKD",
        "R$" | "BRL" => "BRL",
        "€" | "EUR" => "EUR",
        "£" | "GBP" => "GBP",
        "¥" | "JPY" => "JPY",
        "CNY" | "RMB" | "元" => "CNY",
        "₹" | "INR" => "INR",
        "CHF" => "CHF",
        "SEK" => "SEK",
        "NOK" => "NOK",
        "DKK" => "DKK",
        "PLN" | "zł" => "PLN",
        "JOD" => "JOD",
        "AED" => "AED",
        "ILS" | "₪" => "ILS",
        "MXN" => "MXN",
        "ZAR" => "ZAR",
        "$" => return (Some("USD"), true),
        _ => return (None, false),
    };
    (Some(c), false)
}

/// A currency as structured data gives it, in ISO 4217: a code in any case
/// ("usd"), or a symbol ("€", "$"; with `true` when the dollar was bare, see
/// [`localise_dollar`]). `None` for anything else.
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

fn mult(k: Option<&str>) -> f64 {
    match k.and_then(|k| k.chars().next()) {
        Some('k' | 'K' | '千') => 1_000.0,
        Some('m' | 'M') => 1_000_000.0,
        Some('万') => 10_000.0,
        _ => 1.0,
    }
}

/// Normalises an interval word (`YEAR`, `hourly`, `per month`, ...).
pub fn interval(unit: &str) -> Option<String> {
    let u = unit.trim().to_lowercase().replace('_', " ");
    let u = u.trim_start_matches("per ").trim();
    let i = match u {
        "hour" | "hourly" | "hr" | "h" | "stunde" | "heure" | "hora" | "ora" | "uur" | "小时" | "时" => "hour",
        "day" | "daily" | "tag" | "jour" | "dia" | "día" | "giorno" | "dag" | "天" | "日" => "day",
        "week" | "weekly" | "wk" | "woche" | "semaine" | "semana" | "settimana" | "周" => "week",
        "month" | "monthly" | "mo" | "mth" | "monat" | "monatlich" | "mois" | "mensuel" | "mes" | "mese" | "mês"
        | "mensual" | "mensile" | "mensal" | "maand" | "月" => "month",
        "year" | "yearly" | "annual" | "annually" | "annum" | "yr" | "jahr" | "jährlich" | "an" | "annuel" | "año"
        | "ano" | "anual" | "anno" | "annuo" | "annui" | "annuale" | "jaar" | "年" => "year",
        _ => return None,
    };
    Some(i.to_owned())
}

/// Finds a salary in text. Without `labelled` (the text is not a salary
/// field), an amount needs a currency marker to count, so "3-5 years" or a
/// phone number is not pay.
pub fn parse_text(text: &str, labelled: bool) -> Option<Parsed> {
    // Every amount needs a digit; most text has none.
    if !super::dates::has_digit(text) {
        return None;
    }
    let chinese_pay = text.contains('薪') || text.contains('元') || text.contains("万/");
    for m in RANGE.captures_iter(text) {
        let g = |n: &str| m.name(n).map(|x| x.as_str());
        let cur_sym = g("c1").or(g("c1b")).or(g("c2")).or(g("c2b"));
        let (mut cur, bare) = cur_sym.map_or((None, false), currency);
        if cur.is_none() && chinese_pay && (g("k1").is_some() || g("k2").is_some()) {
            cur = Some("CNY");
        }
        if cur.is_none() && !labelled {
            continue;
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
            continue;
        }
        let Some(a) = g("a").and_then(number) else { continue };
        let b = g("b").and_then(number);
        let (mut k1, k2) = (mult(g("k1")), mult(g("k2")));
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
            continue;
        }
        // A bare year or a small count in a labelled field is not pay.
        if cur.is_none() && b.is_none() && (1900.0..=2100.0).contains(&min) {
            continue;
        }
        let whole = m.get(0).map_or(0..text.len(), |x| x.range());
        let rest = &text[whole.end..];
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
                    before
                        .strip_suffix(w)
                        .is_some_and(|head| !head.chars().next_back().is_some_and(char::is_alphanumeric))
                })
            };
            if said(CEILING) {
                low = None;
            } else if text[amount_end..].starts_with('+') || said(FLOOR) {
                high = None;
            }
        }
        let mut unit = INTERVAL.captures(rest).and_then(|c| c.name("u")).and_then(|u| interval(u.as_str()));
        if unit.is_none() && chinese_pay && rest.trim_start().starts_with(['·', '*', '×']) && rest.contains('薪') {
            // "17-30K·13薪": a monthly salary paid 13 times a year.
            unit = Some("month".to_owned());
        }
        if unit.is_none() && text.contains("薪") && cur == Some("CNY") {
            unit = Some("month".to_owned());
        }
        return Some(Parsed {
            salary: Salary { min: low, max: high, currency: cur.map(str::to_owned), interval: unit },
            bare_dollar: bare,
        });
    }
    None
}

/// A bare `$` means the local dollar in these countries.
pub fn localise_dollar(country: &str) -> Option<&'static str> {
    match country {
        "AU" => Some("AUD"),
        "CA" => Some("CAD"),
        "NZ" => Some("NZD"),
        "SG" => Some("SGD"),
        "HK" => Some("HKD"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str) -> (Option<f64>, Option<f64>, Option<String>, Option<String>) {
        let p = parse_text(text, false).expect("a salary").salary;
        (p.min, p.max, p.currency, p.interval)
    }

    fn want(
        min: f64,
        max: f64,
        c: &str,
        i: Option<&str>,
    ) -> (Option<f64>, Option<f64>, Option<String>, Option<String>) {
        (Some(min), Some(max), Some(c.to_owned()), i.map(str::to_owned))
    }

    #[test]
    fn parses_the_forms_in_the_wild() {
        assert_eq!(s("$120k–$150k a year"), want(120_000.0, 150_000.0, "USD", Some("year")));
        assert_eq!(s("€50.000 - €60.000 per year"), want(50_000.0, 60_000.0, "EUR", Some("year")));
        assert_eq!(s("₹12,00,000 - ₹18,00,000 per annum"), want(1_200_000.0, 1_800_000.0, "INR", Some("year")));
        assert_eq!(s("CHF 120'000 – 140'000"), want(120_000.0, 140_000.0, "CHF", None));
        assert_eq!(s("35.000 € - 42.000 € al año"), want(35_000.0, 42_000.0, "EUR", Some("year")));
        assert_eq!(s("40.000 - 48.000 EUR lordi annui"), want(40_000.0, 48_000.0, "EUR", Some("year")));
        assert_eq!(s("€ 3.500 - € 4.200 bruto per maand"), want(3_500.0, 4_200.0, "EUR", Some("month")));
        assert_eq!(s("R$ 25 - R$ 30 por hora"), want(25.0, 30.0, "BRL", Some("hour")));
        assert_eq!(s("$26–30/hr"), want(26.0, 30.0, "USD", Some("hour")));
        assert_eq!(s("17-30K·13薪"), want(17_000.0, 30_000.0, "CNY", Some("month")));
        assert_eq!(s("Target Base Salary $220K – $330K • Offers Equity"), want(220_000.0, 330_000.0, "USD", None));
        assert_eq!(s("$26,000 – $30,000 / year"), want(26_000.0, 30_000.0, "USD", Some("year")));
        assert_eq!(s("A$160,000.00 - A$200,000.00"), want(160_000.0, 200_000.0, "AUD", None));
        assert_eq!(s("£45,000 to £55,000 per annum"), want(45_000.0, 55_000.0, "GBP", Some("year")));
        assert_eq!(s("USD 100000"), want(100_000.0, 100_000.0, "USD", None));
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
        assert_eq!(one("ab 50.000 €"), (Some(50_000.0), None));
        // a word that only ends like one, a range, and a bonus are not bounds
        assert_eq!(one("Lab $100,000"), (Some(100_000.0), Some(100_000.0)));
        assert_eq!(one("up to $120k - $150k"), (Some(120_000.0), Some(150_000.0)));
        assert_eq!(one("$150,000 + bonus"), (Some(150_000.0), Some(150_000.0)));
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

    #[test]
    fn numbers_follow_their_separators() {
        assert_eq!(number("130,000"), Some(130_000.0));
        assert_eq!(number("160,000.00"), Some(160_000.0));
        assert_eq!(number("1.234,56"), Some(1234.56));
        assert_eq!(number("26.5"), Some(26.5));
    }
}
