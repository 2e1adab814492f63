//! The one module that talks to the GetCrypto API: builds each request with
//! the key, reads each answer with the browser's `JSON.parse`, and turns
//! every failure into an [`ApiError`] the payer can be told about.

use crate::error::error_from;
use crate::error::ApiError;
use crate::from_js::from_js;
use getcrypto_api::{rate, CreateInvoice, Envelope, Invoice, Refusal, WidgetData, WidgetQuery};
use gloo_net::http::RequestBuilder;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::JsValue;

/// A request that has not answered by then is given up and counts as failed.
pub const TIMEOUT_MS: u32 = 15_000;

/// What every answer says besides its body: the key's rate and the
/// server's clock. The client keeps neither; each caller passes them on to
/// whoever paces requests or shows time.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Meta {
    /// `(x-ratelimit-remaining, x-ratelimit-limit)`.
    pub rate: Option<(u32, u32)>,
    /// How far the server's clock is ahead of the payer's, from a readable
    /// `Date` header.
    pub clock_offset: Option<f64>,
}

/// An answer: its result and its [`Meta`].
pub struct Reply<T> {
    pub result: Result<T, ApiError>,
    pub meta: Meta,
}

/// `GET v1/widget` as the loader sent it at `init`, while the wasm was
/// still downloading (`sendEarly` in `www/load/early.js`): its URL, its key, the
/// browser's answer to come and what aborts it.
pub struct Early {
    url: String,
    key: String,
    /// The loader's object: its `answer` appears once the answer is read.
    raw: JsValue,
    /// Settles with the same answer, or fails as the request failed.
    response: js_sys::Promise,
    controller: web_sys::AbortController,
}

/// An answer as it came: its status, its headers and its body's text.
struct Answer {
    status: u16,
    headers: web_sys::Headers,
    text: String,
}

impl Answer {
    /// The loader's `{ status, headers, text }`.
    fn from_js(value: &JsValue) -> Option<Answer> {
        use wasm_bindgen::JsCast;
        let get = |name: &str| js_sys::Reflect::get(value, &JsValue::from_str(name)).ok();
        Some(Answer {
            status: get("status")?.as_f64().filter(|s| (100.0..600.0).contains(s))? as u16,
            headers: get("headers")?.dyn_into().ok()?,
            text: get("text")?.as_string()?,
        })
    }
}

impl Early {
    /// Reads the loader's `{ url, key, response, controller }`; `None` for
    /// anything else (no early request, or one this widget cannot read).
    pub fn from_js(value: &JsValue) -> Option<Early> {
        use wasm_bindgen::JsCast;
        if !value.is_object() {
            return None;
        }
        let get = |name: &str| js_sys::Reflect::get(value, &JsValue::from_str(name)).ok();
        Some(Early {
            url: get("url")?.as_string()?,
            key: get("key")?.as_string()?,
            raw: value.clone(),
            response: get("response")?.dyn_into().ok()?,
            controller: get("controller")?.dyn_into().ok()?,
        })
    }

    /// Whether it is exactly the request to `url` with `key`.
    fn is_for(&self, url: &str, key: &str) -> bool {
        self.url == url && self.key == key
    }
}

struct Inner {
    base: String,
    key: String,
    /// The abort controllers of requests in flight, so `destroy()` can
    /// cancel them all.
    live: RefCell<Vec<web_sys::AbortController>>,
    /// The loader's early `v1/widget`, until the first load takes or drops it.
    early: RefCell<Option<Early>>,
    destroyed: Cell<bool>,
    /// What the key had left by the last answer, for the status checks'
    /// pace (`poll::Pace`).
    remaining: Cell<Option<u32>>,
}

/// A client for one widget instance: its base URL and key, and every
/// request it has in flight, which `destroy()` cancels.
#[derive(Clone)]
pub struct Client(Rc<Inner>);

impl PartialEq for Client {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Client {
    /// A client for `base` (no trailing slash) with `key`, holding the
    /// loader's `early` request for its first load.
    pub fn new(base: &str, key: &str, early: Option<Early>) -> Client {
        Client(Rc::new(Inner {
            base: base.to_owned(),
            key: key.to_owned(),
            live: RefCell::new(Vec::new()),
            early: RefCell::new(early),
            destroyed: Cell::new(false),
            remaining: Cell::new(None),
        }))
    }

    /// Cancels every request in flight, the early one too, and refuses
    /// every later one.
    pub fn abort(&self) {
        self.0.destroyed.set(true);
        if let Some(early) = self.0.early.borrow_mut().take() {
            early.controller.abort();
        }
        for c in self.0.live.borrow_mut().drain(..) {
            c.abort();
        }
    }

