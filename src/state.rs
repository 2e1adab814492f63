//! The widget's state and the one reducer that changes it. Every transition
//! is a plain function of (state, action), tested natively.

use crate::http::ApiError;
use getcrypto_api::{Invoice, Status, WidgetData};
use std::rc::Rc;
use yew::Reducible;

/// Where the payer is.
#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    /// `v1/widget` is in flight: the skeleton shows.
    Loading,
    /// `v1/widget` failed.
    LoadFailed(ApiError),
    /// Coins and networks are shown; no invoice exists yet.
    Choosing(Choice),
    /// An invoice exists; its status is followed.
    Tracking(Tracking),
}

/// The payer's choice before the invoice exists.
#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    pub data: Rc<WidgetData>,
    pub coin: Option<String>,
    pub network: Option<String>,
    /// `POST v1/invoices` is in flight; further confirms are ignored.
    pub creating: bool,
    pub error: Option<ApiError>,
}

/// An invoice being paid.
#[derive(Clone, Debug, PartialEq)]
pub struct Tracking {
    pub invoice: Rc<Invoice>,
    pub project_name: String,
    /// Coin and network labels from `v1/widget`, when known.
    pub coin_label: String,
    pub network_label: String,
    /// The last status check failed; the invoice shown is the last known one.
    pub error: Option<ApiError>,
    /// The countdown reached zero before the API said the invoice expired.
    pub time_up: bool,
}

impl Tracking {
    /// Whether to show the expired view: the API says so, or the time ran
    /// out while nothing had arrived (a payment seen at the last second
    /// keeps the payment view until the API says more).
    pub fn expired(&self) -> bool {
        self.invoice.status == Status::Expired || (self.time_up && self.invoice.status.accepts_payment())
    }
}

/// The whole state; `attempt` counts loads so a retry starts a new one.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub phase: Phase,
    pub attempt: u32,
}

impl Default for State {
    fn default() -> Self {
        State { phase: Phase::Loading, attempt: 0 }
    }
}

/// Everything that can happen to the widget.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    Loaded(WidgetData),
    LoadFailed(ApiError),
    Reload,
    ChooseCoin(String),
    ChooseNetwork(String),
    /// Undo the last choice: the network, then the coin.
    Back,
    CreateStarted,
    Created(Invoice),
    CreateFailed(ApiError),
    /// The invoice this tab made for the order before a reload, still open.
    Resumed(Invoice),
    Polled(Invoice),
    PollFailed(ApiError),
    /// The countdown reached zero.
    TimeUp,
}

impl State {
    /// Whether a confirm now would create an invoice: a coin and network are
    /// chosen and no creation is in flight.
    pub fn can_create(&self) -> bool {
        matches!(&self.phase, Phase::Choosing(c) if c.coin.is_some() && c.network.is_some() && !c.creating)
    }

