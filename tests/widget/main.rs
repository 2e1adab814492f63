//! The widget in a real browser, mounted through `init` into a fresh
//! element, against a fake `fetch` that records every request: what the
//! payer sees and what the API receives.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::use_debug,
    reason = "a test and its helpers fail or print for the developer"
)]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod support;

mod choosing;
mod chunk_loader;
mod early;
mod faults;
mod init;
mod paying;
mod tabs;
mod wallets;
