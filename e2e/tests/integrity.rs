//! Bytes that cannot be swapped: the head script runs the wasm only if it is
//! byte for byte the one it was built with, and a merchant who pins the head
//! script with the `integrity` the build prints gets a script the browser
//! refuses once it changes.

use e2e::budget::wasm_name;
use e2e::shop::Shop;
use e2e::{act, check, find, repo_root, Harness, PAY};
use serde_json::json;

/// A shop that loads the head script from `script` (and so the wasm from
/// beside it), pinned by `integrity` if given, and records whether the
/// browser refused it.
fn shop(script: &str, integrity: Option<&str>) -> Shop {
    Shop::new("ORD_SRI").script(script, integrity).tag(r#"onerror="window.refused = 'the browser refused the script'""#)
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
    act::open_shop(&h, "sri-real", &shop("/e2e/getcrypto.js", None)).await;
    assert_eq!(check::holds(&h, "init", "return window.__result;", vec![]).await, json!({ "mounted": true }));
    check::shows(&h, PAY, "[data-coin=btc]").await;

    // One byte flipped in the middle of the code, served in its place.
    let mut tampered = wasm;
    let middle = tampered.len() / 2;
    tampered[middle] ^= 0x01;
    h.serve_file(&name, "application/wasm", tampered);
    act::open_shop(&h, "sri-tampered", &shop("/e2e/getcrypto.js?v=2", None)).await;
    let result = check::holds(&h, "init", "return window.__result;", vec![]).await;
    let message = result["message"].as_str().unwrap_or_default();
    assert!(message.starts_with("GetCrypto: the widget could not be loaded"), "{message}");
    assert!(message.contains("integrity check failed"), "the message names the failure: {message}");
    assert!(message.contains(&name), "and the file: {message}");
    let shown = h.js("return document.getElementById('pay').textContent;", vec![]).await;
    assert!(shown.as_str().unwrap_or_default().contains("integrity check failed"), "the element says so: {shown}");
    assert!(!find::present(&h, PAY, ".gc-address, .gc-coins").await, "no payment view");
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
    act::open_shop(&h, "sri-tag", &shop("/dist/getcrypto.js", Some(&hash))).await;
    assert_eq!(check::holds(&h, "init", "return window.__result;", vec![]).await, json!({ "mounted": true }));
    check::shows(&h, PAY, "[data-coin=btc]").await;

    let wrong = format!("sha384-{}", "A".repeat(64));
    act::open_shop(&h, "sri-wrong", &shop("/dist/getcrypto.js", Some(&wrong))).await;
    let result = check::holds(&h, "the browser's verdict", "return window.refused;", vec![]).await;
    assert_eq!(result, json!("the browser refused the script"));
    assert_eq!(h.js("return window.__result;", vec![]).await, json!({ "missing": true }), "and init was not called");
    assert_eq!(h.js("return typeof window.GetCrypto;", vec![]).await, json!("undefined"));
    assert_eq!(h.js(API_REQUESTS, vec![]).await, json!(0));
    h.close().await;
}
