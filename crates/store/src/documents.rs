//! Documents sent home (R-SELF-4..7): which letter was generated for whom, where its PDF is,
//! and which postal outbox message carries it.
//!
//! A document row is written in the same transaction as its outbox message and audit event
//! ([`Documents::insert_in`]); the PDF is on disk before that transaction starts, and the service
//! removes it when the transaction fails.

use domain::TaxCode;
use jiff::Timestamp;
use jiff::civil::Date;
use sqlx::Row;
use sqlx::sqlite::{SqlitePool, SqliteRow};

use crate::outbox::sortable;
use crate::{Store, StoreError, Transaction, corrupt, map_unique};

/// What a document is, as stored: the kind and, for the Certificazione Unica, its year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StoredKind {
    PaymentStatement,
    PensionDetails,
    CertificazioneUnica { year: i16 },
    InsuranceRecord,
}

impl StoredKind {
    /// The stable name stored in the `kind` column.
    pub fn code(self) -> &'static str {
        match self {
            StoredKind::PaymentStatement => "payment_statement",
            StoredKind::PensionDetails => "pension_details",
            StoredKind::CertificazioneUnica { .. } => "certificazione_unica",
            StoredKind::InsuranceRecord => "insurance_record",
        }
    }

    pub fn year(self) -> Option<i16> {
        match self {
            StoredKind::CertificazioneUnica { year } => Some(year),
            _ => None,
        }
    }

    fn from_columns(code: &str, year: Option<i64>) -> Option<StoredKind> {
        Some(match (code, year) {
            ("payment_statement", None) => StoredKind::PaymentStatement,
            ("pension_details", None) => StoredKind::PensionDetails,
            ("insurance_record", None) => StoredKind::InsuranceRecord,
            ("certificazione_unica", Some(year)) => StoredKind::CertificazioneUnica {
                year: i16::try_from(year).ok()?,
            },
            _ => return None,
        })
    }
}

/// A document to record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewDocument {
    pub tax_code: TaxCode,
    pub kind: StoredKind,
    /// The protocol printed on the letter; unique.
    pub reference: String,
    pub generated_at: Timestamp,
    pub file_path: String,
    /// Lower-case hex SHA-256 of the file.
    pub sha256: String,
    pub size_bytes: i64,
    pub dispatch_date: Date,
}

/// A stored document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    pub id: i64,
    pub document: NewDocument,
    /// The postal outbox message carrying it (set in the transaction that records it).
    pub outbox_message_id: Option<i64>,
}

/// The documents table.
#[derive(Debug)]
pub struct Documents<'a> {
    pool: &'a SqlitePool,
}

impl Store {
    pub fn documents(&self) -> Documents<'_> {
        Documents { pool: &self.pool }
    }
}

const SELECT: &str = "SELECT id, tax_code, kind, year, reference, generated_at, file_path, \
    sha256, size_bytes, outbox_message_id, dispatch_date FROM documents";

