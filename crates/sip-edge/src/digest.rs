//! HTTP digest authentication for SIP, server side (RFC 2617 as SIP uses it, RFC 3261 §22.4,
//! RFC 7616 §3.4 for `qop=auth`), sans-IO: parsing an `Authorization` header, issuing and
//! checking nonces, and verifying a response against a stored HA1.
//!
//! Only MD5 (the algorithm every SIP phone speaks) with `qop=auth` or without `qop` (RFC 2069
//! phones) is accepted; `auth-int`, `-sess` and SHA-256 answers are refused as unsupported.
//! Passwords never reach this module: the host keeps `HA1 = MD5(user:realm:password)`
//! ([`Ha1`]).
//!
//! rsipstack 0.7.14 has server-side verification (`verify_digest`), but it wants the clear
//! password and compares with `==`; this module works from HA1 and compares in constant time.
//!
//! Nonces are stateless: `hex(issued-at seconds) "." hex(serial) "." hex(MD5(secret, issued-at,
//! serial))`, so any nonce can be checked without remembering it, and one older than the lifetime is *stale*
//! (the phone retries at once with a fresh one, RFC 2617 §3.2.1 `stale=true`).

use std::fmt;
use std::time::Duration;

use md5::{Digest, Md5};

/// `MD5(username ":" realm ":" password)` in lower-case hex: what the host stores instead of a
/// password. Its `Debug` does not show it.
#[derive(Clone, PartialEq, Eq)]
pub struct Ha1(String);

impl Ha1 {
    /// HA1 for a user's password in `realm`.
    pub fn from_password(username: &str, realm: &str, password: &str) -> Ha1 {
        Ha1(md5_hex(&format!("{username}:{realm}:{password}")))
    }

    /// A stored HA1: 32 hexadecimal digits (any case).
    pub fn parse(hex: &str) -> Option<Ha1> {
        let hex = hex.trim();
        (hex.len() == 32 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
            .then(|| Ha1(hex.to_ascii_lowercase()))
    }

    /// The 32 lower-case hex digits, to store.
    pub fn as_hex(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Ha1 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Ha1(…)")
    }
}

/// Why an `Authorization` header cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DigestError {
    /// Not `Digest k=v, …`, or a parameter is malformed.
    #[error("malformed Authorization header: {0}")]
    Syntax(String),
    /// A required parameter is missing.
    #[error("Authorization without {0}")]
    Missing(&'static str),
    /// An algorithm or qop this server does not do.
    #[error("unsupported digest {0}")]
    Unsupported(String),
}

/// The parameters of a `Digest` `Authorization` header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credentials {
    pub username: String,
    pub realm: String,
    pub nonce: String,
    /// The `uri` parameter exactly as sent (HA2 is computed over it).
    pub uri: String,
    /// 32 hex digits.
    pub response: String,
    /// `Some((cnonce, nc))` with `qop=auth`; `None` for an RFC 2069 answer.
    pub qop_auth: Option<(String, u32)>,
    /// The raw `nc` value (8 hex digits), as hashed.
    nc_text: String,
    pub opaque: Option<String>,
}

