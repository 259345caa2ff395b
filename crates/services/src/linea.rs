//! INPS Linea requests (R-ROUTE-3, R-SELF-8, R-CHAN-6, R-NOTIF-1): an agent (during a call) or
//! the citizen (online) writes a request; it goes to the competent territorial office, which
//! takes it in charge, may ask the citizen for something, answers and closes it; the citizen can
//! reopen it. This module owns the rules: the competent office, the SLA due date, which status
//! may follow which and who may move it, and the IO-app notification of every status change.
//!
//! # Statuses
//!
//! | from | may become |
//! | --- | --- |
//! | received | taken_in_charge |
//! | taken_in_charge | waiting_for_citizen, answered |
//! | waiting_for_citizen | taken_in_charge, answered, closed (the citizen never answered) |
//! | answered | closed, reopened |
//! | closed | reopened |
//! | reopened | taken_in_charge |
//!
//! (the table is [`allowed_next`]). The office moves a request along any allowed transition;
//! the citizen (or an agent on the citizen's behalf) may only close an answered request or reopen
//! an answered or closed one. A citizen's message on a request waiting for them moves it back to
//! `taken_in_charge`. A wrong transition is [`LineaError::InvalidTransition`] (a conflict).
//!
//! # SLA
//!
//! The office must answer by the SLA due date, counted from the day the request is received (or
//! reopened) in the configured zone: by default 30 calendar days, moved to the next working day
//! when it falls on a Saturday, Sunday or national holiday (the deadline rule of DOMAIN §2.5);
//! or, configured so, N working days ([`calendar::is_working_day`]) after that day.
//!
//! # Notifications
//!
//! Every status change (the first, `received`, included) of a citizen who opted in to IO-app
//! notifications enqueues an `io` outbox message in the transaction that records the change.

use std::collections::BTreeMap;
use std::fmt;

use calendar::{is_working_day, next_working_day};
use domain::{OfficeCode, Pii, ServiceGroup, TaxCode};
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};
use store::linea::{LineaRequests, NewLineaRequest, record_audit_in};
use store::outbox::{NewMessage, Outbox, OutboxChannel};
use store::{NewAuditEvent, Office, Store, StoreError};

use crate::{ErrorKind, ServiceFailure};

pub use store::linea::{
    LineaIdError, LineaMessage, LineaOrigin, LineaRequest, LineaRequestId, LineaStatus,
    MessageAuthor, StatusChange,
};

/// Longest topic, in characters.
pub const MAX_TOPIC_CHARS: usize = 120;
/// Longest description or message, in characters.
pub const MAX_TEXT_CHARS: usize = 4000;
/// Longest note on a status change, in characters.
pub const MAX_NOTE_CHARS: usize = 1000;

/// How the SLA due date is counted from the day a request is received or reopened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SlaRule {
    /// This many calendar days later, moved to the next working day if it is not one.
    CalendarDays(u16),
    /// The N-th working day after (Saturdays, Sundays and national holidays do not count).
    WorkingDays(u16),
}

impl SlaRule {
    /// The due date for a request received (or reopened) on `day`.
    pub fn due_date(self, day: Date) -> Date {
        match self {
            SlaRule::CalendarDays(days) => {
                next_working_day(day.checked_add(i64::from(days).days()).unwrap_or(day))
            }
            SlaRule::WorkingDays(days) => {
                let mut due = day;
                let mut counted = 0;
                while counted < days {
                    match due.tomorrow() {
                        Ok(next) => due = next,
                        Err(_) => break,
                    }
                    if is_working_day(due) {
                        counted += 1;
                    }
                }
                due
            }
        }
    }
}

/// How INPS Linea requests are handled.
#[derive(Clone, Debug)]
pub struct LineaConfig {
    pub sla: SlaRule,
    /// The zone whose calendar day starts the SLA and gives a request id its year.
    pub zone: TimeZone,
}

impl Default for LineaConfig {
    /// 30 calendar days (next working day), Europe/Rome. (jiff's time-zone database is bundled,
    /// so the zone is always found; UTC would be the fallback.)
    fn default() -> Self {
        LineaConfig {
            sla: SlaRule::CalendarDays(30),
            zone: TimeZone::get("Europe/Rome").unwrap_or(TimeZone::UTC),
        }
    }
}

impl LineaConfig {
    fn today(&self, now: Timestamp) -> Date {
        now.to_zoned_datetime(self.zone.clone()).date()
    }
}

