//! The payer's whole path on the demo page, in real headless Chromium:
//! USDT on TRC20, payment details, paid through `/sandbox/`, the paid view
//! and the `getcrypto:paid` event.

use e2e::{act, check, find, Harness, PAY};
use getcrypto_api::Status;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_payer_pays_usdt_on_trc20() {
    let h = Harness::start((1000, 1000)).await;
    h.browser.goto(&format!("{}/", h.base)).await.expect("demo page loads");
    act::record_events(&h).await;

    // The docs' example amounts, digit for digit.
    check::shows(&h, PAY, "[data-coin=usdt]").await;
    let text = find::shown(&h, PAY).await;
    for expected in ["Test", "11.944214", "11.941625", "0.000451", "0.007131", "USDT", "USDC", "BTC", "ETH"] {
        assert!(text.contains(expected), "{expected} missing from: {text}");
    }

    act::click(&h, PAY, "[data-coin=usdt]").await;
    act::click(&h, PAY, "[data-network=trc20]").await;
    let notice = find::text(&h, PAY, ".gc-network-notice").await;
    assert!(notice.contains("TRC20") && notice.contains("lost"), "{notice}");
    // A double click on the confirm button creates one invoice.
    act::click_twice(&h, PAY, ".gc-pay").await;

    check::shows(&h, PAY, ".gc-address").await;
    let invoices = h.state.store().list(getcrypto_sandbox::clock::now());
    assert_eq!(invoices.len(), 1, "exactly one invoice is created");
    let invoice = invoices[0].invoice.clone();
    assert_eq!((invoice.cryptocurrency.as_str(), invoice.network.as_str()), ("usdt", "trc20"));
    assert_eq!(invoices[0].custom_fields.as_deref(), Some(r#"{"cart":"demo"}"#));

    let shown_address = find::data(&h, PAY, ".gc-address", "address").await;
    assert_eq!(shown_address, json!(invoice.address));
    assert!(invoice.address.starts_with('T') && invoice.address.len() == 34);
    let amount = find::text(&h, PAY, ".gc-amount").await;
    assert!(amount.starts_with("11.944214") && amount.contains("USDT"), "{amount}");
    let qr = find::data(&h, PAY, ".gc-qr", "uri").await;
    assert_eq!(qr, json!(invoice.address), "TRC20 has no URI scheme: the QR holds the address");

    // The payer pays; the chain confirms; the widget notices on its own.
    act::demo_button(&h, "pay").await;
    check::shows(&h, PAY, ".gc-status.gc-confirming").await;
    assert!(find::text(&h, PAY, ".gc-status").await.contains("0 of 1"));
    act::demo_button(&h, "confirm").await;
    check::shows(&h, PAY, ".gc-paid").await;
    let paid = find::text(&h, PAY, ".gc-paid").await;
    assert!(paid.contains("Payment received") && paid.contains("11.944214"), "{paid}");

    let paid_events = "const told = window.__events.filter(e => e.name === 'paid').map(e => e.detail); return told.length ? told : null;";
    check::holds(&h, "getcrypto:paid", paid_events, vec![]).await;
    check::claims_settled(&h).await;
    let events = h.js(paid_events, vec![]).await;
    assert_eq!(events.as_array().map(Vec::len), Some(1), "{events}");
    assert_eq!(events[0]["id"], json!(invoice.id));
    assert_eq!(events[0]["status"], json!("paid"));
    // `ready` may fire before the recorder is installed; the invoice's events cannot.
    let names = h.js("return window.__events.filter(e => e.name !== 'ready').map(e => e.name + (e.detail.status ? ':' + e.detail.status : ''));", vec![]).await;
    assert_eq!(names, json!(["invoice:pending", "status:pending", "status:confirming", "status:paid", "paid:paid"]),);
    let stored = h.state.store().get(&invoice.id, getcrypto_sandbox::clock::now()).map(|r| r.invoice.status.clone());
    assert_eq!(stored, Some(Status::Paid));
    // A few seconds later the payer is back at the store's success_url.
    assert!(paid.contains("Returning you to the store in"), "{paid}");
    let thanks = format!("{}/e2e/thanks", h.base);
    check::holds(&h, "the move to success_url", "return location.href === arguments[0];", vec![json!(thanks)]).await;
    h.close().await;
}

/// A merchant page that calls `init` in its head, before the element exists
/// and before the wasm has loaded: the call waits for both. A bad call is
/// rejected with the parameter's name.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn init_in_the_head_waits_for_the_element_and_the_wasm() {
    let h = Harness::start((800, 900)).await;
    let page = r#"<!doctype html><html><head><script src="/dist/getcrypto.js"></script><script>
        const p = { project_id: "pr_64e5a94d9c3f4", amount: 11, currency: "eur", order_id: "ORD_9", language: "ru", api_base: location.origin };
        GetCrypto.init("sandbox_demo_key", "pay", p).then(() => { window.earlyResult = "mounted"; }, (e) => { window.earlyResult = "rejected: " + e.message; });
        GetCrypto.init("sandbox_demo_key", "pay2", Object.assign({}, p, { amount: 0 })).then(() => { window.badResult = "mounted"; }, (e) => { window.badResult = e.message; });
        </script></head><body><div id="pay"></div><div id="pay2"></div></body></html>"#;
    let url = h.serve_page("head", page.to_owned());
    h.browser.goto(&url).await.expect("page loads");
    check::shows(&h, PAY, "[data-coin=btc]").await;
    assert!(find::shown(&h, PAY).await.contains("Выберите криптовалюту"));
    let early = check::holds(&h, "init's promise", "return window.earlyResult;", vec![]).await;
    assert_eq!(early, json!("mounted"));
    let bad = check::holds(&h, "the rejection", "return window.badResult;", vec![]).await;
    assert_eq!(bad, json!("GetCrypto.init: amount: The amount field must be greater than 0."));
    let shown = find::shadow_text(&h, "#pay2").await;
    assert!(shown.as_str().unwrap().contains("amount: The amount field must be greater than 0."), "{shown}");
    h.close().await;
}

/// A payer who reloads mid-payment sees the same invoice again, and no new
/// one is made.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reload_mid_payment_resumes_the_same_invoice() {
    let h = Harness::start((1000, 1000)).await;
    h.browser.goto(&format!("{}/", h.base)).await.expect("demo page loads");
    act::click(&h, PAY, "[data-coin=btc]").await;
    act::click(&h, PAY, ".gc-pay").await;
    check::shows(&h, PAY, ".gc-address").await;
    let address = find::data(&h, PAY, ".gc-address", "address").await;
    let countdown = find::text(&h, PAY, ".gc-countdown-value").await;

    h.browser.refresh().await.expect("reload");
    check::shows(&h, PAY, ".gc-address").await;
    let again = find::data(&h, PAY, ".gc-address", "address").await;
    assert_eq!(again, address, "the same address after the reload");
    let later = find::text(&h, PAY, ".gc-countdown-value").await;
    assert!(later <= countdown, "the countdown goes on: {countdown} then {later}");
    assert!(later.starts_with("29:") || later.starts_with("30:"), "{later}");
    assert_eq!(h.state.store().list(getcrypto_sandbox::clock::now()).len(), 1, "no second invoice");
    h.close().await;
}

