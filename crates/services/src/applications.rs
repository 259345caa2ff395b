//! Benefit applications and their status (R-SELF-1, R-SELF-2): the DOMUS and protocol numbers,
//! the benefit catalogue with sector and service group, the status history, and the look-ups
//! the IVR, the portal and agents use.
//!
//! Three ways to find an application:
//! - [`application_status`]: tax code + DOMUS or protocol number (R-SELF-1);
//! - [`applications_of`]: every application of a citizen identified by tax code **and a
//!   verified phone PIN** — this function does not check the PIN, its caller must;
//! - [`ex_inpdap_status`]: first name + surname + date of birth + number, only for
//!   public-administration (ex-INPDAP) applications (R-SELF-2); names are compared tolerantly
//!   ([`fold_name`]).
//!
//! A number that exists but belongs to someone else is [`ApplicationError::NotFound`], exactly
//! like a number that does not exist. Each result carries what the IVR needs to speak: the
//! benefit, the current status (and sub-state), the date of the last change and the office.
//!
//! Writes ([`file_application`], [`change_status`]) run in one transaction with their audit
//! event.

mod catalogue;
pub(crate) mod demo;
mod names;
mod numbers;
#[cfg(test)]
pub(crate) mod tests;

use domain::{OfficeCode, Pii, ServiceGroup, TaxCode};
use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use store::applications::{
    ApplicationRecord, Applications, NewApplication as NewRecord, StatusEntry,
};
use store::{Citizen, NewAuditEvent, Store, StoreError, Transaction};

use crate::{ErrorKind, ServiceFailure};

pub use catalogue::{ApplicationStatus, Benefit, Sector};
pub use demo::seed_demo;
pub use names::{fold_name, names_match};
pub use numbers::{
    ApplicationNumber, ApplicationNumberError, DomusNumber, DomusNumberError, ProtocolNumber,
    ProtocolNumberError,
};

/// One state an application went through.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusChange {
    pub status: ApplicationStatus,
    /// Detail of the state ("sottostato"), possibly empty.
    pub sub_status: String,
    pub at: Timestamp,
}

/// An application as the channels show it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Application {
    pub domus: DomusNumber,
    pub protocol: ProtocolNumber,
    pub benefit: Benefit,
    /// The competent office.
    pub office: OfficeCode,
    /// The office's name, when the office is in the offices table.
    pub office_name: Option<String>,
    pub submitted_on: Date,
    /// The current state (the last of `history`).
    pub current: StatusChange,
    /// Every state, oldest first.
    pub history: Vec<StatusChange>,
}

impl Application {
    pub fn status(&self) -> ApplicationStatus {
        self.current.status
    }

    pub fn sub_status(&self) -> &str {
        &self.current.sub_status
    }

    /// When the status last changed.
    pub fn last_change(&self) -> Timestamp {
        self.current.at
    }

    /// The date of the last change in Italy (what the IVR says).
    pub fn last_change_date(&self) -> Date {
        rome().to_datetime(self.last_change()).date()
    }

    pub fn sector(&self) -> Sector {
        self.benefit.sector()
    }

    pub fn service_group(&self) -> ServiceGroup {
        self.benefit.service_group()
    }
}

/// An application to file.
#[derive(Clone, PartialEq, Eq)]
pub struct NewApplication {
    pub tax_code: TaxCode,
    pub benefit: Benefit,
    /// The competent office; `None` takes the first office of the citizen's province of
    /// residence.
    pub office: Option<OfficeCode>,
}

impl std::fmt::Debug for NewApplication {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewApplication")
            .field("tax_code", &Pii::new(self.tax_code.as_str()))
            .field("benefit", &self.benefit)
            .field("office", &self.office)
            .finish()
    }
}

/// The identity given for an ex-INPDAP look-up (R-SELF-2).
#[derive(Clone, PartialEq, Eq)]
pub struct ExInpdapQuery {
    pub given_name: String,
    pub surname: String,
    pub birth_date: Date,
    pub number: ApplicationNumber,
}

impl std::fmt::Debug for ExInpdapQuery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ExInpdapQuery")
            .field("surname", &Pii::new(&self.surname))
            .field("number", &self.number)
            .finish_non_exhaustive()
    }
}

