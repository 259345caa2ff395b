//! Tests of payments, pension statements, CUs, insurance records, their letters and the demo,
//! against real in-memory stores.

use calendar::{Calendar, CalendarSpec, DateWindowSpec};
use domain::Money;
use jiff::civil::{Date, date};
use store::payments::{
    BenefitPaymentRow, ContributionPeriodRow, CuLineRow, CuRow, NewPension, PaymentMethodRow,
    Payments, PensionPaymentRow,
};

use super::*;
use crate::applications::tests::{Fixture, fixture, now, population, tax_code};
use crate::applications::{self, ApplicationStatus};
use crate::letters::Cell;

const IBAN: &str = "IT60X0542811101000000123456";

fn euro(cents: i64) -> Money {
    Money::from_cents(cents)
}

fn iban_row() -> PaymentMethodRow {
    PaymentMethodRow {
        method: "iban".into(),
        detail: MaskedIban::from_iban(IBAN).unwrap().as_str().to_owned(),
    }
}

async fn citizen_id(f: &Fixture, who: &TaxCode) -> i64 {
    f.store
        .citizens()
        .by_tax_code(who)
        .await
        .unwrap()
        .expect("a fixture citizen")
        .id
}

fn benefit_payment(
    paid_on: Date,
    benefit: Benefit,
    gross: i64,
    withheld: i64,
) -> BenefitPaymentRow {
    BenefitPaymentRow {
        paid_on,
        benefit: benefit.code().into(),
        gross: euro(gross),
        withheld: euro(withheld),
        net: euro(gross - withheld),
        method: iban_row(),
    }
}

fn statement(month: Date, gross: i64) -> PensionPaymentRow {
    let (irpef, regional, municipal, other) = (gross / 10, gross / 100, gross / 200, 500);
    PensionPaymentRow {
        month,
        paid_on: calendar::next_working_day(month),
        gross: euro(gross),
        irpef: euro(irpef),
        regional_surcharge: euro(regional),
        municipal_surcharge: euro(municipal),
        other_deductions: euro(other),
        net: euro(gross - irpef - regional - municipal - other),
    }
}

