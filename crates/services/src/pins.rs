//! The phone PIN (R-AUTH-1..3): how a caller proves on the phone who they are.
//!
//! A citizen logged in with a strong identity (SPID, CIE or CNS) issues a PIN in the portal
//! ([`issue`]): 8 digits from a CSPRNG, so it can be keyed on a phone; valid one day, one week,
//! one month or three months; shown once ([`IssuedPin`]) and stored only as an argon2id hash. A
//! new PIN revokes the previous one in the same transaction.
//!
//! The IVR and the agents check it with [`verify`]: the comparison is argon2's (constant time),
//! and every path that reaches the store runs exactly one argon2 verification (against a dummy
//! hash when there is no usable PIN), so response times do not tell "no PIN" from "wrong PIN".
//! [`MAX_FAILURES`] wrong entries in a row lock the PIN for [`LOCK_DURATION`]; a success resets
//! the count. Issue, use, failure and lock are all audited (`pin.issued`, `pin.used`,
//! `pin.failed`, `pin.locked`, `pin.revoked`). A successful check yields [`PinVerified`], a
//! token only this module can make: other services take it as proof of identification
//! (R-AUTH-3).
//!
//! Hashing cost: argon2id with the crate's defaults, the OWASP minimum (19 MiB, 2 passes, 1
//! lane), tens of milliseconds per hash. That is modest enough for tests and the IVR, and a
//! stored hash keeps its own parameters, so they can be raised later without invalidating
//! PINs. The hash runs on the calling task (no thread pool here); a hot path may move it onto
//! a blocking thread.

use std::fmt;
use std::sync::OnceLock;

use argon2::{Algorithm, Argon2, Params, PasswordHash, PasswordHasher, PasswordVerifier, Version};
use domain::{ContactId, Pii, TaxCode};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp, ToSpan};
use rand::{CryptoRng, RngExt, SeedableRng};
use store::pins::{FailureCount, NewPin, PhonePin, Pins, RevokedReason, audit_in};
use store::{NewAuditEvent, Store, StoreError};

use crate::{ErrorKind, ServiceFailure};

pub use store::pins::{PinValidity, StrongIdentity};

/// Digits in a PIN.
pub const PIN_LENGTH: usize = 8;
/// Wrong entries in a row that lock a PIN.
pub const MAX_FAILURES: u32 = 3;
/// How long a lock lasts.
pub const LOCK_DURATION: SignedDuration = SignedDuration::from_mins(30);
/// The PIN [`issue_demo_pin`] gives demo citizens. Never issued by [`issue`] (it is trivial).
pub const DEMO_PIN: &str = "12345678";
/// How many demo citizens (the first by id) [`seed_demo`] gives [`DEMO_PIN`].
pub const DEMO_PIN_CITIZENS: i64 = 5;

/// The time zone in which "one month" is counted.
const ZONE: &str = "Europe/Rome";

