//! The GetCrypto API as both sides see it: wire types, the documented enums,
//! validation rules, exact decimal amounts, time and the rate limit. What
//! only the widget does with an invoice (payment URIs, wallet transactions,
//! amounts written for a language) is the widget's (`src/pay/`).
//!
//! The widget and the sandbox both depend on this crate so that a rule or a
//! field name is written once and cannot drift between client and server.

pub mod amount;
pub mod enums;
pub mod examples;
/// Values for tests on both sides; not in a build that ships.
#[cfg(any(test, feature = "test-support"))]
pub mod fixtures;
pub mod float;
pub mod json;
pub mod ordered;
pub mod rate;
pub mod time;
pub mod url;
pub mod validate;
pub mod wire;

pub use amount::Amount;
pub use enums::{Crypto, Currency, Language, Network, Status};
pub use ordered::OrderedMap;
pub use validate::FieldErrors;
pub use wire::*;
