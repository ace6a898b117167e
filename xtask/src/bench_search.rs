//! `cargo xtask bench-search`: search latency under load. Generates 100,000
//! jobs (50 companies, titles and descriptions drawn from fixed word lists
//! with a fixed seed) in a throwaway Postgres, serves the API router over
//! HTTP on a local port — the `api` binary as deployed (release profile),
//! run outside Lambda — and drives `GET /api/jobs` with `wrk` at 32
//! connections over a mix of queries: exact, misspelt (typo correction),
//! phrases, exclusions, filters, a second page, and no query at all. Prints
//! p50/p95/p99 for docs/PERFORMANCE.md. The goal is p95 < 20 ms.

use std::process::Command;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use jh_devstack::{Devstack, DevstackOptions, process::on_path};

/// What to run.
#[derive(Debug, Clone)]
pub struct Options {
    /// Jobs to generate.
    pub jobs: u32,
    /// wrk connections.
    pub connections: u32,
    /// Measured seconds.
    pub seconds: u32,
    /// The API's database pool size.
    pub pool: u32,
}

/// The queries, cycled by every wrk connection.
const QUERIES: [&str; 18] = [
    "q=rust",
    "q=graphql",
    "q=senior%20backend%20engineer",
    "q=grapql",
    "q=kubernets%20platform",
    "q=python%20-django",
    "q=%22machine%20learning%22",
    "q=data%20scientist&remote=remote",
    "q=engineer&location=berlin",
    "q=platform&salary_min=120000",
    "company=bench-7",
    "q=frontend%20react&limit=50",
    "q=security&employment_type=contract",
    "q=go%20or%20rust&posted_since=2026-10-01",
    "q=manager&include_closed=true",
    "remote=hybrid",
    "q=engineer&cursor=title.60000",
    "q=terraform%20aws%20remote",
];

const LUA: &str = r#"
local paths = {}
local token = os.getenv("BENCH_TOKEN")
for p in string.gmatch(os.getenv("BENCH_PATHS"), "[^ ]+") do paths[#paths + 1] = p end
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1], { ["Authorization"] = "Bearer " .. token })
end
done = function(summary, latency, requests)
  io.write(string.format("BENCH requests=%d errors=%d non2xx=%d seconds=%.2f p50=%d p90=%d p95=%d p99=%d max=%d\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, summary.duration / 1e6,
    latency:percentile(50), latency:percentile(90), latency:percentile(95), latency:percentile(99), latency.max))
end
"#;

