//! Appointments at a territorial office (R-SELF-9, R-ROUTE-4): free slots, booking by tax code and
//! mobile number with a confirmation SMS, look-up, cancelling and moving.

use axum::Json;
use axum::extract::State;
use domain::{OfficeCode, ServiceGroup};
use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use services::appointments::{self, Booker, BookingRequest};
use store::appointments::{Appointment, AppointmentMode};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::ApiJson;
use super::support::{instant, tax_code};
use crate::{ApiError, WebState};

pub(super) fn router() -> OpenApiRouter<WebState> {
    OpenApiRouter::new()
        .routes(routes!(slots))
        .routes(routes!(book))
        .routes(routes!(lookup))
        .routes(routes!(cancel))
        .routes(routes!(reschedule))
}

fn office(text: &str) -> Result<OfficeCode, ApiError> {
    text.parse()
        .map_err(|e: domain::IdError| ApiError::invalid("invalid_office_code", e.to_string()))
}

fn service(text: &str) -> Result<ServiceGroup, ApiError> {
    text.parse().map_err(|e: domain::ServiceGroupError| {
        ApiError::invalid("invalid_service_group", e.to_string())
    })
}

fn mode(text: &str) -> Result<AppointmentMode, ApiError> {
    AppointmentMode::parse(text).ok_or_else(|| {
        ApiError::invalid(
            "invalid_mode",
            format!("mode {text:?}: expected counter, phone-callback or web-meeting"),
        )
    })
}

fn start(text: &str) -> Result<Timestamp, ApiError> {
    text.parse().map_err(|e| {
        ApiError::invalid(
            "invalid_start",
            format!("start {text:?} is not an RFC 3339 instant: {e}"),
        )
    })
}

fn booking_code(text: &str) -> Result<store::appointments::BookingCode, ApiError> {
    appointments::parse_booking_code(text).map_err(|e| ApiError::from_service(&e))
}

#[derive(Deserialize, ToSchema)]
pub(crate) struct SlotQuery {
    /// 4-digit office code.
    office: String,
    /// Service group, e.g. `pensions`.
    service: String,
    /// `counter`, `phone-callback` or `web-meeting`.
    mode: String,
    /// YYYY-MM-DD, first day to search (default today).
    from: Option<String>,
    /// How many days to search (default 14).
    days: Option<u16>,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct SlotDto {
    /// RFC 3339 with the office's zone.
    start: String,
    end: String,
    free_desks: u16,
}

/// Free slots of an office for a service and mode.
#[utoipa::path(post, path = "/api/v1/appointments/slots", tag = "appointments", request_body = SlotQuery,
    responses((status = 200, body = Vec<SlotDto>), (status = 422, body = crate::error::ErrorBody)))]
async fn slots(
    State(state): State<WebState>,
    ApiJson(body): ApiJson<SlotQuery>,
) -> Result<Json<Vec<SlotDto>>, ApiError> {
    let now = Timestamp::now();
    let from = match body.from.as_deref() {
        Some(text) => text
            .parse::<Date>()
            .map_err(|e| ApiError::invalid("invalid_date", format!("from {text:?}: {e}")))?,
        None => now.to_zoned_datetime(state.back_office.zone.clone()).date(),
    };
    let found = appointments::available_slots(
        &state.store,
        &state.back_office.appointments,
        office(&body.office)?,
        service(&body.service)?,
        mode(&body.mode)?,
        from,
        body.days.unwrap_or(14),
        now,
    )
    .await
    .map_err(|e| ApiError::from_service(&e))?;
    Ok(Json(
        found
            .into_iter()
            .map(|s| SlotDto {
                start: s.start.to_string(),
                end: s.end.to_string(),
                free_desks: s.free_desks,
            })
            .collect(),
    ))
}

#[derive(Serialize, ToSchema)]
pub(crate) struct AppointmentDto {
    /// The booking code the citizen quotes, `PR-NNNNNNNN`.
    code: String,
    office: String,
    service: String,
    mode: String,
    start: String,
    end: String,
    desk: u16,
    /// booked, cancelled or rescheduled
    status: String,
    /// The code of the appointment this one replaced, when moved.
    replaces: Option<String>,
}

impl From<Appointment> for AppointmentDto {
    fn from(a: Appointment) -> Self {
        AppointmentDto {
            code: a.code().to_string(),
            office: a.office.to_string(),
            service: a.service.id().to_owned(),
            mode: a.mode.as_str().to_owned(),
            start: instant(a.start),
            end: instant(a.end),
            desk: a.desk,
            status: a.status.as_str().to_owned(),
            replaces: a
                .replaces
                .and_then(store::appointments::BookingCode::from_id)
                .map(|c| c.to_string()),
        }
    }
}

