//! The payment chunk (docs/split.md), in Chromium, Firefox and WebKit: a
//! chunk that is slow, fails once, fails always or was tampered with is
//! never a dead widget. The payer waits, or reads why and tries again;
//! the invoice is created exactly once, and only once the chunk that shows
//! it is here; a kept invoice shown again fetches the chunk at once and
//! focus still lands on it.

use e2e::budget::chunk_names;
use e2e::{act, check, find, repo_root, wait, Engine, Fault, Harness, PAY};
use serde_json::json;
use std::time::Duration;

/// One engine at a time: three browsers at once on two cores would test
/// the machine, not the widget.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// The shop's page (`Harness::serve_shop`), in English; returns the
/// chunk's name.
async fn shop(h: &Harness, chunk: Option<Vec<u8>>) -> String {
    h.serve_shop("en", chunk)
}

async fn open_shop(h: &Harness) {
    h.browser.goto(&format!("{}/e2e/shop", h.base)).await.unwrap();
}

/// Chooses USDT on ERC20 and presses Pay.
async fn choose_and_pay(h: &Harness) {
    act::click(h, PAY, "[data-coin=usdt]").await;
    act::click(h, PAY, "[data-network=erc20]").await;
    act::click(h, PAY, ".gc-pay").await;
}

/// The invoices the API has made.
fn invoices(h: &Harness) -> Vec<getcrypto_api::Invoice> {
    h.state.store().list(getcrypto_sandbox::clock::now()).into_iter().map(|r| r.invoice).collect()
}

/// Waits for the payment details of the one invoice made, and checks that
/// focus is on its status, where a screen reader should land.
async fn payment_shown(h: &Harness, engine: Engine) {
    check::shows(h, PAY, ".gc-address").await;
    let made = invoices(h);
    assert_eq!(made.len(), 1, "{engine:?}: one invoice, however the chunk came");
    let shown = find::data(h, PAY, ".gc-address", "address").await;
    assert_eq!(shown, json!(made[0].address), "{engine:?}: the invoice's own address");
    check::focus(h, PAY, "focus on the payment's status", ".gc-status-box").await;
}

/// The first fetch fails; the next, half a second later, brings it before
/// the payer could miss it. A failed attempt is two requests: the checked
/// fetch, and the loader's second look that tells why it failed.
async fn fails_once(engine: Engine) {
    let _turn = ONE_AT_A_TIME.lock().await;
    let h = Harness::start_in(engine, (1000, 1000)).await;
    let chunk = shop(&h, None).await;
    h.fault(&chunk, Some(Fault::Fail(1)));
    open_shop(&h).await;
    check::shows(&h, PAY, "[data-coin=usdt]").await;
    let again = format!("{engine:?} to fetch the chunk again");
    wait::until(&again, Duration::from_secs(10), async || h.requests_for(&chunk) >= 3).await;
    choose_and_pay(&h).await;
    payment_shown(&h, engine).await;
    assert_eq!(h.requests_for(&chunk), 3, "{engine:?}: once failed (and looked at), once fetched, and kept");
    h.close().await;
}

/// Pay pressed while the chunk is still on its way: the payer sees the
/// invoice being made, which waits for the chunk that shows it (the
/// chunk also reads the API's answer), then sees the details.
async fn pay_before_it_arrives(engine: Engine) {
    let _turn = ONE_AT_A_TIME.lock().await;
    let h = Harness::start_in(engine, (1000, 1000)).await;
    let chunk = shop(&h, None).await;
    let (gate, held) = tokio::sync::watch::channel(false);
    h.fault(&chunk, Some(Fault::Hold(held)));
    open_shop(&h).await;
    choose_and_pay(&h).await;
    assert_eq!(find::text(&h, PAY, ".gc-pay[aria-busy=true]").await, "Creating the invoice…", "{engine:?}");
    wait::until("the chunk asked for", Duration::from_secs(10), async || h.requests_for(&chunk) >= 1).await;
    assert_eq!(invoices(&h).len(), 0, "{engine:?}: no invoice before the chunk that shows it");
    gate.send(true).expect("the gate is watched");
    payment_shown(&h, engine).await;
    h.close().await;
}

