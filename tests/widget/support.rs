//! What every test here shares: `init` each way in, the fake API and
//! clock (`fakes.js`), the mount point, and reading what the payer sees.

pub use getcrypto_api::examples::WIDGET_RESPONSE as DOCS_WIDGET;
pub use js_sys::{Function, JSON};
use std::cell::Cell;
use wasm_bindgen::prelude::wasm_bindgen;
pub use wasm_bindgen::JsValue;
pub use wasm_bindgen_test::*;

#[wasm_bindgen(module = "/tests/widget/fakes.js")]
extern "C" {
    #[wasm_bindgen(js_name = fakeApi)]
    fn fake_api_js(routes: &str, not_found: &str);
    #[wasm_bindgen(js_name = fakeClock)]
    pub fn fake_clock();
    #[wasm_bindgen(js_name = advanceClock)]
    fn advance_clock(ms: u32);
    #[wasm_bindgen(js_name = fakeWallets)]
    pub fn fake_wallets(mode: &str);
    #[wasm_bindgen(js_name = fakeTronlink)]
    pub fn fake_tronlink();
}

// The loader's own modules, as both entries bundle them.
#[wasm_bindgen(module = "/www/load/early.js")]
extern "C" {
    #[wasm_bindgen(js_name = sendEarly)]
    fn send_early_js(key: &JsValue, id: &JsValue, params: &JsValue, signal: &JsValue, lang: &JsValue) -> JsValue;
}

#[wasm_bindgen(module = "/www/load/languages.js")]
extern "C" {
    #[wasm_bindgen(js_name = pickLanguage)]
    fn pick_language(requested: &JsValue, preferred: &JsValue, shipped: &JsValue) -> JsValue;
}

thread_local! {
    /// Whether `init` goes the way the shipped loader goes: `v1/widget`
    /// sent early by the loader's own code (`www/load/early.js`), then
    /// handed to the widget.
    static VIA_LOADER: Cell<bool> = const { Cell::new(false) };
}

/// The language file the loader hands the widget for `params`' language,
/// as the shipped entries fetch it (undefined for English, built in).
pub fn texts_for(params: &JsValue) -> JsValue {
    let language = js_sys::Reflect::get(params, &"language".into()).ok().and_then(|l| l.as_string());
    let file = match language.as_deref() {
        Some("ru") => include_str!("../../locales/ru.json"),
        Some("ar") => include_str!("../../locales/ar.json"),
        _ => return JsValue::UNDEFINED,
    };
    let texts = js_sys::Object::new();
    js_sys::Reflect::set(&texts, &"tag".into(), &language.unwrap().into()).unwrap();
    js_sys::Reflect::set(&texts, &"data".into(), &shipped(file)).unwrap();
    texts.into()
}

/// `locales/<tag>.json` as the build ships it: the array of its values in
/// the widget's order (xtask/src/languages.rs, held to the widget's reader
/// by tests/locales.rs).
fn shipped(file: &str) -> JsValue {
    use getcrypto_widget::i18n::{KEYS, PLURAL_KEYS};
    let file: serde_json::Value = serde_json::from_str(file).unwrap();
    let texts = &file["texts"];
    let mut values: Vec<serde_json::Value> =
        ["name", "dir", "decimal", "group", "group_from"].iter().map(|f| file[*f].clone()).collect();
    values.extend(KEYS.iter().map(|k| texts[*k].clone()));
    for key in PLURAL_KEYS {
        values.extend(["zero", "one", "two", "few", "many", "other"].iter().map(|f| texts[key][*f].clone()));
    }
    js_sys::JSON::parse(&serde_json::Value::Array(values).to_string()).unwrap()
}

/// The loader's early request for this `init`, as the shipped entries
/// make it (null when it sends none): in the language the widget will
/// speak, chosen by the loader's own rules.
pub fn send_early(key: &JsValue, id: &JsValue, params: &JsValue) -> JsValue {
    let requested = js_sys::Reflect::get(params, &"language".into()).unwrap_or(JsValue::UNDEFINED);
    let shipped = serde_wasm_bindgen::to_value(&getcrypto_widget::lang::SHIPPED).unwrap();
    let lang = pick_language(&requested, &js("return navigator.languages;"), &shipped);
    send_early_js(key, id, params, &JsValue::UNDEFINED, &lang)
}

