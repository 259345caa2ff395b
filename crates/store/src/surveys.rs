//! Contacts (the minimum a survey needs) and post-contact surveys (R-SURV-1, R-SURV-2): answers
//! per contact and the follow-up items a bad answer opens for supervisors.
//!
//! An answer is stored once per question and contact and never overwritten: a second answer to
//! the same question is [`StoreError::Duplicate`]. Follow-ups are one per contact and reason, so
//! recording a second bad answer of the same kind does not open a second item. Which answers
//! are "bad" is the service's decision (`services::surveys`); this module stores it.
//!
//! The `contacts` table is deliberately small; the call-control work extends it.

use std::fmt;

use domain::{ContactId, Language, Pii, TaxCode};
use jiff::Timestamp;
use sqlx::Row;
use sqlx::sqlite::{SqlitePool, SqliteRow};

use crate::pins::stamp;
use crate::{Store, StoreError, Transaction, corrupt, map_unique};

/// How the citizen reached the contact center.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ContactChannel {
    Phone,
    WebCall,
    Portal,
}

impl ContactChannel {
    pub const ALL: [ContactChannel; 3] = [
        ContactChannel::Phone,
        ContactChannel::WebCall,
        ContactChannel::Portal,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ContactChannel::Phone => "phone",
            ContactChannel::WebCall => "webcall",
            ContactChannel::Portal => "portal",
        }
    }

    pub fn parse(text: &str) -> Option<ContactChannel> {
        ContactChannel::ALL
            .into_iter()
            .find(|c| c.code() == text.trim().to_ascii_lowercase())
    }
}

/// What a contact ended with: an agent (R-SURV-1) or the automated services (R-SURV-2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ServiceKind {
    Agent,
    Automated,
}

impl ServiceKind {
    pub const ALL: [ServiceKind; 2] = [ServiceKind::Agent, ServiceKind::Automated];

    pub fn code(self) -> &'static str {
        match self {
            ServiceKind::Agent => "agent",
            ServiceKind::Automated => "automated",
        }
    }

    pub fn parse(text: &str) -> Option<ServiceKind> {
        ServiceKind::ALL
            .into_iter()
            .find(|k| k.code() == text.trim().to_ascii_lowercase())
    }
}

/// A contact to record as it starts.
#[derive(Clone, PartialEq, Eq)]
pub struct NewContact {
    pub channel: ContactChannel,
    /// The number dialled (`803164`, `06164164`); `None` on the portal.
    pub entry_number: Option<String>,
    pub language: Language,
    /// Set once the caller is identified.
    pub tax_code: Option<TaxCode>,
}

impl fmt::Debug for NewContact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewContact")
            .field("channel", &self.channel)
            .field("entry_number", &self.entry_number)
            .field("language", &self.language)
            .field(
                "tax_code",
                &self.tax_code.as_ref().map(|t| Pii::new(t.as_str())),
            )
            .finish()
    }
}

/// A stored contact.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contact {
    pub id: ContactId,
    pub contact: NewContact,
    pub service_kind: Option<ServiceKind>,
    pub started_at: Timestamp,
    pub ended_at: Option<Timestamp>,
}

/// The contacts table.
#[derive(Debug)]
pub struct Contacts<'a> {
    pool: &'a SqlitePool,
}

/// One answer's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnswerValue {
    /// 1 (worst) to 5 (best); the table refuses anything else.
    Score(u8),
    YesNo(bool),
}

impl AnswerValue {
    /// The question kind it answers: `score-1-5` or `yes-no`.
    pub fn kind_code(self) -> &'static str {
        match self {
            AnswerValue::Score(_) => "score-1-5",
            AnswerValue::YesNo(_) => "yes-no",
        }
    }

    fn stored(self) -> i64 {
        match self {
            AnswerValue::Score(score) => i64::from(score),
            AnswerValue::YesNo(yes) => i64::from(yes),
        }
    }
}

