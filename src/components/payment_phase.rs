//! The payment phase: an invoice followed to its end, its browser wallets
//! and its views. In the shipped build all of it is reached only through
//! the split point below, so the splitter puts it in the payment chunk, and
//! [`LOADER`] is how the runtime has it.

use super::tracking::{tracking, TrackingArgs};
use crate::chunk::{Asking, Claiming, Fetching, Invoices, Loader};
use crate::error::ApiError;
use crate::hooks::{use_focus, use_follow, use_keep_invoice, use_wallets};
use crate::http::{Client, Meta, Reply};
use crate::params::Params;
use crate::pay::Payment;
use crate::state::{Action, Comeback, Phase};
use crate::store::Store;
use crate::style::{self, PAYMENT_STYLE, STYLE};
use getcrypto_api::{Invoice, WidgetQuery};
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::Element;
use yew::prelude::*;
use yew::AppHandle;

/// Props of [`PaymentPhase`]: what the runtime hands the payment's view
/// with each state.
#[derive(Properties, PartialEq)]
pub struct PaymentProps {
    pub store: Store,
    pub client: Client,
    pub params: Rc<Params>,
    /// The widget renders its stylesheet as a `<style>`: so does this.
    pub own_style: bool,
    /// The texts the payer reads.
    pub lang: crate::i18n::Lang,
    /// The mount element, in whose widget focus moves.
    pub host: Element,
}

/// What the chunk hands back: the payment phase's view, mounted in an
/// element, given each new state and removed, by an id; and the requests
/// whose answers only it reads ([`Invoices`]), so that main calls into the
/// chunk through these pointers alone.
#[derive(Clone, Copy)]
pub struct Entry {
    pub mount: fn(Element, PaymentProps) -> u32,
    pub update: fn(u32, PaymentProps),
    pub unmount: fn(u32),
    create: fn(Client, Rc<Params>, String, String) -> Asking,
    invoice: fn(Client, String) -> Asking,
    comeback: fn(&Invoice, &WidgetQuery, f64) -> Comeback,
    claim_end: fn(String) -> Claiming,
}

const ENTRY: Entry = Entry { mount, update, unmount, create, invoice, comeback: crate::state::comeback, claim_end };

