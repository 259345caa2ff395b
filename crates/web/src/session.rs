//! Cookie sessions for the pages people sign in to: the citizen portal now, the staff pages
//! (agents, office workers, supervisors) later.
//!
//! Sessions live on the server ([`Sessions`], a sans-IO table: every call takes `now`); the
//! browser only holds a random id (256 bits from the OS-seeded CSPRNG) in a cookie that is
//! `HttpOnly`, `SameSite` (Lax by default, Strict on request) and `Secure` when the server is
//! behind TLS ([`CookieSecurity`]). A session expires after [`SessionConfig::idle_timeout`]
//! without a request and, whatever the activity, after [`SessionConfig::absolute_timeout`].
//! Signing in replaces the session id and the CSRF token (no session fixation); signing out
//! removes the session.
//!
//! Every session, signed in or not, has a CSRF token. The [`middleware`] checks it on every
//! request with an unsafe method (POST, PUT, PATCH, DELETE) before the handler runs: the form
//! field [`CSRF_FIELD`] of an `application/x-www-form-urlencoded` body, or the header
//! [`CSRF_HEADER`] (htmx, scripts), compared in constant time. A missing or wrong token is
//! answered by the layer's rejection page (403) and the handler never sees the request. Every
//! response under the layer carries `Cache-Control: no-store`: pages with personal data are never
//! cached.
//!
//! The signed-in party is a [`Principal`]: a citizen (identified by tax code through an identity
//! provider) or a staff member (user id and roles). Handlers reach the session through the
//! [`CurrentSession`] extractor.
//!
//! Sessions are kept in memory: a restart signs everybody out. At most
//! [`SessionConfig::max_sessions`] exist at once; when full, expired ones are purged and then the
//! least recently used is dropped.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use domain::{Pii, TaxCode};
use jiff::{SignedDuration, Timestamp};
use rand::CryptoRng;
use subtle::ConstantTimeEq;

/// The form field that carries the CSRF token.
pub const CSRF_FIELD: &str = "csrf";
/// The header that may carry the CSRF token instead (htmx requests, scripts).
pub const CSRF_HEADER: &str = "x-csrf-token";
/// The largest form body the CSRF check reads.
pub const MAX_FORM_BYTES: usize = 64 * 1024;

/// When the session cookie is marked `Secure`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CookieSecurity {
    /// Always (the server itself or everything in front of it speaks TLS).
    Always,
    /// Never (plain HTTP, development and tests).
    Never,
    /// When the request says it came over TLS through a proxy: `X-Forwarded-Proto: https`.
    /// Only for a server that a TLS-terminating proxy alone can reach.
    ForwardedProto,
}

/// The cookie's `SameSite` attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SameSite {
    /// Sent on top-level navigation from other sites (needed for an OpenID Connect return).
    Lax,
    /// Never sent from other sites.
    Strict,
}

impl SameSite {
    fn as_str(self) -> &'static str {
        match self {
            SameSite::Lax => "Lax",
            SameSite::Strict => "Strict",
        }
    }
}

/// How sessions behave.
#[derive(Clone, Debug)]
pub struct SessionConfig {
    pub cookie_name: String,
    /// A session unused for this long is gone.
    pub idle_timeout: SignedDuration,
    /// A session older than this is gone, however active.
    pub absolute_timeout: SignedDuration,
    pub secure: CookieSecurity,
    pub same_site: SameSite,
    /// The most sessions kept at once.
    pub max_sessions: usize,
}

impl Default for SessionConfig {
    /// `centralino_session`, 30 minutes idle, 12 hours at most, `Secure` behind a TLS proxy,
    /// `SameSite=Lax`, 100 000 sessions.
    fn default() -> Self {
        SessionConfig {
            cookie_name: "centralino_session".to_owned(),
            idle_timeout: SignedDuration::from_mins(30),
            absolute_timeout: SignedDuration::from_hours(12),
            secure: CookieSecurity::ForwardedProto,
            same_site: SameSite::Lax,
            max_sessions: 100_000,
        }
    }
}

/// A session id: 64 hex digits. `Debug` shows only its first four.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct SessionId(String);

impl SessionId {
    fn random(rng: &mut impl CryptoRng) -> SessionId {
        SessionId(random_hex(rng))
    }

    /// The id as the cookie holds it.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Parses a cookie value; anything but 64 lowercase hex digits is no id.
    pub fn parse(text: &str) -> Option<SessionId> {
        (text.len() == 64 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')))
            .then(|| SessionId(text.to_owned()))
    }
}

impl fmt::Debug for SessionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SessionId({}…)", &self.0[..4.min(self.0.len())])
    }
}

