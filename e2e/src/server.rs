//! The sandbox in-process on a free loopback port, and the files a test
//! serves beside it under `/e2e/`: each can be slowed or made to fail, and
//! every request for one is counted.

use crate::shop::Shop;
use crate::{budget, site_root, Harness};
use axum::extract::Path as UrlPath;
use axum::response::IntoResponse;
use getcrypto_sandbox::config::Config;
use getcrypto_sandbox::{app, AppState};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// Extra files a test serves from the sandbox's origin, by name: their
/// content type and bytes, how each answers, and how often each was asked.
pub(crate) type Pages = Arc<Mutex<Served>>;

#[derive(Default)]
pub(crate) struct Served {
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

/// Serves the files of `dir` on a free loopback port, as a plain static
/// host would (no CORS headers); returns its origin.
pub async fn serve_dir(dir: PathBuf) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind loopback");
    let origin = format!("http://{}", listener.local_addr().expect("bound"));
    let router = axum::Router::new().fallback_service(tower_http::services::ServeDir::new(dir));
    tokio::spawn(async move { axum::serve(listener, router).await });
    origin
}

/// Starts the sandbox over `root` with its configuration adjusted by
/// `tune`; returns its origin, its state and the files served beside it.
pub(crate) async fn start(root: PathBuf, tune: impl FnOnce(&mut Config)) -> (String, AppState, Pages) {
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
    (base, state, pages)
}

impl Harness {
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
        self.serve_shop_after(language, chunk, "")
    }

    /// `serve_shop`, the page running `before` ahead of the head script.
    pub fn serve_shop_after(&self, language: &str, chunk: Option<Vec<u8>>, before: &str) -> String {
        let dist = site_root().join("dist");
        let read = |name: &str| std::fs::read(dist.join(name)).unwrap_or_else(|e| panic!("dist/{name}: {e}"));
        let wasm = budget::wasm_name(&dist).unwrap_or_else(|e| panic!("{e}"));
        let chunks = budget::chunk_names(&dist).unwrap_or_else(|e| panic!("{e}"));
        let [name] = chunks.as_slice() else { panic!("one chunk in dist/, not {chunks:?}") };
        self.serve_file("getcrypto.js", "text/javascript", read("getcrypto.js"));
        self.serve_file(&wasm, "application/wasm", read(&wasm));
        self.serve_file(name, "application/wasm", chunk.unwrap_or_else(|| read(name)));
        for file in budget::language_names(&dist).unwrap_or_else(|e| panic!("{e}")) {
            self.serve_file(&file, "application/json", read(&file));
        }
        let shop = Shop::new("ORD_CHUNK")
            .param("language", &format!("{language:?}"))
            .script("/e2e/getcrypto.js", None)
            .before(before);
        self.serve_page("shop", shop.html());
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
}
