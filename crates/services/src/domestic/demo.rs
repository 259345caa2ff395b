//! Demo relationships: a deterministic share of the demo citizens employ other demo citizens as
//! colf, badanti (live-in, over 24 hours) or baby sitters, with varied wages, hours, CUAF,
//! fixed-term contracts and Cassa Colf; some relationships have ended.

use domain::{Money, TaxCode};
use jiff::civil::Date;
use jiff::{Span, Timestamp};
use store::domestic::{DomesticRelationships, RelationshipCode, RelationshipData, WeeklyHours};
use store::{NewAuditEvent, Store, StoreError};

use super::DomesticError;

/// SplitMix64: a tiny fixed-seed generator, so the demo data is the same on every run.
#[derive(Debug)]
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0; the modulo bias is irrelevant here).
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    /// True with probability `percent` in 100.
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// Uniform in `low..=high`.
    fn between(&mut self, low: i64, high: i64) -> i64 {
        let span = u64::try_from(high - low + 1).unwrap_or(1);
        low + i64::try_from(self.below(span)).unwrap_or(0)
    }
}

const SEED: u64 = 0x00D0_3E57_1C00_2026;

/// The first demo relationship code; later ones follow with small gaps.
const FIRST_CODE: u64 = 1_100_000_001;

/// Creates relationships for about one demo citizen in six (the first citizen always employs
/// someone, so there is one to try), each worker another demo citizen; dates are relative to
/// `now`. Meant to be called once, on a fresh database (codes already on file are a
/// duplicate error and nothing is written). Returns how many relationships were created.
pub async fn seed_demo(store: &Store, now: Timestamp) -> Result<usize, DomesticError> {
    let today = now
        .in_tz("Europe/Rome")
        .map(|z| z.date())
        .unwrap_or_else(|_| now.to_zoned_datetime(jiff::tz::TimeZone::UTC).date());
    let mut people: Vec<TaxCode> = Vec::new();
    let mut after = 0;
    loop {
        let page = store.citizens().list(after, 1_000).await?;
        let Some(last) = page.last() else { break };
        after = last.id;
        people.extend(page.into_iter().map(|c| c.data.tax_code));
    }
    if people.len() < 2 {
        return Ok(0);
    }
    let relationships = plan(&people, today);
    let mut tx = store.begin().await?;
    for data in &relationships {
        DomesticRelationships::insert_in(&mut tx, data, now).await?;
    }
    let event = NewAuditEvent {
        actor: "system".into(),
        action: "domestic.demo_loaded".into(),
        subject: None,
        detail: format!("{} demo domestic relationships", relationships.len()),
    };
    DomesticRelationships::audit_in(&mut tx, now, &event).await?;
    tx.commit().await.map_err(StoreError::from)?;
    tracing::info!(
        relationships = relationships.len(),
        "demo domestic relationships created"
    );
    Ok(relationships.len())
}

/// The relationships to create, deterministic for given people and `today`.
fn plan(people: &[TaxCode], today: Date) -> Vec<RelationshipData> {
    let mut rng = SplitMix64(SEED);
    let mut code = FIRST_CODE;
    let mut out = Vec::new();
    let count = u64::try_from(people.len()).unwrap_or(u64::MAX);
    for (index, employer) in people.iter().enumerate() {
        let is_employer = index == 0 || rng.chance(16);
        if !is_employer {
            continue;
        }
        let how_many = match rng.below(20) {
            0 => 3,
            1..=4 => 2,
            _ => 1,
        };
        for n in 0..how_many {
            let Some(worker) = pick_worker(&mut rng, people, index, count) else {
                continue;
            };
            let Some(data) = relationship(
                &mut rng,
                code,
                employer,
                worker,
                today,
                index == 0 && n == 0,
            ) else {
                continue;
            };
            out.push(data);
            code += 1 + rng.below(997);
        }
    }
    out
}

fn pick_worker<'a>(
    rng: &mut SplitMix64,
    people: &'a [TaxCode],
    employer: usize,
    count: u64,
) -> Option<&'a TaxCode> {
    let mut pick = usize::try_from(rng.below(count - 1)).ok()?;
    if pick >= employer {
        pick += 1;
    }
    people.get(pick)
}

/// One relationship; `showcase` makes it an ongoing, permanent colf with CUAF and Cassa Colf
/// that started long enough ago to have a full quarter.
fn relationship(
    rng: &mut SplitMix64,
    code: u64,
    employer: &TaxCode,
    worker: &TaxCode,
    today: Date,
    showcase: bool,
) -> Option<RelationshipData> {
    let code = RelationshipCode::parse(&format!("{code:010}")).ok()?;
    // Hours in half hours, wages in cents.
    let (half_hours, wage_cents, live_in) = match if showcase { 0 } else { rng.below(10) } {
        // Colf: a few hours a week.
        0..=4 => (rng.between(8, 40), rng.between(800, 1250), None),
        // Badante living in: more than 24 hours, board and lodging.
        5..=7 => (
            rng.between(50, 108),
            rng.between(650, 900),
            Some(Money::from_cents(rng.between(60, 120))),
        ),
        // Baby sitter.
        _ => (rng.between(16, 60), rng.between(750, 1100), None),
    };
    let weekly_hours = WeeklyHours::from_hundredths(u32::try_from(half_hours * 50).ok()?)?;
    let start_days_ago = if showcase {
        400
    } else {
        rng.between(-30, 6 * 365)
    };
    let start = today.checked_sub(Span::new().days(start_days_ago)).ok()?;
    let ended = !showcase && start_days_ago > 60 && rng.chance(30);
    let end = if ended {
        let worked = rng.between(30, start_days_ago - 1);
        Some(start.checked_add(Span::new().days(worked)).ok()?)
    } else {
        None
    };
    Some(RelationshipData {
        code,
        employer: employer.clone(),
        worker: worker.clone(),
        start,
        end,
        weekly_hours,
        hourly_wage: Money::from_cents(wage_cents),
        live_in_value: live_in,
        cuaf: showcase || rng.chance(94),
        fixed_term: !showcase && rng.chance(15),
        cassa_colf: showcase || rng.chance(85),
    })
}
