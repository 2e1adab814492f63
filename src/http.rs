//! The one module that talks to the GetCrypto API: builds each request with
//! the key, reads each answer with the browser's `JSON.parse`, and turns
//! every failure into an [`ApiError`] the payer can be told about.

use crate::i18n::{self, texts};
use getcrypto_api::{CreateInvoice, Envelope, ErrorBody, Invoice, Language, WidgetData, WidgetQuery};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::rc::Rc;

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
    /// The widget was destroyed while the request was in flight.
    Aborted,
}

impl ApiError {
    /// What to tell the payer.
    pub fn describe(&self, lang: Language) -> String {
        let t = texts(lang);
        match self {
            ApiError::Offline => t.offline.to_owned(),
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
    abort: Option<web_sys::AbortController>,
}

/// A client for one widget instance: its base URL, its key, and one abort
/// signal that `destroy()` fires to cancel whatever is in flight.
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
            abort: web_sys::AbortController::new().ok(),
        }))
    }

    /// Cancels every request in flight and every later one.
    pub fn abort(&self) {
        if let Some(a) = &self.0.abort {
            a.abort();
        }
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
        use gloo_net::http::RequestBuilder;
        let signal = self.0.abort.as_ref().map(|a| a.signal());
        if signal.as_ref().is_some_and(|s| s.aborted()) {
            return Err(ApiError::Aborted);
        }
        let builder = RequestBuilder::new(url)
            .method(if method == "POST" { gloo_net::http::Method::POST } else { gloo_net::http::Method::GET })
            .header("Authorization", &format!("Bearer {}", self.0.key))
            .header("Accept", "application/json")
            .abort_signal(signal.as_ref());
        let request = match body {
            Some(json) => builder.header("Content-Type", "application/json").body(json),
            None => builder.build(),
        }
        .map_err(|_| ApiError::Offline)?;
        let response = request.send().await.map_err(|_| {
            if signal.as_ref().is_some_and(|s| s.aborted()) {
                ApiError::Aborted
            } else {
                ApiError::Offline
            }
        })?;
        let status = response.status();
        let text = response.text().await.map_err(|_| ApiError::Offline)?;
        let parsed = js_sys::JSON::parse(&text).ok();
        if !(200..300).contains(&status) {
            let body = parsed.and_then(|v| serde_wasm_bindgen::from_value::<ErrorBody>(v).ok());
            let retry_after = response.headers().get("retry-after");
            return Err(error_from(status, retry_after.as_deref(), body));
        }
        let value = parsed.ok_or(ApiError::Unreadable)?;
        match serde_wasm_bindgen::from_value::<Envelope<T>>(value.clone()) {
            Ok(env) if env.status => Ok(env.data),
            Ok(_) | Err(_) => match serde_wasm_bindgen::from_value::<ErrorBody>(value) {
                Ok(e) if !e.status => Err(ApiError::Rejected { status, message: e.message }),
                _ => Err(ApiError::Unreadable),
            },
        }
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
