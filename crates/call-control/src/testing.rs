//! The unit tests' world: an in-memory store with a few citizens and their back-office data,
//! the calendars the flows branch on, and a back office writing letters to a temporary folder.

use std::collections::BTreeMap;
use std::sync::Arc;

use calendar::{CalendarSpec, Calendars};
use domain::{Language, Money, ServiceGroup, Sex, TaxCode};
use jiff::Timestamp;
use jiff::civil::{Date, date};
use services::appointments::{AppointmentsConfig, OfficeSchedule};
use services::documents::DispatchPolicy;
use services::domestic::{RelationshipCode, RelationshipData, WeeklyHours};
use services::linea::{LineaConfig, LineaOrigin, LineaRequestId, NewRequest};
use services::surveys::SurveySpec;
use store::payments::{ContributionPeriodRow, Payments};
use store::{Address, CitizenData, Office, Store};

use crate::ops::BackOffice;

/// Wednesday 15 April 2026, 10:30 in Rome: agents open, CU campaign open.
pub(crate) fn now() -> Timestamp {
    "2026-04-15T08:30:00Z".parse().expect("an instant")
}

pub(crate) fn code(text: &str) -> TaxCode {
    TaxCode::parse(text).expect("a valid test tax code")
}

pub(crate) const CALENDARS: &str = r#"
[agents-it]
zone = "Europe/Rome"
national_holidays = true
hours = { mon = ["08:00-20:00"], tue = ["08:00-20:00"], wed = ["08:00-20:00"], thu = ["08:00-20:00"], fri = ["08:00-20:00"], sat = ["08:00-14:00"] }

[automated]
zone = "Europe/Rome"
always_open = true

[cu-campaign]
zone = "Europe/Rome"
always_open = true
campaigns = [{ from = "2026-03-16", to = "2026-12-31" }]
"#;

