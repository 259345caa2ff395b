//! Every published cell of DOMAIN §5.2, the band rules, and the file's validation.

use super::*;

/// One published row: year, band, conventional wage, then the four cells (total, worker share)
/// in the order permanent with CUAF, permanent no CUAF, fixed-term with CUAF, fixed-term no
/// CUAF; all in cents. Where DOMAIN prints no worker share for a fixed-term cell (2024, 2026)
/// it is the permanent one (the surcharge is the employer's).
type Row = (i16, Band, i64, [(i64, i64); 4]);

#[rustfmt::skip]
const PUBLISHED: [Row; 12] = [
    (2024, Band::Low, 833, [(166, 42), (167, 42), (178, 42), (179, 42)]),
    (2024, Band::Middle, 940, [(188, 47), (189, 47), (201, 47), (202, 47)]),
    (2024, Band::High, 1145, [(229, 57), (230, 57), (245, 57), (246, 57)]),
    (2024, Band::Over24Hours, 606, [(121, 30), (122, 30), (129, 30), (130, 30)]),
    (2025, Band::Low, 840, [(168, 42), (169, 42), (179, 42), (180, 42)]),
    (2025, Band::Middle, 948, [(189, 48), (190, 48), (203, 48), (204, 48)]),
    (2025, Band::High, 1154, [(230, 58), (232, 58), (247, 58), (248, 58)]),
    (2025, Band::Over24Hours, 611, [(122, 31), (123, 31), (131, 31), (131, 31)]),
    (2026, Band::Low, 852, [(170, 43), (171, 43), (182, 43), (183, 43)]),
    (2026, Band::Middle, 961, [(192, 48), (193, 48), (205, 48), (206, 48)]),
    (2026, Band::High, 1170, [(234, 59), (235, 59), (250, 59), (251, 59)]),
    (2026, Band::Over24Hours, 620, [(124, 31), (125, 31), (132, 31), (133, 31)]),
];

/// (fixed_term, cuaf) of each cell column.
const COLUMNS: [(bool, bool); 4] = [(false, true), (false, false), (true, true), (true, false)];

/// Band thresholds: year, "up to" bound, upper bound of the middle band, labels.
#[rustfmt::skip]
const THRESHOLDS: [(i16, i64, i64, [&str; 4]); 3] = [
    (2024, 940, 1145, ["up to 9.40", "9.40-11.45", "over 11.45", "over 24h"]),
    (2025, 948, 1154, ["up to 9.48", "9.48-11.54", "over 11.54", "over 24h"]),
    (2026, 961, 1170, ["up to 9.61", "9.61-11.70", "over 11.70", "over 24h"]),
];

fn table(year: i16) -> &'static ContributionTable {
    table_for(year)
        .expect("the embedded tables parse")
        .expect("the year is published")
}

#[test]
fn the_embedded_file_holds_2024_2025_and_2026() {
    assert_eq!(table_years().unwrap(), [2024, 2025, 2026]);
    assert_eq!(table_for(2023).unwrap(), None);
    assert_eq!(table_for(2027).unwrap(), None);
}

