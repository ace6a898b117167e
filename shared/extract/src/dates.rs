//! Dates as pages write them: ISO and RFC 3339, `22/12/2025`,
//! `Aug 29, 2023`, epoch milliseconds, and relative phrases ("Posted 3 days
//! ago", "Posted Today", "18 hours ago", "il y a 2 jours", "3天前")
//! resolved against the page's fetch time.

use std::sync::LazyLock;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use regex::Regex;

/// Parses an absolute date-time: RFC 3339, ISO date-time without zone, ISO
/// date, `YYYY/MM/DD`, `DD/MM/YYYY` (or `MM/DD/YYYY` when the day cannot be
/// the first), `DD.MM.YYYY`, month names, and epoch milliseconds.
pub fn parse_date_time(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d.with_timezone(&Utc));
    }
    // ("2024-03-06T00:00+11:00": a zoned time without seconds, which RFC
    // 3339 lacks and ISO 8601 allows.)
    for f in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M:%S%z",
        "%Y-%m-%dT%H:%M%z",
    ] {
        if let Ok(d) = DateTime::parse_from_str(s, f) {
            return Some(d.with_timezone(&Utc));
        }
        if let Ok(d) = chrono::NaiveDateTime::parse_from_str(s, f) {
            return Some(d.and_utc());
        }
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return Some(d.with_timezone(&Utc));
    }
    if let Some(d) = java_date(s) {
        return Some(d);
    }
    if let Some(d) = zoned_or_basic_date(s) {
        return d.and_hms_opt(0, 0, 0).map(|d| d.and_utc());
    }
    if let Some(d) = abbreviated_zone(s) {
        return Some(d.and_utc());
    }
    // Epoch seconds or milliseconds (LinkedIn's `listedAt`).
    if s.len() >= 10 && s.len() <= 13 && s.bytes().all(|b| b.is_ascii_digit()) {
        let n: i64 = s.parse().ok()?;
        let ms = if s.len() == 13 { n } else { n * 1000 };
        return DateTime::from_timestamp_millis(ms);
    }
    find_absolute(s).and_then(|d| d.and_hms_opt(0, 0, 0)).map(|d| d.and_utc())
}

/// The calendar date a page gives: for an ISO date or date-time, its own
/// date part whatever its offset ("2024-05-01T00:00:00+02:00" was posted on
/// 1 May where it was written, though it is 30 April in UTC); otherwise the
/// UTC date of [`parse_date_time`].
pub fn parse_calendar_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let parsed = parse_date_time(s)?;
    let head = s.get(..10).filter(|h| h.as_bytes().get(4) == Some(&b'-') && h.as_bytes().get(7) == Some(&b'-'));
    Some(head.and_then(|h| NaiveDate::parse_from_str(h, "%Y-%m-%d").ok()).unwrap_or_else(|| parsed.date_naive()))
}

/// Capture group `i` as a number.
fn num(m: &regex::Captures, i: usize) -> Option<u32> {
    m.get(i).and_then(|x| x.as_str().parse().ok())
}

/// The first numeric date in `s` ("10/05/2026") read month first, when
/// `month_first` (the job is in the US, where dates are written so) and day
/// and month could be swapped; `None` otherwise, and the usual day-first
/// reading applies. Dotted dates ("10.05.2026") are European everywhere.
pub fn swapped_us_date(s: &str, month_first: bool) -> Option<NaiveDate> {
    if !month_first {
        return None;
    }
    let m = NUMERIC.captures(s)?;
    let (a, b, y) = (num(&m, 1)?, num(&m, 2)?, num(&m, 3)? as i32);
    (a <= 12 && b <= 12 && a != b && !m[0].contains('.')).then(|| NaiveDate::from_ymd_opt(y, a, b))?
}

/// A date posted: [`parse_calendar_date`], except that an all-numeric date
/// is read month first for a job in the US (`month_first`), and that a
/// reading that lies in the future of the fetch gives way to the other
/// one: a posting cannot be dated after it was fetched.
pub fn parse_posted(s: &str, month_first: bool, now: DateTime<Utc>) -> Option<NaiveDate> {
    let day_first = parse_calendar_date(s);
    let us = swapped_us_date(s, true);
    let (pick, other) = if month_first && us.is_some() { (us, day_first) } else { (day_first, us) };
    let future = |d: &Option<NaiveDate>| d.is_some_and(|d| d > now.date_naive() + Duration::days(1));
    if future(&pick) && other.is_some() && !future(&other) { other } else { pick }
}

