//! Employment type and workplace type: the words pages use, mapped to our
//! small vocabularies.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::text::{Phrases, ends_with_ci, find_ci, fold, starts_with_ci};

/// Employment types we store.
pub const EMPLOYMENT: &[&str] = &["full-time", "part-time", "contract", "temporary", "intern", "other"];

/// Employment words and phrases (folded) and the type each names.
const EMPLOYMENT_WORDS: &[(&str, &str)] = &[
    ("full time", "full-time"),
    ("fulltime", "full-time"),
    ("vollzeit", "full-time"),
    ("temps plein", "full-time"),
    ("tiempo completo", "full-time"),
    ("cdi", "full-time"),
    ("permanent", "full-time"),
    // Staffing agencies' permanent placement, as against a contract.
    ("direct hire", "full-time"),
    ("direct placement", "full-time"),
    ("part time", "part-time"),
    ("parttime", "part-time"),
    ("teilzeit", "part-time"),
    ("temps partiel", "part-time"),
    ("tiempo parcial", "part-time"),
    ("contract", "contract"),
    ("contractor", "contract"),
    ("freelance", "contract"),
    ("temporary", "temporary"),
    ("temp", "temporary"),
    ("fixed term", "temporary"),
    ("cdd", "temporary"),
    ("contrat a duree determinee", "temporary"),
    ("contrat a duree indeterminee", "full-time"),
    ("befristet", "temporary"),
    ("seasonal", "temporary"),
    ("intern", "intern"),
    ("internship", "intern"),
    ("praktikum", "intern"),
    ("stage", "intern"),
    ("apprenticeship", "intern"),
    ("werkstudent", "intern"),
    // Italian, Spanish, Portuguese, Dutch, more German and French: as
    // phrases where a lone word is also an English word or a company
    // name ("Integral Ad Science", "Temporal").
    // "Voll- oder Teilzeit": open to full-time work.
    ("voll oder teilzeit", "full-time"),
    ("voll und teilzeit", "full-time"),
    ("tempo pieno", "full-time"),
    ("tempo indeterminato", "full-time"),
    ("jornada completa", "full-time"),
    ("contrato indefinido", "full-time"),
    ("tempo integral", "full-time"),
    ("voltijd", "full-time"),
    ("festanstellung", "full-time"),
    ("unbefristet", "full-time"),
    ("temps complet", "full-time"),
    ("media jornada", "part-time"),
    ("jornada parcial", "part-time"),
    ("meio periodo", "part-time"),
    ("tempo parziale", "part-time"),
    ("deeltijd", "part-time"),
    ("minijob", "part-time"),
    ("freiberuflich", "contract"),
    ("tempo determinato", "temporary"),
    ("contrato temporal", "temporary"),
    ("temporario", "temporary"),
    ("tijdelijk", "temporary"),
    ("interim", "temporary"),
    ("tirocinio", "intern"),
    ("practicas", "intern"),
    ("becario", "intern"),
    ("estagio", "intern"),
    ("alternance", "intern"),
    ("ausbildung", "intern"),
    // Slovak, Czech, Polish and Scandinavian, folded ("živnosť" is
    // work on a trade licence: a contractor's).
    ("plny uvazok", "full-time"),
    ("plny uvazek", "full-time"),
    ("skrateny uvazok", "part-time"),
    ("zkraceny uvazek", "part-time"),
    ("zivnost", "contract"),
    ("zivnostensky list", "contract"),
    ("brigada", "temporary"),
    ("pelny etat", "full-time"),
    ("niepelny etat", "part-time"),
    ("umowa zlecenie", "contract"),
    ("umowa o dzielo", "contract"),
    ("staz", "intern"),
    ("praktyki", "intern"),
    ("heltid", "full-time"),
    // Hungarian: "Teljes munkaidő", "Részmunkaidő", "Gyakornok",
    // "Határozott idejű" (fixed-term).
    ("teljes munkaido", "full-time"),
    ("reszmunkaido", "part-time"),
    ("gyakornok", "intern"),
    ("gyakornoki", "intern"),
    ("hatarozott ideju", "temporary"),
    ("deltid", "part-time"),
    ("vikariat", "temporary"),
    ("volunteer", "other"),
    ("per diem", "other"),
    ("other", "other"),
];

