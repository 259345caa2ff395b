//! A simulated call leg with a scripted caller and a simulated clock: the terminal softphone
//! (`centralino call`) and the tests drive contacts with it.
//!
//! # The clock
//!
//! Time starts at the given instant and moves only as the call does: each prompt lasts what the
//! [`Listener`] says (the audio's length), or its text at [`CHARS_PER_SECOND`]; the caller
//! answers [`ANSWER_DELAY`] after the question's prompt ends; silence lasts until the
//! question's timer expires. Operations take no time.
//!
//! # The script
//!
//! The caller lets every prompt play to its end (no barge-in), then answers the question that
//! waits, taking the next token of the script:
//!
//! - a menu that listens for words takes the next `say` token when one is left: text is said,
//!   `.` is silence, `-` means "press keys instead" (the next `keys` token answers);
//! - every other question (and a word menu once the `say` tokens are used up) takes the next
//!   `keys` token: its keys are typed at once (extra keys are type-ahead for the next question,
//!   as on a real phone); `.` or `-` is silence; a token with letters other than the DTMF
//!   `A`–`D` (a tax code written out) is typed the way a caller types it, one keypad key per
//!   character (`RSSMRA80A01H501U` → `7776728020145018`);
//! - when the token list a question reads is used up, the caller hangs up.
//!
//! A hand-off to routing ends the simulated part (`enqueued`), unless [`SimOptions::after_agent`]
//! is set: then the agent conversation is taken as over at once and the flow goes on (the
//! survey).

use std::collections::VecDeque;

use domain::{Language, ServiceGroup};
use flow::{Event, PlaybackId, TimerId};
use jiff::{SignedDuration, Timestamp};

use crate::contact::{ContactDriver, Output};
use crate::render::RenderedPrompt;

/// Speaking speed of the estimate, in characters of text per second.
pub const CHARS_PER_SECOND: i64 = 14;
/// How long after a question's prompt the caller answers.
pub const ANSWER_DELAY: SignedDuration = SignedDuration::from_secs(1);
/// A bound on events per call, against flows that never end.
pub const MAX_EVENTS: usize = 10_000;

/// One answer of the script.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Token {
    /// Keys typed, or words said.
    Input(String),
    /// No answer: the question times out.
    Silence,
    /// (In `say`) do not speak here: answer with the next `keys` token.
    UseKeys,
}

/// What the caller will do, question by question.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Script {
    keys: VecDeque<Token>,
    say: VecDeque<Token>,
}

impl Script {
    /// `keys`: whitespace-separated tokens; `say`: `|`-separated phrases (see the module docs).
    pub fn parse(keys: Option<&str>, say: Option<&str>) -> Script {
        let token = |t: &str, in_say: bool| match t.trim() {
            "." => Token::Silence,
            "-" if in_say => Token::UseKeys,
            "-" => Token::Silence,
            other if !in_say && is_written_out(other) => {
                Token::Input(domain::keypad::keys_for(other))
            }
            other => Token::Input(other.to_owned()),
        };
        Script {
            keys: keys
                .unwrap_or("")
                .split_whitespace()
                .map(|t| token(t, false))
                .collect(),
            say: say
                .unwrap_or("")
                .split('|')
                .filter(|t| !t.trim().is_empty())
                .map(|t| token(t, true))
                .collect(),
        }
    }

    /// True when nothing is scripted.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty() && self.say.is_empty()
    }

    /// The answer to the question that waits (`words`: it listens for words); `None` when the
    /// script is used up.
    fn next(&mut self, words: bool) -> Option<Answer> {
        if words && let Some(token) = self.say.pop_front() {
            match token {
                Token::Input(text) => return Some(Answer::Say(text)),
                Token::Silence => return Some(Answer::Silence),
                Token::UseKeys => {}
            }
        }
        match self.keys.pop_front()? {
            Token::Input(keys) => Some(Answer::Keys(keys)),
            Token::Silence | Token::UseKeys => Some(Answer::Silence),
        }
    }
}

/// A keys token written with letters a keypad has no key for (a tax code, not `1A#`).
fn is_written_out(token: &str) -> bool {
    token
        .chars()
        .any(|c| c.is_ascii_alphabetic() && !matches!(c, 'A'..='D'))
}

