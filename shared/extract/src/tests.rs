//! The cascade on pages we wrote, one per shape the extractor must handle.

use chrono::{DateTime, NaiveDate, Utc};

use super::*;

fn ctx() -> Context {
    Context::new(None, DateTime::parse_from_rfc3339("2026-03-10T12:00:00Z").unwrap().with_timezone(&Utc))
}

fn x(html: &str) -> JobPosting {
    extract(html, &ctx()).expect("a posting")
}

fn ld(body: &str) -> String {
    format!(
        r#"<html><head><title>x</title><script type="application/ld+json">{body}</script></head><body><h1>x</h1></body></html>"#
    )
}

fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn places(p: &JobPosting) -> Vec<(Option<&str>, Option<&str>, Option<&str>)> {
    p.locations.iter().map(|l| (l.city.as_deref(), l.region.as_deref(), l.country.as_deref())).collect()
}

fn sal(p: &JobPosting) -> (Option<f64>, Option<f64>, Option<&str>, Option<&str>) {
    let s = p.salary.as_ref().expect("salary");
    (s.min, s.max, s.currency.as_deref(), s.interval.as_deref())
}

// ---- JSON-LD ----

#[test]
fn jsonld_complete_posting_fills_every_field_from_jsonld() {
    // GIVEN a page with a full JobPosting block and an entity-escaped description
    let html = ld(r#"{"@context":"https://schema.org","@type":"JobPosting","title":"Senior Rust Engineer",
        "hiringOrganization":{"@type":"Organization","name":"Acme Robotics"},
        "jobLocation":{"@type":"Place","address":{"@type":"PostalAddress","addressLocality":"Berlin","addressRegion":"BE","addressCountry":"DE"}},
        "employmentType":"FULL_TIME","datePosted":"2026-11-01","validThrough":"2026-12-31T23:59:59Z",
        "baseSalary":{"@type":"MonetaryAmount","currency":"eur","value":{"@type":"QuantitativeValue","minValue":70000,"maxValue":90000,"unitText":"YEAR"}},
        "description":"&lt;p&gt;Build &amp;amp; ship.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Rust&lt;/li&gt;&lt;/ul&gt;&lt;script&gt;evil()&lt;/script&gt;"}"#);
    // WHEN extracted
    let p = x(&html);
    // THEN every field comes from JSON-LD, normalised
    assert_eq!(p.title.as_deref(), Some("Senior Rust Engineer"));
    assert_eq!(p.organization.as_deref(), Some("Acme Robotics"));
    assert_eq!(places(&p), vec![(Some("Berlin"), Some("BE"), Some("DE"))]);
    assert_eq!(p.employment_type.as_deref(), Some("full-time"));
    assert_eq!(p.date_posted, day(2026, 11, 1));
    assert_eq!(p.valid_through.map(|d| d.to_rfc3339()), Some("2026-12-31T23:59:59+00:00".to_owned()));
    assert_eq!(sal(&p), (Some(70000.0), Some(90000.0), Some("EUR"), Some("year")));
    assert_eq!(p.description_text.as_deref(), Some("Build & ship.\nRust"));
    let html_desc = p.description_html.unwrap();
    assert!(html_desc.contains("<li>Rust</li>") && !html_desc.contains("script"), "{html_desc}");
    assert!(p.sources.values().all(|s| *s == "jsonld"), "{:?}", p.sources);
}

#[test]
fn a_description_escaped_twice_is_unescaped_to_its_markup_and_shown_markup_is_kept() {
    // GIVEN a description HTML-escaped twice (a Japanese board's), and one with real tags that shows a tag as text
    let twice = ld(
        r#"{"@type":"JobPosting","title":"ITエンジニア","description":"■ 仕事内容&amp;lt;br&amp;gt;アプリ設計&amp;lt;br&amp;gt;&amp;lt;br&amp;gt;■ 対象となる方"}"#,
    );
    let shown = ld(
        r#"{"@type":"JobPosting","title":"Web Developer","description":"<p>You know &amp;lt;div&amp;gt; well.</p>"}"#,
    );
    // AND one with real tags whose lines are joined by breaks escaped twice (Mynavi's)
    let mixed = ld(
        r#"{"@type":"JobPosting","title":"ITエンジニア","description":"<p>-----&amp;lt;br&amp;gt;■ ポイント&amp;lt;br /&amp;gt;-----</p><p>安定経営</p>"}"#,
    );
    // WHEN extracted
    let (twice, shown, mixed) = (x(&twice), x(&shown), x(&mixed));
    // THEN the escaped breaks are line breaks, not "&lt;br&gt;" text
    assert_eq!(twice.description_text.as_deref(), Some("■ 仕事内容\nアプリ設計\n■ 対象となる方"));
    assert!(!twice.description_html.unwrap().contains("&amp;"));
    // AND a description with tags of its own keeps the tag it shows as text, but not a break
    assert_eq!(shown.description_text.as_deref(), Some("You know &lt;div&gt; well."));
    assert_eq!(mixed.description_text.as_deref(), Some("-----\n■ ポイント\n-----\n安定経営"));
}