/// `init` as the page calls it: straight into the widget, or, while
/// [`VIA_LOADER`] is set, after the loader has sent `v1/widget` early.
pub fn init(key: JsValue, id: JsValue, params: JsValue) -> Result<getcrypto_widget::boundary::Widget, JsValue> {
    let early = if VIA_LOADER.with(Cell::get) { send_early(&key, &id, &params) } else { JsValue::UNDEFINED };
    let early = if early.is_null() { JsValue::UNDEFINED } else { early };
    let texts = texts_for(&params);
    let mounted = getcrypto_widget::boundary::init(key, id, params, early.clone(), texts);
    if mounted.is_err() && !early.is_undefined() {
        early_controller(&early).abort();
    }
    mounted
}

/// Each way in: straight, then through the loader's early request.
pub fn ways() -> [bool; 2] {
    [false, true]
}

pub fn go(via_loader: bool) {
    VIA_LOADER.with(|v| v.set(via_loader));
}

/// Runs `body` as a JavaScript function body.
pub fn js(body: &str) -> JsValue {
    Function::new_no_args(body).call0(&JsValue::NULL).expect("script runs")
}

/// Replaces `fetch` with the fake API of `fakes.js`, answering from
/// `routes` (a JSON array) and recording each request.
pub fn fake_api(routes: &str) {
    fake_api_js(routes, getcrypto_api::examples::INVOICE_NOT_FOUND_MESSAGE);
}

pub fn requests() -> Vec<serde_json::Value> {
    let v = js("return JSON.stringify(window.__gc.requests);").as_string().unwrap();
    serde_json::from_str(&v).unwrap()
}

pub fn route(method: &str, path: &str, status: u16, body: &str) -> String {
    format!(
        r#"{{"method":"{method}","path":"{path}","status":{status},"body":{}}}"#,
        JSON::stringify(&JsValue::from_str(body)).unwrap().as_string().unwrap()
    )
}

pub fn invoice(status: &str, extra: &str) -> String {
    format!(
        r#"{{"status":true,"data":{{"id":"in_64e5a94d9c3f4","status":"{status}","project_id":"pr_64e5a94d9c3f4","order_id":"ORD_123","input_amount":"11","currency":"eur","cryptocurrency":"usdt","network":"trc20","amount":"11.944214","amount_paid":"0","address":"TTYj9tqNtCrb9nay5vwnkQp2dBAPvW48TJ","confirmations":0,"confirmations_required":1,"created_at":"2026-11-23T10:00:00Z","expires_at":"2099-11-23T10:30:00Z","success_url":"https://shop.example/ok","fail_url":"https://shop.example/fail"{extra}}}}}"#
    )
}

/// A fresh mount element with a unique id, plus an event recorder.
pub fn mount_point() -> String {
    let id = js("window.__n = (window.__n || 0) + 1; return 'gc-test-' + window.__n;").as_string().unwrap();
    js(&format!(
        "const el = document.createElement('div'); el.id = '{id}'; document.body.appendChild(el);
         el.__events = [];
         for (const n of ['ready','invoice','status','paid','expired','error','transaction'])
             el.addEventListener('getcrypto:' + n, (e) => el.__events.push({{ name: n, detail: e.detail }}));"
    ));
    id
}

pub fn params(extra: &str) -> JsValue {
    let base = r#"{"project_id":"pr_64e5a94d9c3f4","amount":11,"currency":"eur","order_id":"ORD_123","language":"en","api_base":"https://api.test""#;
    JSON::parse(&format!("{base}{extra}}}")).unwrap()
}

/// The text of the widget's shadow root.
pub fn text(id: &str) -> String {
    js(&format!(
        "const e = document.getElementById('{id}'); const r = e.shadowRoot || e;
         return [...r.querySelectorAll('.gc-widget > :not(style)')].map((n) => n.textContent).join(' ');"
    ))
    .as_string()
    .unwrap_or_default()
}

/// `text` as a JavaScript string literal. Not `{:?}`: the release build's
/// flags compile Debug formatting to nothing, and these tests run there too.
pub fn quote(text: &str) -> String {
    serde_json::to_string(text).unwrap()
}

