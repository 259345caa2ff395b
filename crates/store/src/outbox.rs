//! The notifications outbox table: messages waiting to be delivered, and their delivery state.
//!
//! Enqueue inside the transaction that records the fact the message reports
//! ([`Outbox::enqueue_in`]), so that a fact is never stored without its message or the reverse.
//!
//! Delivery (done by `services::outbox`) goes through a lease: [`Outbox::claim_due`] marks up to
//! N due pending messages as held by one worker until an instant, counting the attempt, in a
//! single `UPDATE … RETURNING` (SQLite has one writer, so two workers never claim the same
//! message). The worker then reports the outcome with [`Outbox::mark_sent`],
//! [`Outbox::schedule_retry`] or [`Outbox::mark_failed`], each of which only applies while the
//! worker still holds the lease. A worker that dies mid-send leaves the lease to run out; the
//! message is claimed again after it.
//!
//! Instants this module writes are RFC 3339 UTC with exactly nine fractional digits
//! ([`sortable`]), so comparing the stored TEXT compares the instants.

use jiff::fmt::temporal::DateTimePrinter;
use jiff::{SignedDuration, Timestamp};
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

    pub fn parse(text: &str) -> Option<OutboxStatus> {
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

/// Which messages [`Outbox::list`] returns; `None` fields match everything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OutboxFilter {
    pub status: Option<OutboxStatus>,
    pub channel: Option<OutboxChannel>,
    pub related: Option<String>,
}

/// Messages per status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OutboxCounts {
    pub pending: i64,
    pub sent: i64,
    pub failed: i64,
}

