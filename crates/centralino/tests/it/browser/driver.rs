//! Headless Chromium driven over WebDriver: each [`Browser`] has its own chromedriver, its own
//! Chromium and a fresh profile and home directory, all ended and removed when it is dropped (a
//! failing test included), and the helpers a page test uses: open, find, fill, click, read.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};

/// Hang guard for chromedriver and Chromium to start.
const START: Duration = Duration::from_secs(60);
/// Hang guard for an element or a text to appear (pages updated by htmx included).
const APPEAR: Duration = Duration::from_secs(30);
/// How often a waited-for text is looked for.
const POLL: Duration = Duration::from_millis(100);

/// The two programs the browser tests need.
#[derive(Debug, Clone)]
pub(crate) struct Tools {
    chromium: PathBuf,
    chromedriver: PathBuf,
}

/// Chromium and chromedriver from `PATH` (Debian `chromium`, `chromium-driver`). Missing: the
/// test FAILS when `CI` is set, and is skipped with a note otherwise.
pub(crate) fn tools() -> Option<Tools> {
    if let (Some(chromium), Some(chromedriver)) = (on_path("chromium"), on_path("chromedriver")) {
        return Some(Tools {
            chromium,
            chromedriver,
        });
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "chromium or chromedriver is missing (apt-get install chromium chromium-driver): \
         the browser tests cannot run"
    );
    eprintln!(
        "note: chromium or chromedriver not found (apt-get install chromium chromium-driver); \
         browser test skipped"
    );
    None
}

fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}

/// How a browser starts, beyond the fixed headless flags.
#[derive(Debug, Clone, Default)]
pub(crate) struct Options {
    args: Vec<String>,
    accept_language: Option<String>,
}

impl Options {
    /// One more Chromium command-line switch.
    pub(crate) fn arg(mut self, arg: impl Into<String>) -> Options {
        self.args.push(arg.into());
        self
    }

    /// Fake microphone and camera, allowed without asking; the microphone plays `wav` (for
    /// WebCall tests).
    pub(crate) fn fake_media(self, wav: &Path) -> Options {
        self.arg("--use-fake-ui-for-media-stream")
            .arg("--use-fake-device-for-media-stream")
            .arg(format!(
                "--use-file-for-fake-audio-capture={}",
                wav.display()
            ))
    }

    /// The `Accept-Language` header the browser sends (`"ar"`, `"de-DE,de"`).
    pub(crate) fn accept_language(mut self, value: &str) -> Options {
        self.accept_language = Some(value.to_owned());
        self
    }
}

/// A headless Chromium session pointed at `base` (an `http://127.0.0.1:PORT` server).
///
/// Dropping it kills chromedriver, Chromium and its helpers (one process group) and removes
/// the profile; [`Browser::close`] ends the session politely first.
#[derive(Debug)]
pub(crate) struct Browser {
    client: Client,
    base: String,
    /// Held for its `Drop`, which ends the processes.
    _driver: Driver,
    /// Chromium's profile and `HOME` (its crash reports go there): removed after the processes
    /// are gone, which is why it is the last field.
    _home: tempfile::TempDir,
}

impl Browser {
    /// Starts chromedriver and a headless Chromium; `None` when the tools are missing outside CI.
    pub(crate) async fn start(base: &str, options: Options) -> Option<Browser> {
        let tools = tools()?;
        Some(Browser::start_with(&tools, base, options).await)
    }

