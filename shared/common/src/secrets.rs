//! Secrets at cold start. In AWS the database URL and the JWT secret are
//! Secrets Manager secrets: the template passes `DATABASE_URL_SECRET_ARN` and
//! `JWT_SECRET_ARN`, never the values, so they appear in no function
//! configuration. Locally the plain variables are set and no call is made.
//!
//! A secret's `SecretString` is used as the value, except an RDS-managed
//! secret (JSON with `username`, `password`, `host`, …), which becomes a
//! `postgres://` URL.

use std::collections::HashMap;

use crate::config::Env;

/// A secret that could not be read.
#[derive(Debug, thiserror::Error)]
#[error("{var}: could not read secret {arn}: {reason}")]
pub struct SecretError {
    /// The variable the secret was for.
    pub var: String,
    /// The secret's ARN.
    pub arn: String,
    /// Why.
    pub reason: String,
}

/// Turns a secret string into the variable's value.
pub fn value_from_secret(secret: &str) -> String {
    let Ok(serde_json::Value::Object(m)) = serde_json::from_str::<serde_json::Value>(secret) else {
        return secret.to_owned();
    };
    let s =
        |k: &str| m.get(k).and_then(|v| v.as_str().map(str::to_owned).or_else(|| v.as_u64().map(|n| n.to_string())));
    match (s("username"), s("password"), s("host")) {
        (Some(user), Some(password), Some(host)) => {
            let enc = |x: &str| url::form_urlencoded::byte_serialize(x.as_bytes()).collect::<String>();
            format!(
                "postgres://{}:{}@{}:{}/{}?sslmode=require",
                enc(&user),
                enc(&password),
                host,
                s("port").unwrap_or_else(|| "5432".into()),
                s("dbname").unwrap_or_else(|| "postgres".into())
            )
        }
        _ => secret.to_owned(),
    }
}

/// For each of `vars` that is unset but has a `<VAR>_SECRET_ARN`, reads the
/// secret and returns an environment where the variable is set.
pub async fn resolve(env: Env, sdk: &aws_config::SdkConfig, vars: &[&str]) -> Result<Env, SecretError> {
    let mut found = HashMap::new();
    let mut client = None;
    for var in vars {
        if env.get(var).is_some() {
            continue;
        }
        let Some(arn) = env.get(&format!("{var}_SECRET_ARN")) else { continue };
        let client = client.get_or_insert_with(|| aws_sdk_secretsmanager::Client::new(sdk));
        let out = client.get_secret_value().secret_id(&arn).send().await.map_err(|e| SecretError {
            var: (*var).to_owned(),
            arn: arn.clone(),
            reason: aws_sdk_secretsmanager::error::DisplayErrorContext(e).to_string(),
        })?;
        let secret = out.secret_string().ok_or_else(|| SecretError {
            var: (*var).to_owned(),
            arn: arn.clone(),
            reason: "the secret has no SecretString".into(),
        })?;
        found.insert((*var).to_owned(), value_from_secret(secret));
    }
    Ok(env.with_overrides(found))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_rds_managed_secret_becomes_a_postgres_url() {
        let url = value_from_secret(
            r#"{"username":"jh","password":"p@ss/word","host":"db.example","port":5432,"dbname":"jh","engine":"postgres"}"#,
        );
        assert_eq!(url, "postgres://jh:p%40ss%2Fword@db.example:5432/jh?sslmode=require");
    }

    #[test]
    fn a_plain_secret_is_used_verbatim() {
        assert_eq!(value_from_secret("postgres://u:p@h/db"), "postgres://u:p@h/db");
        assert_eq!(value_from_secret("{\"not\":\"rds\"}"), "{\"not\":\"rds\"}");
    }
}