/// A closing date as [`parse_deadline`] reads it, but month first for a job
/// in the US (see [`parse_posted`]).
pub fn parse_closing(s: &str, month_first: bool) -> Option<DateTime<Utc>> {
    match swapped_us_date(s, month_first) {
        Some(d) => d.and_hms_opt(23, 59, 59).map(|t| t.and_utc()),
        None => parse_deadline(s),
    }
}

/// Java's `Date.toString()`, which SAP SuccessFactors career sites put in
/// their microdata: "Tue Apr 15 07:00:00 UTC 2025". The zone is an
/// abbreviation ("UTC", "CEST", "EST") that names no offset unambiguously
/// (IST is India, Ireland or Israel), so the time is taken as written, in
/// UTC: the calendar date is the one the site wrote, as for ISO dates.
fn java_date(s: &str) -> Option<DateTime<Utc>> {
    let b = s.as_bytes();
    // "Tue Apr 15 ": a weekday and a month name before anything else.
    if b.len() < 24 || b.get(3) != Some(&b' ') || b.get(7) != Some(&b' ') {
        return None;
    }
    chrono::NaiveDateTime::parse_from_str(s, "%a %b %d %H:%M:%S %Z %Y").ok().map(|d| d.and_utc())
}

/// ISO 8601's basic form ("20240301"), and a date with a zone but no time
/// ("2024-03-01Z", "2024-03-01+02:00", which XML Schema's `xs:date`
/// allows): the date is the one written, as for a date-time.
fn zoned_or_basic_date(s: &str) -> Option<NaiveDate> {
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) && (s.starts_with("19") || s.starts_with("20")) {
        return NaiveDate::parse_from_str(s, "%Y%m%d").ok();
    }
    let (date, zone) = s.split_at_checked(10)?;
    let zoned = zone == "Z" || (zone.len() == 6 && (zone.starts_with('+') || zone.starts_with('-')));
    zoned.then(|| NaiveDate::parse_from_str(date, "%Y-%m-%d").ok())?
}

/// An ISO date with a zone abbreviation glued on, and perhaps the time
/// after it: "2022-10-10CEST12:00", which a WordPress board wrote into its
/// JSON-LD. As for [`java_date`], the abbreviation names no offset for
/// sure, so the date and time are taken as written, in UTC.
fn abbreviated_zone(s: &str) -> Option<chrono::NaiveDateTime> {
    let (date, rest) = s.split_at_checked(10)?;
    let letters = rest.bytes().take_while(u8::is_ascii_uppercase).count();
    if !(2..=5).contains(&letters) {
        return None;
    }
    let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
    let time = match &rest[letters..] {
        "" => chrono::NaiveTime::MIN,
        t => chrono::NaiveTime::parse_from_str(t, "%H:%M")
            .or_else(|_| chrono::NaiveTime::parse_from_str(t, "%H:%M:%S"))
            .ok()?,
    };
    Some(date.and_time(time))
}

/// A closing date: an instant as written, but a bare date ("2026-03-01",
/// no time of day) means the posting is open through that whole day, so it
/// closes at its last second (UTC), as labelled closing dates do.
pub fn parse_deadline(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if let Some(d) = zoned_or_basic_date(s) {
        return d.and_hms_opt(23, 59, 59).map(|t| t.and_utc());
    }
    if s.contains(':') || s.bytes().all(|b| b.is_ascii_digit()) {
        return parse_date_time(s);
    }
    parse_calendar_date(s).and_then(|d| d.and_hms_opt(23, 59, 59)).map(|t| t.and_utc())
}

static ISO: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b").expect("iso"));
static NUMERIC: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\b").expect("numeric"));
static MONTH_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(\p{L}{3,12})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b").expect("month first")
});
static DAY_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    // "12 March 2026", "12. März 2026", "12 de marzo de 2026", and
    // hyphenated as Oracle and IBM write it, "03-Aug-2026".
    Regex::new(
        r"(?i)\b(\d{1,2})(?:st|nd|rd|th)?(?:\.?\s+(?:de\s+)?(\p{L}{3,12})\.?,?\s+(?:de\s+)?|-([a-z]{3})-)(\d{4})\b",
    )
    .expect("day first")
});
static CJK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(\d{4})年(\d{1,2})月(\d{1,2})日").expect("cjk"));

