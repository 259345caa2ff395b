//! Demo payments, pensions, CUs and insurance records, consistent with the demo profile that
//! also drives the demo applications (a citizen paid NASpI has a paid NASpI application).
//!
//! Amounts are plausible, not exact: IRPEF is the 2025/2026 bracket tax (23% up to 28,000 €,
//! then 35% — 33% from 2026 — up to 50,000 €, 43% above) minus the pensioners' or employees'
//! deduction of art. 13 TUIR; surcharges are a flat 1.73% (regional) and 0.8% (municipal) above
//! the 8,500 € no-tax area. Within one citizen, the monthly statements, the payments list and
//! the CU agree with each other.

use calendar::next_working_day;
use domain::Money;
use jiff::Timestamp;
use jiff::ToSpan;
use jiff::civil::Date;
use store::payments::{
    BenefitPaymentRow, ContributionPeriodRow, CuLineRow, CuRow, NewPension, Payments,
    PensionPaymentRow,
};
use store::{Citizen, Store, StoreError};

use super::{
    ContributionKind, Fund, MaskedIban, PaymentMethod, PaymentSource, PaymentsError,
    PensionCategory, iban_remainder, italian_date,
};
use crate::applications::Benefit;
use crate::applications::demo::{
    Career, DemoPension, DemoProfile, IncomeBenefit, OfficeFinder, Rng, all_citizens, demo_profile,
    years_after,
};

const PAYMENTS_SEED: u64 = 0x0BA6_A3E7_7150_2026;

/// How many months of payments the demo holds.
const MONTHS_OF_PAYMENTS: i64 = 14;

/// Creates the demo payments as of `now`: benefit payments and pension statements of the last
/// 14 months, pensions for the demo pensioners (most citizens over 62 and a few disabled
/// people), the CUs of the last two campaigns, and an insurance record for most adults.
/// Deterministic; does nothing (returns 0) when any such data exists. Returns how many rows it
/// created.
pub async fn seed_demo(store: &Store, now: Timestamp) -> Result<usize, PaymentsError> {
    if store.payments().counts().await?.values().any(|n| *n > 0) {
        return Ok(0);
    }
    let citizens = all_citizens(store).await?;
    let offices = OfficeFinder::load(store).await?;
    let today = italian_date(now);
    let window_from = today
        .first_of_month()
        .checked_sub((MONTHS_OF_PAYMENTS - 1).months())
        .unwrap_or(today);
    let latest_cu = if (today.month(), today.day()) >= (3, 16) {
        today.year()
    } else {
        today.year() - 1
    };
    let mut certificates = 0u64;
    let mut rows = 0usize;
    let mut tx = store.begin().await?;
    for citizen in &citizens {
        let profile = demo_profile(citizen, today);
        let mut rng = Rng::for_citizen(PAYMENTS_SEED, citizen.id);
        let method = demo_method(&mut rng, citizen);
        let method_row = method.to_row();

        // Pensions and their monthly statements.
        let union_dues = rng.chance(30);
        let plans: Vec<(PensionCategory, &DemoPension)> = profile
            .pensions
            .iter()
            .map(|p| (category_of(&mut rng, &profile, p.benefit), p))
            .collect();
        let taxes = PensionTaxes {
            pensions: plans.iter().map(|(_, p)| p.monthly_gross).collect(),
            current_year: today.year(),
            union_dues,
        };
        if let Some(office) = offices.for_citizen(citizen) {
            for (index, (category, pension)) in plans.iter().enumerate() {
                certificates += 1;
                let id = Payments::insert_pension_in(
                    &mut tx,
                    &NewPension {
                        citizen_id: citizen.id,
                        office,
                        category: category.code().to_owned(),
                        certificate: certificate_number(certificates),
                        started_on: pension.started_on,
                        method: method_row.clone(),
                    },
                )
                .await?;
                rows += 1;
                let mut month = window_from.max(pension.started_on.first_of_month());
                while month <= today {
                    let statement = taxes.month(index, month);
                    if statement.paid_on <= today {
                        Payments::insert_pension_payment_in(&mut tx, id, &statement).await?;
                        rows += 1;
                    }
                    let Ok(next) = month.checked_add(1.month()) else {
                        break;
                    };
                    month = next;
                }
            }
        }

        // Other benefits.
        for benefit in &profile.income_benefits {
            for paid_on in benefit.payment_dates() {
                if paid_on < window_from || paid_on > today {
                    continue;
                }
                let gross = benefit_amount(benefit, paid_on.year(), today.year());
                let withheld = if benefit.taxable() {
                    benefit_withholding(gross, paid_on.year())
                } else {
                    0
                };
                Payments::insert_benefit_payment_in(
                    &mut tx,
                    citizen.id,
                    &BenefitPaymentRow {
                        paid_on,
                        benefit: benefit.benefit.code().to_owned(),
                        gross: Money::from_cents(gross),
                        withheld: Money::from_cents(withheld),
                        net: Money::from_cents(gross - withheld),
                        method: method_row.clone(),
                    },
                )
                .await?;
                rows += 1;
            }
        }

        // The Certificazioni Uniche.
        for year in [latest_cu - 1, latest_cu] {
            let Ok(issued_on) = Date::new(year, 3, 16) else {
                continue;
            };
            if issued_on > today {
                continue;
            }
            let lines = cu_lines(&plans, &taxes, &profile.income_benefits, year - 1, today);
            if lines.is_empty() {
                continue;
            }
            Payments::insert_cu_in(
                &mut tx,
                citizen.id,
                &CuRow {
                    year,
                    issued_on,
                    lines,
                },
            )
            .await?;
            rows += 1;
        }

        // The insurance record.
        for period in career_periods(&mut rng, citizen, &profile, today) {
            Payments::insert_contribution_period_in(&mut tx, citizen.id, &period).await?;
            rows += 1;
        }
    }
    tx.commit().await.map_err(StoreError::from)?;
    tracing::info!(
        rows,
        "demo payments, pensions, CUs and insurance records created"
    );
    Ok(rows)
}

