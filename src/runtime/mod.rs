//! The widget's runtime: the state, the one reducer that changes it, what
//! each change sets going (requests, the payment chunk, timers, focus, the
//! page's events), and the view for where the payer is.
//!
//! Every view is plain markup (`vnode`), patched into the page here: the
//! views before the payment are this module's, the payment's come with
//! the payment chunk (`chunk::Shown`), which also runs what only the
//! payment needs (docs/size.md). Every change runs through
//! [`Inner::settle`], one at a time, in a microtask after the actions that
//! made it: the actions one task sends (the coins loaded, then the kept
//! invoice resumed) are rendered and told as one change; an action sent
//! while a change is being rendered waits its turn; and nothing this
//! runtime holds is borrowed while the page hears an event (a listener may
//! destroy the widget).
//!
//! What a change tells the page, and when an effect runs again, is
//! `news`; the requests the runtime starts are `tasks`.

mod news;
mod tasks;

use crate::chunk::{self, Chunk, Invoices, PaymentCtx, Shown};
use crate::components::choosing::{choosing, ChoosingArgs};
use crate::components::error_box::{error_box, ErrorBoxArgs};
use crate::components::frame::frame;
use crate::components::preparing::preparing;
use crate::components::skeleton::skeleton;
use crate::dom::{self, emit, Listener};
use crate::events::{end_news, invoice_events, Failure, Seen, WidgetEvent};
use crate::http::Client;
use crate::i18n::Lang;
use crate::kept;
use crate::params::Params;
use crate::paying::{Entry, LOADER};
use crate::state::{Action, Comeback, Phase, State};
use crate::store::Dispatcher;
use crate::vnode::{patch, Live, V};
use getcrypto_api::WidgetData;
use gloo_timers::callback::Timeout;
use news::{changed, page_news, News, Ran};
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::{Rc, Weak};
use tasks::{create, load};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use web_sys::Element;

/// What the widget was started with.
pub struct Setup {
    /// The texts the payer reads.
    pub lang: Lang,
    pub params: Rc<Params>,
    pub client: Client,
    /// The mount element, where events are dispatched.
    pub host: Element,
    /// Where the widget's nodes go: the host's shadow root, or the host.
    pub root: web_sys::Node,
    pub doc: web_sys::Document,
    /// Render the stylesheet as a `<style>`: the browser could not share one.
    pub own_style: bool,
    /// The coins already in hand at mount, with the server clock's offset:
    /// then the first view is the choices, not the skeleton.
    pub coins: Option<(Rc<WidgetData>, f64)>,
    /// An invoice is kept for this order: it will be shown again, so the
    /// payment chunk is wanted at once.
    pub resuming: bool,
}

/// What the error box's button retries.
#[derive(Clone, Copy)]
enum Retry {
    /// Loading the coins.
    Load,
    /// Fetching the payment chunk, and with `reload` loading again once
    /// it is here (a kept invoice could not be read without it).
    Chunk { reload: bool },
}

struct Inner {
    setup: Setup,
    /// The element the views are drawn in.
    container: Option<Element>,
    state: RefCell<Rc<State>>,
    queue: RefCell<VecDeque<Action>>,
    /// A change is being settled: an action sent meanwhile waits.
    busy: Cell<bool>,
    /// A settling is due in a microtask.
    scheduled: Cell<bool>,
    /// Something besides the state changed (the chunk): render again.
    dirty: Cell<bool>,
    alive: Cell<bool>,
    chunk: RefCell<Chunk<Entry>>,
    /// Counts the series of attempts at the chunk, so a stale one's
    /// outcome is dropped.
    series: Cell<u32>,
    live: RefCell<Vec<Live>>,
    /// The payment's views, while an invoice shows.
    payment: RefCell<Option<Box<dyn Shown>>>,
    retry: Cell<Option<Retry>>,
    ran: RefCell<Ran>,
    load_timer: RefCell<Option<Timeout>>,
    create_timer: RefCell<Option<Timeout>>,
    listeners: RefCell<Vec<Listener>>,
    dispatcher: Dispatcher,
}

/// A running widget.
pub struct Runtime(Rc<Inner>);

