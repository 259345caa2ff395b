//! Personal data that must never reach a log in clear text.
//!
//! Wrap tax codes, phone numbers, names and addresses in [`Pii`] before they can be logged:
//! `Display` and `Debug` show only a masked form (`RSSMRA****`), and the value itself is reached
//! deliberately, through [`Pii::expose`].

use std::fmt;

/// A piece of personal data; shows masked in `Display` and `Debug`.
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct Pii<T>(T);

impl<T> Pii<T> {
    pub fn new(value: T) -> Self {
        Pii(value)
    }

    /// The value in clear: call only where the data is needed, never into a log.
    pub fn expose(&self) -> &T {
        &self.0
    }

    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T: fmt::Display> fmt::Display for Pii<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&mask(&self.0.to_string()))
    }
}

impl<T: fmt::Display> fmt::Debug for Pii<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Pii({})", mask(&self.0.to_string()))
    }
}

/// Masks a text: keeps the first six characters of a long text (the surname and name letters of
/// a tax code, the prefix of a phone number), the first two of a short one, and replaces the rest
/// with `****`. Texts of up to three characters are masked whole.
pub fn mask(text: &str) -> String {
    let count = text.chars().count();
    let keep = match count {
        0..=3 => 0,
        4..=9 => 2,
        _ => 6,
    };
    let mut masked: String = text.chars().take(keep).collect();
    masked.push_str("****");
    masked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_tax_codes_and_numbers() {
        let code = Pii::new("RSSMRA80A01H501U");
        assert_eq!(code.to_string(), "RSSMRA****");
        assert_eq!(format!("{code:?}"), "Pii(RSSMRA****)");
        assert_eq!(Pii::new("+393331234567").to_string(), "+39333****");
        assert_eq!(mask("Rome"), "Ro****");
        assert_eq!(mask("ab"), "****");
        assert_eq!(*code.expose(), "RSSMRA80A01H501U");
    }
}
