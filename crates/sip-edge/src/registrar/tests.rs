use super::*;

use rsipstack::dialog::authenticate::compute_digest;
use rsipstack::sip::Method;
use rsipstack::sip::headers::auth::{Algorithm, AuthQop};

const SOURCE: &str = "127.0.0.1:5090";

fn config() -> RegistrarConfig {
    RegistrarConfig::default()
}

fn ha1(password: &str) -> Ha1 {
    Ha1::from_password("1001", DEFAULT_REALM, password)
}

/// A REGISTER for 1001 from `contacts`.
struct Req {
    extension: String,
    contacts: Vec<String>,
    expires: Option<String>,
    authorization: Option<String>,
}

impl Req {
    fn new(contacts: &[&str]) -> Req {
        Req {
            extension: "1001".to_owned(),
            contacts: contacts.iter().map(|c| (*c).to_owned()).collect(),
            expires: None,
            authorization: None,
        }
    }

    fn expires(mut self, value: &str) -> Req {
        self.expires = Some(value.to_owned());
        self
    }

    fn view(&self) -> RegisterRequest<'_> {
        RegisterRequest {
            extension: &self.extension,
            contacts: &self.contacts,
            expires: self.expires.as_deref(),
            authorization: self.authorization.as_deref(),
            source: SOURCE.parse().unwrap(),
            user_agent: Some("test"),
        }
    }
}

/// The nonce of a challenge.
fn nonce_of(outcome: &RegisterOutcome) -> String {
    let RegisterOutcome::Challenge(header) = outcome else {
        panic!("expected a challenge, got {outcome:?}");
    };
    let start = header.find("nonce=\"").unwrap() + 7;
    let end = start + header[start..].find('"').unwrap();
    header[start..end].to_owned()
}

/// An Authorization value as a client computes it (rsipstack's client code, an independent
/// implementation), with qop=auth and nonce count `nc`.
fn authorization(user: &str, password: &str, realm: &str, nonce: &str, nc: u8) -> String {
    authorization_with(user, password, realm, nonce, nc, "c0ffee")
}

fn authorization_with(
    user: &str,
    password: &str,
    realm: &str,
    nonce: &str,
    nc: u8,
    cnonce: &str,
) -> String {
    let uri = "sip:127.0.0.1:5060";
    let qop = AuthQop::Auth {
        cnonce: cnonce.to_owned(),
        nc,
    };
    let response = compute_digest(
        user,
        password,
        realm,
        nonce,
        &Method::Register,
        uri,
        Algorithm::Md5,
        Some(&qop),
    );
    format!(
        "Digest username=\"{user}\", realm=\"{realm}\", nonce=\"{nonce}\", uri=\"{uri}\", \
         response=\"{response}\", algorithm=MD5, qop=auth, nc={nc:08}, cnonce=\"{cnonce}\""
    )
}

/// Nonce counts for [`register`]: several registrations in the same second share a nonce.
static NC: std::sync::atomic::AtomicU8 = std::sync::atomic::AtomicU8::new(1);

/// Registers `req` with password `password`: challenge, then the answer. The second outcome.
fn register(
    registrar: &mut Registrar,
    mut req: Req,
    password: &str,
    now: Instant,
) -> RegisterOutcome {
    let right = ha1("centralino-1001");
    let challenge = registrar.register(&req.view(), Some(&right), now);
    let nonce = nonce_of(&challenge);
    let nc = NC.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    req.authorization = Some(authorization("1001", password, DEFAULT_REALM, &nonce, nc));
    registrar.register(&req.view(), Some(&right), now)
}

