//! Syncing the companies list into the database.

use jh_common::db::companies::{self, CompanyDef};
use jh_devstack::{Devstack, DevstackOptions};

fn def(slug: &str, source: &str, config: serde_json::Value) -> CompanyDef {
    CompanyDef {
        slug: slug.into(),
        name: slug.to_uppercase(),
        source: source.into(),
        config: config.as_object().unwrap().clone(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_upserts_listed_companies_and_disables_the_others() {
    // GIVEN the devstack's three fixture companies
    let stack = Devstack::start(DevstackOptions::test()).await.unwrap();
    // WHEN a list with one of them (changed) and a new one is synced
    let defs = vec![
        def("acme", "greenhouse", serde_json::json!({"board": "acme-new"})),
        def("umbrella", "lever", serde_json::json!({"site": "umbrella"})),
    ];
    let (upserted, disabled) = companies::sync(&stack.pool, &defs).await.unwrap();
    // THEN both are enabled with their new config, and the two unlisted ones are disabled
    assert_eq!((upserted, disabled), (2, 2));
    let enabled: Vec<String> =
        companies::for_run(&stack.pool, None).await.unwrap().into_iter().map(|c| c.slug).collect();
    assert_eq!(enabled, ["acme", "umbrella"]);
    assert_eq!(companies::by_slug(&stack.pool, "acme").await.unwrap().unwrap().config["board"], "acme-new");
}

#[test]
fn a_bad_entry_is_rejected_naming_it() {
    assert!(
        def("Bad Slug", "greenhouse", serde_json::json!({})).validate().unwrap_err().to_string().contains("Bad Slug")
    );
    assert!(def("ok", "taleo", serde_json::json!({})).validate().unwrap_err().to_string().contains("unknown source"));
}
