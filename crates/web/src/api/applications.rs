//! Applications and their status (R-SELF-1, R-SELF-2), benefit payments (R-SELF-4), and documents
//! sent to the citizen's home (R-SELF-4..7).

use axum::Json;
use axum::extract::State;
use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use services::applications::{self, Application, ApplicationNumber, ExInpdapQuery};
use services::documents::{self, DocumentError, DocumentKind};
use services::letters::LetterContent;
use services::payments;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::ApiJson;
use super::support::{audit_view, instant, pin_identified, tax_code};
use crate::{ApiError, WebState};

pub(super) fn router() -> OpenApiRouter<WebState> {
    OpenApiRouter::new()
        .routes(routes!(status))
        .routes(routes!(list))
        .routes(routes!(ex_inpdap))
        .routes(routes!(payments_last_12_months))
        .routes(routes!(request_document))
}

fn number(text: &str) -> Result<ApplicationNumber, ApiError> {
    ApplicationNumber::parse(text)
        .map_err(|e| ApiError::invalid("invalid_application_number", e.to_string()))
}

#[derive(Serialize, ToSchema)]
pub(crate) struct StatusChangeDto {
    status: String,
    sub_status: String,
    at: String,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct ApplicationDto {
    domus_number: String,
    protocol_number: String,
    benefit: String,
    benefit_name: String,
    /// `private` or `public-administration`
    sector: String,
    service_group: String,
    office_code: String,
    office_name: Option<String>,
    submitted_on: String,
    status: String,
    sub_status: String,
    last_change: String,
    history: Vec<StatusChangeDto>,
}

impl From<Application> for ApplicationDto {
    fn from(a: Application) -> Self {
        ApplicationDto {
            domus_number: a.domus.to_string(),
            protocol_number: a.protocol.to_string(),
            benefit: a.benefit.code().to_owned(),
            benefit_name: a.benefit.italian_name().to_owned(),
            sector: a.sector().code().to_owned(),
            service_group: a.service_group().id().to_owned(),
            office_code: a.office.to_string(),
            office_name: a.office_name.clone(),
            submitted_on: a.submitted_on.to_string(),
            status: a.status().code().to_owned(),
            sub_status: a.sub_status().to_owned(),
            last_change: instant(a.last_change()),
            history: a
                .history
                .iter()
                .map(|h| StatusChangeDto {
                    status: h.status.code().to_owned(),
                    sub_status: h.sub_status.clone(),
                    at: instant(h.at),
                })
                .collect(),
        }
    }
}

#[derive(Deserialize, ToSchema)]
pub(crate) struct StatusQuery {
    tax_code: String,
    /// The DOMUS number (13 digits) or the protocol number (`INPS.SSSS.dd/mm/yyyy.NNNNNNN`).
    number: String,
}

/// The status of an application by tax code and application number (R-SELF-1).
#[utoipa::path(post, path = "/api/v1/applications/status", tag = "applications", request_body = StatusQuery,
    responses((status = 200, body = ApplicationDto), (status = 404, body = crate::error::ErrorBody),
              (status = 422, body = crate::error::ErrorBody)))]
async fn status(
    State(state): State<WebState>,
    ApiJson(body): ApiJson<StatusQuery>,
) -> Result<Json<ApplicationDto>, ApiError> {
    let code = tax_code(&body.tax_code)?;
    let found = applications::application_status(&state.store, &code, &number(&body.number)?)
        .await
        .map_err(|e| ApiError::from_service(&e))?;
    audit_view(
        &state,
        &code,
        &format!("application {}", found.domus),
        Timestamp::now(),
    )
    .await?;
    Ok(Json(found.into()))
}

#[derive(Deserialize, ToSchema)]
pub(crate) struct Identified {
    tax_code: String,
    /// The 8-digit phone PIN.
    pin: String,
}

/// All of a citizen's applications; needs the phone PIN (R-SELF-1, R-AUTH-3).
#[utoipa::path(post, path = "/api/v1/applications/list", tag = "applications", request_body = Identified,
    responses((status = 200, body = Vec<ApplicationDto>), (status = 401, body = crate::error::ErrorBody),
              (status = 422, body = crate::error::ErrorBody)))]
async fn list(
    State(state): State<WebState>,
    ApiJson(body): ApiJson<Identified>,
) -> Result<Json<Vec<ApplicationDto>>, ApiError> {
    let code = tax_code(&body.tax_code)?;
    let verified = pin_identified(&state, &code, &body.pin, Timestamp::now()).await?;
    let found = applications::applications_of(&state.store, verified.tax_code())
        .await
        .map_err(|e| ApiError::from_service(&e))?;
    audit_view(
        &state,
        verified.tax_code(),
        "applications list",
        Timestamp::now(),
    )
    .await?;
    Ok(Json(found.into_iter().map(ApplicationDto::from).collect()))
}

#[derive(Deserialize, ToSchema)]
pub(crate) struct ExInpdapRequest {
    given_name: String,
    surname: String,
    /// YYYY-MM-DD
    birth_date: String,
    /// The application or protocol number.
    number: String,
}

/// The status of a public-administration (ex-INPDAP) application by name, date of birth and
/// number (R-SELF-2); case, accents and apostrophes do not matter.
#[utoipa::path(post, path = "/api/v1/applications/ex-inpdap", tag = "applications",
    request_body = ExInpdapRequest,
    responses((status = 200, body = ApplicationDto), (status = 404, body = crate::error::ErrorBody),
              (status = 422, body = crate::error::ErrorBody)))]
