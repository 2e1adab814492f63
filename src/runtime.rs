//! The widget's runtime: the state, the one reducer that changes it, what
//! each change sets going (requests, the payment chunk, timers, focus, the
//! page's events), and the view for where the payer is.
//!
//! The views before the payment are plain markup (`vnode`), patched into
//! the page here, so that the first view's wasm carries no Yew; the
//! payment's views are Yew components in the payment chunk, mounted here
//! when an invoice is followed and handed each new state (docs/size.md).
//! Every change runs through [`Inner::settle`], one at a time, in a
//! microtask after the actions that made it: the actions one task sends
//! (the coins loaded, then the kept invoice resumed) are rendered and told
//! as one change, as Yew batches its renders; an action sent while a change
//! is being rendered waits its turn; and nothing this runtime holds is
//! borrowed while the page hears an event (a listener may destroy the
//! widget).

use crate::chunk::{self, Chunk, Invoices};
use crate::components::choosing::{choosing, ChoosingArgs};
use crate::components::error_box::{error_box, ErrorBoxArgs};
use crate::components::payment_phase::{Entry, PaymentProps, LOADER};
use crate::components::preparing::preparing;
use crate::components::skeleton::skeleton;
use crate::dom::{self, emit, Listener};
use crate::error::ApiError;
use crate::events::{end_news, invoice_events, Failure, Seen, WidgetEvent};
use crate::http::{Client, Meta};
use crate::i18n::Lang;
use crate::kept;
use crate::params::Params;
use crate::state::{Action, Comeback, Phase, State, WalletStep};
use crate::store::{Dispatcher, Store};
use crate::style::STYLE;
use crate::vnode::{class, el, patch, Live, V};
use getcrypto_api::{Status, WidgetData};
use gloo_timers::callback::Timeout;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::{Rc, Weak};
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

/// The last value each effect ran for: an effect runs again only when its
/// value changes, as a Yew effect does with its dependencies.
#[derive(Default)]
struct Ran {
    attempt: Option<u32>,
    load_wait: Option<Option<u32>>,
    create_wait: Option<Option<u32>>,
    create: Option<(Option<(String, String)>, bool)>,
    focus: Option<Option<String>>,
    ready: Option<bool>,
    invoice: Option<Option<(String, Status)>>,
    announced: Option<String>,
    sent: Option<Option<(String, String, String)>>,
    failure: Option<Option<Told>>,
}

