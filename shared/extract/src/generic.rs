//! The generic fallback, for any page:
//!
//! - title: a `job-title` class, the `<h1>` that the page title repeats,
//!   `og:title`, `<title>` (site names and "hiring" phrasing removed; a
//!   "Title - Org" page title is cut at the dash only when the page shows
//!   the first piece as a line of its own);
//! - organisation: company-name classes, what the page title says besides
//!   the job title ("Title | Org | LinkedIn", "Title at Org", "Org - Title",
//!   "Title | Jobs bei Org"), `og:site_name`, a logo's alt text;
//! - labelled fields anywhere in the visible text: "Location", "Employment
//!   type", "Salary", "Posted on", ... followed by their value on the same
//!   or the next line (also in a few other languages);
//! - the lines around the title's first appearance: a known place, a
//!   relative date, an employment type, a workplace word, a salary line;
//! - the description: the first main-content block with some text.
//!
//! Text in noise regions (similar jobs, asides, nav, footers, cookie
//! banners) is never used. Pay inside the description is read only after
//! this step, by [`super::salary::from_description`], under its own rules.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::scan::{Key, Line, Mark, Page};
use super::text::{collapse_into, find_ci, fold, fold_eq, fold_starts_with, starts_with_ci};
use super::{Context, Draft, Location, SOURCE_JSONLD, SOURCE_MICRODATA, dates, kinds, location, salary, sections};

const SRC_LABEL: &str = "labels";
/// The organisation's sources that name whoever runs the site, not
/// necessarily the posting's employer: a labelled company replaces them.
const SITE_NAMES: &[&str] = &[SRC_META, SRC_TITLE_TAG, "about", "logo"];
const SRC_NEAR: &str = "near-title";
const SRC_META: &str = "meta";
const SRC_TITLE_TAG: &str = "title-tag";
const SRC_CLASS: &str = "class";

/// Page titles that name no job.
fn generic_title(t: &str) -> bool {
    // "Praca: Oferty pracy" (trojmiasto.pl: Work: Job offers): a section's
    // path of generic names.
    if let Some((a, b)) = t.split_once(':')
        && !a.trim().is_empty()
        && !b.trim().is_empty()
    {
        return generic_title(a) && generic_title(b);
    }
    matches!(
        fold(t).as_str(),
        "jobs"
            | "job"
            | "careers"
            | "career"
            | "home"
            | "apply"
            // A button's words in a page title ("Apply Now - Acute Medicine Specialist").
            | "apply now"
            | "apply today"
            | "apply online"
            | "jetzt bewerben"
            | "postuler"
            | "application"
            | "job application"
            | "application submitted"
            | "linkedin"
            | "sign in"
            | "login"
            | "log in"
            | "404"
            | "page not found"
            | "not found"
            | "error"
            | "search jobs"
            | "job search"
            | "open positions"
            | "current openings"
            | "join us"
            | "job details"
            | "job description"
            | "overview"
            | "job overview"
            | "view job"
            | "job view"
            | "job posting"
            | "job detail"
            | "job summary"
            | "position details"
            | "job ad"
            | "vacancy"
            | "vacancies"
            // A board's section in its own language.
            | "praca"
            | "oferty pracy"
            | "oferta pracy"
            | "stellenangebote"
            | "stellenangebot"
            | "offres d emploi"
            | "offre d emploi"
            | "ofertas de empleo"
            | "oferta de empleo"
            | "vacatures"
            | "vacature"
            | "offerte di lavoro"
            | "opportunities"
            | "detail pozice"
            | "detail nabidky"
            | "pracovni nabidka"
            | "nabidka prace"
            | "nabidky prace"
            | "volna mista"
            | "detail ponuky"
            | "ponuka prace"
            | "szczegoly oferty"
            | "вакансия"
            | "вакансії"
            | "вакансія"
            // A breadcrumb's root ("All jobs / HR / abroad").
            | "all jobs"
            | "all vacancies"
            | "all openings"
            | "всі вакансії"
            | "все вакансии"
            // A screen reader's label for the facts beside an icon (jobs.cz's
            // "Zaměstnavatel" / "Info" / …), no name.
            | "info"
            | "details"
            | "more info"
            // Boards' detail pages, in their own words ("Job information
            // details").
            | "채용정보"
            | "채용정보 상세"
            | "채용공고"
            | "채용공고 상세"
            | "채용상세"
            | "求人情報"
            | "求人詳細"
            | "募集要項"
            | "职位详情"
            | "职位信息"
            | "招聘信息"
    )
}

/// Text a heading holds that could be a job title: some text, at most
/// `max_chars`, not a page's generic name ("Job details", "Careers").
fn reads_as_title(t: &str, max_chars: usize) -> bool {
    !t.trim().is_empty() && t.chars().count() <= max_chars && !generic_title(t)
}

/// Site and board names that are not the hiring organisation, and
/// "Acme Careers" / "Acme Jobs" (a site, though it names its owner: see
/// [`careers_at`]).
fn board_name(s: &str) -> bool {
    let f = fold(s);
    // "Monks Meet Online Video Platform Framer Template": a site builder's
    // template whose name its owner kept.
    listed_board(&f) || [" careers", " jobs", " job search", " template", " theme"].iter().any(|end| f.ends_with(end))
}

/// [`board_name`]'s list, `f` folded.
fn listed_board(f: &str) -> bool {
    matches!(
        f,
        "linkedin"
            | "indeed"
            | "indeed com"
            | "stack overflow"
            | "glassdoor"
            | "greenhouse"
            | "lever"
            | "workday"
            | "ashby"
            | "teamtailor"
            | "workable"
            | "breezy"
            | "breezy hr"
            | "smartrecruiters"
            | "recruitee"
            | "boss直聘"
            | "monster"
            | "ziprecruiter"
            | "seek"
            | "seek australia"
            | "seek new zealand"
            | "jora"
            | "jobstreet"
            | "jobsdb"
            | "stepstone"
            | "reed"
            | "reed co uk"
            | "totaljobs"
            | "welcome to the jungle"
            | "built in"
            | "wellfound"
            | "dice"
            | "careerbuilder"
            | "simplyhired"
            | "naukri"
            | "xing"
            | "infojobs"
            | "jobindex"
            | "jobnet"
            | "jobteaser"
            | "karriere at"
            | "jobs ch"
            | "jobup"
            | "profesia"
            | "pracuj"
            | "pracuj pl"
            | "justjoin it"
            | "no fluff jobs"
            | "otta"
            | "adzuna"
            | "jooble"
            | "talent com"
            | "cv library"
            | "jobsite"
            | "foundit"
            | "shine com"
            | "timesjobs"
            | "bayt"
            | "bayt com"
            | "jobberman"
            | "computrabajo"
            | "bumeran"
            | "catho"
            | "vagas"
            | "51job"
            | "前程无忧"
            | "智联招聘"
            | "猎聘"
            | "猎聘网"
            | "拉勾网"
            | "拉勾"
            | "saramin"
            | "사람인"
            | "jobkorea"
            | "잡코리아"
            | "wanted"
            | "doda"
            | "リクナビnext"
            | "マイナビ転職"
            | "求人ボックス"
            | "workinstartups com"
            | "remote ok"
            | "remoteok"
            | "we work remotely"
            | "remotive"
            | "himalayas"
            | "nodesk"
            | "hh ru"
            | "headhunter"
            | "indeed co uk"
            | "dice com"
            | "engage"
            | "workindenmark"
            | "civil service jobs"
            | "gov uk"
            | "careers"
            | "jobs"
            | "application"
            | "job application"
            | "apply"
            | "career site"
            | "home"
            | "work with us"
            | "join our team"
            | "join us"
            | "lavora con noi"
            | "trabaja con nosotros"
            | "werken bij ons"
            | "karriere"
            | "stellenangebote"
            | "offres d emploi"
            | "vacatures"
            | "empleos"
    )
}

static HIRING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<org>.+?) hiring (?P<title>.+?)(?: in (?P<loc>.+?))?(?: \| LinkedIn)?$").expect("hiring")
});

static CAREERS_AT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:careers|jobs|work|working|join us|karriere|stellenangebote|offres d'emploi|emplois|carrières|vacatures|werken|empleos|ofertas de empleo|trabaja|lavora)\s+(?:at|with|bei|chez|bij|en|con|presso|da)\s+(?P<a>.{2,60})$|^(?P<b>.{2,60}?)\s+(?:careers|jobs|karriere|kariéra|kariera)$|^(?P<c>.{2,30}?)\s*(?:人才招募網|人才招募网|人才招聘網|人才招聘网|招聘官網|招聘官网)$",
    )
    .expect("careers at")
});

/// The organisation a "Careers at Acme", "Jobs bei Acme", "Acme Careers",
/// "Škoda kariéra" phrase names, or a Chinese career site's name
/// ("華碩電腦人才招募網": the talent-recruitment site of 華碩電腦; not a
/// bare "招聘", which job titles carry: "Python工程师招聘").
fn careers_at(s: &str) -> Option<String> {
    // "Lavora con noi", "Work with us": the phrase names nobody.
    if listed_board(&fold(s)) {
        return None;
    }
    // "Amazon.jobs": an employer's own `.jobs` or `.careers` domain.
    if let Some(org) = [".jobs", ".careers"].iter().find_map(|tld| s.trim().strip_suffix(tld))
        && !org.is_empty()
        && !org.contains(['.', ' '])
    {
        return Some(org.to_owned());
    }
    let c = CAREERS_AT.captures(s.trim())?;
    let org = c.name("a").or(c.name("b")).or(c.name("c"))?.as_str().trim();
    // "Find Jobs", "Latest Jobs", "Remote Jobs": a menu, not an owner.
    const NOBODY: &[&str] = &[
        "find", "search", "browse", "all", "more", "latest", "new", "top", "remote", "similar", "other", "related",
        "view", "see", "our", "open", "current", "recent", "featured",
    ];
    let nobody = NOBODY.contains(&fold(org).as_str());
    (!org.is_empty() && !nobody && !board_name(org)).then(|| org.to_owned())
}

/// Collapses whitespace and folds for containment tests.
fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// A job's number as a page-title piece: a run of five or more digits in
/// at most three words ("Job ID: 10509639", "Req #12345").
fn requisition(p: &str) -> bool {
    let long_number = p.split(|c: char| !c.is_ascii_digit()).any(|run| run.len() >= 5);
    long_number && p.split_whitespace().count() <= 3
}

/// A place with a UK postcode's outward code ("Wednesbury WS10", "London
/// EC2A"): a piece of a page title that ends so is where, not who.
fn postcoded(p: &str) -> bool {
    let mut words = p.split_whitespace();
    let (Some(last), Some(_)) = (words.next_back(), words.next()) else { return false };
    let b = last.as_bytes();
    let letters = b.iter().take_while(|c| c.is_ascii_uppercase()).count();
    let digits = b[letters..].iter().take_while(|c| c.is_ascii_digit()).count();
    (1..=2).contains(&letters)
        && (1..=2).contains(&digits)
        && b.len() - letters - digits <= 1
        && b[letters + digits..].iter().all(u8::is_ascii_uppercase)
}

/// The text after a job title without the German and French boards'
/// gender marker that a title may carry in one source and not in another:
/// " (m/w/d) bei Comnovo" is " bei Comnovo".
fn without_gender_marker(after: &str) -> &str {
    let t = after.trim_start();
    let Some((inside, rest)) = t.strip_prefix('(').and_then(|r| r.split_once(')')) else { return after };
    let marker = inside.eq_ignore_ascii_case("all genders")
        || (inside.contains('/') && inside.len() <= 9 && inside.bytes().all(|b| b"mwfdhxMWFDHX/ ".contains(&b)));
    if marker { rest } else { after }
}

/// "at" between a job and its employer, in the languages page titles use
/// it in (Djinni's and DOU's "в", "bei", "chez", "bij"), then "@", which a
/// heading may use but a page title's "Title @ Place" does not.
const AT_OR_SIGN: &[&str] = &[" at ", " в ", " bei ", " chez ", " bij ", " @ "];

/// [`AT_OR_SIGN`]'s words.
const AT_WORDS: &[&str] = AT_OR_SIGN.split_at(5).0;

/// A job title without the employer it ends with ("Chief Marketing Officer
/// в bodo" at bodo), if it does.
pub(crate) fn without_employer(title: &str, org: &str) -> Option<String> {
    AT_OR_SIGN.iter().find_map(|sep| {
        let (job, at) = title.rsplit_once(sep)?;
        (!job.trim().is_empty() && fold(at) == fold(org)).then(|| job.trim().to_owned())
    })
}