/// Why a PIN operation failed.
#[derive(Debug, thiserror::Error)]
pub enum PinError {
    #[error("a PIN is exactly {PIN_LENGTH} digits")]
    Malformed,
    #[error("unknown PIN validity {0:?}: expected 1d, 1w, 1m or 3m")]
    InvalidValidity(String),
    #[error("unknown strong identity {0:?}: expected spid, cie or cns")]
    InvalidIdentity(String),
    /// Issuing for a tax code that is not on file.
    #[error("no citizen with this tax code is on file")]
    UnknownCitizen,
    /// No usable PIN, or no such citizen: the two are never told apart.
    #[error("there is no valid PIN for this tax code")]
    NoValidPin,
    #[error("the PIN expired at {expired_at}")]
    Expired { expired_at: Timestamp },
    #[error("wrong PIN ({attempts_left} attempts left)")]
    Wrong { attempts_left: u32 },
    #[error("too many wrong PINs: locked until {until}")]
    Locked { until: Timestamp },
    #[error("PIN processing failed: {0}")]
    Internal(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl ServiceFailure for PinError {
    fn kind(&self) -> ErrorKind {
        match self {
            PinError::Malformed | PinError::InvalidValidity(_) | PinError::InvalidIdentity(_) => {
                ErrorKind::InvalidInput
            }
            PinError::UnknownCitizen => ErrorKind::NotFound,
            PinError::NoValidPin
            | PinError::Expired { .. }
            | PinError::Wrong { .. }
            | PinError::Locked { .. } => ErrorKind::Unauthorized,
            PinError::Internal(_) => ErrorKind::Internal,
            PinError::Store(e) => e.kind(),
        }
    }

    fn code(&self) -> &'static str {
        match self {
            PinError::Malformed => "pin_malformed",
            PinError::InvalidValidity(_) => "pin_validity_invalid",
            PinError::InvalidIdentity(_) => "identity_invalid",
            PinError::UnknownCitizen => "citizen_not_found",
            PinError::NoValidPin => "pin_not_found",
            PinError::Expired { .. } => "pin_expired",
            PinError::Wrong { .. } => "pin_wrong",
            PinError::Locked { .. } => "pin_locked",
            PinError::Internal(_) => "internal",
            PinError::Store(e) => e.code(),
        }
    }
}

/// Parses a validity choice (`1d`, `1w`, `1m`, `3m`; see [`PinValidity::parse`]).
pub fn parse_validity(text: &str) -> Result<PinValidity, PinError> {
    PinValidity::parse(text).ok_or_else(|| PinError::InvalidValidity(text.to_owned()))
}

/// Parses how the citizen logged in (`spid`, `cie`, `cns`).
pub fn parse_identity(text: &str) -> Result<StrongIdentity, PinError> {
    StrongIdentity::parse(text).ok_or_else(|| PinError::InvalidIdentity(text.to_owned()))
}

/// A freshly issued PIN: the only time the PIN exists in clear. Show it to the citizen once;
/// never store or log it (`Debug` hides it).
pub struct IssuedPin {
    pin: String,
    validity: PinValidity,
    expires_at: Timestamp,
}

impl IssuedPin {
    /// The PIN, to show once.
    pub fn pin(&self) -> &str {
        &self.pin
    }

    pub fn validity(&self) -> PinValidity {
        self.validity
    }

    pub fn expires_at(&self) -> Timestamp {
        self.expires_at
    }
}

impl fmt::Debug for IssuedPin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IssuedPin")
            .field("pin", &"********")
            .field("validity", &self.validity)
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

/// Where a PIN is being entered, for the audit trail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PinChannel {
    /// The automated services on the phone.
    Ivr,
    /// A WebCall from the portal.
    WebCall,
    /// The web portal or the REST API, where the citizen types the PIN.
    Portal,
    /// An agent, who types what the caller tells them; the agent's id.
    Agent(String),
}

/// Who is checking a PIN: the channel and, when there is one, the contact.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PinAttempt {
    pub channel: PinChannel,
    pub contact: Option<ContactId>,
}

impl PinAttempt {
    fn actor(&self) -> String {
        match &self.channel {
            PinChannel::Ivr => "ivr".to_owned(),
            PinChannel::WebCall => "webcall".to_owned(),
            PinChannel::Portal => "portal".to_owned(),
            PinChannel::Agent(agent) => format!("agent:{agent}"),
        }
    }

    fn context(&self) -> String {
        match self.contact {
            Some(contact) => format!("contact {contact}"),
            None => "no contact".to_owned(),
        }
    }
}

/// Proof that the caller identified with tax code and a valid PIN (R-AUTH-3). Only
/// [`verify`] makes one; services that show personal data take it instead of a bare tax code.
pub struct PinVerified {
    tax_code: TaxCode,
    pin_expires_at: Timestamp,
}

impl PinVerified {
    /// The identified citizen.
    pub fn tax_code(&self) -> &TaxCode {
        &self.tax_code
    }

    /// When the PIN used expires.
    pub fn pin_expires_at(&self) -> Timestamp {
        self.pin_expires_at
    }

    /// A token for unit tests of services that require identification.
    #[cfg(test)]
    pub(crate) fn for_tests(tax_code: TaxCode) -> PinVerified {
        PinVerified {
            tax_code,
            pin_expires_at: Timestamp::MAX,
        }
    }
}

impl fmt::Debug for PinVerified {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PinVerified")
            .field("tax_code", &Pii::new(self.tax_code.as_str()))
            .field("pin_expires_at", &self.pin_expires_at)
            .finish()
    }
}

/// What the portal shows about a citizen's PIN.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PinStatus {
    /// No PIN (never issued, or revoked).
    None,
    /// A PIN that can be used (unless locked).
    Active {
        issued_at: Timestamp,
        expires_at: Timestamp,
        validity: PinValidity,
        identity: StrongIdentity,
        /// Wrong entries allowed before it locks.
        attempts_left: u32,
        /// Set while a lock is in force.
        locked_until: Option<Timestamp>,
        last_used_at: Option<Timestamp>,
    },
    /// The last PIN expired; a new one must be issued.
    Expired { expired_at: Timestamp },
}