pub fn exists(id: &str, selector: &str) -> bool {
    js(&format!("return !!document.getElementById('{id}').shadowRoot.querySelector({});", quote(selector))).as_bool()
        == Some(true)
}

pub fn click(id: &str, selector: &str) {
    js(&format!("document.getElementById('{id}').shadowRoot.querySelector({}).click();", quote(selector)));
}

pub fn events(id: &str) -> Vec<serde_json::Value> {
    let v = js(&format!("return JSON.stringify(document.getElementById('{id}').__events);")).as_string().unwrap();
    serde_json::from_str(&v).unwrap()
}

/// Lets the widget's queued work run: it settles each change in a
/// microtask, and draws and tells the page in the ones that follow.
pub async fn flush() {
    for _ in 0..4 {
        let _ = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&JsValue::NULL)).await;
    }
}

/// Waits, without sleeping a fixed time, until `cond` holds: the widget's
/// queued work run and the event loop turned between checks, for at most
/// 3 s.
pub async fn until(what: &str, cond: impl Fn() -> bool) {
    let deadline = js_sys::Date::now() + 3_000.0;
    while js_sys::Date::now() < deadline {
        flush().await;
        if cond() {
            return;
        }
        real_wait(10).await;
    }
    panic!("timed out waiting for {what}");
}

/// Moves the fake clock `ms` forward, running each timer that falls due in
/// its order, then lets the widget react.
pub async fn advance(ms: u32) {
    advance_clock(ms);
    settle().await;
}

/// Lets what is under way finish: the widget's queued work run, and a few real turns
/// of the event loop for the fake `fetch` to answer and be read.
pub async fn settle() {
    for _ in 0..3 {
        flush().await;
        real_wait(0).await;
    }
    flush().await;
}

