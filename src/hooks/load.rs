//! Loading the coins: `GET v1/widget` on mount and on each retry, asked
//! again by itself after a 429's wait, and the invoice kept for this order
//! shown again instead of the choices: as it is while open, as expired once
//! its time ran out, so that a payer who comes back learns what became of
//! it before anything invites them to pay again.

use super::{heard, use_retry_after};
use crate::chunk::{self, Invoices, Loader};
use crate::error::ApiError;
use crate::http::Client;
use crate::params::Params;
use crate::state::{Action, Comeback, Phase, State};
use crate::{dom, kept};
use std::rc::Rc;
use yew::platform::spawn_local;
use yew::prelude::*;

/// Loads on mount and whenever the state asks for another attempt; a kept
/// invoice is read with the payment chunk (`payment`), which shows it.
#[hook]
pub fn use_load<R: Invoices + 'static>(
    state: &UseReducerHandle<State>,
    client: &Client,
    params: &Rc<Params>,
    payment: &'static Loader<R>,
) {
    {
        let (dispatcher, client, params) = (state.dispatcher(), client.clone(), params.clone());
        // Coins already in hand at mount need no load (they are taken only
        // when no invoice is kept for the order); a retry always loads.
        let loading = matches!(state.phase, Phase::Loading);
        use_effect_with(state.attempt, move |_| {
            if loading {
                spawn_local(load(dispatcher, client, params, payment));
            }
        });
    }
    let dispatcher = state.dispatcher();
    use_retry_after(state.load_wait(), move || dispatcher.dispatch(Action::Reload));
}

async fn load<R: Invoices>(
    dispatcher: UseReducerDispatcher<State>,
    client: Client,
    params: Rc<Params>,
    payment: &'static Loader<R>,
) {
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
            // and loads again (`components::app`).
            let Ok(payment) = chunk::have(payment, &|| true).await else {
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