/// What a page title says besides the job title: `(organisation, location)`.
fn decompose(page_title: &str, job_title: &str) -> (Option<String>, Option<Location>) {
    if let Some(c) = HIRING.captures(page_title) {
        return (
            c.name("org").map(|m| m.as_str().to_owned()),
            c.name("loc").and_then(|m| location::parse_field(m.as_str())),
        );
    }
    if let Some((title, org)) = chinese_page_title(page_title)
        && fold(&title) == fold(job_title)
    {
        return (org, None);
    }
    // "account manager (reemplazo pre y post natal)." in the heading, without
    // its full stop in the page title.
    let (pt, jt) = (norm(page_title), norm(job_title.trim_end_matches('.')));
    let Some(at) = pt.find(&jt).filter(|_| !jt.is_empty()) else { return (None, None) };
    // Work on the original text with whitespace collapsed (same byte layout
    // as `pt` only for ASCII case; take the same span from the collapsed
    // original instead).
    let orig = page_title.split_whitespace().collect::<Vec<_>>().join(" ");
    if orig.len() != pt.len() {
        return (None, None);
    }
    let before = &orig[..at];
    let after = without_gender_marker(&orig[at + jt.len()..]);
    // "Product Engineer at Attio in London [Remote], UK | WorkinStartups.com":
    // who the title is at, up to where it is, is the organisation; so in
    // "Title jobs in Buenos Aires at Verizon" (Verizon's careers site).
    let placed_first = [" jobs in ", " job in ", " in "].iter().any(|p| starts_with_ci(after, p));
    // Djinni's "Title в WOWERI LLC – Djinni": Ukrainian and Russian "at";
    // "Technischer Einkäufer (m/w/d) bei Comnovo": German, French, Dutch.
    let at_org = AT_WORDS.iter().find_map(|p| after.strip_prefix(p)).or_else(|| {
        let i = after.find(" at ").filter(|_| placed_first)?;
        Some(&after[i + 4..])
    });
    if let Some(rest) = at_org {
        let org = [" in ", " | ", " - ", " – ", " — ", " · "]
            .iter()
            .filter_map(|sep| rest.find(sep))
            .min()
            .map_or(rest, |end| &rest[..end])
            .trim();
        let (org, place) = trailing_place(org, true);
        if !org.is_empty() && org.chars().count() <= 80 && !board_name(org) && location::parse_known(org).is_none() {
            return (Some(org.to_owned()), place);
        }
    }
    let seps: &[&str] =
        &[" | ", " - ", " – ", " — ", " · ", " • ", " » ", " › ", "_", " :: ", " @ ", " at ", "」", "「", "-"];
    // Each piece with whether it abuts the title with no separator between:
    // in "Interactive Design Engineer Dubai | WIM" with the job "Design
    // Engineer", "Interactive" and "Dubai" are the title's part of the page
    // title and "WIM" the employer's; but in "Augur Product Designer" the
    // abutting "Augur" is all there is.
    let mut rest: Vec<(String, bool)> = Vec::new();
    for (chunk, is_before) in [(before, true), (after, false)] {
        let mut pieces = vec![chunk.to_owned()];
        for s in seps {
            pieces = pieces.iter().flat_map(|p| split_outside_parens(p, s)).collect();
        }
        let abuts = if is_before {
            !seps.iter().any(|s| before.ends_with(s))
        } else {
            !after.is_empty() && !seps.iter().any(|s| after.starts_with(s))
        };
        let last = pieces.len().saturating_sub(1);
        rest.extend(
            pieces.into_iter().enumerate().map(|(i, p)| (p, abuts && if is_before { i == last } else { i == 0 })),
        );
    }
    // The employer and the place written after it, if any.
    let org_of = |p: &String| {
        let p = without_place_note(p);
        let (p, placed) = trailing_place(&p, false);
        let p = p.trim().trim_start_matches("Job Application for").trim();
        let p = p.trim_end_matches("招聘").trim_start_matches("招聘").trim();
        // SEEK's "Title Job in Melbourne VIC - SEEK", "Title - Berlin - Acme":
        // a place is not the organisation.
        let f = fold(p);
        if p.is_empty()
            || p.chars().count() > 80
            || generic_title(p)
            || tagline(p)
            || phrase(p)
            || f.starts_with("job in ")
            || f.starts_with("jobs in ")
            || location::parse_known(p).is_some()
            || postcoded(p)
        {
            return None;
        }
        match careers_at(p) {
            Some(org) => Some(org),
            // "… - 20873 - Bloomberg", "… - Job ID: 10509639 | Amazon.jobs":
            // a requisition number is no one.
            None => (!board_name(p) && p.chars().any(char::is_alphabetic) && !requisition(p)).then(|| p.to_owned()),
        }
        .map(|org| (org, placed))
    };
    // A company by its legal form first ("三井不動産ファシリティーズ株式会社
    // 中高年活躍中/… - 東京都 品川区…"), then the pieces set apart from the
    // title, then those that abut it.
    let (org, org_place) = rest
        .iter()
        .filter(|(p, _)| legal_name(p))
        .find_map(|(p, _)| org_of(p))
        .or_else(|| rest.iter().filter(|(_, abuts)| !abuts).find_map(|(p, _)| org_of(p)))
        .or_else(|| rest.iter().filter(|(_, abuts)| *abuts).find_map(|(p, _)| org_of(p)))
        .map_or((None, None), |(org, place)| (Some(org), place));
    // "Interactive Design Engineer Dubai | WIM", "Title Job in Melbourne VIC
    // - SEEK": a piece the gazetteer knows is where. It starts with its
    // city, itself known: "Built In San Francisco" (a board) and
    // "ComplianceBridge Services, Noida" (an employer) are no place.
    let place = rest.iter().find_map(|(p, _)| {
        let p = p.trim();
        let p = ["job in ", "jobs in "]
            .iter()
            .find_map(|j| p.get(..j.len()).filter(|h| h.eq_ignore_ascii_case(j)).map(|_| &p[j.len()..]))
            .unwrap_or(p);
        let loc = location::parse_known(p)?;
        let whole =
            loc.city.as_ref().is_none_or(|c| fold(p).starts_with(&fold(c)) && location::parse_known(c).is_some());
        whole.then_some(loc)
    });
    // Else the place after the employer's name ("Bio 7.0 Apotheke, Berlin").
    (org, place.or(org_place))
}

/// `p` split at `sep` where it stands outside parentheses:
/// "Terrain Dev Construction (Capitale-Nationale (Québec))" is one piece.
fn split_outside_parens(p: &str, sep: &str) -> Vec<String> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0i32, 0);
    for (i, c) in p.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ if depth <= 0 && p[i..].starts_with(sep) && i >= start => {
                out.push(p[start..i].to_owned());
                start = i + sep.len();
            }
            _ => {}
        }
    }
    out.push(p[start..].to_owned());
    out
}

/// A name without the place noted after it in parentheses: "Terrain Dev
/// Construction (Capitale-Nationale (Québec))" is Terrain Dev Construction.
fn without_place_note(p: &str) -> String {
    let t = p.trim();
    if !t.ends_with(')') {
        return t.to_owned();
    }
    // The parenthesis that opens the last note, nested ones included.
    let mut depth = 0;
    for (i, c) in t.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' => {
                depth -= 1;
                if depth == 0 {
                    let (head, note) = (t[..i].trim(), &t[i + 1..t.len() - 1]);
                    let place = note.split(['(', ')']).any(|n| location::parse_known(n).is_some());
                    return if place && !head.is_empty() { head.to_owned() } else { t.to_owned() };
                }
            }
            _ => {}
        }
    }
    t.to_owned()
}

/// A name and the place written after it with a comma: "Bio 7.0
/// Apotheke, Berlin" is Bio 7.0 Apotheke in Berlin, "Acme Labs, London"
/// Acme Labs in London. What follows the comma is a place the gazetteer
/// knows, or starts with pay ("bodo, $5000–6000, Київ"), so
/// "Acme, Inc." keeps its form; and a piece that reads as a place as a
/// whole ("Burbank, CA", "Burbank, Los Angeles, CA", whose first city the
/// gazetteer lacks) is left whole, to be no employer, unless it follows
/// "at" (`after_at`), where the employer comes first.
fn trailing_place(p: &str, after_at: bool) -> (&str, Option<Location>) {
    // "Getmany, Лісабон (Португалія)" after "at" reads as a place whole, by
    // its note's country.
    if !after_at && location::parse_known(p).is_some() {
        return (p, None);
    }
    // DOU's "bodo, $5000–6000, Київ" and "Honeytech, Київ, за кордоном,
    // віддалено": the employer, then the job's facts, each after a comma;
    // they start with its pay or its place.
    p.match_indices(", ")
        .map(|(i, _)| i)
        .filter(|&i| i > 0)
        .find_map(|i| {
            let facts = &p[i + 2..];
            let first = facts.split(", ").next().unwrap_or(facts);
            let place = location::parse_known(facts);
            let pay = || salary::parse_text_at(first, false).is_some_and(|(at, _)| at.start == 0);
            // "Kiss My Apps, за кордоном, віддалено": abroad, remote.
            (place.is_some() || pay() || location::is_work_mode(first))
                .then(|| (p[..i].trim_end(), place.or_else(|| facts.split(", ").find_map(location::parse_known))))
        })
        .unwrap_or((p, None))
}

/// A site's tagline beside the title ("Python Developer · Online survey
/// data analysis"), not its name: three words or more, in lower case after
/// the first. Names capitalise their words ("Good Standing AI").
fn tagline(p: &str) -> bool {
    let mut words = p.split_whitespace();
    words.next().is_some()
        && p.split_whitespace().count() >= 3
        && words.all(|w| w.chars().all(|c| c.is_lowercase() || !c.is_alphanumeric()))
}

/// A site's name without the tagline it is given after a separator:
/// "Comnovo • Innovative Assistenzsysteme für Industriefahrzeuge" is
/// Comnovo. A tagline is three words or more after a name of at most
/// three; "Acme | Careers" keeps its word for the caller's rules.
fn without_site_tagline(site: &str) -> &str {
    for sep in [" • ", " | ", " – ", " — ", " - ", " · "] {
        if let Some((name, rest)) = site.split_once(sep)
            && (1..=3).contains(&name.split_whitespace().count())
            && rest.split_whitespace().count() >= 3
        {
            return name.trim();
        }
    }
    site
}

/// Words of a sentence cut off ("We Are Looking For An" before "SEO Content
/// Editor"): a name does not end with an article or a preposition.
fn phrase(p: &str) -> bool {
    p.split_whitespace().count() >= 2
        && p.split_whitespace().next_back().is_some_and(|w| {
            matches!(w.to_lowercase().as_str(), "a" | "an" | "the" | "for" | "of" | "to" | "in" | "at" | "with" | "our")
        })
}

/// A page title without the pieces a board puts after the job: its domain
/// and the place ("Software Engineer - Core Software - Burbank, CA -
/// Indeed.com"), and who the job is at, when that is one to four capitalised
/// words ("SpaceX Enterprise Software Engineer, Full Stack at SpaceX").
fn without_tail(pt: &str) -> &str {
    let mut t = pt.trim();
    while let Some((head, tail)) = t.rsplit_once(" - ") {
        let tail = tail.trim();
        let domain = !tail.contains(' ')
            && tail.rsplit_once('.').is_some_and(|(name, tld)| {
                !name.is_empty() && (2..=4).contains(&tld.len()) && tld.bytes().all(|b| b.is_ascii_alphabetic())
            });
        if head.trim().is_empty() || !(domain || board_name(tail) || location::parse_known(tail).is_some()) {
            break;
        }
        t = head.trim();
    }
    match t.rsplit_once(" at ") {
        Some((job, org))
            if !job.trim().is_empty()
                && (1..=4).contains(&org.split_whitespace().count())
                && org.split_whitespace().all(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()))
                && location::parse_known(org).is_none() =>
        {
            job.trim()
        }
        _ => t,
    }
}

/// Chinese boards' page titles: "「测试开发工程师招聘」_新华三技术有限公司招聘-BOSS直聘",
/// "Python工程师招聘-聚美优品招聘-拉勾网", "【高级Java开发工程师_大连饭饭网络科技股份有限公司人才招聘信息】 - 智联招聘":
/// the job ("…招聘", hiring for …), then who hires, then the board.
fn chinese_page_title(pt: &str) -> Option<(String, Option<String>)> {
    if !pt.contains("招聘") {
        return None;
    }
    let pieces: Vec<&str> =
        pt.split(['【', '】', '「', '」', '_', '-', '|']).map(str::trim).filter(|p| !p.is_empty()).collect();
    let first = *pieces.first()?;
    // "上海麦韬旅游咨询有限公司招聘出纳_最新校园招聘信息" (Yingjiesheng): the
    // company by its legal form, "招聘" (is hiring), then the job.
    if let Some((org, title)) = first.split_once("招聘")
        && !title.trim().is_empty()
        && legal_name(org)
    {
        return Some((title.trim().to_owned(), Some(org.trim().to_owned())));
    }
    // A job title may hold a dash; only a bracketed or "…招聘" first piece
    // is surely the whole title.
    if !(pt.starts_with(['【', '「']) || first.ends_with("招聘")) {
        return None;
    }
    let strip = |p: &str| {
        let p = ["人才招聘信息", "最新招聘信息", "招聘信息", "招聘"]
            .iter()
            .find_map(|suffix| p.strip_suffix(suffix))
            .unwrap_or(p)
            .trim();
        p.to_owned()
    };
    let title = strip(first);
    // A headhunter's post names the consultant ("猎头顾问"), not an employer.
    let org = pieces.get(1).map(|p| strip(p)).filter(|o| !o.is_empty() && !board_name(o) && o != "猎头顾问");
    (!title.is_empty() && !board_name(&title)).then_some((title, org))
}

