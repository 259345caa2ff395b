//! Appointment operations against real stores: in memory, and a file-backed WAL database for the
//! parallel-booking test.

use std::sync::Arc;

use domain::{CenturyRule, Language, PersonalTaxCode, Sex};
use jiff::civil::date;
use store::outbox::OutboxMessage;
use store::{Address, CitizenData};

use super::*;

const MARIO: &str = "RSSMRA80A01H501U";
const GIOVANNA: &str = "BNCGNN75T52F205W";
const UNKNOWN: &str = "DRSMRA85T50A562U";

fn tax_code(code: &str) -> TaxCode {
    TaxCode::parse_with(code, CenturyRule::with_reference_year(2026)).unwrap()
}

fn turin() -> Office {
    Office {
        code: "0100".parse().unwrap(),
        name: "Direzione provinciale di Torino".into(),
        region: "Piemonte".into(),
        province: "TO".into(),
        street: "Corso Giulio Cesare 290".into(),
        postcode: "10152".into(),
        city: "Torino".into(),
        hours: "Lun-Ven 08:30-12:30".into(),
    }
}

fn citizen(code: &str) -> CitizenData {
    CitizenData {
        tax_code: tax_code(code),
        given_name: "Mario".into(),
        surname: "Rossi".into(),
        birth_date: date(1980, 1, 1),
        sex: Sex::Male,
        address: Some(Address {
            street: "Via Roma 1".into(),
            postcode: "10100".into(),
            city: "Torino".into(),
            province: "TO".into(),
        }),
        mobile: Some("3331234567".parse().unwrap()),
        email: None,
        language: Language::Italian,
    }
}

async fn setup_store(store: Store, citizens: &[CitizenData]) -> Store {
    store.offices().replace_all(&[turin()]).await.unwrap();
    store.citizens().insert_all(citizens).await.unwrap();
    store
}

async fn setup() -> Store {
    setup_store(
        Store::open_in_memory().await.unwrap(),
        &[citizen(MARIO), citizen(GIOVANNA)],
    )
    .await
}

fn config() -> AppointmentsConfig {
    AppointmentsConfig::standard().unwrap()
}

fn at(text: &str) -> Timestamp {
    text.parse().unwrap()
}

/// Monday 2 March 2026, 09:05 in Rome.
fn now() -> Timestamp {
    at("2026-03-02T08:05:00Z")
}

fn turin_code() -> OfficeCode {
    "0100".parse().unwrap()
}

/// Tuesday 3 March 2026, 09:30 in Rome.
fn tuesday_0930() -> Timestamp {
    at("2026-03-03T08:30:00Z")
}

fn request(code: &str, start: Timestamp) -> BookingRequest {
    BookingRequest {
        tax_code: tax_code(code),
        mobile: parse_mobile("+39 333 765 4321").unwrap(),
        office: turin_code(),
        service: ServiceGroup::Pensions,
        mode: AppointmentMode::Counter,
        start,
        booked_by: Booker::Citizen,
    }
}

async fn sms_for(store: &Store, appointment: &Appointment) -> Vec<OutboxMessage> {
    store
        .outbox()
        .related_to(&format!("appointment:{}", appointment.id))
        .await
        .unwrap()
}

fn hhmm(slot: &Slot) -> String {
    format!("{:02}:{:02}", slot.start.hour(), slot.start.minute())
}

