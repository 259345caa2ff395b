//! `centralino call NUMBER`: the terminal softphone. One contact runs through the profile's real
//! flows and back office on the local database, with a scripted caller and a simulated clock
//! (`call_control::sim`), and is recorded in the store like a real call.
//!
//! Output: a readable transcript, or with `--json` one JSON object a line (`prompt`, `keys`,
//! `say`, `silence`, `invoke`, `language`, `enqueue`, `agent-call-ended`, `survey`, `hangup`,
//! `error`, `end`), each with the simulated instant `at`.
//!
//! Without `--keys` and `--say`, on a terminal, the caller is you: each question waits for a
//! line (keys; `say: words` at menus that listen for words; empty for silence; Ctrl-D hangs
//! up). A script that runs out hangs up.
//!
//! The database is the one `serve` uses (`--data-dir`, default `data`). When it holds no
//! citizens the call still runs (information, hours, agents), and a note on stderr says that
//! nobody can be identified until the demo population is loaded: `--demo` loads it here, as
//! `serve --demo` does.

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context, bail};
use call_control::sim::{self, Answer, Caller, Listener, Script, SimEvent, SimOptions};
use call_control::{CallSetup, CatalogPrompts, ContactDriver, RenderedPrompt};
use domain::Language;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

use crate::ivr_cmd::{ProfileDir, entry_points};

#[derive(Debug, clap::Args)]
pub struct CallArgs {
    /// The number dialled (803164, 06164164, an international number, 800434320, webcall).
    pub number: String,
    /// The language the call starts in (it, de, en, fr, ar, pl, es, ru); the profile's default
    /// otherwise.
    #[arg(long, value_name = "L")]
    pub lang: Option<String>,
    /// The simulated start: an RFC 3339 instant, or a local date-time in the institute's zone
    /// (2026-04-18T15:00); now by default.
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,
    /// Keys for the questions, one whitespace-separated token per question (`.` or `-`:
    /// silence; a tax code written out is typed on its keypad keys).
    #[arg(long, value_name = "KEYS", allow_hyphen_values = true)]
    pub keys: Option<String>,
    /// What the caller says at the menus that listen for words, `|` between answers (`.`:
    /// silence, `-`: press the next keys instead).
    #[arg(long, value_name = "WORDS", allow_hyphen_values = true)]
    pub say: Option<String>,
    /// One JSON object a line.
    #[arg(long)]
    pub json: bool,
    /// Speak the prompts (espeak-ng): played with paplay or aplay when present, else written
    /// as WAV files to a temporary folder.
    #[arg(long)]
    pub audio: bool,
    /// After a hand-off to agents, take the conversation as over and go on (the survey)
    /// instead of ending with `enqueued`.
    #[arg(long)]
    pub after_agent: bool,
    /// Where the database and files live (the same as `serve`).
    #[arg(long, value_name = "DIR", default_value = "data")]
    pub data_dir: PathBuf,
    /// Database URL (default: sqlite://DATA_DIR/centralino.db).
    #[arg(long, value_name = "URL")]
    pub database: Option<String>,
    /// Load the synthetic demo population first if the database is empty.
    #[arg(long)]
    pub demo: bool,
}

