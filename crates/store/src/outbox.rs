//! The notifications outbox table: messages waiting to be delivered, and their delivery state.
//!
//! Enqueue inside the transaction that records the fact the message reports
//! ([`Outbox::enqueue_in`]), so that a fact is never stored without its message or the reverse.

use jiff::Timestamp;
use sqlx::Row;
use sqlx::sqlite::{SqlitePool, SqliteRow};

use crate::{Store, StoreError, Transaction, corrupt};

/// How a message travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OutboxChannel {
    Sms,
    Io,
    Postal,
    Email,
}

impl OutboxChannel {
    pub fn as_str(self) -> &'static str {
        match self {
            OutboxChannel::Sms => "sms",
            OutboxChannel::Io => "io",
            OutboxChannel::Postal => "postal",
            OutboxChannel::Email => "email",
        }
    }

    pub fn parse(text: &str) -> Option<OutboxChannel> {
        [
            OutboxChannel::Sms,
            OutboxChannel::Io,
            OutboxChannel::Postal,
            OutboxChannel::Email,
        ]
        .into_iter()
        .find(|c| c.as_str() == text)
    }
}

/// Where a message stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutboxStatus {
    Pending,
    Sent,
    Failed,
}

impl OutboxStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            OutboxStatus::Pending => "pending",
            OutboxStatus::Sent => "sent",
            OutboxStatus::Failed => "failed",
        }
    }

    fn parse(text: &str) -> Option<OutboxStatus> {
        [
            OutboxStatus::Pending,
            OutboxStatus::Sent,
            OutboxStatus::Failed,
        ]
        .into_iter()
        .find(|s| s.as_str() == text)
    }
}

/// A message to send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewMessage {
    pub channel: OutboxChannel,
    /// E.164 number (SMS), tax code (IO), address block (postal), e-mail address.
    pub recipient: String,
    pub subject: String,
    pub body: String,
    /// Path of a stored document to attach (postal letters).
    pub attachment: Option<String>,
    /// What the message is about, e.g. `appointment:42`.
    pub related: Option<String>,
}

/// A stored message with its delivery state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutboxMessage {
    pub id: i64,
    pub message: NewMessage,
    pub status: OutboxStatus,
    pub attempts: i64,
    pub next_attempt_at: Timestamp,
    pub last_error: Option<String>,
    pub created_at: Timestamp,
    pub sent_at: Option<Timestamp>,
}

/// The outbox table.
#[derive(Debug)]
pub struct Outbox<'a> {
    pool: &'a SqlitePool,
}

impl Store {
    pub fn outbox(&self) -> Outbox<'_> {
        Outbox { pool: &self.pool }
    }
}

pub(crate) const SELECT: &str = "SELECT id, channel, recipient, subject, body, attachment, \
    related, status, attempts, next_attempt_at, last_error, created_at, sent_at \
    FROM outbox_messages";

impl Outbox<'_> {
    /// Enqueues a message due now, in its own transaction.
    pub async fn enqueue(&self, message: &NewMessage, now: Timestamp) -> Result<i64, StoreError> {
        let mut tx = self.pool.begin().await?;
        let id = Outbox::enqueue_in(&mut tx, message, now).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Enqueues a message due now inside the caller's transaction.
    pub async fn enqueue_in(
        tx: &mut Transaction,
        message: &NewMessage,
        now: Timestamp,
    ) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar(
            "INSERT INTO outbox_messages \
             (channel, recipient, subject, body, attachment, related, next_attempt_at, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
        )
        .bind(message.channel.as_str())
        .bind(&message.recipient)
        .bind(&message.subject)
        .bind(&message.body)
        .bind(message.attachment.as_deref())
        .bind(message.related.as_deref())
        .bind(now.to_string())
        .fetch_one(&mut **tx)
        .await?)
    }

    pub async fn by_id(&self, id: i64) -> Result<Option<OutboxMessage>, StoreError> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!("{SELECT} WHERE id = $1")))
            .bind(id)
            .fetch_optional(self.pool)
            .await?;
        row.as_ref().map(message_from_row).transpose()
    }

    /// Messages about `related` (e.g. `appointment:42`), oldest first.
    pub async fn related_to(&self, related: &str) -> Result<Vec<OutboxMessage>, StoreError> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{SELECT} WHERE related = $1 ORDER BY id"
        )))
        .bind(related)
        .fetch_all(self.pool)
        .await?;
        rows.iter().map(message_from_row).collect()
    }
}

pub(crate) fn message_from_row(row: &SqliteRow) -> Result<OutboxMessage, StoreError> {
    let id: i64 = row.try_get("id")?;
    let time = |column: &str| -> Result<Timestamp, StoreError> {
        let text: String = row.try_get(column)?;
        text.parse()
            .map_err(|e| corrupt("outbox message", id, format!("{column}: {e}")))
    };
    let channel: String = row.try_get("channel")?;
    let status: String = row.try_get("status")?;
    let sent_at: Option<String> = row.try_get("sent_at")?;
    Ok(OutboxMessage {
        id,
        message: NewMessage {
            channel: OutboxChannel::parse(&channel)
                .ok_or_else(|| corrupt("outbox message", id, format!("channel {channel:?}")))?,
            recipient: row.try_get("recipient")?,
            subject: row.try_get("subject")?,
            body: row.try_get("body")?,
            attachment: row.try_get("attachment")?,
            related: row.try_get("related")?,
        },
        status: OutboxStatus::parse(&status)
            .ok_or_else(|| corrupt("outbox message", id, format!("status {status:?}")))?,
        attempts: row.try_get("attempts")?,
        next_attempt_at: time("next_attempt_at")?,
        last_error: row.try_get("last_error")?,
        created_at: time("created_at")?,
        sent_at: sent_at
            .map(|t| t.parse::<Timestamp>())
            .transpose()
            .map_err(|e| corrupt("outbox message", id, format!("sent_at: {e}")))?,
    })
}
