//! The one module that talks to the GetCrypto API: builds each request with
//! the key, reads each answer with the browser's `JSON.parse`, and turns
//! every failure into an [`ApiError`] the payer can be told about.

use crate::from_js::from_js;
use crate::i18n::{self, texts};
use getcrypto_api::{CreateInvoice, Envelope, ErrorBody, Invoice, Language, WidgetData, WidgetQuery};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::JsValue;

/// Why a call failed, in terms of what the payer or merchant can do.
#[derive(Clone, Debug, PartialEq)]
pub enum ApiError {
    /// No answer: the network is down or the request was blocked.
    Offline,
    /// 401: the merchant's key was refused. Retrying cannot help.
    Unauthorized,
    /// 429: wait this many seconds.
    RateLimited { retry_after: u32 },
    /// 4xx with the API's own message (400, 404, 422).
    Rejected { status: u16, message: String },
    /// 5xx, or a failure without a readable message.
    Server(u16),
    /// An answer that is not the JSON it should be.
    Unreadable,
    /// No answer within [`TIMEOUT_MS`].
    Timeout,
    /// The widget was destroyed while the request was in flight.
    Aborted,
}

/// A request that has not answered by then is given up and counts as failed.
pub const TIMEOUT_MS: u32 = 15_000;

impl ApiError {
    /// What to tell the payer.
    pub fn describe(&self, lang: Language) -> String {
        let t = texts(lang);
        match self {
            ApiError::Offline => t.offline.to_owned(),
            ApiError::Timeout => t.timeout.to_owned(),
            ApiError::Unauthorized => t.unauthorized.to_owned(),
            ApiError::RateLimited { retry_after } => i18n::rate_limited(lang, *retry_after),
            ApiError::Rejected { status: 404, message } if message.is_empty() => t.not_found.to_owned(),
            ApiError::Rejected { message, status } if message.is_empty() => i18n::server_error(lang, *status),
            ApiError::Rejected { message, .. } => message.clone(),
            ApiError::Server(code) => i18n::server_error(lang, *code),
            ApiError::Unreadable => t.unexpected_answer.to_owned(),
            ApiError::Aborted => String::new(),
        }
    }

    /// Whether asking again may succeed.
    pub fn retryable(&self) -> bool {
        !matches!(self, ApiError::Unauthorized | ApiError::Aborted)
    }

    /// Whether to offer the payer a retry button: not where retrying cannot
    /// help, and not for a 429, which the widget waits out by itself.
    pub fn retry_by_hand(&self) -> bool {
        self.retryable() && !matches!(self, ApiError::RateLimited { .. })
    }
}

/// Classifies a non-2xx answer from its status, `Retry-After` and body.
pub fn error_from(status: u16, retry_after: Option<&str>, body: Option<ErrorBody>) -> ApiError {
    match status {
        401 => ApiError::Unauthorized,
        429 => ApiError::RateLimited {
            retry_after: retry_after.and_then(|s| s.trim().parse().ok()).unwrap_or(60).clamp(1, 3600),
        },
        400..=499 => ApiError::Rejected { status, message: body.map(|b| b.message).unwrap_or_default() },
        _ => ApiError::Server(status),
    }
}

