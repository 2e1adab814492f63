//! The payment details: what to send, where, on which network, and how the
//! payment is going.

use super::address::{address, AddressArgs};
use super::copy_button::CopyButton;
use super::countdown::Countdown;
use super::network_notice::{network_notice, NetworkNoticeArgs};
use super::qr_code::QrCode;
use crate::i18n::Lang;
use crate::pay::Payment;
use crate::state::WalletStep;
use crate::vnode::html;
use crate::wallet::Wallet;
use getcrypto_api::Status;
use std::rc::Rc;
use yew::prelude::*;

/// What [`payment`] shows.
pub struct PaymentArgs {
    pub payment: Rc<Payment>,
    pub coin_label: AttrValue,
    pub network_label: AttrValue,
    pub t: Lang,
    /// A failed status check, already worded for the payer.
    pub notice: Option<AttrValue>,
    /// Added to the payer's clock to read the server's.
    pub clock_offset_ms: f64,
    /// Called when the countdown reaches zero.
    pub on_time_up: Callback<()>,
    /// Open in wallet goes before the QR code: a phone, whose camera cannot
    /// scan its own screen.
    pub wallet_first: bool,
    /// Browser wallets the payer can pay from, where the invoice is on an
    /// EVM chain.
    pub wallets: Rc<Vec<Wallet>>,
    pub wallet_step: WalletStep,
    /// The payer picked a wallet: `(id, name)`.
    pub on_wallet: Callback<(String, String)>,
}

/// The browser wallets, and how paying from one is going.
fn browser_wallets(props: &PaymentArgs) -> Html {
    let p = props.t;
    let sending = matches!(props.wallet_step, WalletStep::Sending { .. });
    let line = match &props.wallet_step {
        WalletStep::Idle => html! {},
        WalletStep::Sending { .. } => html! { <p class="gc-wallet-line" role="status">{ p.wallet_confirm() }</p> },
        WalletStep::Cancelled => html! { <p class="gc-wallet-line" role="status">{ p.wallet_cancelled() }</p> },
        WalletStep::Failed(message) => html! {
            <p class="gc-wallet-line gc-wallet-failed" role="alert">{ p.wallet_failed() }{ " " }{ message.clone() }</p>
        },
        WalletStep::Sent { hash, .. } => html! {
            <div class="gc-wallet-line" role="status">
                <p>{ p.wallet_sent() }</p>
                <div class="gc-field-row">
                    <code class="gc-tx" dir="ltr">{ hash.clone() }</code>
                    <CopyButton value={hash.clone()} label={p.copy()} aria_label={p.copy_hash()} done={p.copied()} failed={p.copy_failed()} />
                </div>
            </div>
        },
    };
    html! {
        <div class="gc-wallets">
            <span class="gc-field-caption">{ p.pay_with_wallet() }</span>
            { for props.wallets.iter().map(|w| {
                let onclick = props.on_wallet.reform({
                    let pick = (w.id.clone(), w.name.clone());
                    move |_: MouseEvent| pick.clone()
                });
                html! {
                    <button type="button" class="gc-button gc-secondary gc-wallet-option" data-wallet={w.id.clone()}
                        disabled={sending} {onclick}>
                        if let Some(icon) = &w.icon {
                            <img src={icon.clone()} alt="" width="20" height="20" />
                        }
                        { w.name.clone() }
                    </button>
                }
            }) }
            { line }
        </div>
    }
}

/// The payment details view.
pub fn payment(props: &PaymentArgs) -> Html {
    let (pay, p) = (&props.payment, props.t);
    let inv = &pay.invoice;
    let coin = props.coin_label.as_str();
    let due = &pay.due;
    let status_line = match &inv.status {
        Status::Pending => {
            html! { <p class="gc-status gc-waiting"><span class="gc-spinner" aria-hidden="true"></span>{ p.waiting() }</p> }
        }
        Status::Underpaid => html! {
            <p class="gc-status gc-underpaid">{ p.still_due(&p.money(&inv.amount_paid, coin), &p.money(due, coin)) }</p>
        },
        Status::Confirming => html! {
            <p class="gc-status gc-confirming"><span class="gc-spinner" aria-hidden="true"></span>
                { p.confirming(inv.confirmations, inv.confirmations_required) }</p>
        },
        Status::Unknown(s) => {
            html! { <p class="gc-status gc-unknown">{ p.status_unknown(s) }</p> }
        }
        Status::Paid | Status::Expired => html! {},
    };
    // A real link, to the same exact payment as the QR code; only the
    // schemes `wallet_uri` writes can reach its href.
    let wallet = pay
        .wallet_link
        .clone()
        .map(|href| html! { <a class="gc-button gc-wallet" href={href}>{ p.open_in_wallet() }</a> });
    let (wallet_before, wallet_after) = if props.wallet_first { (wallet, None) } else { (None, wallet) };
    html! {
        <section class="gc-payment" data-status={inv.status.as_str().to_owned()} data-invoice={inv.id.clone()}>
            { html(&network_notice(NetworkNoticeArgs {
                caption: p.network(),
                network: &props.network_label,
                warning: p.warn_network(coin, &props.network_label),
                change: None,
            })) }
            <div class="gc-status-box" role="status" aria-live="polite" tabindex="-1">{ status_line }</div>
            if pay.open {
                <div class="gc-field">
                    <span class="gc-field-caption">{ p.send_exactly() }</span>
                    <div class="gc-field-row">
                        <strong class="gc-amount" dir="ltr" data-amount={due.as_str().to_owned()}>
                            { p.format_amount(due) }<span class="gc-unit">{ " " }{ coin }</span>
                        </strong>
                        <CopyButton value={due.as_str().to_owned()} label={p.copy()} aria_label={p.copy_amount()} done={p.copied()} failed={p.copy_failed()} />
                    </div>
                </div>
                { for wallet_before }
                <figure class="gc-qr-box">
                    <QrCode uri={pay.uri.clone()} label={p.qr_label()} />
                    <figcaption>{ p.scan() }</figcaption>
                </figure>
                { for wallet_after }
                if !props.wallets.is_empty() {
                    { browser_wallets(props) }
                }
                <div class="gc-field">
                    <span class="gc-field-caption">{ p.address() }</span>
                    <div class="gc-field-row">
                        { address(&AddressArgs { value: inv.address.clone().into() }) }
                        <CopyButton value={inv.address.clone()} label={p.copy()} aria_label={p.copy_address()} done={p.copied()} failed={p.copy_failed()} />
                    </div>
                </div>
                if let Some(expires_ms) = pay.expires_ms {
                    <Countdown caption={p.time_left()} {expires_ms} clock_offset_ms={props.clock_offset_ms}
                        hurry={p.hurry()} on_time_up={props.on_time_up.clone()} />
                }
            } else {
                <dl class="gc-summary">
                    <dt>{ p.amount() }</dt><dd dir="ltr">{ p.money(&inv.amount, coin) }</dd>
                    <dt>{ p.address() }</dt><dd>{ address(&AddressArgs { value: inv.address.clone().into() }) }</dd>
                </dl>
            }
            if let Some(notice) = &props.notice {
                <p class="gc-notice" role="alert">{ notice.clone() }</p>
            }
            <p class="gc-invoice-id">{ p.invoice() }{ " " }<bdi>{ inv.id.clone() }</bdi></p>
        </section>
    }
}
