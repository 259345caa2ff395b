//! Documents sent home (R-SELF-4..7): a citizen asks (by phone, portal or agent) for the payment
//! statement, the pension payment details, the Certificazione Unica or the insurance record; the
//! letter is rendered to PDF, stored, and put into the postal outbox addressed to the citizen's
//! home.
//!
//! Contract of [`request_document`]: it refuses, with a reason the IVR can speak
//! ([`DocumentError::reason_it`]), when the citizen has no address on file (`no_address`) or the
//! same document (kind, and year for the CU) was requested within the policy's number of days
//! (`sent_recently`, with the dates). Otherwise the PDF is written under the documents directory
//! (temporary file, then rename: never a half-written PDF under its final name), and one
//! transaction records the document, its `postal` outbox message (recipient = the address block,
//! attachment = the file, related = `document:ID`) and the audit event. If that transaction fails
//! the file is removed again. The caller is told the dispatch date: the first working day after
//! the request (Europe/Rome).
//!
//! Building the letter's content (the data as tables) belongs to the service that owns the data;
//! whether the CU service is open (the `cu-campaign` calendar) is checked by the caller too.

use std::path::{Path, PathBuf};

use domain::{Pii, TaxCode};
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use store::documents::{Documents, NewDocument, StoredKind, audit_in};
use store::outbox::{NewMessage, Outbox, OutboxChannel, sortable};
use store::{NewAuditEvent, Store, StoreError};

use crate::letters::{LetterContent, LetterFrame, Recipient, format_date, render_pdf};
use crate::{ErrorKind, ServiceFailure};

/// Which document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DocumentKind {
    /// Payments of the last 12 months (R-SELF-4).
    PaymentStatement,
    /// Monthly pension payment details (R-SELF-5).
    PensionDetails,
    /// The Certificazione Unica of a year (R-SELF-6).
    CertificazioneUnica { year: i16 },
    /// The insurance record, by fund and period (R-SELF-7).
    InsuranceRecord,
}

impl DocumentKind {
    /// The stable name, as stored and as the API spells it.
    pub fn code(self) -> &'static str {
        self.stored().code()
    }

    /// Parses the stable name; the CU needs its year.
    pub fn parse(code: &str, year: Option<i16>) -> Option<DocumentKind> {
        Some(match (code, year) {
            ("payment_statement", _) => DocumentKind::PaymentStatement,
            ("pension_details", _) => DocumentKind::PensionDetails,
            ("insurance_record", _) => DocumentKind::InsuranceRecord,
            ("certificazione_unica", Some(year)) => DocumentKind::CertificazioneUnica { year },
            _ => return None,
        })
    }

    /// What the document is called, in Italian (for prompts and the outbox message).
    pub fn name_it(self) -> String {
        match self {
            DocumentKind::PaymentStatement => "prospetto dei pagamenti".to_owned(),
            DocumentKind::PensionDetails => "dettaglio dei pagamenti della pensione".to_owned(),
            DocumentKind::CertificazioneUnica { year } => format!("Certificazione Unica {year}"),
            DocumentKind::InsuranceRecord => "estratto conto contributivo".to_owned(),
        }
    }

    fn stored(self) -> StoredKind {
        match self {
            DocumentKind::PaymentStatement => StoredKind::PaymentStatement,
            DocumentKind::PensionDetails => StoredKind::PensionDetails,
            DocumentKind::CertificazioneUnica { year } => StoredKind::CertificazioneUnica { year },
            DocumentKind::InsuranceRecord => StoredKind::InsuranceRecord,
        }
    }

    /// The short code in the letter's protocol.
    fn protocol_code(self) -> &'static str {
        match self {
            DocumentKind::PaymentStatement => "PAG",
            DocumentKind::PensionDetails => "PEN",
            DocumentKind::CertificazioneUnica { .. } => "CU",
            DocumentKind::InsuranceRecord => "ECI",
        }
    }
}

/// How often the same document may be sent (the profile's `[documents]` section).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DispatchPolicy {
    /// A request for a document sent fewer than this many days ago is refused; 0 never refuses.
    pub resend_after_days: u32,
}

