//! The terminal softphone and the IVR operator commands, run as a user runs them: the real
//! binary on a test profile (the INPS settings with small test flows and prompts in eight
//! languages, `tests/it/data/ivr`) and a temporary data directory.

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

use crate::{centralino, stderr, stdout};

const MAIN: &str = include_str!("data/ivr/flows/main.toml");

/// When the demo database is made: Wednesday 15 April 2026, 10:00 in Rome (demo PINs are valid
/// three months from then; the CU campaign is open).
const DEMO_MADE_AT: &str = "2026-04-15T08:00:00Z";

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The INPS profile's settings with the test flows and prompts.
fn test_profile() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for file in ["centralino.toml", "offices.csv"] {
        std::fs::copy(
            root.join("../../profiles/inps").join(file),
            dir.path().join(file),
        )
        .unwrap();
    }
    copy_dir(&root.join("tests/it/data/ivr"), dir.path());
    dir
}

/// A data directory holding the demo population: made once per build (it takes a while) and
/// copied for each test, so every test writes to its own database.
pub(crate) fn demo_data() -> tempfile::TempDir {
    let shared = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("call-demo-{}", centralino::demo::DEMO_DATA_VERSION));
    if !shared.join("ready").exists() {
        let making = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
        let profile = test_profile();
        let out = run_call(
            profile.path(),
            making.path(),
            &["webcall", "--demo", "--at", DEMO_MADE_AT],
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

fn run_call(profile: &Path, data: &Path, args: &[&str]) -> Output {
    let profile = profile.to_str().unwrap();
    let data = data.to_str().unwrap();
    let mut all = vec!["--profile", profile, "call", "--data-dir", data];
    all.extend_from_slice(args);
    centralino(&all, None)
}

pub(crate) fn events(out: &Output) -> Vec<Value> {
    stdout(out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

pub(crate) fn of_kind<'a>(events: &'a [Value], kind: &str) -> Vec<&'a Value> {
    events.iter().filter(|e| e["event"] == kind).collect()
}

pub(crate) fn prompt_ids(events: &[Value]) -> Vec<String> {
    of_kind(events, "prompt")
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_owned())
        .collect()
}

pub(crate) fn end_reason(events: &[Value]) -> String {
    let last = events.last().expect("some output");
    assert_eq!(last["event"], "end", "{last}");
    last["reason"].as_str().unwrap().to_owned()
}

/// Opens a test's database after the call.
pub(crate) async fn open(data: &Path) -> store::Store {
    store::Store::open(&format!(
        "sqlite://{}",
        data.join("centralino.db").display()
    ))
    .await
    .unwrap()
}

#[test]
fn flow_check_passes_the_test_profile_and_names_file_and_line_of_each_error() {
    let profile = test_profile();
    let dir = profile.path().to_str().unwrap();
    let out = centralino(&["flow", "check", dir], None);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    assert_eq!(stdout(&out), "2 flows OK\n");

    // An unknown operation, a prompt no catalog has, a survey question the profile lacks.
    let broken = MAIN
        .replace(
            "operation = \"domestic-amount-due\"",
            "operation = \"domestic-amount\"",
        )
        .replace(
            "prompt = \"no-relationship\"",
            "prompt = \"no-such-prompt\"",
        )
        .replace("{ id = \"resolved\"", "{ id = \"wait-time\"");
    std::fs::write(profile.path().join("flows/main.toml"), &broken).unwrap();
    let out = centralino(&["--profile", dir, "flow", "check"], None);
    assert!(!out.status.success());
    let text = stdout(&out);
    let line_of = |needle: &str| broken.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let file = format!("{dir}/flows/main.toml");
    for (needle, message) in [
        ("\"domestic-amount\"", "unknown operation `domestic-amount`"),
        ("no-such-prompt", "no-such-prompt"),
        ("wait-time", "survey question `wait-time`"),
    ] {
        let expected = format!("{file}:{}: error: ", line_of(needle));
        assert!(
            text.lines()
                .any(|l| l.starts_with(&expected) && l.contains(message)),
            "no `{expected}… {message}` in:\n{text}"
        );
    }
    assert!(text.trim_end().ends_with("warnings"), "{text}");

    // A flow file that does not parse.
    std::fs::write(
        profile.path().join("flows/main.toml"),
        "id = \"main\"\nstart = 3\n",
    )
    .unwrap();
    let out = centralino(&["flow", "check", dir], None);
    assert!(!out.status.success());
    assert!(
        stdout(&out).starts_with(&format!("{file}:2: error: ")),
        "{}",
        stdout(&out)
    );
}

#[test]
fn an_unknown_number_is_a_defined_outcome() {
    let profile = test_profile();
    let data = tempfile::tempdir().unwrap();
    let out = run_call(profile.path(), data.path(), &["12345", "--json"]);
    assert!(!out.status.success());
    let events = events(&out);
    assert_eq!(events.len(), 2, "{events:?}");
    assert_eq!(events[0]["event"], "error");
    assert!(events[0]["message"].as_str().unwrap().contains("12345"));
    assert_eq!(end_reason(&events), "unknown-number");
    assert!(
        !data.path().join("centralino.db").exists(),
        "no contact for a number nobody answers"
    );
}

#[test]
fn the_cu_number_outside_the_campaign_says_so_and_ends() {
    let profile = test_profile();
    let data = tempfile::tempdir().unwrap();
    let out = run_call(
        profile.path(),
        data.path(),
        &["800434320", "--at", "2026-02-10T10:00", "--json"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let events = events(&out);
    assert_eq!(prompt_ids(&events), ["cu-closed"]);
    assert_eq!(events[0]["language"], "it");
    assert_eq!(events[0]["at"], "2026-02-10T10:00:00.000+01:00");
    assert_eq!(end_reason(&events), "completed");
    assert!(
        stderr(&out).contains("holds no citizens"),
        "an empty database is pointed out: {}",
        stderr(&out)
    );
}

#[test]
fn on_saturday_afternoon_a_caller_asking_for_an_agent_hears_the_hours_and_the_automated_services() {
    let profile = test_profile();
    let data = tempfile::tempdir().unwrap();
    let out = run_call(
        profile.path(),
        data.path(),
        &[
            "803164",
            "--at",
            "2026-04-18T15:00",
            "--say",
            "vorrei parlare con un operatore",
            "--keys",
            "2",
            "--json",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let events = events(&out);
    assert_eq!(
        prompt_ids(&events),
        [
            "welcome",
            "what-do-you-need",
            "agents-closed",
            "offer-automated"
        ]
    );
    assert_eq!(
        of_kind(&events, "say")[0]["text"],
        "vorrei parlare con un operatore"
    );
    assert_eq!(of_kind(&events, "keys")[0]["keys"], "2");
    assert!(of_kind(&events, "enqueue").is_empty());
    assert_eq!(end_reason(&events), "completed");
}

#[tokio::test]
async fn a_german_caller_hears_the_domestic_amount_due_in_german_and_answers_the_survey() {
    let profile = test_profile();
    let data = demo_data();
    // An employer whose keys find only them, and one of their relationships.
    let (employer, relationship) = {
        let store = open(data.path()).await;
        let mut found = None;
        let mut after = 0;
        while found.is_none() {
            let page = store.citizens().list(after, 500).await.unwrap();
            after = page.last().expect("an employer in the demo").id;
            for citizen in page {
                let code = citizen.data.tax_code;
                let keys = domain::keypad::keys_for(code.as_str());
                let rels = services::domestic::relationships_of(&store, &code)
                    .await
                    .unwrap();
                let unique = store.citizens().by_keypad(&keys, 2).await.unwrap().len() == 1;
                let ongoing = rels.iter().find(|r| r.data.end.is_none());
                if let (true, Some(rel)) = (unique, ongoing) {
                    found = Some((code.clone(), rel.data.code.to_string()));
                    break;
                }
            }
        }
        store.close().await;
        found.unwrap()
    };
    let keys = domain::keypad::keys_for(employer.as_str());
    let script = format!("2 1 {keys} {relationship} 5 1");
    let out = run_call(
        profile.path(),
        data.path(),
        &[
            "08001821138",
            "--at",
            "2026-04-15T10:30",
            "--keys",
            &script,
            "--json",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let events = events(&out);
    assert_eq!(of_kind(&events, "language")[0]["language"], "de");
    let invokes: Vec<(&str, &str)> = of_kind(&events, "invoke")
        .iter()
        .map(|e| {
            (
                e["operation"].as_str().unwrap(),
                e["outcome"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(invokes, [("identify", "ok"), ("domestic-amount-due", "ok")]);
    let amount = of_kind(&events, "prompt")
        .into_iter()
        .find(|e| e["id"] == "amount-due")
        .expect("the amount is spoken");
    assert_eq!(amount["language"], "de");
    let text = amount["text"].as_str().unwrap();
    assert!(
        text.starts_with("Für das 2. Quartal 2026 zahlen Sie ")
            && text.contains(" Euro")
            && text.ends_with(" bis zum 10. Juli 2026."),
        "{text}"
    );
    let survey: Vec<(&str, &str)> = of_kind(&events, "survey")
        .iter()
        .map(|e| {
            (
                e["question"].as_str().unwrap(),
                e["answer"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(survey, [("satisfaction", "5"), ("resolved", "1")]);
    assert!(
        of_kind(&events, "survey")
            .iter()
            .all(|e| e["recorded"] == true)
    );
    assert_eq!(end_reason(&events), "completed");

    // Written to the store like a real call's: two answers about the automated services.
    let store = open(data.path()).await;
    let from: jiff::Timestamp = "2026-04-15T08:30:00Z".parse().unwrap();
    let to: jiff::Timestamp = "2026-04-15T09:00:00Z".parse().unwrap();
    let totals = store.surveys().totals(from, to, 2).await.unwrap();
    assert_eq!(totals.len(), 1, "{totals:?}");
    let t = totals[0];
    assert_eq!(t.service_kind, store::surveys::ServiceKind::Automated);
    assert_eq!(
        (t.contacts, t.scores, t.score_sum, t.yes, t.no),
        (1, 1, 5, 1, 0)
    );
    store.close().await;
}

#[tokio::test]
async fn three_wrong_pins_lock_it_and_the_caller_is_told() {
    let profile = test_profile();
    let data = demo_data();
    let store = open(data.path()).await;
    // The first demo citizens have the demo PIN: one whose keys find only them.
    let mut code = None;
    for citizen in store.citizens().list(0, 5).await.unwrap() {
        let keys = domain::keypad::keys_for(citizen.data.tax_code.as_str());
        if store.citizens().by_keypad(&keys, 2).await.unwrap().len() == 1 {
            code = Some(keys);
            break;
        }
    }
    let code = code.expect("a demo citizen with a PIN and unique keys");
    store.close().await;
    let script = format!("{code} 11111111 {code} 22222222 {code} 33333333");
    let out = run_call(
        profile.path(),
        data.path(),
        &[
            "800434320",
            "--at",
            "2026-04-15T10:30",
            "--keys",
            &script,
            "--json",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let events = events(&out);
    let outcomes: Vec<&str> = of_kind(&events, "invoke")
        .iter()
        .map(|e| e["outcome"].as_str().unwrap())
        .collect();
    assert_eq!(outcomes, ["invalid", "invalid", "locked"]);
    let ids = prompt_ids(&events);
    assert_eq!(ids.iter().filter(|i| *i == "not-recognised").count(), 2);
    assert_eq!(ids.last().map(String::as_str), Some("pin-locked"));
    assert_eq!(end_reason(&events), "completed");
}

#[tokio::test]
async fn the_hand_off_to_agents_and_with_after_agent_the_survey_after_it() {
    let profile = test_profile();
    let data = tempfile::tempdir().unwrap();
    let wednesday = ["803164", "--at", "2026-04-15T10:30", "--json"];
    let out = run_call(
        profile.path(),
        data.path(),
        &[&wednesday[..], &["--keys", "9"]].concat(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let first = events(&out);
    let enqueue = of_kind(&first, "enqueue");
    assert_eq!(enqueue.len(), 1);
    assert_eq!(enqueue[0]["group"], "pensions");
    assert_eq!(enqueue[0]["language"], "it");
    assert_eq!(end_reason(&first), "enqueued");

    let out = run_call(
        profile.path(),
        data.path(),
        &[&wednesday[..], &["--keys", "9 2 2", "--after-agent"]].concat(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let events = events(&out);
    assert_eq!(of_kind(&events, "agent-call-ended").len(), 1);
    assert_eq!(of_kind(&events, "survey").len(), 2);
    assert_eq!(end_reason(&events), "completed");

    // Both contacts are recorded as served by an agent and ended; the bad answers (2, "no")
    // opened follow-ups for supervisors.
    let store = open(data.path()).await;
    for id in [1, 2] {
        let contact = store
            .contacts()
            .by_id(domain::ContactId::new(id).unwrap())
            .await
            .unwrap()
            .expect("recorded");
        assert_eq!(contact.contact.entry_number.as_deref(), Some("803164"));
        assert_eq!(
            contact.service_kind,
            Some(store::surveys::ServiceKind::Agent)
        );
        assert!(contact.ended_at.is_some());
    }
    let second = domain::ContactId::new(2).unwrap();
    assert_eq!(store.surveys().answers(second).await.unwrap().len(), 2);
    assert_eq!(
        store.surveys().followups_for(second).await.unwrap().len(),
        2
    );
    store.close().await;
}

#[test]
fn without_json_the_transcript_is_readable() {
    let profile = test_profile();
    let data = tempfile::tempdir().unwrap();
    let out = run_call(
        profile.path(),
        data.path(),
        &["800434320", "--at", "2026-02-10T10:00"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "10:00:00.000  ivr     [it cu-closed] Il servizio della Certificazione Unica è \
         disponibile solo durante la campagna.\n\
         10:00:05.571  end     completed\n"
    );
}

/// espeak-ng is needed; outside CI a missing one skips the test with a note.
fn espeak_available() -> bool {
    let found = std::process::Command::new("espeak-ng")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "espeak-ng (Debian espeak-ng) is needed for the audio tests in CI"
        );
        eprintln!("note: espeak-ng missing; the audio test is skipped");
    }
    found
}

#[test]
fn with_audio_prompts_last_as_long_as_their_speech_and_are_kept_as_wav() {
    if !espeak_available() {
        return;
    }
    let profile = test_profile();
    let data = tempfile::tempdir().unwrap();
    // Keep paplay/aplay out of reach, so the prompts are written out instead of played.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_centralino"))
        .args([
            "--profile",
            profile.path().to_str().unwrap(),
            "call",
            "800434320",
        ])
        .args([
            "--at",
            "2026-02-10T10:00",
            "--audio",
            "--json",
            "--data-dir",
        ])
        .arg(data.path())
        .env("PATH", "/usr/bin:/bin")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let events = events(&out);
    let end = events.last().unwrap()["at"].as_str().unwrap().to_owned();
    assert_ne!(
        end, "2026-02-10T10:00:05.500+01:00",
        "not the text estimate"
    );
    let cached = std::fs::read_dir(data.path().join("prompts-cache/it"))
        .unwrap()
        .count();
    assert_eq!(cached, 1, "the prompt is in the audio cache");
    let err = stderr(&out);
    let where_ = err
        .lines()
        .find_map(|l| l.split("WAV files in ").nth(1))
        .unwrap_or_else(|| panic!("no folder named: {err}"));
    let wavs: Vec<_> = std::fs::read_dir(where_.trim()).unwrap().collect();
    assert_eq!(wavs.len(), 1);
    std::fs::remove_dir_all(where_.trim()).unwrap();
}

#[test]
fn prompts_render_fills_the_audio_cache_once() {
    if !espeak_available() {
        return;
    }
    // A profile with three Italian prompts, one of them with a variable (not rendered).
    let profile = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for file in ["centralino.toml", "offices.csv"] {
        std::fs::copy(
            root.join("../../profiles/inps").join(file),
            profile.path().join(file),
        )
        .unwrap();
    }
    std::fs::create_dir_all(profile.path().join("prompts/it")).unwrap();
    std::fs::write(
        profile.path().join("prompts/it/p.ftl"),
        "hello = Buongiorno.\nbye = Arrivederci.\nnumber = Numero { $n }.\n",
    )
    .unwrap();
    let data = tempfile::tempdir().unwrap();
    let args = [
        "prompts",
        "render",
        profile.path().to_str().unwrap(),
        "--data-dir",
        data.path().to_str().unwrap(),
    ];
    let out = centralino(&args, None);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("2 prompts: 2 synthesized, 0 already cached, in "),
        "{}",
        stdout(&out)
    );
    let out = centralino(&args, None);
    assert!(
        stdout(&out).starts_with("2 prompts: 0 synthesized, 2 already cached, in "),
        "{}",
        stdout(&out)
    );
}
