//! Time left until the invoice expires; the payment redraws it every
//! second.

use crate::i18n::Lang;
use crate::time::format_countdown;
use crate::vnode::{class, V};

/// Below this many milliseconds the countdown is shown as urgent.
const URGENT_MS: f64 = 5.0 * 60_000.0;

/// The countdown, `left_ms` before the invoice expires.
pub fn countdown(t: Lang, left_ms: f64) -> V {
    let urgent = left_ms < URGENT_MS;
    class("div", "gc-countdown")
        .attr("data-urgent", urgent.to_string())
        .child(
            class("p", "gc-countdown-line")
                .child(crate::vnode::el("span").text(t.time_left()))
                .child(class("time", "gc-countdown-value").attr("dir", "ltr").text(format_countdown(left_ms))),
        )
        .maybe(urgent.then(|| class("p", "gc-hurry").text(t.hurry())))
        .into()
}
