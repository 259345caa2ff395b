//! Appointments at an office desk (R-ROUTE-4, R-SELF-9): the appointments table, booking codes,
//! and the one rule the database itself guarantees: a desk's slot is booked at most once.
//!
//! Which slots exist (office hours, slot lengths, desks) is the business of
//! `services::appointments`; here a booking names its start, end and the number of desks, and
//! [`Appointments::book_in`] picks the first desk with no booked appointment overlapping it, in
//! one `INSERT … SELECT` statement. That statement is the transaction's first write, so on SQLite
//! concurrent bookings queue for the write lock and each sees the ones before it; the partial
//! unique index `(office, start_at, desk) WHERE status = 'booked'` is the last word if a backend
//! lets two of them through (a unique violation is retried on the next desk, then reported as
//! "no desk free").

use std::fmt;
use std::str::FromStr;

use domain::{MobileNumber, OfficeCode, Pii, ServiceGroup, TaxCode};
use jiff::{SignedDuration, Timestamp};
use sqlx::Row;
use sqlx::sqlite::{SqlitePool, SqliteRow};

use crate::{Store, StoreError, Transaction, corrupt};

/// How the appointment takes place (DOMAIN §7.5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AppointmentMode {
    /// In person, at the office's counter.
    Counter,
    /// The case worker calls the citizen back on the mobile number.
    PhoneCallback,
    /// A video meeting (the virtual room's code goes by SMS).
    WebMeeting,
}

impl AppointmentMode {
    pub const ALL: [AppointmentMode; 3] = [
        AppointmentMode::Counter,
        AppointmentMode::PhoneCallback,
        AppointmentMode::WebMeeting,
    ];

    /// The stable identifier used in the database and the API.
    pub fn as_str(self) -> &'static str {
        match self {
            AppointmentMode::Counter => "counter",
            AppointmentMode::PhoneCallback => "phone_callback",
            AppointmentMode::WebMeeting => "web_meeting",
        }
    }

    pub fn parse(text: &str) -> Option<AppointmentMode> {
        AppointmentMode::ALL
            .into_iter()
            .find(|m| m.as_str() == text)
    }
}

impl fmt::Display for AppointmentMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where an appointment stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AppointmentStatus {
    Booked,
    Cancelled,
    /// Replaced by another appointment (whose `replaces` names this one).
    Rescheduled,
}

impl AppointmentStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            AppointmentStatus::Booked => "booked",
            AppointmentStatus::Cancelled => "cancelled",
            AppointmentStatus::Rescheduled => "rescheduled",
        }
    }

    pub fn parse(text: &str) -> Option<AppointmentStatus> {
        [
            AppointmentStatus::Booked,
            AppointmentStatus::Cancelled,
            AppointmentStatus::Rescheduled,
        ]
        .into_iter()
        .find(|s| s.as_str() == text)
    }
}

impl fmt::Display for AppointmentStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The code a citizen quotes to cancel or move an appointment: `PR-` and 8 digits
/// (`PR-00000042`), the appointment's number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BookingCode(i64);

/// Why a text is not a booking code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BookingCodeError {
    #[error("the booking code is empty")]
    Empty,
    #[error("booking code {0:?} is not in the format PR-NNNNNNNN (8 digits)")]
    Format(String),
    #[error("booking code {0:?} cannot be PR-00000000")]
    Zero(String),
}

impl BookingCode {
    /// The code of appointment `id` (positive, at most 8 digits).
    pub fn from_id(id: i64) -> Option<BookingCode> {
        (1..=99_999_999).contains(&id).then_some(BookingCode(id))
    }

    /// The appointment's row id.
    pub fn id(self) -> i64 {
        self.0
    }
}

impl FromStr for BookingCode {
    type Err = BookingCodeError;

