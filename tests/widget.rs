//! The widget in a real browser, mounted through `init` into a fresh
//! element, against a fake `fetch` that records every request: what the
//! payer sees and what the API receives.
#![cfg(target_arch = "wasm32")]

use getcrypto_widget::boundary::init;
use gloo_timers::future::TimeoutFuture;
use js_sys::{Function, JSON};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

use getcrypto_api::examples::WIDGET_RESPONSE as DOCS_WIDGET;

/// Runs `body` as a JavaScript function body.
fn js(body: &str) -> JsValue {
    Function::new_no_args(body).call0(&JsValue::NULL).expect("script runs")
}

/// Replaces `fetch` with one that answers from `routes` (method, path
/// prefix, status, body, headers) and records each request.
fn fake_api(routes: &str) {
    js(&format!(
        r#"
        window.__gc = {{ requests: [], routes: {routes} }};
        window.fetch = async function (input, init) {{
            const req = input instanceof Request ? input : new Request(input, init);
            const url = new URL(req.url);
            const body = req.method === "GET" ? null : await req.clone().text();
            window.__gc.requests.push({{ method: req.method, path: url.pathname, query: url.search,
                auth: req.headers.get("authorization"), type: req.headers.get("content-type"), body }});
            for (const r of window.__gc.routes) {{
                if (r.method === req.method && url.pathname.startsWith(r.path)) {{
                    if (r.never) return new Promise(() => {{}});
                    if (r.offline) throw new TypeError("Failed to fetch");
                    return new Response(r.body, {{ status: r.status, headers: Object.assign({{ "content-type": "application/json" }}, r.headers || {{}}) }});
                }}
            }}
            return new Response('{{"status":false,"message":"no route"}}', {{ status: 404 }});
        }};
        "#
    ));
}

fn requests() -> Vec<serde_json::Value> {
    let v = js("return JSON.stringify(window.__gc.requests);").as_string().unwrap();
    serde_json::from_str(&v).unwrap()
}

fn route(method: &str, path: &str, status: u16, body: &str) -> String {
    format!(
        r#"{{"method":"{method}","path":"{path}","status":{status},"body":{}}}"#,
        JSON::stringify(&JsValue::from_str(body)).unwrap().as_string().unwrap()
    )
}

fn invoice(status: &str, extra: &str) -> String {
    format!(
        r#"{{"status":true,"data":{{"id":"in_64e5a94d9c3f4","status":"{status}","project_id":"pr_64e5a94d9c3f4","order_id":"ORD_123","input_amount":"11","currency":"eur","cryptocurrency":"usdt","network":"trc20","amount":"11.944214","amount_paid":"0","address":"TTYj9tqNtCrb9nay5vwnkQp2dBAPvW48TJ","confirmations":0,"confirmations_required":1,"created_at":"2026-11-23T10:00:00Z","expires_at":"2099-11-23T10:30:00Z","success_url":"https://shop.example/ok","fail_url":"https://shop.example/fail"{extra}}}}}"#
    )
}

/// A fresh mount element with a unique id, plus an event recorder.
fn mount_point() -> String {
    let id = js("window.__n = (window.__n || 0) + 1; return 'gc-test-' + window.__n;").as_string().unwrap();
    js(&format!(
        "const el = document.createElement('div'); el.id = '{id}'; document.body.appendChild(el);
         el.__events = [];
         for (const n of ['ready','invoice','status','paid','expired','error'])
             el.addEventListener('getcrypto:' + n, (e) => el.__events.push({{ name: n, detail: e.detail }}));"
    ));
    id
}

fn params(extra: &str) -> JsValue {
    let base = r#"{"project_id":"pr_64e5a94d9c3f4","amount":11,"currency":"eur","order_id":"ORD_123","language":"en","api_base":"https://api.test""#;
    JSON::parse(&format!("{base}{extra}}}")).unwrap()
}

/// The text of the widget's shadow root.
fn text(id: &str) -> String {
    js(&format!(
        "const e = document.getElementById('{id}'); const r = e.shadowRoot || e;
         return [...r.querySelectorAll('.gc-widget > :not(style)')].map((n) => n.textContent).join(' ');"
    ))
    .as_string()
    .unwrap_or_default()
}

fn exists(id: &str, selector: &str) -> bool {
    js(&format!("return !!document.getElementById('{id}').shadowRoot.querySelector({selector:?});")).as_bool()
        == Some(true)
}

