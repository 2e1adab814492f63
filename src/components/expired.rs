//! The invoice expired: say so, say what arrived before it did, tell a payer
//! who sent coins late what to do (the store settles it by the invoice's
//! id), and offer one way on: a new invoice, made only when pressed.

use super::copy_button::{with_copy, Copied, CopyArgs, Copyable};
use super::result::result;
use crate::i18n::Lang;
use crate::vnode::{class, V};
use getcrypto_api::url::is_web_url;

/// What [`expired`] shows.
pub struct ExpiredArgs<'a> {
    pub t: Lang,
    pub invoice_id: &'a str,
    /// What arrived before the end, when anything did, and what to do.
    pub body: String,
    /// `Start a new invoice in USDT (TRC20)`, on the button the payment
    /// reads by its `gc-renew`.
    pub renew_label: String,
    /// The store's `fail_url`; shown only when http or https.
    pub return_url: Option<&'a str>,
    /// How the last copy of the invoice's id went.
    pub copied: Copied,
}

/// The fail view.
pub fn expired(args: ExpiredArgs) -> V {
    let t = args.t;
    result("gc-expired", "alert", "!", t.expired_title())
        .child(class("p", "gc-expired-body").text(args.body))
        .child(class("div", "gc-field gc-expired-id").child(class("span", "gc-field-caption").text(t.invoice())).child(
            with_copy(
                class("code", "gc-tx").attr("dir", "ltr").attr("data-invoice", args.invoice_id).text(args.invoice_id),
                CopyArgs { what: Copyable::Invoice, aria_label: t.copy_invoice(), copied: args.copied, t },
            ),
        ))
        .child(class("button", "gc-button gc-renew").attr("type", "button").text(args.renew_label))
        .maybe(args.return_url.filter(|u| is_web_url(u)).map(|url| {
            class("a", "gc-button gc-secondary")
                .attr("href", url)
                .attr("rel", "noopener noreferrer")
                .attr("target", "_top")
                .text(t.return_to_store())
        }))
        .into()
}
