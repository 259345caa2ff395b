//! Tax codes typed on a telephone keypad: one key per character (R-AUTH-4, DESIGN §4).
//!
//! Digits are typed as themselves; a letter is typed on the key that carries it (2 = ABC,
//! 3 = DEF, 4 = GHI, 5 = JKL, 6 = MNO, 7 = PQRS, 8 = TUV, 9 = WXYZ). So `RSSMRA80A01H501U` is
//! keyed `7776728020145018`. Several codes can
//! share a key sequence; the registry is searched by it and the caller is asked for the date of
//! birth when more than one citizen matches.

/// The key that carries a character, or `None` for a character not on a keypad.
pub fn key_for(ch: char) -> Option<char> {
    let upper = ch.to_ascii_uppercase();
    Some(match upper {
        '0'..='9' => upper,
        'A' | 'B' | 'C' => '2',
        'D' | 'E' | 'F' => '3',
        'G' | 'H' | 'I' => '4',
        'J' | 'K' | 'L' => '5',
        'M' | 'N' | 'O' => '6',
        'P' | 'Q' | 'R' | 'S' => '7',
        'T' | 'U' | 'V' => '8',
        'W' | 'X' | 'Y' | 'Z' => '9',
        _ => return None,
    })
}

/// The key sequence of a text (characters not on a keypad are skipped).
pub fn keys_for(text: &str) -> String {
    text.chars().filter_map(key_for).collect()
}

/// True when `keys` is only keypad digits (what a caller can type for a tax code).
pub fn is_key_sequence(keys: &str) -> bool {
    !keys.is_empty() && keys.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_go_to_their_keys() {
        assert_eq!(keys_for("RSSMRA80A01H501U"), "7776728020145018");
        assert_eq!(keys_for("rssmra80a01h501u"), "7776728020145018");
        assert_eq!(keys_for("07973780013"), "07973780013");
        assert_eq!(
            keys_for("ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
            "22233344455566677778889999"
        );
        assert_eq!(key_for('-'), None);
        assert!(is_key_sequence("7776728020145018"));
        assert!(!is_key_sequence("77767A"));
        assert!(!is_key_sequence(""));
    }
}
