//! Why a call to the API failed, in terms of what the payer or the merchant
//! can do about it. What the payer reads about each lives in `i18n`.

use getcrypto_api::Refusal;

/// Why a call failed.
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
    /// The widget's own check of the request, by the API's rules, refused
    /// it before anything was sent; the message names the fields.
    Invalid(String),
    /// 5xx, or a failure without a readable message.
    Server(u16),
    /// An answer that is not the JSON it should be.
    Unreadable,
    /// No answer within the request timeout.
    Timeout,
    /// The widget was destroyed while the request was in flight.
    Aborted,
}

impl ApiError {
    /// The stable code of `getcrypto:error` for this failure, for the shop's
    /// code to branch on whatever language the payer reads.
    pub fn code(&self) -> &'static str {
        match self {
            ApiError::Offline => "network",
            ApiError::Unauthorized => "unauthorized",
            ApiError::RateLimited { .. } => "rate_limited",
            ApiError::Rejected { .. } => "rejected",
            // Built from `init`'s parameters and refused by the API's own
            // rules before it was sent.
            ApiError::Invalid(_) => "params",
            ApiError::Server(_) => "server",
            ApiError::Unreadable => "unreadable",
            ApiError::Timeout => "timeout",
            ApiError::Aborted => "aborted",
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

    /// Whether a kept invoice id should survive this failure to read it: a
    /// passing failure keeps it for the next load, a refusal forgets it.
    pub fn is_passing(&self) -> bool {
        matches!(self, ApiError::Offline | ApiError::Timeout | ApiError::Server(_))
    }
}

/// Classifies a non-2xx answer from its status, `Retry-After` and body.
pub fn error_from(status: u16, retry_after: Option<&str>, body: Option<Refusal>) -> ApiError {
    match status {
        401 => ApiError::Unauthorized,
        429 => ApiError::RateLimited {
            retry_after: retry_after.and_then(|s| s.trim().parse().ok()).unwrap_or(60).clamp(1, 3600),
        },
        400..=499 => ApiError::Rejected { status, message: body.map(|b| b.message).unwrap_or_default() },
        _ => ApiError::Server(status),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use getcrypto_api::examples::INVOICE_NOT_FOUND_MESSAGE;

    #[test]
    fn statuses_map_to_what_the_payer_can_do() {
        assert_eq!(error_from(401, None, None), ApiError::Unauthorized);
        assert!(!ApiError::Unauthorized.retryable());
        assert_eq!(error_from(429, Some("17"), None), ApiError::RateLimited { retry_after: 17 });
        assert_eq!(error_from(429, None, None), ApiError::RateLimited { retry_after: 60 });
        let body = Refusal { status: false, message: INVOICE_NOT_FOUND_MESSAGE.into() };
        assert_eq!(
            error_from(400, None, Some(body)),
            ApiError::Rejected { status: 400, message: INVOICE_NOT_FOUND_MESSAGE.into() }
        );
        assert_eq!(error_from(503, None, None), ApiError::Server(503));
        assert!(ApiError::Server(503).retryable() && ApiError::Server(503).retry_by_hand());
        assert!(!ApiError::RateLimited { retry_after: 1 }.retry_by_hand());
        assert!(ApiError::Timeout.is_passing() && !ApiError::Unauthorized.is_passing());
        assert_eq!(error_from(429, Some("5"), None).code(), "rate_limited");
        assert_eq!(error_from(422, None, None).code(), "rejected");
        assert_eq!(error_from(502, None, None).code(), "server");
        assert_eq!(ApiError::Offline.code(), "network");
    }
}
