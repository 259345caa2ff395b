//! The relationship value types and the `domestic_relationships` table, on a real database.

use domain::{CenturyRule, Money, TaxCode};
use jiff::civil::date;

use super::*;

fn tax_code(code: &str) -> TaxCode {
    TaxCode::parse_with(code, CenturyRule::with_reference_year(2026)).expect("test codes are valid")
}

fn code(text: &str) -> RelationshipCode {
    RelationshipCode::parse(text).expect("test relationship codes are valid")
}

fn relationship(code_text: &str, employer: &str, worker: &str) -> RelationshipData {
    RelationshipData {
        code: code(code_text),
        employer: tax_code(employer),
        worker: tax_code(worker),
        start: date(2025, 3, 3),
        end: None,
        weekly_hours: WeeklyHours::from_hours(20).unwrap(),
        hourly_wage: Money::from_cents(950),
        live_in_value: None,
        cuaf: true,
        fixed_term: false,
        cassa_colf: true,
    }
}

fn now() -> Timestamp {
    "2026-03-01T10:00:00Z".parse().unwrap()
}

#[test]
fn relationship_codes_are_ten_digits_with_precise_errors() {
    assert_eq!(code("1234567890").as_str(), "1234567890");
    assert_eq!(code(" 12345 67890 ").as_str(), "1234567890");
    assert_eq!(code("1234-567-890").as_str(), "1234567890");
    assert_eq!(
        RelationshipCode::parse(""),
        Err(RelationshipCodeError::Empty)
    );
    assert_eq!(
        RelationshipCode::parse("   "),
        Err(RelationshipCodeError::Empty)
    );
    assert_eq!(
        RelationshipCode::parse("123456789"),
        Err(RelationshipCodeError::WrongLength { length: 9 })
    );
    assert_eq!(
        RelationshipCode::parse("12345678901"),
        Err(RelationshipCodeError::WrongLength { length: 11 })
    );
    assert_eq!(
        RelationshipCode::parse("12345X7890"),
        Err(RelationshipCodeError::NotADigit {
            position: 6,
            character: 'X'
        })
    );
    let message = RelationshipCode::parse("12345X7890")
        .unwrap_err()
        .to_string();
    assert!(message.contains("character 6 is 'X'"), "{message}");
    assert_eq!(
        RelationshipCode::parse("123456789")
            .unwrap_err()
            .to_string(),
        "the relationship code has 9 digits, it must have 10"
    );
    // Debug masks it, Display does not.
    assert!(!format!("{:?}", code("1234567890")).contains("1234567890"));
    assert_eq!(code("1234567890").to_string(), "1234567890");
}

#[test]
fn weekly_hours_parse_and_print() {
    let h = |t: &str| WeeklyHours::parse(t).map(WeeklyHours::hundredths);
    assert_eq!(h("20"), Ok(2000));
    assert_eq!(h(" 12.5 "), Ok(1250));
    assert_eq!(h("12,25"), Ok(1225));
    assert_eq!(h("168"), Ok(16800));
    assert_eq!(h("0.01"), Ok(1));
    assert!(matches!(
        WeeklyHours::parse("abc"),
        Err(WeeklyHoursError::NotANumber(_))
    ));
    assert!(matches!(
        WeeklyHours::parse(""),
        Err(WeeklyHoursError::NotANumber(_))
    ));
    assert!(matches!(
        WeeklyHours::parse("1.234"),
        Err(WeeklyHoursError::TooPrecise(_))
    ));
    for out in ["0", "0.00", "-5", "168.01", "99999999999"] {
        assert!(
            matches!(
                WeeklyHours::parse(out),
                Err(WeeklyHoursError::OutOfRange(_))
            ),
            "{out}"
        );
    }
    assert_eq!(WeeklyHours::from_hundredths(0), None);
    assert_eq!(WeeklyHours::from_hours(169), None);
    let shown: Vec<String> = [2000, 1250, 1225, 5]
        .into_iter()
        .map(|n| WeeklyHours::from_hundredths(n).unwrap().to_string())
        .collect();
    assert_eq!(shown, ["20", "12.5", "12.25", "0.05"]);
    assert!(!WeeklyHours::from_hours(24).unwrap().over_24());
    assert!(WeeklyHours::from_hundredths(2401).unwrap().over_24());
}

#[tokio::test]
async fn relationships_round_trip_and_are_found_only_by_their_employer() {
    let store = Store::open_in_memory().await.unwrap();
    let mut data = relationship("1000000001", "RSSMRA80A01H501U", "BNCGNN75T52F205W");
    data.end = Some(date(2026, 1, 31));
    data.live_in_value = Some(Money::from_cents(85));
    data.fixed_term = true;
    data.cuaf = false;
    let id = store.domestic().insert(&data, now()).await.unwrap();
    let found = store
        .domestic()
        .by_employer_and_code(&data.employer, &data.code)
        .await
        .unwrap()
        .expect("found by its employer");
    assert_eq!(
        found,
        Relationship {
            id,
            data: data.clone(),
            created_at: now()
        }
    );
    // The worker, another citizen, or an unknown code: all "not found".
    for (employer, code_text) in [
        ("BNCGNN75T52F205W", "1000000001"),
        ("VRDLGU90E15Z404L", "1000000001"),
        ("RSSMRA80A01H501U", "1000000002"),
    ] {
        let other = store
            .domestic()
            .by_employer_and_code(&tax_code(employer), &code(code_text))
            .await
            .unwrap();
        assert_eq!(other, None, "{employer} {code_text}");
    }
}

