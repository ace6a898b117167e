//! `cargo xtask test`: checks that the disk can hold the build, installs
//! what is missing (moto, the Python simhash package, cfn-lint,
//! cargo-nextest), or fails naming the missing system package; checks
//! formatting and clippy lints; starts one shared Postgres and moto for the
//! suite; lints the SAM template; then runs every test with nextest.

use std::process::Command;

use anyhow::{Context, Result, bail};
use jh_devstack::{moto, postgres, process::on_path};

/// Whether python3 imports `module`.
pub(crate) fn python_has(module: &str) -> bool {
    Command::new("python3").args(["-c", &format!("import {module}")]).output().is_ok_and(|o| o.status.success())
}

/// `python3 -m pip install` of `spec`.
pub(crate) fn pip_install(spec: &[&str]) -> Result<()> {
    eprintln!("installing {} with pip", spec.join(" "));
    let ok = Command::new("python3").args(["-m", "pip", "install", "--quiet"]).args(spec).status()?.success();
    if !ok {
        bail!("pip install {} failed", spec.join(" "));
    }
    Ok(())
}

fn run_checked(cmd: &mut Command, what: &str) -> Result<()> {
    let status = cmd.status().with_context(|| format!("running {what}"))?;
    if !status.success() {
        bail!("{what} failed ({status})");
    }
    Ok(())
}

/// The SAM CLI: `sam` on the PATH, or one installed with pip into its own
/// virtualenv under `target/` (its pinned dependencies clash with moto's).
pub fn sam_cli() -> Result<std::path::PathBuf> {
    if on_path("sam") {
        return Ok("sam".into());
    }
    let venv = std::path::Path::new("target/sam-venv");
    let sam = venv.join("bin/sam");
    if !sam.is_file() {
        eprintln!("installing aws-sam-cli with pip into {}", venv.display());
        run_checked(Command::new("python3").args(["-m", "venv"]).arg(venv), "python3 -m venv")?;
        run_checked(
            Command::new(venv.join("bin/python")).args(["-m", "pip", "install", "--quiet", "aws-sam-cli"]),
            "pip install aws-sam-cli",
        )?;
    }
    Ok(sam)
}

/// What a run from a clean clone writes under `target/` once xtask itself is
/// built (measured 2.7 GiB: the README, "Disk"), rounded up, plus 1 GiB for
/// the suite's Postgres, moto and temporary files.
const CLEAN_RUN_WRITES_GIB: u64 = 4;

/// The sentence to fail with when `free_bytes` cannot hold what a clean run
/// writes, or `None` when it can.
fn disk_shortfall(free_bytes: u64, need_gib: u64) -> Option<String> {
    let gib = 1u64 << 30;
    (free_bytes < need_gib * gib).then(|| {
        format!(
            "only {:.1} GiB free where target/ is; a run from a clean clone writes about {need_gib} GiB there. \
             Free some space (`cargo clean` here or in other checkouts) and run again",
            free_bytes as f64 / gib as f64
        )
    })
}

/// Fails in a second, with the figures, where the build would otherwise fail
/// minutes in with rustc's "No space left on device".
fn check_disk() -> Result<()> {
    let exe = std::env::current_exe().context("locating the xtask binary")?;
    // target/<profile>/xtask: the directory the whole build writes to.
    let target = exe.parent().and_then(|p| p.parent()).context("the target directory")?;
    let fs = rustix::fs::statvfs(target).with_context(|| format!("reading free space of {}", target.display()))?;
    match disk_shortfall(fs.f_bavail.saturating_mul(fs.f_frsize), CLEAN_RUN_WRITES_GIB) {
        Some(why) => bail!(why),
        None => Ok(()),
    }
}

