//! Exact decimal amounts.
//!
//! A payer must send exactly what the API asked for, so amounts are kept as
//! the decimal digits the API returned (`0.000451`, never `4.51e-4` or a
//! rounded float) and the little arithmetic the widget needs (what is still
//! due, the smallest units for a payment URI) is done on integers.

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::cmp::Ordering;
use std::fmt;

/// A non-negative decimal amount in its canonical text form: ASCII digits,
/// at most one `.`, no sign, no exponent, no trailing fractional zeros.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Amount(String);

/// What a numeric text holds, read by [`Amount::read`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reading {
    /// A non-negative value that fits.
    Amount(Amount),
    /// Below zero.
    Negative,
    /// 10^38 or more.
    TooLarge,
    /// Positive but under 10^-18, the smallest unit of any coin.
    TooSmall,
}

/// At most this many fractional digits are kept: wei has 18.
pub const MAX_SCALE: u32 = 18;

impl Amount {
    /// Nothing: what an invoice has received before any payment.
    pub fn zero() -> Amount {
        Amount("0".into())
    }

    /// Reads a decimal such as `11`, `0.000451` or `11.50` (kept as `11.5`).
    /// Returns `None` for anything else: signs, exponents, empty strings,
    /// more than [`MAX_SCALE`] decimals or more than 38 digits.
    pub fn parse(text: &str) -> Option<Amount> {
        let text = text.trim();
        let (int, frac) = match text.split_once('.') {
            Some((i, f)) => (i, f),
            None => (text, ""),
        };
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if int.is_empty() && frac.is_empty() || !digits(int) || !digits(frac) {
            return None;
        }
        if text.ends_with('.') || text.starts_with('.') {
            return None;
        }
        let frac = frac.trim_end_matches('0');
        if frac.len() > MAX_SCALE as usize {
            return None;
        }
        let int = int.trim_start_matches('0');
        if int.len() + frac.len() > 38 {
            return None;
        }
        let int = if int.is_empty() { "0" } else { int };
        let mut out = String::with_capacity(int.len() + 1 + frac.len());
        out.push_str(int);
        if !frac.is_empty() {
            out.push('.');
            out.push_str(frac);
        }
        Some(Amount(out))
    }

    /// Turns a JSON number into its exact digits: the shortest decimal that
    /// reads back as the same double, which is the literal the API wrote for
    /// any amount of up to 15 significant digits.
    pub fn from_f64(value: f64) -> Option<Amount> {
        if !value.is_finite() || value < 0.0 {
            return None;
        }
        match Amount::read(&crate::float::shortest_text(value))? {
            Reading::Amount(a) => Some(a),
            Reading::Negative | Reading::TooLarge | Reading::TooSmall => None,
        }
    }

    /// Reads a number in any form PHP's `is_numeric` takes (`11`, `-2`,
    /// `.5`, `5.`, `1.5E+3`, `1e-7`) exactly, without going through a
    /// double. `None` when the text is not such a number.
    pub fn read(text: &str) -> Option<Reading> {
        let t = text.trim();
        let (negative, t) = match t.as_bytes().first() {
            Some(b'-') => (true, &t[1..]),
            Some(b'+') => (false, &t[1..]),
            _ => (false, t),
        };
        let (mantissa, exponent) = match t.find(['e', 'E']) {
            Some(i) => (&t[..i], Some(&t[i + 1..])),
            None => (t, None),
        };
        let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if int.len() + frac.len() == 0 || !digits(int) || !digits(frac) {
            return None;
        }
        let mut exp: i64 = match exponent {
            None => 0,
            Some(e) => {
                let body = e.strip_prefix(['+', '-']).unwrap_or(e);
                if body.is_empty() || !digits(body) {
                    return None;
                }
                // Past a few digits the exponent only says "huge" or "tiny".
                let magnitude = body.trim_start_matches('0');
                let value = if magnitude.len() > 6 { 1_000_000 } else { magnitude.parse().unwrap_or(0) };
                if e.starts_with('-') {
                    -value
                } else {
                    value
                }
            }
        };
        exp -= frac.len() as i64;
        let all: String = [int, frac].concat();
        let significant = all.trim_start_matches('0');
        let trimmed = significant.trim_end_matches('0');
        exp += (significant.len() - trimmed.len()) as i64;
        if trimmed.is_empty() {
            return Some(Reading::Amount(Amount("0".into())));
        }
        if negative {
            return Some(Reading::Negative);
        }
        // The value is `trimmed × 10^exp`; its leading digit sits at 10^(len + exp - 1).
        let magnitude = trimmed.len() as i64 + exp;
        if magnitude > 38 {
            return Some(Reading::TooLarge);
        }
        if magnitude <= -(MAX_SCALE as i64) {
            return Some(Reading::TooSmall);
        }
        let mut out = String::with_capacity(40);
        if exp >= 0 {
            out.push_str(trimmed);
            out.extend(std::iter::repeat_n('0', exp as usize));
        } else if magnitude > 0 {
            let (i, f) = trimmed.split_at(magnitude as usize);
            out.push_str(i);
            out.push('.');
            out.push_str(f);
        } else {
            out.push_str("0.");
            out.extend(std::iter::repeat_n('0', (-magnitude) as usize));
            out.push_str(trimmed);
        }
        // Digits past the 18th decimal are below any coin's smallest unit.
        if let Some(point) = out.find('.') {
            out.truncate(out.len().min(point + 1 + MAX_SCALE as usize));
        }
        // Only a value of more than 20 integer digits can overflow the 38.
        Some(Amount::parse(&out).map_or(Reading::TooLarge, Reading::Amount))
    }

