//! The packages installed the way merchants install them: `npm pack`
//! tarballs in small React apps (StrictMode on) built by Vite 8, Vite 7 and
//! webpack 5, and Vite 8's dev server, each seen rendering the coins in
//! headless Chromium, beside the head script in the same app; and a server
//! render importing the package.
//!
//! `scripts/test` prepares the apps (`prepare_bundler_apps` in
//! `xtask/src/apps.rs`) and names their folder in `BUNDLER_APPS`.

use e2e::{act, check, find, serve_dir, wait, Harness};
use serde_json::{json, Value};
use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

fn apps() -> PathBuf {
    PathBuf::from(
        std::env::var("BUNDLER_APPS").expect("BUNDLER_APPS names the built apps: run scripts/test, which builds them"),
    )
}

/// Every `.js` file under `dir`, with its text.
fn js_files(dir: &std::path::Path) -> Vec<(PathBuf, String)> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(js_files(&path));
        } else if path.extension().is_some_and(|e| e == "js") {
            found.push((path.clone(), std::fs::read_to_string(&path).unwrap_or_default()));
        }
    }
    found
}

/// Widgets in the app's page: `.checkout` (the React component),
/// `#bundled` (the bundler package) and `#script-tag` (the head script).
const WIDGETS: [&str; 3] = [".checkout", "#bundled", "#script-tag"];

/// `v1/widget` requests the page made, by the browser's own account.
async fn loads(h: &Harness) -> Vec<String> {
    let v = h
        .js(
            "return performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.includes('/v1/widget'));",
            vec![],
        )
        .await;
    serde_json::from_value(v).unwrap_or_default()
}

/// The app at `origin`: both widgets show the coins, once each; one load
/// per widget that stays; the React props hear the events; a changed
/// amount makes a new widget for it; an invoice is made and announced.
async fn check_app(h: &Harness, name: &str, origin: &str) {
    h.browser.goto(&format!("{origin}/?api={}", h.base)).await.unwrap_or_else(|e| panic!("{name}: {e}"));
    for host in WIDGETS {
        check::shows(h, host, "[data-coin=btc]").await;
        assert_eq!(find::count(h, host, ".gc-widget").await, json!(1), "{name}: one widget in {host}");
    }
    let first = loads(h).await;
    assert_eq!(first.len(), 3, "{name}: one v1/widget request per widget that stays: {first:?}");
    check::holds(h, "onReady", "return window.__events.some((e) => e.name === 'ready');", vec![]).await;

    h.js("document.getElementById('more').click();", vec![]).await;
    check::holds(h,
        "the reload for the new amount",
        "return performance.getEntriesByType('resource').some((e) => e.name.includes('/v1/widget') && e.name.includes('amount=12'));",
        vec![],
    )
    .await;
    check::shows(h, ".checkout", "[data-coin=btc]").await;
    assert_eq!(find::count(h, ".checkout", ".gc-widget").await, json!(1), "{name}: still one widget");
    assert_eq!(loads(h).await.len(), 4, "{name}: one more load, for the new amount");

    // The scheme prop fixes the dark palette on the component's element.
    let background = json!([
        h.js("return document.querySelector('.checkout').dataset.scheme;", vec![]).await,
        find::style(h, ".checkout", ".gc-widget", "backgroundColor").await,
    ]);
    assert_eq!(background, json!(["dark", "rgb(13, 17, 23)"]), "{name}");
    act::click(h, ".checkout", "[data-coin=btc]").await;
    act::click(h, ".checkout", ".gc-pay").await;
    check::shows(h, ".checkout", ".gc-address").await;
    check::holds(
        h,
        "onInvoice",
        "return window.__events.some((e) => e.name === 'invoice' && e.detail.order_id === 'ORD_REACT');",
        vec![],
    )
    .await;
    h.js("localStorage.clear(); sessionStorage.clear();", vec![]).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn built_apps_render_the_checkout() {
    let h = Harness::start((1000, 1200)).await;
    for app in ["vite8", "vite7", "webpack5"] {
        // Each language stays a file of its own: none inlined in the
        // app's script as a `data:` URL, which every payer would download
        // and a CSP's connect-src would refuse.
        let scripts = js_files(&apps().join(app).join("dist"));
        assert!(!scripts.is_empty(), "{app}: no script built");
        for (path, text) in &scripts {
            assert!(!text.contains("data:application/json"), "{app}: a language inlined in {}", path.display());
        }
        let origin = serve_dir(apps().join(app).join("dist")).await;
        check_app(&h, app, &origin).await;
    }
    h.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_vite_dev_server_renders_the_checkout() {
    let h = Harness::start((1000, 1200)).await;
    let dir = apps().join("vite8");
    let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).unwrap();
    let _vite = tokio::process::Command::new(dir.join("node_modules/.bin/vite"))
        .args(["--port", &port.to_string(), "--strictPort", "--host", "127.0.0.1"])
        .current_dir(&dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("vite runs: scripts/test installs it");
    let origin = format!("http://127.0.0.1:{port}");
    let listening = async || tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_ok();
    wait::until("the Vite dev server to start", Duration::from_secs(30), listening).await;
    check_app(&h, "vite8 dev", &origin).await;
    h.close().await;
}

#[tokio::test]
async fn a_server_render_imports_the_package_and_renders() {
    let out = tokio::process::Command::new("node")
        .arg("ssr.mjs")
        .current_dir(apps().join("vite8"))
        .output()
        .await
        .expect("node runs");
    assert!(out.status.success(), "the server render threw: {}", String::from_utf8_lossy(&out.stderr));
    let seen: Value = serde_json::from_slice(&out.stdout).expect("ssr.mjs prints JSON");
    let html = seen["html"].as_str().unwrap_or_default();
    assert!(html.contains(r#"class="checkout""#) && html.contains(r#"id="getcrypto-"#), "{html}");
    assert!(html.contains(r#"data-scheme="dark""#), "the scheme prop reaches the element: {html}");
    assert!(!html.contains("gc-widget"), "nothing of the widget is rendered on the server: {html}");
    assert_eq!(seen["window"], json!("undefined"));
    assert_eq!(
        seen["refusal"],
        json!("GetCrypto.init: call it in the browser (in an effect), not while rendering on a server.")
    );
}