fn click(id: &str, selector: &str) {
    js(&format!("document.getElementById('{id}').shadowRoot.querySelector({selector:?}).click();"));
}

fn events(id: &str) -> Vec<serde_json::Value> {
    let v = js(&format!("return JSON.stringify(document.getElementById('{id}').__events);")).as_string().unwrap();
    serde_json::from_str(&v).unwrap()
}

/// Waits, without sleeping a fixed time, until `cond` holds: rendering is
/// flushed and the event loop turned between checks, for at most 3 s.
async fn until(what: &str, cond: impl Fn() -> bool) {
    for _ in 0..300 {
        yew::scheduler::flush().await;
        if cond() {
            return;
        }
        TimeoutFuture::new(10).await;
    }
    panic!("timed out waiting for {what}");
}

async fn loaded(id: &str) {
    until("the coins", || exists(id, "[data-coin=usdt]")).await;
}

#[wasm_bindgen_test]
async fn renders_the_docs_example() {
    fake_api(&format!("[{}]", route("GET", "/v1/widget", 200, DOCS_WIDGET)));
    let id = mount_point();
    let widget = init("KEY".into(), id.as_str().into(), params("")).unwrap();
    yew::scheduler::flush().await;
    assert!(exists(&id, ".gc-skeleton"), "the skeleton shows while v1/widget is in flight");
    loaded(&id).await;
    let t = text(&id);
    for expected in [
        "Test",
        "Order ORD_123",
        "11\u{a0}EUR",
        "USDT",
        "11.944214\u{a0}USDT",
        "11.941625\u{a0}USDC",
        "0.000451\u{a0}BTC",
        "0.007131\u{a0}ETH",
    ] {
        assert!(t.contains(expected), "{expected:?} missing from {t:?}");
    }
    assert!(!t.contains("4.51e-4") && !t.contains("0.00045\u{a0}"));
    let req = &requests()[0];
    assert_eq!(req["path"], "/v1/widget");
    assert_eq!(req["query"], "?project_id=pr_64e5a94d9c3f4&currency=eur&language=en&amount=11&order_id=ORD_123");
    assert_eq!(req["auth"], "Bearer KEY");

    click(&id, "[data-coin=usdc]");
    until("the networks", || exists(&id, "[data-network=erc20]")).await;
    let t = text(&id);
    for n in ["BEP20", "TRC20", "ERC20"] {
        assert!(t.contains(n), "{n} missing");
    }
    click(&id, "[data-coin=btc]");
    until("the BTC network chosen by itself", || text(&id).contains("Send BTC only on the BTC network")).await;
    assert!(!exists(&id, "[data-network]"), "a single network needs no choice");
    assert!(events(&id).iter().any(|e| e["name"] == "ready"));
    widget.destroy();
    assert_eq!(text(&id), "", "destroy() empties the element");
}