/// Generates the jobs in SQL: deterministic (`setseed`), realistic enough
/// in shape — short titles from seniority × specialty × role, descriptions
/// of 120–200 common words with three to six technologies mixed in, so a
/// technology word is in a few percent of the jobs and "engineer" in many.
async fn generate(pool: &sqlx::PgPool, jobs: u32) -> Result<()> {
    sqlx::query(
        "INSERT INTO companies (slug, name, source, config)
         SELECT 'bench-' || i, 'Bench Company ' || i,
                (ARRAY['greenhouse','lever','ashby','workday','smartrecruiters','recruitee'])[1 + i % 6], '{}'
         FROM generate_series(1, 50) i ON CONFLICT (slug) DO NOTHING",
    )
    .execute(pool)
    .await?;
    let mut tx = pool.begin().await?;
    sqlx::query("SELECT setseed(0.42)").execute(&mut *tx).await?;
    sqlx::query(
        "WITH
         c AS (SELECT array_agg(id ORDER BY id) AS ids FROM companies WHERE slug LIKE 'bench-%'),
         w AS (SELECT
            ARRAY['Junior','','Senior','Staff','Principal','Lead'] AS seniority,
            ARRAY['Backend','Frontend','Data','Machine Learning','Platform','Security','Mobile','iOS','Android',
                  'DevOps','QA','Embedded','GraphQL','Rust','Go','Python','Java','Cloud','Site Reliability','Product',
                  'Full Stack','Infrastructure','Analytics','Payments','Growth'] AS specialty,
            ARRAY['Engineer','Engineer','Engineer','Developer','Scientist','Analyst','Manager','Designer','Architect',
                  'Consultant'] AS role,
            ARRAY['Berlin, BE, DE','London, ENG, GB','New York, NY, US','San Francisco, CA, US','Austin, TX, US',
                  'Toronto, ON, CA','Amsterdam, NH, NL','Paris, IDF, FR','Zürich, ZH, CH','Remote','Madrid, MD, ES',
                  'Warsaw, MZ, PL','Bangalore, KA, IN','Singapore, SG','Sydney, NSW, AU','Dublin, D, IE'] AS city,
            ARRAY['rust','python','graphql','kubernetes','terraform','aws','gcp','azure','postgres','mysql','redis',
                  'kafka','spark','airflow','react','typescript','javascript','node','django','flask','fastapi','go',
                  'java','kotlin','swift','scala','haskell','elixir','ruby','rails','php','laravel','docker','linux',
                  'grpc','rest','microservices','snowflake','dbt','tableau','pytorch','tensorflow','llm','nlp',
                  'vision','ios','android','flutter','figma','sql','nosql','mongodb','elasticsearch','prometheus',
                  'grafana','datadog','ci','security','oauth','cryptography','embedded','firmware','fpga','c++',
                  'webassembly','serverless','lambda','sqs','s3','cloudflare','nginx','envoy','istio','helm'] AS tech,
            ARRAY['we','are','looking','for','an','experienced','engineer','to','join','our','team','you','will',
                  'build','design','and','maintain','systems','that','scale','work','closely','with','product',
                  'customers','across','the','company','in','a','fast','growing','environment','ownership','of',
                  'services','ship','features','improve','reliability','performance','mentor','others','collaborate',
                  'cross','functional','partners','write','clean','tested','code','review','on','call','rotation',
                  'benefits','include','health','insurance','equity','flexible','hours','remote','friendly','office',
                  'learning','budget','parental','leave','inclusive','culture','diverse','backgrounds','apply','even',
                  'if','not','every','requirement','years','experience','strong','communication','skills','degree',
                  'computer','science','or','equivalent','practical','knowledge','modern','tooling','data','pipelines',
                  'analytics','platform','infrastructure','users','millions','mission','impact','roadmap','quality',
                  'machine','learning','models','production','deploy','monitor','observability','incident',
                  'response','documentation','architecture','decisions','startup','enterprise','clients','global',
                  'europe','america','asia','salary','range','bonus','vacation','days','hybrid','onsite','travel']
              AS filler
         )
         INSERT INTO jobs (company_id, external_id, url, title, location_text, remote, employment_type, department,
                           salary_min, salary_max, salary_currency, salary_interval, date_posted, description_text,
                           first_seen_at, extracted_at, closed_at)
         SELECT c.ids[1 + g % 50], 'bench-' || g, 'https://jobs.example/bench/' || g,
                trim(w.seniority[1 + floor(random() * array_length(w.seniority, 1))::int] || ' ' || w.specialty[1 + floor(random() * array_length(w.specialty, 1))::int]
                     || ' ' || w.role[1 + floor(random() * array_length(w.role, 1))::int]),
                w.city[1 + floor(random() * array_length(w.city, 1))::int],
                (ARRAY['remote','hybrid','onsite','unknown'])[1 + floor(random() * 4)::int],
                (ARRAY['full-time','full-time','full-time','part-time','contract','intern'])[1 + floor(random() * 6)::int],
                w.specialty[1 + floor(random() * array_length(w.specialty, 1))::int],
                s.base, s.base * 1.3, 'USD', 'year',
                DATE '2026-11-20' - floor(random() * 180)::int,
                d.description,
                now() - (100000 - g) * interval '1 second', now(),
                CASE WHEN random() < 0.1 THEN now() END
         FROM generate_series(1, $1) g, c, w,
              LATERAL (SELECT (60000 + floor(random() * 120) * 1000)::float8 AS base) s,
              LATERAL (SELECT string_agg(word, ' ') AS description FROM (
                  SELECT CASE WHEN random() < 0.03 THEN w.tech[1 + floor(random() * array_length(w.tech, 1))::int]
                              ELSE w.filler[1 + floor(random() * array_length(w.filler, 1))::int] END AS word
                  FROM generate_series(1, 120 + g % 80)) words) d",
    )
    .bind(jobs as i32)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    // As autovacuum leaves a table in steady state: hint bits set, the
    // visibility map current, GIN pending lists merged.
    sqlx::query("VACUUM ANALYZE").execute(pool).await?;
    // A second pass marks the pages the first one found freshly written
    // all-visible (the first left `job_search` and `title_postings` at 0%),
    // which the title tier's index-only scans rely on; autovacuum gets there
    // on its own on a live database.
    sqlx::query("VACUUM").execute(pool).await?;
    Ok(())
}

