//! Quarters, the Saturday rule, partial weeks, due dates (DOMAIN §5.1, §5.3, §2.5).

use jiff::civil::{Weekday, date};

use super::*;

fn yq(year: i16, quarter: u8) -> YearQuarter {
    YearQuarter {
        year,
        quarter: Quarter::ALL[usize::from(quarter - 1)],
    }
}

fn hours(h: u32) -> WeeklyHours {
    WeeklyHours::from_hours(h).unwrap()
}

#[test]
fn quarters_parse_with_a_clear_error() {
    assert_eq!(Quarter::parse("1"), Ok(Quarter::Q1));
    assert_eq!(Quarter::parse(" q3 "), Ok(Quarter::Q3));
    assert_eq!(Quarter::parse("Q4"), Ok(Quarter::Q4));
    for bad in ["5", "0", "", "Q", "first", "1.0", "-1"] {
        let err = Quarter::parse(bad).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("quarter {bad:?} must be 1, 2, 3 or 4")
        );
    }
    assert_eq!(Quarter::Q2.to_string(), "Q2");
    assert_eq!(yq(2026, 2).to_string(), "Q2 2026");
    assert_eq!(yq(2026, 1).previous(), yq(2025, 4));
    assert_eq!(yq(2025, 4).next(), yq(2026, 1));
}

/// DOMAIN §5.3: the week windows and due dates of 2024–2026 (all 13 weeks).
#[test]
fn week_windows_and_due_dates_of_2024_to_2026() {
    #[rustfmt::skip]
    let expected = [
        (2024, 1, date(2023, 12, 31), date(2024, 3, 30), date(2024, 4, 10)),
        (2024, 2, date(2024, 3, 31), date(2024, 6, 29), date(2024, 7, 10)),
        (2024, 3, date(2024, 6, 30), date(2024, 9, 28), date(2024, 10, 10)),
        (2024, 4, date(2024, 9, 29), date(2024, 12, 28), date(2025, 1, 10)),
        (2025, 1, date(2024, 12, 29), date(2025, 3, 29), date(2025, 4, 10)),
        (2025, 2, date(2025, 3, 30), date(2025, 6, 28), date(2025, 7, 10)),
        (2025, 3, date(2025, 6, 29), date(2025, 9, 27), date(2025, 10, 10)),
        (2025, 4, date(2025, 9, 28), date(2025, 12, 27), date(2026, 1, 12)),
        (2026, 1, date(2025, 12, 28), date(2026, 3, 28), date(2026, 4, 10)),
        (2026, 2, date(2026, 3, 29), date(2026, 6, 27), date(2026, 7, 10)),
        (2026, 3, date(2026, 6, 28), date(2026, 9, 26), date(2026, 10, 12)),
        (2026, 4, date(2026, 9, 27), date(2026, 12, 26), date(2027, 1, 11)),
    ];
    for (year, quarter, first, last, due) in expected {
        let period = yq(year, quarter);
        let weeks = quarter_weeks(period).unwrap();
        assert_eq!(
            weeks,
            QuarterWeeks {
                first_day: first,
                last_day: last,
                weeks: 13
            },
            "{period}"
        );
        assert_eq!(weeks.first_day.weekday(), Weekday::Sunday);
        assert_eq!(weeks.last_day.weekday(), Weekday::Saturday);
        assert_eq!(regular_due_date(period).unwrap(), due, "{period}");
    }
}