static EMPLOYMENT_PHRASES: LazyLock<Phrases<&str>> = LazyLock::new(|| Phrases::new(EMPLOYMENT_WORDS));

/// The employment type a word or phrase names, if it names one
/// ("FULL_TIME", "Full time", "Full-Time | Remote", "Vollzeit", "全职").
pub fn employment(s: &str) -> Option<&'static str> {
    // Earliest mention wins ("Full-Time | Remote", "Contract to hire"); an
    // internship whatever its hours ("Vollzeit, Praktikum").
    let found = EMPLOYMENT_PHRASES.find_in(&s.replace(['_', '-'], " "));
    if let Some((_, k)) = found.iter().min_by_key(|(at, kind)| (*kind != "intern", *at)) {
        return Some(k);
    }
    if s.is_ascii() {
        return None;
    }
    // Chinese, Japanese, Korean: no spaces between words; the earliest
    // mention wins ("アルバイト・パート 正社員登用あり" is part-time with a
    // path to a permanent post).
    let cjk: &[(&str, &str)] = &[
        ("全职", "full-time"),
        ("全職", "full-time"),
        ("正職", "full-time"),
        ("兼职", "part-time"),
        ("兼職", "part-time"),
        ("实习", "intern"),
        ("實習", "intern"),
        ("派遣", "temporary"),
        ("正社員", "full-time"),
        ("契約社員", "contract"),
        ("業務委託", "contract"),
        ("アルバイト", "part-time"),
        ("パート", "part-time"),
        ("インターン", "intern"),
        ("정규직", "full-time"),
        ("계약직", "contract"),
        ("파견", "temporary"),
        ("아르바이트", "part-time"),
        ("인턴", "intern"),
    ];
    let found = cjk.iter().filter_map(|(w, kind)| s.find(w).map(|at| (at, *kind)));
    // As above, an internship whatever else is said.
    found.min_by_key(|(at, kind)| (*kind != "intern", *at)).map(|(_, k)| k)
}

/// Whether a job title names an internship ("R&D Intern - 2027",
/// "Praktikant Marketing (m/w/d)", "实习生"): whole words only, so "Internal
/// Auditor" and "International Sales" are not.
pub fn names_internship(title: &str) -> bool {
    const WORDS: &[&str] = &[
        "intern",
        "interns",
        "internship",
        "internships",
        "praktikant",
        "praktikantin",
        "praktikum",
        "werkstudent",
        "werkstudentin",
        "stagiaire",
        "stagiair",
        "becario",
        "becaria",
        "tirocinante",
        "tirocinio",
        "estagiario",
        "estagiaria",
        // Apprenticeships (India's CA articleship too): training posts, as
        // an internship is, whatever their hours.
        "apprentice",
        "apprentices",
        "apprenticeship",
        "articleship",
    ];
    // German compounds: "Pharmaziepraktikant", "Marketingpraktikum".
    const SUFFIXES: &[&str] = &["praktikant", "praktikantin", "praktikum"];
    fold(title).split(' ').any(|w| WORDS.contains(&w) || SUFFIXES.iter().any(|s| w.ends_with(s)))
        || ["实习", "インターン", "인턴"].iter().any(|w| title.contains(w))
}

/// The type and workplace words a description may state of the job.
static STATED_WORDS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build([
            "full-time",
            "full time",
            "part-time",
            "part time",
            "contract",
            "temporary",
            "fixed-term",
            "fixed term",
            "remote",
            "hybrid",
            "onsite",
            "on-site",
            "on site",
            "in office",
            "in the office",
            "in-office",
            "modalidad híbrida",
            "modalidad hibrida",
        ])
        .expect("stated words")
});

/// Whether a description may say "hybrid" in a way [`stated_in`] reads:
/// the only workplace that refines a structured `remote`. A cheap test
/// before the statement scan, for jobs whose workplace is already remote.
pub fn may_state_hybrid(description: &str) -> bool {
    find_ci(description, "hybrid").is_some() || find_ci(description, "híbrida").is_some()
}

