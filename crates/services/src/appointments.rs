//! Office appointments (R-ROUTE-4, R-SELF-9): each office's slot calendar, booking by tax code
//! and mobile number with a confirmation SMS, cancelling and rescheduling.
//!
//! # The slot calendar
//!
//! An office opens for appointments by its [`OfficeSchedule`]: a [`calendar::Calendar`] (weekly
//! windows in a zone, closures, no slots on national holidays) and a number of desks. By default
//! every office follows circular 103/2019 (Monday to Friday 08:30–12:30, Europe/Rome, closed on
//! national holidays) with two desks; [`AppointmentsConfig`] overrides it per office. Each
//! service has its slot length (DOMAIN §7.5: 10 minutes for pensions, 8 for benefits; 10 for the
//! others by default): the slots of a service start at the beginning of each window and follow
//! each other back to back while they fit in it. Every desk serves every service and every mode
//! (counter, phone call-back, web meeting if offered), so a desk is busy for the whole length of
//! whatever is booked on it, and slots of different lengths never overlap on one desk.
//!
//! # Booking
//!
//! A booking names the slot's start; the first desk free for the whole slot is taken inside the
//! transaction (see [`store::appointments`]): never a double booking, also under concurrent
//! requests, and the partial unique index `(office, start, desk)` backs that up. The
//! confirmation SMS (to the E.164 mobile number, in Italian, with date, time, office, address
//! and the booking code) is enqueued in the same transaction, with the audit event. A booking by
//! a case worker or an agent for the citizen (R-ROUTE-4) is the same operation with another
//! [`Booker`].

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use calendar::{Calendar, CalendarError, CalendarSpec, DayHours, SpecError, TimeWindow};
use domain::{MobileNumber, OfficeCode, PhoneError, Pii, ServiceGroup, TaxCode};
use jiff::civil::{Date, Time};
use jiff::{Timestamp, ToSpan, ZonedDateTime};
use store::appointments::{Appointments, NewAppointment};
use store::linea::record_audit_in;
use store::outbox::{NewMessage, Outbox, OutboxChannel};
use store::{NewAuditEvent, Office, Store, StoreError};

use crate::linea::{DemoRng, date_it, service_group_it};
use crate::{ErrorKind, ServiceFailure};

pub use store::appointments::{
    Appointment, AppointmentMode, AppointmentStatus, BookingCode, BookingCodeError,
};

/// The longest slot a service may have, in minutes.
pub const MAX_SLOT_MINUTES: u16 = 240;
/// The most days [`available_slots`] looks at in one call.
pub const MAX_SEARCH_DAYS: u16 = 31;
/// Slot length of a service with none configured, in minutes.
pub const DEFAULT_SLOT_MINUTES: u16 = 10;
/// How long before its start a slot can still be booked, unless configured: two hours, so the
/// office can prepare the citizen's file and nobody is offered a slot they cannot reach.
pub const DEFAULT_LEAD_MINUTES: u16 = 120;
/// The longest lead time a configuration may ask for (a week).
pub const MAX_LEAD_MINUTES: u16 = 7 * 24 * 60;

