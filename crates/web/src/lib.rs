//! The HTTP surface: the REST API (`/api/v1`, OpenAPI at `/api/openapi.json`), the landing page,
//! `/healthz` and `/metrics`, the citizen portal under `/portal` ([`portal`], on the cookie
//! sessions of [`session`]) and its static files under `/static`. Staff pages join here.
//!
//! Contract: this is the only crate that knows HTTP, JSON and HTML. Handlers are thin: they parse
//! the request into domain types, call `services` (or `store` for plain reads), and map results
//! to DTOs defined here; domain types are never serialised directly. Every error is an
//! [`ApiError`]: a status, a stable `code` and a message, with no internal detail. Look-ups that
//! carry personal data are POSTs, so tax codes never appear in URLs (or access logs).

mod api;
mod assets;
mod error;
mod ops;
mod pages;
pub mod portal;
pub mod session;

use std::sync::Arc;
use std::time::Instant;

use axum::Router;
use axum::middleware;
use calendar::Calendars;
use tower_http::trace::TraceLayer;

pub use error::ApiError;

/// What the landing page shows about the deployment.
#[derive(Clone, Debug)]
pub struct LandingInfo {
    pub institute_name: String,
    pub institute_short_name: String,
    pub entry_points: Vec<EntryPointInfo>,
    /// True when the database holds the synthetic demo population.
    pub demo: bool,
}

/// A number citizens dial, as the landing page lists it.
#[derive(Clone, Debug)]
pub struct EntryPointInfo {
    pub number: String,
    pub name: String,
    pub country: String,
    /// `landline`, `mobile`, `international` or `webcall`.
    pub channel: String,
}

/// How the back-office operations are configured for this deployment.
#[derive(Clone, Debug)]
pub struct BackOffice {
    /// The institute's zone: "today" for look-ups that need a date.
    pub zone: jiff::tz::TimeZone,
    pub survey: services::surveys::SurveySpec,
    pub linea: services::linea::LineaConfig,
    pub appointments: services::appointments::AppointmentsConfig,
    /// Where generated letters are stored.
    pub documents_dir: std::path::PathBuf,
    pub dispatch: services::documents::DispatchPolicy,
    /// The calendar of the Certificazione Unica campaign (R-SELF-6).
    pub cu_calendar: String,
}

/// Everything the handlers share; cheap to clone.
#[derive(Clone, Debug)]
pub struct WebState {
    store: store::Store,
    calendars: Arc<Calendars>,
    landing: Arc<LandingInfo>,
    back_office: Arc<BackOffice>,
    metrics: Arc<ops::HttpMetrics>,
    started: Instant,
    portal: Arc<portal::Portal>,
}

impl WebState {
    pub fn new(
        store: store::Store,
        calendars: Arc<Calendars>,
        landing: LandingInfo,
        back_office: BackOffice,
    ) -> Self {
        WebState {
            store,
            calendars,
            landing: Arc::new(landing),
            back_office: Arc::new(back_office),
            metrics: Arc::default(),
            started: Instant::now(),
            portal: Arc::new(portal::Portal::new(portal::PortalConfig::default())),
        }
    }

    /// The same state with the citizen portal configured (demo mode, login, contact page).
    pub fn with_portal(mut self, config: portal::PortalConfig) -> Self {
        self.portal = Arc::new(portal::Portal::new(config));
        self
    }
}

/// The whole HTTP application.
pub fn router(state: WebState) -> Router {
    let (api_router, openapi) = api::router().split_for_parts();
    let openapi = Arc::new(openapi);
    Router::new()
        .merge(pages::router())
        .merge(portal::router(&state))
        .merge(assets::router())
        .merge(ops::router())
        .merge(api_router)
        .route(
            "/api/openapi.json",
            axum::routing::get(move || {
                let openapi = Arc::clone(&openapi);
                async move { axum::Json(openapi.as_ref().clone()) }
            }),
        )
        .fallback(error::not_found)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            ops::count_requests,
        ))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

#[cfg(test)]
mod tests;