/// A failure as `getcrypto:error` tells it: code, message, status, retry.
type Told = (&'static str, String, Option<u16>, Option<u32>);

/// Whether `value` differs from what `slot` last ran for; remembers it.
fn changed<K: PartialEq>(slot: &mut Option<K>, value: K) -> bool {
    if slot.as_ref() == Some(&value) {
        return false;
    }
    *slot = Some(value);
    true
}

struct Inner {
    setup: Setup,
    /// The element the current view is in: replaced whenever the view
    /// passes between this runtime and the payment's Yew app, so that
    /// neither removes the other's nodes.
    container: RefCell<Option<Element>>,
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
    /// The payment's view, by the id the chunk gave it, while it shows.
    payment: Cell<Option<u32>>,
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
        let container = fresh_container(&setup, None);
        let inner = Rc::new_cyclic(|weak: &Weak<Inner>| {
            let weak = weak.clone();
            Inner {
                setup,
                container: RefCell::new(container),
                state: RefCell::new(state),
                queue: RefCell::default(),
                busy: Cell::new(false),
                scheduled: Cell::new(false),
                dirty: Cell::new(true),
                alive: Cell::new(true),
                chunk: RefCell::new(Chunk::Idle),
                series: Cell::new(0),
                live: RefCell::default(),
                payment: Cell::new(None),
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
        if let (Some(id), Some(entry)) = (inner.payment.take(), (LOADER.fetched)()) {
            (entry.unmount)(id);
        }
        inner.live.borrow_mut().clear();
    }
}

/// A new, empty element for a view, in place of `old` (or added).
fn fresh_container(setup: &Setup, old: Option<&Element>) -> Option<Element> {
    let node = setup.doc.create_element("div").ok()?;
    let placed = match old {
        Some(old) => setup.root.replace_child(&node, old),
        None => setup.root.append_child(&node),
    };
    placed.ok().map(|_| node)
}

/// Passes on what an answer said about the server's clock, so that the
/// countdown renders from the state.
pub fn heard(dispatcher: &Dispatcher, meta: &Meta) {
    if let Some(offset) = meta.clock_offset {
        dispatcher.dispatch(Action::ServerClock(offset));
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
            while let Some(action) = self.queue.borrow_mut().pop_front() {
                let current = self.state.borrow().clone();
                let next = current.next(action);
                if next != *current {
                    *self.state.borrow_mut() = Rc::new(next);
                    changed = true;
                }
            }
            if !changed || !self.alive.get() {
                break;
            }
            let state = self.state.borrow().clone();
            let chunk = self.chunk();
            self.render(&state, &chunk);
            self.effects(&state, &chunk);
        }
        self.busy.set(false);
    }

    /// The chunk: here already when anyone fetched it (the kept invoice's
    /// read, another widget on the page), whatever this widget's attempts
    /// said.
    fn chunk(&self) -> Chunk<Entry> {
        (LOADER.fetched)().map_or_else(|| self.chunk.borrow().clone(), Chunk::Ready)
    }

    fn render(self: &Rc<Self>, state: &Rc<State>, chunk: &Chunk<Entry>) {
        let s = &self.setup;
        if let (Phase::Tracking(_), Chunk::Ready(entry)) = (&state.phase, chunk) {
            let props = PaymentProps {
                store: Store::new(state.clone(), self.dispatcher.clone()),
                client: s.client.clone(),
                params: s.params.clone(),
                own_style: s.own_style,
                lang: s.lang,
                host: s.host.clone(),
            };
            match self.payment.get() {
                Some(id) => (entry.update)(id, props),
                None => {
                    if let Some(container) = self.replace_container() {
                        self.payment.set(Some((entry.mount)(container, props)));
                    }
                }
            }
            return;
        }
        if let Some(id) = self.payment.take() {
            if let Chunk::Ready(entry) = chunk {
                (entry.unmount)(id);
            }
            self.replace_container();
        }
        let (body, retry) = self.view(state, chunk);
        self.retry.set(retry);
        let t = s.lang;
        let widget = class("div", "gc-widget")
            .attr("lang", t.tag)
            .attr("dir", if t.rtl { "rtl" } else { "ltr" })
            .maybe(s.own_style.then(|| el("style").text(STYLE)))
            .children(body);
        let Some(container) = self.container.borrow().clone() else { return };
        // Taken out while patching: removing the focused button makes the
        // browser send `focusout` at once, and a page that destroys the
        // widget there must find nothing of it borrowed.
        let mut live = self.live.take();
        patch(&s.doc, &container, &mut live, vec![widget.into()]);
        if self.alive.get() {
            self.live.replace(live);
        }
    }

    /// An empty element in place of the current view's.
    fn replace_container(&self) -> Option<Element> {
        let old = self.container.borrow().clone();
        let new = fresh_container(&self.setup, old.as_ref());
        self.live.borrow_mut().clear();
        self.container.replace(new.clone());
        new
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

    /// A click in the widget's own views: what the button carries says
    /// what it does. The payment's views handle their own.
    fn clicked(self: &Rc<Self>, event: &web_sys::Event) {
        if self.payment.get().is_some() {
            return;
        }
        let button =
            event.target().and_then(|t| t.dyn_into::<Element>().ok()).and_then(|e| e.closest("button").ok().flatten());
        let Some(button) = button else { return };
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
            heard(&dispatcher, &reply.meta);
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

        // Focus follows the payer's step (`State::focus_target`); in the
        // payment's views, the payment moves it once they are drawn.
        if matches!(state.phase, Phase::Tracking(_)) && entry.is_some() {
            ran.focus = None;
        } else if changed(&mut ran.focus, state.focus_target()) {
            if let Some(selector) = state.focus_target() {
                dom::focus_in(&self.setup.host, &selector);
            }
        }

        let news = page_news(&mut ran, state, chunk, self.setup.lang);
        drop(ran);
        // Told in a microtask, after the payment's view has drawn the change
        // and kept the invoice (Yew's scheduler, queued by the render above,
        // runs first), as when the page's events were a Yew effect.
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
        if let Some(resumed) = news.ready {
            let project = match &state.phase {
                Phase::Choosing(c) | Phase::Creating(c) => Some(c.data.project_name.as_str()),
                Phase::Tracking(t) => Some(t.project_name.as_str()),
                _ => None,
            };
            told(&WidgetEvent::Ready { project_name: project, resumed });
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

/// What the page is to be told about one change.
#[derive(Default)]
struct News {
    /// `ready`, with whether the invoice shown was found again.
    ready: Option<bool>,
    /// The invoice's events: whether this invoice is new to the page, and
    /// whether it was found again.
    invoice: Option<(bool, bool)>,
    sent: Option<(String, String, String)>,
    failure: Option<Told>,
}

/// The `getcrypto:*` events (listed in `events`) a change makes, each once
/// per change it reports.
fn page_news(ran: &mut Ran, state: &State, chunk: &Chunk<Entry>, lang: Lang) -> News {
    let mut news = News::default();
    let resumed = match &state.phase {
        Phase::Choosing(_) | Phase::Creating(_) => Some(false),
        Phase::Tracking(t) => Some(t.resumed),
        _ => None,
    };
    if changed(&mut ran.ready, resumed.is_some()) {
        news.ready = resumed;
    }
    let tracked = match &state.phase {
        Phase::Tracking(t) => Some((t.invoice.id.clone(), t.invoice.status.clone())),
        _ => None,
    };
    if changed(&mut ran.invoice, tracked.clone()) {
        if let (Some((id, _)), Phase::Tracking(t)) = (tracked, &state.phase) {
            let first = ran.announced.as_deref() != Some(id.as_str());
            ran.announced = Some(id);
            news.invoice = Some((first, t.resumed));
        }
    }
    let sent = match &state.phase {
        Phase::Tracking(t) => match &t.wallet {
            WalletStep::Sent { name, hash } => Some((t.invoice.id.clone(), hash.clone(), name.clone())),
            _ => None,
        },
        _ => None,
    };
    if changed(&mut ran.sent, sent.clone()) {
        news.sent = sent;
    }
    // One failure at a time is what the payer sees: the API's, a wallet's,
    // or the payment's part that could not be loaded.
    let wallet = match &state.phase {
        Phase::Tracking(t) => match &t.wallet {
            WalletStep::Failed(message) => Some(message.clone()),
            _ => None,
        },
        _ => None,
    };
    let chunk_failure = match chunk {
        Chunk::Failed { reason } => Some(reason),
        _ => None,
    };
    let failure = match (state.error(), wallet, chunk_failure) {
        // Also where a kept invoice could not be read for want of the
        // chunk: the payer reads about the chunk.
        (e, None, Some(reason)) if e.is_none() || matches!(state.phase, Phase::LoadFailed(_)) => {
            Some(("payment_chunk", format!("{} {reason}", lang.payment_unavailable()), None, None))
        }
        (Some(e), _, _) => {
            let f = Failure::api(e, "");
            Some((f.code, lang.describe(e), f.status, f.retry_after))
        }
        (None, Some(message), _) => Some(("wallet", message, None, None)),
        _ => None,
    };
    if changed(&mut ran.failure, failure.clone()) {
        news.failure = failure;
    }
    news
}

/// `GET v1/widget`, and the invoice kept for this order shown again
/// instead of the choices: as it is while open, as expired once its time
/// ran out, so that a payer who comes back learns what became of it
/// before anything invites them to pay again.
async fn load(dispatcher: Dispatcher, client: Client, params: Rc<Params>) {
    let reply = client.widget(&params.query).await;
    heard(&dispatcher, &reply.meta);
    let data = match reply.result {
        Ok(data) => data,
        Err(ApiError::Aborted) => return,
        Err(e) => return dispatcher.dispatch(Action::LoadFailed(e)),
    };
    let q = &params.query;
    let resumed = match kept::kept_invoice(q) {
        None => None,
        Some(id) => {
            // Without the chunk the kept invoice can be neither read nor
            // shown, and the coins would invite a second one: the load fails,
            // the payer reads about the chunk, and trying again fetches it
            // and loads again (`Inner::view`).
            let Ok(payment) = chunk::have(&LOADER, &|| true).await else {
                return dispatcher.dispatch(Action::LoadFailed(ApiError::Offline));
            };
            let reply = payment.invoice(client.clone(), id).await;
            heard(&dispatcher, &reply.meta);
            match reply.result {
                Ok(invoice) => match payment.comeback(&invoice, q, dom::now_ms()) {
                    Comeback::Foreign => {
                        kept::forget_invoice(q);
                        None
                    }
                    seen => Some((invoice, seen)),
                },
                Err(ApiError::Aborted) => return,
                // The kept invoice could not be read just now (a 429, the
                // network, the API down, an answer that is not its JSON,
                // such as a proxy's page): the coins would invite a second
                // invoice for an order that may be paying already, so the
                // load fails and is tried again, the kept id untouched.
                Err(e) if e.is_passing() || matches!(e, ApiError::RateLimited { .. } | ApiError::Unreadable) => {
                    return dispatcher.dispatch(Action::LoadFailed(e));
                }
                Err(_) => {
                    kept::forget_invoice(q);
                    None
                }
            }
        }
    };
    dispatcher.dispatch(Action::Loaded(data));
    if let Some((invoice, seen)) = resumed {
        dispatcher.dispatch(Action::Resumed(invoice));
        if seen == Comeback::Expired {
            // Its time ran out while the API may still say `pending`.
            dispatcher.dispatch(Action::TimeUp);
        }
    }
}

/// `POST v1/invoices` through the chunk, which checks the body by the
/// API's own rules first.
fn create(
    entry: Entry,
    dispatcher: Dispatcher,
    client: &Client,
    params: &Rc<Params>,
    coin: String,
    network: String,
) -> impl std::future::Future<Output = ()> {
    let asking = entry.create(client.clone(), params.clone(), coin, network);
    async move {
        let reply = asking.await;
        heard(&dispatcher, &reply.meta);
        match reply.result {
            Ok(invoice) => dispatcher.dispatch(Action::Created(invoice)),
            Err(ApiError::Aborted) => {}
            Err(e) => dispatcher.dispatch(Action::CreateFailed(e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use getcrypto_api::{OrderedMap, WidgetData};

    fn choosing() -> State {
        let data = WidgetData {
            project_name: "Shop".into(),
            success_url: None,
            fail_url: None,
            methods: OrderedMap::default(),
            amounts: OrderedMap::default(),
        };
        State::default().next(Action::Loaded(data))
    }

    #[test]
    fn an_effect_runs_again_only_for_a_new_value() {
        let mut slot = None;
        assert!(changed(&mut slot, 1));
        assert!(!changed(&mut slot, 1));
        assert!(changed(&mut slot, 2));
    }

    #[test]
    fn ready_is_told_once_as_the_coins_show() {
        let mut ran = Ran::default();
        let lang = Lang::default();
        assert_eq!(page_news(&mut ran, &State::default(), &Chunk::Idle, lang).ready, None);
        let shown = choosing();
        assert_eq!(page_news(&mut ran, &shown, &Chunk::Idle, lang).ready, Some(false));
        assert_eq!(
            page_news(&mut ran, &shown.next(Action::ChooseCoin("usdt".into())), &Chunk::Loading, lang).ready,
            None
        );
    }

    #[test]
    fn a_failure_is_told_once_and_the_chunk_s_by_its_own_code() {
        let mut ran = Ran::default();
        let lang = Lang::default();
        let failed = State::default().next(Action::LoadFailed(ApiError::Offline));
        let first = page_news(&mut ran, &failed, &Chunk::Idle, lang).failure.expect("told");
        assert_eq!((first.0, first.1), (ApiError::Offline.code(), lang.describe(&ApiError::Offline)));
        assert!(page_news(&mut ran, &failed, &Chunk::Idle, lang).failure.is_none(), "told once");
        let chunk = Chunk::Failed { reason: "the chunk did not arrive".into() };
        let told = page_news(&mut ran, &choosing(), &chunk, lang).failure.expect("told");
        assert_eq!(told.0, "payment_chunk");
        assert!(told.1.ends_with("the chunk did not arrive"), "{}", told.1);
    }
}