    /// Accepts `PR-00000042`, with any case and surrounding spaces, and `PR00000042`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let text = s.trim();
        if text.is_empty() {
            return Err(BookingCodeError::Empty);
        }
        let digits = match text.get(..2) {
            Some(prefix) if prefix.eq_ignore_ascii_case("PR") => {
                let rest = &text[2..];
                rest.strip_prefix('-').unwrap_or(rest)
            }
            _ => return Err(BookingCodeError::Format(s.to_owned())),
        };
        if digits.len() != 8 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(BookingCodeError::Format(s.to_owned()));
        }
        let id: i64 = digits
            .parse()
            .map_err(|_| BookingCodeError::Format(s.to_owned()))?;
        BookingCode::from_id(id).ok_or_else(|| BookingCodeError::Zero(s.to_owned()))
    }
}

impl fmt::Display for BookingCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PR-{:08}", self.0)
    }
}

/// An appointment to book; the desk is chosen by [`Appointments::book_in`].
#[derive(Clone, PartialEq, Eq)]
pub struct NewAppointment {
    pub tax_code: TaxCode,
    pub office: OfficeCode,
    pub service: ServiceGroup,
    pub mode: AppointmentMode,
    pub start: Timestamp,
    pub end: Timestamp,
    pub mobile: MobileNumber,
    /// Who booked: `citizen`, `agent:…`, `office:0100/…` (R-ROUTE-4).
    pub booked_by: String,
    /// The appointment this one replaces (a reschedule).
    pub replaces: Option<i64>,
}

impl fmt::Debug for NewAppointment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewAppointment")
            .field("tax_code", &Pii::new(self.tax_code.as_str()))
            .field("office", &self.office)
            .field("service", &self.service)
            .field("mode", &self.mode)
            .field("start", &self.start)
            .finish_non_exhaustive()
    }
}

/// A stored appointment.
#[derive(Clone, PartialEq, Eq)]
pub struct Appointment {
    pub id: i64,
    pub tax_code: TaxCode,
    pub office: OfficeCode,
    pub service: ServiceGroup,
    pub mode: AppointmentMode,
    pub start: Timestamp,
    pub end: Timestamp,
    /// The desk (1-based) within the office.
    pub desk: u16,
    pub mobile: MobileNumber,
    pub status: AppointmentStatus,
    pub booked_by: String,
    pub replaces: Option<i64>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

impl Appointment {
    /// The code the citizen quotes (`PR-00000042`).
    pub fn code(&self) -> BookingCode {
        BookingCode(self.id)
    }
}

impl fmt::Debug for Appointment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Appointment")
            .field("id", &self.id)
            .field("tax_code", &Pii::new(self.tax_code.as_str()))
            .field("office", &self.office)
            .field("service", &self.service)
            .field("mode", &self.mode)
            .field("start", &self.start)
            .field("desk", &self.desk)
            .field("status", &self.status)
            .finish_non_exhaustive()
    }
}

/// The appointments table.
#[derive(Debug)]
pub struct Appointments<'a> {
    pool: &'a SqlitePool,
}

impl Store {
    pub fn appointments(&self) -> Appointments<'_> {
        Appointments { pool: &self.pool }
    }
}

const SELECT: &str = "SELECT id, tax_code, office, service, mode, start_at, end_at, desk, mobile, \
    status, booked_by, replaces, created_at, updated_at FROM appointments";

/// Picks the lowest desk in `1..=$1` with no booked appointment overlapping `[$6, $7)` and books
/// it, in one statement (a write from its first step, so it reads under the write lock).
const BOOK: &str = "WITH RECURSIVE desks (n) AS \
    (SELECT 1 UNION ALL SELECT n + 1 FROM desks WHERE n < $1) \
    INSERT INTO appointments (tax_code, office, service, mode, start_at, end_at, desk, mobile, \
    status, booked_by, replaces, created_at, updated_at) \
    SELECT $2, $3, $4, $5, $6, $7, desks.n, $8, 'booked', $9, $10, $11, $11 FROM desks \
    WHERE NOT EXISTS (SELECT 1 FROM appointments a WHERE a.office = $3 AND a.desk = desks.n \
    AND a.status = 'booked' AND a.start_at < $7 AND a.end_at > $6 AND a.start_at >= $12) \
    ORDER BY desks.n LIMIT 1 RETURNING id, desk";

