//! A payer who comes back after the invoice expired, in real tabs: the page
//! opened again shows the expired invoice (its id, what arrived, what to do
//! about a late payment) instead of a fresh choice of coins, and creates
//! nothing; a second tab shows the same; one press there creates exactly
//! one new invoice, which the first tab then follows.

use e2e::Harness;
use serde_json::json;

fn page(order: &str) -> String {
    format!(
        r#"<!doctype html><html><head><script src="/dist/getcrypto.js"></script></head><body><div id="pay"></div>
        <script>GetCrypto.init("sandbox_demo_key", "pay", {{ project_id: "pr_64e5a94d9c3f4", amount: 11,
          currency: "eur", order_id: "{order}", language: "en", api_base: location.origin }});</script></body></html>"#
    )
}

fn invoices(h: &Harness) -> Vec<String> {
    h.state.store().list(getcrypto_sandbox::clock::now()).into_iter().map(|r| r.invoice.id).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_invoice_is_shown_on_coming_back_in_every_tab_and_renewed_once() {
    let h = Harness::start((1000, 1000)).await;
    let url = h.serve_page("back", page("ORD_BACK"));
    h.browser.goto(&url).await.unwrap();
    h.click_in_widget("[data-coin=usdt]").await;
    h.click_in_widget("[data-network=trc20]").await;
    h.click_in_widget(".gc-pay").await;
    h.wait_in_widget(".gc-address").await;
    let first = invoices(&h);
    assert_eq!(first.len(), 1);
    let id = first[0].clone();
    h.sandbox(&id, "pay-part").await;
    h.wait_in_widget(".gc-underpaid").await;
    h.sandbox(&id, "expire").await;
    h.wait_in_widget(".gc-expired").await;

    // The tab reloaded: the expired invoice, not the coins.
    h.browser.goto(&url).await.unwrap();
    h.wait_in_widget(".gc-expired").await;
    let shown = h.widget_text().await;
    assert!(shown.contains(&id), "its id: {shown}");
    assert!(shown.contains("arrived before it expired") && shown.contains("contact the store"), "{shown}");
    assert_eq!(
        h.js("return !!document.getElementById('pay').shadowRoot.querySelector('[data-coin], .gc-address');", vec![])
            .await,
        json!(false)
    );
    assert_eq!(invoices(&h).len(), 1, "coming back creates nothing");

    // A second tab of the same order.
    let one = h.browser.window().await.unwrap();
    let two = h.browser.new_window(true).await.unwrap().handle;
    h.browser.switch_to_window(two).await.unwrap();
    h.browser.goto(&url).await.unwrap();
    h.wait_in_widget(".gc-expired").await;
    assert!(h.widget_text().await.contains(&id));
    assert_eq!(invoices(&h).len(), 1);

    // One press there: exactly one new invoice, in the same coin and network.
    h.click_in_widget(".gc-renew").await;
    h.wait_in_widget(".gc-address").await;
    let now = invoices(&h);
    assert_eq!(now.len(), 2, "exactly one new invoice: {now:?}");
    let new = now.into_iter().find(|i| *i != id).unwrap();
    let network = h.text_in_widget(".gc-network-name").await;
    assert!(network.contains("TRC20"), "{network}");

    // The first tab follows the new one.
    h.browser.switch_to_window(one).await.unwrap();
    h.wait_for(
        "the first tab on the new invoice",
        "const r = document.getElementById('pay').shadowRoot; return !!r.querySelector(`.gc-payment[data-invoice=\"${arguments[0]}\"]`);",
        vec![json!(new)],
    )
    .await;
    assert_eq!(invoices(&h).len(), 2);
    h.js("localStorage.clear();", vec![]).await;
    h.close().await;
}
