//! The GetCrypto sandbox: the documented API on a local port, with invoices
//! paid on demand, so that the demo, the tests and a merchant's integration
//! run with nothing outside the machine.
//!
//! [`app`] builds the whole router; `main.rs` only reads flags and binds.

pub mod address;
pub mod api;
pub mod cli;
pub mod clock;
pub mod config;
pub mod controls;
pub mod error;
pub mod ratelimit;
pub mod store;
pub mod webhooks;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use config::Config;
use error::ApiError;
use ratelimit::{Limiter, Verdict};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Instant;
use store::{Event, Refusal, Store};
use tower_http::services::{ServeDir, ServeFile};
use webhooks::Webhooks;

/// Shared by every handler.
#[derive(Clone)]
pub struct AppState {
    pub config: Arc<Config>,
    pub store: Arc<Mutex<Store>>,
    pub limiter: Arc<Mutex<Limiter>>,
    pub webhooks: Arc<Webhooks>,
}

impl AppState {
    /// Fresh state for `config`: no invoices, full rate windows.
    pub fn new(config: Config) -> AppState {
        AppState {
            limiter: Arc::new(Mutex::new(Limiter::per_minute(config.rate_limit))),
            webhooks: Arc::new(Webhooks::new(config.webhooks.clone())),
            config: Arc::new(config),
            store: Arc::new(Mutex::new(Store::default())),
        }
    }

    /// The invoice store. A handler that panicked mid-update cannot leave it
    /// half-written (every update is one assignment), so a poisoned lock is
    /// still usable.
    pub fn store(&self) -> std::sync::MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Applies a simulated event and, when it makes the invoice paid,
    /// announces that to the project's notification URL.
    pub fn apply(&self, id: &str, event: Event) -> Result<getcrypto_api::Invoice, Refusal> {
        let invoice = self.store().apply(id, clock::now(), event)?;
        if invoice.status == getcrypto_api::Status::Paid {
            if let Some(project) = self.config.project(&invoice.project_id) {
                self.webhooks.invoice_paid(project, &invoice);
            }
        }
        Ok(invoice)
    }

    /// For unattended demos: pays `id` in full after the configured delay,
    /// then confirms it once a second (or sooner, with a shorter delay)
    /// until it is paid.
    pub fn auto_pay(&self, id: String) {
        let Some(delay) = self.config.auto_pay_after else {
            return;
        };
        let state = self.clone();
        tokio::spawn(async move {
            tokio::time::sleep(delay).await;
            let due = match state.store().get(&id, clock::now()) {
                Some(r) => r.invoice.amount_due(),
                None => return,
            };
            let mut result = state.apply(&id, Event::Pay(due));
            while let Ok(inv) = &result {
                if inv.status != getcrypto_api::Status::Confirming {
                    break;
                }
                tokio::time::sleep(delay.min(std::time::Duration::from_secs(1))).await;
                result = state.apply(&id, Event::Confirm);
            }
        });
    }
}

/// Lower-case hex of `bytes`: addresses, invoice ids and signatures.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The API key a request was authenticated with.
#[derive(Clone, Debug)]
pub struct ApiKey(pub String);

/// The whole sandbox: the API under `/v1/`, the controls under `/sandbox/`,
/// and, from `root`, the demo page at `/` and the built widget at `/dist/`.
pub fn app(state: AppState, root: PathBuf) -> Router {
    let v1 = Router::new()
        .route("/widget", get(api::widget_show))
        .route("/invoices", post(api::invoices_create))
        .route("/invoices/{id}", get(api::invoices_show))
        .fallback(|| async { ApiError::NotFound })
        .method_not_allowed_fallback(|| async { ApiError::MethodNotAllowed })
        .layer(middleware::from_fn_with_state(state.clone(), authenticate));
    let log = state.config.log_requests;
    let router = Router::new()
        .nest("/v1", v1)
        .merge(controls::router())
        .route("/openapi.json", get(openapi))
        .route_service("/", ServeFile::new(root.join("index.html")))
        .nest_service("/dist", ServeDir::new(root.join("dist")).precompressed_br().precompressed_gzip())
        .layer(middleware::from_fn(cors));
    let router = if log { router.layer(middleware::from_fn(log_request)) } else { router };
    router.with_state(state)
}