/// Gives Mario an old-age pension paid from January 2025 to April 2026 (on 1 April 2026, a
/// Wednesday) and some NASpI payments around the 12-month boundary.
async fn with_payments(f: &Fixture) {
    let mario = citizen_id(f, &f.mario).await;
    let mut tx = f.store.begin().await.unwrap();
    let pension = Payments::insert_pension_in(
        &mut tx,
        &NewPension {
            citizen_id: mario,
            office: "0700".parse().unwrap(),
            category: "001".into(),
            certificate: "12345678".into(),
            started_on: date(2020, 2, 1),
            method: PaymentMethodRow {
                method: "post_office".into(),
                detail: "l'ufficio postale di Roma 12".into(),
            },
        },
    )
    .await
    .unwrap();
    let mut month = date(2025, 1, 1);
    while month <= date(2026, 4, 1) {
        let gross = if month.month() == 12 {
            300_000
        } else {
            150_000
        };
        Payments::insert_pension_payment_in(&mut tx, pension, &statement(month, gross))
            .await
            .unwrap();
        month = month.checked_add(jiff::Span::new().months(1)).unwrap();
    }
    for (paid_on, gross, withheld) in [
        (date(2025, 3, 10), 100_000, 10_000), // more than a year before 15 April 2026
        (date(2025, 4, 15), 100_000, 10_000), // exactly a year before: excluded
        (date(2025, 4, 16), 100_000, 10_000), // included
        (date(2026, 4, 15), 110_000, 12_000), // today: included
        (date(2026, 4, 16), 110_000, 12_000), // tomorrow: excluded
    ] {
        Payments::insert_benefit_payment_in(
            &mut tx,
            mario,
            &benefit_payment(paid_on, Benefit::Naspi, gross, withheld),
        )
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
}

fn today() -> Date {
    date(2026, 4, 15)
}

fn cu_calendar() -> Calendar {
    let mut spec = CalendarSpec::new("Europe/Rome");
    spec.always_open = true;
    spec.campaigns = vec![DateWindowSpec::new(date(2026, 3, 16), date(2026, 12, 31)).unwrap()];
    Calendar::from_spec("cu-campaign", &spec).unwrap()
}

// ── IBAN ───────────────────────────────────────────────────────────────────────────────────

#[test]
fn ibans_are_checked_and_masked() {
    let masked = MaskedIban::from_iban("it60 x054 2811 1010 0000 0123 456").unwrap();
    assert_eq!(masked.as_str(), "IT60*******************3456");
    assert_eq!(masked.to_string(), "IT60 **** **** **** **** ***3 456");
    assert_eq!(masked.last_four(), "3456");
    assert_eq!(MaskedIban::parse_masked(masked.as_str()), Ok(masked));
    assert_eq!(
        MaskedIban::from_iban("IT61X0542811101000000123456"),
        Err(IbanError::WrongCheckDigits)
    );
    assert_eq!(MaskedIban::from_iban("IT60"), Err(IbanError::Malformed));
    assert_eq!(
        MaskedIban::from_iban("IT60X05428111010000001234-6"),
        Err(IbanError::Malformed)
    );
    assert_eq!(MaskedIban::parse_masked(IBAN), Err(IbanError::Malformed));
}

#[test]
fn pension_identifiers_parse() {
    assert_eq!(
        PensionCertificate::parse("1234 5678").map(|c| c.to_string()),
        Ok("12345678".into())
    );
    assert!(PensionCertificate::parse("1234567").is_err());
    assert!(PensionCertificate::parse("1234567X").is_err());
    for c in PensionCategory::ALL {
        assert_eq!(c.code().len(), 3);
        assert_eq!(PensionCategory::from_code(c.code()), Some(c));
        assert!(c.benefit().is_pension());
        let source = PaymentSource::Pension(c);
        assert_eq!(PaymentSource::from_code(&source.code()), Some(source));
    }
    assert_eq!(
        PaymentSource::from_code("naspi"),
        Some(PaymentSource::Benefit(Benefit::Naspi))
    );
    assert_eq!(PaymentSource::from_code("pension-999"), None);
    for fund in Fund::ALL {
        assert_eq!(Fund::from_code(fund.code()), Some(fund));
    }
}

// ── payments of the last 12 months (R-SELF-4) ──────────────────────────────────────────────

#[tokio::test]
async fn the_last_12_months_hold_benefits_and_pension_instalments() {
    let f = fixture().await;
    with_payments(&f).await;
    let s = payments_last_12_months(&f.store, &f.mario, today())
        .await
        .unwrap();
    assert_eq!((s.from, s.to), (date(2025, 4, 16), today()));
    let naspi: Vec<Date> = s
        .payments
        .iter()
        .filter(|p| p.source == PaymentSource::Benefit(Benefit::Naspi))
        .map(|p| p.paid_on)
        .collect();
    assert_eq!(naspi, [date(2025, 4, 16), date(2026, 4, 15)]);
    let pension: Vec<&Payment> = s
        .payments
        .iter()
        .filter(|p| p.source == PaymentSource::Pension(PensionCategory::Vo))
        .collect();
    // May 2025 … April 2026 (1 May 2025 is a holiday: paid on the 2nd).
    assert_eq!(pension.len(), 12);
    assert_eq!(pension[0].paid_on, date(2025, 5, 2));
    assert!(pension.iter().all(|p| p.net == p.gross - p.withheld));
    assert!(matches!(
        pension[0].method,
        PaymentMethod::PostOffice { .. }
    ));
    assert!(s.payments.windows(2).all(|w| w[0].paid_on <= w[1].paid_on));
    let (gross, withheld, net) = s.totals();
    assert_eq!(gross - withheld, net);
    assert_eq!(gross, euro(100_000 + 110_000 + 11 * 150_000 + 300_000));
}

#[tokio::test]
async fn no_payments_and_unknown_citizens_are_errors() {
    let f = fixture().await;
    with_payments(&f).await;
    let err = payments_last_12_months(&f.store, &f.giovanna, today())
        .await
        .unwrap_err();
    assert!(matches!(err, PaymentsError::NoPayments));
    assert_eq!(err.kind(), ErrorKind::NotFound);
    let err = payments_last_12_months(&f.store, &tax_code("VRDLGU90E15Z404L"), today())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "unknown_tax_code");
}

