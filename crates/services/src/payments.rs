//! What the institute paid and recorded for a citizen (R-SELF-4..7): benefit payments of the
//! last 12 months, monthly pension statements (cedolino), the Certificazione Unica of a year
//! (only while the `cu-campaign` calendar is open), and the insurance record (estratto conto
//! contributivo) by fund and period.
//!
//! Each look-up returns a statement that names its holder, and each statement has a letter
//! builder ([`payments_letter`], [`pension_letter`], [`cu_letter`], [`insurance_record_letter`])
//! giving the Italian content of the document "sent home"; rendering and dispatch are the
//! documents module's job.
//!
//! Nothing to report is an error the IVR can speak ([`PaymentsError::NoPayments`],
//! [`PaymentsError::NoPension`], …), not an empty document.

mod demo;
mod letters;
#[cfg(test)]
mod tests;

use std::fmt;

use domain::{Money, OfficeCode, Pii, TaxCode};
use jiff::civil::Date;
use jiff::{Timestamp, ToSpan};
use store::payments::{ContributionPeriodRow, PaymentMethodRow, PensionRow};
use store::{Citizen, Store, StoreError};

use crate::applications::{Benefit, rome};
use crate::{ErrorKind, ServiceFailure};

pub use demo::seed_demo;
pub use letters::{cu_letter, insurance_record_letter, payments_letter, pension_letter};

/// Whose statement it is: printed in the letter.
#[derive(Clone, PartialEq, Eq)]
pub struct Holder {
    pub given_name: String,
    pub surname: String,
    pub tax_code: TaxCode,
}

impl Holder {
    fn of(citizen: &Citizen) -> Holder {
        Holder {
            given_name: citizen.data.given_name.clone(),
            surname: citizen.data.surname.clone(),
            tax_code: citizen.data.tax_code.clone(),
        }
    }
}

impl fmt::Debug for Holder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Holder({})", Pii::new(self.tax_code.as_str()))
    }
}

/// An IBAN of which only the country, the check digits and the last four characters are kept,
/// e.g. `IT60*******************2345`: enough to recognise the account, useless to anyone else.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct MaskedIban(String);

/// Why a text is not an IBAN (or a masked one).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IbanError {
    #[error(
        "an IBAN is 15 to 34 letters and digits starting with a country code and two check digits"
    )]
    Malformed,
    #[error("the IBAN's check digits are wrong")]
    WrongCheckDigits,
}

impl MaskedIban {
    /// Masks a full IBAN after checking it (ISO 13616: length, characters, mod-97 check).
    /// Spaces are ignored, letters may be lower-case.
    pub fn from_iban(iban: &str) -> Result<MaskedIban, IbanError> {
        let iban: String = iban
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if !well_formed_iban(&iban, false) {
            return Err(IbanError::Malformed);
        }
        if iban_remainder(&iban) != 1 {
            return Err(IbanError::WrongCheckDigits);
        }
        let len = iban.len();
        Ok(MaskedIban(format!(
            "{}{}{}",
            &iban[..4],
            "*".repeat(len - 8),
            &iban[len - 4..]
        )))
    }

    /// Reads a masked IBAN as stored.
    pub fn parse_masked(text: &str) -> Result<MaskedIban, IbanError> {
        if !well_formed_iban(text, true) {
            return Err(IbanError::Malformed);
        }
        Ok(MaskedIban(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The last four characters (what the IVR says: "il conto che termina con 2345").
    pub fn last_four(&self) -> &str {
        &self.0[self.0.len() - 4..]
    }
}

impl fmt::Display for MaskedIban {
    /// Grouped by four, as printed on statements: `IT60 **** **** **** **** ***2 345`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, chunk) in self.0.as_bytes().chunks(4).enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            // ASCII only (checked on construction).
            f.write_str(std::str::from_utf8(chunk).unwrap_or(""))?;
        }
        Ok(())
    }
}

impl fmt::Debug for MaskedIban {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "MaskedIban({})", self.0)
    }
}

fn well_formed_iban(text: &str, masked: bool) -> bool {
    let bytes = text.as_bytes();
    (15..=34).contains(&bytes.len())
        && bytes[..2].iter().all(u8::is_ascii_uppercase)
        && bytes[2..4].iter().all(u8::is_ascii_digit)
        && bytes[4..].iter().enumerate().all(|(i, b)| {
            let in_mask = masked && i < bytes.len() - 8;
            if in_mask {
                *b == b'*'
            } else {
                b.is_ascii_uppercase() || b.is_ascii_digit()
            }
        })
}