/// Month names of the languages whose first three letters do not tell the
/// month, or clash with another language's: each stem is matched as the
/// start of the name ("lutego", "února", "февраля", "helmikuuta"). Finnish
/// "marraskuu" (November) must win over the "mar" of March.
const MONTH_STEMS: &[(&str, u32)] = &[
    // Polish
    ("stycz", 1),
    ("lut", 2),
    ("marzec", 3),
    ("marca", 3),
    ("kwie", 4),
    ("maj", 5),
    ("czerw", 6),
    ("lipi", 7),
    ("lipc", 7),
    ("sierp", 8),
    ("wrze", 9),
    ("paźdz", 10),
    ("listopad", 11),
    ("grud", 12),
    // Czech and Slovak
    ("led", 1),
    ("únor", 2),
    ("února", 2),
    ("břez", 3),
    ("dub", 4),
    ("květ", 5),
    ("máj", 5),
    ("červenc", 7),
    ("července", 7),
    ("červen", 6),
    ("června", 6),
    ("jún", 6),
    ("júl", 7),
    ("srp", 8),
    ("září", 9),
    ("říj", 10),
    ("prosin", 12),
    // Russian and Ukrainian
    ("янв", 1),
    ("фев", 2),
    ("мар", 3),
    ("апр", 4),
    ("мая", 5),
    ("май", 5),
    ("июн", 6),
    ("июл", 7),
    ("авг", 8),
    ("сен", 9),
    ("окт", 10),
    ("ноя", 11),
    ("дек", 12),
    ("січ", 1),
    ("лют", 2),
    ("берез", 3),
    ("квіт", 4),
    ("трав", 5),
    ("черв", 6),
    ("лип", 7),
    ("серп", 8),
    ("верес", 9),
    ("жовт", 10),
    ("листоп", 11),
    ("груд", 12),
    // Finnish
    ("tammi", 1),
    ("helmi", 2),
    ("maalis", 3),
    ("huhti", 4),
    ("touko", 5),
    ("kesä", 6),
    ("heinä", 7),
    ("elokuu", 8),
    ("syys", 9),
    ("loka", 10),
    ("marras", 11),
    ("joulu", 12),
    // Romanian, Turkish, Indonesian and Norwegian where they differ
    ("ian", 1),
    ("iun", 6),
    ("iul", 7),
    ("noi", 11),
    ("ocak", 1),
    ("şubat", 2),
    ("nisan", 4),
    ("haziran", 6),
    ("temmuz", 7),
    ("ağustos", 8),
    ("eylül", 9),
    ("ekim", 10),
    ("kasım", 11),
    ("aralık", 12),
    ("agu", 8),
    ("des", 12),
];

/// The month a name gives. Only a date written day first ("18 lutego
/// 2025") reads [`MONTH_STEMS`]: the languages they come from never write
/// the month first, and before a number a short stem is too often the start
/// of another word ("Desk 5, 2025").
fn month(name: &str, day_first: bool) -> Option<u32> {
    let n = name.to_lowercase();
    if day_first && let Some((_, m)) = MONTH_STEMS.iter().find(|(stem, _)| n.starts_with(stem)) {
        return Some(*m);
    }
    let head: String = n.chars().take(3).collect();
    // English, French, German, Spanish, Italian, Portuguese, Dutch.
    let m = match head.as_str() {
        "jan" | "jän" | "ene" | "gen" => 1,
        "feb" | "fév" | "fev" => 2,
        "mar" | "mär" | "maa" => 3,
        "apr" | "avr" | "abr" => 4,
        "may" | "mai" | "mag" | "mei" => 5,
        "jun" | "jui" | "giu" if n.starts_with("juin") || n.starts_with("jun") || n.starts_with("giu") => 6,
        "jul" | "jui" | "lug" => 7,
        "aug" | "aoû" | "aou" | "ago" => 8,
        "sep" | "set" => 9,
        "oct" | "okt" | "ott" | "out" => 10,
        "nov" => 11,
        "dec" | "déc" | "dez" | "dic" => 12,
        _ => return None,
    };
    Some(m)
}

/// Whether the text holds a decimal digit (`\d` in the regexes below is
/// Unicode's: any `Nd` character, all of which `char::is_numeric` covers).
/// Every date form needs one, so text without is answered without running
/// a regex.
pub(crate) fn has_digit(s: &str) -> bool {
    if s.is_ascii() { s.bytes().any(|b| b.is_ascii_digit()) } else { s.chars().any(char::is_numeric) }
}

/// Whether the text may hold a relative date phrase: every alternative of
/// [`RELATIVE`] needs one of a few words ("ago", "il", "vor", "today", ...;
/// ASCII-case-insensitively, which is the regex's case folding except for
/// `ſ` and the Kelvin sign, so text with those goes to the regex) or a CJK
/// date word. Most lines have none, and the regex's Unicode word
/// boundaries make it slow on non-ASCII text.
fn may_be_relative(s: &str) -> bool {
    if !s.is_ascii()
        && (s.contains(['ſ', '\u{212A}', '前'])
            || ["刚刚", "今天", "昨天", "řed", "назад", "önce"].iter().any(|w| s.contains(w)))
    {
        return true;
    }
    [
        "ago",
        "il",
        "vor",
        "today",
        "just",
        "aujourd",
        "heute",
        "yesterday",
        "hier",
        "gestern",
        "hace",
        "há",
        "ha ",
        " fa",
        "geleden",
        "hoy",
        "hoje",
        "oggi",
        "vandaag",
        "ayer",
        "ontem",
        "ieri",
        "gisteren",
        "temu",
        "sedan",
        "siden",
    ]
    .iter()
    .any(|w| super::text::find_ci(s, w).is_some())
}

