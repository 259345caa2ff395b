//! The appointments table against a real in-memory SQLite database.

use domain::{CenturyRule, Language, Sex};
use jiff::civil::date;

use super::*;
use crate::CitizenData;

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
                address: None,
                mobile: None,
                email: None,
                language: Language::Italian,
            })
            .await
            .unwrap();
    }
    store
}

fn at(text: &str) -> Timestamp {
    text.parse().unwrap()
}

fn new(code: &str, start: &str, end: &str) -> NewAppointment {
    NewAppointment {
        tax_code: tax_code(code),
        office: "0100".parse().unwrap(),
        service: ServiceGroup::Pensions,
        mode: AppointmentMode::Counter,
        start: at(start),
        end: at(end),
        mobile: "3331234567".parse().unwrap(),
        booked_by: "citizen".into(),
        replaces: None,
    }
}

async fn book(store: &Store, appointment: &NewAppointment, desks: u16) -> Option<Appointment> {
    let mut tx = store.begin().await.unwrap();
    let booked = Appointments::book_in(&mut tx, appointment, desks, at("2026-03-01T08:00:00Z"))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    booked
}

#[test]
fn booking_codes_parse_and_print() {
    let code: BookingCode = "PR-00000042".parse().unwrap();
    assert_eq!(code.id(), 42);
    assert_eq!(code.to_string(), "PR-00000042");
    assert_eq!(" pr00000042 ".parse::<BookingCode>(), Ok(code));
    assert_eq!("".parse::<BookingCode>(), Err(BookingCodeError::Empty));
    assert_eq!(
        "PR-42".parse::<BookingCode>(),
        Err(BookingCodeError::Format("PR-42".into()))
    );
    assert_eq!(
        "LI-00000042".parse::<BookingCode>(),
        Err(BookingCodeError::Format("LI-00000042".into()))
    );
    assert_eq!(
        "PR-00000000".parse::<BookingCode>(),
        Err(BookingCodeError::Zero("PR-00000000".into()))
    );
    assert_eq!(BookingCode::from_id(0), None);
    assert_eq!(BookingCode::from_id(100_000_000), None);
}

#[tokio::test]
async fn bookings_fill_the_desks_in_order_then_report_none() {
    let store = store_with(&["RSSMRA80A01H501U", "BNCGNN75T52F205W"]).await;
    let slot = new(
        "RSSMRA80A01H501U",
        "2026-03-02T08:30:00Z",
        "2026-03-02T08:40:00Z",
    );
    let first = book(&store, &slot, 2).await.unwrap();
    let second = book(&store, &slot, 2).await.unwrap();
    assert_eq!((first.desk, second.desk), (1, 2));
    assert_eq!(book(&store, &slot, 2).await, None);
    assert_eq!(
        store
            .appointments()
            .count_booked_at(slot.office, slot.start)
            .await
            .unwrap(),
        2
    );
    let stored = store.appointments().by_id(first.id).await.unwrap().unwrap();
    assert_eq!(stored, first);
    assert_eq!(stored.code().to_string(), format!("PR-{:08}", first.id));
}

#[tokio::test]
async fn an_overlapping_booking_of_another_length_takes_another_desk() {
    let store = store_with(&["RSSMRA80A01H501U"]).await;
    let ten = new(
        "RSSMRA80A01H501U",
        "2026-03-02T08:30:00Z",
        "2026-03-02T08:40:00Z",
    );
    assert_eq!(book(&store, &ten, 1).await.map(|a| a.desk), Some(1));
    // 08:38-08:46 overlaps 08:30-08:40 on the only desk.
    let eight = new(
        "RSSMRA80A01H501U",
        "2026-03-02T08:38:00Z",
        "2026-03-02T08:46:00Z",
    );
    assert_eq!(book(&store, &eight, 1).await, None);
    // Back to back is fine.
    let next = new(
        "RSSMRA80A01H501U",
        "2026-03-02T08:40:00Z",
        "2026-03-02T08:48:00Z",
    );
    assert_eq!(book(&store, &next, 1).await.map(|a| a.desk), Some(1));
    // Another office is another set of desks.
    let mut elsewhere = eight.clone();
    elsewhere.office = "0200".parse().unwrap();
    assert_eq!(book(&store, &elsewhere, 1).await.map(|a| a.desk), Some(1));
}