    pub(crate) async fn start_with(tools: &Tools, base: &str, options: Options) -> Browser {
        let home = tempfile::tempdir().unwrap();
        let profile = home.path().join("profile");
        std::fs::create_dir(&profile).unwrap();
        let driver = Driver::start(tools, home.path()).await;
        let mut args: Vec<String> = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--window-size=1280,1024",
        ]
        .map(str::to_owned)
        .to_vec();
        args.push(format!("--user-data-dir={}", profile.display()));
        args.extend(options.args);
        let mut chrome = json!({
            "binary": tools.chromium,
            "args": args,
        });
        if let Some(language) = options.accept_language {
            chrome["prefs"] = json!({ "intl.accept_languages": language });
        }
        let capabilities = json!({
            "browserName": "chrome",
            "pageLoadStrategy": "normal",
            "timeouts": { "script": 60_000, "pageLoad": 60_000, "implicit": 0 },
            "goog:chromeOptions": chrome,
        });
        let Value::Object(capabilities) = capabilities else {
            unreachable!("capabilities are an object")
        };
        let mut builder = ClientBuilder::new(HttpConnector::new());
        builder.capabilities(capabilities);
        let url = format!("http://127.0.0.1:{}", driver.port);
        let client = match tokio::time::timeout(START, builder.connect(&url)).await {
            Ok(Ok(client)) => client,
            Ok(Err(e)) => panic!("Chromium did not start: {e}\n{}", driver.log()),
            Err(_) => panic!("Chromium did not start in {START:?}\n{}", driver.log()),
        };
        Browser {
            client,
            base: base.trim_end_matches('/').to_owned(),
            _driver: driver,
            _home: home,
        }
    }

    /// The WebDriver client, for what the helpers below do not cover.
    pub(crate) fn client(&self) -> &Client {
        &self.client
    }

    /// The server's base URL (`http://127.0.0.1:PORT`).
    pub(crate) fn base(&self) -> &str {
        &self.base
    }

    /// Ends the session (Chromium quits), then chromedriver; a hang is cut short by the kill in
    /// `Drop`.
    pub(crate) async fn close(self) {
        let _ = tokio::time::timeout(START, self.client.clone().close()).await;
    }

    /// Opens `path` on the server (`"/"`, `"/portale?x=1"`) and waits for the page to load.
    pub(crate) async fn open(&self, path: &str) {
        let url = format!("{}{path}", self.base);
        self.client
            .goto(&url)
            .await
            .unwrap_or_else(|e| panic!("opening {url}: {e}"));
    }

    /// The path (and query) of the page shown now.
    pub(crate) async fn path(&self) -> String {
        let url = self.client.current_url().await.unwrap();
        match url.query() {
            Some(query) => format!("{}?{query}", url.path()),
            None => url.path().to_owned(),
        }
    }

    pub(crate) async fn title(&self) -> String {
        self.client.title().await.unwrap()
    }

    /// `<html lang>`.
    pub(crate) async fn lang(&self) -> Option<String> {
        self.html_attribute("lang").await
    }

    /// `<html dir>` (`"rtl"` for Arabic).
    pub(crate) async fn dir(&self) -> Option<String> {
        self.html_attribute("dir").await
    }

    async fn html_attribute(&self, name: &str) -> Option<String> {
        let value = self
            .client
            .execute(
                "return document.documentElement.getAttribute(arguments[0]);",
                vec![json!(name)],
            )
            .await
            .unwrap();
        value.as_str().map(str::to_owned)
    }

    /// The visible text of the page (`innerText` of `<body>`).
    pub(crate) async fn text(&self) -> String {
        let value = self
            .client
            .execute(
                "return document.body ? document.body.innerText : '';",
                vec![],
            )
            .await
            .unwrap();
        value.as_str().unwrap_or_default().to_owned()
    }

    /// Waits until the visible text contains `text` (after a form post or an htmx swap).
    pub(crate) async fn wait_for_text(&self, text: &str) {
        let waiting = async {
            loop {
                if self.text().await.contains(text) {
                    return;
                }
                tokio::time::sleep(POLL).await;
            }
        };
        if tokio::time::timeout(APPEAR, waiting).await.is_err() {
            panic!(
                "{text:?} did not appear on {} in {APPEAR:?}; the page says:\n{}",
                self.path().await,
                self.text().await
            );
        }
    }

    /// The element matched by `locator`, waiting for it to appear.
    pub(crate) async fn find(&self, locator: Locator<'_>, what: &str) -> Element {
        match self
            .client
            .wait()
            .at_most(APPEAR)
            .for_element(locator)
            .await
        {
            Ok(element) => element,
            Err(e) => panic!(
                "no {what} on {} ({e}); the page says:\n{}",
                self.path().await,
                self.text().await
            ),
        }
    }

    /// The element with this `id`.
    pub(crate) async fn by_id(&self, id: &str) -> Element {
        self.find(Locator::Id(id), &format!("element #{id}")).await
    }

    /// The form control (input, select, textarea) whose `<label>` (by `for`, or wrapping it) or
    /// `aria-label` reads exactly `label`, spaces normalised.
    pub(crate) async fn by_label(&self, label: &str) -> Element {
        let xpath = control_by_label(label);
        self.find(
            Locator::XPath(&xpath),
            &format!("control labelled {label:?}"),
        )
        .await
    }

    /// The link or button (including `<input type=submit>`) that reads exactly `text`, or whose
    /// `aria-label` is `text`.
    pub(crate) async fn by_text(&self, text: &str) -> Element {
        let xpath = clickable_by_text(text);
        self.find(Locator::XPath(&xpath), &format!("link or button {text:?}"))
            .await
    }

    /// Types `value` into the control labelled `label` (after clearing it); for a `<select>`,
    /// picks the option that reads `value`.
    pub(crate) async fn fill(&self, label: &str, value: &str) {
        let control = self.by_label(label).await;
        if control
            .tag_name()
            .await
            .unwrap()
            .eq_ignore_ascii_case("select")
        {
            control
                .select_by_label(value)
                .await
                .unwrap_or_else(|e| panic!("no option {value:?} in {label:?}: {e}"));
        } else {
            control.clear().await.unwrap();
            control
                .send_keys(value)
                .await
                .unwrap_or_else(|e| panic!("typing into {label:?}: {e}"));
        }
    }

    /// Ticks the checkbox or picks the radio button labelled `label` (left ticked if it is).
    pub(crate) async fn check(&self, label: &str) {
        let control = self.by_label(label).await;
        if !control.is_selected().await.unwrap() {
            control.click().await.unwrap();
        }
    }

    /// Clicks the link or button that reads `text` (a form's submit button submits it; a page
    /// load it starts is waited for).
    pub(crate) async fn click(&self, text: &str) {
        self.by_text(text)
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("clicking {text:?}: {e}"));
    }

    /// axe-core on the page shown now: panics listing every serious or critical violation.
    pub(crate) async fn assert_accessible(&self) {
        super::axe::assert_accessible(&self.client).await;
    }
}