impl Credentials {
    /// Parses the value of an `Authorization` header.
    pub fn parse(value: &str) -> Result<Credentials, DigestError> {
        let value = value.trim();
        let (scheme, rest) = value
            .split_once(|c: char| c.is_ascii_whitespace())
            .ok_or_else(|| DigestError::Syntax("no parameters".to_owned()))?;
        if !scheme.eq_ignore_ascii_case("digest") {
            return Err(DigestError::Unsupported(format!("scheme {scheme}")));
        }
        let params = parse_params(rest)?;
        let get = |name: &str| {
            params
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.clone())
        };
        if let Some(algorithm) = get("algorithm")
            && !algorithm.eq_ignore_ascii_case("md5")
        {
            return Err(DigestError::Unsupported(format!("algorithm {algorithm}")));
        }
        let response = get("response").ok_or(DigestError::Missing("response"))?;
        if response.len() != 32 || !response.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(DigestError::Syntax(
                "response is not 32 hex digits".to_owned(),
            ));
        }
        let (qop_auth, nc_text) = match get("qop") {
            None => (None, String::new()),
            Some(qop) if qop.eq_ignore_ascii_case("auth") => {
                let cnonce = get("cnonce").ok_or(DigestError::Missing("cnonce"))?;
                let nc_text = get("nc").ok_or(DigestError::Missing("nc"))?;
                let nc = u32::from_str_radix(&nc_text, 16)
                    .ok()
                    .filter(|_| nc_text.len() == 8)
                    .ok_or_else(|| DigestError::Syntax(format!("nc={nc_text}")))?;
                (Some((cnonce, nc)), nc_text)
            }
            Some(qop) => return Err(DigestError::Unsupported(format!("qop {qop}"))),
        };
        Ok(Credentials {
            username: get("username").ok_or(DigestError::Missing("username"))?,
            realm: get("realm").ok_or(DigestError::Missing("realm"))?,
            nonce: get("nonce").ok_or(DigestError::Missing("nonce"))?,
            uri: get("uri").ok_or(DigestError::Missing("uri"))?,
            response: response.to_ascii_lowercase(),
            qop_auth,
            nc_text,
            opaque: get("opaque"),
        })
    }

    /// Whether the response is right for `ha1` and `method` (constant-time comparison).
    pub fn verify(&self, ha1: &Ha1, method: &str) -> bool {
        let ha2 = md5_hex(&format!("{method}:{}", self.uri));
        let expected = match &self.qop_auth {
            Some((cnonce, _)) => md5_hex(&format!(
                "{}:{}:{}:{cnonce}:auth:{ha2}",
                ha1.as_hex(),
                self.nonce,
                self.nc_text
            )),
            None => md5_hex(&format!("{}:{}:{ha2}", ha1.as_hex(), self.nonce)),
        };
        constant_time_eq(expected.as_bytes(), self.response.as_bytes())
    }
}

/// Splits `k=v, k="quoted, value"` into pairs.
fn parse_params(text: &str) -> Result<Vec<(String, String)>, DigestError> {
    let mut params = Vec::new();
    let mut chars = text.chars().peekable();
    loop {
        while chars
            .peek()
            .is_some_and(|c| c.is_ascii_whitespace() || *c == ',')
        {
            chars.next();
        }
        if chars.peek().is_none() {
            return Ok(params);
        }
        let mut name = String::new();
        while let Some(&c) = chars.peek() {
            if c == '=' || c.is_ascii_whitespace() {
                break;
            }
            name.push(c);
            chars.next();
        }
        while chars.peek().is_some_and(char::is_ascii_whitespace) {
            chars.next();
        }
        if chars.next() != Some('=') || name.is_empty() {
            return Err(DigestError::Syntax(format!("parameter {name:?}")));
        }
        while chars.peek().is_some_and(char::is_ascii_whitespace) {
            chars.next();
        }
        let mut value = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            loop {
                match chars.next() {
                    Some('"') => break,
                    Some('\\') => match chars.next() {
                        Some(c) => value.push(c),
                        None => return Err(DigestError::Syntax("unterminated quote".to_owned())),
                    },
                    Some(c) => value.push(c),
                    None => return Err(DigestError::Syntax("unterminated quote".to_owned())),
                }
            }
        } else {
            while let Some(&c) = chars.peek() {
                if c == ',' || c.is_ascii_whitespace() {
                    break;
                }
                value.push(c);
                chars.next();
            }
        }
        params.push((name, value));
    }
}

/// What a nonce check found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NonceCheck {
    /// Ours and within its lifetime.
    Fresh,
    /// Ours but older than its lifetime (or from the future): challenge again with
    /// `stale=true`.
    Stale,
    /// Not one of ours (another secret, or garbage).
    Foreign,
}

/// Issues and checks stateless nonces (see the module docs). `now` is seconds on any clock
/// that only moves forward for the life of the key (the registrar uses seconds since its own
/// start).
#[derive(Clone)]
pub struct NonceKey {
    secret: [u8; 16],
    lifetime: Duration,
}

impl fmt::Debug for NonceKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NonceKey")
            .field("lifetime", &self.lifetime)
            .finish_non_exhaustive()
    }
}

impl NonceKey {
    /// A key with a secret (draw it at random) and the nonces' lifetime.
    pub fn new(secret: [u8; 16], lifetime: Duration) -> NonceKey {
        NonceKey { secret, lifetime }
    }