/// A distinct 8-digit certificate number for each counter value below 90 million.
fn certificate_number(counter: u64) -> String {
    // 7,919,231 is coprime with 90,000,000, so this is a permutation of 0..90,000,000.
    let scrambled = (counter * 7_919_231 + 1_234_567) % 90_000_000;
    format!("{:08}", 10_000_000 + scrambled)
}

fn category_of(rng: &mut Rng, profile: &DemoProfile, benefit: Benefit) -> PensionCategory {
    let local = matches!(profile.career, Career::PublicEmployee { local: true });
    match benefit {
        Benefit::PublicSectorPension if local => PensionCategory::VoCpdel,
        Benefit::PublicSectorPension => PensionCategory::VoCtps,
        Benefit::PublicSurvivorsPension if rng.chance(50) => PensionCategory::SoCpdel,
        Benefit::PublicSurvivorsPension => PensionCategory::SoCtps,
        Benefit::SurvivorsPension => match rng.below(10) {
            0 => PensionCategory::SoCom,
            1 => PensionCategory::SoArt,
            _ => PensionCategory::So,
        },
        Benefit::DisabilityPension => PensionCategory::Inv,
        Benefit::DisabilityAllowance => PensionCategory::Io,
        _ => match profile.career {
            Career::Artisan => PensionCategory::VoArt,
            Career::Trader => PensionCategory::VoCom,
            _ => PensionCategory::Vo,
        },
    }
}

const BANKS: [u32; 7] = [3069, 2008, 5034, 3111, 7601, 1030, 5387];

/// 85% are paid by credit to a (synthetic, valid) Italian IBAN, the rest at a post office.
fn demo_method(rng: &mut Rng, citizen: &Citizen) -> PaymentMethod {
    if rng.chance(85) {
        let cin = char::from(b'A' + rng.below(26) as u8);
        let abi = rng.pick(&BANKS).copied().unwrap_or(3069);
        let cab = rng.between(1_000, 99_999);
        let account = rng.below(1_000_000_000_000);
        let bban = format!("{cin}{abi:05}{cab:05}{account:012}");
        let check = 98 - iban_remainder(&format!("IT00{bban}"));
        if let Ok(iban) = MaskedIban::from_iban(&format!("IT{check:02}{bban}")) {
            return PaymentMethod::Iban(iban);
        }
    }
    let city = citizen
        .data
        .address
        .as_ref()
        .map_or("Roma", |a| a.city.as_str());
    PaymentMethod::PostOffice {
        office: format!("l'ufficio postale di {city}"),
    }
}

/// IRPEF before deductions on a yearly income (cents).
fn irpef_gross(income: i64, year: i16) -> i64 {
    let middle_rate = if year >= 2026 { 33 } else { 35 };
    let first = income.min(2_800_000);
    let second = (income.min(5_000_000) - 2_800_000).max(0);
    let third = (income - 5_000_000).max(0);
    (first * 23 + second * middle_rate + third * 43) / 100
}