/// An answer to store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewAnswer {
    /// The question's id in the survey definition.
    pub question: String,
    pub value: AnswerValue,
    /// What the contact ended with when the answer was given (kept with the answer).
    pub service_kind: ServiceKind,
}

/// A stored answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SurveyAnswer {
    pub id: i64,
    pub contact: ContactId,
    pub answer: NewAnswer,
    pub answered_at: Timestamp,
}

/// Why a follow-up was opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FollowupReason {
    /// A score at or below the survey's threshold.
    LowScore,
    /// "No" to a yes/no question that asks for a follow-up ("was your need resolved?").
    NotResolved,
}

impl FollowupReason {
    pub fn code(self) -> &'static str {
        match self {
            FollowupReason::LowScore => "low-score",
            FollowupReason::NotResolved => "not-resolved",
        }
    }

    pub fn parse(text: &str) -> Option<FollowupReason> {
        match text {
            "low-score" => Some(FollowupReason::LowScore),
            "not-resolved" => Some(FollowupReason::NotResolved),
            _ => None,
        }
    }
}

/// A follow-up item and its state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Followup {
    pub id: i64,
    pub contact: ContactId,
    pub reason: FollowupReason,
    /// E.g. `satisfaction = 2`.
    pub detail: String,
    pub created_at: Timestamp,
    /// When and by whom it was closed; `None` while open.
    pub closed: Option<(Timestamp, String)>,
    /// The supervisor's note on closing.
    pub note: String,
}

impl Followup {
    pub fn is_open(&self) -> bool {
        self.closed.is_none()
    }
}

/// Answer totals for one service kind over a period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KindTotals {
    pub service_kind: ServiceKind,
    /// Contacts with at least one answer.
    pub contacts: i64,
    /// Score answers, and the sum of their values.
    pub scores: i64,
    pub score_sum: i64,
    /// Scores at or below the threshold asked for.
    pub low_scores: i64,
    /// Yes/no answers.
    pub yes: i64,
    pub no: i64,
}

/// The survey tables.
#[derive(Debug)]
pub struct Surveys<'a> {
    pool: &'a SqlitePool,
}

impl Store {
    pub fn contacts(&self) -> Contacts<'_> {
        Contacts { pool: &self.pool }
    }

    pub fn surveys(&self) -> Surveys<'_> {
        Surveys { pool: &self.pool }
    }
}

const CONTACT_COLUMNS: &str = "c.id AS c_id, c.channel AS c_channel, \
    c.entry_number AS c_entry_number, c.language AS c_language, c.tax_code AS c_tax_code, \
    c.service_kind AS c_service_kind, c.started_at AS c_started_at, c.ended_at AS c_ended_at";

