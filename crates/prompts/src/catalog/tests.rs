use super::*;
use Language::*;

fn profile() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/profile")
}

fn test_catalog() -> Catalog {
    Catalog::load(&profile()).unwrap()
}

fn source(lang: Language, name: &str, text: &str) -> CatalogSource {
    CatalogSource {
        language: lang,
        path: PathBuf::from(name),
        text: text.to_owned(),
    }
}

fn one(text: &str) -> Result<Catalog, CatalogError> {
    Catalog::from_sources([source(Italian, "it/test.ftl", text)])
}

fn set(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|s| (*s).to_owned()).collect()
}

#[test]
fn the_test_profile_has_every_message_in_all_eight_languages() {
    let catalog = test_catalog();
    assert_eq!(catalog.languages().collect::<Vec<_>>(), Language::ALL);
    for lang in Language::ALL {
        assert_eq!(
            catalog.message_ids(lang).collect::<Vec<_>>(),
            [
                "amount-due",
                "info-naspi",
                "menu",
                "open-requests",
                "tax-code-heard",
                "welcome"
            ],
            "{lang}"
        );
        assert!(catalog.has(lang, "menu.retry"));
        assert!(!catalog.has(lang, "menu.nothing"));
        assert!(!catalog.has(lang, "-inps"), "terms are not messages");
    }
    assert!(catalog.missing_in("welcome").is_empty());
    assert_eq!(catalog.missing_in("goodbye"), Language::ALL);
    let (path, line) = catalog.location(German, "amount-due").unwrap();
    assert!(path.ends_with("prompts/de/main.ftl"), "{}", path.display());
    assert_eq!(line, 5);
    let (path, line) = catalog.location(Russian, "info-naspi").unwrap();
    assert!(path.ends_with("info/ru/info.ftl"));
    assert_eq!(line, 1);
    assert!(format!("{catalog:?}").contains("\"it\": 6 messages, 1 terms, 2 files"));
}

#[test]
fn variables_are_found_in_selectors_references_and_call_arguments() {
    let catalog = test_catalog();
    for lang in Language::ALL {
        assert_eq!(
            catalog.variables(lang, "amount-due"),
            Some(set(&["amount", "deadline"]))
        );
        assert_eq!(
            catalog.variables(lang, "open-requests"),
            Some(set(&["count"]))
        );
        assert_eq!(catalog.variables(lang, "welcome"), Some(set(&[])));
        assert_eq!(catalog.variables(lang, "menu.retry"), Some(set(&[])));
        assert_eq!(catalog.variables(lang, "nothing"), None);
        assert_eq!(catalog.variables(lang, "-inps"), None);
    }

    let catalog = one(concat!(
        "-term = { $case ->\n    [gen] of INPS\n   *[nom] INPS\n}\n",
        "a = { $sel ->\n",
        "    [one] { $only-in-one }\n",
        "   *[other] { b } { b.hint }\n",
        "}\n",
        "b = { NUMBER($n, minimumFractionDigits: 2) } { -term(case: \"gen\") } { $x }\n",
        "    .hint = { $from-attribute }\n",
        "c = { { $nested } }\n",
        "loop-a = { loop-b.title }\n",
        "loop-b = { $in-b }\n",
        "    .title = { loop-a }\n",
    ));
    // `loop-a` → `loop-b.title` → `loop-a`: a cycle, reported at load.
    let err = catalog.unwrap_err();
    assert!(
        matches!(&err, CatalogError::Cycle { id, .. } if id == "loop-a"),
        "{err}"
    );
    assert!(
        err.to_string().contains("loop-a → loop-b.title → loop-a"),
        "{err}"
    );

    let catalog = one(concat!(
        "-term = { $case ->\n    [gen] of INPS\n   *[nom] INPS\n}\n",
        "a = { $sel ->\n",
        "    [one] { $only-in-one }\n",
        "   *[other] { b } { b.hint }\n",
        "}\n",
        "b = { NUMBER($n, minimumFractionDigits: 2) } { -term(case: \"gen\") } { $x }\n",
        "    .hint = { $from-attribute }\n",
        "c = { { $nested } }\n",
        "d = { $in-d }\n",
        "    .title = { d } and { $in-title }\n",
    ))
    .unwrap();
    assert_eq!(
        catalog.variables(Italian, "a"),
        Some(set(&["from-attribute", "n", "only-in-one", "sel", "x"]))
    );
    // The term's own $case is its parameter, not the message's.
    assert_eq!(catalog.variables(Italian, "b"), Some(set(&["n", "x"])));
    assert_eq!(
        catalog.variables(Italian, "b.hint"),
        Some(set(&["from-attribute"]))
    );
    assert_eq!(catalog.variables(Italian, "c"), Some(set(&["nested"])));
    // An attribute may use its own message's value: not a cycle.
    assert_eq!(
        catalog.variables(Italian, "d.title"),
        Some(set(&["in-d", "in-title"]))
    );
    assert_eq!(catalog.variables(Italian, "d"), Some(set(&["in-d"])));
}

