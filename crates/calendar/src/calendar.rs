//! A checked calendar in its time zone, and the questions asked of it: open now? opens when?
//! closes when?
//!
//! Owns [`Calendar`] (built from a [`CalendarSpec`] by [`Calendar::from_spec`]), the set of named
//! calendars [`Calendars`], and [`CalendarError`].
//!
//! # From wall-clock windows to instants
//!
//! The hours of a date are decided by the rules listed on [`CalendarSpec`]; each window is a
//! wall-clock range in the calendar's zone, turned into real instants with jiff's
//! *compatible* disambiguation (the same as RFC 5545 and `java.time`):
//! - a time in a **gap** (spring forward, e.g. 02:30 on 29 March 2026 in Rome) is moved forward
//!   by the length of the gap (03:30 CEST);
//! - a time in a **fold** (fall back, e.g. 02:30 on 25 October 2026 in Rome) is the earlier of
//!   its two occurrences (02:30 CEST).
//!
//! So a window `01:00-04:00` lasts 2 hours of real time on 29 March 2026 and 4 hours on
//! 25 October 2026; a window lying wholly inside a gap (`02:00-03:00` on 29 March 2026) lasts
//! nothing and is ignored. `24:00` is midnight at the start of the next day. An open stretch may
//! span several windows and days (a 24/7 calendar is one stretch), which is what
//! [`Calendar::next_close`] follows.
//!
//! # Search horizon
//!
//! [`Calendar::next_open`] and [`Calendar::next_close`] look at most [`SEARCH_HORIZON_DAYS`]
//! dates ahead. Dates outside every campaign are skipped without being counted, so a campaign
//! starting years ahead is still found.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::{Date, Time, Weekday};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ZonedDateTime};

use crate::holidays::national_holiday;
use crate::spec::{CalendarSpec, DateWindowSpec, DayHours, TimeWindow, WEEK};

/// How many dates [`Calendar::next_open`] and [`Calendar::next_close`] examine at most.
pub const SEARCH_HORIZON_DAYS: u32 = 400;

/// The hours of an always-open day.
static WHOLE_DAY: [TimeWindow; 1] = [TimeWindow::WHOLE_DAY];

/// A calendar spec that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// The zone is not a known IANA time zone name.
    #[error("calendar {calendar:?}: unknown time zone {zone:?} ({reason})")]
    UnknownZone {
        calendar: String,
        zone: String,
        reason: String,
    },
    /// `always_open` is set together with weekly hours, which would be meaningless.
    #[error(
        "calendar {calendar:?}: always_open = true cannot be combined with weekly hours \
         (hours.{day} is set)"
    )]
    AlwaysOpenWithHours { calendar: String, day: &'static str },
    /// Two special openings on the same date.
    #[error("calendar {calendar:?}: two special openings on {date}")]
    DuplicateSpecialOpening { calendar: String, date: Date },
    /// A date that is both closed and specially opened.
    #[error("calendar {calendar:?}: {date} is both in closures and in special_openings")]
    ClosedSpecialOpening { calendar: String, date: Date },
    /// A special opening that no campaign covers, so it would never apply.
    #[error("calendar {calendar:?}: the special opening on {date} is outside every campaign")]
    SpecialOpeningOutsideCampaigns { calendar: String, date: Date },
}

/// When a service is open: weekly wall-clock hours in an IANA zone, national holidays, extra
/// closures, special openings and campaign periods, checked and ready to answer.
///
/// All questions take the instant as an argument; nothing here reads the clock.
#[derive(Debug, Clone)]
pub struct Calendar {
    name: String,
    zone: TimeZone,
    national_holidays: bool,
    always_open: bool,
    /// Indexed by `Weekday::to_monday_zero_offset`.
    weekly: [DayHours; 7],
    closures: BTreeSet<Date>,
    special_openings: BTreeMap<Date, DayHours>,
    /// Sorted by first day.
    campaigns: Vec<DateWindowSpec>,
}

