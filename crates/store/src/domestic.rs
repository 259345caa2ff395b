//! Domestic-work employment relationships (colf, badanti, baby sitter): who employs whom, from
//! when to when, for how many hours a week and at what wage, under the 10-digit code INPS
//! assigned at hiring (DOMAIN §4.5).
//!
//! This module owns the two value types of the relationship ([`RelationshipCode`],
//! [`WeeklyHours`]) and the `domestic_relationships` table. The contribution arithmetic (tables,
//! quarters, due dates) lives in `services::domestic`: nothing computed is stored here.

use std::fmt;

use domain::{Money, Pii, TaxCode};
use jiff::Timestamp;
use jiff::civil::Date;
use sqlx::Row;
use sqlx::sqlite::{SqlitePool, SqliteRow};

use crate::{NewAuditEvent, Store, StoreError, Transaction, corrupt, map_unique};

/// The code INPS gives each domestic employment relationship: exactly 10 digits, no check digit
/// known (DOMAIN §4.5). A new contract between the same people gets a new code.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RelationshipCode(String);

/// Why a text is not a relationship code.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RelationshipCodeError {
    #[error("the relationship code is empty")]
    Empty,
    #[error("the relationship code has {length} digits, it must have 10")]
    WrongLength { length: usize },
    #[error(
        "the relationship code may hold only digits, but character {position} is {character:?}"
    )]
    NotADigit { position: usize, character: char },
}

impl RelationshipCode {
    /// Parses a code as keyed or printed: spaces and dashes between digit groups are ignored,
    /// anything else must be a digit, and there must be exactly 10 of them.
    ///
    /// Errors name the first offending character by its 1-based position in the input.
    pub fn parse(text: &str) -> Result<RelationshipCode, RelationshipCodeError> {
        let mut digits = String::with_capacity(10);
        for (index, character) in text.trim().chars().enumerate() {
            match character {
                '0'..='9' => digits.push(character),
                ' ' | '-' => {}
                _ => {
                    return Err(RelationshipCodeError::NotADigit {
                        position: index + 1,
                        character,
                    });
                }
            }
        }
        match digits.len() {
            0 => Err(RelationshipCodeError::Empty),
            10 => Ok(RelationshipCode(digits)),
            length => Err(RelationshipCodeError::WrongLength { length }),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for RelationshipCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for RelationshipCode {
    /// Masked like any personal identifier: it leads to a person's contract.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RelationshipCode({})", Pii::new(&self.0))
    }
}

impl std::str::FromStr for RelationshipCode {
    type Err = RelationshipCodeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        RelationshipCode::parse(s)
    }
}

/// Contracted hours a week, in hundredths of an hour: more than 0, at most 168 (a week).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct WeeklyHours(u32);

/// Why a text is not a number of weekly hours.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WeeklyHoursError {
    #[error("weekly hours {0:?} is not a number of hours like 20 or 12.5")]
    NotANumber(String),
    #[error("weekly hours {0:?} has more than two decimal places")]
    TooPrecise(String),
    #[error("weekly hours {0:?} must be more than 0 and at most 168")]
    OutOfRange(String),
}

impl WeeklyHours {
    /// The most hours a week can hold.
    pub const MAX_HUNDREDTHS: u32 = 168 * 100;

    /// `hundredths` of an hour (2000 = 20 h); `None` outside 1..=16800.
    pub fn from_hundredths(hundredths: u32) -> Option<WeeklyHours> {
        (1..=Self::MAX_HUNDREDTHS)
            .contains(&hundredths)
            .then_some(WeeklyHours(hundredths))
    }

    /// Whole hours (`20` = 20 h); `None` outside 1..=168.
    pub fn from_hours(hours: u32) -> Option<WeeklyHours> {
        hours
            .checked_mul(100)
            .and_then(WeeklyHours::from_hundredths)
    }

    /// Parses `20`, `12.5`, `12,25` (hours with up to two decimals).
    pub fn parse(text: &str) -> Result<WeeklyHours, WeeklyHoursError> {
        let trimmed = text.trim();
        let (negative, body) = match trimmed.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, trimmed),
        };
        let (whole, fraction) = body.split_once(['.', ',']).unwrap_or((body, ""));
        let digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || !digits(whole) || !digits(fraction) {
            return Err(WeeklyHoursError::NotANumber(text.to_owned()));
        }
        if fraction.len() > 2 {
            return Err(WeeklyHoursError::TooPrecise(text.to_owned()));
        }
        let out_of_range = || WeeklyHoursError::OutOfRange(text.to_owned());
        if negative {
            return Err(out_of_range());
        }
        let whole: u32 = whole.parse().map_err(|_| out_of_range())?;
        let fraction: u32 = format!("{fraction:0<2}").parse().unwrap_or(0);
        whole
            .checked_mul(100)
            .and_then(|h| h.checked_add(fraction))
            .and_then(WeeklyHours::from_hundredths)
            .ok_or_else(out_of_range)
    }

    pub fn hundredths(self) -> u32 {
        self.0
    }

    /// More than 24 hours a week with the same employer: the flat-rate band of the tables.
    pub fn over_24(self) -> bool {
        self.0 > 2400
    }
}

