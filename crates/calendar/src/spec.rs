//! The configuration of a calendar as written in TOML, parsed and checked while deserializing.
//!
//! Owns [`CalendarSpec`] and its parts. Every leaf value is a newtype that parses itself from a
//! string ([`TimeWindow`] through `#[serde(try_from = "String")]`, [`DateSpec`] through a visitor
//! that also explains bare TOML dates) or checks its contents ([`DayHours`], [`DateWindowSpec`]),
//! so a bad value fails inside the deserializer and the `toml` crate's error shows the line,
//! column and offending value. What needs the whole spec (the time
//! zone, clashes between closures, special openings and campaigns) is checked by
//! [`Calendar::from_spec`](crate::Calendar::from_spec).
//!
//! Dates are quoted strings (`"2026-12-24"`), not TOML's bare local dates. Times are wall-clock
//! `"HH:MM-HH:MM"` windows, start inclusive and end exclusive; `24:00` may end a window and means
//! midnight at the end of the day. A window cannot cross midnight: write `"22:00-24:00"` on one
//! day and `"00:00-06:00"` on the next.

use std::fmt;
use std::str::FromStr;

use jiff::civil::{Date, Weekday};
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

/// A value in a calendar spec that does not parse or is inconsistent with itself.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SpecError {
    /// A window is not of the form `HH:MM-HH:MM`.
    #[error("invalid time window {value:?}: expected \"HH:MM-HH:MM\", e.g. \"08:00-20:00\"")]
    WindowSyntax { value: String },
    /// A time of day is malformed or out of range.
    #[error("invalid time {value:?} in window {window:?}: {reason}")]
    Time {
        window: String,
        value: String,
        reason: &'static str,
    },
    /// A window whose end is not after its start.
    #[error(
        "invalid time window {value:?}: the end must be after the start (windows cannot cross \
         midnight; split them at 24:00)"
    )]
    EmptyWindow { value: String },
    /// Two windows of the same day overlap.
    #[error("time windows {first} and {second} overlap")]
    Overlap {
        first: TimeWindow,
        second: TimeWindow,
    },
    /// A date is malformed or does not exist.
    #[error("invalid date {value:?}: {reason}")]
    Date { value: String, reason: String },
    /// A date window ends before it starts.
    #[error("invalid date window: to = {to} is before from = {from}")]
    ReversedDates { from: Date, to: Date },
}

/// Minutes in a day; a window may end at this value (24:00).
const DAY_MINUTES: u16 = 24 * 60;

/// A wall-clock window within one day, `start` inclusive, `end` exclusive, written
/// `"HH:MM-HH:MM"`.
///
/// Invariant: `start < end <= 24:00`; both are whole minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(try_from = "String")]
pub struct TimeWindow {
    start: u16,
    end: u16,
}

impl TimeWindow {
    /// The window from `start` to `end`, given in minutes since midnight.
    pub fn from_minutes(start: u16, end: u16) -> Result<TimeWindow, SpecError> {
        if start >= end || end > DAY_MINUTES {
            return Err(SpecError::EmptyWindow {
                value: format!("{}-{}", Hhmm(start), Hhmm(end)),
            });
        }
        Ok(TimeWindow { start, end })
    }

    /// The whole day, `00:00-24:00`.
    pub const WHOLE_DAY: TimeWindow = TimeWindow {
        start: 0,
        end: DAY_MINUTES,
    };

    /// Start, in minutes since midnight (inclusive).
    pub fn start_minutes(self) -> u16 {
        self.start
    }

    /// End, in minutes since midnight (exclusive); 1440 means 24:00.
    pub fn end_minutes(self) -> u16 {
        self.end
    }
}

impl FromStr for TimeWindow {
    type Err = SpecError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let syntax = || SpecError::WindowSyntax {
            value: s.to_owned(),
        };
        let (start, end) = s.split_once('-').ok_or_else(syntax)?;
        let (start, end) = (start.trim(), end.trim());
        if start.is_empty() || end.is_empty() {
            return Err(syntax());
        }
        let start = parse_time(s, start, false)?;
        let end = parse_time(s, end, true)?;
        if start >= end {
            return Err(SpecError::EmptyWindow {
                value: s.to_owned(),
            });
        }
        Ok(TimeWindow { start, end })
    }
}