impl Runtime {
    /// Shows the widget and starts what its first state needs.
    pub fn start(setup: Setup) -> Runtime {
        let state = Rc::new(State::first(setup.coins.clone()));
        let container = setup.doc.create_element("div").ok().filter(|c| setup.root.append_child(c).is_ok());
        let inner = Rc::new_cyclic(|weak: &Weak<Inner>| {
            let weak = weak.clone();
            Inner {
                setup,
                container,
                state: RefCell::new(state),
                queue: RefCell::default(),
                busy: Cell::new(false),
                scheduled: Cell::new(false),
                dirty: Cell::new(true),
                alive: Cell::new(true),
                chunk: RefCell::new(Chunk::Idle),
                series: Cell::new(0),
                live: RefCell::default(),
                payment: RefCell::default(),
                retry: Cell::new(None),
                ran: RefCell::default(),
                load_timer: RefCell::default(),
                create_timer: RefCell::default(),
                listeners: RefCell::default(),
                dispatcher: Dispatcher::new(move |action| {
                    if let Some(inner) = weak.upgrade() {
                        inner.dispatch(action);
                    }
                }),
            }
        });
        let weak = Rc::downgrade(&inner);
        let click = Listener::new(&inner.setup.root, "click", move |event| {
            if let Some(inner) = weak.upgrade() {
                inner.clicked(&event);
            }
        });
        let weak = Rc::downgrade(&inner);
        let storage = web_sys::window().map(|w| {
            Listener::new(&w, "storage", move |event| {
                if let Some(inner) = weak.upgrade() {
                    inner.stored(&event);
                }
            })
        });
        inner.listeners.borrow_mut().extend(std::iter::once(click).chain(storage));
        inner.settle();
        Runtime(inner)
    }

    /// Stops every timer, request and listener, and removes the views.
    pub fn destroy(self) {
        let inner = self.0;
        inner.alive.set(false);
        inner.setup.client.abort();
        inner.load_timer.borrow_mut().take();
        inner.create_timer.borrow_mut().take();
        inner.listeners.borrow_mut().clear();
        inner.queue.borrow_mut().clear();
        inner.payment.borrow_mut().take();
        inner.live.borrow_mut().clear();
    }
}

impl Inner {
    fn dispatch(self: &Rc<Self>, action: Action) {
        self.queue.borrow_mut().push_back(action);
        self.schedule();
    }

    /// Settles in a microtask, once for whatever is sent until then.
    fn schedule(self: &Rc<Self>) {
        if self.scheduled.replace(true) {
            return;
        }
        let weak = Rc::downgrade(self);
        spawn_local(async move {
            if let Some(inner) = weak.upgrade() {
                inner.scheduled.set(false);
                inner.settle();
            }
        });
    }

    /// Applies the actions waiting, then renders and runs the effects, as
    /// long as anything changed; one settling at a time.
    fn settle(self: &Rc<Self>) {
        if self.busy.replace(true) {
            return;
        }
        loop {
            let mut changed = self.dirty.replace(false);
            while let Some(action) = self.next_action() {
                let current = self.state.borrow().clone();
                let next = current.clone().reduce(action);
                changed |= !Rc::ptr_eq(&current, &next);
                self.state.replace(next);
            }
            if !changed || !self.alive.get() {
                break;
            }
            let state = self.state.borrow().clone();
            let chunk = self.chunk();
            self.render(&state, &chunk);
            // A page that destroys the widget as the patch moves focus away
            // (`focusout`) starts nothing more.
            if !self.alive.get() {
                break;
            }
            self.effects(&state, &chunk);
        }
        self.busy.set(false);
    }

    /// The next action waiting, the queue not held while it is reduced.
    fn next_action(&self) -> Option<Action> {
        self.queue.borrow_mut().pop_front()
    }

    /// Runs `f` on the payment's views, if they show, taken out meanwhile:
    /// what they do may reach this runtime again (a page's listener that
    /// destroys the widget). Put back unless the widget is gone.
    fn with_shown(&self, f: impl FnOnce(&mut dyn Shown)) -> bool {
        let Some(mut shown) = self.payment.take() else { return false };
        f(shown.as_mut());
        if self.alive.get() && self.payment.borrow().is_none() {
            self.payment.replace(Some(shown));
        }
        true
    }

