//! Telling the page: the `getcrypto:*` events (listed in `events`) on the
//! mount element, each once per change it reports.

use crate::dom::emit;
use crate::events::{invoice_events, WidgetEvent};
use crate::i18n;
use crate::state::{Phase, State, WalletStep};
use getcrypto_api::Language;
use web_sys::Element;
use yew::prelude::*;

/// Emits `ready`, the invoice's events and `error` as the state changes.
#[hook]
pub fn use_page_events(state: &UseReducerHandle<State>, host: &Element, lang: Language) {
    {
        let host = host.clone();
        let ready = matches!(state.phase, Phase::Choosing(_) | Phase::Creating(_) | Phase::Tracking(_));
        let project = match &state.phase {
            Phase::Choosing(c) => Some(c.data.project_name.clone()),
            _ => None,
        };
        use_effect_with(ready, move |ready| {
            if *ready {
                emit(&host, &WidgetEvent::Ready { project_name: project.as_deref() });
            }
        });
    }
    {
        let host = host.clone();
        let invoice = match &state.phase {
            Phase::Tracking(t) => Some(t.invoice.clone()),
            _ => None,
        };
        let key = invoice.as_ref().map(|i| (i.id.clone(), i.status.clone()));
        let announced = use_mut_ref(|| None::<String>);
        use_effect_with(key, move |key| {
            if let (Some((id, _)), Some(invoice)) = (key, invoice) {
                let first_seen = announced.borrow().as_deref() != Some(id.as_str());
                *announced.borrow_mut() = Some(id.clone());
                for event in invoice_events(&invoice, first_seen) {
                    emit(&host, &event);
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
        let host = host.clone();
        use_effect_with(state.error().cloned(), move |error| {
            if let Some(e) = error {
                emit(&host, &WidgetEvent::Error { message: &i18n::describe(lang, e) });
            }
        });
    }
}
