//! Quotes (DOMAIN §5.3 worked examples) and the operations over a real in-memory store.

use domain::{CenturyRule, Language, Sex};
use jiff::civil::date;
use store::CitizenData;

use super::*;

const EMPLOYER: &str = "RSSMRA80A01H501U";
const WORKER: &str = "BNCGNN75T52F205W";
const OTHER: &str = "VRDLGU90E15Z404L";

fn tax_code(code: &str) -> TaxCode {
    TaxCode::parse_with(code, CenturyRule::with_reference_year(2026)).expect("test codes are valid")
}

fn code(text: &str) -> RelationshipCode {
    RelationshipCode::parse(text).unwrap()
}

fn money(text: &str) -> Money {
    text.parse().unwrap()
}

fn hours(h: u32) -> WeeklyHours {
    WeeklyHours::from_hours(h).unwrap()
}

fn now() -> Timestamp {
    "2026-03-01T09:00:00Z".parse().unwrap()
}

fn params(year: i16, quarter: Quarter, wage: &str, weekly: u32) -> QuoteParams {
    QuoteParams::new(year, quarter, money(wage), hours(weekly))
}

fn relationship(code_text: &str, start: Date, end: Option<Date>) -> RelationshipData {
    RelationshipData {
        code: code(code_text),
        employer: tax_code(EMPLOYER),
        worker: tax_code(WORKER),
        start,
        end,
        weekly_hours: hours(20),
        hourly_wage: money("9.50"),
        live_in_value: None,
        cuaf: true,
        fixed_term: false,
        cassa_colf: true,
    }
}

/// DOMAIN §5.3, first example: 2025, permanent, CUAF, 20 h/week, 9.50 €/h.
#[test]
fn quote_of_a_colf_20_hours_a_week_in_2025() {
    let q = quote(&params(2025, Quarter::Q2, "9.50", 20)).unwrap();
    assert_eq!(q.effective_hourly_wage, money("10.29"));
    assert_eq!(q.band, Band::Middle);
    assert_eq!(q.band_label, "9.48-11.54");
    assert_eq!(q.conventional_wage, money("9.48"));
    assert_eq!(
        (q.weeks, q.partial_weeks, q.hours_hundredths),
        (13, 0, 26_000)
    );
    assert_eq!(q.hourly_contribution, money("1.89"));
    assert_eq!(q.worker_hourly_share, money("0.48"));
    assert_eq!(q.amount, money("491.40"));
    assert_eq!(q.worker_share, money("124.80"));
    assert_eq!(q.cassa_colf, money("15.60"));
    assert_eq!(q.cassa_colf_worker_share, money("5.20"));
    assert_eq!(q.total, money("507.00"));
    assert_eq!(q.due_date, date(2025, 7, 10));
    assert_eq!(
        (q.first_week_day, q.last_week_day),
        (date(2025, 3, 30), date(2025, 6, 28))
    );
}

/// DOMAIN §5.3, second example: a live-in badante, 54 h/week, flat rate whatever the wage.
#[test]
fn quote_of_a_live_in_badante_over_24_hours() {
    let mut p = params(2025, Quarter::Q1, "7.00", 54);
    p.live_in_value = money("0.90");
    let q = quote(&p).unwrap();
    assert_eq!(q.band, Band::Over24Hours);
    assert_eq!(q.band_label, "over 24h");
    assert_eq!(q.hours_hundredths, 70_200);
    assert_eq!(q.amount, money("856.44"));
    assert_eq!(q.worker_share, money("217.62"));
    assert_eq!(q.cassa_colf, money("42.12"));
    assert_eq!(q.total, money("898.56"));
    assert_eq!(q.due_date, date(2025, 4, 10));
}

/// DOMAIN §5.3, third example: 2024 fixed-term, 10 h/week, 8.00 €/h.
#[test]
fn quote_of_a_fixed_term_contract_in_2024() {
    let mut p = params(2024, Quarter::Q3, "8.00", 10);
    p.fixed_term = true;
    let q = quote(&p).unwrap();
    assert_eq!(q.effective_hourly_wage, money("8.67"));
    assert_eq!(q.band, Band::Low);
    assert_eq!(q.hourly_contribution, money("1.78"));
    assert_eq!(q.hours_hundredths, 13_000);
    assert_eq!(q.amount, money("231.40"));
    // The surcharge is the employer's: the worker's share is the permanent one.
    assert_eq!(q.worker_share, money("54.60"));
}

