//! The browsers a test drives, each through its own WebDriver server
//! (ChromeDriver, geckodriver, WebKitWebDriver), and how a [`Harness`]
//! starts one beside the sandbox and ends it.

use crate::{budget, server, site_root, wait, Harness};
use fantoccini::ClientBuilder;
use getcrypto_sandbox::config::Config;
use serde_json::{json, Value};
use std::net::TcpListener as StdListener;
use std::process::Stdio;
use std::time::Duration;
use tokio::process::{Child, Command};

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
        let (base, state, pages) = server::start(root, tune).await;
        let (driver, webdriver, caps) = match engine {
            Engine::Chromium => chromium(window, flags, mobile),
            Engine::Firefox => firefox(window),
            Engine::WebKit => webkit(),
        };
        // The driver takes a moment to listen, and refuses sessions until then.
        let session = wait::poll(Duration::from_secs(30), Duration::from_millis(100), async || {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            ClientBuilder::new(connector).capabilities(caps.clone()).connect(&webdriver).await
        })
        .await;
        let browser = session.unwrap_or_else(|e| panic!("{engine:?}'s WebDriver did not start a session: {e}"));
        if engine != Engine::Chromium {
            let _ = browser.set_window_size(window.0, window.1).await;
        }
        Harness { browser, base, state, pages, driver }
    }

    /// Runs `js` (a function body) with `args`, returning its value.
    pub async fn js(&self, js: &str, args: Vec<Value>) -> Value {
        self.browser.execute(js, args).await.unwrap_or_else(|e| panic!("script failed: {e}\n{js}"))
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