impl Calendar {
    /// Checks `spec` and builds the calendar called `name` (the name appears in errors).
    pub fn from_spec(name: &str, spec: &CalendarSpec) -> Result<Calendar, CalendarError> {
        let zone = TimeZone::get(&spec.zone).map_err(|e| CalendarError::UnknownZone {
            calendar: name.to_owned(),
            zone: spec.zone.clone(),
            reason: e.to_string(),
        })?;
        if spec.always_open
            && let Some(day) = WEEK.iter().find(|d| !spec.hours.day(**d).is_empty())
        {
            return Err(CalendarError::AlwaysOpenWithHours {
                calendar: name.to_owned(),
                day: day_key(*day),
            });
        }
        let closures: BTreeSet<Date> = spec.closures.iter().map(|d| d.date()).collect();
        let mut campaigns = spec.campaigns.clone();
        campaigns.sort_by_key(|c| (c.from(), c.to()));
        let mut special_openings = BTreeMap::new();
        for opening in &spec.special_openings {
            let date = opening.date.date();
            if closures.contains(&date) {
                return Err(CalendarError::ClosedSpecialOpening {
                    calendar: name.to_owned(),
                    date,
                });
            }
            if !campaigns.is_empty() && !campaigns.iter().any(|c| c.contains(date)) {
                return Err(CalendarError::SpecialOpeningOutsideCampaigns {
                    calendar: name.to_owned(),
                    date,
                });
            }
            if special_openings
                .insert(date, opening.hours.clone())
                .is_some()
            {
                return Err(CalendarError::DuplicateSpecialOpening {
                    calendar: name.to_owned(),
                    date,
                });
            }
        }
        Ok(Calendar {
            name: name.to_owned(),
            zone,
            national_holidays: spec.national_holidays,
            always_open: spec.always_open,
            weekly: WEEK.map(|d| spec.hours.day(d).clone()),
            closures,
            special_openings,
            campaigns,
        })
    }

    /// The calendar's name, as given to [`Calendar::from_spec`].
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The zone the hours are wall-clock times in.
    pub fn zone(&self) -> &TimeZone {
        &self.zone
    }

    /// Whether the calendar is closed on Italian national holidays.
    pub fn closes_on_national_holidays(&self) -> bool {
        self.national_holidays
    }

    /// Whether the calendar is configured as open 24 hours a day (subject to campaigns,
    /// closures, holidays and special openings).
    pub fn is_always_open(&self) -> bool {
        self.always_open
    }

    /// The weekly hours of `weekday` (empty for an always-open calendar, whose days are whole).
    pub fn weekly_hours(&self, weekday: Weekday) -> &[TimeWindow] {
        self.weekly[weekday_index(weekday)].windows()
    }

    /// The campaign periods, sorted; empty when the calendar is not limited to campaigns.
    pub fn campaigns(&self) -> &[DateWindowSpec] {
        &self.campaigns
    }

    /// The wall-clock windows that apply on `date`, after campaigns, special openings,
    /// closures, holidays and always-open are taken into account (see [`CalendarSpec`]).
    /// Empty when closed all day.
    pub fn hours_on(&self, date: Date) -> &[TimeWindow] {
        if !self.in_campaign(date) {
            return &[];
        }
        if let Some(hours) = self.special_openings.get(&date) {
            return hours.windows();
        }
        if self.closures.contains(&date)
            || (self.national_holidays && national_holiday(date).is_some())
        {
            return &[];
        }
        if self.always_open {
            return &WHOLE_DAY;
        }
        self.weekly_hours(date.weekday())
    }

    /// Whether the calendar opens at some time on `date` (wall-clock hours; a window lost in a
    /// DST gap still counts).
    pub fn open_on_date(&self, date: Date) -> bool {
        !self.hours_on(date).is_empty()
    }

