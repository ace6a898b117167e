//! `cargo xtask …`: the project's commands.
//!
//! - `demo`: the main job, end to end on the local stack, twice.
//! - `up`: the local stack and the functions, until interrupted; writes `.env`.
//! - `test`: installs what is missing, then runs the whole test suite.
//! - `migrate`: applies the migrations to a database.
//! - `token`: prints a dev bearer token for the stack `up` started.

mod bench;
mod bench_search;
mod chaos;
mod demo;
mod deploy;
mod extract;
mod fingerprint;
mod held_out;
mod stats;
mod test;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "cargo xtask", about = "jh project commands")]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Run two ingestions end to end on the local stack and summarise them.
    Demo {
        /// Print the summary as one JSON object on the last line.
        #[arg(long)]
        json: bool,
    },
    /// Start the local stack, the API and the workers; write .env; run until Ctrl-C.
    Up {
        /// Where to write the environment file.
        #[arg(long, default_value = ".env")]
        env_file: std::path::PathBuf,
    },
    /// Install what is missing, then run the whole test suite.
    Test {
        /// Extra arguments for cargo nextest (e.g. a test filter).
        #[arg(trailing_var_arg = true)]
        args: Vec<String>,
    },
    /// Apply the database migrations, then sync companies.toml into the companies table.
    Migrate {
        /// Database URL (default: $DATABASE_URL, then .env).
        #[arg(long)]
        database_url: Option<String>,
        /// The companies file to sync.
        #[arg(long, default_value = "companies.toml")]
        companies: std::path::PathBuf,
    },
    /// Print a page's fingerprint (16 hex digits) and shingle count; with a
    /// second page, their distance and whether extraction would be skipped.
    Fingerprint {
        /// A file or an http(s) URL.
        page: String,
        /// Another version to compare with.
        other: Option<String>,
    },
    /// Benchmark our fingerprint against the Python system's on real pages.
    BenchFingerprint {
        /// Directory of .html pages.
        #[arg(default_value = "../shared/realdata")]
        dir: std::path::PathBuf,
        /// Python repetitions per page (ours run 10× as many).
        #[arg(long, default_value_t = 20)]
        reps: usize,
    },
    /// Extract a job page (file or URL) and print each field with its source;
    /// with --json, one contract JSON object on the last line.
    Extract {
        /// Print only the contract JSON object.
        #[arg(long)]
        json: bool,
        /// The fetch time relative dates count back from (RFC 3339; default now).
        #[arg(long)]
        now: Option<String>,
        /// A file or an http(s) URL.
        source: String,
    },
    /// Score the extractor field by field against a manifest of real pages.
    EvalExtract {
        /// Directory of the pages.
        dir: std::path::PathBuf,
        /// The manifest (MANIFEST.tsv format).
        manifest: std::path::PathBuf,
        /// Reference time for relative dates (RFC 3339).
        #[arg(long)]
        now: Option<String>,
        /// Also list the pages with no miss.
        #[arg(long)]
        verbose: bool,
    },
    /// Score the cascade without schema.org data: pages that have a JobPosting
    /// in JSON-LD or microdata, extracted again with it hidden.
    EvalHeldOut {
        /// Pages, or directories of .html pages.
        #[arg(required = true)]
        pages: Vec<std::path::PathBuf>,
        /// Reference time for relative dates (RFC 3339).
        #[arg(long)]
        now: Option<String>,
    },
    /// Benchmark our extraction against Python extruct (JSON-LD + microdata) on real pages.
    BenchExtract {
        /// Directory of .html pages.
        #[arg(default_value = "../shared/realdata")]
        dir: std::path::PathBuf,
        /// Python repetitions per page (ours run 5× as many).
        #[arg(long, default_value_t = 20)]
        reps: usize,
    },
    /// Benchmark search: 100,000 generated jobs, the router served locally, wrk at 32 connections.
    BenchSearch {
        /// Jobs to generate.
        #[arg(long, default_value_t = 100_000)]
        jobs: u32,
        /// wrk connections.
        #[arg(long, default_value_t = 32)]
        connections: u32,
        /// Measured seconds.
        #[arg(long, default_value_t = 30)]
        seconds: u32,
        /// The API's database pool size.
        #[arg(long, default_value_t = 8)]
        pool: u32,
    },
    /// Every benchmark, side by side with the Python system; writes docs/PERFORMANCE.md.
    Bench {
        /// A small smoke version, written to target/PERFORMANCE.quick.md.
        #[arg(long)]
        quick: bool,
        /// Run only this section (repeatable) and replace it in the doc.
        #[arg(long, value_enum)]
        only: Vec<bench::Section>,
        /// Directory of the real pages (fingerprint, extraction).
        #[arg(long, default_value = "../shared/realdata")]
        realdata: std::path::PathBuf,
    },
    /// Fault injection on the local stack; writes docs/RELIABILITY.md
    /// (with --quick, a smaller set written to target/chaos/).
    Chaos {
        /// Smaller sizes, under five minutes; `cargo xtask test` runs it.
        #[arg(long)]
        quick: bool,
    },
    /// Lint and validate the SAM template, `sam build` for arm64, check each bootstrap's size.
    DeployCheck,
    /// Print a one-hour bearer token for a local user of the stack `up` started.
    Token {
        /// The user's email.
        #[arg(long, default_value = "dev@jh.local")]
        email: String,
    },
}

