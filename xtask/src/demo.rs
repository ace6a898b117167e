//! `cargo xtask demo` and `cargo xtask up`.

use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use indicatif::{ProgressBar, ProgressStyle};
use jh_devstack::sse::{ClientState, SseReader};
use jh_devstack::{Devstack, DevstackOptions, WorkerOptions};
use serde::Serialize;
use serde_json::Value;

/// What one run did, as the demo reports it.
#[derive(Debug, Serialize)]
pub struct RunReport {
    run_id: String,
    status: String,
    companies: usize,
    jobs_found: i64,
    extracted: i64,
    unchanged: i64,
    errors: i64,
    gone: i64,
    skipped: i64,
    closed: i64,
    breaker_open: Vec<String>,
    extract_messages: u64,
    seconds: f64,
}

fn count(summary: &Value, status: &str) -> i64 {
    summary["jobs"][status].as_i64().unwrap_or(0)
}

/// Starts a run through the HTTP API, follows its progress through the
/// Server-Sent Events endpoint with a progress bar, and returns the run's
/// summary once the stream's final `status` event has arrived.
async fn ingest(http: &reqwest::Client, api: &str, token: &str, label: &str) -> Result<(Value, f64)> {
    let started = Instant::now();
    let resp =
        http.post(format!("{api}/api/ingestions")).bearer_auth(token).send().await.context("POST /api/ingestions")?;
    let status = resp.status();
    let body: Value = resp.json().await.context("reading the start response")?;
    if status.as_u16() != 202 {
        bail!("starting the run failed with {status}: {body}");
    }
    let run_id = body["run_id"].as_str().context("no run_id in the response")?.to_owned();
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template("{prefix:>7} [{bar:40.cyan/blue}] {pos}/{len} jobs {msg}")
            .expect("valid template")
            .progress_chars("=> "),
    );
    bar.set_prefix(label.to_owned());
    let events_url = format!("{api}/api/ingestions/{run_id}/events");
    let mut stream = SseReader::open(&events_url, token, None).await?;
    if stream.status != 200 {
        bail!("GET {events_url} answered {}", stream.status);
    }
    let mut client = ClientState::default();
    // Heartbeats come every few seconds; a minute of silence is a fault.
    while let Some(event) = stream.next(Duration::from_secs(60)).await.context("following the run's events")? {
        client.apply(&event)?;
        let counts = client.counts();
        let done: usize = TERMINAL.iter().map(|s| counts.get(s).copied().unwrap_or(0)).sum();
        bar.set_length(client.jobs.len() as u64);
        bar.set_position(done as u64);
        if let Some(s) = client.statuses.last() {
            bar.set_message(s.clone());
        }
    }
    let last = client.statuses.last().map(String::as_str);
    if !matches!(last, Some("finished" | "aborted" | "failed")) {
        bar.abandon();
        bail!("the event stream of run {run_id} ended without a final status (last: {last:?})");
    }
    bar.finish();
    let summary: Value = http
        .get(format!("{api}/api/ingestions/{run_id}"))
        .bearer_auth(token)
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    Ok((summary, started.elapsed().as_secs_f64()))
}

/// The job statuses a run ends a job in.
const TERMINAL: [&str; 5] = ["ready", "unchanged", "error", "skipped", "gone"];

/// Searches the jobs the runs stored, through `GET /api/jobs`, and prints
/// the top hits.
async fn search(http: &reqwest::Client, api: &str, token: &str, q: &str) -> Result<Value> {
    let mut url = reqwest::Url::parse(&format!("{api}/api/jobs")).context("the API URL")?;
    url.query_pairs_mut().append_pair("q", q).append_pair("limit", "5");
    let found: Value =
        http.get(url).bearer_auth(token).send().await.context("GET /api/jobs")?.error_for_status()?.json().await?;
    let jobs = found["jobs"].as_array().cloned().unwrap_or_default();
    println!(
        "search {q:?}: {} shown{}",
        jobs.len(),
        if found["next_cursor"].is_string() { ", more on the next page" } else { "" }
    );
    for j in &jobs {
        println!(
            "  {} — {} ({})",
            j["title"].as_str().unwrap_or("?"),
            j["company_name"].as_str().or(j["company"].as_str()).unwrap_or("?"),
            j["location"].as_str().unwrap_or("no location")
        );
    }
    Ok(found)
}