/// An instant in the fixed-width form the table compares as text (whole seconds, UTC).
fn instant(at: Timestamp) -> String {
    at.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

impl Appointments<'_> {
    /// Books `appointment` on the first of the office's `desks` that is free for its whole
    /// duration, inside the caller's transaction. `None` when every desk is taken.
    ///
    /// Make this the transaction's first statement: it then runs under SQLite's write lock (see
    /// the module documentation).
    pub async fn book_in(
        tx: &mut Transaction,
        appointment: &NewAppointment,
        desks: u16,
        now: Timestamp,
    ) -> Result<Option<Appointment>, StoreError> {
        // No appointment lasts a day: an overlapping one starts less than a day earlier.
        let horizon = appointment
            .start
            .checked_sub(SignedDuration::from_hours(24))
            .unwrap_or(appointment.start);
        for _ in 0..desks.max(1) {
            let booked = sqlx::query(BOOK)
                .bind(i64::from(desks))
                .bind(appointment.tax_code.as_str())
                .bind(appointment.office.as_str())
                .bind(appointment.service.id())
                .bind(appointment.mode.as_str())
                .bind(instant(appointment.start))
                .bind(instant(appointment.end))
                .bind(appointment.mobile.as_str())
                .bind(&appointment.booked_by)
                .bind(appointment.replaces)
                .bind(now.to_string())
                .bind(instant(horizon))
                .fetch_optional(&mut **tx)
                .await;
            let row = match booked {
                Ok(row) => row,
                // Another transaction took the desk between our read and write (not possible
                // on SQLite, where the statement holds the write lock): try the next one.
                Err(sqlx::Error::Database(db)) if db.is_unique_violation() => continue,
                Err(e) => return Err(e.into()),
            };
            let Some(row) = row else {
                return Ok(None);
            };
            let id: i64 = row.try_get("id")?;
            let desk: i64 = row.try_get("desk")?;
            let desk = u16::try_from(desk).map_err(|e| corrupt("appointment", id, e))?;
            return Ok(Some(Appointment {
                id,
                tax_code: appointment.tax_code.clone(),
                office: appointment.office,
                service: appointment.service,
                mode: appointment.mode,
                start: appointment.start,
                end: appointment.end,
                desk,
                mobile: appointment.mobile.clone(),
                status: AppointmentStatus::Booked,
                booked_by: appointment.booked_by.clone(),
                replaces: appointment.replaces,
                created_at: now,
                updated_at: now,
            }));
        }
        Ok(None)
    }

    /// Moves a booked appointment to `to` (cancelled or rescheduled) in the caller's
    /// transaction. `false`, changing nothing, when it is not booked (any more).
    pub async fn release_in(
        tx: &mut Transaction,
        id: i64,
        to: AppointmentStatus,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE appointments SET status = $1, updated_at = $2 \
             WHERE id = $3 AND status = 'booked'",
        )
        .bind(to.as_str())
        .bind(now.to_string())
        .bind(id)
        .execute(&mut **tx)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn by_id(&self, id: i64) -> Result<Option<Appointment>, StoreError> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!("{SELECT} WHERE id = $1")))
            .bind(id)
            .fetch_optional(self.pool)
            .await?;
        row.as_ref().map(appointment_from_row).transpose()
    }

    /// The appointment with this code if it is `tax_code`'s; `None` both when there is none
    /// and when it is someone else's.
    pub async fn of_citizen(
        &self,
        tax_code: &TaxCode,
        code: BookingCode,
    ) -> Result<Option<Appointment>, StoreError> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{SELECT} WHERE id = $1 AND tax_code = $2"
        )))
        .bind(code.id())
        .bind(tax_code.as_str())
        .fetch_optional(self.pool)
        .await?;
        row.as_ref().map(appointment_from_row).transpose()
    }

    /// A citizen's appointments (all statuses) starting at or after `from`, soonest first.
    pub async fn for_citizen(
        &self,
        tax_code: &TaxCode,
        from: Timestamp,
    ) -> Result<Vec<Appointment>, StoreError> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{SELECT} WHERE tax_code = $1 AND start_at >= $2 ORDER BY start_at, id"
        )))
        .bind(tax_code.as_str())
        .bind(instant(from))
        .fetch_all(self.pool)
        .await?;
        rows.iter().map(appointment_from_row).collect()
    }

    /// The booked appointments of an office overlapping `[from, to)`, by start then desk.
    pub async fn booked_between(
        &self,
        office: OfficeCode,
        from: Timestamp,
        to: Timestamp,
    ) -> Result<Vec<Appointment>, StoreError> {
        let horizon = from
            .checked_sub(SignedDuration::from_hours(24))
            .unwrap_or(from);
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{SELECT} WHERE office = $1 AND status = 'booked' AND start_at < $2 AND end_at > $3 \
             AND start_at >= $4 ORDER BY start_at, desk"
        )))
        .bind(office.as_str())
        .bind(instant(to))
        .bind(instant(from))
        .bind(instant(horizon))
        .fetch_all(self.pool)
        .await?;
        rows.iter().map(appointment_from_row).collect()
    }

    /// How many appointments are booked at `office` starting exactly at `start`.
    pub async fn count_booked_at(
        &self,
        office: OfficeCode,
        start: Timestamp,
    ) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM appointments \
             WHERE office = $1 AND start_at = $2 AND status = 'booked'",
        )
        .bind(office.as_str())
        .bind(instant(start))
        .fetch_one(self.pool)
        .await?)
    }

    pub async fn count(&self) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM appointments")
            .fetch_one(self.pool)
            .await?)
    }
}

