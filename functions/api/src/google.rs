//! Google ID token verification (sign-in): RS256 against Google's JWKS, the
//! issuer, the audience (our OAuth client id), expiry, and a verified email.
//!
//! The JWKS is cached in the verifier, which lives in the `AppState`, so a
//! warm Lambda instance fetches it once per `Cache-Control: max-age` (Google
//! sends hours). A token signed with a `kid` we do not know triggers one
//! refetch — Google rotates keys — but at most one per `min_refetch`, so a
//! stream of tokens with made-up kids cannot turn us into a JWKS hammer.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, DecodingKey, Validation, decode, decode_header};
use serde::Deserialize;
use tokio::sync::{Mutex, RwLock};

/// Google's issuers, as the `iss` claim spells them.
pub const GOOGLE_ISSUERS: [&str; 2] = ["accounts.google.com", "https://accounts.google.com"];
/// Google's JWKS.
pub const GOOGLE_JWKS_URL: &str = "https://www.googleapis.com/oauth2/v3/certs";

/// Why an ID token was refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum GoogleAuthError {
    /// Not a JWT, or not RS256, or no `kid`.
    #[error("the ID token is malformed: {0}")]
    Malformed(String),
    /// Signed with a key Google does not publish.
    #[error("the ID token is signed with an unknown key")]
    UnknownKey,
    /// Expired.
    #[error("the ID token has expired")]
    Expired,
    /// Issued for another client.
    #[error("the ID token was issued for another client")]
    WrongAudience,
    /// Not issued by Google.
    #[error("the ID token was not issued by Google")]
    WrongIssuer,
    /// The signature does not verify.
    #[error("the ID token's signature is invalid")]
    BadSignature,
    /// Any other failed check.
    #[error("the ID token is invalid: {0}")]
    Invalid(String),
    /// Google has not verified the email.
    #[error("the account's email address is not verified")]
    EmailNotVerified,
    /// The JWKS could not be fetched and none is cached.
    #[error("Google's signing keys are unavailable: {0}")]
    KeysUnavailable(String),
}

/// The identity an ID token asserts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoogleIdentity {
    /// Google's stable account id.
    pub sub: String,
    /// Email address (verified).
    pub email: String,
    /// Display name.
    pub name: Option<String>,
    /// Profile picture URL.
    pub picture: Option<String>,
}

#[derive(Debug, Deserialize)]
struct IdTokenClaims {
    sub: String,
    email: Option<String>,
    #[serde(default)]
    email_verified: Option<serde_json::Value>,
    name: Option<String>,
    picture: Option<String>,
}

/// Where the verifier looks and what it accepts.
#[derive(Debug, Clone)]
pub struct GoogleConfig {
    /// Our OAuth client id: the only accepted audience.
    pub client_id: String,
    /// Accepted issuers.
    pub issuers: Vec<String>,
    /// The JWKS URL.
    pub jwks_url: String,
    /// Smallest gap between two refetches caused by unknown kids.
    pub min_refetch: Duration,
}

#[derive(Default)]
struct KeyCache {
    keys: HashMap<String, DecodingKey>,
    fetched_at: Option<Instant>,
    expires_at: Option<Instant>,
}

/// Verifies Google ID tokens; keeps the JWKS across requests.
pub struct GoogleVerifier {
    cfg: GoogleConfig,
    http: reqwest::Client,
    cache: RwLock<KeyCache>,
    // One fetch at a time: concurrent cold requests wait for the first.
    fetching: Mutex<()>,
}

/// How long a JWKS without `Cache-Control: max-age` is trusted.
const DEFAULT_TTL: Duration = Duration::from_secs(3600);
const MAX_TTL: Duration = Duration::from_secs(24 * 3600);

fn max_age(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    let cc = headers.get(reqwest::header::CACHE_CONTROL)?.to_str().ok()?;
    cc.split(',')
        .filter_map(|d| d.trim().strip_prefix("max-age="))
        .find_map(|v| v.trim().parse::<u64>().ok())
        .map(Duration::from_secs)
}

impl GoogleVerifier {
    /// A verifier with an empty cache.
    pub fn new(cfg: GoogleConfig, http: reqwest::Client) -> Self {
        Self { cfg, http, cache: RwLock::new(KeyCache::default()), fetching: Mutex::new(()) }
    }

    async fn fetch(&self) -> Result<(), GoogleAuthError> {
        let unavailable = |e: String| GoogleAuthError::KeysUnavailable(e);
        let resp = self
            .http
            .get(&self.cfg.jwks_url)
            .timeout(Duration::from_secs(5))
            .send()
            .await
            .map_err(|e| unavailable(e.to_string()))?;
        if !resp.status().is_success() {
            return Err(unavailable(format!("{} answered {}", self.cfg.jwks_url, resp.status())));
        }
        let ttl = max_age(resp.headers()).unwrap_or(DEFAULT_TTL).min(MAX_TTL);
        let set: JwkSet = resp.json().await.map_err(|e| unavailable(format!("not a JWKS: {e}")))?;
        let keys: HashMap<String, DecodingKey> = set
            .keys
            .iter()
            .filter_map(|jwk| Some((jwk.common.key_id.clone()?, DecodingKey::from_jwk(jwk).ok()?)))
            .collect();
        tracing::info!(keys = keys.len(), ttl_secs = ttl.as_secs(), "fetched Google's JWKS");
        let now = Instant::now();
        *self.cache.write().await = KeyCache { keys, fetched_at: Some(now), expires_at: Some(now + ttl) };
        Ok(())
    }

