//! Prompts to text: what a `Play` says, in the caller's language.
//!
//! The driver renders every prompt before asking the leg to play it, so the leg (a SIP call,
//! the terminal softphone) only turns text into sound. [`PromptRenderer`] is the seam:
//! [`CatalogPrompts`] renders with the profile's Fluent catalogs (and serves them to
//! `flow::validate`); [`PlainRenderer`] stands in where there are none (tests) and shows the
//! message id with its arguments.
//!
//! Flow values become typed Fluent arguments ([`to_arg`]): money and dates are worded for the
//! language, codes spelled character by character (a tax code, a DOMUS number by their own
//! rules), date-times said as a date and a time, integers stay Fluent numbers (for plurals).

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::sync::Arc;

use domain::{Language, TaxCode};
use flow::{Prompt, PromptCatalog, Value};
use prompts::{Arg, Args, Catalog, Spoken};

/// A prompt ready to play.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenderedPrompt {
    /// The Fluent message id.
    pub id: String,
    /// What the caller hears, in the language of the `Play`.
    pub text: String,
}

/// Turns a flow prompt into what the caller hears.
pub trait PromptRenderer: Send + Sync + std::fmt::Debug {
    /// The text of `prompt` in `language`; `Err` says why it cannot be rendered (a missing
    /// message, a Fluent error).
    fn render(&self, language: Language, prompt: &Prompt) -> Result<String, String>;
}

/// Renders a prompt as its id and arguments (`welcome(number=803164)`): for tests and profiles
/// without catalogs.
#[derive(Clone, Copy, Debug, Default)]
pub struct PlainRenderer;

impl PromptRenderer for PlainRenderer {
    fn render(&self, _language: Language, prompt: &Prompt) -> Result<String, String> {
        let mut text = prompt.id.clone();
        if !prompt.args.is_empty() {
            text.push('(');
            for (i, (name, value)) in prompt.args.iter().enumerate() {
                if i > 0 {
                    text.push_str(", ");
                }
                let _ = write!(text, "{name}={}", plain(value));
            }
            text.push(')');
        }
        Ok(text)
    }
}

/// The profile's Fluent catalogs, for rendering and for the validator.
#[derive(Clone, Debug)]
pub struct CatalogPrompts {
    catalog: Arc<Catalog>,
}

impl CatalogPrompts {
    pub fn new(catalog: Arc<Catalog>) -> CatalogPrompts {
        CatalogPrompts { catalog }
    }

    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }
}

impl PromptRenderer for CatalogPrompts {
    fn render(&self, language: Language, prompt: &Prompt) -> Result<String, String> {
        let mut args = Args::new();
        for (name, value) in &prompt.args {
            args.insert(name.clone(), to_arg(language, value));
        }
        self.catalog
            .render(language, &prompt.id, &args)
            .map_err(|e| e.to_string())
    }
}

impl PromptCatalog for CatalogPrompts {
    fn message_variables(&self, language: Language, id: &str) -> Option<BTreeSet<String>> {
        self.catalog.variables(language, id)
    }
}

/// A flow value as a Fluent argument spoken in `language`.
pub fn to_arg(language: Language, value: &Value) -> Arg {
    match value {
        Value::Text(text) => Arg::Text(text.clone()),
        Value::Integer(n) => Arg::Number(*n),
        Value::Money(m) => Arg::Spoken(Spoken::Money(*m)),
        Value::Date(d) => Arg::Spoken(Spoken::Date(*d)),
        Value::Code(code) => Arg::Spoken(match TaxCode::parse(code) {
            Ok(tax_code) => Spoken::TaxCode(tax_code),
            Err(_) if code.len() == 13 && code.bytes().all(|b| b.is_ascii_digit()) => {
                Spoken::DomusNumber(code.clone())
            }
            Err(_) => Spoken::Spelled(code.clone()),
        }),
        Value::DateTime(dt) => Arg::Text(format!(
            "{} {}",
            prompts::spoken::date(language, dt.date()),
            at_time(language, dt.hour(), dt.minute())
        )),
    }
}

/// A time of day as said after a date: "alle 8:40", "um 8:40 Uhr", "at 8:40".
fn at_time(language: Language, hour: i8, minute: i8) -> String {
    let time = format!("{hour}:{minute:02}");
    match language {
        Language::Italian if hour == 1 => format!("all'{time}"),
        Language::Italian => format!("alle {time}"),
        Language::German => format!("um {time} Uhr"),
        Language::English => format!("at {time}"),
        Language::French => format!("à {time}"),
        Language::Spanish if hour == 1 => format!("a la {time}"),
        Language::Spanish => format!("a las {time}"),
        Language::Polish => format!("o godzinie {time}"),
        Language::Russian => format!("в {time}"),
        Language::Arabic => format!("الساعة {time}"),
    }
}

