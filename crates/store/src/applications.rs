//! Benefit applications ("domande") and their status history, plus the number series that give
//! applications their DOMUS and protocol numbers.
//!
//! The store keeps identifiers and catalogue codes (benefit, status) as text: the `services`
//! crate owns their formats and catalogues and parses what it reads back. Dates, instants and
//! office codes are parsed here. The current status of an application is the last entry of its
//! history; history rows are only ever appended.

use std::collections::HashMap;

use domain::OfficeCode;
use jiff::Timestamp;
use jiff::civil::Date;
use sqlx::Row;
use sqlx::sqlite::{SqlitePool, SqliteRow};

use crate::{NewAuditEvent, Store, StoreError, Transaction, corrupt, map_unique};

/// One state an application went through.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusEntry {
    /// Status code from the services catalogue, e.g. `under-review`.
    pub status: String,
    /// Free text detailing the state (the "sottostato"), possibly empty.
    pub sub_status: String,
    pub changed_at: Timestamp,
}

/// An application to store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewApplication {
    pub citizen_id: i64,
    /// 13 digits.
    pub domus_number: String,
    /// Normalised protocol number, `INPS.SSSS.dd/mm/yyyy.NNNNNNN`.
    pub protocol_number: String,
    /// Benefit code from the services catalogue, e.g. `naspi`.
    pub benefit: String,
    /// The competent office.
    pub office: OfficeCode,
    pub submitted_on: Date,
}

/// A stored application with its whole status history (oldest first, never empty).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApplicationRecord {
    pub id: i64,
    pub citizen_id: i64,
    pub domus_number: String,
    pub protocol_number: String,
    pub benefit: String,
    pub office: OfficeCode,
    pub submitted_on: Date,
    pub created_at: Timestamp,
    pub history: Vec<StatusEntry>,
}

impl ApplicationRecord {
    /// The current state: the last of the history.
    pub fn current(&self) -> Option<&StatusEntry> {
        self.history.last()
    }
}

/// The applications tables.
#[derive(Debug)]
pub struct Applications<'a> {
    pool: &'a SqlitePool,
}

impl Store {
    pub fn applications(&self) -> Applications<'_> {
        Applications { pool: &self.pool }
    }
}

const SELECT: &str = "SELECT id, citizen_id, domus_number, protocol_number, benefit, office_code, \
    submitted_on, created_at FROM applications";

const SELECT_HISTORY: &str = "SELECT application_id, status, sub_status, changed_at \
    FROM application_status_changes";

