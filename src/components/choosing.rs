//! The payer's choice: the coins with the order's amount in each, the
//! chosen coin's networks, the network's warning, and Pay.

use super::coin_list::{coin_list, CoinListArgs, CoinOption};
use super::error_box::{error_box, ErrorBoxArgs};
use super::header::order_header;
use super::network_list::{network_list, NetworkListArgs};
use super::network_notice::{network_notice, NetworkNoticeArgs};
use crate::i18n::Lang;
use crate::state::{Action, Choice};
use getcrypto_api::WidgetQuery;
use yew::prelude::*;

/// What [`choosing`] shows.
pub struct ChoosingArgs<'a> {
    pub choice: &'a Choice,
    /// The invoice is being created: every choice is frozen.
    pub creating: bool,
    /// A 429 is being waited out: Pay waits too.
    pub waiting: bool,
    pub query: &'a WidgetQuery,
    pub t: Lang,
    pub dispatch: &'a Callback<Action>,
}

/// The choosing view.
pub fn choosing(props: &ChoosingArgs) -> Html {
    let (c, t, creating) = (props.choice, props.t, props.creating);
    let data = &c.data;
    let send = |action: fn(String) -> Action| props.dispatch.reform(move |v: AttrValue| action(v.to_string()));
    let coins: Vec<CoinOption> = data
        .methods
        .iter()
        .map(|(id, m)| CoinOption {
            id: AttrValue::from(id.to_owned()),
            label: AttrValue::from(m.label.clone()),
            amount: data.amounts.get(id).map(|a| t.money(&a.0, &m.label)).unwrap_or_default().into(),
        })
        .collect();
    let method = c.coin.as_deref().and_then(|id| data.methods.get(id));
    let network_label =
        method.and_then(|m| c.network.as_deref().and_then(|n| m.networks.get(n))).map(|n| n.label.clone());
    let amount = c.coin.as_deref().and_then(|id| data.amounts.get(id));
    html! {
        <>
            { order_header(&data.project_name, props.query, t) }
            if data.methods.is_empty() {
                { error_box(&ErrorBoxArgs { title: None, message: t.nothing_to_pay().into(), detail: None, retry: None }) }
            }
            { coin_list(&CoinListArgs {
                heading: t.choose_coin().into(),
                coins,
                selected: c.coin.clone().map(AttrValue::from),
                disabled: creating,
                onchoose: send(Action::ChooseCoin),
            }) }
            if let Some(m) = method.filter(|m| m.networks.len() > 1) {
                { network_list(&NetworkListArgs {
                    heading: t.choose_network().into(),
                    coin: c.coin.clone().unwrap_or_default().into(),
                    networks: m.networks.iter().map(|(id, n)| (AttrValue::from(id.to_owned()), AttrValue::from(n.label.clone()))).collect(),
                    selected: c.network.clone().map(AttrValue::from),
                    disabled: creating,
                    onchoose: send(Action::ChooseNetwork),
                }) }
            }
            if let (Some(m), Some(net)) = (method, network_label) {
                { network_notice(&NetworkNoticeArgs {
                    caption: t.network().into(),
                    network: net.clone().into(),
                    warning: t.warn_network(&m.label, &net).into(),
                    change: (!creating).then(|| (AttrValue::from(t.change()), props.dispatch.reform(|_: MouseEvent| Action::Back))),
                }) }
                if let Some(amount) = amount {
                    <button type="button" class="gc-button gc-pay" disabled={creating || props.waiting} aria-busy={creating.to_string()}
                        onclick={props.dispatch.reform(|_: MouseEvent| Action::Confirm)}>
                        { if creating { t.creating().to_owned() } else { t.pay(&amount.0, &m.label) } }
                    </button>
                }
            }
            if let Some(e) = &c.error {
                { error_box(&ErrorBoxArgs { title: Some(t.create_failed().into()), message: t.describe(e).into(), detail: None, retry: None }) }
            }
        </>
    }
}
