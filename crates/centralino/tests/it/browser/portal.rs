//! The citizen portal in headless Chromium: a demo citizen's whole visit (log in, generate and
//! revoke a telephone PIN, open an INPS Risponde request and reply, book and cancel an
//! appointment with both SMS in the outbox spool, applications, documents, contact page, log
//! out), in Italian and, after the language switch, in Arabic right to left; axe-core on every
//! page of both visits, and on the public pages in the other six languages.

use std::path::Path;
use std::time::Duration;

use fantoccini::Locator;
use fantoccini::elements::Element;
use serde_json::Value;

use super::{Browser, Options, Site, Violation, violations};

/// Hang guard for the outbox worker to spool an SMS and for a language switch to land.
const SPOOLED: Duration = Duration::from_secs(30);
/// How often the spool or the page language is looked at again.
const POLL: Duration = Duration::from_millis(100);

/// The demo office and service the appointment is booked at (the HTTP tests use them too).
const OFFICE: &str = "0100";
const SERVICE: &str = "pensions";
const MOBILE: &str = "333 123 4567";

/// The serious or critical axe violations of every page visited, gathered so that one run names
/// every page to fix; each page's `<html lang dir>` is checked on the way. With
/// `PORTAL_SCREENSHOTS` set, each page is also saved as a PNG and its minor and moderate
/// violations are listed (on stderr).
#[derive(Debug)]
struct Audit {
    lang: &'static str,
    dir: &'static str,
    pages: Vec<String>,
    found: Vec<String>,
}

impl Audit {
    fn new(lang: &'static str) -> Audit {
        Audit {
            lang,
            dir: if lang == "ar" { "rtl" } else { "ltr" },
            pages: Vec::new(),
            found: Vec::new(),
        }
    }

    /// The page shown now: in the visit's language and direction, and nothing serious for axe.
    async fn page(&mut self, b: &Browser, what: &str) {
        let path = b.path().await;
        assert_eq!(
            (b.lang().await.as_deref(), b.dir().await.as_deref()),
            (Some(self.lang), Some(self.dir)),
            "<html lang dir> of {what} ({path})"
        );
        let all = violations(b.client()).await;
        let debug = std::env::var_os("PORTAL_SCREENSHOTS").is_some();
        for v in all.iter().filter(|v| debug && !v.is_blocking()) {
            eprintln!(
                "note: [{}] {what}: {} ({}) {:?}",
                self.lang,
                v.id,
                v.impact.as_deref().unwrap_or("?"),
                v.targets
            );
        }
        for v in all.into_iter().filter(Violation::is_blocking) {
            self.found.push(format!(
                "[{}] {what} ({path}): {} ({}) {} <{}>\n    {}",
                self.lang,
                v.id,
                v.impact.as_deref().unwrap_or("?"),
                v.help,
                v.help_url,
                v.targets.join("\n    ")
            ));
        }
        if debug {
            let name = format!("{}-{:02}", self.lang, self.pages.len());
            eprintln!("{what}: {}", screenshot(b, &name).await);
        }
        self.pages.push(format!("{what} ({path})"));
    }

    /// Fails naming every violation found, page by page.
    fn assert_clean(&self) {
        assert!(
            self.found.is_empty(),
            "axe-core: {} serious or critical violation(s) over the {} pages checked:\n{}",
            self.found.len(),
            self.pages.len(),
            self.found.join("\n")
        );
    }
}

/// The text of the element with `id` (trimmed).
async fn text_of(b: &Browser, id: &str) -> String {
    b.by_id(id).await.text().await.unwrap().trim().to_owned()
}

/// Whether an element with `id` is on the page now (no waiting).
async fn exists(b: &Browser, id: &str) -> bool {
    b.client()
        .execute(
            "return document.getElementById(arguments[0]) !== null;",
            vec![Value::from(id)],
        )
        .await
        .unwrap()
        == Value::Bool(true)
}

/// Clicks `element` after scrolling it, at once, to the middle of the window (Bootstrap's
/// `scroll-behavior: smooth` makes chromedriver's own scrolling click while the page still
/// moves, outside the window).
async fn click(b: &Browser, element: Element, what: &str) {
    b.client()
        .execute(
            "arguments[0].scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' });",
            vec![serde_json::to_value(&element).unwrap()],
        )
        .await
        .unwrap();
    if let Err(e) = element.click().await {
        // What covers it, and the window, for the failure message.
        let covering = b
            .client()
            .execute(
                "const r = arguments[0].getBoundingClientRect();
                 const x = r.left + r.width / 2, y = r.top + r.height / 2;
                 const top = document.elementFromPoint(x, y);
                 return `at ${x},${y} in ${innerWidth}x${innerHeight}: ${top ? top.outerHTML.slice(0, 300) : 'nothing'}`;",
                vec![serde_json::to_value(&element).unwrap()],
            )
            .await;
        let shot = screenshot(b, "unclickable").await;
        panic!("clicking {what}: {e}\ncovered {covering:?}\nscreenshot: {shot}");
    }
}