#[test]
fn the_standard_calendar_has_morning_slots_on_working_days_only() {
    let config = config();
    let office = turin_code();
    let pensions = config.slots_on(office, ServiceGroup::Pensions, date(2026, 3, 3));
    assert_eq!(pensions.len(), 24);
    assert_eq!(hhmm(&pensions[0]), "08:30");
    assert_eq!(hhmm(&pensions[23]), "12:20");
    assert_eq!(pensions[23].end.hour(), 12);
    assert_eq!(pensions[23].end.minute(), 30);
    assert!(pensions.iter().all(|s| s.free_desks == 2));
    // 8-minute benefit slots: 30 in four hours.
    let benefits = config.slots_on(office, ServiceGroup::SocialBenefits, date(2026, 3, 3));
    assert_eq!(benefits.len(), 30);
    assert_eq!(hhmm(&benefits[1]), "08:38");
    // Another service: the default length.
    assert_eq!(
        config
            .slots_on(office, ServiceGroup::Disability, date(2026, 3, 3))
            .len(),
        24
    );
    // Saturday, Sunday, Easter Monday 2026, Labour Day: none.
    for day in [
        date(2026, 3, 7),
        date(2026, 3, 8),
        date(2026, 4, 6),
        date(2026, 5, 1),
    ] {
        assert!(
            config
                .slots_on(office, ServiceGroup::Pensions, day)
                .is_empty(),
            "{day}"
        );
    }
}

#[test]
fn an_office_can_have_its_own_hours_closures_desks_and_slot_lengths() {
    let mut spec = OfficeSchedule::circular_2019_spec().unwrap();
    spec.closures = vec![serde_date("2026-03-03")];
    spec.hours.sat = calendar::DayHours::new(vec!["09:00-10:00".parse().unwrap()]).unwrap();
    let hours = Calendar::from_spec("0100", &spec).unwrap();
    let config = config()
        .with_office_schedule(turin_code(), OfficeSchedule::new(hours, 5).unwrap())
        .with_slot_minutes(ServiceGroup::Pensions, 15)
        .unwrap();
    assert!(
        config
            .slots_on(turin_code(), ServiceGroup::Pensions, date(2026, 3, 3))
            .is_empty()
    );
    let saturday = config.slots_on(turin_code(), ServiceGroup::Pensions, date(2026, 3, 7));
    assert_eq!(saturday.len(), 4);
    assert_eq!(saturday[0].free_desks, 5);
    // Other offices keep the default.
    let other: OfficeCode = "0200".parse().unwrap();
    assert_eq!(config.schedule(other).desks(), 2);
    assert!(
        config
            .slots_on(other, ServiceGroup::Pensions, date(2026, 3, 7))
            .is_empty()
    );
}

fn serde_date(text: &str) -> calendar::DateSpec {
    text.parse().unwrap()
}

#[test]
fn closures_close_an_office_for_appointments() {
    let schedule =
        OfficeSchedule::circular_2019_with_closures(3, &[date(2026, 3, 3), date(2026, 3, 5)])
            .unwrap();
    let config = config().with_office_schedule(turin_code(), schedule);
    let count = |day| {
        config
            .slots_on(turin_code(), ServiceGroup::Pensions, day)
            .len()
    };
    assert_eq!(count(date(2026, 3, 3)), 0);
    assert_eq!(count(date(2026, 3, 4)), 24);
    assert_eq!(count(date(2026, 3, 5)), 0);
    assert_eq!(config.schedule(turin_code()).desks(), 3);
}

#[test]
fn bad_configurations_are_refused() {
    let config = config();
    assert!(matches!(
        config.clone().with_slot_minutes(ServiceGroup::Pensions, 0),
        Err(AppointmentConfigError::SlotLength { minutes: 0, .. })
    ));
    assert!(
        config
            .clone()
            .with_slot_minutes(ServiceGroup::Pensions, MAX_SLOT_MINUTES + 1)
            .is_err()
    );
    assert!(matches!(
        config.clone().with_modes(&[]),
        Err(AppointmentConfigError::NoModes)
    ));
    assert!(matches!(
        config.clone().with_horizon_days(0),
        Err(AppointmentConfigError::Horizon(0))
    ));
    assert!(matches!(
        OfficeSchedule::circular_2019(0),
        Err(AppointmentConfigError::Desks)
    ));
}

