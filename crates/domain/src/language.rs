//! The eight languages of the service (R-LANG-1): codes, native names, text direction.

use std::fmt;
use std::str::FromStr;

/// One of the eight languages every prompt, page and message exists in.
///
/// The order of [`Language::ALL`] is the order of the IVR language menu (key 1 = Italian, …).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Language {
    Italian,
    German,
    English,
    French,
    Arabic,
    Polish,
    Spanish,
    Russian,
}

/// How a language's text runs on a page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextDirection {
    LeftToRight,
    RightToLeft,
}

impl Language {
    /// All eight, in menu order.
    pub const ALL: [Language; 8] = [
        Language::Italian,
        Language::German,
        Language::English,
        Language::French,
        Language::Arabic,
        Language::Polish,
        Language::Spanish,
        Language::Russian,
    ];

    /// The ISO 639-1 code (`it`, `de`, …).
    pub fn code(self) -> &'static str {
        match self {
            Language::Italian => "it",
            Language::German => "de",
            Language::English => "en",
            Language::French => "fr",
            Language::Arabic => "ar",
            Language::Polish => "pl",
            Language::Spanish => "es",
            Language::Russian => "ru",
        }
    }

    /// The language's name in itself, as a menu shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Language::Italian => "Italiano",
            Language::German => "Deutsch",
            Language::English => "English",
            Language::French => "Français",
            Language::Arabic => "العربية",
            Language::Polish => "Polski",
            Language::Spanish => "Español",
            Language::Russian => "Русский",
        }
    }

    /// The language's name in English, for logs and operator tools.
    pub fn english_name(self) -> &'static str {
        match self {
            Language::Italian => "Italian",
            Language::German => "German",
            Language::English => "English",
            Language::French => "French",
            Language::Arabic => "Arabic",
            Language::Polish => "Polish",
            Language::Spanish => "Spanish",
            Language::Russian => "Russian",
        }
    }

    /// Arabic runs right to left; the others left to right.
    pub fn direction(self) -> TextDirection {
        match self {
            Language::Arabic => TextDirection::RightToLeft,
            _ => TextDirection::LeftToRight,
        }
    }

    /// The key (1–8) that chooses this language in the IVR menu.
    pub fn menu_key(self) -> u8 {
        // ALL has eight entries and contains every variant, so the position exists.
        Language::ALL
            .iter()
            .position(|l| *l == self)
            .map_or(0, |i| i as u8 + 1)
    }

    /// The language chosen by menu key 1–8.
    pub fn from_menu_key(key: u8) -> Option<Language> {
        Language::ALL.get(usize::from(key).checked_sub(1)?).copied()
    }
}

/// A language code that is not one of the eight.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown language {0:?}: expected one of it, de, en, fr, ar, pl, es, ru")]
pub struct LanguageError(pub String);

impl FromStr for Language {
    type Err = LanguageError;

    /// Accepts the ISO code in any case (`it`, `IT`), with surrounding spaces.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase();
        Language::ALL
            .into_iter()
            .find(|l| l.code() == wanted)
            .ok_or_else(|| LanguageError(s.to_owned()))
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_menu_keys_are_one_to_eight() {
        for (i, lang) in Language::ALL.into_iter().enumerate() {
            assert_eq!(lang.code().parse::<Language>(), Ok(lang));
            assert_eq!(lang.menu_key() as usize, i + 1);
            assert_eq!(Language::from_menu_key(lang.menu_key()), Some(lang));
        }
        assert_eq!(Language::from_menu_key(0), None);
        assert_eq!(Language::from_menu_key(9), None);
        assert_eq!(" DE ".parse::<Language>(), Ok(Language::German));
    }

    #[test]
    fn only_arabic_is_right_to_left() {
        let rtl: Vec<_> = Language::ALL
            .into_iter()
            .filter(|l| l.direction() == TextDirection::RightToLeft)
            .collect();
        assert_eq!(rtl, vec![Language::Arabic]);
    }

    #[test]
    fn unknown_code_names_the_choices() {
        let err = "xx".parse::<Language>().unwrap_err();
        assert!(err.to_string().contains("expected one of it, de"));
    }
}
