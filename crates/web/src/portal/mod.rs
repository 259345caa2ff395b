//! The citizen portal under `/portal` (R-AUTH-1, R-AUTH-2, R-CHAN-6, R-SELF-4..10): MyINPS
//! (telephone PIN), INPS Risponde, appointments, applications, documents sent home, and the
//! public contact page with the PDF guide.
//!
//! Server-rendered (askama templates under `templates/portal/`, Bootstrap Italia, htmx where it
//! saves a round trip); every text comes from the Fluent catalogues of [`i18n`], in the eight
//! languages, Arabic right to left. Pages run under the [`crate::session`] layer: every form
//! carries the session's CSRF token, and the pages with personal data need a signed-in citizen
//! ([`auth`]: OpenID Connect, or the demo provider in demo mode only). Personal data never
//! appears in a URL (tax codes, phone numbers travel in POST bodies or come from the session),
//! and every page that shows a citizen's data records a `data.viewed` audit event first.

mod appointments;
mod auth;
mod contact;
mod documents;
mod guide;
pub(crate) mod i18n;
mod oidc;
mod pin;
mod risponde;
mod view;

use std::sync::Arc;

use axum::Router;
use axum::extract::Form;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use domain::{Language, TaxCode};
use jiff::Timestamp;
use serde::Deserialize;

use crate::WebState;
use crate::session::{self, SessionConfig, SessionLayer};

pub use auth::{
    DemoIdentity, IdentityProvider, LoginError, LoginStart, ProviderFuture, VerifiedCitizen,
};
pub use oidc::{OidcConfig, OidcProvider};

pub(crate) use view::{Layout, Nav};

/// A number on the contact page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContactNumber {
    pub number: String,
    pub kind: NumberKind,
    pub toll_free: bool,
}

/// What a number is for (R-CHAN-1..3, 5).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NumberKind {
    /// From Italian landlines (R-CHAN-1).
    Landline,
    /// From mobiles (R-CHAN-2).
    Mobile,
    /// A toll-free number from abroad; ISO country code (R-CHAN-3).
    International { country: String },
    /// The Certificazione Unica number, open only in its campaign's calendar (R-CHAN-5).
    Campaign { calendar: String },
}

/// Which service a calendar on the contact page times.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HoursKind {
    /// Agents in Italian (R-HOURS-1).
    Agents,
    /// Bilingual agents (R-HOURS-2).
    ForeignAgents,
    /// The automated services (R-HOURS-3).
    Automated,
    /// The Certificazione Unica campaign (R-CHAN-5).
    Campaign,
}

impl HoursKind {
    pub(crate) fn key(self) -> &'static str {
        match self {
            HoursKind::Agents => "hours-agents",
            HoursKind::ForeignAgents => "hours-foreign",
            HoursKind::Automated => "hours-automated",
            HoursKind::Campaign => "hours-campaign",
        }
    }
}

/// How the portal runs in this deployment.
#[derive(Clone, Debug)]
pub struct PortalConfig {
    /// Demo mode: the database holds the synthetic demo population. The demo login is refused
    /// unless this is true, and every page says "demo" while it is.
    pub demo: bool,
    /// Who the demo login offers (label, tax code).
    pub demo_citizens: Vec<DemoIdentity>,
    /// The real login, when configured.
    pub oidc: Option<OidcConfig>,
    pub session: SessionConfig,
    /// When no cookie or browser preference says otherwise.
    pub default_language: Language,
    pub numbers: Vec<ContactNumber>,
    /// Calendars on the contact page, in order.
    pub hours: Vec<(String, HoursKind)>,
    /// The calendar of the Certificazione Unica campaign, for the documents page.
    pub cu_calendar: Option<String>,
}

impl Default for PortalConfig {
    /// No demo, no login configured, default sessions, Italian, no numbers.
    fn default() -> Self {
        PortalConfig {
            demo: false,
            demo_citizens: Vec::new(),
            oidc: None,
            session: SessionConfig::default(),
            default_language: Language::Italian,
            numbers: Vec::new(),
            hours: Vec::new(),
            cu_calendar: None,
        }
    }
}

/// The portal's shared state.
#[derive(Debug)]
pub(crate) struct Portal {
    pub(crate) config: PortalConfig,
    pub(crate) sessions: SessionLayer,
    pub(crate) providers: auth::Providers,
}

