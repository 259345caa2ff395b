//! Tests of the applications tables: number series, history, compare-and-append, duplicates.

use domain::{CenturyRule, Language, Sex, TaxCode};
use jiff::civil::date;

use super::*;
use crate::CitizenData;

async fn store_with_citizen() -> (Store, i64) {
    let store = Store::open_in_memory().await.unwrap();
    let id = store
        .citizens()
        .insert(&CitizenData {
            tax_code: TaxCode::parse_with(
                "RSSMRA80A01H501U",
                CenturyRule::with_reference_year(2026),
            )
            .unwrap(),
            given_name: "Mario".into(),
            surname: "Rossi".into(),
            birth_date: date(1980, 1, 1),
            sex: Sex::Male,
            address: None,
            mobile: None,
            email: None,
            language: Language::Italian,
        })
        .await
        .unwrap();
    (store, id)
}

fn at(text: &str) -> Timestamp {
    text.parse().unwrap()
}

fn application(citizen_id: i64, domus: &str, protocol: &str) -> NewApplication {
    NewApplication {
        citizen_id,
        domus_number: domus.into(),
        protocol_number: protocol.into(),
        benefit: "naspi".into(),
        office: "0700".parse().unwrap(),
        submitted_on: date(2026, 4, 15),
    }
}

fn entry(status: &str, when: &str) -> StatusEntry {
    StatusEntry {
        status: status.into(),
        sub_status: String::new(),
        changed_at: at(when),
    }
}

#[tokio::test]
async fn number_series_count_independently_and_roll_back_with_the_transaction() {
    let (store, _) = store_with_citizen().await;
    let mut tx = store.begin().await.unwrap();
    assert_eq!(
        Applications::next_in_series_in(&mut tx, "domus")
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        Applications::next_in_series_in(&mut tx, "domus")
            .await
            .unwrap(),
        2
    );
    assert_eq!(
        Applications::next_in_series_in(&mut tx, "protocol:0700:2026")
            .await
            .unwrap(),
        1
    );
    tx.commit().await.unwrap();
    let mut tx = store.begin().await.unwrap();
    assert_eq!(
        Applications::next_in_series_in(&mut tx, "domus")
            .await
            .unwrap(),
        3
    );
    drop(tx); // rolled back
    let mut tx = store.begin().await.unwrap();
    assert_eq!(
        Applications::next_in_series_in(&mut tx, "domus")
            .await
            .unwrap(),
        3
    );
}

#[tokio::test]
async fn an_application_is_stored_with_its_history_and_found_by_either_number() {
    let (store, citizen) = store_with_citizen().await;
    let now = at("2026-04-15T08:00:00Z");
    let mut tx = store.begin().await.unwrap();
    let id = Applications::insert_in(
        &mut tx,
        &application(citizen, "9000000000001", "INPS.0700.15/04/2026.0000001"),
        &entry("received", "2026-04-15T08:00:00Z"),
        now,
    )
    .await
    .unwrap();
    Applications::append_status_in(&mut tx, id, &entry("under-review", "2026-04-16T08:00:00Z"))
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let by_domus = store
        .applications()
        .by_domus("9000000000001")
        .await
        .unwrap()
        .unwrap();
    let by_protocol = store
        .applications()
        .by_protocol("INPS.0700.15/04/2026.0000001")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(by_domus, by_protocol);
    assert_eq!(by_domus.history.len(), 2);
    assert_eq!(
        by_domus.current().map(|e| e.status.as_str()),
        Some("under-review")
    );
    assert_eq!(
        store.applications().of_citizen(citizen).await.unwrap(),
        [by_domus]
    );
    assert_eq!(
        store
            .applications()
            .by_domus("9000000000002")
            .await
            .unwrap(),
        None
    );
    assert!(
        store
            .applications()
            .of_citizen(citizen + 1)
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn a_used_number_is_a_duplicate() {
    let (store, citizen) = store_with_citizen().await;
    let now = at("2026-04-15T08:00:00Z");
    let mut tx = store.begin().await.unwrap();
    let first = entry("received", "2026-04-15T08:00:00Z");
    Applications::insert_in(
        &mut tx,
        &application(citizen, "9000000000001", "P1"),
        &first,
        now,
    )
    .await
    .unwrap();
    let err = Applications::insert_in(
        &mut tx,
        &application(citizen, "9000000000001", "P2"),
        &first,
        now,
    )
    .await
    .unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Duplicate {
                entity: "application",
                ..
            }
        ),
        "{err}"
    );
}

#[tokio::test]
async fn a_status_is_appended_only_over_the_expected_one() {
    let (store, citizen) = store_with_citizen().await;
    let now = at("2026-04-15T08:00:00Z");
    let mut tx = store.begin().await.unwrap();
    let id = Applications::insert_in(
        &mut tx,
        &application(citizen, "9000000000001", "P1"),
        &entry("received", "2026-04-15T08:00:00Z"),
        now,
    )
    .await
    .unwrap();
    let review = entry("under-review", "2026-04-16T08:00:00Z");
    assert!(
        Applications::append_status_if_in(&mut tx, id, "received", &review)
            .await
            .unwrap()
    );
    // A second writer that also saw "received" loses.
    let rejected = entry("rejected", "2026-04-16T08:00:01Z");
    assert!(
        !Applications::append_status_if_in(&mut tx, id, "received", &rejected)
            .await
            .unwrap()
    );
    tx.commit().await.unwrap();
    let stored = store
        .applications()
        .by_domus("9000000000001")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.history.len(), 2);
}

#[tokio::test]
async fn audit_events_are_written_inside_the_transaction() {
    let (store, _) = store_with_citizen().await;
    let event = NewAuditEvent {
        actor: "agent:1".into(),
        action: "application.filed".into(),
        subject: None,
        detail: String::new(),
    };
    let mut tx = store.begin().await.unwrap();
    Applications::record_audit_in(&mut tx, at("2026-04-15T08:00:00Z"), &event)
        .await
        .unwrap();
    drop(tx);
    assert!(
        store.audit().recent(5).await.unwrap().is_empty(),
        "rolled back"
    );
    let mut tx = store.begin().await.unwrap();
    Applications::record_audit_in(&mut tx, at("2026-04-15T08:00:00Z"), &event)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(store.audit().recent(5).await.unwrap()[0].event, event);
}
