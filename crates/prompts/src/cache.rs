//! The on-disk audio cache: a message's text is spoken once per engine, voice and language,
//! and the 8 kHz result kept as a WAV file named by a hash.
//!
//! Layout: `<cache dir>/<lang>/<sha256 hex>.wav`, 8 000 Hz mono 16-bit PCM. The key hashes a
//! format version, the engine id (which names the voice and its settings), the language and
//! the exact text, so a change to any of them renders anew and an old file is simply never
//! read again. Files are written to a temporary file in the same folder and renamed into
//! place, so a reader never sees half a file, and two processes rendering the same text at
//! once both end with a complete file. A file that cannot be read back is rendered again.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use domain::Language;
use sha2::{Digest, Sha256};

use crate::audio::{Audio, TELEPHONE_RATE};
use crate::catalog::{Args, Catalog, RenderError};
use crate::engines::Engines;
use crate::tts::{TtsEngine, TtsError};

/// Changes whenever the cached bytes for the same engine, language and text would change (the
/// output format or the resampler).
const CACHE_FORMAT: &str = "centralino-prompts/1 pcm16le-mono-8000 sinc-blackman-32";

/// Why a prompt could not be turned into audio.
#[derive(Debug, thiserror::Error)]
pub enum PromptError {
    #[error(transparent)]
    Render(#[from] RenderError),
    #[error("speech in {language} failed: {source}")]
    Tts {
        language: Language,
        #[source]
        source: TtsError,
    },
    #[error("prompt audio cache {path}: {source}")]
    Cache {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("message {id:?} in {language}: {source}")]
    Message {
        language: Language,
        id: String,
        #[source]
        source: Box<PromptError>,
    },
}

/// A spoken prompt: its text and its 8 kHz audio.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CachedAudio {
    /// The text that was spoken.
    pub text: String,
    /// The cache key (sha256, hex).
    pub key: String,
    /// The WAV file in the cache.
    pub path: PathBuf,
    /// 8 000 Hz mono 16-bit samples.
    pub audio: Audio,
    /// Whether the audio was read from the cache rather than synthesized now.
    pub from_cache: bool,
}

/// What [`PromptAudio::render_all`] did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RenderSummary {
    /// Prompts (message × language) without variables.
    pub total: usize,
    /// Of those, synthesized now.
    pub synthesized: usize,
    /// Of those, already in the cache.
    pub cached: usize,
}

/// Speaks catalog messages through the engines, with an on-disk cache.
///
/// Blocking (files and engine processes): async callers use `spawn_blocking`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PromptAudio {
    dir: PathBuf,
}

impl PromptAudio {
    /// A cache in `dir` (created on first write).
    pub fn new(dir: impl Into<PathBuf>) -> PromptAudio {
        PromptAudio { dir: dir.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The cache key of `text` spoken by `engine` in `lang`: sha256 over the cache format,
    /// the engine id (engine and voice), the language and the text, in hex.
    pub fn cache_key(engine: &dyn TtsEngine, lang: Language, text: &str) -> String {
        let mut hash = Sha256::new();
        for part in [CACHE_FORMAT, &engine.id(), lang.code(), text] {
            // Length-prefixed, so that no two different tuples hash the same bytes.
            hash.update((part.len() as u64).to_le_bytes());
            hash.update(part.as_bytes());
        }
        hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }

    /// Where the audio for `key` in `lang` lives.
    pub fn path_for(&self, lang: Language, key: &str) -> PathBuf {
        self.dir.join(lang.code()).join(format!("{key}.wav"))
    }

    /// Renders message `id` in `lang` with `args` and speaks it, from the cache when it was
    /// spoken before.
    pub fn render(
        &self,
        catalog: &Catalog,
        engines: &Engines,
        lang: Language,
        id: &str,
        args: &Args,
    ) -> Result<CachedAudio, PromptError> {
        let text = catalog.render(lang, id, args)?;
        self.speak(engines, lang, &text)
    }

    /// Speaks `text` in `lang` with the language's engine, from the cache when possible.
    pub fn speak(
        &self,
        engines: &Engines,
        lang: Language,
        text: &str,
    ) -> Result<CachedAudio, PromptError> {
        let engine = engines.get(lang);
        let key = Self::cache_key(engine, lang, text);
        let path = self.path_for(lang, &key);
        match std::fs::read(&path) {
            Ok(bytes) => match Audio::from_wav(&bytes) {
                Ok(audio) if audio.sample_rate() == TELEPHONE_RATE => {
                    return Ok(CachedAudio {
                        text: text.to_owned(),
                        key,
                        path,
                        audio,
                        from_cache: true,
                    });
                }
                Ok(_) => {
                    tracing::warn!(path = %path.display(), "cached prompt is not 8 kHz; rendering again")
                }
                Err(error) => {
                    tracing::warn!(path = %path.display(), %error, "cached prompt unreadable; rendering again")
                }
            },
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(error) => {
                tracing::warn!(path = %path.display(), %error, "cannot read cached prompt; rendering again");
            }
        }
        let spoken = engine
            .synthesize(lang, text)
            .map_err(|source| PromptError::Tts {
                language: lang,
                source,
            })?;
        let audio = spoken.to_telephone();
        write_atomically(&path, &audio.to_wav()).map_err(|source| PromptError::Cache {
            path: path.clone(),
            source,
        })?;
        tracing::debug!(lang = %lang, engine = %engine.id(), key = %key, "prompt audio rendered");
        Ok(CachedAudio {
            text: text.to_owned(),
            key,
            path,
            audio,
            from_cache: false,
        })
    }

    /// Speaks every message that needs no arguments, in every language of the catalog, into
    /// the cache. `progress(done, total)` is called once before the first prompt and after each
    /// one. Stops at the first failure, naming the message and language.
    pub fn render_all(
        &self,
        catalog: &Catalog,
        engines: &Engines,
        mut progress: impl FnMut(usize, usize),
    ) -> Result<RenderSummary, PromptError> {
        let prompts: Vec<(Language, &str)> = catalog
            .languages()
            .flat_map(|lang| catalog.message_ids(lang).map(move |id| (lang, id)))
            .filter(|&(lang, id)| {
                catalog.has_value(lang, id)
                    && catalog.variables(lang, id).is_some_and(|v| v.is_empty())
            })
            .collect();
        let mut summary = RenderSummary {
            total: prompts.len(),
            ..RenderSummary::default()
        };
        progress(0, summary.total);
        for (done, (lang, id)) in prompts.into_iter().enumerate() {
            let audio = self
                .render(catalog, engines, lang, id, &Args::new())
                .map_err(|source| PromptError::Message {
                    language: lang,
                    id: id.to_owned(),
                    source: Box::new(source),
                })?;
            if audio.from_cache {
                summary.cached += 1;
            } else {
                summary.synthesized += 1;
            }
            progress(done + 1, summary.total);
        }
        Ok(summary)
    }
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename.
fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut file = tempfile::Builder::new()
        .prefix(".prompt-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    file.write_all(bytes)?;
    file.flush()?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests;