    /// The state after `action`. Actions that make no sense where the payer
    /// is (a late answer, a click on a stale button) change nothing.
    pub fn next(&self, action: Action) -> State {
        // A created invoice answers a confirm in flight; a resumed one
        // arrives before the payer has confirmed anything.
        let resuming = matches!(action, Action::Resumed(_));
        let phase = match (&self.phase, action) {
            (Phase::Loading, Action::Loaded(data)) => {
                Phase::Choosing(Choice { data: Rc::new(data), coin: None, network: None, creating: false, error: None })
            }
            (Phase::Loading, Action::LoadFailed(e)) => Phase::LoadFailed(e),
            (Phase::LoadFailed(_), Action::Reload) => {
                return State { phase: Phase::Loading, attempt: self.attempt + 1 };
            }
            (Phase::Choosing(c), Action::ChooseCoin(coin)) if !c.creating => {
                match c.data.methods.get(&coin) {
                    Some(method) => {
                        // A coin on a single network needs no second choice.
                        let network = (method.networks.len() == 1).then(|| method.networks.0[0].0.clone());
                        Phase::Choosing(Choice { coin: Some(coin), network, error: None, ..c.clone() })
                    }
                    None => return self.clone(),
                }
            }
            (Phase::Choosing(c), Action::ChooseNetwork(network)) if !c.creating => {
                let known = c
                    .coin
                    .as_deref()
                    .and_then(|coin| c.data.methods.get(coin))
                    .is_some_and(|m| m.networks.get(&network).is_some());
                if !known {
                    return self.clone();
                }
                Phase::Choosing(Choice { network: Some(network), error: None, ..c.clone() })
            }
            (Phase::Choosing(c), Action::Back) if !c.creating => {
                let several =
                    c.coin.as_deref().and_then(|coin| c.data.methods.get(coin)).is_some_and(|m| m.networks.len() > 1);
                if c.network.is_some() && several {
                    Phase::Choosing(Choice { network: None, error: None, ..c.clone() })
                } else {
                    Phase::Choosing(Choice { coin: None, network: None, error: None, ..c.clone() })
                }
            }
            (Phase::Choosing(c), Action::CreateStarted) if self.can_create() => {
                Phase::Choosing(Choice { creating: true, error: None, ..c.clone() })
            }
            (Phase::Choosing(c), Action::CreateFailed(e)) if c.creating => {
                Phase::Choosing(Choice { creating: false, error: Some(e), ..c.clone() })
            }
            (Phase::Choosing(c), Action::Created(invoice) | Action::Resumed(invoice)) if c.creating != resuming => {
                let method = c.data.methods.get(&invoice.cryptocurrency);
                let coin_label =
                    method.map_or_else(|| invoice.cryptocurrency.to_ascii_uppercase(), |m| m.label.clone());
                let network_label = method
                    .and_then(|m| m.networks.get(&invoice.network))
                    .map_or_else(|| invoice.network.to_ascii_uppercase(), |n| n.label.clone());
                Phase::Tracking(Tracking {
                    invoice: Rc::new(invoice),
                    project_name: c.data.project_name.clone(),
                    coin_label,
                    network_label,
                    error: None,
                    time_up: false,
                })
            }
            (Phase::Tracking(t), Action::Polled(invoice))
                if invoice.id == t.invoice.id && !t.invoice.status.is_final() =>
            {
                Phase::Tracking(Tracking { invoice: Rc::new(invoice), error: None, ..t.clone() })
            }
            (Phase::Tracking(t), Action::TimeUp) if !t.time_up => {
                Phase::Tracking(Tracking { time_up: true, ..t.clone() })
            }
            (Phase::Tracking(t), Action::PollFailed(e)) if e != ApiError::Aborted => {
                Phase::Tracking(Tracking { error: Some(e), ..t.clone() })
            }
            _ => return self.clone(),
        };
        State { phase, attempt: self.attempt }
    }