/// The server process, stopped however the benchmark ends.
struct KillOnDrop(std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn parse(line: &str, key: &str) -> Option<f64> {
    line.split_whitespace().find_map(|kv| kv.strip_prefix(&format!("{key}=")).and_then(|v| v.parse().ok()))
}

/// What a run measured, with its Markdown for docs/PERFORMANCE.md (which
/// `Display` prints).
#[derive(Debug, Clone)]
pub struct Report {
    /// The tables.
    pub markdown: String,
    /// Median latency.
    pub p50_ms: f64,
    /// 95th percentile latency.
    pub p95_ms: f64,
    /// 99th percentile latency.
    pub p99_ms: f64,
    /// Throughput.
    pub requests_per_s: f64,
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.markdown)
    }
}

/// Runs the benchmark.
pub async fn run(o: &Options) -> Result<Report> {
    if !on_path("wrk") {
        bail!("wrk not found: install the Debian package wrk (apt-get install -y wrk)");
    }
    eprintln!("starting Postgres and the devstack...");
    let stack = Devstack::start(DevstackOptions::default()).await.context("starting the devstack")?;
    let t = Instant::now();
    eprintln!("generating {} jobs...", o.jobs);
    generate(&stack.pool, o.jobs).await.context("generating jobs")?;
    let generated = t.elapsed();
    let t = Instant::now();
    jh_common::db::search::refresh_vocabulary(&stack.pool).await.context("building the search vocabulary")?;
    let words: i64 = sqlx::query_scalar("SELECT count(*) FROM search_words").fetch_one(&stack.pool).await?;
    eprintln!(
        "generated in {:.1} s; vocabulary of {words} words in {:.1} s",
        generated.as_secs_f64(),
        t.elapsed().as_secs_f64()
    );

    eprintln!("building the api binary (release)...");
    let built = Command::new("cargo").args(["build", "--release", "-p", "jh-api", "--bin", "api"]).status()?;
    if !built.success() {
        bail!("cargo build --release -p jh-api failed");
    }
    let port = jh_devstack::process::free_port()?;
    let url = format!("http://127.0.0.1:{port}");
    let mut env = stack.env();
    env.insert("DB_MAX_CONNECTIONS".into(), o.pool.to_string());
    env.insert("API_BIND".into(), format!("127.0.0.1:{port}"));
    env.insert("RUST_LOG".into(), "warn".into());
    let mut server = KillOnDrop(
        Command::new("target/release/api")
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .envs(env)
            .stdout(std::process::Stdio::null())
            .spawn()
            .context("starting target/release/api")?,
    );
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        if started.elapsed().as_secs() > 30 || server.0.try_wait()?.is_some() {
            bail!("the api binary did not start listening on {url}");
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let (_, token) = stack.dev_token("bench@jh.local").await?;

    // Every query answers 200 with results before anything is measured.
    let http = reqwest::Client::new();
    let mut hits = Vec::new();
    for q in QUERIES {
        let r = http.get(format!("{url}/api/jobs?{q}")).bearer_auth(&token).send().await?;
        let status = r.status();
        let body: serde_json::Value = r.json().await?;
        if !status.is_success() {
            bail!("GET /api/jobs?{q} answered {status}: {body}");
        }
        hits.push((q, body["jobs"].as_array().map_or(0, Vec::len)));
    }

    let dir = tempfile::tempdir()?;
    let script = dir.path().join("search.lua");
    std::fs::write(&script, LUA)?;
    let paths: Vec<String> = QUERIES.iter().map(|q| format!("/api/jobs?{q}")).collect();
    let wrk = |seconds: u32| -> Result<String> {
        let out = Command::new("wrk")
            .args(["-t2", &format!("-c{}", o.connections), &format!("-d{seconds}s"), "--timeout", "5s", "-s"])
            .arg(&script)
            .arg(&url)
            .env("BENCH_TOKEN", &token)
            .env("BENCH_PATHS", paths.join(" "))
            .output()
            .context("running wrk")?;
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        if !out.status.success() {
            bail!("wrk failed: {text}{}", String::from_utf8_lossy(&out.stderr));
        }
        text.lines().find(|l| l.starts_with("BENCH ")).map(str::to_owned).context("no summary line from wrk")
    };
    eprintln!("warming up (5 s)...");
    wrk(5)?;
    // The statement profile: time per statement, planning included.
    for sql in [
        "CREATE EXTENSION IF NOT EXISTS pg_stat_statements",
        "ALTER SYSTEM SET pg_stat_statements.track_planning = on",
        "SELECT pg_reload_conf()",
        "SELECT pg_stat_statements_reset()",
    ] {
        sqlx::query(sql).execute(&stack.pool).await.with_context(|| format!("{sql} (statement profile)"))?;
    }
    let api_pid = server.0.id();
    let cpu_before = (cpu_seconds(|pid, _| pid == api_pid), cpu_seconds(|_, comm| comm == "postgres"));
    eprintln!("measuring ({} s, {} connections)...", o.seconds, o.connections);
    let line = wrk(o.seconds)?;
    let cpu_after = (cpu_seconds(|pid, _| pid == api_pid), cpu_seconds(|_, comm| comm == "postgres"));
    drop(server);
    let ms = |k: &str| parse(&line, k).map_or(f64::NAN, |us| us / 1000.0);
    let (requests, seconds) = (parse(&line, "requests").unwrap_or(0.0), parse(&line, "seconds").unwrap_or(1.0));
    let (errors, non2xx) = (parse(&line, "errors").unwrap_or(0.0), parse(&line, "non2xx").unwrap_or(0.0));
    if errors > 0.0 || non2xx > 0.0 {
        bail!("{errors} socket errors and {non2xx} non-2xx answers during the run: {line}");
    }
    let p95 = ms("p95");
    let verdict = if p95 < 20.0 { "met" } else { "NOT met" };
    let mut md = String::new();
    md.push_str(&format!(
        "| jobs | connections | pool | requests/s | p50 | p90 | p95 | p99 | max |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n\
         | {} | {} | {} | {:.0} | {:.2} ms | {:.2} ms | {:.2} ms | {:.2} ms | {:.2} ms |\n\n",
        o.jobs,
        o.connections,
        o.pool,
        requests / seconds,
        ms("p50"),
        ms("p90"),
        p95,
        ms("p99"),
        ms("max")
    ));
    md.push_str(&format!("Goal p95 < 20 ms: {verdict}. {requests:.0} requests in {seconds:.1} s, no errors.\n\n"));
    md.push_str("Results per query (first page, before the run):\n\n| query | results |\n|---|---:|\n");
    for (q, n) in hits {
        md.push_str(&format!("| `{q}` | {n} |\n"));
    }
    let per_request = |before: f64, after: f64| (after - before) * 1000.0 / requests.max(1.0);
    md.push_str(&format!(
        "\nCPU per request during the run: the API process {:.2} ms, Postgres (every backend) {:.2} ms.\n\n",
        per_request(cpu_before.0, cpu_after.0),
        per_request(cpu_before.1, cpu_after.1)
    ));
    md.push_str(&statement_profile(&stack.pool, requests).await?);
    md.push_str(&table_sizes(&stack.pool, o.jobs).await?);
    Ok(Report { markdown: md, p50_ms: ms("p50"), p95_ms: p95, p99_ms: ms("p99"), requests_per_s: requests / seconds })
}

/// CPU seconds (user + system) of the processes `keep` picks, and of their
/// children that ended (so a Postgres backend that exits mid-run still
/// counts, through the postmaster), from /proc.
fn cpu_seconds(keep: impl Fn(u32, &str) -> bool) -> f64 {
    let ticks: u64 = std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let pid: u32 = e.file_name().to_str()?.parse().ok()?;
            let stat = std::fs::read_to_string(e.path().join("stat")).ok()?;
            // The command name is in parentheses and may hold spaces.
            let (open, close) = (stat.find('(')?, stat.rfind(')')?);
            if !keep(pid, &stat[open + 1..close]) {
                return None;
            }
            let fields: Vec<&str> = stat[close + 2..].split(' ').collect();
            // utime, stime, cutime, cstime.
            (11..15).map(|i| fields.get(i)?.parse::<u64>().ok()).sum::<Option<u64>>()
        })
        .sum();
    // USER_HZ is 100 on every Linux this runs on.
    ticks as f64 / 100.0
}

