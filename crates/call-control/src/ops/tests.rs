//! Each operation's outcomes against a seeded in-memory store.

use domain::Money;
use flow::{OperationCatalog, Value, Vars};
use jiff::Timestamp;
use jiff::civil::date;

use super::*;
use crate::testing::{Fixture, fixture, now};

fn args(pairs: &[(&str, &str)]) -> Vars {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), Value::Text((*v).to_owned())))
        .collect()
}

async fn run(f: &Fixture, session: &mut Session, op: &str, pairs: &[(&str, &str)]) -> OpResult {
    run_at(f, session, op, pairs, now()).await
}

async fn run_at(
    f: &Fixture,
    session: &mut Session,
    op: &str,
    pairs: &[(&str, &str)],
    at: Timestamp,
) -> OpResult {
    execute(&f.office, session, op, &args(pairs), at).await
}

fn keys(code: &TaxCode) -> String {
    domain::keypad::keys_for(code.as_str())
}

#[test]
fn the_catalog_is_the_contract_table() {
    let names: Vec<&str> = OPERATIONS.iter().map(|o| o.name).collect();
    assert_eq!(
        names,
        [
            "identify",
            "application-status",
            "ex-inpdap-status",
            "latest-application",
            "domestic-amount-due",
            "send-document",
            "linea-status",
            "appointment-offer",
            "appointment-book",
        ]
    );
    let spec = Operations.operation("send-document").expect("listed");
    assert!(spec.outcomes.contains("error"), "every operation may fail");
    assert!(spec.outcomes.contains("sent_recently"));
    assert!(spec.args.contains("year"));
    assert!(spec.results.contains("sent_on"));
    assert!(Operations.operation("transfer-money").is_none());
}

#[tokio::test]
async fn identify_by_keys_then_pin() {
    let f = fixture().await;
    let mut session = Session::default();
    let keys = keys(&f.mario);
    let r = run(
        &f,
        &mut session,
        "identify",
        &[("tax_code", &keys), ("pin", "12345678")],
    )
    .await;
    assert_eq!(r.outcome, "ok");
    assert_eq!(r.fields["tax_code"], Value::Code("RSSMRA80A01H501U".into()));
    assert_eq!(r.fields["given_name"], Value::Text("Mario".into()));
    assert_eq!(r.fields["pin_verified"], Value::Text("yes".into()));
    assert!(session.pin_verified().is_some());
    assert_eq!(session.identified(), Some(&f.mario));

    // A tax code written out works too, without a PIN.
    let mut other = Session::default();
    let r = run(
        &f,
        &mut other,
        "identify",
        &[("tax_code", "rssmra80a01h501u"), ("pin", "")],
    )
    .await;
    assert_eq!(r.outcome, "ok");
    assert_eq!(r.fields["pin_verified"], Value::Text("no".into()));
    assert!(other.pin_verified().is_none());
}

#[tokio::test]
async fn a_pin_alone_checks_the_caller_identified_before() {
    let f = fixture().await;
    let mut s = Session::default();
    let r = run(&f, &mut s, "identify", &[("pin", "12345678")]).await;
    assert_eq!(r.outcome, "invalid", "nobody identified yet");
    let r = run(&f, &mut s, "identify", &[("tax_code", f.mario.as_str())]).await;
    assert_eq!(r.fields["pin_verified"], Value::Text("no".into()));
    let r = run(&f, &mut s, "identify", &[("pin", "12345678")]).await;
    assert_eq!(r.outcome, "ok");
    assert_eq!(r.fields["tax_code"], Value::Code(f.mario.as_str().into()));
    assert_eq!(r.fields["pin_verified"], Value::Text("yes".into()));
}

#[tokio::test]
async fn identify_refuses_what_is_not_a_caller() {
    let f = fixture().await;
    let mut s = Session::default();
    for (given, outcome) in [
        ("12345", "invalid"),
        ("RSSMRA80A01H501X", "invalid"),
        ("7776728020145019", "not_found"),
        ("BNCGNN75T52F205W", "ok"),
    ] {
        let r = run(&f, &mut s, "identify", &[("tax_code", given)]).await;
        assert_eq!(r.outcome, outcome, "{given}");
    }
}

