//! What a shop's own code builds on, heard as a shop's page hears it: each
//! event means one thing (`paid` is news once per invoice, in any tab,
//! whatever the reloads; a state found again says `resumed`), the return
//! after paid is the shop's choice, and every failure the payer can see is
//! a `getcrypto:error` with a stable code, the same as `init`'s rejection.

use e2e::shop::{named, Shop};
use e2e::{act, check, find, Fault, Harness, PAY};
use serde_json::{json, Value};

fn invoices(h: &Harness) -> Vec<String> {
    h.state.store().list(getcrypto_sandbox::clock::now()).into_iter().map(|r| r.invoice.id).collect()
}

/// Waits until the page has heard `count` events named `name`, and returns
/// every event it heard.
async fn heard(h: &Harness, name: &str, count: usize) -> Value {
    check::holds(
        h,
        &format!("{count} getcrypto:{name}"),
        "return (window.__events || []).filter((e) => e.name === arguments[0]).length >= arguments[1];",
        vec![json!(name), json!(count)],
    )
    .await;
    find::events(h).await
}

/// The invoice's USDT on TRC20, paid in full and confirmed by the sandbox.
async fn pay_in_full(h: &Harness, id: &str) {
    act::sandbox(h, id, "pay").await;
    act::sandbox(h, id, "confirm").await;
}