/// 256 random bits as 64 lowercase hex digits.
fn random_hex(rng: &mut impl CryptoRng) -> String {
    let mut bytes = [0_u8; 32];
    rng.fill_bytes(&mut bytes);
    let mut out = String::with_capacity(64);
    for b in bytes {
        out.push(char::from(b"0123456789abcdef"[usize::from(b >> 4)]));
        out.push(char::from(b"0123456789abcdef"[usize::from(b & 15)]));
    }
    out
}

/// How a citizen proved who they are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CitizenLogin {
    /// An OpenID Connect provider (SPID, CIE or CNS behind it).
    OpenIdConnect(services::pins::StrongIdentity),
    /// The demo provider: picked from a list, no proof at all. Only in demo mode.
    Demo,
}

/// A signed-in citizen.
#[derive(Clone, PartialEq, Eq)]
pub struct CitizenPrincipal {
    pub tax_code: TaxCode,
    /// Name as shown in the page header.
    pub display_name: String,
    pub login: CitizenLogin,
}

impl fmt::Debug for CitizenPrincipal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CitizenPrincipal")
            .field("tax_code", &Pii::new(self.tax_code.as_str()))
            .field("login", &self.login)
            .finish_non_exhaustive()
    }
}

/// A signed-in member of staff (agents, office workers, supervisors, administrators).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaffPrincipal {
    pub user: String,
    /// Role names as the staff module defines them (`agent`, `supervisor`, …).
    pub roles: Vec<String>,
}

impl StaffPrincipal {
    pub fn has_role(&self, role: &str) -> bool {
        self.roles.iter().any(|r| r == role)
    }
}

/// Who a session belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Principal {
    Citizen(CitizenPrincipal),
    Staff(StaffPrincipal),
}

impl Principal {
    pub fn citizen(&self) -> Option<&CitizenPrincipal> {
        match self {
            Principal::Citizen(c) => Some(c),
            Principal::Staff(_) => None,
        }
    }

    pub fn staff(&self) -> Option<&StaffPrincipal> {
        match self {
            Principal::Staff(s) => Some(s),
            Principal::Citizen(_) => None,
        }
    }
}

/// One session as the table holds it. `Debug` hides the token and the values.
#[derive(Clone)]
pub struct Session {
    id: SessionId,
    csrf: String,
    principal: Option<Principal>,
    created_at: Timestamp,
    last_seen: Timestamp,
    /// Small values a flow keeps between requests (e.g. a pending sign-in's PKCE verifier).
    values: BTreeMap<String, String>,
}

impl fmt::Debug for Session {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Session")
            .field("id", &self.id)
            .field("principal", &self.principal)
            .field("created_at", &self.created_at)
            .field("last_seen", &self.last_seen)
            .field("values", &self.values.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

impl Session {
    pub fn id(&self) -> &SessionId {
        &self.id
    }

    /// The CSRF token every form of this session must send back.
    pub fn csrf_token(&self) -> &str {
        &self.csrf
    }

    pub fn principal(&self) -> Option<&Principal> {
        self.principal.as_ref()
    }

    pub fn created_at(&self) -> Timestamp {
        self.created_at
    }

    pub fn last_seen(&self) -> Timestamp {
        self.last_seen
    }

    pub fn value(&self, key: &str) -> Option<&str> {
        self.values.get(key).map(String::as_str)
    }

    /// Whether `token` is this session's CSRF token (constant-time).
    pub fn csrf_matches(&self, token: &str) -> bool {
        let (a, b) = (self.csrf.as_bytes(), token.as_bytes());
        a.len() == b.len() && bool::from(a.ct_eq(b))
    }
}

/// What [`Sessions::resume`] found for a cookie.
#[derive(Clone, Debug)]
pub enum Resumed {
    /// A live session (its last use is now `now`).
    Live(Session),
    /// The session existed but expired (idle or too old) and is now removed.
    Expired,
    /// No such session.
    Unknown,
}

/// The session table: sans-IO, every operation takes `now`.
pub struct Sessions {
    config: SessionConfig,
    table: HashMap<SessionId, Session>,
}

impl fmt::Debug for Sessions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sessions")
            .field("config", &self.config)
            .field("sessions", &self.table.len())
            .finish()
    }
}

impl Sessions {
    pub fn new(config: SessionConfig) -> Sessions {
        Sessions {
            config,
            table: HashMap::new(),
        }
    }

    pub fn config(&self) -> &SessionConfig {
        &self.config
    }

