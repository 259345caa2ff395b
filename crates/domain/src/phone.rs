//! Phone numbers in E.164 form, and the mobile numbers that can receive an SMS.

use std::fmt;
use std::str::FromStr;

/// A mobile number able to receive SMS, normalised to E.164 (`+393331234567`).
///
/// Accepted input: an Italian mobile with or without the country prefix (`333 123 4567`,
/// `+39 333 1234567`, `0039 3331234567`), or any international number written with `+` or `00`.
/// Spaces, dots, dashes and parentheses are ignored. Italian numbers must be mobiles (a `3`
/// after the country code, 9 or 10 digits); landlines cannot receive SMS.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MobileNumber(String);

/// Why a text is not a mobile number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhoneError {
    #[error("phone number is empty")]
    Empty,
    #[error(
        "phone number contains {0:?}: only digits, a leading +, spaces, dots and dashes are allowed"
    )]
    InvalidCharacter(char),
    #[error("an Italian mobile number starts with 3 and has 9 or 10 digits; this one is {0}")]
    NotItalianMobile(String),
    #[error("an international number has 8 to 15 digits after the +; this one has {0}")]
    WrongLength(usize),
}

impl MobileNumber {
    /// The number in E.164 form, `+` and digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// True when the number is Italian (+39).
    pub fn is_italian(&self) -> bool {
        self.0.starts_with("+39")
    }
}

impl FromStr for MobileNumber {
    type Err = PhoneError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut digits = String::with_capacity(s.len());
        let mut international = false;
        for (i, ch) in s.trim().chars().enumerate() {
            match ch {
                '0'..='9' => digits.push(ch),
                '+' if i == 0 => international = true,
                ' ' | '.' | '-' | '(' | ')' | '/' => {}
                other => return Err(PhoneError::InvalidCharacter(other)),
            }
        }
        if digits.is_empty() {
            return Err(PhoneError::Empty);
        }
        if !international && let Some(rest) = digits.strip_prefix("00") {
            digits = rest.to_owned();
            international = true;
        }
        let national = if international {
            match digits.strip_prefix("39") {
                Some(rest) => rest.to_owned(),
                None => {
                    if !(8..=15).contains(&digits.len()) {
                        return Err(PhoneError::WrongLength(digits.len()));
                    }
                    return Ok(MobileNumber(format!("+{digits}")));
                }
            }
        } else {
            digits
        };
        if national.starts_with('3') && (9..=10).contains(&national.len()) {
            Ok(MobileNumber(format!("+39{national}")))
        } else {
            Err(PhoneError::NotItalianMobile(national))
        }
    }
}

impl fmt::Display for MobileNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<String, PhoneError> {
        s.parse::<MobileNumber>().map(|m| m.to_string())
    }

    #[test]
    fn normalises_italian_mobiles() {
        assert_eq!(parse("333 123 4567"), Ok("+393331234567".into()));
        assert_eq!(parse("+39 333-1234567"), Ok("+393331234567".into()));
        assert_eq!(parse("0039 (333) 1234567"), Ok("+393331234567".into()));
        assert!(parse("3331234567").is_ok_and(|m| m.starts_with("+39")));
    }

    #[test]
    fn accepts_foreign_numbers_in_international_form() {
        assert_eq!(parse("+49 151 23456789"), Ok("+4915123456789".into()));
        assert_eq!(parse("0033612345678"), Ok("+33612345678".into()));
    }

    #[test]
    fn rejects_landlines_and_garbage() {
        assert_eq!(
            parse("06 164164"),
            Err(PhoneError::NotItalianMobile("06164164".into()))
        );
        assert_eq!(parse("333x"), Err(PhoneError::InvalidCharacter('x')));
        assert_eq!(parse("  "), Err(PhoneError::Empty));
        assert_eq!(parse("+1234"), Err(PhoneError::WrongLength(4)));
    }
}
