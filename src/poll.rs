//! Following an invoice's status: when to ask next, what each answer means
//! for the next, and a poller that asks only while the page is visible.
//!
//! Every payer's widget polls on the merchant's one key, and the API allows
//! the key 60 requests a minute, shared with every payer opening the
//! checkout and creating an invoice. So each widget takes a fair share of
//! what the key serves rather than a fixed pace: between two of its checks
//! it sees, from `x-ratelimit-remaining`, how many requests the key served,
//! and waits a minute over 0.9 of the limit (1.1 s at 60) for each before
//! the next, so that all widgets together stay under the limit whatever
//! their number. A 429 is
//! waited out by its `Retry-After` without a word to the payer unless the
//! next check is refused too; waits are shortened by a random fraction so
//! that tabs opened together drift apart; and no check is made while the
//! payer looks at another tab. `src/poll/shared_key.rs` measures the rules
//! with many payers on one key.

use crate::dom::Listener;
use crate::error::ApiError;
use crate::http::{Client, Reply};
pub use getcrypto_api::rate::POLL_MS;
use getcrypto_api::Invoice;
use gloo_timers::callback::Timeout;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// The wait before an invoice's first check. Nothing can be paid sooner (the
/// payer is still copying the address or scanning the code), and the key is
/// left to the payers who are opening the checkout meanwhile.
pub const FIRST_POLL_MS: u32 = 10_000;
/// The longest wait, however many errors in a row.
pub const MAX_POLL_MS: u32 = 60_000;
/// The longest wait while the key has less than a quarter left. Its window
/// reopens within the minute, and a check that finds it spent costs nothing
/// (a refused request is not counted) and learns from `Retry-After` exactly
/// when it reopens, where a long wait would leave paid unseen.
const LOW_KEY_MS: u32 = 30_000;
/// What all widgets together aim to spend of the key; the rest is for payers
/// opening the checkout and creating invoices, who cannot wait their turn.
const SHARE: f64 = 0.9;
/// Added to `Retry-After`, which is whole seconds and may be rounded down:
/// a check exactly on time can be refused again.
const RESET_MARGIN_MS: u32 = 1_000;
/// Spreads the checks that were refused together over this long after the
/// window reopens, rather than spending it in one burst.
const RESET_SPREAD_MS: f64 = 5_000.0;
/// The most a wait is shortened by chance. Only shortened: on an idle key a
/// widget still asks at least every [`POLL_MS`].
const JITTER: f64 = 0.2;
/// 429s in a row waited out before the payer is told.
const QUIET_429S: u32 = 1;

/// The wait before the next check, from what the last ones said.
/// `errors` counts failures in a row; `rate` is `(remaining, limit)`;
/// `spent` is how many requests the key served since this widget's previous
/// check; `jitter` is a random fraction in [0, 1).
pub fn next_delay(
    errors: u32,
    rate: Option<(u32, u32)>,
    last: Option<&ApiError>,
    spent: Option<u32>,
    jitter: f64,
) -> u32 {
    let jitter = jitter.clamp(0.0, 1.0);
    if let Some(ApiError::RateLimited { retry_after }) = last {
        let reopens = retry_after.saturating_mul(1000).saturating_add(RESET_MARGIN_MS);
        return reopens.saturating_add((jitter * RESET_SPREAD_MS) as u32);
    }
    // Doubling after each failure in a row: 10 s, 20 s, 40 s, then 60 s.
    let mut delay = POLL_MS.saturating_mul(1 << errors.min(4)).min(MAX_POLL_MS);
    if let (0, Some((remaining, limit)), Some(spent)) = (errors, rate, spent) {
        // If every widget waits this long per request the key served, they
        // spend together `SHARE` of the limit, however many they are.
        let per_request = 60_000.0 / (SHARE * f64::from(limit.max(1)));
        delay = delay.max((f64::from(spent) * per_request).min(f64::from(MAX_POLL_MS)) as u32);
        if remaining.saturating_mul(4) < limit {
            delay = delay.min(LOW_KEY_MS);
        }
    }
    (f64::from(delay) * (1.0 - JITTER * jitter)) as u32
}

