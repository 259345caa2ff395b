//! The landing page `/` in headless Chromium: it loads, has a title and the language it is
//! written in (English, its Italian names marked), its links work (the citizen portal and its
//! contact page among them), and axe-core finds nothing serious on it.

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
    assert_eq!(site.lang().await.as_deref(), Some("en"));
    site.wait_for_text("803164").await;
    let italian = site
        .client()
        .execute(
            "return [...document.querySelectorAll('[lang=it]')].map(e => e.textContent);",
            vec![],
        )
        .await
        .unwrap();
    let italian: Vec<String> = serde_json::from_value(italian).unwrap();
    assert!(
        italian.iter().any(|t| t.contains("Previdenza Sociale"))
            && italian.iter().any(|t| t.contains("Contact Center")),
        "the institute's name and the numbers' names are marked Italian: {italian:?}"
    );
    site.assert_accessible().await;

    // The citizen portal is built: the landing page links to it and to its contact page.
    site.click("/portal").await;
    assert_eq!(site.path().await, "/portal");
    site.by_id("login-link").await;
    site.open("/").await;
    site.click("contact page").await;
    assert_eq!(site.path().await, "/portal/contact");
    site.by_id("guide-download").await;
    site.open("/").await;

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
