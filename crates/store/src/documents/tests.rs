//! The documents table against a real SQLite database.

use domain::{CenturyRule, Language, Sex, TaxCode};
use jiff::Timestamp;
use jiff::civil::date;

use super::*;
use crate::CitizenData;
use crate::outbox::{NewMessage, Outbox, OutboxChannel};

fn tax_code() -> TaxCode {
    TaxCode::parse_with("RSSMRA80A01H501U", CenturyRule::with_reference_year(2026)).expect("valid")
}

fn t0() -> Timestamp {
    "2026-01-16T09:00:00Z".parse().expect("instant")
}

fn doc(kind: StoredKind, reference: &str, at: Timestamp) -> NewDocument {
    NewDocument {
        tax_code: tax_code(),
        kind,
        reference: reference.to_owned(),
        generated_at: at,
        file_path: format!("/data/documents/{reference}.pdf"),
        sha256: "a".repeat(64),
        size_bytes: 1234,
        dispatch_date: date(2026, 1, 19),
    }
}

async fn store() -> Store {
    let store = Store::open_in_memory().await.expect("store");
    store
        .citizens()
        .insert(&CitizenData {
            tax_code: tax_code(),
            given_name: "Mario".to_owned(),
            surname: "Rossi".to_owned(),
            birth_date: date(1980, 1, 1),
            sex: Sex::Male,
            address: None,
            mobile: None,
            email: None,
            language: Language::Italian,
        })
        .await
        .expect("citizen");
    store
}

#[tokio::test]
async fn documents_round_trip_with_their_message() {
    let store = store().await;
    let mut tx = store.begin().await.expect("tx");
    let new = doc(
        StoredKind::CertificazioneUnica { year: 2025 },
        "INPS.CU.1",
        t0(),
    );
    let id = Documents::insert_in(&mut tx, &new).await.expect("insert");
    let message = Outbox::enqueue_in(
        &mut tx,
        &NewMessage {
            channel: OutboxChannel::Postal,
            recipient: "Mario Rossi\nVia Roma 1".to_owned(),
            subject: "CU".to_owned(),
            body: String::new(),
            attachment: Some(new.file_path.clone()),
            related: Some(format!("document:{id}")),
        },
        t0(),
    )
    .await
    .expect("enqueue");
    assert!(
        Documents::attach_message_in(&mut tx, id, message)
            .await
            .expect("attach")
    );
    tx.commit().await.expect("commit");

    let found = store
        .documents()
        .by_id(id)
        .await
        .expect("read")
        .expect("exists");
    assert_eq!(found.document, new);
    assert_eq!(found.outbox_message_id, Some(message));
    assert_eq!(
        store
            .documents()
            .for_citizen(&tax_code(), 10)
            .await
            .expect("list")
            .len(),
        1
    );
    assert_eq!(store.documents().count().await.expect("count"), 1);
}

#[tokio::test]
async fn the_latest_is_per_kind_and_year() {
    let store = store().await;
    let mut tx = store.begin().await.expect("tx");
    let cu = |year| StoredKind::CertificazioneUnica { year };
    Documents::insert_in(&mut tx, &doc(cu(2024), "R1", t0()))
        .await
        .expect("insert");
    Documents::insert_in(&mut tx, &doc(cu(2025), "R2", t0()))
        .await
        .expect("insert");
    Documents::insert_in(&mut tx, &doc(StoredKind::PaymentStatement, "R3", t0()))
        .await
        .expect("insert");
    Documents::insert_in(&mut tx, &doc(StoredKind::PaymentStatement, "R4", t0()))
        .await
        .expect("insert");
    tx.commit().await.expect("commit");
    let latest = |kind| {
        let store = store.clone();
        async move {
            store
                .documents()
                .latest(&tax_code(), kind)
                .await
                .expect("read")
                .map(|d| d.document.reference)
        }
    };
    assert_eq!(latest(cu(2024)).await.as_deref(), Some("R1"));
    assert_eq!(latest(cu(2025)).await.as_deref(), Some("R2"));
    assert_eq!(latest(cu(2023)).await, None);
    assert_eq!(
        latest(StoredKind::PaymentStatement).await.as_deref(),
        Some("R4")
    );
    assert_eq!(latest(StoredKind::InsuranceRecord).await, None);
}

#[tokio::test]
async fn a_reference_is_unique() {
    let store = store().await;
    let mut tx = store.begin().await.expect("tx");
    Documents::insert_in(&mut tx, &doc(StoredKind::PensionDetails, "SAME", t0()))
        .await
        .expect("insert");
    let err = Documents::insert_in(&mut tx, &doc(StoredKind::InsuranceRecord, "SAME", t0()))
        .await
        .expect_err("duplicate");
    assert!(
        matches!(
            err,
            StoreError::Duplicate {
                entity: "document",
                ..
            }
        ),
        "{err:?}"
    );
}

#[tokio::test]
async fn audit_events_commit_with_the_transaction() {
    let store = store().await;
    let event = crate::NewAuditEvent {
        actor: "ivr".to_owned(),
        action: "document.requested".to_owned(),
        subject: Some("RSSMRA80A01H501U".to_owned()),
        detail: "test".to_owned(),
    };
    let mut tx = store.begin().await.expect("tx");
    audit_in(&mut tx, t0(), &event).await.expect("audit");
    drop(tx); // rolled back
    assert!(store.audit().recent(10).await.expect("audit").is_empty());
    let mut tx = store.begin().await.expect("tx");
    audit_in(&mut tx, t0(), &event).await.expect("audit");
    tx.commit().await.expect("commit");
    let events = store.audit().recent(10).await.expect("audit");
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].event, event);
    assert_eq!(events[0].at, t0());
}