/// The IBAN's value mod 97 (1 for a valid IBAN); `iban` is upper-case ASCII alphanumeric.
fn iban_remainder(iban: &str) -> u32 {
    let rearranged = iban[4..].bytes().chain(iban[..4].bytes());
    rearranged.fold(0u32, |acc, b| {
        if b.is_ascii_digit() {
            (acc * 10 + u32::from(b - b'0')) % 97
        } else {
            (acc * 100 + u32::from(b - b'A' + 10)) % 97
        }
    })
}

/// How a payment reaches the citizen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PaymentMethod {
    /// Credited to a bank or postal account.
    Iban(MaskedIban),
    /// Collected in cash at a post office.
    PostOffice { office: String },
}

impl PaymentMethod {
    /// As printed in a letter.
    pub fn italian_description(&self) -> String {
        match self {
            PaymentMethod::Iban(iban) => format!("Accredito su conto {iban}"),
            PaymentMethod::PostOffice { office } => format!("Riscossione presso {office}"),
        }
    }

    fn to_row(&self) -> PaymentMethodRow {
        match self {
            PaymentMethod::Iban(iban) => PaymentMethodRow {
                method: "iban".into(),
                detail: iban.as_str().to_owned(),
            },
            PaymentMethod::PostOffice { office } => PaymentMethodRow {
                method: "post_office".into(),
                detail: office.clone(),
            },
        }
    }

    fn from_row(row: &PaymentMethodRow) -> Option<PaymentMethod> {
        match row.method.as_str() {
            "iban" => MaskedIban::parse_masked(&row.detail)
                .ok()
                .map(PaymentMethod::Iban),
            "post_office" => Some(PaymentMethod::PostOffice {
                office: row.detail.clone(),
            }),
            _ => None,
        }
    }
}

/// What a payment is for: a benefit, or a pension of a category.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PaymentSource {
    Benefit(Benefit),
    Pension(PensionCategory),
}

impl PaymentSource {
    /// As stored: the benefit code, or `pension-` and the category code.
    pub fn code(self) -> String {
        match self {
            PaymentSource::Benefit(b) => b.code().to_owned(),
            PaymentSource::Pension(c) => format!("pension-{}", c.code()),
        }
    }

    pub fn from_code(code: &str) -> Option<PaymentSource> {
        match code.strip_prefix("pension-") {
            Some(category) => PensionCategory::from_code(category).map(PaymentSource::Pension),
            None => Benefit::from_code(code).map(PaymentSource::Benefit),
        }
    }

    pub fn italian_name(self) -> String {
        match self {
            PaymentSource::Benefit(b) => b.italian_name().to_owned(),
            PaymentSource::Pension(c) => format!("Pensione cat. {} ({})", c.code(), c.sigla()),
        }
    }
}

/// One payment of the institute to the citizen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Payment {
    pub paid_on: Date,
    pub source: PaymentSource,
    pub gross: Money,
    /// Tax and other withholdings.
    pub withheld: Money,
    pub net: Money,
    pub method: PaymentMethod,
}

/// The payments of a period (R-SELF-4).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaymentsStatement {
    pub holder: Holder,
    /// First day included.
    pub from: Date,
    /// Last day included.
    pub to: Date,
    /// Oldest first.
    pub payments: Vec<Payment>,
}

impl PaymentsStatement {
    /// Sums of gross, withheld and net.
    pub fn totals(&self) -> (Money, Money, Money) {
        self.payments
            .iter()
            .fold((Money::ZERO, Money::ZERO, Money::ZERO), |(g, w, n), p| {
                (g + p.gross, w + p.withheld, n + p.net)
            })
    }
}

/// A pension category: the 3-digit code and the abbreviation ("sigla") printed on the cedolino
/// and the ObisM, naming the kind of pension and the fund that pays it.
///
/// The sigle are the institute's (VO old-age and seniority, SO survivors, IO ordinary
/// disability allowance, INV incapacity; COM traders, ART artisans; CTPS State employees, CPDEL
/// local-authority employees). The numeric codes follow the institute's pattern (e.g. 021 for
/// VOCOM) but this short table is the demo's own selection, not the full nomenclature.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PensionCategory {
    Vo,
    So,
    Io,
    Inv,
    VoCom,
    SoCom,
    VoArt,
    SoArt,
    VoCtps,
    SoCtps,
    VoCpdel,
    SoCpdel,
}