/// The first absolute date written anywhere in the text.
pub fn find_absolute(s: &str) -> Option<NaiveDate> {
    if !has_digit(s) {
        return None;
    }
    let mut best: Option<(usize, NaiveDate)> = None;
    let mut consider = |pos: usize, d: Option<NaiveDate>| {
        if let Some(d) = d
            && best.is_none_or(|(p, _)| pos < p)
        {
            best = Some((pos, d));
        }
    };
    if let Some(m) = ISO.captures(s) {
        let y = num(&m, 1).map(|y| y as i32);
        consider(
            m.get(0).map_or(0, |x| x.start()),
            y.and_then(|y| NaiveDate::from_ymd_opt(y, num(&m, 2)?, num(&m, 3)?)),
        );
    }
    if let Some(m) = NUMERIC.captures(s) {
        let (a, b, y) = (num(&m, 1), num(&m, 2), num(&m, 3).map(|y| y as i32));
        let d = match (a, b, y) {
            // Day first unless the first number cannot be a day's month pair.
            (Some(a), Some(b), Some(y)) if b > 12 => NaiveDate::from_ymd_opt(y, a, b),
            (Some(a), Some(b), Some(y)) => NaiveDate::from_ymd_opt(y, b, a),
            _ => None,
        };
        consider(m.get(0).map_or(0, |x| x.start()), d);
    }
    for m in MONTH_FIRST.captures_iter(s) {
        let d = month(&m[1], false).and_then(|mo| NaiveDate::from_ymd_opt(num(&m, 3)? as i32, mo, num(&m, 2)?));
        if d.is_some() {
            consider(m.get(0).map_or(0, |x| x.start()), d);
            break;
        }
    }
    for m in DAY_FIRST.captures_iter(s) {
        let name = m.get(2).or(m.get(3)).map_or("", |x| x.as_str());
        let d = month(name, true).and_then(|mo| NaiveDate::from_ymd_opt(num(&m, 4)? as i32, mo, num(&m, 1)?));
        if d.is_some() {
            consider(m.get(0).map_or(0, |x| x.start()), d);
            break;
        }
    }
    if let Some(m) = CJK.captures(s) {
        let y = num(&m, 1).map(|y| y as i32);
        consider(
            m.get(0).map_or(0, |x| x.start()),
            y.and_then(|y| NaiveDate::from_ymd_opt(y, num(&m, 2)?, num(&m, 3)?)),
        );
    }
    best.map(|(_, d)| d)
}

static RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        \b(?P<n>\d+|an?|one)\+?\s*(?P<u>minute|min|hour|hr|day|week|wk|month|year)s?\s+ago\b
        | \b(?P<an>\d+)\+?(?P<au>mo|[mhdwy])\s+ago\b
        | \bil\s+y\s+a\s+(?P<fn>\d+|une?)\s+(?P<fu>minute|heure|jour|semaine|mois|an)s?\b
        | \bvor\s+(?P<gn>\d+|einer?|einem)\s+(?P<gu>minute|stunde|tag|woche|monat|jahr)(?:en|n|e)?\b
        | \b(?:hace|há|ha)\s+(?P<sn>\d+|una?|um|uma)\s+(?P<su>minuto|hora|día|dia|semana|mes|mês|año|ano)(?:s|es)?\b
        | \b(?P<in>\d+|un|una|uno)\s+(?P<iu>minut|or|giorn|settiman|mes|ann|dag|dagen|week|weken|maand|maanden|jaar|uur)[aeio]?\s+(?:fa|geleden)\b
        | \b(?P<on>\d+)\s+(?P<ou>minut[ęyu]?|godzin[ęy]?|dni|dzień|tydzień|tygodni[ae]?|miesiąc[ae]?|miesięcy|lat[a]?|rok|минут[уы]?|час(?:а|ов)?|день|дня|дней|недел[юиь]|месяц(?:а|ев)?|год(?:а)?|лет|minuter|timm(?:e|ar)|dag(?:ar|e|er)?|veck(?:a|or)|månad(?:er)?|år|minutter|timer?|uger?|uker?|måned(?:er)?|dakika|saat|gün|hafta|ay|yıl)\s+(?:temu|назад|sedan|siden|önce)\b
        | \bpřed\s+(?P<zn>\d+)\s+(?P<zu>minutami|minutou|hodinami|hodinou|dny|dnem|týdny|týdnem|měsíci|měsícem|lety|rokem)\b
        | (?P<cn>\d+)\s*(?P<cu>分钟|小时|天|周|个月|月|年)前
        | \b(?P<today>today|just\s+now|just\s+posted|aujourd.hui|heute|hoy|hoje|oggi|vandaag)\b
        | \b(?P<yesterday>yesterday|hier|gestern|ayer|ontem|ieri|gisteren)\b
        | (?P<cjk_today>刚刚|今天)
        | (?P<cjk_yesterday>昨天)",
    )
    .expect("relative")
});

