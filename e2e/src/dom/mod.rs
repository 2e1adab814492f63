//! Fixtures for the page, in the shape of Leptos's end-to-end fixtures:
//! [`find`] reads, [`act`] does what a payer or the chain does, [`check`]
//! waits until the page shows something. Every look inside a widget's
//! shadow root is written here, once.

pub mod act;
pub mod axe;
pub mod check;
pub mod find;

use crate::Harness;
use serde_json::{json, Value};

/// The mount element of the demo page and of every shop page the tests
/// build.
pub const PAY: &str = "#pay";

/// Whether the widget holds a match of `arguments[1]`: false, not an
/// error, while the host or its shadow root is not there yet.
const PRESENT: &str = "return !!(root && root.querySelector(arguments[1]));";

/// `body` as a WebDriver script with `host` bound to the element that
/// `arguments[0]` selects and `root` to its shadow root, each null when
/// there is none.
fn script(body: &str) -> String {
    format!("const host = document.querySelector(arguments[0]); const root = host && host.shadowRoot; {body}")
}

fn arguments(host: &str, args: Vec<Value>) -> Vec<Value> {
    std::iter::once(json!(host)).chain(args).collect()
}

/// Runs `body` (a function body) in the widget on `host`, a selector of the
/// page: `host` and `root` are bound as above, `args` follow as
/// `arguments[1]`, `arguments[2]`…
pub async fn in_widget(h: &Harness, host: &str, body: &str, args: Vec<Value>) -> Value {
    h.js(&script(body), arguments(host, args)).await
}

/// Everything the element `host` shows, as text: its widget's, or before
/// the widget ran (a load failure), the element's own. Never fails, so that
/// a timeout can say what the payer saw.
pub async fn shown(h: &Harness, host: &str) -> String {
    let body = "return root ? root.textContent : host ? host.textContent : '';";
    let v = h.browser.execute(&script(body), arguments(host, vec![])).await.unwrap_or_default();
    v.as_str().unwrap_or_default().to_owned()
}
