//! `GET /api/jobs` and `GET /api/jobs/{id}`: typo-tolerant full-text search
//! ("grapql" finds GraphQL jobs), web-search syntax, ranking by tier,
//! filters, open jobs only unless asked, keyset pagination, validation.

mod api_support;

use api_support::{Api, SeedJob, assert_problem, seed_jobs};
use serde_json::Value;

/// The seeded jobs, by name.
struct Seeded {
    graphql_title: i64,
    graphql_text: i64,
    data: i64,
    rust: i64,
    closed_graphql: i64,
    office: i64,
}

async fn seeded() -> (Api, String, Seeded) {
    let api = Api::start().await;
    let token = api.sign_in("seeker@example.com").await;
    let jobs = [
        SeedJob {
            remote: "remote",
            salary_max: Some(150_000.0),
            date_posted: Some("2026-11-10"),
            ..SeedJob::new("acme", "Senior GraphQL Engineer", "Build our GraphQL gateway in Rust.")
        },
        SeedJob {
            salary_max: Some(90_000.0),
            date_posted: Some("2026-10-01"),
            ..SeedJob::new("globex", "Backend Engineer", "Design GraphQL schemas and REST services with Python.")
        },
        SeedJob {
            remote: "hybrid",
            location: "Zürich, ZH, CH",
            employment_type: Some("part-time"),
            date_posted: Some("2026-11-15"),
            ..SeedJob::new("initech", "Data Scientist", "Machine learning models with Python and SQL.")
        },
        SeedJob {
            location: "Austin, TX, US",
            ..SeedJob::new("acme", "Embedded Rust Engineer", "Firmware for robots, written in Rust.")
        },
        SeedJob {
            closed: true,
            ..SeedJob::new("globex", "Frontend Developer", "React and TypeScript; consumes a GraphQL API.")
        },
        SeedJob::new("initech", "Office Manager", "Keep the office running."),
    ];
    let ids = seed_jobs(&api.stack.pool, &jobs).await;
    let s = Seeded {
        graphql_title: ids[0],
        graphql_text: ids[1],
        data: ids[2],
        rust: ids[3],
        closed_graphql: ids[4],
        office: ids[5],
    };
    (api, token, s)
}

fn ids(r: &Value) -> Vec<i64> {
    r["jobs"].as_array().unwrap_or_else(|| panic!("no jobs in {r}")).iter().map(|j| j["id"].as_i64().unwrap()).collect()
}

