//! The invoice kept for its order: the open invoice of an order is kept for every
//! tab of the site (`localStorage`, or the tab's memory where that throws),
//! so that a reload, a second tab or a tab closed and opened again shows the
//! same invoice instead of making another. An expired invoice stays kept
//! until a new one replaces it: a payer who comes back is shown what became
//! of it (a late or partial payment) instead of a fresh choice of coins.
//! A tab that sees the invoice move tells the others through the `storage`
//! event, and they show it at once.

use super::heard;
use crate::chunk::{self, Invoices, Loader};
use crate::dom::{self, Listener};
use crate::http::Client;
use crate::kept;
use crate::params::Params;
use crate::state::{Action, Comeback, Phase, State};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::platform::spawn_local;
use yew::prelude::*;

/// Keeps or forgets the invoice as its status changes: the payment phase's
/// (an invoice is only ever followed with its chunk here).
#[hook]
pub fn use_keep_invoice(state: &UseReducerHandle<State>, params: &Rc<Params>) {
    let params = params.clone();
    let kept = match &state.phase {
        Phase::Tracking(t) => Some((t.invoice.id.clone(), t.invoice.status.clone())),
        _ => None,
    };
    use_effect_with(kept, move |kept| {
        if let Some((id, status)) = kept {
            kept::keep_invoice(&params.query, id, status.as_str());
        }
    });
}

/// Follows what other tabs keep for the same order: the invoice another
/// tab made is read with the payment chunk (`payment`).
#[hook]
pub fn use_kept_invoice<R: Invoices + 'static>(
    state: &UseReducerHandle<State>,
    client: &Client,
    params: &Rc<Params>,
    payment: &'static Loader<R>,
) {
    let (dispatcher, client, params) = (state.dispatcher(), client.clone(), params.clone());
    use_effect_with((), move |_| {
        let key = kept::invoice_key(&params.query);
        let on_storage = move |event: web_sys::Event| {
            let event: &web_sys::StorageEvent = event.unchecked_ref();
            let id = match (event.key(), event.new_value()) {
                (Some(k), Some(record)) if k == key => kept::kept_id(&record).map(str::to_owned),
                _ => None,
            };
            let Some(id) = id else { return };
            let (dispatcher, client, params) = (dispatcher.clone(), client.clone(), params.clone());
            spawn_local(async move {
                let Ok(payment) = chunk::have(payment, &|| true).await else { return };
                let reply = payment.invoice(client, id).await;
                heard(&dispatcher, &reply.meta);
                if let Ok(invoice) = reply.result {
                    if payment.comeback(&invoice, &params.query, dom::now_ms()) == Comeback::Open {
                        // Whichever applies: the choices give way to the
                        // invoice another tab made, or the same invoice moves.
                        dispatcher.dispatch(Action::Resumed(invoice.clone()));
                        dispatcher.dispatch(Action::Polled(invoice));
                    }
                }
            });
        };
        let listener = web_sys::window().map(|w| Listener::new(&w, "storage", on_storage));
        move || drop(listener)
    });
}