impl Default for DispatchPolicy {
    fn default() -> Self {
        DispatchPolicy {
            resend_after_days: 30,
        }
    }
}

/// A document on its way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dispatch {
    pub document_id: i64,
    /// The protocol printed on the letter.
    pub reference: String,
    /// The working day the letter is posted: tell the caller.
    pub dispatch_date: Date,
    pub outbox_message_id: i64,
    pub file_path: PathBuf,
    pub sha256: String,
    pub size_bytes: u64,
}

/// Why a document was not sent.
#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    #[error("citizen not found")]
    CitizenNotFound,
    #[error("the citizen has no home address on file")]
    NoAddress,
    #[error(
        "the same document was requested on {requested_on} (posted {dispatch_date}); it can be \
         requested again from {again_from}"
    )]
    SentRecently {
        requested_on: Date,
        dispatch_date: Date,
        again_from: Date,
    },
    #[error("no Certificazione Unica for year {0}")]
    InvalidYear(i16),
    #[error("cannot write the document {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl ServiceFailure for DocumentError {
    fn kind(&self) -> ErrorKind {
        match self {
            DocumentError::CitizenNotFound => ErrorKind::NotFound,
            DocumentError::NoAddress | DocumentError::SentRecently { .. } => ErrorKind::Conflict,
            DocumentError::InvalidYear(_) => ErrorKind::InvalidInput,
            DocumentError::Write { .. } => ErrorKind::Internal,
            DocumentError::Store(e) => e.kind(),
        }
    }

    fn code(&self) -> &'static str {
        match self {
            DocumentError::CitizenNotFound => "citizen_not_found",
            DocumentError::NoAddress => "no_address",
            DocumentError::SentRecently { .. } => "sent_recently",
            DocumentError::InvalidYear(_) => "invalid_year",
            DocumentError::Write { .. } => "document_write_failed",
            DocumentError::Store(e) => e.code(),
        }
    }
}

impl DocumentError {
    /// The reason in Italian, as the IVR speaks it or the portal shows it.
    pub fn reason_it(&self) -> String {
        match self {
            DocumentError::CitizenNotFound => {
                "Non abbiamo trovato la sua posizione: verifichi il codice fiscale.".to_owned()
            }
            DocumentError::NoAddress => "Non risulta un indirizzo di residenza: non possiamo \
                 spedire il documento. Può aggiornarlo presso una sede INPS o con un operatore."
                .to_owned(),
            DocumentError::SentRecently {
                requested_on,
                dispatch_date,
                again_from,
            } => format!(
                "Lo stesso documento è stato richiesto il {} e spedito il {}. Potrà richiederlo \
                 di nuovo dal {}.",
                format_date(*requested_on),
                format_date(*dispatch_date),
                format_date(*again_from)
            ),
            DocumentError::InvalidYear(year) => {
                format!("Non è disponibile la Certificazione Unica dell'anno {year}.")
            }
            DocumentError::Write { .. } | DocumentError::Store(_) => {
                "Il servizio non è al momento disponibile: riprovi più tardi.".to_owned()
            }
        }
    }
}

/// The institute's head office: the sender when the citizen's province has no office on file.
const HEAD_OFFICE: &str = "Direzione generale · Via Ciro il Grande 21 · 00144 Roma";
const HEAD_OFFICE_PLACE: &str = "Roma";

fn rome() -> TimeZone {
    TimeZone::get("Europe/Rome").unwrap_or(TimeZone::UTC)
}

/// The working day a letter requested at `now` is posted: the first working day after the
/// request's date in Rome.
pub fn dispatch_date(now: Timestamp) -> Date {
    let today = now.to_zoned_datetime(rome()).date();
    calendar::next_working_day(today.tomorrow().unwrap_or(today))
}

