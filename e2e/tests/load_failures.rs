//! When the wasm cannot be loaded, the merchant and the payer read which
//! URL failed and how (the HTTP status, an HTML fallback page, the page's
//! CSP, CORS, the network), in the rejected `init` and in the element; no
//! rejection is left unhandled, even when `init` is called after the
//! failure; and a later `init` tries again.

use e2e::budget::wasm_name;
use e2e::{check, repo_root, serve_dir, Harness, PAY};
use serde_json::json;
use std::path::PathBuf;

/// A page that loads the head script from `script` under `csp`, records
/// uncaught errors and unhandled rejections from its first line, and calls
/// `init` only when asked (`window.mount()`), so that the failure may come
/// first.
fn page(script: &str, csp: &str) -> String {
    format!(
        r#"<!doctype html><html><head>{csp}<script nonce="shop">
          window.errors = [];
          addEventListener("error", (e) => window.errors.push(e.message));
          addEventListener("unhandledrejection", (e) => window.errors.push(String(e.reason && e.reason.message || e.reason)));
        </script><script src="{script}"></script></head><body><div id="pay"></div><script nonce="shop">
        window.mount = () => GetCrypto.init("sandbox_demo_key", "pay", {{ project_id: "pr_64e5a94d9c3f4", amount: 11,
            currency: "eur", order_id: "ORD_LOAD", language: "en", api_base: location.origin }})
          .then(() => {{ window.result = "mounted"; }}, (e) => {{ window.result = e.message; }});
        </script></body></html>"#
    )
}

fn dist() -> PathBuf {
    repo_root().join("dist")
}

fn wasm() -> String {
    wasm_name(&dist()).unwrap_or_else(|e| panic!("{e}"))
}

/// Waits until the head script's first attempt at `url` is over (its
/// fetches seen by the browser and the page settled), then calls `init` and
/// returns its message.
async fn mount_after_the_failure(h: &Harness, url: &str, fetches: usize) -> String {
    check::holds(h,
        "the wasm's fetches",
        "return performance.getEntriesByType('resource').filter((e) => e.name === arguments[0]).length >= arguments[1];",
        vec![json!(url), json!(fetches)],
    )
    .await;
    h.js("window.mount();", vec![]).await;
    let message = check::holds(h, "init's answer", "return window.result;", vec![]).await;
    let message = message.as_str().unwrap_or_default().to_owned();
    assert!(message.starts_with("GetCrypto: the widget could not be loaded ("), "{message}");
    assert!(message.contains(url), "the message names the URL: {message}");
    let shown = h.js("return document.getElementById('pay').textContent;", vec![]).await;
    assert_eq!(shown, json!(message), "the element shows the same words");
    assert_eq!(h.js("return window.errors;", vec![]).await, json!([]), "nothing uncaught: {message}");
    message
}

/// Calls `init` at once and returns its message, checked as above.
async fn mount_now(h: &Harness, url: &str) -> String {
    h.js("window.mount();", vec![]).await;
    let message = check::holds(h, "init's answer", "return window.result;", vec![]).await;
    let message = message.as_str().unwrap_or_default().to_owned();
    assert!(message.starts_with("GetCrypto: the widget could not be loaded ("), "{message}");
    assert!(message.contains(url), "the message names the URL: {message}");
    assert_eq!(h.js("return window.errors;", vec![]).await, json!([]), "nothing uncaught: {message}");
    message
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_missing_wasm_is_named_with_its_status_and_a_later_init_tries_again() {
    let h = Harness::start((390, 844)).await;
    let script = std::fs::read(dist().join("getcrypto.js")).unwrap();
    h.serve_file("getcrypto.js", "text/javascript", script);
    let url = format!("{}/e2e/{}", h.base, wasm());
    h.browser.goto(&h.serve_page("missing", page("/e2e/getcrypto.js", ""))).await.unwrap();
    let message = mount_after_the_failure(&h, &url, 2).await;
    assert!(message.contains("HTTP 404"), "{message}");
    assert!(message.contains("beside getcrypto.js"), "and the likely cause: {message}");
    let overflow =
        h.js("const e = document.getElementById('pay'); return e.scrollWidth - e.clientWidth;", vec![]).await;
    assert_eq!(overflow, json!(0), "the message wraps on a phone");

    // The file is put in place: the next init loads it.
    h.serve_file(&wasm(), "application/wasm", std::fs::read(dist().join(wasm())).unwrap());
    h.js("window.result = null; window.mount();", vec![]).await;
    assert_eq!(check::holds(&h, "init again", "return window.result;", vec![]).await, json!("mounted"));
    check::shows(&h, PAY, "[data-coin=btc]").await;
    assert_eq!(h.js("return window.errors;", vec![]).await, json!([]));
    h.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_html_fallback_page_a_csp_block_cors_and_a_dead_host_are_each_named() {
    let h = Harness::start((1000, 900)).await;
    let script = std::fs::read(dist().join("getcrypto.js")).unwrap();

    // A server that answers every path with its app's page (an SPA fallback).
    h.serve_file("getcrypto.js", "text/javascript", script.clone());
    h.serve_file(&wasm(), "text/html; charset=utf-8", b"<!doctype html><div id=app></div>".to_vec());
    let url = format!("{}/e2e/{}", h.base, wasm());
    h.browser.goto(&h.serve_page("spa", page("/e2e/getcrypto.js", ""))).await.unwrap();
    let message = mount_after_the_failure(&h, &url, 1).await;
    assert!(message.contains("HTML page"), "{message}");

    // The page's CSP does not let the wasm be fetched.
    let csp = r#"<meta http-equiv="Content-Security-Policy" content="script-src 'self' 'nonce-shop' 'wasm-unsafe-eval'; connect-src https://api.getcrypto.finance">"#;
    let url = format!("{}/dist/{}", h.base, wasm());
    h.browser.goto(&h.serve_page("csp-blocked", page("/dist/getcrypto.js", csp))).await.unwrap();
    h.js("window.mount();", vec![]).await;
    let message = check::holds(&h, "init's answer", "return window.result;", vec![]).await;
    let message = message.as_str().unwrap_or_default();
    assert!(message.contains("Content-Security-Policy") && message.contains("connect-src"), "{message}");
    assert!(message.contains(&url), "{message}");
    assert_eq!(h.js("return window.errors;", vec![]).await, json!([]));

    // The head script on a CDN that sends no Access-Control-Allow-Origin.
    let cdn = serve_dir(dist()).await;
    let url = format!("{cdn}/{}", wasm());
    h.browser.goto(&h.serve_page("no-cors", page(&format!("{cdn}/getcrypto.js"), ""))).await.unwrap();
    let message = mount_now(&h, &url).await;
    assert!(message.contains("CORS") && message.contains("Access-Control-Allow-Origin"), "{message}");

    // The wasm's host does not answer at all.
    let dead = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let url = format!("http://127.0.0.1:{dead}/{}", wasm());
    let pointed = String::from_utf8(script).unwrap().replace(&format!("\"{}\"", wasm()), &format!("\"{url}\""));
    assert!(pointed.contains(&url), "the head script names its wasm as a literal");
    h.serve_file("dead-getcrypto.js", "text/javascript", pointed.into_bytes());
    h.browser.goto(&h.serve_page("dead", page("/e2e/dead-getcrypto.js", ""))).await.unwrap();
    let message = mount_now(&h, &url).await;
    assert!(message.contains("network failed"), "{message}");
    h.close().await;
}
