//! Comparing names as a caller says or types them with names as they are on file.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// A name reduced to what identifies it: upper-case ASCII letters and digits, accents and
/// diacritics removed, spaces, apostrophes, hyphens and other punctuation dropped.
///
/// So `D'Angelo`, `DANGELO` and `d angelo` are all `DANGELO`; `Nicolò` and `NICOLO'` (the
/// apostrophe standing for the accent on a keyboard without accented letters) are both
/// `NICOLO`; `Müller` is `MULLER`. Letters without a decomposition are transliterated the usual
/// way (`ß` → `SS`, `Ł` → `L`, `Æ` → `AE`, `Ø` → `O`, `Œ` → `OE`).
pub fn fold_name(name: &str) -> String {
    let mut folded = String::with_capacity(name.len());
    for c in name.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        if c.is_ascii_alphanumeric() {
            folded.push(c.to_ascii_uppercase());
            continue;
        }
        let replacement = match c {
            'ß' | 'ẞ' => "SS",
            'ł' | 'Ł' => "L",
            'æ' | 'Æ' => "AE",
            'ø' | 'Ø' => "O",
            'œ' | 'Œ' => "OE",
            'đ' | 'Đ' | 'ð' | 'Ð' => "D",
            'þ' | 'Þ' => "TH",
            'ı' => "I",
            _ => "",
        };
        folded.push_str(replacement);
    }
    folded
}

/// Whether two names are the same once folded ([`fold_name`]), or `said` is the name typed on a
/// telephone keypad (one key per letter, e.g. `DANGELO` = `3264356`); an empty name matches
/// nothing.
pub fn names_match(said: &str, on_file: &str) -> bool {
    let said = fold_name(said);
    if said.is_empty() {
        return false;
    }
    // Typed on a telephone keypad, one key per letter (2 = ABC … 9 = WXYZ): names have no
    // digits, so an all-digit entry can only be keys.
    if said.bytes().all(|b| b.is_ascii_digit()) {
        return domain::keypad::keys_for(&fold_name(on_file)) == said;
    }
    said == fold_name(on_file)
}
