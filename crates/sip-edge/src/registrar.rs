//! The registrar for agent phones (RFC 3261 §10.3), sans-IO: a REGISTER's fields and the
//! extension's HA1 in, what to answer out; bindings per extension with their expiry. Time is
//! an argument (`now`), nothing here reads a clock or touches a socket.
//!
//! What it answers, in this order:
//! - `400` for a REGISTER without an extension (To user), with an unreadable `Contact`,
//!   `Expires` or `Authorization`, or a `*` Contact that is not alone with `Expires: 0`;
//! - `404` for an extension the host does not know (no HA1);
//! - `401` with a fresh challenge when there is no `Authorization`, it is for another realm,
//!   uses an algorithm we do not do, carries a nonce that is not ours, or replays an answer
//!   already accepted (phones such as baresip answer every challenge with `nc=00000001` and
//!   a new `cnonce`, so a replay is the same response, not a repeated count); `401` with `stale=true` when the answer is right but the nonce has expired;
//! - `403` when the answer is wrong or names another user than the extension;
//! - `423` (with `Min-Expires`) when a binding asks for less than the minimum (not 0);
//! - `200` with every binding of the extension and its remaining seconds.
//!
//! Expiry: a contact's `expires` parameter, else the `Expires` header, else the default;
//! clamped to the maximum; `0` removes that binding, `Contact: *` with `Expires: 0` removes
//! them all. A binding past its expiry is gone for every query.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use crate::digest::{self, Credentials, DigestError, Ha1, NonceCheck, NonceKey};

/// How the registrar behaves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistrarConfig {
    /// The digest realm (HA1s are computed with it).
    pub realm: String,
    /// Shortest registration accepted, in seconds (shorter: 423).
    pub min_expires: u32,
    /// Longest registration granted, in seconds (longer requests are shortened).
    pub max_expires: u32,
    /// Registration length when the phone asks for none, in seconds.
    pub default_expires: u32,
    /// How long a nonce is accepted before the phone is told it is stale.
    pub nonce_lifetime: Duration,
}

/// The realm agent phones' HA1s are made with unless configured otherwise.
pub const DEFAULT_REALM: &str = "centralino";

impl Default for RegistrarConfig {
    fn default() -> RegistrarConfig {
        RegistrarConfig {
            realm: DEFAULT_REALM.to_owned(),
            min_expires: 60,
            max_expires: 3_600,
            default_expires: 3_600,
            nonce_lifetime: Duration::from_secs(300),
        }
    }
}

/// One registered contact of an extension, as the host sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registration {
    /// The extension (the To user of the REGISTER), e.g. `1001`.
    pub extension: String,
    /// Where to send INVITEs: the Contact URI as registered.
    pub contact: String,
    /// Where the REGISTER came from.
    pub source: SocketAddr,
    /// The phone's `User-Agent`, if it sent one.
    pub user_agent: Option<String>,
    /// Time left before the binding expires.
    pub expires_in: Duration,
}

/// A REGISTER, as far as the registrar reads it (raw header values).
#[derive(Debug, Clone, Copy)]
pub(crate) struct RegisterRequest<'a> {
    /// The To URI's user part.
    pub(crate) extension: &'a str,
    /// Every `Contact` header value (each may list several contacts).
    pub(crate) contacts: &'a [String],
    /// The `Expires` header value.
    pub(crate) expires: Option<&'a str>,
    /// The `Authorization` header value.
    pub(crate) authorization: Option<&'a str>,
    pub(crate) source: SocketAddr,
    pub(crate) user_agent: Option<&'a str>,
}

/// What to answer a REGISTER.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RegisterOutcome {
    /// 200 OK: the extension's bindings (URI, seconds left), for `Contact` headers.
    Registered(Vec<(String, u32)>),
    /// 401 with this `WWW-Authenticate` value.
    Challenge(String),
    /// 403: wrong credentials.
    Forbidden,
    /// 404: no such extension.
    NotFound,
    /// 423 with `Min-Expires`.
    IntervalTooBrief(u32),
    /// 400, and why.
    BadRequest(String),
}

#[derive(Debug, Clone)]
struct Binding {
    contact: String,
    expires_at: Instant,
    updated_at: Instant,
    source: SocketAddr,
    user_agent: Option<String>,
}

/// The registrar's state: bindings and the nonce counts seen.
#[derive(Debug)]
pub(crate) struct Registrar {
    config: RegistrarConfig,
    key: NonceKey,
    /// Nonce seconds count from here.
    epoch: Instant,
    bindings: HashMap<String, Vec<Binding>>,
    /// Digest responses accepted within a nonce's lifetime, and when: the same response again
    /// is a replay (a phone computes a new one with a new `cnonce` or `nc`).
    used: HashMap<String, Instant>,
    /// Makes every challenge's nonce different.
    challenges: u64,
}

