//! The demo's return pages through the real binary, as `cargo xtask demo`
//! starts it: with `--demo` the project returns payers to pages the sandbox
//! serves on its own origin (known only once `--port 0` is bound); without
//! it, the docs' example URLs, as the docs' tests expect.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::use_debug,
    reason = "a test and its helpers fail or print for the developer"
)]

use axum::body::Bytes;
use axum::http::Request;
use getcrypto_sandbox::config::{DEMO_KEY, DOCS_FAIL_URL, DOCS_SUCCESS_URL};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// The sandbox's process, stopped when the test ends however it ends.
struct Sandbox {
    child: Child,
    origin: String,
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts the binary on a free port and reads its origin from the banner.
fn start(extra: &[&str]) -> Sandbox {
    let mut command = Command::new(env!("CARGO_BIN_EXE_getcrypto-sandbox"));
    // The developer's own settings must not change what is tested.
    for (k, _) in std::env::vars_os() {
        if k.to_string_lossy().starts_with("GETCRYPTO_SANDBOX_") {
            command.env_remove(k);
        }
    }
    let mut child = command
        .args(["--port", "0", "--quiet"])
        .args(extra)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    out.read_line(&mut first).unwrap();
    // Read the rest as it comes: a closed pipe would make the banner's next
    // line kill the sandbox.
    std::thread::spawn(move || std::io::copy(&mut out, &mut std::io::sink()));
    let origin = first
        .trim()
        .strip_prefix("GetCrypto sandbox listening on ")
        .unwrap_or_else(|| panic!("no address in the banner: {first:?}"))
        .to_owned();
    Sandbox { child, origin }
}

/// GET or POST with the demo key; the status, the content type and the body.
async fn send(method: &str, url: &str, body: Option<Value>) -> (u16, String, String) {
    let client: Client<_, Full<Bytes>> = Client::builder(TokioExecutor::new()).build_http();
    let req = Request::builder()
        .method(method)
        .uri(url)
        .header("authorization", format!("Bearer {DEMO_KEY}"))
        .header("content-type", "application/json")
        .body(Full::new(Bytes::from(body.map(|b| b.to_string()).unwrap_or_default())))
        .unwrap();
    let res = tokio::time::timeout(Duration::from_secs(30), client.request(req)).await.unwrap().unwrap();
    let status = res.status().as_u16();
    let kind = res.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    let text = res.into_body().collect().await.unwrap().to_bytes();
    (status, kind, String::from_utf8_lossy(&text).into_owned())
}

/// The return URLs an invoice created on `sandbox` carries.
async fn invoice_urls(sandbox: &Sandbox) -> (String, String) {
    let body = json!({"language": "en", "input_amount": 11, "currency": "eur", "cryptocurrency": "usdt",
        "project_id": "pr_64e5a94d9c3f4", "order_id": "ORD_123", "network": "trc20"});
    let (status, _, text) = send("POST", &format!("{}/v1/invoices", sandbox.origin), Some(body)).await;
    assert_eq!(status, 200, "{text}");
    let v: Value = serde_json::from_str(&text).unwrap();
    let url = |name: &str| v["data"][name].as_str().unwrap_or_else(|| panic!("no {name}: {v}")).to_owned();
    (url("success_url"), url("fail_url"))
}

#[tokio::test]
async fn the_demo_returns_payers_to_pages_the_sandbox_serves() {
    let sandbox = start(&["--demo"]);
    let o = &sandbox.origin;
    assert!(o.starts_with("http://127.0.0.1:"), "{o}");
    let (success, fail) = invoice_urls(&sandbox).await;
    assert_eq!(
        (success.as_str(), fail.as_str()),
        (format!("{o}/demo/paid").as_str(), format!("{o}/demo/failed").as_str())
    );
    // The widget's first request says the same.
    let (_, _, widget) = send(
        "GET",
        &format!("{o}/v1/widget?project_id=pr_64e5a94d9c3f4&currency=eur&language=en&amount=11&order_id=ORD_123"),
        None,
    )
    .await;
    let widget: Value = serde_json::from_str(&widget).unwrap();
    assert_eq!(widget["data"]["success_url"], json!(success));
    assert_eq!(widget["data"]["fail_url"], json!(fail));

    for (url, says) in [(&success, "Thank you"), (&fail, "did not go through")] {
        let (status, kind, page) = send("GET", url, None).await;
        assert_eq!(status, 200, "{url}");
        assert!(kind.starts_with("text/html"), "{url}: {kind}");
        assert!(page.contains(says) && page.contains(r#"<a href="/">"#), "{url}:\n{page}");
        // The query reaches the page's script as data, never the markup.
        let (_, _, with_query) =
            send("GET", &format!("{url}?order_id=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E"), None).await;
        assert_eq!(with_query, page, "{url}: the page does not depend on the request");
    }
}

#[tokio::test]
async fn a_bare_sandbox_keeps_the_docs_example_urls() {
    let sandbox = start(&[]);
    let (success, fail) = invoice_urls(&sandbox).await;
    assert_eq!((success.as_str(), fail.as_str()), (DOCS_SUCCESS_URL, DOCS_FAIL_URL));
}

#[tokio::test]
async fn the_demo_keeps_the_return_urls_a_project_sets() {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let file = dir.join("demo-own-urls.toml");
    std::fs::write(
        &file,
        "[[projects]]\nid = \"pr_64e5a94d9c3f4\"\nname = \"Shop\"\nsuccess_url = \"http://localhost:3000/thanks\"\n",
    )
    .unwrap();
    let sandbox = start(&["--demo", "--config", &file.to_string_lossy()]);
    let (success, fail) = invoice_urls(&sandbox).await;
    assert_eq!(success, "http://localhost:3000/thanks");
    assert_eq!(fail, format!("{}/demo/failed", sandbox.origin));
}
