//! The API's rate limit as both sides speak it: the headers the sandbox
//! stamps on every answer and the widget reads, and the pace the widget
//! keeps under it.

/// Requests a minute per key, as the docs' `x-ratelimit-limit` says.
pub const REQUESTS_PER_MINUTE: u32 = 60;
/// The header that states the limit.
pub const LIMIT_HEADER: &str = "x-ratelimit-limit";
/// The header that states what is left of it in this window.
pub const REMAINING_HEADER: &str = "x-ratelimit-remaining";
/// The shortest wait between two status checks of one widget, on a quiet
/// key; a busy key stretches it (the widget's `poll::next_delay`).
pub const POLL_MS: u32 = 5_000;
