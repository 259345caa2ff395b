use axum::Router;
use axum::http::Request as HttpRequest;
use axum::routing::{get, post};
use http_body_util::BodyExt;
use rand::SeedableRng;
use rand::rngs::StdRng;
use tower::ServiceExt;

use super::*;

fn t(seconds: i64) -> Timestamp {
    Timestamp::from_second(1_780_000_000 + seconds).unwrap()
}

fn citizen() -> Principal {
    Principal::Citizen(CitizenPrincipal {
        tax_code: TaxCode::parse("RSSMRA80A01H501U").unwrap(),
        display_name: "Mario Rossi".into(),
        login: CitizenLogin::Demo,
    })
}

fn table() -> (Sessions, StdRng) {
    (
        Sessions::new(SessionConfig::default()),
        StdRng::seed_from_u64(7),
    )
}

#[test]
fn ids_and_tokens_are_random_64_hex_digits() {
    let (mut sessions, mut rng) = table();
    let a = sessions.start(t(0), &mut rng);
    let b = sessions.start(t(0), &mut rng);
    assert_ne!(a.id(), b.id());
    assert_ne!(a.csrf_token(), b.csrf_token());
    assert_ne!(a.id().as_str(), a.csrf_token());
    for text in [a.id().as_str(), a.csrf_token()] {
        assert_eq!(SessionId::parse(text).map(|i| i.0), Some(text.to_owned()));
    }
    assert!(SessionId::parse("abc").is_none());
    assert!(SessionId::parse(&a.id().as_str().to_uppercase()).is_none());
    assert!(!format!("{:?}", a).contains(a.csrf_token()));
    assert!(!format!("{:?}", a.id()).contains(a.id().as_str()));
}

#[test]
fn a_session_lives_while_used_and_expires_when_idle() {
    let (mut sessions, mut rng) = table();
    let s = sessions.start(t(0), &mut rng);
    // 29 minutes idle, then again 29: alive, because each use counts.
    assert!(matches!(
        sessions.resume(s.id(), t(29 * 60)),
        Resumed::Live(_)
    ));
    assert!(matches!(
        sessions.resume(s.id(), t(58 * 60)),
        Resumed::Live(_)
    ));
    // 30 minutes idle: gone, and gone for good.
    assert!(matches!(
        sessions.resume(s.id(), t(88 * 60)),
        Resumed::Expired
    ));
    assert!(matches!(
        sessions.resume(s.id(), t(88 * 60)),
        Resumed::Unknown
    ));
    assert!(sessions.is_empty());
}

#[test]
fn a_session_ends_after_the_absolute_timeout_however_active() {
    let (mut sessions, mut rng) = table();
    let s = sessions.start(t(0), &mut rng);
    let mut at = 0;
    while at < 12 * 3600 - 600 {
        at += 600;
        assert!(matches!(sessions.resume(s.id(), t(at)), Resumed::Live(_)));
    }
    assert!(matches!(
        sessions.resume(s.id(), t(12 * 3600)),
        Resumed::Expired
    ));
}

#[test]
fn signing_in_replaces_the_id_and_the_token() {
    let (mut sessions, mut rng) = table();
    let s = sessions.start(t(0), &mut rng);
    assert!(sessions.set_value(s.id(), "pending", Some("x".into())));
    let signed = sessions.sign_in(s.id(), citizen(), t(5), &mut rng).unwrap();
    assert_ne!(signed.id(), s.id());
    assert_ne!(signed.csrf_token(), s.csrf_token());
    assert_eq!(signed.principal(), Some(&citizen()));
    assert_eq!(signed.value("pending"), Some("x"));
    assert!(matches!(sessions.resume(s.id(), t(6)), Resumed::Unknown));
    assert!(matches!(
        sessions.resume(signed.id(), t(6)),
        Resumed::Live(_)
    ));
    assert!(sessions.end(signed.id()));
    assert!(!sessions.end(signed.id()));
    assert!(
        sessions
            .sign_in(signed.id(), citizen(), t(7), &mut rng)
            .is_none()
    );
}

