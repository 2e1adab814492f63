//! The GetCrypto payment widget: a Yew component compiled to WebAssembly,
//! mounted by `GetCrypto.init` from the head script.
//!
//! Pure logic (parameters, state transitions, texts, the QR code) lives in
//! plain modules that host `cargo test` checks; `boundary` is the only place
//! that faces JavaScript, `http` the only place that talks to the API.

// One thread, memory grown from the wasm's own as needed; talc is a third of
// dlmalloc's code.
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

pub mod boundary;
pub mod components;
pub mod dom;
pub mod error;
pub mod events;
pub mod from_js;
pub mod hooks;
pub mod http;
pub mod i18n;
pub mod params;
pub mod poll;
pub mod qr;
pub mod state;
pub mod time;
pub mod to_js;
pub mod wallet;
