//! The payment's views and what they run while an invoice is shown: the
//! invoice followed until its status is final (at the pace `poll` sets),
//! kept for its order, its browser wallets found and the one transaction
//! sent, the countdown, the copy buttons' word, and the move back to the
//! store. Each concern starts or stops when the value it depends on
//! changes, and changes the state only through the runtime's actions;
//! what only the view shows (a second passed, a wallet found, a value
//! copied) is held here and redrawn.

use crate::chunk::{PaymentCtx, Shown};
use crate::components::copy_button::{Copied, Copyable};
use crate::components::paid::{return_url, RETURN_AFTER_SECS};
use crate::components::tracking::{tracking, TrackingArgs};
use crate::dom;
use crate::kept;
use crate::pay::{Payment, Route};
use crate::poll::{self, Poller};
use crate::qr::{qr_path, QrPath};
use crate::state::{Action, Phase, State, Tracking, WalletStep};
use crate::style::PAYMENT_STYLE;
use crate::vnode::{el, V};
use crate::wallet::{self, Discovery, Wallet, WalletError};
use getcrypto_api::{Invoice, Status};
use gloo_timers::callback::{Interval, Timeout};
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use wasm_bindgen_futures::spawn_local;

/// What the payment's callbacks change (a wallet's announcement, a copy's
/// outcome, a second of the move back), each drawn again at once.
struct Local {
    wallets: RefCell<Rc<Vec<Wallet>>>,
    /// Each value copied, how it went, and when to stop saying so: each
    /// button says its own.
    copied: RefCell<Vec<(Copyable, Copied, Timeout)>>,
    /// Seconds before the move back to the store.
    leaving_in: Cell<u32>,
    redraw: Rc<dyn Fn()>,
}

/// The payment shown.
struct PaymentPhase {
    ctx: PaymentCtx,
    local: Rc<Local>,
    /// What paying the invoice takes, worked out once for each invoice the
    /// API sends, not on each render.
    payment: Option<Rc<Payment>>,
    /// The QR code, drawn once for each payment URI.
    qr: Option<(String, Option<QrPath>)>,
    followed: Option<(String, Poller)>,
    kept: Option<(String, String)>,
    /// Which wallets are looked for, once looked for: `Some(false)` EVM
    /// wallets, as they announce themselves; `Some(true)` TronLink, if the
    /// page has it; `None`, none.
    looking: Option<Option<bool>>,
    discovery: Option<Discovery>,
    sending: Option<(String, u32)>,
    /// The countdown's second hand, while it shows.
    tick: Option<Interval>,
    /// Whether the countdown has reached zero, as last seen.
    over: Option<bool>,
    /// The move back to the store: where, and its second hand.
    leaving: Option<(String, Interval)>,
}

/// The payment's views, for the invoices the runtime shows next.
pub fn show(ctx: PaymentCtx) -> Box<dyn Shown> {
    let local = Rc::new(Local {
        wallets: RefCell::default(),
        copied: RefCell::default(),
        leaving_in: Cell::new(RETURN_AFTER_SECS),
        redraw: ctx.redraw.clone(),
    });
    Box::new(PaymentPhase {
        ctx,
        local,
        payment: None,
        qr: None,
        followed: None,
        kept: None,
        looking: None,
        discovery: None,
        sending: None,
        tick: None,
        over: None,
        leaving: None,
    })
}

impl PaymentPhase {
    fn payment(&mut self, invoice: &Rc<Invoice>) -> Rc<Payment> {
        match &self.payment {
            Some(p) if p.invoice == **invoice => p.clone(),
            _ => {
                let p = Rc::new(Payment::new((**invoice).clone()));
                self.payment = Some(p.clone());
                p
            }
        }
    }

    /// Milliseconds left on the countdown, where it shows: the payment
    /// details of an open invoice whose expiry can be read.
    fn left_ms(tr: &Tracking, payment: &Payment, clock_offset_ms: f64) -> Option<f64> {
        let details = tr.invoice.status != Status::Paid && !tr.expired() && payment.open;
        payment.expires_ms.filter(|_| details).map(|expires| expires - (dom::now_ms() + clock_offset_ms))
    }

    /// Where the paid view leads back to, and whether it goes by itself.
    fn way_back(&self, tr: &Tracking) -> Option<(String, bool)> {
        let after = self.ctx.params.after_paid;
        let url = return_url(tr.invoice.success_url.as_deref(), after.offers_return())?;
        (tr.invoice.status == Status::Paid).then(|| (url.to_owned(), after.leaves_by_itself(tr.resumed)))
    }

