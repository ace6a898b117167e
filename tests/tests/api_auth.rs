//! Sign-in through the fake Google issuer, and every way a token can be
//! wrong: for `POST /auth/google` (expired, wrong audience, wrong issuer,
//! forged, unknown key, unverified email, garbage) and for our own bearer
//! tokens on `/api/*` (missing, expired, forged, malformed).

mod api_support;

use api_support::{Api, assert_problem};
use reqwest::Method;
use serde_json::json;

async fn sign_in_with(api: &Api, id_token: &str) -> api_support::Resp {
    api.call(Method::POST, "/auth/google", None, Some(json!({ "id_token": id_token }))).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn first_sign_in_creates_the_user_and_later_ones_refresh_the_profile() {
    // GIVEN the API and the fake Google issuer
    let api = Api::start().await;
    let google = &api.stack.google;

    // WHEN a new account signs in with a valid ID token
    let first = sign_in_with(&api, &google.mint(&google.claims("Ada@Example.com"))).await;

    // THEN it gets our one-hour bearer token and a fresh user
    assert_eq!(first.status, 200, "{}", first.text);
    assert_eq!(first.json["token_type"], "Bearer");
    assert_eq!(first.json["expires_in"], 3600);
    assert_eq!(first.json["user"]["email"], "ada@example.com");
    let user_id = first.json["user"]["id"].as_i64().unwrap();
    let token = first.json["token"].as_str().unwrap();
    let me = api.get("/api/user", token).await;
    assert_eq!(me.status, 200);
    assert_eq!(me.json["id"], user_id);
    assert_eq!(me.json["name"], "Ada Example");

    // WHEN the same Google account signs in again with a new name and picture
    let mut claims = google.claims("ada@example.com");
    claims.name = Some("Ada Lovelace".into());
    claims.picture = Some("https://pictures.example/new.png".into());
    let second = sign_in_with(&api, &google.mint(&claims)).await;

    // THEN it is the same user, with the profile refreshed
    assert_eq!(second.status, 200, "{}", second.text);
    assert_eq!(second.json["user"]["id"], user_id);
    let me = api.get("/api/user", second.json["token"].as_str().unwrap()).await;
    assert_eq!(me.json["name"], "Ada Lovelace");
    assert_eq!(me.json["picture_url"], "https://pictures.example/new.png");
    assert_eq!(sqlx::query_scalar::<_, i64>("SELECT count(*) FROM users").fetch_one(&api.stack.pool).await.unwrap(), 1);
    // ... with the default settings in place
    let settings = api.get("/api/settings", token).await;
    assert_eq!(settings.json, json!({"enabled_companies": null, "title_filters": []}));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn id_tokens_that_fail_a_check_are_refused_with_401() {
    // GIVEN the API and the fake issuer
    let api = Api::start().await;
    let g = &api.stack.google;
    let valid = g.claims("mallory@example.com");

    let mut expired = valid.clone();
    expired.iat -= 7200;
    expired.exp -= 7200;
    let mut other_audience = valid.clone();
    other_audience.aud = "someone-else.apps.googleusercontent.com".into();
    let mut other_issuer = valid.clone();
    other_issuer.iss = "https://accounts.evil.example".into();
    let mut unverified = valid.clone();
    unverified.email_verified = false;

    let cases = [
        ("expired", g.mint(&expired), "expired"),
        ("wrong audience", g.mint(&other_audience), "another client"),
        ("wrong issuer", g.mint(&other_issuer), "not issued by Google"),
        ("forged", g.mint_with_unpublished_key(&valid, true).unwrap(), "signature"),
        ("unknown key", g.mint_with_unpublished_key(&valid, false).unwrap(), "unknown key"),
        ("unverified email", g.mint(&unverified), "not verified"),
        ("garbage", "not.a.jwt".to_owned(), "malformed"),
    ];
    for (what, token, says) in cases {
        // WHEN it is presented
        let r = sign_in_with(&api, &token).await;
        // THEN the answer is a 401 problem saying why, and no user is created
        assert_problem(&r, 401);
        assert!(r.json["detail"].as_str().unwrap().contains(says), "{what}: {}", r.text);
        assert_eq!(r.header("www-authenticate"), Some("Bearer"), "{what}");
    }
    assert_eq!(sqlx::query_scalar::<_, i64>("SELECT count(*) FROM users").fetch_one(&api.stack.pool).await.unwrap(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_jwks_is_cached_across_sign_ins_and_refetched_when_google_rotates_its_key() {
    // GIVEN an API that may refetch the JWKS at once on an unknown kid
    let api = Api::start_with(&[("GOOGLE_JWKS_MIN_REFETCH_MS", "0")]).await;
    let g = &api.stack.google;

    // WHEN three accounts sign in
    for email in ["a@example.com", "b@example.com", "c@example.com"] {
        assert_eq!(sign_in_with(&api, &g.mint(&g.claims(email))).await.status, 200);
    }
    // THEN the keys were fetched once
    assert_eq!(g.jwks_fetches(), 1);

    // WHEN Google rotates its key and a token signed with the new one arrives
    let old_token = g.mint(&g.claims("a@example.com"));
    g.rotate().unwrap();
    let r = sign_in_with(&api, &g.mint(&g.claims("a@example.com"))).await;
    // THEN the API refetches the keys and accepts it, and the retired key is refused
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(g.jwks_fetches(), 2);
    assert_problem(&sign_in_with(&api, &old_token).await, 401);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_kids_cannot_make_the_api_hammer_the_jwks() {
    // GIVEN the API with its default refetch gap, after one sign-in
    let api = Api::start().await;
    let g = &api.stack.google;
    assert_eq!(sign_in_with(&api, &g.mint(&g.claims("a@example.com"))).await.status, 200);

    // WHEN many tokens with made-up kids arrive
    for _ in 0..5 {
        let t = g.mint_with_unpublished_key(&g.claims("a@example.com"), false).unwrap();
        assert_problem(&sign_in_with(&api, &t).await, 401);
    }
    // THEN the keys were not fetched again
    assert_eq!(g.jwks_fetches(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_routes_refuse_missing_expired_forged_and_malformed_bearer_tokens() {
    // GIVEN a signed-in user and tokens that are wrong in every way
    let api = Api::start().await;
    let good = api.sign_in("eve@example.com").await;
    let user_id = api.get("/api/user", &good).await.json["id"].as_i64().unwrap();
    let expired =
        jh_api::auth::issue_token(&api.stack.jwt_secret, user_id, "eve@example.com", chrono::Duration::hours(-2))
            .unwrap();
    let forged = jh_api::auth::issue_token(
        "an-attacker-secret-that-is-32-bytes!!",
        user_id,
        "eve@example.com",
        chrono::Duration::hours(1),
    )
    .unwrap();
    let routes = [
        (Method::GET, "/api/user"),
        (Method::GET, "/api/settings"),
        (Method::PUT, "/api/settings"),
        (Method::GET, "/api/companies"),
        (Method::GET, "/api/ingestions"),
        (Method::POST, "/api/ingestions"),
        (Method::GET, "/api/ingestions/00000000-0000-0000-0000-000000000000"),
        (Method::POST, "/api/ingestions/00000000-0000-0000-0000-000000000000/abort"),
        (Method::GET, "/api/ingestions/00000000-0000-0000-0000-000000000000/events"),
        (Method::GET, "/api/ingestions/00000000-0000-0000-0000-000000000000/logs"),
        (Method::GET, "/api/jobs?q=rust"),
        (Method::GET, "/api/jobs/1"),
        (Method::GET, "/api/queue/status"),
    ];
    for (method, path) in routes {
        let body = (method == Method::PUT).then(|| json!({"title_filters": []}));
        // WHEN each route is called without a token, or with a bad one
        for (what, token) in [
            ("missing", None),
            ("expired", Some(expired.as_str())),
            ("forged", Some(forged.as_str())),
            ("malformed", Some("abc")),
        ] {
            let r = api.call(method.clone(), path, token, body.clone()).await;
            // THEN it is a 401 problem with a Bearer challenge
            assert_problem(&r, 401);
            assert_eq!(r.header("www-authenticate"), Some("Bearer"), "{what} {method} {path}");
        }
        // ... and a non-Bearer scheme is refused too
        let r = api
            .http
            .request(method.clone(), format!("{}{path}", api.url))
            .header("authorization", format!("Basic {good}"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 401, "Basic {method} {path}");
    }
    // ... while the good token works
    assert_eq!(api.get("/api/user", &good).await.status, 200);
}
