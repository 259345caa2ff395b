//! The two numbers an application is known by: the DOMUS number and the protocol number.

use std::fmt;
use std::str::FromStr;

use domain::OfficeCode;
use jiff::civil::Date;

/// The 13-digit number DOMUS (the institute's applications system) gives an application.
///
/// Parsing ignores whitespace (`"9153 0005 57739"`); anything else must be a digit. No check
/// digit is known, so any 13 digits are a well-formed number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DomusNumber([u8; 13]);

/// Why a text is not a DOMUS number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomusNumberError {
    #[error("the DOMUS number is empty")]
    Empty,
    #[error("a DOMUS number has 13 digits, this one has {length} characters")]
    WrongLength { length: usize },
    #[error("a DOMUS number has only digits, found {found:?} at position {position}")]
    NotADigit { position: usize, found: char },
}

impl DomusNumber {
    pub const LENGTH: usize = 13;

    /// Parses a DOMUS number; see the type's documentation.
    pub fn parse(input: &str) -> Result<DomusNumber, DomusNumberError> {
        let significant = || input.chars().filter(|c| !c.is_whitespace());
        let length = significant().count();
        if length == 0 {
            return Err(DomusNumberError::Empty);
        }
        if let Some((index, found)) = significant().enumerate().find(|(_, c)| !c.is_ascii_digit()) {
            return Err(DomusNumberError::NotADigit {
                position: index + 1,
                found,
            });
        }
        if length != Self::LENGTH {
            return Err(DomusNumberError::WrongLength { length });
        }
        let mut digits = [0u8; Self::LENGTH];
        for (slot, c) in digits.iter_mut().zip(significant()) {
            *slot = c as u8; // an ASCII digit, checked above
        }
        Ok(DomusNumber(digits))
    }

    /// The number given to the `sequence`-th application (1, 2, …): always 13 digits starting
    /// with 9, different for every sequence number below 10¹², and not consecutive, so that a
    /// number does not hint at its neighbours. Not a secret: a look-up also needs the tax code
    /// or the applicant's identity.
    pub fn from_sequence(sequence: u64) -> Option<DomusNumber> {
        const SPACE: u64 = 1_000_000_000_000;
        // A multiplier coprime with 10 makes `x ↦ (x·A + B) mod 10¹²` a permutation.
        const A: u128 = 379_721_539_463;
        const B: u128 = 153_000_557_739;
        if sequence >= SPACE {
            return None;
        }
        let scrambled = (u128::from(sequence) * A + B) % u128::from(SPACE);
        // `scrambled` < 10¹², so the sum has exactly 13 digits.
        DomusNumber::parse(&(9 * SPACE + scrambled as u64).to_string()).ok()
    }

    pub fn as_str(&self) -> &str {
        // Only ASCII digits are ever stored.
        std::str::from_utf8(&self.0).unwrap_or("?????????????")
    }
}

impl FromStr for DomusNumber {
    type Err = DomusNumberError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        DomusNumber::parse(s)
    }
}

impl fmt::Display for DomusNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The protocol number an application receives at submission, in the form
/// `INPS.SSSS.dd/mm/yyyy.NNNNNNN`: the office's 4-digit code (each office keeps its own
/// register), the registration date and a progressive number per office and year.
///
/// Parsing is lenient about the form and strict about the content: the `INPS` prefix may be
/// omitted, letters may be in any case, and the five fields may be separated by `.`, `/`, `-`,
/// `_` or spaces (`inps 0100 15-03-2026 1234`); a phone keypad gives the 19 digits in a row
/// (`0100150320260001234`). Day and month may have one digit, the progressive number up to
/// seven (it is zero-padded again). The office must have 4 digits, the date must exist, the
/// progressive number must not be zero.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ProtocolNumber {
    office: OfficeCode,
    date: Date,
    sequence: u32,
}

/// Why a text is not a protocol number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProtocolNumberError {
    #[error("the protocol number is empty")]
    Empty,
    #[error(
        "unexpected character {found:?} in the protocol number (expected INPS.SSSS.dd/mm/yyyy.NNNNNNN)"
    )]
    UnexpectedCharacter { found: char },
    #[error("a protocol number has five parts, INPS.SSSS.dd/mm/yyyy.NNNNNNN; found {parts}")]
    WrongShape { parts: usize },
    #[error("the office code {0:?} in the protocol number must have 4 digits")]
    Office(String),
    #[error("the date {0:?} in the protocol number is not a date")]
    Date(String),
    #[error("the progressive number {0:?} in the protocol number must be 1 to 7 digits, not zero")]
    Sequence(String),
}

impl ProtocolNumber {
    /// The largest progressive number (7 digits).
    pub const MAX_SEQUENCE: u32 = 9_999_999;

    /// Builds a protocol number; `None` when `sequence` is 0 or has more than 7 digits.
    pub fn new(office: OfficeCode, date: Date, sequence: u32) -> Option<ProtocolNumber> {
        (1..=Self::MAX_SEQUENCE)
            .contains(&sequence)
            .then_some(ProtocolNumber {
                office,
                date,
                sequence,
            })
    }

