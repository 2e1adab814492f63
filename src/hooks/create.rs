//! Creating the invoice: `POST v1/invoices` once each time the state enters
//! `Creating` and the payment chunk that shows the invoice is here (it also
//! holds the request: `chunk::Invoices`), with the body checked by the
//! API's own rules first, and confirmed again by itself once a 429's wait
//! has passed.

use super::{heard, use_retry_after};
use crate::chunk::Invoices;
use crate::error::ApiError;
use crate::http::Client;
use crate::params::Params;
use crate::state::{Action, Phase, State};
use std::rc::Rc;
use yew::platform::spawn_local;
use yew::prelude::*;

/// Sends the create request when the payer's confirm reaches the state and
/// `chunk` is here: until then the payer sees the invoice being made.
#[hook]
pub fn use_create<R: Invoices + Clone + 'static>(
    state: &UseReducerHandle<State>,
    client: &Client,
    params: &Rc<Params>,
    chunk: Option<R>,
) {
    let creating = match &state.phase {
        Phase::Creating(c) => Some((c.coin.clone().unwrap_or_default(), c.network.clone().unwrap_or_default())),
        _ => None,
    };
    {
        let (dispatcher, client, params) = (state.dispatcher(), client.clone(), params.clone());
        let here = chunk.is_some();
        use_effect_with((creating, here), move |(creating, _)| {
            let (Some((coin, network)), Some(chunk)) = (creating.clone(), chunk) else { return };
            spawn_local(async move {
                let reply = chunk.create(client, params, coin, network).await;
                heard(&dispatcher, &reply.meta);
                match reply.result {
                    Ok(invoice) => dispatcher.dispatch(Action::Created(invoice)),
                    Err(ApiError::Aborted) => {}
                    Err(e) => dispatcher.dispatch(Action::CreateFailed(e)),
                }
            });
        });
    }
    let dispatcher = state.dispatcher();
    use_retry_after(state.create_wait(), move || dispatcher.dispatch(Action::Confirm));
}