#[test]
fn csrf_tokens_match_only_exactly() {
    let (mut sessions, mut rng) = table();
    let s = sessions.start(t(0), &mut rng);
    let token = s.csrf_token().to_owned();
    assert!(s.csrf_matches(&token));
    assert!(!s.csrf_matches(&token[..63]));
    assert!(!s.csrf_matches(""));
    let mut other = token.clone().into_bytes();
    other[10] = if other[10] == b'a' { b'b' } else { b'a' };
    assert!(!s.csrf_matches(&String::from_utf8(other).unwrap()));
}

#[test]
fn a_full_table_drops_expired_then_least_recently_used_sessions() {
    let config = SessionConfig {
        max_sessions: 2,
        ..SessionConfig::default()
    };
    let mut sessions = Sessions::new(config);
    let mut rng = StdRng::seed_from_u64(1);
    let a = sessions.start(t(0), &mut rng);
    let b = sessions.start(t(10), &mut rng);
    assert!(matches!(sessions.resume(a.id(), t(20)), Resumed::Live(_)));
    let c = sessions.start(t(30), &mut rng);
    assert_eq!(sessions.len(), 2);
    assert!(matches!(sessions.resume(b.id(), t(31)), Resumed::Unknown));
    assert!(matches!(sessions.resume(a.id(), t(31)), Resumed::Live(_)));
    assert!(matches!(sessions.resume(c.id(), t(31)), Resumed::Live(_)));
    assert_eq!(sessions.purge(t(31 + 30 * 60)), 2);
}

// ── The middleware over a small router ───────────────────────────────────────────────────────

fn app(config: SessionConfig) -> Router {
    let layer = SessionLayer::new(config);
    Router::new()
        .route("/", get(|s: CurrentSession| async move { s.csrf_token() }))
        .route(
            "/who",
            get(|s: CurrentSession| async move {
                format!(
                    "{:?}",
                    s.principal()
                        .and_then(|p| p.citizen().map(|c| c.display_name.clone()))
                )
            }),
        )
        .route(
            "/login",
            post(|s: CurrentSession| async move {
                assert!(s.sign_in(citizen(), Timestamp::now()));
                s.csrf_token()
            }),
        )
        .route(
            "/logout",
            post(|s: CurrentSession| async move {
                s.sign_out();
                "bye"
            }),
        )
        .layer(axum::middleware::from_fn_with_state(layer, middleware))
}

struct Answer {
    status: StatusCode,
    set_cookie: Vec<String>,
    cache_control: Option<String>,
    body: String,
}

async fn send(app: &Router, request: HttpRequest<Body>) -> Answer {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let set_cookie = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect();
    let cache_control = response
        .headers()
        .get(header::CACHE_CONTROL)
        .map(|v| v.to_str().unwrap().to_owned());
    let body = response.into_body().collect().await.unwrap().to_bytes();
    Answer {
        status,
        set_cookie,
        cache_control,
        body: String::from_utf8_lossy(&body).into_owned(),
    }
}

fn get_req(uri: &str, cookie: Option<&str>) -> HttpRequest<Body> {
    let mut b = HttpRequest::get(uri);
    if let Some(c) = cookie {
        b = b.header(header::COOKIE, c);
    }
    b.body(Body::empty()).unwrap()
}

fn form(uri: &str, cookie: &str, body: &str) -> HttpRequest<Body> {
    HttpRequest::post(uri)
        .header(header::COOKIE, cookie)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body.to_owned()))
        .unwrap()
}

fn cookie_pair(set_cookie: &str) -> String {
    set_cookie.split(';').next().unwrap().to_owned()
}

#[tokio::test]
async fn the_cookie_is_http_only_same_site_and_secure_only_behind_tls() {
    let app = app(SessionConfig::default());
    let first = send(&app, get_req("/", None)).await;
    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(first.set_cookie.len(), 1);
    let cookie = &first.set_cookie[0];
    assert!(cookie.starts_with("centralino_session="), "{cookie}");
    for attribute in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(cookie.contains(attribute), "{cookie} lacks {attribute}");
    }
    assert!(!cookie.contains("Secure"), "{cookie}");
    assert_eq!(first.cache_control.as_deref(), Some("no-store"));

    let behind_tls = HttpRequest::get("/")
        .header("x-forwarded-proto", "https")
        .body(Body::empty())
        .unwrap();
    assert!(send(&app, behind_tls).await.set_cookie[0].contains("; Secure"));

    let strict = app_strict();
    let answer = send(&strict, get_req("/", None)).await;
    assert!(answer.set_cookie[0].contains("SameSite=Strict"));
    assert!(answer.set_cookie[0].contains("; Secure"));

    // The same session again: no new cookie, same token.
    let again = send(&app, get_req("/", Some(&cookie_pair(cookie)))).await;
    assert!(again.set_cookie.is_empty());
    assert_eq!(again.body, first.body);
}

