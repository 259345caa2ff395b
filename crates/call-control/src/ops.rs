//! The back-office operations a flow can invoke: the contract of `docs/OPERATIONS.md`, and its
//! implementation over `services`.
//!
//! [`OPERATIONS`] is the table itself (arguments, outcomes, typed result fields); [`Operations`]
//! serves it to `flow::validate`, so a flow that names an unknown operation, argument, outcome
//! or field fails `centralino flow check`. [`execute`] runs one operation for one contact:
//! arguments arrive as the flow's values (keys typed, variables), results leave as typed
//! [`Value`]s (dates, money, codes, date-times) for the prompts to speak in the caller's
//! language.
//!
//! Every operation answers one of its outcomes, or `error` when something failed on our side
//! (the failure is logged, without personal data); it never panics and never returns a Rust
//! error, so the flow always has a defined way on.
//!
//! Identification is per contact: [`Session`] keeps who the caller proved to be. Only a
//! successful `identify` with the phone PIN puts a [`PinVerified`] token there, and
//! `latest-application` answers `unauthorized` without it (R-AUTH-3).

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use calendar::Calendars;
use domain::{ContactId, Pii, ServiceGroup, TaxCode};
use flow::{OperationCatalog, OperationSpec, Value, Vars};
use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use services::ServiceFailure;
use services::applications::{self, ApplicationError, ApplicationNumber};
use services::appointments::{
    self, AppointmentError, AppointmentMode, AppointmentsConfig, Booker, BookingRequest,
};
use services::documents::{self, DispatchPolicy, DocumentError, DocumentKind};
use services::domestic::{self, DomesticError, RelationshipCode};
use services::letters::LetterContent;
use services::linea::{self, LineaError, LineaRequestId, LineaStatus};
use services::payments::{self, PaymentsError};
use services::pins::{self, PinAttempt, PinChannel, PinError, PinVerified};
use services::surveys::SurveySpec;
use store::{Citizen, NewAuditEvent, Store};

/// How a result field is typed (and so spoken).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldType {
    /// Spoken character by character ([`Value::Code`]).
    Code,
    /// Inserted as it is ([`Value::Text`]).
    Text,
    /// A calendar date ([`Value::Date`]).
    Date,
    /// A wall-clock date and time in the institute's zone ([`Value::DateTime`]).
    DateTime,
    /// An amount in euro ([`Value::Money`]).
    Money,
    /// A whole number ([`Value::Integer`]).
    Number,
}

/// One operation of the contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OperationDef {
    pub name: &'static str,
    pub args: &'static [&'static str],
    /// Its outcomes, besides `error` (which every operation may answer).
    pub outcomes: &'static [&'static str],
    pub results: &'static [(&'static str, FieldType)],
}

/// The outcome every operation may answer when something failed on our side.
pub const ERROR: &str = "error";