#[tokio::test]
async fn identify_asks_the_birth_date_when_keys_match_two_citizens() {
    let f = fixture().await;
    let (first, second) = &f.twins;
    let keys = keys(first);
    assert_eq!(keys, self::keys(second));
    let mut s = Session::default();
    let r = run(&f, &mut s, "identify", &[("tax_code", &keys)]).await;
    assert_eq!(r.outcome, "ambiguous");
    let r = run(
        &f,
        &mut s,
        "identify",
        &[("tax_code", &keys), ("birth_date", "31121999")],
    )
    .await;
    assert_eq!(r.outcome, "ambiguous", "a date that matches neither");
    let r = run(
        &f,
        &mut s,
        "identify",
        &[("tax_code", &keys), ("birth_date", "01021980")],
    )
    .await;
    assert_eq!(r.outcome, "ok");
    assert_eq!(r.fields["tax_code"], Value::Code(second.as_str().into()));
    assert_eq!(r.fields["given_name"], Value::Text("Secondo".into()));
}

#[tokio::test]
async fn three_wrong_pins_lock_and_then_even_the_right_one_is_locked() {
    let f = fixture().await;
    let mut s = Session::new(None);
    let keys = keys(&f.mario);
    let attempt = |pin: &'static str| [("tax_code", keys.clone()), ("pin", pin.to_owned())];
    let mut outcomes = Vec::new();
    for pin in ["11111111", "22222222", "33333333", "12345678"] {
        let a = attempt(pin);
        let pairs: Vec<(&str, &str)> = a.iter().map(|(k, v)| (*k, v.as_str())).collect();
        outcomes.push(run(&f, &mut s, "identify", &pairs).await.outcome);
    }
    assert_eq!(outcomes, ["invalid", "invalid", "locked", "locked"]);
    assert!(s.pin_verified().is_none());
    // A citizen without a PIN: not found; a PIN that is not 8 digits: invalid.
    let r = run(
        &f,
        &mut s,
        "identify",
        &[("tax_code", "BNCGNN75T52F205W"), ("pin", "12345678")],
    )
    .await;
    assert_eq!(r.outcome, "not_found");
    let r = run(
        &f,
        &mut s,
        "identify",
        &[("tax_code", "BNCGNN75T52F205W"), ("pin", "123")],
    )
    .await;
    assert_eq!(r.outcome, "invalid");
}

#[tokio::test]
async fn application_status_by_domus_number() {
    let f = fixture().await;
    let mut s = Session::default();
    let code = f.mario.as_str();
    let r = run(
        &f,
        &mut s,
        "application-status",
        &[("tax_code", code), ("number", &f.domus)],
    )
    .await;
    assert_eq!(r.outcome, "ok");
    assert_eq!(
        r.fields["benefit"],
        Value::Text("NASpI - indennità di disoccupazione".into()),
        "{r:?}"
    );
    assert_eq!(r.fields["status"], Value::Text("received".into()));
    assert_eq!(r.fields["status_date"], Value::Date(date(2026, 4, 15)));
    assert_eq!(
        r.fields["office"],
        Value::Text("Direzione provinciale di Roma".into())
    );
    // Someone else's number is not found; a number of the wrong length is invalid.
    let other = f.giovanna.as_str();
    let r = run(
        &f,
        &mut s,
        "application-status",
        &[("tax_code", other), ("number", &f.domus)],
    )
    .await;
    assert_eq!(r.outcome, "not_found");
    let r = run(
        &f,
        &mut s,
        "application-status",
        &[("tax_code", code), ("number", "123")],
    )
    .await;
    assert_eq!(r.outcome, "invalid");
    let views = f.office.store.audit().recent(20).await.unwrap();
    assert!(
        views
            .iter()
            .any(|v| v.event.action == "data.viewed" && v.event.actor == "ivr"),
        "the view is audited"
    );
}

