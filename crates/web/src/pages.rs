//! Server-rendered pages. For now the landing page (in English; Italian names and hours marked
//! `lang="it"`): what is running, with links to the citizen portal, what is not built yet, the
//! profile's numbers and hours.

use std::fmt::Write as _;

use axum::Router;
use axum::extract::State;
use axum::response::Html;
use axum::routing::get;
use domain::Language;
use jiff::Timestamp;

use crate::WebState;

pub(crate) fn router() -> Router<WebState> {
    Router::new().route("/", get(landing))
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
async fn landing(State(state): State<WebState>) -> Html<String> {
    let info = &state.landing;
    let now = Timestamp::now();
    let citizens = state.store.citizens().count().await.unwrap_or(0);
    let offices = state.store.offices().count().await.unwrap_or(0);
    let e = escape_html;
    let mut page = String::new();
    let _ = write!(
        page,
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>centralino · {short}</title>\
         <style>body{{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}}\
         table{{border-collapse:collapse;width:100%;margin:1rem 0}}td,th{{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left}}\
         .open{{color:#0a6a2f;font-weight:600}}.closed{{color:#a33;font-weight:600}}.todo{{color:#666}}</style></head><body>\
         <main><h1>centralino</h1><p>Multichannel contact center, profile <strong lang=\"it\">{name}</strong> ({short}).</p>",
        short = e(&info.institute_short_name),
        name = e(&info.institute_name),
    );
    let _ = write!(
        page,
        "<h2>Running</h2><ul><li>HTTP: this page, <a href=\"/healthz\">/healthz</a>, <a href=\"/metrics\">/metrics</a></li>\
         <li>Citizen portal, in eight languages: <a href=\"/portal\" id=\"portal-link\">/portal</a> \
         (MyINPS telephone PIN, INPS Risponde requests, appointments, applications, documents by post{demo_login}) \
         and its public <a href=\"/portal/contact\" id=\"portal-contact-link\">contact page</a> \
         (numbers, hours, the guide to the automated services)</li>\
         <li>Database: {citizens} citizens, {offices} territorial offices{demo}</li>\
         <li>Operator tools: <code>centralino taxcode</code>, <code>centralino calendar holidays YEAR</code>, <code>centralino calendar at NAME INSTANT</code></li></ul>\
         <h2 class=\"todo\">Not built yet</h2><ul class=\"todo\">\
         <li>Telephony (SIP/RTP calls to the numbers below), the IVR and spoken prompts</li>\
         <li>Self-service operations by phone (the REST API is at <a href=\"/api/openapi.json\">/api/openapi.json</a>)</li>\
         <li>Agent desktop, routing, office worklist, wallboard</li>\
         <li>WebCall (the portal's contact page says it is not available yet)</li></ul>",
        demo_login = if info.demo {
            "; log in as a demo citizen"
        } else {
            ""
        },
        demo = if info.demo {
            " (synthetic demo data)"
        } else {
            ""
        },
    );
    page.push_str("<h2>Hours</h2><table><tr><th>calendar</th><th>now</th><th>hours</th><th>next opening</th></tr>");
    for cal in state.calendars.iter() {
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
            "<tr><td>{}</td><td class=\"{cls}\">{state}</td><td><span lang=\"it\">{}</span><br><small>{}</small></td><td>{}</td></tr>",
            e(cal.name()),
            e(&cal.describe(Language::Italian)),
            e(&cal.describe(Language::English)),
            e(&next),
            cls = if open { "open" } else { "closed" },
            state = if open { "open" } else { "closed" },
        );
    }
    page.push_str("</table><h2>Numbers</h2><table><tr><th>number</th><th>name</th><th>country</th><th>channel</th></tr>");
    for ep in &info.entry_points {
        let channel = &ep.channel;
        let _ = write!(
            page,
            "<tr><td>{}</td><td lang=\"it\">{}</td><td>{}</td><td>{channel}</td></tr>",
            e(&ep.number),
            e(&ep.name),
            e(&ep.country)
        );
    }
    page.push_str("</table></main></body></html>");
    Html(page)
}