pub(crate) fn calendars() -> Calendars {
    let specs: BTreeMap<String, CalendarSpec> = toml::from_str(CALENDARS).expect("calendars");
    Calendars::from_specs(&specs).expect("valid calendars")
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

fn citizen(code: &TaxCode, given_name: &str, born: Date, province: Option<&str>) -> CitizenData {
    CitizenData {
        tax_code: code.clone(),
        given_name: given_name.into(),
        surname: "Rossi".into(),
        birth_date: born,
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

/// Two valid tax codes typed with the same keys, born on different days (1 January and
/// 1 February 1980): found by varying the surname's letters on their keys until the check
/// characters share a key too.
pub(crate) fn keypad_twins() -> (TaxCode, TaxCode) {
    let with_check = |prefix: &str| -> TaxCode {
        ('A'..='Z')
            .find_map(|c| TaxCode::parse(&format!("{prefix}{c}")).ok())
            .expect("some check character is right")
    };
    let first = with_check("RSSMRA80A01F205");
    let keys = domain::keypad::keys_for(first.as_str());
    for a in ['P', 'Q', 'R', 'S'] {
        for b in ['P', 'Q', 'R', 'S'] {
            for c in ['P', 'Q', 'R', 'S'] {
                let second = with_check(&format!("{a}{b}{c}MRA80B01F205"));
                if domain::keypad::keys_for(second.as_str()) == keys {
                    return (first, second);
                }
            }
        }
    }
    panic!("no keypad twin found");
}

/// The citizens and their data.
pub(crate) struct Fixture {
    pub(crate) office: Arc<BackOffice>,
    /// Mario Rossi, Rome: demo PIN 12345678, a NASpI application, an insurance record, an INPS
    /// Linea request, employer of a domestic worker.
    pub(crate) mario: TaxCode,
    /// Two citizens typed with the same keys.
    pub(crate) twins: (TaxCode, TaxCode),
    /// Giovanna: no address on file, an insurance record.
    pub(crate) giovanna: TaxCode,
    pub(crate) domus: String,
    pub(crate) linea: LineaRequestId,
    pub(crate) relationship: RelationshipCode,
    _dir: tempfile::TempDir,
}

pub(crate) async fn fixture() -> Fixture {
    let store = Store::open_in_memory().await.expect("a store");
    store
        .offices()
        .replace_all(&[
            office("0700", "Direzione provinciale di Roma", "RM"),
            office("4900", "Direzione provinciale di Milano", "MI"),
        ])
        .await
        .expect("offices");
    let mario = code("RSSMRA80A01H501U");
    let giovanna = code("BNCGNN75T52F205W");
    let twins = keypad_twins();
    let people = [
        citizen(&mario, "Mario", date(1980, 1, 1), Some("RM")),
        citizen(&giovanna, "Giovanna", date(1975, 12, 12), None),
        citizen(&twins.0, "Primo", date(1980, 1, 1), Some("MI")),
        citizen(&twins.1, "Secondo", date(1980, 2, 1), Some("MI")),
    ];
    store
        .citizens()
        .insert_all(&people)
        .await
        .expect("citizens");
    let now = now();
    services::pins::issue_demo_pin(&store, &mario, now)
        .await
        .expect("a PIN");
    let application = services::applications::file_application(
        &store,
        &services::applications::NewApplication {
            tax_code: mario.clone(),
            benefit: services::applications::Benefit::Naspi,
            office: None,
        },
        "test",
        now,
    )
    .await
    .expect("an application");
    let mut ids = Vec::new();
    for who in [&mario, &giovanna] {
        let found = store.citizens().by_tax_code(who).await.expect("read");
        ids.push(found.expect("on file").id);
    }
    let mut tx = store.begin().await.expect("a transaction");
    for id in ids {
        Payments::insert_contribution_period_in(
            &mut tx,
            id,
            &ContributionPeriodRow {
                fund: "fpld".into(),
                from: date(2010, 1, 1),
                to: date(2020, 12, 31),
                kind: "work".into(),
                weeks: Some(572),
                months: None,
                pay: Money::from_cents(25_000_000),
                reference: Some("ACME S.p.A.".into()),
            },
        )
        .await
        .expect("a contribution period");
    }
    tx.commit().await.expect("commit");
    let request = services::linea::create(
        &store,
        &LineaConfig::default(),
        &NewRequest {
            tax_code: mario.clone(),
            origin: LineaOrigin::Online,
            service_group: ServiceGroup::Pensions,
            topic: "Ricostituzione".into(),
            description: "Chiedo la ricostituzione della pensione.".into(),
            office: None,
        },
        now,
    )
    .await
    .expect("a request");
    let relationship = RelationshipCode::parse("1234567890").expect("a code");
    services::domestic::register(
        &store,
        &RelationshipData {
            code: relationship.clone(),
            employer: mario.clone(),
            worker: giovanna.clone(),
            start: date(2025, 1, 1),
            end: None,
            weekly_hours: WeeklyHours::parse("20").expect("hours"),
            hourly_wage: "9.50".parse().expect("money"),
            live_in_value: None,
            cuaf: true,
            fixed_term: false,
            cassa_colf: true,
        },
        "test",
        now,
    )
    .await
    .expect("a relationship");
    let dir = tempfile::tempdir().expect("a temporary folder");
    let office = BackOffice {
        store,
        calendars: Arc::new(calendars()),
        zone: jiff::tz::TimeZone::get("Europe/Rome").expect("Rome"),
        survey: SurveySpec::inps_default(),
        appointments: AppointmentsConfig::standard()
            .expect("standard")
            .with_default_schedule(OfficeSchedule::circular_2019(1).expect("one desk")),
        documents_dir: dir.path().join("documents"),
        dispatch: DispatchPolicy::default(),
        cu_calendar: "cu-campaign".into(),
    };
    Fixture {
        office: Arc::new(office),
        mario,
        twins,
        giovanna,
        domus: application.domus.as_str().to_owned(),
        linea: request.id,
        relationship,
        _dir: dir,
    }
}
