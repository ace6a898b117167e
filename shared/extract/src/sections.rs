//! The section headings job descriptions are written in ("Responsibilities",
//! "Om dig:", "Wir bieten", "任职要求"), by what the section holds: the
//! work, the candidate, the offer, the application.
//!
//! They tell a job posting from other pages where nothing else does. A
//! career site's own page (a static site, an old CMS) often has no
//! structured data, no ATS markup and no labelled facts: only a title and a
//! main content block. Such a page is a posting when what it shows reads
//! as a job description, which is what a reader goes by too: its lines
//! head sections of at least two kinds, one of them the work or the
//! candidate. A careers landing page ("Benefits", "How to apply") or a
//! listing (no headings) is not one. A heading is a known one whole
//! ("What you'll do"), or a short line holding a word that names a kind
//! wherever it stands ("Das sind Deine Aufgaben!").

use std::collections::HashMap;
use std::sync::LazyLock;

use super::text::fold;

/// A section on the work itself.
pub const DUTIES: u8 = 1;
/// A section on the candidate.
pub const PROFILE: u8 = 1 << 1;
/// A section on what the employer offers.
pub const OFFER: u8 = 1 << 2;
/// A section on applying.
pub const APPLY: u8 = 1 << 3;

/// Headings as pages write them; compared folded (case, accents and
/// punctuation aside, so "Om dig:" and "What you’ll do" match).
const HEADINGS: &[(u8, &[&str])] = &[
    (
        DUTIES,
        &[
            "responsibilities",
            "job responsibilities",
            "key responsibilities",
            "main responsibilities",
            "your responsibilities",
            "roles and responsibilities",
            "duties",
            "job duties",
            "duties and responsibilities",
            "what you'll do",
            "what you will do",
            "what you'll be doing",
            "what you will be doing",
            "what you'll work on",
            "what you will work on",
            "about the role",
            "the role",
            "your role",
            "about the job",
            "the job",
            "job description",
            "your tasks",
            "tasks",
            "your mission",
            "the mission",
            "a day in the life",
            "day to day",
            "vos missions",
            "votre mission",
            "missions",
            "description du poste",
            "aufgaben",
            "ihre aufgaben",
            "deine aufgaben",
            "stellenbeschreibung",
            "dine opgaver",
            "dine arbejdsopgaver",
            "arbejdsopgaver",
            "arbetsuppgifter",
            "dina arbetsuppgifter",
            "arbeidsoppgaver",
            "jouw taken",
            "taken",
            "wat ga je doen",
            "responsabilidades",
            "funciones",
            "tus funciones",
            "mansioni",
            "responsabilità",
            "岗位职责",
            "工作职责",
            "职位描述",
            "工作内容",
            "仕事内容",
            "業務内容",
            "담당업무",
            "주요업무",
            "náplň práce",
            "pracovní náplň",
            "náplň pozice",
            "popis pozice",
            "o pozici",
            "co vás čeká",
            "co tě čeká",
            "jaká práce vás čeká",
            "co budete dělat",
            "co budeš dělat",
            "co tě na této pozici čeká",
            "co vás na této pozici čeká",
            "klíčové odpovědnosti",
            "vaše odpovědnosti",
            "popis pracovnej pozície",
            "čo vás čaká",
            "zakres obowiązków",
            "obowiązki",
            "twoje zadania",
            "opis stanowiska",
            "czym będziesz się zajmować",
            "обов'язки",
            "ваші обов'язки",
            "основні задачі",
            "задачі",
            "що потрібно робити",
            "що потрібно буде робити",
            "що треба буде робити",
            "що ти будеш робити",
            "чим ти будеш займатися",
            "твої задачі",
            "ваші задачі",
            "твої обов'язки",
            "завдання",
            "чем предстоит заниматься",
            "твои задачи",
            "ваши задачи",
            "обязанности",
            "задачи",
            "что нужно делать",
        ],
    ),
    (
        PROFILE,
        &[
            "requirements",
            "job requirements",
            "minimum requirements",
            "key requirements",
            "qualifications",
            "basic qualifications",
            "minimum qualifications",
            "required qualifications",
            "preferred qualifications",
            "desired qualifications",
            "advanced (preferred) qualifications",
            "requirements and qualifications",
            "skills",
            "required skills",
            "skills and experience",
            "experience",
            "what we're looking for",
            "what we are looking for",
            "who we're looking for",
            "who you are",
            "about you",
            "your profile",
            "profile",
            "the ideal candidate",
            "ideal candidate",
            "what you bring",
            "what you'll bring",
            "what you need",
            "must have",
            "must haves",
            "nice to have",
            "nice to haves",
            "bonus points",
            "om dig",
            "din profil",
            "vi forventer",
            "kvalifikationer",
            "profil",
            "ihr profil",
            "dein profil",
            "das bringst du mit",
            "was du mitbringst",
            "was sie mitbringen",
            "was wir von dir erwarten",
            "was wir von ihnen erwarten",
            "was wir erwarten",
            "das erwarten wir",
            "anforderungen",
            "votre profil",
            "profil recherché",
            "le profil recherché",
            "compétences",
            "requisitos",
            "perfil",
            "requisiti",
            "jouw profiel",
            "profiel",
            "wat vragen wij",
            "任职要求",
            "岗位要求",
            "任职资格",
            "职位要求",
            "応募資格",
            "必須スキル",
            "자격요건",
            "우대사항",
            "požadujeme",
            "požadavky",
            "co od vás očekáváme",
            "co očekáváme",
            "co od vás potřebujeme",
            "koho hledáme",
            "jak si tě představujeme",
            "jak si vás představujeme",
            "znalosti a dovednosti",
            "požadovaná praxe",
            "hledáme právě vás, pokud",
            "požiadavky na zamestnanca",
            "wymagania",
            "nasze wymagania",
            "oczekujemy",
            "czego oczekujemy",
            "kogo szukamy",
            "вимоги",
            "наші очікування",
            "ми очікуємо",
            "що ми очікуємо",
            "що важливо",
            "що для нас важливо",
            "наші вимоги",
            "кого ми шукаємо",
            "про тебе",
            "что важно",
            "что для нас важно",
            "мы ждем",
            "мы ждём",
            "кого мы ищем",
            "требования",
            "мы ожидаем",
        ],
    ),
    (
        OFFER,
        &[
            "benefits",
            "perks",
            "perks and benefits",
            "benefits and perks",
            "perks and advantages",
            "what we offer",
            "we offer",
            "what we can offer",
            "what we can offer you",
            "why join us",
            "why us",
            "compensation",
            "compensation and benefits",
            "salary and benefits",
            "vi tilbyder",
            "vi kan tilbyde",
            "for den rette person kan vi tilbyde",
            "vi erbjuder",
            "vi tilbyr",
            "wir bieten",
            "was wir bieten",
            "das bieten wir",
            "unser angebot",
            "nous offrons",
            "ce que nous offrons",
            "ce que nous proposons",
            "avantages",
            "ofrecemos",
            "qué ofrecemos",
            "beneficios",
            "offriamo",
            "wat bieden wij",
            "wij bieden",
            "福利待遇",
            "福利厚生",
            "待遇・福利厚生",
            "복지",
            "nabízíme",
            "co nabízíme",
            "co vám nabízíme",
            "co vám nabídneme",
            "benefity",
            "ponúkame",
            "čo ponúkame",
            "oferujemy",
            "co oferujemy",
            "ми пропонуємо",
            "пропонуємо",
            "що ми пропонуємо",
            "що ти отримаєш",
            "що ми даємо",
            "что мы предлагаем",
            "мы предлагаем",
            "условия",
        ],
    ),
    (
        APPLY,
        &[
            "how to apply",
            "to apply",
            "application",
            "application process",
            "interview process",
            "hiring process",
            "our hiring process",
            "recruitment process",
            "ansøgning",
            "bewerbung",
            "candidature",
            "processus de recrutement",
            "proceso de selección",
            "sollicitatie",
            "選考プロセス",
            "전형절차",
        ],
    ),
];