impl PensionCategory {
    pub const ALL: [PensionCategory; 12] = [
        PensionCategory::Vo,
        PensionCategory::So,
        PensionCategory::Io,
        PensionCategory::Inv,
        PensionCategory::VoCom,
        PensionCategory::SoCom,
        PensionCategory::VoArt,
        PensionCategory::SoArt,
        PensionCategory::VoCtps,
        PensionCategory::SoCtps,
        PensionCategory::VoCpdel,
        PensionCategory::SoCpdel,
    ];

    /// The 3-digit code.
    pub fn code(self) -> &'static str {
        self.entry().0
    }

    pub fn sigla(self) -> &'static str {
        self.entry().1
    }

    pub fn italian_name(self) -> &'static str {
        self.entry().2
    }

    /// The benefit the category pays (old-age and early retirement share VO: this gives
    /// old-age).
    pub fn benefit(self) -> Benefit {
        self.entry().3
    }

    pub fn from_code(code: &str) -> Option<PensionCategory> {
        PensionCategory::ALL.into_iter().find(|c| c.code() == code)
    }

    fn entry(self) -> (&'static str, &'static str, &'static str, Benefit) {
        match self {
            PensionCategory::Vo => (
                "001",
                "VO",
                "Vecchiaia o anticipata - lavoratori dipendenti",
                Benefit::OldAgePension,
            ),
            PensionCategory::So => (
                "002",
                "SO",
                "Superstiti - lavoratori dipendenti",
                Benefit::SurvivorsPension,
            ),
            PensionCategory::Io => (
                "003",
                "IO",
                "Assegno ordinario di invalidità - lavoratori dipendenti",
                Benefit::DisabilityAllowance,
            ),
            PensionCategory::Inv => (
                "004",
                "INV",
                "Inabilità - lavoratori dipendenti",
                Benefit::DisabilityPension,
            ),
            PensionCategory::VoCom => (
                "021",
                "VOCOM",
                "Vecchiaia o anticipata - commercianti",
                Benefit::OldAgePension,
            ),
            PensionCategory::SoCom => (
                "022",
                "SOCOM",
                "Superstiti - commercianti",
                Benefit::SurvivorsPension,
            ),
            PensionCategory::VoArt => (
                "031",
                "VOART",
                "Vecchiaia o anticipata - artigiani",
                Benefit::OldAgePension,
            ),
            PensionCategory::SoArt => (
                "032",
                "SOART",
                "Superstiti - artigiani",
                Benefit::SurvivorsPension,
            ),
            PensionCategory::VoCtps => (
                "071",
                "VOCTPS",
                "Vecchiaia o anticipata - dipendenti dello Stato (CTPS)",
                Benefit::PublicSectorPension,
            ),
            PensionCategory::SoCtps => (
                "072",
                "SOCTPS",
                "Superstiti - dipendenti dello Stato (CTPS)",
                Benefit::PublicSurvivorsPension,
            ),
            PensionCategory::VoCpdel => (
                "073",
                "VOCPDEL",
                "Vecchiaia o anticipata - dipendenti enti locali (CPDEL)",
                Benefit::PublicSectorPension,
            ),
            PensionCategory::SoCpdel => (
                "074",
                "SOCPDEL",
                "Superstiti - dipendenti enti locali (CPDEL)",
                Benefit::PublicSurvivorsPension,
            ),
        }
    }
}

/// The 8-digit number of a pension certificate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PensionCertificate([u8; 8]);

/// Why a text is not a pension certificate number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a pension certificate number has 8 digits, not {0:?}")]
pub struct PensionCertificateError(pub String);

impl PensionCertificate {
    pub fn parse(text: &str) -> Result<PensionCertificate, PensionCertificateError> {
        let digits: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        match <[u8; 8]>::try_from(digits.as_bytes()) {
            Ok(code) if code.iter().all(u8::is_ascii_digit) => Ok(PensionCertificate(code)),
            _ => Err(PensionCertificateError(text.to_owned())),
        }
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("????????")
    }
}