impl TryFrom<String> for TimeWindow {
    type Error = SpecError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl fmt::Display for TimeWindow {
    /// `HH:MM-HH:MM`, the form it is written in.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", Hhmm(self.start), Hhmm(self.end))
    }
}

/// Minutes since midnight displayed as `HH:MM`.
struct Hhmm(u16);

impl fmt::Display for Hhmm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

/// Parses `H:MM` or `HH:MM` into minutes since midnight; `24:00` only when `is_end`.
fn parse_time(window: &str, value: &str, is_end: bool) -> Result<u16, SpecError> {
    let err = |reason| SpecError::Time {
        window: window.to_owned(),
        value: value.to_owned(),
        reason,
    };
    let (h, m) = value.split_once(':').ok_or_else(|| err("expected HH:MM"))?;
    let digits = |s: &str, max_len| {
        !s.is_empty() && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit())
    };
    if !digits(h, 2) || !digits(m, 2) || m.len() != 2 {
        return Err(err("expected HH:MM"));
    }
    // At most two ASCII digits each, so both parse and fit.
    let hour: u16 = h.parse().map_err(|_| err("expected HH:MM"))?;
    let minute: u16 = m.parse().map_err(|_| err("expected HH:MM"))?;
    if minute > 59 {
        return Err(err("minutes must be 00-59"));
    }
    match hour {
        0..=23 => Ok(hour * 60 + minute),
        24 if minute == 0 && is_end => Ok(DAY_MINUTES),
        24 if minute == 0 => Err(err("24:00 can only end a window")),
        _ => Err(err("hours must be 00-23 (or 24:00 to end a window)")),
    }
}

/// The opening windows of one day: sorted, not overlapping; windows that touch
/// (`08:00-12:00`, `12:00-14:00`) are merged into one. Empty means closed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(try_from = "Vec<TimeWindow>")]
pub struct DayHours(Vec<TimeWindow>);

impl DayHours {
    /// Checks and normalizes a list of windows; overlapping windows are an error.
    pub fn new(mut windows: Vec<TimeWindow>) -> Result<DayHours, SpecError> {
        windows.sort();
        let mut merged: Vec<TimeWindow> = Vec::with_capacity(windows.len());
        for w in windows {
            match merged.last_mut() {
                Some(last) if w.start < last.end => {
                    return Err(SpecError::Overlap {
                        first: *last,
                        second: w,
                    });
                }
                Some(last) if w.start == last.end => last.end = w.end,
                _ => merged.push(w),
            }
        }
        Ok(DayHours(merged))
    }

    /// The windows, sorted by start.
    pub fn windows(&self) -> &[TimeWindow] {
        &self.0
    }

    /// Whether there is no window (closed all day).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl TryFrom<Vec<TimeWindow>> for DayHours {
    type Error = SpecError;

    fn try_from(value: Vec<TimeWindow>) -> Result<Self, Self::Error> {
        DayHours::new(value)
    }
}

/// Weekly hours: for each day from Monday to Sunday, its windows. A missing day is closed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WeeklyHoursSpec {
    pub mon: DayHours,
    pub tue: DayHours,
    pub wed: DayHours,
    pub thu: DayHours,
    pub fri: DayHours,
    pub sat: DayHours,
    pub sun: DayHours,
}

impl WeeklyHoursSpec {
    /// The hours of one weekday.
    pub fn day(&self, weekday: Weekday) -> &DayHours {
        match weekday {
            Weekday::Monday => &self.mon,
            Weekday::Tuesday => &self.tue,
            Weekday::Wednesday => &self.wed,
            Weekday::Thursday => &self.thu,
            Weekday::Friday => &self.fri,
            Weekday::Saturday => &self.sat,
            Weekday::Sunday => &self.sun,
        }
    }

    /// Whether every day is closed.
    pub fn is_empty(&self) -> bool {
        WEEK.iter().all(|d| self.day(*d).is_empty())
    }
}

/// Monday to Sunday.
pub(crate) const WEEK: [Weekday; 7] = [
    Weekday::Monday,
    Weekday::Tuesday,
    Weekday::Wednesday,
    Weekday::Thursday,
    Weekday::Friday,
    Weekday::Saturday,
    Weekday::Sunday,
];

/// A calendar date written `"YYYY-MM-DD"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateSpec(Date);

impl<'de> Deserialize<'de> for DateSpec {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(DateSpecVisitor)
    }
}

