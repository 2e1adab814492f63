//! The sandbox's clock: invoices, their expiry and the webhooks' stamps are
//! all read from here. The RFC 3339 text it is written in is
//! `getcrypto_api::time`, shared with the widget that reads it.

use std::time::{SystemTime, UNIX_EPOCH};

/// Seconds since the Unix epoch, now.
pub fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}