/// Saves a screenshot of the page shown under the target's temporary directory; its path.
async fn screenshot(b: &Browser, name: &str) -> String {
    let png = b.client().screenshot().await.unwrap_or_default();
    let path = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("portal-{name}-{}.png", std::process::id()));
    std::fs::write(&path, png).unwrap();
    path.display().to_string()
}

async fn click_id(b: &Browser, id: &str) {
    click(b, b.by_id(id).await, &format!("#{id}")).await;
}

/// Picks the radio button or ticks the checkbox `id` as a person does: by its label (Bootstrap
/// Italia draws the control on the label and hides the input under it).
async fn pick(b: &Browser, id: &str) {
    let label = format!("label[for='{id}']");
    click(b, b.find(Locator::Css(&label), &label).await, &label).await;
    assert!(
        b.by_id(id).await.is_selected().await.unwrap(),
        "#{id} picked by its label"
    );
}

async fn select(b: &Browser, id: &str, value: &str) {
    b.by_id(id)
        .await
        .select_by_value(value)
        .await
        .unwrap_or_else(|e| panic!("no option {value:?} in #{id}: {e}"));
}

async fn type_into(b: &Browser, id: &str, text: &str) {
    let field = b.by_id(id).await;
    field.clear().await.unwrap();
    field.send_keys(text).await.unwrap();
}

/// Waits (bounded) until `check` holds for the page shown, e.g. after a form's redirect.
async fn until(b: &Browser, what: &str, check: impl AsyncFn() -> bool) {
    let waiting = async {
        while !check().await {
            tokio::time::sleep(POLL).await;
        }
    };
    if tokio::time::timeout(SPOOLED, waiting).await.is_err() {
        panic!(
            "{what}: not so in {SPOOLED:?} at {}; the page says:\n{}",
            b.path().await,
            b.text().await
        );
    }
}

/// Waits until the page shown is in `lang` (after the language switch's redirect).
async fn wait_for_lang(b: &Browser, lang: &str) {
    until(b, &format!("the page in {lang}"), async || {
        b.lang().await.as_deref() == Some(lang)
    })
    .await;
}

/// Waits until the page shown is `path` (after following a link).
async fn wait_for_path(b: &Browser, path: &str) {
    until(b, &format!("on {path}"), async || b.path().await == path).await;
}

/// The spooled SMS (`<id>-sms.json` in the outbox spool) whose text mentions `code`, waiting
/// until there are `want` of them: (recipient, body) each.
async fn sms_mentioning(data_dir: &Path, code: &str, want: usize) -> Vec<(String, String)> {
    let spool = data_dir.join("outbox");
    let read = || -> Vec<(String, String)> {
        let Ok(entries) = std::fs::read_dir(&spool) else {
            return Vec::new();
        };
        let mut found: Vec<(String, String)> = entries
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with("-sms.json"))
            .filter_map(|e| std::fs::read(e.path()).ok())
            .filter_map(|bytes| serde_json::from_slice::<Value>(&bytes).ok())
            .filter(|sms| sms["body"].as_str().is_some_and(|b| b.contains(code)))
            .map(|sms| {
                let field = |k: &str| sms[k].as_str().unwrap_or_default().to_owned();
                (field("recipient"), field("body"))
            })
            .collect();
        found.sort();
        found
    };
    let waiting = async {
        loop {
            let found = read();
            if found.len() >= want {
                return found;
            }
            tokio::time::sleep(POLL).await;
        }
    };
    match tokio::time::timeout(SPOOLED, waiting).await {
        Ok(found) => found,
        Err(_) => panic!(
            "{want} SMS about {code} expected in {}, found {:?}",
            spool.display(),
            read()
        ),
    }
}

/// What the citizen writes to the office, in the visit's language.
#[derive(Debug, Clone, Copy)]
struct Texts {
    topic: &'static str,
    description: &'static str,
    reply: &'static str,
}

