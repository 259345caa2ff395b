//! MyINPS → INPS contact → telephone PIN (R-AUTH-1, R-AUTH-2): the PIN's status, a new PIN
//! valid one day, one week, one month or three months (shown once, with its expiry), and
//! revoking it.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Form, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use jiff::Timestamp;
use serde::Deserialize;
use services::ServiceFailure;
use services::pins::{self, PinStatus, PinValidity, StrongIdentity};

use super::view::{Layout, Nav};
use super::{audit_view, citizen_of};
use crate::WebState;
use crate::session::CitizenLogin;

pub(super) fn router() -> Router<WebState> {
    Router::new()
        .route("/portal/pin", get(page).post(generate))
        .route("/portal/pin/revoke", post(revoke))
}

/// A validity choice on the form.
struct Choice {
    code: &'static str,
    key: &'static str,
}

const CHOICES: [Choice; 4] = [
    Choice {
        code: "1d",
        key: "pin-validity-1d",
    },
    Choice {
        code: "1w",
        key: "pin-validity-1w",
    },
    Choice {
        code: "1m",
        key: "pin-validity-1m",
    },
    Choice {
        code: "3m",
        key: "pin-validity-3m",
    },
];

/// The PIN's state as the page shows it.
enum Shown {
    None,
    Active {
        expires: String,
        issued: String,
        validity_key: &'static str,
        locked_until: Option<String>,
        attempts_left: String,
    },
    Expired {
        expired: String,
    },
}

#[derive(Template, WebTemplate)]
#[template(path = "portal/pin.html")]
struct PinPage {
    l: Layout,
    status: Shown,
    choices: &'static [Choice],
    /// The new PIN and its expiry, only in the answer that made it.
    new_pin: Option<(String, String)>,
    error: Option<String>,
}

fn validity_key(validity: PinValidity) -> &'static str {
    match validity {
        PinValidity::OneDay => "pin-validity-1d",
        PinValidity::OneWeek => "pin-validity-1w",
        PinValidity::OneMonth => "pin-validity-1m",
        PinValidity::ThreeMonths => "pin-validity-3m",
    }
}

/// An instant as date and time in the institute's zone, in the page's language.
pub(super) fn when(l: &Layout, state: &WebState, at: Timestamp) -> String {
    let zoned = at.to_zoned_datetime(state.back_office.zone.clone());
    format!(
        "{} {:02}:{:02}",
        l.words.date(zoned.date()),
        zoned.hour(),
        zoned.minute()
    )
}

async fn render(
    state: &WebState,
    l: Layout,
    new_pin: Option<(String, String)>,
    error: Option<String>,
) -> Response {
    let tax_code = match citizen_of(&l) {
        Ok(code) => code,
        Err(redirect) => return redirect,
    };
    let now = Timestamp::now();
    let status = match pins::status(&state.store, &tax_code, now).await {
        Ok(status) => status,
        Err(e) => return super::view::server_error(l, &e),
    };
    if let Err(response) = audit_view(state, &l, &tax_code, "phone PIN status", now).await {
        return response;
    }
    let status = match status {
        PinStatus::None => Shown::None,
        PinStatus::Expired { expired_at } => Shown::Expired {
            expired: when(&l, state, expired_at),
        },
        PinStatus::Active {
            issued_at,
            expires_at,
            validity,
            locked_until,
            attempts_left,
            ..
        } => Shown::Active {
            expires: when(&l, state, expires_at),
            issued: when(&l, state, issued_at),
            validity_key: validity_key(validity),
            locked_until: locked_until.map(|u| when(&l, state, u)),
            attempts_left: attempts_left.to_string(),
        },
    };
    PinPage {
        l: l.with_nav(Nav::Pin, "pin-title"),
        status,
        choices: &CHOICES,
        new_pin,
        error,
    }
    .into_response()
}

async fn page(State(state): State<WebState>, l: Layout) -> Response {
    render(&state, l, None, None).await
}

#[derive(Deserialize)]
struct GenerateForm {
    #[serde(default)]
    validity: String,
}

/// Generates a PIN and shows it once (never stored in clear, never in a URL, not cached).
async fn generate(
    State(state): State<WebState>,
    l: Layout,
    Form(form): Form<GenerateForm>,
) -> Response {
    let Some(citizen) = l.citizen().cloned() else {
        return Redirect::to("/portal/login").into_response();
    };
    let validity = match pins::parse_validity(form.validity.trim()) {
        Ok(v) => v,
        Err(_) => {
            let error = l.t("pin-choose-validity");
            let mut response = render(&state, l, None, Some(error)).await;
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            return response;
        }
    };
    // The demo login proves nothing; its PINs are recorded as issued after a SPID login so the
    // audit trail stays in the store's vocabulary, and the session says "demo".
    let identity = match citizen.login {
        CitizenLogin::OpenIdConnect(identity) => identity,
        CitizenLogin::Demo => StrongIdentity::Spid,
    };
    let now = Timestamp::now();
    // A CSPRNG seeded from the OS now (the thread RNG itself cannot be held across the await).
    let mut rng = {
        let mut seed = rand::rng();
        <rand::rngs::StdRng as rand::SeedableRng>::from_rng(&mut seed)
    };
    let issued = pins::issue(
        &state.store,
        &citizen.tax_code,
        validity,
        identity,
        now,
        &mut rng,
    )
    .await;
    match issued {
        Ok(issued) => {
            let expires = when(&l, &state, issued.expires_at());
            render(&state, l, Some((issued.pin().to_owned(), expires)), None).await
        }
        Err(e) => {
            let error = match e.code() {
                "citizen_not_found" => l.t("pin-not-on-file"),
                _ => return super::view::server_error(l, &e),
            };
            render(&state, l, None, Some(error)).await
        }
    }
}

async fn revoke(State(state): State<WebState>, l: Layout) -> Response {
    let tax_code = match citizen_of(&l) {
        Ok(code) => code,
        Err(redirect) => return redirect,
    };
    match pins::revoke(&state.store, &tax_code, "citizen", Timestamp::now()).await {
        Ok(true) => l.set_flash("pin-revoked", None),
        Ok(false) => l.set_flash("pin-none-to-revoke", None),
        Err(e) => return super::view::server_error(l, &e),
    }
    Redirect::to("/portal/pin").into_response()
}
