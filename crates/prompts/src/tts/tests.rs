use super::*;

#[cfg(unix)]
fn script(dir: &std::path::Path, name: &str, body: &str) -> String {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn a_missing_program_names_its_debian_package() {
    let pico = Pico2Wave::for_language(Language::Italian)
        .unwrap()
        .with_program("centralino-test-no-such-pico2wave");
    let err = pico
        .synthesize(Language::Italian, "Buongiorno")
        .unwrap_err();
    assert!(matches!(err, TtsError::ProgramMissing { .. }), "{err}");
    assert_eq!(
        err.to_string(),
        "centralino-test-no-such-pico2wave is not installed (Debian package libttspico-utils, in Debian non-free)"
    );
    assert!(matches!(pico.check(), Err(TtsError::ProgramMissing { .. })));

    let espeak = EspeakNg::new("it").with_program("centralino-test-no-such-espeak-ng");
    let err = espeak
        .synthesize(Language::Italian, "Buongiorno")
        .unwrap_err();
    assert!(
        err.to_string().contains("(Debian package espeak-ng)"),
        "{err}"
    );
}

#[test]
fn pico_has_no_voice_for_arabic_polish_russian() {
    for lang in [Language::Arabic, Language::Polish, Language::Russian] {
        assert!(matches!(
            Pico2Wave::for_language(lang),
            Err(TtsError::NoVoice { .. })
        ));
    }
    assert_eq!(
        Pico2Wave::for_language(Language::French).unwrap().id(),
        "pico2wave voice=fr-FR"
    );
}

#[cfg(unix)]
#[test]
fn failing_hanging_and_garbage_engines_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let failing = script(dir.path(), "failing", "echo 'voice not found' >&2; exit 3");
    let err = EspeakNg::new("xx")
        .with_program(failing)
        .synthesize(Language::Italian, "ciao")
        .unwrap_err();
    assert!(matches!(err, TtsError::Failed { .. }), "{err}");
    assert!(err.to_string().contains("voice not found"), "{err}");

    let hanging = script(dir.path(), "hanging", "exec sleep 30");
    let started = Instant::now();
    let err = EspeakNg::new("it")
        .with_program(hanging)
        .with_timeout(Duration::from_millis(200))
        .synthesize(Language::Italian, "ciao")
        .unwrap_err();
    assert!(matches!(err, TtsError::TimedOut { .. }), "{err}");
    assert!(started.elapsed() < Duration::from_secs(10));

    let garbage = script(dir.path(), "garbage", "cat >/dev/null; echo 'not a wav'");
    let err = EspeakNg::new("it")
        .with_program(garbage)
        .synthesize(Language::Italian, "ciao")
        .unwrap_err();
    assert!(matches!(err, TtsError::BadAudio { .. }), "{err}");

    // A WAV header with no samples, for a text that is not empty.
    let silent = script(
        dir.path(),
        "silent",
        r"cat >/dev/null; printf 'RIFF\044\000\000\000WAVEfmt \020\000\000\000\001\000\001\000\042\126\000\000\104\254\000\000\002\000\020\000data\000\000\000\000'",
    );
    let engine = EspeakNg::new("it").with_program(silent);
    let err = engine.synthesize(Language::Italian, "ciao").unwrap_err();
    assert!(matches!(err, TtsError::NoAudio { .. }), "{err}");
    assert!(
        engine
            .synthesize(Language::Italian, "  ")
            .unwrap()
            .is_empty()
    );
}

#[cfg(unix)]
#[test]
fn espeak_gets_voice_speed_and_the_text_on_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("log");
    // Records its arguments and input, then fails so that no WAV is needed.
    let recorder = script(
        dir.path(),
        "recorder",
        &format!("echo \"$@\" > {0}; cat >> {0}; exit 1", log.display()),
    );
    let _ = EspeakNg::new("fr-fr")
        .with_speed(150)
        .with_program(recorder)
        .synthesize(Language::French, "-5 euros, l'été");
    assert_eq!(
        std::fs::read_to_string(&log).unwrap(),
        "-v fr-fr -s 150 -b 1 --stdout\n-5 euros, l'été"
    );
}
