//! An invoice being paid: the payment details while it is open, then the
//! paid or expired view.

use super::copy_button::{Copied, Copyable};
use super::expired::{expired, ExpiredArgs};
use super::header::order_header;
use super::paid::{paid, PaidArgs};
use super::payment::{payment, PaymentArgs};
use crate::i18n::Lang;
use crate::pay::Payment;
use crate::qr::QrPath;
use crate::state::{renewal, Tracking};
use crate::vnode::V;
use crate::wallet::Wallet;
use getcrypto_api::{Status, WidgetQuery};

/// What [`tracking`] shows.
pub struct TrackingArgs<'a> {
    pub tracking: &'a Tracking,
    /// What paying `tracking`'s invoice takes.
    pub payment: &'a Payment,
    pub query: &'a WidgetQuery,
    pub t: Lang,
    /// Milliseconds left before the invoice expires, where that can be read.
    pub left_ms: Option<f64>,
    pub wallets: &'a [Wallet],
    pub qr: Option<&'a QrPath>,
    pub copied: &'a dyn Fn(Copyable) -> Copied,
    /// The paid view's way back to the store (`paid::return_url`), and the
    /// seconds before the widget takes it by itself.
    pub paid_return: Option<&'a str>,
    pub leaving_in: Option<u32>,
    pub wallet_first: bool,
}

