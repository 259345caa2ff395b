//! Speech engines: text in one language → PCM audio at the engine's own rate.
//!
//! Engines run as separate processes (espeak-ng, pico2wave): no C library is linked, so the
//! binary stays free of their licences, and a crash or hang in an engine cannot take the
//! contact center down (each run has a time limit). The trait is synchronous: a synthesis
//! takes tens of milliseconds; async callers run it on a blocking thread
//! (`tokio::task::spawn_blocking`).

use std::ffi::OsString;
use std::fmt;
use std::io::{self, Read, Write};
use std::process::{Command, ExitStatus, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use domain::Language;

use crate::audio::{Audio, WavError};

/// Something that turns text into speech.
pub trait TtsEngine: Send + Sync + fmt::Debug {
    /// Engine, voice and every setting that changes the sound, e.g. `espeak-ng voice=it`.
    /// It is part of the audio cache key: two engines with the same id must sound the same.
    fn id(&self) -> String;

    /// Speaks `text` in `lang`: mono 16-bit PCM at whatever rate the engine produces.
    fn synthesize(&self, lang: Language, text: &str) -> Result<Audio, TtsError>;

    /// Checks that the engine can run (its program is installed), without speaking.
    fn check(&self) -> Result<(), TtsError> {
        Ok(())
    }
}

/// Why speech could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum TtsError {
    #[error("{program} is not installed (Debian package {package})")]
    ProgramMissing {
        program: String,
        package: &'static str,
    },
    #[error("cannot run {program}: {source}")]
    Spawn {
        program: String,
        #[source]
        source: io::Error,
    },
    #[error("{program} failed ({status}): {stderr}")]
    Failed {
        program: String,
        status: ExitStatus,
        stderr: String,
    },
    #[error("{program} did not finish within {after:?} and was stopped")]
    TimedOut { program: String, after: Duration },
    #[error("{program} wrote audio that cannot be read: {source}")]
    BadAudio {
        program: String,
        #[source]
        source: WavError,
    },
    #[error("{program} produced no audio for a non-empty text")]
    NoAudio { program: String },
    #[error("{engine} has no voice for {language}")]
    NoVoice {
        engine: &'static str,
        language: Language,
    },
    #[error("temporary file for {program}: {source}")]
    TempFile {
        program: String,
        #[source]
        source: io::Error,
    },
}

/// How long one synthesis may take before the engine process is killed.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(20);

/// espeak-ng's voice for each language (SPEECH.md §1: all eight are in `espeak-ng-data`).
pub fn espeak_voice(lang: Language) -> &'static str {
    match lang {
        Language::Italian => "it",
        Language::German => "de",
        Language::English => "en-gb",
        Language::French => "fr-fr",
        Language::Arabic => "ar",
        Language::Polish => "pl",
        Language::Spanish => "es",
        Language::Russian => "ru",
    }
}

/// SVOX Pico's language for each language it has (it, de, en, fr, es).
pub fn pico_voice(lang: Language) -> Option<&'static str> {
    match lang {
        Language::Italian => Some("it-IT"),
        Language::German => Some("de-DE"),
        Language::English => Some("en-GB"),
        Language::French => Some("fr-FR"),
        Language::Spanish => Some("es-ES"),
        Language::Arabic | Language::Polish | Language::Russian => None,
    }
}

/// espeak-ng (Debian `espeak-ng`), run as `espeak-ng -v VOICE --stdout` with the text on
/// standard input; it writes a 22 050 Hz WAV.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EspeakNg {
    program: String,
    voice: String,
    /// Words per minute (`-s`); espeak-ng's default (175) when `None`.
    speed: Option<u16>,
    timeout: Duration,
}

impl EspeakNg {
    pub const PROGRAM: &'static str = "espeak-ng";
    pub const PACKAGE: &'static str = "espeak-ng";