impl Registrar {
    /// A registrar whose nonces are keyed with `secret` (random), started at `now`.
    pub(crate) fn new(config: RegistrarConfig, secret: [u8; 16], now: Instant) -> Registrar {
        let key = NonceKey::new(secret, config.nonce_lifetime);
        Registrar {
            config,
            key,
            epoch: now,
            bindings: HashMap::new(),
            used: HashMap::new(),
            challenges: 0,
        }
    }

    pub(crate) fn realm(&self) -> &str {
        &self.config.realm
    }

    fn seconds(&self, now: Instant) -> u64 {
        now.saturating_duration_since(self.epoch).as_secs()
    }

    fn challenge(&mut self, now: Instant, stale: bool) -> RegisterOutcome {
        self.challenges += 1;
        let nonce = self.key.issue(self.seconds(now), self.challenges);
        RegisterOutcome::Challenge(digest::challenge(&self.config.realm, &nonce, stale))
    }

    /// Answers a REGISTER; `ha1` is the extension's credential (`None`: unknown extension).
    pub(crate) fn register(
        &mut self,
        request: &RegisterRequest<'_>,
        ha1: Option<&Ha1>,
        now: Instant,
    ) -> RegisterOutcome {
        self.purge(now);
        let extension = request.extension;
        if extension.is_empty() {
            return RegisterOutcome::BadRequest("no extension in To".to_owned());
        }
        let Some(ha1) = ha1 else {
            return RegisterOutcome::NotFound;
        };
        if let Some(outcome) = self.authenticate(request, ha1, now) {
            return outcome;
        }
        self.update(request, now)
    }

    /// `None` when the request is authenticated; else what to answer.
    fn authenticate(
        &mut self,
        request: &RegisterRequest<'_>,
        ha1: &Ha1,
        now: Instant,
    ) -> Option<RegisterOutcome> {
        let Some(header) = request.authorization else {
            return Some(self.challenge(now, false));
        };
        let credentials = match Credentials::parse(header) {
            Ok(c) => c,
            // Another algorithm or qop: offer ours.
            Err(DigestError::Unsupported(_)) => return Some(self.challenge(now, false)),
            Err(e) => return Some(RegisterOutcome::BadRequest(e.to_string())),
        };
        if credentials.realm != self.config.realm {
            return Some(self.challenge(now, false));
        }
        let nonce = self.key.check(&credentials.nonce, self.seconds(now));
        if nonce == NonceCheck::Foreign {
            return Some(self.challenge(now, false));
        }
        if credentials.username != request.extension || !credentials.verify(ha1, "REGISTER") {
            return Some(RegisterOutcome::Forbidden);
        }
        if nonce == NonceCheck::Stale {
            return Some(self.challenge(now, true));
        }
        if self.used.insert(credentials.response, now).is_some() {
            // Replayed: make the phone compute a new answer.
            return Some(self.challenge(now, false));
        }
        None
    }

