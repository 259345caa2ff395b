//! Phone PIN tests against a real in-memory store.

use domain::{CenturyRule, Language, Sex, TaxCode};
use jiff::{SignedDuration, Timestamp};
use rand::SeedableRng;
use rand::rngs::StdRng;
use store::pins::RevokedReason;
use store::{CitizenData, Store};

use super::*;

const MARIO: &str = "RSSMRA80A01H501U";
const GIOVANNA: &str = "BNCGNN75T52F205W";
const NOBODY: &str = "VRDLGU90E15Z404L";

fn tax_code(code: &str) -> TaxCode {
    TaxCode::parse_with(code, CenturyRule::with_reference_year(2026)).expect("test code is valid")
}

fn now() -> Timestamp {
    "2026-03-02T09:00:00Z".parse().expect("valid instant")
}

fn rng() -> StdRng {
    StdRng::seed_from_u64(7)
}

fn ivr() -> PinAttempt {
    PinAttempt {
        channel: PinChannel::Ivr,
        contact: ContactId::new(42).ok(),
    }
}

async fn store_with_citizens() -> Store {
    let store = Store::open_in_memory().await.expect("store opens");
    for code in [MARIO, GIOVANNA] {
        store
            .citizens()
            .insert(&CitizenData {
                tax_code: tax_code(code),
                given_name: "Test".into(),
                surname: "Citizen".into(),
                birth_date: jiff::civil::date(1980, 1, 1),
                sex: Sex::Male,
                address: None,
                mobile: None,
                email: None,
                language: Language::Italian,
            })
            .await
            .expect("citizen stored");
    }
    store
}

async fn issued(store: &Store, code: &str, validity: PinValidity) -> IssuedPin {
    issue(
        store,
        &tax_code(code),
        validity,
        StrongIdentity::Spid,
        now(),
        &mut rng(),
    )
    .await
    .expect("PIN issued")
}

async fn actions(store: &Store) -> Vec<String> {
    let mut events = store.audit().recent(100).await.expect("audit readable");
    events.reverse();
    events.into_iter().map(|e| e.event.action).collect()
}

/// A PIN of eight digits that is not `pin`.
fn other_pin(pin: &str) -> String {
    if pin == "00000001" {
        "00000002".to_owned()
    } else {
        "00000001".to_owned()
    }
}

#[tokio::test]
async fn issuing_stores_only_a_hash_and_shows_the_pin_once() {
    let store = store_with_citizens().await;
    let pin = issued(&store, MARIO, PinValidity::OneWeek).await;
    assert_eq!(pin.pin().len(), PIN_LENGTH);
    assert!(pin.pin().bytes().all(|b| b.is_ascii_digit()));
    assert!(!format!("{pin:?}").contains(pin.pin()));

    let stored = store
        .pins()
        .active(&tax_code(MARIO))
        .await
        .unwrap()
        .expect("an active PIN");
    assert!(stored.hash.starts_with("$argon2id$"), "{}", stored.hash);
    assert!(!stored.hash.contains(pin.pin()));
    assert_eq!(stored.validity, PinValidity::OneWeek);
    assert_eq!(stored.identity, StrongIdentity::Spid);
    assert_eq!(stored.expires_at, pin.expires_at());

    let events = store.audit().recent(10).await.unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].event.action, "pin.issued");
    assert_eq!(events[0].event.subject.as_deref(), Some(MARIO));
    assert!(!events[0].event.detail.contains(pin.pin()));
}

#[tokio::test]
async fn validity_counts_calendar_days_and_months_in_italian_time() {
    let store = store_with_citizens().await;
    // 2 March 2026 10:00 in Rome; summer time starts on 29 March.
    for (validity, expected) in [
        (PinValidity::OneDay, "2026-03-03T09:00:00Z"),
        (PinValidity::OneWeek, "2026-03-09T09:00:00Z"),
        (PinValidity::OneMonth, "2026-04-02T08:00:00Z"),
        (PinValidity::ThreeMonths, "2026-06-02T08:00:00Z"),
    ] {
        let pin = issued(&store, MARIO, validity).await;
        assert_eq!(pin.expires_at().to_string(), expected, "{validity}");
        assert_eq!(pin.validity(), validity);
    }
}