thread_local! {
    /// The payment views mounted, by id: one per widget showing a payment.
    static VIEWS: RefCell<Vec<(u32, AppHandle<PaymentPhase>)>> = const { RefCell::new(Vec::new()) };
    static NEXT_VIEW: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

fn mount(element: Element, props: PaymentProps) -> u32 {
    let id = NEXT_VIEW.with(|n| n.replace(n.get() + 1));
    let app = yew::Renderer::<PaymentPhase>::with_root_and_props(element, props).render();
    VIEWS.with(|v| v.borrow_mut().push((id, app)));
    id
}

fn update(id: u32, props: PaymentProps) {
    VIEWS.with(|v| {
        if let Some((_, app)) = v.borrow_mut().iter_mut().find(|(i, _)| *i == id) {
            app.update(props);
        }
    });
}

fn unmount(id: u32) {
    let app = VIEWS.with(|v| {
        let mut v = v.borrow_mut();
        v.iter().position(|(i, _)| *i == id).map(|i| v.remove(i).1)
    });
    // Queued behind the mount's own first render, which Yew's scheduler
    // runs in a microtask: destroyed before it, the view would be created
    // after its destruction and never removed (a page that destroys the
    // widget on the event an invoice's first view sends).
    if let Some(app) = app {
        yew::platform::spawn_local(async move { app.destroy() });
    }
}

impl Invoices for Entry {
    fn create(&self, client: Client, params: Rc<Params>, coin: String, network: String) -> Asking {
        (self.create)(client, params, coin, network)
    }

    fn invoice(&self, client: Client, id: String) -> Asking {
        (self.invoice)(client, id)
    }

    fn comeback(&self, invoice: &Invoice, query: &WidgetQuery, now_ms: f64) -> Comeback {
        (self.comeback)(invoice, query, now_ms)
    }

    fn claim_end(&self, invoice_id: String) -> Claiming {
        (self.claim_end)(invoice_id)
    }
}

/// How the runtime has the payment phase (`runtime::Inner::start_chunk`).
pub const LOADER: Loader<Entry> = Loader { fetched, fetch };

#[cfg(not(feature = "split"))]
fn fetched() -> Option<Entry> {
    Some(ENTRY)
}

#[cfg(not(feature = "split"))]
fn fetch() -> Fetching<Entry> {
    Box::pin(std::future::ready(Ok(ENTRY)))
}

#[cfg(feature = "split")]
thread_local! {
    static FETCHED: std::cell::Cell<Option<Entry>> = const { std::cell::Cell::new(None) };
}

#[cfg(feature = "split")]
fn fetched() -> Option<Entry> {
    FETCHED.with(std::cell::Cell::get)
}

/// Fetches the chunk once (the loader keeps what it fetched; a failure is
/// not kept, so the next call tries again).
#[cfg(feature = "split")]
fn fetch() -> Fetching<Entry> {
    Box::pin(async {
        match split::entry().await {
            Ok(entry) => {
                FETCHED.with(|f| f.set(Some(entry)));
                Ok(entry)
            }
            Err(_) => Err(split::failure().unwrap_or_default()),
        }
    })
}

#[cfg(feature = "split")]
mod split {
    use super::Entry;
    use wasm_bindgen::prelude::wasm_bindgen;
    use wasm_split_helpers::{wasm_split, SplitLoaderError};

    // The split point: everything only this function reaches goes into the
    // chunk. It hands back the entry's pointers, through which alone main
    // calls into the chunk.
    #[wasm_split(payment, fallible)]
    pub fn entry() -> Result<Entry, SplitLoaderError> {
        super::prepare();
        super::warm();
        Ok(super::ENTRY)
    }

    // The build's loader (www/split.js), bundled beside wasm-bindgen's glue
    // under the name the splitter gives the loader's module.
    #[wasm_bindgen(raw_module = "./__wasm_split.js")]
    extern "C" {
        /// Why the last fetch of the chunk failed, in words.
        #[wasm_bindgen(js_name = chunkFailure)]
        pub fn failure() -> Option<String>;
    }
}

fn create(client: Client, params: Rc<Params>, coin: String, network: String) -> Asking {
    Box::pin(async move {
        match getcrypto_api::CreateInvoice::new(&params.query, &coin, &network, params.custom_fields.clone()) {
            Err(e) => Reply { result: Err(ApiError::Invalid(e.summary())), meta: Meta::default() },
            Ok(body) => client.create_invoice(&body).await,
        }
    })
}

fn invoice(client: Client, id: String) -> Asking {
    Box::pin(async move { client.invoice(&id).await })
}

fn claim_end(invoice_id: String) -> Claiming {
    Box::pin(crate::kept::claim_end(invoice_id))
}

/// Readies what the first payment view needs before Pay is pressed: its
/// rules join the shared stylesheet as the chunk arrives, while the payer
/// still chooses, so that the view's first render does not parse them.
/// `false` where there is no shared sheet to join.
pub fn prepare() -> bool {
    style::share(PAYMENT_STYLE)
}

/// Yew's own code (its scheduler, its elements, attributes and listeners)
/// first runs in the chunk, where the browser compiles each function as it
/// is first called: run once off the page as the chunk arrives, while the
/// payer still chooses, so that Pay's first payment view does not wait for
/// it.
#[cfg(feature = "split")]
fn warm() {
    let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.create_element("div").ok()) else {
        return;
    };
    // One of the payment's own components, so that the warming adds no
    // component of its own to the chunk.
    let props = super::copy_button::CopyButtonProps {
        value: AttrValue::default(),
        label: AttrValue::default(),
        aria_label: AttrValue::default(),
        done: AttrValue::default(),
        failed: AttrValue::default(),
    };
    let app = yew::Renderer::<super::copy_button::CopyButton>::with_root_and_props(root, props).render();
    // Queued after the render the line above queued: it has drawn by then.
    yew::platform::spawn_local(async move { app.destroy() });
}

/// Follows the invoice and shows it, in the widget's frame.
#[component]
fn PaymentPhase(props: &PaymentProps) -> Html {
    // Already done when the chunk arrived (`prepare`); else before the first
    // render of a payment view, so that it is never seen without its rules.
    let own_style = props.own_style || !prepare();
    let state = &props.store;
    let lang = props.lang;
    use_focus(state, &props.host);
    use_follow(state, &props.client);
    use_keep_invoice(state, &props.params);
    let invoice = match &state.phase {
        Phase::Tracking(tr) => Some(tr.invoice.clone()),
        _ => None,
    };
    // Worked out once for each invoice the API sends, not on each render.
    let payment = use_memo(invoice, |invoice| invoice.as_ref().map(|i| Rc::new(Payment::new((**i).clone()))));
    let route = (*payment).as_ref().and_then(|p| p.route.clone());
    let wallets = use_wallets(state, route, lang);
    let dispatch = {
        let dispatcher = state.dispatcher();
        use_callback((), move |action: Action, _| dispatcher.dispatch(action))
    };
    let view = match (&state.phase, &*payment) {
        (Phase::Tracking(tr), Some(payment)) => tracking(&TrackingArgs {
            tracking: tr,
            payment: payment.clone(),
            query: &props.params.query,
            t: lang,
            clock_offset_ms: state.clock_offset_ms,
            dispatch: &dispatch,
            wallets,
            after_paid: props.params.after_paid,
        }),
        _ => Html::default(),
    };
    html! {
        <div class="gc-widget" lang={lang.tag} dir={if lang.rtl { "rtl" } else { "ltr" }}>
            if props.own_style {
                <style>{ STYLE }</style>
            }
            if own_style {
                <style>{ PAYMENT_STYLE }</style>
            }
            { view }
        </div>
    }
}
