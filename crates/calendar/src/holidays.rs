//! Italian national (civil) holidays, year by year since 1950, and working days.
//!
//! Owns the list of *giorni festivi* valid for the whole country, [`national_holidays`], the
//! lookup of one date, [`national_holiday`], and the working-day arithmetic used for deadlines,
//! [`is_working_day`] and [`next_working_day`]. Local patron-saint days (e.g. 29 June in Rome,
//! 7 December in Milan) are not national holidays and are not modelled: a calendar that needs
//! them lists them as `closures`.
//!
//! # History encoded here
//!
//! - **Law 27 May 1949 n. 260** (in force for all of 1950 onwards) lists: 1 January
//!   (Capodanno), 6 January (Epifania), 19 March (San Giuseppe), 25 April (Festa della
//!   Liberazione), Easter Sunday (Pasqua) and Monday (Lunedì dell'Angelo), Ascension (the
//!   Thursday 39 days after Easter), Corpus Domini (the Thursday 60 days after Easter), 1 May
//!   (Festa del Lavoro), 2 June (Festa della Repubblica), 29 June (Santi Pietro e Paolo),
//!   15 August (Assunzione, Ferragosto), 1 November (Ognissanti), 4 November (Giorno dell'Unità
//!   Nazionale), 8 December (Immacolata Concezione), 25 December (Natale) and 26 December
//!   (Santo Stefano).
//! - **Law 4 March 1958 n. 132** adds 4 October, San Francesco d'Assisi patrono d'Italia, a
//!   holiday from 1958 up to and including 1977.
//! - **Law 5 March 1977 n. 54** (in force 8 March 1977) abolishes Epiphany, San Giuseppe,
//!   Ascension, Corpus Domini and Santi Pietro e Paolo, and moves the Festa della Repubblica and
//!   the Giorno dell'Unità Nazionale to the first Sunday of June and of November, so 2 June and
//!   4 November stop being holidays from 1977. Epiphany 1977 had already been kept (6 January
//!   precedes the law), so 1977 is the last year with Epiphany; San Giuseppe 1977 (19 March,
//!   after the law) is not a holiday. 4 October is treated as kept in 1977 and gone from 1978
//!   (the 2026 restoration was reported as ending "48 years of absence").
//! - **DPR 28 December 1985 n. 792**: Epiphany is a holiday again from 1986.
//! - **Law 20 November 2000 n. 336**: 2 June is a holiday again from 2001.
//! - **Law 2025 n. 151** (in force 1 January 2026): 4 October, Festa nazionale di San Francesco
//!   d'Assisi, is a holiday again from 2026. It is not one in 1978–2025 (law 24/2005 made it only
//!   a *solennità civile*, which is not a day off).
//!
//! Years before 1950 are not modelled: [`national_holidays`] returns an empty list for them, so
//! for those years only weekends count as non-working days. Years after 9999 (beyond what jiff
//! represents) also yield an empty list.
//!
//! Sundays that are also holidays (Easter always, and any fixed-date holiday falling on a
//! Sunday) are listed all the same: the list is of holidays, not of days off gained.

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};

use crate::easter::easter_sunday;

/// First year whose holidays are modelled (law 260/1949 applies from 1950).
const FIRST_YEAR: i16 = 1950;
/// Last year jiff represents.
const LAST_YEAR: i16 = 9999;

/// One national holiday on one date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Holiday {
    /// The day of the holiday.
    pub date: Date,
    /// The Italian name, e.g. "Lunedì dell'Angelo".
    pub name: &'static str,
    /// The English name, e.g. "Easter Monday".
    pub english_name: &'static str,
}

/// How a holiday's date is found in a given year.
#[derive(Clone, Copy)]
enum When {
    /// A fixed day of the year: month, day.
    Fixed(i8, i8),
    /// A number of days after Easter Sunday.
    AfterEaster(i32),
}

/// One entry of the law's list, with the years it applies to.
struct Rule {
    when: When,
    name: &'static str,
    english_name: &'static str,
    /// Inclusive ranges of years in which the day is a holiday.
    years: &'static [(i16, i16)],
}

/// All years modelled.
const ALWAYS: &[(i16, i16)] = &[(FIRST_YEAR, LAST_YEAR)];
/// Abolished by law 54/1977 from 1977 (all of these fall after 8 March).
const UNTIL_1976: &[(i16, i16)] = &[(FIRST_YEAR, 1976)];

