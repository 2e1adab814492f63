//! Values every side's tests build from: an amount from its text and the
//! contract's example invoice. Written once so that a change to the invoice
//! body reaches every test.

use crate::{Amount, Currency, Invoice, Language, Status, WidgetQuery};

/// `Amount` from text that is known to be one.
///
/// # Panics
/// When `text` is not an amount: a fixture's mistake.
#[allow(clippy::expect_used)]
pub fn amount(text: &str) -> Amount {
    Amount::parse(text).expect("a fixture's amount")
}

/// CONTRACT.md's example invoice (11 EUR as 11.944214 USDT on TRC20), with
/// `status`.
pub fn invoice(status: &str) -> Invoice {
    Invoice {
        id: "in_64e5a94d9c3f4".into(),
        status: Status::parse(status),
        project_id: "pr_64e5a94d9c3f4".into(),
        order_id: "ORD_123".into(),
        input_amount: Some(amount("11")),
        currency: "eur".into(),
        cryptocurrency: "usdt".into(),
        network: "trc20".into(),
        amount: amount("11.944214"),
        amount_paid: amount("0"),
        address: "TTYj9tqNtCrb9nay5vwnkQp2dBAPvW48TJ".into(),
        confirmations: 0,
        confirmations_required: 1,
        created_at: "2026-11-23T10:00:00Z".into(),
        expires_at: "2026-11-23T10:30:00Z".into(),
        success_url: Some("https://shop.example/ok".into()),
        fail_url: Some("https://shop.example/fail".into()),
    }
}

/// CONTRACT.md's example order: 11 EUR for `ORD_123`, in English.
pub fn query() -> WidgetQuery {
    WidgetQuery {
        project_id: "pr_64e5a94d9c3f4".into(),
        currency: Currency::Eur,
        language: Language::En,
        amount: amount("11"),
        order_id: "ORD_123".into(),
    }
}