/// The operations of `docs/OPERATIONS.md`, exactly.
pub const OPERATIONS: &[OperationDef] = &[
    OperationDef {
        name: "identify",
        args: &["tax_code", "pin", "birth_date"],
        outcomes: &["ok", "locked", "not_found", "invalid", "ambiguous"],
        results: &[
            ("tax_code", FieldType::Code),
            ("given_name", FieldType::Text),
            ("pin_verified", FieldType::Text),
        ],
    },
    OperationDef {
        name: "application-status",
        args: &["tax_code", "number"],
        outcomes: &["ok", "not_found", "invalid"],
        results: &[
            ("benefit", FieldType::Text),
            ("status", FieldType::Text),
            ("status_date", FieldType::Date),
            ("office", FieldType::Text),
        ],
    },
    OperationDef {
        name: "ex-inpdap-status",
        args: &["surname", "given_name", "birth_date", "number"],
        outcomes: &["ok", "not_found", "invalid"],
        results: &[
            ("benefit", FieldType::Text),
            ("status", FieldType::Text),
            ("status_date", FieldType::Date),
            ("office", FieldType::Text),
        ],
    },
    OperationDef {
        name: "latest-application",
        args: &["tax_code"],
        outcomes: &["ok", "not_found", "unauthorized"],
        results: &[
            ("benefit", FieldType::Text),
            ("status", FieldType::Text),
            ("status_date", FieldType::Date),
            ("count", FieldType::Number),
        ],
    },
    OperationDef {
        name: "domestic-amount-due",
        args: &["tax_code", "relationship_code"],
        outcomes: &["ok", "not_found", "invalid", "unavailable"],
        results: &[
            ("amount", FieldType::Money),
            ("due_date", FieldType::Date),
            ("quarter", FieldType::Number),
            ("year", FieldType::Number),
        ],
    },
    OperationDef {
        name: "send-document",
        args: &["tax_code", "kind", "year"],
        outcomes: &[
            "ok",
            "no_address",
            "sent_recently",
            "not_found",
            "unavailable",
        ],
        results: &[
            ("dispatch_date", FieldType::Date),
            ("sent_on", FieldType::Date),
        ],
    },
    OperationDef {
        name: "linea-status",
        args: &["tax_code", "request_id"],
        outcomes: &["ok", "not_found", "invalid"],
        results: &[
            ("status", FieldType::Text),
            ("office", FieldType::Text),
            ("sla_due", FieldType::Date),
        ],
    },
    OperationDef {
        name: "appointment-offer",
        args: &["tax_code", "service"],
        outcomes: &["ok", "not_found", "unavailable"],
        results: &[
            ("office", FieldType::Text),
            ("start", FieldType::DateTime),
            ("slot", FieldType::Text),
        ],
    },
    OperationDef {
        name: "appointment-book",
        args: &["tax_code", "mobile", "slot"],
        outcomes: &["ok", "conflict", "invalid"],
        results: &[("code", FieldType::Code), ("start", FieldType::DateTime)],
    },
];

/// The definition of operation `name`.
pub fn definition(name: &str) -> Option<&'static OperationDef> {
    OPERATIONS.iter().find(|op| op.name == name)
}

/// The operation catalog `flow::validate` checks flows against.
#[derive(Clone, Copy, Debug, Default)]
pub struct Operations;

impl OperationCatalog for Operations {
    fn operation(&self, name: &str) -> Option<OperationSpec> {
        let def = definition(name)?;
        let mut outcomes: Vec<&str> = def.outcomes.to_vec();
        outcomes.push(ERROR);
        let results: Vec<&str> = def.results.iter().map(|(n, _)| *n).collect();
        Some(OperationSpec::new(def.args, &outcomes, &results))
    }
}

/// What the operations need from the deployment: the store and the back office's settings.
#[derive(Clone, Debug)]
pub struct BackOffice {
    pub store: Store,
    pub calendars: Arc<Calendars>,
    /// The institute's zone: "today", and the wall clock of appointments.
    pub zone: TimeZone,
    /// The end-of-call survey (its question ids are the flows' survey question ids).
    pub survey: SurveySpec,
    pub appointments: AppointmentsConfig,
    /// Where generated letters are stored (`<data_dir>/documents`).
    pub documents_dir: PathBuf,
    pub dispatch: DispatchPolicy,
    /// The calendar of the Certificazione Unica campaign.
    pub cu_calendar: String,
}

impl BackOffice {
    fn today(&self, now: Timestamp) -> Date {
        now.to_zoned_datetime(self.zone.clone()).date()
    }
}

/// What one contact has proved so far.
#[derive(Default)]
pub struct Session {
    contact: Option<ContactId>,
    identified: Option<TaxCode>,
    verified: Option<PinVerified>,
}

impl fmt::Debug for Session {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Session")
            .field("contact", &self.contact)
            .field(
                "identified",
                &self.identified.as_ref().map(|t| Pii::new(t.as_str())),
            )
            .field("pin_verified", &self.verified.is_some())
            .finish()
    }
}

impl Session {
    /// A session for the stored contact `contact` (its id goes into the PIN audit trail).
    pub fn new(contact: Option<ContactId>) -> Session {
        Session {
            contact,
            ..Session::default()
        }
    }

    /// The citizen identified in this contact, if any.
    pub fn identified(&self) -> Option<&TaxCode> {
        self.identified.as_ref()
    }

    /// The proof of a PIN check in this contact, if any.
    pub fn pin_verified(&self) -> Option<&PinVerified> {
        self.verified.as_ref()
    }
}