/// Labels, folded, by the field they name.
const LABELS: &[(&str, &[&str])] = &[
    // Labels of facts jh does not keep, listed so that they end the value
    // of the label before them ("Location" / "Age" in a table's head is no
    // place).
    (
        "unkept",
        &["age", "age limit", "education", "qualification", "qualifications", "experience", "skills", "industry"],
    ),
    // Read by [`labelled_title`] only; listed so that a title's label ends
    // the value of the label before it. "Position" alone is left out: it
    // labels the type as often ("Position: Full-time").
    (
        "title",
        &[
            "job title",
            "title",
            "position title",
            "posting title",
            "job name",
            "vacancy title",
            "role title",
            "job position",
            "jobtitel",
            "stellenbezeichnung",
            "stellentitel",
            "intitule du poste",
            "titre du poste",
            "titulo del puesto",
            "nombre del puesto",
            "职位名称",
            "岗位名称",
        ],
    ),
    // A place given in parts ("City" / "Addison", "State" / "TX"):
    // [`labelled_lines`] joins them.
    ("city", &["city", "location city", "job city", "town", "ville", "stadt", "ciudad", "cidade", "城市", "工作城市"]),
    ("region", &["state", "location state", "state province", "province", "county"]),
    ("country", &["country", "location country"]),
    (
        "location",
        &[
            "location",
            "locations",
            "location s",
            "job location",
            "work location",
            "office",
            "office location",
            "地点",
            "工作地点",
            "lieu",
            "standort",
            "ubicacion",
            "localisation",
            "arbeitsort",
            // Norwegian, Danish, Swedish (and German's bare "Ort").
            "ort",
            "sted",
            "arbeidssted",
            "arbejdssted",
            "arbetsort",
            "placering",
            "einsatzort",
            "lieu de travail",
            "lugar de trabajo",
            "sede",
            "sede di lavoro",
            "luogo di lavoro",
            "localizacao",
            "local de trabalho",
            "locatie",
            "standplaats",
            "werklocatie",
            "arbeitsplatz",
            "勤務地",
            "勤務地 交通",
            "勤務先",
            "勤務場所",
            "근무지",
            "근무지역",
            "근무장소",
            "근무 지역",
            "근무 예정지",
            "근무예정지",
            // Polish "Miejsce pracy" ("Lokalizacja" heads an address box,
            // whose "Adres" line would read as its value).
            "miejsce pracy",
            // Hungarian: "Munkavégzés helye" (place of work), "Helyszín".
            "munkavegzes helye",
            "helyszin",
            // Japanese "所在地" (where it is), beside 勤務地.
            "所在地",
        ],
    ),
    (
        "employment",
        &[
            "employment type",
            "employment types",
            "employee type",
            // "Weekly working hours: Full time (37 hours)" (Work in Denmark).
            "working hours",
            "weekly working hours",
            "hours",
            "job type",
            "time type",
            "commitment",
            "contract type",
            "schedule",
            "type of employment",
            "type of job",
            "type of position",
            "type d emploi",
            "type de contrat",
            "contrat",
            "工作性质",
            "position type",
            "employment",
            // Staffing boards: "Duration: Direct Placement" (a type, where
            // a number of months is not).
            "duration",
            "anstellungsart",
            "type",
            "vertragsart",
            "beschaftigungsart",
            "tipo de contrato",
            "contrato",
            "tipo di contratto",
            // LinkedIn's job criteria in its other interface languages.
            "tipo di impiego",
            "tipo de emprego",
            "beschaftigungsverhaltnis",
            "typ zatrudnienia",
            "wymiar pracy",
            "anstallningsform",
            "stillingstype",
            "ansettelsesform",
            "ansættelsesform",
            "anstallningstyp",
            "tipo de empleo",
            "tipo de jornada",
            "jornada",
            "dienstverband",
            "type dienstverband",
            "regime de trabalho",
            "雇用形態",
            "고용형태",
            "근무형태",
            // Hungarian: "Munkaidő, foglalkoztatás jellege" (hours, kind
            // of employment).
            "munkaido foglalkoztatas jellege",
            "foglalkoztatas jellege",
            // "Job Type: Salaried" / "Category: Full Time" (Illinois's
            // SuccessFactors board): read only where the value is a type.
            "category",
        ],
    ),
    (
        "workplace",
        &[
            // A place where the value names no way of working ("Workplace:
            // Brande"), see `offer_labelled`.
            "location type",
            "workplace type",
            "workplace",
            "work model",
            "work arrangement",
            "remote status",
            "work location type",
            "modalita",
            "modalita di lavoro",
            "modalidad",
            "modalidad de trabajo",
            "modalidade",
            "arbeitsmodell",
            // Polish "Charakter pracy" / "Tryb pracy", Russian and
            // Ukrainian "Формат работы / роботи".
            "charakter pracy",
            "tryb pracy",
            "формат работы",
            "формат роботи",
            // Japanese "勤務形態" (way of working; on some boards, the
            // type: "正社員", read then as such).
            "勤務形態",
        ],
    ),
    // A way of working asked as a question: "Télétravail : Oui",
    // "Telecommute: yes".
    (
        "telework",
        &[
            "teletravail",
            "telecommute",
            "telework",
            "remote work",
            "home office",
            "homeoffice",
            "work from home",
            "teletrabajo",
            "smart working",
        ],
    ),
    ("department", &["department", "team", "部门", "business unit", "abteilung"]),
    (
        "company",
        &[
            "company",
            "company name",
            // "Company's Name"
            "company s name",
            "employer",
            "employer name",
            "hiring company",
            "organization",
            "organisation",
            "hiring organization",
            "hiring organisation",
            "entreprise",
            "employeur",
            "societe",
            "empresa",
            "nombre de la empresa",
            "nome da empresa",
            "empregador",
            "azienda",
            "datore di lavoro",
            "unternehmen",
            "arbeitgeber",
            "firma",
            "firmenname",
            "werkgever",
            "bedrijf",
            "nazwa firmy",
            "pracodawca",
            "spolecnost",
            "zamestnavatel",
            "arbetsgivare",
            "arbeidsgiver",
            "tyonantaja",
            "sirket",
            "isveren",
            "работодатель",
            // Hungarian: "Cég neve" (the company's name), "Munkáltató".
            "ceg neve",
            "cegnev",
            "munkaltato",
            "компания",
            "기업명",
            "회사명",
            "企業名",
            "会社名",
            "公司名稱",
            "公司名称",
        ],
    ),
    (
        // A board's advertiser: the employer, or the agency that advertises
        // for one (which is whom the posting names), or a person there.
        "advertiser",
        &["recruiter", "advertiser"],
    ),
    (
        "salary",
        &[
            "salary",
            "compensation",
            "pay",
            "pay range",
            "salary range",
            "base salary",
            "base pay",
            "薪资",
            "薪酬",
            "月薪",
            "الراتب",
            "gehalt",
            "salaire",
            // French recruiters' "Package : 150–200 k€" (the whole pay).
            "package",
            "remuneration",
            "wage",
            "wages",
            "pay rate",
            "rate of pay",
            "hourly rate",
            "salary compensation",
            "vergutung",
            "salario",
            "retribuzione",
            "stipendio",
            "remuneracion",
            "salaris",
            "lohn",
            "salar",
            "jahreslohn",
            "給与",
            "給与 報酬",
            "給料",
            "賃金",
            "급여",
            "연봉",
            "임금",
            "임금 조건",
            "mzda",
            "plat",
            "mzdove podmienky",
            "mzdove podmienky brutto",
            "mzdove podminky",
            "nabizeny plat",
            "wynagrodzenie",
            // Norwegian "Lønn", Danish "Løn", Swedish "Lön".
            "lon",
            "lonn",
            // Hungarian "Fizetés", "Bérezés".
            "fizetes",
            "berezes",
        ],
    ),
    (
        "posted",
        &[
            "posted",
            "posted on",
            "date posted",
            "posting date",
            "published",
            "publication date",
            "publish date",
            "advertisement publish date",
            "posted date",
            "post date",
            "creation date",
            "date created",
            // Slovak: "Dátum pridania ponuky" (the offer's date added).
            "datum pridania ponuky",
            "datum pridania",
            "date of posting",
            "job posting date",
            "indrykket",
            "職務張貼日",
            "刊登日期",
            "date published",
            "发布时间",
            "发布日期",
            "date de publication",
            "veroffentlicht",
            "publie le",
            "published on",
            "fecha de publicacion",
            "publicado",
            // "Publicado el: 18 de Nov, 2024" (Reqlut).
            "publicado el",
            "publicada el",
            "data di pubblicazione",
            "data de publicacao",
            "publicatiedatum",
            "veroffentlicht am",
            "تاريخ بدايه استقبال الطلبات",
            "تاريخ النشر",
            "掲載日",
            "掲載開始日",
            "公開日",
            "등록일",
            "게시일",
            "채용공고 등록일시",
            // Session 17: the posting-date labels of more of Europe's
            // boards and of public-sector sites ("Opening Date: 04/15/2025",
            // "Data dodania ogłoszenia: 18.02.2025", "Online seit").
            "opening date",
            "date opened",
            "date listed",
            "listed on",
            "listing date",
            "date advertised",
            "advertised on",
            "online seit",
            "eingestellt am",
            "veroffentlichungsdatum",
            "ausschreibungsdatum",
            "mis en ligne le",
            "date de mise en ligne",
            "publiee le",
            "publicado em",
            "data da publicacao",
            "pubblicato il",
            "geplaatst op",
            "datum geplaatst",
            "plaatsingsdatum",
            "data dodania",
            "data dodania ogloszenia",
            "data publikacji",
            "opublikowano",
            "datum zverejneni",
            "zverejneno",
            "publicerad",
            "publiceringsdatum",
            "publisert",
            "publiseringsdato",
            "julkaistu",
            "julkaisupaiva",
            "kozzeteve",
            "feladas datuma",
            "data publicarii",
            "yayin tarihi",
            "ilan tarihi",
            "дата публикации",
            "опубликовано",
            "дата публікації",
            "опубліковано",
        ],
    ),
    (
        "closing",
        &[
            "closing date",
            "apply by",
            "application deadline",
            "deadline",
            "valid through",
            "bewerbungsfrist",
            "date limite",
            "fecha limite",
            "finaliza el",
            "fecha de cierre",
            "scadenza",
            "sluitingsdatum",
            "접수 마감일",
            "応募締切",
            "تاريخ نهايه استقبال الطلبات",
            "closes",
            "closes on",
            "closing",
            "expiry date",
            "expiration date",
            "expires",
            "bewerbungsschluss",
            "einsendeschluss",
            "date de cloture",
            "data de encerramento",
            "candidature entro",
            "solliciteren tot",
            "termin skladania aplikacji",
            "wazne do",
            "sista ansokningsdag",
            "soknadsfrist",
            "ansogningsfrist",
            "haku paattyy",
            "jelentkezesi hatarido",
            "срок подачи",
            // WP Job Manager themes: "Application ends: May 18, 2026".
            "application ends",
            "applications close",
            "job posting expiration date",
        ],
    ),
];

/// [`LABELS`] as one map: a line is looked up once, not compared with every
/// label.
static LABEL_FIELDS: LazyLock<HashMap<&'static str, &'static str>> =
    LazyLock::new(|| LABELS.iter().flat_map(|(field, labels)| labels.iter().map(move |l| (*l, *field))).collect());

fn label_field(label: &str) -> Option<&'static str> {
    // The longest label is under 60 bytes; lines are whitespace-collapsed,
    // so a longer string is no label (and most lines end here, unfolded).
    if label.len() > 96 {
        return None;
    }
    LABEL_FIELDS.get(fold(label).as_str()).copied().or_else(|| {
        // "City / Township / Village", "State / Province": the first of
        // the names a label gives its field is the field.
        let (first, _) = label.split_once(" / ")?;
        LABEL_FIELDS.get(fold(first).as_str()).copied()
    })
}

/// A date under a label that is not the posting's: "Očakávaný nástup:
/// 1.6.2022" (the expected start), "Closing: 12/05/2026".
fn other_date(line: &str) -> bool {
    line.split_once([':', '：'])
        .is_some_and(|(l, _)| !l.chars().any(|c| c.is_ascii_digit()) && label_field(l.trim()) != Some("posted"))
}

/// The field a line that is only a label names ("Location:", "City").
fn line_label(line: &str) -> Option<&'static str> {
    label_field(line.trim().trim_end_matches([':', '：']).trim())
}

/// A label and its parenthesised note: "Salary: (Per Annum)" and "Salary
/// (per annum)" are the label "Salary" and the note "Per Annum".
fn label_note(label: &str) -> (&str, Option<&str>) {
    let Some(open) = label.strip_suffix(')').and_then(|l| l.rfind('(')) else { return (label, None) };
    let head = label[..open].trim_end().trim_end_matches([':', '：']).trim_end();
    if head.is_empty() {
        return (label, None);
    }
    (head, Some(label[open + 1..label.len() - 1].trim()))
}

/// A labelled company without an internal code before it ("(0147) …")
/// or a note after it ("NanoFrontier株式会社（本社：宮城県仙台市…）", the
/// head office's address).
fn labelled_company(value: &str) -> &str {
    let mut v = value.trim();
    if let Some(rest) = v.strip_prefix('(')
        && let Some((code, after)) = rest.split_once(')')
        && !code.is_empty()
        && code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !after.trim().is_empty()
    {
        v = after.trim_start();
    }
    for (open, close) in [('(', ')'), ('（', '）')] {
        if let Some(head) = v.strip_suffix(close)
            && let Some(at) = head.rfind(open)
            && head[at..].contains([':', '：'])
            && !head[..at].trim().is_empty()
        {
            v = head[..at].trim_end();
        }
    }
    v
}

/// Whether `short` is the initials of `long`'s name ("IBM", "International
/// Business Machines Corporation"; "PNB", "Punjab National Bank").
fn acronym_of(short: &str, long: &str) -> bool {
    let short = short.trim();
    if !(2..=6).contains(&short.len()) || !short.bytes().all(|b| b.is_ascii_uppercase()) {
        return false;
    }
    let initials: String = labelled_company(long)
        .split_whitespace()
        .filter(|w| !matches!(fold(w).as_str(), "of" | "and" | "the" | "for" | "de" | "und"))
        .filter_map(|w| w.chars().next().filter(|c| c.is_alphabetic()))
        .flat_map(char::to_uppercase)
        .collect();
    initials.starts_with(short)
}