#[test]
fn jsonld_in_several_scripts_graphs_arrays_and_nested_objects() {
    // GIVEN postings hidden in the shapes sites use
    let several = r#"<script type="application/ld+json">{"@type":"Organization","name":"Org"}</script>
        <script type="application/ld+json">{"@type":"JobPosting","title":"Second Script"}</script>"#;
    let graph = ld(
        r#"{"@graph":[{"@type":"WebPage"},{"@type":"JobPosting","title":"In Graph","hiringOrganization":"Globex"}]}"#,
    );
    let array = ld(r#"[{"@type":"Organization"},{"@type":["JobPosting"],"title":"In Array"}]"#);
    let nested = ld(r#"{"@type":"WebPage","mainEntity":{"@type":"http://schema.org/JobPosting","title":"Nested"}}"#);
    // WHEN extracted THEN each is found; a string hiringOrganization is the name
    assert_eq!(x(several).title.as_deref(), Some("Second Script"));
    let g = x(&graph);
    assert_eq!((g.title.as_deref(), g.organization.as_deref()), (Some("In Graph"), Some("Globex")));
    assert_eq!(x(&array).title.as_deref(), Some("In Array"));
    assert_eq!(x(&nested).title.as_deref(), Some("Nested"));
}

#[test]
fn jsonld_locations_as_place_postal_address_arrays_and_telecommute() {
    // GIVEN an array of Places, one a bare PostalAddress, one with placeholder fields
    let p = x(&ld(r#"{"@type":"JobPosting","title":"T","jobLocation":[
        {"@type":"Place","address":{"@type":"PostalAddress","addressLocality":"San Francisco","addressRegion":"California","addressCountry":"United States"}},
        {"@type":"PostalAddress","addressLocality":"Hong Kong","addressRegion":"UNAVAILABLE","addressCountry":"HK"},
        {"@type":"Place","address":{"@type":"PostalAddress","addressLocality":"AMER - Canada - Quebec - Montreal - 10 Rue Duke","addressCountry":"Canada"}}]}"#));
    // THEN each is normalised to ISO codes; placeholders dropped; Workday's long locality parsed
    assert_eq!(
        places(&p),
        vec![
            (Some("San Francisco"), Some("CA"), Some("US")),
            (Some("Hong Kong"), None, Some("HK")),
            (Some("Montreal"), Some("QC"), Some("CA"))
        ]
    );
    // GIVEN a remote job with only applicant location requirements
    let r = x(&ld(r#"{"@type":"JobPosting","title":"T","jobLocationType":"TELECOMMUTE",
        "applicantLocationRequirements":[{"@type":"Country","name":"United Kingdom"},{"@type":"Country","name":"Ireland"}]}"#));
    // THEN it is remote, located where applicants may live
    assert_eq!(r.remote, "remote");
    assert_eq!(places(&r), vec![(None, None, Some("GB")), (None, None, Some("IE"))]);
    // GIVEN a job with a place and applicant requirements THEN only the place counts
    let both = x(&ld(
        r#"{"@type":"JobPosting","title":"T","jobLocation":{"address":{"addressLocality":"London","addressCountry":"GB"}},
        "applicantLocationRequirements":{"@type":"Country","name":"United Kingdom"}}"#,
    ));
    assert_eq!(places(&both), vec![(Some("London"), None, Some("GB"))]);
    // GIVEN countries by their ISO codes, one of them also a US state's ("GA":
    // Gabon, Georgia) and one our gazetteer has no name for ("AG") THEN each is a country
    let codes = x(&ld(r#"{"@type":"JobPosting","title":"T","jobLocationType":"TELECOMMUTE",
        "applicantLocationRequirements":[{"@type":"Country","name":"GA"},{"@type":"Country","name":"AG"},{"@type":"Country","name":"DE"}]}"#));
    assert_eq!(places(&codes), vec![(None, None, Some("GA")), (None, None, Some("AG")), (None, None, Some("DE"))]);
    // GIVEN a board that lists every country as the applicants' (beincrypto),
    // and shows the job's city under its title
    let every: Vec<String> =
        ["AD", "AE", "AF", "AG", "AL", "AM", "AO", "AR", "AT", "AU", "AZ", "BA", "BB", "BD", "BE", "BF", "BG", "BH"]
            .iter()
            .cycle()
            .take(198)
            .map(|c| format!(r#"{{"@type":"Country","name":"{c}"}}"#))
            .collect();
    let anywhere = format!(
        r#"<html><head><title>Sales Manager</title><script type="application/ld+json">{{"@type":"JobPosting",
        "title":"Sales Manager","jobLocationType":"TELECOMMUTE","applicantLocationRequirements":[{}]}}</script></head>
        <body><h1>Sales Manager</h1><p>Full-time</p><p>London, United Kingdom</p></body></html>"#,
        every.join(",")
    );
    // THEN the list names no place, and the page's city is the job's
    assert_eq!(places(&x(&anywhere)), vec![(Some("London"), None, Some("GB"))]);
}

#[test]
fn jsonld_salary_as_value_min_max_unit_text_and_plain_text() {
    let single = x(&ld(
        r#"{"@type":"JobPosting","title":"T","baseSalary":{"@type":"MonetaryAmount","currency":"USD","value":{"@type":"QuantitativeValue","value":380000,"unitText":"YEAR"}}}"#,
    ));
    assert_eq!(sal(&single), (Some(380000.0), Some(380000.0), Some("USD"), Some("year")));
    let flat = x(&ld(
        r#"{"@type":"JobPosting","title":"T","baseSalary":{"@type":"MonetaryAmount","currency":"GBP","value":"45.50","unitText":"HOUR"}}"#,
    ));
    assert_eq!(sal(&flat), (Some(45.5), Some(45.5), Some("GBP"), Some("hour")));
    let text = x(&ld(r#"{"@type":"JobPosting","title":"T","baseSalary":"100000","salaryCurrency":"USD"}"#));
    assert_eq!(sal(&text), (Some(100000.0), Some(100000.0), Some("USD"), Some("year")));
    let null = x(&ld(r#"{"@type":"JobPosting","title":"T","baseSalary":null}"#));
    assert!(null.salary.is_none());
}

#[test]
fn jsonld_employment_type_as_string_or_array_and_dates_in_the_wild() {
    let a = x(&ld(
        r#"{"@type":"JobPosting","title":"T","employmentType":["OTHER","PART_TIME"],"datePosted":"2026-08-06T07:39:35.941Z","validThrough":"2027-07-06"}"#,
    ));
    assert_eq!(a.employment_type.as_deref(), Some("part-time"));
    assert_eq!(a.date_posted, day(2026, 8, 6));
    assert_eq!(a.valid_through.map(|d| d.date_naive()), day(2027, 7, 6));
    let b =
        x(&ld(r#"{"@type":"JobPosting","title":"T","employmentType":"Full-time","datePosted":"2025/05/05 10:00:00"}"#));
    assert_eq!(b.employment_type.as_deref(), Some("full-time"));
    assert_eq!(b.date_posted, day(2025, 5, 5));
    let c = x(&ld(
        r#"{"@type":"JobPosting","title":"T","employmentType":"OTHER","datePosted":"2025-09-15T10:00:00+02:00"}"#,
    ));
    assert_eq!(c.employment_type.as_deref(), Some("other"));
    assert_eq!(c.date_posted, day(2025, 9, 15));
    // a post open to part- or full-time work is found as full-time
    let d = x(&ld(r#"{"@type":"JobPosting","title":"T","employmentType":["PART_TIME","FULL_TIME"]}"#));
    assert_eq!(d.employment_type.as_deref(), Some("full-time"));
    // an internship posted as "Full Time" is an internship
    let e = x(&ld(
        r#"{"@type":"JobPosting","title":"Research and Development Intern - 2027","employmentType":"Full Time"}"#,
    ));
    assert_eq!((e.employment_type.as_deref(), e.sources.get("employment_type")), (Some("intern"), Some(&"title")));
    // and a part-time job a board posts as FULL_TIME (its default) is part-time
    let f = x(&ld(r#"{"@type":"JobPosting","title":"REPONEDOR PART TIME DOMINGOS","employmentType":"FULL_TIME"}"#));
    assert_eq!((f.employment_type.as_deref(), f.sources.get("employment_type")), (Some("part-time"), Some(&"title")));
    // but a title open to either is the type it is posted as
    let g = x(&ld(r#"{"@type":"JobPosting","title":"Barista (Full-time or Part-time)","employmentType":"FULL_TIME"}"#));
    assert_eq!(g.employment_type.as_deref(), Some("full-time"));
}

#[test]
fn jsonld_salary_with_only_a_max_value_is_only_a_ceiling() {
    // GIVEN Jobvite's baseSalary: empty currency, unit and minValue
    let html = ld(r#"{"@type":"JobPosting","title":"T","baseSalary":{"@type":"MonetaryAmount","currency":"",
        "value":{"@type":"QuantitativeValue","minValue":"","maxValue":"28","unitText":""}}}"#);
    // WHEN it is extracted
    let p = x(&html);
    // THEN the figure is a maximum only, with no currency or interval made up
    assert_eq!(sal(&p), (None, Some(28.0), None, None));
}

#[test]
fn jsonld_broken_json_is_repaired() {
    // GIVEN trailing commas, a raw newline inside a string, entity-escaped quotes, a comment wrapper
    let commas = ld("{\"@type\":\"JobPosting\",\"title\":\"Line\nbreak\",\"employmentType\":[\"PART_TIME\",],}");
    let entities = ld("{&quot;@type&quot;:&quot;JobPosting&quot;,&quot;title&quot;:&quot;Sales &amp;amp; Ops&quot;}");
    let comment = ld("<!-- {\"@type\":\"JobPosting\",\"title\":\"Wrapped\"} -->");
    // THEN each still parses
    let p = x(&commas);
    assert_eq!((p.title.as_deref(), p.employment_type.as_deref()), (Some("Line break"), Some("part-time")));
    assert_eq!(x(&entities).title.as_deref(), Some("Sales & Ops"));
    assert_eq!(x(&comment).title.as_deref(), Some("Wrapped"));
}

#[test]
fn jsonld_with_js_comments_parses_and_keeps_slashes_inside_strings() {
    // GIVEN a block and line comment around a posting whose URL holds `//`
    let html = ld(
        "/* job */ {\"@type\":\"JobPosting\", // the title\n \"title\":\"Clerk\", /* x */ \"url\":\"https://e.com/jobs//1\",}",
    );
    // WHEN extracted
    let p = x(&html);
    // THEN the comments are skipped and the string is untouched
    assert_eq!(p.title.as_deref(), Some("Clerk"));
    assert_eq!(p.apply_url.as_deref(), Some("https://e.com/jobs//1"));
}

#[test]
fn jsonld_names_with_markup_keep_only_their_text() {
    // GIVEN a title and an organisation whose names carry escaped tags, and a title with a lone `<`
    let p = x(&ld(
        r#"{"@type":"JobPosting","title":"Senior &lt;b&gt;Engineer&lt;/b&gt; (m/w/d)","hiringOrganization":{"name":"A <i>B</i> GmbH"}}"#,
    ));
    let q = x(&ld(r#"{"@type":"JobPosting","title":"Engineer <3 years"}"#));
    // THEN the tags go and the text stays
    assert_eq!((p.title.as_deref(), p.organization.as_deref()), (Some("Senior Engineer (m/w/d)"), Some("A B GmbH")));
    assert_eq!(q.title.as_deref(), Some("Engineer <3 years"));
}

#[test]
fn jsonld_date_posted_is_the_day_the_page_wrote_whatever_its_offset() {
    // GIVEN midnight in UTC+2, which is still the previous day in UTC
    let p = x(&ld(
        r#"{"@type":"JobPosting","title":"T","datePosted":"2024-05-01T00:00:00+02:00","validThrough":"2024-06-01T00:30:00+02:00"}"#,
    ));
    // THEN the posting day is the one written, and the closing instant is exact
    assert_eq!(p.date_posted, day(2024, 5, 1));
    assert_eq!(p.valid_through.map(|d| d.to_rfc3339()), Some("2024-05-31T22:30:00+00:00".to_owned()));
    // AND a closing date without a time keeps the posting open through that day
    let q = x(&ld(r#"{"@type":"JobPosting","title":"T","validThrough":"2024-06-30"}"#));
    assert_eq!(q.valid_through.map(|d| d.to_rfc3339()), Some("2024-06-30T23:59:59+00:00".to_owned()));
}

#[test]
fn a_numeric_date_on_a_us_job_is_month_first() {
    // GIVEN "10/05/2026" in the JSON-LD of a job in Portland, OR, and in a
    // labelled line of a page for a job in Austin, TX
    let ld_page = ld(r#"{"@type":"JobPosting","title":"Barista","hiringOrganization":"Cafe",
        "jobLocation":{"@type":"Place","address":{"addressLocality":"Portland","addressRegion":"OR","addressCountry":"US"}},
        "datePosted":"03/02/2026","validThrough":"04/01/2026"}"#);
    let labelled = r#"<html><head><title>Barista</title></head><body><h1>Barista</h1>
        <p>Location: Austin, TX</p><p>Date posted: 03/02/2026</p></body></html>"#;
    // WHEN they are extracted (fetched 2026-03-10)
    let (p, q) = (x(&ld_page), x(labelled));
    // THEN both read 2 March, as Americans write it, and the closing date is 1 April
    assert_eq!(p.date_posted, day(2026, 3, 2));
    assert_eq!(p.valid_through.map(|t| t.date_naive()), day(2026, 4, 1));
    assert_eq!(q.date_posted, day(2026, 3, 2));
    // AND the same date on a job in Germany is 3 February
    let de = ld_page.replace(r#""addressRegion":"OR","addressCountry":"US""#, r#""addressCountry":"DE""#);
    assert_eq!(x(&de).date_posted, day(2026, 2, 3));
}

#[test]
fn jsonld_salary_amounts_given_as_text_and_ranges() {
    // GIVEN amounts written as text: with a symbol and separators, and a range in `value`
    let strings = x(&ld(
        r#"{"@type":"JobPosting","title":"T","baseSalary":{"@type":"MonetaryAmount","currency":"USD","value":{"@type":"QuantitativeValue","minValue":"$120,000","maxValue":"$150,000","unitText":"per year"}}}"#,
    ));
    let range = x(&ld(
        r#"{"@type":"JobPosting","title":"T","baseSalary":{"@type":"MonetaryAmount","currency":"USD","value":{"@type":"QuantitativeValue","value":"26-30","unitText":"HOUR"}}}"#,
    ));
    let words = x(&ld(
        r#"{"@type":"JobPosting","title":"T","baseSalary":{"@type":"MonetaryAmount","currency":"USD","value":{"@type":"QuantitativeValue","value":"Competitive"}}}"#,
    ));
    // THEN the amounts are read, and text without one gives no salary
    assert_eq!(sal(&strings), (Some(120000.0), Some(150000.0), Some("USD"), Some("year")));
    assert_eq!(sal(&range), (Some(26.0), Some(30.0), Some("USD"), Some("hour")));
    assert!(words.salary.is_none());
}

#[test]
fn jsonld_salary_currency_symbols_become_iso_codes() {
    // GIVEN currencies given as symbols or lower case, a `$` for a Canadian job,
    // a unit in enum style and a currency that is no code
    let euro = x(&ld(
        r#"{"@type":"JobPosting","title":"T","baseSalary":{"@type":"MonetaryAmount","currency":"€","value":{"@type":"QuantitativeValue","minValue":50000,"maxValue":60000,"unitText":"PER_YEAR"}}}"#,
    ));
    let lower = x(&ld(
        r#"{"@type":"JobPosting","title":"T","salaryCurrency":"gbp","baseSalary":{"@type":"MonetaryAmount","value":{"@type":"QuantitativeValue","value":30000}}}"#,
    ));
    let canada = x(&ld(
        r#"{"@type":"JobPosting","title":"T","jobLocation":{"@type":"Place","address":{"addressLocality":"Toronto","addressCountry":"CA"}},"baseSalary":{"@type":"MonetaryAmount","currency":"$","value":{"@type":"QuantitativeValue","value":90000,"unitText":"YEAR"}}}"#,
    ));
    let words = x(&ld(
        r#"{"@type":"JobPosting","title":"T","baseSalary":{"@type":"MonetaryAmount","currency":"dollars","value":{"@type":"QuantitativeValue","value":90000}}}"#,
    ));
    // THEN each is stored as ISO 4217, or not at all
    assert_eq!(sal(&euro), (Some(50000.0), Some(60000.0), Some("EUR"), Some("year")));
    assert_eq!(sal(&lower).2, Some("GBP"));
    assert_eq!(sal(&canada).2, Some("CAD"));
    assert_eq!(sal(&words), (Some(90000.0), Some(90000.0), None, None));
}

#[test]
fn jsonld_place_with_several_addresses_gives_each() {
    // GIVEN one Place whose address is an array, as some boards publish multi-city roles
    let p = x(&ld(
        r#"{"@type":"JobPosting","title":"T","jobLocation":{"@type":"Place","address":[{"@type":"PostalAddress","addressLocality":"London","addressCountry":"GB"},{"@type":"PostalAddress","addressLocality":"Dublin","addressCountry":"IE"}]}}"#,
    ));
    // THEN both are locations
    assert_eq!(places(&p), vec![(Some("London"), None, Some("GB")), (Some("Dublin"), None, Some("IE"))]);
}

#[test]
fn jsonld_references_into_the_graph_are_resolved() {
    // GIVEN a Yoast-style graph: the posting names its organisation and place by `@id`,
    // and two nodes refer to each other
    let p = x(&ld(r##"{"@context":"https://schema.org","@graph":[
        {"@type":"Organization","@id":"https://e.com/#org","name":"RefCo","parentOrganization":{"@id":"https://e.com/#loop"}},
        {"@type":"Organization","@id":"https://e.com/#loop","name":"Loop","subOrganization":{"@id":"https://e.com/#org"}},
        {"@type":"Place","@id":"#hq","address":{"@type":"PostalAddress","addressLocality":"Leeds","addressCountry":"GB"}},
        {"@type":"JobPosting","title":"Analyst","hiringOrganization":{"@id":"https://e.com/#org"},"jobLocation":[{"@id":"#hq"}]}]}"##));
    // THEN the referenced nodes give the fields, and the cycle ends
    assert_eq!(p.organization.as_deref(), Some("RefCo"));
    assert_eq!(places(&p), vec![(Some("Leeds"), None, Some("GB"))]);
}

#[test]
fn a_graph_whose_nodes_refer_to_each_other_many_times_costs_no_more_than_its_size() {
    // GIVEN two nodes that each refer to the other 300 times (copying
    // references in would grow as 300^depth), and a posting that names one
    let refs = |to: &str| (0..300).map(|i| format!(r##""r{i}":{{"@id":"#{to}"}}"##)).collect::<Vec<_>>().join(",");
    let html = ld(&format!(
        r##"{{"@graph":[{{"@id":"#a","@type":"Organization","name":"A",{}}},{{"@id":"#b","@type":"Organization","name":"B",{}}},
        {{"@type":"JobPosting","title":"T","hiringOrganization":{{"@id":"#a"}},"jobLocation":[{{"@id":"#b"}},{{"@id":"#a"}}]}}]}}"##,
        refs("b"),
        refs("a")
    ));
    // WHEN extracted
    let p = x(&html);
    // THEN it finishes with the referenced organisation
    assert_eq!(p.organization.as_deref(), Some("A"));
}

#[test]
fn the_fullest_of_several_postings_wins() {
    let html = format!(
        "{}{}",
        ld(r#"{"@type":"JobPosting","title":"Thin"}"#),
        r#"<script type="application/ld+json">{"@type":"JobPosting","title":"Full","hiringOrganization":"O","datePosted":"2026-01-01"}</script>"#
    );
    assert_eq!(x(&html).title.as_deref(), Some("Full"));
}

// ---- microdata ----

#[test]
fn microdata_job_posting_with_nested_items() {
    // GIVEN a microdata JobPosting with nested Place / PostalAddress and Organization
    let html = r#"<div itemscope itemtype="https://schema.org/JobPosting">
        <h2 itemprop="title">Software Engineer</h2>
        <span itemprop="jobLocation" itemscope itemtype="https://schema.org/Place"><span itemprop="address" itemscope itemtype="https://schema.org/PostalAddress">
          <span itemprop="addressLocality">Kirkland</span> <span itemprop="addressRegion">WA</span></span></span>
        <span itemprop="employmentType">Full-time</span>
        <span itemprop="salaryCurrency">USD</span> <span itemprop="baseSalary">100000</span>
        <meta itemprop="datePosted" content="2011-10-31">
        <p itemprop="description">We <b>build</b> tools for <span itemprop="hiringOrganization" itemscope itemtype="https://schema.org/Organization"><span itemprop="name">ABC Inc.</span></span></p>
      </div>"#;
    // WHEN extracted
    let p = x(html);
    // THEN the fields come from microdata
    assert_eq!(p.title.as_deref(), Some("Software Engineer"));
    assert_eq!(p.organization.as_deref(), Some("ABC Inc."));
    assert_eq!(places(&p), vec![(Some("Kirkland"), Some("WA"), Some("US"))]);
    assert_eq!(p.employment_type.as_deref(), Some("full-time"));
    assert_eq!(sal(&p), (Some(100000.0), Some(100000.0), Some("USD"), Some("year")));
    assert_eq!(p.date_posted, day(2011, 10, 31));
    assert!(p.description_text.as_deref().is_some_and(|t| t.contains("We build tools")));
    assert_eq!(p.sources["title"], "microdata");
}

// ---- ATS markup ----

#[test]
fn greenhouse_job_board_markup() {
    let html = r#"<html><head><title>Job Application for Backend Engineer at GitLab</title>
        <meta property="og:title" content="Backend Engineer"></head><body>
        <div class="job__title"><h1 class="section-header">Backend Engineer</h1><div class="job__location"><svg><path d="M0"/></svg>Remote, Canada</div></div>
        <div class="job__description"><p>GitLab is the DevSecOps platform. You will build features across the Rails monolith and the AI gateway, ship them safely and support them.</p></div>
        </body></html>"#;
    let p = x(html);
    assert_eq!(p.title.as_deref(), Some("Backend Engineer"));
    assert_eq!(p.organization.as_deref(), Some("GitLab"));
    assert_eq!(places(&p), vec![(None, None, Some("CA"))]);
    assert_eq!(p.remote, "remote");
    assert_eq!(p.sources["locations"], "greenhouse");
    assert!(p.description_text.as_deref().is_some_and(|t| t.starts_with("GitLab is")));
}

#[test]
fn greenhouse_classic_board_gives_its_whole_content_and_its_pay_range() {
    // GIVEN a boards.greenhouse.io page: header facts, the posting in
    // #app_body #content, and a pay-transparency block inside it
    let html = r#"<html><head><title>Job Application for Senior Backend Engineer at Acme</title></head><body>
        <div id="app_body"><div id="header"><h1 class="app-title">Senior Backend Engineer</h1>
        <span class="company-name">at Acme</span><div class="location">New York, NY</div></div>
        <div id="content"><p>We are looking for a senior backend engineer to build our payments platform with Go
        and Postgres, and to own services from design to on-call.</p>
        <div class="content-pay-transparency"><div class="pay-input"><div class="title">New York Pay Range</div>
        <div class="pay-range"><span>$180,000</span><span class="divider">&mdash;</span><span>$220,000 USD</span></div></div></div>
        <div class="content-conclusion"><p>Acme is an equal opportunity employer.</p></div></div>
        <div id="application"><form><label>First Name</label><input name="first_name"></form></div></div></body></html>"#;
    // WHEN it is extracted
    let p = x(html);
    // THEN the facts come from the header, the description is the whole content
    assert_eq!((p.title.as_deref(), p.organization.as_deref()), (Some("Senior Backend Engineer"), Some("Acme")));
    assert_eq!(places(&p), vec![(Some("New York"), Some("NY"), Some("US"))]);
    let text = p.description_text.as_deref().expect("a description");
    assert!(text.starts_with("We are looking") && text.contains("equal opportunity"), "{text}");
    assert!(!text.contains("First Name"), "{text}");
    assert_eq!(p.sources["description_text"], "greenhouse");
    // AND the pay range is read, as a year's pay
    assert_eq!(sal(&p), (Some(180000.0), Some(220000.0), Some("USD"), Some("year")));
}

#[test]
fn lever_posting_markup_with_several_locations() {
    let html = r#"<html><head><title>Smart Working - Front End Developer</title></head><body>
        <div class="section page-centered posting-header"><h2>Front End Developer</h2><div class="posting-categories">
        <div class="posting-category location">Romania /<span> Bulgaria /</span><span> Skopje</span></div>
        <div class="posting-category department">Engineering /</div>
        <div class="posting-category commitment">Full-Time | Remote /</div>
        <div class="posting-category workplaceTypes">Remote</div></div></div>
        <div data-qa="job-description"><p>We are hiring a front end developer to build Vue and Nuxt applications for our clients across Europe.</p></div>
        </body></html>"#;
    let p = x(html);
    assert_eq!(p.title.as_deref(), Some("Front End Developer"));
    assert_eq!(p.organization.as_deref(), Some("Smart Working"));
    assert_eq!(
        places(&p),
        vec![(None, None, Some("RO")), (None, None, Some("BG")), (Some("Skopje"), None, Some("MK"))]
    );
    assert_eq!(p.employment_type.as_deref(), Some("full-time"));
    assert_eq!(p.department.as_deref(), Some("Engineering"));
    assert_eq!(p.remote, "remote");
    assert_eq!(p.sources["title"], "lever");
}

#[test]
fn ashby_app_state_beats_a_jsonld_list_that_dropped_a_place_and_a_bare_telecommute() {
    // GIVEN JSON-LD with an empty first address and TELECOMMUTE, and Ashby's
    // app state with all three places and a Hybrid workplace
    let html = r#"<html><head><title>Security Engineer @ OpenAI</title>
        <script type="application/ld+json">{"@type":"JobPosting","title":"Security Engineer","hiringOrganization":{"name":"OpenAI"},
          "jobLocationType":"TELECOMMUTE",
          "jobLocation":[{"@type":"Place","address":{"@type":"PostalAddress"}},{"@type":"Place","address":{"addressLocality":"Tokyo","addressCountry":"Japan"}},
                         {"@type":"Place","address":{"addressCountry":"Singapore"}}],"employmentType":"FULL_TIME"}</script>
        <script>window.__appData = {"organization":{"name":"OpenAI"},"posting":{"title":"Security Engineer","locationName":"Sydney, Australia",
          "secondaryLocationNames":["Tokyo, Japan","Singapore"],"workplaceType":"Hybrid","employmentType":"FullTime","departmentName":"Security",
          "publishedDate":"2025-09-15","compensationTierSummary":"$200K – $310K • Offers Equity"}};</script></head><body></body></html>"#;
    // WHEN extracted
    let p = x(html);
    // THEN the fuller location list and the more specific workplace win; the rest fills in
    assert_eq!(
        places(&p),
        vec![(Some("Sydney"), Some("NSW"), Some("AU")), (Some("Tokyo"), None, Some("JP")), (None, None, Some("SG"))]
    );
    assert_eq!(p.sources["locations"], "ashby");
    assert_eq!(p.remote, "hybrid");
    assert_eq!(p.sources["remote"], "ashby");
    assert_eq!(p.employment_type.as_deref(), Some("full-time"));
    assert_eq!(p.sources["employment_type"], "jsonld");
    assert_eq!(p.department.as_deref(), Some("Security"));
    assert_eq!(p.date_posted, day(2025, 9, 15));
    assert_eq!(sal(&p), (Some(200000.0), Some(310000.0), Some("USD"), Some("year")));
}

#[test]
fn ashby_postal_address_names_the_place_behind_a_company_label() {
    // GIVEN Ashby's app state whose location label is the company's own
    // ("Hub - San Francisco") and whose postal address names the city
    let html = r#"<html><head><title>Program Manager</title>
        <script>window.__appData = {"organization":{"name":"Superhuman"},"posting":{"title":"Program Manager",
          "locationName":"Hub - San Francisco","address":{"postalAddress":{"addressRegion":"California",
          "addressCountry":"United States","addressLocality":"San Francisco"}},"secondaryLocationNames":["Toronto, Canada"]}};</script>
        </head><body></body></html>"#;
    // WHEN extracted
    let p = x(html);
    // THEN the address gives the place and the label stays its text; the secondary place follows
    assert_eq!(
        places(&p),
        vec![(Some("San Francisco"), Some("CA"), Some("US")), (Some("Toronto"), Some("ON"), Some("CA"))]
    );
    assert_eq!(p.locations[0].text, "Hub - San Francisco");
}

#[test]
fn workday_rendered_markup_with_a_relative_posting_date() {
    let html = r#"<html><head><title>Workday</title></head><body>
        <h2 data-automation-id="jobPostingHeader">Senior Test Engineer</h2>
        <div data-automation-id="locations"><dl><dt>locations</dt><dd>Germany, Munich</dd></dl></div>
        <div data-automation-id="time"><dl><dt>time type</dt><dd>Full time</dd></dl></div>
        <div data-automation-id="postedOn"><dl><dt>posted on</dt><dd>Posted 3 Days Ago</dd></dl></div>
        <div data-automation-id="jobPostingDescription"><p>NVIDIA is looking for a senior test engineer for autonomous driving validation in Munich.</p></div>
        </body></html>"#;
    let p = x(html);
    assert_eq!(p.title.as_deref(), Some("Senior Test Engineer"));
    assert_eq!(places(&p), vec![(Some("Munich"), None, Some("DE"))]);
    assert_eq!(p.employment_type.as_deref(), Some("full-time"));
    // "Posted 3 Days Ago" counts back from the fetch time (2026-03-10).
    assert_eq!(p.date_posted, day(2026, 3, 7));
    assert_eq!(p.sources["date_posted"], "workday");
}

#[test]
fn seek_markup_gives_the_advertiser_not_the_place_in_its_page_title() {
    // GIVEN a SEEK job view: the page title reads "Title Job in Place - SEEK",
    // the facts carry data-automation names, and the date is "Posted 4d ago"
    let html = r#"<html><head><title>SEEK</title>
        <meta property="og:title" content="Senior Platform Engineer | Remote | Australia Job in Melbourne VIC - SEEK">
        <meta property="og:site_name" content="SEEK Australia"></head><body>
        <h1 data-automation="job-detail-title">Senior Platform Engineer | Remote | Australia</h1>
        <span data-automation="advertiser-name">iterate</span>
        <span data-automation="job-detail-location">Melbourne VIC (Remote)</span>
        <span data-automation="job-detail-classifications">Engineering - Software (Information &amp; Communication Technology)</span>
        <span data-automation="job-detail-work-type">Full time</span>
        <span data-automation="job-detail-salary">$150,000 &ndash; $170,000 per year</span>
        <span>Posted 4d ago</span>
        <div data-automation="jobAdDetails"><p>Own the platform of a seed-stage healthtech, from day-to-day reliability to security, automation and AI-agent tooling.</p></div>
        </body></html>"#;
    // WHEN it is extracted
    let p = x(html);
    // THEN the facts come from SEEK's markup, the advertiser is the organisation
    assert_eq!(p.title.as_deref(), Some("Senior Platform Engineer | Remote | Australia"));
    assert_eq!(p.organization.as_deref(), Some("iterate"));
    assert_eq!(places(&p), vec![(Some("Melbourne"), Some("VIC"), Some("AU"))]);
    assert_eq!((p.remote, p.employment_type.as_deref()), ("remote", Some("full-time")));
    assert_eq!(p.department.as_deref(), Some("Engineering - Software (Information & Communication Technology)"));
    // AND a bare dollar on an Australian job is AUD
    assert_eq!(sal(&p), (Some(150000.0), Some(170000.0), Some("AUD"), Some("year")));
    // AND a bare dollar on a Chilean job is the Chilean peso
    let cl = x(&html
        .replace("Melbourne VIC", "Las Condes, Santiago")
        .replace("$150,000 &ndash; $170,000 per year", "$1.300.000 - $1.400.000 por mes"));
    assert_eq!(sal(&cl), (Some(1300000.0), Some(1400000.0), Some("CLP"), Some("month")));
    assert_eq!(p.date_posted, day(2026, 3, 6));
    assert!(p.description_text.as_deref().is_some_and(|t| t.starts_with("Own the platform")));
    assert!(
        ["title", "organization", "locations", "salary", "description_text"].iter().all(|f| p.sources[f] == "seek")
    );

    // AND without the markup, the place in the page title is not taken for the organisation
    let bare = r#"<html><head><title>SEEK</title>
        <meta property="og:title" content="Platform Engineer Job in Melbourne VIC - SEEK"></head><body>
        <h1>Platform Engineer</h1><p>Melbourne VIC</p><p>Posted 4d ago</p></body></html>"#;
    assert_eq!(x(bare).organization, None);
}

#[test]
fn smartrecruiters_and_recruitee_markup() {
    let sr = r#"<html><head><title>Careers</title></head><body><main itemscope itemtype="http://schema.org/JobPosting">
        <h1 class="job-title" itemprop="title">Data Analyst</h1>
        <spl-job-location formattedaddress="Warsaw, Poland">Warsaw, Poland</spl-job-location>
        <li itemprop="employmentType">Full-time</li>
        <div class="job-sections" itemprop="description"><p>Analyse data for the Warsaw team, build dashboards and models.</p></div></main></body></html>"#;
    let p = x(sr);
    assert_eq!(p.title.as_deref(), Some("Data Analyst"));
    assert_eq!(places(&p), vec![(Some("Warsaw"), None, Some("PL"))]);
    assert_eq!(p.employment_type.as_deref(), Some("full-time"));
    let rc = r#"<html><head><title>Hostaway - Account Executive</title><meta property="og:site_name" content="Hostaway"></head><body>
        <h1 data-testid="job-title">Account Executive</h1><div data-testid="job-location">London, United Kingdom</div>
        <p>Employment type: Full-time</p></body></html>"#;
    let p = x(rc);
    assert_eq!((p.title.as_deref(), p.organization.as_deref()), (Some("Account Executive"), Some("Hostaway")));
    assert_eq!(places(&p), vec![(Some("London"), None, Some("GB"))]);
    assert_eq!(p.employment_type.as_deref(), Some("full-time"));
    assert_eq!(p.sources["locations"], "recruitee");
}

#[test]
fn a_recruitee_career_page_is_read_from_its_app_props() {
    // GIVEN a Recruitee career page whose markup shows the title and place
    // only, and whose server-rendered app props hold the offer (and, after
    // it, the site's other offers)
    let offer = r#"{"appConfig":{"offer":{"primaryLangCode":"en","employmentType":"parttime_permanent",
        "remote":false,"hybrid":true,"onSite":false,"city":"Utrecht",
        "salary":{"currency":"EUR","min":3700.0,"max":4200.0,"period":"month"},
        "locations":[{"countryCode":"NL","stateCode":"UT","translations":{"en":{"city":"Utrecht","state":"Utrecht"}}}],
        "department":{"translations":{"en":{"name":"Customer"}}},
        "translations":{"en":{"title":"Customer Success Manager","descriptionHtml":"<p>You help restaurants cut food waste with our scales &amp; cameras.</p>",
        "requirementsHtml":"<ul><li>Three years in customer success</li></ul>"}}},
        "offers":[{"employmentType":"internship","translations":{"en":{"title":"Intern"}}}],
        "site":{"name":"Orbisk"}}}"#;
    let page = |props: &str| {
        let props = props.replace('&', "&amp;").replace('"', "&quot;");
        format!(
            r#"<html><head><title>Customer Success Manager - Orbisk</title></head><body>
            <div data-component="CookieConsent" data-props="{{&quot;open&quot;:true}}"></div>
            <div data-rendered data-component="PublicApp" data-props="{props}"><nav><a href="/">Homepage</a></nav>
            <h1>Customer Success Manager</h1><div class="custom-css-style-job-location">Utrecht, Netherlands</div>
            <p>At Orbisk we build scales and cameras that help kitchens see what they throw away.</p></div></body></html>"#
        )
    };
    // WHEN it is extracted
    let p = x(&page(offer));
    // THEN the offer's own type, work mode, pay, place, department and text are read
    assert_eq!(p.employment_type.as_deref(), Some("part-time"));
    assert_eq!(p.remote, "hybrid");
    let pay = p.salary.as_ref().expect("the offer's pay range");
    assert_eq!(
        (pay.min, pay.max, pay.currency.as_deref(), pay.interval.as_deref()),
        (Some(3700.0), Some(4200.0), Some("EUR"), Some("month"))
    );
    assert_eq!(places(&p), vec![(Some("Utrecht"), Some("UT"), Some("NL"))]);
    assert_eq!((p.organization.as_deref(), p.department.as_deref()), (Some("Orbisk"), Some("Customer")));
    assert!(p.description_text.as_deref().is_some_and(|t| t.contains("scales & cameras") && t.contains("Three years")));
    assert_eq!(p.sources["employment_type"], "recruitee");
    // AND a range written 0 to 0 is no pay
    let unpublished = x(&page(&offer.replace("3700.0", "0.0").replace("4200.0", "0.0")));
    assert_eq!(unpublished.salary, None);
    // AND props that do not read leave the page to the other steps
    let broken = x(&page(&offer.replace("\"remote\":false", "\"remote\":nope")));
    assert_eq!((broken.title.as_deref(), broken.employment_type.as_deref()), (Some("Customer Success Manager"), None));
}

#[test]
fn a_recruitee_offer_is_read_whole_wherever_its_first_window_ends() {
    // GIVEN Recruitee props whose offer is longer than the window first
    // read after its key (32 KiB), the window ending anywhere in the
    // entities around the description's end
    let props = |n: usize| {
        format!(
            r#"{{"appConfig":{{"offer":{{"employmentType":"internship","translations":{{"en":{{"title":"Intern",
            "descriptionHtml":"<p>{}</p>","requirementsHtml":"<p>Curious.</p>"}}}}}},"site":{{"name":"Acme"}}}}}}"#,
            "a".repeat(n)
        )
        .replace('&', "&amp;")
        .replace('"', "&quot;")
    };
    let key = "&quot;offer&quot;:";
    let at = |p: &str| p.find("&quot;,&quot;requirementsHtml").unwrap() - (p.find(key).unwrap() + key.len());
    let base = 32 * 1024 - at(&props(0)) - 14;
    for n in base..base + 16 {
        let html = format!(
            r#"<html><head><title>Intern - Acme</title></head><body><div data-component="PublicApp" data-props="{}">
            <h1>Intern</h1></div></body></html>"#,
            props(n)
        );
        // WHEN it is extracted
        let p = x(&html);
        // THEN the offer is read
        assert_eq!(p.employment_type.as_deref(), Some("intern"), "description of {n} bytes");
    }
}

#[test]
fn generic_title_and_organisation_from_a_dashed_page_title_whose_title_the_page_shows() {
    // GIVEN no h1, a page title "Title - Org", and the title shown in an h2
    let shown = r#"<html><head><title>Customer Success Manager - Lumen Labs</title></head><body>
        <h2>Customer Success Manager</h2><p>Location</p><p>Denver, Colorado</p></body></html>"#;
    // AND a page whose title's dash is part of the job title
    let dashed = r#"<html><head><title>Engineer - Backend Platform</title></head><body>
        <p>Location: Berlin, Germany</p></body></html>"#;
    // WHEN extracted
    let p = x(shown);
    let q = x(dashed);
    // THEN the shown piece is the title and the rest the organisation; a dash
    // the page does not show on its own is kept in the title
    assert_eq!((p.title.as_deref(), p.organization.as_deref()), (Some("Customer Success Manager"), Some("Lumen Labs")));
    assert_eq!(q.title.as_deref(), Some("Engineer - Backend Platform"));
}

#[test]
fn a_careers_phrase_in_the_page_title_gives_the_organisation_it_names() {
    // GIVEN "Title | Jobs bei Org" (Personio's German pages) and "Careers at Org"
    let de = r#"<html><head><title>Backend Developer (m/w/d) | Jobs bei Nordlicht GmbH</title></head><body>
        <h1>Backend Developer (m/w/d)</h1><p>Vollzeit · Hamburg</p></body></html>"#;
    let en = r#"<html><head><title>Nurse | Careers at St Mary's</title></head><body><h1>Nurse</h1><p>Location: Leeds, UK</p></body></html>"#;
    // THEN the organisation is the name, without the phrase
    assert_eq!(x(de).organization.as_deref(), Some("Nordlicht GmbH"));
    assert_eq!(x(en).organization.as_deref(), Some("St Mary's"));
}

#[test]
fn spanish_and_italian_labelled_pages() {
    // GIVEN a Spanish page with a definition list of labels, and an Italian one with
    // "Label: value" lines, a "Lavora con noi" page title and a site name
    let es = r#"<html><head><title>Desarrollador Backend | Empleos en Sol Tech</title></head><body><main>
        <h1>Desarrollador Backend</h1>
        <dl><dt>Ubicación</dt><dd>Madrid, España</dd><dt>Tipo de contrato</dt><dd>Contrato indefinido, jornada completa</dd>
        <dt>Salario</dt><dd>35.000 € - 42.000 € al año</dd><dt>Fecha de publicación</dt><dd>12/03/2026</dd></dl></main></body></html>"#;
    let it = r#"<html><head><title>Sviluppatore Java - Lavora con noi</title><meta property="og:site_name" content="Alfa SpA"></head>
        <body><main><h1>Sviluppatore Java</h1><p>Sede di lavoro: Milano, Italia</p><p>Tipo di contratto: Tempo indeterminato</p>
        <p>Retribuzione: 40.000 - 48.000 EUR lordi annui</p><p>Modalità: Ibrido</p></main></body></html>"#;
    // WHEN extracted
    let (e, i) = (x(es), x(it));
    // THEN every labelled field is read, in its language
    assert_eq!(e.organization.as_deref(), Some("Sol Tech"));
    assert_eq!(places(&e), vec![(Some("Madrid"), None, Some("ES"))]);
    assert_eq!(e.employment_type.as_deref(), Some("full-time"));
    assert_eq!(sal(&e), (Some(35000.0), Some(42000.0), Some("EUR"), Some("year")));
    assert_eq!(e.date_posted, day(2026, 3, 12));
    assert_eq!(i.organization.as_deref(), Some("Alfa SpA"));
    assert_eq!(places(&i), vec![(Some("Milano"), None, Some("IT"))]);
    assert_eq!(i.employment_type.as_deref(), Some("full-time"));
    assert_eq!(sal(&i), (Some(40000.0), Some(48000.0), Some("EUR"), Some("year")));
    assert_eq!(i.remote, "hybrid");
}

#[test]
fn linkedin_guest_job_view_ignores_the_similar_jobs_salary() {
    // GIVEN LinkedIn's guest markup, and a similar job card with a salary
    let html = r#"<html><head><title>Heidi hiring Senior Engineer in Melbourne, Victoria, Australia | LinkedIn</title></head><body>
        <section class="top-card-layout"><h1 class="top-card-layout__title">Senior Engineer</h1>
        <a class="topcard__org-name-link">Heidi</a><span class="topcard__flavor topcard__flavor--bullet">Melbourne, Victoria, Australia</span>
        <span class="posted-time-ago__text">1 week ago</span></section>
        <ul><li class="description__job-criteria-item"><h3>Employment type</h3><span>Full-time</span></li></ul>
        <ul class="similar-jobs"><li><div class="base-card"><span class="main-job-card__salary-info">A$160,000.00 - A$200,000.00</span></div></li></ul>
        </body></html>"#;
    let p = x(html);
    assert_eq!((p.title.as_deref(), p.organization.as_deref()), (Some("Senior Engineer"), Some("Heidi")));
    assert_eq!(places(&p), vec![(Some("Melbourne"), Some("VIC"), Some("AU"))]);
    assert_eq!(p.date_posted, day(2026, 3, 3));
    assert_eq!(p.employment_type.as_deref(), Some("full-time"));
    assert!(p.salary.is_none(), "{:?}", p.salary);
}

#[test]
fn linkedin_server_driven_ui_describes_with_about_the_job_only() {
    // GIVEN LinkedIn's 2026 interface: hashed class names, components named in
    // `data-sdui-component`, the company's profile and the posting each in an
    // expandable text box, then a Premium advertisement and the footer
    let html = r#"<html><head><title>Graduate Data Engineer | Flow Traders | LinkedIn</title></head><body><main>
        <div class="_47d4dd69"><p class="e0f715ee">Flow Traders</p><p class="e0f715ee">Graduate Data Engineer</p>
        <p class="e0f715ee">Amsterdam, North Holland, Netherlands · 1 day ago · Over 100 people clicked apply</p></div>
        <div data-sdui-component="com.linkedin.sdui.generated.employerbrand.dsl.impl.aboutTheCompany"><p>About the company</p>
        <span data-testid="expandable-text-box">Founded in 2004, Flow Traders is a leading trading firm operating globally, with more than 600 employees in 10 offices.</span></div>
        <div componentkey="JobDetails_AboutTheJob_1"><div data-sdui-component="com.linkedin.sdui.generated.jobseeker.dsl.impl.aboutTheJob">
        <div class="e5a3b538"><h2 class="_29bfc5c9">About the job</h2><p class="_29bfc5c9"><span data-testid="expandable-text-box">Join Flow Traders as a Graduate Data Engineer at our headquarters in Amsterdam!<br><br>You will build data platforms and pipelines with the trading desks.<br><button data-testid="expandable-text-button">… more</button></span></p></div></div></div>
        <div><p>Job search smarter with Premium</p><p>See jobs where you’d be a top applicant</p></div>
        <footer><p>LinkedIn Corporation © 2026</p><p>Select language</p></footer></main></body></html>"#;
    // WHEN extracted
    let p = x(html);
    // THEN the description is the posting's box, and nothing of the company, the advertisement or the footer
    let text = p.description_text.as_deref().unwrap_or_default();
    assert!(text.starts_with("Join Flow Traders as a Graduate Data Engineer"), "{text}");
    assert!(text.ends_with("with the trading desks."), "{text}");
    assert_eq!(p.sources.get("description_text").copied(), Some("linkedin"));
    // AND the top card's facts are read as before
    assert_eq!(places(&p), vec![(Some("Amsterdam"), Some("Noord-Holland"), Some("NL"))]);
}

#[test]
fn indeed_gives_its_job_description_text_and_the_headers_employer() {
    // GIVEN an Indeed job view without structured data: the employer's rating and
    // the job's facts above `#jobDescriptionText`, salary and career links below
    let html = r#"<html><head><title>AI/ML Developer - AI Trainer - Los Angeles, CA - Indeed.com</title></head><body>
        <div class="jobsearch-JobComponent"><h1>AI/ML Developer - AI Trainer</h1>
        <div data-company-name="true" data-testid="inlineHeader-companyName"><a href="/cmp/x">DataAnnotation<svg aria-hidden="true"><path d="M5 21"/></svg></a></div><div>3.9 out of 5 stars</div>
        <div id="jobDetailsSection"><h2>Job details</h2><div>Pay</div><div>From $40 an hour</div><div>Job type</div><div>Contract</div></div>
        <h2>Full job description</h2><div id="jobDescriptionText" class="jobsearch-jobDescriptionText"><p>We are looking for
        proficient programmers to train our AI chatbots to code.</p><ul><li>Proficient in Python or JavaScript</li>
        <li>Excellent writing skills</li></ul></div></div>
        <div><ul><li><a href="/salaries">Salaries for DataAnnotation</a></li><li><a href="/career-advice">15 Best Countries for Engineering Jobs Abroad</a></li>
        <li><a href="/q-ai-jobs">Ai Ml Engineer jobs in Los Angeles, CA</a></li></ul></div></body></html>"#;
    // WHEN extracted
    let p = x(html);
    // THEN the description is the posting alone
    let text = p.description_text.as_deref().unwrap_or_default();
    assert!(text.starts_with("We are looking for") && text.ends_with("Excellent writing skills"), "{text}");
    assert_eq!(p.sources.get("description_text").copied(), Some("indeed"));
    // AND the employer is the header's
    assert_eq!(p.organization.as_deref(), Some("DataAnnotation"));
    assert_eq!(p.sources.get("organization").copied(), Some("indeed"));
}

// ---- generic fallback ----

#[test]
fn generic_page_uses_h1_labels_and_lines_near_the_title() {
    // GIVEN a page with no structured data or ATS markup
    let html = r#"<html><head><title>Senior Legal Counsel - Oneflow</title><meta property="og:site_name" content="Oneflow"></head><body>
        <nav><a>Jobs</a><span>Posted 2 days ago</span></nav>
        <div><span>Business Enablement</span> · <span>Stockholm (HQ)</span></div>
        <h1>Senior Legal Counsel</h1>
        <div><h2>Employment Type</h2><p>Full time</p><h2>Location Type</h2><p>Hybrid</p><h2>Compensation</h2><p>€50.000 - €60.000 per year</p></div>
        <main><p>You will be our only lawyer: contracts, privacy, product counsel and the odd dispute. We want someone who enjoys variety.</p>
        <p>The salary for US roles is $148,200 - $239,800.</p></main>
        </body></html>"#;
    let p = x(html);
    assert_eq!(p.title.as_deref(), Some("Senior Legal Counsel"));
    assert_eq!(p.organization.as_deref(), Some("Oneflow"));
    assert_eq!(places(&p), vec![(Some("Stockholm"), None, Some("SE"))]);
    assert_eq!(p.employment_type.as_deref(), Some("full-time"));
    assert_eq!(p.remote, "hybrid");
    // The labelled compensation, not the one in the description text.
    assert_eq!(sal(&p), (Some(50000.0), Some(60000.0), Some("EUR"), Some("year")));
    // The nav's date is chrome, not this job's.
    assert_eq!(p.date_posted, None);
    assert!(p.description_text.as_deref().is_some_and(|t| t.contains("only lawyer")));
}

#[test]
fn generic_title_from_og_title_and_organisation_from_the_page_title() {
    let html = r#"<html><head><title>Graduate Data Engineer | Flow Traders | LinkedIn</title></head><body>
        <div>Flow Traders</div><div>Graduate Data Engineer</div><div>Amsterdam, North Holland, Netherlands · 1 day ago · 40 applicants</div>
        <div>On-site</div><div>Full-time</div></body></html>"#;
    let p = x(html);
    assert_eq!((p.title.as_deref(), p.organization.as_deref()), (Some("Graduate Data Engineer"), Some("Flow Traders")));
    assert_eq!(places(&p), vec![(Some("Amsterdam"), Some("Noord-Holland"), Some("NL"))]);
    assert_eq!(p.date_posted, day(2026, 3, 9));
    assert_eq!((p.remote, p.employment_type.as_deref()), ("onsite", Some("full-time")));
}

#[test]
fn the_jobs_own_title_is_never_its_organisation() {
    // GIVEN an aggregator whose og:site_name repeats the job title
    let html = r#"<html><head><title>Software Engineer - USDS - San Jose, California, United States</title>
        <meta property="og:site_name" content="Software Engineer - USDS"></head><body>
        <h1>Software Engineer - USDS</h1><p>San Jose, California, United States</p></body></html>"#;
    // WHEN it is extracted
    let p = x(html);
    // THEN the title stands and no organisation is invented from it
    assert_eq!(p.title.as_deref(), Some("Software Engineer - USDS"));
    assert_eq!(p.organization, None);
}

#[test]
fn a_boards_own_page_title_is_no_job_title() {
    // GIVEN a page whose only title is the board's "Jobs at Globex"
    let html = r#"<html><head><title>Jobs at Globex</title></head><body>
        <div><p>Compensation</p><p>$65,000 - $75,000 CAD</p></div></body></html>"#;
    // WHEN it is extracted
    // THEN no posting is made up from it
    assert!(extract(html, &ctx()).is_none());
}

#[test]
fn a_japanese_board_page_gives_its_labelled_facts() {
    // GIVEN a Kyujin Box style page: the title with "の求人詳細情報", a first
    // "＜勤務地＞" that describes the office, then the labelled table
    let html = r#"<html><head><title>駐車場スタッフの求人 - 求人ボックス</title></head><body>
        <h1>駐車場サービススタッフの求人詳細情報</h1><p>三井不動産ファシリティーズ株式会社</p>
        <div class="description"><p>大崎駅からすぐのオフィスビルでのお仕事です。駐車場での釣銭や駐車券の補充など、
        難しいことはありませんので未経験の方にもおすすめです。実働7時間のシフト制のフルタイムのお仕事です。</p>
        <p>＜勤務地＞</p><p>品川区大崎のきれいなオフィスビル</p></div>
        <dl><dt>勤務地・交通</dt><dd>東京都品川区</dd><dt>給与・報酬</dt><dd>時給1350円</dd>
        <dt>雇用形態</dt><dd>アルバイト・パート（正社員登用あり）</dd></dl></body></html>"#;
    // WHEN it is extracted
    let p = x(html);
    // THEN the title loses the board's suffix, and the facts are read
    assert_eq!(p.title.as_deref(), Some("駐車場サービススタッフ"));
    assert_eq!(places(&p), vec![(Some("品川区"), Some("東京都"), Some("JP"))]);
    assert_eq!(sal(&p), (Some(1350.0), Some(1350.0), Some("JPY"), Some("hour")));
    assert_eq!(p.employment_type.as_deref(), Some("part-time"));
}

#[test]
fn a_korean_board_page_gives_its_labelled_facts() {
    // GIVEN a Work24 style table
    let html = r#"<html><head><title>채용정보</title></head><body><h1>어업경영체 등록 조사원</h1>
        <table><tr><th>임금</th><td>월 2,185,890원 이상</td></tr>
        <tr><th>근무 예정지</th><td>전북특별자치도 군산시 설림길 11 (소룡동)</td></tr>
        <tr><th>고용형태</th><td>계약직</td></tr><tr><th>채용공고 등록일시</th><td>2026.03.02 00:00:00</td></tr>
        </table></body></html>"#;
    // WHEN it is extracted
    let p = x(html);
    // THEN each labelled value is read and normalised
    assert_eq!(places(&p), vec![(Some("군산시"), Some("전북"), Some("KR"))]);
    assert_eq!(sal(&p), (Some(2185890.0), Some(2185890.0), Some("KRW"), Some("month")));
    assert_eq!(p.employment_type.as_deref(), Some("contract"));
    assert_eq!(p.date_posted, day(2026, 3, 2));
}

#[test]
fn chinese_board_salary_and_location_from_the_meta_description() {
    let html = r#"<html><head><title>「高级嵌入式软件工程师招聘」_新联电子招聘-BOSS直聘</title>
        <meta name="description" content="新联电子高级嵌入式软件工程师招聘，薪资：17-30K·13薪，地点：南京，要求：3-5年"></head>
        <body><h1>高级嵌入式软件工程师</h1></body></html>"#;
    let p = x(html);
    assert_eq!(p.title.as_deref(), Some("高级嵌入式软件工程师"));
    assert_eq!(p.organization.as_deref(), Some("新联电子"));
    assert_eq!(sal(&p), (Some(17000.0), Some(30000.0), Some("CNY"), Some("month")));
    assert_eq!(places(&p), vec![(Some("南京"), None, Some("CN"))]);
}

#[test]
fn a_text_salary_in_dollars_is_the_local_dollar_of_the_jobs_country() {
    let html = r#"<html><head><title>Nurse</title></head><body><h1>Nurse</h1>
        <p>Location: Toronto, ON</p><p>Salary: $26–30/hr</p></body></html>"#;
    let p = x(html);
    assert_eq!(sal(&p), (Some(26.0), Some(30.0), Some("CAD"), Some("hour")));
}

#[test]
fn a_page_without_a_posting_gives_none() {
    assert!(
        extract(
            "<html><head><title>Jobs</title></head><body><noscript>Enable JavaScript</noscript></body></html>",
            &ctx()
        )
        .is_none()
    );
    assert!(extract(&ld(r#"{"@type":"Organization","name":"x"}"#).replace("<h1>x</h1>", ""), &ctx()).is_none());
    assert!(extract("<html><head><title>Acme</title></head><body><h1>About us</h1></body></html>", &ctx()).is_none());
}

// ---- the description's pay statement ----

#[test]
fn a_pay_statement_in_the_description_is_the_last_source_of_salary() {
    // GIVEN JSON-LD without baseSalary whose description states the pay range,
    // and a Canadian job that writes a bare "$"
    let statement = "&lt;p&gt;Build the ads platform.&lt;/p&gt;&lt;p&gt;The base salary range for this role is \
        $150,000 - $180,000 per year, plus equity.&lt;/p&gt;";
    let html = ld(&format!(
        r#"{{"@type":"JobPosting","title":"Ads Engineer","hiringOrganization":"Acme","description":"{statement}"}}"#
    ));
    let toronto = ld(&format!(
        r#"{{"@type":"JobPosting","title":"Ads Engineer","hiringOrganization":"Acme","description":"{statement}",
            "jobLocation":{{"@type":"Place","address":{{"addressLocality":"Toronto","addressCountry":"CA"}}}}}}"#
    ));
    // WHEN they are extracted
    let (p, ca) = (x(&html), x(&toronto));
    // THEN the salary comes from the description, and is recorded so
    assert_eq!(sal(&p), (Some(150000.0), Some(180000.0), Some("USD"), Some("year")));
    assert_eq!(p.sources.get("salary"), Some(&"description"));
    // AND the bare dollar is the job's country's dollar, as for any text
    assert_eq!(sal(&ca).2, Some("CAD"));
}

#[test]
fn a_description_that_states_type_and_workplace_fills_them_last() {
    // GIVEN JSON-LD without employmentType or jobLocationType whose
    // description says what the job is, and one that also says TELECOMMUTE
    let statement = "We build payments. This is a full-time position. The role is hybrid, two days in Berlin.";
    let html = ld(&format!(r#"{{"@type":"JobPosting","title":"Engineer","description":"{statement}"}}"#));
    let telecommute = ld(&format!(
        r#"{{"@type":"JobPosting","title":"Engineer","jobLocationType":"TELECOMMUTE","description":"{statement}"}}"#
    ));
    // WHEN they are extracted
    let (p, q) = (x(&html), x(&telecommute));
    // THEN the description gives what nothing else did, and says so
    assert_eq!((p.employment_type.as_deref(), p.remote), (Some("full-time"), "hybrid"));
    assert_eq!(p.sources.get("employment_type"), Some(&"description"));
    // AND its "hybrid" refines a structured TELECOMMUTE, the more specific
    // statement (as the page's "Hybrid" does)
    assert_eq!((q.remote, q.sources.get("remote")), ("hybrid", Some(&"description")));
    // BUT no other statement overrides a structured workplace
    let onsite = telecommute.replace("The role is hybrid", "The role is on-site");
    let r = x(&onsite);
    assert_eq!((r.remote, r.sources.get("remote")), ("remote", Some(&"jsonld")));
}

#[test]
fn structured_pay_wins_over_the_description() {
    // GIVEN JSON-LD with a baseSalary and a description that states another range
    let html = ld(r#"{"@type":"JobPosting","title":"Ads Engineer","hiringOrganization":"Acme",
        "baseSalary":{"@type":"MonetaryAmount","currency":"USD","value":{"@type":"QuantitativeValue",
        "minValue":160000,"maxValue":200000,"unitText":"YEAR"}},
        "description":"The salary range for this role is $150,000 - $180,000."}"#);
    // WHEN it is extracted
    let p = x(&html);
    // THEN the structured salary stands
    assert_eq!(sal(&p), (Some(160000.0), Some(200000.0), Some("USD"), Some("year")));
    assert_eq!(p.sources.get("salary"), Some(&"jsonld"));
}

// ---- hostile input ----

#[test]
fn deeply_nested_json_and_html_do_not_overflow_the_stack() {
    // GIVEN 100,000 levels of JSON arrays and of HTML elements
    let deep_json = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let deep_html = format!(
        "<html><head><title>Deep</title></head><body><h1>Deep</h1>{}<p>text</p>{}</body></html>",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    let deep_desc = ld(&format!(
        r#"{{"@type":"JobPosting","title":"T","description":"{}x{}"}}"#,
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    ));
    let deep_micro = format!(
        "{}{}",
        r#"<div itemscope itemtype="https://schema.org/JobPosting"><span itemprop="title">M</span>"#,
        "<div itemprop=\"x\" itemscope>".repeat(100_000)
    );
    // WHEN extracted THEN nothing crashes
    assert!(extract(&ld(&deep_json), &ctx()).is_none());
    let _ = extract(&deep_html, &ctx());
    assert_eq!(extract(&deep_desc, &ctx()).and_then(|p| p.title), Some("T".to_owned()));
    assert_eq!(extract(&deep_micro, &ctx()).and_then(|p| p.title), Some("M".to_owned()));
}

#[test]
fn microdata_items_named_by_several_properties_at_every_level_cost_no_more_than_the_page() {
    // GIVEN a microdata JobPosting whose nested items each carry five
    // property names, twelve levels deep, each level with some text: every
    // item is reachable by 5^level paths (a fuzzing find)
    let level = r#"<div itemprop="a b c d e" itemscope><span itemprop="name">Level text</span>"#;
    let html = format!(
        "{}{}{}",
        r#"<div itemscope itemtype="https://schema.org/JobPosting"><span itemprop="title">Nurse</span>"#,
        level.repeat(20),
        "</div>".repeat(21)
    );
    // WHEN it is extracted (before the fix this did not finish in minutes)
    let p = extract(&html, &ctx());
    // THEN it finishes and still reads the posting
    assert_eq!(p.and_then(|p| p.title), Some("Nurse".to_owned()));
}

// ---- the crawler's hash ----

#[test]
fn structured_hash_changes_with_a_salary_edit_but_not_with_reformatting() {
    let a = ld(r#"{"@type":"JobPosting","title":"A","baseSalary":{"currency":"USD","value":100}}"#);
    let b = ld("{\"@type\":\"JobPosting\",\n  \"title\":\"A\",  \"baseSalary\":{\"currency\":\"USD\",\"value\":100}}");
    let c = ld(r#"{"@type":"JobPosting","title":"A","baseSalary":{"currency":"USD","value":120}}"#);
    assert!(structured_hash(&a).is_some());
    assert_eq!(structured_hash(&a), structured_hash(&b));
    assert_ne!(structured_hash(&a), structured_hash(&c));
    assert_eq!(structured_hash("<p>no json-ld</p>"), None);
    assert_eq!(jsonld_scripts(&a).len(), 1);
}

#[test]
fn a_salary_range_published_upside_down_is_stored_in_order() {
    // GIVEN JSON-LD whose minValue is above its maxValue (a fuzzing find)
    let html = ld(r#"{"@type":"JobPosting","title":"Rust Engineer","hiringOrganization":"Acme",
        "baseSalary":{"@type":"MonetaryAmount","currency":"EUR","value":{"@type":"QuantitativeValue",
        "minValue":60000,"maxValue":40000,"unitText":"YEAR"}}}"#);
    // WHEN it is extracted
    let p = x(&html);
    // THEN the range is in order
    assert_eq!(sal(&p), (Some(40000.0), Some(60000.0), Some("EUR"), Some("year")));
}

#[test]
fn negative_salary_bounds_are_dropped() {
    // GIVEN JSON-LD with a negative lower bound
    let html = ld(r#"{"@type":"JobPosting","title":"Rust Engineer","hiringOrganization":"Acme",
        "baseSalary":{"@type":"MonetaryAmount","currency":"USD","value":{"@type":"QuantitativeValue",
        "minValue":-5,"maxValue":90000,"unitText":"YEAR"}}}"#);
    // WHEN it is extracted
    let p = x(&html);
    // THEN only the sound bound is kept
    assert_eq!(sal(&p), (None, Some(90000.0), Some("USD"), Some("year")));
}

#[test]
fn a_row_of_abutting_spans_under_the_title_is_read_as_separate_facts() {
    // GIVEN a careers page styled with flex rows: the place, the team and
    // the id in spans with nothing between them, an icon font's ligature
    // hidden from screen readers, a list of other jobs above the title,
    // and a range whose code comes after it
    let html = r#"<html><head><title>Senior Security Engineer | Roblox</title></head><body>
        <ul class="results"><li><h3>Data Engineer</h3></li><li><span>Los Angeles, CA, USA</span></li></ul>
        <h1>Senior Security Engineer</h1>
        <div><span class="c"><i class="icons" aria-hidden="true">place</i>San Mateo, CA, United States</span><span class="c">Engineering</span><span class="c">Full-time</span><span class="c">ID: <!-- -->5156</span></div>
        <div class="job-description"><p>Every day, tens of millions of people come to play, learn and create.
        You will secure the services behind them with us, reviewing designs and code across the company.</p>
        <p>Annual Salary Range</p><div class="pay-range"><span>$249,860</span><span>—</span><span>$324,470 USD</span></div></div>
        </body></html>"#;
    // WHEN it is extracted
    let p = x(html);
    // THEN the row under the title gives the place and the type, the
    // state code is no country, and the range is in US dollars
    assert_eq!(places(&p), vec![(Some("San Mateo"), Some("CA"), Some("US"))]);
    assert_eq!(p.employment_type.as_deref(), Some("full-time"));
    assert_eq!(sal(&p), (Some(249860.0), Some(324470.0), Some("USD"), Some("year")));
}

#[test]
fn a_workplace_field_answered_no_is_an_onsite_job() {
    // GIVEN an iCIMS-style header: fields and values on their own lines,
    // "Remote" answered "No", and a range with code and symbol both
    let html = r#"<html><head><title>Careers at Austin, TX</title></head><body>
        <h1 class="iCIMS_Header">Senior Product Manager</h1>
        <div class="iCIMS_JobHeaderGroup"><dl><dt>Location</dt><dd>US-TX-Austin</dd></dl>
        <dl><dt>Position Type</dt><dd>Full-Time</dd></dl><dl><dt>Remote</dt><dd>No</dd></dl>
        <dl><dt>Posted Salary Range</dt><dd>USD $190,000.00 - USD $200,000.00 /Yr.</dd></dl></div>
        <div class="iCIMS_JobContent"><p>At BusPatrol, we make school transportation safer for children and
        communities, bringing AI, machine learning and IoT to school buses across North America.</p></div>
        </body></html>"#;
    // WHEN it is extracted
    let p = x(html);
    // THEN the job is on site, and the range is whole
    assert_eq!(p.remote, "onsite");
    assert_eq!(sal(&p), (Some(190000.0), Some(200000.0), Some("USD"), Some("year")));
}

#[test]
fn the_jobs_own_card_under_the_title_gives_its_facts_and_a_sentence_dates_nothing() {
    // GIVEN a board page whose facts sit right under the title in a
    // "ui-job-card-info" block (a class other jobs' cards also use), with
    // a bare date, and a description sentence that ends in "today"
    let html = r#"<html><head><title>Product Engineer at Attio in London [Remote], UK | WorkinStartups.com</title></head>
        <body><main><section><h1>Product Engineer</h1></section>
        <div class="ui-job-card-info"><div class="ui-company"><span>Attio</span></div>
        <div class="ui-location"><span>London [Remote], UK</span></div><div class="ui-contract-time">Full time</div>
        <time datetime="2025-04-20">20 April 2025</time></div>
        <div class="ui-job-description"><p>Attio is the CRM built for the AI era, designed for the most ambitious teams.</p>
        <p>Learn and grow from some of the best technical talent working in the industry today.</p></div>
        <div class="ui-job-card"><h3>Data Engineer</h3><p>Leeds, UK</p><p>Part time</p><p>1 May 2025</p></div></main></body></html>"#;
    // WHEN it is extracted
    let p = x(html);
    // THEN the card's place, type and date are the job's, and "today" is not its date
    assert_eq!(places(&p), vec![(Some("London"), None, Some("GB"))]);
    // AND the organisation is who the page title says the job is at, not the board
    assert_eq!(p.organization.as_deref(), Some("Attio"));
    assert_eq!(p.employment_type.as_deref(), Some("full-time"));
    assert_eq!(p.date_posted, day(2025, 4, 20));
}

#[test]
fn a_menu_item_is_no_label() {
    // GIVEN a careers site whose menu links "Locations" and "Early Careers",
    // and a posting that names no place
    let html = r#"<html><head><title>Data Engineer | Acme Careers</title></head><body>
        <div class="menu"><ul><li><a href="/teams">Teams</a></li><li><a href="/locations">Locations</a></li>
        <li><a href="/early-careers">Early Careers</a></li></ul></div>
        <h1>Data Engineer</h1><div class="job-description"><p>Build the pipelines that feed our products,
        from ingestion to the warehouse, with a small team that owns its systems end to end.</p>
        <p><b>Employment type:</b> Full-time</p></div></body></html>"#;
    // WHEN it is extracted
    let p = x(html);
    // THEN the menu labels nothing: no place is made of "Early Careers"
    assert_eq!(places(&p), vec![]);
    assert_eq!(p.employment_type.as_deref(), Some("full-time"));
}

#[test]
fn a_logo_heading_is_no_title_and_a_header_in_an_aside_is_the_jobs() {
    // GIVEN an Avature-style page: the site's logo is an h1 inside the home
    // link, the job's header (title and labelled facts) sits in an
    // `<aside>`, and the page title ends in a requisition number and brand
    let html = r#"<html><head><title>Operational Technology (OT) Security Engineer - - 161128 - Koch</title>
        <meta property="og:title" content="Operational Technology (OT) Security Engineer"></head><body>
        <div class="header__logo"><a href="/"><h1>Koch Home Page</h1></a></div>
        <nav><ul><li><a href="/jobs">Jobs</a></li></ul></nav>
        <div class="grid"><aside class="aside"><a href="/search">&lt; Back to Search Results</a>
        <h2 class="banner__text__title">Operational Technology (OT) Security Engineer</h2>
        <div class="field"><span class="label">Location(s)</span><div>Zhuhai, Guangdong</div></div>
        <div class="field"><span class="label">Job Number</span><div>161128</div></div></aside>
        <article><h3>Your Job</h3><p>As an OT Security Engineer at Molex, you will protect our manufacturing
        networks, from the plant floor to the data centre, with a worldwide security team.</p></article></div></body></html>"#;
    // WHEN it is extracted
    let p = x(html);
    // THEN the title is the job's, the organisation is the brand, not the
    // requisition number, and the aside's labelled place is read
    assert_eq!(p.title.as_deref(), Some("Operational Technology (OT) Security Engineer"));
    assert_eq!(p.organization.as_deref(), Some("Koch"));
    assert_eq!(places(&p), vec![(Some("Zhuhai"), Some("Guangdong"), Some("CN"))]);
}

#[test]
fn a_boards_prefix_on_the_heading_and_its_own_name_are_not_the_jobs() {
    // GIVEN a Jobindex view: "Job ad:" before the title in the h1, the
    // board's name as the site name, and the employer in a BEM "__company"
    let html = r#"<html><head><title>Senior Backend Engineer - 1683131 | Jobindex</title>
        <meta property="og:site_name" content="Jobindex"></head><body><main>
        <h1 class="sr-only">Job ad: Senior Backend Engineer</h1>
        <div class="jix-toolbar-top__company"><a href="https://example.com/career">Whiteaway Group</a></div>
        <div class="PaidJob-inner"><h4>Senior Backend Engineer</h4><p>Aarhus N</p>
        <p>You will become a key part of shaping our technical ecosystem, driving the performance of our platform.</p>
        <p>Published: 15-07-2026</p></div></main></body></html>"#;
    // WHEN it is extracted
    let p = x(html);
    // THEN the title loses the prefix, and the employer is the organisation
    assert_eq!(p.title.as_deref(), Some("Senior Backend Engineer"));
    assert_eq!(p.organization.as_deref(), Some("Whiteaway Group"));
    assert_eq!(p.date_posted, day(2026, 7, 15));
}

#[test]
fn chinese_boards_give_title_employer_and_the_description_a_heading_opens() {
    // GIVEN a Lagou page: the logo as the only h1, the job and employer only
    // in the page title, and the description under a "职位描述：" heading
    let lagou = r#"<html><head><title>Python工程师招聘-聚美优品招聘-拉勾网</title></head><body>
        <div class="logo"><h1>拉勾网</h1></div>
        <dl class="job_detail"><dd class="job_bt"><h3 class="description">职位描述：</h3><div>
        <p>岗位职责：</p><p>1、负责web业务系统后端架构和搭建，参与核心模块的设计、开发与性能优化；</p>
        <p>任职要求：</p><p>1、计算机及相关专业毕业，本科及以上学历，三年以上Python开发经验；</p>
        <p>2、熟练使用Python及其WEB开发框架，如django、flask等，熟悉MySQL与Redis，能独立完成模块设计与开发，有良好的编码习惯。</p></div></dd></dl>
        </body></html>"#;
    // WHEN it is extracted
    let p = x(lagou);
    // THEN the page title gives the job and the employer, and the heading's block the description
    assert_eq!(p.title.as_deref(), Some("Python工程师"));
    assert_eq!(p.organization.as_deref(), Some("聚美优品"));
    assert_eq!(p.sources["description_text"], "heading");
    assert!(p.description_text.as_deref().is_some_and(|t| t.contains("负责web业务系统后端架构")));

    // GIVEN a Liepin page whose "job-title" class is every section's heading
    let liepin = r#"<html><head><title>【市场总监招聘】广东华兰海电测科技股份有限公司广州分公司最新招聘信息-猎聘网</title></head><body>
        <div class="title-info"><h1 title="市场总监">市场总监</h1></div>
        <div class="job-item main-message"><h3 class="job-title">职位描述：</h3><div class="content content-word">
        岗位职责<br>1. 负责公司智能健康业务的市场战略和营销策略，组建和管理市场营销团队；<br>
        2. 负责公司品牌宣传、公关、活动的整体策划、资源整合以及媒介资源的开拓等工作，制定市场推广费用预算并控制执行。</div></div>
        <div class="job-item"><h3 class="job-title">企业介绍：</h3><div class="content">智能健康</div></div>
        <div class="side"><h3 class="job-title">职位发布者</h3><h3 class="job-title">推荐企业</h3></div></body></html>"#;
    // WHEN it is extracted
    let p = x(liepin);
    // THEN the h1 is the title, and the employer loses the board's words
    assert_eq!(p.title.as_deref(), Some("市场总监"));
    assert_eq!(p.organization.as_deref(), Some("广东华兰海电测科技股份有限公司广州分公司"));
    assert!(p.description_text.as_deref().is_some_and(|t| t.contains("市场战略")));

    // GIVEN a page whose description heading is wrapped on its own, the text
    // after the wrapper, and no class naming either
    let wrapped = r#"<html><head><title>「测试开发工程师招聘」_新华三技术有限公司招聘</title></head><body>
        <div class="name"><h1>测试开发工程师</h1><span class="salary">15-25K·16薪</span></div>
        <div class="job-detail-section"><div class="detail-content-header"><h3>职位描述</h3></div>
        <div class="text">1、根据产品功能及用户需求，输出产品自动化测试方案，并开发对应的自动化脚本；<br>
        2、执行自动化测试脚本，同时跟踪定位产品中的缺陷或问题，维护自动化测试环境与用例库；<br>
        3、根据业务的需求，开发定制化的测试工具，提升团队的测试效率与质量。</div></div></body></html>"#;
    // WHEN it is extracted
    let p = x(wrapped);
    // THEN the wrapper's parent is the description
    assert_eq!(p.organization.as_deref(), Some("新华三技术有限公司"));
    assert!(p.description_text.as_deref().is_some_and(|t| t.starts_with("职位描述") && t.contains("定制化的测试工具")));

    // GIVEN BOSS Zhipin's own markup: share and report links, keyword tags
    // and the recruiter's card around the posting's `job-sec-text`
    let boss = r#"<html><head><title>「测试开发工程师招聘」_新华三技术有限公司招聘-BOSS直聘</title></head><body>
        <div class="name"><h1>测试开发工程师</h1><span class="salary">15-25K·16薪</span></div>
        <div class="job-detail-section"><div class="detail-section-operate"><div class="op-links">
        <a class="link-wechat-share" href="javascript:;">微信扫码分享</a><a class="link-report" href="javascript:;">举报</a></div></div>
        <div class="detail-content-header"><h3>职位描述</h3></div><ul class="job-keyword-list"><li>Python</li><li>自动化测试</li></ul>
        <div class="job-sec-text">1、根据产品功能及用户需求，输出产品自动化测试方案，并开发对应的自动化脚本；<br>2、执行自动化测试脚本，同时跟踪定位产品中的缺陷或问题；<br>3、根据业务的需求，开发定制化的测试工具，提升团队的测试效率与质量。</div>
        <div class="job-boss-info"><h2 class="name">陈女士<span class="boss-active-time">刚刚活跃</span></h2><div class="boss-info-attr">新华三·招聘专员</div></div>
        </div></body></html>"#;
    // WHEN it is extracted
    let p = x(boss);
    // THEN the description is the posting alone
    let text = p.description_text.as_deref().unwrap_or_default();
    assert!(text.starts_with("1、根据产品功能") && text.ends_with("测试效率与质量。"), "{text}");
    assert_eq!(p.sources.get("description_text").copied(), Some("bosszhipin"));

    // GIVEN a Zhaopin page: the company's long introduction, and the job's
    // requirements under a "职位信息" heading with no class naming them
    let zhaopin = r#"<html><head><title>【高级Java开发工程师_大连饭饭网络科技股份有限公司人才招聘信息】-智联招聘</title></head><body>
        <h1>高级Java开发工程师</h1><div class="company l"><a href="/c">大连饭饭网络科技股份有限公司</a></div>
        <div class="pos-info-in"><div class="pos-info-tit"><h3 class="l">职位信息</h3><p><span>Java开发工程师</span></p></div>
        <div class="responsibility pos-common"><p>1. 3年以上Java开发经验；<br>2. 熟练掌握Java Spring MVC，MyBatis、MySql 等技术；<br>
        3. 具有丰富的代码编写经验，代码条理清晰易于维护；<br>4. 有大型项目开发经验，能够准确迅速掌握复杂业务，能够独立完成模块开发。</p></div></div>
        <div class="intro"><p>大连饭饭网络科技股份有限公司是一家大型互联网电商公司，为大连的餐饮企业及普通老百姓提供食材的采供服务，为餐饮企业、普通老百姓、食材供应商提供一个直接对接的电商供采平台。</p>
        <p>饭饭两大平台打造一个完整的餐饮供应链、社区供应链的O2O闭环营销系统，完成大连网上菜市场的构建，业务发展更迅速，更多样化。</p></div></body></html>"#;
    // WHEN it is extracted
    let p = x(zhaopin);
    // THEN the heading's block is the description, not the company's introduction
    assert_eq!(p.sources["description_text"], "heading");
    assert!(p.description_text.as_deref().is_some_and(|t| t.contains("3年以上Java开发经验") && !t.contains("餐饮")));
}

#[test]
fn an_ultipro_opportunity_is_read_from_its_script() {
    // GIVEN a UKG Pro (UltiPro) opportunity page: empty Knockout labels, an
    // unsupported-browser notice with browser logos, and the posting as the
    // argument of the page's view model, its pay range shown
    let html = r#"<html><head><title></title></head><body>
        <div class="unsupported"><img src="/firefox.png" alt="Firefox logo"><img src="/chrome.png" alt="Chrome logo"></div>
        <h1 data-bind="text: Title"></h1>
        <script>$(function () { var opportunity = new US.Opportunity.CandidateOpportunityDetail({"Id":"0b81","Title":"Payroll Specialist",
        "FullTime":false,"JobCategoryName":"Finance","Locations":[{"LocalizedDescription":"Austin office","Address":{"City":"Austin",
        "State":{"Name":"Texas","Code":"TX"},"Country":{"Name":"United States","Code":"USA"}}}],"PostedDate":"2026-02-03T10:42:18.461Z",
        "Description":"<p>Run payroll for 2,000 people across three states, and keep our records audit-ready.</p>",
        "Salaried":false,"PayRangeVisible":true,"PayRange":{"PayRangeMinimum":24.5,"PayRangeMaximum":31.0},"PayRangeCurrencyCode":"USD"},
        {"culture":"en-US"}); opportunity.init(); });</script></body></html>"#;
    // WHEN it is extracted
    let p = x(html);
    // THEN the view model gives the posting, and no browser is the employer
    assert_eq!(p.title.as_deref(), Some("Payroll Specialist"));
    assert_eq!(places(&p), vec![(Some("Austin"), Some("TX"), Some("US"))]);
    assert_eq!(p.employment_type.as_deref(), Some("part-time"));
    assert_eq!(p.date_posted, day(2026, 2, 3));
    assert_eq!(sal(&p), (Some(24.5), Some(31.0), Some("USD"), Some("hour")));
    assert!(p.description_text.as_deref().is_some_and(|t| t.starts_with("Run payroll")));
    assert_eq!(p.organization, None);
    assert_eq!(p.sources["title"], "ultipro");
    // AND a pay range the employer hides is not published
    let hidden = x(&html.replace(r#""PayRangeVisible":true"#, r#""PayRangeVisible":false"#));
    assert_eq!(hidden.salary, None);
}

#[test]
fn an_icims_jibe_posting_is_read_from_its_config() {
    // GIVEN an iCIMS Jibe career page: the site's menus, an Angular
    // placeholder, and the posting only in `window.jobDescriptionConfig`
    let html = r#"<html><head><title>Careers | Mercyhealth</title></head><body>
        <nav><a href="/">Home</a><a href="/jobs">Search jobs</a><a href="/benefits">Benefits</a></nav>
        <div class="job-description-container"><h2>{{companyName}}</h2></div>
        <script> window.jobDescriptionConfig = {"socialShare":true,"job":{"slug":"39454","category":[" Allied Health"],
        "full_location":"Harvard, Illinois","title":"Medical Laboratory Scientist","hiring_organization":"Mercyhealth",
        "employment_type":"PART_TIME","city":"Harvard","state":"Illinois","country_code":"US","department":"",
        "posted_date":"2025-04-17T18:22:00+0000","create_date":"2025-04-17T18:24:04+0000",
        "description":"Overview<br><br><p>Collect and process samples, and perform clinical laboratory procedures on the evening shift.</p>",
        "tags8":["USD $29.41/Hr - USD $44.11 /Hr."]},"sectionOrder":["description"]};</script></body></html>"#;
    // WHEN it is extracted
    let p = x(html);
    // THEN the config gives the posting
    assert_eq!(p.title.as_deref(), Some("Medical Laboratory Scientist"));
    assert_eq!(p.organization.as_deref(), Some("Mercyhealth"));
    assert_eq!(places(&p), vec![(Some("Harvard"), Some("IL"), Some("US"))]);
    assert_eq!(p.employment_type.as_deref(), Some("part-time"));
    assert_eq!(p.date_posted, day(2025, 4, 17));
    assert!(p.description_text.as_deref().is_some_and(|t| t.contains("clinical laboratory procedures")));
    assert_eq!(p.sources["title"], "jibe");
    assert_eq!(p.sources["date_posted"], "jibe");
    // AND a site's own tags are not read as facts of the posting
    assert_eq!(p.salary, None);
}

#[test]
fn labels_run_together_on_one_line_each_give_their_value() {
    // GIVEN a recruiter's page: the facts under the title as inline spans,
    // each "Label :" then its value, which a browser shows on one line
    let html = r#"<html><head><title>CTO — Scale-up SaaS | Offre Alveris</title></head><body><main>
        <h1>CTO — Scale-up SaaS</h1>
        <div><span><strong>Lieu :</strong> Paris</span>
        <span><strong>Package :</strong> 150–200 k€</span>
        <span><strong>Contrat :</strong> CDI / Full-time</span></div>
        <h2>Description du poste</h2><p>Notre client, une scale-up B2B SaaS, cherche son premier CTO externe pour une équipe de 22 ingénieurs.</p>
        </main></body></html>"#;
    // WHEN it is extracted
    let p = x(html);
    // THEN each label gives its own value: the place is Paris, not the contract
    assert_eq!(places(&p), vec![(Some("Paris"), None, Some("FR"))]);
    assert_eq!(sal(&p), (Some(150_000.0), Some(200_000.0), Some("EUR"), Some("year")));
    assert_eq!(p.employment_type.as_deref(), Some("full-time"));
    assert_eq!(p.sources["locations"], "labels");
    // AND a type of employment under a place's label is no place
    let contract_only = x(&html.replace("Paris</span>", "CDI / Full-time</span>"));
    assert_eq!(places(&contract_only), vec![]);
    // AND a table's head ("Location" / "Age" / "Marks") gives no place
    let head = x(&html.replace(
        "<span><strong>Lieu :</strong> Paris</span>",
        "<table><tr><th>Location</th><th>Age</th><th>Marks</th></tr></table>",
    ));
    assert_eq!(places(&head), vec![]);
}

#[test]
fn a_board_heading_the_job_with_its_employer_names_the_job_in_its_page_title() {
    // GIVEN a student job board: the page title "Job at Employer, Place |
    // Board", an h1 of the employer, and a "job-title-block" holding the h1
    // and the facts under it
    let html = r#"<html><head><title>CA Articleship at ComplianceBridge Services, Noida, Uttar Pradesh, India | My Student Club</title></head>
        <body><a href="/jobs">Back to Jobs</a><div class="job-title-block"><div class="logo">C</div>
        <h1>ComplianceBridge Services</h1><div class="job-meta-row"><div class="job-meta-item"><span>Noida, Uttar Pradesh, India</span></div>
        <div class="job-meta-item"><span>Posted 1 day ago</span></div><div class="job-meta-item"><span>Direct Tax</span></div></div></div>
        <div class="description-section"><h2>Job Description</h2><div class="description-content"><p>ComplianceBridge Services is a
        professional firm specializing in taxation services for individuals and businesses. As an articled assistant you will
        prepare income tax returns, assist with tax audits and draft replies to notices under the guidance of a partner.</p></div></div>
        </body></html>"#;
    // WHEN it is extracted
    let p = x(html);
    // THEN the job is the page title's, before " at ", and the h1 is the employer
    assert_eq!(p.title.as_deref(), Some("CA Articleship"));
    assert_eq!(p.organization.as_deref(), Some("ComplianceBridge Services"));
    assert_eq!(places(&p), vec![(Some("Noida"), Some("Uttar Pradesh"), Some("IN"))]);
    // AND the header block is not read as one long title
    let no_page_title = x(&html.replace(" at ComplianceBridge Services,", ","));
    assert_eq!(no_page_title.title.as_deref(), Some("ComplianceBridge Services"));
    // AND under an employer's h1 by its legal form, the place the page
    // title repeats is not the job
    let legal = x(&html
        .replace(
            "CA Articleship at ComplianceBridge Services, Noida, Uttar Pradesh, India",
            "Z-TECH (India) Ltd. - Chhatarpur, India",
        )
        .replace("<h1>ComplianceBridge Services</h1>", "<h1>Z-TECH (India) Ltd.</h1>")
        .replace("<span>Noida, Uttar Pradesh, India</span>", "<span>Chhatarpur, India</span>"));
    assert_ne!(legal.title.as_deref(), Some("Chhatarpur, India"));
    assert_eq!(places(&legal), vec![(Some("Chhatarpur"), None, Some("IN"))]);
}

#[test]
fn an_employer_in_the_page_title_loses_its_place_in_parentheses_whole() {
    // GIVEN a board's page title "Job — Employer (Region (Province)) | Board",
    // the region's name hyphenated
    let html = r#"<html><head><title>Contremaître - Construction résidentielle — Terrain Dev Construction (Capitale-Nationale (Québec)) | JobCCQ</title></head>
        <body><main><h1>Contremaître - Construction résidentielle</h1><p>Temps plein</p>
        <h2>Description du poste</h2><p>Nous sommes à la recherche d'un contremaître pour nos chantiers résidentiels de la région de Québec.</p>
        </main></body></html>"#;
    // WHEN it is extracted
    let p = x(html);
    // THEN the employer is the name, not cut inside its note
    assert_eq!(p.organization.as_deref(), Some("Terrain Dev Construction"));
    // AND a note that is no place stays part of the name
    let named = x(&html.replace("(Capitale-Nationale (Québec))", "(Groupe Alpha)"));
    assert_eq!(named.organization.as_deref(), Some("Terrain Dev Construction (Groupe Alpha)"));
}

#[test]
fn words_abutting_the_title_in_the_page_title_are_the_employer_only_when_nothing_else_is() {
    // GIVEN a page title whose job part holds more than the job
    // ("Interactive … Dubai") before the employer's part
    let page = |title: &str, og: &str| {
        format!(
            r#"<html><head><title>{title}</title><meta property="og:title" content="{og}"></head>
            <body><main><p>Full-time</p><h2>About the role</h2><p>You design the interactive installations we build for
            exhibitions and events, from the first sketch to the finished machine on site.</p></main></body></html>"#
        )
    };
    // WHEN it is extracted
    let wim = x(&page("Interactive Design Engineer Dubai | WIM", "Design Engineer"));
    // THEN the employer is the part set apart from the title
    assert_eq!(wim.title.as_deref(), Some("Design Engineer"));
    assert_eq!(wim.organization.as_deref(), Some("WIM"));
    // AND with nothing set apart, the word before the title is the employer
    let augur = x(&page("Augur Product Designer", "Product Designer"));
    assert_eq!(augur.organization.as_deref(), Some("Augur"));
    // AND a company by its legal form wins over a place the gazetteer
    // does not know, set apart
    let kk = x(&page("Acme GmbH Lagerhelfer - Standort Hafen Nord, 5 Min. zur S-Bahn", "Lagerhelfer"));
    assert_eq!(kk.organization.as_deref(), Some("Acme GmbH"));
    // AND German "bei" names the employer as "at" does
    let bei = x(&page("Technischer Einkäufer (m/w/d) bei Comnovo", "Technischer Einkäufer (m/w/d)"));
    assert_eq!(bei.organization.as_deref(), Some("Comnovo"));
    // AND a title shown with a full stop is found without it
    let stop = x(&page("Trabajo de Account Manager en Pudahuel | Randstad Chile", "account manager."));
    assert_eq!(stop.organization.as_deref(), Some("Randstad Chile"));
}

#[test]
fn a_block_classed_as_the_jobs_location_gives_its_known_place_without_its_label() {
    // GIVEN a career page whose facts run on one line, the place in a
    // block its class names, led by its label
    let page = |loc: &str| {
        format!(
            r#"<html><head><title>Patient Service Representative</title></head><body><main>
            <h1>Patient Service Representative</h1>
            <div class="facts"><span class="job-location"><b>Location</b> {loc}</span> <span>Business Unit</span> <span>Northwestern Medical Group</span></div>
            <h2>Description</h2><p>You welcome patients at the front desk of the immediate care center, register them and
            answer their questions, and keep the waiting room running smoothly through the day.</p></main></body></html>"#
        )
    };
    // WHEN it is extracted
    let p = x(&page("Crystal Lake, Illinois"));
    // THEN the place is the block's, its label dropped
    assert_eq!(places(&p), vec![(Some("Crystal Lake"), Some("IL"), Some("US"))]);
    assert_eq!(p.sources["locations"], "class");
    // AND a block that names no place the gazetteer knows gives none
    assert_eq!(places(&x(&page("Choose a location"))), vec![]);
}

#[test]
fn a_type_of_employment_standing_alone_in_a_typed_block_or_a_field_is_read() {
    // GIVEN a staffing agency's page whose type is a lone Spanish word in a
    // block classed as the job's type
    let page = |facts: &str| {
        format!(
            r#"<html><head><title>Analista de calidad en Las Condes | Randstad Chile</title></head><body><main>
            <h1>analista de calidad.</h1>{facts}
            <h2>detalles del trabajo</h2><p>Buscamos un analista de calidad para una empresa líder del sector
            alimentario, que controle los procesos de producción y proponga mejoras continuas.</p></main></body></html>"#
        )
    };
    // WHEN it is extracted
    let typed = x(&page(r#"<ul><li class="job-type"><a href="/temporal">temporal</a></li></ul>"#));
    // THEN the word is the type
    assert_eq!(typed.employment_type.as_deref(), Some("temporary"));
    // AND so it is as a labelled field
    let field = x(&page("<p>Tipo de empleo: Temporal</p>"));
    assert_eq!(field.employment_type.as_deref(), Some("temporary"));
    // AND in running text the word names no type ("Temporal" is a company)
    let text = x(&page("<p>Trabajarás con Temporal, nuestra plataforma de flujos.</p>"));
    assert_eq!(text.employment_type, None);
}

#[test]
fn dates_labelled_without_a_colon_under_the_title_and_a_lower_case_city_are_read() {
    // GIVEN a staffing agency's page written all in lower case, its dates
    // labelled in Spanish with no colon, and a bare-dollar pay
    let html = r#"<html><head><title>Trabajo de Analista en Las Condes | Randstad Chile</title></head><body><main>
        <h1>analista calidad de clientes (proyecto).</h1>
        <p>las condes, región metropolitana de santiago</p><p>publicado el 13 enero 2025</p>
        <p>finaliza el 12 febrero 2025</p><p>$840.000 - $850.000 por mes</p>
        <h2>detalles del trabajo</h2><p>Buscamos un analista de calidad para una empresa líder del sector
        alimentario, que controle los procesos de producción y proponga mejoras continuas.</p></main></body></html>"#;
    // WHEN it is extracted
    let p = x(html);
    // THEN the city and its region are known and capitalised as their names
    // are, and its country's peso is the currency
    assert_eq!(places(&p), vec![(Some("Las Condes"), Some("Región Metropolitana de Santiago"), Some("CL"))]);
    assert_eq!(sal(&p), (Some(840000.0), Some(850000.0), Some("CLP"), Some("month")));
    // AND the posting and closing dates are read
    assert_eq!(p.date_posted, day(2025, 1, 13));
    assert_eq!(p.valid_through.map(|t| t.date_naive()), day(2025, 2, 12));
}

#[test]
fn pay_under_the_title_per_a_qualified_interval_is_read() {
    // GIVEN a range under the title whose interval has a qualifier
    let html = r#"<html><head><title>Butcher | Aisthis</title></head><body><main><h1>Butcher</h1>
        <p>📍 Belgium</p><p>€20–€28 per recorded hour</p>
        <h2>How it works</h2><p>Wear smart glasses and a wristband while you work, and record sessions from thirty
        minutes up; all recordings are anonymised before anyone sees them.</p></main></body></html>"#;
    // WHEN it is extracted
    let p = x(html);
    // THEN the qualifier is the interval's, not words beside the pay
    assert_eq!(sal(&p), (Some(20.0), Some(28.0), Some("EUR"), Some("hour")));
}

#[test]
fn a_known_place_in_the_page_title_is_where_when_the_page_says_nowhere_else() {
    // GIVEN a page title that names a city beside the job, and a body that
    // names no place
    let page = |title: &str, body: &str| {
        format!(
            r#"<html><head><title>{title}</title><meta property="og:title" content="Design Engineer"></head>
            <body><main>{body}<h2>About the role</h2><p>You design the interactive installations we build for
            exhibitions and events, from the first sketch to the finished machine on site.</p></main></body></html>"#
        )
    };
    // WHEN it is extracted
    let dubai = x(&page("Interactive Design Engineer Dubai | WIM", "<p>Full-time</p>"));
    // THEN the city is the place
    assert_eq!(places(&dubai), vec![(Some("Dubai"), None, Some("AE"))]);
    // AND the page's own place wins over the page title's
    let shown = x(&page("Interactive Design Engineer Dubai | WIM", "<p>Location: Abu Dhabi</p>"));
    assert_eq!(places(&shown), vec![(Some("Abu Dhabi"), None, Some("AE"))]);
    // AND a board or an employer named after a city is no place
    for title in [
        "Design Engineer | Built In San Francisco",
        "Design Engineer - ComplianceBridge Services, Noida, Uttar Pradesh, India",
        "Design Engineer - Great Place To Work India",
    ] {
        assert_eq!(places(&x(&page(title, "<p>Full-time</p>"))), vec![], "{title}");
    }
}

#[test]
fn a_page_whose_body_class_names_its_cookie_state_is_read() {
    // GIVEN a WordPress job page whose <body> class says the visitor has
    // set no cookies yet ("cookies-not-set"), and a real cookie banner
    let html = r#"<html><head><title>Technischer Einkäufer (m/w/d) • Comnovo</title></head>
        <body class="jobs-template-default single single-jobs cookies-not-set">
        <div class="jobs__header"><h1>Technischer Einkäufer (m/w/d)</h1><p>Vollzeit · Dortmund</p></div>
        <div class="jobs__content"><h2>Deine Aufgaben</h2><p>Du verhandelst mit unseren Lieferanten Preise, Mengen und
        Liefertermine für die Bauteile unserer Assistenzsysteme und baust das Lieferantennetz in Dortmund weiter aus.</p>
        <h2>Dein Profil</h2><p>Du hast eine kaufmännische oder technische Ausbildung und erste Erfahrung im Einkauf
        elektronischer Bauteile. Du arbeitest strukturiert und verhandelst gern.</p></div>
        <div id="cookie-notice"><p>Diese Internetseite verwendet Cookies.</p><a href="/ok">Ok</a></div>
        </body></html>"#;
    // WHEN it is extracted
    let p = x(html);
    // THEN the lines under the title are read as the job's own
    assert_eq!(p.title.as_deref(), Some("Technischer Einkäufer (m/w/d)"));
    assert_eq!(p.employment_type.as_deref(), Some("full-time"));
    assert_eq!(places(&p), vec![(Some("Dortmund"), None, Some("DE"))]);
}

#[test]
fn pay_written_per_hour_with_its_code_on_each_bound_is_one_range() {
    // GIVEN a job page whose facts under the title hold the pay range
    // with a currency code and a unit after each bound
    let html = r#"<html><head><title>Patient Access Lead</title></head><body><main>
        <h1>Patient Access Lead</h1><ul><li>Rockford, Illinois</li><li>Active Full-Time Hourly</li>
        <li>USD $23.18/Hr - USD $34.78 /Hr.</li></ul>
        <h2>Overview</h2><p>Plans and supervises the activities of the patient access team on the second shift.</p>
        </main></body></html>"#;
    // WHEN it is extracted
    let p = x(html);
    // THEN both bounds and the unit are the pay (the slash before "Hr" separates no facts)
    assert_eq!(sal(&p), (Some(23.18), Some(34.78), Some("USD"), Some("hour")));
}

#[test]
fn a_slovak_posting_gives_its_monthly_pay_and_its_city_not_its_street() {
    // GIVEN a Profesia page: microdata with a street address run into
    // "city-district-region", and pay under "Mzdové podmienky (brutto)"
    let html = r#"<html><head><title>Office Manažér - FEDORS Group | PROFESIA.SK</title></head><body>
        <div itemscope itemtype="http://schema.org/JobPosting"><h1 itemprop="title">Office Manažér</h1>
        <span itemprop="hiringOrganization">FEDORS Group, s. r. o.</span>
        <div itemprop="jobLocation" itemscope itemtype="http://schema.org/Place"><span itemprop="address">Chalupkova 4, Bratislava-Staré Mesto-Bratislava</span></div>
        <h4>Mzdové podmienky (brutto)</h4><p>2 000 EUR/mesiac</p>
        <div itemprop="description"><p>Hľadáme skúsenú, dynamickú a zodpovednú Office Manažérku, ktorá zabezpečí hladký chod kancelárie.</p></div></div>
        </body></html>"#;
    // WHEN it is extracted
    let p = x(html);
    // THEN the city is Bratislava, and the pay is a month's in euros
    assert_eq!(places(&p), vec![(Some("Bratislava"), None, Some("SK"))]);
    assert_eq!(sal(&p), (Some(2000.0), Some(2000.0), Some("EUR"), Some("month")));
}

#[test]
fn a_careers_site_named_in_the_page_title_names_its_owner() {
    // GIVEN a company's own careers site: "Title — Google Careers"
    let html = r#"<html><head><title>Software Engineer, GPU System Software — Google Careers</title></head><body>
        <h2>Software Engineer, GPU System Software</h2><p>Taipei, Taiwan</p>
        <div class="description"><p>Design, develop and maintain the system software stack for GPU systems in our data centres.</p></div>
        </body></html>"#;
    // WHEN it is extracted
    let p = x(html);
    // THEN the site's owner is the organisation
    assert_eq!(p.organization.as_deref(), Some("Google"));
}

#[test]
fn a_labelled_company_fills_the_gap_but_a_forms_fields_label_nothing() {
    // GIVEN a Monster-style summary: "Company" over the employer's name, and
    // a search form whose "Company" field is followed by its button
    let html = r#"<html><head><title>Find Jobs - Network Administrator Jobs in Warwick, Rhode Island - Monster</title></head><body>
        <form action="/search"><label>Location</label><p>Anywhere</p><label>Company</label><button>Clear text</button></form>
        <h1>Network Administrator</h1>
        <dl><dt>Company</dt><dd>Picerne Real Estate Group</dd><dt>Location</dt><dd>Warwick, RI 02886</dd><dt>Job Type</dt><dd>Full Time</dd></dl>
        <div class="description"><p>Maintain the network, servers and phones of our offices across New England, with a team of four.</p></div>
        </body></html>"#;
    // WHEN it is extracted
    let p = x(html);
    // THEN the labelled employer is the organisation ("Find Jobs" names no
    // one), and the form's fields give nothing
    assert_eq!(p.organization.as_deref(), Some("Picerne Real Estate Group"));
    assert_eq!(places(&p), vec![(Some("Warwick"), Some("RI"), Some("US"))]);

    // GIVEN an ASP.NET page: everything, the job included, inside one form
    let aspnet = r#"<html><head><title>Recruitment</title></head><body><form id="aspnetForm" method="post">
        <h1>Civil Engineer</h1><p>Company</p><p>Government Tenders Department</p><p>Location</p><p>Amman, Jordan</p>
        <div class="description"><p>Design and supervise road and building works for the government's tender projects.</p></div>
        </form></body></html>"#;
    // WHEN it is extracted
    let p = x(aspnet);
    // THEN its labels are read
    assert_eq!(p.organization.as_deref(), Some("Government Tenders Department"));
    assert_eq!(places(&p), vec![(Some("Amman"), None, Some("JO"))]);
}

#[test]
fn a_job_overview_sidebar_gives_the_jobs_own_facts_and_other_sidebars_do_not() {
    // GIVEN a WordPress job theme's page: the job's facts in a "Job
    // Overview" widget of the sidebar, and other jobs in another aside
    let page = |heading: &str| {
        format!(
            r#"<html><head><title>Front End Developer - Cariera</title></head><body><h1>Front End Developer</h1>
            <div class="description">{PROSE}</div>
            <aside><h3>{heading}</h3><ul><li><h5>Date Posted</h5><span>January 2, 2024</span></li>
            <li><h5>Location</h5><span>Amsterdam, Netherlands</span></li></ul></aside>
            <aside><h3>Related Jobs</h3><ul><li>Date Posted</li><li>March 3, 2023</li><li>Location</li><li>Milan, Italy</li></ul></aside>
            </body></html>"#
        )
    };
    // WHEN it is extracted
    let p = x(&page("Job Overview"));
    // THEN the widget's date and place are the job's
    assert_eq!(p.date_posted, day(2024, 1, 2));
    assert_eq!(places(&p), vec![(Some("Amsterdam"), None, Some("NL"))]);
    // AND a government board's "Important Dates" box gives its date
    assert_eq!(x(&page("Important Dates")).date_posted, day(2024, 1, 2));
    // AND under any other heading a sidebar's facts are another job's
    let other = x(&page("Similar Jobs"));
    assert_eq!((other.date_posted, other.locations.len()), (None, 0));
}

#[test]
fn a_chilean_boards_details_give_the_way_of_working_the_place_the_type_and_the_date() {
    // GIVEN a Reqlut-style page: a "Detalles" list below the description
    // whose place starts with the way of working, whose type is a lone word
    // and whose posting date has its label and a colon
    let html = format!(
        r#"<html><head><title>Analista Comercial | Reqlut</title></head><body><h1>Analista Comercial</h1>
        <div class="description">{PROSE}</div>
        <h4>Detalles</h4><p>Ubicación</p><p>Híbrida; Providencia, Región Metropolitana, Chile</p>
        <p>Jornada</p><p>Completa</p><p>Contrato</p><p>Indefinido</p><p>Publicado el: 18 de Nov, 2024</p></body></html>"#
    );
    // WHEN it is extracted
    let p = x(&html);
    // THEN the way of working is hybrid and the place is Providencia alone
    assert_eq!(p.remote, "hybrid");
    assert_eq!(places(&p), vec![(Some("Providencia"), Some("Región Metropolitana de Santiago"), Some("CL"))]);
    // AND "Completa" is full-time, and the date is the labelled one
    assert_eq!(p.employment_type.as_deref(), Some("full-time"));
    assert_eq!(p.date_posted, day(2024, 11, 18));
    // AND a part-time "Jornada" is part-time
    let part = html.replace("<p>Completa</p><p>Contrato</p><p>Indefinido</p>", "<p>Parcial</p>");
    assert_eq!(x(&part).employment_type.as_deref(), Some("part-time"));
    // AND the same lone word in microdata's employmentType is full-time, not "other"
    let md = r#"<html><body><div itemscope itemtype="http://schema.org/JobPosting"><h1 itemprop="title">Analista</h1>
        <meta itemprop="employmentType" content="Completa"></div></body></html>"#;
    assert_eq!(x(md).employment_type.as_deref(), Some("full-time"));
}

#[test]
fn a_boards_labelled_employer_beats_its_site_name_but_not_a_companys_own_brand() {
    // GIVEN a board: its site name in og:site_name and the page title, and
    // the employer under a "Company" label among the facts
    let board = |label: &str, value: &str| {
        format!(
            r#"<html><head><title>Senior Content Marketer | Video Editor Jobs</title>
            <meta property="og:site_name" content="Video Editor Jobs"></head><body>
            <h1>Senior Content Marketer</h1><dl><dt>{label}</dt><dd>{value}</dd><dt>Location</dt><dd>Remote</dd></dl>
            <div class="description">{PROSE}</div></body></html>"#
        )
    };
    // WHEN it is extracted
    let p = x(&board("Company", "Animalz"));
    // THEN the labelled employer is the organisation
    assert_eq!(p.organization.as_deref(), Some("Animalz"));
    assert_eq!(p.sources["organization"], "labels");
    // AND in the languages of Europe's boards too
    assert_eq!(x(&board("Firma", "Electra Engineering")).organization.as_deref(), Some("Electra Engineering"));
    assert_eq!(x(&board("Organization", "Punjab National Bank")).organization.as_deref(), Some("Punjab National Bank"));
    // AND a head office's address after the name is no part of it
    assert_eq!(
        x(&board("会社名", "NanoFrontier株式会社（本社：宮城県仙台市青葉区片平2-1-1）")).organization.as_deref(),
        Some("NanoFrontier株式会社")
    );
    // AND a site name's tagline is no part of it
    let tagged = board("Department", "Marketing").replace(
        r#"content="Video Editor Jobs">"#,
        r#"content="Comnovo • Innovative Assistenzsysteme für Industriefahrzeuge">"#,
    );
    let tagged = tagged.replace(" | Video Editor Jobs", "");
    assert_eq!(x(&tagged).organization.as_deref(), Some("Comnovo"));
    // AND a labelled "company" that is the job's own title names no one,
    // and the site's name stays
    assert_eq!(x(&board("Company", "Senior Content Marketer")).organization.as_deref(), Some("Video Editor"));
    // AND a recruiter named under a label does not replace the site's name
    // (the page title's site name, without its "Jobs"), but names the
    // advertiser where nothing else does
    assert_eq!(x(&board("Recruiter", "Jane Doe")).organization.as_deref(), Some("Video Editor"));
    let unnamed = board("Recruiter", "Jane Doe")
        .replace(" | Video Editor Jobs", "")
        .replace(r#"<meta property="og:site_name" content="Video Editor Jobs">"#, "");
    assert_eq!(x(&unnamed).organization.as_deref(), Some("Jane Doe"));

    // GIVEN a company's own career site: its brand in the page title, its
    // legal name with an internal code under "Company"
    let own = format!(
        r#"<html><head><title>Senior Software Engineer - IBM</title></head><body>
        <h1>Senior Software Engineer</h1><p>Company</p><p>(0147) International Business Machines Corporation</p>
        <div class="description">{PROSE}</div></body></html>"#
    );
    // WHEN it is extracted
    // THEN the brand stays, as the legal name spells it out
    assert_eq!(x(&own).organization.as_deref(), Some("IBM"));
    // AND so does a brand the label extends
    let extended = own.replace("(0147) International Business Machines Corporation", "IBM Deutschland GmbH");
    assert_eq!(x(&extended).organization.as_deref(), Some("IBM"));
    // AND where the brand is not its initials, the legal name replaces it, without its code
    let other = own.replace(" - IBM", " - Acme");
    assert_eq!(x(&other).organization.as_deref(), Some("International Business Machines Corporation"));

    // GIVEN a paragraph broken by hand, whose last word is a label's
    let dutch = format!(
        r#"<html><head><title>Java developer - Open Web</title></head><body><h1>Java developer</h1>
        <p>Wij zoeken techneuten die willen meebouwen aan ons<br>bedrijf.<br>Wie jij bent</p>
        <div class="description">{PROSE}</div></body></html>"#
    );
    // WHEN it is extracted
    // THEN the sentence's end is no label, and the next line no employer
    assert_eq!(x(&dutch).organization.as_deref(), Some("Open Web"));
}

#[test]
fn a_postcode_in_the_page_title_is_a_place_not_the_employer() {
    // GIVEN Indeed UK's "Title - Wednesbury WS10 - Indeed.co.uk"
    let html = r#"<html><head><title>Warehouse Labourer - Wednesbury WS10 - Indeed.co.uk</title></head><body>
        <h1>Warehouse Labourer</h1><p>Wednesbury WS10</p><p>£9 an hour - Permanent</p>
        <div class="description"><p>Supreme Recruitment are looking for warehouse labourers for a busy site, Monday to Friday.</p>
        <p>Salary: £9.00 per hour</p></div></body></html>"#;
    // WHEN it is extracted
    let p = x(html);
    // THEN neither the place nor the board is the organisation
    assert_eq!(p.organization, None);
    assert_eq!(sal(&p), (Some(9.0), Some(9.0), Some("GBP"), Some("hour")));
}

#[test]
fn section_headings_in_h1s_give_way_to_the_page_title() {
    // GIVEN a Dice page of 2010: every section heading an h1, the job only in
    // the page title (with the board's "jobs") and a line under it
    let html = r#"<html><head><title>Systems Engineer-Windows, Storage &amp; Virtualization a plus jobs - Dice.com</title></head><body>
        <h1>Job Overview</h1><h1>Contact Information</h1><p>Confidential Company</p>
        <h1>Job Description</h1><h2>Systems Engineer-Windows, Storage &amp; Virtualization a plus</h2><p>San Francisco, CA</p>
        <div class="description"><p>Run the Windows servers, storage and virtualisation of a busy trading floor, and plan their growth.</p></div>
        <h1>Company Overview</h1></body></html>"#;
    // WHEN it is extracted
    let p = x(html);
    // THEN the page title's job is the title, and the board is no organisation
    assert_eq!(p.title.as_deref(), Some("Systems Engineer-Windows, Storage & Virtualization a plus"));
    assert_ne!(p.organization.as_deref(), Some("Dice.com"));
}

#[test]
fn a_jobs_page_suffix_is_not_part_of_the_organisation_and_alternative_places_are_each_read() {
    // GIVEN Indeed's "Canonical - Jobs" as the hiring organisation, and a
    // StepStone ad offering "Hannover oder Münster"
    let indeed = x(&ld(
        r#"{"@type":"JobPosting","title":"Engineering Manager","hiringOrganization":{"name":"Canonical - Jobs"}}"#,
    ));
    let stepstone = x(r#"<html><head><title>Ansible Experte</title></head><body><h1>Ansible Experte (m/w/d)</h1>
        <p>Hannover oder Münster</p><p>Feste Anstellung</p><div class="description"><p>Sie sind unser Experte für die
        Einführung und Weiterentwicklung unserer Automationsstrategie mit Ansible und ServiceNow.</p></div></body></html>"#);
    // THEN the organisation is the company, and both cities are locations
    assert_eq!(indeed.organization.as_deref(), Some("Canonical"));
    assert_eq!(places(&stepstone), vec![(Some("Hannover"), None, Some("DE")), (Some("Münster"), None, Some("DE"))]);
}

#[test]
fn a_japanese_locality_with_a_note_is_read_as_an_address() {
    // GIVEN HRMOS's JSON-LD: the whole address, after a bracketed note, as the locality
    let p = x(&ld(
        r#"{"@type":"JobPosting","title":"特許スペシャリスト","jobLocation":{"@type":"Place","address":{"@type":"PostalAddress","addressLocality":"［渋谷本社］東京都渋谷区","postalCode":"1500002"}}}"#,
    ));
    // THEN the ward, the prefecture and Japan
    assert_eq!(places(&p), vec![(Some("渋谷区"), Some("東京都"), Some("JP"))]);
}

#[test]
fn an_employers_jobs_domain_names_it_and_a_job_number_names_no_one() {
    // GIVEN amazon.jobs: "Title - Job ID: 10509639 | Amazon.jobs"
    let html = r#"<html><head><title>Product Manager Technical (PMT) Intern - Summer 2027 - Job ID: 10509639 | Amazon.jobs</title>
        <meta property="og:site_name" content="Amazon.jobs"></head><body><h1>Product Manager Technical (PMT) Intern - Summer 2027</h1>
        <p>Job ID: 10509639 | Amazon.com Services LLC - A57</p><div class="section"><h2>Description</h2><p>PMTs at Amazon are the
        end-to-end owners of our software offerings, hardware, and technical services, from the first vision of a product
        to its launch and the roadmap after it.</p></div></body></html>"#;
    // WHEN it is extracted
    let p = x(html);
    // THEN the employer is Amazon, not the job's number
    assert_eq!(p.organization.as_deref(), Some("Amazon"));
}

#[test]
fn a_prefecture_names_japan_and_an_other_country_names_none() {
    // GIVEN HRMOS's address (ward and prefecture, no country) and
    // SmartRecruiters' addressCountry "OTHER"
    let hrmos = x(&ld(
        r#"{"@type":"JobPosting","title":"デザイナー","jobLocation":{"@type":"Place","address":{"addressLocality":"港区","addressRegion":"東京都"}}}"#,
    ));
    let sr = x(&ld(
        r#"{"@type":"JobPosting","title":"Intern","jobLocation":{"@type":"Place","address":{"addressLocality":"San Francisco","addressCountry":"OTHER"}}}"#,
    ));
    // THEN Japan, and the city's own country
    assert_eq!(places(&hrmos), vec![(Some("港区"), Some("東京都"), Some("JP"))]);
    assert_eq!(places(&sr), vec![(Some("San Francisco"), None, Some("US"))]);
}

#[test]
fn a_labelled_place_without_a_country_waits_for_the_facts_under_the_title() {
    // GIVEN a freelancermap project: "Rozenburg, Netherlands" under the
    // title, and "Location: Rozenburg, NetherlandsResponsibilities" run
    // together in the description
    let html = r#"<html><head><title>Site Engineer II</title></head><body><h1>Site Engineer II</h1>
        <div class="badge"><span>Rozenburg, </span><span>Netherlands</span></div>
        <div class="project-body-description">Site Engineer II<br><br>Location: Rozenburg, NetherlandsResponsibilities<br><br>
        Carry out planned and reactive maintenance on critical electrical and mechanical infrastructure at the site.</div>
        </body></html>"#;
    // WHEN it is extracted
    let p = x(html);
    // THEN the place under the title, with its country
    assert_eq!(places(&p), vec![(Some("Rozenburg"), None, Some("NL"))]);
}

#[test]
fn a_title_that_ends_with_its_employer_gives_both() {
    // GIVEN engage's heading "コーダーエンジニア / 株式会社アスパーク", and a
    // title whose slash part is no company
    let html = |h1: &str| {
        format!(
            r#"<html><head><title>求人</title></head><body><h1>{h1}</h1><div class="description"><p>Webサイト制作をはじめ、
            SNS運用・動画制作・広報支援など、クライアントのマーケティング全体を支援する体制強化を進めています。コーダーとして
            サイトの構築と運用を担当していただきます。未経験の方も歓迎します。</p></div></body></html>"#
        )
    };
    let engage = x(&html("コーダーエンジニア&nbsp;/&nbsp;株式会社アスパーク"));
    let plain = x(&html("Frontend / Backend Engineer"));
    // THEN the employer leaves the title for the organisation
    assert_eq!(
        (engage.title.as_deref(), engage.organization.as_deref()),
        (Some("コーダーエンジニア"), Some("株式会社アスパーク"))
    );
    assert_eq!(plain.title.as_deref(), Some("Frontend / Backend Engineer"));
}

#[test]
fn an_advertisements_publish_date_is_its_posting_date_and_a_policys_is_not() {
    // GIVEN WorkinDenmark's "Advertisement publish date:" over its date, and
    // a privacy policy's "Date of publication" further down
    let html = r#"<html><head><title>Assistant professor</title></head><body><h1>Assistant professor</h1>
        <p>Aarhus Universitet</p><p>Advertisement publish date:</p><p>06/05/2021</p>
        <div class="description"><p>We are seeking applicants for an assistant professor position in ultrafast
        photoelectron spectroscopy, to establish time-resolved X-ray photoemission at free electron lasers.</p></div>
        <footer><p>Privacy policy</p></footer><p>Date of publication: 07-06-2024</p></body></html>"#;
    // WHEN it is extracted
    let p = x(html);
    // THEN the advertisement's date, read day first
    assert_eq!(p.date_posted, day(2021, 5, 6));
}

#[test]
fn greenhouses_job_board_gives_its_date_and_pay_from_the_route_data() {
    // GIVEN a job-boards.greenhouse.io page: the posting rendered, and its
    // date and pay range only in `window.__remixContext`'s `jobPost`
    let html = r#"<html><head><title>Job Application for Staff+ Software Engineer at Anthropic</title></head><body>
        <h1 class="section-header">Staff+ Software Engineer, Data Infrastructure</h1>
        <script>window.__remixContext = {"basename":"/","state":{"loaderData":{"routes/$url_token_.jobs_.$job_post_id":{"jobPost":{
        "title":"Staff+ Software Engineer, Data Infrastructure","company_name":"Anthropic","job_post_location":"San Francisco, CA | Seattle, WA",
        "introduction":"<h2>About Anthropic</h2><p>Anthropic's mission is to create reliable, interpretable, and steerable AI systems.</p>",
        "content":"<h3>About the Role</h3><p>Data Infrastructure designs, operates, and scales secure systems.</p>",
        "conclusion":"<h2>Logistics</h2><p>We require at least a Bachelor's degree.</p>",
        "pay_ranges":[{"title":"Annual Salary:","min":"$405,000","max":"$485,000","currency_type":"USD"}],
        "published_at":"2025-10-27T18:54:12-04:00","employment":"hidden"}}}}};</script></body></html>"#;
    // WHEN it is extracted
    let p = x(html);
    // THEN the route data gives the date (as written, not in UTC), the pay, both places and the whole description
    assert_eq!(p.date_posted, day(2025, 10, 27));
    assert_eq!(sal(&p), (Some(405000.0), Some(485000.0), Some("USD"), Some("year")));
    assert_eq!(
        places(&p),
        vec![(Some("San Francisco"), Some("CA"), Some("US")), (Some("Seattle"), Some("WA"), Some("US"))]
    );
    let text = p.description_text.as_deref().expect("a description");
    assert!(text.starts_with("About Anthropic") && text.ends_with("Bachelor's degree."), "{text}");
    assert_eq!(p.sources["date_posted"], "greenhouse");
}

// ---- The main content block ----

/// Three paragraphs of an old board's prose, as the content block holds them.
const PROSE: &str = "<p>Are you an ambitious graduate seeking an exciting business role, supporting a project manager? This could be just for you.</p>
    <p>Our busy telecoms client, based near central Basingstoke, is looking to recruit a graduate on a permanent basis.</p>
    <p>We are looking for an ambitious, quick learner with the ability to think outside the box, and to work in a pressured environment.</p>";

#[test]
fn a_page_without_description_markup_gives_its_main_block_of_prose() {
    // GIVEN an old board's page: no class or heading names the description,
    // a menu of links, a facts list and a block of prose
    let html = format!(
        r#"<html><head><title>Project Coordinator - Office Angels</title></head><body>
        <div id="nav"><a href="/a">Find a job, today and every day of the week</a><a href="/b">Help and advice for applicants, employers and agencies</a></div>
        <div id="mainContent"><h2>Project Coordinator</h2>
        <dl><dt>Location:</dt><dd>Basingstoke, Hampshire</dd><dt>Posted:</dt><dd>12 November 2015</dd></dl>
        <div>{PROSE}</div></div>
        <p>Copyright 2015, all rights reserved, Adecco UK.</p></body></html>"#
    );
    // WHEN it is extracted
    let p = x(&html);
    // THEN the block of prose is the description, and the menu is not in it
    let text = p.description_text.as_deref().expect("a description");
    assert!(text.starts_with("Are you an ambitious graduate") && text.ends_with("pressured environment."), "{text}");
    assert_eq!(p.sources["description_text"], "content");
    assert_eq!(p.date_posted, day(2015, 11, 12));
}

#[test]
fn an_application_forms_questions_are_no_description() {
    // GIVEN an apply page: the job's header, then its application form with
    // long questions and a long statement, and a question captioned by a
    // label outside any form (a React form)
    let html = format!(
        r#"<html><head><title>Senior React Developer</title></head><body>
        <h1>Senior React Developer</h1><div>Campinas, Brazil</div><div>Full-time</div>
        <form><div><div>{PROSE}</div></div></form>
        <div><label>This role requires deep relationships within the AI ecosystem. Please briefly describe your experience, with examples, of partnerships, products and investments you led.</label>
        <label>Tell us, in a few sentences, about a project you are proud of, what you built, how, and with whom you built it.</label>
        <label>Anything else, however small, that you would like us to know about you, your work, or your plans?</label></div>
        </body></html>"#
    );
    // WHEN it is extracted
    let p = x(&html);
    // THEN the posting has its header's facts and no description
    assert_eq!(p.title.as_deref(), Some("Senior React Developer"));
    assert_eq!(p.description_text, None);
}

#[test]
fn an_asp_net_page_in_one_form_still_gives_its_block_of_prose() {
    // GIVEN an ASP.NET Web Forms page: one form (with its __VIEWSTATE)
    // wraps everything, the prose included
    let html = format!(
        r#"<html><head><title>Mainframe Developer - CoTs</title></head><body><form id="aspnetForm" method="post">
        <input type="hidden" name="__VIEWSTATE" value="/wEPDwUKMTY1">
        <h1>Mainframe Developer</h1><div>Location: Kansas City, MO</div><div>{PROSE}</div></form></body></html>"#
    );
    // WHEN it is extracted
    let p = x(&html);
    // THEN the block of prose is the description
    let text = p.description_text.as_deref().expect("a description");
    assert!(text.starts_with("Are you an ambitious graduate"), "{text}");
}

#[test]
fn an_article_with_a_heading_and_prose_is_no_posting() {
    // GIVEN a page that is only a heading and a block of prose (a blog post)
    let html =
        format!(r#"<html><head><title>Our year</title></head><body><h1>Our year</h1><div>{PROSE}</div></body></html>"#);
    // WHEN it is extracted
    // THEN it is not a job posting: a main content block alone makes none
    assert!(extract(&html, &ctx()).is_none());
}

#[test]
fn a_labels_note_on_the_pay_period_applies_to_its_value() {
    // GIVEN pay labels that carry the period in a note, the value on the
    // next line or after the colon
    let annual = r#"<html><head><title>Project Coordinator</title></head><body><h1>Project Coordinator</h1>
        <dl><dt>Location:</dt><dd>Basingstoke, Hampshire</dd><dt>Salary: (Per Annum) :</dt><dd>£25,000 - 40,000</dd></dl></body></html>"#;
    let hourly = r#"<html><head><title>Warehouse Operative</title></head><body><h1>Warehouse Operative</h1>
        <p>Location: Leeds</p><p>Pay (per hour): £12.50</p></body></html>"#;
    // WHEN they are extracted
    // THEN the label is read without its note, and the note gives the period
    assert_eq!(sal(&x(annual)), (Some(25000.0), Some(40000.0), Some("GBP"), Some("year")));
    assert_eq!(sal(&x(hourly)), (Some(12.5), Some(12.5), Some("GBP"), Some("hour")));
}

#[test]
fn a_heading_that_is_all_link_is_a_logo_and_a_title_class_is_the_last_resort() {
    // GIVEN a government board's page (Work24): the site's logo as an
    // `<h1>` that is all link, a page title of breadcrumbs, and the job in
    // a `<strong class="title">`
    let html = r#"<html><head><title>채용정보 상세 | 채용정보 상세검색 | 일자리 찾기 | 채용정보</title></head><body>
        <h1><a class="go24_ci" href="javascript:void(0);" title="홈으로"><span class="blind">고용24</span></a></h1>
        <div class="box_border_type"><p class="corp_info"><strong>군산지방해양수산청</strong></p>
        <strong class="title">[장애인만 채용] 어업경영체 등록 조사원</strong></div>
        <dl><dt>임금</dt><dd>월급 218만원 ~ 218만원</dd><dt>지역</dt><dd>전북특별자치도 군산시 설림길 11</dd></dl></body></html>"#;
    // WHEN it is extracted
    let p = x(html);
    // THEN the job is the title, not the logo nor the breadcrumbs
    assert_eq!(p.title.as_deref(), Some("[장애인만 채용] 어업경영체 등록 조사원"));
    assert_eq!(p.sources["title"], "class-title");

    // GIVEN a heading that holds a link beside its own text
    let html = r#"<html><head><title>Careers</title></head><body>
        <h1>Site Engineer II <a href="/company/1">(Darwin Recruitment)</a></h1><div class="title">Related jobs</div>
        <p>Location: Rozenburg, Netherlands</p></body></html>"#;
    // WHEN it is extracted
    // THEN the heading is the title
    assert_eq!(x(html).sources["title"], "h1");
}

#[test]
fn a_place_without_a_country_takes_the_country_of_a_one_country_currency() {
    // GIVEN a UK board's page: the town with no country, the pay in pounds
    let html = r#"<html><head><title>Regional Fostering Manager</title></head><body><h1>Regional Fostering Manager</h1>
        <p>Location: Birmingham, West Midlands</p><p>Salary: £52,000 - £55,000 per annum</p></body></html>"#;
    // WHEN it is extracted
    // THEN the place is in GB, and its text is as the page wrote it
    let p = x(html);
    assert_eq!(places(&p), vec![(Some("Birmingham"), Some("West Midlands"), Some("GB"))]);
    assert_eq!(p.locations[0].text, "Birmingham, West Midlands");

    // GIVEN the same with pay in dollars, which many countries pay in
    let html = html.replace("£52,000 - £55,000", "$52,000 - $55,000");
    // WHEN it is extracted
    // THEN the country stays unknown
    assert_eq!(places(&x(&html)), vec![(Some("Birmingham"), Some("West Midlands"), None)]);
}

#[test]
fn an_apply_pages_form_and_its_notices_are_no_description() {
    // GIVEN a Lever apply page: the job's header, a form whose EEO block a
    // "description" class names, and a long privacy notice outside the form
    let html = format!(
        r#"<html><head><title>Front End Engineer</title></head><body>
        <div class="posting-headline"><h2>Front End Engineer</h2><div class="location">Baku, Azerbaijan</div></div>
        <form><div class="eeo-expandable-description"><div>Hispanic or Latino: a person of Cuban, Mexican, Puerto Rican, South or Central American, or other Spanish culture or origin, regardless of race.</div>
        <div>White (not Hispanic or Latino): a person having origins in any of the original peoples of Europe, the Middle East, or North Africa.</div></div></form>
        <div class="notice">{PROSE}</div></body></html>"#
    );
    // WHEN it is extracted
    let p = x(&html);
    // THEN it has the header's facts and no description
    assert_eq!(p.title.as_deref(), Some("Front End Engineer"));
    assert_eq!(p.description_text, None);

    // GIVEN an old board's page whose only "description" class is a short
    // tooltip, and a block of prose
    let html = format!(
        r#"<html><head><title>Project Coordinator</title></head><body><h1>Project Coordinator</h1>
        <p>Location: Basingstoke, Hampshire</p><span class="description-tip">Details</span><div>{PROSE}</div></body></html>"#
    );
    // WHEN it is extracted
    // THEN the block of prose is still the description
    assert_eq!(x(&html).sources["description_text"], "content");
}

#[test]
fn a_careers_page_heading_is_no_job_title() {
    // GIVEN a company's careers page: "Careers at OpenAI" as its heading,
    // and its openings listed under it
    let html = r#"<html><head><title>Careers | OpenAI</title></head><body><h1>Careers at OpenAI</h1>
        <p>456 jobs</p><ul><li><a href="/j/1">Account Director</a><span>San Francisco</span></li>
        <li><a href="/j/2">Research Engineer</a><span>London</span></li></ul></body></html>"#;
    // WHEN it is extracted
    // THEN it is no posting
    assert!(extract(html, &ctx()).is_none());
}

#[test]
fn a_boards_link_to_the_employers_page_under_the_title_names_the_organisation() {
    // GIVEN a board's page: the job's heading, then a link to the
    // employer's page on the same site, and nothing else naming it
    let html = r#"<html><head><title>Site Engineer II</title></head><body>
        <a href="https://www.linkedin.com/company/freelancermap">LinkedIn</a><a href="/en/companies/start/">Explore companies</a>
        <h1>Site Engineer II</h1><div><a href="/company/1645-darwin-recruitment">Darwin Recruitment</a></div>
        <div>Rozenburg, Netherlands</div><div>Freelance</div></body></html>"#;
    // WHEN it is extracted
    let p = x(html);
    // THEN that link names the organisation, not the social or site links
    assert_eq!(p.organization.as_deref(), Some("Darwin Recruitment"));
    assert_eq!(p.sources["organization"], "company-link");
}

#[test]
fn a_chinese_career_sites_name_names_its_organisation() {
    // GIVEN ASUS's career site: its page title is the site's name, the
    // job in a title class
    let html = r#"<html><head><title>華碩電腦人才招募網</title></head><body>
        <div class="job-title">機器學習/數據工程師</div><p>工作地點：臺北</p><p>工作性質：全職</p></body></html>"#;
    // WHEN it is extracted
    let p = x(html);
    // THEN the site's name gives the organisation
    assert_eq!(p.organization.as_deref(), Some("華碩電腦"));

    // GIVEN a job title that says "招聘" (hiring) after the job
    let html = r#"<html><head><title>Python工程师招聘</title></head><body><h1>Python工程师</h1><p>工作地点：成都</p></body></html>"#;
    // WHEN it is extracted
    // THEN the job is no organisation
    assert_eq!(x(html).organization, None);
}

#[test]
fn a_nextjs_shell_is_read_from_its_flight_stream() {
    // GIVEN a Next.js page whose body is an empty shell: the job's facts,
    // its text and the site's footer menu only in the flight stream
    let stream = r#"1:I[4133,["static/chunks/1.js"],"Link"]
5:T95,Acme builds delivery robots for hospitals, and we are hiring.
You will own the fleet's navigation stack, from sensors to planning, with a small team.
2:["$","section",null,{"children":[["$","h2",null,{"children":"Robotics Engineer"}],["$","div","Location",{"children":[["$","p",null,{"children":["Location",":"]}],["$","p",null,{"children":"Boston, MA"}]]}],["$","p",null,{"className":"whitespace-pre-line","children":"$5"}],["$","p",null,{"children":"About Acme"}],["$","p",null,{"children":"Acme is a robotics company of 80 people, founded in 2019 and backed by hospitals across New England."}]]}]
3:["$","$L9",null,{"columns":[["$","p",null,{"children":"Company"}],["$","$L1",null,{"href":"/about","children":"About Us"}],["$","$L1",null,{"href":"/news","children":"Newsroom"}]]}]
0:["$","main",null,{"children":["$","$L8",null,{"module":{"detail":"$2"},"children":"$3"}]}]
"#;
    let head = r#"<html><head><title>Robotics Engineer</title><meta property="og:title" content="Robotics Engineer"></head>
        <body><div id="__next"></div>"#;
    let shell = format!("{head}</body></html>");
    let page = format!("{head}{}</body></html>", flight::pushes(stream));
    // WHEN it is extracted
    // THEN the shell alone is no posting, and with its stream it is one
    assert!(extract(&shell, &ctx()).is_none());
    let p = x(&page);
    assert_eq!(p.title.as_deref(), Some("Robotics Engineer"));
    assert_eq!(places(&p), [(Some("Boston"), Some("MA"), Some("US"))]);
    let text = p.description_text.as_deref().expect("description");
    assert!(text.contains("navigation stack"), "{text}");
    // AND the paragraph under "About Acme" names the organisation, not
    // the menu's "Company" column
    assert_eq!(p.organization.as_deref(), Some("Acme"));
    assert_eq!(p.sources["organization"], "about");
}

#[test]
fn an_about_heading_names_the_organisation_only_over_a_paragraph_that_opens_with_it() {
    let page = |heading: &str, para: &str| {
        format!(
            r#"<html><head><title>Data Analyst</title></head><body><h1>Data Analyst</h1><p>Location: Leeds, UK</p>
            <h3>{heading}</h3><p>{para}</p></body></html>"#
        )
    };
    let long = " It employs 300 people across five offices and has grown every year since it was founded.";
    // GIVEN "About Northwind" over "Northwind is…", and over "At Northwind, …"
    // THEN Northwind is the organisation
    for (heading, para) in [
        ("About Northwind", "Northwind is a logistics company."),
        ("ABOUT NORTHWIND", "At Northwind, we move parcels."),
        ("Über Northwind", "Northwind ist ein Logistikunternehmen."),
    ] {
        let p = x(&page(heading, &format!("{para}{long}")));
        assert_eq!(p.organization.as_deref(), Some("Northwind"), "{para}");
    }
    // GIVEN a heading that is a phrase, or a paragraph that does not open
    // with the name
    for (heading, para) in [
        ("About the role", "The role is a data analyst's."),
        ("About Us", "Us and our partners build logistics software."),
        ("About Our Team", "Our Team is small."),
        ("About Northwind", "We are a logistics company."),
        ("About Northwind", "Northwinds of change."),
    ] {
        // THEN no organisation is read from it
        assert_eq!(x(&page(heading, &format!("{para}{long}"))).organization, None, "{heading} / {para}");
    }
}

#[test]
fn a_heading_over_a_column_of_links_labels_nothing() {
    // GIVEN a footer column: "Company" over the links "About Globex" and
    // "Newsroom", on a page that names no employer
    let html = format!(
        r#"<html><head><title>Warehouse Operative</title></head><body><h1>Warehouse Operative</h1>
        <p>Location: Wednesbury</p><div>{PROSE}</div>
        <div><p>Company</p><a href="/about">About Globex</a><a href="/news">Newsroom</a></div></body></html>"#
    );
    // WHEN it is extracted
    // THEN the menu's first link is no organisation
    assert_eq!(x(&html).organization, None);
    // GIVEN a "Company" label over one link, the employer's page
    let html = r#"<html><head><title>Warehouse Operative</title></head><body><h1>Warehouse Operative</h1>
        <p>Company</p><a href="/c/globex">Globex Ltd</a><p>Location: Wednesbury</p></body></html>"#;
    // THEN the link names it
    assert_eq!(x(html).organization.as_deref(), Some("Globex Ltd"));
}

// ---- Old ATS pages: tables of labels, layout forms, unclosed anchors ----

#[test]
fn a_labelled_title_and_a_place_in_parts_name_the_job_on_an_old_table_page() {
    // GIVEN a BrassRing-style page: the site's name as h1 and page title, an
    // anchor left unclosed above the table, the title under a "Job Title"
    // label, and the place as "Location: City" / "Location: State" rows
    // after a US "Post Date" written month-first
    let html = r#"<html><head><title>Archstone - Job details</title></head><body>
        <a name="top"><h1>Career Opportunities</h1>
        <form name="frmJobDetail" method="post"><table>
        <tr><td>Post Date</td></tr><tr><td>12/9/2011</td></tr>
        <tr><td>Job Title</td></tr><tr><td>Door Attendant</td></tr>
        <tr><td>Job Description</td></tr><tr><td>Greet every resident and guest warmly, sign for packages and keep
        the lobby safe and welcoming on a fixed union shift schedule.</td></tr>
        <tr><td>Location: City</td></tr><tr><td>New York</td></tr>
        <tr><td>Location: State</td></tr><tr><td>New York</td></tr>
        </table></form></body></html>"#;
    // WHEN it is extracted
    let p = x(html);
    // THEN the labelled title wins over the site's heading, and the anchor made no link of it
    assert_eq!(p.title.as_deref(), Some("Door Attendant"));
    assert_eq!(p.sources.get("title").copied(), Some("labels"));
    // AND the parts make one place, by which the date is read month-first
    assert_eq!(places(&p), vec![(Some("New York"), Some("NY"), Some("US"))]);
    assert_eq!(p.date_posted, day(2011, 12, 9));
}

#[test]
fn an_application_forms_title_field_names_no_job() {
    // GIVEN a page whose h1 is the job, and whose application form asks for
    // the applicant's title (an honorific) and a previous job title (an input)
    let html = r#"<html><head><title>Welder | Acme</title></head><body><h1>Welder</h1>
        <p>Location: Leeds, UK</p>
        <form><label>Title</label><select><option>Mr</option></select><p>Mr</p>
        <label>Job title</label><input name="prev_title"><label>Company</label><input name="prev_company">
        </form></body></html>"#;
    // WHEN it is extracted THEN the title is the page's
    assert_eq!(x(html).title.as_deref(), Some("Welder"));
}

#[test]
fn labels_inside_a_web_forms_page_are_read_and_a_placeholder_logo_names_nobody() {
    // GIVEN an ASP.NET Web Forms page (one form wraps it all) whose facts are
    // labelled inside the form, with a "Company Logo" image and British pay shorthand
    let html = r#"<html><head><title>JobOnline > Educo Ltd Maths Tutor vacancy</title></head><body>
        <img src="logo.png" alt="Company Logo"><h1>JobOnline: Find Graduate Jobs, Schemes and Internships</h1>
        <form name="aspnetForm" method="post" action="./DisplayVacancy.aspx?id=1">
        <input type="hidden" name="__VIEWSTATE" value="abc">
        <p><b>Educo Ltd Maths Tutor</b></p>
        <p>Recruiter: Educo Ltd</p><p>Salary: £15 p/hr to £30 p/hr</p><p>Location: London</p>
        <p>Job type: Temporary</p><p>Date posted: 13/10/2017</p>
        <p>We seek motivated, experienced private A Level Maths tutors to inspire our students across London.</p>
        </form></body></html>"#;
    // WHEN it is extracted
    let p = x(html);
    // THEN the labelled facts are the job's
    assert_eq!(p.organization.as_deref(), Some("Educo Ltd"));
    assert_eq!(sal(&p), (Some(15.0), Some(30.0), Some("GBP"), Some("hour")));
    assert_eq!(places(&p), vec![(Some("London"), None, Some("GB"))]);
    assert_eq!(p.employment_type.as_deref(), Some("temporary"));
    assert_eq!(p.date_posted, day(2017, 10, 13));
}

#[test]
fn a_classic_icims_page_gives_its_title_cell_and_a_country_only_location() {
    // GIVEN iCIMS's classic portal: the title in a table cell classed
    // "iCIMS_Header_JobTitle", and a location whose state and city are blank
    let html = r#"<html><head><title>Find job and career opportunities with DeVry University</title></head><body>
        <table><tr><td class="iCIMS_Header iCIMS_Header_JobTitle">Online Adjunct Faculty</td></tr>
        <tr><th class="iCIMS_JobHeaderField">Location:</th><td class="iCIMS_JobHeaderData">US-</td></tr>
        <tr><th class="iCIMS_JobHeaderField">Posted Date:</th><td class="iCIMS_JobHeaderData">4/27/2010</td></tr></table>
        <p>Teach finance courses online to working adults, following the university's curriculum guides.</p></body></html>"#;
    // WHEN it is extracted
    let p = x(html);
    // THEN the cell is the title and the location names only the country
    assert_eq!(p.title.as_deref(), Some("Online Adjunct Faculty"));
    assert_eq!(places(&p), vec![(None, None, Some("US"))]);
    assert_eq!(p.date_posted, day(2010, 4, 27));
}

#[test]
fn a_menu_link_that_says_today_dates_nothing() {
    // GIVEN a community site's page whose menu, just above the job's title,
    // links to "Today", and whose posting says when it was posted further down
    let html = r#"<html><head><title>3D Character Artist job - ModDB</title></head><body>
        <nav-like><a href="/news/today">Today</a></nav-like>
        <h1>3D Character Artist</h1>
        <p>Location: Leeds, UK</p>
        <p>Ratfish Studios is looking for an experienced 3D character artist to help with our current game.</p>
        </body></html>"#;
    // WHEN it is extracted THEN no date was taken from the menu
    assert_eq!(x(html).date_posted, None);
}

#[test]
fn a_portals_menu_of_linked_h1s_leaves_the_pages_own_h1_the_title() {
    // GIVEN a portal whose menu is 20 `<h1>` links (outside any nav
    // element), then the job's own h1, its category, and its place; the
    // page title says "Title jobs in Place at Org"
    let menu: String = (0..20).map(|i| format!(r#"<h1><a href="/area/{i}">Career area {i}</a></h1>"#)).collect();
    let html = format!(
        r#"<html><head><title>Other - QA Lead jobs in Buenos Aires at Verizon Business</title></head><body>
        <div class="menu">{menu}</div>
        <div id="main_content"><h1>QA Lead</h1><p>QA Lead| Other | Buenos Aires, B, ARGENTINA</p>
        <p>Responsible for planning and leading end to end system testing of large, complex IT projects.</p></div>
        </body></html>"#
    );
    // WHEN it is extracted
    let p = x(&html);
    // THEN the title is the page's own h1, and the organisation who the page title says the job is at
    assert_eq!(p.title.as_deref(), Some("QA Lead"));
    assert_eq!(p.organization.as_deref(), Some("Verizon Business"));
    assert_eq!(places(&p), vec![(Some("Buenos Aires"), Some("B"), Some("AR"))]);
    // AND the category "Other" is no employment type
    assert_eq!(p.employment_type, None);
}

#[test]
fn a_staffing_boards_pay_rate_and_placement_are_its_salary_and_type() {
    // GIVEN a staffing board's labels after the description: "Duration:
    // Direct Placement", "Pay Rate: $75/h"
    let duties: String = (1..=12).map(|i| format!("<li>Duty number {i} of the role</li>")).collect();
    let html = format!(
        r#"<html><head><title>Flex/Java UI developer</title></head><body><h1>Flex/Java UI developer</h1>
        <ul>{duties}</ul>
        <p><b>Location:</b><br>New York NY</p><p><b>Duration:</b><br>Direct Placement</p>
        <p><b>Pay Rate:</b><br>$75/h</p></body></html>"#
    );
    // WHEN it is extracted
    let p = x(&html);
    // THEN the rate is the hourly pay, and a direct placement a permanent (full-time) job
    assert_eq!(sal(&p), (Some(75.0), Some(75.0), Some("USD"), Some("hour")));
    assert_eq!(p.employment_type.as_deref(), Some("full-time"));
}

#[test]
fn a_chinese_ats_page_gives_its_places_and_a_colon_heading_is_no_title() {
    // GIVEN a Beisen-style job module: no page title or h1, the job in a
    // `title`-classed span, its places "北京市,湖北省-武汉市", and the
    // description's headings classed `title` too ("工作职责：") before it
    let html = r#"<html><body><div class="xiangqingtext"><p class="title">工作职责：</p>
        <p>1、参与平台控制系统软件及产品开发测试；<br>2、组织控制系统软件测试、交付、维护及试验保障。</p></div>
        <div class="boxSuper"><span class="title">软件工程师(J11999)</span></div>
        <ul><li>工作性质：</li><li>全职</li><li>发布时间：</li><li>2026-09-03</li>
        <li>工作地点：</li><li>北京市,湖北省-武汉市</li></ul></body></html>"#;
    // WHEN it is extracted
    let p = x(html);
    // THEN the title is the job's, not the heading's
    assert_eq!(p.title.as_deref(), Some("软件工程师(J11999)"));
    // AND the places are Beijing, and Wuhan in Hubei, China
    assert_eq!(places(&p), vec![(Some("北京"), None, Some("CN")), (Some("武汉"), Some("Hubei"), Some("CN"))]);
    assert_eq!(p.employment_type.as_deref(), Some("full-time"));
    assert_eq!(p.date_posted, day(2026, 9, 3));
}

#[test]
fn telework_questions_and_board_labels_give_the_way_of_working_place_type_and_date() {
    // GIVEN boards' own labels: a telework question answered yes for part of
    // the week, answered no, and answered yes; a "Workplace" that names a
    // town; working hours that name the type; Danish "Indrykket"
    let page = |facts: &str| {
        format!(
            r#"<html><head><title>Backend Engineer</title></head><body><h1>Backend Engineer</h1>{facts}
            <p>We build logistics software used by thousands of stores across the Nordics and Europe.</p></body></html>"#
        )
    };
    let part_week = x(&page("<p>Lieu: Genève</p><p>Télétravail (2j max/semaine): Oui</p>"));
    let no = x(&page("<p>Lieu: Genève</p><p>Télétravail: Non</p>"));
    let yes = x(&page("<p>Location: San Francisco, CA</p><p>Telecommute: yes</p>"));
    // (the entry date below the fold, past the lines under the title)
    let fold: String = (1..=8).map(|i| format!("<p>Task number {i} of the role.</p>")).collect();
    let denmark = x(&page(&format!(
        "<p>Workplace: Brande, Denmark.</p><p>Weekly working hours: Full time (37 hours)</p>{fold}<p>Indrykket: 14-07-2025</p>"
    )));
    // WHEN they are extracted THEN the telework answer is the way of working
    assert_eq!((part_week.remote, no.remote, yes.remote), ("hybrid", "onsite", "remote"));
    // AND a workplace that is no way of working is the place, the hours the type, and the entry date the posting's
    assert_eq!(places(&denmark), vec![(Some("Brande"), None, Some("DK"))]);
    assert_eq!(denmark.remote, "unknown");
    assert_eq!(denmark.employment_type.as_deref(), Some("full-time"));
    assert_eq!(denmark.date_posted, day(2025, 7, 14));
}

#[test]
fn a_way_of_working_named_in_the_place_counts_where_structured_data_gave_the_place() {
    // GIVEN a JSON-LD locality "Hybrid - London" on a job flagged TELECOMMUTE,
    // and a JSON-LD place with a visible label "Location: Remote, United
    // Kingdom" (GitHub's careers site)
    let in_locality = ld(r#"{"@type":"JobPosting","title":"T","jobLocationType":"TELECOMMUTE",
        "jobLocation":{"@type":"Place","address":{"addressLocality":"Hybrid - London","addressCountry":"GB"}}}"#);
    let labelled = r#"<html><head><title>Software Engineer II</title>
        <script type="application/ld+json">{"@type":"JobPosting","title":"Software Engineer II",
        "jobLocation":{"@type":"Place","address":{"addressCountry":"GB"}}}</script></head>
        <body><h1>Software Engineer II</h1><p>Location: Remote, United Kingdom</p></body></html>"#;
    // WHEN they are extracted THEN each says how the job is worked (the
    // place's "Hybrid" more specific than the flag)
    assert_eq!(x(&in_locality).remote, "hybrid");
    let p = x(labelled);
    assert_eq!(p.remote, "remote");
    // AND the structured place stands
    assert_eq!(places(&p), vec![(None, None, Some("GB"))]);
}

#[test]
fn a_chinese_boards_slashed_facts_under_the_title_give_pay_place_and_type() {
    // GIVEN Lagou's line of facts under the title, slashes between them and a
    // bare "10k-18k", and an English page whose facts hold a spaced slash
    // inside one place
    let lagou = r#"<html><head><title>Python工程师招聘-聚美优品招聘-拉勾网</title></head><body>
        <h1>Python工程师</h1><p>10k-18k /成都 / 经验3-5年 / 本科及以上 / 全职</p>
        <div class="job-detail"><p>负责公司核心业务系统的后端开发与维护，参与系统架构设计和性能优化，编写高质量的代码和文档。</p></div>
        </body></html>"#;
    let taiwan = r#"<html><head><title>ML Engineer</title></head><body><h1>ML Engineer</h1><p>臺灣 / 臺北</p>
        <p>Build machine learning pipelines for display panels with our research team in Taipei.</p></body></html>"#;
    // WHEN they are extracted
    let p = x(lagou);
    // THEN the board's monthly pay in yuan, the city and the type are read
    assert_eq!(sal(&p), (Some(10_000.0), Some(18_000.0), Some("CNY"), Some("month")));
    assert_eq!(places(&p), vec![(Some("成都"), None, Some("CN"))]);
    assert_eq!(p.employment_type.as_deref(), Some("full-time"));
    // AND a place written a level down stays one place
    assert_eq!(places(&x(taiwan)), vec![(Some("臺北"), None, Some("TW"))]);
}

// ---- Career sites' own pages: a title and a block of headed sections ----

#[test]
fn a_career_sites_own_page_whose_block_is_headed_as_a_job_description_is_a_posting() {
    // GIVEN a static career page: a heading, then prose under the sections a
    // job description has (the work, the candidate), and nothing else to go by
    let html = format!(
        r#"<html><head><title>Erfaren backend-udvikler | Pakkelabels.dk</title></head><body>
        <h1>Erfaren backend-udvikler</h1><div>{PROSE}<h2>Dine opgaver:</h2><p>Udvikle vores fragtplatform.</p>
        <h2>Om dig:</h2><p>Du har mindst 3-4 års erfaringer med backend-udvikling.</p></div></body></html>"#
    );
    // WHEN it is extracted
    let p = x(&html);
    // THEN it is a posting: its title, its employer from the page title, its block as the description
    assert_eq!(p.title.as_deref(), Some("Erfaren backend-udvikler"));
    assert_eq!(p.organization.as_deref(), Some("Pakkelabels.dk"));
    assert!(p.description_text.as_deref().is_some_and(|t| t.contains("Om dig:")), "{:?}", p.description_text);
    // AND the same block headed only as a careers page is (benefits, how to apply) makes none
    let landing = html.replace("Dine opgaver:", "Benefits").replace("Om dig:", "How to apply");
    assert!(extract(&landing, &ctx()).is_none());
}

#[test]
fn a_heading_that_names_the_employer_after_at_gives_the_title_and_the_employer() {
    // GIVEN Work at a Startup's heading "Title at Company(batch)", its page
    // title "Title at Company | Site", and the job's chips beside each other
    // ("IN / Remote (IN)" | "Full-time")
    let html = format!(
        r#"<html><head><title>Backend Engineer (India) at VectorShift | Y Combinator's Work at a Startup</title>
        <meta property="og:site_name" content="Y Combinator's Work at a Startup"></head><body>
        <h1>Backend Engineer (India) at <a href="/companies/vectorshift">VectorShift</a>(S23)</h1>
        <div><span>$20K - $30K</span></div><div><span><span>IN / Remote (IN)</span></span><span>Full-time</span></div>
        <div>{PROSE}<h2>Responsibilities:</h2><p>Lead.</p><h2>Requirements:</h2><p>Python.</p></div></body></html>"#
    );
    // WHEN it is extracted
    let p = x(&html);
    // THEN the title is the job's and the employer the page title's, not the site's
    assert_eq!(p.title.as_deref(), Some("Backend Engineer (India)"));
    assert_eq!(p.organization.as_deref(), Some("VectorShift"));
    // AND the chips are read apart: a country, remote, full-time
    assert_eq!(places(&p), vec![(None, None, Some("IN"))]);
    assert_eq!(p.remote, "remote");
    assert_eq!(p.employment_type.as_deref(), Some("full-time"));
}

#[test]
fn a_breadcrumb_page_title_gives_the_title_it_ends_with_and_a_tagline_is_no_employer() {
    // GIVEN a page title "Site » Title" over an empty logo heading and the
    // title shown as an h2, and a page whose og:title adds the site's tagline
    let agora = format!(
        r#"<html><head><title>Agora » DevOps Engineer</title></head><body><h1><img src="logo.png"></h1>
        <h2>DevOps Engineer</h2><div>{PROSE}<h3>Job Responsibilities</h3><p>Run.</p><h3>Job Requirements</h3><p>Linux.</p></div></body></html>"#
    );
    let crunch = r#"<html><head><title>Crunch | Python Developer</title>
        <meta property="og:title" content="Python Developer &middot; Online survey data analysis"></head><body>
        <h1>Python Developer</h1><p>Work location: Anywhere, 100% remote</p></body></html>"#
        .replace("</body>", "<p>Salary: $90,000</p></body>");
    // WHEN they are extracted
    let p = x(&agora);
    // THEN the breadcrumb's last piece is the title, its first the employer
    assert_eq!(p.title.as_deref(), Some("DevOps Engineer"));
    assert_eq!(p.organization.as_deref(), Some("Agora"));
    // AND the tagline names nobody: the page title's other piece does
    assert_eq!(x(&crunch).organization.as_deref(), Some("Crunch"));
}

#[test]
fn a_lower_case_note_and_a_slashed_work_mode_are_not_the_city() {
    // GIVEN places with a note in lower case and a work mode before a slash
    let note = r#"<html><head><title>CSM</title></head><body><h1>CSM</h1>
        <p>Work Location: Remote, United States, preferably EST or CST time zones</p></body></html>"#;
    let slashed = r#"<html><head><title>AI Engineer</title></head><body><h1>AI Engineer</h1>
        <p>Remote / Toronto, ON</p><p>Full-time</p></body></html>"#;
    // WHEN they are extracted THEN only the places remain
    assert_eq!(places(&x(note)), vec![(None, None, Some("US"))]);
    assert_eq!(places(&x(slashed)), vec![(Some("Toronto"), Some("ON"), Some("CA"))]);
}

#[test]
fn a_labelled_pay_in_lakhs_or_from_to_and_the_type_of_job_are_read() {
    // GIVEN Indian pay in lakhs a year, and a Latvian range "from … up to …" in
    // a table of labels with the "Type of job"
    let lpa = r#"<html><head><title>DevOps Engineer</title></head><body><h1>DevOps Engineer</h1>
        <p>Pay Range:</p><p>1.6+ LPA CTC</p></body></html>"#;
    let riga = format!(
        r#"<html><head><title>Software Engineer</title></head><body><h1>Software Engineer</h1><div>{PROSE}{PROSE}{PROSE}{PROSE}</div>
        <dl><dt>Salary</dt><dd>from 800 up to 1500 EUR (net)</dd><dt>Type of job</dt><dd>full-time</dd></dl></body></html>"#
    );
    // WHEN they are extracted
    // THEN the lakhs are rupees a year, a floor
    assert_eq!(sal(&x(lpa)), (Some(160_000.0), None, Some("INR"), Some("year")));
    // AND the range has both ends and its currency, and the type is read
    let p = x(&riga);
    assert_eq!(sal(&p), (Some(800.0), Some(1500.0), Some("EUR"), None));
    assert_eq!(p.employment_type.as_deref(), Some("full-time"));
}

#[test]
fn a_careers_sites_table_of_facts_gives_its_city_list_pay_bounds_and_hyphenated_date() {
    // GIVEN IBM's facts: labels naming several fields ("City / Township /
    // Village"), a list of cities apart from a list of states, pay as two
    // labelled bounds, and a date written "03-Aug-2026"
    let html = format!(
        r#"<html><head><title>Data Engineer - 119566 - IBM</title></head><body><h1 class="title">Data Engineer</h1>
        <div class="description">{PROSE}</div><div>
        <p>Date posted</p><p>03-Aug-2026</p>
        <p>City / Township / Village</p><p>Hampton, Reston, McLean</p>
        <p>State / Province</p><p>Virginia, Maryland</p><p>Country</p><p>United States</p>
        <p>Projected Minimum Salary per year</p><p>144,000.00</p>
        <p>Projected Maximum Salary per year</p><p>268,000.00</p></div></body></html>"#
    );
    // WHEN it is extracted (after the date)
    let ctx = Context::new(None, DateTime::parse_from_rfc3339("2026-08-10T12:00:00Z").unwrap().with_timezone(&Utc));
    let p = extract(&html, &ctx).expect("a posting");
    // THEN each city is a place in the country, the bounds a yearly range
    // in the country's money (the page names none), the date read
    assert_eq!(
        places(&p),
        vec![
            (Some("Hampton"), None, Some("US")),
            (Some("Reston"), None, Some("US")),
            (Some("McLean"), None, Some("US"))
        ]
    );
    assert_eq!(sal(&p), (Some(144_000.0), Some(268_000.0), Some("USD"), Some("year")));
    assert_eq!(p.date_posted, day(2026, 8, 3));
    // AND an application's questions about pay are no bounds
    let asked = html
        .replace(
            "<p>Projected Minimum Salary per year</p><p>144,000.00</p>",
            "<p>Minimum salary expectations: $50,000</p>",
        )
        .replace("<p>Projected Maximum", "<form><label>Maximum salary</label><input name=\"max\"><p>Projected Maximum")
        .replace("268,000.00</p>", "268,000.00</p></form>");
    assert!(extract(&asked, &ctx).expect("a posting").salary.is_none());
}

#[test]
fn an_old_boards_table_of_labels_with_an_empty_pay_gives_no_pay_and_the_employer() {
    // GIVEN RightITjobs (2010): a page title "Board Job Search Title Employer",
    // labels in cells ("Company's Name", "Employment Types", "Creation
    // Date"), and a pay label left empty above "Required Experience" / "4 years"
    let html = format!(
        r#"<html><head><title>IT Job Search QA Software Tester Blueprint Consulting LLC</title></head><body>
        <h1>QA Software Tester</h1><div>{PROSE}{PROSE}{PROSE}{PROSE}</div><table>
        <tr><td>Company's Name</td><td>Blueprint Consulting LLC</td></tr>
        <tr><td>Location</td><td>Phoenix,United States</td></tr>
        <tr><td>Salary Range</td><td></td></tr><tr><td>Required Experience</td><td>4 years</td></tr>
        <tr><td>Employment Types</td><td>Full-Time</td></tr>
        <tr><td>Creation Date</td><td>2010-06-25 00:12:45</td></tr></table></body></html>"#
    );
    // WHEN it is extracted
    let p = x(&html);
    // THEN the employer is the posting's, not the board's search page
    assert_eq!(p.organization.as_deref(), Some("Blueprint Consulting LLC"));
    // AND years of experience are no pay; the type and the date are read
    assert!(p.salary.is_none(), "{:?}", p.salary);
    assert_eq!(p.employment_type.as_deref(), Some("full-time"));
    assert_eq!(p.date_posted, day(2010, 6, 25));
    // AND where the page title names no employer, the label does
    let untitled = html.replace("IT Job Search QA Software Tester Blueprint Consulting LLC", "QA Software Tester");
    assert_eq!(x(&untitled).organization.as_deref(), Some("Blueprint Consulting LLC"));
}

#[test]
fn a_themes_sample_json_ld_that_the_page_never_shows_is_not_read() {
    // GIVEN a board's job page whose template still carries the theme's
    // sample JSON-LD: another title, employer, place and description
    let sample = r#"<script type="application/ld+json">{"@type":"JobPosting","title":"Assistant / Store Keeper",
        "hiringOrganization":{"name":"Figma"},"datePosted":"2021-05-03",
        "jobLocation":{"address":{"addressLocality":"Brooklyn","addressRegion":"NY","addressCountry":"US"}},
        "description":"&lt;p&gt;As a Product Designer, you will work within a Product Delivery Team fused with UX, engineering, product and data talent, and help the team design beautiful interfaces that solve business challenges for our clients.&lt;/p&gt;"}</script>"#;
    let page = |head: &str, body: &str| {
        format!(
            r#"<html><head><title>Customer Sales Representative – Hiring Pakistan</title>{head}</head><body>
            <h1>Customer Sales Representative</h1><p>Location: Karachi, Pakistan</p><div>{body}{PROSE}{PROSE}{PROSE}</div></body></html>"#
        )
    };
    // WHEN it is extracted
    let p = x(&page(sample, ""));
    // THEN the page's own job is read, and nothing of the sample
    assert_eq!(p.title.as_deref(), Some("Customer Sales Representative"));
    assert_ne!(p.organization.as_deref(), Some("Figma"));
    assert_eq!(places(&p), vec![(Some("Karachi"), None, Some("PK"))]);
    assert_eq!((p.date_posted, p.sources.get("title")), (None, Some(&"h1")));
    // AND JSON-LD whose description the page shows is read, whatever its title
    let shown = "<p>As a Product Designer, you will work within a Product Delivery Team fused with UX, engineering, product and data talent, and help the team design beautiful interfaces that solve business challenges for our clients.</p>";
    assert_eq!(x(&page(sample, shown)).title.as_deref(), Some("Assistant / Store Keeper"));
    // AND so is JSON-LD whose title the page shows in its lines
    assert_eq!(
        x(&page(sample, "<h2>Assistant / Store Keeper</h2>")).title.as_deref(),
        Some("Assistant / Store Keeper")
    );
    // AND so is JSON-LD on a page that shows too little to compare (an app shell)
    let shell = format!(r#"<html><head><title>Careers</title>{sample}</head><body><div id="app"></div></body></html>"#);
    assert_eq!(x(&shell).organization.as_deref(), Some("Figma"));
    // AND so is JSON-LD on a page that shows plenty but names no job of its own
    // (a script-rendered career page: a generic title and a hero block)
    let hero = format!(
        r#"<html><head><title>Careers</title>{sample}</head><body><header>{PROSE}{PROSE}{PROSE}</header><div id="app"></div></body></html>"#
    );
    assert_eq!(x(&hero).title.as_deref(), Some("Assistant / Store Keeper"));
}

#[test]
fn scandinavian_labels_give_type_place_and_pay() {
    // GIVEN a Norwegian shop's career page: "Stillingstype", "Sted" (a street
    // with a building's range of numbers, then the city) and "Lønn"
    let html = format!(
        r#"<html><head><title>Karriere</title></head><body><h1>Deltidsmedarbeider butikk</h1><div>{PROSE}{PROSE}{PROSE}{PROSE}</div>
        <h2>Kort om stillingen</h2><dl><dt>Stillingstype</dt><dd>Deltid · sesong</dd>
        <dt>Sted</dt><dd>Karenslyst Allé 12–14, Oslo</dd><dt>Lønn</dt><dd>NOK 200 per hour</dd></dl></body></html>"#
    );
    // WHEN it is extracted
    let p = x(&html);
    // THEN each label gives its field
    assert_eq!(p.employment_type.as_deref(), Some("part-time"));
    assert_eq!(places(&p), vec![(Some("Oslo"), None, Some("NO"))]);
    assert_eq!(sal(&p), (Some(200.0), Some(200.0), Some("NOK"), Some("hour")));
    assert_eq!([p.sources["employment_type"], p.sources["locations"], p.sources["salary"]], ["labels"; 3]);
}

#[test]
fn linkedin_job_criteria_in_other_interface_languages_give_the_employment_type() {
    // GIVEN LinkedIn guest pages whose criteria list is in Italian, German or Portuguese
    for (label, value, want) in [
        ("Tipo di impiego", "A tempo pieno", "full-time"),
        ("Beschäftigungsverhältnis", "Teilzeit", "part-time"),
        ("Tipo de emprego", "Estágio", "intern"),
    ] {
        let html = format!(
            r#"<html><head><title>Data Analyst</title></head><body><h1 class="top-card-layout__title">Data Analyst</h1>
            <div class="show-more-less-html__markup">{PROSE}{PROSE}{PROSE}{PROSE}</div>
            <ul class="description__job-criteria-list"><li class="description__job-criteria-item">
            <h3 class="description__job-criteria-subheader">Livello</h3><span class="description__job-criteria-text">Medio</span></li>
            <li class="description__job-criteria-item"><h3 class="description__job-criteria-subheader">{label}</h3>
            <span class="description__job-criteria-text">{value}</span></li></ul></body></html>"#
        );
        // WHEN it is extracted
        let p = x(&html);
        // THEN the type under the label is read
        assert_eq!(p.employment_type.as_deref(), Some(want), "{label}");
    }
}

#[test]
fn a_career_page_of_two_headed_lists_is_a_posting_whose_description_holds_both() {
    // GIVEN a static career page: the company's name as the page title, the
    // job in the h1, then "Responsibilities:" and "Requirements:" as plain
    // paragraphs over a list each, and "Location:" / "Remote"
    let li = |items: &[&str]| items.iter().map(|i| format!("<li>{i}</li>")).collect::<String>();
    let html = format!(
        r#"<html><head><title>Nubificus Ltd</title></head><body><h1>Senior Systems Software Engineer</h1>
        <div><p>Responsibilities:</p><ul>{}</ul><p>Requirements:</p><ul>{}</ul><p>Location:</p><p>Remote</p></div></body></html>"#,
        li(&[
            "Develop software and research for a cutting edge technology project",
            "Design and develop reusable and reliable code in C, Python, Go or Rust",
            "Partake in all aspects of the project's life cycle, from design to release",
            "Research and solve complex engineering challenges with the whole team",
            "Lead a small team of engineers and coordinate effort to achieve short-term goals",
            "Communicate the team's findings and results to the company's partners",
        ]),
        li(&[
            "MSc degree or PhD in Computer Science, Engineering or a similar field",
            "Six years or more of professional experience in software development",
            "Experience in Linux kernel development and in upstreaming patches",
            "Proficiency in spoken and written English, and in working remotely",
            "Two years or more of experience in software architecture or as a lead",
            "Experience with European research projects will be a plus for you",
        ])
    );
    // WHEN it is extracted
    let p = x(&html);
    // THEN it is a posting of the company the page title names, worked remotely
    assert_eq!(p.title.as_deref(), Some("Senior Systems Software Engineer"));
    assert_eq!(p.organization.as_deref(), Some("Nubificus Ltd"));
    assert_eq!(p.remote, "remote");
    // AND its description is both lists, not the first alone
    let text = p.description_text.as_deref().unwrap_or_default();
    assert!(text.contains("cutting edge") && text.contains("kernel development"), "{text}");
}

#[test]
fn a_boards_heading_of_the_employer_over_the_job_gives_both_and_a_start_date_is_no_posting_date() {
    // GIVEN a Slovak board: the employer by its legal form in the h1, the job
    // in the h2 under it, the page title "Employer - Job", the expected start
    // and the date the offer was added among the facts
    let html = format!(
        r#"<html><head><title>Tesco Stores SR, a.s. - Customer Insight Manager</title></head><body>
        <h1>Tesco Stores SR, a.s.</h1><h2>Customer Insight Manager</h2>
        <p><strong>Miesto: </strong>Bratislava<br><strong>Plat: </strong>2300 €<br><strong>Očakávaný nástup: </strong>1.6.2022<br>
        <strong>Dátum pridania ponuky: </strong>23.2.2022</p><div>{PROSE}</div></body></html>"#
    );
    // WHEN it is extracted
    let p = x(&html);
    // THEN the job is the title and the company the employer
    assert_eq!(p.title.as_deref(), Some("Customer Insight Manager"));
    assert_eq!(p.organization.as_deref(), Some("Tesco Stores SR, a.s."));
    // AND the offer's date is the posting's, not the expected start
    assert_eq!(p.date_posted, day(2022, 2, 23));
    let undated = html.replace("<strong>Dátum pridania ponuky: </strong>23.2.2022", "");
    assert_eq!(x(&undated).date_posted, None);
}

#[test]
fn posting_and_closing_date_labels_of_european_and_public_sector_boards_are_read() {
    // GIVEN job pages whose facts are labelled in Polish, Czech, Swedish,
    // Russian and as US public-sector sites write them, each with a closing
    // date under its own label
    // (below the fold, past the lines under the title, as trojmiasto.pl
    // lists them)
    let fold: String = (1..=8).map(|i| format!("<p>Task number {i} of the role.</p>")).collect();
    let page = |facts: &str| {
        format!(
            r#"<html><head><title>Elektryk</title></head><body><h1>Elektryk</h1>{fold}<p>{facts}</p><div>{PROSE}</div></body></html>"#
        )
    };
    let cases = [
        ("Data dodania ogłoszenia: 18.02.2025<br>Ważne do: 20.03.2025", day(2025, 2, 18), (2025, 3, 20)),
        ("Datum zveřejnění: 12. února 2025<br>Bewerbungsschluss: 1. března 2025", day(2025, 2, 12), (2025, 3, 1)),
        ("Publicerad: 7 maj 2025<br>Sista ansökningsdag: 2025-06-01", day(2025, 5, 7), (2025, 6, 1)),
        ("Дата публикации: 18 февраля 2025 г.<br>Срок подачи: 18 марта 2025", day(2025, 2, 18), (2025, 3, 18)),
        ("Opening Date: 04/15/2025<br>Closing Date: 04/29/2025", day(2025, 4, 15), (2025, 4, 29)),
        ("Online seit: 03.11.2025<br>Einsendeschluss: 30.11.2025", day(2025, 11, 3), (2025, 11, 30)),
        ("Data publicării: 3.11.2025<br>Expiration date: 30.11.2025", day(2025, 11, 3), (2025, 11, 30)),
        ("Yayın tarihi: 3.11.2025<br>Son başvuru: 30.11.2025<br>Closes: 01.12.2025", day(2025, 11, 3), (2025, 12, 1)),
    ];
    for (facts, posted, (y, m, d)) in cases {
        // WHEN each is extracted
        let p = x(&page(facts));
        // THEN the posting date and the closing date are each the labelled one
        assert_eq!(p.date_posted, posted, "{facts}");
        assert_eq!(p.valid_through.map(|t| t.date_naive()), day(y, m, d), "{facts}");
    }
}

#[test]
fn page_titles_and_headings_of_small_career_sites_give_title_employer_and_place() {
    // GIVEN headings and page titles as small career sites write them
    let page = |title: &str, body: &str| {
        format!(
            r#"<html><head><title>{title}</title></head><body>{body}<div>{PROSE}</div><p>Salary: €45,000</p></body></html>"#
        )
    };
    let bullet = page("Embedded Software Engineer • Novit.ai", "<h1>Embedded Software Engineer</h1>");
    let sentence = page("We Are Looking For An SEO Content Editor", "<h1>SEO Content Editor</h1>");
    let sentence_only = page("We Are Looking For An SEO Content Editor", "");
    let section = page(
        "Medusa - Careers - Software Engineer, Core",
        "<h1>Careers - Software Engineer, Core</h1><p>Full-time | Remote</p>",
    );
    let at_place = page("Blockchain Developer @ Brussels", "<h1>Blockchain Developer @ Brussels</h1>");
    let gendered = page(
        "wolkenhof - Mitarbeiter und Ausbildung",
        r#"<img src="l.png" alt="Wolkenhof-Logo"><h1>wolkenhof Jobs &amp; Karriere</h1><h2>IT-Techniker (m/w/d)</h2>"#,
    );
    let job_description =
        page("Job Description - Technical Agile Coach - Exeal", "<h1>Job Description - Technical Agile Coach</h1>");
    let yingjiesheng = page("上海麦韬旅游咨询有限公司招聘出纳_最新校园招聘信息", "");
    let job_at = page(
        "Analytics Engineer at Messari - BeInCrypto Jobs",
        "<div><div>Analytics Engineer</div><div>at Messari</div><p>1 day ago | 30 views</p></div>",
    );
    let apply_now = page("Apply Now - Acute Medicine Specialist", "<h1>Acute Medicine Specialist</h1>");
    let section_path = page("Praca: Oferty pracy - Elektryk Gdynia", "<h1>Elektryk</h1>");
    let djinni = page("CRM Automation Engineer в WOWERI LLC – Djinni", "<h1>CRM Automation Engineer</h1>");
    let board_tail = page("Software Engineer - Core Software - Burbank, CA - Profession.hu", "");
    let og_at = page("SpaceX Software Engineer, Full Stack at SpaceX - Stack Overflow", "");
    let home_logo = page("Security Engineer", r#"<a href="/">Dovetail logo</a><h1>Security Engineer</h1>"#);
    let press_logo =
        page("Security Engineer", r#"<h1>Security Engineer</h1><a href="https://forbes.com">Forbes logo</a>"#);
    // WHEN they are extracted THEN each gives the job and its employer
    let to = |html: &str| {
        let p = x(html);
        (p.title.unwrap_or_default(), p.organization.unwrap_or_default())
    };
    assert_eq!(to(&bullet), ("Embedded Software Engineer".into(), "Novit.ai".into()));
    assert_eq!(to(&sentence).1, "", "a sentence's start names nobody");
    assert_eq!(to(&sentence_only).0, "SEO Content Editor", "a hiring sentence before the only title");
    assert_eq!(to(&section), ("Software Engineer, Core".into(), "Medusa".into()));
    assert_eq!(x(&section).employment_type.as_deref(), Some("full-time"), "the facts under the sectioned heading");
    assert_eq!(to(&at_place).0, "Blockchain Developer");
    assert_eq!(places(&x(&at_place)), vec![(Some("Brussels"), None, Some("BE"))]);
    // (and two places after the "@", each a city the gazetteer knows)
    let two_places =
        page("Functional Analyst @ Brussels / Mechelen", "<h1>Functional Analyst @ Brussels / Mechelen</h1>");
    assert_eq!(to(&two_places).0, "Functional Analyst");
    assert_eq!(
        places(&x(&two_places)),
        vec![(Some("Brussels"), None, Some("BE")), (Some("Mechelen"), None, Some("BE"))]
    );
    assert_eq!(to(&gendered), ("IT-Techniker (m/w/d)".into(), "Wolkenhof".into()));
    assert_eq!(to(&job_description), ("Technical Agile Coach".into(), "Exeal".into()));
    assert_eq!(to(&yingjiesheng), ("出纳".into(), "上海麦韬旅游咨询有限公司".into()));
    assert_eq!(to(&job_at), ("Analytics Engineer".into(), "Messari".into()));
    assert_eq!(to(&apply_now).1, "", "a button's words name nobody");
    assert_eq!(to(&section_path).1, "", "a board's section names nobody");
    assert_eq!(to(&djinni).1, "WOWERI LLC");
    assert_eq!(to(&board_tail).0, "Software Engineer - Core Software", "the board's domain and the place go");
    assert_eq!(to(&og_at), ("SpaceX Software Engineer, Full Stack".into(), "SpaceX".into()));
    assert_eq!(to(&home_logo).1, "Dovetail", "the link home named as a logo");
    assert_eq!(to(&press_logo).1, "", "a logo under the title is another's");
}

#[test]
fn the_type_of_employment_before_a_place_is_no_part_of_it() {
    // GIVEN "Location: Full Time Remote, US"
    let html = r#"<html><head><title>Research Engineer</title></head><body><h1>Research Engineer</h1>
        <p>Location: Full Time Remote, US</p></body></html>"#;
    // WHEN it is extracted THEN the place is the country, the work remote
    let p = x(html);
    assert_eq!(places(&p), vec![(None, None, Some("US"))]);
    assert_eq!(p.remote, "remote");
}

#[test]
fn a_wp_job_manager_page_gives_its_company_type_place_and_publish_date() {
    // GIVEN a WP Job Manager job page without its JSON-LD: the board's name
    // in the page title, the meta list under the title (type, place, a
    // relative date over a `datetime`), the company block with its logo
    // (alt = the company's name), and a related job's logo in a sidebar
    let html = r#"<html><head><title>AWS Engineer &#8211; jobboard</title></head><body>
        <header><a href="/">jobboard</a></header><h1 class="entry-title">AWS Engineer</h1>
        <div class="single_job_listing"><ul class="job-listing-meta meta">
        <li class="job-type full-time">Full Time</li>
        <li class="location"><a class="google_map_link" href="https://maps.google.com/maps?q=x">India, Delhi</a></li>
        <li class="date-posted"><time datetime="2021-10-05">Posted 17 hours ago</time></li></ul>
        <div class="company"><img class="company_logo" src="/company.png" alt="Tata &amp; Sons Consultancy">
        <p class="name"><strong>Tata &amp; Sons Consultancy</strong></p></div>
        <div class="job_description"><p>Build and run our AWS estate: networks, accounts, pipelines and the
        people who depend on them, across three regions and two clouds.</p></div></div>
        <div class="widget"><img class="company_logo" src="/other.png" alt="Other Co"></div></body></html>"#;
    // WHEN it is extracted
    let p = x(html);
    // THEN each field comes from the plugin's markup: the logo's alt names
    // the employer (not the board), the date is the `datetime`, not
    // "17 hours ago" counted back from the fetch
    assert_eq!(p.organization.as_deref(), Some("Tata & Sons Consultancy"));
    assert_eq!(p.employment_type.as_deref(), Some("full-time"));
    assert_eq!(places(&p), vec![(Some("Delhi"), None, Some("IN"))]);
    assert_eq!(p.date_posted, day(2021, 10, 5));
    assert_eq!(p.sources.get("organization"), Some(&"wpjobmanager"));
}

#[test]
fn a_strip_of_brand_logos_names_nobody_and_a_sites_own_logo_names_it() {
    // GIVEN a career page with no employer named but in logos: a strip of
    // the group's brands above the posting
    let strip = r#"<html><head><title>Project Manager Farm Sustainability</title></head><body>
        <div class="brands"><img src="p.jpg" alt="Logo of Peak a FrieslandCampina brand"><img src="c.jpg" alt="Campina logo">
        <img src="f.png" alt="Friso logo"><img src="v.png" alt="Vifit logo"></div>
        <h1>Project Manager Farm Sustainability</h1><p>Amersfoort (NLD)</p></body></html>"#;
    // WHEN it is extracted
    // THEN no brand is the employer
    assert_eq!(x(strip).organization, None);
    // AND a site's one logo, in its header and twice lower down, names it
    let own = r#"<html><head><title>Project Manager</title></head><body><img src="l.png" alt="Wolkenhof-Logo">
        <h1>Project Manager</h1><p>Berlin</p><p><img src="l.png" alt="Wolkenhof-Logo"></p>
        <div><img src="l.png" alt="Wolkenhof-Logo"></div></body></html>"#;
    assert_eq!(x(own).organization.as_deref(), Some("Wolkenhof"));
    // AND so does a site's logo with one award's beside it
    let award = own.replace(
        r#"<div><img src="l.png" alt="Wolkenhof-Logo"></div>"#,
        r#"<img src="g.png" alt="Great Place to Work logo">"#,
    );
    assert_eq!(x(&award).organization.as_deref(), Some("Wolkenhof"));
}

#[test]
fn a_logo_outside_wp_job_managers_company_block_names_nobody() {
    // GIVEN a page whose only `company_logo` image sits in a related-jobs
    // widget, and whose meta classes are outside a `job-listing-meta` list
    let html = r#"<html><head><title>Nurse - Care Home</title></head><body><h1>Nurse</h1>
        <div class="job-type">Part Time</div><div class="date-posted"><time datetime="2020-01-01">old</time></div>
        <div class="widget"><img class="company_logo" src="/other.png" alt="Other Co"></div>
        <div class="job_description"><p>Care for our residents on day and night shifts, with a team of twelve
        nurses and a doctor on call.</p></div></body></html>"#;
    // WHEN it is extracted
    let p = x(html);
    // THEN neither the widget's company nor the stray date is taken
    assert_ne!(p.organization.as_deref(), Some("Other Co"));
    assert_ne!(p.date_posted, day(2020, 1, 1));
}

#[test]
fn a_sidebar_that_restates_the_title_under_its_label_is_the_jobs_facts() {
    // GIVEN a board's page whose facts sit in an `<aside>` box that names
    // the title again ("Job Title" / "Account Clerk"), after another
    // aside with another job's facts
    let html = r#"<html><head><title>Apply Now - Account Clerk</title></head><body>
        <main><h1>Account Clerk</h1><p>Published: July 26, 2026</p>
        <div class="entry"><p>We are seeking a dedicated Account Clerk for a permanent position at our embassy in
        Helsinki. The clerk keeps the books, pays the invoices and answers the phone.</p></div></main>
        <aside><h3>MORE JOBS</h3><dl><dt>Job Title</dt><dd>Cook</dd><dt>Job Type</dt><dd>Part-time</dd>
        <dt>Location</dt><dd>Oulu, Finland</dd></dl></aside>
        <aside><h3>JOB INFORMATION</h3><dl><dt>Job Title</dt><dd>Account Clerk</dd>
        <dt>Job Type</dt><dd>Full-time, Permanent</dd><dt>Location</dt><dd>Helsinki, Uusimaa, Finland</dd>
        <dt>Deadline</dt><dd>August 22, 2026</dd></dl></aside></body></html>"#;
    // WHEN it is extracted
    let p = x(html);
    // THEN the box about this job is read, the other job's is not
    assert_eq!(p.employment_type.as_deref(), Some("full-time"));
    assert_eq!(places(&p), vec![(Some("Helsinki"), Some("Uusimaa"), Some("FI"))]);
    assert_eq!(p.valid_through.map(|t| t.date_naive()), day(2026, 8, 22));
}

#[test]
fn a_jsonld_type_that_names_no_type_gives_way_to_the_one_the_page_shows() {
    // GIVEN JSON-LD whose employmentType is a word for the kind of worker
    // ("Fachkraft"), and the page's facts under the title ("Vollzeit")
    let html = r#"<html><head><title>Apotheker (m/w/d)</title><script type="application/ld+json">
        {"@type":"JobPosting","title":"Apotheker (m/w/d)","employmentType":"Fachkraft",
         "hiringOrganization":{"name":"Bio Apotheke"}}</script></head>
        <body><h1>Apotheker (m/w/d)</h1><p>Vollzeit</p>
        <div class="description"><p>Als Apotheker übernehmen Sie die pharmazeutische Betreuung unserer Kunden
        und die Verantwortung für Rezeptur und Beratung.</p></div></body></html>"#;
    // WHEN it is extracted
    let p = x(html);
    // THEN the shown type replaces the JSON-LD's `other`
    assert_eq!(p.employment_type.as_deref(), Some("full-time"));
    assert_eq!(p.sources.get("title"), Some(&"jsonld"));
}

#[test]
fn a_structured_teaser_gives_way_to_the_pages_own_fuller_description() {
    // GIVEN JSON-LD whose description is a teaser, on a page whose
    // description block holds the whole posting
    let page = |description: &str, items: usize| {
        let body: String = (1..=items)
            .map(|i| format!("<li>Own the detection pipeline for service {i}, from alert to post-mortem.</li>"))
            .collect();
        format!(
            r#"<html><head><title>Security Engineer</title><script type="application/ld+json">
            {{"@type":"JobPosting","title":"Security Engineer","description":"{description}"}}</script></head>
            <body><h1>Security Engineer</h1><div class="job-description"><h2>What you'll do</h2>
            <p>Join the team that keeps our customers' research safe.</p><ul>{body}</ul></div></body></html>"#
        )
    };
    // WHEN it is extracted
    let teaser = x(&page("Check out this awesome role at Dovetail.", 12));
    // THEN the description is the page's, with its sections and items
    let text = teaser.description_text.as_deref().unwrap_or_default();
    assert!(text.starts_with("What you'll do\nJoin the team"), "{text}");
    assert!(text.contains("service 12"), "{text}");
    assert_eq!(teaser.sources.get("description_text").copied(), Some("class"));
    // AND a structured description of some length stands, however much
    // longer the page's block is
    let full = "Our security team guards the platform. ".repeat(32);
    let kept = x(&page(&full, 60));
    assert_eq!(kept.description_text.as_deref(), Some(full.trim()));
    // AND so does a short one the page's block is not twice as long as
    let short = "Security engineer for the detection pipeline: alerts, triage and post-mortems. ".repeat(6);
    let kept = x(&page(&short, 12));
    assert_eq!(kept.description_text.as_deref(), Some(short.trim()));
}

#[test]
fn a_boards_main_column_with_other_postings_cards_does_not_replace_a_structured_description() {
    // GIVEN Computrabajo's shape: JSON-LD with the posting's whole (short)
    // description, and a `<main>` that holds the posting, the employer's
    // reviews, a salary table and cards of similar offers (link titles)
    let ld_text = "Se requiere enfermera profesional con experiencia en seguridad del paciente, para laborar en sedes de baja y mediana complejidad. Disponibilidad inmediata.";
    let page = |cards: usize| {
        let cards: String = (1..=cards)
            .map(|i| {
                format!(
                    r#"<div class="box_offer offer-description"><h2><a href="/o/{i}">Enfermera {i}</a></h2>
                    <p>Clínica {i} - Antioquia, Medellín. Actividades asistenciales y manejo de personal en turnos rotativos.</p></div>"#
                )
            })
            .collect();
        let reviews =
            "<p>Excelente ambiente de trabajo, pagos puntuales y buena formación para el personal nuevo.</p>".repeat(8);
        format!(
            r#"<html><head><title>Enfermera</title><script type="application/ld+json">
            {{"@type":"JobPosting","title":"Enfermera Profesional","description":"{ld_text}","hiringOrganization":"Sumimedical"}}</script></head>
            <body><main class="detail_fs"><a href="/list">Volver al listado</a><h1>Enfermera Profesional</h1>
            <p>Sumimedical - Medellín, Antioquia</p><h3>Descripción de la oferta</h3><p>{ld_text}</p>
            <h3>Evaluaciones</h3>{reviews}<h3>Ofertas similares</h3>{cards}</main></body></html>"#
        )
    };
    // WHEN it is extracted
    let p = x(&page(3));
    // THEN the structured description stands
    assert_eq!(p.description_text.as_deref(), Some(ld_text));
    assert_eq!(p.sources.get("description_text").copied(), Some("jsonld"));
    // AND with one card (no list of other postings) the column is the fuller value, as before
    let p = x(&page(1));
    assert_eq!(p.sources.get("description_text").copied(), Some("class"));
    assert!(p.description_text.as_deref().unwrap_or_default().contains("Evaluaciones"));
}

#[test]
fn a_description_block_starts_after_the_title_heading_it_holds() {
    // GIVEN a board whose description block opens with a breadcrumb, a
    // back link and the job's title heading, then the facts and the posting
    let page = |intro: &str, heading: &str, ld: &str| {
        let body = "<p>You will keep our fleet of delivery vans running, plan the workshop's week and train two apprentices.</p>".repeat(6);
        format!(
            r#"<html><head><title>Fleet Mechanic | Jobs</title>{ld}</head><body>
            <div class="job-details">{intro}<a href="/jobs">Jobs</a> › <a href="/jobs/auto">Automotive</a>
            <a href="/jobs">Back to list</a><h1>{heading}</h1><p>Leeds, United Kingdom · Full-time</p>{body}</div></body></html>"#
        )
    };
    // WHEN it is extracted
    let p = x(&page("", "Fleet Mechanic", ""));
    // THEN the description starts with the facts under the title: the
    // breadcrumb, the back link and the title are the page's, not the posting's
    assert_eq!(p.title.as_deref(), Some("Fleet Mechanic"));
    let text = p.description_text.as_deref().unwrap_or_default();
    assert!(text.starts_with("Leeds, United Kingdom · Full-time\nYou will keep"), "{text}");
    // AND a heading deep in the block (after a fifth of it) leaves the block whole
    let intro =
        "<p>Our workshop has served the city's couriers since 1998 and keeps forty vans on the road every day.</p>"
            .repeat(4);
    let p = x(&page(&intro, "Fleet Mechanic", ""));
    assert!(p.description_text.as_deref().unwrap_or_default().starts_with("Our workshop"));
    // AND so does a heading that is not the job's title
    let ld = r#"<script type="application/ld+json">{"@type":"JobPosting","title":"Fleet Mechanic"}</script>"#;
    let p = x(&page("", "Automotive jobs in Leeds", ld));
    assert!(
        p.description_text.as_deref().unwrap_or_default().starts_with("Jobs › Automotive"),
        "{:?}",
        p.description_text
    );
}

#[test]
fn a_labelled_city_and_hybrid_refine_structured_data_that_names_only_a_country_and_telecommute() {
    // GIVEN profession.hu's shape: JSON-LD that gives only the applicants'
    // country and TELECOMMUTE, and a labelled place under the title that
    // says hybrid, in Budaörs (written from the country down)
    // (below the lines that are read as the title's own facts, so that the
    // labels are what gives them)
    let intro = "<p>Apply now and join our AI competence centre today.</p>".repeat(12);
    let facts = format!(
        r#"<h1>Senior Machine Learning Engineer (AI)</h1>{intro}<div><p>Cég neve</p><p>JOB Kft.</p>
        <p>Munkavégzés helye</p><p>Hibrid • Magyarország,Pest,Budaörs</p></div>"#
    );
    let page = format!(
        r#"<html><head><title>Senior Machine Learning Engineer (AI) | Profession.hu</title>
        <script type="application/ld+json">{{"@type":"JobPosting","title":"Senior Machine Learning Engineer (AI)",
        "hiringOrganization":{{"@type":"Organization","name":"Job Személyzeti Tanácsadó Kft."}},
        "jobLocationType":"TELECOMMUTE","applicantLocationRequirements":[{{"@type":"Country","name":"Magyarország"}}]}}
        </script></head><body>{facts}</body></html>"#
    );
    // WHEN it is extracted
    let p = x(&page);
    // THEN the page's city and way of working are the fuller values
    assert_eq!(places(&p), vec![(Some("Budaörs"), Some("Pest"), Some("HU"))]);
    assert_eq!(p.remote, "hybrid");
    // AND the structured employer stands
    assert_eq!(p.organization.as_deref(), Some("Job Személyzeti Tanácsadó Kft."));
    // AND without the JSON-LD the labelled company is the employer
    let bare = x(&format!(
        "<html><head><title>Senior Machine Learning Engineer (AI) | Profession.hu</title></head><body>{facts}</body></html>"
    ));
    assert_eq!(bare.organization.as_deref(), Some("JOB Kft."));
    assert_eq!(places(&bare), vec![(Some("Budaörs"), Some("Pest"), Some("HU"))]);
    // AND a labelled way of working refines TELECOMMUTE too
    let labelled = format!(
        r#"<html><head><title>Engineer</title><script type="application/ld+json">{{"@type":"JobPosting",
        "title":"Engineer","jobLocationType":"TELECOMMUTE"}}</script></head>
        <body><h1>Engineer</h1>{intro}<p>Workplace type</p><p>Hybrid</p></body></html>"#
    );
    assert_eq!(x(&labelled).remote, "hybrid");
    // AND so do the facts right under the title, with no label
    let under_title = r#"<html><head><title>Data Engineer</title><script type="application/ld+json">
        {"@type":"JobPosting","title":"Data Engineer","jobLocationType":"TELECOMMUTE",
        "applicantLocationRequirements":{"@type":"Country","name":"Germany"}}</script></head>
        <body><h1>Data Engineer</h1><p>Hybrid · Munich, Germany</p></body></html>"#;
    let p = x(under_title);
    assert_eq!((places(&p), p.remote), (vec![(Some("Munich"), None, Some("DE"))], "hybrid"));
}

#[test]
fn polish_and_russian_boards_label_the_way_of_working() {
    // GIVEN trojmiasto.pl's "Charakter pracy" / "Stacjonarna" and hh.ru's
    // "Формат работы: удалённо", below the title's own facts
    let intro = "<p>Szukamy osoby do naszego zespołu w stoczni.</p>".repeat(12);
    let page = |facts: &str| {
        format!("<html><head><title>Elektryk</title></head><body><h1>Elektryk</h1>{intro}{facts}</body></html>")
    };
    // WHEN they are extracted THEN each is the job's way of working
    let polish = x(&page("<p>Miejsce pracy: Gdynia</p><p>Charakter pracy</p><p>Stacjonarna</p>"));
    assert_eq!((places(&polish), polish.remote), (vec![(Some("Gdynia"), None, Some("PL"))], "onsite"));
    assert_eq!(x(&page("<p>Формат работы: удалённо</p><p>Miejsce pracy: Ростов-на-Дону</p>")).remote, "remote");
}

#[test]
fn a_bare_rupee_is_the_rupee_of_the_jobs_country_and_more_currencies_are_read() {
    // GIVEN pay lines in descriptions of jobs in Pakistan, Sri Lanka, India,
    // an unknown suburb, Croatia and Russia
    let job = |pay: &str, place: &str| {
        x(&ld(&format!(
            r#"{{"@type":"JobPosting","title":"T","description":"<p>We build things.</p><p>{pay}</p>",
            "jobLocation":{{"@type":"Place","address":{{"addressLocality":"{place}"}}}}}}"#
        )))
    };
    let pk = job("Salary: Rs 25,000 to Rs 45,000 per month", "Lahore, Pakistan");
    let lk = job("Salary: Rs. 40,000 - Rs. 60,000 per month", "Colombo");
    let india = job("Salary: Rs. 40,000 - Rs. 60,000 per month", "Mumbai");
    let unknown = job("Salary: Rs 25,000 to Rs 35,000 per month", "Gulshan e Jamal");
    let hr = job("Starting gross salary between 13000 - 16000 HRK", "Zagreb");
    let ru = job("Зарплата от 150 000 до 200 000 ₽ в месяц", "Moscow");
    // WHEN extracted THEN the rupee is the country's, and unsaid where no
    // place is known to be in India
    assert_eq!(sal(&pk), (Some(25000.0), Some(45000.0), Some("PKR"), Some("month")));
    assert_eq!(sal(&lk).2, Some("LKR"));
    assert_eq!(sal(&india).2, Some("INR"));
    assert_eq!(sal(&unknown), (Some(25000.0), Some(35000.0), None, Some("month")));
    // AND kuna and roubles are read, with Russian's "до" between the bounds
    assert_eq!(sal(&hr).2, Some("HRK"));
    assert_eq!(sal(&ru), (Some(150000.0), Some(200000.0), Some("RUB"), None));
    // AND "HRs" (hours) is no rupee
    assert!(job("Support us for 40 HRs 5 days a week", "Mumbai").salary.is_none());
}

#[test]
fn a_single_structured_figure_grows_into_the_pages_range_that_starts_at_it() {
    // GIVEN JSON-LD pay of one figure, and a sidebar that gives it as the
    // bottom of a range (WP Job Manager's "Salary" / "$30000 - $40000")
    let intro = "<p>Care for our patients in the clinic and in the field.</p>".repeat(12);
    let page = |range: &str| {
        format!(
            r#"<html><head><title>Nurse</title><script type="application/ld+json">{{"@type":"JobPosting",
            "title":"Nurse","baseSalary":{{"@type":"MonetaryAmount","currency":"USD",
            "value":{{"@type":"QuantitativeValue","value":30000,"unitText":"YEAR"}}}}}}</script></head>
            <body><h1>Nurse</h1>{intro}<p>Salary</p><p>{range}</p></body></html>"#
        )
    };
    // WHEN extracted THEN the range is the fuller value
    assert_eq!(sal(&x(&page("$30000 - $40000"))), (Some(30000.0), Some(40000.0), Some("USD"), Some("year")));
    // BUT a range that does not start at the figure, or in other money, is not
    assert_eq!(sal(&x(&page("$35000 - $40000"))), (Some(30000.0), Some(30000.0), Some("USD"), Some("year")));
    assert_eq!(sal(&x(&page("€30000 - €40000"))), (Some(30000.0), Some(30000.0), Some("USD"), Some("year")));
}

#[test]
fn a_countrys_name_as_the_hiring_organisation_is_a_placeholder() {
    // GIVEN a company's career page whose JSON-LD names "India" as the
    // hiring organisation (a template's leftover), and its site name
    let page = r#"<html><head><title>Cloud Architekt</title>
        <meta property="og:site_name" content="Comnovo • Innovative Assistenzsysteme für Industriefahrzeuge">
        <script type="application/ld+json">{"@type":"JobPosting","title":"Cloud Architekt",
        "hiringOrganization":{"@type":"Organization","name":"India","sameAs":"https://www.comnovo.de/"}}</script>
        </head><body><h1>Cloud Architekt</h1></body></html>"#;
    // WHEN it is extracted THEN the site's name is the employer
    assert_eq!(x(page).organization.as_deref(), Some("Comnovo"));
    // AND an employer whose name starts with a country's is one
    let airline = page.replace(r#""name":"India""#, r#""name":"Singapore Airlines""#);
    assert_eq!(x(&airline).organization.as_deref(), Some("Singapore Airlines"));
    // AND a page title whose job carries a gender marker the JSON-LD title
    // lacks still names the employer after "bei"
    let marked = page
        .replace("<title>Cloud Architekt</title>", "<title>Cloud Architekt (m/w/d) bei Comnovo</title>")
        .replace("Comnovo • Innovative Assistenzsysteme für Industriefahrzeuge", "Jobs");
    assert_eq!(x(&marked).organization.as_deref(), Some("Comnovo"));
}

#[test]
fn a_boards_chips_under_a_title_with_dashes_give_the_jobs_facts() {
    // GIVEN a Built In page: a page title whose job holds " - " itself, and
    // chips under the heading, pay among them with no currency
    let page = |place: &str| {
        format!(
            r#"<html><head><title>Senior TPM - Autonomous Platform - Bright Machines | Built In San Francisco</title>
            </head><body><nav><a href="/jobs">Jobs</a></nav><div class="job-info">
            <a href="/company/bright-machines">Bright Machines</a>
            <h2>Senior TPM - Autonomous Platform</h2><div>Reposted 2 Days Ago</div><div>Hybrid</div>
            <div>{place}</div><div>170K-220K Annually</div><div>Senior level</div></div>
            <div class="job-description">{}</div></body></html>"#,
            "<p>Lead the development of robotics and hardware capabilities for our platform.</p>".repeat(6)
        )
    };
    // WHEN extracted
    let p = x(&page("San Francisco, CA, USA"));
    // THEN the title and employer split at the last dash, the chips are read,
    // and the pay is in the job's country's money
    assert_eq!(p.title.as_deref(), Some("Senior TPM - Autonomous Platform"));
    assert_eq!(p.organization.as_deref(), Some("Bright Machines"));
    assert_eq!(places(&p), vec![(Some("San Francisco"), Some("CA"), Some("US"))]);
    assert_eq!(p.remote, "hybrid");
    assert_eq!(sal(&p), (Some(170_000.0), Some(220_000.0), Some("USD"), Some("year")));
    // BUT with no known place the chip's currency is unknown, and it is left
    assert_eq!(x(&page("Somewhere")).salary, None);
}

#[test]
fn a_job_placed_nowhere_else_is_at_the_office_its_description_names() {
    // GIVEN a career page with no place but the one its text gives
    let page = |extra: &str| {
        format!(
            r#"<html><head><title>Senior Project Manager</title></head><body><h1>Senior Project Manager</h1>
            <div class="job-description"><p>Lead our client projects from kickoff to launch.</p>{}
            <p>While this is an onsite position at our offices in Portland, OR, we allow staff to work remotely as needed.</p>{extra}</div></body></html>"#,
            "<p>Plan the work, run the meetings and keep the budget.</p>".repeat(4)
        )
    };
    // WHEN extracted THEN the office's place is the job's
    assert_eq!(places(&x(&page(""))), vec![(Some("Portland"), Some("OR"), Some("US"))]);
    // BUT not for a job the page calls remote
    let remote = x(&page("<p>This is a fully remote role.</p>"));
    assert_eq!((remote.remote, remote.locations.len()), ("remote", 0));
}

#[test]
fn labelled_facts_in_japanese_and_a_category_that_names_the_type() {
    // GIVEN a Japanese career page's facts: a choice of places, the way of
    // working, and (on another board) the type under 勤務形態
    let page = |facts: &str| {
        format!(
            r#"<html><head><title>LLMデータ基盤エンジニア</title></head><body><h1>LLMデータ基盤エンジニア</h1>
            <div class="job-description">{}</div><h2>勤務地・働き方</h2>{facts}</body></html>"#,
            // Facts beyond the lines under the title, which are read as facts whatever their label.
            "<p>大規模言語モデルのためのデータ基盤を設計し、構築し、運用していただきます。</p>".repeat(12)
        )
    };
    let p = x(&page("<p>所在地：東京 or 仙台</p><p>勤務形態：フルリモート（必要に応じて出社）</p>"));
    // THEN both places, and the way of working, are read
    assert_eq!(places(&p), vec![(Some("東京"), None, Some("JP")), (Some("仙台"), None, Some("JP"))]);
    assert_eq!(p.remote, "remote");
    assert_eq!(x(&page("<p>勤務形態：ハイブリッド（週3出社推奨）</p>")).remote, "hybrid");
    // AND 勤務形態 that gives the type is read as the type
    assert_eq!(x(&page("<p>勤務形態：正社員</p>")).employment_type.as_deref(), Some("full-time"));
    // GIVEN a state board's table, whose "Job Type" is the pay basis and "Category" the type
    let board = format!(
        r#"<html><head><title>Executive Secretary II</title></head><body><h1>Executive Secretary II</h1>
        <div class="job-description">{}</div><p>Job Type: Salaried</p><p>Category: Full Time</p><p>County: Kane</p></body></html>"#,
        "<p>Provide secretarial support to the deputy director and the office staff.</p>".repeat(12)
    );
    // THEN the category gives the type
    assert_eq!(x(&board).employment_type.as_deref(), Some("full-time"));
    // BUT a category that names no type gives none
    assert_eq!(x(&board.replace("Category: Full Time", "Category: Clerical")).employment_type, None);
}

#[test]
fn pay_the_page_states_below_a_teaser_description_is_read() {
    // GIVEN JSON-LD whose description stops before the pay, and the page
    // that goes on to state it (with another job's pay in a box of other jobs)
    let page = |box_: &str| {
        format!(
            r#"<html><head><title>Programme Manager</title><script type="application/ld+json">{{"@type":"JobPosting",
            "title":"Programme Manager","description":"For the Farm Sustainability team we seek a manager.",
            "jobLocation":{{"@type":"Place","address":{{"addressLocality":"Amersfoort","addressCountry":"NL"}}}}}}</script>
            </head><body><h1>Programme Manager</h1><p>For the Farm Sustainability team we seek a manager.</p>
            <h2>What we offer</h2><p>Salary between €4,450 and €6,000 per month, depending on experience.</p>{box_}</body></html>"#
        )
    };
    // WHEN extracted THEN the page's pay is the job's
    let p = x(&page(""));
    assert_eq!(sal(&p), (Some(4450.0), Some(6000.0), Some("EUR"), Some("month")));
    assert_eq!(p.sources["salary"], "page");
    // BUT pay only in a box of other jobs is not
    let other = x(&page("").replace("<h2>What we offer</h2><p>Salary between €4,450 and €6,000 per month, depending on experience.</p>", r#"<aside class="related-jobs"><h3>Similar jobs</h3><p>Salary between €3,000 and €3,500 per month.</p></aside>"#));
    assert_eq!(other.salary, None);
}

#[test]
fn a_pay_field_without_a_currency_pays_in_the_jobs_countrys_money() {
    // GIVEN a US career page whose pay fields give amounts alone
    let page = |place: &str, pay: &str| {
        format!(
            r#"<html><head><title>Software Engineer</title></head><body><h1>Software Engineer</h1>
            <div class="job-description">{}</div><p>Location: {place}</p><p>Salary: {pay}</p></body></html>"#,
            "<p>Build and run the systems our customers rely on every day.</p>".repeat(12)
        )
    };
    // THEN the currency is the country's
    assert_eq!(
        sal(&x(&page("Reston, VA, United States", "144,000.00 - 268,000.00 per year"))),
        (Some(144000.0), Some(268000.0), Some("USD"), Some("year"))
    );
    // BUT where places pay in different money, none is guessed
    assert_eq!(sal(&x(&page("London, UK; Berlin, Germany", "50,000 - 60,000 per year"))).2, None);
    // AND a bare "Rs" in a country that pays in no rupee names no currency at all
    assert_eq!(sal(&x(&page("Dubai, United Arab Emirates", "Rs 25,000 to Rs 35,000 per month"))).2, None);
    // AND a figure under another label, the pay field left empty, is no pay
    let empty = page("Bangalore, India", "")
        .replace("<p>Salary: </p>", "<p>Salary:</p><p>Job ID: 01961</p><p>Applications: 1</p>");
    assert_eq!(x(&empty).salary, None);
}

#[test]
fn an_application_end_date_is_the_closing_date() {
    let page = format!(
        r#"<html><head><title>Customer Sales Representative</title></head><body><h1>Customer Sales Representative</h1>
        <div class="job-description">{}</div><p>Application ends: May 18, 2026</p></body></html>"#,
        "<p>Answer customer calls and close sales for our products.</p>".repeat(12)
    );
    assert_eq!(x(&page).valid_through.map(|t| t.date_naive()), day(2026, 5, 18));
}

#[test]
fn a_closed_dialog_is_not_the_pages_text_and_an_open_one_is() {
    // GIVEN a job board page with closed dialogs: a consent notice in an
    // `<article>` before the posting, and "send this job by e-mail" in it
    let notice = "By creating an alert you give the companies of the group, as joint controllers, \
                  your personal data so that they can offer you new jobs on the portal. "
        .repeat(3);
    let posting = "<p>We are looking for a junior lawyer, fresh from school or with a year or two of practice, \
                   who will strengthen our legal team in Prague.</p>\
                   <p>You will draft and review contracts, advise product teams on data protection, \
                   consumer law and e-commerce, and help with licensing of our software.</p>\
                   <p>You bring a law degree, very good Czech, good English, care for detail, \
                   and the wish to learn the law of technology.</p>\
                   <p>We offer a friendly team, training, a notebook of your choice, meal vouchers, \
                   a Multisport card and five weeks of holiday.</p>";
    let page = |dialog: &str| {
        format!(
            "<html><head><title>Junior Lawyer</title></head><body><h1>Junior Lawyer</h1>\
             <dialog{dialog} class=\"Modal\"><article class=\"ModalDialog\"><p>{notice}</p></article></dialog>\
             <div class=\"job-description\">{posting}<dialog class=\"Modal\"><p>Send this job to a friend \
             by e-mail, with a message of your own</p></dialog></div></body></html>"
        )
    };
    // WHEN the page is extracted with the dialogs closed
    let closed = x(&page(""));
    // THEN the description is the posting, without the dialogs' text
    let text = closed.description_text.expect("a description");
    assert!(text.starts_with("We are looking for a junior lawyer"), "{text}");
    assert!(!text.contains("joint controllers") && !text.contains("Send this job"), "{text}");
    // AND an open dialog is shown, so its article is read as a description
    let open = x(&page(" open"));
    assert!(open.description_text.expect("a description").contains("joint controllers"));
}

#[test]
fn a_placeholder_pay_range_is_no_salary_and_the_description_states_the_pay() {
    // GIVEN structured data whose pay range is a form's placeholder, and a
    // description that states the real range
    let page = |lo: &str, hi: &str| {
        ld(&format!(
            r#"{{"@type":"JobPosting","title":"Principal Product Manager","hiringOrganization":"Remitly",
            "baseSalary":{{"@type":"MonetaryAmount","currency":"USD","value":{{"@type":"QuantitativeValue",
            "minValue":{lo},"maxValue":{hi},"unitText":"YEAR"}}}},
            "description":"<p>Lead our payments product.</p><p>The base salary range for this role is $180,000 - $260,000.</p>"}}"#
        ))
    };
    // WHEN a page with a range from 1 to 1,000,000 is extracted
    let p = x(&page("1.0", "1000000.0"));
    // THEN that range is dropped and the description's range is the salary
    assert_eq!(sal(&p), (Some(180_000.0), Some(260_000.0), Some("USD"), Some("year")));
    assert_eq!(p.sources.get("salary").copied(), Some("description"));
    // AND a wide band that is real pay (five times its bottom) is kept
    let p = x(&page("60000", "300000"));
    assert_eq!(sal(&p), (Some(60_000.0), Some(300_000.0), Some("USD"), Some("year")));
}

#[test]
fn a_list_of_other_jobs_cards_opening_with_links_is_no_main_content_block() {
    // GIVEN a board's page with no structured data: the posting's prose,
    // and beside it a list of other jobs, each item a linked title and a
    // linked company followed by its places (DOU's "Hot jobs")
    let card = "<li><a href=\"/vacancies/1/\">Account Executive</a> в <a href=\"/companies/railsware/\">Railsware</a>, \
                Київ, Краків (Польща), Варшава (Польща), віддалено</li>";
    let html = format!(
        "<html><head><title>Python Engineer</title></head><body><div class=\"l-vacancy\"><h1>Python Engineer</h1>\
         <div class=\"b-typo vacancy-section\"><p>Ready to help build drones that fly on their own? Join our team, \
         an international one, and shape the future of defence technology.</p>\
         <h3>Responsibilities</h3><p>Write the business logic of the flight controller, in Python, with tests, and \
         review the code of others.</p><h3>Requirements</h3><p>Three years of Python, some embedded systems, and \
         the wish to learn.</p></div></div><div class=\"b-dou-vacancies\"><h4>Hot jobs</h4><ul>{}</ul></div>\
         </body></html>",
        card.repeat(12)
    );
    // WHEN extracted
    let p = x(&html);
    // THEN the description is the posting, not the cards
    let text = p.description_text.expect("a description");
    assert!(text.starts_with("Ready to help build drones"), "{text}");
    assert!(!text.contains("Railsware"), "{text}");
}

#[test]
fn a_boards_generic_words_in_the_page_title_and_under_a_label_name_no_employer() {
    // GIVEN jobs.cz pages: an employer's branded one, whose page title
    // holds the board's "Detail pozice" (position detail); and a standard
    // one, whose facts beside icons carry screen-reader labels, so the
    // advertiser's type "Zaměstnavatel" (employer) reads as a label over the
    // next fact's label "Info"
    let body = "<p>Hledáme zkušeného profesionála, který převezme plnou zodpovědnost za naše IT prostředí.</p>\
                <h3>Náplň práce</h3><p>Správa sítí, serverů a licencí, a dohled nad dodavateli.</p>\
                <h3>Požadujeme</h3><p>Pět let praxe v IT, řidičský průkaz, a dobrou angličtinu.</p>";
    let branded = format!(
        "<html><head><title>IT Manažer - Detail pozice | GS CZ</title></head><body><h1>IT Manažer</h1>\
         <div class=\"job-description\">{body}</div></body></html>"
    );
    let standard = format!(
        "<html><head><title>Junior Právník – SmileTech s.r.o.</title></head><body><h1>Junior Právník</h1>\
         <div class=\"job-description\">{body}</div><div class=\"IconWithText\"><span>Zadavatel</span>\
         <p>Zaměstnavatel</p></div><div class=\"IconWithText\"><span>Info</span><p>Práce na plný úvazek</p></div>\
         </body></html>"
    );
    // WHEN each is extracted
    // THEN the employer is the one the page title names after the board's words
    assert_eq!(x(&branded).organization.as_deref(), Some("GS CZ"));
    let careers = branded.replace("IT Manažer - Detail pozice | GS CZ", "IT Manažer - Detail pozice - Škoda kariéra");
    assert_eq!(x(&careers).organization.as_deref(), Some("Škoda"));
    assert_eq!(x(&standard).organization.as_deref(), Some("SmileTech s.r.o."));
}

#[test]
fn a_site_templates_name_is_no_employer_and_a_part_of_the_world_no_region() {
    // GIVEN a site built from a template whose name its owner kept in the
    // page title, and structured data whose region is a part of the world
    let framer = "<html><head><title>Platform Engineer (m/f/d) - Monks Meet Online Video Platform Framer Template</title>\
                  </head><body><h1>Platform Engineer (m/f/d)</h1><p>Location: Berlin, Germany</p></body></html>";
    let teamtailor = ld(r#"{"@type":"JobPosting","title":"Head of Fleet Procurement","hiringOrganization":"Moove",
        "jobLocation":[{"@type":"Place","address":{"@type":"PostalAddress","addressLocality":"Phoenix",
        "addressRegion":"North America","addressCountry":"US"}}]}"#);
    // WHEN each is extracted
    // THEN the template names no employer
    assert_eq!(x(framer).organization, None);
    // AND the place has its city and country, and no region
    assert_eq!(places(&x(&teamtailor)), vec![(Some("Phoenix"), None, Some("US"))]);
}

#[test]
fn a_dou_page_gives_its_employer_its_cities_and_a_title_without_the_employer() {
    // GIVEN a DOU page: the employer in the page title followed by "abroad,
    // remote"; a heading that names the employer after " в " ("at"); a
    // breadcrumb from the board's root through a category "HR"; the job's
    // cities in Ukrainian with a country's note; and sections headed in
    // Ukrainian
    let page = |places: &str| {
        format!(
            "<html><head><title>Head of L&amp;D в Kiss My Apps в Kiss My Apps, за кордоном, віддалено | DOU</title></head>\
             <body><ul><li class=\"breadcrumbs\"><a href=\"/vacancies/\">Всі вакансії</a> / \
             <a href=\"/vacancies/?category=HR\">HR</a> / <a href=\"/vacancies/?relocation\">за кордоном</a></li></ul>\
             <div class=\"l-vacancy\"><h1>Head of L&amp;D в Kiss My Apps</h1>\
             <div class=\"sh-info\"><span class=\"place\">{places}</span></div>\
             <div class=\"b-typo vacancy-section\"><p>Привіт! Ми шукаємо людину, яка побудує навчання в компанії, \
             з нуля, для команд у трьох країнах, і стане партнером для керівників.</p>\
             <p><strong>Що потрібно буде робити</strong></p><ul><li>Будувати програми навчання, адаптації та розвитку \
             лідерів, разом з командою HR.</li></ul>\
             <p><strong>Що важливо</strong></p><ul><li>Досвід від трьох років у L&amp;D, у продуктовій компанії, \
             і впевнена англійська.</li></ul>\
             <p><strong>Що ми пропонуємо</strong></p><ul><li>Гнучкий графік, відпустку, навчання і медичне \
             страхування.</li></ul></div></div></body></html>"
        )
    };
    // WHEN a page whose job is in three cities, or remote, is extracted
    let p = x(&page("Київ, Львів, Варшава (Польща), віддалено"));
    // THEN the employer is the name, the title the job, and each city a place
    assert_eq!(p.organization.as_deref(), Some("Kiss My Apps"));
    assert_eq!(p.title.as_deref(), Some("Head of L&D"));
    assert_eq!(
        places(&p),
        vec![(Some("Київ"), None, Some("UA")), (Some("Львів"), None, Some("UA")), (Some("Варшава"), None, Some("PL"))]
    );
    assert_eq!(p.remote, "remote");
    // AND with no city at all ("abroad, remote"), the breadcrumb's category
    // is no place, and the headings alone make the page a posting
    let p = x(&page("за кордоном, віддалено"));
    assert_eq!(places(&p), vec![]);
    assert!(p.description_text.is_some_and(|t| t.contains("Будувати програми навчання")));
    assert_eq!(p.organization.as_deref(), Some("Kiss My Apps"));
}

#[test]
fn a_structured_region_with_its_country_code_is_the_region() {
    // GIVEN Eightfold's JSON-LD, whose addressRegion is "CA,US"
    let html = ld(r#"{"@type":"JobPosting","title":"Engineer","hiringOrganization":"Netflix",
        "jobLocation":[{"@type":"Place","address":{"@type":"PostalAddress","addressLocality":"Los Gatos",
        "addressRegion":"CA,US","addressCountry":"US"}}],"description":"Build the streaming systems."}"#);
    // WHEN extracted  THEN the region is California's code
    assert_eq!(places(&x(&html)), vec![(Some("Los Gatos"), Some("CA"), Some("US"))]);
}

#[test]
fn a_main_content_block_that_is_only_the_last_section_starts_at_the_first_section_above_it() {
    // GIVEN a career site that gives each section a block of its own, with
    // no class naming any: "Responsibilities" and "Qualifications" each one
    // long paragraph, then "Job Information" with many paragraphs of pay and
    // benefits, which outscores them (TikTok's shape)
    let info = "<p>Benefits may vary with the nature of employment, the country and the location of work, and the \
                plan in force, as described.</p>"
        .repeat(8);
    let section = |heading: &str, body: &str| {
        format!(
            "<div><div class=\"py-80\"><p class=\"t32\">{heading}</p><div class=\"t20\">{body}</div></div><hr></div>"
        )
    };
    let html = format!(
        "<html><head><title>Computer Vision Engineer</title></head><body><h1>Computer Vision Engineer</h1>\
         <p>San Jose</p><div class=\"px-100\">{}{}{}</div></body></html>",
        section(
            "Responsibilities",
            "<p>Develop acceleration for text-to-video models, through distillation, sparse attention, and low-bit quantization.</p>"
        ),
        section(
            "Qualifications",
            "<p>Five years of C++ or Python, and a deep knowledge of diffusion models, their costs, and their tuning.</p>"
        ),
        section("Job Information", &format!("<div class=\"editor\">{info}</div>")),
    );
    // WHEN extracted
    let p = x(&html);
    // THEN the description runs from the first section to the last
    let text = p.description_text.expect("a description");
    assert!(text.starts_with("Responsibilities\nDevelop acceleration"), "{text}");
    assert!(text.contains("Five years of C++") && text.ends_with("as described."), "{text}");

    // AND a block that heads its own sections keeps its start, though a
    // heading stands above it
    let whole = format!(
        "<html><head><title>Computer Vision Engineer</title></head><body><h1>Computer Vision Engineer</h1>\
         <p>Requirements</p><div class=\"px-100\"><p class=\"t32\">Responsibilities</p>{info}</div></body></html>"
    );
    let text = x(&whole).description_text.expect("a description");
    assert!(text.starts_with("Responsibilities\nBenefits may vary"), "{text}");
}

#[test]
fn a_link_back_to_the_list_under_the_title_ends_the_pages_header() {
    // GIVEN a career site whose `<main>` holds the title, its facts, an
    // apply button and a link back to the search results, then the posting
    // (Roblox's shape)
    let html = "<html><head><title>Principal Engineer</title></head><body><main><h1>Principal Engineer</h1>\
        <div><span>San Mateo, CA, United States</span><span>Engineering</span><span>ID: 5470</span></div>\
        <button>Apply Now</button><div><a href=\"/jobs\"><span>Back to search results</span></a>\
        <div><p>Every day, millions of people come to explore, create, play, learn, and connect with friends.</p>\
        <p>You will build the tools that creators use to work together, in real time, on the same world.</p></div></div>\
        </main></body></html>";
    // WHEN extracted
    let p = x(html);
    // THEN the description is the posting, without the header and the link
    let text = p.description_text.as_deref().expect("a description");
    assert!(text.starts_with("Every day, millions"), "{text}");
    // AND the facts above still give the place
    assert_eq!(places(&p), vec![(Some("San Mateo"), Some("CA"), Some("US"))]);

    // AND a link that follows the posting's own first paragraph is no header's
    let lead = "Every day, millions of people come to explore, create, play, learn, and connect. ".repeat(4);
    let later = html.replace("<button>Apply Now</button>", &format!("<p>{lead}</p>"));
    let text = x(&later).description_text.expect("a description");
    assert!(text.starts_with("San Mateo"), "{text}");
}