#[tokio::test]
async fn only_citizens_on_file_get_a_pin() {
    let store = store_with_citizens().await;
    let err = issue(
        &store,
        &tax_code(NOBODY),
        PinValidity::OneDay,
        StrongIdentity::Cie,
        now(),
        &mut rng(),
    )
    .await
    .unwrap_err();
    assert!(matches!(err, PinError::UnknownCitizen), "{err:?}");
    assert_eq!(err.code(), "citizen_not_found");
    assert!(store.audit().recent(10).await.unwrap().is_empty());
}

#[tokio::test]
async fn a_new_pin_revokes_the_old_one() {
    let store = store_with_citizens().await;
    let first = issued(&store, MARIO, PinValidity::OneMonth).await;
    let mut other_rng = StdRng::seed_from_u64(8);
    let second = issue(
        &store,
        &tax_code(MARIO),
        PinValidity::OneDay,
        StrongIdentity::Cns,
        now(),
        &mut other_rng,
    )
    .await
    .unwrap();
    assert_ne!(first.pin(), second.pin());

    let history = store.pins().history(&tax_code(MARIO)).await.unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].revoked, None);
    assert_eq!(history[1].revoked, Some((now(), RevokedReason::Replaced)));

    let err = verify(&store, &tax_code(MARIO), first.pin(), &ivr(), now())
        .await
        .unwrap_err();
    assert!(
        matches!(err, PinError::Wrong { attempts_left: 2 }),
        "{err:?}"
    );
    verify(&store, &tax_code(MARIO), second.pin(), &ivr(), now())
        .await
        .expect("the new PIN works");
}

#[tokio::test]
async fn the_right_pin_identifies_the_caller_and_is_audited() {
    let store = store_with_citizens().await;
    let pin = issued(&store, MARIO, PinValidity::OneWeek).await;
    let later = now() + SignedDuration::from_hours(2);
    let agent = PinAttempt {
        channel: PinChannel::Agent("a17".into()),
        contact: None,
    };
    // Keyed digits may arrive with spaces around them.
    let verified = verify(
        &store,
        &tax_code(MARIO),
        &format!(" {} ", pin.pin()),
        &agent,
        later,
    )
    .await
    .expect("verified");
    assert_eq!(verified.tax_code(), &tax_code(MARIO));
    assert_eq!(verified.pin_expires_at(), pin.expires_at());
    assert!(!format!("{verified:?}").contains(MARIO));

    let last = &store.audit().recent(1).await.unwrap()[0];
    assert_eq!(last.event.action, "pin.used");
    assert_eq!(last.event.actor, "agent:a17");
    assert_eq!(last.event.subject.as_deref(), Some(MARIO));
    let stored = store
        .pins()
        .active(&tax_code(MARIO))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.last_used_at, Some(later));
}

#[tokio::test]
async fn a_malformed_pin_is_refused_without_counting_or_auditing() {
    let store = store_with_citizens().await;
    issued(&store, MARIO, PinValidity::OneWeek).await;
    for text in [
        "",
        "1234567",
        "123456789",
        "1234567a",
        "1234 5678",
        "١٢٣٤٥٦٧٨",
    ] {
        let err = verify(&store, &tax_code(MARIO), text, &ivr(), now())
            .await
            .unwrap_err();
        assert!(matches!(err, PinError::Malformed), "{text:?}: {err:?}");
        assert_eq!(err.kind(), ErrorKind::InvalidInput);
    }
    assert_eq!(actions(&store).await, ["pin.issued"]);
    let stored = store
        .pins()
        .active(&tax_code(MARIO))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.failed_attempts, 0);
}

#[tokio::test]
async fn no_pin_and_unknown_citizen_get_the_same_answer() {
    let store = store_with_citizens().await;
    let no_pin = verify(&store, &tax_code(GIOVANNA), "48213957", &ivr(), now())
        .await
        .unwrap_err();
    let unknown = verify(&store, &tax_code(NOBODY), "48213957", &ivr(), now())
        .await
        .unwrap_err();
    assert!(matches!(no_pin, PinError::NoValidPin), "{no_pin:?}");
    assert!(matches!(unknown, PinError::NoValidPin), "{unknown:?}");
    assert_eq!(no_pin.to_string(), unknown.to_string());
    assert_eq!(no_pin.code(), unknown.code());
    assert_eq!(actions(&store).await, ["pin.failed", "pin.failed"]);
}

