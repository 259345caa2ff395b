//! What every portal page shares: the [`Layout`] (language and direction, the words, the
//! session's CSRF token, who is signed in, the demo label, the navigation), the home page, and
//! the error pages.

use std::sync::Arc;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use domain::Language;

use super::i18n::{self, Words};
use crate::WebState;
use crate::session::{CitizenLogin, CitizenPrincipal, CurrentSession};

/// The session value holding a one-time notice for the next page (`key` or `key|argument`).
pub(crate) const FLASH: &str = "flash";

/// The navigation entries; the current one is marked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Nav {
    Home,
    Pin,
    Risponde,
    Appointments,
    Applications,
    Documents,
    Contact,
    Login,
}

impl Nav {
    fn id(self) -> &'static str {
        match self {
            Nav::Home => "home",
            Nav::Pin => "pin",
            Nav::Risponde => "risponde",
            Nav::Appointments => "appointments",
            Nav::Applications => "applications",
            Nav::Documents => "documents",
            Nav::Contact => "contact",
            Nav::Login => "login",
        }
    }
}

/// A language in the switch.
#[derive(Clone, Debug)]
pub(crate) struct LanguageChoice {
    pub(crate) code: &'static str,
    pub(crate) name: &'static str,
    pub(crate) current: bool,
}

/// Everything the base template needs; extracted from each request.
#[derive(Clone, Debug)]
pub(crate) struct Layout {
    pub(crate) words: Words,
    pub(crate) session: CurrentSession,
    pub(crate) citizen: Option<CitizenPrincipal>,
    pub(crate) demo: bool,
    pub(crate) path: String,
    pub(crate) nav: Nav,
    pub(crate) title_key: &'static str,
    pub(crate) flash: Option<String>,
    pub(crate) expired: bool,
    pub(crate) bootstrap_italia: &'static str,
    pub(crate) htmx: &'static str,
}

impl FromRequestParts<WebState> for Layout {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &WebState,
    ) -> Result<Self, Self::Rejection> {
        let session = CurrentSession::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let portal = super::portal(state);
        let lang = i18n::language(&parts.headers, portal.config.default_language);
        let catalog = i18n::catalog().map_err(|e| {
            tracing::error!(error = %e, "portal catalogue");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        })?;
        let citizen = session.principal().and_then(|p| p.citizen().cloned());
        let flash = if parts.method == axum::http::Method::GET
            && !parts.headers.contains_key("hx-request")
        {
            session.take_value(FLASH)
        } else {
            None
        };
        Ok(Layout {
            words: Words::new(lang, catalog),
            expired: session.was_expired(),
            session,
            citizen,
            demo: portal.config.demo,
            path: parts.uri.path().to_owned(),
            nav: Nav::Home,
            title_key: "home-title",
            flash,
            bootstrap_italia: crate::assets::BOOTSTRAP_ITALIA,
            htmx: crate::assets::HTMX,
        })
    }
}

impl Layout {
    /// The same layout for page `nav` titled by message `title_key`.
    pub(crate) fn with_nav(mut self, nav: Nav, title_key: &'static str) -> Layout {
        self.nav = nav;
        self.title_key = title_key;
        self
    }

    pub(crate) fn citizen(&self) -> Option<&CitizenPrincipal> {
        self.citizen.as_ref()
    }

    pub(crate) fn lang(&self) -> Language {
        self.words.lang()
    }

    // ── for templates ──

    pub(crate) fn t(&self, id: &str) -> String {
        self.words.t(id)
    }

    pub(crate) fn t1(&self, id: &str, name: &str, value: &str) -> String {
        self.words.t1(id, name, value)
    }

