//! The checkout in three engines: Chromium, Firefox ESR, and WebKitGTK (the
//! engine of every browser on an iPhone): coins, network, Pay, the payment
//! details, and the paid view, on the demo page against the sandbox.

use e2e::{act, check, find, Engine, Harness, PAY};
use getcrypto_sandbox::store::ChainEvent;
use serde_json::json;

/// One engine at a time: three browsers at once on two cores would test
/// the machine, not the widget.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

async fn checkout(engine: Engine) {
    let _turn = ONE_AT_A_TIME.lock().await;
    let h = Harness::start_in(engine, (1000, 1100)).await;
    h.browser.goto(&format!("{}/", h.base)).await.unwrap_or_else(|e| panic!("{engine:?}: {e}"));
    act::record_events(&h).await;
    check::shows(&h, PAY, "[data-coin=usdt]").await;
    assert!(find::shown(&h, PAY).await.contains("0.000451"), "{engine:?}: the docs' exact BTC amount");
    act::click(&h, PAY, "[data-coin=usdt]").await;
    act::click(&h, PAY, "[data-network=erc20]").await;
    act::click(&h, PAY, ".gc-pay").await;
    check::shows(&h, PAY, ".gc-address").await;
    let invoice = h.state.store().list(getcrypto_sandbox::clock::now())[0].invoice.clone();
    let shown = find::data(&h, PAY, ".gc-address", "address").await;
    assert_eq!(shown, json!(invoice.address), "{engine:?}: the invoice's address");
    let href = find::attribute(&h, PAY, "a.gc-wallet", "href").await;
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
    let radius = find::style(&h, PAY, ".gc-widget", "borderTopLeftRadius").await;
    assert_eq!(radius, json!("12px"), "{engine:?}: the widget's own styles");
    h.state.apply(&invoice.id, ChainEvent::Pay(invoice.amount_due())).expect("paid in full");
    while h.state.apply(&invoice.id, ChainEvent::Confirm).is_ok_and(|i| i.status != getcrypto_api::Status::Paid) {}
    check::shows(&h, PAY, ".gc-paid").await;
    // The page hears it once: the claim (IndexedDB) answers in this engine.
    let paid = "const ids = window.__events.filter(e => e.name === 'paid').map(e => e.detail.id); return ids.length ? ids : null;";
    check::holds(&h, "getcrypto:paid", paid, vec![]).await;
    check::claims_settled(&h).await;
    assert_eq!(h.js(paid, vec![]).await, json!([invoice.id]), "{engine:?}: paid told once");
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