    /// Parses a protocol number; see the type's documentation.
    pub fn parse(input: &str) -> Result<ProtocolNumber, ProtocolNumberError> {
        let text = input.trim();
        if text.is_empty() {
            return Err(ProtocolNumberError::Empty);
        }
        let body = match text.get(..4) {
            Some(prefix) if prefix.eq_ignore_ascii_case("INPS") => &text[4..],
            _ => text,
        };
        let mut parts: Vec<&str> = Vec::with_capacity(5);
        for part in body.split(|c: char| matches!(c, '.' | '/' | '-' | '_') || c.is_whitespace()) {
            if let Some(found) = part.chars().find(|c| !c.is_ascii_digit()) {
                return Err(ProtocolNumberError::UnexpectedCharacter { found });
            }
            if !part.is_empty() {
                parts.push(part);
            }
        }
        let fields: [&str; 5] = match parts.as_slice() {
            [office, day, month, year, sequence] => [office, day, month, year, sequence],
            // The keypad form: 4 + 2 + 2 + 4 + 7 digits (ASCII, so slicing is safe).
            [all] if all.len() == 19 => {
                [&all[..4], &all[4..6], &all[6..8], &all[8..12], &all[12..]]
            }
            other => return Err(ProtocolNumberError::WrongShape { parts: other.len() }),
        };
        let [office, day, month, year, sequence] = fields;
        let office = office
            .parse::<OfficeCode>()
            .map_err(|_| ProtocolNumberError::Office(office.to_owned()))?;
        let date_text = format!("{day}/{month}/{year}");
        let date = (day.len() <= 2 && month.len() <= 2 && year.len() == 4)
            .then(|| {
                let (d, m, y) = (day.parse().ok()?, month.parse().ok()?, year.parse().ok()?);
                Date::new(y, m, d).ok()
            })
            .flatten()
            .ok_or(ProtocolNumberError::Date(date_text))?;
        let sequence_value = (sequence.len() <= 7)
            .then(|| sequence.parse::<u32>().ok())
            .flatten()
            .filter(|s| *s > 0)
            .ok_or_else(|| ProtocolNumberError::Sequence(sequence.to_owned()))?;
        Ok(ProtocolNumber {
            office,
            date,
            sequence: sequence_value,
        })
    }

    /// The office whose register holds the number.
    pub fn office(&self) -> OfficeCode {
        self.office
    }

    /// The registration date.
    pub fn date(&self) -> Date {
        self.date
    }

    /// The progressive number in the office's register of that year.
    pub fn sequence(&self) -> u32 {
        self.sequence
    }
}

impl FromStr for ProtocolNumber {
    type Err = ProtocolNumberError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ProtocolNumber::parse(s)
    }
}

impl fmt::Display for ProtocolNumber {
    /// The normalised form, `INPS.0100.15/03/2026.0001234`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "INPS.{}.{:02}/{:02}/{:04}.{:07}",
            self.office,
            self.date.day(),
            self.date.month(),
            self.date.year(),
            self.sequence
        )
    }
}

/// A number a caller gives to identify an application: either kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ApplicationNumber {
    Domus(DomusNumber),
    Protocol(ProtocolNumber),
}

/// Why a text is neither a DOMUS nor a protocol number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApplicationNumberError {
    #[error("the application number is empty")]
    Empty,
    #[error(
        "{count} digits are neither a DOMUS number (13 digits) nor a protocol number \
         (INPS.SSSS.dd/mm/yyyy.NNNNNNN, 19 digits on a keypad)"
    )]
    WrongDigitCount { count: usize },
    #[error(transparent)]
    Protocol(#[from] ProtocolNumberError),
}

impl ApplicationNumber {
    /// Reads either kind: 13 digits (spaces, dots, dashes or slashes between them allowed) are
    /// a DOMUS number, anything else is read as a protocol number (19 digits in a row being its
    /// keypad form).
    pub fn parse(input: &str) -> Result<ApplicationNumber, ApplicationNumberError> {
        let digits_only: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        if digits_only.is_empty() {
            return Err(ApplicationNumberError::Empty);
        }
        let separated_digits = digits_only
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '/'));
        let digits: String = digits_only.chars().filter(char::is_ascii_digit).collect();
        if separated_digits && digits.len() == DomusNumber::LENGTH {
            return DomusNumber::parse(&digits)
                .map(ApplicationNumber::Domus)
                .map_err(|_| ApplicationNumberError::WrongDigitCount { count: 13 });
        }
        if digits_only.bytes().all(|b| b.is_ascii_digit()) {
            return match digits_only.len() {
                DomusNumber::LENGTH => DomusNumber::parse(&digits_only)
                    .map(ApplicationNumber::Domus)
                    .map_err(|_| ApplicationNumberError::WrongDigitCount { count: 13 }),
                19 => Ok(ApplicationNumber::Protocol(ProtocolNumber::parse(
                    &digits_only,
                )?)),
                count => Err(ApplicationNumberError::WrongDigitCount { count }),
            };
        }
        Ok(ApplicationNumber::Protocol(ProtocolNumber::parse(input)?))
    }
}

impl FromStr for ApplicationNumber {
    type Err = ApplicationNumberError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ApplicationNumber::parse(s)
    }
}

impl fmt::Display for ApplicationNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApplicationNumber::Domus(n) => n.fmt(f),
            ApplicationNumber::Protocol(n) => n.fmt(f),
        }
    }
}

impl From<DomusNumber> for ApplicationNumber {
    fn from(n: DomusNumber) -> Self {
        ApplicationNumber::Domus(n)
    }
}

impl From<ProtocolNumber> for ApplicationNumber {
    fn from(n: ProtocolNumber) -> Self {
        ApplicationNumber::Protocol(n)
    }
}
