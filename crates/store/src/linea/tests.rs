//! The INPS Linea tables against a real in-memory SQLite database.

use domain::{CenturyRule, Language, Sex};
use jiff::civil::date;

use super::*;
use crate::{Address, CitizenData};

fn tax_code(code: &str) -> TaxCode {
    TaxCode::parse_with(code, CenturyRule::with_reference_year(2026)).unwrap()
}

async fn store_with(codes: &[&str]) -> Store {
    let store = Store::open_in_memory().await.unwrap();
    for code in codes {
        store
            .citizens()
            .insert(&CitizenData {
                tax_code: tax_code(code),
                given_name: "Maria".into(),
                surname: "Rossi".into(),
                birth_date: date(1980, 1, 1),
                sex: Sex::Female,
                address: Some(Address {
                    street: "Via Roma 1".into(),
                    postcode: "10100".into(),
                    city: "Torino".into(),
                    province: "TO".into(),
                }),
                mobile: None,
                email: None,
                language: Language::Italian,
            })
            .await
            .unwrap();
    }
    store
}

fn new_request(code: &str, office: &str, sla_due: Date) -> NewLineaRequest {
    NewLineaRequest {
        tax_code: tax_code(code),
        office: office.parse().unwrap(),
        origin: LineaOrigin::Agent {
            agent_id: "a042".into(),
            contact_id: Some(ContactId::new(7).unwrap()),
        },
        service_group: ServiceGroup::Pensions,
        topic: "Ricostituzione".into(),
        description: "Chiede il ricalcolo della pensione".into(),
        sla_due,
    }
}

fn at(text: &str) -> Timestamp {
    text.parse().unwrap()
}

async fn create(store: &Store, year: i16, request: &NewLineaRequest, now: &str) -> LineaRequest {
    let mut tx = store.begin().await.unwrap();
    let created = LineaRequests::create_in(&mut tx, year, request, "agent:a042", at(now))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    created
}

#[test]
fn request_ids_parse_and_print() {
    let id: LineaRequestId = "LI-2026-00000042".parse().unwrap();
    assert_eq!((id.year(), id.sequence()), (2026, 42));
    assert_eq!(id.to_string(), "LI-2026-00000042");
    assert_eq!(" li-2026-00000042 ".parse::<LineaRequestId>(), Ok(id));
    assert_eq!(LineaRequestId::new(2026, 42), Ok(id));
}

#[test]
fn request_ids_are_refused_precisely() {
    let parse = |s: &str| s.parse::<LineaRequestId>().unwrap_err();
    assert_eq!(parse("  "), LineaIdError::Empty);
    assert_eq!(
        parse("IR-2026-00000042"),
        LineaIdError::Prefix("IR-2026-00000042".into())
    );
    assert_eq!(
        parse("LI-202600000042"),
        LineaIdError::Format("LI-202600000042".into())
    );
    assert!(matches!(parse("LI-26-00000042"), LineaIdError::Year { year, .. } if year == "26"));
    assert!(matches!(
        parse("LI-1999-00000042"),
        LineaIdError::Year { .. }
    ));
    assert!(matches!(parse("LI-2026-42"), LineaIdError::Sequence { number, .. } if number == "42"));
    assert!(matches!(
        parse("LI-2026-0000004x"),
        LineaIdError::Sequence { .. }
    ));
    assert!(matches!(
        parse("LI-2026-00000042-1"),
        LineaIdError::Sequence { .. }
    ));
    assert_eq!(
        parse("LI-2026-00000000"),
        LineaIdError::ZeroSequence("LI-2026-00000000".into())
    );
    assert!(parse("LI-2026-0000004x").to_string().contains("8 digits"));
    assert!(LineaRequestId::new(2026, 0).is_err());
    assert!(LineaRequestId::new(2026, 100_000_000).is_err());
}