#[derive(Deserialize, ToSchema)]
pub(crate) struct BookRequest {
    tax_code: String,
    /// Where the confirmation SMS goes, e.g. "333 123 4567".
    mobile: String,
    office: String,
    service: String,
    mode: String,
    /// The slot's start (RFC 3339), one of `/appointments/slots`.
    start: String,
}

/// Books an appointment; the confirmation SMS is queued in the same transaction.
#[utoipa::path(post, path = "/api/v1/appointments/book", tag = "appointments", request_body = BookRequest,
    responses((status = 200, body = AppointmentDto), (status = 404, body = crate::error::ErrorBody),
              (status = 409, description = "slot_taken", body = crate::error::ErrorBody),
              (status = 422, body = crate::error::ErrorBody)))]
async fn book(
    State(state): State<WebState>,
    ApiJson(body): ApiJson<BookRequest>,
) -> Result<Json<AppointmentDto>, ApiError> {
    let request = BookingRequest {
        tax_code: tax_code(&body.tax_code)?,
        mobile: appointments::parse_mobile(&body.mobile).map_err(|e| ApiError::from_service(&e))?,
        office: office(&body.office)?,
        service: service(&body.service)?,
        mode: mode(&body.mode)?,
        start: start(&body.start)?,
        booked_by: Booker::Citizen,
    };
    let booked = appointments::book(
        &state.store,
        &state.back_office.appointments,
        &request,
        Timestamp::now(),
    )
    .await
    .map_err(|e| ApiError::from_service(&e))?;
    Ok(Json(booked.into()))
}

#[derive(Deserialize, ToSchema)]
pub(crate) struct AppointmentRef {
    tax_code: String,
    /// `PR-NNNNNNNN`
    code: String,
}

/// One of the citizen's appointments by its booking code.
#[utoipa::path(post, path = "/api/v1/appointments/lookup", tag = "appointments", request_body = AppointmentRef,
    responses((status = 200, body = AppointmentDto), (status = 404, body = crate::error::ErrorBody)))]
async fn lookup(
    State(state): State<WebState>,
    ApiJson(body): ApiJson<AppointmentRef>,
) -> Result<Json<AppointmentDto>, ApiError> {
    let found = appointments::find(
        &state.store,
        &tax_code(&body.tax_code)?,
        booking_code(&body.code)?,
    )
    .await
    .map_err(|e| ApiError::from_service(&e))?;
    Ok(Json(found.into()))
}

/// Cancels an appointment (an SMS confirms it).
#[utoipa::path(post, path = "/api/v1/appointments/cancel", tag = "appointments", request_body = AppointmentRef,
    responses((status = 200, body = AppointmentDto), (status = 404, body = crate::error::ErrorBody),
              (status = 409, body = crate::error::ErrorBody)))]
async fn cancel(
    State(state): State<WebState>,
    ApiJson(body): ApiJson<AppointmentRef>,
) -> Result<Json<AppointmentDto>, ApiError> {
    let cancelled = appointments::cancel(
        &state.store,
        &state.back_office.appointments,
        &tax_code(&body.tax_code)?,
        booking_code(&body.code)?,
        &Booker::Citizen,
        Timestamp::now(),
    )
    .await
    .map_err(|e| ApiError::from_service(&e))?;
    Ok(Json(cancelled.into()))
}

#[derive(Deserialize, ToSchema)]
pub(crate) struct RescheduleRequest {
    tax_code: String,
    code: String,
    /// The new slot's start (RFC 3339).
    start: String,
}

/// Moves an appointment to another slot; the new appointment gets a new code.
#[utoipa::path(post, path = "/api/v1/appointments/reschedule", tag = "appointments",
    request_body = RescheduleRequest,
    responses((status = 200, body = AppointmentDto), (status = 404, body = crate::error::ErrorBody),
              (status = 409, body = crate::error::ErrorBody)))]
async fn reschedule(
    State(state): State<WebState>,
    ApiJson(body): ApiJson<RescheduleRequest>,
) -> Result<Json<AppointmentDto>, ApiError> {
    let moved = appointments::reschedule(
        &state.store,
        &state.back_office.appointments,
        &tax_code(&body.tax_code)?,
        booking_code(&body.code)?,
        start(&body.start)?,
        &Booker::Citizen,
        Timestamp::now(),
    )
    .await
    .map_err(|e| ApiError::from_service(&e))?;
    Ok(Json(moved.into()))
}
