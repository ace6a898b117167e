//! The Lever, Ashby, Workday, SmartRecruiters and Recruitee adapters against
//! the fixture imitations of their APIs, through the real `list_jobs`, the
//! real polite fetcher and its Postgres limiter: paging, Workday's
//! 2,000-result cap split by facets, the pages the listed URLs lead to, and
//! gone boards and bad configs.

use std::collections::{BTreeSet, HashMap};

use jh_common::config::Env;
use jh_common::db::companies::Company;
use jh_common::db::jobs::ListedJob;
use jh_common::fetch::{FetchConfig, FetchRequest, Fetched, Fetcher};
use jh_common::sources::{SourceBases, SourceError, list_jobs};
use jh_devstack::ats_fixtures::{self, AtsSites, make_jobs};
use jh_devstack::fixtures::{FixtureCompany, FixtureJob};
use jh_devstack::{Devstack, DevstackOptions};
use serde_json::{Value, json};

fn fixture(slug: &str, source: &str, board: &str, first_id: u64, n: usize) -> FixtureCompany {
    FixtureCompany {
        slug: slug.into(),
        source: source.into(),
        name: slug.into(),
        board: board.into(),
        jobs: make_jobs(first_id, n),
    }
}

fn company(c: &FixtureCompany, config: Value) -> Company {
    Company { id: 0, slug: c.slug.clone(), name: c.name.clone(), source: c.source.clone(), config }
}

/// The stack's environment with every ATS base pointed at the fixture server.
fn env(stack: &Devstack, sites: &AtsSites) -> Env {
    let mut env: HashMap<String, String> = stack.env();
    let base = &sites.base_url;
    for var in [
        "LEVER_API_BASE",
        "ASHBY_API_BASE",
        "SMARTRECRUITERS_API_BASE",
        "SMARTRECRUITERS_JOBS_BASE",
        "WORKDAY_API_BASE",
    ] {
        env.insert(var.into(), base.clone());
    }
    env.insert("RECRUITEE_API_BASE".into(), format!("{base}/recruitee/{{company}}"));
    Env::from_map(env)
}

fn fetcher(stack: &Devstack, env: &Env) -> Fetcher {
    Fetcher::new(FetchConfig::from_env(env).unwrap(), stack.pool.clone()).unwrap()
}

/// The external id the adapter must report for a fixture job.
fn external_id(source: &str, job: &FixtureJob) -> String {
    match source {
        "lever" => ats_fixtures::lever_id(job),
        "ashby" => ats_fixtures::ashby_id(job),
        "workday" => ats_fixtures::workday_req_id(job),
        "smartrecruiters" => ats_fixtures::smartrecruiters_id(job),
        _ => job.id.to_string(),
    }
}

fn expected_ids(c: &FixtureCompany) -> BTreeSet<String> {
    c.jobs.iter().map(|j| external_id(&c.source, j)).collect()
}

