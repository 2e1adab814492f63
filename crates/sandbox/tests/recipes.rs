//! The server-side confirmation recipes of `examples/` (Node and PHP) run as a
//! shop would run them, against the sandbox's real webhooks: a paid order is
//! fulfilled exactly once; a forged, replayed, unpaid or underpaid webhook
//! fulfils nothing. PHP missing is a failure, not a skip: `cargo xtask test`
//! installs it, so a green run means both recipes were tried.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::use_debug,
    reason = "a test and its helpers fail or print for the developer"
)]

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, Request, StatusCode};
use axum::routing::post;
use getcrypto_sandbox::config::{Config, Project, WebhookConfig, DEMO_KEY, DOCS_PROJECT};
use getcrypto_sandbox::webhooks::{signature, DeliveryState, EVENT_HEADER, SIGNATURE_HEADER};
use getcrypto_sandbox::{app, AppState};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde_json::{json, Value};
use std::future::IntoFuture;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tower::ServiceExt;

const SECRET: &str = "whsec_recipes";
/// Generous: two cores may be busy with the rest of the test command.
const DEADLINE: Duration = Duration::from_secs(30);

type HttpClient = Client<hyper_util::client::legacy::connect::HttpConnector, Full<Bytes>>;

/// A recipe's process, killed when the test ends however it ends.
struct Recipe {
    child: std::process::Child,
    log: PathBuf,
    url: String,
}

impl Recipe {
    /// What the recipe printed, for failure messages.
    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for Recipe {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|p| std::env::split_paths(&p).any(|d| d.join(program).is_file()))
}

/// `php -S` cannot pick its own port, so one is picked here (the port is free
/// when chosen; another process taking it in between fails loudly, below).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn examples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