/// Reads `KEY=VALUE` lines of a `.env` file.
fn read_env_file(path: &std::path::Path) -> Vec<(String, String)> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect()
}

/// A setting from the process environment, then from `.env`.
fn setting(key: &str) -> Option<String> {
    std::env::var(key)
        .ok()
        .filter(|v| !v.is_empty())
        .or_else(|| read_env_file(std::path::Path::new(".env")).into_iter().find(|(k, _)| k == key).map(|(_, v)| v))
}

fn main() {
    // Print the error chain, not a backtrace: these are user-facing errors.
    if let Err(e) = run(Cli::parse()) {
        eprintln!("error: {e:#}");
        std::process::exit(1);
    }
}

fn run(cli: Cli) -> Result<()> {
    // Run from the workspace root whatever the caller's directory.
    std::env::set_current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/..")).context("entering the workspace root")?;
    // Commands that only print, piped into `head`, end quietly as Unix
    // filters do, instead of panicking at the first write after the pipe
    // closed. Not the others: a signal would skip the clean-up of the
    // servers they start.
    if matches!(
        cli.cmd,
        Cmd::Extract { .. }
            | Cmd::EvalExtract { .. }
            | Cmd::EvalHeldOut { .. }
            | Cmd::Fingerprint { .. }
            | Cmd::Token { .. }
    ) {
        // SAFETY: restores the default disposition of one signal, before
        // any thread is started; no handler of ours is involved.
        unsafe { libc::signal(libc::SIGPIPE, libc::SIG_DFL) };
    }
    // Synchronous commands: they only start servers and run other tools.
    match &cli.cmd {
        Cmd::Test { args } => return test::run(args),
        Cmd::DeployCheck => return deploy::run(),
        Cmd::Chaos { quick } => return chaos::run(*quick),
        _ => {}
    }
    let rt = tokio::runtime::Runtime::new().context("starting tokio")?;
    rt.block_on(async move {
        match cli.cmd {
            // On Ctrl-C the demo future is dropped, which stops every server
            // it started and removes their temp dirs.
            Cmd::Demo { json } => tokio::select! {
                r = demo::run(json) => r,
                _ = tokio::signal::ctrl_c() => {
                    eprintln!("interrupted; stopping the local stack");
                    Ok(())
                }
            },
            Cmd::Up { env_file } => demo::up(&env_file).await,
            Cmd::Migrate { database_url, companies } => migrate(database_url, &companies).await,
            Cmd::Token { email } => token(&email).await,
            Cmd::Fingerprint { page, other } => fingerprint::show(&page, other.as_deref()).await,
            Cmd::BenchFingerprint { dir, reps } => {
                let section = fingerprint::bench(&dir, reps)?;
                println!("{section}");
                Ok(())
            }
            Cmd::Extract { json, now, source } => extract::show(&source, json, now.as_deref()).await,
            Cmd::EvalHeldOut { pages, now } => held_out::eval(&pages, now.as_deref()),
            Cmd::EvalExtract { dir, manifest, now, verbose } => {
                if extract::eval(&dir, &manifest, now.as_deref(), verbose)? {
                    Ok(())
                } else {
                    anyhow::bail!("the extraction accuracy bars are not all met")
                }
            }
            Cmd::BenchExtract { dir, reps } => {
                println!("{}", extract::bench(&dir, reps)?);
                Ok(())
            }
            Cmd::BenchSearch { jobs, connections, seconds, pool } => {
                println!("{}", bench_search::run(&bench_search::Options { jobs, connections, seconds, pool }).await?);
                Ok(())
            }
            Cmd::Bench { quick, only, realdata } => bench::run(&bench::Options { quick, only, realdata }).await,
            Cmd::Test { .. } | Cmd::DeployCheck | Cmd::Chaos { .. } => unreachable!("handled above"),
        }
    })
}