#[test]
fn the_live_in_value_cuaf_and_cassa_colf_change_the_quote() {
    // 8.50 × 13/12 = 9.21 (low band, ≤ 9.48); + 0.60 board and lodging = 9.81 (middle).
    let plain = quote(&params(2025, Quarter::Q3, "8.50", 20)).unwrap();
    assert_eq!(
        (plain.effective_hourly_wage, plain.band),
        (money("9.21"), Band::Low)
    );
    let mut p = params(2025, Quarter::Q3, "8.50", 20);
    p.live_in_value = money("0.60");
    let live_in = quote(&p).unwrap();
    assert_eq!(
        (live_in.effective_hourly_wage, live_in.band),
        (money("9.81"), Band::Middle)
    );
    // Without CUAF and outside the CCNL: the no-CUAF cell, no Cassa Colf.
    p.cuaf = false;
    p.cassa_colf = false;
    let q = quote(&p).unwrap();
    assert_eq!(q.hourly_contribution, money("1.90"));
    assert_eq!(q.amount, money("494.00"));
    assert_eq!(
        (q.cassa_colf, q.cassa_colf_worker_share),
        (Money::ZERO, Money::ZERO)
    );
    assert_eq!(q.total, q.amount);
    // 2026, Q3 and Q4: due dates moved off Saturday and Sunday.
    assert_eq!(
        quote(&params(2026, Quarter::Q3, "10", 5)).unwrap().due_date,
        date(2026, 10, 12)
    );
    assert_eq!(
        quote(&params(2026, Quarter::Q4, "10", 5)).unwrap().due_date,
        date(2027, 1, 11)
    );
}

#[test]
fn a_quote_limited_to_the_relationship_counts_partial_weeks() {
    // Starts Thursday 5 March 2026, 12 h/week: 6 h + 3 full weeks = 42 h.
    let mut p = params(2026, Quarter::Q1, "12.00", 12);
    p.start = Some(date(2026, 3, 5));
    let q = quote(&p).unwrap();
    assert_eq!(
        (q.weeks, q.partial_weeks, q.hours_hundredths),
        (4, 1, 4_200)
    );
    assert_eq!(q.band, Band::High);
    assert_eq!(q.amount, money("98.28")); // 42 × 2.34
    // Ends Friday 13 February: due 10 days later (Monday 23 February), not 10 April.
    p.start = None;
    p.end = Some(date(2026, 2, 13));
    assert_eq!(quote(&p).unwrap().due_date, date(2026, 2, 23));
}

#[test]
fn bad_quotes_say_what_is_wrong() {
    let err = quote(&params(2023, Quarter::Q1, "9.50", 20)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "there is no contribution table for 2023: tables exist for 2024, 2025, 2026"
    );
    assert_eq!(
        (err.kind(), err.code()),
        (ErrorKind::InvalidInput, "no_contribution_table")
    );
    for wage in ["0", "-5", "1000.01"] {
        let err = quote(&params(2025, Quarter::Q1, wage, 20)).unwrap_err();
        assert!(
            matches!(err, DomesticError::InvalidWage(_)),
            "{wage}: {err}"
        );
        assert!(err.to_string().starts_with("the hourly wage "), "{err}");
        assert_eq!(err.code(), "invalid_hourly_wage");
    }
    assert_eq!(
        quote(&params(2025, Quarter::Q1, "-5", 20))
            .unwrap_err()
            .to_string(),
        "the hourly wage -5.00 must be more than 0 and at most 1000.00 euro"
    );
    let mut p = params(2025, Quarter::Q1, "9", 20);
    p.live_in_value = money("-0.10");
    let err = quote(&p).unwrap_err();
    assert_eq!(err.code(), "invalid_live_in_value");
    let mut p = params(2025, Quarter::Q1, "9", 20);
    p.start = Some(date(2025, 6, 1));
    let err = quote(&p).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the relationship has no working day in Q1 2025"
    );
    assert_eq!(err.code(), "relationship_not_active");
    p.end = Some(date(2025, 5, 1));
    assert!(matches!(quote(&p), Err(DomesticError::EndBeforeStart)));
    let err = quote(&params(9999, Quarter::Q1, "9", 20)).unwrap_err();
    assert_eq!(err.code(), "invalid_year");
}

async fn store_with_citizens() -> Store {
    let store = Store::open_in_memory().await.unwrap();
    for code in [EMPLOYER, WORKER, OTHER] {
        store
            .citizens()
            .insert(&citizen(tax_code(code)))
            .await
            .unwrap();
    }
    store
}

