//! The sandbox through its router, with no socket: every endpoint, every
//! rejection, the docs' own examples, the rate limit and CORS.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::use_debug,
    reason = "a test and its helpers fail or print for the developer"
)]

use axum::body::Body;
use axum::http::{Request, StatusCode};
use getcrypto_sandbox::config::{Config, DEMO_KEY};
use getcrypto_sandbox::{app, AppState};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use std::path::PathBuf;
use tower::ServiceExt;

use getcrypto_api::examples::{CREATE_REQUEST, INVOICE_NOT_FOUND, WIDGET_QUERY as DOCS_QUERY, WIDGET_RESPONSE};

fn parse(text: &str) -> Value {
    serde_json::from_str(text).expect("the docs' example is JSON")
}

struct Answer {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    text: String,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text))
    }
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

struct Sandbox {
    router: axum::Router,
}

impl Sandbox {
    fn new() -> Sandbox {
        Sandbox::with(Config::default())
    }

    fn with(config: Config) -> Sandbox {
        Sandbox { router: app(AppState::new(config), PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")) }
    }

    async fn send(&self, req: Request<Body>) -> Answer {
        let res = self.router.clone().oneshot(req).await.expect("the router answers");
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = res.into_body().collect().await.expect("a body").to_bytes();
        Answer { status, headers, text: String::from_utf8_lossy(&bytes).into_owned() }
    }

    async fn get(&self, uri: &str, key: Option<&str>) -> Answer {
        let mut b = Request::get(uri).header("Accept", "application/json");
        if let Some(k) = key {
            b = b.header("Authorization", format!("Bearer {k}"));
        }
        self.send(b.body(Body::empty()).unwrap()).await
    }

    async fn post(&self, uri: &str, key: Option<&str>, body: &Value) -> Answer {
        let mut b = Request::post(uri).header("Content-Type", "application/json");
        if let Some(k) = key {
            b = b.header("Authorization", format!("Bearer {k}"));
        }
        self.send(b.body(Body::from(body.to_string())).unwrap()).await
    }

    async fn create(&self, body: &Value) -> Answer {
        self.post("/v1/invoices", Some(DEMO_KEY), body).await
    }

    async fn act(&self, id: &str, action: &str) -> Answer {
        self.send(Request::post(format!("/sandbox/invoices/{id}/{action}")).body(Body::empty()).unwrap()).await
    }
}

fn valid_create() -> Value {
    json!({
        "language": "en", "input_amount": 11, "currency": "eur", "cryptocurrency": "usdt",
        "project_id": "pr_64e5a94d9c3f4", "order_id": "ORD_123", "network": "trc20"
    })
}

fn with(mut body: Value, field: &str, value: Value) -> Value {
    if value.is_null() {
        body.as_object_mut().unwrap().remove(field);
    } else {
        body[field] = value;
    }
    body
}

#[tokio::test]
async fn the_docs_widget_query_gets_the_docs_body() {
    let s = Sandbox::new();
    let a = s.get(&format!("/v1/widget?{DOCS_QUERY}"), Some(DEMO_KEY)).await;
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(a.json(), parse(WIDGET_RESPONSE));
    // The amounts are written as the docs write them, not re-rounded.
    assert!(
        a.text.contains(r#""amounts":{"usdt":11.944214,"usdc":11.941625,"btc":0.000451,"eth":0.007131}"#),
        "{}",
        a.text
    );
    assert_eq!(a.header("content-type"), Some("application/json"));
    assert_eq!(a.header("cache-control"), Some("no-cache, private"));
    assert_eq!(a.header("x-ratelimit-limit"), Some("60"));
    assert_eq!(a.header("x-ratelimit-remaining"), Some("59"));
    // Field names in Vary are case-insensitive (RFC 9110 §12.5.5).
    assert_eq!(a.header("vary").map(str::to_ascii_lowercase).as_deref(), Some("origin"));
}

#[tokio::test]
async fn an_unknown_invoice_gets_the_docs_400() {
    let s = Sandbox::new();
    let a = s.get("/v1/invoices/in_64e5a94d9c3f4", Some(DEMO_KEY)).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    assert_eq!(a.json(), parse(INVOICE_NOT_FOUND));
}

#[tokio::test]
async fn without_a_valid_key_every_endpoint_answers_401() {
    let s = Sandbox::new();
    for key in [None, Some("wrong"), Some("")] {
        let a = s.get(&format!("/v1/widget?{DOCS_QUERY}"), key).await;
        assert_eq!(a.status, StatusCode::UNAUTHORIZED, "{key:?}");
        assert_eq!(a.json()["status"], json!(false));
        assert!(a.json()["message"].as_str().unwrap().contains("Bearer"));
        assert_eq!(s.post("/v1/invoices", key, &valid_create()).await.status, StatusCode::UNAUTHORIZED);
        assert_eq!(s.get("/v1/invoices/in_1", key).await.status, StatusCode::UNAUTHORIZED);
    }
    let basic = s
        .send(
            Request::get(format!("/v1/widget?{DOCS_QUERY}"))
                .header("Authorization", format!("Basic {DEMO_KEY}"))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(basic.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn sixty_requests_a_minute_then_429() {
    let s = Sandbox::new();
    for i in 0..60 {
        let a = s.get("/v1/invoices/in_x", Some(DEMO_KEY)).await;
        assert_eq!(a.status, StatusCode::BAD_REQUEST);
        assert_eq!(a.header("x-ratelimit-remaining"), Some((59 - i).to_string().as_str()));
    }
    let a = s.get(&format!("/v1/widget?{DOCS_QUERY}"), Some(DEMO_KEY)).await;
    assert_eq!(a.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(a.header("x-ratelimit-remaining"), Some("0"));
    let retry: u64 = a.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry));
    assert_eq!(a.json()["status"], json!(false));
    // Another key has its own minute.
    let mut config = Config::default();
    config.keys.push("second_key".into());
    let s2 = Sandbox::with(config);
    for _ in 0..60 {
        s2.get("/v1/invoices/in_x", Some(DEMO_KEY)).await;
    }
    assert_eq!(s2.get("/v1/invoices/in_x", Some("second_key")).await.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn cors_preflight_and_headers() {
    let s = Sandbox::new();
    let a = s
        .send(
            Request::options("/v1/invoices")
                .header("Origin", "https://shop.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(a.header("access-control-allow-origin"), Some("*"));
    let headers = a.header("access-control-allow-headers").unwrap().to_ascii_lowercase();
    assert!(headers.contains("authorization") && headers.contains("content-type"));
    assert!(a.header("access-control-allow-methods").unwrap().contains("POST"));
    // A preflight costs no rate: it carries no key.
    let b = s.get(&format!("/v1/widget?{DOCS_QUERY}"), Some(DEMO_KEY)).await;
    assert_eq!(b.header("x-ratelimit-remaining"), Some("59"));
    assert_eq!(b.header("access-control-allow-origin"), Some("*"));
    assert!(b.header("access-control-expose-headers").unwrap().contains("x-ratelimit-remaining"));
}

#[tokio::test]
async fn the_docs_create_example_is_refused_for_btc_over_bep20() {
    let s = Sandbox::new();
    let a = s.create(&parse(CREATE_REQUEST)).await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    let body = a.json();
    assert_eq!(body["status"], json!(false));
    assert_eq!(body["message"], json!("The network bep20 does not carry btc: the allowed networks for btc are btc."));
    assert_eq!(
        body["errors"],
        json!({"network": ["The network bep20 does not carry btc: the allowed networks for btc are btc."]})
    );
    // Fixed to a network of its coin, the same example creates an invoice.
    let fixed = s.create(&with(parse(CREATE_REQUEST), "network", json!("btc"))).await;
    assert_eq!(fixed.status, StatusCode::OK, "{}", fixed.text);
    assert_eq!(fixed.json()["data"]["cryptocurrency"], json!("btc"));
}

#[tokio::test]
async fn every_invalid_create_is_a_422_naming_the_field() {
    let s = Sandbox::new();
    let cases: Vec<(&str, Value, &str)> = vec![
        ("language", json!("de"), "The selected language is invalid: it must be one of en, ru."),
        ("language", Value::Null, "The language field is required."),
        (
            "currency",
            json!("gbp"),
            "The selected currency is invalid: it must be one of usd, eur, rub, usdt, usdc, btc, eth.",
        ),
        (
            "cryptocurrency",
            json!("doge"),
            "The selected cryptocurrency is invalid: it must be one of usdt, usdc, btc, eth.",
        ),
        ("network", json!("sol"), "The selected network is invalid: it must be one of bep20, trc20, erc20, btc, eth."),
        (
            "network",
            json!("btc"),
            "The network btc does not carry usdt: the allowed networks for usdt are bep20, trc20, erc20.",
        ),
        ("project_id", json!("xx_64e5a94d9c3f4"), "The project id field must start with pr_."),
        ("project_id", json!("pr_64e5"), "The project id field must be 16 characters."),
        ("project_id", json!(12), "The project id field must be a string."),
        ("input_amount", json!(0), "The input amount field must be greater than 0."),
        ("input_amount", json!(-3), "The input amount field must be a positive number."),
        ("input_amount", json!("eleven"), "The input amount field must be a positive number."),
        ("input_amount", json!(1_000_000_001), "The input amount field must not be greater than 1000000000."),
        ("input_amount", json!(true), "The input amount field must be a number."),
        ("order_id", json!(""), "The order id field is required."),
        ("order_id", json!("x".repeat(256)), "The order id field must not be greater than 255 characters."),
        ("custom_fields", json!("{not json"), "The custom fields field must be a valid JSON string."),
        ("custom_fields", json!({"a": 1}), "The custom fields field must be a string."),
    ];
    for (field, value, message) in cases {
        let a = s.create(&with(valid_create(), field, value.clone())).await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{field}={value}: {}", a.text);
        let body = a.json();
        assert_eq!(body["message"], json!(message), "{field}={value}");
        assert_eq!(body["errors"][field], json!([message]), "{field}={value}");
    }
    // Several errors: Laravel's summary counts the rest.
    let a = s.create(&json!({"language": "xx"})).await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        a.json()["message"],
        json!("The selected language is invalid: it must be one of en, ru. (and 6 more errors)")
    );
    assert_eq!(a.json()["errors"].as_object().unwrap().len(), 7);
    // Nothing half-created.
    let list = s.send(Request::get("/sandbox/invoices").body(Body::empty()).unwrap()).await;
    assert_eq!(list.json()["data"], json!([]));
}

#[tokio::test]
async fn every_invalid_widget_query_is_a_422_naming_the_field() {
    let s = Sandbox::new();
    let cases = [
        ("project_id", "pr_1", "The project id field must be 16 characters."),
        ("currency", "EUR", "The selected currency is invalid: it must be one of usd, eur, rub, usdt, usdc, btc, eth."),
        ("language", "de", "The selected language is invalid: it must be one of en, ru."),
        ("amount", "0", "The amount field must be greater than 0."),
        ("amount", "abc", "The amount field must be a positive number."),
        ("amount", "", "The amount field is required."),
        ("order_id", "", "The order id field is required."),
    ];
    for (field, value, message) in cases {
        let query: Vec<String> = DOCS_QUERY
            .split('&')
            .map(|p| if p.starts_with(&format!("{field}=")) { format!("{field}={value}") } else { p.to_owned() })
            .collect();
        let a = s.get(&format!("/v1/widget?{}", query.join("&")), Some(DEMO_KEY)).await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{field}={value}");
        assert_eq!(a.json()["errors"][field], json!([message]), "{field}={value}");
    }
    let a = s.get("/v1/widget", Some(DEMO_KEY)).await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(a.json()["errors"].as_object().unwrap().len(), 5);
    let a = s
        .get("/v1/widget?project_id=pr_0000000000000&currency=eur&language=en&amount=11&order_id=1", Some(DEMO_KEY))
        .await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    assert_eq!(a.json()["message"], json!("Project does not exist or does not belong to this key"));
}

#[tokio::test]
async fn bodies_that_are_not_json_objects_are_400_not_500() {
    let s = Sandbox::new();
    for raw in ["{", "[1,2]", "\"text\"", "null", "\u{0}"] {
        let a = s
            .send(
                Request::post("/v1/invoices")
                    .header("Authorization", format!("Bearer {DEMO_KEY}"))
                    .header("Content-Type", "application/json")
                    .body(Body::from(raw))
                    .unwrap(),
            )
            .await;
        assert_eq!(a.status, StatusCode::BAD_REQUEST, "{raw:?}: {}", a.text);
        assert_eq!(a.json()["status"], json!(false));
    }
    // A PHP form body works like JSON.
    let form = "language=en&input_amount=11&currency=eur&cryptocurrency=btc&project_id=pr_64e5a94d9c3f4&order_id=ORD_1&network=btc";
    let a = s
        .send(
            Request::post("/v1/invoices")
                .header("Authorization", format!("Bearer {DEMO_KEY}"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body(Body::from(form))
                .unwrap(),
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text);
    assert_eq!(a.json()["data"]["amount"], json!("0.000451"));
}

#[tokio::test]
async fn unknown_routes_and_methods_answer_json() {
    let s = Sandbox::new();
    let a = s.get("/v1/nothing", Some(DEMO_KEY)).await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
    assert_eq!(a.json()["status"], json!(false));
    let a = s.post("/v1/widget", Some(DEMO_KEY), &json!({})).await;
    assert_eq!(a.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(a.json()["status"], json!(false));
}

#[tokio::test]
async fn an_invoice_is_created_in_the_contract_shape_and_read_back() {
    let s = Sandbox::new();
    let a = s.create(&valid_create()).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text);
    let body = a.json();
    assert_eq!(body["status"], json!(true));
    let inv = &body["data"];
    let id = inv["id"].as_str().unwrap().to_owned();
    assert!(id.starts_with("in_") && id.len() == 16, "{id}");
    for (field, value) in [
        ("status", json!("pending")),
        ("project_id", json!("pr_64e5a94d9c3f4")),
        ("order_id", json!("ORD_123")),
        ("input_amount", json!("11")),
        ("currency", json!("eur")),
        ("cryptocurrency", json!("usdt")),
        ("network", json!("trc20")),
        ("amount", json!("11.944214")),
        ("amount_paid", json!("0")),
        ("confirmations", json!(0)),
        ("confirmations_required", json!(1)),
        ("success_url", json!("https://api.getcrypto.finance/success")),
        ("fail_url", json!("https://api.getcrypto.finance/fail")),
    ] {
        assert_eq!(inv[field], value, "{field}");
    }
    let address = inv["address"].as_str().unwrap();
    assert!(address.starts_with('T') && address.len() == 34, "{address}");
    let created = inv["created_at"].as_str().unwrap();
    let expires = inv["expires_at"].as_str().unwrap();
    assert!(created.ends_with('Z') && expires.ends_with('Z') && created < expires);

    let again = s.get(&format!("/v1/invoices/{id}"), Some(DEMO_KEY)).await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.json(), body);

    // Another key cannot read it.
    let mut config = Config::default();
    config.keys.push("other".into());
    let s2 = Sandbox::with(config);
    let mine = s2.create(&valid_create()).await.json()["data"]["id"].as_str().unwrap().to_owned();
    let theirs = s2.get(&format!("/v1/invoices/{mine}"), Some("other")).await;
    assert_eq!(theirs.status, StatusCode::BAD_REQUEST);
    assert_eq!(theirs.json()["message"], json!(getcrypto_api::examples::INVOICE_NOT_FOUND_MESSAGE));
}

#[tokio::test]
async fn addresses_follow_each_network() {
    let s = Sandbox::new();
    for (coin, network, prefix, len) in [
        ("btc", "btc", "bc1q", 42),
        ("eth", "eth", "0x", 42),
        ("usdc", "erc20", "0x", 42),
        ("usdt", "bep20", "0x", 42),
        ("usdc", "trc20", "T", 34),
    ] {
        let body = with(with(valid_create(), "cryptocurrency", json!(coin)), "network", json!(network));
        let a = s.create(&body).await;
        let address = a.json()["data"]["address"].as_str().unwrap().to_owned();
        assert!(address.starts_with(prefix) && address.len() == len, "{coin}/{network}: {address}");
    }
}

#[tokio::test]
async fn the_controls_drive_an_invoice_through_every_status() {
    let s = Sandbox::new();
    let btc = with(with(valid_create(), "cryptocurrency", json!("btc")), "network", json!("btc"));
    let id = s.create(&btc).await.json()["data"]["id"].as_str().unwrap().to_owned();
    let status = |a: &Answer| {
        (
            a.json()["data"]["status"].clone(),
            a.json()["data"]["amount_paid"].clone(),
            a.json()["data"]["confirmations"].clone(),
        )
    };

    let a = s.act(&id, "confirm").await;
    assert_eq!(a.status, StatusCode::CONFLICT, "nothing paid yet: {}", a.text);
    let a = s.act(&id, "pay-part").await;
    assert_eq!(status(&a), (json!("underpaid"), json!("0.000225"), json!(0)));
    let a = s.act(&id, "pay").await;
    assert_eq!(status(&a), (json!("confirming"), json!("0.000451"), json!(0)));
    let a = s.act(&id, "expire").await;
    assert_eq!(a.status, StatusCode::CONFLICT, "a paid invoice does not expire");
    let a = s.act(&id, "confirm").await;
    assert_eq!(status(&a), (json!("confirming"), json!("0.000451"), json!(1)));
    let a = s.act(&id, "confirm").await;
    assert_eq!(status(&a), (json!("paid"), json!("0.000451"), json!(2)));
    let read = s.get(&format!("/v1/invoices/{id}"), Some(DEMO_KEY)).await;
    assert_eq!(read.json()["data"]["status"], json!("paid"));
    assert_eq!(s.act(&id, "pay").await.status, StatusCode::CONFLICT);

    let id2 = s.create(&valid_create()).await.json()["data"]["id"].as_str().unwrap().to_owned();
    let a = s.act(&id2, "expire").await;
    assert_eq!(a.json()["data"]["status"], json!("expired"));
    assert_eq!(s.get(&format!("/v1/invoices/{id2}"), Some(DEMO_KEY)).await.json()["data"]["status"], json!("expired"));

    let a = s
        .send(Request::post(format!("/sandbox/invoices/{id}/pay")).body(Body::from(r#"{"amount": "1"}"#)).unwrap())
        .await;
    assert_eq!(a.status, StatusCode::CONFLICT);
    assert_eq!(s.act("in_nothing", "pay").await.status, StatusCode::BAD_REQUEST);
    assert_eq!(s.act(&id, "refund").await.status, StatusCode::NOT_FOUND);
    let page = s.send(Request::get("/sandbox/").body(Body::empty()).unwrap()).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains("Pay in full"));
}

#[tokio::test]
async fn an_exact_amount_can_be_paid_and_invoices_expire_on_time() {
    let s = Sandbox::new();
    let id = s.create(&valid_create()).await.json()["data"]["id"].as_str().unwrap().to_owned();
    let a = s
        .send(Request::post(format!("/sandbox/invoices/{id}/pay")).body(Body::from(r#"{"amount": "1.5"}"#)).unwrap())
        .await;
    assert_eq!(a.json()["data"]["amount_paid"], json!("1.5"));
    assert_eq!(a.json()["data"]["status"], json!("underpaid"));
    let a = s
        .send(Request::post(format!("/sandbox/invoices/{id}/pay")).body(Body::from(r#"{"amount": "-1"}"#)).unwrap())
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);

    // An invoice whose time has passed reads as expired without any action.
    let s = Sandbox::with(Config { invoice_ttl: -1, ..Config::default() });
    let created = s.create(&valid_create()).await;
    let id = created.json()["data"]["id"].as_str().unwrap().to_owned();
    assert_eq!(s.get(&format!("/v1/invoices/{id}"), Some(DEMO_KEY)).await.json()["data"]["status"], json!("expired"));
}

#[tokio::test]
async fn serves_the_demo_page_and_dist() {
    let s = Sandbox::new();
    let a = s.get("/", None).await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a.text.contains("GetCrypto.init("), "the demo page calls init");
    assert!(a.text.contains("/dist/getcrypto.js"));
}

#[tokio::test]
async fn the_openapi_document_is_served_and_matches_the_bodies() {
    let s = Sandbox::new();
    let a = s.get("/openapi.json", None).await;
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(a.header("content-type"), Some("application/json"));
    let doc = a.json();
    assert_eq!(doc["openapi"], json!("3.1.0"));
    let paths: Vec<&str> = doc["paths"].as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(paths, ["/v1/invoices", "/v1/invoices/{invoice_id}", "/v1/widget"]);
    assert!(doc["webhooks"]["invoicePaid"]["post"].is_object());
    // Every field the sandbox writes in an invoice is in the schema, and
    // every field the schema requires is written.
    let created = s.create(&valid_create()).await.json();
    let mut written: Vec<String> = created["data"].as_object().unwrap().keys().cloned().collect();
    let mut required: Vec<String> = doc["components"]["schemas"]["Invoice"]["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect();
    written.sort();
    required.sort();
    assert_eq!(written, required);
    let statuses = &doc["components"]["schemas"]["Status"]["enum"];
    assert_eq!(statuses, &json!(["pending", "confirming", "underpaid", "paid", "expired"]));
}

#[tokio::test]
async fn auto_pay_pays_and_confirms_new_invoices_by_itself() {
    let s = Sandbox::with(Config { auto_pay_after: Some(std::time::Duration::from_millis(10)), ..Config::default() });
    let btc = with(with(valid_create(), "cryptocurrency", json!("btc")), "network", json!("btc"));
    let id = s.create(&btc).await.json()["data"]["id"].as_str().unwrap().to_owned();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        // The controls' listing is not rate-limited, unlike the API.
        let list = s.get("/sandbox/invoices", None).await.json();
        let inv = list["data"][0].clone();
        assert_eq!(inv["id"], json!(id));
        if inv["status"] == json!("paid") {
            assert_eq!(inv["amount_paid"], json!("0.000451"));
            assert_eq!(inv["confirmations"], json!(2));
            break;
        }
        assert!(std::time::Instant::now() < deadline, "not paid: {inv}");
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
}

/// The built widget goes out in the smallest form the browser takes: the
/// `.br` or `.gz` file written beside it, with the original's type, so
/// that the browser can still compile the wasm while it streams in.
#[tokio::test]
async fn the_widget_files_go_out_precompressed() {
    let root = std::env::temp_dir().join(format!("getcrypto-precompressed-{}", std::process::id()));
    let dist = root.join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(dist.join("getcrypto_bg.wasm"), b"\0asm plain").unwrap();
    std::fs::write(dist.join("getcrypto_bg.wasm.br"), b"brotli bytes").unwrap();
    std::fs::write(dist.join("getcrypto_bg.wasm.gz"), b"gzip bytes").unwrap();
    let router = app(AppState::new(Config::default()), root.clone());
    for (accept, encoding, body) in [
        (Some("gzip, deflate, br, zstd"), Some("br"), &b"brotli bytes"[..]),
        (Some("gzip"), Some("gzip"), &b"gzip bytes"[..]),
        (None, None, &b"\0asm plain"[..]),
    ] {
        let mut req = Request::get("/dist/getcrypto_bg.wasm");
        if let Some(accept) = accept {
            req = req.header("Accept-Encoding", accept);
        }
        let res = router.clone().oneshot(req.body(Body::empty()).unwrap()).await.unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(res.headers()["content-type"], "application/wasm");
        assert_eq!(res.headers().get("content-encoding").map(|v| v.to_str().unwrap()), encoding, "{accept:?}");
        assert_eq!(res.into_body().collect().await.unwrap().to_bytes(), body, "{accept:?}");
    }
    std::fs::remove_dir_all(root).unwrap();
}

/// A file named by its content is kept by browsers and CDNs for good; the
/// head script, whose name stays, only for minutes, so a new build reaches
/// payers soon.
#[tokio::test]
async fn hashed_files_are_immutable_and_the_head_script_is_not() {
    let root = std::env::temp_dir().join(format!("getcrypto-cache-{}", std::process::id()));
    let dist = root.join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(dist.join("getcrypto_bg.0123456789abcdef.wasm"), b"\0asm").unwrap();
    std::fs::write(dist.join("getcrypto.js"), b"/* head */").unwrap();
    let router = app(AppState::new(Config::default()), root.clone());
    for (path, policy) in [
        ("/dist/getcrypto_bg.0123456789abcdef.wasm", "public, max-age=31536000, immutable"),
        ("/dist/getcrypto.js", "public, max-age=300"),
    ] {
        let res = router.clone().oneshot(Request::get(path).body(Body::empty()).unwrap()).await.unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        assert_eq!(res.headers()["cache-control"], policy, "{path}");
    }
    let missing = router.oneshot(Request::get("/dist/nothing.js").body(Body::empty()).unwrap()).await.unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert!(missing.headers().get("cache-control").is_none(), "a 404 is not cached for five minutes");
    std::fs::remove_dir_all(root).unwrap();
}
