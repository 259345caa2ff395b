use std::path::Path;

use domain::{CenturyRule, Language, Money, Sex, TaxCode};
use jiff::civil::date;
use jiff::{SignedDuration, Timestamp};
use store::outbox::OutboxChannel;
use store::{Address, CitizenData, Office, Store};

use super::*;
use crate::letters::tests::pdf_text;
use crate::letters::{Cell, LetterTable};

const WITH_ADDRESS: &str = "RSSMRA80A01H501U";
const WITHOUT_ADDRESS: &str = "BNCGNN75T52F205W";
const UNKNOWN: &str = "VRDLGU90E15Z404L";

fn tax_code(code: &str) -> TaxCode {
    TaxCode::parse_with(code, CenturyRule::with_reference_year(2026)).expect("valid test code")
}

/// Friday 16 January 2026, 10:00 in Rome.
fn friday() -> Timestamp {
    "2026-01-16T09:00:00Z".parse().expect("instant")
}

async fn store() -> Store {
    let store = Store::open_in_memory().await.expect("store");
    seed(&store).await;
    store
}

async fn seed(store: &Store) {
    store
        .citizens()
        .insert(&CitizenData {
            tax_code: tax_code(WITH_ADDRESS),
            given_name: "Mario".to_owned(),
            surname: "Rossi".to_owned(),
            birth_date: date(1980, 1, 1),
            sex: Sex::Male,
            address: Some(Address {
                street: "Via della Libertà 12".to_owned(),
                postcode: "00184".to_owned(),
                city: "Roma".to_owned(),
                province: "RM".to_owned(),
            }),
            mobile: None,
            email: None,
            language: Language::Italian,
        })
        .await
        .expect("insert");
    store
        .citizens()
        .insert(&CitizenData {
            tax_code: tax_code(WITHOUT_ADDRESS),
            given_name: "Giovanna".to_owned(),
            surname: "Bianchi".to_owned(),
            birth_date: date(1975, 12, 12),
            sex: Sex::Female,
            address: None,
            mobile: None,
            email: None,
            language: Language::Italian,
        })
        .await
        .expect("insert");
    store
        .offices()
        .replace_all(&[Office {
            code: "7000".parse().expect("office code"),
            name: "Direzione provinciale di Roma".to_owned(),
            region: "Lazio".to_owned(),
            province: "RM".to_owned(),
            street: "Via dell'Amba Aradam 5".to_owned(),
            postcode: "00184".to_owned(),
            city: "Roma".to_owned(),
            hours: "Lun-Ven 08:30-12:30".to_owned(),
        }])
        .await
        .expect("offices");
}

fn content() -> LetterContent {
    LetterContent {
        title: "Dettaglio dei pagamenti della pensione".to_owned(),
        paragraphs: vec!["Le inviamo il dettaglio dei pagamenti della Sua pensione.".to_owned()],
        tables: vec![LetterTable {
            caption: "Rate mensili".to_owned(),
            columns: vec!["Mese".to_owned(), "Netto".to_owned()],
            rows: vec![vec![
                Cell::Text("Gennaio, tredicesima già inclusa".to_owned()),
                Cell::Amount(Money::from_cents(187_654)),
            ]],
        }],
        closing: vec![],
    }
}

async fn request(
    store: &Store,
    dir: &Path,
    code: &str,
    kind: DocumentKind,
    now: Timestamp,
) -> Result<Dispatch, DocumentError> {
    request_document(
        store,
        dir,
        &tax_code(code),
        kind,
        content(),
        &DispatchPolicy::default(),
        "ivr",
        now,
    )
    .await
}

fn files_under(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                found.push(path);
            }
        }
    }
    found
}