/// The pensioners' deduction (art. 13 c. 3 TUIR), cents.
fn pensioner_deduction(income: i64) -> i64 {
    match income {
        ..=850_000 => 195_500,
        850_001..=2_800_000 => 70_000 + 125_500 * (2_800_000 - income) / 1_950_000,
        2_800_001..=5_000_000 => 70_000 * (5_000_000 - income) / 2_200_000,
        _ => 0,
    }
}

/// The employees' deduction (art. 13 c. 1 TUIR), also applied to unemployment, maternity and
/// sickness benefits, cents.
fn employee_deduction(income: i64) -> i64 {
    match income {
        ..=1_500_000 => 195_500,
        1_500_001..=2_800_000 => 191_000 + 119_000 * (2_800_000 - income) / 1_300_000,
        2_800_001..=5_000_000 => 191_000 * (5_000_000 - income) / 2_200_000,
        _ => 0,
    }
}

/// IRPEF withheld on one monthly payment of a taxable benefit.
fn benefit_withholding(monthly: i64, year: i16) -> i64 {
    let yearly = monthly * 12;
    ((irpef_gross(yearly, year) - employee_deduction(yearly)).max(0) / 12).min(monthly)
}

/// A benefit's monthly amount in `year` (the AUU is revalued every year, +1.4% in 2026).
fn benefit_amount(benefit: &IncomeBenefit, year: i16, current_year: i16) -> i64 {
    if benefit.benefit == Benefit::AssegnoUnico && year < current_year {
        benefit.monthly * 1000 / 1014
    } else {
        benefit.monthly
    }
}

/// The monthly gross of a pension in `year`, from its gross in `current_year`, undoing the
/// yearly revaluation (perequazione: +1.4% in 2026, +0.8% in 2025, +5.4% in 2024).
fn gross_in(current_gross: i64, year: i16, current_year: i16) -> i64 {
    let mut gross = current_gross;
    let mut y = current_year;
    while y > year {
        let permille = match y {
            2026 => 1014,
            2025 => 1008,
            2024 => 1054,
            _ => 1020,
        };
        gross = gross * 1000 / permille;
        y -= 1;
    }
    gross
}

/// The withholdings of one citizen's pensions, shared in proportion to each pension's gross.
struct PensionTaxes {
    /// Monthly gross of each pension in the current year, cents.
    pensions: Vec<i64>,
    current_year: i16,
    union_dues: bool,
}

impl PensionTaxes {
    /// The statement of pension `index` for `month` (December carries the thirteenth).
    fn month(&self, index: usize, month: Date) -> PensionPaymentRow {
        let year = month.year();
        let yearly: i64 = self
            .pensions
            .iter()
            .map(|g| 13 * gross_in(*g, year, self.current_year))
            .sum();
        let monthly = gross_in(
            self.pensions.get(index).copied().unwrap_or(0),
            year,
            self.current_year,
        );
        let gross = if month.month() == 12 {
            monthly * 2
        } else {
            monthly
        };
        let share = |annual: i64| {
            if yearly == 0 {
                0
            } else {
                (i128::from(annual) * i128::from(gross) / i128::from(yearly)) as i64
            }
        };
        let irpef = share((irpef_gross(yearly, year) - pensioner_deduction(yearly)).max(0));
        let above_no_tax_area = yearly > 850_000;
        let regional = if above_no_tax_area {
            share(yearly * 173 / 10_000)
        } else {
            0
        };
        let municipal = if above_no_tax_area {
            share(yearly * 80 / 10_000)
        } else {
            0
        };
        let other = if self.union_dues { gross * 5 / 1000 } else { 0 };
        PensionPaymentRow {
            month,
            paid_on: next_working_day(month),
            gross: Money::from_cents(gross),
            irpef: Money::from_cents(irpef),
            regional_surcharge: Money::from_cents(regional),
            municipal_surcharge: Money::from_cents(municipal),
            other_deductions: Money::from_cents(other),
            net: Money::from_cents(gross - irpef - regional - municipal - other),
        }
    }
}

