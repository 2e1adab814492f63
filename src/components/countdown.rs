//! Time left until the invoice expires, ticking every second.

use crate::dom::now_ms;
use crate::time::format_countdown;
use gloo_timers::callback::Interval;
use yew::prelude::*;

/// Props of [`Countdown`].
#[derive(Properties, PartialEq)]
pub struct CountdownProps {
    /// `Time left`.
    pub caption: AttrValue,
    /// Expiry, in milliseconds since the epoch.
    pub expires_ms: f64,
}

/// Below this many milliseconds the countdown is shown as urgent.
const URGENT_MS: f64 = 5.0 * 60_000.0;

/// The countdown.
#[component]
pub fn Countdown(props: &CountdownProps) -> Html {
    let now = use_state(now_ms);
    {
        let now = now.clone();
        use_effect_with((), move |_| {
            let tick = Interval::new(1_000, move || now.set(now_ms()));
            move || drop(tick)
        });
    }
    let left = props.expires_ms - *now;
    html! {
        <p class={classes!("gc-countdown", (left < URGENT_MS).then_some("gc-urgent"))}>
            <span>{ props.caption.clone() }</span>
            <time class="gc-countdown-value">{ format_countdown(left) }</time>
        </p>
    }
}