#[tokio::test]
async fn an_expired_pin_is_refused() {
    let store = store_with_citizens().await;
    let pin = issued(&store, MARIO, PinValidity::OneDay).await;
    let at_expiry = pin.expires_at();
    verify(
        &store,
        &tax_code(MARIO),
        pin.pin(),
        &ivr(),
        at_expiry - SignedDuration::from_secs(1),
    )
    .await
    .expect("still valid a second before");
    let err = verify(&store, &tax_code(MARIO), pin.pin(), &ivr(), at_expiry)
        .await
        .unwrap_err();
    assert!(
        matches!(err, PinError::Expired { expired_at } if expired_at == at_expiry),
        "{err:?}"
    );
    assert_eq!(err.code(), "pin_expired");
    assert_eq!(
        status(&store, &tax_code(MARIO), at_expiry).await.unwrap(),
        PinStatus::Expired {
            expired_at: at_expiry
        }
    );
}

#[tokio::test]
async fn three_wrong_pins_lock_it_for_thirty_minutes() {
    let store = store_with_citizens().await;
    let pin = issued(&store, MARIO, PinValidity::OneWeek).await;
    let wrong = other_pin(pin.pin());
    let code = tax_code(MARIO);

    for left in [2, 1] {
        let err = verify(&store, &code, &wrong, &ivr(), now())
            .await
            .unwrap_err();
        assert!(
            matches!(err, PinError::Wrong { attempts_left } if attempts_left == left),
            "{err:?}"
        );
        assert_eq!(err.kind(), ErrorKind::Unauthorized);
    }
    let until = now() + LOCK_DURATION;
    let err = verify(&store, &code, &wrong, &ivr(), now())
        .await
        .unwrap_err();
    assert!(
        matches!(err, PinError::Locked { until: u } if u == until),
        "{err:?}"
    );
    assert_eq!(err.code(), "pin_locked");

    // Locked: even the right PIN is refused until the lock ends.
    let during = now() + SignedDuration::from_mins(29);
    let err = verify(&store, &code, pin.pin(), &ivr(), during)
        .await
        .unwrap_err();
    assert!(matches!(err, PinError::Locked { .. }), "{err:?}");
    assert!(matches!(
        status(&store, &code, during).await.unwrap(),
        PinStatus::Active {
            locked_until: Some(u),
            attempts_left: 0,
            ..
        } if u == until
    ));

    assert_eq!(
        actions(&store).await,
        [
            "pin.issued",
            "pin.failed",
            "pin.failed",
            "pin.failed",
            "pin.locked",
            "pin.failed"
        ]
    );

    // After the lock: three attempts again, and the right PIN works.
    let after = now() + SignedDuration::from_mins(30);
    let err = verify(&store, &code, &wrong, &ivr(), after)
        .await
        .unwrap_err();
    assert!(
        matches!(err, PinError::Wrong { attempts_left: 2 }),
        "{err:?}"
    );
    verify(&store, &code, pin.pin(), &ivr(), after)
        .await
        .expect("unlocked");
    let stored = store.pins().active(&code).await.unwrap().unwrap();
    assert_eq!(stored.failed_attempts, 0);
    assert_eq!(stored.locked_until, None);
}

#[tokio::test]
async fn a_success_resets_the_failure_count() {
    let store = store_with_citizens().await;
    let pin = issued(&store, MARIO, PinValidity::OneWeek).await;
    let wrong = other_pin(pin.pin());
    let code = tax_code(MARIO);
    for _ in 0..2 {
        verify(&store, &code, &wrong, &ivr(), now())
            .await
            .unwrap_err();
    }
    verify(&store, &code, pin.pin(), &ivr(), now())
        .await
        .expect("right PIN");
    let err = verify(&store, &code, &wrong, &ivr(), now())
        .await
        .unwrap_err();
    assert!(
        matches!(err, PinError::Wrong { attempts_left: 2 }),
        "{err:?}"
    );
}

#[tokio::test]
async fn one_citizens_failures_do_not_touch_anothers_pin() {
    let store = store_with_citizens().await;
    let mario = issued(&store, MARIO, PinValidity::OneWeek).await;
    let giovanna = issue(
        &store,
        &tax_code(GIOVANNA),
        PinValidity::OneWeek,
        StrongIdentity::Cie,
        now(),
        &mut StdRng::seed_from_u64(99),
    )
    .await
    .unwrap();
    // Mario's PIN is not Giovanna's.
    if mario.pin() != giovanna.pin() {
        let err = verify(&store, &tax_code(GIOVANNA), mario.pin(), &ivr(), now())
            .await
            .unwrap_err();
        assert!(matches!(err, PinError::Wrong { .. }), "{err:?}");
    }
    let stored = store
        .pins()
        .active(&tax_code(MARIO))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.failed_attempts, 0);
}