impl fmt::Display for PensionCertificate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A pension in payment: managing office, category and certificate identify it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pension {
    pub office: OfficeCode,
    pub category: PensionCategory,
    pub certificate: PensionCertificate,
    pub started_on: Date,
    pub method: PaymentMethod,
}

/// One monthly pension statement (cedolino).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PensionPayment {
    /// First day of the month paid.
    pub month: Date,
    /// The value date: the first banking day of the month.
    pub paid_on: Date,
    /// December includes the thirteenth instalment.
    pub gross: Money,
    pub irpef: Money,
    pub regional_surcharge: Money,
    pub municipal_surcharge: Money,
    /// Union dues, recoveries and other deductions.
    pub other_deductions: Money,
    pub net: Money,
}

/// A pension with its statements of the period asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PensionDetails {
    pub pension: Pension,
    /// Oldest first; may be empty when this pension paid nothing in the period.
    pub payments: Vec<PensionPayment>,
}

/// Which statements to give.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PensionPeriod {
    /// One month (`month` 1–12).
    Month { year: i16, month: i8 },
    /// The last `count` statements paid on or before `today` (1–24).
    LastMonths { today: Date, count: u8 },
}

/// The pension statements of a period (R-SELF-5).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PensionStatement {
    pub holder: Holder,
    /// First day of the first month covered.
    pub from_month: Date,
    /// First day of the last month covered.
    pub to_month: Date,
    pub pensions: Vec<PensionDetails>,
}

/// One line of a Certificazione Unica.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CuLine {
    pub source: PaymentSource,
    /// Days of pension or benefit in the year.
    pub days: u16,
    /// Sums paid (taxable).
    pub gross: Money,
    pub irpef: Money,
    pub regional_surcharge: Money,
    pub municipal_surcharge: Money,
}

/// The Certificazione Unica of a year (R-SELF-6): the sums the institute paid in the year
/// before and what it withheld, as withholding agent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CertificazioneUnica {
    pub holder: Holder,
    /// The CU's year (CU 2026 certifies 2025).
    pub year: i16,
    pub issued_on: Date,
    pub lines: Vec<CuLine>,
}

impl CertificazioneUnica {
    /// The year whose income it certifies.
    pub fn income_year(&self) -> i16 {
        self.year - 1
    }

    /// All lines summed (the `source` of the result is the first line's).
    pub fn totals(&self) -> (Money, Money, Money, Money) {
        self.lines.iter().fold(
            (Money::ZERO, Money::ZERO, Money::ZERO, Money::ZERO),
            |(g, i, r, m), l| {
                (
                    g + l.gross,
                    i + l.irpef,
                    r + l.regional_surcharge,
                    m + l.municipal_surcharge,
                )
            },
        )
    }
}

/// A fund (gestione) of the institute where contributions are recorded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Fund {
    /// Fondo pensioni lavoratori dipendenti: private employees (and domestic workers).
    Fpld,
    /// Gestione separata: collaborators and freelancers without their own fund.
    GestioneSeparata,
    Artigiani,
    Commercianti,
    /// Cassa trattamenti pensionistici dei dipendenti dello Stato.
    Ctps,
    /// Cassa pensioni dipendenti enti locali.
    Cpdel,
    /// Cassa pensioni sanitari.
    Cps,
}

impl Fund {
    pub const ALL: [Fund; 7] = [
        Fund::Fpld,
        Fund::GestioneSeparata,
        Fund::Artigiani,
        Fund::Commercianti,
        Fund::Ctps,
        Fund::Cpdel,
        Fund::Cps,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Fund::Fpld => "fpld",
            Fund::GestioneSeparata => "gestione-separata",
            Fund::Artigiani => "artigiani",
            Fund::Commercianti => "commercianti",
            Fund::Ctps => "ctps",
            Fund::Cpdel => "cpdel",
            Fund::Cps => "cps",
        }
    }

    pub fn italian_name(self) -> &'static str {
        match self {
            Fund::Fpld => "Fondo pensioni lavoratori dipendenti (FPLD)",
            Fund::GestioneSeparata => "Gestione separata",
            Fund::Artigiani => "Gestione artigiani",
            Fund::Commercianti => "Gestione commercianti",
            Fund::Ctps => "Cassa trattamenti pensionistici dipendenti dello Stato (CTPS)",
            Fund::Cpdel => "Cassa pensioni dipendenti enti locali (CPDEL)",
            Fund::Cps => "Cassa pensioni sanitari (CPS)",
        }
    }

    /// Whether the fund counts in weeks (the private employees' fund) rather than months.
    pub fn counts_weeks(self) -> bool {
        self == Fund::Fpld
    }

    pub fn from_code(code: &str) -> Option<Fund> {
        Fund::ALL.into_iter().find(|f| f.code() == code)
    }
}

