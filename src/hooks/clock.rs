//! Time passing while an invoice is shown: one tick a second into the
//! state, from which the countdown, the end of the invoice's time and the
//! paid view's return count; and that return to the store when it is due.

use crate::dom::now_ms;
use crate::state::{Action, Phase, State, Tracking};
use getcrypto_api::url::is_web_url;
use getcrypto_api::Status;
use gloo_timers::callback::Interval;
use yew::prelude::*;

/// Ticks while something on screen counts: an open invoice's countdown,
/// or the paid view's return.
#[hook]
pub fn use_clock(state: &UseReducerHandle<State>) {
    {
        // Keyed on paid too, so that the return counts whole seconds from
        // the moment the paid view shows.
        let counting = match &state.phase {
            Phase::Tracking(t) if t.invoice.status == Status::Paid => {
                (t.return_in() > 0 && return_url(t).is_some()).then(|| (t.invoice.id.clone(), true))
            }
            Phase::Tracking(t) if !t.invoice.status.is_final() && !t.expired() => Some((t.invoice.id.clone(), false)),
            _ => None,
        };
        let (dispatcher, started) = (state.dispatcher(), state.now_ms > 0.0);
        use_effect_with(counting, move |counting| {
            let tick = counting.as_ref().map(|_| {
                // The first render of the countdown needs a time at once.
                if !started {
                    dispatcher.dispatch(Action::Tick(now_ms()));
                }
                Interval::new(1_000, move || dispatcher.dispatch(Action::Tick(now_ms())))
            });
            move || drop(tick)
        });
    }
    let due = match &state.phase {
        Phase::Tracking(t) if t.invoice.status == Status::Paid && t.return_in() == 0 => return_url(t),
        _ => None,
    };
    use_effect_with(due, |due| {
        if let (Some(url), Some(window)) = (due, web_sys::window()) {
            let _ = window.location().assign(url);
        }
    });
}

/// Where the paid view returns the payer: the invoice's `success_url`,
/// only when it is http(s).
fn return_url(t: &Tracking) -> Option<String> {
    t.invoice.success_url.clone().filter(|u| is_web_url(u))
}
