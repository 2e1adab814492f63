//! Property tests: whatever arrives in the query string, the body or the
//! headers of the three endpoints, the sandbox answers with JSON in the
//! API's envelope, never a 500 and never a hang.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::use_debug,
    reason = "a test and its helpers fail or print for the developer"
)]

use axum::body::Body;
use axum::http::{HeaderValue, Request, StatusCode};
use getcrypto_sandbox::config::{Config, DEMO_KEY};
use getcrypto_sandbox::{app, AppState};
use http_body_util::BodyExt;
use proptest::prelude::*;
use serde_json::{json, Value};
use std::time::Duration;
use tower::ServiceExt;

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
}

fn router() -> axum::Router {
    // A limit no run reaches: this is about input, not about pace.
    app(AppState::new(Config { rate_limit: u32::MAX, ..Config::default() }), std::path::PathBuf::from("."))
}

/// Sends `req` and checks the answer's shape; returns the status.
async fn answer_is_sound(router: axum::Router, req: Request<Body>) -> Result<StatusCode, TestCaseError> {
    let res = tokio::time::timeout(Duration::from_secs(5), router.oneshot(req))
        .await
        .map_err(|_| TestCaseError::fail("no answer within 5 s"))?
        .unwrap();
    let status = res.status();
    prop_assert!(status.as_u16() < 500, "a server error: {status}");
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    let body: Value = serde_json::from_slice(&bytes)
        .map_err(|e| TestCaseError::fail(format!("not JSON ({e}): {}", String::from_utf8_lossy(&bytes))))?;
    prop_assert_eq!(&body["status"], &json!(status.is_success()), "{}", body);
    if !status.is_success() {
        prop_assert!(body["message"].as_str().is_some_and(|m| !m.is_empty()), "no message: {}", body);
    }
    Ok(status)
}

fn field_name() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("project_id".to_owned()),
        Just("currency".to_owned()),
        Just("language".to_owned()),
        Just("amount".to_owned()),
        Just("order_id".to_owned()),
        Just("input_amount".to_owned()),
        Just("cryptocurrency".to_owned()),
        Just("network".to_owned()),
        Just("custom_fields".to_owned()),
        ".{0,12}",
    ]
}

fn field_value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("pr_64e5a94d9c3f4".to_owned()),
        Just("eur".to_owned()),
        Just("btc".to_owned()),
        Just("bep20".to_owned()),
        Just("11".to_owned()),
        Just("1e308".to_owned()),
        Just("-0".to_owned()),
        Just("{}".to_owned()),
        "[0-9.eE+-]{0,24}",
        ".{0,40}",
    ]
}

/// Any JSON value, nested a few levels.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(Value::from),
        field_value().prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::from),
            prop::collection::vec((field_name(), inner), 0..10)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect())),
        ]
    })
}

fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn authorization() -> impl Strategy<Value = Option<Vec<u8>>> {
    prop_oneof![
        4 => Just(Some(format!("Bearer {DEMO_KEY}").into_bytes())),
        1 => Just(None),
        1 => prop::collection::vec(any::<u8>(), 0..40).prop_map(Some),
    ]
}

fn with_auth(mut b: axum::http::request::Builder, auth: &Option<Vec<u8>>) -> axum::http::request::Builder {
    if let Some(value) = auth.as_ref().and_then(|v| HeaderValue::from_bytes(v).ok()) {
        b = b.header("Authorization", value);
    }
    b
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn any_widget_query_is_answered_soundly(
        pairs in prop::collection::vec((field_name(), field_value()), 0..8),
        raw_tail in ".{0,16}",
        auth in authorization(),
    ) {
        let mut query: Vec<String> = pairs.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect();
        // Undecodable escapes and stray characters too.
        query.push(raw_tail.replace(['#', ' '], "%"));
        let uri = format!("/v1/widget?{}", query.join("&"));
        let Ok(req) = with_auth(Request::get(uri.as_str()), &auth).body(Body::empty()) else {
            return Ok(());
        };
        runtime().block_on(answer_is_sound(router(), req))?;
    }

    #[test]
    fn any_create_body_is_answered_soundly(
        body in json_value(),
        content_type in prop_oneof![Just("application/json"), Just("application/x-www-form-urlencoded"), Just("text/plain"), Just("")],
        auth in authorization(),
    ) {
        let req = with_auth(Request::post("/v1/invoices"), &auth)
            .header("Content-Type", content_type)
            .body(Body::from(body.to_string()))
            .unwrap();
        let status = runtime().block_on(answer_is_sound(router(), req))?;
        prop_assert!(status != StatusCode::OK || body.is_object(), "only an object creates an invoice");
    }

    #[test]
    fn any_create_bytes_are_answered_soundly(bytes in prop::collection::vec(any::<u8>(), 0..200), auth in authorization()) {
        let req = with_auth(Request::post("/v1/invoices"), &auth)
            .header("Content-Type", "application/json")
            .body(Body::from(bytes))
            .unwrap();
        runtime().block_on(answer_is_sound(router(), req))?;
    }

    #[test]
    fn any_invoice_id_is_answered_soundly(id in ".{0,40}", auth in authorization()) {
        let uri = format!("/v1/invoices/{}", encode(&id));
        let req = with_auth(Request::get(uri.as_str()), &auth).body(Body::empty()).unwrap();
        let status = runtime().block_on(answer_is_sound(router(), req))?;
        prop_assert!(status != StatusCode::OK, "no invoice exists");
    }
}