/// Why a contribution was recorded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ContributionKind {
    /// Paid on work.
    Work,
    /// Credited without payment: unemployment benefit, maternity, sickness, military service.
    Figurative,
    /// Paid by the insured to continue coverage ("prosecuzione volontaria").
    Voluntary,
    /// Bought back ("riscatto": degree, gaps).
    Redemption,
}

impl ContributionKind {
    pub const ALL: [ContributionKind; 4] = [
        ContributionKind::Work,
        ContributionKind::Figurative,
        ContributionKind::Voluntary,
        ContributionKind::Redemption,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ContributionKind::Work => "work",
            ContributionKind::Figurative => "figurative",
            ContributionKind::Voluntary => "voluntary",
            ContributionKind::Redemption => "redemption",
        }
    }

    pub fn italian_name(self) -> &'static str {
        match self {
            ContributionKind::Work => "obbligatoria da lavoro",
            ContributionKind::Figurative => "figurativa",
            ContributionKind::Voluntary => "volontaria",
            ContributionKind::Redemption => "da riscatto",
        }
    }

    pub fn from_code(code: &str) -> Option<ContributionKind> {
        ContributionKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// How much a period counts, in the unit of its fund.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Credited {
    Weeks(u32),
    Months(u32),
}

/// One period of the insurance record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContributionPeriod {
    pub fund: Fund,
    pub from: Date,
    pub to: Date,
    pub kind: ContributionKind,
    pub credited: Credited,
    /// Pay or income the contributions were computed on.
    pub pay: Money,
    /// The employer, or the reason of figurative, voluntary or redeemed contributions.
    pub reference: Option<String>,
}

/// The totals of one fund.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FundTotal {
    pub fund: Fund,
    pub weeks: u32,
    pub months: u32,
    pub pay: Money,
}

/// The insurance record (R-SELF-7): every contribution period by fund.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InsuranceRecord {
    pub holder: Holder,
    /// The date the record shows the situation at.
    pub as_of: Date,
    /// Oldest first.
    pub periods: Vec<ContributionPeriod>,
}

impl InsuranceRecord {
    /// Totals per fund, in fund order.
    pub fn totals_by_fund(&self) -> Vec<FundTotal> {
        let mut totals: Vec<FundTotal> = Vec::new();
        for fund in Fund::ALL {
            let periods: Vec<&ContributionPeriod> =
                self.periods.iter().filter(|p| p.fund == fund).collect();
            if periods.is_empty() {
                continue;
            }
            let mut total = FundTotal {
                fund,
                weeks: 0,
                months: 0,
                pay: Money::ZERO,
            };
            for p in periods {
                match p.credited {
                    Credited::Weeks(w) => total.weeks += w,
                    Credited::Months(m) => total.months += m,
                }
                total.pay = total.pay + p.pay;
            }
            totals.push(total);
        }
        totals
    }
}

