//! JSON answers with the API's usual headers, for every route that answers
//! with JSON: the API, its refusals and the sandbox's controls.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

/// `body` as JSON with `code`, not cached by anyone between.
pub fn json<T: serde::Serialize>(code: StatusCode, body: &T) -> Response {
    match serde_json::to_vec(body) {
        Ok(bytes) => {
            (code, [(header::CONTENT_TYPE, "application/json"), (header::CACHE_CONTROL, "no-cache, private")], bytes)
                .into_response()
        }
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}