/// What the caller does at a question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    Keys(String),
    Say(String),
    Silence,
}

/// Where the answers come from.
pub trait Caller {
    /// The answer to the question that waits (`words`: the question listens for words), or
    /// `None` to hang up.
    fn answer(&mut self, words: bool) -> Option<Answer>;
}

impl Caller for Script {
    fn answer(&mut self, words: bool) -> Option<Answer> {
        self.next(words)
    }
}

/// What happened, in order, for a transcript.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SimEvent {
    Prompt {
        id: String,
        text: String,
        language: Language,
        at: Timestamp,
    },
    Keys {
        keys: String,
        at: Timestamp,
    },
    Say {
        text: String,
        at: Timestamp,
    },
    /// The caller said nothing until the question timed out.
    Silence {
        at: Timestamp,
    },
    Invoke {
        operation: String,
        outcome: String,
        at: Timestamp,
    },
    Language {
        language: Language,
        at: Timestamp,
    },
    Enqueue {
        group: ServiceGroup,
        language: Language,
        at: Timestamp,
    },
    /// (With `after_agent`) the agent conversation is over; the flow goes on.
    AgentCallEnded {
        at: Timestamp,
    },
    Survey {
        question: String,
        answer: char,
        recorded: bool,
        at: Timestamp,
    },
    /// The caller hangs up (the script is used up).
    HangUp {
        at: Timestamp,
    },
    End {
        reason: String,
        at: Timestamp,
    },
}

/// Watches the call; decides how long prompts last.
pub trait Listener {
    /// A prompt starts playing at `at`: how long it lasts (`None`: estimated from its text).
    fn prompt(
        &mut self,
        prompt: &RenderedPrompt,
        language: Language,
        at: Timestamp,
    ) -> Option<SignedDuration> {
        let _ = (prompt, language, at);
        None
    }

    /// Something happened (prompts included, after [`Listener::prompt`]).
    fn event(&mut self, event: &SimEvent);
}

/// Collects the events (for tests).
impl Listener for Vec<SimEvent> {
    fn event(&mut self, event: &SimEvent) {
        self.push(event.clone());
    }
}

/// How the simulation behaves.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SimOptions {
    /// After a hand-off to routing, take the agent conversation as over and go on (the survey)
    /// instead of ending with `enqueued`.
    pub after_agent: bool,
}

/// The time a text takes to say at [`CHARS_PER_SECOND`] (at least half a second).
pub fn estimate(text: &str) -> SignedDuration {
    let chars = i64::try_from(text.chars().count()).unwrap_or(i64::MAX / 1000);
    let millis = chars.saturating_mul(1000) / CHARS_PER_SECOND;
    SignedDuration::from_millis(millis.max(500))
}

/// Runs the contact to its end: feeds the first `outputs` (from [`ContactDriver::start`]) and
/// every later event at simulated instants from `start`; returns the instant it ended.
pub async fn run(
    driver: &mut ContactDriver,
    outputs: Vec<Output>,
    start: Timestamp,
    caller: &mut dyn Caller,
    listener: &mut dyn Listener,
    options: SimOptions,
) -> Timestamp {
    let mut leg = Leg {
        now: start,
        playback: None,
        timer: None,
        enqueued: false,
        answered: false,
    };
    leg.perform(outputs, listener);
    for _ in 0..MAX_EVENTS {
        if driver.is_ended() {
            return leg.now;
        }
        let event = if let Some((playback, ends)) = leg.playback.take() {
            leg.now = leg.now.max(ends);
            Event::PromptFinished { playback }
        } else if leg.enqueued {
            leg.enqueued = false;
            if !options.after_agent {
                let outputs = driver.finish("enqueued", leg.now).await;
                leg.perform(outputs, listener);
                return leg.now;
            }
            listener.event(&SimEvent::AgentCallEnded { at: leg.now });
            Event::AgentCallEnded
        } else if let Some((timer, at)) = leg.timer {
            if leg.answered {
                // Digits started but not finished: wait for the inter-digit timeout.
                leg.now = leg.now.max(at);
                Event::Timeout { timer }
            } else {
                leg.answered = true;
                match caller.answer(driver.listens_for_words()) {
                    Some(Answer::Keys(keys)) => {
                        leg.now = answer_time(leg.now, at);
                        listener.event(&SimEvent::Keys {
                            keys: keys.clone(),
                            at: leg.now,
                        });
                        Event::Digits(keys)
                    }
                    Some(Answer::Say(text)) => {
                        leg.now = answer_time(leg.now, at);
                        listener.event(&SimEvent::Say {
                            text: text.clone(),
                            at: leg.now,
                        });
                        Event::Speech(text)
                    }
                    Some(Answer::Silence) => {
                        leg.now = leg.now.max(at);
                        listener.event(&SimEvent::Silence { at: leg.now });
                        Event::Timeout { timer }
                    }
                    None => {
                        listener.event(&SimEvent::HangUp { at: leg.now });
                        Event::HangUp
                    }
                }
            }
        } else {
            // Nothing to wait for and not ended: the flow is stuck; the caller hangs up.
            tracing::warn!("the contact waits for nothing; hanging up");
            listener.event(&SimEvent::HangUp { at: leg.now });
            Event::HangUp
        };
        let outputs = driver.handle(event, leg.now).await;
        leg.perform(outputs, listener);
    }
    tracing::warn!(events = MAX_EVENTS, "the call never ended; hanging up");
    listener.event(&SimEvent::HangUp { at: leg.now });
    let outputs = driver.handle(Event::HangUp, leg.now).await;
    leg.perform(outputs, listener);
    leg.now
}

