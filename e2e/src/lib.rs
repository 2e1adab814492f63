//! A harness for driving the demo page in headless Chromium: the sandbox
//! in-process on a free loopback port, ChromeDriver on another, and helpers
//! that read and click inside the widget's shadow root.

pub mod budget;
pub mod shop;

use axum::extract::Path as UrlPath;
use axum::response::IntoResponse;
use fantoccini::{Client, ClientBuilder};
use getcrypto_sandbox::config::Config;
use getcrypto_sandbox::{app, AppState};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::net::TcpListener as StdListener;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::process::{Child, Command};

/// Waits, up to 10 s, until `ready` holds: for what the test sees on the
/// server's side (the sandbox's store, the requests a file had); `what`
/// names it when it never does.
pub async fn until(what: &str, mut ready: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !ready() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// The checkout's root: `index.html` and `dist/` live there.
/// Serves the files of `dir` on a free loopback port, as a plain static
/// host would (no CORS headers); returns its origin.
pub async fn serve_dir(dir: PathBuf) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind loopback");
    let origin = format!("http://{}", listener.local_addr().expect("bound"));
    let router = axum::Router::new().fallback_service(tower_http::services::ServeDir::new(dir));
    tokio::spawn(async move { axum::serve(listener, router).await });
    origin
}

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("e2e/ has a parent").to_path_buf()
}

/// What the sandbox serves: `index.html` and `dist/`. The checkout's root,
/// unless `GETCRYPTO_SITE` names another folder of the same shape, as
/// `scripts/test` does for the widget built on plain stable flags.
pub fn site_root() -> PathBuf {
    std::env::var_os("GETCRYPTO_SITE").map_or_else(repo_root, PathBuf::from)
}

/// The sandbox, ChromeDriver and a browser session, torn down on drop.
pub struct Harness {
    pub browser: Client,
    pub base: String,
    pub state: AppState,
    pages: Pages,
    driver: Child,
}

/// Extra files a test serves from the sandbox's origin, by name: their
/// content type and bytes, how each answers, and how often each was asked.
type Pages = Arc<Mutex<Served>>;

#[derive(Default)]
struct Served {
    files: HashMap<String, (&'static str, Vec<u8>)>,
    faults: HashMap<String, Fault>,
    requests: HashMap<String, usize>,
}

/// How a served file answers instead of at once (`Harness::fault`).
#[derive(Clone)]
pub enum Fault {
    /// The next this many requests fail with 503.
    Fail(u32),
    /// Every request waits until the test opens the gate
    /// (`watch::Sender::send(true)`), as on a slow connection.
    Hold(tokio::sync::watch::Receiver<bool>),
}

/// A browser engine the checkout is driven in, each through its own
/// WebDriver server, all installed by `scripts/test`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    /// Debian's Chromium through ChromeDriver.
    Chromium,
    /// Debian's Firefox ESR through geckodriver.
    Firefox,
    /// WebKitGTK's MiniBrowser through WebKitWebDriver, under Xvfb: the
    /// engine of every browser on an iPhone.
    WebKit,
}

type Session = (Child, String, serde_json::Map<String, Value>);

fn spawn_driver(program: &str, args: &[String], what: &str) -> Child {
    Command::new(program)
        .args(args)
        // Its own process group, so that closing ends what it started too
        // (xvfb-run's Xvfb, the browser).
        .process_group(0)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap_or_else(|e| panic!("{what} runs ({e}): scripts/test installs it"))
}

fn chromium(window: (u32, u32), flags: &[&str], mobile: Option<Value>) -> Session {
    let port = free_port();
    let driver = spawn_driver(
        &std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into()),
        &[format!("--port={port}")],
        "chromedriver",
    );
    let mut args: Vec<String> = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
    ]
    .iter()
    .chain(flags)
    .map(|s| s.to_string())
    .collect();
    args.push(format!("--window-size={},{}", window.0, window.1));
    let mut options = json!({
        "binary": std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()),
        "args": args,
    });
    if let Some(emulation) = mobile {
        options["mobileEmulation"] = emulation;
    }
    let mut caps = serde_json::Map::new();
    caps.insert("goog:chromeOptions".into(), options);
    (driver, format!("http://127.0.0.1:{port}"), caps)
}

