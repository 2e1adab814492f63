//! What runs around the handlers: the Bearer key and its rate window
//! before every `/v1/` call, the request log, and CORS for pages on other
//! origins.

use crate::clock;
use crate::error::HttpError;
use crate::ratelimit::Verdict;
use crate::state::AppState;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use getcrypto_api::rate;
use std::time::{Duration, Instant};
use tower_http::cors::{Any, CorsLayer};

/// The API key a request was authenticated with.
#[derive(Clone, Debug)]
pub struct ApiKey(pub String);

/// The key of an `Authorization: Bearer <key>` header, trimmed; the scheme
/// is matched without regard to case, as RFC 9110 asks.
pub fn bearer_key(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, key) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| key.trim()).filter(|k| !k.is_empty())
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
pub async fn log_request(req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().to_string();
    let path = req.uri().path().to_owned();
    let key = bearer_key(req.headers()).map(mask_key);
    let response = next.run(req).await;
    let line = serde_json::json!({
        "ts": getcrypto_api::time::format_rfc3339(clock::now()),
        "method": method,
        "path": path,
        "status": response.status().as_u16(),
        "ms": started.elapsed().as_millis() as u64,
        "key": key,
    });
    eprintln!("{line}");
    response
}

/// Checks the Bearer key and the key's rate before any `/v1/` handler, and
/// stamps the rate-limit headers on whatever the handler answers.
pub async fn authenticate(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let key = bearer_key(req.headers()).filter(|k| state.config.keys.iter().any(|known| known == k)).map(str::to_owned);
    // Unauthenticated calls share one bucket so that guessing keys is throttled too.
    let bucket = key.clone().unwrap_or_else(|| "\0unauthenticated".to_owned());
    let verdict = state.limiter.lock().unwrap_or_else(|e| e.into_inner()).hit(&bucket, Instant::now());
    let limit = state.config.rate_limit;
    let (mut response, remaining) = match (verdict, key) {
        (Verdict::Limited { retry_after }, _) => (HttpError::TooManyRequests(retry_after).into_response(), 0),
        (Verdict::Allowed { remaining }, None) => (HttpError::Unauthorized.into_response(), remaining),
        (Verdict::Allowed { remaining }, Some(key)) => {
            req.extensions_mut().insert(ApiKey(key));
            (next.run(req).await, remaining)
        }
    };
    let h = response.headers_mut();
    h.insert(HeaderName::from_static(rate::LIMIT_HEADER), HeaderValue::from(limit));
    h.insert(HeaderName::from_static(rate::REMAINING_HEADER), HeaderValue::from(remaining));
    response
}

/// How long a browser or CDN may keep a file of the built widget: for good
/// when its name carries its content's hash (`getcrypto_bg.<hex>.wasm`: a
/// new build is a new name), five minutes for the rest, so that the head
/// script's stable name picks up a new build soon.
pub fn dist_cache_control(path: &str) -> &'static str {
    let name = path.rsplit('/').next().unwrap_or_default();
    let mut parts = name.rsplit('.');
    let hashed = matches!((parts.next(), parts.next()), (Some(_), Some(hash))
        if hash.len() >= 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()));
    if hashed {
        "public, max-age=31536000, immutable"
    } else {
        "public, max-age=300"
    }
}

/// Stamps [`dist_cache_control`] on what `/dist/` serves.
pub async fn dist_cache(req: Request, next: Next) -> Response {
    let policy = dist_cache_control(req.uri().path());
    let mut response = next.run(req).await;
    if response.status().is_success() || response.status() == axum::http::StatusCode::NOT_MODIFIED {
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    response
}

/// Lets pages on any origin call the sandbox, as the widget on a merchant's
/// site calls the API, and read the headers it paces itself by.
pub fn cors() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET, Method::POST, Method::OPTIONS])
        .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE, header::ACCEPT])
        .expose_headers([
            HeaderName::from_static(rate::LIMIT_HEADER),
            HeaderName::from_static(rate::REMAINING_HEADER),
            header::RETRY_AFTER,
            header::DATE,
        ])
        .max_age(Duration::from_secs(600))
        .vary([header::ORIGIN])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logged_keys_are_masked() {
        assert_eq!(mask_key("sandbox_demo_key"), "sand…");
        assert_eq!(mask_key("ab"), "ab…");
        assert!(!mask_key("sk_live_secret").contains("secret"));
    }

    #[test]
    fn only_files_named_by_their_content_are_kept_for_good() {
        assert_eq!(
            dist_cache_control("/dist/getcrypto_bg.8a242a7da6a755a4.wasm"),
            "public, max-age=31536000, immutable"
        );
        assert_eq!(dist_cache_control("/getcrypto_bg.8a242a7da6a755a4.wasm"), "public, max-age=31536000, immutable");
        assert_eq!(dist_cache_control("/dist/getcrypto.js"), "public, max-age=300");
        assert_eq!(dist_cache_control("/dist/getcrypto_bg.wasm"), "public, max-age=300");
        assert_eq!(dist_cache_control("/dist/getcrypto_bg.latest.wasm"), "public, max-age=300");
        assert_eq!(dist_cache_control("/dist/"), "public, max-age=300");
    }

    #[test]
    fn the_bearer_key_is_read_one_way() {
        let with = |v: &str| {
            let mut h = HeaderMap::new();
            h.insert(header::AUTHORIZATION, HeaderValue::from_str(v).unwrap());
            bearer_key(&h).map(str::to_owned)
        };
        assert_eq!(with("Bearer sandbox_demo_key").as_deref(), Some("sandbox_demo_key"));
        assert_eq!(with("bearer  k ").as_deref(), Some("k"));
        assert_eq!(with("BEARER k").as_deref(), Some("k"));
        assert_eq!(with("Basic k"), None);
        assert_eq!(with("Bearer "), None);
        assert_eq!(bearer_key(&HeaderMap::new()), None);
    }
}
