//! The widget's root: holds the state, runs the requests and timers, emits
//! the `getcrypto:*` events, and picks the view for where the payer is.

use super::coin_list::{coin_list, CoinListProps, CoinOption};
use super::error_box::{error_box, ErrorBoxProps};
use super::expired::{expired, ExpiredProps};
use super::header::{header, HeaderProps};
use super::network_list::{network_list, NetworkListProps};
use super::network_notice::{network_notice, NetworkNoticeProps};
use super::paid::Paid;
use super::payment::{payment, PaymentProps};
use super::skeleton::{skeleton, SkeletonProps};
use super::STYLE;
use crate::dom::{self, emit, ErrorDetail};
use crate::hooks::use_retry_after;
use crate::http::{ApiError, Client};
use crate::i18n::{self, texts};
use crate::params::Params;
use crate::poll::{Check, Done, Outcome, Poller};
use crate::state::{Action, Choice, Phase, State};
use getcrypto_api::validate::{self, Raw};
use getcrypto_api::{CreateInvoice, Invoice, Status};
use std::rc::Rc;
use web_sys::Element;
use yew::platform::spawn_local;
use yew::prelude::*;

/// Props of [`App`].
#[derive(Properties, PartialEq)]
pub struct AppProps {
    pub params: Rc<Params>,
    pub client: Client,
    /// The mount element, where events are dispatched.
    pub host: Element,
    /// Render the stylesheet as a `<style>`: the browser could not share one.
    pub own_style: bool,
}

/// The create body for the payer's choice, checked with the API's rules so
/// that a coin or network the API would refuse is never sent.
pub fn create_body(params: &Params, choice: &Choice) -> Result<CreateInvoice, String> {
    let q = &params.query;
    let amount = q.amount.to_string();
    validate::create_invoice(|name| match name {
        "language" => Raw::Text(q.language.as_str()),
        "input_amount" => Raw::Number(&amount),
        "currency" => Raw::Text(q.currency.as_str()),
        "cryptocurrency" => choice.coin.as_deref().map_or(Raw::Missing, Raw::Text),
        "project_id" => Raw::Text(&q.project_id),
        "order_id" => Raw::Text(&q.order_id),
        "network" => choice.network.as_deref().map_or(Raw::Missing, Raw::Text),
        "custom_fields" => params.custom_fields.as_deref().map_or(Raw::Missing, Raw::Text),
        _ => Raw::Missing,
    })
    .map_err(|e| e.summary())
}

/// Whether a kept invoice may be shown again: the same project and order,
/// and not expired, by its status or by its time.
pub fn resumable(invoice: &Invoice, params: &Params, now_ms: f64) -> bool {
    let q = &params.query;
    let in_time = crate::time::parse_rfc3339(&invoice.expires_at).is_none_or(|t| t > now_ms)
        || invoice.status == Status::Paid
        || invoice.status == Status::Confirming;
    invoice.project_id == q.project_id && invoice.order_id == q.order_id && invoice.status != Status::Expired && in_time
}

/// Where focus belongs in `state`, as a selector in the shadow root; the
/// selector changes exactly when the payer's step does.
pub fn focus_target(state: &State) -> Option<String> {
    match &state.phase {
        Phase::Choosing(c) if c.creating => None,
        Phase::Choosing(Choice { coin: Some(coin), network: None, .. }) => {
            Some(format!(".gc-networks[data-coin=\"{coin}\"] .gc-option"))
        }
        Phase::Choosing(Choice { coin: Some(_), network: Some(_), .. }) => Some(".gc-pay".into()),
        Phase::Tracking(t) if t.invoice.status == Status::Paid || t.expired() => Some(".gc-result-title".into()),
        Phase::Tracking(t) => Some(format!(".gc-payment[data-invoice=\"{}\"] .gc-status-box", t.invoice.id)),
        _ => None,
    }
}

/// The error to report as `getcrypto:error`, if the state holds one.
fn current_error(state: &State) -> Option<ApiError> {
    match &state.phase {
        Phase::LoadFailed(e) => Some(e.clone()),
        Phase::Choosing(c) => c.error.clone(),
        Phase::Tracking(t) => t.error.clone(),
        Phase::Loading => None,
    }
}

