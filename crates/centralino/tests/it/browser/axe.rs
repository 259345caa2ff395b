//! axe-core in the page: injects the vendored `data/axe/axe.min.js` (MPL-2.0, licence beside
//! it), runs it on the document, and fails on every serious or critical violation.

use fantoccini::Client;
use serde::Deserialize;
use serde_json::Value;

/// axe-core 4.14.1, unchanged (see `data/axe/README.md`).
const AXE: &str = include_str!("../data/axe/axe.min.js");

/// Runs axe on the document and hands back its violations (or the error it raised).
const RUN: &str = r#"
const done = arguments[arguments.length - 1];
axe.run(document, { resultTypes: ['violations'] })
  .then(result => done({
    violations: result.violations.map(v => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      targets: v.nodes.map(n => n.target
        .map(t => Array.isArray(t) ? t.join(' >>> ') : String(t))
        .join(' '))
    }))
  }))
  .catch(e => done({ error: String((e && e.stack) || e) }));
"#;

/// One rule broken on the page, with the elements that break it.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Violation {
    /// The axe rule (`image-alt`, `color-contrast`, `label`, …).
    pub(crate) id: String,
    /// `minor`, `moderate`, `serious` or `critical`.
    pub(crate) impact: Option<String>,
    pub(crate) help: String,
    #[serde(rename = "helpUrl")]
    pub(crate) help_url: String,
    /// CSS selectors of the offending elements.
    pub(crate) targets: Vec<String>,
}

impl Violation {
    /// Serious or critical: what fails a test.
    pub(crate) fn is_blocking(&self) -> bool {
        matches!(self.impact.as_deref(), Some("serious" | "critical"))
    }
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Outcome {
    Ran { violations: Vec<Violation> },
    Failed { error: String },
}

/// Every axe violation on the page shown now, of any impact.
pub(crate) async fn violations(client: &Client) -> Vec<Violation> {
    let present = client
        .execute("return typeof window.axe === 'object';", vec![])
        .await
        .unwrap();
    if present != Value::Bool(true) {
        client
            .execute(AXE, vec![])
            .await
            .unwrap_or_else(|e| panic!("injecting axe-core: {e}"));
    }
    let outcome = client
        .execute_async(RUN, vec![])
        .await
        .unwrap_or_else(|e| panic!("running axe-core: {e}"));
    match serde_json::from_value(outcome.clone()) {
        Ok(Outcome::Ran { violations }) => violations,
        Ok(Outcome::Failed { error }) => panic!("axe-core failed: {error}"),
        Err(e) => panic!("axe-core answered {outcome}: {e}"),
    }
}

/// Fails listing every serious or critical violation on the page shown now (rule, what it asks,
/// the elements).
pub(crate) async fn assert_accessible(client: &Client) {
    let url = client.current_url().await.unwrap();
    let blocking: Vec<Violation> = violations(client)
        .await
        .into_iter()
        .filter(Violation::is_blocking)
        .collect();
    assert!(blocking.is_empty(), "{}", report(url.as_str(), &blocking));
}

fn report(url: &str, violations: &[Violation]) -> String {
    let mut text = format!(
        "axe-core: {} serious or critical violation(s) on {url}",
        violations.len()
    );
    for v in violations {
        text.push_str(&format!(
            "\n- {} ({}): {} <{}>",
            v.id,
            v.impact.as_deref().unwrap_or("?"),
            v.help,
            v.help_url
        ));
        for target in &v.targets {
            text.push_str(&format!("\n    {target}"));
        }
    }
    text
}