/// An instant as this module stores it: RFC 3339 UTC with exactly nine fractional digits, so
/// that TEXT order is time order (`2026-01-12T08:00:00.000000000Z`). Other tables that compare
/// stored instants in SQL can use it too.
pub fn sortable(at: Timestamp) -> String {
    static PRINTER: DateTimePrinter = DateTimePrinter::new().precision(Some(9));
    PRINTER.timestamp_to_string(&at)
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
        .bind(sortable(now))
        .fetch_one(&mut **tx)
        .await?)
    }

    /// Enqueues an IO-app message for `message.recipient` (a tax code) inside the caller's
    /// transaction, but only if that citizen opted in to IO notifications (R-NOTIF-1): `None`
    /// when they did not (or the tax code is unknown). The opt-in is read in the same
    /// transaction, so a message is never queued for a citizen who has just opted out.
    pub async fn enqueue_io_if_opted_in_in(
        tx: &mut Transaction,
        message: &NewMessage,
        now: Timestamp,
    ) -> Result<Option<i64>, StoreError> {
        if message.channel != OutboxChannel::Io {
            return Ok(Some(Outbox::enqueue_in(tx, message, now).await?));
        }
        Ok(sqlx::query_scalar(
            "INSERT INTO outbox_messages \
             (channel, recipient, subject, body, attachment, related, next_attempt_at, created_at) \
             SELECT $1, $2, $3, $4, $5, $6, $7, $7 \
             WHERE EXISTS (SELECT 1 FROM citizens WHERE tax_code = $2 AND io_opt_in = 1) \
             RETURNING id",
        )
        .bind(message.channel.as_str())
        .bind(&message.recipient)
        .bind(&message.subject)
        .bind(&message.body)
        .bind(message.attachment.as_deref())
        .bind(message.related.as_deref())
        .bind(sortable(now))
        .fetch_optional(&mut **tx)
        .await?)
    }

    /// Claims up to `limit` pending messages of `channels` that are due at `now` and not held
    /// by a live lease: each is leased to `owner` until `now + lease` and its attempt counter
    /// goes up by one (an attempt counts when it starts, so a worker dying mid-send still uses
    /// one). Oldest due first. The returned messages show the counted attempt.
    pub async fn claim_due(
        &self,
        channels: &[OutboxChannel],
        owner: &str,
        now: Timestamp,
        lease: SignedDuration,
        limit: i64,
    ) -> Result<Vec<OutboxMessage>, StoreError> {
        if channels.is_empty() || limit <= 0 {
            return Ok(Vec::new());
        }
        let until = now
            .checked_add(lease)
            .map_err(|e| corrupt("outbox lease", owner, e))?;
        let placeholders: Vec<String> =
            (0..channels.len()).map(|i| format!("${}", i + 6)).collect();
        let sql = format!(
            "UPDATE outbox_messages SET lease_owner = $1, lease_until = $2, attempts = attempts + 1 \
             WHERE id IN (SELECT id FROM outbox_messages \
                 WHERE status = 'pending' AND next_attempt_at <= $3 \
                 AND (lease_until IS NULL OR lease_until <= $4) \
                 AND channel IN ({}) \
                 ORDER BY next_attempt_at, id LIMIT $5) \
             RETURNING id, channel, recipient, subject, body, attachment, related, status, \
                 attempts, next_attempt_at, last_error, created_at, sent_at",
            placeholders.join(", ")
        );
        let now_text = sortable(now);
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(owner)
            .bind(sortable(until))
            .bind(now_text.clone())
            .bind(now_text)
            .bind(limit);
        for channel in channels {
            query = query.bind(channel.as_str());
        }
        let rows = query.fetch_all(self.pool).await?;
        let mut claimed = rows
            .iter()
            .map(message_from_row)
            .collect::<Result<Vec<_>, _>>()?;
        // RETURNING gives no order guarantee: hand them out oldest due first.
        claimed.sort_by_key(|m| (m.next_attempt_at, m.id));
        Ok(claimed)
    }

    /// Marks a claimed message sent at `now`; `false` when `owner` no longer holds it (its lease
    /// was taken over), in which case nothing changes.
    pub async fn mark_sent(
        &self,
        id: i64,
        owner: &str,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE outbox_messages SET status = 'sent', sent_at = $1, last_error = NULL, \
             lease_owner = NULL, lease_until = NULL \
             WHERE id = $2 AND status = 'pending' AND lease_owner = $3",
        )
        .bind(sortable(now))
        .bind(id)
        .bind(owner)
        .execute(self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Leaves a claimed message pending, due again at `next_attempt_at`, with the error that
    /// stopped this attempt; `false` when `owner` no longer holds it.
    pub async fn schedule_retry(
        &self,
        id: i64,
        owner: &str,
        next_attempt_at: Timestamp,
        error: &str,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE outbox_messages SET next_attempt_at = $1, last_error = $2, \
             lease_owner = NULL, lease_until = NULL \
             WHERE id = $3 AND status = 'pending' AND lease_owner = $4",
        )
        .bind(sortable(next_attempt_at))
        .bind(error)
        .bind(id)
        .bind(owner)
        .execute(self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Gives up on a claimed message (a permanent error, or too many attempts); `false` when
    /// `owner` no longer holds it.
    pub async fn mark_failed(&self, id: i64, owner: &str, error: &str) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE outbox_messages SET status = 'failed', last_error = $1, \
             lease_owner = NULL, lease_until = NULL \
             WHERE id = $2 AND status = 'pending' AND lease_owner = $3",
        )
        .bind(error)
        .bind(id)
        .bind(owner)
        .execute(self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Puts a failed message back in the queue, due at `now`, with a fresh attempt count (an
    /// operator's "try again" after fixing the cause); `false` when it is not failed.
    pub async fn requeue_failed(&self, id: i64, now: Timestamp) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE outbox_messages SET status = 'pending', attempts = 0, next_attempt_at = $1, \
             lease_owner = NULL, lease_until = NULL \
             WHERE id = $2 AND status = 'failed'",
        )
        .bind(sortable(now))
        .bind(id)
        .execute(self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Messages matching `filter`, newest first, `limit` at most, with ids below `before_id`
    /// (paging backwards; `None` starts at the newest).
    pub async fn list(
        &self,
        filter: &OutboxFilter,
        before_id: Option<i64>,
        limit: i64,
    ) -> Result<Vec<OutboxMessage>, StoreError> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{SELECT} WHERE ($1 IS NULL OR status = $1) AND ($2 IS NULL OR channel = $2) \
             AND ($3 IS NULL OR related = $3) AND ($4 IS NULL OR id < $4) \
             ORDER BY id DESC LIMIT $5"
        )))
        .bind(filter.status.map(OutboxStatus::as_str))
        .bind(filter.channel.map(OutboxChannel::as_str))
        .bind(filter.related.as_deref())
        .bind(before_id)
        .bind(limit)
        .fetch_all(self.pool)
        .await?;
        rows.iter().map(message_from_row).collect()
    }

    /// How many messages are in each status (for the operator's dashboard and `/metrics`).
    pub async fn counts(&self) -> Result<OutboxCounts, StoreError> {
        let rows = sqlx::query("SELECT status, COUNT(*) AS n FROM outbox_messages GROUP BY status")
            .fetch_all(self.pool)
            .await?;
        let mut counts = OutboxCounts::default();
        for row in &rows {
            let status: String = row.try_get("status")?;
            let n: i64 = row.try_get("n")?;
            match OutboxStatus::parse(&status) {
                Some(OutboxStatus::Pending) => counts.pending = n,
                Some(OutboxStatus::Sent) => counts.sent = n,
                Some(OutboxStatus::Failed) => counts.failed = n,
                None => return Err(corrupt("outbox message", "?", format!("status {status:?}"))),
            }
        }
        Ok(counts)
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

#[cfg(test)]
mod tests;
