//! Bytes that cannot be swapped: the head script runs the wasm only if it is
//! byte for byte the one it was built with, and a merchant who pins the head
//! script with the `integrity` the build prints gets a script the browser
//! refuses once it changes.

use e2e::budget::wasm_name;
use e2e::{repo_root, Harness};
use serde_json::json;

/// A page that loads the head script from `script` (and so the wasm from
/// beside it), with `attributes` on its tag, and records what `init` did.
fn page(script: &str, attributes: &str) -> String {
    format!(
        r#"<!doctype html><html><head><script src="{script}" {attributes}
            onerror="window.result = 'the browser refused the script'"></script></head><body><div id="pay"></div><script>
        if (window.GetCrypto) GetCrypto.init("sandbox_demo_key", "pay", {{ project_id: "pr_64e5a94d9c3f4", amount: 11,
            currency: "eur", order_id: "ORD_SRI", language: "en", api_base: location.origin }})
          .then(() => {{ window.result = "mounted"; }}, (e) => {{ window.result = e.message; }});
        </script></body></html>"#
    )
}

/// The API's URLs the page asked for, by the browser's own account.
const API_ASKED: &str =
    "return performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.includes('/v1/'));";

/// Requests the page made to the API, by the browser's own account.
const API_REQUESTS: &str =
    "return performance.getEntriesByType('resource').filter((e) => e.name.includes('/v1/')).length;";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wasm_that_differs_by_one_byte_is_refused_before_any_request() {
    // A phone's width: the message, long URL and all, must fit it.
    let h = Harness::start((390, 844)).await;
    let dist = repo_root().join("dist");
    let name = wasm_name(&dist).unwrap_or_else(|e| panic!("{e}"));
    let script = std::fs::read(dist.join("getcrypto.js")).unwrap();
    let wasm = std::fs::read(dist.join(&name)).unwrap();

    // The same two files, served from another folder: they work there.
    h.serve_file("getcrypto.js", "text/javascript", script.clone());
    h.serve_file(&name, "application/wasm", wasm.clone());
    h.browser.goto(&h.serve_page("sri-real", page("/e2e/getcrypto.js", ""))).await.unwrap();
    assert_eq!(h.wait_for("init", "return window.result;", vec![]).await, json!("mounted"));
    h.wait_in_widget("[data-coin=btc]").await;

    // One byte flipped in the middle of the code, served in its place.
    let mut tampered = wasm;
    let middle = tampered.len() / 2;
    tampered[middle] ^= 0x01;
    h.serve_file(&name, "application/wasm", tampered);
    h.browser.goto(&h.serve_page("sri-tampered", page("/e2e/getcrypto.js?v=2", ""))).await.unwrap();
    let result = h.wait_for("init", "return window.result;", vec![]).await;
    let message = result.as_str().unwrap_or_default();
    assert!(message.starts_with("GetCrypto: the widget could not be loaded"), "{message}");
    assert!(message.contains("integrity check failed"), "the message names the failure: {message}");
    assert!(message.contains(&name), "and the file: {message}");
    let shown = h.js("return document.getElementById('pay').textContent;", vec![]).await;
    assert!(shown.as_str().unwrap_or_default().contains("integrity check failed"), "the element says so: {shown}");
    let address = h.js("const r = document.getElementById('pay').shadowRoot; return !!(r && r.querySelector('.gc-address, .gc-coins'));", vec![]).await;
    assert_eq!(address, json!(false), "no payment view");
    // The head script itself asks for the coins at init, before the wasm
    // has arrived (a pinned script's request, not the refused file's);
    // nothing else reaches the API.
    let asked = h.js(API_ASKED, vec![]).await;
    assert!(
        asked
            .as_array()
            .is_some_and(|a| a.iter().all(|n| n.as_str().unwrap_or_default().contains("/v1/widget?")) && a.len() <= 1),
        "{asked}"
    );
    let overflow =
        h.js("const e = document.getElementById('pay'); return e.scrollWidth - e.clientWidth;", vec![]).await;
    assert_eq!(overflow, json!(0), "the message wraps inside the element");
    h.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_documented_script_tag_runs_with_its_hash_and_is_refused_with_another() {
    let h = Harness::start((800, 900)).await;
    let listed: serde_json::Value =
        serde_json::from_slice(&std::fs::read(repo_root().join("dist/integrity.json")).unwrap()).unwrap();
    let hash = listed["getcrypto.js"].as_str().unwrap().to_owned();
    // As the README shows it: src, integrity and crossorigin.
    let tag = |integrity: &str| format!(r#"integrity="{integrity}" crossorigin="anonymous""#);
    h.browser.goto(&h.serve_page("sri-tag", page("/dist/getcrypto.js", &tag(&hash)))).await.unwrap();
    assert_eq!(h.wait_for("init", "return window.result;", vec![]).await, json!("mounted"));
    h.wait_in_widget("[data-coin=btc]").await;

    let wrong = format!("sha384-{}", "A".repeat(64));
    h.browser.goto(&h.serve_page("sri-wrong", page("/dist/getcrypto.js", &tag(&wrong)))).await.unwrap();
    let result = h.wait_for("the browser's verdict", "return window.result;", vec![]).await;
    assert_eq!(result, json!("the browser refused the script"));
    assert_eq!(h.js("return typeof window.GetCrypto;", vec![]).await, json!("undefined"));
    assert_eq!(h.js(API_REQUESTS, vec![]).await, json!(0));
    h.close().await;
}