#[tokio::test]
async fn latest_application_needs_the_pin_of_this_contact() {
    let f = fixture().await;
    let mut s = Session::default();
    let code = f.mario.as_str();
    let r = run(&f, &mut s, "latest-application", &[("tax_code", code)]).await;
    assert_eq!(r.outcome, "unauthorized");
    let r = run(&f, &mut s, "identify", &[("tax_code", code)]).await;
    assert_eq!(r.outcome, "ok");
    let r = run(&f, &mut s, "latest-application", &[("tax_code", code)]).await;
    assert_eq!(
        r.outcome, "unauthorized",
        "the tax code alone is not enough"
    );
    let r = run(
        &f,
        &mut s,
        "identify",
        &[("tax_code", code), ("pin", "12345678")],
    )
    .await;
    assert_eq!(r.outcome, "ok");
    let r = run(&f, &mut s, "latest-application", &[("tax_code", code)]).await;
    assert_eq!(r.outcome, "ok");
    assert_eq!(r.fields["count"], Value::Integer(1));
    assert_eq!(r.fields["status"], Value::Text("received".into()));
    // Someone else's tax code with Mario's PIN: unauthorized.
    let other = f.giovanna.as_str();
    let r = run(&f, &mut s, "latest-application", &[("tax_code", other)]).await;
    assert_eq!(r.outcome, "unauthorized");
}

#[tokio::test]
async fn domestic_amount_due_speaks_money_and_dates() {
    let f = fixture().await;
    let mut s = Session::default();
    let code = f.mario.as_str();
    let rel = f.relationship.as_str();
    let r = run(
        &f,
        &mut s,
        "domestic-amount-due",
        &[("tax_code", code), ("relationship_code", rel)],
    )
    .await;
    assert_eq!(r.outcome, "ok", "{r:?}");
    assert_eq!(r.fields["quarter"], Value::Integer(2));
    assert_eq!(r.fields["year"], Value::Integer(2026));
    assert_eq!(r.fields["due_date"], Value::Date(date(2026, 7, 10)));
    assert!(matches!(r.fields["amount"], Value::Money(m) if m > Money::ZERO));
    // Next January the 2027 table is not out yet: the date is known, the amount is not.
    let january: Timestamp = "2027-01-20T09:00:00Z".parse().unwrap();
    let r = run_at(
        &f,
        &mut s,
        "domestic-amount-due",
        &[("tax_code", code), ("relationship_code", rel)],
        january,
    )
    .await;
    assert_eq!(r.outcome, "unavailable", "{r:?}");
    assert!(r.fields.contains_key("due_date") && !r.fields.contains_key("amount"));
    let other = f.giovanna.as_str();
    let r = run(
        &f,
        &mut s,
        "domestic-amount-due",
        &[("tax_code", other), ("relationship_code", rel)],
    )
    .await;
    assert_eq!(r.outcome, "not_found", "another employer's code");
    let r = run(
        &f,
        &mut s,
        "domestic-amount-due",
        &[("tax_code", code), ("relationship_code", "12")],
    )
    .await;
    assert_eq!(r.outcome, "invalid");
}