/// The CU lines of `income_year`: every pension, and every taxable benefit paid in the year.
fn cu_lines(
    plans: &[(PensionCategory, &DemoPension)],
    taxes: &PensionTaxes,
    benefits: &[IncomeBenefit],
    income_year: i16,
    today: Date,
) -> Vec<CuLineRow> {
    let mut lines = Vec::new();
    let Ok(year_start) = Date::new(income_year, 1, 1) else {
        return lines;
    };
    let year_end = year_start.last_of_year();
    for (index, (category, pension)) in plans.iter().enumerate() {
        if pension.started_on > year_end {
            continue;
        }
        let mut line = CuLineRow {
            benefit: PaymentSource::Pension(*category).code(),
            days: 0,
            gross: Money::ZERO,
            irpef: Money::ZERO,
            regional_surcharge: Money::ZERO,
            municipal_surcharge: Money::ZERO,
        };
        let mut month = year_start.max(pension.started_on.first_of_month());
        while month <= year_end && month <= today {
            let s = taxes.month(index, month);
            line.gross = line.gross + s.gross;
            line.irpef = line.irpef + s.irpef;
            line.regional_surcharge = line.regional_surcharge + s.regional_surcharge;
            line.municipal_surcharge = line.municipal_surcharge + s.municipal_surcharge;
            let Ok(next) = month.checked_add(1.month()) else {
                break;
            };
            month = next;
        }
        let first_day = year_start.max(pension.started_on);
        line.days = i64::from(year_end.day_of_year() - first_day.day_of_year() + 1);
        if line.gross > Money::ZERO {
            lines.push(line);
        }
    }
    for benefit in benefits.iter().filter(|b| b.taxable()) {
        let paid: Vec<Date> = benefit
            .payment_dates()
            .filter(|d| d.year() == income_year && *d <= today)
            .collect();
        if paid.is_empty() {
            continue;
        }
        let gross: i64 = paid
            .iter()
            .map(|d| benefit_amount(benefit, d.year(), today.year()))
            .sum();
        let withheld: i64 = paid
            .iter()
            .map(|d| benefit_withholding(benefit_amount(benefit, d.year(), today.year()), d.year()))
            .sum();
        lines.push(CuLineRow {
            benefit: benefit.benefit.code().to_owned(),
            days: (paid.len() as i64 * 30).min(365),
            gross: Money::from_cents(gross),
            irpef: Money::from_cents(withheld),
            regional_surcharge: Money::ZERO,
            municipal_surcharge: Money::ZERO,
        });
    }
    lines
}

const COMPANIES: [&str; 12] = [
    "Officine Meccaniche Lombarde S.p.A.",
    "Supermercati Italia S.r.l.",
    "Trasporti Adriatici S.r.l.",
    "Cooperativa Sociale Il Girasole",
    "Tessile Biellese S.p.A.",
    "Edilizia Moderna S.r.l.",
    "Ristorazione Collettiva S.p.A.",
    "Banca Popolare del Centro S.p.A.",
    "Logistica Padana S.r.l.",
    "Studio Associato Conti e Ferri",
    "Alberghi della Riviera S.r.l.",
    "Informatica Sud S.r.l.",
];

const STATE_EMPLOYERS: [&str; 5] = [
    "Ministero dell'Istruzione e del Merito",
    "Ministero dell'Interno",
    "Ministero della Giustizia",
    "Agenzia delle Entrate",
    "Ministero della Difesa",
];