/// Offers one labelled value; returns whether it was usable.
fn offer_labelled(field: &str, value: &str, ctx: &Context, d: &mut Draft) -> bool {
    let value = value.trim();
    if value.is_empty() || value.chars().count() > 200 {
        return false;
    }
    match field {
        "location" => {
            // "Location: Remote" names no place but still says how, also
            // where structured data gave the place ("USA - Remote").
            d.offer_remote(kinds::workplace(value), SRC_LABEL);
            if !d.wants_locations() {
                return false;
            }
            let locs = location::parse_list(value);
            if locs.is_empty() {
                return false;
            }
            d.offer_locations(locs, SRC_LABEL);
        }
        "employment" if d.wants_employment() => {
            let Some(e) = kinds::employment_value(value) else { return false };
            d.offer_employment(Some(e.to_owned()), SRC_LABEL);
        }
        "workplace" if d.wants_remote() => match kinds::workplace(value) {
            Some(w) => d.offer_remote(Some(w), SRC_LABEL),
            // "Workplace: Brande": where, not how; "勤務形態：正社員": the type.
            None => return offer_labelled("location", value, ctx, d) || offer_labelled("employment", value, ctx, d),
        },
        "department" if !d.has("department") => d.offer_department(Some(value.to_owned()), SRC_LABEL),
        // A labelled company names the posting's employer. The page
        // title's pieces, the site's name, an about heading and a logo name
        // whoever runs the site, which on a board is not the employer
        // ("Company" / "Animalz" on a board whose site name is "Video
        // Editor"), so the label replaces them.
        // A company's own site names it by its brand, which the label may
        // spell out or extend: "IBM" stays over "(0147) International
        // Business Machines Corporation", "Eclave" over "Eclave EdTech".
        "company"
            if value.chars().count() <= 80
                && !generic_title(value)
                && d.source("organization").is_none_or(|s| SITE_NAMES.contains(&s))
                && d.organization().is_none_or(|o| {
                    let brand = fold(o);
                    !fold_eq(value, &brand) && !fold_starts_with(value, &brand) && !acronym_of(o, value)
                }) =>
        {
            d.replace_organization(Some(labelled_company(value).to_owned()), SRC_LABEL);
        }
        // A recruiter or an advertiser is the employer only where nothing
        // else named one ("Recruiter: Jane Doe").
        "advertiser" if value.chars().count() <= 80 && !generic_title(value) => {
            d.offer_organization(Some(value.to_owned()), SRC_LABEL);
        }
        "salary" if d.wants_salary() => {
            let Some(p) = salary::parse_text(value, true) else { return false };
            // "Salary:" left empty, and under it "Applications: 1": a
            // figure under another label, with no currency, is that label's.
            let other_label = value
                .split_once(':')
                .is_some_and(|(head, _)| !head.is_empty() && head.chars().all(|c| c.is_alphabetic() || c == ' '));
            if p.salary.currency.is_none() && other_label {
                return false;
            }
            d.offer_parsed_salary(Some(p), SRC_LABEL);
        }
        "posted" if !d.has("date_posted") => {
            let us = d.in_us_only();
            let Some(v) = dates::swapped_us_date(value, us).or_else(|| dates::find_date(value, ctx.fetched_at)) else {
                return false;
            };
            d.offer_date_posted(Some(v), SRC_LABEL);
        }
        "closing" if !d.has("valid_through") => {
            let us = d.in_us_only();
            let Some(v) = dates::swapped_us_date(value, us).or_else(|| dates::find_absolute(value)) else {
                return false;
            };
            d.offer_valid_through(v.and_hms_opt(23, 59, 59).map(|t| t.and_utc()), SRC_LABEL);
        }
        _ => return false,
    }
    true
}

/// Labelled facts: "Label: value" lines, and a label line followed by its
/// value. Returns a labelled location that names no country, which the
/// caller offers only after the other sources had their turn.
fn labelled_lines<'a>(page: &Page, posting: &Posting<'a>, ctx: &Context, d: &mut Draft) -> Option<&'a str> {
    let kept = &posting.lines;
    let lines: Vec<&'a str> = kept.iter().map(|l| l.text.as_str()).collect();
    // ASP.NET wraps the whole page in one `<form>`: there a form is no
    // sign. The job's title inside a form tells that; without the title
    // among the lines, most of the page in forms does.
    let page_form = page.web_forms
        || match posting.title_at {
            Some(t) => kept[t].form,
            None => page.lines.iter().filter(|l| l.form).count() * 2 > page.lines.len(),
        };
    let mut done: Vec<&str> = Vec::new();
    // A labelled location that names no known country ("＜勤務地＞ 品川区大崎の
    // きれいなオフィスビル", a sentence about the office) waits for a later
    // label that does ("勤務地・交通 東京都品川区"), and is used only without one.
    let mut unsure_location: Option<&str> = None;
    // "Post Date" / "12/9/2011" above "City" / "Addison" / "State" / "TX":
    // whether the date is month-first depends on the place, so dates are
    // read once all labels were.
    let mut dates_after: Vec<(&'static str, &'a str)> = Vec::new();
    // "Salary (per annum)": a pay label's note is its value's too.
    let mut offer = |field: &'static str, value: &'a str, note: Option<&str>, d: &mut Draft| {
        // "City: Addison" on one line is the place as far as it goes; but
        // "城市：杭州经验：经验不限" runs into the next pair, whose label is not
        // known to end anywhere.
        if field == "city" && value.contains([':', '：']) {
            return false;
        }
        let field = if field == "city" { "location" } else { field };
        // Once one of a kind waits, the later ones wait behind it, so the
        // first that reads as a date still wins.
        if matches!(field, "posted" | "closing")
            && (!d.has("locations") || dates_after.iter().any(|(f, _)| *f == field))
        {
            dates_after.push((field, value));
            return false;
        }
        // "Télétravail : Oui" is remote work, "Télétravail (2j max/semaine)
        // : Oui" part of the week, "Telecommute: no" on site.
        if field == "telework" {
            let mode = match (kinds::answer(value), note) {
                (None, _) => return false,
                (Some(false), _) => "onsite",
                (Some(true), None) => "remote",
                (Some(true), Some(_)) => "hybrid",
            };
            if d.wants_remote() {
                d.offer_remote(Some(mode), SRC_LABEL);
            }
            return true;
        }
        if let Some(n) = note.filter(|_| field == "salary") {
            return offer_labelled(field, &format!("{value} ({n})"), ctx, d);
        }
        if field == "location"
            && d.wants_locations()
            && location::parse_list(value).iter().all(|l| l.country.is_none())
            && kinds::workplace(value).is_none()
        {
            unsure_location.get_or_insert(value);
            return false;
        }
        offer_labelled(field, value, ctx, d)
    };
    for (i, line) in lines.iter().enumerate() {
        if line.len() > 240 && line.chars().count() > 240 {
            continue;
        }
        // "…willen meebouwen aan ons" / "bedrijf.": a sentence's last word
        // on a line of its own ends in a full stop; a label alone on its
        // line does not.
        if line.trim_end().ends_with('.') && !line.contains([':', '：']) {
            continue;
        }
        let (bare, note) = label_note(line.trim().trim_end_matches([':', '：']).trim());
        // A menu's "Locations" links to a page, and a form's "Company" asks
        // for one; a label is plain text outside forms.
        let asks = kept[i].link || (kept[i].form && !page_form);
        if let Some(field) = label_field(bare).filter(|_| !asks) {
            if done.contains(&field) {
                continue;
            }
            // "City" / "Addison" / "State" / "TX": the parts that follow
            // the city's within a few lines make one place.
            if field == "city" {
                let value = |j: usize| lines.get(j + 1).filter(|v| line_label(v).is_none());
                let Some(city) = value(i) else { continue };
                let mut place = vec![*city];
                let mut country = None;
                for (j, line) in lines.iter().enumerate().take(i + 8).skip(i + 2) {
                    let label = line_label(line);
                    if matches!(label, Some("region" | "country"))
                        && let Some(v) = value(j)
                    {
                        place.push(v);
                        if label == Some("country") {
                            country = Some(v.to_string());
                        }
                    }
                }
                let cities: Vec<&str> = city.split(',').map(str::trim).filter(|c| !c.is_empty()).collect();
                let offered = if cities.len() >= 3 && !d.has("locations") {
                    // "Hampton, Annapolis Junction, ALEXANDRIA, …" / "Virginia,
                    // Maryland, …" / "United States" (IBM): a list of cities,
                    // each in the country; states listed apart from them
                    // cannot be paired with them.
                    let each = |c: &&str| location::from_parts(Some((*c).to_owned()), None, country.clone(), None);
                    d.offer_locations(cities.iter().filter_map(each).collect(), SRC_LABEL);
                    d.has("locations")
                } else if place.len() == 1 {
                    offer("location", city, None, d)
                } else {
                    offer_labelled("location", &place.join(", "), ctx, d)
                };
                if offered {
                    done.push("location");
                }
                continue;
            }
            // The value is on the next lines (a salary may sit a line or two
            // below a sub-heading).
            let tries = if field == "salary" { 3 } else { 1 };
            for (j, next) in lines.iter().enumerate().skip(i + 1).take(tries) {
                if line_label(next).is_some() {
                    break;
                }
                // A heading over a column of links is a menu ("Company" /
                // "About TikTok" / "Newsroom"), not a label and its value.
                if kept[j].link && kept.get(j + 1).is_some_and(|l| l.link) {
                    break;
                }
                if offer(field, next, note, d) {
                    done.push(field);
                    break;
                }
            }
            continue;
        }
        if kept[i].form && !page_form {
            continue;
        }
        for sep in [':', '：'] {
            for (l, v) in label_pairs(line, sep) {
                let (l, note) = label_note(l.trim());
                let Some(field) = label_field(l).filter(|f| !done.contains(f)) else { continue };
                if offer(field, v, note, d) {
                    done.push(field);
                }
            }
        }
    }
    salary_bounds(kept, d);
    for (field, value) in dates_after {
        offer_labelled(field, value, ctx, d);
    }
    unsure_location
}

/// The labels and values of a line: "Location: Berlin" is one pair, and
/// "Lieu : Paris Package : 150–200 k€ Contrat : CDI" (inline spans on one
/// line) three, a value ending where the next known label begins. A
/// separator with no known label before it belongs to the value
/// ("Hours: 9:00–17:00").
fn label_pairs(line: &str, sep: char) -> Vec<(&str, &str)> {
    let mut at = line.match_indices(sep).map(|(i, _)| i);
    let Some(first) = at.next() else { return Vec::new() };
    let mut pairs = Vec::new();
    let (mut label, mut start) = (&line[..first], first + sep.len_utf8());
    for next in at {
        let between = &line[start..next];
        // The next label: the last one to three words before the separator.
        let words: Vec<usize> = between
            .trim_end()
            .char_indices()
            .filter(|&(i, c)| !c.is_whitespace() && (i == 0 || between[..i].ends_with(char::is_whitespace)))
            .map(|(i, _)| i)
            .collect();
        let cut = words.iter().rev().take(3).copied().find(|&w| {
            w > 0 && !between[..w].trim().is_empty() && label_field(label_note(between[w..].trim()).0).is_some()
        });
        if let Some(w) = cut {
            pairs.push((label, &between[..w]));
            label = &between[w..];
            start = next + sep.len_utf8();
        }
    }
    pairs.push((label, &line[start..]));
    pairs
}

/// A pay bound's label: "Projected Minimum Salary per year", "Maximum
/// salary:", "Min. pay", with the period it may name and the value when
/// it is on the same line.
static PAY_BOUND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:[a-z]+\s+)?(?P<b>minimum|maximum|min\.?|max\.?)\s+(?:base\s+|annual\s+|gross\s+)?(?:salary|pay|compensation|wage)(?:\s+(?:per|a|an)\s+(?P<u>year|annum|month|week|day|hour))?\s*[:：]?\s*(?P<v>.*)$",
    )
    .expect("pay bound")
});

/// Pay given as two labelled bounds (IBM: "Projected Minimum Salary per
/// year" / "144,000.00", "Projected Maximum Salary per year" /
/// "268,000.00"), where no salary label gave the range. A form's "Minimum
/// salary expectation" asks, it does not tell.
fn salary_bounds(lines: &[&Line], d: &mut Draft) {
    if d.has("salary") {
        return;
    }
    let mut pay = super::Salary::default();
    let told = |l: &Line| !l.form && !l.link;
    for (i, line) in lines.iter().enumerate() {
        // Most lines hold neither word; the pattern runs on those that do.
        let bound = |w| find_ci(&line.text, w).is_some();
        if line.text.len() > 80 || !told(line) || !(bound("min") || bound("max")) {
            continue;
        }
        let Some(c) = PAY_BOUND.captures(&line.text) else { continue };
        let value = match c.name("v").map(|v| v.as_str().trim()).filter(|v| !v.is_empty()) {
            // "Minimum salary expectations: …" is no bound ("USD 40,000" is).
            Some(v) if v.split_whitespace().next().is_some_and(|w| w.chars().any(char::is_lowercase)) => continue,
            Some(v) => Some(v),
            None => lines.get(i + 1).filter(|l| told(l)).map(|l| l.text.as_str()),
        };
        let Some(p) = value.and_then(|v| salary::parse_text(v, true)) else { continue };
        let amount = p.salary.min.or(p.salary.max);
        if c["b"].get(..3).is_some_and(|b| b.eq_ignore_ascii_case("min")) {
            pay.min = pay.min.or(amount);
        } else {
            pay.max = pay.max.or(amount);
        }
        pay.currency = pay.currency.or(p.salary.currency);
        pay.interval =
            pay.interval.or(p.salary.interval).or_else(|| c.name("u").and_then(|u| salary::interval(u.as_str())));
    }
    d.offer_salary(Some(pay), SRC_LABEL);
}

