//! Following an invoice's status: when to ask next, what each answer means
//! for the next, and a poller that asks only while the page is visible.
//!
//! Every open widget polls on the same key, so the pace is set well below
//! the API's 60 requests a minute, slows down as `x-ratelimit-remaining`
//! falls or errors repeat, waits out a 429's `Retry-After`, and stops while
//! the payer looks at another tab.

use crate::dom::Listener;
use crate::error::ApiError;
use crate::http::{Client, Reply};
pub use getcrypto_api::rate::POLL_MS;
use getcrypto_api::Invoice;
use gloo_timers::callback::Timeout;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// The longest wait, however many errors in a row.
pub const MAX_POLL_MS: u32 = 60_000;

/// The wait before the next check, from what the last ones said.
/// `errors` counts failures in a row; `rate` is `(remaining, limit)`.
pub fn next_delay(errors: u32, rate: Option<(u32, u32)>, last: Option<&ApiError>) -> u32 {
    if let Some(ApiError::RateLimited { retry_after }) = last {
        return retry_after.saturating_mul(1000).max(POLL_MS);
    }
    // Doubling after each failure in a row: 10 s, 20 s, 40 s, then 60 s.
    let mut delay = POLL_MS.saturating_mul(1 << errors.min(4)).min(MAX_POLL_MS);
    if let Some((remaining, limit)) = rate {
        if remaining == 0 {
            delay = MAX_POLL_MS;
        } else if remaining.saturating_mul(4) < limit {
            // Less than a quarter left: other tabs or widgets share the key.
            delay = delay.max(15_000);
        }
    }
    delay
}

/// What one check did, for the poller to plan the next.
#[derive(Debug, PartialEq)]
pub enum Outcome {
    /// Keep following; the check failed with `error`, if any, and the
    /// answer gave the key's `rate` as `(remaining, limit)`.
    Continue { error: Option<ApiError>, rate: Option<(u32, u32)> },
    /// Stop: the status is final, or retrying cannot help.
    Stop,
}

/// What an answer to a status check means for the next check.
pub fn outcome(reply: &Reply<Invoice>) -> Outcome {
    let rate = reply.meta.rate;
    match &reply.result {
        Ok(invoice) if invoice.status.is_final() => Outcome::Stop,
        Ok(_) => Outcome::Continue { error: None, rate },
        // The widget is gone, or its key was refused: a key refused once
        // will not be accepted later.
        Err(ApiError::Aborted | ApiError::Unauthorized) => Outcome::Stop,
        Err(e) => Outcome::Continue { error: Some(e.clone()), rate },
    }
}

/// Follows invoice `id` through `client`: checks it every [`next_delay`]
/// while the page is visible, hands each answer to `report`, and stops
/// when [`outcome`] says so or the poller is dropped.
pub fn follow(client: Client, id: String, report: impl Fn(Reply<Invoice>) + 'static) -> Poller {
    let report = Rc::new(report);
    let check: Check = Rc::new(move |done: Done| {
        let (client, id, report) = (client.clone(), id.clone(), report.clone());
        yew::platform::spawn_local(async move {
            let reply = client.invoice(&id).await;
            let next = outcome(&reply);
            report(reply);
            done(next);
        });
    });
    Poller::start(check)
}

/// Reports what one check did.
pub type Done = Box<dyn FnOnce(Outcome)>;
/// Runs one check and calls its [`Done`] when it is over.
pub type Check = Rc<dyn Fn(Done)>;

struct Inner {
    check: Check,
    timer: RefCell<Option<Timeout>>,
    errors: Cell<u32>,
    /// A check came due while the page was hidden and waits for it to show.
    waiting_for_page: Cell<bool>,
    busy: Cell<bool>,
    stopped: Cell<bool>,
}

/// Runs `check` every [`next_delay`] while the page is visible. Dropping
/// it cancels the timer and the visibility listener.
pub struct Poller {
    inner: Rc<Inner>,
    _on_visibility: Option<Listener>,
}

fn page_hidden() -> bool {
    web_sys::window().and_then(|w| w.document()).is_some_and(|d| d.hidden())
}