async fn choose_and_pay(h: &Harness) -> String {
    act::click(h, PAY, "[data-coin=usdt]").await;
    act::click(h, PAY, "[data-network=trc20]").await;
    act::click(h, PAY, ".gc-pay").await;
    check::shows(h, PAY, ".gc-address").await;
    let all = invoices(h);
    assert_eq!(all.len(), 1, "one invoice: {all:?}");
    all[0].clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn paid_is_news_once_per_invoice_whatever_the_reloads_and_tabs() {
    let h = Harness::start((1000, 1000)).await;
    let shop = Shop::new("ORD_TOLD").param("after_paid", "\"stay\"");
    let url = act::open_shop(&h, "told", &shop).await;
    h.js("localStorage.clear(); sessionStorage.clear();", vec![]).await;
    h.browser.refresh().await.unwrap();

    // Made here: nothing is resumed.
    let id = choose_and_pay(&h).await;
    let ev = heard(&h, "status", 1).await;
    assert_eq!(named(&ev, "ready"), [&json!({ "project_name": "Test", "resumed": false })]);
    let made = named(&ev, "invoice");
    assert_eq!(made.len(), 1);
    assert_eq!((&made[0]["id"], &made[0]["resumed"]), (&json!(id), &json!(false)));
    assert_eq!(
        (&named(&ev, "status")[0]["status"], &named(&ev, "status")[0]["resumed"]),
        (&json!("pending"), &json!(false))
    );

    // Reloaded while pending: the same invoice, found again.
    h.browser.goto(&url).await.unwrap();
    let ev = heard(&h, "status", 1).await;
    assert_eq!(named(&ev, "ready"), [&json!({ "project_name": "Test", "resumed": true })]);
    let found = named(&ev, "invoice");
    assert_eq!((&found[0]["id"], &found[0]["resumed"]), (&json!(id), &json!(true)));
    assert_eq!(named(&ev, "status")[0]["resumed"], json!(true));

    // It pays while this resumed widget watches: that is news.
    pay_in_full(&h, &id).await;
    check::shows(&h, PAY, ".gc-paid").await;
    let ev = heard(&h, "paid", 1).await;
    let paid = named(&ev, "paid");
    assert_eq!(paid.len(), 1);
    assert_eq!((&paid[0]["id"], &paid[0]["status"], &paid[0]["resumed"]), (&json!(id), &json!("paid"), &json!(false)));
    let last = *named(&ev, "status").last().unwrap();
    assert_eq!((&last["status"], &last["resumed"]), (&json!("paid"), &json!(false)));
    let order: Vec<&str> = ev.as_array().unwrap().iter().map(|e| e["name"].as_str().unwrap()).collect();
    assert_eq!(order.iter().rev().take(2).collect::<Vec<_>>(), [&"paid", &"status"], "status, then paid: {order:?}");

    // Reloaded after paying, and opened in a second tab: paid is shown,
    // found again, and never told as news.
    for tab in ["reload", "second tab"] {
        if tab == "second tab" {
            let two = h.browser.new_window(true).await.unwrap().handle;
            h.browser.switch_to_window(two).await.unwrap();
        }
        h.browser.goto(&url).await.unwrap();
        check::shows(&h, PAY, ".gc-paid").await;
        heard(&h, "status", 1).await;
        check::claims_settled(&h).await;
        let ev = find::events(&h).await;
        assert!(named(&ev, "paid").is_empty(), "{tab}: no paid event: {ev}");
        let found = named(&ev, "invoice");
        assert_eq!((&found[0]["status"], &found[0]["resumed"]), (&json!("paid"), &json!(true)), "{tab}");
        assert_eq!(named(&ev, "ready")[0]["resumed"], json!(true), "{tab}");
    }
    assert_eq!(invoices(&h).len(), 1, "nothing made again");
    h.js("localStorage.clear();", vec![]).await;
    h.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_tabs_watching_one_invoice_tell_paid_once_between_them() {
    let h = Harness::start((1000, 1000)).await;
    let shop = Shop::new("ORD_TWO_TABS").param("after_paid", "\"stay\"");
    let url = act::open_shop(&h, "two-tabs", &shop).await;
    h.js("localStorage.clear();", vec![]).await;
    h.browser.refresh().await.unwrap();
    let id = choose_and_pay(&h).await;
    let one = h.browser.window().await.unwrap();
    let two = h.browser.new_window(true).await.unwrap().handle;
    h.browser.switch_to_window(two.clone()).await.unwrap();
    h.browser.goto(&url).await.unwrap();
    check::shows(&h, PAY, ".gc-address").await;

    pay_in_full(&h, &id).await;
    let mut told = 0;
    for tab in [two, one] {
        h.browser.switch_to_window(tab).await.unwrap();
        check::shows(&h, PAY, ".gc-paid").await;
        check::holds(
            &h,
            "the paid status heard",
            "return window.__events.some((e) => e.name === 'status' && e.detail.status === 'paid');",
            vec![],
        )
        .await;
        check::claims_settled(&h).await;
        told += named(&find::events(&h).await, "paid").len();
    }
    assert_eq!(told, 1, "paid told once between the two tabs");
    h.js("localStorage.clear();", vec![]).await;
    h.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_return_after_paid_is_the_shops_choice() {
    let h = Harness::start((1000, 1000)).await;
    h.browser.goto(&format!("{}/e2e/cart", h.base)).await.unwrap();
    h.js("localStorage.clear(); sessionStorage.clear();", vec![]).await;

    // The default: the paid event, then the store's success_url by itself.
    let url = act::open_shop(&h, "redirect", &Shop::new("ORD_REDIRECT")).await;
    let id = choose_and_pay(&h).await;
    pay_in_full(&h, &id).await;
    check::shows(&h, PAY, ".gc-returning").await;
    check::holds(&h, "the move to success_url", "return location.pathname === '/e2e/thanks';", vec![]).await;
    let before: Value = serde_json::from_str(
        h.js("return sessionStorage.getItem('__events');", vec![]).await.as_str().expect("events kept"),
    )
    .unwrap();
    assert_eq!(named(&before, "paid").len(), 1, "paid was heard before the page left: {before}");
    // Back on the order page: the paid invoice found again stays put.
    h.browser.goto(&url).await.unwrap();
    check::shows(&h, PAY, ".gc-paid").await;
    heard(&h, "status", 1).await;
    assert_eq!(find::count(&h, PAY, ".gc-returning").await, 0, "no countdown for a paid invoice found again");
    assert_eq!(find::count(&h, PAY, ".gc-paid a.gc-button").await, 1, "the way back is offered");

    // "button": the way back, no countdown.
    act::open_shop(&h, "button", &Shop::new("ORD_BUTTON").param("after_paid", "\"button\"")).await;
    let id = choose_and_pay_again(&h).await;
    pay_in_full(&h, &id).await;
    check::shows(&h, PAY, ".gc-paid").await;
    assert_eq!(find::count(&h, PAY, ".gc-returning").await, 0);
    let href = find::property(&h, PAY, ".gc-paid a.gc-button", "href").await;
    assert_eq!(href, json!(format!("{}/e2e/thanks", h.base)));

    // "stay": the success view alone.
    act::open_shop(&h, "stay", &Shop::new("ORD_STAY").param("after_paid", "\"stay\"")).await;
    let id = choose_and_pay_again(&h).await;
    pay_in_full(&h, &id).await;
    check::shows(&h, PAY, ".gc-paid").await;
    assert_eq!(find::count(&h, PAY, ".gc-returning, .gc-paid a").await, 0);
    assert_eq!(h.js("return location.pathname;", vec![]).await, json!("/e2e/stay"));

    // Anything else is refused by name, and nothing is sent.
    act::open_shop(&h, "bad-return", &Shop::new("ORD_BAD").param("after_paid", "\"leave\"")).await;
    let result = check::holds(&h, "init's verdict", "return window.__result;", vec![]).await;
    assert_eq!(result["code"], json!("params"));
    assert!(result["message"].as_str().unwrap().contains("after_paid"), "{result}");
    h.js("localStorage.clear();", vec![]).await;
    h.close().await;
}

/// The newest invoice of the sandbox after Pay on the current page.
async fn choose_and_pay_again(h: &Harness) -> String {
    let before = invoices(h);
    act::click(h, PAY, "[data-coin=usdt]").await;
    act::click(h, PAY, "[data-network=trc20]").await;
    act::click(h, PAY, ".gc-pay").await;
    check::shows(h, PAY, ".gc-address").await;
    invoices(h).into_iter().find(|i| !before.contains(i)).expect("a new invoice")
}

/// Each failure: the code and words on init's rejection (where init
/// rejects), the same in one `getcrypto:error` on the element.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_failure_the_payer_sees_is_an_error_event_with_a_stable_code() {
    let h = Harness::start((1000, 1000)).await;
    let api_requests = "return performance.getEntriesByType('resource').filter((e) => e.name.includes('/v1/')).length;";

    // A bad parameter.
    act::open_shop(&h, "bad-currency", &Shop::new("ORD_E1").param("currency", "\"gbp\"")).await;
    let result = check::holds(&h, "init's verdict", "return window.__result;", vec![]).await;
    let ev = heard(&h, "error", 1).await;
    let error = named(&ev, "error")[0];
    assert_eq!((&result["code"], &error["code"]), (&json!("params"), &json!("params")));
    assert_eq!(result["message"], error["message"]);
    assert!(error["message"].as_str().unwrap().contains("currency"), "{error}");
    assert_eq!(h.js(api_requests, vec![]).await, json!(0), "a refused init sends nothing");

    // No WebAssembly (Lockdown Mode): told, and nothing sent.
    act::open_shop(&h, "no-wasm", &Shop::new("ORD_E2").before("delete window.WebAssembly;")).await;
    let result = check::holds(&h, "init's verdict", "return window.__result;", vec![]).await;
    assert_eq!(result["code"], json!("unsupported"), "{result}");
    let ev = heard(&h, "error", 1).await;
    assert_eq!(named(&ev, "error")[0]["code"], json!("unsupported"));
    assert!(find::shown(&h, PAY).await.contains("WebAssembly"));
    assert_eq!(h.js(api_requests, vec![]).await, json!(0), "no early request where the widget cannot run");

    // A refused key.
    act::open_shop(&h, "bad-key", &Shop::new("ORD_E3").key("not_a_key")).await;
    let ev = heard(&h, "error", 1).await;
    let error = named(&ev, "error")[0];
    assert_eq!((&error["code"], &error["status"]), (&json!("unauthorized"), &json!(401)), "{error}");
    let message = error["message"].as_str().unwrap().to_owned();
    assert!(find::shown(&h, PAY).await.contains(&message), "the payer reads what the page hears: {message}");

    // A swapped wasm: integrity, before any of it runs.
    let dist = e2e::site_root().join("dist");
    let wasm = e2e::budget::wasm_name(&dist).unwrap();
    let mut bytes = std::fs::read(dist.join(&wasm)).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    h.serve_file("getcrypto.js", "text/javascript", std::fs::read(dist.join("getcrypto.js")).unwrap());
    h.serve_file(&wasm, "application/wasm", bytes);
    act::open_shop(&h, "swapped", &Shop::new("ORD_E4").script("/e2e/getcrypto.js", None)).await;
    let result = check::holds(&h, "init's verdict", "return window.__result;", vec![]).await;
    let ev = heard(&h, "error", 1).await;
    assert_eq!((&result["code"], &named(&ev, "error")[0]["code"]), (&json!("integrity"), &json!("integrity")));
    assert_eq!(result["message"], named(&ev, "error")[0]["message"]);

    // The payment's part never arrives: told once its attempts are over.
    let chunk = h.serve_shop("en", None);
    h.fault(&chunk, Some(Fault::Fail(1000)));
    act::open_shop(&h, "no-chunk", &Shop::new("ORD_E5").script("/e2e/getcrypto.js", None)).await;
    let ev = heard(&h, "error", 1).await;
    let error = named(&ev, "error")[0];
    assert_eq!(error["code"], json!("payment_chunk"), "{error}");
    assert!(error["message"].as_str().unwrap().contains(&chunk), "names the file: {error}");
    h.close().await;
}