/// Issues a new PIN for a citizen on file who logged in with `identity`, revoking the previous
/// one; `rng` must be a cryptographically secure generator (`rand::rng()` in production).
pub async fn issue(
    store: &Store,
    tax_code: &TaxCode,
    validity: PinValidity,
    identity: StrongIdentity,
    now: Timestamp,
    rng: &mut impl CryptoRng,
) -> Result<IssuedPin, PinError> {
    let pin = generate_pin(rng)?;
    issue_pin(store, tax_code, pin, validity, identity, now, rng, "").await
}

/// Issues [`DEMO_PIN`] (valid three months) to a demo citizen, replacing any PIN they have.
/// For demo data only: a real citizen's PIN comes from [`issue`].
pub async fn issue_demo_pin(
    store: &Store,
    tax_code: &TaxCode,
    now: Timestamp,
) -> Result<IssuedPin, PinError> {
    let mut rng = rand::rngs::StdRng::seed_from_u64(0x5EED_0000_0000_D1A7);
    issue_pin(
        store,
        tax_code,
        DEMO_PIN.to_owned(),
        PinValidity::ThreeMonths,
        StrongIdentity::Spid,
        now,
        &mut rng,
        ", demo PIN",
    )
    .await
}

/// Gives [`DEMO_PIN`] (three months) to the first [`DEMO_PIN_CITIZENS`] citizens by id, so the
/// PIN-protected services can be tried; returns how many got one.
pub async fn seed_demo(store: &Store, now: Timestamp) -> Result<usize, PinError> {
    let citizens = store.citizens().list(0, DEMO_PIN_CITIZENS).await?;
    for citizen in &citizens {
        issue_demo_pin(store, &citizen.data.tax_code, now).await?;
    }
    Ok(citizens.len())
}

#[allow(clippy::too_many_arguments)]
async fn issue_pin(
    store: &Store,
    tax_code: &TaxCode,
    pin: String,
    validity: PinValidity,
    identity: StrongIdentity,
    now: Timestamp,
    rng: &mut impl CryptoRng,
    note: &str,
) -> Result<IssuedPin, PinError> {
    if store.citizens().by_tax_code(tax_code).await?.is_none() {
        return Err(PinError::UnknownCitizen);
    }
    let hash = hash_pin(&pin, rng)?;
    let expires_at = expiry(validity, now)?;
    let mut tx = store.begin().await?;
    let new = NewPin {
        tax_code: tax_code.clone(),
        hash,
        validity,
        identity,
        expires_at,
    };
    let (id, replaced) = Pins::replace_in(&mut tx, &new, now).await?;
    let replaced = if replaced {
        ", replaces the previous PIN"
    } else {
        ""
    };
    let event = NewAuditEvent {
        actor: "citizen".to_owned(),
        action: "pin.issued".to_owned(),
        subject: Some(tax_code.as_str().to_owned()),
        detail: format!(
            "pin {id}, validity {validity}, identity {identity}, expires {expires_at}{replaced}{note}"
        ),
    };
    audit_in(&mut tx, now, &event).await?;
    tx.commit().await.map_err(StoreError::from)?;
    tracing::info!(tax_code = %Pii::new(tax_code.as_str()), %validity, "phone PIN issued");
    Ok(IssuedPin {
        pin,
        validity,
        expires_at,
    })
}