#[tokio::test]
async fn status_tells_the_portal_what_there_is() {
    let store = store_with_citizens().await;
    let code = tax_code(MARIO);
    assert_eq!(status(&store, &code, now()).await.unwrap(), PinStatus::None);
    assert_eq!(
        status(&store, &tax_code(NOBODY), now()).await.unwrap(),
        PinStatus::None
    );
    let pin = issued(&store, MARIO, PinValidity::OneMonth).await;
    verify(&store, &code, &other_pin(pin.pin()), &ivr(), now())
        .await
        .unwrap_err();
    assert_eq!(
        status(&store, &code, now()).await.unwrap(),
        PinStatus::Active {
            issued_at: now(),
            expires_at: pin.expires_at(),
            validity: PinValidity::OneMonth,
            identity: StrongIdentity::Spid,
            attempts_left: 2,
            locked_until: None,
            last_used_at: None,
        }
    );
}

#[tokio::test]
async fn a_revoked_pin_no_longer_works() {
    let store = store_with_citizens().await;
    let pin = issued(&store, MARIO, PinValidity::ThreeMonths).await;
    let code = tax_code(MARIO);
    assert!(revoke(&store, &code, "citizen", now()).await.unwrap());
    assert!(!revoke(&store, &code, "citizen", now()).await.unwrap());
    let err = verify(&store, &code, pin.pin(), &ivr(), now())
        .await
        .unwrap_err();
    assert!(matches!(err, PinError::NoValidPin), "{err:?}");
    assert_eq!(status(&store, &code, now()).await.unwrap(), PinStatus::None);
    assert_eq!(
        actions(&store).await,
        ["pin.issued", "pin.revoked", "pin.failed"]
    );
    let history = store.pins().history(&code).await.unwrap();
    assert_eq!(history[0].revoked, Some((now(), RevokedReason::Revoked)));
}

#[tokio::test]
async fn the_demo_pin_is_fixed_and_only_for_demo_citizens() {
    let store = store_with_citizens().await;
    assert_eq!(seed_demo(&store, now()).await.unwrap(), 2);
    for code in [MARIO, GIOVANNA] {
        let verified = verify(&store, &tax_code(code), DEMO_PIN, &ivr(), now())
            .await
            .expect("demo PIN works");
        assert_eq!(verified.tax_code().as_str(), code);
        let stored = store.pins().active(&tax_code(code)).await.unwrap().unwrap();
        assert_eq!(stored.validity, PinValidity::ThreeMonths);
    }
    let err = issue_demo_pin(&store, &tax_code(NOBODY), now())
        .await
        .unwrap_err();
    assert!(matches!(err, PinError::UnknownCitizen), "{err:?}");
}

#[test]
fn generated_pins_are_eight_digits_and_never_trivial() {
    assert!(is_trivial("00000000"));
    assert!(is_trivial("12345678"));
    assert!(is_trivial("98765432"));
    assert!(is_trivial(DEMO_PIN));
    assert!(!is_trivial("12345679"));
    assert!(!is_trivial("48213957"));
    let mut rng = rng();
    for _ in 0..1000 {
        let pin = generate_pin(&mut rng).unwrap();
        assert_eq!(pin.len(), PIN_LENGTH);
        assert!(pin.bytes().all(|b| b.is_ascii_digit()));
        assert!(!is_trivial(&pin));
    }
}

#[test]
fn validity_and_identity_parse_from_their_codes() {
    for validity in PinValidity::ALL {
        assert_eq!(parse_validity(validity.code()).unwrap(), validity);
    }
    assert_eq!(parse_validity(" 3M ").unwrap(), PinValidity::ThreeMonths);
    assert_eq!(parse_validity("week").unwrap(), PinValidity::OneWeek);
    let err = parse_validity("2w").unwrap_err();
    assert_eq!(err.code(), "pin_validity_invalid");
    assert_eq!(parse_identity("SPID").unwrap(), StrongIdentity::Spid);
    assert_eq!(parse_identity("cns").unwrap(), StrongIdentity::Cns);
    assert_eq!(
        parse_identity("password").unwrap_err().code(),
        "identity_invalid"
    );
}

#[test]
fn the_verified_token_masks_the_tax_code() {
    let token = PinVerified::for_tests(tax_code(MARIO));
    assert_eq!(token.tax_code().as_str(), MARIO);
    let shown = format!("{token:?}");
    assert!(shown.contains("RSSMRA****"), "{shown}");
    assert!(!shown.contains(MARIO), "{shown}");
}