/// An operation's answer: one of its outcomes, and its result fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpResult {
    pub outcome: String,
    pub fields: BTreeMap<String, Value>,
}

impl OpResult {
    fn outcome(outcome: &str) -> OpResult {
        OpResult {
            outcome: outcome.to_owned(),
            fields: BTreeMap::new(),
        }
    }

    fn ok(fields: impl IntoIterator<Item = (&'static str, Value)>) -> OpResult {
        OpResult::with("ok", fields)
    }

    fn with(outcome: &str, fields: impl IntoIterator<Item = (&'static str, Value)>) -> OpResult {
        OpResult {
            outcome: outcome.to_owned(),
            fields: fields.into_iter().map(|(k, v)| (k.to_owned(), v)).collect(),
        }
    }
}

/// A failure on our side: logged (codes only, no personal data) and answered as `error`.
fn failed(operation: &str, err: &dyn ServiceFailure) -> OpResult {
    tracing::warn!(operation, code = err.code(), kind = ?err.kind(), "operation failed");
    OpResult::outcome(ERROR)
}

/// Runs `operation` with `args` for the contact of `session` at `now`.
///
/// Unknown operations answer `error` (the validator keeps them out of checked flows).
pub async fn execute(
    office: &BackOffice,
    session: &mut Session,
    operation: &str,
    args: &Vars,
    now: Timestamp,
) -> OpResult {
    let args = Args(args);
    let result = match operation {
        "identify" => identify(office, session, &args, now).await,
        "application-status" => application_status(office, session, &args, now).await,
        "ex-inpdap-status" => ex_inpdap_status(office, session, &args, now).await,
        "latest-application" => latest_application(office, session, &args, now).await,
        "domestic-amount-due" => domestic_amount_due(office, session, &args, now).await,
        "send-document" => send_document(office, &args, now).await,
        "linea-status" => linea_status(office, session, &args, now).await,
        "appointment-offer" => appointment_offer(office, &args, now).await,
        "appointment-book" => appointment_book(office, &args, now).await,
        other => {
            tracing::warn!(operation = other, "unknown operation");
            OpResult::outcome(ERROR)
        }
    };
    tracing::info!(operation, outcome = %result.outcome, "operation answered");
    result
}

/// The arguments as text (a missing argument is empty).
struct Args<'a>(&'a Vars);

impl Args<'_> {
    fn text(&self, name: &str) -> String {
        self.0
            .get(name)
            .map(|v| v.to_string().trim().to_owned())
            .unwrap_or_default()
    }
}

// ── identify ─────────────────────────────────────────────────────────────────────────────────

/// Tax code (keypad keys or a code; none: the caller identified before in this contact),
/// optional PIN, optional date of birth → the caller.
async fn identify(
    office: &BackOffice,
    session: &mut Session,
    args: &Args<'_>,
    now: Timestamp,
) -> OpResult {
    let store = &office.store;
    let given = args.text("tax_code");
    let pin = args.text("pin");
    let birth_date = args.text("birth_date");
    // `what = "pin"`: the PIN of the caller already identified by tax code in this contact.
    let given = match (&session.identified, given.is_empty()) {
        (Some(code), true) => code.as_str().to_owned(),
        _ => given,
    };
    let candidates = match candidates(store, &given).await {
        Ok(Some(found)) => found,
        Ok(None) => return OpResult::outcome("invalid"),
        Err(e) => return failed("identify", &e),
    };
    let citizen = match candidates.as_slice() {
        [] => return OpResult::outcome("not_found"),
        [one] => one.clone(),
        several => {
            let born = parse_birth_date(&birth_date);
            let matching: Vec<&Citizen> = several
                .iter()
                .filter(|c| Some(c.data.birth_date) == born)
                .collect();
            match matching.as_slice() {
                [one] => (*one).clone(),
                _ => return OpResult::outcome("ambiguous"),
            }
        }
    };
    let code = citizen.data.tax_code.clone();
    if session.identified.as_ref() != Some(&code) {
        // Someone else now: a PIN proved for another citizen does not carry over.
        session.verified = None;
    }
    let pin_verified = if pin.is_empty() {
        session.verified.is_some()
    } else {
        let attempt = PinAttempt {
            channel: PinChannel::Ivr,
            contact: session.contact,
        };
        match pins::verify(store, &code, &pin, &attempt, now).await {
            Ok(verified) => {
                session.verified = Some(verified);
                true
            }
            Err(PinError::Locked { .. }) => return OpResult::outcome("locked"),
            Err(PinError::Malformed | PinError::Wrong { .. }) => {
                return OpResult::outcome("invalid");
            }
            Err(PinError::NoValidPin | PinError::Expired { .. }) => {
                return OpResult::outcome("not_found");
            }
            Err(e) => return failed("identify", &e),
        }
    };
    tracing::info!(tax_code = %Pii::new(code.as_str()), pin_verified, "caller identified");
    session.identified = Some(code.clone());
    OpResult::ok([
        ("tax_code", Value::Code(code.as_str().to_owned())),
        ("given_name", Value::Text(citizen.data.given_name.clone())),
        (
            "pin_verified",
            Value::Text(if pin_verified { "yes" } else { "no" }.to_owned()),
        ),
    ])
}

