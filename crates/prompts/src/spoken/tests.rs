use super::*;
use Language::*;

fn d(y: i16, m: i8, day: i8) -> Date {
    Date::new(y, m, day).unwrap()
}

#[track_caller]
fn check_all(expected: [(Language, &str); 8], f: impl Fn(Language) -> String) {
    for (lang, want) in expected {
        assert_eq!(f(lang), want, "in {lang}");
    }
    let covered: Vec<Language> = expected.iter().map(|(l, _)| *l).collect();
    assert_eq!(
        covered,
        Language::ALL,
        "the table covers the eight languages in order"
    );
}

#[test]
fn dates_in_the_eight_languages() {
    check_all(
        [
            (Italian, "12 gennaio 2026"),
            (German, "12. Januar 2026"),
            (English, "12 January 2026"),
            (French, "12 janvier 2026"),
            (Arabic, "12 يناير 2026"),
            (Polish, "12 stycznia 2026"),
            (Spanish, "12 de enero de 2026"),
            (Russian, "12 января 2026"),
        ],
        |l| date(l, d(2026, 1, 12)),
    );
    check_all(
        [
            (Italian, "primo dicembre 2025"),
            (German, "1. Dezember 2025"),
            (English, "1 December 2025"),
            (French, "1er décembre 2025"),
            (Arabic, "1 ديسمبر 2025"),
            (Polish, "1 grudnia 2025"),
            (Spanish, "1 de diciembre de 2025"),
            (Russian, "1 декабря 2025"),
        ],
        |l| date(l, d(2025, 12, 1)),
    );
    // Every month has a name in every language (no panics, no repeats).
    for lang in Language::ALL {
        let names: std::collections::BTreeSet<String> =
            (1..=12).map(|m| date(lang, d(2026, m, 15))).collect();
        assert_eq!(names.len(), 12, "{lang}");
    }
}

#[test]
fn amounts_of_euro_in_the_eight_languages() {
    check_all(
        [
            (Italian, "491 euro e 40 centesimi"),
            (German, "491 Euro und 40 Cent"),
            (English, "491 euros and 40 cents"),
            (French, "491 euros et 40 centimes"),
            (Arabic, "491 يورو و40 سنتًا"),
            (Polish, "491 euro i 40 centów"),
            (Spanish, "491 euros con 40 céntimos"),
            (Russian, "491 евро и 40 центов"),
        ],
        |l| money(l, Money::from_cents(49140)),
    );
    check_all(
        [
            (Italian, "un euro e un centesimo"),
            (German, "ein Euro und ein Cent"),
            (English, "one euro and one cent"),
            (French, "un euro et un centime"),
            (Arabic, "يورو واحد وسنت واحد"),
            (Polish, "jedno euro i jeden cent"),
            (Spanish, "un euro con un céntimo"),
            (Russian, "один евро и один цент"),
        ],
        |l| money(l, Money::from_cents(101)),
    );
    check_all(
        [
            (Italian, "1200 euro"),
            (German, "1200 Euro"),
            (English, "1200 euros"),
            (French, "1200 euros"),
            (Arabic, "1200 يورو"),
            (Polish, "1200 euro"),
            (Spanish, "1200 euros"),
            (Russian, "1200 евро"),
        ],
        |l| money(l, Money::from_cents(120_000)),
    );
    check_all(
        [
            (Italian, "22 centesimi"),
            (German, "22 Cent"),
            (English, "22 cents"),
            (French, "22 centimes"),
            (Arabic, "22 سنتًا"),
            (Polish, "22 centy"),
            (Spanish, "22 céntimos"),
            (Russian, "22 цента"),
        ],
        |l| money(l, Money::from_cents(22)),
    );
    check_all(
        [
            (Italian, "0 euro"),
            (German, "0 Euro"),
            (English, "0 euros"),
            (French, "0 euro"),
            (Arabic, "0 يورو"),
            (Polish, "0 euro"),
            (Spanish, "0 euros"),
            (Russian, "0 евро"),
        ],
        |l| money(l, Money::ZERO),
    );
    check_all(
        [
            (Italian, "meno 5 euro"),
            (German, "minus 5 Euro"),
            (English, "minus 5 euros"),
            (French, "moins 5 euros"),
            (Arabic, "سالب 5 يورو"),
            (Polish, "minus 5 euro"),
            (Spanish, "menos 5 euros"),
            (Russian, "минус 5 евро"),
        ],
        |l| money(l, Money::from_cents(-500)),
    );
}