#[tokio::test]
async fn ids_are_a_sequence_per_year_and_a_rolled_back_creation_gives_its_number_back() {
    let store = store_with(&["RSSMRA80A01H501U"]).await;
    let request = new_request("RSSMRA80A01H501U", "0100", date(2026, 4, 1));
    let first = create(&store, 2026, &request, "2026-03-02T09:00:00Z").await;
    assert_eq!(first.id.to_string(), "LI-2026-00000001");

    let mut tx = store.begin().await.unwrap();
    let dropped = LineaRequests::create_in(
        &mut tx,
        2026,
        &request,
        "citizen",
        at("2026-03-02T09:01:00Z"),
    )
    .await
    .unwrap();
    assert_eq!(dropped.id.sequence(), 2);
    drop(tx); // rolled back

    let second = create(&store, 2026, &request, "2026-03-02T09:02:00Z").await;
    assert_eq!(second.id.to_string(), "LI-2026-00000002");
    let next_year = create(&store, 2027, &request, "2027-01-02T09:00:00Z").await;
    assert_eq!(next_year.id.to_string(), "LI-2027-00000001");
    assert_eq!(store.linea().count().await.unwrap(), 3);

    let stored = store.linea().by_id(first.id).await.unwrap().unwrap();
    assert_eq!(stored, first);
    let history = store.linea().history(first.id).await.unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].status, LineaStatus::Received);
    assert_eq!(history[0].actor, "agent:a042");
}

#[tokio::test]
async fn a_status_change_is_a_compare_and_set() {
    let store = store_with(&["RSSMRA80A01H501U"]).await;
    let request = new_request("RSSMRA80A01H501U", "0100", date(2026, 4, 1));
    let created = create(&store, 2026, &request, "2026-03-02T09:00:00Z").await;

    let mut tx = store.begin().await.unwrap();
    let changed = LineaRequests::set_status_in(
        &mut tx,
        created.id,
        LineaStatus::Received,
        LineaStatus::TakenInCharge,
        None,
        "office:0100/u1",
        "",
        at("2026-03-03T09:00:00Z"),
    )
    .await
    .unwrap();
    assert!(changed);
    // The same change again finds the status moved on: nothing happens.
    let again = LineaRequests::set_status_in(
        &mut tx,
        created.id,
        LineaStatus::Received,
        LineaStatus::Closed,
        Some(date(2030, 1, 1)),
        "office:0100/u1",
        "",
        at("2026-03-03T09:00:00Z"),
    )
    .await
    .unwrap();
    assert!(!again);
    tx.commit().await.unwrap();

    let stored = store.linea().by_id(created.id).await.unwrap().unwrap();
    assert_eq!(stored.status, LineaStatus::TakenInCharge);
    assert_eq!(stored.sla_due, date(2026, 4, 1));
    assert_eq!(stored.updated_at, at("2026-03-03T09:00:00Z"));
    let statuses: Vec<_> = store
        .linea()
        .history(created.id)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.status)
        .collect();
    assert_eq!(
        statuses,
        [LineaStatus::Received, LineaStatus::TakenInCharge]
    );
}

#[tokio::test]
async fn messages_are_kept_in_order_and_need_an_existing_request() {
    let store = store_with(&["RSSMRA80A01H501U"]).await;
    let request = new_request("RSSMRA80A01H501U", "0100", date(2026, 4, 1));
    let created = create(&store, 2026, &request, "2026-03-02T09:00:00Z").await;
    let mut tx = store.begin().await.unwrap();
    let first = LineaRequests::add_message_in(
        &mut tx,
        created.id,
        MessageAuthor::Office,
        "Ci invii il modello AP70",
        at("2026-03-03T09:00:00Z"),
    )
    .await
    .unwrap();
    assert!(first.is_some());
    LineaRequests::add_message_in(
        &mut tx,
        created.id,
        MessageAuthor::Citizen,
        "Allegato",
        at("2026-03-04T09:00:00Z"),
    )
    .await
    .unwrap();
    let missing = LineaRequests::add_message_in(
        &mut tx,
        LineaRequestId::new(2026, 99).unwrap(),
        MessageAuthor::Citizen,
        "?",
        at("2026-03-04T09:00:00Z"),
    )
    .await
    .unwrap();
    assert_eq!(missing, None);
    tx.commit().await.unwrap();
    let messages = store.linea().messages(created.id).await.unwrap();
    let authors: Vec<_> = messages
        .iter()
        .map(|m| (m.author, m.body.as_str()))
        .collect();
    assert_eq!(
        authors,
        [
            (MessageAuthor::Office, "Ci invii il modello AP70"),
            (MessageAuthor::Citizen, "Allegato")
        ]
    );
}

