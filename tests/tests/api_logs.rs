//! `GET /api/ingestions/{id}/logs` against moto's CloudWatch Logs: only the
//! run's lines (moto ignores the JSON filter pattern, so the API filters
//! again), merged by time across the groups, tagged with their source,
//! limited to the short group names, and paginated without gaps or repeats.

mod api_support;

use api_support::{Api, assert_problem};
use aws_sdk_cloudwatchlogs::types::InputLogEvent;
use serde_json::{Value, json};

async fn put(logs: &aws_sdk_cloudwatchlogs::Client, group: &str, lines: &[(i64, String)]) {
    let stream = "2026/11/23/[$LATEST]0123456789abcdef";
    let _ = logs.create_log_stream().log_group_name(group).log_stream_name(stream).send().await;
    let events: Vec<InputLogEvent> =
        lines.iter().map(|(t, m)| InputLogEvent::builder().timestamp(*t).message(m).build().unwrap()).collect();
    logs.put_log_events()
        .log_group_name(group)
        .log_stream_name(stream)
        .set_log_events(Some(events))
        .send()
        .await
        .unwrap();
}

fn line(level: &str, msg: &str, run: &str) -> String {
    json!({"level": level, "message": msg, "run_id": run}).to_string()
}

/// (source, message field) of each returned line.
fn summary(r: &Value) -> Vec<(String, String)> {
    r["logs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            let m: Value = serde_json::from_str(l["message"].as_str().unwrap()).unwrap();
            (l["source"].as_str().unwrap().to_owned(), m["message"].as_str().unwrap().to_owned())
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_runs_lines_come_back_merged_by_time_tagged_filtered_and_paginated() {
    // GIVEN Alice's run, Bob's run, and lines of both (and others) in the three log groups
    let api = Api::start().await;
    let alice = api.sign_in("alice@example.com").await;
    let bob = api.sign_in("bob@example.com").await;
    let a = api.post("/api/ingestions", &alice).await.json["run_id"].as_str().unwrap().to_owned();
    let b = api.post("/api/ingestions", &bob).await.json["run_id"].as_str().unwrap().to_owned();
    let logs = aws_sdk_cloudwatchlogs::Client::new(&api.stack.sdk);
    let [g_api, g_crawler, g_extractor] = api.stack.resources.log_groups.clone();
    let t0 = chrono::Utc::now().timestamp_millis();
    put(&logs, &g_api, &[(t0, line("INFO", "run started", &a)), (t0 + 6, line("INFO", "run aborted", &a))]).await;
    put(
        &logs,
        &g_crawler,
        &[
            (t0 + 1, line("INFO", "discovered acme", &a)),
            (t0 + 2, line("INFO", "bob's discovery", &b)),
            (t0 + 3, "START RequestId: 5f0c Version: $LATEST".into()),
            (t0 + 7, line("INFO", "page fetched", &a)),
        ],
    )
    .await;
    put(
        &logs,
        &g_extractor,
        &[
            (t0 + 4, json!({"level": "WARN", "message": format!("mentions {a} but is not about it")}).to_string()),
            (t0 + 5, line("INFO", "extracted", &a)),
            (t0 + 7, line("ERROR", "extract failed", &a)),
        ],
    )
    .await;
    let path = format!("/api/ingestions/{a}/logs");

    // WHEN Alice reads her run's logs from every function
    let all = api.get(&path, &alice).await;

    // THEN she gets only her run's structured lines, oldest first, each tagged with its function
    assert_eq!(all.status, 200, "{}", all.text);
    let want: Vec<(String, String)> = [
        ("api", "run started"),
        ("crawler", "discovered acme"),
        ("extractor", "extracted"),
        ("api", "run aborted"),
        ("crawler", "page fetched"),
        ("extractor", "extract failed"),
    ]
    .iter()
    .map(|(s, m)| ((*s).to_owned(), (*m).to_owned()))
    .collect();
    assert_eq!(summary(&all.json), want);
    assert_eq!(all.json["logs"][0]["timestamp"], t0);
    assert_eq!(all.json["logs"][5]["level"], "ERROR");
    assert!(all.json["next_cursor"].is_null());

    // WHEN she asks for some functions only
    let some = api.get(&format!("{path}?groups=crawler,api"), &alice).await;
    // THEN only theirs come back
    let sources: Vec<String> = summary(&some.json).into_iter().map(|(s, _)| s).collect();
    assert_eq!(sources, ["api", "crawler", "api", "crawler"]);

    // WHEN she pages through them two at a time
    let mut paged = Vec::new();
    let mut cursor: Option<String> = None;
    for _ in 0..10 {
        let q = cursor.as_ref().map(|c| format!("&cursor={c}")).unwrap_or_default();
        let page = api.get(&format!("{path}?limit=2{q}"), &alice).await;
        assert_eq!(page.status, 200, "{}", page.text);
        assert!(page.json["logs"].as_array().unwrap().len() <= 2);
        paged.extend(summary(&page.json));
        cursor = page.json["next_cursor"].as_str().map(str::to_owned);
        if cursor.is_none() {
            break;
        }
    }
    // THEN the pages add up to the same lines, none twice, none missing
    assert_eq!(paged, want);

    // ... and Bob's run shows only Bob's line
    let bobs = api.get(&format!("/api/ingestions/{b}/logs"), &bob).await;
    assert_eq!(summary(&bobs.json), [("crawler".to_owned(), "bob's discovery".to_owned())]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_short_group_names_are_accepted() {
    // GIVEN a run
    let api = Api::start().await;
    let token = api.sign_in("carol@example.com").await;
    let run = api.post("/api/ingestions", &token).await.json["run_id"].as_str().unwrap().to_owned();
    let path = format!("/api/ingestions/{run}/logs");
    // WHEN a log group is named by anything but api, crawler or extractor
    for groups in ["/aws/lambda/jh-api", "crawler,secrets", "ingestion", ","] {
        let r = api.get(&format!("{path}?groups={}", urlencode(groups)), &token).await;
        // THEN it is a 400 problem naming the choices
        assert_problem(&r, 400);
        assert!(r.json["detail"].as_str().unwrap().contains("api, crawler or extractor"), "{}", r.text);
    }
    // ... and bad paging parameters are 422
    assert_eq!(api.get(&format!("{path}?limit=0"), &token).await.error_fields(), ["query.limit"]);
    assert_eq!(api.get(&format!("{path}?cursor=garbage"), &token).await.error_fields(), ["query.cursor"]);
    // ... while a run with no lines yet is an empty page
    let empty = api.get(&path, &token).await;
    assert_eq!(empty.json, json!({"logs": [], "next_cursor": null}));
}

fn urlencode(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}
