//! The widget in a real browser, mounted through `init` into a fresh
//! element, against a fake `fetch` that records every request: what the
//! payer sees and what the API receives.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::use_debug,
    reason = "a test and its helpers fail or print for the developer"
)]

use js_sys::{Function, JSON};
use std::cell::Cell;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

use getcrypto_api::examples::WIDGET_RESPONSE as DOCS_WIDGET;

thread_local! {
    /// Whether `init` goes the way the shipped loader goes: `v1/widget`
    /// sent early by `www/load.js`'s own code, then handed to the widget.
    static VIA_LOADER: Cell<bool> = const { Cell::new(false) };
}

/// `www/load.js` itself, as the head script and the ES module hold it.
fn loader() -> JsValue {
    js(&format!(
        "if (!window.__loader) window.__loader = (function () {{ {} return {{ widgetRequest, sendEarly, takeEarly }}; }})();
         return window.__loader;",
        include_str!("../www/load.js")
    ))
}

/// The loader's early request for this `init`, as the shipped entries
/// make it (null when it sends none).
fn send_early(key: &JsValue, id: &JsValue, params: &JsValue) -> JsValue {
    let send = js_sys::Reflect::get(&loader(), &"sendEarly".into()).unwrap();
    let send: Function = send.into();
    send.call3(&JsValue::NULL, key, id, params).unwrap()
}

/// `init` as the page calls it: straight into the widget, or, while
/// [`VIA_LOADER`] is set, after the loader has sent `v1/widget` early.
fn init(
    key: JsValue,
    id: JsValue,
    params: JsValue,
) -> Result<getcrypto_widget::boundary::Widget, wasm_bindgen::JsError> {
    let early = if VIA_LOADER.with(Cell::get) { send_early(&key, &id, &params) } else { JsValue::UNDEFINED };
    let early = if early.is_null() { JsValue::UNDEFINED } else { early };
    let mounted = getcrypto_widget::boundary::init(key, id, params, early.clone());
    if mounted.is_err() && !early.is_undefined() {
        early_controller(&early).abort();
    }
    mounted
}

/// Each way in: straight, then through the loader's early request.
fn ways() -> [bool; 2] {
    [false, true]
}

fn go(via_loader: bool) {
    VIA_LOADER.with(|v| v.set(via_loader));
}

/// Runs `body` as a JavaScript function body.
fn js(body: &str) -> JsValue {
    Function::new_no_args(body).call0(&JsValue::NULL).expect("script runs")
}