#[tokio::test]
async fn available_slots_skip_the_past_and_the_full_ones() {
    let store = setup().await;
    let config = config();
    let office = turin_code();
    let today = available_slots(
        &store,
        &config,
        office,
        ServiceGroup::Pensions,
        AppointmentMode::Counter,
        date(2026, 3, 2),
        1,
        now(),
    )
    .await
    .unwrap();
    // It is 09:05 and a slot needs two hours' notice: the first one left is 11:10.
    assert_eq!(today.len(), 8);
    assert_eq!(hhmm(&today[0]), "11:10");
    // Without a lead time, 09:10.
    let no_lead = config.clone().with_lead_minutes(0).unwrap();
    let today = available_slots(
        &store,
        &no_lead,
        office,
        ServiceGroup::Pensions,
        AppointmentMode::Counter,
        date(2026, 3, 2),
        1,
        now(),
    )
    .await
    .unwrap();
    assert_eq!(today.len(), 20);
    assert_eq!(hhmm(&today[0]), "09:10");
    // Booking a slot inside the lead time is refused, saying how much notice is needed.
    let soon = request(MARIO, at("2026-03-02T08:30:00Z"));
    let err = book(&store, &config, &soon, now()).await.unwrap_err();
    assert!(matches!(err, AppointmentError::TooSoon(120)), "{err:?}");
    assert_eq!(
        err.to_string(),
        "appointments must be booked at least 120 minutes before they start"
    );
    assert!(
        AppointmentsConfig::standard()
            .unwrap()
            .with_lead_minutes(MAX_LEAD_MINUTES + 1)
            .is_err()
    );

    book(&store, &config, &request(MARIO, tuesday_0930()), now())
        .await
        .unwrap();
    let slots = |service| {
        available_slots(
            &store,
            &config,
            office,
            service,
            AppointmentMode::PhoneCallback,
            date(2026, 3, 3),
            1,
            now(),
        )
    };
    let tuesday = slots(ServiceGroup::Pensions).await.unwrap();
    let half_past = tuesday.iter().find(|s| hhmm(s) == "09:30").unwrap();
    assert_eq!(half_past.free_desks, 1);
    book(&store, &config, &request(GIOVANNA, tuesday_0930()), now())
        .await
        .unwrap();
    let tuesday = slots(ServiceGroup::Pensions).await.unwrap();
    assert_eq!(tuesday.len(), 23);
    assert!(tuesday.iter().all(|s| hhmm(s) != "09:30"));
    // 8-minute slots overlapping 09:30-09:40 on both desks are gone too: 09:26 and 09:34.
    let benefits = slots(ServiceGroup::SocialBenefits).await.unwrap();
    let times: Vec<_> = benefits.iter().map(hhmm).collect();
    assert!(!times.contains(&"09:26".to_owned()));
    assert!(!times.contains(&"09:34".to_owned()));
    assert!(times.contains(&"09:18".to_owned()));
    assert!(times.contains(&"09:42".to_owned()));
    assert_eq!(benefits.len(), 28);

    // A week from Monday: five working days of 24 slots, minus today's past and those within the
    // lead time (8 left), and Tuesday's full one.
    let week = available_slots(
        &store,
        &config,
        office,
        ServiceGroup::Pensions,
        AppointmentMode::Counter,
        date(2026, 3, 2),
        7,
        now(),
    )
    .await
    .unwrap();
    assert_eq!(week.len(), 8 + 23 + 24 * 3);
}