    pub fn len(&self) -> usize {
        self.table.len()
    }

    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }

    /// A new anonymous session.
    pub fn start(&mut self, now: Timestamp, rng: &mut impl CryptoRng) -> Session {
        if self.table.len() >= self.config.max_sessions {
            self.purge(now);
        }
        while self.table.len() >= self.config.max_sessions.max(1) {
            let oldest = self
                .table
                .values()
                .min_by_key(|s| s.last_seen)
                .map(|s| s.id.clone());
            match oldest {
                Some(id) => {
                    self.table.remove(&id);
                }
                None => break,
            }
        }
        let session = Session {
            id: SessionId::random(rng),
            csrf: random_hex(rng),
            principal: None,
            created_at: now,
            last_seen: now,
            values: BTreeMap::new(),
        };
        self.table.insert(session.id.clone(), session.clone());
        session
    }

    fn expired(&self, session: &Session, now: Timestamp) -> bool {
        now.duration_since(session.last_seen) >= self.config.idle_timeout
            || now.duration_since(session.created_at) >= self.config.absolute_timeout
    }

    /// The session with this id, if it is still live; its last use becomes `now`.
    pub fn resume(&mut self, id: &SessionId, now: Timestamp) -> Resumed {
        let expired = match self.table.get(id) {
            None => return Resumed::Unknown,
            Some(session) => self.expired(session, now),
        };
        if expired {
            self.table.remove(id);
            return Resumed::Expired;
        }
        match self.table.get_mut(id) {
            Some(session) => {
                session.last_seen = session.last_seen.max(now);
                Resumed::Live(session.clone())
            }
            None => Resumed::Unknown,
        }
    }

    /// Signs `principal` in on session `id`: the session gets a new id and a new CSRF token
    /// (the old id stops working); its values are kept. `None` if `id` is not live.
    pub fn sign_in(
        &mut self,
        id: &SessionId,
        principal: Principal,
        now: Timestamp,
        rng: &mut impl CryptoRng,
    ) -> Option<Session> {
        let mut session = self.table.remove(id)?;
        if self.expired(&session, now) {
            return None;
        }
        session.id = SessionId::random(rng);
        session.csrf = random_hex(rng);
        session.principal = Some(principal);
        session.created_at = now;
        session.last_seen = now;
        self.table.insert(session.id.clone(), session.clone());
        Some(session)
    }

    /// Removes the session; false if there was none.
    pub fn end(&mut self, id: &SessionId) -> bool {
        self.table.remove(id).is_some()
    }

    /// Sets (`Some`) or removes (`None`) a value of session `id`; false if there is no session.
    pub fn set_value(&mut self, id: &SessionId, key: &str, value: Option<String>) -> bool {
        let Some(session) = self.table.get_mut(id) else {
            return false;
        };
        match value {
            Some(v) => session.values.insert(key.to_owned(), v),
            None => session.values.remove(key),
        };
        true
    }

    /// Drops every expired session; returns how many.
    pub fn purge(&mut self, now: Timestamp) -> usize {
        let before = self.table.len();
        let (idle, absolute) = (self.config.idle_timeout, self.config.absolute_timeout);
        self.table.retain(|_, s| {
            now.duration_since(s.last_seen) < idle && now.duration_since(s.created_at) < absolute
        });
        before - self.table.len()
    }
}

/// Makes the response for a request refused by the CSRF check.
pub type RejectionPage = Arc<dyn Fn(&Parts) -> Response + Send + Sync>;

/// The shared session table and how the layer answers a refused form: the state of
/// [`middleware`]. Cheap to clone.
#[derive(Clone)]
pub struct SessionLayer {
    sessions: Arc<Mutex<Sessions>>,
    rejection: RejectionPage,
}

impl fmt::Debug for SessionLayer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SessionLayer")
            .field("sessions", &self.sessions)
            .finish_non_exhaustive()
    }
}

impl SessionLayer {
    /// A layer over a new table; refused forms get a plain 403 page.
    pub fn new(config: SessionConfig) -> SessionLayer {
        SessionLayer {
            sessions: Arc::new(Mutex::new(Sessions::new(config))),
            rejection: Arc::new(|_| {
                (
                    StatusCode::FORBIDDEN,
                    "This form has expired or did not come from this site: reload the page and try again.",
                )
                    .into_response()
            }),
        }
    }

    /// The same layer answering refused forms with `page` (status included).
    pub fn with_rejection(mut self, page: RejectionPage) -> SessionLayer {
        self.rejection = page;
        self
    }

