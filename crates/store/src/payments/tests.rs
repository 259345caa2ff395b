//! Tests of the payments tables: round trips, periods, and the constraints that keep amounts
//! consistent.

use domain::{CenturyRule, Language, Money, Sex, TaxCode};
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
            birth_date: date(1950, 1, 1),
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

fn method() -> PaymentMethodRow {
    PaymentMethodRow {
        method: "iban".into(),
        detail: "IT60*******************3456".into(),
    }
}

fn payment(paid_on: Date, gross: i64, withheld: i64, net: i64) -> BenefitPaymentRow {
    BenefitPaymentRow {
        paid_on,
        benefit: "naspi".into(),
        gross: Money::from_cents(gross),
        withheld: Money::from_cents(withheld),
        net: Money::from_cents(net),
        method: method(),
    }
}

#[tokio::test]
async fn benefit_payments_are_read_back_by_period_and_must_add_up() {
    let (store, citizen) = store_with_citizen().await;
    let mut tx = store.begin().await.unwrap();
    for day in [date(2025, 4, 15), date(2025, 4, 16), date(2026, 4, 15)] {
        Payments::insert_benefit_payment_in(&mut tx, citizen, &payment(day, 1000, 100, 900))
            .await
            .unwrap();
    }
    let err = Payments::insert_benefit_payment_in(
        &mut tx,
        citizen,
        &payment(date(2026, 1, 1), 1000, 100, 901),
    )
    .await;
    assert!(err.is_err(), "net must be gross minus withheld");
    tx.commit().await.unwrap();
    let found = store
        .payments()
        .benefit_payments_between(citizen, date(2025, 4, 16), date(2026, 4, 15))
        .await
        .unwrap();
    assert_eq!(
        found.iter().map(|p| p.paid_on).collect::<Vec<_>>(),
        [date(2025, 4, 16), date(2026, 4, 15)]
    );
    assert_eq!(found[0], payment(date(2025, 4, 16), 1000, 100, 900));
}

#[tokio::test]
async fn pensions_have_one_statement_a_month() {
    let (store, citizen) = store_with_citizen().await;
    let pension = NewPension {
        citizen_id: citizen,
        office: "0700".parse().unwrap(),
        category: "001".into(),
        certificate: "12345678".into(),
        started_on: date(2015, 2, 1),
        method: method(),
    };
    let statement = PensionPaymentRow {
        month: date(2026, 3, 1),
        paid_on: date(2026, 3, 2),
        gross: Money::from_cents(150_000),
        irpef: Money::from_cents(20_000),
        regional_surcharge: Money::from_cents(2_000),
        municipal_surcharge: Money::from_cents(1_000),
        other_deductions: Money::from_cents(500),
        net: Money::from_cents(126_500),
    };
    let mut tx = store.begin().await.unwrap();
    let id = Payments::insert_pension_in(&mut tx, &pension)
        .await
        .unwrap();
    let err = Payments::insert_pension_in(&mut tx, &pension)
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Duplicate {
                entity: "pension",
                ..
            }
        ),
        "{err}"
    );
    Payments::insert_pension_payment_in(&mut tx, id, &statement)
        .await
        .unwrap();
    let err = Payments::insert_pension_payment_in(&mut tx, id, &statement)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Duplicate { .. }), "{err}");
    let wrong = PensionPaymentRow {
        month: date(2026, 4, 1),
        net: Money::from_cents(126_000),
        ..statement.clone()
    };
    assert!(
        Payments::insert_pension_payment_in(&mut tx, id, &wrong)
            .await
            .is_err()
    );
    tx.commit().await.unwrap();

    assert_eq!(
        store.payments().pensions_of(citizen).await.unwrap(),
        [PensionRow { id, pension }]
    );
    assert_eq!(
        store
            .payments()
            .pension_payments(id, date(2026, 1, 1), date(2026, 3, 1))
            .await
            .unwrap(),
        [statement]
    );
    assert!(
        store
            .payments()
            .pension_payments(id, date(2026, 4, 1), date(2026, 5, 1))
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn a_cu_is_one_per_year_with_its_lines() {
    let (store, citizen) = store_with_citizen().await;
    let cu = CuRow {
        year: 2026,
        issued_on: date(2026, 3, 16),
        lines: vec![CuLineRow {
            benefit: "pension-001".into(),
            days: 365,
            gross: Money::from_cents(1_950_000),
            irpef: Money::from_cents(200_000),
            regional_surcharge: Money::from_cents(30_000),
            municipal_surcharge: Money::from_cents(15_000),
        }],
    };
    let mut tx = store.begin().await.unwrap();
    Payments::insert_cu_in(&mut tx, citizen, &cu).await.unwrap();
    let err = Payments::insert_cu_in(&mut tx, citizen, &cu)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Duplicate { .. }), "{err}");
    tx.commit().await.unwrap();
    assert_eq!(store.payments().cu(citizen, 2026).await.unwrap(), Some(cu));
    assert_eq!(store.payments().cu(citizen, 2025).await.unwrap(), None);
    assert_eq!(store.payments().cu_years(citizen).await.unwrap(), [2026]);
}

#[tokio::test]
async fn a_contribution_period_counts_in_weeks_or_months() {
    let (store, citizen) = store_with_citizen().await;
    let period = ContributionPeriodRow {
        fund: "fpld".into(),
        from: date(2000, 1, 1),
        to: date(2000, 12, 31),
        kind: "work".into(),
        weeks: Some(52),
        months: None,
        pay: Money::from_cents(2_500_000),
        reference: Some("Tessile Biellese S.p.A.".into()),
    };
    let mut tx = store.begin().await.unwrap();
    Payments::insert_contribution_period_in(&mut tx, citizen, &period)
        .await
        .unwrap();
    let both = ContributionPeriodRow {
        months: Some(12),
        ..period.clone()
    };
    assert!(
        Payments::insert_contribution_period_in(&mut tx, citizen, &both)
            .await
            .is_err()
    );
    let reversed = ContributionPeriodRow {
        from: date(2001, 1, 1),
        ..period.clone()
    };
    assert!(
        Payments::insert_contribution_period_in(&mut tx, citizen, &reversed)
            .await
            .is_err()
    );
    tx.commit().await.unwrap();
    assert_eq!(
        store
            .payments()
            .contribution_periods(citizen)
            .await
            .unwrap(),
        [period]
    );
    assert_eq!(
        store.payments().counts().await.unwrap()["contribution_periods"],
        1
    );
}