    /// A nonce issued at `now` (seconds); `serial` makes nonces of the same second differ.
    pub fn issue(&self, now: u64, serial: u64) -> String {
        format!("{now:x}.{serial:x}.{}", self.mac(now, serial))
    }

    /// Whether `nonce` is ours and fresh at `now` (seconds).
    pub fn check(&self, nonce: &str, now: u64) -> NonceCheck {
        let mut parts = nonce.split('.');
        let (Some(issued), Some(serial), Some(mac), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return NonceCheck::Foreign;
        };
        let (Ok(issued), Ok(serial)) = (
            u64::from_str_radix(issued, 16),
            u64::from_str_radix(serial, 16),
        ) else {
            return NonceCheck::Foreign;
        };
        if !constant_time_eq(self.mac(issued, serial).as_bytes(), mac.as_bytes()) {
            return NonceCheck::Foreign;
        }
        match now.checked_sub(issued) {
            Some(age) if age <= self.lifetime.as_secs() => NonceCheck::Fresh,
            _ => NonceCheck::Stale,
        }
    }

    fn mac(&self, issued: u64, serial: u64) -> String {
        let mut hash = Md5::new();
        hash.update(self.secret);
        hash.update(issued.to_be_bytes());
        hash.update(serial.to_be_bytes());
        hash.update(self.secret);
        hex(&hash.finalize())
    }
}

/// The `WWW-Authenticate` header value of a challenge.
pub fn challenge(realm: &str, nonce: &str, stale: bool) -> String {
    let stale = if stale { ", stale=true" } else { "" };
    format!("Digest realm=\"{realm}\", nonce=\"{nonce}\", algorithm=MD5, qop=\"auth\"{stale}")
}

