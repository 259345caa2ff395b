//! INPS Risponde (R-CHAN-6): the citizen's INPS Linea requests grouped by competent office, each
//! with its status, history and messages; a new request (service, office, topic, text); a reply
//! to the office. Request ids (`LI-2026-00000042`) are not personal data and may be in URLs; a
//! request of someone else is "not found", like one that does not exist.

use std::collections::BTreeMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Form, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use domain::ServiceGroup;
use jiff::Timestamp;
use serde::Deserialize;
use services::ServiceFailure;
use services::linea::{self, LineaActor, NewRequest};
use store::linea::{LineaOrigin, LineaStatus, MessageAuthor};

use super::pin::when;
use super::view::{self, Layout, Nav};
use super::{audit_view, citizen_of};
use crate::WebState;

pub(super) fn router() -> Router<WebState> {
    Router::new()
        .route("/portal/risponde", get(list))
        .route("/portal/risponde/new", get(new_form).post(create))
        .route("/portal/risponde/{id}", get(detail))
        .route("/portal/risponde/{id}/reply", post(reply))
}

/// The message key of a status.
pub(super) fn status_key(status: LineaStatus) -> &'static str {
    match status {
        LineaStatus::Received => "linea-status-received",
        LineaStatus::TakenInCharge => "linea-status-taken-in-charge",
        LineaStatus::WaitingForCitizen => "linea-status-waiting-for-citizen",
        LineaStatus::Answered => "linea-status-answered",
        LineaStatus::Closed => "linea-status-closed",
        LineaStatus::Reopened => "linea-status-reopened",
    }
}

/// The message key of a service group.
pub(super) fn group_key(group: ServiceGroup) -> String {
    format!("group-{}", group.id())
}

struct RequestRow {
    id: String,
    topic: String,
    status_key: &'static str,
    open: bool,
    updated: String,
    sla_due: String,
}

struct OfficeGroup {
    code: String,
    name: String,
    requests: Vec<RequestRow>,
}

#[derive(Template, WebTemplate)]
#[template(path = "portal/risponde.html")]
struct ListPage {
    l: Layout,
    groups: Vec<OfficeGroup>,
}

async fn list(State(state): State<WebState>, l: Layout) -> Response {
    let tax_code = match citizen_of(&l) {
        Ok(code) => code,
        Err(redirect) => return redirect,
    };
    let now = Timestamp::now();
    let groups = match linea::list_for_citizen(&state.store, &tax_code).await {
        Ok(groups) => groups,
        Err(e) => return view::server_error(l, &e),
    };
    if let Err(response) = audit_view(&state, &l, &tax_code, "INPS Linea requests", now).await {
        return response;
    }
    let groups = groups
        .into_iter()
        .map(|g| OfficeGroup {
            code: g.office_code.to_string(),
            name: g
                .office
                .map_or_else(|| g.office_code.to_string(), |o| o.name),
            requests: g
                .requests
                .iter()
                .map(|r| RequestRow {
                    id: r.id.to_string(),
                    topic: r.topic.clone(),
                    status_key: status_key(r.status),
                    open: r.status.is_open(),
                    updated: when(&l, &state, r.updated_at),
                    sla_due: l.words.date(r.sla_due),
                })
                .collect(),
        })
        .collect();
    ListPage {
        l: l.with_nav(Nav::Risponde, "risponde-title"),
        groups,
    }
    .into_response()
}

struct HistoryRow {
    status_key: &'static str,
    at: String,
    note: String,
}

struct MessageRow {
    from_office: bool,
    body: String,
    at: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "portal/risponde_detail.html")]
struct DetailPage {
    l: Layout,
    id: String,
    topic: String,
    description: String,
    group_key: String,
    office: String,
    status_key: &'static str,
    sla_due: String,
    created: String,
    history: Vec<HistoryRow>,
    messages: Vec<MessageRow>,
    can_reply: bool,
    error: Option<String>,
}

async fn detail(State(state): State<WebState>, l: Layout, Path(id): Path<String>) -> Response {
    render_detail(&state, l, &id, None).await
}

async fn render_detail(state: &WebState, l: Layout, id: &str, error: Option<String>) -> Response {
    let tax_code = match citizen_of(&l) {
        Ok(code) => code,
        Err(redirect) => return redirect,
    };
    let not_found = |l: Layout| {
        let body = l.t("risponde-not-found");
        view::message(
            l,
            StatusCode::NOT_FOUND,
            "not-found",
            "risponde-title",
            body,
        )
    };
    let Ok(request_id) = linea::parse_request_id(id) else {
        return not_found(l);
    };
    let now = Timestamp::now();
    let found = match linea::find(&state.store, &tax_code, request_id).await {
        Ok(found) => found,
        Err(e) if e.code() == "request_not_found" => return not_found(l),
        Err(e) => return view::server_error(l, &e),
    };
    if let Err(response) = audit_view(
        state,
        &l,
        &tax_code,
        &format!("INPS Linea request {request_id}"),
        now,
    )
    .await
    {
        return response;
    }
    let r = &found.request;
    let page = DetailPage {
        id: r.id.to_string(),
        topic: r.topic.clone(),
        description: r.description.clone(),
        group_key: group_key(r.service_group),
        office: found.office.as_ref().map_or_else(
            || r.office.to_string(),
            |o| format!("{} ({})", o.name, o.code),
        ),
        status_key: status_key(r.status),
        sla_due: l.words.date(r.sla_due),
        created: when(&l, state, r.created_at),
        history: found
            .history
            .iter()
            .map(|h| HistoryRow {
                status_key: status_key(h.status),
                at: when(&l, state, h.at),
                note: h.note.clone(),
            })
            .collect(),
        messages: found
            .messages
            .iter()
            .map(|m| MessageRow {
                from_office: m.author == MessageAuthor::Office,
                body: m.body.clone(),
                at: when(&l, state, m.at),
            })
            .collect(),
        can_reply: r.status != LineaStatus::Closed,
        error,
        l: l.with_nav(Nav::Risponde, "risponde-detail-title"),
    };
    page.into_response()
}