#[test]
fn a_phone_registers_after_the_challenge_and_its_binding_shows() {
    let now = Instant::now();
    let mut registrar = Registrar::new(config(), [1; 16], now);
    let req = Req::new(&["<sip:1001-x@127.0.0.1:5090>;expires=120"]);
    let first = registrar.register(&req.view(), Some(&ha1("centralino-1001")), now);
    let RegisterOutcome::Challenge(header) = &first else {
        panic!("{first:?}");
    };
    assert!(
        header.starts_with("Digest realm=\"centralino\""),
        "{header}"
    );
    assert!(!header.contains("stale"));
    assert!(registrar.registrations(now).is_empty());

    let outcome = register(&mut registrar, req, "centralino-1001", now);
    assert_eq!(
        outcome,
        RegisterOutcome::Registered(vec![("sip:1001-x@127.0.0.1:5090".to_owned(), 120)])
    );
    let all = registrar.registrations(now);
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].extension, "1001");
    assert_eq!(all[0].contact, "sip:1001-x@127.0.0.1:5090");
    assert_eq!(all[0].expires_in, Duration::from_secs(120));
    assert_eq!(all[0].user_agent.as_deref(), Some("test"));
    assert_eq!(
        registrar.target("1001", now).as_deref(),
        Some("sip:1001-x@127.0.0.1:5090")
    );
}

#[test]
fn a_wrong_password_is_forbidden_and_registers_nothing() {
    let now = Instant::now();
    let mut registrar = Registrar::new(config(), [1; 16], now);
    let outcome = register(
        &mut registrar,
        Req::new(&["<sip:1001@127.0.0.1:5090>"]),
        "guess",
        now,
    );
    assert_eq!(outcome, RegisterOutcome::Forbidden);
    assert!(registrar.registrations(now).is_empty());
    assert_eq!(registrar.target("1001", now), None);
}

#[test]
fn an_unknown_extension_is_not_found() {
    let now = Instant::now();
    let mut registrar = Registrar::new(config(), [1; 16], now);
    let req = Req::new(&["<sip:1001@127.0.0.1:5090>"]);
    assert_eq!(
        registrar.register(&req.view(), None, now),
        RegisterOutcome::NotFound
    );
    let mut no_user = Req::new(&["<sip:x@127.0.0.1:5090>"]);
    no_user.extension.clear();
    assert!(matches!(
        registrar.register(&no_user.view(), Some(&ha1("x")), now),
        RegisterOutcome::BadRequest(_)
    ));
}

#[test]
fn another_user_realm_or_nonce_is_refused_or_challenged_again() {
    let now = Instant::now();
    let mut registrar = Registrar::new(config(), [1; 16], now);
    let right = ha1("centralino-1001");
    let mut req = Req::new(&["<sip:1001@127.0.0.1:5090>"]);
    let nonce = nonce_of(&registrar.register(&req.view(), Some(&right), now));

    // Right password, but for user 1002: forbidden.
    req.authorization = Some(authorization(
        "1002",
        "centralino-1001",
        DEFAULT_REALM,
        &nonce,
        1,
    ));
    assert_eq!(
        registrar.register(&req.view(), Some(&right), now),
        RegisterOutcome::Forbidden
    );
    // Another realm: a new challenge for ours.
    req.authorization = Some(authorization(
        "1001",
        "centralino-1001",
        "elsewhere",
        &nonce,
        1,
    ));
    assert!(matches!(
        registrar.register(&req.view(), Some(&right), now),
        RegisterOutcome::Challenge(h) if !h.contains("stale")
    ));
    // A nonce another registrar made: a new challenge, not stale.
    let foreign = NonceKey::new([2; 16], Duration::from_secs(300)).issue(0, 1);
    req.authorization = Some(authorization(
        "1001",
        "centralino-1001",
        DEFAULT_REALM,
        &foreign,
        1,
    ));
    assert!(matches!(
        registrar.register(&req.view(), Some(&right), now),
        RegisterOutcome::Challenge(h) if !h.contains("stale")
    ));
    // SHA-256: we offer MD5 instead.
    req.authorization = Some(format!(
        "Digest username=\"1001\", realm=\"centralino\", nonce=\"{nonce}\", uri=\"sip:x\", \
         response=\"{}\", algorithm=SHA-256",
        "0".repeat(32)
    ));
    assert!(matches!(
        registrar.register(&req.view(), Some(&right), now),
        RegisterOutcome::Challenge(_)
    ));
    // Garbage: 400.
    req.authorization = Some("Digest username=\"1001".to_owned());
    assert!(matches!(
        registrar.register(&req.view(), Some(&right), now),
        RegisterOutcome::BadRequest(_)
    ));
    assert!(registrar.registrations(now).is_empty());
}

