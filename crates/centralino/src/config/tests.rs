//! The built-in profile loads, and every kind of broken profile names file, line and key.

use super::*;

const OFFICES: &str = "code,name,region,province,address,postcode,city,phone_hours\n\
    0100,Direzione provinciale di Torino,Piemonte,TO,Corso Giulio Cesare 290,10152,Torino,Lun-Ven 08:30-12:30\n";

fn broken(toml_text: &str) -> ConfigError {
    Profile::from_sources("test.toml", toml_text, "offices.csv", OFFICES)
        .expect_err("the profile is broken")
}

#[test]
fn the_inps_profile_has_every_number_of_the_requirements() {
    let profile = Profile::inps().expect("the built-in profile is valid");
    for number in ["803164", "06164164", "800434320", "webcall"] {
        assert!(profile.entry_point(number).is_some(), "{number}");
    }
    let international: Vec<_> = profile
        .entry_points
        .iter()
        .filter(|e| e.channel == Channel::International)
        .map(|e| (e.country.as_str(), e.number.as_str()))
        .collect();
    assert_eq!(
        international,
        [
            ("BE", "080013255"),
            ("DK", "80018297"),
            ("FR", "0800904332"),
            ("DE", "08001821138"),
            ("GB", "0800963706"),
            ("IE", "1800553909"),
            ("NL", "08000223952"),
            ("PT", "800839766"),
            ("ES", "900993926"),
            ("SE", "020795084"),
            ("CH", "0800559218"),
        ]
    );
    assert!(international.len() == 11);
    assert_eq!(
        profile
            .entry_point("800434320")
            .and_then(|e| e.open_during.as_deref()),
        Some("cu-campaign")
    );
    assert_eq!(
        profile.entry_point("06164164").map(|e| e.cost),
        Some(Cost::CallerPays)
    );
    assert_eq!(profile.languages, Language::ALL);
    assert_eq!(profile.default_language, Language::Italian);
    let groups: Vec<_> = profile.service_groups.iter().map(|g| g.group).collect();
    assert_eq!(groups, ServiceGroup::ALL);
    for name in ["agents-it", "agents-foreign", "automated", "cu-campaign"] {
        assert!(profile.calendars.get(name).is_some(), "{name}");
    }
    assert!(profile.offices.len() >= 107);
}

#[test]
fn the_inps_offices_cover_every_province() {
    let profile = Profile::inps().unwrap();
    let provinces: std::collections::BTreeSet<_> = profile
        .offices
        .iter()
        .map(|o| o.province.as_str())
        .collect();
    for province in domain::place::provinces() {
        assert!(provinces.contains(province), "no office in {province}");
    }
}

fn inps_text_with(from: &str, to: &str) -> String {
    assert!(INPS_TOML.contains(from), "{from}");
    INPS_TOML.replacen(from, to, 1)
}

#[test]
fn a_syntax_error_names_file_and_line() {
    let err = broken(&inps_text_with(
        "short_name = \"INPS\"",
        "short_name = \"INPS",
    ));
    assert_eq!(err.file, "test.toml");
    assert_eq!(
        err.line,
        Some(line_of(INPS_TOML, INPS_TOML.find("short_name").unwrap()))
    );
    assert!(err.to_string().starts_with("test.toml:"), "{err}");
}

#[test]
fn an_unknown_key_names_its_path_and_line() {
    let err = broken(&inps_text_with(
        "language_first = true",
        "langauge_first = true",
    ));
    assert_eq!(
        err.key.as_deref(),
        Some("entry_points[2].langauge_first"),
        "{err}"
    );
    assert_eq!(
        err.line,
        Some(line_of(
            INPS_TOML,
            INPS_TOML.find("language_first = true").unwrap()
        ))
    );
    assert!(err.message.contains("unknown field"), "{err}");
}

