//! Reference data anyone may read: tax-code checks, calendars and holidays, territorial offices.

use axum::Json;
use axum::extract::{Path, Query, State};
use domain::{Language, OfficeCode, TaxCode};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::ApiJson;
use crate::{ApiError, WebState};

pub(super) fn router() -> OpenApiRouter<WebState> {
    OpenApiRouter::new()
        .routes(routes!(check_tax_code))
        .routes(routes!(calendars))
        .routes(routes!(holidays))
        .routes(routes!(offices))
        .routes(routes!(office))
}

#[derive(Deserialize, ToSchema)]
pub(crate) struct TaxCodeCheck {
    /// A 16-character personal code or an 11-digit numeric code; case and spaces are ignored.
    tax_code: String,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct TaxCodeInfo {
    normalized: String,
    /// `personal` or `numeric`.
    kind: &'static str,
    /// YYYY-MM-DD (personal codes).
    birth_date: Option<String>,
    /// `M` or `F` (personal codes).
    sex: Option<&'static str>,
    place_code: Option<String>,
    place_name: Option<String>,
    omocode: bool,
}

/// Checks a tax code: structure, check character, birth date, place.
#[utoipa::path(
    post, path = "/api/v1/tax-codes/check", tag = "reference",
    request_body = TaxCodeCheck,
    responses(
        (status = 200, description = "valid", body = TaxCodeInfo),
        (status = 422, description = "invalid, with the reason", body = crate::error::ErrorBody),
    )
)]
async fn check_tax_code(
    ApiJson(body): ApiJson<TaxCodeCheck>,
) -> Result<Json<TaxCodeInfo>, ApiError> {
    let code = TaxCode::parse(&body.tax_code)
        .map_err(|e| ApiError::invalid("invalid_tax_code", e.to_string()))?;
    let info = match &code {
        TaxCode::Personal(p) => TaxCodeInfo {
            normalized: p.as_str().to_owned(),
            kind: "personal",
            birth_date: Some(p.birth_date().to_string()),
            sex: Some(p.sex().code()),
            place_code: Some(p.place_code().to_owned()),
            place_name: p.place().map(|place| place.display_name()),
            omocode: p.is_omocode(),
        },
        TaxCode::Numeric(n) => TaxCodeInfo {
            normalized: n.as_str().to_owned(),
            kind: "numeric",
            birth_date: None,
            sex: None,
            place_code: None,
            place_name: None,
            omocode: false,
        },
    };
    Ok(Json(info))
}

#[derive(Serialize, ToSchema)]
pub(crate) struct CalendarInfo {
    name: String,
    open_now: bool,
    /// RFC 3339 with zone, when closed now and it opens again.
    next_open: Option<String>,
    /// The hours described in each of the eight languages, by language code.
    hours: std::collections::BTreeMap<String, String>,
}

/// The profile's calendars: open now, next opening, the hours in every language.
#[utoipa::path(get, path = "/api/v1/calendars", tag = "reference",
    responses((status = 200, body = Vec<CalendarInfo>)))]
async fn calendars(State(state): State<WebState>) -> Json<Vec<CalendarInfo>> {
    let now = Timestamp::now();
    let list = state
        .calendars
        .iter()
        .map(|cal| {
            let open_now = cal.is_open(now);
            CalendarInfo {
                name: cal.name().to_owned(),
                open_now,
                next_open: (!open_now)
                    .then(|| cal.next_open(now).map(|z| z.to_string()))
                    .flatten(),
                hours: Language::ALL
                    .into_iter()
                    .map(|l| (l.code().to_owned(), cal.describe(l)))
                    .collect(),
            }
        })
        .collect();
    Json(list)
}

#[derive(Serialize, ToSchema)]
pub(crate) struct HolidayInfo {
    /// YYYY-MM-DD
    date: String,
    name: String,
    english_name: String,
}

/// Italian national holidays of a year (1950 on).
#[utoipa::path(get, path = "/api/v1/holidays/{year}", tag = "reference",
    params(("year" = i16, Path, description = "1950–9999")),
    responses((status = 200, body = Vec<HolidayInfo>), (status = 422, body = crate::error::ErrorBody)))]
async fn holidays(Path(year): Path<String>) -> Result<Json<Vec<HolidayInfo>>, ApiError> {
    let year: i16 = year
        .parse()
        .ok()
        .filter(|y| (1950..=9999).contains(y))
        .ok_or_else(|| {
            ApiError::invalid("invalid_year", format!("year {year:?} must be 1950–9999"))
        })?;
    Ok(Json(
        calendar::national_holidays(year)
            .into_iter()
            .map(|h| HolidayInfo {
                date: h.date.to_string(),
                name: h.name.to_owned(),
                english_name: h.english_name.to_owned(),
            })
            .collect(),
    ))
}

#[derive(Serialize, ToSchema)]
pub(crate) struct OfficeInfo {
    code: String,
    name: String,
    region: String,
    province: String,
    address: String,
    postcode: String,
    city: String,
    hours: String,
}

impl From<store::Office> for OfficeInfo {
    fn from(o: store::Office) -> Self {
        OfficeInfo {
            code: o.code.to_string(),
            name: o.name,
            region: o.region,
            province: o.province,
            address: o.street,
            postcode: o.postcode,
            city: o.city,
            hours: o.hours,
        }
    }
}

#[derive(Deserialize, IntoParams)]
pub(crate) struct OfficeFilter {
    /// Two-letter province code, e.g. `RM`.
    province: Option<String>,
}

/// Territorial offices, all or of one province.
#[utoipa::path(get, path = "/api/v1/offices", tag = "reference", params(OfficeFilter),
    responses((status = 200, body = Vec<OfficeInfo>)))]
async fn offices(
    State(state): State<WebState>,
    Query(filter): Query<OfficeFilter>,
) -> Result<Json<Vec<OfficeInfo>>, ApiError> {
    let offices = match filter.province {
        Some(p) => {
            state
                .store
                .offices()
                .in_province(&p.trim().to_ascii_uppercase())
                .await?
        }
        None => state.store.offices().all().await?,
    };
    Ok(Json(offices.into_iter().map(OfficeInfo::from).collect()))
}

/// One territorial office by its 4-digit code.
#[utoipa::path(get, path = "/api/v1/offices/{code}", tag = "reference",
    params(("code" = String, Path, description = "4 digits")),
    responses((status = 200, body = OfficeInfo), (status = 404, body = crate::error::ErrorBody),
               (status = 422, body = crate::error::ErrorBody)))]
async fn office(
    State(state): State<WebState>,
    Path(code): Path<String>,
) -> Result<Json<OfficeInfo>, ApiError> {
    let code: OfficeCode = code
        .parse()
        .map_err(|e: domain::IdError| ApiError::invalid("invalid_office_code", e.to_string()))?;
    let office = state.store.offices().by_code(code).await?;
    office
        .map(|o| Json(o.into()))
        .ok_or_else(|| ApiError::not_found(format!("no office {code}")))
}