/// What may follow "hybrid" when a description names the employer's way of
/// working rather than the job's other traits ("a hybrid cloud"): "We use a
/// hybrid work model", "a location-based hybrid policy", "hybrid
/// flexibility".
const HYBRID_POLICY: &[&str] =
    &[" work", " working", " policy", " model", " schedule", " arrangement", " flexibility", " setup", " set-up"];

/// Whether the word at `m` names a way of working without a sentence
/// around it: LinkedIn's hashtags ("#LI-Hybrid", "#LI-Remote",
/// "#LI-Onsite", which recruiters add for LinkedIn to file the job), a
/// hybrid policy, and Spanish boards' "Modalidad híbrida".
fn names_policy(text: &str, m: &aho_corasick::Match) -> bool {
    let before = &text[..m.start()];
    let tag = ends_with_ci(before, "#LI-");
    let word = &text[m.start()..m.end()];
    let after = &text[m.end()..];
    let policy = word.eq_ignore_ascii_case("hybrid")
        && HYBRID_POLICY
            .iter()
            .any(|p| starts_with_ci(after, p) && !after.as_bytes().get(p.len()).is_some_and(u8::is_ascii_alphanumeric));
    let modalidad = word.get(..9).is_some_and(|w| w.eq_ignore_ascii_case("modalidad"));
    // "Medusa is a 100% remote organization", "a fully remote team", "a
    // remote-first company": an employer that works remotely.
    const REMOTE_EMPLOYER: &[&str] = &[" company", " organization", " organisation", " team", " startup", "-first"];
    let remote_employer = word.eq_ignore_ascii_case("remote")
        && (ends_with_ci(before, "100% ") || ends_with_ci(before, "fully ") || after.starts_with("-first"))
        && REMOTE_EMPLOYER.iter().any(|p| starts_with_ci(after, p));
    tag || policy || modalidad || remote_employer
}

/// "Onsite Tuesday, Wednesday, and Thursday" (Roblox), "in the office 3
/// days a week": at the office part of the week, which is hybrid work.
/// Only two to four weekdays listed, or one to four days a week; "onsite
/// Monday through Friday" is the whole week.
static PART_WEEK: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(
        r"(?i)^\s+(?:on\s+)?(?:(?:[1-4]|one|two|three|four)(?:\s*[-–]\s*[1-4])?\s+days?\s+(?:a|per|each|every)\s+week|(?:mon|tues|wednes|thurs|fri)days?(?:,?\s+(?:and\s+|&\s+)?(?:mon|tues|wednes|thurs|fri)days?\b){1,3})",
    )
    .expect("a valid regex")
});

/// "Three days a week in the office", "2 days per week onsite": the part
/// of the week said before the office word.
static PART_WEEK_BEFORE: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(
        r"(?i)\b(?:[1-4]|one|two|three|four)(?:\s*[-–]\s*[1-4])?\s+days?(?:\s+(?:a|per|each|every)\s+week)?$",
    )
    .expect("a valid regex")
});

/// Whether a stated word says at the office: of [`STATED_WORDS`], only
/// "onsite", "on-site", "on site", "in office", "in the office" and
/// "in-office" start with an "o" or an "i".
fn office_word(w: &str) -> bool {
    matches!(w.as_bytes().first().map(u8::to_ascii_lowercase), Some(b'o' | b'i'))
}

/// Whether the text around an office word (`before` it, and `after` it,
/// of which only the first bytes are read) says part of the week. The
/// patterns run only where a week's word ends the text before, or a digit,
/// a number's word or a weekday may start the text after.
fn part_week(before: &str, after: &str) -> bool {
    let before = before.trim_end();
    let said_before =
        ["week", "days", "day"].iter().any(|w| ends_with_ci(before, w)) && PART_WEEK_BEFORE.is_match(before);
    said_before || {
        let mut end = after.len().min(64);
        while !after.is_char_boundary(end) {
            end -= 1;
        }
        PART_WEEK.is_match(&after[..end])
    }
}