#[tokio::test]
async fn request_renders_stores_and_enqueues_the_letter() {
    let store = store().await;
    let dir = tempfile::tempdir().expect("dir");
    let dispatch = request(
        &store,
        dir.path(),
        WITH_ADDRESS,
        DocumentKind::PensionDetails,
        friday(),
    )
    .await
    .expect("sent");

    // Friday's request is posted on Monday.
    assert_eq!(dispatch.dispatch_date, date(2026, 1, 19));
    assert!(
        dispatch.reference.starts_with("INPS.PEN.20260116."),
        "{}",
        dispatch.reference
    );

    // The file: where it says, complete, with the digest recorded.
    assert!(
        dispatch
            .file_path
            .starts_with(dir.path().join("2026").join("01"))
    );
    let bytes = std::fs::read(&dispatch.file_path).expect("pdf on disk");
    assert_eq!(bytes.len() as u64, dispatch.size_bytes);
    assert_eq!(hex(&Sha256::digest(&bytes)), dispatch.sha256);
    assert_eq!(files_under(dir.path()).len(), 1, "no temporary file left");

    // The document row, linked to its outbox message.
    let doc = store
        .documents()
        .by_id(dispatch.document_id)
        .await
        .expect("read")
        .expect("recorded");
    assert_eq!(doc.outbox_message_id, Some(dispatch.outbox_message_id));
    assert_eq!(doc.document.reference, dispatch.reference);
    assert_eq!(doc.document.dispatch_date, date(2026, 1, 19));
    assert_eq!(doc.document.generated_at, friday());

    // The postal message: to the address block, with the file attached.
    let message = store
        .outbox()
        .by_id(dispatch.outbox_message_id)
        .await
        .expect("read")
        .expect("queued");
    assert_eq!(message.message.channel, OutboxChannel::Postal);
    assert_eq!(
        message.message.recipient,
        "Mario Rossi\nVia della Libertà 12\n00184 ROMA RM"
    );
    assert_eq!(
        message.message.attachment.as_deref(),
        Some(dispatch.file_path.to_string_lossy().as_ref())
    );
    assert_eq!(
        message.message.related,
        Some(format!("document:{}", dispatch.document_id))
    );
    assert!(
        message.message.body.contains("19/01/2026"),
        "{}",
        message.message.body
    );

    // The audit event.
    let events = store.audit().recent(10).await.expect("audit");
    let event = events
        .iter()
        .find(|e| e.event.action == "document.requested")
        .expect("audited");
    assert_eq!(event.event.subject.as_deref(), Some(WITH_ADDRESS));
    assert_eq!(event.event.actor, "ivr");

    // The letter says what it should.
    if let Some(text) = pdf_text(&bytes) {
        for expected in [
            "Mario Rossi",
            "Via della Libertà 12",
            "00184 ROMA RM",
            "Oggetto: Dettaglio dei pagamenti della pensione",
            "Gennaio, tredicesima già inclusa",
            "1.876,54 €",
            "Direzione provinciale di Roma",
            "Roma, 16/01/2026",
            "Pagina 1 di 1",
        ] {
            assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
        }
    }
}

#[tokio::test]
async fn no_address_is_refused_and_nothing_is_written() {
    let store = store().await;
    let dir = tempfile::tempdir().expect("dir");
    let err = request(
        &store,
        dir.path(),
        WITHOUT_ADDRESS,
        DocumentKind::PaymentStatement,
        friday(),
    )
    .await
    .expect_err("refused");
    assert!(matches!(err, DocumentError::NoAddress), "{err:?}");
    assert_eq!(err.code(), "no_address");
    assert_eq!(err.kind(), ErrorKind::Conflict);
    assert!(err.reason_it().contains("indirizzo"));
    assert!(files_under(dir.path()).is_empty());
    assert_eq!(store.documents().count().await.expect("count"), 0);
    assert_eq!(store.outbox().counts().await.expect("counts").pending, 0);
}

#[tokio::test]
async fn unknown_citizen_is_not_found() {
    let store = store().await;
    let dir = tempfile::tempdir().expect("dir");
    let err = request(
        &store,
        dir.path(),
        UNKNOWN,
        DocumentKind::InsuranceRecord,
        friday(),
    )
    .await
    .expect_err("refused");
    assert_eq!(err.code(), "citizen_not_found");
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert!(files_under(dir.path()).is_empty());
}

