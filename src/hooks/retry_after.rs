//! How the widget answers a 429: by waiting as long as the API asks.

use gloo_timers::callback::Timeout;
use yew::prelude::*;

/// Once `wait` seconds have passed since it became `Some`, runs `then`. A
/// change of `wait`, or unmounting, cancels it.
#[hook]
pub fn use_retry_after<F: FnOnce() + 'static>(wait: Option<u32>, then: F) {
    use_effect_with(wait, move |wait| {
        let timer = wait.map(|secs| Timeout::new(secs.saturating_mul(1000), then));
        move || drop(timer)
    });
}