/// The rules in the order of the list in article 2 of law 260/1949 (as amended), which is also
/// the order used for two holidays on the same date.
const RULES: &[Rule] = &[
    Rule {
        when: When::Fixed(1, 1),
        name: "Capodanno",
        english_name: "New Year's Day",
        years: ALWAYS,
    },
    Rule {
        when: When::Fixed(1, 6),
        name: "Epifania",
        english_name: "Epiphany",
        // Kept on 6 January 1977 (law 54/1977 came in March), restored by DPR 792/1985.
        years: &[(FIRST_YEAR, 1977), (1986, LAST_YEAR)],
    },
    Rule {
        when: When::Fixed(3, 19),
        name: "San Giuseppe",
        english_name: "Saint Joseph's Day",
        years: UNTIL_1976,
    },
    Rule {
        when: When::Fixed(4, 25),
        name: "Festa della Liberazione",
        english_name: "Liberation Day",
        years: ALWAYS,
    },
    Rule {
        when: When::AfterEaster(0),
        name: "Pasqua",
        english_name: "Easter Sunday",
        years: ALWAYS,
    },
    Rule {
        when: When::AfterEaster(1),
        name: "Lunedì dell'Angelo",
        english_name: "Easter Monday",
        years: ALWAYS,
    },
    Rule {
        when: When::AfterEaster(39),
        name: "Ascensione",
        english_name: "Ascension Day",
        years: UNTIL_1976,
    },
    Rule {
        when: When::AfterEaster(60),
        name: "Corpus Domini",
        english_name: "Corpus Christi",
        years: UNTIL_1976,
    },
    Rule {
        when: When::Fixed(5, 1),
        name: "Festa del Lavoro",
        english_name: "Labour Day",
        years: ALWAYS,
    },
    Rule {
        when: When::Fixed(6, 2),
        name: "Festa della Repubblica",
        english_name: "Republic Day",
        // Moved to a Sunday by law 54/1977, back on 2 June by law 336/2000.
        years: &[(FIRST_YEAR, 1976), (2001, LAST_YEAR)],
    },
    Rule {
        when: When::Fixed(6, 29),
        name: "Santi Pietro e Paolo",
        english_name: "Saints Peter and Paul",
        years: UNTIL_1976,
    },
    Rule {
        when: When::Fixed(8, 15),
        name: "Assunzione (Ferragosto)",
        english_name: "Assumption Day (Ferragosto)",
        years: ALWAYS,
    },
    Rule {
        when: When::Fixed(10, 4),
        name: "San Francesco d'Assisi, patrono d'Italia",
        english_name: "Saint Francis of Assisi, patron saint of Italy",
        // Law 132/1958 until its suppression in 1977.
        years: &[(1958, 1977)],
    },
    Rule {
        when: When::Fixed(10, 4),
        name: "Festa nazionale di San Francesco d'Assisi",
        english_name: "National Day of Saint Francis of Assisi",
        // Law 151/2025.
        years: &[(2026, LAST_YEAR)],
    },
    Rule {
        when: When::Fixed(11, 1),
        name: "Ognissanti",
        english_name: "All Saints' Day",
        years: ALWAYS,
    },
    Rule {
        when: When::Fixed(11, 4),
        name: "Giorno dell'Unità Nazionale",
        english_name: "National Unity Day",
        // Moved to the first Sunday of November by law 54/1977.
        years: UNTIL_1976,
    },
    Rule {
        when: When::Fixed(12, 8),
        name: "Immacolata Concezione",
        english_name: "Immaculate Conception",
        years: ALWAYS,
    },
    Rule {
        when: When::Fixed(12, 25),
        name: "Natale",
        english_name: "Christmas Day",
        years: ALWAYS,
    },
    Rule {
        when: When::Fixed(12, 26),
        name: "Santo Stefano",
        english_name: "Saint Stephen's Day",
        years: ALWAYS,
    },
];

/// The Italian national holidays of `year`, sorted by date.
///
/// Empty for years before 1950 (not modelled) and after 9999. Two holidays can share a date
/// (e.g. Easter Monday and 25 April in 2011): both are listed, in the order of the law.
pub fn national_holidays(year: i16) -> Vec<Holiday> {
    if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
        return Vec::new();
    }
    let easter = easter_sunday(year);
    let mut holidays: Vec<Holiday> = RULES
        .iter()
        .filter(|rule| {
            rule.years
                .iter()
                .any(|(from, to)| (*from..=*to).contains(&year))
        })
        .filter_map(|rule| {
            let date = match rule.when {
                When::Fixed(month, day) => Date::new(year, month, day).ok()?,
                When::AfterEaster(days) => easter.checked_add(days.days()).ok()?,
            };
            Some(Holiday {
                date,
                name: rule.name,
                english_name: rule.english_name,
            })
        })
        .collect();
    // A stable sort keeps the law's order for holidays on the same date.
    holidays.sort_by_key(|h| h.date);
    holidays
}