// ── pension statements (R-SELF-5) ──────────────────────────────────────────────────────────

#[tokio::test]
async fn pension_statements_for_a_month_or_the_last_months() {
    let f = fixture().await;
    with_payments(&f).await;
    let december = pension_payments(
        &f.store,
        &f.mario,
        PensionPeriod::Month {
            year: 2025,
            month: 12,
        },
    )
    .await
    .unwrap();
    assert_eq!(december.pensions.len(), 1);
    let details = &december.pensions[0];
    assert_eq!(details.pension.category, PensionCategory::Vo);
    assert_eq!(details.pension.certificate.as_str(), "12345678");
    assert_eq!(details.payments.len(), 1);
    let p = &details.payments[0];
    assert_eq!(p.gross, euro(300_000));
    assert_eq!(p.irpef, euro(30_000));
    assert_eq!(
        p.net,
        p.gross - p.irpef - p.regional_surcharge - p.municipal_surcharge - p.other_deductions
    );

    let last = pension_payments(
        &f.store,
        &f.mario,
        PensionPeriod::LastMonths {
            today: today(),
            count: 3,
        },
    )
    .await
    .unwrap();
    let months: Vec<Date> = last.pensions[0].payments.iter().map(|p| p.month).collect();
    assert_eq!(
        months,
        [date(2026, 2, 1), date(2026, 3, 1), date(2026, 4, 1)]
    );
    assert_eq!(
        (last.from_month, last.to_month),
        (date(2026, 2, 1), date(2026, 4, 1))
    );

    // Before April's payment date, the last three are January to March.
    let earlier = pension_payments(
        &f.store,
        &f.mario,
        PensionPeriod::LastMonths {
            today: date(2026, 3, 31),
            count: 3,
        },
    )
    .await
    .unwrap();
    assert_eq!(earlier.pensions[0].payments[0].month, date(2026, 1, 1));
}

#[tokio::test]
async fn pension_statement_failures() {
    let f = fixture().await;
    with_payments(&f).await;
    let err = pension_payments(
        &f.store,
        &f.giovanna,
        PensionPeriod::Month {
            year: 2026,
            month: 1,
        },
    )
    .await
    .unwrap_err();
    assert!(matches!(err, PaymentsError::NoPension));
    let err = pension_payments(
        &f.store,
        &f.mario,
        PensionPeriod::Month {
            year: 2024,
            month: 6,
        },
    )
    .await
    .unwrap_err();
    assert!(matches!(err, PaymentsError::NoPensionPayments));
    for period in [
        PensionPeriod::Month {
            year: 2026,
            month: 13,
        },
        PensionPeriod::LastMonths {
            today: today(),
            count: 0,
        },
        PensionPeriod::LastMonths {
            today: today(),
            count: 25,
        },
    ] {
        let err = pension_payments(&f.store, &f.mario, period)
            .await
            .unwrap_err();
        assert_eq!(err.code(), "invalid_period", "{period:?}");
        assert_eq!(err.kind(), ErrorKind::InvalidInput);
    }
    let err = pension_payments(
        &f.store,
        &tax_code("VRDLGU90E15Z404L"),
        PensionPeriod::Month {
            year: 2026,
            month: 1,
        },
    )
    .await
    .unwrap_err();
    assert!(matches!(err, PaymentsError::UnknownCitizen));
}

// ── Certificazione Unica (R-SELF-6) ────────────────────────────────────────────────────────