#[tokio::test]
async fn the_same_document_is_not_sent_twice_within_the_window() {
    let store = store().await;
    let dir = tempfile::tempdir().expect("dir");
    let first = request(
        &store,
        dir.path(),
        WITH_ADDRESS,
        DocumentKind::PaymentStatement,
        friday(),
    )
    .await
    .expect("first");

    let ten_days_later = friday() + SignedDuration::from_hours(24 * 10);
    let err = request(
        &store,
        dir.path(),
        WITH_ADDRESS,
        DocumentKind::PaymentStatement,
        ten_days_later,
    )
    .await
    .expect_err("too soon");
    match &err {
        DocumentError::SentRecently {
            requested_on,
            dispatch_date,
            again_from,
        } => {
            assert_eq!(*requested_on, date(2026, 1, 16));
            assert_eq!(*dispatch_date, first.dispatch_date);
            assert_eq!(*again_from, date(2026, 2, 15));
        }
        other => panic!("expected sent_recently, got {other:?}"),
    }
    assert_eq!(err.code(), "sent_recently");
    assert_eq!(err.kind(), ErrorKind::Conflict);
    let reason = err.reason_it();
    assert!(
        reason.contains("16/01/2026") && reason.contains("15/02/2026"),
        "{reason}"
    );
    assert_eq!(files_under(dir.path()).len(), 1);

    // Another kind is not blocked; nor is the same kind after the window.
    request(
        &store,
        dir.path(),
        WITH_ADDRESS,
        DocumentKind::InsuranceRecord,
        ten_days_later,
    )
    .await
    .expect("another kind");
    let thirty_days_later = friday() + SignedDuration::from_hours(24 * 30);
    request(
        &store,
        dir.path(),
        WITH_ADDRESS,
        DocumentKind::PaymentStatement,
        thirty_days_later,
    )
    .await
    .expect("after the window");

    // The window is the policy's.
    let err = request_document(
        &store,
        dir.path(),
        &tax_code(WITH_ADDRESS),
        DocumentKind::PaymentStatement,
        content(),
        &DispatchPolicy {
            resend_after_days: 60,
        },
        "portal",
        thirty_days_later + SignedDuration::from_hours(24 * 40),
    )
    .await
    .expect_err("60-day window");
    assert_eq!(err.code(), "sent_recently");
    request_document(
        &store,
        dir.path(),
        &tax_code(WITH_ADDRESS),
        DocumentKind::PaymentStatement,
        content(),
        &DispatchPolicy {
            resend_after_days: 0,
        },
        "portal",
        thirty_days_later + SignedDuration::from_hours(1),
    )
    .await
    .expect("no window");
}

#[tokio::test]
async fn certificazione_unica_is_per_year() {
    let store = store().await;
    let dir = tempfile::tempdir().expect("dir");
    let cu = |year| DocumentKind::CertificazioneUnica { year };
    request(&store, dir.path(), WITH_ADDRESS, cu(2025), friday())
        .await
        .expect("CU 2025");
    request(&store, dir.path(), WITH_ADDRESS, cu(2024), friday())
        .await
        .expect("CU 2024 is another document");
    let err = request(
        &store,
        dir.path(),
        WITH_ADDRESS,
        cu(2025),
        friday() + SignedDuration::from_hours(1),
    )
    .await
    .expect_err("CU 2025 again");
    assert_eq!(err.code(), "sent_recently");
    let err = request(&store, dir.path(), WITH_ADDRESS, cu(2031), friday())
        .await
        .expect_err("future year");
    assert_eq!(err.code(), "invalid_year");
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
}

