//! The real server (`App` with SIP on a free port, the INPS profile) with baresip (Debian
//! `baresip-core`) as the peer, driven over its `ctrl_tcp` (crate `test-peers`):
//!
//! - a caller dials 803164, keys its way to a self-service result with `sndcode` and records
//!   what it hears; the recording is compared with the prompts the server spoke, read from
//!   the server's TTS cache (espeak-ng audio keyed by the rendered text);
//! - agent phones register with the demo password and with one set by `centralino
//!   agent-phone set`.
//!
//! Tests fail when `CI` is set and baresip (or espeak-ng) is missing, and are skipped with a
//! note otherwise. Waits are hang guards; what the caller waits for is what it hears.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use centralino::{App, AppConfig, Profile, SipOptions};
use domain::Language;
use test_peers::baresip::{Account, Baresip, BaresipOptions};
use test_peers::wav;

use crate::sip::{database_url, demo_data, free_udp_port, last_contact};
use crate::{centralino, stderr, stdout};

/// A bound on every wait (the call's prompts are long).
const GUARD: Duration = Duration::from_secs(90);
/// Silence after which the IVR is taken to be waiting for keys (its menus wait 6 s and
/// more, the digit entries 5 s between keys and 10 s for the first).
const QUIET: Duration = Duration::from_millis(1_500);
/// How close what was heard is to what was spoken (G.711 and frame rounding).
const TOLERANCE: f64 = 0.10;

/// The tax code REXGPP99M02C982U on the keypad, and the demo citizen's phone PIN.
const TAX_CODE_KEYS: &str = "7394779960229828";
const PIN: &str = "12345678";

fn tools() -> bool {
    test_peers::require_tool("baresip", "baresip-core")
        && test_peers::require_tool("espeak-ng", "espeak-ng")
}

/// The server with SIP on a free port (`demo`: load the demo data at start).
struct Server {
    sip: SocketAddr,
    showcase: centralino::demo::Showcase,
    stop: tokio::sync::oneshot::Sender<()>,
    task: tokio::task::JoinHandle<anyhow::Result<()>>,
}

impl Server {
    async fn start(data: &Path, demo: bool) -> Server {
        let config = AppConfig {
            profile: Profile::inps().unwrap(),
            http_listen: "127.0.0.1:0".parse().unwrap(),
            database_url: database_url(data),
            data_dir: data.to_owned(),
            demo,
            sip: Some(SipOptions::new(SocketAddr::from((
                [127, 0, 0, 1],
                free_udp_port(),
            )))),
        };
        let app = App::build(config).await.unwrap();
        let sip = app.sip_addr().expect("SIP runs");
        let showcase = app.showcase().clone();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let task = tokio::spawn(app.run_until(async move {
            let _ = stopped.await;
        }));
        Server {
            sip,
            showcase,
            stop,
            task,
        }
    }

    async fn stop(self) {
        self.stop.send(()).unwrap();
        self.task.await.unwrap().unwrap();
    }
}

/// The recording of what the caller heard so far: (rate, samples); empty before any audio.
fn heard(phone: &Baresip) -> (u32, Vec<i16>) {
    phone
        .received_recording()
        .and_then(|path| wav::read(&path).ok())
        .unwrap_or((wav::RATE, Vec::new()))
}

