//! The real server in demo mode on a free port, and a headless Chromium pointed at it.
//!
//! The demo database (10,000 citizens and their back-office data) takes seconds to make in a
//! debug build, so it is made once per run and day and copied for each test, as the SIP tests do.

use std::ops::Deref;
use std::path::{Path, PathBuf};

use super::driver::{Browser, Options, Tools, tools};
use crate::serve::{Running, start};

/// A running server with demo data and a browser on it; derefs to the [`Browser`].
pub(crate) struct Site {
    browser: Browser,
    tools: Tools,
    /// The server, for its address and the demo identities (`server.showcase`).
    pub(crate) server: Running,
    /// The data directory (database, generated documents, outbox spool), removed last.
    _data: tempfile::TempDir,
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
            _data: data,
        })
    }

    /// Another browser on the same server (an agent beside a citizen; two WebCall ends).
    pub(crate) async fn another_browser(&self, options: Options) -> Browser {
        Browser::start_with(&self.tools, self.browser.base(), options).await
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

/// A fresh data directory holding a copy of today's demo database.
async fn demo_data() -> tempfile::TempDir {
    let today = jiff::Timestamp::now().strftime("%Y-%m-%d").to_string();
    let shared = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "browser-demo-{}-{today}",
        centralino::demo::DEMO_DATA_VERSION
    ));
    {
        let _making = MAKING.lock().await;
        if !shared.join("ready").exists() {
            let making = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
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
    let dir = tempfile::tempdir().unwrap();
    for name in DATABASE_FILES {
        let from = shared.join(name);
        if from.exists() {
            std::fs::copy(from, dir.path().join(name)).unwrap();
        }
    }
    dir
}