#[tokio::test]
async fn a_released_appointment_frees_its_desk_once() {
    let store = store_with(&["RSSMRA80A01H501U"]).await;
    let slot = new(
        "RSSMRA80A01H501U",
        "2026-03-02T08:30:00Z",
        "2026-03-02T08:40:00Z",
    );
    let first = book(&store, &slot, 1).await.unwrap();
    let mut tx = store.begin().await.unwrap();
    let now = at("2026-03-01T09:00:00Z");
    assert!(
        Appointments::release_in(&mut tx, first.id, AppointmentStatus::Cancelled, now)
            .await
            .unwrap()
    );
    assert!(
        !Appointments::release_in(&mut tx, first.id, AppointmentStatus::Cancelled, now)
            .await
            .unwrap()
    );
    tx.commit().await.unwrap();
    let again = book(&store, &slot, 1).await.unwrap();
    assert_eq!(again.desk, 1);
    let stored = store.appointments().by_id(first.id).await.unwrap().unwrap();
    assert_eq!(stored.status, AppointmentStatus::Cancelled);
}

#[tokio::test]
async fn look_ups_hide_other_citizens_appointments() {
    let store = store_with(&["RSSMRA80A01H501U", "BNCGNN75T52F205W"]).await;
    let mine = book(
        &store,
        &new(
            "RSSMRA80A01H501U",
            "2026-03-02T08:30:00Z",
            "2026-03-02T08:40:00Z",
        ),
        3,
    )
    .await
    .unwrap();
    let theirs = book(
        &store,
        &new(
            "BNCGNN75T52F205W",
            "2026-03-02T08:30:00Z",
            "2026-03-02T08:40:00Z",
        ),
        3,
    )
    .await
    .unwrap();
    let me = tax_code("RSSMRA80A01H501U");
    assert!(
        store
            .appointments()
            .of_citizen(&me, mine.code())
            .await
            .unwrap()
            .is_some()
    );
    assert_eq!(
        store
            .appointments()
            .of_citizen(&me, theirs.code())
            .await
            .unwrap(),
        None
    );
    let listed = store
        .appointments()
        .for_citizen(&me, at("2026-03-01T00:00:00Z"))
        .await
        .unwrap();
    assert_eq!(listed, std::slice::from_ref(&mine));
    assert!(
        store
            .appointments()
            .for_citizen(&me, at("2026-03-03T00:00:00Z"))
            .await
            .unwrap()
            .is_empty()
    );
    let office = mine.office;
    let day = store
        .appointments()
        .booked_between(
            office,
            at("2026-03-02T08:35:00Z"),
            at("2026-03-02T09:00:00Z"),
        )
        .await
        .unwrap();
    assert_eq!(day.len(), 2);
    let after = store
        .appointments()
        .booked_between(
            office,
            at("2026-03-02T08:40:00Z"),
            at("2026-03-02T09:00:00Z"),
        )
        .await
        .unwrap();
    assert!(after.is_empty());
}

#[tokio::test]
async fn the_database_refuses_a_second_booking_of_a_desk_slot() {
    let store = store_with(&["RSSMRA80A01H501U"]).await;
    let slot = new(
        "RSSMRA80A01H501U",
        "2026-03-02T08:30:00Z",
        "2026-03-02T08:40:00Z",
    );
    book(&store, &slot, 1).await.unwrap();
    // Bypass the desk picker: the unique index still says no.
    let mut tx = store.begin().await.unwrap();
    let err = sqlx::query(
        "INSERT INTO appointments (tax_code, office, service, mode, start_at, end_at, desk, \
         mobile, booked_by, created_at, updated_at) \
         VALUES ('RSSMRA80A01H501U', '0100', 'pensions', 'counter', '2026-03-02T08:30:00Z', \
         '2026-03-02T08:40:00Z', 1, '+393331234567', 'citizen', 'x', 'x')",
    )
    .execute(&mut *tx)
    .await
    .unwrap_err();
    assert!(matches!(err, sqlx::Error::Database(db) if db.is_unique_violation()));
}
