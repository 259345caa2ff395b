//! The landing page `/` in headless Chromium: it loads, has a title and a language, its links
//! work, and axe-core finds nothing serious on it.

use super::{Options, Site};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_landing_page_loads_in_chromium_and_passes_axe() {
    let Some(site) = Site::start().await else {
        return;
    };
    site.open("/").await;
    assert!(
        site.title().await.starts_with("centralino"),
        "{}",
        site.title().await
    );
    assert_eq!(site.lang().await.as_deref(), Some("it"));
    site.wait_for_text("803164").await;
    site.assert_accessible().await;

    // A second browser on the same server (as an agent beside a citizen) while the first one
    // follows a link.
    let other = site.another_browser(Options::default()).await;
    other.open("/").await;
    site.click("/healthz").await;
    assert_eq!(site.path().await, "/healthz");
    site.wait_for_text("\"ok\"").await;
    assert_eq!(other.path().await, "/");
    other.wait_for_text("803164").await;
    other.close().await;

    site.stop().await;
}
