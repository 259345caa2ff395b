//! The real server in demo mode on a free port, and a headless Chromium pointed at it.
//!
//! The demo database (10,000 citizens and their back-office data) takes seconds to make in a
//! debug build, so it is made once per test binary and day and copied for each test.

use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::driver::{Browser, Options, Tools, tools};
use crate::serve::{Running, start};

/// A running server with demo data and a browser on it; derefs to the [`Browser`].
pub(crate) struct Site {
    browser: Browser,
    tools: Tools,
    /// The server, for its address and the demo identities (`server.showcase`).
    pub(crate) server: Running,
    /// The data directory (database, generated documents, outbox spool), removed last.
    data: tempfile::TempDir,
}

impl Site {
    /// The server and one browser; `None` when Chromium is missing outside CI.
    pub(crate) async fn start() -> Option<Site> {
        Site::start_with(Options::default()).await
    }

    pub(crate) async fn start_with(options: Options) -> Option<Site> {
        let tools = tools()?;
        let data = demo_data().await;
        let server = start(database_url(data.path()), data.path(), true).await;
        let base = format!("http://{}", server.addr);
        let browser = Browser::start_with(&tools, &base, options).await;
        Some(Site {
            browser,
            tools,
            server,
            data,
        })
    }

    /// Another browser on the same server (an agent beside a citizen; two WebCall ends).
    pub(crate) async fn another_browser(&self, options: Options) -> Browser {
        Browser::start_with(&self.tools, self.browser.base(), options).await
    }

    /// The server's data directory (database, generated documents, the outbox spool in
    /// `outbox/`).
    pub(crate) fn data_dir(&self) -> &Path {
        self.data.path()
    }

    /// Closes the browser, then stops the server (which must stop cleanly).
    pub(crate) async fn stop(self) {
        self.browser.close().await;
        self.server.stop().await;
    }
}

impl Deref for Site {
    type Target = Browser;

    fn deref(&self) -> &Browser {
        &self.browser
    }
}

fn database_url(data: &Path) -> String {
    format!("sqlite://{}", data.join("centralino.db").display())
}

const DATABASE_FILES: [&str; 3] = ["centralino.db", "centralino.db-wal", "centralino.db-shm"];

/// Tests of one process (`cargo test` runs them as threads) wait for one maker.
static MAKING: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Caches older than this are removed when a new one is made (a test binary that runs longer
/// and finds its cache gone makes it again).
const STALE: Duration = Duration::from_secs(15 * 60);

/// A fresh data directory holding a copy of the demo database made today by this very test
/// binary (worktrees sharing a target directory may seed different data or schemas).
async fn demo_data() -> tempfile::TempDir {
    let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let shared = tmp.join(format!(
        "browser-demo-{}-{}-{}",
        centralino::demo::DEMO_DATA_VERSION,
        jiff::Timestamp::now().strftime("%Y-%m-%d"),
        this_build()
    ));
    let mut tries = 0;
    loop {
        tries += 1;
        {
            let _making = MAKING.lock().await;
            if !shared.join("ready").exists() {
                remove_stale(&tmp);
                let making = tempfile::tempdir_in(&tmp).unwrap();
                start(database_url(making.path()), making.path(), true)
                    .await
                    .stop()
                    .await;
                std::fs::write(making.path().join("ready"), "").unwrap();
                // Another process (nextest) may have won the race: then its copy is used.
                let made = making.keep();
                if std::fs::rename(&made, &shared).is_err() {
                    let _ = std::fs::remove_dir_all(made);
                }
            }
        }
        match copy_database(&shared) {
            Ok(dir) => return dir,
            Err(e) if tries < 3 => eprintln!("note: demo cache vanished ({e}); making it again"),
            Err(e) => panic!("copying the demo database from {}: {e}", shared.display()),
        }
    }
}

fn copy_database(shared: &Path) -> std::io::Result<tempfile::TempDir> {
    let dir = tempfile::tempdir()?;
    std::fs::metadata(shared.join("ready"))?;
    for name in DATABASE_FILES {
        let from = shared.join(name);
        if from.exists() {
            std::fs::copy(&from, dir.path().join(name))?;
        }
    }
    Ok(dir)
}

/// Size and modification time of the running test binary.
fn this_build() -> String {
    let exe = std::env::current_exe().unwrap();
    let meta = std::fs::metadata(&exe).unwrap();
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_secs());
    format!("{}-{modified}", meta.len())
}

/// Removes demo caches made more than [`STALE`] ago (by older builds).
fn remove_stale(tmp: &Path) {
    let Ok(entries) = std::fs::read_dir(tmp) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let is_cache = entry
            .file_name()
            .to_str()
            .is_some_and(|name| name.starts_with("browser-demo-"));
        let age = std::fs::metadata(path.join("ready"))
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| SystemTime::now().duration_since(t).ok());
        if is_cache && age.is_some_and(|age| age > STALE) {
            let _ = std::fs::remove_dir_all(path);
        }
    }
}