/// An office in the new-request form, grouped by region.
struct OfficeChoice {
    code: String,
    name: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "portal/risponde_new.html")]
struct NewPage {
    l: Layout,
    groups: Vec<(String, String)>,
    regions: Vec<(String, Vec<OfficeChoice>)>,
    form: RequestForm,
    error: Option<String>,
}

#[derive(Clone, Default, Deserialize)]
struct RequestForm {
    #[serde(default)]
    service_group: String,
    #[serde(default)]
    office: String,
    #[serde(default)]
    topic: String,
    #[serde(default)]
    description: String,
}

async fn new_page(
    state: &WebState,
    l: Layout,
    form: RequestForm,
    error: Option<String>,
) -> Response {
    if let Err(redirect) = citizen_of(&l) {
        return redirect;
    }
    let offices = match state.store.offices().all().await {
        Ok(offices) => offices,
        Err(e) => return view::server_error(l, &e),
    };
    let mut regions: BTreeMap<String, Vec<OfficeChoice>> = BTreeMap::new();
    for office in offices {
        regions
            .entry(office.region.clone())
            .or_default()
            .push(OfficeChoice {
                code: office.code.to_string(),
                name: office.name,
            });
    }
    let groups = ServiceGroup::ALL
        .into_iter()
        .map(|g| (g.id().to_owned(), l.t(&group_key(g))))
        .collect();
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    (
        status,
        NewPage {
            l: l.with_nav(Nav::Risponde, "risponde-new-title"),
            groups,
            regions: regions.into_iter().collect(),
            form,
            error,
        },
    )
        .into_response()
}

async fn new_form(State(state): State<WebState>, l: Layout) -> Response {
    new_page(&state, l, RequestForm::default(), None).await
}

async fn create(
    State(state): State<WebState>,
    l: Layout,
    Form(form): Form<RequestForm>,
) -> Response {
    let tax_code = match citizen_of(&l) {
        Ok(code) => code,
        Err(redirect) => return redirect,
    };
    let Ok(service_group) = form.service_group.trim().parse::<ServiceGroup>() else {
        let error = l.t("risponde-choose-service");
        return new_page(&state, l, form, Some(error)).await;
    };
    let office = match form.office.trim() {
        "" => None,
        code => match code.parse() {
            Ok(code) => Some(code),
            Err(_) => {
                let error = l.t("risponde-choose-office");
                return new_page(&state, l, form, Some(error)).await;
            }
        },
    };
    if form.topic.trim().is_empty() || form.description.trim().is_empty() {
        let error = l.t("risponde-fill-in");
        return new_page(&state, l, form, Some(error)).await;
    }
    let request = NewRequest {
        tax_code,
        origin: LineaOrigin::Online,
        service_group,
        topic: form.topic.clone(),
        description: form.description.clone(),
        office,
    };
    match linea::create(
        &state.store,
        &state.back_office.linea,
        &request,
        Timestamp::now(),
    )
    .await
    {
        Ok(created) => {
            l.set_flash("risponde-created", Some(&created.id.to_string()));
            Redirect::to(&format!("/portal/risponde/{}", created.id)).into_response()
        }
        Err(e) => {
            let key = match e.code() {
                "invalid_text" => "risponde-invalid-text",
                "no_competent_office" => "risponde-no-office",
                "office_not_found" => "risponde-choose-office",
                _ => return view::server_error(l, &e),
            };
            let error = l.t(key);
            new_page(&state, l, form, Some(error)).await
        }
    }
}

#[derive(Deserialize)]
struct ReplyForm {
    #[serde(default)]
    message: String,
}

async fn reply(
    State(state): State<WebState>,
    l: Layout,
    Path(id): Path<String>,
    Form(form): Form<ReplyForm>,
) -> Response {
    let tax_code = match citizen_of(&l) {
        Ok(code) => code,
        Err(redirect) => return redirect,
    };
    let Ok(request_id) = linea::parse_request_id(&id) else {
        return render_detail(&state, l, &id, None).await;
    };
    // Only the citizen's own request: someone else's is "not found".
    if let Err(e) = linea::find(&state.store, &tax_code, request_id).await {
        if e.code() == "request_not_found" {
            return render_detail(&state, l, &id, None).await;
        }
        return view::server_error(l, &e);
    }
    if form.message.trim().is_empty() {
        let error = l.t("risponde-fill-in");
        let mut response = render_detail(&state, l, &id, Some(error)).await;
        *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        return response;
    }
    let actor = LineaActor::Citizen {
        tax_code: tax_code.clone(),
    };
    match linea::add_message(
        &state.store,
        request_id,
        &actor,
        &form.message,
        Timestamp::now(),
    )
    .await
    {
        Ok(_) => {
            l.set_flash("risponde-replied", None);
            Redirect::to(&format!("/portal/risponde/{request_id}")).into_response()
        }
        Err(e) => {
            let key = match e.code() {
                "invalid_text" => "risponde-invalid-text",
                "request_closed" => "risponde-closed",
                _ => return view::server_error(l, &e),
            };
            let error = l.t(key);
            let mut response = render_detail(&state, l, &id, Some(error)).await;
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            response
        }
    }
}