fn assert_each_job_once(c: &FixtureCompany, listed: &[ListedJob]) {
    let ids: BTreeSet<String> = listed.iter().map(|j| j.external_id.clone()).collect();
    assert_eq!(
        listed.len(),
        c.jobs.len(),
        "{}: listed {} jobs for {} on the board",
        c.slug,
        listed.len(),
        c.jobs.len()
    );
    assert_eq!(ids, expected_ids(c), "{}: wrong external ids", c.slug);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_source_lists_each_job_of_its_board_exactly_once_and_links_to_its_page() {
    // GIVEN fixture boards for the five sources: Lever and SmartRecruiters
    // boards longer than one page, a three-page Workday board, and two
    // Recruitee sites, one reached through the env template and one through
    // the company's base_url (a custom domain)
    let stack = Devstack::start(DevstackOptions::test()).await.unwrap();
    let boards = vec![
        fixture("umbrella", "lever", "umbrella", 6_000_000, 250),
        fixture("hooli", "ashby", "hooli", 6_001_000, 12),
        fixture("cyberdyne", "workday", "Cyberdyne_Careers", 6_002_000, 45),
        fixture("soylent", "smartrecruiters", "Soylent", 6_003_000, 230),
        fixture("wonka", "recruitee", "wonka", 6_004_000, 15),
        fixture("willy", "recruitee", "willy", 6_005_000, 7),
    ];
    let sites = ats_fixtures::serve(boards.clone()).await.unwrap();
    let env = env(&stack, &sites);
    let fetcher = fetcher(&stack, &env);
    let bases = SourceBases::from_env(&env).unwrap();
    let configs = [
        json!({"site": "umbrella"}),
        json!({"board": "hooli"}),
        json!({"tenant": "cyberdyne", "site": "Cyberdyne_Careers", "host": "cyberdyne.wd5.myworkdayjobs.com"}),
        json!({"company": "Soylent"}),
        json!({"company": "wonka"}),
        json!({"base_url": format!("{}/recruitee/willy", sites.base_url)}),
    ];
    for (board, config) in boards.iter().zip(configs) {
        // WHEN the company's jobs are listed
        let listed = list_jobs(&company(board, config), &fetcher, &bases).await.unwrap();
        // THEN each job of the board is listed once, under its stable id and title
        assert_each_job_once(board, &listed);
        let first = listed.iter().find(|l| l.external_id == external_id(&board.source, &board.jobs[0])).unwrap();
        assert_eq!(first.title, board.jobs[0].title);
        // AND the listed URL is the job's page
        let url = reqwest::Url::parse(&first.url).unwrap();
        assert!(first.url.starts_with(&sites.base_url), "{} points away from the fixture: {}", board.slug, first.url);
        let Fetched::Page(page) = fetcher.fetch(&FetchRequest::page(&url, &board.slug, None, None)).await.unwrap()
        else {
            panic!("{}: {} is not a page", board.slug, first.url);
        };
        assert!(
            String::from_utf8_lossy(&page.body).contains(&board.jobs[0].title),
            "{}: wrong page {}",
            board.slug,
            first.url
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_workday_board_beyond_the_result_cap_is_split_by_facets_and_every_job_found_once() {
    // GIVEN a Workday board of 2,600 jobs, all in one job family, 2,200 of
    // them in Berlin: every facet has a value past the 2,000-result cap, so
    // one split is not enough; remote jobs sit under two locations
    let stack = Devstack::start(DevstackOptions::test()).await.unwrap();
    let mut board = fixture("initrode", "workday", "Initrode_External", 7_000_000, 2_600);
    for (i, j) in board.jobs.iter_mut().enumerate() {
        let (city, region, country) = if i < 2_200 { ("Berlin", "Berlin", "DE") } else { ("London", "England", "GB") };
        (j.city, j.region, j.country) = (city.into(), region.into(), country.into());
        j.department = "Engineering".into();
    }
    let sites = ats_fixtures::serve(vec![board.clone()]).await.unwrap();
    let env = env(&stack, &sites);
    let fetcher = fetcher(&stack, &env);
    let bases = SourceBases::from_env(&env).unwrap();
    let config = json!({"tenant": "initrode", "site": "Initrode_External", "host": "initrode.wd1.myworkdayjobs.com"});
    // WHEN its jobs are listed
    let listed = list_jobs(&company(&board, config), &fetcher, &bases).await.unwrap();
    // THEN every job is found exactly once
    assert_each_job_once(&board, &listed);
    // AND no search asked past the cap or for more than 20 at a time
    let searches = sites.log.workday();
    assert!(searches.iter().all(|s| s.offset + s.limit <= 2_000 && s.limit <= 20), "a search went past the cap");
    // AND the search was split, and split again
    assert!(searches.iter().any(|s| s.applied.len() == 2), "no second-level split");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_board_that_does_not_exist_is_gone_and_a_missing_config_key_is_named() {
    // GIVEN a fixture server with no boards at all
    let stack = Devstack::start(DevstackOptions::test()).await.unwrap();
    let sites = ats_fixtures::serve(vec![]).await.unwrap();
    let env = env(&stack, &sites);
    let fetcher = fetcher(&stack, &env);
    let bases = SourceBases::from_env(&env).unwrap();
    let ghost = |source: &str, config: Value| Company {
        id: 0,
        slug: "ghost".into(),
        name: "Ghost".into(),
        source: source.into(),
        config,
    };
    // WHEN companies whose boards do not exist are listed
    // THEN Lever, Ashby, Workday and Recruitee answer 404 and the board is gone
    for (source, config) in [
        ("lever", json!({"site": "ghost"})),
        ("ashby", json!({"board": "ghost"})),
        ("workday", json!({"tenant": "ghost", "site": "Ghost"})),
        ("recruitee", json!({"company": "ghost"})),
    ] {
        let err = list_jobs(&ghost(source, config), &fetcher, &bases).await.unwrap_err();
        assert!(matches!(err, SourceError::BoardGone(404)), "{source}: {err}");
    }
    // AND SmartRecruiters, which answers an unknown company with an empty list, lists nothing
    assert!(
        list_jobs(&ghost("smartrecruiters", json!({"company": "Ghost"})), &fetcher, &bases).await.unwrap().is_empty()
    );
    // AND a company without its board key is misconfigured, naming the key
    for (source, key) in [("lever", "site"), ("ashby", "board"), ("workday", "site"), ("smartrecruiters", "company")] {
        let err = list_jobs(&ghost(source, json!({})), &fetcher, &bases).await.unwrap_err();
        assert!(matches!(&err, SourceError::Config { reason, .. } if reason.contains(key)), "{source}: {err}");
    }
    // AND with the default per-company hosts, Workday needs its host and Recruitee its subdomain
    let defaults = SourceBases::from_env(&Env::from_map(HashMap::new())).unwrap();
    for (source, key) in [("workday", "host"), ("recruitee", "company")] {
        let err =
            list_jobs(&ghost(source, json!({"site": "x", "tenant": "x"})), &fetcher, &defaults).await.unwrap_err();
        assert!(matches!(&err, SourceError::Config { reason, .. } if reason.contains(key)), "{source}: {err}");
    }
}