#[wasm_bindgen_test]
async fn sends_the_documented_invoice_body_once() {
    fake_api(&format!(
        "[{}, {}]",
        route("GET", "/v1/widget", 200, DOCS_WIDGET),
        route("POST", "/v1/invoices", 200, &invoice("pending", ""))
    ));
    let id = mount_point();
    let widget = init("KEY".into(), id.as_str().into(), params(r#","custom_fields":{"a":1}"#)).unwrap();
    loaded(&id).await;
    click(&id, "[data-coin=usdt]");
    until("the networks", || exists(&id, "[data-network=trc20]")).await;
    click(&id, "[data-network=trc20]");
    until("the pay button", || exists(&id, ".gc-pay")).await;
    assert!(text(&id).contains("Pay 11.944214\u{a0}USDT"));
    click(&id, ".gc-pay");
    click(&id, ".gc-pay");
    until("the payment details", || exists(&id, ".gc-address")).await;
    let posts: Vec<_> = requests().into_iter().filter(|r| r["method"] == "POST").collect();
    assert_eq!(posts.len(), 1, "one invoice, however many clicks");
    assert_eq!(posts[0]["path"], "/v1/invoices");
    assert_eq!(posts[0]["type"], "application/json");
    let body: serde_json::Value = serde_json::from_str(posts[0]["body"].as_str().unwrap()).unwrap();
    assert_eq!(
        body,
        serde_json::json!({
            "language": "en", "input_amount": 11, "currency": "eur", "cryptocurrency": "usdt",
            "project_id": "pr_64e5a94d9c3f4", "order_id": "ORD_123", "network": "trc20",
            "custom_fields": "{\"a\":1}"
        })
    );
    let ev = events(&id);
    assert!(ev.iter().any(|e| e["name"] == "invoice" && e["detail"]["id"] == "in_64e5a94d9c3f4"));
    widget.destroy();
}

/// Mounts a widget whose invoice comes back with `status` and `extra`
/// fields, and returns the element id once the invoice shows.
async fn with_invoice(status: &str, extra: &str) -> (String, getcrypto_widget::boundary::Widget) {
    fake_api(&format!(
        "[{}, {}, {}]",
        route("GET", "/v1/widget", 200, DOCS_WIDGET),
        route("POST", "/v1/invoices", 200, &invoice(status, extra)),
        route("GET", "/v1/invoices/", 200, &invoice(status, extra))
    ));
    let id = mount_point();
    let widget = init("KEY".into(), id.as_str().into(), params("")).unwrap();
    loaded(&id).await;
    click(&id, "[data-coin=usdt]");
    until("the networks", || exists(&id, "[data-network=trc20]")).await;
    click(&id, "[data-network=trc20]");
    until("the pay button", || exists(&id, ".gc-pay")).await;
    click(&id, ".gc-pay");
    until("the invoice", || !exists(&id, ".gc-pay")).await;
    yew::scheduler::flush().await;
    (id, widget)
}

#[wasm_bindgen_test]
async fn pending_shows_address_amount_network_qr_copy_and_time() {
    let (id, widget) = with_invoice("pending", "").await;
    let t = text(&id);
    for expected in [
        "TRC20",
        "Send USDT only on the TRC20 network",
        "Send exactly",
        "11.944214",
        "Waiting for your payment",
        "Time left",
        "Copy",
    ] {
        assert!(t.contains(expected), "{expected:?} missing from {t:?}");
    }
    let address =
        js(&format!("return document.getElementById('{id}').shadowRoot.querySelector('.gc-address').dataset.address;"));
    assert_eq!(address.as_string().unwrap(), "TTYj9tqNtCrb9nay5vwnkQp2dBAPvW48TJ");
    let uri = js(&format!("return document.getElementById('{id}').shadowRoot.querySelector('.gc-qr').dataset.uri;"));
    assert_eq!(uri.as_string().unwrap(), "TTYj9tqNtCrb9nay5vwnkQp2dBAPvW48TJ");
    assert!(exists(&id, ".gc-qr path"));
    assert_eq!(
        js(&format!("return document.getElementById('{id}').shadowRoot.querySelectorAll('.gc-copy-button').length;"))
            .as_f64(),
        Some(2.0)
    );
    widget.destroy();
}

#[wasm_bindgen_test]
async fn underpaid_shows_what_is_still_due_with_a_new_qr() {
    let (id, widget) =
        with_invoice("underpaid", r#","amount_paid":"5.972107","cryptocurrency":"eth","network":"eth""#).await;
    let t = text(&id);
    assert!(t.contains("Received 5.972107\u{a0}ETH. Still due: 5.972107\u{a0}ETH"), "{t}");
    let uri = js(&format!("return document.getElementById('{id}').shadowRoot.querySelector('.gc-qr').dataset.uri;"));
    assert_eq!(uri.as_string().unwrap(), "ethereum:TTYj9tqNtCrb9nay5vwnkQp2dBAPvW48TJ?value=5972107000000000000");
    widget.destroy();
}

#[wasm_bindgen_test]
async fn confirming_shows_n_of_m() {
    let (id, widget) =
        with_invoice("confirming", r#","amount_paid":"11.944214","confirmations":1,"confirmations_required":3"#).await;
    assert!(text(&id).contains("Waiting for confirmations: 1 of 3"), "{}", text(&id));
    assert!(!exists(&id, ".gc-qr"), "nothing more to send");
    widget.destroy();
}

#[wasm_bindgen_test]
async fn paid_shows_success_and_the_store_link() {
    let (id, widget) = with_invoice("paid", "").await;
    let t = text(&id);
    assert!(t.contains("Payment received") && t.contains("order ORD_123"), "{t}");
    let href = js(&format!(
        "return document.getElementById('{id}').shadowRoot.querySelector('.gc-paid a').getAttribute('href');"
    ));
    assert_eq!(href.as_string().unwrap(), "https://shop.example/ok");
    assert!(events(&id).iter().any(|e| e["name"] == "paid" && e["detail"]["status"] == "paid"));
    widget.destroy();
}

#[wasm_bindgen_test]
async fn expired_shows_the_fail_view() {
    let (id, widget) = with_invoice("expired", r#","fail_url":"javascript:alert(1)""#).await;
    let t = text(&id);
    assert!(t.contains("The invoice has expired") && t.contains("Do not send coins"), "{t}");
    assert!(!exists(&id, "a"), "a javascript: URL is never offered");
    assert!(events(&id).iter().any(|e| e["name"] == "expired"));
    widget.destroy();
}

#[wasm_bindgen_test]
async fn an_unknown_status_is_shown_as_such() {
    let (id, widget) = with_invoice("refunded", "").await;
    assert!(text(&id).contains("Invoice status: “refunded”"), "{}", text(&id));
    widget.destroy();
}

#[wasm_bindgen_test]
async fn russian_speaks_russian_with_russian_numbers() {
    fake_api(&format!("[{}]", route("GET", "/v1/widget", 200, DOCS_WIDGET)));
    let id = mount_point();
    let widget = init("KEY".into(), id.as_str().into(), params(r#","language":"ru""#)).unwrap();
    loaded(&id).await;
    let t = text(&id);
    assert!(t.contains("Выберите криптовалюту") && t.contains("Заказ ORD_123"), "{t}");
    assert!(t.contains("0,000451\u{a0}BTC") && t.contains("11,944214\u{a0}USDT"), "{t}");
    widget.destroy();
}

#[wasm_bindgen_test]
async fn api_errors_are_shown_with_a_retry_where_it_helps() {
    let cases = [
        (500, r#"{"status":false}"#, "The payment service answered with an error (500).", true),
        (401, r#"{"message":"Unauthenticated."}"#, "The store's payment settings were rejected.", false),
        (
            400,
            r#"{"status":false,"message":"Project does not exist or does not belong to this key"}"#,
            "Project does not exist or does not belong to this key",
            true,
        ),
        (200, "<html>not json</html>", "The payment service sent an answer this form cannot read.", true),
        (
            200,
            r#"{"status":true,"data":{"project_name":1}}"#,
            "The payment service sent an answer this form cannot read.",
            true,
        ),
    ];
    for (status, body, message, retry) in cases {
        fake_api(&format!("[{}]", route("GET", "/v1/widget", status, body)));
        let id = mount_point();
        let widget = init("KEY".into(), id.as_str().into(), params("")).unwrap();
        until(message, || text(&id).contains(message)).await;
        assert!(text(&id).contains("The payment form could not be loaded."));
        assert_eq!(exists(&id, ".gc-error button"), retry, "{status}: retry offered?");
        let ev = events(&id);
        assert!(
            ev.iter().any(|e| e["name"] == "error" && e["detail"]["message"].as_str().unwrap().contains(message)),
            "{ev:?}"
        );
        widget.destroy();
    }
    // The retry asks again and recovers.
    fake_api(&format!("[{}]", route("GET", "/v1/widget", 503, "")));
    let id = mount_point();
    let widget = init("KEY".into(), id.as_str().into(), params("")).unwrap();
    until("the error", || exists(&id, ".gc-error button")).await;
    js(&format!("window.__gc.routes = [{}];", route("GET", "/v1/widget", 200, DOCS_WIDGET)));
    click(&id, ".gc-error button");
    loaded(&id).await;
    assert_eq!(requests().len(), 2);
    widget.destroy();
}

#[wasm_bindgen_test]
async fn a_429_is_waited_out_not_retried_at_once() {
    fake_api(
        r#"[{"method":"GET","path":"/v1/widget","status":429,"body":"{\"status\":false,\"message\":\"Too Many Attempts.\"}","headers":{"retry-after":"1"}}]"#,
    );
    let id = mount_point();
    let widget = init("KEY".into(), id.as_str().into(), params("")).unwrap();
    until("the wait", || text(&id).contains("Trying again in 1 s.")).await;
    assert!(!exists(&id, ".gc-error button"), "no button to retry at once");
    js(&format!("window.__gc.routes = [{}];", route("GET", "/v1/widget", 200, DOCS_WIDGET)));
    TimeoutFuture::new(500).await;
    assert_eq!(requests().len(), 1, "nothing before Retry-After has passed");
    loaded(&id).await;
    assert_eq!(requests().len(), 2);
    widget.destroy();
}

#[wasm_bindgen_test]
async fn a_refused_invoice_shows_the_apis_message_and_can_be_retried() {
    let refusal = r#"{"status":false,"message":"The selected network is invalid.","errors":{"network":["The selected network is invalid."]}}"#;
    fake_api(&format!(
        "[{}, {}]",
        route("GET", "/v1/widget", 200, DOCS_WIDGET),
        route("POST", "/v1/invoices", 422, refusal)
    ));
    let id = mount_point();
    let widget = init("KEY".into(), id.as_str().into(), params("")).unwrap();
    loaded(&id).await;
    click(&id, "[data-coin=btc]");
    until("the pay button", || exists(&id, ".gc-pay")).await;
    click(&id, ".gc-pay");
    until("the refusal", || text(&id).contains("The selected network is invalid.")).await;
    assert!(text(&id).contains("The invoice could not be created."));
    assert!(exists(&id, ".gc-pay:not([disabled])"), "the payer may try again");
    widget.destroy();
}

#[wasm_bindgen_test]
async fn api_strings_are_text_never_markup() {
    let hostile = DOCS_WIDGET
        .replace(r#""project_name": "Test""#, r#""project_name":"<img src=x onerror=\"window.__pwned=1\">Shop""#)
        .replace(r#""label": "USDT""#, r#""label":"<b id=injected>USDT</b>""#);
    assert!(hostile.contains("onerror") && hostile.contains("injected"), "the fixture took the payloads");
    fake_api(&format!("[{}]", route("GET", "/v1/widget", 200, &hostile)));
    let id = mount_point();
    let widget = init("KEY".into(), id.as_str().into(), params("")).unwrap();
    loaded(&id).await;
    assert!(text(&id).contains("<img src=x onerror=\"window.__pwned=1\">Shop"));
    assert!(text(&id).contains("<b id=injected>USDT</b>"));
    assert!(!exists(&id, "img") && !exists(&id, "#injected"));
    assert!(js("return window.__pwned === undefined;").as_bool().unwrap());
    widget.destroy();
}

#[wasm_bindgen_test]
async fn each_bad_init_is_rejected_by_name_with_no_request() {
    fake_api("[]");
    let cases: [(&str, &str, &str); 9] = [
        ("KEY", r#","currency":"gbp""#, "currency: The selected currency is invalid"),
        ("KEY", r#","language":"de""#, "language: The selected language is invalid"),
        ("KEY", r#","amount":-5"#, "amount: The amount field must be a positive number."),
        ("KEY", r#","amount":"eleven""#, "amount: The amount field must be a positive number."),
        ("KEY", r#","project_id":"pr_123""#, "project_id: The project id field must be 16 characters."),
        ("KEY", r#","project_id":"xx_64e5a94d9c3f4""#, "project_id: The project id field must start with pr_."),
        ("KEY", r#","order_id":"""#, "order_id: The order id field is required."),
        ("KEY", r#","custom_fields":"{oops""#, "custom_fields: The custom fields field must be a valid JSON string."),
        ("", "", "apiKey: the API key is empty"),
    ];
    for (key, extra, message) in cases {
        let id = mount_point();
        let err = init(key.into(), id.as_str().into(), params(extra)).err().expect("init refuses");
        let err: JsValue = err.into();
        let text_of_error = js_sys::Reflect::get(&err, &"message".into()).unwrap().as_string().unwrap();
        assert!(text_of_error.starts_with(&format!("GetCrypto.init: {message}")), "{text_of_error}");
        yew::scheduler::flush().await;
        assert!(text(&id).contains(message), "the element shows it: {}", text(&id));
    }
    let err: JsValue = init("KEY".into(), "no-such-element".into(), params("")).err().unwrap().into();
    let m = js_sys::Reflect::get(&err, &"message".into()).unwrap().as_string().unwrap();
    assert_eq!(m, "GetCrypto.init: elementId: there is no element with id \"no-such-element\" in the page.");
    TimeoutFuture::new(20).await;
    assert_eq!(requests().len(), 0, "bad input sends nothing");
}

#[wasm_bindgen_test]
async fn destroy_stops_every_request() {
    fake_api(r#"[{"method":"GET","path":"/v1/widget","never":true}]"#);
    let id = mount_point();
    let widget = init("KEY".into(), id.as_str().into(), params("")).unwrap();
    until("the request", || requests().len() == 1).await;
    widget.destroy();
    assert_eq!(text(&id), "");
    TimeoutFuture::new(50).await;
    assert_eq!(requests().len(), 1, "nothing more leaves after destroy()");
}