impl fmt::Display for WeeklyHours {
    /// `20`, `12.5`, `12.25`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (whole, fraction) = (self.0 / 100, self.0 % 100);
        match fraction {
            0 => write!(f, "{whole}"),
            f10 if f10 % 10 == 0 => write!(f, "{whole}.{}", f10 / 10),
            _ => write!(f, "{whole}.{fraction:02}"),
        }
    }
}

/// Everything stored about a domestic employment relationship.
#[derive(Clone, PartialEq, Eq)]
pub struct RelationshipData {
    pub code: RelationshipCode,
    /// The family member who employs (and pays the contributions).
    pub employer: TaxCode,
    pub worker: TaxCode,
    /// First day of work.
    pub start: Date,
    /// Last day of work; `None` while the relationship lasts.
    pub end: Option<Date>,
    pub weekly_hours: WeeklyHours,
    /// The agreed gross pay per hour (before the 13th-month share).
    pub hourly_wage: Money,
    /// Board and lodging for a live-in worker, as its conventional value per hour of work
    /// (it raises the effective hourly wage); `None` when the worker does not live in.
    pub live_in_value: Option<Money>,
    /// Whether the family-allowance contribution (CUAF) is due: the normal case; not due only for
    /// some spouses and cohabiting relatives (DOMAIN §5.2).
    pub cuaf: bool,
    /// A fixed-term contract: the employer pays the 1.40% surcharge.
    pub fixed_term: bool,
    /// Whether the national CCNL applies, hence the Cassa Colf contribution (DOMAIN §5.4).
    pub cassa_colf: bool,
}

impl fmt::Debug for RelationshipData {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RelationshipData")
            .field("code", &self.code)
            .field("employer", &Pii::new(self.employer.as_str()))
            .field("worker", &Pii::new(self.worker.as_str()))
            .field("start", &self.start)
            .field("end", &self.end)
            .field("weekly_hours", &self.weekly_hours)
            .finish_non_exhaustive()
    }
}

/// A stored relationship.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Relationship {
    pub id: i64,
    pub data: RelationshipData,
    pub created_at: Timestamp,
}

/// The `domestic_relationships` table.
#[derive(Debug)]
pub struct DomesticRelationships<'a> {
    pool: &'a SqlitePool,
}

impl Store {
    pub fn domestic(&self) -> DomesticRelationships<'_> {
        DomesticRelationships { pool: &self.pool }
    }
}

const SELECT: &str = "SELECT id, code, employer_tax_code, worker_tax_code, start_date, end_date, \
    weekly_hours_hundredths, hourly_wage_cents, live_in_value_cents, cuaf, fixed_term, \
    cassa_colf, created_at FROM domestic_relationships";