/// What must come just before such a word for the sentence to state it of
/// the job: "This is a", "The role is fully", "This position is a". Only
/// this narrow shape counts (the subject is the job, the verb is "is", no
/// negation can sit between them), since descriptions also speak of other
/// people's work ("our part-time support staff", "not a remote role").
static STATED_LEAD: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(
        r"(?i)\b(?:this|the)\s+(?:(?:position|role|job|opportunity|vacancy)\s+)?is\s+(?:an?\s+)?(?:fully\s+|100%\s+)?$",
    )
    .expect("a valid regex")
});

/// The employment type and workplace a description states of the job
/// ("This is a full-time position", "The role is fully remote"); the first
/// statement of each wins. The words are found first (one SIMD pass), and
/// only the few bytes before each are matched against `STATED_LEAD`.
/// Where no sentence states the workplace, a tag or policy that names it
/// does (see `names_policy`).
pub fn stated_in(description: &str) -> (Option<&'static str>, Option<&'static str>) {
    let (mut et, mut wp, mut policy) = (None, None, None);
    let b = description.as_bytes();
    // Where the last stated word ended: "This is a remote, full-time
    // position" states both.
    let mut stated_to = None;
    for m in STATED_WORDS.find_iter(description).take(256) {
        if b.get(m.end()).is_some_and(u8::is_ascii_alphanumeric) {
            continue;
        }
        let mut from = m.start().saturating_sub(48);
        while !description.is_char_boundary(from) {
            from += 1;
        }
        let chained = stated_to
            .and_then(|to| description.get(to..m.start()))
            .is_some_and(|gap| matches!(gap, ", " | " and " | ", and " | " & " | " / "));
        if !chained && !STATED_LEAD.is_match(&description[from..m.start()]) {
            if policy.is_none() && names_policy(description, &m) {
                policy = workplace(&description[m.start()..m.end()]);
            } else if policy.is_none()
                && office_word(&description[m.start()..m.end()])
                && part_week(&description[from..m.start()], &description[m.end()..])
            {
                policy = Some("hybrid");
            }
            continue;
        }
        stated_to = Some(m.end());
        let word = &description[m.start()..m.end()];
        match employment(word) {
            Some(k) => {
                et.get_or_insert(k);
            }
            None => {
                if let Some(w) = workplace(word) {
                    wp.get_or_insert(w);
                }
            }
        }
        if et.is_some() && wp.is_some() {
            break;
        }
    }
    (et, wp.or(policy))
}

/// The employment type of a value that is only the type ("Temporal",
/// "Indefinido"): words that name a type only when they stand alone, as in
/// a field or a block classed as the type, and not in text ("Temporal" is
/// also a company).
pub fn employment_value(s: &str) -> Option<&'static str> {
    employment(s).or_else(|| match fold(s.trim()).as_str() {
        "temporal" | "eventual" | "plazo fijo" | "temporaire" => Some("temporary"),
        "indefinido" | "permanente" | "completa" => Some("full-time"),
        "parcial" => Some("part-time"),
        _ => None,
    })
}

/// Normalises an employment type given by a field that is known to hold
/// one: unrecognised values become `other`.
pub fn employment_field(s: &str) -> Option<String> {
    if s.trim().is_empty() {
        return None;
    }
    Some(employment_value(s).unwrap_or("other").to_owned())
}