fn count(s: &str) -> i64 {
    s.parse().unwrap_or(1)
}

fn unit_days(u: &str) -> Option<Duration> {
    let u = u.to_lowercase();
    Some(match u.as_str() {
        // "5m ago" is minutes and "2mo ago" months, as LinkedIn and SEEK write them.
        "minute" | "min" | "m" | "minuto" | "minut" | "分钟" => Duration::minutes(1),
        "hour" | "hr" | "h" | "heure" | "stunde" | "hora" | "or" | "uur" | "小时" => Duration::hours(1),
        "day" | "d" | "jour" | "tag" | "día" | "dia" | "giorn" | "dag" | "dagen" | "天" => Duration::days(1),
        "week" | "wk" | "w" | "semaine" | "woche" | "semana" | "settiman" | "weken" | "周" => Duration::weeks(1),
        "month" | "mo" | "mois" | "monat" | "mes" | "mês" | "maand" | "maanden" | "个月" | "月" => {
            Duration::days(30)
        }
        "year" | "y" | "an" | "jahr" | "año" | "ano" | "ann" | "jaar" | "年" => Duration::days(365),
        // Polish, Czech, Russian, Scandinavian and Turkish units, by stem:
        // each language inflects its units after a number.
        u => {
            // Each stem with its unit in minutes.
            const STEMS: &[(&str, i64)] = &[
                ("minut", 1),
                ("dakika", 1),
                ("godzin", 60),
                ("hodin", 60),
                ("час", 60),
                ("tim", 60),
                ("saat", 60),
                ("dn", 1440),
                ("dzień", 1440),
                ("ден", 1440),
                ("дня", 1440),
                ("дней", 1440),
                ("dag", 1440),
                ("gün", 1440),
                ("tydz", 10_080),
                ("tygod", 10_080),
                ("týd", 10_080),
                ("недел", 10_080),
                ("veck", 10_080),
                ("uge", 10_080),
                ("uke", 10_080),
                ("hafta", 10_080),
                ("miesi", 43_200),
                ("měsí", 43_200),
                ("месяц", 43_200),
                ("månad", 43_200),
                ("måned", 43_200),
                ("ay", 43_200),
                ("lat", 525_600),
                ("rok", 525_600),
                ("год", 525_600),
                ("лет", 525_600),
                ("år", 525_600),
                ("let", 525_600),
                ("yıl", 525_600),
            ];
            let (_, minutes) = STEMS.iter().find(|(stem, _)| u.starts_with(stem))?;
            Duration::minutes(*minutes)
        }
    })
}

/// A relative date phrase in the text, resolved against `now`.
pub fn find_relative(s: &str, now: DateTime<Utc>) -> Option<NaiveDate> {
    if !may_be_relative(s) {
        return None;
    }
    let m = RELATIVE.captures(s)?;
    // "4分钟前在线", "Active 2 days ago": when someone was last seen, not
    // when the job was posted.
    let (before, after) = (&s[..m.get(0)?.start()], &s[m.get(0)?.end()..]);
    let before = before.trim_end().to_lowercase();
    if ["在线", "活跃", "来过"].iter().any(|w| after.trim_start().starts_with(w))
        || before.ends_with("active")
        || before.ends_with("online")
    {
        return None;
    }
    let g = |n: &str| m.name(n).map(|x| x.as_str());
    // "…the best talent working in the industry today.": a word of time in
    // a sentence dates nothing. A posting's date is a short phrase.
    let word_only = ["today", "cjk_today", "yesterday", "cjk_yesterday"].iter().any(|n| g(n).is_some());
    if word_only && s.split_whitespace().nth(6).is_some() {
        return None;
    }
    if g("today").is_some() || g("cjk_today").is_some() {
        return Some(now.date_naive());
    }
    if g("yesterday").is_some() || g("cjk_yesterday").is_some() {
        return Some((now - Duration::days(1)).date_naive());
    }
    let (n, u) = [
        ("n", "u"),
        ("an", "au"),
        ("fn", "fu"),
        ("gn", "gu"),
        ("sn", "su"),
        ("in", "iu"),
        ("on", "ou"),
        ("zn", "zu"),
        ("cn", "cu"),
    ]
    .iter()
    .find_map(|(n, u)| Some((g(n)?, g(u)?)))?;
    let step = unit_days(u)?;
    Some((now - step * count(n) as i32).date_naive())
}

