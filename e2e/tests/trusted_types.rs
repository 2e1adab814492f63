//! A merchant whose CSP requires Trusted Types (`require-trusted-types-for
//! 'script'; trusted-types 'none'`, Google's and GitHub's policy): the widget
//! mounts, renders every step of the checkout, is destroyed and mounted
//! again, and shows a load failure, with no string reaching an HTML or
//! script sink: zero violations.

use e2e::{act, check, find, repo_root, Harness, PAY};
use serde_json::json;

/// The page: the documented strict CSP plus Trusted Types, a recorder of
/// every violation, the head script from `script`, and `init` as the docs
/// show it, by nonce.
fn page(script: &str, order: &str) -> String {
    format!(
        r#"<!doctype html><html><head>
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self' 'nonce-shop' 'wasm-unsafe-eval'; connect-src 'self'; style-src 'self'; img-src data:; require-trusted-types-for 'script'; trusted-types 'none'">
        <script nonce="shop">
          window.violations = [];
          document.addEventListener("securitypolicyviolation", (e) =>
            window.violations.push(e.effectiveDirective + " " + e.blockedURI + " " + (e.sample || "")));
          window.errors = [];
          addEventListener("error", (e) => window.errors.push(e.message));
          addEventListener("unhandledrejection", (e) => window.errors.push(String(e.reason && e.reason.message || e.reason)));
        </script>
        <script src="{script}"></script></head><body><div id="pay"></div>
        <script nonce="shop">
        window.mount = () => GetCrypto.init("sandbox_demo_key", "pay", {{ project_id: "pr_64e5a94d9c3f4", amount: 11,
            currency: "eur", order_id: "{order}", language: "en", api_base: location.origin }})
          .then((w) => {{ window.widget = w; window.result = "mounted"; }}, (e) => {{ window.result = e.message; }});
        window.mount();
        </script></body></html>"#
    )
}

async fn clean(h: &Harness) {
    assert_eq!(h.js("return window.violations;", vec![]).await, json!([]), "no Trusted Types or CSP violation");
    assert_eq!(h.js("return window.errors;", vec![]).await, json!([]), "no uncaught error");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_whole_checkout_runs_under_trusted_types() {
    let h = Harness::start((1000, 1100)).await;
    h.browser.goto(&h.serve_page("tt", page("/dist/getcrypto.js", "ORD_TT"))).await.unwrap();
    assert_eq!(check::holds(&h, "init", "return window.result;", vec![]).await, json!("mounted"));
    check::shows(&h, PAY, "[data-coin=usdt]").await;
    act::click(&h, PAY, "[data-coin=usdt]").await;
    act::click(&h, PAY, "[data-network=trc20]").await;
    act::click(&h, PAY, ".gc-pay").await;
    check::shows(&h, PAY, ".gc-address").await;
    act::click(&h, PAY, ".gc-copy-button").await;
    act::sandbox_shown(&h, "pay-part").await;
    check::shows(&h, PAY, ".gc-underpaid").await;
    act::sandbox_shown(&h, "pay").await;
    check::shows(&h, PAY, ".gc-confirming").await;
    act::sandbox_shown(&h, "confirm").await;
    check::shows(&h, PAY, ".gc-paid").await;
    clean(&h).await;

    // Destroyed, then mounted again for another order, which expires.
    h.js("window.widget.destroy(); window.result = null;", vec![]).await;
    assert_eq!(find::shown(&h, PAY).await, "", "destroy() empties the element");
    h.js("localStorage.clear();", vec![]).await;
    h.js("window.mount();", vec![]).await;
    check::holds(&h, "init again", "return window.result;", vec![]).await;
    act::click(&h, PAY, "[data-coin=btc]").await;
    act::click(&h, PAY, ".gc-pay").await;
    check::shows(&h, PAY, ".gc-address").await;
    act::sandbox_shown(&h, "expire").await;
    check::shows(&h, PAY, ".gc-expired").await;
    clean(&h).await;
    h.js("localStorage.clear();", vec![]).await;

    // The loader's own message, when the wasm is missing.
    let script = std::fs::read(repo_root().join("dist/getcrypto.js")).unwrap();
    h.serve_file("tt-getcrypto.js", "text/javascript", script);
    h.browser.goto(&h.serve_page("tt-missing", page("/e2e/tt-getcrypto.js", "ORD_TT2"))).await.unwrap();
    let message = check::holds(&h, "the load failure", "return window.result;", vec![]).await;
    assert!(message.as_str().unwrap_or_default().contains("HTTP 404"), "{message}");
    let shown = h.js("return document.getElementById('pay').textContent;", vec![]).await;
    assert!(shown.as_str().unwrap_or_default().contains("HTTP 404"), "the element says so: {shown}");
    clean(&h).await;
    h.close().await;
}
