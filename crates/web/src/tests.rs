//! The router as a tower service, against a real in-memory store.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use tower::ServiceExt;

use super::*;

async fn app() -> Router {
    app_with_store().await.0
}

async fn app_with_store() -> (Router, store::Store) {
    let store = store::Store::open_in_memory().await.unwrap();
    let office = store::Office {
        code: "7001".parse().unwrap(),
        name: "Direzione provinciale di Roma".into(),
        region: "Lazio".into(),
        province: "RM".into(),
        street: "Via Ciro il Grande 21".into(),
        postcode: "00144".into(),
        city: "Roma".into(),
        hours: "Lun-Ven 08:30-12:30".into(),
    };
    store.offices().replace_all(&[office]).await.unwrap();
    let specs: std::collections::BTreeMap<String, calendar::CalendarSpec> =
        toml::from_str("[automated]\nzone = \"Europe/Rome\"\nalways_open = true\n").unwrap();
    let calendars = Calendars::from_specs(&specs).unwrap();
    let landing = LandingInfo {
        institute_name: "Istituto".into(),
        institute_short_name: "INPS".into(),
        entry_points: vec![],
        demo: false,
    };
    let back_office = BackOffice {
        zone: jiff::tz::TimeZone::get("Europe/Rome").unwrap(),
        survey: services::surveys::SurveySpec::inps_default(),
        linea: services::linea::LineaConfig::default(),
        appointments: services::appointments::AppointmentsConfig::standard().unwrap(),
        documents_dir: std::env::temp_dir().join("centralino-web-tests"),
        dispatch: services::documents::DispatchPolicy::default(),
        cu_calendar: "cu-campaign".into(),
    };
    let state = WebState::new(store.clone(), Arc::new(calendars), landing, back_office);
    (router(state), store)
}

async fn call(
    app: &Router,
    method: &str,
    uri: &str,
    body: Option<&str>,
) -> (StatusCode, serde_json::Value) {
    let request = Request::builder()
        .method(method)
        .uri(uri)
        .header("content-type", "application/json")
        .body(body.map_or_else(Body::empty, |b| Body::from(b.to_owned())))
        .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let json = serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null);
    (status, json)
}

#[tokio::test]
async fn tax_code_check_answers_data_or_the_reason() {
    let app = app().await;
    let (status, body) = call(
        &app,
        "POST",
        "/api/v1/tax-codes/check",
        Some(r#"{"tax_code":"rssmra80a01h501u"}"#),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["normalized"], "RSSMRA80A01H501U");
    assert_eq!(body["place_name"], "Roma");
    let (status, body) = call(
        &app,
        "POST",
        "/api/v1/tax-codes/check",
        Some(r#"{"tax_code":"RSSMRA80A01H501X"}"#),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["code"], "invalid_tax_code");
    assert!(body["message"].as_str().unwrap().contains("expected 'U'"));
    let (status, body) = call(&app, "POST", "/api/v1/tax-codes/check", Some("{not json")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["code"], "bad_request");
}

#[tokio::test]
async fn offices_calendars_and_holidays_are_readable() {
    let app = app().await;
    let (status, body) = call(&app, "GET", "/api/v1/offices?province=rm", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body[0]["code"], "7001");
    let (status, _) = call(&app, "GET", "/api/v1/offices/7002", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, body) = call(&app, "GET", "/api/v1/offices/70", None).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("invalid_office_code")
        )
    );
    let (_, body) = call(&app, "GET", "/api/v1/calendars", None).await;
    assert_eq!(body[0]["name"], "automated");
    assert_eq!(body[0]["open_now"], true);
    assert_eq!(body[0]["hours"].as_object().unwrap().len(), 8);
    let (_, body) = call(&app, "GET", "/api/v1/holidays/2027", None).await;
    assert!(
        body.as_array()
            .unwrap()
            .iter()
            .any(|h| h["date"] == "2027-10-04")
    );
    let (status, _) = call(&app, "GET", "/api/v1/holidays/1900", None).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn the_openapi_document_lists_every_route() {
    let app = app().await;
    let (status, doc) = call(&app, "GET", "/api/openapi.json", None).await;
    assert_eq!(status, StatusCode::OK);
    let paths = doc["paths"].as_object().unwrap();
    for path in [
        "/api/v1/tax-codes/check",
        "/api/v1/calendars",
        "/api/v1/holidays/{year}",
        "/api/v1/offices",
        "/api/v1/offices/{code}",
    ] {
        assert!(paths.contains_key(path), "{path} missing");
    }
    // No personal data in URLs: no path parameter is a tax code.
    for path in paths.keys() {
        assert!(!path.contains("tax_code}"), "{path}");
    }
}

#[tokio::test]
async fn personal_data_views_need_the_pin_and_are_audited() {
    let (app, store) = app_with_store().await;
    let tax_code = domain::TaxCode::parse("RSSMRA80A01H501U").unwrap();
    let citizen = store::CitizenData {
        tax_code: tax_code.clone(),
        given_name: "Mario".into(),
        surname: "Rossi".into(),
        birth_date: jiff::civil::date(1980, 1, 1),
        sex: domain::Sex::Male,
        address: None,
        mobile: None,
        email: None,
        language: domain::Language::Italian,
    };
    store.citizens().insert(&citizen).await.unwrap();
    services::pins::issue_demo_pin(&store, &tax_code, jiff::Timestamp::now())
        .await
        .unwrap();

    let (status, body) = call(
        &app,
        "POST",
        "/api/v1/applications/list",
        Some(r#"{"tax_code":"RSSMRA80A01H501U","pin":"11111111"}"#),
    )
    .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("pin_wrong"))
    );
    let viewed = |events: &[store::AuditEvent]| {
        events
            .iter()
            .filter(|e| e.event.action == "data.viewed")
            .count()
    };
    assert_eq!(viewed(&store.audit().recent(50).await.unwrap()), 0);

    let (status, body) = call(
        &app,
        "POST",
        "/api/v1/applications/list",
        Some(r#"{"tax_code":"RSSMRA80A01H501U","pin":"12345678"}"#),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let events = store.audit().recent(50).await.unwrap();
    assert_eq!(viewed(&events), 1);
    let event = events
        .iter()
        .find(|e| e.event.action == "data.viewed")
        .unwrap();
    assert_eq!(event.event.subject.as_deref(), Some("RSSMRA80A01H501U"));
}