#[tokio::test]
async fn available_slots_refuse_bad_questions() {
    let store = setup().await;
    let config = config();
    let ask = |office: &str, mode, days| {
        available_slots(
            &store,
            &config,
            office.parse().unwrap(),
            ServiceGroup::Pensions,
            mode,
            date(2026, 3, 2),
            days,
            now(),
        )
    };
    let err = ask("0100", AppointmentMode::Counter, 0).await.unwrap_err();
    assert_eq!(
        (err.kind(), err.code()),
        (ErrorKind::InvalidInput, "invalid_range")
    );
    let err = ask("0100", AppointmentMode::Counter, 32).await.unwrap_err();
    assert_eq!(err.code(), "invalid_range");
    let err = ask("0100", AppointmentMode::WebMeeting, 1)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "mode_not_offered");
    let err = ask("9999", AppointmentMode::Counter, 1).await.unwrap_err();
    assert_eq!(
        (err.kind(), err.code()),
        (ErrorKind::NotFound, "office_not_found")
    );
    // Beyond the 60-day horizon nothing is offered.
    let late = available_slots(
        &store,
        &config,
        turin_code(),
        ServiceGroup::Pensions,
        AppointmentMode::Counter,
        date(2026, 6, 1),
        7,
        now(),
    )
    .await
    .unwrap();
    assert!(late.is_empty());
}

#[tokio::test]
async fn a_booking_sends_a_confirmation_sms_in_the_same_transaction() {
    let store = setup().await;
    let config = config();
    let booked = book(&store, &config, &request(MARIO, tuesday_0930()), now())
        .await
        .unwrap();
    assert_eq!(booked.code().to_string(), "PR-00000001");
    assert_eq!(booked.desk, 1);
    assert_eq!(booked.status, AppointmentStatus::Booked);
    assert_eq!(booked.end, at("2026-03-03T08:40:00Z"));
    assert_eq!(booked.mobile.as_str(), "+393337654321");
    assert_eq!(booked.booked_by, "citizen");
    assert_eq!(
        find(&store, &tax_code(MARIO), booked.code()).await.unwrap(),
        booked
    );

    let sent = sms_for(&store, &booked).await;
    assert_eq!(sent.len(), 1);
    let sms = &sent[0].message;
    assert_eq!(sms.channel, OutboxChannel::Sms);
    assert_eq!(sms.recipient, "+393337654321");
    assert_eq!(
        sms.body,
        "INPS: appuntamento confermato martedì 3 marzo 2026 alle 09:30 (Pensioni, allo \
         sportello). Sede: Direzione provinciale di Torino, Corso Giulio Cesare 290, 10152 \
         Torino. Codice prenotazione PR-00000001."
    );
    let audit = store.audit().recent(1).await.unwrap();
    assert_eq!(audit[0].event.action, "appointment.booked");
    assert_eq!(audit[0].event.subject.as_deref(), Some(MARIO));
}

#[tokio::test]
async fn a_case_worker_books_for_the_citizen() {
    let store = setup().await;
    let config = config()
        .with_modes(&[AppointmentMode::Counter, AppointmentMode::WebMeeting])
        .unwrap();
    let by_office = BookingRequest {
        mode: AppointmentMode::WebMeeting,
        booked_by: Booker::Office {
            office: turin_code(),
            user: "u7".into(),
        },
        ..request(GIOVANNA, tuesday_0930())
    };
    let booked = book(&store, &config, &by_office, now()).await.unwrap();
    assert_eq!(booked.booked_by, "office:0100/u7");
    assert_eq!(booked.tax_code, tax_code(GIOVANNA));
    assert!(
        sms_for(&store, &booked).await[0]
            .message
            .body
            .contains("in videochiamata")
    );
    assert_eq!(
        store.audit().recent(1).await.unwrap()[0].event.actor,
        "office:0100/u7"
    );
}