    /// The invoice's status, once one exists.
    pub fn status(&self) -> Option<&Status> {
        match &self.phase {
            Phase::Tracking(t) => Some(&t.invoice.status),
            _ => None,
        }
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let next = self.next(action);
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use getcrypto_api::{Amount, Method, NetworkInfo, OrderedMap};

    fn data() -> WidgetData {
        let nets = |list: &[(&str, u64)]| -> OrderedMap<NetworkInfo> {
            list.iter().map(|(k, id)| (k.to_string(), NetworkInfo { id: *id, label: k.to_ascii_uppercase() })).collect()
        };
        WidgetData {
            project_name: "Test".into(),
            success_url: None,
            fail_url: None,
            methods: OrderedMap(vec![
                (
                    "usdt".into(),
                    Method { id: 1, label: "USDT".into(), networks: nets(&[("bep20", 1), ("trc20", 2), ("erc20", 3)]) },
                ),
                ("btc".into(), Method { id: 3, label: "BTC".into(), networks: nets(&[("btc", 7)]) }),
            ]),
            amounts: OrderedMap::default(),
        }
    }

    fn invoice(status: &str) -> Invoice {
        Invoice {
            id: "in_1".into(),
            status: Status::parse(status),
            project_id: String::new(),
            order_id: "ORD_123".into(),
            input_amount: None,
            currency: "eur".into(),
            cryptocurrency: "usdt".into(),
            network: "trc20".into(),
            amount: Amount::parse("11.944214").unwrap(),
            amount_paid: Amount::parse("0").unwrap(),
            address: "T".into(),
            confirmations: 0,
            confirmations_required: 1,
            created_at: String::new(),
            expires_at: String::new(),
            success_url: None,
            fail_url: None,
        }
    }

    fn run(actions: Vec<Action>) -> State {
        actions.into_iter().fold(State::default(), |s, a| s.next(a))
    }

    fn choice(s: &State) -> &Choice {
        match &s.phase {
            Phase::Choosing(c) => c,
            other => panic!("not choosing: {other:?}"),
        }
    }

    #[test]
    fn a_coin_with_one_network_picks_it() {
        let s = run(vec![Action::Loaded(data()), Action::ChooseCoin("btc".into())]);
        assert_eq!(choice(&s).network.as_deref(), Some("btc"));
        assert!(s.can_create());
    }

    #[test]
    fn a_coin_with_several_networks_waits_for_one() {
        let s = run(vec![Action::Loaded(data()), Action::ChooseCoin("usdt".into())]);
        assert_eq!(choice(&s).network, None);
        assert!(!s.can_create());
        let s = s.next(Action::ChooseNetwork("trc20".into()));
        assert!(s.can_create());
        assert_eq!(s.next(Action::ChooseNetwork("btc".into())), s, "btc does not carry usdt");
    }

    #[test]
    fn back_undoes_network_then_coin() {
        let s =
            run(vec![Action::Loaded(data()), Action::ChooseCoin("usdt".into()), Action::ChooseNetwork("erc20".into())]);
        let s = s.next(Action::Back);
        assert_eq!((choice(&s).coin.as_deref(), choice(&s).network.as_deref()), (Some("usdt"), None));
        let s = s.next(Action::Back);
        assert_eq!(choice(&s).coin, None);
    }

    #[test]
    fn creation_happens_once_and_choices_freeze_meanwhile() {
        let s = run(vec![Action::Loaded(data()), Action::ChooseCoin("btc".into()), Action::CreateStarted]);
        assert!(choice(&s).creating);
        assert!(!s.can_create(), "a second confirm must not create again");
        assert_eq!(s.next(Action::CreateStarted), s);
        assert_eq!(s.next(Action::ChooseCoin("usdt".into())), s);
        assert_eq!(s.next(Action::Back), s);
    }

    #[test]
    fn failed_creation_can_be_retried() {
        let s = run(vec![
            Action::Loaded(data()),
            Action::ChooseCoin("btc".into()),
            Action::CreateStarted,
            Action::CreateFailed(ApiError::Server(500)),
        ]);
        assert_eq!(choice(&s).error, Some(ApiError::Server(500)));
        assert!(s.can_create());
    }

    #[test]
    fn statuses_follow_until_final() {
        let s = run(vec![
            Action::Loaded(data()),
            Action::ChooseCoin("usdt".into()),
            Action::ChooseNetwork("trc20".into()),
            Action::CreateStarted,
            Action::Created(invoice("pending")),
        ]);
        let Phase::Tracking(t) = &s.phase else { panic!() };
        assert_eq!((t.coin_label.as_str(), t.network_label.as_str()), ("USDT", "TRC20"));
        let s = s.next(Action::Polled(invoice("confirming")));
        assert_eq!(s.status(), Some(&Status::Confirming));
        let s = s.next(Action::PollFailed(ApiError::Offline));
        assert_eq!(s.status(), Some(&Status::Confirming), "a failed check keeps the invoice");
        let s = s.next(Action::Polled(invoice("paid")));
        assert_eq!(s.status(), Some(&Status::Paid));
        assert_eq!(s.next(Action::Polled(invoice("pending"))), s, "paid is final");
        let mut other = invoice("expired");
        other.id = "in_2".into();
        assert_eq!(s.next(Action::Polled(other)), s);
    }

    #[test]
    fn time_up_shows_expired_unless_a_payment_arrived() {
        let s = run(vec![Action::Loaded(data()), Action::Resumed(invoice("pending")), Action::TimeUp]);
        let Phase::Tracking(t) = &s.phase else { panic!() };
        assert!(t.expired());
        let s = s.next(Action::Polled(invoice("confirming")));
        let Phase::Tracking(t) = &s.phase else { panic!() };
        assert!(!t.expired(), "a payment seen in time is not expired");
    }

    #[test]
    fn an_unknown_status_is_kept_and_followed() {
        let s = run(vec![
            Action::Loaded(data()),
            Action::ChooseCoin("btc".into()),
            Action::CreateStarted,
            Action::Created(invoice("refunded")),
        ]);
        assert_eq!(s.status(), Some(&Status::Unknown("refunded".into())));
        assert_eq!(s.next(Action::Polled(invoice("paid"))).status(), Some(&Status::Paid));
    }

    #[test]
    fn a_resumed_invoice_goes_straight_to_tracking() {
        let s = run(vec![Action::Loaded(data()), Action::Resumed(invoice("pending"))]);
        assert_eq!(s.status(), Some(&Status::Pending));
        let Phase::Tracking(t) = &s.phase else { panic!() };
        assert_eq!(t.coin_label, "USDT");
        // Not once the payer is already creating one.
        let creating = run(vec![Action::Loaded(data()), Action::ChooseCoin("btc".into()), Action::CreateStarted]);
        assert_eq!(creating.next(Action::Resumed(invoice("pending"))), creating);
    }

    #[test]
    fn load_failure_and_retry() {
        let s = run(vec![Action::LoadFailed(ApiError::Offline)]);
        assert_eq!(s.phase, Phase::LoadFailed(ApiError::Offline));
        let s = s.next(Action::Reload);
        assert_eq!((s.phase.clone(), s.attempt), (Phase::Loading, 1));
        assert_eq!(State::default().next(Action::Polled(invoice("paid"))), State::default());
    }
}