/// Pay pressed and every attempt at the chunk failed: the payer reads that
/// the details could not be loaded, what to do, and what failed (`chunk`
/// and `cause`), and no invoice was made.
async fn told_unavailable(h: &Harness, engine: Engine, chunk: &str, cause: &str) {
    let title = find::text(h, PAY, ".gc-error-title").await;
    assert_eq!(title, "The payment details could not be loaded.", "{engine:?}");
    let message = find::text(h, PAY, ".gc-error-message").await;
    assert!(message.contains("Check your internet connection"), "{engine:?}: says what to do: {message}");
    let detail = find::text(h, PAY, ".gc-error .gc-technical").await;
    assert!(detail.contains(chunk) && detail.contains(cause), "{engine:?}: says what failed: {detail}");
    assert_eq!(invoices(h).len(), 0, "{engine:?}: no invoice the payer could not see");
}

/// Every attempt fails: the payer reads what failed and can try again,
/// and trying again makes the one invoice and shows it.
async fn fails_always(engine: Engine) {
    let _turn = ONE_AT_A_TIME.lock().await;
    let h = Harness::start_in(engine, (1000, 1000)).await;
    let chunk = shop(&h, None).await;
    h.fault(&chunk, Some(Fault::Fail(u32::MAX)));
    open_shop(&h).await;
    choose_and_pay(&h).await;
    told_unavailable(&h, engine, &chunk, "HTTP 503").await;
    assert_eq!(h.requests_for(&chunk), 8, "{engine:?}: the first attempt and three more, each looked at once");
    h.fault(&chunk, None);
    act::click(&h, PAY, ".gc-error button").await;
    payment_shown(&h, engine).await;
    h.close().await;
}

/// The page's timers of 15 s or more (the chunk's deadlines, `www/split.js`)
/// fire after 0.2 s, the rest as asked.
const QUICK_DEADLINES: &str = "const later = window.setTimeout;
  window.setTimeout = function (run, ms, ...args) { return later.call(window, run, ms >= 15000 ? 200 : ms, ...args); };";

/// A download that stalls is given up on at its deadline and asked for
/// again; once every attempt has stalled, the payer reads why and can try
/// again, and no invoice was made meanwhile.
async fn stalls(engine: Engine) {
    let _turn = ONE_AT_A_TIME.lock().await;
    let h = Harness::start_in(engine, (1000, 1000)).await;
    let chunk = h.serve_shop_after("en", None, QUICK_DEADLINES);
    let (gate, held) = tokio::sync::watch::channel(false);
    h.fault(&chunk, Some(Fault::Hold(held)));
    open_shop(&h).await;
    choose_and_pay(&h).await;
    // The fourth attempt's deadline: 15, 30, 60, then 120 s.
    told_unavailable(&h, engine, &chunk, "did not arrive within 120 s").await;
    assert_eq!(h.requests_for(&chunk), 4, "{engine:?}: the first attempt and three more, none looked at again");
    gate.send(true).expect("the gate is watched");
    h.fault(&chunk, None);
    act::click(&h, PAY, ".gc-error button").await;
    payment_shown(&h, engine).await;
    h.close().await;
}

/// A chunk that differs by one byte never runs, and the payer reads why.
async fn tampered(engine: Engine) {
    let _turn = ONE_AT_A_TIME.lock().await;
    let h = Harness::start_in(engine, (1000, 1000)).await;
    let dist = repo_root().join("dist");
    let name = chunk_names(&dist).unwrap()[0].clone();
    let mut bytes = std::fs::read(dist.join(&name)).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x01;
    shop(&h, Some(bytes)).await;
    open_shop(&h).await;
    choose_and_pay(&h).await;
    let detail = find::text(&h, PAY, ".gc-error .gc-technical").await;
    assert!(
        detail.contains("integrity check failed") && detail.contains(&name),
        "{engine:?}: the payer reads why: {detail}"
    );
    assert_eq!(find::count(&h, PAY, ".gc-address").await, 0, "{engine:?}: none of it ran");
    assert_eq!(invoices(&h).len(), 0, "{engine:?}: no invoice the payer could not see");
    h.close().await;
}

/// A shop whose order has its invoice made and shown, so that the next
/// visit shows it again; returns the chunk's name.
async fn with_a_kept_invoice(engine: Engine) -> (Harness, String) {
    let h = Harness::start_in(engine, (1000, 1000)).await;
    let chunk = shop(&h, None).await;
    open_shop(&h).await;
    choose_and_pay(&h).await;
    payment_shown(&h, engine).await;
    (h, chunk)
}

