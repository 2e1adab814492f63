//! The loader's early `v1/widget` (`widgetRequest` in `www/load/early.js`,
//! with `pickLanguage` from `www/load/languages.js`, run by Node) against the widget's own rules and URL (Rust), over thousands of
//! generated `init` arguments, near-valid ones most of all: whenever the
//! loader would send early, the widget accepts the same arguments and
//! builds byte for byte the same URL with the same key. The loader may
//! decline where the widget would accept; never the other way round.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test fails for the developer")]

use getcrypto_widget::http::widget_url;
use getcrypto_widget::lang::{resolve, SHIPPED};
use getcrypto_widget::params::{Params, RawValue};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use serde_json::{json, Map, Value};
use std::io::Write;
use std::process::{Command, Stdio};

fn text(pattern: &'static str) -> BoxedStrategy<Value> {
    pattern.prop_map(Value::String).boxed()
}

fn fixed(values: &[Value]) -> BoxedStrategy<Value> {
    proptest::sample::select(values.to_vec()).boxed()
}

/// A field: usually one of `good`, sometimes anything near it.
fn field(good: &[Value], near: Vec<BoxedStrategy<Value>>) -> BoxedStrategy<Option<Value>> {
    let others = [json!(null), json!(true), json!(5), json!([1]), json!({ "a": 1 }), json!("")];
    let mut choices: Vec<(u32, BoxedStrategy<Value>)> = vec![(40, fixed(good)), (1, fixed(&others))];
    choices.extend(near.into_iter().map(|s| (2, s)));
    proptest::option::weighted(0.95, proptest::strategy::Union::new_weighted(choices)).boxed()
}

fn amounts() -> Vec<BoxedStrategy<Value>> {
    vec![
        (0.0f64..2e9).prop_map(|n| json!(n)).boxed(),
        (0u64..2_000_000_000).prop_map(|n| json!(n)).boxed(),
        (1e-10f64..1e-5).prop_map(|n| json!(n)).boxed(),
        prop_oneof![Just(1e21), Just(1e9), Just(1e9 + 0.5), Just(1e-8), Just(0.1 + 0.2), Just(-1.0), Just(0.0)]
            .prop_map(|n| json!(n))
            .boxed(),
        text("[0-9]{1,11}(\\.[0-9]{0,10})?"),
        text("[ +-]?[0-9.eE+-]{1,8} ?"),
        fixed(&[json!("11.50"), json!("011"), json!("1e2"), json!(".5"), json!("5."), json!("0.00000001")]),
    ]
}

/// The browser's `navigator.languages`.
fn preferred() -> impl Strategy<Value = Vec<String>> {
    proptest::collection::vec(
        prop_oneof![
            4 => proptest::sample::select(vec!["en-US", "ru-RU", "de", "pt-BR", "zh-HK", "sw", "fr-CA", "x"]).prop_map(str::to_owned),
            1 => "[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8}){0,2}",
            1 => "\\PC{0,5}",
        ],
        0..4,
    )
}