    /// The early request, once, when it is exactly `url` with this key;
    /// otherwise it is aborted, so that no stale answer is ever read.
    fn take_early(&self, url: &str) -> Option<Early> {
        let early = self.0.early.borrow_mut().take()?;
        if early.is_for(url, &self.0.key) {
            Some(early)
        } else {
            early.controller.abort();
            None
        }
    }

    /// The coins already in hand at mount: the early request is exactly
    /// `q`'s, its answer has been read, and it is the data. Taken then, so
    /// that the widget's first render can be the coins; otherwise left for
    /// the first load to await and read by the same rules.
    pub fn preloaded(&self, q: &WidgetQuery) -> Option<(WidgetData, Meta)> {
        let url = widget_url(&self.0.base, q);
        let mut slot = self.0.early.borrow_mut();
        let early = slot.as_ref().filter(|e| e.is_for(&url, &self.0.key))?;
        let answer = js_sys::Reflect::get(&early.raw, &JsValue::from_str("answer")).ok()?;
        let (meta, read) = read(&Answer::from_js(&answer)?);
        let data = read.and_then(envelope::<WidgetData>).ok()?;
        *slot = None;
        Some((data, meta))
    }

    /// What the key had left by the last answer that said, if any.
    pub fn remaining(&self) -> Option<u32> {
        self.0.remaining.get()
    }

    /// `GET v1/widget`: the loader's early request when it is this one,
    /// else a new one.
    pub async fn widget(&self, q: &WidgetQuery) -> Reply<WidgetData> {
        let url = widget_url(&self.0.base, q);
        let early = self.take_early(&url);
        self.send(Verb::Get, &url, None, early).await
    }

    /// `POST v1/invoices`.
    pub async fn create_invoice(&self, body: &CreateInvoice) -> Reply<Invoice> {
        let Some(json) = to_json(body) else {
            return Reply { result: Err(ApiError::Unreadable), meta: Meta::default() };
        };
        self.send(Verb::Post, &format!("{}/v1/invoices", self.0.base), Some(json), None).await
    }

    /// `GET v1/invoices/{id}`.
    pub async fn invoice(&self, id: &str) -> Reply<Invoice> {
        let id = encode_uri_component(id);
        self.send(Verb::Get, &format!("{}/v1/invoices/{id}", self.0.base), None, None).await
    }

    async fn send<T: DeserializeOwned>(
        &self,
        method: Verb,
        url: &str,
        body: Option<String>,
        early: Option<Early>,
    ) -> Reply<T> {
        let (meta, result) = match self.exchange(method, url, body, early).await {
            Ok(answer) => read(&answer),
            Err(e) => (Meta::default(), Err(e)),
        };
        if let Some((remaining, _)) = meta.rate {
            self.0.remaining.set(Some(remaining));
        }
        Reply { result: result.and_then(envelope), meta }
    }

