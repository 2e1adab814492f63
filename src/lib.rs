//! The GetCrypto payment widget compiled to WebAssembly, mounted by
//! `GetCrypto.init` from the head script: its own runtime draws every view
//! as plain markup (the payment's come in a chunk of their own), so that
//! the payer downloads no virtual DOM library (docs/size.md).
//!
//! Pure logic (parameters, state transitions, texts, the QR code) lives in
//! plain modules that host `cargo test` checks; `boundary` is the only place
//! that faces JavaScript, `http` the only place that talks to the API.

// One thread, memory grown from the wasm's own as needed; talc is a third of
// dlmalloc's code.
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

// Public: the boundary the page calls, and what the tests reach (the
// request's URL and the parameters for the early request's property test,
// the readers and writers at the JavaScript edge, the texts, the payment
// URIs). The rest is private, so that the compiler reports what nothing uses.
pub mod boundary;
mod chunk;
mod components;
mod dom;
mod error;
mod events;
pub mod from_js;
pub mod http;
pub mod i18n;
mod kept;
pub mod lang;
pub mod params;
pub mod pay;
mod paying;
pub mod plural;
mod poll;
mod qr;
mod runtime;
mod state;
mod store;
mod style;
mod time;
pub mod to_js;
mod vnode;
mod wallet;
