//! The three-letter surname and given-name codes (positions 1–3 and 4–6), by the rules of the
//! Ministry of Finance decree of 23 December 1976.
//!
//! * The name is read as one word: spaces, apostrophes and punctuation are ignored (`De Luca` →
//!   `DELUCA`, `D'Acunto` → `DACUNTO`).
//! * Accented and other diacritic Latin letters count as their plain letter (`Nicolò` → `NICOLO`);
//!   `ß` counts as `SS`, `Æ` as `AE`, `Œ` as `OE`, `Þ` as `TH`, `Ĳ` as `IJ`. The Agenzia delle
//!   Entrate's own table (circular 34/E of 2011) could not be checked; this folding is the usual
//!   transliteration.
//! * Vowels are A E I O U; every other letter (J, K, W, X, Y included) is a consonant.
//! * Code: the consonants in order, then the vowels in order, then `X` up to three letters; but a
//!   given name with four or more consonants takes the 1st, 3rd and 4th consonant.
//!
//! Works on fixed arrays (no allocation): only the first four consonants and three vowels matter.

use super::error::{NamePart, TaxCodeError};

/// The code of a surname (`ROSSI` → `RSS`).
pub(super) fn surname_code(surname: &str) -> Result<[u8; 3], TaxCodeError> {
    name_code(NamePart::Surname, surname)
}

/// The code of a given name (`VINCENZO` → `VCN`).
pub(super) fn given_name_code(given_name: &str) -> Result<[u8; 3], TaxCodeError> {
    name_code(NamePart::GivenName, given_name)
}

fn name_code(part: NamePart, name: &str) -> Result<[u8; 3], TaxCodeError> {
    let mut consonants = [0u8; 4];
    let mut consonant_count = 0usize;
    let mut vowels = [0u8; 3];
    let mut vowel_count = 0usize;
    let mut any_letter = false;
    let mut take = |letter: u8| {
        any_letter = true;
        if matches!(letter, b'A' | b'E' | b'I' | b'O' | b'U') {
            if vowel_count < vowels.len() {
                vowels[vowel_count] = letter;
                vowel_count += 1;
            }
        } else if consonant_count < consonants.len() {
            consonants[consonant_count] = letter;
            consonant_count += 1;
        }
    };
    for c in name.chars() {
        if is_ignored(c) {
            continue;
        }
        let letters = fold(c).ok_or(TaxCodeError::InvalidNameCharacter { part, found: c })?;
        letters.iter().copied().for_each(&mut take);
    }
    if !any_letter {
        return Err(TaxCodeError::EmptyName { part });
    }

    if part == NamePart::GivenName && consonant_count >= 4 {
        return Ok([consonants[0], consonants[2], consonants[3]]);
    }
    let mut code = [b'X'; 3];
    let available = consonants[..consonant_count.min(3)]
        .iter()
        .chain(&vowels[..vowel_count]);
    for (slot, &letter) in code.iter_mut().zip(available) {
        *slot = letter;
    }
    Ok(code)
}

/// Separators that do not count: whitespace, apostrophes, hyphens, dots and other punctuation.
fn is_ignored(c: char) -> bool {
    c.is_whitespace()
        || c.is_ascii_punctuation()
        || matches!(
            c,
            '\u{2019}' // ’
                | '\u{2018}' // ‘
                | '\u{02BC}' // ʼ
                | '\u{00B4}' // ´
                | '\u{2010}' // ‐
                | '\u{2011}' // non-breaking hyphen
                | '\u{2013}' // –
                | '\u{2014}' // —
                | '\u{00B7}' // ·
        )
}

