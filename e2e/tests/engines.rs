//! The checkout in three engines: Chromium, Firefox ESR, and WebKitGTK (the
//! engine of every browser on an iPhone): coins, network, Pay, the payment
//! details, and the paid view, on the demo page against the sandbox.

use e2e::{Engine, Harness};
use getcrypto_sandbox::store::ChainEvent;
use serde_json::json;

/// One engine at a time: three browsers at once on two cores would test
/// the machine, not the widget.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

async fn checkout(engine: Engine) {
    let _turn = ONE_AT_A_TIME.lock().await;
    let h = Harness::start_in(engine, (1000, 1100)).await;
    h.browser.goto(&format!("{}/", h.base)).await.unwrap_or_else(|e| panic!("{engine:?}: {e}"));
    h.wait_in_widget("[data-coin=usdt]").await;
    assert!(h.widget_text().await.contains("0.000451"), "{engine:?}: the docs' exact BTC amount");
    h.click_in_widget("[data-coin=usdt]").await;
    h.click_in_widget("[data-network=erc20]").await;
    h.click_in_widget(".gc-pay").await;
    h.wait_in_widget(".gc-address").await;
    let invoice = h.state.store().list(getcrypto_sandbox::clock::now())[0].invoice.clone();
    let shown = h
        .js("return document.getElementById('pay').shadowRoot.querySelector('.gc-address').dataset.address;", vec![])
        .await;
    assert_eq!(shown, json!(invoice.address), "{engine:?}: the invoice's address");
    let href = h
        .js(
            "return document.getElementById('pay').shadowRoot.querySelector('a.gc-wallet').getAttribute('href');",
            vec![],
        )
        .await;
    assert_eq!(
        href,
        json!(format!(
            "ethereum:0xdAC17F958D2ee523a2206206994597C13D831ec7/transfer?address={}&uint256=11944214",
            invoice.address
        )),
        "{engine:?}: Open in wallet"
    );
    // The stylesheet applies, whether shared (constructed) or carried as a
    // <style> where the engine cannot share one.
    let radius = h
        .js("return getComputedStyle(document.getElementById('pay').shadowRoot.querySelector('.gc-widget')).borderTopLeftRadius;", vec![])
        .await;
    assert_eq!(radius, json!("12px"), "{engine:?}: the widget's own styles");
    h.state.apply(&invoice.id, ChainEvent::Pay(invoice.amount_due())).expect("paid in full");
    while h.state.apply(&invoice.id, ChainEvent::Confirm).is_ok_and(|i| i.status != getcrypto_api::Status::Paid) {}
    h.wait_in_widget(".gc-paid").await;
    h.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_checkout_runs_in_chromium() {
    checkout(Engine::Chromium).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_checkout_runs_in_firefox() {
    checkout(Engine::Firefox).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_checkout_runs_in_webkit() {
    checkout(Engine::WebKit).await;
}