/// The text without its relative date phrase.
pub fn strip_relative(s: &str) -> String {
    if !may_be_relative(s) {
        return s.to_owned();
    }
    match RELATIVE.find(s) {
        Some(m) => format!("{} {}", &s[..m.start()], &s[m.end()..]).trim().to_owned(),
        None => s.to_owned(),
    }
}

/// A date in text: relative phrases first (they are how listings show the
/// posting date), then absolute dates.
pub fn find_date(s: &str, now: DateTime<Utc>) -> Option<NaiveDate> {
    find_relative(s, now).or_else(|| find_absolute(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-03-10T12:00:00Z").unwrap().with_timezone(&Utc)
    }

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    fn find_absolute_regex_only(s: &str) -> Option<NaiveDate> {
        ISO.captures(s)
            .and_then(|m| NaiveDate::from_ymd_opt(m[1].parse().ok()?, m[2].parse().ok()?, m[3].parse().ok()?))
    }

    #[test]
    fn absolute_formats() {
        assert_eq!(parse_date_time("2026-08-06T07:39:35.941Z").map(|x| x.date_naive()), d(2026, 8, 6));
        assert_eq!(parse_date_time("2024-09-24").map(|x| x.date_naive()), d(2024, 9, 24));
        assert_eq!(parse_date_time("2025-05-05T15:08:14").map(|x| x.date_naive()), d(2025, 5, 5));
        assert_eq!(parse_date_time("1713274233000").map(|x| x.date_naive()), d(2024, 4, 16));
        assert_eq!(find_absolute("Posted on Aug 29, 2023."), d(2023, 8, 29));
        assert_eq!(find_absolute("18 February 2026"), d(2026, 2, 18));
        assert_eq!(find_absolute("03-Aug-2026"), d(2026, 8, 3));
        assert_eq!(find_absolute("22/12/2025"), d(2025, 12, 22));
        assert_eq!(find_absolute("12/18/2014"), d(2014, 12, 18));
        assert_eq!(find_absolute("2025年5月5日"), d(2025, 5, 5));
    }

    #[test]
    fn basic_zoned_and_rfc_2822_dates_are_read_as_written() {
        // GIVEN the other date shapes sites put in datePosted / validThrough
        let at = |s: &str| parse_date_time(s).map(|t| t.to_rfc3339());
        // THEN ISO's basic form and a date with a zone are that day
        assert_eq!(parse_calendar_date("20240301"), d(2024, 3, 1));
        assert_eq!(parse_calendar_date("2024-03-01Z"), d(2024, 3, 1));
        assert_eq!(parse_calendar_date("2024-03-01+02:00"), d(2024, 3, 1));
        // AND as closing dates they close at the end of it
        for s in ["20240301", "2024-03-01Z", "2024-03-01-05:00"] {
            assert_eq!(parse_deadline(s).map(|t| t.to_rfc3339()).as_deref(), Some("2024-03-01T23:59:59+00:00"), "{s}");
        }
        // AND a zoned time without seconds (Dovetail) is read, on its own day
        assert_eq!(at("2024-03-06T00:00+11:00").as_deref(), Some("2024-03-05T13:00:00+00:00"));
        assert_eq!(parse_calendar_date("2024-03-06T00:00+11:00"), d(2024, 3, 6));
        // AND an e-mail style date keeps its time and zone
        assert_eq!(at("Fri, 01 Mar 2024 10:00:00 +0100").as_deref(), Some("2024-03-01T09:00:00+00:00"));
        // AND Java's Date.toString() (SuccessFactors' microdata) is the day and time written
        assert_eq!(at("Tue Apr 15 07:00:00 UTC 2025").as_deref(), Some("2025-04-15T07:00:00+00:00"));
        assert_eq!(parse_calendar_date("Wed Dec 31 23:30:00 CET 2025"), d(2025, 12, 31));
        // a weekday that is not that day's is no date
        assert_eq!(parse_calendar_date("Mon Apr 15 07:00:00 UTC 2025"), None);
        // AND an ISO date with a zone abbreviation glued on is that day and time
        assert_eq!(parse_calendar_date("2022-10-10CEST12:00"), d(2022, 10, 10));
        assert_eq!(at("2022-10-10CEST12:00").as_deref(), Some("2022-10-10T12:00:00+00:00"));
        assert_eq!(at("2022-10-10CEST12:00:30").as_deref(), Some("2022-10-10T12:00:30+00:00"));
        assert_eq!(
            parse_deadline("2022-11-10CEST23:59").map(|t| t.to_rfc3339()).as_deref(),
            Some("2022-11-10T23:59:00+00:00")
        );
        assert_eq!(
            parse_deadline("2022-11-10CET").map(|t| t.to_rfc3339()).as_deref(),
            Some("2022-11-10T23:59:59+00:00")
        );
        // but a day that does not exist is still no date
        assert_eq!(parse_calendar_date("2022-02-30CET"), None);
        // AND eight digits that are no date, or a 10-digit epoch, are not misread
        assert_eq!(parse_calendar_date("12345678"), None);
        assert_eq!(parse_calendar_date("20241301"), None);
        assert_eq!(at("1709251200").as_deref(), Some("2024-03-01T00:00:00+00:00"));
    }

    #[test]
    fn the_relative_prefilter_never_hides_a_phrase() {
        for s in [
            "Posted 2 weeks ago",
            "an hour ago",
            "vor einem Tag",
            "Il y a 3 heures",
            "3天前",
            "5 个月前",
            "今天",
            "昨天",
            "刚刚",
            "Just now",
            "HEUTE",
            "Gestern",
            "yesterday",
            "aujourd'hui",
            "Publié aujourd’hui à Paris",
            "١ day ago",
            "hace 3 días",
            "Há 2 meses",
            "3 giorni fa",
            "2 weken geleden",
            "Hoy",
            "ieri",
        ] {
            assert!(RELATIVE.is_match(s), "{s}");
            assert!(may_be_relative(s), "{s}");
        }
        assert!(!may_be_relative("Senior Engineer, Berlin"));
        assert!(!may_be_relative("高级工程师 北京"));
    }

    #[test]
    fn a_numeric_date_is_month_first_for_a_us_job_and_never_after_the_fetch() {
        // GIVEN "10/05/2026": 10 May, or 5 October in the US
        let fetched = DateTime::parse_from_rfc3339("2026-11-23T12:00:00Z").unwrap().with_timezone(&Utc);
        assert_eq!(parse_posted("10/05/2026", false, fetched), d(2026, 5, 10));
        assert_eq!(parse_posted("10/05/2026", true, fetched), d(2026, 10, 5));
        // AND a dotted date is European wherever the job is
        assert_eq!(parse_posted("10.05.2026", true, fetched), d(2026, 5, 10));
        // AND a day-first reading after the fetch gives way: "11/12/2026"
        // fetched on 23 November cannot be 11 December
        assert_eq!(parse_posted("11/12/2026", false, fetched), d(2026, 11, 12));
        // AND an unambiguous or ISO date is read as written
        assert_eq!(parse_posted("25/10/2026", true, fetched), d(2026, 10, 25));
        assert_eq!(parse_posted("2026-10-05", true, fetched), d(2026, 10, 5));
        // AND a US closing date closes at the end of its day
        assert_eq!(
            parse_closing("12/01/2026", true).map(|t| t.to_rfc3339()).as_deref(),
            Some("2026-12-01T23:59:59+00:00")
        );
    }

    #[test]
    fn relative_phrases_resolve_against_the_fetch_time() {
        assert_eq!(find_relative("Posted 3 days ago", now()), d(2026, 3, 7));
        assert_eq!(find_relative("1 week ago", now()), d(2026, 3, 3));
        assert_eq!(find_relative("18 hours ago", now()), d(2026, 3, 9));
        // the short forms of SEEK and LinkedIn
        assert_eq!(find_relative("Posted 4d ago", now()), d(2026, 3, 6));
        assert_eq!(find_relative("Posted 2w ago", now()), d(2026, 2, 24));
        assert_eq!(find_relative("Posted 30+d ago", now()), d(2026, 2, 8));
        assert_eq!(find_relative("2mo ago", now()), d(2026, 1, 9));
        assert_eq!(find_relative("Posted 5m ago", now()), d(2026, 3, 10));
        assert_eq!(find_relative("Posted Today", now()), d(2026, 3, 10));
        assert_eq!(find_relative("Posted 30+ Days Ago", now()), d(2026, 2, 8));
        assert_eq!(find_relative("il y a 2 jours", now()), d(2026, 3, 8));
        assert_eq!(find_relative("3天前", now()), d(2026, 3, 7));
        assert_eq!(find_relative("a month ago", now()), d(2026, 2, 8));
        assert_eq!(find_relative("no date here", now()), None);
        assert_eq!(find_relative("Posted TODAY", now()), d(2026, 3, 10));
        // when a recruiter was last seen dates nothing
        assert_eq!(find_relative("4分钟前在线", now()), None);
        assert_eq!(find_relative("Recruiter active 2 days ago", now()), None);
        // a word of time in a sentence dates nothing
        assert_eq!(find_relative("Learn from the best talent working in the industry today.", now()), None);
        assert_eq!(find_relative("We shipped it yesterday and we will ship again", now()), None);
        assert_eq!(find_relative("vor 3 Tagen", now()), d(2026, 3, 7));
        assert_eq!(find_relative("Publié il y a une semaine", now()), d(2026, 3, 3));
        assert_eq!(find_relative("Publicado hace 3 días", now()), d(2026, 3, 7));
        assert_eq!(find_relative("hace un mes", now()), d(2026, 2, 8));
        assert_eq!(find_relative("Publicada há 2 semanas", now()), d(2026, 2, 24));
        assert_eq!(find_relative("Pubblicato 5 giorni fa", now()), d(2026, 3, 5));
        assert_eq!(find_relative("2 mesi fa", now()), d(2026, 1, 9));
        assert_eq!(find_relative("3 dagen geleden", now()), d(2026, 3, 7));
        assert_eq!(find_relative("ayer", now()), d(2026, 3, 9));
        assert_eq!(find_relative("Fast family fare", now()), None);
        // AND in the inflected languages, whose units change after a number
        assert_eq!(find_relative("Dodano 3 dni temu", now()), d(2026, 3, 7));
        assert_eq!(find_relative("Opublikowano 2 tygodnie temu", now()), d(2026, 2, 24));
        assert_eq!(find_relative("Přidáno před 5 dny", now()), d(2026, 3, 5));
        assert_eq!(find_relative("Před 2 měsíci", now()), d(2026, 1, 9));
        assert_eq!(find_relative("Опубликовано 4 дня назад", now()), d(2026, 3, 6));
        assert_eq!(find_relative("1 неделю назад", now()), d(2026, 3, 3));
        assert_eq!(find_relative("Publicerad 6 dagar sedan", now()), d(2026, 3, 4));
        assert_eq!(find_relative("Lagt ut for 3 uker siden", now()), d(2026, 2, 17));
        assert_eq!(find_relative("3 gün önce", now()), d(2026, 3, 7));
        assert_eq!(find_relative("Dodano 12 godzin temu", now()), d(2026, 3, 10));
        // a sedan is no unit of time
        assert_eq!(find_relative("our 4 door sedan fleet", now()), None);
        // month names in the languages of the labels
        assert_eq!(find_absolute("12 de marzo de 2026"), d(2026, 3, 12));
        assert_eq!(find_absolute("5 giugno 2025"), d(2025, 6, 5));
        assert_eq!(find_absolute("1 de setembro de 2025"), d(2025, 9, 1));
        // AND day-first in the languages whose month names are stems
        assert_eq!(find_absolute("18 lutego 2025"), d(2025, 2, 18));
        assert_eq!(find_absolute("3 października 2024"), d(2024, 10, 3));
        assert_eq!(find_absolute("12. února 2025"), d(2025, 2, 12));
        assert_eq!(find_absolute("1. července 2025"), d(2025, 7, 1));
        assert_eq!(find_absolute("1. června 2025"), d(2025, 6, 1));
        assert_eq!(find_absolute("18 февраля 2025 г."), d(2025, 2, 18));
        assert_eq!(find_absolute("5 травня 2025"), d(2025, 5, 5));
        assert_eq!(find_absolute("18. marraskuuta 2025"), d(2025, 11, 18));
        assert_eq!(find_absolute("7 maj 2025"), d(2025, 5, 7));
        assert_eq!(find_absolute("9 Kasım 2025"), d(2025, 11, 9));
        assert_eq!(find_absolute("2 desember 2025"), d(2025, 12, 2));
        // AND a stem is never read before the day: "Desk 5, 2025" is no date
        assert_eq!(find_absolute("Desk 5, 2025"), None);
        assert_eq!(find_absolute("3 mei 2025"), d(2025, 5, 3));
        assert_eq!(find_absolute("12. März 2026"), d(2026, 3, 12));
        assert_eq!(find_absolute("no digits"), None);
        assert_eq!(find_absolute("٢٠٢٥-٠٥-٠٥"), find_absolute_regex_only("٢٠٢٥-٠٥-٠٥"));
    }
}