/// The citizens a tax code as given may be: keypad keys (11 or 16 digits) are looked up by
/// their key sequence, anything else is parsed as a code. `None` when it is neither.
async fn candidates(store: &Store, given: &str) -> Result<Option<Vec<Citizen>>, store::StoreError> {
    let compact: String = given.chars().filter(|c| !c.is_whitespace()).collect();
    if domain::keypad::is_key_sequence(&compact) {
        if compact.len() != 11 && compact.len() != 16 {
            return Ok(None);
        }
        return Ok(Some(store.citizens().by_keypad(&compact, 10).await?));
    }
    let Ok(code) = TaxCode::parse(&compact) else {
        return Ok(None);
    };
    Ok(Some(
        store
            .citizens()
            .by_tax_code(&code)
            .await?
            .into_iter()
            .collect(),
    ))
}

/// DDMMYYYY as typed.
fn parse_birth_date(text: &str) -> Option<Date> {
    if text.len() != 8 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let day: i8 = text[0..2].parse().ok()?;
    let month: i8 = text[2..4].parse().ok()?;
    let year: i16 = text[4..8].parse().ok()?;
    Date::new(year, month, day).ok()
}

/// The tax code argument of the operations after `identify`: a code, or keypad keys that
/// match exactly one citizen.
async fn tax_code_arg(store: &Store, given: &str) -> Result<Option<TaxCode>, store::StoreError> {
    let compact: String = given.chars().filter(|c| !c.is_whitespace()).collect();
    if let Ok(code) = TaxCode::parse(&compact) {
        return Ok(Some(code));
    }
    if domain::keypad::is_key_sequence(&compact) && (compact.len() == 16 || compact.len() == 11) {
        let found = store.citizens().by_keypad(&compact, 2).await?;
        if let [one] = found.as_slice() {
            return Ok(Some(one.data.tax_code.clone()));
        }
    }
    Ok(None)
}

/// Records that the caller heard personal data (DESIGN §6: every access is audited). A failure
/// to audit fails the operation: data is never spoken unaudited.
async fn audit_view(
    office: &BackOffice,
    session: &Session,
    tax_code: &TaxCode,
    what: &str,
    now: Timestamp,
) -> Result<(), store::StoreError> {
    let contact = session
        .contact
        .map_or_else(|| "no contact".to_owned(), |c| format!("contact {c}"));
    let event = NewAuditEvent {
        actor: "ivr".to_owned(),
        action: "data.viewed".to_owned(),
        subject: Some(tax_code.as_str().to_owned()),
        detail: format!("{what} ({contact})"),
    };
    office.store.audit().record(now, &event).await?;
    Ok(())
}

// ── applications ─────────────────────────────────────────────────────────────────────────────

