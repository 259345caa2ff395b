//! The server: HTTP endpoints over a real socket, demo data, graceful shutdown of the binary.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use centralino::{App, AppConfig, Profile};

/// A running server and how to stop it.
pub(crate) struct Running {
    pub(crate) addr: std::net::SocketAddr,
    pub(crate) showcase: centralino::demo::Showcase,
    stop: tokio::sync::oneshot::Sender<()>,
    task: tokio::task::JoinHandle<anyhow::Result<()>>,
}

impl Running {
    pub(crate) async fn stop(self) {
        self.stop.send(()).unwrap();
        self.task.await.unwrap().unwrap();
    }
}

pub(crate) async fn start(database_url: String, data_dir: &std::path::Path, demo: bool) -> Running {
    let config = AppConfig {
        profile: Profile::inps().unwrap(),
        http_listen: "127.0.0.1:0".parse().unwrap(),
        database_url,
        data_dir: data_dir.to_owned(),
        demo,
        sip: None,
    };
    let app = App::build(config).await.unwrap();
    let addr = app.http_addr();
    let showcase = app.showcase().clone();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(app.run_until(async move {
        let _ = stopped.await;
    }));
    Running {
        addr,
        showcase,
        stop,
        task,
    }
}

#[tokio::test]
async fn health_metrics_and_landing_page_answer_over_http() {
    let dir = tempfile::tempdir().unwrap();
    let server = start("sqlite::memory:".into(), dir.path(), true).await;
    let (addr, showcase) = (server.addr, server.showcase.clone());
    let client = reqwest::Client::new();

    let health = client
        .get(format!("http://{addr}/healthz"))
        .send()
        .await
        .unwrap();
    assert_eq!(health.status(), 200);
    let body: serde_json::Value = health.json().await.unwrap();
    assert_eq!(body["status"], "ok");

    let landing = client
        .get(format!("http://{addr}/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for text in [
        "803164",
        "06164164",
        "800434320",
        "08001821138",
        "Not built yet",
        "10000 citizens",
    ] {
        assert!(landing.contains(text), "landing page lacks {text}");
    }
    for (_, code) in &showcase.identities {
        assert!(
            !landing.contains(code.as_str()),
            "no personal data on the landing page"
        );
    }

    let missing = client
        .get(format!("http://{addr}/nope"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);

    let metrics = client
        .get(format!("http://{addr}/metrics"))
        .send()
        .await
        .unwrap();
    assert!(
        metrics.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain")
    );
    let metrics = metrics.text().await.unwrap();
    assert!(metrics.contains("centralino_citizens 10000"), "{metrics}");
    assert!(
        metrics.contains("centralino_calendar_open{calendar=\"automated\"} 1"),
        "{metrics}"
    );
    assert!(
        metrics.contains("centralino_http_requests_total{route=\"/healthz\",status=\"200\"} 1"),
        "{metrics}"
    );
    assert!(
        metrics.contains("centralino_http_requests_total{route=\"unmatched\",status=\"404\"} 1"),
        "{metrics}"
    );
    // Every sample line belongs to a declared family.
    for line in metrics.lines().filter(|l| !l.starts_with('#')) {
        let name = line.split(['{', ' ']).next().unwrap();
        assert!(
            metrics.contains(&format!("# TYPE {name} ")),
            "undeclared {name}"
        );
    }

    server.stop().await;
}

#[tokio::test]
async fn demo_data_is_created_once_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("c.db").display());
    let server = start(url.clone(), dir.path(), true).await;
    let first = server.showcase.clone();
    server.stop().await;
    assert!(first.identities.len() >= 5);
    assert!(first.tips.len() >= 5, "{:?}", first.tips);

    let server = start(url.clone(), dir.path(), true).await;
    let second = server.showcase.clone();
    server.stop().await;
    assert_eq!(first, second, "same identities and tips on a second start");

    let store = store::Store::open(&url).await.unwrap();
    assert_eq!(store.citizens().count().await.unwrap(), 10_000);
    let code = domain::TaxCode::parse(&first.identities[0].1).unwrap();
    let citizen = store
        .citizens()
        .by_tax_code(&code)
        .await
        .unwrap()
        .expect("showcased citizen exists");
    assert!(citizen.data.address.is_some());
    store.close().await;
}

#[tokio::test]
async fn demo_refuses_a_database_with_other_citizens() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("c.db").display());
    start(url.clone(), dir.path(), false).await.stop().await;
    let store = store::Store::open(&url).await.unwrap();
    let data = centralino::demo::population(&Profile::inps().unwrap().offices).unwrap();
    store.citizens().insert(&data[0].data).await.unwrap();
    store.close().await;

    let config = AppConfig {
        profile: Profile::inps().unwrap(),
        http_listen: "127.0.0.1:0".parse().unwrap(),
        database_url: url,
        data_dir: dir.path().to_owned(),
        demo: true,
        sip: None,
    };
    let err = App::build(config).await.unwrap_err();
    assert!(
        format!("{err:#}").contains("needs an empty database"),
        "{err:#}"
    );
}

#[test]
fn the_binary_serves_and_stops_cleanly_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_centralino"))
        .args(["serve", "--demo", "--listen", "127.0.0.1:0", "--data-dir"])
        .arg(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().expect("a first line").unwrap();
    let addr = first.rsplit("http://").next().unwrap().to_owned();
    assert!(first.contains("listening on http://127.0.0.1:"), "{first}");
    let rest: Vec<String> = lines.by_ref().take(7).map(Result::unwrap).collect();
    assert_eq!(rest[0], "Demo identities to try (synthetic people):");
    assert!(rest[1..].iter().all(|l| l.starts_with("  ")), "{rest:?}");

    let runtime = tokio::runtime::Runtime::new().unwrap();
    let health = runtime.block_on(async {
        reqwest::get(format!("http://{addr}/healthz"))
            .await
            .unwrap()
            .status()
    });
    assert_eq!(health, 200);

    let kill = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let status = child.wait().unwrap();
    assert!(status.success(), "exit status after SIGTERM: {status}");
    let mut log = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut log).unwrap();
    assert!(log.contains("SIGTERM"), "{log}");
    assert!(dir.path().join("centralino.db").exists());
    // Personal data never reaches the log.
    let shown: Vec<&str> = rest[1..]
        .iter()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    for code in shown {
        assert!(!log.contains(code), "log contains {code}");
    }
}
