//! Appointments (R-SELF-9): the citizen's coming appointments with a cancel button; booking by
//! office, service and mode (counter or phone call-back), then a free slot and the mobile number
//! for the confirmation SMS. The slot search is a GET with office, service and mode only (no
//! personal data); booking and cancelling are POSTs. With htmx the slots load into the page
//! without a reload; without JavaScript the same URL renders the whole page.

use std::collections::BTreeMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Form, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use domain::{OfficeCode, ServiceGroup};
use jiff::Timestamp;
use serde::Deserialize;
use services::ServiceFailure;
use services::appointments::{self, AppointmentMode, Booker, BookingRequest};

use super::pin::when;
use super::risponde::group_key;
use super::view::{self, Layout, Nav};
use super::{audit_view, citizen_of};
use crate::WebState;

pub(super) fn router() -> Router<WebState> {
    Router::new()
        .route("/portal/appointments", get(page))
        .route("/portal/appointments/slots", get(slots))
        .route("/portal/appointments/book", post(book))
        .route("/portal/appointments/cancel", post(cancel))
}

fn mode_key(mode: AppointmentMode) -> &'static str {
    match mode {
        AppointmentMode::Counter => "mode-counter",
        AppointmentMode::PhoneCallback => "mode-phone-callback",
        AppointmentMode::WebMeeting => "mode-web-meeting",
    }
}

struct Upcoming {
    code: String,
    office: String,
    service_key: String,
    mode_key: &'static str,
    start: String,
}

struct SlotChoice {
    index: usize,
    start: String,
    label: String,
}

struct Choice {
    value: String,
    label: String,
    selected: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "portal/appointments.html")]
struct Page {
    l: Layout,
    upcoming: Vec<Upcoming>,
    offices: Vec<Choice>,
    services: Vec<Choice>,
    modes: Vec<Choice>,
    /// Slots for the chosen office, service and mode (`None`: not searched yet).
    slots: Option<Vec<SlotChoice>>,
    chosen: SlotQuery,
    mobile: String,
    error: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "portal/appointments_slots.html")]
struct SlotsFragment {
    l: Layout,
    slots: Option<Vec<SlotChoice>>,
    chosen: SlotQuery,
    mobile: String,
    error: Option<String>,
}

#[derive(Clone, Default, Deserialize)]
struct SlotQuery {
    #[serde(default)]
    office: String,
    #[serde(default)]
    service: String,
    #[serde(default)]
    mode: String,
}

/// The office, service and mode of a search, if they parse.
fn parsed(q: &SlotQuery) -> Option<(OfficeCode, ServiceGroup, AppointmentMode)> {
    Some((
        q.office.trim().parse().ok()?,
        q.service.trim().parse().ok()?,
        AppointmentMode::parse(q.mode.trim())?,
    ))
}

async fn free_slots(
    state: &WebState,
    l: &Layout,
    q: &SlotQuery,
) -> Result<Vec<SlotChoice>, String> {
    let Some((office, service, mode)) = parsed(q) else {
        return Err(l.t("appointments-choose-all"));
    };
    let now = Timestamp::now();
    let today = now.to_zoned_datetime(state.back_office.zone.clone()).date();
    let found = appointments::available_slots(
        &state.store,
        &state.back_office.appointments,
        office,
        service,
        mode,
        today,
        14,
        now,
    )
    .await
    .map_err(|e| match e.code() {
        "office_not_found" | "mode_not_offered" => l.t("appointments-choose-all"),
        _ => {
            tracing::error!(error = %e, "appointment slots");
            l.t("error-body")
        }
    })?;
    Ok(found
        .into_iter()
        .take(40)
        .enumerate()
        .map(|(index, slot)| SlotChoice {
            index,
            start: slot.start.timestamp().to_string(),
            label: format!(
                "{} {} {:02}:{:02}",
                l.words.weekday(slot.start.date()),
                l.words.date(slot.start.date()),
                slot.start.hour(),
                slot.start.minute()
            ),
        })
        .collect())
}

