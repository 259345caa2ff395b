//! Domestic work (R-SELF-3): employment relationships of colf, badanti and baby sitters, and the
//! quarterly INPS contributions their employers owe.
//!
//! # Layout
//!
//! - `table`: the published contribution tables of 2024, 2025 and 2026 (DOMAIN §5.2), kept as
//!   data in `data/domestic_contributions.csv`, validated at first use.
//! - `schedule`: quarters, their weeks by the Saturday rule, a relationship's paid hours in a
//!   quarter (partial first and last weeks pro rata over Monday–Saturday), due dates.
//! - `quote`: the amount of a quarter ([`quote`]), pure.
//! - this module: the operations over the store — [`register`], [`find`],
//!   [`relationships_of`], [`amount_due`], [`next_due`], [`due_between`] — and [`seed_demo`].
//!
//! A relationship is always looked up by its employer's tax code **and** its code: a code that
//! belongs to another employer is [`DomesticError::NotFound`], exactly like one that does not
//! exist.

mod demo;
mod quote;
pub mod reminders;
mod schedule;
mod table;

use domain::{Money, Pii, TaxCode};
use jiff::Timestamp;
use jiff::civil::Date;
use store::domestic::DomesticRelationships;
use store::{NewAuditEvent, Store, StoreError};

use crate::{ErrorKind, ServiceFailure};

pub use demo::seed_demo;
pub use quote::{
    MAX_HOURLY_WAGE, MAX_LIVE_IN_VALUE, Quote, QuoteParams, effective_hourly_wage, quote,
};
pub use schedule::{
    Quarter, QuarterError, QuarterHours, QuarterWeeks, YearQuarter, due_date, quarter_hours,
    quarter_weeks, regular_due_date,
};
pub use store::domestic::{
    Relationship, RelationshipCode, RelationshipCodeError, RelationshipData, WeeklyHours,
    WeeklyHoursError,
};
pub use table::{Band, ContributionTable, HourlyRate, TableError, table_for, table_years, tables};