/// Generates, stores and enqueues a document for the citizen; see the module docs.
///
/// `actor` is who asked (`ivr`, `portal`, `agent:<id>`), for the audit trail.
#[allow(clippy::too_many_arguments)]
pub async fn request_document(
    store: &Store,
    docs_dir: &Path,
    tax_code: &TaxCode,
    kind: DocumentKind,
    content: LetterContent,
    policy: &DispatchPolicy,
    actor: &str,
    now: Timestamp,
) -> Result<Dispatch, DocumentError> {
    let zone = rome();
    let today = now.to_zoned_datetime(zone.clone()).date();
    if let DocumentKind::CertificazioneUnica { year } = kind
        && !(1990..=today.year()).contains(&year)
    {
        return Err(DocumentError::InvalidYear(year));
    }
    let citizen = store
        .citizens()
        .by_tax_code(tax_code)
        .await?
        .ok_or(DocumentError::CitizenNotFound)?;
    let recipient = Recipient::from_citizen(&citizen.data).ok_or(DocumentError::NoAddress)?;

    let latest = store.documents().latest(tax_code, kind.stored()).await?;
    check_recent(latest.as_ref(), policy, now, &zone)?;

    let province = citizen
        .data
        .address
        .as_ref()
        .map(|a| a.province.clone())
        .unwrap_or_default();
    let (sender_office, place) = match store.offices().in_province(&province).await?.first() {
        Some(office) => (
            format!(
                "{} · {} · {} {}",
                office.name, office.street, office.postcode, office.city
            ),
            office.city.clone(),
        ),
        None => (HEAD_OFFICE.to_owned(), HEAD_OFFICE_PLACE.to_owned()),
    };

    let dispatch_date = dispatch_date(now);
    let reference = reference(tax_code, kind, now, today);
    let frame = LetterFrame {
        sender_office,
        recipient: recipient.clone(),
        place,
        date: today,
        reference: reference.clone(),
        tax_code: Some(tax_code.as_str().to_owned()),
    };
    let pdf = render_pdf(&content, &frame);
    let sha256 = hex(&Sha256::digest(&pdf));
    let size_bytes = pdf.len() as u64;
    let dir = docs_dir
        .join(format!("{:04}", today.year()))
        .join(format!("{:02}", today.month()));
    let path = dir.join(format!("{reference}.pdf"));
    if path.exists() {
        // The same request twice at the same instant: never overwrite a recorded letter.
        return Err(StoreError::Duplicate {
            entity: "document",
            key: "reference",
        }
        .into());
    }
    write_atomically(&dir, &path, pdf).await?;

    let recorded = record(
        store,
        RecordArgs {
            tax_code,
            kind,
            content: &content,
            recipient: &recipient,
            reference: &reference,
            path: &path,
            sha256: &sha256,
            size_bytes,
            dispatch_date,
            policy,
            actor,
            now,
            zone: &zone,
        },
    )
    .await;
    match recorded {
        Ok((document_id, outbox_message_id)) => {
            tracing::info!(
                tax_code = %Pii::new(tax_code.as_str()),
                kind = kind.code(),
                document_id,
                %dispatch_date,
                "document queued for posting"
            );
            Ok(Dispatch {
                document_id,
                reference,
                dispatch_date,
                outbox_message_id,
                file_path: path,
                sha256,
                size_bytes,
            })
        }
        Err(e) => {
            // Nothing half-written: the PDF goes with the transaction that did not commit.
            if let Err(remove) = std::fs::remove_file(&path) {
                tracing::warn!(error = %remove, "cannot remove the document of a failed request");
            }
            Err(e)
        }
    }
}

fn check_recent(
    latest: Option<&store::documents::Document>,
    policy: &DispatchPolicy,
    now: Timestamp,
    zone: &TimeZone,
) -> Result<(), DocumentError> {
    let Some(latest) = latest else {
        return Ok(());
    };
    if policy.resend_after_days == 0 {
        return Ok(());
    }
    let window = SignedDuration::from_hours(24 * i64::from(policy.resend_after_days));
    let again_at = latest
        .document
        .generated_at
        .checked_add(window)
        .unwrap_or(Timestamp::MAX);
    if now >= again_at {
        return Ok(());
    }
    Err(DocumentError::SentRecently {
        requested_on: latest
            .document
            .generated_at
            .to_zoned_datetime(zone.clone())
            .date(),
        dispatch_date: latest.document.dispatch_date,
        again_from: again_at.to_zoned_datetime(zone.clone()).date(),
    })
}