async fn with_cu(f: &Fixture) {
    let mario = citizen_id(f, &f.mario).await;
    let mut tx = f.store.begin().await.unwrap();
    Payments::insert_cu_in(
        &mut tx,
        mario,
        &CuRow {
            year: 2026,
            issued_on: date(2026, 3, 16),
            lines: vec![
                CuLineRow {
                    benefit: "pension-001".into(),
                    days: 365,
                    gross: euro(2_100_000),
                    irpef: euro(250_000),
                    regional_surcharge: euro(30_000),
                    municipal_surcharge: euro(15_000),
                },
                CuLineRow {
                    benefit: "naspi".into(),
                    days: 120,
                    gross: euro(400_000),
                    irpef: euro(20_000),
                    regional_surcharge: Money::ZERO,
                    municipal_surcharge: Money::ZERO,
                },
            ],
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

#[tokio::test]
async fn the_cu_is_given_during_the_campaign() {
    let f = fixture().await;
    with_cu(&f).await;
    let cu = certificazione_unica(&f.store, &f.mario, 2026, &cu_calendar(), now())
        .await
        .unwrap();
    assert_eq!(cu.year, 2026);
    assert_eq!(cu.income_year(), 2025);
    assert_eq!(cu.lines.len(), 2);
    assert_eq!(
        cu.lines[0].source,
        PaymentSource::Pension(PensionCategory::Vo)
    );
    assert_eq!(
        cu.totals(),
        (euro(2_500_000), euro(270_000), euro(30_000), euro(15_000))
    );
    assert_eq!(cu_years(&f.store, &f.mario).await.unwrap(), [2026]);
}

#[tokio::test]
async fn the_cu_is_unavailable_outside_the_campaign_and_missing_years_are_not_found() {
    let f = fixture().await;
    with_cu(&f).await;
    let february: Timestamp = "2026-02-10T10:00:00Z".parse().unwrap();
    let err = certificazione_unica(&f.store, &f.mario, 2026, &cu_calendar(), february)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unavailable);
    assert_eq!(err.code(), "cu_campaign_closed");
    let PaymentsError::CuCampaignClosed { next_open } = err else {
        panic!("{err}");
    };
    assert_eq!(
        next_open,
        Some("2026-03-15T23:00:00Z".parse().unwrap()),
        "midnight of 16 March in Rome"
    );

    let err = certificazione_unica(&f.store, &f.mario, 2025, &cu_calendar(), now())
        .await
        .unwrap_err();
    assert!(matches!(err, PaymentsError::CuNotFound { year: 2025 }));
    let err = certificazione_unica(&f.store, &f.giovanna, 2026, &cu_calendar(), now())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "cu_not_found");
    let err = certificazione_unica(
        &f.store,
        &tax_code("VRDLGU90E15Z404L"),
        2026,
        &cu_calendar(),
        now(),
    )
    .await
    .unwrap_err();
    assert_eq!(err.code(), "unknown_tax_code");
}

// ── insurance record (R-SELF-7) ────────────────────────────────────────────────────────────

async fn with_record(f: &Fixture) {
    let mario = citizen_id(f, &f.mario).await;
    let mut tx = f.store.begin().await.unwrap();
    let rows = [
        (
            "fpld",
            date(2001, 9, 1),
            date(2009, 12, 31),
            "work",
            Some(434),
            None,
            18_000_000,
            Some("Tessile Biellese S.p.A."),
        ),
        (
            "fpld",
            date(2010, 1, 1),
            date(2010, 6, 30),
            "figurative",
            Some(25),
            None,
            1_000_000,
            Some("Indennità di disoccupazione"),
        ),
        (
            "gestione-separata",
            date(2010, 7, 1),
            date(2015, 6, 30),
            "work",
            None,
            Some(60),
            9_000_000,
            None,
        ),
        (
            "fpld",
            date(1996, 9, 1),
            date(2000, 8, 31),
            "redemption",
            None,
            None,
            0,
            Some("Riscatto del corso di laurea"),
        ),
    ];
    for (fund, from, to, kind, weeks, months, pay, reference) in rows {
        let months = if kind == "redemption" {
            Some(48)
        } else {
            months
        };
        Payments::insert_contribution_period_in(
            &mut tx,
            mario,
            &ContributionPeriodRow {
                fund: fund.into(),
                from,
                to,
                kind: kind.into(),
                weeks,
                months,
                pay: euro(pay),
                reference: reference.map(str::to_owned),
            },
        )
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
}

#[tokio::test]
async fn the_insurance_record_lists_periods_by_fund() {
    let f = fixture().await;
    with_record(&f).await;
    let record = insurance_record(&f.store, &f.mario, today()).await.unwrap();
    assert_eq!(record.periods.len(), 4);
    assert_eq!(
        record.periods[0].kind,
        ContributionKind::Redemption,
        "oldest first"
    );
    assert_eq!(record.periods[0].credited, Credited::Months(48));
    assert_eq!(record.periods[2].credited, Credited::Weeks(25));
    assert_eq!(record.periods[3].fund, Fund::GestioneSeparata);
    let totals = record.totals_by_fund();
    assert_eq!(
        totals,
        [
            FundTotal {
                fund: Fund::Fpld,
                weeks: 459,
                months: 48,
                pay: euro(19_000_000)
            },
            FundTotal {
                fund: Fund::GestioneSeparata,
                weeks: 0,
                months: 60,
                pay: euro(9_000_000)
            },
        ]
    );

    let err = insurance_record(&f.store, &f.giovanna, today())
        .await
        .unwrap_err();
    assert!(matches!(err, PaymentsError::NoInsuranceRecord));
    let err = insurance_record(&f.store, &tax_code("VRDLGU90E15Z404L"), today())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "unknown_tax_code");
}

// ── letters ────────────────────────────────────────────────────────────────────────────────

fn all_text(letter: &crate::letters::LetterContent) -> String {
    let mut text = letter.title.clone();
    for p in letter.paragraphs.iter().chain(&letter.closing) {
        text.push('\n');
        text.push_str(p);
    }
    for t in &letter.tables {
        text.push('\n');
        text.push_str(&t.caption);
        text.push('\n');
        text.push_str(&t.columns.join(" | "));
        for row in &t.rows {
            for cell in row {
                if let Cell::Text(s) = cell {
                    text.push(' ');
                    text.push_str(s);
                }
            }
        }
    }
    text
}

#[tokio::test]
async fn the_letters_carry_the_data_as_typed_tables() {
    let f = fixture().await;
    with_payments(&f).await;
    with_cu(&f).await;
    with_record(&f).await;

    let payments = payments_last_12_months(&f.store, &f.mario, today())
        .await
        .unwrap();
    let letter = payments_letter(&payments);
    let text = all_text(&letter);
    assert_eq!(letter.title, "Prospetto dei pagamenti degli ultimi 12 mesi");
    assert!(text.contains("Gentile Mario Rossi,"));
    assert!(text.contains("RSSMRA80A01H501U"));
    assert!(text.contains("dal 16/04/2025 al 15/04/2026"));
    assert!(text.contains("NASpI"));
    assert!(text.contains("ufficio postale di Roma 12"));
    let table = &letter.tables[0];
    assert_eq!(
        table.rows.len(),
        payments.payments.len() + 1,
        "rows and a total"
    );
    assert!(table.rows.iter().all(|r| r.len() == table.columns.len()));
    assert_eq!(table.rows[0][0], Cell::Date(date(2025, 4, 16)));
    let (gross, _, net) = payments.totals();
    let total = table.rows.last().unwrap();
    assert_eq!(total[0], Cell::Text("Totale".into()));
    assert_eq!(
        (&total[2], &total[4]),
        (&Cell::Amount(gross), &Cell::Amount(net))
    );

    let pension = pension_payments(
        &f.store,
        &f.mario,
        PensionPeriod::LastMonths {
            today: today(),
            count: 12,
        },
    )
    .await
    .unwrap();
    let letter = pension_letter(&pension);
    let text = all_text(&letter);
    assert!(text.contains("da maggio 2025 a aprile 2026"), "{text}");
    assert!(text.contains("certificato n. 12345678, sede 0700"));
    assert!(text.contains("dicembre 2025"));
    assert!(text.contains("tredicesima"));
    assert_eq!(letter.tables[0].rows.len(), 13);
    assert!(
        letter.tables[0]
            .columns
            .contains(&"Addizionale regionale".to_owned())
    );
    assert_eq!(
        letter.tables[0].rows[7][2],
        Cell::Amount(euro(300_000)),
        "December"
    );

    let cu = certificazione_unica(&f.store, &f.mario, 2026, &cu_calendar(), now())
        .await
        .unwrap();
    let letter = cu_letter(&cu);
    let text = all_text(&letter);
    assert_eq!(letter.title, "Certificazione Unica 2026 - redditi 2025");
    assert!(text.contains("16/03/2026"));
    assert!(text.contains("Pensione cat. 001 (VO)"));
    assert_eq!(letter.tables[0].rows[1][1], Cell::Number(120));
    assert_eq!(
        letter.tables[0].rows[2][2],
        Cell::Amount(euro(2_500_000)),
        "total sums paid"
    );

    let record = insurance_record(&f.store, &f.mario, today()).await.unwrap();
    let letter = insurance_record_letter(&record);
    let text = all_text(&letter);
    assert_eq!(letter.title, "Estratto conto contributivo");
    assert!(text.contains("aggiornato al 15/04/2026"));
    assert!(text.contains("Gestione separata"));
    assert!(text.contains("da riscatto"));
    assert!(text.contains("Riscatto del corso di laurea"));
    assert_eq!(letter.tables[0].rows.len(), 4);
    assert_eq!(letter.tables[1].rows.len(), 2);
    assert_eq!(letter.tables[0].rows[2][4], Cell::Number(25), "weeks");
    assert_eq!(
        letter.tables[0].rows[2][5],
        Cell::Text("-".into()),
        "no months"
    );
}

// ── demo ───────────────────────────────────────────────────────────────────────────────────

#[tokio::test]
async fn the_demo_pays_pensioners_and_beneficiaries_consistently() {
    let f = fixture().await;
    let people = population(&f.store, 300).await;
    applications::seed_demo(&f.store, now()).await.unwrap();
    let rows = seed_demo(&f.store, now()).await.unwrap();
    assert!(rows > 1_000, "only {rows} rows");
    let counts = f.store.payments().counts().await.unwrap();
    for table in [
        "benefit_payments",
        "pensions",
        "pension_payments",
        "certificazioni_uniche",
        "contribution_periods",
    ] {
        assert!(counts[table] > 0, "{table} is empty");
    }

    let (mut pensioners, mut over_67, mut with_record, mut with_cus) = (0, 0, 0, 0);
    let mut beneficiaries = 0;
    for person in &people {
        let age = applications::demo::age_on(person.birth_date, today());
        let record = insurance_record(&f.store, &person.tax_code, today()).await;
        if record.is_ok() {
            with_record += 1;
        }
        let years = cu_years(&f.store, &person.tax_code).await.unwrap();
        if years == [2026, 2025] {
            with_cus += 1;
        }
        match pension_payments(
            &f.store,
            &person.tax_code,
            PensionPeriod::LastMonths {
                today: today(),
                count: 12,
            },
        )
        .await
        {
            Ok(statement) => {
                pensioners += 1;
                for d in &statement.pensions {
                    for p in &d.payments {
                        assert_eq!(
                            p.net,
                            p.gross
                                - p.irpef
                                - p.regional_surcharge
                                - p.municipal_surcharge
                                - p.other_deductions
                        );
                        assert!(p.net > Money::ZERO);
                        assert!(calendar::is_working_day(p.paid_on));
                    }
                }
            }
            Err(PaymentsError::NoPension) => {
                if age >= 67 {
                    over_67 += 1;
                }
            }
            Err(e) => panic!("{e}"),
        }
        // Every benefit paid has a paid application for it.
        if let Ok(s) = payments_last_12_months(&f.store, &person.tax_code, today()).await {
            let applications = applications::applications_of(&f.store, &person.tax_code)
                .await
                .unwrap();
            for p in &s.payments {
                if let PaymentSource::Benefit(b) = p.source {
                    beneficiaries += 1;
                    assert!(
                        applications
                            .iter()
                            .any(|a| a.benefit == b && a.status() == ApplicationStatus::Paid),
                        "{b} paid without a paid application"
                    );
                }
            }
        }
    }
    let adults_over_67 = people
        .iter()
        .filter(|p| applications::demo::age_on(p.birth_date, today()) >= 67)
        .count();
    assert!(
        pensioners >= adults_over_67 * 8 / 10,
        "{pensioners} pensioners"
    );
    assert!(
        over_67 * 10 <= adults_over_67,
        "{over_67} over 67 without a pension"
    );
    assert!(
        with_record * 100 >= people.len() * 85,
        "{with_record} insurance records"
    );
    assert!(with_cus >= pensioners / 2, "{with_cus} with both CUs");
    assert!(beneficiaries > 0);
    assert_eq!(seed_demo(&f.store, now()).await.unwrap(), 0, "only once");
}