/// The order's invoice, shown again on a later visit: the chunk is asked
/// for at once, and focus waits for the view it brings.
async fn resumed(engine: Engine) {
    let _turn = ONE_AT_A_TIME.lock().await;
    let (h, chunk) = with_a_kept_invoice(engine).await;
    let (gate, held) = tokio::sync::watch::channel(false);
    h.fault(&chunk, Some(Fault::Hold(held)));
    open_shop(&h).await;
    assert_eq!(find::text(&h, PAY, ".gc-preparing-text").await, "Preparing the payment details…", "{engine:?}");
    gate.send(true).expect("the gate is watched");
    payment_shown(&h, engine).await;
    h.close().await;
}

/// The order's invoice, kept, and its chunk failing on the later visit:
/// the coins are not offered (they would invite a second invoice); the
/// payer reads that the invoice is kept and why, and trying again shows it.
async fn resumed_fails(engine: Engine) {
    let _turn = ONE_AT_A_TIME.lock().await;
    let (h, chunk) = with_a_kept_invoice(engine).await;
    h.fault(&chunk, Some(Fault::Fail(u32::MAX)));
    open_shop(&h).await;
    check::holds(
        &h,
        "the payer told the invoice is kept",
        "const host = document.getElementById('pay'), root = host.shadowRoot || host;
         const m = root.querySelector('.gc-error-message');
         return m && m.textContent.includes('no second invoice');",
        vec![],
    )
    .await;
    let detail = find::text(&h, PAY, ".gc-error .gc-technical").await;
    assert!(detail.contains(&chunk), "{engine:?}: says what failed: {detail}");
    assert_eq!(find::count(&h, PAY, "[data-coin]").await, 0, "{engine:?}: no coins for a second invoice");
    let codes = h
        .js("return (window.__events || []).filter((e) => e.name === 'error').map((e) => e.detail.code);", vec![])
        .await;
    assert_eq!(codes.as_array().and_then(|c| c.last()), Some(&json!("payment_chunk")), "{engine:?}: {codes}");
    h.fault(&chunk, None);
    act::click(&h, PAY, ".gc-error button").await;
    payment_shown(&h, engine).await;
    h.close().await;
}

macro_rules! in_every_engine {
    ($($scenario:ident: $chromium:ident, $firefox:ident, $webkit:ident;)*) => {$(
        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn $chromium() {
            $scenario(Engine::Chromium).await;
        }
        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn $firefox() {
            $scenario(Engine::Firefox).await;
        }
        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn $webkit() {
            $scenario(Engine::WebKit).await;
        }
    )*};
}

in_every_engine! {
    fails_once: a_chunk_failing_once_is_fetched_again_in_chromium, a_chunk_failing_once_is_fetched_again_in_firefox,
        a_chunk_failing_once_is_fetched_again_in_webkit;
    pay_before_it_arrives: pay_before_the_chunk_waits_for_it_in_chromium, pay_before_the_chunk_waits_for_it_in_firefox,
        pay_before_the_chunk_waits_for_it_in_webkit;
    fails_always: a_chunk_that_never_loads_is_told_and_tried_again_in_chromium,
        a_chunk_that_never_loads_is_told_and_tried_again_in_firefox,
        a_chunk_that_never_loads_is_told_and_tried_again_in_webkit;
    tampered: a_tampered_chunk_never_runs_in_chromium, a_tampered_chunk_never_runs_in_firefox,
        a_tampered_chunk_never_runs_in_webkit;
    resumed: a_kept_invoice_fetches_the_chunk_at_once_in_chromium, a_kept_invoice_fetches_the_chunk_at_once_in_firefox,
        a_kept_invoice_fetches_the_chunk_at_once_in_webkit;
    resumed_fails: a_kept_invoice_without_its_chunk_is_told_and_tried_again_in_chromium,
        a_kept_invoice_without_its_chunk_is_told_and_tried_again_in_firefox,
        a_kept_invoice_without_its_chunk_is_told_and_tried_again_in_webkit;
    stalls: a_stalled_chunk_is_given_up_on_and_tried_again_in_chromium,
        a_stalled_chunk_is_given_up_on_and_tried_again_in_firefox,
        a_stalled_chunk_is_given_up_on_and_tried_again_in_webkit;
}
