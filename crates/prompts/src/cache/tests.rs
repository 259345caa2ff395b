use std::num::NonZeroU32;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use domain::Money;
use jiff::civil::Date;

use super::*;
use crate::catalog::Args;
use crate::tts::EspeakNg;

/// Speaks every text as a 16 kHz tone, 10 ms per character, and counts its calls.
#[derive(Debug, Default)]
struct CountingEngine {
    name: &'static str,
    calls: AtomicUsize,
    fail: bool,
}

impl CountingEngine {
    fn new(name: &'static str) -> Arc<CountingEngine> {
        Arc::new(CountingEngine {
            name,
            ..CountingEngine::default()
        })
    }

    fn calls(&self) -> usize {
        self.calls.load(Ordering::SeqCst)
    }
}

impl TtsEngine for CountingEngine {
    fn id(&self) -> String {
        format!("counting voice={}", self.name)
    }

    fn synthesize(&self, _lang: Language, text: &str) -> Result<Audio, TtsError> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        if self.fail {
            return Err(TtsError::NoVoice {
                engine: "counting",
                language: _lang,
            });
        }
        let n = text.chars().count() * 160;
        let samples = (0..n)
            .map(|i| ((i as f64 * 0.2).sin() * 8000.0) as i16)
            .collect();
        Ok(Audio::new(NonZeroU32::new(16_000).unwrap(), samples))
    }
}

fn catalog() -> Catalog {
    Catalog::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/profile")).unwrap()
}