/// Installs missing tools, starts the shared servers, runs the suite.
pub fn run(extra: &[String]) -> Result<()> {
    check_disk()?;
    if !on_path("python3") {
        bail!("python3 not found: install the Debian package python3 (and python3-pip)");
    }
    postgres::find_bin_dir().map_err(|e| anyhow::anyhow!("{e}"))?;
    moto::ensure_installed().map_err(|e| anyhow::anyhow!("{e}"))?;
    if !python_has("simhash") {
        pip_install(&["simhash==2.1.2"])?;
    }
    // Pinned alike in tests/tests/api_schemathesis.rs.
    if !on_path("schemathesis") {
        pip_install(&["schemathesis==4.32.5"])?;
    }
    if !on_path("cfn-lint") {
        pip_install(&["cfn-lint"])?;
    }
    if Command::new("cargo").args(["nextest", "--version"]).output().map_or(true, |o| !o.status.success()) {
        eprintln!("installing cargo-nextest");
        run_checked(
            Command::new("cargo").args(["install", "cargo-nextest", "--locked"]),
            "cargo install cargo-nextest",
        )?;
    }

    // Formatting (rustfmt.toml) and lints come first: they fail fast.
    for (tool, component) in [("fmt", "rustfmt"), ("clippy", "clippy")] {
        if Command::new("cargo").args([tool, "--version"]).output().map_or(true, |o| !o.status.success()) {
            eprintln!("installing {component}");
            run_checked(Command::new("rustup").args(["component", "add", component]), "rustup component add")?;
        }
    }
    eprintln!("cargo fmt --all --check");
    run_checked(
        Command::new("cargo").args(["fmt", "--all", "--check"]),
        "cargo fmt --all --check (`cargo fmt --all` fixes it)",
    )?;

    eprintln!("cargo clippy --workspace --all-targets -- -D warnings");
    run_checked(
        Command::new("cargo").args(["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"]),
        "cargo clippy",
    )?;

    // The binary tests run the functions' real executables.
    run_checked(Command::new("cargo").args(["build", "--workspace", "--bins"]), "cargo build --bins")?;

    eprintln!("cfn-lint template.yaml");
    run_checked(Command::new("cfn-lint").arg("template.yaml"), "cfn-lint template.yaml")?;
    let sam = sam_cli()?;
    eprintln!("sam validate --lint");
    run_checked(
        Command::new(&sam)
            .args(["validate", "--lint", "--region", "us-east-1", "--template", "template.yaml"])
            // No credentials are needed to validate; keep any real ones out of it.
            .env("AWS_ACCESS_KEY_ID", "validate")
            .env("AWS_SECRET_ACCESS_KEY", "validate")
            .env("SAM_CLI_TELEMETRY", "0"),
        "sam validate --lint",
    )?;

    // One Postgres and one moto for the whole suite; each test isolates
    // itself with its own database and prefixed resources.
    let mut _pg = None;
    let mut _moto = None;
    let mut cmd = Command::new("cargo");
    cmd.args(["nextest", "run", "--workspace", "--no-fail-fast"]).args(extra);
    if std::env::var("DATABASE_URL").is_err() {
        let pg = postgres::EphemeralPostgres::start().map_err(|e| anyhow::anyhow!("{e}"))?;
        cmd.env("DATABASE_URL", pg.admin_url());
        _pg = Some(pg);
    }
    if std::env::var("JH_MOTO_ENDPOINT").is_err() {
        let m = moto::Moto::start().map_err(|e| anyhow::anyhow!("{e}"))?;
        cmd.env("JH_MOTO_ENDPOINT", m.endpoint());
        _moto = Some(m);
    }
    run_checked(&mut cmd, "cargo nextest run")?;
    // The bounded fault-injection run; it starts its own Postgres and moto.
    crate::chaos::run(true)
}

#[cfg(test)]
mod tests {
    use super::disk_shortfall;

    #[test]
    fn too_little_free_space_is_refused_with_both_figures() {
        // GIVEN 1.5 GiB free WHEN a clean run needs 4 GiB
        let why = disk_shortfall(3 << 29, 4).expect("refused");
        // THEN the sentence names what is free and what is needed
        assert!(why.starts_with("only 1.5 GiB free"), "{why}");
        assert!(why.contains("about 4 GiB"), "{why}");
    }

    #[test]
    fn enough_free_space_passes() {
        // GIVEN exactly the need, and more THEN neither is refused
        assert_eq!(disk_shortfall(4 << 30, 4), None);
        assert_eq!(disk_shortfall(70 << 30, 4), None);
    }
}