fn firefox(window: (u32, u32)) -> Session {
    let port = free_port();
    let geckodriver = std::env::var("GECKODRIVER").unwrap_or_else(|_| "geckodriver".into());
    let driver = spawn_driver(&geckodriver, &["--port".into(), port.to_string()], "geckodriver");
    let mut caps = serde_json::Map::new();
    caps.insert("browserName".into(), json!("firefox"));
    // No update checks, reports or captive-portal probes: this network
    // refuses them, and a test should not wait on them.
    caps.insert(
        "moz:firefoxOptions".into(),
        json!({
            "binary": std::env::var("FIREFOX").unwrap_or_else(|_| "/usr/bin/firefox-esr".into()),
            "args": ["-headless", format!("-width={}", window.0), format!("-height={}", window.1)],
            "prefs": {
                "app.update.disabledForTesting": true,
                "datareporting.policy.dataSubmissionEnabled": false,
                "toolkit.telemetry.enabled": false,
                "network.captive-portal-service.enabled": false,
                "network.connectivity-service.enabled": false,
                "browser.safebrowsing.update.enabled": false,
                "extensions.update.enabled": false,
            },
        }),
    );
    (driver, format!("http://127.0.0.1:{port}"), caps)
}

fn webkit() -> Session {
    let port = free_port();
    // MiniBrowser needs a display; xvfb-run gives the driver, and so the
    // browser it starts, a virtual one.
    let driver = spawn_driver(
        "xvfb-run",
        &["-a".into(), "WebKitWebDriver".into(), format!("--port={port}")],
        "WebKitWebDriver under xvfb-run",
    );
    let mut caps = serde_json::Map::new();
    caps.insert("browserName".into(), json!("MiniBrowser"));
    caps.insert(
        "webkitgtk:browserOptions".into(),
        json!({
            "binary": std::env::var("MINIBROWSER")
                .unwrap_or_else(|_| "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser".into()),
            "args": ["--automation"],
        }),
    );
    (driver, format!("http://127.0.0.1:{port}"), caps)
}

/// ChromeDriver's `goog/cdp/execute`: one DevTools command.
#[derive(Debug)]
struct Cdp {
    cmd: &'static str,
    params: Value,
}

impl fantoccini::wd::WebDriverCompatibleCommand for Cdp {
    fn endpoint(&self, base: &url::Url, session: Option<&str>) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/goog/cdp/execute", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(json!({ "cmd": self.cmd, "params": self.params }).to_string()))
    }
}

fn free_port() -> u16 {
    StdListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free loopback port")
}

impl Harness {
    /// Starts everything; panics with what to do when `dist/` or ChromeDriver
    /// is missing.
    pub async fn start(window: (u32, u32)) -> Harness {
        Harness::start_with(window, &[], |_| {}).await
    }

    /// [`Harness::start`] with more Chromium flags and the sandbox's
    /// configuration adjusted by `tune`.
    pub async fn start_with(window: (u32, u32), flags: &[&str], tune: impl FnOnce(&mut Config)) -> Harness {
        Harness::launch(Engine::Chromium, window, flags, tune, None).await
    }

    /// [`Harness::start`] in another browser engine.
    pub async fn start_in(engine: Engine, window: (u32, u32)) -> Harness {
        Harness::launch(engine, window, &[], |_| {}, None).await
    }

    /// [`Harness::start`] as a phone: 390 × 844 CSS pixels at 3×, with a
    /// touch screen, so that `(pointer: coarse)` holds.
    pub async fn start_phone() -> Harness {
        Harness::start_phone_with(&[], |_| {}).await
    }

    /// [`Harness::start_phone`] with more Chromium flags and the sandbox's
    /// configuration adjusted by `tune`.
    pub async fn start_phone_with(flags: &[&str], tune: impl FnOnce(&mut Config)) -> Harness {
        let metrics = json!({ "deviceMetrics": { "width": 390, "height": 844, "pixelRatio": 3.0, "touch": true } });
        Harness::launch(Engine::Chromium, (390, 844), flags, tune, Some(metrics)).await
    }

