//! The widget's state, the one reducer that changes it, and the decisions
//! read off it (what to focus, what to report, whether a kept invoice may
//! come back). Every one is a plain function, tested natively.

use crate::error::ApiError;
use getcrypto_api::{Invoice, Status, WidgetData, WidgetQuery};
use std::rc::Rc;

/// Where the payer is.
#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    /// `v1/widget` is in flight: the skeleton shows.
    Loading,
    /// `v1/widget` failed.
    LoadFailed(ApiError),
    /// Coins and networks are shown; no invoice exists yet.
    Choosing(Choice),
    /// The payer confirmed: `POST v1/invoices` is in flight, the choices are
    /// frozen, and a second confirm is ignored.
    Creating(Choice),
    /// An invoice exists; its status is followed.
    Tracking(Tracking),
}

/// The payer's choice before the invoice exists.
#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    pub data: Rc<WidgetData>,
    pub coin: Option<String>,
    pub network: Option<String>,
    pub error: Option<ApiError>,
}

/// Whether the invoice's time has run out by the countdown.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Deadline {
    Ahead,
    /// The countdown reached zero before the API said the invoice expired.
    Passed,
}

/// Paying from a browser wallet, for an invoice on an EVM chain.
#[derive(Clone, Debug, PartialEq)]
pub enum WalletStep {
    Idle,
    /// The payer picked a wallet: it is asked for an account, the chain and
    /// the one transaction. `attempt` counts sends, so each starts once.
    Sending {
        id: String,
        name: String,
        attempt: u32,
    },
    /// The wallet sent the transaction; the invoice's status still comes
    /// from the API alone.
    Sent {
        name: String,
        hash: String,
    },
    /// The payer said no in the wallet.
    Cancelled,
    /// The wallet failed, in its own words.
    Failed(String),
}

/// An invoice being paid.
#[derive(Clone, Debug, PartialEq)]
pub struct Tracking {
    /// The invoice; what paying it takes is worked out where it is shown
    /// (`paying`), in the payment chunk.
    pub invoice: Rc<Invoice>,
    /// The coins this invoice was chosen from, kept for a new invoice once
    /// it has expired.
    pub data: Rc<WidgetData>,
    pub project_name: String,
    /// Coin and network labels from `v1/widget`, when known.
    pub coin_label: String,
    pub network_label: String,
    /// The last status check failed; the invoice shown is the last known one.
    pub error: Option<ApiError>,
    pub deadline: Deadline,
    pub wallet: WalletStep,
    /// Wallet sends started so far.
    pub wallet_sends: u32,
    /// The invoice's status is the one found when the widget came to it (a
    /// kept invoice shown again, or one another tab made), not a change this
    /// widget saw happen: the page is told so, and a paid invoice found
    /// again does not take the payer away by itself.
    pub resumed: bool,
}

impl Tracking {
    /// Whether to show the expired view: the API says so, or the time ran
    /// out while nothing had arrived (a payment seen at the last second
    /// keeps the payment view until the API says more).
    pub fn expired(&self) -> bool {
        self.invoice.status == Status::Expired
            || (self.deadline == Deadline::Passed && self.invoice.status.accepts_payment())
    }
}

/// The whole state.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub phase: Phase,
    /// Counts loads, so that a retry starts a new one.
    pub attempt: u32,
    /// Milliseconds to add to the payer's clock to read the server's, from
    /// the last answer's `Date`: a countdown by a clock minutes off would lie.
    pub clock_offset_ms: f64,
}

impl Default for State {
    fn default() -> Self {
        State { phase: Phase::Loading, attempt: 0, clock_offset_ms: 0.0 }
    }
}