/// A value as plain text (codes and date-times as they are written).
pub fn plain(value: &Value) -> String {
    value.to_string()
}

/// Renders `prompt`, or — when the renderer cannot — says so in the log and gives the message
/// id, so the caller is never left in silence by a catalog mistake.
pub(crate) fn render_or_id(
    renderer: &dyn PromptRenderer,
    language: Language,
    prompt: &Prompt,
) -> RenderedPrompt {
    let text = match renderer.render(language, prompt) {
        Ok(text) => text,
        Err(problem) => {
            tracing::error!(prompt = %prompt.id, %language, %problem, "prompt cannot be rendered");
            prompt.id.clone()
        }
    };
    RenderedPrompt {
        id: prompt.id.clone(),
        text,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::path::PathBuf;

    use domain::Money;
    use jiff::civil::{date, datetime};
    use prompts::CatalogSource;

    use super::*;

    fn catalog() -> CatalogPrompts {
        let source = |language, text: &str| CatalogSource {
            language,
            path: PathBuf::from(format!("prompts/{language}/test.ftl")),
            text: text.to_owned(),
        };
        let catalog = Catalog::from_sources([
            source(
                Language::German,
                "amount-due = Sie zahlen { $amount } bis zum { $due }.\n\
                 code = Ihr Code: { $code }.\n\
                 slot = Termin am { $start }.\n\
                 count = { $count ->\n    [one] ein Antrag\n   *[other] { $count } Anträge\n}\n",
            ),
            source(
                Language::Italian,
                "amount-due = Paghi { $amount } entro il { $due }.\n",
            ),
        ])
        .expect("a valid catalog");
        CatalogPrompts::new(Arc::new(catalog))
    }

    fn prompt(id: &str, args: &[(&str, Value)]) -> Prompt {
        Prompt {
            id: id.to_owned(),
            args: args
                .iter()
                .map(|(k, v)| ((*k).to_owned(), v.clone()))
                .collect::<BTreeMap<_, _>>(),
        }
    }

    #[test]
    fn values_are_spoken_the_way_the_language_says_them() {
        let c = catalog();
        let due = prompt(
            "amount-due",
            &[
                ("amount", Value::Money(Money::from_cents(49_140))),
                ("due", Value::Date(date(2026, 1, 12))),
            ],
        );
        assert_eq!(
            c.render(Language::German, &due).unwrap(),
            "Sie zahlen 491 Euro und 40 Cent bis zum 12. Januar 2026."
        );
        assert_eq!(
            c.render(Language::Italian, &due).unwrap(),
            "Paghi 491 euro e 40 centesimi entro il 12 gennaio 2026."
        );
        let count = |n| prompt("count", &[("count", Value::Integer(n))]);
        assert_eq!(c.render(Language::German, &count(1)).unwrap(), "ein Antrag");
        assert_eq!(c.render(Language::German, &count(3)).unwrap(), "3 Anträge");
        let slot = prompt(
            "slot",
            &[(
                "start",
                Value::DateTime(datetime(2026, 4, 15, 10, 40, 0, 0)),
            )],
        );
        assert_eq!(
            c.render(Language::German, &slot).unwrap(),
            "Termin am 15. April 2026 um 10:40 Uhr."
        );
        let code = prompt("code", &[("code", Value::Code("PR-42".into()))]);
        let spelled = c.render(Language::German, &code).unwrap();
        assert!(!spelled.contains("PR-42"), "spelled, not read: {spelled}");
    }

    #[test]
    fn a_missing_message_or_variable_is_an_error_and_the_id_is_said_instead() {
        let c = catalog();
        assert!(
            c.render(Language::English, &prompt("amount-due", &[]))
                .is_err()
        );
        assert!(
            c.render(Language::German, &prompt("amount-due", &[]))
                .is_err()
        );
        let said = render_or_id(&c, Language::English, &prompt("amount-due", &[]));
        assert_eq!(said.text, "amount-due");
        assert_eq!(
            c.message_variables(Language::German, "amount-due"),
            Some(["amount".to_owned(), "due".to_owned()].into())
        );
        assert_eq!(c.message_variables(Language::English, "amount-due"), None);
    }
}
