//! The package in apps made by each framework's own scaffolding, installed
//! from its `npm pack` tarball and following docs/merchants.md: Next.js's
//! App Router (the React component from a Server Component page, and the
//! head script through `next/script`; `next build` with Turbopack, then
//! `next start`, and `next dev`), Angular (`ng build`, served as files),
//! Vue (Vite: build and dev server), SvelteKit and Nuxt (each rendered on
//! the server: adapter-node's and Nitro's servers as deployed, and each dev
//! server). Each page shows the coins, one widget per mount, one
//! `v1/widget` request per widget that stays, events reach the app, no
//! console error or unhandled rejection, no wasm fetched twice, and an
//! invoice is made.
//!
//! `scripts/test` prepares the apps (`prepare_framework_apps` in
//! `xtask/src/apps.rs`) and names their folder in `FRAMEWORK_APPS`, and Node 22
//! in `NODE22`.

use e2e::{act, check, find, serve_dir, wait, Harness};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

fn apps() -> PathBuf {
    PathBuf::from(
        std::env::var("FRAMEWORK_APPS")
            .expect("FRAMEWORK_APPS names the built apps: run scripts/test, which builds them"),
    )
}

fn node() -> String {
    std::env::var("NODE22").unwrap_or_else(|_| "node".into())
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).unwrap()
}

