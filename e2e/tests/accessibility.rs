//! axe-core, injected into the page, finds no WCAG 2.1 A/AA violation in
//! any view of the widget, and the whole path works from the keyboard.

use e2e::dom::{axe, in_widget};
use e2e::{act, check, find, Harness, PAY};
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_view_has_an_accessibility_violation() {
    let source = axe::source();
    let h = Harness::start((1000, 1200)).await;
    let mut found = Vec::new();
    for (lang, scheme) in [("en", "light"), ("ru", "dark")] {
        h.browser.goto(&format!("{}/?language={lang}&scheme={scheme}", h.base)).await.unwrap();
        h.js("localStorage.clear(); sessionStorage.clear();", vec![]).await;
        h.browser.refresh().await.unwrap();
        let mut check =
            |view: &str, v: Vec<String>| found.extend(v.into_iter().map(|v| format!("{lang}/{scheme}/{view}: {v}")));
        check::shows(&h, PAY, "[data-coin=usdt]").await;
        // axe looks inside the shadow root: a nameless button there is caught.
        in_widget(&h, PAY, "root.querySelector('.gc-widget').append(document.createElement('button'));", vec![]).await;
        let planted = axe::violations(&h, &source).await;
        assert!(planted.iter().any(|v| v.starts_with("button-name")), "axe does not see the shadow root: {planted:?}");
        in_widget(&h, PAY, "root.querySelector('.gc-widget > button:last-child').remove();", vec![]).await;
        check("choices", axe::violations(&h, &source).await);
        act::click(&h, PAY, "[data-coin=usdt]").await;
        act::click(&h, PAY, "[data-network=trc20]").await;
        check("network", axe::violations(&h, &source).await);
        act::click(&h, PAY, ".gc-pay").await;
        check::shows(&h, PAY, ".gc-address").await;
        check("payment", axe::violations(&h, &source).await);
        act::demo_button(&h, "pay-part").await;
        check::shows(&h, PAY, ".gc-underpaid").await;
        check("underpaid", axe::violations(&h, &source).await);
        act::demo_button(&h, "pay").await;
        check::shows(&h, PAY, ".gc-confirming").await;
        check("confirming", axe::violations(&h, &source).await);
        act::demo_button(&h, "confirm").await;
        check::shows(&h, PAY, ".gc-paid").await;
        check("paid", axe::violations(&h, &source).await);
        h.browser.goto(&format!("{}/?language={lang}&scheme={scheme}", h.base)).await.unwrap();
        h.js("localStorage.clear(); sessionStorage.clear(); if (window.widget) window.widget.destroy();
              GetCrypto.init('sandbox_demo_key', 'pay', { project_id: 'pr_64e5a94d9c3f4', amount: 11, currency: 'eur',
                order_id: 'ORD_AXE', language: arguments[0], api_base: location.origin }).then((w) => { window.widget = w; });",
            vec![json!(lang)]).await;
        act::click(&h, PAY, "[data-coin=btc]").await;
        act::click(&h, PAY, ".gc-pay").await;
        check::shows(&h, PAY, ".gc-address").await;
        act::demo_button(&h, "expire").await;
        check::shows(&h, PAY, ".gc-expired").await;
        check("expired", axe::violations(&h, &source).await);
        h.js(
            "window.widget.destroy(); GetCrypto.init('wrong_key', 'pay', { project_id: 'pr_64e5a94d9c3f4', amount: 11,
                currency: 'eur', order_id: 'ORD_AXE2', language: arguments[0], api_base: location.origin });",
            vec![json!(lang)],
        )
        .await;
        check::shows(&h, PAY, ".gc-error").await;
        check("error", axe::violations(&h, &source).await);
    }
    assert!(found.is_empty(), "axe-core found:\n{}", found.join("\n"));
    h.close().await;
}

/// Presses one key, as a keyboard would, on whatever has focus.
async fn press(h: &Harness, key: char) {
    use fantoccini::actions::{InputSource, KeyAction, KeyActions};
    let keys =
        KeyActions::new("keyboard".into()).then(KeyAction::Down { value: key }).then(KeyAction::Up { value: key });
    h.browser.perform_actions(keys).await.expect("keys are pressed");
}

const TAB: char = '\u{E004}';
const ENTER: char = '\u{E007}';

