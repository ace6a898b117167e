//! `cargo xtask deploy-check`: what `sam deploy` needs, short of AWS
//! credentials: the template lints clean, SAM validates it, `sam build`
//! builds every function for arm64, and each bootstrap is small enough.

use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::test::sam_cli;

fn check(cmd: &mut Command, what: &str) -> Result<()> {
    eprintln!("$ {what}");
    if !cmd.status().with_context(|| format!("running {what}"))?.success() {
        bail!("{what} failed");
    }
    Ok(())
}

/// Lints, validates, builds and measures.
pub fn run() -> Result<()> {
    let sam = sam_cli()?;
    check(Command::new("cfn-lint").arg("template.yaml"), "cfn-lint template.yaml")?;
    check(
        Command::new(&sam).args(["validate", "--lint", "--region", "us-east-1"]).env("SAM_CLI_TELEMETRY", "0"),
        "sam validate --lint",
    )?;
    if Command::new("cargo").args(["lambda", "--version"]).output().map_or(true, |o| !o.status.success()) {
        bail!("cargo-lambda is missing: cargo install cargo-lambda --locked (and pip install ziglang for arm64)");
    }
    check(
        Command::new(&sam).args(["build", "--beta-features"]).env("SAM_CLI_TELEMETRY", "0"),
        "sam build --beta-features",
    )?;
    println!("| function | bootstrap | architecture | size |\n|---|---|---|---:|");
    // SAM builds functions that share a binary once (ApiFunction-Shared).
    let mut built: Vec<std::path::PathBuf> = std::fs::read_dir(".aws-sam/build")
        .context(".aws-sam/build is missing")?
        .filter_map(|e| e.ok().map(|e| e.path().join("bootstrap")))
        .filter(|p| p.is_file())
        .collect();
    built.sort();
    if built.len() < 3 {
        bail!("expected bootstraps for api, crawler and extractor, found {built:?}");
    }
    let mut too_big = Vec::new();
    for path in &built {
        let size = std::fs::metadata(path)?.len();
        let file = Command::new("file")
            .arg("-b")
            .arg(path)
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
            .unwrap_or_default();
        let arch = if file.contains("aarch64") { "arm64" } else { file.split(',').nth(1).unwrap_or("?").trim() };
        let function =
            path.parent().and_then(|p| p.file_name()).map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        println!("| {function} | {} | {arch} | {:.2} MB |", path.display(), size as f64 / 1e6);
        if arch != "arm64" {
            bail!("{} is not an arm64 binary: {file}", path.display());
        }
        if size > 10_000_000 {
            too_big.push(function);
        }
    }
    if !too_big.is_empty() {
        bail!("over the 10 MB budget: {}", too_big.join(", "));
    }
    Ok(())
}