/// Why an appointments configuration is not valid.
#[derive(Debug, thiserror::Error)]
pub enum AppointmentConfigError {
    #[error(transparent)]
    Calendar(#[from] CalendarError),
    #[error(transparent)]
    Spec(#[from] SpecError),
    #[error("an office needs at least one desk (and at most 999)")]
    Desks,
    #[error("the slot length of {service} must be 1 to {MAX_SLOT_MINUTES} minutes, not {minutes}")]
    SlotLength { service: ServiceGroup, minutes: u16 },
    #[error("at least one appointment mode must be offered")]
    NoModes,
    #[error("the booking horizon must be 1 to 366 days, not {0}")]
    Horizon(u16),
    #[error("the booking lead time must be at most {MAX_LEAD_MINUTES} minutes, not {0}")]
    Lead(u16),
}

/// When an office takes appointments, and at how many desks.
#[derive(Clone, Debug)]
pub struct OfficeSchedule {
    hours: Calendar,
    desks: u16,
}

impl OfficeSchedule {
    /// An office open for appointments by `hours` (its zone, weekly windows, closures and
    /// holiday rule) with `desks` desks.
    pub fn new(hours: Calendar, desks: u16) -> Result<OfficeSchedule, AppointmentConfigError> {
        if !(1..=999).contains(&desks) {
            return Err(AppointmentConfigError::Desks);
        }
        Ok(OfficeSchedule { hours, desks })
    }

    /// The hours of circular 103/2019 as a calendar spec, to extend (e.g. with `closures`):
    /// Monday to Friday 08:30–12:30, Europe/Rome, closed on national holidays.
    pub fn circular_2019_spec() -> Result<CalendarSpec, AppointmentConfigError> {
        let morning = DayHours::new(vec![TimeWindow::from_minutes(8 * 60 + 30, 12 * 60 + 30)?])?;
        let mut spec = CalendarSpec::new("Europe/Rome");
        spec.national_holidays = true;
        spec.hours.mon = morning.clone();
        spec.hours.tue = morning.clone();
        spec.hours.wed = morning.clone();
        spec.hours.thu = morning.clone();
        spec.hours.fri = morning;
        Ok(spec)
    }

    /// Circular 103/2019 hours (see [`OfficeSchedule::circular_2019_spec`]) with `desks` desks.
    pub fn circular_2019(desks: u16) -> Result<OfficeSchedule, AppointmentConfigError> {
        let hours = Calendar::from_spec("appointments", &OfficeSchedule::circular_2019_spec()?)?;
        OfficeSchedule::new(hours, desks)
    }

    /// Circular 103/2019 hours with `desks` desks, closed also on `closures` (e.g. the patron
    /// saint's day, a strike, works).
    pub fn circular_2019_with_closures(
        desks: u16,
        closures: &[Date],
    ) -> Result<OfficeSchedule, AppointmentConfigError> {
        let mut spec = OfficeSchedule::circular_2019_spec()?;
        for day in closures {
            spec.closures.push(day.to_string().parse()?);
        }
        let hours = Calendar::from_spec("appointments", &spec)?;
        OfficeSchedule::new(hours, desks)
    }

    pub fn hours(&self) -> &Calendar {
        &self.hours
    }

    pub fn desks(&self) -> u16 {
        self.desks
    }
}

/// How appointments work: slot lengths, modes offered, office schedules, how far ahead one may
/// book.
#[derive(Clone, Debug)]
pub struct AppointmentsConfig {
    slot_minutes: BTreeMap<ServiceGroup, u16>,
    modes: Vec<AppointmentMode>,
    default_schedule: OfficeSchedule,
    schedules: BTreeMap<OfficeCode, OfficeSchedule>,
    horizon_days: u16,
    lead_minutes: u16,
}

impl AppointmentsConfig {
    /// Pensions 10 minutes, social benefits 8, others [`DEFAULT_SLOT_MINUTES`]; counter and phone
    /// call-back; every office on circular 103/2019 hours with 2 desks; bookable 60 days ahead and
    /// at least [`DEFAULT_LEAD_MINUTES`] before the slot starts (the office prepares the file).
    pub fn standard() -> Result<AppointmentsConfig, AppointmentConfigError> {
        Ok(AppointmentsConfig {
            slot_minutes: BTreeMap::from([
                (ServiceGroup::Pensions, 10),
                (ServiceGroup::SocialBenefits, 8),
            ]),
            modes: vec![AppointmentMode::Counter, AppointmentMode::PhoneCallback],
            default_schedule: OfficeSchedule::circular_2019(2)?,
            schedules: BTreeMap::new(),
            horizon_days: 60,
            lead_minutes: DEFAULT_LEAD_MINUTES,
        })
    }

    /// Sets the slot length of one service.
    pub fn with_slot_minutes(
        mut self,
        service: ServiceGroup,
        minutes: u16,
    ) -> Result<AppointmentsConfig, AppointmentConfigError> {
        if !(1..=MAX_SLOT_MINUTES).contains(&minutes) {
            return Err(AppointmentConfigError::SlotLength { service, minutes });
        }
        self.slot_minutes.insert(service, minutes);
        Ok(self)
    }

    /// Sets the modes offered (e.g. adds web meetings).
    pub fn with_modes(
        mut self,
        modes: &[AppointmentMode],
    ) -> Result<AppointmentsConfig, AppointmentConfigError> {
        if modes.is_empty() {
            return Err(AppointmentConfigError::NoModes);
        }
        self.modes = modes.to_vec();
        Ok(self)
    }

    /// The schedule of every office without its own.
    pub fn with_default_schedule(mut self, schedule: OfficeSchedule) -> AppointmentsConfig {
        self.default_schedule = schedule;
        self
    }

    /// One office's own schedule (its hours, closures, desks).
    pub fn with_office_schedule(
        mut self,
        office: OfficeCode,
        schedule: OfficeSchedule,
    ) -> AppointmentsConfig {
        self.schedules.insert(office, schedule);
        self
    }

    /// How many days ahead a slot may be booked.
    pub fn with_horizon_days(
        mut self,
        days: u16,
    ) -> Result<AppointmentsConfig, AppointmentConfigError> {
        if !(1..=366).contains(&days) {
            return Err(AppointmentConfigError::Horizon(days));
        }
        self.horizon_days = days;
        Ok(self)
    }

    /// How long before its start a slot may still be booked (0: up to its start).
    pub fn with_lead_minutes(
        mut self,
        minutes: u16,
    ) -> Result<AppointmentsConfig, AppointmentConfigError> {
        if minutes > MAX_LEAD_MINUTES {
            return Err(AppointmentConfigError::Lead(minutes));
        }
        self.lead_minutes = minutes;
        Ok(self)
    }

    pub fn lead_minutes(&self) -> u16 {
        self.lead_minutes
    }

    pub fn slot_minutes(&self, service: ServiceGroup) -> u16 {
        self.slot_minutes
            .get(&service)
            .copied()
            .unwrap_or(DEFAULT_SLOT_MINUTES)
    }

    pub fn modes(&self) -> &[AppointmentMode] {
        &self.modes
    }

    pub fn schedule(&self, office: OfficeCode) -> &OfficeSchedule {
        self.schedules
            .get(&office)
            .unwrap_or(&self.default_schedule)
    }

    pub fn horizon_days(&self) -> u16 {
        self.horizon_days
    }

    /// The slots of `service` at `office` on `date` (all of them, booked or not), in order.
    pub fn slots_on(&self, office: OfficeCode, service: ServiceGroup, date: Date) -> Vec<Slot> {
        let schedule = self.schedule(office);
        let zone = schedule.hours.zone();
        let length = self.slot_minutes(service);
        let mut slots = Vec::new();
        for window in schedule.hours.hours_on(date) {
            let mut minute = window.start_minutes();
            while minute + length <= window.end_minutes() {
                let zoned = |m: u16| -> Option<ZonedDateTime> {
                    let (h, m) = (i8::try_from(m / 60).ok()?, i8::try_from(m % 60).ok()?);
                    let time = if h == 24 {
                        date.tomorrow().ok()?.to_datetime(Time::midnight())
                    } else {
                        date.to_datetime(Time::new(h, m, 0, 0).ok()?)
                    };
                    time.to_zoned_datetime(zone.clone()).ok()
                };
                if let (Some(start), Some(end)) = (zoned(minute), zoned(minute + length)) {
                    slots.push(Slot {
                        start,
                        end,
                        free_desks: schedule.desks,
                    });
                }
                minute += length;
            }
        }
        slots
    }
}

/// A slot of the calendar, in the office's zone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Slot {
    pub start: ZonedDateTime,
    pub end: ZonedDateTime,
    /// Desks still free for the whole slot.
    pub free_desks: u16,
}

/// Who books, cancels or moves an appointment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Booker {
    /// The citizen (IVR, web).
    Citizen,
    /// A contact-center agent for the caller.
    Agent { agent_id: String },
    /// An office's case worker for the citizen (R-ROUTE-4).
    Office { office: OfficeCode, user: String },
}