fn matches(r: &Value) -> Vec<String> {
    r["jobs"].as_array().unwrap().iter().map(|j| j["match"].as_str().unwrap_or("").to_owned()).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_misspelt_word_still_finds_its_jobs_title_matches_first() {
    // GIVEN jobs mentioning GraphQL in a title, in a description, and a closed one
    let (api, token, s) = seeded().await;
    // WHEN someone searches for "grapql"
    let r = api.get("/api/jobs?q=grapql", &token).await;
    // THEN the open GraphQL jobs come back, the title match first, both as corrected matches
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(ids(&r.json), [s.graphql_title, s.graphql_text]);
    assert_eq!(matches(&r.json), ["fuzzy_title", "fuzzy_text"]);
    // ... and a typo in a longer query still narrows it: "senior grapql"
    let r = api.get("/api/jobs?q=senior%20grapql", &token).await;
    assert_eq!(ids(&r.json), [s.graphql_title]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn results_are_ranked_title_then_text_and_closed_jobs_only_on_request() {
    let (api, token, s) = seeded().await;
    // WHEN searching for "graphql"
    let open = api.get("/api/jobs?q=graphql", &token).await;
    // THEN the title match ranks above the description match, and the closed job is left out
    assert_eq!(ids(&open.json), [s.graphql_title, s.graphql_text]);
    assert_eq!(matches(&open.json), ["title", "text"]);
    // WHEN closed jobs are included
    let all = api.get("/api/jobs?q=graphql&include_closed=true", &token).await;
    // THEN it joins its tier, newest first, with its closing time
    assert_eq!(ids(&all.json), [s.graphql_title, s.closed_graphql, s.graphql_text]);
    assert!(all.json["jobs"][1]["closed_at"].is_string());
    assert!(all.json["jobs"][0]["closed_at"].is_null());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn web_search_syntax_excludes_words_matches_phrases_and_alternatives() {
    let (api, token, s) = seeded().await;
    let q = |q: &str| format!("/api/jobs?q={}", q.replace(' ', "%20").replace('"', "%22"));
    assert_eq!(ids(&api.get(&q("rust -firmware"), &token).await.json), [s.graphql_title]);
    assert_eq!(ids(&api.get(&q("\"machine learning\""), &token).await.json), [s.data]);
    assert_eq!(ids(&api.get(&q("\"learning machine\""), &token).await.json), Vec::<i64>::new());
    // "rust or python": the title match first, then the rest newest first
    assert_eq!(
        ids(&api.get(&q("rust or python"), &token).await.json),
        [s.rust, s.data, s.graphql_text, s.graphql_title]
    );
    // stop words only: nothing to search for
    assert_eq!(ids(&api.get(&q("the"), &token).await.json), Vec::<i64>::new());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn filters_narrow_the_results() {
    let (api, token, s) = seeded().await;
    let get = |p: &'static str| {
        let api = &api;
        let token = &token;
        async move { ids(&api.get(&format!("/api/jobs?{p}"), token).await.json) }
    };
    assert_eq!(get("q=engineer&company=globex").await, [s.graphql_text]);
    assert_eq!(get("remote=remote").await, [s.graphql_title]);
    assert_eq!(get("location=z%C3%BCrich").await, [s.data]);
    assert_eq!(get("employment_type=part-time").await, [s.data]);
    assert_eq!(get("posted_since=2026-11-05").await, [s.data, s.graphql_title]);
    assert_eq!(get("salary_min=100000").await, [s.graphql_title]);
    assert_eq!(get("location=100%25").await, Vec::<i64>::new());
    // no query: every open job, newest first, without a match tier
    let all = api.get("/api/jobs", &token).await;
    assert_eq!(ids(&all.json), [s.office, s.rust, s.data, s.graphql_text, s.graphql_title]);
    assert!(all.json["jobs"][0]["match"].is_null());
    assert_eq!(all.json["jobs"][4]["salary"]["max"], 150_000.0);
    assert_eq!(all.json["jobs"][4]["company_name"], "Acme Robotics");
}

/// Every result of `query`, read `per_page` at a time following next_cursor.
async fn all_pages(api: &Api, token: &str, query: &str, per_page: u32) -> Vec<i64> {
    let mut got = Vec::new();
    let mut cursor: Option<String> = None;
    for _ in 0..10 {
        let c = cursor.as_ref().map(|c| format!("&cursor={c}")).unwrap_or_default();
        let page = api.get(&format!("/api/jobs?limit={per_page}&{query}{c}"), token).await;
        assert_eq!(page.status, 200, "{}", page.text);
        assert!(ids(&page.json).len() <= per_page as usize);
        got.extend(ids(&page.json));
        cursor = page.json["next_cursor"].as_str().map(str::to_owned);
        if cursor.is_none() {
            break;
        }
    }
    got
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keyset_pages_cover_every_result_once_in_rank_order_across_tiers() {
    let (api, token, s) = seeded().await;
    for (query, want) in [
        ("", vec![s.office, s.rust, s.data, s.graphql_text, s.graphql_title]),
        ("q=engineer", vec![s.rust, s.graphql_text, s.graphql_title]),
        ("q=graphql&include_closed=true", vec![s.graphql_title, s.closed_graphql, s.graphql_text]),
        ("q=grapql&include_closed=true", vec![s.graphql_title, s.closed_graphql, s.graphql_text]),
    ] {
        // WHEN the results are read two at a time, following next_cursor
        let got = all_pages(&api, &token, query, 2).await;
        // THEN together they are the single-page results, in order, each once
        assert_eq!(got, want, "{query}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_parameters_are_422_naming_each_one() {
    let (api, token, _) = seeded().await;
    for (query, field) in [
        ("limit=0", "query.limit"),
        ("limit=101", "query.limit"),
        ("limit=many", "query.limit"),
        ("remote=moon", "query.remote"),
        ("employment_type=fulltime", "query.employment_type"),
        ("posted_since=yesterday", "query.posted_since"),
        ("salary_min=-5", "query.salary_min"),
        ("include_closed=maybe", "query.include_closed"),
        ("company=Not%20A%20Slug", "query.company"),
        ("cursor=garbage", "query.cursor"),
        ("cursor=", "query.cursor"),
        ("q=a%00b", "query.q"),
    ] {
        let r = api.get(&format!("/api/jobs?{query}"), &token).await;
        assert_problem(&r, 422);
        assert_eq!(r.error_fields(), [field], "{query}: {}", r.text);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_job_reads_back_in_full_and_unknown_ids_are_404() {
    let (api, token, s) = seeded().await;
    let r = api.get(&format!("/api/jobs/{}", s.graphql_title), &token).await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json["title"], "Senior GraphQL Engineer");
    assert_eq!(r.json["company"], "acme");
    assert_eq!(r.json["description_text"], "Build our GraphQL gateway in Rust.");
    assert_eq!(r.json["description_html"], "<p>Build our GraphQL gateway in Rust.</p>");
    assert_eq!(r.json["salary"]["currency"], "EUR");
    assert!(r.json["external_id"].is_string() && r.json["locations"].is_array());
    for bad in ["999999999", "abc", "-1"] {
        assert_problem(&api.get(&format!("/api/jobs/{bad}"), &token).await, 404);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn jobs_older_than_the_first_window_are_still_found_in_rank_order() {
    // GIVEN the seeded jobs, then 2,100 newer ones that mention none of the search words
    let (api, token, s) = seeded().await;
    sqlx::query(
        "INSERT INTO jobs (company_id, external_id, url, title, description_text, location_text)
         SELECT (SELECT id FROM companies WHERE slug = 'initech'), 'filler-' || g, 'https://jobs.example/f/' || g,
                'Office Assistant ' || g, 'Answer the phone and keep the calendar.', 'Leeds, ENG, GB'
         FROM generate_series(1, 2100) g",
    )
    .execute(&api.stack.pool)
    .await
    .unwrap();
    // WHEN searching for words only the older jobs have, exactly and misspelt
    let exact = api.get("/api/jobs?q=graphql", &token).await;
    let fuzzy = api.get("/api/jobs?q=grapql", &token).await;
    // THEN they are found, ranked as before
    assert_eq!(ids(&exact.json), [s.graphql_title, s.graphql_text]);
    assert_eq!(ids(&fuzzy.json), [s.graphql_title, s.graphql_text]);
    // ... and a word in both old and new jobs pages through all of them newest first
    let first = api.get("/api/jobs?q=office&limit=100", &token).await;
    assert_eq!(ids(&first.json).len(), 100);
    assert_eq!(first.json["jobs"][0]["title"], "Office Assistant 2100");
    let mut all = ids(&first.json);
    let mut cursor = first.json["next_cursor"].as_str().map(str::to_owned);
    while let Some(c) = cursor {
        let page = api.get(&format!("/api/jobs?q=office&limit=100&cursor={c}"), &token).await;
        all.extend(ids(&page.json));
        cursor = page.json["next_cursor"].as_str().map(str::to_owned);
    }
    assert_eq!(all.len(), 2101);
    assert_eq!(*all.last().unwrap(), s.office);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_word_new_since_the_vocabulary_was_built_is_found_at_once() {
    // GIVEN a vocabulary built by a typo-corrected search
    let (api, token, _) = seeded().await;
    assert_eq!(api.get("/api/jobs?q=grapql", &token).await.status, 200);
    // ... and then a job with a word the vocabulary does not have yet
    let new =
        seed_jobs(&api.stack.pool, &[SeedJob::new("acme", "Zig Compiler Engineer", "Work on zigzag codegen.")]).await;
    // WHEN searching for that word exactly, and misspelt
    let exact = api.get("/api/jobs?q=zigzag", &token).await;
    let fuzzy = api.get("/api/jobs?q=zigzga", &token).await;
    // THEN the new job is found both ways: an out-of-date vocabulary never hides a job
    assert_eq!(ids(&exact.json), new);
    assert_eq!(matches(&exact.json), ["text"]);
    assert_eq!(ids(&fuzzy.json), new);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_retitled_or_closed_job_is_searched_as_it_is_now() {
    // GIVEN the seeded jobs, the Rust one found by its title
    let (api, token, s) = seeded().await;
    assert_eq!(ids(&api.get("/api/jobs?q=embedded", &token).await.json), [s.rust]);
    // WHEN it is retitled, and the data job is closed, the way the extractor and discovery write them
    sqlx::query("UPDATE jobs SET title = 'Firmware Engineer', extracted_at = now() WHERE id = $1")
        .bind(s.rust)
        .execute(&api.stack.pool)
        .await
        .unwrap();
    sqlx::query("UPDATE jobs SET closed_at = now() WHERE id = $1").bind(s.data).execute(&api.stack.pool).await.unwrap();
    // THEN the title tier follows the new title, and the closed job is only found on request
    let old_title = api.get("/api/jobs?q=embedded", &token).await;
    assert!(!matches(&old_title.json).contains(&"title".to_owned()), "{}", old_title.text);
    let new_title = api.get("/api/jobs?q=firmware", &token).await;
    assert_eq!((ids(&new_title.json), matches(&new_title.json)), (vec![s.rust], vec!["title".to_owned()]));
    assert!(ids(&api.get("/api/jobs?q=scientist", &token).await.json).is_empty());
    assert_eq!(ids(&api.get("/api/jobs?q=scientist&include_closed=true", &token).await.json), [s.data]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_an_up_to_date_vocabulary_title_words_still_rank_first_and_description_words_are_found() {
    // GIVEN the seeded jobs and a vocabulary built from them (a typo-corrected search builds it)
    let (api, token, s) = seeded().await;
    assert_eq!(api.get("/api/jobs?q=grapql", &token).await.status, 200);
    // WHEN searching for a word in titles and descriptions, and for words only descriptions have
    let both = api.get("/api/jobs?q=graphql", &token).await;
    let described = api.get("/api/jobs?q=schemas%20python", &token).await;
    // THEN the title match still ranks first, and the description-only words find their job as text
    assert_eq!(
        (ids(&both.json), matches(&both.json)),
        (vec![s.graphql_title, s.graphql_text], vec!["title".to_owned(), "text".to_owned()])
    );
    assert_eq!((ids(&described.json), matches(&described.json)), (vec![s.graphql_text], vec!["text".to_owned()]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn title_search_answers_stop_word_queries_and_overlong_titles_and_locations() {
    // GIVEN the seeded jobs and one whose title and location are far longer
    // than an index entry holds (a page that stuffed them)
    let (api, token, s) = seeded().await;
    let words: String = (0..300).map(|i| format!(" filler{i}")).collect();
    let title: &'static str = Box::leak(format!("Quantum Platform Engineer{words}").into_boxed_str());
    let location: &'static str =
        Box::leak(format!("Springfield, IL, US{}", " and elsewhere".repeat(40)).into_boxed_str());
    let long = seed_jobs(&api.stack.pool, &[SeedJob { location, ..SeedJob::new("acme", title, "Qubits.") }]).await[0];
    let get = |p: &'static str| {
        let api = &api;
        let token = &token;
        async move { api.get(&format!("/api/jobs?{p}"), token).await.json }
    };
    // WHEN searching by the long title's words, with the location filter,
    // and with a query whose only plain word is a stop word
    let quantum = get("q=quantum%20engineer&location=elsewhere").await;
    let late_word = get("q=filler299").await;
    let stop_word = get("q=the%20-graphql").await;
    // THEN the long job is a title match by any of its title's words, the
    // location filter reads its whole location, and "the -graphql" is
    // every job without GraphQL, newest first
    assert_eq!((ids(&quantum), matches(&quantum)), (vec![long], vec!["title".to_owned()]));
    assert_eq!((ids(&late_word), matches(&late_word)), (vec![long], vec!["title".to_owned()]));
    assert_eq!(ids(&stop_word), [long, s.office, s.rust, s.data]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_document_tier_reads_the_same_pages_whether_it_judges_a_query_rare_or_common() {
    // GIVEN the seeded jobs, analysed, and a vocabulary built from them
    let (api, token, s) = seeded().await;
    let pool = &api.stack.pool;
    sqlx::query("ANALYZE jobs").execute(pool).await.unwrap();
    assert_eq!(api.get("/api/jobs?q=grapql", &token).await.status, 200);
    let share =
        |f: f32| sqlx::query("UPDATE search_words SET doc_freq = $1 WHERE word = 'python'").bind(f).execute(pool);
    // WHEN "python" (in two descriptions, no title) is read as rare, through
    // the index, and as common, newest first (in every document: with six
    // jobs and pages of one, 1² × 6 is not under 3 × 2)
    share(0.0).await.unwrap();
    let rare = all_pages(&api, &token, "q=python", 1).await;
    share(1.0).await.unwrap();
    let common = all_pages(&api, &token, "q=python", 1).await;
    // THEN both give the same jobs, page by page, in the same order
    assert_eq!(rare, [s.data, s.graphql_text]);
    assert_eq!(common, rare);
}
