//! Tests of the application numbers, the catalogue, the look-ups and the demo, against real
//! in-memory stores.

use domain::{CenturyRule, Language, PersonalTaxCode, Sex, TaxCode};
use jiff::Timestamp;
use jiff::civil::{Date, date};
use store::{Address, CitizenData, Office, Store};

use super::*;
use crate::{ErrorKind, ServiceFailure};

pub(crate) fn tax_code(code: &str) -> TaxCode {
    TaxCode::parse_with(code, CenturyRule::with_reference_year(2026)).expect("a valid test code")
}

pub(crate) fn now() -> Timestamp {
    "2026-04-15T08:30:00Z".parse().expect("an instant")
}

pub(crate) fn citizen_data(
    code: TaxCode,
    given_name: &str,
    surname: &str,
    birth_date: Date,
    province: Option<&str>,
) -> CitizenData {
    CitizenData {
        tax_code: code,
        given_name: given_name.into(),
        surname: surname.into(),
        birth_date,
        sex: Sex::Male,
        address: province.map(|p| Address {
            street: "Via Roma 1".into(),
            postcode: "00184".into(),
            city: "Roma".into(),
            province: p.into(),
        }),
        mobile: None,
        email: None,
        language: Language::Italian,
    }
}

fn office(code: &str, name: &str, province: &str) -> Office {
    Office {
        code: code.parse().expect("an office code"),
        name: name.into(),
        region: "Lazio".into(),
        province: province.into(),
        street: "Via Ciro il Grande 21".into(),
        postcode: "00144".into(),
        city: "Roma".into(),
        hours: "Lun-Ven 08:30-12:30".into(),
    }
}

/// A store with two offices and three citizens: Mario Rossi (Rome), Giovanna Bianchi (Milan)
/// and Nicolò D'Angelo (no address on file).
pub(crate) struct Fixture {
    pub(crate) store: Store,
    pub(crate) mario: TaxCode,
    pub(crate) giovanna: TaxCode,
    pub(crate) nicolo: TaxCode,
}

pub(crate) async fn fixture() -> Fixture {
    let store = Store::open_in_memory().await.expect("a store");
    store
        .offices()
        .replace_all(&[
            office("0700", "Direzione provinciale di Roma", "RM"),
            office("0701", "Agenzia complessa di Roma Eur", "RM"),
            office("4900", "Direzione provinciale di Milano", "MI"),
        ])
        .await
        .expect("offices");
    let mario = tax_code("RSSMRA80A01H501U");
    let giovanna = tax_code("BNCGNN75T52F205W");
    let nicolo = TaxCode::Personal(
        PersonalTaxCode::encode("D'Angelo", "Nicolò", date(1968, 5, 12), Sex::Male, "H501")
            .expect("a computable code"),
    );
    for data in [
        citizen_data(
            mario.clone(),
            "Mario",
            "Rossi",
            date(1980, 1, 1),
            Some("RM"),
        ),
        citizen_data(
            giovanna.clone(),
            "Giovanna",
            "Bianchi",
            date(1975, 12, 12),
            Some("MI"),
        ),
        citizen_data(
            nicolo.clone(),
            "Nicolò",
            "D'Angelo",
            date(1968, 5, 12),
            None,
        ),
    ] {
        store.citizens().insert(&data).await.expect("a citizen");
    }
    Fixture {
        store,
        mario,
        giovanna,
        nicolo,
    }
}

async fn file(f: &Fixture, who: &TaxCode, benefit: Benefit, office: Option<&str>) -> Application {
    file_application(
        &f.store,
        &NewApplication {
            tax_code: who.clone(),
            benefit,
            office: office.map(|o| o.parse().expect("an office code")),
        },
        "agent:7",
        now(),
    )
    .await
    .expect("filed")
}

// ── numbers ────────────────────────────────────────────────────────────────────────────────