async fn application_status(
    office: &BackOffice,
    session: &Session,
    args: &Args<'_>,
    now: Timestamp,
) -> OpResult {
    const OP: &str = "application-status";
    let store = &office.store;
    let code = match tax_code_arg(store, &args.text("tax_code")).await {
        Ok(Some(code)) => code,
        Ok(None) => return OpResult::outcome("invalid"),
        Err(e) => return failed(OP, &e),
    };
    let Ok(number) = ApplicationNumber::parse(&args.text("number")) else {
        return OpResult::outcome("invalid");
    };
    match applications::application_status(store, &code, &number).await {
        Ok(app) => {
            if let Err(e) = audit_view(
                office,
                session,
                &code,
                &format!("application {}", app.domus),
                now,
            )
            .await
            {
                return failed(OP, &e);
            }
            application_result(&app)
        }
        Err(ApplicationError::NotFound | ApplicationError::UnknownCitizen) => {
            OpResult::outcome("not_found")
        }
        Err(ApplicationError::InvalidNumber(_)) => OpResult::outcome("invalid"),
        Err(e) => failed(OP, &e),
    }
}

/// What the caller hears about one application: benefit, status, its date, the office.
fn application_result(app: &applications::Application) -> OpResult {
    let office = app
        .office_name
        .clone()
        .unwrap_or_else(|| app.office.to_string());
    OpResult::ok([
        (
            "benefit",
            Value::Text(app.benefit.italian_name().to_owned()),
        ),
        ("status", Value::Text(app.status().code().to_owned())),
        ("status_date", Value::Date(app.last_change_date())),
        ("office", Value::Text(office)),
    ])
}

/// A public-administration (ex-INPDAP) application (R-SELF-2): surname and given name typed on
/// the keypad (one key per letter) or written, date of birth as DDMMYYYY, and the application
/// or protocol number. Anything that does not match is `not_found`, never a hint of whose it is.
async fn ex_inpdap_status(
    office: &BackOffice,
    session: &Session,
    args: &Args<'_>,
    now: Timestamp,
) -> OpResult {
    const OP: &str = "ex-inpdap-status";
    let Some(birth_date) = parse_birth_date(&args.text("birth_date")) else {
        return OpResult::outcome("invalid");
    };
    let Ok(number) = ApplicationNumber::parse(&args.text("number")) else {
        return OpResult::outcome("invalid");
    };
    let query = applications::ExInpdapQuery {
        given_name: args.text("given_name"),
        surname: args.text("surname"),
        birth_date,
        number,
    };
    match applications::ex_inpdap_status(&office.store, &query).await {
        Ok(app) => {
            let contact = session
                .contact
                .map_or_else(|| "no contact".to_owned(), |c| format!("contact {c}"));
            let event = NewAuditEvent {
                actor: "ivr".to_owned(),
                action: "data.viewed".to_owned(),
                subject: Some(format!("application {}", app.domus)),
                detail: format!("ex-INPDAP application status ({contact})"),
            };
            if let Err(e) = office.store.audit().record(now, &event).await {
                return failed(OP, &e);
            }
            application_result(&app)
        }
        Err(ApplicationError::NotFound | ApplicationError::MissingName) => {
            OpResult::outcome("not_found")
        }
        Err(ApplicationError::InvalidNumber(_)) => OpResult::outcome("invalid"),
        Err(e) => failed(OP, &e),
    }
}

async fn latest_application(
    office: &BackOffice,
    session: &Session,
    args: &Args<'_>,
    now: Timestamp,
) -> OpResult {
    const OP: &str = "latest-application";
    let store = &office.store;
    let Some(verified) = session.verified.as_ref() else {
        return OpResult::outcome("unauthorized");
    };
    match tax_code_arg(store, &args.text("tax_code")).await {
        Ok(Some(code)) if &code == verified.tax_code() => {}
        Ok(_) => return OpResult::outcome("unauthorized"),
        Err(e) => return failed(OP, &e),
    }
    let code = verified.tax_code();
    let all = match applications::applications_of(store, code).await {
        Ok(all) => all,
        Err(ApplicationError::UnknownCitizen) => return OpResult::outcome("not_found"),
        Err(e) => return failed(OP, &e),
    };
    // The most recently filed; of those filed the same day, the last to change.
    let Some(latest) = all
        .iter()
        .max_by_key(|a| (a.submitted_on, a.last_change(), a.domus.as_str().to_owned()))
    else {
        return OpResult::outcome("not_found");
    };
    if let Err(e) = audit_view(office, session, code, "latest application", now).await {
        return failed(OP, &e);
    }
    OpResult::ok([
        (
            "benefit",
            Value::Text(latest.benefit.italian_name().to_owned()),
        ),
        ("status", Value::Text(latest.status().code().to_owned())),
        ("status_date", Value::Date(latest.last_change_date())),
        (
            "count",
            Value::Integer(i64::try_from(all.len()).unwrap_or(i64::MAX)),
        ),
    ])
}