/// Checks a PIN entered for `tax_code`. `pin_text` may have surrounding spaces; anything but
/// 8 digits is [`PinError::Malformed`] and counts as no attempt.
pub async fn verify(
    store: &Store,
    tax_code: &TaxCode,
    pin_text: &str,
    attempt: &PinAttempt,
    now: Timestamp,
) -> Result<PinVerified, PinError> {
    let pin = pin_text.trim();
    if pin.len() != PIN_LENGTH || !pin.bytes().all(|b| b.is_ascii_digit()) {
        return Err(PinError::Malformed);
    }
    let current = store.pins().active(tax_code).await?;
    let current = match usable(current, now) {
        Ok(current) => current,
        Err(refusal) => {
            // Same work as a real check, so timing does not tell the cases apart.
            dummy_verify(pin);
            fail(store, tax_code, attempt, &refusal, now).await?;
            return Err(refusal);
        }
    };
    let matches = verify_hash(pin, &current)?;
    let mut tx = store.begin().await?;
    if matches {
        if !Pins::record_success_in(&mut tx, current.id, current.locked_until, now).await? {
            // Locked or revoked between reading and verifying: answer as things are now.
            drop(tx);
            let refusal = match usable(store.pins().active(tax_code).await?, now) {
                Err(refusal) => refusal,
                Ok(_) => PinError::NoValidPin,
            };
            fail(store, tax_code, attempt, &refusal, now).await?;
            return Err(refusal);
        }
        audit_in(
            &mut tx,
            now,
            &event(attempt, "pin.used", tax_code, format!("pin {}", current.id)),
        )
        .await?;
        tx.commit().await.map_err(StoreError::from)?;
        tracing::info!(tax_code = %Pii::new(tax_code.as_str()), "phone PIN verified");
        return Ok(PinVerified {
            tax_code: tax_code.clone(),
            pin_expires_at: current.expires_at,
        });
    }
    let lock_until = now
        .checked_add(LOCK_DURATION)
        .map_err(|e| PinError::Internal(e.to_string()))?;
    let count = Pins::record_failure_in(&mut tx, current.id, MAX_FAILURES, lock_until).await?;
    let refusal = match count {
        None => PinError::NoValidPin,
        // The counter restarts from zero only when this failure locked the PIN.
        Some(FailureCount {
            failed_attempts: 0,
            locked_until: Some(until),
        }) => PinError::Locked { until },
        Some(FailureCount {
            locked_until: Some(until),
            ..
        }) if until > now => PinError::Locked { until },
        Some(FailureCount {
            failed_attempts, ..
        }) => PinError::Wrong {
            attempts_left: MAX_FAILURES.saturating_sub(failed_attempts),
        },
    };
    audit_in(
        &mut tx,
        now,
        &event(
            attempt,
            "pin.failed",
            tax_code,
            format!("pin {}: {refusal}", current.id),
        ),
    )
    .await?;
    if let Some(FailureCount {
        failed_attempts: 0,
        locked_until: Some(until),
    }) = count
    {
        audit_in(
            &mut tx,
            now,
            &event(
                attempt,
                "pin.locked",
                tax_code,
                format!("pin {} locked until {until}", current.id),
            ),
        )
        .await?;
        tracing::warn!(tax_code = %Pii::new(tax_code.as_str()), %until, "phone PIN locked");
    }
    tx.commit().await.map_err(StoreError::from)?;
    Err(refusal)
}

/// The citizen's PIN as the portal shows it (no PIN, active and maybe locked, or expired).
pub async fn status(
    store: &Store,
    tax_code: &TaxCode,
    now: Timestamp,
) -> Result<PinStatus, PinError> {
    let Some(pin) = store.pins().active(tax_code).await? else {
        return Ok(PinStatus::None);
    };
    if pin.expires_at <= now {
        return Ok(PinStatus::Expired {
            expired_at: pin.expires_at,
        });
    }
    let locked_until = pin.locked_until.filter(|until| *until > now);
    Ok(PinStatus::Active {
        issued_at: pin.created_at,
        expires_at: pin.expires_at,
        validity: pin.validity,
        identity: pin.identity,
        attempts_left: if locked_until.is_some() {
            0
        } else {
            MAX_FAILURES.saturating_sub(pin.failed_attempts)
        },
        locked_until,
        last_used_at: pin.last_used_at,
    })
}

/// Revokes the citizen's PIN; `actor` is who asked (`citizen`, `agent:<id>`). False when there
/// was none to revoke.
pub async fn revoke(
    store: &Store,
    tax_code: &TaxCode,
    actor: &str,
    now: Timestamp,
) -> Result<bool, PinError> {
    let mut tx = store.begin().await?;
    if !Pins::revoke_in(&mut tx, tax_code, RevokedReason::Revoked, now).await? {
        return Ok(false);
    }
    let event = NewAuditEvent {
        actor: actor.to_owned(),
        action: "pin.revoked".to_owned(),
        subject: Some(tax_code.as_str().to_owned()),
        detail: String::new(),
    };
    audit_in(&mut tx, now, &event).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(true)
}