/// Workplace words and phrases (folded) and the mode each names.
const WORKPLACE_WORDS: &[(&str, &str)] = &[
    ("hybrid", "hybrid"),
    ("hybride", "hybrid"),
    ("hibrido", "hybrid"),
    ("ibrido", "hybrid"),
    ("remote", "remote"),
    ("remotely", "remote"),
    ("telecommute", "remote"),
    ("work from home", "remote"),
    ("fully remote", "remote"),
    ("home office", "remote"),
    ("homeoffice", "remote"),
    ("teletravail", "remote"),
    ("teletrabajo", "remote"),
    ("remoto", "remote"),
    ("da remoto", "remote"),
    ("thuiswerken", "remote"),
    ("远程", "remote"),
    ("on site", "onsite"),
    ("onsite", "onsite"),
    ("in office", "onsite"),
    ("office based", "onsite"),
    ("presencial", "onsite"),
    ("presenziale", "onsite"),
    // Feminine forms ("Modalidad: Híbrida") and the words of more of
    // Europe's boards.
    ("hibrida", "hybrid"),
    ("ibrida", "hybrid"),
    ("hybrydowa", "hybrid"),
    ("hybrydowo", "hybrid"),
    ("hybridni", "hybrid"),
    ("hybridi", "hybrid"),
    ("hibrit", "hybrid"),
    ("hibrid", "hybrid"),
    ("tavmunka", "remote"),
    ("віддалено", "remote"),
    ("віддалена робота", "remote"),
    ("удаленно", "remote"),
    ("удалённо", "remote"),
    ("удаленная работа", "remote"),
    ("удалённая работа", "remote"),
    ("remota", "remote"),
    ("teletrabalho", "remote"),
    ("praca zdalna", "remote"),
    ("zdalnie", "remote"),
    ("prace z domova", "remote"),
    ("pa distans", "remote"),
    ("hjemmekontor", "remote"),
    ("etatyo", "remote"),
    ("uzaktan", "remote"),
    ("stacjonarnie", "onsite"),
    ("stacjonarna", "onsite"),
    ("zdalna", "remote"),
    ("praca stacjonarna", "onsite"),
    ("sur site", "onsite"),
    ("vor ort", "onsite"),
    // Japanese, Korean, Chinese.
    ("ハイブリッド", "hybrid"),
    ("リモート", "remote"),
    ("フルリモート", "remote"),
    ("リモートワーク", "remote"),
    ("在宅勤務", "remote"),
    ("하이브리드", "hybrid"),
    ("재택근무", "remote"),
    ("원격근무", "remote"),
    ("远程办公", "remote"),
    ("混合办公", "hybrid"),
];

static WORKPLACE_PHRASES: LazyLock<Phrases<&str>> = LazyLock::new(|| Phrases::new(WORKPLACE_WORDS));

/// Whether text, already folded ([`fold`]), is one of the workplace words
/// and nothing else.
pub fn is_workplace_word(folded: &str) -> bool {
    WORKPLACE_WORDS.iter().any(|(w, _)| *w == folded)
}

/// A yes or no written as a field's whole value ("No", "Oui", "Nein").
pub fn answer(s: &str) -> Option<bool> {
    let w = s.trim().trim_end_matches(['.', '!']).to_lowercase();
    match w.as_str() {
        "yes" | "oui" | "ja" | "sí" | "si" | "sim" | "true" => Some(true),
        "no" | "non" | "nein" | "não" | "nao" | "nee" | "nej" | "nie" | "false" => Some(false),
        _ => None,
    }
}

/// The workplace type a phrase names: `remote`, `hybrid` or `onsite`. A
/// mode answered no ("Remote: No", "Remote Eligible No", "Télétravail :
/// Non") is an on-site job.
pub fn workplace(s: &str) -> Option<&'static str> {
    // "Remote, NO" and "Remote - NO" name Norway, not an answer.
    if let Some((question, last)) = s.trim_end().rsplit_once([' ', ':'])
        && answer(last) == Some(false)
        && !question.trim_end().ends_with([',', '-', '–', '(', '/', '|'])
    {
        return workplace_named(question).map(|_| "onsite");
    }
    workplace_named(s)
}