/// The wait before an invoice's first check, with `jitter` as for
/// [`next_delay`].
pub fn first_delay(jitter: f64) -> u32 {
    (f64::from(FIRST_POLL_MS) * (1.0 - JITTER * jitter.clamp(0.0, 1.0))) as u32
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

/// What the poller keeps from one check to the next.
#[derive(Debug, Default)]
pub struct Pace {
    /// Failures in a row.
    errors: u32,
    /// 429s in a row.
    limited: u32,
    /// What the key had left after the previous check.
    remaining: Option<u32>,
}

/// What to do after a check.
#[derive(Debug, PartialEq)]
pub enum Step {
    /// Stop following; the answer is for the payer.
    Stop,
    /// Check again after `after_ms`; `tell` says whether the payer hears of
    /// this answer.
    Again { after_ms: u32, tell: bool },
}

impl Pace {
    /// A pace whose first check counts what the key served since it had
    /// `remaining` left (the answer before the first check), if known.
    pub fn since(remaining: Option<u32>) -> Pace {
        Pace { remaining, ..Pace::default() }
    }

    /// What follows a check that ended in `outcome`; `jitter` as for
    /// [`next_delay`].
    pub fn after(&mut self, outcome: &Outcome, jitter: f64) -> Step {
        let Outcome::Continue { error, rate } = outcome else {
            return Step::Stop;
        };
        self.errors = if error.is_some() { self.errors + 1 } else { 0 };
        let limited = matches!(error, Some(ApiError::RateLimited { .. }));
        self.limited = if limited { self.limited + 1 } else { 0 };
        let spent = rate.and_then(|(now, limit)| match self.remaining {
            Some(before) if now < before => Some(before - now),
            // The key's window began since the previous check: what it has
            // served, all since then.
            Some(_) => Some(limit.saturating_sub(now)),
            // Nothing read before: what the window served may be a minute
            // of others' requests, not this widget's share of them, so the
            // quiet key's pace, until the next check can tell.
            None => None,
        });
        self.remaining = rate.map(|(remaining, _)| remaining);
        let after_ms = next_delay(self.errors, *rate, error.as_ref(), spent, jitter);
        Step::Again { after_ms, tell: !limited || self.limited > QUIET_429S }
    }
}

/// Follows invoice `id` through `client`: checks it at the [`Pace`]'s
/// times while the page is visible, hands to `report` each answer the
/// payer is to hear of, and stops when [`outcome`] says so or the poller
/// is dropped.
pub fn follow(client: Client, id: String, report: impl Fn(Reply<Invoice>) + 'static) -> Poller {
    // The key's reading from the widget's last answer (the invoice made, or
    // found again): the first check then knows what was served since.
    let pace = Pace::since(client.remaining());
    let check: Check = Rc::new(move |done: Done| {
        let (client, id) = (client.clone(), id.clone());
        wasm_bindgen_futures::spawn_local(async move { done(client.invoice(&id).await) });
    });
    Poller::start(check, Rc::new(report), pace)
}

/// Hands over one check's answer.
pub type Done = Box<dyn FnOnce(Reply<Invoice>)>;
/// Runs one check and calls its [`Done`] when it is over.
pub type Check = Rc<dyn Fn(Done)>;
/// Where the answers the payer is to hear of go.
pub type Report = Rc<dyn Fn(Reply<Invoice>)>;

struct Inner {
    check: Check,
    report: Report,
    timer: RefCell<Option<Timeout>>,
    pace: RefCell<Pace>,
    /// A check came due while the page was hidden and waits for it to show.
    waiting_for_page: Cell<bool>,
    busy: Cell<bool>,
    stopped: Cell<bool>,
}

/// Runs `check` at the [`Pace`]'s times while the page is visible.
/// Dropping it cancels the timer and the visibility listener.
pub struct Poller {
    inner: Rc<Inner>,
    _on_visibility: Option<Listener>,
}

/// A random fraction for [`next_delay`], so that tabs opened together do not
/// ask together.
fn jitter() -> f64 {
    js_sys::Math::random()
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
        (self.check)(Box::new(move |reply| {
            this.busy.set(false);
            // Dropped while the check was out: nothing follows this invoice
            // any more, and a new timer would keep the poller alive.
            if this.stopped.get() {
                return;
            }
            let step = this.pace.borrow_mut().after(&outcome(&reply), jitter());
            // The next check is planned before the payer is told: telling
            // may drop this poller, and the drop must find the timer.
            match step {
                Step::Stop => {
                    this.stopped.set(true);
                    (this.report)(reply);
                }
                Step::Again { after_ms, tell } => {
                    this.schedule(after_ms);
                    if tell {
                        (this.report)(reply);
                    }
                }
            }
        }));
    }
}