/// Runs the call; the exit status is a failure only when the call could not run (an unknown
/// number, a broken profile, no database).
pub(crate) fn run(dir: &ProfileDir, args: CallArgs) -> anyhow::Result<ExitCode> {
    let profile = dir.profile()?;
    let zone = TimeZone::get(&profile.institute.zone)
        .with_context(|| format!("institute.zone {:?}", profile.institute.zone))?;
    let language = match &args.lang {
        Some(code) => code
            .parse::<Language>()
            .map_err(|e| anyhow::anyhow!("--lang {code:?}: {e}"))?,
        None => profile.default_language,
    };
    let start = match &args.at {
        Some(text) => parse_at(text, &zone)?,
        None => Timestamp::now(),
    };
    let mut transcript = Transcript::new(args.json, zone.clone());
    let entries = entry_points(&profile);
    let entry = match call_control::entry::resolve(&entries, &args.number) {
        Ok(entry) => entry.clone(),
        Err(unknown) => {
            transcript.error(&unknown.to_string(), start);
            transcript.event(&SimEvent::End {
                reason: "unknown-number".to_owned(),
                at: start,
            });
            return Ok(ExitCode::FAILURE);
        }
    };
    let flows = dir.flows().map_err(|problems| {
        anyhow::anyhow!("the profile's flows are broken:\n{}", problems.join("\n"))
    })?;
    let catalog = dir
        .catalog()
        .with_context(|| format!("loading the prompts of {}", dir.label))?;
    let engines = if args.audio {
        let engines = prompts::Engines::from_config(&profile.tts).context("the profile's [tts]")?;
        engines
            .check()
            .context("--audio needs the speech engine (espeak-ng: apt-get install espeak-ng)")?;
        Some(engines)
    } else {
        None
    };
    if let Some(engines) = engines {
        transcript.audio = Some(AudioOut::new(engines, args.data_dir.join("prompts-cache"))?);
    }

    let database_url = match &args.database {
        Some(url) => url.clone(),
        None => {
            std::fs::create_dir_all(&args.data_dir).with_context(|| {
                format!("creating the data directory {}", args.data_dir.display())
            })?;
            format!("sqlite://{}", args.data_dir.join("centralino.db").display())
        }
    };
    let back_office = crate::back_office(&profile, &args.data_dir)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    runtime.block_on(async {
        let store = store::Store::open(&database_url)
            .await
            .with_context(|| format!("opening the database {database_url}"))?;
        store
            .offices()
            .replace_all(&profile.offices)
            .await
            .context("loading the profile's offices into the database")?;
        if args.demo {
            crate::demo::load(&store, &profile, start).await?;
        } else if store.citizens().count().await? == 0 {
            eprintln!(
                "note: the database {database_url} holds no citizens, so no caller can be identified; \
                 add --demo (or run `centralino serve --demo` with the same --data-dir once) to load \
                 the synthetic demo population"
            );
        }
        let office = Arc::new(call_control::BackOffice {
            store: store.clone(),
            calendars: Arc::new(profile.calendars.clone()),
            zone: back_office.zone,
            survey: back_office.survey,
            appointments: back_office.appointments,
            documents_dir: back_office.documents_dir,
            dispatch: back_office.dispatch,
            cu_calendar: back_office.cu_calendar,
        });
        let setup = CallSetup { entry, language };
        let renderer = Arc::new(CatalogPrompts::new(Arc::new(catalog)));
        let (mut driver, outputs) =
            ContactDriver::start(office, Arc::new(flows), renderer, &setup, start)
                .await
                .context("starting the contact")?;
        let script = Script::parse(args.keys.as_deref(), args.say.as_deref());
        let mut interactive = Interactive;
        let mut scripted = script.clone();
        let caller: &mut dyn Caller = if script.is_empty() && std::io::stdin().is_terminal() {
            &mut interactive
        } else {
            &mut scripted
        };
        let options = SimOptions {
            after_agent: args.after_agent,
        };
        sim::run(&mut driver, outputs, start, caller, &mut transcript, options).await;
        store.close().await;
        anyhow::Ok(())
    })?;
    if let Some(audio) = &transcript.audio
        && let Some(folder) = &audio.written_to
    {
        eprintln!(
            "no paplay or aplay found: the prompts are WAV files in {}",
            folder.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// A caller at the terminal (no script given, stdin a terminal): one line per question.
struct Interactive;

impl Caller for Interactive {
    fn answer(&mut self, words: bool) -> Option<Answer> {
        let hint = if words { "keys, or say: WORDS" } else { "keys" };
        eprint!("  your answer ({hint}; empty: silence; Ctrl-D: hang up)> ");
        let _ = std::io::stderr().flush();
        let mut line = String::new();
        match std::io::stdin().lock().read_line(&mut line) {
            Ok(0) | Err(_) => None,
            Ok(_) => {
                let line = line.trim();
                if line.is_empty() || line == "." {
                    Some(Answer::Silence)
                } else if let Some(said) = line.strip_prefix("say:") {
                    Some(Answer::Say(said.trim().to_owned()))
                } else {
                    // The same rules as a `--keys` token (a tax code written out is keyed).
                    let mut one = Script::parse(Some(line), None);
                    one.answer(false)
                }
            }
        }
    }
}

/// An RFC 3339 instant, or a civil date-time in the institute's zone.
fn parse_at(text: &str, zone: &TimeZone) -> anyhow::Result<Timestamp> {
    let text = text.trim();
    if let Ok(at) = text.parse::<Timestamp>() {
        return Ok(at);
    }
    match text.parse::<jiff::civil::DateTime>() {
        Ok(civil) => Ok(civil
            .to_zoned_datetime(zone.clone())
            .with_context(|| format!("--at {text:?} does not exist in {}", zone_name(zone)))?
            .timestamp()),
        Err(_) => bail!(
            "--at {text:?} is neither an RFC 3339 instant (2026-04-18T15:00:00+02:00) nor a local \
             date-time (2026-04-18T15:00)"
        ),
    }
}

fn zone_name(zone: &TimeZone) -> String {
    zone.iana_name()
        .unwrap_or("the institute's zone")
        .to_owned()
}

/// Prints the call as it happens; speaks the prompts with `--audio`.
struct Transcript {
    json: bool,
    zone: TimeZone,
    audio: Option<AudioOut>,
}

impl Transcript {
    fn new(json: bool, zone: TimeZone) -> Transcript {
        Transcript {
            json,
            zone,
            audio: None,
        }
    }

    fn time(&self, at: Timestamp) -> String {
        let local = at.to_zoned_datetime(self.zone.clone());
        if self.json {
            local.strftime("%Y-%m-%dT%H:%M:%S%.3f%:z").to_string()
        } else {
            local.strftime("%H:%M:%S%.3f").to_string()
        }
    }

    fn error(&mut self, message: &str, at: Timestamp) {
        let line = if self.json {
            serde_json::to_string(&JsonLine {
                event: "error",
                message: Some(message),
                at: self.time(at),
                ..JsonLine::default()
            })
            .unwrap_or_default()
        } else {
            format!("{}  error   {message}", self.time(at))
        };
        print_line(&line);
    }
}

fn print_line(line: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}");
    let _ = out.flush();
}

impl Listener for Transcript {
    fn prompt(
        &mut self,
        prompt: &RenderedPrompt,
        language: Language,
        _at: Timestamp,
    ) -> Option<SignedDuration> {
        self.audio.as_mut()?.play(prompt, language)
    }

    fn event(&mut self, event: &SimEvent) {
        let line = if self.json {
            json_line(event, |at| self.time(at))
        } else {
            text_line(event, |at| self.time(at))
        };
        print_line(&line);
    }
}

/// One line of `--json`: `event` first, `at` last, only the fields the event has.
#[derive(Default, serde::Serialize)]
struct JsonLine<'a> {
    event: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    keys: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    operation: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    outcome: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    question: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    answer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    recorded: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<&'a str>,
    at: String,
}

fn json_line(event: &SimEvent, time: impl Fn(Timestamp) -> String) -> String {
    let line = match event {
        SimEvent::Prompt {
            id,
            text,
            language,
            at,
        } => JsonLine {
            event: "prompt",
            id: Some(id),
            text: Some(text),
            language: Some(language.code()),
            at: time(*at),
            ..JsonLine::default()
        },
        SimEvent::Keys { keys, at } => JsonLine {
            event: "keys",
            keys: Some(keys),
            at: time(*at),
            ..JsonLine::default()
        },
        SimEvent::Say { text, at } => JsonLine {
            event: "say",
            text: Some(text),
            at: time(*at),
            ..JsonLine::default()
        },
        SimEvent::Silence { at } => JsonLine {
            event: "silence",
            at: time(*at),
            ..JsonLine::default()
        },
        SimEvent::Invoke {
            operation,
            outcome,
            at,
        } => JsonLine {
            event: "invoke",
            operation: Some(operation),
            outcome: Some(outcome),
            at: time(*at),
            ..JsonLine::default()
        },
        SimEvent::Language { language, at } => JsonLine {
            event: "language",
            language: Some(language.code()),
            at: time(*at),
            ..JsonLine::default()
        },
        SimEvent::Enqueue {
            group,
            language,
            at,
        } => JsonLine {
            event: "enqueue",
            group: Some(group.id()),
            language: Some(language.code()),
            at: time(*at),
            ..JsonLine::default()
        },
        SimEvent::AgentCallEnded { at } => JsonLine {
            event: "agent-call-ended",
            at: time(*at),
            ..JsonLine::default()
        },
        SimEvent::Survey {
            question,
            answer,
            recorded,
            at,
        } => JsonLine {
            event: "survey",
            question: Some(question),
            answer: Some(answer.to_string()),
            recorded: Some(*recorded),
            at: time(*at),
            ..JsonLine::default()
        },
        SimEvent::HangUp { at } => JsonLine {
            event: "hangup",
            at: time(*at),
            ..JsonLine::default()
        },
        SimEvent::End { reason, at } => JsonLine {
            event: "end",
            reason: Some(reason),
            at: time(*at),
            ..JsonLine::default()
        },
    };
    serde_json::to_string(&line).unwrap_or_default()
}

fn text_line(event: &SimEvent, time: impl Fn(Timestamp) -> String) -> String {
    let (at, who, what) = match event {
        SimEvent::Prompt {
            id,
            text,
            language,
            at,
        } => (at, "ivr", format!("[{language} {id}] {text}")),
        SimEvent::Keys { keys, at } => (at, "caller", format!("keys {keys}")),
        SimEvent::Say { text, at } => (at, "caller", format!("says \"{text}\"")),
        SimEvent::Silence { at } => (at, "caller", "(silence)".to_owned()),
        SimEvent::Invoke {
            operation,
            outcome,
            at,
        } => (at, "system", format!("{operation} -> {outcome}")),
        SimEvent::Language { language, at } => (at, "system", format!("language -> {language}")),
        SimEvent::Enqueue {
            group,
            language,
            at,
        } => (
            at,
            "system",
            format!("hand-off to agents: {} ({language})", group.id()),
        ),
        SimEvent::AgentCallEnded { at } => (at, "system", "agent call ended".to_owned()),
        SimEvent::Survey {
            question,
            answer,
            recorded,
            at,
        } => (
            at,
            "caller",
            format!(
                "survey {question} = {answer}{}",
                if *recorded { "" } else { " (not recorded)" }
            ),
        ),
        SimEvent::HangUp { at } => (at, "caller", "hangs up".to_owned()),
        SimEvent::End { reason, at } => (at, "end", reason.clone()),
    };
    format!("{}  {who:<6}  {what}", time(*at))
}

/// Speaks prompts: synthesized through the cache, then played or written out.
struct AudioOut {
    engines: prompts::Engines,
    cache: prompts::PromptAudio,
    player: Option<(PathBuf, &'static [&'static str])>,
    /// Where WAVs go when there is no player (created on first use).
    written_to: Option<PathBuf>,
    count: usize,
}