impl Booker {
    fn label(&self) -> String {
        match self {
            Booker::Citizen => "citizen".to_owned(),
            Booker::Agent { agent_id } => format!("agent:{agent_id}"),
            Booker::Office { office, user } => format!("office:{office}/{user}"),
        }
    }
}

/// An appointment to book.
#[derive(Clone, PartialEq, Eq)]
pub struct BookingRequest {
    pub tax_code: TaxCode,
    /// Where the confirmation SMS goes (and the number called back).
    pub mobile: MobileNumber,
    pub office: OfficeCode,
    pub service: ServiceGroup,
    pub mode: AppointmentMode,
    /// The slot's start, one of [`available_slots`].
    pub start: Timestamp,
    pub booked_by: Booker,
}

impl fmt::Debug for BookingRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BookingRequest")
            .field("tax_code", &Pii::new(self.tax_code.as_str()))
            .field("mobile", &Pii::new(self.mobile.as_str()))
            .field("office", &self.office)
            .field("service", &self.service)
            .field("mode", &self.mode)
            .field("start", &self.start)
            .field("booked_by", &self.booked_by)
            .finish()
    }
}

/// What went wrong with an appointment operation.
#[derive(Debug, thiserror::Error)]
pub enum AppointmentError {
    #[error("invalid mobile number: {0}")]
    InvalidMobile(#[from] PhoneError),
    #[error(transparent)]
    InvalidCode(#[from] BookingCodeError),
    #[error("look at 1 to {MAX_SEARCH_DAYS} days at a time, not {0}")]
    InvalidRange(u16),
    #[error("appointments in mode {0} are not offered")]
    ModeNotOffered(AppointmentMode),
    #[error("this slot is in the past")]
    SlotInPast,
    #[error("appointments must be booked at least {0} minutes before they start")]
    TooSoon(u16),
    #[error("appointments can be booked at most {0} days ahead")]
    BeyondHorizon(u16),
    #[error("the office has no {service} slot starting at {start}")]
    NotASlot {
        service: ServiceGroup,
        start: Timestamp,
    },
    #[error("no citizen with this tax code")]
    CitizenNotFound,
    #[error("no office with code {0}")]
    OfficeNotFound(OfficeCode),
    #[error("appointment not found")]
    NotFound,
    #[error("this slot has just been taken: choose another one")]
    SlotTaken,
    #[error("appointment {0} is {1}, not booked")]
    NotActive(BookingCode, AppointmentStatus),
    #[error("appointment {0} has already started")]
    AlreadyStarted(BookingCode),
    #[error("appointments configuration: {0}")]
    Config(#[from] AppointmentConfigError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl ServiceFailure for AppointmentError {
    fn kind(&self) -> ErrorKind {
        match self {
            AppointmentError::InvalidMobile(_)
            | AppointmentError::InvalidCode(_)
            | AppointmentError::InvalidRange(_)
            | AppointmentError::ModeNotOffered(_)
            | AppointmentError::SlotInPast
            | AppointmentError::TooSoon(_)
            | AppointmentError::BeyondHorizon(_)
            | AppointmentError::NotASlot { .. } => ErrorKind::InvalidInput,
            AppointmentError::CitizenNotFound
            | AppointmentError::OfficeNotFound(_)
            | AppointmentError::NotFound => ErrorKind::NotFound,
            AppointmentError::SlotTaken
            | AppointmentError::NotActive(..)
            | AppointmentError::AlreadyStarted(_) => ErrorKind::Conflict,
            AppointmentError::Config(_) => ErrorKind::Internal,
            AppointmentError::Store(e) => e.kind(),
        }
    }

    fn code(&self) -> &'static str {
        match self {
            AppointmentError::InvalidMobile(_) => "invalid_mobile",
            AppointmentError::InvalidCode(_) => "invalid_booking_code",
            AppointmentError::InvalidRange(_) => "invalid_range",
            AppointmentError::ModeNotOffered(_) => "mode_not_offered",
            AppointmentError::SlotInPast => "slot_in_past",
            AppointmentError::TooSoon(_) => "too_soon",
            AppointmentError::BeyondHorizon(_) => "beyond_horizon",
            AppointmentError::NotASlot { .. } => "not_a_slot",
            AppointmentError::CitizenNotFound => "citizen_not_found",
            AppointmentError::OfficeNotFound(_) => "office_not_found",
            AppointmentError::NotFound => "appointment_not_found",
            AppointmentError::SlotTaken => "slot_taken",
            AppointmentError::NotActive(..) => "appointment_not_active",
            AppointmentError::AlreadyStarted(_) => "appointment_past",
            AppointmentError::Config(_) => "internal",
            AppointmentError::Store(e) => e.code(),
        }
    }
}

/// Parses a mobile number as typed or spoken; anything else is
/// [`AppointmentError::InvalidMobile`] saying why.
pub fn parse_mobile(text: &str) -> Result<MobileNumber, AppointmentError> {
    Ok(text.parse::<MobileNumber>()?)
}

/// Parses a booking code (`PR-00000042`).
pub fn parse_booking_code(text: &str) -> Result<BookingCode, AppointmentError> {
    Ok(text.parse::<BookingCode>()?)
}

/// The free slots of `service` at `office` in mode `mode` on the `days` days from `from`
/// (at most [`MAX_SEARCH_DAYS`]): only slots after `now` and within the booking horizon, with
/// at least one desk free, in order.
#[allow(clippy::too_many_arguments)]
pub async fn available_slots(
    store: &Store,
    config: &AppointmentsConfig,
    office: OfficeCode,
    service: ServiceGroup,
    mode: AppointmentMode,
    from: Date,
    days: u16,
    now: Timestamp,
) -> Result<Vec<Slot>, AppointmentError> {
    if !(1..=MAX_SEARCH_DAYS).contains(&days) {
        return Err(AppointmentError::InvalidRange(days));
    }
    if !config.modes.contains(&mode) {
        return Err(AppointmentError::ModeNotOffered(mode));
    }
    if store.offices().by_code(office).await?.is_none() {
        return Err(AppointmentError::OfficeNotFound(office));
    }
    let horizon = horizon_end(config, now);
    let earliest = earliest_start(config, now);
    let mut slots: Vec<Slot> = Vec::new();
    let mut date = from;
    for _ in 0..days {
        slots.extend(
            config
                .slots_on(office, service, date)
                .into_iter()
                .filter(|s| s.start.timestamp() >= earliest && s.start.timestamp() <= horizon),
        );
        match date.tomorrow() {
            Ok(next) => date = next,
            Err(_) => break,
        }
    }
    let (Some(first), Some(last)) = (slots.first(), slots.last()) else {
        return Ok(slots);
    };
    let booked = store
        .appointments()
        .booked_between(office, first.start.timestamp(), last.end.timestamp())
        .await?;
    let desks = config.schedule(office).desks;
    for slot in &mut slots {
        let (start, end) = (slot.start.timestamp(), slot.end.timestamp());
        let busy: BTreeSet<u16> = booked
            .iter()
            .filter(|a| a.start < end && a.end > start && a.desk <= desks)
            .map(|a| a.desk)
            .collect();
        slot.free_desks = desks.saturating_sub(busy.len() as u16);
    }
    slots.retain(|s| s.free_desks > 0);
    Ok(slots)
}

/// Books a slot for the citizen (R-SELF-9), or for them by an agent or case worker (R-ROUTE-4):
/// the first free desk, the confirmation SMS and the audit event, in one transaction.
pub async fn book(
    store: &Store,
    config: &AppointmentsConfig,
    request: &BookingRequest,
    now: Timestamp,
) -> Result<Appointment, AppointmentError> {
    let end = slot_end(
        config,
        request.office,
        request.service,
        request.mode,
        request.start,
        now,
    )?;
    let office = store
        .offices()
        .by_code(request.office)
        .await?
        .ok_or(AppointmentError::OfficeNotFound(request.office))?;
    if store
        .citizens()
        .by_tax_code(&request.tax_code)
        .await?
        .is_none()
    {
        return Err(AppointmentError::CitizenNotFound);
    }
    let new = NewAppointment {
        tax_code: request.tax_code.clone(),
        office: request.office,
        service: request.service,
        mode: request.mode,
        start: request.start,
        end,
        mobile: request.mobile.clone(),
        booked_by: request.booked_by.label(),
        replaces: None,
    };
    let desks = config.schedule(request.office).desks;
    let mut tx = store.begin().await?;
    let booked = Appointments::book_in(&mut tx, &new, desks, now)
        .await?
        .ok_or(AppointmentError::SlotTaken)?;
    let sms = sms(config, Notice::Confirmed, &booked, Some(&office), None);
    Outbox::enqueue_in(&mut tx, &sms, now).await?;
    audit_in(
        &mut tx,
        now,
        &new.booked_by,
        "appointment.booked",
        &booked,
        "",
    )
    .await?;
    tx.commit().await.map_err(StoreError::from)?;
    tracing::info!(
        code = %booked.code(),
        office = %booked.office,
        start = %booked.start,
        desk = booked.desk,
        tax_code = %Pii::new(booked.tax_code.as_str()),
        "appointment booked"
    );
    Ok(booked)
}

/// The citizen's appointment with this code; someone else's is [`AppointmentError::NotFound`]
/// like a missing one.
pub async fn find(
    store: &Store,
    tax_code: &TaxCode,
    code: BookingCode,
) -> Result<Appointment, AppointmentError> {
    store
        .appointments()
        .of_citizen(tax_code, code)
        .await?
        .ok_or(AppointmentError::NotFound)
}

/// The citizen's booked appointments that have not started, soonest first.
pub async fn upcoming(
    store: &Store,
    tax_code: &TaxCode,
    now: Timestamp,
) -> Result<Vec<Appointment>, AppointmentError> {
    let mut list = store.appointments().for_citizen(tax_code, now).await?;
    list.retain(|a| a.status == AppointmentStatus::Booked && a.start > now);
    Ok(list)
}

/// Cancels the citizen's appointment (not yet started), with an SMS to its mobile number.
pub async fn cancel(
    store: &Store,
    config: &AppointmentsConfig,
    tax_code: &TaxCode,
    code: BookingCode,
    by: &Booker,
    now: Timestamp,
) -> Result<Appointment, AppointmentError> {
    let current = active(store, tax_code, code, now).await?;
    let office = store.offices().by_code(current.office).await?;
    let mut tx = store.begin().await?;
    if !Appointments::release_in(&mut tx, current.id, AppointmentStatus::Cancelled, now).await? {
        return Err(AppointmentError::NotActive(
            code,
            AppointmentStatus::Cancelled,
        ));
    }
    let mut cancelled = current;
    cancelled.status = AppointmentStatus::Cancelled;
    cancelled.updated_at = now;
    let sms = sms(config, Notice::Cancelled, &cancelled, office.as_ref(), None);
    Outbox::enqueue_in(&mut tx, &sms, now).await?;
    audit_in(
        &mut tx,
        now,
        &by.label(),
        "appointment.cancelled",
        &cancelled,
        "",
    )
    .await?;
    tx.commit().await.map_err(StoreError::from)?;
    tracing::info!(code = %code, "appointment cancelled");
    Ok(cancelled)
}

/// Moves the citizen's appointment to another slot of the same office, service and mode: the
/// old one becomes `rescheduled`, a new one (with a new code, replacing it) is booked, and an
/// SMS gives the new date and code; all in one transaction. If the new slot is taken, nothing
/// changes.
pub async fn reschedule(
    store: &Store,
    config: &AppointmentsConfig,
    tax_code: &TaxCode,
    code: BookingCode,
    new_start: Timestamp,
    by: &Booker,
    now: Timestamp,
) -> Result<Appointment, AppointmentError> {
    let current = active(store, tax_code, code, now).await?;
    let end = slot_end(
        config,
        current.office,
        current.service,
        current.mode,
        new_start,
        now,
    )?;
    let office = store.offices().by_code(current.office).await?;
    let new = NewAppointment {
        tax_code: current.tax_code.clone(),
        office: current.office,
        service: current.service,
        mode: current.mode,
        start: new_start,
        end,
        mobile: current.mobile.clone(),
        booked_by: by.label(),
        replaces: Some(current.id),
    };
    let desks = config.schedule(current.office).desks;
    let mut tx = store.begin().await?;
    if !Appointments::release_in(&mut tx, current.id, AppointmentStatus::Rescheduled, now).await? {
        return Err(AppointmentError::NotActive(
            code,
            AppointmentStatus::Rescheduled,
        ));
    }
    let booked = Appointments::book_in(&mut tx, &new, desks, now)
        .await?
        .ok_or(AppointmentError::SlotTaken)?;
    let sms = sms(config, Notice::Moved, &booked, office.as_ref(), Some(code));
    Outbox::enqueue_in(&mut tx, &sms, now).await?;
    let detail = format!("replaces {code}");
    audit_in(
        &mut tx,
        now,
        &new.booked_by,
        "appointment.rescheduled",
        &booked,
        &detail,
    )
    .await?;
    tx.commit().await.map_err(StoreError::from)?;
    tracing::info!(old = %code, new = %booked.code(), "appointment rescheduled");
    Ok(booked)
}

/// The citizen's appointment if it is booked and has not started.
async fn active(
    store: &Store,
    tax_code: &TaxCode,
    code: BookingCode,
    now: Timestamp,
) -> Result<Appointment, AppointmentError> {
    let current = find(store, tax_code, code).await?;
    if current.status != AppointmentStatus::Booked {
        return Err(AppointmentError::NotActive(code, current.status));
    }
    if current.start <= now {
        return Err(AppointmentError::AlreadyStarted(code));
    }
    Ok(current)
}

/// The earliest start a booking made at `now` may have.
fn earliest_start(config: &AppointmentsConfig, now: Timestamp) -> Timestamp {
    now.checked_add(i64::from(config.lead_minutes).minutes())
        .unwrap_or(now)
}

fn horizon_end(config: &AppointmentsConfig, now: Timestamp) -> Timestamp {
    now.checked_add((i64::from(config.horizon_days) * 24).hours())
        .unwrap_or(now)
}

/// Checks that `start` is a slot of `service` at `office` that may be booked now, and gives its
/// end.
fn slot_end(
    config: &AppointmentsConfig,
    office: OfficeCode,
    service: ServiceGroup,
    mode: AppointmentMode,
    start: Timestamp,
    now: Timestamp,
) -> Result<Timestamp, AppointmentError> {
    if !config.modes.contains(&mode) {
        return Err(AppointmentError::ModeNotOffered(mode));
    }
    if start <= now {
        return Err(AppointmentError::SlotInPast);
    }
    if start < earliest_start(config, now) {
        return Err(AppointmentError::TooSoon(config.lead_minutes));
    }
    if start > horizon_end(config, now) {
        return Err(AppointmentError::BeyondHorizon(config.horizon_days));
    }
    let zone = config.schedule(office).hours.zone().clone();
    let date = start.to_zoned_datetime(zone).date();
    config
        .slots_on(office, service, date)
        .into_iter()
        .find(|s| s.start.timestamp() == start)
        .map(|s| s.end.timestamp())
        .ok_or(AppointmentError::NotASlot { service, start })
}

async fn audit_in(
    tx: &mut store::Transaction,
    now: Timestamp,
    actor: &str,
    action: &str,
    appointment: &Appointment,
    extra: &str,
) -> Result<(), StoreError> {
    let mut detail = format!(
        "{} office {} {} {} {} desk {}",
        appointment.code(),
        appointment.office,
        appointment.service,
        appointment.mode,
        appointment.start,
        appointment.desk
    );
    if !extra.is_empty() {
        detail.push_str(&format!(" ({extra})"));
    }
    record_audit_in(
        tx,
        now,
        &NewAuditEvent {
            actor: actor.to_owned(),
            action: action.to_owned(),
            subject: Some(appointment.tax_code.as_str().to_owned()),
            detail,
        },
    )
    .await?;
    Ok(())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Notice {
    Confirmed,
    Cancelled,
    Moved,
}

const WEEKDAYS_IT: [&str; 7] = [
    "lunedì",
    "martedì",
    "mercoledì",
    "giovedì",
    "venerdì",
    "sabato",
    "domenica",
];

/// `lunedì 2 marzo 2026 alle 09:30` in the office's zone.
fn when_it(config: &AppointmentsConfig, appointment: &Appointment) -> String {
    let zone = config.schedule(appointment.office).hours.zone().clone();
    let local = appointment.start.to_zoned_datetime(zone);
    let weekday = WEEKDAYS_IT
        .get(usize::from(
            local.weekday().to_monday_zero_offset().unsigned_abs(),
        ))
        .copied()
        .unwrap_or("");
    format!(
        "{weekday} {} alle {:02}:{:02}",
        date_it(local.date()),
        local.hour(),
        local.minute()
    )
}

fn mode_it(mode: AppointmentMode) -> &'static str {
    match mode {
        AppointmentMode::Counter => "allo sportello",
        AppointmentMode::PhoneCallback => "con richiamata telefonica a questo numero",
        AppointmentMode::WebMeeting => {
            "in videochiamata (riceverà il codice della stanza virtuale)"
        }
    }
}

/// The SMS about an appointment, in Italian, to its mobile number.
fn sms(
    config: &AppointmentsConfig,
    notice: Notice,
    appointment: &Appointment,
    office: Option<&Office>,
    replaced: Option<BookingCode>,
) -> NewMessage {
    let place = match office {
        Some(o) => format!("{}, {}, {} {}", o.name, o.street, o.postcode, o.city),
        None => format!("sede INPS {}", appointment.office),
    };
    let when = when_it(config, appointment);
    let service = service_group_it(appointment.service);
    let mode = mode_it(appointment.mode);
    let code = appointment.code();
    let (subject, body) = match notice {
        Notice::Confirmed => (
            "Conferma appuntamento INPS",
            format!(
                "INPS: appuntamento confermato {when} ({service}, {mode}). Sede: {place}. \
                 Codice prenotazione {code}."
            ),
        ),
        Notice::Cancelled => (
            "Appuntamento INPS annullato",
            format!(
                "INPS: l'appuntamento {code} di {when} ({service}) presso {place} è stato \
                 annullato."
            ),
        ),
        Notice::Moved => (
            "Appuntamento INPS spostato",
            format!(
                "INPS: appuntamento spostato a {when} ({service}, {mode}). Sede: {place}. \
                 Nuovo codice prenotazione {code}{}.",
                replaced
                    .map(|old| format!(" (sostituisce {old})"))
                    .unwrap_or_default()
            ),
        ),
    };
    NewMessage {
        channel: OutboxChannel::Sms,
        recipient: appointment.mobile.as_str().to_owned(),
        subject: subject.to_owned(),
        body,
        attachment: None,
        related: Some(format!("appointment:{}", appointment.id)),
    }
}

/// Creates deterministic demo appointments: for about one demo citizen with a mobile number in
/// eight, one future appointment (1 to 20 days after `now`) at the competent office (or another
/// one), in the standard configuration, booked by the citizen or by the office. Written in one
/// transaction per page of citizens; no SMS and no audit events (nothing happened to real
/// people). Returns how many it booked; 0 when there are no offices.
pub async fn seed_demo(store: &Store, now: Timestamp) -> Result<usize, AppointmentError> {
    let config = AppointmentsConfig::standard()?;
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
    const SERVICES: [ServiceGroup; 5] = [
        ServiceGroup::Pensions,
        ServiceGroup::Pensions,
        ServiceGroup::SocialBenefits,
        ServiceGroup::ContributionsAndRecords,
        ServiceGroup::Disability,
    ];
    let mut rng = DemoRng::new(0xA990_1A7E_2026_0006);
    let mut booked = 0usize;
    let mut after = 0;
    loop {
        let page = store.citizens().list(after, 1000).await?;
        let Some(last) = page.last() else { break };
        after = last.id;
        let mut tx = store.begin().await?;
        for citizen in &page {
            let Some(mobile) = citizen.data.mobile.clone() else {
                continue;
            };
            if !rng.chance(12) {
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
            let service = SERVICES[rng.below(SERVICES.len())];
            let mode = if rng.chance(70) {
                AppointmentMode::Counter
            } else {
                AppointmentMode::PhoneCallback
            };
            let zone = config.schedule(office).hours.zone().clone();
            let today = now.to_zoned_datetime(zone).date();
            let day = today
                .checked_add((1 + rng.below(20) as i64).days())
                .unwrap_or(today);
            let slots = config.slots_on(office, service, day);
            if slots.is_empty() {
                continue; // a weekend or a holiday
            }
            let slot = &slots[rng.below(slots.len())];
            let booked_by = if rng.chance(25) {
                format!("office:{office}/demo")
            } else {
                "citizen".to_owned()
            };
            let new = NewAppointment {
                tax_code: citizen.data.tax_code.clone(),
                office,
                service,
                mode,
                start: slot.start.timestamp(),
                end: slot.end.timestamp(),
                mobile,
                booked_by,
                replaces: None,
            };
            let desks = config.schedule(office).desks;
            if Appointments::book_in(&mut tx, &new, desks, now)
                .await?
                .is_some()
            {
                booked += 1;
            }
        }
        tx.commit().await.map_err(StoreError::from)?;
    }
    Ok(booked)
}

#[cfg(test)]
mod tests;