/// Never 13 by assumption: DOMAIN §5.3 lists quarters of 12 and 14 weeks.
#[test]
fn quarters_of_twelve_and_fourteen_weeks() {
    let cases = [
        (2022, 4, 14, date(2022, 9, 25), date(2022, 12, 31)),
        (2023, 1, 12, date(2023, 1, 1), date(2023, 3, 25)),
        (2023, 3, 14, date(2023, 6, 25), date(2023, 9, 30)),
        (2028, 3, 14, date(2028, 6, 25), date(2028, 9, 30)),
        // DOMAIN's 2006 example: Sun 1 Jan – Sat 25 Mar, 12 weeks.
        (2006, 1, 12, date(2006, 1, 1), date(2006, 3, 25)),
    ];
    for (year, quarter, weeks, first, last) in cases {
        let got = quarter_weeks(yq(year, quarter)).unwrap();
        assert_eq!(
            (got.weeks, got.first_day, got.last_day),
            (weeks, first, last)
        );
        let h = quarter_hours(yq(year, quarter), hours(10), None, None).unwrap();
        assert_eq!(h.hundredths, i64::from(weeks) * 1000, "{year} Q{quarter}");
        assert_eq!((h.weeks, h.partial_weeks), (weeks, 0));
    }
    // Every quarter for 30 years: 12–14 Saturdays, the windows tile the calendar.
    let mut period = yq(2000, 1);
    let mut next_first = quarter_weeks(period).unwrap().first_day;
    for _ in 0..120 {
        let w = quarter_weeks(period).unwrap();
        assert!((12..=14).contains(&w.weeks), "{period}: {}", w.weeks);
        assert_eq!(w.first_day, next_first, "{period}");
        next_first = w.last_day.tomorrow().unwrap();
        period = period.next();
    }
}

#[test]
fn due_dates_move_past_weekends_and_holidays() {
    // 10 Jan 2026 Saturday → Monday 12; 10 Oct 2026 Saturday → Monday 12 (4 October, the new
    // national holiday, is not involved); 10 Jan 2027 Sunday → Monday 11.
    assert_eq!(regular_due_date(yq(2025, 4)).unwrap(), date(2026, 1, 12));
    assert_eq!(regular_due_date(yq(2026, 3)).unwrap(), date(2026, 10, 12));
    assert_eq!(regular_due_date(yq(2026, 4)).unwrap(), date(2027, 1, 11));
    // 10 April 2023 was Easter Monday → Tuesday 11.
    assert_eq!(regular_due_date(yq(2023, 1)).unwrap(), date(2023, 4, 11));
    // A relationship that ends: within 10 days, if earlier.
    assert_eq!(
        due_date(yq(2026, 1), Some(date(2026, 2, 13))).unwrap(),
        date(2026, 2, 23),
        "13 Feb + 10 = Monday 23 Feb"
    );
    assert_eq!(
        due_date(yq(2026, 1), Some(date(2026, 2, 12))).unwrap(),
        date(2026, 2, 23),
        "12 Feb + 10 = Sunday 22 Feb → Monday 23"
    );
    assert_eq!(
        due_date(yq(2026, 1), Some(date(2026, 3, 31))).unwrap(),
        date(2026, 4, 10),
        "31 Mar + 10 = 10 Apr, the regular date"
    );
    assert_eq!(
        due_date(yq(2026, 1), Some(date(2026, 12, 31))).unwrap(),
        date(2026, 4, 10),
        "a later end leaves the regular date"
    );
}