/// When the caller's answer arrives: [`ANSWER_DELAY`] after now, but before the timer.
fn answer_time(now: Timestamp, timer_at: Timestamp) -> Timestamp {
    let wanted = now.saturating_add(ANSWER_DELAY).unwrap_or(now);
    if wanted < timer_at {
        wanted
    } else {
        // Halfway to a very short timer.
        let half = timer_at.duration_since(now) / 2;
        now.saturating_add(half).unwrap_or(now)
    }
}

/// The simulated leg's state: the playback and timer running, and the caller's.
struct Leg {
    now: Timestamp,
    playback: Option<(PlaybackId, Timestamp)>,
    timer: Option<(TimerId, Timestamp)>,
    enqueued: bool,
    /// The caller answered since the last prompt (so a timer now is an inter-digit one).
    answered: bool,
}

impl Leg {
    fn perform(&mut self, outputs: Vec<Output>, listener: &mut dyn Listener) {
        for output in outputs {
            match output {
                Output::Play {
                    playback,
                    prompts,
                    language,
                    ..
                } => {
                    let mut at = self.now;
                    for prompt in &prompts {
                        let lasts = listener
                            .prompt(prompt, language, at)
                            .unwrap_or_else(|| estimate(&prompt.text));
                        listener.event(&SimEvent::Prompt {
                            id: prompt.id.clone(),
                            text: prompt.text.clone(),
                            language,
                            at,
                        });
                        at = at.saturating_add(lasts).unwrap_or(at);
                    }
                    self.playback = Some((playback, at));
                    self.answered = false;
                }
                Output::StopPlayback { playback } => {
                    if self.playback.map(|p| p.0) == Some(playback) {
                        self.playback = None;
                    }
                }
                Output::StartTimer { timer, at } => self.timer = Some((timer, at)),
                Output::CancelTimer { timer } => {
                    if self.timer.map(|t| t.0) == Some(timer) {
                        self.timer = None;
                    }
                }
                Output::Invoked { operation, outcome } => listener.event(&SimEvent::Invoke {
                    operation,
                    outcome,
                    at: self.now,
                }),
                Output::Language { language } => listener.event(&SimEvent::Language {
                    language,
                    at: self.now,
                }),
                Output::Enqueue { group, language } => {
                    self.enqueued = true;
                    listener.event(&SimEvent::Enqueue {
                        group,
                        language,
                        at: self.now,
                    });
                }
                Output::SurveyAnswer {
                    question,
                    answer,
                    recorded,
                    ..
                } => listener.event(&SimEvent::Survey {
                    question,
                    answer,
                    recorded,
                    at: self.now,
                }),
                Output::Ended { reason } => listener.event(&SimEvent::End {
                    reason,
                    at: self.now,
                }),
            }
        }
    }
}

#[cfg(test)]
mod tests;
