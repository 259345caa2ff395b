//! Prompts to text: what a `Play` says, in the caller's language.
//!
//! The driver renders every prompt before asking the leg to play it, so the leg (a SIP call,
//! the terminal softphone) only turns text into sound. [`PromptRenderer`] is the seam: the
//! profile's Fluent catalogs implement it; [`PlainRenderer`] stands in where there are none
//! (tests, a profile without prompts) and shows the message id with its arguments.

use std::fmt::Write as _;

use domain::Language;
use flow::{Prompt, Value};

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