/// Starts `program args` in `dir` with the recipes' settings, and waits until
/// it accepts connections.
async fn start(program: &str, args: &[&str], dir: &Path, port: u16, env: &[(&str, String)], work: &Path) -> Recipe {
    let log = work.join(format!("{program}.log"));
    let out = std::fs::File::create(&log).unwrap();
    let mut command = Command::new(program);
    command.args(args).current_dir(dir).stdin(Stdio::null()).stdout(out.try_clone().unwrap()).stderr(out);
    for (k, v) in env {
        command.env(k, v);
    }
    let child = command.spawn().unwrap_or_else(|e| panic!("cannot start {program}: {e}"));
    let mut recipe = Recipe { child, log, url: format!("http://127.0.0.1:{port}/getcrypto/webhook") };
    let started = Instant::now();
    while tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_err() {
        if let Some(status) = recipe.child.try_wait().unwrap() {
            panic!("{program} exited ({status}) before listening:\n{}", recipe.log());
        }
        assert!(
            started.elapsed() < DEADLINE,
            "{program} did not listen on {port} within {DEADLINE:?}:\n{}",
            recipe.log()
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    recipe
}

/// POSTs `body` with `headers` to `url`; the status and the answer's text.
async fn post_to(client: &HttpClient, url: &str, headers: &[(&str, &str)], body: Bytes) -> (u16, String) {
    let mut req = Request::post(url).header("content-type", "application/json");
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let res = tokio::time::timeout(DEADLINE, client.request(req.body(Full::new(body)).unwrap()))
        .await
        .expect("the recipe answers in time")
        .expect("the recipe answers");
    let status = res.status().as_u16();
    let text = res.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8_lossy(&text).into_owned())
}

/// What the tap saw the sandbox send: the signature header and the exact bytes.
#[derive(Clone)]
struct Sent {
    signature: String,
    body: Bytes,
}

#[derive(Clone)]
struct Tap {
    client: HttpClient,
    recipe_url: String,
    sent: Arc<Mutex<Vec<Sent>>>,
}

/// Passes each webhook on to the recipe twice at once, as a retry that
/// overlaps a slow attempt would arrive, and answers 200 only if both copies
/// got 200 (else 502, which the delivery's record shows); keeps a copy,
/// since a replay must be the very bytes the sandbox signed, which nothing
/// else records.
async fn tap(State(tap): State<Tap>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    let signature = header(SIGNATURE_HEADER);
    tap.sent.lock().unwrap().push(Sent { signature: signature.clone(), body: body.clone() });
    let event = header(EVENT_HEADER);
    let passed_on = [(SIGNATURE_HEADER, signature.as_str()), (EVENT_HEADER, event.as_str())];
    let pass_on = || post_to(&tap.client, &tap.recipe_url, &passed_on, body.clone());
    match tokio::join!(pass_on(), pass_on()) {
        ((200, _), (200, _)) => StatusCode::OK,
        _ => StatusCode::BAD_GATEWAY,
    }
}

/// The sandbox's API and controls, called in-process on the same state the
/// listening sandbox serves.
async fn call(router: &axum::Router, req: Request<Body>) -> Value {
    let res = router.clone().oneshot(req).await.unwrap();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    serde_json::from_slice(&bytes).unwrap()
}

async fn create_invoice(router: &axum::Router, order_id: &str, amount: &str) -> String {
    let body = json!({"language": "en", "input_amount": amount, "currency": "eur", "cryptocurrency": "usdt",
        "project_id": DOCS_PROJECT, "order_id": order_id, "network": "trc20"});
    let created = call(
        router,
        Request::post("/v1/invoices")
            .header("Authorization", format!("Bearer {DEMO_KEY}"))
            .header("Content-Type", "application/json")
            .body(Body::from(body.to_string()))
            .unwrap(),
    )
    .await;
    created["data"]["id"].as_str().unwrap_or_else(|| panic!("{created}")).to_owned()
}

/// Pays in full and confirms (TRC20 needs one confirmation), as the
/// sandbox's page buttons do.
async fn pay(router: &axum::Router, id: &str) {
    for action in ["pay", "confirm"] {
        let answer =
            call(router, Request::post(format!("/sandbox/invoices/{id}/{action}")).body(Body::empty()).unwrap()).await;
        assert_eq!(answer["status"], json!(true), "{action}: {answer}");
    }
}

/// The fulfilment file's lines for `order_id`; a line still being written
/// (no newline yet) is not one.
fn fulfilled(file: &Path, order_id: &str) -> Vec<Value> {
    std::fs::read_to_string(file)
        .unwrap_or_default()
        .split_inclusive('\n')
        .filter(|l| l.ends_with('\n') && !l.trim().is_empty())
        .map(|l| serde_json::from_str::<Value>(l).unwrap_or_else(|e| panic!("not a JSON line ({e}): {l}")))
        .filter(|l| l["order_id"] == json!(order_id))
        .collect()
}

/// Polls `done` until it holds; fails with `what` and the recipe's log.
async fn wait_until(what: &str, recipe: &Recipe, mut done: impl FnMut() -> bool) {
    let started = Instant::now();
    while !done() {
        assert!(started.elapsed() < DEADLINE, "{what}: not within {DEADLINE:?}; the recipe said:\n{}", recipe.log());
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// The delivery of `invoice_id`'s webhook once it has settled.
async fn delivery(state: &AppState, recipe: &Recipe, invoice_id: &str) -> getcrypto_sandbox::webhooks::Delivery {
    let find = || state.webhooks.list().into_iter().find(|d| d.invoice_id == invoice_id);
    wait_until(&format!("the webhook of {invoice_id} settles"), recipe, || {
        find().is_some_and(|d| d.state != DeliveryState::Pending)
    })
    .await;
    find().unwrap()
}

/// Which recipe, and how it is started.
#[derive(Clone, Copy)]
enum Kind {
    Node,
    Php,
}

async fn exercise(kind: Kind) {
    let (program, name) = match kind {
        Kind::Node => ("node", "node"),
        Kind::Php => ("php", "php"),
    };
    assert!(
        on_path(program),
        "`{program}` is not on PATH, so the {name} webhook recipe (examples/webhook-{name}) cannot be tested. \
         Install it (`cargo xtask test` does: Debian's {}), then run this again.",
        match kind {
            Kind::Node => "nodejs",
            Kind::Php => "php-cli",
        }
    );
    let work = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("recipes-{name}"));
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).unwrap();
    let orders_file = work.join("orders.json");
    let fulfilled_file = work.join("fulfilled.jsonl");
    // The shop's orders: what each must be paid.
    let order = format!("ORD_{name}_paid");
    let unpaid = format!("ORD_{name}_unpaid");
    let cheap = format!("ORD_{name}_cheap");
    let orders = json!({
        &order: {"amount": "11", "currency": "eur"},
        &unpaid: {"amount": "11", "currency": "eur"},
        &cheap: {"amount": "11", "currency": "eur"},
    });
    std::fs::write(&orders_file, orders.to_string()).unwrap();

    let sandbox_listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let api_base = format!("http://{}", sandbox_listener.local_addr().unwrap());
    let tap_listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = free_port();
    let client: HttpClient = Client::builder(TokioExecutor::new()).build_http();

    let mut project = Project::new(DOCS_PROJECT, "Test");
    project.notification_url = Some(format!("http://{}/getcrypto/webhook", tap_listener.local_addr().unwrap()));
    project.secret = SECRET.into();
    // Short waits: a retry, if any, comes within the test's deadline.
    let webhooks =
        WebhookConfig { max_attempts: 10, base_delay: Duration::from_millis(50), timeout: Duration::from_secs(10) };
    let state = AppState::new(Config { projects: vec![project], webhooks, ..Config::default() });
    let router = app(state.clone(), PathBuf::from("."));
    tokio::spawn(axum::serve(sandbox_listener, router.clone()).into_future());
    let sent: Arc<Mutex<Vec<Sent>>> = Arc::default();
    let tap_state = Tap {
        client: client.clone(),
        recipe_url: format!("http://127.0.0.1:{port}/getcrypto/webhook"),
        sent: sent.clone(),
    };
    let tap_router = axum::Router::new().route("/getcrypto/webhook", post(tap)).with_state(tap_state);
    tokio::spawn(axum::serve(tap_listener, tap_router).into_future());

    let env = [
        ("GETCRYPTO_API_BASE", api_base),
        ("GETCRYPTO_API_KEY", DEMO_KEY.to_owned()),
        ("GETCRYPTO_PROJECT_ID", DOCS_PROJECT.to_owned()),
        ("GETCRYPTO_WEBHOOK_SECRET", SECRET.to_owned()),
        ("ORDERS_FILE", orders_file.to_string_lossy().into_owned()),
        ("FULFILLED_FILE", fulfilled_file.to_string_lossy().into_owned()),
        ("HOST", "127.0.0.1".to_owned()),
        ("PORT", port.to_string()),
    ];
    let address = format!("127.0.0.1:{port}");
    let recipe = match kind {
        Kind::Node => start("node", &["server.mjs"], &examples().join("webhook-node"), port, &env, &work).await,
        Kind::Php => {
            start("php", &["-S", &address, "index.php"], &examples().join("webhook-php"), port, &env, &work).await
        }
    };

    // Paid in full: fulfilled once, and the sandbox hears 200 at the first attempt.
    let paid_id = create_invoice(&router, &order, "11").await;
    pay(&router, &paid_id).await;
    wait_until(&format!("{order} is fulfilled"), &recipe, || !fulfilled(&fulfilled_file, &order).is_empty()).await;
    let d = delivery(&state, &recipe, &paid_id).await;
    assert_eq!(d.state, DeliveryState::Delivered, "{d:?}\n{}", recipe.log());
    assert_eq!(d.attempts.iter().map(|a| a.status).collect::<Vec<_>>(), [Some(200)], "{}", recipe.log());
    let lines = fulfilled(&fulfilled_file, &order);
    assert_eq!(lines, [json!({"order_id": order, "invoice_id": paid_id, "amount": "11", "currency": "eur"})]);

    // The genuine webhook again, byte for byte, twice at once and once after:
    // acknowledged (so the sender stops), nothing more fulfilled.
    let genuine =
        sent.lock().unwrap().iter().find(|s| s.body.windows(paid_id.len()).any(|w| w == paid_id.as_bytes())).cloned();
    let genuine = genuine.expect("the tap saw the paid invoice's webhook");
    assert_eq!(genuine.signature, signature(SECRET, &genuine.body), "the tap passes the sandbox's signature on");
    let signed = [(SIGNATURE_HEADER, genuine.signature.as_str())];
    let replay = || post_to(&client, &recipe.url, &signed, genuine.body.clone());
    let (a, b) = tokio::join!(replay(), replay());
    let c = replay().await;
    for (status, text) in [a, b, c] {
        assert_eq!(status, 200, "a replay is acknowledged: {text}\n{}", recipe.log());
    }
    assert_eq!(fulfilled(&fulfilled_file, &order).len(), 1, "a replay fulfilled again:\n{}", recipe.log());

    // Forged: the genuine body made to claim another (unpaid) invoice, under
    // a wrong signature, or none: refused with a 4xx, nothing fulfilled.
    let unpaid_id = create_invoice(&router, &unpaid, "11").await;
    let mut forged: Value = serde_json::from_slice(&genuine.body).unwrap();
    forged["id"] = json!(format!("evt_{}", unpaid_id.trim_start_matches("in_")));
    forged["data"]["id"] = json!(unpaid_id);
    forged["data"]["order_id"] = json!(unpaid);
    let forged = Bytes::from(forged.to_string());
    let wrong = signature("not_the_secret", &forged);
    for headers in
        [vec![(SIGNATURE_HEADER, wrong.as_str())], vec![(SIGNATURE_HEADER, genuine.signature.as_str())], vec![]]
    {
        let (status, text) = post_to(&client, &recipe.url, &headers, forged.clone()).await;
        assert!((400..500).contains(&status), "a forged webhook ({headers:?}) answered {status}: {text}");
    }
    assert!(fulfilled(&fulfilled_file, &unpaid).is_empty(), "a forged webhook fulfilled:\n{}", recipe.log());

    // The same forgery signed with the real secret (a leaked secret): the
    // API says pending, so nothing ships, and the answer asks for the
    // webhook again later (the API may not have caught up yet).
    let (status, text) =
        post_to(&client, &recipe.url, &[(SIGNATURE_HEADER, &signature(SECRET, &forged))], forged).await;
    assert_eq!(status, 503, "{text}");
    assert!(fulfilled(&fulfilled_file, &unpaid).is_empty(), "an unpaid invoice fulfilled:\n{}", recipe.log());

    // Anyone with the public key can open an invoice for the shop's order at
    // 1 EUR and pay it: a genuine webhook, a paid invoice, and no shipment.
    let cheap_id = create_invoice(&router, &cheap, "1").await;
    pay(&router, &cheap_id).await;
    let d = delivery(&state, &recipe, &cheap_id).await;
    assert_eq!(d.attempts.last().and_then(|a| a.status), Some(200), "{d:?}");
    assert!(
        fulfilled(&fulfilled_file, &cheap).is_empty(),
        "1 EUR paid for an 11 EUR order fulfilled it:\n{}",
        recipe.log()
    );

    let all = std::fs::read_to_string(&fulfilled_file).unwrap();
    assert_eq!(all.lines().count(), 1, "one order paid, one line:\n{all}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn node_recipe_fulfils_a_paid_order_once_and_nothing_forged() {
    exercise(Kind::Node).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn php_recipe_fulfils_a_paid_order_once_and_nothing_forged() {
    exercise(Kind::Php).await;
}
