//! SIP calls into the IVR with a real SIP peer: SIPp (Debian `sip-tester`) against the real
//! server (`App` with SIP on a free port, the INPS profile, a database holding the demo
//! population made now). Scenarios are in `tests/it/data/sipp/`.
//!
//! Tests that need `sipp` fail when `CI` is set and it is missing, and are skipped with a note
//! otherwise. Nothing here measures time: the scenarios' own bounds only guard against hangs.

use std::net::{SocketAddr, UdpSocket};
use std::path::{Path, PathBuf};
use std::process::Command;

use centralino::{App, AppConfig, Profile, SipMonitor, SipOptions};
use domain::ContactId;

use crate::{centralino, stderr};

/// The keys of the self-service scenarios, as the softphone's `--keys` (then silence at the
/// survey's questions until the script runs out).
const SELF_SERVICE_KEYS: &str = "1 1 2 REXGPP99M02C982U 12345678 0 . . . . . . . . . .";

/// `sipp`, if installed; with `CI` set a missing one fails the test.
pub(crate) fn sipp() -> Option<PathBuf> {
    let found = Command::new("sipp")
        .arg("-v")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("SIPp"));
    if found {
        return Some(PathBuf::from("sipp"));
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "sipp is missing (apt-get install sip-tester): the SIP tests cannot run"
    );
    eprintln!("note: sipp not found (apt-get install sip-tester); SIP test skipped");
    None
}

pub(crate) fn scenario(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/it/data/sipp")
        .join(name)
}

/// A UDP port nobody uses right now.
pub(crate) fn free_udp_port() -> u16 {
    let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
    socket.local_addr().unwrap().port()
}

/// A data directory holding the demo population made today (PINs are valid from when they
/// are made): made once per run with the softphone and copied for each test.
pub(crate) fn demo_data() -> tempfile::TempDir {
    let today = jiff::Timestamp::now().strftime("%Y-%m-%d").to_string();
    // The target directory may be shared by worktrees whose migrations differ: one copy each.
    let worktree = std::hash::BuildHasher::hash_one(
        &std::hash::BuildHasherDefault::<std::collections::hash_map::DefaultHasher>::default(),
        env!("CARGO_MANIFEST_DIR"),
    );
    let shared = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "sip-demo-{}-{today}-{worktree:016x}",
        centralino::demo::DEMO_DATA_VERSION
    ));
    if !shared.join("ready").exists() {
        let making = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
        let out = centralino(
            &[
                "call",
                "webcall",
                "--demo",
                "--data-dir",
                making.path().to_str().unwrap(),
            ],
            None,
        );
        assert!(out.status.success(), "{}", stderr(&out));
        std::fs::write(making.path().join("ready"), "").unwrap();
        // Another test may have won the race: then its copy is used.
        let _ = std::fs::rename(making.keep(), &shared);
    }
    let dir = tempfile::tempdir().unwrap();
    for name in ["centralino.db", "centralino.db-wal", "centralino.db-shm"] {
        let from = shared.join(name);
        if from.exists() {
            std::fs::copy(from, dir.path().join(name)).unwrap();
        }
    }
    dir
}

pub(crate) fn database_url(data: &Path) -> String {
    format!("sqlite://{}", data.join("centralino.db").display())
}

/// The server with SIP on a free port, and how to stop it.
pub(crate) struct Server {
    pub(crate) sip: SocketAddr,
    /// The SIP edge's counters.
    pub(crate) monitor: SipMonitor,
    stop: tokio::sync::oneshot::Sender<()>,
    task: tokio::task::JoinHandle<anyhow::Result<()>>,
}

impl Server {
    pub(crate) async fn start(data: &Path) -> Server {
        Server::start_with(data, |_| {}).await
    }

    /// The server with SIP options changed by `adjust`.
    pub(crate) async fn start_with(data: &Path, adjust: impl FnOnce(&mut SipOptions)) -> Server {
        let mut options = SipOptions::new(SocketAddr::from(([127, 0, 0, 1], free_udp_port())));
        adjust(&mut options);
        let config = AppConfig {
            profile: Profile::inps().unwrap(),
            http_listen: "127.0.0.1:0".parse().unwrap(),
            database_url: database_url(data),
            data_dir: data.to_owned(),
            demo: false,
            sip: Some(options),
        };
        let app = App::build(config).await.unwrap();
        let sip = app.sip_addr().expect("SIP runs");
        let monitor = app.sip_monitor().expect("SIP runs");
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let task = tokio::spawn(app.run_until(async move {
            let _ = stopped.await;
        }));
        Server {
            sip,
            monitor,
            stop,
            task,
        }
    }

    pub(crate) async fn stop(self) {
        self.stop.send(()).unwrap();
        self.task.await.unwrap().unwrap();
    }
}

/// Runs one SIPp call of `scenario` to `number`; its exit status (0: the scenario passed) and
/// output.
pub(crate) async fn run_sipp(
    sipp: &Path,
    server: SocketAddr,
    scenario: &Path,
    number: &str,
    tcp: bool,
) -> (i32, String) {
    run_sipp_with(sipp, server, scenario, number, tcp, &["-m", "1"]).await
}

