//! Time for the countdown: reading the API's RFC 3339 stamps and writing
//! what is left.

/// Milliseconds since the Unix epoch for `2026-11-23T10:30:00Z` (an offset
/// such as `+03:00` and fractional seconds are accepted).
pub fn parse_rfc3339(text: &str) -> Option<f64> {
    let b = text.trim().as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let s = std::str::from_utf8(b.get(r)?).ok()?;
        s.bytes().all(|c| c.is_ascii_digit()).then(|| s.parse().ok())?
    };
    if b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b'T' | b't' | b' ')
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, s) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || s > 60 {
        return None;
    }
    let mut i = 19;
    let mut millis = 0;
    if b[i] == b'.' {
        let start = i + 1;
        i = start;
        while i < b.len() && b[i].is_ascii_digit() {
            // Only the first three digits count: the countdown shows seconds.
            if i - start < 3 {
                millis += i64::from(b[i] - b'0') * [100, 10, 1][i - start];
            }
            i += 1;
        }
        if i == start {
            return None;
        }
    }
    let offset_min = match b.get(i)? {
        b'Z' | b'z' if i + 1 == b.len() => 0,
        sign @ (b'+' | b'-') if i + 6 == b.len() && b[i + 3] == b':' => {
            let m = num(i + 1..i + 3)? * 60 + num(i + 4..i + 6)?;
            if *sign == b'+' {
                m
            } else {
                -m
            }
        }
        _ => return None,
    };
    // Days from civil (Howard Hinnant).
    let y2 = if mo <= 2 { y - 1 } else { y };
    let era = y2.div_euclid(400);
    let yoe = y2 - era * 400;
    let mp = if mo > 2 { mo - 3 } else { mo + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let secs = days * 86_400 + h * 3600 + mi * 60 + s - offset_min * 60;
    Some((secs * 1000 + millis) as f64)
}

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
    fn reads_rfc3339() {
        assert_eq!(parse_rfc3339("1970-01-01T00:00:00Z"), Some(0.0));
        assert_eq!(parse_rfc3339("2026-11-23T10:00:00Z"), Some(1_795_428_000_000.0));
        assert_eq!(parse_rfc3339("2026-11-23T13:00:00+03:00"), Some(1_795_428_000_000.0));
        assert_eq!(parse_rfc3339("2026-11-23T10:00:00.500Z"), Some(1_795_428_000_500.0));
        assert_eq!(parse_rfc3339("2000-02-29T00:00:00Z"), Some(951_782_400_000.0));
        assert_eq!(parse_rfc3339("2026-11-23T10:00:00.123456Z"), Some(1_795_428_000_123.0));
        assert_eq!(parse_rfc3339("2026-11-23T10:00:00.5+00:00"), Some(1_795_428_000_500.0));
        for bad in [
            "",
            "2026-11-23",
            "2026-13-01T00:00:00Z",
            "2026-11-23T10:00:00",
            "yesterday",
            "2026-11-23T10:00:00Zjunk",
            "2026-11-23T10:00:00.Z",
        ] {
            assert_eq!(parse_rfc3339(bad), None, "{bad}");
        }
    }

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
