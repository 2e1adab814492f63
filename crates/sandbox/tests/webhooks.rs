//! Webhooks against a real receiver on loopback: signed, retried with
//! growing waits until a 200 or ten attempts, never blocking the API.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::use_debug,
    reason = "a test and its helpers fail or print for the developer"
)]

use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, Request, StatusCode};
use axum::routing::post;
use getcrypto_sandbox::config::{Config, Project, WebhookConfig, DEMO_KEY};
use getcrypto_sandbox::webhooks::{signature, DeliveryState, ATTEMPT_HEADER, EVENT_HEADER, SIGNATURE_HEADER};
use getcrypto_sandbox::{app, AppState};
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tower::ServiceExt;

const SECRET: &str = "whsec_test";

#[derive(Clone)]
struct Hit {
    at: Instant,
    headers: HeaderMap,
    body: Bytes,
}

/// A receiver on a free loopback port; `answer(n)` is the status for the
/// n-th request (from 1), `None` to never answer.
async fn receiver(answer: fn(usize) -> Option<StatusCode>) -> (String, Arc<Mutex<Vec<Hit>>>) {
    let hits: Arc<Mutex<Vec<Hit>>> = Arc::default();
    let seen = hits.clone();
    let router = axum::Router::new().route(
        "/hook",
        post(move |headers: HeaderMap, body: Bytes| {
            let seen = seen.clone();
            async move {
                let n = {
                    let mut h = seen.lock().unwrap();
                    h.push(Hit { at: Instant::now(), headers, body });
                    h.len()
                };
                match answer(n) {
                    Some(code) => code,
                    None => std::future::pending::<StatusCode>().await,
                }
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await });
    (url, hits)
}

fn sandbox(notification_url: Option<String>, webhooks: WebhookConfig) -> (AppState, axum::Router) {
    let mut project = Project::new("pr_64e5a94d9c3f4", "Test");
    project.notification_url = notification_url;
    project.secret = SECRET.into();
    let config = Config { projects: vec![project], webhooks, ..Config::default() };
    let state = AppState::new(config);
    let router = app(state.clone(), std::path::PathBuf::from("."));
    (state, router)
}

async fn call(router: &axum::Router, req: Request<Body>) -> Value {
    let res = router.clone().oneshot(req).await.unwrap();
    let bytes = http_body_util::BodyExt::collect(res.into_body()).await.unwrap().to_bytes();
    serde_json::from_slice(&bytes).unwrap()
}

/// Creates a TRC20 invoice (one confirmation) and pays it; returns its id.
async fn pay_an_invoice(router: &axum::Router) -> String {
    let body = json!({"language": "en", "input_amount": 11, "currency": "eur", "cryptocurrency": "usdt",
        "project_id": "pr_64e5a94d9c3f4", "order_id": "ORD_123", "network": "trc20"});
    let created = call(
        router,
        Request::post("/v1/invoices")
            .header("Authorization", format!("Bearer {DEMO_KEY}"))
            .header("Content-Type", "application/json")
            .body(Body::from(body.to_string()))
            .unwrap(),
    )
    .await;
    let id = created["data"]["id"].as_str().unwrap_or_else(|| panic!("{created}")).to_owned();
    for action in ["pay", "confirm"] {
        let answer =
            call(router, Request::post(format!("/sandbox/invoices/{id}/{action}")).body(Body::empty()).unwrap()).await;
        assert_eq!(answer["status"], json!(true), "{action}: {answer}");
    }
    id
}

/// Waits until the first delivery has left `Pending`.
async fn settled(state: &AppState) -> getcrypto_sandbox::webhooks::Delivery {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(d) = state.webhooks.list().into_iter().next().filter(|d| d.state != DeliveryState::Pending) {
            return d;
        }
        assert!(Instant::now() < deadline, "the delivery did not settle: {:?}", state.webhooks.list());
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

fn fast(timeout_ms: u64) -> WebhookConfig {
    WebhookConfig {
        max_attempts: 10,
        base_delay: Duration::from_millis(20),
        timeout: Duration::from_millis(timeout_ms),
    }
}

#[tokio::test]
async fn three_failures_then_200_make_exactly_four_signed_attempts_with_growing_waits() {
    let (url, hits) = receiver(|n| Some(if n <= 3 { StatusCode::INTERNAL_SERVER_ERROR } else { StatusCode::OK })).await;
    let (state, router) = sandbox(Some(url.clone()), fast(1_000));
    let id = pay_an_invoice(&router).await;
    let d = settled(&state).await;
    assert_eq!(d.state, DeliveryState::Delivered);
    assert_eq!(d.url, url);
    assert_eq!(d.attempts.iter().map(|a| a.status).collect::<Vec<_>>(), [Some(500), Some(500), Some(500), Some(200)]);
    assert_eq!(d.attempts.iter().map(|a| a.waited_ms).collect::<Vec<_>>(), [0, 20, 40, 60]);

    let hits = hits.lock().unwrap().clone();
    assert_eq!(hits.len(), 4);
    for (i, pair) in hits.windows(2).enumerate() {
        let gap = pair[1].at - pair[0].at;
        assert!(gap >= Duration::from_millis(20 * (i as u64 + 1)), "gap {i} was {gap:?}");
    }
    for (i, hit) in hits.iter().enumerate() {
        let header = |name: &str| hit.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
        assert_eq!(header(SIGNATURE_HEADER), signature(SECRET, &hit.body), "attempt {i} is signed");
        assert_eq!(header(EVENT_HEADER), d.event_id, "one event id on every attempt");
        assert_eq!(header(ATTEMPT_HEADER), (i + 1).to_string());
        assert_eq!(header("content-type"), "application/json");
        let body: Value = serde_json::from_slice(&hit.body).unwrap();
        assert_eq!(body["id"], json!(d.event_id));
        assert_eq!(body["type"], json!("invoice.paid"));
        assert_eq!(body["data"]["id"], json!(id));
        assert_eq!(body["data"]["status"], json!("paid"));
    }
}

#[tokio::test]
async fn a_receiver_that_never_answers_gets_exactly_ten_attempts_and_the_api_goes_on() {
    let (url, hits) = receiver(|_| None).await;
    let (state, router) = sandbox(Some(url), fast(50));
    let id = pay_an_invoice(&router).await;
    // While deliveries hang, the API answers.
    let read = call(
        &router,
        Request::get(format!("/v1/invoices/{id}"))
            .header("Authorization", format!("Bearer {DEMO_KEY}"))
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(read["data"]["status"], json!("paid"));
    assert_eq!(state.webhooks.list()[0].state, DeliveryState::Pending);

    let d = settled(&state).await;
    assert_eq!(d.state, DeliveryState::Failed);
    assert_eq!(d.attempts.len(), 10);
    assert!(d.attempts.iter().all(|a| a.status.is_none() && a.error.as_deref() == Some("no answer within 50 ms")));
    let waits: Vec<u64> = d.attempts.iter().map(|a| a.waited_ms).collect();
    assert_eq!(waits, [0, 20, 40, 60, 80, 100, 120, 140, 160, 180]);
    assert_eq!(hits.lock().unwrap().len(), 10);
}

#[tokio::test]
async fn no_notification_url_means_no_webhook() {
    let (state, router) = sandbox(None, fast(50));
    pay_an_invoice(&router).await;
    assert!(state.webhooks.list().is_empty());
}

#[tokio::test]
async fn shutdown_records_what_was_not_delivered() {
    let (url, hits) = receiver(|_| Some(StatusCode::SERVICE_UNAVAILABLE)).await;
    let slow =
        WebhookConfig { max_attempts: 10, base_delay: Duration::from_secs(3600), timeout: Duration::from_millis(500) };
    let (state, router) = sandbox(Some(url), slow);
    pay_an_invoice(&router).await;
    let deadline = Instant::now() + Duration::from_secs(5);
    while state.webhooks.list()[0].attempts.is_empty() {
        assert!(Instant::now() < deadline);
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let stopped = Instant::now();
    state.webhooks.shutdown().await;
    assert!(stopped.elapsed() < Duration::from_secs(2), "shutdown does not wait out the retry schedule");
    let d = state.webhooks.list()[0].clone();
    assert_eq!(d.state, DeliveryState::Abandoned);
    assert_eq!(d.attempts.len(), 1);
    assert_eq!(hits.lock().unwrap().len(), 1);
    // The listing shows it.
    let listed = call(&router, Request::get("/sandbox/webhooks").body(Body::empty()).unwrap()).await;
    assert_eq!(listed["data"][0]["state"], json!("abandoned"));
    assert_eq!(listed["data"][0]["attempts"][0]["status"], json!(503));
}