fn report(summary: &Value, seconds: f64, extract_messages: u64) -> RunReport {
    RunReport {
        run_id: summary["run_id"].as_str().unwrap_or("").into(),
        status: summary["status"].as_str().unwrap_or("").into(),
        companies: summary["companies"].as_array().map_or(0, Vec::len),
        jobs_found: summary["jobs_total"].as_i64().unwrap_or(0),
        extracted: count(summary, "ready"),
        unchanged: count(summary, "unchanged"),
        errors: count(summary, "error"),
        gone: count(summary, "gone"),
        skipped: count(summary, "skipped"),
        closed: summary["companies"]
            .as_array()
            .map_or(0, |cs| cs.iter().map(|c| c["jobs_closed"].as_i64().unwrap_or(0)).sum()),
        breaker_open: summary["companies"]
            .as_array()
            .map(|cs| {
                cs.iter()
                    .filter(|c| c["breaker_open"].as_bool() == Some(true))
                    .filter_map(|c| c["company"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default(),
        extract_messages,
        seconds: (seconds * 100.0).round() / 100.0,
    }
}

fn print_report(n: usize, what: &str, r: &RunReport) {
    println!(
        "run {n} — {what} ({}): {} companies, {} jobs found, {} extracted, {} unchanged, {} errors, {} gone, {} skipped, {} closed, {} extract messages, {:.2} s wall{}",
        r.status,
        r.companies,
        r.jobs_found,
        r.extracted,
        r.unchanged,
        r.errors,
        r.gone,
        r.skipped,
        r.closed,
        r.extract_messages,
        r.seconds,
        if r.breaker_open.is_empty() {
            String::new()
        } else {
            format!(", circuit breaker open for {}", r.breaker_open.join(", "))
        }
    );
}

/// Between the second and third run the career sites change, as real ones
/// do: a description is rewritten, a salary changes only in the JSON-LD, a
/// job leaves its board, and one company's job pages go down.
fn change_the_sites(stack: &Devstack) -> String {
    let companies = stack.fixtures.companies();
    let acme = companies.iter().find(|c| c.slug == "acme").expect("acme fixture");
    let (rewritten, repriced, removed) = (acme.jobs[1].id, acme.jobs[0].id, acme.jobs[2].id);
    stack.fixtures.edit_job(rewritten, |j| {
        j.paragraphs = (0..6)
            .map(|i| format!("Rewritten responsibility {i}: the team changed its stack, goals and on-call rota."))
            .collect();
    });
    stack.fixtures.edit_job(repriced, |j| j.salary = (j.salary.0 + 10_000, j.salary.1 + 10_000));
    stack.fixtures.remove_job(removed);
    stack.fixtures.set_down("globex", true);
    format!(
        "the sites changed: acme job {rewritten} rewritten, acme job {repriced} repriced (JSON-LD only), acme job {removed} removed, globex's job pages answer 503"
    )
}

/// `cargo xtask demo`.
pub async fn run(json: bool) -> Result<()> {
    eprintln!("starting the local stack (Postgres, moto, fixture career sites)...");
    let stack = Devstack::start(DevstackOptions { all_sources: true, ..DevstackOptions::default() })
        .await
        .context("starting the devstack")?;
    let functions = stack.start_functions(WorkerOptions::default()).await.context("starting the functions")?;
    eprintln!(
        "stack up: API {} | fixture sites {} | {} companies, {} jobs",
        functions.api_url,
        stack.fixtures.base_url(),
        stack.fixtures.companies().len(),
        stack.fixtures.job_count()
    );
    // Signs in the way the web front end does: an ID token from the
    // devstack's fake Google issuer, exchanged at POST /auth/google.
    let token = stack.google.sign_in(&functions.api_url, "demo@jh.local").await.context("signing in")?;
    let http = reqwest::Client::new();
    let mut reports = Vec::new();
    let runs = ["first crawl", "recrawl, nothing changed", "recrawl after the sites changed"];
    for (i, what) in runs.iter().enumerate() {
        if i == 2 {
            println!("{}", change_the_sites(&stack));
        }
        let before = functions.extractor.stats.messages.load(std::sync::atomic::Ordering::Relaxed);
        let (summary, seconds) = ingest(&http, &functions.api_url, &token, &format!("run {}", i + 1)).await?;
        // The extractor may still be draining late duplicates; let it settle.
        tokio::time::sleep(Duration::from_millis(300)).await;
        let after = functions.extractor.stats.messages.load(std::sync::atomic::Ordering::Relaxed);
        let r = report(&summary, seconds, after - before);
        print_report(i + 1, what, &r);
        reports.push(r);
    }
    if let [first, second, _] = &reports[..] {
        println!(
            "run 2 re-fetched {} pages and skipped extraction for {} unchanged ones ({} extract messages vs {} in run 1)",
            second.jobs_found, second.unchanged, second.extract_messages, first.extract_messages
        );
    }
    let found = search(&http, &functions.api_url, &token, "engineer").await?;
    if json {
        println!(
            "{}",
            serde_json::json!({ "runs": reports, "search": { "q": "engineer", "shown": found["jobs"].as_array().map_or(0, Vec::len) } })
        );
    }
    Ok(())
}

/// `cargo xtask up`.
pub async fn up(env_file: &std::path::Path) -> Result<()> {
    // Unlike the demo, `up` is a server: its functions' JSON logs go to stderr.
    jh_common::logging::init();
    let stack = Devstack::start(DevstackOptions { all_sources: true, ..DevstackOptions::default() })
        .await
        .context("starting the devstack")?;
    let functions = stack.start_functions(WorkerOptions::default()).await.context("starting the functions")?;
    let (_, token) = stack.dev_token("dev@jh.local").await?;
    std::fs::write(env_file, stack.env_file(&functions.api_url, &token))
        .with_context(|| format!("writing {}", env_file.display()))?;
    println!("jh local stack is up");
    println!("  API:            {}", functions.api_url);
    println!("  fixture sites:  {}", stack.fixtures.base_url());
    println!("  database:       {}", stack.database_url);
    println!("  AWS endpoint:   {}", stack.aws_endpoint);
    println!("  environment:    {}", env_file.display());
    println!("try: curl -X POST -H \"authorization: Bearer $DEV_TOKEN\" {}/api/ingestions", functions.api_url);
    println!("press Ctrl-C to stop");
    tokio::signal::ctrl_c().await.context("waiting for Ctrl-C")?;
    eprintln!("stopping...");
    drop(functions);
    drop(stack);
    Ok(())
}