fn appointment_from_row(row: &SqliteRow) -> Result<Appointment, StoreError> {
    let id: i64 = row.try_get("id")?;
    let bad = |what: &str, e: &dyn fmt::Display| corrupt("appointment", id, format!("{what}: {e}"));
    let tax_code: String = row.try_get("tax_code")?;
    let tax_code = TaxCode::parse(&tax_code).map_err(|e| bad("tax code", &e))?;
    let office: String = row.try_get("office")?;
    let office = office
        .parse::<OfficeCode>()
        .map_err(|e| bad("office", &e))?;
    let service: String = row.try_get("service")?;
    let service = service
        .parse::<ServiceGroup>()
        .map_err(|e| bad("service", &e))?;
    let mode: String = row.try_get("mode")?;
    let mode = AppointmentMode::parse(&mode).ok_or_else(|| bad("mode", &mode))?;
    let status: String = row.try_get("status")?;
    let status = AppointmentStatus::parse(&status).ok_or_else(|| bad("status", &status))?;
    let mobile: String = row.try_get("mobile")?;
    let mobile = mobile
        .parse::<MobileNumber>()
        .map_err(|e| bad("mobile", &e))?;
    let desk: i64 = row.try_get("desk")?;
    let desk = u16::try_from(desk).map_err(|e| bad("desk", &e))?;
    let time = |column: &str| -> Result<Timestamp, StoreError> {
        let text: String = row.try_get(column)?;
        text.parse::<Timestamp>().map_err(|e| bad(column, &e))
    };
    Ok(Appointment {
        id,
        tax_code,
        office,
        service,
        mode,
        start: time("start_at")?,
        end: time("end_at")?,
        desk,
        mobile,
        status,
        booked_by: row.try_get("booked_by")?,
        replaces: row.try_get("replaces")?,
        created_at: time("created_at")?,
        updated_at: time("updated_at")?,
    })
}

#[cfg(test)]
mod tests;
