use std::sync::Arc;
use std::time::Duration;

use domain::{Language, Money, TaxCode};
use jiff::civil::Date;
use prompts::{Args, Audio, Catalog, Engines, Pico2Wave, PromptAudio, TtsEngine};

use crate::{espeak_available, profile};

/// Reads the fields of a canonical 44-byte PCM WAV header: (channels, rate, bits).
fn wav_layout(bytes: &[u8]) -> (u16, u32, u16) {
    let u16_at = |at: usize| u16::from_le_bytes([bytes[at], bytes[at + 1]]);
    let rate = u32::from_le_bytes([bytes[24], bytes[25], bytes[26], bytes[27]]);
    assert_eq!(&bytes[0..4], b"RIFF");
    assert_eq!(&bytes[8..16], b"WAVEfmt ");
    assert_eq!(u16_at(20), 1, "PCM");
    (u16_at(22), rate, u16_at(34))
}

fn rms(audio: &Audio) -> f64 {
    let samples = audio.samples();
    let sum: f64 = samples.iter().map(|&s| f64::from(s).powi(2)).sum();
    (sum / samples.len().max(1) as f64).sqrt()
}

#[test]
fn every_language_is_spoken_at_8_khz_mono_and_cached() {
    if !espeak_available() {
        return;
    }
    let catalog = Catalog::load(&profile()).unwrap();
    let engines = Engines::espeak();
    engines.check().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let cache = PromptAudio::new(dir.path());
    let code = TaxCode::parse("RSSMRA80A01H501U").unwrap();
    for lang in Language::ALL {
        let args = Args::new()
            .money("amount", Money::from_cents(49140))
            .date("deadline", Date::new(2026, 1, 12).unwrap());
        for (id, args) in [
            ("welcome", Args::new()),
            ("amount-due", args),
            ("tax-code-heard", Args::new().tax_code("code", &code)),
        ] {
            let spoken = cache.render(&catalog, &engines, lang, id, &args).unwrap();
            assert!(!spoken.from_cache);
            assert_eq!(spoken.audio.sample_rate(), 8000, "{lang} {id}");
            let duration = spoken.audio.duration();
            assert!(
                duration > Duration::from_millis(500) && duration < Duration::from_secs(30),
                "{lang} {id}: {duration:?}"
            );
            assert!(rms(&spoken.audio) > 300.0, "{lang} {id}: silent?");
            let bytes = std::fs::read(&spoken.path).unwrap();
            assert_eq!(wav_layout(&bytes), (1, 8000, 16), "{lang} {id}");
            assert_eq!(bytes.len(), 44 + spoken.audio.samples().len() * 2);
            let again = cache.render(&catalog, &engines, lang, id, &args).unwrap();
            assert!(again.from_cache);
            assert_eq!(again.audio, spoken.audio);
        }
    }
}

#[test]
fn a_spelled_tax_code_takes_a_while_to_say() {
    if !espeak_available() {
        return;
    }
    // Sixteen characters one by one, with pauses: several seconds, not a blur.
    let cache_dir = tempfile::tempdir().unwrap();
    let cache = PromptAudio::new(cache_dir.path());
    let code = TaxCode::parse("RSSMRA80A01H501U").unwrap();
    let spelled = prompts::spoken::tax_code(Language::Italian, &code);
    let audio = cache
        .speak(&Engines::espeak(), Language::Italian, &spelled)
        .unwrap()
        .audio;
    assert!(
        audio.duration() > Duration::from_secs(5),
        "{:?}",
        audio.duration()
    );
}

#[cfg(unix)]
#[test]
fn the_pico2wave_engine_reads_the_file_it_is_told_to_write() {
    use std::os::unix::fs::PermissionsExt;
    if !espeak_available() {
        return;
    }
    // A stand-in with pico2wave's command line (-l LANG -w FILE TEXT) that speaks with
    // espeak-ng, so that the file handling is tested where SVOX Pico is not installed.
    let dir = tempfile::tempdir().unwrap();
    let fake = dir.path().join("pico2wave");
    std::fs::write(
        &fake,
        "#!/bin/sh\n[ \"$1\" = -l ] && [ \"$3\" = -w ] || exit 2\nexec espeak-ng -v it -w \"$4\" \"$5\"\n",
    )
    .unwrap();
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    let pico = Pico2Wave::for_language(Language::Italian)
        .unwrap()
        .with_program(fake.to_string_lossy());
    let audio = pico.synthesize(Language::Italian, "Buongiorno").unwrap();
    assert_eq!(audio.sample_rate(), 22_050);
    assert!(audio.duration() > Duration::from_millis(300));

    let engines = Engines::espeak().with(Language::Italian, Arc::new(pico));
    let cache_dir = tempfile::tempdir().unwrap();
    let spoken = PromptAudio::new(cache_dir.path())
        .speak(&engines, Language::Italian, "Buongiorno")
        .unwrap();
    assert_eq!(spoken.audio.sample_rate(), 8000);
}