// ── domestic work ────────────────────────────────────────────────────────────────────────────

async fn domestic_amount_due(
    office: &BackOffice,
    session: &Session,
    args: &Args<'_>,
    now: Timestamp,
) -> OpResult {
    const OP: &str = "domestic-amount-due";
    let store = &office.store;
    let employer = match tax_code_arg(store, &args.text("tax_code")).await {
        Ok(Some(code)) => code,
        Ok(None) => return OpResult::outcome("invalid"),
        Err(e) => return failed(OP, &e),
    };
    let Ok(code) = RelationshipCode::parse(&args.text("relationship_code")) else {
        return OpResult::outcome("invalid");
    };
    let next = match domestic::next_due(store, &employer, &code, office.today(now)).await {
        Ok(Some(next)) => next,
        Ok(None) | Err(DomesticError::NotFound) => return OpResult::outcome("not_found"),
        Err(DomesticError::InvalidCode(_)) => return OpResult::outcome("invalid"),
        Err(e) => return failed(OP, &e),
    };
    if let Err(e) = audit_view(
        office,
        session,
        &employer,
        &format!("domestic relationship {code}"),
        now,
    )
    .await
    {
        return failed(OP, &e);
    }
    let period = [
        ("due_date", Value::Date(next.due_date)),
        (
            "quarter",
            Value::Integer(i64::from(next.period.quarter.number())),
        ),
        ("year", Value::Integer(i64::from(next.period.year))),
    ];
    match next.quote {
        Some(quote) => {
            OpResult::ok(std::iter::once(("amount", Value::Money(quote.total))).chain(period))
        }
        None => OpResult::with("unavailable", period),
    }
}

// ── documents ────────────────────────────────────────────────────────────────────────────────

/// Why a document is not sent, as an outcome.
enum Refusal {
    Outcome(&'static str),
    Failed(Box<dyn ServiceFailure + Send>),
}

impl From<PaymentsError> for Refusal {
    fn from(e: PaymentsError) -> Refusal {
        match e {
            PaymentsError::CuCampaignClosed { .. } => Refusal::Outcome("unavailable"),
            PaymentsError::Store(_) | PaymentsError::InvalidPeriod(_) => {
                Refusal::Failed(Box::new(e))
            }
            _ => Refusal::Outcome("not_found"),
        }
    }
}

async fn send_document(office: &BackOffice, args: &Args<'_>, now: Timestamp) -> OpResult {
    const OP: &str = "send-document";
    let store = &office.store;
    let code = match tax_code_arg(store, &args.text("tax_code")).await {
        Ok(Some(code)) => code,
        Ok(None) => return OpResult::outcome("not_found"),
        Err(e) => return failed(OP, &e),
    };
    let kind_text = args.text("kind");
    let year = args.text("year");
    let year = if kind_text == "certificazione_unica" && year.is_empty() {
        // No year asked: the newest CU on file.
        match payments::cu_years(store, &code).await {
            Ok(years) => match years.first() {
                Some(y) => Some(*y),
                None => return OpResult::outcome("not_found"),
            },
            Err(e) => return refusal(OP, e.into()),
        }
    } else {
        year.parse::<i16>().ok()
    };
    let Some(kind) = DocumentKind::parse(&kind_text, year) else {
        tracing::warn!(operation = OP, kind = %kind_text, "unknown document kind");
        return OpResult::outcome(ERROR);
    };
    let content = match letter_content(office, &code, kind, now).await {
        Ok(content) => content,
        Err(r) => return refusal(OP, r),
    };
    match documents::request_document(
        store,
        &office.documents_dir,
        &code,
        kind,
        content,
        &office.dispatch,
        "ivr",
        now,
    )
    .await
    {
        Ok(dispatch) => OpResult::ok([("dispatch_date", Value::Date(dispatch.dispatch_date))]),
        Err(DocumentError::NoAddress) => OpResult::outcome("no_address"),
        Err(DocumentError::SentRecently { dispatch_date, .. }) => {
            OpResult::with("sent_recently", [("sent_on", Value::Date(dispatch_date))])
        }
        Err(DocumentError::CitizenNotFound | DocumentError::InvalidYear(_)) => {
            OpResult::outcome("not_found")
        }
        Err(e) => failed(OP, &e),
    }
}

fn refusal(operation: &str, r: Refusal) -> OpResult {
    match r {
        Refusal::Outcome(outcome) => OpResult::outcome(outcome),
        Refusal::Failed(e) => failed(operation, e.as_ref()),
    }
}

/// The letter's content from the back office's data (the same builder as the REST API's).
async fn letter_content(
    office: &BackOffice,
    code: &TaxCode,
    kind: DocumentKind,
    now: Timestamp,
) -> Result<LetterContent, Refusal> {
    let calendar = office.calendars.get(&office.cu_calendar);
    let today = office.today(now);
    Ok(payments::document_letter(&office.store, code, kind, calendar, today, now).await?)
}

// ── INPS Linea ───────────────────────────────────────────────────────────────────────────────

/// A request id keyed as 12 digits (year + number) or written `LI-YYYY-NNNNNNNN`.
fn parse_request_id(text: &str) -> Option<LineaRequestId> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.len() == 12 && compact.bytes().all(|b| b.is_ascii_digit()) {
        return format!("LI-{}-{}", &compact[..4], &compact[4..])
            .parse()
            .ok();
    }
    linea::parse_request_id(&compact).ok()
}