#[tokio::test]
async fn a_bad_booking_is_refused_and_writes_nothing() {
    let store = setup().await;
    let config = config();
    let refuse =
        async |request: BookingRequest| book(&store, &config, &request, now()).await.unwrap_err();
    // Today 08:30 has passed; so has yesterday.
    let err = refuse(request(MARIO, at("2026-03-02T07:30:00Z"))).await;
    assert_eq!(
        (err.kind(), err.code()),
        (ErrorKind::InvalidInput, "slot_in_past")
    );
    let err = refuse(request(MARIO, now())).await;
    assert_eq!(err.code(), "slot_in_past");
    // 09:35 is not a pension slot; nor is Saturday or 13:00.
    for start in [
        "2026-03-03T08:35:00Z",
        "2026-03-07T08:30:00Z",
        "2026-03-03T12:00:00Z",
    ] {
        let err = refuse(request(MARIO, at(start))).await;
        assert_eq!(err.code(), "not_a_slot", "{start}");
    }
    let err = refuse(request(MARIO, at("2026-06-02T07:30:00Z"))).await;
    assert_eq!(
        (err.code(), err.to_string().as_str()),
        (
            "beyond_horizon",
            "appointments can be booked at most 60 days ahead"
        )
    );
    let err = refuse(request(UNKNOWN, tuesday_0930())).await;
    assert_eq!(
        (err.kind(), err.code()),
        (ErrorKind::NotFound, "citizen_not_found")
    );
    let err = refuse(BookingRequest {
        office: "9999".parse().unwrap(),
        ..request(MARIO, tuesday_0930())
    })
    .await;
    assert_eq!(err.code(), "office_not_found");
    let err = refuse(BookingRequest {
        mode: AppointmentMode::WebMeeting,
        ..request(MARIO, tuesday_0930())
    })
    .await;
    assert_eq!(err.code(), "mode_not_offered");
    assert_eq!(store.appointments().count().await.unwrap(), 0);
    assert!(store.outbox().by_id(1).await.unwrap().is_none());
    assert!(store.audit().recent(1).await.unwrap().is_empty());
}

#[test]
fn an_invalid_mobile_number_is_a_clear_error() {
    let err = parse_mobile("06 1234567").unwrap_err();
    assert_eq!(
        (err.kind(), err.code()),
        (ErrorKind::InvalidInput, "invalid_mobile")
    );
    assert_eq!(
        err.to_string(),
        "invalid mobile number: an Italian mobile number starts with 3 and has 9 or 10 digits; \
         this one is 061234567"
    );
    assert_eq!(
        parse_mobile("333-12x").unwrap_err().code(),
        "invalid_mobile"
    );
    assert_eq!(parse_mobile("").unwrap_err().code(), "invalid_mobile");
    let err = parse_booking_code("PR-12").unwrap_err();
    assert_eq!(
        (err.kind(), err.code()),
        (ErrorKind::InvalidInput, "invalid_booking_code")
    );
}

#[tokio::test]
async fn a_full_slot_is_taken_and_sends_nothing() {
    let store = setup().await;
    let config = config();
    book(&store, &config, &request(MARIO, tuesday_0930()), now())
        .await
        .unwrap();
    book(&store, &config, &request(GIOVANNA, tuesday_0930()), now())
        .await
        .unwrap();
    let err = book(&store, &config, &request(MARIO, tuesday_0930()), now())
        .await
        .unwrap_err();
    assert!(matches!(err, AppointmentError::SlotTaken));
    assert_eq!(
        (err.kind(), err.code()),
        (ErrorKind::Conflict, "slot_taken")
    );
    assert_eq!(store.appointments().count().await.unwrap(), 2);
    assert!(store.outbox().by_id(3).await.unwrap().is_none());
}