struct Inner {
    base: String,
    key: String,
    /// The abort controllers of requests in flight, so `destroy()` can
    /// cancel them all.
    live: RefCell<Vec<web_sys::AbortController>>,
    destroyed: Cell<bool>,
    /// `x-ratelimit-remaining` and `x-ratelimit-limit` of the last answer.
    rate: Cell<Option<(u32, u32)>>,
    /// How far the server's clock is ahead of the payer's, from the last
    /// readable `Date` header.
    clock_offset: Cell<f64>,
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
            rate: Cell::new(None),
            clock_offset: Cell::new(0.0),
        }))
    }

    /// Cancels every request in flight and refuses every later one.
    pub fn abort(&self) {
        self.0.destroyed.set(true);
        for c in self.0.live.borrow_mut().drain(..) {
            c.abort();
        }
    }

    /// Milliseconds to add to the payer's clock to get the server's: a
    /// countdown by a clock minutes off would lie.
    pub fn clock_offset(&self) -> f64 {
        self.0.clock_offset.get()
    }

    /// `(remaining, limit)` from the last answer's rate-limit headers.
    pub fn rate(&self) -> Option<(u32, u32)> {
        self.0.rate.get()
    }

    /// `GET v1/widget`.
    pub async fn widget(&self, q: &WidgetQuery) -> Result<WidgetData, ApiError> {
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
    pub async fn create_invoice(&self, body: &CreateInvoice) -> Result<Invoice, ApiError> {
        let json = to_json(body).ok_or(ApiError::Unreadable)?;
        self.send("POST", &format!("{}/v1/invoices", self.0.base), Some(json)).await
    }

    /// `GET v1/invoices/{id}`.
    pub async fn invoice(&self, id: &str) -> Result<Invoice, ApiError> {
        let id = String::from(js_sys::encode_uri_component(id));
        self.send("GET", &format!("{}/v1/invoices/{id}", self.0.base), None).await
    }

    async fn send<T: DeserializeOwned>(&self, method: &str, url: &str, body: Option<String>) -> Result<T, ApiError> {
        let (status, value) = self.exchange(method, url, body).await?;
        match from_js::<Envelope<T>>(value.clone()) {
            Ok(env) if env.status => Ok(env.data),
            Ok(_) | Err(_) => Err(refusal(status, value)),
        }
    }

    /// One request and its answer's status and parsed body; everything but
    /// reading the body as a `T`, so that it exists once in the wasm rather
    /// than once per type.
    async fn exchange(&self, method: &str, url: &str, body: Option<String>) -> Result<(u16, JsValue), ApiError> {
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
        if let (Some(remaining), Some(limit)) = (header("x-ratelimit-remaining"), header("x-ratelimit-limit")) {
            self.0.rate.set(Some((remaining, limit)));
        }
        if let Some(date) = headers.get("date") {
            let server = js_sys::Date::parse(&date);
            if server.is_finite() {
                self.0.clock_offset.set(clock_offset(server, js_sys::Date::now()));
            }
        }
        let status = response.status();
        let parsed = js_sys::JSON::parse(&text).ok();
        if !(200..300).contains(&status) {
            let body = parsed.and_then(|v| from_js::<ErrorBody>(v).ok());
            let retry_after = headers.get("retry-after");
            return Err(error_from(status, retry_after.as_deref(), body));
        }
        Ok((status, parsed.ok_or(ApiError::Unreadable)?))
    }
}

/// A 2xx answer that is not the data asked for: the API's own refusal
/// (`"status": false` with a message), or else unreadable.
fn refusal(status: u16, value: JsValue) -> ApiError {
    match from_js::<ErrorBody>(value) {
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
    let js = value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).ok()?;
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

    #[test]
    fn statuses_map_to_what_the_payer_can_do() {
        assert_eq!(error_from(401, None, None), ApiError::Unauthorized);
        assert!(!ApiError::Unauthorized.retryable());
        assert_eq!(error_from(429, Some("17"), None), ApiError::RateLimited { retry_after: 17 });
        assert_eq!(error_from(429, None, None), ApiError::RateLimited { retry_after: 60 });
        let body = ErrorBody {
            status: false,
            message: "Invoice does not exist or does not belong to this key".into(),
            errors: None,
        };
        assert_eq!(
            error_from(400, None, Some(body)).describe(Language::En),
            "Invoice does not exist or does not belong to this key"
        );
        assert_eq!(error_from(503, None, None), ApiError::Server(503));
        assert!(ApiError::Server(503).retryable() && ApiError::Server(503).retry_by_hand());
        assert!(!ApiError::RateLimited { retry_after: 1 }.retry_by_hand());
        assert_eq!(error_from(404, None, None).describe(Language::En), crate::i18n::EN.not_found);
        assert_eq!(
            ApiError::Server(500).describe(Language::Ru),
            "Платёжный сервис ответил ошибкой (500). Повторите попытку."
        );
    }
}
