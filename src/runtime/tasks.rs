//! The requests the runtime starts: the coins (with the order's kept
//! invoice shown again instead of them) and the invoice, each telling the
//! state what its answer said.

use super::LOADER;
use crate::chunk::{self, Invoices};
use crate::dom;
use crate::error::ApiError;
use crate::http::Client;
use crate::kept;
use crate::params::Params;
use crate::paying::Entry;
use crate::state::{Action, Comeback};
use crate::store::Dispatcher;
use std::rc::Rc;

/// `GET v1/widget`, and the invoice kept for this order shown again
/// instead of the choices: as it is while open, as expired once its time
/// ran out, so that a payer who comes back learns what became of it
/// before anything invites them to pay again.
pub async fn load(dispatcher: Dispatcher, client: Client, params: Rc<Params>) {
    let reply = client.widget(&params.query).await;
    dispatcher.heard(&reply.meta);
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
            // and loads again (`Inner::view`).
            let Ok(payment) = chunk::have(&LOADER, &|| true).await else {
                return dispatcher.dispatch(Action::LoadFailed(ApiError::Offline));
            };
            let reply = payment.invoice(client.clone(), id).await;
            dispatcher.heard(&reply.meta);
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

/// `POST v1/invoices` through the chunk, which checks the body by the
/// API's own rules first.
pub fn create(
    entry: Entry,
    dispatcher: Dispatcher,
    client: &Client,
    params: &Rc<Params>,
    coin: String,
    network: String,
) -> impl std::future::Future<Output = ()> {
    let asking = entry.create(client.clone(), params.clone(), coin, network);
    async move {
        let reply = asking.await;
        dispatcher.heard(&reply.meta);
        match reply.result {
            Ok(invoice) => dispatcher.dispatch(Action::Created(invoice)),
            Err(ApiError::Aborted) => {}
            Err(e) => dispatcher.dispatch(Action::CreateFailed(e)),
        }
    }
}
