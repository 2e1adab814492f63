//! What the widget tells the merchant's page: every `getcrypto:*` event,
//! its name and its detail, in one place.

use crate::to_js::to_js;
use getcrypto_api::{Invoice, Status};
use serde::Serialize;
use wasm_bindgen::JsValue;

/// One event for the page.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum WidgetEvent<'a> {
    /// The coins are shown, or a kept invoice is: `{ project_name }`.
    Ready {
        project_name: Option<&'a str>,
    },
    /// An invoice was created or resumed: its fields.
    Invoice(&'a Invoice),
    /// Its status changed: its fields.
    Status(&'a Invoice),
    Paid(&'a Invoice),
    Expired(&'a Invoice),
    /// Something failed: `{ message }`, as the payer reads it.
    Error {
        message: &'a str,
    },
    /// A browser wallet sent a transaction for the invoice.
    Transaction {
        invoice_id: &'a str,
        hash: &'a str,
        wallet: &'a str,
    },
}

#[derive(Serialize)]
struct Ready<'a> {
    project_name: Option<&'a str>,
}

#[derive(Serialize)]
struct Error<'a> {
    message: &'a str,
}

#[derive(Serialize)]
struct Transaction<'a> {
    invoice_id: &'a str,
    hash: &'a str,
    wallet: &'a str,
}

impl WidgetEvent<'_> {
    /// The event's type, `getcrypto:` and this.
    pub fn name(&self) -> &'static str {
        match self {
            WidgetEvent::Ready { .. } => "ready",
            WidgetEvent::Invoice(_) => "invoice",
            WidgetEvent::Status(_) => "status",
            WidgetEvent::Paid(_) => "paid",
            WidgetEvent::Expired(_) => "expired",
            WidgetEvent::Error { .. } => "error",
            WidgetEvent::Transaction { .. } => "transaction",
        }
    }

    /// The event's `detail`, a plain object.
    pub fn detail(&self) -> JsValue {
        match self {
            WidgetEvent::Ready { project_name } => to_js(&Ready { project_name: *project_name }),
            WidgetEvent::Invoice(i) | WidgetEvent::Status(i) | WidgetEvent::Paid(i) | WidgetEvent::Expired(i) => {
                to_js(i)
            }
            WidgetEvent::Error { message } => to_js(&Error { message }),
            WidgetEvent::Transaction { invoice_id, hash, wallet } => to_js(&Transaction { invoice_id, hash, wallet }),
        }
        .unwrap_or(JsValue::NULL)
    }
}

/// The events an invoice's new state gives, in order: `invoice` the first
/// time this invoice is seen, `status` every time, then `paid` or `expired`
/// when the API says so.
pub fn invoice_events(invoice: &Invoice, first_seen: bool) -> Vec<WidgetEvent<'_>> {
    let mut events = Vec::with_capacity(3);
    if first_seen {
        events.push(WidgetEvent::Invoice(invoice));
    }
    events.push(WidgetEvent::Status(invoice));
    match invoice.status {
        Status::Paid => events.push(WidgetEvent::Paid(invoice)),
        Status::Expired => events.push(WidgetEvent::Expired(invoice)),
        _ => {}
    }
    events
}

#[cfg(test)]
mod tests {
    use super::*;
    use getcrypto_api::fixtures::invoice;

    fn names(events: &[WidgetEvent]) -> Vec<&'static str> {
        events.iter().map(WidgetEvent::name).collect()
    }

    #[test]
    fn an_invoice_is_announced_once_and_each_status_after() {
        let pending = invoice("pending");
        assert_eq!(names(&invoice_events(&pending, true)), ["invoice", "status"]);
        assert_eq!(names(&invoice_events(&invoice("confirming"), false)), ["status"]);
        assert_eq!(names(&invoice_events(&invoice("paid"), false)), ["status", "paid"]);
        assert_eq!(names(&invoice_events(&invoice("expired"), true)), ["invoice", "status", "expired"]);
        assert_eq!(names(&invoice_events(&invoice("refunded"), false)), ["status"]);
    }
}