static FOLDED: LazyLock<HashMap<String, u8>> = LazyLock::new(|| {
    let mut m = HashMap::new();
    for (kind, headings) in HEADINGS {
        for h in *headings {
            *m.entry(fold(h)).or_insert(0) |= kind;
        }
    }
    m
});

/// Words that name a section's kind wherever they stand in a short
/// heading ("Das sind Deine Aufgaben!", "Key Requirements & Skills"): they
/// are hardly used for anything else in a heading. Written as pages write
/// them, and compared folded, as [`HEADINGS`] are.
const HEADING_WORDS: &[(&str, u8)] = &[
    ("responsibilities", DUTIES),
    ("duties", DUTIES),
    ("aufgaben", DUTIES),
    ("aufgabengebiet", DUTIES),
    ("opgaver", DUTIES),
    ("arbetsuppgifter", DUTIES),
    ("responsabilidades", DUTIES),
    ("mansioni", DUTIES),
    ("requirements", PROFILE),
    ("qualifications", PROFILE),
    ("anforderungen", PROFILE),
    ("qualifikationen", PROFILE),
    ("kvalifikationer", PROFILE),
    ("requisitos", PROFILE),
    ("requisiti", PROFILE),
    ("benefits", OFFER),
    ("perks", OFFER),
    ("náplň", DUTIES),
    ("odpovědnosti", DUTIES),
    ("obowiązki", DUTIES),
    ("обязанности", DUTIES),
    ("požadavky", PROFILE),
    ("představujeme", PROFILE),
    ("požiadavky", PROFILE),
    ("wymagania", PROFILE),
    ("вимоги", PROFILE),
    ("требования", PROFILE),
    ("benefity", OFFER),
];

