//! The widget, linked with the `split` feature: its exports are the
//! widget's own.

pub use getcrypto_widget::*;
