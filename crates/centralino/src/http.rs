//! The HTTP surface of the foundation: landing page, `/healthz`, `/metrics`.
//!
//! The REST API, the citizen portal and the staff pages arrive with the `web` crate; until then
//! the landing page says plainly which parts are running and which are not built yet.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use domain::Language;
use jiff::Timestamp;
use tower_http::trace::TraceLayer;

use crate::Profile;
use crate::config::Channel;

/// What every handler shares; cheap to clone.
#[derive(Clone, Debug)]
pub(crate) struct AppState {
    pub(crate) store: store::Store,
    profile: Arc<Profile>,
    demo: bool,
    metrics: Arc<HttpMetrics>,
    started: Instant,
}

impl AppState {
    pub(crate) fn new(store: store::Store, profile: Arc<Profile>, demo: bool) -> Self {
        AppState {
            store,
            profile,
            demo,
            metrics: Arc::default(),
            started: Instant::now(),
        }
    }
}

/// Request counts by route and status. Held briefly, never across an await.
#[derive(Debug, Default)]
struct HttpMetrics {
    requests: Mutex<BTreeMap<(String, u16), u64>>,
}

pub(crate) fn router(state: AppState) -> Router {
    Router::new()
        .route("/", get(landing))
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics))
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            count_requests,
        ))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

async fn count_requests(State(state): State<AppState>, request: Request, next: Next) -> Response {
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

async fn not_found() -> impl IntoResponse {
    (
        StatusCode::NOT_FOUND,
        Json(serde_json::json!({"code": "not_found", "message": "no such page"})),
    )
}

async fn healthz(State(state): State<AppState>) -> Response {
    if state.store.ping().await {
        Json(serde_json::json!({"status": "ok", "database": "ok"})).into_response()
    } else {
        let body = serde_json::json!({"status": "unavailable", "database": "not answering"});
        (StatusCode::SERVICE_UNAVAILABLE, Json(body)).into_response()
    }
}

async fn metrics(State(state): State<AppState>) -> Response {
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
        escape_label(&state.profile.institute.short_name)
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
    for name in state.profile.calendars.names() {
        let open = state
            .profile
            .calendars
            .get(name)
            .is_some_and(|c| c.is_open(now));
        let _ = writeln!(
            out,
            "centralino_calendar_open{{calendar=\"{}\"}} {}",
            escape_label(name),
            u8::from(open)
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

fn escape_html(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for ch in value.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// What is running, what is not built yet, and the profile's numbers and hours.
async fn landing(State(state): State<AppState>) -> Html<String> {
    let profile = &state.profile;
    let now = Timestamp::now();
    let citizens = state.store.citizens().count().await.unwrap_or(0);
    let offices = state.store.offices().count().await.unwrap_or(0);
    let e = escape_html;
    let mut page = String::new();
    let _ = write!(
        page,
        "<!doctype html><html lang=\"it\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>centralino · {short}</title>\
         <style>body{{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}}\
         table{{border-collapse:collapse;width:100%;margin:1rem 0}}td,th{{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left}}\
         .open{{color:#0a6a2f;font-weight:600}}.closed{{color:#a33;font-weight:600}}.todo{{color:#777}}</style></head><body>\
         <h1>centralino</h1><p>Multichannel contact center, profile <strong>{name}</strong> ({short}).</p>",
        short = e(&profile.institute.short_name),
        name = e(&profile.institute.name),
    );
    let _ = write!(
        page,
        "<h2>Running</h2><ul><li>HTTP: this page, <a href=\"/healthz\">/healthz</a>, <a href=\"/metrics\">/metrics</a></li>\
         <li>Database: {citizens} citizens, {offices} territorial offices{demo}</li>\
         <li>Operator tools: <code>centralino taxcode</code>, <code>centralino calendar holidays YEAR</code>, <code>centralino calendar at NAME INSTANT</code></li></ul>\
         <h2 class=\"todo\">Not built yet</h2><ul class=\"todo\">\
         <li>Telephony (SIP/RTP calls to the numbers below), the IVR and spoken prompts</li>\
         <li>Self-service operations and the REST API</li>\
         <li>Agent desktop, routing, office worklist, wallboard</li>\
         <li>Citizen portal (MyINPS phone PIN, INPS Risponde), WebCall</li></ul>",
        demo = if state.demo {
            " (synthetic demo data)"
        } else {
            ""
        },
    );
    page.push_str("<h2>Hours</h2><table><tr><th>calendar</th><th>now</th><th>hours</th><th>next opening</th></tr>");
    for name in profile.calendars.names() {
        let Some(cal) = profile.calendars.get(name) else {
            continue;
        };
        let open = cal.is_open(now);
        let next = if open {
            String::new()
        } else {
            cal.next_open(now).map_or("none".into(), |z| {
                z.strftime("%a %Y-%m-%d %H:%M %Z").to_string()
            })
        };
        let _ = write!(
            page,
            "<tr><td>{}</td><td class=\"{cls}\">{state}</td><td>{}<br><small>{}</small></td><td>{}</td></tr>",
            e(name),
            e(&cal.describe(Language::Italian)),
            e(&cal.describe(Language::English)),
            e(&next),
            cls = if open { "open" } else { "closed" },
            state = if open { "open" } else { "closed" },
        );
    }
    page.push_str("</table><h2>Numbers</h2><table><tr><th>number</th><th>name</th><th>country</th><th>channel</th></tr>");
    for ep in &profile.entry_points {
        let channel = match ep.channel {
            Channel::Landline => "landline",
            Channel::Mobile => "mobile",
            Channel::International => "international",
            Channel::Webcall => "WebCall",
        };
        let _ = write!(
            page,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{channel}</td></tr>",
            e(&ep.number),
            e(&ep.name),
            e(&ep.country)
        );
    }
    page.push_str("</table></body></html>");
    Html(page)
}