/// `sand…` for `sandbox_demo_key`: enough to tell keys apart in a log, not
/// enough to use one.
pub fn mask_key(key: &str) -> String {
    let head: String = key.chars().take(4).collect();
    format!("{head}…")
}

/// One JSON line per request on stderr: time, method, path, status,
/// duration and the masked key. Query strings are left out: they carry
/// order ids, and the log is for following traffic, not for replaying it.
async fn log_request(req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().to_string();
    let path = req.uri().path().to_owned();
    let key = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once(' ').map(|(_, k)| mask_key(k.trim())));
    let response = next.run(req).await;
    let line = serde_json::json!({
        "ts": clock::rfc3339(clock::now()),
        "method": method,
        "path": path,
        "status": response.status().as_u16(),
        "ms": started.elapsed().as_millis() as u64,
        "key": key,
    });
    eprintln!("{line}");
    response
}

/// This API's OpenAPI 3.1 document, kept in the repository beside the code
/// and checked against the live sandbox by the tests.
pub const OPENAPI: &str = include_str!("../openapi/openapi.json");

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

/// A JSON answer with the API's usual headers.
pub fn json<T: serde::Serialize>(code: StatusCode, body: &T) -> Response {
    match serde_json::to_vec(body) {
        Ok(bytes) => {
            (code, [(header::CONTENT_TYPE, "application/json"), (header::CACHE_CONTROL, "no-cache, private")], bytes)
                .into_response()
        }
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

const RATE_LIMIT: HeaderName = HeaderName::from_static("x-ratelimit-limit");
const RATE_REMAINING: HeaderName = HeaderName::from_static("x-ratelimit-remaining");

/// Checks the Bearer key and the key's rate before any `/v1/` handler, and
/// stamps the rate-limit headers on whatever the handler answers.
async fn authenticate(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let key = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
        .map(str::trim)
        .filter(|k| state.config.keys.iter().any(|known| known == k))
        .map(str::to_owned);
    // Unauthenticated calls share one bucket so that guessing keys is throttled too.
    let bucket = key.clone().unwrap_or_else(|| "\0unauthenticated".to_owned());
    let verdict = state.limiter.lock().unwrap_or_else(|e| e.into_inner()).hit(&bucket, Instant::now());
    let limit = state.config.rate_limit;
    let (mut response, remaining) = match (verdict, key) {
        (Verdict::Limited { retry_after }, _) => (ApiError::TooManyRequests(retry_after).into_response(), 0),
        (Verdict::Allowed { remaining }, None) => (ApiError::Unauthorized.into_response(), remaining),
        (Verdict::Allowed { remaining }, Some(key)) => {
            req.extensions_mut().insert(ApiKey(key));
            (next.run(req).await, remaining)
        }
    };
    let h = response.headers_mut();
    h.insert(RATE_LIMIT, HeaderValue::from(limit));
    h.insert(RATE_REMAINING, HeaderValue::from(remaining));
    response
}

/// Lets pages on any origin call the sandbox, as the widget on a merchant's
/// site calls the API: answers preflights and marks every answer.
async fn cors(req: Request, next: Next) -> Response {
    let preflight =
        req.method() == Method::OPTIONS && req.headers().contains_key(header::ACCESS_CONTROL_REQUEST_METHOD);
    let mut response = if preflight {
        let mut r = Response::new(Body::empty());
        *r.status_mut() = StatusCode::NO_CONTENT;
        let h = r.headers_mut();
        h.insert(header::ACCESS_CONTROL_ALLOW_METHODS, HeaderValue::from_static("GET, POST, OPTIONS"));
        h.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, HeaderValue::from_static("authorization, content-type, accept"));
        h.insert(header::ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("600"));
        r
    } else {
        next.run(req).await
    };
    let h = response.headers_mut();
    h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    h.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static("x-ratelimit-limit, x-ratelimit-remaining, retry-after, date"),
    );
    h.insert(header::VARY, HeaderValue::from_static("Origin"));
    response
}

#[cfg(test)]
mod tests {
    use super::mask_key;

    #[test]
    fn logged_keys_are_masked() {
        assert_eq!(mask_key("sandbox_demo_key"), "sand…");
        assert_eq!(mask_key("ab"), "ab…");
        assert!(!mask_key("sk_live_secret").contains("secret"));
    }
}
