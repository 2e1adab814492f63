//! The payment details: what to send, where, on which network, and how the
//! payment is going.

use super::address::{address, AddressProps};
use super::copy_button::{copy_button, CopyButtonProps};
use super::countdown::{countdown, CountdownProps};
use super::network_notice::{network_notice, NetworkNoticeProps};
use super::qr_code::{qr_code, QrCodeProps};
use crate::i18n::{self, texts};
use crate::state::{CopyTarget, WalletStep};
use crate::wallet::Wallet;
use getcrypto_api::amount::format_amount;
use getcrypto_api::uri::{payment_uri, wallet_uri};
use getcrypto_api::{Invoice, Language, Status};
use std::rc::Rc;
use yew::prelude::*;

/// What [`payment`] shows.
pub struct PaymentProps {
    pub invoice: Rc<Invoice>,
    pub coin_label: AttrValue,
    pub network_label: AttrValue,
    pub language: Language,
    /// A failed status check, already worded for the payer.
    pub notice: Option<AttrValue>,
    /// Milliseconds left to pay, by the server's clock; `None` before the
    /// first tick or without a readable expiry.
    pub time_left_ms: Option<f64>,
    /// The last copy and whether it worked, until it fades.
    pub copied: Option<(CopyTarget, bool)>,
    pub on_copy: Callback<(CopyTarget, String)>,
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

/// The copy button for `value`, with its own outcome.
fn copy(props: &PaymentProps, target: CopyTarget, value: String, aria_label: &'static str) -> Html {
    let t = texts(props.language);
    let on_copy = props.on_copy.clone();
    copy_button(&CopyButtonProps {
        label: t.copy.into(),
        aria_label: aria_label.into(),
        done: t.copied.into(),
        failed: t.copy_failed.into(),
        outcome: props.copied.filter(|(copied, _)| *copied == target).map(|(_, ok)| ok),
        onclick: Callback::from(move |_: MouseEvent| on_copy.emit((target, value.clone()))),
    })
}

/// The browser wallets, and how paying from one is going.
fn browser_wallets(props: &PaymentProps) -> Html {
    let t = texts(props.language);
    let sending = matches!(props.wallet_step, WalletStep::Sending { .. });
    let line = match &props.wallet_step {
        WalletStep::Idle => html! {},
        WalletStep::Sending { .. } => html! { <p class="gc-wallet-line" role="status">{ t.wallet_confirm }</p> },
        WalletStep::Cancelled => html! { <p class="gc-wallet-line" role="status">{ t.wallet_cancelled }</p> },
        WalletStep::Failed(message) => html! {
            <p class="gc-wallet-line gc-wallet-failed" role="alert">{ t.wallet_failed }{ " " }{ message.clone() }</p>
        },
        WalletStep::Sent { hash, .. } => html! {
            <div class="gc-wallet-line" role="status">
                <p>{ t.wallet_sent }</p>
                <div class="gc-field-row">
                    <code class="gc-tx">{ hash.clone() }</code>
                    { copy(props, CopyTarget::Hash, hash.clone(), t.copy_hash) }
                </div>
            </div>
        },
    };
    html! {
        <div class="gc-wallets">
            <span class="gc-field-caption">{ t.pay_with_wallet }</span>
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
pub fn payment(props: &PaymentProps) -> Html {
    let (inv, lang) = (&props.invoice, props.language);
    let t = texts(lang);
    let coin = props.coin_label.as_str();
    let due = inv.amount_due();
    let open = inv.status.accepts_payment() || matches!(inv.status, Status::Unknown(_));
    let status_line = match &inv.status {
        Status::Pending => {
            html! { <p class="gc-status gc-waiting"><span class="gc-spinner" aria-hidden="true"></span>{ t.waiting }</p> }
        }
        Status::Underpaid => html! {
            <p class="gc-status gc-underpaid">{ i18n::underpaid(lang, &i18n::money(lang, &inv.amount_paid, coin), &i18n::money(lang, &due, coin)) }</p>
        },
        Status::Confirming => html! {
            <p class="gc-status gc-confirming"><span class="gc-spinner" aria-hidden="true"></span>
                { i18n::confirmations(lang, inv.confirmations, inv.confirmations_required) }</p>
        },
        Status::Unknown(s) => {
            html! { <p class="gc-status gc-unknown">{ i18n::unknown_status(lang, s) }</p> }
        }
        Status::Paid | Status::Expired => html! {},
    };
    let uri = payment_uri(&inv.cryptocurrency, &inv.network, &inv.address, &due);
    // A real link, to the same exact payment as the QR code; only the
    // schemes `wallet_uri` writes can reach its href.
    let wallet = wallet_uri(&inv.cryptocurrency, &inv.network, &inv.address, &due)
        .map(|href| html! { <a class="gc-button gc-wallet" href={href}>{ t.open_in_wallet }</a> });
    let (wallet_before, wallet_after) = if props.wallet_first { (wallet, None) } else { (None, wallet) };
    html! {
        <section class="gc-payment" data-status={inv.status.as_str().to_owned()} data-invoice={inv.id.clone()}>
            { network_notice(&NetworkNoticeProps {
                caption: t.network.into(),
                network: props.network_label.clone(),
                warning: i18n::network_warning(lang, coin, &props.network_label).into(),
                change: None,
            }) }
            <div class="gc-status-box" role="status" aria-live="polite" tabindex="-1">{ status_line }</div>
            if open {
                <div class="gc-field">
                    <span class="gc-field-caption">{ t.send_exactly }</span>
                    <div class="gc-field-row">
                        <strong class="gc-amount" data-amount={due.as_str().to_owned()}>
                            { format_amount(&due, lang) }<span class="gc-unit">{ " " }{ coin }</span>
                        </strong>
                        { copy(props, CopyTarget::Amount, due.as_str().to_owned(), t.copy_amount) }
                    </div>
                </div>
                { for wallet_before }
                <figure class="gc-qr-box">
                    { qr_code(&QrCodeProps { uri: uri.into(), label: t.qr_label.into() }) }
                    <figcaption>{ t.scan }</figcaption>
                </figure>
                { for wallet_after }
                if !props.wallets.is_empty() {
                    { browser_wallets(props) }
                }
                <div class="gc-field">
                    <span class="gc-field-caption">{ t.address }</span>
                    <div class="gc-field-row">
                        { address(&AddressProps { value: inv.address.clone().into() }) }
                        { copy(props, CopyTarget::Address, inv.address.clone(), t.copy_address) }
                    </div>
                </div>
                if let Some(left_ms) = props.time_left_ms {
                    { countdown(&CountdownProps { caption: t.time_left.into(), left_ms, hurry: t.hurry.into() }) }
                }
            } else {
                <dl class="gc-summary">
                    <dt>{ t.amount }</dt><dd>{ i18n::money(lang, &inv.amount, coin) }</dd>
                    <dt>{ t.address }</dt><dd>{ address(&AddressProps { value: inv.address.clone().into() }) }</dd>
                </dl>
            }
            if let Some(notice) = &props.notice {
                <p class="gc-notice" role="alert">{ notice.clone() }</p>
            }
            <p class="gc-invoice-id">{ t.invoice }{ " " }{ inv.id.clone() }</p>
        </section>
    }
}