/// "key：value，key：value" in the meta description (common on Chinese
/// boards): in each part between separators (`，` `,` `|` `;` `；` newline),
/// the text before the first colon (`:` or `：`) is the label.
///
/// One byte-wise pass: meta descriptions are often the whole posting, and
/// splitting them `char` by `char` was a visible share of a page's time.
fn meta_pairs(page: &Page, ctx: &Context, d: &mut Draft) {
    let Some(desc) = page.meta("description").or_else(|| page.meta("og:description")) else { return };
    let b = desc.as_bytes();
    let (mut start, mut colon, mut i) = (0usize, None::<(usize, usize)>, 0usize);
    let fullwidth =
        |i: usize, last: &[u8]| b.get(i + 1) == Some(&0xBC) && b.get(i + 2).is_some_and(|c| last.contains(c));
    while i <= b.len() {
        let sep = match b.get(i) {
            None => 1,
            Some(b',' | b'|' | b';' | b'\n') => 1,
            Some(0xEF) if fullwidth(i, &[0x8C, 0x9B]) => 3,
            Some(b':') => {
                colon = colon.or(Some((i, 1)));
                0
            }
            Some(0xEF) if fullwidth(i, &[0x9A]) => {
                colon = colon.or(Some((i, 3)));
                0
            }
            _ => 0,
        };
        if sep == 0 {
            i += 1;
            continue;
        }
        if let Some((c, len)) = colon.take()
            && let Some(field) = label_field(&desc[start..c])
            && field != "employment"
        {
            offer_labelled(field, &desc[c + len..i], ctx, d);
        }
        i += sep;
        start = i;
    }
}

/// The lines that may hold the posting's facts: those outside noise
/// regions (other jobs' cards, asides, menus), and two kinds of noise that
/// are the job's own. A short run right under the title is its own card
/// ("ui-job-card-info"); a long one is a list of jobs under a board's
/// heading ("1,000+ Python Developer Jobs in Chennai"). And where the title
/// shows only inside noise (Avature puts the job's header in an `<aside>`),
/// the noise around it is the job's header.
fn posting_lines<'p>(page: &'p Page, folded_title: &str) -> Vec<&'p Line> {
    const CARD: usize = 8;
    const HEADER: (usize, usize) = (4, 24);
    let all = &page.lines;
    let texts = |noise: bool| all.iter().map(move |l| if l.noise == noise { l.text.as_str() } else { "" });
    let own = match title_position(texts(false), folded_title) {
        Some(t) => {
            let run = all[t + 1..].iter().take_while(|l| l.noise).take(CARD + 1).count();
            (run <= CARD).then_some((t + 1, t + 1 + run))
        }
        None => title_position(texts(true), folded_title).map(|t| {
            let before = all[..t].iter().rev().take_while(|l| l.noise).take(HEADER.0).count();
            let after = all[t + 1..].iter().take_while(|l| l.noise).take(HEADER.1).count();
            (t - before, t + 1 + after)
        }),
    };
    let own = own.unwrap_or((0, 0));
    let mut boxes = fact_boxes(all, folded_title);
    boxes.extend(overview_boxes(all));
    all.iter()
        .enumerate()
        .filter(|(i, l)| !l.noise || (own.0 <= *i && *i < own.1) || boxes.iter().any(|b| b.contains(i)))
        .map(|(_, l)| l)
        .collect()
}

/// Noise lines under a heading that names them the job's facts: the "Job
/// Overview" widget of WordPress job themes (Cariera, WorkScout, JobHunt:
/// "Date Posted" / "January 2, 2024" / "Location" / "Amsterdam,
/// Netherlands" in a sidebar), a government board's "Important Dates".
/// The noise after the heading, to the end of its run, at most 40 lines.
fn overview_boxes(all: &[Line]) -> Vec<std::ops::Range<usize>> {
    const MAX_BOX: usize = 40;
    const HEADINGS: &[&str] = &[
        "job overview",
        "job summary",
        "job details",
        "job information",
        "job info",
        "important dates",
        "position details",
        "detalles del empleo",
        "resume du poste",
        "details du poste",
    ];
    let mut boxes = Vec::new();
    for (i, l) in all.iter().enumerate() {
        // Most lines are no heading over noise: the cheap tests first, and
        // the heading compared folded without building the folded text.
        let start = i + 1;
        if l.text.len() > 24 || all.get(start).is_none_or(|n| !n.noise) || !HEADINGS.iter().any(|h| fold_eq(&l.text, h))
        {
            continue;
        }
        let run = all[start..].iter().take_while(|l| l.noise).take(MAX_BOX).count();
        boxes.push(start..start + run);
    }
    boxes
}

/// Noise lines that are the job's own box of facts: a sidebar that
/// restates the title under a title label ("Job Title" / "Account Clerk",
/// then "Job Type" / "Full-time, Permanent"), from that label to the end
/// of the noise or the next title label (another job's box beside it).
/// Another job's card names another title, and a menu none.
fn fact_boxes(all: &[Line], folded_title: &str) -> Vec<std::ops::Range<usize>> {
    const MAX_BOX: usize = 40;
    // The title a line labels: the next line ("Job Title" / "…"), or its
    // own rest ("Job Title: …").
    let labelled_title = |i: usize| -> Option<&str> {
        let l = all[i].text.as_str();
        if l.len() <= 24 && line_label(l) == Some("title") {
            return all.get(i + 1).filter(|n| n.noise).map(|n| n.text.as_str());
        }
        let (k, v) = l.split_once([':', '：']).filter(|_| l.len() <= 200)?;
        (k.len() <= 24 && label_field(k.trim()) == Some("title")).then_some(v)
    };
    // Most pages show the title in no noise line: the labels (folded) are
    // then not looked up at all.
    let shown = |l: &Line| {
        l.noise
            && (fold_eq(&l.text, folded_title)
                || l.text.split_once([':', '：']).is_some_and(|(_, v)| fold_eq(v, folded_title)))
    };
    let mut boxes = Vec::new();
    if !all.iter().any(shown) {
        return boxes;
    }
    let mut i = 0;
    while i < all.len() {
        let Some(t) = all[i].noise.then(|| labelled_title(i)).flatten() else {
            i += 1;
            continue;
        };
        let start = i;
        i += 1;
        while i < all.len() && all[i].noise && i - start < MAX_BOX && labelled_title(i).is_none() {
            i += 1;
        }
        if fold_eq(t, folded_title) {
            boxes.push(start..i);
        }
    }
    boxes
}

/// The posting's lines ([`posting_lines`]) and where its title is among
/// them: computed once for the labelled lines and the lines near the title.
struct Posting<'p> {
    lines: Vec<&'p Line>,
    title_at: Option<usize>,
}

impl<'p> Posting<'p> {
    /// `heading` (folded) stands where the title is not shown: a board
    /// that heads the job with its employer's name, the title taken from
    /// the page title, has the facts under that heading.
    fn of(page: &'p Page, folded_title: &str, heading: Option<&str>) -> Self {
        let lines = posting_lines(page, folded_title);
        let at = |needle: &str| title_position(lines.iter().map(|l| l.text.as_str()), needle);
        let title_at = at(folded_title).or_else(|| heading.and_then(at));
        Posting { lines, title_at }
    }
}

/// Where the title is shown: the first line that is the title, else the
/// first that starts with it and says little more ("コーダーエンジニア /
/// 株式会社アスパーク", a title whose employer was split off it).
fn title_position<'l>(lines: impl Iterator<Item = &'l str> + Clone, folded_title: &str) -> Option<usize> {
    // "Careers - Software Engineer, Core": the heading with the site's
    // section before the title.
    let sectioned = |l: &str| {
        l.split_once(" - ")
            .or_else(|| l.split_once(": "))
            .is_some_and(|(h, t)| generic_title(h) && fold_eq(t, folded_title))
    };
    lines.clone().position(|l| fold_eq(l, folded_title) || sectioned(l)).or_else(|| {
        lines.clone().position(|l| l.len() <= 2 * folded_title.len() + 40 && fold_starts_with(l, folded_title))
    })
}

/// Lines around the title's first appearance.
fn near_title(posting: &Posting, ctx: &Context, d: &mut Draft) {
    let Some(at) = posting.title_at else { return };
    let lines: Vec<&str> = posting.lines.iter().map(|l| l.text.as_str()).collect();
    // The lines under the title first, then those above it nearest first:
    // what sits right above a title is as often the end of a list of
    // other jobs (Google's results pane) as a breadcrumb of this one.
    let after = (at + 1..lines.len()).take(11);
    let before = (at.saturating_sub(4)..at).rev();
    let mut unmarked = None;
    for i in after.chain(before) {
        let line = lines[i];
        // A field and its value on two lines: "Remote" / "No".
        if let Some(yes_no) = lines.get(i + 1).filter(|n| kinds::answer(n).is_some())
            && d.wants_remote()
            && line.chars().count() <= 30
        {
            d.offer_remote(kinds::workplace(&format!("{line}: {yes_no}")), SRC_NEAR);
        }
        if line.len() > 160 && line.chars().count() > 160 {
            continue;
        }
        // A menu's "Today" (a link to the day's news) dates nothing.
        let link = posting.lines[i].link;
        if !d.has("date_posted")
            && !link
            && let Some(dt) = dates::find_relative(line, ctx.fetched_at)
        {
            d.offer_date_posted(Some(dt), SRC_NEAR);
        }
        // A bare date among the facts right under the title ("20 April
        // 2025") is when the job was posted; one after the fetch can only
        // be a closing date.
        if !d.has("date_posted")
            && !link
            && i > at
            && i <= at + 6
            && line.split_whitespace().count() <= 4
            && !other_date(line)
            && let Some(dt) = dates::find_absolute(line).filter(|dt| *dt <= ctx.fetched_at.date_naive())
        {
            d.offer_date_posted(Some(dt), SRC_NEAR);
        }
        // "publicado el 13 enero 2025" / "finaliza el 12 febrero 2025": a
        // date's label and its date on one line, with no colon between.
        if !link
            && i > at
            && i <= at + 6
            && let Some((field @ ("posted" | "closing"), value)) = leading_label(line)
        {
            offer_labelled(field, value, ctx, d);
        }
        let chinese = line.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        for part in fact_parts(line) {
            // "Munkavégzés helye: Budaörs", a label the label table lacks:
            // the place is its value.
            let place = dates::strip_relative(part.rsplit_once([':', '：']).map_or(part, |(_, v)| v.trim()));
            if d.wants_locations() && place.chars().count() <= 80 {
                let mut places = location::parse_known_alternatives(&place);
                if places.is_empty() {
                    places.extend(location::parse_known(&place));
                }
                if !places.is_empty() {
                    d.offer_remote(kinds::workplace(&place), SRC_NEAR);
                    d.offer_locations(places, SRC_NEAR);
                    continue;
                }
            }
            if part.chars().count() <= 30 {
                // A bare "Other" beside the title is a category's name.
                if d.wants_employment()
                    && let Some(e) = kinds::employment(part)
                    && fold(part) != "other"
                {
                    d.offer_employment(Some(e.to_owned()), SRC_NEAR);
                }
                if d.wants_remote()
                    && let Some(w) = kinds::workplace(part)
                {
                    d.offer_remote(Some(w), SRC_NEAR);
                }
            }
            // A fact, not a sentence: few words beside the amount (the
            // currency codes and units inside "USD $23.18/Hr - USD $34.78",
            // and the interval after it, "per recorded hour", are the
            // amount's own).
            if d.wants_salary()
                && let Some((at, p)) = salary::parse_text_at(part, false)
                    .or_else(|| chinese.then(|| salary::chinese_board_range(part).map(|p| (0..0, p))).flatten())
                && let after = at.end + salary::interval_len(&part[at.end..])
                && part[..at.start].chars().chain(part[after..].chars()).filter(|c| c.is_alphabetic()).count() <= 8
            {
                d.offer_parsed_salary(Some(p), SRC_NEAR);
            }
            // Such a chip starts with its amount and holds its interval's
            // word; the amount pattern runs on no other part.
            if unmarked.is_none()
                && i > at
                && part.starts_with(|c: char| c.is_ascii_digit())
                && part.bytes().any(|b| b.is_ascii_alphabetic())
            {
                unmarked = salary::unmarked_range(part);
            }
        }
    }
    // "170K-220K Annually" with no currency: the job's country's money,
    // once every place is known. Where places disagree or none is known,
    // the chip is left to the description, which may state the currency.
    if d.wants_salary()
        && let Some(mut p) = unmarked
        && let Some(c) = salary::locations_currency(d.locations())
    {
        p.salary.currency = Some(c.to_owned());
        d.offer_parsed_salary(Some(p), SRC_NEAR);
    }
}