#[tokio::test]
async fn send_document_posts_a_letter_once() {
    let f = fixture().await;
    let mut s = Session::default();
    let code = f.mario.as_str();
    let ask = [
        ("tax_code", code),
        ("kind", "insurance_record"),
        ("year", ""),
    ];
    let r = run(&f, &mut s, "send-document", &ask).await;
    assert_eq!(r.outcome, "ok", "{r:?}");
    assert_eq!(r.fields["dispatch_date"], Value::Date(date(2026, 4, 16)));
    let later: Timestamp = "2026-04-20T09:00:00Z".parse().unwrap();
    let r = run_at(&f, &mut s, "send-document", &ask, later).await;
    assert_eq!(r.outcome, "sent_recently");
    assert_eq!(r.fields["sent_on"], Value::Date(date(2026, 4, 16)));
    let pdfs = walk(&f.office.documents_dir);
    assert_eq!(pdfs.len(), 1, "{pdfs:?}");

    let homeless = f.giovanna.as_str();
    let r = run(
        &f,
        &mut s,
        "send-document",
        &[
            ("tax_code", homeless),
            ("kind", "insurance_record"),
            ("year", ""),
        ],
    )
    .await;
    assert_eq!(r.outcome, "no_address");
    let r = run(
        &f,
        &mut s,
        "send-document",
        &[
            ("tax_code", code),
            ("kind", "payment_statement"),
            ("year", ""),
        ],
    )
    .await;
    assert_eq!(r.outcome, "not_found", "no payments in the last 12 months");
    let february: Timestamp = "2026-02-10T09:00:00Z".parse().unwrap();
    let r = run_at(
        &f,
        &mut s,
        "send-document",
        &[
            ("tax_code", code),
            ("kind", "certificazione_unica"),
            ("year", "2026"),
        ],
        february,
    )
    .await;
    assert_eq!(r.outcome, "unavailable", "outside the CU campaign");
    let r = run(
        &f,
        &mut s,
        "send-document",
        &[
            ("tax_code", code),
            ("kind", "certificazione_unica"),
            ("year", ""),
        ],
    )
    .await;
    assert_eq!(r.outcome, "not_found", "no CU on file");
    let r = run(
        &f,
        &mut s,
        "send-document",
        &[("tax_code", code), ("kind", "passport"), ("year", "")],
    )
    .await;
    assert_eq!(r.outcome, "error");
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[tokio::test]
async fn linea_status_by_keyed_or_written_id() {
    let f = fixture().await;
    let mut s = Session::default();
    let code = f.mario.as_str();
    let written = f.linea.to_string();
    let keyed: String = written.chars().filter(char::is_ascii_digit).collect();
    assert_eq!(keyed.len(), 12);
    for id in [written.as_str(), keyed.as_str()] {
        let r = run(
            &f,
            &mut s,
            "linea-status",
            &[("tax_code", code), ("request_id", id)],
        )
        .await;
        assert_eq!(r.outcome, "ok", "{id}");
        assert_eq!(r.fields["status"], Value::Text("received".into()));
        assert_eq!(
            r.fields["office"],
            Value::Text("Direzione provinciale di Roma".into())
        );
        assert!(matches!(r.fields["sla_due"], Value::Date(_)));
    }
    // Status codes reach the prompts in kebab-case, like the application statuses.
    services::linea::change_status(
        &f.office.store,
        &services::linea::LineaConfig::default(),
        f.linea,
        services::linea::LineaStatus::TakenInCharge,
        &services::linea::LineaActor::System,
        "",
        now(),
    )
    .await
    .expect("taken in charge");
    let r = run(
        &f,
        &mut s,
        "linea-status",
        &[("tax_code", code), ("request_id", &keyed)],
    )
    .await;
    assert_eq!(r.fields["status"], Value::Text("taken-in-charge".into()));
    // After its due date a request still with the office is `overdue`, not "will be handled
    // by <a past date>".
    let Value::Date(due) = r.fields["sla_due"] else {
        panic!("sla_due is a date");
    };
    let after_due = due
        .tomorrow()
        .unwrap()
        .at(12, 0, 0, 0)
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .unwrap()
        .timestamp();
    let late = run_at(
        &f,
        &mut s,
        "linea-status",
        &[("tax_code", code), ("request_id", &keyed)],
        after_due,
    )
    .await;
    assert_eq!(late.fields["status"], Value::Text("overdue".into()));
    let other = f.giovanna.as_str();
    let r = run(
        &f,
        &mut s,
        "linea-status",
        &[("tax_code", other), ("request_id", &keyed)],
    )
    .await;
    assert_eq!(r.outcome, "not_found");
    let r = run(
        &f,
        &mut s,
        "linea-status",
        &[("tax_code", code), ("request_id", "2026")],
    )
    .await;
    assert_eq!(r.outcome, "invalid");
}

#[tokio::test]
async fn appointment_offer_then_book_then_conflict() {
    let f = fixture().await;
    let mut s = Session::default();
    let code = f.mario.as_str();
    let offer = run(
        &f,
        &mut s,
        "appointment-offer",
        &[("tax_code", code), ("service", "pensions")],
    )
    .await;
    assert_eq!(offer.outcome, "ok", "{offer:?}");
    assert_eq!(
        offer.fields["office"],
        Value::Text("Direzione provinciale di Roma".into())
    );
    // Wednesday 15 April, 10:30: slots need two hours' notice and the office closes at 12:30,
    // so the next slot is Thursday's first, 08:30 in Rome.
    let start = jiff::civil::datetime(2026, 4, 16, 8, 30, 0, 0);
    assert_eq!(offer.fields["start"], Value::DateTime(start), "{offer:?}");
    let slot = offer.fields["slot"].to_string();
    assert_eq!(slot, "0700|2026-04-16T06:30:00Z|pensions");

    let book = [
        ("tax_code", code),
        ("mobile", "333 1234567"),
        ("slot", slot.as_str()),
    ];
    let r = run(&f, &mut s, "appointment-book", &book).await;
    assert_eq!(r.outcome, "ok", "{r:?}");
    assert!(matches!(&r.fields["code"], Value::Code(c) if c.starts_with("PR-")));
    assert_eq!(r.fields["start"], Value::DateTime(start));
    let r = run(&f, &mut s, "appointment-book", &book).await;
    assert_eq!(r.outcome, "conflict", "one desk: the slot is taken");
    let r = run(
        &f,
        &mut s,
        "appointment-book",
        &[
            ("tax_code", code),
            ("mobile", "0612345678"),
            ("slot", slot.as_str()),
        ],
    )
    .await;
    assert_eq!(r.outcome, "invalid", "a landline is not a mobile");
    // The next offer is the next slot.
    let again = run(
        &f,
        &mut s,
        "appointment-offer",
        &[("tax_code", code), ("service", "pensions")],
    )
    .await;
    assert_ne!(again.fields["slot"].to_string(), slot);

    let homeless = f.giovanna.as_str();
    let r = run(
        &f,
        &mut s,
        "appointment-offer",
        &[("tax_code", homeless), ("service", "pensions")],
    )
    .await;
    assert_eq!(
        r.outcome, "unavailable",
        "no residence, no competent office"
    );
    let r = run(
        &f,
        &mut s,
        "appointment-offer",
        &[("tax_code", "7776728020145019"), ("service", "pensions")],
    )
    .await;
    assert_eq!(r.outcome, "not_found");
}

#[tokio::test]
async fn an_unknown_operation_is_an_error_outcome() {
    let f = fixture().await;
    let mut s = Session::default();
    let r = run(&f, &mut s, "transfer-money", &[]).await;
    assert_eq!(r.outcome, "error");
    assert!(r.fields.is_empty());
}

#[tokio::test]
async fn ex_inpdap_status_by_names_typed_on_the_keypad() {
    let f = fixture().await;
    let loan = services::applications::file_application(
        &f.office.store,
        &services::applications::NewApplication {
            tax_code: f.mario.clone(),
            benefit: services::applications::Benefit::SmallLoan,
            office: None,
        },
        "test",
        now(),
    )
    .await
    .expect("a public-administration application");
    let domus = loan.domus.to_string();
    let mut s = Session::default();
    // ROSSI → 76774, MARIO → 62746, born 1 January 1980.
    let typed = [
        ("surname", "76774"),
        ("given_name", "62746"),
        ("birth_date", "01011980"),
    ];
    fn with<'a>(typed: &[(&'a str, &'a str)], number: &'a str) -> Vec<(&'a str, &'a str)> {
        let mut pairs = typed.to_vec();
        pairs.push(("number", number));
        pairs
    }
    let r = run(&f, &mut s, "ex-inpdap-status", &with(&typed, &domus)).await;
    assert_eq!(r.outcome, "ok", "{r:?}");
    assert_eq!(r.fields["status"], Value::Text("received".into()));
    // A private-sector application (the NASpI) is not found by this service; nor is a wrong
    // name or date; a malformed number or date is invalid.
    let r = run(&f, &mut s, "ex-inpdap-status", &with(&typed, &f.domus)).await;
    assert_eq!(r.outcome, "not_found");
    let mut wrong = with(&typed, &domus);
    wrong[0] = ("surname", "76775");
    assert_eq!(
        run(&f, &mut s, "ex-inpdap-status", &wrong).await.outcome,
        "not_found"
    );
    let mut bad_date = with(&typed, &domus);
    bad_date[2] = ("birth_date", "31021980");
    assert_eq!(
        run(&f, &mut s, "ex-inpdap-status", &bad_date).await.outcome,
        "invalid"
    );
    assert_eq!(
        run(&f, &mut s, "ex-inpdap-status", &with(&typed, "12"))
            .await
            .outcome,
        "invalid"
    );
}
