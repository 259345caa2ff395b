//! Browser tests: the real server and its pages in headless Chromium (Debian `chromium` and
//! `chromium-driver`) over WebDriver (`fantoccini`), each page checked with axe-core.
//!
//! A test for a new page (`Site` starts the demo server and a browser, or returns `None`, so the
//! test is skipped, when Chromium is missing outside CI; in CI a missing Chromium fails):
//!
//! ```ignore
//! #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
//! async fn a_citizen_books_an_appointment() {
//!     let Some(site) = Site::start().await else { return };
//!     site.open("/appuntamenti").await;
//!     site.fill("Sede", "Roma Centro").await; // input or <select>, found by its <label>
//!     site.click("Prenota").await; // link or button, by its text
//!     site.wait_for_text("Appuntamento confermato").await;
//!     site.assert_accessible().await; // axe-core: no serious or critical violation
//!     site.stop().await;
//! }
//! ```
//!
//! Options: `Site::start_with(Options::default().accept_language("ar"))`; WebCall tests add
//! `.fake_media(&wav)`; a second browser on the same server is `site.another_browser(options)`.

mod axe;
mod driver;
mod harness;
mod landing;
mod portal;
mod site;

pub(crate) use axe::{Violation, assert_accessible, violations};
pub(crate) use driver::{Browser, Options};
pub(crate) use site::Site;
