//! The widget's views. Each renders what it is given and reports clicks
//! through callbacks; `app` holds the state and the hooks that run it.

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
pub mod qr_code;
pub mod skeleton;
pub mod tracking;

/// The widget's stylesheet (`www/getcrypto.css`, shrunk by `build.rs`),
/// rendered into every instance so that the head script needs no second file.
pub const STYLE: &str = include_str!(concat!(env!("OUT_DIR"), "/getcrypto.min.css"));