async fn render(
    state: &WebState,
    l: Layout,
    chosen: SlotQuery,
    search: bool,
    mobile: String,
    error: Option<String>,
) -> Response {
    let tax_code = match citizen_of(&l) {
        Ok(code) => code,
        Err(redirect) => return redirect,
    };
    let now = Timestamp::now();
    let list = match appointments::upcoming(&state.store, &tax_code, now).await {
        Ok(list) => list,
        Err(e) => return view::server_error(l, &e),
    };
    let offices = match state.store.offices().all().await {
        Ok(offices) => offices,
        Err(e) => return view::server_error(l, &e),
    };
    if let Err(response) = audit_view(state, &l, &tax_code, "appointments", now).await {
        return response;
    }
    let names: BTreeMap<OfficeCode, String> =
        offices.iter().map(|o| (o.code, o.name.clone())).collect();
    let upcoming = list
        .into_iter()
        .map(|a| Upcoming {
            code: a.code().to_string(),
            office: names
                .get(&a.office)
                .cloned()
                .unwrap_or_else(|| a.office.to_string()),
            service_key: group_key(a.service),
            mode_key: mode_key(a.mode),
            start: when(&l, state, a.start),
        })
        .collect();
    let (slots, error) = if search {
        match free_slots(state, &l, &chosen).await {
            Ok(slots) => (Some(slots), error),
            Err(e) => (None, Some(e)),
        }
    } else {
        (None, error)
    };
    let page = Page {
        offices: offices
            .iter()
            .map(|o| Choice {
                value: o.code.to_string(),
                label: format!("{} ({})", o.name, o.city),
                selected: chosen.office == o.code.to_string(),
            })
            .collect(),
        services: ServiceGroup::ALL
            .into_iter()
            .map(|g| Choice {
                value: g.id().to_owned(),
                label: l.t(&group_key(g)),
                selected: chosen.service == g.id(),
            })
            .collect(),
        modes: state
            .back_office
            .appointments
            .modes()
            .iter()
            .enumerate()
            .map(|(i, m)| Choice {
                value: m.as_str().to_owned(),
                label: l.t(mode_key(*m)),
                selected: chosen.mode == m.as_str() || (chosen.mode.is_empty() && i == 0),
            })
            .collect(),
        upcoming,
        slots,
        chosen,
        mobile,
        l: l.with_nav(Nav::Appointments, "appointments-title"),
        error,
    };
    let status = if page.error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    (status, page).into_response()
}

/// The citizen's mobile number on file, to prefill the form (it is in the page, not a URL).
async fn mobile_on_file(state: &WebState, l: &Layout) -> String {
    let Some(citizen) = l.citizen() else {
        return String::new();
    };
    match state.store.citizens().by_tax_code(&citizen.tax_code).await {
        Ok(Some(c)) => c
            .data
            .mobile
            .map(|m| m.as_str().to_owned())
            .unwrap_or_default(),
        _ => String::new(),
    }
}

async fn page(State(state): State<WebState>, l: Layout) -> Response {
    render(&state, l, SlotQuery::default(), false, String::new(), None).await
}

async fn slots(
    State(state): State<WebState>,
    headers: HeaderMap,
    l: Layout,
    Query(q): Query<SlotQuery>,
) -> Response {
    let mobile = mobile_on_file(&state, &l).await;
    if headers.contains_key("hx-request") {
        if let Err(redirect) = citizen_of(&l) {
            return redirect;
        }
        let (slots, error) = match free_slots(&state, &l, &q).await {
            Ok(slots) => (Some(slots), None),
            Err(e) => (None, Some(e)),
        };
        return SlotsFragment {
            l,
            slots,
            chosen: q,
            mobile,
            error,
        }
        .into_response();
    }
    render(&state, l, q, true, mobile, None).await
}

