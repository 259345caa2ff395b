//! Domestic work (R-SELF-3): the contribution calculator and the amount due for a relationship.

use axum::Json;
use axum::extract::State;
use domain::Money;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use services::domestic::{self, Quarter, Quote, QuoteParams};
use store::domestic::{RelationshipCode, WeeklyHours};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::ApiJson;
use super::support::tax_code;
use crate::{ApiError, WebState};

pub(super) fn router() -> OpenApiRouter<WebState> {
    OpenApiRouter::new()
        .routes(routes!(quote))
        .routes(routes!(amount_due))
        .routes(routes!(next_due))
}

#[derive(Deserialize, ToSchema)]
pub(crate) struct QuoteRequest {
    year: i16,
    /// 1–4
    quarter: u8,
    /// Euro per hour, e.g. "9.50".
    hourly_wage: String,
    /// Hours per week, e.g. "20" or "12.5".
    weekly_hours: String,
    /// CUAF due (default true).
    cuaf: Option<bool>,
    fixed_term: Option<bool>,
    /// Board and lodging, euro per hour of work (live-in workers).
    live_in_value: Option<String>,
    /// The CCNL's health fund contribution (default true).
    cassa_colf: Option<bool>,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct QuoteDto {
    year: i16,
    quarter: u8,
    band: String,
    band_label: String,
    weeks: u32,
    /// Hours in hundredths (1250 = 12.5 h).
    hours_hundredths: i64,
    hourly_contribution_cents: i64,
    amount_cents: i64,
    worker_share_cents: i64,
    cassa_colf_cents: i64,
    total_cents: i64,
    /// YYYY-MM-DD, moved past weekends and holidays.
    due_date: String,
}

impl From<Quote> for QuoteDto {
    fn from(q: Quote) -> Self {
        QuoteDto {
            year: q.year,
            quarter: q.quarter.number(),
            band: q.band.code().to_owned(),
            band_label: q.band_label,
            weeks: q.weeks,
            hours_hundredths: q.hours_hundredths,
            hourly_contribution_cents: q.hourly_contribution.cents(),
            amount_cents: q.amount.cents(),
            worker_share_cents: q.worker_share.cents(),
            cassa_colf_cents: q.cassa_colf.cents(),
            total_cents: q.total.cents(),
            due_date: q.due_date.to_string(),
        }
    }
}

fn money(field: &'static str, text: &str) -> Result<Money, ApiError> {
    text.parse::<Money>()
        .map_err(|e| ApiError::invalid("invalid_amount", format!("{field}: {e}")))
}

fn quarter(number: u8) -> Result<Quarter, ApiError> {
    Quarter::parse(&number.to_string())
        .map_err(|e| ApiError::invalid("invalid_quarter", e.to_string()))
}

/// Computes the contributions due for a quarter of domestic work.
#[utoipa::path(post, path = "/api/v1/domestic/quote", tag = "domestic work", request_body = QuoteRequest,
    responses((status = 200, body = QuoteDto), (status = 422, body = crate::error::ErrorBody)))]
async fn quote(ApiJson(body): ApiJson<QuoteRequest>) -> Result<Json<QuoteDto>, ApiError> {
    let params = QuoteParams {
        year: body.year,
        quarter: quarter(body.quarter)?,
        hourly_wage: money("hourly_wage", &body.hourly_wage)?,
        weekly_hours: WeeklyHours::parse(&body.weekly_hours)
            .map_err(|e| ApiError::invalid("invalid_weekly_hours", e.to_string()))?,
        cuaf: body.cuaf.unwrap_or(true),
        fixed_term: body.fixed_term.unwrap_or(false),
        live_in_value: body
            .live_in_value
            .as_deref()
            .map_or(Ok(Money::ZERO), |v| money("live_in_value", v))?,
        cassa_colf: body.cassa_colf.unwrap_or(true),
        start: None,
        end: None,
    };
    let quote = domestic::quote(&params).map_err(|e| ApiError::from_service(&e))?;
    Ok(Json(quote.into()))
}

#[derive(Deserialize, ToSchema)]
pub(crate) struct RelationshipQuarter {
    /// The employer's tax code.
    tax_code: String,
    /// The 10-digit code of the employment relationship.
    relationship_code: String,
    year: i16,
    quarter: u8,
}

fn relationship_code(text: &str) -> Result<RelationshipCode, ApiError> {
    RelationshipCode::parse(text)
        .map_err(|e| ApiError::invalid("invalid_relationship_code", e.to_string()))
}

/// The amount due for a quarter of one of the employer's relationships (R-SELF-3).
#[utoipa::path(post, path = "/api/v1/domestic/amount-due", tag = "domestic work",
    request_body = RelationshipQuarter,
    responses((status = 200, body = QuoteDto), (status = 404, body = crate::error::ErrorBody),
              (status = 422, body = crate::error::ErrorBody)))]
async fn amount_due(
    State(state): State<WebState>,
    ApiJson(body): ApiJson<RelationshipQuarter>,
) -> Result<Json<QuoteDto>, ApiError> {
    let employer = tax_code(&body.tax_code)?;
    let code = relationship_code(&body.relationship_code)?;
    let quote = domestic::amount_due(
        &state.store,
        &employer,
        &code,
        body.year,
        quarter(body.quarter)?,
    )
    .await
    .map_err(|e| ApiError::from_service(&e))?;
    Ok(Json(quote.into()))
}

#[derive(Deserialize, ToSchema)]
pub(crate) struct Relationship {
    tax_code: String,
    relationship_code: String,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct NextDueDto {
    year: i16,
    quarter: u8,
    due_date: String,
    /// Absent when that year's table is not published yet.
    quote: Option<QuoteDto>,
}

/// The next payment due for one of the employer's relationships, from today.
#[utoipa::path(post, path = "/api/v1/domestic/next-due", tag = "domestic work", request_body = Relationship,
    responses((status = 200, body = NextDueDto), (status = 404, body = crate::error::ErrorBody),
              (status = 422, body = crate::error::ErrorBody)))]
async fn next_due(
    State(state): State<WebState>,
    ApiJson(body): ApiJson<Relationship>,
) -> Result<Json<NextDueDto>, ApiError> {
    let employer = tax_code(&body.tax_code)?;
    let code = relationship_code(&body.relationship_code)?;
    let today = Timestamp::now()
        .to_zoned_datetime(state.back_office.zone.clone())
        .date();
    let next = domestic::next_due(&state.store, &employer, &code, today)
        .await
        .map_err(|e| ApiError::from_service(&e))?
        .ok_or_else(|| ApiError::not_found("no payment is due for this relationship"))?;
    Ok(Json(NextDueDto {
        year: next.period.year,
        quarter: next.period.quarter.number(),
        due_date: next.due_date.to_string(),
        quote: next.quote.map(QuoteDto::from),
    }))
}
