//! The amount due for a quarter (DOMAIN §5.3): effective hourly wage → band → hourly
//! contribution from the published table → × the quarter's paid hours; the worker's share; the
//! Cassa Colf contribution; the due date. Pure: no store, no clock.

use domain::Money;
use jiff::civil::Date;
use store::domestic::WeeklyHours;

use super::DomesticError;
use super::schedule::{Quarter, YearQuarter, due_date, quarter_hours, quarter_weeks};
use super::table::{Band, table_for, table_years};

/// The highest hourly wage accepted (a guard against typos, not a legal limit).
pub const MAX_HOURLY_WAGE: Money = Money::from_cents(100_000);
/// The highest live-in (board and lodging) value per hour accepted.
pub const MAX_LIVE_IN_VALUE: Money = Money::from_cents(10_000);

/// What a quote needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuoteParams {
    pub year: i16,
    pub quarter: Quarter,
    /// Agreed gross pay per hour, without the 13th-month share.
    pub hourly_wage: Money,
    pub weekly_hours: WeeklyHours,
    /// CUAF due (the normal case).
    pub cuaf: bool,
    /// Fixed-term contract (employer surcharge of 1.40%).
    pub fixed_term: bool,
    /// Board and lodging of a live-in worker, as its conventional value per hour of work;
    /// zero when the worker does not live in.
    pub live_in_value: Money,
    /// Whether the CCNL applies, so the Cassa Colf contribution is added.
    pub cassa_colf: bool,
    /// The relationship's first day, when known: earlier weeks count no hours.
    pub start: Option<Date>,
    /// The relationship's last day, when known: later weeks count no hours, and the quarter is
    /// due within 10 days of it if that comes first.
    pub end: Option<Date>,
}

impl QuoteParams {
    /// A quote for a whole quarter of a permanent relationship with CUAF, not live-in, under
    /// the CCNL (so with Cassa Colf).
    pub fn new(
        year: i16,
        quarter: Quarter,
        hourly_wage: Money,
        weekly_hours: WeeklyHours,
    ) -> QuoteParams {
        QuoteParams {
            year,
            quarter,
            hourly_wage,
            weekly_hours,
            cuaf: true,
            fixed_term: false,
            live_in_value: Money::ZERO,
            cassa_colf: true,
            start: None,
            end: None,
        }
    }
}

/// The contributions of one quarter, with how they were obtained.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quote {
    pub year: i16,
    pub quarter: Quarter,
    pub band: Band,
    /// The band as published, e.g. `9.48-11.54`.
    pub band_label: String,
    /// Hourly wage + 1/12 of it (13th month), rounded half up to the cent, + the live-in value.
    pub effective_hourly_wage: Money,
    /// The conventional wage of the band.
    pub conventional_wage: Money,
    /// The Sunday starting the quarter's first week and its last Saturday.
    pub first_week_day: Date,
    pub last_week_day: Date,
    /// Weeks with hours of the relationship (all the quarter's Saturdays when unlimited).
    pub weeks: u32,
    /// Of those, weeks only partly covered (first or last of the relationship).
    pub partial_weeks: u32,
    /// Hours to pay on, in hundredths.
    pub hours_hundredths: i64,
    /// INPS contribution per hour (employer + worker).
    pub hourly_contribution: Money,
    /// Of which the worker's share per hour.
    pub worker_hourly_share: Money,
    /// INPS contribution for the quarter: hours × hourly contribution, rounded half up.
    pub amount: Money,
    /// The worker's share of `amount` (the employer may withhold it from pay).
    pub worker_share: Money,
    /// Cassa Colf for the quarter (zero when the CCNL does not apply).
    pub cassa_colf: Money,
    /// The worker's share of `cassa_colf`.
    pub cassa_colf_worker_share: Money,
    /// What the payment notice asks: `amount` + `cassa_colf`.
    pub total: Money,
    pub due_date: Date,
}

/// Computes the contributions of a quarter. Errors: a year without a published table, a wage or
/// live-in value out of range, a relationship with no working day in the quarter.
pub fn quote(params: &QuoteParams) -> Result<Quote, DomesticError> {
    if params.hourly_wage <= Money::ZERO || params.hourly_wage > MAX_HOURLY_WAGE {
        return Err(DomesticError::InvalidWage(params.hourly_wage));
    }
    if params.live_in_value < Money::ZERO || params.live_in_value > MAX_LIVE_IN_VALUE {
        return Err(DomesticError::InvalidLiveInValue(params.live_in_value));
    }
    if let (Some(start), Some(end)) = (params.start, params.end)
        && end < start
    {
        return Err(DomesticError::EndBeforeStart);
    }
    let yq = YearQuarter::new(params.year, params.quarter)?;
    let Some(table) = table_for(params.year)? else {
        let known: Vec<String> = table_years()?.iter().map(i16::to_string).collect();
        return Err(DomesticError::NoTable {
            year: params.year,
            known: known.join(", "),
        });
    };
    let window = quarter_weeks(yq)?;
    let hours = quarter_hours(yq, params.weekly_hours, params.start, params.end)?;
    if hours.hundredths == 0 {
        return Err(DomesticError::NotActive { period: yq });
    }
    let effective = effective_hourly_wage(params.hourly_wage, params.live_in_value);
    let band = table.band_for(effective, params.weekly_hours);
    let rate = table.rate(band, params.fixed_term, params.cuaf);
    let cassa = if params.cassa_colf {
        table.cassa_colf()
    } else {
        super::table::HourlyRate {
            total: Money::ZERO,
            worker: Money::ZERO,
        }
    };
    let times = |rate: Money| times_hours(rate, hours.hundredths);
    let amount = times(rate.total);
    let cassa_colf = times(cassa.total);
    Ok(Quote {
        year: params.year,
        quarter: params.quarter,
        band,
        band_label: table.band_label(band),
        effective_hourly_wage: effective,
        conventional_wage: table.conventional_wage(band),
        first_week_day: window.first_day,
        last_week_day: window.last_day,
        weeks: hours.weeks,
        partial_weeks: hours.partial_weeks,
        hours_hundredths: hours.hundredths,
        hourly_contribution: rate.total,
        worker_hourly_share: rate.worker,
        amount,
        worker_share: times(rate.worker),
        cassa_colf,
        cassa_colf_worker_share: times(cassa.worker),
        total: amount + cassa_colf,
        due_date: due_date(yq, params.end)?,
    })
}

/// Hourly wage × 13/12 (the 13th month), rounded half up to the cent, plus the live-in value.
pub fn effective_hourly_wage(hourly_wage: Money, live_in_value: Money) -> Money {
    let with_13th = (i128::from(hourly_wage.cents()) * 13 + 6).div_euclid(12);
    Money::from_cents(i64::try_from(with_13th).unwrap_or(i64::MAX)) + live_in_value
}

/// An hourly amount × hours in hundredths, rounded half up to the cent. Both are bounded (a few
/// euro × at most 14 weeks × 168 h), so the product fits easily.
fn times_hours(hourly: Money, hundredths: i64) -> Money {
    Money::from_cents((hourly.cents() * hundredths + 50).div_euclid(100))
}
