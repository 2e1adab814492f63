//! A payer who comes back after the invoice expired, in real tabs: the page
//! opened again shows the expired invoice (its id, what arrived, what to do
//! about a late payment) instead of a fresh choice of coins, and creates
//! nothing; a second tab shows the same; one press there creates exactly
//! one new invoice, which the first tab then follows.

use e2e::shop::Shop;
use e2e::{act, check, find, Harness, PAY};

fn invoices(h: &Harness) -> Vec<String> {
    h.state.store().list(getcrypto_sandbox::clock::now()).into_iter().map(|r| r.invoice.id).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_invoice_is_shown_on_coming_back_in_every_tab_and_renewed_once() {
    let h = Harness::start((1000, 1000)).await;
    let url = act::open_shop(&h, "back", &Shop::new("ORD_BACK")).await;
    act::click(&h, PAY, "[data-coin=usdt]").await;
    act::click(&h, PAY, "[data-network=trc20]").await;
    act::click(&h, PAY, ".gc-pay").await;
    check::shows(&h, PAY, ".gc-address").await;
    let first = invoices(&h);
    assert_eq!(first.len(), 1);
    let id = first[0].clone();
    act::sandbox(&h, &id, "pay-part").await;
    check::shows(&h, PAY, ".gc-underpaid").await;
    act::sandbox(&h, &id, "expire").await;
    check::shows(&h, PAY, ".gc-expired").await;

    // The tab reloaded: the expired invoice, not the coins.
    h.browser.goto(&url).await.unwrap();
    check::shows(&h, PAY, ".gc-expired").await;
    let shown = find::shown(&h, PAY).await;
    assert!(shown.contains(&id), "its id: {shown}");
    assert!(shown.contains("arrived before it expired") && shown.contains("contact the store"), "{shown}");
    assert!(!find::present(&h, PAY, "[data-coin], .gc-address").await);
    assert_eq!(invoices(&h).len(), 1, "coming back creates nothing");

    // A second tab of the same order.
    let one = h.browser.window().await.unwrap();
    let two = h.browser.new_window(true).await.unwrap().handle;
    h.browser.switch_to_window(two).await.unwrap();
    h.browser.goto(&url).await.unwrap();
    check::shows(&h, PAY, ".gc-expired").await;
    assert!(find::shown(&h, PAY).await.contains(&id));
    assert_eq!(invoices(&h).len(), 1);

    // One press there: exactly one new invoice, in the same coin and network.
    act::click(&h, PAY, ".gc-renew").await;
    check::shows(&h, PAY, ".gc-address").await;
    let now = invoices(&h);
    assert_eq!(now.len(), 2, "exactly one new invoice: {now:?}");
    let new = now.into_iter().find(|i| *i != id).unwrap();
    let network = find::text(&h, PAY, ".gc-network-name").await;
    assert!(network.contains("TRC20"), "{network}");

    // The first tab follows the new one.
    h.browser.switch_to_window(one).await.unwrap();
    check::shows(&h, PAY, &format!(".gc-payment[data-invoice=\"{new}\"]")).await;
    assert_eq!(invoices(&h).len(), 2);
    h.js("localStorage.clear();", vec![]).await;
    h.close().await;
}
