//! Phone PIN checks (R-AUTH-3). Issuing a PIN needs a strong digital identity (R-AUTH-1), which
//! arrives with the citizen portal's login; until then the API only verifies.

use axum::Json;
use axum::extract::State;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::ApiJson;
use super::support::{instant, pin_identified, tax_code};
use crate::{ApiError, WebState};

pub(super) fn router() -> OpenApiRouter<WebState> {
    OpenApiRouter::new().routes(routes!(verify))
}

#[derive(Deserialize, ToSchema)]
pub(crate) struct PinCheck {
    tax_code: String,
    /// The 8-digit phone PIN.
    pin: String,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct PinOk {
    verified: bool,
    /// When the PIN stops working (RFC 3339).
    pin_expires_at: String,
}

/// Verifies a phone PIN. Three wrong PINs in a row lock it for 30 minutes; every attempt is
/// audited.
#[utoipa::path(post, path = "/api/v1/pin/verify", tag = "identification", request_body = PinCheck,
    responses((status = 200, body = PinOk),
              (status = 401, description = "pin_wrong, pin_locked, pin_expired, pin_not_found", body = crate::error::ErrorBody),
              (status = 422, description = "invalid_tax_code, pin_malformed", body = crate::error::ErrorBody)))]
async fn verify(
    State(state): State<WebState>,
    ApiJson(body): ApiJson<PinCheck>,
) -> Result<Json<PinOk>, ApiError> {
    let code = tax_code(&body.tax_code)?;
    let verified = pin_identified(&state, &code, &body.pin, Timestamp::now()).await?;
    Ok(Json(PinOk {
        verified: true,
        pin_expires_at: instant(verified.pin_expires_at()),
    }))
}