/// Parses a quoted date, and explains the error when TOML gives a bare date (which the `toml`
/// crate hands over as a map).
struct DateSpecVisitor;

impl<'de> Visitor<'de> for DateSpecVisitor {
    type Value = DateSpec;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a quoted date such as \"2026-12-24\"")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<DateSpec, E> {
        value.parse().map_err(E::custom)
    }

    fn visit_map<A: MapAccess<'de>>(self, _map: A) -> Result<DateSpec, A::Error> {
        Err(de::Error::custom(
            "dates must be quoted strings such as \"2026-12-24\" (bare TOML dates are not accepted)",
        ))
    }
}

impl DateSpec {
    /// The date.
    pub fn date(self) -> Date {
        self.0
    }
}

impl From<Date> for DateSpec {
    fn from(date: Date) -> Self {
        DateSpec(date)
    }
}

impl FromStr for DateSpec {
    type Err = SpecError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = |reason: &str| SpecError::Date {
            value: s.to_owned(),
            reason: reason.to_owned(),
        };
        let b = s.as_bytes();
        let shape_ok = b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
        if !shape_ok {
            return Err(err("expected YYYY-MM-DD"));
        }
        // The shape check guarantees ASCII digits of bounded length, so these parse.
        let year: i16 = s[0..4].parse().map_err(|_| err("expected YYYY-MM-DD"))?;
        let month: i8 = s[5..7].parse().map_err(|_| err("expected YYYY-MM-DD"))?;
        let day: i8 = s[8..10].parse().map_err(|_| err("expected YYYY-MM-DD"))?;
        if !(1..=12).contains(&month) {
            return Err(err("the month must be 01-12"));
        }
        Date::new(year, month, day)
            .map(DateSpec)
            .map_err(|_| err("no such day in that month"))
    }
}

impl TryFrom<String> for DateSpec {
    type Error = SpecError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl fmt::Display for DateSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// One date whose hours replace the usual ones, even on a holiday or outside the weekly hours:
/// `{ date = "2026-12-24", hours = ["09:00-12:00"] }`. Empty `hours` closes the day.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpecialOpeningSpec {
    pub date: DateSpec,
    pub hours: DayHours,
}

/// An inclusive range of dates: `{ from = "2026-03-16", to = "2026-10-31" }`.
///
/// Invariant: `from <= to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(try_from = "RawDateWindow")]
pub struct DateWindowSpec {
    from: Date,
    to: Date,
}

impl DateWindowSpec {
    /// The window from `from` to `to`, both included.
    pub fn new(from: Date, to: Date) -> Result<DateWindowSpec, SpecError> {
        if to < from {
            return Err(SpecError::ReversedDates { from, to });
        }
        Ok(DateWindowSpec { from, to })
    }

    /// First day (included).
    pub fn from(&self) -> Date {
        self.from
    }

    /// Last day (included).
    pub fn to(&self) -> Date {
        self.to
    }

    /// Whether `date` is inside the window.
    pub fn contains(&self, date: Date) -> bool {
        self.from <= date && date <= self.to
    }
}

/// A [`DateWindowSpec`] as written, before checking the order of its ends.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDateWindow {
    from: DateSpec,
    to: DateSpec,
}

impl TryFrom<RawDateWindow> for DateWindowSpec {
    type Error = SpecError;

    fn try_from(raw: RawDateWindow) -> Result<Self, Self::Error> {
        DateWindowSpec::new(raw.from.date(), raw.to.date())
    }
}

/// One named calendar as configured, e.g. `[calendars.agents-it]` in the profile.
///
/// ```toml
/// zone = "Europe/Rome"
/// national_holidays = true
/// hours = { mon = ["08:00-20:00"], sat = ["08:00-14:00"] }
/// closures = ["2026-08-14"]
/// special_openings = [{ date = "2026-12-24", hours = ["09:00-12:00"] }]
/// campaigns = [{ from = "2026-03-16", to = "2026-10-31" }]
/// ```
///
/// How a date's hours are decided, first rule that applies:
/// 1. with `campaigns` non-empty, a date outside every campaign is closed;
/// 2. a special opening gives that date's hours;
/// 3. a closure, or a national holiday when `national_holidays` is set, closes the date;
/// 4. `always_open` opens the whole day;
/// 5. otherwise the weekly `hours` of that weekday apply.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarSpec {
    /// IANA time zone the hours are wall-clock times in, e.g. `"Europe/Rome"`.
    pub zone: String,
    /// Closed on Italian national holidays.
    #[serde(default)]
    pub national_holidays: bool,
    /// Open 24 hours a day (automated services); `hours` must then be empty.
    #[serde(default)]
    pub always_open: bool,
    /// Weekly hours, `mon` … `sun`.
    #[serde(default)]
    pub hours: WeeklyHoursSpec,
    /// Extra closed dates.
    #[serde(default)]
    pub closures: Vec<DateSpec>,
    /// Dates with their own hours, which win over national holidays and weekly hours.
    #[serde(default)]
    pub special_openings: Vec<SpecialOpeningSpec>,
    /// When non-empty, the calendar is open only on dates inside one of these windows.
    #[serde(default)]
    pub campaigns: Vec<DateWindowSpec>,
}