#[test]
fn domus_numbers_are_13_digits_with_precise_errors() {
    assert_eq!(
        DomusNumber::parse(" 9153 0005 57739 ").map(|n| n.to_string()),
        Ok("9153000557739".to_owned())
    );
    assert_eq!(DomusNumber::parse("  "), Err(DomusNumberError::Empty));
    assert_eq!(
        DomusNumber::parse("915300055773"),
        Err(DomusNumberError::WrongLength { length: 12 })
    );
    assert_eq!(
        DomusNumber::parse("91530005577391"),
        Err(DomusNumberError::WrongLength { length: 14 })
    );
    assert_eq!(
        DomusNumber::parse("91530A0557739"),
        Err(DomusNumberError::NotADigit {
            position: 6,
            found: 'A'
        })
    );
}

#[test]
fn domus_numbers_from_the_sequence_are_distinct_and_not_consecutive() {
    let numbers: Vec<DomusNumber> = (1..=2000)
        .map(|s| DomusNumber::from_sequence(s).expect("in range"))
        .collect();
    let distinct: std::collections::HashSet<_> = numbers.iter().collect();
    assert_eq!(distinct.len(), numbers.len());
    assert!(numbers.iter().all(|n| n.as_str().starts_with('9')));
    let first: u64 = numbers[0].as_str().parse().unwrap();
    let second: u64 = numbers[1].as_str().parse().unwrap();
    assert_ne!(second, first + 1);
    assert_eq!(DomusNumber::from_sequence(1_000_000_000_000), None);
}

#[test]
fn protocol_numbers_parse_in_many_forms_and_normalise() {
    let canonical = "INPS.0100.15/03/2026.0001234";
    for form in [
        canonical,
        "inps.0100.15/03/2026.1234",
        " INPS 0100 15-03-2026 0001234 ",
        "0100.15.3.2026.1234",
        "0100150320260001234",
        "INPS_0100_15/03/2026_1234",
    ] {
        let parsed = ProtocolNumber::parse(form).unwrap_or_else(|e| panic!("{form}: {e}"));
        assert_eq!(parsed.to_string(), canonical, "{form}");
    }
    let p = ProtocolNumber::parse(canonical).unwrap();
    assert_eq!(p.office().as_str(), "0100");
    assert_eq!(p.date(), date(2026, 3, 15));
    assert_eq!(p.sequence(), 1234);
}

#[test]
fn protocol_numbers_are_refused_precisely() {
    use ProtocolNumberError as E;
    assert_eq!(ProtocolNumber::parse(""), Err(E::Empty));
    assert_eq!(
        ProtocolNumber::parse("INPS.0100.15/03/2026"),
        Err(E::WrongShape { parts: 4 })
    );
    assert_eq!(
        ProtocolNumber::parse("INPS.0100.15/03/2026.1.2"),
        Err(E::WrongShape { parts: 6 })
    );
    assert_eq!(
        ProtocolNumber::parse("INPS.100.15/03/2026.1"),
        Err(E::Office("100".into()))
    );
    assert_eq!(
        ProtocolNumber::parse("INPS.0100.31/02/2026.1"),
        Err(E::Date("31/02/2026".into()))
    );
    assert_eq!(
        ProtocolNumber::parse("INPS.0100.15/03/26.1"),
        Err(E::Date("15/03/26".into()))
    );
    assert_eq!(
        ProtocolNumber::parse("INPS.0100.15/03/2026.0"),
        Err(E::Sequence("0".into()))
    );
    assert_eq!(
        ProtocolNumber::parse("INPS.0100.15/03/2026.12345678"),
        Err(E::Sequence("12345678".into()))
    );
    assert_eq!(
        ProtocolNumber::parse("INPS.01O0.15/03/2026.1"),
        Err(E::UnexpectedCharacter { found: 'O' })
    );
    assert_eq!(
        ProtocolNumber::parse("XNPS.0100.15/03/2026.1"),
        Err(E::UnexpectedCharacter { found: 'X' })
    );
}

