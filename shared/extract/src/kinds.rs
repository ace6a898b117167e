//! Employment type and workplace type: the words pages use, mapped to our
//! small vocabularies.

use super::text::fold;

/// Employment types we store.
pub const EMPLOYMENT: &[&str] = &["full-time", "part-time", "contract", "temporary", "intern", "other"];

/// The employment type a word or phrase names, if it names one
/// ("FULL_TIME", "Full time", "Full-Time | Remote", "Vollzeit", "全职").
pub fn employment(s: &str) -> Option<&'static str> {
    let f = fold(&s.replace(['_', '-'], " "));
    let padded = format!(" {f} ");
    let has = |w: &str| padded.contains(&format!(" {w} "));
    // Earliest mention wins ("Full-Time | Remote", "Contract to hire").
    let table: &[(&str, &str)] = &[
        ("full time", "full-time"),
        ("fulltime", "full-time"),
        ("vollzeit", "full-time"),
        ("temps plein", "full-time"),
        ("tiempo completo", "full-time"),
        ("cdi", "full-time"),
        ("permanent", "full-time"),
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
        ("volunteer", "other"),
        ("per diem", "other"),
        ("other", "other"),
    ];
    let mut best: Option<(usize, &'static str)> = None;
    for (w, kind) in table {
        if has(w)
            && let Some(pos) = padded.find(&format!(" {w} "))
            && best.is_none_or(|(p, k)| pos < p && k != "intern")
        {
            best = Some((pos, kind));
        }
        // "Vollzeit, Praktikum": a full-time internship is an internship.
        if *kind == "intern" && has(w) {
            best = Some((0, kind));
        }
    }
    if let Some((_, k)) = best {
        return Some(k);
    }
    // Chinese, Japanese, Korean: no spaces between words; the earliest
    // mention wins ("アルバイト・パート 正社員登用あり" is part-time with a
    // path to a permanent post).
    let cjk: &[(&str, &str)] = &[
        ("全职", "full-time"),
        ("兼职", "part-time"),
        ("实习", "intern"),
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
    cjk.iter().filter_map(|(w, kind)| s.find(w).map(|at| (at, *kind))).min_by_key(|(at, _)| *at).map(|(_, k)| k)
}

/// Normalises an employment type given by a field that is known to hold
/// one: unrecognised values become `other`.
pub fn employment_field(s: &str) -> Option<String> {
    if s.trim().is_empty() {
        return None;
    }
    Some(employment(s).unwrap_or("other").to_owned())
}

/// The workplace type a phrase names: `remote`, `hybrid` or `onsite`.
pub fn workplace(s: &str) -> Option<&'static str> {
    let f = fold(s);
    let padded = format!(" {f} ");
    let has = |w: &str| padded.contains(&format!(" {w} "));
    if has("hybrid") || has("hybride") || has("hibrido") || has("ibrido") {
        Some("hybrid")
    } else if has("remote")
        || has("remotely")
        || has("telecommute")
        || has("work from home")
        || has("fully remote")
        || has("home office")
        || has("homeoffice")
        || has("teletravail")
        || has("teletrabajo")
        || has("remoto")
        || has("da remoto")
        || has("thuiswerken")
        || has("远程")
    {
        Some("remote")
    } else if has("on site")
        || has("onsite")
        || has("in office")
        || has("office based")
        || has("presencial")
        || has("presenziale")
        || has("sur site")
        || has("vor ort")
    {
        Some("onsite")
    } else {
        None
    }
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
    fn japanese_and_korean_employment_words_map_to_our_types() {
        assert_eq!(employment("正社員"), Some("full-time"));
        assert_eq!(employment("契約社員"), Some("contract"));
        assert_eq!(employment("派遣社員"), Some("temporary"));
        // part-time with a path to a permanent post is part-time
        assert_eq!(employment("アルバイト・パート（正社員登用あり）"), Some("part-time"));
        assert_eq!(employment("정규직"), Some("full-time"));
        assert_eq!(employment("계약직 (인턴)"), Some("contract"));
        assert_eq!(employment("아르바이트"), Some("part-time"));
    }

    #[test]
    fn workplace_words() {
        assert_eq!(workplace("Hybrid"), Some("hybrid"));
        assert_eq!(workplace("On-site"), Some("onsite"));
        assert_eq!(workplace("Remote, Canada"), Some("remote"));
        assert_eq!(workplace("Stockholm"), None);
    }
}