    /// Whether the calendar is open at the instant `at`.
    pub fn is_open(&self, at: Timestamp) -> bool {
        // An interval of a date lies between that date's first instant and the next date's, so
        // the local date of `at` and its neighbours are enough.
        let today = self.zone.to_datetime(at).date();
        [today.yesterday().ok(), Some(today), today.tomorrow().ok()]
            .into_iter()
            .flatten()
            .flat_map(|d| self.intervals_on(d))
            .any(|(start, end)| start <= at && at < end)
    }

    /// The earliest instant at or after `after` at which the calendar is open: `after` itself
    /// when it is open then, otherwise the start of the next opening.
    ///
    /// `None` when it never opens again: every campaign is over, or no opening is found within
    /// [`SEARCH_HORIZON_DAYS`] (e.g. no hours at all).
    pub fn next_open(&self, after: Timestamp) -> Option<ZonedDateTime> {
        let mut walk = self.walk_from(after)?;
        loop {
            for (start, end) in self.intervals_on(walk.date) {
                if end > after {
                    return Some(self.zoned(start.max(after)));
                }
            }
            if !walk.advance(self) {
                return None;
            }
        }
    }

    /// When the open stretch containing `after` ends: the first instant after `after` at which
    /// the calendar is closed.
    ///
    /// `None` when the calendar is closed at `after`, or when it stays open for the whole
    /// [`SEARCH_HORIZON_DAYS`] (an always-open calendar never closes).
    pub fn next_close(&self, after: Timestamp) -> Option<ZonedDateTime> {
        if !self.is_open(after) {
            return None;
        }
        if self.never_closes() {
            return None;
        }
        let mut walk = self.walk_from(after)?;
        let mut stretch_end: Option<Timestamp> = None;
        loop {
            for (start, end) in self.intervals_on(walk.date) {
                match stretch_end {
                    None if start <= after && after < end => stretch_end = Some(end),
                    None => {}
                    Some(current) if start <= current => stretch_end = Some(current.max(end)),
                    Some(current) => return Some(self.zoned(current)),
                }
            }
            if !walk.advance(self) {
                // No more dates (campaigns over): the stretch ends with the last interval;
                // the horizon reached: it may go on, so the answer is unknown.
                return if walk.exhausted {
                    stretch_end.map(|end| self.zoned(end))
                } else {
                    None
                };
            }
        }
    }

    /// The real-time intervals `[start, end)` in which the calendar is open on `date`, sorted
    /// and non-empty.
    fn intervals_on(&self, date: Date) -> Vec<(Timestamp, Timestamp)> {
        self.hours_on(date)
            .iter()
            .filter_map(|w| {
                let start = self.instant(date, w.start_minutes())?;
                let end = self.instant(date, w.end_minutes())?;
                (start < end).then_some((start, end))
            })
            .collect()
    }

    /// The instant of wall-clock `minutes` after midnight on `date` (1440 = next midnight),
    /// with compatible disambiguation; `None` only at the edges of jiff's range.
    fn instant(&self, date: Date, minutes: u16) -> Option<Timestamp> {
        let (date, minutes) = if minutes >= 24 * 60 {
            (date.tomorrow().ok()?, minutes - 24 * 60)
        } else {
            (date, minutes)
        };
        let hour = i8::try_from(minutes / 60).ok()?;
        let minute = i8::try_from(minutes % 60).ok()?;
        let time = Time::new(hour, minute, 0, 0).ok()?;
        self.zone
            .to_ambiguous_timestamp(date.to_datetime(time))
            .compatible()
            .ok()
    }

    fn zoned(&self, at: Timestamp) -> ZonedDateTime {
        at.to_zoned_datetime(self.zone.clone())
    }

    /// Whether `date` is inside a campaign (always, when there are no campaigns).
    fn in_campaign(&self, date: Date) -> bool {
        self.campaigns.is_empty() || self.campaigns.iter().any(|c| c.contains(date))
    }