    /// The chunk: here already when anyone fetched it (the kept invoice's
    /// read, another widget on the page), whatever this widget's attempts
    /// said.
    fn chunk(&self) -> Chunk<Entry> {
        (LOADER.fetched)().map_or_else(|| self.chunk.borrow().clone(), Chunk::Ready)
    }

    fn render(self: &Rc<Self>, state: &Rc<State>, chunk: &Chunk<Entry>) {
        let s = &self.setup;
        let body = match (&state.phase, chunk) {
            (Phase::Tracking(_), Chunk::Ready(entry)) => {
                self.retry.set(None);
                let mut payment = self.payment.borrow_mut();
                let shown = payment.get_or_insert_with(|| (entry.show)(self.payment_ctx()));
                shown.view(state)
            }
            _ => {
                self.payment.borrow_mut().take();
                let (body, retry) = self.view(state, chunk);
                self.retry.set(retry);
                body
            }
        };
        let widget = frame(s.lang, s.own_style, body);
        let Some(container) = &self.container else { return };
        // Taken out while patching: removing the focused button makes the
        // browser send `focusout` at once, and a page that destroys the
        // widget there must find nothing of it borrowed.
        let mut live = self.live.take();
        patch(&s.doc, container, &mut live, vec![widget]);
        if self.alive.get() {
            self.live.replace(live);
        }
    }

    /// What the payment's views are made with: they redraw through this
    /// runtime, and send their actions to its reducer.
    fn payment_ctx(self: &Rc<Self>) -> PaymentCtx {
        let weak = Rc::downgrade(self);
        PaymentCtx {
            client: self.setup.client.clone(),
            params: self.setup.params.clone(),
            lang: self.setup.lang,
            dispatcher: self.dispatcher.clone(),
            redraw: Rc::new(move || {
                if let Some(inner) = weak.upgrade() {
                    inner.dirty.set(true);
                    inner.schedule();
                }
            }),
            own_style: self.setup.own_style,
        }
    }