fn workplace_named(s: &str) -> Option<&'static str> {
    // The most specific mode said wins: hybrid, then remote, then onsite.
    WORKPLACE_PHRASES
        .find_in(s)
        .into_iter()
        .map(|(_, mode)| mode)
        .min_by_key(|mode| ["hybrid", "remote", "onsite"].iter().position(|m| m == mode))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn employment_words_map_to_our_types() {
        assert_eq!(employment("FULL_TIME"), Some("full-time"));
        assert_eq!(employment("Full-Time | Remote"), Some("full-time"));
        assert_eq!(employment("Full-time (Mid-Senior level)"), Some("full-time"));
        assert_eq!(employment("Internship"), Some("intern"));
        assert_eq!(employment("PART_TIME"), Some("part-time"));
        // Hungarian
        assert_eq!(employment("Teljes munkaidő"), Some("full-time"));
        assert_eq!(employment("Részmunkaidő"), Some("part-time"));
        assert_eq!(employment("CONTRACTOR"), Some("contract"));
        assert_eq!(employment("Temporary"), Some("temporary"));
        assert_eq!(employment("全职"), Some("full-time"));
        assert_eq!(employment("Engineering"), None);
        assert_eq!(employment("Tempo pieno"), Some("full-time"));
        assert_eq!(employment("Contrato indefinido, jornada completa"), Some("full-time"));
        assert_eq!(employment("Deeltijd"), Some("part-time"));
        assert_eq!(employment("Prácticas"), Some("intern"));
        assert_eq!(employment("Estágio"), Some("intern"));
        assert_eq!(employment("Tempo determinato"), Some("temporary"));
        // company names that hold such words in English are no type
        assert_eq!(employment("Integral Ad Science"), None);
        assert_eq!(employment("Temporal Technologies"), None);
        assert_eq!(employment_field("Homeoffice").as_deref(), Some("other"));
        // a German post open to full- or part-time work is a full-time post
        assert_eq!(employment("Voll- oder Teilzeit, Festanstellung"), Some("full-time"));
        // the hours of an internship do not make it a job
        assert_eq!(employment("Vollzeit, Praktikum/Werkstudium"), Some("intern"));
        assert_eq!(employment("Full-time internship"), Some("intern"));
    }

    #[test]
    fn central_european_and_scandinavian_employment_words_map_to_our_types() {
        // GIVEN the types as Slovak, Czech, Polish and Scandinavian boards write them
        // WHEN read
        // THEN each maps to ours, accents or not
        assert_eq!(employment("živnosť"), Some("contract"));
        assert_eq!(employment("Plný úväzok"), Some("full-time"));
        assert_eq!(employment("zkrácený úvazek"), Some("part-time"));
        assert_eq!(employment("Pełny etat"), Some("full-time"));
        assert_eq!(employment("umowa zlecenie"), Some("contract"));
        assert_eq!(employment("Staż"), Some("intern"));
        assert_eq!(employment("Heltid"), Some("full-time"));
        assert_eq!(employment("Deltid, vikariat"), Some("part-time"));
    }

    #[test]
    fn japanese_and_korean_employment_words_map_to_our_types() {
        assert_eq!(employment("正社員"), Some("full-time"));
        // Traditional Chinese (Taiwan, Hong Kong)
        assert_eq!(employment("正職"), Some("full-time"));
        assert_eq!(employment("兼職"), Some("part-time"));
        assert_eq!(employment("契約社員"), Some("contract"));
        assert_eq!(employment("派遣社員"), Some("temporary"));
        // part-time with a path to a permanent post is part-time
        assert_eq!(employment("アルバイト・パート（正社員登用あり）"), Some("part-time"));
        assert_eq!(employment("정규직"), Some("full-time"));
        assert_eq!(employment("계약직 (인턴)"), Some("intern"));
        assert_eq!(employment("아르바이트"), Some("part-time"));
    }

    #[test]
    fn a_title_names_an_internship_only_by_whole_words() {
        assert!(names_internship("Research and Development Intern - 2027"));
        assert!(names_internship("Praktikant Marketing (m/w/d)"));
        assert!(names_internship("Pharmaziepraktikant (m/w/d)"));
        assert!(names_internship("PNB Bank Apprentices Recruitment 2026"));
        assert!(names_internship("CA Articleship at ComplianceBridge Services"));
        assert!(names_internship("数据分析实习生"));
        assert!(!names_internship("Internal Auditor"));
        assert!(!names_internship("International Sales Manager"));
    }

    #[test]
    fn a_description_states_the_jobs_type_and_workplace_only_in_so_many_words() {
        // GIVEN the ways descriptions state it
        assert_eq!(stated_in("This is a full-time position based in Berlin."), (Some("full-time"), None));
        assert_eq!(stated_in("The role is fully remote. This is a contract role."), (Some("contract"), Some("remote")));
        assert_eq!(stated_in("This position is a hybrid role, three days in the office."), (None, Some("hybrid")));
        // THEN what is not said of the job, or is denied, does not count
        assert_eq!(stated_in("You will lead our part-time support staff."), (None, None));
        assert_eq!(stated_in("This is not a remote role."), (None, None));
        assert_eq!(stated_in("Full-time or part-time, remote or onsite: tell us."), (None, None));
        // AND a hashtag or an employer's hybrid policy names the workplace
        assert_eq!(stated_in("Apply today! #LI-Hybrid #LI-KT1"), (None, Some("hybrid")));
        // AND part of the week at the office is hybrid work, the whole week is not
        let roblox = "Roles that are based in an office are onsite Tuesday, Wednesday, and Thursday, with optional presence on Monday and Friday.";
        assert_eq!(stated_in(roblox), (None, Some("hybrid")));
        assert_eq!(stated_in("You will work 3 days a week in the office."), (None, Some("hybrid")));
        assert_eq!(stated_in("We are in-office two days per week."), (None, Some("hybrid")));
        assert_eq!(stated_in("Our team is onsite Monday through Friday."), (None, None));
        assert_eq!(stated_in("Our team is onsite 5 days a week."), (None, None));
        assert_eq!(stated_in("#li-remote"), (None, Some("remote")));
        assert_eq!(
            stated_in("Based in Tokyo. We use a hybrid work model of 3 days in the office."),
            (None, Some("hybrid"))
        );
        assert_eq!(stated_in("Location-based hybrid policy: 25% of the time in an office."), (None, Some("hybrid")));
        assert_eq!(stated_in("Qué ofrecemos: Modalidad híbrida."), (None, Some("hybrid")));
        // BUT a hybrid of other things, or a remote team, does not
        assert_eq!(stated_in("Build our hybrid cloud with a remote team."), (None, None));
        assert_eq!(stated_in("A hybrid workforce-planning tool."), (None, None));
        // AND a sentence that states it wins over a policy before it
        assert_eq!(stated_in("Our hybrid working model. This role is fully remote."), (None, Some("remote")));
        // AND words listed after a stated one are stated too
        assert_eq!(stated_in("This is a remote, full-time position."), (Some("full-time"), Some("remote")));
        assert_eq!(stated_in("This is a full-time and remote role."), (Some("full-time"), Some("remote")));
        assert_eq!(stated_in("This is a remote role, full-time staff help."), (None, Some("remote")));
        // AND an employer that works remotely names the workplace
        assert_eq!(stated_in("Medusa is a 100% remote organization."), (None, Some("remote")));
        assert_eq!(stated_in("We are a remote-first company."), (None, Some("remote")));
        assert_eq!(stated_in("We are a fully remote team across Europe."), (None, Some("remote")));
        assert_eq!(stated_in("We are a remote company too."), (None, None));
    }

    #[test]
    fn workplace_words() {
        assert_eq!(workplace("Hybrid"), Some("hybrid"));
        assert_eq!(workplace("On-site"), Some("onsite"));
        assert_eq!(workplace("Remote, Canada"), Some("remote"));
        assert_eq!(workplace("Stockholm"), None);
        // a mode answered no is an on-site job; Norway is no answer
        assert_eq!(workplace("Remote: No"), Some("onsite"));
        assert_eq!(workplace("Remote Eligible No"), Some("onsite"));
        assert_eq!(workplace("Télétravail (2j max/semaine): Non"), workplace_named("Télétravail").map(|_| "onsite"));
        assert_eq!(workplace("Remote: Yes"), Some("remote"));
        assert_eq!(workplace("Remote, NO"), Some("remote"));
        assert_eq!(workplace("Stockholm: No"), None);
        // AND the words of more of the world's boards, in any case
        assert_eq!(workplace("Hibrid • Magyarország,Pest,Budaörs"), Some("hybrid"));
        assert_eq!(workplace("Távmunka"), Some("remote"));
        assert_eq!(workplace("Тільки віддалено"), Some("remote"));
        assert_eq!(workplace("Удалённая работа"), Some("remote"));
        assert_eq!(workplace("Praca zdalna"), Some("remote"));
        assert_eq!(workplace("Modalidad: Híbrida"), Some("hybrid"));
        assert_eq!(workplace("Etätyö"), Some("remote"));
    }
}