/// Why a payments look-up failed.
#[derive(Debug, thiserror::Error)]
pub enum PaymentsError {
    #[error("no citizen with this tax code is known")]
    UnknownCitizen,
    #[error("no payments in the period")]
    NoPayments,
    #[error("the citizen receives no pension")]
    NoPension,
    #[error("no pension statements in the period")]
    NoPensionPayments,
    #[error("invalid period: {0}")]
    InvalidPeriod(String),
    #[error("the Certificazione Unica is available only during the yearly campaign")]
    CuCampaignClosed {
        /// When the campaign opens again, if known.
        next_open: Option<Timestamp>,
    },
    #[error("no Certificazione Unica {year} for this citizen")]
    CuNotFound { year: i16 },
    #[error("no contributions are recorded for this citizen")]
    NoInsuranceRecord,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl ServiceFailure for PaymentsError {
    fn kind(&self) -> ErrorKind {
        match self {
            PaymentsError::UnknownCitizen
            | PaymentsError::NoPayments
            | PaymentsError::NoPension
            | PaymentsError::NoPensionPayments
            | PaymentsError::CuNotFound { .. }
            | PaymentsError::NoInsuranceRecord => ErrorKind::NotFound,
            PaymentsError::InvalidPeriod(_) => ErrorKind::InvalidInput,
            PaymentsError::CuCampaignClosed { .. } => ErrorKind::Unavailable,
            PaymentsError::Store(e) => e.kind(),
        }
    }

    fn code(&self) -> &'static str {
        match self {
            PaymentsError::UnknownCitizen => "unknown_tax_code",
            PaymentsError::NoPayments => "no_payments",
            PaymentsError::NoPension => "no_pension",
            PaymentsError::NoPensionPayments => "no_pension_payments",
            PaymentsError::InvalidPeriod(_) => "invalid_period",
            PaymentsError::CuCampaignClosed { .. } => "cu_campaign_closed",
            PaymentsError::CuNotFound { .. } => "cu_not_found",
            PaymentsError::NoInsuranceRecord => "no_insurance_record",
            PaymentsError::Store(e) => e.code(),
        }
    }
}

/// The payments of the 12 months up to `today` (from the same day a year before, excluded, to
/// today included): benefit payments and pension instalments together, oldest first
/// (R-SELF-4). None is [`PaymentsError::NoPayments`].
pub async fn payments_last_12_months(
    store: &Store,
    tax_code: &TaxCode,
    today: Date,
) -> Result<PaymentsStatement, PaymentsError> {
    let citizen = citizen(store, tax_code).await?;
    let from = today
        .checked_sub(1.year())
        .and_then(|d| d.tomorrow())
        .map_err(|e| PaymentsError::InvalidPeriod(e.to_string()))?;
    let mut payments = Vec::new();
    for row in store
        .payments()
        .benefit_payments_between(citizen.id, from, today)
        .await?
    {
        let bad = |what: &str| corrupt("benefit payment", citizen.id, what);
        payments.push(Payment {
            paid_on: row.paid_on,
            source: PaymentSource::from_code(&row.benefit)
                .ok_or_else(|| bad(&format!("benefit {:?}", row.benefit)))?,
            gross: row.gross,
            withheld: row.withheld,
            net: row.net,
            method: PaymentMethod::from_row(&row.method)
                .ok_or_else(|| bad(&format!("payment method {:?}", row.method.method)))?,
        });
    }
    for pension in pensions(store, citizen.id).await? {
        let rows = store
            .payments()
            .pension_payments(pension.0, from.first_of_month(), today)
            .await?;
        for row in rows
            .into_iter()
            .filter(|r| from <= r.paid_on && r.paid_on <= today)
        {
            payments.push(Payment {
                paid_on: row.paid_on,
                source: PaymentSource::Pension(pension.1.category),
                gross: row.gross,
                withheld: row.gross - row.net,
                net: row.net,
                method: pension.1.method.clone(),
            });
        }
    }
    if payments.is_empty() {
        return Err(PaymentsError::NoPayments);
    }
    payments.sort_by_key(|p| p.paid_on);
    Ok(PaymentsStatement {
        holder: Holder::of(&citizen),
        from,
        to: today,
        payments,
    })
}

