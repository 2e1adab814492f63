//! An invoice being paid: the payment details while it is open, then the
//! paid or expired view.

use super::expired::{expired, ExpiredArgs};
use super::header::order_header;
use super::paid::Paid;
use super::payment::{payment, PaymentArgs};
use crate::i18n::Lang;
use crate::params::AfterPaid;
use crate::pay::Payment;
use crate::state::{renewal, Action, Tracking};
use crate::vnode::html;
use crate::wallet::Wallet;
use getcrypto_api::{Status, WidgetQuery};
use std::rc::Rc;
use yew::prelude::*;

/// What [`tracking`] shows.
pub struct TrackingArgs<'a> {
    pub tracking: &'a Tracking,
    /// What paying `tracking`'s invoice takes.
    pub payment: Rc<Payment>,
    pub query: &'a WidgetQuery,
    pub t: Lang,
    /// Added to the payer's clock to read the server's.
    pub clock_offset_ms: f64,
    pub dispatch: &'a Callback<Action>,
    pub wallets: Rc<Vec<Wallet>>,
    pub after_paid: AfterPaid,
}

/// The tracking view.
pub fn tracking(props: &TrackingArgs) -> Html {
    let (tr, p) = (props.tracking, props.t);
    let inv = &tr.invoice;
    match &inv.status {
        Status::Paid => html! {
            <Paid title={p.paid_title()} body={p.thanks(&inv.order_id)}
                amount={p.money(&inv.amount, &tr.coin_label)}
                return_url={inv.success_url.clone().map(AttrValue::from)} return_label={p.return_now()}
                returning={Callback::from(move |n| p.returning_in(n))}
                leave={props.after_paid.leaves_by_itself(tr.resumed)} offer={props.after_paid.offers_return()} />
        },
        _ if tr.expired() => expired(&ExpiredArgs {
            t: p,
            invoice_id: inv.id.clone().into(),
            body: if inv.amount_paid.is_zero() {
                p.expired_body().into()
            } else {
                p.expired_part(&p.money(&inv.amount_paid, &tr.coin_label), &p.money(&inv.amount, &tr.coin_label)).into()
            },
            renew_label: p.renewal(renewal(tr).map(|_| (tr.coin_label.as_str(), tr.network_label.as_str()))).into(),
            on_renew: props.dispatch.reform(|_: MouseEvent| Action::Renew),
            return_url: inv.fail_url.clone().map(AttrValue::from),
        }),
        _ => html! {
            <>
                { html(&order_header(&tr.project_name, props.query, p)) }
                { payment(&PaymentArgs {
                    payment: props.payment.clone(),
                    coin_label: tr.coin_label.clone().into(),
                    network_label: tr.network_label.clone().into(),
                    t: p,
                    notice: tr.error.as_ref().map(|e| AttrValue::from(format!("{} {}", p.poll_failed(), p.describe(e)))),
                    clock_offset_ms: props.clock_offset_ms,
                    on_time_up: props.dispatch.reform(|()| Action::TimeUp),
                    wallet_first: crate::dom::wallet_first(),
                    wallets: props.wallets.clone(),
                    wallet_step: tr.wallet.clone(),
                    on_wallet: props.dispatch.reform(|(id, name)| Action::WalletSend { id, name }),
                }) }
            </>
        },
    }
}
