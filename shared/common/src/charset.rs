//! Decoding fetched HTML to UTF-8 whatever charset the site used: the BOM,
//! then the Content-Type charset, then a `<meta charset>` in the first
//! 1024 bytes, then valid UTF-8, then a statistical guess (`chardetng`, the
//! detector Firefox uses). Invalid sequences become U+FFFD instead of
//! failing, so a page with broken bytes is still fingerprinted and extracted.

use encoding_rs::{Encoding, UTF_8};

/// The charset named in a Content-Type header value.
fn header_charset(content_type: &str) -> Option<&'static Encoding> {
    let lower = content_type.to_ascii_lowercase();
    let at = lower.find("charset=")?;
    let label = lower[at + 8..].split(';').next()?.trim().trim_matches(['"', '\'']);
    Encoding::for_label(label.as_bytes())
}

/// The charset declared by `<meta charset=...>` or `<meta http-equiv ... content="...charset=...">`
/// within the first 1024 bytes, as the HTML spec's prescan does.
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let text = String::from_utf8_lossy(&head[..head.len().min(1024)]).to_ascii_lowercase();
    let at = text.find("charset")?;
    let rest = text[at + 7..].trim_start().strip_prefix('=')?.trim_start();
    let rest = rest.trim_start_matches(['"', '\'']);
    let label: String =
        rest.chars().take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.')).collect();
    // A page that says UTF-16 in ASCII bytes is not UTF-16 (HTML spec).
    Encoding::for_label(label.as_bytes()).map(|e| if e.name().starts_with("UTF-16") { UTF_8 } else { e })
}

/// Decodes a page to UTF-8; returns the text and the encoding used.
pub fn decode_html(body: &[u8], content_type: Option<&str>) -> (String, &'static str) {
    let encoding = Encoding::for_bom(body)
        .map(|(e, _)| e)
        .or_else(|| content_type.and_then(header_charset))
        .or_else(|| meta_charset(body))
        .unwrap_or_else(|| {
            if std::str::from_utf8(body).is_ok() {
                UTF_8
            } else {
                let mut d = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
                d.feed(body, true);
                d.guess(None, chardetng::Utf8Detection::Allow)
            }
        });
    let (text, used, _had_errors) = encoding.decode(body);
    (text.into_owned(), used.name())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_declared_in_the_header_is_decoded() {
        // GIVEN "Café" in ISO-8859-1 and a header that says so
        let (t, e) = decode_html(b"<p>Caf\xe9</p>", Some("text/html; charset=ISO-8859-1"));
        assert_eq!(t, "<p>Café</p>");
        assert_eq!(e, "windows-1252");
    }

    #[test]
    fn meta_charset_is_used_when_the_header_has_none() {
        let (t, _) = decode_html(b"<meta charset=\"windows-1251\"><p>\xcf\xf0\xe8\xe2\xe5\xf2</p>", Some("text/html"));
        assert!(t.contains("Привет"), "{t}");
    }

    #[test]
    fn undeclared_non_utf8_is_guessed_and_invalid_bytes_never_fail() {
        let (t, _) =
            decode_html("<p>Überraschung für Bewerber, schöne Grüße aus München</p>".encode_latin1().as_slice(), None);
        assert!(t.contains("München"), "{t}");
        let (t, _) = decode_html(b"<p>ok \xff\xfe\xfd broken</p>", Some("text/html; charset=utf-8"));
        assert!(t.contains('\u{fffd}') && t.contains("broken"));
    }

    trait Latin1 {
        fn encode_latin1(&self) -> Vec<u8>;
    }
    impl Latin1 for str {
        fn encode_latin1(&self) -> Vec<u8> {
            self.chars().map(|c| c as u32 as u8).collect()
        }
    }
}
