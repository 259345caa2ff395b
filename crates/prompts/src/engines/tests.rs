use super::*;

/// Parses the `[tts]` table as the profile loader will, from a `centralino.toml` fragment.
fn parse(text: &str) -> Result<TtsConfig, String> {
    #[derive(Deserialize)]
    struct Profile {
        tts: TtsConfig,
    }
    toml::from_str::<Profile>(text)
        .map(|p| p.tts)
        .map_err(|e| e.to_string())
}

fn ids(engines: &Engines) -> Vec<String> {
    Language::ALL.map(|l| engines.get(l).id()).to_vec()
}

#[test]
fn default_is_espeak_ng_with_a_voice_per_language() {
    let engines = Engines::from_config(&TtsConfig::default()).unwrap();
    assert_eq!(
        ids(&engines),
        [
            "espeak-ng voice=it",
            "espeak-ng voice=de",
            "espeak-ng voice=en-gb",
            "espeak-ng voice=fr-fr",
            "espeak-ng voice=ar",
            "espeak-ng voice=pl",
            "espeak-ng voice=es",
            "espeak-ng voice=ru",
        ]
    );
    assert_eq!(ids(&Engines::default()), ids(&engines));
    assert_eq!(parse("[tts]\n").unwrap(), TtsConfig::default());
}

#[test]
fn a_profile_chooses_the_engine_and_voice_per_language() {
    let config = parse(
        r#"
        [tts]
        default = "espeak-ng"

        [tts.languages.it]
        engine = "pico2wave"

        [tts.languages.en]
        engine = "pico2wave"
        voice = "en-US"

        [tts.languages.ru]
        voice = "ru-cl"
        speed = 150
        "#,
    )
    .unwrap();
    let engines = Engines::from_config(&config).unwrap();
    let ids = ids(&engines);
    assert_eq!(ids[0], "pico2wave voice=it-IT");
    assert_eq!(ids[1], "espeak-ng voice=de");
    assert_eq!(ids[2], "pico2wave voice=en-US");
    assert_eq!(ids[7], "espeak-ng voice=ru-cl speed=150");
    let debug = format!("{engines:?}");
    assert!(
        debug.contains("\"it\": \"pico2wave voice=it-IT\""),
        "{debug}"
    );

    // Pico as the default needs an espeak-ng entry for the languages Pico lacks.
    let config = parse(
        r#"
        [tts]
        default = "pico2wave"
        languages.ar.engine = "espeak-ng"
        languages.pl.engine = "espeak-ng"
        languages.ru.engine = "espeak-ng"
        "#,
    )
    .unwrap();
    let engines = Engines::from_config(&config).unwrap();
    assert_eq!(engines.get(Language::Spanish).id(), "pico2wave voice=es-ES");
    assert_eq!(engines.get(Language::Polish).id(), "espeak-ng voice=pl");
}

#[test]
fn mistakes_in_the_table_are_named() {
    let unknown_field = parse("[tts]\nengine = \"espeak-ng\"\n").unwrap_err();
    assert!(
        unknown_field.contains("unknown field `engine`"),
        "{unknown_field}"
    );
    let unknown_engine = parse("[tts]\ndefault = \"festival\"\n").unwrap_err();
    assert!(unknown_engine.contains("festival"), "{unknown_engine}");
    let nested = parse("[tts.languages.it]\nengine = \"espeak-ng\"\nvoce = \"it\"\n").unwrap_err();
    assert!(nested.contains("unknown field `voce`"), "{nested}");

    let build = |text: &str| Engines::from_config(&parse(text).unwrap()).unwrap_err();
    assert_eq!(
        build("[tts.languages.xx]\n"),
        TtsConfigError::UnknownLanguage("xx".to_owned())
    );
    assert_eq!(
        build("[tts.languages.IT]\n"),
        TtsConfigError::UnknownLanguage("IT".to_owned())
    );
    let no_voice = build("[tts.languages.ar]\nengine = \"pico2wave\"\n");
    assert_eq!(
        no_voice.to_string(),
        "[tts.languages.ar]: pico2wave has no ar voice (it speaks it, de, en, fr, es); choose espeak-ng"
    );
    // With pico2wave as the default, Arabic without its own entry is the same mistake.
    assert!(matches!(
        build("[tts]\ndefault = \"pico2wave\"\n"),
        TtsConfigError::NoPicoVoice { .. }
    ));
    assert!(matches!(
        build("[tts.languages.it]\nengine = \"pico2wave\"\nvoice = \"it\"\n"),
        TtsConfigError::UnknownPicoVoice { .. }
    ));
    assert!(matches!(
        build("[tts.languages.it]\nengine = \"pico2wave\"\nspeed = 150\n"),
        TtsConfigError::SpeedNotSupported { .. }
    ));
    assert!(matches!(
        build("[tts.languages.it]\nspeed = 20\n"),
        TtsConfigError::SpeedOutOfRange { speed: 20, .. }
    ));
}

#[test]
fn an_engine_can_be_replaced_for_one_language() {
    let engines = Engines::espeak().with(
        Language::Arabic,
        Arc::new(EspeakNg::new("ar").with_speed(120)),
    );
    assert_eq!(
        engines.get(Language::Arabic).id(),
        "espeak-ng voice=ar speed=120"
    );
    assert_eq!(engines.get(Language::Russian).id(), "espeak-ng voice=ru");
    let same = Engines::uniform(Arc::new(EspeakNg::new("it")));
    assert!(
        Language::ALL
            .iter()
            .all(|&l| same.get(l).id() == "espeak-ng voice=it")
    );
}
