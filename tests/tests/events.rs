//! Every sample in `events/` parses as the type its handler receives, so
//! `cargo lambda invoke --data-file events/…` feeds the functions real shapes.

use aws_lambda_events::event::sqs::SqsEvent;
use jh_common::messages::{CrawlMessage, ExtractMessage};

fn read(name: &str) -> String {
    std::fs::read_to_string(format!("{}/../events/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

#[test]
fn every_sample_event_file_is_covered_here() {
    let mut files: Vec<String> = std::fs::read_dir(format!("{}/../events", env!("CARGO_MANIFEST_DIR")))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            "api-get-ingestion.json",
            "api-health.json",
            "api-start-ingestion.json",
            "crawler-fifo.json",
            "extractor.json"
        ]
    );
}

#[test]
fn api_samples_are_api_gateway_v2_requests() {
    for name in ["api-health.json", "api-start-ingestion.json", "api-get-ingestion.json"] {
        let req: lambda_http::aws_lambda_events::apigw::ApiGatewayV2httpRequest =
            serde_json::from_str(&read(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(req.raw_path.as_deref().unwrap_or("").starts_with('/'), "{name}");
        let _: lambda_http::request::LambdaRequest =
            serde_json::from_str(&read(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

#[test]
fn the_crawler_sample_is_a_fifo_batch_of_valid_crawl_messages() {
    let event: SqsEvent = serde_json::from_str(&read("crawler-fifo.json")).unwrap();
    assert!(event.records.len() >= 2);
    for r in &event.records {
        let msg = CrawlMessage::decode(r.body.as_deref()).unwrap();
        assert_eq!(r.attributes["MessageGroupId"], msg.company().as_str());
        assert_eq!(r.attributes["MessageDeduplicationId"], msg.dedup_id());
    }
}

#[test]
fn the_extractor_sample_carries_a_valid_extract_message() {
    let event: SqsEvent = serde_json::from_str(&read("extractor.json")).unwrap();
    ExtractMessage::decode(event.records[0].body.as_deref()).unwrap();
}
