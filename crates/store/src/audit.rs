//! The audit trail: who did what to whose data, and when. Append-only.

use jiff::Timestamp;
use sqlx::Row;
use sqlx::sqlite::SqlitePool;

use crate::{StoreError, Transaction, corrupt};

/// An event to record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewAuditEvent {
    /// Who acted: `system`, `ivr`, `agent:<id>`, `citizen`, …
    pub actor: String,
    /// What happened, as a stable dotted name: `pin.issued`, `demo.loaded`, …
    pub action: String,
    /// Whose data it concerns (a tax code, a request id), when it concerns someone.
    pub subject: Option<String>,
    pub detail: String,
}

/// A recorded event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditEvent {
    pub id: i64,
    pub at: Timestamp,
    pub event: NewAuditEvent,
}

/// The audit table.
#[derive(Debug)]
pub struct Audit<'a> {
    pool: &'a SqlitePool,
}

impl<'a> Audit<'a> {
    pub(crate) fn new(pool: &'a SqlitePool) -> Self {
        Audit { pool }
    }

    /// Appends an event stamped `at`.
    pub async fn record(&self, at: Timestamp, event: &NewAuditEvent) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar(
            "INSERT INTO audit_events (at, actor, action, subject, detail) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(at.to_string())
        .bind(&event.actor)
        .bind(&event.action)
        .bind(event.subject.as_deref())
        .bind(&event.detail)
        .fetch_one(self.pool)
        .await?)
    }

    /// Appends an event inside the caller's transaction, so that a fact and its audit row are
    /// written together (or not at all).
    pub async fn record_in(
        tx: &mut Transaction,
        at: Timestamp,
        event: &NewAuditEvent,
    ) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar(
            "INSERT INTO audit_events (at, actor, action, subject, detail) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(at.to_string())
        .bind(&event.actor)
        .bind(&event.action)
        .bind(event.subject.as_deref())
        .bind(&event.detail)
        .fetch_one(&mut **tx)
        .await?)
    }

    /// The newest events first, `limit` at most.
    pub async fn recent(&self, limit: i64) -> Result<Vec<AuditEvent>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, at, actor, action, subject, detail FROM audit_events \
             ORDER BY id DESC LIMIT $1",
        )
        .bind(limit)
        .fetch_all(self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let id: i64 = row.try_get("id")?;
                let at: String = row.try_get("at")?;
                let at = at
                    .parse::<Timestamp>()
                    .map_err(|e| corrupt("audit event", id, e))?;
                Ok(AuditEvent {
                    id,
                    at,
                    event: NewAuditEvent {
                        actor: row.try_get("actor")?,
                        action: row.try_get("action")?,
                        subject: row.try_get("subject")?,
                        detail: row.try_get("detail")?,
                    },
                })
            })
            .collect()
    }
}
