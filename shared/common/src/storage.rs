//! Raw pages in S3: gzip-compressed HTML under content-addressed keys, so a
//! repeated write of the same page is harmless and deduplicates itself.

use std::io::{Read, Write};

use aws_sdk_s3::primitives::ByteStream;
use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use sha2::{Digest, Sha256};

/// A storage failure. `NotFound` is a fact about the data (a recorded job
/// error); everything else is infrastructure (retry).
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    /// No object under that key.
    #[error("object {0} not found")]
    NotFound(String),
    /// The object is not valid gzip, or inflates beyond the limit.
    #[error("object {key} is unreadable: {reason}")]
    Corrupt {
        /// The key.
        key: String,
        /// What went wrong while inflating.
        reason: String,
    },
    /// S3 could not be reached or refused the call.
    #[error("S3 {op} failed: {message}")]
    S3 {
        /// The operation.
        op: &'static str,
        /// The SDK error with its full context.
        message: String,
    },
}

/// The content-addressed key of a page: `pages/<2 hex>/<sha256>.html.gz`.
pub fn page_key(html: &[u8]) -> String {
    let digest = hex::encode(Sha256::digest(html));
    format!("pages/{}/{}.html.gz", &digest[..2], digest)
}

/// Gzip-compresses bytes.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    // Level 6 is zlib's default: most of the size win at a modest CPU cost.
    let mut enc = GzEncoder::new(Vec::with_capacity(bytes.len() / 4), Compression::default());
    enc.write_all(bytes).expect("writing to a Vec cannot fail");
    enc.finish().expect("writing to a Vec cannot fail")
}

/// Inflates gzip, refusing output larger than `limit` bytes (a gzip bomb
/// stops at the limit instead of exhausting memory).
pub fn gunzip_bounded(bytes: &[u8], limit: usize) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let mut dec = GzDecoder::new(bytes).take(limit as u64 + 1);
    dec.read_to_end(&mut out).map_err(|e| e.to_string())?;
    if out.len() > limit {
        return Err(format!("inflates to more than {limit} bytes"));
    }
    Ok(out)
}

/// The bucket that holds raw pages.
#[derive(Clone)]
pub struct PageStore {
    client: aws_sdk_s3::Client,
    bucket: String,
    max_inflated: usize,
}

impl PageStore {
    /// A store over `bucket`; pages inflate to at most `max_inflated` bytes.
    pub fn new(client: aws_sdk_s3::Client, bucket: impl Into<String>, max_inflated: usize) -> Self {
        Self { client, bucket: bucket.into(), max_inflated }
    }

    /// Stores a page and returns its key. Idempotent.
    pub async fn put_page(&self, html: &[u8]) -> Result<String, StorageError> {
        let key = page_key(html);
        self.client
            .put_object()
            .bucket(&self.bucket)
            .key(&key)
            .content_type("text/html; charset=utf-8")
            .content_encoding("gzip")
            .body(ByteStream::from(gzip(html)))
            .send()
            .await
            .map_err(|e| s3_error("PutObject", e))?;
        Ok(key)
    }

    /// Reads and inflates a page.
    pub async fn get_page(&self, key: &str) -> Result<Vec<u8>, StorageError> {
        let out = self.client.get_object().bucket(&self.bucket).key(key).send().await.map_err(|e| {
            if e.as_service_error().is_some_and(|s| s.is_no_such_key()) {
                StorageError::NotFound(key.to_owned())
            } else {
                s3_error("GetObject", e)
            }
        })?;
        let body = out.body.collect().await.map_err(|e| s3_error("GetObject body", e))?;
        gunzip_bounded(&body.into_bytes(), self.max_inflated)
            .map_err(|reason| StorageError::Corrupt { key: key.to_owned(), reason })
    }
}

/// Keeps the SDK error's full context as text: the SDK's generic error types
/// are verbose to carry around and their plain Display says only "service error".
fn s3_error(op: &'static str, e: impl std::error::Error) -> StorageError {
    StorageError::S3 { op, message: aws_sdk_s3::error::DisplayErrorContext(e).to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_content_gives_same_key_and_different_content_a_different_one() {
        assert_eq!(page_key(b"<html>a</html>"), page_key(b"<html>a</html>"));
        assert_ne!(page_key(b"<html>a</html>"), page_key(b"<html>b</html>"));
        let k = page_key(b"x");
        assert!(k.starts_with("pages/") && k.ends_with(".html.gz") && k.len() == 6 + 3 + 64 + 8);
    }

    #[test]
    fn gzip_round_trips() {
        let html = "<p>héllo</p>".repeat(1000);
        assert_eq!(gunzip_bounded(&gzip(html.as_bytes()), 1 << 20).unwrap(), html.as_bytes());
    }

    #[test]
    fn gzip_bomb_stops_at_the_limit() {
        // GIVEN 64 MiB of zeros compressed to a few KiB
        let bomb = gzip(&vec![0u8; 64 << 20]);
        assert!(bomb.len() < 1 << 20);
        // WHEN inflated with a 1 MiB limit THEN it is refused
        assert!(gunzip_bounded(&bomb, 1 << 20).is_err());
    }
}