/// React's StrictMode runs an effect, its cleanup and the effect again, all
/// before the wasm has loaded: the first handle is destroyed as soon as it
/// arrives, after the second `init` replaced its widget. The widget that
/// stays must be the second one, working, and the page sees one widget.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stale_handle_from_the_head_script_leaves_the_newer_widget() {
    let h = Harness::start((800, 900)).await;
    let page = r#"<!doctype html><html><head><script src="/dist/getcrypto.js"></script><script>
        const p = { project_id: "pr_64e5a94d9c3f4", amount: 11, currency: "eur", order_id: "ORD_STRICT", language: "en", api_base: location.origin };
        let cancelled = false;
        GetCrypto.init("sandbox_demo_key", "pay", p).then((w) => { if (cancelled) { w.destroy(); w.destroy(); window.firstDestroyed = true; } });
        cancelled = true;
        GetCrypto.init("sandbox_demo_key", "pay", p).then((w) => { window.second = w; });
        </script></head><body><div id="pay"></div></body></html>"#;
    h.browser.goto(&h.serve_page("strict", page.to_owned())).await.expect("page loads");
    check::holds(
        &h,
        "the stale handle's destroy()",
        "return window.firstDestroyed === true && !!window.second;",
        vec![],
    )
    .await;
    act::click(&h, PAY, "[data-coin=btc]").await;
    act::click(&h, PAY, ".gc-pay").await;
    check::shows(&h, PAY, ".gc-address").await;
    assert_eq!(find::count(&h, PAY, ".gc-widget").await, 1, "one widget");
    // The chain pays: the widget that stayed still follows its invoice.
    let invoice = h.state.store().list(getcrypto_sandbox::clock::now())[0].invoice.clone();
    h.state.apply(&invoice.id, getcrypto_sandbox::store::ChainEvent::Pay(invoice.amount_due())).expect("paid");
    check::shows(&h, PAY, "[data-status=confirming], .gc-paid").await;
    h.js("window.second.destroy();", vec![]).await;
    let left = find::shadow_text(&h, PAY).await;
    assert_eq!(left, json!(""), "the live handle removes its widget");
    h.close().await;
}

/// Which of the two comes first in the payment view: Open in wallet or the
/// QR code, by the page's order.
const WALLET_BEFORE_QR: &str = "const [a, q] = [root.querySelector('a.gc-wallet'), root.querySelector('.gc-qr-box')]; \
    return a && q ? !!(a.compareDocumentPosition(q) & Node.DOCUMENT_POSITION_FOLLOWING) : null;";

/// On a phone, the wallet app is on the same device: Open in wallet is the
/// first thing under the amount, a real link to the exact payment, and the
/// QR code comes after it. On a desktop the QR code comes first.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_phone_open_in_wallet_comes_before_the_qr_code() {
    for phone in [true, false] {
        let h = if phone { Harness::start_phone().await } else { Harness::start((1000, 1000)).await };
        h.browser.goto(&format!("{}/", h.base)).await.expect("demo page loads");
        let coarse = h.js("return matchMedia('(pointer: coarse)').matches;", vec![]).await;
        assert_eq!(coarse, json!(phone), "the emulated device's pointer");
        act::click(&h, PAY, "[data-coin=btc]").await;
        act::click(&h, PAY, ".gc-pay").await;
        check::shows(&h, PAY, "a.gc-wallet").await;
        let invoice = h.state.store().list(getcrypto_sandbox::clock::now())[0].invoice.clone();
        let href = find::attribute(&h, PAY, "a.gc-wallet", "href").await;
        assert_eq!(href, json!(format!("bitcoin:{}?amount={}", invoice.address, invoice.amount)));
        assert_eq!(e2e::dom::in_widget(&h, PAY, WALLET_BEFORE_QR, vec![]).await, json!(phone), "phone: {phone}");
        h.close().await;
    }
}
