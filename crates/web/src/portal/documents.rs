//! My applications with their status (R-SELF-1 online), and the four documents sent home
//! (R-SELF-4..7): payment statement, pension payment details, Certificazione Unica (only during
//! its campaign) and insurance record, generated as PDF letters and put in the postal outbox by
//! the same back-office operation the phone uses.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Form, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use jiff::Timestamp;
use serde::Deserialize;
use services::ServiceFailure;
use services::applications::{self, ApplicationStatus};
use services::documents::{self, DocumentError, DocumentKind};
use services::payments;

use super::pin::when;
use super::risponde::group_key;
use super::view::{self, Layout, Nav};
use super::{audit_view, citizen_of};
use crate::WebState;

pub(super) fn router() -> Router<WebState> {
    Router::new()
        .route("/portal/applications", get(applications_page))
        .route("/portal/documents", get(documents_page).post(request))
}

fn status_key(status: ApplicationStatus) -> String {
    format!("application-status-{}", status.code())
}

struct Row {
    domus: String,
    protocol: String,
    benefit: String,
    group_key: String,
    office: String,
    submitted: String,
    status_key: String,
    sub_status: String,
    last_change: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "portal/applications.html")]
struct ApplicationsPage {
    l: Layout,
    rows: Vec<Row>,
}

async fn applications_page(State(state): State<WebState>, l: Layout) -> Response {
    let tax_code = match citizen_of(&l) {
        Ok(code) => code,
        Err(redirect) => return redirect,
    };
    let now = Timestamp::now();
    let found = match applications::applications_of(&state.store, &tax_code).await {
        Ok(found) => found,
        Err(e) => return view::server_error(l, &e),
    };
    if let Err(response) = audit_view(&state, &l, &tax_code, "applications list", now).await {
        return response;
    }
    let rows = found
        .iter()
        .map(|a| Row {
            domus: a.domus.to_string(),
            protocol: a.protocol.to_string(),
            benefit: a.benefit.italian_name().to_owned(),
            group_key: group_key(a.service_group()),
            office: a
                .office_name
                .clone()
                .unwrap_or_else(|| a.office.to_string()),
            submitted: l.words.date(a.submitted_on),
            status_key: status_key(a.status()),
            sub_status: a.sub_status().to_owned(),
            last_change: when(&l, &state, a.last_change()),
        })
        .collect();
    ApplicationsPage {
        l: l.with_nav(Nav::Applications, "applications-title"),
        rows,
    }
    .into_response()
}

/// The outcome of a request, for the page.
enum Outcome {
    Sent { reference: String, date: String },
    Refused(String),
}

#[derive(Template, WebTemplate)]
#[template(path = "portal/documents.html")]
struct DocumentsPage {
    l: Layout,
    cu_open: bool,
    years: Vec<i16>,
    outcome: Option<Outcome>,
}

async fn render(state: &WebState, l: Layout, outcome: Option<Outcome>) -> Response {
    let tax_code = match citizen_of(&l) {
        Ok(code) => code,
        Err(redirect) => return redirect,
    };
    let now = Timestamp::now();
    let cu_open = state
        .calendars
        .get(&state.back_office.cu_calendar)
        .is_some_and(|c| c.is_open(now));
    let years = match payments::cu_years(&state.store, &tax_code).await {
        Ok(years) => years,
        Err(e) if e.code() == "unknown_tax_code" => Vec::new(),
        Err(e) => return view::server_error(l, &e),
    };
    let status = match &outcome {
        Some(Outcome::Refused(_)) => StatusCode::CONFLICT,
        _ => StatusCode::OK,
    };
    (
        status,
        DocumentsPage {
            l: l.with_nav(Nav::Documents, "documents-title"),
            cu_open,
            years,
            outcome,
        },
    )
        .into_response()
}

async fn documents_page(State(state): State<WebState>, l: Layout) -> Response {
    render(&state, l, None).await
}

#[derive(Deserialize)]
struct RequestForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    year: String,
}

async fn request(
    State(state): State<WebState>,
    l: Layout,
    Form(form): Form<RequestForm>,
) -> Response {
    let tax_code = match citizen_of(&l) {
        Ok(code) => code,
        Err(redirect) => return redirect,
    };
    let year = form.year.trim().parse::<i16>().ok();
    let Some(kind) = DocumentKind::parse(form.kind.trim(), year) else {
        let refusal = Outcome::Refused(l.t("documents-choose"));
        return render(&state, l, Some(refusal)).await;
    };
    let now = Timestamp::now();
    let today = now.to_zoned_datetime(state.back_office.zone.clone()).date();
    let calendar = state.calendars.get(&state.back_office.cu_calendar);
    let content = match payments::document_letter(
        &state.store,
        &tax_code,
        kind,
        calendar,
        today,
        now,
    )
    .await
    {
        Ok(content) => content,
        Err(e) => {
            let key = match e.code() {
                "cu_campaign_closed" => "documents-cu-closed",
                "unknown_tax_code" => "pin-not-on-file",
                "no_payments"
                | "no_pension"
                | "no_pension_payments"
                | "cu_not_found"
                | "no_insurance_record" => "documents-nothing",
                _ => return view::server_error(l, &e),
            };
            let refusal = Outcome::Refused(l.t(key));
            return render(&state, l, Some(refusal)).await;
        }
    };
    let dispatched = documents::request_document(
        &state.store,
        &state.back_office.documents_dir,
        &tax_code,
        kind,
        content,
        &state.back_office.dispatch,
        "portal",
        now,
    )
    .await;
    let outcome = match dispatched {
        Ok(d) => Outcome::Sent {
            reference: d.reference,
            date: l.words.date(d.dispatch_date),
        },
        Err(DocumentError::NoAddress) => Outcome::Refused(l.t("documents-no-address")),
        Err(DocumentError::SentRecently { again_from, .. }) => {
            Outcome::Refused(l.t1("documents-sent-recently", "date", &l.words.date(again_from)))
        }
        Err(e) if e.kind() == services::ErrorKind::InvalidInput => {
            Outcome::Refused(l.t("documents-choose"))
        }
        Err(e) => return view::server_error(l, &e),
    };
    render(&state, l, Some(outcome)).await
}