impl Inner {
    fn schedule(self: &Rc<Self>, delay: u32) {
        let this = Rc::clone(self);
        *self.timer.borrow_mut() = Some(Timeout::new(delay, move || this.due()));
    }

    fn due(self: &Rc<Self>) {
        if self.stopped.get() || self.busy.get() {
            return;
        }
        if page_hidden() {
            self.waiting_for_page.set(true);
            return;
        }
        self.busy.set(true);
        let this = Rc::clone(self);
        (self.check)(Box::new(move |outcome| {
            this.busy.set(false);
            match outcome {
                Outcome::Stop => this.stopped.set(true),
                Outcome::Continue { error, rate } => {
                    this.errors.set(if error.is_some() { this.errors.get() + 1 } else { 0 });
                    let delay = next_delay(this.errors.get(), rate, error.as_ref());
                    this.schedule(delay);
                }
            }
        }));
    }
}

impl Poller {
    /// Starts polling: the first check comes after [`POLL_MS`].
    pub fn start(check: Check) -> Poller {
        let inner = Rc::new(Inner {
            check,
            timer: RefCell::new(None),
            errors: Cell::new(0),
            waiting_for_page: Cell::new(false),
            busy: Cell::new(false),
            stopped: Cell::new(false),
        });
        inner.schedule(POLL_MS);
        let on_visibility = web_sys::window().and_then(|w| w.document()).map(|doc| {
            let inner = Rc::clone(&inner);
            Listener::new(&doc, "visibilitychange", move |_| {
                // Back in view: ask at once rather than at the next tick.
                if !page_hidden() && inner.waiting_for_page.replace(false) {
                    inner.due();
                }
            })
        });
        Poller { inner, _on_visibility: on_visibility }
    }
}

impl Drop for Poller {
    fn drop(&mut self) {
        self.inner.stopped.set(true);
        self.inner.timer.borrow_mut().take();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steady_pace_is_a_fifth_of_the_limit() {
        assert_eq!(next_delay(0, None, None), 5_000);
        assert_eq!(60_000 / next_delay(0, Some((50, 60)), None), 12);
    }

    #[test]
    fn errors_back_off_to_a_minute() {
        let e = ApiError::Server(503);
        let waits: Vec<u32> = (1..=6).map(|n| next_delay(n, None, Some(&e))).collect();
        assert_eq!(waits, [10_000, 20_000, 40_000, 60_000, 60_000, 60_000]);
    }

    #[test]
    fn a_429_waits_for_retry_after() {
        assert_eq!(next_delay(1, None, Some(&ApiError::RateLimited { retry_after: 42 })), 42_000);
        assert_eq!(next_delay(1, None, Some(&ApiError::RateLimited { retry_after: 1 })), 5_000);
    }

    #[test]
    fn each_answer_decides_the_next_check() {
        use crate::http::Meta;
        use getcrypto_api::fixtures::invoice;
        let reply = |result| Reply { result, meta: Meta { rate: Some((40, 60)), clock_offset: None } };
        assert_eq!(outcome(&reply(Ok(invoice("pending")))), Outcome::Continue { error: None, rate: Some((40, 60)) });
        assert_eq!(outcome(&reply(Ok(invoice("paid")))), Outcome::Stop, "paid is final");
        assert_eq!(outcome(&reply(Ok(invoice("expired")))), Outcome::Stop, "expired is final");
        assert_eq!(outcome(&reply(Err(ApiError::Unauthorized))), Outcome::Stop, "a refused key stays refused");
        assert_eq!(outcome(&reply(Err(ApiError::Aborted))), Outcome::Stop);
        assert_eq!(
            outcome(&reply(Err(ApiError::Offline))),
            Outcome::Continue { error: Some(ApiError::Offline), rate: Some((40, 60)) }
        );
    }

    #[test]
    fn a_shared_key_running_low_slows_down() {
        assert_eq!(next_delay(0, Some((14, 60)), None), 15_000);
        assert_eq!(next_delay(0, Some((0, 60)), None), 60_000);
        assert_eq!(next_delay(0, Some((30, 60)), None), 5_000);
    }
}
