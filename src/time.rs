//! Time left, as the countdown writes it. Reading the API's RFC 3339 stamps
//! is `getcrypto_api::time`, shared with the sandbox that writes them.

/// `29:59`, or `1:02:03` past an hour; never negative.
pub fn format_countdown(ms: f64) -> String {
    let total = if ms.is_finite() && ms > 0.0 { (ms / 1000.0).ceil() as u64 } else { 0 };
    let (h, m, s) = (total / 3600, total % 3600 / 60, total % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m:02}:{s:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_down() {
        assert_eq!(format_countdown(30.0 * 60_000.0), "30:00");
        assert_eq!(format_countdown(59_001.0), "01:00");
        assert_eq!(format_countdown(1_000.0), "00:01");
        assert_eq!(format_countdown(0.0), "00:00");
        assert_eq!(format_countdown(-5_000.0), "00:00");
        assert_eq!(format_countdown(3_723_000.0), "1:02:03");
    }
}
