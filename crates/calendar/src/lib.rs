//! Calendars of the contact center: Italian national holidays, working days, and when each
//! service (agents in Italian, agents in foreign languages, automated services, seasonal
//! campaigns) is open.
//!
//! # Contract
//!
//! Everything here is pure: no clock reads, no I/O, no global state beyond jiff's time zone
//! database. The current instant is always an input (`now` is a [`jiff::Timestamp`] argument),
//! answers about instants are [`jiff::ZonedDateTime`]s in the calendar's zone (jiff 1.0 renamed
//! `Zoned` to `ZonedDateTime`), and answers about days are [`jiff::civil::Date`]s. No function
//! panics on input: invalid configuration is a [`SpecError`] (while deserializing) or a
//! [`CalendarError`] (while building), and dates beyond jiff's range degrade to empty answers.
//!
//! # Layout
//!
//! - `easter`: [`easter_sunday`], the Gregorian computus.
//! - `holidays`: [`national_holidays`] with their legal history since 1950, [`is_working_day`]
//!   and [`next_working_day`] (on or after) for deadlines.
//! - `spec`: [`CalendarSpec`], the TOML shape of a calendar, validated while deserializing.
//! - `calendar`: [`Calendar`] and [`Calendars`]: `is_open`, `next_open`, `next_close`, with DST
//!   handled by jiff's compatible disambiguation.
//! - `describe`: [`Calendar::describe`], the weekly hours in words in the eight languages.

mod calendar;
mod describe;
mod easter;
mod holidays;
mod spec;

pub use calendar::{Calendar, CalendarError, Calendars, SEARCH_HORIZON_DAYS};
pub use easter::easter_sunday;
pub use holidays::{
    Holiday, is_working_day, national_holiday, national_holidays, next_working_day,
};
pub use spec::{
    CalendarSpec, DateSpec, DateWindowSpec, DayHours, SpecError, SpecialOpeningSpec, TimeWindow,
    WeeklyHoursSpec,
};
