//! The one module that talks to the GetCrypto API: builds each request with
//! the key, reads each answer with the browser's `JSON.parse`, and turns
//! every failure into an [`ApiError`] the payer can be told about.

use crate::error::error_from;
use crate::error::ApiError;
use crate::from_js::from_js;
use getcrypto_api::{rate, CreateInvoice, Envelope, Invoice, Refusal, WidgetData, WidgetQuery};
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

struct Inner {
    base: String,
    key: String,
    /// The abort controllers of requests in flight, so `destroy()` can
    /// cancel them all.
    live: RefCell<Vec<web_sys::AbortController>>,
    destroyed: Cell<bool>,
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
    /// A client for `base` (no trailing slash) with `key`.
    pub fn new(base: &str, key: &str) -> Client {
        Client(Rc::new(Inner {
            base: base.to_owned(),
            key: key.to_owned(),
            live: RefCell::new(Vec::new()),
            destroyed: Cell::new(false),
        }))
    }

    /// Cancels every request in flight and refuses every later one.
    pub fn abort(&self) {
        self.0.destroyed.set(true);
        for c in self.0.live.borrow_mut().drain(..) {
            c.abort();
        }
    }

    /// `GET v1/widget`.
    pub async fn widget(&self, q: &WidgetQuery) -> Reply<WidgetData> {
        let mut url = format!("{}/v1/widget?", self.0.base);
        for (i, (k, v)) in q.pairs().iter().enumerate() {
            if i > 0 {
                url.push('&');
            }
            url.push_str(k);
            url.push('=');
            url.push_str(&String::from(js_sys::encode_uri_component(v)));
        }
        self.send("GET", &url, None).await
    }

    /// `POST v1/invoices`.
    pub async fn create_invoice(&self, body: &CreateInvoice) -> Reply<Invoice> {
        let Some(json) = to_json(body) else {
            return Reply { result: Err(ApiError::Unreadable), meta: Meta::default() };
        };
        self.send("POST", &format!("{}/v1/invoices", self.0.base), Some(json)).await
    }

    /// `GET v1/invoices/{id}`.
    pub async fn invoice(&self, id: &str) -> Reply<Invoice> {
        let id = String::from(js_sys::encode_uri_component(id));
        self.send("GET", &format!("{}/v1/invoices/{id}", self.0.base), None).await
    }

    async fn send<T: DeserializeOwned>(&self, method: &str, url: &str, body: Option<String>) -> Reply<T> {
        let mut meta = Meta::default();
        let result = match self.exchange(method, url, body, &mut meta).await {
            Ok((status, value)) => match from_js::<Envelope<T>>(value.clone()) {
                Ok(env) if env.status => Ok(env.data),
                Ok(_) | Err(_) => Err(refusal(status, value)),
            },
            Err(e) => Err(e),
        };
        Reply { result, meta }
    }

    /// One request and its answer's status and parsed body; everything but
    /// reading the body as a `T`, so that it exists once in the wasm rather
    /// than once per type.
    async fn exchange(
        &self,
        method: &str,
        url: &str,
        body: Option<String>,
        meta: &mut Meta,
    ) -> Result<(u16, JsValue), ApiError> {
        use gloo_net::http::{Method, RequestBuilder};
        if self.0.destroyed.get() {
            return Err(ApiError::Aborted);
        }
        let controller = web_sys::AbortController::new().map_err(|_| ApiError::Offline)?;
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
            let builder = RequestBuilder::new(url)
                .method(if method == "POST" { Method::POST } else { Method::GET })
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
            Ok::<_, ApiError>((response, text))
        }
        .await;
        drop(timer);
        self.0.live.borrow_mut().retain(|c| c != &controller);
        let (response, text) = result.map_err(|e| {
            if self.0.destroyed.get() {
                ApiError::Aborted
            } else if timed_out.get() {
                ApiError::Timeout
            } else {
                e
            }
        })?;
        let headers = response.headers();
        let header = |name: &str| headers.get(name).and_then(|v| v.trim().parse::<u32>().ok());
        if let (Some(remaining), Some(limit)) = (header(rate::REMAINING_HEADER), header(rate::LIMIT_HEADER)) {
            meta.rate = Some((remaining, limit));
        }
        if let Some(date) = headers.get("date") {
            let server = js_sys::Date::parse(&date);
            if server.is_finite() {
                meta.clock_offset = Some(clock_offset(server, js_sys::Date::now()));
            }
        }
        let status = response.status();
        let parsed = js_sys::JSON::parse(&text).ok();
        if !(200..300).contains(&status) {
            let body = parsed.and_then(|v| from_js::<Refusal>(v).ok());
            let retry_after = headers.get("retry-after");
            return Err(error_from(status, retry_after.as_deref(), body));
        }
        Ok((status, parsed.ok_or(ApiError::Unreadable)?))
    }
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
    fn only_a_real_clock_difference_counts() {
        assert_eq!(clock_offset(1_000_000.0, 1_000_900.0), 0.0);
        assert_eq!(clock_offset(1_000_000.0, 1_300_000.0), -300_000.0);
        assert_eq!(clock_offset(1_180_000.0, 1_000_000.0), 180_000.0);
    }
}
