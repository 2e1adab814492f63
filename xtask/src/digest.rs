//! The names and integrity values of shipped files.

use base64::Engine;
use sha2::{Digest, Sha384};

/// `sha384-…` of `bytes`, as an `integrity` attribute or fetch option takes it.
pub fn sri(bytes: &[u8]) -> String {
    format!("sha384-{}", base64::engine::general_purpose::STANDARD.encode(Sha384::digest(bytes)))
}

/// 16 hex digits of the SHA-384: enough to tell builds apart in a file name.
pub fn content_id(bytes: &[u8]) -> String {
    Sha384::digest(bytes).iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// The wasm's shipped name, which carries its content's hash so that a CDN
/// may cache it for good: `getcrypto_bg.<content_id>.wasm`.
pub fn wasm_name(bytes: &[u8]) -> String {
    format!("getcrypto_bg.{}.wasm", content_id(bytes))
}

/// A chunk's shipped name: `getcrypto_bg.<split>.<content_id>.wasm`, which
/// every copy rule for `getcrypto_bg.*.wasm` takes along.
pub fn chunk_name(split: &str, bytes: &[u8]) -> String {
    format!("getcrypto_bg.{split}.{}.wasm", content_id(bytes))
}

/// A language file's shipped name: `getcrypto_lang.<tag>.<content_id>.json`.
pub fn language_name(tag: &str, bytes: &[u8]) -> String {
    format!("getcrypto_lang.{tag}.{}.json", content_id(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values() {
        // `printf abc | openssl dgst -sha384 -binary | base64`
        assert_eq!(sri(b"abc"), "sha384-ywB1P0WjXou1oD1pmsZQBycsMqsO3tFjGotgWkP/W+2AhgcroefMI1i67KE0yCWn");
        assert_eq!(content_id(b"abc"), "cb00753f45a35e8b");
        assert_eq!(wasm_name(b"abc"), "getcrypto_bg.cb00753f45a35e8b.wasm");
        assert_eq!(chunk_name("payment", b"abc"), "getcrypto_bg.payment.cb00753f45a35e8b.wasm");
        assert_eq!(language_name("zh-TW", b"abc"), "getcrypto_lang.zh-TW.cb00753f45a35e8b.json");
    }
}
