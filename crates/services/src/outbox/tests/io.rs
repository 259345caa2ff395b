//! The IO sender against a local stand-in for the IO API (plain http on 127.0.0.1).

use std::sync::{Arc, Mutex};

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;

use super::*;

#[derive(Clone, Debug)]
struct Received {
    key: Option<String>,
    body: serde_json::Value,
}

type Log = Arc<Mutex<Vec<Received>>>;

/// Starts an IO API stand-in that answers every message with `status`; returns its base URL.
async fn io_api(status: u16) -> (String, Log) {
    let log: Log = Arc::default();
    let app = axum::Router::new()
        .route(
            "/api/v1/messages",
            post(
                |State((log, status)): State<(Log, u16)>,
                 headers: HeaderMap,
                 Json(body): Json<serde_json::Value>| async move {
                    log.lock().expect("log").push(Received {
                        key: headers
                            .get("Ocp-Apim-Subscription-Key")
                            .and_then(|v| v.to_str().ok())
                            .map(str::to_owned),
                        body,
                    });
                    let code =
                        StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
                    (
                        code,
                        Json(serde_json::json!({"id": "01HQ", "detail": "stand-in"})),
                    )
                },
            ),
        )
        .with_state((Arc::clone(&log), status));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (format!("http://{addr}/"), log)
}

fn sender(base_url: &str) -> IoSender {
    IoSender::new(IoConfig {
        base_url: base_url.to_owned(),
        api_key: "key-1".to_owned(),
        timeout_secs: 5,
    })
    .expect("config")
}

fn io_message(recipient: &str, subject: &str, body: &str) -> OutboxMessage {
    OutboxMessage {
        id: 1,
        message: NewMessage {
            channel: OutboxChannel::Io,
            recipient: recipient.to_owned(),
            subject: subject.to_owned(),
            body: body.to_owned(),
            attachment: None,
            related: Some("linea:LI-2026-00000001".to_owned()),
        },
        status: OutboxStatus::Pending,
        attempts: 1,
        next_attempt_at: t0(),
        last_error: None,
        created_at: t0(),
        sent_at: None,
    }
}

#[tokio::test]
async fn a_message_reaches_the_io_api_in_its_shape() {
    let (base, log) = io_api(201).await;
    let body = "La sua richiesta LI-2026-00000001 è stata presa in carico dalla sede di Roma.";
    sender(&base)
        .send(&io_message(
            "RSSMRA80A01H501U",
            "Richiesta presa in carico",
            body,
        ))
        .await
        .expect("delivered");
    let log = log.lock().expect("log");
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].key.as_deref(), Some("key-1"));
    let sent = &log[0].body;
    assert_eq!(sent["fiscal_code"], "RSSMRA80A01H501U");
    assert_eq!(sent["content"]["subject"], "Richiesta presa in carico");
    let markdown = sent["content"]["markdown"].as_str().expect("markdown");
    // The body was short of IO's 80 characters: the closing line makes it long enough.
    assert!(markdown.starts_with(body));
    assert!(markdown.chars().count() >= MARKDOWN_MIN);
    assert!(markdown.contains("803 164"));
}

#[tokio::test]
async fn answers_map_to_retry_or_give_up() {
    for (status, transient) in [
        (500, true),
        (503, true),
        (429, true),
        (401, true),
        (400, false),
        (404, false),
        (403, false),
    ] {
        let (base, _log) = io_api(status).await;
        let err = sender(&base)
            .send(&io_message(
                "RSSMRA80A01H501U",
                "Scadenza contributi",
                &"x".repeat(100),
            ))
            .await
            .expect_err("not delivered");
        assert_eq!(
            matches!(err, SendError::Transient(_)),
            transient,
            "{status}: {err:?}"
        );
        assert!(err.to_string().contains(&status.to_string()), "{err}");
    }
}

#[tokio::test]
async fn invalid_messages_are_refused_before_sending() {
    let (base, log) = io_api(201).await;
    let io = sender(&base);
    let err = io
        .send(&io_message(
            "NOT-A-TAX-CODE",
            "Scadenza contributi",
            &"x".repeat(100),
        ))
        .await
        .expect_err("bad recipient");
    assert!(matches!(err, SendError::Permanent(_)), "{err:?}");
    let err = io
        .send(&io_message(
            "RSSMRA80A01H501U",
            "Scadenza contributi",
            &"x".repeat(10_001),
        ))
        .await
        .expect_err("too long");
    assert!(
        matches!(&err, SendError::Permanent(e) if e.contains("10000")),
        "{err:?}"
    );
    let mut sms = io_message("RSSMRA80A01H501U", "Scadenza contributi", "x");
    sms.message.channel = OutboxChannel::Sms;
    assert!(matches!(io.send(&sms).await, Err(SendError::Permanent(_))));
    assert!(log.lock().expect("log").is_empty());
}

#[test]
fn subjects_and_bodies_are_fitted_to_io_rules() {
    assert_eq!(io_subject("Avviso"), "INPS - Avviso");
    assert_eq!(io_subject(""), "Comunicazione INPS");
    assert_eq!(io_subject("Scadenza contributi"), "Scadenza contributi");
    let long = io_subject(&"à".repeat(200));
    assert_eq!(long.chars().count(), SUBJECT_MAX);
    assert!(long.ends_with('…'));
    for subject in ["a", "abc", "INPS"] {
        let fitted = io_subject(subject);
        assert!(
            (SUBJECT_MIN..=SUBJECT_MAX).contains(&fitted.chars().count()),
            "{fitted}"
        );
    }
    let exact = "y".repeat(MARKDOWN_MAX);
    assert_eq!(io_markdown(&exact).expect("fits"), exact);
    assert!(io_markdown(&"y".repeat(MARKDOWN_MAX + 1)).is_err());
    assert!(io_markdown("").expect("padded").chars().count() >= MARKDOWN_MIN);
}

#[test]
fn base_urls_are_https_except_on_loopback() {
    let config = |url: &str, key: &str| IoConfig {
        base_url: url.to_owned(),
        api_key: key.to_owned(),
        timeout_secs: 5,
    };
    for ok in [
        "https://api.io.pagopa.it",
        "http://127.0.0.1:8080",
        "http://localhost:9000/",
        "http://[::1]:9000",
    ] {
        assert!(IoSender::new(config(ok, "k")).is_ok(), "{ok}");
    }
    for bad in ["http://example.org", "ftp://127.0.0.1", "not a url"] {
        assert!(IoSender::new(config(bad, "k")).is_err(), "{bad}");
    }
    assert!(IoSender::new(config("https://api.io.pagopa.it", " ")).is_err());
}