#[tokio::test]
async fn a_code_is_stored_once() {
    let store = Store::open_in_memory().await.unwrap();
    let data = relationship("1000000001", "RSSMRA80A01H501U", "BNCGNN75T52F205W");
    store.domestic().insert(&data, now()).await.unwrap();
    let again = relationship("1000000001", "VRDLGU90E15Z404L", "BNCGNN75T52F205W");
    let err = store.domestic().insert(&again, now()).await.unwrap_err();
    assert!(matches!(err, StoreError::Duplicate { .. }), "{err}");
    assert_eq!(store.domestic().count().await.unwrap(), 1);
}

#[tokio::test]
async fn the_schema_refuses_impossible_relationships() {
    let store = Store::open_in_memory().await.unwrap();
    let mut backwards = relationship("1000000001", "RSSMRA80A01H501U", "BNCGNN75T52F205W");
    backwards.end = Some(date(2025, 1, 1));
    assert!(store.domestic().insert(&backwards, now()).await.is_err());
    let self_employed = relationship("1000000002", "RSSMRA80A01H501U", "RSSMRA80A01H501U");
    assert!(
        store
            .domestic()
            .insert(&self_employed, now())
            .await
            .is_err()
    );
    let mut unpaid = relationship("1000000003", "RSSMRA80A01H501U", "BNCGNN75T52F205W");
    unpaid.hourly_wage = Money::ZERO;
    assert!(store.domestic().insert(&unpaid, now()).await.is_err());
    assert_eq!(store.domestic().count().await.unwrap(), 0);
}

#[tokio::test]
async fn a_transaction_writes_the_relationship_and_its_audit_row_together() {
    let store = Store::open_in_memory().await.unwrap();
    let data = relationship("1000000001", "RSSMRA80A01H501U", "BNCGNN75T52F205W");
    let event = NewAuditEvent {
        actor: "agent:7".into(),
        action: "domestic.registered".into(),
        subject: Some(data.employer.as_str().to_owned()),
        detail: "1000000001".into(),
    };
    // Rolled back: neither row stays.
    {
        let mut tx = store.begin().await.unwrap();
        DomesticRelationships::insert_in(&mut tx, &data, now())
            .await
            .unwrap();
        DomesticRelationships::audit_in(&mut tx, now(), &event)
            .await
            .unwrap();
    }
    assert_eq!(store.domestic().count().await.unwrap(), 0);
    assert!(store.audit().recent(10).await.unwrap().is_empty());
    let mut tx = store.begin().await.unwrap();
    DomesticRelationships::insert_in(&mut tx, &data, now())
        .await
        .unwrap();
    DomesticRelationships::audit_in(&mut tx, now(), &event)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(store.domestic().count().await.unwrap(), 1);
    let audit = store.audit().recent(10).await.unwrap();
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0].event, event);
}

#[tokio::test]
async fn listing_by_employer_and_by_period() {
    let store = Store::open_in_memory().await.unwrap();
    let mut first = relationship("1000000001", "RSSMRA80A01H501U", "BNCGNN75T52F205W");
    first.start = date(2024, 1, 8);
    first.end = Some(date(2024, 6, 30));
    let mut second = relationship("1000000002", "RSSMRA80A01H501U", "VRDLGU90E15Z404L");
    second.start = date(2025, 9, 1);
    let mut other = relationship("1000000003", "VRDLGU90E15Z404L", "BNCGNN75T52F205W");
    other.start = date(2023, 2, 1);
    for data in [&second, &first, &other] {
        store.domestic().insert(data, now()).await.unwrap();
    }
    let mine = store
        .domestic()
        .for_employer(&first.employer)
        .await
        .unwrap();
    let codes: Vec<_> = mine.iter().map(|r| r.data.code.as_str()).collect();
    assert_eq!(codes, ["1000000001", "1000000002"]);

    let overlapping = |from, to| {
        let store = store.clone();
        async move {
            store
                .domestic()
                .overlapping(from, to, 0, 100)
                .await
                .unwrap()
                .into_iter()
                .map(|r| r.data.code.as_str().to_owned())
                .collect::<Vec<_>>()
        }
    };
    // Insertion (id) order: second, first, other.
    assert_eq!(
        overlapping(date(2024, 6, 30), date(2024, 7, 1)).await,
        ["1000000001", "1000000003"]
    );
    assert_eq!(
        overlapping(date(2024, 7, 1), date(2025, 8, 31)).await,
        ["1000000003"]
    );
    assert_eq!(
        overlapping(date(2025, 9, 1), date(2025, 9, 1)).await,
        ["1000000002", "1000000003"]
    );
    assert!(
        overlapping(date(2020, 1, 1), date(2023, 1, 31))
            .await
            .is_empty()
    );
    // Paging.
    let page = store
        .domestic()
        .overlapping(date(2020, 1, 1), date(2030, 1, 1), 1, 1)
        .await
        .unwrap();
    assert_eq!(page.len(), 1);
    assert_eq!(page[0].data.code.as_str(), "1000000001");
}

#[tokio::test]
async fn a_corrupt_row_is_an_error_not_a_panic() {
    let store = Store::open_in_memory().await.unwrap();
    let data = relationship("1000000001", "RSSMRA80A01H501U", "BNCGNN75T52F205W");
    store.domestic().insert(&data, now()).await.unwrap();
    sqlx::query("UPDATE domestic_relationships SET start_date = 'yesterday'")
        .execute(&store.pool)
        .await
        .unwrap();
    let err = store
        .domestic()
        .by_employer_and_code(&data.employer, &data.code)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::Corrupt { reason, .. } if reason.contains("start_date")),
        "{err}"
    );
}