impl State {
    /// The state at mount: the choices at once when the coins are already
    /// in hand (the loader's early request answered before the widget
    /// started), else loading.
    pub fn first(coins: Option<(Rc<WidgetData>, f64)>) -> State {
        match coins {
            Some((data, clock_offset_ms)) => State {
                phase: Phase::Choosing(Choice { data, coin: None, network: None, error: None }),
                attempt: 0,
                clock_offset_ms,
            },
            None => State::default(),
        }
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
    /// The payer pressed Pay, or a 429's wait for it has passed.
    Confirm,
    Created(Invoice),
    CreateFailed(ApiError),
    /// The invoice kept for this order: still open, or expired since (it
    /// is then shown as expired, so that a payer coming back learns what
    /// became of it).
    Resumed(Invoice),
    /// The payer asked for a new invoice in place of the expired one.
    Renew,
    Polled(Invoice),
    PollFailed(ApiError),
    /// The countdown reached zero.
    TimeUp,
    /// An answer's `Date` put the server's clock this far ahead.
    ServerClock(f64),
    /// The payer picked a browser wallet (`id`, `name`) to pay with.
    WalletSend {
        id: String,
        name: String,
    },
    /// The wallet sent the transaction with this hash.
    WalletSent(String),
    /// The payer said no in the wallet.
    WalletCancelled,
    /// The wallet failed, in its own words.
    WalletFailed(String),
}

impl State {
    /// Whether a confirm now would create an invoice: a coin and network are
    /// chosen and no creation is in flight.
    pub fn can_create(&self) -> bool {
        matches!(&self.phase, Phase::Choosing(c) if c.coin.is_some() && c.network.is_some())
    }

