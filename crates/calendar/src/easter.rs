//! The date of Easter Sunday (Gregorian computus), on which four Italian holidays hang.
//!
//! Owns one function, [`easter_sunday`], implementing the anonymous Gregorian algorithm (Meeus,
//! Jones, Butcher). It is valid for the whole proleptic Gregorian calendar; the tests compare it,
//! year by year from 1900 to 2200, with the `computus` crate and with Gauss's algorithm.

use jiff::civil::Date;

/// The first and last year jiff can represent; years outside are clamped to this range.
const MIN_YEAR: i16 = -9999;
const MAX_YEAR: i16 = 9999;

/// Easter Sunday of `year` in the Gregorian calendar (anonymous Gregorian / Meeus–Jones–Butcher
/// algorithm).
///
/// The result always falls between 22 March and 25 April. Years outside jiff's range
/// (-9999..=9999) are clamped to it, so the function never panics; for years before 1583 the date
/// is that of the proleptic Gregorian calendar, not the Julian Easter actually celebrated.
pub fn easter_sunday(year: i16) -> Date {
    let year = year.clamp(MIN_YEAR, MAX_YEAR);
    let y = i32::from(year);
    // Euclidean division keeps every intermediate value in its usual range for negative years.
    let a = y.rem_euclid(19);
    let b = y.div_euclid(100);
    let c = y.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let n = h + l - 7 * m + 114;
    let month = n / 31;
    let day = n % 31 + 1;
    // a ∈ 0..19, h ∈ 0..30, l ∈ 0..7 and m ∈ {0, 1} bound n to 113..=146, so month is 3 or 4
    // and day is 1..=31; the algorithm only yields 22 March..=25 April, which the test
    // `every_representable_year_is_between_22_march_and_25_april` checks for every year.
    Date::new(year, month as i8, day as i8)
        .expect("the computus always yields a date between 22 March and 25 April")
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    /// Gauss's Easter algorithm with the tabulated M and N of the Gregorian calendar, written
    /// independently of [`easter_sunday`] so the two can check each other.
    fn gauss(year: i16) -> Date {
        let y = i32::from(year);
        let (m, n) = match y {
            1583..=1699 => (22, 2),
            1700..=1799 => (23, 3),
            1800..=1899 => (23, 4),
            1900..=2099 => (24, 5),
            2100..=2199 => (24, 6),
            2200..=2299 => (25, 0),
            _ => panic!("no Gauss table entry for {year}"),
        };
        let a = y % 19;
        let b = y % 4;
        let c = y % 7;
        let d = (19 * a + m) % 30;
        let e = (2 * b + 4 * c + 6 * d + n) % 7;
        let (month, day) = if d + e < 10 {
            (3, 22 + d + e)
        } else {
            let day = d + e - 9;
            if d == 29 && e == 6 {
                (4, 19)
            } else if d == 28 && e == 6 && (11 * m + 11) % 30 < 19 {
                (4, 18)
            } else {
                (4, day)
            }
        };
        date(year, month as i8, day as i8)
    }

    #[test]
    fn domain_table() {
        let table = [
            (2024, 3, 31),
            (2025, 4, 20),
            (2026, 4, 5),
            (2027, 3, 28),
            (2028, 4, 16),
            (2029, 4, 1),
            (2030, 4, 21),
            (2031, 4, 13),
            (2032, 3, 28),
            (2033, 4, 17),
            (2034, 4, 9),
            (2035, 3, 25),
        ];
        for (y, m, d) in table {
            assert_eq!(easter_sunday(y), date(y, m, d), "Easter {y}");
        }
    }

    #[test]
    fn agrees_with_computus_crate_1900_to_2200() {
        for year in 1900..=2200_i16 {
            let other = computus::gregorian(i32::from(year)).expect("year in computus range");
            let ours = easter_sunday(year);
            assert_eq!(
                (
                    i32::from(ours.year()),
                    ours.month() as u32,
                    ours.day() as u32
                ),
                (other.year, other.month, other.day),
                "Easter {year}"
            );
        }
    }

    #[test]
    fn agrees_with_gauss_1900_to_2200() {
        for year in 1900..=2200_i16 {
            assert_eq!(easter_sunday(year), gauss(year), "Easter {year}");
        }
    }

    #[test]
    fn gauss_exceptions_are_exercised() {
        // 1981 and 2076 hit the 26 → 19 April rule, 1954 and 2049 the 25 → 18 April rule.
        assert_eq!(easter_sunday(1981), date(1981, 4, 19));
        assert_eq!(easter_sunday(2076), date(2076, 4, 19));
        assert_eq!(easter_sunday(1954), date(1954, 4, 18));
        assert_eq!(easter_sunday(2049), date(2049, 4, 18));
    }

    #[test]
    fn every_representable_year_is_between_22_march_and_25_april() {
        for year in i16::MIN..=i16::MAX {
            let easter = easter_sunday(year);
            let clamped = year.clamp(MIN_YEAR, MAX_YEAR);
            assert_eq!(easter.year(), clamped);
            assert!(
                easter >= date(clamped, 3, 22) && easter <= date(clamped, 4, 25),
                "{year}"
            );
            assert_eq!(easter.weekday(), jiff::civil::Weekday::Sunday, "{year}");
        }
    }
}