static FOLDED_WORDS: LazyLock<HashMap<String, u8>> =
    LazyLock::new(|| HEADING_WORDS.iter().map(|(w, k)| (fold(w), *k)).collect());

/// The kind of section a line heads: a known heading, with a colon or
/// without, or a short one (up to six words) holding a heading word.
fn kind(line: &str) -> u8 {
    if line.len() > 80 {
        return 0;
    }
    let f = fold(line);
    if let Some(&k) = FOLDED.get(f.as_str()) {
        return k;
    }
    if f.split(' ').count() > 6 {
        return 0;
    }
    f.split(' ').filter_map(|w| FOLDED_WORDS.get(w)).fold(0, |k, h| k | h)
}

/// The kinds of section these lines head.
pub fn kinds<'a>(lines: impl IntoIterator<Item = &'a str>) -> u8 {
    lines.into_iter().fold(0, |k, l| k | kind(l))
}

/// Whether lines read as a job description: they head sections of two
/// kinds or more, one of them the work or the candidate.
pub fn reads_as_job_description<'a>(lines: impl IntoIterator<Item = &'a str>) -> bool {
    let k = kinds(lines);
    k & (DUTIES | PROFILE) != 0 && k.count_ones() >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headed_work_and_candidate_sections_read_as_a_job_description() {
        // GIVEN descriptions headed as career sites head them, in seven languages, and two Czech and two Ukrainian styles
        let en = "We are hiring.\nWhat you’ll do\nBuild things.\nBasic qualifications\nPython.";
        let da = "Om os.\nDine opgaver:\nSupport.\nOm dig:\nDu er glad.";
        let zh = "公司介绍\n岗位职责：\n开发。\n任职要求：\n本科。";
        let de = "Das sind Deine Aufgaben!\nDu baust.\nWas wir von Dir erwarten?\nNeugier.";
        let cs = "O nás\nNáplň práce:\nVývoj.\nHledáme právě Vás, pokud:\nUmíte Python.\nCo nabízíme:\nStravenky.";
        let cs_asked =
            "Naše vize\nCo Tě na této pozici čeká?\nVývoj.\nJak si Tě představujeme?\nKomunikativnost.\nBenefity";
        let pl = "Twoje zadania\nRozwój.\nNasze wymagania:\nJava.";
        let uk = "Основні задачі\nРозробка.\nВимоги:\nPython.";
        let uk_asked = "Що потрібно буде робити\nШукати партнерів.\nЩо важливо\nSaaS.";
        // WHEN they are read THEN each is a job description
        for t in [en, da, zh, de, cs, cs_asked, pl, uk, uk_asked] {
            assert!(reads_as_job_description(t.lines()), "{t}");
        }
    }

    #[test]
    fn a_careers_page_of_benefits_and_a_listing_are_no_job_description() {
        // GIVEN a careers landing page (offer and application only), a
        // listing with no headings, and a sentence that starts like one
        let landing = "Join us\nBenefits\nHealth care.\nHow to apply\nSee our openings.";
        let listing = "Backend Engineer\nBerlin\nFrontend Engineer\nRemote";
        let prose = "Responsibilities include the care of our customers and the upkeep of our tools\nBenefits";
        // WHEN they are read THEN none is a job description
        for t in [landing, listing, prose] {
            assert!(!reads_as_job_description(t.lines()), "{t}");
        }
    }
}