#[test]
fn the_second_render_reads_the_cache_and_does_not_run_the_engine() {
    let dir = tempfile::tempdir().unwrap();
    let cache = PromptAudio::new(dir.path().join("cache"));
    let engine = CountingEngine::new("a");
    let engines = Engines::uniform(engine.clone());
    let catalog = catalog();
    let args = Args::new()
        .money("amount", Money::from_cents(49140))
        .date("deadline", Date::new(2026, 1, 12).unwrap());

    let first = cache
        .render(&catalog, &engines, Language::German, "amount-due", &args)
        .unwrap();
    assert!(!first.from_cache);
    assert_eq!(engine.calls(), 1);
    assert_eq!(first.audio.sample_rate(), 8000);
    let chars = first.text.chars().count();
    assert_eq!(
        first.audio.samples().len(),
        chars * 80,
        "16 kHz → 8 kHz halves the samples"
    );
    assert_eq!(
        first.path,
        dir.path()
            .join("cache/de")
            .join(format!("{}.wav", first.key))
    );
    assert!(first.path.is_file());

    let second = cache
        .render(&catalog, &engines, Language::German, "amount-due", &args)
        .unwrap();
    assert!(second.from_cache);
    assert_eq!(engine.calls(), 1, "the engine ran again");
    assert_eq!(second.audio, first.audio);
    assert_eq!(second.key, first.key);

    // Other values are other text: rendered anew.
    let other = args.clone().money("amount", Money::from_cents(100));
    let third = cache
        .render(&catalog, &engines, Language::German, "amount-due", &other)
        .unwrap();
    assert!(!third.from_cache);
    assert_eq!(engine.calls(), 2);

    // Only finished files are left: no temporary files.
    let names: Vec<String> = std::fs::read_dir(dir.path().join("cache/de"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(
        names
            .iter()
            .all(|n| n.ends_with(".wav") && !n.starts_with('.'))
    );
}

#[test]
fn the_key_covers_engine_voice_language_and_text() {
    let a = CountingEngine::new("a");
    let b = CountingEngine::new("b");
    let key = |engine: &CountingEngine, lang, text| PromptAudio::cache_key(engine, lang, text);
    let base = key(&a, Language::Italian, "ciao");
    assert_eq!(base.len(), 64);
    assert!(base.bytes().all(|c| c.is_ascii_hexdigit()));
    assert_eq!(base, key(&a, Language::Italian, "ciao"));
    assert_ne!(base, key(&b, Language::Italian, "ciao"));
    assert_ne!(base, key(&a, Language::Spanish, "ciao"));
    assert_ne!(base, key(&a, Language::Italian, "ciao!"));
    // Voice settings are part of the engine id.
    let plain = EspeakNg::new("it");
    let slow = EspeakNg::new("it").with_speed(120);
    assert_ne!(
        PromptAudio::cache_key(&plain, Language::Italian, "ciao"),
        PromptAudio::cache_key(&slow, Language::Italian, "ciao")
    );
}

#[test]
fn a_damaged_cache_file_is_rendered_again() {
    let dir = tempfile::tempdir().unwrap();
    let cache = PromptAudio::new(dir.path());
    let engine = CountingEngine::new("a");
    let engines = Engines::uniform(engine.clone());
    let first = cache
        .speak(&engines, Language::Polish, "dzień dobry")
        .unwrap();
    std::fs::write(&first.path, b"RIFF junk").unwrap();
    let again = cache
        .speak(&engines, Language::Polish, "dzień dobry")
        .unwrap();
    assert!(!again.from_cache);
    assert_eq!(engine.calls(), 2);
    assert_eq!(again.audio, first.audio);
    assert!(
        cache
            .speak(&engines, Language::Polish, "dzień dobry")
            .unwrap()
            .from_cache
    );

    // A file at the wrong rate is not used either.
    let wrong = Audio::new(NonZeroU32::new(16_000).unwrap(), vec![0; 10]);
    wrong.write_wav(&again.path).unwrap();
    assert!(
        !cache
            .speak(&engines, Language::Polish, "dzień dobry")
            .unwrap()
            .from_cache
    );
    assert_eq!(engine.calls(), 3);
}

#[test]
fn render_all_speaks_every_prompt_without_variables_once() {
    let dir = tempfile::tempdir().unwrap();
    let cache = PromptAudio::new(dir.path());
    let engine = CountingEngine::new("a");
    let engines = Engines::uniform(engine.clone());
    let catalog = catalog();

    let mut seen = Vec::new();
    let summary = cache
        .render_all(&catalog, &engines, |done, total| seen.push((done, total)))
        .unwrap();
    // welcome, menu and info-naspi in eight languages; the others need values.
    assert_eq!(
        summary,
        RenderSummary {
            total: 24,
            synthesized: 24,
            cached: 0
        }
    );
    assert_eq!(seen, (0..=24).map(|d| (d, 24)).collect::<Vec<_>>());
    assert_eq!(engine.calls(), 24);

    let summary = cache.render_all(&catalog, &engines, |_, _| {}).unwrap();
    assert_eq!(summary.cached, 24);
    assert_eq!(engine.calls(), 24);

    // A cached prompt is found by render with the same text.
    let welcome = cache
        .render(
            &catalog,
            &engines,
            Language::Arabic,
            "welcome",
            &Args::new(),
        )
        .unwrap();
    assert!(welcome.from_cache);
}

#[test]
fn failures_name_the_message_and_language() {
    let dir = tempfile::tempdir().unwrap();
    let cache = PromptAudio::new(dir.path());
    let failing = Arc::new(CountingEngine {
        name: "broken",
        calls: AtomicUsize::new(0),
        fail: true,
    });
    let engines = Engines::uniform(CountingEngine::new("ok")).with(Language::French, failing);
    let err = cache
        .render_all(&catalog(), &engines, |_, _| {})
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "message \"info-naspi\" in fr: speech in fr failed: counting has no voice for fr"
    );
    let err = cache
        .render(
            &catalog(),
            &engines,
            Language::Italian,
            "amount-due",
            &Args::new(),
        )
        .unwrap_err();
    assert!(matches!(
        err,
        PromptError::Render(RenderError::MissingVariable { .. })
    ));

    // A cache folder that cannot be created.
    let file = dir.path().join("a-file");
    std::fs::write(&file, b"").unwrap();
    let err = PromptAudio::new(&file)
        .speak(&engines, Language::Italian, "ciao")
        .unwrap_err();
    assert!(matches!(err, PromptError::Cache { .. }), "{err}");
}