#[test]
fn an_application_number_is_either_kind() {
    assert!(matches!(
        ApplicationNumber::parse("9153000557739"),
        Ok(ApplicationNumber::Domus(_))
    ));
    assert_eq!(
        ApplicationNumber::parse("9153-000-557739").map(|n| n.to_string()),
        Ok("9153000557739".to_owned())
    );
    assert!(matches!(
        ApplicationNumber::parse("0100150320260001234"),
        Ok(ApplicationNumber::Protocol(_))
    ));
    assert!(matches!(
        ApplicationNumber::parse("INPS.0100.15/03/2026.1"),
        Ok(ApplicationNumber::Protocol(_))
    ));
    assert_eq!(
        ApplicationNumber::parse("12345"),
        Err(ApplicationNumberError::WrongDigitCount { count: 5 })
    );
    assert_eq!(
        ApplicationNumber::parse(" "),
        Err(ApplicationNumberError::Empty)
    );
    assert!(matches!(
        ApplicationNumber::parse("INPS.0100.99/03/2026.1"),
        Err(ApplicationNumberError::Protocol(ProtocolNumberError::Date(
            _
        )))
    ));
}

// ── names and catalogue ────────────────────────────────────────────────────────────────────

#[test]
fn names_compare_without_case_accents_apostrophes_or_spaces() {
    for said in ["D'Angelo", "DANGELO", "d angelo", "D’ANGELO", "d'àngelo"] {
        assert!(names_match(said, "D'Angelo"), "{said}");
    }
    for said in ["Nicolò", "NICOLO'", "nicolo", "Nicoló"] {
        assert!(names_match(said, "Nicolò"), "{said}");
    }
    assert_eq!(fold_name("Müller-Łukasz ß"), "MULLERLUKASZSS");
    assert!(!names_match("Angelo", "D'Angelo"));
    assert!(!names_match("''", "''"), "an empty name matches nothing");
}

#[test]
fn names_typed_on_the_keypad_match_their_keys() {
    // D'ANGELO → D A N G E L O → 3 2 6 4 3 5 6; NICOLÒ → N I C O L O → 6 4 2 6 5 6.
    assert!(names_match("3264356", "D'Angelo"));
    assert!(names_match("642656", "Nicolò"));
    assert!(!names_match("642657", "Nicolò"));
    assert!(!names_match("3264356", "Rossi"));
}

#[test]
fn the_catalogue_is_consistent() {
    let codes: std::collections::HashSet<_> = Benefit::ALL.iter().map(|b| b.code()).collect();
    assert_eq!(codes.len(), Benefit::ALL.len());
    for b in Benefit::ALL {
        assert_eq!(Benefit::from_code(b.code()), Some(b));
        assert!(!b.italian_name().is_empty() && !b.english_name().is_empty());
    }
    for b in [
        Benefit::SmallLoan,
        Benefit::MultiYearLoan,
        Benefit::EndOfServicePay,
        Benefit::PublicSectorPension,
    ] {
        assert_eq!(b.sector(), Sector::PublicAdministration, "{b}");
    }
    for b in [
        Benefit::Naspi,
        Benefit::AssegnoUnico,
        Benefit::OldAgePension,
    ] {
        assert_eq!(b.sector(), Sector::Private, "{b}");
    }
    assert_eq!(
        Benefit::Naspi.service_group(),
        ServiceGroup::LabourAndEmployment
    );
    assert_eq!(
        Benefit::OldAgePension.service_group(),
        ServiceGroup::Pensions
    );
    assert_eq!(Benefit::from_code("pension"), None);
    for s in ApplicationStatus::ALL {
        assert_eq!(ApplicationStatus::from_code(s.code()), Some(s));
    }
}

