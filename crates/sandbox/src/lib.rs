//! The GetCrypto sandbox: the documented API on a local port, with invoices
//! paid on demand, so that the demo, the tests and a merchant's integration
//! run with nothing outside the machine.
//!
//! [`app`] builds the whole router; `main.rs` only reads flags and binds.

pub mod address;
pub mod api;
pub mod clock;
pub mod config;
pub mod controls;
pub mod error;
pub mod ratelimit;
pub mod store;

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
use store::Store;
use tower_http::services::{ServeDir, ServeFile};

/// Shared by every handler.
#[derive(Clone)]
pub struct AppState {
    pub config: Arc<Config>,
    pub store: Arc<Mutex<Store>>,
    pub limiter: Arc<Mutex<Limiter>>,
}

impl AppState {
    /// Fresh state for `config`: no invoices, full rate windows.
    pub fn new(config: Config) -> AppState {
        AppState {
            limiter: Arc::new(Mutex::new(Limiter::per_minute(config.rate_limit))),
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
    Router::new()
        .nest("/v1", v1)
        .merge(controls::router())
        .route_service("/", ServeFile::new(root.join("index.html")))
        .nest_service("/dist", ServeDir::new(root.join("dist")))
        .layer(middleware::from_fn(cors))
        .with_state(state)
}

/// A JSON answer with the API's usual headers.
pub fn json<T: serde::Serialize>(code: StatusCode, body: &T) -> Response {
    match serde_json::to_vec(body) {
        Ok(bytes) => (
            code,
            [
                (header::CONTENT_TYPE, "application/json"),
                (header::CACHE_CONTROL, "no-cache, private"),
            ],
            bytes,
        )
            .into_response(),
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
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        })
        .map(str::trim)
        .filter(|k| state.config.keys.iter().any(|known| known == k))
        .map(str::to_owned);
    // Unauthenticated calls share one bucket so that guessing keys is throttled too.
    let bucket = key
        .clone()
        .unwrap_or_else(|| "\0unauthenticated".to_owned());
    let verdict = state
        .limiter
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .hit(&bucket, Instant::now());
    let limit = state.config.rate_limit;
    let (mut response, remaining) = match (verdict, key) {
        (Verdict::Limited { retry_after }, _) => {
            (ApiError::TooManyRequests(retry_after).into_response(), 0)
        }
        (Verdict::Allowed { remaining }, None) => {
            (ApiError::Unauthorized.into_response(), remaining)
        }
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
    let preflight = req.method() == Method::OPTIONS
        && req
            .headers()
            .contains_key(header::ACCESS_CONTROL_REQUEST_METHOD);
    let mut response = if preflight {
        let mut r = Response::new(Body::empty());
        *r.status_mut() = StatusCode::NO_CONTENT;
        let h = r.headers_mut();
        h.insert(
            header::ACCESS_CONTROL_ALLOW_METHODS,
            HeaderValue::from_static("GET, POST, OPTIONS"),
        );
        h.insert(
            header::ACCESS_CONTROL_ALLOW_HEADERS,
            HeaderValue::from_static("authorization, content-type, accept"),
        );
        h.insert(
            header::ACCESS_CONTROL_MAX_AGE,
            HeaderValue::from_static("600"),
        );
        r
    } else {
        next.run(req).await
    };
    let h = response.headers_mut();
    h.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    h.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static("x-ratelimit-limit, x-ratelimit-remaining, retry-after"),
    );
    h.insert(header::VARY, HeaderValue::from_static("Origin"));
    response
}