#[test]
fn an_expired_nonce_is_stale_and_a_replayed_count_is_challenged() {
    let start = Instant::now();
    let mut registrar = Registrar::new(config(), [1; 16], start);
    let right = ha1("centralino-1001");
    let mut req = Req::new(&["<sip:1001@127.0.0.1:5090>"]);
    let nonce = nonce_of(&registrar.register(&req.view(), Some(&right), start));
    let later = start + config().nonce_lifetime + Duration::from_secs(1);

    req.authorization = Some(authorization(
        "1001",
        "centralino-1001",
        DEFAULT_REALM,
        &nonce,
        1,
    ));
    let stale = registrar.register(&req.view(), Some(&right), later);
    assert!(
        matches!(&stale, RegisterOutcome::Challenge(h) if h.ends_with("stale=true")),
        "{stale:?}"
    );
    // A wrong answer with a stale nonce is still wrong.
    req.authorization = Some(authorization("1001", "nope", DEFAULT_REALM, &nonce, 2));
    assert_eq!(
        registrar.register(&req.view(), Some(&right), later),
        RegisterOutcome::Forbidden
    );

    // With the fresh nonce: an answer registers, the same answer again is a replay; a new
    // count, or a new cnonce with the same count (baresip's way), is a new answer.
    let fresh = nonce_of(&stale);
    for (nc, cnonce, registered) in [
        (1, "a", true),
        (1, "a", false),
        (2, "a", true),
        (1, "b", true),
    ] {
        req.authorization = Some(authorization_with(
            "1001",
            "centralino-1001",
            DEFAULT_REALM,
            &fresh,
            nc,
            cnonce,
        ));
        let outcome = registrar.register(&req.view(), Some(&right), later);
        assert_eq!(
            matches!(outcome, RegisterOutcome::Registered(_)),
            registered,
            "nc {nc} cnonce {cnonce}: {outcome:?}"
        );
    }
}

#[test]
fn bindings_expire_with_time() {
    let now = Instant::now();
    let mut registrar = Registrar::new(config(), [1; 16], now);
    let outcome = register(
        &mut registrar,
        Req::new(&["<sip:1001@127.0.0.1:5090>"]).expires("60"),
        "centralino-1001",
        now,
    );
    assert!(matches!(outcome, RegisterOutcome::Registered(ref b) if b.len() == 1));
    let almost = now + Duration::from_secs(59);
    assert_eq!(registrar.registrations(almost).len(), 1);
    assert_eq!(
        registrar.registrations(almost)[0].expires_in,
        Duration::from_secs(1)
    );
    let after = now + Duration::from_secs(60);
    assert!(registrar.registrations(after).is_empty());
    assert_eq!(registrar.target("1001", after), None);
}

#[test]
fn expiry_is_clamped_and_the_contact_parameter_wins_over_the_header() {
    let now = Instant::now();
    let mut registrar = Registrar::new(config(), [1; 16], now);
    let too_short = register(
        &mut registrar,
        Req::new(&["<sip:1001@127.0.0.1:5090>"]).expires("10"),
        "centralino-1001",
        now,
    );
    assert_eq!(too_short, RegisterOutcome::IntervalTooBrief(60));
    assert!(registrar.registrations(now).is_empty());

    let outcome = register(
        &mut registrar,
        Req::new(&[
            "<sip:a@127.0.0.1:5090>;expires=100, <sip:b@127.0.0.1:5091>",
            "sip:c@127.0.0.1:5092;expires=99999999999",
        ])
        .expires("200"),
        "centralino-1001",
        now,
    );
    let RegisterOutcome::Registered(mut bindings) = outcome else {
        panic!("{outcome:?}");
    };
    bindings.sort();
    assert_eq!(
        bindings,
        vec![
            ("sip:a@127.0.0.1:5090".to_owned(), 100),
            ("sip:b@127.0.0.1:5091".to_owned(), 200),
            ("sip:c@127.0.0.1:5092".to_owned(), 3_600),
        ]
    );
    // No Expires at all: the default.
    let outcome = register(
        &mut registrar,
        Req::new(&["<sip:d@127.0.0.1:5093>"]),
        "centralino-1001",
        now,
    );
    let RegisterOutcome::Registered(bindings) = outcome else {
        panic!("{outcome:?}");
    };
    assert!(bindings.contains(&("sip:d@127.0.0.1:5093".to_owned(), 3_600)));
}

