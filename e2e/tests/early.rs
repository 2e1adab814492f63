//! Coins one step sooner: `v1/widget` leaves at `init`, sent by the loader
//! while the wasm is still downloading, and the widget reads that answer
//! instead of asking again. On a network slowed to a phone's (150 ms a
//! request, 1.6 Mbit/s) the request starts before the wasm's last byte has
//! arrived, and stays the only one: through the head script and the ES
//! module, and the React component sends one.

use e2e::shop::Shop;
use e2e::{act, check, serve_dir, Harness, PAY};
use serde_json::{json, Value};
use std::path::PathBuf;

async fn slow_network(h: &Harness) {
    h.cdp("Network.enable", json!({})).await;
    h.cdp(
        "Network.emulateNetworkConditions",
        json!({ "offline": false, "latency": 150, "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8 }),
    )
    .await;
}

/// `[startTime, responseEnd]` of each request whose URL has `part`.
async fn times(h: &Harness, part: &str) -> Vec<(f64, f64)> {
    let v: Value = h
        .js(
            "return performance.getEntriesByType('resource').filter((e) => e.name.includes(arguments[0]))
               .map((e) => [e.startTime, e.responseEnd]);",
            vec![json!(part)],
        )
        .await;
    v.as_array().unwrap().iter().map(|p| (p[0].as_f64().unwrap(), p[1].as_f64().unwrap())).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_head_script_asks_for_the_coins_while_the_wasm_downloads() {
    let h = Harness::start((1000, 900)).await;
    slow_network(&h).await;
    act::open_shop(&h, "early", &Shop::new("ORD_EARLY")).await;
    check::shows(&h, PAY, "[data-coin=btc]").await;
    let api = times(&h, "/v1/widget").await;
    let wasm = times(&h, "/dist/getcrypto_bg.").await;
    assert_eq!(api.len(), 1, "one v1/widget request: the early one, taken by the widget");
    assert_eq!(wasm.len(), 1);
    assert!(api[0].0 < wasm[0].1, "asked at {:.0} ms, before the wasm's last byte at {:.0} ms", api[0].0, wasm[0].1);
    h.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_es_module_and_the_react_component_ask_early_too() {
    let h = Harness::start((1000, 1200)).await;
    slow_network(&h).await;
    // The ES module alone over its wasm: the Vue app's checkout.
    let apps = PathBuf::from(std::env::var("FRAMEWORK_APPS").expect("FRAMEWORK_APPS: run scripts/test"));
    let origin = serve_dir(apps.join("vue/dist")).await;
    h.browser.goto(&format!("{origin}/?api={}", h.base)).await.unwrap();
    check::shows(&h, "#bundled", "[data-coin=btc]").await;
    let api = times(&h, "order_id=ORD_VUE").await;
    let wasm = times(&h, "/assets/getcrypto_bg").await;
    assert_eq!((api.len(), wasm.len()), (1, 1), "one request and one wasm");
    assert!(api[0].0 < wasm[0].1, "asked at {:.0} ms, the wasm done at {:.0} ms", api[0].0, wasm[0].1);

    // The React component over the same module: one request, its own.
    // (StrictMode's double mount in development is the Vite dev server's
    // test in bundlers.rs: still one request per widget.)
    let apps = PathBuf::from(std::env::var("BUNDLER_APPS").expect("BUNDLER_APPS: run scripts/test"));
    let origin = serve_dir(apps.join("vite8/dist")).await;
    h.browser.goto(&format!("{origin}/?api={}", h.base)).await.unwrap();
    check::shows(&h, ".checkout", "[data-coin=btc]").await;
    assert_eq!(times(&h, "order_id=ORD_REACT").await.len(), 1, "one request for the component");
    h.close().await;
}
