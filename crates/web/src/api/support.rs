//! What the API handlers share: parsing identifiers from request bodies into domain types, PIN
//! identification, and formatting instants.

use domain::TaxCode;
use jiff::Timestamp;
use services::pins::{self, PinAttempt, PinChannel, PinVerified};

use crate::{ApiError, WebState};

/// A tax code from a request body, or `422 invalid_tax_code` with the exact reason.
pub(crate) fn tax_code(text: &str) -> Result<TaxCode, ApiError> {
    TaxCode::parse(text).map_err(|e| ApiError::invalid("invalid_tax_code", e.to_string()))
}

/// Identifies a citizen by tax code and phone PIN (R-AUTH-3); a wrong or locked PIN is `401`.
pub(crate) async fn pin_identified(
    state: &WebState,
    tax_code: &TaxCode,
    pin: &str,
    now: Timestamp,
) -> Result<PinVerified, ApiError> {
    let attempt = PinAttempt {
        channel: PinChannel::Portal,
        contact: None,
    };
    pins::verify(&state.store, tax_code, pin, &attempt, now)
        .await
        .map_err(|e| ApiError::from_service(&e))
}

/// RFC 3339 in UTC, as every instant in the API.
pub(crate) fn instant(at: Timestamp) -> String {
    at.to_string()
}

/// Records that personal data of `tax_code` was shown (DESIGN §6: every access is audited).
/// A failure to audit fails the request: data is never shown unaudited.
pub(crate) async fn audit_view(
    state: &WebState,
    tax_code: &TaxCode,
    what: &str,
    now: Timestamp,
) -> Result<(), ApiError> {
    let event = store::NewAuditEvent {
        actor: "api".to_owned(),
        action: "data.viewed".to_owned(),
        subject: Some(tax_code.as_str().to_owned()),
        detail: what.to_owned(),
    };
    state.store.audit().record(now, &event).await?;
    Ok(())
}
