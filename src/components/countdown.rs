//! Time left to pay, by the server's clock; urgent in its last minutes.

use crate::state::URGENT_MS;
use crate::time::format_countdown;
use yew::prelude::*;

/// What [`countdown`] shows.
pub struct CountdownProps {
    pub caption: AttrValue,
    /// Milliseconds left, from the state's clock.
    pub left_ms: f64,
    pub hurry: AttrValue,
}

/// The countdown.
pub fn countdown(props: &CountdownProps) -> Html {
    let urgent = props.left_ms < URGENT_MS;
    html! {
        <div class="gc-countdown" data-urgent={urgent.to_string()}>
            <p class="gc-countdown-line">
                <span>{ props.caption.clone() }</span>
                <time class="gc-countdown-value">{ format_countdown(props.left_ms) }</time>
            </p>
            if urgent {
                <p class="gc-hurry">{ props.hurry.clone() }</p>
            }
        </div>
    }
}