#[test]
fn expires_zero_removes_one_binding_and_star_removes_all() {
    let now = Instant::now();
    let mut registrar = Registrar::new(config(), [1; 16], now);
    let _ = register(
        &mut registrar,
        Req::new(&["<sip:a@127.0.0.1:5090>, <sip:b@127.0.0.1:5091>"]),
        "centralino-1001",
        now,
    );
    assert_eq!(registrar.registrations(now).len(), 2);

    let outcome = register(
        &mut registrar,
        Req::new(&["<sip:a@127.0.0.1:5090>"]).expires("0"),
        "centralino-1001",
        now,
    );
    assert_eq!(
        outcome,
        RegisterOutcome::Registered(vec![("sip:b@127.0.0.1:5091".to_owned(), 3_600)])
    );

    // A query (no Contact) lists what is there and changes nothing.
    let query = register(&mut registrar, Req::new(&[]), "centralino-1001", now);
    assert!(matches!(query, RegisterOutcome::Registered(ref b) if b.len() == 1));

    // `*` needs Expires: 0.
    let bad = register(
        &mut registrar,
        Req::new(&["*"]).expires("60"),
        "centralino-1001",
        now,
    );
    assert!(matches!(bad, RegisterOutcome::BadRequest(_)), "{bad:?}");
    let bad = register(
        &mut registrar,
        Req::new(&["*", "<sip:a@127.0.0.1:5090>"]).expires("0"),
        "centralino-1001",
        now,
    );
    assert!(matches!(bad, RegisterOutcome::BadRequest(_)), "{bad:?}");
    assert_eq!(registrar.registrations(now).len(), 1);

    let outcome = register(
        &mut registrar,
        Req::new(&["*"]).expires("0"),
        "centralino-1001",
        now,
    );
    assert_eq!(outcome, RegisterOutcome::Registered(Vec::new()));
    assert!(registrar.registrations(now).is_empty());
}

#[test]
fn the_latest_refreshed_binding_is_the_one_called() {
    let now = Instant::now();
    let mut registrar = Registrar::new(config(), [1; 16], now);
    let _ = register(
        &mut registrar,
        Req::new(&["<sip:old@127.0.0.1:5090>"]),
        "centralino-1001",
        now,
    );
    let later = now + Duration::from_secs(5);
    let _ = register(
        &mut registrar,
        Req::new(&["<sip:new@127.0.0.1:5091>"]),
        "centralino-1001",
        later,
    );
    assert_eq!(
        registrar.target("1001", later).as_deref(),
        Some("sip:new@127.0.0.1:5091")
    );
}

#[test]
fn contact_and_expires_syntax() {
    let parsed = parse_contacts(
        r#""Rossi, Mario" <sip:1001@127.0.0.1:5090;transport=tcp>;expires=30;q=0.5, sip:x@h;expires=7"#,
    )
    .unwrap();
    assert_eq!(
        parsed,
        vec![
            ContactSpec::Uri {
                uri: "sip:1001@127.0.0.1:5090;transport=tcp".to_owned(),
                expires: Some(30)
            },
            ContactSpec::Uri {
                uri: "sip:x@h".to_owned(),
                expires: Some(7)
            },
        ]
    );
    assert_eq!(parse_contacts(" * ").unwrap(), vec![ContactSpec::Star]);
    for junk in [
        "<sip:1001@h",
        "\"open <sip:1001@h>",
        "<http://example.com>",
        "<sip:>",
        "<sip:a@h>;expires=soon",
        "mailto:x",
    ] {
        assert!(parse_contacts(junk).is_err(), "{junk}");
    }
    let now = Instant::now();
    let mut registrar = Registrar::new(config(), [1; 16], now);
    let bad = register(
        &mut registrar,
        Req::new(&["<sip:a@h>"]).expires("soon"),
        "centralino-1001",
        now,
    );
    assert!(matches!(bad, RegisterOutcome::BadRequest(_)), "{bad:?}");
    let bad = register(
        &mut registrar,
        Req::new(&["<sip:a@h"]),
        "centralino-1001",
        now,
    );
    assert!(matches!(bad, RegisterOutcome::BadRequest(_)), "{bad:?}");
    assert!(registrar.registrations(now).is_empty());
}
