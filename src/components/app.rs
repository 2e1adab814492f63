//! The widget's root: composes the hooks that run it (`crate::hooks`) and
//! picks the view for where the payer is.

use super::choosing::{choosing, ChoosingArgs};
use super::error_box::{error_box, ErrorBoxArgs};
use super::payment_phase::{PaymentPhaseProps, LOADER};
use super::preparing::{preparing, PreparingArgs};
use super::skeleton::{skeleton, SkeletonArgs};
use crate::chunk::{self, Chunk};
use crate::hooks::{use_create, use_focus, use_kept_invoice, use_load, use_page_events, use_payment_chunk};
use crate::http::Client;
use crate::i18n::Lang;
use crate::params::Params;
use crate::state::{Action, Phase, State};
use crate::style::STYLE;
use getcrypto_api::WidgetData;
use std::rc::Rc;
use web_sys::Element;
use yew::prelude::*;

/// Props of [`App`].
#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// The texts the payer reads.
    pub lang: Lang,
    pub params: Rc<Params>,
    pub client: Client,
    /// The mount element, where events are dispatched.
    pub host: Element,
    /// Render the stylesheet as a `<style>`: the browser could not share one.
    pub own_style: bool,
    /// The coins already in hand at mount, with the server clock's offset:
    /// then the first render is the choices, not the skeleton.
    pub coins: Option<(Rc<WidgetData>, f64)>,
    /// An invoice is kept for this order: it will be shown again, so the
    /// payment chunk is wanted at once.
    pub resuming: bool,
}

/// The widget.
#[component]
pub fn App(props: &AppProps) -> Html {
    let state = {
        let coins = props.coins.clone();
        use_reducer(move || State::first(coins))
    };
    let (t, query) = (props.lang, &props.params.query);
    use_load(&state, &props.client, &props.params, &LOADER);
    use_kept_invoice(&state, &props.client, &props.params, &LOADER);
    let coins_shown = matches!(state.phase, Phase::Choosing(_) | Phase::Creating(_) | Phase::Tracking(_));
    let (payment_chunk, fetch_again) = use_payment_chunk(chunk::wanted(coins_shown, props.resuming), &LOADER);
    let ready = match &payment_chunk {
        Chunk::Ready(entry) => Some(*entry),
        _ => None,
    };
    use_create(&state, &props.client, &props.params, ready);
    // The payment view appears when its chunk does: focus waits for it.
    use_focus(&state, &props.host, matches!(payment_chunk, Chunk::Ready(_)));
    let chunk_failure = match &payment_chunk {
        Chunk::Failed { reason } => Some(reason.to_string()),
        _ => None,
    };
    use_page_events(&state, &props.host, t, chunk_failure.clone(), &LOADER);

    let dispatch = {
        let state = state.clone();
        Callback::from(move |action: Action| state.dispatch(action))
    };
    // The payment's chunk could not be had: the payer may ask for it again
    // (and, with `reload`, load again once it is here). `body` says whether
    // an invoice is made (and kept) already.
    let unavailable = |reason: &str, body: &'static str, reload: bool| {
        let (fetch_again, dispatch) = (fetch_again.clone(), dispatch.clone());
        let retry = Callback::from(move |_: MouseEvent| {
            fetch_again.emit(());
            if reload {
                dispatch.emit(Action::Reload);
            }
        });
        error_box(&ErrorBoxArgs {
            title: Some(t.payment_unavailable().into()),
            message: body.into(),
            detail: Some(AttrValue::from(reason.to_owned())),
            retry: Some((AttrValue::from(t.retry()), retry)),
        })
    };
    let body = match (&state.phase, chunk_failure.as_deref()) {
        // The order's invoice is read with the payment's chunk, and shown.
        (Phase::Loading, _) if props.resuming => preparing(&PreparingArgs { state: &state, query, t }),
        (Phase::Loading, _) => skeleton(&SkeletonArgs { label: t.loading().into() }),
        // The order's kept invoice could not be read without the chunk.
        (Phase::LoadFailed(_), Some(reason)) => unavailable(reason, t.payment_unavailable_body(), true),
        (Phase::LoadFailed(e), None) => error_box(&ErrorBoxArgs {
            title: Some(t.load_failed().into()),
            message: t.describe(e).into(),
            detail: None,
            retry: e
                .retry_by_hand()
                .then(|| (AttrValue::from(t.retry()), dispatch.reform(|_: MouseEvent| Action::Reload))),
        }),
        // No invoice is made before the chunk that shows it is here.
        (Phase::Creating(_), Some(reason)) => unavailable(reason, t.offline(), false),
        (Phase::Choosing(choice) | Phase::Creating(choice), _) => choosing(&ChoosingArgs {
            choice,
            creating: matches!(state.phase, Phase::Creating(_)),
            waiting: state.create_wait().is_some(),
            query,
            t,
            dispatch: &dispatch,
        }),
        (Phase::Tracking(_), _) => {
            let props = PaymentPhaseProps {
                state: state.clone(),
                client: props.client.clone(),
                params: props.params.clone(),
                own_style: props.own_style,
                lang: t,
            };
            match &payment_chunk {
                Chunk::Ready(entry) => (entry.render)(props),
                Chunk::Failed { reason } => unavailable(reason, t.payment_unavailable_body(), false),
                Chunk::Idle | Chunk::Loading => preparing(&PreparingArgs { state: &state, query, t }),
            }
        }
    };
    html! {
        <div class="gc-widget" lang={t.tag} dir={if t.rtl { "rtl" } else { "ltr" }}>
            if props.own_style {
                <style>{ STYLE }</style>
            }
            { body }
        </div>
    }
}
