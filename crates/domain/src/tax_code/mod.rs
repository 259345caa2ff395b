//! The Italian tax code (codice fiscale): the key a caller identifies themselves with.
//!
//! Two kinds exist and both are accepted wherever a tax code is asked for:
//!
//! * **Personal** ([`PersonalTaxCode`]), 16 characters, e.g. `RSSMRA80A01H501U`: surname (1–3)
//!   and given-name (4–6) letters, year (7–8), month letter (9), day + 40 for women (10–11), the
//!   Belfiore code of the birthplace (12–15, see [`crate::place`]) and a check character (16).
//! * **Numeric** ([`NumericTaxCode`]), 11 digits: companies and other bodies (it usually equals
//!   the VAT number), and provisional codes of people; the last digit is a Luhn check digit.
//!
//! # Parsing
//!
//! Input is normalised first: whitespace anywhere is removed and ASCII letters are upper-cased
//! (`"rssmra 80a01 h501u"` is `RSSMRA80A01H501U`). Then 16 characters are a personal code and
//! 11 starting with a digit a numeric one (11 starting with a letter are reported as a wrong
//! length: most likely a truncated personal code). Checks run in this order and the first failure
//! is reported ([`TaxCodeError`]): length and the character allowed at each position; the check
//! character, computed on the string as given (omocode letters included); the birth date; the
//! birthplace, which must be in the Belfiore table (current or historical municipality, or
//! foreign state).
//!
//! Parsing a valid code allocates nothing (a code is a fixed array, the place table is built once)
//! and takes about a microsecond, so validating a file of 100,000 lines is a matter of a fraction
//! of a second.
//!
//! # Omocodia
//!
//! When two people would get the same code, the Agenzia delle Entrate replaces digits with the
//! letters `L M N P Q R S T U V` (= 0–9), starting from the rightmost digit (position 15, then 14,
//! 13, 11, 10, 8, 7), and recomputes the check character. Such codes parse like any other and
//! decode to the same data; [`PersonalTaxCode::base_code`] gives the code with digits restored.
//!
//! # The century of the birth year
//!
//! The code stores two digits of the year. A [`CenturyRule`] decides the century: `YY` means the
//! most recent year ending in `YY` that is not after the rule's reference year (with reference
//! 2026: `26` is 2026, `27` is 1927). This is a heuristic, not a rule of the decree: a person
//! born in 1925 and one born in 2025 have the same digits. A date is impossible when its day does
//! not exist in the month of the year so chosen (29 February of a non-leap year).

mod error;
mod names;
#[cfg(test)]
mod tests;

use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use jiff::civil::Date;

pub use error::{Expected, NamePart, TaxCodeError};

use crate::place::{self, Place};

/// A valid tax code of either kind.
///
/// Equality and hashing compare the normalised code.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum TaxCode {
    Personal(PersonalTaxCode),
    Numeric(NumericTaxCode),
}

impl TaxCode {
    /// Parses a tax code of either kind, choosing the century of the birth year with
    /// [`CenturyRule::current`] (reads the system clock).
    pub fn parse(input: &str) -> Result<TaxCode, TaxCodeError> {
        TaxCode::parse_with(input, CenturyRule::current())
    }

    /// Parses a tax code of either kind with the given century rule; see the module docs for the
    /// normalisation and the order of the checks.
    pub fn parse_with(input: &str, rule: CenturyRule) -> Result<TaxCode, TaxCodeError> {
        let significant = || input.chars().filter(|c| !c.is_whitespace());
        match significant().count() {
            0 => Err(TaxCodeError::Empty),
            PersonalTaxCode::LENGTH => {
                let mut code = [0u8; PersonalTaxCode::LENGTH];
                for (index, (c, slot)) in significant().zip(&mut code).enumerate() {
                    let c = c.to_ascii_uppercase();
                    let expected = LAYOUT[index];
                    if !accepts(expected, c) {
                        return Err(invalid_character(index, c, expected));
                    }
                    *slot = c as u8; // ASCII: checked by `accepts`
                }
                PersonalTaxCode::from_checked(code, rule).map(TaxCode::Personal)
            }
            NumericTaxCode::LENGTH if significant().next().is_some_and(|c| c.is_ascii_digit()) => {
                let mut code = [0u8; NumericTaxCode::LENGTH];
                for (index, (c, slot)) in significant().zip(&mut code).enumerate() {
                    let c = c.to_ascii_uppercase();
                    if !c.is_ascii_digit() {
                        return Err(invalid_character(index, c, Expected::Digit));
                    }
                    *slot = c as u8;
                }
                NumericTaxCode::from_digits(code).map(TaxCode::Numeric)
            }
            length => Err(TaxCodeError::WrongLength { length }),
        }
    }