    /// The engine with a voice name as `espeak-ng --voices` lists it (`it`, `en-gb`, …).
    pub fn new(voice: impl Into<String>) -> EspeakNg {
        EspeakNg {
            program: Self::PROGRAM.to_owned(),
            voice: voice.into(),
            speed: None,
            timeout: DEFAULT_TIMEOUT,
        }
    }

    /// The engine with the default voice for `lang` ([`espeak_voice`]).
    pub fn for_language(lang: Language) -> EspeakNg {
        EspeakNg::new(espeak_voice(lang))
    }

    pub fn with_speed(mut self, words_per_minute: u16) -> EspeakNg {
        self.speed = Some(words_per_minute);
        self
    }

    /// Runs another program in place of `espeak-ng` (a path, or a wrapper for tests).
    pub fn with_program(mut self, program: impl Into<String>) -> EspeakNg {
        self.program = program.into();
        self
    }

    pub fn with_timeout(mut self, timeout: Duration) -> EspeakNg {
        self.timeout = timeout;
        self
    }

    pub fn voice(&self) -> &str {
        &self.voice
    }
}

impl TtsEngine for EspeakNg {
    fn id(&self) -> String {
        match self.speed {
            Some(speed) => format!("espeak-ng voice={} speed={speed}", self.voice),
            None => format!("espeak-ng voice={}", self.voice),
        }
    }

    fn synthesize(&self, _lang: Language, text: &str) -> Result<Audio, TtsError> {
        let mut args: Vec<OsString> = vec!["-v".into(), self.voice.clone().into()];
        if let Some(speed) = self.speed {
            args.extend(["-s".into(), speed.to_string().into()]);
        }
        // -b 1: the input is UTF-8.
        args.extend(["-b".into(), "1".into(), "--stdout".into()]);
        let wav = run(
            &self.program,
            Self::PACKAGE,
            &args,
            Some(text.as_bytes()),
            self.timeout,
        )?;
        decode(&self.program, &wav, text)
    }

    fn check(&self) -> Result<(), TtsError> {
        run(
            &self.program,
            Self::PACKAGE,
            &["--version".into()],
            None,
            self.timeout,
        )
        .map(drop)
    }
}

/// SVOX Pico (`pico2wave`, Debian `libttspico-utils` in non-free), run as
/// `pico2wave -l it-IT -w FILE.wav TEXT`; it writes a 16 000 Hz WAV. Only for it, de, en, fr, es.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pico2Wave {
    program: String,
    voice: String,
    timeout: Duration,
}

impl Pico2Wave {
    pub const PROGRAM: &'static str = "pico2wave";
    pub const PACKAGE: &'static str = "libttspico-utils, in Debian non-free";
    /// The languages pico2wave speaks.
    pub const VOICES: [&'static str; 6] = ["it-IT", "de-DE", "en-GB", "en-US", "fr-FR", "es-ES"];

    /// The engine for a voice in [`Pico2Wave::VOICES`].
    pub fn new(voice: impl Into<String>) -> Pico2Wave {
        Pico2Wave {
            program: Self::PROGRAM.to_owned(),
            voice: voice.into(),
            timeout: DEFAULT_TIMEOUT,
        }
    }

    /// The engine for `lang`, when Pico has a voice for it.
    pub fn for_language(lang: Language) -> Result<Pico2Wave, TtsError> {
        pico_voice(lang)
            .map(Pico2Wave::new)
            .ok_or(TtsError::NoVoice {
                engine: Self::PROGRAM,
                language: lang,
            })
    }

    pub fn with_program(mut self, program: impl Into<String>) -> Pico2Wave {
        self.program = program.into();
        self
    }

    pub fn with_timeout(mut self, timeout: Duration) -> Pico2Wave {
        self.timeout = timeout;
        self
    }

    pub fn voice(&self) -> &str {
        &self.voice
    }
}

impl TtsEngine for Pico2Wave {
    fn id(&self) -> String {
        format!("pico2wave voice={}", self.voice)
    }