/// The widget.
#[component]
pub fn App(props: &AppProps) -> Html {
    let state = use_reducer(State::default);
    let lang = props.params.language();
    let t = texts(lang);

    // Load the coins, again after each retry, and resume the invoice this
    // tab already made for the order, unless it has expired.
    {
        let (dispatcher, client, params) = (state.dispatcher(), props.client.clone(), props.params.clone());
        use_effect_with(state.attempt, move |_| {
            spawn_local(async move {
                let data = match client.widget(&params.query).await {
                    Ok(data) => data,
                    Err(ApiError::Aborted) => return,
                    Err(e) => return dispatcher.dispatch(Action::LoadFailed(e)),
                };
                let q = &params.query;
                let resumed = match dom::remembered_invoice(&q.project_id, &q.order_id) {
                    None => None,
                    Some(id) => match client.invoice(&id).await {
                        Ok(inv) if resumable(&inv, &params, dom::now_ms()) => Some(inv),
                        Err(ApiError::Aborted) => return,
                        // A passing failure keeps the id for the next load.
                        Err(ApiError::Offline | ApiError::Timeout | ApiError::Server(_)) => None,
                        _ => {
                            dom::forget_invoice(&q.project_id, &q.order_id);
                            None
                        }
                    },
                };
                dispatcher.dispatch(Action::Loaded(data));
                if let Some(inv) = resumed {
                    dispatcher.dispatch(Action::Resumed(inv));
                }
            });
        });
    }

    // A 429 on load is answered by waiting as long as the API asks, then
    // asking again by itself.
    {
        let dispatcher = state.dispatcher();
        let wait = match &state.phase {
            Phase::LoadFailed(ApiError::RateLimited { retry_after }) => Some(*retry_after),
            _ => None,
        };
        use_retry_after(wait, move || dispatcher.dispatch(Action::Reload));
    }

    // Follow the invoice until its status is final.
    let polled = match &state.phase {
        Phase::Tracking(t) if !t.invoice.status.is_final() => Some(t.invoice.id.clone()),
        _ => None,
    };
    {
        let (dispatcher, client) = (state.dispatcher(), props.client.clone());
        use_effect_with(polled, move |id| {
            let poller = id.clone().map(|id| {
                let rate = {
                    let client = client.clone();
                    Box::new(move || client.rate())
                };
                let check: Check = Rc::new(move |done: Done| {
                    let (dispatcher, client, id) = (dispatcher.clone(), client.clone(), id.clone());
                    spawn_local(async move {
                        match client.invoice(&id).await {
                            Ok(invoice) => {
                                let last = invoice.status.is_final();
                                dispatcher.dispatch(Action::Polled(invoice));
                                done(if last { Outcome::Stop } else { Outcome::Continue(None) });
                            }
                            Err(ApiError::Aborted) => done(Outcome::Stop),
                            // A refused key will not be accepted later.
                            Err(ApiError::Unauthorized) => {
                                dispatcher.dispatch(Action::PollFailed(ApiError::Unauthorized));
                                done(Outcome::Stop);
                            }
                            Err(e) => {
                                dispatcher.dispatch(Action::PollFailed(e.clone()));
                                done(Outcome::Continue(Some(e)));
                            }
                        }
                    });
                });
                Poller::start(check, rate)
            });
            move || drop(poller)
        });
    }

    // Keep the open invoice for this order in the tab, so that a reload
    // resumes it; forget it once it has expired.
    {
        let params = props.params.clone();
        let kept = match &state.phase {
            Phase::Tracking(t) => Some((t.invoice.id.clone(), t.invoice.status == Status::Expired)),
            _ => None,
        };
        use_effect_with(kept, move |kept| {
            let q = &params.query;
            match kept {
                Some((_, true)) => dom::forget_invoice(&q.project_id, &q.order_id),
                Some((id, false)) => dom::remember_invoice(&q.project_id, &q.order_id, id),
                None => {}
            }
        });
    }

    // Focus follows the payer's path, so that it works from the keyboard
    // and a screen reader lands on what changed: a coin chosen moves it to
    // the networks, a network to Pay, a new invoice to its details, the end
    // to the result. Loading the coins moves nothing: the page keeps focus.
    {
        let host = props.host.clone();
        let target = focus_target(&state);
        use_effect_with(target, move |target| {
            if let Some(selector) = target {
                dom::focus_in(&host, selector);
            }
        });
    }

    // Events for the merchant's page.
    {
        let host = props.host.clone();
        let ready = matches!(state.phase, Phase::Choosing(_) | Phase::Tracking(_));
        let project = match &state.phase {
            Phase::Choosing(c) => Some(c.data.project_name.clone()),
            _ => None,
        };
        use_effect_with(ready, move |ready| {
            if *ready {
                #[derive(serde::Serialize)]
                struct Ready {
                    project_name: Option<String>,
                }
                emit(&host, "ready", &Ready { project_name: project });
            }
        });
    }
    {
        let host = props.host.clone();
        let invoice = match &state.phase {
            Phase::Tracking(t) => Some(t.invoice.clone()),
            _ => None,
        };
        let key = invoice.as_ref().map(|i| (i.id.clone(), i.status.clone()));
        let first = use_mut_ref(|| None::<String>);
        use_effect_with(key, move |key| {
            if let (Some((id, status)), Some(invoice)) = (key, invoice) {
                if first.borrow().as_deref() != Some(id.as_str()) {
                    *first.borrow_mut() = Some(id.clone());
                    emit(&host, "invoice", &*invoice);
                }
                emit(&host, "status", &*invoice);
                match status {
                    Status::Paid => emit(&host, "paid", &*invoice),
                    Status::Expired => emit(&host, "expired", &*invoice),
                    _ => {}
                }
            }
        });
    }
    {
        let host = props.host.clone();
        let error = current_error(&state).filter(|e| *e != ApiError::Aborted);
        use_effect_with(error, move |error| {
            if let Some(e) = error {
                emit(&host, "error", &ErrorDetail { message: &e.describe(lang) });
            }
        });
    }

    // A guard beside the reducer: two clicks within one frame both see the
    // pre-click state, and only one of them may send the request.
    let sending = use_mut_ref(|| false);
    let create: Rc<dyn Fn()> = {
        let (state, client, params, sending) =
            (state.clone(), props.client.clone(), props.params.clone(), sending.clone());
        Rc::new(move || {
            let Phase::Choosing(choice) = &state.phase else {
                return;
            };
            if *sending.borrow() || !state.can_create() {
                return;
            }
            let body = match create_body(&params, choice) {
                Ok(b) => b,
                Err(message) => {
                    state.dispatch(Action::CreateStarted);
                    state.dispatch(Action::CreateFailed(ApiError::Rejected { status: 422, message }));
                    return;
                }
            };
            *sending.borrow_mut() = true;
            state.dispatch(Action::CreateStarted);
            let (dispatcher, client, sending) = (state.dispatcher(), client.clone(), sending.clone());
            spawn_local(async move {
                let result = client.create_invoice(&body).await;
                *sending.borrow_mut() = false;
                match result {
                    Ok(invoice) => dispatcher.dispatch(Action::Created(invoice)),
                    Err(ApiError::Aborted) => {}
                    Err(e) => dispatcher.dispatch(Action::CreateFailed(e)),
                }
            });
        })
    };
    let on_confirm = {
        let create = create.clone();
        Callback::from(move |_: MouseEvent| create())
    };
    // The payer asked for the invoice: after a 429, ask again by itself once
    // Retry-After has passed, and not before.
    let create_wait = match &state.phase {
        Phase::Choosing(Choice { error: Some(ApiError::RateLimited { retry_after }), creating: false, .. }) => {
            Some(*retry_after)
        }
        _ => None,
    };
    {
        let create = create.clone();
        use_retry_after(create_wait, move || create());
    }
    let dispatch = |action: fn(AttrValue) -> Action| {
        let state = state.clone();
        Callback::from(move |v: AttrValue| state.dispatch(action(v)))
    };
    let on_coin = dispatch(|v| Action::ChooseCoin(v.to_string()));
    let on_network = dispatch(|v| Action::ChooseNetwork(v.to_string()));
    let on_back = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Back))
    };
    let on_time_up = {
        let state = state.clone();
        Callback::from(move |_: ()| state.dispatch(Action::TimeUp))
    };
    let on_reload = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Reload))
    };

    let q = &props.params.query;
    let order = format!("{} {}", t.order, q.order_id);
    let total = i18n::money(lang, &q.amount, &q.currency.as_str().to_ascii_uppercase());
    let body = match &state.phase {
        Phase::Loading => skeleton(&SkeletonProps { label: t.loading.into() }),
        Phase::LoadFailed(e) => error_box(&ErrorBoxProps {
            title: Some(t.load_failed.into()),
            message: e.describe(lang).into(),
            retry: e.retry_by_hand().then(|| (AttrValue::from(t.retry), on_reload.clone())),
        }),
        Phase::Choosing(c) => {
            let data = &c.data;
            let coins: Vec<CoinOption> = data
                .methods
                .iter()
                .map(|(id, m)| CoinOption {
                    id: AttrValue::from(id.to_owned()),
                    label: AttrValue::from(m.label.clone()),
                    amount: data.amounts.get(id).map(|a| i18n::money(lang, &a.0, &m.label)).unwrap_or_default().into(),
                })
                .collect();
            let method = c.coin.as_deref().and_then(|id| data.methods.get(id).map(|m| (id, m)));
            let network_label =
                method.and_then(|(_, m)| c.network.as_deref().and_then(|n| m.networks.get(n))).map(|n| n.label.clone());
            let amount = c.coin.as_deref().and_then(|id| data.amounts.get(id));
            html! {
                <>
                    { header(&HeaderProps { project_name: data.project_name.clone().into(), order: order.clone().into(), total: total.clone().into() }) }
                    if data.methods.is_empty() {
                        { error_box(&ErrorBoxProps { title: None, message: t.nothing_to_pay.into(), retry: None }) }
                    }
                    { coin_list(&CoinListProps {
                        heading: t.choose_coin.into(),
                        coins,
                        selected: c.coin.clone().map(AttrValue::from),
                        disabled: c.creating,
                        onchoose: on_coin,
                    }) }
                    if let Some((_, m)) = method.filter(|(_, m)| m.networks.len() > 1) {
                        { network_list(&NetworkListProps {
                            heading: t.choose_network.into(),
                            coin: c.coin.clone().unwrap_or_default().into(),
                            networks: m.networks.iter().map(|(id, n)| (AttrValue::from(id.to_owned()), AttrValue::from(n.label.clone()))).collect(),
                            selected: c.network.clone().map(AttrValue::from),
                            disabled: c.creating,
                            onchoose: on_network,
                        }) }
                    }
                    if let (Some((_, m)), Some(net)) = (method, network_label) {
                        { network_notice(&NetworkNoticeProps {
                            caption: t.network.into(),
                            network: net.clone().into(),
                            warning: i18n::network_warning(lang, &m.label, &net).into(),
                            change: (!c.creating).then(|| (AttrValue::from(t.change), on_back.clone())),
                        }) }
                        if let Some(amount) = amount {
                            <button type="button" class="gc-button gc-pay" disabled={c.creating || create_wait.is_some()} aria-busy={c.creating.to_string()}
                                onclick={on_confirm}>
                                { if c.creating { t.creating.to_owned() } else { i18n::pay_button(lang, &amount.0, &m.label) } }
                            </button>
                        }
                    }
                    if let Some(e) = &c.error {
                        { error_box(&ErrorBoxProps { title: Some(t.create_failed.into()), message: e.describe(lang).into(), retry: None }) }
                    }
                </>
            }
        }
        Phase::Tracking(tr) => {
            let inv = &tr.invoice;
            match &inv.status {
                Status::Paid => html! {
                    <Paid title={t.paid_title} body={i18n::paid_body(lang, &inv.order_id)}
                        amount={i18n::money(lang, &inv.amount, &tr.coin_label)}
                        return_url={inv.success_url.clone().map(AttrValue::from)} return_label={t.return_now} returning={Callback::from(move |n| i18n::returning(lang, n))} />
                },
                _ if tr.expired() => expired(&ExpiredProps {
                    title: t.expired_title.into(),
                    body: t.expired_body.into(),
                    return_url: inv.fail_url.clone().map(AttrValue::from),
                    return_label: t.return_to_store.into(),
                }),
                _ => html! {
                    <>
                        { header(&HeaderProps { project_name: tr.project_name.clone().into(), order: order.clone().into(), total: total.clone().into() }) }
                        { payment(&PaymentProps {
                            invoice: inv.clone(),
                            coin_label: tr.coin_label.clone().into(),
                            network_label: tr.network_label.clone().into(),
                            language: lang,
                            notice: tr.error.as_ref().map(|e| AttrValue::from(format!("{} {}", t.poll_failed, e.describe(lang)))),
                            clock_offset_ms: props.client.clock_offset(),
                            on_time_up: on_time_up.clone(),
                        }) }
                    </>
                },
            }
        }
    };
    html! {
        <div class="gc-widget" lang={lang.as_str()}>
            if props.own_style {
                <style>{ STYLE }</style>
            }
            { body }
        </div>
    }
}