#[test]
fn every_published_cell() {
    let mut checked = 0;
    for (year, band, conventional, cells) in PUBLISHED {
        let t = table(year);
        assert_eq!(
            t.conventional_wage(band).cents(),
            conventional,
            "{year} {band} conventional wage"
        );
        for ((fixed_term, cuaf), (total, worker)) in COLUMNS.into_iter().zip(cells) {
            let rate = t.rate(band, fixed_term, cuaf);
            assert_eq!(
                (rate.total.cents(), rate.worker.cents()),
                (total, worker),
                "{year} {band} fixed_term={fixed_term} cuaf={cuaf}"
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 48);
}

#[test]
fn every_published_band_bound_and_label() {
    for (year, low_max, middle_max, labels) in THRESHOLDS {
        let t = table(year);
        assert_eq!(t.low_max.cents(), low_max, "{year}");
        assert_eq!(t.middle_max.cents(), middle_max, "{year}");
        let shown: Vec<String> = Band::ALL.iter().map(|b| t.band_label(*b)).collect();
        assert_eq!(shown, labels, "{year}");
    }
}

#[test]
fn cassa_colf_is_six_cents_of_which_two_for_the_worker() {
    for year in [2024, 2025, 2026] {
        assert_eq!(
            table(year).cassa_colf(),
            HourlyRate {
                total: Money::from_cents(6),
                worker: Money::from_cents(2)
            },
            "{year}"
        );
    }
}

/// INPS builds each cell as round_half_up(conventional wage × rate): 19.9675% with CUAF,
/// 20.0875% without, +1.40% fixed-term. The formula is a test oracle, not the source.
#[test]
fn every_total_agrees_with_the_rate_formula() {
    // Rates in millionths.
    let rates = [199_675, 200_875, 213_675, 214_875];
    for (year, band, conventional, _) in PUBLISHED {
        for ((fixed_term, cuaf), rate) in COLUMNS.into_iter().zip(rates) {
            let expected = (conventional * rate + 500_000) / 1_000_000;
            assert_eq!(
                table(year).rate(band, fixed_term, cuaf).total.cents(),
                expected,
                "{year} {band} fixed_term={fixed_term} cuaf={cuaf}"
            );
        }
    }
}

#[test]
fn bands_by_effective_wage_with_inclusive_upper_bounds() {
    let t = table(2025);
    let h20 = WeeklyHours::from_hours(20).unwrap();
    let band = |cents| t.band_for(Money::from_cents(cents), h20);
    assert_eq!(band(1), Band::Low);
    assert_eq!(band(948), Band::Low);
    assert_eq!(band(949), Band::Middle);
    assert_eq!(band(1154), Band::Middle);
    assert_eq!(band(1155), Band::High);
    // More than 24 hours: the flat band whatever the wage; exactly 24 is not "more".
    let h24 = WeeklyHours::from_hours(24).unwrap();
    let over = WeeklyHours::from_hundredths(2401).unwrap();
    assert_eq!(t.band_for(Money::from_cents(2000), h24), Band::High);
    assert_eq!(t.band_for(Money::from_cents(2000), over), Band::Over24Hours);
    assert_eq!(t.band_for(Money::from_cents(500), over), Band::Over24Hours);
}

const GOOD: &str = "\
# comment

2030 | up to 10.00 | 9.00 | 1.80 (0.45) | 1.81 (0.45) | 1.92 | 1.93
2030 | 10.00-12.00 | 10.00 | 2.00 (0.50) | 2.01 (0.50) | 2.14 (0.50) | 2.15 (0.50)
2030 | over 12.00 | 12.00 | 2.40 (0.60) | 2.41 (0.60) | 2.56 | 2.58
2030 | over 24h | 6.50 | 1.30 (0.33) | 1.31 (0.33) | 1.39 | 1.40
2030 | cassa colf | 0.06 (0.02)
";

#[test]
fn a_well_formed_file_parses_and_fills_fixed_term_worker_shares() {
    let tables = parse(GOOD).unwrap();
    assert_eq!(tables.len(), 1);
    let t = &tables[0];
    assert_eq!(t.year(), 2030);
    assert_eq!(
        t.rate(Band::High, true, false),
        HourlyRate {
            total: Money::from_cents(258),
            worker: Money::from_cents(60)
        }
    );
    assert_eq!(t.rate(Band::Low, true, true).worker, Money::from_cents(45));
}

/// Replaces line `line` (1-based) of [`GOOD`] and returns the error.
fn error_with(line: usize, replacement: &str) -> TableError {
    let text: Vec<&str> = GOOD
        .lines()
        .enumerate()
        .map(|(i, l)| if i + 1 == line { replacement } else { l })
        .collect();
    parse(&text.join("\n")).expect_err("the broken file is refused")
}

#[test]
fn errors_name_the_line_and_what_is_wrong() {
    #[rustfmt::skip]
    let cases: [(usize, &str, &str); 14] = [
        (3, "20x0 | up to 10.00 | 9.00 | 1.80 (0.45) | 1.81 (0.45) | 1.92 | 1.93", "not a year"),
        (3, "2030 | below 10.00 | 9.00 | 1.80 (0.45) | 1.81 (0.45) | 1.92 | 1.93", "\"up to X\""),
        (3, "2030 | up to ten | 9.00 | 1.80 (0.45) | 1.81 (0.45) | 1.92 | 1.93", "\"ten\""),
        (3, "2030 | up to 10.00 | 9.00 | 1.80 (0.45) | 1.81 (0.45) | 1.92", "7 fields"),
        (3, "2030 | up to 10.00 | 9.00 | 1.80 | 1.81 (0.45) | 1.92 | 1.93", "permanent with CUAF: the worker share"),
        (3, "2030 | up to 10.00 | 9.00 | 1.80 (0.45 | 1.81 (0.45) | 1.92 | 1.93", "closing bracket"),
        (3, "2030 | up to 10.00 | 9.00 | 0.40 (0.45) | 1.81 (0.45) | 1.92 | 1.93", "more than the total"),
        (3, "2030 | up to 10.00 | 9.00 | 1.80 (0.45) | 1.81 (0.45) | 1.72 | 1.93", "less than the permanent"),
        (3, "2030 | up to 10.00 | -9.00 | 1.80 (0.45) | 1.81 (0.45) | 1.92 | 1.93", "more than 0"),
        (4, "2030 | 10.50-12.00 | 10.00 | 2.00 (0.50) | 2.01 (0.50) | 2.14 | 2.15", "must start where"),
        (4, "2030 | 10.00-12.00 | 8.00 | 2.00 (0.50) | 2.01 (0.50) | 2.14 | 2.15", "must be higher"),
        (5, "2030 | over 12.50 | 12.00 | 2.40 (0.60) | 2.41 (0.60) | 2.56 | 2.58", "must start where"),
        (6, "2030 | over 25h | 6.50 | 1.30 (0.33) | 1.31 (0.33) | 1.39 | 1.40", "\"over 24h\""),
        (7, "2030 | cassa colf | 0.06", "worker share"),
    ];
    for (line, replacement, expected) in cases {
        let err = error_with(line, replacement);
        assert_eq!(err.line, line, "{replacement}: {err}");
        assert!(err.to_string().contains(expected), "{replacement}: {err}");
        assert!(
            err.to_string()
                .starts_with(&format!("domestic_contributions.csv line {line}: ")),
            "{err}"
        );
    }
}

#[test]
fn missing_and_misplaced_lines_are_refused() {
    // No Cassa Colf line: named at the year's last line.
    let err = error_with(7, "");
    assert_eq!(err.line, 6, "{err}");
    assert!(err.to_string().contains("\"cassa colf\""), "{err}");
    // A missing band.
    let err = error_with(6, "# removed");
    assert!(err.to_string().contains("\"over 24h\" band"), "{err}");
    // A fifth band.
    let text = format!("{GOOD}2030 | over 24h | 6.50 | 1.30 (0.33) | 1.31 (0.33) | 1.39 | 1.40\n");
    let err = parse(&text).unwrap_err();
    assert_eq!(err.line, 8, "{err}");
    assert!(
        err.to_string().contains("already has its four bands"),
        "{err}"
    );
    // Years out of order.
    let text = format!("{GOOD}{}", GOOD.replace("2030", "2029"));
    let err = parse(&text).unwrap_err();
    assert!(err.to_string().contains("increasing order"), "{err}");
    // A second Cassa Colf line.
    let err = parse(&format!("{GOOD}2030 | cassa colf | 0.06 (0.02)\n")).unwrap_err();
    assert!(err.to_string().contains("second \"cassa colf\""), "{err}");
    // Nothing at all.
    let err = parse("# only comments\n").unwrap_err();
    assert!(err.to_string().contains("no table"), "{err}");
}