fn case() -> impl Strategy<Value = (String, Value)> {
    let key = prop_oneof![
        16 => Just("sandbox_demo_key".to_owned()),
        2 => "[ -~]{0,12}",
        1 => "\\PC{0,6}",
        1 => prop_oneof![Just(String::new()), Just("  ".into()), Just("a key".into()), Just("\u{85}k".into())],
    ];
    let project = field(
        &[json!("pr_64e5a94d9c3f4")],
        vec![text("pr_[a-z0-9]{13}"), text("pr_\\PC{11,14}"), text("[a-z_]{0,18}")],
    );
    let currency = field(
        &["usd", "eur", "rub", "usdt", "usdc", "btc", "eth"].map(|c| json!(c)),
        vec![fixed(&[json!("EUR"), json!("gbp"), json!(" eur")])],
    );
    let language = field(
        &[json!("en"), json!("ru"), json!("auto"), json!("de"), json!("ar")],
        vec![
            fixed(&[json!("EN"), json!("ru "), json!("pt-PT"), json!("zh-Hant-HK"), json!("AUTO"), json!("ru_RU")]),
            text("[a-zA-Z]{1,4}(-[a-zA-Z0-9]{0,9}){0,3}"),
            text("\\PC{0,6}"),
        ],
    );
    let amount = field(&[json!(11), json!("11"), json!(0.000451), json!("1000000000")], amounts());
    let order = field(
        &[json!("ORD_123")],
        vec![
            text("[ -~]{0,20}"),
            text("\\PC{0,12}"),
            fixed(&[json!(" "), json!("\u{85}"), json!("\u{feff}"), json!("\u{a0}"), json!("a\u{0}b")]),
            text("[a-z]{250,260}"),
        ],
    );
    let custom = proptest::option::weighted(
        0.4,
        prop_oneof![
            fixed(&[json!(r#"{"a":1}"#), json!({ "plan": "pro", "n": [1, 2.5] }), json!("[]"), json!("1")]),
            fixed(&[json!("{x"), json!([1]), json!(true), json!(7), json!(null), json!(" {} ")]),
            text("[ -~]{0,12}"),
        ],
    );
    let base = field(
        &[json!("http://127.0.0.1:8080"), json!("https://api.getcrypto.finance/")],
        vec![
            text("https?://[ -~]{0,16}"),
            text("\\PC{0,12}"),
            fixed(&[
                json!("https://"),
                json!("https:///x"),
                json!("javascript:alert(1)"),
                json!(" https://a.b"),
                json!("HTTP://A.B//"),
                json!("https://a\\b"),
            ]),
        ],
    );
    let after_paid = proptest::option::weighted(
        0.3,
        prop_oneof![
            fixed(&[json!("redirect"), json!("button"), json!("stay")]),
            fixed(&[json!("leave"), json!("Stay"), json!(""), json!(true), json!(1), json!(null)]),
        ],
    );
    (key, project, currency, language, amount, order, custom, base, after_paid, preferred()).prop_map(
        |(key, project, currency, language, amount, order, custom, base, after_paid, preferred)| {
            let mut p = Map::new();
            p.insert("navigator_languages".into(), json!(preferred));
            for (name, v) in [
                ("project_id", project),
                ("currency", currency),
                ("language", language),
                ("amount", amount),
                ("order_id", order),
                ("custom_fields", custom),
                ("api_base", base),
                ("after_paid", after_paid),
            ] {
                if let Some(v) = v {
                    p.insert(name.into(), v);
                }
            }
            (key, Value::Object(p))
        },
    )
}

/// What the loader decides for each case, and `JSON.stringify` of an object
/// `custom_fields`, as the widget's boundary reads it in the browser.
fn loader_decisions(cases: &[(String, Value)]) -> Vec<Value> {
    let modules = concat!(env!("CARGO_MANIFEST_DIR"), "/www/load/");
    // Both modules import nothing; Node 20 reads a `.js` file as CommonJS,
    // so each is run as a function body with its `export`s dropped.
    let script = r#"
        const fs = require("fs");
        const [shipped, ...cases] = JSON.parse(fs.readFileSync(0, "utf8"));
        const load = (file, names) => new Function(fs.readFileSync(process.argv[1] + file, "utf8")
          .replace(/^export /gm, "") + "; return { " + names + " };")();
        const { pickLanguage } = load("languages.js", "pickLanguage");
        const { widgetRequest } = load("early.js", "widgetRequest");
        const out = cases.map(([key, params]) => {
          const c = params.custom_fields;
          const json = c && typeof c === "object" && !Array.isArray(c) ? JSON.stringify(c) : null;
          const prefs = params.navigator_languages;
          return {
            request: widgetRequest(key, params, pickLanguage(params.language, prefs, shipped)),
            lang: pickLanguage(params.language, prefs, shipped),
            custom_json: json,
          };
        });
        process.stdout.write(JSON.stringify(out));
    "#;
    let mut node = Command::new("node")
        .args(["-e", script, modules])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("node runs the loader (Node.js is on the machine)");
    let input: Vec<Value> = std::iter::once(json!(SHIPPED)).chain(cases.iter().map(|c| json!(c))).collect();
    node.stdin.take().unwrap().write_all(serde_json::to_string(&input).unwrap().as_bytes()).unwrap();
    let out = node.wait_with_output().unwrap();
    assert!(out.status.success(), "the loader threw");
    serde_json::from_slice(&out.stdout).unwrap()
}

/// A parameter as `boundary::raw` reads it from the same JavaScript value.
fn raw(params: &Value, name: &str, custom_json: &Value) -> RawValue {
    match params.get(name) {
        None | Some(Value::Null) => RawValue::Missing,
        Some(Value::String(s)) => RawValue::Text(s.clone()),
        Some(Value::Number(n)) => RawValue::Number(getcrypto_api::float::shortest_text(n.as_f64().unwrap())),
        Some(Value::Object(_)) if name == "custom_fields" => match custom_json {
            Value::String(json) => RawValue::Json(json.clone()),
            _ => RawValue::Other("object"),
        },
        Some(Value::Bool(_)) => RawValue::Other("boolean"),
        Some(_) => RawValue::Other("object"),
    }
}

#[test]
fn whenever_the_loader_sends_early_the_widget_sends_exactly_that() {
    let mut runner = TestRunner::deterministic();
    let strategy = case();
    let cases: Vec<(String, Value)> =
        (0..4000).map(|_| strategy.new_tree(&mut runner).expect("a case").current()).collect();
    let decisions = loader_decisions(&cases);
    assert_eq!(decisions.len(), cases.len());
    let (mut sent, mut accepted) = (0, 0);
    for ((key, params), decision) in cases.iter().zip(&decisions) {
        let preferred: Vec<String> = serde_json::from_value(params["navigator_languages"].clone()).unwrap();
        // The language file the loader fetches is the widget's language.
        let lang = params.get("language").and_then(Value::as_str).and_then(|l| resolve(l, &preferred).ok());
        let want = lang.map(|l| json!({ "tag": l.tag, "fellBack": l.fell_back })).unwrap_or(json!(false));
        let got = if decision["lang"].is_null() { json!(false) } else { decision["lang"].clone() };
        assert_eq!(got, want, "language {:?} with {preferred:?}", params.get("language"));
        let parsed = Params::parse(key, |name| raw(params, name, &decision["custom_json"]), &preferred);
        accepted += usize::from(parsed.is_ok());
        let request = &decision["request"];
        if request.is_null() {
            continue;
        }
        sent += 1;
        let p = parsed.unwrap_or_else(|e| panic!("sent early, but the widget refuses ({e}): {key:?} {params}"));
        assert_eq!(request["url"], json!(widget_url(&p.api_base, &p.query)), "{key:?} {params}");
        assert_eq!(request["key"], json!(p.api_key), "{key:?} {params}");
    }
    // The generator reaches both sides: many sent early, many refused.
    assert!(sent * 8 > cases.len(), "only {sent} of {} were sent early", cases.len());
    assert!(accepted < cases.len() * 9 / 10, "only {} refused", cases.len() - accepted);
    eprintln!("{} cases: {accepted} accepted by the widget, {sent} of them sent early", cases.len());
}
