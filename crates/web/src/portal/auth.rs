//! Citizen login through an identity provider (R-AUTH-1): the [`IdentityProvider`] interface,
//! the demo provider, and the login, callback and logout pages.
//!
//! A login has two halves. [`IdentityProvider::start`] says where to send the browser and gives
//! an opaque pending state that the session keeps; [`IdentityProvider::finish`] takes that state
//! and what came back (the callback's query for OpenID Connect, the form for the demo) and
//! answers with a [`VerifiedCitizen`], or refuses. The session is then signed in (new id, new CSRF
//! token).
//!
//! The demo provider lets anyone pick one of a short list of synthetic citizens, with no proof at
//! all. It exists only when the server runs in demo mode; otherwise its pages answer 403 and say
//! why. A citizen signed in through it is labelled "demo" beside their name.

use std::collections::BTreeMap;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Form, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use domain::{Pii, TaxCode};
use jiff::Timestamp;
use subtle::ConstantTimeEq;

use super::oidc::OidcProvider;
use super::view::{self, Layout, Nav};
use super::{PortalConfig, portal, safe_next};
use crate::WebState;
use crate::session::{CitizenLogin, CitizenPrincipal, Principal};

/// A future an identity provider returns.
pub type ProviderFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// The session value that keeps a login in progress (`provider:state`).
const PENDING: &str = "login.pending";
/// The session value with the page to show after login.
pub(crate) const AFTER_LOGIN: &str = "login.after";

/// Who the provider says the citizen is.
#[derive(Clone, PartialEq, Eq)]
pub struct VerifiedCitizen {
    pub tax_code: TaxCode,
    /// Given and family name, when the provider tells them.
    pub display_name: Option<String>,
    pub login: CitizenLogin,
}

impl fmt::Debug for VerifiedCitizen {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VerifiedCitizen")
            .field("tax_code", &Pii::new(self.tax_code.as_str()))
            .field("login", &self.login)
            .finish_non_exhaustive()
    }
}

/// Where a login starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoginStart {
    /// Where to send the browser.
    pub redirect_to: String,
    /// What the session keeps until the callback (never shown to the browser).
    pub pending: String,
}

/// Why a login failed.
#[derive(Debug, thiserror::Error)]
pub enum LoginError {
    #[error("this login is not configured on this server")]
    NotConfigured,
    #[error("the demo login works only when the server runs in demo mode")]
    DemoRefused,
    #[error("the login answer does not belong to a login started here")]
    StateMismatch,
    #[error("the identity provider refused or failed: {0}")]
    Provider(String),
    #[error("the identity provider did not give a valid tax code: {0}")]
    NoTaxCode(String),
}

/// A way for citizens to prove who they are.
pub trait IdentityProvider: Send + Sync + fmt::Debug {
    /// `oidc` or `demo`: names the pending login in the session.
    fn id(&self) -> &'static str;

    /// Starts a login.
    fn start(&self) -> ProviderFuture<'_, Result<LoginStart, LoginError>>;

    /// Finishes a login from the pending state and what came back.
    fn finish<'a>(
        &'a self,
        pending: &'a str,
        answer: &'a BTreeMap<String, String>,
    ) -> ProviderFuture<'a, Result<VerifiedCitizen, LoginError>>;
}

/// A synthetic citizen the demo login offers.
#[derive(Clone, PartialEq, Eq)]
pub struct DemoIdentity {
    /// What makes them interesting ("speaks Arabic", …).
    pub label: String,
    pub tax_code: TaxCode,
}

impl fmt::Debug for DemoIdentity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DemoIdentity")
            .field("label", &self.label)
            .field("tax_code", &Pii::new(self.tax_code.as_str()))
            .finish()
    }
}

/// The demo provider: the picker page is the "provider", the form its answer.
#[derive(Debug)]
pub(crate) struct DemoProvider {
    citizens: Vec<DemoIdentity>,
}