/// What a search statement is, from its text.
fn statement_label(sql: &str) -> &'static str {
    if sql.contains("FROM title_postings") {
        if sql.contains("numnode(") {
            "title tier (postings of the rarest word)"
        } else {
            "filters only, no query (postings)"
        }
    } else if sql.contains("WITH f AS MATERIALIZED") {
        "document tier, exact (prepared, read chosen by word shares)"
    } else if sql.contains("WITH w AS MATERIALIZED") {
        "typo or `or` title tier, older than the window (GIN index)"
    } else if sql.contains("ORDER BY j0.id DESC LIMIT") {
        "typo or `or` title tier, newest 2,000 jobs (window)"
    } else if sql.contains("WITH pos AS") {
        "typo correction (vocabulary)"
    } else if sql.contains("INSERT INTO search_words") {
        "vocabulary refresh"
    } else if sql.contains("search_tsv @@") {
        "typo or `or` document tier (planner's choice)"
    } else {
        "other"
    }
}

/// What the search's tables take on disk, with their indexes and TOAST.
async fn table_sizes(pool: &sqlx::PgPool, jobs: u32) -> Result<String> {
    let rows: Vec<(String, i64, i64)> = sqlx::query_as(
        "SELECT c.relname::text, pg_total_relation_size(c.oid), greatest(c.reltuples, 0)::bigint
         FROM pg_class c WHERE c.relname = ANY('{jobs,job_search,title_postings,search_words}') AND c.relkind = 'r'
         ORDER BY 2 DESC",
    )
    .fetch_all(pool)
    .await
    .context("reading table sizes")?;
    let mut md =
        String::from("\nOn disk, with indexes and TOAST:\n\n| table | rows | size | per job |\n|---|---:|---:|---:|\n");
    for (table, bytes, rows) in rows {
        md.push_str(&format!(
            "| `{table}` | {rows} | {:.1} MB | {:.0} bytes |\n",
            bytes as f64 / 1e6,
            bytes as f64 / f64::from(jobs.max(1))
        ));
    }
    Ok(md)
}

