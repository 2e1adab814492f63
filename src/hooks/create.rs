//! Creating the invoice: `POST v1/invoices` once each time the state enters
//! `Creating`, with the body checked by the API's own rules first, and
//! confirmed again by itself once a 429's wait has passed.

use super::{heard, use_retry_after};
use crate::error::ApiError;
use crate::http::Client;
use crate::params::Params;
use crate::state::{Action, Phase, State};
use getcrypto_api::CreateInvoice;
use std::rc::Rc;
use yew::platform::spawn_local;
use yew::prelude::*;

/// Sends the create request when the payer's confirm reaches the state.
#[hook]
pub fn use_create(state: &UseReducerHandle<State>, client: &Client, params: &Rc<Params>) {
    let creating = match &state.phase {
        Phase::Creating(c) => Some((c.coin.clone().unwrap_or_default(), c.network.clone().unwrap_or_default())),
        _ => None,
    };
    {
        let (dispatcher, client, params) = (state.dispatcher(), client.clone(), params.clone());
        use_effect_with(creating, move |creating| {
            let Some((coin, network)) = creating else { return };
            match CreateInvoice::new(&params.query, coin, network, params.custom_fields.clone()) {
                Err(e) => dispatcher.dispatch(Action::CreateFailed(ApiError::Invalid(e.summary()))),
                Ok(body) => spawn_local(async move {
                    let reply = client.create_invoice(&body).await;
                    heard(&dispatcher, &reply.meta);
                    match reply.result {
                        Ok(invoice) => dispatcher.dispatch(Action::Created(invoice)),
                        Err(ApiError::Aborted) => {}
                        Err(e) => dispatcher.dispatch(Action::CreateFailed(e)),
                    }
                }),
            }
        });
    }
    let dispatcher = state.dispatcher();
    use_retry_after(state.create_wait(), move || dispatcher.dispatch(Action::Confirm));
}