#[test]
fn slavic_and_arabic_cent_forms_follow_the_count() {
    let cases = [
        (2, "2 centy", "2 цента", "سنتان"),
        (5, "5 centów", "5 центов", "5 سنتات"),
        (10, "10 centów", "10 центов", "10 سنتات"),
        (11, "11 centów", "11 центов", "11 سنتًا"),
        (12, "12 centów", "12 центов", "12 سنتًا"),
        (21, "21 centów", "21 цент", "21 سنتًا"),
        (24, "24 centy", "24 цента", "24 سنتًا"),
        (95, "95 centów", "95 центов", "95 سنتًا"),
    ];
    for (n, pl, ru, ar) in cases {
        let m = Money::from_cents(n);
        assert_eq!(money(Polish, m), pl);
        assert_eq!(money(Russian, m), ru);
        assert_eq!(money(Arabic, m), ar);
    }
    assert_eq!(money(Arabic, Money::from_cents(200)), "يوروان");
}

#[test]
fn tax_codes_are_spelled_in_groups() {
    let code = TaxCode::parse("RSSMRA80A01H501U").unwrap();
    check_all(
        [
            (
                Italian,
                "erre, esse, esse; emme, erre, a; 8, 0, a, 0, 1; acca, 5, 0, 1, u",
            ),
            (
                German,
                "er, es, es; em, er, a; 8, 0, a, 0, 1; ha, 5, 0, 1, u",
            ),
            (English, "R, S, S; M, R, A; 8, 0, A, 0, 1; H, 5, 0, 1, U"),
            (
                French,
                "erre, esse, esse; emme, erre, a; 8, 0, a, 0, 1; hache, 5, 0, 1, u",
            ),
            (
                Arabic,
                "آر، إس، إس؛ إم، آر، إيه؛ 8، 0، إيه، 0، 1؛ إتش، 5، 0، 1، يو",
            ),
            (
                Polish,
                "er, es, es; em, er, a; 8, 0, a, 0, 1; ha, 5, 0, 1, u",
            ),
            (
                Spanish,
                "erre, ese, ese; eme, erre, a; 8, 0, a, 0, 1; hache, 5, 0, 1, u",
            ),
            (
                Russian,
                "эр, эс, эс; эм, эр, а; 8, 0, а, 0, 1; аш, 5, 0, 1, у",
            ),
        ],
        |l| tax_code(l, &code),
    );
    // The institute's own numeric tax code.
    let numeric = TaxCode::parse("80078750587").unwrap();
    assert_eq!(
        tax_code(Italian, &numeric),
        "8, 0, 0; 7, 8, 7, 5; 0, 5, 8, 7"
    );
}

#[test]
fn letters_that_matter_have_their_names() {
    // Letters an engine would read as a word or in another voice.
    let cases = [
        (Italian, 'Y', "ipsilon"),
        (Italian, 'J', "i lunga"),
        (German, 'C', "Zeh"),
        (German, 'X', "iks"),
        (French, 'W', "double vé"),
        (French, 'Y', "i grec"),
        (Spanish, 'Y', "i griega"),
        (Spanish, 'W', "uve doble"),
        (Polish, 'V', "fał"),
        (Russian, 'W', "дубль-вэ"),
        (Arabic, 'Z', "زِد"),
        (English, 'a', "A"),
    ];
    for (lang, c, name) in cases {
        assert_eq!(letter_name(lang, c), Some(name), "{c} in {lang}");
    }
    for lang in Language::ALL {
        assert_eq!(letter_name(lang, '7'), None);
        assert_eq!(letter_name(lang, 'È'), None);
        for c in 'A'..='Z' {
            let name = letter_name(lang, c).unwrap();
            assert!(!name.is_empty() && !name.contains(','), "{c} in {lang}");
        }
    }
}

