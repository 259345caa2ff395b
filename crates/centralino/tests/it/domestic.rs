//! `centralino domestic quote`, run as an operator runs it.

use serde_json::Value;

use crate::{centralino, stderr, stdout};

/// Runs a quote that must succeed and returns its one JSON object.
fn quote(args: &[&str]) -> Value {
    let mut full = vec!["domestic", "quote"];
    full.extend_from_slice(args);
    let out = centralino(&full, None);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 1, "one JSON object: {text}");
    serde_json::from_str(&text).expect("the output is JSON")
}

/// Runs a quote that must fail and returns its one stderr line.
fn refused(args: &[&str]) -> String {
    let mut full = vec!["domestic", "quote"];
    full.extend_from_slice(args);
    let out = centralino(&full, None);
    assert!(!out.status.success(), "{args:?} should fail");
    assert!(stdout(&out).is_empty(), "{args:?}: {}", stdout(&out));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{args:?}: one line: {err}");
    assert!(err.starts_with("error: "), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    err
}

#[test]
fn quote_prints_one_object_with_the_specified_fields() {
    // DOMAIN §5.3: 2025, permanent, CUAF, 20 h/week at 9.50 €/h.
    let q = quote(&[
        "--year",
        "2025",
        "--quarter",
        "2",
        "--hourly-wage",
        "9.50",
        "--weekly-hours",
        "20",
    ]);
    assert_eq!(q["band"], "middle");
    assert_eq!(q["band_label"], "9.48-11.54");
    assert_eq!(q["weeks"], 13);
    assert_eq!(q["hours"], 260);
    assert_eq!(q["hourly_contribution_cents"], 189);
    assert_eq!(q["amount_cents"], 49140);
    assert_eq!(q["worker_share_cents"], 12480);
    assert_eq!(q["cassa_colf_cents"], 1560);
    assert_eq!(q["total_cents"], 50700);
    assert_eq!(q["effective_hourly_wage_cents"], 1029);
    assert_eq!(q["due_date"], "2025-07-10");
    assert_eq!(q["first_week_day"], "2025-03-30");
    assert_eq!(q["last_week_day"], "2025-06-28");
}

#[test]
fn quote_flags_change_the_cell() {
    // DOMAIN §5.3: 2024 fixed-term, 10 h/week at 8.00 €/h → 1.78 × 130 h.
    let q = quote(&[
        "--year",
        "2024",
        "--quarter",
        "3",
        "--hourly-wage",
        "8",
        "--weekly-hours",
        "10",
        "--fixed-term",
    ]);
    assert_eq!(q["band"], "low");
    assert_eq!(q["hourly_contribution_cents"], 178);
    assert_eq!(q["amount_cents"], 23140);
    assert_eq!(q["due_date"], "2024-10-10");
    // Without CUAF, over 24 h (the flat band), Q4 2025 due Monday 12 January 2026.
    let q = quote(&[
        "--year",
        "2025",
        "--quarter",
        "4",
        "--hourly-wage",
        "7.00",
        "--weekly-hours",
        "54",
        "--no-cuaf",
    ]);
    assert_eq!(q["band"], "over_24h");
    assert_eq!(q["hourly_contribution_cents"], 123);
    assert_eq!(q["hours"], 702);
    assert_eq!(q["amount_cents"], 702 * 123);
    assert_eq!(q["worker_share_cents"], 702 * 31);
    assert_eq!(q["due_date"], "2026-01-12");
    // A live-in value lifts the effective wage into the next band: 8.50 → 9.21 + 0.60 = 9.81.
    let q = quote(&[
        "--year",
        "2025",
        "--quarter",
        "1",
        "--hourly-wage",
        "8.50",
        "--weekly-hours",
        "12.5",
        "--live-in-value",
        "0.60",
    ]);
    assert_eq!(q["effective_hourly_wage_cents"], 981);
    assert_eq!(q["band"], "middle");
    assert_eq!(q["hours"], 162.5);
    assert_eq!(q["amount_cents"], 30713); // 162.5 × 1.89 = 307.125 → 307.13
    // 2026 Q3: 10 October is a Saturday.
    let q = quote(&[
        "--year",
        "2026",
        "--quarter",
        "Q3",
        "--hourly-wage",
        "12",
        "--weekly-hours",
        "4",
        "--no-cassa-colf",
    ]);
    assert_eq!(q["band"], "high");
    assert_eq!(q["hourly_contribution_cents"], 234);
    assert_eq!(q["cassa_colf_cents"], 0);
    assert_eq!(q["total_cents"], q["amount_cents"]);
    assert_eq!(q["due_date"], "2026-10-12");
}

/// A few cells through the binary, one per year and column (every cell is checked in the
/// services' table tests).
#[test]
fn quote_reads_the_published_tables() {
    let cases: [(&str, &str, &[&str], i64); 6] = [
        ("2024", "20", &[], 229),
        ("2024", "30", &["--fixed-term", "--no-cuaf"], 130),
        ("2025", "20", &["--no-cuaf"], 232),
        ("2025", "30", &["--fixed-term"], 131),
        ("2026", "20", &["--fixed-term"], 250),
        ("2026", "30", &[], 124),
    ];
    for (year, weekly, flags, cents) in cases {
        let mut args = vec![
            "--year",
            year,
            "--quarter",
            "1",
            "--hourly-wage",
            "15",
            "--weekly-hours",
            weekly,
        ];
        args.extend_from_slice(flags);
        let q = quote(&args);
        assert_eq!(q["hourly_contribution_cents"], cents, "{args:?}");
    }
}

#[test]
fn bad_input_is_one_line_naming_what_is_wrong() {
    let base =
        |year: &'static str, quarter: &'static str, wage: &'static str, hours: &'static str| {
            vec![
                "--year",
                year,
                "--quarter",
                quarter,
                "--hourly-wage",
                wage,
                "--weekly-hours",
                hours,
            ]
        };
    let cases: [(Vec<&str>, &str); 11] = [
        (
            base("2023", "1", "9.50", "20"),
            "no contribution table for 2023",
        ),
        (
            base("2027", "1", "9.50", "20"),
            "tables exist for 2024, 2025, 2026",
        ),
        (base("abc", "1", "9.50", "20"), "--year \"abc\""),
        (
            base("2025", "5", "9.50", "20"),
            "quarter \"5\" must be 1, 2, 3 or 4",
        ),
        (base("2025", "abc", "9.50", "20"), "--quarter"),
        (
            base("2025", "1", "-5", "20"),
            "hourly wage -5.00 must be more than 0",
        ),
        (
            base("2025", "1", "abc", "20"),
            "--hourly-wage: amount \"abc\"",
        ),
        (base("2025", "1", "0", "20"), "hourly wage 0.00"),
        (
            base("2025", "1", "9.50", "abc"),
            "--weekly-hours: weekly hours \"abc\"",
        ),
        (
            base("2025", "1", "9.50", "-3"),
            "must be more than 0 and at most 168",
        ),
        (
            base("2025", "1", "9.50", "200"),
            "must be more than 0 and at most 168",
        ),
    ];
    for (args, expected) in cases {
        let err = refused(&args);
        assert!(err.contains(expected), "{args:?}: {err}");
    }
    let mut live_in = base("2025", "1", "9.50", "20");
    live_in.extend(["--live-in-value", "-1"]);
    assert!(refused(&live_in).contains("live-in value -1.00"));
    let mut live_in = base("2025", "1", "9.50", "20");
    live_in.extend(["--live-in-value", "lots"]);
    assert!(refused(&live_in).contains("--live-in-value"));
}
