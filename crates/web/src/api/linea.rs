//! INPS Linea requests as citizens see them (R-SELF-8, R-CHAN-6 "INPS Risponde"): status by
//! request id, all requests by competent office, and new requests online.

use axum::Json;
use axum::extract::State;
use domain::ServiceGroup;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use services::linea::{self, NewRequest, OfficeRequests, RequestDetail};
use store::linea::{LineaOrigin, LineaRequest, MessageAuthor};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::ApiJson;
use super::support::{audit_view, instant, pin_identified, tax_code};
use crate::{ApiError, WebState};

pub(super) fn router() -> OpenApiRouter<WebState> {
    OpenApiRouter::new()
        .routes(routes!(lookup))
        .routes(routes!(list))
        .routes(routes!(create))
}

#[derive(Serialize, ToSchema)]
pub(crate) struct RequestDto {
    id: String,
    office_code: String,
    service_group: String,
    topic: String,
    /// received, taken_in_charge, waiting_for_citizen, answered, closed
    status: String,
    /// The status in Italian, as the portal shows it.
    status_label: String,
    /// YYYY-MM-DD: the date the office must answer by.
    sla_due: String,
    created_at: String,
    updated_at: String,
}

impl From<&LineaRequest> for RequestDto {
    fn from(r: &LineaRequest) -> Self {
        RequestDto {
            id: r.id.to_string(),
            office_code: r.office.to_string(),
            service_group: r.service_group.id().to_owned(),
            topic: r.topic.clone(),
            status: r.status.as_str().to_owned(),
            status_label: linea::status_label_it(r.status).to_owned(),
            sla_due: r.sla_due.to_string(),
            created_at: instant(r.created_at),
            updated_at: instant(r.updated_at),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub(crate) struct HistoryDto {
    status: String,
    at: String,
    note: String,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct MessageDto {
    /// `office` or `citizen`
    author: &'static str,
    body: String,
    at: String,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct RequestDetailDto {
    request: RequestDto,
    description: String,
    office_name: Option<String>,
    history: Vec<HistoryDto>,
    messages: Vec<MessageDto>,
}

impl From<RequestDetail> for RequestDetailDto {
    fn from(d: RequestDetail) -> Self {
        RequestDetailDto {
            request: RequestDto::from(&d.request),
            description: d.request.description.clone(),
            office_name: d.office.map(|o| o.name),
            history: d
                .history
                .into_iter()
                .map(|h| HistoryDto {
                    status: h.status.as_str().to_owned(),
                    at: instant(h.at),
                    note: h.note,
                })
                .collect(),
            messages: d
                .messages
                .into_iter()
                .map(|m| MessageDto {
                    author: match m.author {
                        MessageAuthor::Office => "office",
                        MessageAuthor::Citizen => "citizen",
                    },
                    body: m.body,
                    at: instant(m.at),
                })
                .collect(),
        }
    }
}

#[derive(Deserialize, ToSchema)]
pub(crate) struct LookupRequest {
    tax_code: String,
    /// `LI-YYYY-NNNNNNNN`
    request_id: String,
}

/// The status of one request, by tax code and request id (R-SELF-8).
#[utoipa::path(post, path = "/api/v1/linea/lookup", tag = "INPS Linea", request_body = LookupRequest,
    responses((status = 200, body = RequestDetailDto), (status = 404, body = crate::error::ErrorBody),
              (status = 422, body = crate::error::ErrorBody)))]
async fn lookup(
    State(state): State<WebState>,
    ApiJson(body): ApiJson<LookupRequest>,
) -> Result<Json<RequestDetailDto>, ApiError> {
    let code = tax_code(&body.tax_code)?;
    let id = linea::parse_request_id(&body.request_id).map_err(|e| ApiError::from_service(&e))?;
    let detail = linea::find(&state.store, &code, id)
        .await
        .map_err(|e| ApiError::from_service(&e))?;
    audit_view(
        &state,
        &code,
        &format!("INPS Linea request {id}"),
        Timestamp::now(),
    )
    .await?;
    Ok(Json(detail.into()))
}

#[derive(Deserialize, ToSchema)]
pub(crate) struct Identified {
    tax_code: String,
    /// The 8-digit phone PIN.
    pin: String,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct OfficeRequestsDto {
    office_code: String,
    office_name: Option<String>,
    requests: Vec<RequestDto>,
}

impl From<OfficeRequests> for OfficeRequestsDto {
    fn from(group: OfficeRequests) -> Self {
        OfficeRequestsDto {
            office_code: group.office_code.to_string(),
            office_name: group.office.map(|o| o.name),
            requests: group.requests.iter().map(RequestDto::from).collect(),
        }
    }
}

/// All of a citizen's requests, grouped and sorted by competent office (R-CHAN-6); needs the
/// phone PIN.
#[utoipa::path(post, path = "/api/v1/linea/list", tag = "INPS Linea", request_body = Identified,
    responses((status = 200, body = Vec<OfficeRequestsDto>), (status = 401, body = crate::error::ErrorBody),
              (status = 422, body = crate::error::ErrorBody)))]
async fn list(
    State(state): State<WebState>,
    ApiJson(body): ApiJson<Identified>,
) -> Result<Json<Vec<OfficeRequestsDto>>, ApiError> {
    let code = tax_code(&body.tax_code)?;
    let verified = pin_identified(&state, &code, &body.pin, Timestamp::now()).await?;
    let groups = linea::list_for_citizen(&state.store, verified.tax_code())
        .await
        .map_err(|e| ApiError::from_service(&e))?;
    audit_view(
        &state,
        verified.tax_code(),
        "INPS Linea requests",
        Timestamp::now(),
    )
    .await?;
    Ok(Json(
        groups.into_iter().map(OfficeRequestsDto::from).collect(),
    ))
}

#[derive(Deserialize, ToSchema)]
pub(crate) struct CreateRequest {
    tax_code: String,
    pin: String,
    /// One of the nine service groups, e.g. `pensions`.
    service_group: String,
    topic: String,
    description: String,
    /// A 4-digit office code; the competent office by residence when absent.
    office: Option<String>,
}

/// A citizen sends a request to the territorial office online; needs the phone PIN.
#[utoipa::path(post, path = "/api/v1/linea/requests", tag = "INPS Linea", request_body = CreateRequest,
    responses((status = 200, body = RequestDto), (status = 401, body = crate::error::ErrorBody),
              (status = 422, body = crate::error::ErrorBody)))]
async fn create(
    State(state): State<WebState>,
    ApiJson(body): ApiJson<CreateRequest>,
) -> Result<Json<RequestDto>, ApiError> {
    let now = Timestamp::now();
    let code = tax_code(&body.tax_code)?;
    let service_group = body
        .service_group
        .parse::<ServiceGroup>()
        .map_err(|e| ApiError::invalid("invalid_service_group", e.to_string()))?;
    let office = body
        .office
        .map(|o| o.parse())
        .transpose()
        .map_err(|e: domain::IdError| ApiError::invalid("invalid_office_code", e.to_string()))?;
    let verified = pin_identified(&state, &code, &body.pin, now).await?;
    let request = NewRequest {
        tax_code: verified.tax_code().clone(),
        origin: LineaOrigin::Online,
        service_group,
        topic: body.topic,
        description: body.description,
        office,
    };
    let created = linea::create(&state.store, &state.back_office.linea, &request, now)
        .await
        .map_err(|e| ApiError::from_service(&e))?;
    Ok(Json(RequestDto::from(&created)))
}