/// Why an application operation failed.
#[derive(Debug, thiserror::Error)]
pub enum ApplicationError {
    #[error(transparent)]
    InvalidNumber(#[from] ApplicationNumberError),
    #[error("the first name and the surname must both contain letters")]
    MissingName,
    #[error("no citizen with this tax code is known")]
    UnknownCitizen,
    #[error("application not found")]
    NotFound,
    #[error("office {0} does not exist")]
    UnknownOffice(OfficeCode),
    #[error("no residence on file decides the competent office: name the office")]
    NoCompetentOffice,
    #[error("an application that is {from} cannot become {to}")]
    InvalidTransition {
        from: ApplicationStatus,
        to: ApplicationStatus,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl ServiceFailure for ApplicationError {
    fn kind(&self) -> ErrorKind {
        match self {
            ApplicationError::InvalidNumber(_)
            | ApplicationError::MissingName
            | ApplicationError::UnknownOffice(_)
            | ApplicationError::NoCompetentOffice => ErrorKind::InvalidInput,
            ApplicationError::UnknownCitizen | ApplicationError::NotFound => ErrorKind::NotFound,
            ApplicationError::InvalidTransition { .. } => ErrorKind::Conflict,
            ApplicationError::Store(e) => e.kind(),
        }
    }

    fn code(&self) -> &'static str {
        match self {
            ApplicationError::InvalidNumber(_) => "invalid_application_number",
            ApplicationError::MissingName => "missing_name",
            ApplicationError::UnknownCitizen => "unknown_tax_code",
            ApplicationError::NotFound => "application_not_found",
            ApplicationError::UnknownOffice(_) => "unknown_office",
            ApplicationError::NoCompetentOffice => "office_required",
            ApplicationError::InvalidTransition { .. } => "invalid_status_change",
            ApplicationError::Store(e) => e.code(),
        }
    }
}

/// The status of the caller's application with this DOMUS or protocol number (R-SELF-1).
///
/// An unknown tax code is [`ApplicationError::UnknownCitizen`]; a number that does not exist or
/// is not this citizen's is [`ApplicationError::NotFound`].
pub async fn application_status(
    store: &Store,
    tax_code: &TaxCode,
    number: &ApplicationNumber,
) -> Result<Application, ApplicationError> {
    let citizen = citizen(store, tax_code).await?;
    let record = find(store, number)
        .await?
        .filter(|r| r.citizen_id == citizen.id)
        .ok_or(ApplicationError::NotFound)?;
    tracing::debug!(tax_code = %Pii::new(tax_code.as_str()), "application status looked up");
    view(store, record).await
}

/// Every application of the citizen, oldest first (R-SELF-1 with the phone PIN).
///
/// **The caller must have verified the citizen's phone PIN** (or an equivalent identification)
/// before calling: the tax code alone is not proof of identity. An unknown tax code is
/// [`ApplicationError::UnknownCitizen`]; a citizen without applications gets an empty list.
pub async fn applications_of(
    store: &Store,
    tax_code: &TaxCode,
) -> Result<Vec<Application>, ApplicationError> {
    let citizen = citizen(store, tax_code).await?;
    let records = store.applications().of_citizen(citizen.id).await?;
    let mut applications = Vec::with_capacity(records.len());
    for record in records {
        applications.push(view(store, record).await?);
    }
    Ok(applications)
}

/// The status of a public-administration (ex-INPDAP) application, identified by the applicant's
/// first name, surname and date of birth plus the application's DOMUS or protocol number
/// (R-SELF-2).
///
/// Names are compared with [`names_match`] (case, accents, apostrophes and spaces do not
/// matter). A number that does not exist, that belongs to someone whose names or date of birth
/// differ, or that is a private-sector application is [`ApplicationError::NotFound`].
pub async fn ex_inpdap_status(
    store: &Store,
    query: &ExInpdapQuery,
) -> Result<Application, ApplicationError> {
    if fold_name(&query.given_name).is_empty() || fold_name(&query.surname).is_empty() {
        return Err(ApplicationError::MissingName);
    }
    let record = find(store, &query.number)
        .await?
        .ok_or(ApplicationError::NotFound)?;
    let application = view(store, record.clone()).await?;
    if application.sector() != Sector::PublicAdministration {
        return Err(ApplicationError::NotFound);
    }
    let applicant = store
        .citizens()
        .by_id(record.citizen_id)
        .await?
        .ok_or(ApplicationError::NotFound)?;
    let same_person = names_match(&query.given_name, &applicant.data.given_name)
        && names_match(&query.surname, &applicant.data.surname)
        && query.birth_date == applicant.data.birth_date;
    if !same_person {
        return Err(ApplicationError::NotFound);
    }
    Ok(application)
}

/// Files an application for the citizen: gives it a DOMUS number and a protocol number of the
/// competent office's register, dated today in Italy, in state "received". One transaction with
/// the audit event `application.filed` by `actor`.
pub async fn file_application(
    store: &Store,
    new: &NewApplication,
    actor: &str,
    now: Timestamp,
) -> Result<Application, ApplicationError> {
    let citizen = citizen(store, &new.tax_code).await?;
    let office = match new.office {
        Some(code) => {
            store
                .offices()
                .by_code(code)
                .await?
                .ok_or(ApplicationError::UnknownOffice(code))?
                .code
        }
        None => {
            let province = citizen
                .data
                .address
                .as_ref()
                .map(|a| a.province.as_str())
                .ok_or(ApplicationError::NoCompetentOffice)?;
            store
                .offices()
                .in_province(province)
                .await?
                .first()
                .map(|o| o.code)
                .ok_or(ApplicationError::NoCompetentOffice)?
        }
    };
    let mut tx = store.begin().await?;
    let (domus, protocol) = insert_in(
        &mut tx,
        citizen.id,
        new.benefit,
        office,
        now,
        &[(ApplicationStatus::Received, String::new(), now)],
        now,
    )
    .await?;
    Applications::record_audit_in(
        &mut tx,
        now,
        &NewAuditEvent {
            actor: actor.to_owned(),
            action: "application.filed".into(),
            subject: Some(new.tax_code.as_str().to_owned()),
            detail: format!(
                "domus={domus} protocol={protocol} benefit={}",
                new.benefit.code()
            ),
        },
    )
    .await?;
    tx.commit().await.map_err(StoreError::from)?;
    tracing::info!(
        tax_code = %Pii::new(new.tax_code.as_str()),
        benefit = new.benefit.code(),
        office = %office,
        "application filed"
    );
    application_status(store, &new.tax_code, &ApplicationNumber::Domus(domus)).await
}

/// Moves an application to `status` with the sub-state text `sub_status`, dated `now` (the back
/// office's decision). Allowed moves are [`ApplicationStatus::can_become`]; staying in the same
/// state needs a different sub-state. A concurrent change that got there first makes this one
/// fail with [`ApplicationError::InvalidTransition`]. One transaction with the audit event
/// `application.status_changed` by `actor`.
pub async fn change_status(
    store: &Store,
    number: &ApplicationNumber,
    status: ApplicationStatus,
    sub_status: &str,
    actor: &str,
    now: Timestamp,
) -> Result<Application, ApplicationError> {
    let record = find(store, number)
        .await?
        .ok_or(ApplicationError::NotFound)?;
    let before = view(store, record.clone()).await?;
    let current = &before.current;
    let invalid = ApplicationError::InvalidTransition {
        from: current.status,
        to: status,
    };
    if !current.status.can_become(status)
        || (current.status == status && current.sub_status == sub_status.trim())
    {
        return Err(invalid);
    }
    let current_code = current.status.code();
    let mut tx = store.begin().await?;
    let appended = Applications::append_status_if_in(
        &mut tx,
        record.id,
        current_code,
        &StatusEntry {
            status: status.code().to_owned(),
            sub_status: sub_status.trim().to_owned(),
            changed_at: now,
        },
    )
    .await?;
    if !appended {
        return Err(invalid);
    }
    Applications::record_audit_in(
        &mut tx,
        now,
        &NewAuditEvent {
            actor: actor.to_owned(),
            action: "application.status_changed".into(),
            subject: Some(before.domus.to_string()),
            detail: format!("{current_code} -> {}: {}", status.code(), sub_status.trim()),
        },
    )
    .await?;
    tx.commit().await.map_err(StoreError::from)?;
    tracing::info!(domus = %before.domus, to = status.code(), "application status changed");
    let record = find(store, number)
        .await?
        .ok_or(ApplicationError::NotFound)?;
    view(store, record).await
}

/// One step of a status history to store: state, sub-state, instant.
pub(crate) type StatusStep = (ApplicationStatus, String, Timestamp);

/// Allocates the numbers and stores an application with the given history (oldest first,
/// non-empty), inside the caller's transaction; returns its numbers. `submitted_at` dates the
/// protocol number (in Italy).
pub(crate) async fn insert_in(
    tx: &mut Transaction,
    citizen_id: i64,
    benefit: Benefit,
    office: OfficeCode,
    submitted_at: Timestamp,
    history: &[StatusStep],
    now: Timestamp,
) -> Result<(DomusNumber, ProtocolNumber), ApplicationError> {
    let submitted_on = rome().to_datetime(submitted_at).date();
    let domus_sequence = Applications::next_in_series_in(tx, "domus").await?;
    let domus = u64::try_from(domus_sequence)
        .ok()
        .and_then(DomusNumber::from_sequence)
        .ok_or_else(|| series_exhausted("domus", domus_sequence))?;
    let series = format!("protocol:{office}:{}", submitted_on.year());
    let protocol_sequence = Applications::next_in_series_in(tx, &series).await?;
    let protocol = u32::try_from(protocol_sequence)
        .ok()
        .and_then(|s| ProtocolNumber::new(office, submitted_on, s))
        .ok_or_else(|| series_exhausted("protocol register", protocol_sequence))?;
    let entries: Vec<StatusEntry> = history
        .iter()
        .map(|(status, sub_status, at)| StatusEntry {
            status: status.code().to_owned(),
            sub_status: sub_status.clone(),
            changed_at: *at,
        })
        .collect();
    let Some((first, rest)) = entries.split_first() else {
        return Err(ApplicationError::Store(StoreError::Corrupt {
            entity: "application",
            id: domus.to_string(),
            reason: "filed without a status".into(),
        }));
    };
    let id = Applications::insert_in(
        tx,
        &NewRecord {
            citizen_id,
            domus_number: domus.to_string(),
            protocol_number: protocol.to_string(),
            benefit: benefit.code().to_owned(),
            office,
            submitted_on,
        },
        first,
        now,
    )
    .await?;
    for entry in rest {
        Applications::append_status_in(tx, id, entry).await?;
    }
    Ok((domus, protocol))
}

fn series_exhausted(series: &str, value: i64) -> ApplicationError {
    ApplicationError::Store(StoreError::Corrupt {
        entity: "number series",
        id: series.to_owned(),
        reason: format!("value {value} is out of range"),
    })
}

/// Italy's time zone: dates spoken and printed are Italian dates.
pub(crate) fn rome() -> TimeZone {
    // The tz database is bundled (jiff's `tzdb-bundle-always`), so the zone is always there.
    TimeZone::get("Europe/Rome").unwrap_or(TimeZone::UTC)
}

async fn citizen(store: &Store, tax_code: &TaxCode) -> Result<Citizen, ApplicationError> {
    store
        .citizens()
        .by_tax_code(tax_code)
        .await?
        .ok_or(ApplicationError::UnknownCitizen)
}

async fn find(
    store: &Store,
    number: &ApplicationNumber,
) -> Result<Option<ApplicationRecord>, ApplicationError> {
    Ok(match number {
        ApplicationNumber::Domus(n) => store.applications().by_domus(n.as_str()).await?,
        ApplicationNumber::Protocol(n) => store.applications().by_protocol(&n.to_string()).await?,
    })
}

/// Parses a stored application into what the channels show, with its office's name.
async fn view(store: &Store, record: ApplicationRecord) -> Result<Application, ApplicationError> {
    let id = record.id;
    let bad = |reason: String| {
        ApplicationError::Store(StoreError::Corrupt {
            entity: "application",
            id: id.to_string(),
            reason,
        })
    };
    let domus =
        DomusNumber::parse(&record.domus_number).map_err(|e| bad(format!("DOMUS number: {e}")))?;
    let protocol = ProtocolNumber::parse(&record.protocol_number)
        .map_err(|e| bad(format!("protocol number: {e}")))?;
    let benefit = Benefit::from_code(&record.benefit)
        .ok_or_else(|| bad(format!("benefit {:?}", record.benefit)))?;
    let history = record
        .history
        .into_iter()
        .map(|entry| {
            Ok(StatusChange {
                status: ApplicationStatus::from_code(&entry.status)
                    .ok_or_else(|| bad(format!("status {:?}", entry.status)))?,
                sub_status: entry.sub_status,
                at: entry.changed_at,
            })
        })
        .collect::<Result<Vec<_>, ApplicationError>>()?;
    let current = history
        .last()
        .cloned()
        .ok_or_else(|| bad("no status history".into()))?;
    let office_name = store
        .offices()
        .by_code(record.office)
        .await?
        .map(|o| o.name);
    Ok(Application {
        domus,
        protocol,
        benefit,
        office: record.office,
        office_name,
        submitted_on: record.submitted_on,
        current,
        history,
    })
}