    /// The state after `action`. Actions that make no sense where the payer
    /// is (a late answer, a click on a stale button) change nothing.
    pub fn next(&self, action: Action) -> State {
        let phase = match (&self.phase, action) {
            (_, Action::ServerClock(offset)) => {
                return State { clock_offset_ms: offset, ..self.clone() };
            }
            (Phase::Loading, Action::Loaded(data)) => {
                Phase::Choosing(Choice { data: Rc::new(data), coin: None, network: None, error: None })
            }
            (Phase::Loading, Action::LoadFailed(e)) => Phase::LoadFailed(e),
            (Phase::LoadFailed(_), Action::Reload) => {
                return State { phase: Phase::Loading, attempt: self.attempt + 1, ..self.clone() };
            }
            (Phase::Choosing(c), Action::ChooseCoin(coin)) => match c.data.methods.get(&coin) {
                Some(method) => {
                    // A coin on a single network needs no second choice.
                    let network = (method.networks.len() == 1).then(|| method.networks.0[0].0.clone());
                    Phase::Choosing(Choice { coin: Some(coin), network, error: None, ..c.clone() })
                }
                None => return self.clone(),
            },
            (Phase::Choosing(c), Action::ChooseNetwork(network)) => {
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
            (Phase::Choosing(c), Action::Back) => {
                let several =
                    c.coin.as_deref().and_then(|coin| c.data.methods.get(coin)).is_some_and(|m| m.networks.len() > 1);
                if c.network.is_some() && several {
                    Phase::Choosing(Choice { network: None, error: None, ..c.clone() })
                } else {
                    Phase::Choosing(Choice { coin: None, network: None, error: None, ..c.clone() })
                }
            }
            (Phase::Choosing(c), Action::Confirm) if self.can_create() => {
                Phase::Creating(Choice { error: None, ..c.clone() })
            }
            (Phase::Creating(c), Action::CreateFailed(e)) => Phase::Choosing(Choice { error: Some(e), ..c.clone() }),
            // A created invoice answers a confirm in flight; a resumed one
            // arrives before the payer has confirmed anything.
            (Phase::Creating(c), Action::Created(invoice)) => Phase::Tracking(Tracking::new(&c.data, invoice, false)),
            (Phase::Choosing(c), Action::Resumed(invoice)) => Phase::Tracking(Tracking::new(&c.data, invoice, true)),
            // Another tab made the new invoice of this order: this one
            // follows it instead of the expired one.
            (Phase::Tracking(t), Action::Resumed(invoice)) if t.expired() && invoice.id != t.invoice.id => {
                Phase::Tracking(Tracking::new(&t.data, invoice, true))
            }
            // The same coin and network again, at today's conversion, when
            // the coins still offer them; otherwise the payer chooses.
            (Phase::Tracking(t), Action::Renew) if t.expired() => match renewal(t) {
                Some((coin, network)) => Phase::Creating(Choice {
                    data: t.data.clone(),
                    coin: Some(coin),
                    network: Some(network),
                    error: None,
                }),
                None => Phase::Choosing(Choice { data: t.data.clone(), coin: None, network: None, error: None }),
            },
            (Phase::Tracking(t), Action::Polled(invoice))
                if invoice.id == t.invoice.id && !t.invoice.status.is_final() =>
            {
                let resumed = t.resumed && invoice.status == t.invoice.status;
                Phase::Tracking(Tracking { invoice: Rc::new(invoice), error: None, resumed, ..t.clone() })
            }
            (Phase::Tracking(t), Action::TimeUp) if t.deadline == Deadline::Ahead => {
                Phase::Tracking(Tracking { deadline: Deadline::Passed, ..t.clone() })
            }
            (Phase::Tracking(t), Action::WalletSend { id, name })
                if !matches!(t.wallet, WalletStep::Sending { .. })
                    && t.invoice.status.accepts_payment()
                    && !t.expired() =>
            {
                let attempt = t.wallet_sends + 1;
                Phase::Tracking(Tracking {
                    wallet: WalletStep::Sending { id, name, attempt },
                    wallet_sends: attempt,
                    ..t.clone()
                })
            }
            (Phase::Tracking(t), Action::WalletSent(hash)) => match &t.wallet {
                WalletStep::Sending { name, .. } => {
                    Phase::Tracking(Tracking { wallet: WalletStep::Sent { name: name.clone(), hash }, ..t.clone() })
                }
                _ => return self.clone(),
            },
            (Phase::Tracking(t), Action::WalletCancelled) if matches!(t.wallet, WalletStep::Sending { .. }) => {
                Phase::Tracking(Tracking { wallet: WalletStep::Cancelled, ..t.clone() })
            }
            (Phase::Tracking(t), Action::WalletFailed(message)) if matches!(t.wallet, WalletStep::Sending { .. }) => {
                Phase::Tracking(Tracking { wallet: WalletStep::Failed(message), ..t.clone() })
            }
            (Phase::Tracking(t), Action::PollFailed(e)) if e != ApiError::Aborted => {
                Phase::Tracking(Tracking { error: Some(e), ..t.clone() })
            }
            _ => return self.clone(),
        };
        State { phase, ..self.clone() }
    }

    /// The invoice's status, once one exists: what the tests read.
    #[cfg(test)]
    pub fn status(&self) -> Option<&Status> {
        match &self.phase {
            Phase::Tracking(t) => Some(&t.invoice.status),
            _ => None,
        }
    }

    /// The invoice to follow: one exists and its status is not final.
    pub fn followed(&self) -> Option<String> {
        match &self.phase {
            Phase::Tracking(t) if !t.invoice.status.is_final() => Some(t.invoice.id.clone()),
            _ => None,
        }
    }

    /// Seconds until the widget asks again by itself after a 429 on load.
    pub fn load_wait(&self) -> Option<u32> {
        match &self.phase {
            Phase::LoadFailed(ApiError::RateLimited { retry_after }) => Some(*retry_after),
            _ => None,
        }
    }

    /// Seconds until the widget confirms again by itself: the payer asked
    /// for the invoice and the API answered 429.
    pub fn create_wait(&self) -> Option<u32> {
        match &self.phase {
            Phase::Choosing(Choice { error: Some(ApiError::RateLimited { retry_after }), .. }) => Some(*retry_after),
            _ => None,
        }
    }

    /// Where focus belongs, as a selector in the shadow root; the selector
    /// changes exactly when the payer's step does. Loading the coins moves
    /// nothing: the page keeps its focus until the payer acts.
    pub fn focus_target(&self) -> Option<String> {
        match &self.phase {
            Phase::Choosing(Choice { coin: Some(coin), network: None, .. }) => {
                Some(format!(".gc-networks[data-coin=\"{coin}\"] .gc-option"))
            }
            Phase::Choosing(Choice { coin: Some(_), network: Some(_), .. }) => Some(".gc-pay".into()),
            Phase::Tracking(t) if t.invoice.status == Status::Paid || t.expired() => Some(".gc-result-title".into()),
            Phase::Tracking(t) => Some(format!(".gc-payment[data-invoice=\"{}\"] .gc-status-box", t.invoice.id)),
            _ => None,
        }
    }

    /// The error to report to the page, if the state holds one.
    pub fn error(&self) -> Option<&ApiError> {
        match &self.phase {
            Phase::LoadFailed(e) => Some(e),
            Phase::Choosing(c) => c.error.as_ref(),
            Phase::Tracking(t) => t.error.as_ref(),
            Phase::Loading | Phase::Creating(_) => None,
        }
        .filter(|e| **e != ApiError::Aborted)
    }
}

/// The coin and network a new invoice takes after `t`'s expired: its own,
/// while the coins still offer that pair.
pub fn renewal(t: &Tracking) -> Option<(String, String)> {
    let (coin, network) = (&t.invoice.cryptocurrency, &t.invoice.network);
    t.data.methods.get(coin).and_then(|m| m.networks.get(network)).map(|_| (coin.clone(), network.clone()))
}

impl Tracking {
    /// Tracking `invoice`, labelled from the coins the payer chose from.
    fn new(data: &Rc<WidgetData>, invoice: Invoice, resumed: bool) -> Tracking {
        let method = data.methods.get(&invoice.cryptocurrency);
        let coin_label = method.map_or_else(|| invoice.cryptocurrency.to_ascii_uppercase(), |m| m.label.clone());
        let network_label = method
            .and_then(|m| m.networks.get(&invoice.network))
            .map_or_else(|| invoice.network.to_ascii_uppercase(), |n| n.label.clone());
        Tracking {
            invoice: Rc::new(invoice),
            data: data.clone(),
            project_name: data.project_name.clone(),
            coin_label,
            network_label,
            error: None,
            deadline: Deadline::Ahead,
            wallet: WalletStep::Idle,
            wallet_sends: 0,
            resumed,
        }
    }
}

/// What a kept invoice is to a payer who comes back to its order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Comeback {
    /// Still open, or already paid or confirming: shown as it is.
    Open,
    /// This order's, but its time ran out: shown as expired, with what
    /// arrived and what to do about a late payment, never silently dropped.
    Expired,
    /// Not this order's: forgotten.
    Foreign,
}

/// What `invoice`, kept for `query`'s order, is to a payer back at `now_ms`.
pub fn comeback(invoice: &Invoice, query: &WidgetQuery, now_ms: f64) -> Comeback {
    if resumable(invoice, query, now_ms) {
        Comeback::Open
    } else if invoice.project_id == query.project_id && invoice.order_id == query.order_id {
        Comeback::Expired
    } else {
        Comeback::Foreign
    }
}

/// Whether a kept invoice may be shown again: the same project and order,
/// and not expired, by its status or by its time.
pub fn resumable(invoice: &Invoice, query: &WidgetQuery, now_ms: f64) -> bool {
    let in_time = getcrypto_api::time::parse_rfc3339(&invoice.expires_at).is_none_or(|t| t as f64 > now_ms)
        || invoice.status == Status::Paid
        || invoice.status == Status::Confirming;
    invoice.project_id == query.project_id
        && invoice.order_id == query.order_id
        && invoice.status != Status::Expired
        && in_time
}

impl State {
    /// The state after `action`, as the runtime keeps it: the same `Rc`
    /// when nothing changed, so that no render follows.
    pub fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
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
    use getcrypto_api::fixtures::invoice;
    use getcrypto_api::{Method, NetworkInfo, OrderedMap};

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