    /// The canonical text: what a wallet should be given.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The value as a double, for the wire where the docs want a number.
    pub fn to_f64(&self) -> f64 {
        crate::float::from_text(&self.0)
    }

    /// `true` for zero.
    pub fn is_zero(&self) -> bool {
        self.0 == "0"
    }

    fn parts(&self) -> (u128, u32) {
        let (int, frac) = self.0.split_once('.').unwrap_or((&self.0, ""));
        let mut mantissa: u128 = 0;
        for b in int.bytes().chain(frac.bytes()) {
            mantissa = mantissa * 10 + u128::from(b - b'0');
        }
        (mantissa, frac.len() as u32)
    }

    fn from_parts(mantissa: u128, scale: u32) -> Amount {
        let digits = decimal(mantissa);
        let scale = scale as usize;
        let text = if scale == 0 {
            digits
        } else if digits.len() > scale {
            let (i, f) = digits.split_at(digits.len() - scale);
            format!("{i}.{f}")
        } else {
            format!("0.{}{}", "0".repeat(scale - digits.len()), digits)
        };
        Amount::parse(&text).unwrap_or_else(|| Amount("0".into()))
    }

    /// `self - other`, or zero when `other` is larger: what is still due.
    pub fn saturating_sub(&self, other: &Amount) -> Amount {
        let ((a, sa), (b, sb)) = (self.parts(), other.parts());
        let scale = sa.max(sb);
        let a = a * 10u128.pow(scale - sa);
        let b = b * 10u128.pow(scale - sb);
        Amount::from_parts(a.saturating_sub(b), scale)
    }

    /// `self + other`, or `None` past 38 digits.
    pub fn checked_add(&self, other: &Amount) -> Option<Amount> {
        let ((a, sa), (b, sb)) = (self.parts(), other.parts());
        let scale = sa.max(sb);
        let sum = (a * 10u128.pow(scale - sa)).checked_add(b * 10u128.pow(scale - sb))?;
        Some(Amount::from_parts(sum, scale))
    }

    /// Half of the amount, truncated to `scale` decimals.
    pub fn half(&self, scale: u32) -> Amount {
        let (m, s) = self.parts();
        let scaled = if s > scale { Some(m / 10u128.pow(s - scale)) } else { m.checked_mul(10u128.pow(scale - s)) };
        match scaled {
            Some(m) => Amount::from_parts(m / 2, scale),
            // Too many digits to add decimals to: halve at the amount's own scale.
            None => Amount::from_parts(m / 2, s),
        }
    }

    /// The amount in the coin's smallest unit (`decimals` = 18 for wei), as
    /// an integer string; `None` when the amount has more decimals than the
    /// unit can hold, because a rounded payment would not be exact.
    pub fn to_base_units(&self, decimals: u32) -> Option<String> {
        self.base_units(decimals).map(decimal)
    }

