//! Loading the coins: `GET v1/widget` on mount and on each retry, asked
//! again by itself after a 429's wait, and the invoice kept for this order
//! shown again instead of the choices while it is still open.

use super::{heard, use_retry_after};
use crate::dom;
use crate::error::ApiError;
use crate::http::Client;
use crate::params::Params;
use crate::state::{resumable, Action, State};
use std::rc::Rc;
use yew::platform::spawn_local;
use yew::prelude::*;

/// Loads on mount and whenever the state asks for another attempt.
#[hook]
pub fn use_load(state: &UseReducerHandle<State>, client: &Client, params: &Rc<Params>) {
    {
        let (dispatcher, client, params) = (state.dispatcher(), client.clone(), params.clone());
        use_effect_with(state.attempt, move |_| spawn_local(load(dispatcher, client, params)));
    }
    let dispatcher = state.dispatcher();
    use_retry_after(state.load_wait(), move || dispatcher.dispatch(Action::Reload));
}

async fn load(dispatcher: UseReducerDispatcher<State>, client: Client, params: Rc<Params>) {
    let reply = client.widget(&params.query).await;
    heard(&dispatcher, &reply.meta);
    let data = match reply.result {
        Ok(data) => data,
        Err(ApiError::Aborted) => return,
        Err(e) => return dispatcher.dispatch(Action::LoadFailed(e)),
    };
    let q = &params.query;
    let resumed = match dom::kept_invoice(q) {
        None => None,
        Some(id) => {
            let reply = client.invoice(&id).await;
            heard(&dispatcher, &reply.meta);
            match reply.result {
                Ok(invoice) if resumable(&invoice, q, dom::now_ms()) => Some(invoice),
                Err(ApiError::Aborted) => return,
                Err(e) if e.is_passing() => None,
                _ => {
                    dom::forget_invoice(q);
                    None
                }
            }
        }
    };
    dispatcher.dispatch(Action::Loaded(data));
    if let Some(invoice) = resumed {
        dispatcher.dispatch(Action::Resumed(invoice));
    }
}