/// An app's server and everything it started, ended when dropped: Next.js
/// runs its server in a child process, which must not outlive the test
/// (a second `next dev` refuses to start beside it).
struct Server(std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = std::process::Command::new("kill").args(["-TERM", "--", &format!("-{}", self.0.id())]).status();
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Runs `node` with `args` and `env` from `dir`, in a process group of its
/// own; returns it and the origin on `port` once that answers.
async fn run_node(dir: &Path, args: &[String], env: &[(&str, String)], port: u16) -> (Server, String) {
    use std::os::unix::process::CommandExt;
    let child = std::process::Command::new(node())
        .args(args)
        .current_dir(dir)
        .env("NEXT_TELEMETRY_DISABLED", "1")
        .env("NUXT_TELEMETRY_DISABLED", "1")
        .envs(env.iter().map(|(k, v)| (*k, v)))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()
        .expect("the app's server runs: scripts/test installs it");
    let server = Server(child);
    let what = format!("{args:?} to start in {}", dir.display());
    wait::until(&what, Duration::from_secs(60), async || {
        tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_ok()
    })
    .await;
    (server, format!("http://127.0.0.1:{port}"))
}

/// Runs the app's own server (`script` under `node_modules`, with `args`
/// and `--port`) from `dir`; returns it and its origin once it answers.
async fn run(dir: &Path, script: &str, args: &[&str]) -> (Server, String) {
    let port = free_port();
    let script = dir.join("node_modules").join(script).to_string_lossy().into_owned();
    let args: Vec<String> = std::iter::once(script)
        .chain(args.iter().map(|a| a.to_string()))
        .chain(["--port".into(), port.to_string()])
        .collect();
    run_node(dir, &args, &[], port).await
}

/// Runs a built app's server, `entry` under `dir`, as it is deployed:
/// `node entry` with `PORT` and `HOST` (adapter-node and Nitro read them).
async fn serve_built(dir: &Path, entry: &str) -> (Server, String) {
    let port = free_port();
    let env = [("PORT", port.to_string()), ("HOST", "127.0.0.1".into())];
    run_node(dir, &[dir.join(entry).to_string_lossy().into_owned()], &env, port).await
}

/// Waits for `url` (plain http) to answer 200 with HTML that holds `part`,
/// and returns the answer: a dev server answers before its first page is
/// ready (Nuxt's with a loading page). The widget's host in the HTML is
/// the proof that the server rendered the page.
async fn rendered(url: &str, part: &str) -> String {
    let url = url::Url::parse(url).expect("an app's URL");
    let address = format!("{}:{}", url.host_str().unwrap_or("127.0.0.1"), url.port().unwrap_or(80));
    let request = format!("GET {} HTTP/1.0\r\nHost: {address}\r\n\r\n", &url[url::Position::BeforePath..]);
    let answer = wait::poll(Duration::from_secs(120), Duration::from_millis(250), async || {
        let (address, request) = (address.clone(), request.clone());
        let answer = tokio::task::spawn_blocking(move || {
            use std::io::{Read, Write};
            let mut stream = std::net::TcpStream::connect(address).map_err(|e| e.to_string())?;
            stream.set_read_timeout(Some(Duration::from_secs(60))).map_err(|e| e.to_string())?;
            stream.write_all(request.as_bytes()).map_err(|e| e.to_string())?;
            let mut answer = Vec::new();
            stream.read_to_end(&mut answer).map_err(|e| e.to_string())?;
            Ok::<_, String>(String::from_utf8_lossy(&answer).into_owned())
        })
        .await
        .expect("the request ran")
        .unwrap_or_else(|e| e);
        if answer.lines().next().is_some_and(|status| status.contains(" 200 ")) && answer.contains(part) {
            Ok(answer)
        } else {
            Err(answer)
        }
    })
    .await;
    answer.unwrap_or_else(|last| panic!("{url} did not answer with {part:?}; last: {last}"))
}

/// Recorded before any script of each page runs: console errors, uncaught
/// errors and unhandled rejections.
const RECORD_ERRORS: &str = r#"
    window.__errors = [];
    const error = console.error.bind(console);
    console.error = (...a) => { window.__errors.push(a.map((x) => x && x.message ? x.message : String(x)).join(" ")); error(...a); };
    addEventListener("error", (e) => window.__errors.push("uncaught: " + e.message));
    addEventListener("unhandledrejection", (e) => window.__errors.push("unhandled rejection: " + (e.reason && e.reason.message || e.reason)));
"#;

async fn start() -> Harness {
    let h = Harness::start((1000, 1200)).await;
    h.cdp("Page.addScriptToEvaluateOnNewDocument", json!({ "source": RECORD_ERRORS })).await;
    h
}

/// Waits for `selector` in the widget on `host`; on a timeout, says what
/// the page holds and what it reported.
async fn wait_in(h: &Harness, host: &str, selector: &str) {
    let found = wait::poll(Duration::from_secs(30), Duration::from_millis(50), async || {
        if find::present(h, host, selector).await {
            Ok(())
        } else {
            Err(())
        }
    })
    .await;
    if found.is_err() {
        let errors = h.js("return [location.href, window.__errors];", vec![]).await;
        let text = find::shown(h, host).await;
        panic!("timed out waiting for {selector} in {host}: {text:?} in {errors} (location, errors)");
    }
}

/// What the browser fetched whose address contains `part`, by its own account.
async fn fetched(h: &Harness, part: &str) -> Vec<String> {
    let v = h
        .js(
            "return performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.includes(arguments[0]));",
            vec![json!(part)],
        )
        .await;
    serde_json::from_value(v).unwrap_or_default()
}

/// The page at `url` with a widget in each of `hosts`: the coins in each,
/// once; one load per widget; `ready` heard by the app; no error; each
/// wasm fetched once; then an invoice made in the first, and heard.
async fn check_page(h: &Harness, name: &str, url: &str, hosts: &[&str]) {
    h.browser.goto(&format!("{url}?api={}", h.base)).await.unwrap_or_else(|e| panic!("{name}: {e}"));
    for host in hosts {
        wait_in(h, host, "[data-coin=btc]").await;
        assert_eq!(find::count(h, host, ".gc-widget").await, json!(1), "{name}: one widget in {host}");
    }
    let loads = fetched(h, "/v1/widget").await;
    assert_eq!(loads.len(), hosts.len(), "{name}: one v1/widget request per widget that stays: {loads:?}");
    check::holds(
        h,
        &format!("{name}: ready heard by the app"),
        "return (window.__events || []).some((e) => e.name === 'ready');",
        vec![],
    )
    .await;

    let host = hosts[0];
    act::click(h, host, "[data-coin=btc]").await;
    wait_in(h, host, ".gc-pay").await;
    act::click(h, host, ".gc-pay").await;
    wait_in(h, host, ".gc-address").await;
    check::holds(
        h,
        &format!("{name}: invoice heard by the app"),
        "return window.__events.some((e) => e.name === 'invoice');",
        vec![],
    )
    .await;

    let mut wasm = fetched(h, ".wasm").await;
    let all = wasm.len();
    wasm.sort();
    wasm.dedup();
    assert_eq!(all, wasm.len(), "{name}: no wasm fetched twice: {wasm:?}");
    assert_eq!(h.js("return window.__errors;", vec![]).await, json!([]), "{name}: no console error");
    h.js("localStorage.clear(); sessionStorage.clear();", vec![]).await;
}

/// One after the other: both servers use the app's `.next/`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn next_app_router_built_with_turbopack_and_on_the_dev_server() {
    let h = start().await;
    let dir = apps().join("next");
    let (server, origin) = run(&dir, "next/dist/bin/next", &["start"]).await;
    check_page(&h, "next start: a Server Component page", &format!("{origin}/"), &[".checkout"]).await;
    // `/script` is docs/merchants.md's `next/script` recipe, taken from the
    // docs by the test command.
    check_page(&h, "next start: next/script", &format!("{origin}/script"), &["#pay"]).await;
    drop(server);
    let (_server, origin) = run(&dir, "next/dist/bin/next", &["dev"]).await;
    // As a developer opens it: `next dev` serves its own scripts only to
    // the host it names (localhost), unless allowedDevOrigins says more.
    let origin = origin.replace("127.0.0.1", "localhost");
    check_page(&h, "next dev: a Server Component page", &format!("{origin}/"), &[".checkout"]).await;
    check_page(&h, "next dev: next/script", &format!("{origin}/script"), &["#pay"]).await;
    h.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn angular_built_by_the_application_builder() {
    let h = start().await;
    let origin = serve_dir(apps().join("angular/dist/shop-angular/browser")).await;
    check_page(&h, "angular", &format!("{origin}/"), &["#bundled", "#script-tag"]).await;
    h.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn vue_built_and_on_the_dev_server() {
    let h = start().await;
    let dir = apps().join("vue");
    let origin = serve_dir(dir.join("dist")).await;
    // `#pay` is docs/merchants.md's Vue recipe, taken from the docs.
    check_page(&h, "vue build", &format!("{origin}/"), &["#bundled", "#script-tag", "#pay"]).await;
    assert_eq!(h.js("return document.getElementById('left');", vec![]).await, Value::Null);
    let (_server, dev) = run(&dir, "vite/bin/vite.js", &["--strictPort", "--host", "127.0.0.1"]).await;
    check_page(&h, "vue dev", &format!("{dev}/"), &["#bundled", "#script-tag", "#pay"]).await;
    assert_eq!(h.js("return document.getElementById('left');", vec![]).await, Value::Null);
    h.close().await;
}

/// SvelteKit's server render: the page holds the widget's hosts before any
/// script runs, then hydrates; the same on the dev server.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sveltekit_rendered_by_adapter_node_and_on_the_dev_server() {
    let h = start().await;
    let dir = apps().join("sveltekit");
    let (server, origin) = serve_built(&dir, "build/index.js").await;
    rendered(&format!("{origin}/"), r#"<div id="bundled" class="checkout"></div>"#).await;
    check_page(&h, "sveltekit build (adapter-node)", &format!("{origin}/"), &["#bundled", "#script-tag"]).await;
    assert_eq!(h.js("return document.getElementById('left');", vec![]).await, Value::Null);
    drop(server);
    let (_server, dev) = run(&dir, "vite/bin/vite.js", &["dev", "--strictPort", "--host", "127.0.0.1"]).await;
    rendered(&format!("{dev}/"), r#"<div id="bundled" class="checkout"></div>"#).await;
    check_page(&h, "sveltekit dev", &format!("{dev}/"), &["#bundled", "#script-tag"]).await;
    assert_eq!(h.js("return document.getElementById('left');", vec![]).await, Value::Null);
    h.close().await;
}

/// Nuxt's server render (Nitro's node server, as `nuxt build` leaves it in
/// `.output/`), then `nuxt dev`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nuxt_rendered_by_nitro_and_on_the_dev_server() {
    let h = start().await;
    let dir = apps().join("nuxt");
    let (server, origin) = serve_built(&dir, ".output/server/index.mjs").await;
    rendered(&format!("{origin}/"), r#"<div id="bundled" class="checkout"></div>"#).await;
    check_page(&h, "nuxt build (nitro)", &format!("{origin}/"), &["#bundled", "#script-tag"]).await;
    assert_eq!(h.js("return document.getElementById('left');", vec![]).await, Value::Null);
    drop(server);
    let (_server, dev) = run(&dir, "nuxt/bin/nuxt.mjs", &["dev", "--host", "127.0.0.1"]).await;
    rendered(&format!("{dev}/"), r#"<div id="bundled" class="checkout"></div>"#).await;
    check_page(&h, "nuxt dev", &format!("{dev}/"), &["#bundled", "#script-tag"]).await;
    assert_eq!(h.js("return document.getElementById('left');", vec![]).await, Value::Null);
    h.close().await;
}