    /// The view for where the payer is, outside the payment, and what its
    /// error box's button retries.
    fn view(&self, state: &State, chunk: &Chunk<Entry>) -> (Vec<V>, Option<Retry>) {
        let (t, query) = (self.setup.lang, &self.setup.params.query);
        let failure = match chunk {
            Chunk::Failed { reason } => Some(reason.as_str()),
            _ => None,
        };
        // The payment's chunk could not be had: the payer may ask for it
        // again (and, with `reload`, load again once it is here). `body`
        // says whether an invoice is made (and kept) already.
        let unavailable = |reason: &str, body: &'static str, reload: bool| {
            let view = error_box(ErrorBoxArgs {
                title: Some(t.payment_unavailable()),
                message: body.into(),
                detail: Some(reason),
                retry: Some(t.retry()),
            });
            (vec![view], Some(Retry::Chunk { reload }))
        };
        match (&state.phase, failure) {
            // The order's invoice is read with the payment's chunk, and shown.
            (Phase::Loading, _) if self.setup.resuming => (preparing(state, query, t), None),
            (Phase::Loading, _) => (vec![skeleton(t.loading())], None),
            // The order's kept invoice could not be read without the chunk.
            (Phase::LoadFailed(_), Some(reason)) => unavailable(reason, t.payment_unavailable_body(), true),
            (Phase::LoadFailed(e), None) => {
                let retry = e.retry_by_hand().then(|| t.retry());
                let view = error_box(ErrorBoxArgs {
                    title: Some(t.load_failed()),
                    message: t.describe(e),
                    detail: None,
                    retry,
                });
                (vec![view], retry.map(|_| Retry::Load))
            }
            // No invoice is made before the chunk that shows it is here.
            (Phase::Creating(_), Some(reason)) => unavailable(reason, t.offline(), false),
            (Phase::Choosing(choice) | Phase::Creating(choice), _) => {
                let view = choosing(ChoosingArgs {
                    choice,
                    creating: matches!(state.phase, Phase::Creating(_)),
                    waiting: state.create_wait().is_some(),
                    query,
                    t,
                });
                (view, None)
            }
            (Phase::Tracking(_), Some(reason)) => unavailable(reason, t.payment_unavailable_body(), false),
            (Phase::Tracking(_), None) => (preparing(state, query, t), None),
        }
    }

    /// A click in the widget's views: what the button carries says what
    /// it does. The payment's views read their own.
    fn clicked(self: &Rc<Self>, event: &web_sys::Event) {
        let button =
            event.target().and_then(|t| t.dyn_into::<Element>().ok()).and_then(|e| e.closest("button").ok().flatten());
        let Some(button) = button else { return };
        let state = self.state.borrow().clone();
        if self.with_shown(|shown| shown.clicked(&button, &state)) {
            return;
        }
        let has = |name: &str| button.class_name().split(' ').any(|c| c == name);
        let action = if let Some(coin) = button.get_attribute("data-coin") {
            Action::ChooseCoin(coin)
        } else if let Some(network) = button.get_attribute("data-network") {
            Action::ChooseNetwork(network)
        } else if has("gc-pay") {
            Action::Confirm
        } else if has("gc-link") {
            Action::Back
        } else if has("gc-secondary") {
            match self.retry.get() {
                Some(Retry::Load) => Action::Reload,
                Some(Retry::Chunk { reload }) => {
                    self.start_chunk();
                    self.dirty.set(true);
                    if !reload {
                        return self.schedule();
                    }
                    Action::Reload
                }
                None => return,
            }
        } else {
            return;
        };
        self.dispatch(action);
    }

    /// Another tab kept an invoice for this order: read with the payment
    /// chunk, and shown while it is open.
    fn stored(self: &Rc<Self>, event: &web_sys::Event) {
        let event: &web_sys::StorageEvent = event.unchecked_ref();
        let id = match (event.key(), event.new_value()) {
            (Some(k), Some(record)) if k == kept::invoice_key(&self.setup.params.query) => {
                kept::kept_id(&record).map(str::to_owned)
            }
            _ => None,
        };
        let Some(id) = id else { return };
        let (dispatcher, client, params) =
            (self.dispatcher.clone(), self.setup.client.clone(), self.setup.params.clone());
        spawn_local(async move {
            let Ok(payment) = chunk::have(&LOADER, &|| true).await else { return };
            let reply = payment.invoice(client, id).await;
            dispatcher.heard(&reply.meta);
            if let Ok(invoice) = reply.result {
                if payment.comeback(&invoice, &params.query, dom::now_ms()) == Comeback::Open {
                    // Whichever applies: the choices give way to the invoice
                    // another tab made, or the same invoice moves.
                    dispatcher.dispatch(Action::Resumed(invoice.clone()));
                    dispatcher.dispatch(Action::Polled(invoice));
                }
            }
        });
    }

    /// A new series of attempts at the chunk; a failed series is tried
    /// again only when the payer asks.
    fn start_chunk(self: &Rc<Self>) {
        let series = self.series.get() + 1;
        self.series.set(series);
        *self.chunk.borrow_mut() = Chunk::Loading;
        let weak = Rc::downgrade(self);
        spawn_local(async move {
            let current = |weak: &Weak<Inner>| weak.upgrade().filter(|i| i.alive.get() && i.series.get() == series);
            let wanted = || current(&weak).is_some();
            let result = chunk::have(&LOADER, &wanted).await;
            if let Some(inner) = current(&weak) {
                *inner.chunk.borrow_mut() = result.map_or_else(|reason| Chunk::Failed { reason }, Chunk::Ready);
                inner.dirty.set(true);
                inner.schedule();
            }
        });
    }

    fn effects(self: &Rc<Self>, state: &Rc<State>, chunk: &Chunk<Entry>) {
        let entry = match chunk {
            Chunk::Ready(entry) => Some(*entry),
            _ => None,
        };
        let mut ran = self.ran.borrow_mut();

        // Loading the coins, on mount and on each retry; asked again by
        // itself once a 429's wait has passed.
        if changed(&mut ran.attempt, state.attempt) && matches!(state.phase, Phase::Loading) {
            spawn_local(load(self.dispatcher.clone(), self.setup.client.clone(), self.setup.params.clone()));
        }
        if changed(&mut ran.load_wait, state.load_wait()) {
            *self.load_timer.borrow_mut() = state.load_wait().map(|secs| self.after(secs, Action::Reload));
        }

        // The payment chunk, fetched while the payer chooses, so that it is
        // there when Pay is pressed.
        let coins_shown = matches!(state.phase, Phase::Choosing(_) | Phase::Creating(_) | Phase::Tracking(_));
        if chunk::wanted(coins_shown, self.setup.resuming) && matches!(chunk, Chunk::Idle) {
            self.start_chunk();
        }

        // Creating the invoice once each time the state enters `Creating`
        // and the chunk that shows it is here; confirmed again by itself
        // once a 429's wait has passed.
        let creating = match &state.phase {
            Phase::Creating(c) => Some((c.coin.clone().unwrap_or_default(), c.network.clone().unwrap_or_default())),
            _ => None,
        };
        if changed(&mut ran.create, (creating.clone(), entry.is_some())) {
            if let (Some((coin, network)), Some(entry)) = (creating, entry) {
                spawn_local(create(
                    entry,
                    self.dispatcher.clone(),
                    &self.setup.client,
                    &self.setup.params,
                    coin,
                    network,
                ));
            }
        }
        if changed(&mut ran.create_wait, state.create_wait()) {
            *self.create_timer.borrow_mut() = state.create_wait().map(|secs| self.after(secs, Action::Confirm));
        }

        // Focus follows the payer's step (`State::focus_target`), once the
        // view of that step is drawn: the payment's only with its chunk.
        let shown = self.payment.borrow().is_some();
        if changed(&mut ran.focus, (state.focus_target(), shown)) {
            if let Some(selector) = state.focus_target() {
                dom::focus_in(&self.setup.host, &selector);
            }
        }
        let news = page_news(&mut ran, state, chunk, self.setup.lang);
        drop(ran);

        // What the payment runs (following the invoice, keeping it, its
        // wallets and timers), unless a focus listener destroyed the widget.
        if self.alive.get() {
            self.with_shown(|shown| shown.effects(state));
        }

        // Told in a microtask, after the view of the change is drawn and
        // the invoice kept.
        let (weak, state) = (Rc::downgrade(self), state.clone());
        spawn_local(async move {
            if let Some(inner) = weak.upgrade() {
                inner.tell(&state, news);
            }
        });
    }

    /// Tells the page, with nothing of this runtime borrowed: a listener
    /// may destroy the widget, or start another, and nothing more is told
    /// once it has.
    fn tell(&self, state: &State, news: News) {
        let host = &self.setup.host;
        if !self.alive.get() {
            return;
        }
        let told = |event: &WidgetEvent| {
            if self.alive.get() {
                emit(host, event);
            }
        };
        if let Some((project, resumed)) = &news.ready {
            told(&WidgetEvent::Ready { project_name: Some(project), resumed: *resumed });
        }
        if let (Some((first, resumed)), Phase::Tracking(t)) = (news.invoice, &state.phase) {
            for event in invoice_events(&t.invoice, Seen { first, resumed }) {
                told(&event);
            }
            // Claimed only for an end seen happening: an end found again
            // must not use up the claim. Claimed also when the page has just
            // destroyed the widget on hearing the status: it still hears
            // `paid` (merchants.md).
            if let (Some(_), Some(entry)) = (end_news(&t.invoice, resumed), (LOADER.fetched)()) {
                let (invoice, host) = (t.invoice.clone(), host.clone());
                spawn_local(async move {
                    if entry.claim_end(invoice.id.clone()).await {
                        if let Some(news) = end_news(&invoice, resumed) {
                            emit(&host, &news);
                        }
                    }
                });
            }
        }
        if let Some((invoice_id, hash, wallet)) = news.sent {
            told(&WidgetEvent::Transaction { invoice_id: &invoice_id, hash: &hash, wallet: &wallet });
        }
        if let Some((code, message, status, retry_after)) = news.failure {
            told(&WidgetEvent::Error(Failure { code, message: &message, status, retry_after }));
        }
    }

    /// A timer that sends `action` after `secs` seconds.
    fn after(&self, secs: u32, action: Action) -> Timeout {
        let dispatcher = self.dispatcher.clone();
        Timeout::new(secs.saturating_mul(1000), move || dispatcher.dispatch(action))
    }
}