#[tokio::test]
async fn cancelling_frees_the_slot_and_sends_an_sms() {
    let store = setup().await;
    let config = config();
    let mario = tax_code(MARIO);
    let booked = book(&store, &config, &request(MARIO, tuesday_0930()), now())
        .await
        .unwrap();
    // Someone else's code: not found.
    let err = cancel(
        &store,
        &config,
        &tax_code(GIOVANNA),
        booked.code(),
        &Booker::Citizen,
        now(),
    )
    .await
    .unwrap_err();
    assert_eq!(
        (err.kind(), err.code()),
        (ErrorKind::NotFound, "appointment_not_found")
    );
    // Once it has started it cannot be cancelled.
    let err = cancel(
        &store,
        &config,
        &mario,
        booked.code(),
        &Booker::Citizen,
        tuesday_0930(),
    )
    .await
    .unwrap_err();
    assert_eq!(
        (err.kind(), err.code()),
        (ErrorKind::Conflict, "appointment_past")
    );

    let cancelled = cancel(
        &store,
        &config,
        &mario,
        booked.code(),
        &Booker::Citizen,
        now(),
    )
    .await
    .unwrap();
    assert_eq!(cancelled.status, AppointmentStatus::Cancelled);
    assert_eq!(
        find(&store, &mario, booked.code()).await.unwrap().status,
        AppointmentStatus::Cancelled
    );
    let sent = sms_for(&store, &booked).await;
    assert_eq!(sent.len(), 2);
    assert_eq!(
        sent[1].message.body,
        "INPS: l'appuntamento PR-00000001 di martedì 3 marzo 2026 alle 09:30 (Pensioni) presso \
         Direzione provinciale di Torino, Corso Giulio Cesare 290, 10152 Torino è stato annullato."
    );
    assert_eq!(sent[1].message.recipient, "+393337654321");
    let err = cancel(
        &store,
        &config,
        &mario,
        booked.code(),
        &Booker::Citizen,
        now(),
    )
    .await
    .unwrap_err();
    assert_eq!(
        (err.kind(), err.code()),
        (ErrorKind::Conflict, "appointment_not_active")
    );
    assert!(upcoming(&store, &mario, now()).await.unwrap().is_empty());
    // The desk is free again.
    let again = book(&store, &config, &request(GIOVANNA, tuesday_0930()), now())
        .await
        .unwrap();
    assert_eq!(again.desk, 1);
}

#[tokio::test]
async fn rescheduling_moves_the_appointment_or_changes_nothing() {
    let store = setup().await;
    let config = config();
    let mario = tax_code(MARIO);
    let first = book(&store, &config, &request(MARIO, tuesday_0930()), now())
        .await
        .unwrap();
    // Fill 10:00 on both desks.
    let ten = at("2026-03-03T09:00:00Z");
    book(&store, &config, &request(GIOVANNA, ten), now())
        .await
        .unwrap();
    book(&store, &config, &request(GIOVANNA, ten), now())
        .await
        .unwrap();
    let err = reschedule(
        &store,
        &config,
        &mario,
        first.code(),
        ten,
        &Booker::Citizen,
        now(),
    )
    .await
    .unwrap_err();
    assert_eq!(err.code(), "slot_taken");
    assert_eq!(
        find(&store, &mario, first.code()).await.unwrap().status,
        AppointmentStatus::Booked
    );
    let err = reschedule(
        &store,
        &config,
        &mario,
        first.code(),
        at("2026-03-03T09:05:00Z"),
        &Booker::Citizen,
        now(),
    )
    .await
    .unwrap_err();
    assert_eq!(err.code(), "not_a_slot");

    let agent = Booker::Agent {
        agent_id: "a042".into(),
    };
    let wednesday = at("2026-03-04T10:00:00Z");
    let moved = reschedule(
        &store,
        &config,
        &mario,
        first.code(),
        wednesday,
        &agent,
        now(),
    )
    .await
    .unwrap();
    assert_eq!(moved.replaces, Some(first.id));
    assert_eq!(moved.start, wednesday);
    assert_eq!(moved.booked_by, "agent:a042");
    assert_eq!(moved.mobile, first.mobile);
    assert_eq!(
        find(&store, &mario, first.code()).await.unwrap().status,
        AppointmentStatus::Rescheduled
    );
    let sent = sms_for(&store, &moved).await;
    assert_eq!(sent.len(), 1);
    assert_eq!(
        sent[0].message.body,
        format!(
            "INPS: appuntamento spostato a mercoledì 4 marzo 2026 alle 11:00 (Pensioni, allo \
             sportello). Sede: Direzione provinciale di Torino, Corso Giulio Cesare 290, 10152 \
             Torino. Nuovo codice prenotazione {} (sostituisce PR-00000001).",
            moved.code()
        )
    );
    let err = reschedule(
        &store,
        &config,
        &mario,
        first.code(),
        wednesday,
        &agent,
        now(),
    )
    .await
    .unwrap_err();
    assert_eq!(err.code(), "appointment_not_active");
    let list = upcoming(&store, &mario, now()).await.unwrap();
    assert_eq!(list, [moved]);
}