/// Who acts on a request.
#[derive(Clone, PartialEq, Eq)]
pub enum LineaActor {
    /// A contact-center agent, on the identified caller's behalf.
    Agent { agent_id: String },
    /// A case worker of an office; acts only on that office's requests.
    Office { office: OfficeCode, user: String },
    /// The citizen; acts only on their own requests.
    Citizen { tax_code: TaxCode },
    /// An automated job (e.g. closing requests nobody answered).
    System,
}

impl LineaActor {
    /// The form stored in histories and the audit trail.
    fn label(&self) -> String {
        match self {
            LineaActor::Agent { agent_id } => format!("agent:{agent_id}"),
            LineaActor::Office { office, user } => format!("office:{office}/{user}"),
            LineaActor::Citizen { .. } => "citizen".to_owned(),
            LineaActor::System => "system".to_owned(),
        }
    }

    /// Whether the actor speaks for the citizen (and so may only close or reopen).
    fn is_citizen_side(&self) -> bool {
        matches!(self, LineaActor::Agent { .. } | LineaActor::Citizen { .. })
    }
}

impl fmt::Debug for LineaActor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LineaActor::Citizen { tax_code } => {
                write!(f, "Citizen({})", Pii::new(tax_code.as_str()))
            }
            other => f.write_str(&other.label()),
        }
    }
}

/// A request to create.
#[derive(Clone, PartialEq, Eq)]
pub struct NewRequest {
    pub tax_code: TaxCode,
    /// An agent during a call, or the citizen online.
    pub origin: LineaOrigin,
    pub service_group: ServiceGroup,
    /// A short subject, up to [`MAX_TOPIC_CHARS`].
    pub topic: String,
    /// What the citizen needs, up to [`MAX_TEXT_CHARS`].
    pub description: String,
    /// The office chosen explicitly; `None` for the competent office by residence.
    pub office: Option<OfficeCode>,
}

impl fmt::Debug for NewRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewRequest")
            .field("tax_code", &Pii::new(self.tax_code.as_str()))
            .field("service_group", &self.service_group)
            .field("office", &self.office)
            .finish_non_exhaustive()
    }
}

/// What went wrong with an INPS Linea operation.
#[derive(Debug, thiserror::Error)]
pub enum LineaError {
    #[error(transparent)]
    InvalidId(#[from] LineaIdError),
    #[error("{field}: {reason}")]
    InvalidText { field: &'static str, reason: String },
    #[error("no citizen with this tax code")]
    CitizenNotFound,
    #[error("request not found")]
    NotFound,
    #[error("no office with code {0}")]
    OfficeNotFound(OfficeCode),
    #[error("no office serves {}: choose the office explicitly", match .province {
        Some(p) => format!("province {p}"),
        None => "a citizen with no address on file".to_owned(),
    })]
    NoCompetentOffice { province: Option<String> },
    #[error("request {id} is {from}: it cannot become {to} (allowed next: {})", allowed_list(*.from))]
    InvalidTransition {
        id: LineaRequestId,
        from: LineaStatus,
        to: LineaStatus,
    },
    #[error(
        "only the office can move a request to {to}; the citizen may close an answered request or reopen it"
    )]
    NotAllowed { to: LineaStatus },
    #[error("request {0} was changed meanwhile: read it again")]
    Changed(LineaRequestId),
    #[error("request {0} is closed: reopen it to write")]
    Closed(LineaRequestId),
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn allowed_list(from: LineaStatus) -> String {
    let next = allowed_next(from);
    if next.is_empty() {
        return "none".to_owned();
    }
    next.iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

impl ServiceFailure for LineaError {
    fn kind(&self) -> ErrorKind {
        match self {
            LineaError::InvalidId(_)
            | LineaError::InvalidText { .. }
            | LineaError::NoCompetentOffice { .. } => ErrorKind::InvalidInput,
            LineaError::CitizenNotFound | LineaError::NotFound | LineaError::OfficeNotFound(_) => {
                ErrorKind::NotFound
            }
            LineaError::InvalidTransition { .. }
            | LineaError::NotAllowed { .. }
            | LineaError::Changed(_)
            | LineaError::Closed(_) => ErrorKind::Conflict,
            LineaError::Store(e) => e.kind(),
        }
    }

    fn code(&self) -> &'static str {
        match self {
            LineaError::InvalidId(_) => "invalid_request_id",
            LineaError::InvalidText { .. } => "invalid_text",
            LineaError::CitizenNotFound => "citizen_not_found",
            LineaError::NotFound => "request_not_found",
            LineaError::OfficeNotFound(_) => "office_not_found",
            LineaError::NoCompetentOffice { .. } => "no_competent_office",
            LineaError::InvalidTransition { .. } => "invalid_transition",
            LineaError::NotAllowed { .. } => "transition_not_allowed",
            LineaError::Changed(_) => "request_changed",
            LineaError::Closed(_) => "request_closed",
            LineaError::Store(e) => e.code(),
        }
    }
}

