//! The widget's views: each a plain function from what it shows to markup
//! (`vnode::V`), tested natively where it decides anything. The runtime
//! draws them and reads their clicks from what each button carries; the
//! payment's (`payment`, `tracking`, `paid`, `expired`, the countdown, the
//! copy buttons, the QR code) come with the payment chunk, which holds what
//! they show between changes of the state (`paying`).

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
pub mod preparing;
pub mod qr_code;
pub mod result;
pub mod skeleton;
pub mod tracking;