    /// Sends a Chrome DevTools Protocol command to the page's target through
    /// ChromeDriver, and returns its result: for what WebDriver has no
    /// command for, such as network and CPU throttling.
    pub async fn cdp(&self, cmd: &'static str, params: Value) -> Value {
        self.browser
            .issue_cmd(Cdp { cmd, params })
            .await
            .unwrap_or_else(|e| panic!("ChromeDriver refused the DevTools command {cmd}: {e}"))
    }

    async fn launch(
        engine: Engine,
        window: (u32, u32),
        flags: &[&str],
        tune: impl FnOnce(&mut Config),
        mobile: Option<Value>,
    ) -> Harness {
        let root = site_root();
        assert!(
            root.join("dist/getcrypto.js").exists() && budget::wasm_name(&root.join("dist")).is_ok(),
            "{}/dist/ is not built: run cargo xtask dist (scripts/test builds it first)",
            root.display()
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind loopback");
        let base = format!("http://{}", listener.local_addr().expect("bound"));
        // The store's pages live on loopback too, so the move back to the
        // store after a payment never leaves the machine.
        let mut config = Config::default();
        for p in &mut config.projects {
            p.success_url = format!("{base}/e2e/thanks");
            p.fail_url = format!("{base}/e2e/cart");
        }
        tune(&mut config);
        let state = AppState::new(config);
        let html = |text: &str| ("text/html; charset=utf-8", text.as_bytes().to_vec());
        let pages: Pages = Arc::new(Mutex::new(Served {
            files: HashMap::from([
                ("thanks".to_owned(), html("<!doctype html><title>Thanks</title><h1>Thank you for your order</h1>")),
                ("cart".to_owned(), html("<!doctype html><title>Cart</title><h1>Your cart</h1>")),
            ]),
            ..Served::default()
        }));
        let served = pages.clone();
        let router = app(state.clone(), root).route(
            "/e2e/{name}",
            axum::routing::get(move |UrlPath(name): UrlPath<String>| {
                let (file, fault) = {
                    let mut served = served.lock().expect("pages");
                    *served.requests.entry(name.clone()).or_default() += 1;
                    let fault = match served.faults.get_mut(&name) {
                        Some(Fault::Fail(n)) if *n > 0 => {
                            *n -= 1;
                            Some(Fault::Fail(1))
                        }
                        Some(Fault::Hold(gate)) => Some(Fault::Hold(gate.clone())),
                        _ => None,
                    };
                    (served.files.get(&name).cloned(), fault)
                };
                async move {
                    match fault {
                        Some(Fault::Fail(_)) => return axum::http::StatusCode::SERVICE_UNAVAILABLE.into_response(),
                        Some(Fault::Hold(mut gate)) => {
                            let _ = gate.wait_for(|open| *open).await;
                        }
                        None => {}
                    }
                    match file {
                        Some((kind, bytes)) => ([(axum::http::header::CONTENT_TYPE, kind)], bytes).into_response(),
                        None => axum::http::StatusCode::NOT_FOUND.into_response(),
                    }
                }
            }),
        );
        tokio::spawn(async move { axum::serve(listener, router).await });

        let (driver, webdriver, caps) = match engine {
            Engine::Chromium => chromium(window, flags, mobile),
            Engine::Firefox => firefox(window),
            Engine::WebKit => webkit(),
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        let browser = loop {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            match ClientBuilder::new(connector).capabilities(caps.clone()).connect(&webdriver).await {
                Ok(c) => break c,
                Err(e) if Instant::now() > deadline => {
                    panic!("{engine:?}'s WebDriver did not start a session: {e}")
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        };
        if engine != Engine::Chromium {
            let _ = browser.set_window_size(window.0, window.1).await;
        }
        Harness { browser, base, state, pages, driver }
    }

    /// Serves `html` at `/e2e/<name>` on the sandbox's origin and returns its URL.
    pub fn serve_page(&self, name: &str, html: String) -> String {
        self.serve_file(name, "text/html; charset=utf-8", html.into_bytes())
    }

    /// Serves `bytes` as `content_type` at `/e2e/<name>` and returns its URL.
    pub fn serve_file(&self, name: &str, content_type: &'static str, bytes: Vec<u8>) -> String {
        self.pages.lock().expect("pages").files.insert(name.to_owned(), (content_type, bytes));
        format!("{}/e2e/{name}", self.base)
    }

    /// A shop's page at `/e2e/shop` that mounts the widget in `language`,
    /// with the head script and every file it loads served from `/e2e/`,
    /// where a test can slow them or make them fail (`fault`); `chunk`:
    /// other bytes in the payment chunk's place. Returns the chunk's name.
    pub fn serve_shop(&self, language: &str, chunk: Option<Vec<u8>>) -> String {
        let dist = site_root().join("dist");
        let read = |name: &str| std::fs::read(dist.join(name)).unwrap_or_else(|e| panic!("dist/{name}: {e}"));
        let wasm = budget::wasm_name(&dist).unwrap_or_else(|e| panic!("{e}"));
        let chunks = budget::chunk_names(&dist).unwrap_or_else(|e| panic!("{e}"));
        let [name] = chunks.as_slice() else { panic!("one chunk in dist/, not {chunks:?}") };
        self.serve_file("getcrypto.js", "text/javascript", read("getcrypto.js"));
        self.serve_file(&wasm, "application/wasm", read(&wasm));
        self.serve_file(name, "application/wasm", chunk.unwrap_or_else(|| read(name)));
        self.serve_page(
            "shop",
            format!(
                r#"<!doctype html><html><head><meta name="viewport" content="width=device-width, initial-scale=1">
                <script src="/e2e/getcrypto.js"></script></head><body><div id="pay"></div><script>
                  GetCrypto.init("sandbox_demo_key", "pay", {{ project_id: "pr_64e5a94d9c3f4", amount: 11, currency: "eur",
                    order_id: "ORD_CHUNK", language: "{language}", api_base: location.origin }});
                </script></body></html>"#
            ),
        );
        name.clone()
    }

    /// Makes `/e2e/<name>` answer with `fault` from now on, or at once
    /// again with `None`.
    pub fn fault(&self, name: &str, fault: Option<Fault>) {
        let mut served = self.pages.lock().expect("pages");
        match fault {
            Some(f) => served.faults.insert(name.to_owned(), f),
            None => served.faults.remove(name),
        };
    }

    /// How many times the browser asked for `/e2e/<name>`.
    pub fn requests_for(&self, name: &str) -> usize {
        self.pages.lock().expect("pages").requests.get(name).copied().unwrap_or(0)
    }

    /// Runs `js` (a function body) with `args`, returning its value.
    pub async fn js(&self, js: &str, args: Vec<Value>) -> Value {
        self.browser.execute(js, args).await.unwrap_or_else(|e| panic!("script failed: {e}\n{js}"))
    }

    /// Waits until `js` (a function body returning a value) is truthy.
    pub async fn wait_for(&self, what: &str, js: &str, args: Vec<Value>) -> Value {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let v = self.js(js, args.clone()).await;
            if !(v.is_null() || v == json!(false) || v == json!("")) {
                return v;
            }
            if Instant::now() > deadline {
                let text = self.widget_text().await;
                panic!("timed out waiting for {what}; the widget shows: {text}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits for `selector` inside the widget's shadow root.
    pub async fn wait_in_widget(&self, selector: &str) {
        self.wait_for(
            selector,
            "const r = document.getElementById('pay').shadowRoot; return !!(r && r.querySelector(arguments[0]));",
            vec![json!(selector)],
        )
        .await;
    }

    /// How many matches of `selector` the widget on `host` (a selector of
    /// the page) holds in its shadow root.
    pub async fn count_in(&self, host: &str, selector: &str) -> Value {
        self.js(
            "const e = document.querySelector(arguments[0]); const r = e && e.shadowRoot; \
             return r ? r.querySelectorAll(arguments[1]).length : 0;",
            vec![json!(host), json!(selector)],
        )
        .await
    }

    /// Waits for `selector` inside the widget on `host`.
    pub async fn wait_in(&self, host: &str, selector: &str) {
        self.wait_for(
            &format!("{selector} in {host}"),
            "const e = document.querySelector(arguments[0]); const r = e && e.shadowRoot; \
             return !!(r && r.querySelector(arguments[1]));",
            vec![json!(host), json!(selector)],
        )
        .await;
    }

    /// Tells the sandbox to `action` (`pay`, `pay-part`, `confirm`,
    /// `expire`) invoice `id`, from the page, as its own controls do.
    pub async fn sandbox(&self, id: &str, action: &str) {
        self.js(
            "return fetch('/sandbox/invoices/' + encodeURIComponent(arguments[0]) + '/' + arguments[1], \
             { method: 'POST' }).then((r) => r.status);",
            vec![json!(id), json!(action)],
        )
        .await;
    }

    /// Clicks `selector` inside the widget's shadow root.
    pub async fn click_in_widget(&self, selector: &str) {
        self.wait_in_widget(selector).await;
        self.js(
            "document.getElementById('pay').shadowRoot.querySelector(arguments[0]).click();",
            vec![json!(selector)],
        )
        .await;
    }

    /// Text of `selector` inside the widget's shadow root.
    pub async fn text_in_widget(&self, selector: &str) -> String {
        self.wait_in_widget(selector).await;
        let v = self
            .js(
                "return document.getElementById('pay').shadowRoot.querySelector(arguments[0]).textContent;",
                vec![json!(selector)],
            )
            .await;
        v.as_str().unwrap_or_default().to_owned()
    }

    /// Everything the widget shows, as text.
    pub async fn widget_text(&self) -> String {
        let v = self
            .browser
            .execute("const r = document.getElementById('pay'); return r && r.shadowRoot ? r.shadowRoot.textContent : (r ? r.textContent : '');", vec![])
            .await
            .unwrap_or_default();
        v.as_str().unwrap_or_default().to_owned()
    }

    /// Serves `shop` at `/e2e/<name>` and opens it in the current tab.
    pub async fn open_shop(&self, name: &str, shop: &shop::Shop) -> String {
        let url = self.serve_page(name, shop.html());
        self.browser.goto(&url).await.unwrap();
        url
    }

    /// The events the shop page recorded since it loaded.
    pub async fn events(&self) -> Value {
        self.js("return window.__events || [];", vec![]).await
    }

    /// Records every `getcrypto:*` event on the mount element in `window.__events`.
    pub async fn record_events(&self) {
        self.js(
            "window.__events = []; for (const n of ['ready','invoice','status','paid','expired','error']) \
             document.getElementById('pay').addEventListener('getcrypto:' + n, (e) => window.__events.push({name: n, detail: e.detail}));",
            vec![],
        )
        .await;
    }

    /// Clicks one of the demo page's sandbox buttons (`pay`, `pay-part`, `confirm`, `expire`).
    pub async fn act(&self, action: &str) {
        self.wait_for(
            "the demo's sandbox buttons",
            "const b = document.querySelector(`#act button[data-action=${arguments[0]}]`); return b && !b.disabled;",
            vec![json!(action)],
        )
        .await;
        let before = self.state.store().list(getcrypto_sandbox::clock::now()).first().map(|r| r.invoice.clone());
        self.js("document.querySelector(`#act button[data-action=${arguments[0]}]`).click();", vec![json!(action)])
            .await;
        // Wait until the sandbox has applied the action before going on.
        until(&format!("the sandbox to apply {action}"), || {
            self.state.store().list(getcrypto_sandbox::clock::now()).first().map(|r| r.invoice.clone()) != before
        })
        .await;
    }

    /// Ends the browser session.
    pub async fn close(self) {
        let Harness { browser, mut driver, .. } = self;
        let _ = browser.close().await;
        if let Some(pid) = driver.id() {
            let _ = Command::new("kill").args(["-TERM", "--", &format!("-{pid}")]).status().await;
        }
        let _ = driver.kill().await;
    }
}
