//! Requests per key per minute, counted in fixed windows as Laravel's
//! throttle does, so `x-ratelimit-remaining` falls by one per request and
//! resets a minute after the window's first request.

use std::collections::HashMap;
use std::time::{Duration, Instant};

/// What the limiter says about one request.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Verdict {
    /// Let through; this many are left in the window.
    Allowed { remaining: u32 },
    /// Refused; the window resets in this many seconds.
    Limited { retry_after: u64 },
}

/// Fixed-window counters by key.
#[derive(Debug)]
pub struct Limiter {
    pub limit: u32,
    window: Duration,
    buckets: HashMap<String, (Instant, u32)>,
}

impl Limiter {
    /// `limit` requests per minute.
    pub fn per_minute(limit: u32) -> Limiter {
        Limiter { limit, window: Duration::from_secs(60), buckets: HashMap::new() }
    }

    /// Counts a request by `key` at `now`.
    pub fn hit(&mut self, key: &str, now: Instant) -> Verdict {
        // Old windows are dropped so that keys that stopped calling cost nothing.
        if self.buckets.len() > 10_000 {
            let window = self.window;
            self.buckets.retain(|_, (start, _)| now.duration_since(*start) < window);
        }
        let bucket = self.buckets.entry(key.to_owned()).or_insert((now, 0));
        if now.duration_since(bucket.0) >= self.window {
            *bucket = (now, 0);
        }
        if bucket.1 >= self.limit {
            let left = self.window.saturating_sub(now.duration_since(bucket.0));
            // Rounded up: a client that waits exactly this long must find
            // the window open, not be refused once more.
            return Verdict::Limited { retry_after: left.as_secs_f64().ceil().max(1.0) as u64 };
        }
        bucket.1 += 1;
        Verdict::Allowed { remaining: self.limit - bucket.1 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sixty_a_minute_then_wait() {
        let mut l = Limiter::per_minute(60);
        let t0 = Instant::now();
        for i in 0..60 {
            assert_eq!(l.hit("k", t0), Verdict::Allowed { remaining: 59 - i });
        }
        assert_eq!(l.hit("k", t0 + Duration::from_secs(15)), Verdict::Limited { retry_after: 45 });
        assert_eq!(
            l.hit("k", t0 + Duration::from_millis(15_500)),
            Verdict::Limited { retry_after: 45 },
            "44.5 s, rounded up"
        );
        assert_eq!(l.hit("other", t0), Verdict::Allowed { remaining: 59 });
        assert_eq!(l.hit("k", t0 + Duration::from_secs(60)), Verdict::Allowed { remaining: 59 });
    }
}
