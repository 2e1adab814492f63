//! Every example request in the GetCrypto docs (curl, PHP Guzzle, fetch,
//! Python requests), read out of the docs' own text and sent to the sandbox
//! as written: each gets the answer the docs show, or, where the example
//! breaks the docs' own rules, a 422 that says so.
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
use serde_json::{Map, Value};
use tower::ServiceExt;

fn docs() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/getcrypto-api-docs.txt");
    std::fs::read_to_string(path).expect("docs/getcrypto-api-docs.txt, the docs as published")
}

/// The bracketed block that starts at the first `open` after `marker`,
/// skipping brackets inside quoted strings.
fn block<'a>(text: &'a str, marker: &str, open: char, close: char) -> &'a str {
    let at = text.find(marker).unwrap_or_else(|| panic!("{marker} is in the docs"));
    let start = at + text[at..].find(open).expect("an opening bracket");
    let (mut depth, mut quote, mut escaped) = (0, None::<char>, false);
    for (i, c) in text[start..].char_indices() {
        match quote {
            Some(q) => {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                }
            }
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == open => depth += 1,
            None if c == close => {
                depth -= 1;
                if depth == 0 {
                    return &text[start..=start + i];
                }
            }
            None => {}
        }
    }
    panic!("unclosed block after {marker}")
}

/// An object literal of scalars as PHP, JavaScript or Python write it
/// (`['k' => 'v']`, `{"k": "v",}`, `{'k': 9}`), as a JSON object.
fn scalar_object(literal: &str) -> Value {
    fn quoted(s: &str) -> (String, &str) {
        let q = s.chars().next().expect("a quote");
        let mut out = String::new();
        let mut chars = s[1..].char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => {
                    if let Some((_, n)) = chars.next() {
                        out.push(n);
                    }
                }
                c if c == q => return (out, &s[1 + i + 1..]),
                c => out.push(c),
            }
        }
        panic!("unterminated string in {s}")
    }
    let mut out = Map::new();
    let mut rest = &literal[1..literal.len() - 1];
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == ',');
        if rest.is_empty() {
            return Value::Object(out);
        }
        let (key, after) = quoted(rest);
        let after = after.trim_start();
        let after = after.strip_prefix("=>").or_else(|| after.strip_prefix(':')).expect("a separator").trim_start();
        let (value, after) = if after.starts_with(['\'', '"']) {
            let (v, a) = quoted(after);
            (Value::String(v), a)
        } else {
            let n: String = after.chars().take_while(|c| c.is_ascii_digit() || *c == '.' || *c == '-').collect();
            (serde_json::from_str(&n).expect("a number"), &after[n.len()..])
        };
        out.insert(key, value);
        rest = after;
    }
}

/// The shell string after `--data "`, unescaped as the shell would.
fn curl_data(text: &str) -> String {
    let start = text.find("--data \"").expect("curl --data") + "--data \"".len();
    let mut out = String::new();
    let mut chars = text[start..].chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(n @ ('"' | '\\' | '$' | '`')) => out.push(n),
                Some(n) => {
                    out.push('\\');
                    out.push(n);
                }
                None => break,
            },
            '"' => break,
            c => out.push(c),
        }
    }
    out
}

fn query_of(url: &str) -> String {
    url.split_once('?').map(|(_, q)| q.to_owned()).unwrap_or_default()
}

fn query_from_object(v: &Value) -> String {
    v.as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| format!("{k}={}", v.as_str().map(str::to_owned).unwrap_or_else(|| v.to_string())))
        .collect::<Vec<_>>()
        .join("&")
}

async fn send(req: Request<Body>) -> (StatusCode, Value) {
    let router = app(AppState::new(Config::default()), std::path::PathBuf::from("."));
    let res = router.oneshot(req).await.unwrap();
    let status = res.status();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    (status, serde_json::from_slice(&bytes).unwrap())
}

/// The docs' headers, with the example key replaced by the sandbox's.
fn request(method: &str, uri: &str) -> axum::http::request::Builder {
    Request::builder()
        .method(method)
        .uri(uri)
        .header("Authorization", format!("Bearer {DEMO_KEY}"))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
}