#[test]
fn partial_first_and_last_weeks_count_their_working_days() {
    let q1 = yq(2026, 1); // Sun 28 Dec 2025 – Sat 28 Mar 2026
    // Starts Thursday 5 March: Thu, Fri, Sat of that week (3/6 of 12 h = 6 h), then 3 full weeks.
    let h = quarter_hours(q1, hours(12), Some(date(2026, 3, 5)), None).unwrap();
    assert_eq!(
        h,
        QuarterHours {
            weeks: 4,
            partial_weeks: 1,
            hundredths: 600 + 3 * 1200
        }
    );
    // Ends Wednesday 11 February: 6 full weeks (the first starts in 2025: Sun 28 Dec – Sat 3
    // Jan), then Mon–Wed of the week of 14 February (3/6).
    let h = quarter_hours(
        q1,
        hours(12),
        Some(date(2025, 11, 1)),
        Some(date(2026, 2, 11)),
    )
    .unwrap();
    assert_eq!(
        h,
        QuarterHours {
            weeks: 7,
            partial_weeks: 1,
            hundredths: 6 * 1200 + 600
        }
    );
    // Starting on a Sunday or a Monday is a full week; ending on a Sunday adds nothing.
    let h = quarter_hours(q1, hours(12), Some(date(2026, 3, 15)), None).unwrap();
    assert_eq!(
        h,
        QuarterHours {
            weeks: 2,
            partial_weeks: 0,
            hundredths: 2400
        }
    );
    let h = quarter_hours(q1, hours(12), Some(date(2026, 3, 16)), None).unwrap();
    assert_eq!(
        h,
        QuarterHours {
            weeks: 2,
            partial_weeks: 0,
            hundredths: 2400
        }
    );
    let h = quarter_hours(
        q1,
        hours(12),
        Some(date(2026, 3, 1)),
        Some(date(2026, 3, 8)),
    )
    .unwrap();
    assert_eq!(
        h,
        QuarterHours {
            weeks: 1,
            partial_weeks: 0,
            hundredths: 1200
        }
    );
    // One day (a Saturday), 10 h a week: 10/6 h = 1.666… → 1.67 h.
    let h = quarter_hours(q1, hours(10), Some(date(2026, 3, 28)), None).unwrap();
    assert_eq!(
        h,
        QuarterHours {
            weeks: 1,
            partial_weeks: 1,
            hundredths: 167
        }
    );
    // Started and ended within one week: Tue–Thu, 3 days.
    let h = quarter_hours(
        q1,
        hours(12),
        Some(date(2026, 3, 10)),
        Some(date(2026, 3, 12)),
    )
    .unwrap();
    assert_eq!(
        h,
        QuarterHours {
            weeks: 1,
            partial_weeks: 1,
            hundredths: 600
        }
    );
    // Days after the last Saturday of March belong to Q2: a start on Sunday 29 March adds nothing
    // to Q1, and its first week is Q2's.
    let h = quarter_hours(q1, hours(12), Some(date(2026, 3, 29)), None).unwrap();
    assert_eq!(h.hundredths, 0);
    let h = quarter_hours(yq(2026, 2), hours(12), Some(date(2026, 3, 29)), None).unwrap();
    assert_eq!(
        h,
        QuarterHours {
            weeks: 13,
            partial_weeks: 0,
            hundredths: 13 * 1200
        }
    );
    // The week of Monday 29 December 2025 is Q1 2026's: a relationship ending Tuesday 30
    // December has 2 days in Q1 2026 and none of that week in Q4 2025.
    let q4 = yq(2025, 4);
    let h = quarter_hours(
        q4,
        hours(12),
        Some(date(2025, 12, 1)),
        Some(date(2025, 12, 30)),
    )
    .unwrap();
    assert_eq!(
        h,
        QuarterHours {
            weeks: 4,
            partial_weeks: 0,
            hundredths: 4 * 1200
        }
    );
    let h = quarter_hours(
        q1,
        hours(12),
        Some(date(2025, 12, 1)),
        Some(date(2025, 12, 30)),
    )
    .unwrap();
    assert_eq!(
        h,
        QuarterHours {
            weeks: 1,
            partial_weeks: 1,
            hundredths: 400
        }
    );
    assert_eq!(YearQuarter::of_week_of(date(2025, 12, 30)).unwrap(), q1);
}

#[test]
fn years_outside_the_calendar_are_refused() {
    for year in [1949, 9999, -5] {
        assert!(matches!(
            quarter_weeks(yq(year, 1)),
            Err(DomesticError::YearOutOfRange { .. })
        ));
        assert!(matches!(
            regular_due_date(yq(year, 4)),
            Err(DomesticError::YearOutOfRange { .. })
        ));
    }
    assert_eq!(regular_due_date(yq(9998, 4)).unwrap().year(), 9999);
}