impl Documents<'_> {
    /// Records a document inside the caller's transaction; a reference already used is
    /// [`StoreError::Duplicate`].
    pub async fn insert_in(tx: &mut Transaction, doc: &NewDocument) -> Result<i64, StoreError> {
        sqlx::query_scalar(
            "INSERT INTO documents (tax_code, kind, year, reference, generated_at, file_path, \
             sha256, size_bytes, dispatch_date) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(doc.tax_code.as_str())
        .bind(doc.kind.code())
        .bind(doc.kind.year())
        .bind(&doc.reference)
        .bind(sortable(doc.generated_at))
        .bind(&doc.file_path)
        .bind(&doc.sha256)
        .bind(doc.size_bytes)
        .bind(doc.dispatch_date.to_string())
        .fetch_one(&mut **tx)
        .await
        .map_err(|e| map_unique(e, "document", "reference"))
    }

    /// Links a document to the outbox message that carries it, inside the caller's transaction
    /// (the message names the document in `related`, so it is enqueued after the insert).
    pub async fn attach_message_in(
        tx: &mut Transaction,
        document_id: i64,
        outbox_message_id: i64,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query("UPDATE documents SET outbox_message_id = $1 WHERE id = $2")
            .bind(outbox_message_id)
            .bind(document_id)
            .execute(&mut **tx)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// The newest document of this kind (and year) for the citizen, read inside a transaction
    /// (so a check and the insert that follows it see the same state).
    pub async fn latest_in(
        tx: &mut Transaction,
        tax_code: &TaxCode,
        kind: StoredKind,
    ) -> Result<Option<Document>, StoreError> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{SELECT} WHERE tax_code = $1 AND kind = $2 AND year IS $3 ORDER BY id DESC LIMIT 1"
        )))
        .bind(tax_code.as_str())
        .bind(kind.code())
        .bind(kind.year())
        .fetch_optional(&mut **tx)
        .await?;
        row.as_ref().map(document_from_row).transpose()
    }

    /// The newest document of this kind (and year) for the citizen.
    pub async fn latest(
        &self,
        tax_code: &TaxCode,
        kind: StoredKind,
    ) -> Result<Option<Document>, StoreError> {
        let mut tx = self.pool.begin().await?;
        let found = Documents::latest_in(&mut tx, tax_code, kind).await?;
        tx.commit().await?;
        Ok(found)
    }

    pub async fn by_id(&self, id: i64) -> Result<Option<Document>, StoreError> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!("{SELECT} WHERE id = $1")))
            .bind(id)
            .fetch_optional(self.pool)
            .await?;
        row.as_ref().map(document_from_row).transpose()
    }

    /// The citizen's documents, newest first, `limit` at most.
    pub async fn for_citizen(
        &self,
        tax_code: &TaxCode,
        limit: i64,
    ) -> Result<Vec<Document>, StoreError> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{SELECT} WHERE tax_code = $1 ORDER BY id DESC LIMIT $2"
        )))
        .bind(tax_code.as_str())
        .bind(limit)
        .fetch_all(self.pool)
        .await?;
        rows.iter().map(document_from_row).collect()
    }

    pub async fn count(&self) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM documents")
            .fetch_one(self.pool)
            .await?)
    }
}

fn document_from_row(row: &SqliteRow) -> Result<Document, StoreError> {
    let id: i64 = row.try_get("id")?;
    let bad =
        |what: &str, e: &dyn std::fmt::Display| corrupt("document", id, format!("{what}: {e}"));
    let tax_code: String = row.try_get("tax_code")?;
    let tax_code = TaxCode::parse(&tax_code).map_err(|e| bad("tax code", &e))?;
    let kind: String = row.try_get("kind")?;
    let year: Option<i64> = row.try_get("year")?;
    let kind = StoredKind::from_columns(&kind, year)
        .ok_or_else(|| bad("kind", &format!("{kind:?} year {year:?}")))?;
    let generated_at: String = row.try_get("generated_at")?;
    let generated_at = generated_at
        .parse::<Timestamp>()
        .map_err(|e| bad("generated_at", &e))?;
    let dispatch_date: String = row.try_get("dispatch_date")?;
    let dispatch_date = dispatch_date
        .parse::<Date>()
        .map_err(|e| bad("dispatch_date", &e))?;
    Ok(Document {
        id,
        document: NewDocument {
            tax_code,
            kind,
            reference: row.try_get("reference")?,
            generated_at,
            file_path: row.try_get("file_path")?,
            sha256: row.try_get("sha256")?,
            size_bytes: row.try_get("size_bytes")?,
            dispatch_date,
        },
        outbox_message_id: row.try_get("outbox_message_id")?,
    })
}

/// Appends an audit event inside the caller's transaction (the document, its outbox message and
/// the audit row commit together); see [`crate::Audit::record_in`].
pub async fn audit_in(
    tx: &mut Transaction,
    at: Timestamp,
    event: &crate::NewAuditEvent,
) -> Result<i64, StoreError> {
    crate::Audit::record_in(tx, at, event).await
}

#[cfg(test)]
mod tests;