impl Contacts<'_> {
    /// Records a contact starting at `started_at`.
    pub async fn create(
        &self,
        contact: &NewContact,
        started_at: Timestamp,
    ) -> Result<ContactId, StoreError> {
        let mut tx = self.pool.begin().await?;
        let id = Contacts::create_in(&mut tx, contact, started_at).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Records a contact inside the caller's transaction.
    pub async fn create_in(
        tx: &mut Transaction,
        contact: &NewContact,
        started_at: Timestamp,
    ) -> Result<ContactId, StoreError> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO contacts (channel, entry_number, language, tax_code, started_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(contact.channel.code())
        .bind(contact.entry_number.as_deref())
        .bind(contact.language.code())
        .bind(contact.tax_code.as_ref().map(TaxCode::as_str))
        .bind(stamp(started_at))
        .fetch_one(&mut **tx)
        .await?;
        ContactId::new(id).map_err(|e| corrupt("contact", id, e))
    }

    /// Records what the contact is being served by (before the survey is offered); false for an
    /// unknown contact.
    pub async fn set_service_kind(
        &self,
        id: ContactId,
        kind: ServiceKind,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query("UPDATE contacts SET service_kind = $1 WHERE id = $2")
            .bind(kind.code())
            .bind(id.get())
            .execute(self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Records who the caller turned out to be (once identified); false for an unknown contact.
    pub async fn set_tax_code(&self, id: ContactId, code: &TaxCode) -> Result<bool, StoreError> {
        let done = sqlx::query("UPDATE contacts SET tax_code = $1 WHERE id = $2")
            .bind(code.as_str())
            .bind(id.get())
            .execute(self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Ends a contact, recording what it ended with (`None` keeps what was set before). False
    /// when the contact is unknown or already ended.
    pub async fn end(
        &self,
        id: ContactId,
        kind: Option<ServiceKind>,
        ended_at: Timestamp,
    ) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin().await?;
        let ended = Contacts::end_in(&mut tx, id, kind, ended_at).await?;
        tx.commit().await?;
        Ok(ended)
    }

    /// [`Contacts::end`] inside the caller's transaction.
    pub async fn end_in(
        tx: &mut Transaction,
        id: ContactId,
        kind: Option<ServiceKind>,
        ended_at: Timestamp,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE contacts SET ended_at = $1, service_kind = COALESCE($2, service_kind) \
             WHERE id = $3 AND ended_at IS NULL",
        )
        .bind(stamp(ended_at))
        .bind(kind.map(ServiceKind::code))
        .bind(id.get())
        .execute(&mut **tx)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn by_id(&self, id: ContactId) -> Result<Option<Contact>, StoreError> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {CONTACT_COLUMNS} FROM contacts c WHERE c.id = $1"
        )))
        .bind(id.get())
        .fetch_optional(self.pool)
        .await?;
        row.as_ref().map(contact_from_row).transpose()
    }
}

const FOLLOWUP_COLUMNS: &str = "f.id AS f_id, f.contact_id AS f_contact_id, f.reason AS f_reason, \
    f.detail AS f_detail, f.created_at AS f_created_at, f.closed_at AS f_closed_at, \
    f.closed_by AS f_closed_by, f.note AS f_note";