    /// The normalised code.
    pub fn as_str(&self) -> &str {
        match self {
            TaxCode::Personal(code) => code.as_str(),
            TaxCode::Numeric(code) => code.as_str(),
        }
    }

    /// The personal code, if this is one.
    pub fn as_personal(&self) -> Option<&PersonalTaxCode> {
        match self {
            TaxCode::Personal(code) => Some(code),
            TaxCode::Numeric(_) => None,
        }
    }

    /// The numeric code, if this is one.
    pub fn as_numeric(&self) -> Option<&NumericTaxCode> {
        match self {
            TaxCode::Personal(_) => None,
            TaxCode::Numeric(code) => Some(code),
        }
    }
}

impl FromStr for TaxCode {
    type Err = TaxCodeError;

    /// [`TaxCode::parse`]: uses the system clock's year for the century.
    fn from_str(s: &str) -> Result<TaxCode, TaxCodeError> {
        TaxCode::parse(s)
    }
}

impl fmt::Display for TaxCode {
    /// The normalised code, in clear: wrap it in [`crate::Pii`] before logging.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A sex as the tax code records it (day of birth + 40 for women).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Sex {
    Male,
    Female,
}

impl Sex {
    /// `"M"` or `"F"`, as on the health card.
    pub fn code(self) -> &'static str {
        match self {
            Sex::Male => "M",
            Sex::Female => "F",
        }
    }
}

/// Chooses the century of a two-digit birth year: the most recent year ending in those digits
/// that is not after the reference year.
///
/// With reference year 2026, `00`–`26` are 2000–2026 and `27`–`99` are 1927–1999.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CenturyRule {
    reference_year: i16,
}

impl CenturyRule {
    /// A rule with a fixed reference year (normally the current year; tests pass a constant).
    /// The year is clamped to 100–9999, which keeps every decoded year within [`Date`]'s range.
    pub const fn with_reference_year(year: i16) -> CenturyRule {
        let reference_year = if year < 100 {
            100
        } else if year > 9999 {
            9999
        } else {
            year
        };
        CenturyRule { reference_year }
    }

    /// A rule whose reference year is the current year in Italy (`Europe/Rome`).
    ///
    /// This reads the system clock, and it is the only clock read in the `domain` crate: code that
    /// must be deterministic (tests, replays, batch jobs pinned to a date) passes
    /// [`CenturyRule::with_reference_year`] instead.
    pub fn current() -> CenturyRule {
        let now = jiff::Timestamp::now();
        let tz = jiff::tz::TimeZone::get("Europe/Rome").unwrap_or(jiff::tz::TimeZone::UTC);
        CenturyRule::with_reference_year(now.to_zoned_datetime(tz).year())
    }

    /// The reference year: no decoded birth year is after it.
    pub const fn reference_year(self) -> i16 {
        self.reference_year
    }

    /// The full year for the two digits `yy` (0–99; larger values are taken modulo 100).
    pub const fn year_for(self, yy: u8) -> i16 {
        let reference = self.reference_year;
        let year = reference - reference % 100 + (yy % 100) as i16;
        if year > reference { year - 100 } else { year }
    }
}

/// A valid 16-character personal tax code with its decoded birth date, sex and birthplace.
///
/// Only [`TaxCode::parse`] and [`PersonalTaxCode::encode`] make one. Equality and hashing
/// compare the code alone: the birth date also depends on the [`CenturyRule`] it was decoded
/// with.
#[derive(Clone)]
pub struct PersonalTaxCode {
    /// Upper-case ASCII, structure and check character verified.
    code: [u8; PersonalTaxCode::LENGTH],
    birth_date: Date,
    sex: Sex,
    /// The de-omocoded birthplace; always in the table.
    place: Place,
}