/// The facts of a line under a title: "Berlin · Full-time | Remote".
/// Lagou's "10k-18k /成都 / 经验3-5年 / 全职" separates them with spaced
/// slashes too, unless the whole is one place a level down ("臺灣 /
/// 臺北"); a slash inside a word ("Flex/Java") never does.
fn fact_parts(line: &str) -> Vec<&str> {
    // "Всі вакансії / HR / за кордоном" (DOU: All jobs / HR / abroad): a
    // path from a site's root names its sections, not the job's facts; its
    // "HR" is no Croatia.
    let mut path = line.split(['/', '›', '»']);
    let root = path.next();
    if path.next().is_some() && root.is_some_and(generic_title) {
        return Vec::new();
    }
    line.split(['·', '•', '|'])
        .flat_map(|p| {
            let spaced = (p.contains(" /") || p.contains("/ ")) && !pay_unit_slash(p);
            let pieces: Vec<&str> =
                if spaced && location::parse_known(p).is_none() { p.split('/').collect() } else { vec![p] };
            pieces
        })
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

/// Whether a slash in `s` is pay's "per" ("USD $34.78 /Hr."): an amount
/// before it and an interval word after it. Such a slash separates no
/// facts.
fn pay_unit_slash(s: &str) -> bool {
    s.match_indices('/').any(|(at, _)| {
        let before = s[..at].trim_end();
        let word = s[at + 1..].trim_start().split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
        before.ends_with(|c: char| c.is_ascii_digit() || c == 'k' || c == 'K') && salary::interval(word).is_some()
    })
}

fn title(page: &Page, d: &mut Draft) {
    if d.title().is_some() {
        return;
    }
    let page_titles: Vec<&str> =
        [page.meta("og:title"), page.meta("twitter:title"), page.title.as_deref()].into_iter().flatten().collect();
    let repeated = |t: &str| page_titles.iter().any(|p| norm(p).contains(&norm(t)));
    // The class-named titles (at most a few marks per selector), read once.
    // A "job-title-block" that holds the heading and the facts under it
    // (three lines or more) is a header, not the title.
    let class_texts: Vec<String> = page
        .marks_of(Key::Title)
        .filter(|m| m.source == "class")
        .map(|m| page.text_of(m))
        .filter(|t| t.lines().count() <= 2)
        .map(|t| t.replace('\n', " "))
        .collect();
    // A class on three or more different headings is a heading style, not
    // the job title's (Liepin's "job-title": "职位描述：", "企业介绍：",
    // "职位发布者", …).
    let mut distinct: Vec<String> = Vec::new();
    for f in class_texts.iter().take(8).map(|t| fold(t)).filter(|f| !f.is_empty()) {
        if !distinct.contains(&f) {
            distinct.push(f);
        }
    }
    let class_title = class_texts.into_iter().find(|t| {
        // "21-28万 24小时反馈 广州-萝岗区" under a "job-title-left" class is
        // the job's facts: a title holds no pay. "职位描述：" is a heading.
        let facts = || {
            salary::parse_text(t, false).is_some()
                || salary::parse_text(t, true).is_some_and(|p| p.salary.max.or(p.salary.min).unwrap_or(0.0) >= 1000.0)
        };
        // A whole header block ("最終更新日：2026/7/21 中途採用（正社員） …") holds a date.
        let label = || t.trim_end().ends_with([':', '：']) || dates::find_absolute(t).is_some();
        reads_as_title(t, 150) && !facts() && !label()
    });
    if let Some(t) = class_title.filter(|_| distinct.len() < 3) {
        d.offer_title(Some(t), "class");
        return;
    }
    // "Tesco Stores SR, a.s." over "Customer, Brand & CX Insight Manager",
    // under a page title of both (a board that heads the job with its
    // employer): an h1 that is a company by its legal form names the
    // employer, and the line under it that the page title repeats is the job.
    let h1_marks: Vec<&Mark> = page.marks_of(Key::H1).collect();
    let all_h1s: Vec<String> = h1_marks.iter().map(|m| page.text_of(m).replace('\n', " ")).collect();
    let employer_h1 = h1_marks.iter().zip(&all_h1s).find_map(|(m, name)| {
        let job = page.lines.get(m.line + 1).filter(|l| !l.noise && !l.link)?.text.as_str();
        // "Z-TECH (India) Ltd." over "Chhatarpur, India": a place is no job.
        (legal_name(name) && repeated(name) && repeated(job) && reads_as_title(job, 150))
            .then_some((name, job))
            .filter(|_| location::parse_known(job).is_none())
    });
    if let Some((name, job)) = employer_h1 {
        d.offer_title(Some(job.to_owned()), "h1");
        d.offer_organization(Some(name.trim().to_owned()), "h1");
        return;
    }
    // "CA Articleship at ComplianceBridge Services, Noida | My Student
    // Club" over an h1 "ComplianceBridge Services": the h1 is the employer
    // the page title names after " at ", and the job is before it.
    let at_employer = page_titles.iter().find_map(|pt| {
        let (job, rest) = pt.split(" | ").next()?.split_once(" at ")?;
        let rest = fold(rest);
        let name = all_h1s.iter().find(|h| {
            let f = fold(h);
            !f.is_empty() && rest.strip_prefix(f.as_str()).is_some_and(|tail| tail.is_empty() || tail.starts_with(' '))
        })?;
        reads_as_title(job.trim(), 150).then(|| (job.trim().to_owned(), name.trim().to_owned()))
    });
    if let Some((job, name)) = at_employer {
        d.offer_title(Some(job), SRC_TITLE_TAG);
        d.offer_organization(Some(name), "h1");
        return;
    }
    let h1s: Vec<&String> = all_h1s
        .iter()
        // A site's own heading ("LINE Careers", a logo in an `<h1>`) is no job title.
        .filter(|t| reads_as_title(t, 200) && !board_name(t) && careers_at(t).is_none())
        .collect();
    // "IT-Techniker (m/w/d)" under a site heading ("wolkenhof Jobs &
    // Karriere"): German and French postings mark the title with the
    // genders it is open to. Where no h1 is the page title's or so marked,
    // the one line so marked is the title.
    if !h1s.iter().any(|h| repeated(h) || gendered(h))
        && let Some(t) = only_gendered_line(page)
    {
        d.offer_title(Some(t.to_owned()), "gendered");
        return;
    }
    // A labelled title ("Job Title" / "Door Attendant") names the job where
    // the h1 is not confirmed by the page's title: old ATS pages head the
    // job with the site's name ("Career Opportunities", "Job details").
    if !h1s.iter().any(|h| repeated(h))
        && let Some(t) = labelled_title(page)
    {
        d.offer_title(Some(t.to_owned()), SRC_LABEL);
        return;
    }
    let mut h1_places = None;
    let h1_title = h1s.iter().find(|h| repeated(h)).or(h1s.first()).map(|h| {
        // "Careers - Software Engineer, Core": the site's section before the job.
        let h = match h.split_once(" - ").or_else(|| h.split_once(": ")) {
            Some((head, rest)) if generic_title(head) && reads_as_title(rest, 200) => rest.trim(),
            _ => h.as_str(),
        };
        // "Functional Analyst @ Brussels / Mechelen": the place after an "@".
        let h = match h_place(h) {
            Some((t, places)) => {
                h1_places = Some(places);
                t
            }
            None => h,
        };
        // "Job ad: Senior Backend Engineer" where the page title says
        // "Senior Backend Engineer - 1683131 | Jobindex": the board's prefix
        // is not part of the title.
        match h.split_once(": ") {
            Some((_, rest)) if !repeated(h) && repeated(rest) && rest.chars().count() >= 3 => rest.trim().to_owned(),
            // "Backend Engineer (India) at VectorShift(S23)" where the page
            // title says "Backend Engineer (India) at VectorShift | …": the
            // heading names the employer after " at ", as the page title
            // does, and the page title is read for it.
            _ => match h.rsplit_once(" at ") {
                Some((t, _))
                    if !repeated(h) && page_titles.iter().any(|p| p.contains(&format!("{} at ", t.trim()))) =>
                {
                    t.trim().to_owned()
                }
                _ => h.to_owned(),
            },
        }
    });
    // Three or more h1s, none of them in the page title, are section
    // headings (Dice: "Job Overview", "Contact Information", …): the page
    // title, when it names a job, comes first.
    let sections = all_h1s.len() >= 3 && !all_h1s.iter().any(|h| repeated(h));
    let from_page_title = page_title_title(page);
    let (first, second) = if sections {
        (from_page_title, h1_title.map(|h| (h, "h1")))
    } else {
        (h1_title.map(|h| (h, "h1")), from_page_title)
    };
    // Last, an element whose class is just "title" (Work24's
    // `<strong class="title">`, under an `<h1>` logo and a page title of
    // breadcrumbs): the first that reads as one.
    let plain_class = || {
        page.marks_of(Key::Title).filter(|m| m.source == "class-title").find_map(|m| {
            let t = page.text_of(m).replace('\n', " ");
            // "工作职责：" over a description's paragraph is its heading.
            let heading = t.trim_end().ends_with([':', '：']);
            (reads_as_title(&t, 150) && !board_name(&t) && !heading).then_some((t, "class-title"))
        })
    };
    if let Some((t, src)) = first.or(second).or_else(plain_class) {
        if src == "h1"
            && let Some(places) = h1_places
        {
            d.offer_locations(places, "h1");
        }
        // "コーダーエンジニア / 株式会社アスパーク" (engage): the employer after a slash.
        match title_and_company(&t) {
            Some((title, company)) => {
                d.offer_title(Some(title.to_owned()), src);
                d.offer_organization(Some(company.to_owned()), src);
            }
            None => d.offer_title(Some(t), src),
        }
    }
}

/// "(m/w/d)", "(w/m/d)", "(f/m/x)", "(H/F)", "H/F" at the end of a title.
static GENDERS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\((?:[mwfdxhi]|div)(?:\s*/\s*(?:[mwfdxhi]|div)){1,3}\)|\b[hf]\s*/\s*[fh])\s*$")
        .expect("genders")
});

fn gendered(t: &str) -> bool {
    t.contains('/') && GENDERS.is_match(t)
}

/// The one short line outside noise and links that ends with a gender
/// mark (several different ones are a list of jobs).
fn only_gendered_line<'p>(page: &'p Page) -> Option<&'p str> {
    let mut found: Option<&str> = None;
    for l in page.lines.iter().filter(|l| !l.noise && !l.link && l.text.len() <= 100 && gendered(&l.text)) {
        match found {
            Some(f) if f != l.text => return None,
            _ => found = Some(l.text.as_str()),
        }
    }
    found.filter(|t| reads_as_title(t, 100))
}

/// A heading "Title @ Place" whose place is known ("Functional Analyst @
/// Brussels / Mechelen"): the title and the places.
fn h_place(h: &str) -> Option<(&str, Vec<super::Location>)> {
    let (title, place) = h.rsplit_once(" @ ")?;
    let places = location::parse_list(place);
    (!places.is_empty() && places.iter().all(|l| l.country.is_some())).then(|| (title.trim(), places))
}

/// The job's title as a labelled fact: "Job Title" over "Door Attendant"
/// (BrassRing), "Title" / "Pipeline Designer" (UltiPro), "Job title:
/// Welder" on one line. Lines in links and noise regions are no labels;
/// lines in forms are, since old ATS pages sit in one layout `<form>`,
/// but a form's own "Title" field is not: its value is an honorific, or
/// the next field's label.
fn labelled_title<'p>(page: &'p Page) -> Option<&'p str> {
    const HONORIFICS: &[&str] = &["mr", "mrs", "ms", "miss", "mx", "dr", "prof", "select", "please select"];
    let lines: Vec<&str> = page.lines.iter().filter(|l| !l.noise && !l.link).map(|l| l.text.as_str()).collect();
    let usable = |v: &str| {
        let v = v.trim();
        reads_as_title(v, 150)
            && !v.ends_with([':', '：', '*'])
            && line_label(v).is_none()
            && !HONORIFICS.contains(&fold(v).as_str())
    };
    for (i, line) in lines.iter().enumerate() {
        if line.len() > 120 {
            continue;
        }
        if line_label(line) == Some("title") {
            match lines.get(i + 1) {
                Some(v) if usable(v) => return Some(v.trim()),
                _ => continue,
            }
        }
        if let Some((l, v)) = line.split_once([':', '：'])
            && label_field(l.trim()) == Some("title")
            && usable(v)
        {
            return Some(v.trim());
        }
    }
    None
}

/// A name that is plainly a company's by its legal form ("Tesco Stores
/// SR, a.s.", "Nubificus Ltd", "株式会社アスパーク"), at most 60 characters.
fn legal_name(name: &str) -> bool {
    const FORMS: &[&str] = &[
        "株式会社",
        "有限会社",
        "合同会社",
        "有限公司",
        "GmbH",
        "Inc.",
        "Inc",
        "LLC",
        "LLP",
        "Ltd.",
        "Ltd",
        "Limited",
        "PLC",
        "plc",
        "S.A.",
        "B.V.",
        "N.V.",
        "AG",
        "SAS",
        "SARL",
        "S.L.",
        "S.r.l.",
        "S.p.A.",
        "a.s.",
        "s.r.o.",
        "Sp. z o.o.",
        "ApS",
        "A/S",
        "Oy",
        "Corporation",
        "Corp.",
    ];
    let name = name.trim();
    name.chars().count() <= 60
        && FORMS.iter().any(|f| {
            name.starts_with(f) || name.strip_suffix(f).is_some_and(|head| head.ends_with([' ', ',']) || !f.is_ascii())
        })
}

/// A title that ends with its employer after " / " or " | ", where that
/// part is plainly a company by its legal form.
fn title_and_company(t: &str) -> Option<(&str, &str)> {
    let (title, company) = t.rsplit_once(" / ").or_else(|| t.rsplit_once(" | "))?;
    let (title, company) = (title.trim(), company.trim());
    (!title.is_empty() && legal_name(company)).then_some((title, company))
}