impl Surveys<'_> {
    /// Stores one answer in the caller's transaction; an answer to a question already answered
    /// for this contact is [`StoreError::Duplicate`] and changes nothing.
    pub async fn insert_answer_in(
        tx: &mut Transaction,
        contact: ContactId,
        answer: &NewAnswer,
        now: Timestamp,
    ) -> Result<i64, StoreError> {
        sqlx::query_scalar(
            "INSERT INTO survey_answers \
             (contact_id, question, kind, value, service_kind, answered_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(contact.get())
        .bind(&answer.question)
        .bind(answer.value.kind_code())
        .bind(answer.value.stored())
        .bind(answer.service_kind.code())
        .bind(stamp(now))
        .fetch_one(&mut **tx)
        .await
        .map_err(|e| map_unique(e, "survey answer", "question"))
    }

    /// The contact's answers, in the order given.
    pub async fn answers(&self, contact: ContactId) -> Result<Vec<SurveyAnswer>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, contact_id, question, kind, value, service_kind, answered_at \
             FROM survey_answers WHERE contact_id = $1 ORDER BY id",
        )
        .bind(contact.get())
        .fetch_all(self.pool)
        .await?;
        rows.iter().map(answer_from_row).collect()
    }

    /// Opens a follow-up for the contact in the caller's transaction, unless one for the same
    /// reason exists already (open or closed): `None` then.
    pub async fn open_followup_in(
        tx: &mut Transaction,
        contact: ContactId,
        reason: FollowupReason,
        detail: &str,
        now: Timestamp,
    ) -> Result<Option<i64>, StoreError> {
        Ok(sqlx::query_scalar(
            "INSERT INTO survey_followups (contact_id, reason, detail, created_at) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (contact_id, reason) DO NOTHING RETURNING id",
        )
        .bind(contact.get())
        .bind(reason.code())
        .bind(detail)
        .bind(stamp(now))
        .fetch_optional(&mut **tx)
        .await?)
    }

    pub async fn followup(&self, id: i64) -> Result<Option<(Followup, Contact)>, StoreError> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {FOLLOWUP_COLUMNS}, {CONTACT_COLUMNS} FROM survey_followups f \
             JOIN contacts c ON c.id = f.contact_id WHERE f.id = $1"
        )))
        .bind(id)
        .fetch_optional(self.pool)
        .await?;
        row.as_ref().map(followup_and_contact).transpose()
    }

    /// The contact's follow-ups, oldest first.
    pub async fn followups_for(&self, contact: ContactId) -> Result<Vec<Followup>, StoreError> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {FOLLOWUP_COLUMNS} FROM survey_followups f WHERE f.contact_id = $1 \
             ORDER BY f.id"
        )))
        .bind(contact.get())
        .fetch_all(self.pool)
        .await?;
        rows.iter().map(followup_from_row).collect()
    }

    /// Open follow-ups with their contacts, oldest first, `limit` at most.
    pub async fn open_followups(&self, limit: i64) -> Result<Vec<(Followup, Contact)>, StoreError> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {FOLLOWUP_COLUMNS}, {CONTACT_COLUMNS} FROM survey_followups f \
             JOIN contacts c ON c.id = f.contact_id WHERE f.status = 'open' \
             ORDER BY f.created_at, f.id LIMIT $1"
        )))
        .bind(limit)
        .fetch_all(self.pool)
        .await?;
        rows.iter().map(followup_and_contact).collect()
    }

    /// Closes an open follow-up in the caller's transaction; false if it is unknown or closed.
    pub async fn close_followup_in(
        tx: &mut Transaction,
        id: i64,
        closed_by: &str,
        note: &str,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE survey_followups SET status = 'closed', closed_at = $1, closed_by = $2, \
             note = $3 WHERE id = $4 AND status = 'open'",
        )
        .bind(stamp(now))
        .bind(closed_by)
        .bind(note)
        .bind(id)
        .execute(&mut **tx)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Answer totals per service kind for answers given in `[from, to)`; a score counts as low
    /// when it is at most `low_threshold`. Kinds without answers are absent.
    pub async fn totals(
        &self,
        from: Timestamp,
        to: Timestamp,
        low_threshold: u8,
    ) -> Result<Vec<KindTotals>, StoreError> {
        let rows = sqlx::query(
            "SELECT service_kind, COUNT(DISTINCT contact_id) AS contacts, \
               SUM(CASE WHEN kind = 'score-1-5' THEN 1 ELSE 0 END) AS scores, \
               SUM(CASE WHEN kind = 'score-1-5' THEN value ELSE 0 END) AS score_sum, \
               SUM(CASE WHEN kind = 'score-1-5' AND value <= $3 THEN 1 ELSE 0 END) AS low_scores, \
               SUM(CASE WHEN kind = 'yes-no' AND value = 1 THEN 1 ELSE 0 END) AS yes, \
               SUM(CASE WHEN kind = 'yes-no' AND value = 0 THEN 1 ELSE 0 END) AS no \
             FROM survey_answers WHERE answered_at >= $1 AND answered_at < $2 \
             GROUP BY service_kind ORDER BY service_kind",
        )
        .bind(stamp(from))
        .bind(stamp(to))
        .bind(i64::from(low_threshold))
        .fetch_all(self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let kind: String = row.try_get("service_kind")?;
                Ok(KindTotals {
                    service_kind: ServiceKind::parse(&kind)
                        .ok_or_else(|| corrupt("survey answer", &kind, "service kind"))?,
                    contacts: row.try_get("contacts")?,
                    scores: row.try_get("scores")?,
                    score_sum: row.try_get("score_sum")?,
                    low_scores: row.try_get("low_scores")?,
                    yes: row.try_get("yes")?,
                    no: row.try_get("no")?,
                })
            })
            .collect()
    }
}

