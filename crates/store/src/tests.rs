//! Repository tests against real SQLite databases (in memory and on disk).

use domain::{CenturyRule, Language, MobileNumber, Sex, TaxCode};

use super::*;

fn citizen(code: &str) -> CitizenData {
    let tax_code = TaxCode::parse_with(code, CenturyRule::with_reference_year(2026))
        .expect("test codes are valid");
    CitizenData {
        tax_code,
        given_name: "Mario".into(),
        surname: "Rossi".into(),
        birth_date: jiff::civil::date(1980, 1, 1),
        sex: Sex::Male,
        address: Some(Address {
            street: "Via Roma 1".into(),
            postcode: "00184".into(),
            city: "Roma".into(),
            province: "RM".into(),
        }),
        mobile: Some("3331234567".parse::<MobileNumber>().expect("valid mobile")),
        email: None,
        language: Language::Italian,
    }
}

#[tokio::test]
async fn citizens_round_trip() {
    let store = Store::open_in_memory().await.unwrap();
    let data = citizen("RSSMRA80A01H501U");
    let id = store.citizens().insert(&data).await.unwrap();
    let found = store
        .citizens()
        .by_tax_code(&data.tax_code)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        found,
        Citizen {
            id,
            data: data.clone()
        }
    );
    assert_eq!(
        store.citizens().by_id(id).await.unwrap().map(|c| c.data),
        Some(data)
    );
    assert_eq!(store.citizens().count().await.unwrap(), 1);
}

#[tokio::test]
async fn a_duplicate_tax_code_is_refused_and_a_batch_with_one_is_not_half_written() {
    let store = Store::open_in_memory().await.unwrap();
    store
        .citizens()
        .insert(&citizen("RSSMRA80A01H501U"))
        .await
        .unwrap();
    let err = store
        .citizens()
        .insert(&citizen("RSSMRA80A01H501U"))
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Duplicate {
                entity: "citizen",
                ..
            }
        ),
        "{err}"
    );

    let batch = [citizen("BNCGNN75T52F205W"), citizen("RSSMRA80A01H501U")];
    assert!(store.citizens().insert_all(&batch).await.is_err());
    assert_eq!(
        store.citizens().count().await.unwrap(),
        1,
        "the batch was rolled back whole"
    );
}

#[tokio::test]
async fn offices_are_replaced_whole() {
    let store = Store::open_in_memory().await.unwrap();
    let office = |code: &str, province: &str| Office {
        code: code.parse().unwrap(),
        name: format!("Sede {code}"),
        region: "Lazio".into(),
        province: province.into(),
        street: "Via Ciro il Grande 21".into(),
        postcode: "00144".into(),
        city: "Roma".into(),
        hours: "Lun-Ven 08:30-12:30".into(),
    };
    store
        .offices()
        .replace_all(&[office("7001", "RM"), office("7002", "RM")])
        .await
        .unwrap();
    store
        .offices()
        .replace_all(&[office("7003", "LT")])
        .await
        .unwrap();
    assert_eq!(store.offices().count().await.unwrap(), 1);
    assert!(store.offices().in_province("RM").await.unwrap().is_empty());
    let lt = store
        .offices()
        .by_code("7003".parse().unwrap())
        .await
        .unwrap();
    assert_eq!(lt.map(|o| o.province), Some("LT".into()));

    let err = store
        .offices()
        .replace_all(&[office("7004", "RM"), office("7004", "RM")])
        .await;
    assert!(matches!(
        err,
        Err(StoreError::Duplicate {
            entity: "office",
            ..
        })
    ));
    assert_eq!(
        store.offices().count().await.unwrap(),
        1,
        "failed replacement changed nothing"
    );
}

#[tokio::test]
async fn audit_events_come_back_newest_first() {
    let store = Store::open_in_memory().await.unwrap();
    let at: jiff::Timestamp = "2026-11-29T10:00:00Z".parse().unwrap();
    for action in ["pin.issued", "pin.used"] {
        let event = NewAuditEvent {
            actor: "system".into(),
            action: action.into(),
            subject: Some("RSSMRA80A01H501U".into()),
            detail: String::new(),
        };
        store.audit().record(at, &event).await.unwrap();
    }
    let recent = store.audit().recent(10).await.unwrap();
    let actions: Vec<_> = recent.iter().map(|e| e.event.action.as_str()).collect();
    assert_eq!(actions, ["pin.used", "pin.issued"]);
    assert_eq!(recent[0].at, at);
}

#[tokio::test]
async fn a_file_database_uses_wal_and_keeps_its_data_across_opens() {
    let dir = std::env::temp_dir().join(format!("centralino-store-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("test.db");
    let _ = std::fs::remove_file(&path);
    let url = format!("sqlite://{}", path.display());
    {
        let store = Store::open(&url).await.unwrap();
        let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
            .fetch_one(&store.pool)
            .await
            .unwrap();
        assert_eq!(mode, "wal");
        store
            .citizens()
            .insert(&citizen("RSSMRA80A01H501U"))
            .await
            .unwrap();
        store.set_meta("demo", "v1").await.unwrap();
        store.close().await;
    }
    let store = Store::open(&url).await.unwrap();
    assert_eq!(store.citizens().count().await.unwrap(), 1);
    assert_eq!(store.meta("demo").await.unwrap().as_deref(), Some("v1"));
    store.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn an_unopenable_database_names_its_url() {
    let err = Store::open("sqlite:///nonexistent-dir/x/y.db")
        .await
        .unwrap_err();
    assert!(err.to_string().contains("/nonexistent-dir/x/y.db"), "{err}");
}

#[tokio::test]
async fn citizens_are_found_by_the_keys_of_their_tax_code() {
    let store = Store::open_in_memory().await.unwrap();
    store
        .citizens()
        .insert(&citizen("RSSMRA80A01H501U"))
        .await
        .unwrap();
    store
        .citizens()
        .insert(&citizen("BNCGNN75T52F205W"))
        .await
        .unwrap();
    let found = store
        .citizens()
        .by_keypad("7776728020145018", 5)
        .await
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].data.tax_code.as_str(), "RSSMRA80A01H501U");
    assert!(
        store
            .citizens()
            .by_keypad("7776728020145019", 5)
            .await
            .unwrap()
            .is_empty()
    );
}