#[test]
fn status_changes_follow_the_workflow() {
    use ApplicationStatus::*;
    assert!(Received.can_become(UnderReview));
    assert!(UnderReview.can_become(WaitingForDocuments));
    assert!(WaitingForDocuments.can_become(UnderReview));
    assert!(UnderReview.can_become(Approved));
    assert!(Approved.can_become(Paid));
    assert!(Suspended.can_become(UnderReview));
    assert!(UnderReview.can_become(UnderReview), "a new sub-state");
    assert!(!Received.can_become(Paid));
    assert!(!Received.can_become(Approved));
    assert!(!Paid.can_become(Paid));
    for next in ApplicationStatus::ALL {
        assert!(!Rejected.can_become(next));
        assert!(!Paid.can_become(next));
    }
}

// ── filing and look-ups ────────────────────────────────────────────────────────────────────

#[tokio::test]
async fn filing_gives_numbers_a_first_state_and_an_audit_event() {
    let f = fixture().await;
    let a = file(&f, &f.mario, Benefit::Naspi, None).await;
    assert_eq!(a.domus.as_str().len(), 13);
    assert_eq!(a.protocol.to_string(), "INPS.0700.15/04/2026.0000001");
    assert_eq!(
        a.office.as_str(),
        "0700",
        "the first office of the province"
    );
    assert_eq!(
        a.office_name.as_deref(),
        Some("Direzione provinciale di Roma")
    );
    assert_eq!(a.status(), ApplicationStatus::Received);
    assert_eq!(a.history.len(), 1);
    assert_eq!(a.last_change(), now());
    assert_eq!(a.last_change_date(), date(2026, 4, 15));
    assert_eq!(a.submitted_on, date(2026, 4, 15));

    let b = file(&f, &f.giovanna, Benefit::AssegnoUnico, Some("0700")).await;
    assert_eq!(b.protocol.to_string(), "INPS.0700.15/04/2026.0000002");
    let c = file(&f, &f.giovanna, Benefit::AssegnoUnico, None).await;
    assert_eq!(
        c.protocol.to_string(),
        "INPS.4900.15/04/2026.0000001",
        "each office has its own register"
    );
    assert_ne!(a.domus, b.domus);

    let events = f.store.audit().recent(10).await.unwrap();
    assert_eq!(events.len(), 3);
    assert!(events.iter().all(|e| e.event.action == "application.filed"));
    assert!(events[2].event.detail.contains(a.domus.as_str()));
    assert_eq!(events[2].event.actor, "agent:7");
}

#[tokio::test]
async fn filing_refuses_unknown_citizens_and_offices_and_needs_a_competent_office() {
    let f = fixture().await;
    let new = |who: &TaxCode, office: Option<&str>| NewApplication {
        tax_code: who.clone(),
        benefit: Benefit::SmallLoan,
        office: office.map(|o| o.parse().unwrap()),
    };
    let unknown = tax_code("VRDLGU90E15Z404L");
    let err = file_application(&f.store, &new(&unknown, None), "ivr", now())
        .await
        .unwrap_err();
    assert!(matches!(err, ApplicationError::UnknownCitizen));
    assert_eq!(err.code(), "unknown_tax_code");

    let err = file_application(&f.store, &new(&f.mario, Some("9999")), "ivr", now())
        .await
        .unwrap_err();
    assert!(matches!(err, ApplicationError::UnknownOffice(_)));
    assert_eq!(err.kind(), ErrorKind::InvalidInput);

    let err = file_application(&f.store, &new(&f.nicolo, None), "ivr", now())
        .await
        .unwrap_err();
    assert!(matches!(err, ApplicationError::NoCompetentOffice));
    assert_eq!(err.code(), "office_required");

    // Nothing was written, not even a number.
    assert_eq!(f.store.applications().count().await.unwrap(), 0);
    assert!(f.store.audit().recent(10).await.unwrap().is_empty());
    let a = file(&f, &f.nicolo, Benefit::SmallLoan, Some("0701")).await;
    assert_eq!(a.protocol.sequence(), 1);
}