/// The seven positions (0-based) that may carry omocode letters, in the order the Agenzia
/// substitutes them: 15, 14, 13, 11, 10, 8, 7 in 1-based numbering.
const OMOCODE_POSITIONS: [usize; 7] = [14, 13, 12, 10, 9, 7, 6];

/// Omocode letters; the index is the digit they replace.
const OMOCODE_LETTERS: &[u8; 10] = b"LMNPQRSTUV";

/// Month letters; the index is the month - 1.
const MONTH_LETTERS: &[u8; 12] = b"ABCDEHLMPRST";

/// What each position of a personal code may hold.
const LAYOUT: [Expected; PersonalTaxCode::LENGTH] = {
    use Expected::{CheckLetter, DigitOrOmocodeLetter as D, Letter, MonthLetter, PlaceLetter};
    [
        Letter,
        Letter,
        Letter,
        Letter,
        Letter,
        Letter,
        D,
        D,
        MonthLetter,
        D,
        D,
        PlaceLetter,
        D,
        D,
        D,
        CheckLetter,
    ]
};

/// Values of the characters at odd positions (1st, 3rd, … 15th), indexed by the character's
/// alphabet index (digits share the index of `A`–`J`).
const ODD_VALUES: [u8; 26] = [
    1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
];

fn accepts(expected: Expected, c: char) -> bool {
    if !c.is_ascii() {
        return false;
    }
    let b = c as u8;
    match expected {
        Expected::Letter | Expected::PlaceLetter | Expected::CheckLetter => b.is_ascii_uppercase(),
        Expected::MonthLetter => MONTH_LETTERS.contains(&b),
        Expected::DigitOrOmocodeLetter => b.is_ascii_digit() || OMOCODE_LETTERS.contains(&b),
        Expected::Digit => b.is_ascii_digit(),
    }
}

fn invalid_character(index: usize, found: char, expected: Expected) -> TaxCodeError {
    TaxCodeError::InvalidCharacter {
        position: u8::try_from(index + 1).unwrap_or(u8::MAX),
        found,
        expected,
    }
}

/// The check character of the first 15 characters (upper-case letters and digits).
fn check_character(first15: &[u8]) -> u8 {
    let sum: u32 = first15
        .iter()
        .enumerate()
        .map(|(index, &b)| {
            let alphabet_index = if b.is_ascii_digit() {
                b - b'0'
            } else {
                b - b'A'
            };
            let value = if index % 2 == 0 {
                ODD_VALUES[usize::from(alphabet_index)]
            } else {
                alphabet_index
            };
            u32::from(value)
        })
        .sum();
    b'A' + (sum % 26) as u8
}

/// The digit a digit-or-omocode character stands for.
fn digit_value(b: u8) -> u8 {
    if b.is_ascii_digit() {
        b - b'0'
    } else {
        OMOCODE_LETTERS
            .iter()
            .position(|&letter| letter == b)
            .expect("LAYOUT admits only digits and omocode letters here") as u8
    }
}

impl PersonalTaxCode {
    const LENGTH: usize = 16;

    /// Finishes parsing a code whose characters fit [`LAYOUT`]: check character, date, place.
    fn from_checked(
        code: [u8; PersonalTaxCode::LENGTH],
        rule: CenturyRule,
    ) -> Result<PersonalTaxCode, TaxCodeError> {
        let expected = check_character(&code[..15]);
        if code[15] != expected {
            return Err(TaxCodeError::WrongCheckCharacter {
                found: char::from(code[15]),
                expected: char::from(expected),
            });
        }

        let two_digits = |at: usize| digit_value(code[at]) * 10 + digit_value(code[at + 1]);
        let (day, sex) = match two_digits(9) {
            day @ 1..=31 => (day, Sex::Male),
            day @ 41..=71 => (day - 40, Sex::Female),
            day => return Err(TaxCodeError::ImpossibleDay { day }),
        };
        let month = MONTH_LETTERS
            .iter()
            .position(|&letter| letter == code[8])
            .expect("LAYOUT admits only month letters here") as u8
            + 1;
        let year = rule.year_for(two_digits(6));
        // `day` and `month` are at most 31 and 12.
        let birth_date = Date::new(year, month as i8, day as i8)
            .map_err(|_| TaxCodeError::ImpossibleDate { year, month, day })?;

        let place_code = [
            code[11],
            b'0' + digit_value(code[12]),
            b'0' + digit_value(code[13]),
            b'0' + digit_value(code[14]),
        ];
        let place = place::lookup_bytes(place_code).ok_or_else(|| TaxCodeError::UnknownPlace {
            code: place_code.iter().map(|&b| char::from(b)).collect(),
        })?;

        Ok(PersonalTaxCode {
            code,
            birth_date,
            sex,
            place,
        })
    }

