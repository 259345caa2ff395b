//! INPS Linea requests (R-ROUTE-3, R-SELF-8, R-CHAN-6): the request ids `LI-YYYY-NNNNNNNN`, the
//! requests table, their status history and the messages between office and citizen.
//!
//! This module stores and reads; which status may follow which, and who may change it, is the
//! business of `services::linea`. A status change is a compare-and-set
//! ([`LineaRequests::set_status_in`]): it names the status it expects to replace, so two
//! concurrent changes cannot both win.

use std::fmt;
use std::str::FromStr;

use domain::{ContactId, OfficeCode, ServiceGroup, TaxCode};
use jiff::Timestamp;
use jiff::civil::Date;
use sqlx::Row;
use sqlx::sqlite::{SqlitePool, SqliteRow};

use crate::{NewAuditEvent, Store, StoreError, Transaction, corrupt};

/// The identifier of an INPS Linea request: `LI-`, the year it was created, `-`, an 8-digit
/// sequence number that starts again from 1 every year (DOMAIN §4.3), e.g. `LI-2026-00000042`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LineaRequestId {
    year: i16,
    sequence: u32,
}

/// Why a text is not an INPS Linea request id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LineaIdError {
    #[error("the request id is empty")]
    Empty,
    #[error("request id {0:?} must start with \"LI-\" (format LI-YYYY-NNNNNNNN)")]
    Prefix(String),
    #[error("request id {0:?} is not in the format LI-YYYY-NNNNNNNN")]
    Format(String),
    #[error("request id {input:?}: the year must be 4 digits from 2000 to 2999, not {year:?}")]
    Year { input: String, year: String },
    #[error("request id {input:?}: the number after the year must be 8 digits, not {number:?}")]
    Sequence { input: String, number: String },
    #[error("request id {0:?}: the number after the year cannot be 00000000")]
    ZeroSequence(String),
}

/// The largest sequence number of a year (8 digits).
pub const MAX_LINEA_SEQUENCE: u32 = 99_999_999;

impl LineaRequestId {
    /// The id of the `sequence`-th request of `year`.
    pub fn new(year: i16, sequence: u32) -> Result<LineaRequestId, LineaIdError> {
        let shown = || format!("LI-{year}-{sequence:08}");
        if !(2000..=2999).contains(&year) {
            return Err(LineaIdError::Year {
                input: shown(),
                year: year.to_string(),
            });
        }
        if sequence == 0 {
            return Err(LineaIdError::ZeroSequence(shown()));
        }
        if sequence > MAX_LINEA_SEQUENCE {
            return Err(LineaIdError::Sequence {
                input: shown(),
                number: sequence.to_string(),
            });
        }
        Ok(LineaRequestId { year, sequence })
    }

    pub fn year(self) -> i16 {
        self.year
    }

    pub fn sequence(self) -> u32 {
        self.sequence
    }
}

impl FromStr for LineaRequestId {
    type Err = LineaIdError;

    /// Accepts the canonical form with surrounding spaces and a lower-case prefix (`li-2026-…`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let text = s.trim();
        if text.is_empty() {
            return Err(LineaIdError::Empty);
        }
        let rest = match text.get(..3) {
            Some(prefix) if prefix.eq_ignore_ascii_case("LI-") => &text[3..],
            _ => return Err(LineaIdError::Prefix(s.to_owned())),
        };
        let (year, number) = rest
            .split_once('-')
            .ok_or_else(|| LineaIdError::Format(s.to_owned()))?;
        let all_digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
        let year_value = match year.parse::<i16>() {
            Ok(y) if year.len() == 4 && all_digits(year) && (2000..=2999).contains(&y) => y,
            _ => {
                return Err(LineaIdError::Year {
                    input: s.to_owned(),
                    year: year.to_owned(),
                });
            }
        };
        if number.len() != 8 || !all_digits(number) {
            return Err(LineaIdError::Sequence {
                input: s.to_owned(),
                number: number.to_owned(),
            });
        }
        let sequence = number.parse::<u32>().map_err(|_| LineaIdError::Sequence {
            input: s.to_owned(),
            number: number.to_owned(),
        })?;
        if sequence == 0 {
            return Err(LineaIdError::ZeroSequence(s.to_owned()));
        }
        Ok(LineaRequestId {
            year: year_value,
            sequence,
        })
    }
}