#[tokio::test]
async fn the_status_is_found_by_tax_code_and_either_number() {
    let f = fixture().await;
    let a = file(&f, &f.mario, Benefit::OldAgePension, None).await;
    let by_domus = application_status(&f.store, &f.mario, &a.domus.into())
        .await
        .unwrap();
    assert_eq!(by_domus, a);
    // The protocol number as a caller might type it.
    let typed = a.protocol.to_string().to_lowercase().replace('.', " ");
    let number = ApplicationNumber::parse(&typed).unwrap();
    let by_protocol = application_status(&f.store, &f.mario, &number)
        .await
        .unwrap();
    assert_eq!(by_protocol, a);
    assert_eq!(by_protocol.benefit, Benefit::OldAgePension);
    assert_eq!(by_protocol.service_group(), ServiceGroup::Pensions);
}

#[tokio::test]
async fn another_citizens_number_is_not_found_like_a_missing_one() {
    let f = fixture().await;
    let a = file(&f, &f.mario, Benefit::Naspi, None).await;
    let theirs = application_status(&f.store, &f.giovanna, &a.domus.into())
        .await
        .unwrap_err();
    let missing = application_status(
        &f.store,
        &f.giovanna,
        &ApplicationNumber::parse("9000000000001").unwrap(),
    )
    .await
    .unwrap_err();
    assert!(matches!(theirs, ApplicationError::NotFound));
    assert_eq!(theirs.code(), missing.code());
    assert_eq!(theirs.to_string(), missing.to_string());
    assert_eq!(theirs.kind(), ErrorKind::NotFound);
    let protocol = application_status(&f.store, &f.giovanna, &a.protocol.into())
        .await
        .unwrap_err();
    assert_eq!(protocol.code(), "application_not_found");
}

#[tokio::test]
async fn an_unknown_tax_code_is_told_apart() {
    let f = fixture().await;
    let unknown = tax_code("VRDLGU90E15Z404L");
    let err = application_status(
        &f.store,
        &unknown,
        &ApplicationNumber::parse("9000000000001").unwrap(),
    )
    .await
    .unwrap_err();
    assert_eq!(err.code(), "unknown_tax_code");
    let err = applications_of(&f.store, &unknown).await.unwrap_err();
    assert_eq!(err.code(), "unknown_tax_code");
}

