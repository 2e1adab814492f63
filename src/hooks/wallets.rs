//! Paying from a browser wallet: the wallets in this browser found while an
//! invoice on an EVM chain (or TRC20, for TronLink) is open, and the one
//! transaction sent each time the state enters `WalletStep::Sending`. What the wallet answers changes
//! only the wallet's line; the invoice's status stays the API's.

use crate::i18n::Lang;
use crate::pay::Route;
use crate::state::{Action, Phase, WalletStep};
use crate::store::Store;
use crate::wallet::{self, Discovery, Wallet, WalletError};
use std::rc::Rc;
use yew::platform::spawn_local;
use yew::prelude::*;

/// The wallets the payer can pick, for the invoice shown (`route`: how
/// its payment can be sent from one).
#[hook]
pub fn use_wallets(state: &Store, route: Option<Route>, lang: Lang) -> Rc<Vec<Wallet>> {
    let wallets = use_state(|| Rc::new(Vec::<Wallet>::new()));
    let sending = match &state.phase {
        Phase::Tracking(t) => match &t.wallet {
            WalletStep::Sending { id, attempt, .. } => Some((id.clone(), *attempt)),
            _ => None,
        },
        _ => None,
    };
    let open = route.as_ref().map(|r| matches!(r, Route::Tron(_)));
    {
        let wallets = wallets.clone();
        // `Some(false)`: EVM wallets, as they announce themselves; `Some(true)`:
        // TronLink, if the page has it.
        use_effect_with(open, move |open| {
            let discovery = match open {
                Some(false) => Discovery::start(lang.browser_wallet(), move |list| wallets.set(Rc::new(list))),
                Some(true) => {
                    wallets.set(Rc::new(wallet::tronlink().into_iter().collect()));
                    None
                }
                None => None,
            };
            move || drop(discovery)
        });
    }
    {
        let (dispatcher, wallets) = (state.dispatcher(), wallets.clone());
        use_effect_with(sending, move |sending| {
            let Some((id, _)) = sending else { return };
            let Some(chosen) = wallets.iter().find(|w| w.id == *id).cloned() else {
                return dispatcher.dispatch(Action::WalletFailed(String::new()));
            };
            spawn_local(async move {
                let sent = match (chosen.tron, route) {
                    (false, Some(Route::Evm(transaction))) => wallet::pay(&chosen.provider, &transaction).await,
                    (true, Some(Route::Tron(transfer))) => wallet::pay_tron(&chosen.provider, &transfer).await,
                    _ => Err(WalletError::Failed(String::new())),
                };
                dispatcher.dispatch(match sent {
                    Ok(hash) => Action::WalletSent(hash),
                    Err(WalletError::Rejected) => Action::WalletCancelled,
                    Err(WalletError::Failed(message)) => Action::WalletFailed(message),
                });
            });
        });
    }
    (*wallets).clone()
}