struct RecordArgs<'a> {
    tax_code: &'a TaxCode,
    kind: DocumentKind,
    content: &'a LetterContent,
    recipient: &'a Recipient,
    reference: &'a str,
    path: &'a Path,
    sha256: &'a str,
    size_bytes: u64,
    dispatch_date: Date,
    policy: &'a DispatchPolicy,
    actor: &'a str,
    now: Timestamp,
    zone: &'a TimeZone,
}

/// The one transaction: document, outbox message, audit event.
async fn record(store: &Store, a: RecordArgs<'_>) -> Result<(i64, i64), DocumentError> {
    let mut tx = store.begin().await?;
    // Checked again inside the transaction: of two simultaneous requests only one is sent.
    let latest = Documents::latest_in(&mut tx, a.tax_code, a.kind.stored()).await?;
    check_recent(latest.as_ref(), a.policy, a.now, a.zone)?;
    let path_text = a.path.to_string_lossy().into_owned();
    let document_id = Documents::insert_in(
        &mut tx,
        &NewDocument {
            tax_code: a.tax_code.clone(),
            kind: a.kind.stored(),
            reference: a.reference.to_owned(),
            generated_at: a.now,
            file_path: path_text.clone(),
            sha256: a.sha256.to_owned(),
            size_bytes: i64::try_from(a.size_bytes).unwrap_or(i64::MAX),
            dispatch_date: a.dispatch_date,
        },
    )
    .await?;
    let message_id = Outbox::enqueue_in(
        &mut tx,
        &NewMessage {
            channel: OutboxChannel::Postal,
            recipient: a.recipient.address_block(),
            subject: a.content.title.clone(),
            body: format!(
                "Lettera {} ({}), da spedire il {}.",
                a.reference,
                a.kind.name_it(),
                format_date(a.dispatch_date)
            ),
            attachment: Some(path_text),
            related: Some(format!("document:{document_id}")),
        },
        a.now,
    )
    .await?;
    Documents::attach_message_in(&mut tx, document_id, message_id).await?;
    audit_in(
        &mut tx,
        a.now,
        &NewAuditEvent {
            actor: a.actor.to_owned(),
            action: "document.requested".to_owned(),
            subject: Some(a.tax_code.as_str().to_owned()),
            detail: format!(
                "document {document_id} {} reference {} dispatch {} outbox {message_id}",
                a.kind.code(),
                a.reference,
                a.dispatch_date
            ),
        },
    )
    .await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok((document_id, message_id))
}

/// `INPS.<kind>.<yyyymmdd>.<8 hex>`: the hex digits come from the tax code, kind and instant, so
/// two requests differ (and the column is unique in any case).
fn reference(tax_code: &TaxCode, kind: DocumentKind, now: Timestamp, today: Date) -> String {
    let mut hasher = Sha256::new();
    hasher.update(tax_code.as_str().as_bytes());
    hasher.update(kind.code().as_bytes());
    if let Some(year) = kind.stored().year() {
        hasher.update(year.to_be_bytes());
    }
    hasher.update(sortable(now).as_bytes());
    let digest = hex(&hasher.finalize());
    format!(
        "INPS.{}.{:04}{:02}{:02}.{}",
        kind.protocol_code(),
        today.year(),
        today.month(),
        today.day(),
        digest.get(..8).unwrap_or(&digest).to_uppercase()
    )
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Writes `bytes` to `path` through a temporary file in the same directory and a rename, so the
/// final name never holds a partial file.
async fn write_atomically(dir: &Path, path: &Path, bytes: Vec<u8>) -> Result<(), DocumentError> {
    let dir = dir.to_owned();
    let path = path.to_owned();
    let result_path = path.clone();
    tokio::task::spawn_blocking(move || crate::outbox::write_file_atomically(&dir, &path, &bytes))
        .await
        .map_err(|e| DocumentError::Write {
            path: result_path.clone(),
            source: std::io::Error::other(e.to_string()),
        })?
        .map_err(|source| DocumentError::Write {
            path: result_path,
            source,
        })
}

#[cfg(test)]
mod tests;