    fn with_table<T>(&self, f: impl FnOnce(&mut Sessions) -> T) -> T {
        // A poisoned lock only means another request panicked mid-update; the table is still
        // a valid map.
        let mut table = self
            .sessions
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        f(&mut table)
    }

    /// How many sessions exist now.
    pub fn count(&self) -> usize {
        self.with_table(|t| t.len())
    }
}

/// What happened to the cookie during a request.
#[derive(Clone, Debug, PartialEq, Eq)]
enum CookieChange {
    Set(SessionId),
    Clear,
}

/// The request's session, for handlers: read it, sign in, sign out, keep small values.
#[derive(Clone, Debug)]
pub struct CurrentSession {
    layer: SessionLayer,
    state: Arc<Mutex<SessionState>>,
}

#[derive(Debug)]
struct SessionState {
    session: Option<Session>,
    /// The request's cookie named a session that had expired.
    expired: bool,
    change: Option<CookieChange>,
}

impl CurrentSession {
    fn state<T>(&self, f: impl FnOnce(&mut SessionState) -> T) -> T {
        let mut state = self
            .state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        f(&mut state)
    }

    /// The session as it is now (`None` after [`CurrentSession::sign_out`]).
    pub fn session(&self) -> Option<Session> {
        self.state(|s| s.session.clone())
    }

    pub fn principal(&self) -> Option<Principal> {
        self.state(|s| s.session.as_ref().and_then(|x| x.principal.clone()))
    }

    /// The CSRF token to put in forms (empty after sign-out).
    pub fn csrf_token(&self) -> String {
        self.state(|s| {
            s.session
                .as_ref()
                .map(|x| x.csrf.clone())
                .unwrap_or_default()
        })
    }

    /// True when the browser came back with a session that had expired.
    pub fn was_expired(&self) -> bool {
        self.state(|s| s.expired)
    }

    /// Signs `principal` in: new session id and CSRF token, sent back as a new cookie.
    pub fn sign_in(&self, principal: Principal, now: Timestamp) -> bool {
        let Some(id) = self.state(|s| s.session.as_ref().map(|x| x.id.clone())) else {
            return false;
        };
        let mut rng = rand::rng();
        let Some(session) = self
            .layer
            .with_table(|t| t.sign_in(&id, principal, now, &mut rng))
        else {
            return false;
        };
        self.state(|s| {
            s.change = Some(CookieChange::Set(session.id.clone()));
            s.session = Some(session);
            s.expired = false;
        });
        true
    }

    /// Ends the session and clears the cookie.
    pub fn sign_out(&self) {
        let id = self.state(|s| {
            s.change = Some(CookieChange::Clear);
            s.session.take().map(|x| x.id)
        });
        if let Some(id) = id {
            self.layer.with_table(|t| t.end(&id));
        }
    }

    pub fn value(&self, key: &str) -> Option<String> {
        self.state(|s| {
            s.session
                .as_ref()
                .and_then(|x| x.value(key).map(str::to_owned))
        })
    }

    /// Sets (`Some`) or removes (`None`) a value kept with the session.
    pub fn set_value(&self, key: &str, value: Option<String>) {
        let Some(id) = self.state(|s| {
            let session = s.session.as_mut()?;
            match &value {
                Some(v) => session.values.insert(key.to_owned(), v.clone()),
                None => session.values.remove(key),
            };
            Some(session.id.clone())
        }) else {
            return;
        };
        self.layer.with_table(|t| t.set_value(&id, key, value));
    }

    /// Removes a value and gives it back.
    pub fn take_value(&self, key: &str) -> Option<String> {
        let value = self.value(key);
        if value.is_some() {
            self.set_value(key, None);
        }
        value
    }
}

/// The session layer's extractor is missing: a wiring bug, answered as 500.
#[derive(Debug)]
pub struct NoSessionLayer;

impl IntoResponse for NoSessionLayer {
    fn into_response(self) -> Response {
        tracing::error!("a handler asked for the session outside the session layer");
        StatusCode::INTERNAL_SERVER_ERROR.into_response()
    }
}

impl<S: Send + Sync> FromRequestParts<S> for CurrentSession {
    type Rejection = NoSessionLayer;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<CurrentSession>()
            .cloned()
            .ok_or(NoSessionLayer)
    }
}

/// The value of cookie `name` in the request's `Cookie` headers.
pub fn cookie_value<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim())
}

/// Whether a cookie set in answer to this request should be `Secure`.
pub fn secure_request(security: CookieSecurity, headers: &HeaderMap) -> bool {
    match security {
        CookieSecurity::Always => true,
        CookieSecurity::Never => false,
        CookieSecurity::ForwardedProto => headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("https")),
    }
}

