//! The invoice is paid: say so, and, as the shop chose (`after_paid`), take
//! the payer back to the store after a few seconds (the payment counts
//! them down), offer the button only, or stay.

use super::result::result;
use crate::i18n::Lang;
use crate::vnode::{class, el, V};
use getcrypto_api::url::is_web_url;

/// Seconds the success view stays before the move to `success_url`.
pub const RETURN_AFTER_SECS: u32 = 5;

/// The store's `success_url` where the shop offers the way back
/// (`after_paid`), and only when it is http or https.
pub fn return_url(success_url: Option<&str>, offer: bool) -> Option<&str> {
    success_url.filter(|u| offer && is_web_url(u))
}

/// What [`paid`] shows.
pub struct PaidArgs<'a> {
    pub t: Lang,
    pub order_id: &'a str,
    /// `11.944214 USDT`.
    pub amount: String,
    /// Where the payer goes back to ([`return_url`]).
    pub return_url: Option<&'a str>,
    /// Seconds before the move to `return_url`, when the widget leaves by
    /// itself.
    pub leaving_in: Option<u32>,
}

/// The success view.
pub fn paid(args: PaidArgs) -> V {
    let t = args.t;
    result("gc-paid", "status", "✓", t.paid_title())
        .child(class("p", "gc-result-amount").text(args.amount))
        .child(el("p").text(t.thanks(args.order_id)))
        .children(args.return_url.into_iter().flat_map(|url| {
            let returning = args.leaving_in.map(|n| class("p", "gc-returning").text(t.returning_in(n)).into());
            let link =
                class("a", "gc-button").attr("href", url).attr("rel", "noopener noreferrer").text(t.return_now());
            returning.into_iter().chain([link.into()])
        }))
        .into()
}
