//! Operations endpoints: `/healthz` for load balancers, `/metrics` in Prometheus text format.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Mutex;

use axum::Json;
use axum::Router;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use jiff::Timestamp;

use crate::WebState;

/// Request counts by route and status. Held briefly, never across an await.
#[derive(Debug, Default)]
pub(crate) struct HttpMetrics {
    requests: Mutex<BTreeMap<(String, u16), u64>>,
}

pub(crate) fn router() -> Router<WebState> {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics))
}

pub(crate) async fn count_requests(
    State(state): State<WebState>,
    request: Request,
    next: Next,
) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |p| p.as_str().to_owned());
    let response = next.run(request).await;
    let status = response.status().as_u16();
    if let Ok(mut requests) = state.metrics.requests.lock() {
        *requests.entry((route, status)).or_default() += 1;
    }
    response
}

async fn healthz(State(state): State<WebState>) -> Response {
    if state.store.ping().await {
        Json(serde_json::json!({"status": "ok", "database": "ok"})).into_response()
    } else {
        let body = serde_json::json!({"status": "unavailable", "database": "not answering"});
        (StatusCode::SERVICE_UNAVAILABLE, Json(body)).into_response()
    }
}

async fn metrics(State(state): State<WebState>) -> Response {
    let now = Timestamp::now();
    let mut out = String::new();
    let family = |out: &mut String, name: &str, kind: &str, help: &str| {
        let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} {kind}");
    };
    family(
        &mut out,
        "centralino_build_info",
        "gauge",
        "Build and profile of this process.",
    );
    let _ = writeln!(
        out,
        "centralino_build_info{{version=\"{}\",profile=\"{}\"}} 1",
        env!("CARGO_PKG_VERSION"),
        escape_label(&state.landing.institute_short_name)
    );
    family(
        &mut out,
        "centralino_uptime_seconds",
        "gauge",
        "Seconds since the server started.",
    );
    let _ = writeln!(
        out,
        "centralino_uptime_seconds {}",
        state.started.elapsed().as_secs()
    );
    family(
        &mut out,
        "centralino_calendar_open",
        "gauge",
        "1 when the calendar is open now, else 0.",
    );
    for calendar in state.calendars.iter() {
        let _ = writeln!(
            out,
            "centralino_calendar_open{{calendar=\"{}\"}} {}",
            escape_label(calendar.name()),
            u8::from(calendar.is_open(now))
        );
    }
    family(
        &mut out,
        "centralino_citizens",
        "gauge",
        "Citizens on file.",
    );
    let citizens = state.store.citizens().count().await.unwrap_or(-1);
    let _ = writeln!(out, "centralino_citizens {citizens}");
    family(
        &mut out,
        "centralino_offices",
        "gauge",
        "Territorial offices on file.",
    );
    let offices = state.store.offices().count().await.unwrap_or(-1);
    let _ = writeln!(out, "centralino_offices {offices}");
    family(
        &mut out,
        "centralino_http_requests_total",
        "counter",
        "HTTP requests answered, by route and status.",
    );
    if let Ok(requests) = state.metrics.requests.lock() {
        for ((route, status), count) in requests.iter() {
            let _ = writeln!(
                out,
                "centralino_http_requests_total{{route=\"{}\",status=\"{status}\"}} {count}",
                escape_label(route)
            );
        }
    }
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        out,
    )
        .into_response()
}

fn escape_label(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}