#[test]
fn a_bad_value_names_its_key() {
    let err = broken(&inps_text_with(
        "channel = \"mobile\"",
        "channel = \"pigeon\"",
    ));
    assert_eq!(err.key.as_deref(), Some("entry_points[1].channel"), "{err}");
    assert!(err.line.is_some());

    let err = broken(&inps_text_with("default = \"it\"", "default = \"xx\""));
    assert_eq!(err.key.as_deref(), Some("languages.default"), "{err}");
    assert!(err.message.contains("unknown language"), "{err}");

    let err = broken(&inps_text_with("country = \"BE\"", "country = \"Belgium\""));
    assert_eq!(err.key.as_deref(), Some("entry_points[2].country"), "{err}");

    let err = broken(&inps_text_with(
        "http_listen = \"127.0.0.1:8080\"",
        "http_listen = \"localhost\"",
    ));
    assert_eq!(err.key.as_deref(), Some("server.http_listen"), "{err}");
    assert_eq!(
        err.line,
        Some(line_of(INPS_TOML, INPS_TOML.find("http_listen").unwrap()))
    );
}

#[test]
fn a_reference_to_a_missing_calendar_names_key_and_line() {
    let err = broken(&inps_text_with(
        "open_during = \"cu-campaign\"",
        "open_during = \"cu\"",
    ));
    assert_eq!(
        err.key.as_deref(),
        Some("entry_points[13].open_during"),
        "{err}"
    );
    assert_eq!(
        err.line,
        Some(line_of(INPS_TOML, INPS_TOML.find("open_during").unwrap()))
    );
    assert!(err.message.contains("no calendar named \"cu\""), "{err}");
}

#[test]
fn a_bad_opening_time_is_refused() {
    let err = broken(&inps_text_with(
        "sat = [\"08:00-14:00\"]",
        "sat = [\"08:00-25:00\"]",
    ));
    assert!(err.to_string().contains("25:00"), "{err}");
    assert!(err.line.is_some(), "{err}");
}

#[test]
fn duplicate_numbers_and_groups_are_refused() {
    let err = broken(&inps_text_with(
        "number = \"06164164\"",
        "number = \"803164\"",
    ));
    assert!(err.message.contains("already entry_points[0]"), "{err}");
    let err = broken(&inps_text_with("id = \"disability\"", "id = \"pensions\""));
    assert!(err.message.contains("listed twice"), "{err}");
}

#[test]
fn broken_office_rows_name_their_line_and_field() {
    let csv =
        |rows: &str| format!("code,name,region,province,address,postcode,city,phone_hours\n{rows}");
    let load = |rows: &str| Profile::from_sources("p.toml", INPS_TOML, "offices.csv", &csv(rows));
    let err = load("010,Sede,Piemonte,TO,Via X 1,10100,Torino,Lun\n").unwrap_err();
    assert_eq!(
        (err.line, err.key.as_deref()),
        (Some(2), Some("code")),
        "{err}"
    );
    let err = load("0100,Sede,Piemonte,TO,Via X 1,10100,Torino\n").unwrap_err();
    assert!(err.message.contains("expected 8 fields, found 7"), "{err}");
    let err = load("0100,Sede,Piemonte,TO,Via X 1,10100,Torino,Lun\n0100,Sede,Piemonte,TO,Via X 1,10100,Torino,Lun\n").unwrap_err();
    assert_eq!(err.line, Some(3), "{err}");
    let ok =
        load("0100,\"Sede, centro\",Piemonte,TO,\"Via \"\"X\"\" 1\",10100,Torino,Lun\n").unwrap();
    assert_eq!(ok.offices[0].name, "Sede, centro");
    assert_eq!(ok.offices[0].street, "Via \"X\" 1");
}

#[test]
fn a_missing_profile_folder_names_the_file() {
    let err = Profile::load(Path::new("/nonexistent/profile")).unwrap_err();
    assert_eq!(err.file, "/nonexistent/profile/centralino.toml");
}
