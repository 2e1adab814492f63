//! The payment phase: an invoice followed to its end, its browser wallets
//! and its views. In the shipped build all of it is reached only through
//! `chunk::fetch`, so the splitter puts it in the payment chunk.

use super::tracking::{tracking, TrackingArgs};
use super::PAYMENT_STYLE;
use crate::hooks::{use_follow, use_wallets};
use crate::http::Client;
use crate::params::Params;
use crate::pay::Payment;
use crate::state::{Action, Phase, State};
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
}

/// Renders the payment phase: the chunk's one entry point.
pub type Render = fn(PaymentPhaseProps) -> Html;

/// The [`Render`] the chunk hands back.
pub fn render(props: PaymentPhaseProps) -> Html {
    html! { <PaymentPhase ..props /> }
}

/// Readies what the first payment view needs before Pay is pressed: its
/// rules join the shared stylesheet as the chunk arrives, while the payer
/// still chooses, so that the view's first render does not parse them.
pub fn prepare() {
    crate::boundary::share_style(PAYMENT_STYLE);
}

/// Follows the invoice and shows it.
#[component]
fn PaymentPhase(props: &PaymentPhaseProps) -> Html {
    // Already done when the chunk arrived (`prepare`); else before the first
    // render of a payment view, so that it is never seen without its rules.
    let own_style = props.own_style || !crate::boundary::share_style(PAYMENT_STYLE);
    let state = &props.state;
    let lang = props.params.language();
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
            language: lang,
            clock_offset_ms: state.clock_offset_ms,
            dispatch: &dispatch,
            wallets,
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