/// The citizen's pensions with their monthly statements of `period` (R-SELF-5). No pension is
/// [`PaymentsError::NoPension`]; pensions but no statement in the period is
/// [`PaymentsError::NoPensionPayments`].
pub async fn pension_payments(
    store: &Store,
    tax_code: &TaxCode,
    period: PensionPeriod,
) -> Result<PensionStatement, PaymentsError> {
    let (from_month, to_month, paid_by, count) = match period {
        PensionPeriod::Month { year, month } => {
            let first = Date::new(year, month, 1).map_err(|_| {
                PaymentsError::InvalidPeriod(format!("{year}-{month:02} is not a month"))
            })?;
            (first, first, None, None)
        }
        PensionPeriod::LastMonths { today, count } => {
            if !(1..=24).contains(&count) {
                return Err(PaymentsError::InvalidPeriod(format!(
                    "between 1 and 24 months can be asked for, not {count}"
                )));
            }
            let to = today.first_of_month();
            // One month more than asked: this month's statement may not be paid yet.
            let from = to
                .checked_sub(i64::from(count).months())
                .map_err(|e| PaymentsError::InvalidPeriod(e.to_string()))?;
            (from, to, Some(today), Some(usize::from(count)))
        }
    };
    let citizen = citizen(store, tax_code).await?;
    let pensions = pensions(store, citizen.id).await?;
    if pensions.is_empty() {
        return Err(PaymentsError::NoPension);
    }
    let mut details = Vec::with_capacity(pensions.len());
    for (id, pension) in pensions {
        let mut payments: Vec<PensionPayment> = store
            .payments()
            .pension_payments(id, from_month, to_month)
            .await?
            .into_iter()
            .filter(|r| paid_by.is_none_or(|today| r.paid_on <= today))
            .map(|r| PensionPayment {
                month: r.month,
                paid_on: r.paid_on,
                gross: r.gross,
                irpef: r.irpef,
                regional_surcharge: r.regional_surcharge,
                municipal_surcharge: r.municipal_surcharge,
                other_deductions: r.other_deductions,
                net: r.net,
            })
            .collect();
        if let Some(count) = count {
            let excess = payments.len().saturating_sub(count);
            payments.drain(..excess);
        }
        details.push(PensionDetails { pension, payments });
    }
    if details.iter().all(|d| d.payments.is_empty()) {
        return Err(PaymentsError::NoPensionPayments);
    }
    let first_paid = details
        .iter()
        .filter_map(|d| d.payments.first().map(|p| p.month))
        .min()
        .unwrap_or(from_month);
    let last_paid = details
        .iter()
        .filter_map(|d| d.payments.last().map(|p| p.month))
        .max()
        .unwrap_or(to_month);
    Ok(PensionStatement {
        holder: Holder::of(&citizen),
        from_month: first_paid,
        to_month: last_paid,
        pensions: details,
    })
}

/// The citizen's Certificazione Unica of `year` (R-SELF-6), only while `cu_calendar` (the
/// profile's `cu-campaign`) is open at `now`: otherwise [`PaymentsError::CuCampaignClosed`]
/// (ErrorKind::Unavailable), with the next opening when the calendar knows it. A year without
/// a CU is [`PaymentsError::CuNotFound`].
pub async fn certificazione_unica(
    store: &Store,
    tax_code: &TaxCode,
    year: i16,
    cu_calendar: &calendar::Calendar,
    now: Timestamp,
) -> Result<CertificazioneUnica, PaymentsError> {
    if !cu_calendar.is_open(now) {
        return Err(PaymentsError::CuCampaignClosed {
            next_open: cu_calendar.next_open(now).map(|z| z.timestamp()),
        });
    }
    let citizen = citizen(store, tax_code).await?;
    let cu = store
        .payments()
        .cu(citizen.id, year)
        .await?
        .ok_or(PaymentsError::CuNotFound { year })?;
    let lines = cu
        .lines
        .into_iter()
        .map(|l| {
            Ok(CuLine {
                source: PaymentSource::from_code(&l.benefit).ok_or_else(|| {
                    corrupt(
                        "certificazione unica",
                        citizen.id,
                        &format!("benefit {:?}", l.benefit),
                    )
                })?,
                days: u16::try_from(l.days).unwrap_or(0),
                gross: l.gross,
                irpef: l.irpef,
                regional_surcharge: l.regional_surcharge,
                municipal_surcharge: l.municipal_surcharge,
            })
        })
        .collect::<Result<Vec<_>, PaymentsError>>()?;
    Ok(CertificazioneUnica {
        holder: Holder::of(&citizen),
        year: cu.year,
        issued_on: cu.issued_on,
        lines,
    })
}

/// The years of the CUs on file for the citizen, newest first (so the IVR can offer them).
pub async fn cu_years(store: &Store, tax_code: &TaxCode) -> Result<Vec<i16>, PaymentsError> {
    let citizen = citizen(store, tax_code).await?;
    Ok(store.payments().cu_years(citizen.id).await?)
}

/// The citizen's insurance record as of `today` (R-SELF-7): every contribution period, oldest
/// first. No period is [`PaymentsError::NoInsuranceRecord`].
pub async fn insurance_record(
    store: &Store,
    tax_code: &TaxCode,
    today: Date,
) -> Result<InsuranceRecord, PaymentsError> {
    let citizen = citizen(store, tax_code).await?;
    let rows = store.payments().contribution_periods(citizen.id).await?;
    if rows.is_empty() {
        return Err(PaymentsError::NoInsuranceRecord);
    }
    let periods = rows
        .into_iter()
        .map(|row| contribution_from_row(citizen.id, row))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(InsuranceRecord {
        holder: Holder::of(&citizen),
        as_of: today,
        periods,
    })
}

