//! Whether a `<link rel="preload">` of the wasm would let the browser ask
//! for it beside the head script and hand the head script's fetch that same
//! response (issue #27), measured in Chromium, Firefox and WebKit: what
//! each engine does today, so that the docs' advice (no preload:
//! docs/size.md, "A preload for the wasm") is revisited when one changes.
//! The count is the server's: how many times the wasm was sent.

use e2e::budget::wasm_name;
use e2e::shop::Shop;
use e2e::{check, repo_root, Engine, Harness, PAY};

/// One engine at a time: three browsers at once on two cores would test
/// the machine, not the widget.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Downloads of the wasm: (the widget's page with a preload pinned by the
/// wasm's SHA-384, as the head script's fetch is; a bare `fetch` after a
/// preload, neither pinned).
async fn downloads(engine: Engine) -> (usize, usize) {
    let _turn = ONE_AT_A_TIME.lock().await;
    let dist = repo_root().join("dist");
    let wasm = wasm_name(&dist).unwrap();
    let sri = xtask::digest::sri(&std::fs::read(dist.join(&wasm)).unwrap());

    let h = Harness::start_in(engine, (1000, 900)).await;
    h.serve_shop("en", None);
    let pinned = format!(
        r#"<link rel="preload" href="/e2e/{wasm}" as="fetch" type="application/wasm" integrity="{sri}" crossorigin="anonymous">"#
    );
    let shop = Shop::new("ORD_PRELOAD").param("language", "\"en\"").head(&pinned).script("/e2e/getcrypto.js", None);
    h.browser.goto(&h.serve_page("shop", shop.html())).await.unwrap();
    check::shows(&h, PAY, "[data-coin=usdt]").await;
    let widget = h.requests_for(&wasm);
    h.close().await;

    let h = Harness::start_in(engine, (1000, 900)).await;
    h.serve_shop("en", None);
    let bare = format!(
        r#"<!doctype html><html><head><link rel="preload" href="/e2e/{wasm}" as="fetch" crossorigin="anonymous"></head>
<body><script>window.done = false;
setTimeout(function () {{ fetch("/e2e/{wasm}").then((r) => r.arrayBuffer()).then(() => {{ window.done = true; }}); }}, 300);
</script></body></html>"#
    );
    h.browser.goto(&h.serve_page("bare", bare)).await.unwrap();
    check::holds(&h, "the fetch done", "return window.done || null;", vec![]).await;
    let plain = h.requests_for(&wasm);
    h.close().await;
    (widget, plain)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn chromium_takes_a_pinned_preload() {
    assert_eq!(downloads(Engine::Chromium).await, (1, 1), "Chromium: the preloaded response is the fetch's");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn firefox_downloads_a_pinned_preload_again() {
    assert_eq!(
        downloads(Engine::Firefox).await,
        (2, 1),
        "Firefox took a preload only without integrity: if it now takes the pinned one, revisit docs/size.md"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn webkit_downloads_any_preload_again() {
    assert_eq!(
        downloads(Engine::WebKit).await,
        (2, 2),
        "WebKit fetched every preloaded file again: if it now takes it, revisit docs/size.md"
    );
}
