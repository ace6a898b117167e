//! A fake Google OpenID issuer, so sign-in takes the real path locally and
//! in tests: the API fetches this server's JWKS and verifies RS256 ID tokens
//! exactly as it does Google's.
//!
//! It serves `/.well-known/openid-configuration` and the JWKS
//! (`/oauth2/v3/certs`, with a `Cache-Control: max-age` like Google's), and
//! mints ID tokens with any claims — valid ones, expired ones, ones for
//! another audience, ones signed with a key it never published — and can
//! rotate its key. The RSA keys are generated at start (aws-lc-rs, already
//! built for jsonwebtoken).

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, RwLock};

use aws_lc_rs::encoding::AsDer;
use aws_lc_rs::rsa::{KeyPair, KeySize};
use aws_lc_rs::signature::KeyPair as _;
use axum::Router;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde::Serialize;
use serde_json::json;
use tokio::task::JoinHandle;

use crate::DevstackError;

/// The OAuth client id the devstack's API is configured with.
pub const CLIENT_ID: &str = "jh-local.apps.googleusercontent.com";

/// One signing key.
struct SigningKey {
    kid: String,
    encoding: EncodingKey,
    /// Modulus and exponent, base64url, as a JWK carries them.
    n: String,
    e: String,
}

impl SigningKey {
    fn generate() -> Result<Self, DevstackError> {
        let err = |what: &str| DevstackError::Setup(format!("fake issuer: {what}"));
        let pair = KeyPair::generate(KeySize::Rsa2048).map_err(|_| err("RSA key generation failed"))?;
        let pkcs8 = pair.as_der().map_err(|_| err("PKCS#8 encoding failed"))?;
        let b64 = STANDARD.encode(pkcs8.as_ref());
        let body: Vec<&str> = b64.as_bytes().chunks(64).map(|c| std::str::from_utf8(c).unwrap_or("")).collect();
        let pem = format!("-----BEGIN PRIVATE KEY-----\n{}\n-----END PRIVATE KEY-----\n", body.join("\n"));
        let encoding = EncodingKey::from_rsa_pem(pem.as_bytes()).map_err(|e| err(&format!("PEM: {e}")))?;
        let public = pair.public_key();
        Ok(Self {
            kid: uuid::Uuid::new_v4().simple().to_string(),
            encoding,
            n: URL_SAFE_NO_PAD.encode(public.modulus().big_endian_without_leading_zero()),
            e: URL_SAFE_NO_PAD.encode(public.exponent().big_endian_without_leading_zero()),
        })
    }

    fn jwk(&self) -> serde_json::Value {
        json!({"kty": "RSA", "alg": "RS256", "use": "sig", "kid": self.kid, "n": self.n, "e": self.e})
    }

    fn sign(&self, kid: &str, claims: &IdClaims) -> String {
        let mut header = Header::new(Algorithm::RS256);
        header.kid = Some(kid.to_owned());
        jsonwebtoken::encode(&header, claims, &self.encoding).expect("RS256 signing with a generated key")
    }
}

/// The claims of an ID token, as Google sends them. Start from
/// [`FakeGoogle::claims`] and change what a test needs.
#[derive(Debug, Clone, Serialize)]
pub struct IdClaims {
    /// Issuer.
    pub iss: String,
    /// Audience: the OAuth client id.
    pub aud: String,
    /// The account's stable id.
    pub sub: String,
    /// Email address.
    pub email: String,
    /// Whether Google verified it.
    pub email_verified: bool,
    /// Display name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Picture URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub picture: Option<String>,
    /// Issued at (unix seconds).
    pub iat: i64,
    /// Expires (unix seconds).
    pub exp: i64,
}

struct Inner {
    issuer: String,
    /// Published keys; the first signs.
    keys: RwLock<Vec<SigningKey>>,
    jwks_fetches: AtomicUsize,
}

/// The running fake issuer; stopped on drop.
pub struct FakeGoogle {
    inner: Arc<Inner>,
    addr: SocketAddr,
    task: JoinHandle<()>,
}