/// The job title a page title (`og:title`, then `<title>`) names, with the
/// field it came from.
fn page_title_title(page: &Page) -> Option<(String, &'static str)> {
    for (pt, src) in [(page.meta("og:title"), SRC_META), (page.title.as_deref(), SRC_TITLE_TAG)] {
        let Some(pt) = pt else { continue };
        if let Some(c) = HIRING.captures(pt) {
            return c.name("title").map(|m| (m.as_str().to_owned(), src));
        }
        if let Some((title, _)) = chinese_page_title(pt) {
            return Some((title, src));
        }
        // "Title | Org | Site": the first piece that is not a site name.
        // "Title - Org" only when the page shows that first piece as a line
        // of its own (an `<h2>` title), since job titles hold dashes too
        // ("Engineer - Backend").
        let shown = |piece: &str| {
            let f = fold(piece);
            !f.is_empty() && page.lines.iter().any(|l| !l.noise && fold_eq(&l.text, &f))
        };
        // "Systems Engineer jobs - Dice.com": a board's "jobs" after the title.
        let bare = |a: &str| a.strip_suffix(" jobs").or_else(|| a.strip_suffix(" Jobs")).unwrap_or(a).trim().to_owned();
        // "Agora » DevOps Engineer": a breadcrumb ends with the page, when
        // the page shows it.
        let last =
            [" » ", " › "].iter().filter_map(|sep| pt.rsplit_once(sep).map(|(_, b)| b.trim())).find(|b| shown(b));
        // "Analytics Engineer at Messari - BeInCrypto Jobs" over the lines
        // "Analytics Engineer" / "at Messari": the job before its " at ".
        let job_at = |a: &str| a.rsplit_once(" at ").map_or_else(String::new, |(t, _)| t.trim().to_owned());
        // "Senior TPM - Autonomous Platform - Bright Machines": the title
        // may hold the separator itself, so every piece up to one is tried,
        // shortest first.
        let first = [" - ", " – ", " — "]
            .iter()
            .flat_map(|sep| pt.match_indices(sep).map(|(at, _)| pt[..at].trim()))
            .find_map(|a| [a.to_owned(), bare(a), job_at(a)].into_iter().find(|a| shown(a)))
            .or_else(|| last.map(str::to_owned))
            .unwrap_or_else(|| without_tail(pt.split(" | ").next().unwrap_or(pt)).to_owned());
        // "Jobs at Globex" names the board, not a job.
        if !generic_title(&first) && !board_name(&first) && careers_at(&first).is_none() {
            return Some((first, src));
        }
    }
    None
}

/// The text of the first link to a company's page on the site within the
/// few lines under the title, when it reads as a name.
fn company_link(page: &Page, folded_title: &str) -> Option<String> {
    // Every line that is the title (a breadcrumb may repeat it above the
    // heading).
    let title_lines: Vec<usize> =
        page.lines.iter().enumerate().filter(|(_, l)| fold_eq(&l.text, folded_title)).map(|(i, _)| i).take(8).collect();
    let under_title = |line: usize| title_lines.iter().any(|&t| (t..=t + 8).contains(&line));
    page.marks_of(Key::Org).filter(|m| m.source == "company-link" && under_title(m.line)).find_map(|m| {
        let t = page.text_of(m).replace('\n', " ");
        let t = t.trim();
        // "Explore companies", "Company profile", "Review for Acme": the
        // site's own words, not a name.
        let name = !t.is_empty()
            && t.chars().count() <= 80
            && !board_name(t)
            && !fold(t)
                .split(' ')
                .any(|w| matches!(w, "companies" | "company" | "profile" | "review" | "reviews" | "jobs"));
        name.then(|| t.to_owned())
    })
}

fn organization(page: &Page, folded_title: &str, d: &mut Draft) {
    if d.organization().is_some() {
        return;
    }
    if let Some(jt) = d.title().map(str::to_owned) {
        for (pt, src) in [(page.meta("og:title"), SRC_META), (page.title.as_deref(), SRC_TITLE_TAG)] {
            if let Some(pt) = pt
                && let (Some(org), _) = decompose(pt, &jt)
            {
                d.offer_organization(Some(org), src);
                return;
            }
        }
    }
    // "<title>Nubificus Ltd</title>": a page title that is only a company's
    // name by its legal form.
    if let Some(pt) = page.title.as_deref().filter(|pt| legal_name(pt)) {
        d.offer_organization(Some(pt.trim().to_owned()), SRC_TITLE_TAG);
        return;
    }
    if let Some((t, src)) = page.marks_of(Key::Org).filter(|m| m.source == "class").find_map(|m| {
        let t = page.text_of(m).replace('\n', " ");
        (t.chars().count() <= 80 && !t.trim().is_empty()).then_some((t, m.source))
    }) {
        d.offer_organization(Some(t), src);
        return;
    }
    // "Careers at NVIDIA", "Jobs at Acme", "Acme Careers" in a heading.
    let headings = page.marks_of(Key::H1).map(|m| page.text_of(m)).chain(page.title.clone());
    for h in headings {
        if let Some(org) = careers_at(&h) {
            d.offer_organization(Some(org), "h1");
            return;
        }
    }
    // A board's link to its employer's page, among the lines under the
    // title ("Site Engineer II" / "Darwin Recruitment", Reed's "Posted
    // Today by NonStop Consulting Ltd"): the employer, where no other
    // source named one.
    if let Some(t) = company_link(page, folded_title) {
        d.offer_organization(Some(t), "company-link");
        return;
    }
    if let Some(site) = page.meta("og:site_name").map(without_site_tagline).filter(|s| !board_name(s)) {
        d.offer_organization(Some(site.to_owned()), SRC_META);
        return;
    }
    if let Some(name) = about_heading(&page.lines) {
        d.offer_organization(Some(name), "about");
        return;
    }
    // A logo's alt text, else a link above the title whose text is a
    // logo's name (a visually hidden "Dovetail logo" in the link home; a
    // press section's "Forbes logo" comes later).
    // Three or more names are a strip of brands, clients or awards
    // (FrieslandCampina's "Peak", "Campina", "Friso", … logos), and none of
    // them is the employer's.
    let names: Vec<&str> = page.marks_of(Key::Logo).filter_map(|m| m.attr.as_deref()).take(16).collect();
    let distinct = names.iter().enumerate().filter(|(i, n)| !names[..*i].contains(n)).count();
    let alt = names.first().filter(|_| distinct < 3).and_then(|n| logo_name(n));
    let link = || {
        let above = page.lines.iter().position(|l| fold_eq(&l.text, folded_title)).unwrap_or(page.lines.len());
        page.lines[..above]
            .iter()
            .filter(|l| {
                let b = l.text.as_bytes();
                l.link && b.len() <= 60 && b.len() >= 5 && b[b.len() - 5..].eq_ignore_ascii_case(b" logo")
            })
            .find_map(|l| logo_name(&l.text))
    };
    if let Some(name) = alt.or_else(link) {
        d.offer_organization(Some(name), "logo");
    }
}

/// The name a logo's label gives ("Acme Logo", "Wolkenhof-Logo"), unless it
/// is a placeholder's or another site's.
fn logo_name(alt: &str) -> Option<String> {
    // "Wolkenhof-Logo", "Acme_logo": the separator goes with the word.
    let name = alt.trim().trim_end_matches("LOGO").trim_end_matches("Logo").trim_end_matches("logo");
    let name = name.trim_end_matches(['-', '_', ' ']);
    // Logos of browsers ("please use a supported browser"), stores and
    // networks a page links to are not the employer's.
    const OTHERS: &[&str] = &[
        "firefox",
        "mozilla firefox",
        "chrome",
        "google chrome",
        "internet explorer",
        "safari",
        "microsoft edge",
        "edge",
        "opera",
        "app store",
        "google play",
        "facebook",
        "twitter",
        "instagram",
        "youtube",
        // "Company Logo", "Header logo": a placeholder's alt text.
        "company",
        "employer",
        "header",
        "footer",
        "site",
        "website",
        "brand",
        "main",
    ];
    (!name.is_empty() && !board_name(name) && !OTHERS.contains(&fold(name).as_str())).then(|| name.to_owned())
}

/// "About TikTok" over a paragraph that opens with the name ("TikTok is
/// the leading destination…", "At TikTok, …"): the posting's own word on
/// its employer. The name is one to five words that start with a capital,
/// and not a phrase ("About the role", "Über uns", "About Our Team").
fn about_heading<'a>(lines: &'a [Line]) -> Option<String> {
    const ABOUT: &[&str] = &["about ", "über ", "à propos de ", "a propos de ", "om ", "over ", "sobre ", "acerca de "];
    const NOT_A_NAME: &[&str] = &[
        "the", "our", "this", "your", "us", "you", "we", "uns", "unser", "unsere", "nous", "notre", "la", "le", "les",
        "el", "los", "die", "der", "das", "os", "as", "o", "a", "de", "het", "ons", "oss",
    ];
    lines.windows(2).find_map(|w| {
        let (heading, para) = (&w[0], &w[1]);
        if heading.noise || heading.link || heading.form || para.noise || para.link || para.text.len() < 80 {
            return None;
        }
        let h = heading.text.trim();
        let name = ABOUT
            .iter()
            .find_map(|a| strip_prefix_caseless(h, a))?
            .trim()
            .trim_end_matches([':', '?', '!', '.'])
            .trim();
        let first = name.split_whitespace().next()?;
        let words = name.split_whitespace().count();
        if words > 5
            || name.len() > 60
            || !first.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
            || NOT_A_NAME.contains(&fold(first).as_str())
        {
            return None;
        }
        // The name as the paragraph spells it ("ABOUT NORTHWIND" /
        // "Northwind is…").
        let opens = |t: &'a str| {
            let rest = strip_prefix_caseless(t, name).filter(|r| !r.starts_with(char::is_alphanumeric))?;
            Some(t[..t.len() - rest.len()].to_owned())
        };
        let p = para.text.trim_start();
        opens(p).or_else(|| ["At ", "Bei ", "Chez "].iter().find_map(|at| p.strip_prefix(at).and_then(opens)))
    })
}

/// `s` without `prefix`, compared letter by letter without case ("Über "
/// for "über ").
fn strip_prefix_caseless<'s>(s: &'s str, prefix: &str) -> Option<&'s str> {
    let mut chars = s.char_indices();
    for p in prefix.chars() {
        let (_, c) = chars.next()?;
        if !c.to_lowercase().eq(p.to_lowercase()) {
            return None;
        }
    }
    Some(&s[chars.offset()..])
}

fn page_title_location(page: &Page, d: &mut Draft) {
    if d.has("locations") {
        return;
    }
    for pt in [page.meta("og:title"), page.title.as_deref()].into_iter().flatten() {
        if let Some(c) = HIRING.captures(pt)
            && let Some(loc) = c.name("loc").and_then(|l| location::parse_field(l.as_str()))
        {
            d.offer_locations(vec![loc], SRC_TITLE_TAG);
            return;
        }
    }
}

/// Where a block the page's classes name as the job's location says
/// (`<div class="job-location">Location Crystal Lake, Illinois</div>`),
/// its label dropped: after the labelled and near-title facts, whose
/// reading of labels is surer, and only a place the gazetteer knows, since
/// such classes also hold filters and maps.
fn class_location(page: &Page, d: &mut Draft) {
    if d.has("locations") {
        return;
    }
    for m in class_marks(page, Key::Location) {
        let mut text = String::new();
        collapse_into(&mut text, &page.text_of(m));
        let value = without_location_label(&text);
        // A block of more is a list or a map's legend, as a labelled value
        // of more is no value (see `offer_labelled`).
        if value.chars().count() > 200 {
            continue;
        }
        let locs = location::parse_list(value);
        if !locs.is_empty() && locs.iter().all(|l| location::parse_known(&l.text).is_some()) {
            d.offer_remote(kinds::workplace(value), SRC_CLASS);
            d.offer_locations(locs, SRC_CLASS);
            return;
        }
    }
}

/// The type of employment a block the page's classes name as the job's
/// type says (`<li class="job-type">Temporal</li>`), where no label or
/// line under the title gave one.
fn class_employment(page: &Page, d: &mut Draft) {
    if !d.wants_employment() {
        return;
    }
    if let Some(e) =
        class_marks(page, Key::Employment).map(|m| page.text_of(m)).find_map(|t| kinds::employment_value(&t))
    {
        d.offer_employment(Some(e.to_owned()), SRC_CLASS);
    }
}

/// A line that starts with a known label, with or without its colon
/// ("Location: Berlin", "Location Crystal Lake, Illinois", "publicado el 13
/// enero 2025"): the label's field and the rest. The label is up to three
/// words.
fn leading_label(text: &str) -> Option<(&'static str, &str)> {
    if let Some((label, value)) = text.split_once([':', '：'])
        && let Some(field) = label_field(label.trim())
    {
        return Some((field, value.trim()));
    }
    let ends: Vec<usize> = text.match_indices(' ').map(|(i, _)| i).take(3).collect();
    ends.iter().rev().find_map(|&end| label_field(&text[..end]).map(|field| (field, text[end..].trim())))
}

/// The first few blocks the page's classes name as `key` (`[class*=…]`),
/// outside noise regions.
fn class_marks<'p>(page: &'p Page, key: Key) -> impl Iterator<Item = &'p Mark> {
    page.marks_of(key).filter(|m| m.source == SRC_CLASS && !m.noise).take(4)
}