impl fmt::Display for LineaRequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "LI-{:04}-{:08}", self.year, self.sequence)
    }
}

/// Where a request stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LineaStatus {
    /// Sent to the office, not yet looked at ("Inviata").
    Received,
    /// A case worker is handling it ("Presa in carico").
    TakenInCharge,
    /// The office asked the citizen for something and waits for the answer.
    WaitingForCitizen,
    /// The office answered ("Risposta inviata").
    Answered,
    /// Done ("Chiusa").
    Closed,
    /// The citizen (or the office) opened it again after an answer ("Riaperta").
    Reopened,
}

impl LineaStatus {
    pub const ALL: [LineaStatus; 6] = [
        LineaStatus::Received,
        LineaStatus::TakenInCharge,
        LineaStatus::WaitingForCitizen,
        LineaStatus::Answered,
        LineaStatus::Closed,
        LineaStatus::Reopened,
    ];

    /// The stable identifier used in the database and the API.
    pub fn as_str(self) -> &'static str {
        match self {
            LineaStatus::Received => "received",
            LineaStatus::TakenInCharge => "taken_in_charge",
            LineaStatus::WaitingForCitizen => "waiting_for_citizen",
            LineaStatus::Answered => "answered",
            LineaStatus::Closed => "closed",
            LineaStatus::Reopened => "reopened",
        }
    }

    pub fn parse(text: &str) -> Option<LineaStatus> {
        LineaStatus::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// Whether the request is still in the office's hands or waiting for the citizen: not yet
    /// answered, not closed. Open requests make up an office's worklist.
    pub fn is_open(self) -> bool {
        !matches!(self, LineaStatus::Answered | LineaStatus::Closed)
    }
}

impl fmt::Display for LineaStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a request reached the office.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LineaOrigin {
    /// Forwarded by a contact-center agent during a call (R-ROUTE-3).
    Agent {
        agent_id: String,
        contact_id: Option<ContactId>,
    },
    /// Written by the citizen online.
    Online,
}

/// Who wrote a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MessageAuthor {
    Office,
    Citizen,
}

impl MessageAuthor {
    pub fn as_str(self) -> &'static str {
        match self {
            MessageAuthor::Office => "office",
            MessageAuthor::Citizen => "citizen",
        }
    }

    pub fn parse(text: &str) -> Option<MessageAuthor> {
        [MessageAuthor::Office, MessageAuthor::Citizen]
            .into_iter()
            .find(|a| a.as_str() == text)
    }
}

/// A request to store; its id and its first status (`received`) are given by the store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewLineaRequest {
    pub tax_code: TaxCode,
    pub office: OfficeCode,
    pub origin: LineaOrigin,
    pub service_group: ServiceGroup,
    pub topic: String,
    pub description: String,
    pub sla_due: Date,
}

/// A stored request.
#[derive(Clone, PartialEq, Eq)]
pub struct LineaRequest {
    pub id: LineaRequestId,
    pub tax_code: TaxCode,
    pub office: OfficeCode,
    pub origin: LineaOrigin,
    pub service_group: ServiceGroup,
    pub topic: String,
    pub description: String,
    pub status: LineaStatus,
    /// The date the office must answer by (recomputed when a request is reopened).
    pub sla_due: Date,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

impl fmt::Debug for LineaRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The tax code and the texts are personal data.
        f.debug_struct("LineaRequest")
            .field("id", &self.id)
            .field("tax_code", &domain::Pii::new(self.tax_code.as_str()))
            .field("office", &self.office)
            .field("status", &self.status)
            .field("sla_due", &self.sla_due)
            .finish_non_exhaustive()
    }
}

/// One entry of a request's status history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusChange {
    pub status: LineaStatus,
    pub at: Timestamp,
    /// Who changed it: `agent:…`, `office:0100/…`, `citizen`, `system`.
    pub actor: String,
    pub note: String,
}

/// A message between the office and the citizen.
#[derive(Clone, PartialEq, Eq)]
pub struct LineaMessage {
    pub id: i64,
    pub author: MessageAuthor,
    pub body: String,
    pub at: Timestamp,
}