impl Poller {
    /// Starts polling: the first check comes after [`first_delay`].
    pub fn start(check: Check, report: Report, pace: Pace) -> Poller {
        let inner = Rc::new(Inner {
            check,
            report,
            timer: RefCell::new(None),
            pace: RefCell::new(pace),
            waiting_for_page: Cell::new(false),
            busy: Cell::new(false),
            stopped: Cell::new(false),
        });
        inner.schedule(first_delay(jitter()));
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

// Native only: it runs the sandbox's own rate limiter, a native dependency.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod shared_key;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::Meta;
    use getcrypto_api::fixtures::invoice;

    /// A quiet key: this widget's own check is all it served.
    const QUIET: (Option<(u32, u32)>, Option<u32>) = (Some((50, 60)), Some(1));

    #[test]
    fn a_quiet_key_is_asked_every_5_s_at_most() {
        assert_eq!(next_delay(0, QUIET.0, None, QUIET.1, 0.0), POLL_MS);
        assert_eq!(next_delay(0, None, None, None, 0.0), POLL_MS, "an answer without the rate headers");
        assert_eq!(60_000 / next_delay(0, QUIET.0, None, QUIET.1, 0.0), 12);
    }

    #[test]
    fn each_widget_waits_its_share_of_what_the_key_served() {
        // 20 requests since the last check: if each of 20 widgets waits
        // 22 s, together they ask 54 times a minute, 0.9 of the limit.
        assert_eq!(next_delay(0, Some((40, 60)), None, Some(20), 0.0), 22_222);
        assert_eq!(next_delay(0, Some((40, 600)), None, Some(20), 0.0), POLL_MS, "a larger limit, a shorter wait");
        assert_eq!(next_delay(0, Some((20, 60)), None, Some(60), 0.0), MAX_POLL_MS);
    }

    #[test]
    fn a_nearly_spent_key_is_asked_again_within_30_s() {
        assert_eq!(next_delay(0, Some((14, 60)), None, Some(40), 0.0), 30_000);
        assert_eq!(next_delay(0, Some((0, 60)), None, Some(50), 0.0), 30_000);
        assert_eq!(next_delay(0, Some((15, 60)), None, Some(40), 0.0), 44_444, "a quarter left is not nearly spent");
    }

    #[test]
    fn errors_back_off_to_a_minute() {
        let e = ApiError::Server(503);
        let waits: Vec<u32> = (1..=6).map(|n| next_delay(n, QUIET.0, Some(&e), QUIET.1, 0.0)).collect();
        assert_eq!(waits, [10_000, 20_000, 40_000, 60_000, 60_000, 60_000]);
    }

    #[test]
    fn a_429_waits_until_just_after_the_window_reopens() {
        let limited = |secs| ApiError::RateLimited { retry_after: secs };
        assert_eq!(next_delay(1, Some((0, 60)), Some(&limited(42)), Some(0), 0.0), 43_000);
        assert_eq!(next_delay(1, Some((0, 60)), Some(&limited(42)), Some(0), 0.5), 45_500);
        assert_eq!(next_delay(1, None, Some(&limited(1)), None, 0.0), 2_000);
    }

    #[test]
    fn chance_only_shortens_a_wait_and_by_a_fifth_at_most() {
        for jitter in [0.0, 0.25, 0.5, 0.999, 1.0, -3.0, 7.0] {
            let quiet = next_delay(0, QUIET.0, None, QUIET.1, jitter);
            assert!((4_000..=POLL_MS).contains(&quiet), "{jitter}: {quiet}");
            let shared = next_delay(0, Some((40, 60)), None, Some(20), jitter);
            assert!((17_777..=22_222).contains(&shared), "{jitter}: {shared}");
            assert!((8_000..=FIRST_POLL_MS).contains(&first_delay(jitter)), "{jitter}");
        }
        assert_ne!(next_delay(0, QUIET.0, None, QUIET.1, 0.1), next_delay(0, QUIET.0, None, QUIET.1, 0.6));
    }

    fn answer(remaining: u32) -> Outcome {
        Outcome::Continue { error: None, rate: Some((remaining, 60)) }
    }

    fn refused() -> Outcome {
        Outcome::Continue { error: Some(ApiError::RateLimited { retry_after: 30 }), rate: Some((0, 60)) }
    }

    #[test]
    fn the_pace_reads_what_the_key_served_between_checks() {
        // Seeded by the invoice's creation, which left 60: 10 served since.
        let mut pace = Pace::since(Some(60));
        assert_eq!(pace.after(&answer(50), 0.0), Step::Again { after_ms: 11_111, tell: true });
        // 30 more since: other widgets are asking.
        assert_eq!(pace.after(&answer(20), 0.0), Step::Again { after_ms: 33_333, tell: true });
        // More left than before: a new window, which has served 2 so far.
        assert_eq!(pace.after(&answer(58), 0.0), Step::Again { after_ms: POLL_MS, tell: true });
        assert_eq!(pace.after(&answer(57), 0.0), Step::Again { after_ms: POLL_MS, tell: true });
    }

    #[test]
    fn with_nothing_read_before_the_first_check_keeps_the_quiet_pace() {
        // A window that served 40, perhaps all before this widget came.
        let mut pace = Pace::default();
        assert_eq!(pace.after(&answer(20), 0.0), Step::Again { after_ms: POLL_MS, tell: true });
        assert_eq!(pace.after(&answer(10), 0.0), Step::Again { after_ms: 11_111, tell: true });
    }

    #[test]
    fn a_429_is_waited_out_quietly_unless_the_next_check_is_refused_too() {
        let mut pace = Pace::default();
        assert_eq!(pace.after(&refused(), 0.0), Step::Again { after_ms: 31_000, tell: false });
        assert_eq!(pace.after(&answer(45), 0.0), Step::Again { after_ms: 16_666, tell: true });
        assert_eq!(pace.after(&refused(), 0.0), Step::Again { after_ms: 31_000, tell: false });
        assert_eq!(pace.after(&refused(), 0.0), Step::Again { after_ms: 31_000, tell: true }, "the key stays spent");
        let offline = Outcome::Continue { error: Some(ApiError::Offline), rate: None };
        assert_eq!(
            pace.after(&offline, 0.0),
            Step::Again { after_ms: 40_000, tell: true },
            "the third failure in a row"
        );
        assert_eq!(pace.after(&Outcome::Stop, 0.0), Step::Stop);
    }

    #[test]
    fn each_answer_decides_the_next_check() {
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
}
