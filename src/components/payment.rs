//! The payment details: what to send, where, on which network, and how the
//! payment is going.

use super::address::address;
use super::copy_button::{with_copy, Copied, CopyArgs, Copyable};
use super::countdown::countdown;
use super::network_notice::{network_notice, NetworkNoticeArgs};
use super::qr_code::qr_code;
use crate::i18n::Lang;
use crate::pay::Payment;
use crate::qr::QrPath;
use crate::state::WalletStep;
use crate::vnode::{class, el, El, V};
use crate::wallet::Wallet;
use getcrypto_api::Status;

/// What [`payment`] shows.
pub struct PaymentArgs<'a> {
    pub payment: &'a Payment,
    pub coin_label: &'a str,
    pub network_label: &'a str,
    pub t: Lang,
    /// A failed status check, already worded for the payer.
    pub notice: Option<String>,
    /// Milliseconds left before the invoice expires, by the server's clock,
    /// where its expiry can be read.
    pub left_ms: Option<f64>,
    /// Open in wallet goes before the QR code: a phone, whose camera cannot
    /// scan its own screen.
    pub wallet_first: bool,
    /// Browser wallets the payer can pay from, where the invoice is on an
    /// EVM chain (or TRC20, for TronLink).
    pub wallets: &'a [Wallet],
    pub wallet_step: &'a WalletStep,
    /// The QR code's drawing of the payment's URI.
    pub qr: Option<&'a QrPath>,
    /// How the last copy of each value went.
    pub copied: &'a dyn Fn(Copyable) -> Copied,
}

/// The browser wallets, and how paying from one is going. Each wallet's
/// button carries its id (`data-wallet`), which the payment reads.
fn browser_wallets(args: &PaymentArgs) -> V {
    let t = args.t;
    let sending = matches!(args.wallet_step, WalletStep::Sending { .. });
    let line = |text: &str| class("p", "gc-wallet-line").attr("role", "status").text(text);
    let line: Option<El> = match args.wallet_step {
        WalletStep::Idle => None,
        WalletStep::Sending { .. } => Some(line(t.wallet_confirm())),
        WalletStep::Cancelled => Some(line(t.wallet_cancelled())),
        WalletStep::Failed(message) => Some(
            class("p", "gc-wallet-line gc-wallet-failed")
                .attr("role", "alert")
                .text(t.wallet_failed())
                .text(" ")
                .text(message.as_str()),
        ),
        WalletStep::Sent { hash, .. } => {
            Some(class("div", "gc-wallet-line").attr("role", "status").child(el("p").text(t.wallet_sent())).child(
                with_copy(
                    class("code", "gc-tx").attr("dir", "ltr").text(hash.as_str()),
                    CopyArgs {
                        what: Copyable::Hash,
                        aria_label: t.copy_hash(),
                        copied: (args.copied)(Copyable::Hash),
                        t,
                    },
                ),
            ))
        }
    };
    class("div", "gc-wallets")
        .child(class("span", "gc-field-caption").text(t.pay_with_wallet()))
        .children(args.wallets.iter().map(|w| {
            class("button", "gc-button gc-secondary gc-wallet-option")
                .attr("type", "button")
                .attr("data-wallet", w.id.as_str())
                .flag("disabled", sending)
                .maybe(w.icon.as_ref().map(|icon| {
                    el("img").attr("src", icon.as_str()).attr("alt", "").attr("width", "20").attr("height", "20")
                }))
                .text(w.name.as_str())
                .into()
        }))
        .maybe(line)
        .into()
}

/// The payment details view.
pub fn payment<'a>(args: &PaymentArgs<'a>) -> V {
    let (pay, t, coin) = (args.payment, args.t, args.coin_label);
    let inv = &pay.invoice;
    let due = &pay.due;
    let spinner = || class("span", "gc-spinner").attr("aria-hidden", "true");
    let status_line = match &inv.status {
        Status::Pending => Some(class("p", "gc-status gc-waiting").child(spinner()).text(t.waiting())),
        Status::Underpaid => Some(
            class("p", "gc-status gc-underpaid")
                .text(t.still_due(&t.money(&inv.amount_paid, coin), &t.money(due, coin))),
        ),
        Status::Confirming => Some(
            class("p", "gc-status gc-confirming")
                .child(spinner())
                .text(t.confirming(inv.confirmations, inv.confirmations_required)),
        ),
        Status::Unknown(s) => Some(class("p", "gc-status gc-unknown").text(t.status_unknown(s))),
        Status::Paid | Status::Expired => None,
    };
    let copy = |what: Copyable, aria_label: &'a str| CopyArgs { what, aria_label, copied: (args.copied)(what), t };
    let mut section = class("section", "gc-payment")
        .attr("data-status", inv.status.as_str())
        .attr("data-invoice", inv.id.as_str())
        .child(network_notice(NetworkNoticeArgs {
            caption: t.network(),
            network: args.network_label,
            warning: t.warn_network(coin, args.network_label),
            change: None,
        }))
        .child(
            class("div", "gc-status-box")
                .attr("role", "status")
                .attr("aria-live", "polite")
                .attr("tabindex", "-1")
                .maybe(status_line),
        );
    if pay.open {
        // A real link, to the same exact payment as the QR code; only the
        // schemes `wallet_uri` writes can reach its href.
        let wallet = pay
            .wallet_link
            .as_ref()
            .map(|href| class("a", "gc-button gc-wallet").attr("href", href.as_str()).text(t.open_in_wallet()));
        let (wallet_before, wallet_after) = if args.wallet_first { (wallet, None) } else { (None, wallet) };
        section = section
            .child(
                class("div", "gc-field").child(class("span", "gc-field-caption").text(t.send_exactly())).child(
                    with_copy(
                        class("strong", "gc-amount")
                            .attr("dir", "ltr")
                            .attr("data-amount", due.as_str())
                            .text(t.format_amount(due))
                            .child(class("span", "gc-unit").text(" ").text(coin)),
                        copy(Copyable::Amount, t.copy_amount()),
                    ),
                ),
            )
            .maybe(wallet_before)
            .child(
                class("figure", "gc-qr-box")
                    .maybe(qr_code(&pay.uri, t.qr_label(), args.qr))
                    .child(el("figcaption").text(t.scan())),
            )
            .maybe(wallet_after)
            .maybe((!args.wallets.is_empty()).then(|| browser_wallets(args)))
            .child(
                class("div", "gc-field")
                    .child(class("span", "gc-field-caption").text(t.address()))
                    .child(with_copy(address(&inv.address), copy(Copyable::Address, t.copy_address()))),
            )
            .maybe(args.left_ms.map(|left| countdown(t, left)));
    } else {
        section = section.child(
            class("dl", "gc-summary")
                .child(el("dt").text(t.amount()))
                .child(el("dd").attr("dir", "ltr").text(t.money(&inv.amount, coin)))
                .child(el("dt").text(t.address()))
                .child(el("dd").child(address(&inv.address))),
        );
    }
    section
        .maybe(args.notice.clone().map(|notice| class("p", "gc-notice").attr("role", "alert").text(notice)))
        .child(class("p", "gc-invoice-id").text(t.invoice()).text(" ").child(el("bdi").text(inv.id.as_str())))
        .into()
}
