//! The calendar of domestic contributions: quarters, the weeks that belong to each (the Saturday
//! rule), the paid hours of a relationship in a quarter, and the due dates (DOMAIN §5.1, §5.3,
//! §2.5).
//!
//! # Weeks and hours
//!
//! INPS counts whole weeks, Sunday to Saturday, and a week belongs to the quarter in which its
//! **Saturday** falls: the quarter's weeks are its Saturdays, 12, 13 or 14 of them (never assumed
//! to be 13). A week that starts in the previous quarter (Sunday 28 December 2025) belongs to the
//! quarter of its Saturday (Q1 2026); the days after the quarter's last Saturday belong to the
//! next quarter.
//!
//! The hours of a quarter are its weeks × the weekly hours. When the relationship starts or ends
//! inside a week, that week is partial: the weekly hours are spread over the six working days of
//! the domestic week, Monday to Saturday (the CCNL's rest day is Sunday, and DOMAIN's "÷ 26
//! working days a month" assumes the same six-day week), and the partial week counts
//! `weekly hours × working days covered ÷ 6`, rounded half up to the hundredth of an hour. A
//! week whose covered days are only its Sunday counts no hours and is not a week of the
//! relationship.
//!
//! # Due dates
//!
//! The contributions of a quarter are due by the 10th of the month after it (10 April, 10 July,
//! 10 October, 10 January), moved to the next working day when that is a Saturday, Sunday or
//! national holiday. When the relationship ends, everything still open is due within 10 days of
//! its last day (moved the same way), if that is earlier than the quarter's own date.

use std::fmt;

use calendar::next_working_day;
use jiff::Span;
use jiff::civil::Date;
use store::domestic::WeeklyHours;

use super::DomesticError;

/// A quarter of the calendar year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Quarter {
    Q1,
    Q2,
    Q3,
    Q4,
}

/// Why a text is not a quarter.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("quarter {0:?} must be 1, 2, 3 or 4")]
pub struct QuarterError(pub String);

impl Quarter {
    pub const ALL: [Quarter; 4] = [Quarter::Q1, Quarter::Q2, Quarter::Q3, Quarter::Q4];

    /// Parses `1`..`4` or `Q1`..`Q4` (any case).
    pub fn parse(text: &str) -> Result<Quarter, QuarterError> {
        let trimmed = text.trim();
        let digits = trimmed
            .strip_prefix(['Q', 'q'])
            .unwrap_or(trimmed)
            .trim_start();
        match digits {
            "1" => Ok(Quarter::Q1),
            "2" => Ok(Quarter::Q2),
            "3" => Ok(Quarter::Q3),
            "4" => Ok(Quarter::Q4),
            _ => Err(QuarterError(text.to_owned())),
        }
    }

    /// 1 to 4.
    pub fn number(self) -> u8 {
        match self {
            Quarter::Q1 => 1,
            Quarter::Q2 => 2,
            Quarter::Q3 => 3,
            Quarter::Q4 => 4,
        }
    }

    /// The quarter of a month (1–12; anything above 12 counts as Q4).
    pub fn of_month(month: i8) -> Quarter {
        match month {
            ..=3 => Quarter::Q1,
            4..=6 => Quarter::Q2,
            7..=9 => Quarter::Q3,
            _ => Quarter::Q4,
        }
    }

    fn first_month(self) -> i8 {
        match self {
            Quarter::Q1 => 1,
            Quarter::Q2 => 4,
            Quarter::Q3 => 7,
            Quarter::Q4 => 10,
        }
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Q{}", self.number())
    }
}

/// A quarter of a given year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct YearQuarter {
    pub year: i16,
    pub quarter: Quarter,
}

impl YearQuarter {
    /// The years the schedule can compute (the holiday calendar starts in 1950).
    pub const YEARS: std::ops::RangeInclusive<i16> = 1950..=9998;

    /// Checks the year is within [`YearQuarter::YEARS`].
    pub fn new(year: i16, quarter: Quarter) -> Result<YearQuarter, DomesticError> {
        if Self::YEARS.contains(&year) {
            Ok(YearQuarter { year, quarter })
        } else {
            Err(DomesticError::YearOutOfRange { year })
        }
    }

    /// The calendar quarter `date` falls in.
    pub fn of_date(date: Date) -> YearQuarter {
        YearQuarter {
            year: date.year(),
            quarter: Quarter::of_month(date.month()),
        }
    }

    /// The quarter a week belongs to: that of its Saturday (the week of `date` runs from the
    /// Sunday on or before it to the following Saturday).
    pub fn of_week_of(date: Date) -> Result<YearQuarter, DomesticError> {
        let saturday = add_days(date, i64::from(6 - date.weekday().to_sunday_zero_offset()))?;
        Ok(YearQuarter::of_date(saturday))
    }

    pub fn next(self) -> YearQuarter {
        match self.quarter {
            Quarter::Q1 => YearQuarter {
                quarter: Quarter::Q2,
                ..self
            },
            Quarter::Q2 => YearQuarter {
                quarter: Quarter::Q3,
                ..self
            },
            Quarter::Q3 => YearQuarter {
                quarter: Quarter::Q4,
                ..self
            },
            Quarter::Q4 => YearQuarter {
                year: self.year.saturating_add(1),
                quarter: Quarter::Q1,
            },
        }
    }