/// A demo citizen's visit to every page, in the language the browser has now (`audit.lang`):
/// each flow checked, each page given to axe. Starts and ends signed out.
async fn visit_every_page(site: &Site, audit: &mut Audit, texts: &Texts) {
    let b: &Browser = site;

    // Public pages, labelled demo.
    b.open("/portal").await;
    b.by_id("login-link").await;
    assert!(exists(b, "demo-banner").await, "the demo banner");
    audit.page(b, "home, signed out").await;
    click_id(b, "nav-contact").await;
    for id in ["numbers", "hours", "guide-download", "webcall-link"] {
        b.by_id(id).await;
    }
    audit.page(b, "contact").await;

    // A page with personal data sends to the login, which comes back to it.
    b.open("/portal/pin").await;
    assert_eq!(b.path().await, "/portal/login");
    audit.page(b, "login").await;
    click_id(b, "login-demo").await;
    b.by_id("demo-login-form").await;
    assert_eq!(b.path().await, "/portal/login/demo");
    audit.page(b, "demo login").await;
    pick(b, "demo-citizen-0").await;
    let chosen = b
        .client()
        .execute(
            "return document.querySelector('label[for=\"demo-citizen-0\"]').firstChild.textContent.trim();",
            vec![],
        )
        .await
        .unwrap();
    let chosen = chosen.as_str().unwrap().to_owned();
    assert!(!chosen.is_empty(), "the demo citizen has a name");
    click_id(b, "demo-login-submit").await;
    let signed_in = text_of(b, "user-name").await;
    assert_eq!(signed_in, chosen, "signed in as the citizen picked");
    assert!(exists(b, "demo-login-badge").await, "the demo login badge");
    assert_eq!(b.path().await, "/portal/pin", "back to the page asked for");

    // Telephone PIN: valid a week, shown once, then revoked.
    audit.page(b, "PIN, none yet").await;
    pick(b, "validity-1w").await;
    click_id(b, "pin-generate").await;
    let pin = text_of(b, "pin-value").await;
    assert_eq!(pin.len(), 8, "{pin:?}");
    assert!(pin.bytes().all(|c| c.is_ascii_digit()), "{pin:?}");
    assert!(!text_of(b, "pin-expires").await.is_empty());
    audit.page(b, "PIN, just generated").await;
    b.open("/portal/pin").await;
    b.by_id("pin-status-active").await;
    assert!(!exists(b, "pin-value").await, "the PIN is shown once");
    assert!(!b.text().await.contains(&pin), "the PIN is shown once");
    audit.page(b, "PIN, active").await;
    click_id(b, "pin-revoke").await;
    b.by_id("pin-status-none").await;
    assert!(exists(b, "flash").await, "revoking says so");

    click_id(b, "nav-home").await;
    b.by_id("home-sections").await;
    audit.page(b, "home, signed in").await;

    // INPS Risponde: a new request, seen in the list under its office; a reply.
    click_id(b, "nav-risponde").await;
    b.by_id("new-request-link").await;
    audit.page(b, "INPS Risponde, list").await;
    click_id(b, "new-request-link").await;
    b.by_id("request-form").await;
    audit.page(b, "INPS Risponde, new request").await;
    let Texts {
        topic,
        description,
        reply,
    } = *texts;
    select(b, "service_group", SERVICE).await;
    type_into(b, "topic", topic).await;
    type_into(b, "description", description).await;
    click_id(b, "request-submit").await;
    b.by_id("request-status").await;
    let detail = b.path().await;
    let id = detail
        .strip_prefix("/portal/risponde/")
        .unwrap_or_else(|| panic!("a request's page, not {detail}"))
        .to_owned();
    assert!(id.starts_with("LI-"), "{id}");
    assert_eq!(text_of(b, "page-title").await, topic);
    assert!(exists(b, "flash").await, "sending says so");
    audit.page(b, "INPS Risponde, request").await;
    type_into(b, "message", reply).await;
    click_id(b, "reply-submit").await;
    b.wait_for_text(reply).await;
    click_id(b, "back-to-requests").await;
    let listed = b.by_id(&format!("request-{id}")).await;
    assert_eq!(listed.text().await.unwrap().trim(), id);

    // Appointments: free slots loaded by htmx in place, a booking with its SMS, a cancellation
    // with another.
    click_id(b, "nav-appointments").await;
    b.by_id("slot-search").await;
    audit.page(b, "appointments").await;
    select(b, "appt-office", OFFICE).await;
    select(b, "appt-service", SERVICE).await;
    pick(b, "mode-counter").await;
    click_id(b, "slot-search-submit").await;
    b.by_id("slot-0").await;
    assert_eq!(
        b.path().await,
        "/portal/appointments",
        "the slots come in place (htmx), not as a new page"
    );
    audit.page(b, "appointments, free slots").await;
    pick(b, "slot-0").await;
    type_into(b, "mobile", MOBILE).await;
    click_id(b, "book-submit").await;
    b.by_id("booking-confirmed").await;
    let code = text_of(b, "booking-code").await;
    assert!(code.starts_with("PR-"), "{code}");
    audit.page(b, "appointment booked").await;
    let booked = sms_mentioning(site.data_dir(), &code, 1).await;
    assert_eq!(booked.len(), 1, "{booked:?}");
    assert!(booked[0].0.ends_with("3331234567"), "{booked:?}");
    click_id(b, "back-to-appointments").await;
    b.by_id(&format!("appointment-{code}")).await;
    audit.page(b, "appointments, one booked").await;
    click_id(b, &format!("cancel-{code}")).await;
    let row = format!("appointment-{code}");
    until(
        b,
        "the cancelled appointment gone, and a word saying so",
        async || !exists(b, &row).await && exists(b, "flash").await,
    )
    .await;
    let both = sms_mentioning(site.data_dir(), &code, 2).await;
    assert_eq!(both.len(), 2, "booking and cancellation SMS: {both:?}");
    assert_ne!(both[0].1, both[1].1, "two different messages");

    // Applications and documents sent home.
    click_id(b, "nav-applications").await;
    wait_for_path(b, "/portal/applications").await;
    assert!(
        exists(b, "applications-table").await || exists(b, "applications-none").await,
        "the applications or the word that there are none"
    );
    audit.page(b, "applications").await;
    click_id(b, "nav-documents").await;
    b.by_id("documents-form").await;
    audit.page(b, "documents").await;
    pick(b, "kind-insurance_record").await;
    click_id(b, "documents-submit").await;
    until(b, "an answer to the request of a document", async || {
        exists(b, "document-dispatched").await || exists(b, "document-refused").await
    })
    .await;
    audit.page(b, "documents, answered").await;

    // Logging out ends the session; the language stays.
    click_id(b, "logout-button").await;
    b.by_id("login-link").await;
    assert!(!exists(b, "user-name").await);
    b.open("/portal/applications").await;
    assert_eq!(b.path().await, "/portal/login");
    assert_eq!(b.lang().await.as_deref(), Some(audit.lang));
}