/// The statuses a request in status `from` may move to.
pub fn allowed_next(from: LineaStatus) -> &'static [LineaStatus] {
    use LineaStatus::*;
    match from {
        Received => &[TakenInCharge],
        TakenInCharge => &[WaitingForCitizen, Answered],
        WaitingForCitizen => &[TakenInCharge, Answered, Closed],
        Answered => &[Closed, Reopened],
        Closed => &[Reopened],
        Reopened => &[TakenInCharge],
    }
}

/// Parses a request id as typed or spoken (`LI-2026-00000042`).
pub fn parse_request_id(text: &str) -> Result<LineaRequestId, LineaError> {
    Ok(text.parse::<LineaRequestId>()?)
}

/// A request with everything the citizen may see about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestDetail {
    pub request: LineaRequest,
    /// The competent office, when it is still in the offices table.
    pub office: Option<Office>,
    pub history: Vec<StatusChange>,
    pub messages: Vec<LineaMessage>,
}

/// A citizen's requests at one office (R-CHAN-6 lists them by competent office).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OfficeRequests {
    pub office_code: OfficeCode,
    /// `None` when the office has left the offices table.
    pub office: Option<Office>,
    /// Newest first.
    pub requests: Vec<LineaRequest>,
}

/// Creates a request: the office is the one chosen, or the first office (by code) of the
/// citizen's residence province; the SLA due date follows `config`; the request starts as
/// `received`, with its audit event and (if the citizen opted in) an IO notification, all in one
/// transaction.
pub async fn create(
    store: &Store,
    config: &LineaConfig,
    request: &NewRequest,
    now: Timestamp,
) -> Result<LineaRequest, LineaError> {
    let topic = checked_text("topic", &request.topic, MAX_TOPIC_CHARS)?;
    let description = checked_text("description", &request.description, MAX_TEXT_CHARS)?;
    let origin = match &request.origin {
        LineaOrigin::Agent {
            agent_id,
            contact_id,
        } => LineaOrigin::Agent {
            agent_id: checked_text("agent id", agent_id, 64)?,
            contact_id: *contact_id,
        },
        LineaOrigin::Online => LineaOrigin::Online,
    };
    let citizen = store
        .citizens()
        .by_tax_code(&request.tax_code)
        .await?
        .ok_or(LineaError::CitizenNotFound)?;
    let office = match request.office {
        Some(code) => store
            .offices()
            .by_code(code)
            .await?
            .ok_or(LineaError::OfficeNotFound(code))?,
        None => {
            let province = citizen.data.address.as_ref().map(|a| a.province.clone());
            let found = match &province {
                Some(p) => store.offices().in_province(p).await?.into_iter().next(),
                None => None,
            };
            found.ok_or(LineaError::NoCompetentOffice { province })?
        }
    };
    let opted_in = store.citizens().io_opt_in(&request.tax_code).await?;
    let today = config.today(now);
    let actor = match &origin {
        LineaOrigin::Agent { agent_id, .. } => format!("agent:{agent_id}"),
        LineaOrigin::Online => "citizen".to_owned(),
    };
    let new = NewLineaRequest {
        tax_code: request.tax_code.clone(),
        office: office.code,
        origin,
        service_group: request.service_group,
        topic,
        description,
        sla_due: config.sla.due_date(today),
    };

    let mut tx = store.begin().await?;
    let created = LineaRequests::create_in(&mut tx, today.year(), &new, &actor, now).await?;
    record_audit_in(
        &mut tx,
        now,
        &NewAuditEvent {
            actor: actor.clone(),
            action: "linea.created".into(),
            subject: Some(created.tax_code.as_str().to_owned()),
            detail: format!(
                "{} office {} sla {}",
                created.id, created.office, created.sla_due
            ),
        },
    )
    .await?;
    if opted_in {
        Outbox::enqueue_in(&mut tx, &progress_message(&created, Some(&office)), now).await?;
    }
    tx.commit().await.map_err(StoreError::from)?;
    tracing::info!(
        request = %created.id,
        tax_code = %Pii::new(created.tax_code.as_str()),
        office = %created.office,
        "INPS Linea request created"
    );
    Ok(created)
}

