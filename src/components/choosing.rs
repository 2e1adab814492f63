//! The payer's choice: the coins with the order's amount in each, the
//! chosen coin's networks, the network's warning, and Pay.

use super::coin_list::{coin_list, CoinListArgs, CoinOption};
use super::error_box::{error_box, ErrorBoxArgs};
use super::header::order_header;
use super::network_list::{network_list, NetworkListArgs};
use super::network_notice::{network_notice, NetworkNoticeArgs};
use crate::i18n::Lang;
use crate::state::Choice;
use crate::vnode::{class, V};
use getcrypto_api::WidgetQuery;

/// What [`choosing`] shows.
pub struct ChoosingArgs<'a> {
    pub choice: &'a Choice,
    /// The invoice is being created: every choice is frozen.
    pub creating: bool,
    /// A 429 is being waited out: Pay waits too.
    pub waiting: bool,
    pub query: &'a WidgetQuery,
    pub t: Lang,
}

/// The choosing view. Its buttons say what they do by what they carry
/// (`data-coin`, `data-network`, `gc-pay`, `gc-link`), read by the
/// runtime's one click listener.
pub fn choosing(args: ChoosingArgs) -> Vec<V> {
    let (c, t, creating) = (args.choice, args.t, args.creating);
    let data = &c.data;
    let coins = data
        .methods
        .iter()
        .map(|(id, m)| CoinOption {
            id,
            label: &m.label,
            amount: data.amounts.get(id).map(|a| t.money(&a.0, &m.label)).unwrap_or_default(),
        })
        .collect();
    let method = c.coin.as_deref().and_then(|id| data.methods.get(id));
    let network_label = method.and_then(|m| c.network.as_deref().and_then(|n| m.networks.get(n))).map(|n| &n.label);
    let amount = c.coin.as_deref().and_then(|id| data.amounts.get(id));
    let mut view = vec![order_header(&data.project_name, args.query, t)];
    if data.methods.is_empty() {
        view.push(error_box(ErrorBoxArgs {
            title: None,
            message: t.nothing_to_pay().into(),
            detail: None,
            retry: None,
        }));
    }
    view.push(coin_list(CoinListArgs {
        heading: t.choose_coin(),
        coins,
        selected: c.coin.as_deref(),
        disabled: creating,
    }));
    if let Some(m) = method.filter(|m| m.networks.len() > 1) {
        view.push(network_list(NetworkListArgs {
            heading: t.choose_network(),
            coin: c.coin.as_deref().unwrap_or_default(),
            networks: m.networks.iter().map(|(id, n)| (id, n.label.as_str())).collect(),
            selected: c.network.as_deref(),
            disabled: creating,
        }));
    }
    if let (Some(m), Some(net)) = (method, network_label) {
        view.push(network_notice(NetworkNoticeArgs {
            caption: t.network(),
            network: net,
            warning: t.warn_network(&m.label, net),
            change: (!creating).then(|| t.change()),
        }));
        if let Some(amount) = amount {
            view.push(
                class("button", "gc-button gc-pay")
                    .attr("type", "button")
                    .flag("disabled", creating || args.waiting)
                    .attr("aria-busy", creating.to_string())
                    .text(if creating { t.creating().to_owned() } else { t.pay(&amount.0, &m.label) })
                    .into(),
            );
        }
    }
    if let Some(e) = &c.error {
        view.push(error_box(ErrorBoxArgs {
            title: Some(t.create_failed()),
            message: t.describe(e),
            detail: None,
            retry: None,
        }));
    }
    view
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ApiError;
    use crate::vnode::El;
    use getcrypto_api::amount::NumberAmount;
    use getcrypto_api::fixtures::{amount, query};
    use getcrypto_api::{Method, NetworkInfo, OrderedMap, WidgetData};
    use std::rc::Rc;

    fn data() -> Rc<WidgetData> {
        let nets = |list: &[&str]| -> OrderedMap<NetworkInfo> {
            list.iter().map(|k| (k.to_string(), NetworkInfo { id: 1, label: k.to_ascii_uppercase() })).collect()
        };
        Rc::new(WidgetData {
            project_name: "Shop".into(),
            success_url: None,
            fail_url: None,
            methods: OrderedMap(vec![
                ("usdt".into(), Method { id: 1, label: "USDT".into(), networks: nets(&["trc20", "erc20"]) }),
                ("btc".into(), Method { id: 3, label: "BTC".into(), networks: nets(&["btc"]) }),
            ]),
            amounts: OrderedMap(vec![("usdt".into(), NumberAmount(amount("11.5")))]),
        })
    }

    fn view(choice: Choice, creating: bool, waiting: bool) -> Vec<V> {
        choosing(ChoosingArgs { choice: &choice, creating, waiting, query: &query(), t: Lang::default() })
    }

    fn all(view: &[V]) -> Vec<&El> {
        view.iter().flat_map(V::elements).collect()
    }

    fn choice(coin: Option<&str>, network: Option<&str>) -> Choice {
        Choice { data: data(), coin: coin.map(Into::into), network: network.map(Into::into), error: None }
    }

    #[test]
    fn every_coin_is_a_radio_with_its_amount() {
        let v = view(choice(None, None), false, false);
        let coins: Vec<_> = all(&v).into_iter().filter(|e| e.get("data-coin").is_some() && e.tag == "button").collect();
        assert_eq!(coins.iter().map(|e| e.get("data-coin").unwrap()).collect::<Vec<_>>(), ["usdt", "btc"]);
        assert!(coins.iter().all(|e| e.get("role") == Some("radio") && e.get("aria-checked") == Some("false")));
        assert_eq!(V::El(coins[0].clone()).text_content(), "USDT11.5\u{a0}USDT");
        assert!(!all(&v).iter().any(|e| e.get("class") == Some("gc-button gc-pay")), "no Pay before a choice");
    }

    #[test]
    fn a_chosen_coin_shows_its_networks_then_pay_with_the_amount() {
        let v = view(choice(Some("usdt"), None), false, false);
        let nets = all(&v).into_iter().find(|e| e.get("class") == Some("gc-options gc-networks")).expect("networks");
        assert_eq!(nets.get("data-coin"), Some("usdt"));
        let v = view(choice(Some("usdt"), Some("trc20")), false, false);
        let pay = all(&v).into_iter().find(|e| e.get("class") == Some("gc-button gc-pay")).cloned().expect("Pay");
        assert_eq!(pay.get("disabled"), None);
        assert_eq!(V::El(pay).text_content(), Lang::default().pay(&amount("11.5"), "USDT"));
        let text: String = v.iter().map(V::text_content).collect();
        assert!(text.contains("TRC20"), "{text}");
    }

    #[test]
    fn creating_freezes_the_choices_and_a_wait_holds_pay() {
        let v = view(choice(Some("usdt"), Some("trc20")), true, false);
        let frozen = all(&v).into_iter().filter(|e| e.tag == "fieldset").all(|e| e.get("disabled").is_some());
        assert!(frozen);
        assert!(!all(&v).iter().any(|e| e.get("class") == Some("gc-link")), "no Change while creating");
        let mut waiting = choice(Some("usdt"), Some("trc20"));
        waiting.error = Some(ApiError::RateLimited { retry_after: 3 });
        let v = view(waiting, false, true);
        let pay = all(&v).into_iter().find(|e| e.get("class") == Some("gc-button gc-pay")).expect("Pay");
        assert_eq!(pay.get("disabled"), Some(""));
        assert!(all(&v).iter().any(|e| e.get("role") == Some("alert")), "the 429 is told");
    }
}
