//! Amounts of euro in integer cents: no floating point ever touches money.

use std::fmt;
use std::ops::{Add, Sub};
use std::str::FromStr;

/// An amount of euro, held as a signed number of cents.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Money(i64);

impl Money {
    pub const ZERO: Money = Money(0);

    pub const fn from_cents(cents: i64) -> Money {
        Money(cents)
    }

    pub const fn cents(self) -> i64 {
        self.0
    }

    /// Whole euro part (truncated toward zero) and the remaining cents (same sign).
    pub const fn euros_and_cents(self) -> (i64, i64) {
        (self.0 / 100, self.0 % 100)
    }

    /// Multiplies by a factor given in hundredths (e.g. `hours` × hourly amount where hours come
    /// in hundredths), rounding half away from zero to the cent.
    pub fn mul_hundredths(self, hundredths: i64) -> Option<Money> {
        let product = i128::from(self.0) * i128::from(hundredths);
        let rounded = if product >= 0 {
            (product + 50) / 100
        } else {
            (product - 50) / 100
        };
        i64::try_from(rounded).ok().map(Money)
    }

    pub fn checked_add(self, other: Money) -> Option<Money> {
        self.0.checked_add(other.0).map(Money)
    }

    /// Formats in the Italian way: `1.234,56 €`.
    pub fn to_italian(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let euros = (abs / 100).to_string();
        let mut grouped = String::with_capacity(euros.len() + euros.len() / 3);
        for (i, ch) in euros.chars().enumerate() {
            if i > 0 && (euros.len() - i).is_multiple_of(3) {
                grouped.push('.');
            }
            grouped.push(ch);
        }
        format!("{sign}{grouped},{:02} €", abs % 100)
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money(self.0 + rhs.0)
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        Money(self.0 - rhs.0)
    }
}

/// Why a text is not an amount of euro.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("amount {0:?} is not a number of euro like 12.34")]
    NotANumber(String),
    #[error("amount {0:?} has more than two decimal places")]
    TooPrecise(String),
    #[error("amount {0:?} is too large")]
    TooLarge(String),
}

impl FromStr for Money {
    type Err = MoneyError;

    /// Parses `12`, `12.3`, `12.34` or `12,34` (euro with up to two decimals), optionally negative.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let text = s.trim();
        let (negative, body) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (whole, fraction) = match body.split_once(['.', ',']) {
            Some((w, f)) => (w, f),
            None => (body, ""),
        };
        let digits_only = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || !digits_only(whole) || !digits_only(fraction) {
            return Err(MoneyError::NotANumber(s.to_owned()));
        }
        if fraction.len() > 2 {
            return Err(MoneyError::TooPrecise(s.to_owned()));
        }
        let euros: i64 = whole
            .parse()
            .map_err(|_| MoneyError::TooLarge(s.to_owned()))?;
        let cents: i64 = format!("{fraction:0<2}").parse().unwrap_or(0);
        let total = euros
            .checked_mul(100)
            .and_then(|c| c.checked_add(cents))
            .ok_or_else(|| MoneyError::TooLarge(s.to_owned()))?;
        Ok(Money(if negative { -total } else { total }))
    }
}

impl fmt::Display for Money {
    /// `1234.56` style, for logs and machine output.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        write!(f, "{sign}{}.{:02}", abs / 100, abs % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_euro_amounts() {
        assert_eq!("12".parse(), Ok(Money::from_cents(1200)));
        assert_eq!("12.3".parse(), Ok(Money::from_cents(1230)));
        assert_eq!("12,34".parse(), Ok(Money::from_cents(1234)));
        assert_eq!("-0.05".parse(), Ok(Money::from_cents(-5)));
        assert!(matches!(
            "1.234".parse::<Money>(),
            Err(MoneyError::TooPrecise(_))
        ));
        assert!(matches!(
            "abc".parse::<Money>(),
            Err(MoneyError::NotANumber(_))
        ));
        assert!(matches!(
            ".5".parse::<Money>(),
            Err(MoneyError::NotANumber(_))
        ));
        assert!(matches!(
            "99999999999999999999".parse::<Money>(),
            Err(MoneyError::TooLarge(_))
        ));
    }

    #[test]
    fn formats_for_machines_and_italians() {
        let m = Money::from_cents(123456);
        assert_eq!(m.to_string(), "1234.56");
        assert_eq!(m.to_italian(), "1.234,56 €");
        assert_eq!(Money::from_cents(-5).to_string(), "-0.05");
        assert_eq!(
            Money::from_cents(100_000_000).to_italian(),
            "1.000.000,00 €"
        );
    }

    #[test]
    fn multiplies_by_hundredths_with_rounding() {
        // 1.68 €/h × 12.5 h = 21.00 €
        assert_eq!(
            Money::from_cents(168).mul_hundredths(1250),
            Some(Money::from_cents(2100))
        );
        // 0.35 × 0.5 = 0.175 → 0.18
        assert_eq!(
            Money::from_cents(35).mul_hundredths(50),
            Some(Money::from_cents(18))
        );
    }
}