/// The citizen's request `id` with its history and messages (R-SELF-8). Someone else's request
/// is [`LineaError::NotFound`], exactly like one that does not exist.
pub async fn find(
    store: &Store,
    tax_code: &TaxCode,
    id: LineaRequestId,
) -> Result<RequestDetail, LineaError> {
    let request = store
        .linea()
        .of_citizen(tax_code, id)
        .await?
        .ok_or(LineaError::NotFound)?;
    detail(store, request).await
}

/// Request `id` as an office sees it: only the competent office's staff find it.
pub async fn find_for_office(
    store: &Store,
    office: OfficeCode,
    id: LineaRequestId,
) -> Result<RequestDetail, LineaError> {
    let request = store
        .linea()
        .by_id(id)
        .await?
        .filter(|r| r.office == office)
        .ok_or(LineaError::NotFound)?;
    detail(store, request).await
}

async fn detail(store: &Store, request: LineaRequest) -> Result<RequestDetail, LineaError> {
    let office = store.offices().by_code(request.office).await?;
    let history = store.linea().history(request.id).await?;
    let messages = store.linea().messages(request.id).await?;
    Ok(RequestDetail {
        request,
        office,
        history,
        messages,
    })
}

/// A citizen's requests grouped by competent office, offices by code, newest request first
/// within an office (R-CHAN-6). Empty for a citizen with none (or an unknown tax code).
pub async fn list_for_citizen(
    store: &Store,
    tax_code: &TaxCode,
) -> Result<Vec<OfficeRequests>, LineaError> {
    let mut groups: BTreeMap<OfficeCode, Vec<LineaRequest>> = BTreeMap::new();
    for request in store.linea().for_citizen(tax_code).await? {
        groups.entry(request.office).or_default().push(request);
    }
    let mut out = Vec::with_capacity(groups.len());
    for (office_code, requests) in groups {
        out.push(OfficeRequests {
            office_code,
            office: store.offices().by_code(office_code).await?,
            requests,
        });
    }
    Ok(out)
}

/// An office's open requests (not answered, not closed), the earliest SLA due date first;
/// `limit` at most.
pub async fn worklist(
    store: &Store,
    office: OfficeCode,
    limit: u32,
) -> Result<Vec<LineaRequest>, LineaError> {
    Ok(store
        .linea()
        .open_for_office(office, i64::from(limit))
        .await?)
}

/// Moves request `id` to status `to`, recording `note` in its history, the audit event and (if
/// the citizen opted in) an IO notification in one transaction. Reopening sets a new SLA due
/// date counted from today.
pub async fn change_status(
    store: &Store,
    config: &LineaConfig,
    id: LineaRequestId,
    to: LineaStatus,
    actor: &LineaActor,
    note: &str,
    now: Timestamp,
) -> Result<LineaRequest, LineaError> {
    let note = if note.trim().is_empty() {
        String::new()
    } else {
        checked_text("note", note, MAX_NOTE_CHARS)?
    };
    let request = visible_to(store, actor, id).await?;
    if !allowed_next(request.status).contains(&to) {
        return Err(LineaError::InvalidTransition {
            id,
            from: request.status,
            to,
        });
    }
    let citizen_may = match to {
        LineaStatus::Closed => request.status == LineaStatus::Answered,
        LineaStatus::Reopened => true,
        _ => false,
    };
    if actor.is_citizen_side() && !citizen_may {
        return Err(LineaError::NotAllowed { to });
    }
    let sla_due = (to == LineaStatus::Reopened).then(|| config.sla.due_date(config.today(now)));
    move_status(store, &request, to, sla_due, &actor.label(), &note, now).await
}