fn md5_hex(text: &str) -> String {
    hex(&Md5::digest(text.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Equal length and content, in time independent of where they differ.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 2617 §3.5's example (an HTTP GET; the algorithm is the same for SIP).
    #[test]
    fn the_rfc_2617_example_verifies() {
        let header = r#"Digest username="Mufasa",
                 realm="testrealm@host.com",
                 nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093",
                 uri="/dir/index.html",
                 qop=auth,
                 nc=00000001,
                 cnonce="0a4f113b",
                 response="6629fae49393a05397450978507c4ef1",
                 opaque="5ccc069c403ebaf9f0171e9517f40e41""#;
        let credentials = Credentials::parse(header).unwrap();
        assert_eq!(credentials.username, "Mufasa");
        assert_eq!(credentials.qop_auth, Some(("0a4f113b".to_owned(), 1)));
        let ha1 = Ha1::from_password("Mufasa", "testrealm@host.com", "Circle Of Life");
        assert!(credentials.verify(&ha1, "GET"));
        assert!(!credentials.verify(&ha1, "POST"));
        let wrong = Ha1::from_password("Mufasa", "testrealm@host.com", "circle of life");
        assert!(!credentials.verify(&wrong, "GET"));
    }

    /// RFC 2069 answers (no qop), as computed by rsipstack's client for the same inputs.
    #[test]
    fn an_answer_without_qop_verifies_like_rsipstack_computes_it() {
        let response = rsipstack::dialog::authenticate::compute_digest(
            "1001",
            "centralino-1001",
            "centralino",
            "abc.def",
            &rsipstack::sip::Method::Register,
            "sip:127.0.0.1:5060",
            rsipstack::sip::headers::auth::Algorithm::Md5,
            None,
        );
        let header = format!(
            "Digest username=\"1001\",realm=\"centralino\",nonce=\"abc.def\",\
             uri=\"sip:127.0.0.1:5060\",response=\"{response}\",algorithm=MD5"
        );
        let credentials = Credentials::parse(&header).unwrap();
        assert_eq!(credentials.qop_auth, None);
        let ha1 = Ha1::from_password("1001", "centralino", "centralino-1001");
        assert!(credentials.verify(&ha1, "REGISTER"));
        assert!(!credentials.verify(&ha1, "INVITE"));
    }

    #[test]
    fn unsupported_and_malformed_headers_are_refused() {
        let base = r#"username="a", realm="r", nonce="n", uri="sip:x", response="00000000000000000000000000000000""#;
        assert!(Credentials::parse(&format!("Digest {base}")).is_ok());
        assert!(matches!(
            Credentials::parse(&format!("Basic {base}")),
            Err(DigestError::Unsupported(_))
        ));
        assert!(matches!(
            Credentials::parse(&format!("Digest {base}, algorithm=SHA-256")),
            Err(DigestError::Unsupported(_))
        ));
        assert!(matches!(
            Credentials::parse(&format!(
                "Digest {base}, qop=auth-int, nc=00000001, cnonce=\"x\""
            )),
            Err(DigestError::Unsupported(_))
        ));
        assert!(matches!(
            Credentials::parse(&format!("Digest {base}, qop=auth, cnonce=\"x\"")),
            Err(DigestError::Missing("nc"))
        ));
        assert!(matches!(
            Credentials::parse(&format!("Digest {base}, qop=auth, nc=1, cnonce=\"x\"")),
            Err(DigestError::Syntax(_))
        ));
        assert!(matches!(
            Credentials::parse(r#"Digest username="a", realm="r", nonce="n", uri="sip:x""#),
            Err(DigestError::Missing("response"))
        ));
        assert!(matches!(
            Credentials::parse(r#"Digest username="a"#),
            Err(DigestError::Syntax(_))
        ));
        assert!(Credentials::parse("Digest").is_err());
        assert!(Credentials::parse("").is_err());
        assert!(Credentials::parse("Digest ===,,,").is_err());
    }

    #[test]
    fn nonces_are_fresh_then_stale_and_other_keys_nonces_are_foreign() {
        let key = NonceKey::new([7; 16], Duration::from_secs(30));
        let nonce = key.issue(1_000, 1);
        assert_ne!(nonce, key.issue(1_000, 2));
        assert_eq!(key.check(&key.issue(1_000, 2), 1_000), NonceCheck::Fresh);
        assert_eq!(key.check(&nonce, 1_000), NonceCheck::Fresh);
        assert_eq!(key.check(&nonce, 1_030), NonceCheck::Fresh);
        assert_eq!(key.check(&nonce, 1_031), NonceCheck::Stale);
        assert_eq!(key.check(&nonce, 999), NonceCheck::Stale);
        let other = NonceKey::new([8; 16], Duration::from_secs(30));
        assert_eq!(other.check(&nonce, 1_000), NonceCheck::Foreign);
        // The issue time and serial are covered by the MAC: they cannot be changed.
        let mac = nonce.rsplit('.').next().unwrap();
        assert_eq!(
            key.check(&format!("{:x}.1.{mac}", 1_020), 1_040),
            NonceCheck::Foreign
        );
        assert_eq!(
            key.check(&format!("3e8.2.{mac}"), 1_000),
            NonceCheck::Foreign
        );
        assert_eq!(key.check(&format!("{nonce}.1"), 1_000), NonceCheck::Foreign);
        for junk in ["", ".", "zz.zz", "3e8", "3e8.", "x.y.z", "3e8.1.", "..."] {
            assert_eq!(key.check(junk, 1_000), NonceCheck::Foreign, "{junk:?}");
        }
    }

    #[test]
    fn ha1_parses_hex_only_and_hides_itself() {
        let ha1 = Ha1::from_password("1001", "centralino", "centralino-1001");
        assert_eq!(
            Ha1::parse(&ha1.as_hex().to_ascii_uppercase()),
            Some(ha1.clone())
        );
        assert_eq!(Ha1::parse("xyz"), None);
        assert_eq!(Ha1::parse(&"g".repeat(32)), None);
        assert_eq!(format!("{ha1:?}"), "Ha1(…)");
        // MD5("Mufasa:testrealm@host.com:Circle Of Life"), RFC 2617 §3.5.
        assert_eq!(
            Ha1::from_password("Mufasa", "testrealm@host.com", "Circle Of Life").as_hex(),
            "939e7578ed9e3c518a452acee763bce9"
        );
    }

    #[test]
    fn the_challenge_names_realm_nonce_and_staleness() {
        assert_eq!(
            challenge("centralino", "n1", false),
            r#"Digest realm="centralino", nonce="n1", algorithm=MD5, qop="auth""#
        );
        assert!(challenge("centralino", "n1", true).ends_with(", stale=true"));
    }
}