/// An XPath string literal for any text (XPath 1.0 has no escapes: `concat` joins the parts
/// around apostrophes).
pub(crate) fn xpath_literal(text: &str) -> String {
    if !text.contains('\'') {
        format!("'{text}'")
    } else if !text.contains('"') {
        format!("\"{text}\"")
    } else {
        let parts: Vec<String> = text.split('\'').map(|part| format!("'{part}'")).collect();
        format!("concat({})", parts.join(", \"'\", "))
    }
}

fn control_by_label(label: &str) -> String {
    let l = xpath_literal(label);
    format!(
        "//*[self::input or self::select or self::textarea]\
         [@id = //label[normalize-space(.) = {l}]/@for \
          or ancestor::label[normalize-space(.) = {l}] \
          or normalize-space(@aria-label) = {l}]"
    )
}

fn clickable_by_text(text: &str) -> String {
    let t = xpath_literal(text);
    format!(
        "//*[self::a or self::button or self::summary \
          or (self::input and (@type = 'submit' or @type = 'button'))]\
         [normalize-space(.) = {t} or normalize-space(@value) = {t} \
          or normalize-space(@aria-label) = {t}]"
    )
}

/// A chromedriver in its own process group (Chromium and its helpers join it), on a port it
/// picked itself.
#[derive(Debug)]
struct Driver {
    child: Child,
    port: u16,
    stderr: PathBuf,
}

impl Driver {
    async fn start(tools: &Tools, home: &Path) -> Driver {
        use std::os::unix::process::CommandExt as _;
        let stderr = home.join("chromedriver.stderr");
        let mut child = Command::new(&tools.chromedriver)
            .arg("--port=0")
            .env("HOME", home)
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .env("XDG_CACHE_HOME", home.join(".cache"))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&stderr).unwrap())
            .process_group(0)
            .spawn()
            .unwrap_or_else(|e| panic!("starting {}: {e}", tools.chromedriver.display()));
        // chromedriver prints the port it bound; the thread then drains the pipe until it closes.
        let stdout = child.stdout.take().expect("stdout is piped");
        let (found, port) = tokio::sync::oneshot::channel();
        std::thread::spawn(move || {
            let mut found = Some(found);
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if let Some(port) = started_on_port(&line)
                    && let Some(found) = found.take()
                {
                    let _ = found.send(port);
                }
            }
        });
        let mut driver = Driver {
            child,
            port: 0,
            stderr,
        };
        match tokio::time::timeout(START, port).await {
            Ok(Ok(port)) => driver.port = port,
            Ok(Err(_)) => panic!("chromedriver exited at start\n{}", driver.log()),
            Err(_) => panic!("chromedriver did not start in {START:?}\n{}", driver.log()),
        }
        driver
    }

    fn log(&self) -> String {
        let text = std::fs::read_to_string(&self.stderr).unwrap_or_default();
        format!("chromedriver stderr:\n{text}")
    }
}

/// The port in chromedriver's "ChromeDriver was started successfully on port 40163."
fn started_on_port(line: &str) -> Option<u16> {
    line.split_once("started successfully on port ")?
        .1
        .trim_end_matches('.')
        .trim()
        .parse()
        .ok()
}

impl Drop for Driver {
    fn drop(&mut self) {
        // The whole group, chromedriver's children included; the leader is not reaped yet, so
        // its id cannot have been reused.
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.child.id())])
            .stderr(Stdio::null())
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn xpath_literals_quote_any_text() {
    assert_eq!(xpath_literal("Invia"), "'Invia'");
    assert_eq!(
        xpath_literal("Prenota l'appuntamento"),
        "\"Prenota l'appuntamento\""
    );
    assert_eq!(
        xpath_literal(r#"l'ufficio "sede""#),
        r#"concat('l', "'", 'ufficio "sede"')"#
    );
}

#[test]
fn the_port_is_read_from_chromedriver_output() {
    assert_eq!(
        started_on_port("ChromeDriver was started successfully on port 40163."),
        Some(40163)
    );
    assert_eq!(
        started_on_port("Starting ChromeDriver 156.0 on port 0"),
        None
    );
}
