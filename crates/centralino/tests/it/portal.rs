//! The citizen portal over HTTP: every page and form of a demo citizen's visit (login, PIN,
//! INPS Risponde, appointments with the SMS in the outbox, applications, documents, contact page
//! and PDF guide, language switch to Arabic, logout), forms without a valid CSRF token, and the
//! demo login refused when the server is not in demo mode.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::serve::start;

/// A browser without JavaScript: keeps cookies, never follows redirects.
struct Browser {
    http: reqwest::Client,
    base: String,
    cookies: BTreeMap<String, String>,
    /// Every URL and Location seen, to check that no personal data is in one.
    urls: Vec<String>,
}

struct Page {
    status: u16,
    location: Option<String>,
    set_cookies: Vec<String>,
    body: String,
    bytes: Vec<u8>,
}

impl Browser {
    fn new(addr: std::net::SocketAddr) -> Browser {
        Browser {
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            base: format!("http://{addr}"),
            cookies: BTreeMap::new(),
            urls: Vec::new(),
        }
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    async fn send(&mut self, request: reqwest::RequestBuilder, url: &str) -> Page {
        self.urls.push(url.to_owned());
        let response = request
            .header("cookie", self.cookie_header())
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        let location = response
            .headers()
            .get("location")
            .map(|v| v.to_str().unwrap().to_owned());
        if let Some(l) = &location {
            self.urls.push(l.clone());
        }
        let set_cookies: Vec<String> = response
            .headers()
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap().to_owned())
            .collect();
        for cookie in &set_cookies {
            let pair = cookie.split(';').next().unwrap();
            let (name, value) = pair.split_once('=').unwrap();
            if cookie.contains("Max-Age=0") {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.to_owned(), value.to_owned());
            }
        }
        let bytes = response.bytes().await.unwrap().to_vec();
        Page {
            status,
            location,
            set_cookies,
            body: String::from_utf8_lossy(&bytes).into_owned(),
            bytes,
        }
    }

    async fn get(&mut self, path: &str) -> Page {
        let url = format!("{}{path}", self.base);
        let request = self.http.get(&url);
        self.send(request, path).await
    }

    async fn post(&mut self, path: &str, form: &[(&str, &str)]) -> Page {
        let url = format!("{}{path}", self.base);
        let body = form
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        let request = self
            .http
            .post(&url)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body);
        self.send(request, path).await
    }
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The `value` of the first input named `name` (attributes in the templates' order).
fn input_value(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no input {name} in:\n{html}"))
        + marker.len();
    html[start..start + html[start..].find('"').unwrap()].to_owned()
}

/// The text inside the element with `id`.
fn text_of(html: &str, id: &str) -> String {
    let marker = format!("id=\"{id}\"");
    let at = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no #{id} in:\n{html}"));
    let start = at + html[at..].find('>').unwrap() + 1;
    html[start..start + html[start..].find('<').unwrap()]
        .trim()
        .to_owned()
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                out.extend(walk(&path));
            } else {
                out.push(path);
            }
        }
    }
    out
}

