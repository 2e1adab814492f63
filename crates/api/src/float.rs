//! A double and its shortest decimal text, both ways. In the browser the
//! engine's own conversions are used: Rust's carry some 35 KB of tables
//! (`dec2flt`, `flt2dec`) that the widget would otherwise ship to every payer.

/// The shortest text that reads back as `value`; may use an exponent
/// (`1e-7`), which [`crate::Amount::read`] takes exactly.
#[cfg(target_arch = "wasm32")]
pub fn shortest_text(value: f64) -> String {
    js_sys::Number::from(value).to_string_with_radix(10).map(String::from).unwrap_or_default()
}

#[cfg(not(target_arch = "wasm32"))]
pub fn shortest_text(value: f64) -> String {
    value.to_string()
}

/// The double nearest to a decimal text; 0 when it is not one.
#[cfg(target_arch = "wasm32")]
pub fn from_text(text: &str) -> f64 {
    let value = js_sys::Number::parse_float(text);
    if value.is_nan() {
        0.0
    } else {
        value
    }
}

#[cfg(not(target_arch = "wasm32"))]
pub fn from_text(text: &str) -> f64 {
    text.parse().unwrap_or(0.0)
}