    /// The key for `kid`: from the cache while it is fresh, otherwise after
    /// a (rate-limited) refetch. A stale cache is still used when Google is
    /// unreachable.
    async fn key(&self, kid: &str) -> Result<DecodingKey, GoogleAuthError> {
        {
            let c = self.cache.read().await;
            let fresh = c.expires_at.is_some_and(|t| Instant::now() < t);
            if let (true, Some(k)) = (fresh, c.keys.get(kid)) {
                return Ok(k.clone());
            }
        }
        let _guard = self.fetching.lock().await;
        // Another request may have refreshed the cache while this one waited.
        let (known, fresh, recently_fetched) = {
            let c = self.cache.read().await;
            (
                c.keys.get(kid).cloned(),
                c.expires_at.is_some_and(|t| Instant::now() < t),
                c.fetched_at.is_some_and(|t| t.elapsed() < self.cfg.min_refetch),
            )
        };
        match known {
            Some(k) if fresh => return Ok(k),
            // Unknown kid, but we fetched moments ago: Google did not rotate
            // that fast, so the token is what is wrong.
            None if recently_fetched => return Err(GoogleAuthError::UnknownKey),
            _ => {}
        }
        match self.fetch().await {
            Ok(()) => self.cache.read().await.keys.get(kid).cloned().ok_or(GoogleAuthError::UnknownKey),
            Err(e) => match known {
                Some(k) => {
                    tracing::warn!(error = %e, "using an expired JWKS: the refetch failed");
                    Ok(k)
                }
                None => Err(e),
            },
        }
    }

    /// Verifies an ID token and returns the identity it asserts.
    pub async fn verify(&self, id_token: &str) -> Result<GoogleIdentity, GoogleAuthError> {
        let header = decode_header(id_token).map_err(|e| GoogleAuthError::Malformed(e.to_string()))?;
        if header.alg != Algorithm::RS256 {
            return Err(GoogleAuthError::Malformed(format!("algorithm {:?}, expected RS256", header.alg)));
        }
        let kid = header.kid.ok_or_else(|| GoogleAuthError::Malformed("no kid in the header".into()))?;
        let key = self.key(&kid).await?;
        let mut v = Validation::new(Algorithm::RS256);
        v.set_audience(&[&self.cfg.client_id]);
        v.set_issuer(&self.cfg.issuers);
        v.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        v.leeway = 60;
        let data = decode::<IdTokenClaims>(id_token, &key, &v).map_err(|e| {
            use jsonwebtoken::errors::ErrorKind as K;
            match e.kind() {
                K::ExpiredSignature => GoogleAuthError::Expired,
                K::InvalidAudience => GoogleAuthError::WrongAudience,
                K::InvalidIssuer => GoogleAuthError::WrongIssuer,
                K::InvalidSignature => GoogleAuthError::BadSignature,
                _ => GoogleAuthError::Invalid(e.to_string()),
            }
        })?;
        let c = data.claims;
        // Google sends a boolean; some libraries have seen the string "true".
        let verified = matches!(c.email_verified, Some(serde_json::Value::Bool(true)))
            || matches!(&c.email_verified, Some(serde_json::Value::String(s)) if s == "true");
        let email = c.email.filter(|e| !e.trim().is_empty()).ok_or(GoogleAuthError::EmailNotVerified)?;
        if !verified {
            return Err(GoogleAuthError::EmailNotVerified);
        }
        Ok(GoogleIdentity { sub: c.sub, email: email.to_lowercase(), name: c.name, picture: c.picture })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn max_age_is_read_from_cache_control() {
        let mut h = reqwest::header::HeaderMap::new();
        h.insert(reqwest::header::CACHE_CONTROL, "public, max-age=21600, must-revalidate".parse().unwrap());
        assert_eq!(max_age(&h), Some(Duration::from_secs(21600)));
        h.insert(reqwest::header::CACHE_CONTROL, "no-cache".parse().unwrap());
        assert_eq!(max_age(&h), None);
    }

    #[tokio::test]
    async fn a_token_that_is_not_a_jwt_is_malformed_without_fetching_keys() {
        let v = GoogleVerifier::new(
            GoogleConfig {
                client_id: "c".into(),
                issuers: vec!["i".into()],
                // Nothing listens here: a fetch would fail as unavailable.
                jwks_url: "http://127.0.0.1:9/certs".into(),
                min_refetch: Duration::from_secs(60),
            },
            reqwest::Client::new(),
        );
        assert!(matches!(v.verify("not-a-jwt").await, Err(GoogleAuthError::Malformed(_))));
    }
}