    /// [`Amount::to_base_units`] as a number.
    pub fn base_units(&self, decimals: u32) -> Option<u128> {
        let (m, scale) = self.parts();
        if scale > decimals {
            return None;
        }
        m.checked_mul(10u128.checked_pow(decimals - scale)?)
    }
}

impl PartialOrd for Amount {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Amount {
    fn cmp(&self, other: &Self) -> Ordering {
        let ((a, sa), (b, sb)) = (self.parts(), other.parts());
        let scale = sa.max(sb);
        // Only the side with fewer decimals is scaled up; if that overflows,
        // it is the larger, since the other fits in a u128 as it is.
        match (a.checked_mul(10u128.pow(scale - sa)), b.checked_mul(10u128.pow(scale - sb))) {
            (Some(x), Some(y)) => x.cmp(&y),
            (None, _) => Ordering::Greater,
            (_, None) => Ordering::Less,
        }
    }
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Amounts go out as decimal strings, the invoice body's form.
impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

/// Amounts come in as strings or as numbers; both are accepted.
impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct AmountVisitor;
        impl Visitor<'_> for AmountVisitor {
            type Value = Amount;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a non-negative decimal amount")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Amount, E> {
                Amount::parse(v).ok_or_else(|| E::custom(format_args!("`{v}` is not an amount")))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Amount, E> {
                Amount::from_f64(v).ok_or_else(|| E::custom("not a non-negative amount"))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Amount, E> {
                Ok(Amount(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Amount, E> {
                u64::try_from(v).map(|v| Amount(v.to_string())).map_err(|_| E::custom("a negative amount"))
            }
        }
        d.deserialize_any(AmountVisitor)
    }
}

/// An amount the docs put on the wire as a JSON number (`v1/widget`'s
/// `amounts`, the create body's `input_amount`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(transparent)]
pub struct NumberAmount(pub Amount);

impl Serialize for NumberAmount {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0.as_str().parse::<u64>() {
            Ok(int) => s.serialize_u64(int),
            Err(_) => s.serialize_f64(self.0.to_f64()),
        }
    }
}

/// `n` in decimal digits. The same text as `n.to_string()`, whose faster
/// algorithm costs the wasm a kilobyte more for a few numbers a checkout.
fn decimal(mut n: u128) -> String {
    let mut digits = [0u8; 39];
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    digits[start..].iter().map(|&d| char::from(d)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::amount as a;

    proptest::proptest! {
        #[test]
        fn decimal_digits_are_rusts(n: u128) {
            proptest::prop_assert_eq!(decimal(n), n.to_string());
        }
    }

    #[test]
    fn decimal_digits_at_the_edges() {
        for n in [0, 1, 9, 10, 99, 100, u128::from(u64::MAX), u128::from(u64::MAX) + 1, u128::MAX] {
            assert_eq!(decimal(n), n.to_string());
        }
    }

    #[test]
    fn amounts_of_any_size_compare_without_overflow() {
        let huge = a(&"9".repeat(38));
        let tiny = a("0.00000001");
        assert_eq!(huge.cmp(&tiny), std::cmp::Ordering::Greater);
        assert_eq!(tiny.cmp(&huge), std::cmp::Ordering::Less);
        assert_eq!(huge.cmp(&huge), std::cmp::Ordering::Equal);
        assert!(a("1000000000.5") > a("1000000000"));
        assert_eq!(huge.half(8).as_str(), format!("4{}", "9".repeat(37)), "halved at its own scale");
    }

    #[test]
    fn parse_keeps_digits_and_drops_only_trailing_zeros() {
        assert_eq!(a("0.000451").as_str(), "0.000451");
        assert_eq!(a("11.944214").as_str(), "11.944214");
        assert_eq!(a("11.50").as_str(), "11.5");
        assert_eq!(a("007").as_str(), "7");
        assert_eq!(a("0.0").as_str(), "0");
        assert_eq!(a("0.123456789012345678").as_str(), "0.123456789012345678");
    }

    #[test]
    fn parse_rejects_what_is_not_a_plain_decimal() {
        for bad in ["", ".", "1.", ".5", "-1", "+1", "4.51e-4", "1,5", "abc", "1.2.3", "NaN", "0.1234567890123456789"] {
            assert_eq!(Amount::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn numbers_keep_the_literal_digits() {
        assert_eq!(Amount::from_f64(0.000451).unwrap().as_str(), "0.000451");
        assert_eq!(Amount::from_f64(11.944214).unwrap().as_str(), "11.944214");
        assert_eq!(Amount::from_f64(0.007131).unwrap().as_str(), "0.007131");
        assert_eq!(Amount::from_f64(1e-7).unwrap().as_str(), "0.0000001");
        assert_eq!(Amount::from_f64(11.0).unwrap().as_str(), "11");
        assert_eq!(Amount::from_f64(-1.0), None);
        assert_eq!(Amount::from_f64(f64::NAN), None);
    }

    #[test]
    fn read_takes_every_numeric_form_exactly() {
        let read = |t: &str| match Amount::read(t) {
            Some(Reading::Amount(a)) => a.as_str().to_owned(),
            other => format!("{other:?}"),
        };
        assert_eq!(read("11"), "11");
        assert_eq!(read(" +11.50 "), "11.5");
        assert_eq!(read(".5"), "0.5");
        assert_eq!(read("5."), "5");
        assert_eq!(read("1e2"), "100");
        assert_eq!(read("1.5E+3"), "1500");
        assert_eq!(read("1e-7"), "0.0000001");
        assert_eq!(read("4.51e-4"), "0.000451");
        assert_eq!(read("12345e-2"), "123.45");
        assert_eq!(read("0.1234567890123456789"), "0.123456789012345678");
        assert_eq!(read("-0"), "0");
        assert_eq!(read("0e999999999999"), "0");
        assert_eq!(read("-5"), "Some(Negative)");
        assert_eq!(read("-1e-9"), "Some(Negative)");
        assert_eq!(read("1e300"), "Some(TooLarge)");
        assert_eq!(read("1e99999999999999999999"), "Some(TooLarge)");
        assert_eq!(read("5e-324"), "Some(TooSmall)");
        assert_eq!(read("1e-99999999999999999999"), "Some(TooSmall)");
        for bad in ["", ".", "e5", "1e", "1e+", "--1", "1.2.3", "NaN", "inf", "0x1A", "1_000", "1,5", "١"] {
            assert_eq!(Amount::read(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn deserializes_from_numbers_and_strings() {
        let v: Vec<Amount> = serde_json::from_str(r#"[0.000451, "0.000451", 11, "11.944214"]"#).unwrap();
        let texts: Vec<_> = v.iter().map(Amount::as_str).collect();
        assert_eq!(texts, ["0.000451", "0.000451", "11", "11.944214"]);
        assert!(serde_json::from_str::<Amount>("-1").is_err());
        assert!(serde_json::from_str::<Amount>("\"1e5\"").is_err());
    }

    #[test]
    fn number_amounts_serialize_as_the_docs_literals() {
        let json = serde_json::to_string(&[NumberAmount(a("0.000451")), NumberAmount(a("11"))]).unwrap();
        assert_eq!(json, "[0.000451,11]");
    }

    #[test]
    fn remainder_is_exact() {
        assert_eq!(a("11.944214").saturating_sub(&a("5")).as_str(), "6.944214");
        assert_eq!(a("0.000451").saturating_sub(&a("0.0002255")).as_str(), "0.0002255");
        assert_eq!(a("1").saturating_sub(&a("2")).as_str(), "0");
        assert_eq!(a("0.1").saturating_sub(&a("0.1")).as_str(), "0");
        assert_eq!(a("5.972107").checked_add(&a("5.972107")).unwrap().as_str(), "11.944214");
        assert_eq!(a("0.5").checked_add(&a("2")).unwrap().as_str(), "2.5");
        assert_eq!(a("11.944214").half(6).as_str(), "5.972107");
        assert_eq!(a("0.000451").half(6).as_str(), "0.000225");
        assert_eq!(a("0.000001").half(6).as_str(), "0");
        assert!(a("0.1") < a("0.11") && a("2") > a("1.999999"));
    }

    #[test]
    fn base_units_are_exact_or_refused() {
        assert_eq!(a("0.007131").to_base_units(18).unwrap(), "7131000000000000");
        assert_eq!(a("11.944214").to_base_units(6).unwrap(), "11944214");
        assert_eq!(a("1").to_base_units(0).unwrap(), "1");
        assert_eq!(a("0.0000001").to_base_units(6), None);
    }
}