/// Replaces `fetch` with one that answers from `routes` (method, path
/// prefix, status, body, headers) and records each request.
fn fake_api(routes: &str) {
    let not_found = getcrypto_api::examples::INVOICE_NOT_FOUND_MESSAGE;
    js(&format!(
        r#"
        localStorage.clear(); sessionStorage.clear();
        if (window.__realSetTimeout) window.setTimeout = window.__realSetTimeout;
        if (window.__realClearTimeout) window.clearTimeout = window.__realClearTimeout;
        window.__gc = {{ requests: [], routes: {routes}, invoices: {{}} }};
        window.fetch = async function (input, init) {{
            const req = input instanceof Request ? input : new Request(input, init);
            const url = new URL(req.url);
            const body = req.method === "GET" ? null : await req.clone().text();
            window.__gc.requests.push({{ method: req.method, path: url.pathname, query: url.search, url: req.url,
                auth: req.headers.get("authorization"), type: req.headers.get("content-type"), body, at: performance.now() }});
            const json = (status, data) => new Response(JSON.stringify(data), {{ status, headers: {{ "content-type": "application/json" }} }});
            for (const r of window.__gc.routes) {{
                if (r.method === req.method && url.pathname.startsWith(r.path)) {{
                    if (r.never) return new Promise((_, reject) => req.signal.addEventListener("abort",
                        () => reject(new DOMException("aborted", "AbortError"))));
                    if (r.echo && req.method === "POST") {{
                        // An invoice per order, as the API would make it, kept for later reads.
                        const b = JSON.parse(body);
                        const inv = Object.assign(JSON.parse(r.template), {{ id: "in_" + b.order_id, order_id: b.order_id,
                            project_id: b.project_id, cryptocurrency: b.cryptocurrency, network: b.network,
                            address: "T" + b.order_id.padEnd(33, "x") }});
                        window.__gc.invoices[inv.id] = inv;
                        return json(200, {{ status: true, data: inv }});
                    }}
                    if (r.echo) {{
                        const inv = window.__gc.invoices[url.pathname.split("/").pop()];
                        return inv ? json(200, {{ status: true, data: inv }})
                            : json(400, {{ status: false, message: "{not_found}" }});
                    }}
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
         for (const n of ['ready','invoice','status','paid','expired','error','transaction'])
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

/// `text` as a JavaScript string literal. Not `{:?}`: the release build's
/// flags compile Debug formatting to nothing, and these tests run there too.
fn quote(text: &str) -> String {
    serde_json::to_string(text).unwrap()
}

fn exists(id: &str, selector: &str) -> bool {
    js(&format!("return !!document.getElementById('{id}').shadowRoot.querySelector({});", quote(selector))).as_bool()
        == Some(true)
}

fn click(id: &str, selector: &str) {
    js(&format!("document.getElementById('{id}').shadowRoot.querySelector({}).click();", quote(selector)));
}

fn events(id: &str) -> Vec<serde_json::Value> {
    let v = js(&format!("return JSON.stringify(document.getElementById('{id}').__events);")).as_string().unwrap();
    serde_json::from_str(&v).unwrap()
}

/// Waits, without sleeping a fixed time, until `cond` holds: rendering is
/// flushed and the event loop turned between checks, for at most 3 s.
async fn until(what: &str, cond: impl Fn() -> bool) {
    let deadline = js_sys::Date::now() + 3_000.0;
    while js_sys::Date::now() < deadline {
        yew::scheduler::flush().await;
        if cond() {
            return;
        }
        real_wait(10).await;
    }
    panic!("timed out waiting for {what}");
}

/// Replaces `setTimeout` and `clearTimeout`, for the widget's own timers
/// (those set from the wasm with a delay), with a clock that moves only when [`advance`]
/// moves it, so that a test proves nothing happens before a time without
/// waiting for it; the test harness keeps the real ones. [`real_time`]
/// undoes it.
fn fake_clock() {
    js("if (!window.__realSetTimeout) window.__realSetTimeout = window.setTimeout;
        if (!window.__realClearTimeout) window.__realClearTimeout = window.clearTimeout;
        const c = window.__clock = { now: 0, next: 1e9, timers: new Map() };
        window.setTimeout = (f, ms, ...a) => {
            // Yew's scheduler yields with a zero timeout: that one stays real.
            if (!(ms > 0) || !/wasm/.test(new Error().stack || '')) return window.__realSetTimeout(f, ms, ...a);
            const id = c.next++;
            c.timers.set(id, { at: c.now + Math.max(ms || 0, 1), f, a });
            return id;
        };
        window.clearTimeout = (id) => { if (!c.timers.delete(id)) window.__realClearTimeout(id); };");
}

/// Moves the fake clock `ms` forward, running each timer that falls due in
/// its order, then lets the widget react.
async fn advance(ms: u32) {
    js(&format!(
        "const c = window.__clock, end = c.now + {ms};
         for (let fired = 0; ; fired++) {{
             if (fired > 100000) throw new Error('timers keep setting timers');
             let due = null;
             for (const [id, t] of c.timers) if (t.at <= end && (!due || t.at < due[1].at)) due = [id, t];
             if (!due) break;
             c.timers.delete(due[0]);
             c.now = due[1].at;
             due[1].f(...due[1].a);
         }}
         c.now = end;"
    ));
    settle().await;
}

/// Lets what is under way finish: rendering flushed, and a few real turns
/// of the event loop for the fake `fetch` to answer and be read.
async fn settle() {
    for _ in 0..3 {
        yew::scheduler::flush().await;
        real_wait(0).await;
    }
    yew::scheduler::flush().await;
}

/// Makes every `setTimeout` a hundred times shorter, so that the widget's
/// 5 s polling and 15 s request timeout run in tens of milliseconds;
/// [`real_time`] undoes it.
fn compress_time() {
    js("if (!window.__realSetTimeout) window.__realSetTimeout = window.setTimeout;
        window.setTimeout = (f, ms, ...a) => window.__realSetTimeout(f, Math.ceil((ms || 0) / 100), ...a);");
}

/// Waits `ms` of real time, whatever [`compress_time`] did to `setTimeout`.
async fn real_wait(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let set = js("return window.__realSetTimeout || window.setTimeout;");
        let set: Function = set.into();
        let _ = set.call2(&JsValue::NULL, &resolve, &JsValue::from(ms));
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

fn real_time() {
    js("if (window.__realSetTimeout) window.setTimeout = window.__realSetTimeout;
        if (window.__realClearTimeout) window.clearTimeout = window.__realClearTimeout;");
}

async fn loaded(id: &str) {
    until("the coins", || exists(id, "[data-coin=usdt]")).await;
}

#[wasm_bindgen_test]
async fn renders_the_docs_example() {
    for via_loader in ways() {
        go(via_loader);
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
        assert_eq!(requests().len(), 1, "one v1/widget, sent early or not");

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
    go(false);
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
    assert!(text(&id).contains("Returning you to the store in 5 s."), "{}", text(&id));
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
    for via_loader in ways() {
        go(via_loader);
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
            // Missing fields: no methods, no amounts.
            (200, r#"{"status":true,"data":{"project_name":"Test"}}"#, "cannot read", true),
            (404, "", "The payment service does not know this address.", true),
            (
                400,
                r#"{"status":false,"message":"<img src=x onerror=\"window.__pwned=9\">Refused"}"#,
                "<img src=x onerror=\"window.__pwned=9\">Refused",
                true,
            ),
            (502, "<html>Bad gateway</html>", "The payment service answered with an error (502).", true),
            (503, "", "The payment service answered with an error (503).", true),
        ];
        for (status, body, message, retry) in cases {
            fake_api(&format!("[{}]", route("GET", "/v1/widget", status, body)));
            let id = mount_point();
            let widget = init("KEY".into(), id.as_str().into(), params("")).unwrap();
            until(message, || text(&id).contains(message)).await;
            assert!(text(&id).contains("The payment form could not be loaded."));
            assert!(
                !exists(&id, "img") && js("return window.__pwned === undefined;").as_bool().unwrap(),
                "messages are text"
            );
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
    go(false);
}

#[wasm_bindgen_test]
async fn the_network_down_is_said_so() {
    for via_loader in ways() {
        go(via_loader);
        fake_api(r#"[{"method":"GET","path":"/v1/widget","offline":true}]"#);
        let id = mount_point();
        let widget = init("KEY".into(), id.as_str().into(), params("")).unwrap();
        until("the offline message", || text(&id).contains("No connection to the payment service.")).await;
        assert!(exists(&id, ".gc-error button"));
        widget.destroy();
    }
    go(false);
}

#[wasm_bindgen_test]
async fn extra_fields_are_ignored_and_an_unknown_coin_is_shown_but_never_sent() {
    let odd = DOCS_WIDGET.replacen(
        r#""methods": {"#,
        r#""new_field": [1, 2], "methods": {"doge": {"id": 9, "label": "DOGE", "extra": true, "networks": {"doge": {"id": 99, "label": "DOGECHAIN"}}},"#,
        1,
    )
    .replacen(r#""amounts": {"#, r#""amounts": {"doge": 100, "#, 1);
    assert!(odd.contains("DOGECHAIN") && odd.contains(r#""doge": 100"#), "the fixture took the coin");
    fake_api(&format!("[{}]", route("GET", "/v1/widget", 200, &odd)));
    let id = mount_point();
    let widget = init("KEY".into(), id.as_str().into(), params("")).unwrap();
    until("the coins", || exists(&id, "[data-coin=doge]")).await;
    click(&id, "[data-coin=doge]");
    until("its network, chosen by itself", || text(&id).contains("DOGECHAIN")).await;
    until("the pay button", || exists(&id, ".gc-pay")).await;
    click(&id, ".gc-pay");
    until("the refusal", || text(&id).contains("The selected cryptocurrency is invalid")).await;
    assert_eq!(posts(), 0, "a coin the API's rules refuse is never sent");
    widget.destroy();
}

#[wasm_bindgen_test]
async fn a_429_is_waited_out_not_retried_at_once() {
    for via_loader in ways() {
        go(via_loader);
        fake_api(
            r#"[{"method":"GET","path":"/v1/widget","status":429,"body":"{\"status\":false,\"message\":\"Too Many Attempts.\"}","headers":{"retry-after":"1"}}]"#,
        );
        fake_clock();
        let id = mount_point();
        let widget = init("KEY".into(), id.as_str().into(), params("")).unwrap();
        until("the wait", || text(&id).contains("Trying again in 1 s.")).await;
        assert!(!exists(&id, ".gc-error button"), "no button to retry at once");
        js(&format!("window.__gc.routes = [{}];", route("GET", "/v1/widget", 200, DOCS_WIDGET)));
        advance(999).await;
        assert_eq!(requests().len(), 1, "nothing before Retry-After has passed");
        advance(1).await;
        loaded(&id).await;
        assert_eq!(requests().len(), 2);
        widget.destroy();
        real_time();
    }
    go(false);
}

#[wasm_bindgen_test]
async fn a_refused_invoice_shows_the_apis_message_and_can_be_retried() {
    let refusal = r#"{"status":false,"message":"The selected network is invalid.","errors":{"network":["The selected network is invalid."]}}"#;
    fake_api(&format!(
        "[{}, {}]",
        route("GET", "/v1/widget", 200, DOCS_WIDGET),
        route("POST", "/v1/invoices", 422, refusal)
    ));
    let (id, widget) = confirm_btc().await;
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
    settle().await;
    assert_eq!(requests().len(), 0, "bad input sends nothing");
}

#[wasm_bindgen_test]
async fn destroy_stops_every_request() {
    for via_loader in ways() {
        go(via_loader);
        fake_api(r#"[{"method":"GET","path":"/v1/widget","never":true}]"#);
        fake_clock();
        let id = mount_point();
        let widget = init("KEY".into(), id.as_str().into(), params("")).unwrap();
        until("the request", || requests().len() == 1).await;
        widget.destroy();
        assert_eq!(text(&id), "");
        advance(120_000).await;
        assert_eq!(requests().len(), 1, "nothing more leaves after destroy(), however long");
        real_time();
    }
    go(false);
}

/// Mounts a widget, chooses BTC and presses Pay; returns once the click is made.
async fn confirm_btc() -> (String, getcrypto_widget::boundary::Widget) {
    let id = mount_point();
    let widget = init("KEY".into(), id.as_str().into(), params("")).unwrap();
    loaded(&id).await;
    click(&id, "[data-coin=btc]");
    until("the pay button", || exists(&id, ".gc-pay")).await;
    click(&id, ".gc-pay");
    (id, widget)
}

/// Routes for the whole path with invoices made per order and kept.
fn echo_api() {
    let template = serde_json::to_string(&invoice("pending", "")).unwrap();
    let template: serde_json::Value =
        serde_json::from_str(&serde_json::from_str::<String>(&template).unwrap()).unwrap();
    let template = serde_json::to_string(&template["data"]).unwrap();
    fake_api(&format!(
        r#"[{}, {{"method":"POST","path":"/v1/invoices","echo":true,"template":{t}}}, {{"method":"GET","path":"/v1/invoices/","echo":true}}]"#,
        route("GET", "/v1/widget", 200, DOCS_WIDGET),
        t = serde_json::to_string(&template).unwrap()
    ));
}

fn order(order_id: &str) -> JsValue {
    params(&format!(r#","order_id":"{order_id}""#))
}

async fn pay_with_usdt_trc20(id: &str) {
    loaded(id).await;
    click(id, "[data-coin=usdt]");
    until("the networks", || exists(id, "[data-network=trc20]")).await;
    click(id, "[data-network=trc20]");
    until("the pay button", || exists(id, ".gc-pay")).await;
    click(id, ".gc-pay");
    until("the payment details", || exists(id, ".gc-address")).await;
}

fn posts() -> usize {
    requests().iter().filter(|r| r["method"] == "POST").count()
}

fn shown_address(id: &str) -> String {
    js(&format!("return document.getElementById('{id}').shadowRoot.querySelector('.gc-address').dataset.address;"))
        .as_string()
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn a_reload_resumes_the_same_invoice_instead_of_making_another() {
    echo_api();
    let id = mount_point();
    let first = init("KEY".into(), id.as_str().into(), order("ORD_R1")).unwrap();
    pay_with_usdt_trc20(&id).await;
    let address = shown_address(&id);
    let kept = js("return localStorage.getItem('getcrypto:invoice:pr_64e5a94d9c3f4:ORD_R1:11:eur');");
    assert_eq!(kept.as_string().as_deref(), Some("in_ORD_R1|pending"), "the id and status, never the key");
    first.destroy();
    // The page comes back: a new mount for the same order.
    let again = mount_point();
    let second = init("KEY".into(), again.as_str().into(), order("ORD_R1")).unwrap();
    until("the resumed invoice", || exists(&again, ".gc-address")).await;
    assert_eq!(shown_address(&again), address);
    assert_eq!(posts(), 1, "no second invoice");
    assert!(events(&again).iter().any(|e| e["name"] == "invoice" && e["detail"]["id"] == "in_ORD_R1"));
    second.destroy();
}

#[wasm_bindgen_test]
async fn init_twice_on_one_element_makes_one_invoice() {
    echo_api();
    let id = mount_point();
    let _first = init("KEY".into(), id.as_str().into(), order("ORD_T1")).unwrap();
    pay_with_usdt_trc20(&id).await;
    let second = init("KEY".into(), id.as_str().into(), order("ORD_T1")).unwrap();
    yew::scheduler::flush().await;
    until("the resumed invoice", || exists(&id, ".gc-address")).await;
    assert_eq!(posts(), 1);
    assert_eq!(
        js(&format!("return document.getElementById('{id}').shadowRoot.querySelectorAll('.gc-widget').length;"))
            .as_f64(),
        Some(1.0)
    );
    second.destroy();
}

/// How many requests of `method` went to a path starting with `path`.
fn count(method: &str, path: &str) -> usize {
    requests()
        .iter()
        .filter(|r| r["method"] == method && r["path"].as_str().is_some_and(|p| p.starts_with(path)))
        .count()
}

#[wasm_bindgen_test]
async fn a_replaced_handles_destroy_leaves_the_newer_widget_alone() {
    echo_api();
    fake_clock();
    let id = mount_point();
    let stale = init("KEY".into(), id.as_str().into(), order("ORD_H1")).unwrap();
    let current = init("KEY".into(), id.as_str().into(), order("ORD_H1")).unwrap();
    stale.destroy();
    settle().await;
    pay_with_usdt_trc20(&id).await;
    let (loads, checks) = (count("GET", "/v1/widget"), count("GET", "/v1/invoices/"));
    stale.destroy();
    advance(getcrypto_api::rate::POLL_MS).await;
    until("the next status check", || count("GET", "/v1/invoices/") == checks + 1).await;
    assert!(exists(&id, ".gc-address"), "the newer widget still shows its invoice");
    assert_eq!(count("GET", "/v1/widget"), loads, "nothing was mounted or loaded again");
    assert_eq!(posts(), 1, "one invoice");
    current.destroy();
    assert_eq!(text(&id), "");
    real_time();
}

#[wasm_bindgen_test]
async fn destroy_twice_then_init_again_on_the_element() {
    echo_api();
    let id = mount_point();
    let first = init("KEY".into(), id.as_str().into(), order("ORD_H2")).unwrap();
    loaded(&id).await;
    first.destroy();
    first.destroy();
    assert_eq!(text(&id), "");
    let again = init("KEY".into(), id.as_str().into(), order("ORD_H2")).unwrap();
    loaded(&id).await;
    first.destroy();
    assert!(exists(&id, "[data-coin=usdt]"), "the first handle cannot remove the new widget either");
    again.destroy();
    assert_eq!(text(&id), "");
}

/// Keeps an invoice of `order` in the fake API and in storage, as an
/// earlier visit left it: `fields` over the template (JSON).
fn kept_from_an_earlier_visit(id: &str, order: &str, fields: &str, record: &str) {
    js(&format!(
        r#"window.__gc.invoices[{i}] = Object.assign({{}}, JSON.parse(window.__gc.routes[1].template),
            {{ id: {i}, order_id: {o} }}, {fields});
        localStorage.setItem("getcrypto:invoice:pr_64e5a94d9c3f4:" + {o} + ":11:eur", {r});"#,
        i = quote(id),
        o = quote(order),
        r = quote(record)
    ));
}

fn kept(order: &str) -> Option<String> {
    js(&format!("return localStorage.getItem('getcrypto:invoice:pr_64e5a94d9c3f4:{order}:11:eur');")).as_string()
}

#[wasm_bindgen_test]
async fn a_payer_back_after_expiry_is_told_what_arrived_and_renews_only_when_asked() {
    echo_api();
    kept_from_an_earlier_visit("in_old", "ORD_E1", r#"{ "status": "expired", "amount_paid": "5" }"#, "in_old|pending");
    let id = mount_point();
    let w = init("KEY".into(), id.as_str().into(), order("ORD_E1")).unwrap();
    until("the expired view", || exists(&id, ".gc-expired")).await;
    let shown = text(&id);
    assert!(shown.contains("The invoice has expired"), "{shown}");
    assert!(shown.contains("in_old"), "its id, for the store: {shown}");
    assert!(shown.contains("5\u{a0}USDT of 11.944214\u{a0}USDT arrived before it expired"), "{shown}");
    assert!(shown.contains("contact the store"), "{shown}");
    assert!(!exists(&id, ".gc-address") && !exists(&id, "[data-coin]"), "nothing invites a payment");
    assert!(events(&id).iter().any(|e| e["name"] == "expired" && e["detail"]["id"] == "in_old"));
    settle().await;
    assert_eq!(posts(), 0, "coming back creates nothing");
    assert_eq!(kept("ORD_E1").as_deref(), Some("in_old|expired"), "still kept, for another tab or a reload");

    click(&id, ".gc-renew");
    until("the new invoice", || exists(&id, ".gc-payment[data-invoice=in_ORD_E1]")).await;
    let made: Vec<_> = requests().into_iter().filter(|r| r["method"] == "POST").collect();
    assert_eq!(made.len(), 1, "exactly one new invoice");
    let body: serde_json::Value = serde_json::from_str(made[0]["body"].as_str().unwrap()).unwrap();
    assert_eq!((body["cryptocurrency"].as_str(), body["network"].as_str()), (Some("usdt"), Some("trc20")));
    assert_eq!(kept("ORD_E1").as_deref(), Some("in_ORD_E1|pending"), "the new one replaces it");
    w.destroy();
}

#[wasm_bindgen_test]
async fn an_invoice_past_its_time_is_shown_expired_in_every_tab_and_one_tab_renews_for_both() {
    echo_api();
    // Its time ran out while the API still says pending; nothing arrived.
    kept_from_an_earlier_visit("in_late", "ORD_E2", r#"{ "expires_at": "2026-01-01T00:00:00Z" }"#, "in_late|pending");
    let (first, second) = (mount_point(), mount_point());
    let wa = init("KEY".into(), first.as_str().into(), order("ORD_E2")).unwrap();
    let wb = init("KEY".into(), second.as_str().into(), order("ORD_E2")).unwrap();
    until("the expired view", || exists(&first, ".gc-expired") && exists(&second, ".gc-expired")).await;
    for tab in [&first, &second] {
        let shown = text(tab);
        assert!(shown.contains("in_late") && shown.contains("If you sent a payment after it expired"), "{shown}");
        assert!(!exists(tab, ".gc-address"));
    }
    assert_eq!(posts(), 0);
    click(&first, ".gc-renew");
    until("the new invoice", || exists(&first, ".gc-address")).await;
    // The other tab hears of it through storage, and follows the same one.
    storage_event_from_another_tab("getcrypto:invoice:pr_64e5a94d9c3f4:ORD_E2:11:eur", "in_ORD_E2|pending");
    until("the other tab's new invoice", || exists(&second, ".gc-payment[data-invoice=in_ORD_E2]")).await;
    assert_eq!(posts(), 1, "one invoice for the two tabs");
    wa.destroy();
    wb.destroy();
}

#[wasm_bindgen_test]
async fn two_widgets_on_one_page_never_mix() {
    echo_api();
    compress_time();
    let (a, b) = (mount_point(), mount_point());
    let wa = init("KEY".into(), a.as_str().into(), order("ORD_A")).unwrap();
    let wb = init("KEY".into(), b.as_str().into(), order("ORD_B")).unwrap();
    pay_with_usdt_trc20(&a).await;
    pay_with_usdt_trc20(&b).await;
    assert_ne!(shown_address(&a), shown_address(&b));
    js(r#"window.__gc.invoices["in_ORD_A"].status = "paid";"#);
    until("A paid", || exists(&a, ".gc-paid")).await;
    assert!(exists(&b, ".gc-address") && !exists(&b, ".gc-paid"), "B is still waiting");
    assert!(events(&a).iter().any(|e| e["name"] == "paid"));
    assert!(!events(&b).iter().any(|e| e["name"] == "paid"));
    wa.destroy();
    wb.destroy();
    real_time();
}

#[wasm_bindgen_test]
async fn a_request_that_never_answers_times_out_and_can_be_retried() {
    for via_loader in ways() {
        go(via_loader);
        fake_api(r#"[{"method":"GET","path":"/v1/widget","never":true}]"#);
        compress_time();
        let id = mount_point();
        let w = init("KEY".into(), id.as_str().into(), params("")).unwrap();
        until("the timeout", || text(&id).contains("did not answer in time")).await;
        real_time();
        assert!(exists(&id, ".gc-error button"));
        js(&format!("window.__gc.routes = [{}];", route("GET", "/v1/widget", 200, DOCS_WIDGET)));
        click(&id, ".gc-error button");
        loaded(&id).await;
        w.destroy();
    }
    go(false);
}

#[wasm_bindgen_test]
async fn polling_stops_while_the_page_is_hidden_and_resumes_when_shown() {
    echo_api();
    js("window.__hidden = false; Object.defineProperty(document, 'hidden', { configurable: true, get: () => window.__hidden });");
    compress_time();
    let id = mount_point();
    let w = init("KEY".into(), id.as_str().into(), order("ORD_V1")).unwrap();
    pay_with_usdt_trc20(&id).await;
    let polls = || requests().iter().filter(|r| r["method"] == "GET" && r["path"] == "/v1/invoices/in_ORD_V1").count();
    until("a first status check", || polls() >= 1).await;
    js("window.__hidden = true;");
    real_wait(60).await; // a check already under way may still land
    let hidden_at = polls();
    real_wait(400).await; // eight compressed polling intervals
    assert_eq!(polls(), hidden_at, "no polling while hidden");
    js("window.__hidden = false; document.dispatchEvent(new Event('visibilitychange'));");
    until("a check as soon as the page shows", || polls() > hidden_at).await;
    w.destroy();
    real_time();
    js("delete document.hidden;");
}

#[wasm_bindgen_test]
async fn failing_checks_back_off() {
    echo_api();
    compress_time();
    let id = mount_point();
    let w = init("KEY".into(), id.as_str().into(), order("ORD_B1")).unwrap();
    pay_with_usdt_trc20(&id).await;
    js(&format!("window.__gc.routes[2] = {};", route("GET", "/v1/invoices/", 503, "")));
    let checks = || -> Vec<f64> {
        requests()
            .iter()
            .filter(|r| r["method"] == "GET" && r["path"] == "/v1/invoices/in_ORD_B1")
            .map(|r| r["at"].as_f64().unwrap())
            .collect()
    };
    until("four failing checks", || checks().len() >= 4).await;
    let at = checks();
    let gaps: Vec<f64> = at.windows(2).map(|w| w[1] - w[0]).collect();
    // 100, 200, 400 ms compressed: each gap at least the one before.
    assert!(gaps.windows(2).all(|g| g[1] > g[0] * 1.5), "{gaps:?}");
    assert!(text(&id).contains("Could not check the payment status"));
    assert!(exists(&id, ".gc-address"), "the invoice stays on screen");
    w.destroy();
    real_time();
}

const XSS: &str =
    r#"<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><svg onload="window.__pwned=3">"#;

#[wasm_bindgen_test]
async fn every_string_from_the_api_stays_text() {
    let hostile_widget = serde_json::json!({
        "status": true,
        "data": {
            "project_name": format!("Shop{XSS}"), "success_url": "javascript:alert(1)", "fail_url": "data:text/html,x",
            "methods": { "usdt": { "id": 1, "label": format!("USDT{XSS}"),
                "networks": { "trc20": { "id": 2, "label": format!("TRC20{XSS}") }, "bep20": { "id": 1, "label": "BEP20" } } } },
            "amounts": { "usdt": 11.944214 }
        }
    })
    .to_string();
    let mut inv: serde_json::Value = serde_json::from_str(&invoice("refunded", "")).unwrap();
    inv["data"]["address"] = format!("T{XSS}").into();
    inv["data"]["order_id"] = format!("ORD{XSS}").into();
    inv["data"]["status"] = format!("odd{XSS}").into();
    inv["data"]["success_url"] = "javascript:alert(1)".into();
    fake_api(&format!(
        "[{}, {}, {}]",
        route("GET", "/v1/widget", 200, &hostile_widget),
        route("POST", "/v1/invoices", 200, &inv.to_string()),
        route(
            "GET",
            "/v1/invoices/",
            400,
            &serde_json::json!({"status": false, "message": format!("Bad{XSS}")}).to_string()
        )
    ));
    let id = mount_point();
    let w = init("KEY".into(), id.as_str().into(), params("")).unwrap();
    loaded(&id).await;
    assert!(text(&id).contains(&format!("Shop{XSS}")));
    click(&id, "[data-coin=usdt]");
    until("networks", || exists(&id, "[data-network=trc20]")).await;
    assert!(text(&id).contains(&format!("TRC20{XSS}")));
    click(&id, "[data-network=trc20]");
    until("pay", || exists(&id, ".gc-pay")).await;
    click(&id, ".gc-pay");
    until("the invoice", || exists(&id, ".gc-address")).await;
    let t = text(&id);
    assert!(t.contains(&format!("odd{XSS}")), "the unknown status, literally");
    let injected = js(&format!(
        "const r = document.getElementById('{id}').shadowRoot;
         return r.querySelectorAll('img, script, svg[onload], [onerror], [onload]').length;"
    ));
    assert_eq!(injected.as_f64(), Some(0.0));
    assert!(js("return window.__pwned === undefined;").as_bool().unwrap());
    assert!(!exists(&id, "a[href^=javascript]") && !exists(&id, "a[href^=data]"));
    w.destroy();
}

#[wasm_bindgen_test]
async fn the_api_key_appears_only_in_the_authorization_header() {
    const KEY: &str = "sk_secret_7f3a9";
    js("window.__console = []; for (const k of ['log','info','warn','error','debug']) { const o = console[k].bind(console);
        console[k] = (...a) => { window.__console.push(a.map(String).join(' ')); o(...a); }; }");
    echo_api();
    let id = mount_point();
    let w = init(KEY.into(), id.as_str().into(), order("ORD_K1")).unwrap();
    pay_with_usdt_trc20(&id).await;
    // A refused create and a bad init, for their messages too.
    let err: JsValue =
        init(KEY.into(), mount_point().as_str().into(), params(r#","currency":"gbp""#)).err().unwrap().into();
    let message = js_sys::Reflect::get(&err, &"message".into()).unwrap().as_string().unwrap();
    assert!(!message.contains(KEY));
    for r in requests() {
        assert!(!r["url"].as_str().unwrap().contains(KEY), "{}", r["url"]);
        assert_eq!(r["auth"], format!("Bearer {KEY}"));
    }
    let page = js("return document.documentElement.outerHTML + [...document.querySelectorAll('*')]
        .filter((e) => e.shadowRoot).map((e) => e.shadowRoot.innerHTML).join('');");
    assert!(!page.as_string().unwrap().contains(KEY), "not in the DOM");
    let console = js("return window.__console.join('\\n');").as_string().unwrap();
    assert!(!console.contains(KEY), "not in the console");
    assert!(!serde_json::to_string(&events(&id)).unwrap().contains(KEY), "not in any event");
    w.destroy();
}

#[wasm_bindgen_test]
async fn a_429_on_create_waits_then_creates_once() {
    fake_api(&format!(
        r#"[{}, {{"method":"POST","path":"/v1/invoices","status":429,"body":"{{}}","headers":{{"retry-after":"1"}}}}]"#,
        route("GET", "/v1/widget", 200, DOCS_WIDGET)
    ));
    fake_clock();
    let (id, w) = confirm_btc().await;
    until("the wait", || text(&id).contains("Trying again in 1 s.")).await;
    assert!(exists(&id, ".gc-pay[disabled]"), "no retry at once");
    js(&format!("window.__gc.routes[1] = {};", route("POST", "/v1/invoices", 200, &invoice("pending", ""))));
    advance(999).await;
    assert_eq!(posts(), 1, "nothing before Retry-After has passed");
    advance(1).await;
    until("the invoice", || exists(&id, ".gc-address")).await;
    assert_eq!(posts(), 2);
    w.destroy();
    real_time();
}

/// An invoice answer with `expires_at` at `expires_in_ms` from `server_now`,
/// and a `Date` header saying the server's time.
fn timed_invoice_route(server_now_ms: f64, expires_in_ms: f64) -> String {
    let iso = |ms: f64| js_sys::Date::new(&JsValue::from(ms)).to_iso_string().as_string().unwrap();
    let http_date = js_sys::Date::new(&JsValue::from(server_now_ms)).to_utc_string().as_string().unwrap();
    let body = invoice("pending", "").replace("2099-11-23T10:30:00Z", &iso(server_now_ms + expires_in_ms));
    format!(
        r#"{{"method":"POST","path":"/v1/invoices","status":200,"body":{},"headers":{{"date":"{http_date}"}}}}"#,
        JSON::stringify(&JsValue::from_str(&body)).unwrap().as_string().unwrap()
    )
}

#[wasm_bindgen_test]
async fn the_countdown_follows_the_servers_clock_not_the_payers() {
    // The payer's clock is ten minutes behind the server's.
    let server_now = js_sys::Date::now() + 600_000.0;
    fake_api(&format!(
        "[{}, {}]",
        route("GET", "/v1/widget", 200, DOCS_WIDGET),
        timed_invoice_route(server_now, 1_800_000.0)
    ));
    let (id, w) = confirm_btc().await;
    until("the countdown", || exists(&id, ".gc-countdown-value")).await;
    let shown = js(&format!(
        "return document.getElementById('{id}').shadowRoot.querySelector('.gc-countdown-value').textContent;"
    ));
    let shown = shown.as_string().unwrap();
    // `Date` has whole seconds: within a second of thirty minutes.
    assert!(
        ["30:01", "30:00"].contains(&shown.as_str()) || shown.starts_with("29:5"),
        "thirty minutes by the server, not forty: {shown}"
    );
    assert!(!exists(&id, ".gc-hurry"));
    w.destroy();
}

#[wasm_bindgen_test]
async fn the_countdown_warns_then_ends_in_the_expired_view_by_itself() {
    fake_api(&format!(
        "[{}, {}]",
        route("GET", "/v1/widget", 200, DOCS_WIDGET),
        timed_invoice_route(js_sys::Date::now(), 1_500.0)
    ));
    let (id, w) = confirm_btc().await;
    until("the warning", || exists(&id, ".gc-hurry")).await;
    assert!(text(&id).contains("send the payment now"));
    until("the expired view", || exists(&id, ".gc-expired")).await;
    assert!(text(&id).contains("The invoice has expired"));
    w.destroy();
}

#[wasm_bindgen_test]
async fn a_bad_init_in_russian_says_so_in_russian_and_keeps_the_exact_message() {
    fake_api("[]");
    let id = mount_point();
    let err: JsValue =
        init("KEY".into(), id.as_str().into(), params(r#","language":"ru","currency":"gbp""#)).err().unwrap().into();
    let message = js_sys::Reflect::get(&err, &"message".into()).unwrap().as_string().unwrap();
    yew::scheduler::flush().await;
    let t = text(&id);
    assert!(t.contains("Форма оплаты настроена неверно") && t.contains("Параметр currency задан неверно"), "{t}");
    assert!(t.contains(&message), "the exact message for the developer: {t}");
    assert!(exists(&id, "code[lang=en]"), "marked as English");
}

#[wasm_bindgen_test]
async fn copy_buttons_copy_exactly_and_say_so_to_everyone() {
    js("Object.defineProperty(navigator, 'clipboard', { configurable: true,
        value: { writeText: async (t) => { window.__copied = t; } } });");
    let (id, widget) = with_invoice("pending", "").await;
    // The widget's own timers from here on: the confirmation's fade.
    fake_clock();
    // The address is shown in full, in groups that select as one string.
    let groups = js(&format!(
        "const r = document.getElementById('{id}').shadowRoot;
         return [[...r.querySelectorAll('.gc-address .gc-group')].map((g) => g.textContent).join(''),
                 getComputedStyle(r.querySelector('.gc-address')).userSelect];"
    ));
    let groups: Vec<String> = serde_json::from_str(&JSON::stringify(&groups).unwrap().as_string().unwrap()).unwrap();
    assert_eq!(groups, ["TTYj9tqNtCrb9nay5vwnkQp2dBAPvW48TJ", "all"]);
    js(&format!(
        "document.getElementById('{id}').shadowRoot.querySelector('.gc-copy-button[aria-label=\"Copy the address\"]').click();"
    ));
    until("the confirmation", || text(&id).contains("Copied")).await;
    assert_eq!(js("return window.__copied;").as_string().unwrap(), "TTYj9tqNtCrb9nay5vwnkQp2dBAPvW48TJ");
    let announced = js(&format!(
        "return [...document.getElementById('{id}').shadowRoot.querySelectorAll('.gc-copy-status[role=status]')].map((s) => s.textContent).join('|');"
    ));
    assert!(announced.as_string().unwrap().contains("Copied"), "said to screen readers too");
    // Only the address's button says so, and for two seconds.
    let copied = js(&format!(
        "return [...document.getElementById('{id}').shadowRoot.querySelectorAll('.gc-copy-button[data-copied=true]')].map((b) => b.getAttribute('aria-label'));"
    ));
    assert_eq!(JSON::stringify(&copied).unwrap().as_string().unwrap(), r#"["Copy the address"]"#);
    advance(1_900).await;
    assert!(text(&id).contains("Copied"), "still shown before two seconds");
    advance(100).await;
    assert!(!text(&id).contains("Copied"), "faded after two seconds: {}", text(&id));
    js(&format!("document.getElementById('{id}').shadowRoot.querySelector('.gc-copy-button[aria-label=\"Copy the amount\"]').click();"));
    until("the amount copied", || js("return window.__copied;").as_string().as_deref() == Some("11.944214")).await;
    widget.destroy();
    js("delete navigator.clipboard;");
    real_time();
}

#[wasm_bindgen_test]
async fn the_network_can_be_changed_before_the_invoice_exists() {
    fake_api(&format!("[{}]", route("GET", "/v1/widget", 200, DOCS_WIDGET)));
    let id = mount_point();
    let w = init("KEY".into(), id.as_str().into(), params("")).unwrap();
    loaded(&id).await;
    click(&id, "[data-coin=usdt]");
    until("networks", || exists(&id, "[data-network=erc20]")).await;
    click(&id, "[data-network=erc20]");
    until("the notice", || text(&id).contains("Send USDT only on the ERC20 network")).await;
    click(&id, ".gc-network-notice .gc-link");
    until("the choice undone", || !exists(&id, ".gc-pay")).await;
    click(&id, "[data-network=bep20]");
    until("the new notice", || text(&id).contains("Send USDT only on the BEP20 network")).await;
    assert_eq!(posts(), 0);
    w.destroy();
}

#[wasm_bindgen_test]
async fn the_merchant_themes_it_and_chooses_a_scheme() {
    fake_api(&format!("[{}]", route("GET", "/v1/widget", 200, DOCS_WIDGET)));
    let id = mount_point();
    js(&format!(
        "const el = document.getElementById('{id}'); el.style.setProperty('--getcrypto-accent', 'rgb(200, 0, 100)');
                 el.style.setProperty('--getcrypto-radius', '2px'); el.dataset.scheme = 'dark';"
    ));
    let w = init("KEY".into(), id.as_str().into(), params("")).unwrap();
    loaded(&id).await;
    click(&id, "[data-coin=btc]");
    until("the pay button", || exists(&id, ".gc-pay")).await;
    let styles = js(&format!(
        "const r = document.getElementById('{id}').shadowRoot;
         const w = getComputedStyle(r.querySelector('.gc-widget')), p = getComputedStyle(r.querySelector('.gc-pay'));
         return [p.backgroundColor, w.borderTopLeftRadius, w.backgroundColor];"
    ));
    let styles: Vec<String> = serde_json::from_str(&JSON::stringify(&styles).unwrap().as_string().unwrap()).unwrap();
    assert_eq!(styles, ["rgb(200, 0, 100)", "2px", "rgb(13, 17, 23)"], "accent, radius, dark background");
    w.destroy();
}

#[wasm_bindgen_test]
async fn the_russian_widget_shows_no_english_sentence() {
    use getcrypto_widget::i18n::EN;
    let english = [
        EN.choose_coin,
        EN.choose_network,
        EN.network,
        EN.change,
        EN.send_exactly,
        EN.address,
        EN.copy,
        EN.time_left,
        EN.waiting,
        EN.scan,
        EN.invoice,
        "Send BTC only",
        "Pay ",
    ];
    fake_api(&format!(
        "[{}, {}]",
        route("GET", "/v1/widget", 200, DOCS_WIDGET),
        route("POST", "/v1/invoices", 200, &invoice("pending", r#","cryptocurrency":"btc","network":"btc""#))
    ));
    let id = mount_point();
    let w = init("KEY".into(), id.as_str().into(), params(r#","language":"ru""#)).unwrap();
    loaded(&id).await;
    click(&id, "[data-coin=btc]");
    until("the pay button", || exists(&id, ".gc-pay")).await;
    let choosing = text(&id);
    click(&id, ".gc-pay");
    until("the invoice", || exists(&id, ".gc-address")).await;
    for view in [choosing, text(&id)] {
        for phrase in english {
            assert!(!view.contains(phrase), "English {phrase:?} in: {view}");
        }
    }
    w.destroy();
}

/// The answers' reader: what `JSON.parse` made of a body, read into the
/// wire types with every digit kept, and a wrong shape refused.
#[wasm_bindgen_test]
fn answers_are_read_exactly_or_refused() {
    use getcrypto_api::{Envelope, Invoice, WidgetData};
    use getcrypto_widget::from_js::{from_js, Unreadable};
    let parse = |text: &str| JSON::parse(text).expect("test JSON");

    let docs: Envelope<WidgetData> = from_js(parse(DOCS_WIDGET)).expect("the docs' widget body reads");
    let amounts: Vec<(String, String)> =
        docs.data.amounts.iter().map(|(k, v)| (k.to_owned(), v.0.as_str().to_owned())).collect();
    assert_eq!(
        amounts,
        [("usdt", "11.944214"), ("usdc", "11.941625"), ("btc", "0.000451"), ("eth", "0.007131")]
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
    );

    let invoice = |fields: &str| {
        from_js::<Invoice>(parse(&format!(
            r#"{{"id": "inv_1", "status": "pending", "cryptocurrency": "btc", "network": "bitcoin",
                "address": "bc1q", "expires_at": "2026-11-23T10:30:00Z" {fields}}}"#
        )))
    };
    let read = invoice(r#", "amount": 1e-7, "amount_paid": "0.00000005", "confirmations": 2, "success_url": null, "extra": {"a": [1]}"#)
        .expect("an invoice with numbers, strings, null and an unknown field");
    assert_eq!(read.amount.as_str(), "0.0000001");
    assert_eq!(read.amount_paid.as_str(), "0.00000005");
    assert_eq!(read.confirmations, 2);
    assert_eq!(read.success_url, None);
    assert_eq!(read.input_amount, None);
    assert_eq!(invoice(r#", "amount": 11"#).expect("a whole amount").amount.as_str(), "11");

    for wrong in [
        r#", "amount": {"value": 1}"#,
        r#", "amount": -1"#,
        r#", "amount": "1,5""#,
        r#", "amount": 1, "confirmations": "2""#,
        r#", "amount": 1, "confirmations": 2.5"#,
        r#", "amount": 1, "status": 3"#,
        "",
    ] {
        assert_eq!(invoice(wrong).err(), Some(Unreadable), "{wrong}");
    }
    assert_eq!(from_js::<Invoice>(parse("[1, 2]")).err(), Some(Unreadable));
    assert_eq!(from_js::<Invoice>(JsValue::UNDEFINED).err(), Some(Unreadable));

    // An ignored field nested past any real answer's depth is refused, not
    // walked down to the bottom of a small stack; one of normal depth reads.
    let nested = |depth: usize| format!(r#", "amount": 1, "extra": {}1{}"#, "[".repeat(depth), "]".repeat(depth));
    assert_eq!(invoice(&nested(100)).expect("100 levels read").amount.as_str(), "1");
    assert_eq!(invoice(&nested(200)).err(), Some(Unreadable), "200 levels");
    assert_eq!(invoice(&nested(100_000)).err(), Some(Unreadable), "100 000 levels");
}

/// The text of the first match of `selector` in the widget.
fn text_of(id: &str, selector: &str) -> String {
    js(&format!("return document.getElementById('{id}').shadowRoot.querySelector({}).textContent;", quote(selector)))
        .as_string()
        .unwrap_or_default()
}

/// The Open-in-wallet link's href, if the payment view has one.
fn wallet_href(id: &str) -> Option<String> {
    js(&format!(
        "const a = document.getElementById('{id}').shadowRoot.querySelector('a.gc-wallet'); return a ? a.getAttribute('href') : null;"
    ))
    .as_string()
}

#[wasm_bindgen_test]
async fn open_in_wallet_links_the_exact_payment_on_its_network() {
    const ETH: &str = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
    const BTC: &str = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq";
    let cases: [(&str, &str, &str, &str, Option<String>); 6] = [
        ("btc", "btc", BTC, "0.000451", Some(format!("bitcoin:{BTC}?amount=0.000451"))),
        ("eth", "eth", ETH, "0.007131", Some(format!("ethereum:{ETH}?value=7131000000000000"))),
        (
            "usdt",
            "erc20",
            ETH,
            "11.944214",
            Some(format!(
                "ethereum:0xdAC17F958D2ee523a2206206994597C13D831ec7/transfer?address={ETH}&uint256=11944214"
            )),
        ),
        (
            "usdc",
            "erc20",
            ETH,
            "11.941625",
            Some(format!(
                "ethereum:0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48/transfer?address={ETH}&uint256=11941625"
            )),
        ),
        ("usdt", "bep20", ETH, "11.944214", None),
        ("usdt", "trc20", "TTYj9tqNtCrb9nay5vwnkQp2dBAPvW48TJ", "11.944214", None),
    ];
    for (coin, network, address, amount, href) in cases {
        let extra =
            format!(r#","cryptocurrency":"{coin}","network":"{network}","address":"{address}","amount":"{amount}""#);
        let (id, widget) = with_invoice("pending", &extra).await;
        until("the payment details", || exists(&id, ".gc-address")).await;
        assert_eq!(wallet_href(&id), href, "{coin} on {network}");
        if href.is_some() {
            assert_eq!(text_of(&id, "a.gc-wallet"), "Open in wallet");
        }
        widget.destroy();
    }
}

#[wasm_bindgen_test]
async fn a_hostile_address_gets_no_wallet_link() {
    for address in [
        "javascript:alert(1)//bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
        "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5md\\\"q",
        "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq onclick=alert(1)",
        "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq\\njavascript:alert(1)",
    ] {
        let extra = format!(r#","cryptocurrency":"btc","network":"btc","address":"{address}","amount":"0.000451""#);
        let (id, widget) = with_invoice("pending", &extra).await;
        until("the payment details", || exists(&id, ".gc-address")).await;
        assert_eq!(wallet_href(&id), None, "{address}");
        assert!(!exists(&id, "a[href^=javascript], a[onclick]"));
        widget.destroy();
    }
}

/// Another tab of the same site writing `record` under `key`, as the
/// browser tells this one.
fn storage_event_from_another_tab(key: &str, record: &str) {
    js(&format!(
        "localStorage.setItem({k}, {r}); window.dispatchEvent(new StorageEvent('storage', {{ key: {k}, newValue: {r}, storageArea: localStorage }}));",
        k = quote(key),
        r = quote(record)
    ));
}

#[wasm_bindgen_test]
async fn a_second_tab_of_the_order_shows_the_same_invoice_and_hears_it_paid() {
    echo_api();
    let key = "getcrypto:invoice:pr_64e5a94d9c3f4:ORD_X1:11:eur";
    let this_tab = mount_point();
    let w = init("KEY".into(), this_tab.as_str().into(), order("ORD_X1")).unwrap();
    loaded(&this_tab).await;
    // Another order's news is not this widget's.
    storage_event_from_another_tab("getcrypto:invoice:pr_64e5a94d9c3f4:ORD_OTHER:11:eur", "in_OTHER|pending");
    settle().await;
    assert_eq!(count("GET", "/v1/invoices/"), 0, "nothing asked about another order");
    // The other tab makes the invoice: this one gives up its choices for it.
    js(r#"window.__gc.invoices["in_ORD_X1"] = Object.assign({}, JSON.parse(window.__gc.routes[1].template),
        { id: "in_ORD_X1", order_id: "ORD_X1" });"#);
    storage_event_from_another_tab(key, "in_ORD_X1|pending");
    until("the other tab's invoice", || exists(&this_tab, ".gc-payment[data-invoice=in_ORD_X1]")).await;
    assert_eq!(posts(), 0, "this tab made no invoice of its own");
    // The other tab sees it paid: this one shows it at once, not at its next check.
    fake_clock();
    js(r#"window.__gc.invoices["in_ORD_X1"].status = "paid";"#);
    storage_event_from_another_tab(key, "in_ORD_X1|paid");
    until("the paid view", || exists(&this_tab, ".gc-paid")).await;
    w.destroy();
    real_time();
}

#[wasm_bindgen_test]
async fn another_amount_or_order_is_another_invoice() {
    echo_api();
    let a = mount_point();
    let first = init("KEY".into(), a.as_str().into(), order("ORD_X2")).unwrap();
    pay_with_usdt_trc20(&a).await;
    first.destroy();
    for other in [r#","order_id":"ORD_X3""#, r#","order_id":"ORD_X2","amount":12"#] {
        let b = mount_point();
        let w = init("KEY".into(), b.as_str().into(), params(other)).unwrap();
        loaded(&b).await;
        settle().await;
        assert!(!exists(&b, ".gc-address"), "{other}: the payer chooses, no invoice is resumed");
        w.destroy();
    }
    // The same order and amount, as a tab closed and opened again: resumed.
    let c = mount_point();
    let again = init("KEY".into(), c.as_str().into(), order("ORD_X2")).unwrap();
    until("the kept invoice", || exists(&c, ".gc-payment[data-invoice=in_ORD_X2]")).await;
    assert_eq!(posts(), 1);
    again.destroy();
}

#[wasm_bindgen_test]
async fn a_storage_that_throws_keeps_the_invoice_in_the_tab_with_no_error() {
    echo_api();
    js("window.__storage = [Storage.prototype.getItem, Storage.prototype.setItem, Storage.prototype.removeItem];
        for (const name of ['getItem', 'setItem', 'removeItem'])
            Storage.prototype[name] = function () { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };");
    let a = mount_point();
    let first = init("KEY".into(), a.as_str().into(), order("ORD_X4")).unwrap();
    pay_with_usdt_trc20(&a).await;
    assert!(!text(&a).contains("rror"), "no error shown: {}", text(&a));
    first.destroy();
    let b = mount_point();
    let again = init("KEY".into(), b.as_str().into(), order("ORD_X4")).unwrap();
    until("the invoice kept in the tab's memory", || exists(&b, ".gc-payment[data-invoice=in_ORD_X4]")).await;
    assert_eq!(posts(), 1);
    again.destroy();
    js("[Storage.prototype.getItem, Storage.prototype.setItem, Storage.prototype.removeItem] = window.__storage;");
}

/// Fake browser wallets that record every request they get, in
/// `window.__wallet.calls`: two announced by EIP-6963 (`mode` "6963"; the
/// second with an icon that is not an image in a data URI), or one as
/// `window.ethereum` ("injected"). `window.__wallet` steers them: `reject`
/// (4001 on the transaction), `unknownChain` (4902 until the chain is
/// added), `hold` (the transaction waits for `release()`).
fn fake_wallets(mode: &str) {
    js(&format!(
        r#"window.__wallet = {{ calls: [], mode: "{mode}" }};
        const provider = (name) => ({{ request: async ({{ method, params }}) => {{
            const w = window.__wallet;
            w.calls.push({{ wallet: name, method, params: params === undefined ? null : params }});
            const fail = (code, message) => {{ const e = new Error(message); e.code = code; throw e; }};
            if (method === "eth_requestAccounts") return ["0x1111111111111111111111111111111111111111"];
            if (method === "wallet_switchEthereumChain") {{ if (w.unknownChain && !w.added) fail(4902, "Unrecognized chain ID"); return null; }}
            if (method === "wallet_addEthereumChain") {{ w.added = true; return null; }}
            if (method === "eth_sendTransaction") {{
                if (w.reject) fail(4001, "User rejected the request.");
                if (w.hold) return new Promise((resolve) => {{ w.release = () => resolve("0x" + "cd".repeat(32)); }});
                return "0x" + "ab".repeat(32);
            }}
            fail(4200, "unsupported " + method);
        }} }});
        window.__walletProviders = {{ one: provider("Wallet One"), two: provider("Wallet Two"), injected: provider("Injected") }};
        if (!window.__walletListener) {{
            window.__walletListener = true;
            window.addEventListener("eip6963:requestProvider", () => {{
                if (window.__wallet.mode !== "6963") return;
                for (const [uuid, name, icon, key] of [
                    ["uuid-1", "Wallet One", "data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4=", "one"],
                    ["uuid-2", "Wallet Two", "https://evil.example/icon.png", "two"],
                ]) window.dispatchEvent(new CustomEvent("eip6963:announceProvider", {{
                    detail: Object.freeze({{ info: {{ uuid, name, icon, rdns: "example." + key }}, provider: window.__walletProviders[key] }}) }}));
            }});
        }}
        if (window.__wallet.mode === "injected") window.ethereum = window.__walletProviders.injected; else delete window.ethereum;"#
    ));
}

fn wallet_calls() -> Vec<serde_json::Value> {
    serde_json::from_str(&js("return JSON.stringify(window.__wallet.calls);").as_string().unwrap()).unwrap()
}

const ACCOUNT: &str = "0x1111111111111111111111111111111111111111";
const PAYEE: &str = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";

#[wasm_bindgen_test]
async fn a_browser_wallet_sends_exactly_one_exact_transaction_on_the_right_chain() {
    let transfer =
        |units: &str| format!("0xa9059cbb0000000000000000000000005aaeb6053f3e94c9b9a09f33669435e7ef1beaed{units}");
    let cases = [
        (
            "eth",
            "eth",
            "0.007131",
            "0x1",
            serde_json::json!({ "from": ACCOUNT, "to": PAYEE, "value": "0x19559b51e4b000" }),
        ),
        (
            "usdt",
            "erc20",
            "11.944214",
            "0x1",
            serde_json::json!({ "from": ACCOUNT, "to": "0xdAC17F958D2ee523a2206206994597C13D831ec7",
                "data": transfer("0000000000000000000000000000000000000000000000000000000000b64116") }),
        ),
        (
            "usdc",
            "erc20",
            "11.941625",
            "0x1",
            serde_json::json!({ "from": ACCOUNT, "to": "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48",
                "data": transfer("0000000000000000000000000000000000000000000000000000000000b636f9") }),
        ),
        (
            "usdt",
            "bep20",
            "11.944214",
            "0x38",
            serde_json::json!({ "from": ACCOUNT, "to": "0x55d398326f99059fF775485246999027B3197955",
                "data": transfer("000000000000000000000000000000000000000000000000a5c25f598f3f6000") }),
        ),
    ];
    for (coin, network, amount, chain, tx) in cases {
        fake_wallets("6963");
        let extra =
            format!(r#","cryptocurrency":"{coin}","network":"{network}","address":"{PAYEE}","amount":"{amount}""#);
        let (id, widget) = with_invoice("pending", &extra).await;
        until("the wallets", || exists(&id, "[data-wallet=uuid-2]")).await;
        assert_eq!(text_of(&id, "[data-wallet=uuid-1]"), "Wallet One");
        assert!(exists(&id, "[data-wallet=uuid-1] img[src^='data:image/svg+xml']"), "an image icon is shown");
        assert!(!exists(&id, "[data-wallet=uuid-2] img"), "a URL is never an icon");
        click(&id, "[data-wallet=uuid-2]");
        until("the transaction", || exists(&id, ".gc-tx")).await;
        let calls = wallet_calls();
        assert!(calls.iter().all(|c| c["wallet"] == "Wallet Two"), "only the wallet picked: {calls:?}");
        let asked: Vec<_> =
            calls.iter().map(|c| (c["method"].as_str().unwrap().to_owned(), c["params"].clone())).collect();
        assert_eq!(
            asked,
            [
                ("eth_requestAccounts".to_owned(), serde_json::Value::Null),
                ("wallet_switchEthereumChain".to_owned(), serde_json::json!([{ "chainId": chain }])),
                ("eth_sendTransaction".to_owned(), serde_json::json!([tx])),
            ],
            "{coin} on {network}"
        );
        assert_eq!(text_of(&id, ".gc-tx"), format!("0x{}", "ab".repeat(32)));
        assert!(
            exists(&id, ".gc-payment[data-status=pending]") && !exists(&id, ".gc-paid"),
            "the API says when it is paid"
        );
        let sent = events(&id).into_iter().find(|e| e["name"] == "transaction").expect("getcrypto:transaction");
        assert_eq!(
            sent["detail"],
            serde_json::json!({ "invoice_id": "in_64e5a94d9c3f4", "hash": format!("0x{}", "ab".repeat(32)), "wallet": "Wallet Two" })
        );
        widget.destroy();
    }
}

#[wasm_bindgen_test]
async fn a_wallet_without_the_chain_is_given_it_then_switched() {
    fake_wallets("6963");
    js("window.__wallet.unknownChain = true;");
    let extra = format!(r#","cryptocurrency":"usdc","network":"bep20","address":"{PAYEE}","amount":"1""#);
    let (id, widget) = with_invoice("pending", &extra).await;
    until("the wallets", || exists(&id, "[data-wallet=uuid-1]")).await;
    click(&id, "[data-wallet=uuid-1]");
    until("the transaction", || exists(&id, ".gc-tx")).await;
    let methods: Vec<_> = wallet_calls().iter().map(|c| c["method"].as_str().unwrap().to_owned()).collect();
    assert_eq!(
        methods,
        [
            "eth_requestAccounts",
            "wallet_switchEthereumChain",
            "wallet_addEthereumChain",
            "wallet_switchEthereumChain",
            "eth_sendTransaction"
        ]
    );
    let added = &wallet_calls()[2]["params"][0];
    assert_eq!((added["chainId"].as_str(), added["nativeCurrency"]["symbol"].as_str()), (Some("0x38"), Some("BNB")));
    widget.destroy();
}

#[wasm_bindgen_test]
async fn a_refusal_in_the_wallet_and_a_double_press_send_nothing_more() {
    fake_wallets("injected");
    js("window.__wallet.reject = true;");
    let extra = format!(r#","cryptocurrency":"eth","network":"eth","address":"{PAYEE}","amount":"0.007131""#);
    let (id, widget) = with_invoice("pending", &extra).await;
    until("the wallet", || exists(&id, "[data-wallet=injected]")).await;
    assert_eq!(
        text_of(&id, "[data-wallet=injected]"),
        "Browser wallet",
        "window.ethereum, where none announces itself"
    );
    click(&id, "[data-wallet=injected]");
    until("the calm line", || text(&id).contains("You cancelled in your wallet.")).await;
    assert!(exists(&id, ".gc-address") && exists(&id, "a.gc-wallet"), "the payment view stays as it was");
    let sends = || wallet_calls().iter().filter(|c| c["method"] == "eth_sendTransaction").count();
    assert_eq!(sends(), 1);
    js("window.__wallet.reject = false; window.__wallet.hold = true;");
    // Two presses in one frame: the second meets the first's request in flight.
    js(&format!(
        "const b = document.getElementById('{id}').shadowRoot.querySelector('[data-wallet=injected]'); b.click(); b.click();"
    ));
    until("the wallet asked", || sends() == 2).await;
    settle().await;
    let asked = wallet_calls().iter().filter(|c| c["method"] == "eth_requestAccounts").count();
    assert_eq!((asked, sends()), (2, 2), "one more request, not two");
    assert!(exists(&id, "[data-wallet=injected][disabled]"));
    js("window.__wallet.release();");
    until("the transaction", || exists(&id, ".gc-tx")).await;
    assert_eq!(text_of(&id, ".gc-tx"), format!("0x{}", "cd".repeat(32)));
    widget.destroy();
}

#[wasm_bindgen_test]
async fn no_browser_wallet_where_it_cannot_pay_exactly() {
    fake_wallets("6963");
    js("delete window.tronLink;");
    for extra in [
        r#","cryptocurrency":"usdt","network":"trc20""#.to_owned(),
        r#","cryptocurrency":"btc","network":"btc","address":"bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq","amount":"0.000451""#.to_owned(),
        format!(r#","cryptocurrency":"usdt","network":"erc20","address":"{PAYEE}","amount":"0.0000001""#),
    ] {
        let (id, widget) = with_invoice("pending", &extra).await;
        until("the payment details", || exists(&id, ".gc-address")).await;
        settle().await;
        assert!(!exists(&id, ".gc-wallets"), "{extra}");
        widget.destroy();
    }
    assert!(wallet_calls().is_empty());
}

/// A fake TronLink (`window.tronLink` and its `tronWeb`) that records every
/// call in `window.__tron.calls`; `window.__tron.reject` declines the send.
fn fake_tronlink() {
    js(r#"window.__tron = { calls: [], reject: false };
        const tronWeb = { contract: () => ({ at: async (address) => {
            window.__tron.calls.push(["at", address]);
            return { transfer: (to, units) => {
                window.__tron.calls.push(["transfer", to, units]);
                return { send: async (options) => {
                    window.__tron.calls.push(["send", options]);
                    if (window.__tron.reject) throw "Confirmation declined by user";
                    return "f".repeat(64);
                } };
            } };
        } }) };
        window.tronLink = { tronWeb, request: async ({ method }) => {
            window.__tron.calls.push(["request", method]);
            return { code: 200, message: "The site is already in the whitelist" };
        } };"#);
}

fn tron_calls() -> serde_json::Value {
    serde_json::from_str(&js("return JSON.stringify(window.__tron.calls);").as_string().unwrap()).unwrap()
}

#[wasm_bindgen_test]
async fn tronlink_pays_trc20_with_one_exact_transfer() {
    fake_tronlink();
    let (id, widget) = with_invoice("pending", "").await;
    until("TronLink", || exists(&id, "[data-wallet=tronlink]")).await;
    assert_eq!(text_of(&id, "[data-wallet=tronlink]"), "TronLink");
    click(&id, "[data-wallet=tronlink]");
    until("the transaction", || exists(&id, ".gc-tx")).await;
    assert_eq!(
        tron_calls(),
        serde_json::json!([
            ["request", "tron_requestAccounts"],
            ["at", "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"],
            ["transfer", "TTYj9tqNtCrb9nay5vwnkQp2dBAPvW48TJ", "11944214"],
            ["send", { "feeLimit": 100_000_000 }]
        ])
    );
    assert_eq!(text_of(&id, ".gc-tx"), "f".repeat(64));
    assert!(exists(&id, ".gc-payment[data-status=pending]"), "the API says when it is paid");
    let sent = events(&id).into_iter().find(|e| e["name"] == "transaction").expect("getcrypto:transaction");
    assert_eq!(sent["detail"]["wallet"], "TronLink");
    widget.destroy();

    js("window.__tron.reject = true; window.__tron.calls = [];");
    let (id, widget) = with_invoice("pending", "").await;
    until("TronLink", || exists(&id, "[data-wallet=tronlink]")).await;
    click(&id, "[data-wallet=tronlink]");
    until("the calm line", || text(&id).contains("You cancelled in your wallet.")).await;
    assert_eq!(tron_calls().as_array().map(Vec::len), Some(4), "one send, refused, and nothing after it");
    widget.destroy();
    js("delete window.tronLink;");
}

/// The widget's own writer (`to_js`) against serde-wasm-bindgen's
/// JSON-compatible one, which it replaced for size: the same objects for
/// the create body and for an invoice's event detail, and no body at all
/// for an amount a JavaScript number cannot hold.
#[wasm_bindgen_test]
fn the_writer_gives_what_serde_wasm_bindgen_gives() {
    use getcrypto_api::amount::NumberAmount;
    use getcrypto_api::{fixtures, CreateInvoice, Crypto, Currency, Language, Network};
    use getcrypto_widget::to_js::to_js;
    use serde::Serialize;
    let reference = serde_wasm_bindgen::Serializer::json_compatible();
    let text = |v: JsValue| JSON::stringify(&v).unwrap().as_string().unwrap();
    let body = |amount: &str, custom_fields: Option<String>| CreateInvoice {
        language: Language::Ru,
        input_amount: NumberAmount(fixtures::amount(amount)),
        currency: Currency::Eur,
        cryptocurrency: Crypto::Usdt,
        project_id: "pr_1".into(),
        order_id: "ORD \"1\" ✓".into(),
        network: Network::Trc20,
        custom_fields,
    };
    let mut paid = fixtures::invoice("paid");
    paid.success_url = None;
    for (ours, theirs) in [
        (to_js(&body("11", None)), body("11", None).serialize(&reference)),
        (to_js(&body("0.5", Some("{\"a\":1}".into()))), body("0.5", Some("{\"a\":1}".into())).serialize(&reference)),
        (to_js(&fixtures::invoice("pending")), fixtures::invoice("pending").serialize(&reference)),
        (to_js(&paid), paid.serialize(&reference)),
    ] {
        assert_eq!(text(ours.unwrap()), text(theirs.unwrap()));
    }
    assert!(to_js(&body("9007199254740993", None)).is_err(), "2^53 + 1 has no exact number");
    assert!(body("9007199254740993", None).serialize(&reference).is_err());
    assert!(text(to_js(&body("9007199254740991", None)).unwrap()).contains(":9007199254740991,"));
}

/// Lets the loader's microtask send what it scheduled.
async fn tick() {
    wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&JsValue::NULL)).await.unwrap();
    settle().await;
}

fn early_controller(early: &JsValue) -> web_sys::AbortController {
    js_sys::Reflect::get(early, &"controller".into()).unwrap().into()
}

#[wasm_bindgen_test]
async fn the_early_request_leaves_before_the_widget_and_is_adopted_once() {
    fake_api(&format!("[{}]", route("GET", "/v1/widget", 200, DOCS_WIDGET)));
    let id = mount_point();
    let (key, el, p) = (JsValue::from("KEY"), JsValue::from(id.as_str()), params(""));
    let early = send_early(&key, &el, &p);
    assert!(!early.is_null(), "the docs' parameters are sent early");
    tick().await;
    assert_eq!(requests().len(), 1, "sent before the widget exists");
    let w = getcrypto_widget::boundary::init(key, el, p, early).unwrap();
    loaded(&id).await;
    assert_eq!(count("GET", "/v1/widget"), 1, "the widget took the early answer instead of asking again");
    // A later reload of the choices asks anew: the early answer was used once.
    w.destroy();
}

#[wasm_bindgen_test]
async fn an_init_the_widget_refuses_sends_nothing_early() {
    fake_api(&format!("[{}]", route("GET", "/v1/widget", 200, DOCS_WIDGET)));
    let id = mount_point();
    let bad = [
        r#","currency":"gbp""#,
        r#","language":"de""#,
        r#","amount":-1"#,
        r#","amount":0"#,
        r#","amount":"11,5""#,
        r#","amount":"1e2""#,
        r#","project_id":"64e5a94d9c3f4""#,
        r#","order_id":"""#,
        r#","order_id":" ""#,
        r#","custom_fields":"{x""#,
        r#","custom_fields":[1]"#,
        r#","api_base":"javascript:alert(1)""#,
        r#","api_base":"https://""#,
    ];
    for extra in bad {
        let early = send_early(&"KEY".into(), &id.as_str().into(), &params(extra));
        assert!(early.is_null(), "{extra} is not sent early");
    }
    for key in ["", "  ", "a key"] {
        assert!(send_early(&key.into(), &id.as_str().into(), &params("")).is_null(), "key {key:?}");
    }
    assert!(send_early(&"KEY".into(), &"no-such-element".into(), &params("")).is_null(), "no element");
    tick().await;
    assert_eq!(requests().len(), 0, "nothing reached the API");
}

#[wasm_bindgen_test]
async fn an_early_request_that_is_not_the_widgets_is_aborted_never_read() {
    fake_api(r#"[{"method":"GET","path":"/v1/widget","never":true}]"#);
    let id = mount_point();
    let early = send_early(&"KEY".into(), &id.as_str().into(), &order("ORD_OLD"));
    tick().await;
    js(&format!("window.__gc.routes = [{}];", route("GET", "/v1/widget", 200, DOCS_WIDGET)));
    // The page's parameters changed before the wasm arrived: another order.
    let w =
        getcrypto_widget::boundary::init("KEY".into(), id.as_str().into(), order("ORD_NEW"), early.clone()).unwrap();
    loaded(&id).await;
    assert!(early_controller(&early).signal().aborted(), "the stale one is aborted");
    let asked: Vec<_> = requests().iter().map(|r| r["query"].as_str().unwrap_or_default().to_owned()).collect();
    assert_eq!(asked.len(), 2, "{asked:?}");
    assert!(asked[1].ends_with("order_id=ORD_NEW"), "{asked:?}");
    w.destroy();
}

#[wasm_bindgen_test]
async fn destroy_before_the_answer_aborts_the_early_request() {
    fake_api(r#"[{"method":"GET","path":"/v1/widget","never":true}]"#);
    let id = mount_point();
    let early = send_early(&"KEY".into(), &id.as_str().into(), &params(""));
    tick().await;
    let w = getcrypto_widget::boundary::init("KEY".into(), id.as_str().into(), params(""), early.clone()).unwrap();
    w.destroy();
    assert!(early_controller(&early).signal().aborted());
    assert_eq!(requests().len(), 1);
}

#[wasm_bindgen_test]
async fn a_second_init_on_the_element_supersedes_the_first_before_it_leaves() {
    fake_api(&format!("[{}]", route("GET", "/v1/widget", 200, DOCS_WIDGET)));
    let id = mount_point();
    // React's StrictMode: mounted, unmounted and mounted again at once.
    let first = send_early(&"KEY".into(), &id.as_str().into(), &params(""));
    let second = send_early(&"KEY".into(), &id.as_str().into(), &params(""));
    tick().await;
    assert!(early_controller(&first).signal().aborted());
    assert_eq!(requests().len(), 1, "one request left");
    let w = getcrypto_widget::boundary::init("KEY".into(), id.as_str().into(), params(""), second).unwrap();
    loaded(&id).await;
    assert_eq!(requests().len(), 1);
    w.destroy();
}

fn early_answered(early: &JsValue) -> bool {
    js_sys::Reflect::get(early, &"answer".into()).is_ok_and(|a| a.is_object())
}

#[wasm_bindgen_test]
async fn coins_already_in_hand_are_the_first_render_and_a_failure_reads_as_before() {
    fake_api(&format!("[{}]", route("GET", "/v1/widget", 200, DOCS_WIDGET)));
    let id = mount_point();
    let early = send_early(&"KEY".into(), &id.as_str().into(), &params(""));
    until("the early answer, read", || early_answered(&early)).await;
    let w = getcrypto_widget::boundary::init("KEY".into(), id.as_str().into(), params(""), early).unwrap();
    yew::scheduler::flush().await;
    assert!(exists(&id, "[data-coin=usdt]"), "the coins in the first render");
    assert!(!exists(&id, ".gc-skeleton"));
    until("ready", || events(&id).iter().any(|e| e["name"] == "ready")).await;
    settle().await;
    assert_eq!(requests().len(), 1);
    w.destroy();

    // A failing answer in hand is read by the widget's usual rules.
    fake_api(&format!("[{}]", route("GET", "/v1/widget", 503, "")));
    let id = mount_point();
    let early = send_early(&"KEY".into(), &id.as_str().into(), &params(""));
    until("the early answer, read", || early_answered(&early)).await;
    let w = getcrypto_widget::boundary::init("KEY".into(), id.as_str().into(), params(""), early).unwrap();
    until("the error", || exists(&id, ".gc-error button")).await;
    assert!(text(&id).contains("The payment service answered with an error (503)."));
    js(&format!("window.__gc.routes = [{}];", route("GET", "/v1/widget", 200, DOCS_WIDGET)));
    click(&id, ".gc-error button");
    loaded(&id).await;
    assert_eq!(requests().len(), 2, "the retry asks anew");
    w.destroy();

    // An invoice kept for the order still comes first: no coins flash.
    echo_api();
    kept_from_an_earlier_visit("in_kept", "ORD_123", "{}", "in_kept|pending");
    let id = mount_point();
    let early = send_early(&"KEY".into(), &id.as_str().into(), &params(""));
    until("the early answer, read", || early_answered(&early)).await;
    let w = getcrypto_widget::boundary::init("KEY".into(), id.as_str().into(), params(""), early).unwrap();
    yew::scheduler::flush().await;
    assert!(!exists(&id, "[data-coin]"), "no choices before the kept invoice");
    until("the kept invoice", || exists(&id, ".gc-payment[data-invoice=in_kept]")).await;
    assert_eq!(count("GET", "/v1/widget"), 1, "the early answer was still the one used");
    w.destroy();
}