impl IdentityProvider for DemoProvider {
    fn id(&self) -> &'static str {
        "demo"
    }

    fn start(&self) -> ProviderFuture<'_, Result<LoginStart, LoginError>> {
        Box::pin(async move {
            let mut bytes = [0_u8; 16];
            rand::Rng::fill_bytes(&mut rand::rng(), &mut bytes);
            let state: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
            Ok(LoginStart {
                redirect_to: "/portal/login/demo".to_owned(),
                pending: state,
            })
        })
    }

    fn finish<'a>(
        &'a self,
        pending: &'a str,
        answer: &'a BTreeMap<String, String>,
    ) -> ProviderFuture<'a, Result<VerifiedCitizen, LoginError>> {
        Box::pin(async move {
            let state = answer.get("state").map(String::as_str).unwrap_or("");
            if !same(state, pending) {
                return Err(LoginError::StateMismatch);
            }
            let chosen = answer
                .get("citizen")
                .and_then(|c| c.trim().parse::<usize>().ok())
                .and_then(|i| self.citizens.get(i))
                .ok_or_else(|| LoginError::Provider("no such demo citizen".to_owned()))?;
            Ok(VerifiedCitizen {
                tax_code: chosen.tax_code.clone(),
                display_name: None,
                login: CitizenLogin::Demo,
            })
        })
    }
}

/// Constant-time equality of two texts.
pub(crate) fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

/// The providers this server offers.
#[derive(Debug)]
pub(crate) struct Providers {
    pub(crate) demo: Option<Arc<DemoProvider>>,
    pub(crate) oidc: Option<Arc<OidcProvider>>,
}

impl Providers {
    pub(crate) fn new(config: &PortalConfig) -> Providers {
        Providers {
            demo: config.demo.then(|| {
                Arc::new(DemoProvider {
                    citizens: config.demo_citizens.clone(),
                })
            }),
            oidc: config.oidc.clone().map(|c| Arc::new(OidcProvider::new(c))),
        }
    }

    fn by_id(&self, id: &str) -> Option<Arc<dyn IdentityProvider>> {
        match id {
            "demo" => self.demo.clone().map(|p| p as Arc<dyn IdentityProvider>),
            "oidc" => self.oidc.clone().map(|p| p as Arc<dyn IdentityProvider>),
            _ => None,
        }
    }
}

pub(super) fn router() -> Router<WebState> {
    Router::new()
        .route("/portal/login", get(login_page))
        .route("/portal/login/demo", get(demo_page).post(demo_login))
        .route("/portal/login/oidc", get(oidc_start))
        .route("/portal/login/callback", get(oidc_callback))
        .route("/portal/logout", post(logout))
}

#[derive(Template, WebTemplate)]
#[template(path = "portal/login.html")]
struct LoginPage {
    l: Layout,
    oidc: bool,
    demo: bool,
}

async fn login_page(State(state): State<WebState>, l: Layout) -> Response {
    let providers = &portal(&state).providers;
    LoginPage {
        oidc: providers.oidc.is_some(),
        demo: providers.demo.is_some(),
        l: l.with_nav(Nav::Login, "login-title"),
    }
    .into_response()
}

/// One line of the demo picker.
struct DemoChoice {
    index: usize,
    label: String,
    name: String,
    tax_code: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "portal/login_demo.html")]
struct DemoPage {
    l: Layout,
    state: String,
    choices: Vec<DemoChoice>,
}

fn demo_refused(l: Layout) -> Response {
    let body = l.t("demo-refused-body");
    view::message(
        l,
        StatusCode::FORBIDDEN,
        "demo-refused",
        "demo-refused-title",
        body,
    )
}

/// The demo picker: a short list of synthetic citizens (403 unless in demo mode).
async fn demo_page(State(state): State<WebState>, l: Layout) -> Response {
    let Some(demo) = portal(&state).providers.demo.clone() else {
        return demo_refused(l);
    };
    let start = match demo.start().await {
        Ok(start) => start,
        Err(e) => return login_failed(l, &e),
    };
    l.session
        .set_value(PENDING, Some(format!("demo:{}", start.pending)));
    let mut choices = Vec::new();
    for (index, who) in demo.citizens.iter().enumerate() {
        let name = match state.store.citizens().by_tax_code(&who.tax_code).await {
            Ok(Some(c)) => format!("{} {}", c.data.given_name, c.data.surname),
            _ => continue,
        };
        choices.push(DemoChoice {
            index,
            label: who.label.clone(),
            name,
            tax_code: who.tax_code.as_str().to_owned(),
        });
    }
    DemoPage {
        l: l.with_nav(Nav::Login, "demo-login-title"),
        state: start.pending,
        choices,
    }
    .into_response()
}

async fn demo_login(
    State(state): State<WebState>,
    l: Layout,
    Form(answer): Form<BTreeMap<String, String>>,
) -> Response {
    if portal(&state).providers.demo.is_none() {
        return demo_refused(l);
    }
    finish_login(&state, l, "demo", &answer).await
}