/// Waits until the caller has heard `audible` of sound.
async fn hear(phone: &Baresip, audible: Duration, what: &str) {
    let deadline = tokio::time::Instant::now() + GUARD;
    loop {
        let (rate, samples) = heard(phone);
        if wav::audible(&samples, rate) >= audible {
            return;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "never heard {what}; log:\n{}",
            phone.log()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Waits until the caller has heard at least `audible` of sound after sample `from`, followed
/// by [`QUIET`]: the IVR said its piece and waits for keys. Returns the recording's length.
async fn hear_then_quiet(phone: &Baresip, from: usize, audible: Duration, what: &str) -> usize {
    let deadline = tokio::time::Instant::now() + GUARD;
    loop {
        let (rate, samples) = heard(phone);
        let tail = samples.get(from..).unwrap_or_default();
        if wav::audible(tail, rate) >= audible
            && wav::trailing_silence(tail, rate).is_some_and(|quiet| quiet >= QUIET)
        {
            return samples.len();
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "never heard {what} ({:?} of {audible:?} heard); log:\n{}",
            wav::audible(tail, rate),
            phone.log()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The prompts the server speaks, from its TTS cache: the audible time of message `id`
/// (no arguments) in `language`, once the server has spoken it.
struct SpokenPrompts {
    catalog: prompts::Catalog,
    engines: prompts::Engines,
    cache: prompts::PromptAudio,
}

impl SpokenPrompts {
    fn new(data: &Path) -> SpokenPrompts {
        let profile_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../profiles/inps");
        SpokenPrompts {
            catalog: prompts::Catalog::load(&profile_dir).unwrap(),
            engines: prompts::Engines::from_config(&Profile::inps().unwrap().tts).unwrap(),
            cache: prompts::PromptAudio::new(data.join("prompts-cache")),
        }
    }

    fn path(&self, language: Language, id: &str) -> PathBuf {
        let text = self
            .catalog
            .render(language, id, &prompts::Args::new())
            .unwrap();
        let key = prompts::PromptAudio::cache_key(self.engines.get(language), language, &text);
        self.cache.path_for(language, &key)
    }

    /// `None` until the server has spoken it.
    fn audible(&self, language: Language, id: &str) -> Option<Duration> {
        let (rate, samples) = wav::read(&self.path(language, id)).ok()?;
        Some(wav::audible(&samples, rate))
    }

    /// Every prompt spoken so far, in every language: their total audible time.
    fn total(&self) -> Duration {
        let mut total = Duration::ZERO;
        for dir in std::fs::read_dir(self.cache.dir())
            .into_iter()
            .flatten()
            .flatten()
        {
            for file in std::fs::read_dir(dir.path())
                .into_iter()
                .flatten()
                .flatten()
            {
                if let Ok((rate, samples)) = wav::read(&file.path()) {
                    total += wav::audible(&samples, rate);
                }
            }
        }
        total
    }
}

fn assert_close(heard: Duration, spoken: Duration, what: &str) {
    let (h, s) = (heard.as_secs_f64(), spoken.as_secs_f64());
    assert!(
        s > 0.5 && (h - s).abs() <= s * TOLERANCE,
        "{what}: heard {heard:?} of sound, the server spoke {spoken:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_baresip_caller_keys_to_a_self_service_result_and_hears_the_prompts_the_server_spoke() {
    if !tools() {
        return;
    }
    let data = demo_data();
    let server = Server::start(data.path(), false).await;
    let spoken = SpokenPrompts::new(data.path());
    let it = Language::Italian;
    let peer_dir = tempfile::tempdir().unwrap();
    let silence = peer_dir.path().join("silence.wav");
    wav::write_silence(&silence, Duration::from_secs(600)).unwrap();
    let mut caller = Baresip::start(BaresipOptions::caller(&silence))
        .await
        .unwrap();

    caller
        .dial(&format!("sip:803164@{}", server.sip))
        .await
        .unwrap();
    let event = caller
        .wait_any(&["CALL_ESTABLISHED", "CALL_CLOSED"], GUARD)
        .await
        .unwrap();
    assert_eq!(event.kind, "CALL_ESTABLISHED", "{}", caller.log());

    // The welcome starts; the menus' keys are typed ahead (automated services, application
    // status, by phone PIN), as callers who know the menus do: the prompts are cut short.
    hear(&caller, Duration::from_millis(200), "the welcome").await;
    caller.send_digits("112").await.unwrap();
    // The tax-code prompt plays to its end (its audio is in the cache just before it plays);
    // then the IVR waits for the code.
    let tax_code_prompt = wait_spoken(&spoken, it, &["id-tax-code"]).await;
    let playing = heard(&caller).1.len();
    let before_code = hear_then_quiet(
        &caller,
        playing,
        tax_code_prompt.mul_f64(1.0 - TOLERANCE),
        "the tax-code prompt",
    )
    .await;

    // From here nothing is typed ahead: each prompt is heard whole.
    caller.send_digits(TAX_CODE_KEYS).await.unwrap();
    let pin_prompt = wait_spoken(&spoken, it, &["id-pin"]).await;
    let before_pin = hear_then_quiet(&caller, before_code, pin_prompt, "the PIN prompt").await;

    caller.send_digits(PIN).await.unwrap();
    let result = wait_spoken(&spoken, it, &["latest-not-found", "after-service"]).await;
    let end = hear_then_quiet(&caller, before_pin, result, "the self-service result").await;
    caller.hang_up().await.unwrap();
    caller.wait_event("CALL_CLOSED", GUARD).await.unwrap();
    server.stop().await;

    // What the caller heard between the marks is what the server spoke there.
    let (rate, samples) = wav::read(&caller.received_recording().unwrap()).unwrap();
    assert!(wav::rms(&samples) > wav::AUDIBLE, "the caller heard sound");
    assert_close(
        wav::audible(&samples[before_code..before_pin], rate),
        pin_prompt,
        "the PIN prompt",
    );
    assert_close(
        wav::audible(&samples[before_pin..end.min(samples.len())], rate),
        result,
        "the result and the next menu",
    );
    // Nothing was heard that the server did not speak (the menus were cut short).
    let all = wav::audible(&samples, rate);
    assert!(
        all <= spoken.total().mul_f64(1.0 + TOLERANCE),
        "heard {all:?}, spoke {:?}",
        spoken.total()
    );

    // The contact is recorded: the number dialled, an automated service, ended.
    let (contact, _) = last_contact(data.path()).await;
    assert_eq!(contact.contact.entry_number.as_deref(), Some("803164"));
    assert_eq!(contact.contact.language, it);
    assert_eq!(
        contact.service_kind,
        Some(store::surveys::ServiceKind::Automated)
    );
    assert!(contact.ended_at.is_some(), "the contact ended");
}

/// The total audible time of `ids` once the server has spoken them all.
async fn wait_spoken(spoken: &SpokenPrompts, language: Language, ids: &[&str]) -> Duration {
    let deadline = tokio::time::Instant::now() + GUARD;
    loop {
        let found: Option<Vec<Duration>> =
            ids.iter().map(|id| spoken.audible(language, id)).collect();
        if let Some(found) = found {
            return found.into_iter().sum();
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "the server never spoke {ids:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn agent_phones_register_with_the_demo_password_and_with_one_set_on_the_command_line() {
    if !test_peers::require_tool("baresip", "baresip-core") {
        return;
    }
    let data = tempfile::tempdir().unwrap();
    let server = Server::start(data.path(), true).await;
    assert!(
        server
            .showcase
            .agent_phones
            .contains(&("1001".to_owned(), "centralino-1001".to_owned())),
        "{:?}",
        server.showcase.agent_phones
    );
    let source = data.path().join("silence.wav");
    wav::write_silence(&source, Duration::from_secs(60)).unwrap();
    let register = async |extension: &str, password: &str| {
        let mut phone = Baresip::start(BaresipOptions {
            account: Account::agent_phone(extension, password, server.sip, 600),
            source: source.clone(),
            record: false,
        })
        .await
        .unwrap();
        let event = phone
            .wait_any(&["REGISTER_OK", "REGISTER_FAIL"], GUARD)
            .await
            .unwrap();
        let outcome = format!("{} {}", event.kind, event.param);
        phone.quit(GUARD).await.unwrap();
        outcome
    };

    assert!(
        register("1001", "centralino-1001")
            .await
            .starts_with("REGISTER_OK")
    );
    let refused = register("1002", "centralino-1001").await;
    assert!(
        refused.starts_with("REGISTER_FAIL") && refused.contains("403"),
        "{refused}"
    );
    let unknown = register("2001", "centralino-2001").await;
    assert!(
        unknown.starts_with("REGISTER_FAIL") && unknown.contains("404"),
        "{unknown}"
    );

    // A new password, given on stdin: the demo one stops working, the new one works.
    let dir = data.path().to_str().unwrap();
    let out = centralino(
        &[
            "agent-phone",
            "set",
            "1001",
            "--password-stdin",
            "--data-dir",
            dir,
        ],
        Some("una-password-nuova\n"),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("agent phone 1001: password set"));
    let refused = register("1001", "centralino-1001").await;
    assert!(
        refused.starts_with("REGISTER_FAIL") && refused.contains("403"),
        "{refused}"
    );
    assert!(
        register("1001", "una-password-nuova")
            .await
            .starts_with("REGISTER_OK")
    );

    let out = centralino(&["agent-phone", "list", "--data-dir", dir], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let list = stdout(&out);
    assert_eq!(list.lines().count(), 10, "{list}");
    assert!(list.starts_with("1001\tPostazione 1001\t"), "{list}");
    let ha1 = sip_edge::Ha1::from_password("1001", "centralino", "una-password-nuova");
    assert!(!list.contains(ha1.as_hex()), "no credentials listed");
    server.stop().await;
}

#[test]
fn agent_phone_set_refuses_bad_input() {
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().to_str().unwrap();
    let cases: [(&[&str], &str, &str); 3] = [
        (
            &[
                "agent-phone",
                "set",
                "10 01",
                "--password-stdin",
                "--data-dir",
                dir,
            ],
            "secret-password\n",
            "extension",
        ),
        (
            &["agent-phone", "set", "1001", "--data-dir", dir],
            "secret-password\n",
            "--password-stdin",
        ),
        (
            &[
                "agent-phone",
                "set",
                "1001",
                "--password-stdin",
                "--data-dir",
                dir,
            ],
            "short\n",
            "at least 8",
        ),
    ];
    for (args, input, says) in cases {
        let out = centralino(args, Some(input));
        assert!(!out.status.success(), "{args:?}");
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
    }
    let out = centralino(&["agent-phone", "list", "--data-dir", dir], None);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "", "nothing was stored");
}