#[tokio::test]
async fn a_failed_transaction_leaves_no_file_and_no_rows() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("test.db");
    let url = format!("sqlite://{}", db.display());
    let store = Store::open(&url).await.expect("store");
    seed(&store).await;
    // Sabotage the documents table from outside: every insert fails.
    let pool = sqlx::SqlitePool::connect(&url).await.expect("pool");
    sqlx::query(
        "CREATE TRIGGER no_documents BEFORE INSERT ON documents \
         BEGIN SELECT RAISE(ABORT, 'injected failure'); END",
    )
    .execute(&pool)
    .await
    .expect("trigger");
    pool.close().await;

    let docs = dir.path().join("docs");
    let err = request(
        &store,
        &docs,
        WITH_ADDRESS,
        DocumentKind::PaymentStatement,
        friday(),
    )
    .await
    .expect_err("insert fails");
    assert_eq!(err.kind(), ErrorKind::Internal, "{err:?}");
    assert!(err.to_string().contains("injected failure"), "{err}");
    assert!(files_under(&docs).is_empty(), "{:?}", files_under(&docs));
    assert_eq!(store.outbox().counts().await.expect("counts").pending, 0);
    assert!(
        store
            .audit()
            .recent(10)
            .await
            .expect("audit")
            .iter()
            .all(|e| e.event.action != "document.requested")
    );
}

#[tokio::test]
async fn simultaneous_requests_send_one_letter() {
    let store = store().await;
    let dir = tempfile::tempdir().expect("dir");
    let (a, b) = tokio::join!(
        request(
            &store,
            dir.path(),
            WITH_ADDRESS,
            DocumentKind::PaymentStatement,
            friday()
        ),
        request(
            &store,
            dir.path(),
            WITH_ADDRESS,
            DocumentKind::PaymentStatement,
            friday() + SignedDuration::from_secs(1)
        ),
    );
    let codes: Vec<&str> = [&a, &b]
        .iter()
        .map(|r| match r {
            Ok(_) => "ok",
            Err(e) => e.code(),
        })
        .collect();
    assert_eq!(codes.iter().filter(|c| **c == "ok").count(), 1, "{codes:?}");
    assert!(codes.contains(&"sent_recently"), "{codes:?}");
    assert_eq!(store.documents().count().await.expect("count"), 1);
    assert_eq!(files_under(dir.path()).len(), 1);
}

#[test]
fn dispatch_is_the_next_working_day_in_rome() {
    let at = |s: &str| s.parse::<Timestamp>().expect("instant");
    // Friday → Monday.
    assert_eq!(dispatch_date(at("2026-01-16T09:00:00Z")), date(2026, 1, 19));
    // Thursday → Friday.
    assert_eq!(dispatch_date(at("2026-01-15T09:00:00Z")), date(2026, 1, 16));
    // 23:30 UTC on Thursday is already Friday in Rome → Monday.
    assert_eq!(dispatch_date(at("2026-01-15T23:30:00Z")), date(2026, 1, 19));
    // Easter Saturday 2026 → Easter Monday is a holiday → Tuesday 7 April.
    assert_eq!(dispatch_date(at("2026-04-04T09:00:00Z")), date(2026, 4, 7));
}

#[test]
fn kinds_round_trip_their_codes() {
    for kind in [
        DocumentKind::PaymentStatement,
        DocumentKind::PensionDetails,
        DocumentKind::CertificazioneUnica { year: 2025 },
        DocumentKind::InsuranceRecord,
    ] {
        assert_eq!(
            DocumentKind::parse(kind.code(), kind.stored().year()),
            Some(kind)
        );
    }
    assert_eq!(DocumentKind::parse("certificazione_unica", None), None);
    assert_eq!(DocumentKind::parse("passport", None), None);
}

#[test]
fn policy_reads_from_toml_shape_and_rejects_unknown_keys() {
    let policy: DispatchPolicy =
        serde_json::from_str(r#"{"resend_after_days": 15}"#).expect("parses");
    assert_eq!(policy.resend_after_days, 15);
    let default: DispatchPolicy = serde_json::from_str("{}").expect("parses");
    assert_eq!(default, DispatchPolicy::default());
    assert!(serde_json::from_str::<DispatchPolicy>(r#"{"resend_days": 15}"#).is_err());
}
