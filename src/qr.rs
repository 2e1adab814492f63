//! The QR code of a payment URI, as one SVG path.

use qrcodegen::{QrCode, QrCodeEcc, QrSegment};

/// Light modules around the code; the QR standard asks for four.
pub const QUIET_ZONE: i32 = 4;

/// A QR code ready to draw: the viewBox side and the dark modules' path.
#[derive(Clone, Debug, PartialEq)]
pub struct QrPath {
    /// Side of the square viewBox, quiet zone included.
    pub side: i32,
    /// SVG path data covering every dark module.
    pub d: String,
}

/// Encodes `text` with medium error correction (a phone reads it through a
/// screen's glare), or `None` if it is too long for any QR version. Byte
/// mode only: payment URIs mix cases, so the denser modes would not apply,
/// and leaving them out leaves their code out of the wasm.
pub fn qr_path(text: &str) -> Option<QrPath> {
    let qr = QrCode::encode_segments(&[QrSegment::make_bytes(text.as_bytes())], QrCodeEcc::Medium).ok()?;
    let n = qr.size();
    let mut d = String::with_capacity((n * n) as usize);
    for y in 0..n {
        let mut x = 0;
        while x < n {
            if qr.get_module(x, y) {
                let start = x;
                while x < n && qr.get_module(x, y) {
                    x += 1;
                }
                // One rectangle per run of dark modules keeps the path short.
                d.push('M');
                d.push_str(&(start + QUIET_ZONE).to_string());
                d.push(' ');
                d.push_str(&(y + QUIET_ZONE).to_string());
                d.push('h');
                d.push_str(&(x - start).to_string());
                d.push_str("v1h-");
                d.push_str(&(x - start).to_string());
                d.push('z');
            } else {
                x += 1;
            }
        }
    }
    Some(QrPath { side: n + 2 * QUIET_ZONE, d })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_runs_inside_a_quiet_zone() {
        let p = qr_path("bitcoin:bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4?amount=0.000451").unwrap();
        // Version 4 or so: 33 modules and the quiet zone on both sides.
        assert!(p.side >= 21 + 8, "{}", p.side);
        // The top-left finder pattern starts one quiet zone in, as a run of seven.
        assert!(p.d.starts_with("M4 4h7v1h-7z"), "{}", &p.d[..20]);
    }

    /// The dark modules the path covers, read back from its `M x y h w v1
    /// h-w z` rectangles.
    fn modules(p: &QrPath) -> Vec<(i32, i32)> {
        let mut dark = Vec::new();
        for rect in p.d.split('z').filter(|r| !r.is_empty()) {
            let rest = rect.strip_prefix('M').unwrap();
            let (xy, rest) = rest.split_once('h').unwrap();
            let (x, y) = xy.split_once(' ').unwrap();
            let (w, back) = rest.split_once("v1h-").unwrap();
            assert_eq!(w, back, "each rectangle closes on itself: {rect}");
            let (x, y, w): (i32, i32, i32) = (x.parse().unwrap(), y.parse().unwrap(), w.parse().unwrap());
            dark.extend((x..x + w).map(|x| (x, y)));
        }
        dark
    }

    #[test]
    fn the_path_draws_exactly_the_codes_dark_modules() {
        let text = "ethereum:0xdAC17F958D2ee523a2206206994597C13D831ec7/transfer?address=0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed&uint256=11944214";
        let p = qr_path(text).unwrap();
        let qr = QrCode::encode_segments(&[QrSegment::make_bytes(text.as_bytes())], QrCodeEcc::Medium).unwrap();
        let n = qr.size();
        let expected: Vec<(i32, i32)> = (0..n)
            .flat_map(|y| (0..n).map(move |x| (x, y)))
            .filter(|&(x, y)| qr.get_module(x, y))
            .map(|(x, y)| (x + QUIET_ZONE, y + QUIET_ZONE))
            .collect();
        assert_eq!(modules(&p), expected);
        assert_eq!(p.side, n + 2 * QUIET_ZONE);
    }

    #[test]
    fn the_same_text_gives_the_same_code() {
        assert_eq!(qr_path("TXYZ"), qr_path("TXYZ"));
        assert_ne!(qr_path("TXYZ"), qr_path("TXYW"));
    }

    #[test]
    fn too_long_is_refused() {
        assert_eq!(qr_path(&"x".repeat(5000)), None);
    }
}