/// Starts an OpenID Connect login: to the provider's authorization page.
async fn oidc_start(State(state): State<WebState>, l: Layout) -> Response {
    let Some(oidc) = portal(&state).providers.oidc.clone() else {
        return login_failed(l, &LoginError::NotConfigured);
    };
    match oidc.start().await {
        Ok(start) => {
            l.session
                .set_value(PENDING, Some(format!("oidc:{}", start.pending)));
            Redirect::to(&start.redirect_to).into_response()
        }
        Err(e) => login_failed(l, &e),
    }
}

/// The provider sends the browser back here with `code` and `state` (or `error`).
async fn oidc_callback(
    State(state): State<WebState>,
    l: Layout,
    Query(answer): Query<BTreeMap<String, String>>,
) -> Response {
    if let Some(error) = answer.get("error") {
        return login_failed(l, &LoginError::Provider(error.clone()));
    }
    finish_login(&state, l, "oidc", &answer).await
}

async fn finish_login(
    state: &WebState,
    l: Layout,
    provider_id: &str,
    answer: &BTreeMap<String, String>,
) -> Response {
    let pending = l.session.take_value(PENDING).unwrap_or_default();
    let Some(pending) = pending
        .strip_prefix(provider_id)
        .and_then(|p| p.strip_prefix(':'))
    else {
        return login_failed(l, &LoginError::StateMismatch);
    };
    let Some(provider) = portal(state).providers.by_id(provider_id) else {
        return login_failed(l, &LoginError::NotConfigured);
    };
    let verified = match provider.finish(pending, answer).await {
        Ok(v) => v,
        Err(e) => return login_failed(l, &e),
    };
    let display_name = match verified.display_name.clone() {
        Some(name) => name,
        None => match state.store.citizens().by_tax_code(&verified.tax_code).await {
            Ok(Some(c)) => format!("{} {}", c.data.given_name, c.data.surname),
            _ => verified.tax_code.as_str().to_owned(),
        },
    };
    let now = Timestamp::now();
    let principal = Principal::Citizen(CitizenPrincipal {
        tax_code: verified.tax_code.clone(),
        display_name,
        login: verified.login,
    });
    if !l.session.sign_in(principal, now) {
        return login_failed(l, &LoginError::StateMismatch);
    }
    let event = store::NewAuditEvent {
        actor: "portal".to_owned(),
        action: "portal.login".to_owned(),
        subject: Some(verified.tax_code.as_str().to_owned()),
        detail: format!("provider {provider_id}"),
    };
    if let Err(e) = state.store.audit().record(now, &event).await {
        tracing::error!(error = %e, "auditing a portal login");
    }
    tracing::info!(tax_code = %Pii::new(verified.tax_code.as_str()), provider = provider_id, "citizen signed in");
    let next = l
        .session
        .take_value(AFTER_LOGIN)
        .unwrap_or_else(|| "/portal".to_owned());
    Redirect::to(safe_next(&next)).into_response()
}

fn login_failed(l: Layout, error: &LoginError) -> Response {
    tracing::info!(%error, "portal login failed");
    let (status, key) = match error {
        LoginError::NotConfigured => (StatusCode::NOT_FOUND, "login-not-configured"),
        LoginError::DemoRefused => (StatusCode::FORBIDDEN, "demo-refused-body"),
        LoginError::StateMismatch => (StatusCode::BAD_REQUEST, "login-state-mismatch"),
        LoginError::Provider(_) => (StatusCode::BAD_GATEWAY, "login-provider-failed"),
        LoginError::NoTaxCode(_) => (StatusCode::FORBIDDEN, "login-no-tax-code"),
    };
    let body = l.t(key);
    view::message(l, status, "login-failed", "login-failed-title", body)
}

async fn logout(State(state): State<WebState>, l: Layout) -> Response {
    if let Some(citizen) = l.citizen() {
        let event = store::NewAuditEvent {
            actor: "portal".to_owned(),
            action: "portal.logout".to_owned(),
            subject: Some(citizen.tax_code.as_str().to_owned()),
            detail: String::new(),
        };
        if let Err(e) = state.store.audit().record(Timestamp::now(), &event).await {
            tracing::error!(error = %e, "auditing a portal logout");
        }
    }
    l.session.sign_out();
    Redirect::to("/portal").into_response()
}
