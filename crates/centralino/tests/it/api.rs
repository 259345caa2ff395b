//! The REST API end to end: the real server with the demo data, called over HTTP.

use std::path::Path;
use std::time::Duration;

use serde_json::{Value, json};

use crate::serve::start;

struct Client {
    http: reqwest::Client,
    base: String,
}

impl Client {
    async fn post(&self, path: &str, body: Value) -> (u16, Value) {
        let response = self
            .http
            .post(format!("{}{path}", self.base))
            .json(&body)
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        (status, response.json().await.unwrap_or(Value::Null))
    }
}

fn demo_people() -> Vec<centralino::demo::DemoCitizen> {
    centralino::demo::population(&centralino::Profile::inps().unwrap().offices).unwrap()
}

/// Text of a PDF through `pdftotext`; `None` (with a note) where the tool is missing outside CI.
fn pdf_text(path: &Path) -> Option<String> {
    match std::process::Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
    {
        Ok(out) => Some(String::from_utf8_lossy(&out.stdout).into_owned()),
        Err(_) if std::env::var_os("CI").is_some() => {
            panic!("pdftotext (Debian poppler-utils) is needed to check letters in CI")
        }
        Err(_) => {
            eprintln!("note: pdftotext missing; the letter's text is not checked");
            None
        }
    }
}