/// The PIN if it can be checked now, or why not.
fn usable(pin: Option<PhonePin>, now: Timestamp) -> Result<PhonePin, PinError> {
    let Some(pin) = pin else {
        return Err(PinError::NoValidPin);
    };
    if pin.expires_at <= now {
        return Err(PinError::Expired {
            expired_at: pin.expires_at,
        });
    }
    if let Some(until) = pin.locked_until
        && until > now
    {
        return Err(PinError::Locked { until });
    }
    Ok(pin)
}

/// Audits a refused attempt that changed no PIN state (its own small transaction).
async fn fail(
    store: &Store,
    tax_code: &TaxCode,
    attempt: &PinAttempt,
    refusal: &PinError,
    now: Timestamp,
) -> Result<(), PinError> {
    store
        .audit()
        .record(
            now,
            &event(attempt, "pin.failed", tax_code, refusal.to_string()),
        )
        .await?;
    tracing::info!(tax_code = %Pii::new(tax_code.as_str()), code = refusal.code(), "phone PIN refused");
    Ok(())
}

fn event(attempt: &PinAttempt, action: &str, tax_code: &TaxCode, what: String) -> NewAuditEvent {
    NewAuditEvent {
        actor: attempt.actor(),
        action: action.to_owned(),
        subject: Some(tax_code.as_str().to_owned()),
        detail: format!("{what} ({})", attempt.context()),
    }
}

/// When a PIN issued at `now` expires: calendar days and months in Italian time, truncated to
/// the second as stored.
fn expiry(validity: PinValidity, now: Timestamp) -> Result<Timestamp, PinError> {
    let internal = |e: jiff::Error| PinError::Internal(e.to_string());
    let zone = TimeZone::get(ZONE).map_err(internal)?;
    let span = match validity {
        PinValidity::OneDay => 1.day(),
        PinValidity::OneWeek => 1.week(),
        PinValidity::OneMonth => 1.month(),
        PinValidity::ThreeMonths => 3.months(),
    };
    let end = now
        .to_zoned_datetime(zone)
        .checked_add(span)
        .map_err(internal)?;
    Timestamp::from_second(end.timestamp().as_second()).map_err(internal)
}

/// Eight uniformly drawn digits, skipping the trivial ones (all equal, or a run up or down).
fn generate_pin(rng: &mut impl CryptoRng) -> Result<String, PinError> {
    for _ in 0..64 {
        let pin = format!("{:08}", rng.random_range(0..100_000_000_u32));
        if !is_trivial(&pin) {
            return Ok(pin);
        }
    }
    Err(PinError::Internal(
        "the random source produced only trivial PINs".to_owned(),
    ))
}

/// True for PINs such as `11111111`, `12345678`, `98765432`.
fn is_trivial(pin: &str) -> bool {
    let digits = pin.as_bytes();
    let steps: Vec<i16> = digits
        .windows(2)
        .map(|w| i16::from(w[1]) - i16::from(w[0]))
        .collect();
    steps.iter().all(|s| *s == 0) || steps.iter().all(|s| *s == 1) || steps.iter().all(|s| *s == -1)
}

fn hasher() -> Argon2<'static> {
    Argon2::new(Algorithm::Argon2id, Version::V0x13, Params::DEFAULT)
}

fn hash_pin(pin: &str, rng: &mut impl CryptoRng) -> Result<String, PinError> {
    let mut salt = [0_u8; 16];
    rng.fill_bytes(&mut salt);
    hasher()
        .hash_password_with_salt(pin.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| PinError::Internal(format!("hashing: {e}")))
}

/// Constant-time check of `pin` against the stored hash (argon2 compares the outputs in
/// constant time).
fn verify_hash(pin: &str, stored: &PhonePin) -> Result<bool, PinError> {
    let hash = PasswordHash::new(&stored.hash).map_err(|e| {
        PinError::Store(StoreError::Corrupt {
            entity: "phone pin",
            id: stored.id.to_string(),
            reason: format!("hash: {e}"),
        })
    })?;
    Ok(hasher().verify_password(pin.as_bytes(), &hash).is_ok())
}

/// Runs one verification against a fixed hash, to spend the time a real check takes.
fn dummy_verify(pin: &str) {
    static DUMMY: OnceLock<Option<PasswordHash>> = OnceLock::new();
    let dummy = DUMMY.get_or_init(|| {
        hasher()
            .hash_password_with_salt(b"00000000", b"centralino-no-pin")
            .ok()
    });
    if let Some(hash) = dummy {
        let _ = hasher().verify_password(pin.as_bytes(), hash);
    }
}

#[cfg(test)]
mod tests;