    fn update(&mut self, request: &RegisterRequest<'_>, now: Instant) -> RegisterOutcome {
        let header_expires = match request.expires.map(str::trim) {
            None => None,
            Some(text) => match text.parse::<u32>() {
                Ok(v) => Some(v),
                // RFC 3261 §20.19: a value too large to read is 2^32-1.
                Err(_) if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) => {
                    Some(u32::MAX)
                }
                Err(_) => return RegisterOutcome::BadRequest(format!("Expires: {text}")),
            },
        };
        let mut contacts = Vec::new();
        for value in request.contacts {
            match parse_contacts(value) {
                Ok(list) => contacts.extend(list),
                Err(e) => return RegisterOutcome::BadRequest(e),
            }
        }
        let extension = request.extension.to_owned();
        if contacts.iter().any(|c| matches!(c, ContactSpec::Star)) {
            if contacts.len() != 1 || header_expires != Some(0) {
                return RegisterOutcome::BadRequest(
                    "Contact: * must be alone and with Expires: 0".to_owned(),
                );
            }
            self.bindings.remove(&extension);
            return RegisterOutcome::Registered(Vec::new());
        }
        // Check everything before changing anything.
        let mut changes = Vec::new();
        for contact in contacts {
            let ContactSpec::Uri { uri, expires } = contact else {
                continue;
            };
            let asked = expires
                .or(header_expires)
                .unwrap_or(self.config.default_expires);
            if asked != 0 && asked < self.config.min_expires {
                return RegisterOutcome::IntervalTooBrief(self.config.min_expires);
            }
            changes.push((uri, asked.min(self.config.max_expires)));
        }
        let list = self.bindings.entry(extension.clone()).or_default();
        for (uri, seconds) in changes {
            list.retain(|b| b.contact != uri);
            if seconds > 0 {
                list.push(Binding {
                    contact: uri,
                    expires_at: now + Duration::from_secs(u64::from(seconds)),
                    updated_at: now,
                    source: request.source,
                    user_agent: request.user_agent.map(str::to_owned),
                });
            }
        }
        let current = list
            .iter()
            .map(|b| (b.contact.clone(), seconds_left(b.expires_at, now)))
            .collect();
        if list.is_empty() {
            self.bindings.remove(&extension);
        }
        RegisterOutcome::Registered(current)
    }

    /// Forgets expired bindings and the responses of expired nonces.
    fn purge(&mut self, now: Instant) {
        self.bindings.retain(|_, list| {
            list.retain(|b| b.expires_at > now);
            !list.is_empty()
        });
        let keep = self.config.nonce_lifetime;
        self.used
            .retain(|_, at| now.saturating_duration_since(*at) <= keep);
    }

    /// Every live binding, by extension then contact.
    pub(crate) fn registrations(&mut self, now: Instant) -> Vec<Registration> {
        self.purge(now);
        let mut all: Vec<Registration> = self
            .bindings
            .iter()
            .flat_map(|(extension, list)| {
                list.iter().map(move |b| Registration {
                    extension: extension.clone(),
                    contact: b.contact.clone(),
                    source: b.source,
                    user_agent: b.user_agent.clone(),
                    expires_in: b.expires_at.saturating_duration_since(now),
                })
            })
            .collect();
        all.sort_by(|a, b| (&a.extension, &a.contact).cmp(&(&b.extension, &b.contact)));
        all
    }

    /// The contact to call an extension on: the binding refreshed last.
    pub(crate) fn target(&mut self, extension: &str, now: Instant) -> Option<String> {
        self.purge(now);
        self.bindings
            .get(extension)?
            .iter()
            .max_by_key(|b| b.updated_at)
            .map(|b| b.contact.clone())
    }
}

fn seconds_left(at: Instant, now: Instant) -> u32 {
    u32::try_from(at.saturating_duration_since(now).as_secs()).unwrap_or(u32::MAX)
}

/// One entry of a Contact header.
#[derive(Debug, Clone, PartialEq, Eq)]
enum ContactSpec {
    Star,
    Uri { uri: String, expires: Option<u32> },
}

/// Splits a Contact header value into its contacts: `*`, `<uri>;params`, `"Name" <uri>;params`
/// or a bare `sip:uri;params` (whose parameters are the header's, RFC 3261 §20.10).
fn parse_contacts(value: &str) -> Result<Vec<ContactSpec>, String> {
    let mut parts = Vec::new();
    let (mut quoted, mut angle, mut start) = (false, false, 0);
    for (i, c) in value.char_indices() {
        match c {
            '"' if !angle => quoted = !quoted,
            '<' if !quoted => angle = true,
            '>' if !quoted => angle = false,
            ',' if !quoted && !angle => {
                parts.push(&value[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    if quoted || angle {
        return Err(format!("Contact: {value}"));
    }
    parts.push(&value[start..]);
    parts
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(parse_contact)
        .collect()
}

fn parse_contact(text: &str) -> Result<ContactSpec, String> {
    if text == "*" {
        return Ok(ContactSpec::Star);
    }
    let bad = || format!("Contact: {text}");
    let (uri, params) = match (text.find('<'), text.rfind('>')) {
        (Some(open), Some(close)) if open < close => (&text[open + 1..close], &text[close + 1..]),
        (None, None) => text.split_once(';').unwrap_or((text, "")),
        _ => return Err(bad()),
    };
    let uri = uri.trim();
    let scheme = uri.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
    let rest = uri.split_once(':').map_or("", |(_, r)| r);
    if !matches!(scheme.as_deref(), Some("sip" | "sips")) || rest.is_empty() {
        return Err(bad());
    }
    let mut expires = None;
    for param in params.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let (name, value) = param.split_once('=').unwrap_or((param, ""));
        if name.trim().eq_ignore_ascii_case("expires") {
            let value = value.trim().trim_matches('"');
            expires = Some(match value.parse::<u32>() {
                Ok(v) => v,
                Err(_) if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) => {
                    u32::MAX
                }
                Err(_) => return Err(bad()),
            });
        }
    }
    Ok(ContactSpec::Uri {
        uri: uri.to_owned(),
        expires,
    })
}

#[cfg(test)]
mod tests;