#[test]
fn domus_numbers_and_request_ids_are_spelled() {
    check_all(
        [
            (Italian, "9, 1, 5, 3; 0, 0, 0, 5; 5, 7, 7, 3, 9"),
            (German, "9, 1, 5, 3; 0, 0, 0, 5; 5, 7, 7, 3, 9"),
            (English, "9, 1, 5, 3; 0, 0, 0, 5; 5, 7, 7, 3, 9"),
            (French, "9, 1, 5, 3; 0, 0, 0, 5; 5, 7, 7, 3, 9"),
            (Arabic, "9، 1، 5، 3؛ 0، 0، 0، 5؛ 5، 7، 7، 3، 9"),
            (Polish, "9, 1, 5, 3; 0, 0, 0, 5; 5, 7, 7, 3, 9"),
            (Spanish, "9, 1, 5, 3; 0, 0, 0, 5; 5, 7, 7, 3, 9"),
            (Russian, "9, 1, 5, 3; 0, 0, 0, 5; 5, 7, 7, 3, 9"),
        ],
        |l| domus_number(l, "9153000557739"),
    );
    assert_eq!(
        domus_number(Italian, "9153 0005 57739"),
        domus_number(Italian, "9153000557739")
    );
    // Not a DOMUS number: spelled as it comes.
    assert_eq!(domus_number(Italian, "12a"), "1, 2, a");

    check_all(
        [
            (Italian, "elle, i; 2, 0, 2, 6; 4, 2"),
            (German, "el, i; 2, 0, 2, 6; 4, 2"),
            (English, "L, I; 2, 0, 2, 6; 4, 2"),
            (French, "elle, i; 2, 0, 2, 6; 4, 2"),
            (Arabic, "إل، آي؛ 2، 0، 2، 6؛ 4، 2"),
            (Polish, "el, i; 2, 0, 2, 6; 4, 2"),
            (Spanish, "ele, i; 2, 0, 2, 6; 4, 2"),
            (Russian, "эль, и; 2, 0, 2, 6; 4, 2"),
        ],
        |l| request_id(l, "li-2026-42"),
    );
    assert_eq!(
        request_id(English, "INPS.0100.15/03/2026.12"),
        "I, N, P, S; 0, 1, 0, 0; 1, 5; 0, 3; 2, 0, 2, 6; 1, 2"
    );
    assert_eq!(spell(Italian, " -- "), "");
    assert_eq!(spell(Italian, "è1"), "È, 1");
    assert_eq!(spell_grouped(English, "ABCDE", &[2, 0, 9]), "A, B; C, D, E");
}

#[test]
fn numbers_and_decimals_in_the_eight_languages() {
    check_all(
        [
            (Italian, "12 virgola 0 5"),
            (German, "12 Komma 0 5"),
            (English, "12 point 0 5"),
            (French, "12 virgule 0 5"),
            (Arabic, "12 فاصلة 0 5"),
            (Polish, "12 przecinek 0 5"),
            (Spanish, "12 coma 0 5"),
            (Russian, "12 запятая 0 5"),
        ],
        |l| decimal(l, 1205, 2),
    );
    check_all(
        [
            (Italian, "meno 7"),
            (German, "minus 7"),
            (English, "minus 7"),
            (French, "moins 7"),
            (Arabic, "سالب 7"),
            (Polish, "minus 7"),
            (Spanish, "menos 7"),
            (Russian, "минус 7"),
        ],
        |l| number(l, -7),
    );
    assert_eq!(number(Italian, 1_234_567), "1234567");
    assert_eq!(decimal(English, -125, 1), "minus 12 point 5");
    assert_eq!(decimal(English, 42, 0), "42");
    assert_eq!(number(English, i64::MIN), "minus 9223372036854775808");
    assert!(decimal(English, i64::MIN, 40).starts_with("minus 9 point 2 2 3 3"));
}
