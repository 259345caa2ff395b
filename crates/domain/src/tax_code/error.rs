//! What can be wrong with a tax code, said precisely enough to show to the person who typed it.

use std::fmt;

/// Why a text is not a tax code, or why personal data cannot be encoded into one.
///
/// Positions are 1-based and count the characters of the normalised code (whitespace removed,
/// upper case), which is how the code is printed on the health card.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TaxCodeError {
    /// Nothing but whitespace.
    #[error("the tax code is empty")]
    Empty,
    /// Neither 16 characters nor 11 digits.
    #[error("a tax code has 16 characters (or 11 digits), this one has {length}")]
    WrongLength { length: usize },
    /// A character that cannot stand at its position.
    #[error("character {position} is {found:?}: expected {expected}")]
    InvalidCharacter {
        position: u8,
        found: char,
        expected: Expected,
    },
    /// The 16th character does not match the other fifteen.
    #[error("check character is '{found}', expected '{expected}'")]
    WrongCheckCharacter { found: char, expected: char },
    /// The day field (positions 10–11) is 00, 32–40 or above 71.
    #[error(
        "birth day {day:02} is impossible: expected 01-31 for a man or 41-71 (day + 40) for a woman"
    )]
    ImpossibleDay { day: u8 },
    /// The decoded day does not exist in that month of the year chosen by the [`CenturyRule`].
    ///
    /// [`CenturyRule`]: super::CenturyRule
    #[error("birth date {year:04}-{month:02}-{day:02} does not exist")]
    ImpossibleDate { year: i16, month: u8, day: u8 },
    /// The place code is not in the Belfiore table (see [`crate::place`]).
    #[error("place code {code} is neither an Italian municipality nor a foreign state")]
    UnknownPlace { code: String },
    /// An 11-digit code whose last digit does not match the first ten.
    #[error("check digit is {found}, expected {expected}")]
    WrongCheckDigit { found: u8, expected: u8 },
    /// `00000000000` passes the check digit but is no one's code.
    #[error("a numeric tax code cannot be all zeros")]
    AllZeros,
    /// Encoding: the surname or given name has no letter at all.
    #[error("the {part} has no letters")]
    EmptyName { part: NamePart },
    /// Encoding: the surname or given name holds something that is neither a (Latin) letter nor
    /// a space, apostrophe or punctuation mark.
    #[error("the {part} contains {found:?}, which is not a letter")]
    InvalidNameCharacter { part: NamePart, found: char },
}

/// What a position of a tax code may hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Expected {
    /// Positions 1–6 (surname and given-name letters).
    Letter,
    /// Position 9.
    MonthLetter,
    /// Position 12.
    PlaceLetter,
    /// Positions 7, 8, 10, 11, 13, 14, 15.
    DigitOrOmocodeLetter,
    /// Position 16.
    CheckLetter,
    /// Any position of an 11-digit numeric code.
    Digit,
}

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Expected::Letter => "a letter",
            Expected::MonthLetter => "a month letter A B C D E H L M P R S T",
            Expected::PlaceLetter => "a letter (first character of the place code)",
            Expected::DigitOrOmocodeLetter => "a digit or an omocode letter L M N P Q R S T U V",
            Expected::CheckLetter => "a letter (the check character)",
            Expected::Digit => "a digit",
        })
    }
}

/// Which name an encoding error is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NamePart {
    Surname,
    GivenName,
}

impl fmt::Display for NamePart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            NamePart::Surname => "surname",
            NamePart::GivenName => "given name",
        })
    }
}