/// The plain upper-case ASCII letters a Latin letter counts as; `None` for anything else.
fn fold(c: char) -> Option<&'static [u8]> {
    const LETTERS: &[u8; 26] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    if c.is_ascii_alphabetic() {
        let index = usize::from(c.to_ascii_uppercase() as u8 - b'A');
        return Some(&LETTERS[index..=index]);
    }
    // Latin-1 Supplement (U+00C0–U+00FF) and Latin Extended-A (U+0100–U+017F).
    let letters: &'static [u8] = match c {
        'À'..='Å' | 'à'..='å' | 'Ā'..='ą' => b"A",
        'Æ' | 'æ' => b"AE",
        'Ç' | 'ç' | 'Ć'..='č' => b"C",
        'Ð' | 'ð' | 'Ď'..='đ' => b"D",
        'È'..='Ë' | 'è'..='ë' | 'Ē'..='ě' => b"E",
        'Ĝ'..='ģ' => b"G",
        'Ĥ'..='ħ' => b"H",
        'Ì'..='Ï' | 'ì'..='ï' | 'Ĩ'..='ı' => b"I",
        'Ĳ' | 'ĳ' => b"IJ",
        'Ĵ' | 'ĵ' => b"J",
        'Ķ'..='ĸ' => b"K",
        'Ĺ'..='ł' => b"L",
        'Ñ' | 'ñ' | 'Ń'..='ŋ' => b"N",
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' | 'Ō'..='ő' => b"O",
        'Œ' | 'œ' => b"OE",
        'Ŕ'..='ř' => b"R",
        'Ś'..='š' | 'Ș' | 'ș' => b"S",
        'ß' => b"SS",
        'Ţ'..='ŧ' | 'Ț' | 'ț' => b"T",
        'Þ' | 'þ' => b"TH",
        'Ù'..='Ü' | 'ù'..='ü' | 'Ũ'..='ų' => b"U",
        'Ŵ' | 'ŵ' => b"W",
        'Ý' | 'ý' | 'ÿ' | 'Ŷ'..='Ÿ' => b"Y",
        'Ź'..='ž' => b"Z",
        'ſ' => b"S",
        _ => return None,
    };
    Some(letters)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn surname(s: &str) -> String {
        String::from_utf8(surname_code(s).unwrap().to_vec()).unwrap()
    }

    fn given(s: &str) -> String {
        String::from_utf8(given_name_code(s).unwrap().to_vec()).unwrap()
    }

    #[test]
    fn surnames_follow_the_decree() {
        for (input, code) in [
            ("ROSSI", "RSS"),
            ("RIVA", "RVI"),
            ("GORI", "GRO"),
            ("RE", "REX"),
            ("FO", "FOX"),
            ("O", "OXX"),
            ("BIANCHI", "BNC"),
            ("De Luca", "DLC"),
            ("D'Acunto", "DCN"),
            ("d’Acunto", "DCN"),
            ("Dell'Orto-Rossi", "DLL"),
            ("  rossi  ", "RSS"),
            ("Müller", "MLL"),
            ("Strauß", "STR"),
            ("Ñañez", "NNZ"),
            ("AIA", "AIA"),
            ("EUA", "EUA"),
            ("XU", "XUX"),
            ("YE", "YEX"),
            ("Jo", "JOX"),
        ] {
            assert_eq!(surname(input), code, "{input}");
        }
    }

    #[test]
    fn given_names_take_first_third_and_fourth_of_four_consonants() {
        for (input, code) in [
            ("VINCENZO", "VCN"),
            ("ALESSANDRO", "LSN"),
            ("GIANFRANCO", "GFR"),
            ("MARIA", "MRA"),
            ("LUCA", "LCU"),
            ("SARA", "SRA"),
            ("AL", "LAX"),
            // DOMAIN §1.2 lists UGO→UGO, but the rule (consonants first) gives GUO, which is
            // what real codes carry (Ugo Tognazzi: TGNGUO…).
            ("UGO", "GUO"),
            ("Nicolò", "NCL"),
            ("Niccolò", "NCL"),
            ("MARCO", "MRC"),
            ("Gian Luca", "GLC"),
            ("ANNA MARIA", "NMR"),
            ("José", "JSO"),
            ("Zoë", "ZOE"),
            ("Ilaria", "LRI"),
            ("Ædith", "DTH"),
        ] {
            assert_eq!(given(input), code, "{input}");
        }
        // The surname rule never skips the second consonant.
        assert_eq!(surname("VINCENZO"), "VNC");
    }

    #[test]
    fn rejects_names_without_letters_or_with_foreign_scripts() {
        assert_eq!(
            surname_code(" ' - "),
            Err(TaxCodeError::EmptyName {
                part: NamePart::Surname
            })
        );
        assert_eq!(
            given_name_code(""),
            Err(TaxCodeError::EmptyName {
                part: NamePart::GivenName
            })
        );
        let err = given_name_code("Иван").unwrap_err();
        assert_eq!(
            err,
            TaxCodeError::InvalidNameCharacter {
                part: NamePart::GivenName,
                found: 'И'
            }
        );
        assert_eq!(
            err.to_string(),
            "the given name contains 'И', which is not a letter"
        );
        assert_eq!(
            surname_code("Rossi2").unwrap_err().to_string(),
            "the surname contains '2', which is not a letter"
        );
        assert_eq!(
            surname_code("").unwrap_err().to_string(),
            "the surname has no letters"
        );
    }

    #[test]
    fn folds_every_latin_1_and_extended_a_letter() {
        for c in ('\u{C0}'..='\u{17F}').filter(|c| c.is_alphabetic()) {
            let folded = fold(c).unwrap_or_else(|| panic!("{c:?} is not folded"));
            assert!(
                !folded.is_empty() && folded.iter().all(u8::is_ascii_uppercase),
                "{c:?}"
            );
        }
        assert_eq!(fold('×'), None);
        assert_eq!(fold('÷'), None);
        assert_eq!(fold('ł'), Some(&b"L"[..]));
        assert_eq!(fold('Ş'), Some(&b"S"[..]));
    }
}
