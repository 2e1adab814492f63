//! What a payer, a shop or the chain does to the page.

use super::{check, find, in_widget, PAY};
use crate::{shop::Shop, wait, Harness};
use serde_json::json;
use std::time::Duration;

/// Clicks `selector` in the widget on `host`, once it is there.
pub async fn click(h: &Harness, host: &str, selector: &str) {
    check::shows(h, host, selector).await;
    in_widget(h, host, "root.querySelector(arguments[1]).click();", vec![json!(selector)]).await;
}

/// Clicks `selector` twice within one task, as an impatient double click
/// does, before the widget can react to the first.
pub async fn click_twice(h: &Harness, host: &str, selector: &str) {
    check::shows(h, host, selector).await;
    in_widget(h, host, "const b = root.querySelector(arguments[1]); b.click(); b.click();", vec![json!(selector)])
        .await;
}

/// Tells the sandbox to `action` (`pay`, `pay-part`, `confirm`, `expire`)
/// invoice `id`, from the page, as its own controls do.
pub async fn sandbox(h: &Harness, id: &str, action: &str) {
    h.js(
        "return fetch('/sandbox/invoices/' + encodeURIComponent(arguments[0]) + '/' + arguments[1], \
         { method: 'POST' }).then((r) => r.status);",
        vec![json!(id), json!(action)],
    )
    .await;
}

/// Tells the sandbox to `action` the invoice the widget on `#pay` shows.
pub async fn sandbox_shown(h: &Harness, action: &str) {
    let id = find::data(h, PAY, "[data-invoice]", "invoice").await;
    sandbox(h, id.as_str().expect("the widget shows an invoice's id"), action).await;
}

/// Clicks one of the demo page's sandbox buttons (`pay`, `pay-part`,
/// `confirm`, `expire`), and waits until the sandbox has applied it.
pub async fn demo_button(h: &Harness, action: &str) {
    check::holds(
        h,
        "the demo's sandbox buttons",
        "const b = document.querySelector(`#act button[data-action=${arguments[0]}]`); return b && !b.disabled;",
        vec![json!(action)],
    )
    .await;
    let newest = || h.state.store().list(getcrypto_sandbox::clock::now()).first().map(|r| r.invoice.clone());
    let before = newest();
    h.js("document.querySelector(`#act button[data-action=${arguments[0]}]`).click();", vec![json!(action)]).await;
    // The next step reads what the action changed.
    wait::until(&format!("the sandbox to apply {action}"), Duration::from_secs(10), async || newest() != before).await;
}

/// Records every `getcrypto:*` event on the mount element in `window.__events`.
pub async fn record_events(h: &Harness) {
    h.js(
        "window.__events = []; for (const n of ['ready','invoice','status','paid','expired','error']) \
         document.getElementById('pay').addEventListener('getcrypto:' + n, (e) => window.__events.push({name: n, detail: e.detail}));",
        vec![],
    )
    .await;
}

/// Serves `shop` at `/e2e/<name>` and opens it in the current tab.
pub async fn open_shop(h: &Harness, name: &str, shop: &Shop) -> String {
    let url = h.serve_page(name, shop.html());
    h.browser.goto(&url).await.unwrap();
    url
}