/// `text` without a leading location label.
fn without_location_label(text: &str) -> &str {
    match leading_label(text) {
        Some(("location" | "city", value)) => value,
        _ => text,
    }
}

/// The last resort for where: a piece of the page title around the job
/// title that is a known place ("Interactive Design Engineer Dubai | WIM").
/// After every other source, since a page's own lines say more ("Dubai
/// Design District, Dubai, UAE").
fn page_title_place(page: &Page, d: &mut Draft) {
    if d.has("locations") {
        return;
    }
    let jt = d.title().unwrap_or_default().to_owned();
    for pt in [page.meta("og:title"), page.title.as_deref()].into_iter().flatten() {
        if let (_, Some(loc)) = decompose(pt, &jt) {
            d.offer_locations(vec![loc], SRC_TITLE_TAG);
            return;
        }
    }
}

/// A structured description shorter than this (in bytes of text) may be a
/// teaser of the page's own.
const TEASER_BYTES: usize = 1200;

fn description(page: &Page, d: &mut Draft) {
    // A structured description of a few lines is often a teaser: the meta
    // description ("Looking for a … job in Rovaniemi? Apply today."), the
    // intro paragraph alone, "Check out this awesome role at Dovetail.". The
    // page's own description block, at least twice as long, is the fuller
    // value; a block that long is no card or label.
    let min_text = match (d.description_text(), d.source("description_text")) {
        (None, _) => 150,
        (Some(t), Some(SOURCE_JSONLD | SOURCE_MICRODATA)) if t.len() < TEASER_BYTES => (2 * t.len()).max(150),
        (Some(_), _) => return,
    };
    // The block a class names, else the block a description heading opens
    // (its parent, else its grandparent: the order they were marked in).
    // A block that holds other postings' cards (two or more blocks a class
    // names as a description whose first line is a link: a card's title
    // links to its posting) is the board's page around the posting, with
    // its reviews, salary tables and similar offers (Computrabajo's
    // `<main>`). It does not replace what structured data gave. Blocks
    // without a link title may be the posting's own sections.
    let structured = d.description_text().is_some();
    let a_page = |m: &Mark| {
        let r = page.mark_range(m);
        structured
            && page
                .marks
                .iter()
                .filter(|c| {
                    c.key == Key::Description
                        && c.source == "class"
                        && r.contains(&c.start)
                        && c.start > r.start
                        && page.lines.get(c.line).is_some_and(|l| l.link)
                })
                .take(2)
                .count()
                == 2
    };
    let class = page.marks_of(Key::Description).filter(|m| m.source == "class");
    let heading = page.marks.iter().filter(|m| m.key == Key::Description && m.source == "heading" && !m.noise);
    if let Some(m) = class.chain(heading).find(|m| page.has_text(m, min_text) && !a_page(m)) {
        d.replace_description_html(page.html.get(posting_range(page, m, d.title())), m.source);
    }
}

/// The part of a description block that is the posting. Where the job's
/// title heading (an `<h1>` that reads as the title) ends in the block's
/// first fifth, what comes before it (breadcrumbs, "Volver al listado", a
/// category badge, a search form) and the heading itself are left out:
/// they are the page's chrome and the title the record holds already. The
/// facts under the title stay, as the posting's header.
fn posting_range(page: &Page, m: &Mark, title: Option<&str>) -> std::ops::Range<usize> {
    after_back_link(page, below_title(page, m, title))
}

/// [`posting_range`]'s cut at the title heading.
fn below_title(page: &Page, m: &Mark, title: Option<&str>) -> std::ops::Range<usize> {
    let r = page.mark_range(m);
    let Some(title) = title.map(fold) else { return r };
    let Some((h, end)) =
        page.marks_of(Key::H1).find_map(|h| h.end.filter(|&e| r.contains(&h.start) && e < r.end).map(|e| (h, e)))
    else {
        return r;
    };
    let after = super::html::after_gt(page.html.as_bytes(), end).min(r.end);
    let shown = fold(&page.text_of(h));
    let is_title = !shown.is_empty() && (shown.starts_with(&title) || title.starts_with(&shown));
    if !is_title || (after - r.start) * 5 > r.len() {
        return r;
    }
    after..r.end
}

/// A link back to the list among a block's first lines ("Back to search
/// results" under Roblox's title and its facts): it and what comes before
/// it are the page's header, and the posting starts after it. Only a few
/// short lines (facts, an apply button) may come before it.
// Kept out of line: inlined, it made a LinkedIn page whose description
// never comes here 5 % slower (measured), by where the code then sat.
#[inline(never)]
fn after_back_link(page: &Page, r: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let mut before = 0;
    for l in lines_in(page, r.clone()).take(6) {
        if l.link && super::description::back_to_list(&l.text) {
            return match find_ci(&page.html[l.at..r.end], "</a>") {
                Some(end) => l.at + end + "</a>".len()..r.end,
                None => r,
            };
        }
        before += l.text.len();
        if before > 200 {
            break;
        }
    }
    r
}

/// The lines whose text starts inside `r`, in order.
fn lines_in<'p>(page: &'p Page, r: std::ops::Range<usize>) -> impl Iterator<Item = &'p Line> {
    let first = page.lines.partition_point(|l| l.at < r.start);
    page.lines[first..].iter().take_while(move |l| l.at < r.end)
}

fn remote_hints(d: &mut Draft) {
    // Also where a source already said remote: a place's "Hybrid - London"
    // is more specific than JSON-LD's TELECOMMUTE flag, and `offer_remote`
    // takes nothing else over a value it has.
    let from_title = d.title().and_then(kinds::workplace);
    let from_locs = d.locations().iter().find_map(|l| kinds::workplace(&l.text));
    if let Some(w) = from_locs {
        d.offer_remote(Some(w), "locations");
    } else if let Some(w) = from_title {
        d.offer_remote(Some(w), "title");
    }
}

/// The cascade step.
pub fn apply(page: &Page, ctx: &Context, d: &mut Draft) {
    let structured = !d.is_empty();
    title(page, d);
    let Some(folded_title) = d.title().map(fold) else { return };
    let employer_heading = d.organization().filter(|_| d.source("organization") == Some("h1")).map(fold);
    let posting = Posting::of(page, &folded_title, employer_heading.as_deref());
    organization(page, &folded_title, d);
    page_title_location(page, d);
    let unsure_location = labelled_lines(page, &posting, ctx, d);
    meta_pairs(page, ctx, d);
    near_title(&posting, ctx, d);
    // A labelled location naming no country waits for the facts under
    // the title too ("Location: Rozenburg, NetherlandsResponsibilities" in
    // a description, where the header says "Rozenburg, Netherlands").
    if let Some(v) = unsure_location {
        offer_labelled("location", v, ctx, d);
    }
    class_location(page, d);
    class_employment(page, d);
    page_title_place(page, d);
    description(page, d);
    remote_hints(d);
    // A page that only has a title (an expired posting's shell, a search
    // page) is not a job posting. Any article has a main content block, so
    // that block makes a page a posting only when the page reads as a job
    // description (a career site's own page, with nothing else to go by).
    if !structured
        && !["locations", "employment_type", "date_posted", "salary", "description_text"].iter().any(|f| d.has(f))
    {
        let shown = page.shown_lines();
        if sections::reads_as_job_description(shown) {
            content_block(page, &posting, d);
        }
        if !d.has("description_text") {
            *d = Draft::default();
        }
        return;
    }
    content_block(page, &posting, d);
}

/// The last fallback for the description: the page's main content block
/// (see [`crate::scan`]), where no class or heading marks one (old ASP.NET
/// boards, government job portals).
fn content_block(page: &Page, posting: &Posting, d: &mut Draft) {
    if d.has("description_text") {
        return;
    }
    if let Some(m) = page.marks_of(Key::Description).find(|m| m.source == "content") {
        let r = with_sections_before(page, posting, posting_range(page, m, d.title()));
        d.offer_description_html(page.html.get(r), m.source);
    }
}

/// The main content block with the posting's sections above it, where the
/// block is only the last of them. The block is the element whose
/// paragraphs score highest; a career site that gives each section a block
/// of its own (TikTok: "Responsibilities", "Qualifications", then "Job
/// Information" with nine paragraphs of pay and benefits) has its last
/// section win alone. So a block that heads no section on the work or the
/// candidate starts at the first such heading between the title and it.
fn with_sections_before(page: &Page, posting: &Posting, r: std::ops::Range<usize>) -> std::ops::Range<usize> {
    const CORE: u8 = sections::DUTIES | sections::PROFILE;
    let Some(title) = posting.title_at.and_then(|i| posting.lines.get(i)) else { return r };
    let Some(heading) = posting
        .lines
        .iter()
        .filter(|l| l.at > title.at && l.at < r.start && l.shown())
        .find(|l| sections::kinds([l.text.as_str()]) & CORE != 0)
    else {
        return r;
    };
    let in_block = lines_in(page, r.clone()).filter(|l| l.shown());
    if sections::kinds(in_block.map(|l| l.text.as_str())) & CORE != 0 {
        return r;
    }
    // From the tag the heading's text opens with, so it stays a paragraph.
    let b = page.html.as_bytes();
    let start = memchr::memrchr(b'<', &b[..heading.at])
        .filter(|&lt| b.get(lt + 1).is_some_and(u8::is_ascii_alphabetic))
        .unwrap_or(heading.at);
    start..r.end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_employer_in_the_page_title_drops_the_place_written_after_it() {
        // GIVEN page titles whose employer piece ends with ", <place>"
        let org = |pt: &str, jt: &str| decompose(pt, jt).0;
        // WHEN each is decomposed  THEN the employer is the name without its place
        assert_eq!(
            org("Apotheker (m/w/d) - Bio 7.0 Apotheke, Berlin", "Apotheker").as_deref(),
            Some("Bio 7.0 Apotheke")
        );
        assert_eq!(org("Engineer - Acme Labs, London", "Engineer").as_deref(), Some("Acme Labs"));
        // BUT a legal form after a comma stays, and a piece that is all place is no employer
        assert_eq!(org("Design Engineer - Acme, Inc.", "Design Engineer").as_deref(), Some("Acme, Inc."));
        assert_eq!(org("Software Engineer - Burbank, CA | Disney", "Software Engineer").as_deref(), Some("Disney"));
        assert_eq!(org("Engineer - Burbank, Los Angeles, CA | Disney", "Engineer").as_deref(), Some("Disney"));
    }

    #[test]
    fn the_place_after_the_employer_in_the_page_title_is_where_when_no_piece_is_a_place() {
        // GIVEN page titles whose employer piece ends with ", <place>"
        let place = |pt: &str, jt: &str| decompose(pt, jt).1.map(|l| (l.city, l.country));
        let city = |c: &str, cc: &str| Some((Some(c.to_owned()), Some(cc.to_owned())));
        // WHEN each is decomposed  THEN that place is where the job is
        assert_eq!(place("Apotheker (m/w/d) - Bio 7.0 Apotheke, Berlin", "Apotheker"), city("Berlin", "DE"));
        assert_eq!(place("Engineer - Acme Labs, London", "Engineer"), city("London", "GB"));
        // BUT a piece that is a place whole comes first, and a legal form is no place
        assert_eq!(place("Engineer - Acme Labs, London | Paris", "Engineer"), city("Paris", "FR"));
        assert_eq!(place("Design Engineer - Acme, Inc.", "Design Engineer"), None);
    }

    #[test]
    fn an_employer_after_at_loses_the_pay_and_places_written_after_it() {
        // GIVEN DOU's page titles: "<title> в <employer>, <pay>, <places> | DOU"
        let of = |pt: &str, jt: &str| {
            let (org, place) = decompose(pt, jt);
            (org, place.and_then(|l| l.city))
        };
        let want = |o: &str, c: Option<&str>| (Some(o.to_owned()), c.map(str::to_owned));
        // WHEN each is decomposed  THEN the employer is the name, and the place where
        assert_eq!(
            of("Chief Marketing Officer в bodo в bodo, $5000–6000, Київ | DOU", "Chief Marketing Officer в bodo"),
            want("bodo", Some("Київ"))
        );
        assert_eq!(
            of("AI Animator в Honeytech, Київ, за кордоном, віддалено | DOU", "AI Animator"),
            want("Honeytech", Some("Київ"))
        );
        assert_eq!(of("Engineer в NDA (DefTech), $2000–3000 | DOU", "Engineer"), want("NDA (DefTech)", None));
        // AND a work mode or "abroad" starts the facts, and after "at" the
        // name comes first, though the whole may read as a place
        assert_eq!(
            of("Head of L&D в Kiss My Apps, за кордоном, віддалено | DOU", "Head of L&D"),
            want("Kiss My Apps", None)
        );
        assert_eq!(
            of("System Administrator в Brave1, Київ | DOU", "System Administrator"),
            want("Brave1", Some("Київ"))
        );
        assert_eq!(
            of("Manager в Getmany, Лісабон (Португалія), віддалено | DOU", "Manager"),
            want("Getmany", Some("Лісабон"))
        );
        // BUT a name whose comma is followed by neither stays whole
        assert_eq!(of("Engineer at Smith, Jones & Co | Board", "Engineer"), want("Smith, Jones & Co", None));
    }

    #[test]
    fn a_path_of_generic_names_is_generic_and_a_trailing_colon_changes_nothing() {
        // GIVEN page titles with a colon  WHEN each is judged  THEN only generic parts make it generic
        assert!(generic_title("Praca: Oferty pracy"));
        assert!(generic_title("Careers:"), "a name with its colon");
        assert!(!generic_title("Engineer: Backend"));
        assert!(!generic_title("Careers: Backend Engineer"));
    }
}