impl Drop for FakeGoogle {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn discovery(State(inner): State<Arc<Inner>>) -> impl IntoResponse {
    axum::Json(json!({
        "issuer": inner.issuer,
        "jwks_uri": format!("{}/oauth2/v3/certs", inner.issuer),
        "response_types_supported": ["id_token"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
    }))
}

async fn jwks(State(inner): State<Arc<Inner>>) -> impl IntoResponse {
    inner.jwks_fetches.fetch_add(1, Ordering::SeqCst);
    let keys: Vec<serde_json::Value> = inner.keys.read().expect("keys lock").iter().map(SigningKey::jwk).collect();
    ([(header::CACHE_CONTROL, "public, max-age=3600")], axum::Json(json!({ "keys": keys })))
}

impl FakeGoogle {
    /// Generates a key and serves the issuer on a free local port.
    pub async fn start() -> Result<Self, DevstackError> {
        let key = tokio::task::spawn_blocking(SigningKey::generate)
            .await
            .map_err(|e| DevstackError::Setup(format!("fake issuer: {e}")))??;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let inner = Arc::new(Inner {
            issuer: format!("http://{addr}"),
            keys: RwLock::new(vec![key]),
            jwks_fetches: AtomicUsize::new(0),
        });
        let app = Router::new()
            .route("/.well-known/openid-configuration", get(discovery))
            .route("/oauth2/v3/certs", get(jwks))
            .with_state(inner.clone());
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Ok(Self { inner, addr, task })
    }

    /// The issuer (`iss`) of its tokens, which is also its base URL.
    pub fn issuer(&self) -> String {
        self.inner.issuer.clone()
    }

    /// Its JWKS URL.
    pub fn jwks_url(&self) -> String {
        format!("http://{}/oauth2/v3/certs", self.addr)
    }

    /// How many times the JWKS was fetched.
    pub fn jwks_fetches(&self) -> usize {
        self.inner.jwks_fetches.load(Ordering::SeqCst)
    }

    /// Valid claims for an account: right issuer and audience, verified
    /// email, one hour left. `sub` is derived from the email, so the same
    /// email is the same Google account.
    pub fn claims(&self, email: &str) -> IdClaims {
        let now = chrono::Utc::now().timestamp();
        let local = email.split('@').next().unwrap_or(email);
        IdClaims {
            iss: self.issuer(),
            aud: CLIENT_ID.into(),
            sub: format!("g-{}", URL_SAFE_NO_PAD.encode(email.to_lowercase())),
            email: email.into(),
            email_verified: true,
            name: Some(format!("{local} Example")),
            picture: Some(format!("https://pictures.example/{local}.png")),
            iat: now,
            exp: now + 3600,
        }
    }

    /// An ID token with these claims, signed with the current published key.
    pub fn mint(&self, claims: &IdClaims) -> String {
        let keys = self.inner.keys.read().expect("keys lock");
        keys[0].sign(&keys[0].kid, claims)
    }

    /// An ID token signed with a key that was never published. With
    /// `claim_published_kid` its header names the current published key (a
    /// forgery: the signature does not verify); otherwise it names its own,
    /// unknown key.
    pub fn mint_with_unpublished_key(
        &self,
        claims: &IdClaims,
        claim_published_kid: bool,
    ) -> Result<String, DevstackError> {
        let rogue = SigningKey::generate()?;
        let kid = if claim_published_kid {
            self.inner.keys.read().expect("keys lock")[0].kid.clone()
        } else {
            rogue.kid.clone()
        };
        Ok(rogue.sign(&kid, claims))
    }

    /// Rotates the key: a new key signs from now on and the JWKS publishes
    /// only it, as when Google retires a key.
    pub fn rotate(&self) -> Result<(), DevstackError> {
        let key = SigningKey::generate()?;
        *self.inner.keys.write().expect("keys lock") = vec![key];
        Ok(())
    }

    /// Signs `email` in through the API's `POST /auth/google` and returns our
    /// bearer token.
    pub async fn sign_in(&self, api_url: &str, email: &str) -> Result<String, DevstackError> {
        let id_token = self.mint(&self.claims(email));
        let resp = reqwest::Client::new()
            .post(format!("{api_url}/auth/google"))
            .json(&json!({ "id_token": id_token }))
            .send()
            .await
            .map_err(|e| DevstackError::Setup(format!("POST /auth/google: {e}")))?;
        let status = resp.status();
        let body: serde_json::Value =
            resp.json().await.map_err(|e| DevstackError::Setup(format!("POST /auth/google: {e}")))?;
        if !status.is_success() {
            return Err(DevstackError::Setup(format!("sign-in failed with {status}: {body}")));
        }
        body["token"]
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| DevstackError::Setup(format!("sign-in answered without a token: {body}")))
    }
}
