//! Focus follows the payer's path, so that it works from the keyboard and a
//! screen reader lands on what changed; where it goes is
//! `State::focus_target`.

use crate::dom;
use crate::store::Store;
use web_sys::Element;
use yew::prelude::*;

/// Moves focus when the payer's step changes in the payment's views, and
/// once as they first show.
#[hook]
pub fn use_focus(state: &Store, host: &Element) {
    let host = host.clone();
    use_effect_with(state.focus_target(), move |target| {
        if let Some(selector) = target {
            dom::focus_in(&host, selector);
        }
    });
}