/// The insurance record of a demo citizen: a working life in spells, with gaps covered by
/// figurative contributions, a bought-back degree, voluntary contributions after an early stop.
fn career_periods(
    rng: &mut Rng,
    citizen: &Citizen,
    profile: &DemoProfile,
    today: Date,
) -> Vec<ContributionPeriodRow> {
    let mut periods = Vec::new();
    if profile.age < 18 || rng.chance(7) {
        return periods;
    }
    let main_fund = match profile.career {
        Career::PrivateEmployee => Fund::Fpld,
        Career::PublicEmployee { local: true } => Fund::Cpdel,
        Career::PublicEmployee { local: false } => Fund::Ctps,
        Career::Artisan => Fund::Artigiani,
        Career::Trader => Fund::Commercianti,
        Career::Collaborator => Fund::GestioneSeparata,
    };
    let mut end = profile.retired_on().unwrap_or(today).min(today);
    let mut voluntary_from = None;
    if profile.retired_on().is_none() && profile.age >= 55 && rng.chance(15) {
        let stop = today
            .checked_sub(rng.between(12, 48).months())
            .unwrap_or(today);
        voluntary_from = Some(stop);
        end = stop;
    }
    let start = profile.career_start;
    if start >= end {
        return periods;
    }
    let city = citizen
        .data
        .address
        .as_ref()
        .map_or("Roma", |a| a.city.as_str())
        .to_owned();

    if profile.degree_years > 0
        && let Some(from) = years_after(start, -profile.degree_years)
        && let Ok(to) = start.yesterday()
    {
        periods.push(period(
            main_fund,
            from,
            to,
            ContributionKind::Redemption,
            0,
            Some("Riscatto del corso di laurea".to_owned()),
        ));
    }

    let mut yearly_pay = rng.between(1_400_000, 3_200_000);
    if main_fund == Fund::GestioneSeparata {
        yearly_pay = yearly_pay * 3 / 4;
    }
    let mut cursor = start;
    let mut spell = 0;
    while cursor < end && spell < 9 {
        let fund = if spell == 0 && main_fund != Fund::Fpld && rng.chance(35) {
            Fund::Fpld
        } else {
            main_fund
        };
        let months = rng.between(12, 96);
        let to = cursor
            .checked_add(months.months())
            .and_then(|d| d.yesterday())
            .unwrap_or(end)
            .min(end.yesterday().unwrap_or(end));
        if to < cursor {
            break;
        }
        let days = i64::from((to - cursor).get_days()) + 1;
        let reference = match fund {
            Fund::Fpld => rng.pick(&COMPANIES).map(|c| (*c).to_owned()),
            Fund::Ctps => rng.pick(&STATE_EMPLOYERS).map(|c| (*c).to_owned()),
            Fund::Cpdel => Some(format!("Comune di {city}")),
            Fund::GestioneSeparata => rng.pick(&COMPANIES).map(|c| format!("Committente: {c}")),
            _ => Some("Titolare d'impresa".to_owned()),
        };
        periods.push(period(
            fund,
            cursor,
            to,
            ContributionKind::Work,
            yearly_pay * days / 365,
            reference,
        ));
        yearly_pay = yearly_pay * 106 / 100;
        spell += 1;
        let Ok(next) = to.tomorrow() else {
            break;
        };
        cursor = next;
        if cursor >= end || !rng.chance(25) {
            continue;
        }
        // A gap: unemployment benefit or maternity for employees, nothing otherwise.
        let gap_months = rng.between(2, 10);
        let gap_end = cursor
            .checked_add(gap_months.months())
            .and_then(|d| d.yesterday())
            .unwrap_or(cursor)
            .min(end.yesterday().unwrap_or(end));
        if fund == Fund::Fpld && gap_end >= cursor {
            let reason = if citizen.data.sex == domain::Sex::Female && rng.chance(40) {
                "Maternità obbligatoria"
            } else if cursor >= Date::new(2015, 5, 1).unwrap_or(cursor) {
                "NASpI"
            } else {
                "Indennità di disoccupazione"
            };
            let days = i64::from((gap_end - cursor).get_days()) + 1;
            periods.push(period(
                Fund::Fpld,
                cursor,
                gap_end,
                ContributionKind::Figurative,
                yearly_pay * days / 365,
                Some(reason.to_owned()),
            ));
        }
        match gap_end.tomorrow() {
            Ok(next) => cursor = next,
            Err(_) => break,
        }
    }
    if let Some(from) = voluntary_from
        && let Ok(to) = today.first_of_month().yesterday()
        && from < to
    {
        periods.push(period(
            Fund::Fpld,
            from,
            to,
            ContributionKind::Voluntary,
            yearly_pay * i64::from((to - from).get_days()) / 365,
            Some("Prosecuzione volontaria".to_owned()),
        ));
    }
    periods
}

/// A period credited in its fund's unit: weeks for FPLD (at most 52 a year), months otherwise.
fn period(
    fund: Fund,
    from: Date,
    to: Date,
    kind: ContributionKind,
    pay_cents: i64,
    reference: Option<String>,
) -> ContributionPeriodRow {
    let days = i64::from((to - from).get_days()) + 1;
    let (weeks, months) = if fund.counts_weeks() {
        (Some((days / 7).max(1)), None)
    } else {
        (None, Some(((days * 12 + 182) / 365).max(1)))
    };
    ContributionPeriodRow {
        fund: fund.code().to_owned(),
        from,
        to,
        kind: kind.code().to_owned(),
        weeks,
        months,
        pay: Money::from_cents(pay_cents.max(0)),
        reference,
    }
}
