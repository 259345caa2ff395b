//! The harness itself, on small pages served by a router in the test: axe fails a broken page
//! and passes a good one; forms are filled and submitted; `lang`, `dir`, the `Accept-Language`
//! option and the fake microphone work.

use std::collections::HashMap;

use axum::extract::Form;
use axum::http::HeaderMap;
use axum::http::header::CONTENT_SECURITY_POLICY;
use axum::response::Html;
use axum::routing::get;
use serde_json::json;

use super::{Browser, Options, Violation, assert_accessible, violations};

/// An image without `alt` and an input without a label: two critical axe violations.
const BROKEN: &str = r#"<!doctype html><html lang="it"><head><meta charset="utf-8">
<title>Pagina rotta</title></head><body><main><h1>Pagina rotta</h1>
<img src="data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACwAAAAAAQABAAACAkQBADs=">
<form><input type="text" id="nome-senza-etichetta"></form></main></body></html>"#;

/// A right-to-left form that axe has nothing serious against (served with a strict
/// Content-Security-Policy).
const FORM: &str = r#"<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>استمارة</title></head><body><main><h1>استمارة</h1>
<form method="post" action="/greet">
<label for="name">الاسم</label> <input id="name" name="name" type="text">
<label for="office">المكتب</label> <select id="office" name="office"><option>Roma</option><option>Milano</option></select>
<label><input type="checkbox" name="agree" value="yes"> أوافق</label>
<button type="submit">إرسال</button>
</form></main></body></html>"#;

async fn greet(headers: HeaderMap, Form(form): Form<HashMap<String, String>>) -> Html<String> {
    let get = |key: &str| form.get(key).map_or("-", String::as_str).to_owned();
    let language = headers
        .get("accept-language")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-");
    Html(format!(
        "<!doctype html><html lang=\"it\"><head><title>Fatto</title></head><body><main>\
         <h1>Fatto</h1><p>nome={} ufficio={} consenso={} lingue={language}</p></main></body></html>",
        get("name"),
        get("office"),
        get("agree"),
    ))
}

/// Serves the test pages on a free port; the server ends with the test's runtime.
async fn serve_pages() -> String {
    let router = axum::Router::new()
        .route("/broken", get(|| async { Html(BROKEN) }))
        // A strict policy, as a real page may send: axe is injected and runs all the same.
        .route(
            "/form",
            get(|| async {
                (
                    [(
                        CONTENT_SECURITY_POLICY,
                        "default-src 'self'; script-src 'self'",
                    )],
                    Html(FORM),
                )
            }),
        )
        .route("/greet", axum::routing::post(greet));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await });
    base
}

fn panic_text(panic: Box<dyn std::any::Any + Send>) -> String {
    match panic.downcast::<String>() {
        Ok(text) => *text,
        Err(panic) => panic
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .unwrap_or_default(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn axe_fails_a_page_with_an_unlabelled_image_and_input_and_passes_a_good_one() {
    let base = serve_pages().await;
    let Some(browser) = Browser::start(&base, Options::default()).await else {
        return;
    };

    browser.open("/broken").await;
    let found: Vec<Violation> = violations(browser.client()).await;
    let rule = |id: &str| {
        found
            .iter()
            .find(|v| v.id == id)
            .unwrap_or_else(|| panic!("axe did not report {id}: {found:#?}"))
    };
    let image = rule("image-alt");
    assert_eq!(image.impact.as_deref(), Some("critical"));
    assert_eq!(image.targets.len(), 1, "{image:?}");
    assert!(image.targets[0].contains("img"), "{image:?}");
    assert_eq!(rule("label").targets, ["#nome-senza-etichetta"]);

    // The assertion fails, naming each rule and element.
    let client = browser.client().clone();
    let failed = tokio::spawn(async move { assert_accessible(&client).await })
        .await
        .expect_err("assert_accessible must fail on the broken page");
    let message = panic_text(failed.into_panic());
    for expected in [
        "/broken",
        "image-alt (critical)",
        "label (critical)",
        "#nome-senza-etichetta",
    ] {
        assert!(message.contains(expected), "{expected:?} in:\n{message}");
    }

    browser.open("/form").await;
    browser.assert_accessible().await;
    browser.close().await;
}

/// A one-second 440 Hz tone, 8 kHz mono 16-bit PCM, for the fake microphone.
fn tone_wav(path: &std::path::Path) {
    let rate: u32 = 8000;
    let samples: Vec<i16> = (0..rate)
        .map(|n| {
            let phase = 2.0 * std::f64::consts::PI * 440.0 * f64::from(n) / f64::from(rate);
            (phase.sin() * 8000.0) as i16
        })
        .collect();
    let data_len = u32::try_from(samples.len() * 2).unwrap();
    let mut wav = Vec::new();
    wav.extend_from_slice(b"RIFF");
    wav.extend_from_slice(&(36 + data_len).to_le_bytes());
    wav.extend_from_slice(b"WAVEfmt ");
    wav.extend_from_slice(&16u32.to_le_bytes());
    wav.extend_from_slice(&1u16.to_le_bytes()); // PCM
    wav.extend_from_slice(&1u16.to_le_bytes()); // mono
    wav.extend_from_slice(&rate.to_le_bytes());
    wav.extend_from_slice(&(rate * 2).to_le_bytes());
    wav.extend_from_slice(&2u16.to_le_bytes());
    wav.extend_from_slice(&16u16.to_le_bytes());
    wav.extend_from_slice(b"data");
    wav.extend_from_slice(&data_len.to_le_bytes());
    for sample in samples {
        wav.extend_from_slice(&sample.to_le_bytes());
    }
    std::fs::write(path, wav).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_form_is_filled_and_submitted_and_language_direction_and_microphone_are_read() {
    let base = serve_pages().await;
    let dir = tempfile::tempdir().unwrap();
    let wav = dir.path().join("tone.wav");
    tone_wav(&wav);
    let options = Options::default().accept_language("ar").fake_media(&wav);
    let Some(browser) = Browser::start(&base, options).await else {
        return;
    };

    browser.open("/form").await;
    assert_eq!(browser.title().await, "استمارة");
    assert_eq!(browser.lang().await.as_deref(), Some("ar"));
    assert_eq!(browser.dir().await.as_deref(), Some("rtl"));
    assert_eq!(
        browser.by_id("name").await.attr("name").await.unwrap(),
        Some("name".to_owned())
    );

    // The fake microphone answers without a prompt.
    let tracks = browser
        .client()
        .execute_async(
            "const done = arguments[0];
             navigator.mediaDevices.getUserMedia({ audio: true })
               .then(s => done(s.getAudioTracks().map(t => t.readyState)))
               .catch(e => done('refused: ' + e.name));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(tracks, json!(["live"]));

    browser.fill("الاسم", "Anna O'Brien").await;
    browser.fill("المكتب", "Milano").await;
    browser.check("أوافق").await;
    browser.click("إرسال").await;
    browser.wait_for_text("nome=Anna O'Brien").await;
    assert_eq!(browser.path().await, "/greet");
    assert_eq!(browser.lang().await.as_deref(), Some("it"));
    assert_eq!(browser.dir().await, None);
    let text = browser.text().await;
    assert!(
        text.contains("ufficio=Milano consenso=yes lingue=ar"),
        "{text}"
    );
    browser.close().await;
}
