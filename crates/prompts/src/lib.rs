//! What the caller hears: Fluent messages in eight languages, values said the way each
//! language says them, speech synthesis, and 8 kHz audio cached on disk.
//!
//! # Contract
//!
//! - A [`Catalog`] is loaded once from a profile (`prompts/<lang>/*.ftl`, `info/<lang>/*.ftl`)
//!   and is immutable and `Send + Sync` afterwards; every problem in the files is a
//!   [`CatalogError`] naming file and line. [`Catalog::render`] never returns a string with a
//!   hole in it: a missing variable is a [`RenderError`].
//! - Values in prompts ([`Args`]) are typed. Tax codes, DOMUS numbers and request ids are
//!   spelled character by character, dates and euro amounts are worded for the language
//!   ([`spoken`]).
//! - Speech comes from a [`TtsEngine`] chosen per language ([`Engines`], from a profile's
//!   [`TtsConfig`]); the engines are external programs (espeak-ng, pico2wave), never linked.
//! - [`PromptAudio`] turns a message into 8 000 Hz mono 16-bit PCM and caches it by a hash of
//!   engine, voice, language and text. G.711 encoding and playback are the media layer's.
//! - Nothing here reads the clock or the environment. Rendering audio blocks (processes and
//!   files); async hosts call it through `spawn_blocking`.
//!
//! # Layout
//!
//! - `catalog`: [`Catalog`], [`Args`], [`Spoken`], their errors.
//! - [`spoken`]: spoken forms of codes, dates, amounts and numbers per language.
//! - `tts`: [`TtsEngine`], [`EspeakNg`], [`Pico2Wave`], [`TtsError`].
//! - `engines`: [`TtsConfig`] (the profile's `[tts]` table) and [`Engines`].
//! - `audio`: [`Audio`], WAV reading and writing, [`resample`].
//! - `cache`: [`PromptAudio`], [`CachedAudio`], [`PromptError`].

mod audio;
mod cache;
mod catalog;
mod engines;
pub mod spoken;
mod tts;

pub use audio::{Audio, TELEPHONE_RATE, WavError, resample};
pub use cache::{CachedAudio, PromptAudio, PromptError, RenderSummary};
pub use catalog::{
    Arg, Args, CATALOG_FOLDERS, Catalog, CatalogError, CatalogSource, RenderError, Spoken,
};
pub use engines::{EngineKind, Engines, LanguageTts, TtsConfig, TtsConfigError};
pub use tts::{
    DEFAULT_TIMEOUT, EspeakNg, Pico2Wave, TtsEngine, TtsError, espeak_voice, pico_voice,
};
