//! Invoices kept in memory, and how a simulated payment moves them:
//! `pending` → `underpaid` → `confirming` → `paid`, or `expired`.

use crate::{address, clock};
use getcrypto_api::time::format_rfc3339;
use getcrypto_api::{Amount, CreateInvoice, Invoice, Status};
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// An invoice with what the sandbox keeps beside it.
#[derive(Clone, Debug)]
pub struct Record {
    pub invoice: Invoice,
    /// The API key that created it: only that key may read it.
    pub key: String,
    pub custom_fields: Option<String>,
    pub expires_unix: i64,
}

/// Every invoice, in creation order.
#[derive(Debug, Default)]
pub struct Store {
    invoices: HashMap<String, Record>,
    order: Vec<String>,
    minted: u64,
}

/// Why a simulated event cannot happen to an invoice.
#[derive(Debug, PartialEq)]
pub enum EventError {
    NotFound,
    Conflict(String),
}

impl Store {
    /// A fresh invoice id, `in_` and 13 hex digits like the docs' example.
    fn mint_id(&mut self) -> String {
        loop {
            self.minted += 1;
            let seed = format!("{}:{}:{}", self.minted, clock::now(), std::process::id());
            let digest = Sha256::digest(seed.as_bytes());
            let hex = hex::encode(digest);
            let id = format!("in_{}", &hex[..13]);
            if !self.invoices.contains_key(&id) {
                return id;
            }
        }
    }

    /// Creates and stores an invoice for an already validated request.
    #[allow(clippy::too_many_arguments)]
    pub fn create(
        &mut self,
        req: &CreateInvoice,
        key: &str,
        amount: Amount,
        success_url: &str,
        fail_url: &str,
        confirmations_required: u32,
        ttl: i64,
        now: i64,
    ) -> Invoice {
        let id = self.mint_id();
        let address = address::for_network(req.network.as_str(), &id).unwrap_or_default();
        let invoice = Invoice {
            id: id.clone(),
            status: Status::Pending,
            project_id: req.project_id.clone(),
            order_id: req.order_id.clone(),
            input_amount: Some(req.input_amount.0.clone()),
            currency: req.currency.as_str().to_owned(),
            cryptocurrency: req.cryptocurrency.as_str().to_owned(),
            network: req.network.as_str().to_owned(),
            amount,
            amount_paid: Amount::zero(),
            address,
            confirmations: 0,
            confirmations_required,
            created_at: format_rfc3339(now),
            expires_at: format_rfc3339(now + ttl),
            success_url: Some(success_url.to_owned()),
            fail_url: Some(fail_url.to_owned()),
        };
        self.invoices.insert(
            id.clone(),
            Record {
                invoice: invoice.clone(),
                key: key.to_owned(),
                custom_fields: req.custom_fields.clone(),
                expires_unix: now + ttl,
            },
        );
        self.order.push(id);
        invoice
    }

    /// The invoice as of `now` (expiring it if its time has come).
    pub fn get(&mut self, id: &str, now: i64) -> Option<&Record> {
        let record = self.invoices.get_mut(id)?;
        expire_if_due(record, now);
        Some(record)
    }

    /// Every invoice, newest first, as of `now`.
    pub fn list(&mut self, now: i64) -> Vec<Record> {
        let mut out = Vec::with_capacity(self.order.len());
        for id in self.order.iter().rev() {
            if let Some(r) = self.invoices.get_mut(id) {
                expire_if_due(r, now);
                out.push(r.clone());
            }
        }
        out
    }

    /// Applies a simulated event to the invoice `id`.
    pub fn apply(&mut self, id: &str, now: i64, event: ChainEvent) -> Result<Invoice, EventError> {
        let record = self.invoices.get_mut(id).ok_or(EventError::NotFound)?;
        expire_if_due(record, now);
        apply(&mut record.invoice, event).map_err(EventError::Conflict)?;
        Ok(record.invoice.clone())
    }
}

fn expire_if_due(record: &mut Record, now: i64) {
    if record.invoice.status.accepts_payment() && now >= record.expires_unix {
        record.invoice.status = Status::Expired;
    }
}