fn contact_from_row(row: &SqliteRow) -> Result<Contact, StoreError> {
    let id: i64 = row.try_get("c_id")?;
    let bad = |what: &str, e: &dyn fmt::Display| corrupt("contact", id, format!("{what}: {e}"));
    let channel: String = row.try_get("c_channel")?;
    let language: String = row.try_get("c_language")?;
    let tax_code: Option<String> = row.try_get("c_tax_code")?;
    let service_kind: Option<String> = row.try_get("c_service_kind")?;
    let started_at: String = row.try_get("c_started_at")?;
    let ended_at: Option<String> = row.try_get("c_ended_at")?;
    Ok(Contact {
        id: ContactId::new(id).map_err(|e| bad("id", &e))?,
        contact: NewContact {
            channel: ContactChannel::parse(&channel).ok_or_else(|| bad("channel", &channel))?,
            entry_number: row.try_get("c_entry_number")?,
            language: language
                .parse::<Language>()
                .map_err(|e| bad("language", &e))?,
            tax_code: tax_code
                .map(|t| TaxCode::parse(&t))
                .transpose()
                .map_err(|e| bad("tax code", &e))?,
        },
        service_kind: service_kind
            .map(|k| ServiceKind::parse(&k).ok_or_else(|| bad("service kind", &k)))
            .transpose()?,
        started_at: started_at.parse().map_err(|e| bad("started_at", &e))?,
        ended_at: ended_at
            .map(|t| t.parse::<Timestamp>())
            .transpose()
            .map_err(|e| bad("ended_at", &e))?,
    })
}

fn answer_from_row(row: &SqliteRow) -> Result<SurveyAnswer, StoreError> {
    let id: i64 = row.try_get("id")?;
    let bad =
        |what: &str, e: &dyn fmt::Display| corrupt("survey answer", id, format!("{what}: {e}"));
    let contact: i64 = row.try_get("contact_id")?;
    let kind: String = row.try_get("kind")?;
    let value: i64 = row.try_get("value")?;
    let value = match (kind.as_str(), value) {
        ("score-1-5", 1..=5) => {
            AnswerValue::Score(u8::try_from(value).map_err(|e| bad("value", &e))?)
        }
        ("yes-no", 0) => AnswerValue::YesNo(false),
        ("yes-no", 1) => AnswerValue::YesNo(true),
        _ => return Err(bad("value", &format!("{kind} {value}"))),
    };
    let service_kind: String = row.try_get("service_kind")?;
    let answered_at: String = row.try_get("answered_at")?;
    Ok(SurveyAnswer {
        id,
        contact: ContactId::new(contact).map_err(|e| bad("contact", &e))?,
        answer: NewAnswer {
            question: row.try_get("question")?,
            value,
            service_kind: ServiceKind::parse(&service_kind)
                .ok_or_else(|| bad("service kind", &service_kind))?,
        },
        answered_at: answered_at.parse().map_err(|e| bad("answered_at", &e))?,
    })
}

fn followup_from_row(row: &SqliteRow) -> Result<Followup, StoreError> {
    let id: i64 = row.try_get("f_id")?;
    let bad =
        |what: &str, e: &dyn fmt::Display| corrupt("survey follow-up", id, format!("{what}: {e}"));
    let contact: i64 = row.try_get("f_contact_id")?;
    let reason: String = row.try_get("f_reason")?;
    let created_at: String = row.try_get("f_created_at")?;
    let closed_at: Option<String> = row.try_get("f_closed_at")?;
    let closed_by: Option<String> = row.try_get("f_closed_by")?;
    let closed = match closed_at {
        Some(at) => Some((
            at.parse::<Timestamp>().map_err(|e| bad("closed_at", &e))?,
            closed_by.unwrap_or_default(),
        )),
        None => None,
    };
    Ok(Followup {
        id,
        contact: ContactId::new(contact).map_err(|e| bad("contact", &e))?,
        reason: FollowupReason::parse(&reason).ok_or_else(|| bad("reason", &reason))?,
        detail: row.try_get("f_detail")?,
        created_at: created_at.parse().map_err(|e| bad("created_at", &e))?,
        closed,
        note: row.try_get("f_note")?,
    })
}

fn followup_and_contact(row: &SqliteRow) -> Result<(Followup, Contact), StoreError> {
    Ok((followup_from_row(row)?, contact_from_row(row)?))
}