    fn run(actions: Vec<Action>) -> State {
        actions.into_iter().fold(State::default(), |s, a| s.next(a))
    }

    fn choice(s: &State) -> &Choice {
        match &s.phase {
            Phase::Choosing(c) | Phase::Creating(c) => c,
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
        let s = run(vec![Action::Loaded(data()), Action::ChooseCoin("btc".into()), Action::Confirm]);
        assert!(matches!(s.phase, Phase::Creating(_)));
        assert!(!s.can_create(), "a second confirm must not create again");
        assert_eq!(s.next(Action::Confirm), s);
        assert_eq!(s.next(Action::ChooseCoin("usdt".into())), s);
        assert_eq!(s.next(Action::Back), s);
    }

    #[test]
    fn failed_creation_can_be_retried() {
        let s = run(vec![
            Action::Loaded(data()),
            Action::ChooseCoin("btc".into()),
            Action::Confirm,
            Action::CreateFailed(ApiError::Server(500)),
        ]);
        assert_eq!(choice(&s).error, Some(ApiError::Server(500)));
        assert_eq!(s.error(), Some(&ApiError::Server(500)), "reported to the page");
        assert!(s.can_create());
    }

    #[test]
    fn statuses_follow_until_final() {
        let s = run(vec![
            Action::Loaded(data()),
            Action::ChooseCoin("usdt".into()),
            Action::ChooseNetwork("trc20".into()),
            Action::Confirm,
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
            Action::Confirm,
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
        let creating = run(vec![Action::Loaded(data()), Action::ChooseCoin("btc".into()), Action::Confirm]);
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

    #[test]
    fn a_429_waits_where_it_came() {
        let s = run(vec![Action::LoadFailed(ApiError::RateLimited { retry_after: 7 })]);
        assert_eq!((s.load_wait(), s.create_wait()), (Some(7), None));
        let s = run(vec![
            Action::Loaded(data()),
            Action::ChooseCoin("btc".into()),
            Action::Confirm,
            Action::CreateFailed(ApiError::RateLimited { retry_after: 3 }),
        ]);
        assert_eq!((s.load_wait(), s.create_wait()), (None, Some(3)));
        assert!(s.can_create(), "the wait ends in a confirm of its own");
    }

    #[test]
    fn focus_follows_the_payers_step() {
        let s = run(vec![Action::Loaded(data())]);
        assert_eq!(s.focus_target(), None, "loading the coins takes no focus");
        let s = s.next(Action::ChooseCoin("usdt".into()));
        assert_eq!(s.focus_target().as_deref(), Some(".gc-networks[data-coin=\"usdt\"] .gc-option"));
        let s = s.next(Action::ChooseNetwork("trc20".into()));
        assert_eq!(s.focus_target().as_deref(), Some(".gc-pay"));
        let s = s.next(Action::Confirm);
        assert_eq!(s.focus_target(), None, "nothing moves while the invoice is made");
        let s = s.next(Action::Created(invoice("pending")));
        assert_eq!(s.focus_target().as_deref(), Some(".gc-payment[data-invoice=\"in_64e5a94d9c3f4\"] .gc-status-box"));
        let s = s.next(Action::Polled(invoice("paid")));
        assert_eq!(s.focus_target().as_deref(), Some(".gc-result-title"));
    }

    #[test]
    fn errors_are_reported_but_not_an_abort() {
        assert_eq!(run(vec![Action::LoadFailed(ApiError::Offline)]).error(), Some(&ApiError::Offline));
        let s = run(vec![Action::Loaded(data()), Action::Resumed(invoice("pending"))]);
        assert_eq!(s.next(Action::PollFailed(ApiError::Aborted)).error(), None);
        assert_eq!(s.next(Action::PollFailed(ApiError::Timeout)).error(), Some(&ApiError::Timeout));
    }

    #[test]
    fn a_wallet_sends_once_and_never_marks_anything_paid() {
        let s = run(vec![Action::Loaded(data()), Action::Resumed(invoice("pending"))]);
        let send = || Action::WalletSend { id: "w1".into(), name: "Wallet One".into() };
        let s = s.next(send());
        let Phase::Tracking(t) = &s.phase else { panic!() };
        assert_eq!(t.wallet, WalletStep::Sending { id: "w1".into(), name: "Wallet One".into(), attempt: 1 });
        assert_eq!(s.next(send()), s, "a second press while the wallet is asked sends nothing");
        let sent = s.next(Action::WalletSent("0xabc".into()));
        let Phase::Tracking(t) = &sent.phase else { panic!() };
        assert_eq!(t.wallet, WalletStep::Sent { name: "Wallet One".into(), hash: "0xabc".into() });
        assert_eq!(sent.status(), Some(&Status::Pending), "the API says when it is paid");
        assert_eq!(sent.next(Action::WalletSent("0xdef".into())), sent, "one hash per send");
        let cancelled = s.next(Action::WalletCancelled);
        let Phase::Tracking(t) = &cancelled.phase else { panic!() };
        assert_eq!(t.wallet, WalletStep::Cancelled);
        let again = cancelled.next(send());
        let Phase::Tracking(t) = &again.phase else { panic!() };
        assert_eq!(t.wallet, WalletStep::Sending { id: "w1".into(), name: "Wallet One".into(), attempt: 2 });
        let paid = run(vec![Action::Loaded(data()), Action::Resumed(invoice("paid"))]);
        assert_eq!(paid.next(send()), paid, "nothing is sent for a paid invoice");
    }

    #[test]
    fn the_servers_clock_is_kept_and_a_repeat_changes_nothing() {
        let s = State::default().next(Action::ServerClock(-300_000.0));
        assert_eq!(s.clock_offset_ms, -300_000.0);
        assert_eq!(s.next(Action::ServerClock(-300_000.0)), s);
    }

    #[test]
    fn a_kept_invoice_comes_back_only_for_its_order_and_in_time() {
        let query = getcrypto_api::validate::widget_query(|f| match f {
            "project_id" => getcrypto_api::validate::Raw::Text("pr_64e5a94d9c3f4"),
            "currency" => getcrypto_api::validate::Raw::Text("eur"),
            "language" => getcrypto_api::validate::Raw::Text("en"),
            "amount" => getcrypto_api::validate::Raw::Number("11"),
            "order_id" => getcrypto_api::validate::Raw::Text("ORD_123"),
            _ => getcrypto_api::validate::Raw::Missing,
        })
        .unwrap();
        let before = 1_795_428_000_000.0; // 10:00, the invoice expires at 10:30
        let after = before + 31.0 * 60_000.0;
        assert!(resumable(&invoice("pending"), &query, before));
        assert!(!resumable(&invoice("pending"), &query, after), "its time is over");
        assert!(resumable(&invoice("confirming"), &query, after), "a payment arrived in time");
        assert!(!resumable(&invoice("expired"), &query, before));
        let other = Invoice { order_id: "ORD_124".into(), ..invoice("pending") };
        assert!(!resumable(&other, &query, before), "another order's invoice");

        assert_eq!(comeback(&invoice("pending"), &query, before), Comeback::Open);
        assert_eq!(comeback(&invoice("expired"), &query, before), Comeback::Expired);
        assert_eq!(comeback(&invoice("pending"), &query, after), Comeback::Expired, "expired by its time");
        assert_eq!(comeback(&invoice("underpaid"), &query, after), Comeback::Expired);
        assert_eq!(comeback(&other, &query, before), Comeback::Foreign);
    }

    fn expired_invoice() -> State {
        run(vec![Action::Loaded(data()), Action::Resumed(invoice("expired"))])
    }

    #[test]
    fn an_expired_invoice_is_renewed_once_in_its_coin_and_network_and_only_when_asked() {
        let s = expired_invoice();
        assert!(matches!(&s.phase, Phase::Tracking(t) if t.expired()), "shown as expired: {s:?}");
        assert!(!s.can_create(), "nothing is created by coming back");
        let renewing = s.next(Action::Renew);
        match &renewing.phase {
            Phase::Creating(c) => {
                assert_eq!((c.coin.as_deref(), c.network.as_deref()), (Some("usdt"), Some("trc20")));
            }
            other => panic!("a renewal creates: {other:?}"),
        }
        assert_eq!(renewing.next(Action::Renew), renewing, "a second press while creating does nothing");
        let renewed = renewing.next(Action::Created(Invoice { id: "in_new".into(), ..invoice("pending") }));
        assert!(matches!(&renewed.phase, Phase::Tracking(t) if t.invoice.id == "in_new" && !t.expired()));
        assert_eq!(renewed.next(Action::Renew), renewed, "an open invoice is not renewed");
    }

    #[test]
    fn a_renewal_without_its_coin_goes_back_to_the_choices() {
        let gone = Invoice { cryptocurrency: "doge".into(), network: "doge".into(), ..invoice("expired") };
        let s = run(vec![Action::Loaded(data()), Action::Resumed(gone), Action::Renew]);
        assert!(matches!(&s.phase, Phase::Choosing(c) if c.coin.is_none()), "{s:?}");
    }

    #[test]
    fn another_tabs_new_invoice_replaces_the_expired_one_here() {
        let s = expired_invoice();
        let fresh = Invoice { id: "in_new".into(), ..invoice("pending") };
        let s = s.next(Action::Resumed(fresh));
        assert!(matches!(&s.phase, Phase::Tracking(t) if t.invoice.id == "in_new"));
        let again = s.next(Action::Resumed(Invoice { id: "in_third".into(), ..invoice("pending") }));
        assert_eq!(again, s, "an open invoice is never swapped");
    }
}