    /// Builds the code of a person from their data, by the rules of the 1976 decree:
    /// surname and given-name letters (see below), the last two digits of the year, the month
    /// letter, the day (+ 40 for women), the Belfiore code of the birthplace and the check
    /// character. No omocode letters: the Agenzia assigns those.
    ///
    /// Names: spaces, apostrophes and punctuation are ignored and accented letters count as their
    /// plain letter (`"D'Acunto"`, `"Nicolò"`); consonants, then vowels, then `X`; a given name
    /// with four or more consonants takes the 1st, 3rd and 4th. `place_code` must be in the
    /// Belfiore table (case and surrounding whitespace do not matter).
    ///
    /// The result keeps `birth_date` as given; the code itself stores only two digits of the
    /// year, so parsing [`PersonalTaxCode::as_str`] again may give another century.
    pub fn encode(
        surname: &str,
        given_name: &str,
        birth_date: Date,
        sex: Sex,
        place_code: &str,
    ) -> Result<PersonalTaxCode, TaxCodeError> {
        let surname = names::surname_code(surname)?;
        let given_name = names::given_name_code(given_name)?;
        let place = {
            let normalised: String = place_code
                .chars()
                .filter(|c| !c.is_whitespace())
                .map(|c| c.to_ascii_uppercase())
                .collect();
            place::lookup(&normalised).ok_or(TaxCodeError::UnknownPlace { code: normalised })?
        };

        // All three are within 0..=99, 0..=11 and 1..=71 by construction.
        let year = birth_date.year().rem_euclid(100) as u8;
        let month = MONTH_LETTERS[(birth_date.month() - 1) as usize];
        let day = birth_date.day() as u8 + if sex == Sex::Female { 40 } else { 0 };

        let mut code = [0u8; PersonalTaxCode::LENGTH];
        code[0..3].copy_from_slice(&surname);
        code[3..6].copy_from_slice(&given_name);
        code[6..8].copy_from_slice(&[b'0' + year / 10, b'0' + year % 10]);
        code[8] = month;
        code[9..11].copy_from_slice(&[b'0' + day / 10, b'0' + day % 10]);
        code[11..15].copy_from_slice(place.code().as_bytes());
        code[15] = check_character(&code[..15]);

        Ok(PersonalTaxCode {
            code,
            birth_date,
            sex,
            place,
        })
    }

