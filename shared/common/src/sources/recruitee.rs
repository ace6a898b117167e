//! Recruitee careers-site API: `GET {base}/api/offers/` returns every
//! published offer in one response (`{"offers": [...]}`); it is not paged.
//! The base is the company's careers site, `https://{company}.recruitee.com`
//! (the `RECRUITEE_API_BASE` template), or its custom domain in `base_url`.
//!
//! Company config: `{"company": "<subdomain>"}`, or
//! `{"base_url": "https://careers.example.com"}` for a custom domain.
//!
//! External id: the offer's numeric `id`. Page: `careers_url`. Offers whose
//! `status` is present and not `published` are skipped.

use serde::Deserialize;

use super::{ListContext, Source, SourceError, parse_json};
use crate::db::jobs::ListedJob;

const KIND: &str = "recruitee";

/// The Recruitee adapter. Company config: `{"company": "..."}`.
pub struct Recruitee;

#[derive(Deserialize)]
struct Offers {
    offers: Vec<Offer>,
}

#[derive(Deserialize)]
struct Offer {
    id: serde_json::Value,
    title: String,
    careers_url: String,
    status: Option<String>,
    location: Option<String>,
    city: Option<String>,
    country: Option<String>,
}

impl Source for Recruitee {
    async fn list_jobs(&self, ctx: &ListContext<'_>) -> Result<Vec<ListedJob>, SourceError> {
        // The trailing slash is part of Recruitee's documented path.
        let url = ctx.url_with_path(&["api", "offers", ""])?;
        let offers: Offers = ctx.get_json(KIND, &url, None).await?;
        convert(offers)
    }
}

/// Parses an offers response.
pub fn parse(body: &[u8]) -> Result<Vec<ListedJob>, SourceError> {
    convert(parse_json(KIND, body)?)
}

fn convert(offers: Offers) -> Result<Vec<ListedJob>, SourceError> {
    offers
        .offers
        .into_iter()
        .filter(|o| o.status.as_deref().is_none_or(|s| s == "published"))
        .map(|o| {
            let external_id = match &o.id {
                serde_json::Value::Number(n) => n.to_string(),
                serde_json::Value::String(s) if !s.is_empty() => s.clone(),
                other => {
                    return Err(SourceError::Parse {
                        source_kind: KIND,
                        reason: format!("offer id {other} is not a number or string"),
                    });
                }
            };
            let nonempty = |s: Option<String>| s.filter(|s| !s.trim().is_empty());
            let location_text = nonempty(o.location).or_else(|| {
                let parts: Vec<String> = [o.city, o.country].into_iter().filter_map(nonempty).collect();
                (!parts.is_empty()).then(|| parts.join(", "))
            });
            Ok(ListedJob { external_id, url: o.careers_url, title: o.title.trim().to_owned(), location_text })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn offer(id: u64, status: &str) -> serde_json::Value {
        serde_json::json!({
            "id": id,
            "slug": "backend-engineer",
            "guid": "8ab3c1",
            "title": "Backend Engineer",
            "status": status,
            "location": "Amsterdam, North Holland, Netherlands",
            "city": "Amsterdam",
            "country": "Netherlands",
            "country_code": "NL",
            "remote": false,
            "hybrid": true,
            "on_site": false,
            "department": "Engineering",
            "employment_type_code": "fulltime",
            "created_at": "2026-11-01 12:00:00 UTC",
            "published_at": "2026-11-01 12:05:00 UTC",
            "careers_url": "https://acme.recruitee.com/o/backend-engineer",
            "careers_apply_url": "https://acme.recruitee.com/o/backend-engineer/c/new",
            "description": "<p>Build.</p>",
            "requirements": "<p>Rust.</p>",
            "tags": [],
        })
    }

    #[test]
    fn parses_published_offers_with_numeric_ids() {
        // GIVEN one published and one closed offer
        let body = serde_json::json!({"offers": [offer(1743181, "published"), offer(7, "closed")]});
        // WHEN the response is parsed
        let jobs = parse(&serde_json::to_vec(&body).unwrap()).unwrap();
        // THEN the published one is listed under its id and careers page
        assert_eq!(
            jobs,
            vec![ListedJob {
                external_id: "1743181".into(),
                url: "https://acme.recruitee.com/o/backend-engineer".into(),
                title: "Backend Engineer".into(),
                location_text: Some("Amsterdam, North Holland, Netherlands".into()),
            }]
        );
    }

    #[test]
    fn city_and_country_stand_in_for_a_missing_location() {
        // GIVEN an offer without a location string
        let mut o = offer(1, "published");
        o["location"] = serde_json::Value::Null;
        // WHEN it is parsed
        let jobs = parse(&serde_json::to_vec(&serde_json::json!({"offers": [o]})).unwrap()).unwrap();
        // THEN city and country form the location
        assert_eq!(jobs[0].location_text.as_deref(), Some("Amsterdam, Netherlands"));
    }

    #[test]
    fn malformed_json_is_a_parse_error() {
        assert!(matches!(parse(b"not json"), Err(SourceError::Parse { .. })));
        assert!(matches!(parse(br#"{"error":"not found"}"#), Err(SourceError::Parse { .. })));
        assert!(matches!(
            parse(br#"{"offers":[{"id":null,"title":"x","careers_url":"u"}]}"#),
            Err(SourceError::Parse { .. })
        ));
    }
}