/// How many spooled SMS mention `text`, waiting (bounded) until at least `want` do.
async fn sms_mentioning(spool: &Path, text: &str, want: usize) -> usize {
    let mut found = 0;
    for _ in 0..120 {
        found = walk(spool)
            .iter()
            .filter(|p| p.to_string_lossy().contains("sms"))
            .filter(|p| {
                std::fs::read_to_string(p)
                    .map(|t| t.contains(text))
                    .unwrap_or(false)
            })
            .count();
        if found >= want {
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    found
}

fn pdf_text(bytes: &[u8]) -> Option<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("guide.pdf");
    std::fs::write(&path, bytes).unwrap();
    match std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
    {
        Ok(out) => Some(String::from_utf8_lossy(&out.stdout).into_owned()),
        Err(_) if std::env::var_os("CI").is_some() => {
            panic!("pdftotext (Debian poppler-utils) is needed to check the guide in CI")
        }
        Err(_) => {
            eprintln!("note: pdftotext missing; the guide's text is not checked");
            None
        }
    }
}

#[tokio::test]
async fn a_demo_citizen_uses_the_portal() {
    let dir = tempfile::tempdir().unwrap();
    let server = start("sqlite::memory:".into(), dir.path(), true).await;
    let tax_code = server.showcase.identities[0].1.clone();
    let mut b = Browser::new(server.addr);

    // Public pages: home and contact, in Italian by default, labelled demo.
    let home = b.get("/portal").await;
    assert_eq!(home.status, 200);
    assert!(home.body.contains("<html lang=\"it\" dir=\"ltr\">"));
    assert!(home.body.contains("id=\"demo-banner\""));
    assert!(home.set_cookies[0].contains("HttpOnly"));
    assert!(home.set_cookies[0].contains("SameSite=Lax"));
    let contact = b.get("/portal/contact").await;
    assert_eq!(contact.status, 200);
    for text in [
        "803 164",
        "06 164 164",
        "800 434 320",
        "0800559218",
        "id=\"webcall-link\"",
        "id=\"guide-download\"",
    ] {
        assert!(contact.body.contains(text), "contact page lacks {text}");
    }
    // The automated services are always open (R-HOURS-3).
    assert!(contact.body.contains("id=\"open-now-automated\""));
    let profile = centralino::Profile::inps().unwrap();
    let hours = profile.calendars.get("agents-it").unwrap();
    let italian = hours
        .describe(domain::Language::Italian)
        .replace('\'', "&#39;");
    assert!(
        contact.body.contains(&italian),
        "hours in Italian: {italian}"
    );
    let webcall = b.get("/portal/webcall").await;
    assert_eq!(webcall.status, 503);
    assert!(webcall.body.contains("id=\"webcall-not-available\""));
    let guide = b.get("/portal/contact/guide.pdf").await;
    assert_eq!(guide.status, 200);
    assert!(guide.bytes.starts_with(b"%PDF"));
    if let Some(text) = pdf_text(&guide.bytes) {
        for expected in [
            "Guida ai servizi automatici",
            "803 164",
            "Servizi automatici",
            "PIN telefonico",
        ] {
            assert!(text.contains(expected), "guide lacks {expected}:\n{text}");
        }
    }
    let css = b
        .get("/static/vendor/bootstrap-italia-2.18.3/css/bootstrap-italia.min.css")
        .await;
    assert_eq!(css.status, 200);
    assert!(css.body.contains("bootstrap-italia-version"));

    // A page with personal data sends to the login, which comes back to it.
    let pin = b.get("/portal/pin").await;
    assert_eq!(
        (pin.status, pin.location.as_deref()),
        (303, Some("/portal/login"))
    );
    let login = b.get("/portal/login").await;
    assert!(login.body.contains("id=\"login-demo\""));
    assert!(
        !login.body.contains("id=\"login-oidc\""),
        "no OIDC configured"
    );
    let picker = b.get("/portal/login/demo").await;
    assert_eq!(picker.status, 200);
    let csrf = input_value(&picker.body, "csrf");
    let state = input_value(&picker.body, "state");

    // A form with a wrong CSRF token is refused and changes nothing.
    let forged = b
        .post(
            "/portal/login/demo",
            &[
                ("csrf", &"0".repeat(64)),
                ("state", &state),
                ("citizen", "0"),
            ],
        )
        .await;
    assert_eq!(forged.status, 403);
    assert!(forged.body.contains("id=\"csrf-refused\""));
    let no_token = b
        .post("/portal/login/demo", &[("state", &state), ("citizen", "0")])
        .await;
    assert_eq!(no_token.status, 403);
    let old_cookie = b.cookies["centralino_session"].clone();
    let signed = b
        .post(
            "/portal/login/demo",
            &[("csrf", &csrf), ("state", &state), ("citizen", "0")],
        )
        .await;
    assert_eq!(
        (signed.status, signed.location.as_deref()),
        (303, Some("/portal/pin"))
    );
    assert_ne!(
        b.cookies["centralino_session"], old_cookie,
        "a new session id at login"
    );

    // Telephone PIN: generate one valid a week, shown once; it works on the phone API; revoke.
    let pin = b.get("/portal/pin").await;
    assert_eq!(pin.status, 200);
    assert!(pin.body.contains("id=\"demo-login-badge\""));
    let csrf = input_value(&pin.body, "csrf");
    let old_csrf = input_value(&picker.body, "csrf");
    assert_ne!(csrf, old_csrf, "a new CSRF token at login");
    let stale = b
        .post("/portal/pin", &[("csrf", &old_csrf), ("validity", "1w")])
        .await;
    assert_eq!(stale.status, 403);
    let made = b
        .post("/portal/pin", &[("csrf", &csrf), ("validity", "1w")])
        .await;
    assert_eq!(made.status, 200);
    let new_pin = text_of(&made.body, "pin-value");
    assert_eq!(new_pin.len(), 8);
    assert!(new_pin.bytes().all(|c| c.is_ascii_digit()));
    assert!(text_of(&made.body, "pin-expires").contains('/'));
    let again = b.get("/portal/pin").await;
    assert!(!again.body.contains(&new_pin), "the PIN is shown once");
    let api = reqwest::Client::new();
    let verify = |pin: String| {
        let api = api.clone();
        let url = format!("http://{}/api/v1/pin/verify", server.addr);
        let body = serde_json::json!({"tax_code": tax_code, "pin": pin});
        async move {
            api.post(url)
                .json(&body)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    assert_eq!(verify(new_pin.clone()).await, 200);
    let revoked = b.post("/portal/pin/revoke", &[("csrf", &csrf)]).await;
    assert_eq!(
        (revoked.status, revoked.location.as_deref()),
        (303, Some("/portal/pin"))
    );
    assert!(
        b.get("/portal/pin")
            .await
            .body
            .contains("id=\"pin-status-none\"")
    );
    assert_eq!(verify(new_pin).await, 401);

    // INPS Risponde: a new request, then a reply; grouped by office in the list.
    assert_eq!(b.get("/portal/risponde").await.status, 200);
    let form = b.get("/portal/risponde/new").await;
    assert_eq!(form.status, 200);
    let empty = b
        .post(
            "/portal/risponde/new",
            &[
                ("csrf", &csrf),
                ("service_group", "pensions"),
                ("topic", ""),
                ("description", ""),
            ],
        )
        .await;
    assert_eq!(empty.status, 422);
    let created = b
        .post(
            "/portal/risponde/new",
            &[
                ("csrf", &csrf),
                ("service_group", "pensions"),
                ("office", ""),
                ("topic", "Ricostituzione della pensione"),
                (
                    "description",
                    "Chiedo il ricalcolo per i contributi esteri.",
                ),
            ],
        )
        .await;
    assert_eq!(created.status, 303, "{}", created.body);
    let detail_url = created.location.unwrap();
    assert!(
        detail_url.starts_with("/portal/risponde/LI-"),
        "{detail_url}"
    );
    let detail = b.get(&detail_url).await;
    assert!(detail.body.contains("Ricostituzione della pensione"));
    assert!(detail.body.contains("id=\"flash\""));
    let replied = b
        .post(
            &format!("{detail_url}/reply"),
            &[("csrf", &csrf), ("message", "Allego il modulo E205.")],
        )
        .await;
    assert_eq!(replied.status, 303);
    let detail = b.get(&detail_url).await;
    assert!(detail.body.contains("Allego il modulo E205."));
    let list = b.get("/portal/risponde").await;
    let id = detail_url.trim_start_matches("/portal/risponde/");
    assert!(list.body.contains(&format!("id=\"request-{id}\"")));
    assert!(list.body.contains("class=\"office-group"));
    assert_eq!(b.get("/portal/risponde/LI-2020-99999999").await.status, 404);

    // Appointments: free slots, book with the confirmation SMS, cancel with another SMS.
    assert_eq!(b.get("/portal/appointments").await.status, 200);
    let slots = b
        .get("/portal/appointments/slots?office=0100&service=pensions&mode=counter")
        .await;
    assert_eq!(slots.status, 200);
    let start = input_value(&slots.body, "start");
    let bad_mobile = b
        .post(
            "/portal/appointments/book",
            &[
                ("csrf", &csrf),
                ("office", "0100"),
                ("service", "pensions"),
                ("mode", "counter"),
                ("start", &start),
                ("mobile", "12"),
            ],
        )
        .await;
    assert_eq!(bad_mobile.status, 422);
    let booked = b
        .post(
            "/portal/appointments/book",
            &[
                ("csrf", &csrf),
                ("office", "0100"),
                ("service", "pensions"),
                ("mode", "counter"),
                ("start", &start),
                ("mobile", "333 123 4567"),
            ],
        )
        .await;
    assert_eq!(booked.status, 200, "{}", booked.body);
    let code = text_of(&booked.body, "booking-code");
    assert!(code.starts_with("PR-"), "{code}");
    let spool = dir.path().join("outbox");
    assert_eq!(
        sms_mentioning(&spool, &code, 1).await,
        1,
        "the confirmation SMS"
    );
    let listed = b.get("/portal/appointments").await;
    assert!(listed.body.contains(&format!("id=\"appointment-{code}\"")));
    let cancelled = b
        .post(
            "/portal/appointments/cancel",
            &[("csrf", &csrf), ("code", &code)],
        )
        .await;
    assert_eq!(cancelled.status, 303);
    let after = b.get("/portal/appointments").await;
    assert!(!after.body.contains(&format!("id=\"appointment-{code}\"")));
    assert!(after.body.contains("id=\"flash\""));
    assert_eq!(
        sms_mentioning(&spool, &code, 2).await,
        2,
        "the cancellation SMS"
    );

    // Applications and documents sent home.
    assert_eq!(b.get("/portal/applications").await.status, 200);
    assert_eq!(b.get("/portal/documents").await.status, 200);
    let sent = b
        .post(
            "/portal/documents",
            &[("csrf", &csrf), ("kind", "insurance_record")],
        )
        .await;
    assert!(
        sent.body.contains("id=\"document-dispatched\"")
            || sent.body.contains("id=\"document-refused\""),
        "{}",
        sent.body
    );

    // The language switch remembers Arabic, right to left.
    let switched = b
        .post(
            "/portal/language",
            &[("csrf", &csrf), ("lang", "ar"), ("next", "/portal/contact")],
        )
        .await;
    assert_eq!(
        (switched.status, switched.location.as_deref()),
        (303, Some("/portal/contact"))
    );
    assert!(
        switched
            .set_cookies
            .iter()
            .any(|c| c.starts_with("lang=ar") && c.contains("Max-Age"))
    );
    let arabic = b.get("/portal/contact").await;
    assert!(arabic.body.contains("<html lang=\"ar\" dir=\"rtl\">"));
    assert!(arabic.body.contains("id=\"guide-language-note\""));
    let outside = b
        .post(
            "/portal/language",
            &[
                ("csrf", &csrf),
                ("lang", "de"),
                ("next", "https://evil.example/"),
            ],
        )
        .await;
    assert_eq!(outside.location.as_deref(), Some("/portal"));
    assert!(
        b.get("/portal")
            .await
            .body
            .contains("<html lang=\"de\" dir=\"ltr\">")
    );

    // Logout ends the session.
    let out = b.post("/portal/logout", &[("csrf", &csrf)]).await;
    assert_eq!(out.status, 303);
    assert_eq!(b.get("/portal/pin").await.status, 303);

    // No tax code in any URL.
    for url in &b.urls {
        assert!(!url.contains(&tax_code), "personal data in {url}");
    }
    server.stop().await;
}

#[tokio::test]
async fn the_demo_login_is_refused_outside_demo_mode() {
    let dir = tempfile::tempdir().unwrap();
    let server = start("sqlite::memory:".into(), dir.path(), false).await;
    let mut b = Browser::new(server.addr);
    let home = b.get("/portal").await;
    assert!(!home.body.contains("id=\"demo-banner\""));
    let login = b.get("/portal/login").await;
    assert!(!login.body.contains("id=\"login-demo\""));
    assert!(login.body.contains("id=\"login-unavailable\""));
    let picker = b.get("/portal/login/demo").await;
    assert_eq!(picker.status, 403);
    assert!(picker.body.contains("id=\"demo-refused\""));
    let csrf = input_value(&home.body, "csrf");
    let forced = b
        .post(
            "/portal/login/demo",
            &[("csrf", &csrf), ("state", "x"), ("citizen", "0")],
        )
        .await;
    assert_eq!(forced.status, 403);
    assert_eq!(b.get("/portal/pin").await.status, 303);
    assert_eq!(b.get("/portal/login/oidc").await.status, 404);
    server.stop().await;
}