    fn synthesize(&self, _lang: Language, text: &str) -> Result<Audio, TtsError> {
        let temp_error = |source| TtsError::TempFile {
            program: self.program.clone(),
            source,
        };
        // pico2wave wants a file name ending in .wav and writes it itself.
        let dir = tempfile::Builder::new()
            .prefix("centralino-pico")
            .tempdir()
            .map_err(temp_error)?;
        let file = dir.path().join("speech.wav");
        // A leading '-' would be read as an option.
        let text = if text.starts_with('-') {
            format!(" {text}")
        } else {
            text.to_owned()
        };
        let args: Vec<OsString> = vec![
            "-l".into(),
            self.voice.clone().into(),
            "-w".into(),
            file.clone().into(),
            text.clone().into(),
        ];
        run(&self.program, Self::PACKAGE, &args, None, self.timeout)?;
        let wav = std::fs::read(&file).map_err(temp_error)?;
        decode(&self.program, &wav, &text)
    }

    fn check(&self) -> Result<(), TtsError> {
        // pico2wave has no --version; --usage prints help and exits 0.
        run(
            &self.program,
            Self::PACKAGE,
            &["--usage".into()],
            None,
            self.timeout,
        )
        .map(drop)
    }
}

fn decode(program: &str, wav: &[u8], text: &str) -> Result<Audio, TtsError> {
    let audio = Audio::from_wav(wav).map_err(|source| TtsError::BadAudio {
        program: program.to_owned(),
        source,
    })?;
    if audio.is_empty() && !text.trim().is_empty() {
        return Err(TtsError::NoAudio {
            program: program.to_owned(),
        });
    }
    Ok(audio)
}

/// Runs `program` with `args`, feeding `stdin`, and returns its standard output; kills it after
/// `timeout`. A program that is not installed is [`TtsError::ProgramMissing`] naming `package`.
fn run(
    program: &str,
    package: &'static str,
    args: &[OsString],
    stdin: Option<&[u8]>,
    timeout: Duration,
) -> Result<Vec<u8>, TtsError> {
    let mut child = Command::new(program)
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|source| match source.kind() {
            io::ErrorKind::NotFound => TtsError::ProgramMissing {
                program: program.to_owned(),
                package,
            },
            _ => TtsError::Spawn {
                program: program.to_owned(),
                source,
            },
        })?;
    // Feed and drain on threads so that a full pipe never blocks the other side.
    let writer = match (child.stdin.take(), stdin) {
        (Some(mut pipe), Some(bytes)) => {
            let bytes = bytes.to_vec();
            Some(thread::spawn(move || {
                // A program that exits without reading shows up in its status instead.
                let _ = pipe.write_all(&bytes);
            }))
        }
        _ => None,
    };
    let stdout = child.stdout.take().map(drain);
    let stderr = child.stderr.take().map(drain);
    let deadline = Instant::now() + timeout;
    let mut pause = Duration::from_millis(1);
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() >= deadline => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(TtsError::TimedOut {
                    program: program.to_owned(),
                    after: timeout,
                });
            }
            Ok(None) => {
                thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(5));
            }
            Err(source) => {
                return Err(TtsError::Spawn {
                    program: program.to_owned(),
                    source,
                });
            }
        }
    };
    if let Some(writer) = writer {
        let _ = writer.join();
    }
    let collect =
        |h: Option<thread::JoinHandle<Vec<u8>>>| h.and_then(|h| h.join().ok()).unwrap_or_default();
    let (out, err) = (collect(stdout), collect(stderr));
    if !status.success() {
        return Err(TtsError::Failed {
            program: program.to_owned(),
            status,
            stderr: String::from_utf8_lossy(&err).trim().to_owned(),
        });
    }
    Ok(out)
}

fn drain(mut pipe: impl Read + Send + 'static) -> thread::JoinHandle<Vec<u8>> {
    thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        bytes
    })
}

#[cfg(test)]
mod tests;