/// Reads and validates `companies.toml`.
fn read_companies(path: &std::path::Path) -> Result<Vec<jh_common::db::companies::CompanyDef>> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct File {
        companies: Vec<jh_common::db::companies::CompanyDef>,
    }
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let file: File = toml::from_str(&text).with_context(|| format!("parsing {}", path.display()))?;
    let mut seen = std::collections::HashSet::new();
    for c in &file.companies {
        c.validate().with_context(|| format!("in {}", path.display()))?;
        anyhow::ensure!(seen.insert(c.slug.clone()), "{}: slug {:?} appears twice", path.display(), c.slug);
    }
    Ok(file.companies)
}

async fn migrate(database_url: Option<String>, companies: &std::path::Path) -> Result<()> {
    let url = database_url
        .or_else(|| setting("DATABASE_URL"))
        .context("no database: pass --database-url or set DATABASE_URL")?;
    let defs = read_companies(companies)?;
    let pool = sqlx::postgres::PgPoolOptions::new()
        .max_connections(1)
        .connect(&url)
        .await
        .context("connecting to the database")?;
    jh_common::db::migrate(&pool).await.context("applying migrations")?;
    jh_common::db::check_schema(&pool).await.context("checking the schema")?;
    let version: i64 = sqlx::query_scalar("SELECT max(version) FROM _sqlx_migrations").fetch_one(&pool).await?;
    println!("database is at schema version {version}");
    let (upserted, disabled) = jh_common::db::companies::sync(&pool, &defs).await.context("syncing companies")?;
    println!("{}: {upserted} companies synced, {disabled} no longer listed and disabled", companies.display());
    Ok(())
}

async fn token(email: &str) -> Result<()> {
    let url =
        setting("DATABASE_URL").context("DATABASE_URL is not set and there is no .env: run `cargo xtask up` first")?;
    let secret =
        setting("JWT_SECRET").context("JWT_SECRET is not set and there is no .env: run `cargo xtask up` first")?;
    let pool = sqlx::postgres::PgPoolOptions::new()
        .max_connections(1)
        .connect(&url)
        .await
        .context("connecting to the database")?;
    let user_id = jh_common::db::users::upsert_user(&pool, email, Some("Local Developer")).await?;
    let token = jh_api::auth::issue_token(&secret, user_id, email, chrono::Duration::hours(1))
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    println!("{token}");
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_checked_in_companies_file_is_valid_and_covers_every_source() {
        let defs =
            super::read_companies(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../companies.toml")))
                .unwrap();
        for source in ["greenhouse", "lever", "ashby", "workday", "smartrecruiters", "recruitee"] {
            assert!(defs.iter().any(|d| d.source == source), "no {source} company");
        }
    }
}
