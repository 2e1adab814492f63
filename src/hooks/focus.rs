//! Focus follows the payer's path, so that it works from the keyboard and a
//! screen reader lands on what changed; where it goes is
//! `State::focus_target`.

use crate::dom;
use crate::state::State;
use web_sys::Element;
use yew::prelude::*;

/// Moves focus when the payer's step changes, and once more when the
/// payment view arrives (`payment_shown`) after its step began.
#[hook]
pub fn use_focus(state: &UseReducerHandle<State>, host: &Element, payment_shown: bool) {
    let host = host.clone();
    use_effect_with((state.focus_target(), payment_shown), move |(target, _)| {
        if let Some(selector) = target {
            dom::focus_in(&host, selector);
        }
    });
}
