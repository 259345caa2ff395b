//! Demo applications, and the per-citizen demo profile (career, pensions, benefits in payment)
//! that the demo payments share, so that a citizen with NASpI payments also has a paid NASpI
//! application.
//!
//! Everything is deterministic: a citizen's profile depends only on their stored id, birth date
//! and sex and on the date the demo is built.

use std::collections::BTreeMap;

use domain::{OfficeCode, Sex};
use jiff::civil::{Date, Time};
use jiff::{Timestamp, ToSpan};
use store::{Citizen, Store, StoreError};

use super::{ApplicationError, ApplicationStatus, Benefit, StatusStep, insert_in, rome};

/// SplitMix64: small, well distributed and repeatable; the demo needs no secrecy.
#[derive(Debug, Clone)]
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// A generator of its own for one citizen and one purpose.
    pub(crate) fn for_citizen(purpose: u64, citizen_id: i64) -> Rng {
        let mut rng = Rng(purpose ^ (citizen_id as u64).wrapping_mul(0xD6E8_FEB8_6659_FD93));
        rng.next_u64();
        rng
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`; 0 when `n` is 0.
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next_u64() % n }
    }

    /// A number in `low..=high`.
    pub(crate) fn between(&mut self, low: i64, high: i64) -> i64 {
        if high <= low {
            return low;
        }
        low + self.below((high - low + 1) as u64) as i64
    }

    pub(crate) fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        items.get(self.below(items.len() as u64) as usize)
    }
}

/// How a demo citizen works (decides funds, pension category and ex-INPDAP applications).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Career {
    PrivateEmployee,
    /// `local`: local authorities (CPDEL) rather than the State (CTPS).
    PublicEmployee {
        local: bool,
    },
    Artisan,
    Trader,
    /// Gestione separata.
    Collaborator,
}

/// A pension in payment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct DemoPension {
    pub(crate) benefit: Benefit,
    pub(crate) started_on: Date,
    /// Monthly gross in the current year, cents.
    pub(crate) monthly_gross: i64,
}

/// A benefit paid monthly for a while.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct IncomeBenefit {
    pub(crate) benefit: Benefit,
    /// First day of the first month paid.
    pub(crate) first_month: Date,
    pub(crate) months: i32,
    /// Monthly gross, cents.
    pub(crate) monthly: i64,
    /// Day of the month it is paid on.
    pub(crate) day: i8,
}

impl IncomeBenefit {
    /// Whether IRPEF is withheld on it (AUU, ADI, SFL and the nursery bonus are tax-free).
    pub(crate) fn taxable(&self) -> bool {
        matches!(
            self.benefit,
            Benefit::Naspi
                | Benefit::DisColl
                | Benefit::MaternityBenefit
                | Benefit::SicknessBenefit
        )
    }

    /// The payment dates, one per month, in order.
    pub(crate) fn payment_dates(&self) -> impl Iterator<Item = Date> + '_ {
        (0..self.months).filter_map(|i| {
            let month = self.first_month.checked_add(i.months()).ok()?;
            month
                .with()
                .day(self.day.min(month.days_in_month()))
                .build()
                .ok()
        })
    }
}

/// What the demo makes of one citizen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct DemoProfile {
    pub(crate) age: i16,
    pub(crate) career: Career,
    /// First day of work.
    pub(crate) career_start: Date,
    /// University years bought back (0 = none).
    pub(crate) degree_years: i16,
    /// Own pension first, then a survivors' pension if any.
    pub(crate) pensions: Vec<DemoPension>,
    pub(crate) income_benefits: Vec<IncomeBenefit>,
}

impl DemoProfile {
    /// The day the citizen stopped working (pension start), if retired.
    pub(crate) fn retired_on(&self) -> Option<Date> {
        self.pensions
            .iter()
            .find(|p| {
                !matches!(
                    p.benefit,
                    Benefit::SurvivorsPension | Benefit::PublicSurvivorsPension
                )
            })
            .map(|p| p.started_on)
    }
}

const PROFILE_SEED: u64 = 0x5EED_0F0A_11CE_2026;

/// The deterministic demo profile of a citizen as of `today`.
pub(crate) fn demo_profile(citizen: &Citizen, today: Date) -> DemoProfile {
    let mut rng = Rng::for_citizen(PROFILE_SEED, citizen.id);
    let born = citizen.data.birth_date;
    let age = age_on(born, today);
    let roll = rng.below(100);
    let career = match roll {
        0..=61 => Career::PrivateEmployee,
        62..=79 => Career::PublicEmployee {
            local: rng.chance(45),
        },
        80..=86 => Career::Artisan,
        87..=93 => Career::Trader,
        _ if age < 60 => Career::Collaborator,
        _ => Career::PrivateEmployee,
    };
    let start_age = rng.between(18, 27) as i16;
    let career_start = years_after(born, start_age)
        .and_then(|d| d.checked_add((rng.below(300) as i64).days()).ok())
        .unwrap_or(born);
    let degree_years = if start_age >= 23 && rng.chance(30) {
        rng.between(3, 5) as i16
    } else {
        0
    };

    let mut pensions = Vec::new();
    let public = matches!(career, Career::PublicEmployee { .. });
    let own_benefit = |early: bool| {
        if public {
            Benefit::PublicSectorPension
        } else if early {
            Benefit::EarlyRetirement
        } else {
            Benefit::OldAgePension
        }
    };
    let base_gross = {
        let base = rng.between(90_000, 310_000);
        match career {
            Career::PublicEmployee { .. } => base * 6 / 5,
            Career::Artisan | Career::Trader => base * 4 / 5,
            _ => base,
        }
    };
    if age >= 67 && rng.chance(95) {
        let early = rng.chance(30);
        let retirement_age = if early {
            rng.between(60, 64) as i16
        } else if born.year() <= 1946 {
            65
        } else {
            67
        };
        if let Some(start) = years_after(born, retirement_age).and_then(next_month) {
            pensions.push(DemoPension {
                benefit: own_benefit(early),
                started_on: start,
                monthly_gross: base_gross,
            });
        }
    } else if (62..67).contains(&age) && rng.chance(40) {
        let retirement_age = rng.between(62, i64::from(age)) as i16;
        if let Some(start) = years_after(born, retirement_age).and_then(next_month)
            && start <= today
        {
            pensions.push(DemoPension {
                benefit: own_benefit(true),
                started_on: start,
                monthly_gross: base_gross,
            });
        }
    } else if (35..62).contains(&age) && rng.chance(4) {
        let benefit = if rng.chance(40) {
            Benefit::DisabilityPension
        } else {
            Benefit::DisabilityAllowance
        };
        let years_ago = rng.between(1, 8) as i16;
        if let Some(start) = years_after(today, -years_ago).and_then(next_month) {
            pensions.push(DemoPension {
                benefit,
                started_on: start,
                monthly_gross: rng.between(40_000, 120_000),
            });
        }
    }
    let survivor_chance = match citizen.data.sex {
        Sex::Female => 20,
        Sex::Male => 6,
    };
    if age >= 55 && rng.chance(survivor_chance) {
        let benefit = if rng.chance(25) {
            Benefit::PublicSurvivorsPension
        } else {
            Benefit::SurvivorsPension
        };
        let years_ago = rng.between(1, i64::from((age - 45).clamp(1, 15))) as i16;
        if let Some(start) = years_after(today, -years_ago).and_then(next_month) {
            pensions.push(DemoPension {
                benefit,
                started_on: start,
                monthly_gross: rng.between(40_000, 140_000),
            });
        }
    }

    let mut income_benefits = Vec::new();
    let this_month = today.first_of_month();
    let mut recent = |rng: &mut Rng, benefit, max_ago: i64, months: i32, monthly, day| {
        let ago = rng.between(1, max_ago);
        if let Ok(first_month) = this_month.checked_sub(ago.months()) {
            income_benefits.push(IncomeBenefit {
                benefit,
                first_month,
                months,
                monthly,
                day,
            });
        }
    };
    let retired = !pensions.is_empty() && age >= 60;
    if !retired {
        if (20..62).contains(&age) && !public && rng.chance(7) {
            let months = rng.between(6, 24) as i32;
            let monthly = rng.between(80_000, 158_470);
            recent(&mut rng, Benefit::Naspi, 20, months, monthly, 10);
        }
        if career == Career::Collaborator && rng.chance(25) {
            let months = rng.between(3, 12) as i32;
            let monthly = rng.between(70_000, 140_000);
            recent(&mut rng, Benefit::DisColl, 14, months, monthly, 12);
        }
        if (20..67).contains(&age) && rng.chance(3) {
            let monthly = rng.between(30_000, 80_000);
            recent(&mut rng, Benefit::Adi, 17, 18, monthly, 27);
        }
        if (18..60).contains(&age) && rng.chance(2) {
            recent(&mut rng, Benefit::Sfl, 11, 12, 50_000, 27);
        }
        if citizen.data.sex == Sex::Female && (22..43).contains(&age) && rng.chance(6) {
            let monthly = rng.between(90_000, 160_000);
            recent(&mut rng, Benefit::MaternityBenefit, 13, 5, monthly, 15);
        }
        if (25..46).contains(&age) && rng.chance(5) {
            let monthly = *rng.pick(&[27_273, 32_727, 13_636]).unwrap_or(&13_636);
            recent(&mut rng, Benefit::BonusAsiloNido, 13, 11, monthly, 25);
        }
        if (20..63).contains(&age) && rng.chance(4) {
            let amount = rng.between(15_000, 90_000);
            recent(&mut rng, Benefit::SicknessBenefit, 12, 1, amount, 18);
        }
    }
    if (25..53).contains(&age) && rng.chance(28) {
        // In payment for years and still going on.
        let children = rng.between(1, 3);
        let per_child = rng.between(5_830, 20_380);
        if let Ok(first_month) = this_month.checked_sub(rng.between(15, 40).months()) {
            income_benefits.push(IncomeBenefit {
                benefit: Benefit::AssegnoUnico,
                first_month,
                months: 120,
                monthly: children * per_child,
                day: 20,
            });
        }
    }

    DemoProfile {
        age,
        career,
        career_start,
        degree_years,
        pensions,
        income_benefits,
    }
}

/// Completed years of age on `today`.
pub(crate) fn age_on(born: Date, today: Date) -> i16 {
    let mut age = today.year() - born.year();
    if (today.month(), today.day()) < (born.month(), born.day()) {
        age -= 1;
    }
    age
}

/// The same day `years` later (28 February for 29 February in a common year).
pub(crate) fn years_after(date: Date, years: i16) -> Option<Date> {
    date.checked_add(i64::from(years).years()).ok()
}

/// The first day of the month after `date`.
pub(crate) fn next_month(date: Date) -> Option<Date> {
    date.first_of_month().checked_add(1.month()).ok()
}

/// An instant on `date` at `hour:minute` in Italy.
pub(crate) fn at(date: Date, hour: i8, minute: i8) -> Option<Timestamp> {
    let time = Time::new(hour, minute, 0, 0).ok()?;
    rome().to_timestamp(date.to_datetime(time)).ok()
}

/// The competent office of each demo citizen: the first office of their province, else one
/// chosen by id, else `0001` when no offices are loaded.
pub(crate) struct OfficeFinder {
    by_province: BTreeMap<String, OfficeCode>,
    all: Vec<OfficeCode>,
}

impl std::fmt::Debug for OfficeFinder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "OfficeFinder({} offices)", self.all.len())
    }
}

impl OfficeFinder {
    pub(crate) async fn load(store: &Store) -> Result<OfficeFinder, store::StoreError> {
        let offices = store.offices().all().await?;
        let mut by_province = BTreeMap::new();
        for office in &offices {
            by_province
                .entry(office.province.clone())
                .or_insert(office.code);
        }
        Ok(OfficeFinder {
            by_province,
            all: offices.iter().map(|o| o.code).collect(),
        })
    }

    pub(crate) fn for_citizen(&self, citizen: &Citizen) -> Option<OfficeCode> {
        citizen
            .data
            .address
            .as_ref()
            .and_then(|a| self.by_province.get(&a.province).copied())
            .or_else(|| {
                let index = citizen.id.unsigned_abs() as usize % self.all.len().max(1);
                self.all.get(index).copied()
            })
            .or_else(|| "0001".parse().ok())
    }
}

/// Reads every citizen, in id order.
pub(crate) async fn all_citizens(store: &Store) -> Result<Vec<Citizen>, store::StoreError> {
    let mut citizens = Vec::new();
    let mut after = 0;
    loop {
        let page = store.citizens().list(after, 2_000).await?;
        let Some(last) = page.last() else {
            break;
        };
        after = last.id;
        citizens.extend(page);
    }
    Ok(citizens)
}

const APPLICATIONS_SEED: u64 = 0xA991_1CA7_1045_2026;

/// Sub-states by status, as an office would write them.
fn sub_status_for(rng: &mut Rng, status: ApplicationStatus, benefit: Benefit) -> String {
    use ApplicationStatus::*;
    let options: &[&str] = match status {
        Received => &[
            "sospesa in attesa di istruttoria",
            "acquisita, in attesa di assegnazione alla sede",
            "presentata tramite patronato",
        ],
        UnderReview => match benefit {
            Benefit::CivilInvalidity
            | Benefit::DisabilityPension
            | Benefit::DisabilityAllowance => &[
                "in attesa di visita medica collegiale",
                "verifica sanitaria in corso",
            ],
            Benefit::AssegnoUnico | Benefit::Adi | Benefit::BonusAsiloNido | Benefit::Sfl => &[
                "verifica della DSU e dell'ISEE in corso",
                "controllo dei requisiti del nucleo familiare",
            ],
            _ => &[
                "in lavorazione presso la sede",
                "verifica dei requisiti contributivi in corso",
                "calcolo dell'importo in corso",
            ],
        },
        WaitingForDocuments => &[
            "in attesa di documentazione: modulo SR163 con le coordinate IBAN",
            "in attesa di documentazione: certificato di nascita",
            "in attesa di documentazione: dichiarazione del datore di lavoro",
            "in attesa di documentazione: copia del documento di identità",
        ],
        Suspended => &[
            "sospesa per verifica della posizione contributiva",
            "sospesa: DSU/ISEE non presente o scaduta",
            "sospesa in attesa di accertamento sanitario",
            "sospesa per verifica dei dati anagrafici",
        ],
        Approved => &[
            "accolta, in attesa di liquidazione",
            "accolta, primo pagamento in preparazione",
        ],
        Rejected => &[
            "respinta: requisiti contributivi non soddisfatti",
            "respinta: reddito o ISEE superiore alla soglia",
            "respinta: domanda presentata oltre i termini",
            "respinta: documentazione non presentata nei termini",
        ],
        Paid => &["liquidata, pagamento disposto", "in pagamento"],
    };
    rng.pick(options).copied().unwrap_or("").to_owned()
}

/// The states an application went through to reach `last`, in order.
fn path_to(rng: &mut Rng, last: ApplicationStatus) -> Vec<ApplicationStatus> {
    use ApplicationStatus::*;
    match last {
        Received => vec![Received],
        UnderReview => vec![Received, UnderReview],
        WaitingForDocuments => vec![Received, UnderReview, WaitingForDocuments],
        Suspended if rng.chance(50) => vec![Received, Suspended],
        Suspended => vec![Received, UnderReview, Suspended],
        Approved if rng.chance(30) => vec![
            Received,
            UnderReview,
            WaitingForDocuments,
            UnderReview,
            Approved,
        ],
        Approved => vec![Received, UnderReview, Approved],
        Rejected => vec![Received, UnderReview, Rejected],
        Paid => vec![Received, UnderReview, Approved, Paid],
    }
}

/// Benefits a citizen could plausibly apply for now.
fn plausible_benefits(profile: &DemoProfile, sex: Sex) -> Vec<Benefit> {
    let age = profile.age;
    let mut list = Vec::new();
    if let Career::PublicEmployee { .. } = profile.career {
        list.extend([Benefit::SmallLoan, Benefit::SmallLoan, Benefit::StudyGrant]);
        if age < 60 {
            list.push(Benefit::MultiYearLoan);
        }
        if age >= 60 {
            list.extend([
                Benefit::PublicSectorPension,
                Benefit::EndOfServicePay,
                Benefit::HomeCarePremium,
            ]);
        }
    }
    if age >= 60 {
        list.extend([
            Benefit::OldAgePension,
            Benefit::EarlyRetirement,
            Benefit::SurvivorsPension,
            Benefit::CivilInvalidity,
            Benefit::EuDisabilityCard,
        ]);
    } else {
        list.extend([
            Benefit::Naspi,
            Benefit::SicknessBenefit,
            Benefit::Adi,
            Benefit::CivilInvalidity,
            Benefit::DisabilityAllowance,
            Benefit::DegreeBuyBack,
        ]);
        if age < 55 {
            list.extend([
                Benefit::AssegnoUnico,
                Benefit::AssegnoUnico,
                Benefit::ParentalLeave,
                Benefit::BonusAsiloNido,
                Benefit::Sfl,
            ]);
            list.push(match sex {
                Sex::Female => Benefit::MaternityBenefit,
                Sex::Male => Benefit::PaternityLeave,
            });
        }
        if profile.career == Career::Collaborator {
            list.push(Benefit::DisColl);
        }
    }
    list
}

/// Creates demo applications for the demo citizens as of `now`: a paid application for every
/// pension and benefit in payment in their demo profile, and for about 40% of the citizens one
/// to three more applications whose final states cycle through every status (so every state is
/// well represented), some of them ex-INPDAP. Deterministic; does nothing (returns 0) when
/// applications already exist. Returns how many applications it created.
pub async fn seed_demo(store: &Store, now: Timestamp) -> Result<usize, ApplicationError> {
    if store.applications().count().await? > 0 {
        return Ok(0);
    }
    let citizens = all_citizens(store).await?;
    let offices = OfficeFinder::load(store).await?;
    let today = rome().to_datetime(now).date();
    let mut rng = Rng::new(APPLICATIONS_SEED);
    let mut created = 0usize;
    let mut cycle = 0usize;
    let mut tx = store.begin().await?;
    for citizen in &citizens {
        let profile = demo_profile(citizen, today);
        let Some(office) = offices.for_citizen(citizen) else {
            continue;
        };
        let mut wanted: Vec<(Benefit, Vec<StatusStep>)> = Vec::new();

        // What is in payment was applied for and paid.
        let mut in_payment: Vec<(Benefit, Date)> = profile
            .pensions
            .iter()
            .map(|p| (p.benefit, p.started_on))
            .collect();
        in_payment.extend(
            profile
                .income_benefits
                .iter()
                .filter_map(|b| b.payment_dates().next().map(|d| (b.benefit, d))),
        );
        for (benefit, first_paid) in in_payment {
            let paid_at = at(first_paid, 9, 0).unwrap_or(now).min(now);
            let back = |days: i64| paid_at.checked_sub((days * 24).hours()).unwrap_or(paid_at);
            let received = back(rng.between(35, 65));
            let review = back(rng.between(20, 30));
            let approved = back(rng.between(5, 15));
            let history = vec![
                (
                    ApplicationStatus::Received,
                    sub_status_for(&mut rng, ApplicationStatus::Received, benefit),
                    received,
                ),
                (
                    ApplicationStatus::UnderReview,
                    sub_status_for(&mut rng, ApplicationStatus::UnderReview, benefit),
                    review,
                ),
                (
                    ApplicationStatus::Approved,
                    sub_status_for(&mut rng, ApplicationStatus::Approved, benefit),
                    approved,
                ),
                (
                    ApplicationStatus::Paid,
                    sub_status_for(&mut rng, ApplicationStatus::Paid, benefit),
                    paid_at,
                ),
            ];
            wanted.push((benefit, history));
        }

        // And some more, in every state.
        if rng.chance(40) {
            let count = match rng.below(10) {
                0..=5 => 1,
                6..=8 => 2,
                _ => 3,
            };
            let choices = plausible_benefits(&profile, citizen.data.sex);
            for _ in 0..count {
                let Some(&benefit) = rng.pick(&choices) else {
                    break;
                };
                let last = ApplicationStatus::ALL[cycle % ApplicationStatus::ALL.len()];
                cycle += 1;
                let path = path_to(&mut rng, last);
                let gaps: Vec<i64> = path.iter().skip(1).map(|_| rng.between(3, 25)).collect();
                let total: i64 = gaps.iter().sum::<i64>() + rng.between(1, 40);
                let mut day = today.checked_sub(total.days()).unwrap_or(today);
                let mut history = Vec::with_capacity(path.len());
                for (i, status) in path.iter().enumerate() {
                    if i > 0 {
                        day = day.checked_add(gaps[i - 1].days()).unwrap_or(day);
                    }
                    let hour = rng.between(8, 17) as i8;
                    let minute = rng.between(0, 59) as i8;
                    let when = at(day, hour, minute).unwrap_or(now).min(now);
                    history.push((*status, sub_status_for(&mut rng, *status, benefit), when));
                }
                wanted.push((benefit, history));
            }
        }

        for (benefit, history) in wanted {
            let Some(&(_, _, submitted_at)) = history.first() else {
                continue;
            };
            insert_in(
                &mut tx,
                citizen.id,
                benefit,
                office,
                submitted_at,
                &history,
                now,
            )
            .await?;
            created += 1;
        }
    }
    tx.commit().await.map_err(StoreError::from)?;
    tracing::info!(applications = created, "demo applications created");
    Ok(created)
}
