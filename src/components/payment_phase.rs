//! The payment phase: an invoice followed to its end, its browser wallets
//! and its views. In the shipped build all of it is reached only through
//! the split point below, so the splitter puts it in the payment chunk, and
//! [`LOADER`] is how the app has it.

use super::tracking::{tracking, TrackingArgs};
use crate::chunk::{Fetching, Loader};
use crate::hooks::{use_follow, use_wallets};
use crate::http::Client;
use crate::params::Params;
use crate::pay::Payment;
use crate::state::{Action, Phase, State};
use crate::style::{self, PAYMENT_STYLE};
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

/// Renders the payment phase: the chunk's one entry point.
pub type Render = fn(PaymentPhaseProps) -> Html;

/// How the app has the payment phase (`hooks::use_payment_chunk`).
pub const LOADER: Loader<Render> = Loader { fetched, fetch };

#[cfg(not(feature = "split"))]
fn fetched() -> Option<Render> {
    Some(render)
}

#[cfg(not(feature = "split"))]
fn fetch() -> Fetching<Render> {
    Box::pin(std::future::ready(Ok(render as Render)))
}

#[cfg(feature = "split")]
thread_local! {
    static FETCHED: std::cell::Cell<Option<Render>> = const { std::cell::Cell::new(None) };
}

#[cfg(feature = "split")]
fn fetched() -> Option<Render> {
    FETCHED.with(std::cell::Cell::get)
}

/// Fetches the chunk once (the loader keeps what it fetched; a failure is
/// not kept, so the next call tries again).
#[cfg(feature = "split")]
fn fetch() -> Fetching<Render> {
    Box::pin(async {
        match split::entry().await {
            Ok(render) => {
                FETCHED.with(|f| f.set(Some(render)));
                Ok(render)
            }
            Err(_) => Err(split::failure().unwrap_or_default()),
        }
    })
}

#[cfg(feature = "split")]
mod split {
    use super::Render;
    use wasm_bindgen::prelude::wasm_bindgen;
    use wasm_split_helpers::{wasm_split, SplitLoaderError};

    // The split point: everything only this function reaches goes into the
    // chunk. It hands back the render function, so that main calls into the
    // chunk through one pointer.
    #[wasm_split(payment, fallible)]
    pub fn entry() -> Result<Render, SplitLoaderError> {
        super::prepare();
        Ok(super::render)
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

/// The [`Render`] the chunk hands back.
pub fn render(props: PaymentPhaseProps) -> Html {
    html! { <PaymentPhase ..props /> }
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