impl Applications<'_> {
    /// Advances the number series `name` and returns its new value (1 for a new series), inside
    /// the caller's transaction, so a number is used only if the row using it is committed.
    pub async fn next_in_series_in(tx: &mut Transaction, name: &str) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar(
            "INSERT INTO number_series (name, last_value) VALUES ($1, 1) \
             ON CONFLICT (name) DO UPDATE SET last_value = last_value + 1 \
             RETURNING last_value",
        )
        .bind(name)
        .fetch_one(&mut **tx)
        .await?)
    }

    /// Stores an application with its first state, inside the caller's transaction. A DOMUS or
    /// protocol number already used is [`StoreError::Duplicate`].
    pub async fn insert_in(
        tx: &mut Transaction,
        application: &NewApplication,
        first: &StatusEntry,
        now: Timestamp,
    ) -> Result<i64, StoreError> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO applications \
             (citizen_id, domus_number, protocol_number, benefit, office_code, submitted_on, \
              created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(application.citizen_id)
        .bind(&application.domus_number)
        .bind(&application.protocol_number)
        .bind(&application.benefit)
        .bind(application.office.as_str())
        .bind(application.submitted_on.to_string())
        .bind(now.to_string())
        .fetch_one(&mut **tx)
        .await
        .map_err(|e| map_unique(e, "application", "number"))?;
        Applications::append_status_in(tx, id, first).await?;
        Ok(id)
    }

    /// Appends a state to an application's history, inside the caller's transaction.
    pub async fn append_status_in(
        tx: &mut Transaction,
        application_id: i64,
        entry: &StatusEntry,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO application_status_changes \
             (application_id, status, sub_status, changed_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(application_id)
        .bind(&entry.status)
        .bind(&entry.sub_status)
        .bind(entry.changed_at.to_string())
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// Appends a state only if the application's current status is `expected_current`
    /// (compare-and-append, so two concurrent changes cannot both apply to the same state);
    /// returns whether it was appended.
    pub async fn append_status_if_in(
        tx: &mut Transaction,
        application_id: i64,
        expected_current: &str,
        entry: &StatusEntry,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "INSERT INTO application_status_changes \
             (application_id, status, sub_status, changed_at) \
             SELECT $1, $2, $3, $4 WHERE \
             (SELECT status FROM application_status_changes WHERE application_id = $1 \
              ORDER BY id DESC LIMIT 1) = $5",
        )
        .bind(application_id)
        .bind(&entry.status)
        .bind(&entry.sub_status)
        .bind(entry.changed_at.to_string())
        .bind(expected_current)
        .execute(&mut **tx)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Records an audit event inside the caller's transaction (so the event exists exactly when
    /// the change it reports does).
    pub async fn record_audit_in(
        tx: &mut Transaction,
        at: Timestamp,
        event: &NewAuditEvent,
    ) -> Result<i64, StoreError> {
        crate::Audit::record_in(tx, at, event).await
    }

    /// The application with this DOMUS number, whoever it belongs to.
    pub async fn by_domus(
        &self,
        domus_number: &str,
    ) -> Result<Option<ApplicationRecord>, StoreError> {
        self.one("domus_number", domus_number).await
    }

    /// The application with this (normalised) protocol number, whoever it belongs to.
    pub async fn by_protocol(
        &self,
        protocol_number: &str,
    ) -> Result<Option<ApplicationRecord>, StoreError> {
        self.one("protocol_number", protocol_number).await
    }

    /// The applications of a citizen, oldest submission first.
    pub async fn of_citizen(&self, citizen_id: i64) -> Result<Vec<ApplicationRecord>, StoreError> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{SELECT} WHERE citizen_id = $1 ORDER BY submitted_on, id"
        )))
        .bind(citizen_id)
        .fetch_all(self.pool)
        .await?;
        let history = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{SELECT_HISTORY} WHERE application_id IN \
             (SELECT id FROM applications WHERE citizen_id = $1) ORDER BY application_id, id"
        )))
        .bind(citizen_id)
        .fetch_all(self.pool)
        .await?;
        let mut by_application: HashMap<i64, Vec<StatusEntry>> = HashMap::new();
        for row in &history {
            let (application_id, entry) = status_from_row(row)?;
            by_application
                .entry(application_id)
                .or_default()
                .push(entry);
        }
        rows.iter()
            .map(|row| {
                let mut record = application_from_row(row)?;
                record.history = by_application.remove(&record.id).unwrap_or_default();
                check_history(record)
            })
            .collect()
    }

    /// How many applications are stored.
    pub async fn count(&self) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM applications")
            .fetch_one(self.pool)
            .await?)
    }

    async fn one(
        &self,
        column: &'static str,
        value: &str,
    ) -> Result<Option<ApplicationRecord>, StoreError> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!("{SELECT} WHERE {column} = $1")))
            .bind(value)
            .fetch_optional(self.pool)
            .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let mut record = application_from_row(&row)?;
        let history = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{SELECT_HISTORY} WHERE application_id = $1 ORDER BY id"
        )))
        .bind(record.id)
        .fetch_all(self.pool)
        .await?;
        record.history = history
            .iter()
            .map(|r| status_from_row(r).map(|(_, entry)| entry))
            .collect::<Result<_, _>>()?;
        check_history(record).map(Some)
    }
}

fn check_history(record: ApplicationRecord) -> Result<ApplicationRecord, StoreError> {
    if record.history.is_empty() {
        return Err(corrupt("application", record.id, "no status history"));
    }
    Ok(record)
}

fn application_from_row(row: &SqliteRow) -> Result<ApplicationRecord, StoreError> {
    let id: i64 = row.try_get("id")?;
    let bad =
        |what: &str, e: &dyn std::fmt::Display| corrupt("application", id, format!("{what}: {e}"));
    let office: String = row.try_get("office_code")?;
    let submitted_on: String = row.try_get("submitted_on")?;
    let created_at: String = row.try_get("created_at")?;
    Ok(ApplicationRecord {
        id,
        citizen_id: row.try_get("citizen_id")?,
        domus_number: row.try_get("domus_number")?,
        protocol_number: row.try_get("protocol_number")?,
        benefit: row.try_get("benefit")?,
        office: office.parse().map_err(|e| bad("office code", &e))?,
        submitted_on: submitted_on
            .parse()
            .map_err(|e| bad("submission date", &e))?,
        created_at: created_at.parse().map_err(|e| bad("created_at", &e))?,
        history: Vec::new(),
    })
}

fn status_from_row(row: &SqliteRow) -> Result<(i64, StatusEntry), StoreError> {
    let application_id: i64 = row.try_get("application_id")?;
    let changed_at: String = row.try_get("changed_at")?;
    let changed_at = changed_at.parse().map_err(|e| {
        corrupt(
            "application",
            application_id,
            format!("status change time: {e}"),
        )
    })?;
    Ok((
        application_id,
        StatusEntry {
            status: row.try_get("status")?,
            sub_status: row.try_get("sub_status")?,
            changed_at,
        },
    ))
}

#[cfg(test)]
mod tests;