    /// Copies `what` as the state has it, and says how it went for 2 s.
    fn copy(&self, what: Copyable, state: &State) {
        let Phase::Tracking(tr) = &state.phase else { return };
        let value = match what {
            Copyable::Amount => self.payment.as_ref().map(|p| p.due.as_str().to_owned()),
            Copyable::Address => Some(tr.invoice.address.clone()),
            Copyable::Invoice => Some(tr.invoice.id.clone()),
            Copyable::Hash => match &tr.wallet {
                WalletStep::Sent { hash, .. } => Some(hash.clone()),
                _ => None,
            },
        };
        let Some(value) = value else { return };
        let local = Rc::downgrade(&self.local);
        spawn_local(async move {
            let ok = dom::copy(&value).await;
            let Some(l) = local.upgrade() else { return };
            let back = Rc::downgrade(&l);
            let reset = Timeout::new(2_000, move || {
                if let Some(l) = back.upgrade() {
                    l.copied.borrow_mut().retain(|(w, _, _)| *w != what);
                    (l.redraw)();
                }
            });
            let mut copied = l.copied.borrow_mut();
            copied.retain(|(w, _, _)| *w != what);
            copied.push((what, if ok { Copied::Done } else { Copied::Failed }, reset));
            drop(copied);
            (l.redraw)();
        });
    }

    /// The wallets for the invoice's route, looked for again when it
    /// changes between EVM, TRC20 and none.
    fn look_for_wallets(&mut self, route: Option<&Route>) {
        let looking = route.map(|r| matches!(r, Route::Tron(_)));
        if self.looking.replace(looking) == Some(looking) {
            return;
        }
        self.discovery = None;
        // The last route's wallets go: TronLink is no choice for an EVM
        // invoice, nor an EVM wallet for TRC20.
        if !self.local.wallets.replace(Rc::default()).is_empty() {
            (self.local.redraw)();
        }
        let local = Rc::downgrade(&self.local);
        let found = move |list: Vec<Wallet>| {
            if let Some(l) = local.upgrade() {
                l.wallets.replace(Rc::new(list));
                (l.redraw)();
            }
        };
        match looking {
            Some(false) => self.discovery = Discovery::start(self.ctx.lang.browser_wallet(), found),
            Some(true) => found(wallet::tronlink().into_iter().collect()),
            None => {}
        }
    }

    /// Sends the one transaction each time the state enters
    /// `WalletStep::Sending`; what the wallet answers changes only the
    /// wallet's line.
    fn send(&mut self, tr: &Tracking, route: Option<Route>) {
        let sending = match &tr.wallet {
            WalletStep::Sending { id, attempt, .. } => Some((id.clone(), *attempt)),
            _ => None,
        };
        if self.sending == sending {
            return;
        }
        self.sending = sending.clone();
        let Some((id, _)) = sending else { return };
        let dispatcher = self.ctx.dispatcher.clone();
        let Some(chosen) = self.local.wallets.borrow().iter().find(|w| w.id == id).cloned() else {
            return dispatcher.dispatch(Action::WalletFailed(String::new()));
        };
        spawn_local(async move {
            let sent = match (chosen.tron, route) {
                (false, Some(Route::Evm(transaction))) => wallet::pay(&chosen.provider, &transaction).await,
                (true, Some(Route::Tron(transfer))) => wallet::pay_tron(&chosen.provider, &transfer).await,
                _ => Err(WalletError::Failed(String::new())),
            };
            dispatcher.dispatch(match sent {
                Ok(hash) => Action::WalletSent(hash),
                Err(WalletError::Rejected) => Action::WalletCancelled,
                Err(WalletError::Failed(message)) => Action::WalletFailed(message),
            });
        });
    }
}