/// What can go wrong with domestic-work operations.
#[derive(Debug, thiserror::Error)]
pub enum DomesticError {
    #[error(transparent)]
    InvalidCode(#[from] RelationshipCodeError),
    #[error(transparent)]
    InvalidWeeklyHours(#[from] WeeklyHoursError),
    #[error(transparent)]
    InvalidQuarter(#[from] QuarterError),
    #[error("the hourly wage {0} must be more than 0 and at most {MAX_HOURLY_WAGE} euro")]
    InvalidWage(Money),
    #[error("the live-in value {0} must be from 0 to {MAX_LIVE_IN_VALUE} euro an hour")]
    InvalidLiveInValue(Money),
    #[error("year {year} is outside the years the calendar knows (1950 to 9998)")]
    YearOutOfRange { year: i16 },
    #[error("there is no contribution table for {year}: tables exist for {known}")]
    NoTable { year: i16, known: String },
    #[error("the relationship has no working day in {period}")]
    NotActive { period: YearQuarter },
    #[error("the relationship ends before it starts")]
    EndBeforeStart,
    #[error("the employer and the worker must be different people")]
    SameEmployerAndWorker,
    #[error("relationship not found")]
    NotFound,
    #[error("the contribution tables are broken: {0}")]
    Table(#[from] TableError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl ServiceFailure for DomesticError {
    fn kind(&self) -> ErrorKind {
        match self {
            DomesticError::InvalidCode(_)
            | DomesticError::InvalidWeeklyHours(_)
            | DomesticError::InvalidQuarter(_)
            | DomesticError::InvalidWage(_)
            | DomesticError::InvalidLiveInValue(_)
            | DomesticError::YearOutOfRange { .. }
            | DomesticError::NoTable { .. }
            | DomesticError::NotActive { .. }
            | DomesticError::EndBeforeStart
            | DomesticError::SameEmployerAndWorker => ErrorKind::InvalidInput,
            DomesticError::NotFound => ErrorKind::NotFound,
            DomesticError::Table(_) => ErrorKind::Internal,
            DomesticError::Store(e) => e.kind(),
        }
    }

    fn code(&self) -> &'static str {
        match self {
            DomesticError::InvalidCode(_) => "invalid_relationship_code",
            DomesticError::InvalidWeeklyHours(_) => "invalid_weekly_hours",
            DomesticError::InvalidQuarter(_) => "invalid_quarter",
            DomesticError::InvalidWage(_) => "invalid_hourly_wage",
            DomesticError::InvalidLiveInValue(_) => "invalid_live_in_value",
            DomesticError::YearOutOfRange { .. } => "invalid_year",
            DomesticError::NoTable { .. } => "no_contribution_table",
            DomesticError::NotActive { .. } => "relationship_not_active",
            DomesticError::EndBeforeStart => "end_before_start",
            DomesticError::SameEmployerAndWorker => "same_employer_and_worker",
            DomesticError::NotFound => "relationship_not_found",
            DomesticError::Table(_) => "contribution_table_broken",
            DomesticError::Store(e) => e.code(),
        }
    }
}

/// Records a new relationship (as from a hiring communication) with its audit event, in one
/// transaction. `actor` is who registers it (`agent:<id>`, `system`, …).
pub async fn register(
    store: &Store,
    data: &RelationshipData,
    actor: &str,
    now: Timestamp,
) -> Result<Relationship, DomesticError> {
    validate(data)?;
    let mut tx = store.begin().await?;
    let id = DomesticRelationships::insert_in(&mut tx, data, now).await?;
    DomesticRelationships::audit_in(&mut tx, now, &registered_event(data, actor)).await?;
    tx.commit().await.map_err(StoreError::from)?;
    tracing::info!(
        employer = %Pii::new(data.employer.as_str()),
        code = %Pii::new(data.code.as_str()),
        "domestic relationship registered"
    );
    Ok(Relationship {
        id,
        data: data.clone(),
        created_at: now,
    })
}

fn registered_event(data: &RelationshipData, actor: &str) -> NewAuditEvent {
    NewAuditEvent {
        actor: actor.to_owned(),
        action: "domestic.relationship_registered".into(),
        subject: Some(data.employer.as_str().to_owned()),
        detail: format!("relationship {} from {}", data.code, data.start),
    }
}

fn validate(data: &RelationshipData) -> Result<(), DomesticError> {
    if data.hourly_wage <= Money::ZERO || data.hourly_wage > MAX_HOURLY_WAGE {
        return Err(DomesticError::InvalidWage(data.hourly_wage));
    }
    if let Some(value) = data.live_in_value
        && (value < Money::ZERO || value > MAX_LIVE_IN_VALUE)
    {
        return Err(DomesticError::InvalidLiveInValue(value));
    }
    if data.end.is_some_and(|end| end < data.start) {
        return Err(DomesticError::EndBeforeStart);
    }
    if data.employer == data.worker {
        return Err(DomesticError::SameEmployerAndWorker);
    }
    for day in [Some(data.start), data.end].into_iter().flatten() {
        YearQuarter::new(day.year(), Quarter::Q1)?;
    }
    Ok(())
}

/// The relationship `code` of `employer`; another employer's code is [`DomesticError::NotFound`].
pub async fn find(
    store: &Store,
    employer: &TaxCode,
    code: &RelationshipCode,
) -> Result<Relationship, DomesticError> {
    store
        .domestic()
        .by_employer_and_code(employer, code)
        .await?
        .ok_or(DomesticError::NotFound)
}

/// Every relationship of `employer` (e.g. after identification by phone PIN), oldest first.
pub async fn relationships_of(
    store: &Store,
    employer: &TaxCode,
) -> Result<Vec<Relationship>, DomesticError> {
    Ok(store.domestic().for_employer(employer).await?)
}

/// The quote of a relationship for one quarter.
pub fn quote_relationship(
    relationship: &RelationshipData,
    year: i16,
    quarter: Quarter,
) -> Result<Quote, DomesticError> {
    quote(&QuoteParams {
        year,
        quarter,
        hourly_wage: relationship.hourly_wage,
        weekly_hours: relationship.weekly_hours,
        cuaf: relationship.cuaf,
        fixed_term: relationship.fixed_term,
        live_in_value: relationship.live_in_value.unwrap_or(Money::ZERO),
        cassa_colf: relationship.cassa_colf,
        start: Some(relationship.start),
        end: relationship.end,
    })
}

/// The amount due for a quarter of `employer`'s relationship `code` (R-SELF-3).
///
/// Errors: [`DomesticError::NotFound`] (unknown or another employer's code),
/// [`DomesticError::NotActive`] (no working day of the relationship in that quarter),
/// [`DomesticError::NoTable`] (no published table for the year).
pub async fn amount_due(
    store: &Store,
    employer: &TaxCode,
    code: &RelationshipCode,
    year: i16,
    quarter: Quarter,
) -> Result<Quote, DomesticError> {
    let relationship = find(store, employer, code).await?;
    quote_relationship(&relationship.data, year, quarter)
}

/// The next payment of a relationship.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NextDue {
    pub period: YearQuarter,
    pub due_date: Date,
    /// The amount; `None` when the table of that year is not published yet (the date is known,
    /// the amount is not).
    pub quote: Option<Quote>,
}

/// How far ahead [`next_due`] looks for a quarter with hours (a relationship starting later has
/// no next due date yet).
const LOOK_AHEAD_QUARTERS: usize = 12;

/// The first quarter of `employer`'s relationship `code` that has hours and is due on or after
/// `today`; `None` when everything is due in the past (an ended relationship) or the
/// relationship starts more than three years ahead.
pub async fn next_due(
    store: &Store,
    employer: &TaxCode,
    code: &RelationshipCode,
    today: Date,
) -> Result<Option<NextDue>, DomesticError> {
    let relationship = find(store, employer, code).await?;
    next_due_of(&relationship.data, today)
}

fn next_due_of(data: &RelationshipData, today: Date) -> Result<Option<NextDue>, DomesticError> {
    // The previous quarter is due in the current one: start there.
    let mut period = YearQuarter::of_date(today).previous();
    for _ in 0..LOOK_AHEAD_QUARTERS {
        if data
            .end
            .is_some_and(|end| YearQuarter::of_date(end) < period.previous())
        {
            return Ok(None);
        }
        if let Some(due) = due_in(data, period)?
            && due.due_date >= today
        {
            return Ok(Some(due));
        }
        period = period.next();
    }
    Ok(None)
}

/// The due date and amount of a quarter of a relationship, `None` when it has no hours in it.
fn due_in(data: &RelationshipData, period: YearQuarter) -> Result<Option<NextDue>, DomesticError> {
    let hours = quarter_hours(period, data.weekly_hours, Some(data.start), data.end)?;
    if hours.hundredths == 0 {
        return Ok(None);
    }
    let due_date = due_date(period, data.end)?;
    let quote = match quote_relationship(data, period.year, period.quarter) {
        Ok(quote) => Some(quote),
        Err(DomesticError::NoTable { .. }) => None,
        Err(e) => return Err(e),
    };
    Ok(Some(NextDue {
        period,
        due_date,
        quote,
    }))
}

/// A payment falling due: for the scheduled reminder job (R-NOTIF-1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DueItem {
    pub relationship_id: i64,
    pub employer: TaxCode,
    pub code: RelationshipCode,
    pub period: YearQuarter,
    pub due_date: Date,
    /// `None` when the table of that year is not published yet.
    pub quote: Option<Quote>,
}

/// Relationships fetched per query while scanning.
const PAGE: i64 = 1_000;

/// Every payment of every relationship due within `from..=to` (both inclusive), by due date then
/// relationship: the quarters with hours whose due date (regular, or 10 days after a
/// relationship's end) falls in the range. Empty when `to` is before `from`.
pub async fn due_between(
    store: &Store,
    from: Date,
    to: Date,
) -> Result<Vec<DueItem>, DomesticError> {
    if to < from {
        return Ok(Vec::new());
    }
    // A quarter is due in the quarter after it (or, at termination, within days of its weeks):
    // the candidates run from the quarter before `from` to the quarter of the week after `to`.
    let first = YearQuarter::of_date(from).previous();
    let last = YearQuarter::of_week_of(to.saturating_add(jiff::Span::new().days(7)))?;
    let mut periods = Vec::new();
    let mut period = first;
    while period <= last {
        periods.push(period);
        period = period.next();
    }
    let (Some(window_start), Some(window_end)) = (periods.first(), periods.last()) else {
        return Ok(Vec::new());
    };
    let window_start = quarter_weeks(*window_start)?.first_day;
    let window_end = quarter_weeks(*window_end)?.last_day;
    let mut items = Vec::new();
    let mut after_id = 0;
    loop {
        let page = store
            .domestic()
            .overlapping(window_start, window_end, after_id, PAGE)
            .await?;
        let Some(last_row) = page.last() else { break };
        after_id = last_row.id;
        for relationship in &page {
            for &period in &periods {
                if let Some(due) = due_in(&relationship.data, period)?
                    && (from..=to).contains(&due.due_date)
                {
                    items.push(DueItem {
                        relationship_id: relationship.id,
                        employer: relationship.data.employer.clone(),
                        code: relationship.data.code.clone(),
                        period,
                        due_date: due.due_date,
                        quote: due.quote,
                    });
                }
            }
        }
    }
    items.sort_by_key(|item| (item.due_date, item.relationship_id, item.period));
    Ok(items)
}

#[cfg(test)]
mod tests;