#[tokio::test]
async fn a_verified_citizen_gets_all_their_applications() {
    let f = fixture().await;
    let a = file(&f, &f.mario, Benefit::Naspi, None).await;
    let b = file(&f, &f.mario, Benefit::AssegnoUnico, None).await;
    file(&f, &f.giovanna, Benefit::Adi, None).await;
    let all = applications_of(&f.store, &f.mario).await.unwrap();
    assert_eq!(all, vec![a, b]);
    assert!(
        applications_of(&f.store, &f.nicolo)
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn ex_inpdap_look_up_is_tolerant_of_how_names_are_written() {
    let f = fixture().await;
    let loan = file(&f, &f.nicolo, Benefit::SmallLoan, Some("0700")).await;
    let query = |given: &str, surname: &str, born: Date, number: ApplicationNumber| ExInpdapQuery {
        given_name: given.into(),
        surname: surname.into(),
        birth_date: born,
        number,
    };
    let born = date(1968, 5, 12);
    for (given, surname) in [
        ("Nicolò", "D'Angelo"),
        ("NICOLO'", "DANGELO"),
        ("nicolo", "d angelo"),
    ] {
        for number in [loan.domus.into(), loan.protocol.into()] {
            let found = ex_inpdap_status(&f.store, &query(given, surname, born, number))
                .await
                .unwrap_or_else(|e| panic!("{given} {surname}: {e}"));
            assert_eq!(found, loan);
            assert_eq!(found.sector(), Sector::PublicAdministration);
        }
    }

    let not_found = |q: ExInpdapQuery| {
        let store = f.store.clone();
        async move {
            let err = ex_inpdap_status(&store, &q).await.unwrap_err();
            assert!(matches!(err, ApplicationError::NotFound), "{err}");
        }
    };
    not_found(query(
        "Nicolò",
        "D'Angelo",
        date(1968, 5, 13),
        loan.domus.into(),
    ))
    .await;
    not_found(query("Nicola", "D'Angelo", born, loan.domus.into())).await;
    not_found(query("Nicolò", "Angelo", born, loan.domus.into())).await;
    not_found(query(
        "Nicolò",
        "D'Angelo",
        born,
        ApplicationNumber::parse("9000000000001").unwrap(),
    ))
    .await;
    // A private-sector application of the same person is not an ex-INPDAP one.
    let naspi = file(&f, &f.nicolo, Benefit::Naspi, Some("0700")).await;
    not_found(query("Nicolò", "D'Angelo", born, naspi.domus.into())).await;
    // Someone else's public application.
    let other = file(&f, &f.mario, Benefit::MultiYearLoan, None).await;
    not_found(query("Nicolò", "D'Angelo", born, other.domus.into())).await;

    let err = ex_inpdap_status(&f.store, &query("  ", "D'Angelo", born, loan.domus.into()))
        .await
        .unwrap_err();
    assert!(matches!(err, ApplicationError::MissingName));
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
}

#[tokio::test]
async fn status_changes_are_dated_audited_and_checked() {
    let f = fixture().await;
    let a = file(&f, &f.mario, Benefit::Naspi, None).await;
    let number: ApplicationNumber = a.domus.into();
    let later = |minutes: i64| {
        now()
            .checked_add(jiff::SignedDuration::from_mins(minutes))
            .unwrap()
    };
    let reviewed = change_status(
        &f.store,
        &number,
        ApplicationStatus::UnderReview,
        " verifica dei requisiti ",
        "agent:7",
        later(60),
    )
    .await
    .unwrap();
    assert_eq!(reviewed.status(), ApplicationStatus::UnderReview);
    assert_eq!(reviewed.sub_status(), "verifica dei requisiti");
    assert_eq!(reviewed.last_change(), later(60));
    assert_eq!(reviewed.history.len(), 2);
    assert_eq!(reviewed.history[0].status, ApplicationStatus::Received);

    let err = change_status(
        &f.store,
        &number,
        ApplicationStatus::Paid,
        "",
        "agent:7",
        later(120),
    )
    .await
    .unwrap_err();
    assert!(matches!(
        err,
        ApplicationError::InvalidTransition {
            from: ApplicationStatus::UnderReview,
            to: ApplicationStatus::Paid
        }
    ));
    assert_eq!(err.kind(), ErrorKind::Conflict);
    let err = change_status(
        &f.store,
        &number,
        ApplicationStatus::UnderReview,
        "verifica dei requisiti",
        "agent:7",
        later(120),
    )
    .await
    .unwrap_err();
    assert_eq!(err.code(), "invalid_status_change", "nothing would change");

    for (status, minutes) in [
        (ApplicationStatus::Approved, 180),
        (ApplicationStatus::Paid, 240),
    ] {
        change_status(&f.store, &number, status, "", "agent:7", later(minutes))
            .await
            .unwrap();
    }
    let err = change_status(
        &f.store,
        &number,
        ApplicationStatus::Suspended,
        "",
        "agent:7",
        later(300),
    )
    .await
    .unwrap_err();
    assert_eq!(err.code(), "invalid_status_change", "paid is final");

    let seen = application_status(&f.store, &f.mario, &number)
        .await
        .unwrap();
    let states: Vec<_> = seen.history.iter().map(|h| h.status).collect();
    assert_eq!(
        states,
        [
            ApplicationStatus::Received,
            ApplicationStatus::UnderReview,
            ApplicationStatus::Approved,
            ApplicationStatus::Paid
        ]
    );
    let changes: Vec<_> = f
        .store
        .audit()
        .recent(20)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.event.action == "application.status_changed")
        .collect();
    assert_eq!(changes.len(), 3);

    let err = change_status(
        &f.store,
        &ApplicationNumber::parse("9000000000001").unwrap(),
        ApplicationStatus::UnderReview,
        "",
        "agent:7",
        later(1),
    )
    .await
    .unwrap_err();
    assert_eq!(err.code(), "application_not_found");
}

// ── demo ───────────────────────────────────────────────────────────────────────────────────

const SURNAMES: [&str; 8] = [
    "Rossi", "D'Angelo", "Esposito", "Bianchi", "Nicolò", "De Luca", "Ferrari", "Greco",
];
const NAMES: [&str; 6] = ["Mario", "Giuseppe", "Nicolò", "Luca", "Andrea", "Paolo"];

/// `count` citizens born between 1940 and 2005, a few without an address.
pub(crate) async fn population(store: &Store, count: usize) -> Vec<CitizenData> {
    let mut people = Vec::with_capacity(count);
    for i in 0..count {
        let surname = SURNAMES[i % SURNAMES.len()];
        let given = NAMES[(i / SURNAMES.len()) % NAMES.len()];
        let born = date(
            1940 + (i % 66) as i16,
            1 + (i % 12) as i8,
            1 + (i % 28) as i8,
        );
        let code = PersonalTaxCode::encode(surname, given, born, Sex::Male, "H501")
            .expect("a computable code");
        let province = (i % 17 != 3).then_some(if i % 2 == 0 { "RM" } else { "MI" });
        people.push(citizen_data(
            TaxCode::Personal(code),
            given,
            surname,
            born,
            province,
        ));
    }
    store
        .citizens()
        .insert_all(&people)
        .await
        .expect("citizens");
    people
}

#[tokio::test]
async fn the_demo_has_every_status_and_ex_inpdap_applications() {
    let f = fixture().await;
    let people = population(&f.store, 300).await;
    let created = seed_demo(&f.store, now()).await.unwrap();
    assert!(created >= 120, "only {created} applications");
    assert_eq!(
        f.store.applications().count().await.unwrap(),
        created as i64
    );

    let mut statuses = std::collections::HashSet::new();
    let mut public = 0;
    let mut with_applications = 0;
    for person in &people {
        let list = applications_of(&f.store, &person.tax_code).await.unwrap();
        if !list.is_empty() {
            with_applications += 1;
        }
        for a in list {
            statuses.insert(a.status());
            if a.sector() == Sector::PublicAdministration {
                public += 1;
            }
            assert!(a.last_change() <= now());
            assert!(a.history.windows(2).all(|w| w[0].at <= w[1].at));
            assert!(
                a.history
                    .windows(2)
                    .all(|w| w[0].status.can_become(w[1].status)),
                "{:?}",
                a.history
            );
            assert!(a.office_name.is_some());
        }
    }
    assert_eq!(statuses.len(), ApplicationStatus::ALL.len(), "{statuses:?}");
    assert!(public >= 10, "only {public} ex-INPDAP applications");
    assert!(
        with_applications * 100 >= people.len() * 40,
        "{with_applications} of {}",
        people.len()
    );
    // Once is enough: a second call adds nothing.
    assert_eq!(seed_demo(&f.store, now()).await.unwrap(), 0);
}

#[tokio::test]
async fn the_demo_is_deterministic() {
    let mut lists = Vec::new();
    for _ in 0..2 {
        let f = fixture().await;
        let people = population(&f.store, 60).await;
        seed_demo(&f.store, now()).await.unwrap();
        let mut all = Vec::new();
        for person in &people {
            all.extend(applications_of(&f.store, &person.tax_code).await.unwrap());
        }
        lists.push(all);
    }
    assert!(!lists[0].is_empty());
    assert_eq!(lists[0], lists[1]);
}