async fn linea_status(
    office: &BackOffice,
    session: &Session,
    args: &Args<'_>,
    now: Timestamp,
) -> OpResult {
    const OP: &str = "linea-status";
    let store = &office.store;
    let code = match tax_code_arg(store, &args.text("tax_code")).await {
        Ok(Some(code)) => code,
        Ok(None) => return OpResult::outcome("invalid"),
        Err(e) => return failed(OP, &e),
    };
    let Some(id) = parse_request_id(&args.text("request_id")) else {
        return OpResult::outcome("invalid");
    };
    match linea::find(store, &code, id).await {
        Ok(detail) => {
            if let Err(e) = audit_view(
                office,
                session,
                &code,
                &format!("INPS Linea request {id}"),
                now,
            )
            .await
            {
                return failed(OP, &e);
            }
            let request = &detail.request;
            // Status codes reach the prompts in kebab-case, as the application statuses do
            // (`taken-in-charge`, `waiting-for-citizen`); the store writes them snake_case.
            // A request still with the office after its due date is `overdue`: the caller
            // hears that the date has passed instead of "will be handled by <past date>".
            let still_with_office = matches!(
                request.status,
                LineaStatus::Received | LineaStatus::TakenInCharge | LineaStatus::Reopened
            );
            let status = if still_with_office && request.sla_due < office.today(now) {
                "overdue".to_owned()
            } else {
                request.status.as_str().replace('_', "-")
            };
            OpResult::ok([
                ("status", Value::Text(status)),
                (
                    "office",
                    Value::Text(
                        detail
                            .office
                            .as_ref()
                            .map_or_else(|| request.office.to_string(), |o| o.name.clone()),
                    ),
                ),
                ("sla_due", Value::Date(request.sla_due)),
            ])
        }
        Err(LineaError::NotFound) => OpResult::outcome("not_found"),
        Err(e) => failed(OP, &e),
    }
}

// ── appointments ─────────────────────────────────────────────────────────────────────────────

/// Days ahead `appointment-offer` looks for a free slot.
pub const OFFER_DAYS: u16 = 30;

/// The opaque slot text: `OFFICE|START|SERVICE`, e.g. `0100|2026-12-01T08:30:00Z|pensions`.
fn slot_text(office: domain::OfficeCode, start: Timestamp, service: ServiceGroup) -> String {
    format!("{office}|{start}|{}", service.id())
}