    pub fn previous(self) -> YearQuarter {
        match self.quarter {
            Quarter::Q1 => YearQuarter {
                year: self.year.saturating_sub(1),
                quarter: Quarter::Q4,
            },
            Quarter::Q2 => YearQuarter {
                quarter: Quarter::Q1,
                ..self
            },
            Quarter::Q3 => YearQuarter {
                quarter: Quarter::Q2,
                ..self
            },
            Quarter::Q4 => YearQuarter {
                quarter: Quarter::Q3,
                ..self
            },
        }
    }

    fn first_day(self) -> Result<Date, DomesticError> {
        Date::new(self.year, self.quarter.first_month(), 1)
            .map_err(|_| DomesticError::YearOutOfRange { year: self.year })
    }

    fn last_day(self) -> Result<Date, DomesticError> {
        Ok(Date::new(self.year, self.quarter.first_month() + 2, 1)
            .map_err(|_| DomesticError::YearOutOfRange { year: self.year })?
            .last_of_month())
    }
}

impl fmt::Display for YearQuarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.quarter, self.year)
    }
}

/// The weeks of a quarter: those whose Saturday is in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuarterWeeks {
    /// The Sunday that starts the first week (possibly in the previous quarter).
    pub first_day: Date,
    /// The quarter's last Saturday.
    pub last_day: Date,
    /// How many Saturdays the quarter has: 12, 13 or 14.
    pub weeks: u32,
}

/// The weeks of a quarter by the Saturday rule.
pub fn quarter_weeks(yq: YearQuarter) -> Result<QuarterWeeks, DomesticError> {
    let yq = YearQuarter::new(yq.year, yq.quarter)?;
    let first = yq.first_day()?;
    let last = yq.last_day()?;
    let first_saturday = add_days(
        first,
        i64::from(6 - first.weekday().to_sunday_zero_offset()),
    )?;
    let last_saturday = add_days(
        last,
        -i64::from((last.weekday().to_sunday_zero_offset() + 1) % 7),
    )?;
    let weeks = days_between(first_saturday, last_saturday) / 7 + 1;
    Ok(QuarterWeeks {
        first_day: add_days(first_saturday, -6)?,
        last_day: last_saturday,
        weeks: u32::try_from(weeks).unwrap_or(0),
    })
}

/// The paid hours of a quarter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuarterHours {
    /// Weeks with at least one working day of the relationship (full and partial).
    pub weeks: u32,
    /// Of those, the weeks the relationship covers only in part (its first or last).
    pub partial_weeks: u32,
    /// Hours to pay on, in hundredths of an hour.
    pub hundredths: i64,
}

/// The paid hours of a quarter for `weekly_hours`, limited to the relationship's `start` and
/// `end` (inclusive, when given): see the module documentation for partial weeks.
pub fn quarter_hours(
    yq: YearQuarter,
    weekly_hours: WeeklyHours,
    start: Option<Date>,
    end: Option<Date>,
) -> Result<QuarterHours, DomesticError> {
    let window = quarter_weeks(yq)?;
    let weekly = i64::from(weekly_hours.hundredths());
    let mut hours = QuarterHours {
        weeks: 0,
        partial_weeks: 0,
        hundredths: 0,
    };
    let mut saturday = window.last_day;
    for _ in 0..window.weeks {
        let monday = add_days(saturday, -5)?;
        let from = start.map_or(monday, |s| s.max(monday));
        let to = end.map_or(saturday, |e| e.min(saturday));
        let covered = if to < from {
            0
        } else {
            days_between(from, to) + 1
        };
        match covered {
            0 => {}
            6 => {
                hours.weeks += 1;
                hours.hundredths += weekly;
            }
            days => {
                hours.weeks += 1;
                hours.partial_weeks += 1;
                hours.hundredths += (weekly * days + 3) / 6;
            }
        }
        saturday = add_days(saturday, -7)?;
    }
    Ok(hours)
}

/// The quarter's own due date: the 10th of the month after it, moved past Saturdays, Sundays
/// and holidays.
pub fn regular_due_date(yq: YearQuarter) -> Result<Date, DomesticError> {
    let yq = YearQuarter::new(yq.year, yq.quarter)?;
    let first_of_next = yq.next().first_day()?;
    let tenth = Date::new(first_of_next.year(), first_of_next.month(), 10)
        .map_err(|_| DomesticError::YearOutOfRange { year: yq.year })?;
    Ok(next_working_day(tenth))
}

/// The due date of a quarter for a relationship that ends on `end` (if it does): the regular
/// date, or 10 days after the end (moved to a working day) when that is earlier.
pub fn due_date(yq: YearQuarter, end: Option<Date>) -> Result<Date, DomesticError> {
    let regular = regular_due_date(yq)?;
    match end {
        Some(end) => {
            let on_termination = next_working_day(add_days(end, 10)?);
            Ok(regular.min(on_termination))
        }
        None => Ok(regular),
    }
}

fn add_days(date: Date, days: i64) -> Result<Date, DomesticError> {
    date.checked_add(Span::new().days(days))
        .map_err(|_| DomesticError::YearOutOfRange { year: date.year() })
}

/// Whole days from `from` to `to` (negative when `to` is earlier).
fn days_between(from: Date, to: Date) -> i64 {
    to.duration_since(from).as_secs() / 86_400
}

#[cfg(test)]
mod tests;
