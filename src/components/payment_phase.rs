//! The payment phase: an invoice followed to its end, its browser wallets
//! and its views. In the shipped build all of it is reached only through
//! the split point below, so the splitter puts it in the payment chunk, and
//! [`LOADER`] is how the app has it.

use super::tracking::{tracking, TrackingArgs};
use crate::chunk::{Asking, Claiming, Fetching, Invoices, Loader};
use crate::error::ApiError;
use crate::hooks::{use_follow, use_keep_invoice, use_wallets};
use crate::http::{Client, Meta, Reply};
use crate::params::Params;
use crate::pay::Payment;
use crate::state::{Action, Comeback, Phase, State};
use crate::style::{self, PAYMENT_STYLE};
use getcrypto_api::{Invoice, WidgetQuery};
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`PaymentPhase`].
#[derive(Properties, PartialEq)]
pub struct PaymentPhaseProps {
    pub state: UseReducerHandle<State>,
    pub client: Client,
    pub params: Rc<Params>,
    /// The widget renders its stylesheet as a `<style>`: so does this.
    pub own_style: bool,
    /// The texts the payer reads.
    pub lang: crate::i18n::Lang,
}

/// What the chunk hands back: the payment phase's view, and the requests
/// whose answers only it reads ([`Invoices`]), so that main calls into
/// the chunk through these pointers alone.
#[derive(Clone, Copy)]
pub struct Entry {
    pub render: fn(PaymentPhaseProps) -> Html,
    create: fn(Client, Rc<Params>, String, String) -> Asking,
    invoice: fn(Client, String) -> Asking,
    comeback: fn(&Invoice, &WidgetQuery, f64) -> Comeback,
    claim_end: fn(String) -> Claiming,
}

const ENTRY: Entry = Entry { render, create, invoice, comeback: crate::state::comeback, claim_end };

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

/// How the app has the payment phase (`hooks::use_payment_chunk`).
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

/// The view the chunk hands back.
fn render(props: PaymentPhaseProps) -> Html {
    html! { <PaymentPhase ..props /> }
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

/// Follows the invoice and shows it.
#[component]
fn PaymentPhase(props: &PaymentPhaseProps) -> Html {
    // Already done when the chunk arrived (`prepare`); else before the first
    // render of a payment view, so that it is never seen without its rules.
    let own_style = props.own_style || !prepare();
    let state = &props.state;
    let lang = props.lang;
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
        let state = state.clone();
        use_callback((), move |action: Action, _| state.dispatch(action))
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
        <>
            if own_style {
                <style>{ PAYMENT_STYLE }</style>
            }
            { view }
        </>
    }
}