/// What has focus inside the widget, described by its class and data.
async fn focused(h: &Harness) -> String {
    let v = in_widget(
        h,
        PAY,
        "const a = root.activeElement;
         return a ? a.className + ' ' + (a.dataset.coin || a.dataset.network || '') : 'nothing';",
        vec![],
    )
    .await;
    v.as_str().unwrap_or_default().trim().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_whole_path_works_from_the_keyboard_and_focus_follows_it() {
    let h = Harness::start((1000, 1000)).await;
    h.browser.goto(&format!("{}/", h.base)).await.unwrap();
    check::shows(&h, PAY, "[data-coin=usdt]").await;
    assert_eq!(focused(&h).await, "nothing", "loading takes no focus from the page");
    press(&h, TAB).await;
    check::focus(&h, PAY, "the first coin", "[data-coin=usdt]").await;
    press(&h, ENTER).await;
    check::focus(&h, PAY, "the first network", "[data-network=bep20]").await;
    press(&h, TAB).await;
    check::focus(&h, PAY, "the next network", "[data-network=trc20]").await;
    press(&h, ENTER).await;
    check::focus(&h, PAY, "Pay", ".gc-pay").await;
    assert!(find::text(&h, PAY, ".gc-network-notice").await.contains("TRC20"));
    press(&h, ENTER).await;
    check::shows(&h, PAY, ".gc-address").await;
    check::focus(&h, PAY, "the payment's status", ".gc-status-box").await;
    assert_eq!(h.state.store().list(getcrypto_sandbox::clock::now()).len(), 1);
    act::demo_button(&h, "pay").await;
    act::demo_button(&h, "confirm").await;
    check::shows(&h, PAY, ".gc-paid").await;
    check::focus(&h, PAY, "the result", ".gc-result-title").await;
    h.close().await;
}

/// The browser wallets' list and the line after a refusal, in both
/// languages and schemes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_browser_wallets_have_no_accessibility_violation() {
    let source = axe::source();
    let h = Harness::start((1000, 1200)).await;
    let mut found = Vec::new();
    for (lang, scheme) in [("en", "light"), ("ru", "dark")] {
        h.browser.goto(&format!("{}/e2e/cart", h.base)).await.unwrap();
        h.js("localStorage.clear(); sessionStorage.clear();", vec![]).await;
        h.browser.goto(&format!("{}/?language={lang}&scheme={scheme}", h.base)).await.unwrap();
        h.js(
            r#"const icon = "data:image/svg+xml;base64," + btoa('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 2 2"><rect width="2" height="2"/></svg>');
               const provider = { request: async ({ method }) => {
                   if (method === "eth_sendTransaction") { const e = new Error("User rejected the request."); e.code = 4001; throw e; }
                   return method === "eth_requestAccounts" ? ["0x1111111111111111111111111111111111111111"] : null; } };
               window.addEventListener("eip6963:requestProvider", () => {
                   for (const [uuid, name] of [["a", "Wallet One"], ["b", "Wallet Two"]])
                       window.dispatchEvent(new CustomEvent("eip6963:announceProvider",
                           { detail: Object.freeze({ info: { uuid, name, icon, rdns: "example." + uuid }, provider }) }));
               });"#,
            vec![],
        )
        .await;
        act::click(&h, PAY, "[data-coin=eth]").await;
        act::click(&h, PAY, ".gc-pay").await;
        check::shows(&h, PAY, "[data-wallet=b]").await;
        found.extend(axe::violations(&h, &source).await.into_iter().map(|v| format!("{lang}/{scheme}/wallets: {v}")));
        act::click(&h, PAY, "[data-wallet=b]").await;
        check::shows(&h, PAY, ".gc-wallet-line").await;
        found.extend(axe::violations(&h, &source).await.into_iter().map(|v| format!("{lang}/{scheme}/cancelled: {v}")));
    }
    assert!(found.is_empty(), "{found:#?}");
    h.close().await;
}

/// A shop that themes only the light scheme's background: a payer whose
/// system is dark still reads the dark palette, never light text on the
/// shop's white, and axe's contrast check passes in both schemes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_theme_for_one_scheme_never_reaches_the_other() {
    let source = axe::source();
    let h = Harness::start((1000, 1200)).await;
    let mut found = Vec::new();
    for scheme in ["light", "dark"] {
        let shop = e2e::shop::Shop::new(&format!("ORD_THEME_{scheme}"))
            .host(&format!(r#"data-scheme="{scheme}" style="--getcrypto-background: #fff""#));
        act::open_shop(&h, &format!("theme-{scheme}"), &shop).await;
        h.js("localStorage.clear();", vec![]).await;
        act::click(&h, PAY, "[data-coin=usdt]").await;
        act::click(&h, PAY, "[data-network=trc20]").await;
        found.extend(axe::violations(&h, &source).await.into_iter().map(|v| format!("{scheme}: {v}")));
        let colours = json!([
            find::style(&h, PAY, ".gc-widget", "backgroundColor").await,
            find::style(&h, PAY, ".gc-widget", "color").await,
        ]);
        let expected = if scheme == "light" {
            serde_json::json!(["rgb(255, 255, 255)", "rgb(27, 31, 36)"])
        } else {
            serde_json::json!(["rgb(13, 17, 23)", "rgb(230, 237, 243)"])
        };
        assert_eq!(colours, expected, "{scheme}: the shop's light background stays in the light scheme");
    }
    assert!(found.is_empty(), "{found:#?}");
    h.close().await;
}