fn contribution_from_row(
    citizen_id: i64,
    row: ContributionPeriodRow,
) -> Result<ContributionPeriod, PaymentsError> {
    let bad = |what: String| corrupt("contribution period", citizen_id, &what);
    let credited = match (row.weeks, row.months) {
        (Some(w), None) => Credited::Weeks(u32::try_from(w).map_err(|e| bad(e.to_string()))?),
        (None, Some(m)) => Credited::Months(u32::try_from(m).map_err(|e| bad(e.to_string()))?),
        _ => return Err(bad("weeks and months both set or both missing".into())),
    };
    Ok(ContributionPeriod {
        fund: Fund::from_code(&row.fund).ok_or_else(|| bad(format!("fund {:?}", row.fund)))?,
        from: row.from,
        to: row.to,
        kind: ContributionKind::from_code(&row.kind)
            .ok_or_else(|| bad(format!("kind {:?}", row.kind)))?,
        credited,
        pay: row.pay,
        reference: row.reference,
    })
}

async fn citizen(store: &Store, tax_code: &TaxCode) -> Result<Citizen, PaymentsError> {
    store
        .citizens()
        .by_tax_code(tax_code)
        .await?
        .ok_or(PaymentsError::UnknownCitizen)
}

/// The citizen's pensions, parsed, with their row ids.
async fn pensions(store: &Store, citizen_id: i64) -> Result<Vec<(i64, Pension)>, PaymentsError> {
    store
        .payments()
        .pensions_of(citizen_id)
        .await?
        .into_iter()
        .map(|PensionRow { id, pension: p }| {
            let bad = |what: String| corrupt("pension", id, &what);
            Ok((
                id,
                Pension {
                    office: p.office,
                    category: PensionCategory::from_code(&p.category)
                        .ok_or_else(|| bad(format!("category {:?}", p.category)))?,
                    certificate: PensionCertificate::parse(&p.certificate)
                        .map_err(|e| bad(e.to_string()))?,
                    started_on: p.started_on,
                    method: PaymentMethod::from_row(&p.method)
                        .ok_or_else(|| bad(format!("payment method {:?}", p.method.method)))?,
                },
            ))
        })
        .collect()
}

fn corrupt(entity: &'static str, id: i64, reason: &str) -> PaymentsError {
    PaymentsError::Store(StoreError::Corrupt {
        entity,
        id: id.to_string(),
        reason: reason.to_owned(),
    })
}

/// Today's date in Italy.
pub(crate) fn italian_date(now: Timestamp) -> Date {
    rome().to_datetime(now).date()
}

/// The letter a document request sends home (R-SELF-4..7): the data of `kind` as of `today`
/// (and `now` for the CU campaign), as one of the `*_letter` contents. `cu_calendar` is the CU
/// campaign's calendar; a profile without one refuses the CU like a closed campaign. Every
/// channel (REST API, IVR) builds document letters through here.
pub async fn document_letter(
    store: &Store,
    tax_code: &TaxCode,
    kind: crate::documents::DocumentKind,
    cu_calendar: Option<&calendar::Calendar>,
    today: Date,
    now: Timestamp,
) -> Result<crate::letters::LetterContent, PaymentsError> {
    use crate::documents::DocumentKind;
    Ok(match kind {
        DocumentKind::PaymentStatement => {
            payments_letter(&payments_last_12_months(store, tax_code, today).await?)
        }
        DocumentKind::PensionDetails => {
            let period = PensionPeriod::LastMonths { today, count: 12 };
            pension_letter(&pension_payments(store, tax_code, period).await?)
        }
        DocumentKind::CertificazioneUnica { year } => {
            let Some(calendar) = cu_calendar else {
                tracing::warn!("no CU campaign calendar in the profile: the CU is refused");
                return Err(PaymentsError::CuCampaignClosed { next_open: None });
            };
            cu_letter(&certificazione_unica(store, tax_code, year, calendar, now).await?)
        }
        DocumentKind::InsuranceRecord => {
            insurance_record_letter(&insurance_record(store, tax_code, today).await?)
        }
    })
}