    /// One request and its answer, as it came. An `early` request already
    /// sent is awaited in place of a new one, and timed and aborted by the
    /// same rules.
    async fn exchange(
        &self,
        method: Verb,
        url: &str,
        body: Option<String>,
        early: Option<Early>,
    ) -> Result<Answer, ApiError> {
        if self.0.destroyed.get() {
            return Err(ApiError::Aborted);
        }
        let (controller, early) = match early {
            Some(e) => (e.controller, Some(e.response)),
            None => (web_sys::AbortController::new().map_err(|_| ApiError::Offline)?, None),
        };
        self.0.live.borrow_mut().push(controller.clone());
        let timed_out = Rc::new(Cell::new(false));
        let timer = {
            let (controller, timed_out) = (controller.clone(), timed_out.clone());
            gloo_timers::callback::Timeout::new(TIMEOUT_MS, move || {
                timed_out.set(true);
                controller.abort();
            })
        };
        let signal = controller.signal();
        let result = async {
            if let Some(answer) = early {
                let answer = wasm_bindgen_futures::JsFuture::from(answer).await.map_err(|_| ApiError::Offline)?;
                return Answer::from_js(&answer).ok_or(ApiError::Offline);
            }
            let builder = RequestBuilder::new(url)
                .method(match method {
                    Verb::Get => gloo_net::http::Method::GET,
                    Verb::Post => gloo_net::http::Method::POST,
                })
                .header("Authorization", &format!("Bearer {}", self.0.key))
                .header("Accept", "application/json")
                .abort_signal(Some(&signal));
            let request = match body {
                Some(json) => builder.header("Content-Type", "application/json").body(json),
                None => builder.build(),
            }
            .map_err(|_| ApiError::Offline)?;
            let response = request.send().await.map_err(|_| ApiError::Offline)?;
            let text = response.text().await.map_err(|_| ApiError::Offline)?;
            Ok::<_, ApiError>(Answer { status: response.status(), headers: response.headers().into_raw(), text })
        }
        .await;
        drop(timer);
        self.0.live.borrow_mut().retain(|c| c != &controller);
        result.map_err(|e| {
            if self.0.destroyed.get() {
                ApiError::Aborted
            } else if timed_out.get() {
                ApiError::Timeout
            } else {
                e
            }
        })
    }
}

/// The API's two methods: a plain value, where `http::Method` would carry
/// its drop code through every request's future.
#[derive(Clone, Copy)]
enum Verb {
    Get,
    Post,
}

/// What an answer's headers say of the rate and the server's clock, and its
/// status and parsed body, with a failing status as the error it means;
/// everything but reading the body as a `T`, so that it exists once in the
/// wasm rather than once per type.
fn read(answer: &Answer) -> (Meta, Result<(u16, JsValue), ApiError>) {
    let mut meta = Meta::default();
    let headers = &answer.headers;
    let get = |name: &str| headers.get(name).ok().flatten();
    let number = |name: &str| get(name).and_then(|v| v.trim().parse::<u32>().ok());
    if let (Some(remaining), Some(limit)) = (number(rate::REMAINING_HEADER), number(rate::LIMIT_HEADER)) {
        meta.rate = Some((remaining, limit));
    }
    if let Some(date) = get("date") {
        let server = js_sys::Date::parse(&date);
        if server.is_finite() {
            meta.clock_offset = Some(clock_offset(server, js_sys::Date::now()));
        }
    }
    let status = answer.status;
    let parsed = js_sys::JSON::parse(&answer.text).ok();
    let result = if (200..300).contains(&status) {
        parsed.map(|v| (status, v)).ok_or(ApiError::Unreadable)
    } else {
        let body = parsed.and_then(|v| from_js::<Refusal>(v).ok());
        Err(error_from(status, get("retry-after").as_deref(), body))
    };
    (meta, result)
}

/// The data of a 2xx answer's `{"status": true, "data": ...}`.
fn envelope<T: DeserializeOwned>((status, value): (u16, JsValue)) -> Result<T, ApiError> {
    match from_js::<Envelope<T>>(value.clone()) {
        Ok(env) if env.status => Ok(env.data),
        Ok(_) | Err(_) => Err(refusal(status, value)),
    }
}

/// `GET v1/widget`'s URL for `q` under `base`, byte for byte what the
/// loader's `widgetRequest` builds when it sends the request early.
pub fn widget_url(base: &str, q: &WidgetQuery) -> String {
    let mut url = format!("{base}/v1/widget?");
    for (i, (k, v)) in q.pairs().iter().enumerate() {
        if i > 0 {
            url.push('&');
        }
        url.push_str(k);
        url.push('=');
        url.push_str(&encode_uri_component(v));
    }
    url
}

/// JavaScript's `encodeURIComponent`: every UTF-8 byte escaped but letters,
/// digits and `-_.!~*'()`.
pub fn encode_uri_component(text: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(text.len());
    for &b in text.as_bytes() {
        if b.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        }
    }
    out
}

/// A 2xx answer that is not the data asked for: the API's own refusal
/// (`"status": false` with a message), or else unreadable.
fn refusal(status: u16, value: JsValue) -> ApiError {
    match from_js::<Refusal>(value) {
        Ok(e) if !e.status => ApiError::Rejected { status, message: e.message },
        _ => ApiError::Unreadable,
    }
}

/// The server's clock minus the payer's. `Date` has whole seconds, so a
/// difference under two seconds is taken as none rather than as jitter.
pub fn clock_offset(server_ms: f64, local_ms: f64) -> f64 {
    let offset = server_ms - local_ms;
    if offset.abs() < 2_000.0 {
        0.0
    } else {
        offset
    }
}

/// JSON text of `value`, through the browser's `JSON.stringify`.
fn to_json<T: Serialize>(value: &T) -> Option<String> {
    let js = crate::to_js::to_js(value).ok()?;
    js_sys::JSON::stringify(&js).ok()?.as_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_components_are_escaped_as_javascript_does() {
        assert_eq!(encode_uri_component("ORD_123-a.b!~*'()"), "ORD_123-a.b!~*'()");
        assert_eq!(encode_uri_component("a b&c=d/é€😀"), "a%20b%26c%3Dd%2F%C3%A9%E2%82%AC%F0%9F%98%80");
    }

    #[test]
    fn only_a_real_clock_difference_counts() {
        assert_eq!(clock_offset(1_000_000.0, 1_000_900.0), 0.0);
        assert_eq!(clock_offset(1_000_000.0, 1_300_000.0), -300_000.0);
        assert_eq!(clock_offset(1_180_000.0, 1_000_000.0), 180_000.0);
    }
}