/// The tracking view.
pub fn tracking(args: &TrackingArgs) -> Vec<V> {
    let (tr, t) = (args.tracking, args.t);
    let inv = &tr.invoice;
    match &inv.status {
        Status::Paid => vec![paid(PaidArgs {
            t,
            order_id: &inv.order_id,
            amount: t.money(&inv.amount, &tr.coin_label),
            return_url: args.paid_return,
            leaving_in: args.leaving_in,
        })],
        _ if tr.expired() => vec![expired(ExpiredArgs {
            t,
            invoice_id: &inv.id,
            body: if inv.amount_paid.is_zero() {
                t.expired_body().into()
            } else {
                t.expired_part(&t.money(&inv.amount_paid, &tr.coin_label), &t.money(&inv.amount, &tr.coin_label))
            },
            renew_label: t.renewal(renewal(tr).map(|_| (tr.coin_label.as_str(), tr.network_label.as_str()))),
            return_url: inv.fail_url.as_deref(),
            copied: (args.copied)(Copyable::Invoice),
        })],
        _ => vec![
            order_header(&tr.project_name, args.query, t),
            payment(&PaymentArgs {
                payment: args.payment,
                coin_label: &tr.coin_label,
                network_label: &tr.network_label,
                t,
                notice: tr.error.as_ref().map(|e| format!("{} {}", t.poll_failed(), t.describe(e))),
                left_ms: args.left_ms,
                wallet_first: args.wallet_first,
                wallets: args.wallets,
                wallet_step: &tr.wallet,
                qr: args.qr,
                copied: args.copied,
            }),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::{Deadline, WalletStep};
    use crate::vnode::El;
    use getcrypto_api::fixtures::{invoice, query};
    use getcrypto_api::{OrderedMap, WidgetData};
    use std::rc::Rc;

    fn tracked(status: &str) -> Tracking {
        let data = WidgetData {
            project_name: "Shop".into(),
            success_url: None,
            fail_url: None,
            methods: OrderedMap(Vec::new()),
            amounts: OrderedMap(Vec::new()),
        };
        Tracking {
            invoice: Rc::new(invoice(status)),
            data: Rc::new(data),
            project_name: "Shop".into(),
            coin_label: "USDT".into(),
            network_label: "TRC20".into(),
            error: None,
            deadline: Deadline::Ahead,
            wallet: WalletStep::Idle,
            wallet_sends: 0,
            resumed: false,
        }
    }

    /// The view of `tr`, its address told copied.
    fn view(tr: &Tracking, paid_return: Option<&str>, leaving_in: Option<u32>) -> Vec<V> {
        let payment = Payment::new((*tr.invoice).clone());
        let qr = crate::qr::qr_path(&payment.uri);
        let copied = |what: Copyable| if what == Copyable::Address { Copied::Done } else { Copied::Idle };
        tracking(&TrackingArgs {
            tracking: tr,
            payment: &payment,
            query: &query(),
            t: Lang::default(),
            left_ms: Some(61_000.0),
            wallets: &[],
            qr: qr.as_ref(),
            copied: &copied,
            paid_return,
            leaving_in,
            wallet_first: false,
        })
    }

    fn all(view: &[V]) -> Vec<&El> {
        view.iter().flat_map(V::elements).collect()
    }

    fn text(view: &[V]) -> String {
        view.iter().map(V::text_content).collect()
    }

    #[test]
    fn an_open_invoice_shows_the_exact_amount_network_address_and_qr() {
        let tr = tracked("pending");
        let v = view(&tr, None, None);
        let els = all(&v);
        let amount = els.iter().find(|e| e.get("class") == Some("gc-amount")).expect("the amount");
        assert_eq!(amount.get("data-amount"), Some("11.944214"));
        let copies: Vec<_> = els.iter().filter_map(|e| e.get("data-copy")).collect();
        assert_eq!(copies, ["amount", "address"], "each copy button says which value it copies");
        let said: Vec<_> = els.iter().filter(|e| e.tag == "button").filter_map(|e| e.get("data-copied")).collect();
        assert_eq!(said, ["false", "true"], "only the address was copied");
        let qr = els.iter().find(|e| e.tag == "svg").expect("the QR code");
        assert_eq!(qr.get("data-uri"), Some(Payment::new(invoice("pending")).uri.as_str()));
        assert!(els.iter().any(|e| e.tag == "path" && e.get("d").is_some_and(|d| !d.is_empty())));
        let t = text(&v);
        assert!(t.contains("TRC20") && t.contains("in_64e5a94d9c3f4") && t.contains("01:01"), "{t}");
    }

    #[test]
    fn a_paid_invoice_says_so_and_counts_down_only_when_it_leaves() {
        let tr = tracked("paid");
        let v = view(&tr, Some("https://shop.example/ok"), Some(3));
        let link = all(&v).into_iter().find(|e| e.tag == "a").expect("the way back");
        assert_eq!(link.get("href"), Some("https://shop.example/ok"));
        assert!(text(&v).contains(&Lang::default().returning_in(3)));
        let v = view(&tr, Some("https://shop.example/ok"), None);
        assert!(!text(&v).contains(&Lang::default().returning_in(3)), "no countdown when it stays");
        let v = view(&tr, None, None);
        assert!(!all(&v).iter().any(|e| e.tag == "a"), "no link without a way back");
        assert!(!all(&v).iter().any(|e| e.get("data-copy").is_some()), "nothing to pay, nothing to copy");
    }

    #[test]
    fn a_return_url_is_followed_only_when_http_or_https() {
        use crate::components::paid::return_url;
        assert_eq!(return_url(Some("https://shop.example/ok"), true), Some("https://shop.example/ok"));
        assert_eq!(return_url(Some("javascript:alert(1)"), true), None);
        assert_eq!(return_url(Some("https://shop.example/ok"), false), None);
        let mut tr = tracked("expired");
        Rc::make_mut(&mut tr.invoice).fail_url = Some("javascript:alert(1)".into());
        let v = view(&tr, None, None);
        assert!(!all(&v).iter().any(|e| e.tag == "a"), "a script URL is not a way back");
    }

    #[test]
    fn an_expired_invoice_offers_a_new_one_and_its_id_to_copy() {
        let tr = tracked("expired");
        let v = view(&tr, None, None);
        let els = all(&v);
        assert!(els.iter().any(|e| e.get("class") == Some("gc-button gc-renew") && e.tag == "button"));
        assert_eq!(els.iter().filter_map(|e| e.get("data-copy")).collect::<Vec<_>>(), ["invoice"]);
        let back = els.iter().find(|e| e.tag == "a").expect("the way back");
        assert_eq!(back.get("href"), Some("https://shop.example/fail"));
        assert!(!els.iter().any(|e| e.tag == "svg" || e.get("data-amount").is_some()), "nothing invites a payment");
    }
}