/// The requirement's hard case: twenty citizens press "book" on the same slot of a two-desk
/// office at once, against a real file database with several connections.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_bookings_of_one_slot_never_double_book_a_desk() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("parallel.db");
    let citizens: Vec<CitizenData> = (1..=20)
        .map(|day| {
            let code =
                PersonalTaxCode::encode("Bianchi", "Luca", date(1970, 1, day), Sex::Male, "L219")
                    .unwrap();
            citizen(code.as_str())
        })
        .collect();
    let store = setup_store(
        Store::open(path.to_str().unwrap()).await.unwrap(),
        &citizens,
    )
    .await;
    let config = Arc::new(
        config().with_office_schedule(turin_code(), OfficeSchedule::circular_2019(2).unwrap()),
    );
    let mut tasks = Vec::new();
    for c in &citizens {
        let store = store.clone();
        let config = Arc::clone(&config);
        let request = BookingRequest {
            tax_code: c.tax_code.clone(),
            ..request(MARIO, tuesday_0930())
        };
        tasks.push(tokio::spawn(async move {
            book(&store, &config, &request, now()).await
        }));
    }
    let mut booked = Vec::new();
    let mut taken = 0;
    for task in tasks {
        match task.await.unwrap() {
            Ok(appointment) => booked.push(appointment),
            Err(AppointmentError::SlotTaken) => taken += 1,
            Err(other) => panic!("unexpected error: {other}"),
        }
    }
    assert_eq!(booked.len(), 2);
    assert_eq!(taken, 18);
    let mut desks: Vec<_> = booked.iter().map(|a| a.desk).collect();
    desks.sort();
    assert_eq!(desks, [1, 2]);
    assert_eq!(store.appointments().count().await.unwrap(), 2);
    assert_eq!(
        store
            .appointments()
            .count_booked_at(turin_code(), tuesday_0930())
            .await
            .unwrap(),
        2
    );
    // Exactly one SMS per booking.
    for appointment in &booked {
        assert_eq!(sms_for(&store, appointment).await.len(), 1);
    }
    assert!(store.outbox().by_id(3).await.unwrap().is_none());
    store.close().await;
}

#[tokio::test]
async fn demo_appointments_are_future_deterministic_and_never_double_booked() {
    let mut shapes = Vec::new();
    for _ in 0..2 {
        let mut people = Vec::new();
        for year in 1950..1990 {
            for day in 1..=28 {
                let code = PersonalTaxCode::encode(
                    "Neri",
                    "Carla",
                    date(year, 6, day),
                    Sex::Female,
                    "L219",
                )
                .unwrap();
                people.push(citizen(code.as_str()));
            }
        }
        let store = setup_store(Store::open_in_memory().await.unwrap(), &people).await;
        let created = seed_demo(&store, now()).await.unwrap();
        assert!(created > 20, "{created}");
        assert_eq!(store.appointments().count().await.unwrap(), created as i64);
        let mut shape = Vec::new();
        for person in &people {
            for a in upcoming(&store, &person.tax_code, now()).await.unwrap() {
                assert!(a.start > now());
                assert!(a.desk <= 2);
                shape.push((a.id, a.start, a.desk, a.service, a.mode));
            }
        }
        assert_eq!(shape.len(), created);
        shapes.push(shape);
    }
    assert_eq!(shapes[0], shapes[1]);
}