impl Portal {
    pub(crate) fn new(config: PortalConfig) -> Portal {
        let default_language = config.default_language;
        let sessions =
            SessionLayer::new(config.session.clone()).with_rejection(Arc::new(move |parts| {
                view::csrf_rejected(&parts.headers, default_language)
            }));
        let providers = auth::Providers::new(&config);
        Portal {
            config,
            sessions,
            providers,
        }
    }
}

pub(crate) fn router(state: &WebState) -> Router<WebState> {
    let pages = Router::new()
        .route("/portal", get(home))
        .route("/portal/language", post(set_language))
        .merge(auth::router())
        .merge(pin::router())
        .merge(risponde::router())
        .merge(appointments::router())
        .merge(documents::router())
        .merge(contact::router())
        .layer(axum::middleware::from_fn_with_state(
            state.portal.sessions.clone(),
            session::middleware,
        ))
        .layer(axum::middleware::from_fn(security_headers));
    Router::new().merge(pages)
}

/// Headers every portal page carries: no framing, no sniffing, no referrer beyond the origin,
/// and a content security policy that allows only this server's scripts, styles and fonts
/// (Bootstrap Italia's components set inline styles, hence `style-src 'unsafe-inline'`).
async fn security_headers(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
             img-src 'self' data:; font-src 'self'; form-action 'self' https:; \
             frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    response
}

/// The portal's home: the sections of MyINPS for a signed-in citizen, the way in otherwise.
async fn home(layout: Layout) -> Response {
    view::HomePage {
        l: layout.with_nav(Nav::Home, "home-title"),
    }
    .into_response()
}

#[derive(Deserialize)]
struct LanguageForm {
    lang: String,
    /// Where to go back to: a path on this site.
    #[serde(default)]
    next: String,
}

/// The language switch: remembers the choice in the `lang` cookie for a year.
async fn set_language(headers: HeaderMap, Form(form): Form<LanguageForm>) -> Response {
    let Some(lang) = i18n::parse_code(form.lang.trim()) else {
        return (StatusCode::UNPROCESSABLE_ENTITY, "unknown language").into_response();
    };
    let next = safe_next(&form.next);
    let secure = if session::secure_request(session::CookieSecurity::ForwardedProto, &headers) {
        "; Secure"
    } else {
        ""
    };
    let cookie = format!(
        "{}={}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly{secure}",
        i18n::LANG_COOKIE,
        lang.code()
    );
    let mut response = Redirect::to(next).into_response();
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

/// A local path to return to; anything else (another site, `//host`) is the portal's home.
pub(crate) fn safe_next(next: &str) -> &str {
    let ok = next.starts_with("/portal")
        && !next.starts_with("//")
        && !next.contains('\\')
        && next.bytes().all(|b| b.is_ascii_graphic());
    if ok { next } else { "/portal" }
}

/// The signed-in citizen's tax code, or a redirect to the login page (which comes back here).
/// (The redirect is the handler's whole answer, so its size does not matter.)
#[allow(clippy::result_large_err)]
pub(crate) fn citizen_of(layout: &Layout) -> Result<TaxCode, Response> {
    match layout.citizen() {
        Some(c) => Ok(c.tax_code.clone()),
        None => {
            if layout.path != "/portal/logout" {
                layout
                    .session
                    .set_value(auth::AFTER_LOGIN, Some(layout.path.clone()));
            }
            Err(Redirect::to("/portal/login").into_response())
        }
    }
}

/// Records that the signed-in citizen's `what` was shown (DESIGN §6). A failure to audit fails
/// the page: data is never shown unaudited.
#[allow(clippy::result_large_err)]
pub(crate) async fn audit_view(
    state: &WebState,
    l: &Layout,
    tax_code: &TaxCode,
    what: &str,
    now: Timestamp,
) -> Result<(), Response> {
    let event = store::NewAuditEvent {
        actor: "portal".to_owned(),
        action: "data.viewed".to_owned(),
        subject: Some(tax_code.as_str().to_owned()),
        detail: what.to_owned(),
    };
    state
        .store
        .audit()
        .record(now, &event)
        .await
        .map(|_| ())
        .map_err(|e| view::server_error(l.clone(), &e))
}

/// The portal's state from the router state.
pub(crate) fn portal(state: &WebState) -> &Portal {
    &state.portal
}