/// Writes the change `request.status → to` with its audit event and notification, in its own
/// transaction.
async fn move_status(
    store: &Store,
    request: &LineaRequest,
    to: LineaStatus,
    sla_due: Option<Date>,
    actor: &str,
    note: &str,
    now: Timestamp,
) -> Result<LineaRequest, LineaError> {
    let notify = Notify::read(store, request).await?;
    let mut tx = store.begin().await?;
    let updated = move_status_in(&mut tx, &notify, request, to, sla_due, actor, note, now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    tracing::info!(request = %request.id, from = %request.status, to = %to, "INPS Linea status changed");
    Ok(updated)
}

/// What a notification needs, read before the transaction starts (so that the transaction's
/// first statement is a write and SQLite queues concurrent writers instead of failing them).
#[derive(Debug)]
struct Notify {
    opted_in: bool,
    office: Option<Office>,
}

impl Notify {
    async fn read(store: &Store, request: &LineaRequest) -> Result<Notify, LineaError> {
        Ok(Notify {
            opted_in: store.citizens().io_opt_in(&request.tax_code).await?,
            office: store.offices().by_code(request.office).await?,
        })
    }
}

/// [`move_status`] inside the caller's transaction.
#[allow(clippy::too_many_arguments)]
async fn move_status_in(
    tx: &mut store::Transaction,
    notify: &Notify,
    request: &LineaRequest,
    to: LineaStatus,
    sla_due: Option<Date>,
    actor: &str,
    note: &str,
    now: Timestamp,
) -> Result<LineaRequest, LineaError> {
    let changed = LineaRequests::set_status_in(
        tx,
        request.id,
        request.status,
        to,
        sla_due,
        actor,
        note,
        now,
    )
    .await?;
    if !changed {
        return Err(LineaError::Changed(request.id));
    }
    let mut updated = request.clone();
    updated.status = to;
    updated.updated_at = now;
    if let Some(due) = sla_due {
        updated.sla_due = due;
    }
    record_audit_in(
        tx,
        now,
        &NewAuditEvent {
            actor: actor.to_owned(),
            action: "linea.status_changed".into(),
            subject: Some(request.tax_code.as_str().to_owned()),
            detail: format!("{} {} -> {}", request.id, request.status, to),
        },
    )
    .await?;
    if notify.opted_in {
        Outbox::enqueue_in(tx, &progress_message(&updated, notify.office.as_ref()), now).await?;
    }
    Ok(updated)
}

/// Adds a message from the office or the citizen (the author follows from `actor`: an agent
/// writes for the citizen; the system cannot write). A closed request takes no messages. A
/// citizen's message on a request waiting for them moves it back to `taken_in_charge`.
pub async fn add_message(
    store: &Store,
    id: LineaRequestId,
    actor: &LineaActor,
    body: &str,
    now: Timestamp,
) -> Result<LineaMessage, LineaError> {
    let body = checked_text("message", body, MAX_TEXT_CHARS)?;
    let author = match actor {
        LineaActor::Office { .. } => MessageAuthor::Office,
        LineaActor::Citizen { .. } | LineaActor::Agent { .. } => MessageAuthor::Citizen,
        LineaActor::System => {
            return Err(LineaError::InvalidText {
                field: "author",
                reason: "only the office or the citizen can write a message".into(),
            });
        }
    };
    let request = visible_to(store, actor, id).await?;
    if request.status == LineaStatus::Closed {
        return Err(LineaError::Closed(id));
    }
    // A citizen's answer to the office's question gives the request back to the office.
    let answers =
        author == MessageAuthor::Citizen && request.status == LineaStatus::WaitingForCitizen;
    let notify = Notify::read(store, &request).await?;
    let mut tx = store.begin().await?;
    let message_id = LineaRequests::add_message_in(&mut tx, id, author, &body, now)
        .await?
        .ok_or(LineaError::NotFound)?;
    record_audit_in(
        &mut tx,
        now,
        &NewAuditEvent {
            actor: actor.label(),
            action: "linea.message_added".into(),
            subject: Some(request.tax_code.as_str().to_owned()),
            detail: format!("{id} message {message_id} by {}", author.as_str()),
        },
    )
    .await?;
    if answers {
        move_status_in(
            &mut tx,
            &notify,
            &request,
            LineaStatus::TakenInCharge,
            None,
            &actor.label(),
            "risposta del cittadino",
            now,
        )
        .await?;
    }
    tx.commit().await.map_err(StoreError::from)?;
    Ok(LineaMessage {
        id: message_id,
        author,
        body,
        at: now,
    })
}

/// The request if `actor` may see it: the citizen their own, an office its own; an agent or the
/// system any. Anything else is [`LineaError::NotFound`].
async fn visible_to(
    store: &Store,
    actor: &LineaActor,
    id: LineaRequestId,
) -> Result<LineaRequest, LineaError> {
    let request = match actor {
        LineaActor::Citizen { tax_code } => store.linea().of_citizen(tax_code, id).await?,
        LineaActor::Office { office, .. } => store
            .linea()
            .by_id(id)
            .await?
            .filter(|r| r.office == *office),
        LineaActor::Agent { .. } | LineaActor::System => store.linea().by_id(id).await?,
    };
    request.ok_or(LineaError::NotFound)
}

fn checked_text(field: &'static str, text: &str, max: usize) -> Result<String, LineaError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(LineaError::InvalidText {
            field,
            reason: "must not be empty".into(),
        });
    }
    let count = trimmed.chars().count();
    if count > max {
        return Err(LineaError::InvalidText {
            field,
            reason: format!("is {count} characters long, at most {max} are allowed"),
        });
    }
    Ok(trimmed.to_owned())
}

