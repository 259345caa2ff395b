//! DTMF in SIP INFO bodies: `application/dtmf-relay` (`Signal=5\r\nDuration=160`) and
//! `application/dtmf` (`5`), the two forms phones and gateways send.

use media::DtmfDigit;

/// The key an INFO body carries, if it carries one.
pub fn dtmf_from_info(content_type: &str, body: &str) -> Option<DtmfDigit> {
    let content_type = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let signal = match content_type.as_str() {
        "application/dtmf-relay" => body.lines().find_map(|line| {
            let (name, value) = line.split_once('=')?;
            name.trim()
                .eq_ignore_ascii_case("signal")
                .then(|| value.trim())
        })?,
        "application/dtmf" => body.trim(),
        _ => return None,
    };
    match signal {
        // Some gateways send the RFC 4733 event number instead of the character.
        "10" => Some(DtmfDigit::from_char('*')?),
        "11" => Some(DtmfDigit::from_char('#')?),
        s => {
            let mut chars = s.chars();
            let c = chars.next()?;
            if chars.next().is_some() {
                return None;
            }
            DtmfDigit::from_char(c.to_ascii_uppercase())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relay_and_plain_bodies_give_their_key() {
        let key = |ct: &str, body: &str| dtmf_from_info(ct, body).map(DtmfDigit::as_char);
        assert_eq!(
            key("application/dtmf-relay", "Signal=5\r\nDuration=160\r\n"),
            Some('5')
        );
        assert_eq!(
            key("Application/DTMF-Relay", "signal= #\nDuration=100"),
            Some('#')
        );
        assert_eq!(key("application/dtmf-relay", "Signal=11\r\n"), Some('#'));
        assert_eq!(key("application/dtmf-relay", "Signal=10\r\n"), Some('*'));
        assert_eq!(key("application/dtmf", "7"), Some('7'));
        assert_eq!(key("application/dtmf;x=y", " a \r\n"), Some('A'));
        assert_eq!(key("application/dtmf-relay", "Duration=160"), None);
        assert_eq!(key("application/dtmf-relay", "Signal=55"), None);
        assert_eq!(key("application/dtmf", "x"), None);
        assert_eq!(key("text/plain", "5"), None);
    }

    mod fuzz {
        use proptest::prelude::*;

        use super::*;

        const KEYS: &str = "0123456789*#ABCD";

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(4096))]

            /// Any content type and body: a key or nothing, never a panic.
            #[test]
            fn arbitrary_info_never_panics(content_type in "\\PC{0,40}", body in "\\PC{0,200}") {
                if let Some(digit) = dtmf_from_info(&content_type, &body) {
                    prop_assert!(KEYS.contains(digit.as_char()));
                }
            }

            /// Every key, in both forms, with the spacing, case and extra lines gateways use.
            #[test]
            fn every_key_in_every_form_is_read(
                key in proptest::sample::select(KEYS.chars().collect::<Vec<_>>()),
                lower in any::<bool>(),
                pad in "[ \t]{0,3}",
                duration in 0u32..10_000,
                relay in any::<bool>(),
                newline in prop_oneof![Just("\r\n"), Just("\n")],
            ) {
                let shown = if lower { key.to_ascii_lowercase() } else { key };
                let (content_type, body) = if relay {
                    (
                        "application/dtmf-relay",
                        format!("Signal={pad}{shown}{pad}{newline}Duration={duration}{newline}"),
                    )
                } else {
                    ("application/dtmf", format!("{pad}{shown}{pad}{newline}"))
                };
                prop_assert_eq!(dtmf_from_info(content_type, &body).map(DtmfDigit::as_char), Some(key));
            }
        }
    }
}