impl fmt::Debug for LineaMessage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LineaMessage")
            .field("id", &self.id)
            .field("author", &self.author)
            .field("at", &self.at)
            .finish_non_exhaustive()
    }
}

/// The INPS Linea tables.
#[derive(Debug)]
pub struct LineaRequests<'a> {
    pool: &'a SqlitePool,
}

impl Store {
    pub fn linea(&self) -> LineaRequests<'_> {
        LineaRequests { pool: &self.pool }
    }
}

const SELECT: &str = "SELECT id, tax_code, office, origin, agent_id, contact_id, service_group, \
    topic, description, status, sla_due, created_at, updated_at FROM linea_requests";

impl LineaRequests<'_> {
    /// Stores a new request in the caller's transaction: takes the next sequence number of
    /// `year` (in that same transaction, so a rolled-back creation gives its number back),
    /// inserts the request as `received` and records that first status by `actor`.
    ///
    /// The sequence bump is the transaction's first write, so on SQLite concurrent creations
    /// queue for the write lock instead of failing.
    pub async fn create_in(
        tx: &mut Transaction,
        year: i16,
        request: &NewLineaRequest,
        actor: &str,
        now: Timestamp,
    ) -> Result<LineaRequest, StoreError> {
        let last: i64 = sqlx::query_scalar(
            "INSERT INTO linea_sequences (year, last) VALUES ($1, 1) \
             ON CONFLICT (year) DO UPDATE SET last = last + 1 RETURNING last",
        )
        .bind(year)
        .fetch_one(&mut **tx)
        .await?;
        let id = u32::try_from(last)
            .ok()
            .and_then(|seq| LineaRequestId::new(year, seq).ok())
            .ok_or_else(|| corrupt("linea sequence", year, format!("value {last} out of range")))?;
        let (agent_id, contact_id) = match &request.origin {
            LineaOrigin::Agent {
                agent_id,
                contact_id,
            } => (Some(agent_id.as_str()), contact_id.map(ContactId::get)),
            LineaOrigin::Online => (None, None),
        };
        let origin = match request.origin {
            LineaOrigin::Agent { .. } => "agent",
            LineaOrigin::Online => "online",
        };
        let at = now.to_string();
        sqlx::query(
            "INSERT INTO linea_requests (id, tax_code, office, origin, agent_id, contact_id, \
             service_group, topic, description, status, sla_due, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)",
        )
        .bind(id.to_string())
        .bind(request.tax_code.as_str())
        .bind(request.office.as_str())
        .bind(origin)
        .bind(agent_id)
        .bind(contact_id)
        .bind(request.service_group.id())
        .bind(&request.topic)
        .bind(&request.description)
        .bind(LineaStatus::Received.as_str())
        .bind(request.sla_due.to_string())
        .bind(&at)
        .execute(&mut **tx)
        .await?;
        push_history(tx, id, LineaStatus::Received, actor, "", &at).await?;
        Ok(LineaRequest {
            id,
            tax_code: request.tax_code.clone(),
            office: request.office,
            origin: request.origin.clone(),
            service_group: request.service_group,
            topic: request.topic.clone(),
            description: request.description.clone(),
            status: LineaStatus::Received,
            sla_due: request.sla_due,
            created_at: now,
            updated_at: now,
        })
    }

    /// Moves request `id` from status `from` to `to` (and to a new SLA due date, if given) and
    /// records the change in its history, in the caller's transaction.
    ///
    /// Returns `false`, changing nothing, when the request is not in status `from` (any more):
    /// the caller read a status that someone else has changed since.
    #[allow(clippy::too_many_arguments)]
    pub async fn set_status_in(
        tx: &mut Transaction,
        id: LineaRequestId,
        from: LineaStatus,
        to: LineaStatus,
        sla_due: Option<Date>,
        actor: &str,
        note: &str,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        let at = now.to_string();
        let done = sqlx::query(
            "UPDATE linea_requests SET status = $1, updated_at = $2, \
             sla_due = COALESCE($3, sla_due) WHERE id = $4 AND status = $5",
        )
        .bind(to.as_str())
        .bind(&at)
        .bind(sla_due.map(|d| d.to_string()))
        .bind(id.to_string())
        .bind(from.as_str())
        .execute(&mut **tx)
        .await?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        push_history(tx, id, to, actor, note, &at).await?;
        Ok(true)
    }

    /// Adds a message to request `id` in the caller's transaction and touches the request's
    /// `updated_at`. Returns `None` when there is no such request.
    pub async fn add_message_in(
        tx: &mut Transaction,
        id: LineaRequestId,
        author: MessageAuthor,
        body: &str,
        now: Timestamp,
    ) -> Result<Option<i64>, StoreError> {
        let at = now.to_string();
        // The update comes first: it is the transaction's first write, and it tells whether
        // the request exists.
        let touched = sqlx::query("UPDATE linea_requests SET updated_at = $1 WHERE id = $2")
            .bind(&at)
            .bind(id.to_string())
            .execute(&mut **tx)
            .await?;
        if touched.rows_affected() != 1 {
            return Ok(None);
        }
        let message_id = sqlx::query_scalar(
            "INSERT INTO linea_messages (request_id, author, body, at) \
             VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(id.to_string())
        .bind(author.as_str())
        .bind(body)
        .bind(&at)
        .fetch_one(&mut **tx)
        .await?;
        Ok(Some(message_id))
    }

    /// The request with this id, whoever it belongs to (for office staff).
    pub async fn by_id(&self, id: LineaRequestId) -> Result<Option<LineaRequest>, StoreError> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!("{SELECT} WHERE id = $1")))
            .bind(id.to_string())
            .fetch_optional(self.pool)
            .await?;
        row.as_ref().map(request_from_row).transpose()
    }

    /// The request with this id if it belongs to `tax_code`; `None` both when there is no such
    /// request and when it is someone else's.
    pub async fn of_citizen(
        &self,
        tax_code: &TaxCode,
        id: LineaRequestId,
    ) -> Result<Option<LineaRequest>, StoreError> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{SELECT} WHERE id = $1 AND tax_code = $2"
        )))
        .bind(id.to_string())
        .bind(tax_code.as_str())
        .fetch_optional(self.pool)
        .await?;
        row.as_ref().map(request_from_row).transpose()
    }

    /// A citizen's requests sorted by competent office (code), newest first within an office
    /// (ids are given out in creation order).
    pub async fn for_citizen(&self, tax_code: &TaxCode) -> Result<Vec<LineaRequest>, StoreError> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{SELECT} WHERE tax_code = $1 ORDER BY office, id DESC"
        )))
        .bind(tax_code.as_str())
        .fetch_all(self.pool)
        .await?;
        rows.iter().map(request_from_row).collect()
    }

    /// An office's open requests (see [`LineaStatus::is_open`]), the earliest SLA due date
    /// first, then the oldest (lowest id); `limit` at most.
    pub async fn open_for_office(
        &self,
        office: OfficeCode,
        limit: i64,
    ) -> Result<Vec<LineaRequest>, StoreError> {
        let open: Vec<&str> = LineaStatus::ALL
            .into_iter()
            .filter(|s| s.is_open())
            .map(LineaStatus::as_str)
            .collect();
        let placeholders: Vec<String> = (0..open.len()).map(|i| format!("${}", i + 2)).collect();
        let sql = format!(
            "{SELECT} WHERE office = $1 AND status IN ({}) \
             ORDER BY sla_due, id LIMIT ${}",
            placeholders.join(", "),
            open.len() + 2
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(office.as_str());
        for status in open {
            query = query.bind(status);
        }
        let rows = query.bind(limit).fetch_all(self.pool).await?;
        rows.iter().map(request_from_row).collect()
    }

    /// The status history of a request, oldest first.
    pub async fn history(&self, id: LineaRequestId) -> Result<Vec<StatusChange>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, status, at, actor, note FROM linea_status_history \
             WHERE request_id = $1 ORDER BY id",
        )
        .bind(id.to_string())
        .fetch_all(self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let row_id: i64 = row.try_get("id")?;
                let status: String = row.try_get("status")?;
                let at: String = row.try_get("at")?;
                Ok(StatusChange {
                    status: LineaStatus::parse(&status).ok_or_else(|| {
                        corrupt("linea status change", row_id, format!("status {status:?}"))
                    })?,
                    at: at
                        .parse()
                        .map_err(|e| corrupt("linea status change", row_id, e))?,
                    actor: row.try_get("actor")?,
                    note: row.try_get("note")?,
                })
            })
            .collect()
    }

    /// The messages of a request, oldest first.
    pub async fn messages(&self, id: LineaRequestId) -> Result<Vec<LineaMessage>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, author, body, at FROM linea_messages WHERE request_id = $1 ORDER BY id",
        )
        .bind(id.to_string())
        .fetch_all(self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let row_id: i64 = row.try_get("id")?;
                let author: String = row.try_get("author")?;
                let at: String = row.try_get("at")?;
                Ok(LineaMessage {
                    id: row_id,
                    author: MessageAuthor::parse(&author).ok_or_else(|| {
                        corrupt("linea message", row_id, format!("author {author:?}"))
                    })?,
                    body: row.try_get("body")?,
                    at: at
                        .parse()
                        .map_err(|e| corrupt("linea message", row_id, e))?,
                })
            })
            .collect()
    }

    pub async fn count(&self) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM linea_requests")
            .fetch_one(self.pool)
            .await?)
    }
}

