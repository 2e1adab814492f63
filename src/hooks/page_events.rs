//! Telling the page: the `getcrypto:*` events (listed in `events`) on the
//! mount element, each once per change it reports.

use crate::chunk::{Invoices, Loader};
use crate::dom::emit;
use crate::events::{end_news, invoice_events, Failure, Seen, WidgetEvent};
use crate::i18n::Lang;
use crate::state::{Phase, State, WalletStep};
use web_sys::Element;
use yew::prelude::*;

/// Emits `ready`, the invoice's events and `error` as the state changes.
/// `chunk_failure`: why the payment's part could not be loaded, once every
/// attempt has failed. `paid` and `expired` are claimed through the chunk
/// (which every tracked invoice has).
#[hook]
pub fn use_page_events<R: Invoices + 'static>(
    state: &UseReducerHandle<State>,
    host: &Element,
    lang: Lang,
    chunk_failure: Option<String>,
    loader: &Loader<R>,
) {
    {
        let host = host.clone();
        let shown = match &state.phase {
            Phase::Choosing(c) | Phase::Creating(c) => Some((c.data.project_name.clone(), false)),
            Phase::Tracking(t) => Some((t.project_name.clone(), t.resumed)),
            _ => None,
        };
        let ready = shown.is_some();
        use_effect_with(ready, move |ready| {
            if let (true, Some((project, resumed))) = (*ready, shown) {
                emit(&host, &WidgetEvent::Ready { project_name: Some(&project), resumed });
            }
        });
    }
    {
        let host = host.clone();
        let tracked = match &state.phase {
            Phase::Tracking(t) => Some((t.invoice.clone(), t.resumed)),
            _ => None,
        };
        let key = tracked.as_ref().map(|(i, _)| (i.id.clone(), i.status.clone()));
        let announced = use_mut_ref(|| None::<String>);
        let fetched = loader.fetched;
        use_effect_with(key, move |_| {
            if let Some((invoice, resumed)) = tracked {
                let first = announced.borrow().as_deref() != Some(invoice.id.as_str());
                *announced.borrow_mut() = Some(invoice.id.clone());
                for event in invoice_events(&invoice, Seen { first, resumed }) {
                    emit(&host, &event);
                }
                // Claimed only for an end seen happening: an end found again
                // must not use up the claim.
                if let (Some(_), Some(chunk)) = (end_news(&invoice, resumed), fetched()) {
                    yew::platform::spawn_local(async move {
                        if chunk.claim_end(invoice.id.clone()).await {
                            if let Some(news) = end_news(&invoice, resumed) {
                                emit(&host, &news);
                            }
                        }
                    });
                }
            }
        });
    }
    {
        let host = host.clone();
        let sent = match &state.phase {
            Phase::Tracking(t) => match &t.wallet {
                WalletStep::Sent { name, hash } => Some((t.invoice.id.clone(), hash.clone(), name.clone())),
                _ => None,
            },
            _ => None,
        };
        use_effect_with(sent, move |sent| {
            if let Some((invoice_id, hash, wallet)) = sent {
                emit(&host, &WidgetEvent::Transaction { invoice_id, hash, wallet });
            }
        });
    }
    {
        // One failure at a time is what the payer sees: the API's, a
        // wallet's, or the payment's part that could not be loaded.
        let host = host.clone();
        let wallet = match &state.phase {
            Phase::Tracking(t) => match &t.wallet {
                WalletStep::Failed(message) => Some(message.clone()),
                _ => None,
            },
            _ => None,
        };
        let failure: Option<(&'static str, String, Option<u16>, Option<u32>)> =
            match (state.error(), wallet, chunk_failure) {
                // Also where a kept invoice could not be read for want of the
                // chunk: the payer reads about the chunk (`components::app`).
                (e, None, Some(reason)) if e.is_none() || matches!(state.phase, Phase::LoadFailed(_)) => {
                    Some(("payment_chunk", format!("{} {reason}", lang.payment_unavailable()), None, None))
                }
                (Some(e), _, _) => {
                    let f = Failure::api(e, "");
                    Some((f.code, lang.describe(e), f.status, f.retry_after))
                }
                (None, Some(message), _) => Some(("wallet", message, None, None)),
                _ => None,
            };
        use_effect_with(failure, move |failure| {
            if let Some((code, message, status, retry_after)) = failure {
                let failure = Failure { code, message, status: *status, retry_after: *retry_after };
                emit(&host, &WidgetEvent::Error(failure));
            }
        });
    }
}