fn citizen(tax_code: TaxCode) -> CitizenData {
    CitizenData {
        tax_code,
        given_name: "Anna".into(),
        surname: "Neri".into(),
        birth_date: date(1980, 1, 1),
        sex: Sex::Female,
        address: None,
        mobile: None,
        email: None,
        language: Language::Italian,
    }
}

#[tokio::test]
async fn register_find_and_amount_due() {
    let store = store_with_citizens().await;
    let data = relationship("1234567890", date(2024, 11, 4), None);
    let stored = register(&store, &data, "agent:7", now()).await.unwrap();
    assert_eq!(stored.data, data);
    let audit = store.audit().recent(10).await.unwrap();
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0].event.action, "domestic.relationship_registered");
    assert_eq!(audit[0].event.subject.as_deref(), Some(EMPLOYER));

    let employer = tax_code(EMPLOYER);
    let found = find(&store, &employer, &data.code).await.unwrap();
    assert_eq!(found.id, stored.id);
    let q = amount_due(&store, &employer, &data.code, 2025, Quarter::Q2)
        .await
        .unwrap();
    assert_eq!(q.amount, money("491.40"));
    assert_eq!(q.total, money("507.00"));
    assert_eq!(q.due_date, date(2025, 7, 10));
    // The first quarter counts from the start (Monday 4 November 2024): 8 full weeks.
    let q = amount_due(&store, &employer, &data.code, 2024, Quarter::Q4)
        .await
        .unwrap();
    assert_eq!(
        (q.weeks, q.partial_weeks, q.hours_hundredths),
        (8, 0, 16_000)
    );
    // Before the start: not active.
    let err = amount_due(&store, &employer, &data.code, 2024, Quarter::Q3)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "relationship_not_active");
    // A year without a table.
    let err = amount_due(&store, &employer, &data.code, 2027, Quarter::Q1)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "no_contribution_table");
    assert_eq!(relationships_of(&store, &employer).await.unwrap(), [stored]);
}