async fn ex_inpdap(
    State(state): State<WebState>,
    ApiJson(body): ApiJson<ExInpdapRequest>,
) -> Result<Json<ApplicationDto>, ApiError> {
    let birth_date = body.birth_date.trim().parse::<Date>().map_err(|e| {
        ApiError::invalid(
            "invalid_date",
            format!("birth_date {:?}: {e}", body.birth_date),
        )
    })?;
    let query = ExInpdapQuery {
        given_name: body.given_name,
        surname: body.surname,
        birth_date,
        number: number(&body.number)?,
    };
    let found = applications::ex_inpdap_status(&state.store, &query)
        .await
        .map_err(|e| ApiError::from_service(&e))?;
    Ok(Json(found.into()))
}

#[derive(Serialize, ToSchema)]
pub(crate) struct PaymentDto {
    paid_on: String,
    what: String,
    gross_cents: i64,
    withheld_cents: i64,
    net_cents: i64,
}

/// The payments of the last 12 months; needs the phone PIN (R-SELF-4, R-AUTH-3).
#[utoipa::path(post, path = "/api/v1/payments/last-12-months", tag = "payments", request_body = Identified,
    responses((status = 200, body = Vec<PaymentDto>), (status = 401, body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody)))]
async fn payments_last_12_months(
    State(state): State<WebState>,
    ApiJson(body): ApiJson<Identified>,
) -> Result<Json<Vec<PaymentDto>>, ApiError> {
    let now = Timestamp::now();
    let code = tax_code(&body.tax_code)?;
    let verified = pin_identified(&state, &code, &body.pin, now).await?;
    let today = now.to_zoned_datetime(state.back_office.zone.clone()).date();
    let statement = payments::payments_last_12_months(&state.store, verified.tax_code(), today)
        .await
        .map_err(|e| ApiError::from_service(&e))?;
    audit_view(
        &state,
        verified.tax_code(),
        "payments of the last 12 months",
        now,
    )
    .await?;
    Ok(Json(
        statement
            .payments
            .iter()
            .map(|p| PaymentDto {
                paid_on: p.paid_on.to_string(),
                what: p.source.italian_name(),
                gross_cents: p.gross.cents(),
                withheld_cents: p.withheld.cents(),
                net_cents: p.net.cents(),
            })
            .collect(),
    ))
}

#[derive(Deserialize, ToSchema)]
pub(crate) struct DocumentRequest {
    tax_code: String,
    /// `payment_statement` (R-SELF-4), `pension_details` (R-SELF-5), `certificazione_unica`
    /// (R-SELF-6, needs `year`, only during the CU campaign), `insurance_record` (R-SELF-7).
    kind: String,
    year: Option<i16>,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct DispatchDto {
    /// The protocol printed on the letter.
    reference: String,
    /// YYYY-MM-DD: the working day the letter is posted.
    dispatch_date: String,
}

/// Sends a document to the citizen's home address: a PDF letter is generated and put into the
/// postal outbox. Refused (409) when there is no address on file or the same document was sent
/// recently; the message then says why, in Italian.
#[utoipa::path(post, path = "/api/v1/documents/request", tag = "documents", request_body = DocumentRequest,
    responses((status = 200, body = DispatchDto), (status = 404, body = crate::error::ErrorBody),
              (status = 409, description = "no_address, sent_recently", body = crate::error::ErrorBody),
              (status = 503, description = "cu_campaign_closed", body = crate::error::ErrorBody),
              (status = 422, body = crate::error::ErrorBody)))]
async fn request_document(
    State(state): State<WebState>,
    ApiJson(body): ApiJson<DocumentRequest>,
) -> Result<Json<DispatchDto>, ApiError> {
    let now = Timestamp::now();
    let code = tax_code(&body.tax_code)?;
    let kind = DocumentKind::parse(body.kind.trim(), body.year).ok_or_else(|| {
        ApiError::invalid(
            "invalid_document_kind",
            format!(
                "kind {:?}: expected payment_statement, pension_details, insurance_record or certificazione_unica with a year",
                body.kind
            ),
        )
    })?;
    let content = letter_content(&state, &code, kind, now).await?;
    let dispatch = documents::request_document(
        &state.store,
        &state.back_office.documents_dir,
        &code,
        kind,
        content,
        &state.back_office.dispatch,
        "portal",
        now,
    )
    .await
    .map_err(|e| document_error(&e))?;
    Ok(Json(DispatchDto {
        reference: dispatch.reference,
        dispatch_date: dispatch.dispatch_date.to_string(),
    }))
}

/// A refused dispatch says why in the words the IVR would speak.
fn document_error(err: &DocumentError) -> ApiError {
    let api = ApiError::from_service(err);
    match err {
        DocumentError::NoAddress | DocumentError::SentRecently { .. } => {
            api.with_message(err.reason_it())
        }
        _ => api,
    }
}

/// Builds the letter's content from the back office's data.
async fn letter_content(
    state: &WebState,
    code: &domain::TaxCode,
    kind: DocumentKind,
    now: Timestamp,
) -> Result<LetterContent, ApiError> {
    let today = now.to_zoned_datetime(state.back_office.zone.clone()).date();
    let calendar = state.calendars.get(&state.back_office.cu_calendar);
    payments::document_letter(&state.store, code, kind, calendar, today, now)
        .await
        .map_err(|e| ApiError::from_service(&e))
}
