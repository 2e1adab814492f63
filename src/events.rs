//! What the widget tells the merchant's page: every `getcrypto:*` event,
//! its name and its detail, in one place.

use crate::error::ApiError;
use crate::to_js::to_js;
use getcrypto_api::{Invoice, Status};
use serde::Serialize;
use wasm_bindgen::JsValue;

/// One event for the page.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum WidgetEvent<'a> {
    /// The coins are shown, or a kept invoice is: `{ project_name, resumed }`.
    Ready { project_name: Option<&'a str>, resumed: bool },
    /// An invoice was created here (`resumed: false`) or found (`true`): its
    /// fields and `resumed`.
    Invoice(&'a Invoice, bool),
    /// Its first status, or a change: its fields and `resumed`, true for
    /// the status found when the widget came to the invoice.
    Status(&'a Invoice, bool),
    /// Seen becoming paid, announced once per invoice in any tab, ever.
    Paid(&'a Invoice),
    /// Seen becoming expired, announced as `Paid` is.
    Expired(&'a Invoice),
    /// A failure the payer can see: a stable code and their words.
    Error(Failure<'a>),
    /// A browser wallet sent a transaction for the invoice.
    Transaction { invoice_id: &'a str, hash: &'a str, wallet: &'a str },
}

/// `getcrypto:error`'s detail. `code` is stable for the shop's code to
/// branch on; `message` is what the payer reads, in their language.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Failure<'a> {
    pub code: &'static str,
    pub message: &'a str,
    /// The API's HTTP status, for a refusal.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// Seconds the widget waits before asking again, for a 429.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u32>,
}

impl<'a> Failure<'a> {
    /// The failure of an API request, as the payer reads it in `message`.
    pub fn api(e: &ApiError, message: &'a str) -> Failure<'a> {
        let (status, retry_after) = match e {
            ApiError::Rejected { status, .. } => (Some(*status), None),
            ApiError::Server(status) if *status > 0 => (Some(*status), None),
            ApiError::Unauthorized => (Some(401), None),
            ApiError::RateLimited { retry_after } => (Some(429), Some(*retry_after)),
            _ => (None, None),
        };
        Failure { code: e.code(), message, status, retry_after }
    }
}

#[derive(Serialize)]
struct Ready<'a> {
    project_name: Option<&'a str>,
    resumed: bool,
}

#[derive(Serialize)]
struct Transaction<'a> {
    invoice_id: &'a str,
    hash: &'a str,
    wallet: &'a str,
}

/// The invoice's fields and `resumed`.
fn invoice_detail(invoice: &Invoice, resumed: bool) -> Option<JsValue> {
    let detail = to_js(invoice).ok()?;
    js_sys::Reflect::set(&detail, &JsValue::from_str("resumed"), &JsValue::from_bool(resumed)).ok()?;
    Some(detail)
}

impl WidgetEvent<'_> {
    /// The event's type, `getcrypto:` and this.
    pub fn name(&self) -> &'static str {
        match self {
            WidgetEvent::Ready { .. } => "ready",
            WidgetEvent::Invoice(..) => "invoice",
            WidgetEvent::Status(..) => "status",
            WidgetEvent::Paid(_) => "paid",
            WidgetEvent::Expired(_) => "expired",
            WidgetEvent::Error(_) => "error",
            WidgetEvent::Transaction { .. } => "transaction",
        }
    }

    /// The event's `detail`, a plain object.
    pub fn detail(&self) -> JsValue {
        match self {
            WidgetEvent::Ready { project_name, resumed } => {
                to_js(&Ready { project_name: *project_name, resumed: *resumed }).ok()
            }
            WidgetEvent::Invoice(i, resumed) | WidgetEvent::Status(i, resumed) => invoice_detail(i, *resumed),
            WidgetEvent::Paid(i) | WidgetEvent::Expired(i) => invoice_detail(i, false),
            WidgetEvent::Error(failure) => to_js(failure).ok(),
            WidgetEvent::Transaction { invoice_id, hash, wallet } => {
                to_js(&Transaction { invoice_id, hash, wallet }).ok()
            }
        }
        .unwrap_or(JsValue::NULL)
    }
}

/// What the widget knows of an invoice when it tells the page about it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Seen {
    /// This widget has not told the page of this invoice before.
    pub first: bool,
    /// The status is the one found when the widget came to the invoice.
    pub resumed: bool,
}

/// The events an invoice's new state gives, in order: `invoice` the first
/// time this widget sees the invoice, then `status` every time. `paid` or
/// `expired` follow only as news ([`end_news`]).
pub fn invoice_events(invoice: &Invoice, seen: Seen) -> Vec<WidgetEvent<'_>> {
    let mut events = Vec::with_capacity(2);
    if seen.first {
        events.push(WidgetEvent::Invoice(invoice, seen.resumed));
    }
    events.push(WidgetEvent::Status(invoice, seen.resumed));
    events
}

/// `paid` or `expired` where the state is an end the widget saw happen,
/// told once its announcement is claimed (no tab told it yet): an end
/// found again is never news.
pub fn end_news(invoice: &Invoice, resumed: bool) -> Option<WidgetEvent<'_>> {
    match invoice.status {
        _ if resumed => None,
        Status::Paid => Some(WidgetEvent::Paid(invoice)),
        Status::Expired => Some(WidgetEvent::Expired(invoice)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use getcrypto_api::fixtures::invoice;

    fn names(events: &[WidgetEvent]) -> Vec<&'static str> {
        events.iter().map(WidgetEvent::name).collect()
    }

    const LIVE: Seen = Seen { first: false, resumed: false };

    #[test]
    fn an_invoice_is_announced_once_and_each_status_after() {
        let pending = invoice("pending");
        assert_eq!(names(&invoice_events(&pending, Seen { first: true, ..LIVE })), ["invoice", "status"]);
        assert_eq!(names(&invoice_events(&invoice("confirming"), LIVE)), ["status"]);
        assert_eq!(names(&invoice_events(&invoice("paid"), LIVE)), ["status"], "paid follows once claimed");
        assert_eq!(names(&invoice_events(&invoice("refunded"), LIVE)), ["status"]);
    }

    #[test]
    fn only_an_end_seen_happening_is_news() {
        assert_eq!(end_news(&invoice("paid"), false).map(|e| e.name()), Some("paid"));
        assert_eq!(end_news(&invoice("expired"), false).map(|e| e.name()), Some("expired"));
        assert!(end_news(&invoice("paid"), true).is_none(), "a reload after paying");
        assert!(end_news(&invoice("expired"), true).is_none());
        for status in ["pending", "confirming", "underpaid", "refunded"] {
            assert!(end_news(&invoice(status), false).is_none(), "{status}");
        }
    }
}