fn parse_slot(text: &str) -> Option<(domain::OfficeCode, Timestamp, ServiceGroup)> {
    let mut parts = text.split('|');
    let office = parts.next()?.parse().ok()?;
    let start = parts.next()?.parse().ok()?;
    let service = parts.next()?.parse().ok()?;
    parts.next().is_none().then_some((office, start, service))
}

async fn appointment_offer(office: &BackOffice, args: &Args<'_>, now: Timestamp) -> OpResult {
    const OP: &str = "appointment-offer";
    let store = &office.store;
    let Ok(service) = args.text("service").parse::<ServiceGroup>() else {
        tracing::warn!(operation = OP, service = %args.text("service"), "unknown service group");
        return OpResult::outcome(ERROR);
    };
    let code = match tax_code_arg(store, &args.text("tax_code")).await {
        Ok(Some(code)) => code,
        Ok(None) => return OpResult::outcome("not_found"),
        Err(e) => return failed(OP, &e),
    };
    let citizen = match store.citizens().by_tax_code(&code).await {
        Ok(Some(c)) => c,
        Ok(None) => return OpResult::outcome("not_found"),
        Err(e) => return failed(OP, &e),
    };
    // The competent office: the first of the residence's province (as INPS Linea does).
    let Some(province) = citizen.data.address.as_ref().map(|a| a.province.clone()) else {
        return OpResult::outcome("unavailable");
    };
    let competent = match store.offices().in_province(&province).await {
        Ok(list) => list.into_iter().next(),
        Err(e) => return failed(OP, &e),
    };
    let Some(competent) = competent else {
        return OpResult::outcome("unavailable");
    };
    let slots = appointments::available_slots(
        store,
        &office.appointments,
        competent.code,
        service,
        AppointmentMode::Counter,
        office.today(now),
        OFFER_DAYS,
        now,
    )
    .await;
    match slots {
        Ok(slots) => match slots.first() {
            Some(slot) => OpResult::ok([
                ("office", Value::Text(competent.name.clone())),
                (
                    "start",
                    Value::DateTime(slot.start.with_time_zone(office.zone.clone()).datetime()),
                ),
                (
                    "slot",
                    Value::Text(slot_text(competent.code, slot.start.timestamp(), service)),
                ),
            ]),
            None => OpResult::outcome("unavailable"),
        },
        Err(AppointmentError::OfficeNotFound(_)) => OpResult::outcome("unavailable"),
        Err(e) => failed(OP, &e),
    }
}

async fn appointment_book(office: &BackOffice, args: &Args<'_>, now: Timestamp) -> OpResult {
    const OP: &str = "appointment-book";
    let store = &office.store;
    let Ok(mobile) = appointments::parse_mobile(&args.text("mobile")) else {
        return OpResult::outcome("invalid");
    };
    let Some((office_code, start, service)) = parse_slot(&args.text("slot")) else {
        tracing::warn!(operation = OP, "not a slot from appointment-offer");
        return OpResult::outcome(ERROR);
    };
    let code = match tax_code_arg(store, &args.text("tax_code")).await {
        Ok(Some(code)) => code,
        Ok(None) => {
            tracing::warn!(operation = OP, "no citizen for the tax code");
            return OpResult::outcome(ERROR);
        }
        Err(e) => return failed(OP, &e),
    };
    let request = BookingRequest {
        tax_code: code,
        mobile,
        office: office_code,
        service,
        mode: AppointmentMode::Counter,
        start,
        booked_by: Booker::Citizen,
    };
    match appointments::book(store, &office.appointments, &request, now).await {
        Ok(booked) => OpResult::ok([
            ("code", Value::Code(booked.code().to_string())),
            (
                "start",
                Value::DateTime(
                    booked
                        .start
                        .to_zoned_datetime(office.zone.clone())
                        .datetime(),
                ),
            ),
        ]),
        Err(
            AppointmentError::SlotTaken
            | AppointmentError::SlotInPast
            | AppointmentError::NotASlot { .. }
            | AppointmentError::BeyondHorizon(_),
        ) => OpResult::outcome("conflict"),
        Err(AppointmentError::InvalidMobile(_)) => OpResult::outcome("invalid"),
        Err(e) => failed(OP, &e),
    }
}

#[cfg(test)]
mod tests;
