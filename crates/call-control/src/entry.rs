//! Entry by dialled number: which flow a call starts in, and with which input variables
//! (`docs/OPERATIONS.md`, "Entry").
//!
//! The binary fills [`EntryPoint`]s from the profile's `[[entry_points]]`; call-control does not
//! know the profile format. Every flow entered this way gets `dialled`, `country`,
//! `language_first` (`yes`/`no`) and `channel` (`landline`, `mobile`, `international`,
//! `webcall`).

use flow::{Value, Vars};

/// How a number is reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntryChannel {
    Landline,
    Mobile,
    International,
    Webcall,
}

impl EntryChannel {
    /// The value of the `channel` input variable.
    pub fn code(self) -> &'static str {
        match self {
            EntryChannel::Landline => "landline",
            EntryChannel::Mobile => "mobile",
            EntryChannel::International => "international",
            EntryChannel::Webcall => "webcall",
        }
    }
}

/// A number citizens dial, and where it leads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntryPoint {
    /// The number as the profile writes it (`803164`), or `webcall`.
    pub number: String,
    /// The flow the call starts in.
    pub flow: String,
    /// ISO 3166 alpha-2 country the number serves.
    pub country: String,
    pub channel: EntryChannel,
    /// Ask the language before anything else (the international numbers).
    pub language_first: bool,
}

impl EntryPoint {
    /// The input variables [`EntryPoint::flow`] is entered with.
    pub fn input_vars(&self) -> Vars {
        [
            ("dialled", Value::Text(self.number.clone())),
            ("country", Value::Text(self.country.clone())),
            (
                "language_first",
                Value::Text(if self.language_first { "yes" } else { "no" }.to_owned()),
            ),
            ("channel", Value::Text(self.channel.code().to_owned())),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect()
    }
}

/// The names of the input variables every entry flow may rely on.
pub const ENTRY_VARIABLES: [&str; 4] = ["dialled", "country", "language_first", "channel"];

/// A dialled number no entry point answers.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("no entry point for the number {0:?}")]
pub struct UnknownNumber(pub String);

/// A number as dialled, compared with the profile's: spaces, dots, dashes, slashes and
/// brackets do not count, letters are lower case (`webcall`).
pub fn normalize_number(number: &str) -> String {
    number
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '.' | '-' | '/' | '(' | ')'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The entry point of a dialled number.
pub fn resolve<'a>(
    entries: &'a [EntryPoint],
    dialled: &str,
) -> Result<&'a EntryPoint, UnknownNumber> {
    let wanted = normalize_number(dialled);
    entries
        .iter()
        .find(|e| normalize_number(&e.number) == wanted && !wanted.is_empty())
        .ok_or_else(|| UnknownNumber(dialled.trim().to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries() -> Vec<EntryPoint> {
        vec![
            EntryPoint {
                number: "803164".into(),
                flow: "main".into(),
                country: "IT".into(),
                channel: EntryChannel::Landline,
                language_first: false,
            },
            EntryPoint {
                number: "08001821138".into(),
                flow: "main".into(),
                country: "DE".into(),
                channel: EntryChannel::International,
                language_first: true,
            },
            EntryPoint {
                number: "webcall".into(),
                flow: "main".into(),
                country: "IT".into(),
                channel: EntryChannel::Webcall,
                language_first: false,
            },
        ]
    }

    #[test]
    fn numbers_are_found_however_they_are_written() {
        let entries = entries();
        assert_eq!(resolve(&entries, "803 164").unwrap().country, "IT");
        assert_eq!(resolve(&entries, "0800-182-1138").unwrap().country, "DE");
        assert_eq!(
            resolve(&entries, "WebCall").unwrap().channel,
            EntryChannel::Webcall
        );
        assert_eq!(
            resolve(&entries, " 12345 "),
            Err(UnknownNumber("12345".into()))
        );
        assert!(resolve(&entries, "").is_err());
    }

    #[test]
    fn the_input_variables_follow_the_contract() {
        let entries = entries();
        let vars = resolve(&entries, "08001821138").unwrap().input_vars();
        let text = |k: &str| vars.get(k).map(ToString::to_string);
        assert_eq!(text("dialled").as_deref(), Some("08001821138"));
        assert_eq!(text("country").as_deref(), Some("DE"));
        assert_eq!(text("language_first").as_deref(), Some("yes"));
        assert_eq!(text("channel").as_deref(), Some("international"));
        assert_eq!(vars.len(), ENTRY_VARIABLES.len());
    }
}