#[test]
fn rendering_says_values_in_the_language_without_isolation_marks() {
    let catalog = test_catalog();
    let args = Args::new()
        .money("amount", Money::from_cents(49140))
        .date("deadline", Date::new(2026, 1, 12).unwrap());
    let expected = [
        (
            Italian,
            "L'importo da pagare è 491 euro e 40 centesimi, entro il 12 gennaio 2026.",
        ),
        (
            German,
            "Der zu zahlende Betrag ist 491 Euro und 40 Cent, fällig am 12. Januar 2026.",
        ),
        (
            English,
            "The amount to pay is 491 euros and 40 cents, due by 12 January 2026.",
        ),
        (
            French,
            "Le montant à payer est de 491 euros et 40 centimes, avant le 12 janvier 2026.",
        ),
        (
            Arabic,
            "المبلغ المستحق هو 491 يورو و40 سنتًا، قبل 12 يناير 2026.",
        ),
        (
            Polish,
            "Kwota do zapłaty wynosi 491 euro i 40 centów, termin płatności: 12 stycznia 2026.",
        ),
        (
            Spanish,
            "El importe a pagar es 491 euros con 40 céntimos, antes del 12 de enero de 2026.",
        ),
        (
            Russian,
            "Сумма к оплате: 491 евро и 40 центов, срок — 12 января 2026.",
        ),
    ];
    for (lang, text) in expected {
        let rendered = catalog.render(lang, "amount-due", &args).unwrap();
        assert_eq!(rendered, text);
        assert!(!rendered.contains(['\u{2068}', '\u{2069}']));
    }
    assert_eq!(
        catalog.render(Italian, "welcome", &Args::new()).unwrap(),
        "Benvenuto nel contact center INPS."
    );
    assert_eq!(
        catalog.render(English, "menu.retry", &Args::new()).unwrap(),
        "That is not a valid choice. Press 1 for information, 2 for the automated services."
    );
    let code = TaxCode::parse("RSSMRA80A01H501U").unwrap();
    assert_eq!(
        catalog
            .render(
                German,
                "tax-code-heard",
                &Args::new().tax_code("code", &code)
            )
            .unwrap(),
        "Sie haben er, es, es; em, er, a; 8, 0, a, 0, 1; ha, 5, 0, 1, u eingegeben."
    );
    // Extra arguments are fine.
    assert!(
        catalog
            .render(Italian, "welcome", &Args::new().text("unused", "x"))
            .is_ok()
    );
}

#[test]
fn selectors_choose_plural_forms_by_the_language_rules() {
    let catalog = test_catalog();
    let say = |lang, n| {
        catalog
            .render(lang, "open-requests", &Args::new().number("count", n))
            .unwrap()
    };
    assert_eq!(say(Italian, 0), "Non hai domande aperte.");
    assert_eq!(say(Italian, 1), "Hai una domanda aperta.");
    assert_eq!(say(Italian, 3), "Hai 3 domande aperte.");
    assert_eq!(say(French, 1), "Vous avez une demande en cours.");
    assert_eq!(say(Russian, 1), "У вас 1 открытое заявление.");
    assert_eq!(say(Russian, 3), "У вас 3 открытых заявления.");
    assert_eq!(say(Russian, 5), "У вас 5 открытых заявлений.");
    assert_eq!(say(Russian, 21), "У вас 21 открытое заявление.");
    assert_eq!(say(Polish, 22), "Masz 22 otwarte wnioski.");
    assert_eq!(say(Polish, 25), "Masz 25 otwartych wniosków.");
    assert_eq!(say(Arabic, 0), "ليس لديك أي طلب مفتوح.");
    assert_eq!(say(Arabic, 2), "لديك طلبان مفتوحان.");
    assert_eq!(say(Arabic, 4), "لديك 4 طلبات مفتوحة.");
    assert_eq!(say(Arabic, 11), "لديك 11 طلبًا مفتوحًا.");
    assert_eq!(say(Arabic, 100), "لديك 100 طلب مفتوح.");
}

#[test]
fn a_missing_variable_is_an_error_not_a_broken_string() {
    let catalog = test_catalog();
    let only_amount = Args::new().money("amount", Money::from_cents(100));
    assert_eq!(
        catalog.render(Italian, "amount-due", &only_amount),
        Err(RenderError::MissingVariable {
            language: Italian,
            id: "amount-due".to_owned(),
            variable: "deadline".to_owned(),
        })
    );
    // Even when the variant that uses it is not the one chosen.
    let catalog = one("a = { $n ->\n [0] none\n *[other] { $name }\n}\n").unwrap();
    let err = catalog
        .render(Italian, "a", &Args::new().number("n", 0))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "message \"a\" in it needs the variable $name"
    );
    assert_eq!(
        catalog.render(German, "a", &Args::new()),
        Err(RenderError::UnknownMessage {
            language: German,
            id: "a".to_owned()
        })
    );
    assert!(matches!(
        catalog.render(Italian, "a.nothing", &Args::new()),
        Err(RenderError::UnknownMessage { .. })
    ));
    let catalog = one("only-attrs =\n    .title = Title\n").unwrap();
    assert!(matches!(
        catalog.render(Italian, "only-attrs", &Args::new()),
        Err(RenderError::NoValue { .. })
    ));
    assert_eq!(
        catalog.render(Italian, "only-attrs.title", &Args::new()),
        Ok("Title".to_owned())
    );
}