/// The search statements by share of Postgres time, from
/// pg_stat_statements (reset just before the measured run).
async fn statement_profile(pool: &sqlx::PgPool, requests: f64) -> Result<String> {
    let rows: Vec<(String, i64, f64, f64)> = sqlx::query_as(
        "SELECT query, calls, total_plan_time, total_exec_time FROM pg_stat_statements
         WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query LIKE '%jobs%'",
    )
    .fetch_all(pool)
    .await
    .context("reading pg_stat_statements")?;
    let mut by_label: Vec<(&str, i64, f64, f64)> = Vec::new();
    for (sql, calls, plan, exec) in &rows {
        let label = statement_label(sql);
        match by_label.iter_mut().find(|r| r.0 == label) {
            Some(r) => (r.1, r.2, r.3) = (r.1 + calls, r.2 + plan, r.3 + exec),
            None => by_label.push((label, *calls, *plan, *exec)),
        }
    }
    by_label.sort_by(|a, b| (b.2 + b.3).total_cmp(&(a.2 + a.3)));
    let total: f64 = by_label.iter().map(|r| r.2 + r.3).sum::<f64>().max(f64::MIN_POSITIVE);
    let mut md = String::from(
        "Postgres time by statement (`pg_stat_statements` with planning tracked, over the measured run; times are \
         wall time inside Postgres, so they include waiting for a CPU):\n\n\
         | statement | calls per request | mean planning | mean execution | share of Postgres time |\n\
         |---|---:|---:|---:|---:|\n",
    );
    for (label, calls, plan, exec) in by_label {
        let n = (calls as f64).max(1.0);
        md.push_str(&format!(
            "| {label} | {:.2} | {:.2} ms | {:.2} ms | {:.0}% |\n",
            calls as f64 / requests.max(1.0),
            plan / n,
            exec / n,
            (plan + exec) * 100.0 / total
        ));
    }
    Ok(md)
}