impl CalendarSpec {
    /// A spec with the given zone and nothing else (closed at all times until configured).
    pub fn new(zone: impl Into<String>) -> CalendarSpec {
        CalendarSpec {
            zone: zone.into(),
            national_holidays: false,
            always_open: false,
            hours: WeeklyHoursSpec::default(),
            closures: Vec::new(),
            special_openings: Vec::new(),
            campaigns: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn window(s: &str) -> Result<TimeWindow, String> {
        s.parse::<TimeWindow>().map_err(|e| e.to_string())
    }

    #[test]
    fn parses_windows() {
        let w = window("08:00-20:00").unwrap();
        assert_eq!((w.start_minutes(), w.end_minutes()), (480, 1200));
        assert_eq!(w.to_string(), "08:00-20:00");
        assert_eq!(window("8:30 - 9:15").unwrap().to_string(), "08:30-09:15");
        assert_eq!(window("00:00-24:00").unwrap(), TimeWindow::WHOLE_DAY);
    }

    #[test]
    fn rejects_bad_windows_precisely() {
        assert_eq!(
            window("25:00-26:00").unwrap_err(),
            "invalid time \"25:00\" in window \"25:00-26:00\": hours must be 00-23 (or 24:00 to \
             end a window)"
        );
        assert_eq!(
            window("10:00-09:00").unwrap_err(),
            "invalid time window \"10:00-09:00\": the end must be after the start (windows \
             cannot cross midnight; split them at 24:00)"
        );
        assert!(
            window("10:00-10:00")
                .unwrap_err()
                .contains("end must be after")
        );
        assert!(window("0800-2000").unwrap_err().contains("expected HH:MM"));
        assert!(
            window("08:00")
                .unwrap_err()
                .contains("expected \"HH:MM-HH:MM\"")
        );
        assert!(
            window("-")
                .unwrap_err()
                .contains("expected \"HH:MM-HH:MM\"")
        );
        assert!(
            window("08:60-09:00")
                .unwrap_err()
                .contains("minutes must be 00-59")
        );
        assert!(window("08:0-09:00").unwrap_err().contains("expected HH:MM"));
        assert!(
            window("24:00-24:00")
                .unwrap_err()
                .contains("24:00 can only end")
        );
        assert!(
            window("08:00-24:30")
                .unwrap_err()
                .contains("hours must be 00-23")
        );
        assert!(
            window("+8:00-09:00")
                .unwrap_err()
                .contains("expected HH:MM")
        );
        assert!(window("٠٨:00-09:00").is_err());
        assert!(TimeWindow::from_minutes(10, 10).is_err());
        assert!(TimeWindow::from_minutes(10, 1441).is_err());
    }

    #[test]
    fn day_hours_merge_touching_and_reject_overlaps() {
        let w = |s: &str| s.parse::<TimeWindow>().unwrap();
        let day =
            DayHours::new(vec![w("14:00-18:00"), w("08:00-12:00"), w("12:00-13:00")]).unwrap();
        assert_eq!(day.windows(), [w("08:00-13:00"), w("14:00-18:00")]);
        let err = DayHours::new(vec![w("08:00-12:00"), w("11:00-14:00")]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "time windows 08:00-12:00 and 11:00-14:00 overlap"
        );
        assert!(DayHours::new(vec![w("08:00-12:00"), w("08:00-12:00")]).is_err());
    }

    #[test]
    fn parses_dates_strictly() {
        assert_eq!(
            "2026-12-24".parse::<DateSpec>().unwrap().date(),
            date(2026, 12, 24)
        );
        let err = |s: &str| s.parse::<DateSpec>().unwrap_err().to_string();
        assert_eq!(
            err("2026-02-30"),
            "invalid date \"2026-02-30\": no such day in that month"
        );
        assert_eq!(
            err("2026-13-01"),
            "invalid date \"2026-13-01\": the month must be 01-12"
        );
        assert!(err("26-12-24").contains("expected YYYY-MM-DD"));
        assert!(err("2026-12-24T10:00").contains("expected YYYY-MM-DD"));
        assert!(err("2026/12/24").contains("expected YYYY-MM-DD"));
        assert!(err("2026-00-10").contains("01-12"));
        assert!(err("2026-01-00").contains("no such day"));
    }

    #[test]
    fn date_windows_must_not_be_reversed() {
        assert!(DateWindowSpec::new(date(2026, 3, 16), date(2026, 3, 16)).is_ok());
        let err = DateWindowSpec::new(date(2026, 3, 16), date(2026, 3, 15)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid date window: to = 2026-03-15 is before from = 2026-03-16"
        );
    }

    #[test]
    fn deserializes_a_full_spec() {
        let spec: CalendarSpec = toml::from_str(
            r#"
            zone = "Europe/Rome"
            national_holidays = true
            hours = { mon = ["08:00-12:00", "14:00-18:00"], sat = ["08:00-14:00"] }
            closures = ["2026-08-14"]
            special_openings = [{ date = "2026-12-24", hours = ["09:00-12:00"] }]
            campaigns = [{ from = "2026-03-16", to = "2026-10-31" }]
            "#,
        )
        .unwrap();
        assert_eq!(spec.zone, "Europe/Rome");
        assert!(spec.national_holidays && !spec.always_open);
        assert_eq!(spec.hours.mon.windows().len(), 2);
        assert!(spec.hours.tue.is_empty() && !spec.hours.is_empty());
        assert_eq!(
            spec.hours.day(Weekday::Saturday).windows()[0].to_string(),
            "08:00-14:00"
        );
        assert_eq!(spec.closures[0].date(), date(2026, 8, 14));
        assert_eq!(spec.special_openings[0].date.date(), date(2026, 12, 24));
        assert!(spec.campaigns[0].contains(date(2026, 10, 31)));
        assert!(!spec.campaigns[0].contains(date(2026, 11, 1)));
    }

    #[test]
    fn toml_errors_name_the_key_and_the_value() {
        let err = |src: &str| toml::from_str::<CalendarSpec>(src).unwrap_err().to_string();

        let e = err("zone = \"Europe/Rome\"\nhours = { mon = [\"25:00-26:00\"] }\n");
        assert!(
            e.contains("25:00") && e.contains("hours must be 00-23"),
            "{e}"
        );
        assert!(e.contains("line 2"), "{e}");

        let e = err("zone = \"Europe/Rome\"\n[hours]\ntue = [\"10:00-09:00\"]\n");
        assert!(e.contains("10:00-09:00") && e.contains("line 3"), "{e}");

        let e =
            err("zone = \"Europe/Rome\"\nhours = { wed = [\"08:00-12:00\", \"11:00-13:00\"] }\n");
        assert!(e.contains("overlap"), "{e}");

        let e = err("zone = \"Europe/Rome\"\nclosures = [\"2026-02-30\"]\n");
        assert!(e.contains("2026-02-30") && e.contains("line 2"), "{e}");

        let e = err(
            "zone = \"Europe/Rome\"\ncampaigns = [{ from = \"2026-05-01\", to = \"2026-04-01\" }]\n",
        );
        assert!(e.contains("before"), "{e}");

        let e = err("zone = \"Europe/Rome\"\nhours = { monday = [\"08:00-12:00\"] }\n");
        assert!(e.contains("monday"), "{e}");

        let e = err("zone = \"Europe/Rome\"\nclosures = [2026-02-03]\n");
        assert!(e.contains("dates must be quoted strings"), "{e}");

        let e = err("zone = \"Europe/Rome\"\nclosures = [20260203]\n");
        assert!(e.contains("a quoted date such as"), "{e}");

        let e = err("zone = \"Europe/Rome\"\nopen = true\n");
        assert!(e.contains("open"), "{e}");

        let e = err("national_holidays = true\n");
        assert!(e.contains("zone"), "{e}");
    }
}