#[tokio::test]
async fn look_ups_by_citizen_hide_other_citizens_requests_and_sort_by_office() {
    let store = store_with(&["RSSMRA80A01H501U", "BNCGNN75T52F205W"]).await;
    let mine_0200 = create(
        &store,
        2026,
        &new_request("RSSMRA80A01H501U", "0200", date(2026, 4, 1)),
        "2026-03-02T09:00:00Z",
    )
    .await;
    let mine_0100_old = create(
        &store,
        2026,
        &new_request("RSSMRA80A01H501U", "0100", date(2026, 4, 1)),
        "2026-03-02T10:00:00Z",
    )
    .await;
    let mine_0100_new = create(
        &store,
        2026,
        &new_request("RSSMRA80A01H501U", "0100", date(2026, 4, 1)),
        "2026-03-05T10:00:00Z",
    )
    .await;
    let theirs = create(
        &store,
        2026,
        &new_request("BNCGNN75T52F205W", "0100", date(2026, 4, 1)),
        "2026-03-02T11:00:00Z",
    )
    .await;
    let me = tax_code("RSSMRA80A01H501U");
    let ids: Vec<_> = store
        .linea()
        .for_citizen(&me)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(ids, [mine_0100_new.id, mine_0100_old.id, mine_0200.id]);
    assert!(
        store
            .linea()
            .of_citizen(&me, mine_0200.id)
            .await
            .unwrap()
            .is_some()
    );
    assert_eq!(
        store.linea().of_citizen(&me, theirs.id).await.unwrap(),
        None
    );
}

#[tokio::test]
async fn the_worklist_holds_open_requests_earliest_due_first() {
    let store = store_with(&["RSSMRA80A01H501U"]).await;
    let late = create(
        &store,
        2026,
        &new_request("RSSMRA80A01H501U", "0100", date(2026, 5, 1)),
        "2026-03-02T09:00:00Z",
    )
    .await;
    let soon = create(
        &store,
        2026,
        &new_request("RSSMRA80A01H501U", "0100", date(2026, 4, 1)),
        "2026-03-03T09:00:00Z",
    )
    .await;
    let answered = create(
        &store,
        2026,
        &new_request("RSSMRA80A01H501U", "0100", date(2026, 3, 20)),
        "2026-03-01T09:00:00Z",
    )
    .await;
    create(
        &store,
        2026,
        &new_request("RSSMRA80A01H501U", "0200", date(2026, 3, 10)),
        "2026-03-01T09:00:00Z",
    )
    .await;
    let mut tx = store.begin().await.unwrap();
    for (from, to) in [
        (LineaStatus::Received, LineaStatus::TakenInCharge),
        (LineaStatus::TakenInCharge, LineaStatus::Answered),
    ] {
        assert!(
            LineaRequests::set_status_in(
                &mut tx,
                answered.id,
                from,
                to,
                None,
                "office:0100/u1",
                "",
                at("2026-03-04T09:00:00Z")
            )
            .await
            .unwrap()
        );
    }
    tx.commit().await.unwrap();
    let office = "0100".parse().unwrap();
    let ids: Vec<_> = store
        .linea()
        .open_for_office(office, 10)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(ids, [soon.id, late.id]);
    assert_eq!(
        store
            .linea()
            .open_for_office(office, 1)
            .await
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test]
async fn audit_events_can_be_written_inside_a_transaction() {
    let store = store_with(&[]).await;
    let event = NewAuditEvent {
        actor: "system".into(),
        action: "linea.test".into(),
        subject: None,
        detail: String::new(),
    };
    let mut tx = store.begin().await.unwrap();
    record_audit_in(&mut tx, at("2026-03-02T09:00:00Z"), &event)
        .await
        .unwrap();
    drop(tx);
    assert!(store.audit().recent(10).await.unwrap().is_empty());
    let mut tx = store.begin().await.unwrap();
    record_audit_in(&mut tx, at("2026-03-02T09:00:00Z"), &event)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(store.audit().recent(10).await.unwrap()[0].event, event);
}