/// [`run_sipp`] with more SIPp arguments (`-m` among them: how many calls).
pub(crate) async fn run_sipp_with(
    sipp: &Path,
    server: SocketAddr,
    scenario: &Path,
    number: &str,
    tcp: bool,
    args: &[&str],
) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    let mut command = Command::new(sipp);
    command
        .current_dir(dir.path())
        .arg("-sf")
        .arg(scenario)
        .arg(server.to_string())
        .args(["-s", number, "-i", "127.0.0.1", "-mi", "127.0.0.1"])
        .args(["-p", &free_udp_port().to_string()])
        .args(args)
        .args(["-trace_err", "-timeout", "240", "-nostdin"]);
    if tcp {
        command.args(["-t", "t1"]);
    }
    let output = tokio::task::spawn_blocking(move || command.output().expect("sipp runs"))
        .await
        .unwrap();
    let mut text = String::from_utf8_lossy(&output.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&output.stderr));
    for entry in std::fs::read_dir(dir.path()).unwrap().flatten() {
        if entry.file_name().to_string_lossy().ends_with("errors.log") {
            text.push_str(&std::fs::read_to_string(entry.path()).unwrap_or_default());
        }
    }
    (output.status.code().unwrap_or(-1), text)
}

/// The contact recorded last, with its survey answers.
pub(crate) async fn last_contact(data: &Path) -> (store::surveys::Contact, Vec<(String, String)>) {
    contact_from_the_end(data, 0).await
}

/// The contact recorded `back` contacts before the last, with its survey answers.
pub(crate) async fn contact_from_the_end(
    data: &Path,
    back: i64,
) -> (store::surveys::Contact, Vec<(String, String)>) {
    let store = store::Store::open(&database_url(data)).await.unwrap();
    // Ids are dense from 1: find the last by doubling, then halving.
    let exists = async |id: i64| {
        store
            .contacts()
            .by_id(ContactId::new(id).unwrap())
            .await
            .unwrap()
            .is_some()
    };
    let mut high = 1;
    while exists(high).await {
        high *= 2;
    }
    let mut low = high / 2;
    while high - low > 1 {
        let mid = (low + high) / 2;
        if exists(mid).await {
            low = mid;
        } else {
            high = mid;
        }
    }
    let id = ContactId::new(low - back).unwrap();
    let contact = store.contacts().by_id(id).await.unwrap().unwrap();
    let answers = store
        .surveys()
        .answers(id)
        .await
        .unwrap()
        .into_iter()
        .map(|a| (a.answer.question, format!("{:?}", a.answer.value)))
        .collect();
    store.close().await;
    (contact, answers)
}

/// A SIPp caller keys the self-service scenario; the contact is recorded exactly as the
/// softphone records the same keys.
async fn self_service_call(scenario_file: &str) {
    let Some(sipp) = sipp() else { return };
    let data = demo_data();
    let server = Server::start(data.path()).await;
    let (status, output) =
        run_sipp(&sipp, server.sip, &scenario(scenario_file), "803164", false).await;
    server.stop().await;
    assert_eq!(status, 0, "the SIPp scenario failed:\n{output}");
    let (sip, sip_answers) = last_contact(data.path()).await;

    // The same keys on the terminal softphone, on the same database as it was.
    let softphone_data = demo_data();
    let out = centralino(
        &[
            "call",
            "803164",
            "--data-dir",
            softphone_data.path().to_str().unwrap(),
            "--keys",
            SELF_SERVICE_KEYS,
            "--json",
        ],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let transcript = String::from_utf8_lossy(&out.stdout);
    assert!(
        transcript.contains(r#""operation":"latest-application","outcome":"not_found""#),
        "the softphone reached the self-service result:\n{transcript}"
    );
    let (softphone, softphone_answers) = last_contact(softphone_data.path()).await;

    assert_eq!(sip.contact.entry_number.as_deref(), Some("803164"));
    assert_eq!(
        sip.service_kind,
        Some(store::surveys::ServiceKind::Automated),
        "an automated service answered the SIP caller"
    );
    assert!(
        sip.ended_at.is_some(),
        "the SIP contact is recorded as ended"
    );
    // Equal apart from timing (the channel is `phone` for both).
    assert_eq!(sip.id, softphone.id);
    assert_eq!(sip.contact, softphone.contact);
    assert_eq!(sip.service_kind, softphone.service_kind);
    assert_eq!(sip.ended_at.is_some(), softphone.ended_at.is_some());
    assert_eq!(sip_answers, softphone_answers);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sipp_keys_pcap_dtmf_to_a_self_service_result_recorded_like_the_softphone() {
    self_service_call("self_service_pcap.xml").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sipp_keys_play_dtmf_to_a_self_service_result_recorded_like_the_softphone() {
    self_service_call("self_service_play_dtmf.xml").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_number_gets_404_and_a_call_over_tcp_is_answered() {
    let Some(sipp) = sipp() else { return };
    let data = tempfile::tempdir().unwrap();
    let server = Server::start(data.path()).await;
    let (status, output) = run_sipp(
        &sipp,
        server.sip,
        &scenario("unknown_number.xml"),
        "12345",
        false,
    )
    .await;
    assert_eq!(status, 0, "404 expected:\n{output}");
    let (status, output) = run_sipp(
        &sipp,
        server.sip,
        &scenario("answer_and_hang_up.xml"),
        "803164",
        true,
    )
    .await;
    assert_eq!(status, 0, "a call over TCP:\n{output}");
    server.stop().await;
}