/// Appends an audit event stamped `at` inside the caller's transaction, so the event is stored
/// exactly when the change it reports is.
pub async fn record_audit_in(
    tx: &mut Transaction,
    at: Timestamp,
    event: &NewAuditEvent,
) -> Result<i64, StoreError> {
    crate::Audit::record_in(tx, at, event).await
}

async fn push_history(
    tx: &mut Transaction,
    id: LineaRequestId,
    status: LineaStatus,
    actor: &str,
    note: &str,
    at: &str,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO linea_status_history (request_id, status, at, actor, note) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(id.to_string())
    .bind(status.as_str())
    .bind(at)
    .bind(actor)
    .bind(note)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

fn request_from_row(row: &SqliteRow) -> Result<LineaRequest, StoreError> {
    let id_text: String = row.try_get("id")?;
    let bad = |what: &str, e: &dyn fmt::Display| {
        corrupt("linea request", &id_text, format!("{what}: {e}"))
    };
    let id = id_text
        .parse::<LineaRequestId>()
        .map_err(|e| bad("id", &e))?;
    let tax_code: String = row.try_get("tax_code")?;
    let tax_code = TaxCode::parse(&tax_code).map_err(|e| bad("tax code", &e))?;
    let office: String = row.try_get("office")?;
    let office = office
        .parse::<OfficeCode>()
        .map_err(|e| bad("office", &e))?;
    let origin = match row.try_get::<String, _>("origin")?.as_str() {
        "agent" => LineaOrigin::Agent {
            agent_id: row
                .try_get::<Option<String>, _>("agent_id")?
                .ok_or_else(|| bad("agent id", &"missing"))?,
            contact_id: row
                .try_get::<Option<i64>, _>("contact_id")?
                .map(ContactId::new)
                .transpose()
                .map_err(|e| bad("contact id", &e))?,
        },
        "online" => LineaOrigin::Online,
        other => return Err(bad("origin", &other)),
    };
    let service_group: String = row.try_get("service_group")?;
    let service_group = service_group
        .parse::<ServiceGroup>()
        .map_err(|e| bad("service group", &e))?;
    let status: String = row.try_get("status")?;
    let status = LineaStatus::parse(&status).ok_or_else(|| bad("status", &status))?;
    let sla_due: String = row.try_get("sla_due")?;
    let sla_due = sla_due.parse::<Date>().map_err(|e| bad("sla due", &e))?;
    let time = |column: &str| -> Result<Timestamp, StoreError> {
        let text: String = row.try_get(column)?;
        text.parse::<Timestamp>().map_err(|e| bad(column, &e))
    };
    Ok(LineaRequest {
        id,
        tax_code,
        office,
        origin,
        service_group,
        topic: row.try_get("topic")?,
        description: row.try_get("description")?,
        status,
        sla_due,
        created_at: time("created_at")?,
        updated_at: time("updated_at")?,
    })
}

#[cfg(test)]
mod tests;
