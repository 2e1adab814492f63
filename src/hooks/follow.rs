//! Following the invoice: its status checked through `v1/invoices/{id}`
//! until it is final, at the pace `poll` sets; when and why it stops is
//! `poll::outcome`.

use crate::http::Client;
use crate::poll;
use crate::state::Action;
use crate::store::Store;
use yew::prelude::*;

/// Polls while the state has an invoice whose status is not final.
#[hook]
pub fn use_follow(state: &Store, client: &Client) {
    let (dispatcher, client) = (state.dispatcher(), client.clone());
    use_effect_with(state.followed(), move |id| {
        let poller = id.clone().map(|id| {
            poll::follow(client, id, move |reply| {
                dispatcher.heard(&reply.meta);
                dispatcher.dispatch(match reply.result {
                    Ok(invoice) => Action::Polled(invoice),
                    Err(e) => Action::PollFailed(e),
                });
            })
        });
        move || drop(poller)
    });
}
