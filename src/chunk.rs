//! The payment phase's own wasm chunk (docs/split.md): where it stands,
//! when it is wanted, when to ask again, and what the runtime asks of it.
//! What it holds, and how it is fetched, is the payment phase's
//! (`paying`); the
//! shipped build (`split` feature) fetches it after the first view, and
//! without the feature it is in the one wasm and ready at once.

use crate::http::{Client, Reply};
use crate::i18n::Lang;
use crate::params::Params;
use crate::state::{Comeback, State};
use crate::store::Dispatcher;
use crate::vnode::V;
use getcrypto_api::{Invoice, WidgetQuery};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

/// Where the chunk is; `R` is what it hands back once here.
#[derive(Clone)]
pub enum Chunk<R> {
    /// Not asked for yet: the payer has not reached the coins.
    Idle,
    /// Being fetched, or waiting to be fetched again.
    Loading,
    Ready(R),
    /// Every attempt failed; `reason` is what the loader said last.
    Failed {
        reason: String,
    },
}

/// A fetch of the chunk under way.
pub type Fetching<R> = Pin<Box<dyn Future<Output = Result<R, String>>>>;

/// How to have the chunk: what is already here (it came with the wasm, or
/// a widget on this page fetched it), and a fetch that hands it back or the
/// loader's words for why not.
pub struct Loader<R> {
    pub fetched: fn() -> Option<R>,
    pub fetch: fn() -> Fetching<R>,
}

/// The chunk, already here or fetched (sharing a fetch under way), tried
/// again after `retry_delay_ms` while `wanted` holds: the one series of
/// attempts, for the runtime's fetch of it (`Inner::start_chunk`) and for
/// the reads of the order's kept invoice or another tab's (`load`,
/// `Inner::stored`).
pub async fn have<R>(loader: &Loader<R>, wanted: &dyn Fn() -> bool) -> Result<R, String> {
    let mut attempt = 0;
    loop {
        if let Some(r) = (loader.fetched)() {
            return Ok(r);
        }
        let reason = match (loader.fetch)().await {
            Ok(r) => return Ok(r),
            Err(reason) => reason,
        };
        match retry_delay_ms(attempt) {
            Some(ms) if wanted() => crate::dom::pause(ms).await,
            _ => return Err(reason),
        }
        if !wanted() {
            return Err(reason);
        }
        attempt += 1;
    }
}

/// An invoice asked for.
pub type Asking = Pin<Box<dyn Future<Output = Reply<Invoice>>>>;

/// A claim of an invoice's end (`kept::claim_end`) under way.
pub type Claiming = Pin<Box<dyn Future<Output = bool>>>;

/// The requests answered by an invoice, which only the payment reads: they
/// come with the chunk, so that the first view carries no invoice's reader.
/// No invoice is made before the chunk that shows it is here.
pub trait Invoices {
    /// `POST v1/invoices` for `coin` on `network`, the body checked by the
    /// API's own rules first.
    fn create(&self, client: Client, params: Rc<Params>, coin: String, network: String) -> Asking;
    /// `GET v1/invoices/{id}`.
    fn invoice(&self, client: Client, id: String) -> Asking;
    /// What the invoice kept for `query`'s order is to a payer back at
    /// `now_ms` (`state::comeback`, which reads its time).
    fn comeback(&self, invoice: &Invoice, query: &WidgetQuery, now_ms: f64) -> Comeback;
    /// Whether this widget is the first of the site's to tell the page
    /// that `invoice_id` ended (`kept::claim_end`).
    fn claim_end(&self, invoice_id: String) -> Claiming;
}

/// What the payment's views are made with (`Entry::show`).
pub struct PaymentCtx {
    pub client: Client,
    pub params: Rc<Params>,
    /// The texts the payer reads.
    pub lang: Lang,
    pub dispatcher: Dispatcher,
    /// Draws the view again: something only the payment holds changed (a
    /// second passed, a wallet announced itself, a value was copied).
    pub redraw: Rc<dyn Fn()>,
    /// The widget renders its stylesheet as a `<style>`: so does the
    /// payment, for its own rules.
    pub own_style: bool,
}

/// The payment's views and what they run while an invoice is shown: made
/// when the runtime first shows one, dropped when it no longer does, which
/// stops its polling, its timers and its wallets.
pub trait Shown {
    /// The view of `state`'s invoice, in the widget's frame.
    fn view(&mut self, state: &State) -> Vec<V>;
    /// Starts or stops what `state` needs (following the invoice, keeping
    /// it, the wallets, the countdown, the move back to the store), after
    /// its view is drawn.
    fn effects(&mut self, state: &State);
    /// A click on `button`, in its view of `state`.
    fn clicked(&mut self, button: &web_sys::Element, state: &State);
}

/// Attempts before the payer is told: the first and three more.
pub const ATTEMPTS: u32 = 4;

/// How long to wait after failed attempt `attempt` (from 0) before the
/// next, or `None` when that was the last: 0.5 s, 1 s, 2 s, so that a
/// dropped connection that comes back within a few seconds is never seen.
pub fn retry_delay_ms(attempt: u32) -> Option<u32> {
    (attempt + 1 < ATTEMPTS).then(|| 500 << attempt)
}

/// Whether the chunk is wanted now: once the coins are on screen (the
/// payer may press Pay at any moment), or at once when the order's invoice
/// is being shown again.
pub fn wanted(coins_shown: bool, resuming: bool) -> bool {
    coins_shown || resuming
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_then_stop() {
        let delays: Vec<_> = (0..ATTEMPTS).map(retry_delay_ms).collect();
        assert_eq!(delays, [Some(500), Some(1000), Some(2000), None]);
        assert_eq!(retry_delay_ms(10), None);
    }

    #[test]
    fn wanted_from_the_coins_or_a_resumed_invoice() {
        assert!(!wanted(false, false));
        assert!(wanted(true, false));
        assert!(wanted(false, true));
    }
}
