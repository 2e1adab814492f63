//! The widget's views. Each renders what it is given and reports clicks
//! through callbacks; `app` holds the state and the hooks that run it.
//!
//! Two ways to call a view, on purpose. A view with no state of its own is a
//! plain function over a struct of its arguments (`payment(&PaymentArgs {
//! .. })`): a Yew component costs its own lifecycle code in the wasm, and
//! the eleven plain views together are 5.2 KB gzip smaller than as
//! components (docs/size.md). Their arguments are named `…Args`, not
//! `…Props`, since Yew does not diff them: the view is rendered again with
//! its parent. A view that keeps state or runs an effect (the app, the copy
//! button, the countdown, the QR code, the paid view with its redirect, the
//! init error) is a component with `…Props`.

pub mod address;
pub mod app;
pub mod choosing;
pub mod coin_list;
pub mod copy_button;
pub mod countdown;
pub mod error_box;
pub mod expired;
pub mod header;
pub mod init_error;
pub mod network_list;
pub mod network_notice;
pub mod paid;
pub mod payment;
pub mod payment_phase;
pub mod preparing;
pub mod qr_code;
pub mod skeleton;
pub mod tracking;