/// Makes every `setTimeout` a hundred times shorter, so that the widget's
/// 5 s polling and 15 s request timeout run in tens of milliseconds;
/// [`real_time`] undoes it.
pub fn compress_time() {
    js("if (!window.__realSetTimeout) window.__realSetTimeout = window.setTimeout;
        window.setTimeout = (f, ms, ...a) => window.__realSetTimeout(f, Math.ceil((ms || 0) / 100), ...a);");
}

/// Waits `ms` of real time, whatever [`compress_time`] did to `setTimeout`.
pub async fn real_wait(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let set = js("return window.__realSetTimeout || window.setTimeout;");
        let set: Function = set.into();
        let _ = set.call2(&JsValue::NULL, &resolve, &JsValue::from(ms));
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

pub fn real_time() {
    js("if (window.__realSetTimeout) window.setTimeout = window.__realSetTimeout;
        if (window.__realClearTimeout) window.clearTimeout = window.__realClearTimeout;");
}

pub async fn loaded(id: &str) {
    until("the coins", || exists(id, "[data-coin=usdt]")).await;
}

/// Mounts a widget whose invoice comes back with `status` and `extra`
/// fields, and returns the element id once the invoice shows.
pub async fn with_invoice(status: &str, extra: &str) -> (String, getcrypto_widget::boundary::Widget) {
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
    flush().await;
    (id, widget)
}

/// Mounts a widget, chooses BTC and presses Pay; returns once the click is made.
pub async fn confirm_btc() -> (String, getcrypto_widget::boundary::Widget) {
    let id = mount_point();
    let widget = init("KEY".into(), id.as_str().into(), params("")).unwrap();
    loaded(&id).await;
    click(&id, "[data-coin=btc]");
    until("the pay button", || exists(&id, ".gc-pay")).await;
    click(&id, ".gc-pay");
    (id, widget)
}

/// Routes for the whole path with invoices made per order and kept.
pub fn echo_api() {
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

pub fn order(order_id: &str) -> JsValue {
    params(&format!(r#","order_id":"{order_id}""#))
}

pub async fn pay_with_usdt_trc20(id: &str) {
    loaded(id).await;
    click(id, "[data-coin=usdt]");
    until("the networks", || exists(id, "[data-network=trc20]")).await;
    click(id, "[data-network=trc20]");
    until("the pay button", || exists(id, ".gc-pay")).await;
    click(id, ".gc-pay");
    until("the payment details", || exists(id, ".gc-address")).await;
}

pub fn posts() -> usize {
    requests().iter().filter(|r| r["method"] == "POST").count()
}

pub fn shown_address(id: &str) -> String {
    js(&format!("return document.getElementById('{id}').shadowRoot.querySelector('.gc-address').dataset.address;"))
        .as_string()
        .unwrap_or_default()
}

/// How many requests of `method` went to a path starting with `path`.
pub fn count(method: &str, path: &str) -> usize {
    requests()
        .iter()
        .filter(|r| r["method"] == method && r["path"].as_str().is_some_and(|p| p.starts_with(path)))
        .count()
}

/// Keeps an invoice of `order` in the fake API and in storage, as an
/// earlier visit left it: `fields` over the template (JSON).
pub fn kept_from_an_earlier_visit(id: &str, order: &str, fields: &str, record: &str) {
    js(&format!(
        r#"window.__gc.invoices[{i}] = Object.assign({{}}, JSON.parse(window.__gc.routes[1].template),
            {{ id: {i}, order_id: {o} }}, {fields});
        localStorage.setItem("getcrypto:invoice:pr_64e5a94d9c3f4:" + {o} + ":11:eur", {r});"#,
        i = quote(id),
        o = quote(order),
        r = quote(record)
    ));
}

pub fn kept(order: &str) -> Option<String> {
    js(&format!("return localStorage.getItem('getcrypto:invoice:pr_64e5a94d9c3f4:{order}:11:eur');")).as_string()
}

pub const XSS: &str =
    r#"<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><svg onload="window.__pwned=3">"#;

/// An invoice answer with `expires_at` at `expires_in_ms` from `server_now`,
/// and a `Date` header saying the server's time.
pub fn timed_invoice_route(server_now_ms: f64, expires_in_ms: f64) -> String {
    let iso = |ms: f64| js_sys::Date::new(&JsValue::from(ms)).to_iso_string().as_string().unwrap();
    let http_date = js_sys::Date::new(&JsValue::from(server_now_ms)).to_utc_string().as_string().unwrap();
    let body = invoice("pending", "").replace("2099-11-23T10:30:00Z", &iso(server_now_ms + expires_in_ms));
    format!(
        r#"{{"method":"POST","path":"/v1/invoices","status":200,"body":{},"headers":{{"date":"{http_date}"}}}}"#,
        JSON::stringify(&JsValue::from_str(&body)).unwrap().as_string().unwrap()
    )
}

/// The text of the first match of `selector` in the widget.
pub fn text_of(id: &str, selector: &str) -> String {
    js(&format!("return document.getElementById('{id}').shadowRoot.querySelector({}).textContent;", quote(selector)))
        .as_string()
        .unwrap_or_default()
}

/// The Open-in-wallet link's href, if the payment view has one.
pub fn wallet_href(id: &str) -> Option<String> {
    js(&format!(
        "const a = document.getElementById('{id}').shadowRoot.querySelector('a.gc-wallet'); return a ? a.getAttribute('href') : null;"
    ))
    .as_string()
}

/// Another tab of the same site writing `record` under `key`, as the
/// browser tells this one.
pub fn storage_event_from_another_tab(key: &str, record: &str) {
    js(&format!(
        "localStorage.setItem({k}, {r}); window.dispatchEvent(new StorageEvent('storage', {{ key: {k}, newValue: {r}, storageArea: localStorage }}));",
        k = quote(key),
        r = quote(record)
    ));
}

pub fn wallet_calls() -> Vec<serde_json::Value> {
    serde_json::from_str(&js("return JSON.stringify(window.__wallet.calls);").as_string().unwrap()).unwrap()
}

pub const ACCOUNT: &str = "0x1111111111111111111111111111111111111111";

pub const PAYEE: &str = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";

pub fn tron_calls() -> serde_json::Value {
    serde_json::from_str(&js("return JSON.stringify(window.__tron.calls);").as_string().unwrap()).unwrap()
}

/// Lets the loader's microtask send what it scheduled.
pub async fn tick() {
    wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&JsValue::NULL)).await.unwrap();
    settle().await;
}

pub fn early_controller(early: &JsValue) -> web_sys::AbortController {
    js_sys::Reflect::get(early, &"controller".into()).unwrap().into()
}

pub fn early_answered(early: &JsValue) -> bool {
    js_sys::Reflect::get(early, &"answer".into()).is_ok_and(|a| a.is_object())
}
