//! Typed identifiers, so an office code is never confused with any other number.

use std::fmt;
use std::str::FromStr;

/// Why a text is not a valid identifier.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error("office code {0:?} must be exactly 4 digits")]
    OfficeCode(String),
    #[error("contact id {0:?} is not a positive number")]
    ContactId(String),
}

/// The 4-digit code of a territorial office ("sede").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OfficeCode([u8; 4]);

impl OfficeCode {
    pub fn as_str(&self) -> &str {
        // Only ASCII digits are ever stored (see `from_str`), so this is valid UTF-8.
        std::str::from_utf8(&self.0).unwrap_or("????")
    }
}

impl FromStr for OfficeCode {
    type Err = IdError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().as_bytes();
        match <[u8; 4]>::try_from(t) {
            Ok(code) if code.iter().all(u8::is_ascii_digit) => Ok(OfficeCode(code)),
            _ => Err(IdError::OfficeCode(s.to_owned())),
        }
    }
}

impl fmt::Display for OfficeCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One contact: a call, a WebCall or a portal session handled by the contact center.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ContactId(i64);

impl ContactId {
    pub fn new(value: i64) -> Result<Self, IdError> {
        if value > 0 {
            Ok(ContactId(value))
        } else {
            Err(IdError::ContactId(value.to_string()))
        }
    }

    pub fn get(self) -> i64 {
        self.0
    }
}

impl FromStr for ContactId {
    type Err = IdError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        s.trim()
            .parse::<i64>()
            .ok()
            .and_then(|v| ContactId::new(v).ok())
            .ok_or_else(|| IdError::ContactId(s.to_owned()))
    }
}

impl fmt::Display for ContactId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn office_codes_are_four_digits() {
        assert_eq!(
            "0100".parse::<OfficeCode>().map(|c| c.to_string()),
            Ok("0100".into())
        );
        assert!("100".parse::<OfficeCode>().is_err());
        assert!("01a0".parse::<OfficeCode>().is_err());
        assert!("01000".parse::<OfficeCode>().is_err());
    }

    #[test]
    fn contact_ids_are_positive() {
        assert_eq!("42".parse::<ContactId>().map(ContactId::get), Ok(42));
        assert!("0".parse::<ContactId>().is_err());
        assert!("x".parse::<ContactId>().is_err());
    }
}