#[test]
fn syntax_errors_name_file_line_and_column() {
    let err = one("ok = fine\n\nbroken = { $x ]\nnext = fine\n").unwrap_err();
    let text = err.to_string();
    assert!(
        matches!(&err, CatalogError::Parse { line: 3, .. }),
        "{text}"
    );
    assert!(text.starts_with("it/test.ftl:3:15: "), "{text}");

    let err = one("a = one\n  b = { -\nc = ok\nd = { ]\n").unwrap_err();
    assert!(err.to_string().contains("more error"), "{err}");

    // Byte offsets after multi-byte characters still give the right line and column.
    let err = one("città = no\n").unwrap_err();
    assert!(err.to_string().starts_with("it/test.ftl:1:"), "{err}");
    assert_eq!(line_and_column("aé\nbè{", 7), (2, 3));
    assert_eq!(line_and_column("ab", 99), (1, 3));
}

#[test]
fn duplicates_and_dangling_references_are_reported_where_they_are() {
    let err = Catalog::from_sources([
        source(Italian, "prompts/it/a.ftl", "x = one\ny = two\n"),
        source(Italian, "info/it/b.ftl", "\n\ny = again\n"),
    ])
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "info/it/b.ftl:3: message \"y\" is already defined at prompts/it/a.ftl:2"
    );
    // The same id in two languages is normal.
    assert!(
        Catalog::from_sources([
            source(Italian, "a", "x = uno"),
            source(German, "b", "x = eins")
        ])
        .is_ok()
    );
    let err = one("-t = a\nx = b\n\n-t = c\n").unwrap_err();
    assert_eq!(
        err.to_string(),
        "it/test.ftl:4: term \"-t\" is already defined at it/test.ftl:1"
    );

    let err = one("x = ok\nmenu = { welcome }\n").unwrap_err();
    assert_eq!(
        err.to_string(),
        "it/test.ftl:2: \"menu\" refers to the message welcome, which is not defined in it"
    );
    let err = one("x = { -brand }\n").unwrap_err();
    assert!(err.to_string().contains("the term -brand"), "{err}");
    let err = one("x = ok\n    .a = A\ny = { x.b }\n").unwrap_err();
    assert!(err.to_string().contains("the attribute x.b"), "{err}");
    let err = one("x = { DATETIME($d) }\n").unwrap_err();
    assert_eq!(
        err.to_string(),
        "it/test.ftl:1: \"x\" calls the unknown function DATETIME()"
    );
    let err = one("a = { b }\nb = { a }\n").unwrap_err();
    assert!(matches!(err, CatalogError::Cycle { .. }), "{err}");
}

#[test]
fn loading_rejects_unknown_language_folders_and_empty_profiles() {
    let dir = tempfile::tempdir().unwrap();
    assert!(matches!(
        Catalog::load(dir.path()),
        Err(CatalogError::NoCatalog(_))
    ));
    std::fs::create_dir_all(dir.path().join("info/it")).unwrap();
    std::fs::write(dir.path().join("info/it/a.ftl"), "a = A\n").unwrap();
    std::fs::write(dir.path().join("info/it/notes.txt"), "a = { broken\n").unwrap();
    let catalog = Catalog::load(dir.path()).unwrap();
    assert!(catalog.has(Italian, "a"));
    assert_eq!(catalog.languages().collect::<Vec<_>>(), [Italian]);

    std::fs::create_dir_all(dir.path().join("prompts/xx")).unwrap();
    let err = Catalog::load(dir.path()).unwrap_err();
    assert!(matches!(err, CatalogError::UnknownLanguage(_)), "{err}");
    assert!(err.to_string().contains("prompts/xx"), "{err}");
    std::fs::remove_dir(dir.path().join("prompts/xx")).unwrap();
    std::fs::create_dir_all(dir.path().join("prompts/IT")).unwrap();
    assert!(matches!(
        Catalog::load(dir.path()),
        Err(CatalogError::UnknownLanguage(_))
    ));
}

#[test]
fn a_catalog_can_be_shared_between_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Catalog>();
    let catalog = std::sync::Arc::new(test_catalog());
    let handles: Vec<_> = Language::ALL
        .into_iter()
        .map(|lang| {
            let catalog = std::sync::Arc::clone(&catalog);
            std::thread::spawn(move || {
                catalog
                    .render(lang, "open-requests", &Args::new().number("count", 2))
                    .unwrap()
            })
        })
        .collect();
    for handle in handles {
        assert!(!handle.join().unwrap().is_empty());
    }
}
