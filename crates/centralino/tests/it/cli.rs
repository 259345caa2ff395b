//! The operator commands, run as a user runs them.

use crate::{centralino, stderr, stdout};

fn json_lines(text: &str) -> Vec<serde_json::Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).expect("every line is JSON"))
        .collect()
}

#[test]
fn taxcode_checks_arguments_with_exactly_the_specified_fields() {
    let out = centralino(
        &[
            "taxcode",
            "RSSMRA80A01H501U",
            "rssmra 80a01 h501x",
            "07973780013",
        ],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let lines = json_lines(&stdout(&out));
    assert_eq!(lines.len(), 3);
    let keys: Vec<_> = lines[0].as_object().unwrap().keys().cloned().collect();
    let mut expected = [
        "input",
        "valid",
        "normalized",
        "error",
        "birth_date",
        "sex",
        "place_code",
        "omocode",
    ];
    expected.sort_unstable();
    assert_eq!(keys, expected);
    assert_eq!(lines[0]["valid"], true);
    assert_eq!(lines[0]["birth_date"], "1980-01-01");
    assert_eq!(lines[0]["sex"], "M");
    assert_eq!(lines[0]["place_code"], "H501");
    assert_eq!(lines[1]["valid"], false);
    assert_eq!(lines[1]["input"], "rssmra 80a01 h501x");
    assert!(
        lines[1]["error"].as_str().unwrap().contains("expected 'U'"),
        "{}",
        lines[1]
    );
    assert_eq!(lines[2]["valid"], true);
    assert_eq!(lines[2]["sex"], serde_json::Value::Null);
}

#[test]
fn taxcode_reads_stdin_line_by_line_at_volume() {
    let codes = [
        "RSSMRA80A01H501U",
        "BNCGNN75T52F205W",
        "RSSMRAULALMHRLMD",
        "ZZZ",
        "",
    ];
    let input: String = (0..100_000)
        .map(|i| format!("{}\n", codes[i % codes.len()]))
        .collect();
    let out = centralino(&["taxcode"], Some(&input));
    assert!(out.status.success(), "{}", stderr(&out));
    let lines = json_lines(&stdout(&out));
    assert_eq!(lines.len(), 100_000, "one answer per input line");
    assert_eq!(lines[2]["omocode"], true);
    assert_eq!(lines[2]["normalized"], "RSSMRAULALMHRLMD");
    assert_eq!(lines[3]["valid"], false);
    assert_eq!(lines[4]["valid"], false);
    let valid = lines.iter().filter(|l| l["valid"] == true).count();
    assert_eq!(valid, 60_000);
}

#[test]
fn calendar_holidays_prints_the_year() {
    let out = centralino(&["calendar", "holidays", "2026"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let dates: Vec<_> = text
        .lines()
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    assert_eq!(
        dates,
        [
            "2026-01-01",
            "2026-01-06",
            "2026-04-05",
            "2026-04-06",
            "2026-04-25",
            "2026-05-01",
            "2026-06-02",
            "2026-08-15",
            "2026-10-04",
            "2026-11-01",
            "2026-12-08",
            "2026-12-25",
            "2026-12-26"
        ]
    );
    assert!(
        text.lines()
            .all(|l| l.split('\t').count() == 2 && !l.ends_with('\t'))
    );
    let before = stdout(&centralino(&["calendar", "holidays", "2025"], None));
    assert!(!before.contains("2025-10-04"));
}

#[test]
fn calendar_at_says_open_or_closed_and_the_next_opening() {
    // Sunday 29 November 2026, 10:00 in Rome: agents closed until Monday 08:00.
    let out = centralino(
        &["calendar", "at", "agents-it", "2026-11-29T10:00:00+01:00"],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "closed\nnext opening: 2026-11-30T08:00:00+01:00[Europe/Rome]\n"
    );

    let out = centralino(
        &["calendar", "at", "agents-it", "2026-11-28T12:00:00Z"],
        None,
    );
    assert_eq!(
        stdout(&out),
        "open\ncloses: 2026-11-28T14:00:00+01:00[Europe/Rome]\nnext opening: 2026-11-30T08:00:00+01:00[Europe/Rome]\n"
    );
    let out = centralino(
        &["calendar", "at", "automated", "2026-12-25T03:00:00+01:00"],
        None,
    );
    assert!(
        stdout(&out).starts_with("open\ncloses: never"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn bad_input_exits_non_zero_with_one_line() {
    let cases: [&[&str]; 5] = [
        &["calendar", "holidays", "twenty"],
        &["calendar", "holidays", "1800"],
        &["calendar", "at", "agents-xx", "2026-11-29T10:00:00Z"],
        &["calendar", "at", "agents-it", "yesterday"],
        &[
            "--profile",
            "/nonexistent",
            "calendar",
            "at",
            "agents-it",
            "2026-11-29T10:00:00Z",
        ],
    ];
    for args in cases {
        let out = centralino(args, None);
        assert!(!out.status.success(), "{args:?} succeeded");
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.starts_with("error: "), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}

#[test]
fn a_broken_profile_names_file_line_and_key() {
    let dir = tempfile::tempdir().unwrap();
    let inps = concat!(env!("CARGO_MANIFEST_DIR"), "/../../profiles/inps");
    let toml = std::fs::read_to_string(format!("{inps}/centralino.toml")).unwrap();
    std::fs::copy(
        format!("{inps}/offices.csv"),
        dir.path().join("offices.csv"),
    )
    .unwrap();
    let broken = toml.replacen("flow = \"cu\"", "flow = \"cu\"\nflavour = \"vanilla\"", 1);
    std::fs::write(dir.path().join("centralino.toml"), &broken).unwrap();
    let line = broken
        .lines()
        .position(|l| l.starts_with("flavour"))
        .unwrap()
        + 1;

    let profile = dir.path().to_str().unwrap();
    let out = centralino(
        &[
            "--profile",
            profile,
            "calendar",
            "at",
            "automated",
            "2026-11-29T10:00:00Z",
        ],
        None,
    );
    assert!(!out.status.success());
    let err = stderr(&out);
    let expected = format!("centralino.toml:{line}: key `entry_points[13].flavour`: unknown field");
    assert!(err.contains(&expected), "{err} (wanted {expected})");
    assert_eq!(err.lines().count(), 1, "{err}");
}
