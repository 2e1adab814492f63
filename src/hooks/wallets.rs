//! Paying from a browser wallet: the wallets in this browser found while an
//! invoice on an EVM chain is open, and the one transaction sent each time
//! the state enters `WalletStep::Sending`. What the wallet answers changes
//! only the wallet's line; the invoice's status stays the API's.

use crate::i18n::texts;
use crate::state::{Action, Phase, State, WalletStep};
use crate::wallet::{self, Discovery, Wallet, WalletError};
use getcrypto_api::{evm, Language};
use std::rc::Rc;
use yew::platform::spawn_local;
use yew::prelude::*;

/// The wallets the payer can pick, for the invoice shown.
#[hook]
pub fn use_wallets(state: &UseReducerHandle<State>, lang: Language) -> Rc<Vec<Wallet>> {
    let wallets = use_state(|| Rc::new(Vec::<Wallet>::new()));
    let (evm_open, sending, invoice) = match &state.phase {
        Phase::Tracking(t) => {
            let inv = &t.invoice;
            let open = inv.status.accepts_payment()
                && evm::payment(&inv.cryptocurrency, &inv.network, &inv.address, &inv.amount_due()).is_some();
            let sending = match &t.wallet {
                WalletStep::Sending { id, attempt, .. } => Some((id.clone(), *attempt)),
                _ => None,
            };
            (open, sending, Some(inv.clone()))
        }
        _ => (false, None, None),
    };
    {
        let wallets = wallets.clone();
        use_effect_with(evm_open, move |open| {
            let discovery = open
                .then(|| Discovery::start(texts(lang).browser_wallet, move |list| wallets.set(Rc::new(list))))
                .flatten();
            move || drop(discovery)
        });
    }
    {
        let (dispatcher, wallets) = (state.dispatcher(), wallets.clone());
        use_effect_with(sending, move |sending| {
            let Some((id, _)) = sending else { return };
            let provider = wallets.iter().find(|w| w.id == *id).map(|w| w.provider.clone());
            let payment =
                invoice.and_then(|i| evm::payment(&i.cryptocurrency, &i.network, &i.address, &i.amount_due()));
            let (Some(provider), Some(payment)) = (provider, payment) else {
                return dispatcher.dispatch(Action::WalletFailed(String::new()));
            };
            spawn_local(async move {
                dispatcher.dispatch(match wallet::pay(&provider, &payment).await {
                    Ok(hash) => Action::WalletSent(hash),
                    Err(WalletError::Rejected) => Action::WalletCancelled,
                    Err(WalletError::Failed(message)) => Action::WalletFailed(message),
                });
            });
        });
    }
    (*wallets).clone()
}