fn app_strict() -> Router {
    app(SessionConfig {
        same_site: SameSite::Strict,
        secure: CookieSecurity::Always,
        ..SessionConfig::default()
    })
}

#[tokio::test]
async fn posts_need_the_sessions_csrf_token() {
    let app = app(SessionConfig::default());
    let first = send(&app, get_req("/", None)).await;
    let cookie = cookie_pair(&first.set_cookie[0]);
    let token = first.body;

    let no_token = send(&app, form("/login", &cookie, "a=1")).await;
    assert_eq!(no_token.status, StatusCode::FORBIDDEN);
    let wrong = send(
        &app,
        form("/login", &cookie, &format!("csrf={}", "0".repeat(64))),
    )
    .await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN);
    // Someone else's token does not work either.
    let other = send(&app, get_req("/", None)).await.body;
    let foreign = send(&app, form("/login", &cookie, &format!("csrf={other}"))).await;
    assert_eq!(foreign.status, StatusCode::FORBIDDEN);
    // No session at all: refused, and a session starts.
    let fresh = HttpRequest::post("/login")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(format!("csrf={token}")))
        .unwrap();
    let fresh = send(&app, fresh).await;
    assert_eq!(fresh.status, StatusCode::FORBIDDEN);
    assert_eq!(fresh.set_cookie.len(), 1);
    assert_eq!(
        send(&app, get_req("/who", Some(&cookie))).await.body,
        "None"
    );

    // The right token in the form signs in, with a new cookie and a new token.
    let ok = send(&app, form("/login", &cookie, &format!("x=1&csrf={token}"))).await;
    assert_eq!(ok.status, StatusCode::OK);
    assert_eq!(ok.set_cookie.len(), 1);
    let signed_cookie = cookie_pair(&ok.set_cookie[0]);
    assert_ne!(signed_cookie, cookie);
    assert_ne!(ok.body, token);
    assert_eq!(
        send(&app, get_req("/who", Some(&signed_cookie))).await.body,
        "Some(\"Mario Rossi\")"
    );
    // The old id is dead.
    assert_eq!(
        send(&app, get_req("/who", Some(&cookie))).await.body,
        "None"
    );

    // The header works as well as the field; the old token no longer does.
    let stale = send(
        &app,
        form("/logout", &signed_cookie, &format!("csrf={token}")),
    )
    .await;
    assert_eq!(stale.status, StatusCode::FORBIDDEN);
    let by_header = HttpRequest::post("/logout")
        .header(header::COOKIE, &signed_cookie)
        .header(CSRF_HEADER, &ok.body)
        .body(Body::empty())
        .unwrap();
    let out = send(&app, by_header).await;
    assert_eq!(out.status, StatusCode::OK);
    assert!(
        out.set_cookie[0].contains("Max-Age=0"),
        "{:?}",
        out.set_cookie
    );
    assert_eq!(
        send(&app, get_req("/who", Some(&signed_cookie))).await.body,
        "None"
    );
}

#[tokio::test]
async fn an_oversized_form_is_refused() {
    let app = app(SessionConfig::default());
    let first = send(&app, get_req("/", None)).await;
    let cookie = cookie_pair(&first.set_cookie[0]);
    let body = format!("csrf={}&x={}", first.body, "a".repeat(MAX_FORM_BYTES));
    let answer = send(&app, form("/logout", &cookie, &body)).await;
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[test]
fn cookie_values_are_found_among_many() {
    let mut headers = HeaderMap::new();
    headers.append(header::COOKIE, HeaderValue::from_static("a=1; lang=ar"));
    headers.append(header::COOKIE, HeaderValue::from_static("b=2"));
    assert_eq!(cookie_value(&headers, "lang"), Some("ar"));
    assert_eq!(cookie_value(&headers, "b"), Some("2"));
    assert_eq!(cookie_value(&headers, "c"), None);
}