    pub(crate) fn lang_code(&self) -> &'static str {
        self.words.lang().code()
    }

    pub(crate) fn dir(&self) -> &'static str {
        self.words.dir()
    }

    pub(crate) fn title(&self) -> String {
        self.words.t(self.title_key)
    }

    pub(crate) fn csrf(&self) -> String {
        self.session.csrf_token()
    }

    pub(crate) fn signed_in(&self) -> bool {
        self.citizen.is_some()
    }

    pub(crate) fn user_name(&self) -> String {
        self.citizen
            .as_ref()
            .map(|c| c.display_name.clone())
            .unwrap_or_default()
    }

    /// True when the signed-in citizen came through the demo provider.
    pub(crate) fn demo_login(&self) -> bool {
        self.citizen
            .as_ref()
            .is_some_and(|c| c.login == CitizenLogin::Demo)
    }

    /// `page` for the current navigation entry (for `aria-current`), else empty.
    pub(crate) fn current(&self, id: &str) -> &'static str {
        if self.nav.id() == id { "page" } else { "" }
    }

    /// `active` for the current navigation entry.
    pub(crate) fn active(&self, id: &str) -> &'static str {
        if self.nav.id() == id { "active" } else { "" }
    }

    pub(crate) fn languages(&self) -> Vec<LanguageChoice> {
        Language::ALL
            .into_iter()
            .map(|l| LanguageChoice {
                code: l.code(),
                name: l.native_name(),
                current: l == self.words.lang(),
            })
            .collect()
    }

    /// The one-time notice, rendered.
    pub(crate) fn flash_text(&self) -> String {
        match self.flash.as_deref() {
            None => String::new(),
            Some(text) => match text.split_once('|') {
                Some((key, arg)) => self.words.t1(key, "value", arg),
                None => self.words.t(text),
            },
        }
    }

    pub(crate) fn has_flash(&self) -> bool {
        self.flash.is_some()
    }

    /// Leaves a one-time notice for the next page.
    pub(crate) fn set_flash(&self, key: &str, arg: Option<&str>) {
        let value = match arg {
            Some(a) => format!("{key}|{a}"),
            None => key.to_owned(),
        };
        self.session.set_value(FLASH, Some(value));
    }

    pub(crate) fn icon(&self, name: &str) -> String {
        format!("{}/svg/sprites.svg#{name}", self.bootstrap_italia)
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "portal/home.html")]
pub(crate) struct HomePage {
    pub(crate) l: Layout,
}

#[derive(Template)]
#[template(path = "portal/message.html")]
pub(crate) struct MessagePage {
    pub(crate) l: Layout,
    /// Message keys.
    pub(crate) heading: &'static str,
    pub(crate) body: String,
    pub(crate) id: &'static str,
}

/// A page that only says something (refusals, errors), with its status.
pub(crate) fn message(
    l: Layout,
    status: StatusCode,
    id: &'static str,
    heading: &'static str,
    body: String,
) -> Response {
    let page = MessagePage {
        l: l.with_nav(Nav::Home, heading),
        heading,
        body,
        id,
    };
    match page.render() {
        Ok(html) => (status, axum::response::Html(html)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "rendering a message page");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// A back-office failure: logged, and a page saying the service is not available now (500 for
/// internal errors, 503 otherwise).
pub(crate) fn server_error(
    l: Layout,
    error: &(impl services::ServiceFailure + std::fmt::Display + ?Sized),
) -> Response {
    tracing::error!(error = %error, code = error.code(), "portal page failed");
    let status = if error.kind() == services::ErrorKind::Unavailable {
        StatusCode::SERVICE_UNAVAILABLE
    } else {
        StatusCode::INTERNAL_SERVER_ERROR
    };
    let body = l.t("error-body");
    message(l, status, "server-error", "error-title", body)
}

/// The answer to a form without the session's CSRF token: 403, in the request's language, with
/// a way back.
pub(crate) fn csrf_rejected(headers: &HeaderMap, default: Language) -> Response {
    let lang = i18n::language(headers, default);
    let Ok(catalog) = i18n::catalog() else {
        return StatusCode::FORBIDDEN.into_response();
    };
    let words = Words::new(lang, Arc::clone(&catalog));
    let page = format!(
        "<!doctype html><html lang=\"{code}\" dir=\"{dir}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><link rel=\"stylesheet\" href=\"{bi}/css/bootstrap-italia.min.css\">\
         </head><body><main class=\"container my-5\" id=\"main\"><h1 id=\"csrf-refused\">{title}</h1>\
         <p>{body}</p><p><a href=\"/portal\">{back}</a></p></main></body></html>",
        code = lang.code(),
        dir = words.dir(),
        title = html_escape(&words.t("csrf-title")),
        body = html_escape(&words.t("csrf-body")),
        back = html_escape(&words.t("back-home")),
        bi = crate::assets::BOOTSTRAP_ITALIA,
    );
    (StatusCode::FORBIDDEN, axum::response::Html(page)).into_response()
}

pub(crate) fn html_escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for ch in value.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