impl DomesticRelationships<'_> {
    /// Stores one relationship in its own transaction; a code already on file is
    /// [`StoreError::Duplicate`].
    pub async fn insert(&self, data: &RelationshipData, now: Timestamp) -> Result<i64, StoreError> {
        let mut tx = self.pool.begin().await?;
        let id = DomesticRelationships::insert_in(&mut tx, data, now).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Stores one relationship inside the caller's transaction.
    pub async fn insert_in(
        tx: &mut Transaction,
        data: &RelationshipData,
        now: Timestamp,
    ) -> Result<i64, StoreError> {
        sqlx::query_scalar(
            "INSERT INTO domestic_relationships \
             (code, employer_tax_code, worker_tax_code, start_date, end_date, \
              weekly_hours_hundredths, hourly_wage_cents, live_in_value_cents, cuaf, fixed_term, \
              cassa_colf, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
        )
        .bind(data.code.as_str())
        .bind(data.employer.as_str())
        .bind(data.worker.as_str())
        .bind(data.start.to_string())
        .bind(data.end.map(|d| d.to_string()))
        .bind(i64::from(data.weekly_hours.hundredths()))
        .bind(data.hourly_wage.cents())
        .bind(data.live_in_value.map(Money::cents))
        .bind(data.cuaf)
        .bind(data.fixed_term)
        .bind(data.cassa_colf)
        .bind(now.to_string())
        .fetch_one(&mut **tx)
        .await
        .map_err(|e| map_unique(e, "domestic relationship", "code"))
    }

    /// Appends an audit event inside the caller's transaction, so that the fact and its audit
    /// row are written together.
    pub async fn audit_in(
        tx: &mut Transaction,
        at: Timestamp,
        event: &NewAuditEvent,
    ) -> Result<i64, StoreError> {
        crate::Audit::record_in(tx, at, event).await
    }

    /// The relationship with this code **employed by `employer`**: another employer's code is
    /// `None`, exactly like a code that does not exist.
    pub async fn by_employer_and_code(
        &self,
        employer: &TaxCode,
        code: &RelationshipCode,
    ) -> Result<Option<Relationship>, StoreError> {
        let sql = format!("{SELECT} WHERE code = $1 AND employer_tax_code = $2");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(code.as_str())
            .bind(employer.as_str())
            .fetch_optional(self.pool)
            .await?;
        row.as_ref().map(relationship_from_row).transpose()
    }

    /// Every relationship of `employer`, oldest start first.
    pub async fn for_employer(&self, employer: &TaxCode) -> Result<Vec<Relationship>, StoreError> {
        let sql = format!("{SELECT} WHERE employer_tax_code = $1 ORDER BY start_date, id");
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(employer.as_str())
            .fetch_all(self.pool)
            .await?;
        rows.iter().map(relationship_from_row).collect()
    }

    /// Relationships active on at least one day of `from..=to`, in id order, `limit` at most,
    /// after `after_id` (for paging).
    pub async fn overlapping(
        &self,
        from: Date,
        to: Date,
        after_id: i64,
        limit: i64,
    ) -> Result<Vec<Relationship>, StoreError> {
        let sql = format!(
            "{SELECT} WHERE start_date <= $1 AND (end_date IS NULL OR end_date >= $2) \
             AND id > $3 ORDER BY id LIMIT $4"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(to.to_string())
            .bind(from.to_string())
            .bind(after_id)
            .bind(limit)
            .fetch_all(self.pool)
            .await?;
        rows.iter().map(relationship_from_row).collect()
    }

    pub async fn count(&self) -> Result<i64, StoreError> {
        Ok(
            sqlx::query_scalar("SELECT COUNT(*) FROM domestic_relationships")
                .fetch_one(self.pool)
                .await?,
        )
    }
}

fn relationship_from_row(row: &SqliteRow) -> Result<Relationship, StoreError> {
    let id: i64 = row.try_get("id")?;
    let bad = |what: &str, e: &dyn fmt::Display| {
        corrupt("domestic relationship", id, format!("{what}: {e}"))
    };
    let code: String = row.try_get("code")?;
    let code = RelationshipCode::parse(&code).map_err(|e| bad("code", &e))?;
    let tax_code = |column: &str| -> Result<TaxCode, StoreError> {
        let text: String = row.try_get(column)?;
        TaxCode::parse(&text).map_err(|e| bad(column, &e))
    };
    let date = |text: &str, column: &str| -> Result<Date, StoreError> {
        text.parse::<Date>().map_err(|e| bad(column, &e))
    };
    let start: String = row.try_get("start_date")?;
    let end: Option<String> = row.try_get("end_date")?;
    let hours: i64 = row.try_get("weekly_hours_hundredths")?;
    let weekly_hours = u32::try_from(hours)
        .ok()
        .and_then(WeeklyHours::from_hundredths)
        .ok_or_else(|| bad("weekly hours", &hours))?;
    let created_at: String = row.try_get("created_at")?;
    Ok(Relationship {
        id,
        data: RelationshipData {
            code,
            employer: tax_code("employer_tax_code")?,
            worker: tax_code("worker_tax_code")?,
            start: date(&start, "start_date")?,
            end: end.map(|e| date(&e, "end_date")).transpose()?,
            weekly_hours,
            hourly_wage: Money::from_cents(row.try_get("hourly_wage_cents")?),
            live_in_value: row
                .try_get::<Option<i64>, _>("live_in_value_cents")?
                .map(Money::from_cents),
            cuaf: row.try_get("cuaf")?,
            fixed_term: row.try_get("fixed_term")?,
            cassa_colf: row.try_get("cassa_colf")?,
        },
        created_at: created_at.parse().map_err(|e| bad("created_at", &e))?,
    })
}

#[cfg(test)]
mod tests;