#[derive(Deserialize)]
struct BookForm {
    #[serde(default)]
    office: String,
    #[serde(default)]
    service: String,
    #[serde(default)]
    mode: String,
    #[serde(default)]
    start: String,
    #[serde(default)]
    mobile: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "portal/appointments_booked.html")]
struct Booked {
    l: Layout,
    code: String,
    office: String,
    start: String,
    mode_key: &'static str,
}

async fn book(State(state): State<WebState>, l: Layout, Form(form): Form<BookForm>) -> Response {
    let tax_code = match citizen_of(&l) {
        Ok(code) => code,
        Err(redirect) => return redirect,
    };
    let chosen = SlotQuery {
        office: form.office.clone(),
        service: form.service.clone(),
        mode: form.mode.clone(),
    };
    let again = |l: Layout, key: &str| {
        let error = l.t(key);
        let mobile = form.mobile.clone();
        let chosen = chosen.clone();
        let state = state.clone();
        async move { render(&state, l, chosen, true, mobile, Some(error)).await }
    };
    let Some((office, service, mode)) = parsed(&chosen) else {
        return again(l, "appointments-choose-all").await;
    };
    let Ok(start) = form.start.trim().parse::<Timestamp>() else {
        return again(l, "appointments-choose-slot").await;
    };
    let Ok(mobile) = appointments::parse_mobile(&form.mobile) else {
        return again(l, "appointments-invalid-mobile").await;
    };
    let request = BookingRequest {
        tax_code,
        mobile,
        office,
        service,
        mode,
        start,
        booked_by: Booker::Citizen,
    };
    let booked = appointments::book(
        &state.store,
        &state.back_office.appointments,
        &request,
        Timestamp::now(),
    )
    .await;
    match booked {
        Ok(a) => {
            let office = match state.store.offices().by_code(a.office).await {
                Ok(Some(o)) => format!("{}, {}, {} {}", o.name, o.street, o.postcode, o.city),
                _ => a.office.to_string(),
            };
            Booked {
                code: a.code().to_string(),
                office,
                start: when(&l, &state, a.start),
                mode_key: mode_key(a.mode),
                l: l.with_nav(Nav::Appointments, "appointments-booked-title"),
            }
            .into_response()
        }
        Err(e) => {
            let key = match e.code() {
                "slot_taken" => "appointments-slot-taken",
                "slot_in_past" | "beyond_horizon" | "not_a_slot" => "appointments-choose-slot",
                "invalid_mobile" => "appointments-invalid-mobile",
                "office_not_found" | "mode_not_offered" => "appointments-choose-all",
                "citizen_not_found" => "pin-not-on-file",
                _ => return view::server_error(l, &e),
            };
            again(l, key).await
        }
    }
}

#[derive(Deserialize)]
struct CancelForm {
    #[serde(default)]
    code: String,
}

async fn cancel(
    State(state): State<WebState>,
    l: Layout,
    Form(form): Form<CancelForm>,
) -> Response {
    let tax_code = match citizen_of(&l) {
        Ok(code) => code,
        Err(redirect) => return redirect,
    };
    let Ok(code) = appointments::parse_booking_code(&form.code) else {
        l.set_flash("appointments-not-found", None);
        return Redirect::to("/portal/appointments").into_response();
    };
    let cancelled = appointments::cancel(
        &state.store,
        &state.back_office.appointments,
        &tax_code,
        code,
        &Booker::Citizen,
        Timestamp::now(),
    )
    .await;
    match cancelled {
        Ok(a) => l.set_flash("appointments-cancelled", Some(&a.code().to_string())),
        Err(e) => match e.code() {
            "appointment_not_found" => l.set_flash("appointments-not-found", None),
            "appointment_not_active" | "appointment_past" => {
                l.set_flash("appointments-not-active", None)
            }
            _ => return view::server_error(l, &e),
        },
    }
    Redirect::to("/portal/appointments").into_response()
}