/// A browser in Italy: Italian first, then English (Chromium alone asks for English).
fn italian() -> Options {
    Options::default().accept_language("it-IT,it,en")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_demo_citizen_visits_every_portal_page_in_italian_and_axe_finds_nothing_serious() {
    let Some(site) = Site::start_with(italian()).await else {
        return;
    };
    let mut audit = Audit::new("it");
    let texts = Texts {
        topic: "Ricostituzione della pensione",
        description: "Chiedo il ricalcolo per i contributi versati all'estero.",
        reply: "Allego il modulo E205.",
    };
    visit_every_page(&site, &mut audit, &texts).await;
    audit.assert_clean();
    site.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_portal_switches_to_arabic_right_to_left_and_every_page_passes_axe() {
    let Some(site) = Site::start_with(italian()).await else {
        return;
    };
    let b: &Browser = &site;

    // Italian by default; the switch is a form on every page and comes back to the same page.
    b.open("/portal/contact").await;
    assert_eq!(b.lang().await.as_deref(), Some("it"));
    assert_eq!(b.dir().await.as_deref(), Some("ltr"));
    click_id(b, "lang-ar").await;
    wait_for_lang(b, "ar").await;
    assert_eq!(b.dir().await.as_deref(), Some("rtl"));
    assert_eq!(b.path().await, "/portal/contact");
    assert_eq!(
        b.by_id("lang-ar").await.attr("aria-pressed").await.unwrap(),
        Some("true".to_owned())
    );

    // The cookie keeps Arabic on every page of the whole visit (checked on each).
    let mut audit = Audit::new("ar");
    let texts = Texts {
        topic: "إعادة احتساب المعاش",
        description: "أطلب إعادة الحساب للاشتراكات المدفوعة في الخارج.",
        reply: "أرفق النموذج E205.",
    };
    visit_every_page(&site, &mut audit, &texts).await;

    // The other languages, on the public pages.
    for lang in ["de", "en", "es", "fr", "pl", "ru"] {
        let mut other = Audit::new(lang);
        b.open("/portal/contact").await;
        click_id(b, &format!("lang-{lang}")).await;
        wait_for_lang(b, lang).await;
        other.page(b, "contact").await;
        click_id(b, "nav-home").await;
        b.by_id("home-login").await;
        other.page(b, "home, signed out").await;
        audit.found.extend(other.found);
        audit.pages.extend(other.pages);
    }
    audit.assert_clean();
    site.stop().await;
}