impl Shown for PaymentPhase {
    fn view(&mut self, state: &State) -> Vec<V> {
        let Phase::Tracking(tr) = &state.phase else { return Vec::new() };
        let payment = self.payment(&tr.invoice);
        if self.qr.as_ref().is_none_or(|(uri, _)| *uri != payment.uri) {
            self.qr = Some((payment.uri.clone(), qr_path(&payment.uri)));
        }
        let copied: Vec<(Copyable, Copied)> = self.local.copied.borrow().iter().map(|(w, how, _)| (*w, *how)).collect();
        let copied = |what: Copyable| copied.iter().find(|(w, _)| *w == what).map_or(Copied::Idle, |(_, how)| *how);
        let way_back = self.way_back(tr);
        let wallets = self.local.wallets.borrow().clone();
        let view = tracking(&TrackingArgs {
            tracking: tr,
            payment: &payment,
            query: &self.ctx.params.query,
            t: self.ctx.lang,
            left_ms: Self::left_ms(tr, &payment, state.clock_offset_ms),
            wallets: &wallets,
            qr: self.qr.as_ref().and_then(|(_, qr)| qr.as_ref()),
            copied: &copied,
            paid_return: way_back.as_ref().map(|(url, _)| url.as_str()),
            leaving_in: way_back.as_ref().filter(|(_, leave)| *leave).map(|_| self.local.leaving_in.get()),
            wallet_first: dom::wallet_first(),
        });
        // Already in the shared sheet since the chunk arrived (`prepare`);
        // else drawn with the view, so that it is never seen without them.
        let own_style = self.ctx.own_style || !super::prepare();
        own_style.then(|| el("style").text(PAYMENT_STYLE).into()).into_iter().chain(view).collect()
    }

    fn effects(&mut self, state: &State) {
        let Phase::Tracking(tr) = &state.phase else { return };
        let payment = self.payment(&tr.invoice);

        let followed = state.followed();
        if self.followed.as_ref().map(|(id, _)| id) != followed.as_ref() {
            self.followed = followed.map(|id| {
                let dispatcher = self.ctx.dispatcher.clone();
                let poller = poll::follow(self.ctx.client.clone(), id.clone(), move |reply| {
                    dispatcher.heard(&reply.meta);
                    dispatcher.dispatch(match reply.result {
                        Ok(invoice) => Action::Polled(invoice),
                        Err(e) => Action::PollFailed(e),
                    });
                });
                (id, poller)
            });
        }

        let kept = Some((tr.invoice.id.clone(), tr.invoice.status.as_str().to_owned()));
        if self.kept != kept {
            self.kept = kept;
            kept::keep_invoice(&self.ctx.params.query, &tr.invoice.id, tr.invoice.status.as_str());
        }

        self.look_for_wallets(payment.route.as_ref());
        self.send(tr, payment.route.clone());

        match Self::left_ms(tr, &payment, state.clock_offset_ms) {
            Some(left) => {
                let redraw = self.ctx.redraw.clone();
                self.tick.get_or_insert_with(|| Interval::new(1_000, move || redraw()));
                let over = left <= 0.0;
                if self.over.replace(over) != Some(over) && over {
                    self.ctx.dispatcher.dispatch(Action::TimeUp);
                }
            }
            None => {
                self.tick = None;
                self.over = None;
            }
        }

        let leave = self.way_back(tr).filter(|(_, leave)| *leave).map(|(url, _)| url);
        if self.leaving.as_ref().map(|(url, _)| url) != leave.as_ref() {
            self.local.leaving_in.set(RETURN_AFTER_SECS);
            self.leaving = leave.map(|url| {
                let (local, to) = (Rc::downgrade(&self.local), url.clone());
                (url, Interval::new(1_000, move || count_down(&local, &to)))
            });
        }
    }

    fn clicked(&mut self, button: &web_sys::Element, state: &State) {
        let dispatcher = &self.ctx.dispatcher;
        if let Some(id) = button.get_attribute("data-wallet") {
            let name = self.local.wallets.borrow().iter().find(|w| w.id == id).map(|w| w.name.clone());
            dispatcher.dispatch(Action::WalletSend { id, name: name.unwrap_or_default() });
        } else if let Some(name) = button.get_attribute("data-copy") {
            if let Some(what) = Copyable::ALL.into_iter().find(|w| w.name() == name) {
                self.copy(what, state);
            }
        } else if button.class_name().split(' ').any(|c| c == "gc-renew") {
            dispatcher.dispatch(Action::Renew);
        }
    }
}

/// A second of the move back to the store; at zero, the move, once: asked
/// again each second, it would cancel a store's page slow to answer.
fn count_down(local: &Weak<Local>, url: &str) {
    let Some(l) = local.upgrade() else { return };
    if l.leaving_in.get() == 0 {
        return;
    }
    let n = l.leaving_in.get() - 1;
    l.leaving_in.set(n);
    (l.redraw)();
    if n == 0 {
        if let Some(w) = web_sys::window() {
            let _ = w.location().assign(url);
        }
    }
}
