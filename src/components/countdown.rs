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
    /// Expiry, in milliseconds since the epoch, by the server's clock.
    pub expires_ms: f64,
    /// Added to the payer's clock to read the server's.
    pub clock_offset_ms: f64,
    /// Said under the time in the last minutes.
    pub hurry: AttrValue,
    /// Called once when the time has run out.
    pub on_time_up: Callback<()>,
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
    let left = props.expires_ms - (*now + props.clock_offset_ms);
    {
        let on_time_up = props.on_time_up.clone();
        use_effect_with(left <= 0.0, move |over| {
            if *over {
                on_time_up.emit(());
            }
        });
    }
    let urgent = left < URGENT_MS;
    html! {
        <div class="gc-countdown" data-urgent={urgent.to_string()}>
            <p class="gc-countdown-line">
                <span>{ props.caption.clone() }</span>
                <time class="gc-countdown-value" dir="ltr">{ format_countdown(left) }</time>
            </p>
            if urgent {
                <p class="gc-hurry">{ props.hurry.clone() }</p>
            }
        </div>
    }
}