#[tokio::test]
async fn a_citizen_uses_the_back_office_over_http() {
    let dir = tempfile::tempdir().unwrap();
    let server = start("sqlite::memory:".into(), dir.path(), true).await;
    let api = Client {
        http: reqwest::Client::new(),
        base: format!("http://{}/api/v1", server.addr),
    };
    let people = demo_people();
    let (first, second) = (people[0].personal.as_str(), people[1].personal.as_str());

    // Identification: the demo PIN works; three wrong PINs lock it, and then even the right one
    // is refused.
    let (status, _) = api
        .post(
            "/applications/list",
            json!({"tax_code": first, "pin": "12345678"}),
        )
        .await;
    assert_eq!(status, 200);
    for expected in ["pin_wrong", "pin_wrong", "pin_locked"] {
        let (status, body) = api
            .post(
                "/pin/verify",
                json!({"tax_code": second, "pin": "87654321"}),
            )
            .await;
        assert_eq!(
            (status, body["code"].as_str()),
            (401, Some(expected)),
            "{body}"
        );
    }
    let (status, body) = api
        .post(
            "/pin/verify",
            json!({"tax_code": second, "pin": "12345678"}),
        )
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (401, Some("pin_locked")),
        "{body}"
    );
    let (status, body) = api
        .post(
            "/pin/verify",
            json!({"tax_code": "RSSMRA80A01H501X", "pin": "1"}),
        )
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (422, Some("invalid_tax_code")),
        "{body}"
    );

    // A document sent home: a real letter, refused when asked again too soon.
    let mut sent = None;
    for citizen in people.iter().filter(|c| c.data.address.is_some()).take(20) {
        let request = json!({"tax_code": citizen.personal.as_str(), "kind": "insurance_record"});
        let (status, body) = api.post("/documents/request", request.clone()).await;
        if status == 200 {
            sent = Some((citizen, request, body));
            break;
        }
        assert_eq!(status, 404, "{body}");
    }
    let (citizen, request, body) = sent.expect("a demo citizen with an insurance record");
    assert!(
        body["dispatch_date"]
            .as_str()
            .is_some_and(|d| d.len() == 10),
        "{body}"
    );
    let (status, again) = api.post("/documents/request", request).await;
    assert_eq!(
        (status, again["code"].as_str()),
        (409, Some("sent_recently")),
        "{again}"
    );
    let letters: Vec<_> = walk(&dir.path().join("documents"))
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    assert_eq!(letters.len(), 1, "{letters:?}");
    if let Some(text) = pdf_text(&letters[0]) {
        let surname = citizen.data.surname.to_uppercase();
        assert!(
            text.to_uppercase().contains(&surname),
            "{surname} not in the letter:\n{text}"
        );
        assert!(text.contains("Pagina 1 di"), "{text}");
    }
    // The outbox worker hands the letter to the postal spool.
    let spool = dir.path().join("outbox");
    let mut delivered = false;
    for _ in 0..120 {
        if walk(&spool)
            .iter()
            .any(|p| p.to_string_lossy().contains("postal"))
        {
            delivered = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert!(delivered, "the postal message reached the spool");

    // Appointments: book the first free slot; the office has two desks, so a third booking of the
    // same slot is refused; another citizen cannot see the booking.
    let (status, slots) = api
        .post(
            "/appointments/slots",
            json!({"office": "0100", "service": "pensions", "mode": "counter", "days": 20}),
        )
        .await;
    assert_eq!(status, 200, "{slots}");
    let slot = slots
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["free_desks"] == 2)
        .expect("a free slot")["start"]
        .as_str()
        .unwrap()
        .to_owned();
    let start_instant: jiff::Timestamp = slot
        .parse::<jiff::ZonedDateTime>()
        .map(|z| z.timestamp())
        .unwrap_or_else(|_| slot.parse().unwrap());
    let book = |who: &str| {
        json!({"tax_code": who, "mobile": "333 123 4567", "office": "0100", "service": "pensions",
               "mode": "counter", "start": start_instant.to_string()})
    };
    let (status, booked) = api.post("/appointments/book", book(first)).await;
    assert_eq!(status, 200, "{booked}");
    let (status, _) = api.post("/appointments/book", book(second)).await;
    assert_eq!(status, 200);
    let (status, taken) = api
        .post("/appointments/book", book(people[2].personal.as_str()))
        .await;
    assert_eq!(
        (status, taken["code"].as_str()),
        (409, Some("slot_taken")),
        "{taken}"
    );
    let code = booked["code"].as_str().unwrap();
    let (status, _) = api
        .post(
            "/appointments/lookup",
            json!({"tax_code": second, "code": code}),
        )
        .await;
    assert_eq!(status, 404, "another citizen's booking is not found");
    let (status, cancelled) = api
        .post(
            "/appointments/cancel",
            json!({"tax_code": first, "code": code}),
        )
        .await;
    assert_eq!(
        (status, cancelled["status"].as_str()),
        (200, Some("cancelled")),
        "{cancelled}"
    );
    let (status, body) = api.post("/appointments/book", json!({"tax_code": first, "mobile": "06 1234", "office": "0100", "service": "pensions", "mode": "counter", "start": start_instant.to_string()})).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (422, Some("invalid_mobile")),
        "{body}"
    );

    // INPS Linea: a request sent online is found with its id, by its owner only.
    let (status, created) = api
        .post(
            "/linea/requests",
            json!({"tax_code": first, "pin": "12345678", "service_group": "pensions",
                   "topic": "Ricostituzione", "description": "Chiedo la ricostituzione della pensione.",
                   "office": "0100"}),
        )
        .await;
    assert_eq!(status, 200, "{created}");
    let id = created["id"].as_str().unwrap();
    assert!(id.starts_with("LI-"), "{id}");
    let (status, detail) = api
        .post(
            "/linea/lookup",
            json!({"tax_code": first, "request_id": id}),
        )
        .await;
    assert_eq!(
        (status, detail["request"]["status"].as_str()),
        (200, Some("received")),
        "{detail}"
    );
    let (status, _) = api
        .post(
            "/linea/lookup",
            json!({"tax_code": second, "request_id": id}),
        )
        .await;
    assert_eq!(status, 404);

    // Domestic work: the calculator answers with the published table.
    let (status, quote) = api
        .post(
            "/domestic/quote",
            json!({"year": 2025, "quarter": 2, "hourly_wage": "9.50", "weekly_hours": "20"}),
        )
        .await;
    assert_eq!(
        (
            status,
            quote["amount_cents"].as_i64(),
            quote["due_date"].as_str()
        ),
        (200, Some(49140), Some("2025-07-10")),
        "{quote}"
    );
    let (status, body) = api
        .post(
            "/domestic/quote",
            json!({"year": 2025, "quarter": 5, "hourly_wage": "9.50", "weekly_hours": "20"}),
        )
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (422, Some("invalid_quarter")),
        "{body}"
    );

    server.stop().await;
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                found.extend(walk(&path));
            } else {
                found.push(path);
            }
        }
    }
    found
}