/// The Italian name of a status, as the citizen reads it.
pub fn status_label_it(status: LineaStatus) -> &'static str {
    match status {
        LineaStatus::Received => "Ricevuta",
        LineaStatus::TakenInCharge => "Presa in carico",
        LineaStatus::WaitingForCitizen => "In attesa di una tua risposta",
        LineaStatus::Answered => "Risposta inviata",
        LineaStatus::Closed => "Chiusa",
        LineaStatus::Reopened => "Riaperta",
    }
}

/// The Italian name of a service group, for messages to citizens.
pub(crate) fn service_group_it(group: ServiceGroup) -> &'static str {
    match group {
        ServiceGroup::Pensions => "Pensioni",
        ServiceGroup::SocialBenefits => "Prestazioni a sostegno del reddito",
        ServiceGroup::LabourAndEmployment => "Lavoro e occupazione",
        ServiceGroup::ContributionsAndRecords => "Contributi e posizione assicurativa",
        ServiceGroup::CompaniesAndEmployers => "Aziende e datori di lavoro",
        ServiceGroup::Disability => "Invalidità e disabilità",
        ServiceGroup::PaymentsAndStatements => "Pagamenti e certificazioni",
        ServiceGroup::CitizenSupport => "Informazione e supporto ai cittadini",
        ServiceGroup::DigitalServices => "Servizi digitali",
    }
}

/// The IO-app message telling the citizen where their request stands (the public IO API shape:
/// the recipient is the tax code, a subject of 10–120 characters, a Markdown body of at least 80).
fn progress_message(request: &LineaRequest, office: Option<&Office>) -> NewMessage {
    let status = status_label_it(request.status);
    let office_line = match office {
        Some(o) => format!("{} ({}, {} {})", o.name, o.street, o.postcode, o.city),
        None => format!("sede {}", request.office),
    };
    let what_next = match request.status {
        LineaStatus::Received | LineaStatus::Reopened => format!(
            "La sede competente la esaminerà entro il {}.",
            date_it(request.sla_due)
        ),
        LineaStatus::TakenInCharge => format!(
            "Un funzionario se ne sta occupando; la risposta è prevista entro il {}.",
            date_it(request.sla_due)
        ),
        LineaStatus::WaitingForCitizen => {
            "La sede ti ha chiesto informazioni: leggi il messaggio e rispondi su INPS Risponde."
                .to_owned()
        }
        LineaStatus::Answered => {
            "Puoi leggere la risposta su INPS Risponde; se non ti soddisfa puoi riaprire la richiesta."
                .to_owned()
        }
        LineaStatus::Closed => {
            "La richiesta è conclusa. Se serve, puoi riaprirla su INPS Risponde.".to_owned()
        }
    };
    NewMessage {
        channel: OutboxChannel::Io,
        recipient: request.tax_code.as_str().to_owned(),
        subject: format!(
            "Richiesta INPS Linea {}: {}",
            request.id,
            status.to_lowercase()
        ),
        body: format!(
            "La tua richiesta INPS Linea **{}** ({}: {}) è ora nello stato **{}**.\n\n\
             Sede competente: {}.\n\n{}",
            request.id,
            service_group_it(request.service_group),
            request.topic,
            status,
            office_line,
            what_next
        ),
        attachment: None,
        related: Some(format!("linea:{}", request.id)),
    }
}

const MONTHS_IT: [&str; 12] = [
    "gennaio",
    "febbraio",
    "marzo",
    "aprile",
    "maggio",
    "giugno",
    "luglio",
    "agosto",
    "settembre",
    "ottobre",
    "novembre",
    "dicembre",
];