    /// The first date on or after `date` inside a campaign (`date` itself without campaigns).
    fn campaign_date_from(&self, date: Date) -> Option<Date> {
        if self.in_campaign(date) {
            return Some(date);
        }
        self.campaigns
            .iter()
            .map(|c| c.from())
            .filter(|from| *from > date)
            .min()
    }

    /// Open at every instant, with nothing that could close it.
    fn never_closes(&self) -> bool {
        self.always_open
            && self.campaigns.is_empty()
            && self.closures.is_empty()
            && self.special_openings.is_empty()
            && !self.national_holidays
    }

    /// A walk over the dates that may hold intervals ending after `after`, starting the day
    /// before its local date.
    fn walk_from(&self, after: Timestamp) -> Option<DateWalk> {
        let today = self.zone.to_datetime(after).date();
        let first = today.yesterday().unwrap_or(today);
        Some(DateWalk {
            date: self.campaign_date_from(first)?,
            examined: 1,
            exhausted: false,
        })
    }
}

/// Dates in increasing order, skipping those outside campaigns, at most
/// [`SEARCH_HORIZON_DAYS`] of them.
struct DateWalk {
    date: Date,
    examined: u32,
    /// Set when the walk ended because there are no more dates (not because of the horizon).
    exhausted: bool,
}

impl DateWalk {
    /// Moves to the next date; false when the walk is over.
    fn advance(&mut self, calendar: &Calendar) -> bool {
        if self.examined >= SEARCH_HORIZON_DAYS {
            return false;
        }
        let next = self
            .date
            .tomorrow()
            .ok()
            .and_then(|d| calendar.campaign_date_from(d));
        match next {
            Some(date) => {
                self.date = date;
                self.examined += 1;
                true
            }
            None => {
                self.exhausted = true;
                false
            }
        }
    }
}

fn weekday_index(weekday: Weekday) -> usize {
    // 0..=6 by construction.
    weekday.to_monday_zero_offset().unsigned_abs().into()
}

/// The key of a weekday in the `hours` table.
fn day_key(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Monday => "mon",
        Weekday::Tuesday => "tue",
        Weekday::Wednesday => "wed",
        Weekday::Thursday => "thu",
        Weekday::Friday => "fri",
        Weekday::Saturday => "sat",
        Weekday::Sunday => "sun",
    }
}

/// The configured calendars, by name.
#[derive(Debug, Clone, Default)]
pub struct Calendars {
    by_name: BTreeMap<String, Calendar>,
}

impl Calendars {
    /// Checks and builds every calendar; the first error (in name order) is returned.
    pub fn from_specs(specs: &BTreeMap<String, CalendarSpec>) -> Result<Self, CalendarError> {
        let by_name = specs
            .iter()
            .map(|(name, spec)| Ok((name.clone(), Calendar::from_spec(name, spec)?)))
            .collect::<Result<_, CalendarError>>()?;
        Ok(Calendars { by_name })
    }

    /// The calendar called `name`.
    pub fn get(&self, name: &str) -> Option<&Calendar> {
        self.by_name.get(name)
    }

    /// Whether a calendar called `name` exists.
    pub fn contains(&self, name: &str) -> bool {
        self.by_name.contains_key(name)
    }

    /// The names, sorted.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.by_name.keys().map(String::as_str)
    }

    /// The calendars, sorted by name.
    pub fn iter(&self) -> impl Iterator<Item = &Calendar> {
        self.by_name.values()
    }

    /// How many calendars there are.
    pub fn len(&self) -> usize {
        self.by_name.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.by_name.is_empty()
    }
}

impl<'a> IntoIterator for &'a Calendars {
    type Item = &'a Calendar;
    type IntoIter = std::collections::btree_map::Values<'a, String, Calendar>;

    fn into_iter(self) -> Self::IntoIter {
        self.by_name.values()
    }
}

#[cfg(test)]
mod tests;