/// The national holiday falling on `date`, if any (the first in the law's order when two
/// coincide).
pub fn national_holiday(date: Date) -> Option<Holiday> {
    national_holidays(date.year())
        .into_iter()
        .find(|h| h.date == date)
}

/// Whether `date` is a working day: neither Saturday nor Sunday nor a national holiday.
pub fn is_working_day(date: Date) -> bool {
    !matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday)
        && national_holiday(date).is_none()
}

/// The first working day **on or after** `date`: `date` itself when it is a working day,
/// otherwise the next one.
///
/// This is the rule for deadlines that fall on a non-working day (they move to the next working
/// day): Saturday 10 January 2026 → Monday 12 January 2026; Friday 10 April 2026 → itself.
/// At the very end of jiff's range (31 December 9999) the last representable date is returned.
pub fn next_working_day(date: Date) -> Date {
    let mut day = date;
    while !is_working_day(day) {
        match day.tomorrow() {
            Ok(next) => day = next,
            Err(_) => break,
        }
    }
    day
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn dates(year: i16) -> Vec<(i8, i8)> {
        national_holidays(year)
            .iter()
            .map(|h| (h.date.month(), h.date.day()))
            .collect()
    }

    fn is_holiday(y: i16, m: i8, d: i8) -> bool {
        national_holiday(date(y, m, d)).is_some()
    }

    #[test]
    fn calendar_2025() {
        assert_eq!(
            dates(2025),
            [
                (1, 1),
                (1, 6),
                (4, 20),
                (4, 21),
                (4, 25),
                (5, 1),
                (6, 2),
                (8, 15),
                (11, 1),
                (12, 8),
                (12, 25),
                (12, 26)
            ]
        );
    }

    #[test]
    fn calendar_2026() {
        assert_eq!(
            dates(2026),
            [
                (1, 1),
                (1, 6),
                (4, 5),
                (4, 6),
                (4, 25),
                (5, 1),
                (6, 2),
                (8, 15),
                (10, 4),
                (11, 1),
                (12, 8),
                (12, 25),
                (12, 26)
            ]
        );
        let names: Vec<_> = national_holidays(2026).iter().map(|h| h.name).collect();
        assert_eq!(
            names,
            [
                "Capodanno",
                "Epifania",
                "Pasqua",
                "Lunedì dell'Angelo",
                "Festa della Liberazione",
                "Festa del Lavoro",
                "Festa della Repubblica",
                "Assunzione (Ferragosto)",
                "Festa nazionale di San Francesco d'Assisi",
                "Ognissanti",
                "Immacolata Concezione",
                "Natale",
                "Santo Stefano"
            ]
        );
    }

    #[test]
    fn calendar_2027() {
        assert_eq!(
            dates(2027),
            [
                (1, 1),
                (1, 6),
                (3, 28),
                (3, 29),
                (4, 25),
                (5, 1),
                (6, 2),
                (8, 15),
                (10, 4),
                (11, 1),
                (12, 8),
                (12, 25),
                (12, 26)
            ]
        );
    }

    #[test]
    fn calendar_1960_under_law_260_1949_and_132_1958() {
        // Easter 1960: 17 April.
        assert_eq!(
            dates(1960),
            [
                (1, 1),
                (1, 6),
                (3, 19),
                (4, 17),
                (4, 18),
                (4, 25),
                (5, 1),
                (5, 26),
                (6, 2),
                (6, 16),
                (6, 29),
                (8, 15),
                (10, 4),
                (11, 1),
                (11, 4),
                (12, 8),
                (12, 25),
                (12, 26)
            ]
        );
        assert_eq!(
            national_holiday(date(1960, 5, 26)).map(|h| h.name),
            Some("Ascensione")
        );
        assert_eq!(
            national_holiday(date(1960, 6, 16)).map(|h| h.name),
            Some("Corpus Domini")
        );
    }

    #[test]
    fn saint_francis_on_4_october() {
        assert!(is_holiday(1960, 10, 4));
        assert!(is_holiday(1977, 10, 4));
        assert!(!is_holiday(1978, 10, 4));
        assert!(!is_holiday(2025, 10, 4));
        assert!(is_holiday(2026, 10, 4));
        assert!(is_holiday(2027, 10, 4));
        assert!(!is_holiday(1957, 10, 4));
        assert_eq!(
            national_holiday(date(1977, 10, 4)).map(|h| h.name),
            Some("San Francesco d'Assisi, patrono d'Italia")
        );
    }

    #[test]
    fn epiphany_abolished_1978_to_1985() {
        assert!(is_holiday(1977, 1, 6));
        assert!(!is_holiday(1978, 1, 6));
        assert!(!is_holiday(1980, 1, 6));
        assert!(!is_holiday(1985, 1, 6));
        assert!(is_holiday(1986, 1, 6));
    }

    #[test]
    fn republic_day_and_unity_day() {
        assert!(is_holiday(1976, 6, 2));
        assert!(!is_holiday(1977, 6, 2));
        assert!(!is_holiday(1990, 6, 2));
        assert!(!is_holiday(2000, 6, 2));
        assert!(is_holiday(2001, 6, 2));
        assert!(is_holiday(1976, 11, 4));
        assert!(!is_holiday(1977, 11, 4));
        assert!(!is_holiday(2026, 11, 4));
    }

    #[test]
    fn law_54_1977_abolitions() {
        let easter_1977 = easter_sunday(1977); // 10 April
        assert!(!is_holiday(1977, 3, 19));
        assert!(national_holiday(easter_1977.saturating_add(39.days())).is_none());
        assert!(national_holiday(easter_1977.saturating_add(60.days())).is_none());
        assert!(!is_holiday(1977, 6, 29));
        assert!(is_holiday(1976, 3, 19));
        assert!(is_holiday(1976, 6, 29));
    }

    #[test]
    fn coinciding_holidays_are_both_listed() {
        // 2011: Easter Monday is 25 April.
        let on_25_april: Vec<_> = national_holidays(2011)
            .into_iter()
            .filter(|h| h.date == date(2011, 4, 25))
            .map(|h| h.english_name)
            .collect();
        assert_eq!(on_25_april, ["Liberation Day", "Easter Monday"]);
        assert_eq!(
            national_holiday(date(2011, 4, 25)).map(|h| h.name),
            Some("Festa della Liberazione")
        );
    }

    #[test]
    fn years_outside_the_model_are_empty() {
        assert!(national_holidays(1949).is_empty());
        assert!(national_holidays(i16::MIN).is_empty());
        assert!(national_holidays(i16::MAX).is_empty());
        assert_eq!(national_holidays(1950).len(), 17);
        assert_eq!(national_holidays(9999).len(), 13);
    }

    #[test]
    fn lists_are_sorted_and_within_their_year() {
        for year in 1950..=2200 {
            let list = national_holidays(year);
            assert!(list.windows(2).all(|w| w[0].date <= w[1].date), "{year}");
            assert!(list.iter().all(|h| h.date.year() == year), "{year}");
        }
    }

    #[test]
    fn working_days() {
        assert!(is_working_day(date(2026, 4, 10))); // Friday
        assert!(!is_working_day(date(2026, 4, 11))); // Saturday
        assert!(!is_working_day(date(2026, 4, 12))); // Sunday
        assert!(!is_working_day(date(2026, 4, 6))); // Easter Monday
        assert!(!is_working_day(date(2026, 12, 8))); // Tuesday, Immacolata
    }

    #[test]
    fn next_working_day_is_on_or_after() {
        assert_eq!(next_working_day(date(2026, 1, 10)), date(2026, 1, 12));
        assert_eq!(next_working_day(date(2026, 10, 10)), date(2026, 10, 12));
        assert_eq!(next_working_day(date(2027, 1, 10)), date(2027, 1, 11));
        assert_eq!(next_working_day(date(2026, 4, 10)), date(2026, 4, 10));
        // Saturday 4 April 2026 → Easter Sunday → Easter Monday → Tuesday 7 April.
        assert_eq!(next_working_day(date(2026, 4, 4)), date(2026, 4, 7));
        // Christmas Eve 2026 is a Thursday, 25 and 26 are holidays, then a Sunday.
        assert_eq!(next_working_day(date(2026, 12, 25)), date(2026, 12, 28));
        assert_eq!(
            next_working_day(jiff::civil::Date::MAX),
            jiff::civil::Date::MAX
        );
    }
}
