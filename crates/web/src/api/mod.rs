//! The REST API under `/api/v1`, one module per area; each module's routes carry their OpenAPI
//! description, collected into `/api/openapi.json`.

mod applications;
mod appointments;
mod domestic;
mod linea;
mod pins;
mod reference;
mod support;
mod surveys;

use axum::extract::FromRequest;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

use crate::{ApiError, WebState};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "centralino",
        description = "The back office of the contact center: look-ups and operations for every channel. \
                       Errors are JSON `{code, message}` with a stable code. Look-ups that carry \
                       personal data are POSTs: no personal data in URLs."
    ),
    components(schemas(crate::error::ErrorBody))
)]
struct ApiDoc;

pub(crate) fn router() -> OpenApiRouter<WebState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(reference::router())
        .merge(pins::router())
        .merge(applications::router())
        .merge(surveys::router())
        .merge(domestic::router())
        .merge(linea::router())
        .merge(appointments::router())
}

/// `Json<T>` whose rejection is an [`ApiError`] (`{code: "bad_request", message}`).
#[derive(Debug, FromRequest)]
#[from_request(via(axum::Json), rejection(ApiError))]
pub(crate) struct ApiJson<T>(pub(crate) T);
