//! A bounded load test on loopback: many widgets at once, on a few keys,
//! against the real server. The rate limit holds per key, every invoice
//! created is stored once, and none is lost or made twice. Prints figures.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::use_debug,
    reason = "a test and its helpers fail or print for the developer"
)]

use axum::body::Bytes;
use getcrypto_sandbox::config::Config;
use getcrypto_sandbox::{app, AppState};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};
use std::future::IntoFuture;
use std::time::{Duration, Instant};

const KEYS: [&str; 4] = ["key_a", "key_b", "key_c", "key_d"];
const WIDGETS: usize = 24;
const POLLS: usize = 12;

#[derive(Default, Debug)]
struct Tally {
    by_status: HashMap<u16, usize>,
    created: Vec<String>,
    per_key_accepted: HashMap<&'static str, usize>,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_widgets_keep_the_limit_and_every_invoice() {
    let state = AppState::new(Config { keys: KEYS.iter().map(|k| k.to_string()).collect(), ..Config::default() });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(axum::serve(listener, app(state.clone(), std::path::PathBuf::from("."))).into_future());
    let client: Client<_, Full<Bytes>> = Client::builder(TokioExecutor::new()).build_http();

    let started = Instant::now();
    let mut tasks = Vec::new();
    for w in 0..WIDGETS {
        let (client, base) = (client.clone(), base.clone());
        let key = KEYS[w % KEYS.len()];
        tasks.push(tokio::spawn(async move {
            let mut t = Tally::default();
            let send = |method: &str, path: String, body: Option<Value>| {
                let req = axum::http::Request::builder()
                    .method(method)
                    .uri(format!("{base}{path}"))
                    .header("authorization", format!("Bearer {key}"))
                    .header("content-type", "application/json")
                    .body(Full::new(Bytes::from(body.map(|b| b.to_string()).unwrap_or_default())))
                    .unwrap();
                let client = client.clone();
                async move {
                    let res =
                        tokio::time::timeout(Duration::from_secs(10), client.request(req)).await.unwrap().unwrap();
                    let status = res.status().as_u16();
                    let body: Value =
                        serde_json::from_slice(&res.into_body().collect().await.unwrap().to_bytes()).unwrap();
                    (status, body)
                }
            };
            let record = |t: &mut Tally, status: u16| {
                *t.by_status.entry(status).or_default() += 1;
                if status != 429 {
                    *t.per_key_accepted.entry(key).or_default() += 1;
                }
            };
            let (s, _) = send(
                "GET",
                "/v1/widget?project_id=pr_64e5a94d9c3f4&currency=eur&language=en&amount=11&order_id=ORD_1".into(),
                None,
            )
            .await;
            record(&mut t, s);
            let body = json!({"language": "en", "input_amount": 11, "currency": "eur", "cryptocurrency": "usdt",
                "project_id": "pr_64e5a94d9c3f4", "order_id": format!("ORD_{w}"), "network": "trc20"});
            let (s, created) = send("POST", "/v1/invoices".into(), Some(body)).await;
            record(&mut t, s);
            if s == 200 {
                let id = created["data"]["id"].as_str().unwrap().to_owned();
                t.created.push(id.clone());
                for _ in 0..POLLS {
                    let (s, read) = send("GET", format!("/v1/invoices/{id}"), None).await;
                    record(&mut t, s);
                    if s == 200 {
                        assert_eq!(read["data"]["id"], json!(id));
                    }
                }
            }
            t
        }));
    }
    let mut all = Tally::default();
    for task in tasks {
        let t = task.await.unwrap();
        for (s, n) in t.by_status {
            *all.by_status.entry(s).or_default() += n;
        }
        all.created.extend(t.created);
        for (k, n) in t.per_key_accepted {
            *all.per_key_accepted.entry(k).or_default() += n;
        }
    }
    let elapsed = started.elapsed();
    let total: usize = all.by_status.values().sum();
    println!(
        "load: {WIDGETS} widgets on {} keys, {total} requests in {elapsed:?} ({:.0}/s); by status {:?}; accepted per key {:?}; {} invoices",
        KEYS.len(),
        total as f64 / elapsed.as_secs_f64(),
        all.by_status,
        all.per_key_accepted,
        all.created.len()
    );
    assert!(elapsed < Duration::from_secs(30), "bounded in time");
    // The limit holds per key: everything ran inside one minute's window.
    for (key, accepted) in &all.per_key_accepted {
        assert!(*accepted <= 60, "{key} got {accepted} requests through in a minute");
    }
    assert!(all.by_status.get(&429).copied().unwrap_or(0) > 0, "the load went past the limit");
    assert_eq!(all.by_status.get(&500), None);
    // Every invoice made is stored once, and nothing else is.
    let unique: HashSet<&String> = all.created.iter().collect();
    assert_eq!(unique.len(), all.created.len(), "no id handed out twice");
    let stored: HashSet<String> =
        state.store().list(getcrypto_sandbox::clock::now()).into_iter().map(|r| r.invoice.id).collect();
    assert_eq!(stored, all.created.iter().cloned().collect::<HashSet<_>>(), "no invoice lost, none extra");
}
