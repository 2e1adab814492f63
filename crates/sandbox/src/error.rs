//! Every refusal the sandbox answers, in the API's JSON shape:
//! `{"status": false, "message": ...}`, plus Laravel's `errors` on a 422.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use getcrypto_api::{ErrorBody, FieldErrors, OrderedMap};

/// The docs' message for an invoice another key made, or none made.
pub use getcrypto_api::examples::INVOICE_NOT_FOUND_MESSAGE as INVOICE_NOT_FOUND;
/// The same for a project.
pub const PROJECT_NOT_FOUND: &str = "Project does not exist or does not belong to this key";

/// A refusal, mapped to its status code and body.
#[derive(Debug)]
pub enum HttpError {
    /// 400, with the message shown as it is.
    BadRequest(String),
    /// 401: no key, or not one the sandbox knows.
    Unauthorized,
    /// 404: no such route.
    NotFound,
    /// 405: the route exists for other methods.
    MethodNotAllowed,
    /// 409: a simulated event that cannot happen to this invoice now.
    Conflict(String),
    /// 422: fields that break the rules.
    Validation(FieldErrors),
    /// 429: past the per-minute limit; seconds until the window resets.
    TooManyRequests(u64),
}

impl HttpError {
    /// A 422 for one field.
    pub fn field(field: &str, message: String) -> HttpError {
        let mut e = FieldErrors::default();
        e.add(field, message);
        HttpError::Validation(e)
    }

    fn parts(&self) -> (StatusCode, String) {
        match self {
            HttpError::BadRequest(m) => (StatusCode::BAD_REQUEST, m.clone()),
            HttpError::Unauthorized => (
                StatusCode::UNAUTHORIZED,
                "Unauthenticated: send your API key as `Authorization: Bearer <key>`.".into(),
            ),
            HttpError::NotFound => (StatusCode::NOT_FOUND, "Not found.".into()),
            HttpError::MethodNotAllowed => (StatusCode::METHOD_NOT_ALLOWED, "Method not allowed.".into()),
            HttpError::Conflict(m) => (StatusCode::CONFLICT, m.clone()),
            HttpError::Validation(e) => (StatusCode::UNPROCESSABLE_ENTITY, e.summary()),
            HttpError::TooManyRequests(_) => (StatusCode::TOO_MANY_REQUESTS, "Too Many Attempts.".into()),
        }
    }
}

impl IntoResponse for HttpError {
    fn into_response(self) -> Response {
        let (code, message) = self.parts();
        let errors = match &self {
            HttpError::Validation(e) => {
                let mut grouped: OrderedMap<Vec<String>> = OrderedMap::default();
                for (field, msg) in &e.0 {
                    match grouped.0.iter_mut().find(|(f, _)| f == field) {
                        Some((_, list)) => list.push(msg.clone()),
                        None => grouped.0.push((field.clone(), vec![msg.clone()])),
                    }
                }
                Some(grouped)
            }
            _ => None,
        };
        let body = ErrorBody { status: false, message, errors };
        let mut response = crate::body::json(code, &body);
        if let HttpError::TooManyRequests(secs) = self {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        response
    }
}
