//! Which speech engine speaks which language: the profile's `[tts]` table and the set of
//! engines built from it.
//!
//! ```toml
//! [tts]
//! default = "espeak-ng"          # for every language not listed below
//!
//! [tts.languages.it]
//! engine = "pico2wave"           # voice it-IT unless `voice` says otherwise
//!
//! [tts.languages.ru]
//! voice = "ru"                   # espeak-ng (the default engine) with this voice
//! speed = 150                    # espeak-ng only: words per minute
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use domain::Language;
use serde::Deserialize;

use crate::tts::{EspeakNg, Pico2Wave, TtsEngine, TtsError, pico_voice};

/// A speech engine the profile can choose.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
pub enum EngineKind {
    /// espeak-ng (Debian main): every language.
    #[default]
    #[serde(rename = "espeak-ng")]
    EspeakNg,
    /// SVOX Pico (Debian non-free `libttspico-utils`): it, de, en, fr, es.
    #[serde(rename = "pico2wave")]
    Pico2Wave,
}

impl EngineKind {
    pub fn name(self) -> &'static str {
        match self {
            EngineKind::EspeakNg => EspeakNg::PROGRAM,
            EngineKind::Pico2Wave => Pico2Wave::PROGRAM,
        }
    }
}

/// The `[tts]` table of a profile.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TtsConfig {
    /// The engine for languages without their own entry.
    #[serde(default)]
    pub default: EngineKind,
    /// Per-language choices, keyed by language code (`it`, `de`, …).
    #[serde(default)]
    pub languages: BTreeMap<String, LanguageTts>,
}

/// `[tts.languages.<code>]`: the engine and voice for one language.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageTts {
    /// The engine; the table's `default` when absent.
    pub engine: Option<EngineKind>,
    /// The engine's voice (`en-us`, `en-US`, …); the engine's voice for the language when absent.
    pub voice: Option<String>,
    /// Words per minute, espeak-ng only (80–450).
    pub speed: Option<u16>,
}

/// Why a `[tts]` table cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TtsConfigError {
    #[error(
        "[tts.languages.{0}]: unknown language; expected one of it, de, en, fr, ar, pl, es, ru"
    )]
    UnknownLanguage(String),
    #[error(
        "[tts.languages.{language}]: pico2wave has no {language} voice (it speaks it, de, en, fr, es); choose espeak-ng"
    )]
    NoPicoVoice { language: String },
    #[error("[tts.languages.{language}]: pico2wave voice {voice:?} is not one of {known}")]
    UnknownPicoVoice {
        language: String,
        voice: String,
        known: String,
    },
    #[error("[tts.languages.{language}]: speed is an espeak-ng setting, not {engine}'s")]
    SpeedNotSupported {
        language: String,
        engine: &'static str,
    },
    #[error("[tts.languages.{language}]: speed {speed} is outside 80–450 words per minute")]
    SpeedOutOfRange { language: String, speed: u16 },
}

/// One engine per language, for all eight.
#[derive(Clone)]
pub struct Engines {
    /// In the order of [`Language::ALL`].
    by_language: [Arc<dyn TtsEngine>; 8],
}

/// The position of `lang` in [`Language::ALL`] (menu keys are 1–8 in that order).
fn slot(lang: Language) -> usize {
    usize::from(lang.menu_key()).saturating_sub(1)
}

impl Engines {
    /// espeak-ng with its default voice in every language.
    pub fn espeak() -> Engines {
        Engines::from_fn(|lang| Arc::new(EspeakNg::for_language(lang)))
    }

    /// The same engine for every language (for tests and custom engines).
    pub fn uniform(engine: Arc<dyn TtsEngine>) -> Engines {
        Engines::from_fn(|_| Arc::clone(&engine))
    }

    fn from_fn(mut f: impl FnMut(Language) -> Arc<dyn TtsEngine>) -> Engines {
        Engines {
            by_language: Language::ALL.map(&mut f),
        }
    }

    /// Replaces the engine of one language.
    pub fn with(mut self, lang: Language, engine: Arc<dyn TtsEngine>) -> Engines {
        self.by_language[slot(lang)] = engine;
        self
    }

    /// The engines a profile's `[tts]` table chooses.
    pub fn from_config(config: &TtsConfig) -> Result<Engines, TtsConfigError> {
        let mut chosen: BTreeMap<Language, &LanguageTts> = BTreeMap::new();
        for (code, entry) in &config.languages {
            let lang = code
                .parse::<Language>()
                .ok()
                .filter(|l| l.code() == code)
                .ok_or_else(|| TtsConfigError::UnknownLanguage(code.clone()))?;
            chosen.insert(lang, entry);
        }
        let none = LanguageTts::default();
        let mut engines = Engines::espeak();
        for lang in Language::ALL {
            let entry = chosen.get(&lang).copied().unwrap_or(&none);
            let kind = entry.engine.unwrap_or(config.default);
            let language = lang.code().to_owned();
            let engine: Arc<dyn TtsEngine> = match kind {
                EngineKind::EspeakNg => {
                    let voice = entry
                        .voice
                        .clone()
                        .unwrap_or_else(|| crate::tts::espeak_voice(lang).to_owned());
                    let mut engine = EspeakNg::new(voice);
                    if let Some(speed) = entry.speed {
                        if !(80..=450).contains(&speed) {
                            return Err(TtsConfigError::SpeedOutOfRange { language, speed });
                        }
                        engine = engine.with_speed(speed);
                    }
                    Arc::new(engine)
                }
                EngineKind::Pico2Wave => {
                    if entry.speed.is_some() {
                        return Err(TtsConfigError::SpeedNotSupported {
                            language,
                            engine: kind.name(),
                        });
                    }
                    let voice = match &entry.voice {
                        Some(v) if Pico2Wave::VOICES.contains(&v.as_str()) => v.clone(),
                        Some(v) => {
                            return Err(TtsConfigError::UnknownPicoVoice {
                                language,
                                voice: v.clone(),
                                known: Pico2Wave::VOICES.join(", "),
                            });
                        }
                        None => pico_voice(lang)
                            .ok_or(TtsConfigError::NoPicoVoice { language })?
                            .to_owned(),
                    };
                    Arc::new(Pico2Wave::new(voice))
                }
            };
            engines.by_language[slot(lang)] = engine;
        }
        Ok(engines)
    }

    /// The engine for `lang`.
    pub fn get(&self, lang: Language) -> &dyn TtsEngine {
        self.by_language[slot(lang)].as_ref()
    }

    /// Checks that every engine's program is installed (once per distinct engine id).
    pub fn check(&self) -> Result<(), TtsError> {
        let mut checked = Vec::new();
        for engine in &self.by_language {
            let id = engine.id();
            if !checked.contains(&id) {
                engine.check()?;
                checked.push(id);
            }
        }
        Ok(())
    }
}

impl Default for Engines {
    fn default() -> Engines {
        Engines::espeak()
    }
}

impl fmt::Debug for Engines {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(Language::ALL.map(|l| (l.code(), self.get(l).id())))
            .finish()
    }
}

#[cfg(test)]
mod tests;
