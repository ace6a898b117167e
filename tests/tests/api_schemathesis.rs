//! Schemathesis (property-based API testing, from PyPI) against
//! `/openapi.json` of the API served on the devstack: generated valid and
//! invalid requests to every operation must get no 5xx and no response that
//! violates the document (status, content type, headers, body schema), and
//! invalid input must be refused. The example count is bounded so the suite
//! stays fast.
//!
//! Schemathesis is a required tool of the suite (`cargo xtask test` installs
//! it); when it is missing this test fails, saying how to install it.

mod api_support;

use std::process::Command;

use api_support::{Api, SeedJob, seed_jobs};

/// The pip requirement `cargo xtask test` installs.
const REQUIREMENT: &str = "schemathesis==4.32.5";

fn schemathesis() -> std::path::PathBuf {
    let found = std::env::var_os("PATH")
        .and_then(|paths| std::env::split_paths(&paths).map(|d| d.join("schemathesis")).find(|p| p.is_file()));
    found.unwrap_or_else(|| {
        panic!(
            "schemathesis is not installed: run `python3 -m pip install '{REQUIREMENT}'` (cargo xtask test installs it)"
        )
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn schemathesis_finds_no_server_error_and_no_response_outside_the_spec() {
    // GIVEN the API with a signed-in user, an ended run and a few jobs to find
    let bin = schemathesis();
    let api = Api::start().await;
    let token = api.sign_in("fuzzer@example.com").await;
    let run_id = api.post("/api/ingestions", &token).await.json["run_id"].as_str().unwrap().to_owned();
    // Ended, so its event stream closes at once.
    assert_eq!(api.post(&format!("/api/ingestions/{run_id}/abort"), &token).await.status, 200);
    let jobs = seed_jobs(
        &api.stack.pool,
        &[
            SeedJob::new("acme", "Senior GraphQL Engineer", "Build our GraphQL gateway in Rust."),
            SeedJob::new("globex", "Data Scientist", "Machine learning with Python."),
        ],
    )
    .await;
    let work = tempfile::tempdir().unwrap();
    // Real ids for the path parameters, so those operations reach their
    // logic rather than 404. The document cannot say that a company must
    // exist: for PUT /api/settings a well-formed slug of no company is a
    // 422, so that one status is accepted for schema-valid bodies there.
    let config = format!(
        r#"
[[operations]]
include-path-regex = '^/api/ingestions/.'
parameters = {{ "path.id" = "{run_id}" }}

[[operations]]
include-path = "/api/jobs/{{id}}"
parameters = {{ "path.id" = {job} }}

[[operations]]
include-name = "PUT /api/settings"
checks.positive_data_acceptance.expected-statuses = ["2xx", "401", "422"]
"#,
        job = jobs[0]
    );
    std::fs::write(work.path().join("schemathesis.toml"), config).unwrap();

    // WHEN schemathesis runs its examples, coverage and fuzzing phases against the document
    // (one worker: with two, Hypothesis parses lambda sources with `ast.parse` on two
    // threads, and CPython 3.11 then sometimes raises "AST constructor recursion depth
    // mismatch", python/cpython#106905: a runtime error in the tool, not a finding)
    let url = format!("{}/openapi.json", api.url);
    let out = tokio::task::spawn_blocking(move || {
        Command::new(bin)
            .current_dir(work.path())
            .args(["--config-file", "schemathesis.toml", "run", &url])
            .args(["--checks", "all", "--exclude-checks", "use_after_free,ensure_resource_availability"])
            .args(["--phases", "examples,coverage,fuzzing"])
            .args(["--max-examples", "25", "--seed", "20261123", "--workers", "1"])
            .args(["--generation-database", "none", "--no-color", "--request-timeout", "20"])
            .args(["-H", &format!("Authorization: Bearer {token}")])
            .env("SCHEMATHESIS_TELEMETRY", "false")
            .output()
            .expect("running schemathesis")
    })
    .await
    .unwrap();

    // THEN it reports no failure
    let report = format!("{}\n{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "schemathesis found problems:\n{report}");
    eprintln!("{report}");
}