#[tokio::test]
async fn another_citizens_relationship_is_not_found() {
    let store = store_with_citizens().await;
    let data = relationship("1234567890", date(2024, 11, 4), None);
    register(&store, &data, "system", now()).await.unwrap();
    for (who, code_text) in [
        (WORKER, "1234567890"),
        (OTHER, "1234567890"),
        (EMPLOYER, "1234567891"),
    ] {
        let err = amount_due(&store, &tax_code(who), &code(code_text), 2025, Quarter::Q1)
            .await
            .unwrap_err();
        assert!(matches!(err, DomesticError::NotFound), "{who}: {err}");
        assert_eq!(
            (err.kind(), err.code()),
            (ErrorKind::NotFound, "relationship_not_found")
        );
        let err = next_due(&store, &tax_code(who), &code(code_text), date(2025, 3, 1))
            .await
            .unwrap_err();
        assert!(matches!(err, DomesticError::NotFound), "{who}: {err}");
    }
    assert!(
        relationships_of(&store, &tax_code(OTHER))
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn invalid_registrations_write_nothing() {
    let store = store_with_citizens().await;
    let good = relationship("1234567890", date(2025, 1, 1), None);
    register(&store, &good, "system", now()).await.unwrap();
    let mut duplicate = relationship("1234567890", date(2025, 2, 1), None);
    duplicate.employer = tax_code(OTHER);
    let err = register(&store, &duplicate, "system", now())
        .await
        .unwrap_err();
    assert_eq!((err.kind(), err.code()), (ErrorKind::Conflict, "duplicate"));

    let mut same = relationship("1234567891", date(2025, 1, 1), None);
    same.worker = same.employer.clone();
    let mut backwards = relationship("1234567892", date(2025, 1, 1), Some(date(2024, 1, 1)));
    backwards.worker = tax_code(OTHER);
    let mut unpaid = relationship("1234567893", date(2025, 1, 1), None);
    unpaid.hourly_wage = Money::ZERO;
    let mut live_in = relationship("1234567894", date(2025, 1, 1), None);
    live_in.live_in_value = Some(money("-1"));
    let expected = [
        (same, "same_employer_and_worker"),
        (backwards, "end_before_start"),
        (unpaid, "invalid_hourly_wage"),
        (live_in, "invalid_live_in_value"),
    ];
    for (data, code) in expected {
        let err = register(&store, &data, "system", now()).await.unwrap_err();
        assert_eq!(err.code(), code);
        assert_eq!(err.kind(), ErrorKind::InvalidInput);
    }
    assert_eq!(store.domestic().count().await.unwrap(), 1);
    assert_eq!(store.audit().recent(10).await.unwrap().len(), 1);
}

#[tokio::test]
async fn next_due_for_ongoing_ended_and_future_relationships() {
    let store = store_with_citizens().await;
    let employer = tax_code(EMPLOYER);
    let ongoing = relationship("1000000001", date(2024, 11, 4), None);
    let ended = relationship("1000000002", date(2024, 11, 4), Some(date(2026, 2, 13)));
    let future = relationship("1000000003", date(2026, 9, 1), None);
    for data in [&ongoing, &ended, &future] {
        register(&store, data, "system", now()).await.unwrap();
    }
    let next = |code_text: &'static str, today: Date| {
        let store = store.clone();
        let employer = employer.clone();
        async move {
            next_due(&store, &employer, &code(code_text), today)
                .await
                .unwrap()
                .map(|n| (n.period.to_string(), n.due_date, n.quote.map(|q| q.total)))
        }
    };
    // Q4 2025 was due Monday 12 January 2026: on 20 February the next is Q1 2026.
    assert_eq!(
        next("1000000001", date(2026, 2, 20)).await,
        // 2026: 260 h × 1.92 + Cassa Colf 15.60.
        Some(("Q1 2026".into(), date(2026, 4, 10), Some(money("514.80"))))
    );
    // On the due date itself it is still that one; the day after, the next quarter's.
    assert_eq!(
        next("1000000001", date(2026, 1, 12)).await.unwrap().0,
        "Q4 2025"
    );
    assert_eq!(
        next("1000000001", date(2026, 4, 10)).await.unwrap().0,
        "Q1 2026"
    );
    assert_eq!(
        next("1000000001", date(2026, 4, 11)).await.unwrap().1,
        date(2026, 7, 10)
    );
    // After Q4 2026 (due 11 January 2027) comes Q1 2027: its date is known, its table is not.
    assert_eq!(
        next("1000000001", date(2027, 1, 12)).await,
        Some(("Q1 2027".into(), date(2027, 4, 12), None))
    );
    // Ended Friday 13 February 2026: everything open is due Monday 23 February.
    assert_eq!(
        next("1000000002", date(2026, 1, 13))
            .await
            .map(|n| (n.0, n.1)),
        Some(("Q1 2026".into(), date(2026, 2, 23)))
    );
    assert_eq!(next("1000000002", date(2026, 2, 24)).await, None);
    // Starting in September: nothing for Q2, Q3 due 12 October.
    assert_eq!(
        next("1000000003", date(2026, 5, 1))
            .await
            .map(|n| (n.0, n.1)),
        Some(("Q3 2026".into(), date(2026, 10, 12)))
    );
}

#[tokio::test]
async fn due_between_lists_every_payment_in_the_range_with_its_employer() {
    let store = store_with_citizens().await;
    let ongoing = relationship("1000000001", date(2024, 11, 4), None);
    let ended = relationship("1000000002", date(2024, 11, 4), Some(date(2026, 2, 13)));
    let mut other_employer = relationship("1000000003", date(2026, 1, 12), None);
    other_employer.employer = tax_code(OTHER);
    let long_ended = relationship("1000000004", date(2020, 1, 1), Some(date(2023, 6, 30)));
    let future = relationship("1000000005", date(2026, 9, 1), None);
    for data in [&ongoing, &ended, &other_employer, &long_ended, &future] {
        register(&store, data, "system", now()).await.unwrap();
    }
    let listed = |from, to| {
        let store = store.clone();
        async move {
            due_between(&store, from, to)
                .await
                .unwrap()
                .into_iter()
                .map(|d| {
                    (
                        d.code.as_str().to_owned(),
                        d.employer.as_str().to_owned(),
                        d.period.to_string(),
                        d.due_date,
                    )
                })
                .collect::<Vec<_>>()
        }
    };
    let row = |c: &str, e: &str, p: &str, d| (c.to_owned(), e.to_owned(), p.to_owned(), d);
    // January 2026: Q4 2025 of the two that ran then.
    assert_eq!(
        listed(date(2026, 1, 1), date(2026, 1, 31)).await,
        [
            row("1000000001", EMPLOYER, "Q4 2025", date(2026, 1, 12)),
            row("1000000002", EMPLOYER, "Q4 2025", date(2026, 1, 12)),
        ]
    );
    // February: the ended one's last quarter, due 10 days after its end.
    assert_eq!(
        listed(date(2026, 2, 1), date(2026, 3, 31)).await,
        [row("1000000002", EMPLOYER, "Q1 2026", date(2026, 2, 23))]
    );
    // April: Q1 2026 of the ongoing ones, by relationship.
    assert_eq!(
        listed(date(2026, 4, 10), date(2026, 4, 10)).await,
        [
            row("1000000001", EMPLOYER, "Q1 2026", date(2026, 4, 10)),
            row("1000000003", OTHER, "Q1 2026", date(2026, 4, 10)),
        ]
    );
    // A whole year, ordered by date; the future one appears from Q3 2026.
    let year = listed(date(2026, 1, 1), date(2026, 12, 31)).await;
    assert_eq!(year.len(), 2 + 1 + 2 + 2 + 3);
    assert!(year.windows(2).all(|w| w[0].3 <= w[1].3));
    assert!(year.iter().any(|r| r.0 == "1000000005" && r.2 == "Q3 2026"));
    assert!(year.iter().all(|r| r.0 != "1000000004"));
    // The amounts come along.
    let items = due_between(&store, date(2026, 4, 1), date(2026, 4, 30))
        .await
        .unwrap();
    assert_eq!(
        items[0].quote.as_ref().map(|q| q.total),
        Some(money("514.80"))
    );
    // An empty or reversed range.
    assert!(listed(date(2026, 5, 1), date(2026, 6, 30)).await.is_empty());
    assert!(listed(date(2026, 4, 30), date(2026, 4, 1)).await.is_empty());
}

/// An 11-digit numeric tax code (valid check digit) for test citizens.
fn numeric_code(n: u64) -> TaxCode {
    (0..10)
        .find_map(|d| TaxCode::parse(&format!("{:010}{d}", 1_000_000_000 + n)).ok())
        .expect("one check digit fits")
}

#[tokio::test]
async fn seed_demo_creates_deterministic_varied_relationships() {
    let seeded = || async {
        let store = Store::open_in_memory().await.unwrap();
        let people: Vec<CitizenData> = (0..600).map(|n| citizen(numeric_code(n))).collect();
        store.citizens().insert_all(&people).await.unwrap();
        let created = seed_demo(&store, now()).await.unwrap();
        (store, people, created)
    };
    let (store, people, created) = seeded().await;
    assert!((80..=200).contains(&created), "{created}");
    assert_eq!(
        store.domestic().count().await.unwrap(),
        i64::try_from(created).unwrap()
    );
    let mut all = Vec::new();
    for person in &people {
        all.extend(
            store
                .domestic()
                .for_employer(&person.tax_code)
                .await
                .unwrap(),
        );
    }
    assert_eq!(all.len(), created);
    let data: Vec<&RelationshipData> = all.iter().map(|r| &r.data).collect();
    assert!(data.iter().all(|d| d.employer != d.worker));
    assert!(data.iter().any(|d| d.end.is_some()));
    assert!(data.iter().any(|d| d.end.is_none()));
    assert!(data.iter().any(|d| d.fixed_term));
    assert!(data.iter().any(|d| !d.cuaf));
    assert!(data.iter().any(|d| !d.cassa_colf));
    assert!(
        data.iter()
            .any(|d| d.weekly_hours.over_24() && d.live_in_value.is_some())
    );
    assert!(data.iter().any(|d| !d.weekly_hours.over_24()));
    // The first citizen employs someone, with a quarter to quote.
    let first = store
        .domestic()
        .for_employer(&people[0].tax_code)
        .await
        .unwrap();
    assert!(!first.is_empty());
    let today = date(2026, 3, 1);
    let next = next_due(&store, &people[0].tax_code, &first[0].data.code, today)
        .await
        .unwrap()
        .expect("an ongoing relationship has a next due date");
    assert!(next.quote.is_some());
    // Deterministic: a second fresh database gets the same relationships.
    let (again, _, created_again) = seeded().await;
    assert_eq!(created_again, created);
    for r in &all {
        let twin = again
            .domestic()
            .by_employer_and_code(&r.data.employer, &r.data.code)
            .await
            .unwrap();
        assert_eq!(twin.map(|t| t.data), Some(r.data.clone()));
    }
    // The scheduled job finds payments in the demo data.
    assert!(
        !due_between(&store, date(2026, 4, 1), date(2026, 4, 30))
            .await
            .unwrap()
            .is_empty()
    );
}