fn is_unsafe(method: &Method) -> bool {
    !matches!(
        *method,
        Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE
    )
}

/// The CSRF token a request carries: the header, else the form field of a urlencoded body
/// (the body is read, at most [`MAX_FORM_BYTES`], and put back). `Err` when the body is too big
/// or unreadable.
async fn carried_token(request: Request) -> Result<(Option<String>, Request), ()> {
    if let Some(token) = request
        .headers()
        .get(CSRF_HEADER)
        .and_then(|v| v.to_str().ok())
    {
        let token = token.to_owned();
        return Ok((Some(token), request));
    }
    let is_form = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return Ok((None, request));
    }
    let (parts, body) = request.into_parts();
    let bytes = axum::body::to_bytes(body, MAX_FORM_BYTES)
        .await
        .map_err(|_| ())?;
    let token = serde_urlencoded::from_bytes::<Vec<(String, String)>>(&bytes)
        .ok()
        .and_then(|fields| {
            fields
                .into_iter()
                .find(|(k, _)| k == CSRF_FIELD)
                .map(|(_, v)| v)
        });
    Ok((token, Request::from_parts(parts, Body::from(bytes))))
}

fn set_cookie(config: &SessionConfig, change: &CookieChange, secure: bool) -> Option<HeaderValue> {
    let secure = if secure { "; Secure" } else { "" };
    let same_site = config.same_site.as_str();
    let text = match change {
        CookieChange::Set(id) => format!(
            "{}={}; Path=/; HttpOnly; SameSite={same_site}{secure}",
            config.cookie_name,
            id.as_str()
        ),
        CookieChange::Clear => format!(
            "{}=; Path=/; Max-Age=0; HttpOnly; SameSite={same_site}{secure}",
            config.cookie_name
        ),
    };
    HeaderValue::from_str(&text).ok()
}

/// The session layer (`axum::middleware::from_fn_with_state(layer, session::middleware)`):
/// finds or starts the request's session, refuses unsafe requests without the session's CSRF
/// token, hands [`CurrentSession`] to the handler, and sets or clears the cookie.
pub async fn middleware(
    State(layer): State<SessionLayer>,
    request: Request,
    next: Next,
) -> Response {
    let now = Timestamp::now();
    let config = layer.with_table(|t| t.config().clone());
    let secure = secure_request(config.secure, request.headers());
    let cookie = cookie_value(request.headers(), &config.cookie_name).and_then(SessionId::parse);
    let (session, expired, fresh) = layer.with_table(|table| {
        let mut rng = rand::rng();
        let resumed = match &cookie {
            Some(id) => table.resume(id, now),
            None => Resumed::Unknown,
        };
        match resumed {
            Resumed::Live(session) => (session, false, false),
            Resumed::Expired => (table.start(now, &mut rng), true, true),
            Resumed::Unknown => (table.start(now, &mut rng), false, true),
        }
    });

    let request = if is_unsafe(request.method()) {
        let (token, request) = match carried_token(request).await {
            Ok(found) => found,
            Err(()) => {
                return (StatusCode::PAYLOAD_TOO_LARGE, "form too large").into_response();
            }
        };
        // A fresh session has a token nobody has seen: any token is wrong.
        let accepted = !fresh && token.as_deref().is_some_and(|t| session.csrf_matches(t));
        if !accepted {
            tracing::info!(
                method = %request.method(),
                path = %request.uri().path(),
                expired,
                "form refused: missing or wrong CSRF token"
            );
            let (parts, _) = request.into_parts();
            let mut response = (layer.rejection)(&parts);
            finish(
                &mut response,
                &config,
                fresh.then(|| CookieChange::Set(session.id.clone())),
                secure,
            );
            return response;
        }
        request
    } else {
        request
    };

    let current = CurrentSession {
        layer: layer.clone(),
        state: Arc::new(Mutex::new(SessionState {
            change: fresh.then(|| CookieChange::Set(session.id.clone())),
            session: Some(session),
            expired,
        })),
    };
    let mut request = request;
    request.extensions_mut().insert(current.clone());
    let mut response = next.run(request).await;
    let change = current.state(|s| s.change.clone());
    finish(&mut response, &config, change, secure);
    response
}

fn finish(
    response: &mut Response,
    config: &SessionConfig,
    change: Option<CookieChange>,
    secure: bool,
) {
    if let Some(value) = change.and_then(|c| set_cookie(config, &c, secure)) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
}

#[cfg(test)]
mod tests;
