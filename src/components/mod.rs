//! The widget's views. Each renders what it is given; `runtime` holds the
//! state and runs the widget.
//!
//! Two kinds, on purpose. The views before the payment (the skeleton, the
//! coins and networks, the errors, the set-up error) are plain markup
//! (`vnode::V`) that the runtime patches into the page, so that the first
//! view's wasm carries no Yew (docs/size.md); their buttons say what they
//! do by what they carry, and the runtime reads the clicks. The payment's
//! views, in the payment chunk, are Yew's: a view with no state of its own
//! is a plain function over a struct of its arguments (`payment(&PaymentArgs
//! { .. })`), since a Yew component costs its own lifecycle code; a view
//! that keeps state or runs an effect (the payment phase, the copy button,
//! the countdown, the QR code, the paid view with its redirect) is a
//! component with `…Props`. The two shared pieces, the order's header and
//! the network's notice, are markup shown in Yew through `vnode::html`.

pub mod address;
pub mod choosing;
pub mod coin_list;
pub mod copy_button;
pub mod countdown;
pub mod error_box;
pub mod expired;
pub mod frame;
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