#[tokio::test]
async fn every_create_example_is_refused_for_sending_btc_over_bep20() {
    let d = docs();
    let curl: Value = serde_json::from_str(&curl_data(&d)).expect("curl's body is JSON");
    let php = scalar_object(block(&d, "'json' =>", '[', ']'));
    let fetch: Value = serde_json::from_str(block(&d, "let body =", '{', '}')).expect("fetch's body is JSON");
    let python: Value = serde_json::from_str(block(&d, "payload =", '{', '}')).expect("Python's payload is JSON");
    assert_eq!(curl, php, "curl and PHP send the same body");
    assert_eq!(curl, fetch, "curl and fetch send the same body");
    assert_eq!(curl, python, "curl and Python send the same body");
    assert_eq!((&curl["cryptocurrency"], &curl["network"]), (&Value::from("btc"), &Value::from("bep20")));

    for (name, body) in [("curl", &curl), ("php", &php), ("fetch", &fetch), ("python", &python)] {
        let (status, answer) = send(request("POST", "/v1/invoices").body(Body::from(body.to_string())).unwrap()).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{name}");
        assert_eq!(
            answer["errors"]["network"][0],
            "The network bep20 does not carry btc: the allowed networks for btc are btc.",
            "{name}"
        );
        assert_eq!(answer["errors"].as_object().unwrap().len(), 1, "{name}: only the network is wrong");
    }
    let mut fixed = curl.clone();
    fixed["network"] = "btc".into();
    let (status, answer) = send(request("POST", "/v1/invoices").body(Body::from(fixed.to_string())).unwrap()).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(
        answer["data"]["custom_fields"],
        Value::Null,
        "custom_fields stay with the merchant, not in the invoice body"
    );
}

#[tokio::test]
async fn every_widget_example_gets_the_documented_answer() {
    let d = docs();
    let widget_url = {
        let at = d.find("--get \"https://api.getcrypto.finance/v1/widget").unwrap() + "--get \"".len();
        d[at..at + d[at..].find('"').unwrap()].to_owned()
    };
    let curl = query_of(&widget_url);
    let php = query_from_object(&scalar_object(block(&d, "'query' =>", '[', ']')));
    let fetch = query_from_object(&scalar_object(block(&d, "const params =", '{', '}')));
    let python = query_from_object(&scalar_object(block(&d, "\nparams = ", '{', '}')));
    let documented: Value = serde_json::from_str(block(&d, "Пример ответа (200):", '{', '}')).unwrap();
    for (name, query) in [("curl", curl), ("php", php), ("fetch", fetch), ("python", python)] {
        let (status, answer) = send(request("GET", &format!("/v1/widget?{query}")).body(Body::empty()).unwrap()).await;
        assert_eq!(status, StatusCode::OK, "{name}: {query}");
        assert_eq!(answer, documented, "{name}");
    }
}

#[tokio::test]
async fn every_invoice_example_gets_the_documented_400() {
    let d = docs();
    let at = d.find("--get \"https://api.getcrypto.finance/v1/invoices/").unwrap()
        + "--get \"https://api.getcrypto.finance".len();
    let path = &d[at..at + d[at..].find('"').unwrap()];
    assert_eq!(path, "/v1/invoices/in_64e5a94d9c3f4");
    for other in [
        "$client->get(\n    'https://api.getcrypto.finance/v1/invoices/in_64e5a94d9c3f4'",
        "\"https://api.getcrypto.finance/v1/invoices/in_64e5a94d9c3f4\"\n);",
        "url = 'https://api.getcrypto.finance/v1/invoices/in_64e5a94d9c3f4'",
    ] {
        assert!(d.contains(other), "PHP, fetch and Python ask for the same invoice");
    }
    let documented: Value = serde_json::from_str(block(&d, "Пример ответа (400):", '{', '}')).unwrap();
    let (status, answer) = send(request("GET", path).body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(answer, documented);
}