/// Something that happens on the chain, simulated from `/sandbox/`.
#[derive(Clone, Debug, PartialEq)]
pub enum ChainEvent {
    /// The payer sends this much.
    Pay(Amount),
    /// The payer sends half of what is still due.
    PayPart,
    /// One more block confirms the payment.
    Confirm,
    /// The invoice's time runs out.
    Expire,
}

/// The status that the amounts and confirmations imply.
fn settle(inv: &mut Invoice) {
    inv.status = if inv.amount_paid.is_zero() {
        Status::Pending
    } else if inv.amount_paid < inv.amount {
        Status::Underpaid
    } else if inv.confirmations < inv.confirmations_required {
        Status::Confirming
    } else {
        Status::Paid
    };
}

/// Moves `inv` by `event`, or says why it cannot.
pub fn apply(inv: &mut Invoice, event: ChainEvent) -> Result<(), String> {
    if inv.status.is_final() {
        return Err(format!("The invoice is already {}.", inv.status.as_str()));
    }
    match event {
        ChainEvent::Pay(amount) => {
            if amount.is_zero() {
                return Err("The amount to pay must be greater than 0.".into());
            }
            if inv.status == Status::Confirming {
                return Err("The invoice is already paid in full and waits for confirmations.".into());
            }
            inv.amount_paid = inv.amount_paid.checked_add(&amount).ok_or("The amount is too large.")?;
        }
        ChainEvent::PayPart => {
            let half = inv.amount_due().half(crate::config::DECIMALS as u32);
            if half.is_zero() {
                return Err("Nothing is left to pay in part.".into());
            }
            return apply(inv, ChainEvent::Pay(half));
        }
        ChainEvent::Confirm => {
            if inv.amount_paid.is_zero() {
                return Err("Nothing has been paid yet, so there is nothing to confirm.".into());
            }
            inv.confirmations += 1;
        }
        ChainEvent::Expire => {
            if inv.status == Status::Confirming {
                return Err(
                    "The invoice is paid in full and only waits for confirmations: it no longer expires.".into()
                );
            }
            inv.status = Status::Expired;
            return Ok(());
        }
    }
    settle(inv);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use getcrypto_api::fixtures::amount as a;

    fn invoice(amount: &str, required: u32) -> Invoice {
        Invoice { amount: a(amount), confirmations_required: required, ..getcrypto_api::fixtures::invoice("pending") }
    }

    #[test]
    fn partial_then_full_then_confirmations() {
        let mut inv = invoice("11.944214", 2);
        apply(&mut inv, ChainEvent::PayPart).unwrap();
        assert_eq!((inv.status.clone(), inv.amount_paid.as_str()), (Status::Underpaid, "5.972107"));
        assert_eq!(inv.amount_due().as_str(), "5.972107");
        let due = inv.amount_due();
        apply(&mut inv, ChainEvent::Pay(due)).unwrap();
        assert_eq!(inv.status, Status::Confirming);
        apply(&mut inv, ChainEvent::Confirm).unwrap();
        assert_eq!((inv.status.clone(), inv.confirmations), (Status::Confirming, 1));
        apply(&mut inv, ChainEvent::Confirm).unwrap();
        assert_eq!(inv.status, Status::Paid);
        assert_eq!(apply(&mut inv, ChainEvent::Confirm).unwrap_err(), "The invoice is already paid.");
    }

    #[test]
    fn overpaying_still_pays() {
        let mut inv = invoice("1", 1);
        apply(&mut inv, ChainEvent::Pay(a("2"))).unwrap();
        assert_eq!(inv.status, Status::Confirming);
        apply(&mut inv, ChainEvent::Confirm).unwrap();
        assert_eq!(inv.status, Status::Paid);
    }

    #[test]
    fn refusals_say_why() {
        let mut inv = invoice("1", 1);
        assert!(apply(&mut inv, ChainEvent::Confirm).unwrap_err().contains("Nothing has been paid"));
        apply(&mut inv, ChainEvent::Expire).unwrap();
        assert_eq!(inv.status, Status::Expired);
        assert_eq!(apply(&mut inv, ChainEvent::Pay(a("1"))).unwrap_err(), "The invoice is already expired.");
        let mut inv = invoice("1", 3);
        apply(&mut inv, ChainEvent::Pay(a("1"))).unwrap();
        assert!(apply(&mut inv, ChainEvent::Expire).unwrap_err().contains("no longer expires"));
    }
}