impl AudioOut {
    fn new(engines: prompts::Engines, cache_dir: PathBuf) -> anyhow::Result<AudioOut> {
        let player = [("paplay", &[][..]), ("aplay", &["-q"][..])]
            .into_iter()
            .find_map(|(name, args)| find_program(name).map(|p| (p, args)));
        Ok(AudioOut {
            engines,
            cache: prompts::PromptAudio::new(cache_dir),
            player,
            written_to: None,
            count: 0,
        })
    }

    /// Speaks one prompt; its length, or `None` (and a warning) when it cannot be spoken.
    fn play(&mut self, prompt: &RenderedPrompt, language: Language) -> Option<SignedDuration> {
        let spoken = match self.cache.speak(&self.engines, language, &prompt.text) {
            Ok(spoken) => spoken,
            Err(e) => {
                tracing::warn!(prompt = %prompt.id, error = %e, "prompt not spoken");
                return None;
            }
        };
        self.count += 1;
        let lasts = SignedDuration::try_from(spoken.audio.duration()).ok();
        match &self.player {
            Some((program, args)) => {
                let status = std::process::Command::new(program)
                    .args(*args)
                    .arg(&spoken.path)
                    .status();
                if !status.is_ok_and(|s| s.success()) {
                    tracing::warn!(player = %program.display(), "the prompt could not be played");
                }
            }
            None => {
                if let Err(e) = self.write_out(prompt, language, &spoken.path) {
                    tracing::warn!(error = %e, "the prompt's WAV could not be written");
                }
            }
        }
        lasts
    }

    fn write_out(
        &mut self,
        prompt: &RenderedPrompt,
        language: Language,
        wav: &Path,
    ) -> anyhow::Result<()> {
        let folder = match &self.written_to {
            Some(folder) => folder.clone(),
            None => {
                let folder = tempfile::Builder::new()
                    .prefix("centralino-call-")
                    .tempdir()?
                    .keep();
                self.written_to = Some(folder.clone());
                folder
            }
        };
        let name: String = prompt
            .id
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        std::fs::copy(
            wav,
            folder.join(format!("{:03}-{language}-{name}.wav", self.count)),
        )?;
        Ok(())
    }
}

/// A program on the PATH.
fn find_program(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}