    /// The normalised code (16 upper-case characters), omocode letters as given.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.code).expect("a tax code is ASCII")
    }

    /// The birth date, its century chosen by the [`CenturyRule`] the code was parsed with (or
    /// the date given to [`PersonalTaxCode::encode`]).
    pub fn birth_date(&self) -> Date {
        self.birth_date
    }

    pub fn sex(&self) -> Sex {
        self.sex
    }

    /// The Belfiore code of the birthplace with omocode letters restored to digits (`H501` for
    /// both `…H501U` and `…HRLMS`).
    pub fn place_code(&self) -> &str {
        self.place.code()
    }

    /// The birthplace. Always `Some` (an unknown place is a parse error); an `Option` so that a
    /// future table that drops codes does not make old codes unparseable by surprise.
    pub fn place(&self) -> Option<Place> {
        Some(self.place)
    }

    /// Whether any of the seven digit positions carries an omocode letter.
    pub fn is_omocode(&self) -> bool {
        self.omocode_level() > 0
    }

    /// How many of the seven digit positions (7, 8, 10, 11, 13, 14, 15) carry omocode letters,
    /// 0–7.
    ///
    /// The Agenzia substitutes progressively from the right, so for the codes it issues the
    /// level also says *which* positions were substituted (level 2 = positions 15 and 14) and
    /// `c.base_code().omocode_variant(c.omocode_level())` is `c` again. For a code with letters
    /// in some other pattern (which parses just as well) the level is only a count.
    pub fn omocode_level(&self) -> u8 {
        OMOCODE_POSITIONS
            .iter()
            .filter(|&&at| self.code[at].is_ascii_uppercase())
            .count() as u8
    }

    /// The code with every omocode letter restored to its digit and the check character
    /// recomputed; the code itself when it is not an omocode.
    pub fn base_code(&self) -> PersonalTaxCode {
        self.with_substituted(0)
    }

    /// The omocode variant of `level`, 0–7, by progressive substitution from the right of the
    /// base code: level 1 substitutes position 15; level 2 positions 15 and 14; then 13, 11, 10,
    /// 8 and 7. Level 0 is [`PersonalTaxCode::base_code`]. `None` if `level` > 7.
    pub fn omocode_variant(&self, level: u8) -> Option<PersonalTaxCode> {
        (usize::from(level) <= OMOCODE_POSITIONS.len()).then(|| self.with_substituted(level))
    }

    /// The base code with the first `level` positions of [`OMOCODE_POSITIONS`] substituted.
    fn with_substituted(&self, level: u8) -> PersonalTaxCode {
        let mut code = self.code;
        for (rank, &at) in OMOCODE_POSITIONS.iter().enumerate() {
            let digit = digit_value(code[at]);
            code[at] = if rank < usize::from(level) {
                OMOCODE_LETTERS[usize::from(digit)]
            } else {
                b'0' + digit
            };
        }
        code[15] = check_character(&code[..15]);
        PersonalTaxCode {
            code,
            birth_date: self.birth_date,
            sex: self.sex,
            place: self.place,
        }
    }
}

impl PartialEq for PersonalTaxCode {
    fn eq(&self, other: &PersonalTaxCode) -> bool {
        self.code == other.code
    }
}

impl Eq for PersonalTaxCode {}

impl Hash for PersonalTaxCode {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.code.hash(state);
    }
}

impl fmt::Debug for PersonalTaxCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("PersonalTaxCode")
            .field(&self.as_str())
            .finish()
    }
}

impl fmt::Display for PersonalTaxCode {
    /// The normalised code, in clear: wrap it in [`crate::Pii`] before logging.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A valid 11-digit numeric tax code (companies, bodies, provisional codes of people): its last
/// digit is the Luhn check digit of the first ten, and it is not all zeros.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct NumericTaxCode {
    /// ASCII digits, check digit verified.
    code: [u8; NumericTaxCode::LENGTH],
}

impl NumericTaxCode {
    const LENGTH: usize = 11;

    fn from_digits(code: [u8; NumericTaxCode::LENGTH]) -> Result<NumericTaxCode, TaxCodeError> {
        if code.iter().all(|&b| b == b'0') {
            return Err(TaxCodeError::AllZeros);
        }
        let sum: u32 = code[..10]
            .iter()
            .enumerate()
            .map(|(index, &b)| {
                let digit = u32::from(b - b'0');
                match index % 2 {
                    0 => digit,
                    _ if digit * 2 > 9 => digit * 2 - 9,
                    _ => digit * 2,
                }
            })
            .sum();
        let expected = ((10 - sum % 10) % 10) as u8;
        let found = code[10] - b'0';
        if found != expected {
            return Err(TaxCodeError::WrongCheckDigit { found, expected });
        }
        Ok(NumericTaxCode { code })
    }

    /// The 11 digits.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.code).expect("a numeric tax code is ASCII digits")
    }
}

impl fmt::Debug for NumericTaxCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("NumericTaxCode")
            .field(&self.as_str())
            .finish()
    }
}

impl fmt::Display for NumericTaxCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