/// `2 marzo 2026`.
pub(crate) fn date_it(date: Date) -> String {
    let month = MONTHS_IT
        .get(usize::from(date.month().unsigned_abs()).saturating_sub(1))
        .copied()
        .unwrap_or("?");
    format!("{} {} {}", date.day(), month, date.year())
}

/// SplitMix64, the demo data's fixed-seed generator (repeatability, not secrecy).
#[derive(Debug)]
pub(crate) struct DemoRng(u64);

impl DemoRng {
    pub(crate) fn new(seed: u64) -> DemoRng {
        DemoRng(seed)
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        (self.next_u64() % n as u64) as usize
    }

    pub(crate) fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// Demo topics: service group, topic, description, the office's question, its answer.
const DEMO_TOPICS: &[(ServiceGroup, &str, &str, &str, &str)] = &[
    (
        ServiceGroup::Pensions,
        "Ricostituzione della pensione",
        "Chiedo il ricalcolo della pensione per contributi non considerati.",
        "Ci invii l'estratto dei periodi lavorati all'estero.",
        "La ricostituzione è stata accolta: il nuovo importo decorre dal mese prossimo.",
    ),
    (
        ServiceGroup::Pensions,
        "Trattenute sul cedolino",
        "Sul cedolino di questo mese c'è una trattenuta che non capisco.",
        "Ci indichi il mese del cedolino a cui si riferisce.",
        "La trattenuta è il conguaglio IRPEF dell'anno precedente.",
    ),
    (
        ServiceGroup::SocialBenefits,
        "NASpI non ancora pagata",
        "Ho presentato domanda di NASpI due mesi fa e non ho ricevuto pagamenti.",
        "Ci invii la lettera di licenziamento firmata.",
        "La domanda è stata accolta; il primo pagamento è in lavorazione.",
    ),
    (
        ServiceGroup::SocialBenefits,
        "Assegno Unico: importo ridotto",
        "L'importo dell'Assegno Unico è diminuito senza motivo.",
        "Ci conferma di aver presentato la nuova DSU ISEE?",
        "L'importo è stato ricalcolato con l'ISEE aggiornato e arretrati.",
    ),
    (
        ServiceGroup::ContributionsAndRecords,
        "Periodi mancanti nell'estratto conto",
        "Nell'estratto conto mancano i contributi del 2012.",
        "Ci invii le buste paga del 2012.",
        "I periodi sono stati accreditati sulla sua posizione assicurativa.",
    ),
    (
        ServiceGroup::Disability,
        "Stato della domanda di invalidità",
        "Vorrei sapere quando sarò chiamato a visita.",
        "Ci indica un recapito telefonico aggiornato?",
        "La visita è fissata: riceverà la convocazione per posta.",
    ),
    (
        ServiceGroup::PaymentsAndStatements,
        "CU non ricevuta",
        "Non trovo la Certificazione Unica di quest'anno.",
        "Ci conferma l'indirizzo di residenza?",
        "La CU è disponibile nell'area riservata e le è stata spedita.",
    ),
    (
        ServiceGroup::CompaniesAndEmployers,
        "Contributi lavoro domestico",
        "Ho pagato due volte lo stesso trimestre per la colf.",
        "Ci invii le ricevute dei due pagamenti.",
        "Il versamento doppio sarà compensato nel trimestre successivo.",
    ),
];

/// The status each demo request ends in, in rotation so every status is well represented.
const DEMO_STATUS_CYCLE: [LineaStatus; 6] = [
    LineaStatus::Received,
    LineaStatus::TakenInCharge,
    LineaStatus::WaitingForCitizen,
    LineaStatus::Answered,
    LineaStatus::Closed,
    LineaStatus::Reopened,
];

/// Creates deterministic demo requests for about one demo citizen in six: every status, with
/// their history and messages, at the competent office (or, for some, an office chosen
/// elsewhere), created up to 60 days before `now`. Written in one transaction per page of
/// citizens; no audit events and no notifications (nothing happened to real people). Returns
/// how many requests it created; 0 when there are no offices.
pub async fn seed_demo(store: &Store, now: Timestamp) -> Result<usize, LineaError> {
    let config = LineaConfig::default();
    let offices = store.offices().all().await?;
    if offices.is_empty() {
        return Ok(0);
    }
    let mut by_province: BTreeMap<&str, OfficeCode> = BTreeMap::new();
    for office in &offices {
        by_province
            .entry(office.province.as_str())
            .or_insert(office.code);
    }
    let mut rng = DemoRng::new(0x11AE_A000_2026_0005);
    let mut created = 0usize;
    let mut after = 0;
    loop {
        let page = store.citizens().list(after, 1000).await?;
        let Some(last) = page.last() else { break };
        after = last.id;
        let mut tx = store.begin().await?;
        for citizen in &page {
            if !rng.chance(16) {
                continue;
            }
            let competent = citizen
                .data
                .address
                .as_ref()
                .and_then(|a| by_province.get(a.province.as_str()).copied());
            let office = match competent {
                Some(code) if !rng.chance(10) => code,
                _ => offices[rng.below(offices.len())].code,
            };
            let (group, topic, description, question, answer) =
                DEMO_TOPICS[rng.below(DEMO_TOPICS.len())];
            let target = DEMO_STATUS_CYCLE[created % DEMO_STATUS_CYCLE.len()];
            let origin = if rng.chance(60) {
                LineaOrigin::Agent {
                    agent_id: format!("demo-{:02}", 1 + rng.below(40)),
                    contact_id: None,
                }
            } else {
                LineaOrigin::Online
            };
            let actor = match &origin {
                LineaOrigin::Agent { agent_id, .. } => format!("agent:{agent_id}"),
                LineaOrigin::Online => "citizen".to_owned(),
            };
            let days_ago = 1 + rng.below(60) as i64;
            let mut at = now
                .checked_sub((days_ago * 24).hours())
                .unwrap_or(now)
                .checked_add((rng.below(8 * 60) as i64).minutes())
                .unwrap_or(now)
                .min(now);
            let day = at.to_zoned_datetime(config.zone.clone()).date();
            let new = NewLineaRequest {
                tax_code: citizen.data.tax_code.clone(),
                office,
                origin,
                service_group: group,
                topic: topic.to_owned(),
                description: description.to_owned(),
                sla_due: config.sla.due_date(day),
            };
            let request = LineaRequests::create_in(&mut tx, day.year(), &new, &actor, at).await?;
            created += 1;
            let worker = format!("office:{office}/demo");
            let path: &[(LineaStatus, Option<(MessageAuthor, &str)>)] = match target {
                LineaStatus::Received => &[],
                LineaStatus::TakenInCharge => &[(LineaStatus::TakenInCharge, None)],
                LineaStatus::WaitingForCitizen => &[
                    (LineaStatus::TakenInCharge, None),
                    (
                        LineaStatus::WaitingForCitizen,
                        Some((MessageAuthor::Office, question)),
                    ),
                ],
                LineaStatus::Answered => &[
                    (LineaStatus::TakenInCharge, None),
                    (LineaStatus::Answered, Some((MessageAuthor::Office, answer))),
                ],
                LineaStatus::Closed => &[
                    (LineaStatus::TakenInCharge, None),
                    (LineaStatus::Answered, Some((MessageAuthor::Office, answer))),
                    (LineaStatus::Closed, None),
                ],
                LineaStatus::Reopened => &[
                    (LineaStatus::TakenInCharge, None),
                    (LineaStatus::Answered, Some((MessageAuthor::Office, answer))),
                    (
                        LineaStatus::Reopened,
                        Some((
                            MessageAuthor::Citizen,
                            "La risposta non risolve il mio problema: vi chiedo di ricontrollare.",
                        )),
                    ),
                ],
            };
            let mut status = LineaStatus::Received;
            for (next, message) in path {
                // Each step some hours after the previous one, never after `now`.
                at = at
                    .checked_add((1 + rng.below(days_ago as usize * 6) as i64).hours())
                    .unwrap_or(now)
                    .min(now);
                if let Some((author, body)) = message {
                    LineaRequests::add_message_in(&mut tx, request.id, *author, body, at).await?;
                }
                let by = match next {
                    LineaStatus::Reopened => "citizen",
                    _ => worker.as_str(),
                };
                let sla_due = (*next == LineaStatus::Reopened).then(|| {
                    config
                        .sla
                        .due_date(at.to_zoned_datetime(config.zone.clone()).date())
                });
                LineaRequests::set_status_in(
                    &mut tx, request.id, status, *next, sla_due, by, "", at,
                )
                .await?;
                status = *next;
            }
        }
        tx.commit().await.map_err(StoreError::from)?;
    }
    Ok(created)
}

#[cfg(test)]
mod tests;
